//! The service-provider finder and provider pages, built from facility records.

use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::provenance::Basis;
use crate::load::records::{Facility, ProviderKind};
use crate::render::frame::{base_view, page, Output};
use crate::render::view::{self, Link, PhoneView};
use crate::resolve::Site;
use serde::Serialize;

/// A provider as the finder's lists show it, one entry each (`finder_list.html`): its name and
/// address, phones and what the list's filters read. Made for every provider of a list, so it
/// holds only that (the finder of 2 500 providers made and serialised every field of the page).
#[derive(Debug, Clone, Serialize)]
pub struct FacilityCard {
    pub url: String,
    pub name: String,
    pub name_lang: Option<String>,
    pub sample: bool,
    pub kind: String,
    pub voluntary: bool,
    pub province: String,
    pub former_province: String,
    pub former_district: String,
    pub address_line: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub phones: Vec<PhoneView>,
    pub free: Option<bool>,
}

/// A provider as its page shows it: its [`FacilityCard`] (flattened: the template reads
/// `facility.name` as before) and everything else the page says.
#[derive(Debug, Clone, Serialize)]
pub struct FacilityView {
    #[serde(flatten)]
    pub card: FacilityCard,
    pub id: String,
    pub kind_label: String,
    pub kind_help: String,
    pub operator: String,
    pub description: String,
    pub street: String,
    pub commune: String,
    pub province_slug: String,
    pub map_url: String,
    pub hours: String,
    pub services: Vec<String>,
    pub fees_notes: String,
    pub eligibility: String,
    pub how_to_apply: String,
    pub what_to_bring: String,
    pub languages: Vec<String>,
    pub capacity: Option<u32>,
    /// How the record is known: `announced`, `plan` or `sample`.
    pub basis: String,
    /// The act, source or plan the record comes from (absent for samples).
    pub basis_ref: Option<BasisRef>,
    /// What the law says of this kind of provider: shown only on announced records.
    pub kind_legal: String,
    pub source: String,
    /// Who checked the record, how and when; `None` shows "not verified", never a date.
    pub verification: Option<VerificationView>,
    pub stale: bool,
    /// Fields an editor inferred rather than read in the source: `inferred.address_former_district`, `inferred.any`.
    pub inferred: std::collections::BTreeMap<String, bool>,
}

/// The act, published source or plan a record's basis points to.
#[derive(Debug, Clone, Serialize)]
pub struct BasisRef {
    /// The title (or the source's name) to link.
    pub title: String,
    /// Its page on the site or its published address; empty when neither is known.
    pub url: String,
    /// The date of the announcement (empty for a plan).
    pub date: String,
    /// The authority that announced it (empty when not written).
    pub issuer: String,
}

/// A verification as a page states it.
#[derive(Debug, Clone, Serialize)]
pub struct VerificationView {
    pub date: String,
    pub date_iso: String,
    pub by: String,
    pub method: String,
    pub method_label: String,
    pub note: String,
}

/// A text of a record in `lang` (see [`crate::text::Text::str`]); empty when absent.
pub fn opt(t: &Option<crate::text::Text>, lang: Lang) -> String {
    t.as_ref().map(|t| t.str(lang)).unwrap_or_default()
}

/// The provider as the finder's lists show it in `lang`.
pub fn facility_card(site: &Site, f: &Facility, lang: Lang) -> FacilityCard {
    let r = &f.record;
    let name = r.name.get(lang);
    let province = view::facility_province(site, f).name_in(lang).to_string();
    let address_line = [
        opt(&r.address.street, lang),
        opt(&r.address.commune, lang),
        province.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    FacilityCard {
        url: site.routes.item(SectionKey::Facilities, lang, &r.id.value),
        name: name.text,
        name_lang: name.lang.map(|l| l.code().to_string()),
        sample: r.is_sample(),
        kind: r.kind.code().into(),
        voluntary: r.kind.voluntary(),
        province,
        former_province: r
            .address
            .former_province
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default(),
        former_district: r.address.former_district.clone().unwrap_or_default(),
        address_line,
        lat: r.geo.map(|g| g.lat),
        lon: r.geo.map(|g| g.lon),
        phones: r
            .phones
            .iter()
            .zip(&f.phones)
            .map(|(rec, ph)| view::phone_view(ph, opt(&rec.label, lang), opt(&rec.hours, lang)))
            .collect(),
        free: r.fees.as_ref().map(|f| f.free),
    }
}

/// The labels of the services a provider offers, in `lang`.
pub fn service_labels(site: &Site, f: &Facility, lang: Lang) -> Vec<String> {
    let code = |s| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    (f.record.services.iter())
        .map(|s| site.theme.t(lang, &format!("service_{}", code(s))))
        .collect()
}

/// The provider as its page shows it in `lang`.
pub fn facility_view(site: &Site, f: &Facility, lang: Lang) -> FacilityView {
    let r = &f.record;
    let card = facility_card(site, f, lang);
    let t = |k: &str| site.theme.t(lang, k);
    let map_query = [r.name.str(lang.default_lang()), card.address_line.clone()].join(", ");
    let map_url = match r.geo {
        Some(g) => format!(
            "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=16/{:.5}/{:.5}",
            g.lat, g.lon, g.lat, g.lon
        ),
        None => format!(
            "https://www.openstreetmap.org/search?query={}",
            url_encode(&map_query)
        ),
    };
    let stale = match &f.verification {
        Some(v) => (site.today.0 - v.date.0).num_days() > site.config.listings.stale_after_days,
        None => false,
    };
    FacilityView {
        card,
        id: r.id.value.clone(),
        kind_label: view::kind_label(site, lang, r.kind),
        kind_help: t(&format!("kind_plain_{}", r.kind.code())),
        operator: opt(&r.operator, lang),
        description: opt(&r.description, lang),
        street: opt(&r.address.street, lang),
        commune: opt(&r.address.commune, lang),
        province_slug: view::facility_province(site, f).slug.clone(),
        map_url,
        hours: opt(&r.hours, lang),
        services: service_labels(site, f, lang),
        fees_notes: r
            .fees
            .as_ref()
            .map(|f| opt(&f.notes, lang))
            .unwrap_or_default(),
        eligibility: opt(&r.eligibility, lang),
        how_to_apply: opt(&r.how_to_apply, lang),
        what_to_bring: opt(&r.what_to_bring, lang),
        languages: r
            .languages
            .iter()
            .map(|l| site.theme.t(*l, "lang_name"))
            .collect(),
        capacity: r.capacity,
        basis: r.basis.value.code().into(),
        basis_ref: basis_ref(site, &r.basis.value, lang),
        kind_legal: match r.basis.value {
            Basis::Announced(_) => t(&format!("kind_help_{}", r.kind.code())),
            _ => String::new(),
        },
        source: opt(&r.source, lang),
        verification: f.verification.as_ref().map(|v| VerificationView {
            date: v.date.human(lang),
            date_iso: v.date.iso(),
            by: v.by.str(lang),
            method: v.method.code().into(),
            method_label: t(&format!("verification_method_{}", v.method.code())),
            note: opt(&v.note, lang),
        }),
        stale,
        inferred: crate::load::provenance::inferred_map(
            &r.inferred,
            crate::load::provenance::FACILITY_INFERABLE,
        ),
    }
}

/// The page (or published source) a record's basis points to, in `lang`.
fn basis_ref(site: &Site, basis: &Basis, lang: Lang) -> Option<BasisRef> {
    // The page in `lang`, else the first of its group in the site's order: looked up in the
    // site's groups, since scanning every page for each provider took most of the finder's time
    // (2 500 providers × 10 000 pages).
    let page = |kind: crate::load::Kind, id: &str| {
        crate::resolve::reads::read(crate::resolve::reads::Input::Pages(kind));
        let group = site.groups.get(&(kind, id.to_string()))?;
        let i = group.get(&lang).or_else(|| group.values().min())?;
        let p = &site.pages[*i];
        Some((p.source.front.title().to_string(), p.url.clone()))
    };
    match basis {
        Basis::Sample => None,
        Basis::Plan(id) => {
            let (title, url) = page(crate::load::Kind::Plan, &id.value)
                .unwrap_or_else(|| (id.value.clone(), String::new()));
            Some(BasisRef {
                title,
                url,
                date: String::new(),
                issuer: String::new(),
            })
        }
        Basis::Announced(a) => {
            let (title, url) = match (&a.act, &a.source) {
                (Some(act), _) => page(crate::load::Kind::Law, &act.value)
                    .unwrap_or_else(|| (act.value.clone(), String::new())),
                (None, Some(s)) => (s.name.str(lang), s.url.clone().unwrap_or_default()),
                (None, None) => (String::new(), String::new()),
            };
            Some(BasisRef {
                title,
                url,
                date: a.date.human(lang),
                issuer: opt(&a.issuer, lang),
            })
        }
    }
}

fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Serialize)]
struct KindGroup {
    kind: String,
    label: String,
    /// The page of this kind in this province, when linked.
    url: Option<String>,
    facilities: Vec<FacilityCard>,
}

#[derive(Serialize)]
struct ProvinceGroup {
    name: String,
    slug: String,
    /// The province's own page, when linked.
    url: Option<String>,
    former: Vec<String>,
    /// Every other spelling of the province, as slugs, space-separated (the finder's `?province=` reads them).
    aliases: String,
    kinds: Vec<KindGroup>,
    count: usize,
}

#[derive(Serialize)]
struct KindInfo {
    code: String,
    label: String,
    help: String,
}

/// A page of the finder for one province (index into `site.records.provinces`), or for one
/// kind of provider in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProvincePage {
    pub province: usize,
    pub kind: Option<ProviderKind>,
}

/// Every province page: one per province with providers, and one per kind found there.
pub fn province_pages(site: &Site) -> Vec<ProvincePage> {
    let mut out = Vec::new();
    for (province, kinds) in crate::render::view::placement(site) {
        out.push(ProvincePage {
            province,
            kind: None,
        });
        out.extend(kinds.into_iter().map(|(k, _)| ProvincePage {
            province,
            kind: Some(k),
        }));
    }
    out
}

/// The address of a province page in `lang`: `/<lang>/<finder>/<province word>/<slug>/[<kind>/]`.
pub fn province_url(site: &Site, lang: Lang, pp: ProvincePage) -> String {
    let mut rest = vec![
        site.theme.t(lang, "finder_province_slug"),
        site.records.provinces()[pp.province].slug.clone(),
    ];
    if let Some(k) = pp.kind {
        rest.push(k.code().replace('_', "-"));
    }
    site.routes
        .item(SectionKey::Facilities, lang, &rest.join("/"))
}

/// A province's name in `lang`.
pub fn province_name(site: &Site, lang: Lang, province: usize) -> String {
    let p = &site.records.provinces()[province];
    p.name_in(lang).to_string()
}

/// The title of a province page in `lang`.
pub fn province_title(site: &Site, lang: Lang, pp: ProvincePage) -> String {
    let name = province_name(site, lang, pp.province);
    match pp.kind {
        None => site.theme.t(lang, "finder_province_title"),
        Some(k) => site
            .theme
            .t(lang, "finder_province_kind_title")
            .replace("{kind}", &view::kind_label(site, lang, k)),
    }
    .replace("{province}", &name)
}

/// The providers by province and kind, limited to `only` when given; with `links`, each
/// province and kind links to its page.
fn province_groups(
    site: &Site,
    lang: Lang,
    only: Option<ProvincePage>,
    links: bool,
) -> Vec<ProvinceGroup> {
    crate::render::view::facilities_in(site, only.map(|o| o.province))
        .into_iter()
        .map(|(pi, kinds)| {
            let p = &site.records.provinces()[pi];
            let kinds: Vec<KindGroup> = kinds
                .into_iter()
                .filter(|(k, _)| only.is_none_or(|o| o.kind.is_none_or(|ok| ok == *k)))
                .map(|(k, list)| KindGroup {
                    kind: k.code().into(),
                    label: view::kind_label(site, lang, k),
                    url: only.is_none_or(|o| o.kind.is_none()).then(|| {
                        province_url(
                            site,
                            lang,
                            ProvincePage {
                                province: pi,
                                kind: Some(k),
                            },
                        )
                    }),
                    facilities: list
                        .into_iter()
                        .map(|f| facility_card(site, f, lang))
                        .collect(),
                })
                .collect();
            ProvinceGroup {
                name: province_name(site, lang, pi),
                slug: p.slug.clone(),
                url: links.then(|| {
                    province_url(
                        site,
                        lang,
                        ProvincePage {
                            province: pi,
                            kind: None,
                        },
                    )
                }),
                former: p.former.iter().filter(|f| **f != p.name).cloned().collect(),
                aliases: crate::load::places::spelling_slugs(
                    site.records.provinces(),
                    site.records.place_aliases(),
                    pi,
                )
                .join(" "),
                count: kinds.iter().map(|k| k.facilities.len()).sum(),
                kinds,
            }
        })
        .collect()
}

fn kind_infos(site: &Site, lang: Lang, only: &[ProviderKind]) -> Vec<KindInfo> {
    ProviderKind::ALL
        .into_iter()
        .filter(|k| only.is_empty() || only.contains(k))
        .map(|k| KindInfo {
            code: k.code().into(),
            label: view::kind_label(site, lang, k),
            help: site.theme.t(lang, &format!("kind_help_{}", k.code())),
        })
        .collect()
}

pub fn finder_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let urls = view::all_langs(site, |l| site.routes.section(key, l));
    let mut v = base_view(
        site,
        lang,
        "finder",
        site.config.section_title(key, lang),
        site.routes.section(key, lang),
        &urls,
        vec![],
    );
    v.summary = site.theme.t(lang, "finder_intro");
    let mut extra = tera::Context::new();
    extra.insert("provinces", &province_groups(site, lang, None, true));
    extra.insert("kinds", &kind_infos(site, lang, &[]));
    extra.insert("total", &site.records.facilities().len());
    page(site, lang, Some(key), v, extra, None)
}

/// A link to another kind's page in the same province, with its count.
#[derive(Serialize)]
struct KindLink {
    label: String,
    url: String,
    count: usize,
}

/// The page of one province (or one kind in it): its providers, linked from the finder.
pub fn province_page(site: &Site, pp: ProvincePage, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let urls = view::all_langs(site, |l| province_url(site, l, pp));
    let mut crumbs = vec![Link {
        title: site.config.section_title(key, lang),
        url: site.routes.section(key, lang),
    }];
    if pp.kind.is_some() {
        let whole = ProvincePage { kind: None, ..pp };
        crumbs.push(Link {
            title: province_name(site, lang, pp.province),
            url: province_url(site, lang, whole),
        });
    }
    let title = province_title(site, lang, pp);
    let mut v = base_view(
        site,
        lang,
        "province",
        title,
        province_url(site, lang, pp),
        &urls,
        crumbs,
    );
    let groups = province_groups(site, lang, Some(pp), false);
    let total: usize = groups.iter().map(|g| g.count).sum();
    let name = province_name(site, lang, pp.province);
    v.summary = site
        .theme
        .t(lang, "finder_province_summary")
        .replace("{n}", &total.to_string())
        .replace("{province}", &name);
    let here: Vec<ProviderKind> = crate::render::view::placement(site)
        .into_iter()
        .filter(|(pi, _)| *pi == pp.province)
        .flat_map(|(_, kinds)| kinds.into_iter().map(|(k, list)| (k, list.len())))
        .filter(|(k, _)| pp.kind.is_none_or(|o| o == *k))
        .map(|(k, _)| k)
        .collect();
    let other_kinds: Vec<KindLink> = match pp.kind {
        None => Vec::new(),
        Some(cur) => crate::render::view::placement(site)
            .into_iter()
            .filter(|(pi, _)| *pi == pp.province)
            .flat_map(|(_, kinds)| kinds)
            .filter(|(k, _)| *k != cur)
            .map(|(k, list)| KindLink {
                label: view::kind_label(site, lang, k),
                url: province_url(
                    site,
                    lang,
                    ProvincePage {
                        kind: Some(k),
                        ..pp
                    },
                ),
                count: list.len(),
            })
            .collect(),
    };
    let p = &site.records.provinces()[pp.province];
    let former: Vec<&String> = p.former.iter().filter(|f| **f != p.name).collect();
    let mut extra = tera::Context::new();
    extra.insert("provinces", &groups);
    extra.insert("kinds", &kind_infos(site, lang, &here));
    extra.insert("other_kinds", &other_kinds);
    extra.insert("former", &former);
    extra.insert("total", &total);
    page(site, lang, Some(key), v, extra, None)
}

pub fn facility_page(site: &Site, f: &Facility, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let fv = facility_view(site, f, lang);
    let urls = view::all_langs(site, |l| site.routes.item(key, l, &f.record.id.value));
    let crumbs = vec![Link {
        title: site.config.section_title(key, lang),
        url: site.routes.section(key, lang),
    }];
    let mut v = base_view(
        site,
        lang,
        "facility",
        fv.card.name.clone(),
        fv.card.url.clone(),
        &urls,
        crumbs,
    );
    v.summary = fv.kind_label.clone();
    let mut extra = tera::Context::new();
    extra.insert("jsonld", &json_ld(&fv));
    extra.insert("facility", &fv);
    page(site, lang, Some(key), v, extra, Some(f.file.clone()))
}

/// schema.org data for a provider, safe to embed in a script block of type application/ld+json.
fn json_ld(f: &FacilityView) -> String {
    let phones: Vec<&str> = f
        .card
        .phones
        .iter()
        .filter(|p| !p.tel.is_empty())
        .map(|p| p.tel.as_str())
        .collect();
    let v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": f.card.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f.street,
            "addressLocality": f.commune,
            "addressRegion": f.card.province,
            "addressCountry": "VN"
        },
        "telephone": phones,
        "isAccessibleForFree": f.card.free,
        "medicalSpecialty": "Addiction",
    });
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// What the directory holds, counted from the records: pages describing it show these figures.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryCounts {
    /// Every published record, samples included.
    pub total: usize,
    /// Records of real providers (not samples).
    pub real: usize,
    pub announced: usize,
    pub plan: usize,
    pub samples: usize,
    /// Real records with a complete verification.
    pub verified: usize,
    /// Real records with at least one phone number.
    pub with_phone: usize,
    /// Provinces with at least one real record.
    pub provinces: usize,
    /// The figures as sentences, in the page's language.
    pub lines: Vec<String>,
}

/// Counts the directory's records by basis, verification and phone, for pages that describe it.
pub fn directory_counts(site: &Site, lang: Lang) -> DirectoryCounts {
    let fs = site.records.facilities();
    let real: Vec<&Facility> = fs.iter().filter(|f| !f.record.is_sample()).collect();
    let count = |code: &str| {
        fs.iter()
            .filter(|f| f.record.basis.value.code() == code)
            .count()
    };
    let mut provinces: Vec<usize> = real.iter().map(|f| f.province).collect();
    provinces.sort_unstable();
    provinces.dedup();
    let mut c = DirectoryCounts {
        total: fs.len(),
        real: real.len(),
        announced: count("announced"),
        plan: count("plan"),
        samples: count("sample"),
        verified: real.iter().filter(|f| f.verification.is_some()).count(),
        with_phone: real
            .iter()
            .filter(|f| {
                f.phones
                    .iter()
                    .any(|p| matches!(p, crate::phone::Phone::Valid { .. }))
            })
            .count(),
        provinces: provinces.len(),
        lines: Vec::new(),
    };
    let fill = |key: &str, n: usize, of: usize| {
        site.theme
            .t(lang, key)
            .replace("{n}", &n.to_string())
            .replace("{of}", &of.to_string())
    };
    c.lines = vec![
        fill("directory_real", c.real, c.provinces),
        fill("directory_announced", c.announced, c.real),
        fill("directory_plan", c.plan, c.real),
        fill("directory_verified", c.verified, c.real),
        fill("directory_phone", c.with_phone, c.real),
        fill("directory_samples", c.samples, c.total),
    ];
    c
}
