//! Rate suppression and reliability flags.

use minh_disclosure::{assess_rate, CellStatus, RateKind, RatePart, RateReason, Rules};

fn part(value: u64) -> RatePart {
    RatePart {
        value,
        status: CellStatus::Published,
    }
}

fn hidden(value: u64) -> RatePart {
    RatePart {
        value,
        status: CellStatus::Secondary,
    }
}

const PROPORTION: RateKind = RateKind::Proportion { complement: None };

#[test]
fn suppressed_numerator_or_denominator_suppresses_the_rate() {
    let r = Rules::default();
    let a = assess_rate(hidden(40), part(200), RateKind::Ratio, &r);
    assert!(a.suppress());
    assert_eq!(a.reasons, vec![RateReason::NumeratorSuppressed]);
    let a = assess_rate(part(40), hidden(200), RateKind::Ratio, &r);
    assert_eq!(a.reasons, vec![RateReason::DenominatorSuppressed]);
}

#[test]
fn a_rate_on_a_small_count_is_suppressed_even_if_marked_published() {
    let a = assess_rate(part(4), part(200), RateKind::Ratio, &Rules::default());
    assert!(a.reasons.contains(&RateReason::SmallCount));
    assert!(a.unreliable);
}

#[test]
fn proportion_with_small_or_hidden_complement_is_suppressed() {
    let r = Rules::default();
    let a = assess_rate(part(95), part(100), PROPORTION, &r);
    assert_eq!(a.reasons, vec![RateReason::SmallComplement]);
    let hidden_complement = RateKind::Proportion {
        complement: Some(CellStatus::Secondary),
    };
    let a = assess_rate(part(50), part(100), hidden_complement, &r);
    assert_eq!(a.reasons, vec![RateReason::ComplementSuppressed]);
    // The same numbers as a plain ratio are fine.
    assert!(!assess_rate(part(95), part(100), RateKind::Ratio, &r).suppress());
    // 100 % reveals a zero complement: suppressed only when zeros are not publishable.
    assert!(!assess_rate(part(100), part(100), PROPORTION, &r).suppress());
    let strict = Rules {
        min_cell: 11,
        zeros_publishable: false,
    };
    let a = assess_rate(part(100), part(100), PROPORTION, &strict);
    assert_eq!(a.reasons, vec![RateReason::SmallComplement]);
}

#[test]
fn impossible_rates_are_suppressed() {
    let r = Rules::default();
    let a = assess_rate(part(0), part(0), RateKind::Ratio, &r);
    assert_eq!(a.reasons, vec![RateReason::ZeroDenominator]);
    let a = assess_rate(part(120), part(100), PROPORTION, &r);
    assert_eq!(a.reasons, vec![RateReason::NumeratorExceedsDenominator]);
}

#[test]
fn numerators_under_twenty_are_flagged_unreliable() {
    let r = Rules::default();
    let a = assess_rate(part(15), part(100), PROPORTION, &r);
    assert!(!a.suppress());
    assert!(a.unreliable);
    let a = assess_rate(part(20), part(1_000_000), RateKind::Ratio, &r);
    assert!(!a.suppress());
    assert!(!a.unreliable);
}
