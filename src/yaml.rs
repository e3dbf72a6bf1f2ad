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
    serde_saphyr::from_str::<T>(src)
        .map_err(|e| Box::new(to_diagnostic(&e, src, file, line_offset)))
}

fn to_diagnostic(e: &serde_saphyr::Error, src: &str, file: &Path, line_offset: u32) -> Diagnostic {
    let full = e.to_string();
    let message = first_message(&full);
    let lines: Vec<&str> = src.lines().collect();
    let at = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize));
    let spot = Spot {
        lines: &lines,
        line: at.map_or(0, |a| a.0),
        column: at.map_or(0, |a| a.1),
        offset: line_offset as usize,
    };
    let (said, moved) = classify(&message, &spot);
    let mut d = Diagnostic::error(file, said);
    match (moved, at) {
        (Some(line), _) => d = d.at(Position::new(line as u64, 1)),
        (None, Some((l, c))) => d = d.at(Position::new(l as u64, c as u64)),
        _ => {}
    }
    d.offset_lines(line_offset)
}

/// The source lines around a parser error, to name the exact fix.
struct Spot<'a> {
    lines: &'a [&'a str],
    /// 1-based line of the error; 0 when unknown.
    line: usize,
    /// 1-based column of the error; 0 when unknown.
    column: usize,
    /// Lines of the file above the YAML (front matter starts on line 2).
    offset: usize,
}

/// One `key: value` line taken apart.
struct KeyLine<'a> {
    indent: usize,
    /// `- ` when the line starts a list item.
    dash: &'a str,
    key: &'a str,
    value: &'a str,
    /// For a value inside `{...}` on a longer line: the whole line and the value's byte range.
    within: Option<(&'a str, usize, usize)>,
}

impl<'a> Spot<'a> {
    fn text(&self, line: usize) -> &'a str {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or("")
    }

    fn here(&self) -> &'a str {
        self.text(self.line)
    }

    fn key_line(&self, line: usize) -> Option<KeyLine<'a>> {
        key_line(self.text(line))
    }

    /// The field at the error's column: inside a `{...}` group, the `key: value` there.
    fn key_at_error(&self) -> Option<KeyLine<'a>> {
        let text = self.here();
        let start = text
            .char_indices()
            .nth(self.column.saturating_sub(1))
            .map(|(i, _)| i)?;
        let before = &text[..start];
        if !before.contains('{') {
            return self.key_line(self.line);
        }
        let key_start = before.rfind(['{', ','])? + 1;
        let key = before[key_start..].trim().strip_suffix(':')?.trim();
        let end = text[start..]
            .find([',', '}'])
            .map_or(text.len(), |e| start + e);
        Some(KeyLine {
            indent: 0,
            dash: "",
            key,
            value: text[start..end].trim(),
            within: Some((text, start, end)),
        })
    }

    /// A line number of the YAML as a line number of the file.
    fn abs(&self, line: usize) -> usize {
        line + self.offset
    }

    /// The nearest line above `line` that holds a field.
    fn key_above(&self, line: usize) -> Option<(usize, KeyLine<'a>)> {
        (1..line)
            .rev()
            .find_map(|l| self.key_line(l).map(|k| (l, k)))
    }
}

fn key_line(text: &str) -> Option<KeyLine<'_>> {
    let body = text.trim_start_matches([' ', '\t']);
    let indent = text.len() - body.len();
    let (dash, body) = match body.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", body),
    };
    if body.starts_with('#') {
        return None;
    }
    let (key, value) = match body.split_once(": ") {
        Some((k, v)) => (k, v),
        None => (body.strip_suffix(':')?, ""),
    };
    if key.is_empty() || key.contains(['"', '\'', '{', '[']) {
        return None;
    }
    Some(KeyLine {
        indent,
        dash,
        key: key.trim(),
        value: value.trim(),
        within: None,
    })
}

/// `value` in quotes YAML reads back as the same text.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// The line rewritten with `value` in place of its value.
fn with_value(k: &KeyLine, value: &str) -> String {
    match k.within {
        Some((line, start, end)) => format!("{}{value}{}", &line[..start], &line[end..])
            .trim()
            .to_string(),
        None => format!("{}{}{}: {value}", " ".repeat(k.indent), k.dash, k.key),
    }
}

/// The fields of groups officials most often write as one line, with how to split the value.
fn group_fix(key: &str, value: &str) -> String {
    let value = value.trim_matches(['"', '\'']);
    match key {
        "signer" => match value.split_once(',') {
            Some((name, role)) => format!(
                "signer: {{name: {}, role: {}}}",
                quoted(name.trim()),
                quoted(role.trim())
            ),
            None => format!("signer: {{name: {}}}", quoted(value)),
        },
        "period" => {
            let years: Vec<&str> = value
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| p.len() == 4)
                .collect();
            match years.as_slice() {
                [from, to] => format!("period: {{from: {from}, to: {to}}}"),
                [one] => format!("period: {{from: {one}, to: {one}}}"),
                _ => "period: {from: <năm/year>, to: <năm/year>}".to_string(),
            }
        }
        "source" => format!("source: {{name: {}, url: \"https://...\"}}", quoted(value)),
        "geo" => "geo: {lat: 10.36, lon: 106.36}".to_string(),
        "area" => {
            "area: {level: province, province: \"...\", current_province: \"...\"}".to_string()
        }
        "fees" => format!("fees: {{free: true, notes: {}}}", quoted(value)),
        other => format!("{other}: {{...}}"),
    }
}

/// A list from a text written with commas or semicolons.
fn list_fix(value: &str) -> String {
    let items: Vec<String> = value
        .trim_matches(['"', '\''])
        .split([',', ';'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|i| {
            if i.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                i.to_string()
            } else {
                quoted(i)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A number as the YAML reader takes it, from Vietnamese writing (`1.200,5`, `80%`, `khoảng 100`).
fn number_fix(value: &str) -> Option<String> {
    let digits: String = value
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let numbers: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if numbers.len() > 1 && numbers.iter().all(|n| n.len() == 4) {
        // A range of years such as 2025-2030: the last is the one a `by` or `to` field wants.
        return numbers.last().map(|y| y.to_string());
    }
    if digits.is_empty() {
        return None;
    }
    // Vietnamese writing: dots group thousands, a comma marks decimals.
    let n = if digits.contains(',') {
        digits.replace('.', "").replace(',', ".")
    } else if digits.matches('.').count() > 1
        || digits.split('.').nth(1).is_some_and(|d| d.len() == 3)
    {
        digits.replace('.', "")
    } else {
        digits
    };
    n.parse::<f64>().ok().map(|_| n)
}

fn yes_no(value: &str) -> Option<&'static str> {
    match crate::slug::fold(value.trim_matches(['"', '\''])).as_str() {
        "co" | "yes" | "dung" | "x" | "1" | "true" => Some("true"),
        "khong" | "no" | "sai" | "0" | "false" => Some("false"),
        _ => None,
    }
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

/// The catalogue entry for a parser's message, and the line to report when the mistake is on
/// another line than the parser's; the parser's English is only read, never shown.
fn classify(message: &str, spot: &Spot) -> (Said, Option<usize>) {
    let here = spot.key_at_error();
    let key = here.as_ref().map_or("", |k| k.key);
    if let Some((code, value)) = catalogue::unmark(message) {
        let partial = code == "invalid-partial-date";
        let iso = crate::date::guess_iso(value);
        let key = if key.is_empty() { "date" } else { key };
        return (
            values::invalid_date(value, partial, key, iso.as_deref()),
            None,
        );
    }
    if let Some(said) = syntax_above(message, spot) {
        return said;
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = expected_names(rest);
        if let Some(f) = crate::vocab::field(field, &expected) {
            return (yaml::field_in_other_words(field, f), None);
        }
        return (
            yaml::unknown_field(field, &expected, nearest(field, expected.iter().copied())),
            None,
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let allowed = expected_names(rest);
        let codes = crate::vocab::value(value, &allowed);
        if !codes.is_empty() {
            let line = spot.here().trim();
            let fixed: Vec<String> = codes
                .iter()
                .map(|c| match line.contains(value) {
                    true => line.replacen(value, c, 1),
                    false => format!("{key}: {c}"),
                })
                .collect();
            return (yaml::value_in_other_words(value, &fixed), None);
        }
        return (
            yaml::unknown_value(value, &allowed, nearest(value, allowed.iter().copied())),
            None,
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        if let Some((line, fixed, like)) = misplaced_field(spot, field) {
            return (
                yaml::field_outside_item(field, &fixed, spot.abs(like)),
                Some(line),
            );
        }
        return (yaml::missing_field(field), None);
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let dup = rest.split(',').next().unwrap_or("").trim();
        let first = (1..spot.line).find(|l| spot.key_line(*l).is_some_and(|k| k.key == dup));
        return (yaml::duplicate_field(dup, first.map(|l| spot.abs(l))), None);
    }
    if let Some(k) = &here {
        if let Some(said) = classify_value(message, k, spot) {
            return (said, None);
        }
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
        || message.contains("block sequence entries are not allowed")
    {
        if let Some((like, above)) = spot.key_above(spot.line) {
            let content = spot.here().trim();
            if !content.is_empty()
                && spot.here().len() - spot.here().trim_start().len() != above.indent
            {
                let indent = above.indent + above.dash.len();
                let fixed = format!("{}{content}", " ".repeat(indent));
                return (yaml::wrong_indent(&fixed, spot.abs(like)), None);
            }
        }
    }
    if message.starts_with("invalid") || message.contains("expected") {
        return (yaml::wrong_type(), None);
    }
    (yaml::syntax(), None)
}

/// Mistakes the parser notices later than where they are: a tab, a quote or bracket left open,
/// a missing space after a colon. Returns the entry and the line to report.
fn syntax_above(message: &str, spot: &Spot) -> Option<(Said, Option<usize>)> {
    let typed = [
        "unknown field",
        "unknown variant",
        "missing field",
        "duplicate mapping",
    ];
    if typed.iter().any(|t| message.starts_with(t)) || catalogue::unmark(message).is_some() {
        return None;
    }
    let upto = spot.line.clamp(1, spot.lines.len().max(1));
    let near = (1..=(upto + 1).min(spot.lines.len())).rev();
    for l in near {
        let text = spot.text(l);
        if text.starts_with('\t') || text.trim_start_matches(' ').starts_with('\t') {
            let at = Spot { line: l, ..*spot };
            return Some((yaml::tab(&tabs_to_spaces(&at)), Some(l)));
        }
    }
    for l in (1..=upto).rev() {
        let Some(k) = spot.key_line(l) else { continue };
        let v = k.value;
        let quotes = v.matches('"').count() - v.matches("\\\"").count();
        if v.starts_with('"') && quotes % 2 == 1 {
            let fixed = format!("{}\"", spot.text(l).trim_end());
            return Some((yaml::unclosed_quote(fixed.trim_start()), Some(l)));
        }
        let opens = v.matches(['{', '[']).count();
        let closes = v.matches(['}', ']']).count();
        if (v.starts_with('{') || v.starts_with('[')) && opens > closes {
            let close = if v.starts_with('[') { "]" } else { "}" };
            let fixed = format!("{}{close}", spot.text(l).trim_end());
            return Some((yaml::unclosed_bracket(fixed.trim_start()), Some(l)));
        }
    }
    let here = spot.here();
    let body = here.trim_start();
    if let Some((k, v)) = body.split_once(':') {
        let plain_key = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain_key && !v.is_empty() && !v.starts_with([' ', '/']) {
            let indent = &here[..here.len() - body.len()];
            let fixed = format!("{indent}{k}: {}", v.trim());
            return Some((yaml::no_space_after_colon(fixed.trim_start()), None));
        }
    }
    None
}

/// Mistakes in the value of the field on the error's line.
fn classify_value(message: &str, k: &KeyLine, spot: &Spot) -> Option<Said> {
    let v = k.value;
    if message.contains("mapping values are not allowed") && v.contains(": ") {
        return Some(yaml::needs_quotes(k.key, &with_value(k, &quoted(v))));
    }
    if message.contains("trailing content after") {
        let fixed = with_value(k, &format!("'{}'", v.replace('\'', "''")));
        return Some(yaml::text_after_quote(k.key, &fixed));
    }
    if message.contains("unclosed quote") {
        let q = if v.starts_with('\'') { '\'' } else { '"' };
        return Some(yaml::unclosed_quote(&format!(
            "{}{q}",
            spot.here().trim_end()
        )));
    }
    if message.contains("unclosed bracket") {
        let close = if v.starts_with('[') { "]" } else { "}" };
        return Some(yaml::unclosed_bracket(&format!(
            "{}{close}",
            spot.here().trim_end()
        )));
    }
    if message.contains("expected sequence start") && !v.is_empty() {
        return Some(yaml::list_as_text(k.key, &with_value(k, &list_fix(v))));
    }
    if message.contains("expected mapping start") && !v.is_empty() {
        let fixed = group_fix(k.key, v);
        let fixed = format!("{}{}{fixed}", " ".repeat(k.indent), k.dash);
        return Some(yaml::group_as_text(k.key, fixed.trim_start()));
    }
    if message.starts_with("invalid boolean") {
        return Some(yaml::not_yes_no(
            k.key,
            yes_no(v).map(|b| with_value(k, b)).as_deref(),
        ));
    }
    if message.starts_with("invalid floating point")
        || message.starts_with("invalid i")
        || message.starts_with("invalid u")
    {
        let fixed = number_fix(v).map(|n| with_value(k, &n));
        return Some(yaml::not_a_number(k.key, v, fixed.as_deref()));
    }
    if message.contains("cannot deserialize null") {
        return Some(yaml::empty_value(k.key));
    }
    if message.contains("expected string scalar") && v.starts_with('[') {
        let inner = v.trim_start_matches('[').trim_end_matches(']');
        return Some(yaml::needs_quotes(k.key, &with_value(k, &quoted(inner))));
    }
    None
}

/// A field reported missing because it is indented out of its list item: where it is, the line
/// as it should be, and the line it should line up with.
fn misplaced_field(spot: &Spot, field: &str) -> Option<(usize, String, usize)> {
    let start = spot.line.max(1);
    let item = spot.key_line(start)?;
    let column = item.indent + item.dash.len();
    for l in start + 1..=spot.lines.len() {
        let Some(k) = spot.key_line(l) else { continue };
        if !k.dash.is_empty() && k.indent <= item.indent {
            break;
        }
        if k.key == field && k.indent != column {
            let fixed = format!("{}{}", " ".repeat(column), spot.text(l).trim());
            return Some((l, fixed, start));
        }
        if k.indent < item.indent {
            break;
        }
    }
    None
}

/// The error's line with its tabs replaced by the indentation of the field above (deeper by two
/// when that field opens a group).
fn tabs_to_spaces(spot: &Spot) -> String {
    let line = spot.here();
    let body = line.trim_start_matches([' ', '\t']);
    let width = match spot.key_above(spot.line) {
        Some((_, above)) if above.value.is_empty() => above.indent + above.dash.len() + 2,
        Some((_, above)) => above.indent + above.dash.len(),
        None => 0,
    };
    format!("{}{body}", " ".repeat(width))
}
