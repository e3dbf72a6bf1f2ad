//! The search documents of each language: what a resident may look for, made from the same views
//! as the pages (markdown pages, providers, the finder's province pages, statistics, hotlines).

use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::kinds::{Front, Kind};
use crate::resolve::Site;
use minh_search::{Doc, Field};

/// Everything a resident may look for in `lang` (pages' texts borrowed from `site`).
pub fn documents(site: &Site, lang: Lang) -> Vec<Doc<'_>> {
    // A page shown in place of a missing translation is found too, at its address in `lang`
    // (where its note says it is not translated yet): in a new language most pages are such.
    let mut docs: Vec<Doc> = site
        .pages_shown(None, lang)
        .into_iter()
        .filter(|s| s.page.kind() != Kind::Home)
        .map(|s| Doc {
            url: s.url.clone(),
            ..page_doc(s.page)
        })
        .collect();
    docs.extend(
        site.records
            .facilities
            .iter()
            .map(|f| provider_doc(site, f, lang)),
    );
    docs.extend(province_docs(site, lang));
    docs.extend(crate::render::stats::search_docs(site, lang));
    let hotlines_url = site.routes.section(SectionKey::Hotlines, lang);
    docs.extend(site.records.hotlines.iter().map(|h| {
        let hv = crate::render::view::hotline_view(h, lang, site);
        Doc {
            url: hotlines_url.clone(),
            title: format!("{} – {}", hv.number.display, hv.name),
            kind: "hotline".into(),
            fields: vec![
                (Field::Name, site.theme.t(lang, "hotline_word").into()),
                (
                    Field::Meta,
                    format!("{} {}", hv.number.display, hv.scope).into(),
                ),
                (Field::Body, hv.purpose.clone().into()),
            ],
        }
    }));
    docs
}

/// A provider as search finds it: its name, kind, places and phones as metadata, and what it
/// offers, for whom and how as text (read from the record and its finder card, not the whole
/// page's view: this is made for every provider on every search turn).
fn provider_doc<'a>(site: &Site, f: &crate::load::records::Facility, lang: Lang) -> Doc<'a> {
    use crate::render::finder::{facility_card, opt, service_labels};
    let (r, c) = (&f.record, facility_card(site, f, lang));
    let prov = &site.records.provinces[f.province];
    let phones: Vec<&str> = c.phones.iter().map(|p| p.display.as_str()).collect();
    let meta = fields(&[
        crate::render::view::kind_label(site, lang, r.kind),
        prov.name.clone(),
        prov.en.clone(),
        c.former_province,
        c.former_district,
        opt(&r.address.commune, lang),
        opt(&r.operator, lang),
        phones.join(" "),
        match c.sample {
            true => site.theme.t(lang, "sample"),
            false => String::new(),
        },
    ]);
    let body = [
        service_labels(site, f, lang).join(", "),
        opt(&r.description, lang),
        opt(&r.eligibility, lang),
        opt(&r.how_to_apply, lang),
        opt(&r.hours, lang),
    ];
    Doc {
        url: c.url,
        title: c.name,
        kind: "provider".into(),
        fields: std::iter::once((Field::Meta, meta.into()))
            .chain(
                (body.into_iter())
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (Field::Body, t.into())),
            )
            .collect(),
    }
}

/// Short fields joined by " · " for a result's snippet: empty ones dropped, and each text only
/// once (compared without case and diacritics), so a snippet never reads "· Đồng Tháp · Đồng Tháp · ·".
fn fields(parts: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty() && seen.insert(minh_search::fold(&p.to_lowercase())))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The finder's province pages, so "cai nghiện Đồng Tháp" finds the page listing them.
fn province_docs(site: &Site, lang: Lang) -> Vec<Doc<'static>> {
    let by_province = crate::render::view::facilities_by_province(site);
    crate::render::finder::province_pages(site)
        .into_iter()
        .map(|pp| {
            let prov = &site.records.provinces[pp.province];
            let mut names = vec![prov.name.clone(), prov.en.clone()];
            names.extend(prov.former.iter().cloned());
            let facilities: Vec<String> = site
                .records
                .facilities
                .iter()
                .filter(|f| f.province == pp.province)
                .filter(|f| pp.kind.is_none_or(|k| k == f.record.kind))
                .map(|f| f.record.name.str(lang))
                .collect();
            let kinds: Vec<String> = (by_province.iter())
                .filter(|(pi, _)| *pi == pp.province)
                .flat_map(|(_, kinds)| kinds)
                .filter(|(k, _)| pp.kind.is_none_or(|o| o == *k))
                .map(|(k, _)| crate::render::view::kind_label(site, lang, *k))
                .collect();
            Doc {
                url: crate::render::finder::province_url(site, lang, pp),
                title: crate::render::finder::province_title(site, lang, pp),
                kind: "page".into(),
                fields: vec![
                    (Field::Meta, fields(&names).into()),
                    (Field::Meta, fields(&kinds).into()),
                    (Field::Body, facilities.join(". ").into()),
                ],
            }
        })
        .collect()
}

fn page_doc(p: &crate::resolve::Page) -> Doc<'_> {
    let f = &p.source.front;
    let kind = p.kind().spec().search.unwrap_or("page");
    let meta = match f {
        Front::Plan(pl) => fields(&[
            pl.number.clone().unwrap_or_default(),
            pl.issuer.clone(),
            pl.area.province.value.clone(),
            pl.area.district.clone().unwrap_or_default(),
            pl.area.commune.clone().unwrap_or_default(),
            pl.area.current_province.value.clone(),
        ]),
        Front::Law(l) => format!("{} · {}", l.number, l.issuer),
        _ => String::new(),
    };
    let mut fields = vec![(Field::Meta, meta.into())];
    if let Some(s) = f.summary() {
        fields.push((Field::Body, s.into()));
    }
    fields.extend(
        p.rendered
            .headings
            .iter()
            .map(|h| (Field::Heading, h.as_str().into())),
    );
    fields.push((Field::Body, p.rendered.text.as_str().into()));
    Doc {
        url: p.url.clone(),
        title: f.title().to_string(),
        kind: kind.into(),
        fields,
    }
}
