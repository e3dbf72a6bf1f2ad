//! Mistakes in single values: dates, provinces.

use super::Said;

/// A date that does not exist or is not written `YYYY-MM-DD`; `partial` when a year or month alone
/// is allowed; `key` is the field; `iso` is the same date written right, when it can be read.
pub fn invalid_date(value: &str, partial: bool, key: &str, iso: Option<&str>) -> Said {
    let iso_shaped = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let said = if iso_shaped {
        Said::new(
            "invalid-date",
            text!(
                vi: "`{value}` không phải là một ngày có thật",
                en: "`{value}` is not a date that exists",
            ),
        )
    } else if partial {
        Said::new(
            "invalid-date",
            text!(
                vi: "`{value}` không phải là một ngày viết đúng dạng (NNNN-TT-NN, hoặc NNNN-TT khi không rõ ngày, NNNN khi chỉ rõ năm)",
                en: "`{value}` is not a date in the right form (YYYY-MM-DD, or YYYY-MM when the day is not known, YYYY when only the year is)",
            ),
        )
    } else {
        Said::new(
            "invalid-date",
            text!(
                vi: "`{value}` không phải là một ngày viết đúng dạng (NNNN-TT-NN)",
                en: "`{value}` is not a date in the right form (YYYY-MM-DD)",
            ),
        )
    };
    match iso {
        Some(iso) if partial || iso.len() == 10 => said.fix(text!(
            vi: "viết `{key}: {iso}`",
            en: "write `{key}: {iso}`",
        )),
        Some(iso) => said.fix(text!(
            vi: "trường này cần đủ ngày, tháng, năm: viết `{key}: {iso}-NN` với ngày trong văn bản",
            en: "this field needs a full date: write `{key}: {iso}-DD` with the day from the document",
        )),
        None => said.fix(text!(
            vi: "viết ngày có thật theo dạng NNNN-TT-NN (năm-tháng-ngày), ví dụ ngày 15/3/2021 là `{key}: 2021-03-15`",
            en: "write a day that exists as YYYY-MM-DD (year-month-day); 15/3/2021, for example, is `{key}: 2021-03-15`",
        )),
    }
}

/// Which province field a name was written in: each has its own right fix for a former province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceField {
    /// A plan's `area`: `province` as the document names it, `current_province` today's.
    PlanCurrent,
    /// A provider's `address`: `province` today's, `former_province` the pre-2025 one.
    Address,
    /// A hotline's `scope`.
    HotlineScope,
    /// A provider's province in a spreadsheet's column (the fix names the column, not YAML).
    SheetColumn,
}

/// What a province name that is not a current province may mean.
pub enum ProvinceHint<'a> {
    /// A pre-2025 province (`former`, spelled right) merged into `current`.
    Former {
        former: &'a str,
        current: &'a str,
    },
    /// A current province written without diacritics, abbreviated or with a prefix.
    Spelled(&'a str),
    /// The likeliest current province.
    Nearest(&'a str),
    None,
}

/// A province name that is not one of the current provinces, with the exact fix.
pub fn unknown_province(value: &str, field: ProvinceField, hint: ProvinceHint) -> Said {
    let key = match field {
        ProvinceField::PlanCurrent => "current_province",
        ProvinceField::Address => "province",
        ProvinceField::HotlineScope => "scope",
        ProvinceField::SheetColumn => return unknown_province_cell(value, hint),
    };
    let said = Said::new(
        "unknown-province",
        text!(
            vi: "`{value}` không phải là một trong 34 tỉnh, thành phố hiện nay",
            en: "`{value}` is not one of the current provinces",
        ),
    );
    match (hint, field) {
        (ProvinceHint::Former { former, current }, ProvinceField::PlanCurrent) => said.fix(text!(
            vi: "`{former}` đã được sáp nhập vào `{current}` từ 1/7/2025: trong `area`, viết `province: \"{former}\"` (tỉnh như văn bản ghi) và `current_province: \"{current}\"` (tỉnh hiện nay)",
            en: "`{former}` was merged into `{current}` on 1 July 2025: in `area`, write `province: \"{former}\"` (the province as the document names it) and `current_province: \"{current}\"` (today's province)",
        )),
        (ProvinceHint::Former { former, current }, ProvinceField::Address) => said.fix(text!(
            vi: "`{former}` đã được sáp nhập vào `{current}` từ 1/7/2025: trong `address`, viết `province: \"{current}\"` và `former_province: \"{former}\"`",
            en: "`{former}` was merged into `{current}` on 1 July 2025: in `address`, write `province: \"{current}\"` and `former_province: \"{former}\"`",
        )),
        (ProvinceHint::Former { former, current }, ProvinceField::HotlineScope) => said.fix(text!(
            vi: "`{former}` đã được sáp nhập vào `{current}` từ 1/7/2025: viết `scope: \"{current}\"`",
            en: "`{former}` was merged into `{current}` on 1 July 2025: write `scope: \"{current}\"`",
        )),
        (ProvinceHint::Former { .. }, ProvinceField::SheetColumn) => said,
        (ProvinceHint::Spelled(name), _) => said.fix(text!(
            vi: "viết tên tỉnh đầy đủ dấu, đúng như danh sách: `{key}: \"{name}\"`",
            en: "write the province's name with its diacritics, as in the list: `{key}: \"{name}\"`",
        )),
        (ProvinceHint::Nearest(name), _) => said.fix(text!(
            vi: "có phải bạn muốn viết `{key}: \"{name}\"`?",
            en: "did you mean `{key}: \"{name}\"`?",
        )),
        (ProvinceHint::None, _) => said.fix(text!(
            vi: "dùng một trong 34 tỉnh, thành phố trong content/provinces.yaml",
            en: "use one of the 34 provinces listed in content/provinces.yaml",
        )),
    }
}

/// A province cell of a provider spreadsheet that is not one of the current provinces: the fix
/// says what to write in the cell, in the words of a spreadsheet (no YAML).
fn unknown_province_cell(value: &str, hint: ProvinceHint) -> Said {
    let said = Said::new(
        "unknown-province",
        text!(
            vi: "`{value}` không phải là một trong 34 tỉnh, thành phố hiện nay",
            en: "`{value}` is not one of the current provinces",
        ),
    );
    match hint {
        ProvinceHint::Former { former, current } => said.fix(text!(
            vi: "{former} đã được sáp nhập vào {current} từ 1/7/2025: viết {current} vào cột này, và {former} vào cột Tỉnh cũ",
            en: "{former} was merged into {current} on 1 July 2025: write {current} in this column, and {former} in the column Tỉnh cũ (former province)",
        )),
        ProvinceHint::Spelled(name) => said.fix(text!(
            vi: "viết {name} vào cột này (tên tỉnh đầy đủ dấu, đúng như danh sách)",
            en: "write {name} in this column (the province's name with its diacritics, as in the list)",
        )),
        ProvinceHint::Nearest(name) => said.fix(text!(
            vi: "có phải bạn muốn viết {name}? Nếu đúng, viết {name} vào cột này",
            en: "did you mean {name}? If so, write {name} in this column",
        )),
        ProvinceHint::None => said.fix(text!(
            vi: "viết vào cột này một trong 34 tỉnh, thành phố trong content/provinces.yaml",
            en: "write in this column one of the 34 provinces listed in content/provinces.yaml",
        )),
    }
}

/// A plan's `province` (as the document names it) that is neither a current nor a former province.
pub fn unknown_document_province(value: &str, spelled: Option<&str>) -> Said {
    let said = Said::new(
        "unknown-province",
        text!(
            vi: "`{value}` không phải là tên một tỉnh, thành phố (hiện nay hoặc trước 1/7/2025)",
            en: "`{value}` is not the name of a province (current or before 1 July 2025)",
        ),
    );
    match spelled {
        Some(name) => said.fix(text!(
            vi: "viết tên tỉnh đầy đủ dấu: `province: \"{name}\"`",
            en: "write the province's name with its diacritics: `province: \"{name}\"`",
        )),
        None => said.fix(text!(
            vi: "viết tên tỉnh như văn bản ghi, đầy đủ dấu (danh sách ở content/provinces.yaml, cột `former`)",
            en: "write the province as the document names it, with diacritics (listed in content/provinces.yaml, under `former`)",
        )),
    }
}

/// A `former_province` that did not go into the current province.
pub fn unknown_former_province(value: &str, province: &str, formers: &[String]) -> Said {
    let list = formers.join(", ");
    Said::new(
        "unknown-former-province",
        text!(
            vi: "`{value}` không phải là tỉnh cũ hợp thành {province}",
            en: "`{value}` is not one of the provinces that formed {province}",
        ),
    )
    .fix(text!(
        vi: "dùng một trong các tỉnh: {list}",
        en: "use one of: {list}",
    ))
}

/// A `place` of content/place-aliases.yaml that is neither a current province nor a former one.
pub fn unknown_place(value: &str) -> Said {
    Said::new(
        "unknown-place",
        text!(
            vi: "`{value}` không phải là tỉnh, thành phố hiện nay cũng không phải là tỉnh cũ",
            en: "`{value}` is neither a current province nor a former one",
        ),
    )
    .fix(text!(
        vi: "viết một `name` hoặc một tên trong `former` của content/provinces.yaml",
        en: "write a `name` or one of the `former` names of content/provinces.yaml",
    ))
}

/// An alias of content/place-aliases.yaml listed under two places.
pub fn ambiguous_alias(alias: &str, first: &str, second: &str) -> Said {
    Said::new(
        "ambiguous-alias",
        text!(
            vi: "`{alias}` được ghi cho cả {first} và {second}",
            en: "`{alias}` is listed for both {first} and {second}",
        ),
    )
    .fix(text!(
        vi: "chỉ giữ `{alias}` ở một nơi",
        en: "keep `{alias}` under one place only",
    ))
}
