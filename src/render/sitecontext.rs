//! The `site` part of every page's template context, made once per language and site model.

use crate::lang::Lang;
use crate::load::config::{Config, SectionKey};
use crate::load::records::Records;
use crate::load::theme::Theme;
use crate::render::view::site_view;
use crate::resolve::icons::Icons;
use crate::resolve::reads::{memo, Memo, SameAs};
use crate::resolve::Site;
use std::sync::Arc;

/// What the `site` context of a language is made from: the parts of the site model it reads
/// (shared values, compared by identity: the routes come from the configuration), the icons
/// (by value) and the language.
struct Key {
    config: Arc<Config>,
    records: Arc<Records>,
    theme: Arc<Theme>,
    icons: Icons,
    lang: Lang,
}

impl SameAs for Key {
    fn same_as(&self, o: &Self) -> bool {
        self.config.same_as(&o.config)
            && self.records.same_as(&o.records)
            && self.theme.same_as(&o.theme)
            && self.icons == o.icons
            && self.lang == o.lang
    }
}

/// The `site` context of each section of a language (and of the pages of none), as template values.
type Values = Vec<(Option<SectionKey>, tera::Value)>;

static VALUES: Memo<Key, Values> = Memo::new();

/// The `site` context of a page of `section` in `lang`: [`site_view`] as a template value.
///
/// Made for every section of the language at once, the first time a page of the language asks,
/// and shared by every page after (a value's maps are shared, not copied): made and turned into
/// a template value for each page, it was ~3 % of a 10 000-page build's instructions. Each page
/// still notes what making it read ([`memo`]), so the dependency graph is as it was.
pub fn site_value(site: &Site, lang: Lang, section: Option<SectionKey>) -> tera::Value {
    let key = Key {
        config: Arc::clone(&site.config),
        records: site.records.shared(),
        theme: site.theme.shared(),
        icons: site.icons.clone(),
        lang,
    };
    let values = memo(&VALUES, key, || {
        (std::iter::once(None).chain(SectionKey::all().map(Some)))
            .map(|s| (s, tera::Value::from_serializable(&site_view(site, lang, s))))
            .collect()
    });
    match values.iter().find(|(s, _)| *s == section) {
        Some((_, value)) => value.clone(),
        // Every section is made above; one outside `SectionKey::all` would be made alone.
        None => tera::Value::from_serializable(&site_view(site, lang, section)),
    }
}
