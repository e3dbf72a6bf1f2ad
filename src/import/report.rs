//! What the official reads after an import, in their language: each field with the line it came
//! from, what was not found, acts to add, targets to confirm, the next commands; and the errors.

use super::area::{Fact, Inference};
use super::page::{where_en, where_vi};
use super::{ImportError, Imported, Plan};
use crate::diagnostics::Diagnostic;
use crate::messages::{MsgLang, Text};
use std::fmt::Write;
use std::path::Path;

/// The report's words, Vietnamese and English side by side where they are written.
fn t(lang: MsgLang, vi: &str, en: &str) -> String {
    Text::new(vi, en).get_plain(lang).to_string()
}

fn at(plan: &Plan, lang: MsgLang, line: usize) -> String {
    match lang == MsgLang::EN {
        false => where_vi(plan.format, line),
        true => where_en(plan.format, line),
    }
}

fn origin(plan: &Plan, lang: MsgLang, f: &Fact) -> String {
    let found = f
        .found
        .as_ref()
        .map(|s| format!("{}: \"{}\"", at(plan, lang, s.line), s.text))
        .unwrap_or_default();
    match &f.inferred {
        None => found,
        Some(inf) => {
            let how = match inf {
                Inference::FromText => {
                    t(lang, "SUY RA từ nội dung", "INFERRED from the text")
                }
                Inference::Mentioned { times } => match lang == MsgLang::EN {
                    false => format!("SUY RA: văn bản nhắc {times} lần"),
                    true => format!("INFERRED: the text names it {times} times"),
                },
                Inference::FromAct { act } => match lang == MsgLang::EN {
                    false => format!(
                        "SUY RA: văn bản được dẫn chỉ ghi \"tỉnh\"/\"huyện\"; content/laws/{act}.vi.md ghi tên"
                    ),
                    true => format!(
                        "INFERRED: the cited act says only \"tỉnh\"/\"huyện\"; content/laws/{act}.vi.md names it"
                    ),
                },
                Inference::FromOption => t(lang, "theo --province", "from --province"),
            };
            if found.is_empty() {
                how
            } else {
                format!("{how}; {found}")
            }
        }
    }
}

fn field(out: &mut String, name: &str, value: &str, from: &str) {
    let _ = writeln!(out, "  {name:<18} {value}");
    if !from.is_empty() {
        let _ = writeln!(out, "  {:<18} ← {from}", "");
    }
}

/// The report after a successful import.
pub fn render(imported: &Imported, lang: MsgLang, elapsed: std::time::Duration) -> String {
    let plan = &imported.plan;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} → {} ({:.0} ms)",
        t(lang, "Đã nhập", "Imported"),
        plan.source_name,
        imported.path.display(),
        elapsed.as_secs_f64() * 1000.0
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        t(
            lang,
            "Các trường đã đọc (đối chiếu với văn bản gốc):",
            "Fields read (check them against the original):"
        )
    );
    field(
        &mut out,
        "title",
        &plan.title.value,
        &origin(plan, lang, &plan.title),
    );
    let mut missing: Vec<String> = Vec::new();
    match (&plan.number, &plan.number_blank) {
        (Some(n), _) => field(&mut out, "number", &n.value, &origin(plan, lang, n)),
        (None, Some(b)) => missing.push(match lang == MsgLang::EN {
            false => format!(
                "number: văn bản để trống số ({}: \"{}\"); khi có số, thêm dòng `number: \"…/{}\"`",
                at(plan, lang, b.line),
                b.text,
                b.text.rsplit('/').next().unwrap_or("KH-UBND")
            ),
            true => format!(
                "number: the document leaves the number blank ({}: \"{}\"); once it has one, add `number: \"…/{}\"`",
                at(plan, lang, b.line),
                b.text,
                b.text.rsplit('/').next().unwrap_or("KH-UBND")
            ),
        }),
        (None, None) => missing.push(
            t(lang, "number: không có dòng \"Số: …\"", "number: no \"Số: …\" line"),
        ),
    }
    field(
        &mut out,
        "issuer",
        &plan.issuer.fact.value,
        &origin(plan, lang, &plan.issuer.fact),
    );
    match &plan.issued {
        Some((d, f)) => {
            let partial = match d {
                crate::date::PartialDate::Day(_) => String::new(),
                crate::date::PartialDate::Month(..) => t(
                    lang,
                    " (văn bản để trống ngày)",
                    " (the document leaves the day blank)",
                ),
                crate::date::PartialDate::Year(_) => t(
                    lang,
                    " (văn bản để trống ngày và tháng)",
                    " (the document leaves the day and month blank)",
                ),
            };
            field(
                &mut out,
                "issued",
                &format!("{}{partial}", d.iso()),
                &format!("{}: \"{}\"", at(plan, lang, f.line), f.text),
            );
        }
        None => missing.push(t(
            lang,
            "issued: không có dòng \"…, ngày … tháng … năm …\"",
            "issued: no \"…, ngày … tháng … năm …\" line",
        )),
    }
    field(
        &mut out,
        "period",
        &format!("{}–{}", plan.period.0, plan.period.1),
        &origin(plan, lang, &plan.period.2),
    );
    let a = &plan.area;
    if let Some(l) = a.level {
        field(&mut out, "area.level", l.code(), "");
    }
    for (k, f) in [
        ("area.province", &a.province),
        ("area.district", &a.district),
        ("area.commune", &a.commune),
    ] {
        if let Some(f) = f {
            field(&mut out, k, &f.value, &origin(plan, lang, f));
        }
    }
    if let Some((cur, merged)) = &a.current_province {
        let note = if *merged {
            match lang == MsgLang::EN {
                false => format!(
                    "{} đã sáp nhập vào {cur} từ 1/7/2025 (content/provinces.yaml)",
                    a.province.as_ref().map(|p| p.value.as_str()).unwrap_or("")
                ),
                true => format!(
                    "{} was merged into {cur} on 1 July 2025 (content/provinces.yaml)",
                    a.province.as_ref().map(|p| p.value.as_str()).unwrap_or("")
                ),
            }
        } else {
            "content/provinces.yaml".to_string()
        };
        field(&mut out, "area.current_province", cur, &note);
    }
    match &plan.signer {
        Some(s) => {
            field(
                &mut out,
                "signer.name",
                &s.name.value,
                &origin(plan, lang, &s.name),
            );
            match &s.role {
                Some(r) => field(&mut out, "signer.role", &r.value, &origin(plan, lang, r)),
                None => missing.push(t(
                    lang,
                    "signer.role: không thấy chức vụ",
                    "signer.role: no role line",
                )),
            }
            match &s.capacity {
                Some(c) => field(
                    &mut out,
                    "signer.capacity",
                    &c.value,
                    &origin(plan, lang, c),
                ),
                None => missing.push(t(
                    lang,
                    "signer.capacity: không có dòng TM./KT. (người ký ký với chức vụ của mình)",
                    "signer.capacity: no TM./KT. line (the signer signs in their own role)",
                )),
            }
        }
        None => missing.push(t(
            lang,
            "signer: không thấy khối chữ ký",
            "signer: no signature block found",
        )),
    }
    for s in &plan.signature_stray {
        missing.push(match lang == MsgLang::EN {
            false => format!(
                "signer.capacity: {} \"{}\" nằm trên chức vụ nhưng không có TM./KT.; nếu bản gốc ghi \"KT. {}\", thêm `capacity: \"KT. {}\"`",
                at(plan, lang, s.line), s.text, s.text, super::role_case(&s.text)
            ),
            true => format!(
                "signer.capacity: {} \"{}\" stands above the role without TM./KT.; if the original reads \"KT. {}\", add `capacity: \"KT. {}\"`",
                at(plan, lang, s.line), s.text, s.text, super::role_case(&s.text)
            ),
        });
    }
    let basis = plan.legal_basis();
    field(
        &mut out,
        "legal_basis",
        &if basis.is_empty() {
            "[]".to_string()
        } else {
            basis.join(", ")
        },
        "",
    );
    for m in plan.legal.iter().filter(|m| m.act.is_some()) {
        let _ = writeln!(
            out,
            "  {:<18}   {} ← {}: \"{}\"",
            "",
            m.act.as_deref().unwrap_or(""),
            at(plan, lang, m.citation.found.line),
            m.citation.found.text
        );
    }
    let _ = writeln!(
        out,
        "  {:<18} {}",
        "summary",
        t(
            lang,
            "ghép từ tên, cơ quan và ngày ban hành: hãy viết lại bằng lời dễ hiểu",
            "made of the title, issuer and date: rewrite it in plain words"
        )
    );
    let _ = writeln!(
        out,
        "  {:<18} {} {}",
        "body",
        plan.headings().len(),
        t(
            lang,
            "tiêu đề phần; nơi nhận là phần cuối",
            "part headings; the recipients are the last section"
        )
    );

    if !missing.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Không tìm thấy hoặc cần kiểm tra:",
                "Not found, or to check:"
            )
        );
        for m in &missing {
            let _ = writeln!(out, "  - {m}");
        }
    }

    let to_add: Vec<_> = plan.legal.iter().filter(|m| m.act.is_none()).collect();
    if !to_add.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} ({}):",
            t(
                lang,
                "Văn bản được dẫn nhưng chưa có trên trang, cần thêm",
                "Acts cited but not on the site, to add"
            ),
            to_add.len()
        );
        let own = super::cite::OwnPlace {
            province: plan.area.province.as_ref().map(|f| f.value.clone()),
            district: plan
                .area
                .district
                .as_ref()
                .map(|f| f.value.clone())
                .or_else(|| plan.issuer.place.clone()),
            when: None,
        };
        for m in to_add {
            let c = &m.citation;
            let name = super::cite::new_law_name(c, &own);
            let _ = writeln!(
                out,
                "  - {} ({}: \"{}\")",
                c.name.clone().unwrap_or_else(|| format!(
                    "{} số {}",
                    c.kind_word,
                    c.number.as_deref().unwrap_or("")
                )),
                at(plan, lang, c.found.line),
                c.found.text
            );
            let _ = writeln!(out, "      minh new law {name}");
            let mut fill = Vec::new();
            if let Some(n) = &c.number {
                fill.push(format!("number: \"{n}\""));
            }
            if let Some(k) = super::cite::law_kind(&c.kind_word) {
                fill.push(format!("kind: {k}"));
            }
            if let Some(i) = super::cite::full_issuer(c, &own) {
                fill.push(format!("issuer: \"{}\"", super::casing::upper_first(&i)));
            }
            if let Some(d) = c.date {
                fill.push(format!("issued: {}", d.iso()));
            }
            if c.number.is_none() {
                fill.push(t(
                    lang,
                    "số hiệu: văn bản không ghi",
                    "number: not stated in the text",
                ));
            }
            let _ = writeln!(
                out,
                "      {} {}",
                t(lang, "điền:", "fill in:"),
                fill.join(", ")
            );
        }
    }

    let _ = writeln!(out);
    match &plan.targets_part {
        None => {
            let _ = writeln!(
                out,
                "{}",
                t(
                    lang,
                    "Chỉ tiêu: văn bản không có phần \"Chỉ tiêu\" hay \"Mục tiêu\"; targets: []",
                    "Targets: the document has no \"Chỉ tiêu\" or \"Mục tiêu\" part; targets: []"
                )
            );
        }
        Some(part) => {
            let _ = writeln!(
                out,
                "{} ({}, {}: \"{}\"):",
                t(lang, "Chỉ tiêu cần xác nhận", "Targets to confirm"),
                plan.targets.len(),
                at(plan, lang, part.line),
                part.text
            );
            if plan.targets.is_empty() {
                let _ = writeln!(
                    out,
                    "  {}",
                    t(
                        lang,
                        "không có chỉ tiêu nào đo được bằng số",
                        "no target measured by a number"
                    )
                );
            }
            for tg in &plan.targets {
                let dir = match &tg.direction {
                    _ if tg.range.is_some() => "range".to_string(),
                    Some((d, w)) => format!("{} (\"{w}\")", d.code()),
                    None => t(lang, "hướng: văn bản không ghi", "direction: not stated"),
                };
                let scope = match &tg.scope {
                    Some((s, w)) => format!("{} (\"{w}\")", s.code()),
                    None => t(lang, "phạm vi: văn bản không ghi", "scope: not stated"),
                };
                let value = match tg.range {
                    Some((lo, hi)) => format!(
                        "{}–{}",
                        super::targets::yaml_number(lo),
                        super::targets::yaml_number(hi)
                    ),
                    None => super::targets::yaml_number(tg.value),
                };
                let _ = writeln!(
                    out,
                    "  - {}: {value} {} {}, {dir}, {scope}, by {}",
                    at(plan, lang, tg.found.line),
                    tg.unit,
                    t(lang, "", ""),
                    tg.by
                );
                let _ = writeln!(out, "      \"{}\"", tg.found.text);
            }
        }
    }

    let mut unused: Vec<String> = Vec::new();
    for f in plan.ignored.iter().chain(&plan.dropped) {
        unused.push(format!("{}: \"{}\"", at(plan, lang, f.line), f.text));
    }
    if !unused.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Dòng không đưa vào trang (ngoài bố cục văn bản, số trang, đường kẻ):",
                "Lines left out of the page (outside the document's layout, page numbers, rules):"
            )
        );
        for u in unused {
            let _ = writeln!(out, "  - {u}");
        }
    }
    if !plan.typos.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            t(
                lang,
                "Có thể gõ sai (giữ nguyên như văn bản, chỉ để kiểm tra):",
                "Possible typos (kept as the document writes them, for checking only):"
            )
        );
        for ty in &plan.typos {
            let _ = writeln!(out, "  - {}: \"{}\"", at(plan, lang, ty.line), ty.text);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", t(lang, "Tiếp theo:", "Next:"));
    let _ = writeln!(
        out,
        "  minh check      {}",
        t(
            lang,
            "kiểm tra toàn bộ trang, kể cả các liên kết",
            "checks the whole site, links included"
        )
    );
    let _ = writeln!(
        out,
        "  minh serve      {}",
        t(
            lang,
            "xem trang kế hoạch trên máy của bạn",
            "shows the plan's page on your computer"
        )
    );
    let _ = writeln!(
        out,
        "  {} {}.en.md",
        t(lang, "Thêm bản tiếng Anh:", "Add the English version:"),
        imported
            .path
            .display()
            .to_string()
            .trim_end_matches(".vi.md")
    );
    // The closing summary: what was done, in one line.
    let facts: Vec<&Fact> = [
        Some(&plan.title),
        plan.number.as_ref(),
        Some(&plan.issuer.fact),
        Some(&plan.period.2),
        plan.area.province.as_ref(),
        plan.area.district.as_ref(),
        plan.area.commune.as_ref(),
        plan.signer.as_ref().map(|s| &s.name),
        plan.signer.as_ref().and_then(|s| s.role.as_ref()),
        plan.signer.as_ref().and_then(|s| s.capacity.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let read =
        facts.iter().filter(|f| f.inferred.is_none()).count() + usize::from(plan.issued.is_some());
    let inferred = facts.len() + usize::from(plan.issued.is_some()) - read;
    let on_site = plan.legal_basis().len();
    let to_add_n = plan.legal.len() - on_site;
    let ms = elapsed.as_secs_f64() * 1000.0;
    let n_targets = plan.targets.len();
    let n_missing = missing.len();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        Text::new(
            format!("Xong trong {ms:.0} ms: {read} trường đọc từ văn bản, {inferred} trường suy ra, {n_missing} mục cần kiểm tra; {on_site} văn bản căn cứ có trên trang, {to_add_n} cần thêm; {n_targets} chỉ tiêu cần xác nhận."),
            format!("Done in {ms:.0} ms: {read} fields read from the document, {inferred} inferred, {n_missing} to check; {on_site} acts of the legal basis on the site, {to_add_n} to add; {n_targets} targets to confirm."),
        )
        .get(lang)
    );
    out
}

/// The error as a diagnostic at the file (and the line, where there is one), in both languages.
pub fn error(e: &ImportError, file: &Path) -> Diagnostic {
    use crate::catalogue::import as c;
    let said = match e {
        ImportError::Unreadable(err) => c::unreadable(err),
        ImportError::Empty => c::empty(),
        ImportError::NotText => c::not_text(),
        ImportError::NotDocx(why) => {
            let (vi, en) = why.text();
            c::not_docx(&vi, &en)
        }
        ImportError::Unsupported(ext) => c::unsupported(ext),
        ImportError::NotAPlan(None) => c::not_a_plan(),
        ImportError::NotAPlan(Some(k)) => c::other_kind(&k.text),
        ImportError::NoProvince => c::no_province(),
        ImportError::NoIssuer => c::no_issuer(),
        ImportError::BadName(n) => c::bad_name(n, &crate::slug::slugify(n)),
        ImportError::NoSite(root) => c::no_site(&root.display().to_string()),
        ImportError::Exists(p) => c::exists(&p.display().to_string()),
        ImportError::Write(err) => c::cannot_write(err),
    };
    let d = Diagnostic::error(file, said);
    match e {
        ImportError::NotAPlan(Some(k)) => d.at_line(k.line),
        _ => d,
    }
}
