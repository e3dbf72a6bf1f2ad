//! The tabular HSDS form: one CSV file per HSDS object, described by upstream's Data Package.
//!
//! The columns of every file are read from upstream's `datapackage.json` (copied in
//! `schemas/hsds-3.0/`), so the files and their description cannot drift apart. The package
//! published is upstream's with our name, title, licence and language; one change to a table
//! schema: in `addresses.csv` an empty cell is an empty string (`missingValues: []`), because
//! Vietnamese records have no postal code and some no street or commune, which HSDS requires.
//! Upstream's `example` values are left out of the published package (they are not our data).

use super::model::{Service, Taxonomy, TaxonomyTerm};
use serde_json::{json, Map, Value};

/// Upstream's tabular Data Package for HSDS 3.0.
pub const UPSTREAM: &str = include_str!("../../schemas/hsds-3.0/datapackage.json");

/// Upstream's Data Package, parsed.
pub fn upstream() -> Value {
    serde_json::from_str(UPSTREAM).unwrap_or(Value::Null)
}

/// The resources (tables) of upstream's package: name, file and column names, in upstream's order.
pub fn tables() -> Vec<(String, String, Vec<String>)> {
    let up = upstream();
    up["resources"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    let fields = r["schema"]["fields"]
                        .as_array()
                        .map(|fs| {
                            fs.iter()
                                .filter_map(|f| f["name"].as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    (
                        r["name"].as_str().unwrap_or("").to_string(),
                        r["path"].as_str().unwrap_or("").to_string(),
                        fields,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn push(rows: &mut Map<String, Value>, table: &str, v: Value) {
    if let Some(a) = rows
        .entry(table.to_string())
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
    {
        a.push(v);
    }
}

/// Every object of `services` (and the taxonomies) as rows of its HSDS table.
pub fn rows(
    services: &[Service],
    taxonomies: &[Taxonomy],
    terms: &[TaxonomyTerm],
) -> Map<String, Value> {
    let mut rows = Map::new();
    for s in services {
        push(&mut rows, "service", val(s));
        push(&mut rows, "organization", val(&s.organization));
        for a in &s.attributes {
            push(&mut rows, "attribute", val(a));
        }
        for p in &s.phones {
            push(&mut rows, "phone", val(p));
            for a in &p.attributes {
                push(&mut rows, "attribute", val(a));
            }
        }
        for x in &s.schedules {
            push(&mut rows, "schedule", val(x));
        }
        for x in &s.service_areas {
            push(&mut rows, "service_area", val(x));
        }
        for x in &s.languages {
            push(&mut rows, "language", val(x));
        }
        for x in &s.cost_options {
            push(&mut rows, "cost_option", val(x));
        }
        for x in &s.required_documents {
            push(&mut rows, "required_document", val(x));
        }
        for sal in &s.service_at_locations {
            push(&mut rows, "service_at_location", val(sal));
            push(&mut rows, "location", val(&sal.location));
            for ad in &sal.location.addresses {
                push(&mut rows, "address", val(ad));
                for a in &ad.attributes {
                    push(&mut rows, "attribute", val(a));
                }
            }
        }
    }
    for t in taxonomies {
        push(&mut rows, "taxonomy", val(t));
    }
    for t in terms {
        push(&mut rows, "taxonomy_term", val(t));
    }
    rows
}

fn val<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or_default()
}

/// One cell: strings as they are, numbers and booleans as JSON writes them, nothing for null.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => String::new(),
        other => other.to_string(),
    }
}

/// The CSV file of one table: upstream's columns, one row per object.
pub fn csv(columns: &[String], rows: &[Value]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns);
    for r in rows {
        let _ = w.write_record(columns.iter().map(|c| cell(&r[c.as_str()])));
    }
    w.into_inner().unwrap_or_default()
}

/// What the package says about itself.
pub struct PackageInfo {
    pub name: String,
    pub title: String,
    pub description: String,
    pub language: String,
    pub homepage: String,
    pub licence_title: String,
    pub licence_path: String,
}

/// Upstream's Data Package with our metadata.
pub fn datapackage(info: &PackageInfo) -> Value {
    let mut p = upstream();
    if let Some(o) = p.as_object_mut() {
        o.remove("license");
        o.insert("name".into(), json!(info.name));
        o.insert("title".into(), json!(info.title));
        o.insert("description".into(), json!(info.description));
        o.insert("homepage".into(), json!(info.homepage));
        o.insert("language".into(), json!(info.language));
        o.insert(
            "licenses".into(),
            json!([{"title": info.licence_title, "path": info.licence_path}]),
        );
        o.insert(
            "sources".into(),
            json!([{"title": "Open Referral Human Services Data Specification 3.0 (CC BY-SA 4.0)", "path": "https://docs.openreferral.org/en/latest/"}]),
        );
    }
    if let Some(rs) = p["resources"].as_array_mut() {
        for r in rs {
            if r["name"] == "address" {
                r["schema"]["missingValues"] = json!([]);
            }
            // Upstream's example values are documentation, not data: they would read as ours.
            if let Some(fields) = r["schema"]["fields"].as_array_mut() {
                for f in fields.iter_mut().filter_map(|f| f.as_object_mut()) {
                    f.remove("example");
                }
            }
        }
    }
    p
}
