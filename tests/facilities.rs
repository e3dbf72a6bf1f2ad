//! Provider records: each validation error names file, line and column and says how to fix it; pages and open data.

mod common;
use common::*;

const GOOD: &str = "id: thu-nghiem\nsample: false\nname: {vi: \"Cơ sở thử\", en: \"Test facility\"}\nkind: voluntary_public\naddress:\n  province: \"Đà Nẵng\"\n  former_province: \"Quảng Nam\"\nphones:\n  - number: \"0235 3852 123\"\nfees: {free: true}\nlast_verified: 2026-10-01\n";

fn build_with(yaml: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = site();
    write(dir.path(), "content/facilities/thu-nghiem.yaml", yaml);
    let out = minh(&["build"], dir.path());
    (dir, out)
}

fn error_of(yaml: &str) -> String {
    let (_d, out) = build_with(yaml);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("fix:"), "{err}");
    err
}

#[test]
fn a_valid_record_builds_with_tel_links_json_ld_and_open_data() {
    let (dir, out) = build_with(GOOD);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("public/vi/co-so/thu-nghiem/index.html"))
        .expect("page");
    assert!(
        html.contains("href=\"tel:+842353852123\""),
        "E.164 in the link"
    );
    assert!(html.contains(">0235 3852 123<"), "grouped on screen");
    assert!(html.contains("application/ld+json"));
    assert!(
        html.contains("openstreetmap.org/search?query="),
        "a map link the resident opens by choice"
    );
    let json =
        std::fs::read_to_string(dir.path().join("public/data/facilities.json")).expect("json");
    assert!(json.contains("\"state_province\": \"Đà Nẵng\""), "{json}");
    let csv = std::fs::read_to_string(dir.path().join("public/data/facilities.csv")).expect("csv");
    assert!(
        csv.lines()
            .next()
            .unwrap_or("")
            .contains("id,name,alternate_name"),
        "{csv}"
    );
    let finder =
        std::fs::read_to_string(dir.path().join("public/vi/co-so/index.html")).expect("finder");
    assert!(
        finder.contains("Quảng Nam"),
        "the finder names the former province"
    );
}

#[test]
fn missing_required_field() {
    let err = error_of(&GOOD.replace("kind: voluntary_public\n", ""));
    assert!(err.contains("content/facilities/thu-nghiem.yaml:"), "{err}");
    assert!(err.contains("missing field `kind`"), "{err}");
}

#[test]
fn unknown_kind_suggests_the_nearest() {
    let err = error_of(&GOOD.replace("voluntary_public", "voluntary_publik"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:4:7"),
        "{err}"
    );
    assert!(err.contains("voluntary_publik"), "{err}");
    assert!(err.contains("did you mean `voluntary_public`"), "{err}");
}

#[test]
fn unknown_service_suggests_the_nearest() {
    let err = error_of(&GOOD.replace("fees:", "services: [counseling]\nfees:"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:10:"),
        "{err}"
    );
    assert!(err.contains("did you mean `counselling`"), "{err}");
}

#[test]
fn province_not_in_the_list() {
    let err = error_of(&GOOD.replace("province: \"Đà Nẵng\"", "province: \"Quảng Nam\""));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:6:13"),
        "{err}"
    );
    assert!(
        err.contains("`Quảng Nam` is not one of the current provinces"),
        "{err}"
    );
    assert!(err.contains("merged into `Đà Nẵng`"), "{err}");
}

#[test]
fn invalid_phone_numbers() {
    for (bad, why) in [
        ("0235 385 212", "11 digits"),
        ("091 234 567", "10 digits"),
        ("0123 456 789", "neither a mobile prefix"),
        ("1800 123", "8 or 10 digits"),
        ("000 000 0001", "placeholder"),
    ] {
        let err = error_of(&GOOD.replace("0235 3852 123", bad));
        assert!(
            err.contains("content/facilities/thu-nghiem.yaml:9:13"),
            "{bad}: {err}"
        );
        assert!(err.contains(why), "{bad}: {err}");
    }
}

#[test]
fn plus_84_dots_and_spaces_are_accepted() {
    let (_d, out) = build_with(&GOOD.replace("0235 3852 123", "+84 235.3852.123"));
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn date_that_does_not_exist() {
    let err = error_of(&GOOD.replace("2026-10-01", "2026-02-29"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:11:"),
        "{err}"
    );
    assert!(err.contains("is not a date that exists"), "{err}");
}

#[test]
fn id_differs_from_file_name() {
    let err = error_of(&GOOD.replace("id: thu-nghiem", "id: thu-nghiem-2"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:1:5"),
        "{err}"
    );
    assert!(err.contains("differs from the file name"), "{err}");
}

#[test]
fn repeated_id() {
    let dir = site();
    write(dir.path(), "content/facilities/thu-nghiem.yaml", GOOD);
    write(
        dir.path(),
        "content/facilities/thu-nghiem-2.yaml",
        &GOOD.replace("id: thu-nghiem", "id: thu-nghiem-2"),
    );
    write(dir.path(), "content/facilities/thu-nghiem-3.yaml", GOOD);
    let out = minh(&["build"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("content/facilities/thu-nghiem-3.yaml:1:5"),
        "{err}"
    );
}

#[test]
fn stale_listing_is_a_warning_and_said_on_the_page() {
    let (dir, out) = build_with(&GOOD.replace("2026-10-01", "2025-01-15"));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml: warning[stale-listing]"),
        "{err}"
    );
    let html = std::fs::read_to_string(dir.path().join("public/en/services/thu-nghiem/index.html"))
        .expect("page");
    assert!(
        html.contains("has not been verified since 15 January 2025"),
        "{html}"
    );
}

#[test]
fn sample_records_say_so_and_have_no_tel_link() {
    let yaml = GOOD
        .replace("sample: false", "sample: true")
        .replace("0235 3852 123", "000 000 0001");
    let (dir, out) = build_with(&yaml);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("public/vi/co-so/thu-nghiem/index.html"))
        .expect("page");
    assert!(html.contains("Bản ghi mẫu"), "sample notice");
    assert!(!html.contains("tel:000"), "no tel link for a placeholder");
}
