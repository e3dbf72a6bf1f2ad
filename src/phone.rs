//! Vietnamese telephone numbers: validation, E.164 for `tel:` links, and the usual grouping on screen.

use crate::catalogue::records::{phone_problem, PhoneProblem};
use crate::messages::Text;
use serde::Serialize;

/// What kind of number a valid phone number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    Emergency,
    Service,
    Mobile,
    Landline,
}

/// A phone number as published: valid, or a fictitious placeholder of a sample record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Phone {
    Valid {
        kind: PhoneKind,
        /// Digits in national form, e.g. 02353852123.
        digits: String,
        /// The value for `tel:` links: +84… or the short number itself.
        tel: String,
        /// Grouped for reading, e.g. 0235 3852 123.
        display: String,
        /// The former provinces whose area code a landline carries.
        #[serde(skip)]
        area_provinces: Vec<&'static str>,
    },
    /// A placeholder number of a sample record (000 …), never dialable.
    Fictitious { display: String },
}

const MOBILE_PREFIXES: [&str; 30] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058", "059",
    "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "087", "088",
    "089", "090", "091", "092",
];
const MOBILE_PREFIXES_2: [&str; 6] = ["093", "094", "096", "097", "098", "099"];

/// Landline area codes (after the leading 0) and the pre-2025 provinces they belong to.
const AREA_CODES: [(&str, &str); 63] = [
    ("24", "Hà Nội"),
    ("28", "Hồ Chí Minh"),
    ("203", "Quảng Ninh"),
    ("204", "Bắc Giang"),
    ("205", "Lạng Sơn"),
    ("206", "Cao Bằng"),
    ("207", "Tuyên Quang"),
    ("208", "Thái Nguyên"),
    ("209", "Bắc Kạn"),
    ("210", "Phú Thọ"),
    ("211", "Vĩnh Phúc"),
    ("212", "Sơn La"),
    ("213", "Lai Châu"),
    ("214", "Lào Cai"),
    ("215", "Điện Biên"),
    ("216", "Yên Bái"),
    ("218", "Hòa Bình"),
    ("219", "Hà Giang"),
    ("220", "Hải Dương"),
    ("221", "Hưng Yên"),
    ("222", "Bắc Ninh"),
    ("225", "Hải Phòng"),
    ("226", "Hà Nam"),
    ("227", "Thái Bình"),
    ("228", "Nam Định"),
    ("229", "Ninh Bình"),
    ("232", "Quảng Bình"),
    ("233", "Quảng Trị"),
    ("234", "Thừa Thiên Huế"),
    ("235", "Quảng Nam"),
    ("236", "Đà Nẵng"),
    ("237", "Thanh Hóa"),
    ("238", "Nghệ An"),
    ("239", "Hà Tĩnh"),
    ("251", "Đồng Nai"),
    ("252", "Bình Thuận"),
    ("254", "Bà Rịa - Vũng Tàu"),
    ("255", "Quảng Ngãi"),
    ("256", "Bình Định"),
    ("257", "Phú Yên"),
    ("258", "Khánh Hòa"),
    ("259", "Ninh Thuận"),
    ("260", "Kon Tum"),
    ("261", "Đắk Nông"),
    ("262", "Đắk Lắk"),
    ("263", "Lâm Đồng"),
    ("269", "Gia Lai"),
    ("270", "Vĩnh Long"),
    ("271", "Bình Phước"),
    ("272", "Long An"),
    ("273", "Tiền Giang"),
    ("274", "Bình Dương"),
    ("275", "Bến Tre"),
    ("276", "Tây Ninh"),
    ("277", "Đồng Tháp"),
    ("290", "Cà Mau"),
    ("291", "Bạc Liêu"),
    ("292", "Cần Thơ"),
    ("293", "Hậu Giang"),
    ("294", "Trà Vinh"),
    ("296", "An Giang"),
    ("297", "Kiên Giang"),
    ("299", "Sóc Trăng"),
];

const EMERGENCY: [&str; 5] = ["111", "112", "113", "114", "115"];

/// The valid number that `raw` starts with, when more follows it (`0235 3852 123 (máy lẻ 2)`).
pub fn leading_number(raw: &str) -> Option<String> {
    let end = raw
        .find(|c: char| !(c.is_ascii_digit() || " .-+".contains(c)))
        .unwrap_or(raw.len());
    let head = raw[..end].trim().trim_end_matches(['-', '.']).trim();
    (end < raw.len() && parse(head, false).is_ok()).then(|| head.to_string())
}

/// Why a number was refused, in words an editor can act on.
pub fn parse(raw: &str, allow_fictitious: bool) -> Result<Phone, Text> {
    let digits = normalize(raw)?;
    if digits.starts_with("000") {
        return if allow_fictitious {
            Ok(Phone::Fictitious {
                display: raw.trim().to_string(),
            })
        } else {
            Err(phone_problem(raw, PhoneProblem::Placeholder))
        };
    }
    if EMERGENCY.contains(&digits.as_str()) {
        return Ok(valid(
            PhoneKind::Emergency,
            &digits,
            digits.clone(),
            Vec::new(),
        ));
    }
    if digits.starts_with("1800") || digits.starts_with("1900") {
        return if digits.len() == 8 || digits.len() == 10 {
            Ok(valid(
                PhoneKind::Service,
                &digits,
                group_service(&digits),
                Vec::new(),
            ))
        } else {
            Err(phone_problem(
                raw,
                PhoneProblem::ServiceLength(digits.len()),
            ))
        };
    }
    if !digits.starts_with('0') {
        return Err(phone_problem(raw, PhoneProblem::BadStart));
    }
    if digits.starts_with("02") {
        return landline(raw, &digits);
    }
    let prefix = &digits[..3.min(digits.len())];
    if MOBILE_PREFIXES.contains(&prefix) || MOBILE_PREFIXES_2.contains(&prefix) {
        return if digits.len() == 10 {
            Ok(valid(
                PhoneKind::Mobile,
                &digits,
                group(&digits, &[4, 3, 3]),
                Vec::new(),
            ))
        } else {
            Err(phone_problem(raw, PhoneProblem::MobileLength(digits.len())))
        };
    }
    Err(phone_problem(raw, PhoneProblem::UnknownPrefix(prefix)))
}

fn landline(raw: &str, digits: &str) -> Result<Phone, Text> {
    if digits.len() != 11 {
        return Err(phone_problem(
            raw,
            PhoneProblem::LandlineLength(digits.len()),
        ));
    }
    let national = &digits[1..];
    let Some((code, _)) = AREA_CODES
        .iter()
        .find(|(code, _)| national.starts_with(code))
    else {
        return Err(phone_problem(
            raw,
            PhoneProblem::UnknownArea(&national[..3]),
        ));
    };
    let provinces = AREA_CODES
        .iter()
        .filter(|(c, _)| c == code)
        .map(|(_, p)| *p)
        .collect();
    let split = 1 + code.len();
    let rest = &digits[split..];
    let display = format!("{} {}", &digits[..split], group(rest, &[4, 4]));
    Ok(valid(PhoneKind::Landline, digits, display, provinces))
}

fn valid(kind: PhoneKind, digits: &str, display: String, area: Vec<&'static str>) -> Phone {
    let tel = match kind {
        PhoneKind::Emergency | PhoneKind::Service => digits.to_string(),
        PhoneKind::Mobile | PhoneKind::Landline => format!("+84{}", &digits[1..]),
    };
    Phone::Valid {
        kind,
        digits: digits.to_string(),
        tel,
        display,
        area_provinces: area,
    }
}

/// Digits only, with +84 turned into the national 0.
fn normalize(raw: &str) -> Result<String, Text> {
    let trimmed = raw.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, trimmed),
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return Err(phone_problem(raw, PhoneProblem::BadCharacter(c))),
        }
    }
    if plus {
        match digits.strip_prefix("84") {
            Some(r) => digits = format!("0{r}"),
            None => return Err(phone_problem(raw, PhoneProblem::NotPlus84)),
        }
    }
    if digits.is_empty() {
        return Err(phone_problem(raw, PhoneProblem::Empty));
    }
    Ok(digits)
}

fn group(digits: &str, sizes: &[usize]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    for s in sizes {
        if i >= digits.len() {
            break;
        }
        let end = (i + s).min(digits.len());
        out.push(&digits[i..end]);
        i = end;
    }
    if i < digits.len() {
        out.push(&digits[i..]);
    }
    out.join(" ")
}

fn group_service(d: &str) -> String {
    if d.len() == 8 {
        group(d, &[4, 4])
    } else {
        group(d, &[4, 3, 3])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tel(s: &str) -> String {
        match parse(s, false) {
            Ok(Phone::Valid { tel, .. }) => tel,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn accepts_the_usual_forms() {
        assert_eq!(tel("0912 345 678"), "+84912345678");
        assert_eq!(tel("+84 912.345.678"), "+84912345678");
        assert_eq!(tel("0235 3852 123"), "+842353852123");
        assert_eq!(tel("024 3825 1234"), "+842438251234");
        assert_eq!(tel("115"), "115");
        assert_eq!(tel("1800 1567"), "18001567");
        assert_eq!(tel("1900 123 456"), "1900123456");
    }

    #[test]
    fn groups_for_reading() {
        let Ok(Phone::Valid { display, .. }) = parse("02353852123", false) else {
            panic!()
        };
        assert_eq!(display, "0235 3852 123");
        let Ok(Phone::Valid { display, .. }) = parse("0912345678", false) else {
            panic!()
        };
        assert_eq!(display, "0912 345 678");
    }

    #[test]
    fn refuses_wrong_numbers() {
        for bad in [
            "091234567",
            "09123456789",
            "0235385212",
            "0200 000 0000",
            "1800 123",
            "+1 555 0100",
            "0123 456 789",
            "abc",
            "116",
        ] {
            assert!(parse(bad, false).is_err(), "{bad} should be refused");
        }
        assert!(parse("000 000 0001", false).is_err());
        assert!(matches!(
            parse("000 000 0001", true),
            Ok(Phone::Fictitious { .. })
        ));
    }
}
