//! Live reload in a real browser (issue 7): runs `minh serve` on a fixture site and tests/browser/serve.mjs against it (edit → the page updates by itself, broken front matter → error overlay while the last good page is served, fix → recovery).
//!
//! Needs Debian's chromium, node 20 and tests/browser/node_modules/playwright-core
//! (bash tests/install-test-deps.sh). Without them the test is reported as ignored with
//! the reason (`not run: …`), and fails under CI=true (see tests/common/harness.rs).

#[path = "common/browser.rs"]
mod support;

#[path = "common/harness.rs"]
mod harness;

mod common;

use std::fs::File;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{node, serial, TempDir, FEATURES};

/// The whole node run is killed after this; the script's own watchdog fires 20 s earlier.
const LIMIT: Duration = Duration::from_secs(120);
/// How long the first build may take before the server answers.
const START_LIMIT: Duration = Duration::from_secs(60);
/// The page the browser opens, and its markdown source in the fixture site.
const PAGE: &str = "/vi/trang/gioi-thieu/";
const SOURCE: &str = "content/pages/gioi-thieu.vi.md";

/// `minh serve`, killed when the test ends however it ends; its messages go to `log`.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server printed so far.
    fn messages(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The status of `GET path`, or `None` while the server does not answer.
fn status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 16];
    s.read_exact(&mut head).ok()?;
    String::from_utf8_lossy(&head)
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Starts `minh serve` on `root` and waits until it answers `PAGE`.
fn start(root: &Path, logs: &Path) -> Server {
    let port = free_port();
    let log = logs.join("serve.log");
    let out = File::create(&log).expect("create the server log");
    let err = out.try_clone().expect("clone the server log");
    let child = Command::new(env!("CARGO_BIN_EXE_minh"))
        .arg("serve")
        .arg("--root")
        .arg(root)
        .arg("--port")
        .arg(port.to_string())
        .env("MINH_TODAY", "2026-11-25")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("start minh serve");
    let server = Server { child, port, log };
    let started = Instant::now();
    while started.elapsed() < START_LIMIT {
        if status(port, PAGE) == Some(200) {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "minh serve did not answer {PAGE} within {} s:\n{}",
        START_LIMIT.as_secs(),
        server.messages()
    );
}

/// True when the summary line `serve-browser: N passed, 0 failed` is there with N > 0.
fn all_passed(output: &str) -> bool {
    output.lines().any(|line| {
        line.strip_prefix("serve-browser: ")
            .and_then(|rest| rest.strip_suffix(" passed, 0 failed"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    })
}

fn pages_follow_edits_and_show_build_errors_in_a_real_browser() {
    let _serial = serial();
    let site = common::site();
    let logs = TempDir::new("browser-serve");
    let server = start(site.path(), &logs.0);
    let file = site.path().join(SOURCE);
    let file_arg = file.to_string_lossy();
    let origin = server.origin();
    let seconds = LIMIT.as_secs().saturating_sub(20).to_string();
    let started = Instant::now();
    let result = node(
        "serve.mjs",
        &[
            "--url",
            origin.as_str(),
            "--file",
            file_arg.as_ref(),
            "--page",
            PAGE,
            "--timeout",
            seconds.as_str(),
        ],
        LIMIT,
    );
    println!(
        "{}\n(live-reload browser test took {:.1} s)",
        result.output,
        started.elapsed().as_secs_f64()
    );
    assert!(
        result.code == Some(0) && all_passed(&result.output),
        "live-reload browser test failed: {}\n--- minh serve said ---\n{}",
        result.brief(),
        server.messages()
    );
}

fn main() {
    let missing = support::missing_tool(&FEATURES);
    harness::main(
        include_str!("browser_serve.rs"),
        vec![harness::trial(
            "pages_follow_edits_and_show_build_errors_in_a_real_browser",
            missing.clone(),
            pages_follow_edits_and_show_build_errors_in_a_real_browser,
        )],
    )
}
