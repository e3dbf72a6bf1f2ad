//! The frame every page shares: one output file, the base of a page view (title, URL,
//! alternates, breadcrumb) and the call of a page's template with the site-wide context.

use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::render::view::{self, Link, PageView};
use crate::resolve::Site;
use std::path::PathBuf;

/// A file of the output, relative to the output folder.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The source the file was made from, for messages.
    pub source: Option<PathBuf>,
}

/// The room a page's bytes start with: most pages of the bench site take 8–16 KB.
const PAGE_BYTES: usize = 16 * 1024;

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
    ctx.insert_value(
        "site",
        crate::render::sitecontext::site_value(site, lang, section),
    );
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
    // Rendered into bytes, not a String: tera's `render` checks the whole page is UTF-8 again
    // (4 % of the CPU of a template edit), though it writes nothing but strings.
    let mut bytes = Vec::with_capacity(PAGE_BYTES);
    let tera = site.theme.tera_for(&template);
    tera.render_to(&template, &ctx, &mut bytes).map_err(|e| {
        crate::load::theme::template_error(&e, &PathBuf::from("themes").join(&site.config.theme))
    })?;
    Ok(Output {
        path,
        bytes,
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
