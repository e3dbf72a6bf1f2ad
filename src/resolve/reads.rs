//! What rendering read from the site model, recorded per output: the edges of the dependency
//! graph that `minh serve` re-renders by (an output is made again when something it read changed).

use crate::load::Kind;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One thing an output can read from the site model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// One markdown source: its front matter and body.
    Page(PathBuf),
    /// Which pages of a kind exist and what they say (a list, a lookup by id, a count).
    Pages(Kind),
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

/// Notes that the output being made read the markdown source `file`.
pub fn read_page(file: &Path) {
    RECORDING.with(|r| {
        if let Some(set) = r.borrow_mut().as_mut() {
            set.insert(Input::Page(file.to_path_buf()));
        }
    });
}

/// Runs `make` (on this thread only) and returns what it read with its result.
pub fn recording<T>(make: impl FnOnce() -> T) -> (T, Reads) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(Reads::new()));
    let value = make();
    let reads = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (value, reads.unwrap_or_default())
}
