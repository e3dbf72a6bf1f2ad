//! Phase 2, resolve: URLs, translations, cross-references and markdown, into an immutable site model.

use crate::config::{Config, SectionKey};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::front::{Front, Ref};
use crate::lang::Lang;
use crate::load::{Kind, Loaded, Source};
use crate::markdown::{self, LinkResolver, Rendered};
use crate::records::Records;
use crate::routes::Routes;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A markdown page with its URL and rendered body.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub slug: String,
    pub url: String,
    pub rendered: Rendered,
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

/// The resolved site: every input, linked and checked, read-only from here on.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub routes: Routes,
    pub theme: Theme,
    pub pages: Vec<Page>,
    pub records: Records,
    /// (kind, stem) → index per language into `pages`.
    pub groups: HashMap<(Kind, String), BTreeMap<Lang, usize>>,
    pub today: Date,
}

impl Site {
    /// The page of the same group in `lang`, if it exists.
    pub fn translation(&self, page: &Page, lang: Lang) -> Option<&Page> {
        self.groups
            .get(&(page.kind(), page.source.stem.clone()))
            .and_then(|m| m.get(&lang))
            .map(|i| &self.pages[*i])
    }

    pub fn find(&self, kind: Kind, stem: &str, lang: Lang) -> Option<&Page> {
        let group = self.groups.get(&(kind, stem.to_string()))?;
        group
            .get(&lang)
            .or_else(|| group.get(&Lang::DEFAULT))
            .map(|i| &self.pages[*i])
    }

    pub fn pages_of(&self, kind: Kind, lang: Lang) -> impl Iterator<Item = &Page> {
        self.pages
            .iter()
            .filter(move |p| p.kind() == kind && p.lang() == lang)
    }
}

/// Resolves everything loaded into a [`Site`], or returns every error found.
pub fn resolve(
    root: &Path,
    loaded: Loaded,
    today: Date,
) -> Result<(Site, Diagnostics), Diagnostics> {
    resolve_reusing(root, loaded, today, &|_| None)
}

/// Markdown rendered by an earlier run that is still valid for a source, if any (used by `minh serve`).
pub type Reuse<'a> = dyn Fn(&Source) -> Option<Rendered> + Sync + 'a;

/// [`resolve`], taking a source's rendered markdown from `reuse` instead of rendering it again when given.
pub fn resolve_reusing(
    root: &Path,
    loaded: Loaded,
    today: Date,
    reuse: &Reuse,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let Loaded {
        config,
        sources,
        records,
        theme,
    } = loaded;
    let routes = Routes::new(&config);
    let mut diags = Diagnostics::new();
    let mut slots: Vec<(Source, String, String)> = sources
        .into_iter()
        .map(|s| {
            let slug = page_slug(&s);
            let url = page_url(&routes, &s, &slug);
            (s, slug, url)
        })
        .collect();
    slots.sort_by(|a, b| a.0.file.cmp(&b.0.file));
    check_slugs(&slots, &mut diags);
    check_collisions(&slots, &routes, &records, &mut diags);
    let mut groups: HashMap<(Kind, String), BTreeMap<Lang, usize>> = HashMap::new();
    for (i, (s, _, _)) in slots.iter().enumerate() {
        groups
            .entry((s.kind, s.stem.clone()))
            .or_default()
            .insert(s.lang, i);
    }
    let index = UrlIndex {
        routes: &routes,
        groups: &groups,
        slots: &slots,
        records: &records,
    };
    let rendered: Vec<(Rendered, Vec<Diagnostic>)> = slots
        .par_iter()
        .map(|(s, _, _)| {
            let r = reuse(s).unwrap_or_else(|| markdown::render(&s.body, &index.for_source(s)));
            let ds = link_diagnostics(s, &r);
            (r, ds)
        })
        .collect();
    let mut pages = Vec::with_capacity(slots.len());
    for ((source, slug, url), (rendered, ds)) in slots.into_iter().zip(rendered) {
        diags.extend(ds);
        pages.push(Page {
            source,
            slug,
            url,
            rendered,
        });
    }
    let site = Site {
        root: root.to_path_buf(),
        config,
        routes,
        theme,
        pages,
        records,
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

fn check_slugs(slots: &[(Source, String, String)], diags: &mut Diagnostics) {
    for (s, slug, _) in slots {
        if s.kind != Kind::Home && !crate::slug::is_slug(slug) {
            diags.push(
                Diagnostic::error(
                    "invalid-slug",
                    &s.file,
                    format!("`{slug}` cannot be used in an address"),
                )
                .fix(format!(
                    "use lowercase ASCII letters, digits and dashes, e.g. `slug: {}`",
                    crate::slug::slugify(slug)
                )),
            );
        }
    }
}

/// Two sources, or a source and a generated page, that would write the same file.
fn check_collisions(
    slots: &[(Source, String, String)],
    routes: &Routes,
    records: &Records,
    diags: &mut Diagnostics,
) {
    let mut claimed: HashMap<String, String> = HashMap::new();
    for lang in Lang::ALL {
        for key in [
            SectionKey::Plans,
            SectionKey::Updates,
            SectionKey::Laws,
            SectionKey::Facilities,
            SectionKey::Hotlines,
            SectionKey::Stats,
            SectionKey::Search,
        ] {
            claimed.insert(
                routes.section(key, lang),
                format!("the generated `{}` page", key.name()),
            );
        }
        for f in &records.facilities {
            claimed.insert(
                routes.item(SectionKey::Facilities, lang, &f.record.id.value),
                f.file.display().to_string(),
            );
        }
    }
    for (s, _, url) in slots {
        let me = s.file.display().to_string();
        if let Some(other) = claimed.insert(url.clone(), me.clone()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-url",
                    &s.file,
                    format!("this page's address {url} is also claimed by {other}"),
                )
                .fix("give one of them another `slug:` in its front matter, or rename the file"),
            );
        }
    }
}

/// Resolves `@/…` and relative `.md` links for one source.
struct UrlIndex<'a> {
    routes: &'a Routes,
    groups: &'a HashMap<(Kind, String), BTreeMap<Lang, usize>>,
    slots: &'a [(Source, String, String)],
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
        let i = group.get(&lang).or_else(|| group.get(&Lang::DEFAULT))?;
        Some(self.slots[*i].2.as_str())
    }
}

fn kind_of_dir(dir: &str) -> Option<Kind> {
    match dir {
        "plans" => Some(Kind::Plan),
        "updates" => Some(Kind::Update),
        "pages" => Some(Kind::Page),
        "laws" => Some(Kind::Law),
        _ => None,
    }
}

impl LinkResolver for SourceResolver<'_> {
    fn resolve(&self, target: &str) -> Result<Option<String>, (String, String)> {
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
            (
                format!("the link `{target}` points to content that does not exist"),
                "check the spelling; links to content look like `@/plans/<file name without .vi.md>`, `@/pages/<name>`, `@/facilities`, `@/hotlines`".to_string(),
            )
        };
        let mut parts = content_path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let rest = parts.next();
        let r = self.index.routes;
        let url = match (head, rest) {
            ("", None) => r.home(self.lang),
            (section, None) => match SectionKey::from_name(section) {
                Some(SectionKey::Pages) | None => return Err(not_found()),
                Some(key) => r.section(key, self.lang),
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
                let kind = kind_of_dir(dir).ok_or_else(not_found)?;
                let file = file.trim_end_matches(".md");
                let (stem, lang) = match file.rsplit_once('.') {
                    Some((stem, l)) => (stem, Lang::from_code(l).unwrap_or(self.lang)),
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
            Diagnostic::error("broken-link", &s.file, p.message.clone())
                .at_line(line)
                .fix(p.fix.clone())
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
        Diagnostic::error(
            "unknown-act",
            &s.file,
            format!("`{}` is not a legal act of this site", r.value),
        )
        .at(ref_pos(r, s))
        .fix(format!(
            "add the act as content/laws/{}.vi.md (and .en.md), or correct the id",
            r.value
        ))
    };
    for page in &site.pages {
        let s = &page.source;
        match &s.front {
            Front::Plan(p) => {
                let prov = &p.area.current_province;
                if !site.records.provinces.is_empty()
                    && !site.records.provinces.iter().any(|x| x.name == prov.value)
                {
                    let mut d =
                        *crate::records::find_province(&site.records.provinces, prov, &s.file)
                            .err()
                            .unwrap_or_else(|| {
                                Box::new(Diagnostic::error("unknown-province", &s.file, ""))
                            });
                    d.position = Some(ref_pos(prov, s));
                    diags.push(d);
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
                        diags.push(
                            Diagnostic::warning("review-overdue", &s.file, format!("the facts on this page were last reviewed on {reviewed}, more than a year ago"))
                                .fix("check the page against its sources again and update `reviewed:`"),
                        );
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
            Front::Home(_) => {}
        }
    }
}

/// Warns when a page marked current cites an act no longer in force.
fn check_in_force(site: &Site, r: &Ref, s: &Source, diags: &mut Diagnostics) {
    let Some(law) = site.find(Kind::Law, &r.value, Lang::DEFAULT) else {
        return;
    };
    if let Front::Law(l) = &law.source.front {
        if let Some(until) = l.in_force_until {
            if until < site.today {
                diags.push(
                    Diagnostic::warning("repealed-act", &s.file, format!("this page is marked current but cites {} ({}), no longer in force since {}", l.number, r.value, until))
                        .at(ref_pos(r, s))
                        .fix(match &l.replaced_by {
                            Some(n) => format!("cite `{}`, which replaced it, or remove `current: true`", n.value),
                            None => "cite the act in force now, or remove `current: true`".into(),
                        }),
                );
            }
        }
    }
}

/// Warns about pages that exist in one language only.
fn check_translations(site: &Site, diags: &mut Diagnostics) {
    for ((_, _), langs) in site.groups.iter() {
        for lang in Lang::ALL {
            if !langs.contains_key(&lang) {
                if let Some(i) = langs.values().next() {
                    let s = &site.pages[*i].source;
                    diags.push(
                        Diagnostic::warning(
                            "missing-translation",
                            &s.file,
                            format!("this page has no {} translation", lang_name(lang)),
                        )
                        .fix(format!("add {}", translation_path(s, lang).display())),
                    );
                }
            }
        }
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Vietnamese",
        Lang::En => "English",
    }
}

fn translation_path(s: &Source, lang: Lang) -> PathBuf {
    s.file
        .with_file_name(format!("{}.{}.md", s.stem, lang.code()))
}
