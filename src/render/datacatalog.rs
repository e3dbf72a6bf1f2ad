//! The catalogue of every open-data download: DCAT-style JSON (`data/catalog.json`), schema.org JSON-LD and the open-data page's field lists.
//!
//! Every list here is read off what the export writes (the HSDS tables' columns that hold data,
//! with upstream's descriptions; each dataset's Table Schema), so the page cannot drift from the files.

use crate::hsds::tabular;
use crate::lang::Lang;
use crate::load::kinds::Front;
use crate::resolve::Site;
use serde::Serialize;
use serde_json::{json, Value};

/// One field (column or key) of a download.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub name: String,
    pub description: String,
    /// The language of `description` when it differs from the page's (upstream's are English).
    pub lang: Option<String>,
}

/// One file to download.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// Absolute, for the catalogue.
    pub url: String,
    /// Root-relative, for links on the site.
    pub href: String,
    pub path: String,
    pub media_type: String,
    pub format: String,
    pub language: Option<String>,
    pub conforms_to: Option<String>,
    pub fields: Vec<FieldView>,
}

/// A dataset: a group of downloads.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub languages: Vec<String>,
    pub modified: Option<String>,
    pub downloads: Vec<Download>,
}

const HSDS_SCHEMA: &str = "https://docs.openreferral.org/en/latest/hsds/schema_reference.html";
const TABLE_SCHEMA: &str = "https://specs.frictionlessdata.io/table-schema/";

/// The open-data page's URL in `lang` (the licence and re-use terms), or the home page.
pub fn page_url(site: &Site, lang: Lang) -> String {
    crate::resolve::reads::read(crate::resolve::reads::Input::Pages(crate::load::Kind::Page));
    site.pages
        .iter()
        .find(|p| p.lang() == lang && matches!(&p.source.front, Front::Page(f) if f.open_data))
        .map(|p| p.url.clone())
        .unwrap_or_else(|| site.routes.home(lang))
}

fn download(
    site: &Site,
    path: String,
    format: &str,
    language: Option<Lang>,
    conforms_to: Option<&str>,
    fields: Vec<FieldView>,
) -> Download {
    let media_type = match format {
        "CSV" => "text/csv",
        _ => "application/json",
    };
    Download {
        url: site.routes.absolute(&site.routes.asset(&path)),
        href: site.routes.asset(&path),
        path: format!("/{path}"),
        media_type: media_type.into(),
        format: format.into(),
        language: language.map(|l| l.code().to_string()),
        conforms_to: conforms_to.map(String::from),
        fields,
    }
}

/// Upstream's description of every field of HSDS table `name`.
fn upstream_fields(name: &str) -> Vec<(String, String)> {
    let up = tabular::upstream();
    up["resources"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["name"] == name))
        .and_then(|r| r["schema"]["fields"].as_array())
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or("").to_string(),
                        f["description"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The HSDS tables of `lang`'s export: each table's file and the upstream fields (name and
/// description) that hold a value in some row, read off the package the open-data files are
/// (made once per set of records, theme and configuration: see [`crate::hsds::package`]).
type HsdsFields = Vec<(String, Vec<(String, String)>)>;

fn hsds_fields(site: &Site, lang: Lang) -> HsdsFields {
    let package = crate::hsds::package::package(site, lang);
    let mut out = Vec::new();
    for (name, path, _) in tabular::tables() {
        let Some(filled) = package.filled.get(&name) else {
            continue;
        };
        let fields = upstream_fields(&name)
            .into_iter()
            .filter(|(f, _)| filled.contains(f))
            .collect();
        out.push((path.to_string(), fields));
    }
    out
}

/// Every dataset and its downloads, described in `lang`.
pub fn datasets(site: &Site, lang: Lang) -> Vec<DatasetView> {
    let t = |k: &str| site.theme.t(lang, k);
    let mut out = Vec::new();
    let modified = site
        .records
        .facilities()
        .iter()
        .filter_map(|f| f.verification.as_ref().map(|v| v.date.iso()))
        .max();
    for l in site.config.langs() {
        let dir = crate::hsds::dir(l);
        let mut downloads = vec![
            download(
                site,
                format!("{dir}/services.json"),
                "JSON",
                Some(l),
                Some(HSDS_SCHEMA),
                Vec::new(),
            ),
            download(
                site,
                format!("{dir}/taxonomy.json"),
                "JSON",
                Some(l),
                Some(HSDS_SCHEMA),
                Vec::new(),
            ),
            download(
                site,
                format!("{dir}/datapackage.json"),
                "JSON",
                Some(l),
                Some("https://specs.frictionlessdata.io/data-package/"),
                Vec::new(),
            ),
        ];
        for (path, fields) in hsds_fields(site, l) {
            let fields = fields
                .iter()
                .map(|(name, description)| FieldView {
                    name: name.clone(),
                    description: description.clone(),
                    // The upstream HSDS descriptions are in English.
                    lang: (lang.code() != "en").then(|| "en".to_string()),
                })
                .collect();
            downloads.push(download(
                site,
                format!("{dir}/{path}"),
                "CSV",
                Some(l),
                Some(HSDS_SCHEMA),
                fields,
            ));
        }
        out.push(DatasetView {
            id: format!("providers-hsds-{}", l.code()),
            title: format!(
                "{} ({})",
                t("catalog_hsds_title"),
                site.theme.t(l, "lang_name")
            ),
            description: t("hsds_package_help"),
            languages: vec![l.code().to_string()],
            modified: modified.clone(),
            downloads,
        });
    }
    for d in site.datasets.iter() {
        let schema = crate::render::datapackage::table_schema(site, d, lang);
        let fields = schema["fields"]
            .as_array()
            .map(|fs| {
                fs.iter()
                    .map(|f| FieldView {
                        name: f["name"].as_str().unwrap_or("").to_string(),
                        description: format!(
                            "{}: {}",
                            f["title"].as_str().unwrap_or(""),
                            f["description"].as_str().unwrap_or("")
                        ),
                        lang: None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let languages: Vec<String> = site
            .config
            .languages
            .iter()
            .map(|l| l.code().to_string())
            .collect();
        out.push(DatasetView {
            id: format!("statistics-{}", d.slug),
            title: d.meta.title.str(lang),
            description: d.meta.description.str(lang),
            languages: languages.clone(),
            modified: None,
            downloads: vec![
                download(
                    site,
                    format!("data/stats/{}.csv", d.slug),
                    "CSV",
                    None,
                    Some(TABLE_SCHEMA),
                    fields,
                ),
                download(
                    site,
                    format!("data/stats/{}.json", d.slug),
                    "JSON",
                    None,
                    None,
                    Vec::new(),
                ),
                download(
                    site,
                    "data/stats/datapackage.json".into(),
                    "JSON",
                    Some(site.config.default_lang()),
                    Some("https://specs.frictionlessdata.io/data-package/"),
                    Vec::new(),
                ),
            ],
        });
    }
    out
}

/// What the open-data page shows: every dataset with its downloads and their fields.
pub fn page_view(site: &Site, lang: Lang) -> Vec<DatasetView> {
    datasets(site, lang)
}

/// The EU Publications Office's language authority URI (DCAT-AP's vocabulary) of a language
/// code: the ISO 639-3 code in upper case (`vi` → `VIE`, `km` → `KHM`, `hmn` → `HMN`); a
/// subtag (`zh-hant`) is dropped, since the authority names languages, not scripts or regions.
fn lang_uri(code: &str) -> String {
    let primary = code.split('-').next().unwrap_or(code);
    let three = match primary.len() {
        2 => isolang::Language::from_639_1(primary).map(|l| l.to_639_3().to_string()),
        _ => isolang::Language::from_639_3(primary).map(|l| l.to_639_3().to_string()),
    }
    .unwrap_or_else(|| primary.to_string());
    format!(
        "http://publications.europa.eu/resource/authority/language/{}",
        three.to_ascii_uppercase()
    )
}

/// `data/catalog.json`: the DCAT catalogue of every download, described in the default language.
pub fn dcat(site: &Site) -> Value {
    let lang = site.config.default_lang();
    let licence = site.routes.absolute(&page_url(site, lang));
    let publisher = json!({"@type": "foaf:Agent", "foaf:name": site.config.title.str(lang), "foaf:homepage": site.routes.absolute(&site.routes.home(lang))});
    let datasets: Vec<Value> = datasets(site, lang)
        .into_iter()
        .map(|d| {
            let distributions: Vec<Value> = d
                .downloads
                .iter()
                .map(|x| {
                    let mut v = json!({
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": x.url,
                        "dcat:mediaType": x.media_type,
                        "dct:format": x.format,
                        "dct:license": licence,
                    });
                    if let Some(l) = &x.language {
                        v["dct:language"] = json!(lang_uri(l));
                    }
                    if let Some(c) = &x.conforms_to {
                        v["dct:conformsTo"] = json!(c);
                    }
                    v
                })
                .collect();
            let mut v = json!({
                "@type": "dcat:Dataset",
                "@id": format!("{}#{}", licence, d.id),
                "dct:identifier": d.id,
                "dct:title": d.title,
                "dct:description": d.description,
                "dct:language": d.languages.iter().map(|l| lang_uri(l)).collect::<Vec<_>>(),
                "dct:publisher": publisher,
                "dct:license": licence,
                "dcat:distribution": distributions,
            });
            if let Some(m) = &d.modified {
                v["dct:modified"] = json!(m);
            }
            v
        })
        .collect();
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/"
        },
        "@type": "dcat:Catalog",
        "dct:title": site.config.title.str(lang),
        "dct:description": site.config.description.str(lang),
        "dct:language": site.config.languages.iter().map(|l| lang_uri(l.code())).collect::<Vec<_>>(),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:modified": site.today.iso(),
        "foaf:homepage": site.routes.absolute(&site.routes.home(lang)),
        "dcat:dataset": datasets,
    })
}

/// schema.org `DataCatalog` with its `Dataset`s, for a `<script type="application/ld+json">`.
pub fn json_ld(site: &Site, lang: Lang) -> String {
    let licence = site.routes.absolute(&page_url(site, lang));
    let publisher = json!({"@type": "Organization", "name": site.config.title.str(lang), "url": site.routes.absolute(&site.routes.home(lang))});
    let datasets: Vec<Value> = datasets(site, lang)
        .into_iter()
        .map(|d| {
            let mut v = json!({
                "@type": "Dataset",
                "name": d.title,
                "description": d.description,
                "inLanguage": d.languages,
                "license": licence,
                "publisher": publisher,
                "isAccessibleForFree": true,
                "distribution": d.downloads.iter().map(|x| {
                    let mut o = json!({"@type": "DataDownload", "contentUrl": x.url, "encodingFormat": x.media_type});
                    if let Some(l) = &x.language { o["inLanguage"] = json!(l); }
                    o
                }).collect::<Vec<_>>(),
            });
            if let Some(m) = &d.modified {
                v["dateModified"] = json!(m);
            }
            v
        })
        .collect();
    let v = json!({
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": site.config.title.str(lang),
        "inLanguage": lang.code(),
        "url": licence,
        "license": licence,
        "publisher": publisher,
        "dateModified": site.today.iso(),
        "dataset": datasets,
    });
    serde_json::to_string(&v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::lang_uri;

    #[test]
    fn language_uris_use_the_eu_authority_with_iso_639_3_codes() {
        let base = "http://publications.europa.eu/resource/authority/language/";
        for (code, three) in [
            ("vi", "VIE"),
            ("en", "ENG"),
            ("km", "KHM"),
            ("th", "THA"),
            ("hmn", "HMN"),
            ("zh-hant", "ZHO"),
        ] {
            assert_eq!(lang_uri(code), format!("{base}{three}"), "{code}");
        }
    }
}
