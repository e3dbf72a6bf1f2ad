//! The pipeline, phase by phase: load → resolve → render → (check) → write; shared by build, check and serve.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, Kind, LoadOptions, Source};
use crate::progress::{Progress, Step};
use crate::render::{self, Output};
use crate::resolve::{self, Site};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// The date "today" for staleness checks (tests pin it).
    pub today: Date,
}

/// A site rendered in memory, not yet written.
pub struct Built {
    pub site: Site,
    pub outputs: Vec<Output>,
    pub diagnostics: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
    /// Paths of the site-wide files among `outputs` (feeds, sitemap, search index, open data).
    pub site_files: Vec<PathBuf>,
    /// What each rendered page read (see [`render::Graph`]).
    pub graph: render::Graph,
}

/// Phases 1 and 2, load and resolve, timed into `timings`.
fn resolved(
    opts: &Options,
    timings: &mut Vec<(&'static str, Duration)>,
    progress: &Progress,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let t = Instant::now();
    progress.step(Step::Load);
    let (loaded, datasets, mut diags) = load_with_stats(opts)?;
    timings.push(("load", t.elapsed()));
    let t = Instant::now();
    progress.step(Step::Resolve);
    let (site, resolve_diags) = resolve::resolve(&opts.root, loaded, datasets, opts.today)
        .map_err(|mut d| {
            d.extend(diags.clone());
            d
        })?;
    diags.extend(resolve_diags);
    diags.extend(stale_listings(&site));
    timings.push(("resolve", t.elapsed()));
    crate::memory::suit(site.pages.len());
    Ok((site, diags))
}

/// Runs load, resolve and render; returns every diagnostic found.
pub fn run(opts: &Options) -> Result<Built, Diagnostics> {
    run_keeping(opts, None)
}

/// [`run`]; with `reuse`, the search index is made as `minh serve`'s turns make it, leaving in
/// `reuse` what the next turn takes (see [`site_files_reusing`]): the same files.
fn run_keeping(opts: &Options, reuse: Option<&mut SearchReuse>) -> Result<Built, Diagnostics> {
    let mut timings = Vec::new();
    let (site, diags) = resolved(opts, &mut timings, &Progress::hidden())?;
    let t = Instant::now();
    let (mut outputs, graph) = render::render_recorded(&site).map_err(|mut d| {
        d.extend(diags.clone());
        d
    })?;
    timings.push(("render", t.elapsed()));
    let t = Instant::now();
    let wide = match reuse {
        Some(reuse) => site_files_keeping(&site, reuse),
        None => site_files(&site),
    };
    let wide = wide.map_err(|mut d| {
        d.extend(diags.clone());
        d
    })?;
    let site_files: Vec<PathBuf> = wide.iter().map(|o| o.path.clone()).collect();
    outputs.extend(wide);
    timings.push(("site files", t.elapsed()));
    let t = Instant::now();
    let assets = static_files(&opts.root, &site, &diags)?;
    outputs.extend(assets);
    outputs.extend(crate::render::offline::service_worker(&site, &outputs));
    one_owner_each(&outputs, &[], &diags)?;
    timings.push(("assets", t.elapsed()));
    Ok(Built {
        site,
        outputs,
        diagnostics: diags,
        timings,
        site_files,
        graph,
    })
}

/// A site built straight into a staging folder beside its output folder (see [`run_into`]).
pub struct Written {
    pub site: Site,
    /// Every file written, by output path, in the order [`run`] makes them.
    pub paths: Vec<PathBuf>,
    pub diagnostics: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
    /// The new site, to put in place of the old one with [`crate::write::Staged::swap`].
    pub staged: crate::write::Staged,
    /// The dependency graph of the new site as text, to keep beside it for the next build
    /// ([`crate::stamp::keep_graph`]); `None` when it cannot be kept.
    pub graph: Option<String>,
    /// Pages rendered: all of them, or (a build since a known one) those that read what changed.
    pub rendered: usize,
    /// Page files linked unchanged from the previous build (none in a full build).
    pub kept: usize,
    /// Languages whose search index was kept as the previous build made it, its inputs the same.
    pub indexes_kept: usize,
    /// The search index's work for the next build, to put beside the output once the new site is
    /// in place ([`crate::searchkeep::keep`]); `None` when it cannot be kept.
    pub search: Option<crate::searchkeep::Pending>,
}

/// Why [`run_into`] made no site: the sources' problems, or a file that could not be written.
#[derive(Debug)]
pub enum Failed {
    Input(Diagnostics),
    Write(std::io::Error),
}

impl From<Diagnostics> for Failed {
    fn from(d: Diagnostics) -> Failed {
        Failed::Input(d)
    }
}

/// Builds the same files as [`run`] and writes them, each as soon as it is made, into a staging
/// folder beside `out` ([`crate::write::Stream`]): pages are rendered and written on every core
/// and no page's text is held once written, so memory does not grow with the site's HTML. `out`
/// is not touched; on any problem the staging folder is removed.
pub fn run_into(opts: &Options, out: &Path) -> Result<Written, Failed> {
    run_into_shown(opts, out, &Progress::hidden())
}

/// [`run_into`], telling `progress` each step and each file written.
pub fn run_into_shown(opts: &Options, out: &Path, progress: &Progress) -> Result<Written, Failed> {
    run_into_since(opts, out, progress, None)
}

/// [`run_into_shown`] after the input files `changed` (relative to the root) were edited since
/// the build now in `out` (see [`crate::stamp::changed_since`]): when the dependency graph kept
/// beside `out` fits the new site and the output manifest vouches for the previous files, only
/// the outputs that read a changed source are rendered again and every other page is linked
/// from the previous output (the site-wide files, static files and service worker are made as
/// in a full build); otherwise, or with `changed` `None`, everything is rendered. The files
/// are the same either way.
pub fn run_into_since(
    opts: &Options,
    out: &Path,
    progress: &Progress,
    changed: Option<&[PathBuf]>,
) -> Result<Written, Failed> {
    let mut timings = Vec::new();
    // The search index's work is kept only by a build over a previous one (an official's next
    // build on the same machine); a first build into an empty folder, such as the publishing
    // workflow's, pays neither the memory nor the writing of it (about 14 % more peak memory and
    // 65 MB beside the output at 10 000 pages): it keeps each index's record alone, so that the
    // next build keeps the index of a language no edit touched. Opened first, so that the work
    // of the language edited is read while the site is loaded.
    let search = match changed {
        Some(files) => {
            crate::searchkeep::SearchKeep::open_ahead(out, edited_lang(files).as_deref())
        }
        None => crate::searchkeep::SearchKeep::records_only(out),
    };
    let (mut site, diags) = resolved(opts, &mut timings, progress)?;
    site.drop_bodies();
    let extra = saved_extra(&site);
    let t = Instant::now();
    let stream = crate::write::Stream::start(out).map_err(Failed::Write)?;
    if std::env::var_os("MINH_TIMINGS").is_some() {
        eprintln!(
            "staging folder: {:.0} ms ({})",
            t.elapsed().as_secs_f64() * 1000.0,
            if stream.from_spare() {
                "the spare, vouched for"
            } else {
                "empty"
            }
        );
    }
    let saved = changed.and_then(|files| {
        let text = crate::stamp::kept_graph(out)?;
        let saved = render::saved::Saved::parse(&text, &site, &extra)?;
        let inputs = changed_inputs(&site, &saved, files)?;
        Some((saved, inputs))
    });
    let since = saved.as_ref().map(|(s, c)| (s, c));
    let filled = fill(
        (&site, &extra),
        &opts.root,
        &diags,
        (&stream, &search),
        &mut timings,
        progress,
        since,
    );
    match filled {
        Ok(Filled {
            paths,
            graph,
            rendered,
            kept,
            indexes_kept,
        }) => Ok(Written {
            graph,
            staged: stream.finish().map_err(Failed::Write)?,
            site,
            paths,
            diagnostics: diags,
            timings,
            rendered,
            kept,
            indexes_kept,
            search: search.finish(),
        }),
        Err(e) => {
            stream.abandon();
            Err(e)
        }
    }
}

/// The language of the first edited page among `changed` whose file is named `<name>.<code>.md`:
/// the search index most likely made again.
fn edited_lang(changed: &[PathBuf]) -> Option<String> {
    let page = |p: &&PathBuf| p.starts_with("content") && p.extension().is_some_and(|e| e == "md");
    changed.iter().filter(page).find_map(|p| {
        let stem = p.file_stem()?.to_str()?;
        Some(stem.rsplit_once('.')?.1.to_string())
    })
}

/// What else, besides which makers of outputs there are, decides where each output goes: every
/// page's file, kind, stem, language and slug, and every provider's id.
fn saved_extra(site: &Site) -> String {
    let sources: Vec<&Source> = site.pages.iter().map(|p| &*p.source).collect();
    address_key(&sources, site.records.untracked()).join("\n")
}

/// What the edit of the input files `files` changes in the site model, for the saved graph:
/// each edited markdown page's inputs; every input of a part (records, datasets, UI strings,
/// templates) one of whose files was edited. `None` when an edit needs every output made again
/// (site.yaml, static files, a markdown file that is no page).
fn changed_inputs(
    site: &Site,
    saved: &render::saved::Saved,
    files: &[PathBuf],
) -> Option<crate::resolve::reads::Reads> {
    use crate::resolve::reads::Input;
    let mut changed = crate::resolve::reads::Reads::new();
    let mut all = None;
    let mut every = |pick: &dyn Fn(&Input) -> bool| -> Vec<Input> {
        let all = all.get_or_insert_with(|| saved.inputs());
        all.iter().filter(|i| pick(i)).cloned().collect()
    };
    for f in files.iter().filter(|p| is_site_source(p)) {
        if f.starts_with("content") && f.extension().is_some_and(|e| e == "md") {
            let i = site
                .pages
                .binary_search_by(|pg| pg.source.file.as_path().cmp(f))
                .ok()?;
            changed.extend(render::edited_inputs([&site.pages[i]]));
            continue;
        }
        match Part::of(f)? {
            Part::Records => {
                changed.extend([
                    Input::Records,
                    Input::Providers,
                    Input::ProviderPlaces,
                    Input::Provinces,
                    Input::Hotlines,
                ]);
                changed.extend(every(&|i| matches!(i, Input::Provider(..))));
            }
            Part::Datasets => {
                changed.insert(Input::Datasets);
            }
            Part::Strings => {
                changed.insert(Input::Theme);
                changed.extend(every(&|i| {
                    matches!(
                        i,
                        Input::Strings(_) | Input::String(..) | Input::TemplateStrings(..)
                    )
                }));
            }
            Part::Templates => {
                changed.extend([Input::Theme, Input::Templates]);
                let edited = template_name(f).into_iter().collect();
                let affected = site.theme.untracked().parts.affected(&edited);
                changed.extend(affected.into_iter().map(Input::Template));
            }
        }
    }
    Some(changed)
}

/// Renders and writes every file of `site` into `stream` (with `since`, a saved graph and what
/// changed: only the outputs that read a change, the others kept from the previous build), the
/// search index made from the work `search` kept and keeping its own there; what it put there
/// ([`Filled`]).
fn fill(
    (site, extra): (&Site, &str),
    root: &Path,
    diags: &Diagnostics,
    (stream, search): (&crate::write::Stream, &crate::searchkeep::SearchKeep),
    timings: &mut Vec<(&'static str, Duration)>,
    progress: &Progress,
    since: Option<(&render::saved::Saved, &crate::resolve::reads::Reads)>,
) -> Result<Filled, Failed> {
    use rayon::prelude::*;
    let put = |o: Output| {
        progress.file();
        stream.put(o)
    };
    let indexes_kept = std::sync::atomic::AtomicUsize::new(0);
    progress.step(Step::Render);
    // The site-wide files (the search index above all) take longer than the pages and are less
    // parallel: both are made at once, so that no core waits for the other part.
    let (rendered, (site_puts, site_time)) = rayon::join(
        || {
            let t = Instant::now();
            let r = render_pages(site, diags, stream, since, &put);
            // The pages' buffers are free now; the search index, still growing on other threads,
            // would not reuse them all (each thread allocates from its own heap's pages).
            crate::memory::give_back();
            progress.step(Step::SiteFiles);
            // The graph as kept for the next build, made while the site-wide files are.
            r.map(|(puts, graph, n)| {
                let took = t.elapsed();
                (puts, graph.to_text(site, extra), n, took)
            })
        },
        || {
            let t = Instant::now();
            let keep_all = |files: &[crate::write::manifest::Entry]| {
                let all = (files.par_iter()).all(|e| stream.can_keep_as(&e.path, e.len, e.hash));
                all.then(|| {
                    indexes_kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    (files.par_iter())
                        .map(|e| crate::write::Put {
                            path: e.path.clone(),
                            source: None,
                            written: stream.keep(&e.path),
                        })
                        .collect()
                })
            };
            let keeping = Keeping {
                search,
                keep: &keep_all,
            };
            let puts = site_files_with(site, &put, Some(&keeping));
            (puts, t.elapsed())
        },
    );
    let (mut puts, graph, rendered, render_time) = rendered?;
    let kept = puts.len() - rendered;
    timings.push(("render", render_time));
    puts.extend(site_puts.map_err(|mut d| {
        d.extend(diags.clone());
        Failed::Input(d)
    })?);
    timings.push(("site files", site_time));
    let t = Instant::now();
    progress.step(Step::Assets);
    let assets = static_files(root, site, diags)?;
    puts.extend(assets.into_par_iter().map(put).collect::<Vec<_>>());
    // The service worker, made last from every other file, claims its path too.
    let sw_path = Path::new(crate::render::offline::SERVICE_WORKER);
    let sw_source = Path::new("themes").join(&site.config.theme).join(sw_path);
    let sw_claim = site
        .theme
        .dir
        .join(sw_path)
        .is_file()
        .then_some((sw_path, Some(sw_source.as_path())));
    let claims = puts.iter().map(|p| (p.path.as_path(), p.source.as_deref()));
    let collisions = crate::write::check_claims(claims.chain(sw_claim));
    if !collisions.is_empty() {
        let mut d = diags.clone();
        d.extend(collisions);
        return Err(Failed::Input(d));
    }
    let mut paths = Vec::with_capacity(puts.len() + 1);
    let mut hashes = Vec::with_capacity(puts.len());
    for p in puts {
        hashes.push(p.written.map_err(Failed::Write)?);
        paths.push(p.path);
    }
    let list: Vec<(&Path, u128)> = paths.iter().map(PathBuf::as_path).zip(hashes).collect();
    let version = crate::render::offline::version_of_hashes(&list);
    let set: std::collections::HashSet<&Path> = list.iter().map(|(p, _)| *p).collect();
    let sw = crate::render::offline::service_worker_with(site, &|p| set.contains(p), &|| {
        Some(version.clone())
    });
    if let Some(sw) = sw {
        let p = stream.put(sw);
        p.written.map_err(Failed::Write)?;
        paths.push(p.path);
    }
    timings.push(("assets", t.elapsed()));
    Ok(Filled {
        paths,
        graph,
        rendered,
        kept,
        indexes_kept: indexes_kept.into_inner(),
    })
}

/// What [`fill`] put in the new site.
struct Filled {
    /// Every output path, in [`run`]'s order for a full build.
    paths: Vec<PathBuf>,
    /// What each maker of outputs read, as saved for the next build ([`render::saved::Saved::to_text`];
    /// `None` when it cannot be kept).
    graph: Option<String>,
    /// Page files rendered.
    rendered: usize,
    /// Page files linked unchanged from the previous build.
    kept: usize,
    /// Languages whose search index was kept as it was.
    indexes_kept: usize,
}

/// The pages of `site` rendered into `stream` (with `since`, only those that read a change, the
/// others kept when every one is as the previous build wrote it); what was put, the graph and
/// how many files were rendered.
fn render_pages(
    site: &Site,
    diags: &Diagnostics,
    stream: &crate::write::Stream,
    since: Option<(&render::saved::Saved, &crate::resolve::reads::Reads)>,
    put: &(dyn Fn(Output) -> crate::write::Put + Sync),
) -> Result<(Vec<crate::write::Put>, render::saved::Saved, usize), Failed> {
    use rayon::prelude::*;
    // Every file kept must be as the previous build wrote it (one `stat` each), else all are made.
    let kept: Vec<&Path> = since.map_or_else(Vec::new, |(saved, changed)| saved.kept(changed));
    let since = since.filter(|_| kept.par_iter().all(|p| stream.can_keep(p)));
    let kept = if since.is_some() { kept } else { Vec::new() };
    let (mut puts, graph) =
        render::saved::render_saving(site, since, put, &|p: &crate::write::Put| &p.path).map_err(
            |mut d| {
                d.extend(diags.clone());
                d
            },
        )?;
    let rendered = puts.len();
    puts.extend(
        kept.into_par_iter()
            .map(|p| crate::write::Put {
                path: p.to_path_buf(),
                source: None,
                written: stream.keep(p),
            })
            .collect::<Vec<_>>(),
    );
    Ok((puts, graph, rendered))
}

/// Phase 1, load, then step 1b, statistics (read, protected, targets checked); the problems of
/// both are reported together, those of statistics even when loading failed.
fn load_with_stats(
    opts: &Options,
) -> Result<(load::Loaded, Vec<crate::stats::Dataset>, Diagnostics), Diagnostics> {
    let lopts = LoadOptions {
        include_drafts: opts.include_drafts,
    };
    match load::load(&opts.root, opts.base_url.as_deref(), lopts) {
        Ok((loaded, mut diags)) => {
            let privacy = &loaded.config.privacy;
            let datasets = crate::stats::step(&opts.root, privacy, &loaded.sources, &mut diags);
            if diags.has_errors() {
                return Err(diags);
            }
            Ok((loaded, datasets, diags))
        }
        Err(mut diags) => {
            if let Ok(config) =
                crate::load::config::Config::load(&opts.root, opts.base_url.as_deref())
            {
                crate::stats::load(&opts.root, &config.privacy, &mut diags);
            }
            Err(diags)
        }
    }
}

/// The theme's and the site's static files; a read error joins the diagnostics found so far.
fn static_files(root: &Path, site: &Site, diags: &Diagnostics) -> Result<Vec<Output>, Diagnostics> {
    crate::write::assets(root, &site.theme.dir).map_err(|e| {
        let mut d = diags.clone();
        d.push(Diagnostic::error(
            "static",
            crate::catalogue::site::static_unreadable(&e),
        ));
        d
    })
}

/// Fails when two sources claim one output path (see [`crate::write::check_owners`]).
fn one_owner_each(
    outputs: &[Output],
    generated: &[PathBuf],
    diags: &Diagnostics,
) -> Result<(), Diagnostics> {
    let collisions = crate::write::check_owners(outputs, generated);
    if collisions.is_empty() {
        return Ok(());
    }
    let mut d = diags.clone();
    d.extend(collisions);
    Err(d)
}

/// Warnings for providers not verified within `listings.stale_after_days`, and real ones never verified.
fn stale_listings(site: &Site) -> Vec<Diagnostic> {
    let days = site.config.listings.stale_after_days;
    site.records
        .facilities
        .iter()
        .filter_map(|f| {
            let d = match &f.verification {
                Some(v) if (site.today.0 - v.date.0).num_days() > days => {
                    Some(Diagnostic::warning(
                        &f.file,
                        crate::catalogue::records::stale_listing(&v.date.to_string(), days),
                    ))
                }
                None if !f.record.is_sample() => Some(Diagnostic::warning(
                    &f.file,
                    crate::catalogue::provenance::unverified_listing(),
                )),
                _ => None,
            };
            d.map(|d| f.locate(d))
        })
        .collect()
}

/// Runs the link checker over a built site.
pub fn check_links(built: &Built, root: &Path) -> Diagnostics {
    crate::check::check_links(
        &built.outputs,
        root,
        built.site.config.path_prefix(),
        &built.site.config.base_url,
    )
}

/// A one-paragraph summary of a build written to `output`, in every language of messages.
pub fn summary(built: &Built, output: &str, elapsed: Duration) -> crate::messages::Text {
    let paths: Vec<&Path> = built.outputs.iter().map(|o| o.path.as_path()).collect();
    summary_of(
        &built.site,
        output,
        &paths,
        &built.diagnostics,
        &built.timings,
        elapsed,
    )
}

/// The summary of the build of `s` into the files `paths` in `output` (see [`summary`]).
pub fn summary_of(
    s: &Site,
    output: &str,
    paths: &[&Path],
    diagnostics: &Diagnostics,
    timings: &[(&'static str, Duration)],
    elapsed: Duration,
) -> crate::messages::Text {
    let per_lang: Vec<crate::messages::Text> = s
        .config
        .langs()
        .iter()
        .map(|l| {
            let pages = paths
                .iter()
                .filter(|p| p.starts_with(l.code()) && p.extension().is_some_and(|e| e == "html"))
                .count();
            crate::catalogue::cli::pages_in(pages, l.code())
        })
        .collect();
    let pages = per_lang
        .into_iter()
        .reduce(|all, t| all.join(", ", &t))
        .unwrap_or_else(|| crate::messages::Text::same(""));
    let plans = s
        .pages
        .iter()
        .filter(|p| p.kind() == Kind::Plan && p.lang().is_default())
        .count();
    let phases: Vec<String> = timings
        .iter()
        .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
        .collect();
    crate::catalogue::cli::built(
        output,
        pages,
        plans,
        s.records.facilities.len(),
        s.records.hotlines.len(),
        paths.len(),
        diagnostics.warnings(),
        elapsed.as_secs_f64() * 1000.0,
        &phases.join(", "),
    )
}

// ---- Incremental rebuilds, for `minh serve`. ----

/// The files of a built site by output path; shared cheaply between rebuilds and server threads
/// (paths and contents are reference-counted, so copying the map copies no text).
pub type Files = HashMap<Arc<Path>, Arc<[u8]>>;

/// What an edit touched, as far as rebuilding is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Markdown files under `content/` (paths relative to the site root) were edited, added or removed.
    Markdown(Vec<PathBuf>),
    /// Records, datasets or theme files (templates, UI strings) were edited: those parts are
    /// loaded again and what read them is rendered again.
    Data(Vec<PathBuf>),
    /// Anything else the site is made of (site.yaml, records, theme, static files): rebuild it all.
    Everything,
}

impl Change {
    /// What changed paths (relative to the root) mean; `None` when none of them is part of the site.
    pub fn classify(paths: &[PathBuf]) -> Option<Change> {
        let relevant: Vec<&PathBuf> = paths.iter().filter(|p| is_site_source(p)).collect();
        if relevant.is_empty() {
            return None;
        }
        let markdown =
            |p: &&PathBuf| p.starts_with("content") && p.extension().is_some_and(|e| e == "md");
        if relevant.iter().all(markdown) {
            Some(Change::Markdown(relevant.into_iter().cloned().collect()))
        } else if relevant.iter().all(|p| Part::of(p).is_some()) {
            Some(Change::Data(relevant.into_iter().cloned().collect()))
        } else {
            Some(Change::Everything)
        }
    }
}

/// A part of the site model besides markdown and site.yaml, loaded again on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Provider records, provinces, place aliases, hotlines (YAML and spreadsheets under content/).
    Records,
    /// Statistics datasets (content/stats/).
    Datasets,
    /// UI strings (themes/<name>/i18n/).
    Strings,
    /// Templates (themes/<name>/templates/).
    Templates,
}

impl Part {
    /// The part a site source (relative to the root) belongs to; `None` for markdown, site.yaml,
    /// static files and anything else that needs a full rebuild.
    fn of(p: &Path) -> Option<Part> {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if p.starts_with("content") {
            return match ext {
                "md" => None,
                _ if p.starts_with("content/stats") => Some(Part::Datasets),
                _ => Some(Part::Records),
            };
        }
        let mut parts = p.iter();
        if parts.next()? != "themes" {
            return None;
        }
        parts.next()?;
        match parts.next()?.to_str()? {
            "i18n" => Some(Part::Strings),
            "templates" => Some(Part::Templates),
            _ => None,
        }
    }
}

/// The name of the template at `p` (relative to the root: `themes/<theme>/templates/<name>`).
fn template_name(p: &Path) -> Option<String> {
    let name = p.iter().skip(3).collect::<PathBuf>();
    let name = name.to_str()?.replace('\\', "/");
    (!name.is_empty()).then_some(name)
}

/// Whether a path relative to the root is a source of the site (not an editor's temporary file).
pub fn is_site_source(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".part"]
            .iter()
            .any(|x| name.ends_with(x));
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    let inside = p == Path::new("site.yaml")
        || (p.starts_with("content")
            && ["md", "yaml", "yml", "csv", "xlsx", "xlsm", "xls", "ods"].contains(&ext))
        || p.starts_with("themes")
        || p.starts_with("static");
    inside && !temporary
}

/// The result of a rebuild: the new files (site-wide files possibly from the previous build).
pub struct Rebuilt {
    pub files: Arc<Files>,
    pub diagnostics: Diagnostics,
    /// Pages rendered again.
    pub rendered: usize,
    /// Which build this is; site-wide files made for an older one are dropped.
    pub generation: u64,
    /// Makers of pages the edit affects that are not rendered yet (see [`Incremental::rebuild_first`]).
    pub pending: usize,
}

/// A site kept in memory between edits, rebuilt as little as each edit needs.
///
/// A markdown edit that keeps the page's address reloads that file only, reuses every other
/// page's rendered markdown and renders only the pages that show it (see
/// the dependency graph, [`render::Graph`]); anything else loads everything again, reusing rendered markdown
/// when no address can have changed. Site-wide files (feeds, sitemap, search index, open data)
/// are slow on large sites: [`site_files`] makes them apart, and [`Incremental::merge_site_files`]
/// swaps them in.
pub struct Incremental {
    opts: Options,
    site: Arc<Site>,
    files: Arc<Files>,
    site_file_paths: Vec<PathBuf>,
    config_bytes: Vec<u8>,
    generation: u64,
    graph: render::Graph,
    hashes: Hashes,
    /// The files served before `files`, and the paths whose files differ between them: made
    /// into the next files by copying those paths alone (see [`Incremental::next_files`]).
    spare: Option<(Arc<Files>, Vec<PathBuf>)>,
    /// Makers of pages edits affected that are not rendered yet: their files are the previous
    /// ones until [`Incremental::render_pending`] makes them.
    pending: render::Pending,
}

/// What a quick rebuild made: the edited site, its new outputs, its problems, the graph and
/// what is left to render.
type Quick = (
    Site,
    Vec<Output>,
    Diagnostics,
    render::Graph,
    render::Pending,
);

/// Which files of an edit to make before the others: those a browser has open.
pub type First<'a> = &'a dyn Fn(&Path) -> bool;

/// Site-wide files (feeds, sitemap, search index and page, open data) of a resolved site.
pub fn site_files(site: &Site) -> Result<Vec<Output>, Diagnostics> {
    site_files_with(site, &|o| o, None::<&Keeping<Output>>)
}

/// Whether a site of `pages` pages makes its languages' search indexes at once (a large site,
/// [`crate::memory::LARGE_SITE_FROM`] pages or more): in turn, one language's documents and index at most are in
/// memory (the peak of a small site's build); at once, the steps of one index that run on one
/// thread (sorting its terms, cutting its shards, its manifest) leave the other core to the
/// other index rather than idle. Cold builds into tmpfs, two cores, medians, alternating (at
/// once against in turn): 10 000 pages 1.52 s against 1.60 s, peak 368 MB against 302 MB;
/// 50 000 pages 6.85 s against 7.11 s, 1 402 MB against 1 235 MB (Hugo's peaks: 1 495 and
/// 6 657 MB). At 1 000 pages: 0.24 s against 0.25 s, but 65 MB against 52 MB, past 0.3× of
/// Hugo's 191 MB, so a small site keeps the turns.
pub fn indexes_at_once(pages: usize) -> bool {
    crate::memory::large_site(pages)
}

/// [`site_files`], each handed to `put` as soon as made, in the same order: those but the search
/// index, then each language's index and search page, its documents made just before and let go
/// just after. Below [`crate::memory::LARGE_SITE_FROM`] pages the languages take turns, so that one
/// language's documents and index at most are in memory at once (the build's peak); from there
/// on they are made at once ([`indexes_at_once`]). An index's files are compressed and put on the
/// other threads while the next language's index is made (its postings, read on one thread, the
/// other core would wait): only the files, not the index's work, are held meanwhile. With
/// `keeping`, each index is made from the work it kept, and keeps its own; an index whose inputs
/// are those of the build before is kept as it is ([`Keeping`]). The files are the same either
/// way, and so is what is kept for the next build.
fn site_files_with<T: Send>(
    site: &Site,
    put: &(dyn Fn(Output) -> T + Sync),
    keeping: Option<&Keeping<T>>,
) -> Result<Vec<T>, Diagnostics> {
    let at_once = indexes_at_once(site.pages.len());
    site_files_in(site, put, keeping, at_once)
}

/// [`site_files_with`], the languages' indexes made at once or in turn as `at_once` says.
fn site_files_in<T: Send>(
    site: &Site,
    put: &(dyn Fn(Output) -> T + Sync),
    keeping: Option<&Keeping<T>>,
    at_once: bool,
) -> Result<Vec<T>, Diagnostics> {
    use rayon::prelude::*;
    let data = crate::render::sitedata::site_data(site);
    let mut puts: Vec<T> = crate::outputs::feeds::outputs_but_search(site, &data)
        .into_par_iter()
        .map(put)
        .collect();
    drop(data);
    let places = crate::outputs::searchindex::places(site);
    let langs = site.config.langs();
    // Per language, its index files put and the record of them for the next build, made by the
    // task that compresses them.
    type Packed<T> = std::sync::Mutex<(Vec<T>, Option<crate::searchkeep::Made>)>;
    let packed: Vec<Packed<T>> = langs.iter().map(|_| Default::default()).collect();
    let made = rayon::scope(|s| {
        // One language's index and search page; its files compressed and put by a task of
        // their own.
        let index_of = |(i, lang): (usize, crate::lang::Lang)| {
            let slot = &packed[i];
            let (search, page) = search_files(site, lang, &places, keeping)?;
            let page = put(page);
            if let Some(index) = search.index {
                s.spawn(move |_| {
                    let files = crate::outputs::searchindex::packed(lang, index.unpacked);
                    let record = index.key.map(|key| made_of(lang, key, &files));
                    let puts = files.into_par_iter().map(put).collect();
                    *slot
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = (puts, record);
                });
            }
            Ok::<_, Diagnostic>((search.kept, page))
        };
        let each: Vec<_> = langs.iter().enumerate().collect();
        let made: Vec<_> = if at_once {
            each.into_par_iter().map(index_of).collect()
        } else {
            let one_by_one = |lang| {
                let made = index_of(lang);
                // One language's index is let go before the next one's is made.
                crate::memory::give_back();
                made
            };
            each.into_iter().map(one_by_one).collect()
        };
        // The first error in the languages' order, whichever ended first.
        made.into_iter().collect::<Result<Vec<_>, _>>()
    })
    .map_err(Diagnostics::from)?;
    for (((kept, page), slot), lang) in made.into_iter().zip(packed).zip(langs.iter()) {
        let (files, record) = slot
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Recorded in the languages' order, whichever task ended first.
        if let Some((keeping, record)) = keeping.zip(record) {
            keeping.search.made_files(lang, &record);
        }
        puts.extend(kept);
        puts.extend(files);
        puts.push(page);
    }
    Ok(puts)
}

/// How `minh build` makes its search index: from the work the build before kept (`search`; a
/// first build keeps only each index's record there), and, for a language whose documents and
/// places are the same as then, by keeping its files as they are in the output (`keep`, given
/// each file's path, size and hash: what puts them in the new site unchanged, or `None`, having
/// put none, when any is not as it was).
pub struct Keeping<'a, T> {
    pub search: &'a crate::searchkeep::SearchKeep,
    pub keep: &'a (dyn Fn(&[crate::write::manifest::Entry]) -> Option<Vec<T>> + Sync),
}

/// [`site_files`], in the same order, each language's index made as [`site_files_reusing`]
/// makes it, leaving in `reuse` what its next turn takes.
fn site_files_keeping(site: &Site, reuse: &mut SearchReuse) -> Result<Vec<Output>, Diagnostics> {
    let data = crate::render::sitedata::site_data(site);
    let mut files = crate::outputs::feeds::outputs_but_search(site, &data);
    drop(data);
    let places = crate::outputs::searchindex::places(site);
    for lang in site.config.langs() {
        if let Some(made) = reusing_lang(site, lang, &places, reuse, &|| false) {
            files.extend(made?);
        }
    }
    Ok(files)
}

/// The search index of `lang` made as [`site_files_reusing`] makes it (its documents made for
/// it and let go once indexed), then its search page; `None` when `stale`, asked after the
/// documents and after the index, says nobody will see them.
fn reusing_lang(
    site: &Site,
    lang: crate::lang::Lang,
    places: &minh_search::Places,
    reuse: &mut SearchReuse,
    stale: &dyn Fn() -> bool,
) -> Option<Result<Vec<Output>, Diagnostic>> {
    let docs = crate::render::searchdocs::documents(site, lang);
    if stale() {
        return None;
    }
    let index =
        crate::outputs::searchindex::lang_outputs_reusing(lang, &docs, places, reuse.of(lang));
    drop(docs);
    (!stale()).then(|| with_search_page(site, lang, index))
}

/// The search index of one language as [`search_files`] makes it, but its search page.
struct LangSearch<T> {
    /// The index's files put already: kept as the build before wrote them.
    kept: Vec<T>,
    /// The index made, its files still to compress and put, when not kept.
    index: Option<MadeIndex>,
}

/// An index made, its files not compressed yet, and the key of its inputs, for the record of
/// what it is made of ([`made_of`]): `None` when the build keeps no records.
struct MadeIndex {
    unpacked: minh_search::stored::Unpacked,
    key: Option<u128>,
}

/// The search index of `lang` (its documents made for it and let go once indexed), and its
/// search page, which carries the index's manifest: the page depends on the index. With
/// `keeping`, the index is kept as it is when its inputs are those of the build before (then
/// those files come already put), else made from the work kept for the unchanged documents,
/// keeping its own for the next build (and letting it go here): the same files.
fn search_files<T>(
    site: &Site,
    lang: crate::lang::Lang,
    places: &minh_search::Places,
    keeping: Option<&Keeping<T>>,
) -> Result<(LangSearch<T>, Output), Diagnostic> {
    let docs = crate::render::searchdocs::documents(site, lang);
    let made = |unpacked: minh_search::stored::Unpacked, key| {
        let page = render::search_page(site, lang, unpacked.manifest().unwrap_or_default())?;
        let index = Some(MadeIndex { unpacked, key });
        let kept = Vec::new();
        Ok((LangSearch { kept, index }, page))
    };
    let Some(keeping) = keeping else {
        let unpacked = crate::outputs::searchindex::lang_unpacked(lang, &docs, places);
        drop(docs);
        return made(unpacked, None);
    };
    let search = keeping.search;
    let key = crate::outputs::searchindex::inputs_key(lang, &docs, places);
    let manifest = manifest_path(lang);
    let whole = |same: &crate::searchkeep::Made| {
        let hash = crate::render::offline::file_hash(&same.manifest);
        (same.files.iter()).any(|e| e.path == manifest && e.hash == hash)
    };
    // A first build has no record to keep from (`same` finds none).
    if let Some(same) = search.same(lang, key).filter(whole) {
        if let Some(kept) = (keeping.keep)(&same.files) {
            search.carry(lang);
            let page = render::search_page(site, lang, &same.manifest)?;
            return Ok((LangSearch { kept, index: None }, page));
        }
    }
    let unpacked = if search.keeps_records_only() {
        crate::outputs::searchindex::lang_unpacked(lang, &docs, places)
    } else {
        let mut reuse = search.take(lang);
        let unpacked =
            crate::outputs::searchindex::lang_unpacked_reusing(lang, &docs, places, &mut reuse);
        search.made(lang);
        unpacked
    };
    drop(docs);
    made(unpacked, Some(key))
}

/// The path of the manifest of the search index of `lang`.
fn manifest_path(lang: crate::lang::Lang) -> PathBuf {
    Path::new("search").join(lang.code()).join("manifest.json")
}

/// The record of the index of `lang` made of inputs with key `key` as `files`.
fn made_of(lang: crate::lang::Lang, key: u128, files: &[Output]) -> crate::searchkeep::Made {
    let manifest = manifest_path(lang);
    let hashed = |o: &Output| crate::write::manifest::Entry {
        path: o.path.clone(),
        len: o.bytes.len() as u64,
        hash: crate::render::offline::file_hash(&o.bytes),
    };
    crate::searchkeep::Made {
        key,
        files: files.iter().map(hashed).collect(),
        manifest: (files.iter())
            .find(|o| o.path == manifest)
            .map_or_else(Vec::new, |o| o.bytes.clone()),
    }
}

/// `files`, the index of `lang`, and its search page, which carries the index's manifest.
fn with_search_page(
    site: &Site,
    lang: crate::lang::Lang,
    mut files: Vec<Output>,
) -> Result<Vec<Output>, Diagnostic> {
    let manifest = manifest_path(lang);
    let json = files
        .iter()
        .find(|o| o.path == manifest)
        .map(|o| &o.bytes[..]);
    files.push(render::search_page(site, lang, json.unwrap_or_default())?);
    Ok(files)
}

/// What `minh serve` keeps from one search turn of [`site_files_reusing`] to the next: per
/// language, the gzip bytes of its index files and the work done for each document (its
/// reading, excerpts and store record: only the documents an edit changed are read again);
/// only the latest turn's, so it does not grow ([`minh_search::stored::Reuse`]).
#[derive(Default)]
pub struct SearchReuse {
    langs: Vec<(crate::lang::Lang, minh_search::stored::Reuse)>,
}

impl SearchReuse {
    fn of(&mut self, lang: crate::lang::Lang) -> &mut minh_search::stored::Reuse {
        let i = match self.langs.iter().position(|(l, _)| *l == lang) {
            Some(i) => i,
            None => {
                self.langs.push((lang, Default::default()));
                self.langs.len() - 1
            }
        };
        &mut self.langs[i].1
    }
}

/// [`site_files`] in two turns, for `minh serve`: first every site-wide file but the search index
/// (quick: the sitemap, feeds, open data), handed to `give` with `false`, then the search index
/// and pages, with `true`; when `stale` says the site has changed since, the second turn is not
/// made. A search page that cannot be rendered (its template broken) is left as it was, and said.
pub fn site_files_in_turn(
    site: &Site,
    stale: &dyn Fn() -> bool,
    give: &mut dyn FnMut(Vec<Output>, bool),
) {
    site_files_reusing(site, &mut SearchReuse::default(), stale, give)
}

/// [`site_files_in_turn`], the gzip bytes of unchanged index files and the work for unchanged
/// documents taken from the turn `reuse` last saw; `stale` is asked again after each language's
/// documents and index, so that an edit stops a turn nobody will see sooner.
pub fn site_files_reusing(
    site: &Site,
    reuse: &mut SearchReuse,
    stale: &dyn Fn() -> bool,
    give: &mut dyn FnMut(Vec<Output>, bool),
) {
    let started = Instant::now();
    let data = crate::render::sitedata::site_data(site);
    let data_made = started.elapsed();
    let quick = crate::outputs::feeds::outputs_but_search(site, &data);
    if std::env::var_os("MINH_TIMINGS").is_some() {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "quick site-wide files: site data (open data packages) {:.1} ms, sitemap, feeds, open data {:.1} ms",
            ms(data_made),
            ms(started.elapsed() - data_made)
        );
    }
    give(quick, false);
    if stale() {
        return;
    }
    let places = crate::outputs::searchindex::places(site);
    let mut files = Vec::new();
    for lang in site.config.langs() {
        match reusing_lang(site, lang, &places, reuse, stale) {
            None => return,
            Some(Ok(made)) => files.extend(made),
            Some(Err(d)) => eprintln!("{d}"),
        }
    }
    give(files, true);
}

/// `outputs` as served files: each one's bytes copied into shared memory, on the rendering
/// threads (after a base-template edit, copying every page on the serving thread was about a
/// third of its time, the rendering threads idle meanwhile).
fn to_files(outputs: Vec<Output>) -> Vec<(Arc<Path>, Arc<[u8]>)> {
    use rayon::prelude::*;
    outputs
        .into_par_iter()
        .map(|o| (Arc::from(o.path), Arc::from(o.bytes)))
        .collect()
}

/// Each served file's share of the service worker's version (its path and content hashed: see
/// [`crate::render::offline::entry_hash`]) by path, with the content it was made of (compared by
/// identity: files an edit did not make again keep theirs), and the sum of them all that the
/// version is made of, so that an edit brings the version up to date from the files it changed
/// alone (hashing every path in order took 5–40 ms per rebuild at 10k pages).
#[derive(Default)]
struct Hashes {
    by_path: HashMap<Arc<Path>, (Arc<[u8]>, u128)>,
    sum: u128,
}

impl Hashes {
    fn put(&mut self, (p, b, entry): (Arc<Path>, Arc<[u8]>, u128)) {
        if let Some((_, old)) = self.by_path.insert(p, (b, entry)) {
            self.sum = self.sum.wrapping_sub(old);
        }
        self.sum = self.sum.wrapping_add(entry);
    }

    fn remove(&mut self, p: &Path) {
        if let Some((_, old)) = self.by_path.remove(p) {
            self.sum = self.sum.wrapping_sub(old);
        }
    }

    /// Whether `b` is the content `p` was hashed with.
    fn has(&self, p: &Path, b: &Arc<[u8]>) -> bool {
        self.by_path
            .get(p)
            .is_some_and(|(had, _)| Arc::ptr_eq(had, b))
    }
}

/// Puts the service worker of the site made of `files` in with them (its version is a hash of
/// every other file, so it is made again whenever anything changed), as a full build does; only
/// files not hashed before (or changed since) are hashed. `touched`: the only paths whose files
/// may have been made, changed or removed since the last call (`None`: any may have), so that an
/// edit looks up a few paths instead of every file.
fn with_service_worker(
    site: &Site,
    files: &mut Files,
    hashes: &mut Hashes,
    touched: Option<&[PathBuf]>,
) {
    use rayon::prelude::*;
    let sw = Path::new(crate::render::offline::SERVICE_WORKER);
    files.remove(sw);
    let touched = touched.filter(|_| !hashes.by_path.is_empty());
    let gone: Vec<Arc<Path>> = match touched {
        Some(touched) => touched
            .iter()
            .filter(|p| !files.contains_key(p.as_path()))
            .map(|p| Arc::from(p.as_path()))
            .collect(),
        None => (hashes.by_path.keys())
            .filter(|p| !files.contains_key(&***p))
            .cloned()
            .collect(),
    };
    for p in gone {
        hashes.remove(&p);
    }
    let stale = |(p, b): &(&Arc<Path>, &Arc<[u8]>)| !hashes.has(p, b);
    let new: Vec<_> = match touched {
        Some(touched) => {
            let made = touched
                .par_iter()
                .filter_map(|p| files.get_key_value(p.as_path()));
            made.filter(stale).map(|(p, b)| hashed(p, b)).collect()
        }
        None => files
            .par_iter()
            .filter(stale)
            .map(|(p, b)| hashed(p, b))
            .collect(),
    };
    for entry in new {
        hashes.put(entry);
    }
    let version = crate::render::offline::version_of_sum(hashes.sum, hashes.by_path.len());
    let has = |p: &Path| files.contains_key(p);
    let made = crate::render::offline::service_worker_with(site, &has, &|| Some(version.clone()));
    if let Some(o) = made {
        files.insert(Arc::from(o.path), Arc::from(o.bytes));
    }
}

/// Site-wide files ready for [`Incremental::merge_site_files`]: shared as they are served, each
/// with its entry in [`Hashes`]. `minh serve` makes them on its background thread, so that the
/// thread that answers edits only inserts them (copying and hashing the HSDS packages, ~100 MB at
/// 2 500 providers, took it ~170 ms after each provider edit, an edit meanwhile waiting).
pub struct ReadyFiles(Vec<Entry>);

impl From<Vec<Output>> for ReadyFiles {
    fn from(outputs: Vec<Output>) -> Self {
        ReadyFiles::made(outputs, &mut Sent::default())
    }
}

impl ReadyFiles {
    /// `outputs` made ready, those with the bytes `sent` last had for their path taken from it
    /// (neither copied nor hashed again), and noted in `sent`.
    pub fn made(outputs: Vec<Output>, sent: &mut Sent) -> ReadyFiles {
        use rayon::prelude::*;
        let ready: Vec<Entry> = (outputs.into_par_iter())
            .map(|o| match sent.0.get(&o.path) {
                Some(entry) if *entry.1 == *o.bytes => entry.clone(),
                _ => {
                    let (p, b): (Arc<Path>, Arc<[u8]>) = (Arc::from(o.path), Arc::from(o.bytes));
                    hashed(&p, &b)
                }
            })
            .collect();
        for entry in &ready {
            sent.0.insert(entry.0.to_path_buf(), entry.clone());
        }
        ReadyFiles(ready)
    }
}

/// The site-wide files `minh serve` last made ready, by path: most are made again by every edit
/// with the same bytes (the HSDS packages, ~100 MB at 2 500 providers, change only with a
/// record; the sitemap only with an address), and comparing them costs a fraction of copying and
/// hashing them again.
#[derive(Default)]
pub struct Sent(HashMap<PathBuf, Entry>);

impl Sent {
    /// Forgets the files not among `all` (those of the latest run), so that the files kept are
    /// those being served.
    pub fn keep_only(&mut self, all: &[PathBuf]) {
        let all: std::collections::HashSet<&PathBuf> = all.iter().collect();
        self.0.retain(|p, _| all.contains(p));
    }
}

/// A served file's path and bytes with its entry in [`Hashes`].
type Entry = (Arc<Path>, Arc<[u8]>, u128);

/// A file's entry in [`Hashes`].
fn hashed(p: &Arc<Path>, b: &Arc<[u8]>) -> Entry {
    use crate::render::offline::{entry_hash, file_hash};
    (Arc::clone(p), Arc::clone(b), entry_hash(p, file_hash(b)))
}

fn read_config(root: &Path) -> Vec<u8> {
    std::fs::read(root.join("site.yaml")).unwrap_or_default()
}

/// Time spent in each step of a rebuild, printed when `MINH_TIMINGS` is set.
struct Steps {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
}

impl Steps {
    fn start() -> Steps {
        Steps {
            last: Instant::now(),
            done: Vec::new(),
        }
    }

    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last));
        self.last = now;
    }

    fn report(&self, what: &str) {
        if std::env::var_os("MINH_TIMINGS").is_none() {
            return;
        }
        let steps: Vec<String> = self
            .done
            .iter()
            .map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("{what}: {}", steps.join(", "));
    }
}

/// What decides every page's address: when equal, rendered markdown stays valid.
fn address_key(sources: &[&Source], records: &crate::load::records::Records) -> Vec<String> {
    let mut key: Vec<String> = sources
        .iter()
        .map(|s| {
            format!(
                "{}|{:?}|{}|{}|{:?}",
                s.file.display(),
                s.kind,
                s.stem,
                s.lang.code(),
                s.front.slug()
            )
        })
        .collect();
    key.extend(
        records
            .facilities
            .iter()
            .map(|f| format!("facility|{}", f.record.id.value)),
    );
    key.sort();
    key
}

impl Incremental {
    /// A full build, kept for later edits.
    pub fn new(opts: Options) -> Result<(Incremental, Diagnostics), Diagnostics> {
        Incremental::new_keeping(opts, None)
    }

    /// [`Incremental::new`]; with `reuse`, the search index is made as the background turns of
    /// `minh serve` make it, leaving in `reuse` what the first edit's turn takes (so that it is
    /// not made a second time to be kept: 1.6 s at 10 000 pages).
    pub fn new_keeping(
        opts: Options,
        reuse: Option<&mut SearchReuse>,
    ) -> Result<(Incremental, Diagnostics), Diagnostics> {
        let config_bytes = read_config(&opts.root);
        let built = run_keeping(&opts, reuse)?;
        if crate::resolve::reads::trace::on() {
            crate::resolve::reads::trace::report();
            eprintln!("{}", built.graph.summary());
        }
        let site_file_paths = built.site_files.clone();
        // Every file hashed now, for the service worker of the next edits: not by the first one.
        let mut files: Files = to_files(built.outputs).into_iter().collect();
        let mut hashes = Hashes::default();
        with_service_worker(&built.site, &mut files, &mut hashes, None);
        let inc = Incremental {
            opts,
            site: Arc::new(built.site),
            files: Arc::new(files),
            site_file_paths,
            config_bytes,
            generation: 0,
            graph: built.graph,
            hashes,
            spare: None,
            pending: render::Pending::default(),
        };
        Ok((inc, built.diagnostics))
    }

    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// The site-wide files being served, as [`ReadyFiles::made`] notes them: after the first
    /// build, the first edit's run takes those it makes again unchanged from here.
    pub fn sent(&self) -> Sent {
        let entry = |p: &PathBuf| {
            let (path, bytes) = self.files.get_key_value(p.as_path())?;
            let (had, hash) = self.hashes.by_path.get(p.as_path())?;
            if !Arc::ptr_eq(had, bytes) {
                return None;
            }
            let entry = (Arc::clone(path), Arc::clone(bytes), *hash);
            Some((p.clone(), entry))
        };
        Sent(self.site_file_paths.iter().filter_map(entry).collect())
    }

    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Rebuilds after `change`, every page it affects; on errors the previous site stays as it was.
    pub fn rebuild(&mut self, change: &Change) -> Result<Rebuilt, Diagnostics> {
        self.rebuild_first(change, &|_| true)
    }

    /// Rebuilds after `change`, rendering now only the pages it affects whose files `first`
    /// wants (the pages a browser has open) and leaving the others pending (see
    /// [`Incremental::pending_files`], [`Incremental::render_pending`]); a template that does not
    /// parse refuses the edit when the theme is loaded, one that fails on a page left pending is
    /// reported when that page is made (the page stays as it was). On errors the previous site
    /// stays as it was.
    pub fn rebuild_first(&mut self, change: &Change, first: First) -> Result<Rebuilt, Diagnostics> {
        let mut steps = Steps::start();
        let quick = match change {
            Change::Markdown(paths) => self.quick(paths, first, &mut steps)?.map(|q| (q, false)),
            Change::Data(paths) => self.data(paths, first, &mut steps)?,
            Change::Everything => None,
        };
        let (site, outputs, diagnostics, full) = match quick {
            Some(((site, outputs, diags, graph, pending), complete)) => {
                self.graph = graph;
                self.pending = pending;
                (site, outputs, diags, complete)
            }
            None => {
                let (site, outputs, diags) = self.full()?;
                self.pending = render::Pending::default();
                steps.done("full build");
                (site, outputs, diags, true)
            }
        };
        let rendered = outputs.len();
        let touched: Vec<PathBuf> = outputs.iter().map(|o| o.path.clone()).collect();
        let mut files = if full {
            let mut kept = Files::new();
            for p in &self.site_file_paths {
                if let Some((k, b)) = self.files.get_key_value(p.as_path()) {
                    kept.insert(Arc::clone(k), Arc::clone(b));
                }
            }
            kept
        } else {
            self.next_files()
        };
        files.extend(to_files(outputs));
        with_service_worker(
            &site,
            &mut files,
            &mut self.hashes,
            (!full).then_some(touched.as_slice()),
        );
        self.site = Arc::new(site);
        self.set_files(files, (!full).then_some(touched));
        self.generation += 1;
        steps.done("files");
        steps.report(if full {
            "full rebuild"
        } else {
            "quick rebuild"
        });
        Ok(Rebuilt {
            files: self.files(),
            diagnostics,
            rendered,
            generation: self.generation,
            pending: self.pending.len(),
        })
    }

    /// The map to make the next files in: the files served before the current ones, brought up
    /// to date by the paths changed since, when no request reads them any more; else a copy of
    /// the current files (copying and dropping every entry of the map cost milliseconds per
    /// rebuild and per batch of pending pages at 10k pages).
    fn next_files(&mut self) -> Files {
        if let Some((old, changed)) = self.spare.take() {
            if let Ok(mut files) = Arc::try_unwrap(old) {
                for p in changed {
                    match self.files.get_key_value(p.as_path()) {
                        Some((k, b)) => files.insert(Arc::clone(k), Arc::clone(b)),
                        None => files.remove(p.as_path()),
                    };
                }
                return files;
            }
        }
        (*self.files).clone()
    }

    /// Serves `files` from now on; `changed`: the paths whose files differ from the current ones
    /// but the service worker's (`None`: any may).
    fn set_files(&mut self, files: Files, changed: Option<Vec<PathBuf>>) {
        let old = std::mem::replace(&mut self.files, Arc::new(files));
        self.spare = changed.map(|mut c| {
            c.push(PathBuf::from(crate::render::offline::SERVICE_WORKER));
            (old, c)
        });
    }

    /// Whether pages an edit affected are still to render.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The files that will change when the pending pages are made (their previous versions are
    /// served until then), with the service worker's (its version follows every file).
    pub fn pending_files(&self) -> Vec<PathBuf> {
        if self.pending.is_empty() {
            return Vec::new();
        }
        let mut files = self.graph.pending_files(&self.pending);
        files.push(PathBuf::from(crate::render::offline::SERVICE_WORKER));
        files
    }

    /// Renders up to `n` of the pending pages' makers (those of files `first` wants first: pages
    /// a browser asked for meanwhile) and swaps their files in; the files then served, or the
    /// problems (those makers' pages then stay as they were).
    pub fn render_pending(&mut self, n: usize, first: First) -> Result<Arc<Files>, Diagnostics> {
        self.render_pending_but(n, first, false)
    }

    /// Whether the pending makers are only open-data pages whose providers' HSDS packages are
    /// not made yet (see [`Incremental::render_pending_but`]).
    pub fn waits_for_open_data(&self) -> bool {
        render::only_open_data(&self.site, &self.graph, &self.pending)
            && !crate::hsds::package::made(&self.site)
    }

    /// [`Incremental::render_pending`]; with `but_open_data`, the open-data pages are left
    /// pending unless `first` wants them: after a record edit, `minh serve` lets the site-wide
    /// files in the background make the HSDS packages they read instead of making them while
    /// the next edit waits.
    pub fn render_pending_but(
        &mut self,
        n: usize,
        first: First,
        but_open_data: bool,
    ) -> Result<Arc<Files>, Diagnostics> {
        self.render_pending_made((n, Duration::MAX), Some(first), but_open_data)
            .map(|(files, _)| files)
    }

    /// [`Incremental::render_pending_but`], with the paths of the files made; `batch`: how many
    /// makers at most, and how long they may have taken together when last rendered (see
    /// [`render::render_pending`]); `first`: `None` when no file is wanted first.
    pub fn render_pending_made(
        &mut self,
        batch: (usize, Duration),
        first: Option<First>,
        but_open_data: bool,
    ) -> Result<(Arc<Files>, Vec<PathBuf>), Diagnostics> {
        let but_open_data = but_open_data && !crate::hsds::package::made(&self.site);
        let pending = std::mem::take(&mut self.pending);
        let (site, graph) = (&self.site, &mut self.graph);
        let (made, rest) =
            render::render_pending(site, graph, pending, batch, first, but_open_data);
        self.pending = rest;
        let outputs = made?;
        let touched: Vec<PathBuf> = outputs.iter().map(|o| o.path.clone()).collect();
        let mut files = self.next_files();
        files.extend(to_files(outputs));
        with_service_worker(&self.site, &mut files, &mut self.hashes, Some(&touched));
        self.set_files(files, Some(touched.clone()));
        Ok((self.files(), touched))
    }

    /// Swaps in site-wide files made by [`site_files`] for build `generation`, if still current,
    /// in place of the previous build's at their paths. `all`: the paths of every site-wide file of
    /// this build, once all are made (see [`site_files_in_turn`]); the previous build's that are
    /// not among them are dropped.
    pub fn merge_site_files(
        &mut self,
        generation: u64,
        ready: ReadyFiles,
        all: Option<Vec<PathBuf>>,
    ) -> Option<Arc<Files>> {
        if generation != self.generation {
            return None;
        }
        let mut files = self.next_files();
        let known: std::collections::HashSet<PathBuf> =
            self.site_file_paths.iter().cloned().collect();
        let mut touched: Vec<PathBuf> = ready.0.iter().map(|(p, ..)| p.to_path_buf()).collect();
        let new = touched.iter().filter(|p| !known.contains(*p)).cloned();
        let new: Vec<PathBuf> = new.collect();
        self.site_file_paths.extend(new);
        if let Some(all) = all {
            let keep: std::collections::HashSet<&PathBuf> = all.iter().collect();
            for p in &self.site_file_paths {
                if !keep.contains(p) {
                    files.remove(p.as_path());
                    touched.push(p.clone());
                }
            }
            self.site_file_paths = all;
        }
        for (p, b, entry) in ready.0 {
            files.insert(Arc::clone(&p), Arc::clone(&b));
            self.hashes.put((p, b, entry));
        }
        with_service_worker(&self.site, &mut files, &mut self.hashes, Some(&touched));
        self.set_files(files, Some(touched));
        Some(self.files())
    }

    /// Markdown edits that keep every address: reload those files, render what shows them.
    /// `Ok(None)` when the edit needs a full rebuild.
    fn quick(
        &self,
        paths: &[PathBuf],
        first: First,
        steps: &mut Steps,
    ) -> Result<Option<Quick>, Diagnostics> {
        let Some(fresh) = self.reload(paths)? else {
            return Ok(None);
        };
        steps.done("load");
        let edited: Vec<Source> = fresh.iter().map(|(_, s)| s.clone()).collect();
        let target_diags = crate::stats::check_targets(&edited, &self.site.datasets);
        if target_diags.iter().any(|d| d.is_error()) {
            return Err(target_diags.into());
        }
        let mut sources: Vec<Arc<Source>> = self
            .site
            .pages
            .iter()
            .map(|p| Arc::clone(&p.source))
            .collect();
        let mut changed: Vec<usize> = Vec::with_capacity(fresh.len());
        for (i, s) in fresh {
            sources[i] = Arc::new(s);
            changed.push(i);
        }
        let (new_site, mut diags) = resolve::resolve_edited(&self.site, sources)?;
        diags.extend(target_diags);
        diags.extend(stale_listings(&new_site));
        steps.done("resolve");
        let edited = render::edited_inputs(changed.iter().map(|i| &new_site.pages[*i]));
        let pending = self.pending.clone();
        let (outputs, graph, pending) =
            render::render_changed_first(&new_site, &self.graph, &edited, pending, first).map_err(
                |mut d| {
                    d.extend(diags.clone());
                    d
                },
            )?;
        steps.done("render");
        Ok(Some((new_site, outputs, diags, graph, pending)))
    }

    /// Records, datasets or theme files edited: those parts loaded again, the site resolved
    /// again with every page's rendered markdown kept, and what read a changed part rendered
    /// again (everything, when the edit changed which pages there are: then `true`, the outputs
    /// are complete but for the site-wide files). `Ok(None)` when a provider was added, removed
    /// or renamed (a full rebuild is needed).
    fn data(
        &self,
        paths: &[PathBuf],
        first: First,
        steps: &mut Steps,
    ) -> Result<Option<(Quick, bool)>, Diagnostics> {
        let parts: Vec<Part> = paths.iter().filter_map(|p| Part::of(p)).collect();
        let root = &self.opts.root;
        let site = &self.site;
        let mut diags = Diagnostics::new();
        let mut changed = crate::resolve::reads::Reads::new();
        let mut replaced = resolve::Replaced::default();
        let fail = |mut diags: Diagnostics, more: Diagnostics| {
            diags.extend(more);
            Err(diags)
        };
        if parts.contains(&Part::Records) {
            let langs: Vec<crate::lang::Lang> = site.config.langs().iter().collect();
            let lopts = load::LoadOptions {
                include_drafts: self.opts.include_drafts,
            };
            let old = site.records.untracked();
            let mut quick = Diagnostics::new();
            let reloaded = load::records::reload_providers(root, old, paths, lopts, &mut quick);
            let only = reloaded.is_some().then_some(paths);
            let records = match reloaded {
                Some(r) => {
                    diags.extend(quick);
                    r
                }
                None => {
                    let mut r = load::records::load(root, &langs, lopts, &mut diags);
                    let markdown = old.drafts.iter().filter(|d| d.lang.is_some());
                    r.drafts.extend(markdown.cloned());
                    r
                }
            };
            let ids = |r: &load::records::Records| -> Vec<(PathBuf, String)> {
                r.facilities
                    .iter()
                    .map(|f| (f.file.clone(), f.record.id.value.clone()))
                    .collect()
            };
            if !diags.has_errors() && (ids(old) != ids(&records) || old.drafts != records.drafts) {
                return Ok(None);
            }
            let named: Vec<Source> = site
                .pages
                .iter()
                .filter(|p| matches!(p.kind(), Kind::Plan | Kind::Law))
                .map(|p| (*p.source).clone())
                .collect();
            diags.extend(crate::load::checks::check_references(
                &named,
                &records.facilities,
            ));
            if diags.has_errors() {
                return fail(diags, Diagnostics::new());
            }
            changed.extend(crate::resolve::reads::record_changes(old, &records, only));
            replaced.records = Some(Arc::new(records));
        }
        if parts.contains(&Part::Datasets) {
            let datasets = crate::stats::load(root, &site.config.privacy, &mut diags);
            let plans: Vec<Source> = site
                .pages
                .iter()
                .filter(|p| p.kind() == Kind::Plan)
                .map(|p| (*p.source).clone())
                .collect();
            diags.extend(crate::stats::check_targets(&plans, &datasets));
            if diags.has_errors() {
                return fail(diags, Diagnostics::new());
            }
            changed.insert(crate::resolve::reads::Input::Datasets);
            replaced.datasets = Some(Arc::new(datasets));
        }
        let templates = parts.contains(&Part::Templates);
        if templates || parts.contains(&Part::Strings) {
            let theme = match crate::load::theme::Theme::load(
                root,
                &site.config.theme,
                site.config.langs(),
            ) {
                Ok(t) => t,
                Err(ds) => return fail(diags, ds.into()),
            };
            diags.extend(theme.warnings.clone());
            changed.extend(crate::resolve::reads::theme_changes(
                site.theme.untracked(),
                &theme,
                templates,
            ));
            replaced.theme = Some(Arc::new(theme));
        }
        steps.done("load");
        let sources = site.pages.iter().map(|p| Arc::clone(&p.source)).collect();
        let (new_site, resolve_diags) = resolve::resolve_replacing(site, sources, replaced)
            .map_err(|mut d| {
                d.extend(diags.clone());
                d
            })?;
        diags.extend(resolve_diags);
        diags.extend(stale_listings(&new_site));
        steps.done("resolve");
        let with_diags = |mut d: Diagnostics| {
            d.extend(diags.clone());
            d
        };
        if self.graph.fits(&new_site) {
            let pending = self.pending.clone();
            let (outputs, graph, pending) =
                render::render_changed_first(&new_site, &self.graph, &changed, pending, first)
                    .map_err(with_diags)?;
            steps.done("render");
            return Ok(Some(((new_site, outputs, diags, graph, pending), false)));
        }
        let (mut outputs, graph) = render::render_recorded(&new_site).map_err(with_diags)?;
        outputs.extend(static_files(root, &new_site, &diags)?);
        one_owner_each(&outputs, &self.site_file_paths, &diags)?;
        steps.done("render all");
        let pending = render::Pending::default();
        Ok(Some(((new_site, outputs, diags, graph, pending), true)))
    }

    /// The edited markdown files, loaded again, with the indexes of their pages; `Ok(None)` when
    /// one was added, removed or changed its address (a full rebuild is needed).
    fn reload(&self, paths: &[PathBuf]) -> Result<Option<Vec<(usize, Source)>>, Diagnostics> {
        let root = &self.opts.root;
        let lopts = load::LoadOptions {
            include_drafts: self.opts.include_drafts,
        };
        let pages = &self.site.pages;
        let mut fresh: Vec<(usize, Source)> = Vec::with_capacity(paths.len());
        for p in paths {
            let Ok(i) = pages.binary_search_by(|pg| pg.source.file.as_path().cmp(p)) else {
                return Ok(None);
            };
            let old = &pages[i].source;
            match load::load_source(root, &root.join(p), lopts, self.site.config.langs()) {
                Ok(Some(s)) => {
                    if s.kind != old.kind
                        || s.lang != old.lang
                        || s.stem != old.stem
                        || s.front.slug() != old.front.slug()
                    {
                        return Ok(None);
                    }
                    if !fresh.iter().any(|(j, _)| *j == i) {
                        fresh.push((i, s));
                    }
                }
                Ok(None) => return Ok(None),
                Err(d) => {
                    if !root.join(p).exists() {
                        return Ok(None);
                    }
                    return Err((*d).into());
                }
            }
        }
        Ok(Some(fresh))
    }

    /// Everything loaded and rendered again; markdown reused when no address can have changed.
    fn full(&mut self) -> Result<(Site, Vec<Output>, Diagnostics), Diagnostics> {
        let root = &self.opts.root;
        let (loaded, datasets, mut diags) = load_with_stats(&self.opts)?;
        let config_bytes = read_config(root);
        let site = &self.site;
        let same_addresses = config_bytes == self.config_bytes
            && address_key(&loaded.sources.iter().collect::<Vec<_>>(), &loaded.records)
                == address_key(
                    &site.pages.iter().map(|p| &*p.source).collect::<Vec<_>>(),
                    &site.records,
                );
        let old: HashMap<&Path, usize> = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.file.as_path(), i))
            .collect();
        let reuse = |s: &Source| {
            let p = &site.pages[*old.get(s.file.as_path())?];
            (same_addresses && p.source.body == s.body).then(|| Arc::clone(&p.rendered))
        };
        let (new_site, resolve_diags) =
            resolve::resolve_reusing(root, loaded, datasets, self.opts.today, &reuse).map_err(
                |mut d| {
                    d.extend(diags.clone());
                    d
                },
            )?;
        diags.extend(resolve_diags);
        diags.extend(stale_listings(&new_site));
        let (mut outputs, graph) = render::render_recorded(&new_site).map_err(|mut d| {
            d.extend(diags.clone());
            d
        })?;
        let assets = static_files(root, &new_site, &diags)?;
        outputs.extend(assets);
        one_owner_each(&outputs, &self.site_file_paths, &diags)?;
        self.config_bytes = config_bytes;
        self.graph = graph;
        Ok((new_site, outputs, diags))
    }
}

#[cfg(test)]
mod tests {
    use super::{Output, ReadyFiles, Sent};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    fn output(path: &str, bytes: &[u8]) -> Output {
        Output {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
            source: None,
        }
    }

    /// A file made again with the same bytes is the one made ready before (not copied, its hash
    /// not made again); one whose bytes changed is made ready anew, with another hash.
    #[test]
    fn a_file_made_again_the_same_is_taken_from_the_last_run() {
        let mut sent = Sent::default();
        let first = ReadyFiles::made(
            vec![output("sitemap.xml", b"<a/>"), output("x.json", b"[1]")],
            &mut sent,
        );
        let again = ReadyFiles::made(
            vec![output("sitemap.xml", b"<a/>"), output("x.json", b"[2]")],
            &mut sent,
        );
        assert!(Arc::ptr_eq(&first.0[0].1, &again.0[0].1));
        assert_eq!(first.0[0].2, again.0[0].2);
        assert!(!Arc::ptr_eq(&first.0[1].1, &again.0[1].1));
        assert_eq!(&*again.0[1].1, b"[2]");
        assert_ne!(first.0[1].2, again.0[1].2);
        assert_eq!(
            again.0[1].2,
            ReadyFiles::from(vec![output("x.json", b"[2]")]).0[0].2
        );
        sent.keep_only(&[PathBuf::from("x.json")]);
        let third = ReadyFiles::made(vec![output("sitemap.xml", b"<a/>")], &mut sent);
        assert!(!Arc::ptr_eq(&first.0[0].1, &third.0[0].1));
    }

    /// The site's search indexes made at once (as from [`crate::memory::LARGE_SITE_FROM`] pages)
    /// are the files made in turn, in the same order, and what the build keeps for the next one
    /// is the same too; on the real site, with its two languages.
    #[test]
    fn indexes_made_at_once_are_those_made_in_turn() {
        let opts = super::Options {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            base_url: None,
            include_drafts: false,
            today: crate::date::Date::parse("2026-06-01").expect("a date"),
        };
        // Loaded and resolved as `resolved` does, without setting the allocator's options
        // (`memory::tests` reads them).
        let (loaded, datasets, _) = super::load_with_stats(&opts).expect("the site loads");
        let (site, _) = crate::resolve::resolve(&opts.root, loaded, datasets, opts.today)
            .expect("the site resolves");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let made = |at_once: bool| {
            let out = dir.path().join(if at_once { "at-once" } else { "in-turn" });
            let search = crate::searchkeep::SearchKeep::records_only(&out);
            let keeping = super::Keeping {
                search: &search,
                keep: &|_: &[crate::write::manifest::Entry]| None,
            };
            let files = super::site_files_in(&site, &|o| o, Some(&keeping), at_once)
                .expect("the site-wide files");
            crate::searchkeep::keep(&out, search.finish());
            let kept = std::fs::read(crate::searchkeep::path(&out)).expect("the record kept");
            let files: Vec<(PathBuf, Vec<u8>)> =
                files.into_iter().map(|o| (o.path, o.bytes)).collect();
            (files, kept)
        };
        let (in_turn, at_once) = (made(false), made(true));
        for lang in ["vi", "en"] {
            let index = Path::new("search").join(lang).join("manifest.json");
            assert!(in_turn.0.iter().any(|(p, _)| *p == index), "{lang}");
        }
        assert!(in_turn.0 == at_once.0, "the files differ");
        assert!(in_turn.1 == at_once.1, "what is kept differs");
        assert!(super::indexes_at_once(crate::memory::LARGE_SITE_FROM));
        assert!(!super::indexes_at_once(crate::memory::LARGE_SITE_FROM - 1));
    }
}
