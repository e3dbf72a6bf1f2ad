//! The history model: lineages of files, their events and commits (dates and public notes only).

use crate::date::Date;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// How much history the site has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// The site is not in a git repository (or it has no commit): no history to show.
    Unavailable,
    /// The whole history.
    Complete,
    /// A shallow clone: history starts at the given date, what existed then has no earlier dates.
    Shallow { since: Date },
}

/// One commit, as the public may see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commit {
    /// Full hex id (used to name versions and as the cache key; no personal data).
    pub id: String,
    /// Author time, seconds since the epoch, and the author's UTC offset in seconds.
    pub time: i64,
    pub offset: i32,
    /// Public change notes by language code ("" for every language).
    pub notes: BTreeMap<String, String>,
    /// Updates the date without a note.
    pub minor: bool,
    /// The commit starts a shallow history: what it "adds" existed before.
    pub baseline: bool,
}

impl Commit {
    /// The calendar date of the commit where its author was.
    pub fn date(&self) -> Date {
        let local = chrono::DateTime::from_timestamp(self.time + self.offset as i64, 0)
            .unwrap_or_default()
            .date_naive();
        Date(local)
    }

    /// RFC 3339 time, for feeds.
    pub fn rfc3339(&self) -> String {
        let tz = chrono::FixedOffset::east_opt(self.offset)
            .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset"));
        chrono::DateTime::from_timestamp(self.time, 0)
            .unwrap_or_default()
            .with_timezone(&tz)
            .to_rfc3339()
    }
}

/// What a commit did to a lineage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Added,
    Modified,
    /// Moved from the given path (perhaps with edits).
    Renamed(String),
    Deleted,
}

/// One change of one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Index into [`History::commits`].
    pub commit: u32,
    pub kind: EventKind,
    /// A `change_note` set in the file by this commit, by language code ("" for every language).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub note: BTreeMap<String, String>,
    /// The file's text after the change, kept for plans and providers (versions and field changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A file followed through its renames.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lineage {
    /// Its path now, relative to the site root, or its last path when deleted.
    pub path: String,
    /// Oldest first.
    pub events: Vec<Event>,
    pub alive: bool,
}

/// Every lineage of the site's content, with the commits they refer to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct History {
    pub status: Status,
    /// Oldest first.
    pub commits: Vec<Commit>,
    pub lineages: Vec<Lineage>,
    /// Path → lineage index (live files first, then deleted ones at paths nobody uses now).
    #[serde(skip)]
    pub(super) by_path: HashMap<String, usize>,
}

impl Default for History {
    fn default() -> Self {
        History::unavailable()
    }
}

impl History {
    pub fn unavailable() -> History {
        History {
            status: Status::Unavailable,
            commits: Vec::new(),
            lineages: Vec::new(),
            by_path: HashMap::new(),
        }
    }

    /// The history with every commit made before `day` (where its author was) counted as minor:
    /// its date stays, its message is no public note.
    pub fn notes_since(mut self, day: Option<Date>) -> History {
        if let Some(day) = day {
            for c in self.commits.iter_mut().filter(|c| c.date() < day) {
                c.minor = true;
            }
        }
        self
    }

    pub(super) fn index(mut self) -> History {
        let mut by_path = HashMap::with_capacity(self.lineages.len());
        for (i, l) in self.lineages.iter().enumerate() {
            if l.alive {
                by_path.insert(l.path.clone(), i);
            }
        }
        for (i, l) in self.lineages.iter().enumerate() {
            if !l.alive {
                // The most recent deletion at a path wins (lineages are in order of birth).
                if !matches!(by_path.get(&l.path), Some(j) if self.lineages[*j].alive) {
                    by_path.insert(l.path.clone(), i);
                }
            }
        }
        self.by_path = by_path;
        self
    }

    /// The lineage of a file (path relative to the site root, with `/`).
    pub fn of(&self, path: &Path) -> Option<&Lineage> {
        let key = path.to_string_lossy().replace('\\', "/");
        self.by_path.get(&key).map(|i| &self.lineages[*i])
    }

    pub fn commit(&self, e: &Event) -> &Commit {
        &self.commits[e.commit as usize]
    }

    /// Lineages of files deleted and not replaced at their path, under a folder (e.g. `content/facilities/`).
    pub fn removed_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a Lineage> + 'a {
        self.by_path
            .iter()
            .filter(move |(p, _)| p.starts_with(folder))
            .map(|(_, i)| &self.lineages[*i])
            .filter(|l| !l.alive)
    }

    /// Every lineage, for site-wide lists.
    pub fn all(&self) -> impl Iterator<Item = &Lineage> {
        self.lineages.iter()
    }

    /// The public note of an event in `lang`: the file's own `change_note`, else the commit's;
    /// `None` for a minor commit.
    pub fn note(&self, e: &Event, lang: Lang) -> Option<String> {
        self.note_marked(e, lang).map(|n| n.text)
    }

    /// [`History::note`] with the language it is written in when that is not `lang`: a note for
    /// every language (a commit's subject, `Change-note:`, a plain `change_note`) is taken to be
    /// in the site's default language, the language its editors write in.
    pub fn note_marked(&self, e: &Event, lang: Lang) -> Option<Note> {
        let default = lang.default_lang();
        let pick = |m: &BTreeMap<String, String>| {
            let (text, written_in) = match m.get(lang.code()) {
                Some(t) => (t, lang),
                None => (m.get("").or_else(|| m.get(default.code()))?, default),
            };
            Some(Note {
                text: text.clone(),
                lang: (written_in != lang).then(|| written_in.code()),
            })
        };
        if let Some(n) = pick(&e.note) {
            return Some(n);
        }
        let c = self.commit(e);
        if c.minor {
            return None;
        }
        pick(&c.notes)
    }
}

/// A public change note, and its language when it is not the page's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    /// The note's language code, when it differs from the page's (for a `lang` attribute).
    pub lang: Option<&'static str>,
}

/// Which files' texts the history keeps (for plan versions and provider field changes).
pub fn keeps_text(path: &str) -> bool {
    (path.starts_with("content/plans/") && path.ends_with(".md"))
        || (path.starts_with("content/facilities/")
            && (path.ends_with(".yaml") || path.ends_with(".yml")))
}

/// Figures about a read, for the build summary and the benchmark.
#[derive(Debug, Clone, Default)]
pub struct ReadStats {
    pub commits_walked: usize,
    pub from_cache: bool,
}
