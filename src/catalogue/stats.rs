//! Mistakes in statistics: the dataset's files, its description, its rows, and personal data.

use super::Said;
use crate::messages::Text;

/// One of the pair `<dataset>.csv` / `<dataset>.yaml` is missing; `data` when the CSV is.
pub fn missing_file(data: bool, other: &str) -> Said {
    let message = if data {
        text!(
            vi: "bộ số liệu thiếu tệp dữ liệu {other}",
            en: "the dataset has no data file {other}",
        )
    } else {
        text!(
            vi: "bộ số liệu thiếu tệp mô tả {other}",
            en: "the dataset has no description file {other}",
        )
    };
    Said::new("stats-missing-file", message).fix(text!(
        vi: "thêm {other} bên cạnh (mỗi bộ số liệu gồm một tệp .csv chứa các dòng và một tệp .yaml mô tả)",
        en: "add {other} next to it (every dataset is a .csv with its rows and a .yaml describing them)",
    ))
}

pub fn invalid_name(slug: &str, suggestion: &str) -> Said {
    Said::new(
        "invalid-slug",
        text!(
            vi: "`{slug}` không dùng được làm tên bộ số liệu",
            en: "`{slug}` cannot be used as the name of a dataset",
        ),
    )
    .fix(text!(
        vi: "đổi tên cả hai tệp thành `{suggestion}` (chữ thường không dấu, chữ số và dấu gạch ngang; không dùng `cam-ket` hay `commitments`)",
        en: "rename both files to `{suggestion}` (lowercase ASCII letters, digits and dashes; not `cam-ket` or `commitments`)",
    ))
}

/// A plan target's `measure` that no dataset has; `nearest` is a likely intended one.
pub fn unknown_measure(
    target: &str,
    measure: &str,
    names: &[String],
    nearest: Option<&str>,
) -> Said {
    let said = Said::new(
        "unknown-measure",
        text!(
            vi: "chỉ tiêu `{target}` nêu chỉ số `{measure}`, không có trong bộ số liệu nào",
            en: "the target `{target}` names the measure `{measure}`, which no dataset has",
        ),
    );
    let list = names.join(", ");
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `measure: {n}`? Chỉ số được viết `<bộ số liệu>.<chỉ số>`, như trong content/stats/<bộ số liệu>.yaml",
            en: "did you mean `measure: {n}`? A measure is written `<dataset>.<measure>`, as in content/stats/<dataset>.yaml",
        )),
        None if names.is_empty() => said.fix(text!(
            vi: "thêm bộ số liệu vào content/stats/ (một tệp .csv và một tệp .yaml), hoặc bỏ `measure:`",
            en: "add the dataset under content/stats/ (a .csv and a .yaml), or remove `measure:`",
        )),
        None => said.fix(text!(
            vi: "dùng một trong: {list}; hoặc bỏ `measure:`",
            en: "use one of: {list}; or remove `measure:`",
        )),
    }
}

pub fn not_identifier(name: &str, suggestion: &str) -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "tên `{name}` không phải là tên đơn giản",
            en: "the name `{name}` is not a plain identifier",
        ),
    )
    .fix(text!(
        vi: "dùng chữ thường không dấu, chữ số và `_`, ví dụ `{suggestion}`; dòng tiêu đề CSV phải dùng cùng tên",
        en: "use lowercase ASCII letters, digits and `_`, e.g. `{suggestion}`; the CSV header must use the same name",
    ))
}

pub fn name_twice(name: &str) -> Said {
    Said::new(
        "stats-schema",
        text!(vi: "tên `{name}` được dùng hai lần", en: "the name `{name}` is used twice"),
    )
    .fix(text!(
        vi: "mỗi chiều và mỗi chỉ số cần một tên riêng",
        en: "give every dimension and measure its own name",
    ))
}

pub fn two_periods() -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "có hơn một chiều được đánh dấu `kind: period`",
            en: "more than one dimension has `kind: period`",
        ),
    )
    .fix(text!(
        vi: "chỉ đánh dấu chiều năm (hoặc quý) là `kind: period`",
        en: "mark only the dimension of years (or quarters) as `kind: period`",
    ))
}

pub fn no_count() -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "bộ số liệu không có chỉ số đếm nào",
            en: "the dataset has no count measure",
        ),
    )
    .fix(text!(
        vi: "thêm một chỉ số có `kind: count` với tên là một cột của tệp CSV",
        en: "add a measure with `kind: count` whose name is a column of the CSV file",
    ))
}

pub fn count_with_rate_fields(name: &str) -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "số đếm `{name}` có các trường của tỷ lệ (numerator, denominator hoặc per)",
            en: "the count `{name}` has rate fields (numerator, denominator or per)",
        ),
    )
    .fix(text!(
        vi: "xóa chúng, hoặc viết `kind: rate`",
        en: "remove them, or write `kind: rate`",
    ))
}

/// A rate without its `numerator` or `denominator` (`part` is the field name).
pub fn rate_without(name: &str, part: &str) -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "tỷ lệ `{name}` thiếu `{part}`",
            en: "the rate `{name}` has no `{part}`",
        ),
    )
    .fix(text!(
        vi: "thêm `{part}: <tên một chỉ số đếm>`",
        en: "add `{part}: <name of a count measure>`",
    ))
}

pub fn rate_part_not_count(part: &str, value: &str) -> Said {
    Said::new(
        "stats-schema",
        text!(
            vi: "`{part}: {value}` không phải là chỉ số đếm của bộ số liệu này",
            en: "the {part} `{value}` is not a count measure of this dataset",
        ),
    )
    .fix(text!(
        vi: "đặt một trong các chỉ số là `kind: count`",
        en: "name one of the measures with `kind: count`",
    ))
}

pub fn unknown_column(column: &str, allowed: &[String], nearest: Option<&str>) -> Said {
    let list = allowed.join(", ");
    let said = Said::new(
        "stats-data",
        text!(
            vi: "cột `{column}` không có trong mô tả",
            en: "unknown column `{column}`",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Các cột phải có tên như trong tệp .yaml của bộ số liệu: {list}",
            en: "did you mean `{n}`? The columns must be named as in the dataset's .yaml: {list}",
        )),
        None => said.fix(text!(
            vi: "xóa cột hoặc khai báo nó trong tệp .yaml của bộ số liệu; các cột được dùng: {list}",
            en: "remove the column or declare it in the dataset's .yaml; the columns allowed are: {list}",
        )),
    }
}

pub fn missing_column(name: &str) -> Said {
    Said::new(
        "stats-data",
        text!(vi: "thiếu cột `{name}`", en: "the column `{name}` is missing"),
    )
    .fix(text!(
        vi: "thêm một cột tên `{name}` vào dòng tiêu đề",
        en: "add a column named `{name}` to the header line",
    ))
}

/// A count cell that is not digits; `too_large` when it is digits but too many.
pub fn not_a_count(value: &str, too_large: bool) -> Said {
    let message = if too_large {
        text!(vi: "số `{value}` quá lớn", en: "the number `{value}` is too large")
    } else {
        text!(
            vi: "`{value}` không phải là số nguyên",
            en: "`{value}` is not a whole number",
        )
    };
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    let fix = if !too_large
        && !digits.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || ".,  ".contains(c))
    {
        text!(
            vi: "viết số đếm chỉ bằng chữ số: `{digits}` (không có dấu chấm, dấu phẩy, dấu cách)",
            en: "write the count as digits only: `{digits}` (no dots, commas or spaces)",
        )
    } else {
        text!(
            vi: "viết số đếm chỉ bằng chữ số, không có dấu chấm, dấu phẩy, dấu cách hay chữ (1234, không phải 1.234); để trống ô khi không có số",
            en: "write the count as digits only, without dots, commas, spaces or words (1234, not 1.234); leave the cell empty when there is no figure",
        )
    };
    Said::new("stats-data", message).fix(fix)
}

pub fn repeated_row(first: u64) -> Said {
    Said::new(
        "stats-data",
        text!(
            vi: "dòng này lặp lại các mã của dòng {first}",
            en: "this row repeats the codes of line {first}",
        ),
    )
    .fix(text!(
        vi: "mỗi tổ hợp mã chỉ có một dòng; cộng các số lại hoặc xóa dòng lặp",
        en: "keep one row per combination of codes; add the figures up or remove the copy",
    ))
}

pub fn unknown_code(value: &str, dimension: &str, codes: &[String], nearest: Option<&str>) -> Said {
    let list = codes.join(", ");
    let said = Said::new(
        "stats-data",
        text!(
            vi: "`{value}` không phải là mã đã khai báo của chiều `{dimension}`",
            en: "`{value}` is not a declared code of the dimension `{dimension}`",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Hoặc thêm `{value}` vào `codes:` của `{dimension}` trong tệp .yaml",
            en: "did you mean `{n}`? Or add `{value}` to the `codes:` of `{dimension}` in the .yaml file",
        )),
        None => said.fix(text!(
            vi: "dùng một trong {list} hoặc thêm `{value}` vào `codes:` của `{dimension}` trong tệp .yaml",
            en: "use one of {list} or add `{value}` to the `codes:` of `{dimension}` in the .yaml file",
        )),
    }
}

/// A CSV file whose lines do not split into the header's cells.
pub fn csv_unreadable(cells: Option<(u64, u64)>) -> Said {
    let message = match cells {
        Some((have, want)) => text!(
            vi: "dòng này có {have} ô, dòng tiêu đề có {want} ô",
            en: "this line has {have} cells, the header has {want}",
        ),
        None => text!(
            vi: "không đọc được tệp CSV ở dòng này",
            en: "the CSV file cannot be read at this line",
        ),
    };
    Said::new("stats-csv", message).fix(text!(
        vi: "mỗi dòng cần đủ số ô như dòng tiêu đề, cách nhau bằng dấu phẩy; đặt chữ có dấu phẩy trong dấu nháy kép",
        en: "give every line as many cells as the header, separated by commas; put text containing commas in double quotes",
    ))
}

pub fn disclosure_unsafe(dataset: &str, measure: &str) -> Said {
    Said::new(
        "disclosure-unsafe",
        text!(
            vi: "bộ số liệu `{dataset}`, chỉ số `{measure}`: việc kiểm tra không chứng minh được rằng không ai tính ra được số bị ẩn từ các số công bố, nên không công bố gì của chỉ số này",
            en: "dataset `{dataset}`, measure `{measure}`: the audit cannot prove that no hidden figure can be worked out from the published ones, so nothing of it is published",
        ),
    )
    .fix(text!(
        vi: "công bố ít chi tiết hơn (gộp các nhóm hoặc địa bàn nhỏ, hoặc bỏ một chiều), hoặc thêm các dòng tổng",
        en: "publish fewer breakdowns (merge small categories or areas, or drop a dimension), or add the totals the rows add up to",
    ))
}

pub fn linked_mismatch(measure: &str, other: &str, other_file: &str, codes: &str) -> Said {
    Said::new(
        "stats-linked-mismatch",
        text!(
            vi: "`{measure}` được khai là cùng số đếm với `{other}` ({other_file}), nhưng tại ({codes}) số liệu hai bên khác nhau",
            en: "`{measure}` is declared the same count as `{other}` ({other_file}), but at ({codes}) their figures differ",
        ),
    )
    .fix(text!(
        vi: "sửa các dòng để hai tệp cho cùng một số đếm, hoặc bỏ `same_count_as:` nếu chúng đếm những thứ khác nhau",
        en: "correct the rows so that both files give the same count, or remove `same_count_as:` if they count different things",
    ))
}

pub fn total_mismatch(measure: &str, total: &str, dimension: &str) -> Said {
    Said::new(
        "stats-data",
        text!(
            vi: "chỉ số `{measure}`: dòng tổng ({total}) không bằng tổng các phần theo `{dimension}`",
            en: "measure `{measure}`: the total row ({total}) is not the sum of its parts along `{dimension}`",
        ),
    )
    .fix(text!(
        vi: "sửa dòng tổng hoặc các dòng cộng lại; mỗi dòng tổng phải bằng tổng các dòng nó bao gồm",
        en: "correct the total or the rows it adds up; every total must equal the sum of the rows it covers",
    ))
}

pub fn not_a_tree(dimension: &str, code: &str) -> Said {
    Said::new(
        "stats-data",
        text!(
            vi: "phân cấp của `{dimension}` không phải dạng cây tại `{code}` (một mã có hai mã cha, tạo thành vòng, hoặc mã tổng có mã cha)",
            en: "the hierarchy of `{dimension}` is not a tree at `{code}` (a code with two parents, a cycle, or a total with a parent)",
        ),
    )
    .fix(text!(
        vi: "mỗi mã chỉ có một mã cha, và mã tổng không có mã cha",
        en: "give every code a single parent, and none to the total code",
    ))
}

/// Any other inconsistency of a dataset's rows; `detail` names the dimension or codes involved.
pub fn rows_inconsistent(measure: &str, detail: &str) -> Said {
    Said::new(
        "stats-data",
        text!(
            vi: "chỉ số `{measure}`: các dòng không khớp với các chiều của bộ số liệu ({detail})",
            en: "measure `{measure}`: the rows do not fit the dataset's dimensions ({detail})",
        ),
    )
    .fix(text!(
        vi: "kiểm tra các dòng và các chiều của bộ số liệu",
        en: "check the rows and the dataset's dimensions",
    ))
}

/// What personal data a column looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    Name,
    BirthDate,
    IdNumber,
    Phone,
    Address,
    Email,
}

fn personal_what(kind: &Personal) -> Text {
    match kind {
        Personal::Name => text!(vi: "họ tên một người", en: "a person's name"),
        Personal::BirthDate => text!(vi: "ngày sinh", en: "a date of birth"),
        Personal::IdNumber => text!(
            vi: "số căn cước (CCCD/CMND) hoặc số định danh khác",
            en: "an identity-card (CCCD/CMND) or other ID number",
        ),
        Personal::Phone => text!(vi: "số điện thoại", en: "a phone number"),
        Personal::Address => text!(vi: "địa chỉ nhà", en: "an address"),
        Personal::Email => text!(vi: "địa chỉ thư điện tử", en: "an e-mail address"),
    }
}

fn personal_instead(kind: &Personal) -> Text {
    match kind {
        Personal::BirthDate => text!(
            vi: "công bố số người theo nhóm tuổi (ví dụ 18–24, 25–34) thay cho ngày sinh",
            en: "publish counts by age group (for example 18–24, 25–34) instead of dates of birth",
        ),
        Personal::Address => text!(
            vi: "công bố số người theo tỉnh (hoặc xã) thay cho địa chỉ",
            en: "publish counts by province (or commune) instead of addresses",
        ),
        _ => text!(
            vi: "chỉ công bố số đếm theo địa bàn, thời kỳ và nhóm (ví dụ số người theo tỉnh và năm), không bao giờ mỗi người một dòng",
            en: "publish only counts per area, period and category (for example the number of people per province and year), never one row per person",
        ),
    }
}

/// A column (by its name, or by a value in it) that looks like personal data.
pub fn personal_data(kind: Personal, column: &str, by_name: bool) -> Said {
    let what = personal_what(&kind);
    let instead = personal_instead(&kind);
    let (w_vi, w_en, i_vi, i_en) = (&what.vi, &what.en, &instead.vi, &instead.en);
    let message = if by_name {
        text!(
            vi: "cột `{column}` trông giống {w_vi}: số liệu thống kê chỉ được chứa số đếm tổng hợp, không bao giờ chứa dữ liệu cá nhân",
            en: "the column `{column}` looks like {w_en}: statistics may hold aggregate counts only, never personal data",
        )
    } else {
        text!(
            vi: "một giá trị trong cột `{column}` trông giống {w_vi}: số liệu thống kê chỉ được chứa số đếm tổng hợp, không bao giờ chứa dữ liệu cá nhân",
            en: "a value in the column `{column}` looks like {w_en}: statistics may hold aggregate counts only, never personal data",
        )
    };
    Said::new("personal-data", message).fix(text!(
        vi: "xóa cột `{column}` (và xóa tệp khỏi lịch sử kho nếu đã được commit); {i_vi}",
        en: "remove the column `{column}` (and delete the file from the repository's history if it was committed); {i_en}",
    ))
}

/// A plan target linked to a measure of a dataset marked illustrative.
pub fn illustrative_measure(target: &str, measure: &str, dataset: &str) -> Said {
    Said::new(
        "illustrative-measure",
        text!(
            vi: "chỉ tiêu `{target}` của một kế hoạch thật được nối với `{measure}`, chỉ số của bộ số liệu minh họa {dataset}: số liệu đặt ra để trình bày không được dùng để đánh giá một cam kết thật",
            en: "the target `{target}` of a real plan is linked to `{measure}`, a measure of the illustrative dataset {dataset}: figures made up for demonstration cannot judge a real commitment",
        ),
    )
    .fix(text!(
        vi: "bỏ dòng `measure: {measure}`, hoặc nối với chỉ số của một bộ số liệu thật (`illustrative: false`, có nguồn chính thức)",
        en: "remove the line `measure: {measure}`, or link a measure of a real dataset (`illustrative: false`, with an official source)",
    ))
}

/// A target without direction or scope: no verdict can be given.
pub fn target_incomplete(target: &str) -> Said {
    Said::new(
        "target-incomplete",
        text!(
            vi: "chỉ tiêu `{target}` không ghi chiều (`direction`) hoặc phạm vi (`scope`): trang sẽ không đánh giá tiến độ",
            en: "the target `{target}` states no direction (`direction`) or scope (`scope`): its page gives no verdict",
        ),
    )
    .fix(text!(
        vi: "thêm `direction: at_least` (ít nhất), `at_most` (tối đa) hoặc `range` (khoảng, kèm `range: {{from: 1, to: 2}}`) và `scope: period` (cả giai đoạn), `per_year` (mỗi năm) hoặc `at_date` (tại thời điểm `by`), như văn bản ghi",
        en: "add `direction: at_least`, `at_most` or `range` (with `range: {{from: 1, to: 2}}`) and `scope: period` (over the whole period), `per_year` or `at_date` (at the `by` year), as the document says",
    ))
}

/// A target with both `value` and `range`.
pub fn target_value_and_range(target: &str) -> Said {
    Said::new(
        "target-value",
        text!(
            vi: "chỉ tiêu `{target}` có cả `value` và `range`",
            en: "the target `{target}` has both `value` and `range`",
        ),
    )
    .fix(text!(
        vi: "giữ `value` với `direction: at_least` hoặc `at_most`; giữ `range` với `direction: range`",
        en: "keep `value` with `direction: at_least` or `at_most`; keep `range` with `direction: range`",
    ))
}

/// A range target without its bounds.
pub fn target_range_missing(target: &str) -> Said {
    Said::new(
        "target-value",
        text!(
            vi: "chỉ tiêu `{target}` có `direction: range` nhưng không có `range`",
            en: "the target `{target}` has `direction: range` but no `range`",
        ),
    )
    .fix(text!(
        vi: "viết hai đầu của khoảng như văn bản ghi, ví dụ `range: {{from: 1, to: 2}}` cho \"từ 1 - 2%\", và bỏ `value`",
        en: "write both ends of the range as the document states them, for example `range: {{from: 1, to: 2}}` for \"1–2%\", and remove `value`",
    ))
}

/// An at-least or at-most target without its value.
pub fn target_value_missing(target: &str) -> Said {
    Said::new(
        "target-value",
        text!(
            vi: "chỉ tiêu `{target}` không có `value`",
            en: "the target `{target}` has no `value`",
        ),
    )
    .fix(text!(
        vi: "viết `value: <con số trong văn bản>`; nếu văn bản ghi một khoảng, viết `direction: range` và `range: {{from: …, to: …}}`",
        en: "write `value: <the figure in the document>`; if the document gives a range, write `direction: range` and `range: {{from: …, to: …}}`",
    ))
}

/// A range whose ends are swapped.
pub fn target_range_reversed(target: &str, from: f64, to: f64) -> Said {
    Said::new(
        "target-value",
        text!(
            vi: "khoảng của chỉ tiêu `{target}` bắt đầu ở {from}, lớn hơn điểm cuối {to}",
            en: "the range of the target `{target}` starts at {from}, above its end {to}",
        ),
    )
    .fix(text!(
        vi: "viết `range: {{from: {to}, to: {from}}}`",
        en: "write `range: {{from: {to}, to: {from}}}`",
    ))
}

/// What a target or a measure counts over, as the messages name it (from the front matter's `scope:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeWord {
    Period,
    PerYear,
    AtDate,
}

/// Why a figure cannot be compared with a target.
#[derive(Debug, Clone, PartialEq)]
pub enum Incomparable {
    NoDirection,
    /// The target's unit and the measure's, in the plan's language.
    Unit(String, String),
    NoTargetScope,
    NoMeasureScope,
    Scope(ScopeWord, ScopeWord),
}

/// A scope in words.
fn scope_words(s: ScopeWord) -> Text {
    match s {
        ScopeWord::Period => text!(vi: "cả giai đoạn", en: "over the whole period"),
        ScopeWord::PerYear => text!(vi: "mỗi năm", en: "per year"),
        ScopeWord::AtDate => text!(vi: "tại một thời điểm", en: "at a date"),
    }
}

/// What differs between a target and a measure.
fn incomparable(why: &Incomparable) -> Text {
    use Incomparable as I;
    match why {
        I::NoDirection => {
            text!(vi: "chỉ tiêu không ghi chiều", en: "the target states no direction")
        }
        I::Unit(t, m) => text!(
            vi: "chỉ tiêu tính bằng `{t}`, chỉ số bằng `{m}`",
            en: "the target counts `{t}`, the measure `{m}`",
        ),
        I::NoTargetScope => {
            text!(vi: "chỉ tiêu không ghi phạm vi", en: "the target states no scope")
        }
        I::NoMeasureScope => text!(
            vi: "chỉ số không ghi phạm vi (`scope:` trong bộ số liệu)",
            en: "the measure states no scope (`scope:` in its dataset)",
        ),
        I::Scope(a, b) => {
            let (a, b) = (scope_words(*a), scope_words(*b));
            Text::new(
                format!("chỉ tiêu tính {}, chỉ số tính {}", a.vi, b.vi),
                format!("the target counts {}, the measure {}", a.en, b.en),
            )
        }
    }
}

/// A target linked to a measure it cannot be compared with; `why` says what differs.
pub fn target_not_comparable(target: &str, measure: &str, why: &Incomparable) -> Said {
    let why = incomparable(why);
    let (why_vi, why_en) = (why.vi, why.en);
    Said::new(
        "target-not-comparable",
        text!(
            vi: "chỉ tiêu `{target}` không so được với `{measure}` ({why_vi}): trang ghi là không có số liệu so sánh được",
            en: "the target `{target}` cannot be compared with `{measure}` ({why_en}): its page says there is no comparable figure",
        ),
    )
    .fix(text!(
        vi: "nối chỉ tiêu với một chỉ số cùng đơn vị và cùng phạm vi (`scope:` của chỉ số trong bộ số liệu), hoặc bỏ `measure:`",
        en: "link the target to a measure with the same unit and scope (the measure's `scope:` in its dataset), or remove `measure:`",
    ))
}
