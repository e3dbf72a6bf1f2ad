//! Phase 1, history: what changed in each content file and when, read from the site's git repository.
//!
//! One pass over the commits, oldest first: each commit's tree is compared with its first parent's,
//! and the changed paths under `content/` are attributed to *lineages* (a file followed through its
//! renames, from its addition to now or to its deletion). No committer name or e-mail is ever read
//! into this model: a commit is a date, a public note and whether it is minor (see [`message`]).

mod cache;
mod git;
pub mod message;
pub mod model;

pub use model::*;
use std::path::Path;

/// Reads the history of the site at `root`, using and refreshing the cache in the repository's
/// git folder. Never fails: a folder that is not a repository has [`Status::Unavailable`].
pub fn read(root: &Path) -> History {
    read_with_stats(root, true).0
}

/// [`read`], with figures; `use_cache: false` ignores and leaves the cache alone.
pub fn read_with_stats(root: &Path, use_cache: bool) -> (History, ReadStats) {
    match git::read(root, use_cache) {
        Ok((h, stats)) => (h.index(), stats),
        Err(_) => (History::unavailable(), ReadStats::default()),
    }
}
