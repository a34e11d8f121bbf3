//! Vietnamese syllables: letters with their vowel marks and tone, the skeleton (letters without
//! any mark), the well-formedness check (onset + rime + a tone the coda allows) and the case
//! pattern of a printed word.

/// Vowels with their six tones, in the order: level, grave (huyền), acute (sắc), hook (hỏi),
/// tilde (ngã), dot (nặng).
const TONED: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// A lower-case letter split into its base (with vowel mark, without tone) and tone (0 = level).
pub fn split_tone(c: char) -> (char, u8) {
    for row in TONED {
        let mut it = row.chars();
        let Some(base) = it.next() else { continue };
        if c == base {
            return (base, 0);
        }
        for (t, v) in it.enumerate() {
            if v == c {
                return (base, (t + 1) as u8);
            }
        }
    }
    (c, 0)
}

/// The ASCII letter under a base letter's vowel mark or stroke (`ơ` → `o`, `đ` → `d`).
pub fn unmark(base: char) -> char {
    match base {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        c => c,
    }
}

/// True for the letters a Vietnamese word is written with (lower case).
pub fn is_vi_letter(c: char) -> bool {
    let (b, _) = split_tone(c);
    let u = unmark(b);
    (u.is_ascii_lowercase() && !matches!(u, 'f' | 'j' | 'w' | 'z')) || b != u
}

/// A lower-case word without marks: `nghị` → `nghi`, `đường` → `duong`.
pub fn skeleton(word: &str) -> String {
    word.chars().map(|c| unmark(split_tone(c).0)).collect()
}

/// The syllable's tone (the first toned vowel's; 0 when none) and its base letters.
pub fn tone_and_bases(word: &str) -> (u8, Vec<char>) {
    let mut tone = 0;
    let mut bases = Vec::with_capacity(word.len());
    for c in word.chars() {
        let (b, t) = split_tone(c);
        if t != 0 && tone == 0 {
            tone = t;
        }
        bases.push(b);
    }
    (tone, bases)
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Vowel clusters (medial + nucleus + glide) a rime may have, without tone.
const VOWELS: [&str; 62] = [
    "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "ya", "yê", "oai", "oay", "oao", "oeo", "uây", "uôi",
    "ươi", "ươu", "uya", "uyê", "uyu", "iêu", "yêu", "uơi", "uai", "uay", "uao", "uây", "uêu",
];

const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// True when a lower-case word can be a Vietnamese syllable: an optional onset, a vowel
/// cluster, an optional coda, and a stop coda (`c ch p t`) only with the acute or dot tone.
pub fn is_well_formed(word: &str) -> bool {
    let (tone, bases) = tone_and_bases(word);
    if bases.is_empty() || bases.len() > 7 {
        return false;
    }
    // at most one toned vowel
    if word.chars().filter(|&c| split_tone(c).1 != 0).count() > 1 {
        return false;
    }
    let s: String = bases.iter().collect();
    let onsets = ONSETS
        .iter()
        .copied()
        .filter(|o| s.starts_with(o))
        .chain([""]);
    for onset in onsets {
        let rest = &s[onset.len()..];
        for coda in CODAS {
            let Some(v) = rest.strip_suffix(coda) else {
                continue;
            };
            // a glide vowel (i y o u) cannot be followed by a coda
            let glide_end = v.len() > 1 && matches!(v.chars().last(), Some('i' | 'y' | 'o' | 'u'));
            if !VOWELS.contains(&v) || (!coda.is_empty() && glide_end && !v.ends_with("uy")) {
                continue;
            }
            if matches!(coda, "c" | "ch" | "p" | "t") && !matches!(tone, 2 | 5) {
                continue;
            }
            return true;
        }
    }
    false
}

/// How a printed word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
}

/// The case pattern of a word: `Upper` for several upper-case letters and no lower-case ones
/// (or a single upper-case letter), `Title` for an upper-case first letter, else `Lower`.
pub fn case_of(word: &str) -> Case {
    let up = word.chars().filter(|c| c.is_uppercase()).count();
    let low = word.chars().filter(|c| c.is_lowercase()).count();
    match word.chars().next() {
        Some(c) if c.is_uppercase() && low == 0 && up >= 1 => Case::Upper,
        Some(c) if c.is_uppercase() => Case::Title,
        _ => Case::Lower,
    }
}

/// `word` (lower case) written in `case`.
pub fn apply_case(word: &str, case: Case) -> String {
    match case {
        Case::Lower => word.to_string(),
        Case::Upper => word.to_uppercase(),
        Case::Title => {
            let mut it = word.chars();
            match it.next() {
                Some(f) => f.to_uppercase().chain(it).collect(),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_split_and_join() {
        assert_eq!(split_tone('ổ'), ('ô', 3));
        assert_eq!(split_tone('ỗ'), ('ô', 4));
        assert_eq!(split_tone('đ'), ('đ', 0));
        assert_eq!(skeleton("nghị"), "nghi");
        assert_eq!(skeleton("đường"), "duong");
    }

    #[test]
    fn well_formed_syllables() {
        for w in [
            "nghị", "định", "quyền", "nổ", "chuyển", "người", "khuyến", "giữa", "ạ", "oanh",
            "thuyết", "luật", "được", "yêu", "khoảng", "tuổi", "gì", "việc", "hướng",
        ] {
            assert!(is_well_formed(w), "{w}");
        }
        for w in [
            "nohị",
            "vlncn",
            "theme",
            "tỉnhh",
            "cáct",
            "mat",
            "hỏc",
            "aăb",
            "nghịả",
        ] {
            assert!(!is_well_formed(w), "{w}");
        }
    }

    #[test]
    fn case_patterns() {
        assert_eq!(case_of("NGHỊ"), Case::Upper);
        assert_eq!(case_of("Q"), Case::Upper);
        assert_eq!(case_of("Nohị"), Case::Title);
        assert_eq!(case_of("quyên"), Case::Lower);
        assert_eq!(apply_case("định", Case::Title), "Định");
        assert_eq!(apply_case("ọ", Case::Upper), "Ọ");
    }
}
