//! Markdown sources: each file's kind, language, front matter and body, read in parallel.

use crate::diagnostics::{rel, Diagnostic, Diagnostics};
use crate::lang::{Lang, Languages};
use crate::load::file::line_col;
use crate::load::front;
use crate::load::kinds::{Front, Kind};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

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

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub include_drafts: bool,
}

/// A content file or record left out because it is a draft, to name it when something needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftFile {
    pub file: PathBuf,
    /// The folder under content/: `plans`, `pages`, `facilities`, ...
    pub dir: String,
    /// The file name without language and extension (a provider's id).
    pub stem: String,
    /// The language of a markdown file; `None` for records, which hold every language.
    pub lang: Option<crate::lang::Lang>,
}

/// Every markdown file under content/, loaded in parallel (see [`Markdown`]).
pub fn load_markdown(root: &Path, opts: LoadOptions, langs: Languages) -> Markdown {
    let content = root.join("content");
    let files: Vec<PathBuf> = crate::walk::sorted(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    let results: Vec<(Result<Source, Diagnostic>, Option<Diagnostic>)> = files
        .par_iter()
        .map(|p| {
            let mut nfc = None;
            let r = read_one(root, p, langs, &mut nfc).map_err(|d| *d);
            (r, nfc)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut sources = Vec::new();
    let mut drafts = Vec::new();
    let mut not_nfc = Vec::new();
    for (r, nfc) in results {
        if let Some(d) = nfc {
            not_nfc.push((d.file.clone(), d));
        }
        match r {
            Ok(s) if s.front.draft() && !opts.include_drafts => drafts.push(DraftFile {
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
    Markdown {
        sources,
        drafts,
        diagnostics: diags,
        not_nfc,
        files: files.into_iter().collect(),
    }
}

/// The markdown files of a site, read once: each checked for NFC as it is read.
pub struct Markdown {
    pub sources: Vec<Source>,
    pub drafts: Vec<DraftFile>,
    pub diagnostics: Diagnostics,
    /// The warnings of files whose path or text is not NFC (see [`crate::nfc::warning`]), by relative path.
    pub not_nfc: Vec<(PathBuf, Diagnostic)>,
    /// Every file read (absolute paths), for [`crate::nfc::scan_except`].
    pub files: std::collections::HashSet<PathBuf>,
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
    read_one(root, path, langs, &mut None)
}

/// [`load_one`], putting in `nfc` the file's warning when its path or text is not NFC.
fn read_one(
    root: &Path,
    path: &Path,
    langs: Languages,
    nfc: &mut Option<Diagnostic>,
) -> Result<Source, Box<Diagnostic>> {
    let file = rel(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            &file,
            crate::catalogue::source::unreadable(&e),
        ))
    })?;
    // Checked with SIMD instructions where the processor has them (40 MB of Vietnamese and
    // English markdown in 6 ms, `std::str::from_utf8` 48 ms), the text borrowed from the bytes.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        *nfc = crate::nfc::warning(&file, None);
        let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
        let (line, col) = line_col(&bytes[..valid]);
        return Err(Box::new(
            Diagnostic::error(&file, crate::catalogue::source::not_utf8(false))
                .at(crate::diagnostics::Position::new(line, col)),
        ));
    };
    *nfc = crate::nfc::warning(&file, Some(text));
    // Without a warning the text is NFC already: it is not checked a second time.
    let normalized;
    let src = if nfc.is_none() {
        text
    } else {
        normalized = crate::nfc::text(text.to_string());
        normalized.as_str()
    };
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let file_name = crate::nfc::name(path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
    let (stem, lang) = stem_and_lang(&file_name, &file, langs)?;
    let kind = classify(root, path, &stem, &file)?;
    let split = front::split(src, &file)?;
    let off = split.yaml_line - 1;
    let front = Front::parse(kind, split.yaml, &file, off)?;
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

/// Loads one markdown file, as [`crate::load::load`] does for each (used by `minh serve` to reload only what an edit touched).
pub fn load_source(
    root: &Path,
    path: &Path,
    opts: LoadOptions,
    langs: Languages,
) -> Result<Option<Source>, Box<Diagnostic>> {
    let s = load_one(root, path, langs)?;
    Ok((opts.include_drafts || !s.front.draft()).then_some(s))
}
