//! Vietnamese numeral reader.
//!
//! Vietnamese administrative writing groups thousands with a dot ("3.000", "100.000") and
//! writes decimals with a comma ("1,5"); counts are often zero-padded ("03", "05").
//! Percentages ("70%", "70 %"), yearly rates ("8%/năm"), ranges ("70% - 85%",
//! "từ 20 đến 25", "60 - 65%") and a few word forms ("gấp đôi", "một nửa") occur in goals.
//!
//! The reader refuses what is not a quantity: dates ("20/10/2023"), document numbers
//! ("251/KH-UBND", "20-NQ/TW"), phone numbers ("0297.3862.123"), years and year spans
//! ("2021-2025"), article and list numbers ("Điều 5", "(1)").

use crate::text::{
    char_at, char_before, is_word_char, skip_spaces, skip_spaces_back, word_at, words_before,
};

/// One numeral as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset after the last digit.
    pub end: usize,
    /// The value read.
    pub value: f64,
    /// Plain digits only (no thousands dot, no decimal part).
    pub plain: bool,
    /// Count of digits before any separator.
    pub int_digits: usize,
}

impl Numeral {
    /// A plain four-digit number between 1900 and 2100: a year, not a quantity.
    pub fn is_year(&self) -> bool {
        self.plain && self.int_digits == 4 && (1900.0..=2100.0).contains(&self.value)
    }
}

fn digit_run(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j - i
}

/// Read the numeral whose first digit is at byte `i` of `s`, with Vietnamese separators.
/// Returns `None` when the digits belong to something that is not a number of things:
/// a date, a document symbol, a phone number, a code.
///
/// ```
/// use vanban_targets::numeral::read_numeral;
/// assert_eq!(read_numeral("3.000 tổ", 0).unwrap().value, 3000.0);
/// assert_eq!(read_numeral("1,5 lần", 0).unwrap().value, 1.5);
/// assert!(read_numeral("251/KH-UBND", 0).is_none());
/// ```
pub fn read_numeral(s: &str, i: usize) -> Option<Numeral> {
    let b = s.as_bytes();
    if i >= b.len() || !b[i].is_ascii_digit() {
        return None;
    }
    // Glued to a word or to another number on the left: part of a code or symbol.
    if let Some(c) = char_before(s, i) {
        if is_word_char(c) || c == '/' || c == '.' || c == ',' || c == '_' {
            return None;
        }
        if c == '-' && char_before(s, i - 1).is_some_and(is_word_char) {
            return None;
        }
    }
    // A slash before, even spaced ("20 / 10/2023"), means a date or a symbol.
    let back = skip_spaces_back(s, i);
    if back < i && char_before(s, back) == Some('/') {
        return None;
    }
    let n1 = digit_run(b, i);
    let mut j = i + n1;
    let mut int_str = String::from(&s[i..j]);
    let mut plain = true;
    // Thousands groups: ".ddd" repeated.
    if j + 4 <= b.len() && b[j] == b'.' && digit_run(b, j + 1) == 3 && n1 <= 3 {
        while j + 4 <= b.len() && b[j] == b'.' && digit_run(b, j + 1) == 3 {
            int_str.push_str(&s[j + 1..j + 4]);
            j += 4;
            plain = false;
        }
        if j < b.len() && b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
            return None; // "1.234.56": not a Vietnamese number
        }
    } else if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let r = digit_run(b, j + 1);
        let after = b.get(j + 1 + r).copied();
        if r >= 3 || after == Some(b'.') {
            return None; // phone numbers and codes: "0297.3862", "1.2.3"
        }
        // "2.5%": a decimal point written the English way.
        let v: f64 = format!("{}.{}", int_str, &s[j + 1..j + 1 + r])
            .parse()
            .ok()?;
        let end = j + 1 + r;
        return finish(s, i, end, v, false, n1);
    }
    let mut frac = String::new();
    if j + 1 < b.len() && b[j] == b',' && b[j + 1].is_ascii_digit() {
        let r = digit_run(b, j + 1);
        frac.push_str(&s[j + 1..j + 1 + r]);
        j += 1 + r;
        plain = false;
    }
    // Long zero-padded codes are phone numbers or identifiers, not counts ("03" is a count).
    if plain && n1 >= 4 && b[i] == b'0' {
        return None;
    }
    let v: f64 = if frac.is_empty() {
        int_str.parse().ok()?
    } else {
        format!("{int_str}.{frac}").parse().ok()?
    };
    finish(s, i, j, v, plain, n1)
}

fn finish(
    s: &str,
    start: usize,
    end: usize,
    value: f64,
    plain: bool,
    int_digits: usize,
) -> Option<Numeral> {
    // Right context: glued letters ("3a", "20-NQ"), slashes ("20/10", "251 /KH").
    match char_at(s, end) {
        Some(c) if is_word_char(c) => return None,
        Some('-') if char_at(s, end + 1).is_some_and(|c| c.is_alphabetic()) => return None,
        Some('.') if char_at(s, end + 1).is_some_and(|c| c.is_ascii_digit()) => return None,
        _ => {}
    }
    let k = skip_spaces(s, end);
    if char_at(s, k) == Some('/') {
        let k2 = skip_spaces(s, k + 1);
        if char_at(s, k2).is_some_and(is_word_char) {
            return None;
        }
    }
    Some(Numeral {
        start,
        end,
        value,
        plain,
        int_digits,
    })
}

/// Words that, just before a number, make it a label rather than a quantity:
/// "Điều 5", "khoản 2", "số 251", "khóa 13", "lần thứ 4", "ngày 20", "Quốc lộ 14".
const LABEL_WORDS: &[&str] = &[
    "điều",
    "khoản",
    "điểm",
    "chương",
    "mục",
    "tiểu mục",
    "phụ lục",
    "khóa",
    "khoá",
    "thứ",
    "ngày",
    "tháng",
    "quý",
    "giai đoạn",
    "trung ương",
    "hội nghị",
    "nghị quyết",
    "quyết định",
    "nghị định",
    "thông tư",
    "chỉ thị",
    "kết luận",
    "luật",
    "công văn",
    "kế hoạch",
    "chương trình",
    "văn bản",
    "tờ trình",
    "báo cáo",
    "đề án",
    "bảng",
    "biểu",
    "mẫu",
    "phường",
    "quận",
    "ấp",
    "thôn",
    "khu phố",
    "quốc lộ",
    "tỉnh lộ",
    "đường",
    "trang",
    "tập",
    "phiên",
    "kỳ",
    "đợt",
    "top",
    "iso",
    "covid",
    "thoại",
    "đt",
    "fax",
    "tel",
    "hotline",
    "mã",
    "cấp",
    "hạng",
    "bậc",
    "mức độ",
    "lớp",
    "khối",
    "nhóm",
    "phòng",
    "tầng",
    "số",
    "stt",
    "tt",
    "biểu mẫu",
    "tiêu chí",
    "câu",
    "bước",
    "vòng",
    "tổ",
];

/// True when the number at byte `i` of the folded text `low` is a label ("Điều 5", "số 251")
/// rather than a quantity.
///
/// ```
/// use vanban_targets::numeral::is_label;
/// let s = "theo điều 5 của luật";
/// assert!(is_label(s, s.find('5').unwrap()));
/// let s = "tổng số 800 hợp tác xã";
/// assert!(!is_label(s, s.find('8').unwrap()));
/// ```
pub fn is_label(low: &str, i: usize) -> bool {
    let w2 = words_before(low, i, 2);
    let w1 = w2.rsplit(' ').next().unwrap_or("");
    if w1 == "số" && w2 == "tổng số" {
        return false;
    }
    if LABEL_WORDS.contains(&w1) || LABEL_WORDS.contains(&w2.as_str()) {
        return true;
    }
    // "(1)", "1)" list numbering inside a paragraph.
    let before = skip_spaces_back(low, i);
    if char_before(low, before) == Some('(') {
        let b = low.as_bytes();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if b.get(j) == Some(&b')') {
            return true;
        }
    }
    false
}

/// A number read together with its range partner, if any: "70% - 85%", "từ 20 đến 25",
/// "60 - 65%", "10 - 12%/năm".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// Start of the first numeral.
    pub start: usize,
    /// End of the last numeral or of its "%".
    pub end: usize,
    /// Lower (or only) value.
    pub value: f64,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// A "%" (or "phần trăm") was written.
    pub percent: bool,
}

fn after_percent(low: &str, j: usize) -> Option<usize> {
    let k = skip_spaces(low, j);
    if char_at(low, k) == Some('%') {
        return Some(k + 1);
    }
    if word_at(low, k, "phần trăm") {
        return Some(k + "phần trăm".len());
    }
    None
}

/// Read an amount (a number, maybe a range, maybe a "%") starting at byte `i` of the folded
/// text `low`. Year spans ("2021 - 2025") and labels are refused.
///
/// ```
/// use vanban_targets::numeral::read_amount;
/// let a = read_amount("70% - 85% trên", 0).unwrap();
/// assert_eq!((a.value, a.value_max, a.percent), (70.0, Some(85.0), true));
/// assert!(read_amount("2021-2025", 0).is_none());
/// ```
pub fn read_amount(low: &str, i: usize) -> Option<Amount> {
    let n1 = read_numeral(low, i)?;
    if is_label(low, i) {
        return None;
    }
    let mut end = n1.end;
    let mut percent = false;
    if let Some(e) = after_percent(low, end) {
        end = e;
        percent = true;
    }
    // Range partner.
    let k = skip_spaces(low, end);
    let mut k2 = None;
    match char_at(low, k) {
        Some('-') | Some('–') | Some('—') | Some('~') | Some('÷') => {
            k2 = Some(skip_spaces(
                low,
                k + char_at(low, k).map_or(1, char::len_utf8),
            ));
        }
        _ => {
            for w in ["đến", "tới"] {
                if word_at(low, k, w) {
                    k2 = Some(skip_spaces(low, k + w.len()));
                }
            }
        }
    }
    if let Some(k2) = k2 {
        if low.as_bytes().get(k2).is_some_and(u8::is_ascii_digit) {
            if let Some(n2) = read_numeral(low, k2) {
                let mut e2 = n2.end;
                let mut p2 = false;
                if let Some(e) = after_percent(low, e2) {
                    e2 = e;
                    p2 = true;
                }
                if n1.is_year() && n2.is_year() && !percent && !p2 {
                    return None; // "2021 - 2025": a period
                }
                if (p2 || !n2.is_year()) && n2.value > n1.value {
                    return Some(Amount {
                        start: i,
                        end: e2,
                        value: n1.value,
                        value_max: Some(n2.value),
                        percent: percent || p2,
                    });
                }
            }
        }
    }
    if n1.is_year() && !percent {
        return None;
    }
    Some(Amount {
        start: i,
        end,
        value: n1.value,
        value_max: None,
        percent,
    })
}

/// Word forms of a quantity: "gấp đôi" (2 lần), "gấp ba" (3 lần), "gấp rưỡi" (1,5 lần),
/// "một nửa" (50 %). Returns (value, unit, byte length) at `i` of the folded text.
///
/// ```
/// use vanban_targets::numeral::word_quantity;
/// assert_eq!(word_quantity("gấp đôi", 0), Some((2.0, "lần", "gấp đôi".len())));
/// assert_eq!(word_quantity("mười", 0), None);
/// ```
pub fn word_quantity(low: &str, i: usize) -> Option<(f64, &'static str, usize)> {
    const FORMS: &[(&str, f64, &str)] = &[
        ("gấp đôi", 2.0, "lần"),
        ("gấp hai", 2.0, "lần"),
        ("gấp ba", 3.0, "lần"),
        ("gấp bốn", 4.0, "lần"),
        ("gấp năm", 5.0, "lần"),
        ("gấp rưỡi", 1.5, "lần"),
        ("một nửa", 50.0, "%"),
    ];
    let rest = low.get(i..)?;
    if !(rest.starts_with("gấp") || rest.starts_with("một"))
        || char_before(low, i).is_some_and(is_word_char)
    {
        return None;
    }
    FORMS
        .iter()
        .find(|(w, _, _)| word_at(low, i, w))
        .map(|&(w, v, u)| (v, u, w.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        let i = s.find(|c: char| c.is_ascii_digit())?;
        read_numeral(s, i).map(|n| n.value)
    }

    fn amount(s: &str) -> Option<(f64, Option<f64>, bool)> {
        let low = crate::text::fold(s);
        let i = low.find(|c: char| c.is_ascii_digit())?;
        read_amount(&low, i).map(|a| (a.value, a.value_max, a.percent))
    }

    #[test]
    fn thousands_dot_and_decimal_comma() {
        assert_eq!(num("khoảng 3.000 tổ hợp tác"), Some(3000.0));
        assert_eq!(num("100.000 thành viên"), Some(100000.0));
        assert_eq!(num("1.000.000 người"), Some(1_000_000.0));
        assert_eq!(num("tăng 1,5 lần"), Some(1.5));
        assert_eq!(num("0,25%"), Some(0.25));
        assert_eq!(num("2.5%"), Some(2.5));
    }

    #[test]
    fn leading_zeros() {
        assert_eq!(num("03 liên hiệp"), Some(3.0));
        assert_eq!(num("05 liên hiệp"), Some(5.0));
        assert_eq!(num("ít nhất 02 hợp tác xã"), Some(2.0));
    }

    #[test]
    fn percentages_and_ranges() {
        assert_eq!(amount("70%"), Some((70.0, None, true)));
        assert_eq!(amount("70 %"), Some((70.0, None, true)));
        assert_eq!(amount("8%/năm"), Some((8.0, None, true)));
        assert_eq!(amount("10 - 12%/năm"), Some((10.0, Some(12.0), true)));
        assert_eq!(amount("70% - 85%"), Some((70.0, Some(85.0), true)));
        assert_eq!(amount("từ 20 đến 25 HTX"), Some((20.0, Some(25.0), false)));
        assert_eq!(amount("60 - 65%"), Some((60.0, Some(65.0), true)));
        assert_eq!(amount("60–65%"), Some((60.0, Some(65.0), true)));
        assert_eq!(amount("50 phần trăm"), Some((50.0, None, true)));
    }

    #[test]
    fn word_forms() {
        let s = "tăng gấp đôi";
        assert_eq!(
            word_quantity(s, s.find("gấp").unwrap()),
            Some((2.0, "lần", "gấp đôi".len()))
        );
        let s = "giảm một nửa";
        assert_eq!(
            word_quantity(s, s.find("một").unwrap()),
            Some((50.0, "%", "một nửa".len()))
        );
        let s = "mỗi xã một sản phẩm";
        assert_eq!(word_quantity(s, s.find("một").unwrap()), None);
    }

    #[test]
    fn year_spans_are_not_amounts() {
        assert_eq!(amount("giai đoạn 2021-2025"), None);
        assert_eq!(amount("2021 - 2025"), None);
        assert_eq!(amount("2021 – 2025"), None);
        assert_eq!(amount("đến năm 2030"), None);
    }

    #[test]
    fn labels_are_not_amounts() {
        assert_eq!(amount("Điều 5 của Luật"), None);
        assert_eq!(amount("khoản 2 Điều 3"), None);
        assert_eq!(amount("Hội nghị lần thứ 5"), None);
        assert_eq!(amount("(1) Cân đối vốn"), None);
        assert_eq!(amount("Quốc lộ 14"), None);
        assert_eq!(amount("Nghị quyết Trung ương 5"), None);
        assert_eq!(amount("tổng số 800 hợp tác xã"), Some((800.0, None, false)));
    }

    #[test]
    fn document_numbers_dates_phones_are_refused() {
        assert_eq!(amount("số 251/KH-UBND"), None);
        assert_eq!(num("251/KH-UBND"), None);
        assert_eq!(num("251 /KH-UBND"), None);
        assert_eq!(num("20-NQ/TW"), None);
        assert_eq!(amount("ngày 20/10/2023"), None);
        assert_eq!(num("20/10/2023"), None);
        assert_eq!(num("20 / 10/2023"), None);
        assert_eq!(amount("Điện thoại: 0297.3862.123"), None);
        assert_eq!(num("0297.3862123"), None);
        assert_eq!(num("0297 3862 123"), None);
        assert_eq!(num("38/2019/QĐ-UBND"), None);
        assert_eq!(num("ĐT: 02973862123"), None);
        assert_eq!(num("NQ-20"), None);
        assert_eq!(num("3a"), None);
    }
}
