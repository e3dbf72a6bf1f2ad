//! Primary and secondary cell suppression, repeated until the exact audit passes.

use crate::audit::{audit, audit_at, audit_groups_of, hidden_groups, Audit, Depth, Interval};
use crate::table::{CellStatus, Rules, Table};

/// How far the attacker's range for one primary cell reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryRange {
    /// Cell index.
    pub cell: usize,
    /// Its true value.
    pub value: u64,
    /// The attacker's integer range (`None` when the LP was skipped).
    pub interval: Option<Interval>,
    /// Whether that range covers the whole protection range: `1..=min_cell-1` when zeros are
    /// publishable, `0..=min_cell-1` otherwise. Reported only; the safety rule is two values.
    pub covers_protection_range: bool,
}

/// The outcome of [`protect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    /// Status of every cell, by index.
    pub statuses: Vec<CellStatus>,
    /// Number of audit rounds run (each round may add secondary cells).
    pub iterations: usize,
    /// The full exact audit of the final pattern.
    pub audit: Audit,
    /// Hidden cells still recoverable because no further cell could help (for example a
    /// cell forced to zero by the structure of the constraints). Empty on success.
    pub unprotectable: Vec<usize>,
    /// For each primary cell, the attacker's range compared with the protection range.
    pub primary_ranges: Vec<PrimaryRange>,
}

impl Protection {
    /// Whether a cell may be shown.
    pub fn is_published(&self, cell: usize) -> bool {
        self.statuses
            .get(cell)
            .is_some_and(|s| *s == CellStatus::Published)
    }

    /// The hidden mask (`true` = withheld), for [`audit`].
    pub fn hidden(&self) -> Vec<bool> {
        self.statuses.iter().map(|s| s.is_hidden()).collect()
    }

    /// Whether the final audit passed in full.
    pub fn is_safe(&self) -> bool {
        self.unprotectable.is_empty() && self.audit.is_safe()
    }
}

/// How many secondary cells, largest value first, the final clean-up tries to publish again.
pub const PRUNE_ATTEMPTS: usize = 64;

/// Cost of hiding a cell as a secondary: its value plus an estimate of what it drags along.
type Cost = u128;

/// Penalty that steers away from zeros when only zeros are hidden in the line.
const ZERO_PENALTY: Cost = 1 << 100;

/// Suppresses small counts and enough further cells that no hidden cell can be recovered.
///
/// Steps: mark primary cells; then repeat { apply the line rules (a line with exactly one
/// hidden cell gets a second; a line holding a hidden primary 1 gets three hidden cells),
/// run the exact audit, and for each recoverable cell hide the cheapest published cell that
/// shares a constraint with it } until the audit passes or nothing more can be hidden.
/// Finally, up to [`PRUNE_ATTEMPTS`] secondary cells, largest first, are published again
/// when the line rules and the exact audit still hold without them. The returned audit is
/// a full exact audit of the final pattern.
pub fn protect(table: &Table, rules: &Rules) -> Protection {
    let mut state = State::new(table, rules);
    let mut iterations = 0;
    let mut unprotectable = Vec::new();
    let mut last_full = None;
    loop {
        state.apply_line_rules();
        iterations += 1;
        let verdict = audit_at(table, &state.hidden_mask(), Depth::Verdict);
        let mut exposed = verdict.recoverable;
        if exposed.is_empty() {
            // Whole numbers: a cell counts as protected only with a whole-number witness.
            let full = audit(table, &state.hidden_mask());
            exposed = full.unproven.clone();
            if exposed.is_empty() {
                last_full = Some(full);
                break;
            }
        }
        let stuck = state.widen(&exposed);
        if !stuck.is_empty() {
            unprotectable = stuck;
            break;
        }
    }
    let mut final_audit = last_full.unwrap_or_else(|| audit(table, &state.hidden_mask()));
    if unprotectable.is_empty() {
        let before = state.statuses.clone();
        state.prune();
        if state.statuses != before {
            final_audit = audit(table, &state.hidden_mask());
            if !final_audit.unproven.is_empty() {
                // Pruning is checked without witnesses: undo it rather than lose one.
                state.statuses = before;
                final_audit = audit(table, &state.hidden_mask());
            }
        }
    }
    let primary_ranges = primary_ranges(&state.statuses, &final_audit, rules);
    Protection {
        statuses: state.statuses,
        iterations,
        audit: final_audit,
        unprotectable,
        primary_ranges,
    }
}

/// Compares each primary cell's attacker range with the protection range.
fn primary_ranges(statuses: &[CellStatus], audit: &Audit, rules: &Rules) -> Vec<PrimaryRange> {
    let lo = u64::from(rules.zeros_publishable);
    let hi = rules.min_cell.saturating_sub(1).max(lo);
    statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| **s == CellStatus::Primary)
        .filter_map(|(cell, _)| audit.cell(cell))
        .map(|a| PrimaryRange {
            cell: a.cell,
            value: a.value,
            interval: a.interval,
            covers_protection_range: a.interval.is_some_and(|i| i.covers(lo, hi)),
        })
        .collect()
}

/// Working state of the suppression loop.
struct State<'a> {
    table: &'a Table,
    statuses: Vec<CellStatus>,
    lines: Vec<Vec<usize>>,
}

impl<'a> State<'a> {
    /// Marks the primary cells.
    fn new(table: &'a Table, rules: &Rules) -> Self {
        let statuses = table
            .values()
            .iter()
            .enumerate()
            .map(|(c, &v)| {
                if table.is_unpublished(c) {
                    CellStatus::Secondary
                } else if rules.is_sensitive(v) {
                    CellStatus::Primary
                } else {
                    CellStatus::Published
                }
            })
            .collect();
        State {
            table,
            statuses,
            lines: table.lines_of_cells(),
        }
    }

    fn hidden_mask(&self) -> Vec<bool> {
        self.statuses.iter().map(|s| s.is_hidden()).collect()
    }

    fn is_hidden(&self, cell: usize) -> bool {
        self.statuses[cell].is_hidden()
    }

    fn value(&self, cell: usize) -> u64 {
        self.table.values()[cell]
    }

    /// Hidden cells needed in a line: 2 if any is hidden, 3 if it holds a hidden primary 1.
    fn needed_in_line(&self, k: usize) -> usize {
        let con = &self.table.constraints()[k];
        let mut hidden = 0;
        let mut has_one = false;
        for c in con.cells().filter(|&c| self.is_hidden(c)) {
            hidden += 1;
            has_one |= self.statuses[c] == CellStatus::Primary && self.value(c) == 1;
        }
        let need: usize = match (hidden, has_one) {
            (_, true) => 3,
            (1, false) => 2,
            _ => 0,
        };
        need.saturating_sub(hidden)
    }

    /// Applies the line rules until no line needs more hidden cells.
    fn apply_line_rules(&mut self) {
        loop {
            let mut changed = false;
            for k in 0..self.table.constraints().len() {
                for _ in 0..self.needed_in_line(k) {
                    match self.cheapest_in_line(k, None) {
                        Some((c, _)) => {
                            self.statuses[c] = CellStatus::Secondary;
                            changed = true;
                        }
                        None => break,
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Number of hidden cells in a line.
    fn hidden_in_line(&self, k: usize) -> usize {
        self.table.constraints()[k]
            .cells()
            .filter(|&c| self.is_hidden(c))
            .count()
    }

    /// The cheapest published cell of line `k`. `for_cell` is the hidden cell being
    /// protected, if any (a zero cell needs a positive partner to move).
    fn cheapest_in_line(&self, k: usize, for_cell: Option<usize>) -> Option<(usize, Cost)> {
        let con = &self.table.constraints()[k];
        let only_zeros_hidden = match for_cell {
            Some(c) => self.value(c) == 0,
            None => con
                .cells()
                .filter(|&c| self.is_hidden(c))
                .all(|c| self.value(c) == 0),
        };
        con.cells()
            .filter(|&c| !self.is_hidden(c))
            .map(|c| {
                let zero = only_zeros_hidden && self.value(c) == 0;
                let cost = Cost::from(self.value(c))
                    + self.lookahead(c, k)
                    + if zero { ZERO_PENALTY } else { 0 };
                (c, cost)
            })
            .min_by_key(|&(c, cost)| (cost, c))
    }

    /// Estimated extra cost of hiding `cell`: each other line of the cell that has no hidden
    /// cell yet will need a second one, at least its cheapest other published value.
    fn lookahead(&self, cell: usize, from_line: usize) -> Cost {
        self.lines[cell]
            .iter()
            .filter(|&&k| k != from_line && self.hidden_in_line(k) == 0)
            .map(|&k| {
                self.table.constraints()[k]
                    .cells()
                    .filter(|&c| c != cell)
                    .map(|c| Cost::from(self.value(c)))
                    .min()
                    .unwrap_or(0)
            })
            .sum()
    }

    /// Publishes again secondary cells that turn out not to be needed, largest first.
    fn prune(&mut self) {
        let mut secondary: Vec<usize> = (0..self.statuses.len())
            .filter(|&c| self.statuses[c] == CellStatus::Secondary)
            .filter(|&c| !self.table.is_unpublished(c))
            .collect();
        secondary.sort_by_key(|&c| (std::cmp::Reverse(self.value(c)), c));
        for cell in secondary.into_iter().take(PRUNE_ATTEMPTS) {
            self.statuses[cell] = CellStatus::Published;
            if !self.still_safe_without(cell) {
                self.statuses[cell] = CellStatus::Secondary;
            }
        }
    }

    /// Whether the pattern, with `cell` just published, keeps the line rules and passes
    /// the exact audit in every group next to the cell.
    fn still_safe_without(&self, cell: usize) -> bool {
        if self.lines[cell].iter().any(|&k| self.needed_in_line(k) > 0) {
            return false;
        }
        let neighbours: Vec<usize> = self.lines[cell]
            .iter()
            .flat_map(|&k| self.table.constraints()[k].cells())
            .filter(|&c| self.is_hidden(c))
            .collect();
        let check = audit_groups_of(self.table, &self.hidden_mask(), &neighbours, Depth::Verdict);
        check.recoverable.is_empty() && check.lp_skipped.is_empty()
    }

    /// Hides one more cell next to each recoverable cell. Returns the recoverable cells for
    /// which no published cell could be found anywhere in their linked group.
    fn widen(&mut self, recoverable: &[usize]) -> Vec<usize> {
        let mut stuck = Vec::new();
        let mut groups = None;
        let mut touched = vec![false; self.table.constraints().len()];
        let mut progress = false;
        for &cell in recoverable {
            // A cell hidden this round in one of its lines may already free this cell.
            if self.lines[cell].iter().any(|&k| touched[k]) {
                continue;
            }
            let near = self.cheapest_near(cell);
            let pick = near.or_else(|| {
                let gs =
                    groups.get_or_insert_with(|| hidden_groups(self.table, &self.hidden_mask()));
                self.cheapest_in_group(gs, cell)
            });
            match pick {
                Some(c) => {
                    self.statuses[c] = CellStatus::Secondary;
                    progress = true;
                    for &k in &self.lines[c] {
                        touched[k] = true;
                    }
                }
                None => stuck.push(cell),
            }
        }
        // Report stuck cells only when nothing at all could be hidden this round.
        if progress {
            Vec::new()
        } else {
            stuck
        }
    }

    /// The cheapest published cell sharing a line with `cell`.
    fn cheapest_near(&self, cell: usize) -> Option<usize> {
        self.lines[cell]
            .iter()
            .filter_map(|&k| self.cheapest_in_line(k, Some(cell)))
            .min_by_key(|&(c, cost)| (cost, c))
            .map(|(c, _)| c)
    }

    /// The cheapest published cell on any line of the hidden group holding `cell`.
    fn cheapest_in_group(&self, groups: &[crate::audit::Group], cell: usize) -> Option<usize> {
        let group = groups
            .iter()
            .find(|g| g.cells.binary_search(&cell).is_ok())?;
        group
            .constraints
            .iter()
            .filter_map(|&k| self.cheapest_in_line(k, Some(cell)))
            .min_by_key(|&(c, cost)| (cost, c))
            .map(|(c, _)| c)
    }
}
