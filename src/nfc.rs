//! Unicode at the door: every text read is normalised to NFC, and files written otherwise are named.
//!
//! Text copied from many PDF and Word files arrives decomposed (NFD: `o` + U+0302 + U+0301 for `ố`).
//! It looks the same but compares differently: a province written that way is not found, search
//! and find-in-page miss it. Readers call [`text`] and [`name`] on what they read, before any check;
//! [`scan`] warns about each source file (content or name) that was not NFC, so it can be fixed.

use crate::diagnostics::{Diagnostic, Position};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether `s` is already NFC: the quick check, then the full one when it cannot tell, on what
/// follows its [`plain_prefix`] (from the prefix's last character, a starter nothing before it
/// can compose with, so the rest decides alone).
pub fn is_nfc(s: &str) -> bool {
    let plain = plain_prefix(s);
    if plain == s.len() {
        return true;
    }
    let from = s[..plain].char_indices().next_back().map_or(0, |(i, _)| i);
    let rest = &s[from..];
    match is_nfc_quick(rest.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => rest.nfc().eq(rest.chars()),
    }
}

/// The length in bytes of the longest start of `s` that is NFC for want of anything to
/// compose: characters below U+0300 (ASCII, Latin-1, Latin Extended-A and -B, where Vietnamese's
/// ơ, ư and đ are), in Latin Extended Additional (U+1E00–U+1EFF, the precomposed ạ, ấ, ồ … ỹ)
/// or among the dashes, quotes and ellipsis of U+2010–U+2027, read from the UTF-8 bytes
/// ([`minh_search::nfc_plain_len`], which the search index checks its texts with).
fn plain_prefix(s: &str) -> usize {
    minh_search::nfc_plain_len(s)
}

/// `s` in NFC; the string itself when it already is.
pub fn text(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// A file or folder name in NFC.
pub fn name(s: &str) -> String {
    if is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// The 1-based line of the first text in `s` that is not NFC.
fn first_line(s: &str) -> Option<u64> {
    s.lines().position(|l| !is_nfc(l)).map(|i| i as u64 + 1)
}

/// Text files of the site that are read as text: site.yaml, content/, the theme's strings and templates.
fn text_files(root: &Path, theme: &str) -> Vec<PathBuf> {
    let mut out = vec![root.join("site.yaml")];
    for dir in [
        root.join("content"),
        root.join("themes").join(theme).join("i18n"),
        root.join("themes").join(theme).join("templates"),
    ] {
        out.extend(
            walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
                .map(|e| e.into_path())
                .filter(|p| {
                    p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        matches!(x, "md" | "yaml" | "yml" | "csv" | "html" | "xml" | "txt")
                    })
                }),
        );
    }
    out
}

/// One warning for each text file of the site whose content or path is not NFC.
pub fn scan(root: &Path, theme: &str) -> Vec<Diagnostic> {
    scan_except(root, theme, &std::collections::HashSet::new(), Vec::new())
}

/// [`scan`], without reading again the files in `checked`, whose reader already made their
/// warnings (`found`, by relative path); every warning sorted by file, as [`scan`] gives them.
pub fn scan_except(
    root: &Path,
    theme: &str,
    checked: &std::collections::HashSet<PathBuf>,
    found: Vec<(PathBuf, Diagnostic)>,
) -> Vec<Diagnostic> {
    let files = text_files(root, theme);
    let mut out: Vec<(PathBuf, Diagnostic)> = files
        .par_iter()
        .filter(|path| !checked.contains(*path))
        .filter_map(|path| {
            let file = crate::diagnostics::rel(root, path);
            let bytes = std::fs::read(path).ok()?;
            let d = warning(&file, std::str::from_utf8(&bytes).ok())?;
            Some((file, d))
        })
        .collect();
    out.extend(found);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, d)| d).collect()
}

/// The warning for the file at relative path `file` with content `text` (`None` when it is not
/// UTF-8), when its path or content is not NFC.
pub fn warning(file: &Path, text: Option<&str>) -> Option<Diagnostic> {
    let path_nfc = file.to_str().is_none_or(is_nfc);
    let content = text.filter(|t| !is_nfc(t)).and_then(first_line);
    Some(match (path_nfc, content) {
        (true, None) => return None,
        (false, None) => Diagnostic::warning(file, crate::catalogue::source::name_not_nfc()),
        (_, Some(line)) => Diagnostic::warning(file, crate::catalogue::source::not_nfc(!path_nfc))
            .at(Position::new(line, 1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_and_out_of_nfc() {
        let composed = "Cai nghiện ma túy tự nguyện ở Đồng Tháp, Thừa Thiên Huế: ơ ư đ ỹ";
        assert!(plain_prefix(composed) == composed.len() && is_nfc(composed));
        let decomposed: String = composed.nfd().collect();
        assert!(plain_prefix(&decomposed) < decomposed.len() && !is_nfc(&decomposed));
        assert_eq!(text(decomposed), composed);
        // A precomposed letter followed by a combining mark is not NFC when they compose...
        assert!(!is_nfc("e\u{0302}"));
        // ...and a text with characters beyond the byte test still gets the full check.
        assert!(is_nfc("Ἀθῆναι 東京 ☎"));
        assert!(!is_nfc("\u{212B}"));
        // What follows a plain start is checked with the start's last letter: a combining mark
        // right after it composes with it; a quotation mark or a dash does not.
        assert!(!is_nfc("Đồng Thápe\u{0301}"));
        assert!(!is_nfc("Đồng Tháp\u{0301}"));
        assert!(is_nfc("Đồng Tháp “cai nghiện” — ạ"));
        assert!(!is_nfc("Đồng Tháp “cai nghiện” — a\u{0323}"));
        // U+2000 (en quad) is its own decomposition's other form: never NFC.
        assert!(!is_nfc("Đồng Tháp\u{2000}"));
    }
}
