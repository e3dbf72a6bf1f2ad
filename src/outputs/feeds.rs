//! Site-wide files: Atom feeds, sitemap, robots.txt, the root redirect and open data.

use crate::lang::Lang;
use crate::load::kinds::Front;
use crate::render::sitedata::SiteData;
use crate::render::Output;
use crate::resolve::{Page, Site};
use crate::xml::escape as xml;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The site-wide files but the search index ([`crate::outputs::searchindex::lang_unpacked`]).
pub fn outputs_but_search(site: &Site, data: &SiteData) -> Vec<Output> {
    let mut out = vec![sitemap(site, data), robots(site), root_index(site)];
    for lang in site.config.langs() {
        out.push(feed(site, lang));
    }
    out.extend(crate::outputs::opendata::outputs(site, data));
    out
}

fn file(path: &str, text: String) -> Output {
    Output {
        path: PathBuf::from(path),
        bytes: text.into_bytes(),
        source: None,
    }
}

fn sitemap(site: &Site, data: &SiteData) -> Output {
    let r = &site.routes;
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for group in &data.page_groups {
        for (_, url) in group {
            let _ = writeln!(s, "  <url>\n    <loc>{}</loc>", xml(&r.absolute(url)));
            for (l, u) in group {
                let _ = writeln!(
                    s,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    l.code(),
                    xml(&r.absolute(u))
                );
            }
            if let Some((_, u)) = group.iter().find(|(l, _)| l.is_default()) {
                let _ = writeln!(
                    s,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    xml(&r.absolute(u))
                );
            }
            s.push_str("  </url>\n");
        }
    }
    s.push_str("</urlset>\n");
    file("sitemap.xml", s)
}

fn robots(site: &Site) -> Output {
    file(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.routes.absolute(&site.routes.asset("sitemap.xml"))
        ),
    )
}

/// `/` sends to the default language's home without JavaScript.
fn root_index(site: &Site) -> Output {
    let default = site.config.default_lang();
    let home = site.routes.home(default);
    let title = xml(&site.config.title.str(default));
    let others: String = default
        .others()
        .map(|l| {
            format!(
                " · <a href=\"{}\" lang=\"{l}\" hreflang=\"{l}\">{}</a>",
                site.routes.home(l),
                xml(&site.theme.t(l, "lang_name"))
            )
        })
        .collect();
    let css = site.routes.asset("static/css/site.css");
    file(
        "index.html",
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"refresh\" content=\"0; url={home}\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{abs}\">\n<link rel=\"stylesheet\" href=\"{css}\">\n</head>\n<body data-template=\"redirect\">\n<main id=\"main\"><p><a href=\"{home}\">{title}</a>{others}</p></main>\n</body>\n</html>\n",
            csp = CSP,
            abs = xml(&site.routes.absolute(&home)),
            lang = default.code(),
            others = others,
        ),
    )
}

/// The Content-Security-Policy of every page.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

struct Entry<'a> {
    page: &'a Page,
    /// Its address in the feed's language (a page shown in place of a missing translation too).
    url: String,
    /// The language of its text, when it is not the feed's.
    lang: Option<&'static str>,
    updated: String,
}

fn feed(site: &Site, lang: Lang) -> Output {
    let r = &site.routes;
    let mut entries: Vec<Entry> = site
        .pages_shown(None, lang)
        .into_iter()
        .filter_map(|shown| {
            let p = shown.page;
            let day = match &p.source.front {
                Front::Update(f) => f.date.0,
                Front::Plan(f) => match f.issued {
                    Some(d) => d.first_day(),
                    None => chrono::NaiveDate::from_ymd_opt(f.period.from, 1, 1)?,
                },
                _ => return None,
            };
            Some(Entry {
                page: p,
                lang: shown.fallback.then(|| p.lang().code()),
                url: shown.url,
                updated: format!("{}T00:00:00Z", day.format("%Y-%m-%d")),
            })
        })
        .collect();
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.url.cmp(&b.url)));
    entries.truncate(site.config.feed_limit);
    let self_url = r.absolute(&r.asset(&format!("{}/atom.xml", lang.code())));
    let updated = entries
        .first()
        .map(|e| e.updated.clone())
        .unwrap_or_else(|| "2026-01-01T00:00:00Z".into());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        lang.code()
    );
    let _ = writeln!(s, "  <title>{}</title>", xml(&site.config.title.str(lang)));
    let _ = writeln!(
        s,
        "  <subtitle>{}</subtitle>",
        xml(&site.config.description.str(lang))
    );
    let _ = writeln!(s, "  <id>{}</id>", xml(&self_url));
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&self_url)
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&r.absolute(&r.home(lang)))
    );
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let _ = writeln!(
        s,
        "  <author><name>{}</name></author>",
        xml(&site.config.title.str(lang))
    );
    for e in &entries {
        let url = r.absolute(&e.url);
        let kind = site.theme.t(lang, e.page.kind().spec().feed_category);
        let entry_lang = e
            .lang
            .map(|l| format!(" xml:lang=\"{l}\""))
            .unwrap_or_default();
        let _ = writeln!(s, "  <entry{entry_lang}>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n    <category term=\"{}\"/>", xml(e.page.source.front.title()), xml(&url), xml(&url), e.updated, xml(&kind));
        if let Some(sum) = e.page.source.front.summary() {
            let _ = writeln!(s, "    <summary>{}</summary>", xml(sum));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    file(&format!("{}/atom.xml", lang.code()), s)
}
