//! Mistakes in how a record is known: its basis, its verification, fields marked as inferred, references.

use super::Said;

/// The fix for a verification that lacks a part.
fn verification_fix() -> crate::messages::Text {
    text!(
        vi: "viết `verification: {{date: YYYY-MM-DD, by: \"<tổ hoặc cơ quan đã kiểm tra>\", method: phone_call}}` (method: phone_call là gọi điện, visit là đến tận nơi, document là đối chiếu văn bản); nếu chưa ai kiểm tra, xóa phần kiểm chứng: trang sẽ ghi \"chưa kiểm chứng\"",
        en: "write `verification: {{date: YYYY-MM-DD, by: \"<team or office that checked>\", method: phone_call}}` (method: phone_call, visit or document); if nobody checked the record, remove the verification: the page then says \"not verified\"",
    )
}

/// A verification without who checked.
pub fn verification_without_verifier(date: &str) -> Said {
    Said::new(
        "incomplete-verification",
        text!(
            vi: "lần kiểm chứng ngày {date} không ghi ai kiểm tra (`by`)",
            en: "the verification of {date} does not say who checked (`by`)",
        ),
    )
    .fix(verification_fix())
}

/// A verification without how it was done.
pub fn verification_without_method(date: &str) -> Said {
    Said::new(
        "incomplete-verification",
        text!(
            vi: "lần kiểm chứng ngày {date} không ghi kiểm tra bằng cách nào (`method`)",
            en: "the verification of {date} does not say how it was checked (`method`)",
        ),
    )
    .fix(verification_fix())
}

/// The old `last_verified:` field: a date with nobody who checked.
pub fn last_verified(date: &str) -> Said {
    Said::new(
        "incomplete-verification",
        text!(
            vi: "`last_verified: {date}` chỉ ghi ngày, không ghi ai kiểm tra và kiểm tra bằng cách nào",
            en: "`last_verified: {date}` gives a date but not who checked the record or how",
        ),
    )
    .fix(verification_fix())
}

/// A real record nobody has checked.
pub fn unverified_listing() -> Said {
    Said::new(
        "unverified-listing",
        text!(
            vi: "chưa ai kiểm tra thông tin này với cơ sở; trang của cơ sở ghi \"chưa kiểm chứng\"",
            en: "nobody has checked this listing with the provider; its page says \"not verified\"",
        ),
    )
    .fix(text!(
        vi: "kiểm tra thông tin với cơ sở rồi thêm `verification: {{date: YYYY-MM-DD, by: \"<tổ hoặc cơ quan>\", method: phone_call}}`",
        en: "check the listing with the provider, then add `verification: {{date: YYYY-MM-DD, by: \"<team or office>\", method: phone_call}}`",
    ))
}

/// An announced basis that names neither an act nor a source.
pub fn announced_without_source() -> Said {
    Said::new(
        "announced-without-source",
        text!(
            vi: "bản ghi nói cơ sở đã được công bố nhưng không ghi công bố ở đâu",
            en: "the record says it was announced but not where",
        ),
    )
    .fix(text!(
        vi: "thêm `act: <mã trang văn bản trong content/laws/>` hoặc `source: {{name: \"…\", url: \"https://…\"}}` dưới `announced:`; nếu không có danh sách nào của cơ quan nhà nước nêu cơ sở này, dùng `basis: {{plan: <mã kế hoạch>}}` hoặc `basis: sample`",
        en: "add `act: <id of the act's page in content/laws/>` or `source: {{name: \"…\", url: \"https://…\"}}` under `announced:`; if no authority's list names the provider, use `basis: {{plan: <plan id>}}` or `basis: sample`",
    ))
}

/// A field marked as inferred that pages cannot mark.
pub fn unknown_inferred_field(field: &str, nearest: Option<&str>, allowed: &str) -> Said {
    let said = Said::new(
        "unknown-inferred-field",
        text!(
            vi: "`{field}` không phải là trường có thể đánh dấu là suy luận",
            en: "`{field}` is not a field that can be marked as inferred",
        ),
    );
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Các trường có thể đánh dấu: {allowed}",
            en: "did you mean `{n}`? The fields that can be marked: {allowed}",
        )),
        None => said.fix(text!(
            vi: "dùng một trong các trường: {allowed}",
            en: "use one of: {allowed}",
        )),
    }
}

/// A plan (`what` = plan) or act (`what` = act) reference that names no page of the site.
pub fn unknown_reference(plan: bool, id: &str, folder: &str, nearest: Option<&str>) -> Said {
    let said = if plan {
        Said::new(
            "unknown-reference",
            text!(
                vi: "không có kế hoạch `{id}` trong {folder}",
                en: "no plan `{id}` in {folder}",
            ),
        )
    } else {
        Said::new(
            "unknown-reference",
            text!(
                vi: "không có văn bản `{id}` trong {folder}",
                en: "no act `{id}` in {folder}",
            ),
        )
    };
    match nearest {
        Some(n) => said.fix(text!(
            vi: "có phải bạn muốn viết `{n}`? Ghi tên tệp của trang trong {folder}, không kèm đuôi ngôn ngữ",
            en: "did you mean `{n}`? Write the file name of its page in {folder} without the language suffix",
        )),
        None => said.fix(text!(
            vi: "thêm trang đó vào {folder}, hoặc ghi tên tệp của một trang có sẵn ở đó (không kèm đuôi ngôn ngữ)",
            en: "add its page to {folder}, or write the file name of one that is there (without the language suffix)",
        )),
    }
}
