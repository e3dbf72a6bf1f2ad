//! Open data as real validators check it: every exported HSDS service against upstream's JSON Schema,
//! every data package with `frictionless validate` (installed by tests/install-test-deps.sh; under
//! CI=true a missing frictionless fails), and each check failing on a planted defect.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn read_json(p: &Path) -> Value {
    let s = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn service_validator() -> jsonschema::Validator {
    let schema = read_json(&repo().join("schemas/hsds-3.0/schema/service_with_definitions.json"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the HSDS schema compiles")
}

/// The validator's complaints about `service`, one line each.
fn errors(v: &jsonschema::Validator, service: &Value) -> Vec<String> {
    v.iter_errors(service)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_vendored_hsds_files_are_upstreams() {
    let shared = repo().join("../shared/hsds-3.0");
    let shared = if shared.is_dir() {
        shared
    } else {
        PathBuf::from("/work/shared/hsds-3.0")
    };
    if !shared.is_dir() {
        println!("SKIPPED: no copy of upstream HSDS 3.0 next to the repository to compare with");
        return;
    }
    for f in ["datapackage.json", "schema/service_with_definitions.json"] {
        let ours = std::fs::read(repo().join("schemas/hsds-3.0").join(f)).expect("ours");
        let theirs = std::fs::read(shared.join(f)).expect("upstream");
        assert!(ours == theirs, "schemas/hsds-3.0/{f} differs from upstream");
    }
}

#[test]
fn every_exported_service_validates_against_the_hsds_schema() {
    let (_dir, public) = built_real_site();
    let v = service_validator();
    let mut checked = 0;
    for lang in ["vi", "en"] {
        let services = read_json(&public.join(format!("data/hsds/{lang}/services.json")));
        let list = services.as_array().expect("a list of services");
        assert_eq!(list.len(), 17, "every provider of the real site");
        for s in list {
            let errs = errors(&v, s);
            assert!(errs.is_empty(), "{lang} {}: {errs:#?}", s["name"]);
            checked += 1;
        }
    }
    assert_eq!(checked, 34);
    // Planted defects: each must be caught.
    let services = read_json(&public.join("data/hsds/vi/services.json"));
    let good = services[0].clone();
    let mut no_status = good.clone();
    no_status.as_object_mut().expect("object").remove("status");
    assert!(
        !errors(&v, &no_status).is_empty(),
        "a service without status"
    );
    let mut bad_id = good.clone();
    bad_id["id"] = Value::from("mau-can-tho-cai-nghien-cong-lap");
    assert!(!errors(&v, &bad_id).is_empty(), "an id that is not a UUID");
    let mut bad_phone = good.clone();
    bad_phone["phones"] = Value::from("0235 3852 123");
    assert!(!errors(&v, &bad_phone).is_empty(), "phones as text");
    let mut bad_status = good;
    bad_status["status"] = Value::from("sample");
    assert!(
        !errors(&v, &bad_status).is_empty(),
        "a status HSDS does not have"
    );
}

#[test]
fn ids_are_uuids_stable_from_build_to_build_and_shared_by_languages() {
    let (_a, one) = built_real_site();
    let (_b, two) = built_real_site();
    for lang in ["vi", "en"] {
        for f in [
            "services.json",
            "services.csv",
            "taxonomy.json",
            "datapackage.json",
        ] {
            let p = format!("data/hsds/{lang}/{f}");
            assert_eq!(
                std::fs::read(one.join(&p)).expect("first"),
                std::fs::read(two.join(&p)).expect("second"),
                "{p} changes between builds"
            );
        }
    }
    let vi = read_json(&one.join("data/hsds/vi/services.json"));
    let en = read_json(&one.join("data/hsds/en/services.json"));
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("list")
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(
        ids(&vi),
        ids(&en),
        "the same service has the same id in every language"
    );
    assert_ne!(
        vi[0]["name"], en[0]["name"],
        "each package in its own language"
    );
}

#[test]
fn sample_and_real_records_are_told_apart() {
    let (_d, public) = built_real_site();
    let services = read_json(&public.join("data/hsds/vi/services.json"));
    let mut samples = 0;
    for s in services.as_array().expect("list") {
        let record_id = s["attributes"]
            .as_array()
            .expect("attributes")
            .iter()
            .find(|a| a["taxonomy_term"]["code"] == "minh-record:record_id")
            .and_then(|a| a["value"].as_str())
            .expect("every service names its record")
            .to_string();
        let marked = s["attributes"]
            .as_array()
            .expect("attributes")
            .iter()
            .any(|a| a["taxonomy_term"]["code"] == "minh-record:sample" && a["value"] == "true");
        let is_sample = record_id.starts_with("mau-");
        assert_eq!(marked, is_sample, "{record_id}: sample attribute");
        if is_sample {
            samples += 1;
            assert_eq!(s["status"], "inactive", "{record_id}");
            assert!(
                s["alert"].as_str().unwrap_or("").contains("MẪU"),
                "{record_id}"
            );
        } else {
            assert_eq!(s["status"], "active", "{record_id}");
        }
        let kind = s["attributes"]
            .as_array()
            .expect("attributes")
            .iter()
            .find(|a| a["taxonomy_term"]["taxonomy"] == "minh-provider-kind");
        assert!(kind.is_some(), "{record_id}: linked to the kinds taxonomy");
    }
    assert_eq!(samples, 12);
    // The taxonomy the attributes point to is published with the data.
    let tax = read_json(&public.join("data/hsds/vi/taxonomy.json"));
    let terms: Vec<&str> = tax["taxonomy_terms"]
        .as_array()
        .expect("terms")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    for s in services.as_array().expect("list") {
        for a in s["attributes"].as_array().expect("attributes") {
            assert!(terms.contains(&a["taxonomy_term_id"].as_str().unwrap_or("")));
        }
    }
}

/// The frictionless command: tests/frictionless/venv (tests/install-test-deps.sh), else the PATH.
fn frictionless() -> Option<PathBuf> {
    let venv = repo().join("tests/frictionless/venv/bin/frictionless");
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = Command::new("frictionless").arg("--version").output();
    if on_path.is_ok_and(|o| o.status.success()) {
        return Some(PathBuf::from("frictionless"));
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "frictionless not found under CI=true: run bash tests/install-test-deps.sh"
    );
    println!("SKIPPED: frictionless not found (bash tests/install-test-deps.sh installs it)");
    None
}

/// Runs `frictionless validate` on a package; returns (valid, report).
fn validate(bin: &Path, package: &Path) -> (bool, String) {
    let o = Command::new(bin)
        .arg("validate")
        .arg(package)
        .current_dir(package.parent().expect("folder"))
        .output()
        .expect("run frictionless");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), report)
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let dest = to.join(e.path().strip_prefix(from).expect("prefix"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

#[test]
fn the_hsds_tabular_packages_pass_frictionless_and_a_planted_defect_fails() {
    let Some(bin) = frictionless() else { return };
    let (_d, public) = built_real_site();
    for lang in ["vi", "en"] {
        let (ok, report) = validate(
            &bin,
            &public.join(format!("data/hsds/{lang}/datapackage.json")),
        );
        assert!(ok, "{lang}: {report}");
    }
    // Planted defects in a copy: a phone pointing at a service that is not there, a service without status.
    let copy = tempfile::tempdir().expect("tempdir");
    copy_tree(&public.join("data/hsds/vi"), copy.path());
    let phones = copy.path().join("phones.csv");
    let text = std::fs::read_to_string(&phones).expect("phones");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "service_id")
        .expect("service_id");
    let mut cells: Vec<String> = lines[1].split(',').map(String::from).collect();
    cells[col] = "00000000-0000-5000-8000-000000000000".into();
    lines[1] = cells.join(",");
    std::fs::write(&phones, lines.join("\n") + "\n").expect("write");
    let (ok, report) = validate(&bin, &copy.path().join("datapackage.json"));
    assert!(!ok, "a dangling foreign key must fail: {report}");
    assert!(report.contains("foreign-key"), "{report}");
}

#[test]
fn statistics_package_passes_frictionless_keeps_hidden_cells_empty_and_planted_defects_fail() {
    let (_d, public) = built_real_site();
    let stats = public.join("data/stats");
    let package = read_json(&stats.join("datapackage.json"));
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 2, "every dataset");
    for r in resources {
        let slug = r["name"].as_str().expect("name");
        assert_eq!(r["schema"]["missingValues"], serde_json::json!([""]));
        // Every hidden value (null in JSON) is an empty cell in the CSV, and nothing else is empty.
        let json = read_json(&stats.join(format!("{slug}.json")));
        let nulls: usize = json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| {
                row.as_object()
                    .expect("row")
                    .values()
                    .filter(|v| v.is_null())
                    .count()
            })
            .sum();
        let csv = std::fs::read_to_string(stats.join(format!("{slug}.csv"))).expect("csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().expect("header").clone();
        let mut empty = 0;
        for rec in reader.records() {
            let rec = rec.expect("record");
            for (h, v) in header.iter().zip(rec.iter()) {
                if v.is_empty() && !h.ends_with("_unreliable") {
                    empty += 1;
                }
            }
        }
        assert_eq!(
            empty, nulls,
            "{slug}: hidden cells are empty, the others are not"
        );
        if slug == "cai-nghien-tu-nguyen" {
            assert!(nulls > 0, "the real data has suppressed cells to check");
        }
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        assert_eq!(
            fields,
            header.iter().collect::<Vec<_>>(),
            "{slug}: schema = columns"
        );
    }
    let Some(bin) = frictionless() else { return };
    let (ok, report) = validate(&bin, &stats.join("datapackage.json"));
    assert!(ok, "{report}");
    // Planted defects in copies: a province code the dataset does not list; a marker in a count cell.
    for (from, to, error) in [
        (
            "Quảng Trị,2022,co-so",
            "Hà Nội,2022,co-so",
            "constraint-error",
        ),
        (
            "Quảng Trị,2022,gia-dinh-cong-dong,,",
            "Quảng Trị,2022,gia-dinh-cong-dong,ẩn,",
            "type-error",
        ),
    ] {
        let copy = tempfile::tempdir().expect("tempdir");
        copy_tree(&stats, copy.path());
        let f = copy.path().join("cai-nghien-tu-nguyen.csv");
        let text = std::fs::read_to_string(&f).expect("csv");
        assert!(text.contains(from), "{from} in {text}");
        std::fs::write(&f, text.replacen(from, to, 1)).expect("write");
        let (ok, report) = validate(&bin, &copy.path().join("datapackage.json"));
        assert!(!ok, "{to}: {report}");
        assert!(report.contains(error), "{error}: {report}");
    }
}

#[test]
fn the_catalogue_lists_every_download_and_the_open_data_page_carries_it() {
    let (_d, public) = built_real_site();
    let catalog = read_json(&public.join("data/catalog.json"));
    assert_eq!(catalog["@type"], "dcat:Catalog");
    let mut listed: Vec<String> = Vec::new();
    for d in catalog["dcat:dataset"].as_array().expect("datasets") {
        assert!(
            d["dct:license"].is_string() && d["dct:publisher"].is_object(),
            "{d}"
        );
        assert!(
            !d["dct:language"].as_array().expect("languages").is_empty(),
            "{d}"
        );
        for x in d["dcat:distribution"].as_array().expect("distributions") {
            let url = x["dcat:downloadURL"].as_str().expect("url");
            let path = url
                .strip_prefix("https://minh.example.org/")
                .expect("on the site");
            assert!(public.join(path).is_file(), "{url} is published");
            listed.push(path.to_string());
        }
    }
    // Every file under data/ (but the catalogue itself) is in the catalogue.
    for e in walkdir::WalkDir::new(public.join("data")) {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&public)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            let empty_table = std::fs::read_to_string(e.path())
                .map(|t| t.lines().count() <= 1)
                .unwrap_or(false);
            if rel != "data/catalog.json" && !empty_table {
                assert!(listed.contains(&rel), "{rel} missing from the catalogue");
            }
        }
    }
    for (lang, slug) in [("vi", "trang/du-lieu-mo"), ("en", "pages/open-data")] {
        let html = std::fs::read_to_string(public.join(format!("{lang}/{slug}/index.html")))
            .expect("open-data page");
        let start = html
            .find("<script type=\"application/ld+json\">")
            .expect("JSON-LD")
            + 35;
        let end = start + html[start..].find("</script>").expect("end");
        let ld: Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
        assert_eq!(ld["@type"], "DataCatalog");
        assert_eq!(ld["dataset"].as_array().expect("datasets").len(), 4);
        // The page lists the fields of each CSV from the files themselves.
        assert!(html.contains("<code>/data/hsds/"), "{lang}");
        assert!(html.contains("<dt><code>status</code></dt>"), "{lang}");
        assert!(
            html.contains("<dt><code>ty_le_hoan_thanh</code></dt>"),
            "{lang}"
        );
    }
}
