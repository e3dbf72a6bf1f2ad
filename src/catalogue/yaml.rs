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

/// A tab in the indentation; `line` is the same line with spaces.
pub fn tab(line: &str) -> Said {
    Said::new(
        "yaml-tab",
        text!(
            vi: "dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách",
            en: "this line is indented with a Tab; YAML takes spaces only",
        ),
    )
    .fix(text!(
        vi: "thay Tab bằng dấu cách: `{line}`",
        en: "replace the Tab with spaces: `{line}`",
    ))
}

/// A text value that holds `: ` (or starts like YAML syntax) and needs quotes; `fixed` is the line.
pub fn needs_quotes(key: &str, fixed: &str) -> Said {
    Said::new(
        "unquoted-value",
        text!(
            vi: "giá trị của `{key}` có dấu `:` (hoặc ký tự đặc biệt) nên phải đặt trong dấu nháy",
            en: "the value of `{key}` contains `:` (or another special character), so it must be in quotes",
        ),
    )
    .fix(text!(vi: "viết `{fixed}`", en: "write `{fixed}`"))
}

/// Text after a closing quote (`title: "Kế hoạch" số 12`); `fixed` is the line with one pair of quotes.
pub fn text_after_quote(key: &str, fixed: &str) -> Said {
    Said::new(
        "quote-in-value",
        text!(
            vi: "giá trị của `{key}` có chữ sau dấu nháy đóng",
            en: "the value of `{key}` goes on after its closing quote",
        ),
    )
    .fix(text!(
        vi: "đặt cả giá trị trong một cặp dấu nháy: `{fixed}`",
        en: "put the whole value in one pair of quotes: `{fixed}`",
    ))
}

/// A quote opened and not closed; `fixed` is the line with the quote closed.
pub fn unclosed_quote(fixed: &str) -> Said {
    Said::new(
        "unclosed-quote",
        text!(
            vi: "dấu nháy mở ở đây nhưng không được đóng",
            en: "a quote opens here but is never closed",
        ),
    )
    .fix(text!(
        vi: "đóng dấu nháy ở cuối giá trị: `{fixed}`",
        en: "close the quote at the end of the value: `{fixed}`",
    ))
}

/// A `{` or `[` opened and not closed; `fixed` is the line with it closed.
pub fn unclosed_bracket(fixed: &str) -> Said {
    Said::new(
        "unclosed-bracket",
        text!(
            vi: "dấu ngoặc mở ở đây nhưng không được đóng",
            en: "a bracket opens here but is never closed",
        ),
    )
    .fix(text!(
        vi: "đóng dấu ngoặc trên cùng dòng: `{fixed}`",
        en: "close the bracket on the same line: `{fixed}`",
    ))
}

/// The same field twice in one group.
pub fn duplicate_field(key: &str, first_line: Option<usize>) -> Said {
    let said = Said::new(
        "duplicate-field",
        text!(
            vi: "trường `{key}` được viết hai lần",
            en: "the field `{key}` is written twice",
        ),
    );
    match first_line {
        Some(n) => said.fix(text!(
            vi: "giữ một dòng `{key}:` (dòng {n} hoặc dòng này) và xóa dòng kia",
            en: "keep one `{key}:` line (line {n} or this one) and delete the other",
        )),
        None => said.fix(text!(
            vi: "giữ một dòng `{key}:` và xóa dòng kia",
            en: "keep one `{key}:` line and delete the other",
        )),
    }
}

/// A list written as text (`legal_basis: a, b`); `fixed` is the list.
pub fn list_as_text(key: &str, fixed: &str) -> Said {
    Said::new(
        "list-as-text",
        text!(
            vi: "`{key}` là một danh sách, không phải một đoạn chữ",
            en: "`{key}` is a list, not a text",
        ),
    )
    .fix(text!(
        vi: "viết danh sách trong ngoặc vuông: `{fixed}`",
        en: "write the list in square brackets: `{fixed}`",
    ))
}

/// A field that takes a group of fields was given a single value; `fixed` is the group, when the
/// value can be split into it, or the names of its fields.
pub fn group_as_text(key: &str, fixed: &str) -> Said {
    Said::new(
        "group-as-text",
        text!(
            vi: "`{key}` gồm nhiều trường con, không phải một giá trị",
            en: "`{key}` is a group of fields, not a single value",
        ),
    )
    .fix(text!(vi: "viết `{fixed}`", en: "write `{fixed}`"))
}

/// `title:Kế hoạch`: no space after the colon.
pub fn no_space_after_colon(fixed: &str) -> Said {
    Said::new(
        "no-space-after-colon",
        text!(
            vi: "thiếu dấu cách sau dấu `:`",
            en: "there is no space after the `:`",
        ),
    )
    .fix(text!(vi: "viết `{fixed}`", en: "write `{fixed}`"))
}

/// A line indented differently from the other fields of its group; `fixed` is the line as it
/// should be, `like` the line number it should line up with.
pub fn wrong_indent(fixed: &str, like: usize) -> Said {
    Said::new(
        "wrong-indent",
        text!(
            vi: "dòng này thụt lề không thẳng hàng với các trường cùng nhóm",
            en: "this line is not indented like the other fields of its group",
        ),
    )
    .fix(text!(
        vi: "thụt lề thẳng với dòng {like}: `{fixed}`",
        en: "indent it like line {like}: `{fixed}`",
    ))
}

/// A field of a list item indented so that it does not belong to the item (`label` of a target);
/// reported where the field is, with the line as it should be.
pub fn field_outside_item(field: &str, fixed: &str, like: usize) -> Said {
    Said::new(
        "wrong-indent",
        text!(
            vi: "`{field}:` không thẳng hàng với các trường khác của mục này nên không thuộc về mục",
            en: "`{field}:` is not lined up with the other fields of this item, so it does not belong to it",
        ),
    )
    .fix(text!(
        vi: "thụt lề thẳng với dòng {like}: `{fixed}`",
        en: "indent it like line {like}: `{fixed}`",
    ))
}

/// A yes/no field with another word; `fixed` is the line with `true` or `false`.
pub fn not_yes_no(key: &str, fixed: Option<&str>) -> Said {
    let said = Said::new(
        "not-true-false",
        text!(
            vi: "`{key}` chỉ nhận `true` (có) hoặc `false` (không)",
            en: "`{key}` takes only `true` or `false`",
        ),
    );
    match fixed {
        Some(f) => said.fix(text!(vi: "viết `{f}`", en: "write `{f}`")),
        None => said.fix(text!(
            vi: "viết `{key}: true` hoặc `{key}: false`",
            en: "write `{key}: true` or `{key}: false`",
        )),
    }
}

/// A number field with words, units or Vietnamese separators; `fixed` is the line with the number.
pub fn not_a_number(key: &str, value: &str, fixed: Option<&str>) -> Said {
    let said = Said::new(
        "not-a-number",
        text!(
            vi: "`{key}` cần một con số, không phải `{value}`",
            en: "`{key}` takes a number, not `{value}`",
        ),
    );
    match fixed {
        Some(f) => said.fix(text!(
            vi: "viết `{f}` (chỉ chữ số; số thập phân dùng dấu chấm; đơn vị ghi ở `unit`)",
            en: "write `{f}` (digits only; a decimal point, not a comma; the unit goes in `unit`)",
        )),
        None => said.fix(text!(
            vi: "viết chỉ chữ số, ví dụ `{key}: 100`; nếu văn bản không nêu số, xóa dòng này",
            en: "write digits only, e.g. `{key}: 100`; if the document gives no figure, delete the line",
        )),
    }
}

/// A required text left empty (`title:` with nothing after it).
pub fn empty_value(key: &str) -> Said {
    Said::new(
        "empty-value",
        text!(
            vi: "`{key}` đang để trống nhưng là trường bắt buộc",
            en: "`{key}` is empty, but it is required",
        ),
    )
    .fix(text!(
        vi: "viết giá trị sau dấu hai chấm, ví dụ `{key}: \"...\"`",
        en: "write the value after the colon, e.g. `{key}: \"...\"`",
    ))
}

/// A field name written in Vietnamese or with capitals; `field` is the one meant.
pub fn field_in_other_words(written: &str, field: &str) -> Said {
    Said::new(
        "unknown-field",
        text!(
            vi: "trường `{written}` phải được viết bằng tên mã của nó",
            en: "the field `{written}` must be written with its code name",
        ),
    )
    .fix(text!(
        vi: "đổi `{written}:` thành `{field}:`",
        en: "rename `{written}:` to `{field}:`",
    ))
}

/// A coded value written in Vietnamese (or with capitals); `fixed` are the line rewritten with
/// each code it may mean.
pub fn value_in_other_words(written: &str, fixed: &[String]) -> Said {
    let said = Said::new(
        "unknown-value",
        text!(
            vi: "`{written}` phải được viết bằng mã của nó",
            en: "`{written}` must be written as its code",
        ),
    );
    let list: Vec<String> = fixed.iter().map(|f| format!("`{f}`")).collect();
    match list.as_slice() {
        [one] => said.fix(text!(vi: "viết {one}", en: "write {one}")),
        _ => {
            let (l_vi, l_en) = (list.join(" hoặc "), list.join(" or "));
            said.fix(text!(
                vi: "viết {l_vi} (chọn theo văn bản)",
                en: "write {l_en} (whichever the document says)",
            ))
        }
    }
}
