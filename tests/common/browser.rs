//! Shared helpers for the browser tests: tool detection and "NOT RUN", building the real site, node scripts run with a timeout in their own process group, and the serial lock.
//!
//! Included with `#[path = "common/browser.rs"] mod support;` by tests/browser.rs and
//! tests/browser_features.rs. Without the tools a test is reported as ignored with the reason (or
//! failed under CI=true): see tests/common/harness.rs.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One browser at a time: the machine has two cores.
static SERIAL: Mutex<()> = Mutex::new(());

/// Takes the lock that keeps this test binary's browser tests one at a time.
pub fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn browser_dir() -> PathBuf {
    repo().join("tests").join("browser")
}

pub fn chromium() -> PathBuf {
    std::env::var_os("MINH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// What a browser test needs besides chromium and Node.js 20.
pub struct Needs {
    pub java: bool,
    pub packages: &'static [&'static str],
}

/// The quality gates and the Nu Html Checker (tests/browser.rs).
pub const GATES: Needs = Needs {
    java: true,
    packages: &["playwright-core", "axe-core", "vnu-jar"],
};

/// The feature tests (tests/browser_features.rs).
pub const FEATURES: Needs = Needs {
    java: false,
    packages: &["playwright-core"],
};

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The major version of the node on PATH, if there is one.
fn node_major() -> Option<u32> {
    let out = Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Why the browser tests cannot run on this machine, if they cannot.
pub fn missing_tool(needs: &Needs) -> Option<String> {
    if !chromium().is_file() {
        return Some(format!("no chromium at {}", chromium().display()));
    }
    match node_major() {
        None => return Some("no node on PATH".to_string()),
        Some(major) if major < 20 => {
            return Some(format!(
                "node {major} is too old: playwright-core needs Node.js 20"
            ))
        }
        Some(_) => {}
    }
    if needs.java && !runs("java", "-version") {
        return Some("no java on PATH".to_string());
    }
    for package in needs.packages {
        if !browser_dir().join("node_modules").join(package).is_dir() {
            return Some(format!("tests/browser/node_modules/{package} is missing"));
        }
    }
    None
}

/// What a finished (or killed) process printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub output: String,
    pub timed_out: bool,
}

impl Run {
    pub fn describe(&self) -> String {
        let end = if self.timed_out {
            "timed out and was killed".to_string()
        } else {
            format!("exit code {:?}", self.code)
        };
        format!("{end}\n--- output ---\n{}", self.output)
    }

    /// Like `describe`, but only the failure report when the output has one.
    pub fn brief(&self) -> String {
        match self.output.find("\nFailures:") {
            Some(at) if !self.timed_out => {
                format!("exit code {:?}\n{}", self.code, &self.output[at + 1..])
            }
            _ => self.describe(),
        }
    }
}

fn drain(mut source: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error only shortens the log; the exit code still decides.
        let _ = source.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Kills the process group that `pid` leads (node and the browser it started).
fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg(format!("-{pid}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Runs a command in its own process group to completion, or kills the group after `limit`.
pub fn run(command: &mut Command, limit: Duration) -> Run {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = match command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => {
            return Run {
                code: None,
                output: format!("cannot start {command:?}: {err}"),
                timed_out: false,
            }
        }
    };
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let started = Instant::now();
    let mut timed_out = false;
    let code = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code(),
            Ok(None) if started.elapsed() > limit => {
                timed_out = true;
                kill_group(child.id());
                let _ = child.kill();
                break child.wait().ok().and_then(|s| s.code());
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(_) => break None,
        }
    };
    let mut output = out.and_then(|h| h.join().ok()).unwrap_or_default();
    output.push_str(&err.and_then(|h| h.join().ok()).unwrap_or_default());
    Run {
        code,
        output,
        timed_out,
    }
}

/// A fresh, unique folder under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("minh-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("cannot create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `node tests/browser/<script> <args>` with a time limit.
pub fn node(script: &str, args: &[&str], limit: Duration) -> Run {
    let mut command = Command::new("node");
    command.arg(browser_dir().join(script)).args(args);
    run(&mut command, limit)
}

/// Builds the repository's real site into `<tmp>/public` with the minh binary; fails the test when the build fails.
pub fn build_real_site(tmp: &Path) -> PathBuf {
    let site = tmp.join("public");
    let build = run(
        Command::new(env!("CARGO_BIN_EXE_minh"))
            .arg("build")
            .arg("--root")
            .arg(repo())
            .arg("--output")
            .arg(&site),
        Duration::from_secs(300),
    );
    assert!(
        build.code == Some(0),
        "minh build failed: {}",
        build.describe()
    );
    site
}
