//! Reads one dataset: its `<name>.yaml` description (strict schema) and `<name>.csv` rows, with located errors.

use crate::catalogue::{self, Said};
use crate::diagnostics::{nearest, Diagnostic, Position};
use crate::text::Text;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a dimension stands for: it changes how charts and plan targets use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DimKind {
    /// Periods (years, quarters): the horizontal axis of charts.
    Period,
    /// Areas (provinces, communes): matched with a plan's province.
    Area,
    /// Anything else (form of treatment, age group, sex).
    #[default]
    Category,
}

/// How the codes of an area dimension nest: a CSV column naming each row's parent, or a map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hierarchy {
    #[serde(default)]
    pub parent_column: Option<String>,
    #[serde(default)]
    pub parents: BTreeMap<String, String>,
}

/// One dimension as declared in the YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub name: Spanned<String>,
    pub label: Text,
    #[serde(default)]
    pub kind: DimKind,
    /// The code of the row that sums all other codes (e.g. "Tổng").
    #[serde(default)]
    pub total: Option<String>,
    /// Every code rows may use, in display order.
    #[serde(deserialize_with = "codes")]
    pub codes: Vec<String>,
    /// Labels of codes that differ by language.
    #[serde(default)]
    pub labels: BTreeMap<String, Text>,
    #[serde(default)]
    pub hierarchy: Option<Hierarchy>,
}

impl Dimension {
    /// Codes in display order, the total first when it is not listed.
    pub fn all_codes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = &self.total {
            if !self.codes.contains(t) {
                out.push(t.clone());
            }
        }
        out.extend(self.codes.iter().cloned());
        out
    }

    pub fn is_code(&self, code: &str) -> bool {
        self.total.as_deref() == Some(code) || self.codes.iter().any(|c| c == code)
    }
}

/// Whether a measure is counted or computed from two counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    #[default]
    Count,
    Rate,
}

/// One measure as declared in the YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub name: Spanned<String>,
    pub label: Text,
    #[serde(default)]
    pub kind: MeasureKind,
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub numerator: Option<Spanned<String>>,
    #[serde(default)]
    pub denominator: Option<Spanned<String>>,
    /// Rates are shown per this many (100 for a percentage).
    #[serde(default)]
    pub per: Option<u32>,
    /// A rate whose numerator counts a subset of its denominator (a share); default true.
    #[serde(default)]
    pub proportion: Option<bool>,
    /// What each figure counts over (`per_year`, `period`, `at_date`): plan targets are compared
    /// only with a measure of the same scope.
    #[serde(default)]
    pub scope: Option<crate::load::kinds::plan::Scope>,
    /// `<dataset>.<measure>` of another dataset publishing the same count split another way:
    /// both are protected as one system (links are also found without it, see `stats::link`).
    #[serde(default)]
    pub same_count_as: Option<Spanned<String>>,
}

/// The whole `<dataset>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: Text,
    pub description: Text,
    pub source: Text,
    pub unit: Text,
    #[serde(default)]
    pub period: Option<Text>,
    pub illustrative: bool,
    pub dimensions: Vec<Dimension>,
    pub measures: Vec<Measure>,
}

/// One CSV row: where it is, its codes (one per dimension) and counts (one per count measure).
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub codes: Vec<String>,
    pub parents: Vec<Option<String>>,
    pub counts: Vec<Option<u64>>,
}

/// A dataset read from disk, before disclosure control.
#[derive(Debug, Clone)]
pub struct Raw {
    pub slug: String,
    pub yaml: PathBuf,
    pub csv: PathBuf,
    pub meta: Meta,
    pub rows: Vec<Row>,
    /// Indices into `meta.measures` of the count measures, in CSV value order.
    pub count_measures: Vec<usize>,
}

/// Accepts codes written as text or as bare numbers (`2024`).
fn codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Text(String),
        Int(i64),
    }
    let v: Vec<Code> = Vec::deserialize(d)?;
    Ok(v.into_iter()
        .map(|c| match c {
            Code::Text(s) => s,
            Code::Int(i) => i.to_string(),
        })
        .collect())
}

fn pos<T>(s: &Spanned<T>) -> Position {
    Position::new(s.referenced.line(), s.referenced.column())
}

/// Reads a UTF-8 text file, reporting unreadable or non-UTF-8 files.
pub fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(file))
        .map_err(|e| Diagnostic::error(file, catalogue::source::unreadable(&e)))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(crate::nfc::text(
            s.strip_prefix('\u{feff}').unwrap_or(&s).to_string(),
        )),
        Err(e) => {
            let (l, c) = crate::load::line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
            Err(Diagnostic::error(file, catalogue::source::not_utf8(true)).at(Position::new(l, c)))
        }
    }
}

/// Parses and checks the YAML description of a dataset.
pub fn read_meta(root: &Path, yaml: &Path) -> Result<Meta, Vec<Diagnostic>> {
    let src = read_text(root, yaml).map_err(|d| vec![d])?;
    let meta: Meta = crate::yaml::parse(&src, yaml, 0).map_err(|d| vec![*d])?;
    let problems = check_meta(&meta, yaml);
    if problems.is_empty() {
        Ok(meta)
    } else {
        Err(problems)
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_meta(meta: &Meta, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut names: HashSet<&str> = HashSet::new();
    let all_names = meta
        .dimensions
        .iter()
        .map(|d| &d.name)
        .chain(meta.measures.iter().map(|m| &m.name));
    for n in all_names {
        if !is_ident(&n.value) {
            out.push(
                Diagnostic::error(
                    file,
                    catalogue::stats::not_identifier(
                        &n.value,
                        &crate::slug::slugify(&n.value).replace('-', "_"),
                    ),
                )
                .at(pos(n)),
            );
        }
        if !names.insert(&n.value) {
            out.push(Diagnostic::error(file, catalogue::stats::name_twice(&n.value)).at(pos(n)));
        }
    }
    if meta
        .dimensions
        .iter()
        .filter(|d| d.kind == DimKind::Period)
        .count()
        > 1
    {
        out.push(Diagnostic::error(file, catalogue::stats::two_periods()));
    }
    if !meta.measures.iter().any(|m| m.kind == MeasureKind::Count) {
        out.push(Diagnostic::error(file, catalogue::stats::no_count()));
    }
    for m in &meta.measures {
        out.extend(check_measure(meta, m, file));
    }
    out
}

fn check_measure(meta: &Meta, m: &Measure, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let count_named = |n: &str| {
        meta.measures
            .iter()
            .any(|x| x.kind == MeasureKind::Count && x.name.value == n)
    };
    match m.kind {
        MeasureKind::Count => {
            if m.numerator.is_some() || m.denominator.is_some() || m.per.is_some() {
                out.push(
                    Diagnostic::error(
                        file,
                        catalogue::stats::count_with_rate_fields(&m.name.value),
                    )
                    .at(pos(&m.name)),
                );
            }
        }
        MeasureKind::Rate => {
            for (what, part) in [("numerator", &m.numerator), ("denominator", &m.denominator)] {
                match part {
                    None => out.push(
                        Diagnostic::error(
                            file,
                            catalogue::stats::rate_without(&m.name.value, what),
                        )
                        .at(pos(&m.name)),
                    ),
                    Some(p) if !count_named(&p.value) => out.push(
                        Diagnostic::error(
                            file,
                            catalogue::stats::rate_part_not_count(what, &p.value),
                        )
                        .at(pos(p)),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
    out
}

/// 1-based character column where field `index` starts in a CSV line (quotes respected).
pub fn field_column(line: &str, index: usize) -> u64 {
    let mut field = 0;
    let mut quoted = false;
    for (col, c) in line.chars().enumerate() {
        if field == index {
            return col as u64 + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() as u64 + 1
}

/// Where each CSV column goes.
#[derive(Debug, Clone, Copy)]
enum Col {
    Dim(usize),
    Parent(usize),
    Count(usize),
}

/// A CSV file being read: its path and raw lines, for locating problems.
struct CsvFile<'a> {
    file: &'a Path,
    lines: Vec<&'a str>,
}

impl CsvFile<'_> {
    fn at(&self, line: u64, field: usize) -> Position {
        let text = self
            .lines
            .get((line as usize).saturating_sub(1))
            .copied()
            .unwrap_or("");
        Position::new(line, field_column(text, field))
    }

    fn err(&self, line: u64, field: usize, said: Said) -> Diagnostic {
        Diagnostic::error(self.file, said).at(self.at(line, field))
    }
}

/// Maps the header onto dimensions, parent columns and count measures.
fn map_header(meta: &Meta, header: &[String], f: &CsvFile) -> Result<Vec<Col>, Vec<Diagnostic>> {
    let mut cols = Vec::new();
    let mut errs = Vec::new();
    let counts: Vec<usize> = count_indices(meta);
    let mut allowed: Vec<String> = meta
        .dimensions
        .iter()
        .map(|d| d.name.value.clone())
        .collect();
    allowed.extend(counts.iter().map(|&i| meta.measures[i].name.value.clone()));
    for d in &meta.dimensions {
        if let Some(pc) = d.hierarchy.as_ref().and_then(|h| h.parent_column.clone()) {
            allowed.push(pc);
        }
    }
    for (i, h) in header.iter().enumerate() {
        let col = meta
            .dimensions
            .iter()
            .position(|d| d.name.value == *h)
            .map(Col::Dim)
            .or_else(|| {
                counts
                    .iter()
                    .position(|&m| meta.measures[m].name.value == *h)
                    .map(Col::Count)
            })
            .or_else(|| {
                meta.dimensions
                    .iter()
                    .position(|d| {
                        d.hierarchy
                            .as_ref()
                            .and_then(|x| x.parent_column.as_deref())
                            == Some(h)
                    })
                    .map(Col::Parent)
            });
        match col {
            Some(c) => cols.push(c),
            None => {
                let near = nearest(h, allowed.iter().map(String::as_str));
                errs.push(f.err(1, i, catalogue::stats::unknown_column(h, &allowed, near)));
            }
        }
    }
    for name in &allowed {
        if !header.contains(name) {
            errs.push(
                Diagnostic::error(f.file, catalogue::stats::missing_column(name))
                    .at(Position::new(1, 1)),
            );
        }
    }
    if errs.is_empty() {
        Ok(cols)
    } else {
        Err(errs)
    }
}

/// Indices of the count measures, in declaration order.
pub fn count_indices(meta: &Meta) -> Vec<usize> {
    meta.measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MeasureKind::Count)
        .map(|(i, _)| i)
        .collect()
}

/// Parses a count: digits only, or empty for "no figure".
fn parse_count(v: &str) -> Result<Option<u64>, Said> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().all(|c| c.is_ascii_digit()) {
        return v
            .parse::<u64>()
            .map(Some)
            .map_err(|_| catalogue::stats::not_a_count(v, true));
    }
    Err(catalogue::stats::not_a_count(v, false))
}

/// Reads the CSV rows of a dataset whose description is `meta`.
pub fn read_rows(meta: &Meta, src: &str, file: &Path) -> Result<Vec<Row>, Vec<Diagnostic>> {
    let f = CsvFile {
        file,
        lines: src.lines().collect(),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(src.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => return Err(vec![csv_error(&e, file)]),
    };
    let cols = map_header(meta, &header, &f)?;
    let n_counts = count_indices(meta).len();
    let mut rows = Vec::new();
    let mut errs = Vec::new();
    let mut seen: HashMap<Vec<String>, u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errs.push(csv_error(&e, file));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let mut row = Row {
            line,
            codes: vec![String::new(); meta.dimensions.len()],
            parents: vec![None; meta.dimensions.len()],
            counts: vec![None; n_counts],
        };
        for (i, v) in rec.iter().enumerate() {
            match cols.get(i) {
                Some(Col::Dim(d)) => {
                    let dim = &meta.dimensions[*d];
                    if !dim.is_code(v) {
                        errs.push(unknown_code(&f, line, i, dim, v));
                    }
                    row.codes[*d] = v.to_string();
                }
                Some(Col::Parent(d)) => row.parents[*d] = (!v.is_empty()).then(|| v.to_string()),
                Some(Col::Count(m)) => match parse_count(v) {
                    Ok(c) => row.counts[*m] = c,
                    Err(said) => errs.push(f.err(line, i, said)),
                },
                None => {}
            }
        }
        if let Some(first) = seen.insert(row.codes.clone(), line) {
            errs.push(f.err(line, 0, catalogue::stats::repeated_row(first)));
        }
        rows.push(row);
    }
    if errs.is_empty() {
        Ok(rows)
    } else {
        Err(errs)
    }
}

fn unknown_code(f: &CsvFile, line: u64, i: usize, dim: &Dimension, v: &str) -> Diagnostic {
    let codes = dim.all_codes();
    let folded = crate::slug::fold(v);
    let same_letters = codes.iter().find(|c| crate::slug::fold(c) == folded);
    let near = same_letters
        .map(String::as_str)
        .or_else(|| nearest(v, codes.iter().map(String::as_str)));
    f.err(
        line,
        i,
        catalogue::stats::unknown_code(v, &dim.name.value, &codes, near),
    )
}

fn csv_error(e: &csv::Error, file: &Path) -> Diagnostic {
    let cells = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Some((*len, *expected_len)),
        _ => None,
    };
    let mut d = Diagnostic::error(file, catalogue::stats::csv_unreadable(cells));
    if let Some(p) = e.position() {
        d = d.at(Position::new(p.line(), 0));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_respect_quotes() {
        assert_eq!(field_column("a,b,c", 2), 5);
        assert_eq!(field_column("\"x,y\",b", 1), 7);
    }

    #[test]
    fn counts_are_digits_only() {
        assert_eq!(parse_count(" 12 "), Ok(Some(12)));
        assert_eq!(parse_count(""), Ok(None));
        assert!(parse_count("1.234").is_err());
        assert!(parse_count("-3").is_err());
    }
}
