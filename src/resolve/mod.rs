//! Phase 2, resolve: URLs, translations, cross-references and markdown, into an immutable site model.

pub mod icons;
pub mod reads;
pub mod routes;

use crate::catalogue::{self, Said};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::lang::{Lang, Languages};
use crate::load::config::{Config, SectionKey};
use crate::load::front::Ref;
use crate::load::kinds::Front;
use crate::load::records::Records;
use crate::load::theme::Theme;
use crate::load::{Kind, Loaded, Source};
use crate::markdown::{self, LinkResolver, Rendered};
use crate::messages::Text;
use crate::resolve::routes::Routes;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A markdown page with its URL and rendered body; source and body are shared between rebuilds.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Arc<Source>,
    pub slug: String,
    pub url: String,
    pub rendered: Arc<Rendered>,
}

impl Page {
    pub fn kind(&self) -> Kind {
        self.source.kind
    }
    pub fn lang(&self) -> Lang {
        self.source.lang
    }
    pub fn key(&self) -> (Kind, &str) {
        (self.source.kind, &self.source.stem)
    }
}

/// (kind, stem) → index per language into `pages`.
pub type Groups = HashMap<(Kind, String), BTreeMap<Lang, usize>>;

/// The resolved site: every input, linked and checked, read-only from here on.
pub struct Site {
    pub root: PathBuf,
    pub config: Arc<Config>,
    pub routes: Routes,
    pub theme: reads::Tracked<Theme>,
    pub pages: Vec<Page>,
    pub records: reads::Tracked<Records>,
    /// (kind, stem) → index per language into `pages`; shared between rebuilds.
    pub groups: Arc<Groups>,
    pub today: Date,
    /// What changed in each content file and when.
    pub history: Arc<crate::history::History>,
    /// The statistics, loaded and protected in their own step (see [`crate::stats::step`]).
    pub datasets: reads::Tracked<Vec<crate::stats::Dataset>>,
    /// The site's optional icons and web manifest (a change under `static/` resolves again).
    pub icons: icons::Icons,
}

impl Site {
    /// The page made from the source file `file` (relative to the root); pages are sorted by file.
    pub fn page_of_file(&self, file: &Path) -> Option<&Page> {
        let i = self
            .pages
            .binary_search_by(|p| p.source.file.as_path().cmp(file))
            .ok()?;
        Some(&self.pages[i])
    }

    /// Lets go of every source's markdown text, read by nothing once the site is resolved but
    /// serve's rebuilds (compared to the edited text): a one-shot build holds less.
    pub fn drop_bodies(&mut self) {
        for p in &mut self.pages {
            if let Some(s) = Arc::get_mut(&mut p.source) {
                s.body = String::new();
            }
        }
    }

    /// The page of the same group in `lang`, if it exists.
    pub fn translation(&self, page: &Page, lang: Lang) -> Option<&Page> {
        self.groups
            .get(&(page.kind(), page.source.stem.clone()))
            .and_then(|m| m.get(&lang))
            .map(|i| &self.pages[*i])
            .inspect(|p| reads::read_page(&p.source.file))
    }

    pub fn find(&self, kind: Kind, stem: &str, lang: Lang) -> Option<&Page> {
        reads::read(reads::Input::Pages(kind));
        let group = self.groups.get(&(kind, stem.to_string()))?;
        group
            .get(&lang)
            .or_else(|| group.get(&lang.default_lang()))
            .map(|i| &self.pages[*i])
    }

    /// The translation to show in place of a missing one: the default language's, else the
    /// first in the site's order.
    pub fn fallback_source<'a>(&'a self, page: &'a Page) -> &'a Page {
        self.config
            .langs()
            .iter()
            .find_map(|l| self.translation(page, l))
            .unwrap_or(page)
    }

    /// Where a markdown page missing in `lang` is shown in its place: the address `page` (the
    /// [`Site::fallback_source`] of its group) would have in `lang` (same section, same slug).
    pub fn fallback_url(&self, page: &Page, lang: Lang) -> String {
        match page.kind().section() {
            None => self.routes.home(lang),
            Some(key) => self.routes.item(key, lang, &page.slug),
        }
    }

    /// The pages shown in `lang` (of `kind`, or of every kind): its own, then for every page
    /// with no translation in `lang`, the version shown in its place at its address in `lang`
    /// (so lists, feeds and search of a language lead to every page it shows).
    pub fn pages_shown(&self, kind: Option<Kind>, lang: Lang) -> Vec<Shown<'_>> {
        if let Some(k) = kind {
            reads::read(reads::Input::Pages(k));
        }
        let wanted = |p: &Page| kind.is_none_or(|k| p.kind() == k);
        let mut out: Vec<Shown> = self
            .pages
            .iter()
            .filter(|p| p.lang() == lang && wanted(p))
            .map(|p| Shown {
                page: p,
                url: p.url.clone(),
                fallback: false,
            })
            .collect();
        let mut groups: Vec<&BTreeMap<Lang, usize>> = self
            .groups
            .iter()
            .filter(|((k, _), g)| kind.is_none_or(|kind| *k == kind) && !g.contains_key(&lang))
            .map(|(_, g)| g)
            .collect();
        groups.sort_by_key(|g| g.values().min().copied());
        for g in groups {
            let Some(&first) = g.values().next() else {
                continue;
            };
            let page = self.fallback_source(&self.pages[first]);
            out.push(Shown {
                page,
                url: self.fallback_url(page, lang),
                fallback: true,
            });
        }
        out
    }

    /// The pages of `kind` in `lang` (recorded as read by the output being made).
    pub fn pages_of(&self, kind: Kind, lang: Lang) -> impl Iterator<Item = &Page> {
        reads::read(reads::Input::Pages(kind));
        self.pages
            .iter()
            .filter(move |p| p.kind() == kind && p.lang() == lang)
    }
}

/// A page as shown in a language: its own translation, or the version shown in place of a
/// missing one (then `page.lang()` is the language its text is written in).
#[derive(Debug, Clone)]
pub struct Shown<'a> {
    pub page: &'a Page,
    /// Its address in the language it is shown in.
    pub url: String,
    /// Whether it stands in for a missing translation.
    pub fallback: bool,
}

/// Resolves everything loaded into a [`Site`], or returns every error found.
pub fn resolve(
    root: &Path,
    loaded: Loaded,
    datasets: Vec<crate::stats::Dataset>,
    today: Date,
) -> Result<(Site, Diagnostics), Diagnostics> {
    resolve_reusing(root, loaded, datasets, today, &|_| None)
}

/// Markdown rendered by an earlier run that is still valid for a source, if any (used by `minh serve`).
pub type Reuse<'a> = dyn Fn(&Source) -> Option<Arc<Rendered>> + Sync + 'a;

/// A source with its slug and URL.
struct Slot {
    source: Arc<Source>,
    slug: String,
    url: String,
}

/// Sources with their addresses, sorted by file, and their translation groups.
struct Addressed {
    slots: Vec<Slot>,
    groups: Arc<Groups>,
}

/// The inputs of a site besides its markdown sources.
struct Inputs {
    config: Arc<Config>,
    routes: Routes,
    theme: Arc<Theme>,
    records: Arc<Records>,
    today: Date,
    history: Arc<crate::history::History>,
    datasets: Arc<Vec<crate::stats::Dataset>>,
}

/// [`resolve`], taking a source's rendered markdown from `reuse` instead of rendering it again when given.
pub fn resolve_reusing(
    root: &Path,
    loaded: Loaded,
    datasets: Vec<crate::stats::Dataset>,
    today: Date,
    reuse: &Reuse,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let Loaded {
        config,
        sources,
        records,
        theme,
        history,
    } = loaded;
    let inputs = Inputs {
        history,
        routes: Routes::new(&config),
        config: Arc::new(config),
        theme: Arc::new(theme),
        records: Arc::new(records),
        today,
        datasets: Arc::new(datasets),
    };
    let mut diags = Diagnostics::new();
    let sources = sources.into_iter().map(Arc::new).collect();
    let addressed = address(sources, &inputs, &mut diags);
    link(root, inputs, addressed, &|_, s| reuse(s), diags)
}

/// Step 1: slugs, URLs and translation groups of the sources, with slug and collision checks.
fn address(sources: Vec<Arc<Source>>, inputs: &Inputs, diags: &mut Diagnostics) -> Addressed {
    let mut slots: Vec<Slot> = sources
        .into_iter()
        .map(|source| {
            let slug = page_slug(&source);
            let url = page_url(&inputs.routes, &source, &slug);
            Slot { source, slug, url }
        })
        .collect();
    slots.sort_by(|a, b| a.source.file.cmp(&b.source.file));
    check_slugs(&slots, diags);
    check_collisions(
        &slots,
        &inputs.routes,
        &inputs.records,
        inputs.config.langs(),
        diags,
    );
    let mut groups = Groups::new();
    for (i, slot) in slots.iter().enumerate() {
        let s = &slot.source;
        groups
            .entry((s.kind, s.stem.clone()))
            .or_default()
            .insert(s.lang, i);
    }
    Addressed {
        slots,
        groups: Arc::new(groups),
    }
}

/// Rendered markdown to reuse for the source at an index of the sorted sources.
type ReuseAt<'a> = dyn Fn(usize, &Source) -> Option<Arc<Rendered>> + Sync + 'a;

/// Step 2: markdown (rendered or reused) with its links, then the cross-reference checks.
fn link(
    root: &Path,
    inputs: Inputs,
    addressed: Addressed,
    reuse: &ReuseAt,
    mut diags: Diagnostics,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let Addressed { slots, groups } = addressed;
    let index = UrlIndex {
        routes: &inputs.routes,
        groups: &groups,
        slots: &slots,
        records: &inputs.records,
    };
    let rendered: Vec<(Arc<Rendered>, Vec<Diagnostic>)> = slots
        .par_iter()
        .enumerate()
        .map(|(i, slot)| {
            let s = &slot.source;
            let r = reuse(i, s).unwrap_or_else(|| {
                let mut r = markdown::render(&s.body, &index.for_source(s));
                // Kept for the whole build (the search index reads the text last): no slack.
                r.html.shrink_to_fit();
                r.text.shrink_to_fit();
                Arc::new(r)
            });
            let ds = link_diagnostics(s, &r);
            (r, ds)
        })
        .collect();
    let mut pages = Vec::with_capacity(slots.len());
    for (slot, (rendered, ds)) in slots.into_iter().zip(rendered) {
        diags.extend(ds);
        pages.push(Page {
            source: slot.source,
            slug: slot.slug,
            url: slot.url,
            rendered,
        });
    }
    let Inputs {
        config,
        routes,
        theme,
        records,
        today,
        history,
        datasets,
    } = inputs;
    let site = Site {
        icons: icons::Icons::find(root, &routes),
        history,
        datasets: reads::Tracked::new(datasets, reads::Input::Datasets),
        root: root.to_path_buf(),
        config,
        routes,
        theme: reads::Tracked::new(theme, reads::Input::Theme),
        pages,
        records: reads::Tracked::new(records, reads::Input::Records),
        groups,
        today,
    };
    check_references(&site, &mut diags);
    check_translations(&site, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((site, diags))
    }
}

/// [`resolve_reusing`] after markdown edits, from the previous site `prev` and its sources with
/// some replaced: when every address stays the same (same files, kinds, languages, stems and
/// slugs), the address step is skipped and every page whose source is unchanged (the same `Arc`)
/// keeps its rendered markdown; otherwise everything is resolved again.
pub fn resolve_edited(
    prev: &Site,
    sources: Vec<Arc<Source>>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    resolve_replacing(prev, sources, Replaced::default())
}

/// Parts of the site model loaded again after an edit (`None`: kept from the previous site).
#[derive(Default)]
pub struct Replaced {
    pub records: Option<Arc<Records>>,
    pub theme: Option<Arc<Theme>>,
    pub datasets: Option<Arc<Vec<crate::stats::Dataset>>>,
}

/// [`resolve_edited`] with some of the other parts of the site replaced too (`replaced`); the
/// records must give every provider the address it had (same files and ids), the rendered
/// markdown of unchanged sources is kept.
pub fn resolve_replacing(
    prev: &Site,
    sources: Vec<Arc<Source>>,
    replaced: Replaced,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let inputs = Inputs {
        config: Arc::clone(&prev.config),
        routes: Routes::new(&prev.config),
        theme: replaced.theme.unwrap_or_else(|| prev.theme.shared()),
        records: replaced.records.unwrap_or_else(|| prev.records.shared()),
        today: prev.today,
        history: Arc::clone(&prev.history),
        datasets: replaced.datasets.unwrap_or_else(|| prev.datasets.shared()),
    };
    let mut diags = Diagnostics::new();
    if !same_addresses(prev, &sources) {
        let addressed = address(sources, &inputs, &mut diags);
        return link(&prev.root, inputs, addressed, &|_, _| None, diags);
    }
    let slots = prev
        .pages
        .iter()
        .zip(sources)
        .map(|(p, source)| Slot {
            source,
            slug: p.slug.clone(),
            url: p.url.clone(),
        })
        .collect();
    let addressed = Addressed {
        slots,
        groups: Arc::clone(&prev.groups),
    };
    let old: &[Page] = &prev.pages;
    let reuse = |i: usize, s: &Source| {
        let p = old.get(i)?;
        std::ptr::eq(&*p.source, s).then(|| Arc::clone(&p.rendered))
    };
    link(&prev.root, inputs, addressed, &reuse, diags)
}

/// Whether `sources`, in order, have the addresses of `prev`'s pages.
fn same_addresses(prev: &Site, sources: &[Arc<Source>]) -> bool {
    prev.pages.len() == sources.len()
        && prev.pages.iter().zip(sources).all(|(p, s)| {
            let o = &p.source;
            Arc::ptr_eq(o, s)
                || (o.file == s.file
                    && o.kind == s.kind
                    && o.lang == s.lang
                    && o.stem == s.stem
                    && o.front.slug() == s.front.slug())
        })
}

fn page_slug(s: &Source) -> String {
    match s.front.slug() {
        Some(slug) => slug.to_string(),
        None => crate::slug::slugify(&s.stem),
    }
}

fn page_url(routes: &Routes, s: &Source, slug: &str) -> String {
    match s.kind.section() {
        None => routes.home(s.lang),
        Some(key) => routes.item(key, s.lang, slug),
    }
}

fn check_slugs(slots: &[Slot], diags: &mut Diagnostics) {
    for slot in slots {
        let (s, slug) = (&slot.source, &slot.slug);
        if s.kind != Kind::Home && !crate::slug::is_slug(slug) {
            diags.push(Diagnostic::error(
                &s.file,
                catalogue::links::invalid_slug(slug, &crate::slug::slugify(slug)),
            ));
        }
    }
}

/// Two sources, or a source and a generated page, that would write the same file.
fn check_collisions(
    slots: &[Slot],
    routes: &Routes,
    records: &Records,
    langs: Languages,
    diags: &mut Diagnostics,
) {
    let mut claimed: HashMap<String, Text> = HashMap::new();
    for lang in langs {
        for key in SectionKey::with_pages() {
            claimed.insert(
                routes.section(key, lang),
                catalogue::links::generated_page(key.name()),
            );
        }
        for f in &records.facilities {
            claimed.insert(
                routes.item(SectionKey::Facilities, lang, &f.record.id.value),
                Text::same(f.file.display().to_string()),
            );
        }
    }
    for Slot { source: s, url, .. } in slots {
        let me = Text::same(s.file.display().to_string());
        if let Some(other) = claimed.insert(url.clone(), me.clone()) {
            diags.push(Diagnostic::error(
                &s.file,
                catalogue::links::duplicate_url(url, &other),
            ));
        }
    }
}

/// Resolves `@/…` and relative `.md` links for one source.
struct UrlIndex<'a> {
    routes: &'a Routes,
    groups: &'a Groups,
    slots: &'a [Slot],
    records: &'a Records,
}

struct SourceResolver<'a> {
    index: &'a UrlIndex<'a>,
    lang: Lang,
    kind: Kind,
}

impl<'a> UrlIndex<'a> {
    fn for_source(&'a self, s: &Source) -> SourceResolver<'a> {
        SourceResolver {
            index: self,
            lang: s.lang,
            kind: s.kind,
        }
    }

    fn page(&self, kind: Kind, stem: &str, lang: Lang) -> Option<&str> {
        let group = self.groups.get(&(kind, stem.to_string()))?;
        let i = group
            .get(&lang)
            .or_else(|| group.get(&lang.default_lang()))?;
        Some(self.slots[*i].url.as_str())
    }
}

impl LinkResolver for SourceResolver<'_> {
    fn resolve(&self, target: &str) -> Result<Option<String>, Said> {
        let (path, frag) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let with_frag = |u: String| match frag {
            Some(f) => format!("{u}#{f}"),
            None => u,
        };
        let content_path = if let Some(p) = path.strip_prefix("@/") {
            p.trim_end_matches('/').to_string()
        } else if path.ends_with(".md") && !path.contains("://") {
            relative_content_path(self.kind, path)
        } else {
            return Ok(None);
        };
        let not_found = || {
            let mut parts = content_path.splitn(2, '/');
            let dir = parts.next().unwrap_or("");
            let file = parts.next().unwrap_or("").trim_end_matches(".md");
            let (stem, lang) = match file.rsplit_once('.') {
                Some((stem, l)) if self.lang.site_langs().get(l).is_some() => {
                    (stem, self.lang.site_langs().get(l))
                }
                _ => (file, None),
            };
            if let Some(d) = self.index.records.draft(dir, stem, lang) {
                return catalogue::links::link_to_draft(target, &d.file.display().to_string());
            }
            // The closest name of the same section: pages, or providers' ids.
            let names: Vec<&str> = match (dir, Kind::from_dir(dir)) {
                ("facilities", _) => self
                    .index
                    .records
                    .facilities
                    .iter()
                    .map(|f| f.record.id.value.as_str())
                    .collect(),
                (_, Some(kind)) => self
                    .index
                    .groups
                    .keys()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, stem)| stem.as_str())
                    .collect(),
                _ => Vec::new(),
            };
            let said = catalogue::links::missing_content(target);
            match crate::diagnostics::nearest(stem, names) {
                Some(n) if !stem.is_empty() => {
                    said.fix(catalogue::links::nearest_content(&format!("@/{dir}/{n}")))
                }
                _ => said,
            }
        };
        let mut parts = content_path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next();
        let r = self.index.routes;
        let url = match (head, rest) {
            ("", None) => r.home(self.lang),
            (section, None) => match SectionKey::from_name(section) {
                Some(key) if key.has_page() => r.section(key, self.lang),
                _ => return Err(not_found()),
            },
            ("facilities", Some(id)) => {
                if self
                    .index
                    .records
                    .facilities
                    .iter()
                    .any(|f| f.record.id.value == id)
                {
                    r.item(SectionKey::Facilities, self.lang, id)
                } else {
                    return Err(not_found());
                }
            }
            (dir, Some(file)) => {
                let kind = Kind::from_dir(dir).ok_or_else(not_found)?;
                let file = file.trim_end_matches(".md");
                let (stem, lang) = match file.rsplit_once('.') {
                    Some((stem, l)) => (stem, self.lang.site_langs().get(l).unwrap_or(self.lang)),
                    None => (file, self.lang),
                };
                self.index
                    .page(kind, stem, lang)
                    .ok_or_else(not_found)?
                    .to_string()
            }
        };
        Ok(Some(with_frag(url)))
    }
}

/// `../pages/x.vi.md` or `x.md` seen from a file of `kind`, as `pages/x.vi.md`.
fn relative_content_path(kind: Kind, path: &str) -> String {
    let here = kind.section().map(|k| k.name()).unwrap_or("");
    let mut segs: Vec<&str> = if here.is_empty() { vec![] } else { vec![here] };
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                segs.pop();
            }
            p => segs.push(p),
        }
    }
    segs.join("/")
}

fn link_diagnostics(s: &Source, r: &Rendered) -> Vec<Diagnostic> {
    r.problems
        .iter()
        .map(|p| {
            let line = s.body_line as usize + markdown::line_of(&s.body, p.offset) - 1;
            Diagnostic::error(&s.file, p.said.clone()).at_line(line)
        })
        .collect()
}

/// Where a reference in front matter is, as a position in the file (front matter starts on line 2).
fn ref_pos(r: &Ref, _s: &Source) -> Position {
    Position::new(r.referenced.line() + 1, r.referenced.column())
}

/// Cross-references: provinces of plans, acts cited by plans and pages, replacements of acts.
fn check_references(site: &Site, diags: &mut Diagnostics) {
    let law_exists = |id: &str| site.groups.contains_key(&(Kind::Law, id.to_string()));
    let missing_law = |r: &Ref, s: &Source| {
        let langs: Vec<&str> = site.config.langs().codes().to_vec();
        Diagnostic::error(&s.file, catalogue::links::unknown_act(&r.value, &langs))
            .at(ref_pos(r, s))
    };
    for page in &site.pages {
        let s = &page.source;
        match &s.front {
            Front::Plan(p) => {
                let provinces = &site.records.provinces;
                let prov = &p.area.current_province;
                if !provinces.is_empty() {
                    if let Err(hint) = crate::load::records::match_province(provinces, &prov.value)
                    {
                        diags.push(
                            Diagnostic::error(
                                &s.file,
                                catalogue::values::unknown_province(
                                    &prov.value,
                                    catalogue::values::ProvinceField::PlanCurrent,
                                    hint,
                                ),
                            )
                            .at(ref_pos(prov, s)),
                        );
                    }
                    let named = &p.area.province;
                    let known = provinces
                        .iter()
                        .any(|x| x.name == named.value || x.former.contains(&named.value));
                    if !known {
                        diags.push(
                            Diagnostic::error(
                                &s.file,
                                catalogue::values::unknown_document_province(
                                    &named.value,
                                    crate::load::records::spelled_province(provinces, &named.value),
                                ),
                            )
                            .at(ref_pos(named, s)),
                        );
                    }
                }
                for r in &p.legal_basis {
                    if !law_exists(&r.value) {
                        diags.push(missing_law(r, s));
                    }
                }
            }
            Front::Page(p) => {
                for r in &p.cites {
                    if !law_exists(&r.value) {
                        diags.push(missing_law(r, s));
                    } else if p.current {
                        check_in_force(site, r, s, diags);
                    }
                }
                if let Some(reviewed) = p.reviewed {
                    if (site.today.0 - reviewed.0).num_days() > 365 {
                        diags.push(Diagnostic::warning(
                            &s.file,
                            catalogue::links::review_overdue(&reviewed.to_string()),
                        ));
                    }
                }
            }
            Front::Update(p) => {
                for r in &p.cites {
                    if !law_exists(&r.value) {
                        diags.push(missing_law(r, s));
                    }
                }
            }
            Front::Law(l) => {
                if let Some(r) = &l.replaced_by {
                    if !law_exists(&r.value) {
                        diags.push(missing_law(r, s));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Warns when a page marked current cites an act no longer in force.
fn check_in_force(site: &Site, r: &Ref, s: &Source, diags: &mut Diagnostics) {
    let Some(law) = site.find(Kind::Law, &r.value, site.config.default_lang()) else {
        return;
    };
    if let Front::Law(l) = &law.source.front {
        if let Some(until) = l.in_force_until {
            if until < site.today {
                diags.push(
                    Diagnostic::warning(
                        &s.file,
                        catalogue::links::repealed_act(
                            &l.number,
                            &r.value,
                            &until.to_string(),
                            l.replaced_by.as_ref().map(|n| n.value.as_str()),
                        ),
                    )
                    .at(ref_pos(r, s)),
                );
            }
        }
    }
}

/// Warns about pages that exist in one language only.
fn check_translations(site: &Site, diags: &mut Diagnostics) {
    for ((_, _), langs) in site.groups.iter() {
        for lang in site.config.langs() {
            if !langs.contains_key(&lang) {
                let default = site.config.default_lang();
                if let Some(i) = langs.get(&default).or_else(|| langs.values().next()) {
                    let s = &site.pages[*i].source;
                    let dir = s
                        .file
                        .parent()
                        .and_then(|d| d.file_name())
                        .and_then(|d| d.to_str())
                        .unwrap_or("");
                    let said = match site.records.draft(dir, &s.stem, Some(lang)) {
                        Some(d) => catalogue::links::draft_translation(
                            lang.code(),
                            &d.file.display().to_string(),
                        ),
                        None => catalogue::links::missing_translation(
                            lang.code(),
                            &translation_path(s, lang).display().to_string(),
                        ),
                    };
                    diags.push(Diagnostic::warning(&s.file, said));
                }
            }
        }
    }
}

fn translation_path(s: &Source, lang: Lang) -> PathBuf {
    s.file
        .with_file_name(format!("{}.{}.md", s.stem, lang.code()))
}
