//! The service-provider finder and provider pages, built from facility records.

use crate::config::SectionKey;
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::records::{Facility, ProviderKind};
use crate::render::{base_view, facilities_by_province, page, Output};
use crate::resolve::Site;
use crate::view::{self, Link, PhoneView};
use serde::Serialize;

/// A provider as the finder list and the provider page show it.
#[derive(Debug, Clone, Serialize)]
pub struct FacilityView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub name_lang: Option<String>,
    pub sample: bool,
    pub kind: String,
    pub kind_label: String,
    pub kind_help: String,
    pub voluntary: bool,
    pub operator: String,
    pub description: String,
    pub street: String,
    pub commune: String,
    pub province: String,
    pub province_slug: String,
    pub former_province: String,
    pub former_district: String,
    pub address_line: String,
    pub map_url: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub phones: Vec<PhoneView>,
    pub hours: String,
    pub services: Vec<String>,
    pub free: Option<bool>,
    pub fees_notes: String,
    pub eligibility: String,
    pub how_to_apply: String,
    pub what_to_bring: String,
    pub languages: Vec<String>,
    pub capacity: Option<u32>,
    pub announcement: Option<AnnouncementView>,
    pub source: String,
    pub last_verified: String,
    pub last_verified_iso: String,
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnouncementView {
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub url: String,
}

fn opt(t: &Option<crate::text::Text>, lang: Lang) -> String {
    t.as_ref().map(|t| t.str(lang)).unwrap_or_default()
}

pub fn facility_view(site: &Site, f: &Facility, lang: Lang) -> FacilityView {
    let r = &f.record;
    let prov = view::facility_province(site, f);
    let t = |k: &str| site.theme.t(lang, k);
    let name = r.name.get(lang);
    let street = opt(&r.address.street, lang);
    let commune = opt(&r.address.commune, lang);
    let province = if lang == Lang::Vi {
        prov.name.clone()
    } else {
        prov.en.clone()
    };
    let address_line = [street.clone(), commune.clone(), province.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let map_query = [r.name.str(Lang::Vi), address_line.clone()].join(", ");
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
    let age = (site.today.0 - r.last_verified.0).num_days();
    FacilityView {
        id: r.id.value.clone(),
        url: site.routes.item(SectionKey::Facilities, lang, &r.id.value),
        name: name.text,
        name_lang: name.lang.map(|l| l.code().to_string()),
        sample: r.sample,
        kind: r.kind.code().into(),
        kind_label: view::kind_label(site, lang, r.kind),
        kind_help: t(&format!("kind_help_{}", r.kind.code())),
        voluntary: r.kind.voluntary(),
        operator: opt(&r.operator, lang),
        description: opt(&r.description, lang),
        street,
        commune,
        province,
        province_slug: prov.slug.clone(),
        former_province: r
            .address
            .former_province
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default(),
        former_district: r.address.former_district.clone().unwrap_or_default(),
        address_line,
        map_url,
        lat: r.geo.map(|g| g.lat),
        lon: r.geo.map(|g| g.lon),
        phones: r
            .phones
            .iter()
            .zip(&f.phones)
            .map(|(rec, ph)| view::phone_view(ph, opt(&rec.label, lang), opt(&rec.hours, lang)))
            .collect(),
        hours: opt(&r.hours, lang),
        services: r
            .services
            .iter()
            .map(|s| {
                t(&format!(
                    "service_{}",
                    serde_json::to_value(s)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default()
                ))
            })
            .collect(),
        free: r.fees.as_ref().map(|f| f.free),
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
        announcement: r.announcement.as_ref().map(|a| AnnouncementView {
            number: a.number.clone().unwrap_or_default(),
            date: a.date.map(|d| d.human(lang)).unwrap_or_default(),
            issuer: opt(&a.issuer, lang),
            url: a.url.clone().unwrap_or_default(),
        }),
        source: opt(&r.source, lang),
        last_verified: r.last_verified.human(lang),
        last_verified_iso: r.last_verified.iso(),
        stale: age > site.config.listings.stale_after_days,
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
    facilities: Vec<FacilityView>,
}

#[derive(Serialize)]
struct ProvinceGroup {
    name: String,
    slug: String,
    former: Vec<String>,
    kinds: Vec<KindGroup>,
    count: usize,
}

#[derive(Serialize)]
struct KindInfo {
    code: String,
    label: String,
    help: String,
}

pub fn finder_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let urls = view::all_langs(|l| site.routes.section(key, l));
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
    let groups: Vec<ProvinceGroup> = facilities_by_province(site)
        .into_iter()
        .map(|(pi, kinds)| {
            let p = &site.records.provinces[pi];
            let kinds: Vec<KindGroup> = kinds
                .into_iter()
                .map(|(k, list)| KindGroup {
                    kind: k.code().into(),
                    label: view::kind_label(site, lang, k),
                    facilities: list
                        .into_iter()
                        .map(|f| facility_view(site, f, lang))
                        .collect(),
                })
                .collect();
            ProvinceGroup {
                name: if lang == Lang::Vi {
                    p.name.clone()
                } else {
                    p.en.clone()
                },
                slug: p.slug.clone(),
                former: p.former.iter().filter(|f| **f != p.name).cloned().collect(),
                count: kinds.iter().map(|k| k.facilities.len()).sum(),
                kinds,
            }
        })
        .collect();
    let kinds: Vec<KindInfo> = ProviderKind::ALL
        .into_iter()
        .map(|k| KindInfo {
            code: k.code().into(),
            label: view::kind_label(site, lang, k),
            help: site.theme.t(lang, &format!("kind_help_{}", k.code())),
        })
        .collect();
    let mut extra = tera::Context::new();
    extra.insert("provinces", &groups);
    extra.insert("kinds", &kinds);
    extra.insert("total", &site.records.facilities.len());
    page(site, lang, Some(key), v, extra, None)
}

pub fn facility_page(site: &Site, f: &Facility, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let fv = facility_view(site, f, lang);
    let urls = view::all_langs(|l| site.routes.item(key, l, &f.record.id.value));
    let crumbs = vec![Link {
        title: site.config.section_title(key, lang),
        url: site.routes.section(key, lang),
    }];
    let mut v = base_view(
        site,
        lang,
        "facility",
        fv.name.clone(),
        fv.url.clone(),
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
        .phones
        .iter()
        .filter(|p| !p.tel.is_empty())
        .map(|p| p.tel.as_str())
        .collect();
    let v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": f.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": f.street,
            "addressLocality": f.commune,
            "addressRegion": f.province,
            "addressCountry": "VN"
        },
        "telephone": phones,
        "isAccessibleForFree": f.free,
        "medicalSpecialty": "Addiction",
    });
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
