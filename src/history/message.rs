//! The commit-message convention for public change notes: subject line, `Change-note:` and `Minor:` trailers.
//!
//! - The subject (first line) of a commit that changes only the site's content is its public note.
//! - `Change-note: …` (every language) or `Change-note-vi: …`, `Change-note-en: …` (one language)
//!   trailers replace the subject as the note.
//! - `Minor: yes` marks a minor change (typo, formatting): the page's date moves, no note is shown.
//! - A commit that also changes files outside `content/` (program, theme, tests) is maintenance:
//!   it counts as minor unless it carries a `Change-note` trailer, so developers' messages never
//!   become public notes.
//! - Anything that looks like an e-mail address is removed from a note; author and committer are
//!   never read.

use std::collections::BTreeMap;

/// What a commit message says for the public.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// By language code, "" for every language.
    pub notes: BTreeMap<String, String>,
    pub minor: bool,
    /// Whether the notes come from trailers (which a maintenance commit keeps).
    pub explicit: bool,
}

/// Reads a commit message.
pub fn parse(message: &str) -> Parsed {
    let message = message.replace("\r\n", "\n");
    let subject = message.lines().next().unwrap_or("").trim();
    let mut p = Parsed::default();
    for line in trailer_block(&message) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        if key == "minor" {
            p.minor = matches!(
                value.to_ascii_lowercase().as_str(),
                "yes" | "true" | "1" | "có"
            );
        } else if key == "change-note" {
            insert(&mut p.notes, "", value);
        } else if let Some(code) = key.strip_prefix("change-note-") {
            insert(&mut p.notes, code, value);
        }
    }
    p.explicit = !p.notes.is_empty();
    if !p.notes.contains_key("") {
        // The subject speaks for the languages no trailer names.
        insert(&mut p.notes, "", subject);
    }
    p
}

fn insert(notes: &mut BTreeMap<String, String>, code: &str, value: &str) {
    let clean = scrub(value);
    if !clean.is_empty() {
        notes.insert(code.to_string(), clean);
    }
}

/// The last paragraph of a message, when every line of it is a `Key: value` trailer.
fn trailer_block(message: &str) -> Vec<&str> {
    let body: Vec<&str> = message.trim_end().split("\n\n").collect();
    if body.len() < 2 {
        return Vec::new();
    }
    let last = body[body.len() - 1];
    let lines: Vec<&str> = last.lines().filter(|l| !l.trim().is_empty()).collect();
    let is_trailer = |l: &&str| {
        l.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    };
    if !lines.is_empty() && lines.iter().all(is_trailer) {
        lines
    } else {
        Vec::new()
    }
}

/// Removes e-mail addresses and `<…>` parts from a note, and folds whitespace.
pub fn scrub(note: &str) -> String {
    let words: Vec<&str> = note
        .split_whitespace()
        .filter(|w| !(w.contains('@') || (w.starts_with('<') && w.ends_with('>'))))
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_the_note() {
        let p = parse("Sửa số điện thoại của cơ sở Cao Lãnh\n\nChi tiết nội bộ.");
        assert_eq!(p.notes[""], "Sửa số điện thoại của cơ sở Cao Lãnh");
        assert!(!p.minor && !p.explicit);
    }

    #[test]
    fn trailers_set_notes_and_minor() {
        let p = parse("wip\n\nbody\n\nChange-note: Cập nhật chỉ tiêu\nChange-note-en: Targets updated\nMinor: no");
        assert_eq!(p.notes[""], "Cập nhật chỉ tiêu");
        assert_eq!(p.notes["en"], "Targets updated");
        assert!(p.explicit && !p.minor);
        let m = parse("Typo\n\nMinor: yes");
        assert!(m.minor);
    }

    #[test]
    fn emails_never_reach_a_note() {
        let p = parse("Fix by an.nguyen@example.vn <an.nguyen@example.vn>");
        assert_eq!(p.notes[""], "Fix by");
    }

    #[test]
    fn a_paragraph_that_is_not_trailers_is_ignored() {
        let p = parse("Subject\n\nThis: is prose\nand more prose");
        assert_eq!(p.notes[""], "Subject");
    }
}
