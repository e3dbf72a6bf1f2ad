//! `minh new`: writes a ready-to-fill draft plan, provider, update or page, every field explained.

use crate::catalogue::{cli, Said};
use crate::date::Date;
use std::path::{Path, PathBuf};

/// What `minh new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Plan,
    Facility,
    Update,
    Page,
}

impl NewKind {
    /// Where the file goes, relative to the site root.
    pub fn path(self, name: &str) -> PathBuf {
        match self {
            NewKind::Plan => PathBuf::from(format!("content/plans/{name}.vi.md")),
            NewKind::Facility => PathBuf::from(format!("content/facilities/{name}.yaml")),
            NewKind::Update => PathBuf::from(format!("content/updates/{name}.vi.md")),
            NewKind::Page => PathBuf::from(format!("content/pages/{name}.vi.md")),
        }
    }
}

/// Writes the file for `kind` named `name` under `root`; returns its path relative to the root.
/// Refuses names that are not slugs and files that already exist.
pub fn create(root: &Path, kind: NewKind, name: &str, today: Date) -> Result<PathBuf, Said> {
    if !crate::slug::is_slug(name) {
        return Err(cli::new_bad_name(name, &crate::slug::slugify(name)));
    }
    if !root.join("content").is_dir() {
        return Err(cli::new_no_site(&root.display().to_string()));
    }
    let rel = kind.path(name);
    let path = root.join(&rel);
    let text = match kind {
        NewKind::Plan => plan(&first_province(root), today),
        NewKind::Facility => facility(name, &first_province(root), today),
        NewKind::Update => update(today),
        NewKind::Page => page(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| cli::new_cannot_write(&dir.display().to_string(), &e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => cli::new_exists(&rel.display().to_string()),
            _ => cli::new_cannot_write(&rel.display().to_string(), &e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| cli::new_cannot_write(&rel.display().to_string(), &e))?;
    Ok(rel)
}

/// The first province of content/provinces.yaml, a valid value to start from.
fn first_province(root: &Path) -> String {
    let file = PathBuf::from("content/provinces.yaml");
    std::fs::read_to_string(root.join(&file))
        .ok()
        .and_then(|src| crate::yaml::parse::<Vec<crate::records::Province>>(&src, &file, 0).ok())
        .and_then(|list| list.into_iter().next())
        .map(|p| p.name)
        .unwrap_or_else(|| "Hà Nội".into())
}

fn plan(province: &str, today: Date) -> String {
    format!(
        r###"---
# Kế hoạch mới, tạo ngày {today}. Điền các trường dưới đây rồi xóa `draft: true` để đăng.
# A new plan, created on {today}. Fill in the fields below, then remove `draft: true` to publish.
# Chỉ ghi điều có trong văn bản gốc; điều chưa biết thì để trống hoặc xóa dòng.
# Write only what the original document says; leave out what you do not know.

# Bản nháp: chỉ `minh serve` hiển thị, `minh build` bỏ qua. / Draft: shown by `minh serve` only.
draft: true
# Tên kế hoạch như trên văn bản. / The plan's title as on the document.
title: "Kế hoạch ... (thay bằng tên kế hoạch)"
# Số hiệu văn bản, ví dụ "1737/KH-UBND". / The document number, e.g. "1737/KH-UBND".
# number: "…/KH-UBND"
# Cơ quan ban hành. / The issuing body.
issuer: "Ủy ban nhân dân … (thay bằng cơ quan ban hành)"
# Ngày ban hành (YYYY-MM-DD). / Date of issue (YYYY-MM-DD).
# issued: {today}
# Giai đoạn thực hiện, theo năm. / The years the plan covers.
period: {{from: {year}, to: {year}}}
# Địa bàn: level là province, district hoặc commune; province là tỉnh ghi trên văn bản;
# current_province là tỉnh/thành hiện nay (từ 1/7/2025), một tên trong content/provinces.yaml.
# Area: level is province, district or commune; province as written on the document;
# current_province is the province since 1 July 2025, one of the names in content/provinces.yaml.
area: {{level: province, province: "{province}", current_province: "{province}"}}
# district: "…"   # huyện (nếu có) / district, if any
# commune: "…"    # xã, phường (nếu có) / commune, if any
# Người ký và chức vụ. / Who signed, and their role.
# signer: {{name: "…", role: "…"}}
# Tóm tắt một hai câu, dễ hiểu với người dân. / A one- or two-sentence summary in plain words.
summary: "Tóm tắt kế hoạch (thay bằng nội dung thật)."
# Nơi công bố văn bản gốc. / Where the original was published.
# source: {{name: "Cổng thông tin điện tử …", url: "https://…"}}
# Căn cứ pháp lý: mã các văn bản trong content/laws/. / Legal basis: ids of acts in content/laws/.
# legal_basis: [luat-phong-chong-ma-tuy-2021]
# Chỉ tiêu đo được: id, label (nội dung), value (hoặc range: {{from: 1, to: 2}}), unit, direction
# (at_least: ít nhất, at_most: tối đa, range: trong khoảng), scope (period: cả giai đoạn, per_year: mỗi
# năm, at_date: tại năm `by`), by (năm), measure (chỉ số thống kê cùng đơn vị và phạm vi, nếu có).
# Measurable targets: id, label, value (or range: {{from: 1, to: 2}}), unit, direction (at_least,
# at_most, range), scope (period, per_year, at_date), by (year), measure (a statistics measure with
# the same unit and scope, if any; never one of an illustrative dataset).
# targets:
#   - {{id: t1, label: "…", value: 0, unit: "%", direction: at_least, scope: at_date, by: {year}}}
# Địa chỉ riêng (nếu không dùng tên tệp). / Own address part (instead of the file name).
# slug: "…"
---

<!-- Nội dung kế hoạch: chép các phần của văn bản, mỗi phần một tiêu đề "##".
     The plan's text: copy the document's parts, one "##" heading each. -->

## I. Mục đích, yêu cầu

(Chép nội dung từ văn bản gốc.)
"###,
        year = today.0.format("%Y"),
    )
}

fn facility(id: &str, province: &str, today: Date) -> String {
    format!(
        r###"# Cơ sở mới, tạo ngày {today}. Điền các trường rồi xóa `draft: true` để đăng.
# A new service provider, created on {today}. Fill in the fields, then remove `draft: true` to publish.
# Chỉ ghi thông tin đã kiểm tra với cơ sở hoặc văn bản công bố; chưa biết thì xóa dòng.
# Write only facts checked with the provider or an official act; leave out what you do not know.
# Chữ có hai thứ tiếng viết {{vi: "…", en: "…"}}. / Text in both languages is written {{vi: "…", en: "…"}}.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Mã cơ sở, trùng tên tệp. / The provider's id, the same as the file name.
id: {id}
# Tên đầy đủ của cơ sở. / The provider's full name.
name: {{vi: "Tên cơ sở (thay bằng tên thật)", en: "Provider name (replace)"}}
# Loại: compulsory_center (cơ sở cai nghiện công lập), voluntary_public, voluntary_private
# (cai nghiện tự nguyện công lập / ngoài công lập), community (tại gia đình, cộng đồng),
# methadone (điều trị thay thế), assessment (xác định tình trạng nghiện), reform_school.
# Kind: one of the codes above.
kind: community
# Cơ quan chủ quản. / The operating body.
# operator: {{vi: "…", en: "…"}}
# Địa chỉ: province là tỉnh/thành hiện nay, một tên trong content/provinces.yaml.
# Address: province is the current province, one of the names in content/provinces.yaml.
address:
  # street: {{vi: "…", en: "…"}}     # số nhà, đường / street address
  # commune: {{vi: "…", en: "…"}}    # xã, phường / commune or ward
  province: "{province}"
# Tọa độ (nếu biết chắc). / Coordinates, if known for sure.
# geo: {{lat: 0.0, lon: 0.0}}
# Số điện thoại đã gọi thử. / Phone numbers you have checked.
# phones:
#   - {{number: "…", label: {{vi: "Tiếp nhận", en: "Admissions"}}, hours: {{vi: "…", en: "…"}}}}
# Giờ làm việc. / Opening hours.
# hours: {{vi: "…", en: "…"}}
# Dịch vụ: residential_treatment, detox, counselling, methadone, after_care, assessment,
# vocational_training, family_support, hiv_care, peer_support.
# services: [counselling]
# Chi phí: free là true nếu miễn phí. / Fees: free is true when free of charge.
# fees: {{free: true, notes: {{vi: "…", en: "…"}}}}
# Ai được tiếp nhận. / Who can be admitted.
# eligibility: {{vi: "…", en: "…"}}
# Cách đăng ký. / How to apply.
# how_to_apply: {{vi: "…", en: "…"}}
# Giấy tờ cần mang. / What to bring.
# what_to_bring: {{vi: "…", en: "…"}}
# Ngôn ngữ phục vụ. / Languages spoken.
# languages: [vi]
# Số chỗ. / Capacity (places).
# capacity: 0
# Căn cứ của bản ghi: cơ quan công bố (văn bản trong content/laws/ hoặc nguồn đã đăng, kèm ngày),
# hoặc kế hoạch có nêu tên cơ sở, hoặc bản ghi mẫu. Chọn một:
# How the record is known: announced by an authority (an act in content/laws/ or a published
# source, with its date), named in a plan, or a sample. One of:
#   basis: {{announced: {{act: <mã văn bản trong content/laws/>, date: YYYY-MM-DD}}}}
#   basis: {{plan: <mã kế hoạch trong content/plans/>}}
#   basis: sample
basis: {{announced: {{source: {{name: {{vi: "Văn bản công bố (thay bằng tên thật)", en: "Announcing act (replace)"}}, url: "https://…"}}, date: {today}}}}}
# Nguồn thông tin. / Where the information comes from.
# source: {{vi: "…", en: "…"}}
# Lần kiểm tra gần nhất: ngày, ai kiểm tra (tổ, cơ quan; không ghi tên người), cách kiểm tra
# (phone_call: gọi điện, visit: đến tận nơi, document: đọc văn bản). Chưa ai kiểm tra thì để trống.
# Last check: date, who checked (a team or office, not a person's name), how (phone_call, visit,
# document). Leave it out if nobody has checked.
# verification: {{date: {today}, by: {{vi: "…", en: "…"}}, method: phone_call}}
# Trường người biên tập suy ra, không đọc thấy trong nguồn. / Fields inferred, not read in the source.
# inferred: [address.commune]
"###
    )
}

fn update(today: Date) -> String {
    format!(
        r###"---
# Tin mới, tạo ngày {today}. Viết xong thì xóa `draft: true` để đăng.
# A new update, created on {today}. When it is ready, remove `draft: true` to publish.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Tiêu đề tin. / The headline.
title: "Tiêu đề tin (thay bằng tiêu đề thật)"
# Ngày đăng (YYYY-MM-DD). / Publication date (YYYY-MM-DD).
date: {today}
# Tóm tắt một câu. / A one-sentence summary.
# summary: "…"
# Văn bản pháp luật được nhắc tới: mã trong content/laws/. / Acts cited: ids in content/laws/.
# cites: [luat-phong-chong-ma-tuy-2021]
# Địa chỉ riêng (nếu không dùng tên tệp). / Own address part (instead of the file name).
# slug: "…"
---

<!-- Nội dung tin, viết rõ ràng cho người dân. Bản tiếng Anh: tệp cùng tên, đuôi .en.md.
     The text, in plain words. The English version: the same file name ending in .en.md. -->

Nội dung tin.
"###
    )
}

fn page() -> String {
    r###"---
# Trang mới. Viết xong thì xóa `draft: true` để đăng.
# A new page. When it is ready, remove `draft: true` to publish.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Tiêu đề trang. / The page title.
title: "Tiêu đề trang (thay bằng tiêu đề thật)"
# Tóm tắt một câu. / A one-sentence summary.
# summary: "…"
# Nguồn của các thông tin trên trang. / Sources of the facts on the page.
# sources:
#   - {name: "…", url: "https://…"}
# Ngày kiểm tra lại nội dung gần nhất (YYYY-MM-DD). / When the facts were last reviewed.
# reviewed: 2026-01-01
# true nếu trang mô tả quy định đang áp dụng. / true when the page describes rules in force now.
# current: true
# Văn bản pháp luật được nhắc tới: mã trong content/laws/. / Acts cited: ids in content/laws/.
# cites: [luat-phong-chong-ma-tuy-2021]
# Địa chỉ riêng (nếu không dùng tên tệp). / Own address part (instead of the file name).
# slug: "…"
---

<!-- Nội dung trang. Bản tiếng Anh: tệp cùng tên, đuôi .en.md.
     The page text. The English version: the same file name ending in .en.md. -->

Nội dung trang.
"###
    .to_string()
}
