//! Prints the history minh reads from a site's repository (lineages, events, notes), for debugging.
fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let (h, stats) = minh::history::read_with_stats(std::path::Path::new(&root), false);
    println!("{:?}; {} commits; {:?}", h.status, h.commits.len(), stats);
    for c in &h.commits {
        println!(
            "commit {} {} minor={} baseline={} notes={:?}",
            &c.id[..8],
            c.date().iso(),
            c.minor,
            c.baseline,
            c.notes
        );
    }
    for l in h.all() {
        let evs: Vec<String> = l
            .events
            .iter()
            .map(|e| {
                format!(
                    "{}:{:?}{}",
                    h.commit(e).date().iso(),
                    e.kind,
                    if e.note.is_empty() {
                        String::new()
                    } else {
                        format!("{:?}", e.note)
                    }
                )
            })
            .collect();
        println!("{} alive={} {}", l.path, l.alive, evs.join(" "));
    }
}
