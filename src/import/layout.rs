//! The layout of an administrative document (Decree 30/2020/NĐ-CP): issuer and motto, number,
//! place and date, kind and title, body, recipients and signature block.

use super::casing::{self, plain};
use super::source::{Document, LineKind};
use super::ImportError;
use regex::Regex;
use std::sync::LazyLock;

/// A piece of text found on a line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub line: usize,
    pub text: String,
}

/// The day, month and year as written: blanks stay `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: i32,
}

/// The number line: `Số: 73/KH-UBND`, or `Số: /TTr-UBND` with the number left blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberLine {
    pub found: Found,
    /// "73/KH-UBND"; `None` when the number is blank.
    pub number: Option<String>,
    /// "KH-UBND"
    pub symbol: String,
}

/// The signature block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", as written.
    pub capacity: Vec<Found>,
    /// "PHÓ CHỦ TỊCH"
    pub role: Option<Found>,
    pub name: Option<Found>,
    /// Lines of the block that are neither (a capacity that lost its "KT.").
    pub stray: Vec<Found>,
}

/// Where each part of the document is.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub issuer: Vec<Found>,
    pub motto: Vec<Found>,
    pub number: Option<NumberLine>,
    pub place: Option<Found>,
    pub date: Option<(WrittenDate, Found)>,
    pub kind: Option<Found>,
    pub title: Vec<Found>,
    /// Indices into the document's lines: the body is `body.0..body.1`.
    pub body: (usize, usize),
    pub recipients_heading: Option<Found>,
    pub recipients: Vec<Found>,
    pub signature: Signature,
    /// Lines around the layout that are none of it (a web page's menu, "Đang tải...").
    pub ignored: Vec<Found>,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:số)\s*[:.]?\s*(\d*)\s*([/-]\s*[\p{L}\d][\p{L}\d.&/-]*)").expect("regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:([\p{L}][\p{L}\s.'-]*?)\s*,\s*)?(?i:ngày)\s*(\d{1,2})?\s*(?:(?i:tháng)|/)\s*(\d{1,2})?\s*(?:(?i:năm)|/)\s*(\d{4})",
    )
    .expect("regex")
});
static WIDE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s{3,}").expect("regex"));

/// Document kinds that are plans, and those that are not (for a clear error).
const PLAN_KINDS: &[&str] = &["KẾ HOẠCH", "CHƯƠNG TRÌNH"];
const OTHER_KINDS: &[&str] = &[
    "QUYẾT ĐỊNH",
    "TỜ TRÌNH",
    "BÁO CÁO",
    "CÔNG VĂN",
    "THÔNG BÁO",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "HƯỚNG DẪN",
    "BIÊN BẢN",
    "GIẤY MỜI",
];

/// The parts of a line separated by wide gaps (two columns flattened by a PDF copy).
pub fn segments(text: &str) -> Vec<String> {
    WIDE.split(text)
        .map(plain)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Segments of a header line, with "Số:" kept together with a number it was spaced from.
fn header_segments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for seg in segments(text) {
        match out.last_mut() {
            Some(last)
                if (folded(last) == "so"
                    && seg.starts_with(|c: char| c == '/' || c.is_ascii_digit()))
                    || ["ngày", "tháng", "năm"].contains(
                        &last
                            .split_whitespace()
                            .last()
                            .unwrap_or("")
                            .to_lowercase()
                            .as_str(),
                    ) =>
            {
                last.push(' ');
                last.push_str(&seg);
            }
            _ => out.push(seg),
        }
    }
    out
}

fn is_separator(s: &str) -> bool {
    s.chars().count() >= 3 && s.chars().all(|c| "-_=*.–—~".contains(c))
}

fn folded(s: &str) -> String {
    crate::slug::slugify(s)
}

fn is_motto(s: &str) -> bool {
    let f = folded(s);
    f.contains("cong-hoa-xa-hoi-chu-nghia") || f.contains("doc-lap-tu-do-hanh-phuc")
}

/// Parses "Số: 73 /KH-UBND" at the start of a segment.
pub fn number_line(s: &str) -> Option<(Option<String>, String)> {
    let c = NUMBER.captures(s)?;
    let symbol: String = c[2].chars().filter(|c| !c.is_whitespace()).collect();
    let symbol = symbol.trim_start_matches(['/', '-']).to_string();
    if symbol.is_empty() || !symbol.chars().any(char::is_alphabetic) {
        return None;
    }
    let number = (!c[1].is_empty()).then(|| format!("{}/{}", &c[1], symbol));
    Some((number, symbol))
}

/// Parses "Đồng Tháp, ngày 12 tháng 4 năm 2022" (day or month may be blank).
pub fn date_line(s: &str) -> Option<(Option<String>, WrittenDate)> {
    let c = DATE.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year: i32 = c[4].parse().ok()?;
    let date = WrittenDate {
        day: num(2).filter(|d| (1..=31).contains(d)),
        month: num(3).filter(|m| (1..=12).contains(m)),
        year,
    };
    let place = c
        .get(1)
        .map(|m| m.as_str().trim().to_string())
        .filter(|p| !p.is_empty());
    Some((place, date))
}

/// The kind named by a line ("KẾ HOẠCH"), if the line is one.
fn kind_of(s: &str) -> Option<&'static str> {
    let up = s.trim_end_matches([':', '.']).trim().to_uppercase();
    PLAN_KINDS
        .iter()
        .chain(OTHER_KINDS)
        .find(|k| up == **k)
        .copied()
}

/// A line that starts the body rather than continuing the title.
fn starts_body(s: &str) -> bool {
    let f = folded(s);
    ["can-cu", "thuc-hien", "de-", "nham-", "theo-", "trien-khai"]
        .iter()
        .any(|p| f.starts_with(p))
        || super::reflow::numbering(s.split_whitespace().next().unwrap_or("")).is_some()
}

/// Finds every part of the layout.
pub fn parse(doc: &Document) -> Result<Layout, ImportError> {
    let lines = &doc.lines;
    let mut layout = Layout::default();
    // The kind line: the first line that names a document kind, near the top.
    let kind_idx = lines
        .iter()
        .take(120)
        .position(|l| l.kind == LineKind::Text && kind_of(&l.plain()).is_some());
    let Some(kind_idx) = kind_idx else {
        return Err(ImportError::NotAPlan(None));
    };
    let kind = kind_of(&lines[kind_idx].plain()).unwrap_or_default();
    if !PLAN_KINDS.contains(&kind) {
        return Err(ImportError::NotAPlan(Some(Found {
            line: lines[kind_idx].no,
            text: lines[kind_idx].plain(),
        })));
    }
    layout.kind = Some(Found {
        line: lines[kind_idx].no,
        text: lines[kind_idx].plain(),
    });
    header(doc, kind_idx, &mut layout);

    // The title: the lines after the kind, up to the body.
    let mut i = kind_idx + 1;
    while i < lines.len() && (lines[i].is_blank() || is_separator(&lines[i].plain())) {
        i += 1;
    }
    let mut title_end = i;
    while i < lines.len() {
        let p = lines[i].plain();
        if p.is_empty() || is_separator(&p) {
            i += 1;
            continue;
        }
        let continues = match layout.title.last() {
            None => true,
            Some(last) => {
                let gap = i > title_end;
                let upper_run = casing::is_upper(&last.text) && casing::is_upper(&p);
                let lower_next = p.chars().next().is_some_and(|c| c.is_lowercase());
                !starts_body(&p)
                    && (upper_run
                        || lower_next
                        || (!gap && !last.text.ends_with(['.', ':', ';']) && p.len() < 200))
            }
        };
        if !continues || lines[i].kind != LineKind::Text || p.starts_with('(') {
            break;
        }
        layout.title.push(Found {
            line: lines[i].no,
            text: p,
        });
        i += 1;
        title_end = i;
    }
    let body_start = title_end;

    // The tail: "Nơi nhận:" and the signature block.
    let recipients_idx = (body_start..lines.len()).rev().find(|&j| {
        segments(&lines[j].text)
            .first()
            .is_some_and(|s| folded(s).starts_with("noi-nhan"))
    });
    let body_end = match recipients_idx {
        Some(r) => {
            tail_with_recipients(doc, r, &mut layout);
            r
        }
        None => tail_without_recipients(doc, body_start, &mut layout),
    };
    layout.body = (body_start, body_end.max(body_start));
    Ok(layout)
}

/// Issuer, motto, number, place and date: the lines before the kind.
fn header(doc: &Document, kind_idx: usize, layout: &mut Layout) {
    for l in &doc.lines[..kind_idx] {
        for seg in header_segments(&l.text) {
            if is_separator(&seg) {
                continue;
            }
            let found = |text: &str| Found {
                line: l.no,
                text: text.to_string(),
            };
            if is_motto(&seg) {
                layout.motto.push(found(&seg));
                continue;
            }
            let mut rest = seg.clone();
            if let Some((number, symbol)) = number_line(&seg) {
                layout.number = Some(NumberLine {
                    found: found(&seg),
                    number,
                    symbol,
                });
                // A date may follow on the same segment.
                rest = NUMBER.replace(&seg, "").trim().to_string();
            }
            if let Some((place, date)) = date_line(&rest) {
                layout.date = Some((date, found(&rest)));
                if let Some(p) = place {
                    layout.place = Some(found(&p));
                }
                continue;
            }
            if rest.is_empty() {
                continue;
            }
            if layout.number.is_none() && layout.date.is_none() && is_issuer_line(&rest) {
                layout.issuer.push(found(&rest));
            } else {
                layout.ignored.push(found(&rest));
            }
        }
    }
}

/// An issuer line: in capitals (as Decree 30 writes it), or naming a body.
fn is_issuer_line(s: &str) -> bool {
    let f = folded(s);
    (casing::is_upper(s) && s.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        || ["uy-ban", "ubnd", "so-", "phong-", "ban-"]
            .iter()
            .any(|p| f.starts_with(p))
}

/// A capacity line of the signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".
pub fn is_capacity(s: &str) -> bool {
    let up = s.to_uppercase();
    ["TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T"]
        .iter()
        .any(|p| up.starts_with(p))
}

/// A person's name: two to six words, letters only.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().all(char::is_alphabetic) && w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Words of a role ("PHÓ CHỦ TỊCH"), never of a name.
fn is_role_text(s: &str) -> bool {
    let f = format!("-{}-", folded(s));
    [
        "-chu-tich-",
        "-giam-doc-",
        "-truong-",
        "-bi-thu-",
        "-pho-",
        "-uy-vien-",
        "-chanh-",
        "-thu-ky-",
        "-ban-",
        "-uy-ban-",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// Marks a signature leaves in a copy: "(Đã ký)", "[daky]", a seal.
fn is_signature_mark(s: &str) -> bool {
    let f = folded(s);
    s.starts_with('(') || s.starts_with('[') || f == "da-ky" || f.contains("daky")
}

fn tail_with_recipients(doc: &Document, r: usize, layout: &mut Layout) {
    let mut sig_lines: Vec<Found> = Vec::new();
    let mut in_signature = false;
    for (k, l) in doc.lines[r..].iter().enumerate() {
        let segs = segments(&l.text);
        for (n, seg) in segs.iter().enumerate() {
            let found = Found {
                line: l.no,
                text: seg.clone(),
            };
            if k == 0 && n == 0 {
                let after = seg.split_once(':').map(|(_, a)| a.trim()).unwrap_or("");
                layout.recipients_heading = Some(found.clone());
                if !after.is_empty() {
                    layout.recipients.push(Found {
                        line: l.no,
                        text: after.to_string(),
                    });
                }
                continue;
            }
            let bullet = seg.starts_with(['-', '+', '•', '–']);
            // A second column (beside the recipients) is the signature block; in the first
            // column, the block starts with the first line after the recipients that is not one.
            if n > 0 && !bullet {
                sig_lines.push(found);
            } else if bullet && !in_signature {
                layout.recipients.push(found);
            } else if in_signature || looks_like_signature(seg) {
                in_signature = true;
                sig_lines.push(found);
            } else {
                layout.recipients.push(found);
            }
        }
    }
    layout.signature = signature(sig_lines);
}

fn looks_like_signature(s: &str) -> bool {
    is_capacity(s) || (casing::is_upper(s) && !s.contains(';')) || is_name(s)
}

/// Without "Nơi nhận": the signature block is the run of signature-like lines at the end.
fn tail_without_recipients(doc: &Document, body_start: usize, layout: &mut Layout) -> usize {
    let lines = &doc.lines;
    let mut j = lines.len();
    let mut taken = Vec::new();
    while j > body_start {
        let l = &lines[j - 1];
        let p = l.plain();
        if p.is_empty() || is_signature_mark(&p) {
            j -= 1;
            continue;
        }
        let ok = if taken.is_empty() {
            is_name(&p) || is_capacity(&p)
        } else {
            is_capacity(&p) || (casing::is_upper(&p) && p.split_whitespace().count() <= 6)
        };
        if !ok || l.kind != LineKind::Text {
            break;
        }
        taken.push(Found {
            line: l.no,
            text: p,
        });
        j -= 1;
    }
    taken.reverse();
    if taken.len() >= 2 {
        layout.signature = signature(taken);
        j
    } else {
        lines.len()
    }
}

fn signature(lines: Vec<Found>) -> Signature {
    let mut sig = Signature::default();
    let lines: Vec<Found> = lines
        .into_iter()
        .filter(|f| !is_signature_mark(&f.text) && !is_separator(&f.text))
        .collect();
    // The name is the last line that reads as one; the role the upper-case line before it.
    let name_at = lines
        .iter()
        .rposition(|f| is_name(&f.text) && !is_capacity(&f.text) && !is_role_text(&f.text));
    let role_end = name_at.unwrap_or(lines.len());
    let role_at = lines[..role_end]
        .iter()
        .rposition(|f| !is_capacity(&f.text) && casing::is_upper(&f.text));
    for (k, f) in lines.iter().enumerate() {
        if Some(k) == name_at {
            sig.name = Some(f.clone());
        } else if Some(k) == role_at {
            sig.role = Some(f.clone());
        } else if is_capacity(&f.text) {
            sig.capacity.push(f.clone());
        } else {
            sig.stray.push(f.clone());
        }
    }
    sig
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_date_lines() {
        assert_eq!(
            number_line("Số: 73 /KH-UBND"),
            Some((Some("73/KH-UBND".into()), "KH-UBND".into()))
        );
        assert_eq!(
            number_line("Số: /TTr-UBND"),
            Some((None, "TTr-UBND".into()))
        );
        let (place, d) = date_line("Hoằng Xuân, ngày tháng 3 năm 2021").expect("date");
        assert_eq!(place.as_deref(), Some("Hoằng Xuân"));
        assert_eq!(
            d,
            WrittenDate {
                day: None,
                month: Some(3),
                year: 2021
            }
        );
        let (_, d) = date_line("Quảng Nam, ngày 13 tháng 3 năm 2024").expect("date");
        assert_eq!(d.day, Some(13));
    }

    #[test]
    fn wide_gaps_split_columns() {
        let line = "Số:     /TTr-UBND                  Hoằng Xuân, ngày      tháng 3  năm 2021";
        assert_eq!(
            segments(line),
            vec!["Số:", "/TTr-UBND", "Hoằng Xuân, ngày", "tháng 3 năm 2021"]
        );
        assert_eq!(
            header_segments(line),
            vec!["Số: /TTr-UBND", "Hoằng Xuân, ngày tháng 3 năm 2021"]
        );
    }
}
