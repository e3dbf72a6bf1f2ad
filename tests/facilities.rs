//! Provider records: each validation error names file, line and column and says how to fix it; pages and open data.

mod common;
use common::*;

const GOOD: &str = "id: thu-nghiem\nbasis: {plan: ke-hoach-thu}\nname: {vi: \"Cơ sở thử\", en: \"Test facility\"}\nkind: voluntary_public\naddress:\n  province: \"Đà Nẵng\"\n  former_province: \"Quảng Nam\"\nphones:\n  - number: \"0235 3852 123\"\nfees: {free: true}\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n";

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
    let json = std::fs::read_to_string(dir.path().join("public/data/hsds/vi/services.json"))
        .expect("json");
    assert!(json.contains("\"state_province\": \"Đà Nẵng\""), "{json}");
    assert!(json.contains("\"number\": \"+842353852123\""), "{json}");
    let csv =
        std::fs::read_to_string(dir.path().join("public/data/hsds/vi/services.csv")).expect("csv");
    assert!(
        csv.lines()
            .next()
            .unwrap_or("")
            .starts_with("id,organization_id,program_id,name"),
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
        .replace("basis: {plan: ke-hoach-thu}", "basis: sample")
        .replace("0235 3852 123", "000 000 0001");
    let (dir, out) = build_with(&yaml);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("public/vi/co-so/thu-nghiem/index.html"))
        .expect("page");
    assert!(html.contains("Bản ghi mẫu"), "sample notice");
    assert!(!html.contains("tel:000"), "no tel link for a placeholder");
}

/// The English page of the test record.
fn page_en(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("public/en/services/thu-nghiem/index.html"))
        .expect("page")
}

#[test]
fn a_verification_date_without_who_checked_fails_with_the_fix() {
    for (yaml, line) in [
        (
            GOOD.replace(", by: \"Nhóm biên tập\"", ""),
            "content/facilities/thu-nghiem.yaml:11:",
        ),
        (
            GOOD.replace(
                "verification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}",
                "last_verified: 2026-10-01",
            ),
            "content/facilities/thu-nghiem.yaml:11:16",
        ),
    ] {
        let err = error_of(&yaml);
        assert!(err.contains(line), "{err}");
        assert!(err.contains("incomplete-verification"), "{err}");
        assert!(
            err.contains("write `verification: {date: YYYY-MM-DD, by:"),
            "the fix shows the whole structure: {err}"
        );
    }
    let err = error_of(&GOOD.replace(", method: phone_call", ""));
    assert!(err.contains("does not say how it was checked"), "{err}");
}

#[test]
fn a_record_nobody_checked_says_not_verified_and_shows_no_date() {
    let yaml = GOOD.replace(
        "verification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n",
        "",
    );
    let (dir, out) = build_with(&yaml);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml: warning[unverified-listing]"),
        "{err}"
    );
    let html = page_en(&dir);
    assert!(html.contains("Not verified: nobody has checked"), "{html}");
    assert!(!html.contains("<time"), "no verified date: {html}");
    let csv =
        std::fs::read_to_string(dir.path().join("public/data/hsds/en/services.csv")).expect("csv");
    assert!(!csv.contains("2026-"), "no date in open data either: {csv}");
    let json = std::fs::read_to_string(dir.path().join("public/data/hsds/en/services.json"))
        .expect("json");
    assert!(!json.contains("assured_date"), "{json}");
    assert!(
        json.contains("\"code\": \"minh-record:not_verified\""),
        "{json}"
    );
    assert!(
        json.contains("\"alert\": \"These details have not been verified"),
        "{json}"
    );

    let (dir, out) = build_with(GOOD);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = page_en(&dir);
    assert!(
        html.contains("<time datetime=\"2026-10-01\">1 October 2026</time>, Nhóm biên tập, phone call to the provider"),
        "{html}"
    );
}

#[test]
fn only_an_announced_record_carries_the_kinds_legal_wording() {
    let legal = "the provincial Police director publishes the list";
    let community = GOOD.replace("voluntary_public", "community");
    let (dir, out) = build_with(&community);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = page_en(&dir);
    assert!(!html.contains(legal), "a plan-named record: {html}");
    assert!(html.contains("Named in the plan: <a href=\"/en/"), "{html}");

    let announced = community.replace(
        "basis: {plan: ke-hoach-thu}",
        "basis: {announced: {source: {name: \"Quyết định 12/QĐ-CAT\"}, date: 2026-01-05, issuer: {vi: \"Công an tỉnh\", en: \"Provincial Police\"}}}",
    );
    let (dir, out) = build_with(&announced);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = page_en(&dir);
    assert!(html.contains(legal), "{html}");
    assert!(
        html.contains("Announced in: Quyết định 12/QĐ-CAT, Provincial Police, 5 January 2026"),
        "{html}"
    );

    let err = error_of(&community.replace(
        "basis: {plan: ke-hoach-thu}",
        "basis: {announced: {date: 2026-01-05}}",
    ));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:2:"),
        "{err}"
    );
    assert!(err.contains("announced but not where"), "{err}");
    assert!(
        err.contains("act: <id of the act's page in content/laws/>"),
        "{err}"
    );
}

#[test]
fn the_plan_a_record_is_named_in_must_exist() {
    let err = error_of(&GOOD.replace("ke-hoach-thu", "ke-hoach-thuu"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:2:15"),
        "{err}"
    );
    assert!(
        err.contains("no plan `ke-hoach-thuu` in content/plans/"),
        "{err}"
    );
    assert!(err.contains("did you mean `ke-hoach-thu`"), "{err}");
}

#[test]
fn inferred_fields_are_marked_beside_them() {
    let yaml = GOOD.replace(
        "  former_province: \"Quảng Nam\"\n",
        "  former_province: \"Quảng Nam\"\n  former_district: \"Hiệp Đức\"\n",
    ) + "inferred: [address.former_district]\n";
    let (dir, out) = build_with(&yaml);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = page_en(&dir);
    assert!(
        html.contains("Hiệp Đức <small class=\"inferred\">(inferred)</small>"),
        "{html}"
    );
    assert!(html.contains("Inferred by the editors"), "{html}");

    let err = error_of(&(GOOD.to_string() + "inferred: [address.former_distric]\n"));
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:12:12"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `address.former_district`"),
        "{err}"
    );
}
