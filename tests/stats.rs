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
    assert!(page.contains("&lt;11") && page.contains("<svg") && page.contains("role=\"img\""));
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
fn the_quang_tri_plan_shows_methadone_progress() {
    let (_out, public) = built_real_site();
    for (lang, path) in [
        (
            "vi",
            "vi/ke-hoach/quang-tri-cai-nghien-2022-2025/index.html",
        ),
        ("en", "en/plans/quang-tri-cai-nghien-2022-2025/index.html"),
    ] {
        let html = std::fs::read_to_string(public.join(path)).expect("plan page");
        assert!(html.contains("id=\"progress-methadone-250\""), "{lang}");
        assert!(
            html.contains("<meter") && html.contains("max=\"250"),
            "{lang}"
        );
    }
    let commitments = std::fs::read_to_string(public.join("en/statistics/commitments/index.html"))
        .expect("commitments");
    assert!(
        commitments.contains("data-template=\"commitments\"") && commitments.contains("methadone")
    );
    assert!(public.join("data/stats/methadone.csv").exists());
}
