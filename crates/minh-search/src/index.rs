//! Builds the per-language index files: manifest, term shards and document stores.

use crate::answer::DocScan;
use crate::hash::{Fnv, FxMap};
use crate::tokenize::Tokenizer;
use crate::{Doc, Field, IndexFile, Lang};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// BM25 saturation parameter.
pub(crate) const K1: f32 = 1.2;
/// BM25 length normalization.
pub(crate) const B: f32 = 0.75;
/// Impacts are stored as integers 1..=MAX_IMPACT.
pub(crate) const MAX_IMPACT: u32 = 63;
/// At most this many documents (the highest-impact ones) are kept per term.
pub const MAX_POSTINGS: usize = 1000;
/// At most this many documents (the highest-impact ones) are kept per bigram.
pub const MAX_BIGRAM_POSTINGS: usize = 300;
/// A shard is closed once its terms, written as JSON numbers (`delta*64+impact`, the format
/// before [`crate::digits`]), reach this many bytes. Shards are the client's unit of what a
/// query sees (completions of the word being typed, words one slip away, suggestions); each is
/// stored as one or more parts ([`PART_TARGET_BYTES`]).
const SHARD_TARGET_BYTES: usize = 16_000;
/// A shard's part (the file a client fetches) is closed once its JSON reaches this many bytes:
/// a query fetches only the parts holding its terms (and the completions of the word being
/// typed), and the rest of its shards only when a word matched nothing (slips, suggestions).
/// On the 1 000-page corpus (vi, queries of three or four syllables, median gzipped) whole
/// shards cost 35 KB, parts of 4 000 bytes 9.5 KB, of 3 000 bytes 7.9 KB; at 10 000 pages parts
/// of 4 000 bytes cost 15 KB. Smaller parts add files (bytes on disk) and part starts to the
/// manifest (at 10 000 pages 4 000 bytes: 7.4 KB gzipped, 3 000: 8.5 KB).
const PART_TARGET_BYTES: usize = 4_000;
/// Document kinds known to the client (others are appended in order of appearance).
const KINDS: [&str; 7] = [
    "plan",
    "provider",
    "hotline",
    "statistics",
    "page",
    "update",
    "law",
];
/// Documents per document-store file. A first page shows documents from about as many stores
/// as it has results: at 16 per store 10 results cost 32 KB gzipped (vi, 1 000 pages), at 8
/// 19 KB, at 6 16 KB, at 4 13 KB, for 41 % more bytes of stores on disk than at 16 (the
/// shards' digits, [`crate::digits`], pay for it).
pub const DOCS_PER_CHUNK: usize = 4;
/// Longest excerpt of running text (characters); the body is cut into such excerpts.
pub(crate) const EXCERPT_CHARS: usize = 160;
/// Body excerpts kept per document in its document store (spread over the document).
const MAX_BODY_EXCERPTS: usize = 3;
const SHORT_EXCERPT: usize = 100;
const MAX_VARIANTS: usize = 64;

/// Weight of a field's occurrences in the saturating part of the score; None for the title
/// and name, which count as a separate, dominant "in the title" part.
fn weight(field: Field) -> Option<f32> {
    match field {
        Field::Title | Field::Name => None,
        Field::Heading => Some(4.0),
        Field::Meta => Some(3.0),
        Field::Body => Some(1.0),
    }
}

/// One posting while building.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    /// Weighted term frequency outside the title and name.
    pub(crate) rest: f32,
    /// The term is in the title or name.
    pub(crate) title: bool,
    /// The term is in a title, name or metadata field of the document ([`Term::label`]): kept
    /// with the posting (in its padding: still 12 bytes) so that a term patched after an edit
    /// knows whether another document still has it there ([`Acc::settle_word`]).
    pub(crate) label: bool,
}

impl Posting {
    /// Document `doc`'s posting, its label bit not set yet (the term's [`Term::label`] holds it
    /// until the postings are kept).
    pub(crate) fn of(doc: u32, rest: f32, title: bool) -> Posting {
        Posting {
            doc,
            rest,
            title,
            label: false,
        }
    }
}

/// Postings of one term while building.
#[derive(Default, Serialize, Deserialize)]
struct Term {
    postings: Vec<Posting>,
    /// The exact variants each posting's document has (bit i = `variants[i]`), for words only:
    /// beside the postings, not in them, so that a bigram's posting is half the size (the
    /// bigrams' postings were the largest part of the index's peak).
    masks: Vec<u64>,
    /// Exact-form ids, bit i of a mask = variants[i].
    variants: Vec<u32>,
    /// Found in some document's title, name or metadata (numbers, phones), not only in its text.
    label: bool,
}

impl Term {
    fn variant_bit(&mut self, exact: u32) -> u64 {
        match self.variants.iter().position(|&v| v == exact) {
            Some(i) => 1 << i,
            None if self.variants.len() < MAX_VARIANTS => {
                self.variants.push(exact);
                1 << (self.variants.len() - 1)
            }
            None => 0,
        }
    }
}

/// Key of a bigram term in the accumulator: (first folded id, second folded id).
fn bigram_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Accumulated postings of all documents of one language. Kept on disk (`minh build`,
/// [`crate::kept`]) without what only a fresh reading uses: `bigram_ids`, `doc` and `known`.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Acc {
    /// Word terms indexed by folded id.
    words: Vec<Term>,
    /// Bigram terms, found through `bigram_ids`.
    bigrams: Vec<(u64, Term)>,
    #[serde(skip)]
    bigram_ids: FxMap<u64, usize>,
    pub(crate) doc_len: Vec<u32>,
    /// The document being added, its terms gathered before they join the postings.
    #[serde(skip)]
    doc: DocTerms,
    /// The words of the documents' body fields, read once for the postings and again for the
    /// answers' snippets ([`Known`]).
    #[serde(skip)]
    pub(crate) known: Known,
}

/// The id ([`crate::tokenize::packed`]) of every word of every document's body fields, in
/// order, kept from the reading of the documents so that the answers' snippets, cut from the
/// same text, need not look their words up again ([`crate::answer`]). Each as one `u16` when
/// it fits ([`push_known`]): at 50 000 pages the ids are some 100 MB as `u32`.
#[derive(Default)]
pub(crate) struct Known {
    /// The ids of all documents, one after the other ([`push_known`]).
    ids: Vec<u16>,
    /// The end in `ids` of each document's ids.
    ends: Vec<u32>,
    /// Whether each document's body fields were NFC as they are (else its ids are not used).
    pub(crate) as_is: Vec<bool>,
    /// The ids of the document being read.
    doc: Vec<u32>,
}

/// Marks a packed id written as three `u16`: this, then its high and low halves.
const WIDE: u16 = u16::MAX;

/// Appends packed id `p` to `out`: its folded id times two plus one for a stop word, as one
/// `u16` below [`WIDE`], else as three.
pub(crate) fn push_known(out: &mut Vec<u16>, p: u32) {
    let stop = crate::tokenize::STOP_BIT;
    let v = (p & !stop) << 1 | u32::from(p & stop != 0);
    match u16::try_from(v) {
        Ok(v) if v != WIDE => out.push(v),
        _ => out.extend([WIDE, (v >> 16) as u16, v as u16]),
    }
}

/// The packed ids of one document as [`push_known`] wrote them.
pub(crate) struct KnownIds<'a>(std::slice::Iter<'a, u16>);

impl Iterator for KnownIds<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let v = match *self.0.next()? {
            WIDE => u32::from(*self.0.next()?) << 16 | u32::from(*self.0.next()?),
            v => u32::from(v),
        };
        let stop = if v & 1 == 1 {
            crate::tokenize::STOP_BIT
        } else {
            0
        };
        Some(v >> 1 | stop)
    }
}

impl Known {
    /// The ids of document `d`, if they can stand for its body's words.
    pub(crate) fn of(&self, d: usize) -> Option<KnownIds<'_>> {
        let from = if d == 0 { 0 } else { self.ends[d - 1] as usize };
        let to = *self.ends.get(d)? as usize;
        self.as_is[d].then(|| KnownIds(self.ids[from..to].iter()))
    }

    /// Closes the document being read (its body NFC as it is or not).
    fn close_doc(&mut self, as_is: bool) {
        for &p in &self.doc {
            push_known(&mut self.ids, p);
        }
        self.doc.clear();
        self.ends.push(self.ids.len() as u32);
        self.as_is.push(as_is);
    }

    /// Appends a document's ids as [`push_known`] wrote them (its body NFC as it is or not).
    pub(crate) fn push_doc(&mut self, ids: &[u16], as_is: bool) {
        self.ids.extend_from_slice(ids);
        self.ends.push(self.ids.len() as u32);
        self.as_is.push(as_is);
    }
}

/// One document's terms, each with its posting summed over the document's words, so that a
/// term's postings (scattered in memory once the vocabulary outgrows the cache) are touched once
/// per document rather than once per word. Reused from one document to the next.
#[derive(Default)]
pub(crate) struct DocTerms {
    /// Per folded id, (document stamp, index in `words`): the index holds only when the stamp
    /// is `stamp` (an array, not a map: looking each word up hashed it).
    word_slot: Vec<(u32, u32)>,
    /// The stamp of the document being added (from 1; [`DocTerms::clear`] moves it on).
    stamp: u32,
    /// (folded id, posting, found in a label field), in order of first appearance.
    pub(crate) words: Vec<(u32, Posting, bool)>,
    /// (index in `words`, exact id) of every word, in the document's order.
    exact: Vec<(usize, u32)>,
    /// The exact ids of `exact` grouped by word, each word's in the document's order
    /// ([`DocTerms::group_exact`]).
    grouped: Vec<u32>,
    /// The end in `grouped` of each word's exact ids.
    group_ends: Vec<u32>,
    /// Bigram key -> index in `bigrams`.
    bigram_slot: FxMap<u64, usize>,
    /// (bigram key, posting), in order of first appearance.
    pub(crate) bigrams: Vec<(u64, Posting)>,
}

impl DocTerms {
    /// Gathers the terms of `doc` (numbered `id`), pushing the ids of its body's words onto
    /// `known`; returns its length in words and whether its body fields are NFC as they are.
    pub(crate) fn read(
        &mut self,
        tk: &mut Tokenizer,
        lang: Lang,
        (id, doc): (u32, &Doc),
        known: &mut Vec<u32>,
    ) -> (u32, bool) {
        self.clear();
        let mut len = 0u32;
        let texts = std::iter::once((Field::Title, doc.title.as_str()))
            .chain(doc.fields.iter().map(|(f, t)| (*f, t.as_ref())));
        let mut as_is = true;
        for (field, text) in texts {
            let w = weight(field);
            let label = matches!(field, Field::Title | Field::Name | Field::Meta);
            let known = (field == Field::Body).then_some(&mut *known);
            let (scan, nfc) = tk.scan_keeping(lang, text, known);
            as_is &= nfc || field != Field::Body;
            for (_, ids) in &scan.words {
                self.add_word(id, *ids, w, label);
            }
            for &(a, b) in &scan.bigrams {
                let key = bigram_key(scan.words[a].1.folded, scan.words[b].1.folded);
                self.add_bigram(id, key, w);
            }
            len += scan.words.len() as u32;
        }
        self.group_exact();
        (len, as_is)
    }

    fn clear(&mut self) {
        self.stamp += 1;
        self.words.clear();
        self.exact.clear();
        self.bigram_slot.clear();
        self.bigrams.clear();
    }

    fn add_word(&mut self, id: u32, ids: crate::tokenize::WordIds, w: Option<f32>, label: bool) {
        let next = self.words.len();
        let f = ids.folded as usize;
        if self.word_slot.len() <= f {
            self.word_slot.resize(f + 1, (0, 0));
        }
        let (stamp, at) = &mut self.word_slot[f];
        if *stamp != self.stamp {
            *stamp = self.stamp;
            *at = next as u32;
        }
        let slot = *at as usize;
        if slot == next {
            self.words.push((ids.folded, first_posting(id, w), label));
        } else {
            let (_, p, l) = &mut self.words[slot];
            add_weight(p, w);
            *l |= label;
        }
        self.exact.push((slot, ids.exact));
    }

    fn add_bigram(&mut self, id: u32, key: u64, w: Option<f32>) {
        let next = self.bigrams.len();
        let slot = *self.bigram_slot.entry(key).or_insert(next);
        if slot == next {
            self.bigrams.push((key, first_posting(id, w)));
        } else {
            add_weight(&mut self.bigrams[slot].1, w);
        }
    }

    /// Groups `exact` by word into `grouped` and `group_ends`, keeping each word's exact ids in
    /// the document's order: a counting sort by word (stable, linear; a stable sort of `exact`
    /// was a tenth of reading the documents).
    fn group_exact(&mut self) {
        let ends = &mut self.group_ends;
        ends.clear();
        ends.resize(self.words.len(), 0);
        for &(slot, _) in &self.exact {
            ends[slot] += 1;
        }
        // Each word's start, then each word's end once its ids are placed.
        let mut sum = 0;
        for e in ends.iter_mut() {
            let n = *e;
            *e = sum;
            sum += n;
        }
        self.grouped.clear();
        self.grouped.resize(self.exact.len(), 0);
        for &(slot, e) in &self.exact {
            let at = &mut ends[slot];
            self.grouped[*at as usize] = e;
            *at += 1;
        }
    }

    /// The exact ids of word `slot`, in the document's order (after [`DocTerms::group_exact`]).
    pub(crate) fn exact_of(&self, slot: usize) -> &[u32] {
        exact_in((&self.grouped, &self.group_ends), slot)
    }

    /// Moves what [`DocTerms::read`] gathered into `out` (whose emptied vectors it reuses).
    fn hand_over(&mut self, out: &mut Gathered) {
        std::mem::swap(&mut self.words, &mut out.words);
        std::mem::swap(&mut self.grouped, &mut out.grouped);
        std::mem::swap(&mut self.group_ends, &mut out.group_ends);
        std::mem::swap(&mut self.bigrams, &mut out.bigrams);
    }
}

/// The exact ids of word `slot` of a document, as [`DocTerms::group_exact`] grouped them.
fn exact_in<'a>((grouped, ends): (&'a [u32], &'a [u32]), slot: usize) -> &'a [u32] {
    let from = if slot == 0 {
        0
    } else {
        ends[slot - 1] as usize
    };
    let to = ends.get(slot).map_or(from, |&e| e as usize);
    grouped.get(from..to).unwrap_or_default()
}

/// What [`DocTerms::read`] gathered of one document ([`DocTerms::hand_over`]), its length, its
/// body's word ids and whether its body is NFC as it is: handed from the thread that reads the
/// documents to the one that adds them to the postings ([`accumulate`]).
#[derive(Default)]
struct Gathered {
    words: Vec<(u32, Posting, bool)>,
    grouped: Vec<u32>,
    group_ends: Vec<u32>,
    bigrams: Vec<(u64, Posting)>,
    known: Vec<u32>,
    len: u32,
    as_is: bool,
}

/// The posting of document `id` at its first word of a term: weight `w` (None: a title word).
fn first_posting(id: u32, w: Option<f32>) -> Posting {
    Posting::of(id, w.unwrap_or(0.0), w.is_none())
}

/// Adds another word's weight `w` (None: a title word) to a document's posting.
fn add_weight(p: &mut Posting, w: Option<f32>) {
    p.rest += w.unwrap_or(0.0);
    p.title |= w.is_none();
}

impl Acc {
    fn add_doc(&mut self, tk: &mut Tokenizer, lang: Lang, id: u32, doc: &Doc) {
        let mut terms = std::mem::take(&mut self.doc);
        let (len, as_is) = terms.read(tk, lang, (id, doc), &mut self.known.doc);
        let grouped = (terms.grouped.as_slice(), terms.group_ends.as_slice());
        self.add_terms(&terms.words, grouped, &terms.bigrams);
        self.doc = terms;
        self.doc_len.push(len);
        self.known.close_doc(as_is);
    }

    /// Adds one document's words (each with its exact ids, `grouped` as
    /// [`DocTerms::group_exact`] groups them) and bigrams to the postings.
    fn add_terms(
        &mut self,
        words: &[(u32, Posting, bool)],
        grouped: (&[u32], &[u32]),
        bigrams: &[(u64, Posting)],
    ) {
        for (slot, &(folded, posting, label)) in words.iter().enumerate() {
            self.add_word(folded, posting, label, exact_in(grouped, slot));
        }
        for &(key, posting) in bigrams {
            self.add_bigram(key, posting);
        }
    }

    /// [`Acc::add_doc`] of a document read on another thread (`g`, emptied for reuse).
    fn add_gathered(&mut self, g: &mut Gathered) {
        let grouped = (g.grouped.as_slice(), g.group_ends.as_slice());
        self.add_terms(&g.words, grouped, &g.bigrams);
        self.doc_len.push(g.len);
        // The document's ids are closed as those read here are; `g` takes back its emptied list.
        std::mem::swap(&mut self.known.doc, &mut g.known);
        self.known.close_doc(g.as_is);
        std::mem::swap(&mut self.known.doc, &mut g.known);
    }

    /// Appends a document's posting of word `folded` to its term (documents arrive in order),
    /// its exact forms `exact` to the term's variants in the order the document has them (a
    /// form seen before adds nothing, so a list without repeats gives the same term).
    pub(crate) fn add_word(&mut self, folded: u32, posting: Posting, label: bool, exact: &[u32]) {
        let f = folded as usize;
        if self.words.len() <= f {
            self.words.resize_with(f + 1, Term::default);
        }
        let term = &mut self.words[f];
        term.label |= label;
        let mut mask = 0;
        for &e in exact {
            mask |= term.variant_bit(e);
        }
        term.postings.push(Posting { label, ..posting });
        term.masks.push(mask);
    }

    /// An empty accumulator whose words (by folded id) and bigrams (by slot: key and number of
    /// postings) have room for exactly `word_df` and `bigrams`' postings: reading kept
    /// documents, both are known beforehand, and growing the lists cost more than filling them.
    pub(crate) fn sized(word_df: &[u32], bigrams: impl Iterator<Item = (u64, u32)>) -> Acc {
        let term = |df: u32| Term {
            postings: Vec::with_capacity(df as usize),
            ..Term::default()
        };
        let word = |df: u32| Term {
            masks: Vec::with_capacity(df as usize),
            ..term(df)
        };
        Acc {
            words: word_df.iter().map(|&df| word(df)).collect(),
            bigrams: bigrams.map(|(key, df)| (key, term(df))).collect(),
            ..Acc::default()
        }
    }

    /// Appends a document's posting to the bigram in slot `slot` of an accumulator made by
    /// [`Acc::sized`] (documents arrive in order).
    pub(crate) fn add_bigram_at(&mut self, slot: usize, posting: Posting) {
        if let Some((_, term)) = self.bigrams.get_mut(slot) {
            term.postings.push(posting);
        }
    }

    /// Makes room for `words` folded ids and `slots` bigram slots (keys from `keys`), for a
    /// kept accumulator patched after an edit brought new words or bigrams.
    pub(crate) fn grow(&mut self, words: usize, keys: &[u64]) {
        if self.words.len() < words {
            self.words.resize_with(words, Term::default);
        }
        let from = self.bigrams.len();
        self.bigrams
            .extend(keys.iter().skip(from).map(|&k| (k, Term::default())));
    }

    /// Whether word `folded` can take `forms` more exact forms and lose some, its variants
    /// staying those of a fresh build: not when it may have reached [`MAX_VARIANTS`] (forms
    /// past it were dropped, and one could come back).
    pub(crate) fn can_patch_word(&self, folded: u32, forms: usize) -> bool {
        self.words
            .get(folded as usize)
            .is_none_or(|t| t.variants.len() + forms < MAX_VARIANTS)
    }

    /// Takes document `doc`'s posting out of word `folded` (its variants are settled by
    /// [`Acc::settle_word`]).
    pub(crate) fn remove_word(&mut self, folded: u32, doc: u32) {
        if let Some(t) = self.words.get_mut(folded as usize) {
            let at = t.postings.partition_point(|p| p.doc < doc);
            if t.postings.get(at).is_some_and(|p| p.doc == doc) {
                t.postings.remove(at);
                t.masks.remove(at);
            }
        }
    }

    /// Puts document `posting.doc`'s posting of word `folded` in its place among the term's
    /// (in document order), its exact forms `exact` added to the term's variants (new ones
    /// last, until [`Acc::settle_word`] puts them in order).
    pub(crate) fn insert_word(
        &mut self,
        folded: u32,
        posting: Posting,
        label: bool,
        exact: &[u32],
    ) {
        let Some(term) = self.words.get_mut(folded as usize) else {
            return;
        };
        let mut mask = 0;
        for &e in exact {
            mask |= term.variant_bit(e);
        }
        let at = term.postings.partition_point(|p| p.doc < posting.doc);
        term.postings.insert(at, Posting { label, ..posting });
        term.masks.insert(at, mask);
    }

    /// Puts word `folded`'s label and variants as a fresh build makes them once its postings
    /// were patched: labelled if some posting is, and the variants some posting has in order of
    /// first appearance (by document, then in the document's order of its forms: `exact_of`
    /// gives a document's forms of the word).
    pub(crate) fn settle_word<'r>(&mut self, folded: u32, exact_of: impl Fn(u32) -> &'r [u32]) {
        let Some(term) = self.words.get_mut(folded as usize) else {
            return;
        };
        term.label = term.postings.iter().any(|p| p.label);
        let n = term.variants.len();
        // Each variant's first posting, found in one pass that stops once all are.
        let mut first = vec![usize::MAX; n];
        let mut left: u64 = if n == 64 { u64::MAX } else { (1 << n) - 1 };
        for (at, &m) in term.masks.iter().enumerate() {
            let mut new = m & left;
            left &= !m;
            while new != 0 {
                first[new.trailing_zeros() as usize] = at;
                new &= new - 1;
            }
            if left == 0 {
                break;
            }
        }
        // Variants first found in the same document come in its order.
        let mut order: Vec<(usize, usize, usize)> = (0..n)
            .filter(|&i| first[i] != usize::MAX)
            .map(|i| (first[i], 0, i))
            .collect();
        order.sort_unstable();
        for k in 1..order.len() {
            let at = order[k].0;
            if at == order[k - 1].0 {
                let forms = exact_of(term.postings[at].doc);
                for o in order.iter_mut().filter(|o| o.0 == at) {
                    let v = term.variants[o.2];
                    o.1 = forms.iter().position(|&e| e == v).unwrap_or(usize::MAX);
                }
            }
        }
        order.sort_unstable();
        if order.len() == n && order.iter().enumerate().all(|(j, o)| o.2 == j) {
            return;
        }
        let variants = order.iter().map(|o| term.variants[o.2]).collect();
        for m in &mut term.masks {
            let old = *m;
            *m = (order.iter().enumerate())
                .filter(|(_, o)| old & (1 << o.2) != 0)
                .fold(0u64, |m, (j, _)| m | 1 << j);
        }
        term.variants = variants;
    }

    /// Takes document `doc`'s posting out of the bigram in slot `slot`.
    pub(crate) fn remove_bigram(&mut self, slot: usize, doc: u32) {
        if let Some((_, t)) = self.bigrams.get_mut(slot) {
            let at = t.postings.partition_point(|p| p.doc < doc);
            if t.postings.get(at).is_some_and(|p| p.doc == doc) {
                t.postings.remove(at);
            }
        }
    }

    /// Puts a document's posting of the bigram in slot `slot` in its place (document order).
    pub(crate) fn insert_bigram(&mut self, slot: usize, posting: Posting) {
        if let Some((_, t)) = self.bigrams.get_mut(slot) {
            let at = t.postings.partition_point(|p| p.doc < posting.doc);
            t.postings.insert(at, posting);
        }
    }

    /// Appends a document's posting of bigram `key` to its term (documents arrive in order).
    pub(crate) fn add_bigram(&mut self, key: u64, posting: Posting) {
        let next = self.bigrams.len();
        let i = *self.bigram_ids.entry(key).or_insert(next);
        if i == next {
            self.bigrams.push((key, Term::default()));
        }
        self.bigrams[i].1.postings.push(posting);
    }
}

/// Documents read, at least, for [`accumulate`] to read them on a thread of its own. Fewer are
/// read in well under 100 ms, and the thread's own heap cost more than that saved (500
/// documents: 4–5 MB more peak memory, no quicker build; 5 000: 3–4 % quicker, 50 000: 9 %).
const PIPELINE_MIN_DOCS: usize = 2_000;
/// Documents handed over at once from the reading thread to the adding one ([`accumulate`]).
const PIPELINE_BATCH: usize = 32;
/// Batches read ahead of those added, at most.
const PIPELINE_AHEAD: usize = 4;

/// The postings of `docs` and the tokenizer that read them, the documents read one after the
/// other, in two stages: one thread reads each document (its words looked up, its terms
/// gathered) while this one adds those read before to the postings, in the same order, so the
/// same index (a few dozen documents' terms in between). (Reading runs of documents on several
/// threads, each with its tokenizer, and merging them gave the same index but no quicker build
/// on two cores: at 50 000 pages it took ~85 MB more memory and, in alternating runs, a median
/// 22 s against 18 s.)
fn accumulate(lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer) {
    if docs.len() < PIPELINE_MIN_DOCS {
        accumulate_here(lang, docs)
    } else {
        accumulate_in_two(lang, docs)
    }
}

/// [`accumulate`] on this thread alone.
fn accumulate_here(lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer) {
    let (mut acc, mut tk) = (Acc::default(), Tokenizer::default());
    for (i, d) in docs.iter().enumerate() {
        acc.add_doc(&mut tk, lang, i as u32, d);
    }
    (acc, tk)
}

/// [`accumulate`] in two stages: the documents read on a thread of their own, added here.
fn accumulate_in_two(lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer) {
    let mut acc = Acc::default();
    let (full, read) = std::sync::mpsc::sync_channel::<Vec<Gathered>>(PIPELINE_AHEAD);
    let (empty, emptied) = std::sync::mpsc::channel::<Vec<Gathered>>();
    let tk = std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let (mut tk, mut terms) = (Tokenizer::default(), DocTerms::default());
            for (k, run) in docs.chunks(PIPELINE_BATCH).enumerate() {
                let mut batch = emptied.try_recv().unwrap_or_default();
                batch.resize_with(run.len(), Gathered::default);
                for (i, (d, g)) in run.iter().zip(&mut batch).enumerate() {
                    let id = (k * PIPELINE_BATCH + i) as u32;
                    g.known.clear();
                    (g.len, g.as_is) = terms.read(&mut tk, lang, (id, d), &mut g.known);
                    terms.hand_over(g);
                }
                if full.send(batch).is_err() {
                    break;
                }
            }
            tk
        });
        for mut batch in read {
            batch.iter_mut().for_each(|g| acc.add_gathered(g));
            // The reader may be done: then the batch is let go.
            let _ = empty.send(batch);
        }
        reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    });
    (acc, tk)
}

/// One term ready to serialize: df, kept postings (doc, impact), exact variants with their docs.
pub(crate) struct Final {
    pub(crate) df: usize,
    pub(crate) postings: Vec<(u32, u32)>,
    variants: Vec<(String, Vec<u32>)>,
    /// Found in a title, name or metadata field ([`Term::label`]).
    pub(crate) label: bool,
    /// Documents holding the term in their title or name.
    pub(crate) titles: usize,
}

/// The stored impact (1..=MAX_IMPACT): half for being in the title or name, half for the
/// BM25-saturated weighted frequency elsewhere, so title matches rank first.
fn impact(p: &Posting, norms: &[f32]) -> u32 {
    let norm = norms
        .get(p.doc as usize)
        .copied()
        .unwrap_or_else(|| norm(0, 1.0));
    let sat = p.rest / (p.rest + norm);
    let title = if p.title { 1.0 } else { 0.0 };
    let q = round_whole((title + sat) / 2.0 * MAX_IMPACT as f32);
    q.clamp(1, MAX_IMPACT)
}

/// BM25's length normalization of a document of `dl` words, the average `avgdl`.
fn norm(dl: u32, avgdl: f32) -> f32 {
    K1 * (1.0 - B + B * dl as f32 / avgdl.max(1.0))
}

/// Each document's [`norm`], computed once per document rather than once per posting (it was
/// two divisions of every posting's impact).
fn norms(doc_len: &[u32]) -> Vec<f32> {
    let total: u64 = doc_len.iter().map(|&l| u64::from(l)).sum();
    let avgdl = total as f32 / doc_len.len().max(1) as f32;
    doc_len.iter().map(|&dl| norm(dl, avgdl)).collect()
}

/// `x.round() as u32` without `f32::round`, a call into the maths library on x86-64 (once per
/// posting): below 2^24 truncating is exact and so is the fraction left, which decides the
/// rounding (halves away from zero); from there on every `f32` is whole, and below zero, NaN
/// and infinity saturate as the cast does.
fn round_whole(x: f32) -> u32 {
    let t = x as u32;
    if x - t as f32 >= 0.5 {
        t.saturating_add(1)
    } else {
        t
    }
}

/// Computes BM25 impacts (`norms`: [`norms`]), keeps the `cap` best postings, resolves exact
/// variants. A term with no more postings than `cap` (nearly every one) writes its impacts
/// straight into its list, without the copy of each posting with its mask that choosing the
/// best takes.
fn finalize(term: &Term, cap: usize, norms: &[f32], exact: &[String]) -> Final {
    let df = term.postings.len();
    let label = term.label;
    let titles = term.postings.iter().filter(|p| p.title).count();
    let (postings, variants) = if df > cap {
        let scored = best_postings(term, cap, norms);
        let variants = variant_docs(term, exact, || scored.iter().map(|p| (p.0, p.2)));
        (scored.into_iter().map(|p| (p.0, p.1)).collect(), variants)
    } else {
        let postings: Vec<(u32, u32)> = (term.postings.iter())
            .map(|p| (p.doc, impact(p, norms)))
            .collect();
        let kept = || (term.postings.iter().zip(&term.masks)).map(|(p, &m)| (p.doc, m));
        (postings, variant_docs(term, exact, kept))
    };
    Final {
        df,
        postings,
        variants,
        label,
        titles,
    }
}

/// The `cap` postings of `term` (more than `cap`) with the highest impacts, ties to the first
/// documents, in document order, each as (document, impact, mask). Impacts being 1..=
/// [`MAX_IMPACT`], the lowest impact kept is found by counting them, and the postings are
/// kept in one pass (choosing them by comparing was a tenth of a reusing turn's instructions).
fn best_postings(term: &Term, cap: usize, norms: &[f32]) -> Vec<(u32, u32, u64)> {
    let impacts: Vec<u32> = term.postings.iter().map(|p| impact(p, norms)).collect();
    let mut count = [0usize; MAX_IMPACT as usize + 1];
    for &q in &impacts {
        count[q as usize] += 1;
    }
    // The lowest impact kept, and how many postings of that impact are.
    let (mut lowest, mut above) = (MAX_IMPACT as usize, 0);
    while lowest > 0 && above + count[lowest] < cap {
        above += count[lowest];
        lowest -= 1;
    }
    let mut at_lowest = cap - above;
    let masks = term.masks.iter().copied().chain(std::iter::repeat(0));
    let mut kept = Vec::with_capacity(cap);
    for ((p, q), mask) in term.postings.iter().zip(impacts).zip(masks) {
        let keep = match (q as usize).cmp(&lowest) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal if at_lowest > 0 => {
                at_lowest -= 1;
                true
            }
            _ => false,
        };
        if keep {
            kept.push((p.doc, q, mask));
        }
    }
    kept
}

/// Each exact variant of `term` (named from `exact`) with the kept postings' documents that
/// have it (`kept`: each kept posting's document and mask), those with none left out.
fn variant_docs<I: Iterator<Item = (u32, u64)>>(
    term: &Term,
    exact: &[String],
    kept: impl Fn() -> I,
) -> Vec<(String, Vec<u32>)> {
    (term.variants.iter().enumerate())
        .map(|(i, &v)| {
            let docs: Vec<u32> = kept()
                .filter(|p| p.1 & (1 << i) != 0)
                .map(|p| p.0)
                .collect();
            let name = exact.get(v as usize).cloned().unwrap_or_default();
            (name, docs)
        })
        .filter(|(_, docs)| !docs.is_empty())
        .collect()
}

/// `s` as a JSON string ([`push_json_str`]).
pub(crate) fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_str(&mut out, s);
    out
}

/// Appends `s` as a JSON string: as it is between quotes when nothing in it needs escaping
/// (every term and almost every snippet; a String per term cost more than writing it), else
/// as `serde_json` escapes it.
pub(crate) fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string()));
    } else {
        out.reserve(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

/// Writes numbers joined by commas.
fn push_nums(out: &mut String, nums: impl Iterator<Item = u64>) {
    for (i, n) in nums.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_num(out, n);
    }
}

/// Writes `n` in decimal (what `write!(out, "{n}")` writes, without the formatter).
fn push_num(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[at..].iter().map(|&b| char::from(b)));
}

fn deltas(ids: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let mut prev = 0;
    ids.iter().map(move |&d| {
        let v = d - prev;
        prev = d;
        v
    })
}

/// `"term":[df,"doc deltas","impacts",variants?]` (the postings as [`crate::digits`] writes
/// them) — variants omitted when the only exact form is the folded one, a string when every
/// kept doc has one other form, else {form:[doc deltas]}.
/// Returns the bytes the entry would take with its postings as JSON numbers
/// `[delta*64+impact,...]` (the format before [`crate::digits`], which [`SHARD_TARGET_BYTES`] counts).
fn term_json(out: &mut String, folded: &str, f: &Final) -> usize {
    let start = out.len();
    let ids: Vec<u32> = f.postings.iter().map(|p| p.0).collect();
    push_json_str(out, folded);
    out.push_str(":[");
    push_num(out, f.df as u64);
    out.push(',');
    let from = out.len();
    out.push('"');
    for d in deltas(&ids) {
        crate::digits::push_delta(out, d);
    }
    out.push_str("\",\"");
    for p in &f.postings {
        crate::digits::push_impact(out, p.1);
    }
    out.push('"');
    let digits = out.len() - from;
    let numbers: usize = deltas(&ids)
        .zip(&f.postings)
        .map(|(d, p)| decimal_len(u64::from(d) * u64::from(MAX_IMPACT + 1) + u64::from(p.1)))
        .sum::<usize>()
        + f.postings.len().saturating_sub(1)
        + 2;
    match &f.variants[..] {
        [] => {}
        [(v, _)] if v == folded => {}
        [(v, docs)] if docs.len() == f.postings.len() => {
            out.push(',');
            push_json_str(out, v);
        }
        vs => {
            out.push_str(",{");
            for (i, (v, docs)) in vs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_str(out, v);
                out.push_str(":[");
                push_nums(out, deltas(docs).map(u64::from));
                out.push(']');
            }
            out.push('}');
        }
    }
    out.push(']');
    out.len() - start - digits + numbers
}

/// The shortest start of `next` that sorts after `prev` (`prev` < `next`): a part starting
/// there holds the same terms as one starting at `next`, with fewer bytes in the manifest.
fn separator<'a>(prev: &str, next: &'a str) -> &'a str {
    let shared = prev
        .chars()
        .zip(next.chars())
        .take_while(|(a, b)| a == b)
        .count();
    match next.char_indices().nth(shared + 1) {
        Some((i, _)) => &next[..i],
        None => next,
    }
}

/// Longest start (in characters) a front-coded term shares with the one before it.
const FRONT_MAX: usize = 40;

/// Sorted terms as one string, for the manifest: per term, a character telling how many
/// characters it shares with the term before (`'0'` + n, n <= [`FRONT_MAX`]) then the rest of
/// it, the terms joined by `|` (no term holds one). `crate::query::unfront` reads it back.
pub(crate) fn front_coded(terms: &[String]) -> String {
    let mut out = String::new();
    let mut prev = "";
    for (i, t) in terms.iter().enumerate() {
        let shared = prev
            .chars()
            .zip(t.chars())
            .take(FRONT_MAX)
            .take_while(|(a, b)| a == b)
            .count();
        if i > 0 {
            out.push('|');
        }
        out.push(char::from(b'0' + shared as u8));
        out.extend(t.chars().skip(shared));
        prev = t;
    }
    out
}

/// Digits of `n` in decimal.
fn decimal_len(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// The terms of one kind cut into shards and parts.
pub(crate) struct Sharded {
    /// The first term of each shard ("" for the first).
    pub(crate) starts: Vec<String>,
    /// The first term of each part ("" for the first); every shard's first term starts a part.
    pub(crate) part_starts: Vec<String>,
    /// The number of parts of each shard.
    pub(crate) part_counts: Vec<usize>,
    /// Serialized parts (JSON objects, sorted terms).
    pub(crate) parts: Vec<String>,
    /// Each shard's terms of one word, as a JSON array (sorted): the client finds a word's
    /// slips there and fetches only the parts holding them.
    pub(crate) lists: Vec<String>,
}

/// Cuts sorted terms into shards ([`SHARD_TARGET_BYTES`], [`shard_break`]) and each shard into
/// parts ([`PART_TARGET_BYTES`]).
fn shard_terms(terms: &[(String, Final)], part_bytes: usize) -> Sharded {
    let mut out = Sharded {
        starts: vec![String::new()],
        part_starts: vec![String::new()],
        parts: Vec::new(),
        part_counts: vec![1],
        lists: Vec::new(),
    };
    let mut cur = String::new();
    let mut list = String::new();
    let mut entry = String::new();
    // The shard's bytes as JSON numbers (what SHARD_TARGET_BYTES counts).
    let mut shard_len = 0;
    let mut prev = "";
    for (term, f) in terms {
        entry.clear();
        let len = term_json(&mut entry, term, f);
        let new_shard = shard_break(prev, term, shard_len, SHARD_TARGET_BYTES);
        if new_shard || cur.len() >= part_bytes {
            out.parts.push(format!("{{{cur}}}"));
            out.part_starts.push(if new_shard {
                term.clone()
            } else {
                separator(prev, term).to_string()
            });
            cur.clear();
            if let Some(n) = out.part_counts.last_mut().filter(|_| !new_shard) {
                *n += 1;
            }
        }
        if new_shard {
            out.part_counts.push(1);
            out.starts.push(term.clone());
            out.lists.push(format!("[{list}]"));
            list.clear();
            shard_len = 0;
        }
        push_single(&mut list, term);
        if shard_len > 0 {
            shard_len += 1;
        }
        shard_len += len;
        if !cur.is_empty() {
            cur.push(',');
        }
        cur.push_str(&entry);
        prev = term;
    }
    out.parts.push(format!("{{{cur}}}"));
    out.lists.push(format!("[{list}]"));
    out
}

/// Appends `term` to the JSON array items `list` when it is one word.
fn push_single(list: &mut String, term: &str) {
    if term.contains(' ') {
        return;
    }
    if !list.is_empty() {
        list.push(',');
    }
    push_json_str(list, term);
}

/// Whether a shard of `len` bytes closes before `next` (sorted after `prev`): once it reaches
/// `target`, at the first place where the two keys share fewer than 3 characters, or at 5/4 of
/// `target` at the latest; so words one slip apart ("nghein", "nghien") mostly share a shard.
pub(crate) fn shard_break(prev: &str, next: &str, len: usize, target: usize) -> bool {
    let shared = prev
        .chars()
        .zip(next.chars())
        .take_while(|(a, b)| a == b)
        .count();
    len >= target && (shared < 3 || len >= target + target / 4)
}

/// Cuts text to at most `max` characters at a word boundary, adding "…" when cut.
fn excerpt(text: &str, max: usize) -> String {
    let head = match text.char_indices().nth(max * 2) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let text = crate::tokenize::nfc(head);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut}…")
}

/// Word `w` of `n` characters and its length in characters, cut to its first `longest`
/// characters if longer.
fn cut_word(w: &str, n: usize, longest: usize) -> (&str, usize) {
    if n <= longest {
        return (w, n);
    }
    let at = w.char_indices().nth(longest).map_or(w.len(), |(i, _)| i);
    (&w[..at], longest)
}

/// The first sentence of `text` (up to and with the first `.`, `!`, `?`, `…` or newline, as
/// `split_inclusive` cuts it), its whitespace-separated words (as `split_whitespace` gives them)
/// into `words`, each with its length in characters and cut to `longest` (then `cut` is set); in
/// one pass.
fn sentence_words<'t>(
    text: &'t str,
    longest: usize,
    words: &mut Vec<(&'t str, usize)>,
    cut: &mut bool,
) -> &'t str {
    words.clear();
    let (mut from, mut chars) = (None, 0);
    let mut end = text.len();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // (whitespace, length in bytes, ends the sentence) of the character at i: ASCII read
        // from its byte (most of the text, also in Vietnamese), the rest decoded.
        let (space, len, stop) = if b.is_ascii() {
            let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
            (space, 1, matches!(b, b'.' | b'!' | b'?' | b'\n'))
        } else if let Some(len) = plain_letter_len(bytes, i) {
            (false, len, false)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8(), c == '…')
        };
        if space {
            if let Some(s) = from.take() {
                *cut |= chars > longest;
                words.push(cut_word(&text[s..i], chars, longest));
                chars = 0;
            }
        } else {
            from.get_or_insert(i);
            chars += 1;
        }
        if stop {
            end = i + len;
            break;
        }
        i += len;
    }
    if let Some(s) = from {
        *cut |= chars > longest;
        words.push(cut_word(&text[s..end], chars, longest));
    }
    &text[..end]
}

/// The length in bytes of the character starting at byte `i` of `bytes` (a lead byte from 0x80
/// up) when it is neither whitespace nor "…" for want of being one (read from its bytes, not
/// decoded): U+00C0–U+07FF (lead 0xC3–0xDF: Latin letters with diacritics, Vietnamese's ơ, ư
/// and đ among them; the whitespace U+0085 and U+00A0 have lead 0xC2) and U+1E00–U+1EFF (0xE1
/// 0xB8–0xBB: the precomposed Vietnamese letters). None for any other character.
#[inline(always)]
fn plain_letter_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        0xC3..=0xDF => Some(2),
        0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => Some(3),
        _ => None,
    }
}

/// Adds word `w` to the excerpt `cur` (words parted by one space).
fn push_word(cur: &mut String, w: &str) {
    if !cur.is_empty() {
        cur.push(' ');
    }
    cur.push_str(w);
}

/// Splits text into excerpts of at most `max` characters: whole sentences packed together,
/// longer sentences cut at word boundaries ("…" marks a cut). One pass over each sentence finds
/// its words and their lengths, which are written straight into the excerpt being filled.
/// With whether they hold `text`'s words whole: `text` NFC as it is and no word cut (the words of
/// the excerpts are then those of `text`, in order, and "·" and "…" marks).
fn excerpts(text: &str, max: usize) -> (Vec<String>, bool) {
    let text = crate::tokenize::nfc(text);
    let mut cut = !matches!(text, std::borrow::Cow::Borrowed(_));
    let mut out = Vec::new();
    // The excerpt being filled, and its length in characters counting one space per word.
    let mut cur = String::new();
    let mut len = 0;
    // A block (heading, list item, table cell) that ends without punctuation is kept apart from
    // the next one by " · ", so that a heading never runs into the text after it.
    let mut open_block = false;
    let longest = max.saturating_sub(1).max(1);
    let mut words: Vec<(&str, usize)> = Vec::new();
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let sentence = sentence_words(rest, longest, &mut words, &mut cut);
        rest = &rest[sentence.len()..];
        let n = words.iter().map(|w| w.1 + 1).sum::<usize>();
        if n == 0 {
            continue;
        }
        if len > 0 && len + n > max + 1 {
            out.push(cur.as_str().to_owned());
            cur.clear();
            len = 0;
        }
        if len > 0 && open_block {
            words.insert(0, ("·", 1));
        }
        let trimmed = sentence.trim_end();
        open_block = sentence.ends_with('\n')
            && !trimmed.ends_with(['.', '!', '?', '…', ':', ';', ',', '·']);
        for &(w, chars) in &words {
            let wl = chars + 1;
            if len > 0 && len + wl > max {
                cur.push('…');
                out.push(cur.as_str().to_owned());
                cur.clear();
                len = 0;
            }
            len += wl;
            push_word(&mut cur, w);
        }
    }
    if !cur.is_empty() {
        out.push(cur.as_str().to_owned());
    }
    (out, !cut)
}

/// At most `cap` items spread evenly over `items` (the first always kept).
fn spread(items: &[String], cap: usize) -> Vec<&String> {
    let n = items.len();
    if n <= cap {
        return items.iter().collect();
    }
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| (i * cap) % n < cap)
        .map(|(_, e)| e)
        .take(cap)
        .collect()
}

/// Body excerpts, and name, meta, headings excerpts (non-empty only) of one document.
pub(crate) type Excerpts = (Vec<String>, Vec<String>);

/// Every excerpt of a document: body excerpts, then name, meta, headings (non-empty only); with
/// whether the body excerpts hold the body's words whole ([`excerpts`]).
pub(crate) fn all_excerpts(doc: &Doc) -> (Excerpts, bool) {
    let (body, whole) = excerpts(&field_text(doc, Field::Body), EXCERPT_CHARS);
    let rest = [Field::Name, Field::Meta, Field::Heading]
        .iter()
        .map(|f| excerpt(&field_text(doc, *f), SHORT_EXCERPT))
        .filter(|e| !e.is_empty())
        .collect();
    ((body, rest), whole)
}

/// The texts of `doc`'s fields of kind `field` joined by " · " (one text as it is, not copied).
fn field_text<'d>(doc: &'d Doc, field: Field) -> std::borrow::Cow<'d, str> {
    let mut parts = (doc.fields.iter())
        .filter(|(f, _)| *f == field)
        .map(|(_, t)| t.as_ref());
    match (parts.next(), parts.next()) {
        (None, _) => std::borrow::Cow::Borrowed(""),
        (Some(one), None) => std::borrow::Cow::Borrowed(one),
        (Some(a), Some(b)) => {
            let all: Vec<&str> = [a, b].into_iter().chain(parts).collect();
            std::borrow::Cow::Owned(all.join(" · "))
        }
    }
}

/// `[url,title,kind,[excerpts]]` — up to [`MAX_BODY_EXCERPTS`] body excerpts spread over the
/// body, then name, meta, headings (non-empty only).
pub(crate) fn doc_json(doc: &Doc, kind: usize, (body, rest): &Excerpts) -> String {
    let ex: Vec<String> = spread(body, MAX_BODY_EXCERPTS)
        .into_iter()
        .chain(rest)
        .map(|e| json_str(e))
        .collect();
    let title = crate::tokenize::nfc(&doc.title).into_owned();
    format!(
        "[{},{},{},[{}]]",
        json_str(&doc.url),
        json_str(&title),
        kind,
        ex.join(",")
    )
}

/// The kind index of every document (unknown kinds appended to `kinds`).
fn kind_ids(docs: &[Doc], kinds: &mut Vec<String>) -> Vec<usize> {
    docs.iter()
        .map(|d| {
            kinds.iter().position(|k| *k == d.kind).unwrap_or_else(|| {
                kinds.push(d.kind.clone());
                kinds.len() - 1
            })
        })
        .collect()
}

pub(crate) fn doc_chunks(docs: &[Doc], kind: &[usize], excerpts: &[Excerpts]) -> Vec<String> {
    docs.par_chunks(DOCS_PER_CHUNK)
        .zip(kind.par_chunks(DOCS_PER_CHUNK))
        .zip(excerpts.par_chunks(DOCS_PER_CHUNK))
        .map(|((chunk, ks), exs)| {
            let recs: Vec<String> = chunk
                .iter()
                .zip(ks)
                .zip(exs)
                .map(|((d, k), e)| doc_json(d, *k, e))
                .collect();
            chunk_json(&recs)
        })
        .collect()
}

/// One document store: the records of its documents ([`doc_json`]), in order.
pub(crate) fn chunk_json<S: std::borrow::Borrow<str>>(records: &[S]) -> String {
    format!("[{}]", records.join(",\n"))
}

/// Builds the index of one language: `manifest.json` plus `<hash>/w/<i>.json` word shards,
/// `<hash>/t/<i>.json` the words of each word shard, `<hash>/b/<i>.json` bigram shards and `<hash>/d/<j>.json` document stores
/// ([`DOCS_PER_CHUNK`] documents each, in `docs` order).
pub fn build_index(lang: Lang, docs: &[Doc]) -> Vec<IndexFile> {
    build_index_with(lang, docs, &crate::Places::default())
}

/// [`build_index`] with a place table: the manifest carries it (`"pl"`, see
/// [`crate::rewrite::FoldedPlaces::to_manifest`]) for the client to read place spellings, and
/// every place name of two words or more gets a precomputed answer.
pub fn build_index_with(lang: Lang, docs: &[Doc], places: &crate::Places) -> Vec<IndexFile> {
    build_files(lang, docs, places, "")
}

/// [`build_index_with`], the manifest naming `suffix` (`"z"`, when not empty): the suffix the
/// client appends to the path of every other file, as [`crate::stored::build`] stores them.
pub(crate) fn build_files(
    lang: Lang,
    docs: &[Doc],
    places: &crate::Places,
    suffix: &str,
) -> Vec<IndexFile> {
    build_in_parts(lang, docs, places, suffix, PART_TARGET_BYTES)
}

/// [`build_files`], the per-document work from `reader` ([`Reader`]).
pub(crate) fn build_files_reading(
    lang: Lang,
    docs: &[Doc],
    places: &crate::Places,
    suffix: &str,
    reader: &mut impl Reader,
) -> Vec<IndexFile> {
    build_reading(lang, docs, places, (suffix, PART_TARGET_BYTES), reader)
}

/// [`build_files`] with parts of `part_bytes` (`usize::MAX`: one part per shard).
pub(crate) fn build_in_parts(
    lang: Lang,
    docs: &[Doc],
    places: &crate::Places,
    suffix: &str,
    part_bytes: usize,
) -> Vec<IndexFile> {
    build_reading(lang, docs, places, (suffix, part_bytes), &mut Fresh)
}

/// Where the per-document work of an index comes from: done afresh for every document
/// ([`Fresh`], `minh build`), or taken from the build before for the documents it had already
/// ([`crate::kept::Kept`], `minh serve` after an edit). Either gives the same files.
pub(crate) trait Reader {
    /// The postings of `docs` and the tokenizer whose ids they use.
    fn postings(&mut self, lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer);
    /// Every document's excerpts ([`all_excerpts`]), with whether they hold its body's words.
    fn excerpts(&mut self, docs: &[Doc]) -> (Vec<Excerpts>, Vec<bool>);
    /// The document stores ([`DOCS_PER_CHUNK`] records of [`doc_json`] each).
    fn chunks(&mut self, docs: &[Doc], kind: &[usize], excerpts: &[Excerpts]) -> Vec<String>;
    /// The answers' scans of the documents' excerpts the build before left ([`crate::answer::build`]),
    /// or None to keep none.
    fn scans(&mut self) -> Option<Vec<Option<DocScan>>>;
    /// Whether the terms' postings are handed back to [`Reader::done`] (else they are let go
    /// as they are finalized).
    fn keeps_postings(&self) -> bool;
    /// The words and bigrams of `acc` (read by `tk`) in their texts' order, if kept from one
    /// build to the next (else they are sorted).
    fn order(&mut self, tk: &Tokenizer, acc: &Acc) -> Option<Order>;
    /// Takes back the tokenizer, the excerpts, the scans and the postings (without the body
    /// words, [`Acc::known`]) once the index is written.
    fn done(
        &mut self,
        tk: Tokenizer,
        excerpts: Vec<Excerpts>,
        scans: Option<Vec<Option<DocScan>>>,
        acc: Acc,
    );
}

/// Every document read afresh.
pub(crate) struct Fresh;

impl Reader for Fresh {
    fn postings(&mut self, lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer) {
        accumulate(lang, docs)
    }

    fn excerpts(&mut self, docs: &[Doc]) -> (Vec<Excerpts>, Vec<bool>) {
        docs.par_iter().map(all_excerpts).unzip()
    }

    fn chunks(&mut self, docs: &[Doc], kind: &[usize], excerpts: &[Excerpts]) -> Vec<String> {
        doc_chunks(docs, kind, excerpts)
    }

    fn scans(&mut self) -> Option<Vec<Option<DocScan>>> {
        None
    }

    fn keeps_postings(&self) -> bool {
        false
    }

    fn order(&mut self, _: &Tokenizer, _: &Acc) -> Option<Order> {
        None
    }

    fn done(&mut self, _: Tokenizer, _: Vec<Excerpts>, _: Option<Vec<Option<DocScan>>>, _: Acc) {}
}

/// [`build_in_parts`] (`(suffix, part_bytes)`), the per-document work from `reader`.
pub(crate) fn build_reading(
    lang: Lang,
    docs: &[Doc],
    places: &crate::Places,
    (suffix, part_bytes): (&str, usize),
    reader: &mut impl Reader,
) -> Vec<IndexFile> {
    let mut clock = Clock::start(lang);
    let places = crate::rewrite::FoldedPlaces::new(lang, places);
    let (mut acc, mut tk) = reader.postings(lang, docs);
    clock.step("postings");
    let order = reader.order(&tk, &acc);
    let (mut words, mut bigrams) = finals(&mut acc, &tk, reader.keeps_postings(), order.as_ref());
    if order.is_none() {
        rayon::join(
            || words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0)),
            || bigrams.par_sort_unstable_by(|a, b| a.0.cmp(&b.0)),
        );
    }
    clock.step("finalize");
    let mut kinds: Vec<String> = KINDS.iter().map(|s| s.to_string()).collect();
    let kind = kind_ids(docs, &mut kinds);
    let (excerpts, whole) = reader.excerpts(docs);
    let mut known = std::mem::take(&mut acc.known);
    for (ok, whole) in known.as_is.iter_mut().zip(whole) {
        *ok &= whole;
    }
    clock.step("excerpts");
    let (word_shards, bigram_shards) = rayon::join(
        || shard_terms(&words, part_bytes),
        || shard_terms(&bigrams, part_bytes),
    );
    clock.step("shards");
    let ctx = crate::answer::Ctx {
        lang,
        docs,
        excerpts: &excerpts,
        kind: &kind,
        n: docs.len() as f64,
        words: crate::answer::Terms::new(words, &word_shards.starts),
        bigrams: crate::answer::Terms::new(bigrams, &bigram_shards.starts),
        places: places.folded_names(),
        current: places.current_names(),
        sorted: order.map(|o| o.words),
    };
    let scans = reader.scans();
    let ((answers, combos, two_words), scans) = crate::answer::build(ctx, &mut tk, known, scans);
    clock.step("answers");
    // The document stores are made after the answers, whose scans are the index's peak.
    let chunks = reader.chunks(docs, &kind, &excerpts);
    clock.step("stores");
    let parts = Parts {
        words: word_shards,
        bigrams: bigram_shards,
        answers,
        chunks,
        kinds,
    };
    let mut extra = serde_json::Map::new();
    if !places.is_empty() {
        extra.insert("pl".into(), places.to_manifest());
    }
    if !combos.0.is_empty() && !combos.1.is_empty() {
        extra.insert("q".into(), serde_json::json!([combos.0, combos.1]));
    }
    extra.insert("k2".into(), serde_json::json!(two_words));
    if !suffix.is_empty() {
        extra.insert("z".into(), suffix.into());
    }
    let files = assemble(lang, docs.len(), parts, extra);
    clock.step("manifest");
    clock.report();
    reader.done(tk, excerpts, scans, acc);
    files
}

/// The folded ids and the bigram slots of an accumulator, each sorted by its term's text
/// ([`Order::extend`]).
#[derive(Clone, Default, Serialize, Deserialize)]
pub(crate) struct Order {
    words: Vec<u32>,
    bigrams: Vec<u32>,
}

impl Order {
    /// Puts the words and bigram slots `acc` has and the order lacks in their places: the ids
    /// of a kept tokenizer and slots stay the same from one build to the next and new ones are
    /// numbered after the old, so after an edit only its new terms are sorted, and merged in
    /// (sorting every term by its text was most of finalizing them).
    pub(crate) fn extend(&mut self, tk: &Tokenizer, acc: &Acc) {
        let strs = &tk.folded.strs;
        let name = |id: u32| strs.get(id as usize).map_or("", String::as_str);
        merge_new(&mut self.words, acc.words.len(), |a, b| {
            name(a).cmp(name(b))
        });
        let keys = &acc.bigrams;
        let halves = |s: u32| {
            let k = keys.get(s as usize).map_or(0, |k| k.0);
            (name((k >> 32) as u32), name(k as u32))
        };
        merge_new(&mut self.bigrams, keys.len(), |a, b| {
            bigram_cmp(halves(a), halves(b))
        });
    }
}

/// Adds the ids from `order.len()` up to `n` to `order`, sorted by `cmp`, in their places.
pub(crate) fn merge_new(
    order: &mut Vec<u32>,
    n: usize,
    cmp: impl Fn(u32, u32) -> std::cmp::Ordering + Sync,
) {
    if n < order.len() {
        order.clear();
    }
    let mut new: Vec<u32> = (order.len() as u32..n as u32).collect();
    new.par_sort_unstable_by(|&a, &b| cmp(a, b));
    if order.is_empty() {
        *order = new;
        return;
    }
    let old = std::mem::take(order);
    order.reserve(old.len() + new.len());
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if cmp(new[j], old[i]).is_lt() {
            order.push(new[j]);
            j += 1;
        } else {
            order.push(old[i]);
            i += 1;
        }
    }
    order.extend_from_slice(&old[i..]);
    order.extend_from_slice(&new[j..]);
}

/// How bigram `a` (its two words) sorts against `b` as their texts ("first second") do: by
/// the first words when neither starts the other, else by the texts themselves.
fn bigram_cmp(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    let (x, y) = (a.0.as_bytes(), b.0.as_bytes());
    let n = x.len().min(y.len());
    match x[..n].cmp(&y[..n]) {
        std::cmp::Ordering::Equal if x.len() == y.len() => a.1.cmp(b.1),
        std::cmp::Ordering::Equal => {
            let first = x.iter().chain(b" ").chain(a.1.as_bytes());
            first.cmp(y.iter().chain(b" ").chain(b.1.as_bytes()))
        }
        other => other,
    }
}

/// Terms finalized, each with its text.
type Named = Vec<(String, Final)>;

/// Every word and bigram of `acc` with postings, finalized ([`finalize`]): in the order of
/// `order` when given (their texts' order), else not yet sorted. With `keep` the terms stay in
/// `acc` (for the next build to patch, [`Reader::keeps_postings`]); else each is dropped once
/// finalized, which lowers a cold build's peak (with `order`, once all are).
fn finals(acc: &mut Acc, tk: &Tokenizer, keep: bool, order: Option<&Order>) -> (Named, Named) {
    let norms = norms(&acc.doc_len);
    let norms = norms.as_slice();
    let folded = &tk.folded.strs;
    let name = |id: u32| folded.get(id as usize).map_or("", String::as_str);
    let exact = &tk.exact.strs;
    let word = |(id, t): (usize, &Term)| {
        let f = finalize(t, MAX_POSTINGS, norms, exact);
        (name(id as u32).to_string(), f)
    };
    let bigram = |(k, t): (u64, &Term)| {
        let (a, b) = (name((k >> 32) as u32), name(k as u32));
        let mut term = String::with_capacity(a.len() + 1 + b.len());
        term.push_str(a);
        term.push(' ');
        term.push_str(b);
        (term, finalize(t, MAX_BIGRAM_POSTINGS, norms, &[]))
    };
    let used = |t: &Term| !t.postings.is_empty();
    if let Some(order) = order {
        let (ws, bs) = (&acc.words, &acc.bigrams);
        let words = (order.words.par_iter())
            .filter_map(|&id| {
                ws.get(id as usize)
                    .filter(|t| used(t))
                    .map(|t| (id as usize, t))
            })
            .map(word)
            .collect();
        let bigrams = (order.bigrams.par_iter())
            .filter_map(|&s| bs.get(s as usize).filter(|t| used(&t.1)))
            .map(|(k, t)| bigram((*k, t)))
            .collect();
        if !keep {
            acc.words = Vec::new();
            acc.bigrams = Vec::new();
        }
        return (words, bigrams);
    }
    if keep {
        let words = (acc.words.par_iter().enumerate())
            .filter(|(_, t)| used(t))
            .map(word)
            .collect();
        let bigrams = (acc.bigrams.par_iter())
            .filter(|(_, t)| used(t))
            .map(|(k, t)| bigram((*k, t)))
            .collect();
        return (words, bigrams);
    }
    let words = (std::mem::take(&mut acc.words).into_par_iter().enumerate())
        .filter(|(_, t)| used(t))
        .map(|(id, t)| word((id, &t)))
        .collect();
    let bigrams = (std::mem::take(&mut acc.bigrams).into_par_iter())
        .filter(|(_, t)| used(t))
        .map(|(k, t)| bigram((k, &t)))
        .collect();
    (words, bigrams)
}

/// The time of each step of one index build, written to stderr when `MINH_SEARCH_TIMINGS` is
/// set (to see where a build or a serve turn spends its time).
struct Clock {
    lang: Lang,
    last: std::time::Instant,
    steps: Vec<(&'static str, std::time::Duration)>,
}

impl Clock {
    fn start(lang: Lang) -> Clock {
        Clock {
            lang,
            last: std::time::Instant::now(),
            steps: Vec::new(),
        }
    }

    /// Ends step `name` (begun when the step before ended).
    fn step(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.steps.push((name, now - self.last));
        self.last = now;
    }

    fn report(&self) {
        if std::env::var_os("MINH_SEARCH_TIMINGS").is_none() {
            return;
        }
        let steps: Vec<String> = (self.steps.iter())
            .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("index {}: {}", self.lang.code(), steps.join(", "));
    }
}

/// The serialized pieces of one index.
struct Parts {
    words: Sharded,
    bigrams: Sharded,
    answers: (Vec<String>, Vec<String>),
    chunks: Vec<String>,
    kinds: Vec<String>,
}

fn assemble(
    lang: Lang,
    n: usize,
    parts: Parts,
    extra: serde_json::Map<String, serde_json::Value>,
) -> Vec<IndexFile> {
    let Parts {
        words: mut word_shards,
        bigrams: bigram_shards,
        answers: (answer_starts, answer_shards),
        chunks,
        kinds,
    } = parts;
    let named = |dir: &'static str, v: Vec<String>| {
        v.into_iter()
            .enumerate()
            .map(move |(i, s)| (format!("{dir}/{i}.json"), s))
    };
    let mut h = Fnv::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let lists = std::mem::take(&mut word_shards.lists);
    for (p, s) in named("w", word_shards.parts)
        .chain(named("t", lists))
        .chain(named("b", bigram_shards.parts))
        .chain(named("a", answer_shards))
        .chain(named("d", chunks))
    {
        h.write(p.as_bytes());
        h.write(s.as_bytes());
        files.push((p, s));
    }
    let hash = h.hex();
    let mut manifest = serde_json::json!({
        "v": 4,
        "lang": lang.code(),
        "h": hash,
        "n": n,
        "m": MAX_IMPACT,
        "c": DOCS_PER_CHUNK,
        "kinds": kinds,
        "w": word_shards.part_counts,
        "b": bigram_shards.part_counts,
        "wp": front_coded(&word_shards.part_starts),
        "bp": front_coded(&bigram_shards.part_starts),
        "a": answer_starts,
    });
    for (k, v) in extra {
        manifest[k] = v;
    }
    let mut out = vec![IndexFile {
        path: "manifest.json".to_string(),
        bytes: manifest.to_string().into_bytes(),
    }];
    out.extend(files.into_iter().map(|(p, s)| IndexFile {
        path: format!("{hash}/{p}"),
        bytes: s.into_bytes(),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::{accumulate, excerpts, json_str, push_num, round_whole, separator, Acc};
    use crate::{Doc, Field, Lang};

    /// Kept ids read back as they were written, small ones in one `u16` and others in three,
    /// stop words marked.
    #[test]
    fn kept_ids_read_back_as_written() {
        let stop = crate::tokenize::STOP_BIT;
        let ids = [
            0,
            1,
            7 | stop,
            32_766,
            32_767,
            32_767 | stop,
            65_535,
            1 << 30,
            ((1 << 31) - 1) | stop,
        ];
        let mut out = Vec::new();
        for &p in &ids {
            super::push_known(&mut out, p);
        }
        assert_eq!(out.len(), 5 + 3 * 4);
        assert_eq!(super::KnownIds(out.iter()).collect::<Vec<_>>(), ids);
    }

    /// The ids kept from reading a document's body are, excerpt by excerpt, the ids scanning its
    /// body excerpts gives (words split by sentence ends, blocks parted by "·", cut excerpts,
    /// several body fields, English stop words), and all of them are used; a body not NFC as it
    /// is or with a word too long for an excerpt keeps none.
    #[test]
    fn kept_body_ids_are_the_excerpts_scanned() {
        let body = "Cai nghiện TP.HCM v.v. 1.5 ma-túy; the rest is (it) a test… \n\nHeading\nItem ";
        let texts: Vec<(Vec<String>, bool)> = vec![
            (vec![body.repeat(7)], true),
            (
                vec![body.to_string(), "Một hai.".to_string(), String::new()],
                true,
            ),
            (vec!["the and of a. It is.".to_string()], true),
            (vec![String::new()], true),
            (vec![format!("Cafe\u{301} {}", body)], false),
            (vec![format!("{} {} x", body, "nghiện".repeat(30))], false),
        ];
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, (bodies, _))| Doc {
                url: format!("/p/{i}/"),
                title: format!("Tiêu đề {i}"),
                kind: "page".to_string(),
                fields: std::iter::once((Field::Meta, "Đồng Tháp".into()))
                    .chain(bodies.iter().map(|b| (Field::Body, b.as_str().into())))
                    .collect(),
            })
            .collect();
        for lang in [Lang::Vi, Lang::En] {
            let (acc, mut tk) = accumulate(lang, &docs);
            for (d, doc) in docs.iter().enumerate() {
                let ((body, _), whole) = super::all_excerpts(doc);
                let known = acc.known.of(d).filter(|_| whole);
                assert_eq!(known.is_some(), texts[d].1, "{d}");
                let Some(mut next) = known else { continue };
                for e in &body {
                    let got = tk.scan_spaced_known(e, &mut next);
                    assert_eq!(got, Some(tk.scan_spaced(lang, e)), "{d} {e:?}");
                }
                assert_eq!(next.next(), None, "{d}");
            }
        }
    }

    /// Reading the documents on a thread of their own while this one adds them to the postings
    /// gives exactly the postings, lengths, body word ids and tokenizer of reading them here, in
    /// whole batches and a last partial one, for runs shorter than one batch too.
    #[test]
    fn documents_read_in_two_stages_give_the_postings_of_one() {
        let words = [
            "cai", "nghiện", "ma", "túy", "Đồng", "Tháp", "tự", "nguyện", "the", "of",
        ];
        let texts: Vec<String> = (0..2_100)
            .map(|i: usize| {
                let n = 3 + i % 17;
                let mut t: Vec<String> =
                    (0..n).map(|k| words[(i * 7 + k * k) % 10].into()).collect();
                t.push(format!("w{}", i % 97));
                if i.is_multiple_of(13) {
                    t.push("Cafe\u{301}".into());
                }
                t.join(" ")
            })
            .collect();
        let docs: Vec<Doc> = (texts.iter().enumerate())
            .map(|(i, t)| Doc {
                url: format!("/p/{i}/"),
                title: format!("Tiêu đề {} {}", i % 5, words[i % 10]),
                kind: "page".to_string(),
                fields: vec![
                    (Field::Meta, "Đồng Tháp".into()),
                    (Field::Body, t.as_str().into()),
                ],
            })
            .collect();
        let json = |acc: &Acc| serde_json::to_string(acc).unwrap();
        let tk_json = |tk: &crate::tokenize::Tokenizer| serde_json::to_string(tk).unwrap();
        for (lang, n) in [(Lang::Vi, 2_100), (Lang::En, 2_100), (Lang::Vi, 5)] {
            let (one, tk1) = super::accumulate_here(lang, &docs[..n]);
            let (two, tk2) = super::accumulate_in_two(lang, &docs[..n]);
            assert_eq!(one.doc_len.len(), n);
            assert_eq!(json(&one), json(&two), "{lang:?} {n}");
            assert_eq!(tk_json(&tk1), tk_json(&tk2));
            let (k1, k2) = (&one.known, &two.known);
            assert_eq!(
                (&k1.ids, &k1.ends, &k1.as_is),
                (&k2.ids, &k2.ends, &k2.as_is)
            );
            assert!(k1.as_is.contains(&false) && k1.as_is.contains(&true));
        }
    }

    /// Excerpts as they were made from `split_inclusive` sentences and `split_whitespace` words
    /// joined by one space (before [`excerpts`] found both in one pass).
    fn joined_excerpts(text: &str, max: usize) -> Vec<String> {
        let text = crate::tokenize::nfc(text);
        let (mut out, mut cur, mut len) = (Vec::new(), Vec::<&str>::new(), 0);
        let ends = |c: char| matches!(c, '.' | '!' | '?' | '…' | '\n');
        let mut open_block = false;
        let longest = max.saturating_sub(1).max(1);
        for sentence in text.split_inclusive(ends) {
            let mut words: Vec<(&str, usize)> = sentence
                .split_whitespace()
                .map(|w| super::cut_word(w, w.chars().count(), longest))
                .collect();
            let n = words.iter().map(|w| w.1 + 1).sum::<usize>();
            if n == 0 {
                continue;
            }
            if len > 0 && len + n > max + 1 {
                out.push(cur.join(" "));
                cur.clear();
                len = 0;
            }
            if len > 0 && open_block {
                words.insert(0, ("·", 1));
            }
            open_block = sentence.ends_with('\n')
                && !sentence
                    .trim_end()
                    .ends_with(['.', '!', '?', '…', ':', ';', ',', '·']);
            for (w, chars) in words {
                if len > 0 && len + chars + 1 > max {
                    out.push(format!("{}…", cur.join(" ")));
                    cur.clear();
                    len = 0;
                }
                len += chars + 1;
                cur.push(w);
            }
        }
        if !cur.is_empty() {
            out.push(cur.join(" "));
        }
        out
    }

    /// A field's texts: none empty, one borrowed as it is, several joined by " · " in order.
    #[test]
    fn field_texts_are_joined_in_order() {
        let doc = |fields: &[(Field, &'static str)]| Doc {
            url: "/p/".to_string(),
            title: "Tiêu đề".to_string(),
            kind: "page".to_string(),
            fields: fields.iter().map(|&(f, t)| (f, t.into())).collect(),
        };
        let one = doc(&[(Field::Meta, "Đồng Tháp"), (Field::Body, "Cai nghiện.")]);
        let body = super::field_text(&one, Field::Body);
        assert!(
            matches!(body, std::borrow::Cow::Borrowed("Cai nghiện.")),
            "{body:?}"
        );
        assert_eq!(super::field_text(&one, Field::Heading), "");
        let three = doc(&[
            (Field::Body, "Một."),
            (Field::Meta, "Đồng Tháp"),
            (Field::Body, "Hai"),
            (Field::Body, "Ba"),
        ]);
        assert_eq!(super::field_text(&three, Field::Body), "Một. · Hai · Ba");
        assert_eq!(super::field_text(&three, Field::Meta), "Đồng Tháp");
    }

    /// A character read as a plain letter from its bytes is neither whitespace nor "…", and has
    /// the length read, for every character.
    #[test]
    fn plain_letters_are_no_whitespace_nor_sentence_end() {
        let mut plain = 0;
        for c in ('\u{80}'..='\u{ffff}').chain(['\u{1f600}', '\u{20000}']) {
            let text = format!("a{c}");
            if let Some(len) = super::plain_letter_len(text.as_bytes(), 1) {
                plain += 1;
                let what = format!("U+{:04X}", c as u32);
                assert!(!c.is_whitespace() && c != '…', "{what}");
                assert_eq!(len, c.len_utf8(), "{what}");
            }
        }
        // U+00C0–U+07FF and U+1E00–U+1EFF.
        assert_eq!(plain, 0x800 - 0xC0 + 0x100);
    }

    /// One pass cuts a text into the excerpts that splitting it into sentences and words did:
    /// packed sentences, long sentences and words cut, blocks parted by " · ", odd whitespace.
    #[test]
    fn excerpts_are_the_sentences_packed_as_before() {
        let long_word = "nghiện".repeat(40);
        let texts = [
            "Cai nghiện ma túy tự nguyện. Tại gia đình! Và cộng đồng? Ở Đồng Tháp… ".repeat(9),
            format!("Heading\nList item one\nItem two:\n\n{long_word} end.\n"),
            "  a\u{a0}b\t\tc.\n\n\n d  e  ".repeat(30),
            String::new(),
            " \n . ! ".to_string(),
            "e\u{301}x. ".repeat(60),
            "x\u{b}y\u{c}z\r\nw\u{2003}v…u?!t\u{1c} s\u{85}r.".repeat(12),
            // Whitespace and sentence ends among letters of two and three bytes: no-break
            // space, ogham space mark, line separator, ideographic space, "…" and letters of
            // Latin-1, Greek, Cyrillic, Vietnamese (U+1E00–U+1EFF), CJK and an emoji.
            "Ơn đời ảo\u{a0}ỹ. Ωμέγα\u{1680}Привет\u{2028}漢字\u{3000}ß…ÿ Ḁḿ🙂ầ\u{85}ễ? "
                .repeat(15),
        ];
        for text in &texts {
            for max in [1, 2, 10, 40, 160] {
                let (got, whole) = excerpts(text, max);
                assert_eq!(got, joined_excerpts(text, max), "{text:?} {max}");
                let longest = max.saturating_sub(1).max(1);
                let cut = text.split_whitespace().any(|w| w.chars().count() > longest);
                let nfc = crate::tokenize::nfc(text) == text.as_str();
                assert_eq!(whole, nfc && !cut, "{text:?} {max}");
            }
        }
    }

    /// The best postings found by counting impacts are those the highest impacts (ties: the
    /// first documents) chosen by comparing, in document order, for caps around the postings'
    /// number and many ties.
    #[test]
    fn best_postings_are_the_highest_impacts_first_documents_on_ties() {
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % m
        };
        let norms: Vec<f32> = (0..500).map(|i| 0.3 + (i % 17) as f32 / 7.0).collect();
        for round in 0..40 {
            let n = 1 + next(400) as usize;
            let mut docs: Vec<u32> = (0..500).filter(|_| next(2) == 0).take(n).collect();
            docs.dedup();
            let term = super::Term {
                postings: (docs.iter())
                    .map(|&doc| {
                        let rest = [0.0, 1.0, 2.0, 3.0, 7.0, 40.0][next(6) as usize];
                        super::Posting::of(doc, rest, next(3) == 0)
                    })
                    .collect(),
                masks: docs.iter().map(|_| next(8)).collect(),
                ..super::Term::default()
            };
            for cap in [1, 2, docs.len() / 3, docs.len().saturating_sub(1)] {
                if cap == 0 || docs.len() <= cap {
                    continue;
                }
                let masks = term.masks.iter().copied();
                let mut want: Vec<(u32, u32, u64)> = (term.postings.iter().zip(masks))
                    .map(|(p, m)| (p.doc, super::impact(p, &norms), m))
                    .collect();
                want.select_nth_unstable_by(cap, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                want.truncate(cap);
                want.sort_by_key(|p| p.0);
                let got = super::best_postings(&term, cap, &norms);
                assert_eq!(got, want, "round {round}, cap {cap}");
            }
        }
    }

    /// Bigrams sort by their words as their texts sort, a first word starting the other one's
    /// too; and new ids merged into a kept order land where sorting them all puts them.
    #[test]
    fn kept_orders_are_the_texts_order() {
        let words = ["a", "ab", "abc", "", "b", "a-", "a!", "á", "ba", "z"];
        for (a, b) in words.iter().flat_map(|a| words.iter().map(move |b| (a, b))) {
            for (c, d) in words.iter().flat_map(|c| words.iter().map(move |d| (c, d))) {
                let want = format!("{a} {b}").cmp(&format!("{c} {d}"));
                assert_eq!(super::bigram_cmp((a, b), (c, d)), want, "{a} {b} / {c} {d}");
            }
        }
        let cmp = |x: u32, y: u32| words[x as usize].cmp(words[y as usize]);
        for first in 0..=words.len() {
            let mut order = Vec::new();
            super::merge_new(&mut order, first, cmp);
            super::merge_new(&mut order, words.len(), cmp);
            let mut all: Vec<u32> = (0..words.len() as u32).collect();
            all.sort_by(|&x, &y| cmp(x, y));
            assert_eq!(order, all, "{first}");
        }
    }

    #[test]
    fn front_coded_terms_read_back() {
        let long = "a".repeat(50);
        let terms: Vec<String> = [
            "",
            "1 152",
            "1 305",
            "cai",
            "cai nghien",
            "cai t",
            "đồng",
            "đồng 2",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([long.clone(), format!("{long}b")])
        .collect();
        let coded = super::front_coded(&terms);
        assert!(coded.starts_with("0|01 152|23"), "{coded}");
        assert_eq!(crate::query::unfront(&coded), terms);
    }

    #[test]
    fn a_separator_is_the_shortest_start_of_the_next_term_after_the_previous() {
        assert_eq!(separator("cai", "chuong"), "ch");
        assert_eq!(separator("cai nghien", "cai nguoi"), "cai ngu");
        assert_eq!(separator("ma", "mat"), "mat");
        assert_eq!(separator("", "đường"), "đ");
        for (a, b) in [("cai", "chuong"), ("ma", "mat"), ("tu", "tư"), ("", "a")] {
            let s = separator(a, b);
            assert!(a < s && s <= b && b.starts_with(s), "{a} {s} {b}");
        }
    }

    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        for n in [0, 7, 10, 64, 999, 1000, 123_456_789, u64::MAX] {
            let mut out = String::from("x");
            push_num(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    /// `round_whole` gives what `f32::round` and the cast give, for impacts and beyond.
    #[test]
    fn round_whole_is_round_then_cast() {
        let mut xs = vec![
            0.0f32,
            -0.0,
            0.5,
            1.5,
            2.5,
            62.5,
            63.0,
            -0.4,
            -0.5,
            -1.5,
            0.499_999_97,
            8_388_607.5,
            16_777_216.0,
            4.3e9,
            5e9,
            f32::MAX,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        for i in 0..=70_000u32 {
            let x = i as f32 / 1000.0;
            xs.extend([
                x,
                x.next_up(),
                x.next_down(),
                x + 0.5,
                (x + 0.5).next_down(),
            ]);
        }
        for x in xs {
            assert_eq!(round_whole(x), x.round() as u32, "{x:e}");
        }
    }

    /// Strings are escaped as serde_json escapes them: every character below U+0100, and
    /// texts of several characters.
    #[test]
    fn json_strings_are_serde_jsons() {
        let texts = [
            "Cai nghiện \"ma túy\" \\ tại Đồng Tháp\n\t…",
            "\u{0}\u{1f}\u{7f}\u{2028}\u{feff}",
            "",
        ];
        let chars = (0u32..0x100).filter_map(char::from_u32).map(String::from);
        // Each character also at every place of a text longer than a few words of 8 bytes.
        let placed = (0u32..0x100).filter_map(char::from_u32).flat_map(|c| {
            (0..20).map(move |at| {
                let mut t = String::from("ma túy tự nguyện \u{1f} x");
                let i = t.char_indices().nth(at).map_or(t.len(), |(i, _)| i);
                t.insert(i, c);
                t
            })
        });
        for s in chars.chain(texts.map(String::from)).chain(placed) {
            assert_eq!(json_str(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }
}
