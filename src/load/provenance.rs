//! How a provider record is known (its basis) and who checked it, how and when (its verification).

use crate::catalogue::provenance as catalogue;
use crate::date::{Date, PartialDate};
use crate::diagnostics::{Diagnostic, Position};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::Path;

/// The basis of a provider record: what the site can show as its source.
///
/// Written in YAML as `basis: sample`, `basis: {plan: <plan id>}` or
/// `basis: {announced: {act: <law id> | source: {...}, date: ...}}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Announced by an authority (a published list of providers, a licence).
    Announced(Announced),
    /// Named in one of the site's plans, which is not a list of licensed or announced providers.
    Plan(Spanned<String>),
    /// A demonstration record: nothing in it is real.
    Sample,
}

impl Basis {
    /// The stable code of the basis, as open data and templates use it.
    pub fn code(&self) -> &'static str {
        match self {
            Basis::Announced(_) => "announced",
            Basis::Plan(_) => "plan",
            Basis::Sample => "sample",
        }
    }
}

/// Where an authority announced a provider: an act of `content/laws/`, or another published source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announced {
    /// The id of the act's page in `content/laws/` (its file name without language suffix).
    #[serde(default)]
    pub act: Option<Spanned<String>>,
    /// A published source that is not an act of the site (a notice on an official portal).
    #[serde(default)]
    pub source: Option<PublishedSource>,
    /// When it was announced.
    pub date: PartialDate,
    /// The authority that announced it.
    #[serde(default)]
    pub issuer: Option<Text>,
}

/// A published source other than an act of the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedSource {
    pub name: Text,
    #[serde(default)]
    pub url: Option<String>,
}

/// How a record was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A phone call to the provider.
    PhoneCall,
    /// A visit to the provider.
    Visit,
    /// A document of the provider or of an authority, read for this check.
    Document,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::PhoneCall => "phone_call",
            Method::Visit => "visit",
            Method::Document => "document",
        }
    }
}

/// A check of a record against reality, as written in YAML (every part required; see [`verified`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationRecord {
    pub date: Date,
    /// Who checked: a team or an office, not a person's name.
    #[serde(default)]
    pub by: Option<Text>,
    #[serde(default)]
    pub method: Option<Method>,
    /// What was checked or found, for readers.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A complete verification: a date, who checked and how.
#[derive(Debug, Clone)]
pub struct Verification {
    pub date: Date,
    pub by: Text,
    pub method: Method,
    pub note: Option<Text>,
}

/// Checks that a verification names its date, who checked and how.
pub fn verified(
    v: &Spanned<VerificationRecord>,
    file: &Path,
) -> Result<Verification, Box<Diagnostic>> {
    let at = Position::new(v.referenced.line(), v.referenced.column());
    let r = &v.value;
    let date = r.date.to_string();
    match (&r.by, r.method) {
        (Some(by), Some(method)) => Ok(Verification {
            date: r.date,
            by: by.clone(),
            method,
            note: r.note.clone(),
        }),
        (None, _) => Err(Box::new(
            Diagnostic::error(file, catalogue::verification_without_verifier(&date)).at(at),
        )),
        (_, None) => Err(Box::new(
            Diagnostic::error(file, catalogue::verification_without_method(&date)).at(at),
        )),
    }
}

/// The error for the old `last_verified:` field: a date with nobody who checked.
pub fn last_verified_error(date: &Spanned<Date>, file: &Path) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(file, catalogue::last_verified(&date.value.to_string())).at(
            Position::new(date.referenced.line(), date.referenced.column()),
        ),
    )
}

/// Checks that an announcement names the act or the source it was published in.
pub fn check_announced(a: &Announced, file: &Path, at: Position) -> Option<Box<Diagnostic>> {
    (a.act.is_none() && a.source.is_none())
        .then(|| Box::new(Diagnostic::error(file, catalogue::announced_without_source()).at(at)))
}

/// Provider fields an editor may mark as inferred (`inferred: [address.former_district]`).
pub const FACILITY_INFERABLE: &[&str] = &[
    "name",
    "kind",
    "operator",
    "address.street",
    "address.commune",
    "address.province",
    "address.former_province",
    "address.former_district",
    "geo",
    "hours",
    "services",
    "fees",
    "eligibility",
    "how_to_apply",
    "what_to_bring",
    "capacity",
];

/// Plan fields an editor may mark as inferred (`inferred: [area.province]`).
pub const PLAN_INFERABLE: &[&str] = &[
    "number",
    "issuer",
    "issued",
    "period",
    "area.province",
    "area.district",
    "area.commune",
    "area.current_province",
    "signer",
];

/// Legal-act fields an editor may mark as inferred (`inferred: [issuer]`).
pub const LAW_INFERABLE: &[&str] = &["number", "issuer", "issued", "in_force_from"];

/// Checks that a field marked as inferred is one the pages can mark.
pub fn check_inferred(
    field: &Spanned<String>,
    allowed: &[&str],
    file: &Path,
) -> Option<Box<Diagnostic>> {
    if allowed.contains(&field.value.as_str()) {
        return None;
    }
    let nearest = crate::diagnostics::nearest(&field.value, allowed.iter().copied());
    Some(Box::new(
        Diagnostic::error(
            file,
            catalogue::unknown_inferred_field(&field.value, nearest, &allowed.join(", ")),
        )
        .at(Position::new(
            field.referenced.line(),
            field.referenced.column(),
        )),
    ))
}

/// Every field of `allowed` as a template flag (`inferred.address_former_district`), and `any`.
pub fn inferred_map(
    fields: &[Spanned<String>],
    allowed: &[&str],
) -> std::collections::BTreeMap<String, bool> {
    let marked = |a: &str| fields.iter().any(|f| f.value == a);
    let mut m: std::collections::BTreeMap<String, bool> = allowed
        .iter()
        .map(|a| (a.replace('.', "_"), marked(a)))
        .collect();
    m.insert("any".into(), !fields.is_empty());
    m
}
