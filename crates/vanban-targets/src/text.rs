//! Small text helpers shared by the readers: case folding that keeps byte offsets, word
//! boundaries and "the words just before / after a position".

/// Lowercase `s` char by char, keeping every byte offset valid: a char whose lowercase
/// form has a different UTF-8 length (rare outside Vietnamese) is kept as is. Line breaks
/// become spaces so that a paragraph wrapped over several lines reads as one.
///
/// ```
/// # use vanban_targets::text::fold;
/// assert_eq!(fold("Đến NĂM\n2030"), "đến năm 2030");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = 0; // start of the run of chars copied unchanged
    for (i, c) in s.char_indices() {
        let low = if c.is_ascii() {
            match c {
                '\n' | '\r' | '\t' => ' ',
                _ => c.to_ascii_lowercase(),
            }
        } else if let Some(l) = fast_lower(c) {
            l
        } else {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        };
        if low != c {
            out.push_str(&s[pending..i]);
            out.push(low);
            pending = i + c.len_utf8();
        }
    }
    out.push_str(&s[pending..]);
    out
}

/// Lowercase of the Latin letters Vietnamese uses, without a table search; `None` for
/// anything else (the caller falls back to `char::to_lowercase`).
fn fast_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        0x100..=0x12F | 0x14A..=0x177 => u | 1,
        0x1A0 | 0x1AF => u + 1,
        0x1A1 | 0x1B0 => u,
        0x1EA0..=0x1EF9 => u | 1,
        0x300..=0x36F => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// The longest prefix of `s` of at most `n` bytes that ends on a char boundary.
pub fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// True when `c` is part of a word (letters and digits, Vietnamese included).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char just before byte `i`.
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

/// The char at byte `i`.
pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Byte offset after skipping spaces from `i`.
pub fn skip_spaces(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if c == ' ' || c == '\u{a0}' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Byte offset before the spaces that end at `i`.
pub fn skip_spaces_back(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_before(s, i) {
        if c == ' ' || c == '\u{a0}' {
            i -= c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// True when `s[i..]` starts with the word(s) `w` followed by a non-word char or the end.
pub fn word_at(s: &str, i: usize, w: &str) -> bool {
    match s.get(i..) {
        Some(rest) if rest.starts_with(w) => !char_at(s, i + w.len()).is_some_and(is_word_char),
        _ => false,
    }
}

/// True when the text before byte `i` (spaces skipped) ends with the word(s) `w` at a word
/// boundary. Returns the start of `w` when it does.
pub fn ends_with_word(s: &str, i: usize, w: &str) -> Option<usize> {
    let e = skip_spaces_back(s, i);
    let head = s.get(..e)?;
    if !head.ends_with(w) {
        return None;
    }
    let st = e - w.len();
    if char_before(s, st).is_some_and(is_word_char) {
        return None;
    }
    Some(st)
}

/// The last `n` words before byte `i` (punctuation other than spaces ends the scan),
/// joined by single spaces, nearest last.
pub fn words_before(s: &str, i: usize, n: usize) -> String {
    let head = s.get(..i).unwrap_or("");
    let mut words: Vec<&str> = Vec::with_capacity(n);
    for w in head.rsplit(' ') {
        if w.is_empty() {
            continue;
        }
        let clean = w.trim_matches(|c: char| !is_word_char(c));
        if clean.is_empty() {
            break;
        }
        words.push(clean);
        if words.len() == n || clean.len() != w.len() {
            // a word glued to punctuation ("số:", "(1") ends the phrase
            break;
        }
    }
    words.reverse();
    words.join(" ")
}

/// The word starting at byte `i` (letters and digits) and its end.
pub fn word_from(s: &str, i: usize) -> (&str, usize) {
    let rest = s.get(i..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(b, _)| b);
    (&rest[..len], i + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets() {
        let s = "ĐẾN NĂM 2030, Hợp Tác Xã";
        let f = fold(s);
        assert_eq!(f.len(), s.len());
        assert_eq!(f, "đến năm 2030, hợp tác xã");
    }

    #[test]
    fn fast_lower_agrees_with_std() {
        for u in (0xC0..=0x17F).chain(0x1A0..=0x1B0).chain(0x1EA0..=0x1EF9) {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = fast_lower(c) {
                let std: String = c.to_lowercase().collect();
                assert_eq!(l.to_string(), std, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn word_helpers() {
        let s = "có trên 100 hợp tác xã";
        let i = s.find("100").unwrap();
        assert_eq!(words_before(s, i, 2), "có trên");
        assert!(ends_with_word(s, i, "trên").is_some());
        assert!(ends_with_word(s, i, "ên").is_none());
        assert!(word_at(s, i + 4, "hợp tác xã"));
        assert!(!word_at(s, i + 4, "hợp tác x"));
        assert_eq!(word_from(s, i + 4).0, "hợp");
        assert_eq!(words_before("Số: 5", 5, 2), "Số");
    }
}
