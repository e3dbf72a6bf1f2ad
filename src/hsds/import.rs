//! HSDS in: the HSDS packages a minh site publishes, read back as provider records (YAML).
//!
//! Every field the export writes is read back from where `export` put it (its table is the
//! mapping), so importing a site's packages gives the records that were exported, and exporting
//! them again gives the same files. Each package holds one language; the packages of every
//! language are merged by service id: a text the same in every language becomes one string, a text
//! that differs becomes one value per language. The package's language is that of its taxonomy
//! terms (every service has some), else the folder's name.

use super::model::{Attribute, Service};
use super::TaxonomyKey;
use crate::catalogue::{import as catalogue, Said};
use crate::lang::Lang;
use crate::load::records::Province;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One package read: its language and its services.
#[derive(Debug, Clone)]
pub struct Package {
    pub lang: Lang,
    pub file: PathBuf,
    pub services: Vec<Service>,
}

/// Where a package's services are: its `services.json`, or its CSV tables (a folder with
/// `datapackage.json` and no `services.json`).
#[derive(Debug, Clone)]
enum Source {
    Json(PathBuf),
    Tabular(PathBuf),
}

impl Source {
    /// The source in folder `dir`, if it holds a package.
    fn in_dir(dir: &Path) -> Option<Source> {
        let json = dir.join("services.json");
        if json.is_file() {
            return Some(Source::Json(json));
        }
        dir.join("datapackage.json")
            .is_file()
            .then(|| Source::Tabular(dir.to_path_buf()))
    }

    fn path(&self) -> &Path {
        match self {
            Source::Json(p) | Source::Tabular(p) => p,
        }
    }

    /// The folder of the package (named for its language when published by minh).
    fn folder(&self) -> Option<&Path> {
        match self {
            Source::Json(p) => p.parent(),
            Source::Tabular(p) => Some(p),
        }
    }

    fn services(&self) -> Result<Vec<Service>, Said> {
        let shown = self.path().display().to_string();
        match self {
            Source::Json(file) => {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| catalogue::unreadable(&e.to_string()))?;
                serde_json::from_str(&crate::nfc::text(text))
                    .map_err(|e| catalogue::hsds_not_services(&shown, &e.to_string()))
            }
            Source::Tabular(dir) => super::tabular::read_services(dir)
                .map_err(|e| catalogue::hsds_not_services(&shown, &e)),
        }
    }
}

/// The packages under `path`: a `services.json`, one package's folder, or the folder of every
/// language (`data/hsds/`).
fn sources(path: &Path) -> Vec<Source> {
    if path.is_file() {
        return vec![Source::Json(path.to_path_buf())];
    }
    if let Some(s) = Source::in_dir(path) {
        return vec![s];
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.iter().filter_map(|d| Source::in_dir(d)).collect()
}

/// Reads every package under `path`.
pub fn read(path: &Path, langs: &[Lang]) -> Result<Vec<Package>, Said> {
    let found = sources(path);
    if found.is_empty() {
        return Err(catalogue::hsds_no_services(&path.display().to_string()));
    }
    let mut out = Vec::new();
    for source in found {
        let services = source.services()?;
        let from_terms = services.iter().flat_map(|s| &s.attributes).find_map(|a| {
            langs
                .iter()
                .copied()
                .find(|l| l.code() == a.taxonomy_term.language)
        });
        let from_folder = source
            .folder()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| langs.iter().copied().find(|l| l.code() == n));
        let lang = from_terms
            .or(from_folder)
            .filter(|l| langs.contains(l))
            .unwrap_or(langs[0]);
        out.push(Package {
            lang,
            file: source.path().to_path_buf(),
            services,
        });
    }
    Ok(out)
}

/// A text field's value in each language.
#[derive(Debug, Default, Clone)]
struct PerLang(BTreeMap<Lang, String>);

impl PerLang {
    fn put(&mut self, lang: Lang, v: Option<String>) {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            self.0.insert(lang, v);
        }
    }

    /// One string when every language of `langs` has the same, else one value per language.
    fn yaml(&self, langs: &[Lang]) -> Option<Value> {
        let first = self.0.values().next()?;
        if langs.iter().all(|l| self.0.get(l) == Some(first)) {
            return Some(Value::String(first.clone()));
        }
        let mut m = Map::new();
        for (l, v) in &self.0 {
            m.insert(l.code().to_string(), Value::String(v.clone()));
        }
        Some(Value::Object(m))
    }
}

/// The value of the `minh-record` attributes `code` of a list of attributes.
fn record_values<'a>(attrs: &'a [Attribute], code: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let want = format!("{}:{code}", TaxonomyKey::Record.code());
    attrs
        .iter()
        .filter(move |a| a.taxonomy_term.code == want)
        .filter_map(|a| a.value.as_deref())
}

fn record_value(attrs: &[Attribute], code: &str) -> Option<String> {
    record_values(attrs, code).next().map(String::from)
}

/// The codes of the terms of taxonomy `key` the attributes link to.
fn terms(attrs: &[Attribute], key: TaxonomyKey) -> Vec<String> {
    let prefix = format!("{}:", key.code());
    attrs
        .iter()
        .filter_map(|a| a.taxonomy_term.code.strip_prefix(&prefix))
        .map(String::from)
        .collect()
}

/// A provider being put together from the packages of every language.
#[derive(Default)]
struct Draft {
    texts: BTreeMap<&'static str, PerLang>,
    phone_texts: BTreeMap<(usize, &'static str), PerLang>,
}

impl Draft {
    fn put(&mut self, field: &'static str, lang: Lang, v: Option<String>) {
        self.texts.entry(field).or_default().put(lang, v);
    }

    fn text(&self, field: &str, langs: &[Lang]) -> Option<Value> {
        self.texts.get(field).and_then(|t| t.yaml(langs))
    }
}

/// The province a package names, by its name in any language.
fn province_name(provinces: &[Province], written: &str) -> String {
    provinces
        .iter()
        .find(|p| p.name == written || p.en == written)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| written.to_string())
}

/// A number as officials write it: `+84…` back to the national `0…`.
fn national(number: &str) -> String {
    match number.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => number.to_string(),
    }
}

/// The records of every provider in `packages` (each a YAML mapping, fields in the records' order),
/// by record id, in the order of the default language's package.
pub fn records(
    packages: &[Package],
    langs: &[Lang],
    provinces: &[Province],
) -> Result<Vec<(String, Value)>, Said> {
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, Vec<(Lang, &Service)>> = BTreeMap::new();
    let mut packages: Vec<&Package> = packages.iter().collect();
    packages.sort_by_key(|p| langs.iter().position(|l| *l == p.lang));
    for p in &packages {
        for s in &p.services {
            let Some(rid) = record_value(&s.attributes, "record_id") else {
                return Err(catalogue::hsds_not_ours(
                    &p.file.display().to_string(),
                    &s.id,
                ));
            };
            if !by_id.contains_key(&rid) {
                order.push(rid.clone());
            }
            by_id.entry(rid).or_default().push((p.lang, s));
        }
    }
    Ok(order
        .into_iter()
        .map(|rid| {
            let v = record(&rid, &by_id[&rid], langs, provinces);
            (rid, v)
        })
        .collect())
}

/// One provider's record from its service in each language.
fn record(
    rid: &str,
    versions: &[(Lang, &Service)],
    langs: &[Lang],
    provinces: &[Province],
) -> Value {
    let (_, first) = versions[0];
    let mut d = Draft::default();
    for (lang, s) in versions {
        let lang = *lang;
        let addr = s
            .service_at_locations
            .first()
            .and_then(|x| x.location.addresses.first());
        d.put("name", lang, Some(s.name.clone()));
        d.put("description", lang, s.description.clone());
        let org = (s.organization.name != s.name).then(|| s.organization.name.clone());
        d.put("operator", lang, org);
        d.put("street", lang, addr.map(|a| a.address_1.clone()));
        d.put("commune", lang, addr.map(|a| a.city.clone()));
        d.put(
            "hours",
            lang,
            s.schedules.first().and_then(|x| x.description.clone()),
        );
        d.put("fees_notes", lang, s.fees_description.clone());
        d.put("eligibility", lang, s.eligibility_description.clone());
        d.put("how_to_apply", lang, s.application_process.clone());
        let docs: Vec<&str> = s
            .required_documents
            .iter()
            .map(|x| x.document.as_str())
            .collect();
        d.put("what_to_bring", lang, Some(docs.join("; ")));
        d.put("source", lang, record_value(&s.attributes, "source"));
        d.put(
            "issuer",
            lang,
            record_value(&s.attributes, "announced_issuer"),
        );
        d.put(
            "announced_source",
            lang,
            record_value(&s.attributes, "announced_source"),
        );
        d.put(
            "verified_by",
            lang,
            record_value(&s.attributes, "verified_by"),
        );
        d.put(
            "verification_note",
            lang,
            record_value(&s.attributes, "verification_note"),
        );
        for (i, p) in s.phones.iter().enumerate() {
            d.phone_texts
                .entry((i, "label"))
                .or_default()
                .put(lang, p.description.clone());
            d.phone_texts
                .entry((i, "hours"))
                .or_default()
                .put(lang, record_value(&p.attributes, "phone_hours"));
        }
    }
    let s = first;
    let attrs = &s.attributes;
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    };
    put("id", Some(json!(rid)));
    let basis = match record_value(attrs, "basis").as_deref() {
        Some("plan") => json!({"plan": record_value(attrs, "named_in_plan")}),
        Some("announced") => {
            let mut a = Map::new();
            if let Some(act) = record_value(attrs, "announced_act") {
                a.insert("act".into(), json!(act));
            }
            if let Some(name) = d.text("announced_source", langs) {
                let mut src = Map::new();
                src.insert("name".into(), name);
                if let Some(url) = record_value(attrs, "announced_source_url") {
                    src.insert("url".into(), json!(url));
                }
                a.insert("source".into(), Value::Object(src));
            }
            if let Some(date) = record_value(attrs, "announced_date") {
                a.insert("date".into(), json!(date));
            }
            if let Some(issuer) = d.text("issuer", langs) {
                a.insert("issuer".into(), issuer);
            }
            json!({"announced": a})
        }
        Some(other) => json!(other),
        None => json!("sample"),
    };
    put("basis", Some(basis));
    put("name", d.text("name", langs));
    put(
        "kind",
        terms(attrs, TaxonomyKey::Kind)
            .into_iter()
            .next()
            .map(Value::String),
    );
    put("description", d.text("description", langs));
    put("operator", d.text("operator", langs));
    let loc = s.service_at_locations.first().map(|x| &x.location);
    let addr = loc.and_then(|l| l.addresses.first());
    let mut a = Map::new();
    if let Some(v) = d.text("street", langs) {
        a.insert("street".into(), v);
    }
    if let Some(v) = d.text("commune", langs) {
        a.insert("commune".into(), v);
    }
    if let Some(addr) = addr {
        a.insert(
            "province".into(),
            json!(province_name(provinces, &addr.state_province)),
        );
        if let Some(v) = record_value(&addr.attributes, "former_province") {
            a.insert("former_province".into(), json!(v));
        }
        if let Some(v) = record_value(&addr.attributes, "former_district") {
            a.insert("former_district".into(), json!(v));
        }
    }
    put("address", Some(Value::Object(a)));
    if let Some((lat, lon)) = loc.and_then(|l| Some((l.latitude?, l.longitude?))) {
        put("geo", Some(json!({"lat": lat, "lon": lon})));
    }
    let phones: Vec<Value> = s
        .phones
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut o = Map::new();
            o.insert("number".into(), json!(national(&p.number)));
            for f in ["label", "hours"] {
                if let Some(v) = d.phone_texts.get(&(i, f)).and_then(|t| t.yaml(langs)) {
                    o.insert(f.into(), v);
                }
            }
            Value::Object(o)
        })
        .collect();
    put(
        "phones",
        (!phones.is_empty()).then_some(Value::Array(phones)),
    );
    put("hours", d.text("hours", langs));
    let services = terms(attrs, TaxonomyKey::Service);
    put("services", (!services.is_empty()).then(|| json!(services)));
    if let Some(c) = s.cost_options.first() {
        let mut f = Map::new();
        f.insert("free".into(), json!(c.amount == Some(0.0)));
        if let Some(n) = d.text("fees_notes", langs) {
            f.insert("notes".into(), n);
        }
        put("fees", Some(Value::Object(f)));
    }
    put("eligibility", d.text("eligibility", langs));
    put("how_to_apply", d.text("how_to_apply", langs));
    put("what_to_bring", d.text("what_to_bring", langs));
    let spoken: Vec<&str> = s.languages.iter().map(|l| l.code.as_str()).collect();
    put("languages", (!spoken.is_empty()).then(|| json!(spoken)));
    put(
        "capacity",
        record_value(attrs, "capacity")
            .and_then(|c| c.parse::<u32>().ok())
            .map(|c| json!(c)),
    );
    put("source", d.text("source", langs));
    if let Some(date) = &s.assured_date {
        let mut v = Map::new();
        v.insert("date".into(), json!(date));
        if let Some(by) = d.text("verified_by", langs) {
            v.insert("by".into(), by);
        }
        if let Some(method) = record_value(attrs, "verification_method") {
            v.insert("method".into(), json!(method));
        }
        if let Some(note) = d.text("verification_note", langs) {
            v.insert("note".into(), note);
        }
        put("verification", Some(Value::Object(v)));
    }
    let inferred: Vec<&str> = record_values(attrs, "inferred").collect();
    put("inferred", (!inferred.is_empty()).then(|| json!(inferred)));
    Value::Object(m)
}

/// A record as YAML: block mappings, lists of plain values in brackets, strings in double quotes;
/// fields in the order `minh new facility` writes them, languages in the site's order.
pub fn yaml(v: &Value, langs: &[Lang]) -> String {
    let mut out = String::new();
    if let Value::Object(m) = v {
        mapping(m, 0, langs, &mut out);
    }
    out
}

/// The order of a record's fields (and of the fields of its groups).
const ORDER: &[&str] = &[
    "id",
    "basis",
    "plan",
    "announced",
    "act",
    "source",
    "name",
    "url",
    "date",
    "issuer",
    "kind",
    "description",
    "operator",
    "address",
    "street",
    "commune",
    "province",
    "former_province",
    "former_district",
    "geo",
    "lat",
    "lon",
    "phones",
    "number",
    "label",
    "hours",
    "services",
    "fees",
    "free",
    "notes",
    "eligibility",
    "how_to_apply",
    "what_to_bring",
    "languages",
    "capacity",
    "verification",
    "by",
    "method",
    "note",
    "inferred",
];

fn rank(key: &str, langs: &[Lang]) -> usize {
    ORDER
        .iter()
        .position(|k| *k == key)
        .or_else(|| {
            langs
                .iter()
                .position(|l| l.code() == key)
                .map(|i| ORDER.len() + i)
        })
        .unwrap_or(usize::MAX)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Null => "null".into(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn mapping(m: &Map<String, Value>, indent: usize, langs: &[Lang], out: &mut String) {
    let pad = " ".repeat(indent);
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    entries.sort_by_key(|(k, _)| rank(k, langs));
    for (k, v) in entries {
        match v {
            Value::Object(inner) => {
                out.push_str(&format!("{pad}{k}:\n"));
                mapping(inner, indent + 2, langs, out);
            }
            Value::Array(items) if items.iter().any(Value::is_object) => {
                out.push_str(&format!("{pad}{k}:\n"));
                for item in items {
                    let mut block = String::new();
                    if let Value::Object(inner) = item {
                        mapping(inner, indent + 4, langs, &mut block);
                    }
                    let block = block.trim_start();
                    out.push_str(&format!("{pad}  - {block}"));
                }
            }
            other => out.push_str(&format!("{pad}{k}: {}\n", scalar(other))),
        }
    }
}

/// What `minh import hsds` wrote.
#[derive(Debug, Clone)]
pub struct Imported {
    pub files: Vec<PathBuf>,
    pub languages: Vec<Lang>,
}

/// Reads the packages under `from` and writes one record per provider into `out`
/// (never over an existing file: then nothing is written).
pub fn run(
    from: &Path,
    out: &Path,
    langs: &[Lang],
    provinces: &[Province],
) -> Result<Imported, Said> {
    let packages = read(from, langs)?;
    let records = records(&packages, langs, provinces)?;
    let files: Vec<(PathBuf, String)> = records
        .iter()
        .map(|(id, v)| (out.join(format!("{id}.yaml")), yaml(v, langs)))
        .collect();
    if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(catalogue::hsds_exists(&p.display().to_string()));
    }
    std::fs::create_dir_all(out).map_err(|e| catalogue::cannot_write(&e.to_string()))?;
    for (p, text) in &files {
        std::fs::write(p, text).map_err(|e| catalogue::cannot_write(&e.to_string()))?;
    }
    let mut languages: Vec<Lang> = packages.iter().map(|p| p.lang).collect();
    languages.sort_by_key(|l| langs.iter().position(|x| x == l));
    languages.dedup();
    Ok(Imported {
        files: files.into_iter().map(|(p, _)| p).collect(),
        languages,
    })
}

/// `minh import hsds`: reads the packages under `from` into `out` (default `content/facilities/`)
/// of the site at `root`, with the site's languages and provinces.
pub fn run_in_site(root: &Path, from: &Path, out: Option<&Path>) -> Result<Imported, Said> {
    if !root.join("content").is_dir() {
        return Err(catalogue::no_site(&root.display().to_string()));
    }
    let langs: Vec<Lang> = crate::load::config::Config::read_languages(root)
        .iter()
        .collect();
    let mut diags = crate::diagnostics::Diagnostics::new();
    let provinces: Vec<Province> =
        crate::load::file::read_yaml(root, &root.join("content/provinces.yaml"), &mut diags)
            .unwrap_or_default();
    let out = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("content/facilities"));
    run(from, &out, &langs, &provinces)
}
