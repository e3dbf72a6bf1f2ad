//! Legal acts: plans link their acts, acts list the plans citing them, repealed acts are flagged.

mod common;
use common::*;

fn act(id: &str, until: Option<&str>, replaced: Option<&str>) -> String {
    let mut s = format!("---\ntitle: \"Văn bản {id}\"\nnumber: \"{id}\"\nkind: law\nissuer: \"Quốc hội\"\nsummary: \"Tóm tắt.\"\n");
    if let Some(u) = until {
        s.push_str(&format!("in_force_until: {u}\n"));
    }
    if let Some(r) = replaced {
        s.push_str(&format!("replaced_by: {r}\n"));
    }
    s + "---\n\nNội dung.\n"
}

#[test]
fn current_page_citing_a_repealed_act_is_a_warning() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/laws/luat-cu.vi.md",
        &act("luat-cu", Some("2026-06-30"), Some("luat-moi")),
    );
    write(
        root,
        "content/laws/luat-moi.vi.md",
        &act("luat-moi", None, None),
    );
    write(root, "content/pages/hien-nay.vi.md", "---\ntitle: \"Hiện nay\"\ncurrent: true\nreviewed: 2026-11-01\ncites: [luat-moi, luat-cu]\n---\n\nText.\n");
    let out = minh(&["check"], root);
    let err = stderr(&out);
    assert!(out.status.success(), "warnings only: {err}");
    assert!(err.contains("content/pages/hien-nay.vi.md:5:"), "{err}");
    assert!(err.contains("warning[repealed-act]"), "{err}");
    assert!(err.contains("cite `luat-moi`, which replaced it"), "{err}");
}

#[test]
fn review_older_than_a_year_is_a_warning() {
    let dir = site();
    write(
        dir.path(),
        "content/pages/cu.vi.md",
        "---\ntitle: \"Cũ\"\nreviewed: 2025-06-01\n---\n\nText.\n",
    );
    let out = minh(&["check"], dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning[review-overdue]"), "{err}");
}

#[test]
fn real_site_acts_link_back_to_the_plans_that_cite_them() {
    let (_tmp, public) = built_real_site();
    let plan =
        std::fs::read_to_string(public.join("vi/ke-hoach/quang-nam-1737-kh-ubnd-2024/index.html"))
            .expect("plan");
    assert!(
        plan.contains("/vi/van-ban/nd-116-2021-nd-cp/"),
        "the plan links its act"
    );
    let act = std::fs::read_to_string(public.join("vi/van-ban/nd-116-2021-nd-cp/index.html"))
        .expect("act");
    assert!(
        act.contains("/vi/ke-hoach/quang-nam-1737-kh-ubnd-2024/"),
        "the act lists the plan"
    );
    let old = std::fs::read_to_string(public.join("en/laws/luat-73-2021-qh14/index.html"))
        .expect("law 73");
    assert!(
        old.contains("No longer in force"),
        "law 73 is shown as repealed"
    );
    assert!(
        old.contains("/en/laws/luat-120-2025-qh15/"),
        "with what replaced it"
    );
}
