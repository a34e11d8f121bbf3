//! Small text helpers: folding for lookups, case conversion, markdown emphasis removal.

/// Old-style tone placement pairs (lowercase) and their new-style forms.
const TONE_PAIRS: [(&str, &str); 15] = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Lookup key: lower case, new-style tone marks, one kind of dash, single spaces, no spaces
/// around dashes.
///
/// ```
/// # use vanban_meta::text::fold;
/// assert_eq!(fold("KHÁNH HOÀ"), fold("Khánh Hòa"));
/// assert_eq!(fold("Bà Rịa – Vũng Tàu"), fold("Bà Rịa-Vũng  Tàu"));
/// ```
pub fn fold(s: &str) -> String {
    let low = new_tones(&s.to_lowercase());
    let mut out = String::with_capacity(low.len());
    let mut pending_space = false;
    for c in low.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_dash(c) {
            pending_space = false;
            out.push('-');
            continue;
        }
        if pending_space && !out.ends_with('-') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Letters without their diacritics, for comparing names a broken font misprinted
/// ("TÓI CAO" for "TỐI CAO"): upper or lower case kept, đ/Đ as d/D.
///
/// ```
/// # use vanban_meta::text::strip_marks;
/// assert_eq!(strip_marks("TÒA ÁN NHÂN DÂN TỐI CAO"), strip_marks("TOA AN NHAN DAN TÓI CAO"));
/// assert_eq!(strip_marks("Đắk Lắk"), "Dak Lak");
/// ```
pub fn strip_marks(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'Đ' => 'D',
            'đ' => 'd',
            c => c,
        })
        .collect()
}

/// Rewrite old-style tone placement ("Uỷ ban", "HOÀ") to the new style ("Ủy ban", "HÒA"),
/// keeping case.
///
/// ```
/// # use vanban_meta::text::new_tones;
/// assert_eq!(new_tones("Uỷ ban nhân dân tỉnh Khánh Hoà"), "Ủy ban nhân dân tỉnh Khánh Hòa");
/// assert_eq!(new_tones("UỶ BAN"), "ỦY BAN");
/// ```
pub fn new_tones(s: &str) -> String {
    // only open syllables move the mark: "hoà" -> "hòa", but "hoạch" stays
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let (Some(&a), Some(&b)) = (chars.get(i), chars.get(i + 1)) else {
            out.extend(chars.get(i..).unwrap_or(&[]).iter());
            break;
        };
        // "qu" is a consonant: "quý", "QUỸ" keep their mark
        let after_q = i > 0 && chars.get(i - 1).is_some_and(|c| matches!(c, 'q' | 'Q'));
        let at_end = !after_q && !chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
        let pair: String = [a, b].iter().collect::<String>().to_lowercase();
        if at_end {
            if let Some((_, new)) = TONE_PAIRS.iter().find(|(old, _)| *old == pair) {
                let mut nc = new.chars();
                let (na, nb) = (nc.next().unwrap_or(a), nc.next().unwrap_or(b));
                out.extend(if a.is_uppercase() {
                    na.to_uppercase().collect::<Vec<_>>()
                } else {
                    vec![na]
                });
                out.extend(if b.is_uppercase() {
                    nb.to_uppercase().collect::<Vec<_>>()
                } else {
                    vec![nb]
                });
                i += 2;
                continue;
            }
        }
        out.push(a);
        i += 1;
    }
    out
}

/// Upper-case the first char, keep the rest.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// First char upper case, the rest lower case.
///
/// ```
/// # use vanban_meta::text::sentence_case;
/// assert_eq!(sentence_case("KẾ HOẠCH"), "Kế hoạch");
/// ```
pub fn sentence_case(s: &str) -> String {
    upper_first(&s.to_lowercase())
}

/// Every word title case ("CHÂU THÀNH" -> "Châu Thành").
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| upper_first(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `s` has letters and none of them is lower case.
pub fn is_upper(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

/// A short line of OCR junk, not writing: each of its (at most three) words has a lower
/// case letter followed by a capital ("vẤY", read off a QR code or a seal) or no letter at
/// all. A Vietnamese word is lower case, capitalized or all capitals, never capitals after
/// small letters.
///
/// ```
/// # use vanban_meta::text::is_case_junk;
/// assert!(is_case_junk("vẤY"));
/// assert!(!is_case_junk("VẬN CHUYỂN HÀNG HÓA"));
/// assert!(!is_case_junk("Về việc"));
/// ```
pub fn is_case_junk(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let small_then_capital = |w: &str| {
        let mut seen_lower = false;
        for c in w.chars() {
            if c.is_lowercase() {
                seen_lower = true;
            } else if c.is_uppercase() && seen_lower {
                return true;
            }
        }
        false
    };
    !words.is_empty()
        && words.len() <= 3
        && words.iter().any(|w| small_then_capital(w))
        && words
            .iter()
            .all(|w| small_then_capital(w) || !w.chars().any(char::is_alphabetic))
}

/// A line no title holds: a blank left to fill in (four or more dots in a row, a form's or
/// the registry stamp's "Chuyển:........"), or a short line with a sign no Vietnamese text
/// is typed in ("ĐỀNNgav¿0.2‡., /2d": a received-document stamp or a seal read by OCR).
///
/// ```
/// # use vanban_meta::text::is_stamp_junk;
/// assert!(is_stamp_junk("Chuyên:......................... „ , ."));
/// assert!(is_stamp_junk("ĐỀNNgav¿0.2‡., /2d"));
/// assert!(is_stamp_junk("| §đvà ký hiệuH§,..............-e| CỤC TRƯỞNG"));
/// assert!(!is_stamp_junk("Xử phạt vi phạm hành chính"));
/// assert!(!is_stamp_junk("Về việc giao chỉ tiêu năm 2025 (đợt 2) cho các huyện, thị xã"));
/// assert!(!is_stamp_junk("Ban hành Quy chế... của Sở"));
/// ```
pub fn is_stamp_junk(line: &str) -> bool {
    let mut run = 0;
    let mut blank = false;
    for c in line.chars() {
        run = match c {
            '.' => run + 1,
            '…' => run + 3,
            _ => 0,
        };
        blank |= run >= 4;
    }
    let odd = |c: char| {
        !(c.is_alphanumeric()
            || c.is_whitespace()
            || ".,;:!?()[]\"'“”‘’-–—/%&+*=<>°#@…".contains(c))
    };
    blank || (line.split_whitespace().count() <= 6 && line.chars().any(odd))
}

/// Collapse whitespace runs to one space and trim.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line with markdown emphasis and heading marks removed and whitespace collapsed:
/// `**ỦY BAN NHÂN DÂN` -> `ỦY BAN NHÂN DÂN`, `# KẾ HOẠCH` -> `KẾ HOẠCH`.
///
/// ```
/// # use vanban_meta::text::clean_line;
/// assert_eq!(clean_line("**KT.CHỦ TỊCH  "), "KT.CHỦ TỊCH");
/// assert_eq!(clean_line("## __Về việc__ *abc*"), "Về việc abc");
/// assert_eq!(clean_line("- Sở Tài chính;"), "- Sở Tài chính;");
/// ```
pub fn clean_line(s: &str) -> String {
    let t = s.trim();
    let t = t.trim_start_matches('#').trim_start();
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        if c == '*' || c == '_' {
            // a run of emphasis marks: drop it unless it is a lone '*' between spaces
            // (list bullet) or part of a word like snake_case
            let mut j = i;
            while chars.get(j) == Some(&c) {
                j += 1;
            }
            let prev_word = i > 0 && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric());
            let next_word = chars.get(j).is_some_and(|n| n.is_alphanumeric());
            let run = j - i;
            if c == '_' && run == 1 && prev_word && next_word {
                out.push(c);
            } else if c == '*' && run == 1 && i == 0 && chars.get(1) == Some(&' ') {
                out.push('-');
            } else if run >= 3 && !prev_word && !next_word && i == 0 && j == chars.len() {
                // a rule line like "***" or "___": keep as a separator
                for _ in 0..run {
                    out.push(c);
                }
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    squash(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_unifies() {
        assert_eq!(fold("  Uỷ   ban "), "ủy ban");
        assert_eq!(fold("KẾ HOẠCH"), "kế hoạch");
        assert_eq!(
            new_tones("Hoà, hoàn, KHOẺ, thuỷ."),
            "Hòa, hoàn, KHỎE, thủy."
        );
        assert_eq!(fold("Thừa Thiên - Huế"), "thừa thiên-huế");
        assert_ne!(fold("Hà Nam"), fold("Hà Nội"));
    }

    #[test]
    fn case_helpers() {
        assert!(is_upper("ỦY BAN NHÂN DÂN"));
        assert!(is_upper("KT. CHỦ TỊCH"));
        assert!(!is_upper("Kế hoạch"));
        assert!(!is_upper("123 / -"));
        assert_eq!(title_case("CHÂU THÀNH"), "Châu Thành");
        assert_eq!(sentence_case(""), "");
    }

    #[test]
    fn clean_line_keeps_rules_and_words() {
        assert_eq!(clean_line("___"), "___");
        assert_eq!(clean_line("a_b"), "a_b");
        assert_eq!(clean_line("**"), "");
        assert_eq!(clean_line("* item"), "- item");
    }
}
