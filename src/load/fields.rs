//! The fields of every kind of content, read from the validator itself (the serde types with
//! `deny_unknown_fields` that `load` uses), with their explanation for officials; the README's
//! field tables are generated from here, so they cannot drift from what minh accepts.

use crate::load::explained::explained;
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
    use crate::load::kinds::{law::*, page::*, plan::*, update::*};
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
    use crate::load::kinds::{law::*, plan::*};
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
