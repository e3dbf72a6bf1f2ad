//! Reading one source file: its text (UTF-8, NFC) and YAML files with their problems located.

use crate::diagnostics::{rel, Diagnostic, Diagnostics, Position};
use std::path::Path;

/// 1-based line and column at the end of `bytes`.
pub fn line_col(bytes: &[u8]) -> (u64, u64) {
    let line = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let col = bytes.iter().rev().take_while(|b| **b != b'\n').count() as u64 + 1;
    (line, col)
}

/// Reads and parses the YAML file at `path`; problems go into `diags`.
pub(crate) fn read_yaml<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    let file = rel(root, path);
    let src = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                &file,
                crate::catalogue::source::unreadable(&e),
            ));
            return None;
        }
    };
    let src = match String::from_utf8(src) {
        Ok(s) => crate::nfc::text(s),
        Err(e) => {
            let (l, c) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
            diags.push(
                Diagnostic::error(&file, crate::catalogue::source::not_utf8(false))
                    .at(Position::new(l, c)),
            );
            return None;
        }
    };
    match crate::yaml::parse(&src, &file, 0) {
        Ok(v) => Some(v),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}
