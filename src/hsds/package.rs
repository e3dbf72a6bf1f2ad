//! One language's HSDS package, made once per set of records, theme and configuration and kept.
//!
//! Exporting every provider is the costly part of the open-data files and of the open-data page's
//! field lists; both read it from here. In `minh serve` the files are kept too (see
//! [`keep_files`]), so an edit that changes no record (a page, a dataset) reuses them, and the
//! open-data page, after a record edit, finds what the site-wide files' run made.

use crate::hsds::{export, tabular};
use crate::lang::Lang;
use crate::resolve::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The files of one language's package and which columns of each table hold data.
pub struct Package {
    /// Each file's path (under the package's folder) and content, in the order they are written;
    /// kept only when [`keep_files`] was asked for (see [`files`]).
    files: Option<Vec<(String, Arc<Vec<u8>>)>>,
    /// Per table with at least one row (by HSDS name), the columns some row holds a scalar in.
    pub filled: BTreeMap<String, BTreeSet<String>>,
}

/// What a [`Package`] is kept by: the parts it was made from (held, so that they are not reused
/// for other values while kept) and the language.
type Key = (
    Arc<crate::load::records::Records>,
    Arc<crate::load::theme::Theme>,
    Arc<crate::load::config::Config>,
    Lang,
);

static PACKAGES: crate::resolve::reads::Memo<Key, Package> = crate::resolve::reads::Memo::new();

fn key(site: &Site, lang: Lang) -> Key {
    let config = Arc::clone(&site.config);
    (site.records.shared(), site.theme.shared(), config, lang)
}

/// Whether packages keep their files: `minh serve` reuses them after edits that change no
/// record; a build writes them once, and keeping a second copy would only raise its peak memory
/// (by the size of the packages: 95 MB with 2 500 providers).
static KEEP_FILES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes packages made from now on keep their files (for `minh serve`).
pub fn keep_files() {
    KEEP_FILES.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The files of the package of `lang`: each one's path (under the package's folder) and content.
pub fn files(site: &Site, lang: Lang) -> Vec<(String, Vec<u8>)> {
    let kept = KEEP_FILES.load(std::sync::atomic::Ordering::Relaxed);
    let kept = kept
        .then(|| package(site, lang))
        .and_then(|p| p.files.clone());
    let files = kept.unwrap_or_else(|| make(site, lang, true).files.unwrap_or_default());
    let owned = |b: Arc<Vec<u8>>| Arc::try_unwrap(b).unwrap_or_else(|b| (*b).clone());
    files.into_iter().map(|(p, b)| (p, owned(b))).collect()
}

/// The package of `lang`, made or kept (see [`crate::resolve::reads::memo`]).
pub fn package(site: &Site, lang: Lang) -> Arc<Package> {
    let keep = KEEP_FILES.load(std::sync::atomic::Ordering::Relaxed);
    let now = key(site, lang);
    PACKAGES.share(now.clone(), |old, reads| serves_for(old, &now, reads));
    crate::resolve::reads::memo(&PACKAGES, now, || make(site, lang, keep))
}

/// Whether the package made from `old`, which read `reads`, is the one `new` would make: the
/// same records, configuration and language, and a theme whose UI strings it read are the same
/// (a UI-string edit elsewhere, or a template edit, does not remake the packages: 2.4 s at 2 500
/// providers).
fn serves_for(old: &Key, new: &Key, reads: &crate::resolve::reads::Reads) -> bool {
    use crate::resolve::reads::Input;
    let (records, theme, config, lang) = old;
    let same = Arc::ptr_eq(records, &new.0) && Arc::ptr_eq(config, &new.2) && *lang == new.3;
    let (a, b) = (&**theme, &*new.1);
    same && reads.iter().all(|read| match read {
        Input::String(l, k) => a.strings(*l).get(k) == b.strings(*l).get(k),
        Input::Strings(l) => a.strings(*l) == b.strings(*l),
        Input::Theme | Input::Templates | Input::TemplateStrings(..) => false,
        _ => true,
    })
}

/// Whether the packages of every language of `site` are made (and kept).
pub fn made(site: &Site) -> bool {
    site.config
        .langs()
        .iter()
        .all(|l| PACKAGES.has(&key(site, l)))
}

fn json_bytes<T: serde::Serialize>(v: &T) -> Arc<Vec<u8>> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    Arc::new(b)
}

/// The package of `lang`, with its files when `with_files` (otherwise only which columns hold
/// data: the files, most of the cost, are not written at all).
fn make(site: &Site, lang: Lang, with_files: bool) -> Package {
    let services = export::services(site, lang);
    let tax = export::taxonomy(site, lang);
    let rows = tabular::rows(&services, &tax.taxonomies, &tax.taxonomy_terms);
    let tables = tabular::tables();
    let table = |name: &str| rows.get(name).and_then(|v| v.as_array());
    let filled: BTreeMap<String, BTreeSet<String>> = (tables.iter())
        .filter_map(|(name, _, _)| Some((name.clone(), scalar_columns(table(name)?))))
        .collect();
    let files = with_files.then(|| {
        let mut files = vec![
            ("services.json".to_string(), json_bytes(&services)),
            ("taxonomy.json".to_string(), json_bytes(&tax)),
        ];
        for (name, path, columns) in &tables {
            let rows = table(name).map_or(&[][..], |v| v.as_slice());
            files.push((path.clone(), Arc::new(tabular::csv(columns, rows))));
        }
        files.push(("datapackage.json".to_string(), datapackage(site, lang)));
        files
    });
    Package { files, filled }
}

/// The package's `datapackage.json`: upstream's with this site's title, language and licence.
fn datapackage(site: &Site, lang: Lang) -> Arc<Vec<u8>> {
    let t = |k: &str| site.theme.t(lang, k);
    let info = tabular::PackageInfo {
        name: format!("minh-providers-hsds-{}", lang.code()),
        title: format!(
            "{}: {} (HSDS 3.0)",
            site.config.title.str(lang),
            t("hsds_package_title")
        ),
        description: t("hsds_package_help"),
        language: lang.code().to_string(),
        homepage: site.routes.absolute(&site.routes.home(lang)),
        licence_title: t("open_data_licence"),
        licence_path: site.routes.absolute(&site.routes.home(lang)),
    };
    json_bytes(&tabular::datapackage(&info))
}

/// The keys that hold something other than null, an array or an object in some row.
fn scalar_columns(rows: &[serde_json::Value]) -> BTreeSet<String> {
    use serde_json::Value;
    let mut out = BTreeSet::new();
    for (k, v) in rows.iter().filter_map(|r| r.as_object()).flatten() {
        let scalar = !matches!(v, Value::Null | Value::Array(_) | Value::Object(_));
        if scalar && !out.contains(k) {
            out.insert(k.clone());
        }
    }
    out
}
