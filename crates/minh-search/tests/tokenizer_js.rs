//! The Rust tokenizer and search.js's tokenizer give the same tokens for tests/phrases.txt.
//! Without node the test is reported as ignored with the reason, and fails under CI=true.

#[path = "../../../tests/common/harness.rs"]
mod harness;

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

/// Runs node on a script and returns what it printed.
fn run_node(args: &[&str]) -> Vec<u8> {
    let out = Command::new("node")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Why node cannot run here, if it cannot.
fn missing_node() -> Option<String> {
    Command::new("node")
        .arg("--version")
        .output()
        .err()
        .map(|e| format!("node not found ({e})"))
}

fn js_tokenizer_matches_rust() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let js = dir.join("../../themes/default/static/js/search.js");
    let script = dir.join("tests/js_tokens.mjs");
    let phrases = dir.join("tests/phrases.txt");
    let args = [script.to_str(), js.to_str(), phrases.to_str()];
    let args: Vec<&str> = args.iter().map(|a| a.expect("utf-8 path")).collect();
    let stdout = run_node(&args);
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

fn main() {
    harness::main(
        include_str!("tokenizer_js.rs"),
        vec![harness::trial(
            "js_tokenizer_matches_rust",
            missing_node(),
            js_tokenizer_matches_rust,
        )],
    )
}
