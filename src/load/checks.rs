//! Checks across files: references from records to plans and acts, and inferred fields named in
//! front matter.

use crate::catalogue::provenance as catalogue;
use crate::diagnostics::{Diagnostic, Position};
use crate::load::provenance::{Announced, Basis};

/// Every field marked as inferred in plan and act front matter must be one their pages can mark.
pub fn check_front_inferred(sources: &[crate::load::source::Source]) -> Vec<Diagnostic> {
    use crate::load::kinds::Front;
    let mut out = Vec::new();
    for s in sources {
        let (fields, allowed) = match &s.front {
            Front::Plan(p) => (&p.inferred, crate::load::provenance::PLAN_INFERABLE),
            Front::Law(l) => (&l.inferred, crate::load::provenance::LAW_INFERABLE),
            _ => continue,
        };
        for f in fields {
            if let Some(d) = crate::load::provenance::check_inferred(f, allowed, &s.file) {
                // Front matter starts on the file's second line.
                out.push(d.offset_lines(1));
            }
        }
    }
    out
}

/// Every plan a record is named in, and every act that announced one, must be a page of the site.
pub fn check_references(
    sources: &[crate::load::source::Source],
    facilities: &[crate::load::records::Facility],
) -> Vec<Diagnostic> {
    use crate::load::kinds::Kind;
    let stems = |kind: Kind| -> Vec<&str> {
        let mut v: Vec<&str> = sources
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.stem.as_str())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (plans, laws) = (stems(Kind::Plan), stems(Kind::Law));
    let mut out = Vec::new();
    for f in facilities {
        let (id, known, plan, folder) = match &f.record.basis.value {
            Basis::Plan(id) => (id, &plans, true, "content/plans/"),
            Basis::Announced(Announced { act: Some(id), .. }) => {
                (id, &laws, false, "content/laws/")
            }
            _ => continue,
        };
        if known.contains(&id.value.as_str()) {
            continue;
        }
        let nearest = crate::diagnostics::nearest(&id.value, known.iter().copied());
        out.push(
            f.locate(
                Diagnostic::error(
                    &f.file,
                    catalogue::unknown_reference(plan, &id.value, folder, nearest),
                )
                .at(Position::new(id.referenced.line(), id.referenced.column())),
            ),
        );
    }
    out
}
