//! Phases that only look back: every `crate::` path in `src/` is read, and the test fails when a
//! module imports one of a later phase, when a shared leaf module imports a phase, or when
//! top-level modules import each other in a circle. The order is the one in `src/lib.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The phases in order, each a top-level module of `src/`; a module may use earlier ones only.
const PHASES: &[&str] = &[
    "history",
    "load",
    "stats",
    "resolve",
    "hsds",
    "render",
    "outputs",
    "check",
    "write",
    "stamp",
    "searchkeep",
    "build",
    "serve",
    "new",
    "import",
];

/// Shared leaf modules: any phase may use them; they use only each other.
const LEAVES: &[&str] = &[
    "catalogue",
    "date",
    "diagnostics",
    "lang",
    "markdown",
    "memory",
    "messages",
    "nfc",
    "phone",
    "progress",
    "slug",
    "text",
    "vocab",
    "walk",
    "worddiff",
    "xml",
    "yaml",
];

/// The top-level modules named by the `crate::` paths of `code` (use trees included).
fn imports(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let before_ok = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if before_ok {
            if let Some(group) = after.strip_prefix('{') {
                let end = closing(group);
                for item in split_top(&group[..end]) {
                    if let Some(name) = first_ident(item.trim()) {
                        out.insert(name);
                    }
                }
            } else if let Some(name) = first_ident(after) {
                out.insert(name);
            }
        }
        rest = after;
    }
    out.retain(|n| n.chars().next().is_some_and(|c| c.is_lowercase()) && n != "self");
    out
}

fn first_ident(s: &str) -> Option<String> {
    let name: String = s
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The index of the `}` closing a group whose text starts at `s`.
fn closing(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// The items of a use group, split at commas outside nested groups.
fn split_top(s: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&s[start..]);
    items
}

/// The top-level module a file of `src/` belongs to.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// Top-level module → the top-level modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = e.path().strip_prefix(&src).unwrap();
        let Some(me) = module_of(rel) else { continue };
        let code = std::fs::read_to_string(e.path()).unwrap();
        let used = g.entry(me.clone()).or_default();
        used.extend(imports(&code).into_iter().filter(|m| *m != me));
    }
    g
}

/// The circles of `g` (strongly connected parts with more than one module).
fn circles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for n in g.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let mut found: BTreeSet<Vec<String>> = BTreeSet::new();
    for a in g.keys() {
        let from_a = reach(a);
        let part: Vec<String> = g
            .keys()
            .filter(|b| *b == a || (from_a.contains(*b) && reach(b).contains(a)))
            .cloned()
            .collect();
        if part.len() > 1 {
            found.insert(part);
        }
    }
    found.into_iter().collect()
}

#[test]
fn the_import_reader_sees_use_trees_and_paths() {
    let code = "use crate::{lang::Lang, load::{self, Kind}};\n// crate::write\nlet x = crate::render::page(); foo_crate::no;";
    let got: Vec<String> = imports(code).into_iter().collect();
    assert_eq!(got, ["lang", "load", "render"]);
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("a".into());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
}

#[test]
fn every_module_is_a_phase_or_a_leaf() {
    let unknown: Vec<String> = graph()
        .into_keys()
        .filter(|m| !PHASES.contains(&m.as_str()) && !LEAVES.contains(&m.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "modules in neither PHASES nor LEAVES of tests/phases.rs (say where they belong): {unknown:?}"
    );
}

#[test]
fn phases_only_look_back_and_leaves_use_only_leaves() {
    let rank = |m: &str| PHASES.iter().position(|p| *p == m);
    let mut wrong = Vec::new();
    for (m, used) in graph() {
        for u in used {
            let ok = match (rank(&m), rank(&u)) {
                (_, None) => LEAVES.contains(&u.as_str()),
                (Some(a), Some(b)) => b < a,
                (None, Some(_)) => false,
            };
            if !ok {
                wrong.push(format!("{m} uses {u}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the phase order (src/lib.rs, tests/phases.rs):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_circle_between_top_level_modules() {
    let found = circles(&graph());
    assert!(
        found.is_empty(),
        "modules importing each other in a circle: {found:?}"
    );
}

/// `code` without its `#[cfg(test)]` modules (their `super::` is the file itself).
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match after.find('{') {
            Some(open) if after[..open].contains("mod ") => {
                let end = open + 1 + closing(&after[open + 1..]);
                rest = &after[(end + 1).min(after.len())..];
            }
            _ => {
                out.push_str("#[cfg(test)]");
                rest = &after["#[cfg(test)]".len()..];
            }
        }
    }
    out.push_str(rest);
    out.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segments after each `prefix` in `code` (use groups opened), as written.
fn segments_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let after = &rest[i + prefix.len()..];
        let before_ok = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
        if before_ok {
            if let Some(group) = after.strip_prefix('{') {
                let end = closing(group);
                for item in split_top(&group[..end]) {
                    out.extend(first_ident(item.trim()));
                }
            } else {
                out.extend(first_ident(after));
            }
        }
        rest = after;
    }
    out
}

/// The module of a phase folder a file belongs to: its file stem, its subfolder, or `mod`.
fn inner_module_of(rel: &Path) -> String {
    let parts: Vec<&str> = rel.iter().filter_map(|s| s.to_str()).collect();
    match parts.as_slice() {
        [file] => file.strip_suffix(".rs").unwrap_or(file).to_string(),
        [dir, ..] => dir.to_string(),
        [] => String::new(),
    }
}

/// For each folder of `src/` (a phase or a leaf with modules of its own): module → the modules
/// of the same folder it uses (`mod` is the folder's `mod.rs`).
fn inner_graphs() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for dir in std::fs::read_dir(&src).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let phase = dir.file_name().unwrap().to_str().unwrap().to_string();
        let files: Vec<_> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        let names: BTreeSet<String> = files
            .iter()
            .map(|p| inner_module_of(p.strip_prefix(&dir).unwrap()))
            .collect();
        let resolve = |seg: &str| {
            if names.contains(seg) && seg != "mod" {
                seg.to_string()
            } else {
                "mod".to_string()
            }
        };
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let rel = file.strip_prefix(&dir).unwrap();
            let me = inner_module_of(rel);
            let depth = rel.iter().count();
            let code = without_tests(&std::fs::read_to_string(file).unwrap());
            let mut used: Vec<String> = segments_after(&code, &format!("crate::{phase}::"))
                .iter()
                .map(|s| resolve(s))
                .collect();
            if code.contains(&format!("crate::{phase}::{{self")) {
                used.push("mod".into());
            }
            // `super::` from a file of the folder is the folder's mod.rs; from a subfolder, it
            // is that subfolder's own mod.rs, and `super::super::` the folder's.
            let up = if depth == 1 && me != "mod" {
                "super::".to_string()
            } else if depth == 2 && !rel.ends_with("mod.rs") {
                "super::super::".to_string()
            } else {
                "super::super::super::".to_string()
            };
            if depth <= 3 {
                used.extend(segments_after(&code, &up).iter().map(|s| resolve(s)));
            }
            // The folder's mod.rs names its child modules without a prefix.
            if me == "mod" && depth == 1 {
                for child in names.iter().filter(|n| *n != "mod") {
                    if !segments_after(&code, &format!("{child}::")).is_empty()
                        || code.contains(&format!("use {child}::"))
                    {
                        used.push(child.clone());
                    }
                }
            }
            let entry = g.entry(me.clone()).or_default();
            entry.extend(used.into_iter().filter(|u| *u != me && u != "super"));
        }
        out.insert(phase, g);
    }
    out
}

#[test]
fn the_inner_reader_resolves_folder_paths() {
    let code = "use crate::load::{self, front::Front, Kind};\nuse super::records;\n#[cfg(test)]\nmod tests { use super::*; fn f() { crate::load::sheets::x(); } }\nfn g() { places::find(); }";
    let got = segments_after(&without_tests(code), "crate::load::");
    assert_eq!(got, ["self", "front", "Kind"]);
    assert_eq!(segments_after(&without_tests(code), "super::"), ["records"]);
    assert_eq!(segments_after(&without_tests(code), "places::"), ["find"]);
}

/// Folders whose modules are still in a circle: `import` (`minh import plan`, a command run on
/// its own, not a phase of the build). The test fails when one of them has no circle any more, so
/// the exception cannot outlive its reason.
const CIRCLES_LEFT: &[&str] = &["import"];

/// Prints, for each folder, which of its modules uses which (`cargo test --test phases --
/// --nocapture`), and fails on a circle between the modules of one folder.
#[test]
fn no_circle_inside_a_phase() {
    let mut found = Vec::new();
    for (phase, g) in inner_graphs() {
        if CIRCLES_LEFT.contains(&phase.as_str()) {
            assert!(
                !circles(&g).is_empty(),
                "{phase}/ has no circle any more: take it out of CIRCLES_LEFT in tests/phases.rs"
            );
            continue;
        }
        println!("{phase}/:");
        for (m, used) in &g {
            let used: Vec<&str> = used.iter().map(String::as_str).collect();
            println!(
                "  {m} → {}",
                if used.is_empty() {
                    "-".to_string()
                } else {
                    used.join(", ")
                }
            );
        }
        for c in circles(&g) {
            found.push(format!("{phase}/: {}", c.join(" ↔ ")));
        }
    }
    assert!(
        found.is_empty(),
        "modules of one folder importing each other in a circle:\n{}",
        found.join("\n")
    );
}

/// The site-wide outputs take render's results (`render::sitedata::SiteData`, and `Output`, the
/// file type every phase after render passes on) and never call render's functions.
#[test]
fn outputs_take_render_s_results_and_never_call_render() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/outputs");
    let mut calls = Vec::new();
    for e in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let code = without_tests(&std::fs::read_to_string(e.path()).unwrap());
        let mut rest = code.as_str();
        while let Some(i) = rest.find("crate::render::") {
            let after = &rest[i + "crate::render::".len()..];
            let path: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if !matches!(path.as_str(), "Output" | "sitedata::SiteData") {
                calls.push(format!("{}: crate::render::{path}", e.path().display()));
            }
            rest = after;
        }
    }
    assert!(
        calls.is_empty(),
        "outputs reaching into render (give them the data through SiteData):\n{}",
        calls.join("\n")
    );
}
