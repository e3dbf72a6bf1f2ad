//! ASCII slugs with Vietnamese diacritics folded (Đồng Tháp → dong-thap).

use unicode_normalization::UnicodeNormalization;

/// Folds a string to lowercase ASCII without diacritics; đ/Đ become d.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
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
