//! Character-level steps: NFC, odd spaces, and one tone-mark placement style.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Compose to NFC (fast path when the text is already NFC).
///
/// ```
/// assert_eq!(vanban_normalize::chars::nfc("Vie\u{323}\u{302}t"), "Việt");
/// ```
pub fn nfc(s: &str) -> String {
    if is_plain_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Replace odd spaces (NBSP, narrow/figure/ideographic spaces, tabs) by a space, drop
/// zero-width characters, soft hyphens and BOMs, collapse runs of spaces and trim.
///
/// ```
/// assert_eq!(vanban_normalize::chars::clean_spaces("a\u{00A0}\u{200B}b\tc  d\u{00AD}e "), "a b c de");
/// ```
pub fn clean_spaces(s: &str) -> String {
    // Fast path: once plain spaces are trimmed at both ends, no control bytes, no lead byte
    // of an odd space (U+00A0/00AD start with 0xC2, U+2000–206F with 0xE2, U+3000 with 0xE3,
    // U+FEFF with 0xEF) and no double space.
    let t = s.trim_matches(' ');
    let b = t.as_bytes();
    if !b
        .iter()
        .any(|&x| x < 0x20 || matches!(x, 0x7F | 0xC2 | 0xE2 | 0xE3 | 0xEF))
        && !t.contains("  ")
    {
        return t.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            ' '
            | '\t'
            | '\u{00A0}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{000B}'
            | '\u{000C}' => {
                pending_space = true;
            }
            c if c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// The vowel with the tone mark moved: (marked second vowel) -> (plain second vowel, tone index).
/// Tone index: 0 grave, 1 acute, 2 hook, 3 tilde, 4 dot below.
fn tone_of(c: char) -> Option<(char, usize)> {
    if (c as u32) < 0xC0 {
        return None;
    }
    const A: [char; 5] = ['à', 'á', 'ả', 'ã', 'ạ'];
    const E: [char; 5] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ'];
    const Y: [char; 5] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'];
    const AU: [char; 5] = ['À', 'Á', 'Ả', 'Ã', 'Ạ'];
    const EU: [char; 5] = ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'];
    const YU: [char; 5] = ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'];
    for (set, base) in [
        (A, 'a'),
        (E, 'e'),
        (Y, 'y'),
        (AU, 'A'),
        (EU, 'E'),
        (YU, 'Y'),
    ] {
        if let Some(i) = set.iter().position(|&x| x == c) {
            return Some((base, i));
        }
    }
    None
}

fn with_tone(v: char, tone: usize) -> Option<char> {
    let table: &[char; 5] = match v {
        'o' => &['ò', 'ó', 'ỏ', 'õ', 'ọ'],
        'u' => &['ù', 'ú', 'ủ', 'ũ', 'ụ'],
        'O' => &['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
        'U' => &['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
        _ => return None,
    };
    table.get(tone).copied()
}

/// One tone-mark placement for the open syllables of the oa / oe / uy families: the
/// traditional style Vietnamese state documents mostly use puts the mark on the first vowel
/// ("hòa", "khóa", "khỏe", "thủy", "tùy"). Syllables with a final consonant ("hoàn",
/// "khuyến") and "qu" + y ("quý", "quỳ") are left alone; no other spelling is touched.
/// The char count never changes, so offsets are preserved.
///
/// ```
/// use vanban_normalize::chars::tone_style;
/// assert_eq!(tone_style("hoà bình, khoá IX, Thuỷ lợi, tuỳ"), "hòa bình, khóa IX, Thủy lợi, tùy");
/// assert_eq!(tone_style("hoàn thành, quý, khuyến khích, HOÀ"), "hoàn thành, quý, khuyến khích, HÒA");
/// ```
pub fn tone_style(s: &str) -> String {
    if !tone_candidate(s) {
        return s.to_string();
    }
    // one buffer: a move at i only touches i-1 and i, which later steps never read as o/u
    let mut chars: Vec<char> = s.chars().collect();
    for i in 1..chars.len() {
        let Some((base, tone)) = tone_of(chars[i]) else {
            continue;
        };
        let first = chars[i - 1];
        let pair_ok = match base.to_ascii_lowercase() {
            'a' | 'e' => matches!(first, 'o' | 'O'),
            'y' => matches!(first, 'u' | 'U'),
            _ => false,
        };
        if !pair_ok {
            continue;
        }
        // open syllable: the next char is not a letter
        if chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            continue;
        }
        // "qu" + y keeps the mark on y; a vowel before o/u means another family (e.g. "ươ")
        if let Some(&p) = i.checked_sub(2).and_then(|j| chars.get(j)) {
            if matches!(p, 'q' | 'Q') || is_vowel(p) {
                continue;
            }
        }
        if let Some(m) = with_tone(first, tone) {
            chars[i - 1] = m;
            chars[i] = base;
        }
    }
    chars.into_iter().collect()
}

fn is_vowel(c: char) -> bool {
    let l = c.to_lowercase().next().unwrap_or(c);
    "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ".contains(l)
}

/// All character-level steps for one line: NFC, spaces, tone style.
/// Fast check: does a marked a/e/y follow o/u anywhere (else tone style has nothing to do)?
fn tone_candidate(s: &str) -> bool {
    // o/u are ASCII; a marked a/e/y after them is a multi-byte char (lead byte >= 0xC3) that
    // must close the syllable (no letter after it): "hoà" is a candidate, "hoàn" is not
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        matches!(x, b'o' | b'O' | b'u' | b'U')
            && b.get(i + 1).is_some_and(|&n| n >= 0xC3)
            && s.get(i + 1..).is_some_and(|r| {
                let mut cs = r.chars();
                cs.next().is_some_and(|c| tone_of(c).is_some())
                    && !cs.next().is_some_and(char::is_alphabetic)
            })
    })
}

/// Latin up to U+02FF, Latin Extended Additional (all precomposed Vietnamese letters) and
/// most punctuation are NFC on their own; only other text needs the full check.
fn is_plain_nfc(s: &str) -> bool {
    s.chars().all(|c| {
        (c as u32) < 0x300
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || ('\u{2002}'..='\u{206F}').contains(&c)
    })
}

/// Letters that fonts put where Vietnamese letters were drawn, mapped back one for one
/// (char counts stay, so offsets stay mappable):
/// * `ƣ`/`Ƣ` (U+01A3/U+01A2, "oi", no use in Vietnamese) for `ư`/`Ư`: fonts converted from
///   the old Vietnamese encodings name the glyph so, and PDFs printed with them say "Thƣơng";
/// * Cyrillic letters that look like Latin ones ("ВСТ" for "BCT") in a word whose other
///   letters are Latin or such look-alikes: a font's ToUnicode pointing at the wrong block.
///   A word with any other Cyrillic letter is left alone.
///
/// ```
/// use vanban_normalize::chars::fix_lookalikes;
/// assert_eq!(fix_lookalikes("Bộ Công Thƣơng"), "Bộ Công Thương");
/// assert_eq!(fix_lookalikes("BYT-ВСТ-ВТC"), "BYT-BCT-BTC");
/// assert_eq!(fix_lookalikes("Москва"), "Москва");
/// ```
pub fn fix_lookalikes(s: &str) -> Cow<'_, str> {
    // ƣ/Ƣ are C6 A3/C6 A2 in UTF-8; the Cyrillic look-alikes start with D0 or D1
    let b = s.as_bytes();
    let suspect = b.iter().enumerate().any(|(i, &x)| {
        matches!(x, 0xD0 | 0xD1) || (x == 0xC6 && matches!(b.get(i + 1), Some(0xA2 | 0xA3)))
    });
    if !suspect {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        let all_lookalike = word
            .iter()
            .all(|&c| !is_cyrillic(c) || cyrillic_lookalike(c).is_some());
        for &c in word.iter() {
            let m = match c {
                '\u{01A3}' => 'ư',
                '\u{01A2}' => 'Ư',
                c if all_lookalike => cyrillic_lookalike(c).unwrap_or(c),
                c => c,
            };
            out.push(m);
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphanumeric() || is_combining(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The Latin letter a Cyrillic one is drawn like, if any.
fn cyrillic_lookalike(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'і' => 'i',
        'ј' => 'j',
        'о' => 'o',
        'р' => 'p',
        'ѕ' => 's',
        'х' => 'x',
        'у' => 'y',
        _ => return None,
    })
}

/// All character-level steps for one line: NFC, spaces, look-alike letters, tone style
/// (one allocation when the line is already NFC and has no tone to move). Simple scans beat
/// one branchy scan here: each of them is a tight loop over bytes or chars.
pub fn clean_line(s: &str) -> String {
    let spaced = if is_plain_nfc(s) {
        clean_spaces(s)
    } else {
        clean_spaces(&nfc(s))
    };
    let spaced = match fix_lookalikes(&spaced) {
        Cow::Borrowed(_) => spaced,
        // a Latin letter put back may now compose with a following mark ("о\u{300}" → "ò")
        Cow::Owned(fixed) => nfc(&fixed),
    };
    if tone_candidate(&spaced) {
        tone_style(&spaced)
    } else {
        spaced
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalike_then_mark_composes() {
        // Cyrillic о + grave has no precomposed form; once it is a Latin o it has (ò)
        assert_eq!(clean_line("Đо\u{300}"), "Đò");
        assert_eq!(
            clean_line(&clean_line("Đо\u{300}")),
            clean_line("Đо\u{300}")
        );
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        assert_eq!(nfc("Ho\u{300}a"), "Hòa");
        assert_eq!(nfc("plain"), "plain");
    }

    #[test]
    fn tone_families() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("hoá", "hóa"),
            ("hoả", "hỏa"),
            ("hoạ", "họa"),
            ("khoẻ", "khỏe"),
            ("loè", "lòe"),
            ("thuỷ", "thủy"),
            ("Thuý", "Thúy"),
            ("tuỳ", "tùy"),
            ("HOÀ", "HÒA"),
        ] {
            assert_eq!(tone_style(a), b, "{a}");
        }
    }

    #[test]
    fn tone_style_leaves_other_spellings() {
        for w in [
            "hoàn", "khoáng", "quý", "quỳ", "quả", "khuyến", "thúy", "hòa", "lý", "kỹ", "mỹ",
            "người", "tuổi", "của", "ruộng", "giữa",
        ] {
            assert_eq!(tone_style(w), w, "{w}");
        }
    }

    #[test]
    fn tone_style_keeps_char_count() {
        let s = "Hoà bình, thuỷ lợi và khoá học";
        assert_eq!(tone_style(s).chars().count(), s.chars().count());
    }

    #[test]
    fn clean_line_fast_and_slow_paths_agree() {
        for line in [
            "Hoà bình  và\u{00A0}khoá",
            "Kế hoạch “số 1” – năm",
            "\u{212B}ngström",
            "Ho\u{300}a",
            "  tabs\tand\u{200B}zw ",
            "quý, thuỷ",
        ] {
            let slow = tone_style(&clean_spaces(&nfc(line)));
            assert_eq!(clean_line(line), slow, "{line:?}");
        }
        assert_eq!(clean_line("\u{212B}"), "\u{00C5}");
    }

    #[test]
    fn spaces() {
        assert_eq!(clean_spaces("  a \u{2003}\u{2003} b\u{200B} "), "a b");
        assert_eq!(clean_spaces("\u{FEFF}x"), "x");
    }
}
