//! Provider and hotline YAML records, loaded and checked as `minh build` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh::diagnostics::Diagnostics;
use minh::load::LoadOptions;

#[path = "site.rs"]
mod site;

fuzz_target!(|data: &[u8]| {
    let root = site::root("yaml_records");
    site::put(root, "content/facilities/co-so-thu.yaml", data);
    site::put(root, "content/hotlines.yaml", data);
    let mut diags = Diagnostics::new();
    let _ = minh::load::records::load(root, LoadOptions::default(), &mut diags);
});
