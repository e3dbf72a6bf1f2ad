//! `minh serve`'s request handling: URL paths and Host headers. A path accepted as safe never
//! names anything outside the site; answers never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minh::build::Files;
use minh::serve::http::{host_allowed, respond, safe_path};
use std::path::Path;
use std::sync::{Arc, OnceLock};

fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut f = Files::new();
        for (p, b) in [
            ("index.html", "<html><body>root</body></html>"),
            ("vi/index.html", "<html><body>vi</body></html>"),
            ("404.html", "<html><body>missing</body></html>"),
            ("static/css/site.css", "body{}"),
        ] {
            f.insert(Arc::from(Path::new(p)), Arc::from(b.as_bytes()));
        }
        f
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(segments) = safe_path(url) {
        for s in &segments {
            assert!(s != ".." && s != ".", "{url:?} -> {segments:?}");
            assert!(!s.contains(['/', '\\', '\0']), "{url:?} -> {segments:?}");
        }
    }
    let reply = respond(files(), url, true);
    assert!(matches!(reply.status, 200 | 302 | 400 | 404), "{url:?}: {}", reply.status);
    if host_allowed(Some(url), "127.0.0.1", 1111) {
        let host = url.trim();
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split(']').next().unwrap_or(""),
            None => match host.rsplit_once(':') {
                Some((n, _)) if !n.contains(':') => n,
                _ => host,
            },
        };
        assert!(
            name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok(),
            "{url:?} accepted as this computer"
        );
    }
});
