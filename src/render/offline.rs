//! Offline reading: the service worker (versioned by the build), the pages it keeps from the start, and the offline page of each language.

use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::render::frame::{base_view, page, Output};
pub use crate::render::view::SERVICE_WORKER;
use crate::resolve::Site;
use std::path::{Path, PathBuf};

/// The address of the offline page of `lang`: a file (`/vi/ngoai-tuyen.html`), not a folder, as
/// it is no page to list in the sitemap or to find by search.
pub fn offline_url(site: &Site, lang: Lang) -> String {
    format!(
        "{}{}.html",
        site.routes.home(lang),
        site.theme.t(lang, "offline_slug")
    )
}

/// The page shown for a page not kept on the device when the connection is lost.
pub fn offline_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let urls = crate::render::view::all_langs(site, |l| offline_url(site, l));
    let mut v = base_view(
        site,
        lang,
        "offline",
        site.theme.t(lang, "offline_title"),
        offline_url(site, lang),
        &urls,
        vec![],
    );
    v.breadcrumb.clear();
    page(site, lang, None, v, tera::Context::new(), None)
}

/// Pages and files every visitor's device keeps from the first visit on, when the build has them:
/// each language's home, help lines, finder and offline page, the styles and scripts, the icons.
fn precache(site: &Site, have: &dyn Fn(&str) -> bool) -> Vec<String> {
    let r = &site.routes;
    let mut urls = Vec::new();
    for lang in site.config.langs() {
        urls.push(r.home(lang));
        urls.push(r.section(SectionKey::Hotlines, lang));
        urls.push(r.section(SectionKey::Facilities, lang));
        urls.push(offline_url(site, lang));
    }
    for asset in [
        "static/css/site.css",
        "static/css/print.css",
        "static/js/offline.js",
        "static/js/finder.js",
        "static/js/search.js",
        "manifest.webmanifest",
        "icon.svg",
    ] {
        urls.push(r.asset(asset));
    }
    urls.retain(|u| have(u));
    urls
}

/// The build's version: a hash of every output file's path and content (of each file's
/// [`file_hash`], so that `minh serve` hashes again only the files an edit changed), so any change
/// anywhere gives a new service worker (and with it a fresh cache).
fn version(files: &[(&Path, &[u8])]) -> String {
    let hashes: Vec<(&Path, u128)> = files.iter().map(|(p, b)| (*p, file_hash(b))).collect();
    version_of_hashes(&hashes)
}

/// The hash of one file's content that the build's version is made of, and that tells the
/// writer a file is the same as the previous build's: XXH3, 128 bits (the same on every build,
/// machine and toolchain, unlike `DefaultHasher`). Every output byte goes through it: the
/// 98 MB of the 10 000-page corpus in 15 ms, where SipHash-1-3 took 50 ms.
pub fn file_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// One file's share of the build's version: SipHash-1-3 (128 bits) of its path's length and
/// bytes and its [`file_hash`].
pub fn entry_hash(path: &Path, hash: u128) -> u128 {
    use siphasher::sip128::Hasher128 as _;
    use std::hash::Hasher as _;
    let mut h = siphasher::sip128::SipHasher13::new();
    let bytes = path.as_os_str().as_encoded_bytes();
    h.write(&(bytes.len() as u64).to_le_bytes());
    h.write(bytes);
    h.write(&hash.to_le_bytes());
    h.finish128().into()
}

/// The build's version from every other output file's path and [`file_hash`]: the wrapping sum
/// of their [`entry_hash`]es, with their number, hashed (SipHash-1-3, stable across builds and
/// toolchains). A sum, not a hash of the files in order, so that `minh serve` brings it up to
/// date after an edit from the files the edit changed alone (see [`version_of_sum`]).
pub fn version_of_hashes(files: &[(&Path, u128)]) -> String {
    let sum = files
        .iter()
        .fold(0u128, |s, (p, h)| s.wrapping_add(entry_hash(p, *h)));
    version_of_sum(sum, files.len())
}

/// [`version_of_hashes`] from the sum of the files' [`entry_hash`]es and their number.
pub fn version_of_sum(sum: u128, files: usize) -> String {
    use std::hash::Hasher as _;
    let mut h = siphasher::sip::SipHasher13::new();
    h.write(&sum.to_le_bytes());
    h.write(&(files as u64).to_le_bytes());
    format!("{:016x}", h.finish())
}

/// `sw.js` for the site built into `outputs`: the theme's `sw.js` with the version, the pages to
/// keep from the start and the offline page of each language filled in. None when the theme has
/// no service worker.
pub fn service_worker(site: &Site, outputs: &[Output]) -> Option<Output> {
    let files: Vec<(&Path, &[u8])> = outputs
        .iter()
        .map(|o| (o.path.as_path(), o.bytes.as_slice()))
        .collect();
    service_worker_of(site, &files)
}

/// `sw.js` for the site made of `files` (path and content of every other output file).
pub fn service_worker_of(site: &Site, files: &[(&Path, &[u8])]) -> Option<Output> {
    let paths: std::collections::HashSet<&Path> = files.iter().map(|(p, _)| *p).collect();
    service_worker_with(site, &|p| paths.contains(p), &|| Some(version(files)))
}

/// `sw.js` for the site whose other output files are those `has` holds, with the version `version` gives
/// (asked only when the theme has a service worker; `None` fails).
pub fn service_worker_with(
    site: &Site,
    has: &dyn Fn(&Path) -> bool,
    version: &dyn Fn() -> Option<String>,
) -> Option<Output> {
    let template = std::fs::read_to_string(site.theme.dir.join(SERVICE_WORKER)).ok()?;
    let have = |url: &str| {
        let p = site.routes.output_path(url);
        has(p.as_path())
    };
    let offline: Vec<(String, String)> = site
        .config
        .langs()
        .iter()
        .map(|l| (site.routes.home(l), offline_url(site, l)))
        .filter(|(_, u)| have(u))
        .collect();
    let js = template
        .replace("__MINH_VERSION__", &version()?)
        .replace(
            "__MINH_PRECACHE__",
            &serde_json::to_string(&precache(site, &have)).unwrap_or_else(|_| "[]".into()),
        )
        .replace(
            "__MINH_OFFLINE__",
            &serde_json::to_string(&offline).unwrap_or_else(|_| "[]".into()),
        );
    Some(Output {
        path: PathBuf::from(SERVICE_WORKER),
        bytes: js.into_bytes(),
        source: Some(
            PathBuf::from("themes")
                .join(&site.config.theme)
                .join(SERVICE_WORKER),
        ),
    })
}
