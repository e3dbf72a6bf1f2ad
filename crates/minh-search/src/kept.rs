//! Per-document work of an index kept from one build to the next (`minh serve`): after an edit
//! only the documents it changed are read again, and the files are those of a fresh build.
//!
//! Each document is known by a hash of everything the index reads of it ([`Key`]). What its
//! reading gave is kept without its number or anything of the other documents ([`DocRead`]),
//! so the postings are put together again in the documents' order by the same steps a fresh
//! build takes ([`crate::index::Acc::add_word`], [`crate::index::Acc::add_bigram`]). Its ids
//! are those of the tokenizer kept with them; the files do not depend on the ids' values (terms
//! are named and sorted by their text), only on the order documents and their forms come in.

use crate::answer::DocScan;
use crate::hash::FxMap;
use crate::index::{self, Acc, DocTerms, Excerpts, Order, Posting, Reader};
use crate::tokenize::Tokenizer;
use crate::{Doc, Lang};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::Hasher;

/// A document as a key: the 128-bit XXH3 of its url, title, kind and fields (each with its
/// length), so that two different documents of a site share a key as rarely as two random
/// 128-bit numbers are equal (every text of the site goes through it; XXH3 hashed the 98 MB
/// built from the 10 000-page corpus in 15 ms, SipHash-1-3 in 50 ms).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Key(u128);

/// The key of every document (in parallel).
pub(crate) fn keys(docs: &[Doc]) -> Vec<Key> {
    docs.par_iter().map(Key::of).collect()
}

impl Key {
    fn of(doc: &Doc) -> Key {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for s in [&doc.url, &doc.title, &doc.kind] {
            h.write_usize(s.len());
            h.write(s.as_bytes());
        }
        for (field, text) in &doc.fields {
            h.write_u8(*field as u8);
            h.write_usize(text.len());
            h.write(text.as_bytes());
        }
        Key(h.digest128())
    }
}

/// One word of a document as its reading gave it.
#[derive(Clone, Copy, Serialize, Deserialize)]
struct Word {
    folded: u32,
    /// Its posting's weighted frequency outside the title and name ([`Posting::rest`]).
    rest: f32,
    /// The end of its exact ids in [`DocRead::exact`].
    exact_end: u32,
    /// In the title or name ([`Posting::title`]).
    title: bool,
    /// In a title, name or metadata field.
    label: bool,
}

/// What reading one document gave ([`DocTerms::read`]), without its number: its words and
/// bigrams in order of first appearance, each word's exact forms in the document's order
/// (without repeats, which add nothing to a term), its length and its body's word ids.
#[derive(Clone, Serialize, Deserialize)]
struct DocRead {
    words: Vec<Word>,
    exact: Vec<u32>,
    /// (bigram slot ([`Slots`]), weighted frequency, in the title or name).
    bigrams: Vec<(u32, f32, bool)>,
    len: u32,
    /// Its body's word ids as [`index::push_known`] writes them.
    known: Vec<u16>,
    as_is: bool,
}

impl DocRead {
    /// Reads `doc` with `tk`, its bigrams given slots in `slots` (`terms` and `ids` are
    /// scratch).
    fn new(
        (tk, slots): (&mut Tokenizer, &mut Slots),
        lang: Lang,
        doc: &Doc,
        (terms, ids): (&mut DocTerms, &mut Vec<u32>),
    ) -> DocRead {
        ids.clear();
        let (len, as_is) = terms.read(tk, lang, (0, doc), ids);
        let mut exact = Vec::new();
        let mut words = Vec::with_capacity(terms.words.len());
        for (slot, &(folded, p, label)) in terms.words.iter().enumerate() {
            let from = exact.len();
            for &e in terms.exact_of(slot) {
                if !exact[from..].contains(&e) {
                    exact.push(e);
                }
            }
            words.push(Word {
                folded,
                rest: p.rest,
                exact_end: exact.len() as u32,
                title: p.title,
                label,
            });
        }
        let bigrams = (terms.bigrams.iter())
            .map(|&(key, p)| (slots.of(key), p.rest, p.title))
            .collect();
        let mut known = Vec::with_capacity(ids.len());
        for &p in ids.iter() {
            index::push_known(&mut known, p);
        }
        DocRead {
            words,
            exact,
            bigrams,
            len,
            known,
            as_is,
        }
    }

    /// The exact forms of its word at `k` in [`DocRead::words`].
    fn exact_at(&self, k: usize) -> &[u32] {
        let from = k
            .checked_sub(1)
            .map_or(0, |j| self.words[j].exact_end as usize);
        let to = self.words.get(k).map_or(from, |w| w.exact_end as usize);
        self.exact.get(from..to).unwrap_or_default()
    }

    /// The exact forms of word `folded` (none if it does not have it).
    fn exact_of(&self, folded: u32) -> &[u32] {
        let k = self.words.iter().position(|w| w.folded == folded);
        k.map_or(&[], |k| self.exact_at(k))
    }

    /// Counts each of its words (by folded id) and bigrams (by slot) in `words` and `bigrams`.
    fn count(&self, words: &mut [u32], bigrams: &mut [u32]) {
        for w in &self.words {
            if let Some(n) = words.get_mut(w.folded as usize) {
                *n += 1;
            }
        }
        for b in &self.bigrams {
            if let Some(n) = bigrams.get_mut(b.0 as usize) {
                *n += 1;
            }
        }
    }

    /// Adds the document, numbered `id`, to `acc` (made by [`Acc::sized`] with the slots its
    /// bigrams have) as a fresh build's reading of it does.
    fn add_to(&self, acc: &mut Acc, id: u32) {
        let posting = |rest, title| Posting::of(id, rest, title);
        let mut from = 0;
        for w in &self.words {
            let to = w.exact_end as usize;
            let exact = &self.exact[from..to];
            acc.add_word(w.folded, posting(w.rest, w.title), w.label, exact);
            from = to;
        }
        for &(slot, rest, title) in &self.bigrams {
            acc.add_bigram_at(slot as usize, posting(rest, title));
        }
        acc.doc_len.push(self.len);
        acc.known.push_doc(&self.known, self.as_is);
    }

    /// Takes its postings, as document `id`, out of `acc` (whose terms it was added to).
    fn remove_from(&self, acc: &mut Acc, id: u32) {
        for w in &self.words {
            acc.remove_word(w.folded, id);
        }
        for &(slot, _, _) in &self.bigrams {
            acc.remove_bigram(slot as usize, id);
        }
    }

    /// Puts its postings, as document `id`, in their places in `acc` ([`DocRead::add_to`] in
    /// the middle; the variants of its words are settled afterwards, [`Acc::settle_word`]).
    fn insert_into(&self, acc: &mut Acc, id: u32) {
        let posting = |rest, title| Posting::of(id, rest, title);
        for (k, w) in self.words.iter().enumerate() {
            acc.insert_word(
                w.folded,
                posting(w.rest, w.title),
                w.label,
                self.exact_at(k),
            );
        }
        for &(slot, rest, title) in &self.bigrams {
            acc.insert_bigram(slot as usize, posting(rest, title));
        }
        if let Some(len) = acc.doc_len.get_mut(id as usize) {
            *len = self.len;
        }
    }
}

/// Documents changed in place at most for which the postings the build before left are patched
/// ([`patched`]); more are put together again from every document's reading.
const PATCH_MAX: usize = 32;

/// The postings of the build before (`acc`, of the documents of `turn` but those at the
/// positions of `old`, which held the readings given there) patched for the documents of
/// `turn`: each changed document's postings taken out and its new ones put in, then its words'
/// labels and variants settled; the terms are then those a fresh build's reading gives. None
/// when a word's variants may have reached their cap ([`Acc::can_patch_word`]).
fn patched(mut acc: Acc, old: &[(usize, DocRead)], turn: &Docs) -> Option<Acc> {
    let read = |i: usize| turn.docs.get(i).and_then(|d| d.read.as_ref());
    for (i, o) in old {
        let new = read(*i)?;
        let removed = o.words.iter().all(|w| acc.can_patch_word(w.folded, 0));
        let added = (new.words.iter().enumerate())
            .all(|(k, w)| acc.can_patch_word(w.folded, new.exact_at(k).len() * old.len()));
        if !removed || !added {
            return None;
        }
    }
    acc.grow(turn.tk.folded.strs.len(), &turn.slots.keys);
    let mut touched = Vec::new();
    for (i, o) in old {
        let new = read(*i)?;
        o.remove_from(&mut acc, *i as u32);
        new.insert_into(&mut acc, *i as u32);
        touched.extend(o.words.iter().chain(&new.words).map(|w| w.folded));
    }
    touched.sort_unstable();
    touched.dedup();
    for f in touched {
        acc.settle_word(f, |d| read(d as usize).map_or(&[], |r| r.exact_of(f)));
    }
    acc.known = index::Known::default();
    for r in turn.docs.iter().filter_map(|d| d.read.as_ref()) {
        acc.known.push_doc(&r.known, r.as_is);
    }
    Some(acc)
}

/// A number for every bigram key the kept documents have, which stays the bigram's from one
/// build to the next, so that the kept readings find their bigrams' terms by it (looking each
/// key up in a map was the dearest part of putting the postings together). Serialized as its
/// keys alone (the map is made again).
#[derive(Default, Deserialize)]
#[serde(from = "Vec<u64>")]
struct Slots {
    at: FxMap<u64, u32>,
    keys: Vec<u64>,
}

impl Serialize for Slots {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.keys.serialize(s)
    }
}

impl From<Vec<u64>> for Slots {
    fn from(keys: Vec<u64>) -> Slots {
        let at = (keys.iter().enumerate())
            .map(|(i, &k)| (k, i as u32))
            .collect();
        Slots { at, keys }
    }
}

impl Slots {
    fn of(&mut self, key: u64) -> u32 {
        let next = self.keys.len() as u32;
        let slot = *self.at.entry(key).or_insert(next);
        if slot == next {
            self.keys.push(key);
        }
        slot
    }
}

/// The work kept for one document (each part made when a build first needs it). Kept on disk
/// (`minh build`, [`Kept::lean`]) as its reading alone: at 10 000 pages the rest, as large, took
/// longer to write and read back than to make again.
#[derive(Default, Serialize, Deserialize)]
struct KeptDoc {
    read: Option<DocRead>,
    /// Its excerpts (handed to the build while it runs, then taken back).
    #[serde(skip)]
    excerpts: Option<Excerpts>,
    /// Whether its excerpts hold its body's words whole (known once `excerpts` was made).
    #[serde(skip)]
    whole: bool,
    /// Its kind's index and its record in a document store ([`index::doc_json`]).
    #[serde(skip)]
    record: Option<(usize, String)>,
    /// Its excerpts as the answers scanned them, if an answer showed it ([`DocScan`]).
    #[serde(skip)]
    scan: Option<DocScan>,
}

/// The documents of one build, in order, with the tokenizer whose ids their reads use.
#[derive(Serialize, Deserialize)]
struct Docs {
    lang: Lang,
    tk: Tokenizer,
    /// The slots of the bigrams of the reads.
    slots: Slots,
    /// The folded words `tk` knew and the bigrams `slots` had after the first build they
    /// served: once edits have added a quarter more of either, the next build starts over, so
    /// neither grows without end.
    born: (usize, usize),
    keys: Vec<Key>,
    docs: Vec<KeptDoc>,
    /// The postings of its documents (but their body words), for the next build to patch.
    #[serde(skip)]
    acc: Option<Acc>,
    /// The words of `tk` and the bigrams of `slots` in their texts' order.
    order: Order,
    /// Written as soon as its postings were made ([`Kept::write_into`]): nothing more is kept.
    #[serde(skip)]
    written: bool,
}

impl Docs {
    /// Whether these documents, read with `tk`, are worth keeping for the next build: the
    /// words `tk` knows and the bigrams of the slots (set for the first build they served) have
    /// not grown by a quarter since, else the next build starts over, so neither grows without
    /// end.
    fn settled(&mut self, tk: &Tokenizer) -> bool {
        let now = (tk.folded.strs.len(), self.slots.keys.len());
        if self.born == (0, 0) {
            self.born = now;
        }
        let grown = |now: usize, born: usize| now > born + born / 4;
        !grown(now.0, self.born.0) && !grown(now.1, self.born.1)
    }
}

/// Takes the work of `turn` (its documents read with `tk`) out of it as [`Kept::save`] would
/// write it once it is done (none if it is not worth keeping, or has no keys), for
/// [`write_lean`]: its readings, slots and order leave the build, which needs them no more.
fn lean_work(turn: &mut Docs, tk: &Tokenizer) -> Option<LeanWork> {
    let keep = turn.settled(tk) && (!turn.keys.is_empty() || turn.docs.is_empty());
    turn.written = true;
    let docs = (turn.docs.iter_mut())
        .map(|d| KeptDoc {
            read: d.read.take(),
            ..KeptDoc::default()
        })
        .collect();
    keep.then(|| LeanWork {
        lang: turn.lang,
        tk: Forms {
            folded: tk.folded.strs.clone(),
            exact: tk.exact.strs.clone(),
        },
        slots: std::mem::take(&mut turn.slots),
        born: turn.born,
        keys: turn.keys.clone(),
        docs,
        order: std::mem::take(&mut turn.order),
    })
}

/// Writes `work` ([`lean_work`]) into `sink`: the bytes [`Kept::save`] would write.
fn write_lean(work: Option<LeanWork>, sink: Sink) {
    sink(&mut |mut w| {
        bincode::serde::encode_into_std_write(&work, &mut w, config())
            .map(|_| ())
            .map_err(std::io::Error::other)
    });
}

/// The postings the build before left, and the readings it had at the positions whose
/// document changed ([`patched`]).
type Patch = (Acc, Vec<(usize, DocRead)>);

/// The per-document work of the latest index build of one language, for the next
/// ([`crate::stored::Reuse`]): only that build's documents, so it never holds more than one
/// build's worth.
#[derive(Default)]
pub(crate) struct Kept {
    /// The latest finished build's documents.
    last: Option<Docs>,
    /// The build under way: its documents (the tokenizer handed to it meanwhile).
    turn: Option<Docs>,
    /// The documents the latest build read (the others' reading was kept).
    read: usize,
    /// Whether the latest build patched the postings of the build before ([`patched`]).
    patched: bool,
    /// The keys of the next build's documents, if known before it starts ([`Kept::expect`]).
    next: Option<Vec<Key>>,
    /// Whether only what is kept on disk is kept ([`KeptDoc`]): the documents' readings, the
    /// tokenizer, slots and order, not the postings, excerpts, records and scans (made afresh,
    /// and let go as a fresh build lets them go).
    lean: bool,
    /// Where a lean build writes its work as soon as its postings are made, to let its
    /// readings go once written instead of keeping them (written while the postings are
    /// finalized and the excerpts made: at 10 000 pages, done before the answers, the index's
    /// peak, begin).
    sink: Option<Sink>,
    /// The thread writing a lean build's work into its sink while the index goes on (one
    /// thread's work, ~0.17 s at 10 000 pages), joined when the build is done.
    writing: Option<std::thread::JoinHandle<()>>,
}

/// Writes a lean build's work somewhere ([`Kept::save`]'s bytes), given what writes it.
pub type Sink =
    Box<dyn FnOnce(&mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) + Send>;

/// The fields of [`Docs`] written (all but its postings), taken out of a lean build
/// ([`lean_work`]): [`Docs`] reads them back.
#[derive(Serialize)]
struct LeanWork {
    lang: Lang,
    tk: Forms,
    slots: Slots,
    born: (usize, usize),
    keys: Vec<Key>,
    docs: Vec<KeptDoc>,
    order: Order,
}

/// A tokenizer's folded and exact forms, written as the [`Tokenizer`] is (its caches are not;
/// `work_written_once_the_postings_are_made_is_the_work_kept` compares the bytes).
#[derive(Serialize)]
struct Forms {
    folded: Vec<String>,
    exact: Vec<String>,
}

/// How the kept work is written on disk (bincode's standard: little-endian, variable-length
/// integers).
fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

impl Kept {
    /// Writes the latest finished build's documents (none if no build finished) to `w`, for
    /// another process's next build ([`Kept::load`]).
    pub(crate) fn save(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        bincode::serde::encode_into_std_write(&self.last, w, config())
            .map(|_| ())
            .map_err(std::io::Error::other)
    }

    /// The work [`Kept::save`] wrote, read from `r`; None if what `r` gives is not all of it as
    /// it writes it.
    pub(crate) fn load(mut r: impl std::io::Read) -> Option<Kept> {
        let last: Option<Docs> = bincode::serde::decode_from_std_read(&mut r, config()).ok()?;
        let fits = last.as_ref().is_none_or(|l| l.keys.len() == l.docs.len());
        let all = r.read(&mut [0]).ok()? == 0;
        (all && fits).then(|| Kept {
            last,
            ..Kept::lean()
        })
    }

    /// Nothing kept yet, and of the work only what is kept on disk ([`Kept::lean`]).
    pub(crate) fn lean() -> Kept {
        Kept {
            lean: true,
            ..Kept::default()
        }
    }

    /// Whether it keeps only what is kept on disk ([`Kept::lean`]).
    pub(crate) fn is_lean(&self) -> bool {
        self.lean
    }

    /// Has the next build write its work into `sink` once its postings are made (what
    /// [`Kept::save`] would write after it), keeping nothing: it must be lean.
    pub(crate) fn write_into(&mut self, sink: Sink) {
        self.sink = self.lean.then_some(sink);
    }

    /// Takes the keys of the next build's documents (made by [`keys`] of them) so that it does
    /// not make them again.
    pub(crate) fn expect(&mut self, keys: Vec<Key>) {
        self.next = Some(keys);
    }

    /// The documents of a build of `docs`, each with the work the latest build kept for it, and
    /// the tokenizer of that work (a new one, and nothing kept, if the latest was of another
    /// language or none finished).
    fn start(&mut self, lang: Lang, docs: &[Doc]) -> (Docs, Option<Patch>) {
        let keys = (self.next.take())
            .filter(|k| k.len() == docs.len())
            .unwrap_or_else(|| keys(docs));
        let Some(mut last) = self.last.take().filter(|l| l.lang == lang) else {
            let docs = keys.iter().map(|_| KeptDoc::default()).collect();
            let docs = Docs {
                lang,
                tk: Tokenizer::default(),
                slots: Slots::default(),
                born: (0, 0),
                keys,
                docs,
                acc: None,
                order: Order::default(),
                written: false,
            };
            return (docs, None);
        };
        let patch = patch_of(&mut last, &keys);
        let at: HashMap<Key, usize> = last.keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        // A document found twice takes the kept work once; the other is made again.
        let docs = (keys.iter())
            .map(|k| {
                at.get(k)
                    .map_or_else(KeptDoc::default, |&i| std::mem::take(&mut last.docs[i]))
            })
            .collect();
        let docs = Docs {
            lang,
            tk: last.tk,
            slots: last.slots,
            born: last.born,
            keys,
            docs,
            acc: None,
            order: last.order,
            written: false,
        };
        (docs, patch)
    }

    /// The build under way, with `n` documents (one with nothing kept if there is none: its
    /// work is kept for no later build, as it has no keys).
    fn turn(&mut self, n: usize) -> &mut Docs {
        if self.turn.as_ref().is_none_or(|t| t.docs.len() != n) {
            self.turn = None;
        }
        self.turn.get_or_insert_with(|| Docs {
            lang: Lang::Generic,
            tk: Tokenizer::default(),
            slots: Slots::default(),
            born: (0, 0),
            keys: Vec::new(),
            docs: (0..n).map(|_| KeptDoc::default()).collect(),
            acc: None,
            order: Order::default(),
            written: false,
        })
    }
}

#[cfg(test)]
impl Kept {
    /// The folded words of the kept tokenizer.
    pub(crate) fn words(&self) -> usize {
        self.last.as_ref().map_or(0, |l| l.tk.folded.strs.len())
    }

    /// The documents kept.
    pub(crate) fn docs(&self) -> usize {
        self.last.as_ref().map_or(0, |l| l.docs.len())
    }

    /// The documents the latest build read.
    pub(crate) fn read(&self) -> usize {
        self.read
    }

    /// Whether the latest build patched the postings of the build before.
    pub(crate) fn patched(&self) -> bool {
        self.patched
    }

    /// The documents kept with the answers' scan of their excerpts.
    pub(crate) fn scanned(&self) -> usize {
        let docs = self.last.as_ref().map_or(&[][..], |l| l.docs.as_slice());
        docs.iter().filter(|d| d.scan.is_some()).count()
    }
}

/// The postings `last` kept and copies of its readings at the positions whose document `keys`
/// changes, if its documents are in the same places but at most [`PATCH_MAX`].
fn patch_of(last: &mut Docs, keys: &[Key]) -> Option<Patch> {
    if last.keys.len() != keys.len() {
        return None;
    }
    let changed: Vec<usize> = (0..keys.len())
        .filter(|&i| keys[i] != last.keys[i])
        .take(PATCH_MAX + 1)
        .collect();
    if changed.len() > PATCH_MAX {
        return None;
    }
    let old: Option<Vec<(usize, DocRead)>> = (changed.iter())
        .map(|&i| Some((i, last.docs[i].read.clone()?)))
        .collect();
    Some((last.acc.take()?, old?))
}

impl Reader for Kept {
    fn postings(&mut self, lang: Lang, docs: &[Doc]) -> (Acc, Tokenizer) {
        self.turn = None;
        let (mut turn, patch) = self.start(lang, docs);
        let mut tk = std::mem::take(&mut turn.tk);
        let (mut terms, mut ids) = (DocTerms::default(), Vec::new());
        self.read = 0;
        for (kept, doc) in turn.docs.iter_mut().zip(docs) {
            if kept.read.is_none() {
                let read = DocRead::new(
                    (&mut tk, &mut turn.slots),
                    lang,
                    doc,
                    (&mut terms, &mut ids),
                );
                kept.read = Some(read);
                self.read += 1;
            }
        }
        turn.tk = tk;
        let acc = patch.and_then(|(acc, old)| patched(acc, &old, &turn));
        self.patched = acc.is_some();
        if let Some(acc) = acc {
            let tk = std::mem::take(&mut turn.tk);
            self.turn = Some(turn);
            return (acc, tk);
        }
        let tk = std::mem::take(&mut turn.tk);
        let reads = || turn.docs.iter().filter_map(|d| d.read.as_ref());
        let mut word_df = vec![0; tk.folded.strs.len()];
        let mut bigram_df = vec![0; turn.slots.keys.len()];
        for read in reads() {
            read.count(&mut word_df, &mut bigram_df);
        }
        let bigrams = turn.slots.keys.iter().copied().zip(bigram_df);
        let mut acc = Acc::sized(&word_df, bigrams);
        for (i, kept) in turn.docs.iter().enumerate() {
            if let Some(read) = &kept.read {
                read.add_to(&mut acc, i as u32);
            }
        }
        self.turn = Some(turn);
        (acc, tk)
    }

    fn excerpts(&mut self, docs: &[Doc]) -> (Vec<Excerpts>, Vec<bool>) {
        let turn = self.turn(docs.len());
        (turn.docs.par_iter_mut().zip(docs))
            .map(|(kept, doc)| {
                let excerpts = kept.excerpts.take().unwrap_or_else(|| {
                    let (excerpts, whole) = index::all_excerpts(doc);
                    kept.whole = whole;
                    excerpts
                });
                (excerpts, kept.whole)
            })
            .unzip()
    }

    fn chunks(&mut self, docs: &[Doc], kind: &[usize], excerpts: &[Excerpts]) -> Vec<String> {
        if self.lean {
            return index::doc_chunks(docs, kind, excerpts);
        }
        let turn = self.turn(docs.len());
        (turn.docs.par_iter_mut().zip(docs).zip(kind).zip(excerpts)).for_each(
            |(((kept, doc), &k), e)| {
                if kept.record.as_ref().is_none_or(|r| r.0 != k) {
                    kept.record = Some((k, index::doc_json(doc, k, e)));
                }
            },
        );
        let records: Vec<&str> = (turn.docs.iter())
            .map(|d| d.record.as_ref().map_or("", |r| r.1.as_str()))
            .collect();
        records
            .par_chunks(index::DOCS_PER_CHUNK)
            .map(index::chunk_json)
            .collect()
    }

    fn scans(&mut self) -> Option<Vec<Option<DocScan>>> {
        if self.lean {
            return None;
        }
        let turn = self.turn.as_mut()?;
        Some(turn.docs.iter_mut().map(|d| d.scan.take()).collect())
    }

    fn keeps_postings(&self) -> bool {
        !self.lean
    }

    fn order(&mut self, tk: &Tokenizer, acc: &Acc) -> Option<Order> {
        let turn = self.turn.as_mut()?;
        turn.order.extend(tk, acc);
        let order = turn.order.clone();
        if let Some(sink) = self.sink.take() {
            let work = lean_work(turn, tk);
            self.writing = Some(std::thread::spawn(move || write_lean(work, sink)));
        }
        Some(order)
    }

    fn done(
        &mut self,
        tk: Tokenizer,
        excerpts: Vec<Excerpts>,
        scans: Option<Vec<Option<DocScan>>>,
        acc: Acc,
    ) {
        if let Some(writing) = self.writing.take() {
            // A panic while writing leaves the part unwritten: nothing is kept then.
            let _ = writing.join();
        }
        let Some(mut turn) = self.turn.take() else {
            return;
        };
        let (excerpts, scans) = if self.lean {
            (Vec::new(), None)
        } else {
            (excerpts, scans)
        };
        for (kept, e) in turn.docs.iter_mut().zip(excerpts) {
            kept.excerpts = Some(e);
        }
        for (kept, s) in turn.docs.iter_mut().zip(scans.into_iter().flatten()) {
            kept.scan = s;
        }
        if !turn.settled(&tk) || turn.written {
            return;
        }
        turn.tk = tk;
        // Kept only for a build with keys: a build without keeps no documents.
        let keyed = !turn.keys.is_empty() || turn.docs.is_empty();
        turn.acc = (keyed && !self.lean).then_some(acc);
        self.last = Some(turn);
    }
}

#[cfg(test)]
mod tests {
    use crate::stored::{build, build_reusing, Reuse};
    use crate::{Doc, Field, Lang, Places};

    /// Documents with words in several forms (variants of one folded word, first seen in
    /// different documents), metadata, headings, unknown kinds and texts not NFC as they are.
    fn docs() -> Vec<Doc<'static>> {
        let bodies = [
            "Cai nghiện ma túy tự nguyện tại gia đình. Cái nghiện, cải thiện!",
            "Methadone điều trị thay thế. Điều trị methadone miễn phí.\nĐường dây nóng 1900 6000",
            "Café\u{301} cai nghiện bắt buộc; cơ sở cai nghiện Đồng Tháp. Cai nghien tai nha.",
            "The treatment plan covers counselling and methadone. Treatments, treating, treated.",
        ];
        let kinds = ["plan", "provider", "news", "update", "blog", "page"];
        (0..30)
            .map(|i| Doc {
                url: format!("/p/{i}/"),
                title: format!(
                    "{} {i}",
                    ["Cai nghiện", "Cái nghiện", "Methadone", "Kế hoạch"][i % 4]
                ),
                kind: kinds[i % kinds.len()].to_string(),
                fields: vec![
                    (Field::Meta, ["Đồng Tháp", "TP.HCM", "Hà Nội"][i % 3].into()),
                    (Field::Heading, format!("Mục {}", i % 5).into()),
                    (Field::Body, bodies[i % 4].repeat(1 + i % 5).into()),
                ],
            })
            .collect()
    }

    /// Builds `docs` through `reuse` and checks the files are those of a fresh build.
    fn same_as_fresh(lang: Lang, docs: &[Doc], reuse: &mut Reuse, what: &str) {
        let places = Places::default();
        let kept = build_reusing(lang, docs, &places, reuse);
        let fresh = build(lang, docs, &places);
        assert_eq!(kept.len(), fresh.len(), "{what}");
        for (k, f) in kept.iter().zip(&fresh) {
            assert_eq!(k.path, f.path, "{what}");
            assert!(k.bytes == f.bytes, "{what}: {}", k.path);
        }
    }

    /// After each edit (a changed body, a renamed title, an added, a removed, a moved and a
    /// repeated document, a new kind, a word's form first seen elsewhere) the index made from the
    /// kept work is the fresh build's, byte for byte, in either language.
    #[test]
    fn a_build_from_kept_work_writes_the_files_of_a_fresh_build_after_every_edit() {
        for lang in [Lang::Vi, Lang::En] {
            let mut reuse = Reuse::default();
            let mut docs = docs();
            same_as_fresh(lang, &docs, &mut reuse, "first");
            assert_eq!(reuse.kept.read(), docs.len());
            same_as_fresh(lang, &docs, &mut reuse, "unchanged");
            assert!(reuse.taken, "the files of the build before");
            docs[4].fields[2].1 = "Cai nghiện tại nhà. Cải tạo, cái mới.".into();
            same_as_fresh(lang, &docs, &mut reuse, "changed body");
            assert_eq!(reuse.kept.read(), 1, "only the changed document read again");
            docs[7].title = "CÁI NGHIỆN Methadone".to_string();
            same_as_fresh(lang, &docs, &mut reuse, "renamed title");
            let mut added = docs[2].clone();
            added.url = "/p/new/".to_string();
            added.title = "Cải cách điều trị".to_string();
            docs.insert(1, added);
            same_as_fresh(lang, &docs, &mut reuse, "added");
            // The first document with a form of "cai" goes: its forms come in another order.
            docs.remove(0);
            same_as_fresh(lang, &docs, &mut reuse, "removed");
            docs.swap(3, 20);
            same_as_fresh(lang, &docs, &mut reuse, "moved");
            docs.push(docs[5].clone());
            same_as_fresh(lang, &docs, &mut reuse, "repeated");
            assert_eq!(reuse.kept.read(), 1, "the repeated document read again");
            docs[0].kind = "law".to_string();
            docs[1].kind = "story".to_string();
            same_as_fresh(
                lang,
                &docs,
                &mut reuse,
                "new kinds, others' kind numbers move",
            );
            docs.truncate(3);
            same_as_fresh(lang, &docs, &mut reuse, "most removed");
            same_as_fresh(lang, &[], &mut reuse, "none");
            let others: Vec<Doc> = self::docs().into_iter().rev().take(9).collect();
            same_as_fresh(lang, &others, &mut reuse, "others");
        }
    }

    /// The answers' scans of the documents they show are kept (made on copies of the tokenizer
    /// when many are new, on the kept one when few are) and the next builds, after edits of one
    /// document, are the fresh ones.
    #[test]
    fn the_answers_scans_are_kept_and_builds_from_them_are_fresh() {
        let mut docs: Vec<Doc> = (0..4).flat_map(|_| self::docs()).collect();
        for (i, d) in docs.iter_mut().enumerate() {
            d.url = format!("/q/{i}/");
            d.fields[1].1 = format!("Mục {i} cai nghiện").into();
        }
        for lang in [Lang::Vi, Lang::En] {
            let mut reuse = Reuse::default();
            same_as_fresh(lang, &docs, &mut reuse, "first");
            let first = reuse.kept.scanned();
            assert!(
                first > super::super::answer::SCAN_IN_PLACE,
                "{first} scanned"
            );
            for i in 0..4 {
                docs[i * 7].fields[2].1 =
                    format!("Cai nghiện tại nhà {i}. Điều trị, cai nghiện.").into();
                same_as_fresh(lang, &docs, &mut reuse, "edited");
                assert!(
                    reuse.kept.scanned() >= first - 4,
                    "kept from one build to the next"
                );
            }
            docs = self::docs().into_iter().chain(docs).collect();
            same_as_fresh(lang, &docs, &mut reuse, "many added");
        }
    }

    /// Edits bringing new words each grow the kept tokenizer until the next build starts over:
    /// it never knows more than a quarter more words than a fresh one, nor keeps more documents
    /// than the latest build had, and every build is the fresh one.
    #[test]
    fn the_kept_work_stays_within_one_build() {
        let mut docs = docs();
        let mut reuse = Reuse::default();
        same_as_fresh(Lang::Vi, &docs, &mut reuse, "first");
        let born = reuse.kept.words();
        let (mut prev, mut restarts) = (born, 0);
        for i in 0..60 {
            let words: Vec<String> = (0..5).map(|k| format!("từmới{i}x{k}")).collect();
            docs[i % 7].fields[2].1 = words.join(" ").into();
            same_as_fresh(Lang::Vi, &docs, &mut reuse, "new words");
            let now = reuse.kept.words();
            // 300 new words in all: without starting over it would know them all.
            assert!(now <= 2 * born, "{now} words, {born} at first");
            restarts += usize::from(now < prev);
            prev = now;
            // Kept: this build's documents; else nothing (the next build starts over).
            assert_eq!(reuse.kept.docs(), if now == 0 { 0 } else { docs.len() });
        }
        assert!(restarts > 0, "started over at least once");
        docs.truncate(5);
        same_as_fresh(Lang::Vi, &docs, &mut reuse, "fewer");
        assert_eq!(reuse.kept.docs(), 5);
    }

    /// Edits of documents in place patch the postings of the build before, and the files are a
    /// fresh build's: a word gone from the site, a new word, a word whose forms come first in
    /// another document or in another order now, a word no longer (or newly) in a title or in
    /// metadata, a new and a gone bigram, several documents at once; a document added, then
    /// many changed, put the postings together again.
    #[test]
    fn postings_patched_after_edits_in_place_are_a_fresh_builds() {
        for lang in [Lang::Vi, Lang::En] {
            let mut reuse = Reuse::default();
            let mut docs = docs();
            docs[3].fields[2].1 = "Độc nhất vô nhị zebra. Cai nghiện".into();
            same_as_fresh(lang, &docs, &mut reuse, "first");
            let steps: [(usize, &str, &str); 7] = [
                (3, "body", "Cai nghiện, cải thiện. Cái mới quagga."),
                (0, "body", "Cải nghiện CÁI cai; methadone zebra."),
                (0, "title", "Zebra Cái Quagga"),
                (9, "meta", "Độc nhất"),
                (9, "meta", "Hà Nội"),
                (0, "title", "Cai nghiện 0"),
                (12, "body", ""),
            ];
            for (i, (at, what, text)) in steps.into_iter().enumerate() {
                match what {
                    "title" => docs[at].title = text.to_string(),
                    "meta" => docs[at].fields[0].1 = text.into(),
                    _ => docs[at].fields[2].1 = text.into(),
                }
                same_as_fresh(
                    lang,
                    &docs,
                    &mut reuse,
                    &format!("step {i}: {what} of {at}"),
                );
                assert!(reuse.kept.patched(), "step {i} patched");
            }
            for at in [1, 5, 17, 29] {
                docs[at].fields[2].1 = format!("Cải {at} zebra. Cai quagga nghiện").into();
            }
            same_as_fresh(lang, &docs, &mut reuse, "several at once");
            assert!(reuse.kept.patched(), "several patched");
            docs.push(docs[4].clone());
            same_as_fresh(lang, &docs, &mut reuse, "added");
            assert!(!reuse.kept.patched(), "a document added");
            for d in docs.iter_mut() {
                d.fields[1].1 = "Khác".into();
            }
            same_as_fresh(lang, &docs, &mut reuse, "all changed");
            assert!(!reuse.kept.patched(), "every document changed");
            docs[2].fields[2].1 = "Cai".into();
            same_as_fresh(lang, &docs, &mut reuse, "after all changed");
            assert!(reuse.kept.patched(), "patched again");
        }
    }

    /// The work a lean build keeps, written and read back (as `minh build` keeps it on disk),
    /// reads again only the documents changed since, and every build after an edit (in place,
    /// added, removed, moved) is a fresh build's; bytes that are not all of such work are not
    /// taken.
    #[test]
    fn lean_work_written_and_read_back_gives_the_files_of_a_fresh_build() {
        let round_trip = |reuse: &Reuse| {
            let mut bytes = Vec::new();
            reuse.save(&mut bytes).unwrap();
            let back = Reuse::load(&bytes[..]).expect("read back");
            let mut again = Vec::new();
            back.save(&mut again).unwrap();
            assert!(again == bytes, "written again as it was");
            assert!(Reuse::load(&bytes[..bytes.len() - 1]).is_none(), "cut");
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(Reuse::load(&longer[..]).is_none(), "longer");
            back
        };
        assert!(Reuse::load(&b""[..]).is_none() && Reuse::load(&b"minh"[..]).is_none());
        for lang in [Lang::Vi, Lang::En] {
            let mut docs = docs();
            let mut reuse = Reuse::lean();
            same_as_fresh(lang, &docs, &mut reuse, "first");
            let mut reuse = round_trip(&reuse);
            docs[4].fields[2].1 = "Cai nghiện tại nhà. Cải tạo, cái mới quagga.".into();
            same_as_fresh(lang, &docs, &mut reuse, "changed body");
            assert_eq!(reuse.kept.read(), 1, "only the changed document read again");
            assert!(!reuse.kept.patched(), "no postings kept to patch");
            let mut added = docs[2].clone();
            added.url = "/p/new/".to_string();
            docs.insert(1, added);
            let mut reuse = round_trip(&reuse);
            same_as_fresh(lang, &docs, &mut reuse, "added");
            docs.remove(0);
            docs.swap(3, 20);
            let mut reuse = round_trip(&reuse);
            same_as_fresh(lang, &docs, &mut reuse, "removed and moved");
            assert_eq!(reuse.kept.read(), 0, "nothing new to read");
            let mut other = round_trip(&reuse);
            let other_lang = if lang == Lang::Vi { Lang::En } else { Lang::Vi };
            same_as_fresh(other_lang, &docs, &mut other, "another language");
            assert_eq!(other.kept.read(), docs.len(), "all read again");
        }
    }

    /// A lean build writing its work as soon as its postings are made keeps none in memory, and
    /// what it wrote is what it would have kept: the next build, from it, is a fresh one's.
    #[test]
    fn work_written_once_the_postings_are_made_is_the_work_kept() {
        use std::sync::{Arc, Mutex};
        let written = |reuse: &mut Reuse| {
            let bytes = Arc::new(Mutex::new(Vec::new()));
            let to = Arc::clone(&bytes);
            reuse.write_into(Box::new(move |write| {
                write(&mut *to.lock().unwrap()).unwrap();
            }));
            bytes
        };
        for lang in [Lang::Vi, Lang::En] {
            let mut docs = docs();
            let mut reuse = Reuse::lean();
            let bytes = written(&mut reuse);
            same_as_fresh(lang, &docs, &mut reuse, "first");
            assert_eq!(reuse.kept.docs(), 0, "nothing kept in memory");
            let mut kept = Reuse::lean();
            same_as_fresh(lang, &docs, &mut kept, "kept instead");
            let mut saved = Vec::new();
            kept.save(&mut saved).unwrap();
            assert!(*bytes.lock().unwrap() == saved, "the same work");
            let mut reuse = Reuse::load(&bytes.lock().unwrap()[..]).expect("read back");
            docs[6].fields[2].1 = "Cai nghiện, cải thiện zebra.".into();
            let again = written(&mut reuse);
            same_as_fresh(lang, &docs, &mut reuse, "edited");
            assert_eq!(reuse.kept.read(), 1, "only the changed document read again");
            assert!(!again.lock().unwrap().is_empty(), "written again");
        }
    }

    /// Work kept for one language is not used for another (each reads words its own way).
    #[test]
    fn work_kept_for_one_language_is_not_used_for_another() {
        let docs = docs();
        let mut reuse = Reuse::default();
        same_as_fresh(Lang::Vi, &docs, &mut reuse, "vi");
        same_as_fresh(Lang::En, &docs, &mut reuse, "en after vi");
        same_as_fresh(Lang::Generic, &docs, &mut reuse, "generic after en");
    }
}
