//! content/place-aliases.yaml: spellings of places reach the search index and the finder; a
//! wrong entry names the file, line and fix.

mod common;
use common::*;

fn build_with(aliases: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = site();
    write(dir.path(), "content/place-aliases.yaml", aliases);
    let out = minh(&["build"], dir.path());
    (dir, out)
}

#[test]
fn aliases_reach_the_search_manifest_of_every_language() {
    let (dir, out) = build_with(
        "before: [\"tỉnh\", \"TP\"]\nafter: [\"city\"]\nplaces:\n  - place: \"Hồ Chí Minh\"\n    aliases: [\"TP HCM\", \"Sài Gòn\"]\n  - place: \"Bà Rịa - Vũng Tàu\"\n    aliases: [\"BR-VT\"]\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for lang in ["vi", "en"] {
        let path = dir
            .path()
            .join(format!("public/search/{lang}/manifest.json"));
        let man: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("manifest")).expect("JSON");
        let pl = &man["pl"];
        let names = pl["n"].as_array().expect("names");
        let name_of = |spelling: &str| {
            let i = pl["s"][spelling]
                .as_u64()
                .unwrap_or_else(|| panic!("{lang}: no {spelling}")) as usize;
            names[i][0].as_str().expect("name").to_string()
        };
        assert_eq!(name_of("sai gon"), "Hồ Chí Minh", "{lang}");
        assert_eq!(name_of("tp hcm"), "Hồ Chí Minh", "{lang}");
        assert_eq!(name_of("ho chi minh"), "Hồ Chí Minh", "{lang}");
        assert_eq!(name_of("br vt"), "Bà Rịa - Vũng Tàu", "{lang}");
        // A former province points at the unit it is now part of.
        let i = pl["s"]["binh duong"].as_u64().expect("former province") as usize;
        let current = names[i][2].as_u64().expect("current") as usize;
        assert_eq!(names[current][0], "Hồ Chí Minh", "{lang}");
        assert_eq!(names[current][3], "ho-chi-minh", "{lang}");
        assert_eq!(pl["x"], serde_json::json!(["tinh", "tp"]), "{lang}");
    }
}

#[test]
fn an_unknown_place_names_the_line_and_the_fix() {
    let (_d, out) = build_with("places:\n  - place: \"Sài Gòn\"\n    aliases: [\"SG\"]\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("place-aliases.yaml:2"), "{err}");
    assert!(err.contains("unknown-place"), "{err}");
    assert!(err.contains("former"), "{err}");
}

#[test]
fn an_alias_of_two_places_is_an_error() {
    let (_d, out) = build_with(
        "places:\n  - place: \"Hồ Chí Minh\"\n    aliases: [\"SG\"]\n  - place: \"Hà Nội\"\n    aliases: [\"sg\"]\n",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("place-aliases.yaml:4"), "{err}");
    assert!(err.contains("ambiguous-alias"), "{err}");
    assert!(err.contains("`sg`"), "{err}");
    // Nor may an alias be another place's name.
    let (_d, out) = build_with("places:\n  - place: \"Hồ Chí Minh\"\n    aliases: [\"Ha Noi\"]\n");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`Ha Noi`") && err.contains("Hà Nội"), "{err}");
}
