//! Linked tables: two datasets publishing the same count split different ways (by province and
//! year; by province and form) are protected as one system. Protected apart, the second
//! dataset's province totals give away a hidden cell of the first; protected together, the
//! published figures of both leave every hidden cell unsolvable.

mod common;
use common::*;

use minh_disclosure::{audit, protect, CubeBuilder, Rules, Table};
use std::collections::HashMap;
use std::path::Path;

const BY_YEAR_META: &str = r#"title: {vi: "Theo năm", en: "By year"}
description: {vi: "Số người theo tỉnh và năm", en: "People by province and year"}
source: "Thử"
unit: {vi: "người", en: "people"}
illustrative: true
dimensions:
  - name: tinh
    label: {vi: "Tỉnh", en: "Province"}
    total: "Tổng"
    codes: ["X", "Y", "Z"]
  - name: nam
    label: {vi: "Năm", en: "Year"}
    kind: period
    codes: [2023, 2024]
measures:
  - name: nguoi
    label: {vi: "Số người", en: "People"}
"#;

const BY_YEAR: [(&str, &str, u64); 8] = [
    ("X", "2023", 5),
    ("X", "2024", 30),
    ("Y", "2023", 40),
    ("Y", "2024", 50),
    ("Z", "2023", 60),
    ("Z", "2024", 70),
    ("Tổng", "2023", 105),
    ("Tổng", "2024", 150),
];

const BY_FORM_META: &str = r#"title: {vi: "Theo hình thức", en: "By form"}
description: {vi: "Số người theo tỉnh và hình thức", en: "People by province and form"}
source: "Thử"
unit: {vi: "người", en: "people"}
illustrative: true
dimensions:
  - name: tinh
    label: {vi: "Tỉnh", en: "Province"}
    total: "Tổng"
    codes: ["X", "Y", "Z"]
  - name: hinh_thuc
    label: {vi: "Hình thức", en: "Form"}
    total: "Tổng"
    codes: [gia-dinh, co-so]
measures:
  - name: nguoi
    label: {vi: "Số người", en: "People"}
"#;

const BY_FORM: [(&str, &str, u64); 12] = [
    ("X", "gia-dinh", 20),
    ("X", "co-so", 15),
    ("X", "Tổng", 35),
    ("Y", "gia-dinh", 50),
    ("Y", "co-so", 40),
    ("Y", "Tổng", 90),
    ("Z", "gia-dinh", 70),
    ("Z", "co-so", 60),
    ("Z", "Tổng", 130),
    ("Tổng", "gia-dinh", 140),
    ("Tổng", "co-so", 115),
    ("Tổng", "Tổng", 255),
];

fn csv(dim: &str, rows: &[(&str, &str, u64)]) -> String {
    let mut s = format!("tinh,{dim},nguoi\n");
    for (a, b, v) in rows {
        s.push_str(&format!("{a},{b},{v}\n"));
    }
    s
}

/// What an attacker holding both tables knows: every cell of both, each table's totals, and
/// that a province's years add up to the same count as its forms.
struct Attack {
    table: Table,
    year: HashMap<(String, String), usize>,
    form: HashMap<(String, String), usize>,
}

fn attack() -> Attack {
    let mut table = Table::new();
    let mut year = HashMap::new();
    let mut form = HashMap::new();
    for (p, y, v) in BY_YEAR {
        year.insert((p.to_string(), y.to_string()), table.add_cell(v));
    }
    for (p, f, v) in BY_FORM {
        form.insert((p.to_string(), f.to_string()), table.add_cell(v));
    }
    let y = |p: &str, c: &str| year[&(p.to_string(), c.to_string())];
    let f = |p: &str, c: &str| form[&(p.to_string(), c.to_string())];
    let mut add = |total: usize, parts: &[usize]| table.add_constraint(total, parts).unwrap();
    for c in ["2023", "2024"] {
        add(y("Tổng", c), &[y("X", c), y("Y", c), y("Z", c)]);
    }
    for c in ["gia-dinh", "co-so", "Tổng"] {
        add(f("Tổng", c), &[f("X", c), f("Y", c), f("Z", c)]);
    }
    for p in ["X", "Y", "Z", "Tổng"] {
        add(f(p, "Tổng"), &[f(p, "gia-dinh"), f(p, "co-so")]);
        // The link: the same people, counted by year and by form.
        add(f(p, "Tổng"), &[y(p, "2023"), y(p, "2024")]);
    }
    Attack { table, year, form }
}

/// Hidden cells of a published CSV: `(province, other code)` whose count is empty.
fn hidden_in(public: &Path, name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(public.join(format!("data/stats/{name}.csv")))
        .expect("the dataset's CSV");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[2].is_empty()).then(|| (f[0].to_string(), f[1].to_string()))
        })
        .collect()
}

fn rules() -> Rules {
    Rules::default()
}

/// Each table protected on its own, as minh did before linking.
fn separately_hidden(a: &Attack) -> Vec<bool> {
    let mut mask = vec![false; a.table.len()];
    for (rows, dim, cells) in [
        (&BY_YEAR[..], "nam", &a.year),
        (&BY_FORM[..], "hinh_thuc", &a.form),
    ] {
        let mut b = CubeBuilder::new(&["tinh", dim]).unwrap();
        b.set_total("tinh", "Tổng").unwrap();
        if dim == "hinh_thuc" {
            b.set_total(dim, "Tổng").unwrap();
        }
        for (p, c, v) in rows {
            b.add_row(&[p, c], *v).unwrap();
        }
        let cube = b.build().unwrap();
        let p = protect(cube.table(), &rules());
        assert!(p.is_safe(), "each table alone passes its own audit");
        for (k, &cell) in cells {
            let i = cube.cell(&[k.0.as_str(), k.1.as_str()]).unwrap();
            mask[cell] = p.statuses[i].is_hidden();
        }
    }
    mask
}

#[test]
fn protected_apart_the_linked_tables_leak_a_cell() {
    let a = attack();
    let mask = separately_hidden(&a);
    let x2023 = a.year[&("X".to_string(), "2023".to_string())];
    assert!(mask[x2023], "the small count is hidden in its own table");
    let verdict = audit(&a.table, &mask);
    assert!(
        verdict.recoverable.contains(&x2023),
        "with the other table's province totals, X 2023 can be worked out: {verdict:?}"
    );
}

#[test]
fn protected_together_nothing_can_be_worked_out() {
    let site = site();
    write(site.path(), "content/stats/theo-nam.yaml", BY_YEAR_META);
    write(
        site.path(),
        "content/stats/theo-nam.csv",
        &csv("nam", &BY_YEAR),
    );
    write(
        site.path(),
        "content/stats/theo-hinh-thuc.yaml",
        BY_FORM_META,
    );
    write(
        site.path(),
        "content/stats/theo-hinh-thuc.csv",
        &csv("hinh_thuc", &BY_FORM),
    );
    let o = minh(&["build"], site.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let public = site.path().join("public");
    let a = attack();
    let mut mask = vec![false; a.table.len()];
    for (k, c) in hidden_in(&public, "theo-nam") {
        mask[a.year[&(k, c)]] = true;
    }
    for (k, c) in hidden_in(&public, "theo-hinh-thuc") {
        mask[a.form[&(k, c)]] = true;
    }
    let x2023 = a.year[&("X".to_string(), "2023".to_string())];
    assert!(mask[x2023], "the small count is hidden");
    let verdict = audit(&a.table, &mask);
    assert!(
        verdict.recoverable.is_empty(),
        "no hidden cell of either table can be worked out from both: {verdict:?}"
    );
    assert!(
        mask.iter().filter(|h| **h).count() > 2,
        "joint protection hides more than each table alone"
    );
}

#[test]
fn a_declared_link_whose_figures_disagree_fails() {
    let site = site();
    let declared = BY_FORM_META.replace(
        "label: {vi: \"Số người\", en: \"People\"}",
        "label: {vi: \"Số người\", en: \"People\"}\n    same_count_as: theo-nam.nguoi",
    );
    let mut wrong = BY_FORM;
    wrong[0].2 = 21; // X gia-dinh
    wrong[2].2 = 36; // X total
    wrong[9].2 = 141;
    wrong[11].2 = 256;
    write(site.path(), "content/stats/theo-nam.yaml", BY_YEAR_META);
    write(
        site.path(),
        "content/stats/theo-nam.csv",
        &csv("nam", &BY_YEAR),
    );
    write(site.path(), "content/stats/theo-hinh-thuc.yaml", &declared);
    write(
        site.path(),
        "content/stats/theo-hinh-thuc.csv",
        &csv("hinh_thuc", &wrong),
    );
    let o = minh(&["build"], site.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("stats-linked-mismatch"), "{err}");
    assert!(
        err.contains("theo-nam.csv") && err.contains("theo-hinh-thuc"),
        "{err}"
    );
}
