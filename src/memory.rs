//! The heap: mimalloc as the program's allocator, set to return freed memory to the system at once.

use libmimalloc_sys::{mi_option_set, mi_option_t};

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
/// unless `MIMALLOC_PURGE_DELAY` says otherwise), and no transparent huge pages for the process
/// (on Linux). mimalloc's default delay (10 ms) keeps a phase's freed pages while the next one
/// grows: 1 000 pages then peaked at 60 MB instead of 53 MB. Where the system gives huge pages
/// to every large mapping (`transparent_hugepage/enabled` = always), each 2 MB page of the
/// allocator's segments is resident as soon as one byte of it is touched.
pub fn configure() {
    #[cfg(target_os = "linux")]
    // Refused only by kernels older than 3.15; the build then runs as it would have.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options; purge_delay is read each time a purge is
        // scheduled, so it may change while the program runs.
        unsafe { mi_option_set(PURGE_DELAY, 0) }
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
    /// mimalloc would fail here rather than set some other option. `configure` then sets it to 0.
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
        assert_eq!(unsafe { mi_option_get(super::PURGE_DELAY) }, 0);
    }
}
