//! Statistics as a Frictionless Data Package: each dataset's CSV with its Table Schema.
//!
//! Types: a dimension is a `year` when every code is a year, a `string` otherwise, with its codes
//! (the total included) as an `enum` constraint; a count is an `integer` of at least 0, a rate a
//! `number`, its reliability flag and `illustrative` are `boolean`. An empty cell is a missing
//! value: hidden by disclosure control, or absent from the source (never told apart, never zero).

use crate::lang::Lang;
use crate::resolve::Site;
use crate::stats::dataset::MeasureKind;
use crate::stats::Dataset;
use serde_json::{json, Value};

fn is_year(code: &str) -> bool {
    code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())
}

/// The Table Schema of one dataset's CSV, titles in `lang`.
pub fn table_schema(site: &Site, d: &Dataset, lang: Lang) -> Value {
    let t = |k: &str| site.theme.t(lang, k);
    let mut fields = Vec::new();
    for dim in &d.meta.dimensions {
        let codes = dim.all_codes();
        let year = !codes.is_empty() && codes.iter().all(|c| is_year(c));
        let enum_codes: Vec<Value> = codes
            .iter()
            .map(|c| {
                if year {
                    json!(c.parse::<i64>().unwrap_or(0))
                } else {
                    json!(c)
                }
            })
            .collect();
        let mut desc = t("stats_package_dimension");
        if let Some(total) = &dim.total {
            desc = format!(
                "{desc} {}",
                t("stats_package_total").replace("{code}", total)
            );
        }
        fields.push(json!({
            "name": dim.name.value,
            "title": dim.label.str(lang),
            "description": desc,
            "type": if year { "year" } else { "string" },
            "constraints": {"required": true, "enum": enum_codes},
        }));
    }
    for m in &d.meta.measures {
        let unit = m.unit.as_ref().unwrap_or(&d.meta.unit).str(lang);
        match m.kind {
            MeasureKind::Count => fields.push(json!({
                "name": m.name.value,
                "title": m.label.str(lang),
                "description": format!("{} ({unit}). {}", t("stats_package_count"), t("stats_package_hidden")),
                "type": "integer",
                "constraints": {"minimum": 0},
            })),
            MeasureKind::Rate => {
                fields.push(json!({
                    "name": m.name.value,
                    "title": m.label.str(lang),
                    "description": format!("{} ({unit}). {}", t("stats_package_rate"), t("stats_package_hidden")),
                    "type": "number",
                    "constraints": {"minimum": 0},
                }));
                fields.push(json!({
                    "name": format!("{}_unreliable", m.name.value),
                    "title": format!("{}: {}", m.label.str(lang), t("stats_package_unreliable_title")),
                    "description": t("stats_package_unreliable"),
                    "type": "boolean",
                }));
            }
        }
    }
    fields.push(json!({
        "name": "illustrative",
        "title": t("stats_package_illustrative_title"),
        "description": t("stats_package_illustrative"),
        "type": "boolean",
        "constraints": {"required": true},
    }));
    json!({
        "fields": fields,
        "missingValues": [""],
        "primaryKey": d.meta.dimensions.iter().map(|x| x.name.value.clone()).collect::<Vec<_>>(),
    })
}

/// `data/stats/datapackage.json`: every dataset's CSV with its Table Schema, in the default language.
pub fn datapackage(site: &Site) -> Value {
    let lang = site.config.default_lang();
    let t = |k: &str| site.theme.t(lang, k);
    let resources: Vec<Value> = site
        .datasets
        .iter()
        .map(|d| {
            json!({
                "name": d.slug,
                "path": format!("{}.csv", d.slug),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": d.meta.title.str(lang),
                "description": d.meta.description.str(lang),
                "sources": [{"title": d.meta.source.str(lang)}],
                "schema": table_schema(site, d, lang),
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "minh-statistics",
        "title": format!("{}: {}", site.config.title.str(lang), t("stats_package_title")),
        "description": format!("{} {}", t("stats_package_help"), t("stats_package_hidden")),
        "language": lang.code(),
        "homepage": site.routes.absolute(&site.routes.home(lang)),
        "licenses": [{"title": t("open_data_licence"), "path": site.routes.absolute(&site.routes.home(lang))}],
        "resources": resources,
    })
}
