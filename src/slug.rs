//! ASCII slugs with Vietnamese diacritics folded (Đồng Tháp → dong-thap).

/// Folds a string to lowercase ASCII without diacritics; đ/Đ become d.
///
/// Each character is decomposed alone (NFD of the whole text only differs in the order of
/// combining marks, which are all dropped), and ASCII is lowered without decomposing.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    let d = if matches!(d, 'đ' | 'Đ') { 'd' } else { d };
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
    out
}

/// An ASCII slug: folded, alphanumerics kept, everything else collapsed into single dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// True when `s` is already a valid slug.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The same as decomposing the whole text first, on Vietnamese, NFD input, other scripts.
    #[test]
    fn folds_as_the_whole_text_decomposed() {
        let whole = |s: &str| -> String {
            s.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .map(|c| match c {
                    'đ' | 'Đ' => 'd',
                    _ => c,
                })
                .flat_map(char::to_lowercase)
                .collect()
        };
        let nfd: String = "Thừa Thiên Huế".nfd().collect();
        for s in [
            "ĐỒNG THÁP, Cần Thơ: Ơ Ư ơ ư",
            nfd.as_str(),
            "e\u{0323}\u{0302} İstanbul Ǆ ß Ἀθῆναι Å",
            "ASCII only 123 / KH-UBND",
        ] {
            assert_eq!(fold(s), whole(s), "{s}");
        }
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(slugify("Đồng Tháp"), "dong-thap");
        assert_eq!(slugify("Hồ Chí Minh"), "ho-chi-minh");
        assert_eq!(slugify("1737/KH-UBND"), "1737-kh-ubnd");
        assert_eq!(slugify("  Quảng  Trị — 2022 "), "quang-tri-2022");
        assert_eq!(slugify("Bà Rịa - Vũng Tàu"), "ba-ria-vung-tau");
        assert_eq!(slugify("I. MỤC ĐÍCH, YÊU CẦU"), "i-muc-dich-yeu-cau");
    }

    #[test]
    fn nfd_input_folds_the_same() {
        let nfd: String = "Quảng Nam".nfd().collect();
        assert_eq!(slugify(&nfd), "quang-nam");
    }
}
