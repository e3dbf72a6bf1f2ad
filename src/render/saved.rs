//! The dependency graph of a build kept as text beside its output (`.public.minh-graph`): what
//! each maker of outputs read and which files it made, so that the next one-shot `minh build`
//! renders again only what read a changed source and links every other file from the previous
//! output.

use super::{jobs, render_jobs_counted, Job};
use crate::diagnostics::Diagnostics;
use crate::render::Output;
use crate::resolve::reads::{Input, Reads};
use crate::resolve::Site;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

/// Every maker of outputs of a build, in the order [`super::render_recorded`] makes them, with
/// what it read and the files it made.
#[derive(Debug, Clone)]
pub struct Saved {
    nodes: Vec<(Job, Reads, Vec<PathBuf>)>,
}

/// Which makers of outputs `site` has, with `extra` (what else decides where each output goes):
/// a saved graph is only used for a site with the same.
fn fingerprint(site: &Site, extra: &str) -> String {
    let mut list = jobs(site);
    list.push(Job::History);
    let mut h = siphasher::sip::SipHasher13::new();
    h.write(format!("{list:?}").as_bytes());
    h.write(&[0xff]);
    h.write(extra.as_bytes());
    format!("{:016x}", h.finish())
}

/// One input as a line's field (`None` when it cannot be written on one line).
fn encode(input: &Input) -> Option<String> {
    let text = match input {
        Input::Page(p) => format!("page\t{}", p.to_str()?),
        Input::Pages(k) => format!("pages\t{k:?}"),
        Input::Records => "records".into(),
        Input::Providers => "providers".into(),
        Input::ProviderPlaces => "provider-places".into(),
        Input::Provider(p, id) => format!("provider\t{}\t{id}", p.to_str()?),
        Input::Provinces => "provinces".into(),
        Input::Hotlines => "hotlines".into(),
        Input::Datasets => "datasets".into(),
        Input::Theme => "theme".into(),
        Input::Templates => "templates".into(),
        Input::Template(name) => format!("template\t{name}"),
        Input::Strings(l) => format!("strings\t{}", l.code()),
        Input::String(l, key) => format!("string\t{}\t{key}", l.code()),
        Input::TemplateStrings(l, name) => format!("template-strings\t{}\t{name}", l.code()),
    };
    let fields = match input {
        Input::Provider(..) | Input::String(..) | Input::TemplateStrings(..) => 3,
        Input::Page(_) | Input::Pages(_) | Input::Strings(_) | Input::Template(_) => 2,
        _ => 1,
    };
    (text.split('\t').count() == fields && !text.contains('\n')).then_some(text)
}

/// An input read back from [`encode`]'s text, for the languages of `site`.
fn decode(text: &str, site: &Site) -> Option<Input> {
    let mut f = text.split('\t');
    let lang = |code: Option<&str>| {
        let code = code?;
        site.config.langs().iter().find(|l| l.code() == code)
    };
    let input = match f.next()? {
        "page" => Input::Page(PathBuf::from(f.next()?)),
        "pages" => {
            let name = f.next()?;
            let kind = crate::load::Kind::ALL
                .into_iter()
                .find(|k| format!("{k:?}") == name)?;
            Input::Pages(kind)
        }
        "records" => Input::Records,
        "providers" => Input::Providers,
        "provider-places" => Input::ProviderPlaces,
        "provider" => Input::Provider(PathBuf::from(f.next()?), f.next()?.to_string()),
        "provinces" => Input::Provinces,
        "hotlines" => Input::Hotlines,
        "datasets" => Input::Datasets,
        "theme" => Input::Theme,
        "templates" => Input::Templates,
        "template" => Input::Template(f.next()?.to_string()),
        "strings" => Input::Strings(lang(f.next())?),
        "string" => Input::String(lang(f.next())?, f.next()?.to_string()),
        "template-strings" => Input::TemplateStrings(lang(f.next())?, f.next()?.to_string()),
        _ => return None,
    };
    f.next().is_none().then_some(input)
}

impl Saved {
    /// The graph as text, for a site like `site` with the same `extra` (see [`Saved::parse`]);
    /// `None` when an input or a path cannot be written on one line.
    pub fn to_text(&self, site: &Site, extra: &str) -> Option<String> {
        let mut text = format!("{}\n", fingerprint(site, extra));
        let mut table: HashMap<&Input, usize> = HashMap::new();
        let mut nodes = String::new();
        for (_, reads, paths) in &self.nodes {
            let mut ids = Vec::with_capacity(reads.len());
            for r in reads {
                let next = table.len();
                let id = *table.entry(r).or_insert_with(|| next);
                if id == next {
                    let _ = writeln!(text, "i\t{}", encode(r)?);
                }
                ids.push(id.to_string());
            }
            let _ = write!(nodes, "n\t{}", ids.join(","));
            for p in paths {
                let p = p.to_str().filter(|p| !p.contains(['\t', '\n']))?;
                let _ = write!(nodes, "\t{p}");
            }
            nodes.push('\n');
        }
        text.push_str(&nodes);
        Some(text)
    }

    /// The graph saved by [`Saved::to_text`] for a site with exactly the makers of outputs of
    /// `site` and the same `extra`; `None` otherwise.
    pub fn parse(text: &str, site: &Site, extra: &str) -> Option<Saved> {
        let mut lines = text.lines();
        if lines.next()? != fingerprint(site, extra) {
            return None;
        }
        let mut list = jobs(site);
        list.push(Job::History);
        let mut table = Vec::new();
        let mut nodes = Vec::with_capacity(list.len());
        let mut jobs = list.into_iter();
        for line in lines {
            if let Some(input) = line.strip_prefix("i\t") {
                table.push(decode(input, site)?);
                continue;
            }
            let mut f = line.strip_prefix("n\t")?.split('\t');
            let ids = f.next()?;
            let mut reads = Reads::new();
            for id in ids.split(',').filter(|s| !s.is_empty()) {
                reads.insert(table.get(id.parse::<usize>().ok()?)?.clone());
            }
            nodes.push((jobs.next()?, reads, f.map(PathBuf::from).collect()));
        }
        jobs.next().is_none().then_some(Saved { nodes })
    }

    /// Every input any output read.
    pub fn inputs(&self) -> Reads {
        self.nodes
            .iter()
            .flat_map(|(_, r, _)| r.iter().cloned())
            .collect()
    }

    /// The files made by makers that read none of `changed`: the same in the new build.
    pub fn kept(&self, changed: &Reads) -> Vec<&Path> {
        self.nodes
            .iter()
            .filter(|(_, reads, _)| reads.is_disjoint(changed))
            .flat_map(|(_, _, paths)| paths.iter().map(PathBuf::as_path))
            .collect()
    }
}

/// Renders every output of `site` (`since` is `None`), or only those the saved graph says read
/// any of the changed inputs, handing each file to `put` on its rendering thread; returns what
/// `put` gave and the graph of the whole new build (`path` tells each file's output path).
pub fn render_saving<T: Send>(
    site: &Site,
    since: Option<(&Saved, &Reads)>,
    put: &(dyn Fn(Output) -> T + Sync),
    path: &dyn Fn(&T) -> &Path,
) -> Result<(Vec<T>, Saved), Diagnostics> {
    let list: Vec<Job> = match since {
        Some((saved, changed)) => saved
            .nodes
            .iter()
            .filter(|(_, reads, _)| !reads.is_disjoint(changed))
            .map(|(job, _, _)| *job)
            .collect(),
        None => {
            let mut list = jobs(site);
            list.push(Job::History);
            list
        }
    };
    let (made, graph, counts) = render_jobs_counted(site, &list, put)?;
    let mut files = made.iter();
    let redone: Vec<(Job, Reads, Vec<PathBuf>)> = graph
        .nodes
        .into_iter()
        .zip(counts)
        .map(|((job, reads), n)| {
            let paths = files.by_ref().take(n).map(|t| path(t).to_path_buf());
            (job, std::sync::Arc::unwrap_or_clone(reads), paths.collect())
        })
        .collect();
    let nodes = match since {
        Some((saved, changed)) => {
            // The makers rendered again come back in the saved graph's order.
            let mut redone = redone.into_iter();
            let mut nodes = saved.nodes.clone();
            for node in nodes.iter_mut().filter(|(_, r, _)| !r.is_disjoint(changed)) {
                if let Some((_, reads, paths)) = redone.next() {
                    node.1 = reads;
                    node.2 = paths;
                }
            }
            nodes
        }
        None => redone,
    };
    Ok((made, Saved { nodes }))
}
