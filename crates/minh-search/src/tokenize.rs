//! The one tokenizer (mirrored by search.js): NFC, case folding, diacritic folding, tone placement, bigrams.

use crate::Lang;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether a token is a single word or two adjacent words (a bigram).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// One word (a Vietnamese syllable, an English word, a number...).
    Word,
    /// Two adjacent words of one sentence, joined by one space.
    Bigram,
}

/// One token: the diacritic-free form used for matching and the exact form used for ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercase, diacritics removed, đ → d (English: lightly stemmed).
    pub folded: String,
    /// Lowercase with diacritics, NFC, tone mark in one canonical place.
    pub exact: String,
    /// Index of the (first) word among all words of the text, stop words included.
    pub pos: u32,
    /// Word or bigram.
    pub kind: TokenKind,
}

/// English words kept out of the index (unless a text holds nothing else).
pub const EN_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "that", "the", "this", "to", "was", "were", "with",
];

/// Vietnamese stop words: deliberately none (residents search for người, năm, không...).
pub const VI_STOP_WORDS: &[&str] = &[];

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const BREAK_CHARS: &str = ".!?;:…,()[]{}|\"“”«»–—";
/// Per ASCII byte, whether it alone parts sentences: the ASCII characters of [`BREAK_CHARS`]
/// but '.', ',' and ':' (alone, with no space, they sit inside a word: "TP.HCM", "1.5", "7:30").
const ASCII_BREAKS: [bool; 128] = {
    let chars = BREAK_CHARS.as_bytes();
    let mut table = [false; 128];
    let mut i = 0;
    while i < chars.len() {
        // A byte below 0x80 in UTF-8 is always a whole ASCII character.
        if chars[i] < 0x80 {
            table[chars[i] as usize] = true;
        }
        i += 1;
    }
    table[b'.' as usize] = false;
    table[b',' as usize] = false;
    table[b':' as usize] = false;
    table
};

/// A word of the text with its byte span (in the NFC text) and whether a break precedes it.
struct RawWord<'a> {
    text: &'a str,
    brk: bool,
}

/// Splits NFC text into words (runs of letters, digits and marks), noting sentence breaks.
fn raw_words(text: &str) -> Vec<RawWord<'_>> {
    // Sized for a word of about five bytes and its space (growing it cost more than the words).
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut sep_start = 0;
    let mut i = 0;
    while i < text.len() {
        let (class, len) = class_at(text, i);
        if class == Class::Word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(RawWord {
                text: &text[s..i],
                brk: is_break(&text[sep_start..s]),
            });
            sep_start = i;
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(RawWord {
            text: &text[s..],
            brk: is_break(&text[sep_start..s]),
        });
    }
    out
}

/// Calls `f` with each word of `text` (runs of letters, digits and marks) and the index of the
/// whitespace-separated word (as `split_whitespace` gives them) holding it, in one pass; returns
/// the number of whitespace-separated words.
fn spaced_pieces<'a>(text: &'a str, mut f: impl FnMut(u32, &'a str)) -> usize {
    let mut n = 0u32;
    let mut in_space = true;
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < text.len() {
        let (class, len) = class_at(text, i);
        if class == Class::Space {
            in_space = true;
        } else if in_space {
            in_space = false;
            n += 1;
        }
        if class == Class::Word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            f(n - 1, &text[s..i]);
        }
        i += len;
    }
    if let Some(s) = start {
        f(n.saturating_sub(1), &text[s..]);
    }
    n as usize
}

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// A letter, a digit or a combining mark ([`is_word_char`]).
    Word,
    /// Whitespace (`char::is_whitespace`).
    Space,
    /// Anything else (punctuation, symbols).
    Other,
}

/// The class of each ASCII character: letters and digits are words; tab, line feed, vertical
/// tab, form feed, carriage return and space are whitespace (as `char::is_whitespace` says).
const ASCII_CLASS: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = Class::Word;
        } else if matches!(c, 0x09..=0x0D | b' ') {
            t[b] = Class::Space;
        }
        b += 1;
    }
    t
};

/// The class of the character starting at byte `i` of `text` (a character boundary) and its
/// length in bytes. ASCII from a table and the Vietnamese letters of Latin Extended Additional
/// (U+1E00–U+1EFF: lead byte 0xE1, then 0xB8–0xBB) from their bytes; only other characters
/// are decoded (decoding and classifying each character was most of a scan's instructions).
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes();
    let lead = b[i];
    if lead < 0x80 {
        return (ASCII_CLASS[lead as usize], 1);
    }
    if lead == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB)) {
        return (Class::Word, 3);
    }
    // U+00C0–U+023F but × (0xC3 0x97) and ÷ (0xC3 0xB7): Latin letters with diacritics, among
    // them Vietnamese's â, ê, ô, ơ, ư and đ ([`latin_letter`]).
    if matches!(lead, 0xC4..=0xC8) || (lead == 0xC3 && !matches!(b.get(i + 1), Some(0x97 | 0xB7))) {
        return (Class::Word, 2);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_word_char(c) {
        Class::Word
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Whether `c` belongs to a word: a letter, a digit or a combining mark.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    latin_letter(c) || c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Whether `c` is one of the Latin letters with diacritics of Latin-1 Supplement, Latin
/// Extended-A and -B (U+00C0–U+024F but × and ÷) or Latin Extended Additional (U+1E00–U+1EFF,
/// the Vietnamese letters): a letter without the slower Unicode table look-up.
fn latin_letter(c: char) -> bool {
    matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c != '×' && c != '÷'
}

/// Whether the characters between two words end a sentence (or clause, or paragraph).
pub fn is_break(sep: &str) -> bool {
    // One ASCII character (mostly a space): looked up in a table made from BREAK_CHARS.
    if let [b] = sep.as_bytes() {
        return ASCII_BREAKS.get(usize::from(*b)) == Some(&true);
    }
    let mut chars = sep.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c == '.' || c == ',' || c == ':' {
            return false;
        }
    }
    sep.chars().any(|c| BREAK_CHARS.contains(c)) || sep.matches('\n').count() >= 2
}

/// The length in bytes of the longest start of `text` that is NFC for want of anything to
/// compose: characters with combining class 0 and NFC quick check Yes that sites mostly hold
/// (below U+0300: ASCII, Latin-1, Latin Extended-A and -B, where Vietnamese's ơ, ư and đ are;
/// Latin Extended Additional U+1E00–U+1EFF, the precomposed ạ, ấ, ồ … ỹ; the dashes, quotes and
/// ellipsis of U+2010–U+2027). Only a character from U+0300 up could compose with them. Read
/// from the UTF-8 bytes, eight at a time: only a byte from 0xCC up starts a character from
/// U+0300 up (ASCII, continuation bytes and the leads 0xC2–0xCB of U+0080–U+02FF pass at
/// once), and of those 0xE1 0xB8–0xBB is U+1E00–U+1EFF and 0xE2 0x80 0x90–0xA7 is
/// U+2010–U+2027. Many times quicker than decoding each character (and 1.7 times quicker than
/// stopping at every byte from 0x80 up: 40 MB of Vietnamese and English markdown in 20 against
/// 34 ms), and almost all of a Vietnamese or English text is this.
pub fn nfc_plain_len(text: &str) -> usize {
    // Per byte, (b & 0x7F) + 0x34 reaches 0x80 (never carrying into the next byte) exactly when
    // b & 0x7F >= 0x4C: with b's own high bit, when b >= 0xCC.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const TO_CC: u64 = 0x3434_3434_3434_3434;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or([0xFF; 8]));
            let from_cc = ((w & LOW) + TO_CC) & w & HIGH;
            if from_cc == 0 {
                i += 8;
                continue;
            }
            // To the first byte from 0xCC up (a lead byte: continuation bytes are below 0xC0).
            i += (from_cc.trailing_zeros() / 8) as usize;
        }
        match b[i] {
            // ASCII, a continuation byte or a lead of U+0080–U+02FF (0xC0 and 0xC1 never occur).
            0x00..=0xCB => i += 1,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0xA7)) => {
                i += 3
            }
            _ => break,
        }
    }
    i
}

/// Whether `text` is NFC for want of anything to compose ([`nfc_plain_len`]).
fn plainly_nfc(text: &str) -> bool {
    nfc_plain_len(text) == text.len()
}

/// NFC-normalizes text, skipping the work when it is already NFC.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if plainly_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Removes diacritics (combining marks U+0300–U+036F) and maps đ to d; input lowercase.
pub fn fold(lower: &str) -> String {
    if lower.is_ascii() {
        return lower.to_string();
    }
    let stripped: String = lower
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    stripped.nfc().collect()
}

fn is_vowel(c: char) -> bool {
    "aăâeêioôơuưy".contains(c)
}

fn is_marked_vowel(c: char) -> bool {
    "ăâêôơư".contains(c)
}

/// Puts the single tone mark of a Vietnamese syllable in one canonical place (hoà = hòa).
///
/// Words with no tone mark, several, a mark on a non-vowel, or several vowel groups are
/// returned unchanged (NFC). Input must be lowercase.
pub fn normalize_tone(lower: &str) -> String {
    if lower.is_ascii() {
        return lower.to_string();
    }
    let decomposed: Vec<char> = lower.nfd().collect();
    let tones: Vec<usize> = (0..decomposed.len())
        .filter(|&i| TONE_MARKS.contains(&decomposed[i]))
        .collect();
    let unchanged = || lower.nfc().collect::<String>();
    let [tone_at] = tones[..] else {
        return unchanged();
    };
    let base = decomposed[..tone_at]
        .iter()
        .rev()
        .find(|c| !('\u{300}'..='\u{36f}').contains(*c));
    if !base.is_some_and(|&c| "aeiouy".contains(c)) {
        return unchanged();
    }
    let tone = decomposed[tone_at];
    let untoned: Vec<char> = decomposed
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != tone_at)
        .map(|(_, &c)| c)
        .collect::<String>()
        .nfc()
        .collect();
    match tone_target(&untoned) {
        Some(t) => place_tone(&untoned, t, tone),
        None => unchanged(),
    }
}

/// Index of the vowel that carries the tone in the canonical placement, if the word is one syllable.
fn tone_target(u: &[char]) -> Option<usize> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < u.len() {
        if is_vowel(u[i]) {
            let s = i;
            while i < u.len() && is_vowel(u[i]) {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    let [(mut s, e)] = runs[..] else {
        return None;
    };
    let lead = |c: char, v: char| s == 1 && u[0] == c && u[s] == v && e - s > 1;
    if lead('q', 'u') || lead('g', 'i') {
        s += 1;
    }
    if let Some(m) = (s..e).rev().find(|&k| is_marked_vowel(u[k])) {
        return Some(m);
    }
    if e < u.len() || e - s == 1 {
        return Some(e - 1);
    }
    let pair: String = u[s..e].iter().collect();
    if pair == "oa" || pair == "oe" || pair == "uy" {
        return Some(s + 1);
    }
    Some(e - 2)
}

fn place_tone(u: &[char], target: usize, tone: char) -> String {
    let mut out = String::new();
    for (i, &c) in u.iter().enumerate() {
        if i == target {
            out.extend([c, tone].iter().collect::<String>().nfc());
        } else {
            out.push(c);
        }
    }
    out
}

/// Light, conservative English stemming of a lowercase ASCII word (plural s/es/ies, -ing, -ed).
pub fn stem_en(w: &str) -> String {
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("ies") {
        if w.len() > 4 {
            return format!("{s}y");
        }
    }
    if let Some(s) = w.strip_suffix("sses") {
        return format!("{s}ss");
    }
    for suf in ["xes", "ches", "shes"] {
        if let Some(s) = w.strip_suffix(suf) {
            return format!("{s}{}", &suf[..suf.len() - 2]);
        }
    }
    if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        return w[..w.len() - 1].to_string();
    }
    if let Some(s) = w.strip_suffix("ing") {
        return undouble(s).unwrap_or_else(|| w.to_string());
    }
    if let Some(s) = w.strip_suffix("ed") {
        if !w.ends_with("eed") {
            return undouble(s).unwrap_or_else(|| w.to_string());
        }
    }
    w.to_string()
}

/// A stem of at least 4 letters holding a vowel, with a doubled final consonant undoubled.
fn undouble(s: &str) -> Option<String> {
    if s.len() < 4 || !s.bytes().any(|b| b"aeiouy".contains(&b)) {
        return None;
    }
    let b = s.as_bytes();
    let n = b.len();
    if b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
        return Some(s[..n - 1].to_string());
    }
    Some(s.to_string())
}

/// Folded and exact forms of one word (as found in NFC text), before stop-word filtering.
pub fn word_forms(lang: Lang, word: &str) -> (String, String) {
    let lower = word.to_lowercase();
    let mut folded = fold(&lower);
    let mut exact = normalize_tone(&lower);
    if lang == Lang::En {
        folded = stem_en(&folded);
        exact = stem_en(&exact);
    }
    (folded, exact)
}

fn is_stop(lang: Lang, lower_folded: &str) -> bool {
    match lang {
        Lang::En => EN_STOP_WORDS.contains(&lower_folded),
        Lang::Vi => VI_STOP_WORDS.contains(&lower_folded),
        Lang::Generic => false,
    }
}

/// Interns strings as dense ids; serialized as its strings alone (the map is made again).
#[derive(Default, Clone, serde::Deserialize)]
#[serde(from = "Vec<String>")]
pub(crate) struct Interner {
    map: crate::hash::FxMap<String, u32>,
    /// The string of each id.
    pub(crate) strs: Vec<String>,
}

impl serde::Serialize for Interner {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.strs.serialize(s)
    }
}

impl From<Vec<String>> for Interner {
    fn from(strs: Vec<String>) -> Interner {
        let map = (strs.iter().enumerate())
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        Interner { map, strs }
    }
}

impl Interner {
    pub(crate) fn id(&mut self, s: String) -> u32 {
        if let Some(&i) = self.map.get(&s) {
            return i;
        }
        let i = self.strs.len() as u32;
        self.strs.push(s.clone());
        self.map.insert(s, i);
        i
    }
}

/// The bit of a [`packed`] id that marks a stop word.
pub(crate) const STOP_BIT: u32 = 1 << 31;

/// A word's folded id with [`STOP_BIT`] set for a stop word.
pub(crate) fn packed(w: WordIds) -> u32 {
    if w.stop {
        w.folded | STOP_BIT
    } else {
        w.folded
    }
}

/// What [`Tokenizer::scan_spaced`] gives: `(ids, word_ids, ends)`.
pub(crate) type Spaced = (Option<Vec<u32>>, Vec<u32>, Vec<u32>);

/// [`Tokenizer::scan_spaced`]'s ids from the pieces of a text (each its spaced word and
/// [`packed`] id, in order) and its number of spaced words `n`.
fn spaced_ids(all: &[(u32, u32)], n: usize) -> Spaced {
    let stop = |x: &(u32, u32)| x.1 & STOP_BIT != 0;
    let id = |x: &(u32, u32)| x.1 & !STOP_BIT;
    let mut ends = Vec::with_capacity(n);
    if !all.iter().any(stop) {
        // No stop word (always in Vietnamese): every piece's id, each spaced word's in turn.
        let mut k = 0;
        for i in 0..n as u32 {
            while all.get(k).is_some_and(|x| x.0 == i) {
                k += 1;
            }
            ends.push(k as u32);
        }
        return (None, all.iter().map(id).collect(), ends);
    }
    let all_stop = all.iter().all(stop);
    // A word of stop words only keeps them in `word_ids`, not in `ids`.
    let mut differ = false;
    let mut word_ids = Vec::with_capacity(all.len());
    let mut k = 0;
    for i in 0..n as u32 {
        let len = all[k..].iter().take_while(|x| x.0 == i).count();
        let group = &all[k..k + len];
        let only_stop = group.iter().all(stop);
        differ |= only_stop && !group.is_empty() && !all_stop;
        word_ids.extend(group.iter().filter(|x| !stop(x) || only_stop).map(id));
        ends.push(word_ids.len() as u32);
        k += len;
    }
    let ids = differ.then(|| {
        all.iter()
            .filter(|x| !stop(x) || all_stop)
            .map(id)
            .collect()
    });
    (ids, word_ids, ends)
}

/// Interned forms of one word.
#[derive(Clone, Copy)]
pub(crate) struct WordIds {
    pub(crate) folded: u32,
    pub(crate) exact: u32,
    stop: bool,
}

/// The words and bigrams of one text, as interned ids.
pub(crate) struct Scan {
    /// Kept words: (position among all words, forms).
    pub(crate) words: Vec<(u32, WordIds)>,
    /// Bigrams as pairs of indexes into `words`.
    pub(crate) bigrams: Vec<(usize, usize)>,
}

/// The bytes of `word` as one little-endian number, zero-padded, if it has at most 16 bytes. A
/// word's characters are letters, digits and marks ([`Class::Word`]), never NUL, so two words
/// have the same key only if they are the same.
#[inline]
fn short_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    debug_assert!(!b.contains(&0), "a word holds no NUL: {word:?}");
    if b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// Caches word forms as interned ids; the index builder reuses one across all documents. Kept
/// on disk ([`crate::kept`]) as its interned forms alone: the cache and scratch fill again.
#[derive(Default, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Tokenizer {
    #[serde(skip)]
    cache: crate::hash::FxMap<String, WordIds>,
    /// The cache of words of at most 16 bytes, each keyed by its bytes as one number
    /// ([`short_key`]): most words, looked up without hashing and comparing a string.
    #[serde(skip)]
    short: crate::hash::FxMap<u128, WordIds>,
    /// Folded forms.
    pub(crate) folded: Interner,
    /// Exact forms.
    pub(crate) exact: Interner,
    /// Scratch of [`Tokenizer::scan_spaced`]: each piece's spaced word and id ([`packed`]).
    #[serde(skip)]
    pieces: Vec<(u32, u32)>,
}

impl Tokenizer {
    fn forms(&mut self, lang: Lang, word: &str) -> WordIds {
        let key = short_key(word);
        let cached = match key {
            Some(k) => self.short.get(&k),
            None => self.cache.get(word),
        };
        if let Some(f) = cached {
            return *f;
        }
        let (folded, exact) = word_forms(lang, word);
        let stop = is_stop(lang, &fold(&word.to_lowercase()));
        let v = WordIds {
            folded: self.folded.id(folded),
            exact: self.exact.id(exact),
            stop,
        };
        match key {
            Some(k) => self.short.insert(k, v),
            None => self.cache.insert(word.to_string(), v),
        };
        v
    }

    /// The folded ids of the words [`Tokenizer::scan`] keeps in `text`, and per
    /// whitespace-separated word of `text` the folded ids `scan` gives that word alone (its stop
    /// words only when it holds nothing else), in one pass: `(ids, word_ids, ends)` where word
    /// `i`'s ids are `word_ids[ends[i - 1]..ends[i]]` (from 0 for the first), and `ids` is None
    /// when it equals `word_ids` (always when no whitespace-separated word is only stop words).
    pub(crate) fn scan_spaced(&mut self, lang: Lang, text: &str) -> Spaced {
        let text = nfc(text);
        // The pieces with their spaced word, in a buffer kept from one call to the next.
        let mut all = std::mem::take(&mut self.pieces);
        all.clear();
        let n = spaced_pieces(&text, |i, r| all.push((i, packed(self.forms(lang, r)))));
        let out = spaced_ids(&all, n);
        self.pieces = all;
        out
    }

    /// [`Tokenizer::scan_spaced`] of NFC `text` whose words' ids (as [`packed`]) are the next
    /// ones of `known`, in order: the words' forms are not looked up again. None if `known`
    /// runs out.
    pub(crate) fn scan_spaced_known(
        &mut self,
        text: &str,
        known: &mut impl Iterator<Item = u32>,
    ) -> Option<Spaced> {
        let mut all = std::mem::take(&mut self.pieces);
        all.clear();
        let mut short = false;
        let n = spaced_pieces(text, |i, _| match known.next() {
            Some(id) => all.push((i, id)),
            None => short = true,
        });
        let out = (!short).then(|| spaced_ids(&all, n));
        self.pieces = all;
        out
    }

    /// Kept words and bigrams of one text; see [`tokenize`].
    pub(crate) fn scan(&mut self, lang: Lang, text: &str) -> Scan {
        self.scan_keeping(lang, text, None).0
    }

    /// [`Tokenizer::scan`], pushing onto `known` the id of every word of `text` (stop words
    /// too, as [`packed`]) in order; with whether `text` is NFC as it is (the words are then
    /// those of `text` itself).
    pub(crate) fn scan_keeping(
        &mut self,
        lang: Lang,
        text: &str,
        known: Option<&mut Vec<u32>>,
    ) -> (Scan, bool) {
        let text = nfc(text);
        let as_is = matches!(text, std::borrow::Cow::Borrowed(_));
        let raw = raw_words(&text);
        let forms: Vec<WordIds> = raw.iter().map(|w| self.forms(lang, w.text)).collect();
        if let Some(known) = known {
            known.extend(forms.iter().map(|&f| packed(f)));
        }
        let all_stop = forms.iter().all(|f| f.stop);
        let mut scan = Scan {
            words: Vec::with_capacity(raw.len()),
            bigrams: Vec::with_capacity(raw.len()),
        };
        let mut pending_break = false;
        for (i, (w, f)) in raw.iter().zip(&forms).enumerate() {
            pending_break |= w.brk;
            if f.stop && !all_stop {
                continue;
            }
            if !scan.words.is_empty() && !pending_break {
                scan.bigrams.push((scan.words.len() - 1, scan.words.len()));
            }
            scan.words.push((i as u32, *f));
            pending_break = false;
        }
        (scan, as_is)
    }

    /// Words then bigrams of one text; see [`tokenize`].
    pub(crate) fn run(&mut self, lang: Lang, text: &str) -> Vec<Token> {
        let scan = self.scan(lang, text);
        let f = |id: u32| self.folded.strs[id as usize].as_str();
        let x = |id: u32| self.exact.strs[id as usize].as_str();
        let words = scan.words.iter().map(|&(pos, w)| Token {
            folded: f(w.folded).to_string(),
            exact: x(w.exact).to_string(),
            pos,
            kind: TokenKind::Word,
        });
        let bigrams = scan.bigrams.iter().map(|&(a, b)| {
            let ((pa, wa), (_, wb)) = (scan.words[a], scan.words[b]);
            Token {
                folded: format!("{} {}", f(wa.folded), f(wb.folded)),
                exact: format!("{} {}", x(wa.exact), x(wb.exact)),
                pos: pa,
                kind: TokenKind::Bigram,
            }
        });
        words.chain(bigrams).collect()
    }
}

/// Tokenizes text: word tokens in order, then bigram tokens (adjacent kept words of one sentence).
///
/// Stop words (English only) are left out unless every word of the text is one.
pub fn tokenize(lang: Lang, text: &str) -> Vec<Token> {
    Tokenizer::default().run(lang, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cheap test never calls a text NFC that is not: it agrees with the normalizer.
    #[test]
    fn plainly_nfc_text_is_nfc() {
        let texts = [
            "Cai nghiện ma túy tại Đồng Tháp – “tự nguyện”…",
            "hoà hòa Ồ ồ Ỹ",
            "Cafe\u{301}",
            "e\u{302}\u{301}",
            "\u{2000}\u{2001}",
            "Ω Å K",
            "ế",
        ];
        for t in texts {
            let normal: String = t.nfc().collect();
            if plainly_nfc(t) {
                assert_eq!(normal, t, "{t:?}");
            }
            assert_eq!(nfc(t), normal.as_str(), "{t:?}");
        }
        assert!(plainly_nfc(texts[0]) && plainly_nfc(texts[1]));
        assert!(!plainly_nfc(texts[2]) && !plainly_nfc(texts[4]));
    }

    /// The byte test passes exactly the characters it names, each of which the Unicode quick
    /// check passes, and stops at the first one it does not name.
    #[test]
    fn plain_nfc_bytes_are_the_named_characters() {
        let named = |c: char| matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF | 0x2010..=0x2027);
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            let plain = nfc_plain_len(&s) == s.len();
            assert_eq!(plain, named(c), "U+{:04X}", c as u32);
            if plain {
                assert_eq!(
                    is_nfc_quick(s.chars()),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    c as u32
                );
            }
            let text = format!("Cai nghiện ma túy{s}x");
            let expected = if plain {
                text.len()
            } else {
                "Cai nghiện ma túy".len()
            };
            assert_eq!(nfc_plain_len(&text), expected, "U+{:04X}", c as u32);
        }
        // Every character after every number of bytes before it (so at every place in the
        // eight bytes read at once, and in the bytes left after the last eight), the bytes
        // before being ASCII and characters it names of two and three bytes.
        let heads = ["", "a", "ệ", "ơ", "–", "aé", "ab–", "ạbc"];
        let heads: Vec<String> = (0..17)
            .flat_map(|n| heads.iter().map(move |h| format!("{}{h}", "x".repeat(n))))
            .collect();
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            for head in &heads {
                let text = format!("{head}{c}");
                let expected = if named(c) { text.len() } else { head.len() };
                assert_eq!(
                    nfc_plain_len(&text),
                    expected,
                    "U+{:04X} after {head:?}",
                    c as u32
                );
            }
        }
        // The first character it does not name after any number of ASCII and plain bytes.
        for n in 0..20 {
            let head = format!("{}ệ{}–", "a".repeat(n), "b".repeat(n % 9));
            assert_eq!(nfc_plain_len(&format!("{head}\u{301}x")), head.len(), "{n}");
            assert_eq!(nfc_plain_len(&head), head.len(), "{n}");
        }
    }

    /// One pass finds the words of each whitespace-separated word as scanning it alone does.
    #[test]
    fn spaced_pieces_match_words_of_each_spaced_word() {
        let texts = [
            "  Cai nghiện, ma-túy\u{a0}tại\tĐồng Tháp… (2024) · x\u{b}y ",
            "",
            " · – ",
            "e\u{301}a\u{2003}b",
            "abc",
        ];
        for t in texts {
            let mut got = Vec::new();
            let n = spaced_pieces(t, |i, w| got.push((i, w)));
            let mut want = Vec::new();
            for (i, w) in t.split_whitespace().enumerate() {
                want.extend(raw_words(w).into_iter().map(|r| (i as u32, r.text)));
            }
            assert_eq!(got, want, "{t:?}");
            assert_eq!(n, t.split_whitespace().count(), "{t:?}");
        }
    }

    /// The byte classes agree with `char::is_whitespace` and [`is_word_char`] on every
    /// character of the Basic Multilingual Plane, and read it whole.
    #[test]
    fn byte_classes_are_the_character_classes() {
        for c in ('\0'..='\u{ffff}').chain(['\u{1f600}', '\u{20000}']) {
            let want = if c.is_whitespace() {
                Class::Space
            } else if is_word_char(c) {
                Class::Word
            } else {
                Class::Other
            };
            let text = format!("a{c}");
            assert_eq!(
                class_at(&text, 1),
                (want, c.len_utf8()),
                "U+{:04X}",
                c as u32
            );
        }
    }

    /// The shortcut agrees with the Unicode tables on every character it covers.
    #[test]
    fn latin_letters_are_alphabetic() {
        for c in ('\u{c0}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            assert_eq!(latin_letter(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// A separator of one ASCII character breaks exactly as the rule for longer ones says
    /// (after its exceptions: a space, '.', ',' and ':').
    #[test]
    fn a_one_byte_separator_breaks_as_the_general_rule_says() {
        let general = |sep: &str| {
            !matches!(sep, " " | "." | "," | ":")
                && (sep.chars().any(|c| BREAK_CHARS.contains(c)) || sep.matches('\n').count() >= 2)
        };
        for b in 0u8..128 {
            let sep = char::from(b).to_string();
            assert_eq!(is_break(&sep), general(&sep), "{b:#04x}");
        }
        for sep in ["", ". ", ", ", "\n\n", " \n", "…", "–", " – "] {
            assert_eq!(is_break(sep), general(sep), "{sep:?}");
        }
    }
}
