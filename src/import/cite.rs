//! Legal acts the plan cites (law, decree, decision, directive, plan...), with number, date and
//! issuer as written, matched against the site's content/laws/.

use super::layout::Found;
use crate::date::PartialDate;
use crate::load::kinds::law::{LawFront, LawKind};
use crate::slug::slugify;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// An act cited in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// "Nghị định", "Kế hoạch", as written (first letter capitalised).
    pub kind_word: String,
    /// "116/2021/NĐ-CP"; `None` for a law cited by name only.
    pub number: Option<String>,
    /// A law cited by name: "Luật Phòng, chống ma túy".
    pub name: Option<String>,
    pub date: Option<PartialDate>,
    /// "Chính phủ", "Ủy ban nhân dân tỉnh", as written.
    pub issuer: Option<String>,
    pub found: Found,
}

/// An act of the site's content/laws/.
#[derive(Debug, Clone)]
pub struct SiteAct {
    pub id: String,
    pub front: LawFront,
}

/// A citation and the site's act it matched, if any.
#[derive(Debug, Clone)]
pub struct Matched {
    pub citation: Citation,
    pub act: Option<String>,
    /// Several citations of one act are listed once; the others are counted.
    pub times: usize,
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<kind>(?i:bộ luật|luật|nghị định|nghị quyết|quyết định|chỉ thị|thông tư liên tịch|thông tư|kế hoạch|công văn|chương trình|hướng dẫn|thông báo|đề án))",
        r"\s+(?i:số)\s*:?\s*(?P<num>\d+\s*[/-][\p{L}\d/.&-]*[\p{L}\d])",
        r"(?:\s*,?\s*(?i:ngày)\s*(?P<d>\d{1,2})\s*(?:/|-|\.|\s+(?i:tháng)\s+)(?P<m>\d{1,2})\s*(?:/|-|\.|\s+(?i:năm)\s+)(?P<y>\d{4}))?",
        r"(?:\s*,?\s*(?i:của)\s+(?P<iss>[^;,.()“”\x22]+))?",
    ))
    .expect("regex")
});

static BY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<pre>(?i:của)\s+)?\bLuật\s+(?P<name>\p{L}+(?:(?:\s+|,\s+chống\s+)\p{Ll}+){0,8})",
    )
    .expect("regex")
});

/// Words that end an issuer's name in a citation ("... của Chính phủ quy định chi tiết ...").
const ISSUER_ENDS: &[&str] = &[
    "về",
    "quy định",
    "phê duyệt",
    "ban hành",
    "hướng dẫn",
    "triển khai",
    "thực hiện",
    "sửa đổi",
    "đã",
    "với",
    "nhằm",
    "trong",
    "để",
    "và chỉ thị",
    "và quyết định",
    "và nghị định",
    "và kế hoạch",
    "và nghị quyết",
    "và thông tư",
    "và luật",
    "tại",
    "theo",
    "là",
];

fn cut_issuer(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut end = words.len();
    'scan: for k in 1..words.len() {
        for phrase in ISSUER_ENDS {
            let p: Vec<&str> = phrase.split_whitespace().collect();
            if k + p.len() <= words.len()
                && lower[k..k + p.len()].iter().zip(&p).all(|(a, b)| a == b)
            {
                end = k;
                break 'scan;
            }
        }
    }
    let s = words[..end].join(" ");
    let s = s.trim().trim_end_matches(" và").trim();
    (!s.is_empty() && s.chars().count() <= 90).then(|| s.to_string())
}

/// The acts cited in a paragraph.
pub fn citations(text: &str, line: usize) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = NUMBERED.captures_at(text, pos) {
        // The next citation may start inside this one's issuer ("... của Bộ Chính trị và Chỉ thị số 17 ...").
        pos = c.name("num").map(|m| m.end()).unwrap_or(text.len());
        let num: String = c["num"].chars().filter(|c| !c.is_whitespace()).collect();
        if !num.chars().any(char::is_alphabetic) {
            continue;
        }
        let date = match (c.name("d"), c.name("m"), c.name("y")) {
            (Some(d), Some(m), Some(y)) => {
                let (d, m, y) = (
                    d.as_str().parse::<u32>().unwrap_or(0),
                    m.as_str().parse::<u32>().unwrap_or(0),
                    y.as_str().parse::<i32>().unwrap_or(0),
                );
                chrono::NaiveDate::from_ymd_opt(y, m, d).map(PartialDate::Day)
            }
            _ => None,
        };
        out.push(Citation {
            kind_word: super::casing::upper_first(&c["kind"].to_lowercase()),
            number: Some(num),
            name: None,
            date,
            issuer: c.name("iss").and_then(|m| cut_issuer(m.as_str())),
            found: Found {
                line,
                text: cited_text(&c),
            },
        });
    }
    for c in BY_NAME.captures_iter(text) {
        // "... một số điều của Luật ..." names the law inside another act's title.
        if c.name("pre").is_some() {
            continue;
        }
        let whole = c.get(0).map(|m| m.as_str()).unwrap_or("");
        let name = trim_law_name(whole);
        if name == "Luật" || name.starts_with("Luật số") {
            continue;
        }
        out.push(Citation {
            kind_word: "Luật".into(),
            number: None,
            name: Some(name.clone()),
            date: None,
            issuer: None,
            found: Found { line, text: name },
        });
    }
    out
}

/// The words of the citation up to the end of its issuer.
fn cited_text(c: &regex::Captures) -> String {
    let whole = c[0].trim();
    match (
        c.name("iss"),
        cut_issuer(c.name("iss").map(|m| m.as_str()).unwrap_or("")),
    ) {
        (Some(m), Some(issuer)) => {
            let start = c.get(0).map(|w| w.start()).unwrap_or(0);
            let upto = m.start() - start;
            format!("{}{}", &c[0][..upto], issuer).trim().to_string()
        }
        (Some(m), None) => c[0][..m.start() - c.get(0).map(|w| w.start()).unwrap_or(0)]
            .trim()
            .trim_end_matches("của")
            .trim()
            .to_string(),
        _ => whole.to_string(),
    }
}

/// A law's name ends before "và", "về", "số", "năm", "ngày", "theo", "đã" and the like.
fn trim_law_name(s: &str) -> String {
    let stops = [
        "và", "về", "số", "năm", "ngày", "theo", "đã", "được", "có", "để", "từ", "trong", "của",
        "cho", "với", "nhằm", "thì", "tại", "là",
    ];
    let mut words = Vec::new();
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 1 && stops.contains(&w.trim_end_matches(',')) {
            break;
        }
        words.push(w);
    }
    words.join(" ").trim_end_matches(',').to_string()
}

/// Number as a comparable key: sequence, year written in it, and symbol letters ("NDCP").
fn number_key(number: &str) -> (String, Option<i32>, String) {
    let parts: Vec<&str> = number.split(['/', '-']).filter(|p| !p.is_empty()).collect();
    let seq = parts
        .first()
        .map(|p| p.trim_start_matches('0').to_string())
        .unwrap_or_default();
    let mut year = None;
    let mut letters = String::new();
    for p in parts.iter().skip(1) {
        if p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()) {
            year = p.parse().ok();
        } else {
            letters.push_str(&slugify(p).replace('-', ""));
        }
    }
    (seq, year, letters)
}

/// Expands "UBND" and similar so issuers compare as words.
fn issuer_key(s: &str) -> String {
    let s = s
        .replace("UBND", "Ủy ban nhân dân")
        .replace("HĐND", "Hội đồng nhân dân");
    slugify(&s)
}

const UNIT_ENDS: &[&str] = &["-tinh", "-huyen", "-xa", "-thanh-pho", "-thi-xa", "-quan"];

/// Reads every act of content/laws/ (Vietnamese files).
pub fn site_acts(root: &Path) -> Vec<SiteAct> {
    let dir = root.join("content/laws");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = name.strip_suffix(".vi.md") else {
            continue;
        };
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(split) = crate::load::front::split(&src, &path) else {
            continue;
        };
        if let Ok(front) = crate::yaml::parse::<LawFront>(split.yaml, &path, split.yaml_line) {
            out.push(SiteAct {
                id: id.to_string(),
                front,
            });
        }
    }
    out
}

/// What the plan's own place makes of "của Ủy ban nhân dân tỉnh": its province (or district).
#[derive(Debug, Clone, Default)]
pub struct OwnPlace {
    pub province: Option<String>,
    pub district: Option<String>,
    /// When the plan was issued (or its first year): picks the version of a law cited by name.
    pub when: Option<PartialDate>,
}

fn issuer_fits(c: &Citation, act: &SiteAct, own: &OwnPlace) -> bool {
    let Some(issuer) = &c.issuer else {
        return true;
    };
    let mut key = issuer_key(issuer);
    if key.ends_with("-tinh") {
        if let Some(p) = &own.province {
            key = format!("{key}-{}", slugify(p));
        }
    } else if key.ends_with("-huyen") {
        if let Some(d) = &own.district {
            key = format!("{key}-{}", slugify(d));
        }
    }
    let act_key = issuer_key(&act.front.issuer);
    act_key.contains(&key) || key.contains(&act_key)
}

/// Whether a numbered citation is this act.
fn numbered_fits(c: &Citation, act: &SiteAct, own: &OwnPlace) -> bool {
    let Some(number) = &c.number else {
        return false;
    };
    let (seq, year, letters) = number_key(number);
    let (aseq, ayear, aletters) = number_key(&act.front.number);
    if seq != aseq || letters != aletters {
        return false;
    }
    let act_year = ayear.or(act.front.issued.map(|d| d.year()));
    let cite_year = year.or(c.date.map(|d| d.year()));
    if let (Some(a), Some(b)) = (act_year, cite_year) {
        if a != b {
            return false;
        }
    }
    if let (Some(PartialDate::Day(a)), Some(PartialDate::Day(b))) = (act.front.issued, c.date) {
        if a != b {
            return false;
        }
    }
    issuer_fits(c, act, own)
}

/// Whether a law cited by name is this act (the version in force when the plan was made).
fn named_fits(c: &Citation, act: &SiteAct, own: &OwnPlace) -> bool {
    let Some(name) = &c.name else {
        return false;
    };
    if act.front.kind != LawKind::Law || slugify(&act.front.title) != slugify(name) {
        return false;
    }
    let Some(when) = own.when else {
        return true;
    };
    let day = crate::date::Date(when.first_day());
    act.front.in_force_from.is_none_or(|f| f <= day)
        && act.front.in_force_until.is_none_or(|u| u >= day)
}

/// Matches citations to the site's acts; one entry per act (or per unmatched number).
pub fn match_all(cites: Vec<Citation>, acts: &[SiteAct], own: &OwnPlace) -> Vec<Matched> {
    let mut out: Vec<Matched> = Vec::new();
    for c in cites {
        let act = acts
            .iter()
            .find(|a| {
                if c.number.is_some() {
                    numbered_fits(&c, a, own)
                } else {
                    named_fits(&c, a, own)
                }
            })
            .map(|a| a.id.clone());
        let same = |m: &Matched| match (&act, &m.act) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (&c.number, &m.citation.number) {
                (Some(x), Some(y)) => {
                    number_key(x) == number_key(y)
                        && slugify(&c.kind_word) == slugify(&m.citation.kind_word)
                }
                (None, None) => {
                    slugify(c.name.as_deref().unwrap_or(""))
                        == slugify(m.citation.name.as_deref().unwrap_or(""))
                }
                _ => false,
            },
            _ => false,
        };
        match out.iter_mut().find(|m| same(m)) {
            Some(m) => {
                m.times += 1;
                // Keep the fullest citation (with its date and issuer) for the report.
                if m.citation.date.is_none() && c.date.is_some() {
                    m.citation.date = c.date;
                }
                if m.citation.issuer.is_none() && c.issuer.is_some() {
                    m.citation.issuer = c.issuer.clone();
                }
            }
            None => out.push(Matched {
                citation: c,
                act,
                times: 1,
            }),
        }
    }
    out
}

/// The kind of act a citation's word names, as content/laws/ writes it.
pub fn law_kind(kind_word: &str) -> Option<&'static str> {
    match slugify(kind_word).as_str() {
        "luat" | "bo-luat" => Some("law"),
        "nghi-dinh" => Some("decree"),
        "quyet-dinh" => Some("decision"),
        "chi-thi" => Some("directive"),
        "thong-tu" | "thong-tu-lien-tich" => Some("circular"),
        "nghi-quyet" => Some("resolution"),
        "ke-hoach" | "chuong-trinh" | "de-an" => Some("plan"),
        _ => None,
    }
}

fn kind_prefix(kind_word: &str) -> &'static str {
    match slugify(kind_word).as_str() {
        "luat" | "bo-luat" => "luat",
        "nghi-dinh" => "nd",
        "nghi-quyet" => "nq",
        "quyet-dinh" => "qd",
        "chi-thi" => "chi-thi",
        "thong-tu" | "thong-tu-lien-tich" => "tt",
        "ke-hoach" => "kh",
        "cong-van" => "cv",
        "chuong-trinh" => "ctr",
        "huong-dan" => "hd",
        "thong-bao" => "tb",
        _ => "vb",
    }
}

/// The issuer a citation names, with "tỉnh"/"huyện" completed by the plan's own place.
pub fn full_issuer(c: &Citation, own: &OwnPlace) -> Option<String> {
    let issuer = c.issuer.clone()?;
    let key = issuer_key(&issuer);
    if key.ends_with("-tinh") {
        if let Some(p) = &own.province {
            return Some(format!("{issuer} {p}"));
        }
    }
    if key.ends_with("-huyen") {
        if let Some(d) = &own.district {
            return Some(format!("{issuer} {d}"));
        }
    }
    Some(issuer)
}

/// The file name `minh new law` should be given for an act not on the site, in the site's style
/// (nd-116-2021-nd-cp, kh-36-kh-ubnd-hoang-hoa-2021).
pub fn new_law_name(c: &Citation, own: &OwnPlace) -> String {
    let prefix = kind_prefix(&c.kind_word);
    match &c.number {
        None => slugify(c.name.as_deref().unwrap_or("luat")),
        Some(number) => {
            let (_, year, _) = number_key(number);
            let mut name = format!("{prefix}-{}", slugify(number));
            let local = UNIT_ENDS.iter().any(|u| {
                full_issuer(c, own).is_some_and(|i| {
                    let k = issuer_key(&i);
                    k.contains(&u[1..]) && !k.ends_with(u)
                })
            });
            if year.is_none() && local {
                if let Some(i) = full_issuer(c, own) {
                    let k = issuer_key(&i);
                    for u in UNIT_ENDS {
                        if let Some(pos) = k.rfind(&format!("{}-", u)) {
                            name.push('-');
                            name.push_str(&k[pos + u.len() + 1..]);
                            break;
                        }
                    }
                }
            }
            if year.is_none() {
                if let Some(d) = c.date {
                    name.push_str(&format!("-{}", d.year()));
                }
            }
            name
        }
    }
}

/// A province or district named by a matched act's issuer where the citation only says "tỉnh"
/// or "huyện": the plan's own place, read through the act the site already has.
pub fn place_from_acts(
    matched: &[Matched],
    acts: &[SiteAct],
    unit: &str,
) -> Option<(String, Found, String)> {
    for m in matched {
        let (Some(id), Some(issuer)) = (&m.act, &m.citation.issuer) else {
            continue;
        };
        if !issuer_key(issuer).ends_with(&format!("-{}", slugify(unit))) {
            continue;
        }
        let act = acts.iter().find(|a| &a.id == id)?;
        let words: Vec<&str> = act.front.issuer.split_whitespace().collect();
        if let Some(k) = words.iter().rposition(|w| slugify(w) == slugify(unit)) {
            let place = words[k + 1..].join(" ");
            if !place.is_empty() {
                return Some((place, m.citation.found.clone(), id.clone()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_dates_and_issuers() {
        let c = citations(
            "Thực hiện kế hoạch số 36/KH-UBND ngày 04/3/2021 của UBND Huyện Hoằng Hóa về việc cai nghiện ma túy năm 2021.",
            3,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].number.as_deref(), Some("36/KH-UBND"));
        assert_eq!(c[0].issuer.as_deref(), Some("UBND Huyện Hoằng Hóa"));
        assert_eq!(c[0].date.map(|d| d.iso()).as_deref(), Some("2021-03-04"));
        let c = citations(
            "chỉ thị số 21/CT-TW của bộ chính trị và chỉ thị số 17/CT-TU của ban thường vụ tỉnh ủy Thanh Hóa,...",
            1,
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].issuer.as_deref(), Some("bộ chính trị"));
        assert_eq!(
            c[1].issuer.as_deref(),
            Some("ban thường vụ tỉnh ủy Thanh Hóa")
        );
        let c = citations(
            "Quyết định số 291/QĐ-TTg ngày 21 tháng 02 năm 2020 của Thủ tướng Chính phủ ban hành",
            1,
        );
        assert_eq!(c[0].date.map(|d| d.iso()).as_deref(), Some("2020-02-21"));
        assert_eq!(c[0].issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    }

    #[test]
    fn laws_by_name_but_not_inside_another_title() {
        let c = citations(
            "theo quy định tại Luật Phòng, chống ma túy và Nghị định số 116/2021/NĐ-CP",
            1,
        );
        assert!(c
            .iter()
            .any(|c| c.name.as_deref() == Some("Luật Phòng, chống ma túy")));
        let c = citations(
            "quy định chi tiết một số điều của Luật Phòng, chống ma túy",
            1,
        );
        assert!(c.iter().all(|c| c.name.is_none()));
    }

    #[test]
    fn number_keys_ignore_separators() {
        assert_eq!(number_key("21/CT-TW"), number_key("21-CT/TW"));
        assert_eq!(number_key("116/NĐ-CP").2, number_key("116/2021/NĐ-CP").2);
    }
}
