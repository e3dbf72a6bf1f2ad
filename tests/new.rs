//! `minh new`: each kind lands in the right place as a draft that builds as is, and bad names or
//! existing files are refused.

mod common;

use common::{minh, site, stderr, write};

#[test]
fn new_files_build_as_drafts_and_stay_out_of_the_site() {
    let site = site();
    let root = site.path();
    write(
        root,
        "content/laws/nd-116-2021-nd-cp.vi.md",
        "---\ntitle: \"Nghị định 116/2021/NĐ-CP\"\nnumber: \"116/2021/NĐ-CP\"\nkind: decree\nissuer: \"Chính phủ\"\nsummary: \"x\"\n---\n",
    );
    write(
        root,
        "content/laws/nd-116-2021-nd-cp.en.md",
        "---\ntitle: \"Decree 116/2021/ND-CP\"\nnumber: \"116/2021/NĐ-CP\"\nkind: decree\nissuer: \"Government\"\nsummary: \"x\"\n---\n",
    );
    for (kind, paths) in [
        (
            "plan",
            &[
                "content/plans/ke-hoach-moi.vi.md",
                "content/plans/ke-hoach-moi.en.md",
            ][..],
        ),
        ("facility", &["content/facilities/ke-hoach-moi.yaml"][..]),
        (
            "update",
            &[
                "content/updates/ke-hoach-moi.vi.md",
                "content/updates/ke-hoach-moi.en.md",
            ][..],
        ),
        (
            "page",
            &[
                "content/pages/ke-hoach-moi.vi.md",
                "content/pages/ke-hoach-moi.en.md",
            ][..],
        ),
        (
            "law",
            &[
                "content/laws/ke-hoach-moi.vi.md",
                "content/laws/ke-hoach-moi.en.md",
            ][..],
        ),
    ] {
        let o = minh(&["new", kind, "ke-hoach-moi"], root);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        for path in paths {
            assert!(
                stderr(&o).contains(path),
                "{kind} names {path}: {}",
                stderr(&o)
            );
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
            if kind != "facility" {
                assert!(
                    text.contains("[nd-116-2021-nd-cp]")
                        || text.contains("replaced_by: nd-116-2021-nd-cp"),
                    "{path}: the example act is a law of the site"
                );
            }
            if path.ends_with(".en.md") {
                assert!(
                    text.contains("(replace with"),
                    "{path} has English placeholders"
                );
            }
        }
    }
    let out = root.join("public");
    let o = minh(&["build", "--drafts"], root);
    assert!(o.status.success(), "build --drafts: {}", stderr(&o));
    assert!(out.join("vi/ke-hoach/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/tin-tuc/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/trang/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/co-so/ke-hoach-moi/index.html").exists());
    assert!(out.join("en/plans/ke-hoach-moi/index.html").exists());
    assert!(out.join("en/laws/ke-hoach-moi/index.html").exists());
    assert!(out.join("vi/van-ban/ke-hoach-moi/index.html").exists());
    let o = minh(&["build"], root);
    assert!(o.status.success(), "build: {}", stderr(&o));
    assert!(!out.join("vi/ke-hoach/ke-hoach-moi").exists());
    assert!(!out.join("vi/tin-tuc/ke-hoach-moi").exists());
    assert!(!out.join("vi/trang/ke-hoach-moi").exists());
    assert!(!out.join("vi/co-so/ke-hoach-moi").exists());
    assert!(!out.join("en/laws/ke-hoach-moi").exists());
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
    // Only the English file exists: nothing is written, not even the missing Vietnamese one.
    std::fs::remove_file(root.join("content/plans/ke-hoach-thu.vi.md")).expect("rm");
    let o = minh(&["new", "plan", "ke-hoach-thu"], root);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("content/plans/ke-hoach-thu.en.md"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("content/plans/ke-hoach-thu.vi.md").exists());
    let o = minh(&["new", "plan", "ke-hoach-thu", "--lang", "vi"], root);
    let err = stderr(&o);
    assert!(
        err.contains("lỗi[file-exists]") && err.contains("cách sửa:"),
        "{err}"
    );
    assert!(!err.contains("already exists"), "{err}");
    let o = minh(&["new", "page", "Trang Mới", "--lang", "vi"], root);
    let err = stderr(&o);
    assert!(
        err.contains("`trang-moi`") && err.contains("không dùng được"),
        "{err}"
    );
    let kept =
        std::fs::read_to_string(root.join("content/plans/ke-hoach-thu.en.md")).expect("kept");
    assert!(kept.contains("---"));
}
