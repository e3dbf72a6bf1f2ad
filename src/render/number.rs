//! Numbers as residents of each language read them.

use crate::lang::Lang;

/// The decimal mark and digit-group separator of `lang`: Vietnamese `1.234,5`, English
/// `1,234.5`; every other language the generic form of ISO 80000 (`1234.5`, no grouping, so
/// no separator can be misread).
pub fn number_marks(lang: Lang) -> (char, Option<char>) {
    match lang.code() {
        "vi" => (',', Some('.')),
        "en" => ('.', Some(',')),
        _ => ('.', None),
    }
}

/// A number as residents read it: 250, 1.234 (vi) or 1,234 (en), decimals kept when present.
pub fn format_number(v: f64, lang: Lang) -> String {
    let (decimal, group) = number_marks(lang);
    if v.fract() != 0.0 {
        return format!("{v}").replace('.', &decimal.to_string());
    }
    let digits = format!("{}", v.abs() as u64);
    let Some(sep) = group else {
        return format!("{}{digits}", if v < 0.0 { "-" } else { "" });
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}
