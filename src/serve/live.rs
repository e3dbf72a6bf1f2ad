//! Live reload: server-sent events to open pages (reload, or the errors of a failed build).

use crate::diagnostics::Diagnostics;
use serde::Serialize;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// The page script, served at `/__minh/live.js`.
pub const LIVE_JS: &str = include_str!("live.js");
/// The overlay's stylesheet, served at `/__minh/live.css`.
pub const LIVE_CSS: &str = include_str!("live.css");

/// One problem as the page overlay shows it.
#[derive(Serialize)]
struct Problem {
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    message: String,
    fix: Option<String>,
}

/// A `build-error` event listing the errors of `diags`.
pub fn error_event(diags: &Diagnostics) -> String {
    let problems: Vec<Problem> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.localized(crate::messages::current()))
        .map(|d| Problem {
            file: d.file.display().to_string(),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            message: d.message.to_string(),
            fix: d.fix.map(|f| f.into_owned()),
        })
        .collect();
    let data = serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into());
    format!("event: build-error\ndata: {data}\n\n")
}

/// A `reload` event for build `generation`.
pub fn reload_event(generation: u64) -> String {
    format!("event: reload\ndata: {generation}\n\n")
}

/// The open event streams, and the errors of the last build if it failed.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    failing: Mutex<Option<String>>,
}

impl Hub {
    /// A new stream; it first gets the current errors, if any.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        if let Some(e) = self.failing.lock().ok().and_then(|f| f.clone()) {
            let _ = tx.send(e);
        }
        if let Ok(mut c) = self.clients.lock() {
            c.push(tx);
        }
        rx
    }

    fn broadcast(&self, event: String) {
        if let Ok(mut c) = self.clients.lock() {
            c.retain(|tx| tx.send(event.clone()).is_ok());
        }
    }

    /// Tells every page to reload; the site builds again.
    pub fn reload(&self, generation: u64) {
        if let Ok(mut f) = self.failing.lock() {
            *f = None;
        }
        self.broadcast(reload_event(generation));
    }

    /// Tells every page the build failed, and why.
    pub fn fail(&self, diags: &Diagnostics) {
        let event = error_event(diags);
        if let Ok(mut f) = self.failing.lock() {
            *f = Some(event.clone());
        }
        self.broadcast(event);
    }
}

/// Streams events to one client until it goes away.
pub fn stream(request: tiny_http::Request, events: Receiver<String>) {
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match events.recv_timeout(Duration::from_secs(15)) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(chunk.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}
