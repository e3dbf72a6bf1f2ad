//! The Rust tokenizer and search.js's tokenizer give the same tokens for tests/phrases.txt.

use minh_search::{tokenize, Lang, TokenKind};
use std::path::Path;
use std::process::Command;

fn rust_tokens(lang: Lang, text: &str) -> Vec<(String, String, String, u32)> {
    tokenize(lang, text)
        .into_iter()
        .map(|t| {
            let k = if t.kind == TokenKind::Word { "w" } else { "b" };
            (k.to_string(), t.folded, t.exact, t.pos)
        })
        .collect()
}

/// Runs node on a script; None (after printing SKIPPED) when node is missing outside CI.
pub fn run_node(args: &[&str]) -> Option<Vec<u8>> {
    match Command::new("node").args(args).output() {
        Ok(out) => {
            assert!(
                out.status.success(),
                "node failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out.stdout)
        }
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "node not found (CI=true): {e}"
            );
            println!("SKIPPED: node not found ({e})");
            None
        }
    }
}

#[test]
fn js_tokenizer_matches_rust() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let js = dir.join("../../themes/default/static/js/search.js");
    let script = dir.join("tests/js_tokens.mjs");
    let phrases = dir.join("tests/phrases.txt");
    let args = [script.to_str(), js.to_str(), phrases.to_str()];
    let args: Vec<&str> = args.iter().map(|a| a.expect("utf-8 path")).collect();
    let Some(stdout) = run_node(&args) else {
        return;
    };
    let cases: Vec<serde_json::Value> =
        serde_json::from_slice(&stdout).expect("node output is JSON");
    assert!(cases.len() > 80, "too few phrases: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let lang = if case["lang"] == "en" {
            Lang::En
        } else {
            Lang::Vi
        };
        let text = case["text"].as_str().unwrap_or_default();
        let js_tokens: Vec<(String, String, String, u32)> =
            serde_json::from_value(case["tokens"].clone()).expect("token tuples");
        let rs = rust_tokens(lang, text);
        if rs != js_tokens {
            failures.push(format!(
                "{lang:?} {text:?}\n  rust: {rs:?}\n  js:   {js_tokens:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
