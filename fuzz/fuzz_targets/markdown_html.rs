//! Markdown with raw HTML through the renderer and the sanitizer: no panic, and nothing that
//! runs script or loads from elsewhere comes out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh::catalogue::Said;
use minh::markdown::{render, sanitize, LinkResolver};

struct Links;

impl LinkResolver for Links {
    fn resolve(&self, target: &str) -> Result<Option<String>, Said> {
        Ok(target.strip_prefix("@/").map(|p| format!("/vi/{p}/")))
    }
}

/// Tags that must never come out of the sanitizer, whatever goes in.
const FORBIDDEN: [&str; 7] = [
    "<script", "<iframe", "<style", "<object", "<embed", "<form", "<svg",
];

/// The attributes of a tag's inside (`a href="x" title='y'`), as (name, value).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let b = tag.as_bytes();
    let mut i = b.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(b.len());
    let mut out = Vec::new();
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = tag[start..i].to_string();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = tag[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                    value = tag[i + 1..end].to_string();
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = tag[start..i].to_string();
                }
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        if i == start {
            i += 1;
        }
    }
    out
}

/// Checks every tag of the output (text never holds a bare `<`: it is escaped as `&lt;`).
fn check(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        for bad in FORBIDDEN {
            let name = format!("<{}", tag.split_whitespace().next().unwrap_or(""));
            assert!(name != bad, "<{tag}> in output: {html}");
        }
        for (name, value) in attributes(tag) {
            assert!(
                !name.starts_with("on") && name != "style" && name != "srcdoc",
                "attribute {name} in <{tag}>: {html}"
            );
            if name == "href" || name == "src" {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(!v.starts_with(scheme), "script link in <{tag}>: {html}");
                }
                // An image from another host is a request to that host.
                if name == "src" {
                    for remote in ["http:", "https:", "//"] {
                        assert!(!v.starts_with(remote), "remote image in <{tag}>: {html}");
                    }
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(text, &Links);
    check(&rendered.html);
    check(&sanitize(text));
});
