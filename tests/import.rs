//! `minh import plan`: the four seed plans imported as text match the hand-written pages field by
//! field; the same plans as Word files give the same front matter; an NFD copy with PDF line
//! breaks, a blank number and a blank day imports without loss; bad files get a clear error and
//! write nothing; the written page builds.

mod common;

use common::{repo, stderr};
use minh::load::kinds::plan::PlanFront;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use unicode_normalization::UnicodeNormalization;

/// (seed file, hand-written page) pairs.
const PLANS: [(&str, &str); 4] = [
    ("000_8c9a3f2315a58395.txt", "tan-chau-73-kh-ubnd-2022"),
    ("001_053ff70d61f45905.txt", "hoang-xuan-cai-nghien-2021"),
    ("002_06f1a8cfb32fbf27.txt", "quang-nam-1737-kh-ubnd-2024"),
    ("003_fa5dc1f1927a4d1f.txt", "quang-tri-cai-nghien-2022-2025"),
];

fn seeds() -> PathBuf {
    let shared = repo().join("../shared/seeds");
    if shared.is_dir() {
        shared
    } else {
        PathBuf::from("/work/shared/seeds")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let dest = to.join(e.path().strip_prefix(from).expect("prefix"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A copy of the repository's real site (content, theme, configuration) in a temporary folder.
fn real_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for part in ["content", "themes", "static"] {
        let from = repo().join(part);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(part));
        }
    }
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    dir
}

fn minh(args: &[&str], root: &Path, lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("MINH_TODAY", "2026-11-25")
        .env("MINH_LANG", lang)
        .output()
        .expect("run minh")
}

fn import(file: &Path, name: &str, root: &Path, lang: &str) -> Output {
    minh(
        &[
            "import",
            "plan",
            file.to_str().expect("path"),
            "--name",
            name,
        ],
        root,
        lang,
    )
}

fn front_of(text: &str, file: &Path) -> PlanFront {
    let split = minh::load::front::split(text, file)
        .unwrap_or_else(|d| panic!("{}: {d:?}", file.display()));
    minh::yaml::parse::<PlanFront>(split.yaml, file, split.yaml_line)
        .unwrap_or_else(|d| panic!("{}: {d:?}\n{}", file.display(), split.yaml))
}

fn body_of(text: &str) -> String {
    text.split_once("\n---\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

fn read_page(root: &Path, name: &str) -> (PlanFront, String) {
    let path = root.join(format!("content/plans/{name}.vi.md"));
    let text = std::fs::read_to_string(&path).expect("written page");
    (front_of(&text, &path), text)
}

fn headings(text: &str) -> Vec<String> {
    body_of(text)
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Each target's value, or its range "from-to".
fn values(f: &PlanFront) -> Vec<String> {
    f.targets
        .iter()
        .map(|t| match (t.value, t.range) {
            (_, Some(r)) => format!("{}-{}", r.from, r.to),
            (Some(v), None) => format!("{v}"),
            (None, None) => "none".into(),
        })
        .collect()
}

fn basis(f: &PlanFront) -> std::collections::BTreeSet<String> {
    f.legal_basis.iter().map(|r| r.value.clone()).collect()
}

/// The fields both pages must agree on, as one comparable value.
fn facts(f: &PlanFront) -> String {
    format!(
        "number={:?} issuer={:?} issued={:?} period={}-{} area={:?}/{:?}/{:?}/{:?}/{:?} signer={:?}/{:?}",
        f.number,
        f.issuer,
        f.issued.map(|d| d.iso()),
        f.period.from,
        f.period.to,
        f.area.level,
        f.area.province.value,
        f.area.district,
        f.area.commune,
        f.area.current_province.value,
        f.signer.as_ref().map(|s| s.name.clone()),
        f.signer.as_ref().and_then(|s| s.role.clone()),
    )
}

#[test]
fn seeds_as_text_match_the_hand_written_pages_field_by_field() {
    let site = real_site();
    let root = site.path();
    for (seed, page) in PLANS {
        let name = format!("nhap-{page}");
        let o = import(&seeds().join(seed), &name, root, "vi");
        assert!(o.status.success(), "{seed}: {}", stderr(&o));
        let report = String::from_utf8_lossy(&o.stdout).into_owned();
        let (got, got_text) = read_page(root, &name);
        let hand_path = repo().join(format!("content/plans/{page}.vi.md"));
        let hand_text = std::fs::read_to_string(&hand_path).expect("hand-written page");
        let hand = front_of(&hand_text, &hand_path);

        assert_eq!(facts(&got), facts(&hand), "{seed}: front matter");
        assert_eq!(basis(&got), basis(&hand), "{seed}: legal basis");
        assert_eq!(
            headings(&got_text),
            headings(&hand_text),
            "{seed}: the document's parts"
        );
        match page {
            // The hand-written page adds "của xã Hoằng Xuân", which the document's title does
            // not say; the import keeps the document's words.
            "hoang-xuan-cai-nghien-2021" => {
                assert_eq!(got.title, "Kế hoạch cai nghiện ma túy năm 2021");
                assert!(hand.title.starts_with(&got.title));
            }
            _ => assert_eq!(got.title, hand.title, "{seed}: title"),
        }
        match page {
            // Two of the hand-written page's targets come from the tasks of part VI (what each
            // body must do), not from the "2. Chỉ tiêu cụ thể" part the import reads.
            "quang-tri-cai-nghien-2022-2025" => {
                assert_eq!(values(&got), values(&hand)[..9].to_vec(), "{seed}: targets");
                let ids: Vec<&str> = hand.targets[9..]
                    .iter()
                    .map(|t| t.id.value.as_str())
                    .collect();
                assert_eq!(
                    ids,
                    ["quan-ly-sau-cai-bat-buoc-100", "co-so-cong-dong-huyen-1"]
                );
            }
            _ => assert_eq!(values(&got), values(&hand), "{seed}: targets"),
        }
        for (t, h) in got.targets.iter().zip(&hand.targets) {
            // Where the document states a direction or scope, the page agrees with the editor's.
            if t.direction.is_some() {
                assert_eq!(t.direction, h.direction, "{seed}: {} direction", t.id.value);
            }
            if t.scope.is_some() {
                assert_eq!(t.scope, h.scope, "{seed}: {} scope", t.id.value);
            }
        }
        for t in &got.targets {
            assert_eq!(
                t.by, hand.period.to,
                "{seed}: {} by the end of the period",
                t.id.value
            );
            let start: String = minh::import::casing::lower_first(&t.label)
                .chars()
                .skip(1)
                .take(30)
                .collect();
            assert!(
                report.contains(&start),
                "{seed}: the report lists target {} with its source line",
                t.id.value
            );
        }
        let units: Vec<&str> = got.targets.iter().map(|t| t.unit.as_str()).collect();
        let hand_units: Vec<&str> = hand
            .targets
            .iter()
            .map(|t| t.unit.as_str())
            .take(units.len())
            .collect();
        assert_eq!(units, hand_units, "{seed}: units");
        // The layout's blocks are in the front matter, not repeated in the body.
        let body = body_of(&got_text);
        for moved in [
            "CỘNG HÒA XÃ HỘI",
            "Độc lập - Tự do",
            "Số:",
            "KẾ HOẠCH",
            "PHÓ CHỦ TỊCH",
        ] {
            assert!(
                !body.contains(moved),
                "{seed}: `{moved}` stays out of the body"
            );
        }
        assert!(
            body.contains("## Nơi nhận\n\n- "),
            "{seed}: recipients as the last section"
        );
        assert_eq!(got_text, got_text.nfc().collect::<String>(), "{seed}: NFC");
        // Every field in the report, with the line it came from.
        for field in [
            "title",
            "issuer",
            "period",
            "area.province",
            "signer.name",
            "legal_basis",
        ] {
            assert!(
                report.contains(field),
                "{seed}: the report names {field}:\n{report}"
            );
        }
        assert!(
            report.contains("dòng "),
            "{seed}: source lines in the report"
        );
        assert!(
            report.contains("minh check") && report.contains("minh serve"),
            "{seed}: next commands"
        );
    }
    // The imported pages build with the rest of the site.
    let o = minh(&["build"], root, "en");
    assert!(o.status.success(), "build: {}", stderr(&o));
    for (_, page) in PLANS {
        assert!(
            root.join(format!("public/vi/ke-hoach/nhap-{page}/index.html"))
                .exists(),
            "{page} is on the site"
        );
    }
}

/// What the text copies leave for a person to decide is said in the report.
#[test]
fn the_report_says_what_is_blank_inferred_or_missing() {
    let site = real_site();
    let root = site.path();
    let o = import(&seeds().join(PLANS[1].0), "hx", root, "vi");
    assert!(o.status.success(), "{}", stderr(&o));
    let vi = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(vi.contains("văn bản để trống số"), "blank number:\n{vi}");
    assert!(
        vi.contains("2021-03 (văn bản để trống ngày)"),
        "blank day:\n{vi}"
    );
    assert!(
        vi.contains("minh new law nd-221-2013-nd-cp"),
        "an act to add:\n{vi}"
    );
    assert!(
        vi.contains(
            "number: \"94/2010/NĐ-CP\", kind: decree, issuer: \"Chính phủ\", issued: 2010-09-09"
        ),
        "filled in from the citation:\n{vi}"
    );
    assert!(
        vi.contains("SUY RA"),
        "inferred district and province are marked:\n{vi}"
    );
    assert!(
        vi.contains("\"ccác\""),
        "a likely typo is pointed out:\n{vi}"
    );
    assert!(
        vi.trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Xong trong ")
                && l.contains(
                    "3 văn bản căn cứ có trên trang, 5 cần thêm; 0 chỉ tiêu cần xác nhận."
                )),
        "a closing summary:\n{vi}"
    );
    let (front, text) = read_page(root, "hx");
    assert_eq!(front.number, None);
    assert!(text.contains("ccác"), "the text's own spelling is kept");
    assert_eq!(
        front
            .signer
            .as_ref()
            .and_then(|s| s.capacity.clone())
            .as_deref(),
        Some("KT. Chủ tịch")
    );

    let o = import(&seeds().join(PLANS[0].0), "tc", root, "en");
    let en = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(en.contains("Targets to confirm (2"), "{en}");
    assert!(
        en.contains("at_most (\"dưới\")") && en.contains("at_least (\"trên\")"),
        "directions:\n{en}"
    );
    assert!(
        en.contains("INFERRED") && en.contains("kh-1060-kh-sldtbxh-tay-ninh-2022"),
        "the province comes from the cited act:\n{en}"
    );
    assert!(
        en.contains("\"CHỦ TỊCH\" stands above the role without TM./KT."),
        "{en}"
    );
    let o = import(&seeds().join(PLANS[2].0), "qn", root, "en");
    let en = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        en.contains("Quảng Nam was merged into Đà Nẵng on 1 July 2025"),
        "{en}"
    );
    assert!(
        en.contains("\"Hệ thống pháp luật\""),
        "lines outside the layout are listed:\n{en}"
    );
    let (front, _) = read_page(root, "qn");
    assert_eq!(
        front.signer.and_then(|s| s.capacity).as_deref(),
        Some("TM. Ủy ban nhân dân, KT. Chủ tịch")
    );
}

// ---------------------------------------------------------------------------------------------
// Word files, written in the test: the XML of a .docx in a zip.

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run: `**bold**` in the text becomes a bold run.
fn runs(text: &str) -> String {
    let mut out = String::new();
    for (k, part) in text.split("**").enumerate() {
        if part.is_empty() {
            continue;
        }
        let props = if k % 2 == 1 {
            "<w:rPr><w:b/></w:rPr>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(part)
        ));
    }
    out
}

fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", runs(text))
}

fn table(rows: &[Vec<Vec<String>>]) -> String {
    let mut out = String::from("<w:tbl>");
    for r in rows {
        out.push_str("<w:tr>");
        for c in r {
            out.push_str("<w:tc>");
            for p in c {
                out.push_str(&para(p));
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn write_docx(path: &Path, body: &str) {
    let file = std::fs::File::create(path).expect("docx");
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).expect("zip");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).expect("zip");
    zip.start_file("word/document.xml", opts).expect("zip");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip");
}

/// The seed as the office's Word file would hold it: header and signature in layout tables,
/// whole paragraphs, numbered parts in bold, and a table of figures in the body.
fn docx_from_seed(seed: &str, imported_page: &str, path: &Path) {
    let src = std::fs::read_to_string(seeds().join(seed)).expect("seed");
    let lines: Vec<String> = src
        .lines()
        .map(minh::import::casing::plain)
        .filter(|l| !l.is_empty())
        .collect();
    // Header: issuer | motto, then number | date (as the text copy's layout reads them).
    let doc = minh::import::source::from_text(src.as_bytes(), minh::import::source::Format::Text)
        .expect("text");
    let layout = minh::import::layout::parse(&doc).expect("layout");
    let issuer: Vec<String> = layout.issuer.iter().map(|f| f.text.clone()).collect();
    let motto: Vec<String> = layout.motto.iter().map(|f| f.text.clone()).collect();
    let number = layout
        .number
        .as_ref()
        .map(|n| n.found.text.clone())
        .unwrap_or_default();
    let date = layout
        .date
        .as_ref()
        .map(|d| d.1.text.clone())
        .unwrap_or_default();
    let mut body = String::new();
    body.push_str(&table(&[
        vec![issuer.clone(), motto],
        vec![vec![number], vec![date]],
    ]));
    body.push_str(&para("**KẾ HOẠCH**"));
    // The title and body as whole paragraphs: the imported page's blocks.
    let text = std::fs::read_to_string(imported_page).expect("imported page");
    let title_lines: Vec<&str> = src
        .lines()
        .skip_while(|l| minh::import::casing::plain(l) != "KẾ HOẠCH")
        .skip(1)
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(1)
        .collect();
    body.push_str(&para(&minh::import::casing::plain(title_lines[0])));
    let page_body = body_of(&text);
    let (main, tail) = page_body.split_once("## Nơi nhận").expect("recipients");
    let mut table_done = false;
    for block in main.split("\n\n") {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if let Some(h) = block
            .strip_prefix("## ")
            .or_else(|| block.strip_prefix("### "))
            .or_else(|| block.strip_prefix("#### "))
        {
            body.push_str(&para(&format!("**{h}**")));
            if !table_done {
                body.push_str(&table(&[
                    vec![vec!["**Chỉ số**".into()], vec!["**Năm trước**".into()]],
                    vec![
                        vec!["Số người cai nghiện".into()],
                        vec!["(số liệu mẫu)".into()],
                    ],
                ]));
                table_done = true;
            }
        } else {
            for line in block.lines() {
                body.push_str(&para(line.trim_start()));
            }
        }
    }
    // Recipients and signature side by side, as Word documents set them.
    let recipients: Vec<String> = std::iter::once("Nơi nhận:".to_string())
        .chain(
            tail.lines()
                .filter(|l| l.starts_with("- "))
                .map(str::to_string),
        )
        .collect();
    let sig_start = lines
        .iter()
        .rposition(|l| l.starts_with('-'))
        .expect("last recipient");
    let signature: Vec<String> = lines[sig_start + 1..].to_vec();
    body.push_str(&table(&[vec![recipients, signature]]));
    write_docx(path, &body);
}

#[test]
fn the_same_plans_as_word_files_give_the_same_front_matter() {
    let site = real_site();
    let root = site.path();
    let dir = tempfile::tempdir().expect("tempdir");
    for (seed, page) in PLANS {
        let text_name = format!("txt-{page}");
        let o = import(&seeds().join(seed), &text_name, root, "en");
        assert!(o.status.success(), "{seed}: {}", stderr(&o));
        let docx = dir.path().join(format!("{page}.docx"));
        docx_from_seed(
            seed,
            root.join(format!("content/plans/{text_name}.vi.md"))
                .to_str()
                .expect("p"),
            &docx,
        );
        let docx_name = format!("docx-{page}");
        let o = import(&docx, &docx_name, root, "en");
        assert!(o.status.success(), "{page}.docx: {}", stderr(&o));
        let report = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            report.contains("paragraph "),
            "a Word file's places are paragraphs:\n{report}"
        );
        let (from_text, _) = read_page(root, &text_name);
        let (from_docx, docx_text) = read_page(root, &docx_name);
        assert_eq!(facts(&from_docx), facts(&from_text), "{page}: front matter");
        assert_eq!(from_docx.title, from_text.title, "{page}: title");
        assert_eq!(basis(&from_docx), basis(&from_text), "{page}: legal basis");
        assert_eq!(values(&from_docx), values(&from_text), "{page}: targets");
        let body = body_of(&docx_text);
        assert!(
            body.contains("| **Chỉ số** | **Năm trước** |\n| --- | --- |\n| Số người cai nghiện | (số liệu mẫu) |"),
            "{page}: the Word table is a markdown table:\n{body}"
        );
        assert!(
            body.contains("## I. "),
            "{page}: bold numbered parts are headings"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A copy in decomposed Unicode with PDF line breaks, a blank number and a blank day.

const NFD_PLAN: &str = "UỶ BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN CHÂU THÀNH                   Độc lập - Tự do - Hạnh phúc

Số:      /KH-UBND              Châu Thành, ngày     tháng 5 năm 2023

KẾ HOẠCH
Hỗ trợ cai nghiện ma túy tự nguyện tại gia
đình và cộng đồng năm 2023

Căn cứ Kế hoạch số 112/KH-UBND ngày 02/3/2023 của Uỷ ban nhân dân tỉnh Đồng Tháp về công tác
cai nghiện ma túy năm 2023; Uỷ ban nhân dân huyện Châu Thành ban hành Kế hoạch như sau:
I. MỤC TIÊU
1. Chỉ tiêu
- Phấn đấu ít nhất 70% người nghiện có hồ sơ quản lý được tư vấn, hỗ trợ phục hồi chức nă-
ng tại cộng đồng.
- Hằng năm tổ chức không dưới 4 lớp tập huấn cho cán bộ.
II. NHIỆM VỤ
Tổ chức điểm tư vấn tại các xã, thị trấn trên địa bàn huyện theo Nghị định
số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ.
Nơi nhận:                                         KT. CHỦ TỊCH
- UBND tỉnh (b/c);                                PHÓ CHỦ TỊCH
- Lưu: VT.

                                                  Lê Văn Bình
";

/// Letters and digits, lowercased: what must survive an import whatever the layout.
fn letters(s: &str) -> String {
    s.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[test]
fn an_nfd_pdf_copy_with_blank_number_and_day_imports_without_loss() {
    let site = real_site();
    let root = site.path();
    let dir = tempfile::tempdir().expect("tempdir");
    let nfd: String = NFD_PLAN.nfd().collect();
    assert_ne!(nfd, NFD_PLAN);
    let file = dir.path().join("ke-hoach.txt");
    std::fs::write(&file, &nfd).expect("write");
    let o = import(&file, "chau-thanh-2023", root, "vi");
    assert!(o.status.success(), "{}", stderr(&o));
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    let (front, text) = read_page(root, "chau-thanh-2023");
    assert_eq!(text, text.nfc().collect::<String>(), "the page is NFC");
    assert_eq!(front.number, None, "a blank number stays absent");
    assert!(report.contains("văn bản để trống số"), "{report}");
    assert_eq!(front.issued.map(|d| d.iso()).as_deref(), Some("2023-05"));
    assert_eq!(
        front.issuer, "Uỷ ban nhân dân huyện Châu Thành",
        "the text's own spelling"
    );
    assert_eq!(
        front.title,
        "Kế hoạch hỗ trợ cai nghiện ma túy tự nguyện tại gia đình và cộng đồng năm 2023"
    );
    assert_eq!(front.area.province.value, "Đồng Tháp");
    assert_eq!(front.area.current_province.value, "Đồng Tháp");
    assert_eq!(front.area.district.as_deref(), Some("Châu Thành"));
    assert_eq!(
        front
            .signer
            .as_ref()
            .map(|s| (s.name.as_str(), s.role.as_deref(), s.capacity.as_deref())),
        Some(("Lê Văn Bình", Some("Phó Chủ tịch"), Some("KT. Chủ tịch")))
    );
    assert_eq!(
        basis(&front),
        ["nd-116-2021-nd-cp".to_string()].into_iter().collect()
    );
    assert!(
        report.contains("minh new law kh-112-kh-ubnd-dong-thap-2023"),
        "{report}"
    );
    assert_eq!(values(&front), vec!["70", "4"]);
    assert_eq!(front.targets[1].unit, "lớp");
    use minh::load::kinds::plan::{Direction, Scope};
    assert_eq!(
        front.targets[0].direction,
        Some(Direction::AtLeast),
        "\"ít nhất\""
    );
    assert_eq!(
        front.targets[1].direction,
        Some(Direction::AtLeast),
        "\"không dưới\""
    );
    assert_eq!(front.targets[1].scope, Some(Scope::PerYear), "\"hằng năm\"");
    assert_eq!(
        front.targets[0].scope, None,
        "not stated, left for the official"
    );
    assert!(
        text.contains("# scope: period, per_year hoặc at_date? Văn bản không ghi"),
        "{text}"
    );
    let body = body_of(&text);
    assert!(
        body.contains("phục hồi chức năng tại cộng đồng"),
        "a hyphenated break is mended:\n{body}"
    );
    assert!(
        body.contains("theo Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ."),
        "lines rejoined:\n{body}"
    );
    assert!(
        body.contains("## I. Mục tiêu\n\n### 1. Chỉ tiêu\n\n- Phấn đấu"),
        "{body}"
    );
    assert!(
        body.contains("## Nơi nhận\n\n- UBND tỉnh (b/c);\n- Lưu: VT."),
        "{body}"
    );
    // Nothing of the text between the title and the recipients is lost.
    let src: String = NFD_PLAN
        .split_once("cộng đồng năm 2023\n\n")
        .and_then(|(_, rest)| rest.split_once("Nơi nhận"))
        .map(|(b, _)| b.to_string())
        .expect("source body");
    let out = body
        .split_once("## Nơi nhận")
        .map(|(b, _)| b)
        .expect("body");
    assert_eq!(letters(out), letters(&src));
}

/// The body of each seed keeps every letter of the document's text between title and recipients.
#[test]
fn seed_bodies_keep_every_word() {
    let site = real_site();
    let root = site.path();
    for (seed, page) in PLANS {
        let name = format!("w-{page}");
        let o = import(&seeds().join(seed), &name, root, "en");
        assert!(o.status.success(), "{seed}: {}", stderr(&o));
        let (_, text) = read_page(root, &name);
        let src = std::fs::read_to_string(seeds().join(seed)).expect("seed");
        let src_lines: Vec<&str> = src.lines().collect();
        // From the line after the title (the report's title line) to "Nơi nhận".
        let report = String::from_utf8_lossy(&o.stdout).into_owned();
        let kind = src_lines
            .iter()
            .position(|l| minh::import::casing::plain(l) == "KẾ HOẠCH")
            .expect("kind");
        let title_end = src_lines[kind + 1..]
            .iter()
            .position(|l| {
                let p = minh::import::casing::plain(l);
                p.starts_with("Thực hiện Kế hoạch")
                    || p.starts_with("Thực hiện kế hoạch")
                    || p.starts_with("Căn cứ")
                    || p.starts_with("Thực hiện Nghị định")
            })
            .map(|p| kind + 1 + p)
            .expect("body start");
        let end = src_lines
            .iter()
            .rposition(|l| l.contains("Nơi nhận"))
            .expect("recipients");
        let src_body = src_lines[title_end..end].join("\n");
        let out = body_of(&text);
        let out = out.split_once("## Nơi nhận").map(|(b, _)| b).expect("body");
        assert_eq!(letters(out), letters(&src_body), "{seed}: {report}");
    }
}

// ---------------------------------------------------------------------------------------------
// Files that are not plans.

fn plans_listing(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join("content/plans"))
        .expect("plans")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn files_that_are_not_plans_get_a_clear_error_and_nothing_is_written() {
    let site = real_site();
    let root = site.path();
    let dir = tempfile::tempdir().expect("tempdir");
    let before = plans_listing(root);

    let empty = dir.path().join("trong.txt");
    std::fs::write(&empty, "  \n\n").expect("write");
    let binary = dir.path().join("anh.txt");
    std::fs::write(
        &binary,
        [0x89u8, b'P', b'N', b'G', 0, 0, 0x1a, 0xff, 0xfe, 0x00, 0x10],
    )
    .expect("write");
    let random_docx = dir.path().join("thu-moi.docx");
    write_docx(
        &random_docx,
        &(para("Kính gửi các đồng chí,") + &para("Mời dự họp lúc **8 giờ** ngày mai.")),
    );
    let zip_not_word = dir.path().join("khong-phai-word.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_not_word).expect("zip"));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .expect("zip");
        zip.write_all(b"hello").expect("zip");
        zip.finish().expect("zip");
    }
    let not_zip_docx = dir.path().join("hong.docx");
    std::fs::write(&not_zip_docx, b"this is not a zip").expect("write");
    let decision = dir.path().join("quyet-dinh.txt");
    std::fs::write(
        &decision,
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nQUYẾT ĐỊNH\nVề việc ban hành kế hoạch\n",
    )
    .expect("write");
    let pdf = dir.path().join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").expect("write");

    for (file, vi, en) in [
        (&empty, "tệp trống", "the file is empty"),
        (&binary, "không phải văn bản UTF-8", "not UTF-8 text"),
        (
            &random_docx,
            "không thấy dòng tên loại văn bản \"KẾ HOẠCH\"",
            "does not look like a plan",
        ),
        (
            &zip_not_word,
            "không có word/document.xml",
            "has no word/document.xml",
        ),
        (
            &not_zip_docx,
            "không phải tài liệu Word",
            "not a readable Word .docx",
        ),
        (
            &decision,
            "văn bản là \"QUYẾT ĐỊNH\", không phải kế hoạch",
            "is a \"QUYẾT ĐỊNH\", not a plan",
        ),
        (
            &pdf,
            "không đọc được loại tệp `.pdf`",
            "`.pdf` files cannot be imported",
        ),
    ] {
        let o = import(file, "khong-duoc-ghi", root, "vi");
        assert_eq!(o.status.code(), Some(1), "{}", file.display());
        let e = stderr(&o);
        assert!(
            e.contains(vi) && e.contains("cách sửa:") && e.contains("không ghi tệp nào"),
            "{}: {e}",
            file.display()
        );
        assert!(
            e.contains(&file.display().to_string()),
            "names the file: {e}"
        );
        let o = import(file, "khong-duoc-ghi", root, "en");
        let e = stderr(&o);
        assert!(
            e.contains(en) && e.contains("fix:") && e.contains("nothing was written"),
            "{}: {e}",
            file.display()
        );
        assert_eq!(
            plans_listing(root),
            before,
            "{}: nothing written",
            file.display()
        );
    }
}

#[test]
fn an_existing_page_is_never_overwritten() {
    let site = real_site();
    let root = site.path();
    let seed = seeds().join(PLANS[2].0);
    let existing = root.join("content/plans/quang-nam-1737-kh-ubnd-2024.vi.md");
    let before = std::fs::read_to_string(&existing).expect("page");
    // The default name is the hand-written page's own name: refused.
    let o = minh(&["import", "plan", seed.to_str().expect("p")], root, "en");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/plans/quang-nam-1737-kh-ubnd-2024.vi.md already exists"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&existing).expect("page"), before);
    let o = import(&seed, "lan-hai", root, "en");
    assert!(o.status.success());
    let first = std::fs::read_to_string(root.join("content/plans/lan-hai.vi.md")).expect("page");
    let o = import(&seed, "lan-hai", root, "vi");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("đã có; tệp được giữ nguyên"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("content/plans/lan-hai.vi.md")).expect("page"),
        first
    );
}
