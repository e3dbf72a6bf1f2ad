//! Answers one HTTP request from the in-memory site: safe paths, content types, live-reload injection.

use crate::build::Files;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The script tag injected before `</body>` of every HTML page in serve mode.
pub const LIVE_TAG: &str = "<script src=\"/__minh/live.js\" defer></script>";

/// What to send back.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Arc<[u8]>,
    /// Where a redirect points.
    pub location: Option<String>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Arc::from(text.as_bytes()),
            location: None,
        }
    }
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gz" => "application/gzip",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes once; `None` when an escape is malformed.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The output path a request path names, or `None` when it tries to leave the site
/// (`..`, `.`, backslashes, NUL, encoded separators or escapes, `//`).
pub fn safe_path(raw: &str) -> Option<Vec<String>> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    if !decoded.starts_with('/')
        || decoded.starts_with("//")
        || decoded.contains(['\\', '\0', '%', ':'])
    {
        return None;
    }
    let segments: Vec<String> = decoded[1..].split('/').map(str::to_string).collect();
    let last = segments.len().saturating_sub(1);
    for (i, s) in segments.iter().enumerate() {
        if s == ".." || s == "." || (s.is_empty() && i != last) {
            return None;
        }
    }
    Some(segments)
}

/// Whether a request's `Host` header names this server: `localhost`, a loopback address or the
/// bound address, with no port or the bound port. Any other name is refused, so that a web page
/// the owner visits cannot read the preview through DNS rebinding (its requests carry the
/// attacker's host name). Behind an unspecified bind (`0.0.0.0`, `::`), any IP literal is the
/// bound address; host names other than `localhost` still are not.
pub fn host_allowed(host: Option<&str>, bind: &str, port: u16) -> bool {
    let Some(host) = host.map(str::trim) else {
        return false;
    };
    let (name, host_port) = split_host(host);
    if host_port.is_some_and(|p| p != port.to_string()) {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let bind = bind.trim_start_matches('[').trim_end_matches(']');
    if name == "localhost" || name.eq_ignore_ascii_case(bind) {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => {
            ip.is_loopback()
                || bind
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|b| b.is_unspecified() || b == ip)
        }
        Err(_) => false,
    }
}

/// Splits `name[:port]` or `[v6][:port]` into the name (without brackets) and the port.
fn split_host(host: &str) -> (&str, Option<&str>) {
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => (rest, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => (name, Some(port)),
        _ => (host, None),
    }
}

/// Whether binding to `bind` keeps the server on this machine (loopback or `localhost`).
pub fn is_loopback_bind(bind: &str) -> bool {
    let b = bind.trim_start_matches('[').trim_end_matches(']');
    b.eq_ignore_ascii_case("localhost")
        || b.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Adds the live-reload script to an HTML page, before its last `</body>`.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

const NO_SITE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>minh serve</title></head><body><h1>No site yet</h1><p>The site has not built without errors yet: see the errors in the terminal. This page reloads when they are fixed.</p></body></html>";

/// Answers `GET url` from `files`; with `live`, HTML pages get the live-reload script.
/// The file a request for `url` is answered with when it is there (`a/` → `a/index.html`).
pub fn file_key(url: &str) -> Option<PathBuf> {
    let joined = safe_path(url)?.join("/");
    if joined.is_empty() || joined.ends_with('/') {
        Some(PathBuf::from(format!("{joined}index.html")))
    } else {
        Some(PathBuf::from(joined))
    }
}

pub fn respond(files: &Files, url: &str, live: bool) -> Reply {
    let Some(segments) = safe_path(url) else {
        return Reply::text(400, "400 Bad Request: this address is not allowed\n");
    };
    let joined = segments.join("/");
    let dir_request = joined.is_empty() || joined.ends_with('/');
    let key = if dir_request {
        format!("{joined}index.html")
    } else {
        joined.clone()
    };
    if let Some(body) = files.get(PathBuf::from(&key).as_path()) {
        return page(200, &key, body, live);
    }
    if !dir_request && files.contains_key(PathBuf::from(format!("{joined}/index.html")).as_path()) {
        let query = url.split_once('?').map(|(_, q)| format!("?{q}"));
        return Reply {
            status: 302,
            content_type: "text/plain; charset=utf-8",
            body: Arc::from(&b"moved\n"[..]),
            location: Some(format!("/{joined}/{}", query.unwrap_or_default())),
        };
    }
    not_found(files, &segments, live)
}

/// The 404 page of the requested path's language (`/en/…` → `en/404.html`), else the root one
/// (the default language's), with status 404.
fn not_found(files: &Files, segments: &[String], live: bool) -> Reply {
    let localized = segments
        .first()
        .map(|first| format!("{first}/404.html"))
        .filter(|key| files.contains_key(Path::new(key)));
    let key = localized.unwrap_or_else(|| "404.html".to_string());
    match files.get(Path::new(&key)) {
        Some(body) => page(404, &key, body, live),
        None => page(404, "404.html", &Arc::from(NO_SITE.as_bytes()), live),
    }
}

fn page(status: u16, key: &str, body: &Arc<[u8]>, live: bool) -> Reply {
    let content_type = content_type(key);
    let body = if live && content_type.starts_with("text/html") {
        Arc::from(inject(body))
    } else {
        Arc::clone(body)
    };
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let mut f = Files::new();
        for (p, b) in [
            ("index.html", "<html><body>root</body></html>"),
            ("vi/index.html", "<html><body>vi</body></html>"),
            ("404.html", "<html><body>missing</body></html>"),
            ("en/index.html", "<html><body>en</body></html>"),
            ("en/404.html", "<html><body>not found</body></html>"),
            ("static/css/site.css", "body{}"),
        ] {
            f.insert(Arc::from(Path::new(p)), Arc::from(b.as_bytes()));
        }
        f
    }

    #[test]
    fn serves_indexes_and_redirects() {
        let f = files();
        let r = respond(&f, "/vi/", true);
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains(LIVE_TAG));
        let r = respond(&f, "/vi?q=x", true);
        assert_eq!((r.status, r.location.as_deref()), (302, Some("/vi/?q=x")));
        let r = respond(&f, "/static/css/site.css", true);
        assert_eq!(r.content_type, "text/css; charset=utf-8");
        assert_eq!(&*r.body, b"body{}");
        assert_eq!(respond(&f, "/nope", false).status, 404);
    }

    #[test]
    fn answers_404_with_the_page_of_the_requested_language() {
        let f = files();
        for (url, body) in [
            ("/en/no-such-page/", "not found"),
            ("/en/a/b.html", "not found"),
            ("/vi/khong-co/", "missing"),
            ("/nope", "missing"),
        ] {
            let r = respond(&f, url, false);
            assert_eq!(r.status, 404, "{url}");
            assert_eq!(r.content_type, "text/html; charset=utf-8", "{url}");
            assert!(String::from_utf8_lossy(&r.body).contains(body), "{url}");
        }
    }

    #[test]
    fn refuses_traversal() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/",
            "/..%2f..%2fetc/passwd",
            "//etc/passwd",
            "/vi/..\\..\\x",
            "/vi/%5c..",
            "/a%00",
            "/%zz",
            "/C:/x",
            "/vi/./index.html",
        ] {
            assert_eq!(respond(&files(), bad, false).status, 400, "{bad}");
        }
        assert_eq!(respond(&files(), "/%252e%252e/", false).status, 400);
    }

    #[test]
    fn answers_only_its_own_host_names() {
        for ok in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
        ] {
            assert!(host_allowed(Some(ok), "127.0.0.1", 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "localhost:80",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "192.168.1.5:1111",
            "",
        ] {
            assert!(!host_allowed(Some(bad), "127.0.0.1", 1111), "{bad}");
        }
        assert!(!host_allowed(None, "127.0.0.1", 1111));
        assert!(host_allowed(Some("192.168.1.5:8080"), "0.0.0.0", 8080));
        assert!(host_allowed(Some("[fe80::1]:8080"), "::", 8080));
        assert!(!host_allowed(Some("rebind.example:8080"), "0.0.0.0", 8080));
        assert!(host_allowed(Some("[::1]:8080"), "[::1]", 8080));
        assert!(is_loopback_bind("127.0.0.1") && is_loopback_bind("::1"));
        assert!(is_loopback_bind("localhost") && is_loopback_bind("127.0.0.2"));
        assert!(!is_loopback_bind("0.0.0.0") && !is_loopback_bind("192.168.1.5"));
    }
}
