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
    /// The templates of the theme.
    Templates,
    /// Every UI string of a language (a page's `t` map).
    Strings(Lang),
    /// One UI string of a language.
    String(Lang, String),
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
        read(self.input.clone());
        &self.value
    }
}

impl Tracked<crate::load::records::Records> {
    /// Every provider (the list and what each says).
    pub fn facilities(&self) -> &[crate::load::records::Facility] {
        read(Input::Providers);
        &self.value.facilities
    }

    /// The provider at `i`, noting a read of that record only.
    pub fn facility(&self, i: usize) -> &crate::load::records::Facility {
        let f = &self.value.facilities[i];
        read_with(|| Input::Provider(f.file.clone(), f.record.id.value.clone()));
        f
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

    /// One UI string (the key itself if missing, which loading has already reported).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        read_with(|| Input::String(lang, key.to_string()));
        self.value.t(lang, key)
    }

    /// The templates, ready to render.
    pub fn tera(&self) -> &tera::Tera {
        read(Input::Templates);
        &self.value.tera
    }
}

/// What changed between two themes: the templates (when `templates`), and each UI string that
/// differs, with the whole map of its language.
pub fn theme_changes(
    old: &crate::load::theme::Theme,
    new: &crate::load::theme::Theme,
    templates: bool,
) -> Reads {
    let mut changed = Reads::new();
    if templates {
        changed.insert(Input::Templates);
    }
    let langs: BTreeSet<&Lang> = old.strings.keys().chain(new.strings.keys()).collect();
    for lang in langs {
        let (a, b) = (old.strings(*lang), new.strings(*lang));
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            if a.get(k) != b.get(k) {
                changed.insert(Input::Strings(*lang));
                changed.insert(Input::String(*lang, k.clone()));
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
        }
    }
    if !places_same {
        changed.insert(Input::Provinces);
        changed.insert(Input::Hotlines);
    }
    if !changed.is_empty() {
        changed.insert(Input::Providers);
        changed.insert(Input::Records);
    }
    changed
}
