//! Vietnamese-aware tokenizer and sharded static search index for minh.
//!
//! [`build_index`] turns the documents of one language into a manifest plus content-hashed
//! shards and document stores; `themes/default/static/js/search.js` mirrors the tokenizer and
//! the query logic of [`query`] in the browser (tests check both agree).
//!
//! Files of one language (the engine writes them under `public/search/<lang>/`):
//! - `manifest.json` (fixed name, revalidated by the client):
//!   `{"v":4,"lang","h":<build hash>,"n":<docs>,"m":63,"c":<docs per store>,"kinds":[..],
//!   "w":[parts of each word shard],"b":[parts of each bigram shard],
//!   "wp":"first term of each word part","bp":"first term of each bigram part" (front-coded:
//!   per term '0' + the characters it shares with the one before, then the rest; joined by '|'),
//!   "a":[first key of each answer shard],
//!   "pl":<place table>}` where the place table (only with [`build_index_with`]) is
//!   `{"n":[[name,folded,current,link],...],"s":{folded spelling:place},"x":[words before],"y":[words after]}`:
//!   the client reads place spellings ("tp hcm", "sai gon") as the place's name before searching
//!   ([`rewrite`]), and every place name of two words or more has a precomputed answer.
//! - `<h>/w/<k>.json`, `<h>/b/<k>.json`: the parts of the word and bigram shards, ranges of
//!   sorted folded terms: `{"term":[df,"doc deltas","impacts",exact?]}`, the postings as two
//!   strings of printable ASCII digits (`digits.rs`: each doc delta in base 46, its last digit
//!   from the first half of the alphabet, each impact 1..=63 one character), where `exact` is
//!   absent (only the folded form occurs), a string (the one exact form), or
//!   `{form:[doc deltas]}`. A shard (about 16 KB, starting at one part in `"wp"`/`"bp"`) is what a query sees:
//!   the completions of the word being typed come from the shards of the query's words (and
//!   the next one when it starts with that word), words one slip away and suggestions from every
//!   term of them. Each shard is stored as parts of about 4 KB (manifest `"wp"`/`"bp"`: each
//!   shard's first term starts a part; a part's other starts are the shortest start of its
//!   first term that sorts after the term before). A query fetches the part holding each of its
//!   terms and every part of its shards that may hold a completion, and, when a word may hold a
//!   slip, the words of its word shards (`<h>/t/<i>.json`, `["term",...]` per word shard `i`);
//!   when such a word matched nothing it then fetches the parts holding its slips (and the words
//!   to suggest when nothing matched) with the stores of its first results so far, so it finds
//!   what whole shards found; a word of another language mostly has no slip and costs no part.
//!   When nothing matched and no word may hold a slip, it fetches the rest of its shards.
//! - `<h>/a/<i>.json`: answer shards, ranges of sorted answer keys (every folded word, and the
//!   bigrams of two words found in enough documents): `[{doc:[url,title,kind index],...},
//!   {"key":[total,[[doc,score,excerpt],...]]}]`, the ranked first page ([`query::ANSWER_TOP`]
//!   results) of the one- or two-word query `key` with a snippet around its first match, so
//!   such a query costs two requests (manifest, one answer shard); manifest `"a"` lists the
//!   first key of each answer shard.
//! - `<h>/d/<j>.json`: document stores, `[[url,title,kind index,[excerpts]],...]` for documents
//!   `j*c .. j*c+c-1`; excerpts are short NFC texts (up to 3 sentence-packed body excerpts of at
//!   most 160 characters spread over the body, then name, meta, headings); the client shows the
//!   one with the most query-word matches.
//!
//! `<h>` is a hash of every shard and store, so a cached old shard never meets a new manifest.
//! A site stores every file but the manifest gzip-compressed ([`stored::build`]: `<path>.gz`,
//! manifest `"z":".gz"`).

mod answer;
mod digits;
mod hash;
mod index;
mod kept;
pub mod query;
pub mod rewrite;
pub mod stored;
pub use kept::Sink;
mod tokenize;

pub use index::{build_index, build_index_with, DOCS_PER_CHUNK, MAX_BIGRAM_POSTINGS, MAX_POSTINGS};
pub use query::{simulate_query, Hit, QueryPlan};
pub use rewrite::{PlaceName, Places};
pub use tokenize::{
    fold, is_break, nfc_plain_len, normalize_tone, stem_en, tokenize, word_forms, Token, TokenKind,
    EN_STOP_WORDS, VI_STOP_WORDS,
};

/// The tokenizer of one index (one index per language of the site).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// Vietnamese: syllables, tone marks in one place, Telex/VNI queries decoded.
    Vi,
    /// English: light stemming and stop words.
    En,
    /// Any other language: the generic Unicode tokenizer. Words are runs of letters, digits
    /// and combining marks (so Khmer, Thai or Lao vowel signs stay in their word), lowercased,
    /// with Latin diacritics folded; no stemming, no stop words.
    Generic,
}

impl Lang {
    /// The tokenizer's code written into the manifest ("vi", "en", or "und" for the generic one).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Generic => "und",
        }
    }

    /// The tokenizer a manifest code names ("vi", "en", "und"), if known.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            "und" => Some(Lang::Generic),
            _ => None,
        }
    }

    /// The tokenizer for a site language's code: its own if it has one, else the generic one.
    pub fn for_language(code: &str) -> Lang {
        Lang::from_code(code)
            .filter(|l| *l != Lang::Generic)
            .unwrap_or(Lang::Generic)
    }
}

/// Which part of a document a text comes from; decides its weight in ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The page title (the document's `title` is indexed as this field already).
    Title,
    /// The name of a provider, hotline...
    Name,
    /// Section headings.
    Heading,
    /// Number, issuer, province names, former province names, phone numbers...
    Meta,
    /// Running text.
    Body,
}

/// One searchable document (a page, a plan, a provider...); its texts may borrow from the site
/// they are made of (a page's text is not copied to be indexed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc<'a> {
    /// Site-relative URL the result links to.
    pub url: String,
    /// Title shown as the result link; indexed as [`Field::Title`] (do not repeat it in `fields`).
    pub title: String,
    /// "plan" | "provider" | "hotline" | "statistics" | "page" | "update" | "law".
    pub kind: String,
    /// Texts to index, each with its field.
    pub fields: Vec<(Field, std::borrow::Cow<'a, str>)>,
}

/// One file of the index, written under `public/search/<lang>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path relative to the index root: `manifest.json`, `<hash>/w/3.json`, `<hash>/b/7.json`, `<hash>/d/12.json`.
    pub path: String,
    /// File content (UTF-8 JSON).
    pub bytes: Vec<u8>,
}
