//! Mistakes the YAML reader finds: syntax, unknown and missing fields, values of the wrong kind.
//!
//! The parser's own English words never become the message: each case gets plain words here.

use super::{ticked, Said};

/// A field the kind of content does not have; `nearest` is the likely intended field.
pub fn unknown_field(field: &str, allowed: &[&str], nearest: Option<&str>) -> Said {
    let list = ticked(allowed);
    let said = Said::new(
        "unknown-field",
        text!(
            vi: "trường `{field}` không có trong mẫu",
            en: "unknown field `{field}`",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Đổi `{field}` thành `{n}`.",
            en: "did you mean `{n}`? Rename `{field}` to `{n}`.",
        )),
        None => said.fix(text!(
            vi: "xóa `{field}`; các trường được dùng ở đây là: {list}.",
            en: "remove `{field}`; the fields allowed here are: {list}.",
        )),
    }
}

/// A value outside a fixed list (a `kind`, a `level`, a `direction`).
pub fn unknown_value(value: &str, allowed: &[&str], nearest: Option<&str>) -> Said {
    let list = ticked(allowed);
    let said = Said::new(
        "unknown-value",
        text!(
            vi: "giá trị `{value}` không hợp lệ ở đây",
            en: "`{value}` is not one of the values allowed here",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Viết `{n}` thay cho `{value}`.",
            en: "did you mean `{n}`? Write `{n}` instead of `{value}`.",
        )),
        None => said.fix(text!(
            vi: "dùng một trong các giá trị: {list}.",
            en: "use one of: {list}.",
        )),
    }
}

/// A required field that is not there.
pub fn missing_field(field: &str) -> Said {
    Said::new(
        "missing-field",
        text!(vi: "thiếu trường `{field}`", en: "missing field `{field}`"),
    )
    .fix(text!(
        vi: "thêm một dòng `{field}: ...` với giá trị.",
        en: "add a line `{field}: ...` with the value.",
    ))
}

/// A value of the wrong kind (text where a number belongs, a list where a text belongs, ...).
pub fn wrong_type() -> Said {
    Said::new(
        "wrong-type",
        text!(
            vi: "giá trị không đúng kiểu cho trường này",
            en: "the value is not of the kind this field takes",
        ),
    )
    .fix(text!(
        vi: "kiểm tra kiểu giá trị: chữ đặt trong dấu nháy, số không có dấu nháy, danh sách có các dòng `- `.",
        en: "check the value's type: text in quotes, numbers without quotes, lists with `- ` items.",
    ))
}

/// Any other syntax error.
pub fn syntax() -> Said {
    Said::new(
        "yaml-syntax",
        text!(
            vi: "cú pháp YAML không đúng ở chỗ này",
            en: "the YAML is not well formed here",
        ),
    )
    .fix(text!(
        vi: "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu nháy quanh chữ có `:` hoặc `#`, và dấu đóng ngoặc.",
        en: "check indentation (spaces, not tabs), quotes around text that contains `:` or `#`, and closing brackets.",
    ))
}
