//! The kinds of markdown content, each described once.

use crate::load::config::SectionKey;

/// Where a markdown file sits: the home page or one of the markdown sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Home,
    Plan,
    Update,
    Page,
    Law,
}

/// One kind of markdown content, described once: where its files live, its section and template,
/// whether its section lists it, and how search and feeds name it. Loading, addressing, rendering,
/// search and feeds read these fields instead of matching on the kind.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: Kind,
    /// The kind's name in messages and `minh new`.
    pub name: &'static str,
    /// The folder under `content/` (also the first part of `@/` content links); none for the home page.
    pub dir: Option<&'static str>,
    pub section: Option<SectionKey>,
    /// The theme template (`templates/<template>.html`) its pages are rendered with.
    pub template: &'static str,
    /// Whether its section has a page listing every page of the kind.
    pub listed: bool,
    /// The kind of its search documents (`search_kind_<…>` in the UI strings); none: not searched.
    pub search: Option<&'static str>,
    /// The UI string naming its entries in feeds.
    pub feed_category: &'static str,
}

/// Every kind of markdown content, in the order of [`Kind::ALL`].
pub const KINDS: [KindSpec; 5] = [
    KindSpec {
        kind: Kind::Home,
        name: "home",
        dir: None,
        section: None,
        template: "home",
        listed: false,
        search: None,
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Plan,
        name: "plan",
        dir: Some("plans"),
        section: Some(SectionKey::Plans),
        template: "plan",
        listed: true,
        search: Some("plan"),
        feed_category: "kind_plan",
    },
    KindSpec {
        kind: Kind::Update,
        name: "update",
        dir: Some("updates"),
        section: Some(SectionKey::Updates),
        template: "update",
        listed: true,
        search: Some("update"),
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Page,
        name: "page",
        dir: Some("pages"),
        section: Some(SectionKey::Pages),
        template: "page",
        listed: false,
        search: Some("page"),
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Law,
        name: "law",
        dir: Some("laws"),
        section: Some(SectionKey::Laws),
        template: "law",
        listed: true,
        search: Some("law"),
        feed_category: "kind_update",
    },
];

impl Kind {
    /// Every kind of markdown content.
    pub const ALL: [Kind; 5] = [Kind::Home, Kind::Plan, Kind::Update, Kind::Page, Kind::Law];

    /// The kind's description.
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    pub fn section(self) -> Option<SectionKey> {
        self.spec().section
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The kind of the markdown files in `content/<dir>/` (also the first part of content links).
    pub fn from_dir(dir: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.dir == Some(dir)).map(|k| k.kind)
    }

    /// The kind whose pages the section `key` lists, if it lists one.
    pub fn listed_in(key: SectionKey) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| k.listed && k.section == Some(key))
            .map(|k| k.kind)
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn kinds_are_described_in_their_order() {
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[i].kind, k);
            assert_eq!(k.spec().kind, k);
        }
        assert_eq!(Kind::from_dir("laws"), Some(Kind::Law));
        assert_eq!(Kind::from_dir("facilities"), None);
        assert_eq!(Kind::listed_in(SectionKey::Plans), Some(Kind::Plan));
        assert_eq!(Kind::listed_in(SectionKey::Pages), None);
    }
}
