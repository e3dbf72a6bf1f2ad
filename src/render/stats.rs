//! Statistics as the site shows them: overview, dataset and commitments pages, plan-target progress, downloads and search documents.

use super::chart::{self, Bar, Chart, Panel};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::load::config::SectionKey;
use crate::load::kinds::plan::{PlanFront, Target};
use crate::load::kinds::Front;
use crate::load::Kind;
use crate::render::frame::{base_view, page, Output};
use crate::render::number::format_number;
use crate::render::view::{all_langs, Link};
use crate::resolve::Site;
use crate::stats::dataset::{DimKind, Dimension, MeasureKind};
use crate::stats::protect::Figure;
use crate::stats::Dataset;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

fn datasets(site: &Site) -> &[Dataset] {
    &site.datasets
}

fn t(site: &Site, lang: Lang, key: &str) -> String {
    site.theme.t(lang, key)
}

/// The URL of a dataset page.
pub fn dataset_url(site: &Site, lang: Lang, d: &Dataset) -> String {
    site.routes.item(SectionKey::Stats, lang, &d.slug)
}

/// The URL of the commitments page.
pub fn commitments_url(site: &Site, lang: Lang) -> String {
    site.routes
        .item(SectionKey::Stats, lang, &t(site, lang, "commitments_slug"))
}

/// Every statistics page per language group, for the sitemap.
pub fn page_groups(site: &Site) -> Vec<Vec<(Lang, String)>> {
    let mut out: Vec<Vec<(Lang, String)>> = datasets(site)
        .iter()
        .map(|d| all_langs(site, |l| dataset_url(site, l, d)))
        .collect();
    out.push(all_langs(site, |l| commitments_url(site, l)));
    out
}

/// A code as readers see it: its label, the word for "total", or the province's English name.
pub fn code_label(site: &Site, dim: &Dimension, code: &str, lang: Lang) -> String {
    if let Some(l) = dim.labels.get(code) {
        return l.str(lang);
    }
    if dim.total.as_deref() == Some(code) {
        return t(site, lang, "stats_total");
    }
    if dim.kind == DimKind::Area {
        if let Some(p) = site.records.provinces().iter().find(|p| p.name == code) {
            return p.name_in(lang).to_string();
        }
    }
    code.to_string()
}

/// A figure as text: a number; one marker for every hidden figure (primary or secondary, so it
/// claims no range); "…" when missing.
fn figure_text(site: &Site, f: Figure, lang: Lang) -> String {
    match f {
        Figure::Count(v) => format_number(v as f64, lang),
        Figure::Rate { value, .. } => rate_text(value, lang),
        Figure::Suppressed => t(site, lang, "stats_hidden"),
        Figure::Missing => "…".into(),
    }
}

fn rate_text(v: f64, lang: Lang) -> String {
    let decimal = crate::render::number::number_marks(lang).0;
    format!("{v:.1}").replace('.', &decimal.to_string())
}

fn figure_value(f: Figure) -> Option<f64> {
    match f {
        Figure::Count(v) => Some(v as f64),
        Figure::Rate { value, .. } => Some(value),
        _ => None,
    }
}

#[derive(Serialize)]
struct CellView {
    text: String,
    suppressed: bool,
    unreliable: bool,
}

#[derive(Serialize)]
struct RowView {
    heads: Vec<String>,
    cells: Vec<CellView>,
}

#[derive(Serialize)]
struct TableView {
    id: String,
    caption: String,
    dim_heads: Vec<String>,
    col_heads: Vec<String>,
    rows: Vec<RowView>,
    chart: String,
}

/// The layout of a dataset: which dimension runs across (periods) and the row combinations.
struct Layout {
    period: Option<usize>,
    others: Vec<usize>,
    columns: Vec<String>,
    combos: Vec<Vec<String>>,
    index: HashMap<Vec<String>, usize>,
}

fn order_of(dim: &Dimension, code: &str) -> usize {
    dim.all_codes()
        .iter()
        .position(|c| c == code)
        .unwrap_or(usize::MAX)
}

fn layout(d: &Dataset) -> Layout {
    let period = d.dim_index(DimKind::Period);
    let others: Vec<usize> = (0..d.meta.dimensions.len())
        .filter(|i| Some(*i) != period)
        .collect();
    let dims = &d.meta.dimensions;
    let mut columns: Vec<String> = match period {
        Some(p) => dims[p]
            .all_codes()
            .into_iter()
            .filter(|c| d.rows.iter().any(|r| &r[p] == c))
            .collect(),
        None => vec![String::new()],
    };
    columns.dedup();
    let mut combos: Vec<Vec<String>> = Vec::new();
    for r in &d.rows {
        let c: Vec<String> = others.iter().map(|&i| r[i].clone()).collect();
        if !combos.contains(&c) {
            combos.push(c);
        }
    }
    combos.sort_by_key(|c| {
        others
            .iter()
            .zip(c)
            .map(|(&i, code)| order_of(&dims[i], code))
            .collect::<Vec<_>>()
    });
    let index = d
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.clone(), i))
        .collect();
    Layout {
        period,
        others,
        columns,
        combos,
        index,
    }
}

impl Layout {
    /// The full row key of a combination and a period column.
    fn key(&self, combo: &[String], column: &str, n: usize) -> Vec<String> {
        let mut k = vec![String::new(); n];
        for (&i, c) in self.others.iter().zip(combo) {
            k[i] = c.clone();
        }
        if let Some(p) = self.period {
            k[p] = column.to_string();
        }
        k
    }

    fn figure(&self, d: &Dataset, m: usize, combo: &[String], column: &str) -> Option<Figure> {
        let key = self.key(combo, column, d.meta.dimensions.len());
        self.index.get(&key).map(|&r| d.figures[m][r])
    }
}

fn measure_unit(site: &Site, d: &Dataset, m: usize, lang: Lang) -> String {
    let _ = site;
    let me = &d.meta.measures[m];
    match (&me.unit, me.kind) {
        (Some(u), _) => u.str(lang),
        (None, MeasureKind::Rate) => format!("/{}", me.per.unwrap_or(100)),
        (None, MeasureKind::Count) => d.meta.unit.str(lang),
    }
}

fn table_view(site: &Site, d: &Dataset, lay: &Layout, m: usize, lang: Lang) -> TableView {
    let dims = &d.meta.dimensions;
    let me = &d.meta.measures[m];
    let caption = format!(
        "{} ({})",
        me.label.str(lang),
        measure_unit(site, d, m, lang)
    );
    let col_heads = match lay.period {
        Some(p) => lay
            .columns
            .iter()
            .map(|c| code_label(site, &dims[p], c, lang))
            .collect(),
        None => vec![me.label.str(lang)],
    };
    let rows = lay
        .combos
        .iter()
        .map(|combo| RowView {
            heads: lay
                .others
                .iter()
                .zip(combo)
                .map(|(&i, c)| code_label(site, &dims[i], c, lang))
                .collect(),
            cells: lay
                .columns
                .iter()
                .map(|col| {
                    let f = lay.figure(d, m, combo, col).unwrap_or(Figure::Missing);
                    CellView {
                        text: figure_text(site, f, lang),
                        suppressed: f.is_suppressed(),
                        unreliable: matches!(
                            f,
                            Figure::Rate {
                                unreliable: true,
                                ..
                            }
                        ),
                    }
                })
                .collect(),
        })
        .collect();
    let id = format!("{}-{}", d.slug, me.name.value);
    TableView {
        chart: chart::svg(&chart_of(site, d, lay, m, lang, &id)),
        id,
        caption,
        dim_heads: lay
            .others
            .iter()
            .map(|&i| dims[i].label.str(lang))
            .collect(),
        col_heads,
        rows,
    }
}

/// The combinations a chart shows: the first non-period dimension's codes (its total only when
/// it has fewer than two other codes), every other dimension at its total where it has one.
fn chart_combos<'a>(d: &Dataset, lay: &'a Layout) -> Vec<&'a Vec<String>> {
    let dims = &d.meta.dimensions;
    let keep = |combo: &&Vec<String>| {
        lay.others
            .iter()
            .zip(combo.iter())
            .enumerate()
            .all(|(j, (&i, code))| {
                let is_total = dims[i].total.as_deref() == Some(code.as_str());
                if j == 0 {
                    !is_total || dims[i].codes.len() < 2
                } else {
                    dims[i].total.is_none() || is_total
                }
            })
    };
    lay.combos.iter().filter(keep).collect()
}

/// One panel per combination of the other dimensions (at most 12), bars by period.
fn chart_of(site: &Site, d: &Dataset, lay: &Layout, m: usize, lang: Lang, id: &str) -> Chart {
    let dims = &d.meta.dimensions;
    let panels: Vec<Panel> = chart_combos(d, lay)
        .into_iter()
        .take(12)
        .map(|combo| Panel {
            title: lay
                .others
                .iter()
                .zip(combo)
                .map(|(&i, c)| code_label(site, &dims[i], c, lang))
                .collect::<Vec<_>>()
                .join(" · "),
            bars: lay
                .columns
                .iter()
                .map(|col| {
                    let f = lay.figure(d, m, combo, col).unwrap_or(Figure::Missing);
                    Bar {
                        label: lay
                            .period
                            .map(|p| code_label(site, &dims[p], col, lang))
                            .unwrap_or_default(),
                        value: figure_value(f).map(|v| (v, figure_text(site, f, lang))),
                    }
                })
                .collect(),
        })
        .collect();
    let me = &d.meta.measures[m];
    Chart {
        id: format!("chart-{id}"),
        title: format!(
            "{}: {} ({})",
            d.meta.title.str(lang),
            me.label.str(lang),
            measure_unit(site, d, m, lang)
        ),
        desc: t(site, lang, "stats_chart_desc").replace("{min}", &d.min_cell.to_string()),
        panels,
    }
}

#[derive(Serialize)]
struct DatasetView {
    title: String,
    description: String,
    source: String,
    period: String,
    unit: String,
    illustrative: bool,
    method: String,
    tables: Vec<TableView>,
    csv_url: String,
    json_url: String,
    has_suppressed: bool,
    has_unreliable: bool,
    suppressed_note: String,
}

fn method_text(site: &Site, d: &Dataset, lang: Lang) -> String {
    let mut s = t(site, lang, "stats_method")
        .replace("{min}", &d.min_cell.to_string())
        .replace("{max}", &(d.min_cell.saturating_sub(1)).to_string());
    if !site.config.privacy.zeros_publishable {
        s.push(' ');
        s.push_str(&t(site, lang, "stats_method_zeros"));
    }
    s
}

fn dataset_view(site: &Site, d: &Dataset, lang: Lang) -> DatasetView {
    let lay = layout(d);
    let tables = (0..d.meta.measures.len())
        .map(|m| table_view(site, d, &lay, m, lang))
        .collect();
    DatasetView {
        title: d.meta.title.str(lang),
        description: d.meta.description.str(lang),
        source: d.meta.source.str(lang),
        period: d
            .meta
            .period
            .as_ref()
            .map(|p| p.str(lang))
            .unwrap_or_default(),
        unit: d.meta.unit.str(lang),
        illustrative: d.meta.illustrative,
        method: method_text(site, d, lang),
        tables,
        csv_url: site.routes.asset(&format!("data/stats/{}.csv", d.slug)),
        json_url: site.routes.asset(&format!("data/stats/{}.json", d.slug)),
        has_suppressed: d.has_suppressed(),
        has_unreliable: d.figures.iter().flatten().any(|f| {
            matches!(
                f,
                Figure::Rate {
                    unreliable: true,
                    ..
                }
            )
        }),
        suppressed_note: t(site, lang, "stats_suppressed_note")
            .replace("{min}", &d.min_cell.to_string()),
    }
}

fn stats_crumb(site: &Site, lang: Lang) -> Link {
    Link {
        title: site.config.section_title(SectionKey::Stats, lang),
        url: site.routes.section(SectionKey::Stats, lang),
    }
}

/// The page of one dataset.
pub fn dataset_page(site: &Site, i: usize, lang: Lang) -> Result<Output, Diagnostic> {
    let d = &datasets(site)[i];
    let view = dataset_view(site, d, lang);
    let mut v = base_view(
        site,
        lang,
        "dataset",
        view.title.clone(),
        dataset_url(site, lang, d),
        &all_langs(site, |l| dataset_url(site, l, d)),
        vec![stats_crumb(site, lang)],
    );
    v.summary = view.description.clone();
    let mut extra = tera::Context::new();
    extra.insert("dataset", &view);
    page(
        site,
        lang,
        Some(SectionKey::Stats),
        v,
        extra,
        Some(d.yaml.clone()),
    )
}

#[derive(Serialize)]
struct OverviewItem {
    title: String,
    url: String,
    description: String,
    illustrative: bool,
    period: String,
}

/// The statistics overview: every dataset and the commitments page.
pub fn overview_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let key = SectionKey::Stats;
    let mut v = base_view(
        site,
        lang,
        "stats",
        site.config.section_title(key, lang),
        site.routes.section(key, lang),
        &all_langs(site, |l| site.routes.section(key, l)),
        vec![],
    );
    v.summary =
        t(site, lang, "stats_intro").replace("{min}", &site.config.privacy.min_cell.to_string());
    let items: Vec<OverviewItem> = datasets(site)
        .iter()
        .map(|d| OverviewItem {
            title: d.meta.title.str(lang),
            url: dataset_url(site, lang, d),
            description: d.meta.description.str(lang),
            illustrative: d.meta.illustrative,
            period: d
                .meta
                .period
                .as_ref()
                .map(|p| p.str(lang))
                .unwrap_or_default(),
        })
        .collect();
    let mut extra = tera::Context::new();
    extra.insert("datasets", &items);
    extra.insert("commitments_url", &commitments_url(site, lang));
    page(site, lang, Some(key), v, extra, None)
}

/// Progress toward one plan target, from the latest published figure.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressView {
    pub id: String,
    pub status: &'static str,
    pub status_label: String,
    pub text: String,
    pub value: f64,
    pub max: f64,
    /// Whether a meter toward `max` means something (an at-least target not yet met).
    pub meter: bool,
    pub dataset_title: String,
    pub dataset_url: String,
    pub illustrative: bool,
}

/// The latest published figure of `measure` for `province`: (period label, value).
fn latest(site: &Site, d: &Dataset, m: usize, province: &str, lang: Lang) -> Option<(String, f64)> {
    let dims = &d.meta.dimensions;
    let fits = |r: &Vec<String>| {
        dims.iter().zip(r).all(|(dim, code)| match dim.kind {
            DimKind::Area => code == province,
            DimKind::Period => dim.total.as_deref() != Some(code),
            DimKind::Category => dim.total.as_deref() == Some(code) || dim.all_codes().len() == 1,
        })
    };
    let p = d.dim_index(DimKind::Period);
    d.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| fits(r))
        .filter_map(|(i, r)| figure_value(d.figures[m][i]).map(|v| (r, v)))
        .max_by_key(|(r, _)| p.map(|p| order_of(&dims[p], &r[p])).unwrap_or(0))
        .map(|(r, v)| {
            (
                p.map(|p| code_label(site, &dims[p], &r[p], lang))
                    .unwrap_or_default(),
                v,
            )
        })
}

/// Whether `value` meets `target` on the side its direction says.
pub fn meets(target: &Target, value: f64) -> bool {
    use crate::load::kinds::plan::Direction;
    match (target.direction, target.value, target.range) {
        (Some(Direction::AtLeast), Some(v), _) => value >= v,
        (Some(Direction::AtMost), Some(v), _) => value <= v,
        (Some(Direction::Range), _, Some(r)) => r.from <= value && value <= r.to,
        _ => false,
    }
}

/// A target in words: "ít nhất 250 người trong cả giai đoạn 2022–2025", "1 to 2 % over ...".
pub fn target_text(site: &Site, target: &Target, period: &str, lang: Lang) -> String {
    use crate::load::kinds::plan::{Direction, Scope};
    let n = |v: f64| format_number(v, lang);
    let value = target.value.map(n).unwrap_or_default();
    let amount = match (target.direction, target.range) {
        (Some(Direction::Range), Some(r)) => t(site, lang, "target_range")
            .replace("{from}", &n(r.from))
            .replace("{to}", &n(r.to)),
        (Some(Direction::AtLeast), _) => {
            t(site, lang, "target_at_least").replace("{value}", &value)
        }
        (Some(Direction::AtMost), _) => t(site, lang, "target_at_most").replace("{value}", &value),
        _ => value,
    };
    let scope = match target.scope {
        Some(Scope::Period) => t(site, lang, "target_scope_period"),
        Some(Scope::PerYear) => t(site, lang, "target_scope_per_year"),
        Some(Scope::AtDate) | None => t(site, lang, "target_scope_at_date"),
    };
    format!(
        "{amount} {} {}",
        target.unit,
        scope
            .replace("{period}", period)
            .replace("{by}", &target.by.to_string())
    )
}

/// The progress of a target with a `measure`, for a plan of `province` written in `lang`.
pub fn progress(
    site: &Site,
    province: &str,
    target: &Target,
    period: &str,
    lang: Lang,
) -> Option<ProgressView> {
    let m = target.measure.as_ref()?;
    let (d, mi) = crate::stats::find_measure(datasets(site), &m.value)?;
    if d.meta.illustrative {
        // Refused when loading; never judge a real commitment with made-up figures.
        return None;
    }
    let base = ProgressView {
        id: target.id.value.clone(),
        status: "none",
        status_label: t(site, lang, "stats_status_none"),
        text: String::new(),
        value: 0.0,
        max: target.value.unwrap_or(0.0),
        meter: false,
        dataset_title: d.meta.title.str(lang),
        dataset_url: dataset_url(site, lang, d),
        illustrative: d.meta.illustrative,
    };
    if crate::stats::comparable(target, d, mi, lang).is_err() {
        return Some(ProgressView {
            status: "not_comparable",
            status_label: t(site, lang, "stats_status_not_comparable"),
            ..base
        });
    }
    let Some((latest_period, value)) = latest(site, d, mi, province, lang) else {
        return Some(base);
    };
    let met = meets(target, value);
    let text = t(site, lang, "stats_progress_text")
        .replace("{value}", &format_number(value, lang))
        .replace("{period}", &latest_period)
        .replace("{unit}", &target.unit)
        .replace("{target}", &target_text(site, target, period, lang));
    Some(ProgressView {
        status: if met { "met" } else { "progress" },
        status_label: t(
            site,
            lang,
            if met {
                "stats_status_met"
            } else {
                "stats_status_progress"
            },
        ),
        text,
        value,
        meter: target.direction == Some(crate::load::kinds::plan::Direction::AtLeast) && !met,
        ..base
    })
}

#[derive(Serialize)]
struct CommitmentTarget {
    id: String,
    label: String,
    target: String,
    progress: Option<ProgressView>,
    status_label: String,
}

#[derive(Serialize)]
struct CommitmentPlan {
    title: String,
    url: String,
    targets: Vec<CommitmentTarget>,
}

fn commitment_plan(
    site: &Site,
    p: &crate::resolve::Page,
    f: &PlanFront,
    lang: Lang,
) -> CommitmentPlan {
    let targets = f
        .targets
        .iter()
        .map(|tg| {
            let period = plan_period(f);
            let progress = progress(site, &f.area.current_province.value, tg, &period, lang);
            CommitmentTarget {
                id: tg.id.value.clone(),
                label: tg.label.clone(),
                target: target_text(site, tg, &period, lang),
                status_label: progress
                    .as_ref()
                    .map(|p| p.status_label.clone())
                    .unwrap_or_else(|| t(site, lang, "stats_status_none")),
                progress,
            }
        })
        .collect();
    CommitmentPlan {
        title: f.title.clone(),
        url: p.url.clone(),
        targets,
    }
}

/// A plan's period as shown: "2022–2025", or one year.
pub fn plan_period(f: &PlanFront) -> String {
    if f.period.from == f.period.to {
        f.period.from.to_string()
    } else {
        format!("{}–{}", f.period.from, f.period.to)
    }
}

/// Every target of every plan, with what the figures show.
pub fn commitments_page(site: &Site, lang: Lang) -> Result<Output, Diagnostic> {
    let mut v = base_view(
        site,
        lang,
        "commitments",
        t(site, lang, "stats_commitments_title"),
        commitments_url(site, lang),
        &all_langs(site, |l| commitments_url(site, l)),
        vec![stats_crumb(site, lang)],
    );
    v.summary = t(site, lang, "stats_commitments_intro");
    let mut plans: Vec<CommitmentPlan> = site
        .pages_of(Kind::Plan, lang)
        .filter_map(|p| match &p.source.front {
            Front::Plan(f) if !f.targets.is_empty() => Some(commitment_plan(site, p, f, lang)),
            _ => None,
        })
        .collect();
    plans.sort_by(|a, b| a.title.cmp(&b.title));
    let mut extra = tera::Context::new();
    extra.insert("plans", &plans);
    page(site, lang, Some(SectionKey::Stats), v, extra, None)
}

/// One CSV cell and one JSON value of a figure: hidden and missing figures are empty / null.
fn figure_json(f: Figure) -> serde_json::Value {
    match f {
        Figure::Count(v) => serde_json::json!(v),
        Figure::Rate { value, unreliable } => {
            serde_json::json!({"value": (value * 10.0).round() / 10.0, "unreliable": unreliable})
        }
        Figure::Suppressed | Figure::Missing => serde_json::Value::Null,
    }
}

fn figure_csv(f: Figure) -> (String, Option<String>) {
    match f {
        Figure::Count(v) => (v.to_string(), None),
        Figure::Rate { value, unreliable } => (format!("{value:.1}"), Some(unreliable.to_string())),
        Figure::Suppressed | Figure::Missing => (String::new(), Some(String::new())),
    }
}

/// `{code: text}` for every language of the site.
fn per_lang(site: &Site, f: impl Fn(Lang) -> String) -> serde_json::Value {
    site.config
        .langs()
        .iter()
        .map(|l| (l.code().to_string(), serde_json::Value::String(f(l))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn text_json(site: &Site, t: &crate::text::Text) -> serde_json::Value {
    per_lang(site, |l| t.str(l))
}

fn csv_bytes(d: &Dataset) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = crate::stats::csv_columns(d);
    let _ = w.write_record(&head);
    for (r, codes) in d.rows.iter().enumerate() {
        let mut rec = codes.clone();
        for (m, me) in d.meta.measures.iter().enumerate() {
            let (v, flag) = figure_csv(d.figures[m][r]);
            rec.push(v);
            if me.kind == MeasureKind::Rate {
                rec.push(flag.unwrap_or_default());
            }
        }
        rec.push(d.meta.illustrative.to_string());
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

fn json_bytes(site: &Site, d: &Dataset) -> Vec<u8> {
    let rows: Vec<serde_json::Value> = d
        .rows
        .iter()
        .enumerate()
        .map(|(r, codes)| {
            let mut o = serde_json::Map::new();
            for (dim, c) in d.meta.dimensions.iter().zip(codes) {
                o.insert(dim.name.value.clone(), serde_json::json!(c));
            }
            let mut hidden = Vec::new();
            for (m, me) in d.meta.measures.iter().enumerate() {
                let f = d.figures[m][r];
                if f.is_suppressed() {
                    hidden.push(me.name.value.clone());
                }
                o.insert(me.name.value.clone(), figure_json(f));
            }
            if !hidden.is_empty() {
                o.insert("suppressed".into(), serde_json::json!(hidden));
            }
            serde_json::Value::Object(o)
        })
        .collect();
    let notice = |lang| {
        if d.meta.illustrative {
            t(site, lang, "stats_illustrative")
        } else {
            String::new()
        }
    };
    let v = serde_json::json!({
        "dataset": d.slug,
        "title": text_json(site, &d.meta.title),
        "description": text_json(site, &d.meta.description),
        "source": text_json(site, &d.meta.source),
        "unit": text_json(site, &d.meta.unit),
        "illustrative": d.meta.illustrative,
        "notice": per_lang(site, notice),
        "disclosure_control": {
            "min_cell": d.min_cell,
            "zeros_publishable": site.config.privacy.zeros_publishable,
            "method": per_lang(site, |l| method_text(site, d, l)),
            "suppressed_values": "null in this file, empty in the CSV file",
        },
        "dimensions": d.meta.dimensions.iter().map(|x| serde_json::json!({
            "name": x.name.value, "label": text_json(site, &x.label), "total": x.total,
        })).collect::<Vec<_>>(),
        "measures": d.meta.measures.iter().map(|m| serde_json::json!({
            "name": m.name.value,
            "label": text_json(site, &m.label),
            "kind": if m.kind == MeasureKind::Rate { "rate" } else { "count" },
            "per": m.per,
        })).collect::<Vec<_>>(),
        "rows": rows,
    });
    serde_json::to_vec_pretty(&v).unwrap_or_default()
}

/// `/data/stats/<dataset>.csv` and `.json` for every dataset.
pub fn downloads(site: &Site) -> Vec<Output> {
    datasets(site)
        .iter()
        .flat_map(|d| {
            [
                Output {
                    path: PathBuf::from(format!("data/stats/{}.csv", d.slug)),
                    bytes: csv_bytes(d),
                    source: Some(d.csv.clone()),
                },
                Output {
                    path: PathBuf::from(format!("data/stats/{}.json", d.slug)),
                    bytes: json_bytes(site, d),
                    source: Some(d.csv.clone()),
                },
            ]
        })
        .collect()
}

/// Search documents for the statistics pages: titles, descriptions and labels, never a figure.
pub fn search_docs(site: &Site, lang: Lang) -> Vec<minh_search::Doc<'static>> {
    use minh_search::{Doc, Field};
    let mut docs: Vec<Doc> = datasets(site)
        .iter()
        .map(|d| {
            let labels: Vec<String> = d
                .meta
                .dimensions
                .iter()
                .map(|x| x.label.str(lang))
                .chain(d.meta.measures.iter().map(|m| m.label.str(lang)))
                .collect();
            Doc {
                url: dataset_url(site, lang, d),
                title: d.meta.title.str(lang),
                kind: "statistics".into(),
                fields: vec![
                    (
                        Field::Meta,
                        format!("{} · {}", d.meta.source.str(lang), labels.join(" · ")).into(),
                    ),
                    (Field::Body, d.meta.description.str(lang).into()),
                ],
            }
        })
        .collect();
    docs.push(Doc {
        url: commitments_url(site, lang),
        title: t(site, lang, "stats_commitments_title"),
        kind: "statistics".into(),
        fields: vec![(Field::Body, t(site, lang, "stats_commitments_intro").into())],
    });
    docs
}
