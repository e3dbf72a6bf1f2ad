//! Tokenizer tests: every Vietnamese vowel with every tone, case, đ, NFD input, mixed script.

use minh_search::{tokenize, Lang, Token, TokenKind};
use unicode_normalization::UnicodeNormalization;

const VOWELS: [(&str, char); 12] = [
    ("a", 'a'),
    ("ă", 'a'),
    ("â", 'a'),
    ("e", 'e'),
    ("ê", 'e'),
    ("i", 'i'),
    ("o", 'o'),
    ("ô", 'o'),
    ("ơ", 'o'),
    ("u", 'u'),
    ("ư", 'u'),
    ("y", 'y'),
];
const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];

fn words(lang: Lang, text: &str) -> Vec<(String, String)> {
    tokenize(lang, text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| (t.folded, t.exact))
        .collect()
}

fn folded(lang: Lang, text: &str) -> Vec<String> {
    words(lang, text).into_iter().map(|w| w.0).collect()
}

fn bigrams(lang: Lang, text: &str) -> Vec<String> {
    tokenize(lang, text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Bigram)
        .map(|t| t.folded)
        .collect()
}

#[test]
fn every_vowel_with_every_tone_in_both_cases_and_forms() {
    for (vowel, base) in VOWELS {
        for tone in TONES {
            let lower: String = format!("{vowel}{tone}").nfc().collect();
            let upper = lower.to_uppercase();
            for input in [lower.clone(), upper.clone()] {
                let nfd: String = input.nfd().collect();
                for form in [input.clone(), nfd] {
                    let w = words(Lang::Vi, &form);
                    assert_eq!(w.len(), 1, "{form:?}");
                    assert_eq!(w[0].0, base.to_string(), "folded of {form:?}");
                    assert_eq!(w[0].1, lower, "exact of {form:?}");
                }
            }
            // In a syllable with a final consonant, too.
            let syl: String = format!("t{vowel}{tone}n").nfc().collect();
            assert_eq!(words(Lang::Vi, &syl)[0], (format!("t{base}n"), syl.clone()));
        }
    }
}

#[test]
fn d_stroke_folds_to_d_in_both_cases() {
    assert_eq!(
        words(Lang::Vi, "Đường đi"),
        vec![
            ("duong".to_string(), "đường".to_string()),
            ("di".to_string(), "đi".to_string()),
        ]
    );
    assert_eq!(folded(Lang::Vi, "ĐỒNG THÁP"), vec!["dong", "thap"]);
}

#[test]
fn duong_forms_stay_distinct_exactly() {
    let w = words(Lang::Vi, "đường dương duong");
    assert!(w.iter().all(|x| x.0 == "duong"));
    assert_eq!(w[0].1, "đường");
    assert_eq!(w[1].1, "dương");
    assert_eq!(w[2].1, "duong");
}

#[test]
fn old_and_new_tone_placement_give_one_exact_form() {
    for (old, new) in [
        ("hòa", "hoà"),
        ("khỏe", "khoẻ"),
        ("thúy", "thuý"),
        ("Hóa", "Hoá"),
        ("tòa", "toà"),
        ("xòe", "xoè"),
        ("lũy", "luỹ"),
        ("Thủy", "Thuỷ"),
    ] {
        assert_eq!(words(Lang::Vi, old), words(Lang::Vi, new), "{old} / {new}");
        let nfd: String = old.nfd().collect();
        assert_eq!(words(Lang::Vi, &nfd), words(Lang::Vi, new));
    }
    // Syllables whose tone place is fixed keep it.
    for w in [
        "hoàn", "người", "tuổi", "ngoài", "khuỷu", "quả", "giá", "của", "mía", "việt",
    ] {
        assert_eq!(words(Lang::Vi, w)[0].1, w, "{w}");
    }
}

#[test]
fn nfd_input_gives_the_same_tokens() {
    let text = "Cai nghiện ma túy tại Đồng Tháp, Thừa Thiên Huế.";
    let nfd: String = text.nfd().collect();
    assert_eq!(tokenize(Lang::Vi, &nfd), tokenize(Lang::Vi, text));
}

#[test]
fn mixed_script_and_numbers() {
    assert_eq!(folded(Lang::Vi, "HIV/AIDS"), vec!["hiv", "aids"]);
    assert_eq!(bigrams(Lang::Vi, "HIV/AIDS"), vec!["hiv aids"]);
    assert_eq!(folded(Lang::Vi, "Methadone"), vec!["methadone"]);
    assert_eq!(folded(Lang::Vi, "COVID-19"), vec!["covid", "19"]);
    assert_eq!(
        folded(Lang::Vi, "Kế hoạch 1737/KH-UBND"),
        vec!["ke", "hoach", "1737", "kh", "ubnd"]
    );
    assert_eq!(
        bigrams(Lang::Vi, "1737/KH-UBND"),
        vec!["1737 kh", "kh ubnd"]
    );
    assert_eq!(
        folded(Lang::Vi, "tỷ lệ 12,5% và 1.737 người"),
        vec!["ty", "le", "12", "5", "va", "1", "737", "nguoi"]
    );
    assert_eq!(
        folded(Lang::En, "HIV/AIDS services"),
        vec!["hiv", "aid", "service"]
    );
}

#[test]
fn bigrams_follow_text_across_line_breaks_but_not_sentences() {
    assert_eq!(bigrams(Lang::Vi, "Đồng\nTháp"), vec!["dong thap"]);
    assert!(bigrams(Lang::Vi, "Đồng. Tháp").is_empty());
    assert!(bigrams(Lang::Vi, "Đồng; Tháp").is_empty());
    assert!(bigrams(Lang::Vi, "Đồng\n\nTháp").is_empty());
    assert_eq!(
        bigrams(Lang::Vi, "cai nghiện ma túy"),
        vec!["cai nghien", "nghien ma", "ma tuy"]
    );
    let t: Vec<Token> = tokenize(Lang::Vi, "cai nghiện");
    assert_eq!(t[2].exact, "cai nghiện");
    assert_eq!(t[2].pos, 0);
}

#[test]
fn vietnamese_keeps_function_words() {
    assert_eq!(
        folded(Lang::Vi, "người năm không và của"),
        vec!["nguoi", "nam", "khong", "va", "cua"]
    );
}

#[test]
fn english_stop_words_and_stemming() {
    assert_eq!(
        folded(Lang::En, "The treatment of addictions"),
        vec!["treatment", "addiction"]
    );
    assert_eq!(
        bigrams(Lang::En, "treatment of addictions"),
        vec!["treatment addiction"]
    );
    assert_eq!(
        folded(Lang::En, "the of"),
        vec!["the", "of"],
        "all stop words are kept"
    );
    assert_eq!(
        folded(
            Lang::En,
            "policies addresses boxes plans status analysis treated planned running living"
        ),
        vec![
            "policy", "address", "box", "plan", "status", "analysis", "treat", "plan", "run",
            "living"
        ]
    );
    // Vietnamese index does not stem.
    assert_eq!(folded(Lang::Vi, "plans"), vec!["plans"]);
}

#[test]
fn odd_input_does_not_panic() {
    for s in [
        "",
        " ",
        "...",
        "\u{301}",
        "a\u{301}\u{300}",
        "ǅ",
        "İstanbul",
        "ΣΑΣ",
        "日本語",
        "🙂",
        "e\u{301}\u{323}",
    ] {
        let _ = tokenize(Lang::Vi, s);
        let _ = tokenize(Lang::En, s);
    }
}
