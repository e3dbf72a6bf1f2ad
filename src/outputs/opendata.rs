//! Open data downloads: the provider directory as HSDS 3.0 packages (JSON and CSV) per language, and statistics.

use crate::hsds;
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

/// The files of the HSDS package in `lang`: `services.json`, `taxonomy.json`, the CSV tables and
/// `datapackage.json` (in `minh serve`, kept between edits that change no record: see [`hsds::package`]).
pub fn hsds_package(site: &Site, lang: Lang) -> Vec<Output> {
    let dir = hsds_dir(lang);
    let files = hsds::package::files(site, lang).into_iter();
    files
        .map(|(name, bytes)| out(format!("{dir}/{name}"), bytes))
        .collect()
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
