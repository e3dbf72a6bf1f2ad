//! Plans (`content/plans/`): a province's or commune's plan with its metadata and measurable targets.

use crate::date::PartialDate;
use crate::load::front::{Ref, Source};
use crate::load::kinds::{FrontMatter, Kind, KindSpec};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// How plan pages are found, addressed, rendered, listed, searched and put in feeds.
pub const SPEC: KindSpec = KindSpec {
    kind: Kind::Plan,
    name: "plan",
    dir: Some("plans"),
    section: Some("plans"),
    template: "plan",
    listed: true,
    menu: Some(20),
    search: Some("plan"),
    feed_category: "kind_plan",
};

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

impl FrontMatter for PlanFront {
    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        Some(&self.summary)
    }

    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    fn draft(&self) -> bool {
        self.draft
    }
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
