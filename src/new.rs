//! `minh new`: writes a ready-to-fill draft plan, provider, update, page or legal act in every
//! language of the site, every field explained, with examples that exist on the site.

use crate::catalogue::{cli, Said};
use crate::date::Date;
use crate::lang::{Lang, Languages};
use std::path::{Path, PathBuf};

/// What `minh new` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Plan,
    Facility,
    Update,
    Page,
    Law,
}

impl NewKind {
    /// The folder under content/.
    fn dir(self) -> &'static str {
        match self {
            NewKind::Plan => "plans",
            NewKind::Facility => "facilities",
            NewKind::Update => "updates",
            NewKind::Page => "pages",
            NewKind::Law => "laws",
        }
    }

    /// The files to write, relative to the site root: one per language of the site for markdown,
    /// one record (holding every language) for a provider.
    pub fn paths(self, name: &str, languages: Languages) -> Vec<(PathBuf, Lang)> {
        let dir = self.dir();
        match self {
            NewKind::Facility => vec![(
                PathBuf::from(format!("content/{dir}/{name}.yaml")),
                languages.default_lang(),
            )],
            _ => languages
                .iter()
                .map(|l| (PathBuf::from(format!("content/{dir}/{name}.{l}.md")), l))
                .collect(),
        }
    }
}

/// What the templates take from the site, so that their examples exist.
struct Examples {
    today: Date,
    /// A current province of content/provinces.yaml.
    province: String,
    /// The id of a legal act of content/laws/, if the site has one.
    law: Option<String>,
    /// The id of a plan of content/plans/, if the site has one.
    plan: Option<String>,
}

/// Writes the files for `kind` named `name` under `root`, one per language of the site; returns
/// their paths relative to the root. Refuses names that are not slugs, and writes nothing when
/// any of the files already exists.
pub fn create(root: &Path, kind: NewKind, name: &str, today: Date) -> Result<Vec<PathBuf>, Said> {
    if !crate::slug::is_slug(name) {
        return Err(cli::new_bad_name(name, &crate::slug::slugify(name)));
    }
    if !root.join("content").is_dir() {
        return Err(cli::new_no_site(&root.display().to_string()));
    }
    let files = kind.paths(name, site_languages(root));
    if let Some((existing, _)) = files.iter().find(|(rel, _)| root.join(rel).exists()) {
        return Err(cli::new_exists(&existing.display().to_string()));
    }
    let ex = Examples {
        today,
        province: first_province(root),
        law: first_id(root, "laws"),
        plan: first_id(root, "plans"),
    };
    let mut written = Vec::new();
    for (rel, lang) in files {
        let text = match kind {
            NewKind::Plan => plan(&ex, lang),
            NewKind::Facility => facility(name, &ex),
            NewKind::Update => update(&ex, lang),
            NewKind::Page => page(&ex, lang),
            NewKind::Law => law(&ex, lang),
        };
        write_new(root, &rel, &text)?;
        written.push(rel);
    }
    Ok(written)
}

fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), Said> {
    let path = root.join(rel);
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
        .map_err(|e| cli::new_cannot_write(&rel.display().to_string(), &e))
}

/// The languages of site.yaml.
fn site_languages(root: &Path) -> Languages {
    crate::load::config::Config::read_languages(root)
}

/// The first id (file name without language) of content/<dir>/, sorted.
fn first_id(root: &Path, dir: &str) -> Option<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content").join(dir))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| {
            let stem = n.strip_suffix(".md")?;
            let (stem, _) = stem.rsplit_once('.').unwrap_or((stem, ""));
            Some(stem.to_string())
        })
        .collect();
    ids.sort();
    ids.into_iter().next()
}

/// The first province of content/provinces.yaml, a valid value to start from.
fn first_province(root: &Path) -> String {
    let file = PathBuf::from("content/provinces.yaml");
    std::fs::read_to_string(root.join(&file))
        .ok()
        .and_then(|src| {
            crate::yaml::parse::<Vec<crate::load::records::Province>>(&src, &file, 0).ok()
        })
        .and_then(|list| list.into_iter().next())
        .map(|p| p.name)
        .unwrap_or_else(|| "Hà Nội".into())
}

/// The draft's placeholder text in `lang`, from the two texts minh ships (see [`Lang::pick`]).
fn say<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    lang.pick(vi, en)
}

/// An example list of acts: a real id of content/laws/, or a note that there is none yet.
fn law_example(ex: &Examples) -> String {
    match &ex.law {
        Some(id) => format!("[{id}]"),
        None => {
            "[]   # chưa có văn bản nào trong content/laws/ / no act in content/laws/ yet".into()
        }
    }
}

fn plan(ex: &Examples, lang: Lang) -> String {
    let (today, province) = (ex.today, &ex.province);
    format!(
        r###"---
# Kế hoạch mới, tạo ngày {today}. Điền các trường dưới đây rồi xóa `draft: true` để đăng.
# A new plan, created on {today}. Fill in the fields below, then remove `draft: true` to publish.
# Chỉ ghi điều có trong văn bản gốc; điều chưa biết thì để trống hoặc xóa dòng.
# Write only what the original document says; leave out what you do not know.

# Bản nháp: chỉ `minh serve` hiển thị, `minh build` bỏ qua. / Draft: shown by `minh serve` only.
draft: true
# Tên kế hoạch như trên văn bản. / The plan's title as on the document.
title: "{title}"
# Số hiệu văn bản, ví dụ "1737/KH-UBND". / The document number, e.g. "1737/KH-UBND".
# number: "…/KH-UBND"
# Cơ quan ban hành. / The issuing body.
issuer: "{issuer}"
# Ngày ban hành (YYYY-MM-DD; ngày 15/3/2021 viết 2021-03-15). Văn bản để trống ngày: chỉ
# ghi tháng (2021-03) hoặc năm (2021); để trống số hiệu: xóa dòng `number`.
# Date of issue (YYYY-MM-DD). A document with a blank day: write the month (2021-03) or the
# year (2021); a blank number: delete the `number` line.
# issued: {today}
# Giai đoạn thực hiện, theo năm. / The years the plan covers.
period: {{from: {year}, to: {year}}}
# Địa bàn: level là province, district hoặc commune; province là tỉnh ghi trên văn bản (tỉnh cũ
# nếu văn bản ban hành trước 1/7/2025, ví dụ "Tiền Giang"); current_province là tỉnh/thành hiện
# nay, một tên trong content/provinces.yaml (ví dụ "Đồng Tháp").
# Area: level is province, district or commune; province as the document names it (the former
# province for documents from before 1 July 2025, e.g. "Tiền Giang"); current_province is today's
# province, one of the names in content/provinces.yaml (e.g. "Đồng Tháp").
area: {{level: province, province: "{province}", current_province: "{province}"}}
# district: "…"   # huyện (nếu có) / district, if any
# commune: "…"    # xã, phường (nếu có) / commune, if any
# Người ký và chức vụ. / Who signed, and their role.
# signer: {{name: "…", role: "…"}}   # ví dụ / e.g. {{name: "Đoàn Tấn Bửu", role: "Phó Chủ tịch"}}
# Tóm tắt một hai câu, dễ hiểu với người dân. / A one- or two-sentence summary in plain words.
summary: "{summary}"
# Nơi công bố văn bản gốc. / Where the original was published.
# source: {{name: "Cổng thông tin điện tử …", url: "https://…"}}
# Căn cứ pháp lý: mã các văn bản trong content/laws/. / Legal basis: ids of acts in content/laws/.
# legal_basis: {laws}
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

{body}
"###,
        year = today.0.format("%Y"),
        title = say(
            lang,
            "Kế hoạch ... (thay bằng tên kế hoạch)",
            "Plan ... (replace with the plan's title)"
        ),
        issuer = say(
            lang,
            "Ủy ban nhân dân … (thay bằng cơ quan ban hành)",
            "People's Committee of … (replace with the issuing body)"
        ),
        summary = say(
            lang,
            "Tóm tắt kế hoạch (thay bằng nội dung thật).",
            "A summary of the plan (replace with the real one)."
        ),
        laws = law_example(ex),
        body = say(
            lang,
            "## I. Mục đích, yêu cầu\n\n(Chép nội dung từ văn bản gốc.)",
            "## I. Purpose and requirements\n\n(Translate the original document's text.)"
        ),
    )
}

fn facility(id: &str, ex: &Examples) -> String {
    let (today, province) = (ex.today, &ex.province);
    let act = ex
        .law
        .as_deref()
        .unwrap_or("<mã văn bản trong content/laws/>");
    let plan = ex
        .plan
        .as_deref()
        .unwrap_or("<mã kế hoạch trong content/plans/>");
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
#   basis: {{announced: {{act: {act}, date: YYYY-MM-DD}}}}
#   basis: {{plan: {plan}}}
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

fn update(ex: &Examples, lang: Lang) -> String {
    let today = ex.today;
    format!(
        r###"---
# Tin mới, tạo ngày {today}. Viết xong thì xóa `draft: true` để đăng.
# A new update, created on {today}. When it is ready, remove `draft: true` to publish.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Tiêu đề tin. / The headline.
title: "{title}"
# Ngày đăng (YYYY-MM-DD). / Publication date (YYYY-MM-DD).
date: {today}
# Tóm tắt một câu. / A one-sentence summary.
# summary: "…"
# Văn bản pháp luật được nhắc tới: mã trong content/laws/. / Acts cited: ids in content/laws/.
# cites: {laws}
# Địa chỉ riêng (nếu không dùng tên tệp). / Own address part (instead of the file name).
# slug: "…"
---

<!-- Nội dung tin, viết rõ ràng cho người dân; mỗi ngôn ngữ một tệp cùng tên.
     The text, in plain words; one file of the same name per language. -->

{body}
"###,
        title = say(
            lang,
            "Tiêu đề tin (thay bằng tiêu đề thật)",
            "Headline (replace with the real one)"
        ),
        laws = law_example(ex),
        body = say(lang, "Nội dung tin.", "The text of the update."),
    )
}

fn page(ex: &Examples, lang: Lang) -> String {
    format!(
        r###"---
# Trang mới. Viết xong thì xóa `draft: true` để đăng.
# A new page. When it is ready, remove `draft: true` to publish.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Tiêu đề trang. / The page title.
title: "{title}"
# Tóm tắt một câu. / A one-sentence summary.
# summary: "…"
# Nguồn của các thông tin trên trang. / Sources of the facts on the page.
# sources:
#   - {{name: "…", url: "https://…"}}
# Ngày kiểm tra lại nội dung gần nhất (YYYY-MM-DD). / When the facts were last reviewed.
# reviewed: 2026-01-01
# true nếu trang mô tả quy định đang áp dụng. / true when the page describes rules in force now.
# current: true
# Văn bản pháp luật được nhắc tới: mã trong content/laws/. / Acts cited: ids in content/laws/.
# cites: {laws}
# Địa chỉ riêng (nếu không dùng tên tệp). / Own address part (instead of the file name).
# slug: "…"
---

<!-- Nội dung trang; mỗi ngôn ngữ một tệp cùng tên.
     The page text; one file of the same name per language. -->

{body}
"###,
        title = say(
            lang,
            "Tiêu đề trang (thay bằng tiêu đề thật)",
            "Page title (replace with the real one)"
        ),
        laws = law_example(ex),
        body = say(lang, "Nội dung trang.", "The text of the page."),
    )
}

fn law(ex: &Examples, lang: Lang) -> String {
    let today = ex.today;
    let replaced = ex.law.as_deref().unwrap_or("<mã văn bản>");
    format!(
        r###"---
# Văn bản pháp luật mới, tạo ngày {today}. Điền các trường rồi xóa `draft: true` để đăng.
# A new legal act, created on {today}. Fill in the fields, then remove `draft: true` to publish.
# Tên tệp là mã của văn bản, dùng trong `legal_basis` và `cites` của trang khác, và trong liên
# kết `@/laws/<mã>`. / The file name is the act's id, used in other pages' `legal_basis` and
# `cites`, and in links `@/laws/<id>`.

# Bản nháp: `minh build` bỏ qua. / Draft: left out of `minh build`.
draft: true
# Tên văn bản như trên văn bản. / The act's title as on the document.
title: "{title}"
# Số hiệu, ví dụ "116/2021/NĐ-CP". / The number, e.g. "116/2021/NĐ-CP".
number: "{number}"
# Loại: law (luật), decree (nghị định), decision (quyết định), directive (chỉ thị),
# circular (thông tư), resolution (nghị quyết), plan (kế hoạch).
# Kind: law, decree, decision, directive, circular, resolution or plan.
kind: decree
# Cơ quan ban hành. / The issuing body.
issuer: "{issuer}"
# Ngày ban hành (YYYY-MM-DD; để trống ngày thì ghi YYYY-MM). / Date of issue (YYYY-MM-DD, or YYYY-MM).
# issued: {today}
# Ngày có hiệu lực, ngày hết hiệu lực (YYYY-MM-DD). / In force from, in force until.
# in_force_from: {today}
# in_force_until: {today}
# Văn bản thay thế văn bản này: mã trong content/laws/. / The act that replaced this one.
# replaced_by: {replaced}
# Nơi công bố văn bản gốc. / Where the original was published.
# source: {{name: "Cơ sở dữ liệu quốc gia về văn bản pháp luật", url: "https://vbpl.vn/…"}}
# Tóm tắt một hai câu: văn bản quy định gì. / One or two sentences: what the act provides.
summary: "{summary}"
# true khi đã đối chiếu với văn bản gốc. / true once checked against the original.
verified: false
---

<!-- Tóm tắt các điều khoản liên quan; mỗi ngôn ngữ một tệp cùng tên.
     The relevant provisions in plain words; one file of the same name per language. -->

{body}
"###,
        title = say(
            lang,
            "Nghị định ... (thay bằng tên văn bản)",
            "Decree ... (replace with the act's title)"
        ),
        number = say(lang, "…/…/NĐ-CP", "…/…/NĐ-CP"),
        issuer = say(
            lang,
            "Chính phủ (thay bằng cơ quan ban hành)",
            "The Government (replace with the issuing body)"
        ),
        summary = say(
            lang,
            "Tóm tắt văn bản (thay bằng nội dung thật).",
            "A summary of the act (replace with the real one)."
        ),
        body = say(
            lang,
            "Nội dung chính của văn bản.",
            "The main provisions of the act."
        ),
    )
}
