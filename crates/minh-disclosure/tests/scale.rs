//! Timing of `protect` on larger tables; ignored by default (`cargo test -- --ignored --nocapture`).

mod common;

use common::two_d;
use minh_disclosure::{audit, protect, CubeBuilder, Rules, Table};
use std::time::Instant;

/// Deterministic pseudo-random counts, about a quarter of them small.
fn counts(n: usize, seed: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = x >> 33;
            if r.is_multiple_of(4) {
                r % 11
            } else {
                11 + r % 200
            }
        })
        .collect()
}

/// Protects and re-audits a table, printing sizes and timings.
fn report(name: &str, table: &Table) {
    let start = Instant::now();
    let p = protect(table, &Rules::default());
    let protect_time = start.elapsed();
    let start = Instant::now();
    let a = audit(table, &p.hidden());
    println!(
        "{name}: {} cells, {} constraints, {} hidden, {} rounds, safe {}, lp skipped {}, no integer witness {}, protect {:?}, audit {:?}",
        table.len(),
        table.constraints().len(),
        a.cells.len(),
        p.iterations,
        p.is_safe(),
        a.lp_skipped.len(),
        a.cells.iter().filter(|c| !c.integer_witness).count(),
        protect_time,
        start.elapsed()
    );
}

#[test]
#[ignore]
fn timing_two_way() {
    for side in [10usize, 20, 30, 40, 60] {
        let v = counts(side * side, side as u64);
        let interior: Vec<Vec<u64>> = v.chunks(side).map(<[u64]>::to_vec).collect();
        report(&format!("{side}x{side}"), two_d(&interior).table());
    }
}

#[test]
#[ignore]
fn timing_three_way() {
    for (a, b, c) in [(5usize, 5usize, 5usize), (8, 8, 8), (34, 5, 3), (12, 12, 6)] {
        let v = counts(a * b * c, (a * b * c) as u64);
        let mut cb = CubeBuilder::new(&["a", "b", "c"]).unwrap();
        for d in ["a", "b", "c"] {
            cb.set_total(d, "T").unwrap();
        }
        let mut sums = std::collections::BTreeMap::<[String; 3], u64>::new();
        for i in 0..a {
            for j in 0..b {
                for k in 0..c {
                    let x = v[(i * b + j) * c + k];
                    for m in 0..8 {
                        let key = [
                            if m & 1 != 0 {
                                "T".into()
                            } else {
                                i.to_string()
                            },
                            if m & 2 != 0 {
                                "T".into()
                            } else {
                                j.to_string()
                            },
                            if m & 4 != 0 {
                                "T".into()
                            } else {
                                k.to_string()
                            },
                        ];
                        *sums.entry(key).or_default() += x;
                    }
                }
            }
        }
        for (k, x) in sums {
            cb.add_row(&k, x).unwrap();
        }
        report(&format!("{a}x{b}x{c}"), cb.build().unwrap().table());
    }
}
