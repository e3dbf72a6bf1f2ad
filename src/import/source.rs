//! The document as numbered lines: read from .txt, .md or .docx, normalised to NFC.

use super::docx;
use super::ImportError;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Which kind of file the plan came from; it decides what a "line" is in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
}

/// What a line holds: text (with markdown bold/italic marks) or a row of a Word table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Text,
    Row(Vec<String>),
}

/// One line of the document, numbered from 1 as the official sees it (a paragraph in Word).
#[derive(Debug, Clone)]
pub struct Line {
    pub no: usize,
    pub text: String,
    pub kind: LineKind,
    /// A whole paragraph (Word): never joined with the next line.
    pub whole: bool,
}

impl Line {
    /// The text without markdown marks or heading signs, spaces collapsed.
    pub fn plain(&self) -> String {
        super::casing::plain(&self.text)
    }

    pub fn is_blank(&self) -> bool {
        self.kind == LineKind::Text && self.plain().is_empty()
    }
}

/// A document read from a file.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    pub lines: Vec<Line>,
}

/// Reads `path` by its extension; NFC on the way in.
pub fn read(path: &Path) -> Result<Document, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    match ext.as_str() {
        "txt" | "md" | "markdown" => {
            let format = if ext == "txt" {
                Format::Text
            } else {
                Format::Markdown
            };
            from_text(&bytes, format)
        }
        "docx" => from_docx(&bytes),
        other => Err(ImportError::Unsupported(other.to_string())),
    }
}

/// Text and markdown: UTF-8 (a BOM is dropped), one line per line.
pub fn from_text(bytes: &[u8], format: Format) -> Result<Document, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::NotText);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    if text
        .chars()
        .any(|c| c == '\0' || (c.is_control() && !c.is_whitespace()))
    {
        return Err(ImportError::NotText);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: clean(l),
            kind: LineKind::Text,
            whole: false,
        })
        .collect();
    Ok(Document { format, lines })
}

/// NFC, no carriage returns, soft hyphens or non-breaking spaces, no trailing spaces.
pub fn clean(s: &str) -> String {
    let s: String = s
        .nfc()
        .filter(|c| *c != '\r' && *c != '\u{ad}' && *c != '\u{feff}')
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => ' ',
            _ => c,
        })
        .collect();
    s.trim_end().to_string()
}

fn from_docx(bytes: &[u8]) -> Result<Document, ImportError> {
    let blocks = docx::read(bytes)?;
    let mut lines = Vec::new();
    let mut no = 0;
    let mut push = |text: String, kind: LineKind, lines: &mut Vec<Line>| {
        no += 1;
        lines.push(Line {
            no,
            text,
            kind,
            whole: true,
        });
    };
    for block in blocks {
        match block {
            docx::Block::Para(p) => {
                // A line break inside a Word paragraph (the issuer's two lines) keeps its lines.
                for part in p.split('\n') {
                    push(clean(part), LineKind::Text, &mut lines);
                }
            }
            docx::Block::Table(rows) => {
                if docx::is_layout_table(&rows) {
                    // Issuer and motto side by side, or recipients beside the signature: read
                    // column by column, as the layout reads.
                    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
                    for c in 0..cols {
                        for row in &rows {
                            if let Some(cell) = row.get(c) {
                                for p in cell {
                                    for part in p.split('\n') {
                                        push(clean(part), LineKind::Text, &mut lines);
                                    }
                                }
                            }
                        }
                    }
                } else {
                    for row in rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| {
                                clean(
                                    &cell
                                        .iter()
                                        .map(|p| p.replace('\n', " "))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                )
                            })
                            .collect();
                        push(cells.join(" | "), LineKind::Row(cells), &mut lines);
                    }
                }
            }
        }
    }
    Ok(Document {
        format: Format::Docx,
        lines,
    })
}
