//! Measures `minh serve` from saving a markdown file to the reload event and to the new text being served.
//!
//! Usage (on the bench corpus, see DESIGN.md "Budgets"):
//!   cargo build --release && cargo run --release --example serve_bench -- \
//!     --bin target/release/minh --root /tmp/serve10k [--edits 7] [--pause-ms 3000]
//! It starts the server, opens the event stream like a page does, edits an update several times
//! and prints the median and worst times. With `MINH_TIMINGS=1` the server also prints the time of
//! each step of every rebuild (load, resolve, render, files).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Args {
    bin: PathBuf,
    root: PathBuf,
    edits: usize,
    pause: Duration,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        bin: PathBuf::from("target/release/minh"),
        root: PathBuf::from("/tmp/serve10k"),
        edits: 7,
        pause: Duration::from_millis(3000),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--bin" => a.bin = value.into(),
            "--root" => a.root = value.into(),
            "--edits" => a.edits = value.parse().map_err(|e| format!("--edits: {e}"))?,
            "--pause-ms" => {
                a.pause = Duration::from_millis(value.parse().map_err(|e| format!("{e}"))?)
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(a)
}

fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, text))
}

fn events(port: u16) -> std::io::Result<Receiver<(String, Instant)>> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    write!(s, "GET /__minh/events HTTP/1.1\r\nHost: x\r\n\r\n")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                if tx.send((name.to_string(), Instant::now())).is_err() {
                    return;
                }
            }
        }
    });
    Ok(rx)
}

/// The first Vietnamese update of the corpus and its address.
fn target(root: &Path) -> Result<(PathBuf, String), String> {
    let dir = root.join("content/updates");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".vi.md"))
        .collect();
    names.sort();
    let name = names.first().ok_or("no content/updates/*.vi.md")?;
    let stem = name.trim_end_matches(".vi.md");
    Ok((dir.join(name), format!("/vi/tin-tuc/{stem}/")))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() -> Result<(), String> {
    let a = args()?;
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let (file, url) = target(&a.root)?;
    let original = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let _server = Server(
        Command::new(&a.bin)
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(&a.root)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("{}: {e}", a.bin.display()))?,
    );
    while get(port, &url).map(|r| r.0).ok() != Some(200) {
        if started.elapsed() > Duration::from_secs(180) {
            return Err(format!("{url} not served within 180 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "first build and serve: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let rx = events(port).map_err(|e| e.to_string())?;
    std::thread::sleep(a.pause);
    let (mut to_event, mut to_page) = (Vec::new(), Vec::new());
    for i in 0..a.edits {
        let marker = format!("BENCH-EDIT-{i}-{}", std::process::id());
        let text = original.replacen("\n---\n", &format!("\n---\n\n{marker}\n"), 1);
        while rx.try_recv().is_ok() {}
        let t0 = Instant::now();
        std::fs::write(&file, text).map_err(|e| e.to_string())?;
        let (name, at) = rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "no event within 30 s".to_string())?;
        if name != "reload" {
            return Err(format!("expected reload, got {name}"));
        }
        let event_ms = (at - t0).as_secs_f64() * 1000.0;
        loop {
            let (_, body) = get(port, &url).map_err(|e| e.to_string())?;
            if body.contains(&marker) {
                break;
            }
            if t0.elapsed() > Duration::from_secs(30) {
                return Err("new text not served within 30 s".into());
            }
        }
        let page_ms = t0.elapsed().as_secs_f64() * 1000.0;
        println!("edit {i}: reload event {event_ms:.0} ms, new page served {page_ms:.0} ms");
        to_event.push(event_ms);
        to_page.push(page_ms);
        std::thread::sleep(a.pause);
    }
    std::fs::write(&file, &original).map_err(|e| e.to_string())?;
    let worst = to_page.iter().cloned().fold(0.0, f64::max);
    println!(
        "median over {} edits: save -> reload event {:.0} ms, save -> new page served {:.0} ms (worst {:.0} ms)",
        a.edits,
        median(to_event),
        median(to_page),
        worst
    );
    Ok(())
}
