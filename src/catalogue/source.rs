//! Mistakes in files as files: reading, encoding, names, folders, front matter.

use super::Said;

/// A file that cannot be read at all.
pub fn unreadable(error: &std::io::Error) -> Said {
    Said::new(
        "io",
        text!(vi: "không đọc được tệp: {error}", en: "cannot read the file: {error}"),
    )
    .fix(text!(
        vi: "kiểm tra tệp còn đó và bạn có quyền đọc nó",
        en: "check that the file exists and that you may read it",
    ))
}

/// A file that is not UTF-8; `spreadsheet` for CSV files saved by a spreadsheet.
pub fn not_utf8(spreadsheet: bool) -> Said {
    let said = Said::new(
        "not-utf8",
        text!(vi: "tệp không phải văn bản UTF-8 hợp lệ", en: "the file is not valid UTF-8 text"),
    );
    if spreadsheet {
        said.fix(text!(
            vi: "lưu tệp dưới dạng UTF-8 (trong bảng tính: Lưu thành → CSV UTF-8)",
            en: "save the file as UTF-8 (in a spreadsheet: Save As → CSV UTF-8)",
        ))
    } else {
        said.fix(text!(
            vi: "lưu tệp dưới dạng UTF-8 (trong đa số trình soạn thảo: Lưu thành… → Mã hóa: UTF-8)",
            en: "save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)",
        ))
    }
}

/// `name.fr.md` where `fr` is not a language of the site; `names` are the right names to use.
pub fn unknown_language(suffix: &str, file_name: &str, names: &[String]) -> Said {
    let names = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Said::new(
        "unknown-language",
        text!(
            vi: "đuôi ngôn ngữ `.{suffix}` trong `{file_name}` không phải là ngôn ngữ của trang",
            en: "unknown language suffix `.{suffix}` in `{file_name}`",
        ),
    )
    .fix(text!(
        vi: "đặt tên tệp theo một ngôn ngữ của trang (khai báo trong site.yaml): {names}",
        en: "name the file for one of the site's languages (listed in site.yaml): {names}",
    ))
}

/// A markdown file in a folder that is not a section.
pub fn unknown_section(dir: &str) -> Said {
    Said::new(
        "unknown-section",
        text!(
            vi: "`content/{dir}/` không phải là một mục của trang",
            en: "`content/{dir}/` is not a section minh knows",
        ),
    )
    .fix(text!(
        vi: "chuyển tệp vào content/plans/, content/updates/, content/pages/ hoặc content/laws/",
        en: "move the file to content/plans/, content/updates/, content/pages/ or content/laws/",
    ))
}

/// A markdown file nested too deep, or loose in content/.
pub fn misplaced_markdown() -> Said {
    Said::new(
        "unknown-section",
        text!(
            vi: "tệp markdown phải nằm trong content/plans/, content/updates/, content/pages/ hoặc content/laws/, hoặc là content/_index.<ngôn ngữ>.md",
            en: "markdown files belong in content/plans/, content/updates/, content/pages/ or content/laws/, or are content/_index.<lang>.md",
        ),
    )
    .fix(text!(
        vi: "chuyển tệp vào một trong các thư mục đó",
        en: "move the file into one of those folders",
    ))
}

/// A markdown file that does not start with `---`.
pub fn no_front_matter() -> Said {
    Said::new(
        "front-matter",
        text!(
            vi: "tệp không bắt đầu bằng phần thông tin đầu trang (front matter)",
            en: "the file does not start with front matter",
        ),
    )
    .fix(text!(
        vi: "bắt đầu tệp bằng một dòng `---`, rồi các trường (`title: ...`), rồi một dòng `---` nữa",
        en: "start the file with a line `---`, the fields (`title: ...`), then another line `---`",
    ))
}

/// Front matter without its closing `---`.
pub fn front_matter_not_closed() -> Said {
    Said::new(
        "front-matter",
        text!(
            vi: "phần thông tin đầu trang chưa được đóng",
            en: "the front matter is not closed",
        ),
    )
    .fix(text!(
        vi: "thêm một dòng `---` sau trường cuối cùng của phần đầu trang",
        en: "add a line `---` after the last front-matter field",
    ))
}

/// A file whose text is not in NFC (decomposed letters, as copied from many PDF and Word files).
pub fn not_nfc(name_too: bool) -> Said {
    let said = if name_too {
        Said::new(
            "not-nfc",
            text!(
                vi: "tên và nội dung tệp có chữ tổ hợp (dạng NFD, thường gặp khi chép từ PDF hoặc Word); minh đã đọc chúng ở dạng dựng sẵn (NFC)",
                en: "the file's name and text have decomposed letters (NFD, as copied from many PDF and Word files); minh read them normalised to NFC",
            ),
        )
    } else {
        Said::new(
            "not-nfc",
            text!(
                vi: "tệp có chữ tổ hợp từ dòng này (dạng NFD, thường gặp khi chép từ PDF hoặc Word); minh đã đọc tệp ở dạng dựng sẵn (NFC)",
                en: "the file has decomposed letters from this line on (NFD, as copied from many PDF and Word files); minh read it normalised to NFC",
            ),
        )
    };
    said.fix(text!(
        vi: "trang vẫn được tạo đúng; để sửa tệp gốc, gõ lại các chữ có dấu bằng bộ gõ tiếng Việt với bảng mã Unicode dựng sẵn, hoặc dùng lệnh chuẩn hóa Unicode (NFC) của trình soạn thảo rồi lưu lại",
        en: "the site is built correctly; to fix the source, retype the accented letters with a Vietnamese keyboard set to precomposed Unicode, or use the editor's Unicode normalisation (NFC) command and save",
    ))
}

/// A file or folder name with decomposed letters.
pub fn name_not_nfc() -> Said {
    Said::new(
        "not-nfc",
        text!(
            vi: "tên tệp hoặc thư mục có chữ tổ hợp (dạng NFD); minh đã đọc tên ở dạng dựng sẵn (NFC)",
            en: "the file or folder name has decomposed letters (NFD); minh read it normalised to NFC",
        ),
    )
    .fix(text!(
        vi: "đổi tên tệp, gõ lại các chữ có dấu bằng bộ gõ tiếng Việt (bảng mã Unicode dựng sẵn)",
        en: "rename the file, retyping the accented letters with a Vietnamese keyboard (precomposed Unicode)",
    ))
}
