//! Query rewriting (mirrored by search.js): Telex/VNI keystrokes decoded, place names as people
//! write them read as the unit's name, one-letter slips matched against indexed words.
//!
//! Everything here runs on the query alone or on data the first query fetches anyway (the
//! manifest's place table, the answer or word shards), so no rewrite costs a request.

use crate::tokenize::{fold, nfc, normalize_tone};
use crate::Lang;
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

/// Onsets of a Vietnamese syllable (diacritics folded, đ as d).
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
/// Vowel groups that take no final consonant (diacritics folded).
const OPEN_NUCLEI: &str = "ai ao au ay eo eu iu oi ui uu ieu yeu oai oay oeo uay uoi uyu uou";
/// Vowel groups that may take a final consonant (diacritics folded).
const NUCLEI: &str = "a e i o u y ia ie oa oe oo ua ue uo uy ye uya uye";
/// Final consonants.
const CODAS: [&str; 8] = ["ch", "ng", "nh", "c", "m", "n", "p", "t"];

/// Whether a lowercase word, diacritics folded, has the shape of a Vietnamese syllable.
pub fn is_syllable(folded: &str) -> bool {
    if folded.is_empty() || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    ONSETS.iter().any(|o| {
        let Some(rest) = folded.strip_prefix(o) else {
            return false;
        };
        // "gi" and "qu" lend their vowel: gì, quá.
        let rime = |r: &str| {
            OPEN_NUCLEI.split(' ').any(|n| n == r)
                || NUCLEI.split(' ').any(|n| {
                    r.strip_prefix(n)
                        .is_some_and(|c| c.is_empty() || CODAS.contains(&c))
                })
        };
        rime(rest) || (*o == "gi" && (rest.is_empty() || rime(&format!("i{rest}"))))
    })
}

/// One letter while decoding keystrokes: its base letter and the marks given to it.
#[derive(Clone, Copy)]
struct Slot {
    base: char,
    /// U+0302 circumflex, U+0306 breve, U+031B horn, or 'đ' for a stroked d.
    mark: Option<char>,
}

const TONE_KEYS: [(char, char); 10] = [
    ('s', '\u{301}'),
    ('f', '\u{300}'),
    ('r', '\u{309}'),
    ('x', '\u{303}'),
    ('j', '\u{323}'),
    ('1', '\u{301}'),
    ('2', '\u{300}'),
    ('3', '\u{309}'),
    ('4', '\u{303}'),
    ('5', '\u{323}'),
];
const CIRC: char = '\u{302}';
const BREVE: char = '\u{306}';
const HORN: char = '\u{31b}';

fn is_vowel(c: char) -> bool {
    "aeiouy".contains(c)
}

/// Puts `mark` on the last vowel among `bases` that can take it; false when none can.
fn put_mark(slots: &mut [Slot], bases: &str, mark: char) -> bool {
    match slots
        .iter()
        .rposition(|s| bases.contains(s.base) && s.mark.is_none())
    {
        Some(i) => {
            slots[i].mark = Some(mark);
            true
        }
        None => false,
    }
}

/// Horn for "w" / "7" / "+": on both of "uo" (ươ), else on the last u or o, else breve on a.
fn put_horn(slots: &mut [Slot], breve_a: bool) -> bool {
    let n = slots.len();
    for i in (1..n).rev() {
        if slots[i - 1].base == 'u' && slots[i].base == 'o' && slots[i].mark.is_none() {
            slots[i - 1].mark = Some(HORN);
            slots[i].mark = Some(HORN);
            return true;
        }
    }
    put_mark(slots, "uo", HORN) || (breve_a && put_mark(slots, "a", BREVE))
}

/// Reads one word typed with Telex or VNI keys (or VIQR's ^ + *) left in: "dongf" → "dòng",
/// "nghieenj" → "nghiện", "d9o^ng" → "đông". None unless the word as typed is not a Vietnamese
/// syllable, a key was read, and the result is one.
pub fn decode_keys(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let folded = fold(&lower);
    if is_syllable(&folded) {
        return None;
    }
    let mut slots: Vec<Slot> = Vec::new();
    let mut tone: Option<char> = None;
    let mut read = false;
    for c in lower.nfd() {
        let has_vowel = slots.iter().any(|s| is_vowel(s.base));
        let last = slots.last().copied();
        let key = match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => {
                tone = Some(c);
                continue;
            }
            CIRC | BREVE | HORN => {
                if let Some(s) = slots.last_mut() {
                    s.mark = Some(c);
                }
                continue;
            }
            'đ' => {
                slots.push(Slot {
                    base: 'd',
                    mark: Some('đ'),
                });
                continue;
            }
            'd' | '9' if last.is_some_and(|s| s.base == 'd' && s.mark.is_none()) => {
                if let Some(s) = slots.last_mut() {
                    s.mark = Some('đ');
                }
                true
            }
            'a' | 'e' | 'o' if last.is_some_and(|s| s.base == c && s.mark.is_none()) => {
                if let Some(s) = slots.last_mut() {
                    s.mark = Some(CIRC);
                }
                true
            }
            'w' => {
                if !put_horn(&mut slots, true) {
                    slots.push(Slot {
                        base: 'u',
                        mark: Some(HORN),
                    });
                }
                true
            }
            '6' | '^' => put_mark(&mut slots, "aeo", CIRC),
            '7' | '+' | '*' => put_horn(&mut slots, false),
            '8' => put_mark(&mut slots, "a", BREVE),
            'z' | '0' if has_vowel => {
                tone = None;
                true
            }
            _ => match TONE_KEYS.iter().find(|k| k.0 == c) {
                Some(&(_, t)) if has_vowel => {
                    tone = Some(t);
                    true
                }
                _ => false,
            },
        };
        if key {
            read = true;
        } else if c.is_ascii_lowercase() {
            slots.push(Slot {
                base: c,
                mark: None,
            });
        } else {
            return None;
        }
    }
    if !read {
        return None;
    }
    let mut out = String::new();
    let mut toned = tone.is_none();
    for s in &slots {
        match s.mark {
            Some('đ') => out.push('đ'),
            Some(m) => {
                out.push(s.base);
                out.push(m);
            }
            None => out.push(s.base),
        }
        if !toned && is_vowel(s.base) {
            out.extend(tone);
            toned = true;
        }
    }
    let word: String = out.nfc().collect();
    let result = normalize_tone(&word);
    is_syllable(&fold(&result)).then_some(result)
}

/// Reads a whole query's keystrokes: each run of letters, digits and ^ + * that decodes (see
/// [`decode_keys`]) is replaced. None when nothing was decoded.
pub fn decode_query(lang: Lang, q: &str) -> Option<String> {
    if lang != Lang::Vi {
        return None;
    }
    let q = nfc(q);
    let mut out = String::with_capacity(q.len());
    let mut run = String::new();
    let mut changed = false;
    let mut flush = |run: &mut String, out: &mut String| {
        match decode_keys(run) {
            Some(d) => {
                out.push_str(&d);
                changed = true;
            }
            None => out.push_str(run),
        }
        run.clear();
    };
    for c in q.chars() {
        if c.is_alphanumeric() || (matches!(c, '^' | '+' | '*') && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    changed.then_some(out)
}

/// Whether `a` and `b` differ by one letter: one substituted, inserted, deleted, or two
/// neighbours swapped (by characters).
pub fn one_slip(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[pre..], &b[pre..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

/// Edit distance (Levenshtein with adjacent swaps) of two words, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// Shortest word (in characters) a slip is looked for in.
pub const SLIP_MIN_CHARS: usize = 4;

/// Whether a query word may hold a slip: long enough, and (in Vietnamese) not itself the shape
/// of a syllable, so a real but different word is never "corrected".
pub fn may_slip(lang: Lang, folded: &str) -> bool {
    folded.chars().count() >= SLIP_MIN_CHARS && (lang != Lang::Vi || !is_syllable(folded))
}

/// The place table of one index (manifest `"pl"`): names, spellings, administrative words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Places {
    /// Every place: display name, index of the current unit it now belongs to (itself for a
    /// current unit), and a key the site links it by (the finder's province slug).
    pub names: Vec<PlaceName>,
    /// Spellings (any text: "TP HCM", "Sài Gòn", the name itself) and the place each means.
    pub spellings: Vec<(String, usize)>,
    /// Words that may stand before a place name and are dropped with it ("tỉnh", "TP").
    pub before: Vec<String>,
    /// Words that may follow a place name and are dropped with it ("City", "Province").
    pub after: Vec<String>,
}

/// One named place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceName {
    /// Display name with diacritics ("Hồ Chí Minh").
    pub name: String,
    /// Index (in [`Places::names`]) of the current unit.
    pub current: usize,
    /// The key the site links the current unit by (a province slug).
    pub link: String,
}

/// Folded words of a text (as the query parser sees them), joined by one space.
pub fn folded_phrase(lang: Lang, text: &str) -> String {
    crate::tokenize::tokenize(lang, text)
        .into_iter()
        .filter(|t| t.kind == crate::TokenKind::Word)
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a query was read: the text searched and the text shown, and the places recognized.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    /// The text actually searched (replaced words without diacritics, so the precomputed answers serve it).
    pub q: String,
    /// The reading as shown to the reader ("đồng tháp", "Hồ Chí Minh").
    pub show: String,
    /// Places recognized, by index in [`Places::names`], in query order.
    pub places: Vec<usize>,
    /// Whether `q` differs from the query typed (keystrokes decoded or a place spelling read).
    pub changed: bool,
}

/// Reads a query: keystrokes decoded, place spellings (with "tỉnh", "TP"... around them) read as
/// the place's name. Words decoded or replaced are searched without diacritics (as residents
/// type, so the precomputed answers serve them); words typed with their diacritics keep them.
pub fn read_query(lang: Lang, q: &str, places: &FoldedPlaces) -> Reading {
    let decoded = decode_query(lang, q);
    let text = decoded.as_deref().unwrap_or(q);
    let words: Vec<(String, String)> = word_tokens(lang, text);
    let typed: Vec<String> = word_tokens(lang, q).into_iter().map(|w| w.1).collect();
    let mut r = Reading {
        changed: decoded.is_some(),
        ..Reading::default()
    };
    let searched = |w: &(String, String)| {
        if typed.contains(&w.1) {
            w.1.clone()
        } else {
            w.0.clone()
        }
    };
    let folded: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
    let (mut qs, mut shows) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < words.len() {
        let Some((end, place, bare)) = places.match_at(&folded, i) else {
            qs.push(searched(&words[i]));
            shows.push(words[i].1.clone());
            i += 1;
            continue;
        };
        let name = &places.folded_names[place];
        if bare && folded[i..end].join(" ") == *name {
            qs.extend(words[i..end].iter().map(searched));
            // A place typed with keys left in is shown by its name ("dongf thaps": Đồng Tháp).
            if words[i..end].iter().all(|w| typed.contains(&w.1)) {
                shows.extend(words[i..end].iter().map(|w| w.1.clone()));
            } else {
                shows.push(places.names[place].name.clone());
            }
        } else {
            r.changed = true;
            qs.push(name.clone());
            shows.push(places.names[place].name.clone());
        }
        r.places.push(place);
        i = end;
    }
    if r.changed {
        r.q = qs.join(" ");
        r.show = shows.join(" ");
    } else {
        r.q = q.to_string();
        r.show = q.to_string();
    }
    r
}

/// (folded, exact) of each word of a text, in order.
fn word_tokens(lang: Lang, text: &str) -> Vec<(String, String)> {
    crate::tokenize::tokenize(lang, text)
        .into_iter()
        .filter(|t| t.kind == crate::TokenKind::Word)
        .map(|t| (t.folded, t.exact))
        .collect()
}

/// A [`Places`] table with every spelling folded as the query parser folds words.
#[derive(Debug, Clone, Default)]
pub struct FoldedPlaces {
    pub(crate) names: Vec<PlaceName>,
    /// Folded name of each place.
    pub(crate) folded_names: Vec<String>,
    /// Folded spelling → place.
    pub(crate) spellings: std::collections::HashMap<String, usize>,
    pub(crate) before: Vec<String>,
    pub(crate) after: Vec<String>,
    /// Most words in a spelling.
    pub(crate) longest: usize,
}

impl FoldedPlaces {
    /// Folds a place table for `lang`; spellings that fold to nothing are left out.
    pub fn new(lang: Lang, p: &Places) -> Self {
        let mut spellings = std::collections::HashMap::new();
        let folded_names: Vec<String> = p
            .names
            .iter()
            .map(|n| folded_phrase(lang, &n.name))
            .collect();
        for (i, f) in folded_names.iter().enumerate() {
            if !f.is_empty() {
                spellings.entry(f.clone()).or_insert(i);
            }
        }
        for (s, i) in &p.spellings {
            let f = folded_phrase(lang, s);
            if !f.is_empty() && *i < p.names.len() {
                spellings.entry(f).or_insert(*i);
            }
        }
        let words = |v: &[String]| {
            let mut out: Vec<String> = v
                .iter()
                .map(|w| folded_phrase(lang, w))
                .filter(|w| !w.is_empty())
                .collect();
            out.sort();
            out.dedup();
            out
        };
        let longest = spellings
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        FoldedPlaces {
            names: p.names.clone(),
            folded_names,
            spellings,
            before: words(&p.before),
            after: words(&p.after),
            longest,
        }
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Whether `folded` is the folded name of a place.
    pub fn is_name(&self, folded: &str) -> bool {
        self.folded_names.iter().any(|n| n == folded)
    }

    /// The folded names of the current units (each once, sorted).
    pub fn current_names(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .names
            .iter()
            .zip(&self.folded_names)
            .enumerate()
            .filter(|(i, (n, f))| n.current == *i && !f.is_empty())
            .map(|(_, (_, f))| f.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The folded names of the places (some repeat: a former province of the same name).
    pub fn folded_names(&self) -> &[String] {
        &self.folded_names
    }

    /// The manifest's `"pl"`: `{"n":[[name,folded,current,link],...],"s":{spelling:place},
    /// "x":[words before],"y":[words after]}` (spellings folded, sorted).
    pub fn to_manifest(&self) -> Value {
        let names: Vec<Value> = self
            .names
            .iter()
            .zip(&self.folded_names)
            .map(|(n, f)| json!([n.name, f, n.current, n.link]))
            .collect();
        let spellings: std::collections::BTreeMap<&String, &usize> =
            self.spellings.iter().collect();
        json!({"n": names, "s": spellings, "x": self.before, "y": self.after})
    }

    /// Reads the manifest's `"pl"` (an empty table when absent).
    pub fn from_manifest(v: &Value) -> Self {
        let strs = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut t = FoldedPlaces::default();
        for n in v["n"].as_array().map_or(&[][..], Vec::as_slice) {
            t.names.push(PlaceName {
                name: n[0].as_str().unwrap_or("").to_string(),
                current: n[2].as_u64().unwrap_or(0) as usize,
                link: n[3].as_str().unwrap_or("").to_string(),
            });
            t.folded_names.push(n[1].as_str().unwrap_or("").to_string());
        }
        if let Some(m) = v["s"].as_object() {
            for (k, i) in m {
                t.spellings
                    .insert(k.clone(), i.as_u64().unwrap_or(0) as usize);
            }
        }
        t.before = strs(&v["x"]);
        t.after = strs(&v["y"]);
        t.longest = t
            .spellings
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        t
    }

    /// Longest number of words of `admin` phrases matching at `i`, for each length (0 first).
    fn admin_at(list: &[String], words: &[&str], i: usize) -> Vec<usize> {
        let mut out = vec![0];
        for a in list {
            let n = a.split(' ').count();
            if i + n <= words.len() && words[i..i + n].join(" ") == *a {
                out.push(n);
            }
        }
        out.sort_unstable_by(|a, b| b.cmp(a));
        out
    }

    /// The place spelled at word `i` (after optional administrative words, followed by
    /// optional ones): (end word, place, whether no administrative word was taken).
    pub(crate) fn match_at(&self, words: &[&str], i: usize) -> Option<(usize, usize, bool)> {
        for a in Self::admin_at(&self.before, words, i) {
            let s = i + a;
            for len in (1..=self.longest.min(words.len().saturating_sub(s))).rev() {
                let key = words[s..s + len].join(" ");
                if let Some(&place) = self.spellings.get(&key) {
                    let after = Self::admin_at(&self.after, words, s + len)[0];
                    return Some((s + len + after, place, a == 0 && after == 0));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "dong", "thap", "nghien", "gi", "gia", "quy", "khoe", "nguoi", "xoong", "a", "oanh",
            "uyen", "chuyen",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "dongf",
            "thaps",
            "nghieenj",
            "methadone",
            "hcm",
            "tphcm",
            "ddi",
            "nghein",
            "xyz",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn keystrokes() {
        let cases = [
            ("dongf", Some("dòng")),
            ("thaps", Some("tháp")),
            ("nghieenj", Some("nghiện")),
            ("d9o^ng", Some("đông")),
            ("ddoongf", Some("đồng")),
            ("nguwowif", Some("người")),
            ("nguoiwf", Some("người")),
            ("hoaf", Some("hoà")),
            ("vie65t", Some("việt")),
            ("ddaf", Some("đà")),
            ("nawngx", Some("nẵng")),
            ("dong", None),
            ("methadone", None),
            ("hcm", None),
            ("xoong", None),
            ("2025", None),
            ("covid19", None),
        ];
        for (w, want) in cases {
            assert_eq!(decode_keys(w).as_deref(), want, "{w}");
        }
        assert_eq!(
            decode_query(Lang::Vi, "dongf thaps").as_deref(),
            Some("dòng tháp")
        );
        assert_eq!(decode_query(Lang::Vi, "d9o^ng").as_deref(), Some("đông"));
        assert_eq!(decode_query(Lang::Vi, "cai nghien"), None);
        assert_eq!(decode_query(Lang::En, "dongf"), None);
    }

    #[test]
    fn slips() {
        assert!(one_slip("methadon", "methadone"));
        assert!(one_slip("nghein", "nghien"));
        assert!(one_slip("nghien", "nghiem"));
        assert!(one_slip("ngien", "nghien"));
        assert!(!one_slip("nghien", "nghien"));
        assert!(!one_slip("nghe", "nghien"));
        assert_eq!(distance("nghein", "nghien"), 1);
        assert_eq!(distance("xyz", "xuyen"), 3);
    }
}
