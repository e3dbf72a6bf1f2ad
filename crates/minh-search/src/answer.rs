//! Precomputed answers: the ranked first page of every one-word and two-word query, with display records.

use crate::hash::FxMap;
use crate::index::{all_excerpts, json_str, Final, MAX_IMPACT};
use crate::query::{needed_shards, rank, shard_of, Entry, Parsed, ANSWER_TOP};
use crate::tokenize::Tokenizer;
use crate::{Doc, Lang};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Bigrams found in fewer documents get no precomputed answer (the query falls back)...
pub(crate) const ANSWER_MIN_BIGRAM_DF: usize = 3;
/// ...nor do bigrams found in fewer than one document in this many (keeps big sites' index small).
pub(crate) const ANSWER_BIGRAM_DF_SHARE: usize = 50;
/// Longest snippet stored in an answer (characters, around the first match).
const SNIPPET_CHARS: usize = 100;
/// An answer shard is closed once its JSON reaches this many bytes.
const ANSWER_SHARD_BYTES: usize = 40_000;

/// The sorted terms of one kind (words or bigrams) with their shard starts and ranking entries.
pub(crate) struct Terms<'a> {
    list: &'a [(String, Final)],
    starts: &'a [String],
    entries: Vec<Entry<'static>>,
}

impl<'a> Terms<'a> {
    pub(crate) fn new(list: &'a [(String, Final)], starts: &'a [String]) -> Self {
        let entries = list
            .iter()
            .map(|(_, f)| Entry {
                df: f.df as f64,
                postings: f.postings.iter().map(|&(d, q)| (d, f64::from(q))).collect(),
                variants: None,
            })
            .collect();
        Terms {
            list,
            starts,
            entries,
        }
    }

    /// Adds `key` and, with `completions`, the terms it starts (those in `shards` only, as the
    /// client sees them) to `out`.
    fn collect<'s>(
        &'s self,
        key: &str,
        completions: bool,
        shards: &BTreeSet<usize>,
        out: &mut HashMap<&'s str, &'s Entry<'static>>,
    ) {
        let start = self.list.partition_point(|(s, _)| s.as_str() < key);
        for (i, (s, _)) in self.list.iter().enumerate().skip(start) {
            if s != key && !(completions && s.starts_with(key)) {
                break;
            }
            if s == key || shards.contains(&shard_of(self.starts, s)) {
                if let Some(e) = self.entries.get(i) {
                    out.insert(s.as_str(), e);
                }
            }
        }
    }
}

/// Everything the answers are computed from.
pub(crate) struct Ctx<'a> {
    pub(crate) lang: Lang,
    pub(crate) docs: &'a [Doc],
    /// Kind index of each document.
    pub(crate) kind: &'a [usize],
    pub(crate) n: f64,
    pub(crate) words: Terms<'a>,
    pub(crate) bigrams: Terms<'a>,
}

/// Every excerpt of a document with the folded word ids of each, computed once per document.
#[derive(Default)]
struct Snips(FxMap<u32, Vec<(String, Vec<u32>)>>);

impl Snips {
    /// The excerpt of `doc` with the most words matching the query (ties: the first).
    fn best(&mut self, ctx: &Ctx<'_>, tk: &mut Tokenizer, doc: u32, p: &Parsed) -> String {
        let list = self.0.entry(doc).or_insert_with(|| {
            let Some(d) = ctx.docs.get(doc as usize) else {
                return Vec::new();
            };
            let (body, rest) = all_excerpts(d);
            body.into_iter()
                .chain(rest)
                .map(|e| {
                    let scan = tk.scan(ctx.lang, &e);
                    let ids = scan.words.iter().map(|w| w.1.folded).collect();
                    (e, ids)
                })
                .collect()
        });
        let strs = &tk.folded.strs;
        let last = p.words.last().map_or("", |w| w.0.as_str());
        let hits = |ids: &[u32]| {
            ids.iter()
                .filter_map(|&id| strs.get(id as usize))
                .filter(|f| p.words.iter().any(|w| w.0 == **f) || f.starts_with(last))
                .count()
        };
        let mut best: Option<(&String, usize)> = None;
        for (e, ids) in list.iter() {
            let k = hits(ids);
            if best.is_none_or(|b| k > b.1) {
                best = Some((e, k));
            }
        }
        let best = best.map(|b| b.0.clone()).unwrap_or_default();
        window(&best, |w| {
            let scan = tk.scan(ctx.lang, w);
            scan.words.iter().any(|x| {
                let f = tk.folded.strs.get(x.1.folded as usize);
                f.is_some_and(|f| p.words.iter().any(|w| w.0 == *f) || f.starts_with(last))
            })
        })
    }
}

/// At most [`SNIPPET_CHARS`] characters of `text` starting shortly before its first word for
/// which `hit` holds ("…" marks a cut).
fn window(text: &str, mut hit: impl FnMut(&str) -> bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = words.iter().position(|w| hit(w)).unwrap_or(0);
    let mut start = first.saturating_sub(3);
    let fits = |from: usize, to: usize| {
        words[from..to]
            .iter()
            .map(|w| w.chars().count() + 1)
            .sum::<usize>()
            <= SNIPPET_CHARS
    };
    while start < first && !fits(start, first + 1) {
        start += 1;
    }
    let mut end = start + 1;
    while end < words.len() && fits(start, end + 1) {
        end += 1;
    }
    let mut out = words.get(start..end).unwrap_or_default().join(" ");
    if start > 0 {
        out.insert(0, '…');
    }
    if end < words.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

/// The ranked documents of an answer-shaped query, as the client's full path ranks them.
fn ranked(ctx: &Ctx<'_>, p: &Parsed) -> Vec<(u32, f64)> {
    let (wi, bi) = needed_shards(ctx.words.starts, ctx.bigrams.starts, p);
    let mut terms = HashMap::new();
    let last = p.words.len().saturating_sub(1);
    for (i, (w, _)) in p.words.iter().enumerate() {
        ctx.words.collect(w, i == last, &wi, &mut terms);
    }
    for b in &p.bigrams {
        ctx.bigrams.collect(b, true, &bi, &mut terms);
    }
    rank(&terms, p, ctx.n, f64::from(MAX_IMPACT))
}

/// `"key":[total,[[doc,score,excerpt],...]]` for one answer key, and its documents.
fn answer_json(
    ctx: &Ctx<'_>,
    tk: &mut Tokenizer,
    snips: &mut Snips,
    key: &str,
    p: &Parsed,
) -> (String, Vec<u32>) {
    let ranked = ranked(ctx, p);
    let mut out = format!("{}:[{},[", json_str(key), ranked.len());
    let mut docs = Vec::new();
    for (i, &(d, score)) in ranked.iter().take(ANSWER_TOP).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let score = serde_json::to_string(&score).unwrap_or_else(|_| "0".to_string());
        let ex = json_str(&snips.best(ctx, tk, d, p));
        let _ = write!(out, "[{d},{score},{ex}]");
        docs.push(d);
    }
    out.push_str("]]");
    (out, docs)
}

/// `"doc":[url,title,kind]`, the display record of one document.
fn doc_record(ctx: &Ctx<'_>, d: u32) -> String {
    let Some(doc) = ctx.docs.get(d as usize) else {
        return format!("\"{d}\":[\"\",\"\",0]");
    };
    let title = crate::tokenize::nfc(&doc.title).into_owned();
    let kind = ctx.kind.get(d as usize).copied().unwrap_or(0);
    format!(
        "\"{d}\":[{},{},{kind}]",
        json_str(&doc.url),
        json_str(&title)
    )
}

/// One answer shard: `[{doc:[url,title,kind],...},{key:[total,[[doc,score,excerpt],...]],...}]`.
fn close_shard(ctx: &Ctx<'_>, cur: &str, docs: &mut Vec<u32>) -> String {
    docs.sort_unstable();
    docs.dedup();
    let recs: Vec<String> = docs.iter().map(|&d| doc_record(ctx, d)).collect();
    docs.clear();
    format!("[{{{}}},\n{{{cur}}}]", recs.join(","))
}

fn parsed(words: &[&str]) -> Parsed {
    Parsed {
        words: words
            .iter()
            .map(|w| (w.to_string(), w.to_string()))
            .collect(),
        bigrams: match words {
            [a, b] => vec![format!("{a} {b}")],
            _ => Vec::new(),
        },
        prefix: true,
    }
}

/// Answer shards (`<h>/a/<i>.json`, sorted keys) and the first key of each ("" for the first):
/// every word, and every bigram of two different words found in [`ANSWER_MIN_BIGRAM_DF`] documents
/// and in one document in [`ANSWER_BIGRAM_DF_SHARE`].
pub(crate) fn build(ctx: &Ctx<'_>, tk: &mut Tokenizer) -> (Vec<String>, Vec<String>) {
    let mut snips = Snips::default();
    let min_df = ANSWER_MIN_BIGRAM_DF.max(ctx.docs.len() / ANSWER_BIGRAM_DF_SHARE);
    let mut entries: Vec<(String, (String, Vec<u32>))> = Vec::new();
    for (w, _) in ctx.words.list {
        let p = parsed(&[w]);
        entries.push((w.clone(), answer_json(ctx, tk, &mut snips, w, &p)));
    }
    for (b, f) in ctx.bigrams.list {
        let Some((x, y)) = b.split_once(' ') else {
            continue;
        };
        if f.df < min_df || x == y {
            continue;
        }
        let p = parsed(&[x, y]);
        entries.push((b.clone(), answer_json(ctx, tk, &mut snips, b, &p)));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut starts = vec![String::new()];
    let mut shards = Vec::new();
    let mut cur = String::new();
    let mut docs = Vec::new();
    for (key, (json, ds)) in entries {
        if cur.len() >= ANSWER_SHARD_BYTES {
            shards.push(close_shard(ctx, &cur, &mut docs));
            starts.push(key);
            cur.clear();
        }
        if !cur.is_empty() {
            cur.push(',');
        }
        cur.push_str(&json);
        docs.extend(ds);
    }
    shards.push(close_shard(ctx, &cur, &mut docs));
    (starts, shards)
}
