//! Mistakes in addresses and links: slugs, clashing addresses, links to content, cited acts,
//! translations, links in the built pages.

use super::Said;
use crate::messages::Text;

/// A `slug` that cannot be part of an address.
pub fn invalid_slug(slug: &str, suggestion: &str) -> Said {
    Said::new(
        "invalid-slug",
        text!(
            vi: "`{slug}` không dùng được trong địa chỉ trang",
            en: "`{slug}` cannot be used in an address",
        ),
    )
    .fix(text!(
        vi: "dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `slug: {suggestion}`",
        en: "use lowercase ASCII letters, digits and dashes, e.g. `slug: {suggestion}`",
    ))
}

/// What else claims an address: a file, or a page minh generates.
pub fn generated_page(section: &str) -> Text {
    text!(
        vi: "trang `{section}` do minh tạo ra",
        en: "the generated `{section}` page",
    )
}

/// Two pages that would be written to the same address.
pub fn duplicate_url(url: &str, other: &Text) -> Said {
    let (other_vi, other_en) = (&other.vi, &other.en);
    Said::new(
        "duplicate-url",
        text!(
            vi: "địa chỉ {url} của trang này trùng với {other_vi}",
            en: "this page's address {url} is also claimed by {other_en}",
        ),
    )
    .fix(text!(
        vi: "đặt cho một trong hai trang một `slug:` khác, hoặc đổi tên tệp",
        en: "give one of them another `slug:` in its front matter, or rename the file",
    ))
}

/// An `@/…` or `.md` link to content that does not exist.
pub fn missing_content(target: &str) -> Said {
    Said::new(
        "broken-link",
        text!(
            vi: "liên kết `{target}` trỏ đến nội dung không tồn tại",
            en: "the link `{target}` points to content that does not exist",
        ),
    )
    .fix(text!(
        vi: "kiểm tra chính tả; liên kết đến nội dung có dạng `@/plans/<tên tệp không có .vi.md>`, `@/pages/<tên>`, `@/updates/<tên>`, `@/laws/<mã văn bản>`, `@/facilities/<mã cơ sở>`, `@/facilities`, `@/hotlines`",
        en: "check the spelling; links to content look like `@/plans/<file name without .vi.md>`, `@/pages/<name>`, `@/updates/<name>`, `@/laws/<act id>`, `@/facilities/<provider id>`, `@/facilities`, `@/hotlines`",
    ))
}

/// A `javascript:` or `data:` link.
pub fn link_runs_code(target: &str) -> Said {
    Said::new(
        "broken-link",
        text!(
            vi: "liên kết `{target}` sẽ chạy mã lệnh; liên kết chỉ được trỏ đến trang hoặc tệp",
            en: "the link `{target}` would run code; links may only go to pages or files",
        ),
    )
    .fix(text!(
        vi: "liên kết đến một trang (`@/pages/...`), một địa chỉ web (https://...), hoặc địa chỉ `tel:`, `mailto:`",
        en: "link to a page (`@/pages/...`), a web address (https://...), a `tel:` or `mailto:` address",
    ))
}

/// An image from another host: the page would make a request the site promises never to make.
pub fn external_image(target: &str) -> Said {
    Said::new(
        "external-image",
        text!(
            vi: "hình `{target}` nằm trên máy chủ khác; trang không được tải gì từ nơi khác (quyền riêng tư của người đọc)",
            en: "the image `{target}` is on another host; pages never load anything from elsewhere (readers' privacy)",
        ),
    )
    .fix(text!(
        vi: "lưu hình vào thư mục static/ rồi viết `![mô tả](/ten-hinh.png)`",
        en: "save the image in the static/ folder and write `![description](/image-name.png)`",
    ))
}

/// A cited act (`legal_basis`, `cites`, `replaced_by`) that is not in content/laws/.
pub fn unknown_act(id: &str, languages: &[&str]) -> Said {
    let files = languages
        .iter()
        .map(|l| format!("content/laws/{id}.{l}.md"))
        .collect::<Vec<_>>()
        .join(", ");
    Said::new(
        "unknown-act",
        text!(
            vi: "`{id}` không phải là văn bản pháp luật có trên trang",
            en: "`{id}` is not a legal act of this site",
        ),
    )
    .fix(text!(
        vi: "thêm văn bản ({files}), hoặc sửa lại mã cho đúng tên một tệp trong content/laws/",
        en: "add the act ({files}), or correct the id to the name of a file in content/laws/",
    ))
}

/// A page marked current that cites an act no longer in force.
pub fn repealed_act(number: &str, id: &str, until: &str, replaced_by: Option<&str>) -> Said {
    let said = Said::new(
        "repealed-act",
        text!(
            vi: "trang này được đánh dấu là hiện hành nhưng dẫn {number} ({id}), đã hết hiệu lực từ {until}",
            en: "this page is marked current but cites {number} ({id}), no longer in force since {until}",
        ),
    );
    match replaced_by {
        Some(n) => said.fix(text!(
            vi: "dẫn `{n}`, văn bản thay thế nó, hoặc bỏ `current: true`",
            en: "cite `{n}`, which replaced it, or remove `current: true`",
        )),
        None => said.fix(text!(
            vi: "dẫn văn bản đang có hiệu lực, hoặc bỏ `current: true`",
            en: "cite the act in force now, or remove `current: true`",
        )),
    }
}

/// A page whose facts were last reviewed more than a year ago.
pub fn review_overdue(reviewed: &str) -> Said {
    Said::new(
        "review-overdue",
        text!(
            vi: "thông tin trên trang này được rà soát lần cuối ngày {reviewed}, đã hơn một năm",
            en: "the facts on this page were last reviewed on {reviewed}, more than a year ago",
        ),
    )
    .fix(text!(
        vi: "đối chiếu lại trang với các nguồn và cập nhật `reviewed:`",
        en: "check the page against its sources again and update `reviewed:`",
    ))
}

/// The name of a site language, in each language of diagnostics.
pub fn language_name(code: &str) -> Text {
    match code {
        "vi" => text!(vi: "tiếng Việt", en: "Vietnamese"),
        "en" => text!(vi: "tiếng Anh", en: "English"),
        other => Text::same(format!("`{other}`")),
    }
}

/// A page that exists in some languages of the site but not in `lang`.
pub fn missing_translation(lang: &str, path: &str) -> Said {
    let name = language_name(lang);
    let (name_vi, name_en) = (&name.vi, &name.en);
    Said::new(
        "missing-translation",
        text!(
            vi: "trang này chưa có bản {name_vi}; ở đó trang hiện bản gốc, kèm ghi chú là chưa dịch",
            en: "this page has no {name_en} translation; the site shows the original there, with a note that it is not yet translated",
        ),
    )
    .fix(text!(vi: "thêm {path}", en: "add {path}"))
}

/// A link in the output to a page that does not exist.
pub fn missing_page(target: &str) -> Text {
    text!(
        vi: "liên kết `{target}` dẫn đến một trang không tồn tại",
        en: "the link `{target}` leads to a page that does not exist",
    )
}

/// A link in the output to an anchor the target page does not have.
pub fn missing_anchor(target: &str, anchor: &str, page: &str) -> Text {
    text!(
        vi: "liên kết `{target}` trỏ đến `#{anchor}`, không có trong {page}",
        en: "the link `{target}` points to `#{anchor}`, which is not an anchor of {page}",
    )
}

/// A broken link found in the content file that wrote it.
pub fn broken_in_content(problem: Text) -> Said {
    Said::new("broken-link", problem).fix(text!(
        vi: "sửa địa chỉ, hoặc tạo trang mà liên kết cần dẫn đến",
        en: "correct the address, or create the page it should lead to",
    ))
}

/// A broken link that comes from the theme's template, not from the content.
pub fn broken_in_template(problem: Text, output: &str, line: usize) -> Said {
    let (p_vi, p_en) = (&problem.vi, &problem.en);
    Said::new(
        "broken-link",
        text!(
            vi: "{p_vi} (trong tệp kết quả {output}, dòng {line})",
            en: "{p_en} (in the output file {output}, line {line})",
        ),
    )
    .fix(text!(
        vi: "liên kết nằm trong mẫu trang (template) của giao diện; hãy sửa mẫu trang",
        en: "the link comes from the theme's template for this page; correct the template",
    ))
}

/// Who makes an output file: a source file, or minh itself (`None`).
pub fn output_owner(source: Option<&str>) -> Text {
    match source {
        Some(p) => Text::same(format!("`{p}`")),
        None => text!(vi: "một tệp do minh tự tạo", en: "a file minh generates itself"),
    }
}

/// Two sources that would write one output file; `static_owner` is the static file to move, if any.
pub fn output_collision(
    path: &str,
    earlier: &Text,
    source: &Text,
    static_owner: Option<&Text>,
) -> Said {
    let (a_vi, a_en, b_vi, b_en) = (&earlier.vi, &earlier.en, &source.vi, &source.en);
    let said = Said::new(
        "output-collision",
        text!(
            vi: "hai nguồn sẽ ghi cùng một tệp kết quả `{path}`: {a_vi} và {b_vi}",
            en: "two sources would write the same output file `{path}`: {a_en} and {b_en}",
        ),
    );
    match static_owner {
        Some(o) => {
            let (o_vi, o_en) = (&o.vi, &o.en);
            said.fix(text!(
                vi: "xóa hoặc đổi tên {o_vi}: minh đã tạo `{path}`",
                en: "remove or rename {o_en}: minh already makes `{path}`",
            ))
        }
        None => said.fix(text!(
            vi: "đặt cho một trong hai một tên tệp hoặc `slug:` khác",
            en: "give one of them another file name or `slug:`",
        )),
    }
}

/// A page published in some languages whose `lang` version exists but is a draft.
pub fn draft_translation(lang: &str, file: &str) -> Said {
    let name = language_name(lang);
    let (name_vi, name_en) = (&name.vi, &name.en);
    Said::new(
        "draft-translation",
        text!(
            vi: "bản {name_vi} của trang này ({file}) còn là bản nháp (`draft: true`) nên chưa được đăng",
            en: "the {name_en} version of this page ({file}) is a draft (`draft: true`), so it is not published",
        ),
    )
    .fix(text!(
        vi: "khi bản đó đã sẵn sàng, xóa dòng `draft: true` trong {file}",
        en: "when it is ready, delete the line `draft: true` in {file}",
    ))
}

/// A published page that links to a draft.
pub fn link_to_draft(target: &str, file: &str) -> Said {
    Said::new(
        "link-to-draft",
        text!(
            vi: "liên kết `{target}` dẫn đến một bản nháp: {file} có `draft: true` nên chưa được đăng",
            en: "the link `{target}` leads to a draft: {file} says `draft: true`, so it is not published",
        ),
    )
    .fix(text!(
        vi: "xóa dòng `draft: true` trong {file} để đăng nó, hoặc bỏ liên kết này đến khi nó được đăng",
        en: "delete the line `draft: true` in {file} to publish it, or remove this link until it is published",
    ))
}

/// The anchor of the target page closest to a missing one.
pub fn nearest_anchor(written: &str, anchor: &str) -> Text {
    text!(
        vi: "có phải bạn muốn viết `#{anchor}`? Đổi `#{written}` thành `#{anchor}` (tên mục của trang đích, viết thường không dấu)",
        en: "did you mean `#{anchor}`? Change `#{written}` to `#{anchor}` (the target page's heading, in lowercase ASCII)",
    )
}

/// The existing content closest to a broken `@/` link.
pub fn nearest_content(link: &str) -> Text {
    text!(
        vi: "có phải bạn muốn viết `{link}`? Liên kết đến văn bản pháp luật có dạng `@/laws/<mã văn bản>`, đến kế hoạch `@/plans/<tên tệp không có .vi.md>`",
        en: "did you mean `{link}`? Links to legal acts look like `@/laws/<act id>`, to plans `@/plans/<file name without .vi.md>`",
    )
}
