//! The fields of every kind of content, read from the validator itself (the serde types with
//! `deny_unknown_fields` that `load` uses), with their explanation for officials; the README's
//! field tables are generated from here, so they cannot drift from what minh accepts.

use serde::de::DeserializeOwned;

/// The names the validator lists for `T` when it meets a field (or value) it does not know.
fn listed<T: DeserializeOwned>(yaml: &str) -> Vec<String> {
    let Err(e) = serde_saphyr::from_str::<T>(yaml) else {
        return Vec::new();
    };
    let text = e.to_string();
    let line = text.lines().next().unwrap_or("");
    let Some(rest) = line.split("expected ").nth(1) else {
        return Vec::new();
    };
    let rest = rest.strip_prefix("one of ").unwrap_or(rest);
    rest.split(", ")
        .flat_map(|p| p.split(" or "))
        .map(|s| s.trim().trim_matches('`').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The fields of the struct `T`.
pub fn fields_of<T: DeserializeOwned>() -> Vec<String> {
    listed::<T>("__minh_probe__: 0\n")
}

/// The values of the enum `T`.
pub fn values_of<T: DeserializeOwned>() -> Vec<String> {
    listed::<T>("__minh_probe__\n")
}

/// One group of fields: where it is written, and the validator's names for it.
pub struct Group {
    /// `plan`, `plan.area`, `facility.address`, ...
    pub path: &'static str,
    pub fields: Vec<String>,
}

/// Every group of fields of every kind of content, as the validator knows them.
pub fn groups() -> Vec<Group> {
    use crate::load::front::*;
    use crate::load::provenance::*;
    use crate::load::records::*;
    let g = |path, fields| Group { path, fields };
    vec![
        g("plan", fields_of::<PlanFront>()),
        g("plan.period", fields_of::<Period>()),
        g("plan.area", fields_of::<Area>()),
        g("plan.signer", fields_of::<Signer>()),
        g("plan.source", fields_of::<Source>()),
        g("plan.targets", fields_of::<Target>()),
        g("plan.targets.range", fields_of::<Range>()),
        g("update", fields_of::<UpdateFront>()),
        g("page", fields_of::<PageFront>()),
        g("page.sources", fields_of::<Source>()),
        g("law", fields_of::<LawFront>()),
        g("law.source", fields_of::<Source>()),
        g("facility", fields_of::<FacilityRecord>()),
        g("facility.address", fields_of::<Address>()),
        g("facility.geo", fields_of::<Geo>()),
        g("facility.phones", fields_of::<PhoneRecord>()),
        g("facility.fees", fields_of::<Fees>()),
        g("facility.basis.announced", fields_of::<Announced>()),
        g(
            "facility.basis.announced.source",
            fields_of::<PublishedSource>(),
        ),
        g("facility.verification", fields_of::<VerificationRecord>()),
        g("hotline", fields_of::<HotlineRecord>()),
    ]
}

/// The values allowed in the coded fields, as the validator knows them.
pub fn codes() -> Vec<(&'static str, Vec<String>)> {
    use crate::load::front::*;
    use crate::load::provenance::*;
    use crate::load::records::*;
    vec![
        ("plan.area.level", values_of::<AreaLevel>()),
        ("plan.targets.direction", values_of::<Direction>()),
        ("plan.targets.scope", values_of::<Scope>()),
        ("law.kind", values_of::<LawKind>()),
        ("facility.kind", values_of::<ProviderKind>()),
        ("facility.services", values_of::<Service>()),
        ("facility.basis", values_of::<Basis>()),
        ("facility.verification.method", values_of::<Method>()),
        ("hotline.cost", values_of::<Cost>()),
    ]
}

/// Explanations, by `group.field`: Vietnamese, then English. A field missing here shows `—`.
const EXPLAINED: &[(&str, &str, &str)] = &[
    ("plan.title", "tên kế hoạch như trên văn bản (bắt buộc)", "the plan's title as on the document (required)"),
    ("plan.number", "số hiệu, ví dụ \"1737/KH-UBND\"; văn bản để trống số thì xóa dòng", "the document number, e.g. \"1737/KH-UBND\"; delete the line when the document leaves it blank"),
    ("plan.issuer", "cơ quan ban hành (bắt buộc)", "the issuing body (required)"),
    ("plan.issued", "ngày ban hành NNNN-TT-NN; để trống ngày: NNNN-TT; chỉ rõ năm: NNNN; không rõ: xóa dòng", "date of issue YYYY-MM-DD; a blank day: YYYY-MM; only the year: YYYY; unknown: delete the line"),
    ("plan.period", "giai đoạn thực hiện `{from: 2021, to: 2025}` (bắt buộc)", "the years covered, `{from: 2021, to: 2025}` (required)"),
    ("plan.area", "địa bàn (bắt buộc), xem `plan.area`", "the area (required), see `plan.area`"),
    ("plan.signer", "người ký `{name: \"…\", role: \"…\", capacity: \"…\"}`", "who signed, `{name: \"…\", role: \"…\", capacity: \"…\"}`"),
    ("plan.summary", "tóm tắt một hai câu, dễ hiểu (bắt buộc)", "one or two plain sentences (required)"),
    ("plan.source", "nơi công bố văn bản gốc `{name: \"…\", url: \"https://…\"}`", "where the original was published"),
    ("plan.legal_basis", "căn cứ pháp lý: danh sách mã văn bản trong content/laws/, `[nd-116-2021-nd-cp]`", "legal basis: ids of acts in content/laws/, `[nd-116-2021-nd-cp]`"),
    ("plan.targets", "chỉ tiêu đo được, xem `plan.targets`", "measurable targets, see `plan.targets`"),
    ("plan.slug", "phần địa chỉ riêng thay cho tên tệp", "own address part instead of the file name"),
    ("plan.draft", "`true`: bản nháp, chỉ `minh serve` hiển thị", "`true`: a draft, shown by `minh serve` only"),
    ("plan.inferred", "các trường người biên tập suy ra, không đọc thấy trong văn bản", "fields the editors inferred, not read in the document"),
    ("plan.period.from", "năm bắt đầu", "first year"),
    ("plan.period.to", "năm kết thúc", "last year"),
    ("plan.area.level", "cấp: `province`, `district` hoặc `commune`", "level: `province`, `district` or `commune`"),
    ("plan.area.province", "tỉnh như văn bản ghi: tỉnh cũ nếu văn bản trước 1/7/2025 (ví dụ \"Tiền Giang\")", "the province as the document names it: the former one for documents before 1 July 2025 (e.g. \"Tiền Giang\")"),
    ("plan.area.district", "huyện như văn bản ghi (cấp huyện đã bỏ từ 1/7/2025)", "the district as the document names it (districts were abolished on 1 July 2025)"),
    ("plan.area.commune", "xã, phường như văn bản ghi", "the commune or ward as the document names it"),
    ("plan.area.current_province", "tỉnh, thành phố hiện nay (từ 1/7/2025), một tên trong content/provinces.yaml (ví dụ \"Đồng Tháp\")", "today's province (since 1 July 2025), a name in content/provinces.yaml (e.g. \"Đồng Tháp\")"),
    ("plan.signer.name", "họ tên người ký", "the signer's name"),
    ("plan.signer.role", "chức vụ, ví dụ \"Phó Chủ tịch\"", "their role, e.g. \"Phó Chủ tịch\""),
    ("plan.signer.capacity", "thay mặt, ký thay, như khối chữ ký ghi, ví dụ \"TM. Ủy ban nhân dân, KT. Chủ tịch\"", "on whose behalf they sign, as the signature block writes it, e.g. \"TM. Ủy ban nhân dân, KT. Chủ tịch\""),
    ("plan.targets.id", "mã chỉ tiêu, ví dụ `t1`", "the target's id, e.g. `t1`"),
    ("plan.targets.label", "nội dung chỉ tiêu như văn bản ghi", "the target as the document words it"),
    ("plan.targets.value", "con số (chỉ chữ số, dấu chấm thập phân)", "the figure (digits, a decimal point)"),
    ("plan.targets.range", "khoảng `{from: …, to: …}` thay cho `value`", "a range `{from: …, to: …}` instead of `value`"),
    ("plan.targets.unit", "đơn vị, ví dụ \"%\", \"người\"", "the unit, e.g. \"%\", \"người\""),
    ("plan.targets.direction", "ít nhất (`at_least`), tối đa (`at_most`) hoặc trong khoảng (`range`)", "at least, at most or within a range"),
    ("plan.targets.scope", "cả giai đoạn, mỗi năm, hoặc tại năm `by`", "over the period, per year, or at the year `by`"),
    ("plan.targets.by", "năm phải đạt", "the year it is due"),
    ("plan.targets.measure", "chỉ số thống kê `<bộ số liệu>.<chỉ số>` cùng đơn vị và phạm vi", "a statistics measure `<dataset>.<measure>` with the same unit and scope"),
    ("update.title", "tiêu đề tin (bắt buộc)", "the headline (required)"),
    ("update.date", "ngày đăng NNNN-TT-NN (bắt buộc)", "publication date YYYY-MM-DD (required)"),
    ("update.summary", "tóm tắt một câu", "a one-sentence summary"),
    ("update.cites", "mã các văn bản trong content/laws/ được nhắc tới", "ids of acts in content/laws/ it mentions"),
    ("page.title", "tiêu đề trang (bắt buộc)", "the page title (required)"),
    ("page.summary", "tóm tắt một câu", "a one-sentence summary"),
    ("page.sources", "nguồn của các thông tin trên trang", "sources of the facts on the page"),
    ("page.reviewed", "ngày rà soát nội dung gần nhất", "when the facts were last reviewed"),
    ("page.current", "`true` nếu trang mô tả quy định đang áp dụng", "`true` when the page describes rules in force now"),
    ("page.open_data", "`true` cho trang Dữ liệu mở: trang liệt kê mọi tệp tải về với các trường của tệp, kèm danh mục dữ liệu (JSON-LD)", "`true` for the open-data page: it lists every download with its fields, with the data catalogue (JSON-LD)"),
    ("page.cites", "mã các văn bản trong content/laws/ được nhắc tới", "ids of acts in content/laws/ it mentions"),
    ("page.directory", "`true` nếu trang mô tả danh bạ: trang hiện các con số đếm từ dữ liệu", "`true` when the page describes the directory: it shows the figures counted from the records"),
    ("page.reviews", "`true` để liệt kê ngày rà soát thông tin pháp luật của các trang", "`true` to list when each page's legal information was last reviewed"),
    ("law.title", "tên văn bản (bắt buộc)", "the act's title (required)"),
    ("law.number", "số hiệu, ví dụ \"116/2021/NĐ-CP\" (bắt buộc)", "the number, e.g. \"116/2021/NĐ-CP\" (required)"),
    ("law.kind", "loại văn bản (bắt buộc), xem bảng mã", "the kind of act (required), see the codes"),
    ("law.issuer", "cơ quan ban hành (bắt buộc)", "the issuing body (required)"),
    ("law.issued", "ngày ban hành", "date of issue"),
    ("law.in_force_from", "ngày có hiệu lực", "in force from"),
    ("law.in_force_until", "ngày hết hiệu lực", "in force until"),
    ("law.replaced_by", "mã văn bản thay thế trong content/laws/", "the id of the act that replaced it"),
    ("law.summary", "văn bản quy định gì, một hai câu (bắt buộc)", "what the act provides, one or two sentences (required)"),
    ("law.verified", "`true` khi đã đối chiếu với văn bản gốc", "`true` once checked against the original"),
    ("law.inferred", "các trường người biên tập suy ra, không đọc thấy trong văn bản", "fields the editors inferred, not read in a document"),
    ("facility.id", "mã cơ sở, trùng tên tệp (bắt buộc)", "the provider's id, the same as the file name (required)"),
    ("facility.sample", "`true`: bản ghi mẫu để minh họa", "`true`: a demonstration record"),
    ("facility.name", "tên cơ sở (bắt buộc)", "the provider's name (required)"),
    ("facility.kind", "loại cơ sở (bắt buộc), xem bảng mã", "the kind of provider (required), see the codes"),
    ("facility.description", "mô tả ngắn", "a short description"),
    ("facility.operator", "cơ quan chủ quản", "the operating body"),
    ("facility.address", "địa chỉ (bắt buộc), xem `facility.address`", "the address (required), see `facility.address`"),
    ("facility.geo", "tọa độ `{lat: …, lon: …}`", "coordinates `{lat: …, lon: …}`"),
    ("facility.phones", "các số điện thoại đã gọi thử", "phone numbers that were checked"),
    ("facility.hours", "giờ làm việc", "opening hours"),
    ("facility.services", "dịch vụ, xem bảng mã", "services, see the codes"),
    ("facility.fees", "chi phí `{free: true}`", "fees, `{free: true}`"),
    ("facility.eligibility", "ai được tiếp nhận", "who can be admitted"),
    ("facility.how_to_apply", "cách đăng ký", "how to apply"),
    ("facility.what_to_bring", "giấy tờ cần mang", "what to bring"),
    ("facility.languages", "ngôn ngữ phục vụ", "languages spoken"),
    ("facility.capacity", "số chỗ", "places"),
    ("facility.basis", "căn cứ của bản ghi (bắt buộc): được công bố, có tên trong kế hoạch, hoặc mẫu", "how the record is known (required): announced, named in a plan, or a sample"),
    ("facility.source", "nguồn thông tin", "where the information comes from"),
    ("facility.verification", "lần kiểm tra gần nhất: ngày, ai (tổ, cơ quan), cách", "the last check: date, who (a team or office), how"),
    ("facility.inferred", "các trường người biên tập suy ra", "fields the editors inferred"),
    ("facility.draft", "`true`: bản nháp", "`true`: a draft"),
    ("facility.address.province", "tỉnh, thành phố hiện nay, một tên trong content/provinces.yaml", "today's province, a name in content/provinces.yaml"),
    ("facility.address.former_province", "tỉnh cũ (trước 1/7/2025) nơi cơ sở đặt trụ sở", "the former province (before 1 July 2025) where the provider is"),
    ("facility.address.former_district", "huyện cũ", "the former district"),
    ("facility.address.street", "số nhà, đường", "street address"),
    ("facility.address.commune", "xã, phường", "commune or ward"),
    ("facility.phones.number", "số điện thoại, ví dụ \"0235 3852 123\"", "the number, e.g. \"0235 3852 123\""),
    ("facility.phones.label", "số này dùng để làm gì", "what the number is for"),
    ("facility.phones.hours", "giờ gọi được", "when it answers"),
    ("facility.fees.free", "`true` nếu miễn phí", "`true` when free of charge"),
    ("facility.fees.notes", "ghi chú về chi phí", "notes on costs"),
    ("hotline.number", "số điện thoại (bắt buộc)", "the number (required)"),
    ("hotline.name", "tên đường dây (bắt buộc)", "the line's name (required)"),
    ("hotline.scope", "`national` hoặc tên một tỉnh hiện nay (bắt buộc)", "`national` or a current province (required)"),
    ("hotline.purpose", "mục đích, như nguồn chính thức nêu (bắt buộc)", "its purpose, as an official source states it (required)"),
    ("hotline.cost", "`free` hoặc `charged` (bắt buộc)", "`free` or `charged` (required)"),
];

/// Explanations of fields that mean the same wherever they are.
const ANYWHERE: &[(&str, &str, &str)] = &[
    (
        "slug",
        "phần địa chỉ riêng thay cho tên tệp",
        "own address part instead of the file name",
    ),
    (
        "draft",
        "`true`: bản nháp, `minh build` bỏ qua",
        "`true`: a draft, left out of `minh build`",
    ),
    (
        "change_note",
        "ghi chú thay đổi công khai cho lần sửa này (thay cho dòng đầu của commit)",
        "the public change note for this change (instead of the commit's first line)",
    ),
    ("name", "tên", "name"),
    ("url", "địa chỉ web `https://…`", "web address `https://…`"),
    ("from", "từ", "from"),
    ("to", "đến", "to"),
    ("lat", "vĩ độ (khoảng 8–24)", "latitude (about 8–24)"),
    (
        "lon",
        "kinh độ (khoảng 102–110)",
        "longitude (about 102–110)",
    ),
    ("source", "nguồn đã công bố", "the published source"),
    (
        "act",
        "mã văn bản công bố trong content/laws/",
        "the announcing act's id in content/laws/",
    ),
    ("date", "ngày NNNN-TT-NN", "date YYYY-MM-DD"),
    ("issuer", "cơ quan công bố", "the announcing body"),
    (
        "by",
        "ai kiểm tra (tổ, cơ quan; không ghi tên người)",
        "who checked (a team or office, never a person's name)",
    ),
    (
        "method",
        "cách kiểm tra, xem bảng mã",
        "how it was checked, see the codes",
    ),
    ("note", "ghi chú", "a note"),
    ("hours", "giờ làm việc", "hours"),
    (
        "header",
        "`true`: hiện ở đầu mọi trang (chỉ đường dây trợ giúp, không phải công an)",
        "`true`: shown at the top of every page (help lines only, not the police)",
    ),
    (
        "last_verified",
        "ngày kiểm tra gần nhất",
        "date last checked",
    ),
];

/// The explanation of `path.field` in both languages, if written.
pub fn explained(path: &str, field: &str) -> Option<(&'static str, &'static str)> {
    let key = format!("{path}.{field}");
    EXPLAINED
        .iter()
        .find(|(k, _, _)| *k == key)
        .or_else(|| ANYWHERE.iter().find(|(k, _, _)| *k == field))
        .map(|(_, vi, en)| (*vi, *en))
}

/// The README's tables of fields and codes, in markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for g in groups() {
        out.push_str(&format!(
            "\n`{}`\n\n| field | ý nghĩa | meaning |\n| --- | --- | --- |\n",
            g.path
        ));
        for f in &g.fields {
            let (vi, en) = explained(g.path, f).unwrap_or(("—", "—"));
            out.push_str(&format!("| `{f}` | {vi} | {en} |\n"));
        }
    }
    out.push_str("\nCodes / mã:\n\n| field | values |\n| --- | --- |\n");
    for (path, values) in codes() {
        let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        out.push_str(&format!("| `{path}` | {} |\n", list.join(", ")));
    }
    out.push_str(
        "\nCột của bảng tính cơ sở / provider spreadsheet columns (`content/facilities/*.xlsx`, `*.csv`):\n",
    );
    // The README documents the columns for the repository's own site, in Vietnamese and English.
    let langs = crate::lang::Languages::new(&["vi", "en"]).expect("a valid list");
    out.push_str(&crate::load::sheets::markdown(
        &langs.iter().collect::<Vec<_>>(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_validator_lists_its_fields_and_codes() {
        let plan = groups()
            .into_iter()
            .find(|g| g.path == "plan")
            .expect("plan");
        for f in ["title", "issued", "area", "legal_basis", "targets"] {
            assert!(
                plan.fields.iter().any(|x| x == f),
                "{f} in {:?}",
                plan.fields
            );
        }
        let area = groups()
            .into_iter()
            .find(|g| g.path == "plan.area")
            .expect("area");
        assert!(area.fields.iter().any(|x| x == "current_province"));
        let kinds = codes()
            .into_iter()
            .find(|c| c.0 == "law.kind")
            .expect("law.kind");
        assert!(kinds.1.iter().any(|k| k == "decree"), "{:?}", kinds.1);
        for g in groups() {
            assert!(!g.fields.is_empty(), "{} has no fields", g.path);
        }
    }
}
