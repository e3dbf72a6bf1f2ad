//! `minh serve` end to end: content types and live-reload injection, traversal attempts, a burst of
//! concurrent requests, and an edit → reload / broken edit → error / fix → reload cycle over SSE.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The server process, killed when the test ends however it ends.
struct Server {
    child: Child,
    port: u16,
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

fn start(root: &Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .env("MINH_TODAY", "2026-11-25")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start minh serve");
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = try_get(port, "/") {
            if r.status == 200 {
                return server;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("minh serve did not answer within 60 s");
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// A raw GET (the path is sent exactly as given), with timeouts.
fn try_get(port: u16, path: &str) -> std::io::Result<Reply> {
    try_get_host(port, path, "127.0.0.1")
}

/// A raw GET with the given `Host` header.
fn try_get_host(port: u16, path: &str, host: &str) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    })
}

fn get(port: u16, path: &str) -> Reply {
    try_get(port, path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// Opens the event stream like a page does; each event arrives as (name, data).
fn events(port: u16) -> Receiver<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect events");
    write!(
        s,
        "GET /__minh/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("request events");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut name, mut data) = (String::new(), String::new());
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            } else if line.is_empty()
                && !name.is_empty()
                && tx
                    .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                    .is_err()
            {
                return;
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("an event within 20 s")
}

const PLAN: &str = "content/plans/ke-hoach-thu.vi.md";
const PLAN_URL: &str = "/vi/ke-hoach/ke-hoach-thu/";

#[test]
fn serves_pages_with_types_and_live_script() {
    let site = common::site();
    let server = start(site.path());
    let page = get(server.port, PLAN_URL);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let html = page.text();
    assert!(html.contains("<script src=\"/__minh/live.js\" defer></script></body>"));
    let css = get(server.port, "/static/css/site.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let js = get(server.port, "/__minh/live.js");
    assert_eq!(js.status, 200);
    assert!(js.text().contains("EventSource"));
    assert!(!js.text().contains("innerHTML"));
    assert_eq!(
        get(server.port, "/sitemap.xml")
            .header("content-type")
            .as_deref(),
        Some("application/xml; charset=utf-8")
    );
    let redirect = get(server.port, "/vi/ke-hoach/ke-hoach-thu");
    assert!(matches!(redirect.status, 301 | 302));
    assert_eq!(redirect.header("location").as_deref(), Some(PLAN_URL));
    let missing = get(server.port, "/vi/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("data-template=\"404\""));
    // A missing English page is answered with the English 404 page.
    let missing_en = get(server.port, "/en/no-such-page/");
    assert_eq!(missing_en.status, 404);
    assert!(
        missing_en.text().contains("<html lang=\"en\">"),
        "English 404"
    );
    assert!(
        missing.text().contains("<html lang=\"vi\">"),
        "the root 404 is Vietnamese"
    );
}

#[test]
fn refuses_paths_outside_the_site() {
    let site = common::site();
    common::write(site.path(), "secret.txt", "TOP-SECRET-OUTSIDE");
    let server = start(&site.path().join("."));
    for path in [
        "/../Cargo.toml",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e/",
        "/..%2f..%2fetc/passwd",
        "/..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e/",
        "//etc/passwd",
        "/vi/..\\..\\x",
        "/vi/..%5c..%5csecret.txt",
        "/site.yaml",
        "/content/plans/ke-hoach-thu.vi.md",
    ] {
        let r = get(server.port, path);
        assert!(matches!(r.status, 400 | 404), "{path}: status {}", r.status);
        let body = r.text();
        for leak in ["TOP-SECRET-OUTSIDE", "[package]", "root:x:0", "base_url:"] {
            assert!(!body.contains(leak), "{path} leaked {leak}");
        }
    }
}

#[test]
fn answers_only_requests_addressed_to_this_computer() {
    let site = common::site();
    let server = start(site.path());
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
    ] {
        let r = try_get_host(port, PLAN_URL, &host).expect("GET");
        assert_eq!(r.status, 200, "Host: {host}");
    }
    for host in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        for path in [PLAN_URL, "/__minh/events", "/__minh/live.js"] {
            let r = try_get_host(port, path, &host).expect("GET");
            assert_eq!(r.status, 403, "Host: {host} {path}");
            assert!(!r.text().contains("Kế hoạch thử"), "Host: {host} leaked");
        }
    }
}

#[test]
fn refuses_to_bind_beyond_loopback_without_the_flag() {
    let site = common::site();
    let out = Command::new(env!("CARGO_BIN_EXE_minh"))
        .args(["serve", "--bind", "0.0.0.0", "--port", "1", "--root"])
        .arg(site.path())
        .env("MINH_TODAY", "2026-11-25")
        .output()
        .expect("run minh serve");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
}

#[test]
fn answers_a_burst_of_concurrent_requests() {
    let site = common::site();
    let server = start(site.path());
    let port = server.port;
    let handles: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/vi/"
                } else {
                    "/static/css/site.css"
                };
                try_get(port, path).map(|r| r.status)
            })
        })
        .collect();
    let statuses: Vec<u16> = handles
        .into_iter()
        .map(|h| h.join().ok().and_then(Result::ok).unwrap_or(0))
        .collect();
    let ok = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(ok, 200, "statuses: {statuses:?}");
}

#[test]
fn edits_reload_and_broken_edits_show_errors() {
    let site = common::site();
    let server = start(site.path());
    let rx = events(server.port);
    std::thread::sleep(Duration::from_millis(300));
    let original = std::fs::read_to_string(site.path().join(PLAN)).expect("read plan");

    let edited = original.replace("Một kế hoạch để thử.", "Tóm tắt đã sửa lần một.");
    common::write(site.path(), PLAN, &edited);
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    assert!(get(server.port, PLAN_URL)
        .text()
        .contains("Tóm tắt đã sửa lần một."));

    let broken = edited.replace("title: \"Kế hoạch thử\"", "title: [Kế hoạch thử");
    common::write(site.path(), PLAN, &broken);
    let (name, data) = next_event(&rx);
    assert_eq!(name, "build-error");
    let problems: serde_json::Value = serde_json::from_str(&data).expect("error data is JSON");
    let first = &problems[0];
    assert_eq!(first["file"], PLAN);
    assert!(first["line"].as_u64().is_some_and(|l| l >= 2), "{data}");
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
    let still = get(server.port, PLAN_URL);
    assert_eq!(still.status, 200);
    assert!(still.text().contains("Tóm tắt đã sửa lần một."));

    let unknown_measure = edited.replace(
        "{id: t1, label: \"Chỉ tiêu thử\",",
        "{id: t1, label: \"Chỉ tiêu thử\", measure: khong-co.so-nguoi,",
    );
    assert_ne!(unknown_measure, edited);
    common::write(site.path(), PLAN, &unknown_measure);
    let (name, data) = next_event(&rx);
    assert_eq!(
        name, "build-error",
        "a quick rebuild checks targets as build does"
    );
    assert!(data.contains("khong-co.so-nguoi"), "{data}");

    let fixed = original.replace("Một kế hoạch để thử.", "Tóm tắt đã sửa lần hai.");
    common::write(site.path(), PLAN, &fixed);
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    assert!(get(server.port, PLAN_URL)
        .text()
        .contains("Tóm tắt đã sửa lần hai."));
}
