//! Names of issuing bodies (`data/agencies.txt`), to restore the tone and vowel marks OCR
//! misreads in a header's capitals.

use crate::text::strip_marks;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const DATA: &str = include_str!("../data/agencies.txt");

/// (name with its marks stripped and in lower case, as a list of chars; the name), longest
/// first.
fn names() -> &'static [(Vec<char>, Vec<char>)] {
    static N: OnceLock<Vec<(Vec<char>, Vec<char>)>> = OnceLock::new();
    N.get_or_init(|| {
        let mut v: Vec<(Vec<char>, Vec<char>)> = DATA
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let name: Vec<char> = l.nfc().collect();
                let bare: Vec<char> = name.iter().map(|&c| bare(c)).collect();
                // a name whose letters do not map one to one is left out
                (bare.len() == name.len()).then_some((bare, name))
            })
            .collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        v
    })
}

/// A letter without its marks, in lower case ('Ể' → 'e', 'Đ' → 'd').
fn bare(c: char) -> char {
    strip_marks(&c.to_string())
        .chars()
        .next()
        .unwrap_or(c)
        .to_lowercase()
        .next()
        .unwrap_or(c)
}

/// The issuer with the marks of the known body its name begins with: each part of a joint
/// issuer ("Bộ Công an - Bộ Quốc phòng") is matched with marks stripped and case ignored,
/// up to a word's end, and takes the known name's marks letter by letter; its letter case
/// and the rest ("tỉnh Lào Cai") stay as they are.
///
/// ```
/// use vanban_meta::agencies::known_marks;
/// assert_eq!(
///     known_marks("Cục Đổi mới sáng tạo, Chuyên đói xanh và Khuyên công"),
///     "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công"
/// );
/// assert_eq!(known_marks("Sở Công Thưong tỉnh Lào Cai"), "Sở Công Thương tỉnh Lào Cai");
/// assert_eq!(known_marks("Công ty Cổ phần Sông Đà"), "Công ty Cổ phần Sông Đà");
/// ```
pub fn known_marks(issuer: &str) -> String {
    let issuer: String = issuer.nfc().collect();
    issuer
        .split(" - ")
        .map(part_marks)
        .collect::<Vec<_>>()
        .join(" - ")
}

fn part_marks(part: &str) -> String {
    let chars: Vec<char> = part.chars().collect();
    let bare_part: Vec<char> = chars.iter().map(|&c| bare(c)).collect();
    for (bare_name, name) in names() {
        let n = bare_name.len();
        let ends_word = chars.get(n).is_none_or(|c| !c.is_alphanumeric());
        if n <= chars.len() && ends_word && bare_part.get(..n) == Some(bare_name.as_slice()) {
            let mut out: String = chars
                .iter()
                .zip(name)
                .map(|(&mine, &known)| with_case_of(known, mine))
                .collect();
            out.extend(chars.get(n..).unwrap_or(&[]));
            return out;
        }
    }
    part.to_string()
}

/// `known` in the letter case of `mine`.
fn with_case_of(known: char, mine: char) -> char {
    if mine.is_uppercase() {
        known.to_uppercase().next().unwrap_or(known)
    } else if mine.is_lowercase() {
        known.to_lowercase().next().unwrap_or(known)
    } else {
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_of_known_bodies_case_and_rest_kept() {
        assert_eq!(known_marks("CỤC HÓA CHÁT"), "CỤC HÓA CHẤT");
        assert_eq!(
            known_marks("Bộ Công an - Bộ Quốc phong"),
            "Bộ Công an - Bộ Quốc phòng"
        );
        // a name that is only the beginning of a word is no match
        assert_eq!(known_marks("Bộ Y tếx"), "Bộ Y tếx");
        // a known name at the start is mended, what follows kept; an unknown body is left
        assert_eq!(
            known_marks("Cục Hóa chát Miền Nam"),
            "Cục Hóa chất Miền Nam"
        );
        assert_eq!(
            known_marks("Hợp tác xã Thành Công"),
            "Hợp tác xã Thành Công"
        );
        // every line of the list maps letter for letter
        for (bare, name) in names() {
            assert_eq!(bare.len(), name.len());
        }
        assert!(names().len() > 100);
    }
}
