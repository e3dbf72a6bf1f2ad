//! YAML records: provinces, hotlines and service providers, loaded and validated.

use crate::date::Date;
use crate::diagnostics::{nearest, rel, Diagnostic, Diagnostics, Position};
use crate::load::file::read_yaml;
pub use crate::load::places::Province;
use crate::load::provenance::{Basis, Verification, VerificationRecord};
use crate::load::source::{DraftFile, LoadOptions};
use crate::phone::{self, Phone};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

/// The scope of a hotline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cost {
    Free,
    Charged,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HotlineRecord {
    pub number: Spanned<String>,
    pub name: Text,
    pub scope: Spanned<String>,
    pub hours: Text,
    pub cost: Cost,
    pub purpose: Text,
    #[serde(default)]
    pub header: bool,
    #[serde(default)]
    pub source: Option<Text>,
}

/// A hotline with its number checked.
#[derive(Debug, Clone)]
pub struct Hotline {
    pub record: HotlineRecord,
    pub phone: Phone,
}

/// The kind of a service provider, as the law defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    CompulsoryCenter,
    VoluntaryPublic,
    VoluntaryPrivate,
    Community,
    Methadone,
    Assessment,
    ReformSchool,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 7] = [
        ProviderKind::VoluntaryPublic,
        ProviderKind::VoluntaryPrivate,
        ProviderKind::Community,
        ProviderKind::Methadone,
        ProviderKind::Assessment,
        ProviderKind::CompulsoryCenter,
        ProviderKind::ReformSchool,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProviderKind::CompulsoryCenter => "compulsory_center",
            ProviderKind::VoluntaryPublic => "voluntary_public",
            ProviderKind::VoluntaryPrivate => "voluntary_private",
            ProviderKind::Community => "community",
            ProviderKind::Methadone => "methadone",
            ProviderKind::Assessment => "assessment",
            ProviderKind::ReformSchool => "reform_school",
        }
    }

    /// Whether a resident can go there of their own will.
    pub fn voluntary(self) -> bool {
        !matches!(
            self,
            ProviderKind::CompulsoryCenter | ProviderKind::ReformSchool
        )
    }
}

/// A service a provider offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    ResidentialTreatment,
    Detox,
    Counselling,
    Methadone,
    AfterCare,
    Assessment,
    VocationalTraining,
    FamilySupport,
    HivCare,
    PeerSupport,
}

impl Service {
    pub const ALL: [Service; 10] = [
        Service::ResidentialTreatment,
        Service::Detox,
        Service::Counselling,
        Service::Methadone,
        Service::AfterCare,
        Service::Assessment,
        Service::VocationalTraining,
        Service::FamilySupport,
        Service::HivCare,
        Service::PeerSupport,
    ];

    /// The code written in records (`residential_treatment`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Service::ResidentialTreatment => "residential_treatment",
            Service::Detox => "detox",
            Service::Counselling => "counselling",
            Service::Methadone => "methadone",
            Service::AfterCare => "after_care",
            Service::Assessment => "assessment",
            Service::VocationalTraining => "vocational_training",
            Service::FamilySupport => "family_support",
            Service::HivCare => "hiv_care",
            Service::PeerSupport => "peer_support",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default)]
    pub street: Option<Text>,
    #[serde(default)]
    pub commune: Option<Text>,
    pub province: Spanned<String>,
    #[serde(default)]
    pub former_province: Option<Spanned<String>>,
    #[serde(default)]
    pub former_district: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneRecord {
    pub number: Spanned<String>,
    #[serde(default)]
    pub label: Option<Text>,
    #[serde(default)]
    pub hours: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fees {
    pub free: bool,
    #[serde(default)]
    pub notes: Option<Text>,
}

/// A service-provider record as written in `content/facilities/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacilityRecord {
    pub id: Spanned<String>,
    /// How the record is known: announced by an authority, named in a plan, or a sample.
    pub basis: Spanned<Basis>,
    #[serde(default)]
    pub draft: bool,
    pub name: Text,
    pub kind: ProviderKind,
    /// A few plain sentences about the provider (HSDS `description`).
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub operator: Option<Text>,
    pub address: Address,
    #[serde(default)]
    pub geo: Option<Geo>,
    #[serde(default)]
    pub phones: Vec<PhoneRecord>,
    #[serde(default)]
    pub hours: Option<Text>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub fees: Option<Fees>,
    #[serde(default)]
    pub eligibility: Option<Text>,
    #[serde(default)]
    pub how_to_apply: Option<Text>,
    #[serde(default)]
    pub what_to_bring: Option<Text>,
    #[serde(default)]
    pub languages: Vec<crate::lang::Lang>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub source: Option<Text>,
    /// Who checked the record, how and when; absent when nobody has.
    #[serde(default)]
    pub verification: Option<Spanned<VerificationRecord>>,
    /// The field that held a bare date before verifications named who checked; refused with the fix.
    #[serde(default)]
    pub last_verified: Option<Spanned<Date>>,
    /// Fields an editor inferred rather than read in the source (`address.former_district`, ...).
    #[serde(default)]
    pub inferred: Vec<Spanned<String>>,
    /// A public note for the change this commit makes (shown in the provider's history).
    #[serde(default)]
    pub change_note: Option<Text>,
}

impl FacilityRecord {
    /// Whether the record is a demonstration record.
    pub fn is_sample(&self) -> bool {
        matches!(self.basis.value, Basis::Sample)
    }
}

/// A provider with its phones checked and its province found.
#[derive(Debug, Clone)]
pub struct Facility {
    pub file: PathBuf,
    pub record: FacilityRecord,
    pub phones: Vec<Phone>,
    /// Index into the provinces list.
    pub province: usize,
    /// The record's verification, complete; `None` when nobody has checked it.
    pub verification: Option<Verification>,
    /// The spreadsheet row the record was read from (`None` for a YAML file).
    pub row: Option<std::sync::Arc<crate::load::sheets::RowPlace>>,
    /// [`Facility::hash`], once asked for: a record taken over unchanged by an edit (cloned,
    /// [`reload_providers`]) keeps it, so that after an edit only the edited record is hashed.
    hashed: Hashed,
}

/// A provider's hash once made ([`Facility::hash`]); what `{:?}` shows of it is always the
/// same, so that a record's `Debug` form (what [`crate::resolve::reads::record_changes`]
/// compares) does not depend on whether it was hashed.
#[derive(Clone, Default)]
struct Hashed(std::sync::OnceLock<u128>);

impl std::fmt::Debug for Hashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("_")
    }
}

impl Facility {
    /// A 128-bit hash of every field of the record as `{:?}` shows it (records are compared by
    /// their `Debug` form, [`crate::resolve::reads::record_changes`]), made once per record:
    /// formatting 2 500 records took 0.4–0.6 s of a provider edit in `minh serve`.
    pub fn hash(&self) -> u128 {
        *self.hashed.0.get_or_init(|| debug_hash(self))
    }

    /// Where the record is written: its file, or its spreadsheet's file, sheet and row.
    pub fn place(&self) -> crate::messages::Text {
        match &self.row {
            Some(r) => r.describe(&self.file),
            None => crate::messages::Text::same(self.file.display().to_string()),
        }
    }

    /// `d`, positioned in the record, moved to the spreadsheet cell when the record is a row.
    pub fn locate(&self, d: Diagnostic) -> Diagnostic {
        match &self.row {
            Some(r) => r.locate(d),
            None => d,
        }
    }
}

/// A 128-bit hash of what `v` shows with `{:?}`.
pub fn debug_hash(v: &dyn std::fmt::Debug) -> u128 {
    use siphasher::sip128::Hasher128 as _;
    use std::fmt::Write as _;
    struct Hashing(siphasher::sip128::SipHasher13);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            std::hash::Hasher::write(&mut self.0, s.as_bytes());
            Ok(())
        }
    }
    let mut h = Hashing(siphasher::sip128::SipHasher13::new());
    let _ = write!(h, "{v:?}");
    h.0.finish128().into()
}

/// All records of the site.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub provinces: Vec<Province>,
    /// Other spellings of place names (content/place-aliases.yaml).
    pub place_aliases: crate::load::places::PlaceAliases,
    pub hotlines: Vec<Hotline>,
    pub facilities: Vec<Facility>,
    /// Statistics datasets, already protected by disclosure control (see `stats`).
    /// Files left out of the site because they say `draft: true`.
    pub drafts: Vec<DraftFile>,
}

impl Records {
    /// The draft that `dir`/`stem` names, in `lang` when given.
    pub fn draft(
        &self,
        dir: &str,
        stem: &str,
        lang: Option<crate::lang::Lang>,
    ) -> Option<&DraftFile> {
        self.drafts.iter().find(|d| {
            d.dir == dir && d.stem == stem && (lang.is_none() || d.lang.is_none() || d.lang == lang)
        })
    }
}

/// Loads provinces, hotlines and providers (YAML files and spreadsheet rows, with columns for
/// `langs`); problems go into `diags`.
pub fn load(
    root: &Path,
    langs: &[crate::lang::Lang],
    opts: LoadOptions,
    diags: &mut Diagnostics,
) -> Records {
    let provinces = load_provinces(root, diags);
    let place_aliases = crate::load::places::load(root, &provinces, diags);
    let hotlines = load_hotlines(root, &provinces, diags);
    let mut drafts = Vec::new();
    let facilities = load_facilities(root, &provinces, langs, opts, diags, &mut drafts);
    Records {
        provinces,
        place_aliases,
        hotlines,
        facilities,
        drafts,
    }
}

fn pos<T>(s: &Spanned<T>) -> Position {
    Position::new(s.referenced.line(), s.referenced.column())
}

fn load_provinces(root: &Path, diags: &mut Diagnostics) -> Vec<Province> {
    let path = root.join("content/provinces.yaml");
    if !path.exists() {
        return Vec::new();
    }
    read_yaml(root, &path, diags).unwrap_or_default()
}

/// A province name folded for comparison: no diacritics, no case, no "tỉnh"/"thành phố"/"TP" prefix,
/// abbreviations of Hồ Chí Minh City spelled out.
fn province_key(name: &str) -> String {
    let f = crate::slug::fold(name)
        .replace(['.', '-', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let f = ["tinh ", "thanh pho ", "tp "]
        .iter()
        .fold(f, |f, p| f.strip_prefix(p).map(str::to_string).unwrap_or(f));
    match f.as_str() {
        "hcm" | "tphcm" | "tp hcm" | "sai gon" | "sg" | "hcmc" | "ho chi minh city" => {
            "ho chi minh".to_string()
        }
        "hn" => "ha noi".to_string(),
        "hue city" => "hue".to_string(),
        _ => f,
    }
}

/// The current province `value` means, with the hint to give when it is not written right.
pub fn match_province<'a>(
    provinces: &'a [Province],
    value: &str,
) -> Result<usize, crate::catalogue::values::ProvinceHint<'a>> {
    use crate::catalogue::values::ProvinceHint;
    if let Some(i) = provinces.iter().position(|p| p.name == value) {
        return Ok(i);
    }
    let key = province_key(value);
    for p in provinces {
        if let Some(former) = p
            .former
            .iter()
            .find(|f| **f == value || province_key(f) == key)
        {
            if *former != p.name {
                return Err(ProvinceHint::Former {
                    former,
                    current: &p.name,
                });
            }
        }
    }
    if let Some(p) = provinces.iter().find(|p| province_key(&p.name) == key) {
        return Err(ProvinceHint::Spelled(&p.name));
    }
    match nearest(value, provinces.iter().map(|p| p.name.as_str())) {
        Some(n) => Err(ProvinceHint::Nearest(n)),
        None => Err(ProvinceHint::None),
    }
}

/// The name, spelled right, of the current or former province `value` means, if any.
pub fn spelled_province<'a>(provinces: &'a [Province], value: &str) -> Option<&'a str> {
    let key = province_key(value);
    provinces
        .iter()
        .flat_map(|p| std::iter::once(&p.name).chain(p.former.iter()))
        .find(|n| province_key(n) == key)
        .map(String::as_str)
}

/// Finds a current province by name, or says exactly what to write in `field`.
pub fn find_province(
    provinces: &[Province],
    name: &Spanned<String>,
    file: &Path,
    field: crate::catalogue::values::ProvinceField,
) -> Result<usize, Box<Diagnostic>> {
    match_province(provinces, &name.value).map_err(|hint| {
        Box::new(
            Diagnostic::error(
                file,
                crate::catalogue::values::unknown_province(&name.value, field, hint),
            )
            .at(pos(name)),
        )
    })
}

fn load_hotlines(root: &Path, provinces: &[Province], diags: &mut Diagnostics) -> Vec<Hotline> {
    let path = root.join("content/hotlines.yaml");
    if !path.exists() {
        return Vec::new();
    }
    let file = rel(root, &path);
    let records: Vec<HotlineRecord> = read_yaml(root, &path, diags).unwrap_or_default();
    let mut out = Vec::new();
    for r in records {
        if r.scope.value != "national" {
            if let Err(d) = find_province(
                provinces,
                &r.scope,
                &file,
                crate::catalogue::values::ProvinceField::HotlineScope,
            ) {
                diags.push(*d);
            }
        }
        match phone::parse(&r.number.value, false) {
            Ok(phone) => out.push(Hotline { record: r, phone }),
            Err(msg) => diags.push(
                Diagnostic::error(
                    &file,
                    crate::catalogue::records::invalid_phone(
                        msg,
                        phone::leading_number(&r.number.value).as_deref(),
                    ),
                )
                .at(pos(&r.number)),
            ),
        }
    }
    out
}

fn load_facilities(
    root: &Path,
    provinces: &[Province],
    langs: &[crate::lang::Lang],
    opts: LoadOptions,
    diags: &mut Diagnostics,
    drafts: &mut Vec<DraftFile>,
) -> Vec<Facility> {
    let dir = root.join("content/facilities");
    let mut paths: Vec<PathBuf> = crate::walk::sorted(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                || crate::load::sheets::is_spreadsheet(p)
        })
        .collect();
    paths.sort();
    let mut out: Vec<Facility> = Vec::new();
    for path in paths {
        let file = rel(root, &path);
        if crate::load::sheets::is_spreadsheet(&path) {
            load_rows(&path, file, provinces, langs, opts, diags, drafts, &mut out);
            continue;
        }
        let Some(record) = read_yaml::<FacilityRecord>(root, &path, diags) else {
            continue;
        };
        if record.draft && !opts.include_drafts {
            drafts.push(DraftFile {
                dir: "facilities".into(),
                stem: record.id.value.clone(),
                file,
                lang: None,
            });
            continue;
        }
        if let Some(f) = check_facility(record, file, None, provinces, &out, diags) {
            out.push(f);
        }
    }
    // By id, so a provider's place in every list does not depend on the file or row it is in.
    out.sort_by(|a, b| a.record.id.value.cmp(&b.record.id.value));
    out
}

/// The records after edits of provider YAML files only (`edited`, relative to the root): those
/// files read and checked again as [`load`] does, every other record taken from `prev` as it is.
/// `None` when an edited file is not exactly one provider of `prev` (added, removed, a spreadsheet,
/// a draft left out): then everything must be loaded again.
pub fn reload_providers(
    root: &Path,
    prev: &Records,
    edited: &[PathBuf],
    opts: LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Records> {
    let mut next = prev.clone();
    for file in edited {
        let at: Vec<usize> = (0..next.facilities.len())
            .filter(|i| &next.facilities[*i].file == file)
            .collect();
        let [i] = at[..] else { return None };
        if !file.starts_with("content/facilities") || crate::load::sheets::is_spreadsheet(file) {
            return None;
        }
        let record = read_yaml::<FacilityRecord>(root, &root.join(file), diags)?;
        if record.draft && !opts.include_drafts {
            return None;
        }
        let id = &record.id.value;
        let taken =
            (next.facilities.iter().enumerate()).any(|(j, f)| j != i && &f.record.id.value == id);
        if taken {
            return None;
        }
        let f = check_facility(record, file.clone(), None, &prev.provinces, &[], diags)?;
        next.facilities[i] = f;
    }
    next.facilities
        .sort_by(|a, b| a.record.id.value.cmp(&b.record.id.value));
    Some(next)
}

/// The providers of one spreadsheet, each row read and checked as a YAML record is.
#[allow(clippy::too_many_arguments)]
fn load_rows(
    path: &Path,
    file: PathBuf,
    provinces: &[Province],
    langs: &[crate::lang::Lang],
    opts: LoadOptions,
    diags: &mut Diagnostics,
    drafts: &mut Vec<DraftFile>,
    out: &mut Vec<Facility>,
) {
    for row in crate::load::sheets::records(path, &file, langs, diags) {
        let had_errors = !row.diags.is_empty();
        diags.extend(row.diags.iter().cloned());
        let record = match crate::yaml::parse::<FacilityRecord>(&row.yaml, &file, 0) {
            Ok(r) => r,
            Err(d) => {
                diags.push(row.place_parse_error(&file, *d));
                continue;
            }
        };
        if record.draft && !opts.include_drafts {
            drafts.push(DraftFile {
                dir: "facilities".into(),
                stem: record.id.value.clone(),
                file: file.clone(),
                lang: None,
            });
            continue;
        }
        let place = std::sync::Arc::new(row.place);
        let mut found = Diagnostics::new();
        let f = check_facility(
            record,
            file.clone(),
            Some(place.clone()),
            provinces,
            out,
            &mut found,
        );
        diags.extend(found.into_iter().map(|d| place.locate(d)));
        if let (Some(f), false) = (f, had_errors) {
            out.push(f);
        }
    }
}

fn check_facility(
    record: FacilityRecord,
    file: PathBuf,
    row: Option<std::sync::Arc<crate::load::sheets::RowPlace>>,
    provinces: &[Province],
    seen: &[Facility],
    diags: &mut Diagnostics,
) -> Option<Facility> {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut ok = true;
    if row.is_none() && record.id.value != stem {
        ok = false;
        diags.push(
            Diagnostic::error(
                &file,
                crate::catalogue::records::id_mismatch(&record.id.value, stem),
            )
            .at(pos(&record.id)),
        );
    } else if !crate::slug::is_slug(&record.id.value) {
        ok = false;
        let id = &record.id.value;
        let said = match row {
            None => crate::catalogue::records::invalid_id(id, &crate::slug::slugify(id)),
            Some(_) => crate::catalogue::records::invalid_row_id(id, &crate::slug::slugify(id)),
        };
        diags.push(Diagnostic::error(&file, said).at(pos(&record.id)));
    }
    if let Some(other) = seen.iter().find(|f| f.record.id.value == record.id.value) {
        ok = false;
        let said = match (&row, &other.row) {
            (None, None) => crate::catalogue::records::duplicate_id(
                &record.id.value,
                &other.file.display().to_string(),
            ),
            (here, _) => {
                let here = match here {
                    Some(r) => r.describe(&file),
                    None => crate::messages::Text::same(file.display().to_string()),
                };
                crate::catalogue::sheets::duplicate_provider(
                    &record.id.value,
                    &here,
                    &other.place(),
                )
            }
        };
        diags.push(Diagnostic::error(&file, said).at(pos(&record.id)));
    }
    let field = match row {
        Some(_) => crate::catalogue::values::ProvinceField::SheetColumn,
        None => crate::catalogue::values::ProvinceField::Address,
    };
    let province = match find_province(provinces, &record.address.province, &file, field) {
        Ok(i) => Some(i),
        Err(d) => {
            diags.push(*d);
            None
        }
    };
    if let (Some(i), Some(former)) = (province, &record.address.former_province) {
        if !provinces[i].former.contains(&former.value) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    &file,
                    crate::catalogue::values::unknown_former_province(
                        &former.value,
                        &provinces[i].name,
                        &provinces[i].former,
                    ),
                )
                .at(pos(former)),
            );
        }
    }
    let mut phones = Vec::new();
    for p in &record.phones {
        match phone::parse(&p.number.value, record.is_sample()) {
            Ok(ph) => {
                check_area(&ph, province.map(|i| &provinces[i]), p, &file, diags);
                phones.push(ph)
            }
            Err(msg) => {
                ok = false;
                diags.push(
                    Diagnostic::error(
                        &file,
                        crate::catalogue::records::invalid_phone(
                            msg,
                            phone::leading_number(&p.number.value).as_deref(),
                        ),
                    )
                    .at(pos(&p.number)),
                )
            }
        }
    }
    if let Some(g) = record.geo {
        if !(8.0..=24.0).contains(&g.lat) || !(102.0..=110.0).contains(&g.lon) {
            diags.push(Diagnostic::warning(
                &file,
                crate::catalogue::records::geo_outside(g.lat, g.lon),
            ));
        }
    }
    let verification = match (&record.verification, &record.last_verified) {
        (_, Some(date)) => {
            ok = false;
            diags.push(*crate::load::provenance::last_verified_error(date, &file));
            None
        }
        (Some(v), None) => match crate::load::provenance::verified(v, &file) {
            Ok(v) => Some(v),
            Err(d) => {
                ok = false;
                diags.push(*d);
                None
            }
        },
        (None, None) => None,
    };
    if let Basis::Announced(a) = &record.basis.value {
        if let Some(d) = crate::load::provenance::check_announced(a, &file, pos(&record.basis)) {
            ok = false;
            diags.push(*d);
        }
    }
    for f in &record.inferred {
        if let Some(d) = crate::load::provenance::check_inferred(
            f,
            crate::load::provenance::FACILITY_INFERABLE,
            &file,
        ) {
            ok = false;
            diags.push(*d);
        }
    }
    match (ok, province) {
        (true, Some(province)) => Some(Facility {
            file,
            record,
            phones,
            province,
            verification,
            row,
            hashed: Hashed::default(),
        }),
        _ => None,
    }
}

fn check_area(
    ph: &Phone,
    province: Option<&Province>,
    p: &PhoneRecord,
    file: &Path,
    diags: &mut Diagnostics,
) {
    if let (Phone::Valid { area_provinces, .. }, Some(prov)) = (ph, province) {
        if !area_provinces.is_empty()
            && !area_provinces
                .iter()
                .any(|a| prov.former.iter().any(|f| f == a))
        {
            diags.push(
                Diagnostic::warning(
                    file,
                    crate::catalogue::records::phone_area(
                        &p.number.value,
                        &area_provinces.join(", "),
                        &prov.name,
                    ),
                )
                .at(pos(&p.number)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Hashed;

    /// A record compares by its `Debug` form: whether its hash was made must not change it, and a
    /// record taken over unchanged (cloned) keeps the hash made before.
    #[test]
    fn a_hash_once_made_is_cloned_and_does_not_show_in_debug() {
        let fresh = Hashed::default();
        let before = format!("{fresh:?}");
        assert_eq!(*fresh.0.get_or_init(|| 7), 7);
        assert_eq!(format!("{fresh:?}"), before);
        let taken = fresh.clone();
        assert_eq!(taken.0.get(), Some(&7));
        assert_eq!(Hashed::default().0.get(), None);
    }
}
