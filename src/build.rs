//! The pipeline, phase by phase: load → resolve → render → (check) → write; shared by build, check and serve.

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::load::{self, Kind, LoadOptions};
use crate::render::{self, Output};
use crate::resolve::{self, Site};
use std::path::{Path, PathBuf};
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
}

/// Runs load, resolve and render; returns every diagnostic found.
pub fn run(opts: &Options) -> Result<Built, Diagnostics> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let (loaded, mut diags) = load::load(
        &opts.root,
        opts.base_url.as_deref(),
        LoadOptions {
            include_drafts: opts.include_drafts,
        },
    )?;
    timings.push(("load", t.elapsed()));
    let t = Instant::now();
    let (site, resolve_diags) =
        resolve::resolve(&opts.root, loaded, opts.today).map_err(|mut d| {
            d.extend(diags.clone());
            d
        })?;
    diags.extend(resolve_diags);
    diags.extend(stale_listings(&site));
    timings.push(("resolve", t.elapsed()));
    let t = Instant::now();
    let mut outputs = render::render(&site).map_err(|mut d| {
        d.extend(diags.clone());
        d
    })?;
    timings.push(("render", t.elapsed()));
    let t = Instant::now();
    outputs.extend(crate::feeds::outputs(&site));
    timings.push(("site files", t.elapsed()));
    let t = Instant::now();
    let assets = crate::write::assets(&opts.root, &site.theme.dir).map_err(|e| {
        let mut d = diags.clone();
        d.push(Diagnostic::error(
            "io",
            "static",
            format!("cannot read static files: {e}"),
        ));
        d
    })?;
    outputs.extend(assets);
    timings.push(("assets", t.elapsed()));
    Ok(Built {
        site,
        outputs,
        diagnostics: diags,
        timings,
    })
}

/// Warnings for providers not verified within `listings.stale_after_days`.
fn stale_listings(site: &Site) -> Vec<Diagnostic> {
    let days = site.config.listings.stale_after_days;
    site.records
        .facilities
        .iter()
        .filter(|f| (site.today.0 - f.record.last_verified.0).num_days() > days)
        .map(|f| {
            Diagnostic::warning(
                "stale-listing",
                &f.file,
                format!(
                    "last verified on {}, more than {days} days ago",
                    f.record.last_verified
                ),
            )
            .fix("check the listing with the provider and update `last_verified:`")
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

/// A one-paragraph summary of a build.
pub fn summary(built: &Built, elapsed: Duration) -> String {
    let s = &built.site;
    let per_lang: Vec<String> = Lang::ALL
        .into_iter()
        .map(|l| {
            let pages = built
                .outputs
                .iter()
                .filter(|o| {
                    o.path.starts_with(l.code()) && o.path.extension().is_some_and(|e| e == "html")
                })
                .count();
            format!("{pages} pages in {l}")
        })
        .collect();
    let plans = s
        .pages
        .iter()
        .filter(|p| p.kind() == Kind::Plan && p.lang() == Lang::DEFAULT)
        .count();
    let phases: Vec<String> = built
        .timings
        .iter()
        .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
        .collect();
    format!(
        "{}; {plans} plans, {} providers, {} hotlines; {} files; {} warnings; {:.0} ms ({})",
        per_lang.join(", "),
        s.records.facilities.len(),
        s.records.hotlines.len(),
        built.outputs.len(),
        built.diagnostics.warnings(),
        elapsed.as_secs_f64() * 1000.0,
        phases.join(", ")
    )
}
