//! Precomputed answers: the ranked first page of every one-word and two-word query, with display records.

use crate::index::{json_str, push_json_str, Excerpts, Final, Known, KnownIds, MAX_IMPACT};
use crate::query::{
    idf, needed_shards, shard_of, Parsed, ANSWER_TOP, PHRASE_WEIGHT, PREFIX_WEIGHT,
};
use crate::tokenize::{Spaced, Tokenizer};
use crate::{Doc, Lang};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Bigrams found in fewer documents get no precomputed answer (the query falls back)...
pub(crate) const ANSWER_MIN_BIGRAM_DF: usize = 3;
/// ...nor do bigrams found in fewer than one document in this many (keeps big sites' index small).
pub(crate) const ANSWER_BIGRAM_DF_SHARE: usize = 50;
/// At most this many bigrams get an answer: the site's phrases, the best by [`phrase_score`]
/// ("cai nghien", "ma tuy", "tu nguyen"). Answers are most of the index (at 1 000 pages every
/// bigram in 2 % of the documents was answered: 4 700 keys, 80 % of the index's bytes); a
/// two-word query that is no phrase of the site takes the full path (term shards, stores).
pub(crate) const PHRASE_ANSWERS: usize = 48;
/// The site's phrases (at most this many answered bigrams, the most frequent and most cohesive)
/// are answered together with the name of each current place, in either order ("cai nghien
/// dong thap", "dong thap cai nghien": a service and a province, the query residents type),
/// and with each other ("cai nghien ma tuy"), so such queries of three to five syllables
/// also cost two requests. Each phrase costs two answers per place (at 1 000 pages with 33
/// current places, 7 phrases were 45 % of the answers' bytes; the 4th to 7th best were
/// "quan ly", "dia phuong", "so nguoi", "ty le" or "see also", "more than": 3 keep the site's
/// subjects and cut the index by 8 %).
pub(crate) const PLACE_COMBO_BIGRAMS: usize = 3;
/// A phrase's [`cohesion`] counts in full when one in this many of its documents holds it in
/// their title or name ([`phrase_score`]).
const TITLE_SHARE: usize = 100;
/// Longest snippet stored in an answer (characters, around the first match).
const SNIPPET_CHARS: usize = 100;
/// An answer shard is closed once its JSON (answers and document table) reaches this many bytes
/// (counting the table too keeps shards of words, whose answers show many different documents,
/// as light as shards of combinations, which show the same ones again).
const ANSWER_SHARD_BYTES: usize = 47_000;

/// The sorted terms of one kind (words or bigrams) with their shard starts; the answers rank
/// from their postings as they are (impacts as integers, made `f64` where a score is computed:
/// a copy of every posting as `(u32, f64)` was a third of the build's heap).
pub(crate) struct Terms<'a> {
    list: Vec<(String, Final)>,
    starts: &'a [String],
}

impl<'a> Terms<'a> {
    pub(crate) fn new(list: Vec<(String, Final)>, starts: &'a [String]) -> Self {
        Terms { list, starts }
    }

    /// The term at index `i`.
    fn get(&self, i: usize) -> Option<&Final> {
        self.list.get(i).map(|t| &t.1)
    }

    /// Lets go of the terms and their postings (the index's shards are made already); only the
    /// ranking reads them, so none is found afterwards.
    fn let_go(&mut self) {
        self.list = Vec::new();
    }
}

/// Everything the answers are computed from.
pub(crate) struct Ctx<'a> {
    pub(crate) lang: Lang,
    pub(crate) docs: &'a [Doc<'a>],
    /// Excerpts of each document.
    pub(crate) excerpts: &'a [Excerpts],
    /// Kind index of each document.
    pub(crate) kind: &'a [usize],
    pub(crate) n: f64,
    pub(crate) words: Terms<'a>,
    pub(crate) bigrams: Terms<'a>,
    /// Folded place names: each of two words or more gets an answer.
    pub(crate) places: &'a [String],
    /// Folded names of the current places, answered after each of the most frequent bigrams.
    pub(crate) current: Vec<String>,
    /// The folded ids in their texts' order, kept from the build before ([`crate::index::Order`]),
    /// those the tokenizer knows past them left out.
    pub(crate) sorted: Option<Vec<u32>>,
}

/// The phrases and place names answered together ([`combo_keys`]): the
/// [`PLACE_COMBO_BIGRAMS`] bigrams with the best [`phrase_score`] (not inside a place's name,
/// sharing no word with a better one), and the current places whose words are all indexed and share no word with them.
pub(crate) type Combos = (Vec<String>, Vec<String>);

/// How much bigram `ab` is a phrase of the site: its documents times the share of the documents
/// of its more frequent word that hold it ("cai nghien": every page with "nghien" holds it;
/// "nguoi ty", two words that meet by chance, scores low).
fn cohesion(ctx: &Ctx<'_>, ab: &str, df: usize) -> f64 {
    let word_df = |w: &str| {
        ctx.words
            .list
            .binary_search_by(|(t, _)| t.as_str().cmp(w))
            .map_or(df, |i| ctx.words.list[i].1.df)
    };
    let (a, b) = ab.split_once(' ').unwrap_or((ab, ab));
    let most = word_df(a).max(word_df(b)).max(df).max(1);
    df as f64 * df as f64 / most as f64
}

/// How much bigram `ab` is a phrase residents search for: its [`cohesion`], halved unless at
/// least one in [`TITLE_SHARE`] of its documents holds it in their title or name (boilerplate
/// such as "xem thêm" or "see also" is on every page and in no title).
fn phrase_score(ctx: &Ctx<'_>, ab: &str, f: &Final) -> f64 {
    let c = cohesion(ctx, ab, f.df);
    if f.titles * TITLE_SHARE >= f.df {
        c
    } else {
        c / 2.0
    }
}

fn combos(ctx: &Ctx<'_>, min_df: usize) -> Combos {
    if ctx.current.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let padded: Vec<String> = ctx.places.iter().map(|n| format!(" {n} ")).collect();
    let in_a_name = |b: &str| {
        let b = format!(" {b} ");
        padded.iter().any(|n| n.contains(&b))
    };
    let mut top: Vec<(f64, &str)> = ctx
        .bigrams
        .list
        .iter()
        .filter(|(b, f)| f.df >= min_df && b.split_once(' ').is_some_and(|(x, y)| x != y))
        .filter(|(b, _)| !in_a_name(b))
        .map(|(b, f)| (phrase_score(ctx, b, f), b.as_str()))
        .collect();
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    // A bigram sharing a word with a better phrase is mostly a piece of a longer phrase
    // ("nghien ma" of "cai nghien ma tuy", "than year" of "more than a year").
    let mut bigrams: Vec<String> = Vec::new();
    for (_, b) in top {
        if bigrams.len() == PLACE_COMBO_BIGRAMS {
            break;
        }
        let shares = |c: &String| c.split(' ').any(|w| b.split(' ').any(|v| v == w));
        if !bigrams.iter().any(shares) {
            bigrams.push(b.to_string());
        }
    }
    bigrams.sort();
    let taken: BTreeSet<&str> = bigrams.iter().flat_map(|b| b.split(' ')).collect();
    let indexed = |w: &str| {
        ctx.words
            .list
            .binary_search_by(|(t, _)| t.as_str().cmp(w))
            .is_ok()
    };
    let names = ctx
        .current
        .iter()
        .filter(|n| {
            let ws: Vec<&str> = n.split(' ').collect();
            let distinct: BTreeSet<&str> = ws.iter().copied().collect();
            distinct.len() == ws.len() && ws.iter().all(|w| indexed(w) && !taken.contains(w))
        })
        .cloned()
        .collect();
    (bigrams, names)
}

/// Every key the combos answer: each phrase then each name, each name then each phrase, and
/// each phrase then another phrase sharing no word with it (what [`crate::query::answer_key`]
/// looks up).
pub(crate) fn combo_keys((bigrams, names): &Combos) -> Vec<String> {
    let mut keys = Vec::new();
    for b in bigrams {
        for n in names {
            keys.push(format!("{b} {n}"));
            keys.push(format!("{n} {b}"));
        }
        for c in bigrams {
            if !c.split(' ').any(|w| b.split(' ').any(|v| v == w)) {
                keys.push(format!("{b} {c}"));
            }
        }
    }
    keys
}

/// One excerpt of a document: its text, the folded word ids of its scan and the folded word ids
/// of each of its whitespace-separated words scanned alone.
struct Excerpt<'a> {
    text: &'a str,
    /// The ids of its scan when they are not `word_ids` ([`Excerpt::ids`]).
    ids: Option<Vec<u32>>,
    /// The ids of word `i` are `word_ids[ends[i - 1]..ends[i]]` (from 0 for the first).
    word_ids: Vec<u32>,
    ends: Vec<u32>,
}

impl Excerpt<'_> {
    /// The folded ids of its scan.
    fn ids(&self) -> &[u32] {
        self.ids.as_deref().unwrap_or(&self.word_ids)
    }

    /// The folded ids of whitespace-separated word `i` scanned alone.
    fn word(&self, i: usize) -> &[u32] {
        let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let to = self.ends.get(i).map_or(from, |&e| e as usize);
        self.word_ids.get(from..to).unwrap_or_default()
    }
}

/// Every excerpt of every document with the folded word ids of each (read-only once built:
/// answers are written in parallel, each thread with its own [`Memo`]).
struct Snips<'a> {
    docs: Vec<Vec<Excerpt<'a>>>,
    /// Per document: (folded id, excerpt, occurrences), sorted; finds the excerpts holding a
    /// word without reading the document.
    where_: Vec<Vec<(u32, u32, u32)>>,
    /// The folded ids known when the excerpts were scanned, sorted by their text.
    sorted: Vec<u32>,
    /// The folded forms, by id (the tokenizer's, borrowed: a copy was ~100 000 strings).
    strs: &'a [String],
}

/// One document's excerpts as [`Snips`] scanned them, without their text (each as
/// [`crate::tokenize::Spaced`]), and its occurrence list ([`occurrences`]): kept by `minh serve`
/// for the next build of an unchanged document, whose scan with the same tokenizer is the same.
pub(crate) type DocScan = (Vec<Spaced>, Occurrences);

/// A document's occurrence list ([`occurrences`]).
type Occurrences = Vec<(u32, u32, u32)>;

/// A document's excerpts scanned, with its occurrence list.
type Scanned<'a> = (Vec<Excerpt<'a>>, Occurrences);

/// Documents left to scan, at most, for which [`Snips::new`] scans on the tokenizer itself
/// rather than on a copy per thread (copying it cost more than scanning a few documents).
pub(crate) const SCAN_IN_PLACE: usize = 64;

/// One thread's scratch while writing answers: per folded id, (answer number, matches) for the
/// answer being written, and the matching ids of that answer; the buffers each result reuses
/// (a snippet's words and text, a score's digits: allocating them per result was a tenth of
/// a build's allocations).
struct Memo {
    hits: Vec<(u32, bool)>,
    answer: u32,
    ids: Vec<u32>,
    /// Matching words per excerpt of the document whose snippet is chosen ([`Snips::best`]).
    per_excerpt: Vec<usize>,
    window: Window,
    snippet: String,
    digits: String,
    number: Vec<u8>,
}

/// [`window_into`]'s scratch: the words of a text as byte spans, and the characters before each.
#[derive(Default)]
struct Window {
    words: Vec<(usize, usize)>,
    at: Vec<usize>,
}

/// Per excerpt of a document, each folded id's occurrences: (id, excerpt, count), sorted.
fn occurrences(list: &[Excerpt<'_>]) -> Vec<(u32, u32, u32)> {
    // (id, excerpt) as one number, which sorts in the same order.
    let mut all: Vec<u64> = Vec::with_capacity(list.iter().map(|e| e.ids().len()).sum());
    for (i, e) in list.iter().enumerate() {
        all.extend(e.ids().iter().map(|&id| u64::from(id) << 32 | i as u64));
    }
    all.sort_unstable();
    // Sized to the distinct keys: the lists are kept until every answer is written.
    let distinct = all.chunk_by(|a, b| a == b).count();
    let mut out: Vec<(u32, u32, u32)> = Vec::with_capacity(distinct);
    for key in all {
        let (id, e) = ((key >> 32) as u32, key as u32);
        match out.last_mut() {
            Some(last) if last.0 == id && last.1 == e => last.2 += 1,
            _ => out.push((id, e, 1)),
        }
    }
    out
}

/// Whether folded word `f` matches the query: one of its words, or a completion of the last.
fn matches_query(f: &str, p: &Parsed, last: &str) -> bool {
    p.words.iter().any(|w| w.0 == f) || f.starts_with(last)
}

/// Whether folded id `id` matches the query (memoized per answer).
fn id_hits(memo: &mut [(u32, bool)], answer: u32, strs: &[String], id: u32, p: &Parsed) -> bool {
    let Some(m) = memo.get_mut(id as usize) else {
        return false;
    };
    if m.0 != answer {
        let last = p.words.last().map_or("", |w| w.0.as_str());
        let hit = strs
            .get(id as usize)
            .is_some_and(|f| matches_query(f, p, last));
        *m = (answer, hit);
    }
    m.1
}

/// Scans the excerpts of the `docs` some answer shows (`shown`) with a copy of `tk`; returns
/// them (none for the other documents) and the copy. `first` is the index of `docs[0]` among
/// all documents; the body excerpts of a document whose words `known` holds take their ids
/// from there ([`excerpt_list`]).
fn scan_part<'a>(
    lang: Lang,
    tk: &Tokenizer,
    (first, docs): (usize, &'a [Excerpts]),
    shown: &[bool],
    known: &Known,
) -> (Vec<Vec<Excerpt<'a>>>, Tokenizer) {
    let mut local = tk.clone();
    let list = docs
        .iter()
        .zip(shown)
        .enumerate()
        .map(|(i, (doc, &shown))| {
            if !shown {
                return Vec::new();
            }
            excerpt_list(lang, &mut local, doc, known.of(first + i))
        })
        .collect();
    (list, local)
}

/// The excerpts of one document scanned: the body's with the ids of `known` (the words of its
/// body, in order) when it has them and they are exactly the words of the body excerpts, else
/// (and the name, meta and headings excerpts always) looked up by `tk`.
fn excerpt_list<'a>(
    lang: Lang,
    tk: &mut Tokenizer,
    (body, rest): &'a Excerpts,
    known: Option<KnownIds<'_>>,
) -> Vec<Excerpt<'a>> {
    let excerpt = |e: &'a String, (ids, word_ids, ends): crate::tokenize::Spaced| Excerpt {
        text: e.as_str(),
        ids,
        word_ids,
        ends,
    };
    let mut out = Vec::with_capacity(body.len() + rest.len());
    if let Some(mut next) = known {
        for e in body {
            match tk.scan_spaced_known(e, &mut next) {
                Some(s) => out.push(excerpt(e, s)),
                None => break,
            }
        }
        if out.len() < body.len() || next.next().is_some() {
            out.clear();
        }
    }
    if out.is_empty() {
        for e in body {
            out.push(excerpt(e, tk.scan_spaced(lang, e)));
        }
    }
    for e in rest {
        out.push(excerpt(e, tk.scan_spaced(lang, e)));
    }
    out
}

impl<'a> Snips<'a> {
    /// Scans every excerpt of every document (in parallel, on copies of `tk` whose new folded
    /// ids are then mapped into `tk`).
    fn new(ctx: &Ctx<'a>, tk: &'a mut Tokenizer, shown: &[bool], known: &Known) -> Self {
        let (docs, where_) = scan_all(ctx, tk, shown, known);
        Snips::with(docs, where_, tk, None)
    }

    /// [`Snips::new`], the documents `kept` holds a scan of (made by [`Snips::into_kept`] with
    /// the same tokenizer) taken from there; the others' scanned, on `tk` itself when they are
    /// few ([`SCAN_IN_PLACE`]).
    fn reusing(
        ctx: &Ctx<'a>,
        tk: &'a mut Tokenizer,
        (shown, known): (&[bool], &Known),
        (kept, sorted): (Vec<Option<DocScan>>, Option<Vec<u32>>),
    ) -> Self {
        let mut kept = kept;
        kept.resize_with(ctx.excerpts.len(), || None);
        let mut list: Vec<Option<Scanned<'a>>> = (kept.into_iter())
            .zip(ctx.excerpts)
            .zip(shown)
            .map(|((k, e), &shown)| k.filter(|_| shown).and_then(|k| with_text(e, k)))
            .collect();
        let left: Vec<bool> = (list.iter().zip(shown))
            .map(|(k, &shown)| shown && k.is_none())
            .collect();
        let count = left.iter().filter(|&&l| l).count();
        if count > SCAN_IN_PLACE {
            let (docs, where_) = scan_all(ctx, tk, &left, known);
            for ((slot, d), w) in list.iter_mut().zip(docs).zip(where_) {
                if slot.is_none() {
                    *slot = Some((d, w));
                }
            }
        } else {
            for (i, slot) in list.iter_mut().enumerate() {
                if left[i] {
                    let d = excerpt_list(ctx.lang, tk, &ctx.excerpts[i], known.of(i));
                    let w = occurrences(&d);
                    *slot = Some((d, w));
                }
            }
        }
        let (docs, where_) = list.into_iter().map(Option::unwrap_or_default).unzip();
        Snips::with(docs, where_, tk, sorted)
    }

    /// The scans of every document, for the next build ([`Snips::reusing`]): none for the
    /// documents no answer showed.
    fn into_kept(self) -> Vec<Option<DocScan>> {
        (self.docs.into_iter().zip(self.where_))
            .map(|(d, w)| {
                let shown = !d.is_empty();
                let spaced = d.into_iter().map(|e| (e.ids, e.word_ids, e.ends));
                shown.then(|| (spaced.collect(), w))
            })
            .collect()
    }

    /// Snips of the scanned documents `docs` and their occurrence lists, with the folded
    /// forms of `tk` sorted.
    fn with(
        docs: Vec<Vec<Excerpt<'a>>>,
        where_: Vec<Vec<(u32, u32, u32)>>,
        tk: &'a Tokenizer,
        kept: Option<Vec<u32>>,
    ) -> Self {
        let strs = tk.folded.strs.as_slice();
        // The ids past those kept in order merged in (sorting them all cost ~10 ms a build).
        let mut sorted = kept.unwrap_or_default();
        let cmp = |a: u32, b: u32| strs[a as usize].cmp(&strs[b as usize]);
        crate::index::merge_new(&mut sorted, strs.len(), cmp);
        Snips {
            docs,
            where_,
            sorted,
            strs,
        }
    }
}

/// Scans the excerpts of the documents `shown` ([`Snips::new`]): each with its occurrence list
/// (empty for the others).
fn scan_all<'a>(
    ctx: &Ctx<'a>,
    tk: &mut Tokenizer,
    shown: &[bool],
    known: &Known,
) -> (Vec<Vec<Excerpt<'a>>>, Vec<Occurrences>) {
    let base = tk.folded.strs.len();
    let size = ctx
        .excerpts
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let shared: &Tokenizer = tk;
    let parts: Vec<_> = ctx
        .excerpts
        .par_chunks(size)
        .enumerate()
        .zip(shown.par_chunks(size))
        .map(|((k, part), shown)| scan_part(ctx.lang, shared, (k * size, part), shown, known))
        .collect();
    let mut docs = Vec::with_capacity(ctx.excerpts.len());
    for (list, local) in parts {
        // The part's new ids, mapped into `tk` once each.
        let map: Vec<u32> = local.folded.strs[base.min(local.folded.strs.len())..]
            .iter()
            .map(|s| tk.folded.id(s.clone()))
            .collect();
        let global = |id: &mut u32| {
            if *id as usize >= base {
                *id = map[*id as usize - base];
            }
        };
        for mut doc in list {
            for e in &mut doc {
                e.ids.iter_mut().flatten().for_each(global);
                e.word_ids.iter_mut().for_each(global);
            }
            docs.push(doc);
        }
    }
    let where_ = docs.par_iter().map(|d| occurrences(d)).collect();
    (docs, where_)
}

/// A document's kept scan ([`DocScan`]) with the texts of its excerpts `e`; None if their
/// number differs.
fn with_text<'a>((body, rest): &'a Excerpts, (spaced, where_): DocScan) -> Option<Scanned<'a>> {
    if spaced.len() != body.len() + rest.len() {
        return None;
    }
    let list = (body.iter().chain(rest).zip(spaced))
        .map(|(text, (ids, word_ids, ends))| Excerpt {
            text,
            ids,
            word_ids,
            ends,
        })
        .collect();
    Some((list, where_))
}

impl<'a> Snips<'a> {
    /// A fresh scratch for one thread.
    fn memo(&self) -> Memo {
        Memo {
            hits: vec![(0, false); self.strs.len()],
            answer: 0,
            ids: Vec::new(),
            per_excerpt: Vec::new(),
            window: Window::default(),
            snippet: String::new(),
            digits: String::new(),
            number: Vec::new(),
        }
    }

    /// The folded ids (among those scanned) that match the query, as [`matches_query`] decides:
    /// one of its words, or a completion of the last; sorted, each once.
    fn matching_ids(&self, strs: &[String], p: &Parsed) -> Vec<u32> {
        let text = |id: &u32| strs.get(*id as usize).map_or("", String::as_str);
        let last = p.words.last().map_or("", |w| w.0.as_str());
        let from = self.sorted.partition_point(|id| text(id) < last);
        let mut ids: Vec<u32> = self.sorted[from..]
            .iter()
            .take_while(|id| text(id).starts_with(last))
            .copied()
            .collect();
        for (w, _) in &p.words {
            let at = self.sorted.partition_point(|id| text(id) < w.as_str());
            ids.extend(
                self.sorted[at..]
                    .iter()
                    .take_while(|id| text(id) == w.as_str())
                    .copied(),
            );
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Starts a new answer for query `p` (invalidates the memo).
    fn next_answer(&self, memo: &mut Memo, p: &Parsed) {
        memo.answer += 1;
        memo.ids = self.matching_ids(self.strs, p);
    }

    /// The snippet of the excerpt of `doc` with the most words matching the query (ties: the
    /// first), into `memo.snippet`.
    fn best(&self, memo: &mut Memo, doc: u32, p: &Parsed) {
        memo.snippet.clear();
        let Some(list) = self.docs.get(doc as usize) else {
            return;
        };
        let answer = memo.answer;
        // Matching words per excerpt, counted from the document's occurrence list.
        let hits = &mut memo.per_excerpt;
        hits.clear();
        hits.resize(list.len(), 0);
        let occ = self.where_.get(doc as usize).map_or(&[][..], Vec::as_slice);
        for &id in &memo.ids {
            let at = occ.partition_point(|o| o.0 < id);
            for o in occ[at..].iter().take_while(|o| o.0 == id) {
                if let Some(h) = hits.get_mut(o.1 as usize) {
                    *h += o.2 as usize;
                }
            }
        }
        // The excerpt with the most matches; ties: the first.
        let mut best: Option<(usize, usize)> = None;
        for (i, &k) in hits.iter().enumerate() {
            if best.is_none_or(|b| k > b.1) {
                best = Some((i, k));
            }
        }
        let Some(e) = best.and_then(|b| list.get(b.0)) else {
            return;
        };
        let strs = self.strs;
        let hits = &mut memo.hits;
        let hit = |i| {
            e.word(i)
                .iter()
                .any(|&id| id_hits(hits, answer, strs, id, p))
        };
        window_into(e.text, hit, &mut memo.window, &mut memo.snippet);
    }
}

/// [`window_into`] a new string, with a new scratch.
#[cfg(test)]
fn window(text: &str, hit: impl FnMut(usize) -> bool) -> String {
    let mut out = String::new();
    window_into(text, hit, &mut Window::default(), &mut out);
    out
}

/// Appends to `out` at most [`SNIPPET_CHARS`] characters of `text` starting shortly before its
/// first word for which `hit` (given the word's index) holds ("…" marks a cut); the scratch
/// [`Window`] is reused from one call to the next.
fn window_into(
    text: &str,
    mut hit: impl FnMut(usize) -> bool,
    Window { words, at }: &mut Window,
    out: &mut String,
) {
    // The whitespace-separated words (as `split_whitespace` gives them) as byte spans, and
    // at[i]: the characters (each word and one space) before word i; in one pass.
    words.clear();
    at.clear();
    at.push(0usize);
    let (mut from, mut chars) = (None, 0);
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if !c.is_whitespace() {
            from.get_or_insert(i);
            chars += 1;
        } else if let Some(s) = from.take() {
            words.push((s, i));
            at.push(at[at.len() - 1] + chars + 1);
            chars = 0;
        }
    }
    let first = (0..words.len()).position(&mut hit).unwrap_or(0);
    let mut start = first.saturating_sub(3);
    let fits = |from: usize, to: usize| at[to] - at[from] <= SNIPPET_CHARS;
    while start < first && !fits(start, first + 1) {
        start += 1;
    }
    let mut end = start + 1;
    while end < words.len() && fits(start, end + 1) {
        end += 1;
    }
    let shown = words.get(start..end).unwrap_or_default();
    let from = out.len();
    if start > 0 {
        out.push('…');
    }
    // The words joined by one space: the text itself where one space parts them.
    let spaced = shown
        .windows(2)
        .all(|w| w[1].0 == w[0].1 + 1 && text.as_bytes()[w[0].1] == b' ');
    match (shown.first(), shown.last()) {
        (Some(a), Some(z)) if spaced => out.push_str(&text[a.0..z.1]),
        _ => {
            for (i, &(a, z)) in shown.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&text[a..z]);
            }
        }
    }
    if end < words.len() && !out[from..].ends_with('…') {
        out.push('…');
    }
}

/// Per-document scratch of the ranking: best score of the current term group, running total
/// and matched-word count, and the documents touched.
struct Scratch {
    best: Vec<f64>,
    seen: Vec<bool>,
    group: Vec<u32>,
    total: Vec<f64>,
    count: Vec<u32>,
    docs: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            best: vec![0.0; n],
            seen: vec![false; n],
            group: Vec::new(),
            total: vec![0.0; n],
            count: vec![0; n],
            docs: Vec::new(),
        }
    }

    /// Each document's best contribution among `matches` (as `query::best_of`, without exact
    /// forms: answer keys are diacritic-free) into `best`, touched documents into `group`.
    fn best_of(&mut self, matches: &[(&Final, f64)], n: f64, m: f64) {
        for (e, mode) in matches {
            let w = idf(n, e.df as f64) * mode / m;
            for &(d, q) in &e.postings {
                let Some(seen) = self.seen.get_mut(d as usize) else {
                    continue;
                };
                let s = w * f64::from(q) * 1.0;
                if !*seen {
                    *seen = true;
                    self.best[d as usize] = 0.0;
                    self.group.push(d);
                }
                let cur = &mut self.best[d as usize];
                if s > *cur {
                    *cur = s;
                }
            }
        }
    }

    /// Resets the scratch for the next query.
    fn clear(&mut self) {
        for &d in &self.docs {
            self.total[d as usize] = 0.0;
            self.count[d as usize] = 0;
        }
        self.docs.clear();
    }
}

/// Indices in `terms` of `key` (if present) and, with `completions`, of the terms it starts
/// that lie in `shards` (as the client sees them).
fn term_range(
    terms: &Terms<'_>,
    key: &str,
    shards: &BTreeSet<usize>,
) -> (Option<usize>, Vec<usize>) {
    let start = terms.list.partition_point(|(s, _)| s.as_str() < key);
    let mut exact = None;
    let mut more = Vec::new();
    for (i, (s, _)) in terms.list.iter().enumerate().skip(start) {
        if s == key {
            exact = Some(i);
        } else if !s.starts_with(key) {
            break;
        } else if shards.contains(&shard_of(terms.starts, s)) {
            more.push(i);
        }
    }
    (exact, more)
}

/// The ranked documents of an answer-shaped query (1 or 2 diacritic-free words, prefix), as the
/// client's full path ranks them ([`crate::query::rank`] over the shards it would fetch): the
/// number matched and the best [`ANSWER_TOP`].
fn ranked(ctx: &Ctx<'_>, sc: &mut Scratch, p: &Parsed) -> (usize, Vec<(u32, f64)>) {
    let (wi, bi) = needed_shards(ctx.words.starts, ctx.bigrams.starts, p);
    let (n, m) = (ctx.n, f64::from(MAX_IMPACT));
    let last = p.words.len().saturating_sub(1);
    let mut matches: Vec<(&Final, f64)> = Vec::new();
    for (i, (w, _)) in p.words.iter().enumerate() {
        matches.clear();
        let (exact, more) = term_range(&ctx.words, w, &wi);
        let exact = exact.and_then(|j| ctx.words.get(j));
        matches.extend(exact.map(|e| (e, 1.0)));
        if i == last {
            let pw = if exact.is_none() {
                PREFIX_WEIGHT
            } else {
                PREFIX_WEIGHT / 2.0
            };
            matches.extend(
                more.iter()
                    .filter_map(|&j| ctx.words.get(j))
                    .map(|e| (e, pw)),
            );
        }
        sc.best_of(&matches, n, m);
        // Taken out and put back, so that its capacity serves the next term group.
        let group = std::mem::take(&mut sc.group);
        for &d in &group {
            let du = d as usize;
            sc.seen[du] = false;
            if sc.count[du] == 0 {
                sc.docs.push(d);
            }
            sc.total[du] += sc.best[du];
            sc.count[du] += 1;
        }
        sc.group = group;
        sc.group.clear();
    }
    let nb = p.bigrams.len();
    for (i, b) in p.bigrams.iter().enumerate() {
        matches.clear();
        let (exact, more) = term_range(&ctx.bigrams, b, &bi);
        matches.extend(
            exact
                .and_then(|j| ctx.bigrams.get(j))
                .map(|e| (e, PHRASE_WEIGHT)),
        );
        let ends_in_prefix = p
            .words
            .last()
            .is_some_and(|w| b.ends_with(&format!(" {}", w.0)));
        if p.prefix && i + 1 == nb && ends_in_prefix {
            let one_space = |j: &usize| {
                ctx.bigrams
                    .list
                    .get(*j)
                    .is_some_and(|(t, _)| t.matches(' ').count() == 1)
            };
            matches.extend(
                more.iter()
                    .filter(|j| one_space(j))
                    .filter_map(|&j| ctx.bigrams.get(j))
                    .map(|e| (e, PHRASE_WEIGHT * PREFIX_WEIGHT)),
            );
        }
        sc.best_of(&matches, n, m);
        let group = std::mem::take(&mut sc.group);
        for &d in &group {
            let du = d as usize;
            sc.seen[du] = false;
            if sc.count[du] > 0 {
                sc.total[du] += sc.best[du];
            }
        }
        sc.group = group;
        sc.group.clear();
    }
    let nw = p.words.len().max(1) as f64;
    let mut out: Vec<(u32, f64)> = sc
        .docs
        .iter()
        .map(|&d| {
            let (s, k) = (sc.total[d as usize], sc.count[d as usize]);
            (d, s * (f64::from(k) / nw).powi(2))
        })
        .collect();
    let total = out.len();
    let cmp = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if out.len() > ANSWER_TOP {
        out.select_nth_unstable_by(ANSWER_TOP, cmp);
        out.truncate(ANSWER_TOP);
        // Every query's first page is kept until the answers are written: not its capacity.
        out.shrink_to_fit();
    }
    out.sort_by(cmp);
    sc.clear();
    (total, out)
}

/// `"key":[total,[[doc,score,excerpt],...]]` for one answer key, and its documents.
fn answer_json(
    snips: &Snips<'_>,
    memo: &mut Memo,
    key: &str,
    p: &Parsed,
    (total, ranked): (usize, Vec<(u32, f64)>),
) -> (String, Vec<u32>) {
    snips.next_answer(memo, p);
    let shown = ranked.len().min(ANSWER_TOP);
    let mut out = String::with_capacity(key.len() + 16 + shown * (SNIPPET_CHARS * 3 / 2 + 32));
    push_json_str(&mut out, key);
    let _ = write!(out, ":[{total},[");
    let mut docs = Vec::with_capacity(shown);
    for (i, &(d, score)) in ranked.iter().take(ANSWER_TOP).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{d},");
        push_score(&mut out, (&mut memo.digits, &mut memo.number), score);
        out.push(',');
        snips.best(memo, d, p);
        push_json_str(&mut out, &memo.snippet);
        out.push(']');
        docs.push(d);
    }
    out.push_str("]]");
    (out, docs)
}

/// A score as an answer stores it: ten significant digits (the full path's own score to one part
/// in 10^10; the answer's order is its list's, so rounding reorders nothing). Full precision
/// cost 18 characters of nearly random digits per result, 5 % of the answers gzipped.
fn stored_score(score: f64, digits: &mut String) -> f64 {
    digits.clear();
    let _ = write!(digits, "{score:.9e}");
    digits.parse().unwrap_or(score)
}

/// Appends [`stored_score`] as JSON writes it (`serde_json`'s number), with the scratch
/// buffers `digits` and `number`.
fn push_score(out: &mut String, (digits, number): (&mut String, &mut Vec<u8>), score: f64) {
    number.clear();
    match serde_json::to_writer(&mut *number, &stored_score(score, digits)) {
        Ok(()) => out.push_str(std::str::from_utf8(number).unwrap_or("0")),
        Err(_) => out.push('0'),
    }
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

/// One answer shard: `[{doc:[url,title,kind],...},{key:[total,[[doc,score,excerpt],...]],...}]`,
/// from the display record of each document ([`doc_record`], by document).
fn close_shard(records: &[String], cur: &str, docs: &mut Vec<u32>) -> String {
    docs.sort_unstable();
    docs.dedup();
    let recs: Vec<&str> = docs
        .iter()
        .filter_map(|&d| records.get(d as usize).map(String::as_str))
        .collect();
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
/// every word ([`answered_word`]: numbers only where a title, name or metadata holds them), the
/// site's phrases ([`phrases`]: bigrams found in [`ANSWER_MIN_BIGRAM_DF`] documents and in one
/// document in [`ANSWER_BIGRAM_DF_SHARE`], at most [`PHRASE_ANSWERS`]), place names and combinations;
/// with the combinations' lists and every answered key of two words, sorted (the manifest's `"k2"`,
/// so a client asks for no answer a two-word query cannot have).
///
/// With `kept` (`minh serve`: the scans the build before left, made with the same tokenizer),
/// the excerpts of documents scanned then are not scanned again ([`Snips::reusing`]), and the
/// scans of this build are given back for the next; without, none are kept.
pub(crate) fn build(
    mut ctx: Ctx<'_>,
    tk: &mut Tokenizer,
    known: Known,
    kept: Option<Vec<Option<DocScan>>>,
) -> (Built, Option<Vec<Option<DocScan>>>) {
    let ctx = &mut ctx;
    let min_df = ANSWER_MIN_BIGRAM_DF.max(ctx.docs.len() / ANSWER_BIGRAM_DF_SHARE);
    let mut queries: Vec<(String, Parsed)> = Vec::new();
    for (w, f) in &ctx.words.list {
        if answered_word(w, f) {
            queries.push((w.clone(), parsed(&[w])));
        }
    }
    for b in phrases(ctx, min_df) {
        if let Some((x, y)) = b.split_once(' ') {
            queries.push((b.to_string(), parsed(&[x, y])));
        }
    }
    let mut keys: std::collections::HashSet<String> = queries.iter().map(|q| q.0.clone()).collect();
    let mut names: Vec<&String> = ctx
        .places
        .iter()
        .filter(|n| n.contains(' ') && !keys.contains(*n))
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        keys.insert(name.clone());
        queries.push((name.clone(), crate::query::parse(ctx.lang, name, true)));
    }
    let combos = combos(ctx, min_df);
    for key in combo_keys(&combos) {
        if keys.insert(key.clone()) {
            let p = crate::query::parse(ctx.lang, &key, true);
            queries.push((key, p));
        }
    }
    let ranks = rank_all(ctx, &queries);
    // Only the documents some answer shows need their excerpts scanned.
    let mut shown = vec![false; ctx.docs.len()];
    for (_, top) in &ranks {
        for &(d, _) in top.iter().take(ANSWER_TOP) {
            if let Some(s) = shown.get_mut(d as usize) {
                *s = true;
            }
        }
    }
    // The postings served the ranking alone: let go before the excerpts are scanned (with the
    // answers written, the index's peak).
    ctx.words.let_go();
    ctx.bigrams.let_go();
    let keep = kept.is_some();
    let snips = match kept {
        Some(kept) => {
            let sorted = ctx.sorted.take();
            Snips::reusing(ctx, tk, (&shown, &known), (kept, sorted))
        }
        None => Snips::new(ctx, tk, &shown, &known),
    };
    drop(known);
    let mut entries: Vec<(String, (String, Vec<u32>))> = queries
        .into_par_iter()
        .zip(ranks)
        .map_init(
            || snips.memo(),
            |memo, ((key, p), r)| {
                let json = answer_json(&snips, memo, &key, &p, r);
                (key, json)
            },
        )
        .collect();
    // The excerpts' scans served the snippets: let go (or kept) before the shards are assembled.
    let scans = keep.then(|| snips.into_kept());
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let two_words: Vec<String> = entries
        .iter()
        .filter(|(k, _)| k.split(' ').count() == 2)
        .map(|(k, _)| k.clone())
        .collect();
    let mut starts = vec![String::new()];
    let mut shards = Vec::new();
    let mut cur = String::new();
    let mut docs = Vec::new();
    let mut prev = String::new();
    // The display record of each document some answer shows, made once: a shard's size counts
    // its document table (each record once), and the shard holds them.
    let records: Vec<String> = (0..ctx.docs.len() as u32)
        .into_par_iter()
        .map(|d| match shown.get(d as usize) {
            Some(true) => doc_record(ctx, d),
            _ => String::new(),
        })
        .collect();
    let mut in_shard = vec![false; ctx.docs.len()];
    let mut table = 0;
    for (key, (json, ds)) in entries {
        let len = cur.len() + table;
        if crate::index::shard_break(&prev, &key, len, ANSWER_SHARD_BYTES) {
            for &d in &docs {
                in_shard[d as usize] = false;
            }
            shards.push(close_shard(&records, &cur, &mut docs));
            starts.push(key.clone());
            cur.clear();
            table = 0;
        }
        if !cur.is_empty() {
            cur.push(',');
        }
        cur.push_str(&json);
        for d in ds {
            if let Some(seen) = in_shard.get_mut(d as usize).filter(|s| !**s) {
                *seen = true;
                table += records.get(d as usize).map_or(0, |r| r.len() + 1);
            }
            docs.push(d);
        }
        prev = key;
    }
    shards.push(close_shard(&records, &cur, &mut docs));
    (((starts, shards), combos, two_words), scans)
}

/// The answers of an index ([`build`]): the answer shards and the first key of each, the
/// combinations' lists and the answered keys of two words.
pub(crate) type Built = ((Vec<String>, Vec<String>), Combos, Vec<String>);

/// Whether a word gets an answer: every word, but a number (a figure of a table, a year) only
/// where some document names it in its title, name or metadata (a phone, a plan's number):
/// tables hold thousands of numbers nobody searches for.
fn answered_word(w: &str, f: &Final) -> bool {
    f.label || !w.chars().any(char::is_numeric)
}

/// The bigrams that get an answer: of two different words, found in `min_df` documents, the
/// [`PHRASE_ANSWERS`] with the best [`phrase_score`] (ties: in key order).
fn phrases<'c>(ctx: &'c Ctx<'_>, min_df: usize) -> Vec<&'c str> {
    let mut top: Vec<(f64, &str)> = ctx
        .bigrams
        .list
        .iter()
        .filter(|(b, f)| f.df >= min_df && b.split_once(' ').is_some_and(|(x, y)| x != y))
        .map(|(b, f)| (phrase_score(ctx, b, f), b.as_str()))
        .collect();
    if top.len() > PHRASE_ANSWERS {
        let cmp = |a: &(f64, &str), b: &(f64, &str)| b.0.total_cmp(&a.0).then(a.1.cmp(b.1));
        top.select_nth_unstable_by(PHRASE_ANSWERS, cmp);
        top.truncate(PHRASE_ANSWERS);
    }
    top.into_iter().map(|(_, b)| b).collect()
}

/// The ranking of every answer query, computed in parallel.
fn rank_all(ctx: &Ctx<'_>, queries: &[(String, Parsed)]) -> Vec<(usize, Vec<(u32, f64)>)> {
    let n = ctx.docs.len();
    queries
        .par_iter()
        .map_init(|| Scratch::new(n), |sc, (_, p)| ranked(ctx, sc, p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{combo_keys, window, SNIPPET_CHARS};
    use crate::query::is_combo;
    use std::collections::BTreeSet;

    /// The snippet as the words joined by one space, cut to [`SNIPPET_CHARS`] around the first
    /// hit (what `window` made before it worked in one pass).
    fn joined_window(text: &str, hit: impl Fn(usize) -> bool) -> String {
        let words: Vec<&str> = text.split_whitespace().collect();
        let first = (0..words.len()).position(&hit).unwrap_or(0);
        let mut at = vec![0usize];
        for w in &words {
            at.push(at[at.len() - 1] + w.chars().count() + 1);
        }
        let fits = |from: usize, to: usize| at[to] - at[from] <= SNIPPET_CHARS;
        let mut start = first.saturating_sub(3);
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

    /// The one-pass window cuts as joining the words does, on single-spaced excerpts and on
    /// texts with other whitespace, for every first hit; and the same with one scratch and one
    /// output reused across every call, as the answers' writer does.
    #[test]
    fn window_cuts_as_the_joined_words() {
        let long = "Cai nghiện ma túy tự nguyện tại gia đình và cộng đồng ở Đồng Tháp ".repeat(4);
        let texts = [
            long.trim_end().to_string(),
            long.replace(' ', "  ").replace("ma", "ma\u{a0}\t"),
            format!("  {long}…"),
            String::new(),
            " \n ".to_string(),
            "một".to_string(),
        ];
        let (mut scratch, mut reused) = (super::Window::default(), "…".to_string());
        for text in &texts {
            let n = text.split_whitespace().count();
            for first in 0..=n {
                let got = window(text, |i| i == first);
                assert_eq!(got, joined_window(text, |i| i == first), "{text:?} {first}");
                assert!(got.chars().count() <= SNIPPET_CHARS + 2, "{got:?}");
                let from = reused.len();
                super::window_into(text, |i| i == first, &mut scratch, &mut reused);
                assert_eq!(reused[from..], got, "{text:?} {first}");
            }
        }
    }

    /// The client asks for a combination key exactly when the build wrote one: every built key
    /// passes `is_combo`, and every sequence of the lists' words that passes is a built key.
    #[test]
    fn the_client_asks_for_exactly_the_built_combinations() {
        let phrases: Vec<String> = ["cai nghien", "ma tuy", "nghien ma", "tu nguyen"]
            .map(String::from)
            .to_vec();
        let names: Vec<String> = ["dong thap", "hue", "ho chi minh"]
            .map(String::from)
            .to_vec();
        let combos = (phrases.clone(), names.clone());
        let built: BTreeSet<String> = combo_keys(&combos).into_iter().collect();
        assert!(built.contains("cai nghien dong thap"));
        assert!(built.contains("ho chi minh ma tuy"));
        assert!(built.contains("cai nghien tu nguyen"));
        assert!(
            !built.contains("cai nghien nghien ma"),
            "phrases sharing a word"
        );
        for key in &built {
            let words: Vec<&str> = key.split(' ').collect();
            assert!(is_combo(&words, &phrases, &names), "{key}");
        }
        // Every sequence of up to five distinct words from the lists.
        let vocab: BTreeSet<&str> = phrases
            .iter()
            .chain(&names)
            .flat_map(|s| s.split(' '))
            .collect();
        let vocab: Vec<&str> = vocab.into_iter().collect();
        let mut seqs: Vec<Vec<&str>> = vec![Vec::new()];
        let mut asked = 0;
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &seqs {
                for w in &vocab {
                    if !s.contains(w) {
                        let mut t = s.clone();
                        t.push(*w);
                        next.push(t);
                    }
                }
            }
            for s in &next {
                if is_combo(s, &phrases, &names) {
                    asked += 1;
                    assert!(built.contains(&s.join(" ")), "{s:?}");
                }
            }
            seqs = next;
        }
        assert_eq!(asked, built.len());
    }
}
