//! The heap: mimalloc as the program's allocator, and how soon it returns freed memory to the system.

use libmimalloc_sys::{mi_option_set, mi_option_t};
use std::os::raw::c_long;

/// The program's allocator (the binary installs it with `#[global_allocator]`).
///
/// Against glibc's malloc, a cold build of 1 000 pages executes ~8 % fewer instructions: the
/// build makes over a million short-lived allocations across threads, where glibc spent ~13 % of
/// its samples in `malloc`, `free`, chunk consolidation and arena locks (more on a busy machine,
/// when a thread holding an arena's lock is preempted). Transparent huge pages are off (the
/// `no_thp` feature, and [`configure`]): with them a 1 000-page build's peak memory doubled.
pub type Allocator = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (v2's `mimalloc.h`; the crate names no constant for it):
/// how many milliseconds freed pages are kept before they are given back to the system.
const PURGE_DELAY: mi_option_t = 15;

/// Sets the allocator up for a build: freed pages are given back at once (`purge_delay` 0,
/// until [`suit`] knows the site's size), and no transparent huge pages for the process (on
/// Linux). Where the system gives huge pages to every large mapping
/// (`transparent_hugepage/enabled` = always), each 2 MB page of the allocator's segments is
/// resident as soon as one byte of it is touched. `MIMALLOC_PURGE_DELAY` in the environment
/// overrides the delay throughout.
pub fn configure() {
    #[cfg(target_os = "linux")]
    // Refused only by kernels older than 3.15; the build then runs as it would have.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    set_purge_delay(0);
}

/// Pages from which a build spends memory to save time: it keeps freed memory a while before
/// giving it back ([`purge_delay`]) and makes its languages' search indexes at once
/// (`build::indexes_at_once`). Below, a build takes well under a second and keeps its peak the
/// smallest (52 MB at 1 000 pages, 0.28× of Hugo's).
pub const LARGE_SITE_FROM: usize = 2_000;

/// Whether a site of `pages` pages is large ([`LARGE_SITE_FROM`]).
pub fn large_site(pages: usize) -> bool {
    pages >= LARGE_SITE_FROM
}

/// How many milliseconds a site of [`LARGE_SITE_FROM`] pages or more keeps freed memory.
pub const KEEP_FREED_MS: c_long = 250;

/// How many milliseconds a build of a site of `pages` pages keeps freed memory before giving
/// it back: none below [`LARGE_SITE_FROM`], else [`KEEP_FREED_MS`].
///
/// Giving freed pages back at once costs a system call for each, and a page fault when the
/// memory is used again: the build frees and allocates all the time (some 450 MB allocated at
/// 1 000 pages, at most 34 MB of it live), so each page goes and comes back many times. Cold
/// builds into tmpfs, medians, alternating (kept 10 ms against given back at once):
/// - 1 000 pages: 0.27 s against 0.30 s, peak 61 MB against 53 MB;
/// - 10 000 pages: 1.89 s against 2.08 s (1.0 s of it system time), 290 MB against 268 MB;
/// - 50 000 pages: 7.8 s against 8.9 s (4.6 s of it system time, 3.2 s kept), 1 203 MB
///   against 1 143 MB.
///
/// Kept longer than 10 ms, a page freed in one step of a phase is still there for the next
/// one. 50 000 pages, kept 250 ms against 10 ms: 6.89 s against 7.43 s (system time 2.3 s
/// against 2.9 s), 1 239 MB against 1 165 MB; kept 1 s or never given back saved no more
/// time. 10 000 pages: page faults 96 000 against 118 000, the time within the machine's
/// noise (1.70 s against 1.73 s, 302 MB against 288 MB). What a phase let go of is still given
/// back between phases ([`give_back`]). `minh serve` holds about as much either way (10 000
/// pages: 780 MB against 770 MB once its first build is done).
///
/// Below the threshold the build takes well under a second either way and its peak memory is
/// mostly the program itself (14 MB of its 53 MB at 1 000 pages are its code), so the smaller
/// peak is kept; from there on a tenth of the time is worth a few per cent of memory.
pub fn purge_delay(pages: usize) -> c_long {
    if large_site(pages) {
        KEEP_FREED_MS
    } else {
        0
    }
}

/// Sets the purge delay for a site of `pages` pages ([`purge_delay`]), once it is loaded and
/// before the pages and the search index, which allocate the most, are made.
pub fn suit(pages: usize) {
    set_purge_delay(purge_delay(pages));
}

/// Sets mimalloc's purge delay to `ms`, unless `MIMALLOC_PURGE_DELAY` sets it.
fn set_purge_delay(ms: c_long) {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options; purge_delay is read each time a purge is
        // scheduled, so it may change while the program runs.
        unsafe { mi_option_set(PURGE_DELAY, ms) }
    }
}

/// Gives the calling thread's free pages back to the system between two phases of a build
/// (mimalloc's `mi_collect`): what one phase let go of stops counting in the process's memory
/// before the next one grows.
pub fn give_back() {
    // SAFETY: mi_collect only walks and releases the allocator's own free pages.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[cfg(test)]
mod tests {
    /// The option number is the purge delay's: mimalloc's documented default for it is 10 ms,
    /// and its neighbours' (`eager_commit_delay` 1, `use_numa_nodes` 0) differ. A renumbered
    /// mimalloc would fail here rather than set some other option. `configure` then sets it to 0,
    /// and [`super::suit`] to what a site's size asks.
    /// (The only test that touches mimalloc's options: they are the process's.)
    #[test]
    fn the_option_set_is_the_purge_delay() {
        use libmimalloc_sys::mi_option_get;
        // SAFETY: reads mimalloc's options.
        let (delay, before, after) = unsafe {
            (
                mi_option_get(super::PURGE_DELAY),
                mi_option_get(libmimalloc_sys::mi_option_eager_commit_delay),
                mi_option_get(libmimalloc_sys::mi_option_use_numa_nodes),
            )
        };
        assert_eq!((delay, before, after), (10, 1, 0));
        super::configure();
        // SAFETY: as above.
        let now = || unsafe { mi_option_get(super::PURGE_DELAY) };
        assert_eq!(now(), 0);
        // A site's size then sets it: kept 250 ms from the threshold on, given back at once below.
        super::suit(super::LARGE_SITE_FROM);
        assert_eq!(now(), 250);
        super::suit(super::LARGE_SITE_FROM - 1);
        assert_eq!(now(), 0);
    }
}
