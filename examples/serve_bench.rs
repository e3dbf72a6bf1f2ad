//! Measures `minh serve` from saving a file to the reload event and to the new text being
//! served, for each kind of single-file edit: an update's body, title (reorders its list) and
//! date (reorders lists and the home page), a provider record, a plan target, a dataset row, a UI
//! string, a template (the updates'), the base template (every page extends it), and site.yaml
//! (still a full rebuild: what every edit but markdown cost before).
//!
//! Usage (on the bench site made by `bench/serve_site.sh`: the corpus with the real site's plans,
//! datasets and sample providers):
//!   bash bench/serve_site.sh 10000 /tmp/serve10k
//!   cargo build --release && cargo run --release --example serve_bench -- \
//!     --bin target/release/minh --root /tmp/serve10k [--edits 9] [--pause-ms 1500] [--kinds body,title]
//! It starts the server, opens the event stream like a page does, edits each kind's file several
//! times (restoring it after) and prints, per kind, the median and 95th percentile from save to
//! the reload event and to the edited page being served, and how long after the edit the
//! site-wide files (sitemap, feeds, open data, then the search index) followed in the background
//! (from the server's `MINH_TIMINGS` lines). An edit not served within `--timeout-s` (30) is
//! reported as timed out and the next kind is measured; a kind stops taking edits once it has
//! spent `--budget-s` (45), so slow kinds get fewer edits. Each edit waits up to `--site-wait-s`
//! (30) for the site-wide files; with 0 the next edit comes while they are still being made. `--verbose` echoes the server's
//! messages (with the time of each step of every rebuild: load, resolve, render, files).

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
    kinds: Option<Vec<String>>,
    /// How long one edit may take before its kind is reported as timed out.
    timeout: Duration,
    /// How long all the edits of one kind may take: slow kinds get fewer edits.
    budget: Duration,
    /// Echo the server's messages.
    verbose: bool,
    /// How long after an edit is served to wait for the site-wide files before the next edit
    /// (0: not at all, the next edit comes while they are made).
    site_wait: Duration,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        bin: PathBuf::from("target/release/minh"),
        root: PathBuf::from("/tmp/serve10k"),
        edits: 9,
        pause: Duration::from_millis(1500),
        kinds: None,
        timeout: Duration::from_secs(30),
        budget: Duration::from_secs(45),
        verbose: false,
        site_wait: Duration::from_secs(30),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--verbose" {
            a.verbose = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--bin" => a.bin = value.into(),
            "--root" => a.root = value.into(),
            "--edits" => a.edits = value.parse().map_err(|e| format!("--edits: {e}"))?,
            "--kinds" => a.kinds = Some(value.split(',').map(String::from).collect()),
            "--timeout-s" => {
                a.timeout = Duration::from_secs(value.parse().map_err(|e| format!("{e}"))?)
            }
            "--budget-s" => {
                a.budget = Duration::from_secs(value.parse().map_err(|e| format!("{e}"))?)
            }
            "--site-wait-s" => {
                a.site_wait = Duration::from_secs(value.parse().map_err(|e| format!("{e}"))?)
            }
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
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
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
    write!(s, "GET /__minh/events HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
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

/// What an edit is checked by, once the reload event came: the page shows the marker, or the page
/// is no longer what it was before the edit.
enum Check {
    Shows,
    Differs,
}

/// One kind of single-file edit: the file, how to edit it (`n` numbers the edit, the marker is a
/// word unique to it), and the page that must show it.
struct Kind {
    name: &'static str,
    file: PathBuf,
    edit: Box<Edit>,
    url: String,
    check: Check,
    /// A site-wide file that follows in the background, and the text that shows it did.
    follow: Option<(&'static str, Needle)>,
}

/// Makes the edited text from the original, the edit's number and its marker.
type Edit = dyn Fn(&str, usize, &str) -> String;

/// The text a site-wide file shows after edit `n` with marker `m`.
type Needle = fn(usize, &str) -> String;

fn first_file(dir: &Path, pred: impl Fn(&str) -> bool) -> Result<String, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| pred(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .ok_or(format!("nothing fitting in {}", dir.display()))
}

/// Replaces the first line starting with `prefix` by `with`.
fn replace_line(text: &str, prefix: &str, with: &str) -> String {
    let mut done = false;
    text.split_inclusive('\n')
        .map(|l| {
            if !done && l.trim_start().starts_with(prefix) {
                done = true;
                let indent = &l[..l.len() - l.trim_start().len()];
                format!("{indent}{with}\n")
            } else {
                l.to_string()
            }
        })
        .collect()
}

fn kinds(root: &Path) -> Result<Vec<Kind>, String> {
    let c = root.join("content");
    let update = first_file(&c.join("updates"), |n| n.ends_with(".vi.md"))?;
    let stem = update.trim_end_matches(".vi.md").to_string();
    let update_file = c.join("updates").join(&update);
    let update_url = format!("/vi/tin-tuc/{stem}/");
    let provider = first_file(&c.join("facilities"), |n| n.ends_with("-5.yaml"))?;
    let provider_id = provider.trim_end_matches(".yaml").to_string();
    let plan = "quang-tri-cai-nghien-2022-2025.vi.md";
    Ok(vec![
        Kind {
            name: "update body",
            file: update_file.clone(),
            edit: Box::new(|t, _, m| t.replacen("\n---\n", &format!("\n---\n\n{m}\n"), 1)),
            url: update_url.clone(),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "update title (list order)",
            file: update_file.clone(),
            edit: Box::new(|t, _, m| replace_line(t, "title:", &format!("title: \"{m} tin\""))),
            url: "/vi/tin-tuc/".into(),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "update date (lists, home)",
            file: update_file,
            edit: Box::new(|t, n, _| {
                replace_line(t, "date:", &format!("date: 2030-01-{:02}", n % 28 + 1))
            }),
            url: "/vi/".into(),
            check: Check::Differs,
            follow: Some(("/vi/atom.xml", |n, _| format!("2030-01-{:02}", n % 28 + 1))),
        },
        Kind {
            name: "provider record",
            file: c.join("facilities").join(&provider),
            edit: Box::new(|t, _, m| t.replacen("  vi: \"Số 5.", &format!("  vi: \"Số 5 {m}."), 1)),
            url: format!("/vi/co-so/{provider_id}/"),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "plan target",
            file: c.join("plans").join(plan),
            edit: Box::new(|t, _, m| t.replacen("    label: \"", &format!("    label: \"{m} "), 1)),
            url: "/vi/ke-hoach/quang-tri-cai-nghien-2022-2025/".into(),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "dataset row",
            file: c.join("stats/methadone.csv"),
            edit: Box::new(|t, n, _| {
                t.replacen(
                    "Nghệ An,2025,1530",
                    &format!("Nghệ An,2025,{}", 1531 + n),
                    1,
                )
                .replacen("Tổng,2025,2803", &format!("Tổng,2025,{}", 2804 + n), 1)
            }),
            url: "/vi/thong-ke/methadone/".into(),
            check: Check::Differs,
            follow: None,
        },
        Kind {
            name: "UI string",
            file: root.join("themes/default/i18n/vi.yaml"),
            edit: Box::new(|t, _, m| {
                replace_line(t, "updated_on:", &format!("updated_on: \"{m}\""))
            }),
            url: update_url.clone(),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "template (the updates')",
            file: root.join("themes/default/templates/update.html"),
            edit: Box::new(|t, _, m| {
                t.replacen(
                    "{% block content %}",
                    &format!("{{% block content %}}<p>{m}</p>"),
                    1,
                )
            }),
            url: update_url.clone(),
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "template (base: every page)",
            file: root.join("themes/default/templates/base.html"),
            edit: Box::new(|t, _, m| {
                let main = "<main id=\"main\" tabindex=\"-1\">";
                t.replacen(main, &format!("{main}<p>{m}</p>"), 1)
            }),
            url: update_url,
            check: Check::Shows,
            follow: None,
        },
        Kind {
            name: "site.yaml (full rebuild)",
            file: root.join("site.yaml"),
            edit: Box::new(|t, _, m| {
                t.replacen("title: {vi: \"", &format!("title: {{vi: \"{m} "), 1)
            }),
            url: "/vi/".into(),
            check: Check::Shows,
            follow: None,
        },
    ])
}

/// The value below which `q` of the sorted values fall (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn body_of(port: u16, url: &str) -> Result<String, String> {
    let (status, body) = get(port, url).map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("{url}: status {status}"));
    }
    Ok(body)
}

/// Why an edit was not measured.
enum Missed {
    TimedOut,
    Failed(String),
}

/// Waits for the edit's reload event, then for the page to show it; the two times in ms.
fn measure(
    port: u16,
    rx: &Receiver<(String, Instant)>,
    kind: &Kind,
    t0: Instant,
    marker: &str,
    before: &str,
    timeout: Duration,
) -> Result<(f64, f64), Missed> {
    let (name, at) = rx.recv_timeout(timeout).map_err(|_| Missed::TimedOut)?;
    if name != "reload" {
        return Err(Missed::Failed(format!(
            "{}: expected reload, got {name}",
            kind.name
        )));
    }
    loop {
        let body = body_of(port, &kind.url).map_err(Missed::Failed)?;
        let shown = match kind.check {
            Check::Shows => body.contains(marker),
            Check::Differs => body != before,
        };
        if shown {
            break;
        }
        if t0.elapsed() > timeout {
            return Err(Missed::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Ok((
        (at - t0).as_secs_f64() * 1000.0,
        t0.elapsed().as_secs_f64() * 1000.0,
    ))
}

/// Reads the server's messages (echoed when `verbose`) and passes on, from its timings, how long
/// after an edit the site-wide files followed: (the quick ones, the search index), in ms; and how
/// long after an edit every page it affected was made (the pages no browser had open are made
/// after the reload).
fn site_wide_times(
    stderr: Option<std::process::ChildStderr>,
    verbose: bool,
) -> (Receiver<(f64, f64)>, Receiver<f64>) {
    let (tx, rx) = mpsc::channel();
    let (every_tx, every_rx) = mpsc::channel();
    let Some(stderr) = stderr else {
        return (rx, every_rx);
    };
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { return };
            if verbose {
                eprintln!("{line}");
            }
            if let Some(rest) = line.strip_prefix("every page after the edit: ") {
                if let Some(ms) = rest.strip_suffix(" ms").and_then(|m| m.parse().ok()) {
                    let _ = every_tx.send(ms);
                }
            }
            // "site-wide files after the edit: quick 123.4 ms, search index 456.7 ms"
            if let Some(rest) = line.strip_prefix("site-wide files after the edit: quick ") {
                let nums: Vec<f64> = rest
                    .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .filter_map(|w| w.parse().ok())
                    .collect();
                if let [quick, index] = nums[..] {
                    let _ = tx.send((quick, index));
                }
            }
        }
    });
    (rx, every_rx)
}

/// Waits for the site-wide file `url` to show `needle`; ms from `t0`, `None` after 60 s.
fn follow(port: u16, url: &str, needle: &str, t0: Instant) -> Option<f64> {
    while t0.elapsed() < Duration::from_secs(60) {
        if get(port, url).ok()?.1.contains(needle) {
            return Some(t0.elapsed().as_secs_f64() * 1000.0);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

fn main() -> Result<(), String> {
    let a = args()?;
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let mut kinds = kinds(&a.root)?;
    if let Some(names) = &a.kinds {
        kinds.retain(|k| names.iter().any(|n| k.name.starts_with(n.as_str())));
    }
    let started = Instant::now();
    let mut child = Command::new(&a.bin)
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&a.root)
        .env("MINH_TIMINGS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", a.bin.display()))?;
    let (site_wide, every_page) = site_wide_times(child.stderr.take(), a.verbose);
    let _server = Server(child);
    let home = "/vi/";
    while get(port, home).map(|r| r.0).ok() != Some(200) {
        if started.elapsed() > Duration::from_secs(300) {
            return Err(format!("{home} not served within 300 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "first build and serve: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let rx = events(port).map_err(|e| e.to_string())?;
    std::thread::sleep(a.pause);
    let mut table = Vec::new();
    for kind in &kinds {
        let original = std::fs::read_to_string(&kind.file)
            .map_err(|e| format!("{}: {e}", kind.file.display()))?;
        let (mut to_event, mut to_page, mut followed) = (Vec::new(), Vec::new(), Vec::new());
        let (mut quick, mut index, mut every) = (Vec::new(), Vec::new(), Vec::new());
        let mut result = Ok(());
        let mut timed_out = false;
        let kind_start = Instant::now();
        for i in 0..a.edits {
            if i > 0 && kind_start.elapsed() > a.budget {
                break;
            }
            let marker = format!("BENCHEDIT{i}X{}", std::process::id());
            let text = (kind.edit)(&original, i, &marker);
            if text == original {
                result = Err(format!(
                    "{}: the edit changes nothing in {}",
                    kind.name,
                    kind.file.display()
                ));
                break;
            }
            let before = match body_of(port, &kind.url) {
                Ok(b) => b,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            while rx.try_recv().is_ok() {}
            while site_wide.try_recv().is_ok() {}
            while every_page.try_recv().is_ok() {}
            let t0 = Instant::now();
            std::fs::write(&kind.file, &text).map_err(|e| e.to_string())?;
            match measure(port, &rx, kind, t0, &marker, &before, a.timeout) {
                Ok((event_ms, page_ms)) => {
                    to_event.push(event_ms);
                    to_page.push(page_ms);
                    if let Some((url, needle)) = &kind.follow {
                        followed.extend(follow(port, url, &needle(i, &marker), t0));
                    }
                    if let Ok((q, s)) = site_wide.recv_timeout(a.site_wait) {
                        quick.push(q);
                        index.push(s);
                    }
                    // Pages no browser has open may still be made after the site-wide files.
                    let left = a.site_wait.saturating_sub(t0.elapsed());
                    every.extend(every_page.recv_timeout(left).ok());
                }
                Err(Missed::TimedOut) => {
                    timed_out = true;
                    break;
                }
                Err(Missed::Failed(e)) => {
                    result = Err(e);
                    break;
                }
            }
            std::thread::sleep(a.pause);
        }
        std::fs::write(&kind.file, &original).map_err(|e| e.to_string())?;
        // The edit that put the file back (and any rebuild still running) settles first.
        let _ = rx.recv_timeout(a.timeout * 2);
        std::thread::sleep(a.pause);
        result?;
        if timed_out {
            println!(
                "{:<28} timed out: edit {} not served within {} s ({} measured before)",
                kind.name,
                to_page.len() + 1,
                a.timeout.as_secs(),
                to_page.len()
            );
            table.push((kind.name, to_page, true));
            continue;
        }
        println!(
            "{:<28} {} edits: save -> reload median {:>6.0} ms, p95 {:>6.0} ms; save -> page served median {:>6.0} ms, p95 {:>6.0} ms",
            kind.name,
            to_page.len(),
            quantile(&to_event, 0.5),
            quantile(&to_event, 0.95),
            quantile(&to_page, 0.5),
            quantile(&to_page, 0.95),
        );
        println!(
            "{:<28} {} of {} edits: save -> site-wide files (in the background): sitemap, feeds, open data median {:.0} ms, p95 {:.0} ms; search index median {:.0} ms, p95 {:.0} ms",
            "",
            quick.len(),
            to_page.len(),
            quantile(&quick, 0.5),
            quantile(&quick, 0.95),
            quantile(&index, 0.5),
            quantile(&index, 0.95),
        );
        if !every.is_empty() {
            println!(
                "{:<28} {} of {} edits: save -> every page the edit affects (those not open after the reload) median {:.0} ms, p95 {:.0} ms",
                "",
                every.len(),
                to_page.len(),
                quantile(&every, 0.5),
                quantile(&every, 0.95),
            );
        }
        if let Some((url, _)) = &kind.follow {
            println!(
                "{:<28} {} of {} edits: save -> {url} (site-wide, in the background) median {:.0} ms, p95 {:.0} ms",
                "",
                followed.len(),
                to_page.len(),
                quantile(&followed, 0.5),
                quantile(&followed, 0.95),
            );
        }
        table.push((kind.name, to_page, false));
    }
    println!("\n| edit | edits | median | p95 |\n| --- | --- | --- | --- |");
    for (name, v, timed_out) in table {
        let note = if timed_out { " (then timed out)" } else { "" };
        println!(
            "| {name} | {}{note} | {:.0} ms | {:.0} ms |",
            v.len(),
            quantile(&v, 0.5),
            quantile(&v, 0.95)
        );
    }
    Ok(())
}
