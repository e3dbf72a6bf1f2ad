//! What a long build is doing, while it works: a bar on a terminal, plain lines elsewhere (CI).
//!
//! Nothing is shown for a build that ends within a couple of seconds: the bar appears after one
//! second on a terminal, a plain line every two seconds once two seconds have passed otherwise.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The steps of a build, in order; what [`Progress::step`] moves through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Load,
    Resolve,
    Render,
    SiteFiles,
    Assets,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Load,
        Step::Resolve,
        Step::Render,
        Step::SiteFiles,
        Step::Assets,
    ];

    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One line redrawn in place.
    Bar,
    /// A plain line now and then.
    Lines,
    /// Plain lines from the very start (`MINH_PROGRESS=always`).
    Always,
    /// Nothing (library callers, tests that build in process).
    Hidden,
}

struct Shared {
    step: AtomicUsize,
    files: AtomicUsize,
    start: Instant,
    mode: Mode,
    stop: Mutex<bool>,
    wake: Condvar,
    drawn: AtomicBool,
}

/// A build's progress display; ends (and clears its bar) when dropped or [`Progress::finish`]ed.
pub struct Progress {
    shared: Arc<Shared>,
    ticker: Option<JoinHandle<()>>,
}

impl Progress {
    /// Shows progress on standard error: a bar when it is a terminal, plain lines otherwise.
    /// `MINH_PROGRESS=0` turns it off; `MINH_PROGRESS=always` prints plain lines from the start.
    pub fn on_stderr() -> Progress {
        let asked = std::env::var("MINH_PROGRESS").unwrap_or_default();
        let mode = if asked == "0" {
            Mode::Hidden
        } else if asked == "always" {
            Mode::Always
        } else if std::io::stderr().is_terminal() {
            Mode::Bar
        } else {
            Mode::Lines
        };
        Progress::with_mode(mode)
    }

    /// Shows nothing.
    pub fn hidden() -> Progress {
        Progress::with_mode(Mode::Hidden)
    }

    fn with_mode(mode: Mode) -> Progress {
        let shared = Arc::new(Shared {
            step: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            start: Instant::now(),
            mode,
            stop: Mutex::new(false),
            wake: Condvar::new(),
            drawn: AtomicBool::new(false),
        });
        let ticker = (mode != Mode::Hidden).then(|| {
            let s = Arc::clone(&shared);
            std::thread::spawn(move || tick(&s))
        });
        Progress { shared, ticker }
    }

    /// The build has moved on to `step`.
    pub fn step(&self, step: Step) {
        self.shared.step.store(step.index(), Ordering::Relaxed);
    }

    /// One more file written.
    pub fn file(&self) {
        self.shared.files.fetch_add(1, Ordering::Relaxed);
    }

    /// Stops the display and clears the bar, so that what is printed next starts on a clean line.
    pub fn finish(mut self) {
        self.end();
    }

    fn end(&mut self) {
        if let Some(t) = self.ticker.take() {
            *self.shared.stop.lock().unwrap_or_else(|e| e.into_inner()) = true;
            self.shared.wake.notify_all();
            let _ = t.join();
        }
        if self.shared.drawn.load(Ordering::Relaxed) && self.shared.mode == Mode::Bar {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}

/// The display thread: waits, then draws until told to stop.
fn tick(s: &Shared) {
    let (first, every) = match s.mode {
        Mode::Bar => (Duration::from_secs(1), Duration::from_millis(125)),
        Mode::Always => (Duration::ZERO, Duration::from_millis(250)),
        _ => (Duration::from_secs(2), Duration::from_secs(2)),
    };
    let mut wait = first;
    loop {
        let stop = s.stop.lock().unwrap_or_else(|e| e.into_inner());
        let (stop, _) = s
            .wake
            .wait_timeout_while(stop, wait, |stopped| !*stopped)
            .unwrap_or_else(|e| e.into_inner());
        if *stop {
            return;
        }
        drop(stop);
        draw(s);
        wait = every;
    }
}

fn draw(s: &Shared) {
    let step = Step::ALL[s.step.load(Ordering::Relaxed).min(Step::ALL.len() - 1)];
    let line = crate::catalogue::cli::progress_line(
        step.index() + 1,
        Step::ALL.len(),
        step_name(step),
        s.files.load(Ordering::Relaxed),
        s.start.elapsed().as_secs_f64(),
    );
    let line = line.get_plain(crate::messages::current());
    let mut err = std::io::stderr().lock();
    match s.mode {
        Mode::Bar => {
            let bar = bar(step.index(), Step::ALL.len(), 20);
            let _ = write!(err, "\r\x1b[2K{bar} {line}");
        }
        _ => {
            let _ = writeln!(err, "{line}");
        }
    }
    let _ = err.flush();
    s.drawn.store(true, Ordering::Relaxed);
}

fn step_name(step: Step) -> crate::messages::Text {
    use crate::catalogue::cli::progress_step as name;
    match step {
        Step::Load => name(0),
        Step::Resolve => name(1),
        Step::Render => name(2),
        Step::SiteFiles => name(3),
        Step::Assets => name(4),
    }
}

/// `done` of `of` steps finished, as a bar `width` cells wide.
fn bar(done: usize, of: usize, width: usize) -> String {
    let full = (done * width).checked_div(of).unwrap_or(0).min(width);
    format!("[{}{}]", "#".repeat(full), "-".repeat(width - full))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_steps_done() {
        assert_eq!(bar(0, 5, 10), "[----------]");
        assert_eq!(bar(2, 5, 10), "[####------]");
        assert_eq!(bar(5, 5, 10), "[##########]");
    }

    #[test]
    fn hidden_progress_starts_no_thread_and_ends_quietly() {
        let p = Progress::hidden();
        p.step(Step::Render);
        p.file();
        assert!(p.ticker.is_none());
        assert_eq!(p.shared.files.load(Ordering::Relaxed), 1);
        p.finish();
    }
}
