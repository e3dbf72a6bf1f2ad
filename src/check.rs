//! Link checking over the whole output: every internal href and src, every #fragment, feeds and sitemap.

use crate::catalogue::links;
use crate::catalogue::Said;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::Output;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The output as a set of files, with the element ids of each HTML file.
struct Index<'a> {
    files: HashMap<String, &'a Output>,
    ids: HashMap<String, HashSet<String>>,
}

fn key(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn index(outputs: &[Output]) -> Index<'_> {
    let files: HashMap<String, &Output> = outputs.iter().map(|o| (key(&o.path), o)).collect();
    let ids = outputs
        .par_iter()
        .filter(|o| o.path.extension().is_some_and(|e| e == "html"))
        .map(|o| {
            let text = String::from_utf8_lossy(&o.bytes);
            let ids: HashSet<String> = attrs(&text, "id").into_iter().map(|(v, _)| v).collect();
            (key(&o.path), ids)
        })
        .collect();
    Index { files, ids }
}

/// Values of `name="..."` attributes with their byte offsets.
fn attrs(html: &str, name: &str) -> Vec<(String, usize)> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let start = from + i + needle.len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        out.push((html_unescape(&html[start..start + len]), start));
        from = start + len;
    }
    out
}

fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Checks every link of every output file; `prefix` is the site's path prefix and `base` its base URL.
pub fn check_links(outputs: &[Output], root: &Path, prefix: &str, base: &str) -> Diagnostics {
    let idx = index(outputs);
    let problems: Vec<Diagnostic> = outputs
        .par_iter()
        .flat_map_iter(|o| check_file(o, &idx, root, prefix, base))
        .collect();
    problems.into()
}

fn check_file(o: &Output, idx: &Index, root: &Path, prefix: &str, base: &str) -> Vec<Diagnostic> {
    let ext = o.path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext != "html" && ext != "xml" {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(&o.bytes);
    let mut links = attrs(&text, "href");
    links.extend(attrs(&text, "src"));
    if ext == "xml" {
        links.extend(tags(&text, "loc"));
    }
    let mut out = Vec::new();
    for (target, offset) in links {
        if let Err(msg) = check_target(&target, &o.path, idx, prefix, base) {
            out.push(locate(o, &text, offset, &target, root, msg));
        }
    }
    out
}

/// Text content of `<tag>…</tag>` elements, for sitemap `<loc>`.
fn tags(text: &str, tag: &str) -> Vec<(String, usize)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&open) {
        let start = from + i + open.len();
        let Some(len) = text[start..].find(&close) else {
            break;
        };
        out.push((html_unescape(&text[start..start + len]), start));
        from = start + len;
    }
    out
}

fn check_target(
    target: &str,
    from: &Path,
    idx: &Index,
    prefix: &str,
    base: &str,
) -> Result<(), Said> {
    let t = target.trim();
    let site_path = if let Some(rest) = t.strip_prefix(base).filter(|_| !base.is_empty()) {
        format!("{prefix}{}", if rest.is_empty() { "/" } else { rest })
    } else if t.contains("://")
        || t.starts_with("mailto:")
        || t.starts_with("tel:")
        || t.starts_with("data:")
        || t.starts_with("//")
    {
        return Ok(());
    } else {
        t.to_string()
    };
    let (path, frag) = match site_path.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (site_path.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let file = if path.is_empty() {
        key(from)
    } else if let Some(abs) = path.strip_prefix('/') {
        let abs = format!("/{abs}");
        let rel = abs
            .strip_prefix(prefix)
            .unwrap_or(&abs)
            .trim_start_matches('/')
            .to_string();
        resolve_file(&rel, idx)
            .ok_or_else(|| links::broken_in_content(links::missing_page(target)))?
    } else {
        let dir = from.parent().map(key).unwrap_or_default();
        let joined = normalize(&format!("{dir}/{path}"));
        resolve_file(&joined, idx)
            .ok_or_else(|| links::broken_in_content(links::missing_page(target)))?
    };
    if let Some(f) = frag.filter(|f| !f.is_empty()) {
        let has = idx.ids.get(&file).is_some_and(|ids| ids.contains(&f));
        if !has && file.ends_with(".html") {
            let near = idx
                .ids
                .get(&file)
                .and_then(|ids| crate::diagnostics::nearest(&f, ids.iter().map(String::as_str)));
            let mut said = links::broken_in_content(links::missing_anchor(target, &f, &file));
            if let Some(n) = near {
                said = said.fix(links::nearest_anchor(&f, n));
            }
            return Err(said);
        }
    }
    Ok(())
}

fn resolve_file(rel: &str, idx: &Index) -> Option<String> {
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_string(), format!("{rel}/index.html")]
    };
    candidates.into_iter().find(|c| idx.files.contains_key(c))
}

fn normalize(p: &str) -> String {
    let mut segs: Vec<&str> = Vec::new();
    for s in p.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    let mut out = segs.join("/");
    if p.ends_with('/') {
        out.push('/');
    }
    out
}

/// The diagnostic for a broken link: at the markdown source line when the link came from content.
fn locate(
    o: &Output,
    text: &str,
    offset: usize,
    target: &str,
    root: &Path,
    said: Said,
) -> Diagnostic {
    let out_line = text[..offset].matches('\n').count() + 1;
    if let Some(src) = &o.source {
        if let Ok(content) = std::fs::read_to_string(root.join(src)) {
            // The link as written in the content: the same address, or (for `@/…` links, which
            // the output spells differently) the same `#anchor`.
            let anchor = target
                .split_once('#')
                .map(|(_, f)| format!("#{f}"))
                .filter(|a| a.len() > 1);
            let found = content
                .lines()
                .position(|l| l.contains(target))
                .or_else(|| {
                    anchor.and_then(|a| {
                        content.lines().position(|l| {
                            l.match_indices(&a).any(|(i, _)| {
                                !l[i + a.len()..]
                                    .starts_with(|c: char| c.is_alphanumeric() || c == '-')
                            })
                        })
                    })
                });
            if let Some(line) = found {
                return Diagnostic::error(src.clone(), said).at_line(line + 1);
            }
        }
        return Diagnostic::error(
            src.clone(),
            links::broken_in_template(said.message, &o.path.display().to_string(), out_line),
        );
    }
    Diagnostic::error(PathBuf::from("public").join(&o.path), said).at_line(out_line)
}
