//! Provider lists kept in spreadsheets (`content/facilities/*.xlsx`, `*.csv`): one provider per row.
//!
//! The header row names each column in Vietnamese (`Tên cơ sở`, `Điện thoại 2`) or by its field name
//! (`name`, `phones.2.number`); a text column holds one language when its header ends with the
//! language code in brackets (`Tên cơ sở (en)`, or `name.en` with field names), every language
//! otherwise. Each row becomes the YAML record it stands for, one field per line, and goes through
//! the same parser and checks as a YAML file ([`crate::records`]); every diagnostic is then moved to
//! its sheet, row and column.

use crate::diagnostics::{Cell, Diagnostic, Diagnostics};
use crate::lang::Lang;
use std::path::Path;

/// How a column's cells are written into the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One string (an id, a code, a province).
    Plain,
    /// A text: one column for every language, or one column per language.
    Text,
    /// Yes or no.
    Bool,
    /// A number.
    Number,
    /// A list of codes separated by commas, semicolons or line breaks.
    List,
    /// A date, `YYYY-MM-DD` (an Excel date cell is read as its day).
    Date,
}

/// One column a provider list can have.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The field it fills, with dots for nested fields (`address.province`); a phone's fields are
    /// under `phones.` and take a number (`phones.2.number`, `Điện thoại 2`).
    pub path: &'static str,
    /// Its header in Vietnamese.
    pub vi: &'static str,
    pub form: Form,
}

const fn col(path: &'static str, vi: &'static str, form: Form) -> Column {
    Column { path, vi, form }
}

/// Every column, in the order the README lists them.
pub const COLUMNS: &[Column] = &[
    col("id", "Mã", Form::Plain),
    col("name", "Tên cơ sở", Form::Text),
    col("kind", "Loại cơ sở", Form::Plain),
    col("basis", "Căn cứ", Form::Plain),
    col("basis.plan", "Kế hoạch", Form::Plain),
    col("basis.announced.act", "Văn bản công bố", Form::Plain),
    col("basis.announced.date", "Ngày công bố", Form::Date),
    col("basis.announced.issuer", "Cơ quan công bố", Form::Text),
    col("basis.announced.source.name", "Nguồn công bố", Form::Text),
    col(
        "basis.announced.source.url",
        "Địa chỉ nguồn công bố",
        Form::Plain,
    ),
    col("description", "Mô tả", Form::Text),
    col("operator", "Cơ quan chủ quản", Form::Text),
    col("address.street", "Số nhà, đường", Form::Text),
    col("address.commune", "Xã, phường", Form::Text),
    col("address.province", "Tỉnh, thành phố", Form::Plain),
    col("address.former_province", "Tỉnh cũ", Form::Plain),
    col("address.former_district", "Huyện cũ", Form::Plain),
    col("geo.lat", "Vĩ độ", Form::Number),
    col("geo.lon", "Kinh độ", Form::Number),
    col("phones.number", "Điện thoại", Form::Plain),
    col("phones.label", "Ghi chú điện thoại", Form::Text),
    col("phones.hours", "Giờ gọi được", Form::Text),
    col("hours", "Giờ làm việc", Form::Text),
    col("services", "Dịch vụ", Form::List),
    col("fees.free", "Miễn phí", Form::Bool),
    col("fees.notes", "Ghi chú chi phí", Form::Text),
    col("eligibility", "Đối tượng tiếp nhận", Form::Text),
    col("how_to_apply", "Cách đăng ký", Form::Text),
    col("what_to_bring", "Giấy tờ cần mang", Form::Text),
    col("languages", "Ngôn ngữ phục vụ", Form::List),
    col("capacity", "Số chỗ", Form::Number),
    col("source", "Nguồn thông tin", Form::Text),
    col("verification.date", "Ngày kiểm tra", Form::Date),
    col("verification.by", "Đơn vị kiểm tra", Form::Text),
    col("verification.method", "Cách kiểm tra", Form::Plain),
    col("verification.note", "Ghi chú kiểm tra", Form::Text),
    col("inferred", "Trường suy ra", Form::List),
    col("draft", "Bản nháp", Form::Bool),
];

/// A header understood: which column, for which language and which phone.
#[derive(Debug, Clone)]
struct Header {
    column: &'static Column,
    /// The language of a per-language text column.
    lang: Option<Lang>,
    /// The phone's number (1 for `Điện thoại`), for `phones.` columns.
    index: usize,
    /// The header as written, for messages.
    written: String,
    /// Whether it was written in Vietnamese (to name missing columns the same way).
    vietnamese: bool,
}

impl Header {
    /// The record path the cell fills (`name.en`, `phones.#2.number`).
    fn path(&self) -> Vec<String> {
        let mut p: Vec<String> = self.column.path.split('.').map(String::from).collect();
        if p[0] == "phones" {
            p.insert(1, format!("#{}", self.index));
        }
        if let Some(l) = self.lang {
            p.push(l.code().to_string());
        }
        p
    }
}

/// A value read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

impl Value {
    fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => d.clone(),
        }
    }
}

/// One table read from a file: a sheet of a workbook, or a CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// Rows with their 1-based row number; the first is the header row.
    pub rows: Vec<(u32, Vec<Value>)>,
    /// The 1-based column number of the first cell of each row.
    pub first_column: u32,
}

/// Where a provider's record came from in a spreadsheet, to place diagnostics about it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPlace {
    pub sheet: Option<String>,
    pub row: u32,
    /// For each line of the record made from the row (index = line − 1): the column number and
    /// header of the cell it holds.
    lines: Vec<Option<(u32, String)>>,
}

impl RowPlace {
    /// The cell of line `line` of the record (the row only, when the line holds no cell).
    fn cell(&self, line: u32) -> (Cell, Option<u32>) {
        let hit = line
            .checked_sub(1)
            .and_then(|i| self.lines.get(i as usize))
            .cloned()
            .flatten();
        (
            Cell {
                sheet: self.sheet.clone(),
                row: self.row,
                column: hit.as_ref().map(|h| h.1.clone()),
            },
            hit.map(|h| h.0),
        )
    }

    /// Moves `d`, positioned in the record made from this row, to the row's cell.
    pub fn locate(&self, d: Diagnostic) -> Diagnostic {
        let line = d.position.map_or(0, |p| p.line);
        let (cell, number) = self.cell(line);
        d.in_cell(cell, number)
    }

    /// `co-so.xlsx, sheet Cơ sở, row 4`, in every language.
    pub fn describe(&self, file: &Path) -> crate::messages::Text {
        crate::catalogue::sheets::row_place(
            &file.display().to_string(),
            self.sheet.as_deref(),
            self.row,
        )
    }
}

/// A row turned into the YAML record it stands for.
#[derive(Debug, Clone)]
pub struct RowRecord {
    pub yaml: String,
    pub place: RowPlace,
    /// Problems found before the record is parsed (both text forms filled, ...), already placed.
    pub diags: Vec<Diagnostic>,
    /// The header of each column by field path, to name an empty required cell.
    missing_names: Vec<(String, String)>,
}

impl RowRecord {
    /// A parser diagnostic moved to its cell; a missing field names the column to fill.
    pub fn place_parse_error(&self, file: &Path, d: Diagnostic) -> Diagnostic {
        if d.code == "missing-field" {
            let field = d
                .message
                .en
                .split('`')
                .nth(1)
                .unwrap_or_default()
                .to_string();
            let dotted = format!(".{field}");
            let (full, header) = self
                .missing_names
                .iter()
                .find(|(p, _)| *p == field)
                .or_else(|| {
                    self.missing_names
                        .iter()
                        .find(|(p, _)| p.ends_with(&dotted))
                })
                .cloned()
                .unwrap_or_else(|| (field.clone(), field.clone()));
            let cell = Cell {
                sheet: self.place.sheet.clone(),
                row: self.place.row,
                column: Some(header.clone()),
            };
            return Diagnostic::error(
                file,
                crate::catalogue::sheets::empty_required(&full, &header),
            )
            .in_cell(cell, None);
        }
        let d = self.place.locate(d);
        let basis_header = self
            .missing_names
            .iter()
            .find(|(p, _)| p == "basis")
            .map(|(_, h)| h.as_str());
        let in_basis = d.cell.as_ref().and_then(|c| c.column.as_deref()) == basis_header;
        if d.code == "unknown-value" && in_basis {
            let value = d.message.en.split('`').nth(1).unwrap_or_default();
            let said = crate::catalogue::sheets::unknown_basis(value);
            let mut d = match said.fix {
                Some(fix) => d.fix(*fix),
                None => d,
            };
            d.message = Box::new(said.message);
            return d;
        }
        d
    }
}

/// Reads the tables of a spreadsheet file (every sheet of a workbook; a CSV file is one table).
pub fn read(path: &Path) -> Result<Vec<Table>, String> {
    let is_csv = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
    if is_csv {
        read_csv(path).map(|t| vec![t])
    } else {
        read_workbook(path)
    }
}

fn read_csv(path: &Path) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    let text = crate::nfc::text(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The line a record's first cell is on, counted from the text: with CRLF endings (what Excel
    // writes) the reader places a record before the `\n` ending the previous one, a line short,
    // and officials look for the row by its number.
    let (mut line, mut counted) = (1u32, 0usize);
    for rec in reader.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let at = rec.position().map_or(counted, |p| p.byte() as usize);
        let start = at
            + text.as_bytes()[at.min(text.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += text.as_bytes()[counted..start.max(counted)]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted = start.max(counted);
        rows.push((
            line,
            rec.iter().map(|c| Value::Text(c.to_string())).collect(),
        ));
    }
    Ok(Table {
        sheet: None,
        rows,
        first_column: 1,
    })
}

fn read_workbook(path: &Path) -> Result<Vec<Table>, String> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| (r0 + i as u32 + 1, cells.iter().map(value).collect()))
            .collect();
        out.push(Table {
            sheet: Some(crate::nfc::name(&name)),
            rows,
            first_column: c0 + 1,
        });
    }
    Ok(out)
}

/// The value of an Excel cell, text in NFC.
fn value(d: &calamine::Data) -> Value {
    use calamine::Data;
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(crate::nfc::text(s.clone())),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => {
            let days = dt.as_f64().floor() as i64;
            chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
                .map(|d| Value::Date(d.format("%Y-%m-%d").to_string()))
                .unwrap_or(Value::Number(dt.as_f64()))
        }
        Data::DateTimeIso(s) => Value::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
    }
}

/// A header in comparable form: NFC, no diacritics, no case, single spaces.
fn fold(s: &str) -> String {
    crate::slug::fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Understands one header; `Err` holds the diagnostic's words.
fn header(written: &str, langs: &[Lang]) -> Result<Option<Header>, crate::catalogue::Said> {
    let h = written.trim();
    if h.is_empty() {
        return Ok(None);
    }
    // The language: `Tên cơ sở (en)` or `name.en`.
    let (base, code) = match h.strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
        Some((b, c)) => (b.trim(), Some(c.trim())),
        None => match h.rsplit_once('.') {
            Some((b, c)) if langs.iter().any(|l| l.code() == c) => (b, Some(c)),
            _ => (h, None),
        },
    };
    // The phone's number: `Điện thoại 2` or `phones.2.number`.
    let (base, index) = split_index(base);
    let key = fold(&base);
    let found = COLUMNS.iter().find(|c| c.path == base || fold(c.vi) == key);
    let Some(column) = found else {
        let folded: Vec<String> = COLUMNS.iter().map(|c| fold(c.vi)).collect();
        let near = crate::diagnostics::nearest(&key, folded.iter().map(String::as_str))
            .and_then(|n| COLUMNS.iter().find(|c| fold(c.vi) == n))
            .map(|c| c.vi)
            .or_else(|| crate::diagnostics::nearest(h, COLUMNS.iter().map(|c| c.path)));
        return Err(crate::catalogue::sheets::unknown_column(h, near));
    };
    let is_phone = column.path.starts_with("phones.");
    if index.is_some() && !is_phone {
        return Err(crate::catalogue::sheets::unknown_column(h, Some(column.vi)));
    }
    let lang = match code {
        None => None,
        Some(c) => match langs.iter().copied().find(|l| l.code() == c) {
            Some(l) if column.form == Form::Text => Some(l),
            _ => {
                let list: Vec<&str> = langs.iter().map(|l| l.code()).collect();
                return Err(crate::catalogue::sheets::unknown_column_language(
                    h,
                    c,
                    &list.join(", "),
                ));
            }
        },
    };
    Ok(Some(Header {
        column,
        lang,
        index: index.unwrap_or(1),
        written: h.to_string(),
        vietnamese: column.path != base,
    }))
}

/// `Điện thoại 2` → (`Điện thoại`, 2); `phones.2.number` → (`phones.number`, 2).
fn split_index(base: &str) -> (String, Option<usize>) {
    if let Some(rest) = base.strip_prefix("phones.") {
        if let Some((n, field)) = rest.split_once('.') {
            if let Ok(i) = n.parse::<usize>() {
                return (format!("phones.{field}"), Some(i));
            }
        }
        return (base.to_string(), None);
    }
    if let Some((b, n)) = base.rsplit_once(' ') {
        if let Ok(i) = n.parse::<usize>() {
            return (b.trim().to_string(), Some(i));
        }
    }
    (base.to_string(), None)
}

/// The headers of a table understood; `None` when the sheet holds no provider columns at all
/// (an instructions sheet, left alone).
struct Headers {
    cols: Vec<Option<Header>>,
    /// The index of the header row in the table's rows.
    at: usize,
}

/// The index of the header row: the first of the first rows that names two columns or more (a
/// title above the table, "DANH SÁCH CƠ SỞ …", is left alone); the first row otherwise.
fn header_row(table: &Table, langs: &[Lang]) -> usize {
    table
        .rows
        .iter()
        .take(10)
        .position(|(_, cells)| {
            cells
                .iter()
                .filter(|c| matches!(header(&c.text(), langs), Ok(Some(_))))
                .count()
                >= 2
        })
        .unwrap_or(0)
}

fn headers(table: &Table, file: &Path, langs: &[Lang], diags: &mut Diagnostics) -> Option<Headers> {
    let at = header_row(table, langs);
    let (row, cells) = table.rows.get(at)?;
    let mut cols = Vec::new();
    let mut errors = Vec::new();
    for (j, c) in cells.iter().enumerate() {
        let written = c.text();
        let number = table.first_column + j as u32;
        let place = |said| {
            Diagnostic::error(file, said).in_cell(
                Cell {
                    sheet: table.sheet.clone(),
                    row: *row,
                    column: Some(written.clone()),
                },
                Some(number),
            )
        };
        match header(&written, langs) {
            Ok(h) => {
                if let Some(h) = &h {
                    let path = h.path();
                    if let Some(other) = cols.iter().flatten().find(|o: &&Header| o.path() == path)
                    {
                        errors.push(place(crate::catalogue::sheets::duplicate_column(
                            &h.written,
                            &other.written,
                        )));
                    }
                }
                cols.push(h)
            }
            Err(said) => {
                errors.push(place(said));
                cols.push(None)
            }
        }
    }
    if cols.iter().all(Option::is_none) {
        return None;
    }
    diags.extend(errors);
    if !cols.iter().flatten().any(|h| h.column.path == "id") {
        let vi = cols.iter().flatten().any(|h| h.vietnamese);
        diags.push(
            Diagnostic::error(
                file,
                crate::catalogue::sheets::missing_id_column(if vi { "Mã" } else { "id" }),
            )
            .in_cell(
                Cell {
                    sheet: table.sheet.clone(),
                    row: *row,
                    column: None,
                },
                None,
            ),
        );
        return None;
    }
    Some(Headers { cols, at })
}

/// Every provider row of the spreadsheet at `path` as the YAML record it stands for.
pub fn records(
    path: &Path,
    file: &Path,
    langs: &[Lang],
    diags: &mut Diagnostics,
) -> Vec<RowRecord> {
    let tables = match read(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(
                file,
                crate::catalogue::sheets::unreadable_sheet(&e),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for table in &tables {
        let Some(hs) = headers(table, file, langs, diags) else {
            continue;
        };
        for (row, cells) in table.rows.iter().skip(hs.at + 1) {
            if cells.iter().all(Value::is_empty) {
                continue;
            }
            out.push(row_record(table, &hs, *row, cells, file));
        }
    }
    out
}

/// A node of the record being written.
enum Node {
    /// A YAML scalar and the column it came from (index into the row).
    Leaf(String, usize),
    /// A mapping; keys `#N` make a list (phones).
    Map(Vec<(String, Node)>),
}

impl Node {
    fn insert(&mut self, path: &[String], leaf: Node) {
        let Node::Map(entries) = self else { return };
        if path.len() == 1 {
            entries.push((path[0].clone(), leaf));
            return;
        }
        if let Some((_, n)) = entries.iter_mut().find(|(k, _)| *k == path[0]) {
            n.insert(&path[1..], leaf);
        } else {
            let mut n = Node::Map(Vec::new());
            n.insert(&path[1..], leaf);
            entries.push((path[0].clone(), n));
        }
    }

    /// The column of the first cell under this node.
    fn first_col(&self) -> Option<usize> {
        match self {
            Node::Leaf(_, c) => Some(*c),
            Node::Map(es) => es.iter().find_map(|(_, n)| n.first_col()),
        }
    }
}

/// Writes `entries` as YAML at `indent`, recording the column of every line.
fn emit(entries: &[(String, Node)], indent: usize, out: &mut Writer) {
    let pad = " ".repeat(indent);
    for (k, n) in entries {
        match n {
            Node::Leaf(v, c) => out.line(format!("{pad}{k}: {v}"), Some(*c)),
            Node::Map(es) if es.iter().all(|(k, _)| k.starts_with('#')) => {
                out.line(format!("{pad}{k}:"), n.first_col());
                let mut items: Vec<&(String, Node)> = es.iter().collect();
                items.sort_by_key(|(k, _)| k[1..].parse::<usize>().unwrap_or(0));
                for (_, item) in items {
                    out.line(format!("{pad}  -"), item.first_col());
                    if let Node::Map(fields) = item {
                        emit(fields, indent + 4, out);
                    }
                }
            }
            Node::Map(es) => {
                out.line(format!("{pad}{k}:"), n.first_col());
                emit(es, indent + 2, out);
            }
        }
    }
}

struct Writer {
    text: String,
    cols: Vec<Option<usize>>,
}

impl Writer {
    fn line(&mut self, s: String, col: Option<usize>) {
        self.text.push_str(&s);
        self.text.push('\n');
        self.cols.push(col);
    }
}

/// A string as a YAML scalar (JSON's double-quoted strings are YAML's).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A cell as the YAML scalar of its column's form.
fn scalar(form: Form, v: &Value) -> String {
    let t = v.text();
    match (form, v) {
        (Form::Bool, Value::Bool(b)) => b.to_string(),
        (Form::Bool, _) => match fold(&t).as_str() {
            "true" | "co" | "x" | "yes" | "1" => "true".into(),
            "false" | "khong" | "no" | "0" => "false".into(),
            _ => quoted(&t),
        },
        (Form::Number, Value::Number(n)) => n.to_string(),
        (Form::Number, _) => match t.parse::<f64>() {
            Ok(_) => t,
            Err(_) => quoted(&t),
        },
        (Form::List, _) => {
            let items: Vec<String> = t
                .split([',', ';', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(quoted)
                .collect();
            format!("[{}]", items.join(", "))
        }
        _ => quoted(&t),
    }
}

/// The words an official may type in the basis column (`Căn cứ`), folded (no case, no
/// diacritics), with the code each stands for. The codes themselves are accepted too.
pub const BASIS_WORDS: &[(&str, &str)] = &[
    ("cong bo", "announced"),
    ("da cong bo", "announced"),
    ("announced", "announced"),
    ("theo ke hoach", "plan"),
    ("ke hoach", "plan"),
    ("plan", "plan"),
    ("mau", "sample"),
    ("du lieu mau", "sample"),
    ("sample", "sample"),
];

/// The basis code a cell of the basis column stands for ("Mẫu" → `sample`); anything else is
/// passed on as written, for the record's parser to refuse at this cell.
fn basis_code(cell: &str) -> String {
    let folded = fold(cell);
    BASIS_WORDS
        .iter()
        .find(|(word, _)| *word == folded)
        .map_or_else(|| cell.to_string(), |(_, code)| code.to_string())
}

fn row_record(table: &Table, hs: &Headers, row: u32, cells: &[Value], file: &Path) -> RowRecord {
    let mut root = Node::Map(Vec::new());
    let mut basis: Option<(String, usize)> = None;
    let mut diags = Vec::new();
    let place_cell = |j: usize| Cell {
        sheet: table.sheet.clone(),
        row,
        column: hs.cols.get(j).cloned().flatten().map(|h| h.written),
    };
    // A text filled both for every language and per language.
    for (j, h) in hs.cols.iter().enumerate() {
        let Some(h) = h else { continue };
        if h.column.form != Form::Text || h.lang.is_some() {
            continue;
        }
        let filled = |k: usize| cells.get(k).is_some_and(|v| !v.is_empty());
        if !filled(j) {
            continue;
        }
        if let Some((k, o)) = hs.cols.iter().enumerate().find_map(|(k, o)| {
            o.as_ref()
                .filter(|o| {
                    o.lang.is_some() && o.column.path == h.column.path && o.index == h.index
                })
                .map(|o| (k, o))
        }) {
            if filled(k) {
                diags.push(
                    Diagnostic::error(
                        file,
                        crate::catalogue::sheets::text_both_forms(&h.written, &o.written),
                    )
                    .in_cell(place_cell(j), Some(table.first_column + j as u32)),
                );
            }
        }
    }
    for (j, h) in hs.cols.iter().enumerate() {
        let Some(h) = h else { continue };
        let Some(v) = cells.get(j).filter(|v| !v.is_empty()) else {
            continue;
        };
        if h.column.path == "basis" {
            basis = Some((basis_code(&v.text()), j));
            continue;
        }
        if h.column.path == "phones.number" && matches!(v, Value::Number(_)) {
            diags.push(
                Diagnostic::error(
                    file,
                    crate::catalogue::sheets::phone_as_number(&h.written, &v.text()),
                )
                .in_cell(place_cell(j), Some(table.first_column + j as u32)),
            );
            continue;
        }
        root.insert(&h.path(), Node::Leaf(scalar(h.column.form, v), j));
    }
    // `basis`: a code (`sample`), or the group of its columns (`basis.plan`, `basis.announced.*`).
    if let Node::Map(entries) = &mut root {
        let group = entries
            .iter()
            .position(|(k, _)| k == "basis")
            .map(|i| entries.remove(i).1);
        match (basis, group) {
            (Some((code, j)), None) => entries.push(("basis".into(), Node::Leaf(quoted(&code), j))),
            (code, Some(mut g)) => {
                if let (Some((code, j)), Node::Map(es)) = (code, &mut g) {
                    if !es.iter().any(|(k, _)| *k == code) {
                        es.insert(0, (code, Node::Leaf("null".into(), j)));
                    }
                }
                entries.push(("basis".into(), g));
            }
            (None, None) => {}
        }
    }
    let mut w = Writer {
        text: String::new(),
        cols: Vec::new(),
    };
    if let Node::Map(entries) = &root {
        emit(entries, 0, &mut w);
    }
    let vietnamese = hs.cols.iter().flatten().any(|h| h.vietnamese);
    let mut missing_names = Vec::new();
    for c in COLUMNS {
        let written = hs
            .cols
            .iter()
            .flatten()
            .find(|h| h.column.path == c.path)
            .map(|h| h.written.clone());
        let name = written.unwrap_or_else(|| {
            if vietnamese {
                c.vi.to_string()
            } else {
                c.path.to_string()
            }
        });
        missing_names.push((c.path.to_string(), name));
    }
    let lines = w
        .cols
        .iter()
        .map(|c| {
            c.and_then(|j| {
                hs.cols
                    .get(j)
                    .cloned()
                    .flatten()
                    .map(|h| (table.first_column + j as u32, h.written))
            })
        })
        .collect();
    RowRecord {
        yaml: w.text,
        place: RowPlace {
            sheet: table.sheet.clone(),
            row,
            lines,
        },
        diags,
        missing_names,
    }
}

/// Whether `path` is a spreadsheet the provider loader reads (not the lock file Excel or
/// LibreOffice keeps beside an open workbook: `~$co-so.xlsx`, `.~lock.co-so.xlsx#`).
pub fn is_spreadsheet(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") || name.starts_with('.') {
        return false;
    }
    path.extension().and_then(|x| x.to_str()).is_some_and(|x| {
        matches!(
            x.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "ods" | "csv"
        )
    })
}

/// The README's table of spreadsheet columns, with one example per language of `langs`.
pub fn markdown(langs: &[Lang]) -> String {
    let mut out = String::from(
        "\n| cột (tiếng Việt) | column (field name) | ý nghĩa | meaning |\n| --- | --- | --- | --- |\n",
    );
    for c in COLUMNS {
        let path = c.path.replace("phones.", "phones.N.");
        let (vi_h, en_h) = match c.form {
            Form::Text => {
                let vi: Vec<String> = langs.iter().map(|l| format!("`{} ({l})`", c.vi)).collect();
                let en: Vec<String> = langs.iter().map(|l| format!("`{path}.{l}`")).collect();
                (
                    format!("`{}`, {}", c.vi, vi.join(", ")),
                    format!("`{path}`, {}", en.join(", ")),
                )
            }
            _ if c.path.starts_with("phones.") => {
                (format!("`{}`, `{} 2`, …", c.vi, c.vi), format!("`{path}`"))
            }
            _ => (format!("`{}`", c.vi), format!("`{path}`")),
        };
        let (group, field) = c.path.rsplit_once('.').unwrap_or(("", c.path));
        let group = if group.is_empty() {
            "facility".to_string()
        } else {
            format!("facility.{group}")
        };
        let (vi, en) = crate::load::explained::explained(&group, field).unwrap_or(("—", "—"));
        out.push_str(&format!("| {vi_h} | {en_h} | {vi} | {en} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The validator's name for every field of a provider record, with its group (`address.province`).
    fn record_fields() -> Vec<String> {
        crate::load::fields::groups()
            .into_iter()
            .filter_map(|g| {
                let group = g.path.strip_prefix("facility")?.trim_start_matches('.');
                Some(g.fields.into_iter().map(move |f| {
                    if group.is_empty() {
                        f
                    } else {
                        format!("{group}.{f}")
                    }
                }))
            })
            .flatten()
            .chain(
                crate::load::fields::codes()
                    .into_iter()
                    .filter(|(p, _)| *p == "facility.basis")
                    .flat_map(|(_, kinds)| kinds.into_iter().map(|k| format!("basis.{k}"))),
            )
            .collect()
    }

    #[test]
    fn every_column_is_a_field_of_the_record_and_every_field_has_a_column() {
        let fields = record_fields();
        for c in COLUMNS {
            assert!(
                fields.iter().any(|f| f == c.path),
                "{} is not a field",
                c.path
            );
        }
        // Groups are filled through their own columns; the old date field and change notes are
        // written in YAML only.
        let left_out = ["last_verified", "change_note"];
        for f in &fields {
            let is_group = fields.iter().any(|g| g.starts_with(&format!("{f}.")));
            let basis_kind = f == "basis.announced" || f == "basis.sample";
            if is_group || basis_kind || left_out.contains(&f.as_str()) {
                continue;
            }
            assert!(COLUMNS.iter().any(|c| c.path == f), "no column for {f}");
        }
    }

    #[test]
    fn headers_in_vietnamese_or_field_names_with_languages_and_phone_numbers() {
        let langs: Vec<Lang> = crate::lang::Languages::new(&["vi", "en"])
            .expect("a valid list")
            .iter()
            .collect();
        let h = header("Tên cơ sở (en)", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["name", "en"]);
        let h = header("name.vi", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["name", "vi"]);
        let h = header("ten co so", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["name"]);
        let h = header("Điện thoại 2", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["phones", "#2", "number"]);
        let h = header("phones.3.label.en", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["phones", "#3", "label", "en"]);
        let h = header("verification.by", &langs).unwrap().unwrap();
        assert_eq!(h.path(), ["verification", "by"]);
        assert_eq!(
            header("Mã (en)", &langs).unwrap_err().code,
            "unknown-column-language"
        );
        assert_eq!(
            header("Tên cơ sở (fr)", &langs).unwrap_err().code,
            "unknown-column-language"
        );
        assert_eq!(header("Mã 2", &langs).unwrap_err().code, "unknown-column");
        assert!(header("  ", &langs).unwrap().is_none());
    }
}
