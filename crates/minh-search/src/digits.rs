//! Postings written as two strings of printable ASCII digits (doc deltas, impacts) instead of JSON numbers.
//!
//! A term's postings `(doc, impact)` were JSON numbers `delta*64+impact`, whose decimal digits
//! compress poorly. Here each doc delta is written in base [`HALF`], most significant digit
//! first, every digit but the last from the second half of [`ALPHABET`] (so the last one ends
//! the number), and each impact (1..=63) is one character of [`ALPHABET`]; the two strings sit
//! side by side in the shard. On the 1 000-page corpus the word and bigram shards gzipped are
//! 14 % smaller (vi 534 KB to 458 KB, en 342 KB to 290 KB). search.js decodes the same way.

/// The 92 printable ASCII characters a JSON string holds without escapes (all of `!`..=`~`
/// but `"` and `\`), in order; a character's digit is its position.
pub(crate) const ALPHABET: &[u8] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
/// Digits of a doc delta: the first half ends a number, the second half goes on.
const HALF: u32 = 46;

/// The digit of one character of [`ALPHABET`] (None for any other character).
fn digit(c: u8) -> Option<u32> {
    let d = match c {
        b'!' => 0,
        b'#'..=b'[' => c - b'#' + 1,
        b']'..=b'~' => c - b']' + 58,
        _ => return None,
    };
    Some(u32::from(d))
}

/// Appends doc delta `n` (base [`HALF`], the last digit from the first half).
pub(crate) fn push_delta(out: &mut String, mut n: u32) {
    let mut buf = [0u8; 8];
    let mut at = buf.len() - 1;
    buf[at] = ALPHABET[(n % HALF) as usize];
    n /= HALF;
    while n > 0 {
        at -= 1;
        buf[at] = ALPHABET[(HALF + n % HALF) as usize];
        n /= HALF;
    }
    out.extend(buf[at..].iter().map(|&b| char::from(b)));
}

/// Appends impact `q` (below 92) as one character.
pub(crate) fn push_impact(out: &mut String, q: u32) {
    out.push(char::from(ALPHABET[q.min(91) as usize]));
}

/// The postings `(doc, impact)` of the two strings [`push_delta`] and [`push_impact`] wrote
/// (docs are the running sums of the deltas); None if they do not decode or differ in length.
pub(crate) fn postings(deltas: &str, impacts: &str) -> Option<Vec<(u32, u32)>> {
    let mut out = Vec::with_capacity(impacts.len());
    let mut q = impacts.bytes();
    let (mut doc, mut n) = (0u32, 0u32);
    for c in deltas.bytes() {
        let d = digit(c)?;
        if d >= HALF {
            n = n.checked_mul(HALF)?.checked_add(d - HALF)?;
            continue;
        }
        n = n.checked_mul(HALF)?.checked_add(d)?;
        doc = doc.checked_add(n)?;
        out.push((doc, digit(q.next()?)?));
        n = 0;
    }
    (n == 0 && q.next().is_none()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_is_every_printable_character_json_holds_unescaped_and_digits_invert_it() {
        assert_eq!(ALPHABET.len(), 92);
        for (i, &c) in ALPHABET.iter().enumerate() {
            assert_eq!(digit(c), Some(i as u32));
            let s = char::from(c).to_string();
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(digit(b'"'), None);
        assert_eq!(digit(b'\\'), None);
        assert_eq!(digit(b' '), None);
    }

    #[test]
    fn postings_read_back_as_written() {
        let docs = [
            0u32, 1, 2, 45, 46, 47, 2_115, 2_116, 97_335, 97_336, 4_000_000,
        ];
        let mut deltas = String::new();
        let mut impacts = String::new();
        let mut prev = 0;
        for (i, &d) in docs.iter().enumerate() {
            push_delta(&mut deltas, d - prev);
            push_impact(&mut impacts, 1 + (i as u32 * 7) % 63);
            prev = d;
        }
        let back = postings(&deltas, &impacts).unwrap();
        let want: Vec<(u32, u32)> = docs
            .iter()
            .enumerate()
            .map(|(i, &d)| (d, 1 + (i as u32 * 7) % 63))
            .collect();
        assert_eq!(back, want);
        assert_eq!(postings("", ""), Some(Vec::new()));
        // A delta cut before its last digit, a missing or extra impact, a foreign character.
        assert_eq!(postings("~", "!"), None);
        assert_eq!(postings("!!", "!"), None);
        assert_eq!(postings("!", "!!"), None);
        assert_eq!(postings("\"", "!"), None);
    }
}
