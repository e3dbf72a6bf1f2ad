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
use std::collections::HashMap;
use std::path::Path;

/// Upstream's tabular Data Package for HSDS 3.0.
pub const UPSTREAM: &str = include_str!("../../schemas/hsds-3.0/datapackage.json");

/// Upstream's Data Package, parsed once (a build reads it a dozen times).
pub fn upstream() -> &'static Value {
    static PARSED: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(UPSTREAM).unwrap_or(Value::Null))
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

/// `x` as one table row: its fields that are not arrays or objects (those are rows of other
/// tables, and a CSV cell of one would be empty: see [`cell`]), so a row holds no copy of them.
fn val<T: serde::Serialize>(x: &T) -> Value {
    let mut v = serde_json::to_value(x).unwrap_or_default();
    if let Value::Object(fields) = &mut v {
        fields.retain(|_, f| !matches!(f, Value::Array(_) | Value::Object(_)));
    }
    v
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
    let mut out = csv_header(columns);
    out.extend(csv_rows(columns, rows));
    out
}

/// The first line of a table's CSV file: its column names.
pub fn csv_header(columns: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(columns);
    w.into_inner().unwrap_or_default()
}

/// The lines of `rows` in a table's CSV file, without the header: each line is written on its
/// own (quoted as its cells need), so a file is the header and its rows' lines in order, however
/// they are split up (see [`crate::hsds::package`], which keeps each provider's lines).
pub fn csv_rows(columns: &[String], rows: &[Value]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
    let mut p = upstream().clone();
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

/// The rows of one CSV table of the package in `dir`, typed by upstream's schema: `number` fields
/// as numbers, the rest as strings; an empty cell is left out.
fn read_table(
    dir: &Path,
    path: &str,
    types: &Map<String, Value>,
) -> Result<Vec<Map<String, Value>>, String> {
    let file = dir.join(path);
    if !file.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text = crate::nfc::text(text);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().map_err(|e| e.to_string())?.clone();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| format!("{}: {e}", file.display()))?;
        let mut m = Map::new();
        for (h, c) in headers.iter().zip(rec.iter()) {
            if c.is_empty() {
                continue;
            }
            let v = match types.get(h).and_then(Value::as_str) {
                Some("number") => c
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .ok_or_else(|| format!("{}: `{c}` in {h} is not a number", file.display()))?,
                _ => Value::String(c.to_string()),
            };
            m.insert(h.to_string(), v);
        }
        out.push(m);
    }
    Ok(out)
}

/// Rows of a table by the value of one of their fields, in file order.
type Grouped<'a> = HashMap<String, Vec<&'a Map<String, Value>>>;

/// Rows grouped by the value of `key`, in file order.
fn by<'a>(rows: &'a [Map<String, Value>], key: &str) -> Grouped<'a> {
    let mut out: Grouped<'a> = HashMap::new();
    for r in rows {
        if let Some(k) = r.get(key).and_then(Value::as_str) {
            out.entry(k.to_string()).or_default().push(r);
        }
    }
    out
}

/// The services of the tabular package in `dir` (its CSV files), nested again as in `services.json`.
pub fn read_services(dir: &Path) -> Result<Vec<Service>, String> {
    let up = upstream();
    let mut tables: HashMap<String, Vec<Map<String, Value>>> = HashMap::new();
    for r in up["resources"].as_array().into_iter().flatten() {
        let types: Map<String, Value> = r["schema"]["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| Some((f["name"].as_str()?.to_string(), f["type"].clone())))
            .collect();
        let (Some(name), Some(path)) = (r["name"].as_str(), r["path"].as_str()) else {
            continue;
        };
        tables.insert(name.to_string(), read_table(dir, path, &types)?);
    }
    let empty = Vec::new();
    let table = |n: &str| tables.get(n).unwrap_or(&empty);
    let terms: HashMap<&str, &Map<String, Value>> = table("taxonomy_term")
        .iter()
        .filter_map(|t| Some((t.get("id")?.as_str()?, t)))
        .collect();
    let attributes = by(table("attribute"), "link_id");
    let with_attributes = |row: &Map<String, Value>| -> Value {
        let mut row = row.clone();
        let id = row
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let list: Vec<Value> = attributes
            .get(&id)
            .into_iter()
            .flatten()
            .map(|a| {
                let mut a = (*a).clone();
                let term = a
                    .get("taxonomy_term_id")
                    .and_then(Value::as_str)
                    .and_then(|t| terms.get(t))
                    .map(|t| Value::Object((*t).clone()))
                    .unwrap_or(Value::Null);
                a.insert("taxonomy_term".into(), term);
                Value::Object(a)
            })
            .collect();
        row.insert("attributes".into(), Value::Array(list));
        Value::Object(row)
    };
    let organizations: HashMap<&str, &Map<String, Value>> = table("organization")
        .iter()
        .filter_map(|o| Some((o.get("id")?.as_str()?, o)))
        .collect();
    let locations: HashMap<&str, &Map<String, Value>> = table("location")
        .iter()
        .filter_map(|o| Some((o.get("id")?.as_str()?, o)))
        .collect();
    let addresses = by(table("address"), "location_id");
    let at_locations = by(table("service_at_location"), "service_id");
    let phones = by(table("phone"), "service_id");
    let plain: Vec<(&str, Grouped)> = [
        ("schedules", "schedule"),
        ("service_areas", "service_area"),
        ("languages", "language"),
        ("cost_options", "cost_option"),
        ("required_documents", "required_document"),
    ]
    .into_iter()
    .map(|(field, t)| (field, by(table(t), "service_id")))
    .collect();
    let mut out = Vec::new();
    for s in table("service") {
        let id = s
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let Value::Object(mut v) = with_attributes(s) else {
            continue;
        };
        let org = s
            .get("organization_id")
            .and_then(Value::as_str)
            .and_then(|o| organizations.get(o))
            .map(|o| Value::Object((*o).clone()))
            .unwrap_or(Value::Null);
        v.insert("organization".into(), org);
        let list = |rows: Option<&Vec<&Map<String, Value>>>| -> Vec<Value> {
            rows.into_iter()
                .flatten()
                .map(|r| Value::Object((*r).clone()))
                .collect()
        };
        v.insert(
            "phones".into(),
            Value::Array(
                phones
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .map(|p| with_attributes(p))
                    .collect(),
            ),
        );
        for (field, rows) in &plain {
            v.insert((*field).into(), Value::Array(list(rows.get(&id))));
        }
        let sals: Vec<Value> = at_locations
            .get(&id)
            .into_iter()
            .flatten()
            .map(|sal| {
                let mut sal = (*sal).clone();
                let lid = sal
                    .get("location_id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let mut loc = locations
                    .get(lid.as_str())
                    .map(|l| (*l).clone())
                    .unwrap_or_default();
                let ads: Vec<Value> = addresses
                    .get(&lid)
                    .into_iter()
                    .flatten()
                    .map(|a| with_attributes(a))
                    .collect();
                loc.insert("addresses".into(), Value::Array(ads));
                sal.insert("location".into(), Value::Object(loc));
                Value::Object(sal)
            })
            .collect();
        v.insert("service_at_locations".into(), Value::Array(sals));
        out.push(serde_json::from_value(Value::Object(v)).map_err(|e| format!("{id}: {e}"))?);
    }
    Ok(out)
}

#[cfg(test)]
mod csv_tests {
    use super::{csv, csv_header, csv_rows};
    use serde_json::json;

    #[test]
    fn a_table_is_its_header_and_each_rows_lines_in_turn() {
        let columns: Vec<String> = ["id", "name", "note", "n"].map(String::from).to_vec();
        let rows = [
            json!({"id": "a", "name": "Cơ sở, \"một\"", "note": "hai\ndòng", "n": 3}),
            json!({"id": "b", "name": "", "note": null, "n": 1.5}),
            json!({"id": "c", "name": " khoảng trắng ", "list": [1]}),
        ];
        for split in 0..=rows.len() {
            let mut parts = csv_header(&columns);
            parts.extend(csv_rows(&columns, &rows[..split]));
            parts.extend(csv_rows(&columns, &rows[split..]));
            assert_eq!(parts, csv(&columns, &rows), "split at {split}");
        }
    }
}
