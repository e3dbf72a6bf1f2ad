//! Change history as readers see it: dates and notes on pages, plan versions and comparisons,
//! provider changes, pages for removed providers, recent changes with their Atom feeds.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::history::{EventKind, History, Lineage, Status};
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::Kind;
use crate::markdown::LinkResolver;
use crate::render::frame::{base_view, page, Output};
use crate::render::pagehistory::{
    compare_url, compare_url_of, content_lang, path_key, plan_versions, version_url,
    version_url_of, version_urls, Version,
};
use crate::render::view::{changes_url, Link};
use crate::resolve::{Page, Site};
use crate::xml::escape as xml;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
/// Links in an earlier version: to pages that still exist, else nowhere.
struct OldLinks<'a> {
    site: &'a Site,
    lang: Lang,
}

impl LinkResolver for OldLinks<'_> {
    fn resolve(&self, target: &str) -> Result<Option<String>, crate::catalogue::Said> {
        let gone = || Err(crate::catalogue::links::missing_content(target));
        let Some(path) = target.strip_prefix("@/") else {
            if target.ends_with(".md") && !target.contains("://") {
                return gone();
            }
            return Ok(None);
        };
        let path = path.split('#').next().unwrap_or("").trim_end_matches('/');
        let r = &self.site.routes;
        let mut parts = path.splitn(2, '/');
        let (head, rest) = (parts.next().unwrap_or(""), parts.next());
        let Some(kind) = Kind::from_dir(head) else {
            return match head {
                "facilities" => match rest {
                    Some(id)
                        if self
                            .site
                            .records
                            .facilities()
                            .iter()
                            .any(|f| f.record.id.value == id) =>
                    {
                        Ok(Some(r.item(SectionKey::Facilities, self.lang, id)))
                    }
                    None => Ok(Some(r.section(SectionKey::Facilities, self.lang))),
                    _ => gone(),
                },
                "" => Ok(Some(r.home(self.lang))),
                s => match (SectionKey::from_name(s), rest) {
                    (Some(k), None) if k.has_page() => Ok(Some(r.section(k, self.lang))),
                    _ => gone(),
                },
            };
        };
        let Some(stem) = rest else { return gone() };
        let stem = stem.trim_end_matches(".md");
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        match self.site.find(kind, stem, self.lang) {
            Some(pg) => Ok(Some(pg.url.clone())),
            None => gone(),
        }
    }
}

#[derive(Serialize)]
struct VersionPageView {
    n: usize,
    date: String,
    date_iso: String,
    title: String,
    targets: Vec<String>,
    plan_title: String,
    plan_url: String,
    compare_url: Option<String>,
    next_compare_url: Option<String>,
}

fn plan_crumbs(site: &Site, p: &Page, lang: Lang) -> Vec<Link> {
    vec![
        Link {
            title: site.config.section_title(SectionKey::Plans, lang),
            url: site.routes.section(SectionKey::Plans, lang),
        },
        Link {
            title: p.source.front.title().to_string(),
            url: p.url.clone(),
        },
    ]
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(k, v);
    }
    s
}

fn version_page(
    site: &Site,
    p: &Page,
    versions: &[Version],
    n: usize,
) -> Result<Output, Diagnostic> {
    let lang = p.lang();
    let v = &versions[n - 1];
    let url = version_url(p, n);
    let t = |k: &str| site.theme.t(lang, k);
    let title = fill(
        &t("version_title"),
        &[("{n}", &n.to_string()), ("{date}", &v.date.human(lang))],
    );
    let mut pv = base_view(
        site,
        lang,
        "plan_version",
        title,
        url,
        &version_urls(site, p, |u| version_url_of(u, n)),
        plan_crumbs(site, p, lang),
    );
    let rendered = crate::markdown::render(&v.body, &OldLinks { site, lang });
    pv.content = rendered.html;
    pv.summary = p.source.front.summary().unwrap_or_default().to_string();
    let mut extra = tera::Context::new();
    extra.insert("content_lang", &content_lang(site, p));
    extra.insert(
        "version",
        &VersionPageView {
            n,
            date: v.date.human(lang),
            date_iso: v.date.iso(),
            title: v.title.clone(),
            targets: v.targets.clone(),
            plan_title: p.source.front.title().to_string(),
            plan_url: p.url.clone(),
            compare_url: (n > 1).then(|| compare_url(p, n)),
            next_compare_url: (n < versions.len()).then(|| compare_url(p, n + 1)),
        },
    );
    page(site, lang, Some(SectionKey::Plans), pv, extra, None)
}

#[derive(Serialize)]
struct ComparePageView {
    old_n: usize,
    new_n: usize,
    old_date: String,
    new_date: String,
    old_date_iso: String,
    new_date_iso: String,
    old_url: String,
    new_url: String,
    plan_title: String,
    plan_url: String,
    segments: Vec<crate::worddiff::Segment>,
    summary: crate::worddiff::Summary,
}

fn compare_page(
    site: &Site,
    p: &Page,
    versions: &[Version],
    n: usize,
) -> Result<Output, Diagnostic> {
    let lang = p.lang();
    let (old, new) = (&versions[n - 2], &versions[n - 1]);
    let url = compare_url(p, n);
    let t = |k: &str| site.theme.t(lang, k);
    let title = fill(
        &t("compare_title"),
        &[("{old}", &(n - 1).to_string()), ("{new}", &n.to_string())],
    );
    let mut pv = base_view(
        site,
        lang,
        "plan_compare",
        title,
        url,
        &version_urls(site, p, |u| compare_url_of(u, n)),
        plan_crumbs(site, p, lang),
    );
    pv.summary = p.source.front.title().to_string();
    let (segments, summary) = crate::worddiff::diff(&old.comparable(), &new.comparable());
    let mut extra = tera::Context::new();
    extra.insert("content_lang", &content_lang(site, p));
    extra.insert(
        "compare",
        &ComparePageView {
            old_n: n - 1,
            new_n: n,
            old_date: old.date.human(lang),
            new_date: new.date.human(lang),
            old_date_iso: old.date.iso(),
            new_date_iso: new.date.iso(),
            old_url: version_url(p, n - 1),
            new_url: if n == versions.len() {
                p.url.clone()
            } else {
                version_url(p, n)
            },
            plan_title: p.source.front.title().to_string(),
            plan_url: p.url.clone(),
            segments,
            summary,
        },
    );
    page(site, lang, Some(SectionKey::Plans), pv, extra, None)
}

// ---- Providers ----

/// A provider that was in the directory and is not any more.
struct Removed<'a> {
    id: String,
    name: crate::text::Text,
    province: Option<String>,
    lineage: &'a Lineage,
}

fn removed_providers(site: &Site) -> Vec<Removed<'_>> {
    #[derive(serde::Deserialize)]
    struct Loose {
        id: String,
        name: crate::text::Text,
        #[serde(default)]
        address: Option<serde_json::Value>,
    }
    let mut out: Vec<Removed> = Vec::new();
    for l in site.history.removed_under("content/facilities/") {
        let Some(text) = l.events.iter().rev().find_map(|e| e.text.as_ref()) else {
            continue;
        };
        let Ok(r) = serde_saphyr::from_str::<Loose>(text) else {
            continue;
        };
        let exists = site
            .records
            .facilities()
            .iter()
            .any(|f| f.record.id.value == r.id);
        if exists || !crate::slug::is_slug(&r.id) || out.iter().any(|o| o.id == r.id) {
            continue;
        }
        let province = r
            .address
            .as_ref()
            .and_then(|a| a.get("province"))
            .and_then(|p| p.as_str())
            .map(str::to_string);
        out.push(Removed {
            id: r.id,
            name: r.name,
            province,
            lineage: l,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[derive(Serialize)]
struct RemovedView {
    name: String,
    date: String,
    date_iso: String,
    note: Option<String>,
    /// The note's language, when it is not the page's.
    note_lang: Option<&'static str>,
    province: Option<String>,
    finder_url: String,
    hotlines_url: String,
}

fn removed_page(site: &Site, r: &Removed, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Facilities;
    let h = &site.history;
    let last = r
        .lineage
        .events
        .last()
        .expect("a removed lineage has its deletion");
    let d = h.commit(last).date();
    let url = site.routes.item(key, lang, &r.id);
    let urls: Vec<(Lang, String)> = site
        .config
        .langs()
        .iter()
        .map(|l| (l, site.routes.item(key, l, &r.id)))
        .collect();
    let name = r.name.str(lang);
    let title = fill(&site.theme.t(lang, "removed_title"), &[("{name}", &name)]);
    let crumbs = vec![Link {
        title: site.config.section_title(key, lang),
        url: site.routes.section(key, lang),
    }];
    let mut pv = base_view(site, lang, "removed", title, url, &urls, crumbs);
    pv.summary = fill(
        &site.theme.t(lang, "removed_summary"),
        &[("{date}", &d.human(lang))],
    );
    let mut extra = tera::Context::new();
    extra.insert(
        "removed",
        &RemovedView {
            name,
            date: d.human(lang),
            date_iso: d.iso(),
            note: h.note_marked(last, lang).map(|n| n.text),
            note_lang: h.note_marked(last, lang).and_then(|n| n.lang),
            province: r.province.clone(),
            finder_url: site.routes.section(key, lang),
            hotlines_url: site.routes.section(SectionKey::Hotlines, lang),
        },
    );
    page(site, lang, Some(key), pv, extra, None)
}

// ---- Recent changes ----

/// One change in the site-wide list.
#[derive(Debug, Clone, Serialize)]
struct RecentView {
    title: String,
    url: String,
    date: String,
    date_iso: String,
    note: String,
    /// The note's language, when it is not the page's.
    note_lang: Option<&'static str>,
    /// For the feed.
    #[serde(skip)]
    time: String,
    #[serde(skip)]
    sort: i64,
    #[serde(skip)]
    id: String,
}

/// The pages made from each file, in one language: path → (title, URL).
fn pages_by_file(
    site: &Site,
    lang: Lang,
    removed: &[Removed],
) -> HashMap<String, (String, String)> {
    let mut m = HashMap::new();
    for p in site.pages.iter().filter(|p| p.lang() == lang) {
        crate::resolve::reads::read(crate::resolve::reads::Input::Pages(p.kind()));
        m.insert(
            path_key(&p.source.file),
            (p.source.front.title().to_string(), p.url.clone()),
        );
    }
    for f in site.records.facilities() {
        m.insert(
            path_key(&f.file),
            (
                f.record.name.str(lang),
                site.routes
                    .item(SectionKey::Facilities, lang, &f.record.id.value),
            ),
        );
    }
    for r in removed {
        m.insert(
            r.lineage.path.clone(),
            (
                r.name.str(lang),
                site.routes.item(SectionKey::Facilities, lang, &r.id),
            ),
        );
    }
    m
}

fn recent(site: &Site, lang: Lang, removed: &[Removed]) -> Vec<RecentView> {
    let h: &History = &site.history;
    let pages = pages_by_file(site, lang, removed);
    let mut out = Vec::new();
    for l in h.all() {
        let Some((title, url)) = pages.get(&l.path) else {
            continue;
        };
        for e in l.events.iter().filter(|e| !h.commit(e).baseline) {
            let (note, note_lang) = match (h.note_marked(e, lang), &e.kind) {
                (Some(n), _) => (n.text, n.lang),
                (None, EventKind::Deleted) => (site.theme.t(lang, "removed_note"), None),
                _ => continue,
            };
            let c = h.commit(e);
            out.push(RecentView {
                title: title.clone(),
                url: url.clone(),
                date: c.date().human(lang),
                date_iso: c.date().iso(),
                note,
                note_lang,
                time: c.rfc3339(),
                sort: c.time,
                id: format!("{}#{}", c.id, l.path),
            });
        }
    }
    out.sort_by(|a, b| b.sort.cmp(&a.sort).then(a.url.cmp(&b.url)));
    out
}

/// How many changes the recent-changes page lists.
const RECENT_ON_PAGE: usize = 200;

fn changes_page(site: &Site, lang: Lang, items: &[RecentView]) -> Result<Output, Diagnostic> {
    let url = changes_url(site, lang);
    let urls: Vec<(Lang, String)> = site
        .config
        .langs()
        .iter()
        .map(|l| (l, changes_url(site, l)))
        .collect();
    let mut pv = base_view(
        site,
        lang,
        "changes",
        site.theme.t(lang, "changes_title"),
        url.clone(),
        &urls,
        vec![],
    );
    pv.summary = site.theme.t(lang, "changes_intro");
    let mut extra = tera::Context::new();
    extra.insert("items", &items[..items.len().min(RECENT_ON_PAGE)]);
    extra.insert("feed_url", &format!("{url}atom.xml"));
    extra.insert("history_status", &status_name(&site.history.status));
    page(site, lang, None, pv, extra, None)
}

fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Unavailable => "unavailable",
        Status::Complete => "complete",
        Status::Shallow { .. } => "shallow",
    }
}

fn changes_feed(site: &Site, lang: Lang, items: &[RecentView]) -> Output {
    let r = &site.routes;
    let page_url = changes_url(site, lang);
    let self_url = r.absolute(&format!("{page_url}atom.xml"));
    let items = &items[..items.len().min(site.config.feed_limit)];
    let updated = items
        .first()
        .map(|i| i.time.clone())
        .unwrap_or_else(|| "2026-01-01T00:00:00Z".into());
    let title = format!(
        "{} · {}",
        site.theme.t(lang, "changes_title"),
        site.config.title.str(lang)
    );
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        lang.code()
    );
    let _ = writeln!(s, "  <title>{}</title>", xml(&title));
    let _ = writeln!(s, "  <id>{}</id>", xml(&self_url));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&self_url)
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&r.absolute(&page_url))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    // The publisher is the site, never a person.
    let _ = writeln!(
        s,
        "  <author><name>{}</name></author>",
        xml(&site.config.title.str(lang))
    );
    for i in items {
        let url = r.absolute(&i.url);
        let id = format!("{}#{}", url, i.id.split('#').next().unwrap_or(""));
        let _ = writeln!(
            s,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n    <summary{}>{}</summary>\n  </entry>",
            xml(&format!("{}: {}", i.title, i.note)),
            xml(&id),
            xml(&url),
            i.time,
            i.note_lang
                .map(|l| format!(" xml:lang=\"{l}\""))
                .unwrap_or_default(),
            xml(&i.note)
        );
    }
    s.push_str("</feed>\n");
    Output {
        path: site.routes.output_path(&format!("{page_url}atom.xml")),
        bytes: s.into_bytes(),
        source: None,
    }
}

/// The pages of this module the sitemap lists, per language: recent changes and removed providers
/// (earlier versions and comparisons are archives, marked `noindex`, not listed).
pub fn page_groups(site: &Site) -> Vec<Vec<(Lang, String)>> {
    let langs = site.config.langs();
    let mut groups = vec![langs.iter().map(|l| (l, changes_url(site, l))).collect()];
    for r in removed_providers(site) {
        groups.push(
            langs
                .iter()
                .map(|l| (l, site.routes.item(SectionKey::Facilities, l, &r.id)))
                .collect(),
        );
    }
    groups
}

/// Every page this module makes: plan versions and comparisons, removed providers, recent
/// changes; with what making them read from the site model: what each of them recorded (records,
/// templates, UI strings; each thread's reads are recorded apart and put together), and any page
/// of any kind (declared: plans' versions and every page's title and address are read from the
/// pages themselves, which note no read).
pub fn outputs(
    site: &Site,
) -> (
    Result<Vec<Output>, Diagnostics>,
    crate::resolve::reads::Reads,
) {
    use crate::resolve::reads::{recording, Input, Reads};
    let plans: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.kind() == Kind::Plan)
        .collect();
    let per_plan: Vec<(Vec<Result<Output, Diagnostic>>, Reads)> = plans
        .par_iter()
        .map(|p| {
            recording(|| {
                let versions = plan_versions(site, p);
                let n = versions.len();
                let mut out = Vec::new();
                if n > 1 {
                    for k in 1..n {
                        out.push(version_page(site, p, &versions, k));
                    }
                    for k in 2..=n {
                        out.push(compare_page(site, p, &versions, k));
                    }
                }
                out
            })
        })
        .collect();
    let mut reads: Reads = Kind::ALL.into_iter().map(Input::Pages).collect();
    let mut results: Vec<Result<Output, Diagnostic>> = Vec::new();
    for (out, read) in per_plan {
        results.extend(out);
        reads.extend(read);
    }
    let (rest, read) = recording(|| {
        let mut results = Vec::new();
        let removed = removed_providers(site);
        for lang in site.config.langs() {
            for r in &removed {
                results.push(removed_page(site, r, lang));
            }
            let items = recent(site, lang, &removed);
            results.push(changes_page(site, lang, &items));
            results.push(Ok(changes_feed(site, lang, &items)));
        }
        results
    });
    results.extend(rest);
    reads.extend(read);
    let mut diags = Diagnostics::new();
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(o) => out.push(o),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        (Err(diags), reads)
    } else {
        (Ok(out), reads)
    }
}
