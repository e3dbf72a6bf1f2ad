//! What rendering read from the site model, recorded per output: the edges of the dependency
//! graph that `minh serve` re-renders by (an output is made again when something it read changed).

use crate::lang::Lang;
use crate::load::Kind;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One thing an output can read from the site model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// One markdown source: its front matter and body.
    Page(PathBuf),
    /// Which pages of a kind exist and what they say (a list, a lookup by id, a count).
    Pages(Kind),
    /// Anything of the records read without saying what (provinces, place aliases, hotlines, providers).
    Records,
    /// The list of providers and what each says.
    Providers,
    /// Which providers there are and, of each, its province and kind alone (how the finder's
    /// pages group them): what each says beyond that is read per provider ([`Input::Provider`]).
    ProviderPlaces,
    /// One provider record, by its file and id (a spreadsheet holds many).
    Provider(PathBuf, String),
    /// The provinces (content/provinces.yaml) and place aliases.
    Provinces,
    /// The hotlines.
    Hotlines,
    /// The statistics datasets.
    Datasets,
    /// Anything of the theme read without saying what.
    Theme,
    /// The templates of the theme, read without saying which.
    Templates,
    /// One template, by name, with every template it is made of (see
    /// [`crate::load::template_parts::Parts`]).
    Template(String),
    /// Every UI string of a language (a page's `t` map).
    Strings(Lang),
    /// One UI string of a language.
    String(Lang, String),
    /// The UI strings a template (by name) shows, in a language (see `Theme::keys`).
    TemplateStrings(Lang, String),
}

/// Everything one output read.
pub type Reads = BTreeSet<Input>;

thread_local! {
    static RECORDING: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Notes that the output being made read `input` (nothing when no output is being recorded).
pub fn read(input: Input) {
    RECORDING.with(|r| {
        if let Some(set) = r.borrow_mut().as_mut() {
            set.insert(input);
        }
    });
}

/// Notes what `make` reads, when an output is being recorded (made lazily: nothing is built otherwise).
pub fn read_with(make: impl FnOnce() -> Input) {
    RECORDING.with(|r| {
        if let Some(set) = r.borrow_mut().as_mut() {
            set.insert(make());
        }
    });
}

/// Notes that the output being made read the markdown source `file`.
pub fn read_page(file: &Path) {
    read_with(|| Input::Page(file.to_path_buf()));
}

/// Runs `make` (on this thread only) and returns what it read with its result.
pub fn recording<T>(make: impl FnOnce() -> T) -> (T, Reads) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Reads::new()));
    let value = make();
    let reads = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (value, reads.unwrap_or_default())
}

/// Values worth keeping between builds of the site model, each with the parts of the model it was
/// made from (compared by identity: the parts are shared `Arc`s that never change) and what making
/// it read. A few entries are kept (the latest ones); see [`memo`].
pub struct Memo<K, V> {
    entries: std::sync::Mutex<Vec<(K, Arc<V>, Reads)>>,
}

impl<K, V> Memo<K, V> {
    pub const fn new() -> Memo<K, V> {
        Memo {
            entries: std::sync::Mutex::new(Vec::new()),
        }
    }
}

impl<K: SameAs, V> Memo<K, V> {
    /// Whether a value for `key` is kept.
    pub fn has(&self, key: &K) -> bool {
        let entries = self.entries.lock();
        entries.is_ok_and(|e| e.iter().any(|(k, _, _)| k.same_as(key)))
    }

    /// Keeps for `key` too the value of another key that `fits` (given that key and what making
    /// its value read) says serves as well, if none is kept for `key` yet: a value made from parts
    /// that differ only where making it read nothing.
    pub fn share(&self, key: K, fits: impl Fn(&K, &Reads) -> bool) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.iter().any(|(k, _, _)| k.same_as(&key)) {
            return;
        }
        let found = entries.iter().rev().find(|(k, _, r)| fits(k, r));
        let Some((_, value, reads)) = found.map(|(k, v, r)| (k, Arc::clone(v), r.clone())) else {
            return;
        };
        if entries.len() >= MEMO_ENTRIES {
            entries.remove(0);
        }
        entries.push((key, value, reads));
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo::new()
    }
}

/// Parts of a memo's key compared by identity (the same shared value) or by value.
pub trait SameAs {
    fn same_as(&self, other: &Self) -> bool;
}

impl<T> SameAs for Arc<T> {
    fn same_as(&self, other: &Self) -> bool {
        Arc::ptr_eq(self, other)
    }
}

impl SameAs for Lang {
    fn same_as(&self, other: &Self) -> bool {
        self == other
    }
}

impl<A: SameAs, B: SameAs, C: SameAs, D: SameAs> SameAs for (A, B, C, D) {
    fn same_as(&self, o: &Self) -> bool {
        self.0.same_as(&o.0) && self.1.same_as(&o.1) && self.2.same_as(&o.2) && self.3.same_as(&o.3)
    }
}

/// How many entries a [`Memo`] keeps (a few languages of the current and the previous site).
const MEMO_ENTRIES: usize = 8;

/// The value kept in `memo` for `key`, or `make`'s (then kept); either way what making it read is
/// noted as read by the output being recorded, so the dependency graph is the same as without the memo.
pub fn memo<K: SameAs, V>(memo: &Memo<K, V>, key: K, make: impl FnOnce() -> V) -> Arc<V> {
    let found = memo.entries.lock().ok().and_then(|entries| {
        entries
            .iter()
            .find(|(k, _, _)| k.same_as(&key))
            .map(|(_, v, r)| (Arc::clone(v), r.clone()))
    });
    let (value, reads) = match found {
        Some(hit) => hit,
        None => {
            let (value, reads) = recording(make);
            let value = Arc::new(value);
            if let Ok(mut entries) = memo.entries.lock() {
                if entries.len() >= MEMO_ENTRIES {
                    entries.remove(0);
                }
                entries.push((key, Arc::clone(&value), reads.clone()));
            }
            (value, reads)
        }
    };
    RECORDING.with(|r| {
        if let Some(set) = r.borrow_mut().as_mut() {
            set.extend(reads);
        }
    });
    value
}

/// A part of the site model that notes a read of `input` whenever it is looked into (through
/// `Deref`); finer readers (below, per part) note what they read exactly instead.
#[derive(Debug)]
pub struct Tracked<T> {
    value: Arc<T>,
    input: Input,
}

impl<T> Clone for Tracked<T> {
    fn clone(&self) -> Self {
        Tracked {
            value: Arc::clone(&self.value),
            input: self.input.clone(),
        }
    }
}

impl<T> Tracked<T> {
    pub fn new(value: Arc<T>, input: Input) -> Tracked<T> {
        Tracked { value, input }
    }

    /// The value without noting a read: for readers that note what they read themselves.
    pub fn untracked(&self) -> &T {
        &self.value
    }

    /// The shared value (for the next build of the site model; no read noted).
    pub fn shared(&self) -> Arc<T> {
        Arc::clone(&self.value)
    }
}

impl<T> std::ops::Deref for Tracked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        if trace::on() {
            trace::whole(&self.input);
        }
        read(self.input.clone());
        &self.value
    }
}

/// With `MINH_READS_TRACE` set, counts where an output read a whole part of the site model
/// undeclared (through `Deref`), by the functions that did it; [`trace::report`] prints them.
/// A tool for finding reads that make `minh serve` render more than an edit needs.
pub mod trace {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    static ON: OnceLock<bool> = OnceLock::new();
    static SEEN: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

    pub fn on() -> bool {
        *ON.get_or_init(|| std::env::var_os("MINH_READS_TRACE").is_some())
    }

    /// Notes the calling functions of a whole-part read (only while an output is recorded).
    pub fn whole(input: &crate::resolve::reads::Input) {
        let recording = crate::resolve::reads::RECORDING.with(|r| r.borrow().is_some());
        if !recording {
            return;
        }
        let bt = std::backtrace::Backtrace::force_capture().to_string();
        let frames: Vec<&str> = bt
            .lines()
            .map(str::trim)
            .filter(|l| l.contains("minh::") && !l.contains("reads::") && !l.starts_with("at "))
            .take(4)
            .collect();
        let key = format!("{input:?} <- {}", frames.join(" <- "));
        if let Ok(mut seen) = SEEN.lock() {
            *seen
                .get_or_insert_with(HashMap::new)
                .entry(key)
                .or_default() += 1;
        }
    }

    /// Prints the counted places, most frequent first.
    pub fn report() {
        let Ok(seen) = SEEN.lock() else { return };
        let mut list: Vec<(&String, &usize)> = seen.iter().flatten().collect();
        list.sort_by(|a, b| b.1.cmp(a.1));
        for (k, n) in list {
            eprintln!("{n:>7} {k}");
        }
    }
}

/// A provider's place in the finder: what [`Tracked::placed`] tells of each provider, so that a
/// reader of [`Input::ProviderPlaces`] cannot see more of a record than that input covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The index of its province (since July 2025) in the site's provinces.
    pub province: usize,
    /// What kind of provider it is.
    pub kind: crate::load::records::ProviderKind,
}

impl Tracked<crate::load::records::Records> {
    /// Every provider (the list and what each says).
    pub fn facilities(&self) -> &[crate::load::records::Facility] {
        read(Input::Providers);
        &self.value.facilities
    }

    /// Where every provider is, in the providers' order: only its province and kind, all that
    /// [`Input::ProviderPlaces`] stands for; what a reader shows of one, it reads with
    /// [`Tracked::facility`].
    pub fn placed(&self) -> Vec<Place> {
        read(Input::ProviderPlaces);
        let place = |f: &crate::load::records::Facility| Place {
            province: f.province,
            kind: f.record.kind,
        };
        self.value.facilities.iter().map(place).collect()
    }

    /// The provider at `i`, noting a read of that record only.
    pub fn facility(&self, i: usize) -> &crate::load::records::Facility {
        let f = &self.value.facilities[i];
        read_with(|| Input::Provider(f.file.clone(), f.record.id.value.clone()));
        f
    }

    /// The place aliases (read with the provinces).
    pub fn place_aliases(&self) -> &crate::load::places::PlaceAliases {
        read(Input::Provinces);
        &self.value.place_aliases
    }

    /// The provinces (with their place aliases).
    pub fn provinces(&self) -> &[crate::load::records::Province] {
        read(Input::Provinces);
        &self.value.provinces
    }

    pub fn hotlines(&self) -> &[crate::load::records::Hotline] {
        read(Input::Hotlines);
        &self.value.hotlines
    }
}

impl Tracked<crate::load::theme::Theme> {
    /// Every UI string of `lang`.
    pub fn strings(&self, lang: Lang) -> &std::collections::BTreeMap<String, String> {
        read(Input::Strings(lang));
        self.value.strings(lang)
    }

    /// The UI strings of `lang`, for template `name` to show, as a template value: noted as a
    /// read of the strings that template shows (of every string, when it uses them as a whole).
    pub fn strings_for(&self, lang: Lang, name: &str) -> tera::Value {
        match self.value.keys.get(name) {
            Some(Some(_)) => read_with(|| Input::TemplateStrings(lang, name.to_string())),
            _ => read(Input::Strings(lang)),
        }
        self.value.strings_value(lang)
    }

    /// One UI string (the key itself if missing, which loading has already reported).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        read_with(|| Input::String(lang, key.to_string()));
        self.value.t(lang, key)
    }

    /// The templates, ready to render template `name`: noted as a read of that template and
    /// what it is made of (of every template, when the theme has none of that name).
    pub fn tera_for(&self, name: &str) -> &tera::Tera {
        if self.value.parts.knows(name) {
            read_with(|| Input::Template(name.to_string()));
        } else {
            read(Input::Templates);
        }
        &self.value.tera
    }
}

/// What changed between two themes: the templates (when `templates`: each template made of one
/// that was edited, in either theme), and each UI string that differs, with the whole map of
/// its language and the strings of each template that shows it (in either theme).
pub fn theme_changes(
    old: &crate::load::theme::Theme,
    new: &crate::load::theme::Theme,
    templates: bool,
) -> Reads {
    use crate::load::template_parts::Parts;
    let mut changed = Reads::new();
    let edited = Parts::edited(&old.parts, &new.parts);
    if templates && !edited.is_empty() {
        changed.insert(Input::Templates);
        let affected = old.parts.affected(&edited);
        changed.extend(affected.into_iter().map(Input::Template));
        let affected = new.parts.affected(&edited);
        changed.extend(affected.into_iter().map(Input::Template));
    }
    let langs: BTreeSet<&Lang> = old.strings.keys().chain(new.strings.keys()).collect();
    for lang in langs {
        let (a, b) = (old.strings(*lang), new.strings(*lang));
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            if a.get(k) != b.get(k) {
                changed.insert(Input::Strings(*lang));
                changed.insert(Input::String(*lang, k.clone()));
                for theme in [old, new] {
                    for (name, keys) in &theme.keys {
                        if keys.as_ref().is_none_or(|keys| keys.contains(k)) {
                            changed.insert(Input::TemplateStrings(*lang, name.clone()));
                        }
                    }
                }
            }
        }
    }
    if !changed.is_empty() {
        changed.insert(Input::Theme);
    }
    changed
}

/// What changed between two sets of records, given that the providers are the same records
/// (same files and ids, in order): each provider whose record differs, or everything when the
/// provinces, aliases or hotlines differ. `only`: the files that can differ, when known (the
/// others were taken over as they were).
pub fn record_changes(
    old: &crate::load::records::Records,
    new: &crate::load::records::Records,
    only: Option<&[PathBuf]>,
) -> Reads {
    let mut changed = Reads::new();
    let same =
        |a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| format!("{a:?}") == format!("{b:?}");
    let places_same = same(&old.provinces, &new.provinces)
        && same(&old.place_aliases, &new.place_aliases)
        && same(&old.hotlines, &new.hotlines);
    for (a, b) in old.facilities.iter().zip(&new.facilities) {
        let kept = only.is_some_and(|files| !files.contains(&a.file));
        if !places_same || (!kept && !same(a, b)) {
            changed.insert(Input::Provider(a.file.clone(), a.record.id.value.clone()));
            if a.province != b.province || a.record.kind != b.record.kind {
                changed.insert(Input::ProviderPlaces);
            }
        }
    }
    if !places_same {
        changed.insert(Input::ProviderPlaces);
        changed.insert(Input::Provinces);
        changed.insert(Input::Hotlines);
    }
    if !changed.is_empty() {
        changed.insert(Input::Providers);
        changed.insert(Input::Records);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::{memo, read, recording, Input, Memo, Reads, SameAs, MEMO_ENTRIES};
    use crate::load::Kind;
    use std::sync::Arc;

    type Key = (Arc<u8>, Arc<u8>, Arc<u8>, Arc<u8>);

    /// A key of part `a` and the shared part `z` (the same value in every key of a test).
    fn key(a: &Arc<u8>, z: &Arc<u8>) -> Key {
        (Arc::clone(a), Arc::clone(z), Arc::clone(z), Arc::clone(z))
    }

    #[test]
    fn same_as_compares_shared_values_by_identity() {
        let a = Arc::new(1u8);
        let twin = Arc::new(1u8);
        assert!(a.same_as(&Arc::clone(&a)));
        assert!(!a.same_as(&twin), "an equal value that is not the same one");
    }

    #[test]
    fn memo_makes_once_per_key_and_replays_what_making_read() {
        let m: Memo<Key, String> = Memo::new();
        let (part, z) = (Arc::new(7u8), Arc::new(0u8));
        let k = key(&part, &z);
        let (made, mut calls) = (Input::Pages(Kind::Plan), 0);
        let (first, reads) = recording(|| {
            memo(&m, k.clone(), || {
                calls += 1;
                read(made.clone());
                "value".to_string()
            })
        });
        assert_eq!(*first, "value");
        assert_eq!(reads, Reads::from([made.clone()]));
        let (second, reads) = recording(|| {
            memo(&m, k.clone(), || {
                calls += 1;
                "another".to_string()
            })
        });
        assert_eq!(calls, 1, "made once for the same parts");
        assert!(Arc::ptr_eq(&first, &second), "the kept value is given");
        assert_eq!(
            reads,
            Reads::from([made]),
            "a hit notes the reads of making it, so the dependency graph is the same"
        );
        // Equal but not the same part: made again.
        let other = memo(&m, key(&Arc::new(7u8), &z), || "again".to_string());
        assert_eq!(*other, "again");
    }

    #[test]
    fn memo_keeps_the_latest_entries_and_holds_their_keys() {
        let m: Memo<Key, usize> = Memo::new();
        let z = Arc::new(0u8);
        let parts: Vec<Arc<u8>> = (0..=MEMO_ENTRIES).map(|i| Arc::new(i as u8)).collect();
        for (i, p) in parts.iter().enumerate() {
            memo(&m, key(p, &z), || i);
        }
        // Each entry holds its key's parts, so no address in a kept key can be reused by another value.
        assert_eq!(Arc::strong_count(&parts[MEMO_ENTRIES]), 2);
        assert_eq!(
            Arc::strong_count(&parts[0]),
            1,
            "the oldest entry was dropped (and its key with it)"
        );
        let mut remade = false;
        assert_eq!(
            *memo(&m, key(&parts[MEMO_ENTRIES], &z), || usize::MAX),
            MEMO_ENTRIES
        );
        memo(&m, key(&parts[0], &z), || {
            remade = true;
            0
        });
        assert!(remade, "the dropped entry is made again");
    }
}
