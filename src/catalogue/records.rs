//! Mistakes in provider records and hotlines: ids, phone numbers, coordinates, verification.

use super::Said;
use crate::messages::Text;

/// A provider's `id` differs from its file name.
pub fn id_mismatch(id: &str, stem: &str) -> Said {
    Said::new(
        "id-mismatch",
        text!(
            vi: "mã `{id}` khác với tên tệp `{stem}`",
            en: "the id `{id}` differs from the file name `{stem}`",
        ),
    )
    .fix(text!(
        vi: "viết `id: {stem}` hoặc đổi tên tệp thành `{id}.yaml`",
        en: "write `id: {stem}` or rename the file to `{id}.yaml`",
    ))
}

/// An id with capitals, diacritics or spaces.
pub fn invalid_id(id: &str, slug: &str) -> Said {
    Said::new(
        "invalid-id",
        text!(
            vi: "mã `{id}` phải là chữ thường không dấu và dấu gạch ngang",
            en: "the id `{id}` is not lowercase ASCII with dashes",
        ),
    )
    .fix(text!(
        vi: "đổi tên tệp thành `{slug}.yaml` và viết `id: {slug}`",
        en: "rename the file to `{slug}.yaml` and write `id: {slug}`",
    ))
}

/// An id with capitals, diacritics or spaces, in a spreadsheet row.
pub fn invalid_row_id(id: &str, slug: &str) -> Said {
    Said::new(
        "invalid-id",
        text!(
            vi: "mã `{id}` phải là chữ thường không dấu và dấu gạch ngang",
            en: "the id `{id}` is not lowercase ASCII with dashes",
        ),
    )
    .fix(text!(vi: "ghi mã `{slug}`", en: "write the id `{slug}`"))
}

/// Two providers with one id.
pub fn duplicate_id(id: &str, other: &str) -> Said {
    Said::new(
        "duplicate-id",
        text!(
            vi: "mã `{id}` đã được dùng cho {other}",
            en: "the id `{id}` is also used by {other}",
        ),
    )
    .fix(text!(
        vi: "mỗi cơ sở cần một mã riêng",
        en: "give each provider its own id",
    ))
}

/// A phone number that cannot be right; `problem` says why (from [`phone_problem`]);
/// `number` is the valid number at its start, when there is one (`0235 3852 123 (máy lẻ 2)`).
pub fn invalid_phone(problem: Text, number: Option<&str>) -> Said {
    let said = Said::new("invalid-phone", problem);
    if let Some(n) = number {
        return said.fix(text!(
            vi: "viết `number: \"{n}\"` và ghi phần còn lại (số máy lẻ, tên người nghe) vào `label`",
            en: "write `number: \"{n}\"` and put the rest (extension, who answers) in `label`",
        ));
    }
    said.fix(text!(
        vi: "viết số điện thoại Việt Nam: di động 10 số (0912 345 678), cố định 11 số có mã vùng (0235 3852 123), số 1800/1900, hoặc 111–115",
        en: "write a Vietnamese number: a 10-digit mobile (0912 345 678), an 11-digit landline with its area code (0235 3852 123), a 1800/1900 number, or 111–115",
    ))
}

/// Why a phone number was refused.
pub enum PhoneProblem<'a> {
    Placeholder,
    ServiceLength(usize),
    BadStart,
    MobileLength(usize),
    UnknownPrefix(&'a str),
    LandlineLength(usize),
    UnknownArea(&'a str),
    BadCharacter(char),
    NotPlus84,
    Empty,
}

/// The words for a refused phone number `raw`.
pub fn phone_problem(raw: &str, p: PhoneProblem) -> Text {
    match p {
        PhoneProblem::Placeholder => text!(
            vi: "`{raw}` là số giả; chỉ bản ghi có `basis: sample` mới được dùng",
            en: "`{raw}` is a placeholder number; only records marked `basis: sample` may use one",
        ),
        PhoneProblem::ServiceLength(n) => text!(
            vi: "`{raw}`: số 1800 và 1900 có 8 hoặc 10 chữ số, số này có {n}",
            en: "`{raw}`: 1800 and 1900 numbers have 8 or 10 digits, this one has {n}",
        ),
        PhoneProblem::BadStart => text!(
            vi: "`{raw}` không bắt đầu bằng 0, +84, 1800, 1900 hoặc là số khẩn cấp",
            en: "`{raw}` does not start with 0, +84, 1800, 1900 or an emergency number",
        ),
        PhoneProblem::MobileLength(n) => text!(
            vi: "`{raw}`: số di động có 10 chữ số, số này có {n}",
            en: "`{raw}`: mobile numbers have 10 digits, this one has {n}",
        ),
        PhoneProblem::UnknownPrefix(prefix) => text!(
            vi: "`{raw}`: {prefix} không phải đầu số di động cũng không phải mã vùng cố định",
            en: "`{raw}`: {prefix} is neither a mobile prefix nor a landline area code",
        ),
        PhoneProblem::LandlineLength(n) => text!(
            vi: "`{raw}`: số cố định có 11 chữ số (02, mã vùng, số thuê bao), số này có {n}",
            en: "`{raw}`: landline numbers have 11 digits (02, the area code, the subscriber number), this one has {n}",
        ),
        PhoneProblem::UnknownArea(area) => text!(
            vi: "`{raw}`: 0{area} không phải mã vùng của Việt Nam",
            en: "`{raw}`: 0{area} is not a Vietnamese area code",
        ),
        PhoneProblem::BadCharacter(c) => text!(
            vi: "`{raw}` có ký tự `{c}`; chỉ viết chữ số, dấu cách, dấu chấm hoặc +84 ở đầu",
            en: "`{raw}` contains `{c}`; write only digits, spaces, dots or a leading +84",
        ),
        PhoneProblem::NotPlus84 => text!(
            vi: "`{raw}`: số quốc tế phải bắt đầu bằng +84",
            en: "`{raw}`: an international number must start with +84",
        ),
        PhoneProblem::Empty => text!(
            vi: "số điện thoại đang để trống",
            en: "the phone number is empty",
        ),
    }
}

/// A landline whose area code is another province's.
pub fn phone_area(number: &str, areas: &str, province: &str) -> Said {
    Said::new(
        "phone-area",
        text!(
            vi: "mã vùng của `{number}` thuộc {areas}, không phải {province}",
            en: "the area code of `{number}` belongs to {areas}, not to {province}",
        ),
    )
    .fix(text!(
        vi: "kiểm tra số; điện thoại cố định thường có mã vùng của tỉnh nơi cơ sở đặt trụ sở",
        en: "check the number; a landline usually carries the area code of the province where the provider is",
    ))
}

/// Coordinates outside Vietnam (often lat and lon swapped).
pub fn geo_outside(lat: f64, lon: f64) -> Said {
    let fix = if (8.0..=24.0).contains(&lon) && (102.0..=110.0).contains(&lat) {
        text!(
            vi: "lat và lon bị đổi chỗ: viết `lat: {lon}` và `lon: {lat}`",
            en: "lat and lon are swapped: write `lat: {lon}` and `lon: {lat}`",
        )
    } else {
        text!(
            vi: "kiểm tra lat và lon có bị đổi chỗ không; lat khoảng 8–24, lon khoảng 102–110",
            en: "check that lat and lon are not swapped; lat is about 8–24, lon about 102–110",
        )
    };
    Said::new(
        "geo-outside-vietnam",
        text!(
            vi: "tọa độ {lat}, {lon} nằm ngoài Việt Nam",
            en: "coordinates {lat}, {lon} are outside Vietnam",
        ),
    )
    .fix(fix)
}

/// A listing not verified for longer than the site allows.
pub fn stale_listing(verified: &str, days: i64) -> Said {
    Said::new(
        "stale-listing",
        text!(
            vi: "kiểm chứng lần cuối ngày {verified}, đã hơn {days} ngày",
            en: "last verified on {verified}, more than {days} days ago",
        ),
    )
    .fix(text!(
        vi: "kiểm tra lại thông tin với cơ sở và cập nhật `verification:` (ngày, ai kiểm tra, cách kiểm tra)",
        en: "check the listing with the provider and update `verification:` (date, who checked, how)",
    ))
}
