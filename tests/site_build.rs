//! The real site builds on a fresh clone into a complete bilingual site with sitemap and feeds.

mod common;
use common::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    built_real_site()
}

#[test]
fn every_plan_in_both_languages_and_home_pages() {
    let (_t, public) = built();
    assert!(public.join("vi/index.html").exists());
    assert!(public.join("en/index.html").exists());
    let plans: Vec<_> = std::fs::read_dir(repo().join("content/plans"))
        .expect("plans")
        .filter_map(Result::ok)
        .collect();
    assert!(plans.len() >= 8, "four plans in two languages");
    for stem in [
        "tan-chau-73-kh-ubnd-2022",
        "hoang-xuan-cai-nghien-2021",
        "quang-nam-1737-kh-ubnd-2024",
        "quang-tri-cai-nghien-2022-2025",
    ] {
        for lang in ["vi", "en"] {
            let section = if lang == "vi" { "ke-hoach" } else { "plans" };
            let page = public.join(format!("{lang}/{section}/{stem}/index.html"));
            let html = std::fs::read_to_string(&page)
                .unwrap_or_else(|_| panic!("missing {}", page.display()));
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{stem} {lang}"
            );
            assert!(html.contains("hreflang=\"x-default\""), "{stem}");
            assert!(html.contains("class=\"lang-switch\""));
        }
    }
    let qn =
        std::fs::read_to_string(public.join("en/plans/quang-nam-1737-kh-ubnd-2024/index.html"))
            .expect("qn");
    assert!(
        qn.contains("Quảng Nam, now part of Đà Nẵng"),
        "the merger is said on the page"
    );
    let root = std::fs::read_to_string(public.join("index.html")).expect("root");
    assert!(
        root.contains("http-equiv=\"refresh\"") && root.contains("/vi/"),
        "root reaches vi without JS"
    );
}

#[test]
fn sitemap_lists_every_page_with_its_alternates() {
    let (_t, public) = built();
    let xml = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let html_pages = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html" && e.path().parent() != Some(public.as_path()))
        // Archived versions of a plan and their comparisons are not for search engines.
        .filter(|e| {
            !std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .contains("<meta name=\"robots\" content=\"noindex\">")
        })
        .count();
    assert_eq!(urls.len(), html_pages, "one <url> per page");
    for u in urls {
        let alts = u.children().filter(|n| n.has_tag_name("link")).count();
        assert_eq!(alts, 3, "vi, en and x-default alternates");
    }
}

#[test]
fn feeds_are_valid_atom() {
    let (_t, public) = built();
    for lang in ["vi", "en"] {
        let xml = std::fs::read_to_string(public.join(format!("{lang}/atom.xml"))).expect("feed");
        let doc = roxmltree::Document::parse(&xml).expect("feed is XML");
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for req in ["id", "title", "updated", "author"] {
            assert!(
                feed.children().any(|n| n.has_tag_name(req)),
                "feed needs <{req}>"
            );
        }
        let entries: Vec<_> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(entries.len() >= 5, "updates and plans");
        let mut last = String::from("9999");
        for e in entries {
            for req in ["id", "title", "updated", "link"] {
                assert!(
                    e.children().any(|n| n.has_tag_name(req)),
                    "entry needs <{req}>"
                );
            }
            let up = e
                .children()
                .find(|n| n.has_tag_name("updated"))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string();
            assert!(up <= last, "newest first");
            last = up;
        }
    }
}

#[test]
fn check_passes_on_the_real_site_and_writes_nothing() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["check", "--format", "json", "--root"])
        .arg(repo())
        .env("MINH_TODAY", "2026-11-25")
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let errors: Vec<_> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(o.status.success());
}

#[test]
fn check_finds_broken_links_and_anchors() {
    let dir = site();
    let root = dir.path();
    write(root, "content/pages/hong.vi.md", "---\ntitle: \"Hỏng\"\n---\n\nMột dòng.\n\n[đi](/vi/khong-ton-tai/) và [neo](/vi/trang/gioi-thieu/#khong-co).\n");
    let o = minh(&["check"], root);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("content/pages/hong.vi.md:7"), "{err}");
    assert!(err.contains("/vi/khong-ton-tai/"), "{err}");
    assert!(err.contains("#khong-co"), "{err}");
    assert!(!root.join("public").exists(), "check writes nothing");
}
