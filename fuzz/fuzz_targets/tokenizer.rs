//! The search tokenizer (Rust side), both languages, and the word-level helpers: no panic,
//! and the same text always gives the same tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh_search::{tokenize, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for lang in [Lang::Vi, Lang::En] {
        let tokens = tokenize(lang, text);
        let again = tokenize(lang, text);
        assert_eq!(tokens.len(), again.len());
        for (a, b) in tokens.iter().zip(&again) {
            assert!(a.folded == b.folded && a.exact == b.exact && a.pos == b.pos);
        }
    }
});
