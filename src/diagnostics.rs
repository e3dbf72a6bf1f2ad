//! Diagnostics as data: where a problem is, how bad, what it is and how to fix it.

use crate::catalogue::Said;
use crate::messages::{MsgLang, Text};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based; `column` is 0 when only the line is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub fn new(line: u64, column: u64) -> Self {
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// A cell of a spreadsheet row, named as officials see it: the sheet, the row number and the column's header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Cell {
    /// The sheet's name (none for a CSV file).
    pub sheet: Option<String>,
    /// 1-based row number, as the spreadsheet shows it.
    pub row: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
}

/// One problem found in the site's sources or output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable short code, such as `yaml-syntax` or `unknown-field`, from the catalogue.
    pub code: &'static str,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    pub position: Option<Position>,
    /// The spreadsheet cell, for a problem in a row of a spreadsheet (then `position` is its row and column number).
    pub cell: Option<Box<Cell>>,
    /// What is wrong, in every language of diagnostics (boxed to keep diagnostics small).
    pub message: Box<Text>,
    /// The exact fix, in every language of diagnostics (boxed to keep diagnostics small).
    pub fix: Option<Box<Text>>,
}

impl Diagnostic {
    /// An error at `file`, in the words of a catalogue entry ([`crate::catalogue`]).
    pub fn error(file: impl Into<PathBuf>, said: Said) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: said.code,
            file: file.into(),
            position: None,
            cell: None,
            message: Box::new(said.message),
            fix: said.fix,
        }
    }

    /// A warning at `file`, in the words of a catalogue entry.
    pub fn warning(file: impl Into<PathBuf>, said: Said) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, said)
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn at_line(self, line: usize) -> Self {
        self.at(Position::new(line as u64, 0))
    }

    /// Replaces the catalogue entry's fix with another one.
    pub fn fix(mut self, fix: Text) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }

    /// Shifts the position down by `lines`, for YAML parsed out of a larger file.
    pub fn offset_lines(mut self, lines: u32) -> Self {
        if let Some(p) = self.position.as_mut() {
            p.line += lines;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Places the diagnostic in a spreadsheet cell.
    pub fn in_cell(mut self, cell: Cell, column_number: Option<u32>) -> Self {
        self.position = Some(Position {
            line: cell.row,
            column: column_number.unwrap_or(0),
        });
        self.cell = Some(Box::new(cell));
        self
    }

    fn location(&self, lang: MsgLang) -> String {
        let file = self.file.display();
        if let Some(c) = &self.cell {
            use crate::catalogue::sheets::{label_column, label_row, label_sheet};
            let mut out = format!("{file}");
            if let Some(s) = &c.sheet {
                out.push_str(&format!(", {} {s}", label_sheet().get_plain(lang)));
            }
            out.push_str(&format!(", {} {}", label_row().get_plain(lang), c.row));
            if let Some(h) = &c.column {
                out.push_str(&format!(", {} {h}", label_column().get_plain(lang)));
            }
            return out;
        }
        match self.position {
            Some(Position { line, column: 0 }) => format!("{file}:{line}"),
            Some(Position { line, column }) => format!("{file}:{line}:{column}"),
            None => format!("{file}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text(MsgLang::EN))
    }
}

/// Every diagnostic a run found, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file and position so output is deterministic across parallel runs.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(ds: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics(ds)
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Output formats for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Github,
}

/// A diagnostic in one language, as JSON and the serve overlay show it.
#[derive(Debug, Clone, Serialize)]
pub struct Localized<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub file: &'a Path,
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a Cell>,
    pub message: Cow<'a, str>,
    pub fix: Option<Cow<'a, str>>,
}

impl Diagnostic {
    /// The diagnostic with its message and fix in `lang`.
    pub fn localized(&self, lang: MsgLang) -> Localized<'_> {
        Localized {
            severity: self.severity,
            code: self.code,
            file: &self.file,
            position: self.position,
            cell: self.cell.as_deref(),
            message: self.message.get(lang),
            fix: self.fix.as_ref().map(|f| f.get(lang)),
        }
    }

    /// The terminal form in `lang`: `file:line:col: error[code]: message` and `fix: …` below.
    pub fn to_text(&self, lang: MsgLang) -> String {
        let sev = match self.severity {
            Severity::Error => crate::catalogue::label_error(),
            Severity::Warning => crate::catalogue::label_warning(),
        };
        let mut out = format!(
            "{}: {}[{}]: {}",
            self.location(lang),
            sev.get_plain(lang),
            self.code,
            self.message.get(lang)
        );
        if let Some(f) = &self.fix {
            out.push_str(&format!(
                "\n    {}: {}",
                crate::catalogue::label_fix().get_plain(lang),
                f.get(lang)
            ));
        }
        out
    }
}

/// Renders diagnostics in the chosen format and language, one string for the whole list.
pub fn render_in(diags: &Diagnostics, format: Format, lang: MsgLang) -> String {
    match format {
        Format::Text => diags.iter().map(|d| d.to_text(lang) + "\n").collect(),
        Format::Json => {
            let v: Vec<Localized> = diags.iter().map(|d| d.localized(lang)).collect();
            serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".to_string()) + "\n"
        }
        Format::Github => diags
            .iter()
            .map(|d| github_line(&d.localized(lang), lang))
            .collect(),
    }
}

/// Renders diagnostics in the chosen format, in this run's language.
pub fn render(diags: &Diagnostics, format: Format) -> String {
    render_in(diags, format, crate::messages::current())
}

fn github_line(d: &Localized, lang: MsgLang) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!("file={}", d.file.display());
    if let Some(p) = d.position {
        props.push_str(&format!(",line={}", p.line));
        if p.column > 0 {
            props.push_str(&format!(",col={}", p.column));
        }
    }
    let mut msg = format!("[{}] {}", d.code, d.message);
    if let Some(fix) = &d.fix {
        msg.push_str(&format!(
            " {}: {fix}",
            crate::catalogue::label_fix().get_plain(lang)
        ));
    }
    let msg = msg
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    format!("::{kind} {props}::{msg}\n")
}

/// Makes a path relative to the site root for messages.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
