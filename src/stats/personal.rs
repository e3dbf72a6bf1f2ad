//! Refuses personal data in statistics: column names and values that look like names, birth dates, IDs, phones, addresses or e-mails.

use crate::diagnostics::{Diagnostic, Position};
use std::path::Path;

/// What kind of personal data a column or value looks like.
pub use crate::catalogue::stats::Personal;

/// Column-name phrases (diacritics folded, words separated by single spaces) per kind.
const NAME_PHRASES: &[(Personal, &[&str])] = &[
    (
        Personal::Name,
        &[
            "ho ten",
            "ho va ten",
            "hoten",
            "ten",
            "name",
            "full name",
            "fullname",
            "first name",
            "last name",
            "surname",
            "given name",
            "ten nguoi",
            "patient name",
        ],
    ),
    (
        Personal::BirthDate,
        &[
            "ngay sinh",
            "ngaysinh",
            "nam sinh",
            "namsinh",
            "ngay thang nam sinh",
            "dob",
            "date of birth",
            "birth date",
            "birthdate",
            "birthday",
            "born",
            "sinh nhat",
        ],
    ),
    (
        Personal::IdNumber,
        &[
            "cccd",
            "cmnd",
            "cmt",
            "can cuoc",
            "can cuoc cong dan",
            "chung minh",
            "chung minh nhan dan",
            "so dinh danh",
            "dinh danh",
            "ma dinh danh",
            "id number",
            "national id",
            "id card",
            "citizen id",
            "passport",
            "ho chieu",
            "so ho chieu",
            "bhyt",
            "so bhyt",
            "ssn",
        ],
    ),
    (
        Personal::Phone,
        &[
            "dien thoai",
            "dienthoai",
            "so dien thoai",
            "sdt",
            "dt",
            "so dt",
            "phone",
            "telephone",
            "tel",
            "mobile",
            "cell phone",
            "di dong",
            "zalo",
        ],
    ),
    (
        Personal::Address,
        &[
            "dia chi",
            "diachi",
            "address",
            "street",
            "so nha",
            "noi o",
            "cho o",
            "noi cu tru",
            "thuong tru",
            "tam tru",
            "residence",
            "home address",
        ],
    ),
    (
        Personal::Email,
        &["email", "e mail", "mail", "thu dien tu", "hop thu"],
    ),
];

/// A column name folded to lowercase ASCII words: "Số CCCD" → "so cccd", "ho_ten" → "ho ten".
fn words(name: &str) -> Vec<String> {
    let folded = crate::slug::fold(name);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `phrase` occurs as a run of whole words in `ws`.
fn has_phrase(ws: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    ws.windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

/// The kind of personal data a column name suggests.
pub fn column_kind(name: &str) -> Option<Personal> {
    let ws = words(name);
    if ws.is_empty() {
        return None;
    }
    // "tên tỉnh" (province name) or "tên cơ sở" is not a person's name.
    let place = [
        "tinh", "xa", "phuong", "huyen", "co", "so", "province", "commune", "district", "facility",
        "don", "vi",
    ];
    NAME_PHRASES.iter().find_map(|(kind, phrases)| {
        phrases.iter().find_map(|p| {
            let single_name = (*p == "ten" || *p == "name") && ws.len() > 1;
            let hit = if single_name {
                has_phrase(&ws, p) && !ws.iter().any(|w| place.contains(&w.as_str()))
            } else {
                has_phrase(&ws, p)
            };
            hit.then_some(*kind)
        })
    })
}

fn digits(v: &str) -> Option<String> {
    let d: String = v
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    (!d.is_empty() && d.chars().all(|c| c.is_ascii_digit() || c == '+')).then_some(d)
}

fn is_phone(v: &str) -> bool {
    let Some(d) = digits(v) else { return false };
    let national = if let Some(rest) = d.strip_prefix("+84").or_else(|| d.strip_prefix("84")) {
        format!("0{rest}")
    } else {
        d
    };
    national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit())
        && (national.len() == 10 || (national.len() == 11 && national.starts_with("02")))
}

fn is_id_number(v: &str) -> bool {
    let t = v.trim();
    (t.len() == 9 || t.len() == 12) && t.chars().all(|c| c.is_ascii_digit())
}

fn is_email(v: &str) -> bool {
    let t = v.trim();
    match t.split_once('@') {
        Some((user, host)) => {
            !user.is_empty() && host.contains('.') && !t.contains(' ') && !host.contains('@')
        }
        None => false,
    }
}

/// A full calendar date (dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd): in a non-period column, a likely birth date.
fn is_date(v: &str) -> bool {
    let parts: Vec<&str> = v.trim().split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) else {
        return false;
    };
    let dmy = (1..=31).contains(&x) && (1..=12).contains(&y) && (1900..=2100).contains(&z);
    let ymd = (1900..=2100).contains(&x) && (1..=12).contains(&y) && (1..=31).contains(&z);
    dmy || ymd
}

/// The kind of personal data a cell value looks like.
pub fn value_kind(v: &str, period_column: bool) -> Option<Personal> {
    if is_email(v) {
        Some(Personal::Email)
    } else if is_phone(v) {
        Some(Personal::Phone)
    } else if is_id_number(v) {
        Some(Personal::IdNumber)
    } else if !period_column && is_date(v) {
        Some(Personal::BirthDate)
    } else {
        None
    }
}

/// The error for personal data at a place; the value itself is never repeated in the message.
pub fn refuse(
    file: &Path,
    at: Position,
    kind: Personal,
    column: &str,
    by_name: bool,
) -> Diagnostic {
    Diagnostic::error(
        file,
        crate::catalogue::stats::personal_data(kind, column, by_name),
    )
    .at(at)
}

/// Checks the header and every cell of a CSV file; returns one error per offending column.
pub fn check_csv(src: &str, file: &Path, period_columns: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(src.as_bytes());
    let lines: Vec<&str> = src.lines().collect();
    let mut header: Vec<String> = Vec::new();
    let mut flagged: Vec<bool> = Vec::new();
    for rec in rdr.records().flatten() {
        let line = rec.position().map(|p| p.line()).unwrap_or(1);
        let text = lines
            .get((line as usize).saturating_sub(1))
            .copied()
            .unwrap_or("");
        let at = |i: usize| Position::new(line, super::dataset::field_column(text, i));
        if header.is_empty() {
            header = rec.iter().map(str::to_string).collect();
            flagged = vec![false; header.len()];
            for (i, h) in header.iter().enumerate() {
                if let Some(k) = column_kind(h) {
                    flagged[i] = true;
                    out.push(refuse(file, at(i), k, h, true));
                }
            }
            continue;
        }
        for (i, v) in rec.iter().enumerate() {
            if flagged.get(i).copied().unwrap_or(true) {
                continue;
            }
            let name = header.get(i).map(String::as_str).unwrap_or("");
            if let Some(k) = value_kind(v, period_columns.iter().any(|p| p == name)) {
                flagged[i] = true;
                out.push(refuse(file, at(i), k, name, false));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_column_names_in_both_languages() {
        for n in [
            "họ tên",
            "Ho_ten",
            "ngày sinh",
            "ngay sinh",
            "Số CCCD",
            "so_cmnd",
            "điện thoại",
            "SĐT",
            "địa chỉ",
            "email",
            "E-mail",
            "name",
            "dob",
            "phone",
            "Full Name",
        ] {
            assert!(column_kind(n).is_some(), "{n}");
        }
        for n in [
            "tinh",
            "tên tỉnh",
            "province_name",
            "nam",
            "hinh_thuc",
            "patients",
            "so_nguoi",
            "hotel",
        ] {
            assert_eq!(column_kind(n), None, "{n}");
        }
    }

    #[test]
    fn personal_values() {
        assert_eq!(value_kind("0912 345 678", false), Some(Personal::Phone));
        assert_eq!(value_kind("+84912345678", false), Some(Personal::Phone));
        assert_eq!(value_kind("001203004567", false), Some(Personal::IdNumber));
        assert_eq!(value_kind("123456789", false), Some(Personal::IdNumber));
        assert_eq!(value_kind("a.b@c.vn", false), Some(Personal::Email));
        assert_eq!(value_kind("13/03/1990", false), Some(Personal::BirthDate));
        assert_eq!(value_kind("2024-03-13", true), None);
        for v in ["2024", "Quảng Trị", "1234", "Tổng", "250"] {
            assert_eq!(value_kind(v, false), None, "{v}");
        }
    }
}
