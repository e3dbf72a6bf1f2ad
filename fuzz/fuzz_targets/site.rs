//! A scratch site folder for targets that go through minh's file-reading entry points.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `<tmp>/minh-fuzz-<target>-<pid>`, created once, with `content/provinces.yaml` copied from the repository.
pub fn root(target: &str) -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("minh-fuzz-{target}-{}", std::process::id()));
        for dir in ["content/plans", "content/facilities", "content/stats"] {
            std::fs::create_dir_all(root.join(dir)).expect("scratch folder");
        }
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        std::fs::copy(
            repo.join("content/provinces.yaml"),
            root.join("content/provinces.yaml"),
        )
        .expect("provinces.yaml");
        root
    })
}

/// Writes `bytes` to `rel` under the scratch site, replacing what was there.
pub fn put(root: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(root.join(rel), bytes).expect("write scratch file");
}
