//! Diagnostics in the official's language: Vietnamese translations of every message and fix, by pattern.
//!
//! Messages are written in English where they are raised; this table gives each message shape its
//! Vietnamese form. `{}` in a pattern stands for a part copied as is (a file name, a value, a line).
//! A message without a translation is shown in English rather than lost.

/// The language diagnostics are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MsgLang {
    Vi,
    En,
}

impl MsgLang {
    /// `--lang`, else `MINH_LANG`, else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English
    /// (the C locale's language).
    pub fn detect(flag: Option<MsgLang>) -> MsgLang {
        if let Some(l) = flag {
            return l;
        }
        for var in ["MINH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.to_ascii_lowercase();
                if v.starts_with("vi") {
                    return MsgLang::Vi;
                }
                if v.starts_with("en") {
                    return MsgLang::En;
                }
            }
        }
        MsgLang::En
    }
}

static CURRENT: std::sync::OnceLock<MsgLang> = std::sync::OnceLock::new();

/// Chooses the language of this run's diagnostics; the first choice holds.
pub fn set(lang: MsgLang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run's diagnostics.
pub fn current() -> MsgLang {
    *CURRENT.get_or_init(|| MsgLang::detect(None))
}

/// English pattern → Vietnamese pattern.
const TABLE: &[(&str, &str)] = &[
    // loading
    ("the file does not start with front matter", "tệp không bắt đầu bằng phần thông tin đầu trang (front matter)"),
    ("start the file with a line `---`, the fields (`title: ...`), then another line `---`", "bắt đầu tệp bằng một dòng `---`, rồi các trường (`title: ...`), rồi một dòng `---` nữa"),
    ("the front matter is not closed", "phần thông tin đầu trang chưa được đóng"),
    ("add a line `---` after the last front-matter field", "thêm một dòng `---` sau trường cuối cùng của phần đầu trang"),
    ("the file is not valid UTF-8 text", "tệp không phải văn bản UTF-8 hợp lệ"),
    ("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)", "lưu tệp dưới dạng UTF-8 (trong đa số trình soạn thảo: Lưu thành… → Mã hóa: UTF-8)"),
    ("save the file as UTF-8 (in a spreadsheet: Save As → CSV UTF-8)", "lưu tệp dưới dạng UTF-8 (trong bảng tính: Lưu thành → CSV UTF-8)"),
    ("save the file as UTF-8", "lưu tệp dưới dạng UTF-8"),
    ("cannot read the file: {}", "không đọc được tệp: {}"),
    ("unknown language suffix `.{}` in `{}`", "đuôi ngôn ngữ `.{}` trong `{}` không được hỗ trợ"),
    ("name the file `{}.vi.md` (Vietnamese) or `{}.en.md` (English)", "đặt tên tệp là `{}.vi.md` (tiếng Việt) hoặc `{}.en.md` (tiếng Anh)"),
    ("`content/{}/` is not a section minh knows", "`content/{}/` không phải là một mục của trang"),
    ("move the file to content/plans/, content/updates/, content/pages/ or content/laws/", "chuyển tệp vào content/plans/, content/updates/, content/pages/ hoặc content/laws/"),
    ("markdown files belong in content/plans/, content/updates/, content/pages/ or content/laws/, or are content/_index.<lang>.md", "tệp markdown phải nằm trong content/plans/, content/updates/, content/pages/ hoặc content/laws/, hoặc là content/_index.<ngôn ngữ>.md"),
    ("move the file into one of those folders", "chuyển tệp vào một trong các thư mục đó"),
    // YAML
    ("unknown field `{}`, expected one of {}", "trường `{}` không có trong mẫu; các trường được dùng: {}"),
    ("unknown field `{}`, expected {}", "trường `{}` không có trong mẫu; trường được dùng: {}"),
    ("did you mean `{}`? Rename `{}` to `{}`.", "có phải bạn muốn viết `{}`? Đổi `{}` thành `{}`."),
    ("remove `{}`; the fields allowed here are: {}.", "xóa `{}`; các trường được dùng ở đây là: {}."),
    ("unknown variant `{}`, expected one of {}", "giá trị `{}` không hợp lệ; các giá trị được dùng: {}"),
    ("did you mean `{}`? Write `{}` instead of `{}`.", "có phải bạn muốn viết `{}`? Viết `{}` thay cho `{}`."),
    ("use one of: {}.", "dùng một trong các giá trị: {}."),
    ("missing field `{}`", "thiếu trường `{}`"),
    ("add a line `{}: ...` with the value.", "thêm một dòng `{}: ...` với giá trị."),
    ("`{}` is not a date that exists (write YYYY-MM-DD, or YYYY-MM when the day is not known)", "`{}` không phải là một ngày có thật (viết NNNN-TT-NN, hoặc NNNN-TT khi không rõ ngày)"),
    ("`{}` is not a date that exists (write YYYY-MM-DD)", "`{}` không phải là một ngày có thật (viết NNNN-TT-NN)"),
    ("write the date as YYYY-MM-DD with a day that exists, e.g. 2024-03-13.", "viết ngày theo dạng NNNN-TT-NN với một ngày có thật, ví dụ 2024-03-13."),
    ("check the value's type: text in quotes, numbers without quotes, lists with `- ` items.", "kiểm tra kiểu giá trị: chữ đặt trong dấu nháy, số không có dấu nháy, danh sách có các dòng `- `."),
    ("check indentation (spaces, not tabs), quotes around text that contains `:` or `#`, and closing brackets.", "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu nháy quanh chữ có `:` hoặc `#`, và dấu đóng ngoặc."),
    ("invalid {}", "giá trị không hợp lệ ({})"),
    ("expected {}", "cần {}"),
    // configuration and theme
    ("cannot read site.yaml: {}", "không đọc được site.yaml: {}"),
    ("create site.yaml at the root of the site (see README.md)", "tạo tệp site.yaml ở thư mục gốc của trang (xem README.md)"),
    ("base_url `{}` is not an http(s) URL", "base_url `{}` không phải là địa chỉ http(s)"),
    ("section `{}` has no names", "mục `{}` chưa có tên"),
    ("section `{}` has no valid `{}` slug (got {})", "mục `{}` chưa có đường dẫn `{}` hợp lệ (hiện là {})"),
    ("use lowercase ASCII letters, digits and dashes, e.g. `ke-hoach`", "dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `ke-hoach`"),
    ("privacy.min_cell must be at least 2", "privacy.min_cell phải từ 2 trở lên"),
    ("use the default, 11", "dùng giá trị mặc định, 11"),
    ("cannot read the UI strings: {}", "không đọc được các chuỗi giao diện: {}"),
    ("create the file with one `key: text` line per UI string", "tạo tệp với mỗi chuỗi giao diện một dòng `khóa: chữ`"),
    ("the UI string `{}` is missing in language `{}` (used in {} line {})", "thiếu chuỗi giao diện `{}` cho ngôn ngữ `{}` (dùng trong {} dòng {})"),
    ("the UI string `{}` is missing in language `{}`", "thiếu chuỗi giao diện `{}` cho ngôn ngữ `{}`"),
    ("add a line `{}: \"...\"` to {}", "thêm một dòng `{}: \"...\"` vào {}"),
    ("correct the template at this place; see https://keats.github.io/tera/ for the syntax", "sửa mẫu trang (template) tại chỗ này; cú pháp xem tại https://keats.github.io/tera/"),
    ("correct the template named in the message", "sửa mẫu trang được nêu trong thông báo"),
    // resolving
    ("`{}` cannot be used in an address", "`{}` không dùng được trong địa chỉ trang"),
    ("use lowercase ASCII letters, digits and dashes, e.g. `slug: {}`", "dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `slug: {}`"),
    ("this page's address {} is also claimed by {}", "địa chỉ {} của trang này trùng với {}"),
    ("give one of them another `slug:` in its front matter, or rename the file", "đặt cho một trong hai trang một `slug:` khác, hoặc đổi tên tệp"),
    ("the link `{}` points to content that does not exist", "liên kết `{}` trỏ đến nội dung không tồn tại"),
    ("check the spelling; links to content look like `@/plans/<file name without .vi.md>`, `@/pages/<name>`, `@/facilities`, `@/hotlines`", "kiểm tra chính tả; liên kết đến nội dung có dạng `@/plans/<tên tệp không có .vi.md>`, `@/pages/<tên>`, `@/facilities`, `@/hotlines`"),
    ("the link `{}` would run code; links may only go to pages or files", "liên kết `{}` sẽ chạy mã lệnh; liên kết chỉ được trỏ đến trang hoặc tệp"),
    ("link to a page (`@/pages/...`), a web address (https://...), a `tel:` or `mailto:` address", "liên kết đến một trang (`@/pages/...`), một địa chỉ web (https://...), hoặc địa chỉ `tel:`, `mailto:`"),
    ("`{}` is not a legal act of this site", "`{}` không phải là văn bản pháp luật có trên trang"),
    ("add the act as content/laws/{}.vi.md (and .en.md), or correct the id", "thêm văn bản vào content/laws/{}.vi.md (và .en.md), hoặc sửa lại mã"),
    ("this page is marked current but cites {} ({}), no longer in force since {}", "trang này được đánh dấu là hiện hành nhưng dẫn {} ({}), đã hết hiệu lực từ {}"),
    ("cite `{}`, which replaced it, or remove `current: true`", "dẫn `{}`, văn bản thay thế nó, hoặc bỏ `current: true`"),
    ("cite the act in force now, or remove `current: true`", "dẫn văn bản đang có hiệu lực, hoặc bỏ `current: true`"),
    ("the facts on this page were last reviewed on {}, more than a year ago", "thông tin trên trang này được rà soát lần cuối ngày {}, đã hơn một năm"),
    ("check the page against its sources again and update `reviewed:`", "đối chiếu lại trang với các nguồn và cập nhật `reviewed:`"),
    ("this page has no English translation", "trang này chưa có bản tiếng Anh"),
    ("this page has no Vietnamese translation", "trang này chưa có bản tiếng Việt"),
    ("add {}", "thêm {}"),
    // records
    ("`{}` is not one of the current provinces", "`{}` không phải là một trong 34 tỉnh, thành phố hiện nay"),
    ("`{}` was merged into `{}` on 1 July 2025: write `province: \"{}\"` and `former_province: \"{}\"`", "`{}` đã được sáp nhập vào `{}` từ 1/7/2025: viết `province: \"{}\"` và `former_province: \"{}\"`"),
    ("did you mean `{}`?", "có phải bạn muốn viết `{}`?"),
    ("use one of the 34 provinces listed in content/provinces.yaml", "dùng một trong 34 tỉnh, thành phố trong content/provinces.yaml"),
    ("the id `{}` differs from the file name `{}`", "mã `{}` khác với tên tệp `{}`"),
    ("write `id: {}` or rename the file to `{}.yaml`", "viết `id: {}` hoặc đổi tên tệp thành `{}.yaml`"),
    ("the id `{}` is not lowercase ASCII with dashes", "mã `{}` phải là chữ thường không dấu và dấu gạch ngang"),
    ("rename to `{}`", "đổi tên thành `{}`"),
    ("the id `{}` is also used by {}", "mã `{}` đã được dùng cho {}"),
    ("give each provider its own id", "mỗi cơ sở cần một mã riêng"),
    ("`{}` is not one of the provinces that formed {}", "`{}` không phải là tỉnh cũ hợp thành {}"),
    ("coordinates {}, {} are outside Vietnam", "tọa độ {}, {} nằm ngoài Việt Nam"),
    ("check that lat and lon are not swapped; lat is about 8–24, lon about 102–110", "kiểm tra lat và lon có bị đổi chỗ không; lat khoảng 8–24, lon khoảng 102–110"),
    ("the area code of `{}` belongs to {}, not to {}", "mã vùng của `{}` thuộc {}, không phải {}"),
    ("check the number; a landline usually carries the area code of the province where the provider is", "kiểm tra số; điện thoại cố định thường có mã vùng của tỉnh nơi cơ sở đặt trụ sở"),
    ("last verified on {}, more than {} days ago", "kiểm chứng lần cuối ngày {}, đã hơn {} ngày"),
    ("check the listing with the provider and update `last_verified:`", "kiểm tra lại thông tin với cơ sở và cập nhật `last_verified:`"),
    // phones
    ("`{}` is a placeholder number; only records marked `sample: true` may use one", "`{}` là số giả; chỉ bản ghi có `sample: true` mới được dùng"),
    ("`{}`: 1800 and 1900 numbers have 8 or 10 digits, this one has {}", "`{}`: số 1800 và 1900 có 8 hoặc 10 chữ số, số này có {}"),
    ("`{}` does not start with 0, +84, 1800, 1900 or an emergency number", "`{}` không bắt đầu bằng 0, +84, 1800, 1900 hoặc là số khẩn cấp"),
    ("`{}`: mobile numbers have 10 digits, this one has {}", "`{}`: số di động có 10 chữ số, số này có {}"),
    ("`{}`: {} is neither a mobile prefix nor a landline area code", "`{}`: {} không phải đầu số di động cũng không phải mã vùng cố định"),
    ("`{}`: landline numbers have 11 digits (02, the area code, the subscriber number), this one has {}", "`{}`: số cố định có 11 chữ số (02, mã vùng, số thuê bao), số này có {}"),
    ("`{}`: 0{} is not a Vietnamese area code", "`{}`: 0{} không phải mã vùng của Việt Nam"),
    ("`{}` contains `{}`; write only digits, spaces, dots or a leading +84", "`{}` có ký tự `{}`; chỉ viết chữ số, dấu cách, dấu chấm hoặc +84 ở đầu"),
    ("`{}`: an international number must start with +84", "`{}`: số quốc tế phải bắt đầu bằng +84"),
    ("the phone number is empty", "số điện thoại đang để trống"),
    ("write a Vietnamese number: a 10-digit mobile (0912 345 678), an 11-digit landline with its area code (0235 3852 123), a 1800/1900 number, or 111–115", "viết số điện thoại Việt Nam: di động 10 số (0912 345 678), cố định 11 số có mã vùng (0235 3852 123), số 1800/1900, hoặc 111–115"),
    ("write a Vietnamese number: 10-digit mobile, 11-digit landline with area code, 1800/1900, or 111–115", "viết số điện thoại Việt Nam: di động 10 số, cố định 11 số có mã vùng, số 1800/1900, hoặc 111–115"),
    // links in the output
    ("the link `{}` leads to a page that does not exist", "liên kết `{}` dẫn đến một trang không tồn tại"),
    ("the link `{}` points to `#{}`, which is not an anchor of {}", "liên kết `{}` trỏ đến `#{}`, không có trong {}"),
    ("correct the address, or create the page it should lead to", "sửa địa chỉ, hoặc tạo trang mà liên kết cần dẫn đến"),
    ("{} (in the output file {}, line {})", "{} (trong tệp kết quả {}, dòng {})"),
    ("the link comes from the theme's template for this page; correct the template", "liên kết nằm trong mẫu trang (template) của giao diện; hãy sửa mẫu trang"),
    ("cannot read static files: {}", "không đọc được các tệp tĩnh: {}"),
    // statistics
    ("`{}` cannot be used as the name of a dataset", "`{}` không dùng được làm tên bộ số liệu"),
    ("`{}` is not a declared code of the dimension `{}`", "`{}` không phải là mã đã khai báo của chiều `{}`"),
    ("`{}` is not a whole number", "`{}` không phải là số nguyên"),
    ("a value in the column `{}` looks like {}", "một giá trị trong cột `{}` trông giống {}"),
    ("the column `{}` looks like {}", "cột `{}` trông giống {}"),
    ("a person's name", "họ tên một người"),
    ("a date of birth", "ngày sinh"),
    ("a phone number", "số điện thoại"),
    ("an e-mail address", "địa chỉ thư điện tử"),
    ("an identity-card (CCCD/CMND) or other ID number", "số căn cước (CCCD/CMND) hoặc số định danh khác"),
    ("a street address", "địa chỉ nhà"),
    ("add `{}: <name of a count measure>`", "thêm `{}: <tên một chỉ số đếm>`"),
    ("add a column named `{}` to the header line", "thêm một cột tên `{}` vào dòng tiêu đề"),
    ("add a measure with `kind: count` whose name is a column of the CSV file", "thêm một chỉ số có `kind: count` với tên là một cột của tệp CSV"),
    ("add the dataset under content/stats/ (a .csv and a .yaml), or remove `measure:`", "thêm bộ số liệu vào content/stats/ (một tệp .csv và một tệp .yaml), hoặc bỏ `measure:`"),
    ("add {} next to it (every dataset is a .csv with its rows and a .yaml describing them)", "thêm {} bên cạnh (mỗi bộ số liệu gồm một tệp .csv chứa các dòng và một tệp .yaml mô tả)"),
    ("check the rows and the dataset's dimensions", "kiểm tra các dòng và các chiều của bộ số liệu"),
    ("correct the total or the rows it adds up; every total must equal the sum of the rows it covers", "sửa dòng tổng hoặc các dòng cộng lại; mỗi dòng tổng phải bằng tổng các dòng nó bao gồm"),
    ("dataset `{}`, measure `{}`: the audit cannot prove that no hidden figure can be worked out from the published ones, so nothing of it is published", "bộ số liệu `{}`, chỉ số `{}`: việc kiểm tra không chứng minh được rằng không ai tính ra được số bị ẩn từ các số công bố, nên không công bố gì của chỉ số này"),
    ("did you mean `{}`? A measure is written `<dataset>.<measure>`, as in content/stats/<dataset>.yaml", "có phải bạn muốn viết `{}`? Chỉ số được viết `<bộ số liệu>.<chỉ số>`, như trong content/stats/<bộ số liệu>.yaml"),
    ("did you mean `{}`? Or add `{}` to the `codes:` of `{}` in the .yaml file", "có phải bạn muốn viết `{}`? Hoặc thêm `{}` vào `codes:` của `{}` trong tệp .yaml"),
    ("did you mean `{}`? The columns must be named as in the dataset's .yaml: {}", "có phải bạn muốn viết `{}`? Các cột phải có tên như trong tệp .yaml của bộ số liệu: {}"),
    ("give every code a single parent, and none to the total code", "mỗi mã chỉ có một mã cha, và mã tổng không có mã cha"),
    ("give every dimension and measure its own name", "mỗi chiều và mỗi chỉ số cần một tên riêng"),
    ("give every line as many cells as the header, separated by commas; put text containing commas in double quotes", "mỗi dòng cần đủ số ô như dòng tiêu đề, cách nhau bằng dấu phẩy; đặt chữ có dấu phẩy trong dấu nháy kép"),
    ("keep one row per combination of codes; add the figures up or remove the copy", "mỗi tổ hợp mã chỉ có một dòng; cộng các số lại hoặc xóa dòng lặp"),
    ("mark only the dimension of years (or quarters) as `kind: period`", "chỉ đánh dấu chiều năm (hoặc quý) là `kind: period`"),
    ("measure `{}`: the total row ({}) is not the sum of its parts along `{}`", "chỉ số `{}`: dòng tổng ({}) không bằng tổng các phần theo `{}`"),
    ("measure `{}`: {}", "chỉ số `{}`: {}"),
    ("more than one dimension has `kind: period`", "có hơn một chiều được đánh dấu `kind: period`"),
    ("name one of the measures with `kind: count`", "đặt một trong các chỉ số là `kind: count`"),
    ("publish counts by age group (for example 18–24, 25–34) instead of dates of birth", "công bố số người theo nhóm tuổi (ví dụ 18–24, 25–34) thay cho ngày sinh"),
    ("publish counts by province (or commune) instead of addresses", "công bố số người theo tỉnh (hoặc xã) thay cho địa chỉ"),
    ("publish fewer breakdowns (merge small categories or areas, or drop a dimension), or add the totals the rows add up to", "công bố ít chi tiết hơn (gộp các nhóm hoặc địa bàn nhỏ, hoặc bỏ một chiều), hoặc thêm các dòng tổng"),
    ("publish only counts per area, period and category (for example the number of people per province and year), never one row per person", "chỉ công bố số đếm theo địa bàn, thời kỳ và nhóm (ví dụ số người theo tỉnh và năm), không bao giờ mỗi người một dòng"),
    ("remove the column (and delete the file from the repository's history if it was committed); {}", "xóa cột này (và xóa tệp khỏi lịch sử kho nếu đã được commit); {}"),
    ("remove the column or declare it in the dataset's .yaml; the columns allowed are: {}", "xóa cột hoặc khai báo nó trong tệp .yaml của bộ số liệu; các cột được dùng: {}"),
    ("remove them, or write `kind: rate`", "xóa chúng, hoặc viết `kind: rate`"),
    ("rename both files to `{}` (lowercase ASCII letters, digits and dashes; not `cam-ket` or `commitments`)", "đổi tên cả hai tệp thành `{}` (chữ thường không dấu, chữ số và dấu gạch ngang; không dùng `cam-ket` hay `commitments`)"),
    ("the CSV file cannot be read: {}", "không đọc được tệp CSV: {}"),
    ("the column `{}` is missing", "thiếu cột `{}`"),
    ("the count `{}` has rate fields (numerator, denominator or per)", "số đếm `{}` có các trường của tỷ lệ (numerator, denominator hoặc per)"),
    ("the dataset has no count measure", "bộ số liệu không có chỉ số đếm nào"),
    ("the dataset has no {} file {}", "bộ số liệu thiếu tệp {} {}"),
    ("the hierarchy of `{}` is not a tree at `{}`: {}", "phân cấp của `{}` không phải dạng cây tại `{}`: {}"),
    ("the name `{}` is not a plain identifier", "tên `{}` không phải là tên đơn giản"),
    ("the name `{}` is used twice", "tên `{}` được dùng hai lần"),
    ("the number is too large", "số quá lớn"),
    ("the rate `{}` has no {}", "tỷ lệ `{}` thiếu {}"),
    ("the target `{}` names the measure `{}`, which no dataset has", "chỉ tiêu `{}` nêu chỉ số `{}`, không có trong bộ số liệu nào"),
    ("the {} `{}` is not a count measure of this dataset", "{} `{}` không phải là chỉ số đếm của bộ số liệu này"),
    ("this row repeats the codes of line {}", "dòng này lặp lại các mã của dòng {}"),
    ("unknown column `{}`", "cột `{}` không có trong mô tả"),
    ("use lowercase ASCII letters, digits and `_`, e.g. `{}`; the CSV header must use the same name", "dùng chữ thường không dấu, chữ số và `_`, ví dụ `{}`; dòng tiêu đề CSV phải dùng cùng tên"),
    ("use one of {} or add `{}` to the `codes:` of `{}` in the .yaml file", "dùng một trong {} hoặc thêm `{}` vào `codes:` của `{}` trong tệp .yaml"),
    ("use one of: {}; or remove `measure:`", "dùng một trong: {}; hoặc bỏ `measure:`"),
    ("write the count as digits only, without dots, commas, spaces or words (1234, not 1.234); leave the cell empty when there is no figure", "viết số đếm chỉ bằng chữ số, không có dấu chấm, dấu phẩy, dấu cách hay chữ (1234, không phải 1.234); để trống ô khi không có số"),
    // new and serve
    ("build failed: {} errors; still serving the last good site", "xây dựng thất bại: {} lỗi; vẫn phục vụ bản tốt gần nhất"),
    ("`{}` cannot be used as a file name and address: use lowercase ASCII letters, digits and dashes{}", "`{}` không dùng được làm tên tệp và địa chỉ: dùng chữ thường không dấu, chữ số và dấu gạch ngang{}"),
    // summaries
    ("build failed: {} errors, {} warnings; {} was left as it was", "xây dựng thất bại: {} lỗi, {} cảnh báo; {} được giữ nguyên như trước"),
    ("check: {} errors, {} warnings", "kiểm tra: {} lỗi, {} cảnh báo"),
];

/// Matches `text` against an English pattern, returning the parts that `{}` stood for.
fn capture<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let lits: Vec<&str> = pattern.split("{}").collect();
    let mut rest = text.strip_prefix(lits[0])?;
    let mut caps = Vec::new();
    for (i, lit) in lits.iter().enumerate().skip(1) {
        let last = i == lits.len() - 1;
        let at = if lit.is_empty() {
            if last {
                rest.len()
            } else {
                return None;
            }
        } else if last {
            if !rest.ends_with(lit) {
                return None;
            }
            rest.len() - lit.len()
        } else {
            rest.find(lit)?
        };
        caps.push(&rest[..at]);
        rest = &rest[at + lit.len()..];
    }
    rest.is_empty().then_some(caps)
}

fn fill(pattern: &str, caps: &[&str]) -> String {
    let mut out = String::new();
    for (i, lit) in pattern.split("{}").enumerate() {
        if i > 0 {
            out.push_str(caps.get(i - 1).copied().unwrap_or(""));
        }
        out.push_str(lit);
    }
    out
}

/// The Vietnamese form of an English message, if the table has its shape.
pub fn vietnamese(text: &str) -> Option<String> {
    TABLE.iter().find_map(|(en, vi)| {
        capture(en, text).map(|caps| {
            // A part may itself be a message ("looks like a person's name").
            let parts: Vec<String> = caps
                .iter()
                .map(|c| vietnamese(c).unwrap_or_else(|| c.to_string()))
                .collect();
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            fill(vi, &refs)
        })
    })
}

/// A message in `lang`; untranslated messages stay in English.
pub fn localize(text: &str, lang: MsgLang) -> String {
    match lang {
        MsgLang::En => text.to_string(),
        MsgLang::Vi => vietnamese(text).unwrap_or_else(|| text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_with_captured_parts() {
        assert_eq!(
            vietnamese("the link `@/pages/x` points to content that does not exist").as_deref(),
            Some("liên kết `@/pages/x` trỏ đến nội dung không tồn tại")
        );
        assert_eq!(
            vietnamese("did you mean `summary`? Rename `sumary` to `summary`.").as_deref(),
            Some("có phải bạn muốn viết `summary`? Đổi `sumary` thành `summary`.")
        );
        assert_eq!(vietnamese("something else entirely"), None);
        assert_eq!(
            vietnamese("the column `ho_ten` looks like a person's name").as_deref(),
            Some("cột `ho_ten` trông giống họ tên một người")
        );
        assert_eq!(
            vietnamese("`ngày ặ` thì"),
            None,
            "no panic inside multi-byte text"
        );
    }

    #[test]
    fn every_pattern_has_as_many_parts_in_both_languages() {
        for (en, vi) in TABLE {
            assert_eq!(en.matches("{}").count(), vi.matches("{}").count(), "{en}");
        }
    }
}
