//! The site configuration read from `site.yaml`.

use crate::catalogue::site;
use crate::diagnostics::Diagnostic;
use crate::lang::{Lang, Languages};
use crate::text::Text;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::load::kinds::SectionKey;

/// One section's localized URL segment and title.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionNames {
    pub slug: BTreeMap<Lang, String>,
    pub title: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    #[serde(default = "default_min_cell")]
    pub min_cell: u64,
    #[serde(default = "yes")]
    pub zeros_publishable: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listings {
    #[serde(default = "default_stale")]
    pub stale_after_days: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Where residents report a mistake in a listing (an e-mail address or a URL).
    pub report_mistake: String,
    #[serde(default)]
    pub publisher: Option<Text>,
}

/// The change history: who is responsible, and where the recent-changes page lives.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryConfig {
    /// The office responsible for content no rule of `offices` matches.
    #[serde(default)]
    pub office: Option<Text>,
    /// Offices responsible by path (the longest matching prefix wins), e.g.
    /// `{path: content/facilities/dong-thap-, office: {vi: ..., en: ...}}`.
    #[serde(default)]
    pub offices: Vec<OfficeRule>,
    /// The URL segment of the recent-changes page per language (default `changes`).
    #[serde(default)]
    pub slug: BTreeMap<Lang, String>,
    /// Commit messages before this day are not public notes (the site's setting-up before it went
    /// public): those commits still date the pages, like minor ones. `change_note` fields still show.
    #[serde(default)]
    pub notes_since: Option<crate::date::Date>,
}

/// One office and the content it answers for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeRule {
    pub path: String,
    pub office: Text,
}

fn default_min_cell() -> u64 {
    11
}
fn default_stale() -> i64 {
    180
}
fn yes() -> bool {
    true
}
fn default_feed_limit() -> usize {
    30
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            min_cell: 11,
            zeros_publishable: true,
        }
    }
}

impl Default for Listings {
    fn default() -> Self {
        Listings {
            stale_after_days: 180,
        }
    }
}

/// The whole of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Text,
    pub description: Text,
    pub base_url: String,
    /// The site's languages, the default first.
    pub languages: Languages,
    pub sections: BTreeMap<SectionKey, SectionNames>,
    #[serde(default)]
    pub privacy: Privacy,
    #[serde(default)]
    pub listings: Listings,
    pub contact: Contact,
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub history: HistoryConfig,
}

fn default_theme() -> String {
    "default".into()
}

impl Config {
    /// Reads and validates `site.yaml` in `root`.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let file = Path::new("site.yaml");
        let src = std::fs::read_to_string(root.join(file))
            .map(crate::nfc::text)
            .map_err(|e| vec![Diagnostic::error(file, site::no_config(&e))])?;
        let mut config: Config = crate::yaml::parse(&src, file, 0).map_err(|d| vec![*d])?;
        if let Some(b) = base_url {
            config.base_url = b.to_string();
        }
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        let problems = config.validate(file);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self, file: &Path) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            out.push(Diagnostic::error(file, site::bad_base_url(&self.base_url)));
        }
        for key in SectionKey::all() {
            match self.sections.get(&key) {
                None => out.push(Diagnostic::error(file, site::section_unnamed(key.name()))),
                Some(s) => {
                    for lang in self.languages {
                        match s.slug.get(&lang) {
                            Some(slug) if crate::slug::is_slug(slug) => {}
                            Some(slug) if slug.is_empty() && !key.has_page() => {}
                            other => out.push(Diagnostic::error(
                                file,
                                site::section_slug(key.name(), lang.code(), &format!("{other:?}")),
                            )),
                        }
                    }
                }
            }
        }
        if self.privacy.min_cell < 2 {
            out.push(Diagnostic::error(file, site::min_cell_too_small()));
        }
        out
    }

    /// The `languages:` of `site.yaml` read on their own, for when the whole file cannot be
    /// read (so a mistake elsewhere does not add spurious ones); Vietnamese alone, minh's first
    /// catalogue language, when even the list cannot be read.
    pub fn read_languages(root: &Path) -> Languages {
        #[derive(Deserialize)]
        struct Only {
            languages: Languages,
        }
        std::fs::read_to_string(root.join("site.yaml"))
            .ok()
            .and_then(|src| crate::yaml::parse::<Only>(&src, Path::new("site.yaml"), 0).ok())
            .map(|o| o.languages)
            .unwrap_or_else(|| Languages::new(&["vi"]).expect("a valid list"))
    }

    /// The site's languages, the default first.
    pub fn langs(&self) -> Languages {
        self.languages
    }

    /// The site's default language (the first of `languages:`).
    pub fn default_lang(&self) -> Lang {
        self.languages.default_lang()
    }

    /// The path prefix of base_url (for sites published under a sub-folder), without trailing slash.
    pub fn path_prefix(&self) -> &str {
        let after_scheme = self.base_url.split("://").nth(1).unwrap_or("");
        match after_scheme.find('/') {
            Some(i) => &after_scheme[i..],
            None => "",
        }
    }

    pub fn section_slug(&self, key: SectionKey, lang: Lang) -> &str {
        self.sections
            .get(&key)
            .and_then(|s| s.slug.get(&lang))
            .map(String::as_str)
            .unwrap_or(key.name())
    }

    pub fn section_title(&self, key: SectionKey, lang: Lang) -> String {
        self.sections
            .get(&key)
            .map(|s| s.title.str(lang))
            .unwrap_or_else(|| key.name().to_string())
    }
}
