//! What the commands say: summaries of a run, and the errors of `minh new`, `serve` and options.

use super::{counted, Said};
use crate::messages::Text;

/// `minh build` stopped; `output` was left as it was.
pub fn build_failed(errors: usize, warnings: usize, output: &str) -> Text {
    text!(
        vi: "xây dựng thất bại: {n}; {output} được giữ nguyên như trước",
        en: "build failed: {n}; {output} was left as it was";
        n = counted(errors, warnings),
    )
}

/// `minh build` found every input as the last build left it, and kept its output.
pub fn unchanged(output: &str, ms: f64) -> Text {
    let ms = format!("{ms:.0}");
    text!(
        vi: "{output} đã mới nhất: không tệp nguồn nào đổi từ lần xây dựng trước ({ms} ms)",
        en: "{output} is up to date: no source file changed since the last build ({ms} ms)",
    )
}

/// `minh check` finished.
pub fn check_done(errors: usize, warnings: usize) -> Text {
    text!(vi: "kiểm tra: {n}", en: "check: {n}"; n = counted(errors, warnings))
}

/// A rebuild under `minh serve` failed.
pub fn serve_failed(errors: usize) -> Text {
    let e_en = if errors == 1 { "error" } else { "errors" };
    text!(
        vi: "xây dựng thất bại: {errors} lỗi; vẫn phục vụ bản tốt gần nhất",
        en: "build failed: {errors} {e_en}; still serving the last good site",
    )
}

/// The output folder could not be written.
pub fn cannot_write(output: &str, error: &std::io::Error) -> Said {
    Said::new(
        "io",
        text!(
            vi: "không ghi được trang vào {output}: {error}",
            en: "cannot write the site into {output}: {error}",
        ),
    )
    .fix(text!(
        vi: "kiểm tra thư mục có quyền ghi; bản trước được giữ nguyên",
        en: "check that the folder is writable; the previous output was left as it was",
    ))
}

/// `--today` (or `MINH_TODAY`) is not a date.
pub fn bad_today(value: &str) -> Said {
    Said::new(
        "invalid-date",
        text!(
            vi: "--today `{value}` không phải là một ngày có thật",
            en: "--today `{value}` is not a date that exists",
        ),
    )
    .fix(text!(
        vi: "viết ngày theo dạng NNNN-TT-NN, ví dụ `--today 2026-03-15`",
        en: "write the date as YYYY-MM-DD, e.g. `--today 2026-03-15`",
    ))
}

/// `minh serve` could not start.
pub fn serve_cannot_start(detail: &str) -> Said {
    Said::new(
        "serve",
        text!(
            vi: "không khởi động được máy chủ xem thử: {detail}",
            en: "cannot start the preview server: {detail}",
        ),
    )
    .fix(text!(
        vi: "chọn một cổng khác, ví dụ `minh serve --port 1112`",
        en: "choose another port, e.g. `minh serve --port 1112`",
    ))
}

/// `minh new` with a name that cannot be a file name and address.
pub fn new_bad_name(name: &str, suggestion: &str) -> Said {
    let said = Said::new(
        "invalid-name",
        text!(
            vi: "`{name}` không dùng được làm tên tệp và địa chỉ trang",
            en: "`{name}` cannot be used as a file name and address",
        ),
    );
    if suggestion.is_empty() {
        said.fix(text!(
            vi: "dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `ke-hoach-2025`",
            en: "use lowercase ASCII letters, digits and dashes, e.g. `ke-hoach-2025`",
        ))
    } else {
        said.fix(text!(
            vi: "dùng chữ thường không dấu, chữ số và dấu gạch ngang: `{suggestion}`",
            en: "use lowercase ASCII letters, digits and dashes: `{suggestion}`",
        ))
    }
}

/// `minh new` outside a site.
pub fn new_no_site(root: &str) -> Said {
    Said::new(
        "no-site",
        text!(
            vi: "{root} không có thư mục content/ (không phải thư mục của trang)",
            en: "{root} has no content/ folder (it is not a site's folder)",
        ),
    )
    .fix(text!(
        vi: "chạy `minh new` trong thư mục của trang, hoặc thêm `--root <thư mục của trang>`",
        en: "run `minh new` in the site's folder, or pass `--root <the site's folder>`",
    ))
}

/// `minh new` would overwrite a file.
pub fn new_exists(file: &str) -> Said {
    Said::new(
        "file-exists",
        text!(
            vi: "{file} đã có; tệp được giữ nguyên",
            en: "{file} already exists; it was left as it was",
        ),
    )
    .fix(text!(
        vi: "chọn tên khác, hoặc sửa trực tiếp tệp đó",
        en: "choose another name, or edit that file",
    ))
}

/// `minh new` could not write a file.
pub fn new_cannot_write(file: &str, error: &std::io::Error) -> Said {
    Said::new(
        "io",
        text!(
            vi: "không ghi được {file}: {error}",
            en: "cannot write {file}: {error}",
        ),
    )
    .fix(text!(
        vi: "kiểm tra thư mục có quyền ghi",
        en: "check that the folder is writable",
    ))
}

/// `minh new` wrote its files.
pub fn new_wrote(files: &str) -> Text {
    text!(
        vi: "đã tạo {files} (bản nháp: `minh serve` hiển thị nó; xóa dòng `draft: true` để đăng)",
        en: "wrote {files} (a draft: `minh serve` shows it; remove `draft: true` to publish it)",
    )
}

/// `--lang` or `MINH_LANG` names a language that is neither the site's nor built in.
pub fn unknown_message_language(option: &str, code: &str, choices: &str) -> Said {
    Said::new(
        "unknown-message-language",
        text!(
            vi: "{option} `{code}`: trang không có ngôn ngữ này",
            en: "{option} `{code}`: the site is not published in this language",
        ),
    )
    .fix(text!(
        vi: "chọn một trong các ngôn ngữ: {choices} (thêm ngôn ngữ vào `languages:` của site.yaml để dùng nó)",
        en: "choose one of: {choices} (add the language to `languages:` in site.yaml to use it)",
    ))
}

/// A messages file (`messages/<code>.yaml`) that cannot be read: the run goes on untranslated.
pub fn bad_messages_file(file: &str, detail: &str) -> Said {
    Said::new(
        "invalid-messages-file",
        text!(
            vi: "{file}: không đọc được bản dịch thông báo: {detail}",
            en: "{file}: the message translations cannot be read: {detail}",
        ),
    )
    .fix(text!(
        vi: "mỗi dòng là `\"<câu tiếng Anh như trong minh, giữ nguyên các {{tên}}>\": \"<bản dịch>\"`; đến khi sửa xong, thông báo hiện bằng ngôn ngữ mặc định của trang",
        en: "write one `\"<the English text as minh writes it, its {{names}} kept>\": \"<translation>\"` per line; until then, messages are shown in the site's default language",
    ))
}

/// How many pages a build made in one language: `89 pages in vi`.
pub fn pages_in(pages: usize, lang: &str) -> Text {
    text!(vi: "{pages} trang bản {lang}", en: "{pages} pages in {lang}")
}

/// What `minh build` made, and how long each phase took (`phases`: `load 913 ms, …`).
#[allow(clippy::too_many_arguments)]
pub fn built(
    output: &str,
    pages: Text,
    plans: usize,
    providers: usize,
    hotlines: usize,
    files: usize,
    warnings: usize,
    ms: f64,
    phases: &str,
) -> Text {
    let ms = format!("{ms:.0}");
    text!(
        vi: "đã xây dựng {output}: {pages}; {plans} kế hoạch, {providers} cơ sở, {hotlines} đường dây nóng; {files} tệp; {warnings} cảnh báo; {ms} ms ({phases})",
        en: "built {output}: {pages}; {plans} plans, {providers} providers, {hotlines} hotlines; {files} files; {warnings} warnings; {ms} ms ({phases})";
        pages = pages,
    )
}

/// `minh serve` is answering and watching the site.
pub fn serving(addr: &str) -> Text {
    text!(
        vi: "đang phục vụ http://{addr}/ (có cả bản nháp); theo dõi site.yaml, content/, themes/, static/; dừng bằng Ctrl+C",
        en: "serving http://{addr}/ (drafts included); watching site.yaml, content/, themes/, static/; stop with Ctrl+C",
    )
}

/// `minh serve`'s first build.
pub fn serve_built(ms: f64, files: usize) -> Text {
    let ms = format!("{ms:.0}");
    text!(
        vi: "đã xây dựng trong {ms} ms: {files} tệp",
        en: "built in {ms} ms: {files} files",
    )
}

/// `minh serve` rebuilt after an edit (`edited`: the files, when known).
pub fn serve_rebuilt(ms: f64, rendered: usize, edited: Option<&str>) -> Text {
    let ms = format!("{ms:.0}");
    match edited {
        Some(files) => text!(
            vi: "đã xây dựng lại trong {ms} ms ({rendered} tệp được dựng lại sau khi sửa {files})",
            en: "rebuilt in {ms} ms ({rendered} files rendered after editing {files})",
        ),
        None => text!(
            vi: "đã xây dựng lại trong {ms} ms ({rendered} tệp được dựng lại)",
            en: "rebuilt in {ms} ms ({rendered} files rendered)",
        ),
    }
}

/// The name of a build's step `i` (load, resolve, render, site files, assets), for the progress line.
pub fn progress_step(i: usize) -> Text {
    match i {
        0 => text!(vi: "đọc nội dung", en: "reading content"),
        1 => text!(vi: "liên kết", en: "resolving links"),
        2 => text!(vi: "dựng trang", en: "rendering pages"),
        3 => text!(vi: "tìm kiếm, nguồn tin, dữ liệu mở", en: "search, feeds, open data"),
        _ => text!(vi: "tệp tĩnh", en: "static files"),
    }
}

/// A long build's progress: step `n` of `of`, its name, files written so far, seconds elapsed.
pub fn progress_line(n: usize, of: usize, step: Text, files: usize, secs: f64) -> Text {
    let secs = format!("{secs:.1}");
    let vi_secs = secs.replace('.', ",");
    text!(
        vi: "bước {n}/{of}: {step}, đã ghi {files} tệp, {vi_secs} giây",
        en: "step {n}/{of}: {step}, {files} files written, {secs} s";
        step = step
    )
}
