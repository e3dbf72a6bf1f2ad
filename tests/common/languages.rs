//! A copy of the repository's real site published in three languages: Vietnamese, English and
//! Khmer (`km`), with placeholder Khmer strings written by the test only.
//!
//! Adding the language takes what the issue promises and nothing else: the list and the URL
//! segments in `site.yaml`, an i18n file, and content (a home page and one page in Khmer; every
//! other page falls back, marked, to Vietnamese).

use std::path::Path;

/// The placeholder Khmer UI strings: a few, so that the rest fall back to Vietnamese (and are reported).
pub const KM_STRINGS: &str = "lang_name: \"ភាសាខ្មែរ\"\n\
home: \"ទំព័រដើម\"\n\
skip_link: \"រំលងទៅខ្លឹមសារ\"\n\
language_switch: \"ភាសា\"\n\
untranslated_note: \"ទំព័រនេះមិនទាន់បានបកប្រែជាភាសាខ្មែរនៅឡើយទេ។ ខាងក្រោមនេះជាកំណែ {language}។\"\n";

/// The Khmer home page and one Khmer page (placeholder text: a test, not a translation to publish).
pub const KM_HOME: &str = "---\ntitle: \"ការព្យាបាលការញៀនគ្រឿងញៀន\"\nsummary: \"ផែនការ សេវា និងខ្សែទូរស័ព្ទបន្ទាន់\"\n---\n\nទំព័រសាកល្បង។ សូមទូរស័ព្ទទៅ [115](tel:115) ក្នុងករណីបន្ទាន់។\n";

/// Copies `from` into `to`, skipping `public/`, `target/` and dot folders.
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name == "public" || name == "target")
    }) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Writes the three-language site into `root` (site.yaml, content/, static/, themes/ of `repo`).
pub fn write_three_language_site(repo: &Path, root: &Path) {
    for dir in ["content", "themes", "static"] {
        if repo.join(dir).is_dir() {
            copy_tree(&repo.join(dir), &root.join(dir));
        }
    }
    let config = std::fs::read_to_string(repo.join("site.yaml")).expect("site.yaml");
    assert!(
        config.contains("languages: [vi, en]"),
        "site.yaml lists vi, en"
    );
    // Every `slug: {vi: a, en: b}` gains `km: b` (URL segments stay ASCII).
    let config: String = config
        .replace("languages: [vi, en]", "languages: [vi, en, km]")
        .lines()
        .map(|l| match (l.find("slug: {vi: "), l.find(", en: ")) {
            (Some(_), Some(en)) => {
                let rest = &l[en + ", en: ".len()..];
                let end = rest.find('}').expect("slug map ends");
                let slug = &rest[..end];
                format!(
                    "{}, km: {slug}{}\n",
                    &l[..en + ", en: ".len() + end],
                    &rest[end..]
                )
            }
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(root.join("site.yaml"), config).expect("write site.yaml");
    std::fs::write(root.join("themes/default/i18n/km.yaml"), KM_STRINGS).expect("km.yaml");
    std::fs::write(root.join("content/_index.km.md"), KM_HOME).expect("km home");
}
