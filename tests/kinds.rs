//! Adding a kind of content: the README's worked example, support groups (`src/load/kinds/group.rs`,
//! compiled with the `example-kinds` feature: `cargo test --features example-kinds --test kinds`).
//! The test site adds only what the README lists besides the module: `sections: groups:` in
//! `site.yaml`, a `group.html` template and the translation keys, then its content; the kind is
//! loaded with its schema, addressed, rendered, listed, in the menu, the sitemap, the search
//! index and content links.

mod common;
use common::*;
use std::path::Path;

const TEMPLATE: &str = r#"{% extends "base.html" %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<p class="meta">{{ t.group_meets }}: {{ front.meets }}</p>
<div class="prose">{{ page.content | safe }}</div>
</article>
{% endblock content %}
"#;

/// The test site: the base fixture plus what the README says a new kind needs.
fn group_site() -> tempfile::TempDir {
    let dir = site();
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let config = config.replace(
        "sections:\n",
        "sections:\n  groups: {slug: {vi: nhom-ho-tro, en: support-groups}, title: {vi: \"Nhóm hỗ trợ\", en: \"Support groups\"}}\n",
    );
    write(root, "site.yaml", &config);
    write(root, "themes/default/templates/group.html", TEMPLATE);
    for (lang, kind, meets, intro) in [
        (
            "vi",
            "Nhóm hỗ trợ",
            "Họp",
            "Các nhóm hỗ trợ sau cai nghiện.",
        ),
        (
            "en",
            "Support group",
            "Meets",
            "Support groups for after-care.",
        ),
    ] {
        let file = root.join(format!("themes/default/i18n/{lang}.yaml"));
        let mut strings = std::fs::read_to_string(&file).unwrap();
        strings.push_str(&format!(
            "search_kind_group: \"{kind}\"\nkind_group: \"{kind}\"\ngroup_meets: \"{meets}\"\nsection_intro_groups: \"{intro}\"\n"
        ));
        std::fs::write(&file, strings).unwrap();
    }
    write(
        root,
        "content/groups/nhom-dong-dang.vi.md",
        "---\ntitle: \"Nhóm đồng đẳng Hoằng Xuân\"\nsummary: \"Nhóm gặp mặt của người sau cai nghiện.\"\nmeets: \"Sáng thứ Bảy hằng tuần, nhà văn hóa xã\"\n---\n\nNhóm do tình nguyện viên điều phối.\n",
    );
    write(
        root,
        "content/groups/nhom-dong-dang.en.md",
        "---\ntitle: \"Hoằng Xuân peer group\"\nmeets: \"Saturday mornings, the commune's cultural house\"\n---\n\nRun by volunteers.\n",
    );
    write(
        root,
        "content/pages/nhom.vi.md",
        "---\ntitle: \"Tham gia nhóm\"\n---\n\nXem [nhóm đồng đẳng](@/groups/nhom-dong-dang.md).\n",
    );
    dir
}

fn read(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_kind_added_as_one_module_is_loaded_addressed_rendered_listed_and_found() {
    let dir = group_site();
    let root = dir.path();
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = root.join("public");

    // Its pages, at the section's address in each language, through its template with its fields.
    let vi = read(&public, "vi/nhom-ho-tro/nhom-dong-dang/index.html");
    assert!(vi.contains("<h1>Nhóm đồng đẳng Hoằng Xuân</h1>"), "{vi}");
    assert!(
        vi.contains("Họp: Sáng thứ Bảy hằng tuần, nhà văn hóa xã"),
        "{vi}"
    );
    assert!(vi.contains("hreflang=\"en\""), "{vi}");
    let en = read(&public, "en/support-groups/nhom-dong-dang/index.html");
    assert!(en.contains("Meets: Saturday mornings"), "{en}");

    // Its section lists it, and the menu of every page links the section.
    let list = read(&public, "vi/nhom-ho-tro/index.html");
    assert!(list.contains("Nhóm đồng đẳng Hoằng Xuân"), "{list}");
    assert!(list.contains("Các nhóm hỗ trợ sau cai nghiện."), "{list}");
    let home = read(&public, "vi/index.html");
    assert!(home.contains("href=\"/vi/nhom-ho-tro/\""), "{home}");

    // A content link to it resolves; the sitemap and the search index have it.
    let page = read(&public, "vi/trang/nhom/index.html");
    assert!(
        page.contains("href=\"/vi/nhom-ho-tro/nhom-dong-dang/\""),
        "{page}"
    );
    let sitemap = read(&public, "sitemap.xml");
    assert!(
        sitemap.contains("https://minh.example.org/en/support-groups/nhom-dong-dang/"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("https://minh.example.org/vi/nhom-ho-tro/"),
        "{sitemap}"
    );
    let index = search_index_text(&public.join("search/vi"));
    assert!(
        index.contains("/vi/nhom-ho-tro/nhom-dong-dang/"),
        "not in the search index"
    );
}

#[test]
fn a_new_kind_s_schema_is_enforced_with_the_file_and_line() {
    let dir = group_site();
    let root = dir.path();
    write(
        root,
        "content/groups/thieu.vi.md",
        "---\ntitle: \"Thiếu giờ họp\"\nmeet: \"Thứ Hai\"\n---\n\nText.\n",
    );
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("content/groups/thieu.vi.md:3"), "{err}");
    assert!(err.contains("meets"), "the field it expects: {err}");
    assert!(!root.join("public").exists(), "nothing written");
}

#[test]
fn a_new_kind_s_section_must_be_named_in_site_yaml() {
    let dir = group_site();
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.trim_start().starts_with("groups:"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(root, "site.yaml", &without);
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("groups"), "{err}");
}
