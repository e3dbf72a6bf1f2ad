//! Dates in content: full calendar dates, and partial dates for documents that leave the day blank.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date that exists, written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A date whose day (or month) may be unknown: 2024-03-13, 2021-03 or 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

/// A value that is not a date minh accepts; `partial` when a year or month alone was allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate {
    pub value: String,
    pub partial: bool,
}

impl fmt::Display for BadDate {
    /// A catalogue mark, so that the YAML reader can give the catalogue's words for it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.partial {
            "invalid-partial-date"
        } else {
            "invalid-date"
        };
        f.write_str(&crate::catalogue::mark(code, &self.value))
    }
}

fn parse_day(s: &str) -> Result<NaiveDate, BadDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() == 10)
        .ok_or_else(|| BadDate {
            value: s.to_string(),
            partial: false,
        })
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, BadDate> {
        parse_day(s.trim()).map(Date)
    }
    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, BadDate> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || BadDate {
            value: s.to_string(),
            partial: true,
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => y.parse().map(PartialDate::Year).map_err(|_| bad()),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let y: i32 = y.parse().map_err(|_| bad())?;
                let m: u32 = m.parse().map_err(|_| bad())?;
                if (1..=12).contains(&m) {
                    Ok(PartialDate::Month(y, m))
                } else {
                    Err(bad())
                }
            }
            [_, _, _] => parse_day(s).map(PartialDate::Day).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    pub fn year(&self) -> i32 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => *y,
            PartialDate::Day(d) => d.year(),
        }
    }

    /// The earliest day this date can be, for sorting and feeds.
    pub fn first_day(&self) -> NaiveDate {
        match self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(*y, *m, 1),
            PartialDate::Day(d) => Some(*d),
        }
        .unwrap_or_default()
    }

    pub fn iso(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Human form: "13/3/2024", "tháng 3/2021" in Vietnamese; "13 March 2024" in English.
    /// The date as readers of `lang` write it: Vietnamese (`tháng 3/2025`, `5/3/2025`) and
    /// English (`March 2025`, `5 March 2025`) have their own forms; every other language gets
    /// the ISO 8601 form (`2025-03`, `2025-03-05`), read the same everywhere.
    pub fn human(&self, lang: crate::lang::Lang) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match (self, lang.code()) {
            (PartialDate::Year(y), _) => format!("{y}"),
            (PartialDate::Month(y, m), "vi") => format!("tháng {m}/{y}"),
            (PartialDate::Month(y, m), "en") => {
                format!("{} {y}", MONTHS[(*m as usize - 1) % 12])
            }
            (PartialDate::Month(y, m), _) => format!("{y}-{m:02}"),
            (PartialDate::Day(d), "vi") => format!("{}/{}/{}", d.day(), d.month(), d.year()),
            (PartialDate::Day(d), "en") => {
                format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            }
            (PartialDate::Day(d), _) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

impl Date {
    pub fn human(&self, lang: crate::lang::Lang) -> String {
        PartialDate::Day(self.0).human(lang)
    }
}

/// Reads a YAML scalar as text, whether the YAML parser saw a string or a number.
fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        S(String),
        I(i64),
    }
    Ok(match Scalar::deserialize(d)? {
        Scalar::S(s) => s,
        Scalar::I(i) => i.to_string(),
    })
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = scalar(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = scalar(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert!(Date::parse("2024-02-30").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("2021-13").is_err());
        assert_eq!(
            PartialDate::parse("2021-03"),
            Ok(PartialDate::Month(2021, 3))
        );
    }
}

/// The ISO form of a date written the Vietnamese way: `15/3/2021`, `15-3-2021`, `15.3.2021`,
/// `ngày 15 tháng 3 năm 2021` → `2021-03-15`; `3/2021`, `tháng 3 năm 2021` → `2021-03`; a blank day
/// (`.../3/2021`, `ngày   tháng 3 năm 2021`) gives the month, a blank month the year. `None` when
/// the value is not a date that exists.
pub fn guess_iso(value: &str) -> Option<String> {
    let folded = crate::slug::fold(value);
    let words = folded
        .replace("ngay", " ")
        .replace("thang", "/")
        .replace("nam", "/");
    // Every run of digits, and whether a field was left blank (dots, underscores, nothing).
    let parts: Vec<&str> = words
        .split(['/', '-', '.', ' ', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if parts
        .iter()
        .any(|p| p.parse::<u32>().is_err() && !p.chars().all(|c| c == '_' || c == '…'))
    {
        return None;
    }
    let ymd = |y: u32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y as i32, m, d).map(|d| d.format("%Y-%m-%d").to_string())
    };
    match numbers.as_slice() {
        [y, m, d] if *y >= 1000 => ymd(*y, *m, *d),
        [d, m, y] if *y >= 1000 => ymd(*y, *m, *d),
        [m, y] if *y >= 1000 && (1..=12).contains(m) => Some(format!("{y:04}-{m:02}")),
        [y, m] if *y >= 1000 && (1..=12).contains(m) => Some(format!("{y:04}-{m:02}")),
        [y] if *y >= 1000 && *y < 3000 => Some(format!("{y:04}")),
        _ => None,
    }
}

#[cfg(test)]
mod guess_tests {
    use super::guess_iso;

    #[test]
    fn vietnamese_dates_in_every_common_form() {
        for (written, iso) in [
            ("15/3/2021", "2021-03-15"),
            ("15/03/2021", "2021-03-15"),
            ("15-3-2021", "2021-03-15"),
            ("15.3.2021", "2021-03-15"),
            ("ngày 15 tháng 3 năm 2021", "2021-03-15"),
            ("Ngày 15 tháng 03 năm 2021", "2021-03-15"),
            ("ngay 15 thang 3 nam 2021", "2021-03-15"),
            ("2021/3/15", "2021-03-15"),
            ("3/2021", "2021-03"),
            ("tháng 3 năm 2021", "2021-03"),
            ("tháng 3/2021", "2021-03"),
            ("ngày   tháng 3 năm 2021", "2021-03"),
            ("…/3/2021", "2021-03"),
            ("năm 2021", "2021"),
        ] {
            assert_eq!(guess_iso(written).as_deref(), Some(iso), "{written}");
        }
        assert_eq!(guess_iso("31/2/2021"), None);
        assert_eq!(guess_iso("hôm qua"), None);
    }
}
