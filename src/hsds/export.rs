//! Provider records as HSDS 3.0 services, in one language: the mapping of every record field.
//!
//! | record field | HSDS |
//! | --- | --- |
//! | `id` | `service.id` = UUID v5 of `service/<id>`; the id itself in attribute `minh-record:record_id` |
//! | `name` | `service.name`, `location.name` |
//! | `description` | `service.description` |
//! | `operator` | `organization.name` (the provider's own name when there is no operator) |
//! | `kind` | attribute, taxonomy `minh-provider-kind` |
//! | `services` | attributes, taxonomy `minh-service` |
//! | `address.street`, `.commune`, `.province` | `address.address_1`, `.city`, `.state_province`; `country` VN |
//! | `address.former_province`, `.former_district` | address attributes `minh-record:former_province`, `former_district` |
//! | `geo` | `location.latitude`, `.longitude` |
//! | `phones[].number` | `phone.number` (E.164, or a sample record's placeholder as written) |
//! | `phones[].label` | `phone.description` |
//! | `phones[].hours` | phone attribute `minh-record:phone_hours` |
//! | `hours` | `schedules[].description` (text) |
//! | `fees.free` | `cost_options[]`: amount 0 VND when free, no amount otherwise |
//! | `fees.notes` | `service.fees_description`, `cost_option.amount_description` |
//! | `eligibility` | `service.eligibility_description` |
//! | `how_to_apply` | `service.application_process` |
//! | `what_to_bring` | `required_documents[]`, one per item separated by `; ` |
//! | `languages` | `languages[]` (code and name) |
//! | `capacity` | attribute `minh-record:capacity` |
//! | `basis` | attribute `minh-record:basis` (`announced`, `plan`, `sample`) |
//! | `basis.announced` | `service.licenses` (one line) and attributes `announced_act`, `announced_source`, `announced_source_url`, `announced_date`, `announced_issuer` |
//! | `basis.plan` | attribute `minh-record:named_in_plan` |
//! | `basis: sample` | `status: inactive`, `alert`, attribute `minh-record:sample` |
//! | `verification.date` | `service.assured_date` (none when not verified: then `alert` and attribute `not_verified`) |
//! | `verification.by`, `.method`, `.note` | attributes `verified_by`, `verification_method`, `verification_note` (never `assurer_email`) |
//! | `inferred` | one attribute `minh-record:inferred` per field an editor inferred |
//! | `source` | attribute `minh-record:source` |
//! | province | `service_areas[]` (the province the provider is in) |
//! | page | `service.url` |

use super::model::*;
use super::{Ids, TaxonomyKey, RECORD_TERMS};
use crate::lang::Lang;
use crate::load::provenance::Basis;
use crate::load::records::{Facility, ProviderKind, Service as Offered};
use crate::resolve::Site;
use crate::text::Text;

/// Theme strings and ids of one export language.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub ids: Ids,
}

impl Ctx<'_> {
    pub fn new(site: &Site, lang: Lang) -> Ctx<'_> {
        Ctx {
            site,
            lang,
            ids: Ids::new(&site.config.base_url),
        }
    }

    fn t(&self, key: &str) -> String {
        self.site.theme.t(self.lang, key)
    }

    fn text(&self, t: &Option<Text>) -> Option<String> {
        t.as_ref()
            .map(|t| t.str(self.lang))
            .filter(|s| !s.is_empty())
    }

    /// The taxonomy record of `key`.
    pub fn taxonomy(&self, key: TaxonomyKey) -> Taxonomy {
        Taxonomy {
            id: self.ids.of("taxonomy", key.code()),
            name: self.t(key.label_key()),
            description: self.t(&format!("{}_help", key.label_key())),
            uri: Some(
                self.site.routes.absolute(
                    &self
                        .site
                        .routes
                        .asset(&format!("data/hsds/{}/taxonomy.json", self.lang)),
                ),
            ),
            version: None,
        }
    }

    /// The term `code` of taxonomy `key`, in this language.
    pub fn term(&self, key: TaxonomyKey, code: &str) -> TaxonomyTerm {
        let (name, description) = match key {
            TaxonomyKey::Kind => (
                self.t(&format!("kind_{code}")),
                self.t(&format!("kind_help_{code}")),
            ),
            TaxonomyKey::Service => {
                let n = self.t(&format!("service_{code}"));
                (n.clone(), n)
            }
            TaxonomyKey::Record => (
                self.t(&format!("hsds_term_{code}")),
                self.t(&format!("hsds_term_{code}_help")),
            ),
        };
        TaxonomyTerm {
            id: self
                .ids
                .of("taxonomy_term", &format!("{}/{code}", key.code())),
            code: format!("{}:{code}", key.code()),
            name,
            description,
            taxonomy: key.code().to_string(),
            language: self.lang.code().to_string(),
            taxonomy_id: self.ids.of("taxonomy", key.code()),
        }
    }

    /// Every term of every taxonomy.
    pub fn terms(&self) -> Vec<TaxonomyTerm> {
        let mut out: Vec<TaxonomyTerm> = ProviderKind::ALL
            .iter()
            .map(|k| self.term(TaxonomyKey::Kind, k.code()))
            .collect();
        out.extend(
            Offered::ALL
                .iter()
                .map(|s| self.term(TaxonomyKey::Service, s.code())),
        );
        out.extend(
            RECORD_TERMS
                .iter()
                .map(|c| self.term(TaxonomyKey::Record, c)),
        );
        out
    }

    fn attribute(
        &self,
        entity: &str,
        link_id: &str,
        key: TaxonomyKey,
        code: &str,
        value: Option<String>,
    ) -> Attribute {
        let term = self.term(key, code);
        Attribute {
            id: self
                .ids
                .of("attribute", &format!("{link_id}/{}/{code}", key.code())),
            link_id: link_id.to_string(),
            link_type: "classification".into(),
            link_entity: entity.to_string(),
            taxonomy_term_id: term.id.clone(),
            value,
            taxonomy_term: term,
        }
    }
}

/// The taxonomies published with the services, in `lang`.
pub fn taxonomy(site: &Site, lang: Lang) -> TaxonomyFile {
    let cx = Ctx::new(site, lang);
    TaxonomyFile {
        taxonomies: TaxonomyKey::ALL.iter().map(|k| cx.taxonomy(*k)).collect(),
        taxonomy_terms: cx.terms(),
    }
}

/// Every published provider as an HSDS service in `lang`, in the order of the records.
pub fn services(site: &Site, lang: Lang) -> Vec<Service> {
    let cx = Ctx::new(site, lang);
    site.records
        .facilities
        .iter()
        .map(|f| service(&cx, f))
        .collect()
}

/// The date a record was last checked, if it was.
fn verified(f: &Facility) -> Option<String> {
    f.verification.as_ref().map(|v| v.date.iso())
}

/// One provider as an HSDS service in the language of `cx`.
pub fn service(cx: &Ctx, f: &Facility) -> Service {
    let r = &f.record;
    let rid = r.id.value.as_str();
    let id = cx.ids.of("service", rid);
    let org_id = cx.ids.of("organization", rid);
    let name = r.name.str(cx.lang);
    let sample = r.is_sample();
    let assured = verified(f);
    let alert = match (sample, &assured) {
        (true, _) => Some(cx.t("hsds_alert_sample")),
        (false, None) => Some(cx.t("hsds_alert_not_verified")),
        (false, Some(_)) => None,
    };
    let province = &cx.site.records.provinces[f.province];
    let province_name = province.name_in(cx.lang).to_string();
    let mut attributes = vec![cx.attribute("service", &id, TaxonomyKey::Kind, r.kind.code(), None)];
    for s in &r.services {
        attributes.push(cx.attribute("service", &id, TaxonomyKey::Service, s.code(), None));
    }
    let mut record = |code: &str, value: Option<String>| {
        if let Some(v) = value {
            let mut a = cx.attribute("service", &id, TaxonomyKey::Record, code, Some(v));
            let n = attributes
                .iter()
                .filter(|x| x.taxonomy_term_id == a.taxonomy_term_id)
                .count();
            if n > 0 {
                a.id = cx.ids.of(
                    "attribute",
                    &format!("{id}/{}/{code}/{n}", TaxonomyKey::Record.code()),
                );
            }
            attributes.push(a);
        }
    };
    record("record_id", Some(rid.to_string()));
    record("basis", Some(r.basis.value.code().to_string()));
    record("sample", sample.then(|| "true".to_string()));
    match &r.basis.value {
        Basis::Plan(p) => record("named_in_plan", Some(p.value.clone())),
        Basis::Announced(a) => {
            record("announced_act", a.act.as_ref().map(|x| x.value.clone()));
            if let Some(src) = &a.source {
                record("announced_source", Some(src.name.str(cx.lang)));
                record("announced_source_url", src.url.clone());
            }
            record("announced_date", Some(a.date.iso()));
            record("announced_issuer", cx.text(&a.issuer));
        }
        Basis::Sample => {}
    }
    record(
        "not_verified",
        assured.is_none().then(|| "true".to_string()),
    );
    if let Some(v) = &f.verification {
        record("verified_by", Some(v.by.str(cx.lang)));
        record("verification_method", Some(v.method.code().to_string()));
        record("verification_note", cx.text(&v.note));
    }
    for field in &r.inferred {
        record("inferred", Some(field.value.clone()));
    }
    record("source", cx.text(&r.source));
    record("capacity", r.capacity.map(|c| c.to_string()));
    let location_id = cx.ids.of("location", rid);
    let address_id = cx.ids.of("address", rid);
    let mut address_attributes = Vec::new();
    if let Some(p) = &r.address.former_province {
        address_attributes.push(cx.attribute(
            "address",
            &address_id,
            TaxonomyKey::Record,
            "former_province",
            Some(p.value.clone()),
        ));
    }
    if let Some(d) = &r.address.former_district {
        address_attributes.push(cx.attribute(
            "address",
            &address_id,
            TaxonomyKey::Record,
            "former_district",
            Some(d.clone()),
        ));
    }
    let location = Location {
        id: location_id.clone(),
        location_type: "physical".into(),
        organization_id: org_id.clone(),
        name: name.clone(),
        latitude: r.geo.map(|g| g.lat),
        longitude: r.geo.map(|g| g.lon),
        addresses: vec![Address {
            id: address_id.clone(),
            location_id: location_id.clone(),
            address_1: cx.text(&r.address.street).unwrap_or_default(),
            city: cx.text(&r.address.commune).unwrap_or_default(),
            state_province: province_name.clone(),
            postal_code: String::new(),
            country: "VN".into(),
            address_type: "physical".into(),
            attributes: address_attributes,
        }],
    };
    let phones = r
        .phones
        .iter()
        .zip(&f.phones)
        .enumerate()
        .map(|(i, (rec, ph))| {
            let pid = cx.ids.of("phone", &format!("{rid}/{i}"));
            let (number, kind) = match ph {
                crate::phone::Phone::Valid { tel, kind, .. } => (
                    tel.clone(),
                    if *kind == crate::phone::PhoneKind::Mobile {
                        "cell"
                    } else {
                        "voice"
                    },
                ),
                crate::phone::Phone::Fictitious { display } => (display.clone(), "voice"),
            };
            let attributes = cx
                .text(&rec.hours)
                .map(|h| {
                    vec![cx.attribute("phone", &pid, TaxonomyKey::Record, "phone_hours", Some(h))]
                })
                .unwrap_or_default();
            Phone {
                id: pid,
                service_id: id.clone(),
                number,
                r#type: Some(kind.into()),
                description: cx.text(&rec.label),
                attributes,
            }
        })
        .collect();
    let schedules = cx
        .text(&r.hours)
        .map(|h| {
            vec![Schedule {
                id: cx.ids.of("schedule", rid),
                service_id: id.clone(),
                freq: None,
                byday: None,
                opens_at: None,
                closes_at: None,
                description: Some(h),
                notes: None,
            }]
        })
        .unwrap_or_default();
    let fees_description = r.fees.as_ref().and_then(|f| cx.text(&f.notes));
    let cost_options = r
        .fees
        .as_ref()
        .map(|fees| {
            vec![CostOption {
                id: cx.ids.of("cost_option", rid),
                service_id: id.clone(),
                option: cx.t(if fees.free {
                    "facility_free"
                } else {
                    "facility_paid"
                }),
                currency: fees.free.then(|| "VND".to_string()),
                amount: fees.free.then_some(0.0),
                amount_description: fees_description.clone(),
            }]
        })
        .unwrap_or_default();
    let required_documents = cx
        .text(&r.what_to_bring)
        .map(|w| {
            w.split("; ")
                .enumerate()
                .map(|(i, d)| RequiredDocument {
                    id: cx.ids.of("required_document", &format!("{rid}/{i}")),
                    service_id: id.clone(),
                    document: d.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let languages = r
        .languages
        .iter()
        .map(|l| Language {
            id: cx.ids.of("language", &format!("{rid}/{}", l.code())),
            service_id: id.clone(),
            name: cx.site.theme.t(*l, "lang_name"),
            code: l.code().to_string(),
        })
        .collect();
    let licenses = match &r.basis.value {
        Basis::Announced(a) => Some(
            [
                a.act.as_ref().map(|x| x.value.clone()),
                a.source.as_ref().map(|s| s.name.str(cx.lang)),
                Some(a.date.iso()),
                cx.text(&a.issuer),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        ),
        _ => None,
    };
    let url = cx.site.routes.absolute(&cx.site.routes.item(
        crate::load::config::SectionKey::Facilities,
        cx.lang,
        rid,
    ));
    Service {
        id: id.clone(),
        organization_id: org_id.clone(),
        name: name.clone(),
        description: cx.text(&r.description),
        url: Some(url),
        status: if sample { "inactive" } else { "active" }.into(),
        application_process: cx.text(&r.how_to_apply),
        fees_description,
        eligibility_description: cx.text(&r.eligibility),
        assured_date: assured,
        licenses: licenses.filter(|l| !l.is_empty()),
        alert,
        phones,
        schedules,
        service_areas: vec![ServiceArea {
            id: cx.ids.of("service_area", rid),
            service_id: id.clone(),
            name: province_name,
            description: Some(cx.t("hsds_area_help")),
        }],
        service_at_locations: vec![ServiceAtLocation {
            id: cx.ids.of("service_at_location", rid),
            service_id: id.clone(),
            location_id,
            location,
        }],
        languages,
        organization: Organization {
            id: org_id,
            name: cx.text(&r.operator).unwrap_or_else(|| name.clone()),
            description: cx.t("hsds_organization_help").replace("{name}", &name),
        },
        cost_options,
        required_documents,
        attributes,
    }
}
