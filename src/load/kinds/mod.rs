//! The kinds of markdown content, each described once, in its own module: where its files live,
//! its front-matter schema, its section, template, listing, search and feed names (its `SPEC`).
//! Loading, addressing, rendering, navigation, search, feeds and the sitemap iterate over [`KINDS`].
//!
//! Adding a kind is one module here (its `SPEC`, its front matter struct and that struct's
//! [`FrontMatter`]), one line in the list below, a template and translation keys (see the README).

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// What every kind's front matter says: a title, maybe a summary, slug and draft mark.
pub trait FrontMatter {
    fn title(&self) -> &str;
    fn summary(&self) -> Option<&str>;
    /// An own address part instead of the file name.
    fn slug(&self) -> Option<&str> {
        None
    }
    /// Whether the file is left out of the site (`draft: true`).
    fn draft(&self) -> bool {
        false
    }
    /// The kind's own fields for its template (as `front`), when the kind has no view of its own
    /// in `render`.
    fn view(&self) -> Option<serde_json::Value> {
        None
    }
}

/// Declares the kinds: each `Variant => module::FrontStruct` gives a [`Kind`], its [`SPEC`
/// ](KindSpec) in [`KINDS`] and a [`Front`] variant parsed with the struct's schema.
macro_rules! kinds {
    ($($(#[$attr:meta])* $variant:ident => $module:ident :: $front:ident),+ $(,)?) => {
        $($(#[$attr])* pub mod $module;)+
        $($(#[$attr])* pub use $module::$front;)+

        /// Where a markdown file sits: the home page or one of the markdown sections.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($(#[$attr])* $variant,)+
        }

        impl Kind {
            /// Every kind of markdown content, in the order of the list.
            pub const ALL: [Kind; [$($(#[$attr])* Kind::$variant),+].len()] =
                [$($(#[$attr])* Kind::$variant),+];
        }

        /// Every kind of markdown content, in the order of [`Kind::ALL`].
        pub const KINDS: [KindSpec; Kind::ALL.len()] = [$($(#[$attr])* $module::SPEC),+];

        /// Front matter typed by the kind of the file.
        #[derive(Debug, Clone)]
        pub enum Front {
            $($(#[$attr])* $variant(Box<$front>),)+
        }

        impl Front {
            /// The fields every kind has.
            fn common(&self) -> &dyn FrontMatter {
                match self {
                    $($(#[$attr])* Front::$variant(f) => &**f,)+
                }
            }

            /// Parses the front matter `yaml` (starting `off` lines into `file`) with `kind`'s schema.
            pub fn parse(kind: Kind, yaml: &str, file: &Path, off: u32) -> Result<Front, Box<Diagnostic>> {
                Ok(match kind {
                    $($(#[$attr])* Kind::$variant => Front::$variant(Box::new(crate::yaml::parse(yaml, file, off)?)),)+
                })
            }
        }
    };
}

kinds! {
    Home => home::HomeFront,
    Plan => plan::PlanFront,
    Update => update::UpdateFront,
    Page => page::PageFront,
    Law => law::LawFront,
    // The README's worked example, built by `tests/kinds.rs` (feature `example-kinds`).
    #[cfg(feature = "example-kinds")]
    Group => group::GroupFront,
}

impl Front {
    pub fn title(&self) -> &str {
        self.common().title()
    }

    pub fn slug(&self) -> Option<&str> {
        self.common().slug()
    }

    pub fn draft(&self) -> bool {
        self.common().draft()
    }

    pub fn summary(&self) -> Option<&str> {
        self.common().summary()
    }

    /// See [`FrontMatter::view`].
    pub fn view(&self) -> Option<serde_json::Value> {
        self.common().view()
    }
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
    /// Its section's name in `site.yaml`'s `sections:` (the section's key); none for the home page.
    pub section: Option<&'static str>,
    /// The theme template (`templates/<template>.html`) its pages are rendered with.
    pub template: &'static str,
    /// Whether its section has a page listing every page of the kind (a section that lists
    /// nothing has no page of its own, no breadcrumb, and may have an empty slug).
    pub listed: bool,
    /// Its place in the site menu, smaller first (the finder is 10, statistics 40, hotlines 60);
    /// none: not in the menu.
    pub menu: Option<u8>,
    /// The kind of its search documents (`search_kind_<…>` in the UI strings); none: not searched.
    pub search: Option<&'static str>,
    /// The UI string naming its entries in feeds.
    pub feed_category: &'static str,
}

impl Kind {
    /// The kind's description.
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    pub fn section(self) -> Option<SectionKey> {
        self.spec().section.map(|_| SectionKey::Kind(self))
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
            .find(|k| k.listed && k.kind.section() == Some(key))
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

/// A section of the site whose URL segment and title can be localized: one per kind of markdown
/// content that has one, then the provider finder, hotlines, statistics and search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKey {
    Kind(Kind),
    Facilities,
    Hotlines,
    Stats,
    Search,
}

#[allow(non_upper_case_globals)]
impl SectionKey {
    /// The sections of the built-in kinds, by name.
    pub const Plans: SectionKey = SectionKey::Kind(Kind::Plan);
    pub const Updates: SectionKey = SectionKey::Kind(Kind::Update);
    pub const Pages: SectionKey = SectionKey::Kind(Kind::Page);
    pub const Laws: SectionKey = SectionKey::Kind(Kind::Law);

    /// Every section: the kinds' in the order of [`KINDS`], then the others.
    pub fn all() -> impl Iterator<Item = SectionKey> {
        KINDS.iter().filter_map(|k| k.kind.section()).chain([
            SectionKey::Facilities,
            SectionKey::Hotlines,
            SectionKey::Stats,
            SectionKey::Search,
        ])
    }

    /// Every section in the site menu, in its order.
    pub fn menu() -> Vec<SectionKey> {
        let mut items: Vec<(u8, SectionKey)> = KINDS
            .iter()
            .filter_map(|k| Some((k.menu?, k.kind.section()?)))
            .chain([
                (10, SectionKey::Facilities),
                (40, SectionKey::Stats),
                (60, SectionKey::Hotlines),
            ])
            .collect();
        items.sort_by_key(|(place, _)| *place);
        items.into_iter().map(|(_, k)| k).collect()
    }

    /// The sections with a page of their own: the kinds' that list their pages, then the others.
    pub fn with_pages() -> impl Iterator<Item = SectionKey> {
        SectionKey::all().filter(|k| k.has_page())
    }

    /// Whether the section has a page of its own (a kind's section only when it lists the kind).
    pub fn has_page(self) -> bool {
        match self {
            SectionKey::Kind(k) => k.spec().listed,
            _ => true,
        }
    }

    /// Its key under `sections:` in `site.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            SectionKey::Kind(k) => k.spec().section.unwrap_or(k.spec().name),
            SectionKey::Facilities => "facilities",
            SectionKey::Hotlines => "hotlines",
            SectionKey::Stats => "stats",
            SectionKey::Search => "search",
        }
    }

    pub fn from_name(s: &str) -> Option<SectionKey> {
        SectionKey::all().find(|k| k.name() == s)
    }
}

impl<'de> serde::Deserialize<'de> for SectionKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SectionKey, D::Error> {
        let name = String::deserialize(d)?;
        SectionKey::from_name(&name).ok_or_else(|| {
            let names: Vec<&str> = SectionKey::all().map(SectionKey::name).collect();
            serde::de::Error::custom(format!(
                "unknown section `{name}`, expected one of {}",
                names.join(", ")
            ))
        })
    }
}
