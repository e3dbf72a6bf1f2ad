//! Edits the equivalence tests make to a copy of the real site (tests/serve_equivalence.rs,
//! tests/build_since.rs): each changes what the file says, so every output that read it changes.

#![allow(dead_code)]

use std::path::Path;

/// An edit of any source file: a markdown page's title and body ([`edit_markdown`]), otherwise
/// [`edit_data`].
pub fn edit(rel: &Path, text: &str, n: usize) -> String {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("md") => edit_markdown(text, n),
        _ => edit_data(rel, text, n),
    }
}

/// The same text with a visible edit: the title (in its quotes, if any) and the body both change.
pub fn edit_markdown(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_front = false;
    let mut fences = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" && fences < 2 {
            fences += 1;
            in_front = fences == 1;
            out.push_str(line);
            continue;
        }
        if in_front && line.starts_with("title:") {
            let value = line["title:".len()..].trim();
            let edited = match value.strip_suffix('"') {
                Some(v) if value.starts_with('"') && value.len() > 1 => format!("{v} (sửa {n})\""),
                _ => format!("{value} (sửa {n})"),
            };
            out.push_str(&format!("title: {edited}\n"));
            continue;
        }
        out.push_str(line);
    }
    out.push_str(&format!("\n\nĐoạn sửa thử số {n}.\n"));
    out
}

/// An edit of a data file that changes what it says: a name or text (`vi: "…"`), a UI string, a
/// number of a dataset, a template; a comment when none of these is there.
pub fn edit_data(rel: &Path, text: &str, n: usize) -> String {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "yaml" | "yml" if rel.starts_with("themes") => {
            let mut done = false;
            text.split_inclusive('\n')
                .map(|l| match l.split_once(": \"") {
                    Some((key, rest)) if !done && !key.starts_with([' ', '#']) => {
                        done = true;
                        format!("{key}: \"(sửa {n}) {rest}")
                    }
                    _ => l.to_string(),
                })
                .collect()
        }
        "yaml" | "yml" if text.contains("vi: \"") => {
            format!(
                "{}\n# sửa thử {n}\n",
                text.replacen("vi: \"", &format!("vi: \"Sửa {n}: "), 1)
            )
        }
        "yaml" | "yml" => format!("{text}\n# sửa thử {n}\n"),
        "csv" => {
            // The first row and the first total after it, by the same amount (a dataset whose
            // totals add up along that one row stays consistent; another is refused).
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let bump = |line: &mut String| {
                if let Some((head, value)) = line.rsplit_once(',') {
                    if let Ok(v) = value.trim().parse::<u64>() {
                        *line = format!("{head},{}", v + 1 + n as u64);
                    }
                }
            };
            if lines.len() > 1 {
                bump(&mut lines[1]);
            }
            if let Some(total) = lines.iter_mut().skip(2).find(|l| l.starts_with("Tổng,")) {
                bump(total);
            }
            lines.join("\n") + "\n"
        }
        "html" if text.contains("{% block content %}") => text.replacen(
            "{% block content %}",
            &format!("{{% block content %}}<p>Sửa thử {n}</p>"),
            1,
        ),
        "html" if text.contains("</main>") => {
            text.replacen("</main>", &format!("<p>Sửa thử {n}</p></main>"), 1)
        }
        "html" => format!("{text}<p>Sửa thử {n}</p>\n"),
        _ => text.to_string(),
    }
}
