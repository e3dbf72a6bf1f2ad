//! The plan's page: front matter (each field with the line it came from, in a comment) and body.

use super::area::{Fact, Inference};
use super::source::Format;
use super::targets::yaml_number;
use super::Plan;
use crate::date::PartialDate;

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// "dòng 5" in a text copy, "đoạn 5" in Word.
pub fn where_vi(format: Format, line: usize) -> String {
    match format {
        Format::Docx => format!("đoạn {line}"),
        _ => format!("dòng {line}"),
    }
}

pub fn where_en(format: Format, line: usize) -> String {
    match format {
        Format::Docx => format!("paragraph {line}"),
        _ => format!("line {line}"),
    }
}

/// A one-line comment saying where a fact comes from, in both languages.
fn source_comment(plan: &Plan, f: &Fact) -> String {
    let one_line = |s: &str| s.replace('\n', " ");
    match (&f.inferred, &f.found) {
        (None, Some(found)) => format!(
            "# {} / {}: {}\n",
            where_vi(plan.format, found.line),
            where_en(plan.format, found.line),
            one_line(&found.text)
        ),
        (Some(inf), found) => {
            let at = found
                .as_ref()
                .map(|f| {
                    format!(
                        " ({} / {}: {})",
                        where_vi(plan.format, f.line),
                        where_en(plan.format, f.line),
                        one_line(&f.text)
                    )
                })
                .unwrap_or_default();
            let how = match inf {
                Inference::FromText => "suy ra từ nội dung / inferred from the text".to_string(),
                Inference::Mentioned { times } => {
                    format!("suy ra: văn bản nhắc {times} lần / inferred: named {times} times in the text")
                }
                Inference::FromAct { act } => format!(
                    "suy ra từ văn bản được dẫn / inferred from the cited act content/laws/{act}.vi.md"
                ),
                Inference::FromOption => "theo --province / from --province".to_string(),
            };
            format!("# {how}{at}\n")
        }
        (None, None) => String::new(),
    }
}

/// A summary made only of what the document states: its title, issuer and date.
pub fn summary(title: &str, issuer: &str, issued: Option<PartialDate>) -> String {
    let date = match issued {
        Some(PartialDate::Day(_)) => format!(
            " ngày {}",
            issued.map(|d| d.human(vietnamese())).unwrap_or_default()
        ),
        Some(PartialDate::Month(..)) => format!(
            " {}",
            issued.map(|d| d.human(vietnamese())).unwrap_or_default()
        ),
        Some(PartialDate::Year(y)) => format!(" năm {y}"),
        None => String::new(),
    };
    format!("{title}, do {issuer} ban hành{date}.")
}

/// The whole file: front matter and body.
pub fn render(plan: &Plan) -> String {
    let mut y = String::from("---\n");
    y.push_str(&format!(
        "# Nhập từ {} bằng `minh import plan`: đối chiếu từng trường với văn bản gốc theo báo cáo.\n",
        plan.source_name
    ));
    y.push_str(&format!(
        "# Imported from {} by `minh import plan`: check each field against the original, as the report lists.\n",
        plan.source_name
    ));
    y.push_str(&source_comment(plan, &plan.title));
    y.push_str(&format!("title: {}\n", q(&plan.title.value)));
    match &plan.number {
        Some(n) => {
            y.push_str(&source_comment(plan, n));
            y.push_str(&format!("number: {}\n", q(&n.value)));
        }
        None => {
            if let Some(b) = &plan.number_blank {
                y.push_str(&format!(
                    "# Văn bản để trống số ({}: {}) / the document leaves the number blank\n",
                    where_vi(plan.format, b.line),
                    b.text
                ));
            }
        }
    }
    y.push_str(&source_comment(plan, &plan.issuer.fact));
    y.push_str(&format!("issuer: {}\n", q(&plan.issuer.fact.value)));
    if let Some((d, found)) = &plan.issued {
        y.push_str(&format!(
            "# {} / {}: {}\n",
            where_vi(plan.format, found.line),
            where_en(plan.format, found.line),
            found.text
        ));
        y.push_str(&format!("issued: {}\n", d.iso()));
    }
    y.push_str(&source_comment(plan, &plan.period.2));
    y.push_str(&format!(
        "period: {{from: {}, to: {}}}\n",
        plan.period.0, plan.period.1
    ));
    let a = &plan.area;
    y.push_str("area:\n");
    if let Some(level) = a.level {
        y.push_str(&format!("  level: {}\n", level.code()));
    }
    for (key, f) in [
        ("province", &a.province),
        ("district", &a.district),
        ("commune", &a.commune),
    ] {
        if let Some(f) = f {
            let c = source_comment(plan, f);
            if !c.is_empty() {
                y.push_str("  ");
                y.push_str(&c);
            }
            y.push_str(&format!("  {key}: {}\n", q(&f.value)));
        }
    }
    if let Some((cur, merged)) = &a.current_province {
        if *merged {
            y.push_str(&format!(
                "  # {} đã sáp nhập vào {cur} từ 1/7/2025 (content/provinces.yaml) / merged into {cur} on 1 July 2025\n",
                a.province.as_ref().map(|p| p.value.as_str()).unwrap_or("")
            ));
        }
        y.push_str(&format!("  current_province: {}\n", q(cur)));
    }
    if let Some(s) = &plan.signer {
        y.push_str(&source_comment(plan, &s.name));
        y.push_str(&format!("signer: {{name: {}", q(&s.name.value)));
        if let Some(r) = &s.role {
            y.push_str(&format!(", role: {}", q(&r.value)));
        }
        if let Some(c) = &s.capacity {
            y.push_str(&format!(", capacity: {}", q(&c.value)));
        }
        y.push_str("}\n");
    }
    y.push_str("# Tóm tắt ghép từ tên, cơ quan và ngày ban hành: viết lại bằng lời dễ hiểu / A summary made of the title, issuer and date: rewrite it in plain words\n");
    y.push_str(&format!("summary: {}\n", q(&plan.summary)));
    let basis = plan.legal_basis();
    if basis.is_empty() {
        y.push_str("legal_basis: []\n");
    } else {
        y.push_str("legal_basis:\n");
        for m in plan.legal.iter().filter(|m| m.act.is_some()) {
            y.push_str(&format!(
                "  - {}  # {}: {}\n",
                m.act.as_deref().unwrap_or(""),
                where_vi(plan.format, m.citation.found.line),
                m.citation.found.text.replace('\n', " ")
            ));
        }
    }
    if plan.targets.is_empty() {
        y.push_str("targets: []\n");
    } else {
        y.push_str("targets:\n");
        for t in &plan.targets {
            y.push_str(&format!(
                "  # {} / {}: xác nhận với văn bản gốc / confirm against the original\n",
                where_vi(plan.format, t.found.line),
                where_en(plan.format, t.found.line)
            ));
            y.push_str(&format!("  - id: {}\n", t.id));
            y.push_str(&format!("    label: {}\n", q(&t.label)));
            match t.range {
                Some((lo, hi)) => y.push_str(&format!(
                    "    range: {{from: {}, to: {}}}\n",
                    yaml_number(lo),
                    yaml_number(hi)
                )),
                None => y.push_str(&format!("    value: {}\n", yaml_number(t.value))),
            }
            y.push_str(&format!("    unit: {}\n", q(&t.unit)));
            match (&t.direction, t.range) {
                (_, Some(_)) => y.push_str("    direction: range\n"),
                (Some((d, w)), None) => {
                    y.push_str(&format!("    direction: {}  # \"{w}\"\n", d.code()))
                }
                (None, None) => y.push_str(
                    "    # direction: at_least hoặc at_most? Văn bản không ghi: xác nhận / not stated: confirm\n",
                ),
            }
            match &t.scope {
                Some((s, w)) => y.push_str(&format!("    scope: {}  # \"{w}\"\n", s.code())),
                None => y.push_str(
                    "    # scope: period, per_year hoặc at_date? Văn bản không ghi: xác nhận / not stated: confirm\n",
                ),
            }
            y.push_str(&format!("    by: {}\n", t.by));
        }
    }
    y.push_str("---\n\n");
    y.push_str(&plan.body);
    y
}

/// The language of the imported documents: Vietnamese, the language provinces publish plans in.
fn vietnamese() -> crate::lang::Lang {
    crate::lang::Lang::bare("vi").expect("`vi` is a language code")
}
