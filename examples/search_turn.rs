//! Benchmark: the search turn of `minh serve` (every language's index and search page) after a
//! one-file edit, with and without what the previous turn left ([`minh::build::SearchReuse`]):
//! wall time and the process's CPU time (user + system, less sensitive to a loaded machine),
//! medians over several edits of an update's body.
//!
//! `cargo run --release --example search_turn -- <copy of a site root> <content/…/file.md> [edits]`
//! (edits the file in place, restoring it at the end: give it a copy of the corpus). With
//! `SEARCH_TURN_KEPT_ONLY` set, no fresh turn is made (to profile the reusing turn alone).

use minh::build::{self, Change, Incremental, Options, SearchReuse};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The process's CPU time so far (user + system), from `/proc/self/stat` (clock ticks of 10 ms).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    // After the name come fields 3 (state), 4, ...: utime and stime are fields 14 and 15.
    let f: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| {
        f.get(n - 3)
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let ticks = field(14) + field(15);
    Duration::from_millis(ticks * 10)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// One search turn: (wall, CPU, the files' bytes).
fn turn(inc: &Incremental, reuse: &mut SearchReuse) -> (Duration, Duration, HashSet<Vec<u8>>) {
    let site = inc.site();
    let (t, c) = (Instant::now(), cpu());
    let mut files = HashSet::new();
    build::site_files_reusing(&site, reuse, &|| false, &mut |outputs, last| {
        if last {
            files = outputs.into_iter().map(|o| o.bytes).collect();
        }
    });
    (t.elapsed(), cpu() - c, files)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("a site root"));
    let rel = PathBuf::from(args.next().expect("a markdown file under the root"));
    let edits: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let opts = Options {
        root: root.clone(),
        base_url: None,
        include_drafts: false,
        today: minh::date::Date::parse("2026-06-01").expect("a date"),
    };
    let (mut inc, _) = Incremental::new(opts).expect("the site builds");
    let path = root.join(&rel);
    let text = std::fs::read_to_string(&path).expect("the file reads");
    let mut reuse = SearchReuse::default();
    let mut before = turn(&inc, &mut reuse).2;
    let (mut fresh, mut kept) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    for i in 0..edits {
        edit(
            &mut inc,
            &path,
            &rel,
            &format!("{text}\nSửa lần {i}: cai nghiện tại nhà.\n"),
        );
        let kept_only = std::env::var_os("SEARCH_TURN_KEPT_ONLY").is_some();
        let (w, c, n) = if kept_only {
            (Duration::ZERO, Duration::ZERO, HashSet::new())
        } else {
            turn(&inc, &mut SearchReuse::default())
        };
        fresh.0.push(w);
        fresh.1.push(c);
        let (w2, c2, n2) = turn(&inc, &mut reuse);
        assert!(kept_only || n == n2, "reusing gives the same files");
        let same = n2.iter().filter(|b| before.contains(*b)).count();
        kept.0.push(w2);
        kept.1.push(c2);
        eprintln!("edit {i}: {same} of {} files as before; fresh {w:.2?} wall {c:.2?} CPU; reusing {w2:.2?} wall {c2:.2?} CPU", n2.len());
        // The next edit's "fresh" turn must not find this one's files: reuse from the edit before.
        edit(&mut inc, &path, &rel, &text);
        before = turn(&inc, &mut reuse).2;
    }
    println!(
        "search turn after a one-file edit, median of {edits}: fresh {:.2?} wall / {:.2?} CPU; reusing the previous turn {:.2?} wall / {:.2?} CPU",
        median(fresh.0), median(fresh.1), median(kept.0), median(kept.1)
    );
}

/// Writes `text` to `path` and rebuilds for it.
fn edit(inc: &mut Incremental, path: &Path, rel: &Path, text: &str) {
    std::fs::write(path, text).expect("the file writes");
    let change = Change::classify(&[rel.to_path_buf()]).expect("a site source");
    inc.rebuild(&change).expect("the edit builds");
}
