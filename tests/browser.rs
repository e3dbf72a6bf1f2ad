//! Browser quality gates: builds the real site and runs tests/browser/gates.mjs and vnu.mjs on it, and proves on planted fixtures that the gates catch what they should.
//!
//! Needs Debian's chromium, node, Java and tests/browser/node_modules (bash tests/install-test-deps.sh).
//! Without them the tests say "browser tests NOT RUN" and pass, except under CI=true, where they fail.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One browser at a time: the machine has two cores.
static SERIAL: Mutex<()> = Mutex::new(());

const INSTALL_HINT: &str = "run bash tests/install-test-deps.sh";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn browser_dir() -> PathBuf {
    repo().join("tests").join("browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("MINH_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

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
fn missing_tool() -> Option<String> {
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
    if !runs("java", "-version") {
        return Some("no java on PATH".to_string());
    }
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !browser_dir().join("node_modules").join(package).is_dir() {
            return Some(format!("tests/browser/node_modules/{package} is missing"));
        }
    }
    None
}

/// True when the tools are there; otherwise says why, and fails under CI=true.
fn ready() -> bool {
    let Some(reason) = missing_tool() else {
        return true;
    };
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("browser tests cannot run in CI: {reason} ({INSTALL_HINT})");
    }
    println!("browser tests NOT RUN: {reason} ({INSTALL_HINT})");
    eprintln!("browser tests NOT RUN: {reason} ({INSTALL_HINT})");
    false
}

/// What a finished (or killed) process printed and how it ended.
struct Run {
    code: Option<i32>,
    output: String,
    timed_out: bool,
}

impl Run {
    fn describe(&self) -> String {
        let end = if self.timed_out {
            "timed out and was killed".to_string()
        } else {
            format!("exit code {:?}", self.code)
        };
        format!("{end}\n--- output ---\n{}", self.output)
    }

    /// Like `describe`, but only the failure report when the output has one.
    fn brief(&self) -> String {
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

/// Runs a command to completion, or kills it (and its children) after `limit`.
fn run(command: &mut Command, limit: Duration) -> Run {
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
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
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

fn node(script: &str, args: &[&str], limit: Duration) -> Run {
    let mut command = Command::new("node");
    command.arg(browser_dir().join(script)).args(args);
    run(&mut command, limit)
}

fn gates(site: &Path, screenshots: &Path, extra: &[&str], limit: Duration) -> Run {
    let site = site.to_string_lossy();
    let shots = screenshots.to_string_lossy();
    let seconds = limit.as_secs().saturating_sub(30).max(30).to_string();
    let mut args = vec![
        "--site",
        site.as_ref(),
        "--screenshots",
        shots.as_ref(),
        "--timeout",
        seconds.as_str(),
    ];
    args.extend_from_slice(extra);
    node("gates.mjs", &args, limit)
}

fn fixture(name: &str) -> PathBuf {
    browser_dir().join("fixtures").join(name)
}

#[test]
fn real_site_passes_browser_gates_and_html_checker() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready() {
        return;
    }
    let tmp = TempDir::new("browser-site");
    let site = tmp.0.join("public");
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
    let screenshots = repo().join("target").join("screenshots");
    let started = Instant::now();
    let browser = gates(&site, &screenshots, &[], Duration::from_secs(480));
    println!(
        "{}\n(browser gates took {:.1} s)",
        browser.output,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let site_arg = site.to_string_lossy();
    let html = node(
        "vnu.mjs",
        &["--site", site_arg.as_ref(), "--timeout", "300"],
        Duration::from_secs(330),
    );
    println!(
        "{}\n(Nu Html Checker took {:.1} s)",
        html.output,
        started.elapsed().as_secs_f64()
    );
    let mut problems = Vec::new();
    if browser.code != Some(0) {
        problems.push(format!("browser gates failed: {}", browser.brief()));
    }
    if html.code != Some(0) {
        problems.push(format!("Nu Html Checker failed: {}", html.describe()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn good_fixture_passes_every_gate() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready() {
        return;
    }
    let shots = TempDir::new("browser-shots");
    let result = gates(&fixture("good"), &shots.0, &[], Duration::from_secs(150));
    assert!(
        result.code == Some(0)
            && result.output.contains("gates: ")
            && !result.output.contains("FAIL"),
        "the good fixture should pass every gate: {}",
        result.describe()
    );
    let site = fixture("good");
    let site_arg = site.to_string_lossy();
    let html = node(
        "vnu.mjs",
        &["--site", site_arg.as_ref(), "--timeout", "120"],
        Duration::from_secs(150),
    );
    assert!(
        html.code == Some(0),
        "the good fixture should pass the Nu Html Checker: {}",
        html.describe()
    );
}

/// A planted defect, the pages to look at, and what the failure report must say.
struct Planted {
    fixture: &'static str,
    pages: &'static str,
    expect: &'static [&'static str],
}

const PLANTED: &[Planted] = &[
    Planted {
        fixture: "img-no-alt",
        pages: "/vi/",
        expect: &["gate axe", "image-alt"],
    },
    Planted {
        // vi: the CSP lets the CDN through, so the browser tries and the harness blocks it;
        // en: the strict CSP blocks it first.
        fixture: "external-script",
        pages: "/vi/,/en/",
        expect: &[
            "gate requests: request to a foreign host (blocked): https://cdn.example.com/x.js",
            "gate csp: Content-Security-Policy violation: directive script-src-elem blocked https://cdn.example.com",
            "cdn.example.com",
        ],
    },
    Planted {
        fixture: "inline-script",
        pages: "/vi/",
        expect: &["gate csp", "Content-Security-Policy", "inline"],
    },
    Planted {
        fixture: "no-focus-style",
        pages: "/vi/",
        expect: &["not a \"skip to content\" link", "no visible focus indicator"],
    },
    Planted {
        fixture: "wide-at-360",
        pages: "/vi/",
        expect: &["gate no-horizontal-scroll", "pre.wide"],
    },
    Planted {
        fixture: "lang-no-backlink",
        pages: "/en/",
        expect: &["gate lang", "does not link back to /en/"],
    },
    Planted {
        fixture: "cookie",
        pages: "/vi/",
        expect: &["gate cookies", "tracker"],
    },
];

#[test]
fn planted_defects_fail_their_gate() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !ready() {
        return;
    }
    let shots = TempDir::new("browser-shots");
    let mut problems = Vec::new();
    for planted in PLANTED {
        let result = gates(
            &fixture(planted.fixture),
            &shots.0,
            &["--pages", planted.pages, "--widths", "360"],
            Duration::from_secs(150),
        );
        if result.code != Some(1) {
            problems.push(format!(
                "{}: expected the gates to fail (exit 1): {}",
                planted.fixture,
                result.describe()
            ));
            continue;
        }
        for needle in planted.expect {
            if !result.output.contains(needle) {
                problems.push(format!(
                    "{}: the report does not say {needle:?}: {}",
                    planted.fixture,
                    result.describe()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
