//! Place names as people write them: content/place-aliases.yaml, checked against the provinces.

use crate::diagnostics::{rel, Diagnostic, Diagnostics, Position};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::Path;

/// A provincial-level unit since the 1 July 2025 merger.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    pub name: String,
    pub slug: String,
    pub en: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub former: Vec<String>,
}

impl Province {
    /// The province's name in `lang`: the provinces table gives the official (Vietnamese) name and
    /// an English one (its `en` column); every other language reads the official name.
    pub fn name_in(&self, lang: crate::lang::Lang) -> &str {
        if lang.code() == "en" && !self.en.is_empty() {
            &self.en
        } else {
            &self.name
        }
    }
}

/// content/place-aliases.yaml as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceAliases {
    /// Words written in front of a place name ("tỉnh", "TP").
    #[serde(default)]
    pub before: Vec<String>,
    /// Words written after a place name ("City", "Province").
    #[serde(default)]
    pub after: Vec<String>,
    /// Other spellings of current units and former provinces.
    #[serde(default)]
    pub places: Vec<AliasEntry>,
}

/// The other spellings of one place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasEntry {
    /// A current unit (provinces.yaml `name`) or a former province (one of its `former`).
    pub place: Spanned<String>,
    /// Abbreviations, everyday and earlier names.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Reads content/place-aliases.yaml (empty when absent); every `place` must be a current unit
/// or a former province, and an alias may mean one place only.
pub fn load(root: &Path, provinces: &[Province], diags: &mut Diagnostics) -> PlaceAliases {
    let path = root.join("content/place-aliases.yaml");
    if !path.exists() {
        return PlaceAliases::default();
    }
    let file = rel(root, &path);
    let Some(table) = crate::load::file::read_yaml::<PlaceAliases>(root, &path, diags) else {
        return PlaceAliases::default();
    };
    let known = |n: &str| {
        provinces
            .iter()
            .any(|p| p.name == n || p.former.iter().any(|f| f == n))
    };
    let fold = |s: &str| minh_search::rewrite::folded_phrase(minh_search::Lang::Vi, s);
    // Every name is a spelling of its own place already.
    let mut seen: Vec<(String, String)> = provinces
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(&p.former))
        .map(|n| (fold(n), n.clone()))
        .collect();
    for e in &table.places {
        let at = Position::new(e.place.referenced.line(), e.place.referenced.column());
        if !known(&e.place.value) {
            diags.push(
                Diagnostic::error(
                    &file,
                    crate::catalogue::values::unknown_place(&e.place.value),
                )
                .at(at),
            );
        }
        for a in &e.aliases {
            let key = fold(a);
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, other)) if *other != e.place.value => diags.push(
                    Diagnostic::error(
                        &file,
                        crate::catalogue::values::ambiguous_alias(a, other, &e.place.value),
                    )
                    .at(at),
                ),
                Some(_) => {}
                None => seen.push((key, e.place.value.clone())),
            }
        }
    }
    table
}

/// The place table of the search index: every current unit (its name, English name and
/// aliases), every former province and the former districts the content names (each with the
/// unit it now belongs to), and the words written around place names.
pub fn search_places(
    provinces: &[Province],
    aliases: &PlaceAliases,
    districts: &[(String, usize)],
) -> minh_search::Places {
    use minh_search::{PlaceName, Places};
    let mut p = Places {
        before: aliases.before.clone(),
        after: aliases.after.clone(),
        ..Places::default()
    };
    let add = |p: &mut Places, name: &str, current: usize| -> usize {
        if let Some(i) = p.names.iter().position(|n| n.name == name) {
            return i;
        }
        p.names.push(PlaceName {
            name: name.to_string(),
            current,
            link: provinces[current].slug.clone(),
        });
        p.names.len() - 1
    };
    for (i, prov) in provinces.iter().enumerate() {
        let me = add(&mut p, &prov.name, i);
        p.names[me].current = me;
        p.spellings.push((prov.en.clone(), me));
    }
    for prov in provinces {
        let current = p
            .names
            .iter()
            .position(|n| n.name == prov.name)
            .unwrap_or(0);
        for f in &prov.former {
            add(&mut p, f, current);
        }
    }
    for (d, prov) in districts {
        if let Some(current) = provinces
            .get(*prov)
            .and_then(|pr| p.names.iter().position(|n| n.name == pr.name))
        {
            add(&mut p, d, current);
        }
    }
    for e in &aliases.places {
        if let Some(i) = p.names.iter().position(|n| n.name == e.place.value) {
            p.spellings.extend(e.aliases.iter().map(|a| (a.clone(), i)));
        }
    }
    p
}

/// Every spelling of province `pi` other than its slug, as slugs: its English name, its former
/// provinces, and the aliases of each (the finder's `?province=` accepts any of them).
pub fn spelling_slugs(provinces: &[Province], aliases: &PlaceAliases, pi: usize) -> Vec<String> {
    let Some(p) = provinces.get(pi) else {
        return Vec::new();
    };
    let names: Vec<&String> = std::iter::once(&p.name).chain(&p.former).collect();
    let mut out: Vec<String> = std::iter::once(&p.en)
        .chain(p.former.iter())
        .chain(
            aliases
                .places
                .iter()
                .filter(|e| names.contains(&&e.place.value))
                .flat_map(|e| &e.aliases),
        )
        .map(|s| crate::slug::slugify(s))
        .filter(|s| !s.is_empty() && *s != p.slug)
        .collect();
    out.sort();
    out.dedup();
    out
}
