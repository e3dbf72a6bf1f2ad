//! Letter case of Vietnamese administrative text: plain text out of marks, sentence case that keeps
//! proper names (learnt from the document itself and from the province list).

use std::collections::HashMap;

/// The text without markdown heading signs, bold/italic marks or backslash escapes, spaces collapsed.
pub fn plain(s: &str) -> String {
    let s = s.trim_start();
    let s = s.trim_start_matches('#').trim_start();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => {}
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
            }
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the text has letters and none of them is lowercase.
pub fn is_upper(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// Capitalises the first letter and lowercases the rest: "HOẰNG" → "Hoằng".
pub fn title_word(w: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for c in w.chars() {
        if first && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            first = false;
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Each word capitalised: a place or a person's name ("XÃ HOẰNG XUÂN" → "Xã Hoằng Xuân").
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(title_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Capitalises only the first letter.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Lowercases only the first letter (a title joined after the kind: "Kế hoạch thực hiện ...").
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn capitalised(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let mut cs = w.chars();
    matches!(cs.next(), Some(c) if c.is_uppercase()) && cs.any(|c| c.is_lowercase())
}

/// Pairs of words the document writes with capitals mid-sentence ("Quảng Nam", "Việt Nam"),
/// against how often it writes them in lowercase: the names sentence case must keep.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pairs: HashMap<(String, String), (u32, u32)>,
}

impl Names {
    /// Learns from running text (mixed case lines only; all-caps lines teach nothing).
    pub fn learn(&mut self, text: &str) {
        if is_upper(text) {
            return;
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        for i in 1..words.len().saturating_sub(1) {
            let (a, b) = (words[i], words[i + 1]);
            // A word after a sentence end is capitalised anyway.
            if words[i - 1].ends_with(['.', ':', '!', '?']) || a.ends_with([',', ';', '.', ':']) {
                continue;
            }
            let key = (word_key(a), word_key(b));
            if key.0.is_empty() || key.1.is_empty() {
                continue;
            }
            let e = self.pairs.entry(key).or_default();
            if capitalised(a) && capitalised(b) {
                e.0 += 1;
            } else if !capitalised(a) && !capitalised(b) {
                e.1 += 1;
            }
        }
    }

    /// Adds a known name (a province), always kept capitalised.
    pub fn add(&mut self, name: &str) {
        let words: Vec<String> = name.split_whitespace().map(word_key).collect();
        for w in words.windows(2) {
            self.pairs
                .entry((w[0].clone(), w[1].clone()))
                .or_default()
                .0 += 1000;
        }
    }

    /// Whether two words form a name the text writes with capitals.
    pub fn is_name(&self, a: &str, b: &str) -> bool {
        self.pairs
            .get(&(word_key(a), word_key(b)))
            .is_some_and(|(caps, lower)| caps > lower)
    }

    /// Sentence case for an all-caps line: lowercase, the first letter and known names capitalised.
    /// A line already in mixed case is kept as written.
    pub fn sentence_case(&self, s: &str) -> String {
        if !is_upper(s) {
            return s.to_string();
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        let mut caps = vec![false; words.len()];
        for i in 0..words.len().saturating_sub(1) {
            if self.is_name(words[i], words[i + 1]) {
                caps[i] = true;
                caps[i + 1] = true;
            }
        }
        let mut out = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let lower = w.to_lowercase();
            let acronym = w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && ACRONYMS.contains(&word_key(w).to_uppercase().as_str());
            let numbering = i == 0 && super::reflow::numbering(w).is_some();
            out.push(if acronym || numbering {
                (*w).to_string()
            } else if caps[i] || (i == 0 || starts_after_numbering(&words, i)) {
                title_word(&lower)
            } else {
                lower
            });
        }
        out.join(" ")
    }
}

/// The word right after "I." or "1." starts the heading's text.
fn starts_after_numbering(words: &[&str], i: usize) -> bool {
    i == 1 && super::reflow::numbering(words[0]).is_some()
}

/// Abbreviations kept in capitals inside sentence-cased headings.
const ACRONYMS: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "HIV", "AIDS", "TW", "LĐTBXH", "THCS", "THPT", "TNCS", "CT", "KH",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_marks() {
        assert_eq!(plain("## **KẾ HOẠCH**"), "KẾ HOẠCH");
        assert_eq!(plain("**CHỦ TỊCH**  "), "CHỦ TỊCH");
        assert_eq!(plain("  Số:     /TTr-UBND  "), "Số: /TTr-UBND");
    }

    #[test]
    fn sentence_case_keeps_names_from_the_text() {
        let mut n = Names::default();
        n.learn("Kế hoạch của Ủy ban nhân dân tỉnh Quảng Nam năm 2024 và các huyện");
        n.add("Việt Nam");
        assert_eq!(
            n.sentence_case("CAI NGHIỆN TRÊN ĐỊA BÀN TỈNH QUẢNG NAM NĂM 2024"),
            "Cai nghiện trên địa bàn tỉnh Quảng Nam năm 2024"
        );
        assert_eq!(n.sentence_case("II. NHIỆM VỤ"), "II. Nhiệm vụ");
        assert_eq!(
            n.sentence_case("Thực hiện Chương trình"),
            "Thực hiện Chương trình"
        );
    }
}
