//! Phase 3, render: every page through its tera template, in parallel, into in-memory files.

pub mod changes;
pub mod chart;
pub mod datacatalog;
pub mod datapackage;
pub mod finder;
pub mod frame;
pub mod laws;
pub mod number;
pub mod offline;
pub mod pagehistory;
pub mod saved;
pub mod searchdocs;
pub mod sitecontext;
pub mod sitedata;
pub mod stats;
pub mod view;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::kinds::plan::PlanFront;
use crate::load::kinds::Front;
use crate::load::Kind;
use crate::render::view::{Item, Link};
use crate::resolve::reads::{self, Input, Reads};
use crate::resolve::{Page, Site};
pub use frame::{base_view, page, Output};
pub use number::{format_number, number_marks};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;
pub use view::{facilities_by_province, ProvinceGroup};

/// One maker of outputs: a page to render (or the history pages, made together).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Job {
    Markdown(usize),
    Section(SectionKey, Lang),
    Finder(Lang),
    Province(crate::render::finder::ProvincePage, Lang),
    Facility(usize, Lang),
    Hotlines(Lang),
    Offline(Lang),
    StatsOverview(Lang),
    Dataset(usize, Lang),
    Commitments(Lang),
    NotFound(Lang),
    History,
    /// A markdown page shown, marked, in a language it has no translation in.
    Fallback(usize, Lang),
}

/// A page for every language a markdown page has no translation in, showing the default
/// language's version (see [`view::fallback_source`]).
fn fallback_jobs(site: &Site) -> Vec<Job> {
    let mut groups: Vec<&std::collections::BTreeMap<Lang, usize>> = site.groups.values().collect();
    groups.sort_by_key(|g| g.values().min().copied());
    let mut jobs = Vec::new();
    for group in groups {
        let Some(&first) = group.values().next() else {
            continue;
        };
        let shown = view::fallback_source(site, &site.pages[first]);
        let Some(&i) = group.get(&shown.lang()) else {
            continue;
        };
        for lang in site.config.langs() {
            if !group.contains_key(&lang) {
                jobs.push(Job::Fallback(i, lang));
            }
        }
    }
    jobs
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Markdown).collect();
    jobs.extend(fallback_jobs(site));
    for lang in site.config.langs() {
        for spec in crate::load::KINDS.iter().filter(|k| k.listed) {
            if let Some(key) = spec.kind.section() {
                jobs.push(Job::Section(key, lang));
            }
        }
        jobs.push(Job::StatsOverview(lang));
        jobs.push(Job::Commitments(lang));
        for i in 0..site.datasets.len() {
            jobs.push(Job::Dataset(i, lang));
        }
        jobs.push(Job::Finder(lang));
        for pp in crate::render::finder::province_pages(site) {
            jobs.push(Job::Province(pp, lang));
        }
        jobs.push(Job::Hotlines(lang));
        jobs.push(Job::Offline(lang));
        for i in 0..site.records.facilities().len() {
            jobs.push(Job::Facility(i, lang));
        }
    }
    jobs.extend(site.config.langs().iter().map(Job::NotFound));
    jobs
}

/// Renders every page; all template errors are collected.
pub fn render(site: &Site) -> Result<Vec<Output>, Diagnostics> {
    render_recorded(site).map(|(outputs, _)| outputs)
}

/// The dependency graph of a rendering: every maker of outputs with what it read from the site
/// (see [`crate::resolve::reads`]). `minh serve` makes again exactly the outputs whose inputs changed.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Shared, so that bringing a copy up to date after an edit copies no set of reads.
    nodes: Vec<(Job, std::sync::Arc<Reads>)>,
    /// The files each maker made when it was last rendered, in the order of `nodes`.
    made: Vec<std::sync::Arc<[PathBuf]>>,
    /// How long each maker took when it was last rendered, in the order of `nodes` (what
    /// [`render_pending`] keeps its batches small by).
    took: Vec<Duration>,
}

/// Makers of outputs an edit affects that are not rendered yet (see [`render_changed_first`]), by
/// their place in the graph (the same in every graph that [`Graph::fits`] the site).
#[derive(Debug, Clone, Default)]
pub struct Pending {
    nodes: std::collections::BTreeSet<usize>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
}

impl Graph {
    /// The makers that read any of `changed`, by their place.
    fn affected(&self, changed: &Reads) -> Vec<usize> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, (_, reads))| !reads.is_disjoint(changed))
            .map(|(i, _)| i)
            .collect()
    }

    /// The files `pending`'s makers made when they were last rendered (they will be made again).
    pub fn pending_files(&self, pending: &Pending) -> Vec<PathBuf> {
        let made = pending.nodes.iter().filter_map(|i| self.made.get(*i));
        made.flat_map(|m| m.iter()).cloned().collect()
    }

    /// Whether the maker at `i` made a file `wanted` says yes to when it was last rendered (or
    /// its files are not known).
    fn made_any(&self, i: usize, wanted: &dyn Fn(&std::path::Path) -> bool) -> bool {
        self.made
            .get(i)
            .is_none_or(|m| m.is_empty() || m.iter().any(|p| wanted(p)))
    }

    /// Whether `site` has exactly the makers of outputs the graph was made for (else its
    /// outputs must all be made again).
    pub fn fits(&self, site: &Site) -> bool {
        let mut list = jobs(site);
        list.push(Job::History);
        list.len() == self.nodes.len() && list.iter().zip(&self.nodes).all(|(a, (b, _))| a == b)
    }

    /// How many makers of each kind read each input, coarsely (for `MINH_READS_TRACE`).
    pub fn summary(&self) -> String {
        let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
        for (job, reads) in &self.nodes {
            let job = format!("{job:?}");
            let job = job.split('(').next().unwrap_or("").to_string();
            for r in reads.iter() {
                let r = format!("{r:?}");
                let r = r.split('(').next().unwrap_or("").to_string();
                *counts.entry((r, job.clone())).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|((r, j), n)| format!("{n:>7} {j} read {r}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// How many makers of outputs the graph holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the graph is empty (nothing rendered yet).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Renders every page, recording what each read; all template errors are collected.
pub fn render_recorded(site: &Site) -> Result<(Vec<Output>, Graph), Diagnostics> {
    let mut list = jobs(site);
    list.push(Job::History);
    render_jobs(site, &list)
}

/// Renders again the outputs of `graph` that read any of `changed`, from the edited `site` (whose
/// pages keep their addresses); returns them with the graph brought up to date.
pub fn render_changed(
    site: &Site,
    graph: &Graph,
    changed: &Reads,
) -> Result<(Vec<Output>, Graph), Diagnostics> {
    let list = graph.affected(changed);
    render_listed(site, graph, &list)
}

/// Like [`render_changed`], but renders now only the makers of the files `first` wants (the
/// pages a browser has open), with what `pending` holds from earlier edits among the others;
/// returns the rest as pending, to be made by [`render_pending`]. (A maker whose files are not
/// known is rendered now.)
pub fn render_changed_first(
    site: &Site,
    graph: &Graph,
    changed: &Reads,
    pending: Pending,
    first: &dyn Fn(&std::path::Path) -> bool,
) -> Result<(Vec<Output>, Graph, Pending), Diagnostics> {
    let mut all = pending.nodes;
    all.extend(graph.affected(changed));
    let (now, later): (Vec<usize>, Vec<usize>) =
        all.into_iter().partition(|i| graph.made_any(*i, first));
    let (outputs, graph) = render_listed(site, graph, &now)?;
    let later = later.into_iter().collect();
    Ok((outputs, graph, Pending { nodes: later }))
}

/// Renders up to `n` of `pending`'s makers, those of files `first` wants first (`None`: no file
/// is wanted more than another), a maker that took
/// longer than `budget` when last rendered alone: their files and the graph brought up to date
/// (or the problems), and what is still pending either way. With `but_open_data`, the
/// open-data pages are left pending unless `first` wants them (see [`shows_open_data`]).
pub fn render_pending(
    site: &Site,
    graph: &mut Graph,
    mut pending: Pending,
    (n, budget): (usize, Duration),
    first: Option<&dyn Fn(&std::path::Path) -> bool>,
    but_open_data: bool,
) -> (Result<Vec<Output>, Diagnostics>, Pending) {
    // Looked for only when some file is wanted: every pending maker's files are asked about
    // (after a base-template edit, ~30 ms of the serving thread's time per edit when none was).
    let mut now: Vec<usize> = match first {
        Some(first) => (pending.nodes.iter())
            .filter(|i| graph.made_any(**i, first))
            .take(n)
            .copied()
            .collect(),
        None => Vec::new(),
    };
    let later = |i: &usize| but_open_data && shows_open_data(site, graph.nodes[*i].0);
    let others = pending
        .nodes
        .iter()
        .filter(|i| !now.contains(i) && !later(i));
    let others: Vec<usize> = others.take(n - now.len()).copied().collect();
    now.extend(others);
    // A maker that took longer than the budget goes in a batch of its own (a provider's edit
    // leaves the finder, 120-250 ms, with a dozen quick pages), and the next edit waits for the
    // batch under way. The makers of a batch share the threads, so the budget is per thread.
    let threads = rayon::current_num_threads().max(1) as u32;
    let slow =
        |i: &usize| (graph.took.get(*i)).is_some_and(|t| *t > budget.saturating_mul(threads));
    let fit = match now.iter().position(slow) {
        Some(0) => 1,
        Some(k) => k,
        None => now.len(),
    };
    now.truncate(fit);
    for i in &now {
        pending.nodes.remove(i);
    }
    (render_listed_into(site, graph, &now), pending)
}

/// Whether `job` is an open-data page, whose field lists read the providers' HSDS packages
/// (costly to make after a record edit: see [`crate::hsds::package`]).
fn shows_open_data(site: &Site, job: Job) -> bool {
    let (Job::Markdown(i) | Job::Fallback(i, _)) = job else {
        return false;
    };
    matches!(&site.pages[i].source.front, Front::Page(f) if f.open_data)
}

/// Whether `pending` holds only makers [`render_pending`] leaves for later with `but_open_data`.
pub fn only_open_data(site: &Site, graph: &Graph, pending: &Pending) -> bool {
    let open_data = |i: &usize| shows_open_data(site, graph.nodes[*i].0);
    !pending.is_empty() && pending.nodes.iter().all(open_data)
}

/// Renders the makers of `graph` at places `list` and returns their files with `graph` brought up to date.
fn render_listed(
    site: &Site,
    graph: &Graph,
    list: &[usize],
) -> Result<(Vec<Output>, Graph), Diagnostics> {
    let mut graph = graph.clone();
    render_listed_into(site, &mut graph, list).map(|outputs| (outputs, graph))
}

/// Renders the makers of `graph` at places `list` and brings `graph` up to date in place (not
/// copied: a template edit's pending pages are made in a hundred batches or more, and copying
/// and dropping a graph of 15 000 makers for each was about a quarter of the serving thread's
/// time after a base-template edit); their files, or the problems (then `graph` is as it was).
fn render_listed_into(
    site: &Site,
    graph: &mut Graph,
    list: &[usize],
) -> Result<Vec<Output>, Diagnostics> {
    let is_history = |i: &&usize| matches!(graph.nodes[**i].0, Job::History);
    // In the order render_jobs gives them back: the history pages last.
    let order: Vec<usize> = (list.iter().filter(|i| !is_history(i)))
        .chain(list.iter().filter(is_history))
        .copied()
        .collect();
    let jobs: Vec<Job> = order.iter().map(|i| graph.nodes[*i].0).collect();
    let (outputs, redone) = render_jobs(site, &jobs)?;
    let redone = (redone.nodes.into_iter().zip(redone.made)).zip(redone.took);
    let mut replaced = Vec::with_capacity(order.len());
    for (i, (((job, reads), made), took)) in order.into_iter().zip(redone) {
        debug_assert!(graph.nodes[i].0 == job);
        let reads = std::mem::replace(&mut graph.nodes[i].1, reads);
        let made = (graph.made.get_mut(i)).map(|m| std::mem::replace(m, made));
        replaced.push((reads, made));
        if let Some(t) = graph.took.get_mut(i) {
            *t = took;
        }
    }
    // Let go on the pool, not here: after a base-template edit, dropping the reads of 15 000
    // makers took the serving thread ~50 ms, the other core idle meanwhile.
    rayon::spawn(move || drop(replaced));
    Ok(outputs)
}

/// What an edit of the markdown sources `files` (of kinds `kinds`) changes in the site model.
pub fn edited_inputs<'a>(pages: impl IntoIterator<Item = &'a Page>) -> Reads {
    let mut changed = Reads::new();
    for p in pages {
        changed.insert(Input::Page(p.source.file.clone()));
        changed.insert(Input::Pages(p.kind()));
    }
    changed
}

/// Renders `list` in parallel, each job recording what it read; every template error is collected.
fn render_jobs(site: &Site, list: &[Job]) -> Result<(Vec<Output>, Graph), Diagnostics> {
    render_jobs_into(site, list, &|o| o)
}

/// Renders every page like [`render_recorded`], handing each file to `put` on its rendering
/// thread as soon as it is made, so that no page's text need be kept; returns what `put` gave
/// for each file, in the order of [`render_recorded`]'s outputs.
pub fn render_streamed<T: Send>(
    site: &Site,
    put: &(dyn Fn(Output) -> T + Sync),
) -> Result<(Vec<T>, Graph), Diagnostics> {
    let mut list = jobs(site);
    list.push(Job::History);
    render_jobs_into(site, &list, put)
}

/// Renders `list` in parallel, passing each file made through `put`; records what each job read.
fn render_jobs_into<T: Send>(
    site: &Site,
    list: &[Job],
    put: &(dyn Fn(Output) -> T + Sync),
) -> Result<(Vec<T>, Graph), Diagnostics> {
    render_jobs_counted(site, list, put).map(|(made, graph, _)| (made, graph))
}

/// [`render_jobs_into`], with how many files each job made (in the graph's order).
fn render_jobs_counted<T: Send>(
    site: &Site,
    list: &[Job],
    put: &(dyn Fn(Output) -> T + Sync),
) -> Result<(Vec<T>, Graph, Vec<usize>), Diagnostics> {
    let (history, rest): (Vec<Job>, Vec<Job>) =
        list.iter().partition(|j| matches!(j, Job::History));
    type Made<T> = Result<(Vec<T>, Vec<PathBuf>), Diagnostics>;
    let timed = |make: &dyn Fn() -> (Made<T>, Reads)| {
        let started = std::time::Instant::now();
        let (made, reads) = make();
        (made, reads, started.elapsed())
    };
    let put_one = |o: Output| {
        let path = o.path.clone();
        (put(o), path)
    };
    let mut results: Vec<(Job, Made<T>, Reads, Duration)> = rest
        .par_iter()
        .map(|j| {
            let (made, reads, took) = timed(&|| {
                let (made, reads) = reads::recording(|| render_job(site, *j));
                let made = made.map(|o| {
                    let (t, path) = put_one(o);
                    (vec![t], vec![path])
                });
                (made.map_err(Diagnostics::from), reads)
            });
            (*j, made, reads, took)
        })
        .collect();
    // The history pages are made in parallel inside, and say what they read.
    for j in history {
        let (made, reads, took) = timed(&|| {
            let (made, reads) = crate::render::changes::outputs(site);
            let made = made.map(|outputs| outputs.into_par_iter().map(&put_one).unzip());
            (made, reads)
        });
        results.push((j, made, reads, took));
    }
    let mut diags = Diagnostics::new();
    let mut outputs = Vec::with_capacity(results.len());
    let mut nodes = Vec::with_capacity(results.len());
    let mut counts = Vec::with_capacity(results.len());
    let mut files = Vec::with_capacity(results.len());
    let mut took = Vec::with_capacity(results.len());
    for (job, made, reads, time) in results {
        took.push(time);
        match made {
            Ok((o, paths)) => {
                counts.push(o.len());
                outputs.extend(o);
                files.push(paths.into());
            }
            Err(d) => {
                counts.push(0);
                diags.extend(d);
                files.push(std::sync::Arc::from([]));
            }
        }
        nodes.push((job, std::sync::Arc::new(reads)));
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let graph = Graph {
        nodes,
        made: files,
        took,
    };
    Ok((outputs, graph, counts))
}

fn render_job(site: &Site, job: Job) -> Result<Output, Diagnostic> {
    match job {
        Job::Markdown(i) => markdown_page(site, &site.pages[i], None),
        Job::Fallback(i, lang) => markdown_page(site, &site.pages[i], Some(lang)),
        Job::Section(key, lang) => section_page(site, key, lang),
        Job::Finder(lang) => crate::render::finder::finder_page(site, lang),
        Job::Province(pp, lang) => crate::render::finder::province_page(site, pp, lang),
        Job::Facility(i, lang) => {
            crate::render::finder::facility_page(site, site.records.facility(i), lang)
        }
        Job::Hotlines(lang) => hotlines_page(site, lang),
        Job::Offline(lang) => crate::render::offline::offline_page(site, lang),
        Job::StatsOverview(lang) => crate::render::stats::overview_page(site, lang),
        Job::Dataset(i, lang) => crate::render::stats::dataset_page(site, i, lang),
        Job::Commitments(lang) => crate::render::stats::commitments_page(site, lang),
        Job::NotFound(lang) => not_found_page(site, lang),
        Job::History => unreachable!("the history pages are made apart"),
    }
}

fn section_crumb(site: &Site, key: SectionKey, lang: Lang) -> Link {
    Link {
        title: site.config.section_title(key, lang),
        url: site.routes.section(key, lang),
    }
}

/// A markdown page in its own language, or (`shown_in`) in place of its missing translation into
/// another: then the UI is in that language, the content keeps its `lang`, and a note says it is
/// not yet translated. The page is the language's version until a translation replaces it (in the
/// alternates of every translation and in the sitemap).
fn markdown_page(site: &Site, p: &Page, shown_in: Option<Lang>) -> Result<Output, Diagnostic> {
    reads::read_page(&p.source.file);
    if let Some(group) = site.groups.get(&(p.kind(), p.source.stem.clone())) {
        for j in group.values() {
            reads::read_page(&site.pages[*j].source.file);
        }
    }
    let lang = shown_in.unwrap_or(p.lang());
    let section = p.kind().section();
    let crumbs = match section {
        Some(key) if key.has_page() => vec![section_crumb(site, key, lang)],
        _ => vec![],
    };
    let template = p.kind().spec().template;
    let mut v = base_view(
        site,
        lang,
        template,
        p.source.front.title().to_string(),
        p.url.clone(),
        &view::page_urls(site, p),
        crumbs,
    );
    if p.kind() == Kind::Home {
        v.breadcrumb.clear();
    }
    for s in v.switch.iter_mut() {
        let lang = site.config.langs().get(&s.lang);
        s.missing = lang.is_some_and(|l| site.translation(p, l).is_none());
    }
    if let Some(ui) = shown_in {
        v.url = view::fallback_url(site, p, ui);
        v.canonical = site.routes.absolute(&v.url);
        v.fallback = Some(view::Fallback {
            lang: p.lang().code().into(),
            note: site
                .theme
                .t(ui, "untranslated_note")
                .replace("{language}", &site.theme.t(p.lang(), "lang_name")),
        });
    }
    v.summary = p.source.front.summary().unwrap_or_default().to_string();
    v.content = p.rendered.html.clone();
    v.toc = p.rendered.toc.clone();
    v.draft = p.source.front.draft();
    let mut extra = tera::Context::new();
    match &p.source.front {
        Front::Plan(f) => extra.insert("plan", &plan_view(site, p, f)),
        Front::Law(_) => extra.insert("law", &crate::render::laws::law_view(site, p)),
        Front::Page(f) => {
            extra.insert("sources", &f.sources);
            extra.insert("reviewed", &f.reviewed.map(|d| d.human(lang)));
            if f.directory {
                extra.insert(
                    "directory",
                    &crate::render::finder::directory_counts(site, lang),
                );
            }
            if f.reviews {
                extra.insert("reviews", &crate::render::laws::reviews(site, lang));
            }
            if f.open_data {
                extra.insert(
                    "open_data",
                    &crate::render::datacatalog::page_view(site, lang),
                );
                extra.insert("jsonld", &crate::render::datacatalog::json_ld(site, lang));
                extra.insert("catalog_url", &site.routes.asset("data/catalog.json"));
            }
        }
        Front::Update(f) => extra.insert("date", &f.date.human(lang)),
        Front::Home(_) => {
            extra.insert("updates", &latest(site, Kind::Update, lang, 3));
            extra.insert("plans", &latest(site, Kind::Plan, lang, 4));
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
    if let Some(front) = p.source.front.view() {
        extra.insert("front", &front);
    }
    page(site, lang, section, v, extra, Some(p.source.file.clone()))
}

/// Pages of a section, newest first (by issue or publication date).
pub fn latest(site: &Site, kind: Kind, lang: Lang, n: usize) -> Vec<Item> {
    let mut items: Vec<Item> = site
        .pages_shown(Some(kind), lang)
        .iter()
        .map(|s| view::shown_item(site, s))
        .collect();
    items.sort_by(|a, b| b.date_iso.cmp(&a.date_iso).then(a.title.cmp(&b.title)));
    items.truncate(n);
    items
}

fn section_page(site: &Site, key: SectionKey, lang: Lang) -> Result<Output, Diagnostic> {
    let kind = Kind::listed_in(key);
    let url = site.routes.section(key, lang);
    let urls = view::all_langs(site, |l| site.routes.section(key, l));
    let mut v = base_view(
        site,
        lang,
        "section",
        site.config.section_title(key, lang),
        url,
        &urls,
        vec![],
    );
    v.summary = site.theme.t(lang, &format!("section_intro_{}", key.name()));
    let mut extra = tera::Context::new();
    let items = kind
        .map(|k| latest(site, k, lang, usize::MAX))
        .unwrap_or_default();
    extra.insert("items", &items);
    extra.insert("section", key.name());
    page(site, lang, Some(key), v, extra, None)
}

fn hotlines_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Hotlines;
    let urls = view::all_langs(site, |l| site.routes.section(key, l));
    let v = base_view(
        site,
        lang,
        "hotlines",
        site.config.section_title(key, lang),
        site.routes.section(key, lang),
        &urls,
        vec![],
    );
    let mut groups: Vec<(String, Vec<view::HotlineView>)> = Vec::new();
    for h in site.records.hotlines() {
        let hv = view::hotline_view(h, lang, site);
        match groups.iter_mut().find(|(s, _)| *s == hv.scope) {
            Some((_, list)) => list.push(hv),
            None => groups.push((hv.scope.clone(), vec![hv])),
        }
    }
    let mut extra = tera::Context::new();
    extra.insert("groups", &groups);
    page(site, lang, Some(key), v, extra, None)
}

/// The search page of `lang`, carrying its index's manifest (`manifest`, the JSON of
/// `search/<lang>/manifest.json`), so that a query's first round trip is its shards: made with the
/// site-wide files, once the index is built (see `build::search_files`), not as a render job.
pub fn search_page(site: &Site, lang: Lang, manifest: &[u8]) -> Result<Output, Diagnostic> {
    let key = SectionKey::Search;
    let urls = view::all_langs(site, |l| site.routes.section(key, l));
    let v = base_view(
        site,
        lang,
        "search",
        site.config.section_title(key, lang),
        site.routes.section(key, lang),
        &urls,
        vec![],
    );
    let mut extra = tera::Context::new();
    extra.insert(
        "manifest",
        &site
            .routes
            .asset(&format!("search/{}/manifest.json", lang.code())),
    );
    extra.insert("manifest_json", &attribute_text(manifest));
    let listings: Vec<Link> = [
        SectionKey::Facilities,
        SectionKey::Plans,
        SectionKey::Hotlines,
        SectionKey::Laws,
        SectionKey::Updates,
    ]
    .into_iter()
    .map(|k| section_crumb(site, k, lang))
    .collect();
    extra.insert("listings", &listings);
    page(site, lang, Some(key), v, extra, None)
}

/// `bytes` as the text of a single-quoted attribute: JSON has few `'` and `&`, so escaping those
/// alone keeps it short (the template writes it unescaped).
fn attribute_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .replace('&', "&amp;")
        .replace('\'', "&#39;")
}

/// The "page not found" page of `lang`: `404.html` for the default language (what a server
/// answers by default), `<lang>/404.html` for the others; each switches to the other languages'
/// home pages.
fn not_found_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let mut v = base_view(
        site,
        lang,
        "404",
        site.theme.t(lang, "not_found_title"),
        site.routes.asset("404.html"),
        &[],
        vec![],
    );
    v.alternates.clear();
    v.switch = lang
        .others()
        .map(|other| view::Switch {
            lang: other.code().into(),
            name: site.theme.t(other, "lang_name"),
            url: site.routes.home(other),
            missing: false,
        })
        .collect();
    let mut out = page(site, lang, None, v, tera::Context::new(), None)?;
    out.path = if lang.is_default() {
        PathBuf::from("404.html")
    } else {
        PathBuf::from(lang.code()).join("404.html")
    };
    Ok(out)
}

#[derive(Serialize)]
struct TargetView {
    id: String,
    label: String,
    /// The target in words: direction, value or range, unit and scope.
    target: String,
    measure: Option<String>,
    progress: Option<crate::render::stats::ProgressView>,
}

#[derive(Serialize)]
struct PlanView {
    number: Option<String>,
    issuer: String,
    issued: Option<String>,
    issued_iso: Option<String>,
    period: String,
    area: String,
    area_now: Option<String>,
    signer: Option<String>,
    source_name: Option<String>,
    source_url: Option<String>,
    targets: Vec<TargetView>,
    legal_basis: Vec<crate::render::laws::ActLink>,
    /// Fields the editors inferred: `inferred.area_province`, `inferred.any`.
    inferred: std::collections::BTreeMap<String, bool>,
}

fn plan_view(site: &Site, p: &Page, f: &PlanFront) -> PlanView {
    let lang = p.lang();
    let t = |k: &str| site.theme.t(lang, k);
    let a = &f.area;
    let mut parts = Vec::new();
    if let Some(c) = &a.commune {
        parts.push(format!("{} {c}", t("area_commune")));
    }
    if let Some(d) = &a.district {
        parts.push(format!("{} {d}", t("area_district")));
    }
    parts.push(format!("{} {}", t("area_province"), a.province.value));
    let area_now =
        (a.current_province.value != a.province.value || a.district.is_some()).then(|| {
            let merged = a.current_province.value != a.province.value;
            let key = if merged {
                "area_now_part_of"
            } else {
                "area_now_same_province"
            };
            t(key)
                .replace("{old}", &a.province.value)
                .replace("{new}", &a.current_province.value)
        });
    PlanView {
        number: f.number.clone(),
        issuer: f.issuer.clone(),
        issued: f.issued.map(|d| d.human(lang)),
        issued_iso: f.issued.map(|d| d.iso()),
        period: crate::render::stats::plan_period(f),
        area: parts.join(", "),
        area_now,
        signer: f.signer.as_ref().map(|s| match &s.role {
            Some(r) => format!("{} ({r})", s.name),
            None => s.name.clone(),
        }),
        source_name: f.source.as_ref().and_then(|s| s.name.clone()),
        source_url: f.source.as_ref().and_then(|s| s.url.clone()),
        targets: f
            .targets
            .iter()
            .map(|t| {
                let period = crate::render::stats::plan_period(f);
                TargetView {
                    id: t.id.value.clone(),
                    label: t.label.clone(),
                    target: crate::render::stats::target_text(site, t, &period, lang),
                    measure: t.measure.as_ref().map(|m| m.value.clone()),
                    progress: crate::render::stats::progress(
                        site,
                        &a.current_province.value,
                        t,
                        &period,
                        lang,
                    ),
                }
            })
            .collect(),
        inferred: crate::load::provenance::inferred_map(
            &f.inferred,
            crate::load::provenance::PLAN_INFERABLE,
        ),
        legal_basis: f
            .legal_basis
            .iter()
            .filter_map(|r| crate::render::laws::act_link(site, &r.value, lang))
            .collect(),
    }
}
