//! Word-level comparison of two texts, Vietnamese-aware: a syllable is never split, whatever its marks.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// A piece of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// `same`, `ins` or `del`.
    pub kind: &'static str,
    pub text: String,
}

/// Counts of whole words (syllables) added and removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
}

fn is_word_char(c: char) -> bool {
    // Letters and digits, plus combining marks (text not in NFC keeps its tone marks attached).
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c) || c == '\u{0323}'
}

/// Splits text into syllables, runs of whitespace and single other characters.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<u8> = None; // 0 word, 1 space, 2 other
    for (i, c) in text.char_indices() {
        let class = if is_word_char(c) {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if let Some(p) = prev {
            if p != class || class == 2 {
                out.push(&text[start..i]);
                start = i;
            }
        }
        prev = Some(class);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// The comparison of `old` and `new`, word by word, with runs of the same kind joined.
pub fn diff(old: &str, new: &str) -> (Vec<Segment>, Summary) {
    let a = tokens(old);
    let b = tokens(new);
    let mut segs: Vec<Segment> = Vec::new();
    let mut summary = Summary::default();
    let words = |ts: &[&str]| ts.iter().filter(|t| t.chars().any(is_word_char)).count();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(&mut segs, "same", &a[ra]),
            DiffTag::Delete => {
                summary.removed += words(&a[ra.clone()]);
                push(&mut segs, "del", &a[ra]);
            }
            DiffTag::Insert => {
                summary.added += words(&b[rb.clone()]);
                push(&mut segs, "ins", &b[rb]);
            }
            DiffTag::Replace => {
                summary.removed += words(&a[ra.clone()]);
                summary.added += words(&b[rb.clone()]);
                push(&mut segs, "del", &a[ra]);
                push(&mut segs, "ins", &b[rb]);
            }
        }
    }
    (tidy(segs), summary)
}

fn push(segs: &mut Vec<Segment>, kind: &'static str, toks: &[&str]) {
    let text: String = toks.concat();
    if text.is_empty() {
        return;
    }
    match segs.last_mut() {
        Some(s) if s.kind == kind => s.text.push_str(&text),
        _ => segs.push(Segment { kind, text }),
    }
}

/// Joins changes separated only by a space, so "del A", " ", "del B" reads as one change.
fn tidy(segs: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    let mut i = 0;
    while i < segs.len() {
        let s = &segs[i];
        let between_changes = s.kind == "same"
            && s.text.chars().all(|c| c == ' ')
            && i > 0
            && i + 1 < segs.len()
            && segs[i - 1].kind != "same"
            && segs[i + 1].kind != "same";
        if between_changes {
            let mut del = String::new();
            let mut ins = String::new();
            // Pull back the change run just written, then add the space to both sides.
            while let Some(last) = out.last() {
                if last.kind == "same" {
                    break;
                }
                let last = out.pop().expect("checked");
                if last.kind == "del" {
                    del.insert_str(0, &last.text);
                } else {
                    ins.insert_str(0, &last.text);
                }
            }
            del.push_str(&s.text);
            ins.push_str(&s.text);
            let mut j = i + 1;
            while j < segs.len() && segs[j].kind != "same" {
                if segs[j].kind == "del" {
                    del.push_str(&segs[j].text);
                } else {
                    ins.push_str(&segs[j].text);
                }
                j += 1;
            }
            if !del.trim().is_empty() {
                out.push(Segment {
                    kind: "del",
                    text: del,
                });
            }
            if !ins.trim().is_empty() {
                out.push(Segment {
                    kind: "ins",
                    text: ins,
                });
            }
            i = j;
            continue;
        }
        out.push(s.clone());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_stay_whole() {
        assert_eq!(
            tokens("Cai nghiện, tự nguyện."),
            vec!["Cai", " ", "nghiện", ",", " ", "tự", " ", "nguyện", "."]
        );
        // Decomposed text keeps its marks in the syllable.
        let nfd = "nghie\u{0302}\u{0323}n";
        assert_eq!(tokens(nfd), vec![nfd]);
    }

    #[test]
    fn a_changed_syllable_is_one_change() {
        let (segs, sum) = diff(
            "Đạt 250 người cai nghiện",
            "Đạt 300 người cai nghiện tự nguyện",
        );
        assert_eq!(
            sum,
            Summary {
                added: 3,
                removed: 1
            }
        );
        let del: Vec<&str> = segs
            .iter()
            .filter(|s| s.kind == "del")
            .map(|s| s.text.as_str())
            .collect();
        let ins: Vec<&str> = segs
            .iter()
            .filter(|s| s.kind == "ins")
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(del, vec!["250"]);
        assert_eq!(ins, vec!["300", " tự nguyện"]);
    }

    #[test]
    fn tone_marks_are_part_of_the_word() {
        let (segs, sum) = diff("đường", "dương");
        assert_eq!(
            sum,
            Summary {
                added: 1,
                removed: 1
            }
        );
        assert_eq!(
            segs[0],
            Segment {
                kind: "del",
                text: "đường".into()
            }
        );
    }
}
