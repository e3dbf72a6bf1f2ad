//! The body as markdown: a copy's line breaks and hyphenation undone, numbered parts as headings,
//! dashes as lists, Word tables as markdown tables, bold and italics kept.

use super::casing::{self, plain, Names};
use super::layout::Found;
use super::source::{Line, LineKind};

/// How a paragraph is numbered: "I.", "1.", "a)", a dash or a plus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Numbering {
    Roman(String),
    Arabic(String),
    Letter(String),
    Dash,
    Plus,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
];

/// The numbering a paragraph's first word makes, if any ("II.", "3.", "đ)", "-").
pub fn numbering(first: &str) -> Option<Numbering> {
    let w = plain(first);
    let w = w.as_str();
    if matches!(w, "-" | "–" | "—" | "•" | "·" | "−") {
        return Some(Numbering::Dash);
    }
    if w == "+" {
        return Some(Numbering::Plus);
    }
    if let Some(r) = w.strip_suffix('.').or_else(|| w.strip_suffix(':')) {
        if ROMAN.contains(&r) {
            return Some(Numbering::Roman(r.to_string()));
        }
        if !r.is_empty() && r.len() <= 2 && r.chars().all(|c| c.is_ascii_digit()) {
            return Some(Numbering::Arabic(r.to_string()));
        }
    }
    if let Some(r) = w.strip_suffix(')') {
        let mut cs = r.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_lowercase() && c.is_alphabetic() {
                return Some(Numbering::Letter(r.to_string()));
            }
        }
    }
    None
}

/// The numbering at the start of a line, allowing "-text" without a space after the dash.
fn line_numbering(text: &str) -> Option<Numbering> {
    let p = plain(text);
    let first = p.split_whitespace().next().unwrap_or("");
    if let Some(n) = numbering(first) {
        return Some(n);
    }
    let mut cs = p.chars();
    match (cs.next(), cs.next()) {
        (Some('-' | '–' | '•'), Some(c)) if c.is_alphabetic() || c == '“' || c == '"' => {
            Some(Numbering::Dash)
        }
        (Some('+'), Some(c)) if c.is_alphabetic() => Some(Numbering::Plus),
        _ => None,
    }
}

/// A paragraph rejoined from the copy's lines.
#[derive(Debug, Clone)]
pub struct Para {
    /// The first line it came from.
    pub line: usize,
    pub text: String,
    pub row: Option<Vec<String>>,
    /// Set out by the copy itself: a markdown heading line (its level is not trusted, the emphasis is).
    pub marked: bool,
}

fn ends_paragraph(s: &str) -> bool {
    let p = plain(s);
    let p = p.trim_end_matches(['”', '"', ')', '’', '*']);
    p.ends_with(['.', ':', ';', '!', '?', '…'])
}

fn starts_lower_or_digit(s: &str) -> bool {
    plain(s)
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn is_page_number(s: &str) -> bool {
    let p = plain(s);
    let core = p.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    !core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit())
}

fn is_separator(s: &str) -> bool {
    let p = plain(s);
    p.chars().count() >= 3 && p.chars().all(|c| "-_=*.–—~".contains(c))
}

/// Joins `b` after `a`: a word broken by a hyphen is mended, bold runs split by the break merge.
fn join(a: &mut String, b: &str) {
    let b = b.trim();
    if let Some(stem) = a.strip_suffix('-') {
        let last = stem.chars().last();
        let next = b.chars().next();
        if last.is_some_and(char::is_alphanumeric) {
            if next.is_some_and(char::is_lowercase) && last.is_some_and(char::is_alphabetic) {
                // "phục hồi chức năng" broken as "chức nă-" / "ng": drop the hyphen.
                a.pop();
            }
            a.push_str(b);
            return;
        }
    }
    if a.ends_with("**") && b.starts_with("**") && !b.starts_with("***") {
        a.truncate(a.len() - 2);
        a.push(' ');
        a.push_str(&b[2..]);
        return;
    }
    a.push(' ');
    a.push_str(b);
}

/// Dropped lines (page numbers, rules) with where they were.
pub type Dropped = Vec<Found>;

/// Rejoins lines into paragraphs. A copy from a PDF breaks every line and may put a blank line
/// after each; Word paragraphs are kept whole.
pub fn paragraphs(lines: &[Line]) -> (Vec<Para>, Dropped) {
    let text_lines: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    // A copy with a blank line after almost every short line: blank lines mean nothing.
    let followed_by_blank = lines
        .windows(2)
        .filter(|w| !w[0].is_blank() && w[1].is_blank())
        .count();
    let mut lens: Vec<usize> = text_lines.iter().map(|l| l.text.chars().count()).collect();
    lens.sort_unstable();
    let median = lens.get(lens.len() / 2).copied().unwrap_or(0);
    let double_spaced =
        !text_lines.is_empty() && followed_by_blank * 10 >= text_lines.len() * 7 && median < 110;
    let wrapped = median < 110;

    let mut out: Vec<Para> = Vec::new();
    let mut dropped = Vec::new();
    let mut blanks = 0usize;
    let mut prev_whole = true;
    let mut prev_len = 0usize;
    for l in lines {
        if l.is_blank() {
            blanks += 1;
            continue;
        }
        if let LineKind::Row(cells) = &l.kind {
            out.push(Para {
                line: l.no,
                text: l.text.clone(),
                row: Some(cells.clone()),
                marked: false,
            });
            prev_whole = true;
            blanks = 0;
            continue;
        }
        if is_page_number(&l.text) || is_separator(&l.text) {
            dropped.push(Found {
                line: l.no,
                text: plain(&l.text),
            });
            continue;
        }
        let text = strip_heading_signs(&l.text);
        let gap = if double_spaced {
            blanks > 1
        } else {
            blanks > 0
        };
        let can_join = match out.last() {
            Some(last) if last.row.is_none() && !prev_whole => {
                let marker = line_numbering(&text).is_some();
                let ended = ends_paragraph(&last.text);
                let lower = starts_lower_or_digit(&text);
                if marker {
                    false
                } else if gap {
                    !ended && lower
                } else if ended {
                    lower
                } else {
                    // A line that stops well short of the width ends its paragraph.
                    !(wrapped && prev_len * 10 < median * 6 && !lower)
                }
            }
            _ => false,
        };
        if can_join {
            if let Some(last) = out.last_mut() {
                join(&mut last.text, &text);
            }
        } else {
            out.push(Para {
                line: l.no,
                text: text.trim().to_string(),
                row: None,
                marked: l.text.trim_start().starts_with('#'),
            });
        }
        prev_whole = l.whole;
        prev_len = l.text.chars().count();
        blanks = 0;
    }
    (out, dropped)
}

/// Removes markdown heading signs (the copy's own levels are not trusted) and a trailing hard break.
fn strip_heading_signs(s: &str) -> String {
    let t = s.trim();
    let t = if t.starts_with('#') {
        t.trim_start_matches('#').trim_start()
    } else {
        t
    };
    t.trim_end_matches('\\').trim_end().to_string()
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// A list item: `depth` 0 for a dash, 1 for a plus; `number` for "1." items.
    Item {
        depth: u8,
        number: Option<String>,
        text: String,
    },
    Para(String),
    Table(Vec<Vec<String>>),
}

/// A block with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub block: Block,
    /// The paragraph's plain text, numbering included (for targets and citations).
    pub plain: String,
}

fn is_bold(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("**") && t.ends_with("**") && t.len() > 4 && !t[2..t.len() - 2].contains("**")
}

/// Heading text: marks and a closing colon or period dropped, capitals turned to sentence case.
fn heading_text(p: &str, names: &Names) -> String {
    let t = plain(p);
    let t = t.trim_end_matches([':', '.', ' ']).trim_end_matches(" /");
    names.sentence_case(t)
}

/// Classifies paragraphs into headings, list items, paragraphs and tables.
pub fn blocks(paras: &[Para], names: &Names) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    let mut seen_roman = false;
    let mut seen_arabic_heading = false;
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if p.row.is_some() {
            let mut rows = Vec::new();
            while i < paras.len() {
                match &paras[i].row {
                    Some(r) => rows.push(r.clone()),
                    None => break,
                }
                i += 1;
            }
            out.push(Node {
                line: p.line,
                plain: rows
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join(" "),
                block: Block::Table(rows),
            });
            continue;
        }
        let pl = plain(&p.text);
        let first = pl.split_whitespace().next().unwrap_or("");
        let rest_of = |text: &str| -> String {
            // The text after the numbering, marks kept.
            let t = text.trim();
            let (open, inner) = match t.strip_prefix("**") {
                Some(x) => ("**", x),
                None => ("", t),
            };
            let inner = inner.trim_start();
            let after = inner
                .split_once(char::is_whitespace)
                .map(|(_, r)| r.trim_start())
                .unwrap_or("");
            format!("{open}{after}")
        };
        let block = match line_numbering(&p.text) {
            Some(Numbering::Roman(r)) => {
                seen_roman = true;
                seen_arabic_heading = false;
                let text = heading_text(&p.text, names);
                let text = if text.starts_with(&format!("{r}.")) {
                    text
                } else {
                    format!("{r}. {}", text.split_once(' ').map(|x| x.1).unwrap_or(""))
                };
                Block::Heading { level: 2, text }
            }
            Some(Numbering::Arabic(n)) => {
                let t = pl.trim_end_matches(['”', '"', ')', '*']);
                let sentence = t.ends_with(['.', ';']) && !is_bold(&p.text) && !p.marked;
                if sentence {
                    Block::Item {
                        depth: 0,
                        number: Some(n),
                        text: rest_of(&p.text),
                    }
                } else {
                    seen_arabic_heading = true;
                    let text = heading_text(&p.text, names);
                    let text = if first.ends_with(':') {
                        format!("{n}. {}", text.split_once(' ').map(|x| x.1).unwrap_or(""))
                    } else {
                        text
                    };
                    Block::Heading {
                        level: if seen_roman { 3 } else { 2 },
                        text,
                    }
                }
            }
            Some(Numbering::Letter(_)) if is_bold(&p.text) || p.marked => Block::Heading {
                level: 2 + u8::from(seen_roman) + u8::from(seen_arabic_heading),
                text: heading_text(&p.text, names),
            },
            Some(Numbering::Dash) => Block::Item {
                depth: 0,
                number: None,
                text: strip_bullet(&p.text),
            },
            Some(Numbering::Plus) => Block::Item {
                depth: 1,
                number: None,
                text: strip_bullet(&p.text),
            },
            _ => Block::Para(p.text.trim().to_string()),
        };
        out.push(Node {
            line: p.line,
            block,
            plain: pl,
        });
        i += 1;
    }
    promote_numbered_items(&mut out, names);
    out
}

/// A numbered sentence with dashes under it, among numbered headings of the same part, is a
/// heading too (a copy that lost the bold of one of them).
fn promote_numbered_items(nodes: &mut [Node], names: &Names) {
    let starts_numbered = |t: &str| {
        matches!(
            numbering(t.split_whitespace().next().unwrap_or("")),
            Some(Numbering::Arabic(_))
        )
    };
    for k in 0..nodes.len() {
        let Block::Item {
            number: Some(_),
            depth: 0,
            ..
        } = &nodes[k].block
        else {
            continue;
        };
        let followed_by_dash = matches!(
            nodes.get(k + 1).map(|n| &n.block),
            Some(Block::Item { number: None, .. })
        );
        if !followed_by_dash {
            continue;
        }
        let part_start = nodes[..k]
            .iter()
            .rposition(
                |n| matches!(&n.block, Block::Heading { text, .. } if !starts_numbered(text)),
            )
            .map(|p| p + 1)
            .unwrap_or(0);
        let part_end = nodes[k..]
            .iter()
            .position(|n| matches!(&n.block, Block::Heading { text, .. } if !starts_numbered(text)))
            .map(|p| k + p)
            .unwrap_or(nodes.len());
        let sibling = nodes[part_start..part_end]
            .iter()
            .find_map(|n| match &n.block {
                Block::Heading { level, text } if starts_numbered(text) => Some(*level),
                _ => None,
            });
        if let Some(level) = sibling {
            let text = heading_text(&nodes[k].plain, names);
            nodes[k].block = Block::Heading { level, text };
        }
    }
}

fn strip_bullet(text: &str) -> String {
    let t = text.trim();
    let (open, inner) = match t.strip_prefix("**") {
        Some(x) => ("**", x),
        None => ("", t),
    };
    let inner = inner
        .trim_start_matches(['-', '–', '—', '•', '·', '−', '+'])
        .trim_start();
    format!("{open}{inner}")
}

/// Escapes what markdown would read as structure at the start of a paragraph.
fn escape_start(s: &str) -> String {
    let t = s.trim_start();
    if t.starts_with(['#', '>', '|', '=']) {
        format!("\\{t}")
    } else if let Some((num, rest)) = t.split_once(". ") {
        if !num.is_empty() && num.len() <= 9 && num.chars().all(|c| c.is_ascii_digit()) {
            format!("{num}\\. {rest}")
        } else {
            t.to_string()
        }
    } else {
        t.to_string()
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The body in markdown, one blank line between blocks; recipients as a final section.
pub fn markdown(nodes: &[Node], recipients: &[Found], recipients_title: &str) -> String {
    let mut out = String::new();
    for (k, n) in nodes.iter().enumerate() {
        // Items of one list stay together (a tight list).
        let tight = matches!(
            (&n.block, nodes.get(k + 1).map(|m| &m.block)),
            (Block::Item { number: a, .. }, Some(Block::Item { number: b, .. })) if a.is_some() == b.is_some()
        );
        match &n.block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(text);
            }
            Block::Item {
                depth,
                number,
                text,
            } => {
                out.push_str(&"  ".repeat(usize::from(*depth)));
                match number {
                    Some(n) => {
                        out.push_str(n);
                        out.push_str(". ");
                    }
                    None => out.push_str("- "),
                }
                out.push_str(text);
            }
            Block::Para(text) => out.push_str(&escape_start(text)),
            Block::Table(rows) => {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
                for (k, row) in rows.iter().enumerate() {
                    out.push('|');
                    for c in 0..cols {
                        out.push(' ');
                        out.push_str(&cell(row.get(c).map(String::as_str).unwrap_or("")));
                        out.push_str(" |");
                    }
                    out.push('\n');
                    if k == 0 {
                        out.push('|');
                        out.push_str(&" --- |".repeat(cols));
                        out.push('\n');
                    }
                }
                out.pop();
            }
        }
        out.push_str(if tight { "\n" } else { "\n\n" });
    }
    if !recipients.is_empty() {
        out.push_str("## ");
        out.push_str(recipients_title);
        out.push_str("\n\n");
        for r in recipients {
            out.push_str("- ");
            out.push_str(strip_bullet(&r.text).trim());
            out.push('\n');
        }
    }
    let trimmed = out.trim_end().to_string();
    trimmed + "\n"
}

/// Headings of the body, as (level, text): what the document's parts are.
pub fn headings(nodes: &[Node]) -> Vec<(u8, String)> {
    nodes
        .iter()
        .filter_map(|n| match &n.block {
            Block::Heading { level, text } => Some((*level, text.clone())),
            _ => None,
        })
        .collect()
}

/// Words that look mistyped: a doubled first letter ("ccác") or a word written twice ("tỉnh tỉnh").
pub fn likely_typos(nodes: &[Node]) -> Vec<Found> {
    let mut out = Vec::new();
    for n in nodes {
        let words: Vec<&str> = n.plain.split_whitespace().collect();
        for (k, w) in words.iter().enumerate() {
            let core = w.trim_matches(|c: char| !c.is_alphabetic());
            let mut cs = core.chars();
            if let (Some(a), Some(b), Some(_)) = (cs.next(), cs.next(), cs.next()) {
                if a == b && a.is_lowercase() {
                    out.push(Found {
                        line: n.line,
                        text: core.to_string(),
                    });
                }
            }
            if k > 0 {
                let prev = words[k - 1];
                if prev == *w
                    && core.chars().count() > 1
                    && core.chars().all(char::is_alphabetic)
                    && !casing::is_upper(core)
                {
                    out.push(Found {
                        line: n.line,
                        text: format!("{prev} {w}"),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::{from_text, Format};

    fn paras(text: &str) -> Vec<String> {
        let doc = from_text(text.as_bytes(), Format::Text).expect("text");
        paragraphs(&doc.lines)
            .0
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn rejoins_pdf_lines_and_keeps_parts() {
        let text = "- Tuyên truyền cho tất cả cán bộ, toàn thể nhân dân nâng cao nhận thức phòng, \n\nchống mại dâm, chống và kiểm soát ma túy. \n\n- Giảm tỷ lệ nghiện ma túy. \n";
        assert_eq!(
            paras(text),
            vec![
                "- Tuyên truyền cho tất cả cán bộ, toàn thể nhân dân nâng cao nhận thức phòng, chống mại dâm, chống và kiểm soát ma túy.",
                "- Giảm tỷ lệ nghiện ma túy."
            ]
        );
    }

    #[test]
    fn mends_a_page_break_and_split_bold() {
        let text = "Quyết định số 291/QĐ-TTg ngày 21 tháng 02 năm\n\n\n\n2020 của Thủ tướng.\n\n**3. Tăng cường quan hệ**\n\n\n\n**ma túy tại gia đình.**\n";
        assert_eq!(
            paras(text),
            vec![
                "Quyết định số 291/QĐ-TTg ngày 21 tháng 02 năm 2020 của Thủ tướng.",
                "**3. Tăng cường quan hệ ma túy tại gia đình.**"
            ]
        );
    }

    #[test]
    fn numbering_kinds() {
        assert_eq!(numbering("II."), Some(Numbering::Roman("II".into())));
        assert_eq!(numbering("3."), Some(Numbering::Arabic("3".into())));
        assert_eq!(numbering("đ)"), Some(Numbering::Letter("đ".into())));
        assert_eq!(numbering("2020"), None);
    }
}
