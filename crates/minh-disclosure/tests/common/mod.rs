//! Helpers shared by the integration tests: table builders and the safety checks.
#![allow(dead_code)]

use minh_disclosure::{audit, CellStatus, Cube, CubeBuilder, Protection, Rules, Table};

/// A 1-D table: parts then their total (last cell).
pub fn one_d(parts: &[u64]) -> Cube {
    let mut b = CubeBuilder::new(&["x"]).unwrap();
    b.set_total("x", "T").unwrap();
    for (i, &v) in parts.iter().enumerate() {
        b.add_row(&[format!("p{i}")], v).unwrap();
    }
    b.add_row(&["T"], parts.iter().sum()).unwrap();
    b.build().unwrap()
}

/// A 2-D table with both margins and a grand total; codes `r{i}`, `c{j}`, total `T`.
pub fn two_d(interior: &[Vec<u64>]) -> Cube {
    let mut b = CubeBuilder::new(&["row", "col"]).unwrap();
    b.set_total("row", "T").unwrap();
    b.set_total("col", "T").unwrap();
    let ncols = interior.first().map_or(0, Vec::len);
    let mut col_sums = vec![0u64; ncols];
    for (i, row) in interior.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            b.add_row(&[format!("r{i}"), format!("c{j}")], v).unwrap();
            col_sums[j] += v;
        }
        b.add_row(&[format!("r{i}"), "T".into()], row.iter().sum())
            .unwrap();
    }
    for (j, &s) in col_sums.iter().enumerate() {
        b.add_row(&["T".to_string(), format!("c{j}")], s).unwrap();
    }
    b.add_row(&["T", "T"], col_sums.iter().sum()).unwrap();
    b.build().unwrap()
}

/// Cell index of interior/margin cell `(r, c)` of a [`two_d`] cube (`None` = total code).
pub fn at(cube: &Cube, r: Option<usize>, c: Option<usize>) -> usize {
    let rk = r.map_or("T".to_string(), |i| format!("r{i}"));
    let ck = c.map_or("T".to_string(), |j| format!("c{j}"));
    cube.cell(&[rk, ck]).unwrap()
}

/// Hidden mask with exactly these cells hidden.
pub fn mask(table: &Table, hidden: &[usize]) -> Vec<bool> {
    let mut m = vec![false; table.len()];
    for &h in hidden {
        m[h] = true;
    }
    m
}

/// Asserts everything `protect` promises.
pub fn assert_protected(table: &Table, rules: &Rules, p: &Protection) {
    assert_eq!(p.statuses.len(), table.len());
    assert!(
        p.unprotectable.is_empty(),
        "unprotectable: {:?}",
        p.unprotectable
    );
    assert!(p.audit.is_safe(), "audit: {:?}", p.audit.recoverable);
    let independent = audit(table, &p.hidden());
    assert!(
        independent.is_safe(),
        "re-audit: {:?}",
        independent.recoverable
    );
    for (i, &v) in table.values().iter().enumerate() {
        if rules.is_sensitive(v) {
            assert_eq!(p.statuses[i], CellStatus::Primary, "cell {i} = {v}");
        }
        if p.statuses[i] == CellStatus::Published {
            assert!(!rules.is_sensitive(v), "published small cell {i} = {v}");
        }
    }
    for a in &independent.cells {
        let iv = a.interval.expect("full LP ran");
        assert!(iv.min <= a.value && iv.max.is_none_or(|m| m >= a.value));
        assert!(iv.has_two_values());
    }
    assert_ones_rule(table, p);
}

/// Every line holding a hidden primary 1 has at least three hidden cells (or is all hidden).
pub fn assert_ones_rule(table: &Table, p: &Protection) {
    for con in table.constraints() {
        let cells: Vec<usize> = con.cells().collect();
        let has_one = cells
            .iter()
            .any(|&c| p.statuses[c] == CellStatus::Primary && table.values()[c] == 1);
        if has_one {
            let hidden = cells.iter().filter(|&&c| p.statuses[c].is_hidden()).count();
            assert!(
                hidden >= 3.min(cells.len()),
                "line {cells:?} has {hidden} hidden"
            );
        }
    }
}
