//! The site's languages: the list of `site.yaml` (`languages:`, the first the default), and a small copyable handle per language.
//!
//! A [`Lang`] is a language code that knows the language list of its site, so code holding a
//! page's language can ask for the default language or for every language without a global
//! setting: sites with different lists build side by side in one process. Codes and lists are
//! interned (leaked once per distinct code or list; a site has a handful), which keeps the
//! handle `Copy` and its code `&'static str`.
//!
//! A code read from content (a key of a `{vi: ..., en: ...}` map) is a *bare* handle: it
//! compares equal to the site's handle of the same code and serves as a map key, but knows no
//! site list; the site's handles come from [`Languages`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

/// A language of the site (or a bare language code read from content).
#[derive(Clone, Copy)]
pub struct Lang {
    code: &'static str,
    /// The codes of the site's languages, default first; empty for a bare code.
    site: &'static [&'static str],
}

impl Lang {
    /// The language code (`vi`, `en`, `km`...), as written in URLs, file names and `lang` attributes.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The site's default language (the first of `languages:`); a bare code is its own default.
    pub fn default_lang(self) -> Lang {
        match self.site.first() {
            Some(code) => Lang {
                code,
                site: self.site,
            },
            None => self,
        }
    }

    pub fn is_default(self) -> bool {
        self.default_lang() == self
    }

    /// Every language of the site, the default first (a bare code: itself only).
    pub fn site_langs(self) -> Languages {
        if self.site.is_empty() {
            Languages {
                codes: intern_list(&[self.code]),
            }
        } else {
            Languages { codes: self.site }
        }
    }

    /// The site's other languages, in the site's order.
    pub fn others(self) -> impl Iterator<Item = Lang> {
        self.site_langs().iter().filter(move |l| *l != self)
    }

    /// Of a text minh ships in its two catalogue languages, Vietnamese and English, the one for
    /// `lang`; any other language reads the site's default language's text if that is one of
    /// the two, else the Vietnamese (the catalogue's first language).
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self.code {
            "vi" => vi,
            "en" => en,
            _ if self.default_lang().code == "en" => en,
            _ => vi,
        }
    }

    /// A bare handle for a code read from content; `None` if it is not a language code
    /// (2–3 lowercase letters, optionally followed by `-` and subtags of letters and digits).
    pub fn bare(code: &str) -> Option<Lang> {
        is_code(code).then(|| Lang {
            code: intern(code),
            site: &[],
        })
    }
}

/// Whether `s` has the shape of a language code (`vi`, `km`, `hmn`, `zh-hant`).
fn is_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn intern(code: &str) -> &'static str {
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut set = CODES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(s) = set.get(code) {
        return s;
    }
    let s: &'static str = Box::leak(code.to_string().into_boxed_str());
    set.insert(s);
    s
}

fn intern_list(codes: &[&str]) -> &'static [&'static str] {
    static LISTS: OnceLock<Mutex<Vec<&'static [&'static str]>>> = OnceLock::new();
    let mut lists = LISTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(l) = lists
        .iter()
        .find(|l| l.iter().copied().eq(codes.iter().copied()))
    {
        return l;
    }
    let list: Vec<&'static str> = codes.iter().map(|c| intern(c)).collect();
    let list: &'static [&'static str] = Box::leak(list.into_boxed_slice());
    lists.push(list);
    list
}

impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        self.code == other.code
    }
}
impl Eq for Lang {}
impl Hash for Lang {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state)
    }
}
impl PartialOrd for Lang {
    fn partial_cmp(&self, other: &Lang) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
/// By code, so bare and site handles of one code are one map key; iterate over
/// [`Languages`] when the site's order matters.
impl Ord for Lang {
    fn cmp(&self, other: &Lang) -> Ordering {
        self.code.cmp(other.code)
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let s = String::deserialize(d)?;
        Lang::bare(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a language code (write a code such as vi, en, km or hmn) / `{s}` không phải mã ngôn ngữ (viết mã như vi, en, km hay hmn)"
            ))
        })
    }
}

/// The site's languages, the default first: `languages:` of `site.yaml`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Languages {
    codes: &'static [&'static str],
}

impl Languages {
    /// The list for these codes; `None` if it is empty, holds a code twice or a non-code.
    pub fn new(codes: &[&str]) -> Option<Languages> {
        let unique: HashSet<&&str> = codes.iter().collect();
        (!codes.is_empty() && unique.len() == codes.len() && codes.iter().all(|c| is_code(c))).then(
            || Languages {
                codes: intern_list(codes),
            },
        )
    }

    /// Every language, the default first.
    pub fn iter(self) -> impl Iterator<Item = Lang> + Clone {
        self.codes.iter().map(move |code| Lang {
            code,
            site: self.codes,
        })
    }

    pub fn default_lang(self) -> Lang {
        self.iter()
            .next()
            .expect("a site has at least one language")
    }

    /// The site's handle for a code, if the site has that language.
    pub fn get(self, code: &str) -> Option<Lang> {
        self.iter().find(|l| l.code == code)
    }

    /// The site's handle for a (possibly bare) language.
    pub fn of(self, lang: Lang) -> Option<Lang> {
        self.get(lang.code)
    }

    pub fn len(self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(self) -> bool {
        self.codes.is_empty()
    }

    pub fn codes(self) -> &'static [&'static str] {
        self.codes
    }
}

impl IntoIterator for Languages {
    type Item = Lang;
    type IntoIter = std::vec::IntoIter<Lang>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter().collect::<Vec<_>>().into_iter()
    }
}

impl fmt::Debug for Languages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.codes).finish()
    }
}

impl<'de> Deserialize<'de> for Languages {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Languages, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        Languages::new(&refs).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`languages: {codes:?}` must list at least one language code (vi, en, km...), each once, the default first / `languages: {codes:?}` phải liệt kê ít nhất một mã ngôn ngữ (vi, en, km...), mỗi mã một lần, ngôn ngữ mặc định đứng đầu"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_know_their_site_and_compare_by_code() {
        let site = Languages::new(&["vi", "en", "km"]).unwrap();
        let km = site.get("km").unwrap();
        assert_eq!(km.default_lang().code(), "vi");
        assert!(!km.is_default());
        assert_eq!(
            km.others().map(Lang::code).collect::<Vec<_>>(),
            ["vi", "en"]
        );
        assert_eq!(Lang::bare("km").unwrap(), km);
        let other = Languages::new(&["en", "vi"]).unwrap();
        assert!(other.get("en").unwrap().is_default());
        assert!(!site.get("en").unwrap().is_default());
    }

    #[test]
    fn bad_lists_and_codes_are_refused() {
        assert!(Languages::new(&[]).is_none());
        assert!(Languages::new(&["vi", "vi"]).is_none());
        assert!(Languages::new(&["Vietnamese"]).is_none());
        assert!(Lang::bare("zh-hant").is_some());
        assert!(Lang::bare("x").is_none());
    }
}
