//! Anonymized statistics: datasets loaded from `content/stats/`, protected by disclosure control, rendered as pages, charts and downloads.
//!
//! Only [`protect::Figure`]s leave this module's loading step: a suppressed value is dropped
//! before the site model is built, so no page, chart, download or search index can leak it.

pub mod dataset;
pub mod link;
pub mod personal;
pub mod protect;

use crate::catalogue;
use crate::diagnostics::{rel, Diagnostic, Diagnostics, Position};
use crate::load::config::Privacy;
use crate::load::Source;
use dataset::{DimKind, Meta, Raw};
use protect::Figure;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The slugs of the commitments page per language (a dataset may not use them).
pub const COMMITMENTS_SLUGS: [&str; 2] = ["cam-ket", "commitments"];

/// A dataset ready to publish: its description, row codes and the figures that may be shown.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub slug: String,
    pub yaml: PathBuf,
    pub csv: PathBuf,
    pub meta: Meta,
    /// Codes per row, one per dimension.
    pub rows: Vec<Vec<String>>,
    /// `[measure][row]`, measures in declaration order.
    pub figures: Vec<Vec<Figure>>,
    pub min_cell: u64,
}

impl Dataset {
    pub fn dim_index(&self, kind: DimKind) -> Option<usize> {
        self.meta.dimensions.iter().position(|d| d.kind == kind)
    }

    pub fn measure_index(&self, name: &str) -> Option<usize> {
        self.meta.measures.iter().position(|m| m.name.value == name)
    }

    pub fn has_suppressed(&self) -> bool {
        self.figures.iter().flatten().any(|f| f.is_suppressed())
    }
}

/// Loads, checks and protects every dataset under `content/stats/`.
/// Step 1b, after loading: the site's statistics read and protected, and the plans' targets
/// checked against them; problems join `diags`.
pub fn step(
    root: &Path,
    privacy: &Privacy,
    sources: &[Source],
    diags: &mut Diagnostics,
) -> Vec<Dataset> {
    let datasets = load(root, privacy, diags);
    diags.extend(check_targets(sources, &datasets));
    datasets
}

/// Reads and protects every dataset under `content/stats/`.
pub fn load(root: &Path, privacy: &Privacy, diags: &mut Diagnostics) -> Vec<Dataset> {
    let dir = root.join("content/stats");
    let mut stems: Vec<PathBuf> = crate::walk::sorted(&dir)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "csv"))
        .map(|p| p.with_extension(""))
        .collect();
    stems.dedup();
    let rules = minh_disclosure::Rules {
        min_cell: privacy.min_cell,
        zeros_publishable: privacy.zeros_publishable,
    };
    let results: Vec<Result<Raw, Vec<Diagnostic>>> =
        stems.par_iter().map(|stem| load_one(root, stem)).collect();
    let mut raws = Vec::new();
    for r in results {
        match r {
            Ok(raw) => raws.push(raw),
            Err(ds) => diags.extend(ds),
        }
    }
    let protected = protect::protect_all(&raws, &rules);
    let mut out = Vec::new();
    for (raw, figures) in raws.into_iter().zip(protected) {
        match figures {
            Ok(figures) => out.push(Dataset {
                slug: raw.slug,
                yaml: raw.yaml,
                csv: raw.csv,
                meta: raw.meta,
                rows: raw.rows.into_iter().map(|r| r.codes).collect(),
                figures,
                min_cell: rules.min_cell,
            }),
            Err(ds) => diags.extend(ds),
        }
    }
    out
}

/// Reads and checks one dataset (not yet protected).
fn load_one(root: &Path, stem: &Path) -> Result<Raw, Vec<Diagnostic>> {
    let yaml = rel(root, &stem.with_extension("yaml"));
    let csv = rel(root, &stem.with_extension("csv"));
    let slug = stem
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    check_pair(root, &yaml, &csv, &slug)?;
    let src = dataset::read_text(root, &csv).map_err(|d| vec![d])?;
    let meta = dataset::read_meta(root, &yaml);
    let periods: Vec<String> = meta
        .as_ref()
        .map(|m| {
            m.dimensions
                .iter()
                .filter(|d| d.kind == DimKind::Period)
                .map(|d| d.name.value.clone())
                .collect()
        })
        .unwrap_or_default();
    let personal = personal::check_csv(&src, &csv, &periods);
    if !personal.is_empty() {
        return Err(personal);
    }
    let meta = meta?;
    let rows = dataset::read_rows(&meta, &src, &csv)?;
    let counts = dataset::count_indices(&meta);
    Ok(Raw {
        slug,
        yaml,
        csv,
        meta,
        rows,
        count_measures: counts,
    })
}

/// Both files must exist and the name must work in an address.
fn check_pair(root: &Path, yaml: &Path, csv: &Path, slug: &str) -> Result<(), Vec<Diagnostic>> {
    let mut errs = Vec::new();
    for (have, other, data) in [(yaml, csv, true), (csv, yaml, false)] {
        if !root.join(other).exists() {
            errs.push(Diagnostic::error(
                have,
                catalogue::stats::missing_file(data, &other.display().to_string()),
            ));
            return Err(errs);
        }
    }
    if !crate::slug::is_slug(slug) || COMMITMENTS_SLUGS.contains(&slug) {
        errs.push(Diagnostic::error(
            yaml,
            catalogue::stats::invalid_name(slug, &crate::slug::slugify(slug)),
        ));
        return Err(errs);
    }
    Ok(())
}

/// Every plan target's `measure` must name `<dataset>.<measure>` of a dataset of the site.
pub fn check_targets(sources: &[Source], datasets: &[Dataset]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in sources {
        let crate::load::kinds::Front::Plan(p) = &s.front else {
            continue;
        };
        for t in &p.targets {
            let at_id = Position::new(t.id.referenced.line() + 1, t.id.referenced.column());
            if let Some(said) = target_shape(t) {
                out.push(Diagnostic::error(&s.file, said).at(at_id));
            } else if t.direction.is_none() || t.scope.is_none() {
                out.push(
                    Diagnostic::warning(&s.file, catalogue::stats::target_incomplete(&t.id.value))
                        .at(at_id),
                );
            }
            let Some(m) = &t.measure else { continue };
            let at = Position::new(m.referenced.line() + 1, m.referenced.column());
            let Some((d, mi)) = find_measure(datasets, &m.value) else {
                let names: Vec<String> = datasets
                    .iter()
                    .flat_map(|d| {
                        d.meta
                            .measures
                            .iter()
                            .map(move |x| format!("{}.{}", d.slug, x.name.value))
                    })
                    .collect();
                let near = crate::diagnostics::nearest(&m.value, names.iter().map(String::as_str));
                out.push(
                    Diagnostic::error(
                        &s.file,
                        catalogue::stats::unknown_measure(&t.id.value, &m.value, &names, near),
                    )
                    .at(at),
                );
                continue;
            };
            if d.meta.illustrative {
                out.push(
                    Diagnostic::error(
                        &s.file,
                        catalogue::stats::illustrative_measure(
                            &t.id.value,
                            &m.value,
                            &d.yaml.display().to_string(),
                        ),
                    )
                    .at(at),
                );
            } else if let Err(why) = comparable(t, d, mi, s.lang) {
                out.push(
                    Diagnostic::warning(
                        &s.file,
                        catalogue::stats::target_not_comparable(&t.id.value, &m.value, &why),
                    )
                    .at(at),
                );
            }
        }
    }
    out
}

/// A target whose value does not fit its direction: `value` for at least / at most, `range` for a range.
fn target_shape(t: &crate::load::kinds::plan::Target) -> Option<catalogue::Said> {
    use crate::load::kinds::plan::Direction;
    let id = &t.id.value;
    match (t.direction, t.value, t.range) {
        (_, Some(_), Some(_)) => Some(catalogue::stats::target_value_and_range(id)),
        (Some(Direction::Range), _, None) => Some(catalogue::stats::target_range_missing(id)),
        (Some(Direction::AtLeast | Direction::AtMost) | None, None, _) => {
            Some(catalogue::stats::target_value_missing(id))
        }
        (Some(Direction::Range), _, Some(r)) if r.from > r.to => {
            Some(catalogue::stats::target_range_reversed(id, r.from, r.to))
        }
        _ => None,
    }
}

pub use crate::catalogue::stats::Incomparable;

/// The messages' word for a scope.
fn scope_word(s: crate::load::kinds::plan::Scope) -> crate::catalogue::stats::ScopeWord {
    use crate::catalogue::stats::ScopeWord;
    use crate::load::kinds::plan::Scope;
    match s {
        Scope::Period => ScopeWord::Period,
        Scope::PerYear => ScopeWord::PerYear,
        Scope::AtDate => ScopeWord::AtDate,
    }
}

/// Whether figures of measure `m` of `d` can be compared with target `t` (units in `lang`, the plan's).
pub fn comparable(
    t: &crate::load::kinds::plan::Target,
    d: &Dataset,
    m: usize,
    lang: crate::lang::Lang,
) -> Result<(), Incomparable> {
    let measure = &d.meta.measures[m];
    let unit = measure.unit.as_ref().unwrap_or(&d.meta.unit).str(lang);
    let same_unit = unit.trim().to_lowercase() == t.unit.trim().to_lowercase();
    match (t.direction, t.scope, measure.scope) {
        (None, _, _) => Err(Incomparable::NoDirection),
        _ if !same_unit => Err(Incomparable::Unit(t.unit.clone(), unit)),
        (_, None, _) => Err(Incomparable::NoTargetScope),
        (_, _, None) => Err(Incomparable::NoMeasureScope),
        (_, Some(a), Some(b)) if a != b => Err(Incomparable::Scope(scope_word(a), scope_word(b))),
        _ => Ok(()),
    }
}

/// The dataset and measure index named by `dataset.measure`.
pub fn find_measure<'a>(datasets: &'a [Dataset], name: &str) -> Option<(&'a Dataset, usize)> {
    let (ds, m) = name.split_once('.')?;
    let d = datasets.iter().find(|d| d.slug == ds)?;
    Some((d, d.measure_index(m)?))
}

/// The columns of a dataset's CSV download, in order.
pub fn csv_columns(d: &Dataset) -> Vec<String> {
    let mut head: Vec<String> = d
        .meta
        .dimensions
        .iter()
        .map(|x| x.name.value.clone())
        .collect();
    for m in &d.meta.measures {
        head.push(m.name.value.clone());
        if m.kind == dataset::MeasureKind::Rate {
            head.push(format!("{}_unreliable", m.name.value));
        }
    }
    head.push("illustrative".into());
    head
}
