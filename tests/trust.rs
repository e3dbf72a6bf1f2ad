//! Trust: every fact traceable to its source. The real site's records say how they are known and
//! that nobody verified them, inferred facts are marked, pages describing the directory take their
//! figures from the records, the header offers help lines only, and the checking page exists.

mod common;
use common::*;
use std::path::Path;

fn read(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The header's "call now" box of a page.
fn header_box(html: &str) -> &str {
    let start = html.find("class=\"hotlines\"").expect("a hotlines box");
    let rest = &html[start..];
    &rest[..rest.find("</div>").expect("box end")]
}

#[test]
fn the_real_site_states_each_records_basis_and_no_false_verification() {
    let (_out, public) = built_real_site();
    for id in [
        "quang-nam-co-so-cai-nghien-ma-tuy",
        "quang-tri-don-nguyen-dieu-tri-methadone",
        "quang-tri-trung-tam-kiem-soat-benh-tat",
        "quang-tri-tt-bao-tro-xa-hoi-tong-hop-1",
        "thanh-hoa-tram-y-te-xa-hoang-xuan",
    ] {
        let page = read(&public, &format!("en/services/{id}/index.html"));
        // The record's own part of the page; the page history below it has dates of its own.
        let html = page
            .split("<section class=\"history\"")
            .next()
            .unwrap_or(&page)
            .to_string();
        assert!(html.contains("Not verified: nobody has checked"), "{id}");
        assert!(
            !html.contains("<time datetime=\"2026-11-25\""),
            "{id}: no verified date"
        );
        assert!(
            html.contains("Named in the plan: <a href=\"/en/plans/"),
            "{id}"
        );
        assert!(
            !html.contains("Police director") && !html.contains("In law:"),
            "{id}: no announced wording on a plan-named record"
        );
    }
    let quang_nam = read(
        &public,
        "en/services/quang-nam-co-so-cai-nghien-ma-tuy/index.html",
    );
    assert!(quang_nam.contains("Hiệp Đức <small class=\"inferred\">(inferred)</small>"));
    let tan_chau = read(&public, "vi/ke-hoach/tan-chau-73-kh-ubnd-2022/index.html");
    assert!(
        tan_chau.contains("tỉnh Tây Ninh <small class=\"inferred\">(suy luận)</small>"),
        "{tan_chau}"
    );
    let act = read(
        &public,
        "en/laws/kh-1060-kh-sldtbxh-tay-ninh-2022/index.html",
    );
    assert!(act.contains("Social Affairs <small class=\"inferred\">(inferred)</small>"));
}

#[test]
fn the_header_offers_help_lines_and_the_hotlines_page_keeps_113_with_its_purpose() {
    let (_out, public) = built_real_site();
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&public) {
        let e = e.expect("walk");
        if e.file_name() != "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).expect("page");
        if !html.contains("class=\"hotlines\"") {
            continue;
        }
        let header = header_box(&html);
        assert!(
            header.contains("href=\"tel:115\"") && header.contains("href=\"tel:111\""),
            "{}",
            e.path().display()
        );
        assert!(!header.contains("tel:113"), "{}", e.path().display());
        pages += 1;
    }
    assert!(pages > 100, "{pages} pages with the box");
    let hotlines = read(&public, "en/hotlines/index.html");
    assert!(hotlines.contains("tel:113"));
    assert!(hotlines.contains("Call the police in an emergency"));
}

#[test]
fn the_checking_page_exists_in_both_languages_with_generated_figures() {
    let (_out, public) = built_real_site();
    for (rel, words) in [
        (
            "en/pages/how-information-is-checked/index.html",
            [
                "5 real providers, in 3 provinces and cities.",
                "0 of these 5 have an act of an authority announcing them.",
                "0 of the 5 have been verified with the provider.",
                "12 of the 17 records are samples",
            ],
        ),
        (
            "vi/trang/cach-kiem-chung-thong-tin/index.html",
            [
                "5 cơ sở có thật, ở 3 tỉnh, thành phố.",
                "0 trong 5 cơ sở đó có văn bản công bố",
                "0 trong 5 đã được kiểm chứng với cơ sở.",
                "12 trong 17 bản ghi là bản ghi mẫu",
            ],
        ),
    ] {
        let html = read(&public, rel);
        for w in words {
            assert!(html.contains(w), "{rel}: {w}");
        }
        assert!(html.contains("class=\"reviews\""), "{rel}: review dates");
        assert!(
            html.contains("href=\"mailto:"),
            "{rel}: how to report a mistake"
        );
    }
    for rel in [
        "vi/trang/cai-nghien-tu-nguyen-hien-nay/index.html",
        "en/pages/about/index.html",
        "en/pages/open-data/index.html",
    ] {
        assert!(
            read(&public, rel).contains("class=\"directory-facts\""),
            "{rel}"
        );
    }
}

/// A provider record with the given basis and verification lines.
fn provider(id: &str, province: &str, basis: &str, extra: &str) -> String {
    format!("id: {id}\nbasis: {basis}\nname: \"Cơ sở {id}\"\nkind: methadone\naddress:\n  province: \"{province}\"\n{extra}")
}

#[test]
fn directory_figures_follow_the_records() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/laws/qd-1-cat.vi.md",
        "---\ntitle: \"Quyết định công bố danh sách\"\nnumber: \"1/QĐ-CAT\"\nkind: decision\nissuer: \"Công an tỉnh\"\nsummary: \"Danh sách.\"\n---\n\nDanh sách.\n",
    );
    write(
        root,
        "content/facilities/a.yaml",
        &provider(
            "a",
            "Đà Nẵng",
            "{announced: {act: qd-1-cat, date: 2026-01-05}}",
            "phones:\n  - number: \"0235 3852 123\"\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n",
        ),
    );
    write(
        root,
        "content/facilities/b.yaml",
        &provider("b", "Đà Nẵng", "{plan: ke-hoach-thu}", ""),
    );
    write(
        root,
        "content/facilities/c.yaml",
        &provider("c", "Huế", "{plan: ke-hoach-thu}", ""),
    );
    write(
        root,
        "content/facilities/d.yaml",
        &provider(
            "d",
            "Hà Nội",
            "sample",
            "phones:\n  - number: \"000 000 0001\"\n",
        ),
    );
    write(
        root,
        "content/pages/danh-ba.vi.md",
        "---\ntitle: \"Danh bạ\"\ndirectory: true\n---\n\nDanh bạ.\n",
    );
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&root.join("public"), "vi/trang/danh-ba/index.html");
    for w in [
        "3 cơ sở có thật, ở 2 tỉnh, thành phố.",
        "1 trong 3 cơ sở đó có văn bản công bố",
        "2 trong 3 chỉ có tên trong một kế hoạch",
        "1 trong 3 đã được kiểm chứng với cơ sở.",
        "1 trong 3 có số điện thoại.",
        "1 trong 4 bản ghi là bản ghi mẫu",
    ] {
        assert!(html.contains(w), "{w}: {html}");
    }
    let announced = read(&root.join("public"), "vi/co-so/a/index.html");
    assert!(
        announced.contains("Được công bố trong: <a href=\"/vi/van-ban/qd-1-cat/\">Quyết định công bố danh sách</a>, 5/1/2026"),
        "{announced}"
    );
}

#[test]
fn an_unknown_act_or_inferred_plan_field_fails_with_the_fix() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/facilities/a.yaml",
        &provider(
            "a",
            "Đà Nẵng",
            "{announced: {act: qd-9-cat, date: 2026-01-05}}",
            "",
        ),
    );
    let plan =
        std::fs::read_to_string(root.join("content/plans/ke-hoach-thu.vi.md")).expect("plan");
    write(
        root,
        "content/plans/ke-hoach-thu.vi.md",
        &plan.replacen("summary:", "inferred: [area.provinc]\nsummary:", 1),
    );
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/facilities/a.yaml:2:26"), "{err}");
    assert!(err.contains("no act `qd-9-cat` in content/laws/"), "{err}");
    assert!(
        err.contains("content/plans/ke-hoach-thu.vi.md:8:12"),
        "{err}"
    );
    assert!(err.contains("did you mean `area.province`"), "{err}");
}
