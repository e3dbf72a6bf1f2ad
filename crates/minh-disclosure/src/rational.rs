//! Exact rationals with a fast machine-word path and a big-integer fallback.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

/// An exact rational number. Always kept canonical: `Small` whenever numerator and
/// denominator fit in `i64` (lowest terms, positive denominator), `Big` otherwise, so that
/// derived equality is value equality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Q {
    /// `num / den` with `den > 0` and `gcd(num, den) = 1`.
    Small(i64, i64),
    /// A value that does not fit the small form.
    Big(BigRational),
}

impl Q {
    /// Zero.
    pub fn zero() -> Q {
        Q::Small(0, 1)
    }

    /// One.
    pub fn one() -> Q {
        Q::Small(1, 1)
    }

    /// The integer `v`.
    pub fn from_integer(v: BigInt) -> Q {
        match v.to_i64() {
            Some(s) => Q::Small(s, 1),
            None => Q::Big(BigRational::from_integer(v)),
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        matches!(self, Q::Small(0, _))
    }

    /// Whether the value is a whole number.
    pub fn is_integer(&self) -> bool {
        match self {
            Q::Small(_, d) => *d == 1,
            Q::Big(b) => b.is_integer(),
        }
    }

    /// Whether the value is above zero.
    pub fn is_positive(&self) -> bool {
        match self {
            Q::Small(n, _) => *n > 0,
            Q::Big(b) => b.is_positive(),
        }
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        match self {
            Q::Small(n, _) => *n < 0,
            Q::Big(b) => b.is_negative(),
        }
    }

    /// `1 / self`; the reciprocal of zero is taken as zero (callers never divide by zero).
    pub fn recip(&self) -> Q {
        match self {
            Q::Small(0, _) => Q::zero(),
            Q::Small(n, d) => small(
                i128::from(*d) * i128::from(n.signum()),
                i128::from(*n).abs(),
            ),
            Q::Big(b) => canonical(b.recip()),
        }
    }

    /// Largest integer not above the value.
    pub fn floor(&self) -> BigInt {
        match self {
            Q::Small(n, d) => BigInt::from(n.div_floor(d)),
            Q::Big(b) => b.floor().to_integer(),
        }
    }

    /// Smallest integer not below the value.
    pub fn ceil(&self) -> BigInt {
        match self {
            Q::Small(n, d) => BigInt::from(n.div_ceil(d)),
            Q::Big(b) => b.ceil().to_integer(),
        }
    }

    /// `self - f * x`, with a fast path for integers (the common case in these tables).
    pub fn sub_mul(&self, f: &Q, x: &Q) -> Q {
        if let (Q::Small(t, 1), Q::Small(a, 1), Q::Small(b, 1)) = (self, f, x) {
            if let Some(r) = a.checked_mul(*b).and_then(|p| t.checked_sub(p)) {
                return Q::Small(r, 1);
            }
        }
        self - &(f * x)
    }

    fn to_big(&self) -> BigRational {
        match self {
            Q::Small(n, d) => BigRational::new_raw(BigInt::from(*n), BigInt::from(*d)),
            Q::Big(b) => b.clone(),
        }
    }
}

/// Builds `n / d` (`d != 0`) in canonical form.
fn small(n: i128, d: i128) -> Q {
    if d == 1 {
        if let Ok(n) = i64::try_from(n) {
            return Q::Small(n, 1);
        }
    }
    let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
    let g = gcd(n.unsigned_abs(), d.unsigned_abs());
    let (n, d) = if g > 1 {
        (n / g as i128, d / g as i128)
    } else {
        (n, d)
    };
    match (i64::try_from(n), i64::try_from(d)) {
        (Ok(n), Ok(d)) => Q::Small(n, d),
        _ => Q::Big(BigRational::new(BigInt::from(n), BigInt::from(d))),
    }
}

/// Brings a big rational into canonical form (small when it fits).
fn canonical(b: BigRational) -> Q {
    match (b.numer().to_i64(), b.denom().to_i64()) {
        (Some(n), Some(d)) => Q::Small(n, d),
        _ => Q::Big(b),
    }
}

/// Greatest common divisor (Euclid, on machine words when the values fit).
fn gcd(mut a: u128, mut b: u128) -> u128 {
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return u128::from(gcd64(x, y));
    }
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Greatest common divisor of two machine words.
fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Add for &Q {
    type Output = Q;
    fn add(self, o: &Q) -> Q {
        match (self, o) {
            (Q::Small(0, _), x) | (x, Q::Small(0, _)) => x.clone(),
            (Q::Small(a, 1), Q::Small(c, 1)) if a.checked_add(*c).is_some() => Q::Small(a + c, 1),
            (Q::Small(a, b), Q::Small(c, d)) => {
                let (a, b, c, d) = (
                    i128::from(*a),
                    i128::from(*b),
                    i128::from(*c),
                    i128::from(*d),
                );
                if b == d {
                    small(a + c, b)
                } else {
                    match (a.checked_mul(d), c.checked_mul(b)) {
                        (Some(x), Some(y)) => small(x + y, b * d),
                        _ => canonical(self.to_big() + o.to_big()),
                    }
                }
            }
            _ => canonical(self.to_big() + o.to_big()),
        }
    }
}

impl Mul for &Q {
    type Output = Q;
    fn mul(self, o: &Q) -> Q {
        match (self, o) {
            (Q::Small(0, _), _) | (_, Q::Small(0, _)) => Q::zero(),
            (Q::Small(a, 1), Q::Small(c, 1)) if a.checked_mul(*c).is_some() => Q::Small(a * c, 1),
            (Q::Small(a, b), Q::Small(c, d)) => small(
                i128::from(*a) * i128::from(*c),
                i128::from(*b) * i128::from(*d),
            ),
            _ => canonical(self.to_big() * o.to_big()),
        }
    }
}

impl Neg for Q {
    type Output = Q;
    fn neg(self) -> Q {
        match self {
            Q::Small(n, d) if n != i64::MIN => Q::Small(-n, d),
            Q::Small(n, d) => small(-i128::from(n), i128::from(d)),
            Q::Big(b) => canonical(-b),
        }
    }
}

impl Neg for &Q {
    type Output = Q;
    fn neg(self) -> Q {
        -self.clone()
    }
}

impl Sub for &Q {
    type Output = Q;
    fn sub(self, o: &Q) -> Q {
        self + &(-o)
    }
}

impl Div for &Q {
    type Output = Q;
    fn div(self, o: &Q) -> Q {
        match (self, o) {
            (_, Q::Small(0, _)) => Q::zero(),
            (Q::Small(a, b), Q::Small(c, d)) => small(
                i128::from(*a) * i128::from(*d),
                i128::from(*b) * i128::from(*c),
            ),
            _ => canonical(self.to_big() / o.to_big()),
        }
    }
}

impl Add<Q> for &Q {
    type Output = Q;
    fn add(self, o: Q) -> Q {
        self + &o
    }
}

impl Sub<Q> for &Q {
    type Output = Q;
    fn sub(self, o: Q) -> Q {
        self - &o
    }
}

impl AddAssign<&Q> for Q {
    fn add_assign(&mut self, o: &Q) {
        *self = &*self + o;
    }
}

impl AddAssign<Q> for Q {
    fn add_assign(&mut self, o: Q) {
        *self = &*self + &o;
    }
}

impl SubAssign<Q> for Q {
    fn sub_assign(&mut self, o: Q) {
        *self = &*self - &o;
    }
}

impl MulAssign<&Q> for Q {
    fn mul_assign(&mut self, o: &Q) {
        *self = &*self * o;
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, o: &Q) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Q {
    fn cmp(&self, o: &Q) -> Ordering {
        match (self, o) {
            (Q::Small(a, b), Q::Small(c, d)) => {
                (i128::from(*a) * i128::from(*d)).cmp(&(i128::from(*c) * i128::from(*b)))
            }
            _ => self.to_big().cmp(&o.to_big()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(n: i128, d: i128) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn small_and_big_paths_agree() {
        let vals = [
            (0i128, 1i128),
            (1, 3),
            (-7, 4),
            (i64::MAX as i128, 1),
            (i64::MIN as i128 + 1, 3),
            (i64::MIN as i128, 1),
            (3, 1),
            (-2, 1),
            (5, i64::MAX as i128),
        ];
        for &(a, b) in &vals {
            for &(c, d) in &vals {
                let (x, y) = (small(a, b), small(c, d));
                let (bx, by) = (big(a, b), big(c, d));
                assert_eq!(&x + &y, canonical(&bx + &by));
                assert_eq!(&x - &y, canonical(&bx - &by));
                assert_eq!(&x * &y, canonical(&bx * &by));
                if !y.is_zero() {
                    assert_eq!(&x / &y, canonical(&bx / &by));
                }
                assert_eq!(x.cmp(&y), bx.cmp(&by));
                assert_eq!(x.sub_mul(&y, &x), canonical(&bx - &(&by * &bx)));
                assert_eq!(-&x, canonical(-bx.clone()));
            }
            let x = small(a, b);
            assert_eq!(x.floor(), big(a, b).floor().to_integer());
            assert_eq!(x.ceil(), big(a, b).ceil().to_integer());
        }
    }
}
