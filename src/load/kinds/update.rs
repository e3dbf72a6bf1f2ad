//! Updates (`content/updates/`): dated news for residents, in the feeds.

use crate::date::Date;
use crate::load::front::Ref;
use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::Deserialize;

/// How update pages are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Update,
    name: "update",
    dir: Some("updates"),
    section: Some("updates"),
    template: "update",
    listed: true,
    menu: Some(50),
    search: Some("update"),
    feed_category: "kind_update",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFront {
    pub title: String,
    pub date: Date,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub cites: Vec<Ref>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

impl FrontMatter for UpdateFront {
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
