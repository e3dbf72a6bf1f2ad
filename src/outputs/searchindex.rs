//! The search index of each language: documents collected from the site, sharded by minh-search.

use crate::lang::Lang;
use crate::load::kinds::Front;
use crate::render::Output;
use crate::resolve::Site;
use std::path::PathBuf;

/// The tokenizer of `lang`'s index: its own when minh-search has one, else the generic one.
fn search_lang(lang: Lang) -> minh_search::Lang {
    minh_search::Lang::for_language(lang.code())
}

/// The index of `lang`, made of its documents `docs`, its files not compressed yet: [`packed`]
/// gives them under `search/<lang>/`, shards gzip-compressed ([`minh_search::stored`]). One
/// language at a time: each index build is parallel inside, and building them at once would hold
/// every language's documents, postings and answers in memory together (the build's peak).
pub fn lang_unpacked(
    lang: Lang,
    docs: &[minh_search::Doc<'_>],
    places: &minh_search::Places,
) -> minh_search::stored::Unpacked {
    minh_search::stored::build_unpacked(search_lang(lang), docs, places)
}

/// [`lang_outputs_reusing`] before [`packed`]: with a lean `reuse` (which keeps no files) its
/// files are still to compress; otherwise they are compressed already, with what `reuse` kept.
pub fn lang_unpacked_reusing(
    lang: Lang,
    docs: &[minh_search::Doc<'_>],
    places: &minh_search::Places,
    reuse: &mut minh_search::stored::Reuse,
) -> minh_search::stored::Unpacked {
    minh_search::stored::build_reusing_unpacked(search_lang(lang), docs, places, reuse)
}

/// The index files of `lang` `unpacked`, compressed, as outputs under `search/<lang>/`.
pub fn packed(lang: Lang, unpacked: minh_search::stored::Unpacked) -> Vec<Output> {
    under_lang(lang, unpacked.pack())
}

/// The files of [`lang_unpacked`] as [`packed`] gives them, each file's gzip bytes taken from
/// the index `reuse` last made when its JSON is the same, and each unchanged document's reading,
/// excerpts and store record from there too ([`minh_search::stored::build_reusing`]; for `minh
/// serve`, which makes the index again after every edit).
pub fn lang_outputs_reusing(
    lang: Lang,
    docs: &[minh_search::Doc<'_>],
    places: &minh_search::Places,
    reuse: &mut minh_search::stored::Reuse,
) -> Vec<Output> {
    packed(lang, lang_unpacked_reusing(lang, docs, places, reuse))
}

/// The key of everything the index of `lang` is made of ([`minh_search::stored::inputs_key`]):
/// an index whose key is the previous build's has its files.
pub fn inputs_key(lang: Lang, docs: &[minh_search::Doc<'_>], places: &minh_search::Places) -> u128 {
    minh_search::stored::inputs_key(search_lang(lang), docs, places)
}

/// Index files as outputs under `search/<lang>/`.
fn under_lang(lang: Lang, files: Vec<minh_search::IndexFile>) -> Vec<Output> {
    files
        .into_iter()
        .map(|f| Output {
            path: PathBuf::from(format!("search/{}/{}", lang.code(), f.path)),
            bytes: f.bytes,
            source: None,
        })
        .collect()
}

/// The place table of the index: provinces, former provinces, the former districts the
/// content names, and the aliases of content/place-aliases.yaml.
pub fn places(site: &Site) -> minh_search::Places {
    let r = &site.records;
    let mut districts: Vec<(String, usize)> = r
        .facilities
        .iter()
        .filter_map(|f| Some((f.record.address.former_district.clone()?, f.province)))
        .collect();
    districts.extend(site.pages.iter().filter_map(|p| match &p.source.front {
        Front::Plan(pl) => {
            let d = pl.area.district.clone()?;
            let cur = &pl.area.current_province.value;
            Some((d, r.provinces.iter().position(|x| x.name == *cur)?))
        }
        _ => None,
    }));
    districts.sort();
    districts.dedup();
    crate::load::places::search_places(&r.provinces, &r.place_aliases, &districts)
}
