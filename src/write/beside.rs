//! Where the files a build keeps beside its output folder go (stamp, dependency graph, outputs' manifest).

use std::path::{Path, PathBuf};

/// The file `.<output folder name>.minh-<what>` kept beside the output folder `out` (the
/// stamp, the dependency graph, the outputs' manifest): never inside it, so never published.
pub fn beside(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.minh-{what}"))
}
