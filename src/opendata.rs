//! Open data downloads: the provider directory as JSON and CSV with Open Referral HSDS field names.

use crate::lang::Lang;
use crate::render::Output;
use crate::resolve::Site;
use serde::Serialize;
use std::path::PathBuf;

/// One provider, flattened with HSDS-style field names (location, service, phone, organization).
#[derive(Debug, Serialize)]
struct HsdsRow {
    id: String,
    name: String,
    alternate_name: String,
    description: String,
    organization_name: String,
    service_type: String,
    address_1: String,
    city: String,
    state_province: String,
    country: String,
    former_province: String,
    former_district: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    phones: String,
    hours: String,
    fees: String,
    is_free: Option<bool>,
    eligibility: String,
    application_process: String,
    languages: String,
    capacity: Option<u32>,
    /// How the record is known: announced, plan or sample.
    basis: String,
    /// The act, source or plan of the basis.
    basis_reference: String,
    /// The date of the last verification; empty when nobody checked.
    last_verified: String,
    verified_by: String,
    verification_method: String,
    sample: bool,
    url: String,
}

fn rows(site: &Site) -> Vec<HsdsRow> {
    site.records
        .facilities
        .iter()
        .map(|f| {
            let vi = crate::finder::facility_view(site, f, Lang::Vi);
            let en = crate::finder::facility_view(site, f, Lang::En);
            HsdsRow {
                id: vi.id.clone(),
                name: vi.name.clone(),
                alternate_name: en.name.clone(),
                description: if vi.description.is_empty() {
                    en.kind_label.clone()
                } else {
                    vi.description.clone()
                },
                organization_name: vi.operator.clone(),
                service_type: vi.kind.clone(),
                address_1: vi.street.clone(),
                city: vi.commune.clone(),
                state_province: vi.province.clone(),
                country: "VN".into(),
                former_province: vi.former_province.clone(),
                former_district: vi.former_district.clone(),
                latitude: vi.lat,
                longitude: vi.lon,
                phones: vi
                    .phones
                    .iter()
                    .map(|p| {
                        if p.sample {
                            format!("{} (sample)", p.display)
                        } else {
                            p.tel.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                hours: vi.hours.clone(),
                fees: vi.fees_notes.clone(),
                is_free: vi.free,
                eligibility: vi.eligibility.clone(),
                application_process: vi.how_to_apply.clone(),
                languages: f
                    .record
                    .languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(";"),
                capacity: vi.capacity,
                basis: vi.basis.clone(),
                basis_reference: vi
                    .basis_ref
                    .as_ref()
                    .map(|b| b.title.clone())
                    .unwrap_or_default(),
                last_verified: vi
                    .verification
                    .as_ref()
                    .map(|v| v.date_iso.clone())
                    .unwrap_or_default(),
                verified_by: vi
                    .verification
                    .as_ref()
                    .map(|v| v.by.clone())
                    .unwrap_or_default(),
                verification_method: vi
                    .verification
                    .as_ref()
                    .map(|v| v.method.clone())
                    .unwrap_or_default(),
                sample: vi.sample,
                url: site.routes.absolute(&vi.url),
            }
        })
        .collect()
}

pub fn outputs(site: &Site) -> Vec<Output> {
    let rows = rows(site);
    let json = serde_json::to_vec_pretty(&serde_json::json!({
        "schema": "Open Referral HSDS field names (flattened)",
        "generated_by": "minh",
        "facilities": rows,
    }))
    .unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        let _ = w.serialize(r);
    }
    let csv_bytes = w.into_inner().unwrap_or_default();
    let mut out = vec![
        Output {
            path: PathBuf::from("data/facilities.json"),
            bytes: json,
            source: None,
        },
        Output {
            path: PathBuf::from("data/facilities.csv"),
            bytes: csv_bytes,
            source: None,
        },
    ];
    out.extend(crate::stats::view::downloads(site));
    out
}
