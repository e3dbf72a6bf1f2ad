//! Word (.docx) reader: the zip's word/document.xml as paragraphs with bold and italic, and tables.

use super::ImportError;
use std::io::Read;

/// A paragraph (markdown inline marks for bold and italic, `\n` for a line break) or a table
/// (rows of cells of paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    Table(Vec<Vec<Vec<String>>>),
}

/// Why a .docx file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxProblem {
    NotZip,
    NoDocument,
    Unreadable(String),
    BadXml(String),
    NoBody,
}

impl DocxProblem {
    /// The reason in Vietnamese and in English.
    pub fn text(&self) -> (String, String) {
        match self {
            DocxProblem::NotZip => (
                "tệp không phải tệp nén zip như mọi tệp .docx".into(),
                "the file is not a zip archive, as every .docx is".into(),
            ),
            DocxProblem::NoDocument => (
                "tệp nén không có word/document.xml".into(),
                "the archive has no word/document.xml".into(),
            ),
            DocxProblem::Unreadable(e) => (
                format!("không đọc được word/document.xml: {e}"),
                format!("word/document.xml cannot be read: {e}"),
            ),
            DocxProblem::BadXml(e) => (
                format!("word/document.xml không phải XML hợp lệ: {e}"),
                format!("word/document.xml is not valid XML: {e}"),
            ),
            DocxProblem::NoBody => (
                "word/document.xml không có phần thân (w:body)".into(),
                "word/document.xml has no body (w:body)".into(),
            ),
        }
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// A document.xml larger than this is not a plan (and would be a zip bomb).
const MAX_XML: u64 = 64 * 1024 * 1024;

/// Reads the body of a .docx file.
pub fn read(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| ImportError::NotDocx(DocxProblem::NotZip))?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| ImportError::NotDocx(DocxProblem::NoDocument))?;
    let mut xml = String::new();
    entry
        .by_ref()
        .take(MAX_XML)
        .read_to_string(&mut xml)
        .map_err(|e| ImportError::NotDocx(DocxProblem::Unreadable(e.to_string())))?;
    let doc = roxmltree::Document::parse(&xml)
        .map_err(|e| ImportError::NotDocx(DocxProblem::BadXml(e.to_string())))?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or(ImportError::NotDocx(DocxProblem::NoBody))?;
    let mut out = Vec::new();
    blocks(body, &mut out);
    Ok(out)
}

fn is(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.children().find(|c| is(c, name))
}

/// Paragraphs and tables in document order; content controls (w:sdt) are looked into.
fn blocks(parent: roxmltree::Node, out: &mut Vec<Block>) {
    for n in parent.children() {
        if is(&n, "p") {
            out.push(Block::Para(paragraph(n)));
        } else if is(&n, "tbl") {
            out.push(Block::Table(table(n)));
        } else if is(&n, "sdt") {
            if let Some(c) = child(n, "sdtContent") {
                blocks(c, out);
            }
        }
    }
}

fn table(tbl: roxmltree::Node) -> Vec<Vec<Vec<String>>> {
    tbl.children()
        .filter(|r| is(r, "tr"))
        .map(|tr| {
            tr.children()
                .filter(|c| is(c, "tc"))
                .map(|tc| {
                    let mut inner = Vec::new();
                    blocks(tc, &mut inner);
                    inner
                        .into_iter()
                        .flat_map(|b| match b {
                            Block::Para(p) => vec![p],
                            Block::Table(rows) => rows.into_iter().flatten().flatten().collect(),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// A toggle property (w:b, w:i) is on unless its value says off.
fn on(props: Option<roxmltree::Node>, name: &str) -> bool {
    props.and_then(|p| child(p, name)).is_some_and(|b| {
        !matches!(
            b.attribute((W, "val")),
            Some("0") | Some("false") | Some("off") | Some("none")
        )
    })
}

/// The paragraph's text with `**bold**` and `*italic*` marks around runs that carry them.
fn paragraph(p: roxmltree::Node) -> String {
    let mut spans: Vec<(bool, bool, String)> = Vec::new();
    let mut runs = Vec::new();
    collect_runs(p, &mut runs);
    for r in runs {
        let props = child(r, "rPr");
        let (b, i) = (on(props, "b"), on(props, "i"));
        let mut text = String::new();
        for c in r.children() {
            if is(&c, "t") {
                text.push_str(c.text().unwrap_or(""));
            } else if is(&c, "tab") {
                text.push(' ');
            } else if is(&c, "br") || is(&c, "cr") {
                text.push('\n');
            } else if is(&c, "noBreakHyphen") {
                text.push('-');
            }
        }
        match spans.last_mut() {
            Some(last) if last.0 == b && last.1 == i => last.2.push_str(&text),
            _ => spans.push((b, i, text)),
        }
    }
    let mut out = String::new();
    for (b, i, text) in spans {
        out.push_str(&marked(&text, b, i));
    }
    out
}

/// Runs of a paragraph, including those inside hyperlinks, insertions and smart tags.
fn collect_runs<'a>(n: roxmltree::Node<'a, 'a>, out: &mut Vec<roxmltree::Node<'a, 'a>>) {
    for c in n.children() {
        if is(&c, "r") {
            out.push(c);
        } else if c.is_element() && !is(&c, "pPr") && !is(&c, "del") {
            collect_runs(c, out);
        }
    }
}

/// Wraps the text (each line of it) in markdown marks, leaving outer spaces outside the marks.
fn marked(text: &str, bold: bool, italic: bool) -> String {
    if !bold && !italic {
        return text.to_string();
    }
    let mark = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    text.split('\n')
        .map(|line| {
            let core = line.trim();
            if core.is_empty() {
                return line.to_string();
            }
            let start = line.len() - line.trim_start().len();
            let end = line.trim_end().len();
            format!("{}{mark}{core}{mark}{}", &line[..start], &line[end..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A table that holds the document's layout (issuer and motto, number and date, recipients and
/// signature) rather than content.
pub fn is_layout_table(rows: &[Vec<Vec<String>>]) -> bool {
    let text: String = rows
        .iter()
        .flatten()
        .flatten()
        .map(|p| super::casing::plain(p).to_uppercase())
        .collect::<Vec<_>>()
        .join("\n");
    text.contains("CỘNG HÒA XÃ HỘI")
        || text.contains("CỘNG HOÀ XÃ HỘI")
        || text.contains("NƠI NHẬN")
        || text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("SỐ:") || l.starts_with("KT.") || l.starts_with("TM.")
        })
}
