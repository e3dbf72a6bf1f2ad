//! The language of diagnostics and command output, and a text written in every one of them ([`Text`]).
//!
//! The catalogue ([`crate::catalogue`]) writes every text in Vietnamese and English side by side.
//! Any other language of the site's list reads its translations from a messages file,
//! `messages/<code>.yaml` in the site's folder: a map from the English text as the catalogue
//! writes it, with its `{placeholders}`, to the translation, e.g.
//! ```yaml
//! "`{value}` is not one of the current provinces": "`{value}` មិនមែនជាខេត្តបច្ចុប្បន្នទេ"
//! ```
//! A text the file does not translate is shown in the site's default language (Vietnamese or
//! English; else Vietnamese), marked with that language's code: `[vi] …`.

use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A language diagnostics are shown in: Vietnamese and English are written in the catalogue; any
/// other language of the site's list comes from its messages file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MsgLang(&'static str);

impl MsgLang {
    pub const VI: MsgLang = MsgLang("vi");
    pub const EN: MsgLang = MsgLang("en");
    /// The languages the catalogue is written in.
    pub const BUILT_IN: [MsgLang; 2] = [MsgLang::VI, MsgLang::EN];

    /// A language by its code (`km`); `None` if `code` is not shaped like a language code.
    pub fn from_code(code: &str) -> Option<MsgLang> {
        crate::lang::Lang::bare(code).map(|l| MsgLang(l.code()))
    }

    /// The language's code, as in `--lang`.
    pub fn code(self) -> &'static str {
        self.0
    }

    fn is_built_in(self) -> bool {
        MsgLang::BUILT_IN.contains(&self)
    }
}

impl std::fmt::Display for MsgLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The language of this run's messages, the site's default, and the translations read for it.
#[derive(Debug, Clone)]
pub struct Setup {
    pub lang: MsgLang,
    /// The site's default language (the first of `languages:`), what an untranslated text falls back to.
    pub default: MsgLang,
    /// English catalogue text → translation, for a language the catalogue is not written in.
    translations: HashMap<String, String>,
}

impl Setup {
    /// `lang` with no translations (Vietnamese, English, or a language without a messages file).
    pub fn new(lang: MsgLang, default: MsgLang) -> Setup {
        Setup {
            lang,
            default,
            translations: HashMap::new(),
        }
    }

    /// The built-in language a text not translated into `lang` is shown in: the site's default
    /// language if the catalogue is written in it, else Vietnamese.
    pub fn fallback(&self) -> MsgLang {
        if self.default.is_built_in() {
            self.default
        } else {
            MsgLang::VI
        }
    }

    /// The messages file of a language the catalogue is not written in: `messages/<code>.yaml`
    /// in the site's folder (`None` for Vietnamese and English).
    pub fn translations_file(&self) -> Option<PathBuf> {
        (!self.lang.is_built_in())
            .then(|| PathBuf::from("messages").join(format!("{}.yaml", self.lang.code())))
    }

    /// Takes the translations of a messages file's text (in NFC); `Err` says what is wrong
    /// (the run then goes on untranslated).
    pub fn with_translations(mut self, yaml: &str) -> Result<Setup, String> {
        let map: HashMap<String, String> =
            serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
        for (key, value) in &map {
            let known = names(key);
            if let Some(bad) = names(value).into_iter().find(|n| !known.contains(n)) {
                return Err(format!(
                    "the translation of \"{key}\" names {{{bad}}}, which the English text does not have"
                ));
            }
        }
        self.translations = map;
        Ok(self)
    }
}

/// `--lang` or `MINH_LANG` names a language that is neither the site's nor built in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// `--lang` or `MINH_LANG`.
    pub option: &'static str,
    pub code: String,
    /// The languages to choose from, comma-separated.
    pub choices: String,
}

/// Picks the language of a run's messages: `--lang`, else `MINH_LANG` (each must be one of the
/// site's languages or a built-in one, else `Err` with the list to choose from), else the system
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) when it names such a language, else the site's
/// default language. `site` is the site's list, default first (empty outside a site: English).
pub fn choose(flag: Option<&str>, site: &[&str]) -> Result<Setup, Refused> {
    let default = site
        .first()
        .and_then(|c| MsgLang::from_code(c))
        .unwrap_or(MsgLang::EN);
    let known = |code: &str| -> Option<MsgLang> {
        let l = MsgLang::from_code(code)?;
        (l.is_built_in() || site.contains(&code)).then_some(l)
    };
    let choices = || {
        let mut all: Vec<&str> = site.to_vec();
        for l in MsgLang::BUILT_IN {
            if !all.contains(&l.code()) {
                all.push(l.code());
            }
        }
        all.join(", ")
    };
    let env = std::env::var("MINH_LANG").ok().filter(|v| !v.is_empty());
    for (asked, name) in [(flag.map(str::to_string), "--lang"), (env, "MINH_LANG")] {
        if let Some(code) = asked {
            let code = code.trim().to_ascii_lowercase();
            return match known(&code) {
                Some(l) => Ok(Setup::new(l, default)),
                None => Err(Refused {
                    option: name,
                    code,
                    choices: choices(),
                }),
            };
        }
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            let v = v.to_ascii_lowercase();
            let code = v.split(['_', '.', '@', '-']).next().unwrap_or("");
            match code {
                "" | "c" | "posix" => {}
                c => return Ok(Setup::new(known(c).unwrap_or(default), default)),
            }
        }
    }
    Ok(Setup::new(default, default))
}

static CURRENT: OnceLock<Setup> = OnceLock::new();

/// Chooses the language of this run's messages; the first choice holds.
pub fn set(setup: Setup) {
    let _ = CURRENT.set(setup);
}

fn setup() -> &'static Setup {
    CURRENT
        .get_or_init(|| choose(None, &[]).unwrap_or_else(|_| Setup::new(MsgLang::EN, MsgLang::EN)))
}

/// The language of this run's messages.
pub fn current() -> MsgLang {
    setup().lang
}

/// One text in every language of diagnostics, written side by side in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
    /// The English text as the catalogue writes it, with its `{placeholders}`: the key of its
    /// translation in a messages file.
    /// Where a translation comes from (boxed: most texts are catalogue texts, kept small).
    #[serde(skip)]
    source: Option<Box<Source>>,
}

/// How a text is translated: its template, and the placeholders that are texts themselves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Source {
    template: Template,
    /// Placeholders whose value is itself a text, in every language (see [`Text::with`]).
    texts: Vec<(&'static str, Text)>,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
            source: None,
        }
    }

    /// A catalogue text: both languages formatted, and the English template it was formatted from.
    pub fn templated(vi: String, en: String, template: &'static str) -> Self {
        Text {
            vi,
            en,
            source: Some(Box::new(Source {
                template: Template::Format(template),
                texts: Vec::new(),
            })),
        }
    }

    /// Records that placeholder `name` holds `value`, a text of its own: a translation gets
    /// `value` in its language, not the English words the English text holds.
    pub fn with(mut self, name: &'static str, value: Text) -> Self {
        let source = self.source.get_or_insert_with(|| {
            Box::new(Source {
                template: Template::None,
                texts: Vec::new(),
            })
        });
        source.texts.push((name, value));
        self
    }

    /// The same words in every language (a file name, a value copied from the source).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text::new(s.clone(), s)
    }

    /// The text in `lang`: a built-in language's own; another language's translation from this
    /// run's messages file, else the fallback language's text marked `[vi] `.
    pub fn get(&self, lang: MsgLang) -> Cow<'_, str> {
        self.get_in(lang, setup())
    }

    /// [`Text::get`] without the marker: for the words around a message (labels), which are
    /// still understood when they fall back.
    pub fn get_plain(&self, lang: MsgLang) -> Cow<'_, str> {
        match self.translated(lang, setup()) {
            Ok(t) => t,
            Err(fallback) => Cow::Borrowed(self.built_in(fallback)),
        }
    }

    fn built_in(&self, lang: MsgLang) -> &str {
        if lang == MsgLang::EN {
            &self.en
        } else {
            &self.vi
        }
    }

    /// The text in `lang`, or `Err` with the language to fall back to.
    fn translated(&self, lang: MsgLang, setup: &Setup) -> Result<Cow<'_, str>, MsgLang> {
        if lang.is_built_in() {
            return Ok(Cow::Borrowed(self.built_in(lang)));
        }
        if self.vi == self.en {
            return Ok(Cow::Borrowed(&self.vi));
        }
        let Some(source) = self.source.as_deref() else {
            return Err(setup.fallback());
        };
        if let Template::Join(sep) = source.template {
            let parts: Result<Vec<Cow<str>>, MsgLang> = source
                .texts
                .iter()
                .map(|(_, t)| t.translated(lang, setup))
                .collect();
            return parts.map(|ps| Cow::Owned(ps.join(sep)));
        }
        let Template::Format(key) = source.template else {
            return Err(setup.fallback());
        };
        let found = (setup.lang == lang)
            .then(|| Some((key, setup.translations.get(key)?)))
            .flatten()
            .and_then(|(key, translation)| {
                let mut vars = bind(key, &self.en)?;
                for (name, value) in &source.texts {
                    vars.insert(name, value.get_in(lang, setup).into_owned());
                }
                fill(translation, &vars)
            });
        found.map(Cow::Owned).ok_or_else(|| setup.fallback())
    }

    fn get_in(&self, lang: MsgLang, setup: &Setup) -> Cow<'_, str> {
        match self.translated(lang, setup) {
            Ok(t) => t,
            Err(fallback) => Cow::Owned(format!("[{fallback}] {}", self.built_in(fallback))),
        }
    }

    /// The text in this run's language.
    pub fn here(&self) -> Cow<'_, str> {
        self.get(current())
    }

    /// Each language's text followed by `sep` and the same language's text of `other`.
    pub fn join(&self, sep: &'static str, other: &Text) -> Text {
        let mut texts = match self.source.as_deref() {
            Some(Source {
                template: Template::Join(s),
                texts,
            }) if *s == sep => texts.clone(),
            _ => vec![("", self.clone())],
        };
        texts.push(("", other.clone()));
        Text {
            vi: format!("{}{sep}{}", self.vi, other.vi),
            en: format!("{}{sep}{}", self.en, other.en),
            source: Some(Box::new(Source {
                template: Template::Join(sep),
                texts,
            })),
        }
    }
}

/// Where a text's translation comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Template {
    /// Written directly in Vietnamese and English only.
    None,
    /// Formatted from this English catalogue text (its key in a messages file).
    Format(&'static str),
    /// Its `texts`, joined with this separator.
    Join(&'static str),
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.here())
    }
}

/// A piece of a template: literal text, or a `{name}` (a `{name:spec}` binds `name`).
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Lit(String),
    Var(&'a str),
}

/// The pieces of a `format!`-style template; `{{` and `}}` are literal braces.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            lit.push(c);
            rest = &rest[2..];
        } else if c == '{' {
            let Some(end) = rest.find('}') else {
                lit.push_str(rest);
                break;
            };
            let name = rest[1..end].split(':').next().unwrap_or("");
            if !lit.is_empty() {
                out.push(Piece::Lit(std::mem::take(&mut lit)));
            }
            out.push(Piece::Var(name));
            rest = &rest[end + 1..];
        } else {
            lit.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    out
}

/// The placeholder names of a template.
fn names(template: &str) -> Vec<&str> {
    pieces(template)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Var(n) => Some(n),
            Piece::Lit(_) => None,
        })
        .collect()
}

/// The value of each placeholder of `template` in `text`, the text formatted from it.
fn bind<'t>(template: &'t str, text: &str) -> Option<HashMap<&'t str, String>> {
    fn go<'t>(ps: &[Piece<'t>], text: &str, vars: &mut HashMap<&'t str, String>) -> bool {
        match ps.split_first() {
            None => text.is_empty(),
            Some((Piece::Lit(l), rest)) => text
                .strip_prefix(l.as_str())
                .is_some_and(|t| go(rest, t, vars)),
            Some((Piece::Var(name), rest)) => {
                // Shortest value first; a name met again must take the same value.
                let ends: Vec<usize> = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(text.len()))
                    .collect();
                for end in ends {
                    let value = &text[..end];
                    if vars.get(name).is_some_and(|v| v != value) {
                        continue;
                    }
                    let had = vars.insert(name, value.to_string());
                    if go(rest, &text[end..], vars) {
                        return true;
                    }
                    match had {
                        Some(v) => vars.insert(name, v),
                        None => vars.remove(name),
                    };
                }
                false
            }
        }
    }
    let mut vars = HashMap::new();
    go(&pieces(template), text, &mut vars).then_some(vars)
}

/// `template` with each placeholder replaced by its value; `None` if one has no value.
fn fill(template: &str, vars: &HashMap<&str, String>) -> Option<String> {
    let mut out = String::new();
    for p in pieces(template) {
        match p {
            Piece::Lit(l) => out.push_str(&l),
            Piece::Var(n) => out.push_str(vars.get(n)?),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn km_setup(pairs: &[(&str, &str)]) -> Setup {
        let mut s = Setup::new(MsgLang::from_code("km").unwrap(), MsgLang::VI);
        s.translations = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        s
    }

    #[test]
    fn a_translation_takes_the_values_of_the_english_text() {
        let t = Text::templated(
            "`Dong Thap` không phải là một trong 34 tỉnh".into(),
            "`Dong Thap` is not one of the current provinces".into(),
            "`{value}` is not one of the current provinces",
        );
        let km = MsgLang::from_code("km").unwrap();
        let s = km_setup(&[(
            "`{value}` is not one of the current provinces",
            "`{value}` មិនមែនជាខេត្តបច្ចុប្បន្នទេ",
        )]);
        assert_eq!(t.get_in(km, &s), "`Dong Thap` មិនមែនជាខេត្តបច្ចុប្បន្នទេ");
        // Not translated: the default language's text, marked.
        assert_eq!(
            t.get_in(km, &km_setup(&[])),
            "[vi] `Dong Thap` không phải là một trong 34 tỉnh"
        );
        // The built-in languages are unchanged.
        assert_eq!(t.get_in(MsgLang::EN, &s), t.en);
    }

    #[test]
    fn templates_bind_braces_specs_and_repeated_names() {
        let v = bind(
            "write `{{a: {x}}}` and {y:.0} ms, {x} again",
            "write `{a: 1}` and 12 ms, 1 again",
        )
        .expect("binds");
        assert_eq!((v["x"].as_str(), v["y"].as_str()), ("1", "12"));
        assert!(bind("{a} and {a}", "1 and 2").is_none());
        assert_eq!(names("`{id}` differs from `{stem}`"), ["id", "stem"]);
        assert_eq!(
            fill("{b}-{a}", &v_of(&[("a", "1"), ("b", "2")])),
            Some("2-1".into())
        );
        assert_eq!(fill("{c}", &v_of(&[("a", "1")])), None);
    }

    fn v_of<'a>(pairs: &[(&'a str, &str)]) -> HashMap<&'a str, String> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn the_language_is_one_of_the_site_or_built_in() {
        let km = choose(Some("km"), &["vi", "en", "km"]).expect("km is listed");
        assert_eq!((km.lang.code(), km.default), ("km", MsgLang::VI));
        let refused = choose(Some("km"), &["vi", "en"]).expect_err("km is not listed");
        assert_eq!(
            (
                refused.option,
                refused.code.as_str(),
                refused.choices.as_str()
            ),
            ("--lang", "km", "vi, en")
        );
        assert_eq!(
            choose(Some("en"), &["vi"]).expect("built in").lang,
            MsgLang::EN
        );
    }
}
