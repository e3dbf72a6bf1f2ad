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
const FORBIDDEN: [&str; 8] = [
    "<script", "<iframe", "<style", "<object", "<embed", "<form", "<svg", "<img",
];

fn check(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in FORBIDDEN {
        assert!(!lower.contains(tag), "{tag} in output: {html}");
    }
    for attr in [" onerror=", " onload=", " onclick=", " style=", " srcdoc="] {
        assert!(!lower.contains(attr), "{attr} in output: {html}");
    }
    assert!(!lower.contains("href=\"javascript:"), "script link: {html}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(text, &Links);
    check(&rendered.html);
    check(&sanitize(text));
});
