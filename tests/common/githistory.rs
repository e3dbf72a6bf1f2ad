//! A small site with a git history made by the `git` program, with explicit dates and messages:
//! publication, a target change, a minor typo, a provider's phone with `change_note`, a rename and
//! a deletion. Shared by tests/history.rs and tests/browser_history.rs.

use super::{site, write};
use std::path::Path;
use std::process::Command;

pub const COMMITTER: &str = "Nguyễn Văn Bí Mật";
pub const EMAIL: &str = "bimat.committer@so-y-te.example.vn";

pub fn git(root: &Path, args: &[&str], date: &str) {
    let o = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_NAME", COMMITTER)
        .env("GIT_AUTHOR_EMAIL", EMAIL)
        .env("GIT_COMMITTER_NAME", COMMITTER)
        .env("GIT_COMMITTER_EMAIL", EMAIL)
        .env("GIT_AUTHOR_DATE", format!("{date}T09:00:00+07:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T09:00:00+07:00"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .output()
        .expect("run git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

pub fn commit(root: &Path, date: &str, message: &str) {
    git(root, &["add", "-A", "content", "site.yaml", "themes"], date);
    git(root, &["commit", "-q", "-m", message], date);
}

const FACILITY: &str = "id: thu-nghiem\nbasis: {plan: ke-hoach-thu}\nname: {vi: \"Cơ sở thử\", en: \"Test facility\"}\nkind: voluntary_public\naddress:\n  province: \"Đà Nẵng\"\n  former_province: \"Quảng Nam\"\nphones:\n  - number: \"0235 3852 123\"\nfees: {free: true}\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n";

const CLOSING: &str = "id: sap-dong\nbasis: {plan: ke-hoach-thu}\nname: {vi: \"Cơ sở Sắp Đóng\", en: \"Closing facility\"}\nkind: voluntary_private\naddress:\n  province: \"Đà Nẵng\"\nphones:\n  - number: \"0236 3650 111\"\nfees: {free: false}\nverification: {date: 2026-10-01, by: \"Nhóm biên tập\", method: phone_call}\n";

const OFFICES: &str = "history:\n  office: {vi: \"Văn phòng Sở\", en: \"The department's office\"}\n  offices:\n    - {path: content/facilities/, office: {vi: \"Phòng Phòng chống tệ nạn xã hội\", en: \"Social evils prevention division\"}}\n  slug: {vi: thay-doi, en: changes}\n";

/// The story of a small site, one commit per step, with dates.
pub fn make_history() -> tempfile::TempDir {
    let dir = site();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2024-01-01");
    let cfg = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    std::fs::write(root.join("site.yaml"), format!("{cfg}{OFFICES}")).expect("write");
    // 1. The program's files: a maintenance commit, no public note.
    git(root, &["add", "-A", "site.yaml", "themes"], "2024-01-01");
    git(
        root,
        &["commit", "-q", "-m", "Set up the theme"],
        "2024-01-01",
    );
    // 2. The content, published.
    write(root, "content/facilities/thu-nghiem.yaml", FACILITY);
    write(root, "content/facilities/sap-dong.yaml", CLOSING);
    write(
        root,
        "content/pages/huong-dan.vi.md",
        "---\ntitle: \"Hướng dẫn\"\n---\n\nCách tìm cơ sở cai nghiện gần nhà.\n",
    );
    write(
        root,
        "content/pages/huong-dan.en.md",
        "---\ntitle: \"Guide\"\n---\n\nHow to find a treatment service near you.\n",
    );
    commit(root, "2024-01-10", "Đăng tải kế hoạch và danh bạ cơ sở");
    // 3. The Vietnamese plan's target and text change (the English one does not).
    let plan = "content/plans/ke-hoach-thu.vi.md";
    let text = std::fs::read_to_string(root.join(plan)).expect("plan");
    let text = text.replace("value: 80", "value: 90").replace(
        "## I. Mục đích",
        "## I. Mục đích và yêu cầu\n\nBảo đảm người nghiện được tư vấn kịp thời.",
    );
    write(root, plan, &text);
    commit(
        root,
        "2024-03-05",
        "Điều chỉnh chỉ tiêu kế hoạch\n\nTheo Kế hoạch số 2/KH-UBND.\n\nChange-note-en: Plan target amended",
    );
    // 4. A typo: minor, the date moves, no note.
    write(root, plan, &text.replace("kịp thời", "kịp thời, miễn phí"));
    commit(root, "2024-04-01", "Sửa lỗi chính tả\n\nMinor: yes");
    // 5. A provider's phone, with the office's own wording in the record.
    let fac = FACILITY.replace("0235 3852 123", "0235 3852 999")
        + "change_note: {vi: \"Cập nhật số điện thoại\", en: \"Phone number updated\"}\n";
    write(root, "content/facilities/thu-nghiem.yaml", &fac);
    commit(root, "2024-05-20", "chore: yaml");
    // 6. A page renamed (both languages).
    git(
        root,
        &[
            "mv",
            "content/pages/huong-dan.vi.md",
            "content/pages/cach-tim.vi.md",
        ],
        "2024-06-15",
    );
    git(
        root,
        &[
            "mv",
            "content/pages/huong-dan.en.md",
            "content/pages/cach-tim.en.md",
        ],
        "2024-06-15",
    );
    commit(root, "2024-06-15", "Đổi tên trang hướng dẫn");
    // 7. A provider removed.
    std::fs::remove_file(root.join("content/facilities/sap-dong.yaml")).expect("rm");
    commit(root, "2024-07-01", "Cơ sở Sắp Đóng ngừng hoạt động");
    dir
}
