//! Front matter of markdown files: one typed struct per section, parsed with locations.

use crate::date::{Date, PartialDate};
use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::Path;

/// A reference to another content file, with where it is written.
pub type Ref = Spanned<String>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaLevel {
    Province,
    District,
    Commune,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub level: AreaLevel,
    /// The province as the document names it (a pre-2025 province for older plans).
    pub province: Spanned<String>,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub commune: Option<String>,
    pub current_province: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// On whose behalf the signer signs, as the signature block writes it ("TM. Ủy ban nhân dân, KT. Chủ tịch").
    #[serde(default)]
    pub capacity: Option<String>,
}

/// Which side of its value a target is met on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Met when the figure is the value or more ("trên 80%", "250 người").
    AtLeast,
    /// Met when the figure is the value or less ("dưới 1%").
    AtMost,
    /// Met when the figure lies within `range` ("giảm từ 1 - 2%").
    Range,
}

/// What the target counts over: the whole period, each year, or the state at its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Added up over the plan's whole period ("250 người trong giai đoạn 2022 - 2025").
    Period,
    /// In each year ("hàng năm").
    PerYear,
    /// The state reached at the target's year ("100% xã" by 2025).
    AtDate,
}

/// The bounds of a target stated as a range.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: Spanned<String>,
    pub label: String,
    /// The value of an `at_least` or `at_most` target.
    #[serde(default)]
    pub value: Option<f64>,
    /// The bounds of a `range` target.
    #[serde(default)]
    pub range: Option<Range>,
    pub unit: String,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub scope: Option<Scope>,
    pub by: i32,
    #[serde(default)]
    pub measure: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFront {
    pub title: String,
    #[serde(default)]
    pub number: Option<String>,
    pub issuer: String,
    /// When the document was issued; absent when the source does not say.
    #[serde(default)]
    pub issued: Option<PartialDate>,
    pub period: Period,
    pub area: Area,
    #[serde(default)]
    pub signer: Option<Signer>,
    pub summary: String,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub legal_basis: Vec<Ref>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Fields an editor inferred rather than read in the document (`area.province`, ...).
    #[serde(default)]
    pub inferred: Vec<Spanned<String>>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFront {
    pub title: String,
    pub date: Date,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub cites: Vec<Ref>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The date the page's facts were last reviewed (legally, for legal pages).
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// A page that tells residents what applies now.
    #[serde(default)]
    pub current: bool,
    /// A page that describes the provider directory: it shows the directory's figures, counted
    /// from the records, so it cannot promise what the records do not hold.
    #[serde(default)]
    pub directory: bool,
    /// A page that lists when each page of legal information was last reviewed and how many acts
    /// were checked against their original text (generated).
    #[serde(default)]
    pub reviews: bool,
    #[serde(default)]
    pub cites: Vec<Ref>,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
    /// The open-data page: lists every download with its fields, and carries the catalogue as JSON-LD.
    #[serde(default)]
    pub open_data: bool,
}

/// The kind of a legal act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LawKind {
    Law,
    Decree,
    Decision,
    Directive,
    Circular,
    Resolution,
    Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawFront {
    pub title: String,
    pub number: String,
    pub kind: LawKind,
    pub issuer: String,
    #[serde(default)]
    pub issued: Option<PartialDate>,
    #[serde(default)]
    pub in_force_from: Option<Date>,
    #[serde(default)]
    pub in_force_until: Option<Date>,
    #[serde(default)]
    pub replaced_by: Option<Ref>,
    #[serde(default)]
    pub source: Option<Source>,
    pub summary: String,
    #[serde(default)]
    pub verified: bool,
    /// Fields an editor inferred rather than read in a document (`issuer`, ...).
    #[serde(default)]
    pub inferred: Vec<Spanned<String>>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// A public note for the change this commit makes (shown in the page's history).
    #[serde(default)]
    pub change_note: Option<String>,
}

/// Front matter typed by the section the file is in.
#[derive(Debug, Clone)]
pub enum Front {
    Home(HomeFront),
    Plan(Box<PlanFront>),
    Update(UpdateFront),
    Page(PageFront),
    Law(Box<LawFront>),
}

impl Front {
    pub fn title(&self) -> &str {
        match self {
            Front::Home(f) => &f.title,
            Front::Plan(f) => &f.title,
            Front::Update(f) => &f.title,
            Front::Page(f) => &f.title,
            Front::Law(f) => &f.title,
        }
    }

    pub fn slug(&self) -> Option<&str> {
        match self {
            Front::Home(_) => None,
            Front::Plan(f) => f.slug.as_deref(),
            Front::Update(f) => f.slug.as_deref(),
            Front::Page(f) => f.slug.as_deref(),
            Front::Law(f) => f.slug.as_deref(),
        }
    }

    pub fn draft(&self) -> bool {
        match self {
            Front::Home(_) => false,
            Front::Plan(f) => f.draft,
            Front::Update(f) => f.draft,
            Front::Page(f) => f.draft,
            Front::Law(f) => f.draft,
        }
    }

    pub fn summary(&self) -> Option<&str> {
        match self {
            Front::Home(f) => f.summary.as_deref(),
            Front::Plan(f) => Some(&f.summary),
            Front::Update(f) => f.summary.as_deref(),
            Front::Page(f) => f.summary.as_deref(),
            Front::Law(f) => Some(&f.summary),
        }
    }
}

/// A markdown file split into its front matter text and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line where the YAML starts.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: u32,
}

/// Splits `---` delimited front matter from the body.
pub fn split<'a>(src: &'a str, file: &Path) -> Result<Split<'a>, Box<Diagnostic>> {
    let missing = || {
        Box::new(Diagnostic::error(file, crate::catalogue::source::no_front_matter()).at_line(1))
    };
    let rest = src
        .strip_prefix("---\n")
        .or_else(|| src.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: i as u32 + 3,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(file, crate::catalogue::source::front_matter_not_closed()).at_line(1),
    ))
}
