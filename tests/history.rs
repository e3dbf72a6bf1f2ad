//! Change history from git: dates, notes, minor commits, change_note, renames, deletions, plan
//! versions and comparisons, removed providers, recent changes; no committer's identity in the output;
//! a copy without `.git` and a shallow clone still build. The repository is made here with `git`,
//! with explicit dates (minh itself reads it with gix, no `git` program).

mod common;
use common::githistory::*;
use common::*;
use std::path::Path;
use std::process::Command;

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn build(root: &Path) {
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The history block of a page.
fn history_block(html: &str) -> &str {
    let start = html.find("class=\"history\"").expect("history block");
    let end = html[start..].find("</section>").expect("end") + start;
    &html[start..end]
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn dates_notes_minor_change_note_rename_and_translations() {
    assert!(
        git_available(),
        "the test needs the git program to make its repository"
    );
    let dir = make_history();
    let root = dir.path();
    build(root);
    let vi = read(root, "vi/ke-hoach/ke-hoach-thu/index.html");
    let h = history_block(&vi);
    assert!(
        h.contains("Đăng lần đầu</dt><dd><time datetime=\"2024-01-10\">10/1/2024</time>"),
        "{h}"
    );
    assert!(
        h.contains("Cập nhật lần cuối</dt><dd><time datetime=\"2024-04-01\">1/4/2024</time>"),
        "the minor commit moves the date: {h}"
    );
    assert!(
        h.contains("5/3/2024</time>: Điều chỉnh chỉ tiêu kế hoạch"),
        "{h}"
    );
    assert!(
        !h.contains("Sửa lỗi chính tả"),
        "a minor commit has no note: {h}"
    );
    assert!(h.contains("Văn phòng Sở"), "the office from site.yaml: {h}");
    // The English translation keeps its own history: only its publication.
    let en = read(root, "en/plans/ke-hoach-thu/index.html");
    let h = history_block(&en);
    assert!(
        h.contains("Last updated</dt><dd><time datetime=\"2024-01-10\">"),
        "{h}"
    );
    assert!(!h.contains("Plan target amended"), "{h}");
    // Versions are those of the official (default-language) text, linked from every translation.
    assert!(h.contains("href=\"/en/plans/ke-hoach-thu/v1-v2/\""), "{h}");
    let v1 = read(root, "en/plans/ke-hoach-thu/v1/index.html");
    assert!(
        v1.contains("<div class=\"prose\" lang=\"vi\">"),
        "the Vietnamese text is marked: {v1}"
    );
    assert!(
        v1.contains(
            "hreflang=\"vi\" href=\"https://minh.example.org/vi/ke-hoach/ke-hoach-thu/v1/\""
        ),
        "{v1}"
    );
    // A provider: the note from `change_note`, in each language, and what changed.
    let f = read(root, "vi/co-so/thu-nghiem/index.html");
    let h = history_block(&f);
    assert!(
        h.contains("20/5/2024</time>: Cập nhật số điện thoại. đã thay đổi: Điện thoại"),
        "{h}"
    );
    assert!(
        !h.contains("chore"),
        "change_note wins over the commit message: {h}"
    );
    assert!(
        h.contains("Phòng Phòng chống tệ nạn xã hội"),
        "office by path: {h}"
    );
    let f = read(root, "en/services/thu-nghiem/index.html");
    assert!(
        history_block(&f).contains("Phone number updated. changed: Phone"),
        "{f}"
    );
    // A renamed page keeps its first publication date.
    let p = read(root, "vi/trang/cach-tim/index.html");
    let h = history_block(&p);
    assert!(
        h.contains("Đăng lần đầu</dt><dd><time datetime=\"2024-01-10\">"),
        "{h}"
    );
    assert!(
        h.contains("15/6/2024</time>: Đổi tên trang hướng dẫn"),
        "{h}"
    );
    // Pages made from content only in the maintenance commit show no developer message.
    assert!(!vi.contains("Set up the theme"));
}

#[test]
fn plan_versions_and_word_comparison() {
    let dir = make_history();
    let root = dir.path();
    build(root);
    let vi = read(root, "vi/ke-hoach/ke-hoach-thu/index.html");
    let h = history_block(&vi);
    for link in [
        "href=\"/vi/ke-hoach/ke-hoach-thu/v1/\"",
        "href=\"/vi/ke-hoach/ke-hoach-thu/v2/\"",
        "href=\"/vi/ke-hoach/ke-hoach-thu/v1-v2/\"",
        "href=\"/vi/ke-hoach/ke-hoach-thu/v2-v3/\"",
    ] {
        assert!(h.contains(link), "{link} in {h}");
    }
    assert!(
        !h.contains("/v3/\""),
        "the current version is the page itself: {h}"
    );
    let v1 = read(root, "vi/ke-hoach/ke-hoach-thu/v1/index.html");
    assert!(
        v1.contains("Chỉ tiêu thử: 80 % (2024)"),
        "the targets of version 1"
    );
    assert!(
        !v1.contains("Bảo đảm người nghiện"),
        "version 1 is the text before the change"
    );
    let cmp = read(root, "vi/ke-hoach/ke-hoach-thu/v1-v2/index.html");
    assert!(cmp.contains("<del><span class=\"vh\">[bỏ: </span>80<span class=\"vh\">]</span></del><ins><span class=\"vh\">[thêm: </span>90<span class=\"vh\">]</span></ins>"), "{cmp}");
    // Whole syllables: "yêu cầu" is inserted as words, never as letters inside "Mục đích".
    assert!(
        cmp.contains("Mục đích<ins><span class=\"vh\">[thêm: </span> và yêu cầu"),
        "{cmp}"
    );
    let cmp2 = read(root, "vi/ke-hoach/ke-hoach-thu/v2-v3/index.html");
    assert!(cmp2.contains("[thêm: </span>, miễn phí"), "{cmp2}");
    assert!(cmp2.contains("thêm 2 từ, bỏ 0 từ"), "{cmp2}");
}

#[test]
fn removed_provider_recent_changes_feed_and_no_personal_data() {
    let dir = make_history();
    let root = dir.path();
    build(root);
    let gone = read(root, "vi/co-so/sap-dong/index.html");
    assert!(gone.contains("Cơ sở Sắp Đóng đã được gỡ khỏi danh bạ ngày <time datetime=\"2024-07-01\">1/7/2024</time>. Cơ sở Sắp Đóng ngừng hoạt động"), "{gone}");
    assert!(
        gone.contains("href=\"/vi/co-so/\""),
        "where to look instead"
    );
    assert!(read(root, "en/services/sap-dong/index.html").contains("removed from the directory"));
    // A commit subject without a language trailer is a note for every language, written in the
    // default language: on an English page it is marked as Vietnamese; on a Vietnamese one not.
    let note = "Cơ sở Sắp Đóng ngừng hoạt động";
    assert!(
        read(root, "en/services/sap-dong/index.html")
            .contains(&format!("<span lang=\"vi\">{note}</span>")),
        "the note marked on the English removal page"
    );
    assert!(
        read(root, "en/changes/index.html").contains(&format!("<p lang=\"vi\">{note}</p>")),
        "marked in the English list of changes"
    );
    assert!(
        read(root, "en/changes/atom.xml")
            .contains(&format!("<summary xml:lang=\"vi\">{note}</summary>")),
        "marked in the English feed"
    );
    assert!(read(root, "vi/thay-doi/index.html").contains(&format!("<p>{note}</p>")));
    assert!(read(root, "vi/thay-doi/atom.xml").contains(&format!("<summary>{note}</summary>")));
    for (lang, slug) in [("vi", "thay-doi"), ("en", "changes")] {
        let page = read(root, &format!("{lang}/{slug}/index.html"));
        let feed = read(root, &format!("{lang}/{slug}/atom.xml"));
        roxmltree::Document::parse(&feed).expect("the feed is XML");
        assert!(feed.contains("<entry>"), "{feed}");
        if lang == "vi" {
            let first = page
                .find("Cơ sở Sắp Đóng ngừng hoạt động")
                .expect("removal listed");
            let older = page
                .find("Điều chỉnh chỉ tiêu kế hoạch")
                .expect("plan change listed");
            assert!(first < older, "newest first");
            assert!(
                !page.contains("Sửa lỗi chính tả"),
                "minor changes are not listed"
            );
        } else {
            assert!(
                page.contains("Plan target amended") || page.contains("Phone number updated"),
                "{page}"
            );
        }
    }
    // No committer's name or e-mail anywhere in the output.
    let mut files = 0;
    for e in walkdir::WalkDir::new(root.join("public")) {
        let e = e.expect("walk");
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for secret in [COMMITTER, EMAIL, "Bí Mật", "bimat", "so-y-te.example.vn"] {
            assert!(!text.contains(secret), "{secret} in {}", e.path().display());
        }
        files += 1;
    }
    assert!(files > 50, "checked {files} files");
}

#[test]
fn cache_gives_the_same_site_and_follows_new_commits() {
    let dir = make_history();
    let root = dir.path();
    build(root);
    let cache = root.join(".git/minh");
    assert!(
        cache.is_dir(),
        "the cache lives in the git folder, not in the site or its output"
    );
    let first = read(root, "vi/thay-doi/index.html");
    build(root);
    assert_eq!(
        first,
        read(root, "vi/thay-doi/index.html"),
        "same site from the cache"
    );
    // A new commit: read from the cache plus the new commit, then cold; same pages.
    write(
        root,
        "content/pages/moi.vi.md",
        "---\ntitle: \"Trang mới\"\n---\n\nMới.\n",
    );
    commit(root, "2024-08-08", "Thêm trang mới");
    build(root);
    let warm = read(root, "vi/thay-doi/index.html");
    assert!(warm.contains("Thêm trang mới"), "{warm}");
    std::fs::remove_dir_all(&cache).expect("drop cache");
    build(root);
    assert_eq!(
        warm,
        read(root, "vi/thay-doi/index.html"),
        "incremental read = cold read"
    );
    assert!(!root.join("public/.git").exists() && !root.join("public/minh").exists());
}

#[test]
fn a_copy_without_git_builds_and_says_history_is_unavailable() {
    let dir = make_history();
    let copy = tempfile::tempdir().expect("tempdir");
    for e in walkdir::WalkDir::new(dir.path()) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(dir.path()).expect("prefix");
        if rel.starts_with(".git") || rel.starts_with("public") {
            continue;
        }
        let dest = copy.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
    build(copy.path());
    let p = read(copy.path(), "vi/ke-hoach/ke-hoach-thu/index.html");
    assert!(p.contains("Không có lịch sử của trang này"), "{p}");
    assert!(read(copy.path(), "en/changes/index.html")
        .contains("The history of this page is not available"));
}

#[test]
fn a_shallow_clone_says_where_history_starts() {
    let dir = make_history();
    let clone = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", dir.path().display());
    let target = clone.path().join("site");
    git(
        clone.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "2",
            &url,
            target.to_str().expect("utf-8 path"),
        ],
        "2024-09-01",
    );
    build(&target);
    let p = read(&target, "vi/ke-hoach/ke-hoach-thu/index.html");
    let h = history_block(&p);
    assert!(h.contains("Lịch sử được lưu từ ngày 15/6/2024"), "{h}");
    assert!(
        !h.contains("10/1/2024"),
        "nothing before the clone's depth is claimed: {h}"
    );
    let f = read(&target, "vi/trang/cach-tim/index.html");
    assert!(history_block(&f).contains("15/6/2024"), "{f}");
}

#[test]
fn messages_before_notes_since_are_not_public_notes() {
    assert!(
        git_available(),
        "the test needs the git program to make its repository"
    );
    let dir = make_history();
    let root = dir.path();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "  slug: {vi: thay-doi, en: changes}\n",
        "  slug: {vi: thay-doi, en: changes}\n  notes_since: 2024-04-01\n",
    );
    assert!(yaml.contains("notes_since"), "{yaml}");
    std::fs::write(root.join("site.yaml"), yaml).unwrap();
    build(root);
    let vi = read(root, "vi/ke-hoach/ke-hoach-thu/index.html");
    let h = history_block(&vi);
    assert!(
        !h.contains("Điều chỉnh chỉ tiêu kế hoạch"),
        "a message from before notes_since is no note: {h}"
    );
    assert!(
        h.contains("Cập nhật lần cuối</dt><dd><time datetime=\"2024-04-01\">1/4/2024</time>"),
        "the dates stay: {h}"
    );
    // Messages from that day on still are notes; change_note fields always are.
    let p = read(root, "vi/trang/cach-tim/index.html");
    assert!(
        history_block(&p).contains("15/6/2024</time>: Đổi tên trang hướng dẫn"),
        "{p}"
    );
    let f = read(root, "vi/co-so/thu-nghiem/index.html");
    assert!(history_block(&f).contains("Cập nhật số điện thoại"), "{f}");
}
