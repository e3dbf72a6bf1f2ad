//! Folders walked in a fixed order: each folder's entries by name, compared cheaply.

use std::path::Path;

/// A walk of `dir` giving each folder's entries in the order of their names, as
/// [`walkdir::WalkDir::sort_by_file_name`] does, but comparing whole paths: the entries of one
/// folder share its path up to their names, so the order is the same, without finding each
/// name again at every comparison (that was 1.5 % of a 1 000-page build's instructions).
pub fn sorted(dir: impl AsRef<Path>) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir).sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that sort differently as names and as paths if the folder were not shared: `-`,
    /// `.` and ` ` come before `/`, `0` and letters after it; capitals, diacritics, nesting.
    #[test]
    fn the_order_is_that_of_the_names() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["a", "a-b", "a.b", "a b", "a0", "B", "ă", "ab", "z"];
        for n in names {
            for m in names {
                std::fs::create_dir_all(dir.path().join(n).join(m)).unwrap();
                std::fs::write(dir.path().join(n).join(m).join("x.md"), "").unwrap();
            }
            std::fs::write(dir.path().join(format!("{n}.md")), "").unwrap();
        }
        let paths = |w: walkdir::WalkDir| -> Vec<std::path::PathBuf> {
            w.into_iter().map(|e| e.unwrap().into_path()).collect()
        };
        let by_name = paths(walkdir::WalkDir::new(dir.path()).sort_by_file_name());
        assert_eq!(by_name.len(), 1 + 2 * 9 + 9 * 9 * 2);
        assert_eq!(paths(sorted(dir.path())), by_name);
    }
}
