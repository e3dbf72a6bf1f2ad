//! What `minh import plan` says when a file cannot be imported (nothing is written then).

use super::Said;

/// The wording every import error ends with.
fn nothing_written() -> (&'static str, &'static str) {
    ("không ghi tệp nào", "nothing was written")
}

fn said(code: &'static str, vi: String, en: String, fix_vi: String, fix_en: String) -> Said {
    let (n_vi, n_en) = nothing_written();
    Said::new(
        code,
        crate::messages::Text::new(format!("{vi} ({n_vi})"), format!("{en} ({n_en})")),
    )
    .fix(crate::messages::Text::new(fix_vi, fix_en))
}

/// The file cannot be read at all.
pub fn unreadable(error: &str) -> Said {
    said(
        "import-unreadable",
        format!("không đọc được tệp: {error}"),
        format!("cannot read the file: {error}"),
        "kiểm tra đường dẫn và quyền đọc tệp".into(),
        "check the path and that the file can be read".into(),
    )
}

/// An empty file.
pub fn empty() -> Said {
    said(
        "import-empty",
        "tệp trống, không có nội dung kế hoạch".into(),
        "the file is empty: there is no plan in it".into(),
        "chọn tệp Word (.docx) hoặc văn bản (.txt) có nội dung kế hoạch".into(),
        "choose the Word (.docx) or text (.txt) file that holds the plan".into(),
    )
}

/// A .txt or .md file that is not UTF-8 text.
pub fn not_text() -> Said {
    said(
        "import-not-text",
        "tệp không phải văn bản UTF-8 (có thể là tệp nhị phân)".into(),
        "the file is not UTF-8 text (it looks binary)".into(),
        "mở văn bản trong Word rồi Lưu thành… → .docx, hoặc Lưu thành… → Văn bản thuần (.txt) với mã hóa UTF-8".into(),
        "open the document in Word and Save As… → .docx, or Save As… → Plain Text (.txt) with UTF-8 encoding".into(),
    )
}

/// A .docx file that is not a readable Word document; `why` in both languages.
pub fn not_docx(why_vi: &str, why_en: &str) -> Said {
    said(
        "import-not-docx",
        format!("tệp không phải tài liệu Word .docx đọc được ({why_vi})"),
        format!("the file is not a readable Word .docx document ({why_en})"),
        "mở tệp trong Word và Lưu thành… → Tài liệu Word (.docx)".into(),
        "open it in Word and Save As… → Word Document (.docx)".into(),
    )
}

/// A file type the import does not read.
pub fn unsupported(ext: &str) -> Said {
    said(
        "import-unsupported",
        format!("không đọc được loại tệp `.{ext}`"),
        format!("`.{ext}` files cannot be imported"),
        "lưu văn bản dưới dạng .docx, .txt hoặc .md (tệp PDF: chép nội dung sang tệp .txt)".into(),
        "save the document as .docx, .txt or .md (from a PDF: copy its text into a .txt file)"
            .into(),
    )
}

/// No "KẾ HOẠCH" kind line near the top.
pub fn not_a_plan() -> Said {
    said(
        "import-not-a-plan",
        "không thấy dòng tên loại văn bản \"KẾ HOẠCH\" ở đầu văn bản: đây không giống một kế hoạch".into(),
        "no \"KẾ HOẠCH\" (plan) kind line near the top: this does not look like a plan".into(),
        "chọn tệp của kế hoạch; nếu đúng là kế hoạch, kiểm tra dòng \"KẾ HOẠCH\" đứng riêng một dòng trên tên kế hoạch".into(),
        "choose the plan's file; if it is a plan, check that \"KẾ HOẠCH\" stands on its own line above the title".into(),
    )
}

/// Another kind of document ("QUYẾT ĐỊNH").
pub fn other_kind(kind: &str) -> Said {
    said(
        "import-not-a-plan",
        format!("văn bản là \"{kind}\", không phải kế hoạch"),
        format!("the document is a \"{kind}\", not a plan"),
        "`minh import plan` chỉ nhập kế hoạch (KẾ HOẠCH, CHƯƠNG TRÌNH); chọn tệp kế hoạch kèm theo văn bản này".into(),
        "`minh import plan` imports plans (KẾ HOẠCH, CHƯƠNG TRÌNH); choose the plan attached to this document".into(),
    )
}

/// The document names no province and none was given.
pub fn no_province() -> Said {
    said(
        "import-no-province",
        "văn bản không ghi tỉnh nào, nên không xác định được tỉnh hiện nay của kế hoạch".into(),
        "the document names no province, so the plan's current province cannot be worked out"
            .into(),
        "chạy lại với tỉnh ghi trên văn bản gốc, ví dụ `--province \"Tây Ninh\"`".into(),
        "run again with the province of the original, e.g. `--province \"Tây Ninh\"`".into(),
    )
}

/// No issuer beside the motto or in the opening sentence.
pub fn no_issuer() -> Said {
    said(
        "import-no-issuer",
        "không thấy cơ quan ban hành (dòng bên trái quốc hiệu, hoặc \"Ủy ban nhân dân … ban hành/xây dựng kế hoạch\")".into(),
        "no issuer found (the lines beside the national motto, or \"Ủy ban nhân dân … ban hành/xây dựng kế hoạch\")".into(),
        "kiểm tra hai dòng tên cơ quan ở góc trên bên trái văn bản".into(),
        "check the issuer's lines at the top left of the document".into(),
    )
}

/// `--name` is not a slug.
pub fn bad_name(name: &str, suggestion: &str) -> Said {
    said(
        "invalid-name",
        format!("`{name}` không dùng được làm tên tệp và địa chỉ trang"),
        format!("`{name}` cannot be used as a file name and address"),
        format!("dùng chữ thường không dấu, chữ số và dấu gạch ngang: `--name {suggestion}`"),
        format!("use lowercase ASCII letters, digits and dashes: `--name {suggestion}`"),
    )
}

/// The root has no content/ folder.
pub fn no_site(root: &str) -> Said {
    said(
        "no-site",
        format!("{root} không có thư mục content/ (không phải thư mục của trang)"),
        format!("{root} has no content/ folder (it is not a site's folder)"),
        "chạy lệnh trong thư mục của trang, hoặc thêm `--root <thư mục của trang>`".into(),
        "run the command in the site's folder, or pass `--root <the site's folder>`".into(),
    )
}

/// The page would overwrite a file.
pub fn exists(file: &str) -> Said {
    said(
        "file-exists",
        format!("{file} đã có; tệp được giữ nguyên"),
        format!("{file} already exists; it was left as it was"),
        "chọn tên khác với `--name`, hoặc sửa trực tiếp tệp đó".into(),
        "choose another name with `--name`, or edit that file".into(),
    )
}

/// The page could not be written.
pub fn cannot_write(error: &str) -> Said {
    said(
        "io",
        format!("không ghi được trang: {error}"),
        format!("cannot write the page: {error}"),
        "kiểm tra thư mục content/plans/ có quyền ghi".into(),
        "check that content/plans/ is writable".into(),
    )
}

/// `minh import hsds` found no `services.json` where it was pointed.
pub fn hsds_no_services(path: &str) -> Said {
    said(
        "hsds-no-services",
        format!("không thấy tệp services.json nào trong {path}"),
        format!("no services.json found in {path}"),
        "chỉ tới tệp services.json, tới thư mục một ngôn ngữ (data/hsds/vi) hoặc tới thư mục data/hsds của trang đã xuất bản".into(),
        "point to a services.json file, to one language's folder (data/hsds/vi) or to a published site's data/hsds folder".into(),
    )
}

/// A `services.json` that is not a list of HSDS services.
pub fn hsds_not_services(file: &str, error: &str) -> Said {
    said(
        "hsds-not-services",
        format!("{file} không phải danh sách dịch vụ HSDS 3.0: {error}"),
        format!("{file} is not a list of HSDS 3.0 services: {error}"),
        "dùng tệp services.json do minh xuất bản (thư mục data/hsds/<ngôn ngữ>/ của trang)".into(),
        "use a services.json published by minh (a site's data/hsds/<language>/ folder)".into(),
    )
}

/// A service without the `minh-record:record_id` attribute: not exported by minh.
pub fn hsds_not_ours(file: &str, service: &str) -> Said {
    said(
        "hsds-not-minh",
        format!("dịch vụ {service} trong {file} không có thuộc tính minh-record:record_id, nên không biết mã bản ghi"),
        format!("the service {service} in {file} has no minh-record:record_id attribute, so its record id is unknown"),
        "chỉ đọc lại được gói HSDS do một trang minh xuất bản; gói từ nơi khác cần chuyển đổi trước".into(),
        "only HSDS packages published by a minh site can be read back; convert other packages first".into(),
    )
}

/// A provider record that would overwrite a file.
pub fn hsds_exists(file: &str) -> Said {
    said(
        "file-exists",
        format!("{file} đã có; tệp được giữ nguyên"),
        format!("{file} already exists; it was left as it was"),
        "ghi vào thư mục khác với `--out`, hoặc xóa tệp cũ nếu muốn thay bằng bản nhập".into(),
        "write into another folder with `--out`, or delete the old file to replace it with the imported one".into(),
    )
}

/// What `minh import hsds` did.
pub fn hsds_done(count: usize, langs: &str, out: &str) -> crate::messages::Text {
    crate::messages::Text::new(
        format!("đã ghi {count} bản ghi cơ sở vào {out} (ngôn ngữ: {langs}); chạy `minh check` để kiểm tra"),
        format!("wrote {count} provider records into {out} (languages: {langs}); run `minh check` to check them"),
    )
}
