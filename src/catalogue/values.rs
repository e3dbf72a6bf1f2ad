//! Mistakes in single values: dates, provinces.

use super::Said;

/// A date that does not exist or is not written `YYYY-MM-DD`; `partial` when a year or month alone
/// is allowed.
pub fn invalid_date(value: &str, partial: bool) -> Said {
    let said = if partial {
        Said::new(
            "invalid-date",
            text!(
                vi: "`{value}` không phải là một ngày có thật (viết NNNN-TT-NN, hoặc NNNN-TT khi không rõ ngày)",
                en: "`{value}` is not a date that exists (write YYYY-MM-DD, or YYYY-MM when the day is not known)",
            ),
        )
    } else {
        Said::new(
            "invalid-date",
            text!(
                vi: "`{value}` không phải là một ngày có thật (viết NNNN-TT-NN)",
                en: "`{value}` is not a date that exists (write YYYY-MM-DD)",
            ),
        )
    };
    said.fix(text!(
        vi: "viết ngày theo dạng NNNN-TT-NN với một ngày có thật, ví dụ 2024-03-13.",
        en: "write the date as YYYY-MM-DD with a day that exists, e.g. 2024-03-13.",
    ))
}

/// A province name that is not one of the current provinces; `former_of` is the province it was
/// merged into, `nearest` the likely intended name.
pub fn unknown_province(value: &str, former_of: Option<&str>, nearest: Option<&str>) -> Said {
    let said = Said::new(
        "unknown-province",
        text!(
            vi: "`{value}` không phải là một trong 34 tỉnh, thành phố hiện nay",
            en: "`{value}` is not one of the current provinces",
        ),
    );
    match (former_of, nearest) {
        (Some(p), _) => said.fix(text!(
            vi: "`{value}` đã được sáp nhập vào `{p}` từ 1/7/2025: viết `province: \"{p}\"` và `former_province: \"{value}\"`",
            en: "`{value}` was merged into `{p}` on 1 July 2025: write `province: \"{p}\"` and `former_province: \"{value}\"`",
        )),
        (None, Some(n)) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`?",
            en: "did you mean `{n}`?",
        )),
        (None, None) => said.fix(text!(
            vi: "dùng một trong 34 tỉnh, thành phố trong content/provinces.yaml",
            en: "use one of the 34 provinces listed in content/provinces.yaml",
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
