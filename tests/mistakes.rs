//! The catalogue of officials' mistakes: for each, the exit status, the file and line, a plain
//! message and a fix naming the exact value to write, in Vietnamese and in English.
//!
//! Every case also feeds `docs/mistakes.md`, the table of mistakes with their messages and fixes;
//! the test fails when that file differs from what minh says (`MINH_BLESS=1` rewrites it).

mod common;
use common::*;
use serde_json::Value;

/// One mistake: files written over the base fixture, and what minh must answer.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    code: &'static str,
    file: &'static str,
    line: u64,
    /// The exact value the fix must name, the same in both languages.
    fix_has: &'static [&'static str],
    /// `minh check`'s exit status: 1 for errors, 0 for warnings only.
    exit: i32,
}

/// The parser's own words, which must never reach an official.
const PARSER_ENGLISH: &[&str] = &[
    "while parsing",
    "did not find expected",
    "expected mapping",
    "expected sequence",
    "mapping values are not allowed",
    "tabs disallowed",
    "unknown variant",
    "missing field",
    "invalid type",
    "invalid boolean",
    "invalid floating",
    "invalid i32",
    "invalid u32",
    "duplicate mapping key",
    "trailing content",
    "unclosed quote",
    "cannot deserialize",
    "DuplicateKeyPolicy",
    "Option<",
];

fn plan(edit: &[(&str, &str)]) -> String {
    let mut text = "---\ntitle: \"Kế hoạch phòng, chống ma túy năm 2021\"\nissuer: \"UBND tỉnh Tiền Giang\"\nissued: 2021-03-15\nperiod: {from: 2021, to: 2025}\narea: {level: province, province: \"Tiền Giang\", current_province: \"Đồng Tháp\"}\nsummary: \"Tóm tắt.\"\n---\n\nNội dung.\n".to_string();
    for (from, to) in edit {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

fn with_targets(targets: &str) -> String {
    plan(&[(
        "summary: \"Tóm tắt.\"\n",
        &format!("summary: \"Tóm tắt.\"\n{targets}"),
    )])
}

const FACILITY: &str = "id: thu-nghiem\nbasis: {plan: ke-hoach-thu}\nname: {vi: \"Cơ sở thử\", en: \"Test facility\"}\nkind: voluntary_public\naddress:\n  province: \"Đà Nẵng\"\n  former_province: \"Quảng Nam\"\nphones:\n  - number: \"0235 3852 123\"\nfees: {free: true}\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n";

fn facility(from: &str, to: &str) -> String {
    assert!(FACILITY.contains(from), "{from}");
    FACILITY.replacen(from, to, 1)
}

const LAW: &str = "---\ntitle: \"Nghị định 116/2021/NĐ-CP\"\nnumber: \"116/2021/NĐ-CP\"\nkind: decree\nissuer: \"Chính phủ\"\nissued: 2021-12-24\nsummary: \"Quy định chi tiết về cai nghiện.\"\n---\n\nNội dung.\n";

const META: &str = "title: {vi: \"Thử\", en: \"Test\"}\ndescription: {vi: \"Bộ số liệu thử\", en: \"A test dataset\"}\nsource: \"Thử\"\nunit: {vi: \"người\", en: \"people\"}\nillustrative: true\ndimensions:\n  - name: khu_vuc\n    label: {vi: \"Khu vực\", en: \"Region\"}\n    total: \"Tổng\"\n    codes: [\"Bắc\", \"Trung\", \"Nam\"]\n  - name: nam\n    label: {vi: \"Năm\", en: \"Year\"}\n    kind: period\n    codes: [2024, 2025]\nmeasures:\n  - name: nguoi\n    label: {vi: \"Số người\", en: \"People\"}\n";

const HOTLINES: &str = "- number: \"111\"\n  name: {vi: \"Tổng đài bảo vệ trẻ em\", en: \"Child protection hotline\"}\n  scope: national\n  hours: {vi: \"24/7\", en: \"24/7\"}\n  cost: free\n  purpose: {vi: \"Bảo vệ trẻ em\", en: \"Child protection\"}\n";

const PAGE: &str = "---\ntitle: \"Trang mới\"\n---\n\nNội dung.\n";

fn cases() -> Vec<Case> {
    let p = "content/plans/moi.vi.md";
    let c = |name, files, code, file, line, fix_has, exit| Case {
        name,
        files,
        code,
        file,
        line,
        fix_has,
        exit,
    };
    vec![
        c("date written 15/3/2021", vec![(p, plan(&[("issued: 2021-03-15", "issued: 15/3/2021")]))], "invalid-date", p, 4, &["issued: 2021-03-15"], 1),
        c("date written 15-3-2021", vec![(p, plan(&[("issued: 2021-03-15", "issued: 15-3-2021")]))], "invalid-date", p, 4, &["issued: 2021-03-15"], 1),
        c("date written 15.3.2021", vec![(p, plan(&[("issued: 2021-03-15", "issued: 15.3.2021")]))], "invalid-date", p, 4, &["issued: 2021-03-15"], 1),
        c("date in words", vec![(p, plan(&[("issued: 2021-03-15", "issued: ngày 15 tháng 3 năm 2021")]))], "invalid-date", p, 4, &["issued: 2021-03-15"], 1),
        c("date with a blank day", vec![(p, plan(&[("issued: 2021-03-15", "issued: ngày    tháng 3 năm 2021")]))], "invalid-date", p, 4, &["issued: 2021-03"], 1),
        c("month and year as 3/2021", vec![(p, plan(&[("issued: 2021-03-15", "issued: 3/2021")]))], "invalid-date", p, 4, &["issued: 2021-03"], 1),
        c("signer with a comma, not a group", vec![(p, plan(&[("summary: \"Tóm tắt.\"\n", "summary: \"Tóm tắt.\"\nsigner: Đoàn Tấn Bửu, Phó Chủ tịch\n")]))], "group-as-text", p, 8, &["signer: {name: \"Đoàn Tấn Bửu\", role: \"Phó Chủ tịch\"}"], 1),
        c("period written 2021-2025", vec![(p, plan(&[("period: {from: 2021, to: 2025}", "period: 2021-2025")]))], "group-as-text", p, 5, &["period: {from: 2021, to: 2025}"], 1),
        c("colon inside a value", vec![(p, plan(&[("title: \"Kế hoạch phòng, chống ma túy năm 2021\"", "title: Kế hoạch: phòng, chống ma túy")]))], "unquoted-value", p, 2, &["title: \"Kế hoạch: phòng, chống ma túy\""], 1),
        c("text after the closing quote", vec![(p, plan(&[("title: \"Kế hoạch phòng, chống ma túy năm 2021\"", "title: \"Kế hoạch\" số 12")]))], "quote-in-value", p, 2, &["title: '\"Kế hoạch\" số 12'"], 1),
        c("quote never closed", vec![(p, plan(&[("title: \"Kế hoạch phòng, chống ma túy năm 2021\"", "title: \"Kế hoạch số 12")]))], "unclosed-quote", p, 2, &["title: \"Kế hoạch số 12\""], 1),
        c("bracket never closed", vec![(p, plan(&[("period: {from: 2021, to: 2025}", "period: {from: 2021, to: 2025")]))], "unclosed-bracket", p, 5, &["period: {from: 2021, to: 2025}"], 1),
        c("tab for indentation", vec![(p, with_targets("targets:\n  - id: t1\n\tlabel: \"Tỷ lệ\"\n"))], "yaml-tab", p, 10, &["label: \"Tỷ lệ\""], 1),
        c("list written as text", vec![(p, plan(&[("summary: \"Tóm tắt.\"\n", "summary: \"Tóm tắt.\"\nlegal_basis: nd-116-2021-nd-cp, luat-73-2021-qh14\n")]))], "list-as-text", p, 8, &["legal_basis: [nd-116-2021-nd-cp, luat-73-2021-qh14]"], 1),
        c("target label indented too little", vec![(p, with_targets("targets:\n  - id: t1\n    value: 80\n    unit: \"%\"\n    by: 2025\n label: \"Tỷ lệ người nghiện được điều trị\"\n"))], "wrong-indent", p, 13, &["    label: \"Tỷ lệ người nghiện được điều trị\""], 1),
        c("field indented under a text", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary: \"Tóm tắt.\"\n  slug: moi")]))], "wrong-indent", p, 8, &["slug: moi"], 1),
        c("no space after the colon", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary:Tóm tắt")]))], "no-space-after-colon", p, 7, &["summary: Tóm tắt"], 1),
        c("yes/no written có", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary: \"Tóm tắt.\"\ndraft: có")]))], "not-true-false", p, 8, &["draft: true"], 1),
        c("percent sign in a number", vec![(p, with_targets("targets:\n  - {id: t1, label: \"Tỷ lệ\", value: 80%, unit: \"%\", by: 2025}\n"))], "not-a-number", p, 9, &["value: 80"], 1),
        c("Vietnamese decimal comma", vec![(p, with_targets("targets:\n  - id: t1\n    label: \"Số người\"\n    value: 1.200,5\n    unit: \"người\"\n    by: 2025\n"))], "not-a-number", p, 11, &["value: 1200.5"], 1),
        c("year written năm 2025", vec![(p, with_targets("targets:\n  - id: t1\n    label: \"Số người\"\n    value: 100\n    unit: \"người\"\n    by: năm 2025\n"))], "not-a-number", p, 13, &["by: 2025"], 1),
        c("field written twice", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary: \"Tóm tắt.\"\ntitle: \"Kế hoạch khác\"")]))], "duplicate-field", p, 8, &["title:", "2"], 1),
        c("field name in Vietnamese", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary: \"Tóm tắt.\"\nngười ký: \"Đoàn Tấn Bửu\"")]))], "unknown-field", p, 8, &["signer:"], 1),
        c("field name with a capital", vec![(p, plan(&[("summary:", "Summary:")]))], "unknown-field", p, 7, &["summary:"], 1),
        c("misspelt field", vec![(p, plan(&[("summary:", "sumary:")]))], "unknown-field", p, 7, &["summary"], 1),
        c("required field left empty", vec![(p, plan(&[("title: \"Kế hoạch phòng, chống ma túy năm 2021\"", "title:")]))], "empty-value", p, 2, &["title: \"...\""], 1),
        c("area level in Vietnamese", vec![(p, plan(&[("level: province", "level: tỉnh")]))], "unknown-value", p, 6, &["level: province"], 1),
        c("kind of act in Vietnamese", vec![("content/laws/nd-moi.vi.md", LAW.replace("kind: decree", "kind: nghị định"))], "unknown-value", "content/laws/nd-moi.vi.md", 4, &["kind: decree"], 1),
        c("kind of act: kế hoạch", vec![("content/laws/kh-moi.vi.md", LAW.replace("kind: decree", "kind: kế hoạch"))], "unknown-value", "content/laws/kh-moi.vi.md", 4, &["kind: plan"], 1),
        c("kind of provider in Vietnamese", vec![("content/facilities/thu-nghiem.yaml", facility("kind: voluntary_public", "kind: cai nghiện tự nguyện"))], "unknown-value", "content/facilities/thu-nghiem.yaml", 4, &["kind: voluntary_public", "kind: voluntary_private"], 1),
        c("service in Vietnamese", vec![("content/facilities/thu-nghiem.yaml", facility("fees:", "services: [tư vấn]\nfees:"))], "unknown-value", "content/facilities/thu-nghiem.yaml", 10, &["services: [counselling]"], 1),
        c("province without diacritics", vec![(p, plan(&[("current_province: \"Đồng Tháp\"", "current_province: \"Dong Thap\"")]))], "unknown-province", p, 6, &["current_province: \"Đồng Tháp\""], 1),
        c("document province without diacritics", vec![(p, plan(&[("province: \"Tiền Giang\"", "province: Dong Thap")]))], "unknown-province", p, 6, &["province: \"Đồng Tháp\""], 1),
        c("former province as current_province", vec![(p, plan(&[("current_province: \"Đồng Tháp\"", "current_province: \"Tiền Giang\"")]))], "unknown-province", p, 6, &["province: \"Tiền Giang\"", "current_province: \"Đồng Tháp\""], 1),
        c("TP HCM abbreviation", vec![(p, plan(&[("province: \"Tiền Giang\", current_province: \"Đồng Tháp\"", "province: \"Hồ Chí Minh\", current_province: \"TP HCM\"")]))], "unknown-province", p, 6, &["current_province: \"Hồ Chí Minh\""], 1),
        c("province with its prefix", vec![(p, plan(&[("current_province: \"Đồng Tháp\"", "current_province: \"tỉnh Đồng Tháp\"")]))], "unknown-province", p, 6, &["current_province: \"Đồng Tháp\""], 1),
        c("former province in a provider's address", vec![("content/facilities/thu-nghiem.yaml", facility("  province: \"Đà Nẵng\"\n  former_province: \"Quảng Nam\"\n", "  province: \"Quảng Nam\"\n"))], "unknown-province", "content/facilities/thu-nghiem.yaml", 6, &["province: \"Đà Nẵng\"", "former_province: \"Quảng Nam\""], 1),
        c("provider id differs from the file name", vec![("content/facilities/thu-nghiem.yaml", facility("id: thu-nghiem", "id: co-so-thu"))], "id-mismatch", "content/facilities/thu-nghiem.yaml", 1, &["id: thu-nghiem"], 1),
        c("provider id with diacritics", vec![("content/facilities/Cơ sở.yaml", facility("id: thu-nghiem", "id: Cơ sở"))], "invalid-id", "content/facilities/Cơ sở.yaml", 1, &["co-so"], 1),
        c("coordinates swapped", vec![("content/facilities/thu-nghiem.yaml", facility("fees:", "geo: {lat: 108.2, lon: 16.05}\nfees:"))], "geo-outside-vietnam", "content/facilities/thu-nghiem.yaml", 0, &["lat: 16.05", "lon: 108.2"], 0),
        c("extra language file", vec![("content/pages/gioi-thieu.fr.md", PAGE.to_string())], "unknown-language", "content/pages/gioi-thieu.fr.md", 0, &["gioi-thieu.vi.md", "gioi-thieu.en.md"], 1),
        c("missing language file", vec![("content/pages/moi.vi.md", PAGE.to_string())], "missing-translation", "content/pages/moi.vi.md", 0, &["content/pages/moi.en.md"], 0),
        c("translation left as a draft", vec![("content/pages/moi.vi.md", PAGE.to_string()), ("content/pages/moi.en.md", PAGE.replace("---\n\n", "draft: true\n---\n\n"))], "draft-translation", "content/pages/moi.vi.md", 0, &["content/pages/moi.en.md", "draft: true"], 0),
        c("published page links to a draft", vec![("content/pages/moi.vi.md", PAGE.replace("---\n\n", "draft: true\n---\n\n")), ("content/pages/lien-ket.vi.md", PAGE.replace("Nội dung.", "Xem [trang mới](@/pages/moi)."))], "link-to-draft", "content/pages/lien-ket.vi.md", 5, &["content/pages/moi.vi.md", "draft: true"], 1),
        c("link to a law that does not exist", vec![("content/pages/lien-ket.vi.md", PAGE.replace("Nội dung.", "Xem [nghị định](@/laws/nd-999)."))], "broken-link", "content/pages/lien-ket.vi.md", 5, &["@/laws/"], 1),
        c("legal basis not among the laws", vec![(p, plan(&[("summary: \"Tóm tắt.\"", "summary: \"Tóm tắt.\"\nlegal_basis: [nd-999]")]))], "unknown-act", p, 8, &["content/laws/nd-999.vi.md"], 1),
        c("count written with a thousands dot", vec![("content/stats/thu.yaml", META.to_string()), ("content/stats/thu.csv", "khu_vuc,nam,nguoi\nBắc,2024,1.234\n".to_string())], "stats-data", "content/stats/thu.csv", 2, &["`1234`"], 1),
        c("region code without diacritics", vec![("content/stats/thu.yaml", META.to_string()), ("content/stats/thu.csv", "khu_vuc,nam,nguoi\nBac,2024,1234\n".to_string())], "stats-data", "content/stats/thu.csv", 2, &["`Bắc`"], 1),
        c("personal data column", vec![("content/stats/thu.yaml", META.to_string()), ("content/stats/thu.csv", "khu_vuc,nam,họ tên,nguoi\nBắc,2024,x,1234\n".to_string())], "personal-data", "content/stats/thu.csv", 1, &["`họ tên`"], 1),
        c("hotline scope is a former province", vec![("content/hotlines.yaml", HOTLINES.replace("scope: national", "scope: \"Tiền Giang\""))], "unknown-province", "content/hotlines.yaml", 3, &["scope: \"Đồng Tháp\""], 1),
        c("phone number with an extension in words", vec![("content/hotlines.yaml", HOTLINES.replace("\"111\"", "\"0235 3852 999 (máy lẻ 2)\""))], "invalid-phone", "content/hotlines.yaml", 1, &["number: \"0235 3852 999\""], 1),
        c("misspelt link to a page", vec![("content/pages/lien-ket.vi.md", PAGE.replace("Nội dung.", "Xem [giới thiệu](@/pages/gioi-thieuu)."))], "broken-link", "content/pages/lien-ket.vi.md", 5, &["`@/pages/gioi-thieu`"], 1),
        c("bad #anchor in content", vec![("content/pages/lien-ket.vi.md", PAGE.replace("Nội dung.", "Xem [mục đích](@/plans/ke-hoach-thu#muc-dic)."))], "broken-link", "content/pages/lien-ket.vi.md", 5, &["#i-muc-dich"], 1),
    ]
}

/// `minh check --format json` in `lang`: exit status and diagnostics.
fn check(root: &std::path::Path, lang: &str) -> (i32, Vec<Value>) {
    let out = minh(&["check", "--format", "json", "--lang", lang], root);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        out.status.code().unwrap_or(-1),
        json.as_array().cloned().unwrap_or_default(),
    )
}

fn row(case: &Case, vi: &Value, en: &Value) -> String {
    let cell = |v: &Value, k: &str| v[k].as_str().unwrap_or("").replace('|', "\\|");
    format!(
        "| {} | `{}` | {} | {} | {} | {} |\n",
        case.name,
        case.code,
        cell(vi, "message"),
        cell(vi, "fix"),
        cell(en, "message"),
        cell(en, "fix")
    )
}

#[test]
fn every_catalogued_mistake_gets_code_place_and_exact_fix_in_both_languages() {
    let mut table = String::from("# Officials' mistakes and what minh answers\n\nGenerated by `tests/mistakes.rs` from minh's own output (`MINH_BLESS=1 cargo test --test mistakes` rewrites it).\n\n| mistake | code | thông báo (vi) | cách sửa (vi) | message (en) | fix (en) |\n| --- | --- | --- | --- | --- | --- |\n");
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 50, "the catalogue has {} mistakes", all.len());
    for case in &all {
        let dir = site();
        for (rel, text) in &case.files {
            write(dir.path(), rel, text);
        }
        let (status_vi, vi) = check(dir.path(), "vi");
        let (status_en, en) = check(dir.path(), "en");
        let pick = |ds: &[Value]| {
            ds.iter()
                .find(|d| d["code"] == case.code && d["file"] == case.file)
                .cloned()
        };
        let (Some(dvi), Some(den)) = (pick(&vi), pick(&en)) else {
            failures.push(format!(
                "{}: no `{}` in {}: {vi:#?}",
                case.name, case.code, case.file
            ));
            continue;
        };
        let mut problems = Vec::new();
        if status_vi != case.exit || status_en != case.exit {
            problems.push(format!("exit {status_vi}/{status_en}, want {}", case.exit));
        }
        if case.line > 0 && dvi["position"]["line"] != case.line {
            problems.push(format!(
                "line {}, want {}",
                dvi["position"]["line"], case.line
            ));
        }
        for d in [&dvi, &den] {
            let fix = d["fix"].as_str().unwrap_or("");
            for want in case.fix_has {
                if !fix.contains(want) {
                    problems.push(format!("fix lacks {want:?}: {fix}"));
                }
            }
            let said = format!("{} {}", d["message"].as_str().unwrap_or(""), fix);
            for words in PARSER_ENGLISH {
                if said.contains(words) {
                    problems.push(format!("parser words {words:?}: {said}"));
                }
            }
        }
        if dvi["message"] == den["message"] || dvi["fix"] == den["fix"] {
            problems.push("the Vietnamese text is the English one".into());
        }
        let vi_prose: String = format!("{} {}", dvi["message"], dvi["fix"])
            .split('`')
            .step_by(2)
            .collect();
        if vi_prose.is_ascii() {
            problems.push(format!("not Vietnamese: {vi_prose}"));
        }
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", case.name, problems.join("\n  ")));
        }
        table.push_str(&row(case, &dvi, &den));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let path = repo().join("docs/mistakes.md");
    if std::env::var_os("MINH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("docs")).expect("mkdir");
        std::fs::write(&path, &table).expect("write");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == table,
        "docs/mistakes.md differs from what minh says; run MINH_BLESS=1 cargo test --test mistakes"
    );
}

#[test]
fn one_error_is_counted_in_the_singular() {
    let dir = site();
    write(
        dir.path(),
        "content/plans/moi.vi.md",
        &plan(&[("issued: 2021-03-15", "issued: 15/3/2021")]),
    );
    let en = stderr(&minh(&["check", "--lang", "en"], dir.path()));
    assert!(en.contains("check: 1 error, "), "{en}");
    let build = stderr(&minh(&["build", "--lang", "en"], dir.path()));
    assert!(build.contains("build failed: 1 error, "), "{build}");
    let vi = stderr(&minh(&["check", "--lang", "vi"], dir.path()));
    assert!(vi.contains("kiểm tra: 1 lỗi, "), "{vi}");
}
