//! Legal acts: links from plans, the act page's view, and which plans cite an act.

use crate::lang::Lang;
use crate::load::kinds::Front;
use crate::load::Kind;
use crate::resolve::{Page, Site};
use serde::Serialize;

/// A link to an act, with whether it is still in force.
#[derive(Debug, Clone, Serialize)]
pub struct ActLink {
    pub id: String,
    pub title: String,
    pub number: String,
    pub url: String,
    pub in_force: bool,
}

pub fn act_link(site: &Site, id: &str, lang: Lang) -> Option<ActLink> {
    let p = site.find(Kind::Law, id, lang)?;
    let Front::Law(l) = &p.source.front else {
        return None;
    };
    Some(ActLink {
        id: id.to_string(),
        title: l.title.clone(),
        number: l.number.clone(),
        url: p.url.clone(),
        in_force: l.in_force_until.is_none_or(|u| u >= site.today),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct LawView {
    pub number: String,
    pub kind: String,
    pub issuer: String,
    pub issued: Option<String>,
    pub in_force_from: Option<String>,
    pub in_force_until: Option<String>,
    pub in_force: bool,
    pub replaced_by: Option<ActLink>,
    pub source_name: Option<String>,
    pub source_url: Option<String>,
    pub verified: bool,
    pub cited_by: Vec<crate::render::view::Link>,
    /// Fields the editors inferred: `inferred.issuer`, `inferred.any`.
    pub inferred: std::collections::BTreeMap<String, bool>,
}

pub fn law_view(site: &Site, p: &Page) -> Option<LawView> {
    let Front::Law(l) = &p.source.front else {
        return None;
    };
    let lang = p.lang();
    let cited_by = site
        .pages_of(Kind::Plan, lang)
        .filter(|plan| match &plan.source.front {
            Front::Plan(f) => f.legal_basis.iter().any(|r| r.value == p.source.stem),
            _ => false,
        })
        .map(|plan| crate::render::view::Link {
            title: plan.source.front.title().to_string(),
            url: plan.url.clone(),
        })
        .collect();
    Some(LawView {
        number: l.number.clone(),
        kind: site
            .theme
            .t(lang, &format!("law_kind_{}", law_kind_code(l.kind))),
        issuer: l.issuer.clone(),
        issued: l.issued.map(|d| d.human(lang)),
        in_force_from: l.in_force_from.map(|d| d.human(lang)),
        in_force_until: l.in_force_until.map(|d| d.human(lang)),
        in_force: l.in_force_until.is_none_or(|u| u >= site.today),
        replaced_by: l
            .replaced_by
            .as_ref()
            .and_then(|r| act_link(site, &r.value, lang)),
        source_name: l.source.as_ref().and_then(|s| s.name.clone()),
        source_url: l.source.as_ref().and_then(|s| s.url.clone()),
        verified: l.verified,
        cited_by,
        inferred: crate::load::provenance::inferred_map(
            &l.inferred,
            crate::load::provenance::LAW_INFERABLE,
        ),
    })
}

fn law_kind_code(k: crate::load::kinds::law::LawKind) -> &'static str {
    use crate::load::kinds::law::LawKind::*;
    match k {
        Law => "law",
        Decree => "decree",
        Decision => "decision",
        Directive => "directive",
        Circular => "circular",
        Resolution => "resolution",
        Plan => "plan",
    }
}

/// A page of legal information and when its facts were last reviewed.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    pub title: String,
    pub url: String,
    pub reviewed: String,
    pub reviewed_iso: String,
}

/// When the legal information was last reviewed: each page with a `reviewed` date, and how many
/// acts were checked against their original text.
#[derive(Debug, Clone, Serialize)]
pub struct Reviews {
    pub pages: Vec<Reviewed>,
    pub acts: usize,
    pub acts_verified: usize,
    /// The count of acts as a sentence, in the page's language.
    pub acts_line: String,
}

pub fn reviews(site: &Site, lang: Lang) -> Reviews {
    let mut pages: Vec<(crate::date::Date, Reviewed)> = site
        .pages_of(Kind::Page, lang)
        .filter_map(|p| match &p.source.front {
            Front::Page(f) => f.reviewed.map(|d| {
                (
                    d,
                    Reviewed {
                        title: f.title.clone(),
                        url: p.url.clone(),
                        reviewed: d.human(lang),
                        reviewed_iso: d.iso(),
                    },
                )
            }),
            _ => None,
        })
        .collect();
    pages.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
    let acts: Vec<bool> = site
        .pages_of(Kind::Law, lang)
        .filter_map(|p| match &p.source.front {
            Front::Law(l) => Some(l.verified),
            _ => None,
        })
        .collect();
    let verified = acts.iter().filter(|v| **v).count();
    Reviews {
        pages: pages.into_iter().map(|(_, r)| r).collect(),
        acts: acts.len(),
        acts_verified: verified,
        acts_line: site
            .theme
            .t(lang, "reviews_acts")
            .replace("{n}", &verified.to_string())
            .replace("{of}", &acts.len().to_string()),
    }
}
