//! Localized text: a plain string for every language, or a map per language with fallback.

use crate::lang::{Lang, Languages};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text field of YAML content: the same in every language, or one value per language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

/// A text resolved for one language, remembering when it fell back to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub text: String,
    /// Set when the text is in another language than the page (the `lang` to mark it with).
    pub lang: Option<Lang>,
}

impl Text {
    /// The text for `lang`, falling back to the site's default language, then to any.
    pub fn get(&self, lang: Lang) -> Localized {
        match self {
            Text::Same(s) => Localized {
                text: s.clone(),
                lang: None,
            },
            Text::PerLang(map) => {
                if let Some(s) = map.get(&lang) {
                    return Localized {
                        text: s.clone(),
                        lang: None,
                    };
                }
                let default = lang.default_lang();
                let (l, s) = map
                    .get_key_value(&default)
                    .or_else(|| map.iter().next())
                    .map(|(l, s)| (*l, s.clone()))
                    .unwrap_or((default, String::new()));
                Localized {
                    text: s,
                    lang: Some(l),
                }
            }
        }
    }

    /// The plain string for `lang`, fallback included.
    pub fn str(&self, lang: Lang) -> String {
        self.get(lang).text
    }

    /// Languages this text lacks (only a per-language map can lack one).
    pub fn missing(&self, langs: Languages) -> Vec<Lang> {
        match self {
            Text::Same(_) => Vec::new(),
            Text::PerLang(map) => langs.iter().filter(|l| !map.contains_key(l)).collect(),
        }
    }
}
