//! The grammar of Vietnamese document symbols ("số ký hiệu").
//!
//! A symbol is a serial number, an optional year, then code segments joined by `-` or `/`:
//! state form `09/NQ-CP`, `38/2019/QĐ-UBND`, `23/2012/QH13`, `01/2015/TTLT-BKHĐT-BTC`;
//! party form `20-NQ/TW`, `34-CTr/TU`. A code segment is a run of letters and digits that
//! starts with an upper-case letter and has more upper-case than lower-case letters
//! (`TTg`, `CTr`, `HĐND`, `QH13`), which keeps ordinary words (`Hợp`, `Điều`) out.

use regex::Regex;
use std::sync::OnceLock;

/// A symbol found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset one past the last code character.
    pub end: usize,
    /// As printed with whitespace removed and dashes unified: `20-NQ/TW`.
    pub canonical: String,
    /// Serial number without leading zeros: `9` for `09/NQ-CP`.
    pub serial: u32,
    /// Year segment when printed (`2019` in `38/2019/QĐ-UBND`).
    pub year: Option<u16>,
    /// Code segments in order (`["NQ", "TW"]`).
    pub codes: Vec<String>,
}

impl Symbol {
    /// The document-type code: the first segment (`NQ`, `QĐ`, `CTr`), when it is one.
    pub fn doc_code(&self) -> Option<&str> {
        let c = self.codes.first()?;
        is_doc_code(c).then_some(c.as_str())
    }
}

const DASHES: [char; 6] = ['-', '‐', '‑', '‒', '–', '—'];

fn symbol_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // serial, optional "/year", first separator (spaces allowed on both sides),
        // then segments; later separators allow a space on one side only.
        // unbounded segments: a bounded repetition of a Unicode class compiles ~10× slower
        // (9 ms per process), and a symbol segment is never followed by a letter anyway
        let seg = r"\p{Lu}[\p{L}\d]*";
        let dash = "[-‐‑‒–—/]";
        let pat = format!(
            r"\d{{1,5}}(?:[ \t]?/[ \t]?(?:19|20)\d\d)?[ \t\n]{{0,3}}{dash}[ \t\n]{{0,3}}{seg}(?:(?:{dash}[ \t\n]{{0,2}}|[ \t\n]{{1,2}}{dash}){seg})*"
        );
        Regex::new(&vanban_model::ascii_digits(&pat)).expect("symbol regex")
    })
}

/// True for a letter run that can be a code segment: upper-case letters outnumber
/// lower-case ones (`TTg`, `QH13`, `HĐND`; not `Hợp`, `Điều`).
pub fn is_code_segment(s: &str) -> bool {
    let mut up = 0usize;
    let mut low = 0usize;
    for c in s.chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    up > 0 && up > low && s.chars().next().is_some_and(char::is_uppercase)
}

/// A capital letter with a tone mark ("À", "Ầ", "Ì"): no abbreviation of a symbol's code
/// carries one (codes are initials, written without tones: "UBND", "NĐ", "TTg").
fn has_tone_mark(c: char) -> bool {
    const TONED: &str = "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";
    TONED.contains(c)
}

/// How much of a letter run after a symbol's separator is a code segment, and whether
/// the symbol ends with it: the whole run when it is one ([`is_code_segment`]); without
/// a last capital carrying a tone mark, which no code has (a footnote marker or a speck
/// read by OCR: "NĐ-CPÌ"), ending the symbol (a run with a toned capital elsewhere is no
/// code); the capitals of a run that goes on in small
/// letters ("NĐ-CPvi", a word glued to it in the page reading), ending the symbol; a body's
/// code that never carries a number without the one or two digits glued to it (a footnote
/// marker: "NĐ-CP2"), ending the symbol.
fn code_part(run: &str) -> Option<(usize, bool)> {
    // a footnote marker glued to a body's code that never has a number ("NĐ-CP2", "QĐ-TTg1")
    let letters = run.trim_end_matches(|c: char| c.is_ascii_digit());
    if letters.len() < run.len()
        && run.len() - letters.len() <= 2
        && crate::issuer::is_plain_body_code(letters)
    {
        return Some((letters.len(), true));
    }
    if is_code_segment(run) {
        let last = run.chars().next_back()?;
        let rest = run.len() - last.len_utf8();
        if !run.chars().any(has_tone_mark) {
            return Some((run.len(), false));
        }
        let head = run.get(..rest)?;
        return (has_tone_mark(last)
            && head.chars().count() >= 2
            && !head.chars().any(has_tone_mark))
        .then_some((rest, true));
    }
    // the codes written with a small letter ("QĐ-TTgvề" is TTg, not TT)
    const MIXED: [&str; 4] = ["TTg", "QĐi", "CTr", "TTr"];
    let caps = MIXED
        .iter()
        .find(|m| run.starts_with(*m))
        .map(|m| m.len())
        .unwrap_or_else(|| {
            run.char_indices()
                .find(|(_, c)| !c.is_uppercase())
                .map_or(run.len(), |(i, _)| i)
        });
    let head = run.get(..caps)?;
    let tail = run.get(caps..)?;
    (head.chars().count() >= 2
        && !head.chars().any(has_tone_mark)
        && tail.chars().count() >= 2
        && tail.chars().all(char::is_lowercase))
    .then_some((caps, true))
}

/// Whether `c` is the code of a body that never carries a number (`CP`, `TTg`, `UBND`, a
/// ministry's `BGTVT`).
///
/// ```
/// assert!(vanban_refs::symbol::is_body_code("BGTVT"));
/// assert!(!vanban_refs::symbol::is_body_code("BGTVTT"));
/// assert!(!vanban_refs::symbol::is_body_code("C06"));
/// ```
pub fn is_body_code(c: &str) -> bool {
    crate::issuer::is_plain_body_code(c)
}

/// Document-type codes (first segment of a symbol).
pub fn is_doc_code(c: &str) -> bool {
    const CODES: &[&str] = &[
        "NQ", "QĐ", "NĐ", "TT", "TTLT", "NQLT", "CT", "KL", "CTr", "CTHĐ", "KH", "HD", "TB", "BC",
        "QC", "QĐi", "ĐA", "CĐ", "TTr", "PL", "L", "SL", "CV", "BB", "HDLN",
    ];
    CODES.contains(&c) || is_qh_code(c)
}

fn is_qh_code(c: &str) -> bool {
    let rest = c.strip_prefix("UBTVQH").or_else(|| c.strip_prefix("QH"));
    rest.is_some_and(|r| !r.is_empty() && r.len() <= 2 && r.bytes().all(|b| b.is_ascii_digit()))
}

/// Kind of document implied by a document-type code.
pub fn kind_of_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "NQ" => "Nghị quyết",
        "NQLT" => "Nghị quyết liên tịch",
        "QĐ" => "Quyết định",
        "NĐ" => "Nghị định",
        "TT" => "Thông tư",
        "TTLT" => "Thông tư liên tịch",
        "CT" => "Chỉ thị",
        "KL" => "Kết luận",
        "CTr" | "CTHĐ" => "Chương trình",
        "KH" => "Kế hoạch",
        "HD" | "HDLN" => "Hướng dẫn",
        "TB" => "Thông báo",
        "BC" => "Báo cáo",
        "QC" => "Quy chế",
        "QĐi" => "Quy định",
        "ĐA" => "Đề án",
        "CĐ" => "Công điện",
        "TTr" => "Tờ trình",
        "PL" => "Pháp lệnh",
        "L" => "Lệnh",
        "BB" => "Biên bản",
        _ => return None,
    })
}

fn is_boundary_before(text: &str, at: usize) -> bool {
    match text.get(..at).and_then(|s| s.chars().next_back()) {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-' | '_')),
    }
}

/// Parse one regex match into a symbol, truncating at the first segment that is not a
/// code; `None` when the first segment is not one.
fn parse_match(start: usize, m: &str) -> Option<Symbol> {
    let mut chars = m.char_indices().peekable();
    let mut serial_end = 0;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            serial_end = i + 1;
            chars.next();
        } else {
            break;
        }
    }
    let serial: u32 = m.get(..serial_end)?.parse().ok()?;
    // Split the remainder into separators and runs.
    let rest = m.get(serial_end..)?;
    let mut runs: Vec<(usize, usize)> = Vec::new(); // byte ranges within m
    let mut cur: Option<usize> = None;
    for (i, c) in rest.char_indices() {
        let abs = serial_end + i;
        if c.is_alphanumeric() {
            if cur.is_none() {
                cur = Some(abs);
            }
        } else if let Some(s) = cur.take() {
            runs.push((s, abs));
        }
    }
    if let Some(s) = cur {
        runs.push((s, m.len()));
    }
    let mut year = None;
    let mut codes = Vec::new();
    let mut end = serial_end;
    for (k, &(s, e)) in runs.iter().enumerate() {
        let run = m.get(s..e)?;
        if k == 0 && run.len() == 4 && run.bytes().all(|b| b.is_ascii_digit()) {
            year = run.parse().ok();
            continue;
        }
        let Some((len, last)) = code_part(run) else {
            break;
        };
        codes.push(run.get(..len)?.to_string());
        end = s + len;
        if last {
            break;
        }
    }
    if codes.is_empty() {
        return None;
    }
    let printed = m.get(..end)?;
    let canonical: String = printed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if DASHES.contains(&c) { '-' } else { c })
        .collect();
    Some(Symbol {
        start,
        end: start + end,
        canonical,
        serial,
        year,
        codes,
    })
}

/// Every symbol in `text`, in order.
///
/// ```
/// let s = vanban_refs::symbol::find_symbols("theo Kế hoạch số 251 /KH-UBND ngày 20/10/2023");
/// assert_eq!(s[0].canonical, "251/KH-UBND");
/// ```
pub fn find_symbols(text: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    for m in symbol_re().find_iter(text) {
        if !is_boundary_before(text, m.start()) {
            continue;
        }
        if let Some(s) = parse_match(m.start(), m.as_str()) {
            out.push(s);
        }
    }
    out
}

fn regulation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pat = r"\b(?P<series>QCVN|QCĐP)[ \t]?(?P<serial>\d{1,4}(?:-\d{1,3})?)[ \t]?:[ \t]?(?P<year>(?:19|20)\d\d)(?:[ \t]?/[ \t]?(?P<code>\p{Lu}[\p{Lu}\d]*(?:-\p{Lu}[\p{Lu}\d]*)*))?";
        Regex::new(&vanban_model::ascii_digits(pat)).expect("regulation regex")
    })
}

/// Technical regulations, numbered in their own series: `QCVN 01:2019/BCT` (national),
/// `QCĐP 01:2020/HN` (local), `QCVN 07-1:2016/BXD`. The canonical form is the series, a
/// space, the serial, `:` and the year, then `/` and the issuer code when printed.
///
/// ```
/// use vanban_refs::symbol::find_regulations;
/// let r = find_regulations("theo QCVN01:2019/BCT và QCVN 07-1:2016/BXD.");
/// let names: Vec<&str> = r.iter().map(|s| s.canonical.as_str()).collect();
/// assert_eq!(names, ["QCVN 01:2019/BCT", "QCVN 07-1:2016/BXD"]);
/// ```
pub fn find_regulations(text: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    // most documents cite no regulation: spare them the regex's compilation (a few ms)
    if !text.contains("QCVN") && !text.contains("QCĐP") {
        return out;
    }
    for c in regulation_re().captures_iter(text) {
        let (Some(all), Some(series), Some(serial), Some(year)) =
            (c.get(0), c.name("series"), c.name("serial"), c.name("year"))
        else {
            continue;
        };
        let code = c.name("code").map(|m| m.as_str());
        let mut canonical = format!("{} {}:{}", series.as_str(), serial.as_str(), year.as_str());
        if let Some(code) = code {
            canonical.push('/');
            canonical.push_str(code);
        }
        let first: String = serial
            .as_str()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        out.push(Symbol {
            start: all.start(),
            end: all.end(),
            canonical,
            serial: first.parse().unwrap_or(0),
            year: year.as_str().parse().ok(),
            codes: code.map(|c| vec![c.to_string()]).unwrap_or_default(),
        });
    }
    out
}

/// Key under which two printings of one symbol compare equal: upper-case, no spaces,
/// leading zeros dropped, every separator read as `-` (`09/NQ-CP` = `9/NQ/CP`).
pub fn symbol_key(canonical: &str) -> String {
    let s: String = canonical.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_start_matches('0');
    let mut out = String::with_capacity(s.len());
    let mut seen_letter = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            seen_letter = true;
            out.extend(c.to_uppercase());
        } else if (seen_letter && c == '/') || DASHES.contains(&c) {
            out.push('-');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> Option<String> {
        find_symbols(t).into_iter().next().map(|s| s.canonical)
    }

    #[test]
    fn a_toned_capital_or_a_glued_word_ends_the_code() {
        // a footnote marker read as "Ì", a speck as "Ầ": codes carry no tone mark
        assert_eq!(
            one("Nghị định số 26/2026/NĐ-CPÌ không").as_deref(),
            Some("26/2026/NĐ-CP")
        );
        assert_eq!(
            one("Công văn 1570/ĐKVN-PTGTĐBẦ ngày").as_deref(),
            Some("1570/ĐKVN-PTGTĐB")
        );
        // a word glued to the code by the page reading
        assert_eq!(
            one("số 24/2026/NĐ-CPvi phạm").as_deref(),
            Some("24/2026/NĐ-CP")
        );
        assert_eq!(one("số 235/QĐ-TTgvề việc").as_deref(), Some("235/QĐ-TTg"));
        // codes with a small letter, and codes that read on, are kept whole
        assert_eq!(
            one("Quyết định 235/QĐ-TTg ngày").as_deref(),
            Some("235/QĐ-TTg")
        );
        assert_eq!(one("Quy định 08-QĐi/TW của").as_deref(), Some("08-QĐi/TW"));
        assert_eq!(one("số 12/CTr-UBND ngày").as_deref(), Some("12/CTr-UBND"));
        // a run with a toned capital elsewhere is no code: the symbol ends before it
        assert_eq!(one("số 6686/ĐKVN-VÀ ngày").as_deref(), Some("6686/ĐKVN"));
        // a footnote marker glued to a body's code that never has a number
        assert_eq!(
            one("Nghị định số 105/2025/NĐ-CP2 ngày").as_deref(),
            Some("105/2025/NĐ-CP")
        );
        assert_eq!(
            one("Công văn 3584/BYT-KCB ngày").as_deref(),
            Some("3584/BYT-KCB")
        );
        assert_eq!(
            one("Quyết định 12/QĐ-UBND13 và").as_deref(),
            Some("12/QĐ-UBND")
        );
        // units and legislatures carry numbers
        assert_eq!(
            one("Công văn số 787/C06-P3 ngày").as_deref(),
            Some("787/C06-P3")
        );
        assert_eq!(one("số 01/TTr-CT05 ngày").as_deref(), Some("01/TTr-CT05"));
        assert_eq!(
            one("Luật số 55/2024/QH15 ngày").as_deref(),
            Some("55/2024/QH15")
        );
    }

    #[test]
    fn official_shapes() {
        for s in [
            "20-NQ/TW",
            "09/NQ-CP",
            "340/QĐ-TTg",
            "38/2019/QĐ-UBND",
            "28/2018/NĐ-CP",
            "28/2018/TT-BTC",
            "23/2012/QH13",
            "337/2020/NQ-HĐND",
            "34-CTr/TU",
            "70-KL/TW",
            "06/CT-TTg",
            "13-NQ/TU",
            "251/KH-UBND",
            "01/2015/TTLT-BKHĐT-BTC",
            "1234/UBND-KT",
            "12-HD/BTGTW",
        ] {
            assert_eq!(
                one(&format!("theo văn bản số {s} ngày")).as_deref(),
                Some(s),
                "{s}"
            );
        }
    }

    #[test]
    fn split_symbols_are_joined() {
        assert_eq!(
            one("Kế hoạch số 251 /KH-UBND").as_deref(),
            Some("251/KH-UBND")
        );
        assert_eq!(one("Nghị quyết số 20 - NQ/TW").as_deref(), Some("20-NQ/TW"));
        assert_eq!(
            one("Nghị quyết số 13- NQ/TU của").as_deref(),
            Some("13-NQ/TU")
        );
        assert_eq!(
            one("Nghị quyết số 13-\nNQ/TU của").as_deref(),
            Some("13-NQ/TU")
        );
        assert_eq!(
            one("Nghị định số 116/2018/NĐ- CP và").as_deref(),
            Some("116/2018/NĐ-CP")
        );
        assert_eq!(one("Kết luận số 70–KL/TW").as_deref(), Some("70-KL/TW"));
        assert_eq!(one("Nghị quyết 09/NQ/CP").as_deref(), Some("09/NQ/CP"));
    }

    #[test]
    fn parts() {
        let s = &find_symbols("số 38/2019/QĐ-UBND")[0];
        assert_eq!(
            (s.serial, s.year, s.codes.clone()),
            (38, Some(2019), vec!["QĐ".to_string(), "UBND".to_string()])
        );
        assert_eq!(s.doc_code(), Some("QĐ"));
        let s = &find_symbols("số 1234/UBND-KT")[0];
        assert_eq!(s.doc_code(), None);
    }

    #[test]
    fn not_symbols() {
        for t in [
            "giai đoạn 2021-2025",
            "đạt 70% - 85% số hộ",
            "theo Điều 5 khoản 2",
            "điện thoại 0297.3862.123 hoặc 0297-3862-123",
            "ngày 16/6/2022",
            "tỷ lệ 1/2 Hợp tác xã",
            "mã số 12345678/KH-X",
            "Khoản 1-Điều 3",
        ] {
            assert_eq!(one(t), None, "{t}");
        }
    }

    #[test]
    fn stops_before_words() {
        assert_eq!(one("số 34-CTr/TU Tỉnh ủy").as_deref(), Some("34-CTr/TU"));
        assert_eq!(
            one("số 93/KH-UBND - Sở Tài chính").as_deref(),
            Some("93/KH-UBND")
        );
    }

    #[test]
    fn keys() {
        assert_eq!(symbol_key("09/NQ-CP"), symbol_key("9/NQ/CP"));
        assert_eq!(symbol_key("20-NQ/TW"), "20-NQ-TW");
        assert_ne!(symbol_key("20-NQ/TW"), symbol_key("20-NQ/TU"));
        assert!(is_doc_code("QH13") && is_doc_code("UBTVQH15") && !is_doc_code("UBND"));
    }
}
