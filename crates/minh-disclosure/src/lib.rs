//! Statistical disclosure control for minh: primary and secondary cell suppression with an exact audit.
//!
//! A published aggregate table is modelled as cells (counts) and the linear relations an
//! attacker knows (`total = sum(parts)`): margins, an area hierarchy, period totals and
//! tables sharing a total are all such constraints in one [`Table`], usually built with
//! [`CubeBuilder`]. [`protect`] hides small counts (primary suppression) and further cells
//! (secondary suppression) until [`audit`] proves, with exact rational arithmetic, that no
//! hidden cell can be worked out: neither by linear algebra nor by bounds from `x >= 0`.
//! [`assess_rate`] says whether a rate built on the counts may be shown.
//!
//! # The audit
//! Hidden cells are split into groups linked by shared constraints; each group is solved
//! on its own. Published values move to the right-hand side, giving `A_H x_H = b`.
//! (a) Exact Gaussian elimination (rationals, never floating point) brings it to reduced
//! row echelon form; a cell is *linearly determined* when its unit vector lies in the row
//! space (an RREF row with a single non-zero). (b) An exact-rational two-phase simplex
//! (largest-coefficient pricing, Bland's rule after a run of degenerate pivots, warm-started
//! from cell to cell) computes each cell's minimum and maximum under `x >= 0`; solutions
//! visited on the way and single-row bounds skip many of these LPs. A hidden cell is safe
//! only if its range holds at least two integers. Rationals use machine words and fall back
//! to big integers on overflow.
//!
//! # Protection
//! Primary cells: counts from 1 to `min_cell - 1` (and zeros unless `zeros_publishable`).
//! Then rounds of: line rules (a line with one hidden cell gets a second; a line holding a
//! hidden primary 1 gets at least three), where the extra cell is the published cell of the
//! line with the least value plus a one-step look-ahead (the cheapest cell of each other
//! line it would leave with a single hidden cell); the exact audit; and for every recoverable
//! cell, the cheapest published neighbour is hidden. This repeats until the audit passes.
//! Finally up to [`PRUNE_ATTEMPTS`] secondary cells, largest first, are published again if
//! the rules and the audit still hold. Periods are protected as one linked system: put the
//! period in the cube as a dimension (with its total code if a period total is published).
//!
//! # Limits
//! * The LP runs on groups of up to [`LP_MAX_HIDDEN`] hidden cells; larger groups get only
//!   check (a) and are listed in [`Audit::lp_skipped`] (then [`Audit::is_safe`] is false).
//! * Whole numbers. The LP range is the attacker's range for real-valued unknowns; an attacker
//!   who knows the counts are whole numbers may narrow it (for two-way tables with margins,
//!   totally unimodular, the ranges agree; for three-way tables and linked tables they may
//!   not). So a hidden cell counts as protected only with a proof in whole numbers: the LP
//!   must meet an integer table, consistent with everything published and with `x >= 0`, in
//!   which the cell has another value ([`CellAudit::integer_witness`]). Cells without one are
//!   listed in [`Audit::unproven`]; [`protect`] treats them like recoverable cells and hides
//!   more around them, and [`Audit::is_safe`] is false while any remain (callers then refuse
//!   to publish). This is sound (two whole-number tables that differ in the cell exist) and
//!   cheap (no integer programming), at the price of occasionally hiding a cell more than an
//!   exact integer search would.
//! * Unpublished cells ([`Table::add_unpublished_cell`]) link published cells without being
//!   shown (the total of one table that another table publishes split another way): they are
//!   always hidden and never need protection themselves.
//! * Measured in a debug build on a shared 2-core machine (`tests/scale.rs`, `protect`
//!   including its final full audit): two-way tables with margins 30x30 (961 cells, 204
//!   hidden) 0.2-0.4 s, 40x40 (1,681 cells) 0.7-1.4 s, 60x60 (3,721 cells, 794 hidden in
//!   one group) 4-9 s; three-way 34x5x3 (840 cells) 0.2-0.9 s, 8x8x8 (729 cells, 178 hidden
//!   in one group) 5-12 s, 12x12x6 (1,183 cells) 40-45 s. Three-way groups cost far more
//!   than two-way ones of the same size (denser tableaux, fractional vertices).
//!   Release builds are much faster.
//!
//! ```
//! use minh_disclosure::{protect, CellStatus, CubeBuilder, Rules};
//!
//! let mut b = CubeBuilder::new(&["area"]).unwrap();
//! b.set_total("area", "Total").unwrap();
//! for (code, v) in [("A", 5), ("B", 40), ("C", 52), ("Total", 97)] {
//!     b.add_row(&[code], v).unwrap();
//! }
//! let cube = b.build().unwrap();
//! let p = protect(cube.table(), &Rules::default());
//! assert_eq!(p.statuses[cube.cell(&["A"]).unwrap()], CellStatus::Primary);
//! assert_eq!(p.statuses[cube.cell(&["B"]).unwrap()], CellStatus::Secondary);
//! assert!(p.is_safe());
//! ```

#![warn(missing_docs)]

mod audit;
mod cube;
mod exact;
mod protect;
mod rates;
mod rational;
mod table;

pub use audit::{audit, Audit, CellAudit, Interval, LP_MAX_HIDDEN};
pub use cube::{Cube, CubeBuilder, CubeError};
pub use protect::{protect, PrimaryRange, Protection, PRUNE_ATTEMPTS};
pub use rates::{assess_rate, RateAssessment, RateKind, RatePart, RateReason, RELIABLE_NUMERATOR};
pub use table::{CellStatus, Constraint, Rules, Table, TableError};
