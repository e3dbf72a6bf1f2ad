//! The catalogue of diagnostics: every message and fix minh shows, Vietnamese and English side by side.
//!
//! Other languages of a site translate these texts in a messages file (`messages/<code>.yaml`,
//! keyed by the English text with its `{placeholders}`; see [`crate::messages`]).
//!
//! This is the only place where the text of a diagnostic lives. Code that finds a problem calls a
//! function of this catalogue, which returns a [`Said`]: a stable code, the message and (usually) the
//! fix, each a [`Text`] written in both languages. The code is chosen by the function, never by
//! matching words, so a reworded message cannot lose its translation.
//!
//! # Adding a diagnostic
//! 1. Pick the submodule for the kind of input (`source` files and front matter, `yaml` parser
//!    errors, `values` (dates, provinces, kinds, ...), `records`, `links`, `stats`, `site` for
//!    configuration and theme, `cli` for commands and summaries). Add a function there:
//!    ```ignore
//!    /// A provider's `id` differs from its file name.
//!    pub fn id_mismatch(id: &str, stem: &str) -> Said {
//!        Said::new(
//!            "id-mismatch",
//!            text!(vi: "mã `{id}` khác với tên tệp `{stem}`",
//!                  en: "the id `{id}` differs from the file name `{stem}`"),
//!        )
//!        .fix(text!(vi: "viết `id: {stem}` ...", en: "write `id: {stem}` ..."))
//!    }
//!    ```
//!    `text!` formats both strings with the function's variables (`{id}`); a value copied from the
//!    source goes inside backticks, and the fix names the exact value to write whenever it is known.
//! 2. Raise it where the problem is found:
//!    `Diagnostic::error(&file, catalogue::records::id_mismatch(id, stem)).at(position)`.
//! 3. Codes are stable (tools and tests match them): kebab-case, one code per mistake; a new
//!    mistake gets a new code. Add a test that asserts the code, the location and the fix.

use crate::messages::Text;

/// Both languages of a text, formatted with the caller's variables: `text!(vi: "...", en: "...")`.
macro_rules! text {
    (vi: $vi:literal, en: $en:literal $(,)?) => {
        $crate::messages::Text::templated(format!($vi), format!($en), $en)
    };
    // Values that are texts themselves (a count with its plural, a list of places): each
    // language's form goes into that language's text, and into a translation (`{name}`).
    (vi: $vi:literal, en: $en:literal; $($name:ident = $val:expr),+ $(,)?) => {{
        $(let $name: $crate::messages::Text = $val;)+
        $crate::messages::Text::templated(
            format!($vi, $($name = $name.vi),+),
            format!($en, $($name = $name.en),+),
            $en,
        )
        $(.with(stringify!($name), $name))+
    }};
}

pub mod cli;
pub mod import;
pub mod links;
pub mod provenance;
pub mod records;
pub mod sheets;
pub mod site;
pub mod source;
pub mod stats;
pub mod values;
pub mod yaml;

/// A catalogued diagnostic without its place: code, message and fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub code: &'static str,
    pub message: Text,
    /// Boxed, to keep results that carry a `Said` small.
    pub fix: Option<Box<Text>>,
}

impl Said {
    pub fn new(code: &'static str, message: Text) -> Self {
        Said {
            code,
            message,
            fix: None,
        }
    }

    pub fn fix(mut self, fix: Text) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }
}

/// The words around a diagnostic: severity names and the `fix` label.
pub fn label_error() -> Text {
    text!(vi: "lỗi", en: "error")
}

pub fn label_warning() -> Text {
    text!(vi: "cảnh báo", en: "warning")
}

pub fn label_fix() -> Text {
    text!(vi: "cách sửa", en: "fix")
}

/// A list of `items` in backticks, separated by commas: "`a`, `b`".
pub fn ticked(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A code and one value carried through serde's error strings (which can hold only text), so that
/// the YAML reader can turn a custom deserialisation error back into a catalogue entry.
pub fn mark(code: &str, value: &str) -> String {
    format!("{{{{minh:{code}}}}}{value}")
}

/// The code and value of a [`mark`]ed error message.
pub fn unmark(message: &str) -> Option<(&str, &str)> {
    let rest = &message[message.find("{{minh:")? + "{{minh:".len()..];
    let (code, value) = rest.split_once("}}")?;
    Some((code, value))
}

/// A count of errors and warnings with the right plural: "1 error", "2 errors", "1 lỗi".
pub fn counted(errors: usize, warnings: usize) -> Text {
    let e_en = if errors == 1 { "error" } else { "errors" };
    let w_en = if warnings == 1 { "warning" } else { "warnings" };
    text!(
        vi: "{errors} lỗi, {warnings} cảnh báo",
        en: "{errors} {e_en}, {warnings} {w_en}",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_one_error_not_one_errors() {
        assert_eq!(counted(1, 1).en, "1 error, 1 warning");
        assert_eq!(counted(2, 0).en, "2 errors, 0 warnings");
        assert_eq!(counted(1, 2).vi, "1 lỗi, 2 cảnh báo");
    }

    #[test]
    fn marks_carry_code_and_value_through_parser_messages() {
        let m = format!("line 4 column 9: {}", mark("invalid-date", "15/3/2021"));
        assert_eq!(unmark(&m), Some(("invalid-date", "15/3/2021")));
        assert_eq!(unmark("expected mapping start"), None);
    }

    #[test]
    fn entries_have_both_languages_with_the_same_values() {
        let s = records::id_mismatch("trung-tam-a", "trung-tam-b");
        assert_eq!(s.code, "id-mismatch");
        let fix = s.fix.expect("fix");
        for t in [&s.message, &fix] {
            assert_ne!(t.vi, t.en);
            assert!(t.vi.contains("trung-tam-a") && t.en.contains("trung-tam-a"));
        }
        assert!(fix.vi.contains("`id: trung-tam-b`") && fix.en.contains("`id: trung-tam-b`"));
    }
}
