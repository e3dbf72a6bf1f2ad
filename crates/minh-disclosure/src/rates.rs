//! Whether a rate built from two counts may be published, and whether it is reliable.

use crate::table::{CellStatus, Rules};

/// Numerators below this make a rate statistically unreliable (flagged, not suppressed).
pub const RELIABLE_NUMERATOR: u64 = 20;

/// One count a rate is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePart {
    /// The count.
    pub value: u64,
    /// Its status after [`crate::protect`] (use `Published` for a count that is public
    /// elsewhere, such as a census population).
    pub status: CellStatus,
}

/// The kind of rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// `a / n` where `a` counts a subset of `n` (a share or percentage): publishing it
    /// also reveals the complement `n - a`.
    Proportion {
        /// Status of the complement cell `n - a` when the table holds it, else `None`.
        complement: Option<CellStatus>,
    },
    /// Any other quotient, such as cases per 100 000 residents.
    Ratio,
}

/// Why a rate is withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateReason {
    /// The numerator is hidden.
    NumeratorSuppressed,
    /// The denominator is hidden.
    DenominatorSuppressed,
    /// The numerator or denominator is itself a small count under the rules.
    SmallCount,
    /// The denominator is zero, so there is no rate.
    ZeroDenominator,
    /// For a proportion, the numerator exceeds the denominator.
    NumeratorExceedsDenominator,
    /// For a proportion, the complement `n - a` is hidden.
    ComplementSuppressed,
    /// For a proportion, the complement `n - a` is a small count.
    SmallComplement,
}

/// The verdict on one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateAssessment {
    /// Every reason to withhold the rate; empty when it may be published.
    pub reasons: Vec<RateReason>,
    /// The numerator is below [`RELIABLE_NUMERATOR`]: publish only with a reliability flag.
    pub unreliable: bool,
}

impl RateAssessment {
    /// Whether the rate must be withheld.
    pub fn suppress(&self) -> bool {
        !self.reasons.is_empty()
    }
}

/// Decides whether the rate `numerator / denominator` must be suppressed.
pub fn assess_rate(
    numerator: RatePart,
    denominator: RatePart,
    kind: RateKind,
    rules: &Rules,
) -> RateAssessment {
    let mut reasons = Vec::new();
    if numerator.status.is_hidden() {
        reasons.push(RateReason::NumeratorSuppressed);
    }
    if denominator.status.is_hidden() {
        reasons.push(RateReason::DenominatorSuppressed);
    }
    if small(numerator.value, rules) || (denominator.value > 0 && small(denominator.value, rules)) {
        reasons.push(RateReason::SmallCount);
    }
    if denominator.value == 0 {
        reasons.push(RateReason::ZeroDenominator);
    }
    if let RateKind::Proportion { complement } = kind {
        proportion_reasons(
            numerator.value,
            denominator.value,
            complement,
            rules,
            &mut reasons,
        );
    }
    RateAssessment {
        reasons,
        unreliable: numerator.value < RELIABLE_NUMERATOR,
    }
}

/// The extra checks for a proportion `a / n`.
fn proportion_reasons(
    a: u64,
    n: u64,
    complement: Option<CellStatus>,
    rules: &Rules,
    reasons: &mut Vec<RateReason>,
) {
    if complement.is_some_and(|s| s.is_hidden()) {
        reasons.push(RateReason::ComplementSuppressed);
    }
    match n.checked_sub(a) {
        None => reasons.push(RateReason::NumeratorExceedsDenominator),
        Some(rest) if n > 0 && small(rest, rules) => reasons.push(RateReason::SmallComplement),
        Some(_) => {}
    }
}

/// A count the rules would suppress on its own (a small count, or a zero when zeros are
/// not publishable: then a 0 % or 100 % rate would reveal it too).
fn small(value: u64, rules: &Rules) -> bool {
    rules.is_sensitive(value)
}
