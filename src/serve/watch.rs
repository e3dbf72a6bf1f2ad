//! Watches the site's sources and reports changed paths in debounced batches.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Quiet time that ends a batch: editors save by writing, renaming and touching in quick succession.
const QUIET: Duration = Duration::from_millis(20);
/// A batch never waits longer than this after its first event.
const MAX_WAIT: Duration = Duration::from_millis(150);

/// Starts watching `root` (canonical): site.yaml, content/, themes/, static/. Each batch of changed
/// paths, relative to the root, is passed to `report`. The returned watcher must be kept alive.
pub fn spawn(
    root: &Path,
    report: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(forward(tx))?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes", "static"] {
        let d = root.join(dir);
        if d.is_dir() {
            watcher.watch(&d, RecursiveMode::Recursive)?;
        }
    }
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut batch = BTreeSet::from([first]);
            let start = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(start.elapsed());
                match rx.recv_timeout(QUIET.min(left)) {
                    Ok(p) => {
                        batch.insert(p);
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                if left.is_zero() {
                    break;
                }
            }
            let rel: Vec<PathBuf> = batch
                .into_iter()
                .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
                .collect();
            if !rel.is_empty() {
                report(rel);
            }
        }
    });
    Ok(watcher)
}

/// Sends the paths of every event but pure reads and metadata-free accesses.
fn forward(tx: Sender<PathBuf>) -> impl FnMut(notify::Result<notify::Event>) + Send + 'static {
    move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for p in event.paths {
            let _ = tx.send(p);
        }
    }
}
