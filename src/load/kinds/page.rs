//! Pages (`content/pages/`): about, how treatment works, privacy and other standing pages.

use crate::date::Date;
use crate::load::front::{Ref, Source};
use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::Deserialize;

/// How page pages are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Page,
    name: "page",
    dir: Some("pages"),
    section: Some("pages"),
    template: "page",
    listed: false,
    menu: None,
    search: Some("page"),
    feed_category: "kind_update",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The date the page's facts were last reviewed (legally, for legal pages).
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// A page that tells residents what applies now.
    #[serde(default)]
    pub current: bool,
    /// A page that describes the provider directory: it shows the directory's figures, counted
    /// from the records, so it cannot promise what the records do not hold.
    #[serde(default)]
    pub directory: bool,
    /// A page that lists when each page of legal information was last reviewed and how many acts
    /// were checked against their original text (generated).
    #[serde(default)]
    pub reviews: bool,
    #[serde(default)]
    pub cites: Vec<Ref>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
    /// The open-data page: lists every download with its fields, and carries the catalogue as JSON-LD.
    #[serde(default)]
    pub open_data: bool,
}

impl FrontMatter for PageFront {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    fn draft(&self) -> bool {
        self.draft
    }
}
