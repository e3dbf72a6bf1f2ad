//! The site's own icons and web manifest: optional files in its `static/` folder, looked up once per resolve.

use crate::resolve::routes::Routes;
use std::path::Path;

/// The addresses of the optional files a page's head links to, when the site provides them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Icons {
    /// `static/manifest.webmanifest`.
    pub manifest: Option<String>,
    /// `static/icon.svg`.
    pub svg: Option<String>,
    /// `static/apple-touch-icon.png`.
    pub touch: Option<String>,
}

impl Icons {
    /// Looks the three files up in `root/static/` (one file-system call each, not one per page).
    pub fn find(root: &Path, routes: &Routes) -> Icons {
        let dir = root.join("static");
        let at = |name: &str| dir.join(name).is_file().then(|| routes.asset(name));
        Icons {
            manifest: at("manifest.webmanifest"),
            svg: at("icon.svg"),
            touch: at("apple-touch-icon.png"),
        }
    }
}
