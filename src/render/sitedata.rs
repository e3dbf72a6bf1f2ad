//! What rendering gives the site-wide outputs (phase 4): every page's addresses by translation
//! (the sitemap), and the statistics downloads with their data package and the catalogue of
//! every download. The outputs read this and never call render.

use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::render::frame::Output;
use crate::resolve::Site;
use std::path::PathBuf;

/// Render's results for the site-wide outputs but the search index (whose documents are made
/// one language at a time, [`crate::render::searchdocs::documents`]).
pub struct SiteData {
    /// Every page's URL in each language it has, one group per page.
    pub page_groups: Vec<Vec<(Lang, String)>>,
    /// Statistics downloads, their data package and the catalogue of every download.
    pub data_files: Vec<Output>,
}

/// Makes what the site-wide outputs need of `site`.
pub fn site_data(site: &Site) -> SiteData {
    let mut data_files = crate::render::stats::downloads(site);
    data_files.push(json_file(
        "data/stats/datapackage.json",
        &crate::render::datapackage::datapackage(site),
    ));
    data_files.push(json_file(
        "data/catalog.json",
        &crate::render::datacatalog::dcat(site),
    ));
    SiteData {
        page_groups: page_groups(site),
        data_files,
    }
}

fn json_file<T: serde::Serialize>(path: &str, v: &T) -> Output {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    Output {
        path: PathBuf::from(path),
        bytes,
        source: None,
    }
}

/// Every page URL of the site per language group, for the sitemap: [(lang, url)] per page.
pub fn page_groups(site: &Site) -> Vec<Vec<(Lang, String)>> {
    let r = &site.routes;
    let mut groups: Vec<Vec<(Lang, String)>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in &site.pages {
        let key = (p.kind(), p.source.stem.clone());
        if seen.insert(key) {
            groups.push(crate::render::view::page_urls(site, p));
        }
    }
    let listed = SectionKey::with_pages().filter(|k| matches!(k, SectionKey::Kind(_)));
    for key in listed.chain([
        SectionKey::Stats,
        SectionKey::Facilities,
        SectionKey::Hotlines,
        SectionKey::Search,
    ]) {
        groups.push(crate::render::view::all_langs(site, |l| r.section(key, l)));
    }
    groups.extend(crate::render::stats::page_groups(site));
    for pp in crate::render::finder::province_pages(site) {
        groups.push(crate::render::view::all_langs(site, |l| {
            crate::render::finder::province_url(site, l, pp)
        }));
    }
    for f in &site.records.facilities {
        groups.push(crate::render::view::all_langs(site, |l| {
            r.item(SectionKey::Facilities, l, &f.record.id.value)
        }));
    }
    groups.extend(crate::render::changes::page_groups(site));
    groups
}
