//! `minh new`: each kind lands in the right place as a draft that builds as is, and bad names or
//! existing files are refused.

mod common;

use common::{minh, site, stderr};

#[test]
fn new_files_build_as_drafts_and_stay_out_of_the_site() {
    let site = site();
    let root = site.path();
    for (kind, path) in [
        ("plan", "content/plans/ke-hoach-moi.vi.md"),
        ("facility", "content/facilities/ke-hoach-moi.yaml"),
        ("update", "content/updates/ke-hoach-moi.vi.md"),
        ("page", "content/pages/ke-hoach-moi.vi.md"),
    ] {
        let o = minh(&["new", kind, "ke-hoach-moi"], root);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let text = std::fs::read_to_string(root.join(path)).expect(path);
        assert!(text.contains("draft: true"), "{path}");
        assert!(
            text.contains("2026-11-25") || kind == "page",
            "{path} has today's date"
        );
        assert!(
            text.contains("# ") && text.contains(" / "),
            "{path} explains its fields"
        );
    }
    let out = root.join("public");
    let o = minh(&["build", "--drafts"], root);
    assert!(o.status.success(), "build --drafts: {}", stderr(&o));
    assert!(out.join("vi/ke-hoach/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/tin-tuc/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/trang/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/co-so/ke-hoach-moi/index.html").exists());
    let o = minh(&["build"], root);
    assert!(o.status.success(), "build: {}", stderr(&o));
    assert!(!out.join("vi/ke-hoach/ke-hoach-moi").exists());
    assert!(!out.join("vi/tin-tuc/ke-hoach-moi").exists());
    assert!(!out.join("vi/trang/ke-hoach-moi").exists());
    assert!(!out.join("vi/co-so/ke-hoach-moi").exists());
    let o = minh(&["check"], root);
    assert!(o.status.success(), "check: {}", stderr(&o));
}

#[test]
fn refuses_bad_names_and_existing_files() {
    let site = site();
    let root = site.path();
    let o = minh(&["new", "plan", "Kế hoạch Đồng Tháp"], root);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("ke-hoach-dong-thap"), "{}", stderr(&o));
    let o = minh(&["new", "plan", "ke-hoach-thu"], root);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let kept =
        std::fs::read_to_string(root.join("content/plans/ke-hoach-thu.vi.md")).expect("kept");
    assert!(kept.contains("Một kế hoạch để thử."));
}
