//! The client's query logic in Rust (mirrors search.js): which files a query fetches, and the ranking.

use crate::rewrite::{distance, may_slip, one_slip, read_query, FoldedPlaces};
use crate::tokenize::{tokenize, TokenKind};
use crate::{IndexFile, Lang};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Weight of a prefix-completed word (the last word while typing) against a full word.
pub const PREFIX_WEIGHT: f64 = 0.7;
/// Extra factor of a word matched with its exact diacritics (when the query has diacritics).
pub const EXACT_BOOST: f64 = 2.0;
/// Weight of a matched bigram (phrase) relative to a word.
pub const PHRASE_WEIGHT: f64 = 1.5;
/// Added to every idf: on a topical site "ma túy" is on nearly every page (BM25 idf ≈ 0),
/// yet titles, phrases and coverage must still rank such queries.
pub const IDF_BASE: f64 = 0.5;
/// Weight of a word matched through a one-letter slip ("nghein" for "nghien"); a document
/// matched only through slips also ranks below every document matching a word as typed.
pub const SLIP_WEIGHT: f64 = 0.5;
/// Words suggested when a query finds nothing.
pub const SUGGESTIONS: usize = 3;
/// Results precomputed per answer key (one word, or two words as a bigram).
pub const ANSWER_TOP: usize = 10;
/// Results shown (and document stores fetched) for a first query.
pub const FIRST_PAGE: usize = 10;

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document number (position in the `docs` given to `build_index`).
    pub doc: u32,
    /// Result URL.
    pub url: String,
    /// Result title.
    pub title: String,
    /// Document kind ("plan", "provider"...).
    pub kind: String,
    /// Ranking score (higher first).
    pub score: f64,
}

/// What a first query does: the files fetched per round trip, and the results.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPlan {
    /// Paths (relative to the index root) fetched in each sequential round trip.
    pub rounds: Vec<Vec<String>>,
    /// Documents matched in the fetched shards.
    pub total: usize,
    /// The best `limit` results, best first.
    pub hits: Vec<Hit>,
    /// The reading searched when it differs from the query typed ("đồng tháp" for
    /// "dongf thaps", "Hồ Chí Minh" for "tp hcm", "cai nghien" for "cai nghein").
    pub reading: Option<String>,
    /// Places recognized in the query (indexes into the manifest's place names).
    pub places: Vec<usize>,
    /// Nearest indexed words, when the query found nothing.
    pub suggest: Vec<String>,
}

impl QueryPlan {
    /// Number of HTTP requests.
    pub fn requests(&self) -> usize {
        self.rounds.iter().map(Vec::len).sum()
    }

    /// Every fetched path.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.rounds.iter().flatten().map(String::as_str)
    }
}

/// A parsed query: distinct words (folded, exact), distinct bigrams, and the prefix word.
pub(crate) struct Parsed {
    pub(crate) words: Vec<(String, String)>,
    pub(crate) bigrams: Vec<String>,
    pub(crate) prefix: bool,
}

/// Whether the query's last word is still being typed (the query ends in a letter or digit).
pub(crate) fn typing(q: &str) -> bool {
    crate::tokenize::nfc(q)
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric)
}

/// Parses `q`, its last word a prefix when `prefix`.
pub(crate) fn parse(lang: Lang, q: &str, prefix: bool) -> Parsed {
    let mut p = Parsed {
        words: Vec::new(),
        bigrams: Vec::new(),
        prefix,
    };
    for t in tokenize(lang, q) {
        match t.kind {
            TokenKind::Word => {
                p.words.retain(|w| w.0 != t.folded);
                p.words.push((t.folded, t.exact));
            }
            TokenKind::Bigram => {
                p.bigrams.retain(|b| *b != t.folded);
                p.bigrams.push(t.folded);
            }
        }
    }
    p.prefix &= !p.words.is_empty();
    p
}

/// Index of the shard holding `key`: the last shard whose first key is <= key.
pub(crate) fn shard_of(starts: &[String], key: &str) -> usize {
    starts
        .partition_point(|s| s.as_str() <= key)
        .saturating_sub(1)
}

/// Word shards (the words', plus the next one when the last word's prefix runs on) and
/// bigram shards a query needs.
pub(crate) fn needed_shards(
    w: &[String],
    b: &[String],
    p: &Parsed,
) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut words: BTreeSet<usize> = p.words.iter().map(|x| shard_of(w, &x.0)).collect();
    if let (true, Some(last)) = (p.prefix, p.words.last()) {
        let i = shard_of(w, &last.0);
        let next = w.get(i + 1);
        if last.0.chars().count() >= 2 && next.is_some_and(|s| s.starts_with(&last.0)) {
            words.insert(i + 1);
        }
    }
    let bigrams = p.bigrams.iter().map(|x| shard_of(b, x)).collect();
    (words, bigrams)
}

/// One term entry of a shard: df, postings (doc, impact), exact-variant info.
pub(crate) struct Entry<'a> {
    pub(crate) df: f64,
    pub(crate) postings: Vec<(u32, f64)>,
    pub(crate) variants: Option<&'a Value>,
}

/// A shard's `[df,"doc deltas","impacts",variants?]` ([`crate::digits`]).
fn entry(v: &Value) -> Option<Entry<'_>> {
    let arr = v.as_array()?;
    let (deltas, impacts) = (arr.get(1)?.as_str()?, arr.get(2)?.as_str()?);
    let postings = crate::digits::postings(deltas, impacts)?
        .into_iter()
        .map(|(d, q)| (d, f64::from(q)))
        .collect();
    Some(Entry {
        df: arr.first()?.as_f64()?,
        postings,
        variants: arr.get(3),
    })
}

/// Whether document `doc` of this entry holds the exact form `exact`.
fn has_exact(e: &Entry<'_>, doc: u32, exact: &str) -> bool {
    match e.variants {
        Some(Value::String(s)) => s == exact,
        Some(Value::Object(m)) => m.get(exact).and_then(Value::as_array).is_some_and(|ds| {
            let mut d = 0u32;
            ds.iter().any(|x| {
                d += x.as_u64().unwrap_or(0) as u32;
                d == doc
            })
        }),
        _ => false,
    }
}

/// BM25 idf plus [`IDF_BASE`], so words found on nearly every page still count.
pub(crate) fn idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln() + IDF_BASE
}

/// Adds each document's best contribution among `matches` into `acc` (max per document).
fn best_of(
    matches: &[(&Entry<'_>, f64, Option<&str>)],
    n: f64,
    m: f64,
    acc: &mut HashMap<u32, f64>,
) {
    for (e, mode, exact) in matches {
        let w = idf(n, e.df) * mode / m;
        for &(d, q) in &e.postings {
            let boost = match exact {
                Some(x) if has_exact(e, d, x) => EXACT_BOOST,
                _ => 1.0,
            };
            let s = w * q * boost;
            let cur = acc.entry(d).or_insert(0.0);
            if s > *cur {
                *cur = s;
            }
        }
    }
}

/// Indexed words (in `terms`) one slip away from `w`, when `w` may hold one and is not indexed.
fn slips<'t>(lang: Lang, terms: &HashMap<&'t str, &Entry<'_>>, w: &str) -> Vec<&'t str> {
    if terms.contains_key(w) || !may_slip(lang, w) {
        return Vec::new();
    }
    let mut out: Vec<&str> = terms
        .keys()
        .copied()
        .filter(|t| !t.contains(' ') && one_slip(w, t))
        .collect();
    out.sort_unstable();
    out
}

/// Ranks documents: per word the best match, plus phrase (bigram) matches, times coordination.
/// A word not indexed also matches the indexed words one slip away ([`SLIP_WEIGHT`]);
/// documents matched only through slips rank below the others.
pub(crate) fn rank(
    lang: Lang,
    terms: &HashMap<&str, &Entry<'_>>,
    p: &Parsed,
    n: f64,
    m: f64,
) -> Vec<(u32, f64)> {
    // Per document: score, words matched, words matched as typed.
    let mut total: HashMap<u32, (f64, usize, usize)> = HashMap::new();
    let last = p.words.len().saturating_sub(1);
    let mut alts: Vec<Vec<&str>> = Vec::new();
    for (i, (f, x)) in p.words.iter().enumerate() {
        let exact = (x != f).then_some(x.as_str());
        let mut matches: Vec<_> = terms
            .get(f.as_str())
            .map(|e| (*e, 1.0, exact))
            .into_iter()
            .collect();
        if p.prefix && i == last {
            // A last word that is already a whole word leans less on its completions.
            let pw = if matches.is_empty() {
                PREFIX_WEIGHT
            } else {
                PREFIX_WEIGHT / 2.0
            };
            for (t, e) in terms {
                if t.starts_with(f.as_str()) && *t != f && !t.contains(' ') {
                    matches.push((*e, pw, None));
                }
            }
        }
        let slipped = if matches.is_empty() {
            slips(lang, terms, f)
        } else {
            Vec::new()
        };
        let fuzzy: Vec<_> = slipped
            .iter()
            .filter_map(|t| terms.get(t).map(|e| (*e, SLIP_WEIGHT, None)))
            .collect();
        alts.push(slipped);
        let mut acc = HashMap::new();
        best_of(&matches, n, m, &mut acc);
        let mut facc = HashMap::new();
        best_of(&fuzzy, n, m, &mut facc);
        for (d, s) in facc {
            acc.entry(d).or_insert(-s);
        }
        for (d, s) in acc {
            let t = total.entry(d).or_insert((0.0, 0, 0));
            t.0 += s.abs();
            t.1 += 1;
            t.2 += usize::from(s > 0.0);
        }
    }
    let nb = p.bigrams.len();
    for (i, b) in p.bigrams.iter().enumerate() {
        let mut matches: Vec<_> = terms
            .get(b.as_str())
            .map(|e| (*e, PHRASE_WEIGHT, None))
            .into_iter()
            .collect();
        let ends_in_prefix = p
            .words
            .last()
            .is_some_and(|w| b.ends_with(&format!(" {}", w.0)));
        if p.prefix && i + 1 == nb && ends_in_prefix {
            for (t, e) in terms {
                if t.starts_with(b.as_str()) && *t != b && t.matches(' ').count() == 1 {
                    matches.push((*e, PHRASE_WEIGHT * PREFIX_WEIGHT, None));
                }
            }
        }
        for t in slipped_bigrams(p, &alts, b) {
            if let Some(e) = terms.get(t.as_str()) {
                matches.push((*e, PHRASE_WEIGHT * SLIP_WEIGHT, None));
            }
        }
        let mut acc = HashMap::new();
        best_of(&matches, n, m, &mut acc);
        for (d, s) in acc {
            if let Some(t) = total.get_mut(&d) {
                t.0 += s;
            }
        }
    }
    let nw = p.words.len().max(1) as f64;
    let mut out: Vec<(u32, f64, bool)> = total
        .into_iter()
        .map(|(d, (s, k, typed))| (d, s * (k as f64 / nw).powi(2), typed > 0))
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
    out.into_iter().map(|(d, s, _)| (d, s)).collect()
}

/// The query's words with each word that matched only through slips replaced by its indexed
/// word found in the most documents (then the first in order); None when no word slipped.
fn slip_reading(lang: Lang, terms: &HashMap<&str, &Entry<'_>>, p: &Parsed) -> Option<String> {
    let last = p.words.len().saturating_sub(1);
    let mut slipped = false;
    let words: Vec<String> = p
        .words
        .iter()
        .enumerate()
        .map(|(i, (f, x))| {
            let completes = p.prefix
                && i == last
                && terms
                    .keys()
                    .any(|t| t.starts_with(f.as_str()) && *t != f && !t.contains(' '));
            let alts = if completes {
                Vec::new()
            } else {
                slips(lang, terms, f)
            };
            let best = alts.iter().fold(None::<(f64, &str)>, |b, t| {
                let df = terms.get(t).map_or(0.0, |e| e.df);
                match b {
                    Some((d, _)) if d >= df => b,
                    _ => Some((df, t)),
                }
            });
            match best {
                Some((_, t)) => {
                    slipped = true;
                    t.to_string()
                }
                None => x.clone(),
            }
        })
        .collect();
    slipped.then(|| words.join(" "))
}

/// The bigrams of `b` with one of its words replaced by a slip's indexed word.
fn slipped_bigrams(p: &Parsed, alts: &[Vec<&str>], b: &str) -> Vec<String> {
    let Some((x, y)) = b.split_once(' ') else {
        return Vec::new();
    };
    let alt = |w: &str| {
        p.words
            .iter()
            .position(|v| v.0 == w)
            .and_then(|i| alts.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let mut out: Vec<String> = alt(x).iter().map(|a| format!("{a} {y}")).collect();
    out.extend(alt(y).iter().map(|a| format!("{x} {a}")));
    out
}

/// The indexed words nearest the query's words (at most [`SUGGESTIONS`], within a third of
/// the word's length, at least one letter), nearest first, then the most frequent.
fn suggestions(p: &Parsed, terms: &HashMap<&str, &Entry<'_>>) -> Vec<String> {
    let mut found: Vec<(usize, i64, &str)> = Vec::new();
    for (w, _) in &p.words {
        let len = w.chars().count();
        if len < 3 {
            continue;
        }
        let max = (len / 3).max(1);
        for (t, e) in terms {
            if t.contains(' ') || *t == w {
                continue;
            }
            let d = distance(w, t);
            if d <= max {
                found.push((d, -(e.df as i64), t));
            }
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, t) in found {
        if !out.iter().any(|o| o == t) && out.len() < SUGGESTIONS {
            out.push(t.to_string());
        }
    }
    out
}

fn file<'a>(files: &'a [IndexFile], path: &str) -> Result<std::borrow::Cow<'a, [u8]>, String> {
    crate::stored::read(files, path).ok_or_else(|| format!("index file {path} missing"))
}

fn json(files: &[IndexFile], path: &str) -> Result<Value, String> {
    serde_json::from_slice(&file(files, path)?).map_err(|e| format!("{path}: {e}"))
}

/// Runs `query` as the browser client does on a first visit: fetch the manifest; a one- or
/// two-word query typed without diacritics (and `limit` <= [`ANSWER_TOP`]) then fetches its
/// answer shard, which holds its ranked first page; otherwise (or when the shard has no answer
/// for it) fetch the shards of the query's words (in parallel), then the document stores of the
/// best `limit` results (in parallel). Returns the fetched paths per round trip and the results.
pub fn simulate_query(files: &[IndexFile], query: &str, limit: usize) -> Result<QueryPlan, String> {
    let man = json(files, "manifest.json")?;
    let lang = man["lang"]
        .as_str()
        .and_then(Lang::from_code)
        .ok_or("manifest: bad lang")?;
    let hash = man["h"].as_str().ok_or("manifest: no hash")?;
    let starts = |k: &str| -> Result<Vec<String>, String> {
        serde_json::from_value(man[k].clone()).map_err(|e| format!("manifest {k}: {e}"))
    };
    let (ws, wp) = shards_of(&man, "w", "wp")?;
    let (bs, bp) = shards_of(&man, "b", "bp")?;
    let n = man["n"].as_f64().unwrap_or(0.0);
    let m = man["m"].as_u64().unwrap_or(1);
    let c = man["c"].as_u64().unwrap_or(1).max(1) as u32;
    let mut plan = QueryPlan {
        rounds: vec![vec!["manifest.json".to_string()]],
        total: 0,
        hits: Vec::new(),
        reading: None,
        places: Vec::new(),
        suggest: Vec::new(),
    };
    let places = FoldedPlaces::from_manifest(&man["pl"]);
    let reading = read_query(lang, query, &places);
    plan.places = reading.places.clone();
    if reading.changed {
        plan.reading = Some(reading.show.clone());
    }
    let p = parse(lang, &reading.q, typing(query));
    if p.words.is_empty() {
        return Ok(plan);
    }
    if limit <= ANSWER_TOP {
        let combos: (Vec<String>, Vec<String>) =
            serde_json::from_value(man["q"].clone()).unwrap_or_default();
        let two_words: Option<Vec<String>> = serde_json::from_value(man["k2"].clone()).ok();
        if let Some(key) = answer_key(&p, &places, &combos)
            .filter(|k| may_be_answered(lang, two_words.as_deref(), k))
        {
            let starts: Vec<String> = starts("a").unwrap_or_default();
            let i = shard_of(&starts, &key);
            let path = format!("{hash}/a/{i}.json");
            let shard = json(files, &path)?;
            plan.rounds.push(vec![path]);
            let next = starts.get(i + 1).map(String::as_str);
            let slip = slipped_key(lang, &shard[1], &key, next);
            if let Some(k) = &slip {
                plan.reading = Some(k.clone());
            }
            if let Some(rec) = shard[1].get(slip.as_deref().unwrap_or(&key)) {
                plan.total = rec[0].as_u64().unwrap_or(0) as usize;
                let recs = rec[1].as_array().map_or(&[][..], Vec::as_slice);
                plan.hits = recs
                    .iter()
                    .take(limit)
                    .map(|r| answer_hit(&man, &shard[0], r))
                    .collect();
                return Ok(plan);
            }
        }
    }
    let (wi, bi) = needed_shards(&ws, &bs, &p);
    let (word_parts, bigram_parts) = (Parts::new(&ws, &wp), Parts::new(&bs, &bp));
    let (words, bigrams) = prefixes(&p);
    let wanted = part_paths(
        hash,
        word_parts.needed(
            &wi,
            &p.words.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(),
            words,
        ),
        bigram_parts.needed(
            &bi,
            &p.bigrams.iter().map(String::as_str).collect::<Vec<_>>(),
            bigrams,
        ),
    );
    // The words of the query's word shards, when a word may hold a slip: the parts holding
    // its slips (or, when nothing matches, the words to suggest) are then all round 2 needs.
    let lists: Vec<String> = if p.words.iter().any(|w| may_slip(lang, &w.0)) {
        wi.iter().map(|i| format!("{hash}/t/{i}.json")).collect()
    } else {
        Vec::new()
    };
    let mut shards: Vec<Value> = wanted
        .iter()
        .map(|s| json(files, s))
        .collect::<Result<_, _>>()?;
    let vocab: Vec<String> = lists
        .iter()
        .map(|s| serde_json::from_value::<Vec<String>>(json(files, s)?).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?
        .concat();
    plan.rounds
        .push(wanted.iter().chain(&lists).cloned().collect());
    let mut ranked = rank_parts(lang, &shards, &p, n, m as f64);
    let rest: Vec<String> = if !lists.is_empty() {
        let (w, b) = slip_parts(lang, &shards, &p, &vocab, ranked.is_empty());
        let (w, b) = (w.iter().map(|t| shard_of(&wp, t)), b.iter());
        let b = b.filter(|t| bi.contains(&shard_of(&bs, t)));
        part_paths(hash, w.collect(), b.map(|t| shard_of(&bp, t)).collect())
    } else if ranked.is_empty() {
        // Nothing matched and no word may hold a slip: suggestions look at every term of the shards.
        part_paths(hash, word_parts.all(&wi), bigram_parts.all(&bi))
    } else {
        Vec::new()
    };
    let rest: Vec<String> = rest.into_iter().filter(|x| !wanted.contains(x)).collect();
    // Stores fetched along with the rest of the parts, for the results found so far.
    let mut guessed: Vec<String> = Vec::new();
    if !rest.is_empty() {
        for path in &rest {
            shards.push(json(files, path)?);
        }
        guessed = store_paths(hash, &ranked[..ranked.len().min(limit)], c);
        plan.rounds
            .push(rest.iter().chain(&guessed).cloned().collect());
        ranked = rank_parts(lang, &shards, &p, n, m as f64);
    }
    let terms = shard_terms(&shards);
    let refs: HashMap<&str, &Entry<'_>> = terms.iter().map(|(k, e)| (*k, e)).collect();
    plan.total = ranked.len();
    if let Some(r) = slip_reading(lang, &refs, &p) {
        plan.reading = Some(r);
    }
    if ranked.is_empty() {
        plan.suggest = suggestions(&p, &refs);
    }
    let top = &ranked[..ranked.len().min(limit)];
    let docs = store_paths(hash, top, c);
    let stores: HashMap<&str, Value> = docs
        .iter()
        .map(|p| json(files, p).map(|v| (p.as_str(), v)))
        .collect::<Result<_, _>>()?;
    let missing: Vec<String> = docs
        .iter()
        .filter(|d| !guessed.contains(d))
        .cloned()
        .collect();
    if !missing.is_empty() {
        plan.rounds.push(missing);
    }
    plan.hits = top
        .iter()
        .map(|&(d, s)| hit(&stores, &man, hash, c, d, s))
        .collect();
    Ok(plan)
}

/// Sorted terms written by `crate::index::front_coded`.
pub(crate) fn unfront(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s.split('|') {
        let mut chars = item.chars();
        let shared = chars
            .next()
            .map_or(0, |c| (c as usize).saturating_sub('0' as usize));
        let mut t: String = out
            .last()
            .map_or("", String::as_str)
            .chars()
            .take(shared)
            .collect();
        t.extend(chars);
        out.push(t);
    }
    out
}

/// The first terms of the shards and of the parts of one kind of terms: manifest `counts` (the
/// number of parts of each shard) and `parts` (their first terms, [`unfront`]).
fn shards_of(man: &Value, counts: &str, parts: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let starts = unfront(man[parts].as_str().ok_or(format!("manifest: no {parts}"))?);
    let counts: Vec<usize> = serde_json::from_value(man[counts].clone())
        .map_err(|e| format!("manifest {counts}: {e}"))?;
    let mut first = 0;
    let mut shards = Vec::with_capacity(counts.len());
    for n in counts {
        shards.push(starts.get(first).ok_or("manifest: too few parts")?.clone());
        first += n;
    }
    Ok((shards, starts))
}

/// The document stores holding `top`'s documents, in order of first use.
fn store_paths(hash: &str, top: &[(u32, f64)], c: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (d, _) in top {
        let path = format!("{hash}/d/{}.json", d / c);
        if !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

/// Every term entry of the fetched shard parts.
fn shard_terms(shards: &[Value]) -> HashMap<&str, Entry<'_>> {
    shards
        .iter()
        .filter_map(Value::as_object)
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str(), entry(v)?)))
        .collect()
}

/// The ranking over the fetched parts.
fn rank_parts(lang: Lang, shards: &[Value], p: &Parsed, n: f64, m: f64) -> Vec<(u32, f64)> {
    let terms = shard_terms(shards);
    let refs: HashMap<&str, &Entry<'_>> = terms.iter().map(|(k, e)| (*k, e)).collect();
    rank(lang, &refs, p, n, m)
}

/// The words [`rank`] looks for slips of: words that may hold one and matched nothing in
/// `terms` (no entry, no completion); empty for the others, in the order of the query's words.
fn unmatched_words<'p>(
    lang: Lang,
    terms: &HashMap<&str, Entry<'_>>,
    p: &'p Parsed,
) -> Vec<Option<&'p str>> {
    let last = p.words.len().saturating_sub(1);
    p.words
        .iter()
        .enumerate()
        .map(|(i, (f, _))| {
            let completes = || {
                p.prefix
                    && i == last
                    && terms
                        .keys()
                        .any(|t| t.starts_with(f.as_str()) && !t.contains(' '))
            };
            (!terms.contains_key(f.as_str()) && !completes() && may_slip(lang, f))
                .then_some(f.as_str())
        })
        .collect()
}

/// What the whole shards would add to the ranking of the fetched parts, found in `vocab` (every
/// word of the query's word shards): the words one slip from a word that matched nothing, with
/// (when `none`: nothing matched) the words [`suggestions`] may offer; and the bigrams of the
/// query with a word replaced by one of its slips ([`slipped_bigrams`]).
fn slip_parts(
    lang: Lang,
    shards: &[Value],
    p: &Parsed,
    vocab: &[String],
    none: bool,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let terms = shard_terms(shards);
    let alts: Vec<Vec<&str>> = unmatched_words(lang, &terms, p)
        .iter()
        .map(|w| match w {
            Some(w) => vocab
                .iter()
                .map(String::as_str)
                .filter(|t| one_slip(w, t))
                .collect(),
            None => Vec::new(),
        })
        .collect();
    let mut words: BTreeSet<String> = alts.iter().flatten().map(|t| t.to_string()).collect();
    if none {
        for (w, _) in &p.words {
            let len = w.chars().count();
            let max = (len / 3).max(1);
            if len >= 3 {
                words.extend(
                    vocab
                        .iter()
                        .filter(|t| *t != w && distance(w, t) <= max)
                        .cloned(),
                );
            }
        }
    }
    let bigrams = p
        .bigrams
        .iter()
        .flat_map(|b| slipped_bigrams(p, &alts, b))
        .collect();
    (words, bigrams)
}

/// The word and the bigram whose completions the ranking counts: the last word when it is
/// being typed, and the last bigram when it ends in that word ([`rank`]).
pub(crate) fn prefixes(p: &Parsed) -> (Option<&str>, Option<&str>) {
    let Some(last) = p.words.last().filter(|_| p.prefix) else {
        return (None, None);
    };
    let bigram = p
        .bigrams
        .last()
        .filter(|b| b.ends_with(&format!(" {}", last.0)));
    (Some(last.0.as_str()), bigram.map(String::as_str))
}

/// Paths of word parts `w` and bigram parts `b`.
fn part_paths(hash: &str, w: BTreeSet<usize>, b: BTreeSet<usize>) -> Vec<String> {
    w.into_iter()
        .map(|i| format!("{hash}/w/{i}.json"))
        .chain(b.into_iter().map(|i| format!("{hash}/b/{i}.json")))
        .collect()
}

/// The shards of one kind of terms and their parts (manifest `"w"`/`"wp"`, `"b"`/`"bp"`):
/// every shard's first term starts a part.
pub(crate) struct Parts<'a> {
    shards: &'a [String],
    parts: &'a [String],
}

impl<'a> Parts<'a> {
    pub(crate) fn new(shards: &'a [String], parts: &'a [String]) -> Self {
        Parts { shards, parts }
    }

    /// The parts of shard `i`.
    fn of_shard(&self, i: usize) -> std::ops::Range<usize> {
        let first = |j: usize| match self.shards.get(j) {
            Some(s) => self.parts.partition_point(|x| x < s),
            None => self.parts.len(),
        };
        first(i)..first(i + 1)
    }

    /// Every part of the shards `shards`.
    pub(crate) fn all(&self, shards: &BTreeSet<usize>) -> BTreeSet<usize> {
        shards.iter().flat_map(|&i| self.of_shard(i)).collect()
    }

    /// The parts a query needs: the one holding each key, and every part of `shards` that may
    /// hold a term `prefix` starts (a part from `a` to the next part's `b` does when `a` sorts
    /// before `prefix` or starts with it, and `b` sorts after `prefix`).
    pub(crate) fn needed(
        &self,
        shards: &BTreeSet<usize>,
        keys: &[&str],
        prefix: Option<&str>,
    ) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = keys.iter().map(|k| shard_of(self.parts, k)).collect();
        if let Some(pre) = prefix {
            for k in self.all(shards) {
                let from = self.parts[k].as_str();
                let to = self.parts.get(k + 1).map(String::as_str);
                if (from < pre || from.starts_with(pre)) && to.is_none_or(|b| b > pre) {
                    out.insert(k);
                }
            }
        }
        out
    }
}

fn hit(stores: &HashMap<&str, Value>, man: &Value, hash: &str, c: u32, d: u32, score: f64) -> Hit {
    let path = format!("{hash}/d/{}.json", d / c);
    let rec = &stores.get(path.as_str()).unwrap_or(&Value::Null)[(d % c) as usize];
    let kind = rec[2]
        .as_u64()
        .and_then(|k| man["kinds"][k as usize].as_str());
    Hit {
        doc: d,
        url: rec[0].as_str().unwrap_or("").to_string(),
        title: rec[1].as_str().unwrap_or("").to_string(),
        kind: kind.unwrap_or("").to_string(),
        score,
    }
}

/// The answer key of a query answered by one precomputed answer: one word, two words (as
/// their bigram), the words of a place name, or a combination of the manifest's phrases and
/// place names ([`is_combo`]; `"q"`: `[[bigrams],[names]]`), typed without diacritics that
/// matter, still being typed (prefix).
pub(crate) fn answer_key(
    p: &Parsed,
    places: &FoldedPlaces,
    (bigrams, names): &(Vec<String>, Vec<String>),
) -> Option<String> {
    if !p.prefix || p.words.iter().any(|(f, x)| f != x) {
        return None;
    }
    match (&p.words[..], &p.bigrams[..]) {
        ([(w, _)], []) => Some(w.clone()),
        ([(a, _), (b, _)], [ab]) if *ab == format!("{a} {b}") => Some(ab.clone()),
        (ws, _) => {
            let key = ws
                .iter()
                .map(|w| w.0.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if places.is_name(&key) {
                return Some(key);
            }
            // A combination of the manifest's phrases and place names ("q"), every two
            // neighbouring words a bigram of the query (no break between them).
            let adjacent = ws.len() >= 3
                && p.bigrams.len() + 1 == ws.len()
                && p.bigrams
                    .iter()
                    .zip(ws.windows(2))
                    .all(|(b, w)| *b == format!("{} {}", w[0].0, w[1].0));
            if !adjacent {
                return None;
            }
            let words: Vec<&str> = ws.iter().map(|w| w.0.as_str()).collect();
            is_combo(&words, bigrams, names).then_some(key)
        }
    }
}

/// Whether `words` (three or more, distinct) are a key the combos answer
/// (`crate::answer::combo_keys`): a phrase then a place name or another phrase, or a place
/// name then a phrase.
pub(crate) fn is_combo(words: &[&str], bigrams: &[String], names: &[String]) -> bool {
    let n = words.len();
    if n < 3 {
        return false;
    }
    let phrase = |ws: &[&str]| ws.len() == 2 && bigrams.iter().any(|b| *b == ws.join(" "));
    let name = |ws: &[&str]| names.iter().any(|x| *x == ws.join(" "));
    let (head, rest) = words.split_at(2);
    let (front, tail) = words.split_at(n - 2);
    (phrase(head) && (name(rest) || phrase(rest))) || (phrase(tail) && name(front))
}

/// The key of the answer shard `answers` to use instead of `key` when `key` has no answer and
/// is not the start of a longer key (the word still being typed): the key of as many words
/// that differs from it by one slip in one word that may hold one ([`may_slip`]); the one
/// found in the most documents, then the first in order. `next` is the next shard's first key.
pub(crate) fn slipped_key(
    lang: Lang,
    answers: &Value,
    key: &str,
    next: Option<&str>,
) -> Option<String> {
    let map = answers.as_object()?;
    if map.contains_key(key)
        || next.is_some_and(|s| s.starts_with(key))
        || map.keys().any(|k| k.starts_with(key))
    {
        return None;
    }
    let words: Vec<&str> = key.split(' ').collect();
    let mut best: Option<(u64, &str)> = None;
    for (k, rec) in map {
        let other: Vec<&str> = k.split(' ').collect();
        if other.len() != words.len() {
            continue;
        }
        let diff: Vec<usize> = (0..words.len()).filter(|&i| words[i] != other[i]).collect();
        let [i] = diff[..] else {
            continue;
        };
        if !may_slip(lang, words[i]) || !one_slip(words[i], other[i]) {
            continue;
        }
        let total = rec[0].as_u64().unwrap_or(0);
        if best.is_none_or(|(t, b)| total > t || (total == t && k.as_str() < b)) {
            best = Some((total, k));
        }
    }
    best.map(|(_, k)| k.to_string())
}

/// Whether the answer shards may hold `key` or the key [`slipped_key`] would take instead of it:
/// always, unless `key` has two words and the manifest lists every answered key of two words
/// (`"k2"`) without it or one a slip away; then the answer's round trip is saved.
pub(crate) fn may_be_answered(lang: Lang, two_words: Option<&[String]>, key: &str) -> bool {
    let Some(list) = two_words else {
        return true;
    };
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() != 2 {
        return true;
    }
    list.iter().any(|k| {
        let other: Vec<&str> = k.split(' ').collect();
        let diff: Vec<usize> = (0..2)
            .filter(|&i| other.get(i) != Some(&words[i]))
            .collect();
        other.len() == 2
            && match diff[..] {
                [] => true,
                [i] => may_slip(lang, words[i]) && one_slip(words[i], other[i]),
                _ => false,
            }
    })
}

/// A hit from one precomputed answer record `[doc,score,excerpt]` and the shard's document
/// table `{doc:[url,title,kind]}`.
fn answer_hit(man: &Value, table: &Value, r: &Value) -> Hit {
    let doc = r[0].as_u64().unwrap_or(0) as u32;
    let rec = &table[doc.to_string()];
    let kind = rec[2]
        .as_u64()
        .and_then(|k| man["kinds"][k as usize].as_str());
    Hit {
        doc,
        url: rec[0].as_str().unwrap_or("").to_string(),
        title: rec[1].as_str().unwrap_or("").to_string(),
        kind: kind.unwrap_or("").to_string(),
        score: r[1].as_f64().unwrap_or(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Doc, Field, Places};

    const WORDS: &str = "cai nghien ma tuy tu nguyen dieu tri methadone ho tro sau cong dong \
        gia dinh tinh thanh pho ke hoach chuong trinh nhan dan uy ban don vi co quan dia phuong \
        nam thang ngay phap luat chinh sach dich vu y te suc khoe tu van giao duc tuyen truyen \
        nang cao hieu qua trien khai kiem tra giam sat bao cao ket nhiem giai muc tieu doi tuong \
        phoi hop lao dong thuong binh an quan doi bien phong hai van hoa the thao du lich nong \
        thon hoc sinh vien thanh nien phu nu tre em hoa nhap tai viec lam day nghe vay von \
        treatment voluntary recovery support family community service hotline province report \
        plan methadone clinic counselling relapse prevention outreach housing employment";

    /// Documents whose words walk the vocabulary at different strides (deterministic).
    fn docs() -> Vec<Doc<'static>> {
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        let pick = |i: usize, len: usize, stride: usize| -> String {
            (0..len)
                .map(|k| words[(i * 7 + k * stride + k * k) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        (0..600)
            .map(|i| Doc {
                url: format!("/p/{i}/"),
                title: pick(i, 6, 3 + i % 5),
                kind: "page".to_string(),
                fields: vec![(
                    Field::Body,
                    format!("{}. {}", pick(i, 40, 11), pick(i + 3, 30, 5 + i % 7)).into(),
                )],
            })
            .collect()
    }

    /// A query fetches parts, and the rest of its shards only when a word matched nothing, yet
    /// finds what the whole shards find: the same matches, ranking, reading and suggestions.
    #[test]
    fn parts_find_what_whole_shards_find() {
        let docs = docs();
        let places = Places::default();
        let parts = crate::index::build_in_parts(Lang::Vi, &docs, &places, "", 4_000);
        let whole = crate::index::build_in_parts(Lang::Vi, &docs, &places, "", usize::MAX);
        let man: Value = serde_json::from_slice(&parts[0].bytes).unwrap();
        let count = |k: &str, p: &str| shards_of(&man, k, p).map(|(s, p)| (s.len(), p.len()));
        let (words, word_parts) = count("w", "wp").unwrap();
        assert!(word_parts > 2 * words, "words in parts: {man}");
        let (bigrams, bigram_parts) = count("b", "bp").unwrap();
        assert!(bigram_parts > 2 * bigrams, "bigrams in parts");
        let queries = [
            "cai nghien tu nguyen",
            "dieu tri methadone",
            "ho tro sau cai nghien",
            "methadone dong thap",
            "voluntary treatment",
            "cai nghien tu ng",
            "t",
            "th",
            "tre",
            "nghein",
            "cai nghein ma tuy",
            "treatmnet plan",
            "khong co gi",
            "xyzzy",
            "Cai nghiện tự nguyện",
            "tu nguyen ",
        ];
        let mut fewer = 0;
        for q in queries {
            let a = simulate_query(&parts, q, 10).unwrap();
            let b = simulate_query(&whole, q, 10).unwrap();
            assert_eq!(a.total, b.total, "{q}: total");
            assert_eq!(a.hits, b.hits, "{q}: hits");
            assert_eq!(a.reading, b.reading, "{q}: reading");
            assert_eq!(a.suggest, b.suggest, "{q}: suggestions");
            let bytes = |files: &[IndexFile], plan: &QueryPlan| -> usize {
                plan.paths()
                    .filter(|p| p.contains("/w/") || p.contains("/b/"))
                    .filter_map(|p| crate::stored::read(files, p).map(|b| b.len()))
                    .sum()
            };
            fewer += usize::from(bytes(&parts, &a) < bytes(&whole, &b));
        }
        assert!(
            fewer >= queries.len() / 2,
            "{fewer} queries read fewer shard bytes"
        );
    }

    /// A word with no indexed word one slip away (a word of another language) costs no part
    /// after the first round: the words of its shards (`t/`) tell, and the next round is stores.
    #[test]
    fn a_word_without_slips_costs_no_more_parts() {
        let docs = docs();
        let files = crate::index::build_in_parts(Lang::Vi, &docs, &Places::default(), "", 4_000);
        let parts_after_first = |plan: &QueryPlan| -> Vec<String> {
            plan.rounds[2..]
                .iter()
                .flatten()
                .filter(|p| !p.contains("/d/"))
                .cloned()
                .collect()
        };
        let plan = simulate_query(&files, "dieu tri xylophone", 10).unwrap();
        assert!(plan.total > 0 && plan.rounds[1].iter().any(|p| p.contains("/t/")));
        assert_eq!(
            parts_after_first(&plan),
            Vec::<String>::new(),
            "{:?}",
            plan.rounds
        );
        let slipped = simulate_query(&files, "dieu tri treatmnet", 10).unwrap();
        assert_eq!(
            slipped.reading.as_deref(),
            Some("dieu tri treatment"),
            "{:?}",
            slipped
        );
        // Syllables never slip: their words are not fetched.
        let vi = simulate_query(&files, "cai nghien tu nguyen", 10).unwrap();
        assert!(!vi.paths().any(|p| p.contains("/t/")), "{:?}", vi.rounds);
    }

    #[test]
    fn a_part_is_needed_when_it_may_hold_a_completion() {
        let shards: Vec<String> = ["", "m"].map(String::from).to_vec();
        let parts: Vec<String> = ["", "cai", "ch", "m", "ng", "nh"]
            .map(String::from)
            .to_vec();
        let all: BTreeSet<usize> = [0, 1].into();
        let p = Parts::new(&shards, &parts);
        assert_eq!(p.all(&[1].into()), [3, 4, 5].into());
        // The parts holding the keys only.
        assert_eq!(p.needed(&all, &["cai", "nghien"], None), [1, 4].into());
        // "c" may start terms of parts "cai" and "ch" (and of "" before it, up to "cai").
        assert_eq!(p.needed(&all, &["c"], Some("c")), [0, 1, 2].into());
        // "ng" starts a part: the part before it ends before any term "ng" starts.
        assert_eq!(p.needed(&all, &["ng"], Some("ng")), [4].into());
        // Only the shards the query sees.
        assert_eq!(p.needed(&[1].into(), &["c"], Some("c")), [0].into());
    }
}
