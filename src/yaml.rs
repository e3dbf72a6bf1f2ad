//! YAML parsing with diagnostics that carry file, line, column and a suggested fix.

use crate::diagnostics::{nearest, Diagnostic, Position};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `src` as `T`; on failure returns one diagnostic located in `file`, `line_offset`
/// lines below the start of the file (for front matter inside markdown).
pub fn parse<T: DeserializeOwned>(
    src: &str,
    file: &Path,
    line_offset: u32,
) -> Result<T, Box<Diagnostic>> {
    serde_saphyr::from_str::<T>(src).map_err(|e| Box::new(to_diagnostic(&e, file, line_offset)))
}

fn to_diagnostic(e: &serde_saphyr::Error, file: &Path, line_offset: u32) -> Diagnostic {
    let full = e.to_string();
    let message = first_message(&full);
    let (code, fix) = classify(&message);
    let mut d = Diagnostic::error(code, file, message);
    if let Some(loc) = e.location() {
        d = d.at(Position::new(loc.line(), loc.column()));
    }
    if let Some(fix) = fix {
        d = d.fix(fix);
    }
    d.offset_lines(line_offset)
}

/// The message part of the crate's report, without its location prefix and snippet.
fn first_message(full: &str) -> String {
    let line = full.lines().next().unwrap_or(full).trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    match line.find(": ") {
        Some(i) if line.starts_with("line ") => line[i + 2..].to_string(),
        _ => line.to_string(),
    }
}

/// The names after "expected one of" (or "expected") in a serde message.
fn expected_names(rest: &str) -> Vec<&str> {
    rest.split("expected one of ")
        .nth(1)
        .or_else(|| rest.split("expected ").nth(1))
        .unwrap_or("")
        .split(", ")
        .map(|s| s.trim_matches(|c| c == '`' || c == ' '))
        .filter(|s| !s.is_empty())
        .collect()
}

fn classify(message: &str) -> (&'static str, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        let fix = match nearest(field, expected.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? Rename `{field}` to `{n}`."),
            None => format!(
                "remove `{field}`; the fields allowed here are: {}.",
                expected.join(", ")
            ),
        };
        return ("unknown-field", Some(fix));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let allowed = expected_names(rest);
        let fix = match nearest(value, allowed.iter().copied()) {
            Some(n) => format!("did you mean `{n}`? Write `{n}` instead of `{value}`."),
            None => format!("use one of: {}.", allowed.join(", ")),
        };
        return ("unknown-value", Some(fix));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return (
            "missing-field",
            Some(format!("add a line `{field}: ...` with the value.")),
        );
    }
    if message.contains("is not a date") || message.contains("does not exist") {
        return (
            "invalid-date",
            Some("write the date as YYYY-MM-DD with a day that exists, e.g. 2024-03-13.".into()),
        );
    }
    if message.contains("invalid") || message.contains("expected") {
        return (
            "wrong-type",
            Some("check the value's type: text in quotes, numbers without quotes, lists with `- ` items.".into()),
        );
    }
    (
        "yaml-syntax",
        Some("check indentation (spaces, not tabs), quotes around text that contains `:` or `#`, and closing brackets.".into()),
    )
}
