//! Reading the repository with gix: one walk over the commits, one tree diff per commit, renames paired.

use super::cache::{self, Cached};
use super::message;
use super::model::{Commit, Event, EventKind, History, Lineage, ReadStats, Status};
use gix::bstr::ByteSlice;
use gix::diff::tree::recorder::Change;
use gix::prelude::FindExt;
use gix::ObjectId;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Reads the history of the site at `root` (see [`super::read`]).
pub(super) fn read(root: &Path, use_cache: bool) -> Result<(History, ReadStats), Error> {
    let mut repo = gix::discover(root)?;
    use_caches(&mut repo);
    let workdir = repo.workdir().ok_or("a bare repository has no site")?;
    let prefix = site_prefix(root, workdir)?;
    let Ok(head) = repo.head_id() else {
        return Ok((History::unavailable(), ReadStats::default()));
    };
    let head = head.detach();
    let shallow: HashSet<ObjectId> = repo
        .shallow_commits()?
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();
    let cache_file = cache::file(repo.git_dir(), &prefix);
    let cached = if use_cache {
        cache::load(&cache_file, &prefix)
    } else {
        None
    };
    if let Some(c) = &cached {
        if ObjectId::from_hex(c.head.as_bytes()).ok() == Some(head) {
            let stats = ReadStats {
                commits_walked: 0,
                from_cache: true,
            };
            return Ok((c.history.clone(), stats));
        }
    }
    let order = topo_order(&repo, head, &shallow)?;
    // Start from the cache when its head is an ancestor of HEAD: only newer commits are read.
    let (mut state, todo) = match cached {
        Some(c) => match ObjectId::from_hex(c.head.as_bytes()) {
            Ok(old) if order.iter().any(|(id, _)| *id == old) => {
                let done: HashSet<ObjectId> = topo_order(&repo, old, &shallow)?
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                let todo: Vec<(ObjectId, Vec<ObjectId>)> = order
                    .into_iter()
                    .filter(|(id, _)| !done.contains(id))
                    .collect();
                (State::from(c.history, c.notes), todo)
            }
            _ => (State::new(), order),
        },
        None => (State::new(), order),
    };
    let diffs = diff_all(&repo, &prefix, &todo)?;
    let walker = Walker {
        repo: &repo,
        shallow: &shallow,
    };
    for ((id, parents), diffed) in todo.iter().zip(diffs) {
        if let Some(d) = diffed {
            walker.apply(*id, parents, d, &mut state)?;
        }
    }
    let (history, notes) = state.finish(!shallow.is_empty());
    if use_cache {
        cache::store(
            &cache_file,
            &Cached {
                head: head.to_string(),
                prefix: prefix.clone(),
                history: history.clone(),
                notes,
            },
        );
    }
    let stats = ReadStats {
        commits_walked: todo.len(),
        from_cache: false,
    };
    Ok((history, stats))
}

/// Caches for one pass over the history: without them every tree of a busy folder is rebuilt from
/// its whole delta chain in the pack, once for the commit and again for its child (minutes on a
/// repository with thousands of commits instead of seconds).
fn use_caches(repo: &mut gix::Repository) {
    const DELTA_BASES: usize = 64 * 1024 * 1024;
    const OBJECTS: usize = 16 * 1024 * 1024;
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            DELTA_BASES,
        ))
    });
    repo.object_cache_size(OBJECTS);
}

/// The site root's path inside the repository, as a prefix ("" or "site/").
fn site_prefix(root: &Path, workdir: &Path) -> Result<String, Error> {
    let root = root.canonicalize()?;
    let workdir = workdir.canonicalize()?;
    let rel = root.strip_prefix(&workdir)?;
    let mut p = rel.to_string_lossy().replace('\\', "/");
    if !p.is_empty() && !p.ends_with('/') {
        p.push('/');
    }
    Ok(p)
}

/// Every commit reachable from `head` with its parents, parents before children.
fn topo_order(
    repo: &gix::Repository,
    head: ObjectId,
    shallow: &HashSet<ObjectId>,
) -> Result<Vec<(ObjectId, Vec<ObjectId>)>, Error> {
    let mut parents: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
    for info in repo.rev_walk([head]).all()? {
        let info = info?;
        let ps = if shallow.contains(&info.id) {
            Vec::new()
        } else {
            info.parent_ids.iter().copied().collect()
        };
        parents.insert(info.id, ps);
    }
    // Depth-first, emitting a commit after its parents (first parent first).
    let mut out = Vec::with_capacity(parents.len());
    let mut done: HashSet<ObjectId> = HashSet::with_capacity(parents.len());
    let mut stack: Vec<(ObjectId, bool)> = vec![(head, false)];
    while let Some((id, expanded)) = stack.pop() {
        if done.contains(&id) {
            continue;
        }
        let ps = parents.get(&id).cloned().unwrap_or_default();
        if expanded {
            done.insert(id);
            out.push((id, ps));
            continue;
        }
        stack.push((id, true));
        for p in ps.iter().rev() {
            if !done.contains(p) && parents.contains_key(p) {
                stack.push((*p, false));
            }
        }
    }
    Ok(out)
}

/// Lineages being built, oldest commit first.
struct State {
    commits: Vec<Commit>,
    lineages: Vec<Lineage>,
    /// Path → live lineage.
    live: HashMap<String, usize>,
    /// The `change_note` each lineage's file holds now.
    notes: HashMap<usize, BTreeMap<String, String>>,
}

impl State {
    fn new() -> State {
        State {
            commits: Vec::new(),
            lineages: Vec::new(),
            live: HashMap::new(),
            notes: HashMap::new(),
        }
    }

    fn from(h: History, notes: HashMap<usize, BTreeMap<String, String>>) -> State {
        let live = h
            .lineages
            .iter()
            .enumerate()
            .filter(|(_, l)| l.alive)
            .map(|(i, l)| (l.path.clone(), i))
            .collect();
        State {
            commits: h.commits,
            lineages: h.lineages,
            live,
            notes,
        }
    }

    #[allow(clippy::type_complexity)]
    fn finish(self, shallow: bool) -> (History, HashMap<usize, BTreeMap<String, String>>) {
        let status = match self.commits.iter().find(|c| c.baseline) {
            Some(c) if shallow => Status::Shallow { since: c.date() },
            _ => Status::Complete,
        };
        let h = History {
            status,
            commits: self.commits,
            lineages: self.lineages,
            by_path: HashMap::new(),
        };
        (h, self.notes)
    }

    fn event(
        &mut self,
        lineage: usize,
        commit: u32,
        kind: EventKind,
        text: Option<String>,
        note_now: Option<BTreeMap<String, String>>,
    ) {
        let mut note = BTreeMap::new();
        if let Some(now) = note_now {
            let before = self.notes.get(&lineage);
            if !now.is_empty() && before != Some(&now) {
                note = now.clone();
            }
            self.notes.insert(lineage, now);
        }
        self.lineages[lineage].events.push(Event {
            commit,
            kind,
            note,
            text,
        });
    }
}

/// A file changed by a commit, under the site's `content/`.
struct Touched {
    /// Relative to the site root.
    path: String,
    oid: ObjectId,
}

/// What one commit did to the site's files, found by diffing its tree with its first parent's.
struct Diffed {
    added: Vec<Touched>,
    deleted: Vec<Touched>,
    modified: Vec<Touched>,
    /// It also changed files outside the site (tooling, CI): minor unless its message says otherwise.
    maintenance: bool,
    /// The raw message and the author's time.
    message: String,
    time: gix::date::Time,
}

/// Diffs every commit of `todo` with its first parent, in contiguous runs on every core: each run
/// opens the repository itself (gix handles are not shared between threads) with its own caches, so a tree is decoded once for a commit and reused for
/// its child. `None` for merges and for commits that touched no content.
fn diff_all(
    repo: &gix::Repository,
    prefix: &str,
    todo: &[(ObjectId, Vec<ObjectId>)],
) -> Result<Vec<Option<Diffed>>, Error> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(todo.len().div_ceil(64))
        .max(1);
    let run = todo.len().div_ceil(threads).max(1);
    let git_dir = repo.path().to_path_buf();
    let runs: Vec<Result<Vec<Option<Diffed>>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = todo
            .chunks(run)
            .map(|chunk| {
                let git_dir = &git_dir;
                scope.spawn(move || {
                    let mut repo = gix::open(git_dir)?;
                    use_caches(&mut repo);
                    let mut differ = Differ {
                        repo: &repo,
                        prefix,
                        diff_state: Default::default(),
                        buf1: Vec::new(),
                        buf2: Vec::new(),
                    };
                    chunk
                        .iter()
                        .map(|(id, parents)| differ.commit(*id, parents))
                        .collect::<Result<Vec<_>, Error>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a history thread panicked".into()))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(todo.len());
    for r in runs {
        out.extend(r?);
    }
    Ok(out)
}

/// Finds what commits changed, on one thread.
struct Differ<'a> {
    repo: &'a gix::Repository,
    prefix: &'a str,
    diff_state: gix::diff::tree::State,
    buf1: Vec<u8>,
    buf2: Vec<u8>,
}

impl Differ<'_> {
    /// Diffs one commit against its first parent: the site's content files it added, deleted or
    /// modified; `None` for a merge (its changes are recorded on the merged commits) or a commit that
    /// touched no content.
    fn commit(&mut self, id: ObjectId, parents: &[ObjectId]) -> Result<Option<Diffed>, Error> {
        if parents.len() > 1 {
            return Ok(None);
        }
        let commit = self.repo.find_commit(id)?;
        let tree = commit.tree_id()?.detach();
        let parent_tree = match parents.first() {
            Some(p) => Some(self.repo.find_commit(*p)?.tree_id()?.detach()),
            None => None,
        };
        let changes = self.diff(parent_tree, tree)?;
        let content = format!("{}content/", self.prefix);
        let site_yaml = format!("{}site.yaml", self.prefix);
        let static_dir = format!("{}static/", self.prefix);
        let site_file =
            |p: &str| p.starts_with(&content) || p == site_yaml || p.starts_with(&static_dir);
        let mut d = Diffed {
            added: Vec::new(),
            deleted: Vec::new(),
            modified: Vec::new(),
            maintenance: false,
            message: String::new(),
            time: gix::date::Time::default(),
        };
        for ch in changes {
            let (path, oid, mode, which) = match ch {
                Change::Addition {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (path, oid, entry_mode, 0),
                Change::Deletion {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (path, oid, entry_mode, 1),
                Change::Modification {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (path, oid, entry_mode, 2),
            };
            if !mode.is_blob() {
                continue;
            }
            let path = path.to_str_lossy().into_owned();
            if !site_file(&path) {
                d.maintenance = true;
                continue;
            }
            if !path.starts_with(&content) {
                continue;
            }
            let t = Touched {
                path: path[self.prefix.len()..].to_string(),
                oid,
            };
            match which {
                0 => d.added.push(t),
                1 => d.deleted.push(t),
                _ => d.modified.push(t),
            }
        }
        if d.added.is_empty() && d.deleted.is_empty() && d.modified.is_empty() {
            return Ok(None);
        }
        d.message = commit.message_raw_sloppy().to_str_lossy().into_owned();
        d.time = commit.author()?.time()?;
        Ok(Some(d))
    }

    /// The changes from `old` (or nothing) to `new`.
    fn diff(&mut self, old: Option<ObjectId>, new: ObjectId) -> Result<Vec<Change>, Error> {
        let lhs = match old {
            Some(o) => self.repo.objects.find_tree_iter(&o, &mut self.buf1)?,
            None => gix::objs::TreeRefIter::from_bytes(&[], repo_kind(self.repo)),
        };
        let rhs = self.repo.objects.find_tree_iter(&new, &mut self.buf2)?;
        let mut recorder = gix::diff::tree::Recorder::default();
        gix::diff::tree(
            lhs,
            rhs,
            &mut self.diff_state,
            &self.repo.objects,
            &mut recorder,
        )?;
        Ok(recorder.records)
    }
}

/// Records what commits did, oldest first, on one thread.
struct Walker<'a> {
    repo: &'a gix::Repository,
    shallow: &'a HashSet<ObjectId>,
}

impl Walker<'_> {
    /// Records one commit's changes of content files as events of their lineages.
    fn apply(
        &self,
        id: ObjectId,
        parents: &[ObjectId],
        d: Diffed,
        state: &mut State,
    ) -> Result<(), Error> {
        let Diffed {
            mut added,
            mut deleted,
            modified,
            maintenance,
            message: raw,
            time,
        } = d;
        let parsed = message::parse(&raw);
        let index = state.commits.len() as u32;
        state.commits.push(Commit {
            id: id.to_string(),
            time: time.seconds,
            offset: time.offset,
            notes: parsed.notes,
            minor: parsed.minor || (maintenance && !parsed.explicit),
            baseline: parents.is_empty() && self.shallow.contains(&id),
        });
        let renames = self.pair_renames(&mut added, &mut deleted)?;
        for (from, to) in renames {
            let (text, note) = self.read_text(&to)?;
            let lineage = match state.live.remove(&from.path) {
                Some(l) => l,
                None => new_lineage(state, &to.path),
            };
            state.lineages[lineage].path = to.path.clone();
            state.live.insert(to.path.clone(), lineage);
            state.event(lineage, index, EventKind::Renamed(from.path), text, note);
        }
        for t in deleted {
            if let Some(l) = state.live.remove(&t.path) {
                state.lineages[l].alive = false;
                state.event(l, index, EventKind::Deleted, None, None);
            }
        }
        for t in modified {
            let (text, note) = self.read_text(&t)?;
            let (l, kind) = match state.live.get(&t.path) {
                Some(l) => (*l, EventKind::Modified),
                None => (new_lineage(state, &t.path), EventKind::Added),
            };
            state.event(l, index, kind, text, note);
        }
        for t in added {
            let (text, note) = self.read_text(&t)?;
            let (l, kind) = match state.live.get(&t.path) {
                Some(l) => (*l, EventKind::Modified),
                None => (new_lineage(state, &t.path), EventKind::Added),
            };
            state.event(l, index, kind, text, note);
        }
        Ok(())
    }

    /// Pairs deletions with additions into renames: identical contents first, then texts at least
    /// half the same (files of the same extension, in commits that move a few files).
    fn pair_renames(
        &self,
        added: &mut Vec<Touched>,
        deleted: &mut Vec<Touched>,
    ) -> Result<Vec<(Touched, Touched)>, Error> {
        let mut pairs = Vec::new();
        if added.is_empty() || deleted.is_empty() {
            return Ok(pairs);
        }
        let mut i = 0;
        while i < deleted.len() {
            if let Some(j) = added.iter().position(|a| a.oid == deleted[i].oid) {
                pairs.push((deleted.remove(i), added.remove(j)));
            } else {
                i += 1;
            }
        }
        if added.is_empty() || deleted.is_empty() || added.len() * deleted.len() > 400 {
            return Ok(pairs);
        }
        let ext = |p: &str| p.rsplit('.').next().unwrap_or("").to_string();
        let mut i = 0;
        while i < deleted.len() {
            let old = self.blob(deleted[i].oid)?;
            let mut best: Option<(usize, f32)> = None;
            for (j, a) in added.iter().enumerate() {
                if ext(&a.path) != ext(&deleted[i].path) {
                    continue;
                }
                let new = self.blob(a.oid)?;
                let ratio = similar::TextDiff::from_lines(&old, &new).ratio();
                if ratio >= 0.5 && best.is_none_or(|(_, r)| ratio > r) {
                    best = Some((j, ratio));
                }
            }
            match best {
                Some((j, _)) => pairs.push((deleted.remove(i), added.remove(j))),
                None => i += 1,
            }
        }
        Ok(pairs)
    }

    fn blob(&self, oid: ObjectId) -> Result<String, Error> {
        let obj = self.repo.find_object(oid)?;
        Ok(String::from_utf8_lossy(&obj.data).into_owned())
    }

    /// The text to keep for a changed file (plans and providers) and the `change_note` it holds.
    #[allow(clippy::type_complexity)]
    fn read_text(
        &self,
        t: &Touched,
    ) -> Result<(Option<String>, Option<BTreeMap<String, String>>), Error> {
        let keep = super::model::keeps_text(&t.path);
        let markup =
            t.path.ends_with(".md") || t.path.ends_with(".yaml") || t.path.ends_with(".yml");
        if !keep && !markup {
            return Ok((None, None));
        }
        let obj = self.repo.find_object(t.oid)?;
        let bytes: &[u8] = &obj.data;
        let note = if bytes.find(b"change_note").is_some() {
            change_note(&String::from_utf8_lossy(bytes), t.path.ends_with(".md"))
        } else {
            BTreeMap::new()
        };
        let text = keep.then(|| String::from_utf8_lossy(bytes).into_owned());
        Ok((text, Some(note)))
    }
}

fn new_lineage(state: &mut State, path: &str) -> usize {
    state.lineages.push(Lineage {
        path: path.to_string(),
        events: Vec::new(),
        alive: true,
    });
    let i = state.lineages.len() - 1;
    state.live.insert(path.to_string(), i);
    i
}

/// The `change_note` of a markdown file's front matter or of a YAML record, by language code.
pub(super) fn change_note(text: &str, markdown: bool) -> BTreeMap<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Note {
        Same(String),
        PerLang(BTreeMap<String, String>),
    }
    #[derive(serde::Deserialize)]
    struct WithNote {
        #[serde(default)]
        change_note: Option<Note>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml = if markdown {
        let Some(rest) = text.strip_prefix("---") else {
            return BTreeMap::new();
        };
        match rest.find("\n---") {
            Some(end) => &rest[..end],
            None => return BTreeMap::new(),
        }
    } else {
        text
    };
    let parsed: Option<WithNote> = serde_saphyr::from_str(yaml).ok();
    let mut out = BTreeMap::new();
    match parsed.and_then(|w| w.change_note) {
        Some(Note::Same(s)) => {
            out.insert(String::new(), message::scrub(&s));
        }
        Some(Note::PerLang(m)) => {
            for (k, v) in m {
                out.insert(k, message::scrub(&v));
            }
        }
        None => {}
    }
    out.retain(|_, v| !v.is_empty());
    out
}

fn repo_kind(repo: &gix::Repository) -> gix::hash::Kind {
    repo.object_hash()
}
