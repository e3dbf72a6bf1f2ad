//! Measurable targets from the plan's targets part ("Chỉ tiêu", "Mục tiêu cụ thể"): value, unit,
//! and direction and scope where the text states them.

use super::layout::Found;
use super::reflow::{Block, Node};
use crate::slug::slugify;
use regex::Regex;
use std::sync::LazyLock;

/// "Trên 80%" is at least, "dưới 1%" at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    AtLeast,
    AtMost,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::AtLeast => "at_least",
            Direction::AtMost => "at_most",
        }
    }
}

/// Over the whole period, every year, or by a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Period,
    PerYear,
    ByDate,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Period => "period",
            Scope::PerYear => "per_year",
            Scope::ByDate => "at_date",
        }
    }
}

/// One target, with the words it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    pub label: String,
    pub value: f64,
    /// "từ 1 - 2%": both ends; `value` is the lower one.
    pub range: Option<(f64, f64)>,
    pub unit: String,
    /// The direction and the words that say it.
    pub direction: Option<(Direction, String)>,
    pub scope: Option<(Scope, String)>,
    pub by: i32,
    pub found: Found,
}

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<a>\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|(?i:đến))\s*(?P<b>\d+(?:[.,]\d+)?)\s*%",
        r"|(?P<p>\d+(?:[.,]\d+)?)\s*%",
        r"|\b(?P<n>\d{1,6})\s+(?P<u>(?i:người|điểm|cơ sở|xã|lớp|buổi|lượt|mô hình|đợt|hội nghị|trường|câu lạc bộ|đội|tổ|học viên|cán bộ|bệnh nhân|hộ gia đình|hộ|thôn|đơn vị))\b",
    ))
    .expect("regex")
});

const AT_LEAST: &[&str] = &[
    "không dưới",
    "không thấp hơn",
    "ít nhất",
    "tối thiểu",
    "trên",
    "hơn",
    "vượt",
];
const AT_MOST: &[&str] = &["không quá", "không vượt quá", "tối đa", "dưới"];

/// The part of the body that holds the targets: the most specific heading naming "chỉ tiêu",
/// else "mục tiêu cụ thể", else "mục tiêu".
pub fn part(nodes: &[Node]) -> Option<(usize, usize)> {
    for words in ["chi-tieu", "muc-tieu-cu-the", "muc-tieu"] {
        let mut best: Option<(usize, u8)> = None;
        for (k, n) in nodes.iter().enumerate() {
            if let Block::Heading { level, text } = &n.block {
                // A part's title, not a long task that happens to say "mục tiêu".
                let short = text.split_whitespace().count() <= 10;
                if short && slugify(text).contains(words) && best.is_none_or(|(_, l)| *level > l) {
                    best = Some((k, *level));
                }
            }
        }
        if let Some((k, level)) = best {
            let end = nodes[k + 1..]
                .iter()
                .position(|n| matches!(n.block, Block::Heading { level: l, .. } if l <= level))
                .map(|p| k + 1 + p)
                .unwrap_or(nodes.len());
            return Some((k, end));
        }
    }
    None
}

fn number(s: &str) -> f64 {
    s.replace(',', ".").parse().unwrap_or(0.0)
}

/// Clauses of an item: split at ";" and at sentence ends.
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(';') {
        let mut start = 0;
        let chars: Vec<(usize, char)> = part.char_indices().collect();
        for w in chars.windows(3) {
            if w[0].1 == '.' && w[1].1 == ' ' && w[2].1.is_uppercase() {
                out.push(part[start..w[1].0].to_string());
                start = w[2].0;
            }
        }
        out.push(part[start..].to_string());
    }
    out.into_iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn direction_before(before: &str) -> Option<(Direction, String)> {
    let b = format!(" {}", before.trim_end().to_lowercase());
    let mut phrases: Vec<(&str, Direction)> = AT_LEAST
        .iter()
        .map(|w| (*w, Direction::AtLeast))
        .chain(AT_MOST.iter().map(|w| (*w, Direction::AtMost)))
        .collect();
    phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    phrases
        .into_iter()
        .find(|(w, _)| b.ends_with(&format!(" {w}")))
        .map(|(w, d)| (d, w.to_string()))
}

fn scope_of(clause: &str) -> Option<(Scope, String)> {
    let l = clause.to_lowercase();
    for w in ["hàng năm", "hằng năm", "mỗi năm", "/năm"] {
        if l.contains(w) {
            return Some((Scope::PerYear, w.to_string()));
        }
    }
    if l.contains("giai đoạn") {
        return Some((Scope::Period, "giai đoạn".to_string()));
    }
    for w in ["đến năm", "đến cuối năm", "đến hết năm"] {
        if l.contains(w) {
            return Some((Scope::ByDate, w.to_string()));
        }
    }
    None
}

/// The item's text without its numbering.
fn item_text(n: &Node) -> Option<String> {
    match &n.block {
        Block::Item { .. } | Block::Para(_) => {
            let p = n.plain.trim();
            let first = p.split_whitespace().next().unwrap_or("");
            let rest = if super::reflow::numbering(first).is_some() {
                p[first.len()..].trim_start()
            } else {
                p.trim_start_matches(['-', '+', '•']).trim_start()
            };
            Some(rest.to_string())
        }
        _ => None,
    }
}

fn label(clause: &str) -> String {
    let t = clause.trim().trim_end_matches(['.', ';', ',', ':']).trim();
    super::casing::upper_first(t)
}

fn value_text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn make_id(label: &str, value: f64, taken: &[Target]) -> String {
    let words: Vec<String> = slugify(label)
        .split('-')
        .filter(|w| w.len() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        .take(4)
        .map(str::to_string)
        .collect();
    let base = format!("{}-{}", words.join("-"), slugify(&value_text(value)));
    let mut id = base.trim_matches('-').to_string();
    let mut k = 2;
    while taken.iter().any(|t| t.id == id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

/// The targets of the part, each from its clause.
pub fn extract(nodes: &[Node], by: i32) -> (Option<Found>, Vec<Target>) {
    let Some((h, end)) = part(nodes) else {
        return (None, Vec::new());
    };
    let heading = Found {
        line: nodes[h].line,
        text: nodes[h].plain.clone(),
    };
    let mut out: Vec<Target> = Vec::new();
    for n in &nodes[h + 1..end] {
        let Some(text) = item_text(n) else {
            continue;
        };
        for clause in clauses(&text) {
            let Some(c) = QUANTITY.captures(&clause) else {
                continue;
            };
            let whole = c.get(0).map(|m| m.start()).unwrap_or(0);
            let (value, range, unit) = if let (Some(a), Some(b)) = (c.name("a"), c.name("b")) {
                let (a, b) = (number(a.as_str()), number(b.as_str()));
                (a, Some((a, b)), "%".to_string())
            } else if let Some(p) = c.name("p") {
                (number(p.as_str()), None, "%".to_string())
            } else {
                (
                    number(c.name("n").map(|m| m.as_str()).unwrap_or("0")),
                    None,
                    c.name("u")
                        .map(|m| m.as_str().to_lowercase())
                        .unwrap_or_default(),
                )
            };
            let label = label(&clause);
            let id = make_id(&label, value, &out);
            out.push(Target {
                id,
                direction: direction_before(&clause[..whole]),
                scope: scope_of(&clause),
                label,
                value,
                range,
                unit,
                by,
                found: Found {
                    line: n.line,
                    text: clause.clone(),
                },
            });
        }
    }
    (Some(heading), out)
}

/// The value as YAML writes it.
pub fn yaml_number(v: f64) -> String {
    value_text(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_semicolons_and_sentences() {
        assert_eq!(
            clauses("Nâng cao hiệu quả. Kiểm chế tỷ lệ dưới 1% so với năm 2021, góp phần; tỷ trọng trên 30%"),
            vec!["Nâng cao hiệu quả.", "Kiểm chế tỷ lệ dưới 1% so với năm 2021, góp phần", "tỷ trọng trên 30%"]
        );
    }

    #[test]
    fn directions() {
        assert_eq!(
            direction_before("Phấn đấu trên ").map(|d| d.0),
            Some(Direction::AtLeast)
        );
        assert_eq!(
            direction_before("tăng dưới").map(|d| d.0),
            Some(Direction::AtMost)
        );
        assert_eq!(
            direction_before("không dưới").map(|d| d.0),
            Some(Direction::AtLeast)
        );
        assert_eq!(direction_before("đạt"), None);
    }
}
