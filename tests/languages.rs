//! Languages come from `site.yaml`: the real site published in a third language (Khmer, with
//! placeholder strings written by the test) builds with every part of the site in all three,
//! hreflang alternates for all three, visible fallbacks for pages not yet translated, and
//! `minh check` listing what is untranslated.

mod common;
#[path = "common/languages.rs"]
mod languages;

use common::*;
use std::path::Path;

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The hreflang values of the `<link rel="alternate">` tags of a page's head.
fn head_hreflangs(html: &str) -> Vec<String> {
    let head = &html[..html.find("</head>").expect("head")];
    head.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quote")].to_string())
        .collect()
}

#[test]
fn three_languages_build_with_alternates_fallbacks_and_untranslated_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    languages::write_three_language_site(&repo(), root);
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "build: {err}");
    let public = root.join("public");

    // Every language has its home, generated pages, 404, feed and search index.
    for lang in ["vi", "en", "km"] {
        let home = read(&public.join(lang).join("index.html"));
        assert!(
            home.contains(&format!("<html lang=\"{lang}\">")),
            "{lang} home"
        );
        assert_eq!(
            head_hreflangs(&home),
            ["vi", "en", "km", "x-default"],
            "{lang} home: alternates for all three"
        );
        assert!(public.join(lang).join("atom.xml").is_file(), "{lang} feed");
        assert!(
            public
                .join("search")
                .join(lang)
                .join("manifest.json")
                .is_file(),
            "{lang} search index"
        );
    }
    assert!(public.join("404.html").is_file() && public.join("km/404.html").is_file());
    assert!(read(&public.join("km/404.html")).contains("<html lang=\"km\">"));
    // A generated page: the hotlines page, in Khmer, with UI strings falling back to Vietnamese.
    let hotlines = read(&public.join("km/hotlines/index.html"));
    assert_eq!(head_hreflangs(&hotlines), ["vi", "en", "km", "x-default"]);
    // The Khmer index uses the generic tokenizer.
    let manifest = read(&public.join("search/km/manifest.json"));
    assert!(
        manifest.contains("\"lang\":\"und\""),
        "generic tokenizer: {}",
        &manifest[..200.min(manifest.len())]
    );

    // The open-data catalogue names each language by the EU language authority (ISO 639-3).
    let catalog = read(&public.join("data/catalog.json"));
    for three in ["VIE", "ENG", "KHM"] {
        assert!(
            catalog.contains(&format!(
                "\"http://publications.europa.eu/resource/authority/language/{three}\""
            )),
            "{three} in data/catalog.json"
        );
    }
    assert!(!catalog.contains("iso639-1"), "no ISO 639-1 vocabulary");

    // The language switch lists both other languages, on every page.
    let vi_home = read(&public.join("vi/index.html"));
    let switch = &vi_home[vi_home.find("class=\"lang-switch\"").expect("switch")..];
    let switch = &switch[..switch.find("</nav>").expect("nav end")];
    assert!(
        switch.contains("hreflang=\"en\"") && switch.contains("hreflang=\"km\""),
        "{switch}"
    );
    assert!(switch.contains("ភាសាខ្មែរ"), "Khmer named in Khmer: {switch}");

    // The sitemap gives each page's alternates in all three languages.
    let sitemap = read(&public.join("sitemap.xml"));
    let home_entry = &sitemap[sitemap
        .find("<loc>https://minh.example.org/km/</loc>")
        .expect("km home listed")..];
    let home_entry = &home_entry[..home_entry.find("</url>").expect("url end")];
    for lang in ["vi", "en", "km", "x-default"] {
        assert!(
            home_entry.contains(&format!("hreflang=\"{lang}\"")),
            "{lang} in {home_entry}"
        );
    }

    // A page with no Khmer translation falls back visibly to Vietnamese.
    let fallback = read(&public.join("km/pages/quyen-rieng-tu/index.html"));
    assert!(fallback.contains("<html lang=\"km\">"), "the UI is Khmer");
    assert!(
        fallback.contains("class=\"fallback-note\""),
        "a visible note"
    );
    assert!(
        fallback.contains("ទំព័រនេះមិនទាន់បានបកប្រែ"),
        "the note in the page's language"
    );
    assert!(
        fallback.contains("<h1 lang=\"vi\">"),
        "the title marked with its real language"
    );
    assert!(
        fallback.contains("<div class=\"prose\" lang=\"vi\">"),
        "the text marked too"
    );
    assert_eq!(
        head_hreflangs(&fallback),
        ["vi", "en", "km", "x-default"],
        "the fallback is the Khmer version until a translation replaces it"
    );
    assert!(fallback.contains(
        "<link rel=\"canonical\" href=\"https://minh.example.org/km/pages/quyen-rieng-tu/\">"
    ));
    assert!(
        sitemap.contains("<loc>https://minh.example.org/km/pages/quyen-rieng-tu/</loc>"),
        "the fallback is listed in the sitemap"
    );
    // The switch of the Vietnamese original leads to it.
    let original = read(&public.join("vi/trang/quyen-rieng-tu/index.html"));
    assert!(
        original.contains("href=\"/km/pages/quyen-rieng-tu/\" hreflang=\"km\""),
        "switch to the fallback"
    );

    // Pages shown in place of a missing translation are in the language's lists, feed and
    // search, at their address in it, marked with the language of their text.
    let plan = "quang-tri-cai-nghien-2022-2025";
    let list = read(&public.join("km/plans/index.html"));
    assert!(
        list.contains(&format!(
            "<li lang=\"vi\"><a href=\"/km/plans/{plan}/\" hreflang=\"vi\">"
        )),
        "the Khmer list of plans lists the Vietnamese plan, marked"
    );
    let km_home = read(&public.join("km/index.html"));
    assert!(
        km_home.contains("<li lang=\"vi\"><a href=\"/km/plans/"),
        "the Khmer home's latest plans"
    );
    let en_list = read(&public.join("en/plans/index.html"));
    assert!(
        en_list.contains(&format!("<li><a href=\"/en/plans/{plan}/\">")),
        "a translated plan is listed unmarked"
    );
    let feed = read(&public.join("km/atom.xml"));
    roxmltree::Document::parse(&feed).expect("the feed is XML");
    let entry = format!("https://minh.example.org/km/plans/{plan}/");
    let at = feed.find(&entry).expect("the plan in the Khmer feed");
    let entry_start = feed[..at].rfind("<entry").expect("its entry");
    assert!(
        feed[entry_start..].starts_with("<entry xml:lang=\"vi\">"),
        "{}",
        &feed[entry_start..at]
    );
    let in_index =
        search_index_text(&public.join("search/km")).contains(&format!("/km/plans/{plan}/"));
    assert!(
        in_index,
        "the Khmer search index finds the plan at its Khmer address"
    );

    // `minh check` reports the untranslated pages and UI strings, with stable codes.
    let out = minh(&["check", "--lang", "en"], root);
    let report = stderr(&out);
    assert!(
        report.contains("content/pages/quyen-rieng-tu.vi.md"),
        "{report}"
    );
    assert!(
        report.contains("quyen-rieng-tu.km.md"),
        "names the file to write: {report}"
    );
    assert!(report.contains("untranslated-ui-string"), "{report}");
    assert!(report.contains("themes/default/i18n/km.yaml"), "{report}");
}

#[test]
fn languages_in_site_yaml_are_checked() {
    let dir = site();
    let root = dir.path();
    let config =
        read(&root.join("site.yaml")).replace("languages: [vi, en]", "languages: [vi, vi]");
    write(root, "site.yaml", &config);
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("site.yaml"), "{err}");
    assert!(err.contains("languages"), "{err}");
}

/// Runs minh with no locale and no MINH_LANG, plus `env`.
fn run_without_locale(args: &[&str], root: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_minh"));
    c.args(args)
        .arg("--root")
        .arg(root)
        .env("MINH_TODAY", "2026-11-25");
    for var in ["MINH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run minh")
}

/// A Khmer messages file (placeholder words written by the test): a message, the words around
/// it and the summary of a failed build; the fix and the count are left untranslated.
const KM_MESSAGES: &str =
    "\"`{value}` is not one of the current provinces\": \"`{value}` មិនមែនជាខេត្តបច្ចុប្បន្នទេ\"\n\
\"error\": \"កំហុស\"\n\
\"row\": \"ជួរ\"\n\
\"build failed: {n}; {output} was left as it was\": \"ការកសាងបរាជ័យ៖ {n}; {output} នៅដដែល\"\n";

#[test]
fn messages_follow_the_list_of_languages_with_translations_from_a_file() {
    let fixture = site();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    languages::write_three_language_site(fixture.path(), root);
    write(root, "messages/km.yaml", KM_MESSAGES);
    write(
        root,
        "content/facilities/ds.csv",
        "Mã,Tên cơ sở,Loại cơ sở,Căn cứ,\"Tỉnh, thành phố\"\nmau-x,Mẫu X,community,mẫu,Dong Thap\n",
    );
    for (how, out) in [
        ("--lang km", minh(&["build", "--lang", "km"], root)),
        (
            "MINH_LANG=km",
            run_without_locale(&["build"], root, &[("MINH_LANG", "km")]),
        ),
        (
            "LANG=km_KH.UTF-8",
            run_without_locale(&["build"], root, &[("LANG", "km_KH.UTF-8")]),
        ),
    ] {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{how}: {err}");
        // Translated: the message and the words around it, with the values of the English text.
        assert!(
            err.contains("content/facilities/ds.csv, ជួរ 2, cột Tỉnh, thành phố: កំហុស[unknown-province]: `Dong Thap` មិនមែនជាខេត្តបច្ចុប្បន្នទេ"),
            "{how}: {err}"
        );
        // Not translated: the default language's text, marked with its code.
        assert!(
            err.contains("    cách sửa: [vi] viết Đồng Tháp vào cột này"),
            "{how}: {err}"
        );
        assert!(
            err.contains("ការកសាងបរាជ័យ៖ [vi] 1 lỗi, 1 cảnh báo; "),
            "{how}: a translated line with an untranslated part: {err}"
        );
    }

    // A language the site does not list is refused, with the list.
    let out = minh(&["build", "--lang", "th"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("[unknown-message-language]"), "{err}");
    assert!(err.contains("vi, en, km"), "the list to choose from: {err}");
    let out = minh(&["check", "--lang", "km"], fixture.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("--lang `km`") && err.contains("vi, en"),
        "km is not a language of the two-language site: {err}"
    );
}

#[test]
fn without_a_locale_messages_are_in_the_sites_default_language() {
    let dir = site();
    let root = dir.path();
    for env in [
        &[][..],
        &[("LANG", "C.UTF-8")][..],
        &[("LANG", "POSIX")][..],
    ] {
        let out = run_without_locale(&["build"], root, env);
        let err = stderr(&out);
        assert!(out.status.success(), "{env:?}: {err}");
        assert!(
            err.contains(&format!("đã xây dựng {}: ", root.join("public").display()))
                || err.contains("đã mới nhất"),
            "{env:?}: the summary in Vietnamese: {err}"
        );
        assert!(
            err.contains("trang bản vi") || err.contains("đã mới nhất"),
            "{err}"
        );
    }
    // A locale of a language the catalogue is written in is followed.
    let out = run_without_locale(&["build"], root, &[("LANG", "en_US.UTF-8")]);
    let err = stderr(&out);
    assert!(err.contains("pages in vi, "), "{err}");
}
