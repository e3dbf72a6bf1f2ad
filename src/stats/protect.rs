//! Disclosure control: each count measure becomes a minh-disclosure cube; linked measures are joined into one table; each table is protected and audited, and only safe figures survive.

use super::dataset::{MeasureKind, Raw};
use super::link::{Link, Member};
use crate::diagnostics::{Diagnostic, Position};
use minh_disclosure::{
    assess_rate, protect, CellStatus, Cube, CubeBuilder, CubeError, RateKind, RatePart, Rules,
    Table,
};
use rayon::prelude::*;
use std::collections::HashMap;

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

/// Figures `[measure][row]` of every dataset (same order as `raws`), or its errors.
pub type Protected = Vec<Result<Vec<Vec<Figure>>, Vec<Diagnostic>>>;

/// A count measure as a cube, with the cell of each row (rows without a value have none).
struct Built {
    cube: Cube,
    cell_of_row: Vec<Option<usize>>,
}

/// Protects every dataset; count measures linked across datasets ([`super::link`]) are
/// protected as one system, so that nothing one publishes lets anyone solve a hidden cell of
/// another.
pub fn protect_all(raws: &[Raw], rules: &Rules) -> Protected {
    let mut errors: Vec<Vec<Diagnostic>> = vec![Vec::new(); raws.len()];
    let mut built: HashMap<Member, Built> = HashMap::new();
    for (d, raw) in raws.iter().enumerate() {
        for k in 0..raw.count_measures.len() {
            match build_cube(raw, k) {
                Ok(b) => {
                    built.insert((d, k), b);
                }
                Err(e) => errors[d].push(*e),
            }
        }
    }
    let (links, link_errors) = super::link::find(raws);
    for e in link_errors {
        if let Some(d) = raws.iter().position(|r| r.csv == e.file) {
            errors[d].push(e);
        }
    }
    let links: Vec<Link> = links
        .into_iter()
        .filter(|l| built.contains_key(&l.a) && built.contains_key(&l.b))
        .collect();
    let systems = systems(&built, &links);
    let results: Vec<(Vec<Member>, SystemCells)> = systems
        .par_iter()
        .map(|members| {
            let r = protect_system(raws, members, &built, &links, rules);
            (members.clone(), r)
        })
        .collect();
    let mut cells: HashMap<Member, Vec<Option<Cell>>> = HashMap::new();
    for (members, r) in results {
        match r {
            Ok(per_member) => cells.extend(members.into_iter().zip(per_member)),
            Err(msg) => {
                for &(d, _) in &members {
                    errors[d].push(unsafe_diagnostic(&raws[d], &msg));
                }
            }
        }
    }
    raws.iter()
        .enumerate()
        .map(|(d, raw)| {
            if !errors[d].is_empty() {
                let mut e = std::mem::take(&mut errors[d]);
                e.dedup_by(|x, y| x.message == y.message);
                return Err(e);
            }
            let per_count: Vec<Vec<Option<Cell>>> = (0..raw.count_measures.len())
                .map(|k| cells.remove(&(d, k)).unwrap_or_default())
                .collect();
            Ok(figures(raw, &per_count, rules))
        })
        .collect()
}

/// The protected cells of each member of a system `[member][row]`, or why it is not safe.
type SystemCells = Result<Vec<Vec<Option<Cell>>>, String>;

/// The measures protected together: connected by links, each system sorted.
fn systems(built: &HashMap<Member, Built>, links: &[Link]) -> Vec<Vec<Member>> {
    let mut members: Vec<Member> = built.keys().copied().collect();
    members.sort_unstable();
    let index: HashMap<Member, usize> = members.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for l in links {
        let (a, b) = (
            find(&mut parent, index[&l.a]),
            find(&mut parent, index[&l.b]),
        );
        parent[a] = b;
    }
    let mut groups: HashMap<usize, Vec<Member>> = HashMap::new();
    for (i, &m) in members.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(m);
    }
    let mut out: Vec<Vec<Member>> = groups.into_values().collect();
    out.sort();
    out
}

/// Protects the measures of one system as one table: every cube's cells and totals, plus the
/// counts their links share. Returns each member's cells, or why it is not safe.
fn protect_system(
    raws: &[Raw],
    members: &[Member],
    built: &HashMap<Member, Built>,
    links: &[Link],
    rules: &Rules,
) -> SystemCells {
    let mut table = Table::new();
    let mut offset: HashMap<Member, usize> = HashMap::new();
    for m in members {
        let t = built[m].cube.table();
        let off = table.len();
        offset.insert(*m, off);
        for &v in t.values() {
            table.add_cell(v);
        }
        for c in t.constraints() {
            let parts: Vec<usize> = c.parts().iter().map(|p| p + off).collect();
            table
                .add_constraint(c.total() + off, &parts)
                .map_err(|e| e.to_string())?;
        }
    }
    let cell_of = |table: &mut Table, m: Member, rows: &[usize]| -> Result<usize, String> {
        let b = &built[&m];
        let cells: Vec<usize> = rows
            .iter()
            .filter_map(|&r| b.cell_of_row[r])
            .map(|c| c + offset[&m])
            .collect();
        match cells.as_slice() {
            [one] => Ok(*one),
            _ => {
                let sum: u64 = cells.iter().filter_map(|&c| table.value(c)).sum();
                let v = table.add_unpublished_cell(sum);
                table.add_constraint(v, &cells).map_err(|e| e.to_string())?;
                Ok(v)
            }
        }
    };
    for l in links.iter().filter(|l| offset.contains_key(&l.a)) {
        for s in &l.shared {
            let a = cell_of(&mut table, l.a, &s.rows_a)?;
            let b = cell_of(&mut table, l.b, &s.rows_b)?;
            table.add_constraint(a, &[b]).map_err(|e| e.to_string())?;
        }
    }
    let p = protect(&table, rules);
    if !p.is_safe() {
        let names: Vec<String> = members
            .iter()
            .map(|&(d, k)| {
                let r = &raws[d];
                format!(
                    "{}.{}",
                    r.slug, r.meta.measures[r.count_measures[k]].name.value
                )
            })
            .collect();
        return Err(names.join(", "));
    }
    Ok(members
        .iter()
        .map(|m| {
            let off = offset[m];
            built[m]
                .cell_of_row
                .iter()
                .map(|c| {
                    c.map(|cell| Cell {
                        value: table.value(cell + off).unwrap_or(0),
                        status: p
                            .statuses
                            .get(cell + off)
                            .copied()
                            .unwrap_or(CellStatus::Primary),
                    })
                })
                .collect()
        })
        .collect())
}

fn unsafe_diagnostic(raw: &Raw, measures: &str) -> Diagnostic {
    Diagnostic::error(
        &raw.csv,
        crate::catalogue::stats::disclosure_unsafe(&raw.slug, measures),
    )
}

/// Figures of every measure from the protected counts `[count measure][row]`.
fn figures(raw: &Raw, cells: &[Vec<Option<Cell>>], rules: &Rules) -> Vec<Vec<Figure>> {
    let counts = &raw.count_measures;
    raw.meta
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
            MeasureKind::Rate => rate_figures(raw, m, counts, cells, rules),
        })
        .collect()
}

fn count_figure(c: &Option<Cell>) -> Figure {
    match c {
        None => Figure::Missing,
        Some(c) if c.status.is_hidden() => Figure::Suppressed,
        Some(c) => Figure::Count(c.value),
    }
}

/// Count measure `k` as a cube over all periods at once, with the cell of each row.
fn build_cube(raw: &Raw, k: usize) -> Result<Built, Box<Diagnostic>> {
    let meta = &raw.meta;
    let name = &meta.measures[raw.count_measures[k]].name.value;
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
    Ok(Built { cube, cell_of_row })
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
