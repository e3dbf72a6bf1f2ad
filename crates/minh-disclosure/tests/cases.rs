//! Classic hard cases for secondary suppression and the exact audit.

mod common;

use common::{assert_protected, at, mask, one_d, two_d};
use minh_disclosure::{
    audit, protect, CellStatus, CubeBuilder, CubeError, Interval, Rules, Table, TableError,
};

fn rules() -> Rules {
    Rules::default()
}

#[test]
fn total_minus_parts_leaks_and_protect_hides_a_second_cell() {
    let cube = one_d(&[50, 45, 5]);
    let t = cube.table();
    let small = cube.cell(&["p2"]).unwrap();
    let a = audit(t, &mask(t, &[small]));
    assert_eq!(a.recoverable, vec![small]);
    let c = a.cell(small).unwrap();
    assert!(c.linearly_determined);
    assert_eq!(
        c.interval,
        Some(Interval {
            min: 5,
            max: Some(5)
        })
    );

    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    assert_eq!(p.statuses[small], CellStatus::Primary);
    // The cheapest extra cell is the smallest other part, not the total.
    assert_eq!(
        p.statuses[cube.cell(&["p1"]).unwrap()],
        CellStatus::Secondary
    );
    assert_eq!(
        p.statuses[cube.cell(&["p0"]).unwrap()],
        CellStatus::Published
    );
    assert_eq!(
        p.statuses[cube.cell(&["T"]).unwrap()],
        CellStatus::Published
    );
    // Now the attacker only knows the two add up to 50.
    let iv = p.audit.cell(small).unwrap().interval;
    assert_eq!(
        iv,
        Some(Interval {
            min: 0,
            max: Some(50)
        })
    );
}

#[test]
fn single_small_cell_in_one_dimension_needs_a_partner() {
    let cube = one_d(&[120, 7, 300, 64]);
    let t = cube.table();
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    let hidden: Vec<usize> = (0..t.len()).filter(|&i| !p.is_published(i)).collect();
    assert_eq!(hidden.len(), 2);
    assert_eq!(
        p.statuses[cube.cell(&["p3"]).unwrap()],
        CellStatus::Secondary
    );
}

#[test]
fn exact_intervals_are_reported() {
    let cube = one_d(&[5, 95]);
    let t = cube.table();
    let a = audit(t, &mask(t, &[0, 1]));
    assert!(a.is_safe());
    for c in &a.cells {
        assert!(!c.linearly_determined);
        assert_eq!(
            c.interval,
            Some(Interval {
                min: 0,
                max: Some(100)
            })
        );
    }
}

#[test]
fn a_hidden_one_has_three_hidden_cells_in_its_line() {
    let cube = one_d(&[1, 30, 40, 50]);
    let t = cube.table();
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    let hidden = (0..t.len()).filter(|&i| !p.is_published(i)).count();
    assert_eq!(hidden, 3);
    assert_eq!(
        p.statuses[cube.cell(&["p1"]).unwrap()],
        CellStatus::Secondary
    );
    assert_eq!(
        p.statuses[cube.cell(&["p2"]).unwrap()],
        CellStatus::Secondary
    );
}

/// A 4x4 table with margins where every row and column has exactly two hidden cells (an
/// 8-cycle), so a "two per line" rule is satisfied and no cell is linearly determined, yet
/// non-negativity pins every hidden cell: the cycle can only move +t on the diagonal and -t
/// on the other cells, and a zero in each class forces t = 0.
#[test]
fn two_hidden_per_line_can_still_leak() {
    let interior = vec![
        vec![3, 20, 61, 70],
        vec![55, 0, 40, 66],
        vec![58, 62, 25, 0],
        vec![35, 59, 64, 30],
    ];
    let cube = two_d(&interior);
    let t = cube.table();
    let cycle = [
        (0, 0),
        (0, 1),
        (1, 1),
        (1, 2),
        (2, 2),
        (2, 3),
        (3, 3),
        (3, 0),
    ];
    let hidden: Vec<usize> = cycle
        .iter()
        .map(|&(r, c)| at(&cube, Some(r), Some(c)))
        .collect();
    let m = mask(t, &hidden);
    for con in t.constraints() {
        let n = con.cells().filter(|&c| m[c]).count();
        assert!(n == 0 || n == 2, "two hidden per line");
    }
    let a = audit(t, &m);
    let mut expect = hidden.clone();
    expect.sort_unstable();
    assert_eq!(a.recoverable, expect);
    for c in &a.cells {
        assert!(!c.linearly_determined, "only the bounds leak");
        assert_eq!(
            c.interval,
            Some(Interval {
                min: c.value,
                max: Some(c.value)
            })
        );
    }
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    assert_eq!(p.statuses[at(&cube, Some(0), Some(0))], CellStatus::Primary);
}

#[test]
fn hidden_cells_summing_to_zero_are_pinned() {
    let cube = one_d(&[0, 0, 20]);
    let t = cube.table();
    let a = audit(t, &mask(t, &[0, 1]));
    assert_eq!(a.recoverable, vec![0, 1]);
    assert!(a.cells.iter().all(|c| !c.linearly_determined));
    assert!(a.cells.iter().all(|c| c.interval
        == Some(Interval {
            min: 0,
            max: Some(0)
        })));
    let strict = Rules {
        min_cell: 11,
        zeros_publishable: false,
    };
    let p = protect(t, &strict);
    assert_protected(t, &strict, &p);
    assert_eq!(p.statuses[2], CellStatus::Secondary);
}

#[test]
fn tables_of_ones_and_zeros() {
    let interior = vec![
        vec![1, 0, 1, 1],
        vec![0, 1, 1, 0],
        vec![1, 1, 1, 1],
        vec![0, 0, 1, 0],
    ];
    let cube = two_d(&interior);
    for r in [
        Rules::default(),
        Rules {
            min_cell: 3,
            zeros_publishable: true,
        },
        Rules {
            min_cell: 2,
            zeros_publishable: false,
        },
    ] {
        let p = protect(cube.table(), &r);
        assert_protected(cube.table(), &r, &p);
    }
}

#[test]
fn two_tables_sharing_a_total() {
    let mut t = Table::new();
    let total = t.add_cell(63);
    let (male, female) = (t.add_cell(60), t.add_cell(3));
    let (young, old) = (t.add_cell(30), t.add_cell(33));
    t.add_constraint(total, &[male, female]).unwrap();
    t.add_constraint(total, &[young, old]).unwrap();
    // Hiding the small cell and the shared total leaks: the other table gives the total.
    let a = audit(&t, &mask(&t, &[female, total]));
    assert_eq!(a.recoverable, vec![total, female]);
    let p = protect(&t, &rules());
    assert_protected(&t, &rules(), &p);
    assert_eq!(p.statuses[female], CellStatus::Primary);
}

/// commune -> province -> country, crossed with sex (with a total).
fn hierarchy_cube() -> minh_disclosure::Cube {
    let communes = [
        ("x1", "P1"),
        ("x2", "P1"),
        ("x3", "P2"),
        ("x4", "P2"),
        ("x5", "P2"),
    ];
    let values = [[4u64, 30], [25, 26], [12, 3], [40, 41], [0, 17]];
    let mut b = CubeBuilder::new(&["area", "sex"]).unwrap();
    b.set_total("area", "VN").unwrap();
    b.set_total("sex", "T").unwrap();
    for (c, p) in communes {
        b.set_parent("area", c, p).unwrap();
    }
    let mut prov = std::collections::BTreeMap::<&str, [u64; 2]>::new();
    for ((c, p), v) in communes.iter().zip(values) {
        b.add_row(&[*c, "M"], v[0]).unwrap();
        b.add_row(&[*c, "F"], v[1]).unwrap();
        b.add_row(&[*c, "T"], v[0] + v[1]).unwrap();
        let e = prov.entry(p).or_default();
        e[0] += v[0];
        e[1] += v[1];
    }
    let mut vn = [0u64; 2];
    for (p, v) in &prov {
        b.add_row(&[*p, "M"], v[0]).unwrap();
        b.add_row(&[*p, "F"], v[1]).unwrap();
        b.add_row(&[*p, "T"], v[0] + v[1]).unwrap();
        vn[0] += v[0];
        vn[1] += v[1];
    }
    b.add_row(&["VN", "M"], vn[0]).unwrap();
    b.add_row(&["VN", "F"], vn[1]).unwrap();
    b.add_row(&["VN", "T"], vn[0] + vn[1]).unwrap();
    b.build().unwrap()
}

#[test]
fn commune_province_country_hierarchy() {
    let cube = hierarchy_cube();
    let t = cube.table();
    // 5 communes + 2 provinces = 7 area totals-or-parts lines per sex, plus sex lines.
    assert_eq!(t.constraints().len(), 2 * 3 + 3 + 5 + 2 + 1);
    let x1 = cube.cell(&["x1", "M"]).unwrap();
    let p1 = cube.cell(&["P1", "M"]).unwrap();
    // Hiding the commune and its province leaks through the country total.
    let a = audit(t, &mask(t, &[x1, p1]));
    assert!(a.recoverable.contains(&x1));
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
}

#[test]
fn two_periods_and_a_period_total_are_one_linked_system() {
    let mut b = CubeBuilder::new(&["period", "area"]).unwrap();
    b.set_total("period", "Tổng").unwrap();
    b.set_total("area", "Tổng").unwrap();
    let data = [("2024", [4u64, 40, 57]), ("2025", [30, 2, 61])];
    let mut sums = [0u64; 3];
    for (year, v) in data {
        for (i, code) in ["A", "B", "C"].iter().enumerate() {
            b.add_row(&[year, code], v[i]).unwrap();
            sums[i] += v[i];
        }
        b.add_row(&[year, "Tổng"], v.iter().sum()).unwrap();
    }
    for (i, code) in ["A", "B", "C"].iter().enumerate() {
        b.add_row(&["Tổng", code], sums[i]).unwrap();
    }
    b.add_row(&["Tổng", "Tổng"], sums.iter().sum()).unwrap();
    let cube = b.build().unwrap();
    let t = cube.table();
    let a24 = cube.cell(&["2024", "A"]).unwrap();
    let b24 = cube.cell(&["2024", "B"]).unwrap();
    // Protecting 2024 alone leaks: 2025 and the period total give 2024's A.
    let a = audit(t, &mask(t, &[a24, b24]));
    assert_eq!(a.recoverable, vec![a24, b24]);
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    assert!(!p.is_published(cube.cell(&["2025", "B"]).unwrap()));
}

#[test]
fn primary_ranges_are_reported() {
    let cube = one_d(&[5, 95, 200]);
    let p = protect(cube.table(), &rules());
    assert_eq!(p.primary_ranges.len(), 1);
    let r = &p.primary_ranges[0];
    assert_eq!(r.value, 5);
    assert_eq!(
        r.interval,
        Some(Interval {
            min: 0,
            max: Some(100)
        })
    );
    assert!(r.covers_protection_range);
}

#[test]
fn bad_input_is_rejected_not_panicked() {
    let mut t = Table::new();
    let a = t.add_cell(3);
    let b = t.add_cell(4);
    assert_eq!(
        t.add_constraint(a, &[b]),
        Err(TableError::Inconsistent {
            total: a,
            total_value: 3,
            parts_sum: 4
        })
    );
    assert_eq!(t.add_constraint(a, &[9]), Err(TableError::UnknownCell(9)));
    assert_eq!(t.add_constraint(a, &[a]), Err(TableError::RepeatedCell(a)));
    assert_eq!(t.add_constraint(a, &[]), Err(TableError::NoParts));
    // A short hidden mask counts the rest as published.
    assert!(audit(&t, &[true]).cells.len() == 1);

    let mut cb = CubeBuilder::new(&["x"]).unwrap();
    assert!(matches!(
        cb.add_row(&["a", "b"], 1),
        Err(CubeError::WrongArity { .. })
    ));
    cb.set_total("x", "T").unwrap();
    cb.add_row(&["a"], 1).unwrap();
    assert!(matches!(
        cb.add_row(&["a"], 1),
        Err(CubeError::DuplicateRow(_))
    ));
    cb.add_row(&["T"], 2).unwrap();
    assert!(matches!(cb.build(), Err(CubeError::Inconsistent { .. })));
    cb.set_parent("x", "a", "b").unwrap();
    assert!(matches!(
        cb.set_parent("x", "b", "a"),
        Err(CubeError::HierarchyCycle { .. })
    ));
    assert!(matches!(
        cb.set_parent("x", "a", "c"),
        Err(CubeError::ParentConflict { .. })
    ));
    assert!(matches!(
        cb.set_parent("x", "T", "c"),
        Err(CubeError::TotalHasParent { .. })
    ));
    assert!(matches!(
        cb.set_total("y", "T"),
        Err(CubeError::UnknownDimension(_))
    ));
    assert!(matches!(
        CubeBuilder::new(&["x", "x"]),
        Err(CubeError::DuplicateDimension(_))
    ));
}

#[test]
fn absent_total_rows_give_no_constraint() {
    let mut b = CubeBuilder::new(&["period", "area"]).unwrap();
    b.set_total("area", "Total").unwrap();
    b.set_total("period", "All").unwrap();
    for (year, vals) in [("2024", [5u64, 30]), ("2025", [40, 41])] {
        b.add_row(&[year, "A"], vals[0]).unwrap();
        b.add_row(&[year, "B"], vals[1]).unwrap();
    }
    // Only 2024 has an area total; no period totals at all.
    b.add_row(&["2024", "Total"], 35).unwrap();
    let cube = b.build().unwrap();
    assert_eq!(cube.table().constraints().len(), 1);
    assert_eq!(
        cube.key(4),
        Some(&["2024".to_string(), "Total".to_string()][..])
    );
    let p = protect(cube.table(), &rules());
    assert_protected(cube.table(), &rules(), &p);
    assert!(!p.is_published(cube.cell(&["2024", "B"]).unwrap()));
    assert!(p.is_published(cube.cell(&["2025", "A"]).unwrap()));
}

#[test]
fn one_small_cell_in_a_two_way_table_hides_a_cheap_rectangle() {
    let interior = vec![vec![5, 40, 90], vec![30, 12, 80], vec![70, 60, 15]];
    let cube = two_d(&interior);
    let t = cube.table();
    let p = protect(t, &rules());
    assert_protected(t, &rules(), &p);
    let hidden: Vec<usize> = (0..t.len()).filter(|&i| !p.is_published(i)).collect();
    let expect = [
        at(&cube, Some(0), Some(0)),
        at(&cube, Some(0), Some(1)),
        at(&cube, Some(1), Some(0)),
        at(&cube, Some(1), Some(1)),
    ];
    let mut expect = expect.to_vec();
    expect.sort_unstable();
    assert_eq!(hidden, expect);
}
