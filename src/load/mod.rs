//! Phase 1, load: read every source file of the site into typed, unresolved records.

pub mod config;
pub mod fields;
pub mod front;
pub mod places;
pub mod provenance;
pub mod records;
pub mod sheets;
pub mod theme;

use crate::diagnostics::{rel, Diagnostic, Diagnostics};
use crate::lang::{Lang, Languages};
use crate::load::config::{Config, SectionKey};
use crate::load::front::Front;
use crate::load::records::Records;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where a markdown file sits: the home page or one of the markdown sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Home,
    Plan,
    Update,
    Page,
    Law,
}

/// One kind of markdown content, described once: where its files live, its section and template,
/// whether its section lists it, and how search and feeds name it. Loading, addressing, rendering,
/// search and feeds read these fields instead of matching on the kind.
#[derive(Debug)]
pub struct KindSpec {
    pub kind: Kind,
    /// The kind's name in messages and `minh new`.
    pub name: &'static str,
    /// The folder under `content/` (also the first part of `@/` content links); none for the home page.
    pub dir: Option<&'static str>,
    pub section: Option<SectionKey>,
    /// The theme template (`templates/<template>.html`) its pages are rendered with.
    pub template: &'static str,
    /// Whether its section has a page listing every page of the kind.
    pub listed: bool,
    /// The kind of its search documents (`search_kind_<…>` in the UI strings); none: not searched.
    pub search: Option<&'static str>,
    /// The UI string naming its entries in feeds.
    pub feed_category: &'static str,
}

/// Every kind of markdown content, in the order of [`Kind::ALL`].
pub const KINDS: [KindSpec; 5] = [
    KindSpec {
        kind: Kind::Home,
        name: "home",
        dir: None,
        section: None,
        template: "home",
        listed: false,
        search: None,
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Plan,
        name: "plan",
        dir: Some("plans"),
        section: Some(SectionKey::Plans),
        template: "plan",
        listed: true,
        search: Some("plan"),
        feed_category: "kind_plan",
    },
    KindSpec {
        kind: Kind::Update,
        name: "update",
        dir: Some("updates"),
        section: Some(SectionKey::Updates),
        template: "update",
        listed: true,
        search: Some("update"),
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Page,
        name: "page",
        dir: Some("pages"),
        section: Some(SectionKey::Pages),
        template: "page",
        listed: false,
        search: Some("page"),
        feed_category: "kind_update",
    },
    KindSpec {
        kind: Kind::Law,
        name: "law",
        dir: Some("laws"),
        section: Some(SectionKey::Laws),
        template: "law",
        listed: true,
        search: Some("law"),
        feed_category: "kind_update",
    },
];

impl Kind {
    /// Every kind of markdown content.
    pub const ALL: [Kind; 5] = [Kind::Home, Kind::Plan, Kind::Update, Kind::Page, Kind::Law];

    /// The kind's description.
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    pub fn section(self) -> Option<SectionKey> {
        self.spec().section
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The kind of the markdown files in `content/<dir>/` (also the first part of content links).
    pub fn from_dir(dir: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.dir == Some(dir)).map(|k| k.kind)
    }

    /// The kind whose pages the section `key` lists, if it lists one.
    pub fn listed_in(key: SectionKey) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| k.listed && k.section == Some(key))
            .map(|k| k.kind)
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn kinds_are_described_in_their_order() {
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[i].kind, k);
            assert_eq!(k.spec().kind, k);
        }
        assert_eq!(Kind::from_dir("laws"), Some(Kind::Law));
        assert_eq!(Kind::from_dir("facilities"), None);
        assert_eq!(Kind::listed_in(SectionKey::Plans), Some(Kind::Plan));
        assert_eq!(Kind::listed_in(SectionKey::Pages), None);
    }
}

/// A markdown source file, parsed but not yet resolved.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the site root, for messages.
    pub file: PathBuf,
    pub kind: Kind,
    /// The file name without language suffix: translations share it.
    pub stem: String,
    pub lang: Lang,
    pub front: Front,
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: u32,
}

/// Everything loaded from disk.
pub struct Loaded {
    pub config: Config,
    pub sources: Vec<Source>,
    pub records: Records,
    pub theme: crate::load::theme::Theme,
    /// What changed in each content file and when, from the repository.
    pub history: std::sync::Arc<crate::history::History>,
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub include_drafts: bool,
}

/// Reads `site.yaml`, the theme and everything under `content/`.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    opts: LoadOptions,
) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let (history, loaded) = rayon::join(
        || crate::history::read(root),
        || load_inputs(root, base_url, opts),
    );
    let (mut loaded, diags) = loaded?;
    let since = loaded.config.history.notes_since;
    loaded.history = std::sync::Arc::new(history.notes_since(since));
    Ok((loaded, diags))
}

/// Everything but the history.
fn load_inputs(
    root: &Path,
    base_url: Option<&str>,
    opts: LoadOptions,
) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let config = match Config::load(root, base_url) {
        Ok(c) => Some(c),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let theme_name = config
        .as_ref()
        .map(|c| c.theme.as_str())
        .unwrap_or("default");
    let langs = match &config {
        Some(c) => c.langs(),
        None => Config::read_languages(root),
    };
    let theme = crate::load::theme::Theme::load(root, theme_name, langs);
    diags.extend(crate::nfc::scan(root, theme_name));
    let (sources, drafts, source_diags) = load_markdown(root, opts, langs);
    diags.extend(source_diags);
    let lang_list: Vec<Lang> = langs.iter().collect();
    let mut records = records::load(root, &lang_list, opts, &mut diags);
    records.drafts.extend(drafts);
    diags.extend(crate::load::provenance::check_references(
        &sources,
        &records.facilities,
    ));
    diags.extend(crate::load::provenance::check_front_inferred(&sources));
    let theme = match theme {
        Ok(t) => {
            diags.extend(t.warnings.clone());
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    match (config, theme) {
        (Some(config), Some(theme)) if !diags.has_errors() => Ok((
            Loaded {
                config,
                sources,
                records,
                theme,
                history: Default::default(),
            },
            diags,
        )),
        _ => Err(diags),
    }
}

/// Every markdown file under content/, loaded in parallel.
fn load_markdown(
    root: &Path,
    opts: LoadOptions,
    langs: Languages,
) -> (Vec<Source>, Vec<records::DraftFile>, Diagnostics) {
    let content = root.join("content");
    let files: Vec<PathBuf> = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    let results: Vec<Result<Source, Diagnostic>> = files
        .par_iter()
        .map(|p| load_one(root, p, langs).map_err(|d| *d))
        .collect();
    let mut diags = Diagnostics::new();
    let mut sources = Vec::new();
    let mut drafts = Vec::new();
    for r in results {
        match r {
            Ok(s) if s.front.draft() && !opts.include_drafts => drafts.push(records::DraftFile {
                dir: s
                    .file
                    .parent()
                    .and_then(|d| d.file_name())
                    .and_then(|d| d.to_str())
                    .unwrap_or("")
                    .to_string(),
                stem: s.stem,
                lang: Some(s.lang),
                file: s.file,
            }),
            Ok(s) => sources.push(s),
            Err(d) => diags.push(d),
        }
    }
    (sources, drafts, diags)
}

/// Splits `name.vi.md` into (`name`, lang) for one of the site's languages; a file without
/// suffix is in the default language.
pub fn stem_and_lang(
    file_name: &str,
    file: &Path,
    langs: Languages,
) -> Result<(String, Lang), Box<Diagnostic>> {
    let base = file_name.strip_suffix(".md").unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, suffix)) => match langs.get(suffix) {
            Some(lang) => Ok((stem.to_string(), lang)),
            None => {
                let names: Vec<String> = langs.iter().map(|l| format!("{stem}.{l}.md")).collect();
                Err(Box::new(Diagnostic::error(
                    file,
                    crate::catalogue::source::unknown_language(suffix, file_name, &names),
                )))
            }
        },
        None => Ok((base.to_string(), langs.default_lang())),
    }
}

fn load_one(root: &Path, path: &Path, langs: Languages) -> Result<Source, Box<Diagnostic>> {
    let file = rel(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            &file,
            crate::catalogue::source::unreadable(&e),
        ))
    })?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        Box::new(
            Diagnostic::error(&file, crate::catalogue::source::not_utf8(false))
                .at(crate::diagnostics::Position::new(line, col)),
        )
    })?;
    let src = crate::nfc::text(src);
    let src = src.strip_prefix('\u{feff}').unwrap_or(&src);
    let file_name = crate::nfc::name(path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
    let (stem, lang) = stem_and_lang(&file_name, &file, langs)?;
    let kind = classify(root, path, &stem, &file)?;
    let split = front::split(src, &file)?;
    let off = split.yaml_line - 1;
    let front = match kind {
        Kind::Home => Front::Home(crate::yaml::parse(split.yaml, &file, off)?),
        Kind::Plan => Front::Plan(Box::new(crate::yaml::parse(split.yaml, &file, off)?)),
        Kind::Update => Front::Update(crate::yaml::parse(split.yaml, &file, off)?),
        Kind::Page => Front::Page(crate::yaml::parse(split.yaml, &file, off)?),
        Kind::Law => Front::Law(Box::new(crate::yaml::parse(split.yaml, &file, off)?)),
    };
    Ok(Source {
        file,
        kind,
        stem,
        lang,
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

fn classify(root: &Path, path: &Path, stem: &str, file: &Path) -> Result<Kind, Box<Diagnostic>> {
    let rel_to_content = path.strip_prefix(root.join("content")).unwrap_or(path);
    let dirs: Vec<&str> = rel_to_content
        .parent()
        .map(|p| p.iter().filter_map(|s| s.to_str()).collect())
        .unwrap_or_default();
    match dirs.as_slice() {
        [] if stem == "_index" => Ok(Kind::Home),
        [dir] => Kind::from_dir(dir).ok_or_else(|| {
            Box::new(Diagnostic::error(
                file,
                crate::catalogue::source::unknown_section(dir),
            ))
        }),
        _ => Err(Box::new(Diagnostic::error(
            file,
            crate::catalogue::source::misplaced_markdown(),
        ))),
    }
}

/// 1-based line and column at the end of `bytes`.
pub fn line_col(bytes: &[u8]) -> (u64, u64) {
    let line = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let col = bytes.iter().rev().take_while(|b| **b != b'\n').count() as u64 + 1;
    (line, col)
}

/// Loads one markdown file, as [`load`] does for each (used by `minh serve` to reload only what an edit touched).
pub fn load_source(
    root: &Path,
    path: &Path,
    opts: LoadOptions,
    langs: Languages,
) -> Result<Option<Source>, Box<Diagnostic>> {
    let s = load_one(root, path, langs)?;
    Ok((opts.include_drafts || !s.front.draft()).then_some(s))
}
