//! Markdown files with front matter, as `minh build` and `minh serve` load them (every kind).
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh::load::{load_source, LoadOptions};

#[path = "site.rs"]
mod site;

fuzz_target!(|data: &[u8]| {
    let root = site::root("front_matter");
    for rel in ["content/plans/thu.vi.md", "content/_index.en.md"] {
        site::put(root, rel, data);
        let _ = load_source(
            root,
            &root.join(rel),
            LoadOptions {
                include_drafts: true,
            },
        );
    }
});
