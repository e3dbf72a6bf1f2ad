//! Statistics CSV files under a fixed description: personal-data checks, row parsing, and
//! disclosure control of whatever rows parse (two datasets, so linked protection runs too).
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh::diagnostics::Diagnostics;

#[path = "site.rs"]
mod site;

const META: &str = r#"title: {vi: "Thử", en: "Test"}
description: "Thử"
source: "Thử"
unit: "người"
illustrative: true
dimensions:
  - name: khu_vuc
    label: "Khu vực"
    total: "Tổng"
    codes: ["Bắc", "Trung", "Nam"]
  - name: nam
    label: "Năm"
    kind: period
    codes: [2024, 2025]
measures:
  - name: nguoi
    label: "Số người"
  - name: xong
    label: "Số người xong"
  - name: ty_le
    kind: rate
    numerator: xong
    denominator: nguoi
    label: "Tỷ lệ"
"#;

fuzz_target!(|data: &[u8]| {
    let root = site::root("csv_dataset");
    for name in ["a", "b"] {
        site::put(root, &format!("content/stats/{name}.yaml"), META.as_bytes());
        site::put(root, &format!("content/stats/{name}.csv"), data);
    }
    let privacy = minh::load::config::Privacy {
        min_cell: 11,
        zeros_publishable: true,
    };
    let mut diags = Diagnostics::new();
    let _ = minh::stats::load(root, &privacy, &mut diags);
});
