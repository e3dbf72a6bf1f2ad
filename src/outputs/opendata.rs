//! Open data downloads: the provider directory as HSDS 3.0 packages (JSON and CSV) per language, and statistics.

use crate::hsds::{self, tabular};
use crate::lang::Lang;
use crate::render::sitedata::SiteData;
use crate::render::Output;
use crate::resolve::Site;
use std::path::PathBuf;

pub use crate::hsds::dir as hsds_dir;
pub use crate::hsds::export::taxonomy;

fn out(path: String, bytes: Vec<u8>) -> Output {
    Output {
        path: PathBuf::from(path),
        bytes,
        source: None,
    }
}

fn json_bytes<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).unwrap_or_default();
    b.push(b'\n');
    b
}

/// The files of the HSDS package in `lang`: `services.json`, `taxonomy.json`, the CSV tables and `datapackage.json`.
pub fn hsds_package(site: &Site, lang: Lang) -> Vec<Output> {
    let dir = hsds_dir(lang);
    let services = hsds::export::services(site, lang);
    let tax = taxonomy(site, lang);
    let mut files = vec![
        out(format!("{dir}/services.json"), json_bytes(&services)),
        out(format!("{dir}/taxonomy.json"), json_bytes(&tax)),
    ];
    let rows = tabular::rows(&services, &tax.taxonomies, &tax.taxonomy_terms);
    for (name, path, columns) in tabular::tables() {
        let table: &[serde_json::Value] = rows
            .get(&name)
            .and_then(|v| v.as_array())
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        files.push(out(format!("{dir}/{path}"), tabular::csv(&columns, table)));
    }
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
    files.push(out(
        format!("{dir}/datapackage.json"),
        json_bytes(&tabular::datapackage(&info)),
    ));
    files
}

/// The HSDS packages of every language, then the statistics files and the catalogue render made.
pub fn outputs(site: &Site, data: &SiteData) -> Vec<Output> {
    let mut files = Vec::new();
    for lang in site.config.langs() {
        files.extend(hsds_package(site, lang));
    }
    files.extend(data.data_files.iter().cloned());
    files
}
