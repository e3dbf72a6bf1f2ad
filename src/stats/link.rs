//! Linked datasets: count measures that publish the same count split different ways, declared (`same_count_as`) or found from the same unit, shared dimensions and matching figures.
//!
//! Two count measures of different datasets are linked when a measure declares
//! `same_count_as: <dataset>.<measure>`, or when they have the same unit and scope, share at least one
//! dimension (by name) whose codes overlap, and every count they both publish at the shared
//! dimensions agrees. A count "at the shared dimensions" is, for each dataset, the sum of its
//! rows with those codes and its other dimensions at the top (the total code when rows use it,
//! otherwise every code without a parent). Linked measures are protected as one system
//! ([`super::protect`]); a declared link whose figures disagree is an error.

use super::dataset::Raw;
use crate::diagnostics::{Diagnostic, Position};
use std::collections::{BTreeMap, HashSet};

/// One count measure of one dataset: `(dataset index, index among its count measures)`.
pub type Member = (usize, usize);

/// A count both members publish: the rows of the first and of the second that add up to it.
#[derive(Debug, Clone)]
pub struct Shared {
    pub rows_a: Vec<usize>,
    pub rows_b: Vec<usize>,
}

/// Two linked count measures and the counts they share.
#[derive(Debug, Clone)]
pub struct Link {
    pub a: Member,
    pub b: Member,
    pub shared: Vec<Shared>,
}

/// The code standing for a dimension's total, whatever each dataset calls it.
const TOTAL: &str = "\u{0}total";

/// Finds every link between count measures of different datasets.
pub fn find(raws: &[Raw]) -> (Vec<Link>, Vec<Diagnostic>) {
    let members: Vec<Member> = raws
        .iter()
        .enumerate()
        .flat_map(|(d, r)| (0..r.count_measures.len()).map(move |k| (d, k)))
        .collect();
    let mut links = Vec::new();
    let mut diags = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            if a.0 == b.0 {
                continue;
            }
            match link(raws, a, b) {
                Ok(Some(l)) => links.push(l),
                Ok(None) => {}
                Err(d) => diags.push(*d),
            }
        }
    }
    (links, diags)
}

fn measure(raws: &[Raw], m: Member) -> &super::dataset::Measure {
    let r = &raws[m.0];
    &r.meta.measures[r.count_measures[m.1]]
}

/// Whether `m` declares that it counts the same as `other`.
fn declares(raws: &[Raw], m: Member, other: Member) -> bool {
    let target = format!("{}.{}", raws[other.0].slug, measure(raws, other).name.value);
    measure(raws, m)
        .same_count_as
        .as_ref()
        .is_some_and(|s| s.value == target)
}

fn unit(raws: &[Raw], m: Member) -> &crate::text::Text {
    measure(raws, m)
        .unit
        .as_ref()
        .unwrap_or(&raws[m.0].meta.unit)
}

fn link(raws: &[Raw], a: Member, b: Member) -> Result<Option<Link>, Box<Diagnostic>> {
    let declared = declares(raws, a, b) || declares(raws, b, a);
    let (ra, rb) = (&raws[a.0], &raws[b.0]);
    let common: Vec<(usize, usize)> = ra
        .meta
        .dimensions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let j = rb
                .meta
                .dimensions
                .iter()
                .position(|e| e.name.value == d.name.value)?;
            Some((i, j))
        })
        .collect();
    if !declared {
        let overlap = common.iter().any(|&(i, j)| {
            let da = &ra.meta.dimensions[i];
            let db = &rb.meta.dimensions[j];
            da.codes.iter().any(|c| db.is_code(c))
        });
        let same_scope = measure(raws, a).scope == measure(raws, b).scope;
        if unit(raws, a) != unit(raws, b) || !same_scope || !overlap {
            return Ok(None);
        }
    }
    let ia: Vec<usize> = common.iter().map(|p| p.0).collect();
    let ib: Vec<usize> = common.iter().map(|p| p.1).collect();
    let ma = margins(ra, a.1, &ia);
    let mb = margins(rb, b.1, &ib);
    let mut shared = Vec::new();
    for (key, (rows_a, sum_a)) in &ma {
        let Some((rows_b, sum_b)) = mb.get(key) else {
            continue;
        };
        if sum_a != sum_b {
            if !declared {
                return Ok(None);
            }
            return Err(Box::new(mismatch(raws, a, b, key, rows_a)));
        }
        shared.push(Shared {
            rows_a: rows_a.clone(),
            rows_b: rows_b.clone(),
        });
    }
    if shared.is_empty() {
        return Ok(None);
    }
    Ok(Some(Link { a, b, shared }))
}

/// A declared link whose figures disagree: which files, which codes, no values quoted.
fn mismatch(raws: &[Raw], a: Member, b: Member, key: &[String], rows_a: &[usize]) -> Diagnostic {
    let (ra, rb) = (&raws[a.0], &raws[b.0]);
    let codes: Vec<&str> = key
        .iter()
        .map(|c| if c == TOTAL { "total" } else { c.as_str() })
        .collect();
    let d = Diagnostic::error(
        &ra.csv,
        crate::catalogue::stats::linked_mismatch(
            &format!("{}.{}", ra.slug, measure(raws, a).name.value),
            &format!("{}.{}", rb.slug, measure(raws, b).name.value),
            &rb.csv.display().to_string(),
            &codes.join(", "),
        ),
    );
    match rows_a.first() {
        Some(&r) => d.at(Position::new(ra.rows[r].line, 0)),
        None => d,
    }
}

/// Whether a code is at the top of its dimension (the total, or a code without a parent).
type IsTop<'a> = Box<dyn Fn(&str) -> bool + 'a>;

/// For each combination of codes at the dimensions `dims`, the rows of count measure `k` that
/// add up to it (other dimensions at the top) and their sum.
fn margins(raw: &Raw, k: usize, dims: &[usize]) -> BTreeMap<Vec<String>, (Vec<usize>, u128)> {
    let n = raw.meta.dimensions.len();
    let top: Vec<IsTop> = (0..n)
        .map(|d| -> IsTop {
            let dim = &raw.meta.dimensions[d];
            let total = dim.total.as_deref();
            let uses_total = total.is_some_and(|t| raw.rows.iter().any(|r| r.codes[d] == t));
            if uses_total {
                return Box::new(move |c: &str| Some(c) == total);
            }
            let mut children: HashSet<&str> = dim
                .hierarchy
                .iter()
                .flat_map(|h| h.parents.keys().map(String::as_str))
                .collect();
            for r in &raw.rows {
                if r.parents[d].is_some() {
                    children.insert(r.codes[d].as_str());
                }
            }
            Box::new(move |c: &str| !children.contains(c))
        })
        .collect();
    let mut out: BTreeMap<Vec<String>, (Vec<usize>, u128)> = BTreeMap::new();
    for (ri, row) in raw.rows.iter().enumerate() {
        let Some(v) = row.counts[k] else { continue };
        let at_top = (0..n)
            .filter(|d| !dims.contains(d))
            .all(|d| top[d](&row.codes[d]));
        if !at_top {
            continue;
        }
        let key: Vec<String> = dims
            .iter()
            .map(|&d| {
                let c = &row.codes[d];
                if raw.meta.dimensions[d].total.as_ref() == Some(c) {
                    TOTAL.to_string()
                } else {
                    c.clone()
                }
            })
            .collect();
        let e = out.entry(key).or_default();
        e.0.push(ri);
        e.1 += u128::from(v);
    }
    out
}
