//! One language's HSDS package, made once per set of records, theme and configuration and kept.
//!
//! Exporting every provider is the costly part of the open-data files and of the open-data page's
//! field lists; both read it from here. In `minh serve` the files are kept too (see
//! [`keep_files`]), so an edit that changes no record (a page, a dataset) reuses them, and the
//! open-data page, after a record edit, finds what the site-wide files' run made. Each provider's
//! share of a package is made on its own (in parallel), and `minh serve` keeps the shares, so a
//! record edit makes the edited provider's share again and joins them (see [`Kept`]).

use crate::hsds::{export, tabular};
use crate::lang::Lang;
use crate::load::records::Facility;
use crate::resolve::Site;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// The files of one language's package and which columns of each table hold data.
pub struct Package {
    /// Each file's path (under the package's folder) and content, in the order they are written;
    /// kept only when [`keep_files`] was asked for (see [`files`]).
    files: Option<Vec<(String, Arc<Vec<u8>>)>>,
    /// Per table with at least one row (by HSDS name), the columns (of upstream's) some row holds
    /// a scalar in.
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
    let files = kept.unwrap_or_else(|| make(site, lang, true, false).files.unwrap_or_default());
    let owned = |b: Arc<Vec<u8>>| Arc::try_unwrap(b).unwrap_or_else(|b| (*b).clone());
    files.into_iter().map(|(p, b)| (p, owned(b))).collect()
}

/// The package of `lang`, made or kept (see [`crate::resolve::reads::memo`]).
pub fn package(site: &Site, lang: Lang) -> Arc<Package> {
    let keep = KEEP_FILES.load(std::sync::atomic::Ordering::Relaxed);
    let now = key(site, lang);
    PACKAGES.share(now.clone(), |old, reads| serves_for(old, &now, reads));
    crate::resolve::reads::memo(&PACKAGES, now, || make(site, lang, keep, keep))
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
        Input::Theme | Input::Templates | Input::Template(_) | Input::TemplateStrings(..) => false,
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
/// data: the files, most of the cost, are not written at all). Each provider's share is made on
/// its own, in parallel; with `keep` (`minh serve`), the shares of providers an edit left as they
/// were are taken from the last package made instead (see [`Parts`]).
fn make(site: &Site, lang: Lang, with_files: bool, keep: bool) -> Package {
    let cx = export::Ctx::new(site, lang);
    let tables = tabular::tables();
    let parts = match keep && with_files {
        true => reused_parts(&cx, &tables),
        false => made_parts(&cx, &tables, with_files),
    };
    let tax = export::taxonomy(site, lang);
    let tax_rows = tabular::rows(&[], &tax.taxonomies, &tax.taxonomy_terms);
    let tax_part = Part::of_rows(&tax_rows, &tables, with_files, Vec::new());
    let all = || parts.iter().map(|p| &**p).chain([&tax_part]);
    let filled: BTreeMap<String, BTreeSet<String>> = (tables.iter().enumerate())
        .filter_map(|(t, (name, _, columns))| {
            let mut any = vec![false; columns.len()];
            for held in all().filter_map(|p| p.tables[t].1.as_ref()) {
                any.iter_mut().zip(held).for_each(|(a, h)| *a |= h);
            }
            let mut rows = all().filter(|p| p.tables[t].1.is_some());
            rows.next()?;
            let held = columns.iter().zip(any).filter(|(_, a)| *a);
            Some((name.clone(), held.map(|(c, _)| c.clone()).collect()))
        })
        .collect();
    let files = with_files.then(|| {
        let mut files = vec![
            ("services.json".to_string(), services_json(&parts)),
            ("taxonomy.json".to_string(), json_bytes(&tax)),
        ];
        for (t, (_, path, columns)) in tables.iter().enumerate() {
            let mut csv = tabular::csv_header(columns);
            csv.reserve(all().map(|p| p.tables[t].0.len()).sum());
            for p in all() {
                csv.extend_from_slice(&p.tables[t].0);
            }
            files.push((path.clone(), Arc::new(csv)));
        }
        files.push(("datapackage.json".to_string(), datapackage(site, lang)));
        files
    });
    Package { files, filled }
}

/// `services.json`: the services as one JSON array, pretty-printed, each element the one its
/// provider's [`Part`] holds (the bytes `serde_json::to_vec_pretty` gives for the whole list).
fn services_json(parts: &[Arc<Part>]) -> Arc<Vec<u8>> {
    let elements: Vec<&[u8]> = parts.iter().map(|p| &p.json[..]).collect();
    let mut out = pretty_array(&elements);
    out.push(b'\n');
    Arc::new(out)
}

/// A pretty-printed JSON array of `elements`, each already pretty-printed one level in
/// ([`indented`]), as `serde_json::to_vec_pretty` writes the array.
fn pretty_array(elements: &[&[u8]]) -> Vec<u8> {
    if elements.is_empty() {
        return b"[]".to_vec();
    }
    let mut out = Vec::with_capacity(elements.iter().map(|e| e.len() + 2).sum::<usize>() + 4);
    out.extend_from_slice(b"[\n");
    for (i, e) in elements.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(e);
    }
    out.extend_from_slice(b"\n]");
    out
}

/// One provider's share of a language's package (or the taxonomies'): its service as an element
/// of `services.json`, its lines of each CSV table, and what making them read.
struct Part {
    /// The service pretty-printed one level in, as inside the array (empty without files).
    json: Vec<u8>,
    /// Per table, in [`tabular::tables`]' order: its CSV lines (empty without files) and, when
    /// it has rows in that table, whether some row holds a scalar in each column.
    tables: Vec<(Vec<u8>, Option<Vec<bool>>)>,
    /// What making it read (theme strings, provinces), noted again whenever it is used, so that
    /// the package's reads are those of making every part anew.
    reads: crate::resolve::reads::Reads,
}

impl Part {
    /// The share of provider `f` in the language of `cx`.
    fn of(cx: &export::Ctx, f: &Facility, tables: &Tables, with_files: bool) -> Part {
        let ((service, rows), reads) = crate::resolve::reads::recording(|| {
            let service = export::service(cx, f);
            let rows = tabular::rows(std::slice::from_ref(&service), &[], &[]);
            (service, rows)
        });
        let json = match with_files {
            true => indented(&serde_json::to_vec_pretty(&service).unwrap_or_default()),
            false => Vec::new(),
        };
        let mut part = Part::of_rows(&rows, tables, with_files, json);
        part.reads = reads;
        part
    }

    /// The share of `rows` (by table) in each table.
    fn of_rows(
        rows: &serde_json::Map<String, serde_json::Value>,
        tables: &Tables,
        with_files: bool,
        json: Vec<u8>,
    ) -> Part {
        let tables = (tables.iter())
            .map(|(name, _, columns)| {
                let Some(rows) = rows.get(name).and_then(|v| v.as_array()) else {
                    return (Vec::new(), None);
                };
                let lines = match with_files {
                    true => tabular::csv_rows(columns, rows),
                    false => Vec::new(),
                };
                (lines, Some(scalar_columns(columns, rows)))
            })
            .collect();
        Part {
            json,
            tables,
            reads: Default::default(),
        }
    }
}

/// Upstream's tables: name, file and columns.
type Tables = Vec<(String, String, Vec<String>)>;

/// Pretty-printed JSON moved one level in, as an element of a pretty-printed array: every line
/// indented by two spaces (a string holds no line break: JSON escapes it).
fn indented(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + json.len() / 16);
    for (i, line) in json.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(b"  ");
        out.extend_from_slice(line);
    }
    out
}

/// The parts `minh serve` made last for a language, by provider id with a hash of the record
/// they were made from, and what else they were made from: the theme and configuration (by
/// identity) and the provinces (hashed). A record edit then makes the edited provider's part
/// alone (every provider's took 1–3 s per language at 2 500 providers).
struct Kept {
    lang: Lang,
    theme: Arc<crate::load::theme::Theme>,
    config: Arc<crate::load::config::Config>,
    provinces: u128,
    parts: HashMap<String, (u128, Arc<Part>)>,
}

static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());

/// Every provider's [`Part`] of the language of `cx`, in the records' order, made anew.
fn made_parts(cx: &export::Ctx, tables: &Tables, with_files: bool) -> Vec<Arc<Part>> {
    use rayon::prelude::*;
    let facilities = &cx.site.records.facilities;
    let parts: Vec<Arc<Part>> = facilities
        .par_iter()
        .map(|f| Arc::new(Part::of(cx, f, tables, with_files)))
        .collect();
    replay(&parts);
    parts
}

/// [`made_parts`], but each taken from those kept for the language when made from the same
/// record, theme, configuration and provinces; the parts are kept in their place.
fn reused_parts(cx: &export::Ctx, tables: &Tables) -> Vec<Arc<Part>> {
    use rayon::prelude::*;
    let site = cx.site;
    let (theme, config) = (site.theme.shared(), Arc::clone(&site.config));
    let provinces = crate::load::records::debug_hash(&site.records.provinces);
    let hashes = record_hashes(site);
    // The lock is not held while the parts are made: a rendering thread waiting for the parallel
    // making below may take on another page that makes a package (a test's deadlock).
    let old = {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        let at = kept.iter().position(|k| k.lang == cx.lang);
        at.map(|i| kept.swap_remove(i))
    };
    let same = |k: &Kept| {
        Arc::ptr_eq(&k.theme, &theme) && Arc::ptr_eq(&k.config, &config) && k.provinces == provinces
    };
    let old = old.filter(same).map(|k| k.parts).unwrap_or_default();
    let made: Vec<(String, u128, Arc<Part>)> = (site.records.facilities.par_iter())
        .zip(hashes.par_iter())
        .map(|(f, hash)| {
            let id = &f.record.id.value;
            let part = match old.get(id) {
                Some((h, part)) if h == hash => Arc::clone(part),
                _ => Arc::new(Part::of(cx, f, tables, true)),
            };
            (id.clone(), *hash, part)
        })
        .collect();
    let parts: Vec<Arc<Part>> = made.iter().map(|(_, _, p)| Arc::clone(p)).collect();
    replay(&parts);
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    kept.retain(|k| k.lang != cx.lang);
    kept.push(Kept {
        lang: cx.lang,
        theme,
        config,
        provinces,
        parts: made.into_iter().map(|(id, h, p)| (id, (h, p))).collect(),
    });
    parts
}

/// Each provider's [`Facility::hash`], in the records' order: made once per set of records, for
/// every language's package.
fn record_hashes(site: &Site) -> Arc<Vec<u128>> {
    use rayon::prelude::*;
    type Hashed = Option<(Arc<crate::load::records::Records>, Arc<Vec<u128>>)>;
    static HASHED: Mutex<Hashed> = Mutex::new(None);
    let records = site.records.shared();
    let lock = || HASHED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((r, hashes)) = &*lock() {
        if Arc::ptr_eq(r, &records) {
            return Arc::clone(hashes);
        }
    }
    // Made without holding the lock (see `reused_parts`).
    let hashes = Arc::new(records.facilities.par_iter().map(Facility::hash).collect());
    *lock() = Some((records, Arc::clone(&hashes)));
    hashes
}

/// Notes what making `parts` read as read by the output being recorded (made on other threads,
/// their reads were not).
fn replay(parts: &[Arc<Part>]) {
    // Most parts read the same inputs: each is cloned once, not once per part.
    let all: BTreeSet<&crate::resolve::reads::Input> =
        parts.iter().flat_map(|p| p.reads.iter()).collect();
    for r in all {
        crate::resolve::reads::read(r.clone());
    }
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

/// Whether some row holds something other than null, an array or an object in each of `columns`.
fn scalar_columns(columns: &[String], rows: &[serde_json::Value]) -> Vec<bool> {
    use serde_json::Value;
    let scalar = |v: &Value| !matches!(v, Value::Null | Value::Array(_) | Value::Object(_));
    (columns.iter())
        .map(|c| rows.iter().any(|r| r.get(c.as_str()).is_some_and(scalar)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{indented, pretty_array};
    use serde_json::json;

    #[test]
    fn an_array_of_indented_elements_is_what_serde_json_writes() {
        let elements = [
            json!({"name": "Cơ sở \"A\"\nhai dòng", "phones": [], "attributes": [{"id": 1}]}),
            json!({"empty": {}, "list": [1, 2, {"x": null}], "s": "a,b"}),
            json!("một chuỗi"),
        ];
        for n in 0..=elements.len() {
            let list = &elements[..n];
            let each: Vec<Vec<u8>> = (list.iter())
                .map(|e| indented(&serde_json::to_vec_pretty(e).unwrap()))
                .collect();
            let each: Vec<&[u8]> = each.iter().map(|e| &e[..]).collect();
            let whole = serde_json::to_vec_pretty(&list.to_vec()).unwrap();
            assert_eq!(
                String::from_utf8(pretty_array(&each)).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{n} elements"
            );
        }
    }
}
