//! The issuer and the area it governs: province, district, commune, and the province it belongs
//! to since the July 2025 merger (content/provinces.yaml).

use super::casing::{self, title_case, title_word, Names};
use super::layout::Found;
use super::reflow::Node;
use crate::load::records::Province;
use crate::slug::slugify;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The administrative level of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

/// A fact with where it was read, or why it was inferred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub value: String,
    pub found: Option<Found>,
    /// Set when the document does not state the fact where the layout puts it: how it was worked out.
    pub inferred: Option<Inference>,
}

/// How a fact was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inference {
    /// The body names it ("Ủy ban nhân dân huyện Tân Châu xây dựng Kế hoạch").
    FromText,
    /// The body names the place ("tỉnh ủy Thanh Hóa").
    Mentioned { times: usize },
    /// A cited act says "của Ủy ban nhân dân tỉnh", and the site's copy of it names the province.
    FromAct { act: String },
    /// Given on the command line.
    FromOption,
}

/// The issuing body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub fact: Fact,
    pub level: Option<Level>,
    /// The place the issuer governs ("Quảng Nam").
    pub place: Option<String>,
    /// A superior body written above the issuer ("UBND TỈNH QUẢNG NAM" above "SỞ Y TẾ").
    pub parent: Option<String>,
}

/// The area, as the plan's front matter writes it.
#[derive(Debug, Clone, Default)]
pub struct Area {
    pub level: Option<Level>,
    pub province: Option<Fact>,
    pub district: Option<Fact>,
    pub commune: Option<Fact>,
    /// The province today, and whether it differs (a merger).
    pub current_province: Option<(String, bool)>,
}

const UNITS: &[(&str, Level)] = &[
    ("thanh-pho", Level::District),
    ("thi-xa", Level::District),
    ("thi-tran", Level::Commune),
    ("tinh", Level::Province),
    ("huyen", Level::District),
    ("quan", Level::District),
    ("xa", Level::Commune),
    ("phuong", Level::Commune),
    ("dac-khu", Level::Commune),
];

/// The site's provinces (content/provinces.yaml).
pub fn provinces(root: &Path) -> Vec<Province> {
    let file = std::path::PathBuf::from("content/provinces.yaml");
    std::fs::read_to_string(root.join(&file))
        .ok()
        .and_then(|src| crate::yaml::parse::<Vec<Province>>(&src, &file, 0).ok())
        .unwrap_or_default()
}

/// The current province a province's name (current or former) belongs to.
pub fn current_of<'a>(provinces: &'a [Province], name: &str) -> Option<&'a Province> {
    let key = slugify(name);
    provinces
        .iter()
        .find(|p| slugify(&p.name) == key)
        .or_else(|| {
            provinces
                .iter()
                .find(|p| p.former.iter().any(|f| slugify(f) == key))
        })
}

/// Splits "XÃ HOẰNG XUÂN" into its unit ("xã") and place ("Hoằng Xuân").
fn unit_and_place(words: &[&str]) -> Option<(String, Level, String)> {
    for (unit, level) in UNITS {
        let n = unit.split('-').count();
        if words.len() > n && slugify(&words[..n].join(" ")) == *unit {
            let unit_text = words[..n].join(" ").to_lowercase();
            return Some((unit_text, *level, title_case(&words[n..].join(" "))));
        }
    }
    None
}

fn is_body_type(s: &str) -> bool {
    let f = slugify(s);
    f == "uy-ban-nhan-dan" || f == "ubnd" || f == "hoi-dong-nhan-dan" || f == "hdnd"
}

/// "ỦY BAN NHÂN DÂN" → "Ủy ban nhân dân"; "UBND" written out; other bodies as the text writes them.
fn body_name(s: &str, text_case: &dyn Fn(&str) -> Option<String>) -> String {
    match slugify(s).as_str() {
        "ubnd" => "Ủy ban nhân dân".into(),
        "hdnd" => "Hội đồng nhân dân".into(),
        _ if is_body_type(s) || !casing::is_upper(s) => {
            if casing::is_upper(s) {
                let lower = s.to_lowercase();
                title_word(&lower[..lower.find(' ').unwrap_or(lower.len())])
                    + &lower[lower.find(' ').unwrap_or(lower.len())..]
            } else {
                s.to_string()
            }
        }
        _ => text_case(s).unwrap_or_else(|| {
            let lower = s.to_lowercase();
            casing::upper_first(&lower)
        }),
    }
}

fn is_city(provinces: &[Province], place: &str) -> bool {
    current_of(provinces, place).is_some_and(|p| {
        p.kind == "city"
            && (slugify(&p.name) == slugify(place)
                || p.former.iter().any(|f| slugify(f) == slugify(place)))
    })
}

/// The issuer from the lines above the motto.
pub fn issuer_from_header(
    lines: &[Found],
    provinces: &[Province],
    text_case: &dyn Fn(&str) -> Option<String>,
) -> Option<Issuer> {
    let last = lines.last()?;
    let words: Vec<&str> = last.text.split_whitespace().collect();
    // "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NAM" on two lines, or "UBND TỈNH QUẢNG NAM" on one.
    let (body, unit, used, parent_upto) = if let Some(u) = unit_and_place(&words) {
        match lines.len().checked_sub(2).map(|k| &lines[k]) {
            Some(prev) if is_body_type(&prev.text) => (
                Some(prev.text.clone()),
                Some(u),
                vec![prev.clone(), last.clone()],
                lines.len() - 2,
            ),
            _ => (None, Some(u), vec![last.clone()], lines.len() - 1),
        }
    } else {
        let split = (1..words.len())
            .find_map(|k| unit_and_place(&words[k..]).map(|u| (words[..k].join(" "), u)));
        match split {
            Some((b, u)) => (Some(b), Some(u), vec![last.clone()], lines.len() - 1),
            None => (
                Some(last.text.clone()),
                None,
                vec![last.clone()],
                lines.len() - 1,
            ),
        }
    };
    let parent = (parent_upto > 0).then(|| {
        lines[..parent_upto]
            .iter()
            .map(|f| f.text.clone())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let mut text = body
        .as_deref()
        .map(|b| body_name(b, text_case))
        .unwrap_or_default();
    let (mut level, mut place) = (None, None);
    if let Some((unit_text, lvl, pl)) = unit {
        let lvl = if lvl == Level::District && unit_text == "thành phố" && is_city(provinces, &pl)
        {
            Level::Province
        } else {
            lvl
        };
        text = format!("{text} {unit_text} {pl}").trim().to_string();
        level = Some(lvl);
        place = Some(pl);
    } else if let Some(p) = &parent {
        // "SỞ Y TẾ" under "UBND TỈNH QUẢNG NAM": the department of that province.
        let pw: Vec<&str> = p.split_whitespace().collect();
        if let Some((unit_text, lvl, pl)) = (0..pw.len()).find_map(|k| unit_and_place(&pw[k..])) {
            text = format!("{text} {unit_text} {pl}");
            level = Some(lvl);
            place = Some(pl);
        }
    }
    Some(Issuer {
        fact: Fact {
            value: text,
            found: Some(Found {
                line: used[0].line,
                text: used
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
            }),
            inferred: None,
        },
        level,
        place,
        parent,
    })
}

static ISSUER_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<body>(?i:ủy ban nhân dân|uỷ ban nhân dân|ubnd))\s+(?P<unit>(?i:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã|phường))\s+(?P<place>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})\s+(?:xây dựng|ban hành)")
        .expect("regex")
});

/// Without an issuer above the motto: the body that says it makes the plan ("UBND tỉnh Quảng Trị
/// ban hành Kế hoạch"), in the text before the first part.
pub fn issuer_from_text(nodes: &[Node], provinces: &[Province]) -> Option<Issuer> {
    for n in nodes.iter().take(8) {
        if let Some(c) = ISSUER_IN_TEXT.captures(&n.plain) {
            let body = match slugify(&c["body"]).as_str() {
                "ubnd" => "Ủy ban nhân dân".to_string(),
                _ => casing::upper_first(&c["body"].to_lowercase()),
            };
            let unit = c["unit"].to_lowercase();
            let place = c["place"].to_string();
            let level = UNITS
                .iter()
                .find(|(u, _)| *u == slugify(&unit))
                .map(|(_, l)| *l)
                .map(|l| {
                    if l == Level::District && unit == "thành phố" && is_city(provinces, &place)
                    {
                        Level::Province
                    } else {
                        l
                    }
                });
            return Some(Issuer {
                fact: Fact {
                    value: format!("{body} {unit} {place}"),
                    found: Some(Found {
                        line: n.line,
                        text: c[0].to_string(),
                    }),
                    inferred: Some(Inference::FromText),
                },
                level,
                place: Some(place),
                parent: None,
            });
        }
    }
    None
}

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<unit>(?i:tỉnh ủy|tỉnh uỷ|tỉnh|huyện))\s+(?P<name>\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})")
        .expect("regex")
});

/// The province (or district) the text names most often, with the first line naming it.
pub fn mentioned(nodes: &[Node], provinces: &[Province], province: bool) -> Option<Fact> {
    let mut counts: Vec<(String, usize, Found)> = Vec::new();
    for n in nodes {
        for c in MENTION.captures_iter(&n.plain) {
            let is_province_word = slugify(&c["unit"]).starts_with("tinh");
            if is_province_word != province {
                continue;
            }
            let words: Vec<&str> = c["name"].split_whitespace().collect();
            let name = if province {
                (1..=words.len())
                    .rev()
                    .map(|k| words[..k].join(" "))
                    .find(|w| current_of(provinces, w).is_some())
            } else {
                Some(words.iter().take(3).copied().collect::<Vec<_>>().join(" "))
            };
            let Some(name) = name else { continue };
            match counts
                .iter_mut()
                .find(|(v, _, _)| slugify(v) == slugify(&name))
            {
                Some(e) => e.1 += 1,
                None => counts.push((
                    name,
                    1,
                    Found {
                        line: n.line,
                        text: c[0].to_string(),
                    },
                )),
            }
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    let (value, times, found) = counts.into_iter().find(|c| c.1 == best)?;
    Some(Fact {
        value,
        found: Some(found),
        inferred: Some(Inference::Mentioned { times }),
    })
}

/// Proper names the body writes: learnt for sentence case.
pub fn learn_names<'a>(texts: impl Iterator<Item = &'a str>, provinces: &[Province]) -> Names {
    let mut names = Names::default();
    for t in texts {
        names.learn(&casing::plain(t));
    }
    for p in provinces {
        names.add(&p.name);
        for f in &p.former {
            names.add(f);
        }
    }
    names.add("Việt Nam");
    names
}
