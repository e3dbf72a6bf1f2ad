//! The README for officials: its field tables are generated from the validator's field lists and
//! cannot drift from them; every command is shown with and without Rust.

mod common;
use common::repo;

const START: &str = "<!-- fields:start -->\n";
const END: &str = "<!-- fields:end -->";

#[test]
fn readme_field_tables_are_the_validators_fields() {
    let path = repo().join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    let (Some(a), Some(b)) = (text.find(START), text.find(END)) else {
        panic!("README.md lacks the {START:?} … {END:?} markers");
    };
    let generated = minh::load::fields::markdown();
    let kept = &text[a + START.len()..b];
    if std::env::var_os("MINH_BLESS").is_some() && kept != generated {
        let new = format!("{}{START}{generated}{}", &text[..a], &text[b..]);
        std::fs::write(&path, new).expect("write README.md");
        return;
    }
    assert!(
        kept == generated,
        "README.md's field tables differ from the fields minh accepts: run MINH_BLESS=1 cargo test --test readme"
    );
    for g in minh::load::fields::groups() {
        for f in &g.fields {
            assert!(
                kept.contains(&format!("| `{f}` |")),
                "README.md lacks {}.{f}",
                g.path
            );
        }
    }
}

#[test]
fn readme_shows_every_command_with_and_without_rust() {
    let text = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    for needle in [
        "Releases",
        "unzip",
        "minh.exe check",
        "./minh check",
        "cargo run --release -- check",
        "minh.exe serve",
        "minh.exe build",
        "minh.exe new plan",
        "`law`",
        "`issued: 2021-03`",
        "delete the `number` line",
        "`current_province`",
        "`former_province`",
    ] {
        assert!(text.contains(needle), "README.md lacks {needle:?}");
    }
}
