//! Markdown to safe HTML: heading anchors, a table of contents, resolved links and plain text.

use crate::catalogue::Said;
use crate::slug::slugify;
use pulldown_cmark::{
    html, Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;
use std::collections::HashSet;

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link the markdown makes to something that needs resolving, and where it is.
#[derive(Debug, Clone)]
pub struct LinkProblem {
    /// Byte offset in the markdown body.
    pub offset: usize,
    pub target: String,
    pub said: Said,
}

/// The result of rendering one markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The text without markup, for search and summaries.
    pub text: String,
    /// Heading texts, for search.
    pub headings: Vec<String>,
    pub problems: Vec<LinkProblem>,
}

/// Turns an internal link target into a URL, or says why it cannot.
pub trait LinkResolver {
    fn resolve(&self, target: &str) -> Result<Option<String>, Said>;
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `body`, resolving links with `resolver`.
pub fn render(body: &str, resolver: &dyn LinkResolver) -> Rendered {
    // Sized once rather than grown (growing both was ~1 % of a 10 000-page build's
    // instructions): the text without markup is 0.89 of the source's bytes on the bench site,
    // 0.97 on the real one; the bench site's pages make an event per 22 bytes of source (at
    // least 19), the real site's per 52.
    let mut out = Rendered {
        text: String::with_capacity(body.len()),
        ..Rendered::default()
    };
    let mut ids: HashSet<String> = HashSet::new();
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 16 + 8);
    let mut raw_html = false;
    let mut heading: Option<(usize, HeadingLevel)> = None;
    let mut heading_text = String::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((events.len(), level));
                heading_text.clear();
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, _)) = heading.take() {
                    let id = unique_id(&heading_text, &mut ids);
                    events[at] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    });
                    let lvl = level as u8;
                    if (2..=3).contains(&lvl) {
                        out.toc.push(TocEntry {
                            level: lvl,
                            id,
                            text: heading_text.trim().to_string(),
                        });
                    }
                    out.headings.push(heading_text.trim().to_string());
                }
                events.push(Event::End(TagEnd::Heading(level)));
                out.text.push('\n');
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = resolve_link(
                    &dest_url,
                    link_type,
                    range.start,
                    resolver,
                    &mut out.problems,
                );
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if is_external(&dest_url) {
                    out.problems.push(LinkProblem {
                        offset: range.start,
                        target: dest_url.to_string(),
                        said: crate::catalogue::links::external_image(&dest_url),
                    });
                    CowStr::Borrowed("#")
                } else {
                    resolve_link(
                        &dest_url,
                        link_type,
                        range.start,
                        resolver,
                        &mut out.problems,
                    )
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if heading.is_some() {
                    heading_text.push_str(t);
                }
                out.text.push_str(t);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.text.push('\n');
                events.push(event);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    let mut cells = AlignedCells::default();
    html::push_html(&mut html_out, events.into_iter().map(|e| cells.event(e)));
    out.html = if raw_html {
        sanitize(&html_out)
    } else {
        html_out
    };
    out
}

/// The column alignments of the table being written, as the theme's classes rather than the
/// `style` attributes pulldown-cmark writes: the site's Content-Security-Policy (`style-src
/// 'self'`) blocks inline styles, which would leave the columns unaligned and report a violation
/// in the browser's console. Made as the events are written (replacing the styles in the page's
/// HTML afterwards searched it three times over: ~2 % of a 10 000-page build's CPU).
#[derive(Default)]
struct AlignedCells {
    columns: Vec<Alignment>,
    head: bool,
    /// The next cell's column.
    cell: usize,
    /// The end tag of the cell open, when its start was written here.
    open: Option<&'static str>,
}

impl AlignedCells {
    /// `event` as it is written: the table without alignments, an aligned cell's start and end
    /// tags as HTML, its class in the start tag.
    fn event<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::Start(Tag::Table(columns)) => {
                let plain = vec![Alignment::None; columns.len()];
                self.columns = columns;
                Event::Start(Tag::Table(plain))
            }
            Event::Start(Tag::TableHead) => {
                (self.head, self.cell) = (true, 0);
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                event
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.columns.get(self.cell) {
                    Some(Alignment::Left) => "al-left",
                    Some(Alignment::Center) => "al-center",
                    Some(Alignment::Right) => "al-right",
                    _ => "",
                };
                self.cell += 1;
                if class.is_empty() {
                    return event;
                }
                let (tag, end) = if self.head {
                    ("th", "</th>")
                } else {
                    ("td", "</td>")
                };
                self.open = Some(end);
                Event::Html(CowStr::from(format!("<{tag} class=\"{class}\">")))
            }
            Event::End(TagEnd::TableCell) => match self.open.take() {
                Some(end) => Event::Html(CowStr::Borrowed(end)),
                None => event,
            },
            other => other,
        }
    }
}

fn resolve_link<'a>(
    dest: &CowStr<'a>,
    link_type: LinkType,
    offset: usize,
    resolver: &dyn LinkResolver,
    problems: &mut Vec<LinkProblem>,
) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email) {
        return dest.clone();
    }
    let lower = dest.trim().to_ascii_lowercase();
    if lower.starts_with("javascript:")
        || lower.starts_with("data:")
        || lower.starts_with("vbscript:")
    {
        problems.push(LinkProblem {
            offset,
            target: dest.to_string(),
            said: crate::catalogue::links::link_runs_code(dest),
        });
        return CowStr::Borrowed("#");
    }
    match resolver.resolve(dest) {
        Ok(Some(url)) => CowStr::from(url),
        Ok(None) => dest.clone(),
        Err(said) => {
            problems.push(LinkProblem {
                offset,
                target: dest.to_string(),
                said,
            });
            dest.clone()
        }
    }
}

fn unique_id(text: &str, ids: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_string(),
        s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("s-{s}"),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Removes scripts, event handlers, styles and unsafe URLs from HTML that came from raw HTML.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "lang"]);
    b.add_tag_attributes("th", ["scope"]);
    let classes = ["al-left", "al-center", "al-right"];
    b.add_allowed_classes("th", classes);
    b.add_allowed_classes("td", classes);
    b.add_tag_attributes("a", ["hreflang"]);
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.link_rel(None);
    // Images, audio and video load by themselves: only files of the site itself, never another host.
    b.attribute_filter(|element, attribute, value| {
        let loads =
            matches!(attribute, "src" | "srcset") || (element == "video" && attribute == "poster");
        if loads && is_external(value) {
            None
        } else {
            Some(value.into())
        }
    });
    b.clean(html).to_string()
}

/// Whether a URL points to another host (a scheme, or a scheme-relative `//host`).
fn is_external(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("//")
        || u.contains("://")
        || u.split(',')
            .any(|part| part.trim().starts_with("//") || part.contains("://"))
}

/// Line number (1-based, relative to the body) of a byte offset.
pub fn line_of(body: &str, offset: usize) -> usize {
    body.as_bytes()[..offset.min(body.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_drops_images_from_other_hosts() {
        let out = sanitize("<p><img src=\"https://tracker.example/p.png\" alt=\"a\"><img src=\"//t.example/x.png\" alt=\"b\"><img src=\"/own.png\" alt=\"c\"></p>");
        assert!(!out.contains("tracker.example"), "{out}");
        assert!(!out.contains("t.example"), "{out}");
        assert!(out.contains("src=\"/own.png\""), "{out}");
    }

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, _: &str) -> Result<Option<String>, Said> {
            Ok(None)
        }
    }

    #[test]
    fn headings_get_stable_ascii_ids_and_a_toc() {
        let r = render(
            "## I. Mục đích\n\ntext\n\n## I. Mục đích\n\n### 1. Yêu cầu\n",
            &NoLinks,
        );
        assert!(r.html.contains("<h2 id=\"i-muc-dich\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"i-muc-dich-1\">"));
        assert!(r.html.contains("<h3 id=\"s-1-yeu-cau\">"));
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn an_image_from_another_host_is_refused() {
        let r = render("![x](https://tracker.example/p.png)\n", &NoLinks);
        assert!(!r.html.contains("tracker.example"), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].said.code, "external-image");
    }

    #[test]
    fn raw_html_is_sanitized() {
        let r = render(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a> <img src=x onerror=y>\n",
            &NoLinks,
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("onerror"));
        assert!(!r.html.contains("javascript:"));
    }

    #[test]
    fn javascript_links_in_markdown_are_refused() {
        let r = render("[x](javascript:alert(1))\n", &NoLinks);
        assert_eq!(r.problems.len(), 1);
        assert!(!r.html.contains("javascript:"));
    }

    #[test]
    fn tables_and_footnotes_render() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note.\n",
            &NoLinks,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn column_alignment_is_a_class_not_an_inline_style() {
        let md = "| Tỉnh | Số người | Ghi chú |\n|:---|---:|:---:|\n| Cần Thơ | 5.990 | a |\n";
        for body in [md.to_string(), format!("{md}\n<span>raw</span>\n")] {
            let r = render(&body, &NoLinks);
            assert!(!r.html.contains("style="), "{}", r.html);
            assert!(
                r.html.contains("<th class=\"al-left\">Tỉnh</th>"),
                "{}",
                r.html
            );
            assert!(
                r.html.contains("<td class=\"al-right\">5.990</td>"),
                "{}",
                r.html
            );
            assert!(
                r.html.contains("<td class=\"al-center\">a</td>"),
                "{}",
                r.html
            );
        }
        let plain = render("| a |\n|---|\n| 1 |\n", &NoLinks);
        assert!(plain.html.contains("<td>1</td>"), "{}", plain.html);
        let css = include_str!("../themes/default/static/css/site.css");
        for class in ["al-left", "al-center", "al-right"] {
            assert!(
                css.contains(&format!(".prose .{class}{{")),
                "{class} has no rule"
            );
        }
    }
}
