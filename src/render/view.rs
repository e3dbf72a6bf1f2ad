//! View models: what templates see, built from the site model for one language.

use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::kinds::Front;
use crate::load::records::{Facility, Hotline, ProviderKind};
use crate::load::Kind;
use crate::markdown::TocEntry;
use crate::phone::Phone;
use crate::resolve::{Page, Site};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// One entry of the language switch: where the same page is in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Switch {
    pub lang: String,
    pub name: String,
    pub url: String,
    /// True when no translation exists and the switch leads to that language's home.
    pub missing: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    pub display: String,
    /// Empty for a placeholder number of a sample record.
    pub tel: String,
    pub label: String,
    pub hours: String,
    pub sample: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HotlineView {
    pub name: String,
    pub number: PhoneView,
    pub scope: String,
    pub hours: String,
    pub free: bool,
    pub purpose: String,
    pub source: String,
    pub header: bool,
}

/// Parts of every page that depend only on the language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: String,
    pub home_url: String,
    pub search_url: String,
    pub finder_url: String,
    pub hotlines_url: String,
    pub nav: Vec<NavItem>,
    /// Every section by its key (`site.section.hotlines.title`), for links outside the menu.
    pub section: std::collections::BTreeMap<&'static str, NavItem>,
    pub hotlines: Vec<HotlineView>,
    pub css: String,
    pub print_css: String,
    pub js_finder: String,
    pub js_search: String,
    /// Registers the service worker (`sw`), which keeps pages for reading offline.
    pub js_offline: String,
    pub sw: String,
    /// The web app manifest and icons, when the site's `static/` has them.
    pub manifest: Option<String>,
    pub icon_svg: Option<String>,
    pub icon_touch: Option<String>,
    pub report_mistake: String,
    pub base_url: String,
    /// The site's recent-changes page in this language.
    pub changes_url: String,
}

/// One page as the templates see it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PageView {
    pub template: String,
    pub title: String,
    pub url: String,
    pub canonical: String,
    pub summary: String,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub alternates: Vec<Alternate>,
    /// The language switch: one entry per other language of the site, in the site's order.
    pub switch: Vec<Switch>,
    pub breadcrumb: Vec<Link>,
    pub draft: bool,
    /// On a page shown in place of a missing translation: the language of its content (the
    /// `lang` of its title and text) and the note saying it is not yet translated.
    pub fallback: Option<Fallback>,
}

/// What marks a page shown in place of a missing translation.
#[derive(Debug, Clone, Serialize)]
pub struct Fallback {
    /// The language the content is really in.
    pub lang: String,
    /// The visible note, in the page's (UI) language.
    pub note: String,
}

pub fn phone_view(p: &Phone, label: String, hours: String) -> PhoneView {
    match p {
        Phone::Valid { display, tel, .. } => PhoneView {
            display: display.clone(),
            tel: tel.clone(),
            label,
            hours,
            sample: false,
        },
        Phone::Fictitious { display } => PhoneView {
            display: display.clone(),
            tel: String::new(),
            label,
            hours,
            sample: true,
        },
    }
}

pub fn hotline_view(h: &Hotline, lang: Lang, site: &Site) -> HotlineView {
    let r = &h.record;
    let scope = if r.scope.value == "national" {
        site.theme.t(lang, "scope_national")
    } else {
        r.scope.value.clone()
    };
    HotlineView {
        name: r.name.str(lang),
        number: phone_view(&h.phone, r.name.str(lang), r.hours.str(lang)),
        scope,
        hours: r.hours.str(lang),
        free: r.cost == crate::load::records::Cost::Free,
        purpose: r.purpose.str(lang),
        source: r.source.as_ref().map(|s| s.str(lang)).unwrap_or_default(),
        header: r.header,
    }
}

pub fn site_view(site: &Site, lang: Lang, current: Option<SectionKey>) -> SiteView {
    let r = &site.routes;
    let c = &site.config;
    let nav = SectionKey::menu()
        .into_iter()
        .map(|k| NavItem {
            title: c.section_title(k, lang),
            url: r.section(k, lang),
            current: current == Some(k),
        })
        .collect();
    SiteView {
        title: c.title.str(lang),
        description: c.description.str(lang),
        lang: lang.code().into(),
        home_url: r.home(lang),
        search_url: r.section(SectionKey::Search, lang),
        finder_url: r.section(SectionKey::Facilities, lang),
        hotlines_url: r.section(SectionKey::Hotlines, lang),
        nav,
        section: SectionKey::all()
            .map(|k| {
                let item = NavItem {
                    title: c.section_title(k, lang),
                    url: r.section(k, lang),
                    current: current == Some(k),
                };
                (k.name(), item)
            })
            .collect(),
        hotlines: site
            .records
            .hotlines()
            .iter()
            .filter(|h| h.record.header)
            .map(|h| hotline_view(h, lang, site))
            .collect(),
        css: r.asset("static/css/site.css"),
        print_css: r.asset("static/css/print.css"),
        js_finder: r.asset("static/js/finder.js"),
        js_search: r.asset("static/js/search.js"),
        js_offline: r.asset("static/js/offline.js"),
        sw: r.asset(SERVICE_WORKER),
        manifest: site.icons.manifest.clone(),
        icon_svg: site.icons.svg.clone(),
        icon_touch: site.icons.touch.clone(),
        report_mistake: c.contact.report_mistake.clone(),
        base_url: c.base_url.clone(),
        changes_url: changes_url(site, lang),
    }
}

/// The alternates and switch for a page with translations at `urls`.
pub fn alternates(
    site: &Site,
    lang: Lang,
    urls: &[(Lang, String)],
) -> (Vec<Alternate>, Vec<Switch>) {
    let r = &site.routes;
    let mut alts: Vec<Alternate> = urls
        .iter()
        .map(|(l, u)| Alternate {
            hreflang: l.code().into(),
            href: r.absolute(u),
        })
        .collect();
    if let Some((_, u)) = urls.iter().find(|(l, _)| l.is_default()) {
        alts.push(Alternate {
            hreflang: "x-default".into(),
            href: r.absolute(u),
        });
    }
    let switch = lang
        .others()
        .map(|other| {
            let (url, missing) = match urls.iter().find(|(l, _)| *l == other) {
                Some((_, u)) => (u.clone(), false),
                None => (r.home(other), true),
            };
            Switch {
                lang: other.code().into(),
                name: site.theme.t(other, "lang_name"),
                url,
                missing,
            }
        })
        .collect();
    (alts, switch)
}

/// Where a markdown page missing in `lang` is shown in its place: the address `page` (the
/// [`fallback_source`] of its group) would have in `lang` (same section, same slug).
pub fn fallback_url(site: &Site, page: &Page, lang: Lang) -> String {
    site.fallback_url(page, lang)
}

/// The translation to show in place of a missing one: the default language's, else the first
/// in the site's order.
pub fn fallback_source<'a>(site: &'a Site, page: &'a Page) -> &'a Page {
    site.fallback_source(page)
}

/// A page's translations as (language, URL) pairs.
pub fn translation_urls(site: &Site, page: &Page) -> Vec<(Lang, String)> {
    site.config
        .langs()
        .iter()
        .filter_map(|l| site.translation(page, l).map(|p| (l, p.url.clone())))
        .collect()
}

/// A page's address in every language of the site: its translation's, else the page shown in
/// place of the missing translation ([`fallback_url`]).
pub fn page_urls(site: &Site, page: &Page) -> Vec<(Lang, String)> {
    let shown = fallback_source(site, page);
    site.config
        .langs()
        .iter()
        .map(|l| match site.translation(page, l) {
            Some(p) => (l, p.url.clone()),
            None => (l, fallback_url(site, shown, l)),
        })
        .collect()
}

/// The (language, URL) pairs of a generated page that exists in every language of the site.
pub fn all_langs(site: &Site, f: impl Fn(Lang) -> String) -> Vec<(Lang, String)> {
    site.config.langs().iter().map(|l| (l, f(l))).collect()
}

pub fn kind_label(site: &Site, lang: Lang, kind: ProviderKind) -> String {
    site.theme.t(lang, &format!("kind_{}", kind.code()))
}

/// A short list entry for a markdown page.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub date: String,
    pub date_iso: String,
    pub meta: String,
    /// The language of the item's text, when it is shown in place of a missing translation.
    pub lang: Option<&'static str>,
}

/// A page as an item of a list in the language it is shown in: its address there, and its
/// text's language when that is another ([`crate::resolve::Shown`]).
pub fn shown_item(site: &Site, s: &crate::resolve::Shown) -> Item {
    Item {
        url: s.url.clone(),
        lang: s.fallback.then(|| s.page.lang().code()),
        ..item(site, s.page)
    }
}

pub fn item(site: &Site, p: &Page) -> Item {
    let lang = p.lang();
    let (date, date_iso, meta) = match &p.source.front {
        Front::Plan(f) => (
            f.issued.map(|d| d.human(lang)).unwrap_or_default(),
            f.issued.map(|d| d.iso()).unwrap_or_default(),
            [f.number.clone().unwrap_or_default(), f.issuer.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Front::Update(f) => (f.date.human(lang), f.date.iso(), String::new()),
        Front::Law(f) => (
            f.issued.map(|d| d.human(lang)).unwrap_or_default(),
            f.issued.map(|d| d.iso()).unwrap_or_default(),
            format!("{} · {}", f.number, f.issuer),
        ),
        _ => Default::default(),
    };
    let _ = site;
    Item {
        title: p.source.front.title().to_string(),
        url: p.url.clone(),
        summary: p.source.front.summary().unwrap_or_default().to_string(),
        date,
        date_iso,
        meta,
        lang: None,
    }
}

pub fn facility_province<'a>(site: &'a Site, f: &Facility) -> &'a crate::load::records::Province {
    &site.records.provinces()[f.province]
}

pub fn section_of(kind: Kind) -> Option<SectionKey> {
    kind.section()
}

/// The recent-changes page's URL in `lang`.
pub fn changes_url(site: &Site, lang: Lang) -> String {
    let slug = site
        .config
        .history
        .slug
        .get(&lang)
        .map(String::as_str)
        .unwrap_or("changes");
    format!("{}{slug}/", site.routes.home(lang))
}

/// The service worker's file name, at the root of the output.
pub const SERVICE_WORKER: &str = "sw.js";

/// The providers of one province, grouped by kind.
pub type ProvinceGroup<'a> = (usize, Vec<(ProviderKind, Vec<&'a Facility>)>);

/// Facilities grouped by current province, then kind.
pub fn facilities_by_province(site: &Site) -> Vec<ProvinceGroup<'_>> {
    facilities_in(site, None)
}

/// [`facilities_by_province`], of province `only` alone when given: noted as reading where the
/// providers are ([`placement`]) and each provider listed, so that a province's page is not made
/// again when a provider elsewhere is edited.
pub fn facilities_in(site: &Site, only: Option<usize>) -> Vec<ProvinceGroup<'_>> {
    let wanted = |pi: &usize| only.is_none_or(|o| o == *pi);
    let listed = |list: Vec<usize>| list.into_iter().map(|i| site.records.facility(i)).collect();
    (placement(site).into_iter())
        .filter(|(pi, _)| wanted(pi))
        .map(|(pi, kinds)| (pi, kinds.into_iter().map(|(k, l)| (k, listed(l))).collect()))
        .collect()
}

/// The providers in each province with any, by kind (those with any), as indexes into the
/// providers: read as which providers there are and where, not what each says.
pub type Placement = Vec<(usize, Vec<(ProviderKind, Vec<usize>)>)>;

/// Where every provider is: [`Placement`], in the order of the provinces, kinds and providers.
pub fn placement(site: &Site) -> Placement {
    let kinds = ProviderKind::ALL;
    let provinces = site.records.provinces().len();
    let mut cells = vec![Vec::new(); provinces * kinds.len()];
    for (i, place) in site.records.placed().into_iter().enumerate() {
        let k = kinds.iter().position(|k| *k == place.kind);
        if let (true, Some(k)) = (place.province < provinces, k) {
            cells[place.province * kinds.len() + k].push(i);
        }
    }
    let mut cells = cells.into_iter();
    let mut out = Placement::new();
    for pi in 0..provinces {
        let here = kinds.iter().zip(cells.by_ref().take(kinds.len()));
        let listed: Vec<_> = here
            .filter(|(_, l)| !l.is_empty())
            .map(|(k, l)| (*k, l))
            .collect();
        if !listed.is_empty() {
            out.push((pi, listed));
        }
    }
    out
}
