//! Front matter of markdown files: split from the body, and the field types several kinds share
//! (each kind's own schema is in its module of [`crate::load::kinds`]).

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::Path;

/// A reference to another content file, with where it is written.
pub type Ref = Spanned<String>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A markdown file split into its front matter text and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line where the YAML starts.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: u32,
}

/// Splits `---` delimited front matter from the body.
pub fn split<'a>(src: &'a str, file: &Path) -> Result<Split<'a>, Box<Diagnostic>> {
    let missing = || {
        Box::new(Diagnostic::error(file, crate::catalogue::source::no_front_matter()).at_line(1))
    };
    let rest = src
        .strip_prefix("---\n")
        .or_else(|| src.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: i as u32 + 3,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(file, crate::catalogue::source::front_matter_not_closed()).at_line(1),
    ))
}
