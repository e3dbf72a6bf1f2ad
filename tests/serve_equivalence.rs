//! The serve/build equivalence property: for every content file of the real site, and for the
//! theme's UI strings and templates, an edit applied through `minh serve`'s incremental path gives
//! exactly the files a full build of the edited site gives (byte for byte, the same paths), and
//! the same verdict when the edit is refused. The copy is a git repository with a history (as the
//! real site is), so pages show their changes. On a sample of files a broken edit comes first: it
//! must be refused naming the file, leave the served files as they were, and the good edit after
//! it must again give exactly what a full build gives.
//! In-process, through the library API, on a copy of the real site.

#[path = "common/edits.rs"]
mod edits;

use minh::build::{self, Change, Files, Incremental, Options};
use minh::date::Date;
use minh::diagnostics::Diagnostics;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn copy_site(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["site.yaml", "content", "themes", "static"] {
        for e in walkdir::WalkDir::new(root.join(entry)) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(root).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(e.path(), to.join(rel)).unwrap();
            }
        }
    }
}

/// Runs git in `root` with a fixed author and date (no personal configuration read).
fn git(root: &Path, args: &[&str], date: &str) {
    let o = std::process::Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", "Biên tập viên")
        .env("GIT_AUTHOR_EMAIL", "bien-tap@example.invalid")
        .env("GIT_COMMITTER_NAME", "Biên tập viên")
        .env("GIT_COMMITTER_EMAIL", "bien-tap@example.invalid")
        .env("GIT_AUTHOR_DATE", format!("{date}T09:00:00+07:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T09:00:00+07:00"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .output()
        .expect("run git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Makes the copy a repository with two commits: the site as published, then a change of one
/// update with a public note (after the site's `history.notes_since`).
fn with_history(root: &Path) {
    git(root, &["init", "-q", "-b", "main"], "2026-12-03");
    git(root, &["add", "-A"], "2026-12-03");
    git(
        root,
        &["commit", "-q", "-m", "Xuất bản trang"],
        "2026-12-03",
    );
    let update = root.join("content/updates/ra-mat-trang.vi.md");
    let text = std::fs::read_to_string(&update).unwrap();
    std::fs::write(&update, format!("{text}\nĐã bổ sung một đoạn.\n")).unwrap();
    git(root, &["add", "-A"], "2026-12-04");
    git(
        root,
        &["commit", "-q", "-m", "Bổ sung tin ra mắt trang"],
        "2026-12-04",
    );
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: None,
        include_drafts: true,
        today: Date::parse("2026-06-01").unwrap(),
    }
}

/// An edit that makes the build fail: front matter, YAML or a template that does not parse.
fn break_file(rel: &Path, text: &str) -> String {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("md") => text.replacen("title:", "title: [chưa đóng\ntitle2:", 1),
        Some("html") => format!("{text}\n{{% if %}}\n"),
        _ => format!("{text}\nkhông: [chưa đóng\n"),
    }
}

fn differences(served: &Files, built: &Files) -> Vec<String> {
    let a: BTreeSet<&Path> = served.keys().map(|k| &**k).collect();
    let b: BTreeSet<&Path> = built.keys().map(|k| &**k).collect();
    let mut diffs: Vec<String> = Vec::new();
    for p in a.difference(&b) {
        diffs.push(format!("only served: {}", p.display()));
    }
    for p in b.difference(&a) {
        diffs.push(format!("only built: {}", p.display()));
    }
    for p in a.intersection(&b) {
        if served[*p] != built[*p] {
            diffs.push(format!("differs: {}", p.display()));
        }
    }
    diffs
}

fn full_build(opts: &Options) -> Result<Files, usize> {
    match build::run(opts) {
        Ok(built) => Ok(built
            .outputs
            .into_iter()
            .map(|o| (std::sync::Arc::from(o.path), std::sync::Arc::from(o.bytes)))
            .collect()),
        Err(d) => Err(d.errors()),
    }
}

thread_local! {
    /// What the search turns of one test's serve session leave for the next, as serve keeps it.
    static REUSE: std::cell::RefCell<build::SearchReuse> = Default::default();
    /// The site-wide files its turns made ready last, as serve keeps them.
    static SENT: std::cell::RefCell<build::Sent> = Default::default();
}

/// The first build as `serve` makes it: its search index leaving what the first edit's turn
/// takes, its site-wide files noted as made ready.
fn serve_start(opts: Options) -> Incremental {
    let built = full_build(&opts).expect("the site builds");
    let kept = REUSE.with_borrow_mut(|reuse| Incremental::new_keeping(opts, Some(reuse)));
    let (inc, _) = kept.expect("the site builds");
    let diffs = differences(&inc.files(), &built);
    assert!(diffs.is_empty(), "serve's first build: {diffs:?}");
    SENT.set(inc.sent());
    inc
}

/// `outputs` made ready to swap in as serve makes them: those the session's previous turns
/// made with the same bytes taken from them.
fn ready(outputs: Vec<minh::render::Output>, all: &Option<Vec<PathBuf>>) -> build::ReadyFiles {
    SENT.with_borrow_mut(|sent| {
        let ready = build::ReadyFiles::made(outputs, sent);
        if let Some(all) = all {
            sent.keep_only(all);
        }
        ready
    })
}

/// The site-wide files of `site` in the two turns serve makes them in, the search index's gzip
/// bytes taken from the test's previous turn where a file's JSON did not change (as serve does).
fn in_turn(site: &minh::resolve::Site, give: &mut dyn FnMut(Vec<minh::render::Output>, bool)) {
    REUSE.with_borrow_mut(|reuse| build::site_files_reusing(site, reuse, &|| false, give));
}

/// What `serve` holds once the site-wide files of rebuild `generation` (the current one) are in.
fn with_site_files(inc: &mut Incremental, generation: u64) -> Files {
    let site = inc.site();
    let mut paths = Vec::new();
    let mut served = None;
    in_turn(&site, &mut |outputs, last| {
        paths.extend(outputs.iter().map(|o| o.path.clone()));
        let all = last.then(|| paths.clone());
        served = inc.merge_site_files(generation, ready(outputs, &all), all);
    });
    (*served.expect("the rebuild is the current one")).clone()
}

/// What `serve` holds after applying `change`, once the background site-wide files are in (in
/// the two turns serve swaps them in: sitemap, feeds and open data first, then the search index);
/// its problems when it refuses the edit.
fn serve_edit(inc: &mut Incremental, change: &Change) -> Result<Files, Diagnostics> {
    let rebuilt = inc.rebuild(change)?;
    let site = inc.site();
    let mut turns = Vec::new();
    in_turn(&site, &mut |outputs, last| turns.push((outputs, last)));
    assert_eq!(turns.len(), 2, "the site-wide files come in two turns");
    let mut paths = Vec::new();
    let mut files = None;
    for (outputs, last) in turns {
        paths.extend(outputs.iter().map(|o| o.path.clone()));
        let all = last.then(|| paths.clone());
        files = inc.merge_site_files(rebuilt.generation, ready(outputs, &all), all);
        assert!(files.is_some(), "the rebuild is the current one");
    }
    Ok((*files.expect("merged")).clone())
}

/// What `serve` holds after `change` when a browser has only `open` open: the edit renders that
/// page first and leaves the other pages it affects pending; the site-wide files come in (as in
/// [`serve_edit`]), then the pending pages in small batches. Returns the files before the pending
/// pages were made, the files then pending, and the files at the end.
fn serve_edit_first(
    inc: &mut Incremental,
    change: &Change,
    open: &Path,
) -> Result<(Files, Vec<PathBuf>, Files), Diagnostics> {
    let rebuilt = inc.rebuild_first(change, &|p| p == open)?;
    assert_eq!(rebuilt.pending > 0, inc.has_pending());
    let pending = inc.pending_files();
    let site = inc.site();
    let mut paths = Vec::new();
    in_turn(&site, &mut |outputs, last| {
        paths.extend(outputs.iter().map(|o| o.path.clone()));
        let all = last.then(|| paths.clone());
        assert!(inc
            .merge_site_files(rebuilt.generation, ready(outputs, &all), all)
            .is_some());
    });
    let before = (*inc.files()).clone();
    let mut batches = 0;
    while inc.has_pending() {
        inc.render_pending(7, &|p| p.starts_with("en"))?;
        batches += 1;
        assert!(batches < 100_000, "pending pages are made");
    }
    assert!(inc.pending_files().is_empty());
    Ok((before, pending, (*inc.files()).clone()))
}

/// The files the property is checked on: every content file, the theme's UI strings, the
/// templates every page, the updates and the providers are made with, and two that others
/// include (the table of contents, the finder's list).
fn files_to_edit(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    files.sort();
    let theme = Path::new("themes/default");
    for lang in ["vi", "en"] {
        files.push(theme.join(format!("i18n/{lang}.yaml")));
    }
    for t in ["base", "update", "facility", "toc", "finder_list"] {
        files.push(theme.join(format!("templates/{t}.html")));
    }
    files
}

/// A broken edit of `rel` first, on a sample of files: refused by serve and by build, naming the
/// file, the served files untouched.
fn check_refused(
    inc: &mut Incremental,
    opts: &Options,
    root: &Path,
    rel: &Path,
    text: &str,
) -> Option<String> {
    std::fs::write(root.join(rel), break_file(rel, text)).unwrap();
    let before = inc.files();
    let change = Change::classify(&[rel.to_path_buf()]).expect("a site file");
    let served = serve_edit(inc, &change);
    let built = full_build(opts);
    let problem = match (served, built) {
        (Err(d), Err(_)) if !d.iter().any(|d| d.is_error() && d.file == rel) => Some(format!(
            "{}: the broken edit was refused without naming the file",
            rel.display()
        )),
        (Err(_), Err(_)) if !std::sync::Arc::ptr_eq(&before, &inc.files()) => Some(format!(
            "{}: a refused edit changed the served files",
            rel.display()
        )),
        (Err(_), Err(_)) => None,
        (Ok(_), Err(e)) => Some(format!(
            "{}: serve accepted a broken edit that build refuses ({e} errors)",
            rel.display()
        )),
        (Err(d), Ok(_)) => Some(format!(
            "{}: serve refused ({} errors) a broken edit that build accepts",
            rel.display(),
            d.errors()
        )),
        (Ok(_), Ok(_)) => Some(format!(
            "{}: the broken edit was accepted by serve and build",
            rel.display()
        )),
    };
    problem
}

#[test]
fn every_content_edit_served_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    with_history(root);
    let opts = options(root);
    let mut inc = serve_start(opts.clone());
    let history = &inc.site().history;
    assert!(
        history.commits.len() == 2 && history.lineages.len() > 50,
        "the site's history was read from its repository"
    );
    let files = files_to_edit(root);
    assert!(files.len() > 50, "the real site's content was copied");
    let mut failures: Vec<String> = Vec::new();
    let mut refused = 0;
    for (n, rel) in files.iter().enumerate() {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        if n % 15 == 0 || rel.starts_with("themes") && n % 2 == 0 {
            refused += 1;
            failures.extend(check_refused(&mut inc, &opts, root, rel, &text));
        }
        let edited = match rel.extension().and_then(|e| e.to_str()) {
            Some("md") => edits::edit_markdown(&text, n),
            _ => edits::edit_data(rel, &text, n),
        };
        assert_ne!(edited, text, "{}: the edit changes the file", rel.display());
        std::fs::write(&path, &edited).unwrap();
        let change = Change::classify(std::slice::from_ref(rel)).expect("a site file");
        // Every other edit as with a browser open on the home page: the other pages it affects
        // are made after, and until then nothing that differs from a full build is served but
        // what waits as pending.
        let first = n % 2 == 1;
        let mut early: Option<(Files, Vec<PathBuf>)> = None;
        let served = if first {
            serve_edit_first(&mut inc, &change, Path::new("vi/index.html")).map(
                |(before, pending, after)| {
                    early = Some((before, pending));
                    after
                },
            )
        } else {
            serve_edit(&mut inc, &change)
        };
        let built = full_build(&opts);
        if let (Some((before, pending)), Ok(b)) = (&early, &built) {
            let pending: BTreeSet<&Path> = pending.iter().map(|p| p.as_path()).collect();
            let stale: Vec<String> = differences(before, b)
                .into_iter()
                .filter(|d| {
                    let path = d.split_once(": ").map_or("", |(_, p)| p);
                    !pending.contains(Path::new(path))
                })
                .collect();
            if !stale.is_empty() {
                failures.push(format!(
                    "{}: served before the pending pages were made, not pending ({} files): {}",
                    rel.display(),
                    stale.len(),
                    stale.join("; ")
                ));
            }
        }
        match (served, built) {
            (Ok(s), Ok(b)) => {
                let d = differences(&s, &b);
                if !d.is_empty() {
                    failures.push(format!(
                        "{} ({} files): {}",
                        rel.display(),
                        d.len(),
                        d.join("; ")
                    ));
                }
            }
            (Err(_), Err(_)) => {
                // Both refuse it (a dataset whose totals no longer add up): put the file back, so
                // that the next edits are checked against a site that builds.
                std::fs::write(&path, &text).unwrap();
                if let Err(d) = serve_edit(&mut inc, &change) {
                    failures.push(format!(
                        "{}: serve did not recover when the file was put back ({} errors)",
                        rel.display(),
                        d.errors()
                    ));
                }
            }
            (Ok(_), Err(e)) => failures.push(format!(
                "{}: serve accepted an edit that build refuses ({e} errors)",
                rel.display()
            )),
            (Err(e), Ok(_)) => failures.push(format!(
                "{}: serve refused ({} errors) an edit that build accepts",
                rel.display(),
                e.errors()
            )),
        }
    }
    assert!(refused >= 8, "broken edits were tried ({refused})");
    assert!(
        failures.is_empty(),
        "{} problems in {} edits served:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Each kind of single-file edit renders again only what read the edited part: a provider's
/// record its own pages and the lists of providers, not every page; a UI string of one language
/// the pages of that language whose templates show it (and what reads that string in the
/// others), not the pages of every language, and nothing when nothing shows it; a dataset row
/// the statistics and what links to them; a template the pages made with it, or with a template
/// that extends or includes it.
#[test]
fn an_edit_renders_only_what_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    let opts = options(root);
    let (mut inc, _) = Incremental::new(opts).expect("the real site builds");
    let total = inc.files().len();
    let html_in = |files: &Files, lang: &str| {
        files
            .keys()
            .filter(|p| p.starts_with(lang) && p.extension().is_some_and(|e| e == "html"))
            .count()
    };
    let en_pages = html_in(&inc.files(), "en");
    let edit = |inc: &mut Incremental, rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in from.split('|').zip(to.split('|')) {
            assert!(text.contains(from), "{rel} holds {from}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(&path, text).unwrap();
        let change = Change::classify(&[PathBuf::from(rel)]).unwrap();
        assert!(matches!(change, Change::Data(_)), "{rel}: {change:?}");
        inc.rebuild(&change).expect("the edit is accepted")
    };
    let provider = edit(
        &mut inc,
        "content/facilities/mau-ha-noi-methadone.yaml",
        "Cơ sở mẫu: cơ sở điều trị",
        "Cơ sở mẫu (sửa): cơ sở điều trị",
    );
    assert!(
        provider.rendered >= 2 && provider.rendered * 4 < total,
        "a provider edit rendered {} of {total} files",
        provider.rendered
    );
    let unused = edit(
        &mut inc,
        "themes/default/i18n/en.yaml",
        "footer_about: \"",
        "footer_about: \"(edited) ",
    );
    assert_eq!(
        unused.rendered, 0,
        "an English UI string no template or page shows rendered {} files",
        unused.rendered
    );
    let one_template = edit(
        &mut inc,
        "themes/default/i18n/en.yaml",
        "updated_on: \"",
        "updated_on: \"(edited) ",
    );
    assert!(
        one_template.rendered >= 1 && one_template.rendered * 2 < en_pages,
        "an English UI string only the update template shows rendered {} files; the English pages are {en_pages}",
        one_template.rendered
    );
    let string = edit(
        &mut inc,
        "themes/default/i18n/en.yaml",
        "skip_link: \"",
        "skip_link: \"(edited) ",
    );
    assert!(
        string.rendered >= en_pages - 5 && string.rendered <= en_pages + 10,
        "an English UI string every page shows rendered {} files; the English pages are {en_pages}",
        string.rendered
    );
    let dataset = edit(
        &mut inc,
        "content/stats/methadone.csv",
        "Nghệ An,2025,1530|Tổng,2025,2803",
        "Nghệ An,2025,1538|Tổng,2025,2811",
    );
    assert!(
        dataset.rendered >= 2 && dataset.rendered * 4 < total,
        "a dataset edit rendered {} of {total} files",
        dataset.rendered
    );
    // A template edit renders again the pages made with that template (the update template), or
    // with one that includes it (the table of contents) or extends it (the base): exactly the
    // pages that show the edit.
    let pages = html_in(&inc.files(), "vi") + en_pages;
    for (n, (template, from)) in [
        ("update", "{% block content %}"),
        ("toc", "{% if page.toc %}"),
        ("base", "<main id=\"main\" tabindex=\"-1\">"),
    ]
    .into_iter()
    .enumerate()
    {
        let mark = format!("<p>Sửa mẫu {n}</p>");
        let rel = format!("themes/default/templates/{template}.html");
        let made = edit(&mut inc, &rel, from, &format!("{from}{mark}"));
        let files = inc.files();
        let showing = (files.values())
            .filter(|b| String::from_utf8_lossy(b).contains(&mark))
            .count();
        assert!(showing > 0, "{rel}: the edit shows");
        // The maker of the changes pages also makes each language's Atom feed of changes.
        let along = if template == "base" { 2 } else { 0 };
        assert_eq!(
            made.rendered,
            showing + along,
            "{rel}: the edit rendered {} files, {showing} show it",
            made.rendered
        );
        if template != "base" {
            assert!(showing * 4 < pages, "{rel}: {showing} of {pages} pages");
        }
    }
}

/// A background run of site-wide files made stale by a newer edit stops at its next turn: the
/// quick files are handed over, the search index is not made, and what the stale run made is
/// not swapped in over the newer build's files.
#[test]
fn a_stale_background_run_stops() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    let (mut inc, _) = Incremental::new(options(root)).expect("the real site builds");
    let rel = "content/updates/ra-mat-trang.vi.md";
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edits::edit_markdown(&text, 1)).unwrap();
    let change = Change::classify(&[PathBuf::from(rel)]).unwrap();
    let first = inc.rebuild(&change).expect("the edit is accepted");
    let site = inc.site();
    // The run for the first edit; a second edit lands while it makes its first turn.
    let stale = std::sync::atomic::AtomicBool::new(false);
    let mut turns: Vec<(Vec<PathBuf>, bool)> = Vec::new();
    build::site_files_in_turn(
        &site,
        &|| stale.load(std::sync::atomic::Ordering::Relaxed),
        &mut |outputs, last| {
            turns.push((outputs.into_iter().map(|o| o.path).collect(), last));
            std::fs::write(&path, edits::edit_markdown(&text, 2)).unwrap();
            inc.rebuild(&change).expect("the second edit is accepted");
            stale.store(true, std::sync::atomic::Ordering::Relaxed);
        },
    );
    assert_eq!(turns.len(), 1, "the stale run stopped after its first turn");
    assert!(!turns[0].1, "the search index was not made");
    assert!(
        turns[0].0.iter().any(|p| p.ends_with("sitemap.xml")),
        "the first turn holds the quick files: {:?}",
        turns[0].0
    );
    assert!(
        !turns[0].0.iter().any(|p| p.starts_with("search")),
        "the first turn holds no search index file"
    );
    assert!(
        inc.merge_site_files(first.generation, Vec::new().into(), None)
            .is_none(),
        "files made for a superseded build are dropped"
    );
    assert!(
        inc.merge_site_files(first.generation + 1, Vec::new().into(), None)
            .is_some(),
        "the current build takes its files"
    );
}

/// A provider edit as `minh serve` makes it (the HSDS packages keep their files and each
/// provider's share of them, so an edit makes the edited provider's share alone; a province's
/// pages read only the providers they list and where every provider is): renaming a provider,
/// then moving it to another province with a provider of the same kind, then changing its kind
/// to another one found there, each gives exactly the files a full build gives, and renders far
/// fewer files than there are.
#[test]
fn provider_edits_with_kept_packages_equal_a_full_build() {
    minh::hsds::package::keep_files();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    // A second methadone provider in Hà Nội, so that moving it leaves every province's pages.
    let source =
        std::fs::read_to_string(root.join("content/facilities/mau-ha-noi-methadone.yaml")).unwrap();
    let text = source.replacen(
        "id: mau-ha-noi-methadone",
        "id: mau-ha-noi-methadone-hai",
        1,
    );
    let rel = "content/facilities/mau-ha-noi-methadone-hai.yaml";
    std::fs::write(root.join(rel), &text).unwrap();
    let opts = options(root);
    let mut inc = serve_start(opts.clone());
    let total = inc.files().len();
    let edits: [(&str, &str); 3] = [
        ("vi: \"Cơ sở mẫu: ", "vi: \"Cơ sở mẫu (đổi tên): "),
        (
            "province: \"Hà Nội\"\n  former_province: \"Hà Nội\"",
            "province: \"Đồng Tháp\"\n  former_province: \"Đồng Tháp\"",
        ),
        ("kind: methadone", "kind: voluntary_public"),
    ];
    let mut text = text;
    for (from, to) in edits {
        assert!(text.contains(from), "{rel} holds {from}");
        text = text.replacen(from, to, 1);
        std::fs::write(root.join(rel), &text).unwrap();
        let change = Change::classify(&[PathBuf::from(rel)]).unwrap();
        let rendered = inc.rebuild(&change).expect("the edit is accepted");
        assert!(
            rendered.rendered * 4 < total,
            "{to}: rendered {} of {total} files",
            rendered.rendered
        );
        let served = with_site_files(&mut inc, rendered.generation);
        let built = full_build(&opts).expect("the edited site builds");
        assert_eq!(
            differences(&served, &built),
            Vec::<String>::new(),
            "after {to}"
        );
    }
}

/// A pending maker that took longer than the batches' budget when last rendered goes in a batch
/// of its own: with no time at all, one maker per batch; with no limit, all in one batch. Either
/// way the files end as a full build makes them.
#[test]
fn pending_batches_keep_within_their_budget() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_site(root);
    let opts = options(root);
    let mut inc = serve_start(opts.clone());
    let rel = "content/facilities/mau-ha-noi-methadone.yaml";
    let open = Path::new("vi/index.html");
    for (n, budget) in [(1, Duration::ZERO), (2, Duration::MAX)] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        std::fs::write(root.join(rel), edits::edit_data(Path::new(rel), &text, n)).unwrap();
        let change = Change::classify(&[PathBuf::from(rel)]).unwrap();
        let rebuilt = inc
            .rebuild_first(&change, &|p| p == open)
            .expect("accepted");
        assert!(rebuilt.pending > 2, "the edit leaves makers pending");
        let mut batches = 0;
        while inc.has_pending() {
            inc.render_pending_made((usize::MAX, budget), None, false)
                .expect("made");
            batches += 1;
        }
        let expected = if budget.is_zero() { rebuilt.pending } else { 1 };
        assert_eq!(batches, expected, "batches with a budget of {budget:?}");
        let served = with_site_files(&mut inc, rebuilt.generation);
        let built = full_build(&opts).expect("the edited site builds");
        assert_eq!(differences(&served, &built), Vec::<String>::new());
    }
}
