//! `minh import plan`: reads a plan's Word or text copy and writes its page with front matter,
//! legal basis and targets, plus a report of what was found and what to confirm.
//!
//! Phases, each using only the ones before: [`source`] (lines, NFC) → [`layout`] (Decree 30
//! parts) → [`reflow`] (paragraphs and blocks) → [`area`], [`cite`], [`targets`] (facts) →
//! [`page`] (the file) and [`report`] (what the official reads).

pub mod area;
pub mod casing;
pub mod cite;
pub mod docx;
pub mod layout;
pub mod page;
pub mod reflow;
pub mod report;
pub mod source;
pub mod targets;

use crate::date::PartialDate;
use area::{Area, Fact, Inference, Issuer, Level};
use layout::Found;
use source::Format;
use std::path::{Path, PathBuf};

/// Why an import stopped; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Unreadable(String),
    Empty,
    NotText,
    NotDocx(docx::DocxProblem),
    Unsupported(String),
    /// No kind line, or the kind line of another kind of document.
    NotAPlan(Option<Found>),
    /// The document names no province, and none was given.
    NoProvince,
    NoIssuer,
    BadName(String),
    NoSite(PathBuf),
    Exists(PathBuf),
    Write(String),
}

/// What `minh import plan` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder.
    pub root: PathBuf,
    pub file: PathBuf,
    /// The page's file name (without .vi.md); made from the place, number and year when absent.
    pub name: Option<String>,
    /// The province, when the document does not name it.
    pub province: Option<String>,
}

/// The signer, as the signature block gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: Fact,
    pub role: Option<Fact>,
    /// "TM. Ủy ban nhân dân, KT. Chủ tịch"
    pub capacity: Option<Fact>,
}

/// Everything read from the document.
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: Format,
    pub source_name: String,
    pub kind: Found,
    pub title: Fact,
    pub number: Option<Fact>,
    /// The number line when it leaves the number blank ("Số: /TTr-UBND").
    pub number_blank: Option<Found>,
    pub issuer: Issuer,
    pub issued: Option<(PartialDate, Found)>,
    pub period: (i32, i32, Fact),
    pub area: Area,
    pub signer: Option<Signer>,
    pub signature_stray: Vec<Found>,
    pub summary: String,
    pub legal: Vec<cite::Matched>,
    pub targets_part: Option<Found>,
    pub targets: Vec<targets::Target>,
    pub nodes: Vec<reflow::Node>,
    pub body: String,
    pub recipients: Vec<Found>,
    pub ignored: Vec<Found>,
    pub dropped: Vec<Found>,
    pub typos: Vec<Found>,
    pub motto: Vec<Found>,
}

impl Plan {
    /// The body's headings (level, text): the document's parts.
    pub fn headings(&self) -> Vec<(u8, String)> {
        reflow::headings(&self.nodes)
    }

    /// Site acts of the legal basis, in the order the text first cites them.
    pub fn legal_basis(&self) -> Vec<String> {
        self.legal.iter().filter_map(|m| m.act.clone()).collect()
    }
}

fn fact(value: impl Into<String>, found: &Found) -> Fact {
    Fact {
        value: value.into(),
        found: Some(found.clone()),
        inferred: None,
    }
}

/// "PHÓ CHỦ TỊCH" → "Phó Chủ tịch"; "KT. CHỦ TỊCH" → "KT. Chủ tịch".
pub fn role_case(s: &str) -> String {
    if !casing::is_upper(s) {
        return s.to_string();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    let mut cap_next = true;
    for w in words {
        let lower = w.to_lowercase();
        if w.ends_with('.') && w.len() <= 4 {
            // "TM.", "KT.": kept in capitals; the next word starts the title.
            out.push(w.to_string());
            cap_next = true;
            continue;
        }
        if cap_next {
            out.push(casing::title_word(&lower));
            cap_next = lower == "phó";
        } else {
            out.push(lower);
        }
    }
    out.join(" ")
}

/// Reads and analyses the document; writes nothing.
pub fn analyse(
    doc: &source::Document,
    source_name: &str,
    root: &Path,
    province: Option<&str>,
) -> Result<Plan, ImportError> {
    let layout = layout::parse(doc)?;
    let provinces = area::provinces(root);
    let body_lines = &doc.lines[layout.body.0..layout.body.1];
    let (paras, dropped) = reflow::paragraphs(body_lines);
    let all_text: Vec<String> = paras.iter().map(|p| p.text.clone()).collect();
    let names = area::learn_names(all_text.iter().map(String::as_str), &provinces);
    let nodes = reflow::blocks(&paras, &names);

    // Issuer and area.
    let text_case = |upper: &str| -> Option<String> {
        let key = crate::slug::slugify(upper);
        all_text.iter().find_map(|t| {
            let p = casing::plain(t);
            let words: Vec<&str> = p.split_whitespace().collect();
            let n = upper.split_whitespace().count();
            words.windows(n).find_map(|w| {
                let cand = w.join(" ");
                (crate::slug::slugify(&cand) == key && !casing::is_upper(&cand)).then_some(cand)
            })
        })
    };
    let issuer = area::issuer_from_header(&layout.issuer, &provinces, &text_case)
        .filter(|i| i.level.is_some() || layout.issuer.len() > 1)
        .or_else(|| area::issuer_from_text(&nodes, &provinces))
        .or_else(|| area::issuer_from_header(&layout.issuer, &provinces, &text_case))
        .ok_or(ImportError::NoIssuer)?;

    let mut area = Area {
        level: issuer.level,
        ..Area::default()
    };
    let place_fact = |value: &str| Fact {
        value: value.to_string(),
        found: issuer.fact.found.clone(),
        inferred: issuer.fact.inferred.clone(),
    };
    match issuer.level {
        Some(Level::Province) => area.province = issuer.place.as_deref().map(place_fact),
        Some(Level::District) => area.district = issuer.place.as_deref().map(place_fact),
        Some(Level::Commune) => area.commune = issuer.place.as_deref().map(place_fact),
        None => {}
    }
    if area.province.is_none() {
        area.province = area::mentioned(&nodes, &provinces, true);
    }
    if area.level == Some(Level::Commune) && area.district.is_none() {
        area.district = area::mentioned(&nodes, &provinces, false);
    }

    // Date and period.
    let issued = layout.date.as_ref().map(|(d, found)| {
        let date = match (d.day, d.month) {
            (Some(day), Some(m)) => chrono::NaiveDate::from_ymd_opt(d.year, m, day)
                .map(PartialDate::Day)
                .unwrap_or(PartialDate::Month(d.year, m)),
            (None, Some(m)) => PartialDate::Month(d.year, m),
            _ => PartialDate::Year(d.year),
        };
        (date, found.clone())
    });

    // Title.
    let kind = layout.kind.clone().ok_or(ImportError::NotAPlan(None))?;
    let kind_text = role_case(&kind.text);
    let title_raw = layout
        .title
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let title_sc = names.sentence_case(&title_raw);
    let words: Vec<&str> = title_sc.split_whitespace().collect();
    let keep_first = words.len() > 1 && names.is_name(words[0], words[1]);
    let title_value = if title_sc.is_empty() {
        kind_text.clone()
    } else if keep_first {
        format!("{kind_text} {title_sc}")
    } else {
        format!("{kind_text} {}", casing::lower_first(&title_sc))
    };
    let title_found = Found {
        line: kind.line,
        text: std::iter::once(kind.text.as_str())
            .chain(layout.title.iter().map(|f| f.text.as_str()))
            .collect::<Vec<_>>()
            .join(" / "),
    };
    let title = fact(title_value, &title_found);

    let period = period_of(&title, issued.as_ref());

    // Legal basis.
    let mut own = cite::OwnPlace {
        province: area.province.as_ref().map(|f| f.value.clone()),
        district: area.district.as_ref().map(|f| f.value.clone()),
        when: issued
            .as_ref()
            .map(|(d, _)| *d)
            .or(Some(PartialDate::Year(period.0))),
    };
    if area.level == Some(Level::District) {
        own.district = issuer.place.clone();
    }
    let cites: Vec<cite::Citation> = nodes
        .iter()
        .flat_map(|n| cite::citations(&n.plain, n.line))
        .collect();
    let acts = cite::site_acts(root);
    let legal = cite::match_all(cites, &acts, &own);
    if area.province.is_none() {
        if let Some((place, found, act)) = cite::place_from_acts(&legal, &acts, "tỉnh") {
            area.province = Some(Fact {
                value: place,
                found: Some(found),
                inferred: Some(Inference::FromAct { act }),
            });
        }
    }
    if area.province.is_none() {
        if let Some(p) = province {
            area.province = Some(Fact {
                value: p.to_string(),
                found: None,
                inferred: Some(Inference::FromOption),
            });
        }
    }
    if area.level == Some(Level::Commune) && area.district.is_none() {
        if let Some((place, found, act)) = cite::place_from_acts(&legal, &acts, "huyện") {
            area.district = Some(Fact {
                value: place,
                found: Some(found),
                inferred: Some(Inference::FromAct { act }),
            });
        }
    }
    area.current_province = area.province.as_ref().and_then(|p| {
        area::current_of(&provinces, &p.value).map(|c| {
            (
                c.name.clone(),
                crate::slug::slugify(&c.name) != crate::slug::slugify(&p.value),
            )
        })
    });

    // Targets.
    let (targets_part, targets) = targets::extract(&nodes, period.1);

    // Signer.
    let sig = &layout.signature;
    let signer = sig.name.as_ref().map(|n| Signer {
        name: fact(
            if casing::is_upper(&n.text) {
                casing::title_case(&n.text)
            } else {
                n.text.clone()
            },
            n,
        ),
        role: sig.role.as_ref().map(|r| fact(role_case(&r.text), r)),
        capacity: (!sig.capacity.is_empty()).then(|| Fact {
            value: sig
                .capacity
                .iter()
                .map(|c| role_case(&c.text))
                .collect::<Vec<_>>()
                .join(", "),
            found: Some(Found {
                line: sig.capacity[0].line,
                text: sig
                    .capacity
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
            }),
            inferred: None,
        }),
    });

    let number = layout
        .number
        .as_ref()
        .and_then(|n| n.number.as_ref().map(|v| fact(v.clone(), &n.found)));
    let number_blank = layout
        .number
        .as_ref()
        .filter(|n| n.number.is_none())
        .map(|n| n.found.clone());

    let summary = page::summary(
        &title.value,
        &issuer.fact.value,
        issued.as_ref().map(|d| d.0),
    );
    let body = reflow::markdown(&nodes, &layout.recipients, "Nơi nhận");
    let typos = reflow::likely_typos(&nodes);
    Ok(Plan {
        format: doc.format,
        source_name: source_name.to_string(),
        kind,
        title,
        number,
        number_blank,
        issuer,
        issued,
        period,
        area,
        signer,
        signature_stray: layout.signature.stray.clone(),
        summary,
        legal,
        targets_part,
        targets,
        nodes,
        body,
        recipients: layout.recipients.clone(),
        ignored: layout.ignored.clone(),
        dropped,
        typos,
        motto: layout.motto.clone(),
    })
}

/// The period from the title ("giai đoạn 2022-2025", "năm 2024"), else the year of issue.
fn period_of(title: &Fact, issued: Option<&(PartialDate, Found)>) -> (i32, i32, Fact) {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(\d{4})\s*[-–—]\s*(\d{4})|(?i:năm)\s+(\d{4})").expect("regex")
    });
    if let Some(c) = RANGE.captures(&title.value) {
        let found = title.found.clone();
        if let (Some(a), Some(b)) = (c.get(1), c.get(2)) {
            let (a, b) = (
                a.as_str().parse().unwrap_or(0),
                b.as_str().parse().unwrap_or(0),
            );
            return (
                a,
                b,
                Fact {
                    value: format!("{a}–{b}"),
                    found,
                    inferred: None,
                },
            );
        }
        if let Some(y) = c.get(3) {
            let y: i32 = y.as_str().parse().unwrap_or(0);
            return (
                y,
                y,
                Fact {
                    value: y.to_string(),
                    found,
                    inferred: None,
                },
            );
        }
    }
    let y = issued.map(|(d, _)| d.year()).unwrap_or(0);
    (
        y,
        y,
        Fact {
            value: y.to_string(),
            found: issued.map(|(_, f)| f.clone()),
            inferred: Some(Inference::FromText),
        },
    )
}

/// The page's file name: place, number and year ("tan-chau-73-kh-ubnd-2022"), or place and
/// period when the number is blank ("hoang-xuan-ke-hoach-2021").
pub fn default_name(plan: &Plan) -> String {
    let place = plan
        .issuer
        .place
        .as_deref()
        .map(crate::slug::slugify)
        .unwrap_or_else(|| "ke-hoach".into());
    let year = plan
        .issued
        .as_ref()
        .map(|(d, _)| d.year())
        .unwrap_or(plan.period.0);
    match &plan.number {
        Some(n) => format!("{place}-{}-{year}", crate::slug::slugify(&n.value)),
        None if plan.period.0 != plan.period.1 => {
            format!("{place}-ke-hoach-{}-{}", plan.period.0, plan.period.1)
        }
        None => format!("{place}-ke-hoach-{}", plan.period.0),
    }
}

/// The outcome of an import: the page written and what to tell the official.
pub struct Imported {
    pub plan: Plan,
    /// The page, relative to the site's folder.
    pub path: PathBuf,
    pub text: String,
}

/// Reads the file, analyses it and writes the page; never overwrites a file.
pub fn run(opts: &Options) -> Result<Imported, ImportError> {
    if !opts.root.join("content").is_dir() {
        return Err(ImportError::NoSite(opts.root.clone()));
    }
    if let Some(name) = &opts.name {
        if !crate::slug::is_slug(name) {
            return Err(ImportError::BadName(name.clone()));
        }
    }
    let doc = source::read(&opts.file)?;
    let source_name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan = analyse(&doc, &source_name, &opts.root, opts.province.as_deref())?;
    if plan.area.province.is_none() || plan.area.current_province.is_none() {
        return Err(ImportError::NoProvince);
    }
    let name = opts.name.clone().unwrap_or_else(|| default_name(&plan));
    let path = PathBuf::from(format!("content/plans/{name}.vi.md"));
    let text = page::render(&plan);
    let full = opts.root.join(&path);
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ImportError::Write(e.to_string()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ImportError::Exists(path.clone()),
            _ => ImportError::Write(e.to_string()),
        })?;
    if let Err(e) = std::io::Write::write_all(&mut file, text.as_bytes()) {
        drop(file);
        let _ = std::fs::remove_file(&full);
        return Err(ImportError::Write(e.to_string()));
    }
    Ok(Imported { plan, path, text })
}
