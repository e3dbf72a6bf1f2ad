//! `minh serve`: builds the site with drafts, serves it from memory, rebuilds on edits and reloads open pages.

pub mod http;
pub mod live;
pub mod watch;

use crate::build::{self, Change, Files, Incremental, Options};
use crate::diagnostics::{self, Diagnostics, Format};
use live::Hub;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How to serve.
#[derive(Debug, Clone)]
pub struct Settings {
    pub build: Options,
    pub bind: String,
    pub port: u16,
    /// Whether binding to an address other than loopback was asked for explicitly.
    pub allow_remote: bool,
    /// Worker threads answering requests (event streams get their own threads).
    pub workers: usize,
}

/// What the main loop reacts to.
enum Msg {
    Changed(Vec<PathBuf>),
    /// Site-wide files made for a build (ready to swap in), with the paths of all of them once
    /// the last are made.
    SiteFiles(u64, build::ReadyFiles, Option<Vec<PathBuf>>),
    /// The background run for a build has ended (made everything, or stopped as stale).
    SiteFilesDone,
}

/// The files being served, swapped atomically after each good build.
type Current = Arc<RwLock<Arc<Files>>>;

/// How many pending pages' makers are rendered between two looks for a new edit: as many as
/// take about [`Batch::AIM`] (makers differ widely: a page, or every page of a province), so that
/// the next edit waits little for the batch under way; a maker that took longer than
/// [`Batch::AIM`] per thread when last rendered goes in a batch of its own.
struct Batch {
    size: usize,
}

impl Batch {
    const AIM: Duration = Duration::from_millis(25);
    const MAX: usize = 256;

    fn new() -> Batch {
        Batch { size: 8 }
    }

    /// Adapts the size to how long a batch of the current size took.
    fn took(&mut self, spent: Duration) {
        if spent < Batch::AIM / 2 {
            self.size = (self.size * 2).min(Batch::MAX);
        } else if spent > Batch::AIM * 2 {
            self.size = (self.size / 2).max(1);
        }
    }
}

/// The pages served last (their files), newest last: those a browser has open, made first after an edit.
#[derive(Default)]
struct Recent(Mutex<VecDeque<PathBuf>>);

impl Recent {
    const KEPT: usize = 16;

    fn saw(&self, file: PathBuf) {
        if let Ok(mut r) = self.0.lock() {
            r.retain(|f| *f != file);
            if r.len() >= Recent::KEPT {
                r.pop_front();
            }
            r.push_back(file);
        }
    }

    fn files(&self) -> HashSet<PathBuf> {
        self.0
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// Files an edit changes that are not made yet: a request for one waits until it is, so that no
/// page older than the last edit is ever served.
#[derive(Default)]
struct Waiting {
    files: Mutex<HashSet<PathBuf>>,
    made: Condvar,
    /// The pending files requests are waiting for: made before the others.
    asked: Mutex<HashSet<PathBuf>>,
}

impl Waiting {
    fn set(&self, files: Vec<PathBuf>) {
        if let Ok(mut f) = self.files.lock() {
            *f = files.into_iter().collect();
        }
        self.made.notify_all();
    }

    /// `files` are made (those of them requests wait for, and the others).
    fn made(&self, files: &[PathBuf]) {
        if let Ok(mut f) = self.files.lock() {
            for p in files {
                f.remove(p);
            }
        }
        self.made.notify_all();
    }

    /// Whether a request waits for a pending file.
    fn any_asked(&self) -> bool {
        self.asked.lock().is_ok_and(|a| !a.is_empty())
    }

    /// Waits until `file` is made (at most a minute: a stuck rebuild must not hang the browser).
    fn until_made(&self, file: &Path) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let Ok(mut f) = self.files.lock() else { return };
        if f.contains(file) {
            if let Ok(mut a) = self.asked.lock() {
                a.insert(file.to_path_buf());
            }
        }
        while f.contains(file) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            match self.made.wait_timeout(f, left) {
                Ok((g, _)) => f = g,
                Err(_) => return,
            }
        }
    }
}

/// What the request threads share with the main loop.
struct Shared {
    current: Current,
    hub: Arc<Hub>,
    owner: Owner,
    recent: Recent,
    waiting: Waiting,
}

/// Builds, serves and watches until the process is stopped.
pub fn run(mut settings: Settings) -> Result<(), String> {
    let root = settings
        .build
        .root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", settings.build.root.display()))?;
    settings.build.root = root.clone();
    settings.build.include_drafts = true;
    crate::hsds::package::keep_files();
    if !http::is_loopback_bind(&settings.bind) {
        if !settings.allow_remote {
            return Err(format!(
                "--bind {} would let other computers read the preview, drafts included; \
                 to do that on purpose, add --allow-remote (or keep the default --bind 127.0.0.1)",
                settings.bind
            ));
        }
        eprintln!(
            "warning: serving on {}, not only on this computer: anyone who can reach it on the network can read the preview, drafts included",
            settings.bind
        );
    }
    let current: Current = Arc::new(RwLock::new(Arc::new(Files::new())));
    let hub = Arc::new(Hub::default());
    let start = Instant::now();
    let mut background = Background::default();
    let mut inc = first_build(&settings.build, &current, &hub, start, &background);
    let addr = format!("{}:{}", settings.bind, settings.port);
    let server = Arc::new(
        tiny_http::Server::http(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?,
    );
    let shared = Arc::new(Shared {
        current: Arc::clone(&current),
        hub: Arc::clone(&hub),
        owner: Owner {
            bind: settings.bind.clone(),
            port: settings.port,
        },
        recent: Recent::default(),
        waiting: Waiting::default(),
    });
    for _ in 0..settings.workers.max(1) {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || answer_forever(&server, &shared));
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    let watch_tx = tx.clone();
    let _watcher = watch::spawn(&root, move |paths| {
        let _ = watch_tx.send(Msg::Changed(paths));
    })
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    eprintln!("{}", crate::catalogue::cli::serving(&addr));
    let timings = std::env::var_os("MINH_TIMINGS").is_some();
    let (mut edited, mut quick_ms) = (Instant::now(), 0.0);
    // The timings after an edit are not printed for the run that follows the first build.
    let mut any_edit = false;
    let mut batch = Batch::new();
    loop {
        // Pages an edit affected that no browser has open are made between looks for a new edit.
        let msg = match inc.as_mut().filter(|i| i.has_pending()) {
            // Open-data pages wait a while for the background run to make what they read.
            Some(i)
                if open_data_wait(&background, edited)
                    && i.waits_for_open_data()
                    && !shared.waiting.any_asked() =>
            {
                match rx.recv_timeout(Duration::from_millis(20)) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            Some(i) => match rx.try_recv() {
                Ok(msg) => msg,
                Err(TryRecvError::Empty) => {
                    let started = Instant::now();
                    let but_open_data = open_data_wait(&background, edited);
                    let edited = timings.then_some(edited);
                    render_pending(i, &shared, batch.size, edited, but_open_data);
                    let spent = started.elapsed();
                    if timings && spent > Batch::AIM * 8 {
                        let ms = spent.as_secs_f64() * 1000.0;
                        eprintln!(
                            "pending batch of {} makers: {ms:.1} ms (an edit meanwhile waits)",
                            batch.size
                        );
                    }
                    batch.took(spent);
                    continue;
                }
                Err(TryRecvError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(msg) => msg,
                Err(_) => break,
            },
        };
        match msg {
            Msg::Changed(paths) => {
                let Some(change) = Change::classify(&paths) else {
                    continue;
                };
                edited = Instant::now();
                any_edit = true;
                background.supersede();
                inc = rebuild(inc, &settings.build, &change, &shared, &background);
                if let Some(inc) = &inc {
                    // Every page the edit affected was made with it (none left for later).
                    if timings && !inc.has_pending() {
                        every_page_made(edited);
                    }
                    background.want(inc, &tx);
                }
            }
            Msg::SiteFiles(generation, outputs, all) => {
                let last = all.is_some();
                if let Some(inc) = inc.as_mut() {
                    if let Some(files) = inc.merge_site_files(generation, outputs, all) {
                        swap(&current, files);
                        let ms = edited.elapsed().as_secs_f64() * 1000.0;
                        if !last {
                            quick_ms = ms;
                        } else if timings && any_edit {
                            eprintln!("site-wide files after the edit: quick {quick_ms:.1} ms, search index {ms:.1} ms");
                        }
                    }
                }
            }
            Msg::SiteFilesDone => {
                background.running = false;
                if let Some(inc) = inc.as_ref() {
                    background.restart_if_wanted(inc, &tx);
                }
            }
        }
    }
    Ok(())
}

/// How long after an edit the open-data pages it affects wait for the background run to make
/// the providers' HSDS packages they read (after that, or when no run is coming, they are made
/// like the other pages, packages and all).
const OPEN_DATA_WAIT: Duration = Duration::from_secs(10);

/// Whether the open-data pages are left for the background run to make what they read: a record
/// edit's packages take a second or more, which the next edit would wait for.
fn open_data_wait(background: &Background, edited: Instant) -> bool {
    (background.running || background.wanted) && edited.elapsed() < OPEN_DATA_WAIT
}

/// Makes a batch of the pages an edit affected that were left for later, and swaps them in
/// (with `but_open_data`, not the open-data pages no browser asked for: see [`open_data_wait`]).
fn render_pending(
    inc: &mut Incremental,
    shared: &Shared,
    n: usize,
    edited: Option<Instant>,
    but_open_data: bool,
) {
    let asked = shared
        .waiting
        .asked
        .lock()
        .map(|mut a| std::mem::take(&mut *a))
        .unwrap_or_default();
    let wanted = |p: &Path| asked.contains(p);
    let first = (!asked.is_empty()).then_some(&wanted as build::First);
    match inc.render_pending_made((n, Batch::AIM), first, but_open_data) {
        // Only the files made leave the waiting ones (listing every pending file again after
        // each batch was a quarter of the main loop's time after a template edit); the files
        // of pages that are no more, once nothing is pending.
        Ok((files, made)) if inc.has_pending() => {
            swap(&shared.current, files);
            shared.waiting.made(&made);
        }
        Ok((files, _)) => {
            swap(&shared.current, files);
            shared.waiting.set(Vec::new());
        }
        Err(diags) => {
            failed(&diags, &shared.hub);
            shared.waiting.set(inc.pending_files());
        }
    }
    if let Some(edited) = edited.filter(|_| !inc.has_pending()) {
        every_page_made(edited);
    }
}

/// Prints (`MINH_TIMINGS`) how long after the edit every page it affected was made.
fn every_page_made(edited: Instant) {
    let ms = edited.elapsed().as_secs_f64() * 1000.0;
    eprintln!("every page after the edit: {ms:.1} ms");
}

/// The first good build: its search index made as the background runs make it, so that the
/// first edit's run takes what it left as later edits' runs do (without it, the first edit's
/// index followed ~2.5 s after the edit at 10 000 pages, not ~1 s), and its site-wide files noted
/// as made ready (see [`build::Sent`]).
fn first_build(
    opts: &Options,
    current: &Current,
    hub: &Hub,
    start: Instant,
    background: &Background,
) -> Option<Incremental> {
    // No background run is under way before a first good build: the lock is free.
    let mut reuse = background.reuse.try_lock().ok();
    match Incremental::new_keeping(opts.clone(), reuse.as_deref_mut()) {
        Ok((inc, diags)) => {
            if let Ok(mut sent) = background.sent.try_lock() {
                *sent = inc.sent();
            }
            report(&diags);
            swap(current, inc.files());
            eprintln!(
                "{}",
                crate::catalogue::cli::serve_built(
                    start.elapsed().as_secs_f64() * 1000.0,
                    inc.files().len()
                )
            );
            Some(inc)
        }
        Err(diags) => {
            failed(&diags, hub);
            None
        }
    }
}

/// Rebuilds after a change; without a good build yet, tries a full one.
/// The pages a browser has open are made first; the others wait (see [`Waiting`]).
fn rebuild(
    inc: Option<Incremental>,
    opts: &Options,
    change: &Change,
    shared: &Shared,
    background: &Background,
) -> Option<Incremental> {
    let (current, hub) = (&shared.current, &*shared.hub);
    let start = Instant::now();
    let Some(mut inc) = inc else {
        let inc = first_build(opts, current, hub, start, background)?;
        hub.reload(inc.generation());
        return Some(inc);
    };
    let open = shared.recent.files();
    match inc.rebuild_first(change, &|p| open.contains(p)) {
        Ok(rebuilt) => {
            shared.waiting.set(inc.pending_files());
            swap(current, rebuilt.files);
            hub.reload(rebuilt.generation);
            report_touched(&rebuilt.diagnostics, change);
            let edited = match change {
                Change::Markdown(p) | Change::Data(p) => Some(list(p)),
                Change::Everything => None,
            };
            eprintln!(
                "{}",
                crate::catalogue::cli::serve_rebuilt(
                    start.elapsed().as_secs_f64() * 1000.0,
                    rebuilt.rendered,
                    edited.as_deref()
                )
            );
        }
        Err(diags) => failed(&diags, hub),
    }
    Some(inc)
}

fn list(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

fn failed(diags: &Diagnostics, hub: &Hub) {
    report(diags);
    eprintln!("{}", crate::catalogue::cli::serve_failed(diags.errors()));
    hub.fail(diags);
}

/// Prints the problems of the files a change touched (all of them after a full rebuild).
fn report_touched(diags: &Diagnostics, change: &Change) {
    let mut touched = Diagnostics::new();
    touched.extend(
        diags
            .iter()
            .filter(|d| match change {
                Change::Markdown(paths) | Change::Data(paths) => paths.contains(&d.file),
                Change::Everything => true,
            })
            .cloned(),
    );
    report(&touched);
}

fn report(diags: &Diagnostics) {
    eprint!(
        "{}",
        diagnostics::render(&diags.clone().sorted(), Format::Text)
    );
}

fn swap(current: &Current, files: Arc<Files>) {
    if let Ok(mut c) = current.write() {
        *c = files;
    }
}

/// Site-wide files made in the background, one run at a time, on their own thread pool so that
/// they never hold up a rebuild's parallel work queued on the global one. The quick ones (sitemap,
/// feeds, open data) are swapped in first, the search index after; an edit makes the running
/// run stale, and it stops at its next turn instead of finishing work nobody will see.
#[derive(Default)]
struct Background {
    running: bool,
    wanted: bool,
    pool: Option<Arc<rayon::ThreadPool>>,
    /// Set when the site changed since the running run started.
    stale: Arc<AtomicBool>,
    /// What one run's search index leaves for the next (one run at a time uses it).
    reuse: Arc<Mutex<build::SearchReuse>>,
    /// The files the runs made ready last (one run at a time uses it).
    sent: Arc<Mutex<build::Sent>>,
}

impl Background {
    fn want(&mut self, inc: &Incremental, tx: &Sender<Msg>) {
        self.wanted = true;
        self.restart_if_wanted(inc, tx);
    }

    /// Tells the running run (if any) that its site is no longer current.
    fn supersede(&self) {
        self.stale.store(true, Ordering::Relaxed);
    }

    /// A pool of one thread per processor, its threads at a lower priority, made on first use
    /// (`None` if the system cannot start a thread). The search index, parallel inside, follows
    /// an edit sooner on every core, and a rebuild still takes the processors it needs: the
    /// scheduler gives a thread at `nice` 10 about a tenth of a core that a thread at 0 wants.
    fn pool(&mut self) -> Option<Arc<rayon::ThreadPool>> {
        if self.pool.is_none() {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            self.pool = rayon::ThreadPoolBuilder::new()
                .num_threads(cores)
                .thread_name(|_| "minh-site-files".into())
                .start_handler(|_| lower_priority())
                .build()
                .ok()
                .map(Arc::new);
        }
        self.pool.clone()
    }

    fn restart_if_wanted(&mut self, inc: &Incremental, tx: &Sender<Msg>) {
        if self.running || !self.wanted {
            return;
        }
        self.running = true;
        self.wanted = false;
        self.stale = Arc::new(AtomicBool::new(false));
        let (site, generation, tx) = (inc.site(), inc.generation(), tx.clone());
        let stale = Arc::clone(&self.stale);
        let reuse = Arc::clone(&self.reuse);
        let sent = Arc::clone(&self.sent);
        let pool = self.pool();
        std::thread::spawn(move || {
            lower_priority();
            let run = || {
                let mut paths: Vec<PathBuf> = Vec::new();
                let is_stale = || stale.load(Ordering::Relaxed);
                let mut reuse = reuse.lock().unwrap_or_else(|e| e.into_inner());
                let mut sent = sent.lock().unwrap_or_else(|e| e.into_inner());
                build::site_files_reusing(&site, &mut reuse, &is_stale, &mut |outputs, last| {
                    paths.extend(outputs.iter().map(|o| o.path.clone()));
                    let all = last.then(|| std::mem::take(&mut paths));
                    let ready = build::ReadyFiles::made(outputs, &mut sent);
                    if let Some(all) = &all {
                        sent.keep_only(all);
                    }
                    let _ = tx.send(Msg::SiteFiles(generation, ready, all));
                });
            };
            match pool {
                Some(pool) => pool.install(run),
                None => run(),
            }
            let _ = tx.send(Msg::SiteFilesDone);
        });
    }
}

/// Lowers the calling thread's scheduling priority by 10 (on Linux `nice` is per thread), so
/// that site-wide files made in the background give the processor to the next edit's rebuild and
/// to the pages it leaves for later.
#[cfg(target_os = "linux")]
fn lower_priority() {
    use rustix::process::{getpriority_process, setpriority_process};
    let tid = Some(rustix::thread::gettid());
    if let Ok(now) = getpriority_process(tid) {
        let _ = setpriority_process(tid, (now + 10).min(19));
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// The address the server was bound to: requests must name it (or `localhost`) as their host.
struct Owner {
    bind: String,
    port: u16,
}

fn answer_forever(server: &tiny_http::Server, shared: &Shared) {
    let owner = &shared.owner;
    while let Ok(request) = server.recv() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        if !http::host_allowed(host.as_deref(), &owner.bind, owner.port) {
            let _ = request.respond(
                tiny_http::Response::from_string(
                    "403 Forbidden: this preview answers only requests addressed to the computer it runs on (localhost)\n",
                )
                .with_status_code(403),
            );
            continue;
        }
        answer(request, shared);
    }
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn answer(request: tiny_http::Request, shared: &Shared) {
    let (current, hub) = (&shared.current, &shared.hub);
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(
            tiny_http::Response::from_string("405 Method Not Allowed\n").with_status_code(405),
        );
        return;
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    let reply = match path {
        "/__minh/events" => {
            let events = hub.subscribe();
            std::thread::spawn(move || live::stream(request, events));
            return;
        }
        "/__minh/live.js" => asset(live::LIVE_JS, "text/javascript; charset=utf-8"),
        "/__minh/live.css" => asset(live::LIVE_CSS, "text/css; charset=utf-8"),
        _ => {
            let key = http::file_key(&url);
            if let Some(key) = &key {
                shared.waiting.until_made(key);
            }
            let files = current.read().map(|c| Arc::clone(&c)).ok();
            let reply = match files {
                Some(f) => http::respond(&f, &url, true),
                None => http::respond(&Files::new(), &url, true),
            };
            if let Some(key) = key.filter(|_| reply.status == 200) {
                if key.extension().is_some_and(|e| e == "html") {
                    shared.recent.saw(key);
                }
            }
            reply
        }
    };
    let mut response =
        tiny_http::Response::from_data(reply.body.to_vec()).with_status_code(reply.status);
    let headers = [
        header("Content-Type", reply.content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        reply
            .location
            .as_deref()
            .and_then(|l| header("Location", l)),
    ];
    for h in headers.into_iter().flatten() {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

fn asset(text: &'static str, content_type: &'static str) -> http::Reply {
    http::Reply {
        status: 200,
        content_type,
        body: Arc::from(text.as_bytes()),
        location: None,
    }
}
