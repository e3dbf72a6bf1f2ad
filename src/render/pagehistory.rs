//! A page's history block (first published, last updated, public change notes) and a plan's
//! published versions: the data every page shows; the history pages themselves are in `changes`.

use crate::history::{Lineage, Status};
use crate::lang::Lang;
use crate::load::Kind;
use crate::resolve::{Page, Site};
use serde::Serialize;
use std::path::Path;

/// One entry of a page's list of changes.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub date: String,
    pub date_iso: String,
    pub note: Option<String>,
    /// The note's language, when it is not the page's (a note written for every language).
    pub note_lang: Option<&'static str>,
    /// What changed in a provider's record (field names, in the page's language).
    pub fields: Vec<String>,
}

/// A link to an earlier version of a plan, or to a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLink {
    pub n: usize,
    pub date: String,
    pub date_iso: String,
    /// The version's own page, absent for the current one.
    pub url: Option<String>,
    /// The comparison with the version before, absent for the first.
    pub compare_url: Option<String>,
}

/// The history block of a page.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// `complete`, `shallow`, `unavailable` or `unrecorded` (the file is not committed yet).
    pub status: &'static str,
    /// For a shallow history: the date it starts.
    pub since: Option<String>,
    pub first: Option<String>,
    pub first_iso: Option<String>,
    /// The first date is only the start of the available history.
    pub first_is_start: bool,
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    /// Newest first; only changes with a public note (or, for providers, with changed fields).
    pub changes: Vec<ChangeView>,
    pub office: Option<String>,
    /// Versions of a plan, oldest first, when it has more than one.
    pub versions: Vec<VersionLink>,
}

/// The office responsible for a path, from `history.offices` (longest prefix) or `history.office`.
pub fn office(site: &Site, path: &str, lang: Lang) -> Option<String> {
    let h = &site.config.history;
    h.offices
        .iter()
        .filter(|r| path.starts_with(r.path.trim_start_matches("./")))
        .max_by_key(|r| r.path.len())
        .map(|r| r.office.str(lang))
        .or_else(|| h.office.as_ref().map(|o| o.str(lang)))
}

pub fn path_key(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The history of the file `source` as shown on its page in `lang`.
pub fn history_view(site: &Site, source: &Path, lang: Lang) -> HistoryView {
    let h = &site.history;
    let key = path_key(source);
    let mut v = HistoryView {
        status: "unavailable",
        since: None,
        first: None,
        first_iso: None,
        first_is_start: false,
        updated: None,
        updated_iso: None,
        changes: Vec::new(),
        office: office(site, &key, lang),
        versions: Vec::new(),
    };
    match &h.status {
        Status::Unavailable => return v,
        Status::Complete => v.status = "complete",
        Status::Shallow { since } => {
            v.status = "shallow";
            v.since = Some(since.human(lang));
        }
    }
    let Some(l) = h.of(source).filter(|l| l.alive) else {
        v.status = "unrecorded";
        return v;
    };
    let (Some(first), Some(last)) = (l.events.first(), l.events.last()) else {
        v.status = "unrecorded";
        return v;
    };
    let fc = h.commit(first);
    v.first = Some(fc.date().human(lang));
    v.first_iso = Some(fc.date().iso());
    v.first_is_start = fc.baseline;
    let lc = h.commit(last);
    if !lc.baseline {
        v.updated = Some(lc.date().human(lang));
        v.updated_iso = Some(lc.date().iso());
    }
    let fields = if key.starts_with("content/facilities/") {
        provider_fields(site, l, lang)
    } else {
        vec![Vec::new(); l.events.len()]
    };
    for (e, fields) in l.events.iter().zip(fields).rev() {
        let note = h.note_marked(e, lang);
        if h.commit(e).baseline || (note.is_none() && fields.is_empty()) {
            continue;
        }
        let d = h.commit(e).date();
        let note_lang = note.as_ref().and_then(|n| n.lang);
        v.changes.push(ChangeView {
            date: d.human(lang),
            date_iso: d.iso(),
            note: note.map(|n| n.text),
            note_lang,
            fields,
        });
    }
    v
}

/// The history view of a page made from `source`, with the versions of a plan.
pub fn page_history(site: &Site, source: &Path, lang: Lang) -> HistoryView {
    let mut v = history_view(site, source, lang);
    if let Some(p) = site.page_of_file(source).filter(|p| p.kind() == Kind::Plan) {
        let versions = plan_versions(site, p);
        if versions.len() > 1 {
            v.versions = version_links(site, p, &versions, lang);
        }
    }
    v
}

// ---- Plan versions ----

/// A published state of a plan's text and targets.
#[derive(Debug, Clone)]
pub struct Version {
    pub date: crate::date::Date,
    pub title: String,
    pub targets: Vec<String>,
    pub body: String,
    /// The event it comes from, `None` for the working copy's text (not committed yet).
    pub committed: bool,
}

impl Version {
    /// The text compared word by word: the targets, then the document.
    pub fn comparable(&self) -> String {
        let mut s = self.targets.join("\n");
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(self.body.trim());
        s
    }
}

#[derive(serde::Deserialize)]
struct LooseFront {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    targets: Vec<serde_json::Value>,
}

fn target_line(t: &serde_json::Value) -> String {
    let s = |k: &str| match t.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let value = match t.get("range") {
        Some(r) => {
            let end = |k: &str| r.get(k).map(|v| v.to_string()).unwrap_or_default();
            format!("{}–{}", end("from"), end("to"))
        }
        None => s("value"),
    };
    let mut line = format!("{}: {value} {}", s("label"), s("unit"));
    let by = s("by");
    if !by.is_empty() {
        line.push_str(&format!(" ({by})"));
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse_version(text: &str, date: crate::date::Date, committed: bool) -> Option<Version> {
    let text = text.replace("\r\n", "\n");
    let split = crate::load::front::split(&text, Path::new("version")).ok()?;
    let front: LooseFront = serde_saphyr::from_str(split.yaml).unwrap_or(LooseFront {
        title: None,
        targets: Vec::new(),
    });
    Some(Version {
        date,
        title: front.title.unwrap_or_default(),
        targets: front.targets.iter().map(target_line).collect(),
        body: split.body.trim().to_string(),
        committed,
    })
}

/// The translation whose versions every language's version pages show: the default language's
/// (the official text), else the page itself.
pub fn version_source<'a>(site: &'a Site, p: &'a Page) -> &'a Page {
    site.translation(p, site.config.default_lang()).unwrap_or(p)
}

/// The language to mark the text of versions with on `p`'s version pages, when not the page's.
pub fn content_lang(site: &Site, p: &Page) -> Option<&'static str> {
    let src = version_source(site, p).lang();
    (src != p.lang()).then(|| src.code())
}

/// The URLs of version `n` of a plan in each language it is published in.
pub fn version_urls(site: &Site, p: &Page, url: impl Fn(&str) -> String) -> Vec<(Lang, String)> {
    crate::render::view::translation_urls(site, p)
        .into_iter()
        .map(|(l, u)| (l, url(&u)))
        .collect()
}

/// The distinct states of a plan's official text and targets (its default-language file), oldest
/// first; the last is the page as built. Every translation links the same versions.
pub fn plan_versions(site: &Site, p: &Page) -> Vec<Version> {
    let p = version_source(site, p);
    let h = &site.history;
    let mut out: Vec<Version> = Vec::new();
    if let Some(l) = h.of(&p.source.file).filter(|l| l.alive) {
        for e in &l.events {
            let Some(text) = &e.text else { continue };
            let Some(v) = parse_version(text, h.commit(e).date(), true) else {
                continue;
            };
            match out.last() {
                Some(prev) if prev.comparable() == v.comparable() => {}
                _ => out.push(v),
            }
        }
    }
    // The text being built, when it differs from the last commit (an edit not committed yet).
    if let Ok(now) = std::fs::read_to_string(site.root.join(&p.source.file)) {
        if let Some(v) = parse_version(&now, site.today, false) {
            if out
                .last()
                .is_none_or(|prev| prev.comparable() != v.comparable())
                && !out.is_empty()
            {
                out.push(v);
            }
        }
    }
    out
}

pub fn version_url(p: &Page, n: usize) -> String {
    version_url_of(&p.url, n)
}

pub fn version_url_of(plan_url: &str, n: usize) -> String {
    format!("{plan_url}v{n}/")
}

pub fn compare_url(p: &Page, n: usize) -> String {
    compare_url_of(&p.url, n)
}

pub fn compare_url_of(plan_url: &str, n: usize) -> String {
    format!("{plan_url}v{}-v{n}/", n - 1)
}

pub fn version_links(site: &Site, p: &Page, versions: &[Version], lang: Lang) -> Vec<VersionLink> {
    let _ = site;
    let last = versions.len();
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let n = i + 1;
            VersionLink {
                n,
                date: v.date.human(lang),
                date_iso: v.date.iso(),
                url: (n < last).then(|| version_url(p, n)),
                compare_url: (n > 1).then(|| compare_url(p, n)),
            }
        })
        .collect()
}

// ---- Providers ----

/// The record's field groups a reader cares about, with the i18n key of their name.
pub const PROVIDER_FIELDS: [(&[&str], &str); 7] = [
    (&["name"], "history_field_name"),
    (&["phones"], "facility_phones"),
    (&["address", "geo"], "facility_address"),
    (&["services"], "facility_services"),
    (&["hours"], "facility_hours"),
    (&["fees"], "facility_cost"),
    (
        &["last_verified", "verification", "verified"],
        "facility_verified",
    ),
];

/// For each event of a provider's lineage, the fields it changed (none for its addition).
pub fn provider_fields(site: &Site, l: &Lineage, lang: Lang) -> Vec<Vec<String>> {
    let mut prev: Option<serde_json::Value> = None;
    l.events
        .iter()
        .map(|e| {
            let Some(text) = &e.text else {
                return Vec::new();
            };
            let Ok(now) = serde_saphyr::from_str::<serde_json::Value>(text) else {
                return Vec::new();
            };
            let changed = match &prev {
                None => Vec::new(),
                Some(before) => PROVIDER_FIELDS
                    .iter()
                    .filter(|(keys, _)| keys.iter().any(|k| before.get(k) != now.get(k)))
                    .map(|(_, label)| site.theme.t(lang, label))
                    .collect(),
            };
            prev = Some(now);
            changed
        })
        .collect()
}
