//! Property tests: after `protect`, the exact audit finds nothing recoverable and no small
//! count is published, on random 1-, 2- and 3-D tables with margins and an area hierarchy.

mod common;

use common::assert_protected;
use minh_disclosure::{protect, Cube, CubeBuilder, Rules};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Counts skewed towards small values and zeros, with some publishable ones.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0u64..3, 3 => 0u64..12, 2 => 0u64..60]
}

fn rules() -> impl Strategy<Value = Rules> {
    (prop_oneof![Just(11u64), Just(3), Just(5)], any::<bool>()).prop_map(|(min_cell, z)| Rules {
        min_cell,
        zeros_publishable: z,
    })
}

/// Builds a full cube with a total code "T" on every dimension from base cells
/// (`shape[d]` codes per dimension), adding every marginal as a row.
fn full_cube(shape: &[usize], base: &[u64]) -> Cube {
    let names: Vec<String> = (0..shape.len()).map(|d| format!("d{d}")).collect();
    let mut b = CubeBuilder::new(&names).unwrap();
    for n in &names {
        b.set_total(n, "T").unwrap();
    }
    let mut sums: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for (i, &v) in base.iter().enumerate() {
        let mut rest = i;
        let coords: Vec<usize> = shape
            .iter()
            .map(|&s| {
                let c = rest % s;
                rest /= s;
                c
            })
            .collect();
        for subset in 0..(1usize << shape.len()) {
            let key: Vec<String> = coords
                .iter()
                .enumerate()
                .map(|(d, c)| {
                    if subset & (1 << d) != 0 {
                        "T".to_string()
                    } else {
                        format!("c{c}")
                    }
                })
                .collect();
            *sums.entry(key).or_default() += v;
        }
    }
    for (k, v) in sums {
        b.add_row(&k, v).unwrap();
    }
    b.build().unwrap()
}

/// communes -> provinces -> country "VN", crossed with a sex dimension with total.
fn hierarchy_cube(provinces: &[usize], base: &[u64]) -> Cube {
    let mut b = CubeBuilder::new(&["area", "sex"]).unwrap();
    b.set_total("area", "VN").unwrap();
    b.set_total("sex", "T").unwrap();
    let mut sums: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut i = 0;
    for (p, &n) in provinces.iter().enumerate() {
        for c in 0..n {
            let commune = format!("x{p}.{c}");
            b.set_parent("area", &commune, &format!("P{p}")).unwrap();
            for sex in ["M", "F"] {
                let v = base[i % base.len()];
                i += 1;
                for a in [commune.clone(), format!("P{p}"), "VN".into()] {
                    for s in [sex, "T"] {
                        *sums.entry((a.clone(), s.to_string())).or_default() += v;
                    }
                }
            }
        }
    }
    for ((a, s), v) in sums {
        b.add_row(&[a, s], v).unwrap();
    }
    b.build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn one_dimension(base in prop::collection::vec(count(), 1..8), r in rules()) {
        let cube = full_cube(&[base.len()], &base);
        let p = protect(cube.table(), &r);
        assert_protected(cube.table(), &r, &p);
    }

    #[test]
    fn two_dimensions(
        (shape, base) in (1usize..7, 1usize..6).prop_flat_map(|(a, b)| {
            (Just(vec![a, b]), prop::collection::vec(count(), a * b))
        }),
        r in rules(),
    ) {
        let cube = full_cube(&shape, &base);
        let p = protect(cube.table(), &r);
        assert_protected(cube.table(), &r, &p);
        // Two-way tables with margins are totally unimodular: every safe cell is safe
        // for an integer-aware attacker too, with a whole-number table to show it.
        prop_assert!(p.audit.cells.iter().all(|c| c.integer_witness));
    }

    #[test]
    fn three_dimensions(
        (shape, base) in (1usize..5, 1usize..4, 1usize..4).prop_flat_map(|(a, b, c)| {
            (Just(vec![a, b, c]), prop::collection::vec(count(), a * b * c))
        }),
        r in rules(),
    ) {
        let cube = full_cube(&shape, &base);
        let p = protect(cube.table(), &r);
        assert_protected(cube.table(), &r, &p);
    }

    #[test]
    fn area_hierarchy(
        provinces in prop::collection::vec(1usize..4, 1..4),
        base in prop::collection::vec(count(), 1..20),
        r in rules(),
    ) {
        let cube = hierarchy_cube(&provinces, &base);
        let p = protect(cube.table(), &r);
        assert_protected(cube.table(), &r, &p);
    }
}
