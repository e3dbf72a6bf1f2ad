//! Cross-checks the exact LP audit against brute-force enumeration on tiny tables.

mod common;

use common::two_d;
use minh_disclosure::{audit, Table};
use proptest::prelude::*;

/// Integer min and max of each hidden cell over all non-negative integer completions,
/// each hidden value searched in `0..=cap`.
fn brute_force(table: &Table, hidden: &[usize], cap: u64) -> Vec<(u64, u64)> {
    let mut values: Vec<Option<u64>> = table.values().iter().map(|&v| Some(v)).collect();
    for &h in hidden {
        values[h] = None;
    }
    let mut ranges = vec![(u64::MAX, 0u64); hidden.len()];
    search(table, hidden, 0, cap, &mut values, &mut ranges);
    ranges
}

fn consistent(table: &Table, values: &[Option<u64>]) -> bool {
    table.constraints().iter().all(|c| {
        let parts: Option<u64> = c.parts().iter().map(|&p| values[p]).sum();
        match (values[c.total()], parts) {
            (Some(t), Some(s)) => t == s,
            _ => true,
        }
    })
}

fn search(
    table: &Table,
    hidden: &[usize],
    i: usize,
    cap: u64,
    values: &mut Vec<Option<u64>>,
    ranges: &mut [(u64, u64)],
) {
    if !consistent(table, values) {
        return;
    }
    if i == hidden.len() {
        for (k, &h) in hidden.iter().enumerate() {
            let v = values[h].unwrap_or(0);
            ranges[k].0 = ranges[k].0.min(v);
            ranges[k].1 = ranges[k].1.max(v);
        }
        return;
    }
    for v in 0..=cap {
        values[hidden[i]] = Some(v);
        search(table, hidden, i + 1, cap, values, ranges);
    }
    values[hidden[i]] = None;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Two-way tables with margins are totally unimodular, so the LP range is the integer range.
    #[test]
    fn lp_matches_enumeration_on_two_way_tables(
        (rows, cols, vals, pick) in (1usize..4, 1usize..3).prop_flat_map(|(r, c)| {
            let n = (r + 1) * (c + 1);
            (Just(r), Just(c), prop::collection::vec(0u64..4, r * c), prop::collection::vec(any::<bool>(), n))
        })
    ) {
        let interior: Vec<Vec<u64>> = vals.chunks(cols).map(<[u64]>::to_vec).collect();
        prop_assume!(interior.len() == rows);
        let cube = two_d(&interior);
        let t = cube.table();
        let hidden: Vec<usize> = (0..t.len()).filter(|&i| pick.get(i).copied().unwrap_or(false)).collect();
        prop_assume!(hidden.len() <= 6);
        let mask: Vec<bool> = (0..t.len()).map(|i| hidden.contains(&i)).collect();
        let a = audit(t, &mask);
        // Unbounded cells make a capped search meaningless; those are checked elsewhere.
        prop_assume!(a.cells.iter().all(|c| c.interval.is_some_and(|i| i.max.is_some())));
        let cap = a.cells.iter().filter_map(|c| c.interval.and_then(|i| i.max)).max().unwrap_or(0);
        let brute = brute_force(t, &hidden, cap);
        for (k, &h) in hidden.iter().enumerate() {
            let c = a.cell(h).unwrap();
            let iv = c.interval.unwrap();
            prop_assert_eq!((iv.min, iv.max.unwrap_or(0)), brute[k], "cell {}", h);
            if c.linearly_determined {
                prop_assert_eq!(brute[k].0, brute[k].1);
            }
        }
    }
}

/// A 2x2x2 cube with all margins (27 cells); base values in `vals`.
fn cube_2x2x2(vals: &[u64]) -> minh_disclosure::Cube {
    let mut b = minh_disclosure::CubeBuilder::new(&["a", "b", "c"]).unwrap();
    for d in ["a", "b", "c"] {
        b.set_total(d, "T").unwrap();
    }
    let code = |x: usize| {
        if x == 2 {
            "T".to_string()
        } else {
            x.to_string()
        }
    };
    for i in 0..3 {
        for j in 0..3 {
            for k in 0..3 {
                let mut s = 0;
                for (n, v) in vals.iter().enumerate() {
                    let (x, y, z) = (n & 1, (n >> 1) & 1, (n >> 2) & 1);
                    if (i == 2 || i == x) && (j == 2 || j == y) && (k == 2 || k == z) {
                        s += v;
                    }
                }
                b.add_row(&[code(i), code(j), code(k)], s).unwrap();
            }
        }
    }
    b.build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Three-way tables are not totally unimodular: the LP range must contain the integer
    /// range (it may be wider, a documented limit of the LP check).
    #[test]
    fn lp_contains_enumeration_on_three_way_tables(
        vals in prop::collection::vec(0u64..3, 8),
        pick in prop::collection::vec(0usize..27, 1..5),
    ) {
        let cube = cube_2x2x2(&vals);
        let t = cube.table();
        let mut hidden = pick.clone();
        hidden.sort_unstable();
        hidden.dedup();
        let mask: Vec<bool> = (0..t.len()).map(|i| hidden.contains(&i)).collect();
        let a = audit(t, &mask);
        prop_assume!(a.cells.iter().all(|c| c.interval.is_some_and(|i| i.max.is_some())));
        let cap = a.cells.iter().filter_map(|c| c.interval.and_then(|i| i.max)).max().unwrap_or(0);
        let brute = brute_force(t, &hidden, cap);
        for (k, &h) in hidden.iter().enumerate() {
            let iv = a.cell(h).unwrap().interval.unwrap();
            prop_assert!(iv.min <= brute[k].0 && iv.max.unwrap_or(0) >= brute[k].1, "cell {}", h);
        }
    }
}

proptest! {
    // About one table in fifty has a hidden pattern to check (the rest publish everything or hide
    // every cell), so the run may reject many tables before it has its 24 cases; rejecting is cheap.
    #![proptest_config(ProptestConfig { cases: 24, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    /// Whole numbers: whatever `protect` publishes from a three-way table (not totally
    /// unimodular, where the LP range may be wider than the integer one), every hidden cell
    /// still has at least two whole-number values consistent with what is published. A
    /// pattern passed on real-valued reasoning alone would fail here when integers pin a cell.
    #[test]
    fn protected_three_way_tables_leave_two_whole_values(
        vals in prop::collection::vec(0u64..4, 8),
    ) {
        let cube = cube_2x2x2(&vals);
        let t = cube.table();
        let p = minh_disclosure::protect(t, &minh_disclosure::Rules { min_cell: 3, zeros_publishable: true });
        prop_assume!(p.is_safe());
        let hidden: Vec<usize> = (0..t.len()).filter(|&c| p.statuses[c].is_hidden()).collect();
        prop_assume!(!hidden.is_empty() && hidden.len() <= 8);
        let cap = p.audit.cells.iter().filter_map(|c| c.interval.and_then(|i| i.max)).max().unwrap_or(0);
        prop_assume!(p.audit.cells.iter().all(|c| c.interval.is_some_and(|i| i.max.is_some())));
        let brute = brute_force(t, &hidden, cap);
        for (k, &h) in hidden.iter().enumerate() {
            prop_assert!(brute[k].0 < brute[k].1, "cell {} pinned to {} in whole numbers", h, brute[k].0);
        }
    }
}
