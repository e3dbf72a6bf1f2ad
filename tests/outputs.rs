//! Outputs that cannot collide and builds that never touch the previous site until the swap:
//! one owner per output path (static vs generated, static vs page), no write through a link shared
//! with the previous build, a rebuild over an existing site, the same checks in `minh serve`.

mod common;
use common::*;

use minh::build::{Incremental, Options};
use minh::date::Date;
use minh::render::Output;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: None,
        include_drafts: false,
        today: Date::parse("2026-11-25").expect("date"),
    }
}

/// Every file under `dir`, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix").to_path_buf();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// A second hard link to every file under `dir`, in `backup`: if anything writes into one of
/// `dir`'s files in place, its backup changes too.
fn link_all(dir: &Path, backup: &Path) {
    for (rel, _) in snapshot(dir) {
        let to = backup.join(&rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::hard_link(dir.join(&rel), to).expect("hard link");
    }
}

/// What sits beside `public/` other than itself (staging or old folders left behind).
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        // What minh keeps beside the output on purpose: the stamp, the output manifest, the
        // graph, the search index's work, the site before the one in place and its manifest.
        .filter(|n| {
            ![
                ".public.minh-inputs",
                ".public.minh-outputs",
                ".public.minh-graph",
                ".public.minh-search",
                ".public.minh-spare",
                ".public.minh-spare-outputs",
            ]
            .contains(&n.as_str())
        })
        .collect()
}

#[test]
fn a_static_file_colliding_with_a_generated_one_fails_naming_both() {
    let site = site();
    let first = minh(&["build"], site.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&site.path().join("public"));

    write(
        site.path(),
        "static/robots.txt",
        "User-agent: *\nDisallow: /\n",
    );
    let o = minh(&["build"], site.path());
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("output-collision"), "{err}");
    assert!(
        err.contains("static/robots.txt"),
        "names the static file: {err}"
    );
    assert!(err.contains("`robots.txt`"), "names the output path: {err}");
    assert!(
        err.contains("minh generates"),
        "names the generated file: {err}"
    );
    assert_eq!(
        snapshot(&site.path().join("public")),
        before,
        "the previous output stays as it was"
    );
}

#[test]
fn a_static_file_colliding_with_a_page_fails_naming_both() {
    let site = site();
    write(
        site.path(),
        "static/vi/trang/gioi-thieu/index.html",
        "<p>copy</p>",
    );
    let o = minh(&["build"], site.path());
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("`vi/trang/gioi-thieu/index.html`"), "{err}");
    assert!(
        err.contains("static/vi/trang/gioi-thieu/index.html"),
        "{err}"
    );
    assert!(err.contains("content/pages/gioi-thieu.vi.md"), "{err}");
}

#[test]
fn serve_makes_the_same_output_check() {
    let site = site();
    write(site.path(), "static/sitemap.xml", "<urlset/>");
    let Err(diags) = Incremental::new(options(site.path())) else {
        panic!("a collision must fail the preview's build too");
    };
    assert!(
        diags.iter().any(|d| d.code == "output-collision"),
        "{diags:?}"
    );
}

#[test]
fn a_rebuild_leaves_the_previous_files_unchanged_until_the_swap() {
    let site = site();
    let out = site.path().join("public");
    let first = minh::build::run(&options(site.path())).expect("first build");
    minh::write::write(&first.outputs, &out).expect("first write");
    let old = snapshot(&out);
    let backup = tempfile::tempdir().expect("tempdir");
    link_all(&out, backup.path());

    let plan = "content/plans/ke-hoach-thu.vi.md";
    let text = std::fs::read_to_string(site.path().join(plan)).expect("read plan");
    write(
        site.path(),
        plan,
        &text.replace("Một kế hoạch để thử.", "Bản tóm tắt mới."),
    );
    let second = minh::build::run(&options(site.path())).expect("second build");
    let staged = minh::write::stage(&second.outputs, &out).expect("stage");
    assert_eq!(snapshot(&out), old, "public/ is untouched before the swap");
    let staged_files = snapshot(staged.path());
    let page = PathBuf::from("vi/ke-hoach/ke-hoach-thu/index.html");
    assert!(String::from_utf8_lossy(&staged_files[&page]).contains("Bản tóm tắt mới."));
    let unchanged = staged_files
        .iter()
        .filter(|(p, b)| old.get(*p) == Some(*b))
        .count();
    assert!(
        unchanged > 0,
        "some files are shared with the previous build"
    );

    staged.swap().expect("swap");
    let new = snapshot(&out);
    assert_eq!(
        new, staged_files,
        "the swap put the whole new site in place"
    );
    assert_eq!(
        snapshot(backup.path()),
        old,
        "no file of the previous build was written through a shared link"
    );
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn two_outputs_for_one_path_never_write_into_the_previous_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("public");
    let file = |bytes: &str| Output {
        path: PathBuf::from("robots.txt"),
        bytes: bytes.as_bytes().to_vec(),
        source: None,
    };
    minh::write::write(&[file("old")], &out).expect("first write");
    let backup = dir.path().join("backup");
    std::fs::hard_link(out.join("robots.txt"), &backup).expect("link");
    // The first output equals the previous file (so it is hard-linked), the second differs:
    // writing it must not go through that link.
    let result = minh::write::write(&[file("old"), file("new")], &out);
    assert!(result.is_err(), "a second write to one path is refused");
    assert_eq!(std::fs::read(&backup).expect("read"), b"old");
    assert_eq!(std::fs::read(out.join("robots.txt")).expect("read"), b"old");
    // The same when the new site is made from the spare, which holds the first output already.
    minh::write::write(&[file("old")], &out).expect("second write");
    assert!(
        minh::write::spare::folder(&out).is_dir(),
        "the site swapped out is kept"
    );
    let result = minh::write::write(&[file("old"), file("new")], &out);
    assert!(result.is_err(), "a second write to one path is refused");
    assert_eq!(std::fs::read(&backup).expect("read"), b"old");
    assert_eq!(std::fs::read(out.join("robots.txt")).expect("read"), b"old");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_successful_rebuild_over_an_existing_site() {
    let site = site();
    let out = site.path().join("public");
    let first = minh(&["build"], site.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let old = snapshot(&out);
    std::fs::write(out.join("stray.txt"), "left by hand").expect("stray file");

    write(
        site.path(),
        "content/pages/moi.vi.md",
        "---\ntitle: \"Trang mới\"\n---\n\nNội dung mới.\n",
    );
    let second = minh(&["build"], site.path());
    assert!(second.status.success(), "{}", stderr(&second));
    let new = snapshot(&out);
    let page = new
        .keys()
        .find(|p| p.ends_with("moi/index.html"))
        .unwrap_or_else(|| panic!("the new page: {:?}", new.keys().collect::<Vec<_>>()));
    assert!(String::from_utf8_lossy(&new[page]).contains("Nội dung mới."));
    assert!(
        !new.contains_key(Path::new("stray.txt")),
        "the new site replaces the old one as a whole"
    );
    assert_eq!(
        new.get(Path::new("static/css/site.css")),
        old.get(Path::new("static/css/site.css"))
    );
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn the_site_before_is_kept_and_made_into_the_next_but_never_when_touched_by_hand() {
    let site = site();
    let out = site.path().join("public");
    let spare = minh::write::spare::folder(&out);
    let page = "content/pages/moi.vi.md";
    let build = |n: usize| {
        write(
            site.path(),
            page,
            &format!("---\ntitle: \"Trang mới\"\n---\n\nNội dung {n}.\n"),
        );
        let built = minh(&["build"], site.path());
        assert!(built.status.success(), "{}", stderr(&built));
        let full = minh::build::run(&options(site.path())).expect("in-memory build");
        let want: BTreeMap<PathBuf, Vec<u8>> = full
            .outputs
            .into_iter()
            .map(|o| (o.path, o.bytes))
            .collect();
        assert_eq!(snapshot(&out), want, "build {n}: the site, nothing else");
    };
    build(1);
    assert!(!spare.exists(), "no site before the first");
    let first = snapshot(&out);
    build(2);
    assert_eq!(snapshot(&spare), first, "the first site is kept beside");
    build(3);
    // A file left by hand deep in the site in place: that site is kept as the spare after the
    // next build, and the build after that must not bring the file back.
    // (Later than the build by more than the file system's clock tick: see the README.)
    std::thread::sleep(std::time::Duration::from_millis(50));
    let stray = out.join("vi/trang/stray.html");
    std::fs::write(&stray, "left by hand").expect("stray");
    build(4);
    assert!(spare.join("vi/trang/stray.html").exists(), "kept as it was");
    build(5);
    assert!(!out.join("vi/trang/stray.html").exists());
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn a_streamed_build_writes_exactly_the_files_of_the_in_memory_build() {
    let site = site();
    // A page with a translation missing, a static file and a stray file in the previous output,
    // so fallback pages, assets, hard links to unchanged files and the service worker all count.
    write(site.path(), "static/extra/note.txt", "static note\n");
    let out = site.path().join("public");
    let first = minh::build::run(&options(site.path())).expect("in-memory build");
    minh::write::write(&first.outputs, &out).expect("first write");
    std::fs::write(out.join("stray.txt"), "left by hand").expect("stray file");
    let expected: BTreeMap<PathBuf, Vec<u8>> = first
        .outputs
        .iter()
        .map(|o| (o.path.clone(), o.bytes.clone()))
        .collect();
    assert!(
        expected.contains_key(Path::new("sw.js")),
        "the theme has a service worker"
    );

    let written = minh::build::run_into(&options(site.path()), &out).expect("streamed build");
    assert_eq!(
        written.paths,
        first
            .outputs
            .iter()
            .map(|o| o.path.clone())
            .collect::<Vec<_>>(),
        "the same files in the same order"
    );
    assert_eq!(snapshot(written.staged.path()), expected, "staged bytes");
    written.staged.swap().expect("swap");
    minh::searchkeep::keep(&out, written.search);
    assert_eq!(snapshot(&out), expected, "the new site, nothing else");
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn a_streamed_build_that_fails_leaves_no_staging_folder_and_the_old_site() {
    let site = site();
    let out = site.path().join("public");
    let ok = minh::build::run_into(&options(site.path()), &out).expect("first build");
    ok.staged.swap().expect("swap");
    let before = snapshot(&out);
    // A page and a static file claim one path: found only after every page was written.
    write(
        site.path(),
        "static/vi/trang/gioi-thieu/index.html",
        "<p>copy</p>",
    );
    match minh::build::run_into(&options(site.path()), &out) {
        Err(minh::build::Failed::Input(d)) => {
            assert!(d.iter().any(|d| d.code == "output-collision"), "{d:?}")
        }
        Err(minh::build::Failed::Write(e)) => panic!("a collision is reported as such: {e}"),
        Ok(_) => panic!("a collision must fail the build"),
    }
    assert_eq!(
        snapshot(&out),
        before,
        "the previous output stays as it was"
    );
    assert!(
        leftovers(site.path()).is_empty(),
        "{:?}",
        leftovers(site.path())
    );
}

#[test]
fn the_sites_own_icons_are_linked_from_every_page_only_when_present() {
    let site = site();
    let root = site.path();
    let heads = |root: &Path| -> Vec<(PathBuf, String)> {
        snapshot(&root.join("public"))
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .map(|(p, b)| (p, String::from_utf8(b).expect("utf-8")))
            // The root's redirect to the default language is left out: it is left at once.
            .filter(|(_, h)| !h.contains("data-template=\"redirect\""))
            .collect::<Vec<_>>()
    };
    let o = minh(&["build"], root);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = heads(root);
    assert!(!before.is_empty());
    assert!(before.iter().all(|(_, h)| !h.contains("rel=\"icon\"")
        && !h.contains("rel=\"manifest\"")
        && !h.contains("rel=\"apple-touch-icon\"")));

    write(
        root,
        "static/icon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(root, "static/manifest.webmanifest", "{\"name\":\"x\"}");
    let o = minh(&["build"], root);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = heads(root);
    assert_eq!(after.len(), before.len());
    for (p, h) in &after {
        assert!(
            h.contains("<link rel=\"icon\" href=\"/icon.svg\""),
            "{}",
            p.display()
        );
        assert!(h.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\""));
        assert!(
            !h.contains("rel=\"apple-touch-icon\""),
            "no such file: no link"
        );
    }
}
