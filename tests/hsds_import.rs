//! HSDS in: `minh import hsds` reads back the packages a site publishes; export, read back and
//! export again gives identical files (JSON and CSV, every language).

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Providers using every field the export maps.
const PROVIDERS: &[(&str, &str)] = &[
    (
        "co-so-cao-lanh",
        r#"id: co-so-cao-lanh
basis: {plan: ke-hoach-thu}
name: {vi: "Cơ sở cai nghiện Cao Lãnh", en: "Cao Lãnh treatment centre"}
kind: voluntary_public
description: {vi: "Cai nghiện tự nguyện tại cơ sở.", en: "Voluntary residential treatment."}
operator: {vi: "Sở Y tế Đồng Tháp", en: "Đồng Tháp Department of Health"}
address:
  street: "12 Lê Lợi"
  commune: {vi: "Phường Cao Lãnh", en: "Cao Lãnh Ward"}
  province: "Đồng Tháp"
  former_province: "Đồng Tháp"
  former_district: "Cao Lãnh"
geo: {lat: 10.46, lon: 105.63}
phones:
  - number: "0277 3851 234"
    label: {vi: "Tiếp nhận", en: "Admissions"}
    hours: {vi: "7:00–17:00", en: "7am–5pm"}
  - number: "0905 123 456"
hours: {vi: "Thứ Hai đến thứ Sáu", en: "Monday to Friday"}
services: [residential_treatment, counselling, after_care]
fees: {free: true, notes: {vi: "Miễn phí theo Nghị định 116", en: "Free under Decree 116"}}
eligibility: {vi: "Người từ 18 tuổi", en: "Adults"}
how_to_apply: {vi: "Nộp đơn tại cơ sở", en: "Apply at the centre"}
what_to_bring: {vi: "Căn cước; giấy khám sức khỏe", en: "ID card; health certificate"}
languages: [vi, en]
capacity: 120
source: {vi: "Danh sách của Sở", en: "The department's list"}
verification: {date: 2026-10-01, by: "Nhóm biên tập", method: phone_call, note: {vi: "Đã gọi", en: "Called"}}
inferred: [address.former_district, geo]
"#,
    ),
    (
        "methadone-hai-chau",
        r#"id: methadone-hai-chau
basis:
  announced:
    source: {name: {vi: "Cổng thông tin thành phố", en: "City portal"}, url: "https://danang.gov.vn/x"}
    date: 2025-08
    issuer: "UBND thành phố Đà Nẵng"
name: "Cơ sở methadone Hải Châu"
kind: methadone
address:
  province: "Đà Nẵng"
phones:
  - number: "0236 3822 111"
services: [methadone]
fees: {free: false}
"#,
    ),
    (
        "mau-da-nang",
        r#"id: mau-da-nang
basis: sample
name: {vi: "Cơ sở mẫu", en: "Sample service"}
kind: community
address:
  province: "Đà Nẵng"
"#,
    ),
];

fn run(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_minh"));
    c.args(args)
        .env("MINH_TODAY", "2026-11-25")
        .env("MINH_LANG", "en");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run minh")
}

fn build(root: &Path) {
    let out = run(&["build", "--root", root.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn import(from: &Path, root: &Path) -> std::process::Output {
    run(
        &[
            "import",
            "hsds",
            from.to_str().unwrap(),
            "--root",
            root.to_str().unwrap(),
        ],
        &[("MINH_LANG", "en")],
    )
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn export_read_back_and_export_again_gives_identical_files() {
    let a = site();
    for (id, y) in PROVIDERS {
        write(a.path(), &format!("content/facilities/{id}.yaml"), y);
    }
    build(a.path());
    let exported = a.path().join("public/data/hsds");
    let b = site();
    let out = import(&exported, b.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("wrote 3 provider records") && said.contains("languages: vi, en"),
        "{said}"
    );
    build(b.path());
    let (fa, fb) = (files(&exported), files(&b.path().join("public/data/hsds")));
    assert!(
        fa.len() > 40,
        "both packages, JSON and CSV: {:?}",
        fa.keys()
    );
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(
            *v == fb[k],
            "{k} differs after the round trip:\n--- exported\n{}\n--- again\n{}",
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&fb[k])
        );
    }
    // The records read back are the records: the same texts in every language, the same facts.
    let rec =
        std::fs::read_to_string(b.path().join("content/facilities/co-so-cao-lanh.yaml")).unwrap();
    for want in [
        "Cao Lãnh treatment centre",
        "Sở Y tế Đồng Tháp",
        "\"02773851234\"",
        "former_district: \"Cao Lãnh\"",
        "method: \"phone_call\"",
        "inferred: [\"address.former_district\", \"geo\"]",
    ] {
        assert!(rec.contains(want), "{want} in\n{rec}");
    }
    let sample =
        std::fs::read_to_string(b.path().join("content/facilities/mau-da-nang.yaml")).unwrap();
    assert!(sample.contains("basis: \"sample\""), "{sample}");
    // Reading back what was read back gives the same records.
    let c = site();
    let out = import(&b.path().join("public/data/hsds"), c.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files(&b.path().join("content/facilities")),
        files(&c.path().join("content/facilities"))
    );
}

#[test]
fn one_language_or_one_file_can_be_read_and_nothing_is_overwritten() {
    let a = site();
    for (id, y) in PROVIDERS {
        write(a.path(), &format!("content/facilities/{id}.yaml"), y);
    }
    build(a.path());
    let vi = a.path().join("public/data/hsds/vi/services.json");
    let b = site();
    let out = import(&vi, b.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let rec =
        std::fs::read_to_string(b.path().join("content/facilities/co-so-cao-lanh.yaml")).unwrap();
    assert!(rec.contains("Cơ sở cai nghiện Cao Lãnh"), "{rec}");
    assert!(
        !rec.contains("treatment centre"),
        "one language only: {rec}"
    );
    // Again into the same folder: an error, and the files stay as they were.
    std::fs::write(
        b.path().join("content/facilities/co-so-cao-lanh.yaml"),
        "edited\n",
    )
    .unwrap();
    let out = import(&vi, b.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[file-exists]"), "{err}");
    assert_eq!(
        std::fs::read_to_string(b.path().join("content/facilities/co-so-cao-lanh.yaml")).unwrap(),
        "edited\n"
    );
    let out = import(&b.path().join("nowhere"), b.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error[hsds-no-services]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_real_sites_providers_survive_the_round_trip() {
    let (_a, public) = built_real_site();
    let b = tempfile::tempdir().unwrap();
    let repo = repo();
    for f in ["site.yaml", "content/provinces.yaml"] {
        std::fs::create_dir_all(b.path().join(f).parent().unwrap()).unwrap();
        std::fs::copy(repo.join(f), b.path().join(f)).unwrap();
    }
    // The rest of the site (plans, laws, theme), without its providers.
    for dir in ["content", "themes", "static"] {
        for e in walkdir::WalkDir::new(repo.join(dir))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = e.path().strip_prefix(&repo).unwrap();
            if rel.starts_with("content/facilities") {
                continue;
            }
            let to = b.path().join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(e.path(), to).unwrap();
        }
    }
    let out = import(&public.join("data/hsds"), b.path());
    assert!(out.status.success(), "{}", stderr(&out));
    build(b.path());
    let (fa, fb) = (
        files(&public.join("data/hsds")),
        files(&b.path().join("public/data/hsds")),
    );
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    let differ: Vec<&String> = fa.keys().filter(|k| fa[*k] != fb[*k]).collect();
    assert!(differ.is_empty(), "differ after the round trip: {differ:?}");
    let services: Vec<serde_json::Value> = serde_json::from_slice(&fa["vi/services.json"]).unwrap();
    let records = std::fs::read_dir(repo.join("content/facilities"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert!(
        records > 0 && services.len() == records,
        "every provider of the real site"
    );
}

#[test]
fn the_tabular_package_alone_reads_back_to_the_same_records() {
    let a = site();
    for (id, y) in PROVIDERS {
        write(a.path(), &format!("content/facilities/{id}.yaml"), y);
    }
    build(a.path());
    let exported = a.path().join("public/data/hsds");
    // Only the CSV tables and datapackage.json of every language.
    let tabular = tempfile::tempdir().unwrap();
    for (rel, bytes) in files(&exported) {
        if rel.ends_with(".json") && !rel.ends_with("datapackage.json") {
            continue;
        }
        let to = tabular.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    assert!(!tabular.path().join("vi/services.json").exists());
    let from_json = site();
    let out = import(&exported, from_json.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let from_csv = site();
    let out = import(tabular.path(), from_csv.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files(&from_json.path().join("content/facilities")),
        files(&from_csv.path().join("content/facilities")),
        "the CSV tables hold what services.json holds"
    );
    build(from_csv.path());
    let (fa, fb) = (
        files(&exported),
        files(&from_csv.path().join("public/data/hsds")),
    );
    let differ: Vec<&String> = fa.keys().filter(|k| fb.get(*k) != Some(&fa[*k])).collect();
    assert!(differ.is_empty(), "differ: {differ:?}");
}
