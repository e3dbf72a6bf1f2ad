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
    docs.extend(site.records.facilities.iter().map(|f| {
        let v = crate::render::finder::facility_view(site, f, lang);
        let prov = &site.records.provinces[f.province];
        let meta = fields(&[
            v.kind_label.clone(),
            prov.name.clone(),
            prov.en.clone(),
            v.former_province.clone(),
            v.former_district.clone(),
            v.commune.clone(),
            v.operator.clone(),
            v.phones
                .iter()
                .map(|p| p.display.clone())
                .collect::<Vec<_>>()
                .join(" "),
            if v.sample {
                site.theme.t(lang, "sample")
            } else {
                String::new()
            },
        ]);
        Doc {
            url: v.url.clone(),
            title: v.name.clone(),
            kind: "provider".into(),
            fields: std::iter::once((Field::Meta, meta.into()))
                .chain(
                    [
                        v.services.join(", "),
                        v.description.clone(),
                        v.eligibility.clone(),
                        v.how_to_apply.clone(),
                        v.hours.clone(),
                    ]
                    .into_iter()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (Field::Body, t.into())),
                )
                .collect(),
        }
    }));
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
            let kinds: Vec<String> = crate::render::view::facilities_by_province(site)
                .into_iter()
                .filter(|(pi, _)| *pi == pp.province)
                .flat_map(|(_, kinds)| kinds)
                .filter(|(k, _)| pp.kind.is_none_or(|o| o == *k))
                .map(|(k, _)| crate::render::view::kind_label(site, lang, k))
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
