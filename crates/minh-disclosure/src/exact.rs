//! Exact rational linear algebra: reduced row echelon form and a two-phase simplex for `x >= 0`.

use num_bigint::BigInt;
use num_traits::Signed;

pub(crate) use crate::rational::Q;

/// A linear system `A x = b` over the rationals in reduced row echelon form, zero rows dropped.
#[derive(Debug, Clone)]
pub(crate) struct Rref {
    /// Number of variables (columns).
    pub ncols: usize,
    /// Independent rows, each with a leading 1 in its pivot column.
    pub rows: Vec<Vec<Q>>,
    /// Right-hand side of each row.
    pub rhs: Vec<Q>,
    /// Pivot column of each row.
    pub pivots: Vec<usize>,
}

/// Brings `rows` (dense, `ncols` wide) with right-hand sides `rhs` into reduced row echelon form.
///
/// Returns `None` when the system is inconsistent (a zero row with a non-zero right-hand side).
pub(crate) fn rref(mut rows: Vec<Vec<Q>>, mut rhs: Vec<Q>, ncols: usize) -> Option<Rref> {
    let mut rank = 0;
    let mut pivots = Vec::new();
    for col in 0..ncols {
        let Some(found) = (rank..rows.len()).find(|&r| !rows[r][col].is_zero()) else {
            continue;
        };
        rows.swap(rank, found);
        rhs.swap(rank, found);
        let inv = rows[rank][col].recip();
        scale_row(&mut rows[rank], &mut rhs[rank], &inv);
        let nz = nonzero_indices(&rows[rank]);
        for r in 0..rows.len() {
            if r == rank || rows[r][col].is_zero() {
                continue;
            }
            let factor = rows[r][col].clone();
            let (pivot_row, target) = pick_two(&mut rows, rank, r);
            sub_scaled(target, pivot_row, &nz, &factor);
            rhs[r] = rhs[r].sub_mul(&factor, &rhs[rank]);
        }
        pivots.push(col);
        rank += 1;
    }
    if rhs[rank..].iter().any(|v| !v.is_zero()) {
        return None;
    }
    rows.truncate(rank);
    rhs.truncate(rank);
    Some(Rref {
        ncols,
        rows,
        rhs,
        pivots,
    })
}

/// Upper bounds on each variable implied, under `x >= 0`, by single rows whose non-zero
/// coefficients all share one sign (`sum a_k x_k = b` with all `a_k > 0` gives `x_j <= b / a_j`).
pub(crate) fn single_row_bounds(rows: &[Vec<Q>], rhs: &[Q], ncols: usize) -> Vec<Option<Q>> {
    let mut bounds: Vec<Option<Q>> = vec![None; ncols];
    for (row, b) in rows.iter().zip(rhs) {
        let positive = row.iter().any(Q::is_positive);
        let negative = row.iter().any(Q::is_negative);
        if positive == negative {
            continue;
        }
        for (j, a) in row.iter().enumerate().filter(|(_, a)| !a.is_zero()) {
            let bound = b / a;
            if bounds[j].as_ref().is_none_or(|old| bound < *old) {
                bounds[j] = Some(bound);
            }
        }
    }
    bounds
}

impl Rref {
    /// For each column, whether its variable is fixed by the equations alone, i.e. whether
    /// the unit vector of that column lies in the row space.
    pub fn determined(&self) -> Vec<bool> {
        let mut out = vec![false; self.ncols];
        for (row, &p) in self.rows.iter().zip(&self.pivots) {
            if row.iter().filter(|v| !v.is_zero()).count() == 1 {
                out[p] = true;
            }
        }
        out
    }
}

/// Divides a row and its right-hand side by the pivot (multiplies by `inv`).
fn scale_row(row: &mut [Q], rhs: &mut Q, inv: &Q) {
    for v in row.iter_mut().filter(|v| !v.is_zero()) {
        *v *= inv;
    }
    *rhs *= inv;
}

/// Indices of the non-zero entries of a row.
fn nonzero_indices(row: &[Q]) -> Vec<usize> {
    row.iter()
        .enumerate()
        .filter(|(_, v)| !v.is_zero())
        .map(|(i, _)| i)
        .collect()
}

/// `target -= factor * source` on the listed columns.
fn sub_scaled(target: &mut [Q], source: &[Q], cols: &[usize], factor: &Q) {
    for &j in cols {
        target[j] = target[j].sub_mul(factor, &source[j]);
    }
}

/// Borrows row `a` immutably and row `b` mutably (`a != b`).
fn pick_two<T>(rows: &mut [T], a: usize, b: usize) -> (&T, &mut T) {
    if a < b {
        let (lo, hi) = rows.split_at_mut(b);
        (&lo[a], &mut hi[0])
    } else {
        let (lo, hi) = rows.split_at_mut(a);
        (&hi[0], &mut lo[b])
    }
}

/// Consecutive degenerate pivots after which pricing falls back to Bland's rule.
const BLAND_AFTER: usize = 50;

/// Outcome of maximising an objective.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Optimum {
    /// The objective has this finite maximum.
    Finite(Q),
    /// The objective can grow without limit.
    Unbounded,
    /// The optimisation stopped early because the objective reached the requested level.
    Reached,
}

/// A feasible simplex tableau for `A x = b, x >= 0` in canonical form.
#[derive(Debug, Clone)]
pub(crate) struct Simplex {
    ncols: usize,
    rows: Vec<Vec<Q>>,
    rhs: Vec<Q>,
    basis: Vec<usize>,
    obj: Vec<Q>,
    value: Q,
    /// What the visited basic feasible solutions showed (empty during phase 1).
    seen: Seen,
}

/// Values taken by each variable in the basic feasible solutions visited so far.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// Seen at zero.
    zero: Vec<bool>,
    /// Largest value seen.
    max: Vec<Q>,
    /// Smallest and largest value seen in solutions that were integral throughout.
    int_range: Vec<Option<(Q, Q)>>,
}

impl Simplex {
    /// Finds a feasible basis for `A x = b, x >= 0` from a system in reduced row echelon form
    /// (two-phase method with artificial variables only on rows that need them).
    /// Returns `None` when the system has no non-negative solution.
    pub fn feasible(system: &Rref) -> Option<Simplex> {
        let n = system.ncols;
        let negative: Vec<usize> = (0..system.rows.len())
            .filter(|&i| system.rhs[i].is_negative())
            .collect();
        let width = n + negative.len();
        let mut s = Simplex {
            ncols: width,
            rows: Vec::with_capacity(system.rows.len()),
            rhs: system.rhs.clone(),
            basis: system.pivots.clone(),
            obj: vec![Q::zero(); width],
            value: Q::zero(),
            seen: Seen::default(),
        };
        for row in &system.rows {
            let mut r = row.clone();
            r.resize(width, Q::zero());
            s.rows.push(r);
        }
        for (a, &i) in negative.iter().enumerate() {
            for v in s.rows[i].iter_mut() {
                *v = -v.clone();
            }
            s.rhs[i] = -s.rhs[i].clone();
            s.rows[i][n + a] = Q::one();
            s.basis[i] = n + a;
        }
        if !negative.is_empty() {
            let phase1: Vec<(usize, Q)> = (n..width).map(|c| (c, -Q::one())).collect();
            s.set_objective(&phase1);
            if s.maximize(None) != Optimum::Finite(Q::zero()) {
                return None;
            }
            s.drive_out_artificials(n)?;
        }
        for r in s.rows.iter_mut() {
            r.truncate(n);
        }
        s.ncols = n;
        s.obj.truncate(n);
        s.seen = Seen {
            zero: vec![false; n],
            max: vec![Q::zero(); n],
            int_range: vec![None; n],
        };
        s.record();
        Some(s)
    }

    /// Whether variable `j` took the value 0 in a visited feasible solution.
    pub fn seen_zero(&self, j: usize) -> bool {
        self.seen.zero.get(j).copied().unwrap_or(false)
    }

    /// The largest value of variable `j` in a visited feasible solution.
    pub fn seen_max(&self, j: usize) -> Option<&Q> {
        self.seen.max.get(j)
    }

    /// The smallest and largest value of variable `j` among visited solutions that were
    /// integral in every variable (each a possible table for an integer-aware attacker).
    pub fn seen_integer_range(&self, j: usize) -> Option<&(Q, Q)> {
        self.seen.int_range.get(j).and_then(Option::as_ref)
    }

    /// Records the current basic solution (after phase 1 only).
    fn record(&mut self) {
        if self.seen.zero.is_empty() {
            return;
        }
        let integral = self.rhs.iter().all(Q::is_integer);
        let zero = Q::zero();
        let mut value: Vec<&Q> = vec![&zero; self.ncols];
        for (i, &b) in self.basis.iter().enumerate() {
            value[b] = &self.rhs[i];
        }
        for (j, v) in value.into_iter().enumerate() {
            if v.is_zero() {
                self.seen.zero[j] = true;
            } else if *v > self.seen.max[j] {
                self.seen.max[j] = v.clone();
            }
            if integral {
                let r = self.seen.int_range[j].get_or_insert_with(|| (v.clone(), v.clone()));
                if *v < r.0 {
                    r.0 = v.clone();
                }
                if *v > r.1 {
                    r.1 = v.clone();
                }
            }
        }
    }

    /// Pivots artificial variables (columns `>= n`) out of the basis; they all sit at zero.
    fn drive_out_artificials(&mut self, n: usize) -> Option<()> {
        for i in 0..self.rows.len() {
            if self.basis[i] < n {
                continue;
            }
            let col = (0..n).find(|&c| !self.rows[i][c].is_zero())?;
            self.pivot(i, col);
        }
        Some(())
    }

    /// Sets the objective to maximise, given as sparse coefficients, in reduced form.
    fn set_objective(&mut self, coeffs: &[(usize, Q)]) {
        let mut c = vec![Q::zero(); self.ncols];
        for (j, v) in coeffs {
            if let Some(slot) = c.get_mut(*j) {
                *slot += v;
            }
        }
        let mut value = Q::zero();
        let mut obj = c.clone();
        for (i, &b) in self.basis.iter().enumerate() {
            if c[b].is_zero() {
                continue;
            }
            let cb = c[b].clone();
            for (j, t) in self.rows[i].iter().enumerate() {
                if !t.is_zero() {
                    obj[j] = &obj[j] - &(&cb * t);
                }
            }
            value += &cb * &self.rhs[i];
        }
        self.obj = obj;
        self.value = value;
    }

    /// Runs the simplex method from the current basis: largest-coefficient pricing, switching
    /// for good to Bland's rule (which cannot cycle) after a run of degenerate pivots.
    fn maximize(&mut self, stop_at: Option<&Q>) -> Optimum {
        let mut degenerate_run = 0;
        loop {
            if stop_at.is_some_and(|s| &self.value >= s) {
                return Optimum::Reached;
            }
            let entering = if degenerate_run > BLAND_AFTER {
                (0..self.ncols).find(|&k| self.obj[k].is_positive())
            } else {
                self.steepest_entering()
            };
            let Some(k) = entering else {
                return Optimum::Finite(self.value.clone());
            };
            let Some(r) = self.ratio_test(k) else {
                return Optimum::Unbounded;
            };
            if self.rhs[r].is_zero() {
                degenerate_run += 1;
            } else if degenerate_run <= BLAND_AFTER {
                degenerate_run = 0;
            }
            self.pivot(r, k);
            self.record();
        }
    }

    /// The non-basic column with the largest positive reduced gain (Dantzig's rule).
    fn steepest_entering(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for k in 0..self.ncols {
            if self.obj[k].is_positive() && best.is_none_or(|b| self.obj[k] > self.obj[b]) {
                best = Some(k);
            }
        }
        best
    }

    /// Leaving row for entering column `k`: smallest ratio, ties to the smallest basic index.
    fn ratio_test(&self, k: usize) -> Option<usize> {
        let mut best: Option<(usize, Q)> = None;
        for (i, row) in self.rows.iter().enumerate() {
            if !row[k].is_positive() {
                continue;
            }
            let ratio = &self.rhs[i] / &row[k];
            let better = match &best {
                None => true,
                Some((bi, br)) => ratio < *br || (ratio == *br && self.basis[i] < self.basis[*bi]),
            };
            if better {
                best = Some((i, ratio));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Makes column `k` basic in row `r`.
    fn pivot(&mut self, r: usize, k: usize) {
        let inv = self.rows[r][k].recip();
        scale_row(&mut self.rows[r], &mut self.rhs[r], &inv);
        let nz = nonzero_indices(&self.rows[r]);
        for i in 0..self.rows.len() {
            if i == r || self.rows[i][k].is_zero() {
                continue;
            }
            let factor = self.rows[i][k].clone();
            let (pivot_row, target) = pick_two(&mut self.rows, r, i);
            sub_scaled(target, pivot_row, &nz, &factor);
            self.rhs[i] = self.rhs[i].sub_mul(&factor, &self.rhs[r]);
        }
        if !self.obj[k].is_zero() {
            let factor = self.obj[k].clone();
            sub_scaled(&mut self.obj, &self.rows[r], &nz, &factor);
            self.value += &factor * &self.rhs[r];
        }
        self.basis[r] = k;
    }

    /// Largest value of variable `j` (`None` when unbounded). With `stop_at`, stops as soon
    /// as the value reaches it and returns `Some(stop_at)`.
    pub fn max_of(&mut self, j: usize, stop_at: Option<&Q>) -> Option<Q> {
        self.set_objective(&[(j, Q::one())]);
        match self.maximize(stop_at) {
            Optimum::Finite(v) => Some(v),
            Optimum::Unbounded => None,
            Optimum::Reached => stop_at.cloned(),
        }
    }

    /// Smallest value of variable `j` (always finite since `x >= 0`). With `stop_at`, stops
    /// as soon as the value falls to it and returns `stop_at`.
    pub fn min_of(&mut self, j: usize, stop_at: Option<&Q>) -> Q {
        self.set_objective(&[(j, -Q::one())]);
        let neg_stop = stop_at.map(|s| -s.clone());
        match self.maximize(neg_stop.as_ref()) {
            Optimum::Finite(v) => -v,
            Optimum::Reached => stop_at.cloned().unwrap_or_else(Q::zero),
            Optimum::Unbounded => Q::zero(),
        }
    }
}

/// Converts a signed big integer into an exact rational.
pub(crate) fn q_int(v: BigInt) -> Q {
    Q::from_integer(v)
}

/// Smallest integer not below `q`, clamped to `0..=u64::MAX`.
pub(crate) fn ceil_u64(q: &Q) -> u64 {
    to_u64_clamped(&q.ceil())
}

/// Largest integer not above `q`, clamped to `0..=u64::MAX`.
pub(crate) fn floor_u64(q: &Q) -> u64 {
    to_u64_clamped(&q.floor())
}

/// Clamps a big integer into `u64`.
fn to_u64_clamped(v: &BigInt) -> u64 {
    if v.is_negative() {
        0
    } else {
        u64::try_from(v).unwrap_or(u64::MAX)
    }
}
