//! Handing freed heap memory back to the system between the build's phases (glibc keeps it).

/// Returns the free pages of every malloc arena to the system (glibc's `malloc_trim`): what one
/// phase of a build let go of stops counting in the process's memory, instead of staying
/// resident in the arena of whichever thread freed it while the next phase grows other arenas.
/// Elsewhere than glibc, nothing.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks and releases the allocator's own free chunks, under its locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
