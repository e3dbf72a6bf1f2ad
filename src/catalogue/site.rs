//! Mistakes in the site's configuration (`site.yaml`) and theme (templates, UI strings, static files).

use super::Said;

pub fn no_config(error: &std::io::Error) -> Said {
    Said::new(
        "missing-config",
        text!(
            vi: "không đọc được site.yaml: {error}",
            en: "cannot read site.yaml: {error}",
        ),
    )
    .fix(text!(
        vi: "tạo tệp site.yaml ở thư mục gốc của trang (xem README.md), hoặc chạy lệnh trong thư mục của trang",
        en: "create site.yaml at the root of the site (see README.md), or run the command in the site's folder",
    ))
}

pub fn bad_base_url(url: &str) -> Said {
    Said::new(
        "config",
        text!(
            vi: "base_url `{url}` không phải là địa chỉ http(s)",
            en: "base_url `{url}` is not an http(s) URL",
        ),
    )
    .fix(text!(
        vi: "viết địa chỉ nơi trang được công bố, ví dụ `base_url: https://example.gov.vn`",
        en: "write the address the site is published at, e.g. `base_url: https://example.gov.vn`",
    ))
}

pub fn section_unnamed(section: &str) -> Said {
    Said::new(
        "config",
        text!(
            vi: "mục `{section}` chưa có tên",
            en: "section `{section}` has no names",
        ),
    )
    .fix(text!(
        vi: "thêm `{section}: {{slug: {{vi: ..., en: ...}}, title: {{vi: ..., en: ...}}}}` dưới `sections:`",
        en: "add `{section}: {{slug: {{vi: ..., en: ...}}, title: {{vi: ..., en: ...}}}}` under `sections:`",
    ))
}

pub fn section_slug(section: &str, lang: &str, got: &str) -> Said {
    Said::new(
        "config",
        text!(
            vi: "mục `{section}` chưa có đường dẫn `{lang}` hợp lệ (hiện là {got})",
            en: "section `{section}` has no valid `{lang}` slug (got {got})",
        ),
    )
    .fix(text!(
        vi: "dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `ke-hoach`",
        en: "use lowercase ASCII letters, digits and dashes, e.g. `ke-hoach`",
    ))
}

pub fn min_cell_too_small() -> Said {
    Said::new(
        "config",
        text!(
            vi: "privacy.min_cell phải từ 2 trở lên",
            en: "privacy.min_cell must be at least 2",
        ),
    )
    .fix(text!(vi: "dùng giá trị mặc định: `min_cell: 11`", en: "use the default: `min_cell: 11`"))
}

pub fn no_ui_strings(error: &std::io::Error) -> Said {
    Said::new(
        "missing-i18n",
        text!(
            vi: "không đọc được các chuỗi giao diện: {error}",
            en: "cannot read the UI strings: {error}",
        ),
    )
    .fix(text!(
        vi: "tạo tệp với mỗi chuỗi giao diện một dòng `khóa: chữ`",
        en: "create the file with one `key: text` line per UI string",
    ))
}

/// A UI string a template uses that a language's strings lack; `used_in` is "file line N" or empty.
pub fn missing_ui_string(
    key: &str,
    lang: &str,
    used_in: Option<(&str, usize)>,
    file: &str,
) -> Said {
    let message = match used_in {
        Some((tpl, line)) => text!(
            vi: "thiếu chuỗi giao diện `{key}` cho ngôn ngữ `{lang}` (dùng trong {tpl} dòng {line})",
            en: "the UI string `{key}` is missing in language `{lang}` (used in {tpl} line {line})",
        ),
        None => text!(
            vi: "thiếu chuỗi giao diện `{key}` cho ngôn ngữ `{lang}`",
            en: "the UI string `{key}` is missing in language `{lang}`",
        ),
    };
    Said::new("missing-ui-string", message).fix(text!(
        vi: "thêm một dòng `{key}: \"...\"` vào {file}",
        en: "add a line `{key}: \"...\"` to {file}",
    ))
}

pub fn untranslated_ui_strings(lang: &str, default: &str, keys: &[&str], file: &str) -> Said {
    let (count, list, first) = (
        keys.len(),
        keys.join(", "),
        keys.first().copied().unwrap_or(""),
    );
    Said::new(
        "untranslated-ui-string",
        text!(
            vi: "{count} chuỗi giao diện chưa dịch sang `{lang}`, trang hiện chuỗi của ngôn ngữ mặc định `{default}`: {list}",
            en: "{count} UI strings not translated into `{lang}`; the site shows the default language's (`{default}`): {list}",
        ),
    )
    .fix(text!(
        vi: "thêm bản dịch của từng chuỗi vào {file}, ví dụ `{first}: \"...\"`",
        en: "add a translation of each string to {file}, e.g. `{first}: \"...\"`",
    ))
}

/// A template error at a known place; `detail` is the template engine's own report.
pub fn template_at(detail: &str) -> Said {
    Said::new(
        "template",
        text!(
            vi: "mẫu trang (template) có lỗi ở chỗ này: {detail}",
            en: "the template has an error here: {detail}",
        ),
    )
    .fix(text!(
        vi: "sửa mẫu trang (template) tại chỗ này; cú pháp xem tại https://keats.github.io/tera/",
        en: "correct the template at this place; see https://keats.github.io/tera/ for the syntax",
    ))
}

/// A template error without a place.
pub fn template(detail: &str) -> Said {
    Said::new(
        "template",
        text!(
            vi: "mẫu trang (template) có lỗi: {detail}",
            en: "a template has an error: {detail}",
        ),
    )
    .fix(text!(
        vi: "sửa mẫu trang được nêu trong thông báo",
        en: "correct the template named in the message",
    ))
}

pub fn static_unreadable(error: &std::io::Error) -> Said {
    Said::new(
        "io",
        text!(
            vi: "không đọc được các tệp tĩnh: {error}",
            en: "cannot read static files: {error}",
        ),
    )
    .fix(text!(
        vi: "kiểm tra các thư mục static/ và themes/<giao diện>/static/ có đọc được",
        en: "check that static/ and themes/<theme>/static/ can be read",
    ))
}
