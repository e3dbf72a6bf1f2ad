//! Unicode at the door: decomposed (NFD) text, as pasted from PDF and Word files, is read as NFC
//! everywhere (output, provinces, slugs, search) and each file written that way is named.

mod common;
use common::*;
use unicode_normalization::UnicodeNormalization;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

const PLAN: &str = "---\ntitle: \"Kế hoạch cai nghiện ma túy tỉnh Thanh Hóa\"\nissuer: \"Ủy ban nhân dân tỉnh Thanh Hóa\"\nperiod: {from: 2024, to: 2025}\narea: {level: province, province: \"Thanh Hóa\", current_province: \"Thanh Hóa\"}\nsummary: \"Điều trị, hỗ trợ người nghiện ma túy trở về cộng đồng.\"\n---\n\n## Mục tiêu\n\nTăng số người được điều trị thay thế bằng thuốc Methadone.\n";

const FACILITY: &str = "id: tram-y-te-thu\nbasis: {plan: ke-hoach-thanh-hoa}\nname: {vi: \"Trạm Y tế xã Hoằng Xuân\", en: \"Hoằng Xuân Commune Health Station\"}\nkind: community\naddress:\n  province: \"Thanh Hóa\"\n  former_province: \"Thanh Hóa\"\n  former_district: \"Hoằng Hóa\"\n";

#[test]
fn a_site_written_in_nfd_builds_in_nfc_and_each_file_is_named() {
    let dir = site();
    let root = dir.path();
    assert_ne!(nfd(PLAN), PLAN, "the fixture really is decomposed");
    write(root, "content/plans/ke-hoach-thanh-hoa.vi.md", &nfd(PLAN));
    write(
        root,
        "content/facilities/tram-y-te-thu.yaml",
        &nfd(FACILITY),
    );
    let page_name = nfd("content/pages/hỏi-đáp.vi.md");
    write(
        root,
        &page_name,
        &nfd("---\ntitle: \"Hỏi đáp\"\n---\n\nNgười nghiện ma túy có thể đăng ký cai nghiện tự nguyện.\n"),
    );
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "the province written in NFD is found: {err}"
    );
    assert!(
        !err.contains("is not one of the current provinces"),
        "{err}"
    );
    for file in [
        "content/plans/ke-hoach-thanh-hoa.vi.md:2:1: warning[not-nfc]",
        "content/facilities/tram-y-te-thu.yaml:3:1: warning[not-nfc]",
    ] {
        assert!(err.contains(file), "{file}: {err}");
    }
    assert!(
        err.lines()
            .any(|l| l.contains("warning[not-nfc]") && l.contains("content/pages/h")),
        "the page whose name is NFD is named: {err}"
    );
    assert_eq!(err.matches("warning[not-nfc]").count(), 3, "{err}");

    let public = root.join("public");
    let mut checked = 0;
    for e in walkdir::WalkDir::new(&public) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(&public).expect("inside");
        let name = rel.to_string_lossy();
        assert_eq!(name.nfc().collect::<String>(), name, "output path {name}");
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).expect("read");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        assert!(
            text.nfc().eq(text.chars()),
            "{name} is not NFC: {:?}",
            text.lines().find(|l| !l.nfc().eq(l.chars()))
        );
        checked += 1;
    }
    assert!(checked > 30, "checked {checked} text files");

    let plan = std::fs::read_to_string(public.join("vi/ke-hoach/ke-hoach-thanh-hoa/index.html"))
        .expect("plan page");
    assert!(plan.contains("<h1>Kế hoạch cai nghiện ma túy tỉnh Thanh Hóa</h1>"));
    assert!(
        public.join("vi/trang/hoi-dap/index.html").exists(),
        "slug from the NFD file name"
    );
    let feed = std::fs::read_to_string(public.join("vi/atom.xml")).expect("feed");
    assert!(
        feed.contains("Kế hoạch cai nghiện ma túy tỉnh Thanh Hóa"),
        "{feed}"
    );
}
