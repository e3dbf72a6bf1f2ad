//! What each template of a theme is made of: the UI strings it shows, the templates it extends,
//! includes or imports (and theirs), the components it defines; which templates an edit affects.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What a theme's templates are made of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    /// Each template by name: a hash of its source (`None`: it could not be read).
    hashes: BTreeMap<String, Option<u64>>,
    /// Each template by name: itself and every template it is made of; `None` when one of
    /// these could not be read or is not in the theme (then it may be made of any).
    made_of: BTreeMap<String, Option<BTreeSet<String>>>,
    /// The templates that define components, which any template may call.
    components: BTreeSet<String>,
}

impl Parts {
    /// What each template of `uses` (every template of a theme, read) is made of.
    pub fn new(uses: &Uses) -> Parts {
        let hashes = (uses.iter())
            .map(|(name, u)| (name.clone(), u.as_ref().map(|u| u.hash)))
            .collect();
        let components = (uses.iter())
            .filter(|(_, u)| u.as_ref().is_some_and(|u| u.components))
            .map(|(name, _)| name.clone())
            .collect();
        let made_of = (uses.keys())
            .map(|name| (name.clone(), made_of(uses, name)))
            .collect();
        Parts {
            hashes,
            made_of,
            components,
        }
    }

    /// Whether the theme has a template called `name`.
    pub fn knows(&self, name: &str) -> bool {
        self.made_of.contains_key(name)
    }

    /// The templates whose source differs between `old` and `new`: edited, added or removed.
    pub fn edited(old: &Parts, new: &Parts) -> BTreeSet<String> {
        let names: BTreeSet<&String> = old.hashes.keys().chain(new.hashes.keys()).collect();
        (names.into_iter())
            .filter(|n| {
                old.hashes.get(*n) != new.hashes.get(*n) || old.hashes.get(*n) == Some(&None)
            })
            .cloned()
            .collect()
    }

    /// The templates that may render differently once the templates `edited` changed: each
    /// edited one, each made of one of them (or of one that could not be read); every template
    /// when an edited one defines components.
    pub fn affected(&self, edited: &BTreeSet<String>) -> BTreeSet<String> {
        let mut out = edited.clone();
        if edited.is_empty() {
            return out;
        }
        let every = edited.iter().any(|e| self.components.contains(e));
        for (name, parts) in &self.made_of {
            let hit = match parts {
                Some(parts) => every || parts.iter().any(|p| edited.contains(p)),
                None => true,
            };
            if hit {
                out.insert(name.clone());
            }
        }
        out
    }
}

/// `name` and every template it extends, includes or imports, and theirs; `None` when one of
/// them could not be read or is not in `uses`.
fn made_of(uses: &Uses, name: &str) -> Option<BTreeSet<String>> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name];
    while let Some(n) = todo.pop() {
        if !seen.insert(n.to_string()) {
            continue;
        }
        todo.extend(uses.get(n)?.as_ref()?.uses.iter().map(String::as_str));
    }
    Some(seen)
}

/// What one template's source says: the UI string keys it shows, the templates it extends,
/// includes or imports, whether it uses `t` otherwise than as `t.key`, whether it defines
/// components (which any template may call), and a hash of the whole source.
pub struct TemplateUse {
    pub keys: BTreeSet<String>,
    pub uses: Vec<String>,
    pub whole: bool,
    pub components: bool,
    pub hash: u64,
}

/// Each template's [`TemplateUse`], by name (`None` for one that could not be read).
pub type Uses = BTreeMap<String, Option<TemplateUse>>;

/// Reads every template's source once (see [`TemplateUse`]).
pub(crate) fn read_uses(templates: &[(PathBuf, String)]) -> Uses {
    templates
        .iter()
        .map(|(path, name)| {
            let used = std::fs::read_to_string(path)
                .ok()
                .map(|src| template_use(&src));
            (name.clone(), used)
        })
        .collect()
}

/// Reads one template's source (see [`TemplateUse`]): only the text inside `{{ }}` and `{% %}`.
pub(crate) fn template_use(src: &str) -> TemplateUse {
    let mut u = TemplateUse {
        keys: BTreeSet::new(),
        uses: Vec::new(),
        whole: false,
        components: false,
        hash: {
            use std::hash::Hasher as _;
            let mut h = siphasher::sip::SipHasher13::new();
            h.write(src.as_bytes());
            h.finish()
        },
    };
    let mut rest = src;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open..];
        let close = if after.starts_with("{{") {
            "}}"
        } else if after.starts_with("{%") {
            "%}"
        } else {
            rest = &rest[open + 1..];
            continue;
        };
        let Some(end) = after[2..].find(close) else {
            u.whole = true;
            break;
        };
        let inner = &after[2..2 + end];
        tag_use(inner, &mut u);
        rest = &after[2 + end + 2..];
    }
    u
}

/// Notes what one tag's text (between its delimiters) uses.
fn tag_use(inner: &str, u: &mut TemplateUse) {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let first = words.first().map(|w| w.trim_start_matches('-'));
    let names_follow = matches!(first, Some("extends" | "include" | "import"));
    u.components |= first == Some("component");
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    let mut prev = ' ';
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' || c == '`' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j] != c {
                j += 1;
            }
            if names_follow {
                u.uses
                    .push(chars[start..j.min(chars.len())].iter().collect());
            }
            i = j + 1;
            prev = c;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if prev != '.' && (word == "t" || word == "__tera_context") {
                let next = chars.get(i).copied();
                let key_start = i + 1;
                let mut k = key_start;
                while k < chars.len() && (chars[k].is_alphanumeric() || chars[k] == '_') {
                    k += 1;
                }
                if word == "t" && next == Some('.') && k > key_start {
                    u.keys.insert(chars[key_start..k].iter().collect());
                    i = k;
                } else {
                    u.whole = true;
                }
            }
            prev = chars[i - 1];
            continue;
        }
        if !c.is_whitespace() {
            prev = c;
        }
        i += 1;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Parts;
    use std::collections::BTreeSet;

    /// `files` (name, source) read as a theme's templates.
    pub(crate) fn uses_of(files: &[(&str, &str)]) -> super::Uses {
        let dir = tempfile::tempdir().unwrap();
        let templates: Vec<(std::path::PathBuf, String)> = files
            .iter()
            .map(|(name, text)| {
                let p = dir.path().join(name);
                std::fs::write(&p, text).unwrap();
                (p, name.to_string())
            })
            .collect();
        super::read_uses(&templates)
    }

    fn parts(files: &[(&str, &str)]) -> Parts {
        Parts::new(&uses_of(files))
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    const THEME: [(&str, &str); 6] = [
        ("base.html", "<main>{% block content %}{% endblock %}</main>{% include \"foot.html\" %}"),
        ("foot.html", "<footer></footer>"),
        ("page.html", "{% extends \"base.html\" %}{% block content %}{% include \"toc.html\" %}{% endblock %}"),
        ("toc.html", "<nav></nav>"),
        ("update.html", "{% extends \"base.html\" %}{% block content %}x{% endblock %}"),
        ("lost.html", "{% include \"missing.html\" %}"),
    ];

    #[test]
    fn an_edit_affects_the_templates_made_of_the_edited_one() {
        let p = parts(&THEME);
        // lost.html includes a template the theme lacks: it may be made of any.
        assert_eq!(
            p.affected(&set(&["update.html"])),
            set(&["update.html", "lost.html"])
        );
        assert_eq!(
            p.affected(&set(&["toc.html"])),
            set(&["toc.html", "page.html", "lost.html"])
        );
        assert_eq!(
            p.affected(&set(&["foot.html"])),
            set(&[
                "foot.html",
                "base.html",
                "page.html",
                "update.html",
                "lost.html"
            ])
        );
        assert_eq!(p.affected(&set(&[])), set(&[]));
        assert!(p.knows("page.html") && !p.knows("missing.html"));
    }

    #[test]
    fn edited_templates_are_those_whose_source_differs() {
        let old = parts(&THEME);
        let mut files = THEME.to_vec();
        files[3].1 = "<nav class=\"toc\"></nav>";
        files.push(("new.html", "{% extends \"base.html\" %}"));
        files.remove(4);
        let new = parts(&files);
        assert_eq!(
            Parts::edited(&old, &new),
            set(&["toc.html", "new.html", "update.html"])
        );
        assert_eq!(Parts::edited(&old, &parts(&THEME)), set(&[]));
    }

    #[test]
    fn a_template_defining_components_affects_every_template() {
        let mut files = THEME.to_vec();
        files[1].1 = "{% component Foot(year) %}<footer>{{ year }}</footer>{% endcomponent %}";
        let p = parts(&files);
        assert_eq!(
            p.affected(&set(&["foot.html"])).len(),
            THEME.len(),
            "components may be called from any template"
        );
        assert_eq!(p.affected(&set(&["toc.html"])).len(), 3);
    }
}
