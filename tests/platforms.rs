//! Files as other computers write them: Windows line endings (CRLF), names with diacritics, and
//! names in NFD (as macOS writes them) all build, link and report errors at the right place.

mod common;
use common::*;

const PLAN: &str = "---\ntitle: \"Kế hoạch Tiền Giang\"\nissuer: \"UBND tỉnh Tiền Giang\"\nissued: 2021-03-15\nperiod: {from: 2021, to: 2025}\narea: {level: province, province: \"Tiền Giang\", current_province: \"Đồng Tháp\"}\nsummary: \"Tóm tắt.\"\n---\n\n## I. Mục đích\n\nXem [trang](@/pages/giới-thiệu-mới).\n";

const PAGE: &str = "---\ntitle: \"Giới thiệu mới\"\n---\n\nNội dung.\n";

fn crlf(s: &str) -> String {
    s.replace('\n', "\r\n")
}

#[test]
fn windows_line_endings_build_and_errors_keep_their_line() {
    let dir = site();
    let root = dir.path();
    write(root, "content/plans/tien-giang.vi.md", &crlf(PLAN));
    write(root, "content/pages/giới-thiệu-mới.vi.md", &crlf(PAGE));
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(root.join("public/vi/ke-hoach/tien-giang/index.html"))
        .expect("plan page");
    assert!(html.contains("Kế hoạch Tiền Giang"), "title without \\r");
    assert!(!html.contains('\r'), "no carriage return reaches the page");
    assert!(
        html.contains("/vi/trang/gioi-thieu-moi/"),
        "the link to the page with diacritics"
    );
    write(
        root,
        "content/plans/tien-giang.vi.md",
        &crlf(&PLAN.replace("issued: 2021-03-15", "issued: 15/3/2021")),
    );
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/plans/tien-giang.vi.md:4:"), "{err}");
    assert!(err.contains("`issued: 2021-03-15`"), "{err}");
    assert!(
        !err.contains('\r'),
        "no carriage return in messages: {err:?}"
    );
}

#[test]
fn a_record_with_windows_line_endings_reports_its_line() {
    let dir = site();
    let root = dir.path();
    let record = "id: thu-nghiem\nbasis: {plan: ke-hoach-thu}\nname: {vi: \"Cơ sở thử\", en: \"Test facility\"}\nkind: tự nguyện công lập\naddress:\n  province: \"Đà Nẵng\"\nphones:\n  - number: \"0235 3852 123\"\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n";
    write(root, "content/facilities/thu-nghiem.yaml", &crlf(record));
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/facilities/thu-nghiem.yaml:4:"),
        "{err}"
    );
    assert!(err.contains("`kind: voluntary_public`"), "{err}");
    assert!(!err.contains('\r'), "{err:?}");
}

#[test]
fn file_names_in_nfd_link_and_build_like_nfc_ones() {
    use unicode_normalization::UnicodeNormalization;
    let dir = site();
    let root = dir.path();
    let nfd: String = "giới-thiệu-mới".nfd().collect();
    assert_ne!(nfd, "giới-thiệu-mới");
    write(root, &format!("content/pages/{nfd}.vi.md"), PAGE);
    write(root, "content/plans/tien-giang.vi.md", PLAN);
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root
        .join("public/vi/trang/gioi-thieu-moi/index.html")
        .exists());
    let html = std::fs::read_to_string(root.join("public/vi/ke-hoach/tien-giang/index.html"))
        .expect("plan page");
    assert!(
        html.contains("/vi/trang/gioi-thieu-moi/"),
        "the NFC link finds the NFD file"
    );
}
