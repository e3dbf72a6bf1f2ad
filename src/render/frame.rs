//! The frame every page shares: one output file, the base of a page view (title, URL,
//! alternates, breadcrumb) and the call of a page's template with the site-wide context.

use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::render::view::{self, Link, PageView};
use crate::resolve::Site;
use std::path::PathBuf;
use std::sync::Arc;

/// A file of the output, relative to the output folder.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Bytes,
    /// The source the file was made from, for messages.
    pub source: Option<PathBuf>,
}

/// A file's content: made for this output, or shared with what keeps it between `minh serve`'s
/// edits (the open-data packages, ~100 MB at 2 500 providers), so that a kept file is neither
/// copied nor compared again (see [`crate::build::ReadyFiles`]).
#[derive(Debug, Clone)]
pub enum Bytes {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

/// Bytes are equal when their contents are, owned or shared.
impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        **self == **other
    }
}

impl Eq for Bytes {}

impl std::hash::Hash for Bytes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Owned(v)
    }
}

impl From<Bytes> for Arc<[u8]> {
    /// Shared bytes as they are; owned ones moved into a new `Arc` (one copy).
    fn from(b: Bytes) -> Arc<[u8]> {
        match b {
            Bytes::Owned(v) => Arc::from(v),
            Bytes::Shared(a) => a,
        }
    }
}

impl Bytes {
    /// The bytes as a vector of their own (shared ones copied).
    pub fn into_vec(self) -> Vec<u8> {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Shared(a) => a.to_vec(),
        }
    }
}

/// Renders `template` with the common context plus `extra`, into the file for `url`.
pub fn page(
    site: &Site,
    lang: Lang,
    section: Option<SectionKey>,
    page: PageView,
    extra: tera::Context,
    source: Option<PathBuf>,
) -> Result<Output, Diagnostic> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", &view::site_view(site, lang, section));
    let template = format!("{}.html", page.template);
    ctx.insert_value("t", site.theme.strings_for(lang, &template));
    ctx.insert("lang", lang.code());
    let history = source
        .as_deref()
        .map(|s| crate::render::pagehistory::page_history(site, s, lang));
    ctx.insert("history", &history);
    let path = site.routes.output_path(&page.url);
    ctx.insert("page", &page);
    ctx.extend(extra);
    let html = site.theme.tera().render(&template, &ctx).map_err(|e| {
        crate::load::theme::template_error(&e, &PathBuf::from("themes").join(&site.config.theme))
    })?;
    Ok(Output {
        path,
        bytes: html.into_bytes().into(),
        source,
    })
}

/// The base of a page view: title, URL, alternates and switch, breadcrumb.
pub fn base_view(
    site: &Site,
    lang: Lang,
    template: &str,
    title: String,
    url: String,
    urls: &[(Lang, String)],
    crumbs: Vec<Link>,
) -> PageView {
    let (alternates, switch) = view::alternates(site, lang, urls);
    let mut breadcrumb = vec![Link {
        title: site.theme.t(lang, "home"),
        url: site.routes.home(lang),
    }];
    breadcrumb.extend(crumbs);
    PageView {
        template: template.into(),
        canonical: site.routes.absolute(&url),
        title,
        url,
        alternates,
        switch,
        breadcrumb,
        ..PageView::default()
    }
}
