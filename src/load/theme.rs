//! The theme: tera templates and the UI strings of each language, checked for completeness.

use crate::diagnostics::{Diagnostic, Position};
use crate::lang::{Lang, Languages};
use crate::load::template_parts::{read_uses, Parts, Uses};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Templates ready to render, and the UI strings per language.
pub struct Theme {
    pub dir: PathBuf,
    pub tera: tera::Tera,
    /// Every language's strings, complete: a key a language lacks holds the default language's.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// The keys each language took from the default language, reported by `check` and `build`.
    pub warnings: Vec<Diagnostic>,
    /// The UI string keys each template (by name) shows, with those of the templates it extends,
    /// includes or imports; `None` when it uses the strings otherwise than as `t.key` (then any
    /// string may show in it).
    pub keys: BTreeMap<String, Option<BTreeSet<String>>>,
    /// Every language's strings as one template value, made once: a page's context takes a
    /// shared reference to it instead of copying some 350 strings for each page.
    values: BTreeMap<Lang, tera::Value>,
    /// Which templates each template is made of, to tell the pages a template edit changes.
    pub parts: Parts,
}

impl Theme {
    /// Loads `themes/<name>/`: every template, and i18n/<lang>.yaml for every language of the
    /// site. The default language's file must hold every string; another language's missing
    /// strings fall back to the default language's, each reported (a warning).
    pub fn load(root: &Path, name: &str, langs: Languages) -> Result<Theme, Vec<Diagnostic>> {
        let dir = root.join("themes").join(name);
        let rel_dir = PathBuf::from("themes").join(name);
        let mut diags = Vec::new();
        let mut strings = BTreeMap::new();
        for lang in langs {
            let file = rel_dir.join("i18n").join(format!("{lang}.yaml"));
            match std::fs::read_to_string(root.join(&file)).map(crate::nfc::text) {
                Ok(src) => match crate::yaml::parse::<BTreeMap<String, String>>(&src, &file, 0) {
                    Ok(map) => {
                        strings.insert(lang, map);
                    }
                    Err(d) => diags.push(*d),
                },
                Err(e) => diags.push(Diagnostic::error(
                    &file,
                    crate::catalogue::site::no_ui_strings(&e),
                )),
            }
        }
        let templates = template_files(&dir.join("templates"));
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        let files: Vec<(PathBuf, Option<String>)> = templates
            .iter()
            .map(|(path, name)| (path.clone(), Some(name.clone())))
            .collect();
        if let Err(e) = tera.add_template_files(files) {
            diags.push(template_error(&e, &rel_dir));
        }
        let mut warnings = Vec::new();
        if diags.is_empty() {
            diags.extend(check_strings(&templates, &strings, &rel_dir, langs));
            warnings = fill_from_default(&mut strings, langs, &rel_dir);
        }
        if diags.is_empty() {
            let values = strings
                .iter()
                .map(|(lang, map)| (*lang, tera::Value::from_serializable(map)))
                .collect();
            let uses = read_uses(&templates);
            Ok(Theme {
                dir,
                tera,
                strings,
                warnings,
                keys: keys_by_template(&uses),
                values,
                parts: Parts::new(&uses),
            })
        } else {
            Err(diags)
        }
    }

    pub fn strings(&self, lang: Lang) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.strings.get(&lang).unwrap_or(&EMPTY)
    }

    /// The strings of `lang` as a template value (a shared reference: cloning it copies nothing).
    pub fn strings_value(&self, lang: Lang) -> tera::Value {
        self.values
            .get(&lang)
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(self.strings(lang)))
    }

    /// The UI string keys template `name` shows (see [`Theme::keys`]); `None`: any of them.
    pub fn keys_of(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.keys.get(name)?.as_ref()
    }

    /// One UI string (the key itself if missing, which `load` has already reported).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.strings(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// Escapes a value written into an HTML or XML template exactly as tera's own escaping does
/// (`&`, `<`, `>`, `"` and `'`), but writes the runs between those characters whole instead of
/// one byte at a time (tera's writes each byte through a `dyn Write`: about 100 M instructions
/// of a 1 000-page build).
fn escape_html(input: &str, buf: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        buf.write_all(&bytes[start..i])?;
        buf.write_all(entity)?;
        start = i + 1;
    }
    buf.write_all(&bytes[start..])
}

fn template_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some((e.into_path(), name))
        })
        .collect();
    out.sort();
    out
}

/// A tera error as a diagnostic naming the template file, line and column.
pub fn template_error(e: &tera::Error, theme_dir: &Path) -> Diagnostic {
    use std::error::Error as _;
    let templates = theme_dir.join("templates");
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let name = r.filename();
            let file = if name.is_empty() {
                templates.clone()
            } else {
                templates.join(name)
            };
            let span = r.span();
            Diagnostic::error(file, crate::catalogue::site::template_at(r.message())).at(
                Position::new(span.start_line as u64, span.start_col as u64 + 1),
            )
        }
        kind => {
            let mut msg = kind.to_string();
            let mut src = e.source();
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            Diagnostic::error(templates, crate::catalogue::site::template(&msg))
        }
    }
}

/// Every `t.key` a template uses must exist in every language's strings, and the languages must match.
/// Gives every language the default language's strings it lacks; one warning per language
/// naming the keys it took.
fn fill_from_default(
    strings: &mut BTreeMap<Lang, BTreeMap<String, String>>,
    langs: Languages,
    rel_dir: &Path,
) -> Vec<Diagnostic> {
    let default = langs.default_lang();
    let Some(base) = strings.get(&default).cloned() else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for lang in langs.iter().filter(|l| !l.is_default()) {
        let Some(own) = strings.get_mut(&lang) else {
            continue;
        };
        let taken: Vec<&str> = base
            .iter()
            .filter(|(k, _)| !own.contains_key(*k))
            .map(|(k, _)| k.as_str())
            .collect();
        for key in &taken {
            own.insert(key.to_string(), base[*key].clone());
        }
        if !taken.is_empty() {
            let file = rel_dir.join("i18n").join(format!("{lang}.yaml"));
            warnings.push(Diagnostic::warning(
                &file,
                crate::catalogue::site::untranslated_ui_strings(
                    lang.code(),
                    default.code(),
                    &taken,
                    &file.display().to_string(),
                ),
            ));
        }
    }
    warnings
}

/// Errors for strings the templates use that the default language lacks, and strings another
/// language has that the default language lacks (other languages' gaps are filled by
/// [`fill_from_default`]).
fn check_strings(
    templates: &[(PathBuf, String)],
    strings: &BTreeMap<Lang, BTreeMap<String, String>>,
    rel_dir: &Path,
    langs: Languages,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut used: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    for (path, name) in templates {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        for (i, line) in src.lines().enumerate() {
            for key in keys_in(line) {
                used.entry(key)
                    .or_insert_with(|| (rel_dir.join("templates").join(name), i + 1));
            }
        }
    }
    let all: BTreeSet<&String> = strings.values().flat_map(|m| m.keys()).collect();
    for lang in [langs.default_lang()] {
        let file = rel_dir.join("i18n").join(format!("{lang}.yaml"));
        let have = strings.get(&lang);
        for (key, (tpl, line)) in &used {
            if !have.is_some_and(|m| m.contains_key(key)) {
                diags.push(Diagnostic::error(
                    &file,
                    crate::catalogue::site::missing_ui_string(
                        key,
                        lang.code(),
                        Some((&tpl.display().to_string(), *line)),
                        &file.display().to_string(),
                    ),
                ));
            }
        }
        for key in &all {
            if !have.is_some_and(|m| m.contains_key(*key)) && !used.contains_key(*key) {
                diags.push(Diagnostic::error(
                    &file,
                    crate::catalogue::site::missing_ui_string(
                        key,
                        lang.code(),
                        None,
                        &file.display().to_string(),
                    ),
                ));
            }
        }
    }
    diags
}

/// The UI string keys each template shows, following `extends`, `include` and `import`; `None`
/// for a template that (itself or through another) uses the map `t` as a whole.
fn keys_by_template(own: &Uses) -> BTreeMap<String, Option<BTreeSet<String>>> {
    let mut out = BTreeMap::new();
    for name in own.keys() {
        let mut keys = BTreeSet::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut todo = vec![name.as_str()];
        let mut whole = false;
        while let Some(n) = todo.pop() {
            if !seen.insert(n) {
                continue;
            }
            match own.get(n) {
                Some(Some(u)) => {
                    whole |= u.whole;
                    keys.extend(u.keys.iter().cloned());
                    todo.extend(u.uses.iter().map(String::as_str));
                }
                // A template that could not be read, or one not in the theme: anything may show.
                _ => whole = true,
            }
        }
        out.insert(name.to_string(), (!whole).then_some(keys));
    }
    out
}

/// The keys of `t.some_key` expressions in a template line.
fn keys_in(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(pos) = line[i..].find("t.") {
        let at = i + pos;
        let before_ok = at == 0
            || !(bytes[at - 1].is_ascii_alphanumeric()
                || bytes[at - 1] == b'_'
                || bytes[at - 1] == b'.');
        let key: String = line[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if before_ok && !key.is_empty() {
            out.push(key.clone());
        }
        i = at + 2 + key.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn escapes_as_tera_does() {
        for text in [
            "",
            "plain",
            "Cai nghiện & \"tự nguyện\" <b>'x'</b>",
            "&&<<>>\"\"''",
            "ends with &",
            "<starts",
            "a/b = c",
        ] {
            let (mut ours, mut tera) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut tera).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(tera).unwrap()
            );
        }
    }

    #[test]
    fn a_template_shows_its_keys_and_those_of_what_it_extends_or_includes() {
        let u = crate::load::template_parts::template_use(
            "{% extends \"base.html\" %}<p title=\"t.not_a_key\">{{ t.a }} {{ page.t.x }}</p>\n\
             {% include \"list.html\" %}{{ t.b | safe }}{% if t.c %}{% endif %}",
        );
        assert_eq!(u.keys, BTreeSet::from(["a", "b", "c"].map(String::from)));
        assert_eq!(u.uses, vec!["base.html", "list.html"]);
        assert!(!u.whole);
        for whole in [
            "{{ m::f(s=t) }}",
            "{{ t[key] }}",
            "{% set s = t %}",
            "{{ t .a }}",
            "{{ __tera_context }}",
        ] {
            assert!(
                crate::load::template_parts::template_use(whole).whole,
                "{whole}"
            );
        }
    }

    #[test]
    fn keys_follow_extends_and_a_whole_use_anywhere_in_the_chain() {
        let files = [
            ("base.html", "{{ t.home }}{% block content %}{% endblock %}"),
            ("page.html", "{% extends \"base.html\" %}{% block content %}{% include \"toc.html\" %}{{ t.updated_on }}{% endblock %}"),
            ("toc.html", "{{ t.toc }}"),
            ("odd.html", "{% extends \"base.html\" %}{{ t[page.key] }}"),
            ("lost.html", "{% include \"missing.html\" %}"),
        ];
        let uses = crate::load::template_parts::tests::uses_of(&files);
        let keys = super::keys_by_template(&uses);
        let set = |k: &[&str]| -> Option<BTreeSet<String>> {
            Some(k.iter().map(|s| s.to_string()).collect())
        };
        assert_eq!(keys["page.html"], set(&["home", "toc", "updated_on"]));
        assert_eq!(keys["base.html"], set(&["home"]));
        assert_eq!(keys["odd.html"], None);
        assert_eq!(keys["lost.html"], None);
    }

    #[test]
    fn finds_ui_string_keys() {
        assert_eq!(
            super::keys_in("{{ t.skip_link }} {{ page.t.x }} {{at.y}}"),
            vec!["skip_link"]
        );
    }
}
