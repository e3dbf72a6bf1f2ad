//! Open Referral HSDS 3.0: the provider directory as HSDS services (JSON and tabular), and back.
//!
//! One package per site language under `data/hsds/<lang>/`: HSDS text fields hold one language,
//! so each package holds the site's text in its language, with the same UUIDs in every package.
//! Ids are UUID v5 under a namespace derived from the site's `base_url`, so they stay the same from
//! build to build. See `export` for the mapping of every field and `tabular` for the CSV form.

pub mod export;
pub mod import;
pub mod model;
pub mod package;
pub mod tabular;

use uuid::Uuid;

/// The folder of the HSDS package in `lang`, in the built site.
pub fn dir(lang: crate::lang::Lang) -> String {
    format!("data/hsds/{}", lang.code())
}

/// Makes the stable UUIDs of one site.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    namespace: Uuid,
}

impl Ids {
    /// The ids of the site published at `base_url`.
    pub fn new(base_url: &str) -> Ids {
        Ids {
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, base_url.as_bytes()),
        }
    }

    /// The UUID of the object of `kind` known by `key` (e.g. `service`, the record id).
    pub fn of(&self, kind: &str, key: &str) -> String {
        Uuid::new_v5(&self.namespace, format!("{kind}/{key}").as_bytes()).to_string()
    }
}

/// One of the site's taxonomies published with the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxonomyKey {
    /// Kinds of provider (`ProviderKind`).
    Kind,
    /// Services a provider offers (`Service`).
    Service,
    /// Facts about the record HSDS has no field for.
    Record,
}

impl TaxonomyKey {
    pub const ALL: [TaxonomyKey; 3] =
        [TaxonomyKey::Kind, TaxonomyKey::Service, TaxonomyKey::Record];

    /// The taxonomy's short name, used in ids and in `taxonomy_term.taxonomy`.
    pub fn code(self) -> &'static str {
        match self {
            TaxonomyKey::Kind => "minh-provider-kind",
            TaxonomyKey::Service => "minh-service",
            TaxonomyKey::Record => "minh-record",
        }
    }

    /// The theme string key of its name (description: `<key>_help`).
    pub fn label_key(self) -> &'static str {
        match self {
            TaxonomyKey::Kind => "hsds_taxonomy_kind",
            TaxonomyKey::Service => "hsds_taxonomy_service",
            TaxonomyKey::Record => "hsds_taxonomy_record",
        }
    }
}

/// The terms of the `minh-record` taxonomy: facts about a record that HSDS has no field for.
pub const RECORD_TERMS: [&str; 19] = [
    "record_id",
    "basis",
    "sample",
    "named_in_plan",
    "announced_act",
    "announced_source",
    "announced_source_url",
    "announced_date",
    "announced_issuer",
    "not_verified",
    "verified_by",
    "verification_method",
    "verification_note",
    "inferred",
    "source",
    "capacity",
    "phone_hours",
    "former_province",
    "former_district",
];
