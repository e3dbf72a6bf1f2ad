//! Disclosure control: each count measure becomes a minh-disclosure cube, is protected and audited, and only safe figures survive.

use super::dataset::{MeasureKind, Raw};
use crate::diagnostics::{Diagnostic, Position};
use minh_disclosure::{
    assess_rate, protect, CellStatus, CubeBuilder, CubeError, RateKind, RatePart, Rules,
};

/// What may be shown of one figure. Hidden values are dropped here and never reach pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Count(u64),
    Rate {
        value: f64,
        unreliable: bool,
    },
    /// Withheld by disclosure control (primary or secondary: never told apart).
    Suppressed,
    /// No figure in the source.
    Missing,
}

impl Figure {
    pub fn is_suppressed(self) -> bool {
        matches!(self, Figure::Suppressed)
    }
}

/// A count after protection, kept only inside this module to compute rates.
#[derive(Clone, Copy)]
struct Cell {
    value: u64,
    status: CellStatus,
}

/// Protects every measure; returns figures indexed `[measure][row]`.
pub fn protect_dataset(raw: &Raw, rules: &Rules) -> Result<Vec<Vec<Figure>>, Vec<Diagnostic>> {
    let counts = super::dataset::count_indices(&raw.meta);
    let mut cells: Vec<Vec<Option<Cell>>> = Vec::new();
    let mut errs = Vec::new();
    for k in 0..counts.len() {
        match protect_count(raw, k, rules) {
            Ok(c) => cells.push(c),
            Err(d) => errs.push(*d),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let figures = raw
        .meta
        .measures
        .iter()
        .map(|m| match m.kind {
            MeasureKind::Count => {
                let k = counts
                    .iter()
                    .position(|&i| raw.meta.measures[i].name.value == m.name.value);
                k.map(|k| cells[k].iter().map(count_figure).collect())
                    .unwrap_or_default()
            }
            MeasureKind::Rate => rate_figures(raw, m, &counts, &cells, rules),
        })
        .collect();
    Ok(figures)
}

fn count_figure(c: &Option<Cell>) -> Figure {
    match c {
        None => Figure::Missing,
        Some(c) if c.status.is_hidden() => Figure::Suppressed,
        Some(c) => Figure::Count(c.value),
    }
}

/// Primary and secondary suppression of count measure `k` over all periods at once.
fn protect_count(raw: &Raw, k: usize, rules: &Rules) -> Result<Vec<Option<Cell>>, Box<Diagnostic>> {
    let meta = &raw.meta;
    let name = &meta.measures[super::dataset::count_indices(meta)[k]]
        .name
        .value;
    let dims: Vec<&str> = meta
        .dimensions
        .iter()
        .map(|d| d.name.value.as_str())
        .collect();
    let cube_err = |e: CubeError| Box::new(cube_diagnostic(raw, name, &e));
    let mut b = CubeBuilder::new(&dims).map_err(cube_err)?;
    for (di, d) in meta.dimensions.iter().enumerate() {
        if let Some(t) = &d.total {
            b.set_total(&d.name.value, t).map_err(cube_err)?;
        }
        if let Some(h) = &d.hierarchy {
            for (child, parent) in &h.parents {
                b.set_parent(&d.name.value, child, parent)
                    .map_err(cube_err)?;
            }
            for row in &raw.rows {
                if let Some(p) = &row.parents[di] {
                    b.set_parent(&d.name.value, &row.codes[di], p)
                        .map_err(cube_err)?;
                }
            }
        }
    }
    let mut cell_of_row = vec![None; raw.rows.len()];
    for (ri, row) in raw.rows.iter().enumerate() {
        if let Some(v) = row.counts[k] {
            cell_of_row[ri] = Some(b.add_row(&row.codes, v).map_err(cube_err)?);
        }
    }
    let cube = b.build().map_err(cube_err)?;
    let p = protect(cube.table(), rules);
    if !p.is_safe() {
        return Err(Box::new(Diagnostic::error(
            &raw.csv,
            crate::catalogue::stats::disclosure_unsafe(&raw.slug, name),
        )));
    }
    Ok(cell_of_row
        .iter()
        .map(|c| {
            c.map(|cell| Cell {
                value: cube.table().value(cell).unwrap_or(0),
                status: p.statuses.get(cell).copied().unwrap_or(CellStatus::Primary),
            })
        })
        .collect())
}

fn rate_figures(
    raw: &Raw,
    m: &super::dataset::Measure,
    counts: &[usize],
    cells: &[Vec<Option<Cell>>],
    rules: &Rules,
) -> Vec<Figure> {
    let find = |n: &Option<serde_saphyr::Spanned<String>>| {
        n.as_ref().and_then(|n| {
            counts
                .iter()
                .position(|&i| raw.meta.measures[i].name.value == n.value)
        })
    };
    let (Some(a), Some(n)) = (find(&m.numerator), find(&m.denominator)) else {
        return vec![Figure::Missing; raw.rows.len()];
    };
    let kind = if m.proportion.unwrap_or(true) {
        RateKind::Proportion { complement: None }
    } else {
        RateKind::Ratio
    };
    let per = f64::from(m.per.unwrap_or(100));
    (0..raw.rows.len())
        .map(|r| match (cells[a][r], cells[n][r]) {
            (Some(x), Some(y)) => {
                let part = |c: Cell| RatePart {
                    value: c.value,
                    status: c.status,
                };
                let verdict = assess_rate(part(x), part(y), kind, rules);
                if verdict.suppress() || y.value == 0 {
                    Figure::Suppressed
                } else {
                    Figure::Rate {
                        value: x.value as f64 / y.value as f64 * per,
                        unreliable: verdict.unreliable,
                    }
                }
            }
            _ => Figure::Missing,
        })
        .collect()
}

/// A cube error as a located diagnostic; values of rows are never quoted.
fn cube_diagnostic(raw: &Raw, measure: &str, e: &CubeError) -> Diagnostic {
    let line_of = |key: &[String]| raw.rows.iter().find(|r| r.codes == key).map(|r| r.line);
    use crate::catalogue::stats;
    let (said, line) = match e {
        CubeError::Inconsistent {
            dimension, total, ..
        } => (
            stats::total_mismatch(measure, &total.join(", "), dimension),
            line_of(total),
        ),
        CubeError::ParentConflict { dimension, code }
        | CubeError::HierarchyCycle { dimension, code }
        | CubeError::TotalHasParent { dimension, code } => {
            (stats::not_a_tree(dimension, code), None)
        }
        other => (
            stats::rows_inconsistent(measure, &format!("{other:?}")),
            None,
        ),
    };
    let d = Diagnostic::error(&raw.csv, said);
    match line {
        Some(l) => d.at(Position::new(l, 0)),
        None => d,
    }
}
