//! Statistics: personal data refused, suppressed values leak nowhere, targets tracked against datasets.

mod common;
use common::*;
use std::path::Path;

const META: &str = r#"title: {vi: "Thử", en: "Test"}
description: {vi: "Bộ số liệu thử", en: "A test dataset"}
source: "Thử"
unit: {vi: "người", en: "people"}
illustrative: true
dimensions:
  - name: khu_vuc
    label: {vi: "Khu vực", en: "Region"}
    total: "Tổng"
    codes: ["Bắc", "Trung", "Nam"]
  - name: nam
    label: {vi: "Năm", en: "Year"}
    kind: period
    codes: [2024, 2025]
measures:
  - name: nguoi
    label: {vi: "Số người", en: "People"}
"#;

fn build_fails(csv: &str) -> String {
    let dir = site();
    write(dir.path(), "content/stats/thu.yaml", META);
    write(dir.path(), "content/stats/thu.csv", csv);
    let o = minh(&["build"], dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("fix:"), "{err}");
    err
}

#[test]
fn a_personal_data_column_fails_with_file_line_and_column() {
    let err = build_fails("khu_vuc,nam,họ tên,nguoi\nBắc,2024,x,1234\n");
    assert!(err.contains("content/stats/thu.csv:1:13"), "{err}");
    assert!(
        err.contains("personal-data") && err.contains("a person's name"),
        "{err}"
    );
    assert!(
        err.contains("counts"),
        "says what to publish instead: {err}"
    );
}

#[test]
fn values_that_look_like_id_or_phone_numbers_fail() {
    let err = build_fails("khu_vuc,nam,nguoi,ma\nBắc,2024,1234,A1\nTrung,2024,2345,0912 345 678\n");
    assert!(err.contains("content/stats/thu.csv:3:"), "{err}");
    assert!(err.contains("phone number"), "{err}");
    assert!(
        !err.contains("0912"),
        "the value itself is not repeated: {err}"
    );
    let err = build_fails("khu_vuc,nam,nguoi,so\nBắc,2024,1234,001203004567\n");
    assert!(err.contains("content/stats/thu.csv:2:"), "{err}");
    assert!(err.contains("ID number"), "{err}");
}

#[test]
fn unknown_columns_codes_and_non_integer_counts_are_located() {
    let err = build_fails("khu_vuc,nam,nguoi,ghi_chu\nBắc,2024,1234,x\n");
    assert!(
        err.contains("thu.csv:1:19") && err.contains("unknown column `ghi_chu`"),
        "{err}"
    );
    let err = build_fails("khu_vuc,nam,nguoi\nBac,2024,1234\nTrung,2024,1.234\n");
    assert!(
        err.contains("thu.csv:2:1") && err.contains("`Bac` is not a declared code"),
        "{err}"
    );
    assert!(err.contains("did you mean `Bắc`"), "{err}");
    assert!(
        err.contains("thu.csv:3:12") && err.contains("not a whole number"),
        "{err}"
    );
}

fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .display()
                .to_string();
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn suppressed_values_leak_nowhere() {
    let dir = site();
    let root = dir.path();
    write(root, "content/stats/thu.yaml", META);
    // Sentinels 7 and 3; every other value large and distinctive.
    write(
        root,
        "content/stats/thu.csv",
        "khu_vuc,nam,nguoi\nBắc,2024,7\nTrung,2024,2345\nNam,2024,3456\nTổng,2024,5808\nBắc,2025,4567\nTrung,2025,3\nNam,2025,5678\nTổng,2025,10248\n",
    );
    let o = minh(&["build"], root);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = root.join("public");
    let csv = std::fs::read_to_string(public.join("data/stats/thu.csv")).expect("csv");
    assert!(
        csv.contains("Bắc,2024,,true") && csv.contains("Trung,2025,,true"),
        "{csv}"
    );
    assert!(
        csv.contains("Nam,2024,3456,true") && csv.contains("Tổng,2025,10248,true"),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("data/stats/thu.json")).expect("json"))
            .expect("valid json");
    assert_eq!(json["illustrative"], true);
    let rows = json["rows"].as_array().expect("rows");
    assert!(
        rows[0]["nguoi"].is_null() && rows[5]["nguoi"].is_null(),
        "{json}"
    );
    // The secondary cells (the smallest published neighbour of each sentinel) are hidden too,
    // and no file of the whole site shows any hidden value, in any number format.
    let hidden: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains(",,"))
        .filter_map(|l| {
            let key = l.split(",,").next()?;
            [
                "Bắc,2024,7",
                "Trung,2024,2345",
                "Nam,2024,3456",
                "Bắc,2025,4567",
                "Trung,2025,3",
                "Nam,2025,5678",
            ]
            .into_iter()
            .find(|r| r.starts_with(&format!("{key},")))
            .and_then(|r| r.rsplit(',').next())
        })
        .collect();
    assert_eq!(
        hidden.len(),
        4,
        "two primary and two secondary cells: {csv}"
    );
    let all = files_under(&public);
    for v in hidden.iter().filter(|v| v.len() > 1) {
        let forms = [
            v.to_string(),
            format!("{}.{}", &v[..1], &v[1..]),
            format!("{},{}", &v[..1], &v[1..]),
        ];
        for (path, bytes) in &all {
            for f in &forms {
                assert!(!contains(bytes, f), "hidden value {f} appears in {path}");
            }
        }
    }
    let stats_files = all.iter().filter(|(p, _)| {
        p.starts_with("data/stats") || p.contains("thong-ke") || p.contains("statistics")
    });
    let mut pages = 0;
    for (path, bytes) in stats_files {
        pages += usize::from(path.ends_with("thu/index.html"));
        for small in ["7", "3"] {
            for ctx in [
                format!(">{small}<"),
                format!(",{small},"),
                format!(": {small},"),
                format!(": {small}\n"),
                format!("\"{small}\""),
            ] {
                assert!(!contains(bytes, &ctx), "sentinel {ctx:?} appears in {path}");
            }
        }
    }
    assert_eq!(pages, 2, "the dataset page exists in both languages");
    let page = std::fs::read_to_string(public.join("vi/thong-ke/thu/index.html")).expect("page");
    assert!(page.contains("<svg") && page.contains("role=\"img\""));
    assert!(
        !page.contains("&lt;11") && !page.contains("&lt;{"),
        "hidden cells claim no range"
    );
    assert_eq!(
        page.matches(">ẩn<sup>*</sup>").count(),
        hidden.len(),
        "primary and secondary cells show the same marker"
    );
    assert!(page.contains("<caption>") && page.contains("scope=\"row\""));
    assert!(page.contains("data-template=\"dataset\""));
    assert!(
        !page.contains("style="),
        "no inline style under the strict CSP"
    );
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("/en/statistics/thu/") && sitemap.contains("/vi/thong-ke/cam-ket/"));
}

#[test]
fn a_target_measure_naming_no_dataset_fails_with_file_and_line() {
    let dir = site();
    write(
        dir.path(),
        "content/plans/chi-tieu.vi.md",
        "---\ntitle: \"Kế hoạch có chỉ tiêu\"\nissuer: \"UBND\"\nperiod: {from: 2024, to: 2025}\narea: {level: province, province: \"Quảng Trị\", current_province: \"Quảng Trị\"}\nsummary: \"Thử.\"\ntargets:\n  - id: m\n    label: \"Chỉ tiêu\"\n    value: 250\n    unit: \"người\"\n    by: 2025\n    measure: khong-co.patients\n---\n\nNội dung.\n",
    );
    let o = minh(&["build"], dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("content/plans/chi-tieu.vi.md:13:"), "{err}");
    assert!(
        err.contains("unknown-measure") && err.contains("khong-co.patients"),
        "{err}"
    );
}

#[test]
fn the_quang_tri_plan_gives_no_verdict_from_illustrative_or_other_figures() {
    let (_out, public) = built_real_site();
    for (lang, path, target) in [
        (
            "vi",
            "vi/ke-hoach/quang-tri-cai-nghien-2022-2025/index.html",
            "ít nhất 250 người trong cả giai đoạn 2022–2025",
        ),
        (
            "en",
            "en/plans/quang-tri-cai-nghien-2022-2025/index.html",
            "at least 250 people over the whole period 2022–2025",
        ),
    ] {
        let html = std::fs::read_to_string(public.join(path)).expect("plan page");
        assert!(html.contains(target), "{lang}: {html}");
        assert!(
            !html.contains("id=\"progress-methadone-250\"") && !html.contains("<meter"),
            "{lang}: no verdict on 250 people over the period from a per-year illustrative count"
        );
        assert!(
            html.contains("từ 1 đến 2 %") || html.contains("1 to 2 %"),
            "{lang}: the 1–2 % range is kept whole"
        );
    }
    for path in [
        "en/statistics/commitments/index.html",
        "vi/thong-ke/cam-ket/index.html",
    ] {
        let c = std::fs::read_to_string(public.join(path)).expect("commitments");
        assert!(c.contains("data-template=\"commitments\""));
        for verdict in [
            "target reached",
            "đạt chỉ tiêu",
            "Latest figure",
            "Số mới nhất",
        ] {
            assert!(!c.contains(verdict), "{path}: {verdict}");
        }
    }
    assert!(public.join("data/stats/methadone.csv").exists());
}

/// A real (not illustrative) dataset of one province and two years, counted per year.
const REAL_META: &str = r#"title: {vi: "Thật", en: "Real"}
description: {vi: "Bộ số liệu thật", en: "A real dataset"}
source: "Sở Y tế"
unit: {vi: "người", en: "people"}
illustrative: false
dimensions:
  - name: tinh
    label: {vi: "Tỉnh", en: "Province"}
    kind: area
    codes: ["Quảng Trị"]
  - name: nam
    label: {vi: "Năm", en: "Year"}
    kind: period
    codes: [2024, 2025]
measures:
  - name: nguoi
    label: {vi: "Số người", en: "People"}
    scope: per_year
"#;

/// A plan of Quảng Trị whose targets are written after `targets:`.
fn plan_with(targets: &str) -> String {
    format!("---\ntitle: \"Kế hoạch có chỉ tiêu\"\nissuer: \"UBND\"\nperiod: {{from: 2024, to: 2025}}\narea: {{level: province, province: \"Quảng Trị\", current_province: \"Quảng Trị\"}}\nsummary: \"Thử.\"\ntargets:\n{targets}---\n\nNội dung.\n")
}

#[test]
fn an_illustrative_measure_linked_to_a_real_plan_fails_with_file_and_line() {
    let dir = site();
    write(dir.path(), "content/stats/thu.yaml", META);
    write(
        dir.path(),
        "content/stats/thu.csv",
        "khu_vuc,nam,nguoi\nBắc,2024,1234\nTrung,2024,2345\nNam,2024,3456\nTổng,2024,7035\n",
    );
    write(
        dir.path(),
        "content/plans/chi-tieu.vi.md",
        &plan_with("  - id: m\n    label: \"Chỉ tiêu\"\n    value: 250\n    unit: \"người\"\n    direction: at_least\n    scope: period\n    by: 2025\n    measure: thu.nguoi\n"),
    );
    let o = minh(&["build"], dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/plans/chi-tieu.vi.md:15:14: error[illustrative-measure]"),
        "{err}"
    );
    assert!(err.contains("content/stats/thu.yaml"), "{err}");
    assert!(
        err.contains("remove the line `measure: thu.nguoi`"),
        "{err}"
    );
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn at_most_and_range_targets_are_judged_on_their_side_and_other_scopes_get_no_verdict() {
    let dir = site();
    write(dir.path(), "content/stats/that.yaml", REAL_META);
    write(
        dir.path(),
        "content/stats/that.csv",
        "tinh,nam,nguoi\nQuảng Trị,2024,120\nQuảng Trị,2025,90\n",
    );
    let target = |id: &str, shape: &str, scope: &str, unit: &str| {
        format!("  - id: {id}\n    label: \"Chỉ tiêu {id}\"\n{shape}    unit: \"{unit}\"\n    scope: {scope}\n    by: 2025\n    measure: that.nguoi\n")
    };
    let targets = [
        target(
            "duoi-100",
            "    direction: at_most\n    value: 100\n",
            "per_year",
            "người",
        ),
        target(
            "duoi-50",
            "    direction: at_most\n    value: 50\n",
            "per_year",
            "người",
        ),
        target(
            "khoang-80-95",
            "    direction: range\n    range: {from: 80, to: 95}\n",
            "per_year",
            "người",
        ),
        target(
            "khoang-10-20",
            "    direction: range\n    range: {from: 10, to: 20}\n",
            "per_year",
            "người",
        ),
        target(
            "it-nhat-80",
            "    direction: at_least\n    value: 80\n",
            "per_year",
            "người",
        ),
        target(
            "ca-giai-doan",
            "    direction: at_least\n    value: 80\n",
            "period",
            "người",
        ),
        target(
            "phan-tram",
            "    direction: at_least\n    value: 80\n",
            "per_year",
            "%",
        ),
    ]
    .concat();
    write(
        dir.path(),
        "content/plans/chi-tieu.vi.md",
        &plan_with(&targets),
    );
    let o = minh(&["build"], dir.path());
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("warning[target-not-comparable]") && err.contains("`ca-giai-doan`"),
        "{err}"
    );
    let html = std::fs::read_to_string(dir.path().join("public/vi/ke-hoach/chi-tieu/index.html"))
        .expect("plan page");
    let verdict = |id: &str| -> String {
        let start = html
            .find(&format!("id=\"target-{id}\""))
            .unwrap_or_else(|| panic!("{id}: {html}"));
        let rest = &html[start..];
        rest[..rest.find("</li>").unwrap_or(rest.len())].to_string()
    };
    let met = "Số liệu cho thấy đã đạt chỉ tiêu";
    let not_met = "Số liệu cho thấy chưa đạt chỉ tiêu";
    let none = "Không có số liệu so sánh được";
    for (id, want) in [
        ("duoi-100", met),
        ("duoi-50", not_met),
        ("khoang-80-95", met),
        ("khoang-10-20", not_met),
        ("it-nhat-80", met),
        ("ca-giai-doan", none),
        ("phan-tram", none),
    ] {
        let v = verdict(id);
        assert!(v.contains(want), "{id}: {v}");
        for other in [met, not_met, none].into_iter().filter(|o| *o != want) {
            assert!(!v.contains(other), "{id}: {v}");
        }
    }
    assert!(verdict("duoi-100")
        .contains("Số mới nhất: 90 người (2025); chỉ tiêu: tối đa 100 người mỗi năm"));
    assert!(verdict("khoang-80-95").contains("từ 80 đến 95 người"));
}

#[test]
fn a_range_target_needs_its_range() {
    let dir = site();
    write(
        dir.path(),
        "content/plans/chi-tieu.vi.md",
        &plan_with("  - id: giam\n    label: \"Giảm từ 1 - 2%\"\n    value: 1\n    unit: \"%\"\n    direction: range\n    scope: period\n    by: 2025\n"),
    );
    let o = minh(&["build"], dir.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/plans/chi-tieu.vi.md:8:9: error[target-value]"),
        "{err}"
    );
    assert!(err.contains("range: {from: 1, to: 2}"), "{err}");
}
