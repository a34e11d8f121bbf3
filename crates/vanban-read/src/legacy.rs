//! Legacy Vietnamese 8-bit font encodings (TCVN3/ABC and VNI): detection and conversion to Unicode.
//!
//! The mapping tables live in `data/*.tsv` (one letter per line) and are parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A legacy encoding vanban recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 "ABC" as typed with .VnTime fonts: one code per letter.
    Tcvn3,
    /// VNI-Windows: base letter followed by a diacritic code.
    Vni,
}

impl Legacy {
    /// Name reported in `source.encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        }
    }
}

fn parse(data: &'static str) -> Vec<(&'static str, &'static str)> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn tcvn3_map() -> &'static HashMap<char, char> {
    static M: OnceLock<HashMap<char, char>> = OnceLock::new();
    M.get_or_init(|| {
        parse(include_str!("../data/tcvn3.tsv"))
            .into_iter()
            .filter_map(|(u, l)| Some((l.chars().next()?, u.chars().next()?)))
            .collect()
    })
}

/// VNI sequences keyed by their first char, longest first.
/// VNI sequences (as chars) and the letter each stands for, keyed by the first char.
type VniMap = HashMap<char, Vec<(Vec<char>, char)>>;

fn vni_map() -> &'static VniMap {
    static M: OnceLock<VniMap> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: HashMap<char, Vec<(Vec<char>, char)>> = HashMap::new();
        for (u, l) in parse(include_str!("../data/vni.tsv")) {
            let seq: Vec<char> = l.chars().collect();
            if let (Some(&first), Some(uc)) = (seq.first(), u.chars().next()) {
                m.entry(first).or_default().push((seq, uc));
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        m
    })
}

/// Convert legacy-encoded text (already decoded byte-for-char, as Latin-1/UTF-8 shows it) to Unicode.
///
/// ```
/// use vanban_read::legacy::{convert, Legacy};
/// assert_eq!(convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", Legacy::Tcvn3), "Cộng hoà xã hội chủ nghĩa Việt Nam");
/// assert_eq!(convert("Coäng hoøa xaõ hoäi", Legacy::Vni), "Cộng hòa xã hội");
/// ```
pub fn convert(s: &str, enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => {
            let m = tcvn3_map();
            let mut out = String::with_capacity(s.len() + s.len() / 4);
            for (i, line) in s.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                let conv: String = line
                    .chars()
                    .map(|c| m.get(&c).copied().unwrap_or(c))
                    .collect();
                // .VnTimeH, the capitals font of the family, draws the lower-case codes as
                // capitals: a line whose plain letters are all capitals is a capitals line
                if caps_line(line) {
                    out.extend(conv.chars().flat_map(char::to_uppercase));
                } else {
                    out.push_str(&conv);
                }
            }
            out
        }
        Legacy::Vni => {
            let m = vni_map();
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::with_capacity(s.len());
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let mut done = false;
                if let Some(cands) = m.get(&c) {
                    for (seq, u) in cands {
                        if chars.len() - i >= seq.len() && chars[i..i + seq.len()] == seq[..] {
                            out.push(*u);
                            i += seq.len();
                            done = true;
                            break;
                        }
                    }
                }
                if !done {
                    out.push(c);
                    i += 1;
                }
            }
            out
        }
    }
}

/// A line written in capitals: at least four ASCII letters, none of them lower case.
fn caps_line(line: &str) -> bool {
    let mut upper = 0;
    for c in line.chars() {
        if c.is_ascii_lowercase() {
            return false;
        }
        if c.is_ascii_uppercase() {
            upper += 1;
        }
    }
    upper >= 4
}

/// Convert the lines, paragraphs and table cells of a document read from a format that
/// carries Unicode text (PDF, DOCX) but was typed in a legacy font (.VnTime, VNI-Times):
/// the font's codes come out as Latin-1 letters ("Céng hoµ"). Decided once for the whole
/// document, then applied to each piece that is not Vietnamese Unicode already (a document
/// may mix fonts). Returns the encoding when something was converted.
///
/// ```
/// use vanban_model::{Block, RawDocument};
/// use vanban_read::legacy::{convert_document, Legacy};
/// let mut d = RawDocument::default();
/// d.blocks.push(Block::Line("KÕ HO¹CH".into()));
/// d.blocks.push(Block::Line("Ph¸t triÓn kinh tÕ tËp thÓ, hîp t¸c x·".into()));
/// d.blocks.push(Block::Line("Căn cứ Luật Hợp tác xã".into()));
/// assert_eq!(convert_document(&mut d), Some(Legacy::Tcvn3));
/// assert_eq!(d.blocks[0], Block::Line("KẾ HOẠCH".into()));
/// assert_eq!(d.blocks[1], Block::Line("Phát triển kinh tế tập thể, hợp tác xã".into()));
/// assert_eq!(d.blocks[2], Block::Line("Căn cứ Luật Hợp tác xã".into()));
/// ```
pub fn convert_document(doc: &mut vanban_model::RawDocument) -> Option<Legacy> {
    use vanban_model::Block;
    let mut sample = String::new();
    for b in &doc.blocks {
        match b {
            Block::Line(s) | Block::Paragraph(s) => sample.push_str(s),
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    sample.push_str(c);
                    sample.push(' ');
                }
            }
            Block::PageBreak => {}
        }
        sample.push('\n');
        if sample.len() > 400_000 {
            break;
        }
    }
    let enc = detect(&sample)?;
    let fix = |s: &mut String| {
        if !s.chars().any(is_viet_unicode) {
            *s = convert(s, enc);
        }
    };
    for b in &mut doc.blocks {
        match b {
            Block::Line(s) | Block::Paragraph(s) => fix(s),
            Block::Table(t) => t.rows.iter_mut().flatten().for_each(fix),
            Block::PageBreak => {}
        }
    }
    for n in &mut doc.footnotes {
        fix(&mut n.text);
    }
    Some(enc)
}

/// Letters only Vietnamese written in Unicode uses (ă đ ơ ư and the U+1EA0 block).
fn is_viet_unicode(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | '\u{1EA0}'
            ..='\u{1EF9}'
    )
}

/// Codes that appear in TCVN3 text and never in Vietnamese Unicode text (0xAD, TCVN3's ư,
/// is left out: it is also the soft hyphen of ordinary documents).
fn is_tcvn3_marker(c: char) -> bool {
    c != '\u{AD}'
        && matches!(
            c,
            '\u{A1}'
                ..='\u{BF}'
                    | 'Ç'
                    | 'Ë'
                    | 'Î'
                    | 'Ï'
                    | 'Ñ'
                    | 'Ö'
                    | '×'
                    | 'Ø'
                    | 'Þ'
                    | 'ß'
                    | 'ä'
                    | 'å'
                    | 'æ'
                    | 'ç'
                    | 'ë'
                    | 'î'
                    | 'ñ'
                    | 'ö'
                    | '÷'
                    | 'ø'
                    | 'û'
                    | 'ü'
                    | 'þ'
        )
}

/// Diacritic codes VNI writes after a vowel (and VNI's đ), never used by Vietnamese Unicode.
fn is_vni_marker(c: char) -> bool {
    matches!(
        c,
        'ø' | 'ù'
            | 'û'
            | 'õ'
            | 'ï'
            | 'å'
            | 'ä'
            | 'ë'
            | 'ü'
            | 'ñ'
            | 'Ñ'
            | 'ö'
            | 'Ö'
            | 'Ø'
            | 'Ù'
            | 'Û'
            | 'Ï'
            | 'Å'
            | 'Ä'
            | 'Ë'
            | 'Ü'
    )
}

/// Decide whether text is in a legacy encoding. Returns `None` for Unicode Vietnamese or
/// text with too little evidence.
///
/// ```
/// use vanban_read::legacy::{detect, Legacy};
/// assert_eq!(detect("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), Some(Legacy::Tcvn3));
/// assert_eq!(detect("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"), Some(Legacy::Vni));
/// assert_eq!(detect("Cộng hòa xã hội chủ nghĩa Việt Nam"), None);
/// ```
pub fn detect(s: &str) -> Option<Legacy> {
    let (mut uni, mut tc, mut vn, mut letters) = (0usize, 0usize, 0usize, 0usize);
    let mut prev = ' ';
    for c in s.chars() {
        if c.is_alphabetic() {
            letters += 1;
        }
        if is_viet_unicode(c) {
            uni += 1;
        }
        if is_tcvn3_marker(c) {
            tc += 1;
        }
        // VNI diacritics follow a vowel letter.
        if is_vni_marker(c)
            && matches!(
                prev.to_ascii_lowercase(),
                'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'â' | 'ê' | 'ô' | 'ö'
            )
        {
            vn += 1;
        }
        prev = c;
    }
    let min = (letters / 200).max(2);
    if uni >= tc.max(vn) || tc.max(vn) < min {
        return None;
    }
    // VNI text also trips a few TCVN3 markers (ñ, ö …) and vice versa; compare evidence.
    let vni_only = s
        .chars()
        .filter(|&c| matches!(c, 'ø' | 'ù' | 'û' | 'õ' | 'ï'))
        .count();
    let tcvn_only = s
        .chars()
        .filter(|&c| matches!(c, '\u{A1}'..='\u{BF}'))
        .count();
    if vni_only > tcvn_only {
        Some(Legacy::Vni)
    } else {
        Some(Legacy::Tcvn3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_lines_from_the_capitals_font() {
        assert_eq!(convert("KÕ HO¹CH", Legacy::Tcvn3), "KẾ HOẠCH");
        assert_eq!(
            convert("Céng hoµ\nV× SAO", Legacy::Tcvn3),
            "Cộng hoà\nVÌ SAO"
        );
        // a capitalised word in a normal line stays as it is
        assert_eq!(convert("KÕ ho¹ch", Legacy::Tcvn3), "Kế hoạch");
    }

    #[test]
    fn every_tcvn3_letter_converts() {
        for (u, l) in parse(include_str!("../data/tcvn3.tsv")) {
            assert_eq!(convert(l, Legacy::Tcvn3), u, "TCVN3 {l:?}");
        }
    }

    #[test]
    fn every_vni_letter_converts() {
        for (u, l) in parse(include_str!("../data/vni.tsv")) {
            assert_eq!(convert(l, Legacy::Vni), u, "VNI {l:?}");
        }
    }

    #[test]
    fn tables_cover_all_vietnamese_lowercase_letters() {
        let tc: Vec<String> = parse(include_str!("../data/tcvn3.tsv"))
            .into_iter()
            .map(|(u, _)| u.to_string())
            .collect();
        let vni: Vec<String> = parse(include_str!("../data/vni.tsv"))
            .into_iter()
            .map(|(u, _)| u.to_string())
            .collect();
        for c in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ".chars()
        {
            let s = c.to_string();
            assert!(tc.contains(&s), "TCVN3 lacks {c}");
            assert!(vni.contains(&s), "VNI lacks {c}");
        }
    }

    #[test]
    fn plain_ascii_and_unicode_are_not_legacy() {
        assert_eq!(detect("Hello world, plain ASCII text only."), None);
        assert_eq!(
            detect("Ủy ban nhân dân tỉnh Kiên Giang ban hành kế hoạch"),
            None
        );
        assert_eq!(detect(""), None);
    }

    #[test]
    fn tcvn3_sentence() {
        let s = "ñy ban nh©n d©n tØnh Kiªn Giang ban hµnh kÕ ho¹ch ph¸t triÓn kinh tÕ tËp thÓ";
        assert_eq!(detect(s), Some(Legacy::Tcvn3));
        assert_eq!(
            convert(s, Legacy::Tcvn3),
            "ủy ban nhân dân tỉnh Kiên Giang ban hành kế hoạch phát triển kinh tế tập thể"
        );
    }
}
