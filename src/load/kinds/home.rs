//! The home page (`content/_index.<lang>.md`).

use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::Deserialize;

/// How home pages are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Home,
    name: "home",
    dir: None,
    section: None,
    template: "home",
    listed: false,
    menu: None,
    search: None,
    feed_category: "kind_update",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

impl FrontMatter for HomeFront {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
}
