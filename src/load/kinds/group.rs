//! Support groups (`content/groups/`): peer and family groups for after-care, where and when they
//! meet. The README's worked example of adding a kind: this module, its line in `kinds!`, a
//! `group.html` template and the translation keys `search_kind_group`, `kind_group` and
//! `section_intro_groups`, plus `sections: groups:` in `site.yaml`.

use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::{Deserialize, Serialize};

/// How support groups are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Group,
    name: "group",
    dir: Some("groups"),
    section: Some("groups"),
    template: "group",
    listed: true,
    menu: Some(55),
    search: Some("group"),
    feed_category: "kind_group",
};

/// A support group's front matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    /// Where and when it meets, as the group says it ("Thứ Bảy hằng tuần, nhà văn hóa xã").
    pub meets: String,
    /// Who may come.
    #[serde(default)]
    pub open_to: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

impl FrontMatter for GroupFront {
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

    fn view(&self) -> Option<serde_json::Value> {
        serde_json::to_value(self).ok()
    }
}
