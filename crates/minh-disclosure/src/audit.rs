//! The exact audit: which hidden cells an attacker can work out from what is published.

use crate::exact::{ceil_u64, floor_u64, q_int, rref, single_row_bounds, Simplex, Q};
use crate::table::Table;
use num_bigint::BigInt;
use num_traits::Zero;

/// Largest number of hidden cells in one linked group that the exact LP bound check handles.
///
/// Hidden cells that share no constraint (directly or through other hidden cells) are audited
/// separately, so this limits the size of one connected group, not of the table. Above it,
/// only the exact linear check (a) runs and the cells are listed in [`Audit::lp_skipped`].
pub const LP_MAX_HIDDEN: usize = 1000;

/// The integer values of a hidden cell that an attacker cannot rule out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Smallest possible value.
    pub min: u64,
    /// Largest possible value; `None` when the published data set no upper limit.
    pub max: Option<u64>,
}

impl Interval {
    /// Whether at least two integer values remain possible (the safety rule).
    pub fn has_two_values(&self) -> bool {
        match self.max {
            None => true,
            Some(max) => max > self.min,
        }
    }

    /// Whether the interval contains every value in `lo..=hi`.
    pub fn covers(&self, lo: u64, hi: u64) -> bool {
        self.min <= lo && self.max.is_none_or(|m| m >= hi)
    }
}

/// The audit verdict for one hidden cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellAudit {
    /// Cell index in the table.
    pub cell: usize,
    /// The true (hidden) value.
    pub value: u64,
    /// Check (a): the value follows from the published values and constraints by linear
    /// algebra alone (its unit vector lies in the row space of the hidden columns).
    pub linearly_determined: bool,
    /// Check (b): the integer range left once the attacker also uses `x >= 0`, from an exact
    /// rational LP. `None` when the LP was skipped (see [`Audit::lp_skipped`]).
    pub interval: Option<Interval>,
    /// The LP met a whole-number table, consistent with everything published, in which this
    /// cell has a different value: proof that even an attacker who uses integrality cannot
    /// pin it. Always found for safe cells of two-way tables with margins; `false` elsewhere
    /// does not mean unsafe, only that no such table was met on the way.
    pub integer_witness: bool,
}

impl CellAudit {
    /// Whether the attacker can pin the value down: linearly determined, or fewer than two
    /// integer values left in the feasible interval.
    pub fn recoverable(&self) -> bool {
        self.linearly_determined || self.interval.is_some_and(|i| !i.has_two_values())
    }
}

/// Result of auditing one suppression pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    /// One entry per hidden cell, in ascending cell order.
    pub cells: Vec<CellAudit>,
    /// Hidden cells that can be recovered, ascending.
    pub recoverable: Vec<usize>,
    /// Hidden cells whose linked group exceeded [`LP_MAX_HIDDEN`]: only check (a) ran.
    pub lp_skipped: Vec<usize>,
    /// Hidden cells not recoverable by the LP, for which no whole-number table was met that
    /// gives them another value ([`CellAudit::integer_witness`]): an attacker who uses
    /// integrality might still pin them. Filled by the full audit only.
    pub unproven: Vec<usize>,
}

impl Audit {
    /// True when no hidden cell is recoverable, every cell got the full check (a) and (b),
    /// and every hidden cell has a whole-number witness (see [`Audit::unproven`]).
    pub fn is_safe(&self) -> bool {
        self.recoverable.is_empty() && self.lp_skipped.is_empty() && self.unproven.is_empty()
    }

    /// The audit entry of a hidden cell.
    pub fn cell(&self, cell: usize) -> Option<&CellAudit> {
        self.cells
            .binary_search_by_key(&cell, |c| c.cell)
            .ok()
            .map(|i| &self.cells[i])
    }
}

/// How thoroughly LP bounds are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Exact minimum and maximum of every hidden cell.
    Full,
    /// Stop each LP as soon as two integer values are shown possible (intervals are then
    /// only lower bounds on the true range, but the recoverable verdict is exact).
    Verdict,
}

/// Audits a suppression pattern: `hidden[i]` says whether cell `i` is withheld.
///
/// Cells beyond `hidden.len()` count as published; extra entries are ignored.
pub fn audit(table: &Table, hidden: &[bool]) -> Audit {
    audit_at(table, hidden, Depth::Full)
}

/// Audit with a chosen depth.
pub(crate) fn audit_at(table: &Table, hidden: &[bool], depth: Depth) -> Audit {
    let mask: Vec<bool> = (0..table.len())
        .map(|i| hidden.get(i).copied().unwrap_or(false))
        .collect();
    let groups = hidden_groups(table, &mask);
    let mut cells = Vec::new();
    let mut lp_skipped = Vec::new();
    for group in &groups {
        audit_group(table, &mask, group, depth, &mut cells, &mut lp_skipped);
    }
    cells.sort_by_key(|c| c.cell);
    lp_skipped.sort_unstable();
    let recoverable = cells
        .iter()
        .filter(|c| c.recoverable() && !table.is_unpublished(c.cell))
        .map(|c| c.cell)
        .collect();
    let unproven = if depth == Depth::Full {
        cells
            .iter()
            .filter(|c| !c.recoverable() && !c.integer_witness && c.interval.is_some())
            .filter(|c| !table.is_unpublished(c.cell))
            .map(|c| c.cell)
            .collect()
    } else {
        Vec::new()
    };
    Audit {
        cells,
        recoverable,
        lp_skipped,
        unproven,
    }
}

/// Audits only the groups of hidden cells that contain one of `cells` (other groups are
/// unaffected by a change confined to those cells' lines).
pub(crate) fn audit_groups_of(
    table: &Table,
    mask: &[bool],
    cells: &[usize],
    depth: Depth,
) -> Audit {
    let mut out = Vec::new();
    let mut lp_skipped = Vec::new();
    for group in hidden_groups(table, mask)
        .iter()
        .filter(|g| cells.iter().any(|c| g.cells.binary_search(c).is_ok()))
    {
        audit_group(table, mask, group, depth, &mut out, &mut lp_skipped);
    }
    let recoverable = out
        .iter()
        .filter(|c| c.recoverable() && !table.is_unpublished(c.cell))
        .map(|c| c.cell)
        .collect();
    Audit {
        cells: out,
        recoverable,
        lp_skipped,
        unproven: Vec::new(),
    }
}

/// A connected group of hidden cells and the constraints linking them.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Hidden cells, ascending.
    pub cells: Vec<usize>,
    /// Indices of constraints that involve these cells.
    pub constraints: Vec<usize>,
}

/// Splits the hidden cells into groups linked by shared constraints.
pub(crate) fn hidden_groups(table: &Table, mask: &[bool]) -> Vec<Group> {
    let mut uf = UnionFind::new(table.len());
    for con in table.constraints() {
        let mut first = None;
        for c in con.cells().filter(|&c| mask[c]) {
            match first {
                None => first = Some(c),
                Some(f) => uf.union(f, c),
            }
        }
    }
    let mut slot = vec![usize::MAX; table.len()];
    let mut groups: Vec<Group> = Vec::new();
    for c in (0..table.len()).filter(|&c| mask[c]) {
        let root = uf.find(c);
        if slot[root] == usize::MAX {
            slot[root] = groups.len();
            groups.push(Group {
                cells: Vec::new(),
                constraints: Vec::new(),
            });
        }
        groups[slot[root]].cells.push(c);
    }
    for (k, con) in table.constraints().iter().enumerate() {
        if let Some(c) = con.cells().find(|&c| mask[c]) {
            groups[slot[uf.find(c)]].constraints.push(k);
        }
    }
    groups
}

/// Audits one group, appending to `out` and `skipped`.
fn audit_group(
    table: &Table,
    mask: &[bool],
    group: &Group,
    depth: Depth,
    out: &mut Vec<CellAudit>,
    skipped: &mut Vec<usize>,
) {
    let values = table.values();
    let (rows, rhs) = group_equations(table, mask, group);
    let n = group.cells.len();
    let mut caps = single_row_bounds(&rows, &rhs, n);
    let Some(system) = rref(rows, rhs, n) else {
        // Unreachable for a consistent table; be conservative and call everything recoverable.
        out.extend(group.cells.iter().map(|&c| CellAudit {
            cell: c,
            value: values[c],
            linearly_determined: true,
            interval: None,
            integer_witness: false,
        }));
        return;
    };
    let determined = system.determined();
    for (j, cap) in single_row_bounds(&system.rows, &system.rhs, n)
        .into_iter()
        .enumerate()
    {
        if let Some(c) = cap {
            if caps[j].as_ref().is_none_or(|old| c < *old) {
                caps[j] = Some(c);
            }
        }
    }
    let mut simplex = if group.cells.len() <= LP_MAX_HIDDEN {
        Simplex::feasible(&system)
    } else {
        None
    };
    if simplex.is_none() {
        skipped.extend(&group.cells);
    }
    for (local, &cell) in group.cells.iter().enumerate() {
        let value = values[cell];
        let interval = if determined[local] {
            Some(Interval {
                min: value,
                max: Some(value),
            })
        } else {
            simplex
                .as_mut()
                .map(|s| cell_interval(s, local, value, caps[local].as_ref(), depth))
        };
        out.push(CellAudit {
            cell,
            value,
            linearly_determined: determined[local],
            interval,
            integer_witness: false,
        });
    }
    if let Some(s) = &simplex {
        let first = out.len() - group.cells.len();
        for (local, entry) in out[first..].iter_mut().enumerate() {
            let truth = q_int(BigInt::from(entry.value));
            // An unbounded cell always has one: the true table plus a scaled rational ray.
            let unbounded = entry.interval.is_some_and(|i| i.max.is_none());
            entry.integer_witness = !entry.linearly_determined
                && (unbounded
                    || s.seen_integer_range(local)
                        .is_some_and(|(lo, hi)| *lo < truth || *hi > truth));
        }
    }
}

/// The LP bounds of one hidden cell. Solutions already visited by the simplex (and the
/// true values) give inner bounds that often settle the verdict, or the minimum, for free.
fn cell_interval(
    s: &mut Simplex,
    local: usize,
    value: u64,
    cap: Option<&Q>,
    depth: Depth,
) -> Interval {
    let truth = q_int(BigInt::from(value));
    let zero_seen = s.seen_zero(local);
    if depth == Depth::Verdict {
        let seen_hi = s
            .seen_max(local)
            .map_or(truth.clone(), |m| m.clone().max(truth.clone()));
        let hi = floor_u64(&seen_hi);
        let lo = if zero_seen { 0 } else { value };
        if hi > lo {
            return Interval {
                min: lo,
                max: Some(hi),
            };
        }
    }
    let (up, down) = match depth {
        Depth::Full => (None, None),
        Depth::Verdict => (Some(&truth + Q::one()), Some(&truth - Q::one())),
    };
    // A visited solution reaching a proven upper bound settles the maximum without an LP.
    let max = match (cap, s.seen_max(local)) {
        (Some(c), Some(m)) if m >= c => Some(c.clone()),
        _ => s.max_of(local, up.as_ref()),
    };
    if depth == Depth::Verdict && max.as_ref().is_none_or(|m| Some(m) == up.as_ref()) {
        return Interval {
            min: value,
            max: max.map(|m| floor_u64(&m)),
        };
    }
    let min = if zero_seen {
        Q::zero()
    } else {
        s.min_of(local, down.as_ref())
    };
    Interval {
        min: ceil_u64(&min),
        max: max.map(|m| floor_u64(&m)),
    }
}

/// The equations `A_H x_H = b` of a group, with published values moved to the right.
fn group_equations(table: &Table, mask: &[bool], group: &Group) -> (Vec<Vec<Q>>, Vec<Q>) {
    let mut local = std::collections::HashMap::with_capacity(group.cells.len());
    for (i, &c) in group.cells.iter().enumerate() {
        local.insert(c, i);
    }
    let n = group.cells.len();
    let values = table.values();
    let mut rows = Vec::with_capacity(group.constraints.len());
    let mut rhs = Vec::with_capacity(group.constraints.len());
    for &k in &group.constraints {
        let con = &table.constraints()[k];
        let mut row = vec![Q::zero(); n];
        let mut b = BigInt::zero();
        let terms = std::iter::once((con.total(), 1i8)).chain(con.parts().iter().map(|&p| (p, -1)));
        for (cell, sign) in terms {
            match (mask[cell], local.get(&cell)) {
                (true, Some(&i)) => row[i] = if sign > 0 { Q::one() } else { -Q::one() },
                _ if sign > 0 => b -= values[cell],
                _ => b += values[cell],
            }
        }
        rows.push(row);
        rhs.push(q_int(b));
    }
    (rows, rhs)
}

/// Disjoint-set forest over cell indices.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra] = rb;
        }
    }
}
