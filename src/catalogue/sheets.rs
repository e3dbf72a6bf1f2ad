//! Mistakes in provider spreadsheets (`content/facilities/*.xlsx`, `*.csv`): files, headers and cells.

use super::Said;
use crate::messages::Text;

/// Where a spreadsheet row is, for messages that name another row: `co-so.xlsx, sheet Cơ sở, row 4`.
pub fn row_place(file: &str, sheet: Option<&str>, row: u32) -> Text {
    match sheet {
        Some(s) => {
            text!(vi: "{file}, trang tính {s}, dòng {row}", en: "{file}, sheet {s}, row {row}")
        }
        None => text!(vi: "{file}, dòng {row}", en: "{file}, row {row}"),
    }
}

/// The words of a cell's place: `sheet`, `row`, `column`.
pub fn label_sheet() -> Text {
    text!(vi: "trang tính", en: "sheet")
}

pub fn label_row() -> Text {
    text!(vi: "dòng", en: "row")
}

pub fn label_column() -> Text {
    text!(vi: "cột", en: "column")
}

/// A spreadsheet that cannot be opened or read.
pub fn unreadable_sheet(problem: &str) -> Said {
    Said::new(
        "unreadable-spreadsheet",
        text!(
            vi: "không đọc được bảng tính: {problem}",
            en: "the spreadsheet cannot be read: {problem}",
        ),
    )
    .fix(text!(
        vi: "mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx (Excel Workbook) hoặc .csv (UTF-8).",
        en: "open the file in Excel or LibreOffice and save it again as .xlsx (Excel Workbook) or .csv (UTF-8).",
    ))
}

/// A header the loader does not know.
pub fn unknown_column(header: &str, nearest: Option<&str>) -> Said {
    let said = Said::new(
        "unknown-column",
        text!(
            vi: "không có cột nào tên `{header}` trong danh sách cột của cơ sở",
            en: "`{header}` is not a column of a provider list",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "đặt tên cột là `{n}`; danh sách cột ở README, mục \"Danh sách cơ sở bằng bảng tính\".",
            en: "name the column `{n}`; the columns are listed in the README, \"Provider lists in spreadsheets\".",
        )),
        None => said.fix(text!(
            vi: "đặt một tên cột trong README, mục \"Danh sách cơ sở bằng bảng tính\" (tiếng Việt hoặc tên trường), hoặc xóa cột.",
            en: "use a column name from the README, \"Provider lists in spreadsheets\" (Vietnamese or the field name), or delete the column.",
        )),
    }
}

/// A header with a language suffix the site does not publish.
pub fn unknown_column_language(header: &str, code: &str, langs: &str) -> Said {
    Said::new(
        "unknown-column-language",
        text!(
            vi: "cột `{header}` ghi ngôn ngữ `{code}`, trang không xuất bản ngôn ngữ này",
            en: "the column `{header}` names the language `{code}`, which the site is not published in",
        ),
    )
    .fix(text!(
        vi: "dùng một mã ngôn ngữ của trang ({langs}) trong ngoặc, hoặc bỏ ngoặc nếu chữ giống nhau ở mọi ngôn ngữ.",
        en: "use one of the site's language codes ({langs}) in brackets, or no brackets when the text is the same in every language.",
    ))
}

/// Two columns with the same meaning.
pub fn duplicate_column(header: &str, other: &str) -> Said {
    Said::new(
        "duplicate-column",
        text!(
            vi: "cột `{header}` trùng nghĩa với cột `{other}`",
            en: "the column `{header}` means the same as the column `{other}`",
        ),
    )
    .fix(text!(
        vi: "giữ một trong hai cột và xóa cột kia.",
        en: "keep one of the two columns and delete the other.",
    ))
}

/// A sheet that has provider columns but no `id` column.
pub fn missing_id_column(id: &str) -> Said {
    Said::new(
        "missing-id-column",
        text!(
            vi: "trang tính có các cột của cơ sở nhưng thiếu cột mã `{id}`",
            en: "the sheet has provider columns but no `{id}` column",
        ),
    )
    .fix(text!(
        vi: "thêm cột `{id}` ở dòng tiêu đề và ghi mã từng cơ sở (chữ thường không dấu, gạch ngang, ví dụ `co-so-cao-lanh`).",
        en: "add an `{id}` column to the header row and write each provider's id (lowercase ASCII with dashes, e.g. `co-so-cao-lanh`).",
    ))
}

/// A required value left empty in a row.
pub fn empty_required(field: &str, header: &str) -> Said {
    Said::new(
        "missing-field",
        text!(
            vi: "thiếu `{field}`: ô của cột `{header}` để trống",
            en: "missing `{field}`: the cell of the column `{header}` is empty",
        ),
    )
    .fix(text!(
        vi: "điền ô của cột `{header}` ở dòng này.",
        en: "fill in the cell of the column `{header}` on this row.",
    ))
}

/// A text written both for every language and for one language in the same row.
pub fn text_both_forms(same: &str, per_lang: &str) -> Said {
    Said::new(
        "text-both-forms",
        text!(
            vi: "dòng này điền cả cột `{same}` (mọi ngôn ngữ) lẫn cột `{per_lang}` (một ngôn ngữ)",
            en: "this row fills both `{same}` (every language) and `{per_lang}` (one language)",
        ),
    )
    .fix(text!(
        vi: "để trống một trong hai: cột không có ngôn ngữ khi chữ giống nhau ở mọi ngôn ngữ, cột có ngôn ngữ khi mỗi ngôn ngữ một chữ.",
        en: "leave one of them empty: the column without a language when the text is the same in every language, the columns with one when each language has its own.",
    ))
}

/// The same provider in a YAML file and a spreadsheet row, or in two rows.
pub fn duplicate_provider(id: &str, here: &Text, other: &Text) -> Said {
    let (hv, he, ov, oe) = (&here.vi, &here.en, &other.vi, &other.en);
    Said::new(
        "duplicate-id",
        Text::new(
            format!("cơ sở `{id}` có ở hai nơi: {hv} và {ov}"),
            format!("the provider `{id}` is listed in two places: {he} and {oe}"),
        ),
    )
    .fix(text!(
        vi: "giữ cơ sở ở một nơi và xóa nơi kia, hoặc cho mỗi cơ sở một mã riêng.",
        en: "keep the provider in one place and delete the other, or give each provider its own id.",
    ))
}

/// A phone number stored as a number: Excel dropped its leading 0.
pub fn phone_as_number(header: &str, digits: &str) -> Said {
    Said::new(
        "phone-as-number",
        text!(
            vi: "ô điện thoại chứa một con số (`{digits}`), không phải chữ: Excel đã bỏ số 0 ở đầu",
            en: "the phone cell holds a number (`{digits}`), not text: Excel dropped the leading 0",
        ),
    )
    .fix(text!(
        vi: "định dạng cột `{header}` là Văn bản (Text) rồi ghi lại số điện thoại có số 0 ở đầu (ví dụ `0{digits}` nếu đúng là số đó).",
        en: "format the column `{header}` as Text and write the number again with its leading 0 (e.g. `0{digits}` if that is the number).",
    ))
}

/// A basis cell that is none of the words or codes of the basis column.
pub fn unknown_basis(value: &str) -> Said {
    Said::new(
        "unknown-value",
        text!(
            vi: "căn cứ `{value}` không phải là một trong các giá trị của cột này",
            en: "the basis `{value}` is not one of the values of this column",
        ),
    )
    .fix(text!(
        vi: "viết một trong các giá trị: `công bố` (đã được cơ quan có thẩm quyền công bố; điền thêm Văn bản công bố hoặc Nguồn công bố), `theo kế hoạch` (có tên trong một kế hoạch; điền thêm cột Kế hoạch), `mẫu` (dữ liệu mẫu). Viết hoa hay không dấu đều được; các mã `announced`, `plan`, `sample` cũng được.",
        en: "write one of: `công bố` (announced by an authority; also fill in Văn bản công bố or Nguồn công bố), `theo kế hoạch` (named in a plan; also fill in the column Kế hoạch), `mẫu` (sample data). Capitals or no diacritics are fine; the codes `announced`, `plan`, `sample` work too.",
    ))
}
