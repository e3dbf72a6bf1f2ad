//! Legal acts (`content/laws/`): laws, decrees and decisions the plans and providers rest on.

use crate::date::{Date, PartialDate};
use crate::load::front::{Ref, Source};
use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// How law pages are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Law,
    name: "law",
    dir: Some("laws"),
    section: Some("laws"),
    template: "law",
    listed: true,
    menu: Some(30),
    search: Some("law"),
    feed_category: "kind_update",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawFront {
    pub title: String,
    pub number: String,
    pub kind: LawKind,
    pub issuer: String,
    #[serde(default)]
    pub issued: Option<PartialDate>,
    #[serde(default)]
    pub in_force_from: Option<Date>,
    #[serde(default)]
    pub in_force_until: Option<Date>,
    #[serde(default)]
    pub replaced_by: Option<Ref>,
    #[serde(default)]
    pub source: Option<Source>,
    pub summary: String,
    #[serde(default)]
    pub verified: bool,
    /// Fields an editor inferred rather than read in a document (`issuer`, ...).
    #[serde(default)]
    pub inferred: Vec<Spanned<String>>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

impl FrontMatter for LawFront {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        Some(&self.summary)
    }

    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    fn draft(&self) -> bool {
        self.draft
    }
}

/// The kind of a legal act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LawKind {
    Law,
    Decree,
    Decision,
    Directive,
    Circular,
    Resolution,
    Plan,
}
