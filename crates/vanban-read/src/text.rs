//! Decoding text bytes: BOMs, UTF-16, UTF-8, Windows-1258 and the legacy TCVN3/VNI encodings.

use crate::legacy::{self, Legacy};
use crate::ReadError;

/// Decoded text plus the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, Unicode (not yet NFC).
    pub text: String,
    /// "UTF-8", "UTF-16LE", "windows-1258", "TCVN3", "VNI", …
    pub encoding: String,
}

/// Heuristic: share of control bytes that no text file contains.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    bad * 100 / sample.len() > 1
}

/// How Vietnamese a text looks: Vietnamese-only letters per 1000 letters.
fn viet_score(s: &str) -> usize {
    let (mut v, mut letters) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
        }
        if matches!(
            c,
            'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'
                ..='\u{1EF9}' | '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
        ) {
            v += 1;
        }
    }
    (v * 1000).checked_div(letters).unwrap_or(0)
}

fn fix_legacy(text: String, base: &str) -> Decoded {
    match legacy::detect(&text) {
        Some(enc) => Decoded {
            text: legacy::convert(&text, enc),
            encoding: enc.name().to_string(),
        },
        None => Decoded {
            text,
            encoding: base.to_string(),
        },
    }
}

/// Decode the bytes of a text file.
///
/// ```
/// let d = vanban_read::text::decode("Kế hoạch".as_bytes()).unwrap();
/// assert_eq!(d.encoding, "UTF-8");
/// let mut utf16 = vec![0xFF, 0xFE];
/// for u in "Kế".encode_utf16() { utf16.extend(u.to_le_bytes()); }
/// assert_eq!(vanban_read::text::decode(&utf16).unwrap().text, "Kế");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(ReadError::Undecodable(format!(
                "invalid {} after its byte-order mark",
                enc.name()
            )));
        }
        return Ok(fix_legacy(text.into_owned(), enc.name()));
    }
    if looks_binary(bytes) {
        return Err(ReadError::Binary(
            "control bytes or NUL found: not a text document".into(),
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(fix_legacy(s.to_string(), "UTF-8"));
    }
    // Not UTF-8: a single-byte encoding. Try Windows-1258 and the legacy font encodings
    // (whose bytes read as Latin-1 code points), keep the most Vietnamese-looking.
    let (w1258, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    let latin1: String = bytes.iter().map(|&b| b as char).collect();
    let mut best = Decoded {
        text: w1258.into_owned(),
        encoding: "windows-1258".into(),
    };
    let mut best_score = viet_score(&best.text);
    for enc in [Legacy::Tcvn3, Legacy::Vni] {
        let t = legacy::convert(&latin1, enc);
        let sc = viet_score(&t);
        if sc > best_score && legacy::detect(&latin1) == Some(enc) {
            best = Decoded {
                text: t,
                encoding: enc.name().into(),
            };
            best_score = sc;
        }
    }
    if best_score < 5 {
        // Some Vietnamese letters per 1000 are expected in any Vietnamese document.
        let letters = best.text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 20 {
            return Err(ReadError::Undecodable(
                "not UTF-8 and no plausible Vietnamese single-byte encoding".into(),
            ));
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend("Số: 251".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "Số: 251");
    }

    #[test]
    fn utf16_be_with_bom() {
        let mut b = vec![0xFE, 0xFF];
        for u in "Nghị quyết".encode_utf16() {
            b.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "Nghị quyết");
    }

    #[test]
    fn windows_1258_is_decoded() {
        // Windows-1258 writes tones as combining marks after base letters it has (ê, ơ, ư …).
        let (bytes, _, had_errors) = encoding_rs::WINDOWS_1258.encode("Kê\u{301} hoa\u{323}ch phát triê\u{309}n kinh tê\u{301} tâ\u{323}p thê\u{309} cu\u{309}a ti\u{309}nh");
        assert!(!had_errors);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1258");
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(
            d.text.nfc().collect::<String>(),
            "Kế hoạch phát triển kinh tế tập thể của tỉnh"
        );
    }

    #[test]
    fn binary_is_refused() {
        let b: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert!(matches!(decode(&b), Err(ReadError::Binary(_))));
    }

    #[test]
    fn tcvn3_bytes_are_converted() {
        let s = "Céng hoµ x· héi chñ nghÜa ViÖt Nam ®éc lËp tù do h¹nh phóc";
        let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "TCVN3");
        assert_eq!(
            d.text,
            "Cộng hoà xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc"
        );
    }

    #[test]
    fn vni_in_utf8_is_converted() {
        let d = decode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".as_bytes()).unwrap();
        assert_eq!(d.encoding, "VNI");
        assert_eq!(d.text, "Cộng hòa xã hội chủ nghĩa Việt Nam");
    }
}
