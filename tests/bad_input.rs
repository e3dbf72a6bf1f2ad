//! Bad input: every error names file, line and column, says how to fix it, exits 1 and leaves public/ alone.

mod common;
use common::*;

/// Builds the fixture with `files` added; asserts failure, the previous output intact, and returns stderr.
fn fails(files: &[(&str, &[u8])]) -> String {
    let dir = site();
    let root = dir.path();
    let ok = minh(&["build"], root);
    assert!(
        ok.status.success(),
        "base fixture must build: {}",
        stderr(&ok)
    );
    let marker = root.join("public/vi/index.html");
    let before = std::fs::read(&marker).expect("previous output");
    for (rel, bytes) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "build must fail with exit 1: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(&marker).expect("still there"),
        before,
        "previous public/ must stay as it was"
    );
    assert!(
        err.contains("fix:"),
        "every error says how to fix it: {err}"
    );
    err
}

const PLAN_HEAD: &str = "---\ntitle: \"Kế hoạch\"\nissuer: \"UBND\"\nissued: 2024-03-13\nperiod: {from: 2024, to: 2024}\narea: {level: province, province: \"Quảng Nam\", current_province: \"Đà Nẵng\"}\nsummary: \"x\"\n";

#[test]
fn malformed_front_matter() {
    let err = fails(&[(
        "content/pages/hong.vi.md",
        b"---\ntitle: [unclosed\nsummary: x\n---\n\nText\n",
    )]);
    assert!(err.contains("content/pages/hong.vi.md:2:"), "{err}");
}

#[test]
fn field_of_the_wrong_type() {
    let text = PLAN_HEAD.replace(
        "period: {from: 2024, to: 2024}",
        "period: {from: hai nghìn, to: 2024}",
    ) + "---\n\nText\n";
    let err = fails(&[("content/plans/sai-kieu.vi.md", text.as_bytes())]);
    assert!(err.contains("content/plans/sai-kieu.vi.md:5:"), "{err}");
    assert!(err.contains("not-a-number"), "{err}");
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let text = PLAN_HEAD.replace("summary:", "sumary:") + "---\n\nText\n";
    let err = fails(&[("content/plans/thua-truong.vi.md", text.as_bytes())]);
    assert!(err.contains("content/plans/thua-truong.vi.md:7:1"), "{err}");
    assert!(err.contains("unknown field `sumary`"), "{err}");
    assert!(err.contains("did you mean `summary`"), "{err}");
}

#[test]
fn date_that_does_not_exist() {
    let text = PLAN_HEAD.replace("2024-03-13", "2024-02-30") + "---\n\nText\n";
    let err = fails(&[("content/plans/sai-ngay.vi.md", text.as_bytes())]);
    assert!(err.contains("content/plans/sai-ngay.vi.md:4:"), "{err}");
    assert!(err.contains("2024-02-30"), "{err}");
    assert!(err.contains("is not a date that exists"), "{err}");
}

#[test]
fn two_files_claim_the_same_url() {
    let err = fails(&[(
        "content/pages/khac.vi.md",
        b"---\ntitle: \"Khac\"\nslug: gioi-thieu\n---\n\nText\n",
    )]);
    assert!(err.contains("duplicate-url"), "{err}");
    assert!(err.contains("/vi/trang/gioi-thieu/"), "{err}");
    assert!(
        err.contains("content/pages/gioi-thieu.vi.md") && err.contains("content/pages/khac.vi.md"),
        "{err}"
    );
}

#[test]
fn link_to_missing_content() {
    let err = fails(&[(
        "content/pages/lien-ket.vi.md",
        b"---\ntitle: \"Lien ket\"\n---\n\nDong mot.\n\nXem [trang](@/pages/khong-co).\n",
    )]);
    assert!(err.contains("content/pages/lien-ket.vi.md:7"), "{err}");
    assert!(err.contains("@/pages/khong-co"), "{err}");
}

#[test]
fn template_error_names_template_and_line() {
    let err = fails(&[("themes/default/templates/update.html", b"{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n")]);
    assert!(
        err.contains("themes/default/templates/update.html:"),
        "{err}"
    );
    assert!(err.contains("template"), "{err}");
}

#[test]
fn unknown_language_suffix() {
    let err = fails(&[(
        "content/pages/trang.fr.md",
        b"---\ntitle: \"x\"\n---\n\nx\n",
    )]);
    assert!(err.contains("content/pages/trang.fr.md"), "{err}");
    assert!(err.contains("unknown language suffix `.fr`"), "{err}");
}

#[test]
fn file_that_is_not_utf8() {
    let err = fails(&[(
        "content/pages/latin1.vi.md",
        b"---\ntitle: \"Ti\xeang Vi\xe7t\"\n---\n",
    )]);
    assert!(err.contains("content/pages/latin1.vi.md:2:"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

/// Removes the line of `key` from a language's UI strings.
fn drop_ui_string(root: &std::path::Path, lang: &str, key: &str) {
    let file = root.join(format!("themes/default/i18n/{lang}.yaml"));
    let text = std::fs::read_to_string(&file).expect("i18n file");
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, text).expect("write");
}

#[test]
fn missing_ui_string_names_key_and_language() {
    // The default language must have every string: an error.
    let dir = site();
    let root = dir.path();
    drop_ui_string(root, "vi", "skip_link");
    let out = minh(&["build"], root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("themes/default/i18n/vi.yaml"), "{err}");
    assert!(
        err.contains("`skip_link` is missing in language `vi`"),
        "{err}"
    );
}

#[test]
fn ui_string_missing_in_another_language_falls_back_to_the_default_and_is_reported() {
    let dir = site();
    let root = dir.path();
    drop_ui_string(root, "en", "skip_link");
    let out = minh(&["check"], root);
    let err = stderr(&out);
    assert!(err.contains("themes/default/i18n/en.yaml"), "{err}");
    assert!(err.contains("untranslated-ui-string"), "{err}");
    assert!(err.contains("not translated into `en`"), "{err}");
    assert!(err.contains("skip_link"), "{err}");
    let out = minh(&["build"], root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vi_skip = std::fs::read_to_string(root.join("themes/default/i18n/vi.yaml"))
        .expect("vi.yaml")
        .lines()
        .find_map(|l| {
            l.strip_prefix("skip_link: ")
                .map(|v| v.trim_matches('"').to_string())
        })
        .expect("vi skip_link");
    let home = std::fs::read_to_string(root.join("public/en/index.html")).expect("en home");
    assert!(
        home.contains(&vi_skip),
        "the English page shows the default language's string"
    );
}

#[test]
fn all_errors_are_reported_together() {
    let text = PLAN_HEAD.replace("2024-03-13", "2024-02-30") + "---\n\nText\n";
    let err = fails(&[
        ("content/plans/sai-ngay.vi.md", text.as_bytes()),
        ("content/pages/trang.fr.md", b"---\ntitle: \"x\"\n---\n"),
    ]);
    assert!(
        err.contains("sai-ngay.vi.md") && err.contains("trang.fr.md"),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn plan_citing_a_missing_act() {
    let text = PLAN_HEAD.to_string() + "legal_basis: [nd-999-2099-nd-cp]\n---\n\nText\n";
    let err = fails(&[("content/plans/can-cu.vi.md", text.as_bytes())]);
    assert!(err.contains("content/plans/can-cu.vi.md:8:"), "{err}");
    assert!(
        err.contains("`nd-999-2099-nd-cp` is not a legal act"),
        "{err}"
    );
}

#[test]
fn raw_html_is_sanitized_in_output() {
    let dir = site();
    let root = dir.path();
    write(root, "content/pages/html.vi.md", "---\ntitle: \"html\"\n---\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">a</p> <a href=\"javascript:alert(1)\">b</a>\n");
    let out = minh(&["build"], root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(root.join("public/vi/trang/html/index.html")).expect("page");
    assert!(
        !html.contains("alert(1)") && !html.contains("onclick") && !html.contains("javascript:"),
        "{html}"
    );
}

#[test]
fn messages_in_vietnamese_keep_file_line_and_column() {
    let dir = site();
    let root = dir.path();
    let text = PLAN_HEAD.replace("summary:", "sumary:") + "---\n\nXem [trang](@/pages/khong-co).\n";
    write(root, "content/plans/thua-truong.vi.md", &text);
    let vi = std::process::Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["build", "--lang", "vi", "--root"])
        .arg(root)
        .output()
        .expect("run");
    let err = stderr(&vi);
    assert_eq!(vi.status.code(), Some(1), "{err}");
    assert!(err.contains("content/plans/thua-truong.vi.md:7:1: lỗi[unknown-field]: trường `sumary` không có trong mẫu"), "{err}");
    assert!(
        err.contains("cách sửa: có phải bạn muốn viết `summary`? Đổi `sumary` thành `summary`."),
        "{err}"
    );
    assert!(err.contains("xây dựng thất bại: 1 lỗi"), "{err}");
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["build", "--root"])
        .arg(root)
        .env("MINH_LANG", "vi")
        .output()
        .expect("run");
    assert_eq!(
        stderr(&env),
        err,
        "MINH_LANG=vi gives the same as --lang vi"
    );
    let en = minh(&["build", "--lang", "en"], root);
    assert!(stderr(&en).contains(
        "content/plans/thua-truong.vi.md:7:1: error[unknown-field]: unknown field `sumary`"
    ));
}

#[test]
fn every_message_raised_by_these_fixtures_has_a_vietnamese_form() {
    // Loading stops a build before resolving, so the two phases' errors come from two sites.
    let loading: Vec<(&str, String)> = vec![
        (
            "content/pages/hong.vi.md",
            "---\ntitle: [unclosed\n---\n".into(),
        ),
        (
            "content/plans/a.vi.md",
            PLAN_HEAD.replace("2024-03-13", "2024-02-30") + "---\n",
        ),
        (
            "content/plans/t.vi.md",
            PLAN_HEAD.replace("summary:", "sumary:") + "---\n",
        ),
        (
            "content/pages/trang.fr.md",
            "---\ntitle: \"x\"\n---\n".into(),
        ),
    ];
    let resolving: Vec<(&str, String)> = vec![
        (
            "content/plans/b.vi.md",
            PLAN_HEAD.to_string() + "legal_basis: [nd-999]\n---\n\n[x](@/pages/khong-co)\n",
        ),
        (
            "content/pages/c.vi.md",
            "---\ntitle: \"c\"\nslug: gioi-thieu\n---\n".into(),
        ),
    ];
    let mut checked = 0;
    for cases in [loading, resolving] {
        let dir = site();
        for (rel, text) in &cases {
            write(dir.path(), rel, text);
        }
        let out = minh(&["build", "--lang", "vi"], dir.path());
        let err = stderr(&out);
        let english = stderr(&minh(&["build", "--lang", "en"], dir.path()));
        for line in err
            .lines()
            .filter(|l| l.contains("lỗi[") || l.trim_start().starts_with("cách sửa:"))
        {
            let text = line
                .split("]: ")
                .nth(1)
                .or_else(|| line.split("cách sửa: ").nth(1))
                .unwrap_or("");
            assert!(!english.contains(text), "the same words in English: {line}");
            // Outside `quoted` values (names, dates, paths), Vietnamese prose has letters with diacritics.
            let prose: String = text.split('`').step_by(2).collect();
            assert!(!prose.is_ascii(), "untranslated message: {line}");
            checked += 1;
        }
    }
    assert!(checked >= 14, "seven errors and their fixes, got {checked}");
}
