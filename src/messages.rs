//! The language of diagnostics and a text written in every one of them ([`Text`]).
//!
//! The texts themselves live in [`crate::catalogue`], never here.

use serde::Serialize;

/// The language diagnostics are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum MsgLang {
    Vi,
    En,
}

impl MsgLang {
    /// Every language diagnostics are written in.
    pub const ALL: [MsgLang; 2] = [MsgLang::Vi, MsgLang::En];

    /// `--lang`, else `MINH_LANG`, else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English
    /// (the C locale's language). Diagnostics are written in Vietnamese and English only: any
    /// other language (`km`, `hmn_VN`...) reads the default language's text, Vietnamese.
    pub fn detect(flag: Option<MsgLang>) -> MsgLang {
        if let Some(l) = flag {
            return l;
        }
        for var in ["MINH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.to_ascii_lowercase();
                let code = v.split(['_', '.', '@', '-']).next().unwrap_or("");
                match code {
                    "vi" => return MsgLang::Vi,
                    "en" => return MsgLang::En,
                    "" | "c" | "posix" => {}
                    c if (2..=3).contains(&c.len())
                        && c.bytes().all(|b| b.is_ascii_lowercase()) =>
                    {
                        return MsgLang::Vi
                    }
                    _ => {}
                }
            }
        }
        MsgLang::En
    }

    /// The language's code, as in `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            MsgLang::Vi => "vi",
            MsgLang::En => "en",
        }
    }
}

static CURRENT: std::sync::OnceLock<MsgLang> = std::sync::OnceLock::new();

/// Chooses the language of this run's diagnostics; the first choice holds.
pub fn set(lang: MsgLang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run's diagnostics.
pub fn current() -> MsgLang {
    *CURRENT.get_or_init(|| MsgLang::detect(None))
}

/// One text in every language of diagnostics, written side by side in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The same words in every language (a file name, a value copied from the source).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            vi: s.clone(),
            en: s,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: MsgLang) -> &str {
        match lang {
            MsgLang::Vi => &self.vi,
            MsgLang::En => &self.en,
        }
    }

    /// The text in this run's language.
    pub fn here(&self) -> &str {
        self.get(current())
    }

    /// Each language's text followed by `sep` and the same language's text of `other`.
    pub fn join(&self, sep: &str, other: &Text) -> Text {
        Text::new(
            format!("{}{sep}{}", self.vi, other.vi),
            format!("{}{sep}{}", self.en, other.en),
        )
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.here())
    }
}
