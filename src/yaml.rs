//! YAML parsing with diagnostics that carry file, line, column and a suggested fix.

use crate::catalogue::{self, values, yaml, Said};
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
    let mut d = Diagnostic::error(file, classify(&message));
    if let Some(loc) = e.location() {
        d = d.at(Position::new(loc.line(), loc.column()));
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

/// The catalogue entry for a parser's message; the parser's English is only read, never shown.
fn classify(message: &str) -> Said {
    if let Some((code, value)) = catalogue::unmark(message) {
        return match code {
            "invalid-partial-date" => values::invalid_date(value, true),
            _ => values::invalid_date(value, false),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        return yaml::unknown_field(field, &expected, nearest(field, expected.iter().copied()));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let allowed = expected_names(rest);
        return yaml::unknown_value(value, &allowed, nearest(value, allowed.iter().copied()));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return yaml::missing_field(rest.split('`').next().unwrap_or(""));
    }
    if message.contains("invalid") || message.contains("expected") {
        return yaml::wrong_type();
    }
    yaml::syntax()
}
