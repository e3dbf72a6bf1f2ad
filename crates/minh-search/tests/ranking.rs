//! Ranking: exact diacritics, phrases, prefixes, fields, former province names, NFD documents.

mod common;

use common::doc;
use minh_search::{build_index, simulate_query, Doc, Field, IndexFile, Lang};
use unicode_normalization::UnicodeNormalization;

const FILLER: &str = "Nội dung này mô tả các hoạt động hỗ trợ của địa phương trong năm.";

fn urls(files: &[IndexFile], q: &str) -> Vec<String> {
    let plan = simulate_query(files, q, 50).expect("query runs");
    plan.hits.into_iter().map(|h| h.url).collect()
}

#[test]
fn exact_diacritics_rank_first_and_folded_finds_all() {
    let docs = vec![
        doc(
            "/duong-ascii/",
            "Trang A",
            &format!("{FILLER} Phố duong mới. {FILLER}"),
        ),
        doc(
            "/duong-ngang/",
            "Trang B",
            &format!("{FILLER} Phố dương mới. {FILLER}"),
        ),
        doc(
            "/duong-huyen/",
            "Trang C",
            &format!("{FILLER} Phố đường mới. {FILLER}"),
        ),
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "đường")[0], "/duong-huyen/");
    assert_eq!(urls(&files, "Đường")[0], "/duong-huyen/");
    assert_eq!(urls(&files, "dương")[0], "/duong-ngang/");
    let mut all = urls(&files, "duong");
    all.sort();
    assert_eq!(all, vec!["/duong-ascii/", "/duong-huyen/", "/duong-ngang/"]);
    // Old and new tone placement are the same exact form.
    let docs = vec![
        doc("/hoa-cu/", "Trang A", "Tái hòa nhập cộng đồng."),
        doc("/hoa-khac/", "Trang B", "Tái hóa nhập cộng đồng."),
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "hoà")[0], "/hoa-cu/");
    assert_eq!(urls(&files, "hòa")[0], "/hoa-cu/");
}

#[test]
fn phrase_ranks_above_scattered_words() {
    let docs = vec![
        doc(
            "/scattered/",
            "Trang A",
            &format!("Cai thuốc lá. {FILLER} {FILLER} Người nghiện rượu."),
        ),
        doc(
            "/phrase/",
            "Trang B",
            &format!("{FILLER} Hỗ trợ cai nghiện tại nhà. {FILLER} {FILLER}"),
        ),
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "cai nghien"), vec!["/phrase/", "/scattered/"]);
    // A phrase broken by sentence punctuation is not a phrase.
    let docs = vec![
        doc("/broken/", "Trang A", "Đồng. Tháp"),
        doc("/wrapped/", "Trang B", "Tỉnh Đồng\nTháp"),
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "dong thap")[0], "/wrapped/");
}

#[test]
fn last_word_matches_as_prefix() {
    let docs = vec![
        doc("/a/", "Trang A", "Hỗ trợ cai nghiện ma túy."),
        doc("/b/", "Trang B", "Điều trị bằng Methadone."),
        doc("/c/", "Trang C", "Cai thuốc lá."),
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "cai ngh")[0], "/a/");
    assert_eq!(urls(&files, "methad"), vec!["/b/"]);
    assert!(
        urls(&files, "methad ").is_empty(),
        "a finished word is not a prefix"
    );
}

#[test]
fn fields_weigh_title_over_heading_over_body() {
    let mk = |url: &str, title: &str, field: Field| Doc {
        url: url.to_string(),
        title: title.to_string(),
        kind: "plan".to_string(),
        fields: vec![(field, "Methadone".into()), (Field::Body, FILLER.into())],
    };
    let docs = vec![
        mk("/body/", "Trang A", Field::Body),
        mk("/heading/", "Trang B", Field::Heading),
        Doc {
            url: "/title/".into(),
            title: "Điều trị Methadone".into(),
            kind: "plan".into(),
            fields: vec![(Field::Body, FILLER.into())],
        },
    ];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(
        urls(&files, "methadone"),
        vec!["/title/", "/heading/", "/body/"]
    );
}

#[test]
fn former_province_in_meta_is_found() {
    let docs = vec![
        Doc {
            url: "/vi/tinh/da-nang/".into(),
            title: "Thành phố Đà Nẵng".into(),
            kind: "page".into(),
            fields: vec![
                (Field::Meta, "Đà Nẵng; trước đây: Quảng Nam, Đà Nẵng".into()),
                (Field::Body, FILLER.into()),
            ],
        },
        doc("/vi/khac/", "Trang khác", FILLER),
    ];
    let files = build_index(Lang::Vi, &docs);
    // The other page holds "năm" (year), which folds to "nam": found, but ranked below.
    assert_eq!(urls(&files, "quang nam")[0], "/vi/tinh/da-nang/");
    assert_eq!(urls(&files, "Quảng Nam")[0], "/vi/tinh/da-nang/");
}

#[test]
fn nfd_document_is_found_by_nfc_query() {
    let body: String = "Trung tâm cai nghiện ma túy tỉnh Đồng Tháp".nfd().collect();
    let title: String = "Cơ sở điều trị".nfd().collect();
    let docs = vec![doc("/nfd/", &title, &body), doc("/other/", "Khác", FILLER)];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(urls(&files, "cai nghiện đồng tháp")[0], "/nfd/");
    assert_eq!(urls(&files, "co so dieu tri"), vec!["/nfd/"]);
    let plan = simulate_query(&files, "đồng tháp", 10).expect("query runs");
    assert_eq!(
        plan.hits[0].title, "Cơ sở điều trị",
        "titles are stored NFC"
    );
}

#[test]
fn english_stemming_and_stop_words() {
    let docs = vec![
        doc(
            "/plans/",
            "Treatment plans",
            "Plans for treating addiction.",
        ),
        doc("/the/", "The", "Nothing else."),
    ];
    let files = build_index(Lang::En, &docs);
    assert_eq!(urls(&files, "treatment plan")[0], "/plans/");
    assert_eq!(urls(&files, "treated")[0], "/plans/");
    assert_eq!(
        urls(&files, "the"),
        vec!["/the/"],
        "an all-stop-word query still searches"
    );
}

#[test]
fn layout_is_manifest_plus_one_hashed_folder() {
    let docs = vec![doc("/a/", "Kế hoạch", "Cai nghiện ma túy.")];
    let files = build_index(Lang::Vi, &docs);
    assert_eq!(files[0].path, "manifest.json");
    let man: serde_json::Value = serde_json::from_slice(&files[0].bytes).expect("manifest JSON");
    let hash = man["h"].as_str().expect("hash");
    assert!(files[1..]
        .iter()
        .all(|f| f.path.starts_with(&format!("{hash}/"))));
    let other = build_index(
        Lang::Vi,
        &[doc("/a/", "Kế hoạch", "Cai nghiện ma túy tổng hợp.")],
    );
    let man2: serde_json::Value = serde_json::from_slice(&other[0].bytes).expect("manifest JSON");
    assert_ne!(man2["h"], man["h"], "new content, new folder");
    assert_eq!(
        build_index(Lang::Vi, &docs),
        files,
        "builds are deterministic"
    );
    let empty = build_index(Lang::Vi, &[]);
    assert!(simulate_query(&empty, "cai", 10)
        .expect("query runs")
        .hits
        .is_empty());
}

#[test]
fn precomputed_answers_rank_like_the_full_path() {
    let docs = common::synthetic_docs(600, 200);
    let files = build_index(Lang::Vi, &docs);
    for q in [
        "cai nghien",
        "dong thap",
        "ma tuy",
        "methadone",
        "cai",
        "dong th",
    ] {
        let answer = simulate_query(&files, q, 10).expect("query runs");
        // A limit beyond the precomputed page takes the full path.
        let full = simulate_query(&files, q, 11).expect("query runs");
        // Two words that are no answered key (the manifest's "k2") nor a slip of one, here a
        // word still being typed, skip the answer shard: the full path at once.
        let unanswered = q == "dong th";
        assert_eq!(
            answer.paths().any(|p| p.contains("/a/")),
            !unanswered,
            "{q}: answered"
        );
        assert!(!full.paths().any(|p| p.contains("/a/")), "{q}: full path");
        assert_eq!(answer.total, full.total, "{q}: total");
        assert_eq!(answer.hits.len(), 10, "{q}");
        for (a, f) in answer.hits.iter().zip(&full.hits) {
            assert_eq!((a.doc, &a.url, &a.title), (f.doc, &f.url, &f.title), "{q}");
            assert!((a.score - f.score).abs() < 1e-9 * f.score, "{q}: score");
        }
    }
}

fn answer_excerpt(files: &[IndexFile], key: &str) -> String {
    files
        .iter()
        .filter(|f| f.path.contains("/a/"))
        .filter_map(|f| serde_json::from_slice::<serde_json::Value>(&f.bytes).ok())
        .find_map(|v| v[1][key][1][0][2].as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn snippet_holds_a_match_deep_in_the_page() {
    let long = format!(
        "{} Điều trị Methadone miễn phí tại trạm y tế xã.",
        FILLER.repeat(40)
    );
    let files = build_index(Lang::Vi, &[doc("/deep/", "Trang A", &long)]);
    let ex = answer_excerpt(&files, "methadone");
    assert!(ex.contains("Methadone"), "{ex}");
    assert!(ex.chars().count() <= 102, "{ex}");
    assert!(answer_excerpt(&files, "tram").contains("trạm y tế"));
    // The document store keeps several short excerpts spread over the body.
    let store = files.iter().find(|f| f.path.ends_with("/d/0.json"));
    let store: serde_json::Value =
        serde_json::from_slice(&store.expect("store").bytes).expect("JSON");
    let ex = store[0][3].as_array().expect("excerpts");
    assert!(ex.len() > 1 && ex.len() <= 3, "{ex:?}");
    assert!(ex
        .iter()
        .all(|e| e.as_str().is_some_and(|e| e.chars().count() <= 161)));
}

/// The manifest's `"k2"` lists exactly the answered keys of two words, sorted: the client skips
/// the answer shard for any other two-word query, so a key missing from it would never be used.
#[test]
fn the_manifest_lists_every_answered_two_word_key() {
    let docs = common::synthetic_docs(600, 200);
    let files = build_index(Lang::Vi, &docs);
    let man: serde_json::Value = serde_json::from_slice(&files[0].bytes).expect("manifest");
    let listed: Vec<String> = serde_json::from_value(man["k2"].clone()).expect("k2 list");
    let mut stored: Vec<String> = files
        .iter()
        .filter(|f| f.path.contains("/a/"))
        .filter_map(|f| serde_json::from_slice::<serde_json::Value>(&f.bytes).ok())
        .flat_map(|v| {
            v[1].as_object()
                .map(|m| m.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .filter(|k| k.split(' ').count() == 2)
        .collect();
    stored.sort();
    assert!(!listed.is_empty(), "the corpus has phrases");
    assert_eq!(listed, stored);
    // A two-word phrase that is listed is answered; one that is not goes the full path at once.
    let answered = simulate_query(&files, &listed[0], 10).expect("query runs");
    assert!(answered.paths().any(|p| p.contains("/a/")), "{}", listed[0]);
}
