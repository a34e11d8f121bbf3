//! Parsers for the header block: document number, place and date, document kind, title,
//! issuer lines. Each works on cleaned lines (see [`crate::text::clean_line`]).

use crate::provinces::find_province;
use crate::text::{fold, is_upper, sentence_case, title_case, upper_first};

re!(
    number_re,
    r"(?:^|\s)(?:Số\s*[:;.,]?|SỐ\s*[:;.,]?|số\s*[:;.,]|[Ss][oòóỏõọôồổỗộơờớởỡợOÒÓỎÕỌÔỒỔỖỘƠỜỚỞỠỢ0éèẹêếềệ]\s*[:;]|[Ss][éèẹêếềệ]\s*\.)\s*(?P<num>\d+)?(?P<gap>[\s.…_]*(?:[^\s\d/-]+[ \t]*)?)(?P<sym>(?:/\s*\d{4}\s*)?[/-]\s*[\p{L}\d]+(?:\s*[-/]\s*[\p{L}\d]+)*)"
);

/// The document's own number from a header line: `Số: 251 /KH-UBND` -> `251/KH-UBND`.
/// A number left blank for the signer to fill in (`Số:     /KH-UBND`) gives `Blank`.
///
/// ```
/// use vanban_meta::header::{parse_number, Number};
/// assert_eq!(parse_number("Số: 251 /KH-UBND"), Number::Found("251/KH-UBND".into()));
/// assert_eq!(parse_number("Số:            /KH-UBND  Đắk Lắk, ngày"), Number::Blank("/KH-UBND".into()));
/// assert_eq!(parse_number("Số hợp tác xã tăng"), Number::None);
/// assert_eq!(parse_number("số: 2265/BCT-ATMT"), Number::Found("2265/BCT-ATMT".into()));
/// assert_eq!(parse_number("số hợp tác xã 12/HTX"), Number::None);
/// // a number written in by hand that OCR turned into letters: the symbol stays
/// assert_eq!(parse_number("Số: Êđổ /HC-CNHC"), Number::Blank("/HC-CNHC".into()));
/// // or read in part, its last digits junk: unread, not a shorter number
/// assert_eq!(parse_number("Số: 7 Z/QĐ-TTg"), Number::Blank("/QĐ-TTg".into()));
/// assert_eq!(parse_number("Số: 7 ^/2025/NĐ-CP"), Number::Blank("/2025/NĐ-CP".into()));
/// // OCR's "é" for the label's "ố"
/// assert_eq!(parse_number("sé: 30 /HDLN-BCA"), Number::Found("30/HDLN-BCA".into()));
/// assert_eq!(parse_number("sé. 679 /HDLN-BCA"), Number::Found("679/HDLN-BCA".into()));
/// assert_eq!(parse_number("Giao Sở. - Tổ chức"), Number::None); // a word, then a stop
/// assert_eq!(parse_number("sẽ: - Tổ chức"), Number::None); // a word, not the label
/// // OCR's semicolon for the label's colon
/// assert_eq!(parse_number("số; 6 /SXD-QLGT"), Number::Found("6/SXD-QLGT".into()));
/// // and its stop or comma ("số. 7 /HDLN-BCA", "số, 85 /HDLN-BCA")
/// assert_eq!(parse_number("số. 7 /HDLN-BCA"), Number::Found("7/HDLN-BCA".into()));
/// assert_eq!(parse_number("Số, 85 /HDLN-BCA"), Number::Found("85/HDLN-BCA".into()));
/// // a sentence that ends in "số", then a fraction: no symbol, no number
/// assert_eq!(parse_number("tổng số. 2/3 số hộ"), Number::None);
/// assert_eq!(parse_number("Số: 72 ..../2025/NĐ-CP"), Number::Found("72/2025/NĐ-CP".into()));
/// // the label's mark misread by OCR ("Sô:", "S6:"); with its colon only
/// assert_eq!(parse_number("Sô: 1103/SXD-QLGT"), Number::Found("1103/SXD-QLGT".into()));
/// assert_eq!(parse_number("Sở Xây dựng 12/SXD"), Number::None);
/// ```
pub fn parse_number(s: &str) -> Number {
    let Some(c) = number_re().captures(s) else {
        return Number::None;
    };
    let sym: String = c
        .name("sym")
        .map(|m| m.as_str())
        .unwrap_or("")
        .split_whitespace()
        .collect();
    if !sym.chars().any(char::is_alphabetic) {
        return Number::None;
    }
    match c.name("num") {
        // digits, then a word of junk before the symbol's "/": the rest of a number written
        // in by hand that OCR read in part ("Số: 7 Z/QĐ-TTg" for 754): not the number
        Some(_) if gap_holds_ink(&c) => Number::Blank(sym),
        Some(n) => Number::Found(format!("{}{}", n.as_str(), sym)),
        None => Number::Blank(sym),
    }
}

/// Whether the gap between a number line's label (or digits) and its symbol holds more than
/// blank marks (dots, leaders, spaces).
fn gap_holds_ink(c: &regex::Captures) -> bool {
    c.name("gap").is_some_and(|g| {
        g.as_str()
            .chars()
            .any(|ch| !ch.is_whitespace() && !matches!(ch, '.' | '…' | '_'))
    })
}

/// Whether the blank of a number line with no number ([`Number::Blank`]) holds something
/// other than blank marks: a number written or stamped in that OCR could not read ("Số: Êđổ
/// /HC-CNHC", "Số: [?] /NQ-CP"), not a blank left for one.
///
/// ```
/// use vanban_meta::header::blank_holds_ink;
/// assert!(blank_holds_ink("Số: Êđổ /HC-CNHC"));
/// assert!(blank_holds_ink("Số: [?]/NQ-CP"));
/// assert!(blank_holds_ink("Số: 7 Z/QĐ-TTg"));
/// assert!(!blank_holds_ink("Số:      /KH-UBND"));
/// assert!(!blank_holds_ink("Số: ......./UBND-VP"));
/// assert!(!blank_holds_ink("Số: 251/KH-UBND"));
/// ```
pub fn blank_holds_ink(s: &str) -> bool {
    number_re().captures(s).is_some_and(|c| gap_holds_ink(&c))
}

/// A symbol cut at a hyphen at the end of its header line goes on at the start of the next
/// line ("Số: 24 /HDLN-BCA-BQP-BYT-" + "BCT-BTC-VKSNDTC-TANDTC"): join the two when the next
/// line is one word of code letters, digits and hyphens.
///
/// ```
/// use vanban_meta::header::continue_symbol;
/// assert_eq!(continue_symbol("24/HDLN-BCA-".into(), Some("BCT-BTC")), "24/HDLN-BCA-BCT-BTC");
/// assert_eq!(continue_symbol("24/HDLN-BCA".into(), Some("BCT-BTC")), "24/HDLN-BCA");
/// assert_eq!(continue_symbol("24/HDLN-".into(), Some("Độc lập - Tự do")), "24/HDLN-");
/// ```
pub fn continue_symbol(sym: String, next: Option<&str>) -> String {
    let Some(next) = next.map(str::trim) else {
        return sym;
    };
    let code_word = !next.is_empty()
        && !next.contains(char::is_whitespace)
        && next
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
        && next.chars().any(char::is_alphabetic);
    if sym.ends_with('-') && code_word {
        format!("{sym}{next}")
    } else {
        sym
    }
}

/// Result of [`parse_number`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    /// A full number, whitespace removed.
    Found(String),
    /// Only the symbol was printed (number left blank); holds the symbol.
    Blank(String),
    /// No number here.
    None,
}

re!(
    place_date_re,
    r"(?P<place>\b(?:(?:TP|Tp)\.?\s*)?\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*)*)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*(?:[^\s\d]+[\s.…_]+)?(?:tháng\s*(?P<m>\d{1,2})?[\s.…_]*(?:[^\s\d]+[\s.…_]+)?năm\s*|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*)(?P<y>\d{4})\b"
);

/// A place name has at most this many words; the regex takes any run of capitalised words
/// (a bounded repetition of Unicode classes makes it slow to build) and the code keeps the
/// last ones.
const PLACE_WORDS: usize = 5;

/// The last `n` space-separated words of `s` (all of it when shorter).
fn last_words(s: &str, n: usize) -> &str {
    let mut count = 0;
    for (i, c) in s.char_indices().rev() {
        if c == ' ' || c == '\t' {
            count += 1;
            if count == n {
                return s[i + 1..].trim_start();
            }
        }
    }
    s
}

/// Place and date of issue from a header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceDate {
    /// The place as printed ("Kiên Giang").
    pub place: String,
    /// ISO date, `None` when the day or month was left blank or is impossible.
    pub date: Option<String>,
    /// The year as printed (also when day/month are blank).
    pub year: i32,
    /// The month when it was read (1–12), also when the day was not.
    pub month: Option<u32>,
}

/// The signing date of an e-signature stamp ("Thời gian ký: 02.04.2026 14:24:26 +07:00",
/// also `02/04/2026` and `2026-04-02`) as (year, month, day), when it is a valid date.
///
/// ```
/// use vanban_meta::header::signing_date;
/// assert_eq!(signing_date("Ký bởi: Bộ Công Thương\nThời gian ký: 02.04.2026 14:24:26 +07:00"), Some((2026, 4, 2)));
/// assert_eq!(signing_date("Thời gian ký: 2025-05-30T08:00:00"), Some((2025, 5, 30)));
/// assert_eq!(signing_date("Thời gian ký: 2.4.2026 8:05"), Some((2026, 4, 2)));
/// assert_eq!(signing_date("Thời gian ký: 31.02.2026"), None);
/// assert_eq!(signing_date("thời gian thực hiện: 02.04.2026"), None);
/// ```
pub fn signing_date(text: &str) -> Option<(i32, u32, u32)> {
    const LABEL: &str = "Thời gian ký:";
    let at = text.find(LABEL)?;
    let rest = text.get(at + LABEL.len()..)?.trim_start();
    let head = rest
        .split(|c: char| c.is_whitespace() || c == 'T' || c == ',')
        .next()
        .unwrap_or_default();
    let parts: Vec<&str> = head.split(['.', '/', '-']).collect();
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, num(d)?),
        [d, m, y] if y.len() == 4 => (num(y)?, num(m)?, num(d)?),
        _ => return None,
    };
    let y = i32::try_from(y).ok()?;
    valid_date(y, m, d).then_some((y, m, d))
}

/// `Kiên Giang, ngày 20 tháng 10 năm 2023` -> place "Kiên Giang", date "2023-10-20".
/// Blank day or month gives no date, never a guessed one.
///
/// ```
/// use vanban_meta::header::parse_place_date;
/// let p = parse_place_date("Kiên Giang, ngày 20 tháng 10 năm 2023").unwrap();
/// assert_eq!((p.place.as_str(), p.date.as_deref()), ("Kiên Giang", Some("2023-10-20")));
/// let p = parse_place_date("Số: /KH-UBND Đắk Lắk, ngày    tháng    năm 2020").unwrap();
/// assert_eq!((p.place.as_str(), p.date), ("Đắk Lắk", None));
/// assert!(parse_place_date("ban hành ngày 20 tháng 10 năm 2023").is_none());
/// // a day written in by hand that the OCR could not read: the place stays, the date is null
/// let p = parse_place_date("Hà Nội, ngày °Ê} tháng 4 năm 2026").unwrap();
/// assert_eq!((p.place.as_str(), p.date, p.year), ("Hà Nội", None, 2026));
/// // a stamped day OCR garbled: no date rather than the 1st
/// let p = parse_place_date("Lào Cai, ngày 1x tháng 3 năm 2026").unwrap();
/// assert_eq!((p.date, p.month), (None, Some(3)));
/// // no month is 5x: the speck after the digit is junk; a day 1x may be 10–19
/// let p = parse_place_date("Lào Cai, ngày 12 tháng 5s năm 2026").unwrap();
/// assert_eq!(p.date.as_deref(), Some("2026-05-12"));
/// let p = parse_place_date("Lào Cai, ngày 1s tháng 5 năm 2026").unwrap();
/// assert_eq!(p.date, None);
/// // a day read as a digit and a word of junk: the rest of the day is unread
/// let p = parse_place_date("Hà Nội, ngày 2 Ï tháng 7 năm 2025").unwrap();
/// assert_eq!((p.date, p.month), (None, Some(7)));
/// assert_eq!(parse_place_date("Hà Nội, ngày 4 Ì tháng 6 năm 2025").unwrap().date, None);
/// let p = parse_place_date("Hà Nội, ngày 27 tháng 7 ¬ năm 2025").unwrap();
/// assert_eq!((p.date, p.month), (None, None));
/// // dots and a blank between the digits and the keyword are no junk
/// let p = parse_place_date("Hà Nội, ngày 27 … tháng 7 năm 2025").unwrap();
/// assert_eq!(p.date.as_deref(), Some("2025-07-27"));
/// // a space OCR lost before the next keyword
/// let p = parse_place_date("Hà Nội, ngày 09tháng 7năm 2025").unwrap();
/// assert_eq!(p.date.as_deref(), Some("2025-07-09"));
/// ```
pub fn parse_place_date(s: &str) -> Option<PlaceDate> {
    let c = place_date_re().captures(s)?;
    let place = last_words(c.name("place")?.as_str().trim(), PLACE_WORDS).to_string();
    let year: i32 = c.name("y")?.as_str().parse().ok()?;
    // a day or month whose digits run on into other characters ("ngày 1x tháng", OCR of a
    // stamped "13") is unreadable, not the digits before the junk; run on into the next
    // keyword ("tháng 7năm", OCR lost the space) it is read
    // A single digit that no second digit can follow (a day 4–9, a month 2–9: there is no
    // day 40 or month 20) is read before junk too ("tháng 5s": a stamp's speck).
    // A word of other characters standing between the digits and the next keyword ("ngày 2
    // Ï tháng", "ngày 4 Ì tháng": a day written in by hand read as a digit and junk) is the
    // rest of the day, unread: no date rather than the digit read (a 27th read as the 2nd).
    let clean_end = |m: regex::Match, alone_from: u32| {
        let rest = s.get(m.end()..).unwrap_or("");
        let single = m.as_str().len() == 1
            && m.as_str().parse::<u32>().is_ok_and(|d| d >= alone_from)
            && rest.starts_with(|c: char| c.is_alphabetic());
        let next =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | '_'));
        let junk_word_next = rest.starts_with(char::is_whitespace)
            && !next.is_empty()
            && !next.starts_with("tháng")
            && !next.starts_with("năm");
        single
            || rest.starts_with("tháng")
            || rest.starts_with("năm")
            || (!junk_word_next
                && rest
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | '…' | '_' | '/' | '-')))
    };
    let day: Option<u32> = c
        .name("d")
        .filter(|m| clean_end(*m, 4))
        .and_then(|m| m.as_str().parse().ok());
    let month: Option<u32> = c
        .name("m")
        .or_else(|| c.name("m2"))
        .filter(|m| clean_end(*m, 2))
        .and_then(|m| m.as_str().parse().ok());
    let date = match (day, month) {
        (Some(d), Some(m)) if valid_date(year, m, d) => Some(format!("{year:04}-{m:02}-{d:02}")),
        _ => None,
    };
    let month = month.filter(|m| (1..=12).contains(m));
    Some(PlaceDate {
        place,
        date,
        year,
        month,
    })
}

/// True for a real calendar date in a plausible range for administrative documents.
pub fn valid_date(y: i32, m: u32, d: u32) -> bool {
    if !(1945..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// Document kinds: the upper-case kind line and the contract's sentence-case name.
/// Longest first.
const KINDS: [&str; 41] = [
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "KẾ HOẠCH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH CÔNG TÁC",
    "GIẤY CHỨNG NHẬN",
    "NGHỊ ĐỊNH THƯ",
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "BÁO CÁO",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "PHỤ LỤC",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "CHỈ THỊ",
    "KẾT LUẬN",
    "ĐỀ ÁN",
    "HƯỚNG DẪN",
    "QUY ĐỊNH",
    "QUY CHẾ",
    "CÔNG ĐIỆN",
    "CÔNG VĂN",
    "THÔNG TƯ",
    "NGHỊ ĐỊNH",
    "BIÊN BẢN",
    "PHƯƠNG ÁN",
    "DỰ ÁN",
    "ĐỀ CƯƠNG",
    "QUY HOẠCH",
    "CHIẾN LƯỢC",
    "HIỆP ĐỊNH",
    "GIẤY PHÉP",
    "GIẤY MỜI",
    "GIẤY GIỚI THIỆU",
    "PHIẾU CHUYỂN",
    "PHIẾU TRÌNH",
    "HỢP ĐỒNG",
    "BẢN GHI NHỚ",
    "PHÁP LỆNH",
    "HIẾN PHÁP",
    "BỘ LUẬT",
    "LUẬT",
];

/// Kinds whose kind word is always followed by what the paper is about, on the same line
/// ("BIÊN BẢN NGHIỆM THU …", "HIỆP ĐỊNH VẬN TẢI …", "GIẤY PHÉP VẬN CHUYỂN …"): an upper-case
/// rest is their title, not a heading that merely starts with a kind word.
const KINDS_WITH_SUBJECT: [&str; 12] = [
    "BIÊN BẢN",
    "HIỆP ĐỊNH",
    "NGHỊ ĐỊNH THƯ",
    "GIẤY PHÉP",
    "GIẤY CHỨNG NHẬN",
    "GIẤY MỜI",
    "GIẤY GIỚI THIỆU",
    "HỢP ĐỒNG",
    "BẢN GHI NHỚ",
    "PHÁP LỆNH",
    "BỘ LUẬT",
    "LUẬT",
];

/// Words after a kind that qualify who issues it jointly ("HƯỚNG DẪN LIÊN NGÀNH",
/// "THÔNG TƯ LIÊN TỊCH"): the kind is the bare kind.
const JOINT_QUALIFIERS: [&str; 2] = ["LIÊN NGÀNH", "LIÊN TỊCH"];

re!(
    appendix_label_re,
    r"^(?:[IVXLC]+[a-z]?|\d+[a-z]?|[A-Z])\.?$"
);

/// A kind line in capitals whose tone or vowel marks OCR misread ("PHIẾU CHUYÊN" for
/// "PHIẾU CHUYỂN", "GIÁY PHÉP" for "GIẤY PHÉP"): the whole line is, but for its marks, the
/// name of exactly one kind. Only a bare kind line qualifies (no title on it), so a heading
/// that merely resembles a kind is not taken.
///
/// ```
/// use vanban_meta::header::kind_line_misread;
/// assert_eq!(kind_line_misread("PHIẾU CHUYÊN").as_deref(), Some("Phiếu chuyển"));
/// assert_eq!(kind_line_misread("GIÁY PHÉP").as_deref(), Some("Giấy phép"));
/// assert_eq!(kind_line_misread("Phiếu chuyên"), None); // not in capitals
/// assert_eq!(kind_line_misread("PHIẾU CHUYÊN MÔN"), None);
/// ```
pub fn kind_line_misread(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || !is_upper(t) || t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let key = crate::text::strip_marks(t);
    let mut found = KINDS.iter().filter(|k| crate::text::strip_marks(k) == key);
    let k = found.next()?;
    found.next().is_none().then(|| sentence_case(k))
}

/// A kind line: `KẾ HOẠCH`, `PHỤ LỤC IV`, `Phụ lục 2`, or a kind joined with its title
/// (`KẾ HOẠCH Về việc …`). Returns the kind in sentence case and the rest of the line.
///
/// ```
/// use vanban_meta::header::parse_kind_line;
/// assert_eq!(parse_kind_line("KẾ HOẠCH"), Some(("Kế hoạch".to_string(), String::new())));
/// assert_eq!(parse_kind_line("PHỤ LỤC IV").map(|k| k.0), Some("Phụ lục".to_string()));
/// assert_eq!(parse_kind_line("KẾ HOẠCH Về việc abc").map(|k| k.1), Some("Về việc abc".to_string()));
/// assert_eq!(parse_kind_line("Kế hoạch này được triển khai"), None);
/// assert_eq!(parse_kind_line("KẾ HOẠCH SỐ 12"), None);
/// ```
pub fn parse_kind_line(line: &str) -> Option<(String, String)> {
    let t = line.trim().trim_end_matches(':').trim();
    // the document's own kind line never ends in ':' ("QUYẾT ĐỊNH:" opens the articles)
    if line.trim_end().ends_with(':') {
        return None;
    }
    let up = t.to_uppercase();
    for k in KINDS {
        let Some(rest_up) = up.strip_prefix(k) else {
            continue;
        };
        if !rest_up.is_empty() && !rest_up.starts_with(char::is_whitespace) {
            continue;
        }
        // same byte length in upper case for these letters; find rest in the original by chars
        let kchars = k.chars().count();
        let rest: String = t.chars().skip(kchars).collect();
        let mut rest = rest.trim().to_string();
        let head: String = t.chars().take(kchars).collect();
        let head_upper = is_upper(&head);
        if head_upper {
            if let Some(q) = JOINT_QUALIFIERS.iter().find(|q| rest.starts_with(*q)) {
                rest = rest.get(q.len()..).unwrap_or("").trim().to_string();
            }
        }
        if rest.is_empty() {
            // a bare "Kế hoạch" line in sentence case is accepted only for appendices
            if head_upper || k == "PHỤ LỤC" {
                return Some((sentence_case(k), String::new()));
            }
            return None;
        }
        if k == "PHỤ LỤC" && appendix_label_re().is_match(&rest) {
            return Some((sentence_case(k), String::new()));
        }
        if !head_upper {
            return None;
        }
        // joined title: must start like a title, not like an upper-case heading
        let rf = fold(&rest);
        if rf.starts_with("số ") || rf.starts_with("số:") {
            return None;
        }
        let first = rest.split_whitespace().next().unwrap_or("");
        if KINDS_WITH_SUBJECT.contains(&k) && is_upper(first) {
            return Some((sentence_case(k), rest));
        }
        if !is_upper(first)
            || [
                "VỀ", "V/V", "BAN", "THỰC", "TRIỂN", "PHÁT", "NĂM", "GIAI", "TIẾP",
            ]
            .contains(&first)
        {
            return Some((sentence_case(k), rest));
        }
        return None;
    }
    None
}

/// Kind implied by the symbol of a document number (`251/KH-UBND` -> Kế hoạch).
///
/// ```
/// use vanban_meta::header::kind_from_number;
/// assert_eq!(kind_from_number("12/2023/NQ-HĐND"), Some("Nghị quyết"));
/// assert_eq!(kind_from_number("45-CTr/TU"), Some("Chương trình"));
/// assert_eq!(kind_from_number("123/UBND-KT"), None);
/// ```
pub fn kind_from_number(num: &str) -> Option<&'static str> {
    // the kind abbreviation is the first letter group after the number (and year)
    let after = num.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/' || c == '-');
    let after = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/');
    let abbr: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    Some(match abbr.as_str() {
        "KH" => "Kế hoạch",
        "QĐ" => "Quyết định",
        "NQ" => "Nghị quyết",
        "BC" => "Báo cáo",
        "CTr" | "CTR" => "Chương trình",
        "TB" => "Thông báo",
        "TTr" | "TTR" => "Tờ trình",
        "CT" => "Chỉ thị",
        "HD" => "Hướng dẫn",
        "KL" => "Kết luận",
        "ĐA" => "Đề án",
        "QC" => "Quy chế",
        "QyĐ" => "Quy định",
        "CĐ" => "Công điện",
        "BB" => "Biên bản",
        "GP" => "Giấy phép",
        "GCN" => "Giấy chứng nhận",
        "GM" => "Giấy mời",
        "GGT" => "Giấy giới thiệu",
        "PC" => "Phiếu chuyển",
        "PTr" | "PTR" => "Phiếu trình",
        "TTLT" => "Thông tư",
        "NQLT" => "Nghị quyết",
        "HDLN" => "Hướng dẫn",
        "CV" => "Công văn",
        _ => return None,
    })
}

re!(
    motto_re,
    r"(?i)(?:CỘNG\s+H[OÒÓỎÕỌ][AÀÁẢÃẠ]\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐỘC\s+LẬP\s*[-–—]\s*TỰ\s+DO\s*[-–—]\s*HẠNH\s+PHÚC|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)"
);

/// True when the line is (or contains) the national or Party motto.
pub fn has_motto(s: &str) -> bool {
    motto_re().is_match(s)
}

/// What is left of a header line once motto, number, place/date and rules are removed.
pub fn issuer_residue(s: &str) -> String {
    let mut t = motto_re().replace_all(s, " ").into_owned();
    if let Some(m) = number_re().find(&t) {
        t.replace_range(m.range(), " ");
    }
    if let Some(c) = place_date_re().captures(&t) {
        if let (Some(all), Some(place)) = (c.get(0), c.name("place")) {
            // the place is at most PLACE_WORDS words: earlier capitalised words stay
            let kept = place.as_str().len() - last_words(place.as_str(), PLACE_WORDS).len();
            let range = place.start() + kept..all.end();
            t.replace_range(range, " ");
        }
    }
    // a lone dash after a word separates joint issuers ("BỘ CÔNG AN - BỘ QUỐC PHÒNG -") and
    // stays; every other rule character is a decoration
    let is_rule = |c: char| matches!(c, '*' | '_' | '=' | '~' | '-' | '–' | '—' | '|');
    let mut kept: Vec<String> = Vec::new();
    // one dash run into a word ("AN-", "-BỘ", as OCR and some typists write it) is such a
    // dash beside it
    let dash = |c: char| matches!(c, '-' | '–' | '—');
    let toks = t.split_whitespace().flat_map(|tok| {
        let word_at = |rest: &str| {
            rest.chars().next().is_some_and(char::is_alphabetic)
                && rest.chars().next_back().is_some_and(char::is_alphabetic)
        };
        let mut out = Vec::with_capacity(3);
        let mut rest = tok;
        let lead = rest.strip_prefix(dash).filter(|r| word_at(r));
        if let Some(r) = lead {
            out.push("-");
            rest = r;
        }
        let trail = rest.strip_suffix(dash).filter(|r| word_at(r));
        match trail {
            Some(r) => out.extend([r, "-"]),
            None => out.push(rest),
        }
        out
    });
    for tok in toks {
        if matches!(tok, "-" | "–" | "—")
            && kept
                .last()
                .is_some_and(|w| w != "-" && w.chars().any(char::is_alphabetic))
        {
            kept.push("-".to_string());
            continue;
        }
        let w: String = tok
            .chars()
            .map(|c| if is_rule(c) { ' ' } else { c })
            .collect();
        kept.extend(w.split_whitespace().map(str::to_string));
    }
    if kept.first().is_some_and(|w| w == "-") {
        kept.remove(0);
    }
    kept.join(" ")
}

/// The bodies of a joint issuer ("BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ Y TẾ"): the parts between
/// lone dashes when there are at least two and each opens with an agency head or phrase.
fn joint_parts(up: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = up
        .split(" - ")
        .map(|p| p.trim().trim_end_matches(" -").trim_end_matches('-').trim())
        .filter(|p| !p.is_empty())
        .collect();
    let opens = |p: &str| {
        starts_with_head(p)
            || PHRASES.iter().any(|(ph, _)| word_prefix(p, ph).is_some())
            || phrase_loose(p).is_some()
    };
    (parts.len() >= 2 && parts.iter().all(|p| opens(p))).then_some(parts)
}

/// Abbreviations in issuer lines, upper case, expanded.
const ISSUER_ABBREV: [(&str, &str); 7] = [
    ("UBND", "ỦY BAN NHÂN DÂN"),
    ("HĐND", "HỘI ĐỒNG NHÂN DÂN"),
    ("UBMTTQVN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"),
    ("UBMTTQ", "ỦY BAN MẶT TRẬN TỔ QUỐC"),
    ("BCH", "BAN CHẤP HÀNH"),
    ("TP.", "THÀNH PHỐ"),
    ("TP", "THÀNH PHỐ"),
];

/// Expand abbreviations of an upper-case issuer line (`UBND TỈNH X` -> `ỦY BAN NHÂN DÂN TỈNH X`).
///
/// ```
/// use vanban_meta::header::expand_issuer_abbrev;
/// assert_eq!(expand_issuer_abbrev("UBND TỈNH X"), "ỦY BAN NHÂN DÂN TỈNH X");
/// assert_eq!(expand_issuer_abbrev("CÔNG TY CP ĐẦU TƯ"), "CÔNG TY CỔ PHẦN ĐẦU TƯ");
/// assert_eq!(expand_issuer_abbrev("CTCP XÂY DỰNG"), "CÔNG TY CỔ PHẦN XÂY DỰNG");
/// assert_eq!(expand_issuer_abbrev("VĂN PHÒNG CP"), "VĂN PHÒNG CP");
/// ```
pub fn expand_issuer_abbrev(s: &str) -> String {
    let s = crate::text::new_tones(&s.to_uppercase());
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let mut done = false;
        for (a, full) in ISSUER_ABBREV {
            if w == a {
                out.push(full.to_string());
                done = true;
                break;
            }
            if a == "TP." {
                if let Some(rest) = w.strip_prefix("TP.") {
                    out.push(format!("{full} {rest}"));
                    done = true;
                    break;
                }
            }
        }
        // "CÔNG TY CP", "CTCP": a joint-stock company (công ty cổ phần)
        if !done && w == "CTCP" {
            out.push("CÔNG TY CỔ PHẦN".to_string());
            done = true;
        }
        if !done && w == "CP" && out.last().is_some_and(|l| l == "TY" || l.ends_with(" TY")) {
            out.push("CỔ PHẦN".to_string());
            done = true;
        }
        if !done {
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

/// Fixed upper-case phrases of agency names and their written form. Longest first within
/// a shared prefix; matched at word boundaries.
const PHRASES: [(&str, &str); 39] = [
    // "MÔI TRƯỜNG" (environment), not the head "TRƯỜNG" (school)
    (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "Bộ Nông nghiệp và Môi trường",
    ),
    ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Bộ Tài nguyên và Môi trường"),
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
    (
        "ĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM",
        "Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    ),
    (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
    ),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC", "Ủy ban Mặt trận Tổ quốc"),
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân"),
    ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
    (
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG",
        "Ban Chấp hành Trung ương Đảng",
    ),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương"),
    ("BAN CHẤP HÀNH", "Ban Chấp hành"),
    ("BAN BÍ THƯ", "Ban Bí thư"),
    ("BỘ CHÍNH TRỊ", "Bộ Chính trị"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("CHÍNH PHỦ", "Chính phủ"),
    ("QUỐC HỘI", "Quốc hội"),
    ("TỈNH ỦY", "Tỉnh ủy"),
    ("THÀNH ỦY", "Thành ủy"),
    ("HUYỆN ỦY", "Huyện ủy"),
    ("QUẬN ỦY", "Quận ủy"),
    ("THỊ ỦY", "Thị ủy"),
    ("ĐẢNG ỦY", "Đảng ủy"),
    ("ĐẢNG BỘ", "Đảng bộ"),
    ("ĐẢNG ĐOÀN", "Đảng đoàn"),
    ("BAN CÁN SỰ ĐẢNG", "Ban cán sự đảng"),
    (
        "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
        "Viện kiểm sát nhân dân tối cao",
    ),
    ("VIỆN KIỂM SÁT NHÂN DÂN", "Viện kiểm sát nhân dân"),
    ("TÒA ÁN NHÂN DÂN TỐI CAO", "Tòa án nhân dân tối cao"),
    ("TÒA ÁN NHÂN DÂN", "Tòa án nhân dân"),
    ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
    ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
    ("BỘ QUỐC PHÒNG", "Bộ Quốc phòng"),
    ("LIÊN MINH HỢP TÁC XÃ", "Liên minh Hợp tác xã"),
    ("VĂN PHÒNG", "Văn phòng"),
    ("TRUNG ƯƠNG", "Trung ương"),
    ("VIỆT NAM", "Việt Nam"),
    ("KHỐI", "Khối"),
    ("TỈNH ĐOÀN", "Tỉnh Đoàn"),
];

/// A long agency phrase (four words or more) at the start of `up`, compared without
/// diacritics: fonts with a broken mapping print "VIỆN KIỂM SÁT NHÂN DÂN TÓI CAO", and a
/// phrase that long is not mistaken for another. Returns the phrase, its written form and
/// the rest of `up`.
fn phrase_loose(up: &str) -> Option<(&'static str, &'static str, &str)> {
    let words: Vec<&str> = up.split_whitespace().collect();
    PHRASES.iter().find_map(|(p, proper)| {
        let n = p.split_whitespace().count();
        if n < 4 || words.len() < n {
            return None;
        }
        let head = words.get(..n)?.join(" ");
        (crate::text::strip_marks(&head) == crate::text::strip_marks(p))
            .then(|| (*p, *proper, skip_words(up, n)))
    })
}

/// Administrative unit words: followed by a proper name.
const UNITS: [&str; 8] = [
    "THÀNH PHỐ",
    "THỊ TRẤN",
    "THỊ XÃ",
    "TỈNH",
    "HUYỆN",
    "QUẬN",
    "PHƯỜNG",
    "XÃ",
];

/// Heads of agencies whose name follows in "first word of each component capitalized"
/// style ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ" -> "Sở Kế hoạch và Đầu tư").
const HEADS: [&str; 22] = [
    "BAN QUẢN LÝ",
    "CHI CỤC",
    "TRUNG TÂM",
    "BỆNH VIỆN",
    "THANH TRA",
    "CÔNG AN",
    "BỘ CHỈ HUY",
    "LIÊN MINH",
    "LIÊN ĐOÀN",
    "HỌC VIỆN",
    "TRƯỜNG",
    "PHÒNG",
    "CỤC",
    "SỞ",
    "BỘ",
    "BAN",
    "HỘI",
    "QUỸ",
    "ĐÀI",
    "BÁO",
    "VIỆN",
    "TỔNG CỤC",
];

/// True when an upper-case issuer line starts with a subordinate agency head (a Sở, a Ban…).
pub fn starts_with_head(up: &str) -> bool {
    HEADS
        .iter()
        .chain(["VĂN PHÒNG", "ĐẢNG ĐOÀN", "BAN CÁN SỰ ĐẢNG", "ĐẢNG ỦY"].iter())
        .any(|h| word_prefix(up, h).is_some())
}

/// True when the child is an organ of its parent named only by its function
/// ("VĂN PHÒNG", "BAN THƯỜNG VỤ"): it takes the parent's full name.
fn is_bare_organ(up: &str) -> bool {
    [
        "VĂN PHÒNG",
        "BAN THƯỜNG VỤ",
        "BAN CHẤP HÀNH",
        "ĐẢNG ĐOÀN",
        "BAN CÁN SỰ ĐẢNG",
        "THƯỜNG TRỰC",
    ]
    .contains(&up.trim())
}

/// True when the upper-case line is a party committee (its subordinates take its full name).
pub fn is_party_body(up: &str) -> bool {
    [
        "TỈNH ỦY",
        "THÀNH ỦY",
        "HUYỆN ỦY",
        "QUẬN ỦY",
        "THỊ ỦY",
        "ĐẢNG ỦY",
        "ĐẢNG BỘ",
    ]
    .iter()
    .any(|p| up.contains(p))
}

fn word_prefix<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(p)?;
    if rest.is_empty() || rest.starts_with(' ') {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// The locality part of an upper-case issuer ("TỈNH KIÊN GIANG"), if any.
pub fn locality_of(up: &str) -> Option<String> {
    let words: Vec<&str> = up.split_whitespace().collect();
    for i in 0..words.len() {
        let rest = words.get(i..).unwrap_or(&[]).join(" ");
        for u in UNITS {
            if let Some(name) = word_prefix(&rest, u) {
                // "TỈNH ỦY" is a party committee, not a locality
                if name.is_empty() || name.starts_with("ỦY") || name.starts_with("ĐOÀN") {
                    continue;
                }
                return Some(rest);
            }
        }
    }
    None
}

/// Write an upper-case issuer in its usual case, abbreviations expanded:
/// `ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG` -> `Ủy ban nhân dân tỉnh Kiên Giang`.
///
/// ```
/// use vanban_meta::header::issuer_case;
/// assert_eq!(issuer_case("UBND TỈNH KIÊN GIANG"), "Ủy ban nhân dân tỉnh Kiên Giang");
/// assert_eq!(issuer_case("TỈNH ỦY LÂM ĐỒNG"), "Tỉnh ủy Lâm Đồng");
/// assert_eq!(issuer_case("SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH KIÊN GIANG"), "Sở Kế hoạch và Đầu tư tỉnh Kiên Giang");
/// assert_eq!(issuer_case("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"), "Ủy ban nhân dân thành phố Hà Nội");
/// ```
pub fn issuer_case(s: &str) -> String {
    let up = expand_issuer_abbrev(s);
    let mut out: Vec<String> = Vec::new();
    let mut rest: &str = up.trim();
    // after a unit word or a party committee word, the following words are a place name
    let mut expect_name = false;
    // inside an agency name after a head: capitalize the first word of each component
    let mut in_head = false;
    let mut cap_next = false;
    while !rest.is_empty() {
        let exact = PHRASES
            .iter()
            .find_map(|(p, pr)| word_prefix(rest, p).map(|r| (*p, *pr, r)));
        // a longer phrase matched without diacritics wins over a shorter exact one
        let loose = phrase_loose(rest).filter(|(lp, _, _)| match exact {
            Some((ep, _, _)) => lp.len() > ep.len(),
            None => true,
        });
        if let Some((p, proper, r)) = loose.or(exact) {
            out.push(proper.to_string());
            rest = r;
            expect_name = p.ends_with(" ỦY") && p != "ĐẢNG ỦY";
            in_head = p == "VĂN PHÒNG" || p == "LIÊN MINH HỢP TÁC XÃ";
            cap_next = false;
            if expect_name {
                let (name, r2) = take_place_name(rest);
                if !name.is_empty() {
                    out.push(name);
                    rest = r2;
                }
                expect_name = false;
            }
            continue;
        }
        if let Some((u, r)) = UNITS
            .iter()
            .find_map(|u| word_prefix(rest, u).map(|r| (*u, r)))
        {
            if !r.is_empty() && !r.starts_with("ỦY") {
                out.push(u.to_lowercase());
                let (name, r2) = take_place_name(r);
                out.push(name);
                rest = r2;
                in_head = false;
                continue;
            }
        }
        if let Some((h, r)) = HEADS
            .iter()
            .find_map(|h| word_prefix(rest, h).map(|r| (*h, r)))
        {
            out.push(sentence_case(h));
            rest = r;
            in_head = true;
            cap_next = true;
            continue;
        }
        let (w, r) = rest.split_once(' ').unwrap_or((rest, ""));
        rest = r.trim_start();
        let lw = w.to_lowercase();
        let word = if cap_next || out.is_empty() {
            upper_first(&lw)
        } else if w.chars().any(|c| c.is_ascii_digit()) {
            w.to_string()
        } else {
            lw.clone()
        };
        cap_next = in_head && (lw == "và" || w.ends_with(',') || lw == "-");
        out.push(word);
        let _ = expect_name;
    }
    out.join(" ").replace(" ,", ",")
}

/// Take a place name off the front of an upper-case string: a province by the gazetteer,
/// else the words up to the next agency phrase, in title case.
fn take_place_name(s: &str) -> (String, &str) {
    let words: Vec<&str> = s.split_whitespace().collect();
    // longest prefix that is a province
    for n in (1..=words.len().min(5)).rev() {
        let cand = words.get(..n).unwrap_or(&[]).join(" ");
        if let Some(p) = find_province(&cand) {
            let name = p
                .own_names
                .iter()
                .find(|o| fold(o) == fold(&cand))
                .copied()
                .unwrap_or(p.name);
            return (name.to_string(), skip_words(s, n));
        }
    }
    // otherwise up to the next known phrase / head / unit
    let mut n = 0;
    while n < words.len() {
        let rest = words.get(n..).unwrap_or(&[]).join(" ");
        let stop = PHRASES.iter().any(|(p, _)| word_prefix(&rest, p).is_some())
            || (n > 0 && HEADS.iter().any(|h| word_prefix(&rest, h).is_some()))
            || (n > 0 && UNITS.iter().any(|u| word_prefix(&rest, u).is_some()));
        if stop {
            break;
        }
        n += 1;
    }
    let name = words.get(..n).unwrap_or(&[]).join(" ");
    (title_case(&name), skip_words(s, n))
}

fn skip_words(s: &str, n: usize) -> &str {
    let mut rest = s.trim_start();
    for _ in 0..n {
        rest = rest
            .split_once(' ')
            .map(|(_, r)| r.trim_start())
            .unwrap_or("");
    }
    rest
}

/// Combine the issuer lines of a header (upper case, top to bottom) into one issuer.
/// A subordinate agency under its parent takes the parent's locality ("UBND TỈNH X /
/// SỞ TÀI CHÍNH" -> "Sở Tài chính tỉnh X"); under a party committee it takes the
/// committee's name ("TỈNH ỦY X / BAN TUYÊN GIÁO" -> "Ban Tuyên giáo Tỉnh ủy X").
///
/// ```
/// use vanban_meta::header::combine_issuer_lines;
/// let l = |v: &[&str]| combine_issuer_lines(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
/// assert_eq!(l(&["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]).as_deref(), Some("Ủy ban nhân dân tỉnh Kiên Giang"));
/// assert_eq!(l(&["UBND TỈNH KIÊN GIANG", "SỞ TÀI CHÍNH"]).as_deref(), Some("Sở Tài chính tỉnh Kiên Giang"));
/// // a head whose marks OCR misread
/// assert_eq!(l(&["UBND TỈNH LÀO CAI", "SƠ XÂY DỰNG"]).as_deref(), Some("Sở Xây dựng tỉnh Lào Cai"));
/// assert_eq!(l(&[]), None);
/// ```
pub fn combine_issuer_lines(lines: &[String]) -> Option<String> {
    // a known body's marks first: OCR misreads marks in capitals ("SƠ XÂY DỰNG"), and a
    // head misread is no head
    let ups: Vec<String> = lines
        .iter()
        .map(|l| expand_issuer_abbrev(&crate::agencies::known_marks(l)))
        .filter(|l| !l.is_empty())
        .collect();
    if ups.is_empty() {
        return None;
    }
    // the last line that opens a subordinate agency; a lone word ("ỦY BAN THƯỜNG VỤ QUỐC" /
    // "HỘI") or a line after an open "VÀ" ("BỘ NÔNG NGHIỆP VÀ" / "MÔI TRƯỜNG") goes on
    // with the line above
    let split = (1..ups.len()).rev().find(|&i| {
        ups.get(i)
            .is_some_and(|l| starts_with_head(l) && l.split_whitespace().count() > 1)
            && !ups
                .get(i - 1)
                .is_some_and(|p| p.ends_with(" VÀ") || p.ends_with(" CỦA"))
    });
    let all = ups.join(" ");
    if let Some(parts) = joint_parts(&all) {
        let cased: Vec<String> = parts.iter().map(|p| issuer_case(p)).collect();
        return Some(cased.join(" - "));
    }
    let joined = match split {
        Some(i) => {
            let parent = ups.get(..i).unwrap_or(&[]).join(" ");
            let child = ups.get(i..).unwrap_or(&[]).join(" ");
            if locality_of(&child).is_some() {
                child
            } else if is_party_body(&parent) || is_bare_organ(&child) {
                format!("{child} {parent}")
            } else if let Some(loc) = locality_of(&parent) {
                format!("{child} {loc}")
            } else {
                child
            }
        }
        None => ups.join(" "),
    };
    Some(issuer_case(&joined))
}

re!(symbol_word_re, r"[/\d]");

/// Sentence case for an all-caps title, keeping document symbols and place names:
/// `VỀ VIỆC BAN HÀNH KẾ HOẠCH SỐ 12/KH-UBND TỈNH BẮC NINH` ->
/// `Về việc ban hành kế hoạch số 12/KH-UBND tỉnh Bắc Ninh`.
///
/// ```
/// use vanban_meta::header::title_sentence_case;
/// assert_eq!(title_sentence_case("VỀ PHÁT TRIỂN KINH TẾ TỈNH BẮC NINH NĂM 2024"),
///            "Về phát triển kinh tế tỉnh Bắc Ninh năm 2024");
/// ```
pub fn title_sentence_case(s: &str) -> String {
    let hits = crate::provinces::find_provinces_in(s);
    let mut out = String::with_capacity(s.len());
    let mut first = true;
    for (start, w) in word_spans(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        let in_name = hits.iter().find(|h| h.start <= start && start < h.end);
        let word = if symbol_word_re().is_match(w) {
            w.to_string()
        } else if in_name.is_some() || first {
            upper_first(&w.to_lowercase())
        } else {
            w.to_lowercase()
        };
        first = false;
        out.push_str(&word);
    }
    out
}

fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_slips_and_the_motto_typed_hoa_with_a_tilde() {
        assert_eq!(
            parse_kind_line("PHIẾU CHUYỂN"),
            Some(("Phiếu chuyển".to_string(), String::new()))
        );
        // "HÕA" for "HÒA" is a common slip of Vietnamese keyboards and legacy-font conversion
        assert!(has_motto("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(!has_motto("CỘNG HÕA"));
    }

    #[test]
    fn place_keeps_its_last_five_words() {
        assert_eq!(
            last_words("Ủy Ban Nhân Dân Tỉnh Kiên Giang", 5),
            "Nhân Dân Tỉnh Kiên Giang"
        );
        assert_eq!(last_words("Kiên Giang", 5), "Kiên Giang");
        let pd = parse_place_date("Ủy Ban Nhân Dân Tỉnh Kiên Giang, ngày 20 tháng 10 năm 2023")
            .expect("place and date");
        assert_eq!(pd.place, "Nhân Dân Tỉnh Kiên Giang");
        assert_eq!(pd.date.as_deref(), Some("2023-10-20"));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            parse_number("Số: 12/2023/NQ-HĐND"),
            Number::Found("12/2023/NQ-HĐND".into())
        );
        assert_eq!(
            parse_number("Số 45-CTr/TU"),
            Number::Found("45-CTr/TU".into())
        );
        assert_eq!(
            parse_number("Số: 1234 /QĐ-UBND Hà Nội, ngày 1 tháng 2 năm 2024"),
            Number::Found("1234/QĐ-UBND".into())
        );
        assert_eq!(
            parse_number("Số: ......./BC-SKHĐT"),
            Number::Blank("/BC-SKHĐT".into())
        );
        assert_eq!(parse_number("Số lượng 20 hợp tác xã"), Number::None);
        assert_eq!(parse_number("tổng số 20/30"), Number::None);
        assert_eq!(parse_number(""), Number::None);
    }

    #[test]
    fn place_dates() {
        let p = parse_place_date("Hà Nội, ngày 05 tháng 01 năm 2024").unwrap();
        assert_eq!(p.date.as_deref(), Some("2024-01-05"));
        let p = parse_place_date("TP. Hồ Chí Minh, ngày 5/1/2024").unwrap();
        assert_eq!(
            (p.place.as_str(), p.date.as_deref()),
            ("TP. Hồ Chí Minh", Some("2024-01-05"))
        );
        let p = parse_place_date("Buôn Ma Thuột, ngày … tháng 3 năm 2021").unwrap();
        assert_eq!(p.date, None);
        // impossible dates are not dates
        assert_eq!(
            parse_place_date("Huế, ngày 31 tháng 02 năm 2024")
                .unwrap()
                .date,
            None
        );
        assert!(parse_place_date("ngày 20 tháng 10 năm 2023").is_none());
        assert!(parse_place_date("Kế hoạch số 784/KH-UBND ngày 22 tháng 3 năm 2023").is_none());
    }

    #[test]
    fn kinds() {
        assert_eq!(
            parse_kind_line("CHƯƠNG TRÌNH HÀNH ĐỘNG").unwrap().0,
            "Chương trình hành động"
        );
        assert_eq!(parse_kind_line("Phụ lục 2").unwrap().0, "Phụ lục");
        assert_eq!(parse_kind_line("QUYẾT ĐỊNH").unwrap().0, "Quyết định");
        assert_eq!(parse_kind_line("QUYẾT ĐỊNH:"), None);
        assert_eq!(parse_kind_line("NGHỊ QUYẾT TRUNG ƯƠNG"), None);
        assert_eq!(parse_kind_line("BÁO CÁO KẾT QUẢ"), None);
        assert_eq!(parse_kind_line("Báo cáo"), None);
        assert_eq!(parse_kind_line("KẾ HOẠCHX"), None);
    }

    #[test]
    fn issuers() {
        assert_eq!(
            issuer_case("HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH"),
            "Hội đồng nhân dân tỉnh Quảng Ninh"
        );
        assert_eq!(
            issuer_case("UBND HUYỆN CHÂU THÀNH"),
            "Ủy ban nhân dân huyện Châu Thành"
        );
        assert_eq!(
            issuer_case("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"),
            "Sở Nông nghiệp và Phát triển nông thôn"
        );
        assert_eq!(
            issuer_case("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
            "Sở Văn hóa, Thể thao và Du lịch"
        );
        assert_eq!(
            issuer_case("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH NGHỆ AN"),
            "Ban Chấp hành Đảng bộ tỉnh Nghệ An"
        );
        assert_eq!(
            issuer_case("UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ"),
            "Ủy ban nhân dân tỉnh Khánh Hòa"
        );
        let l =
            |v: &[&str]| combine_issuer_lines(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            l(&["TỈNH ỦY LÂM ĐỒNG", "BAN TUYÊN GIÁO"]).as_deref(),
            Some("Ban Tuyên giáo Tỉnh ủy Lâm Đồng")
        );
        assert_eq!(
            l(&["ĐẢNG BỘ TỈNH NGHỆ AN", "BAN CHẤP HÀNH"]).as_deref(),
            Some("Ban Chấp hành Đảng bộ tỉnh Nghệ An")
        );
        assert_eq!(l(&["BỘ TÀI CHÍNH"]).as_deref(), Some("Bộ Tài chính"));
    }

    #[test]
    fn residue() {
        assert_eq!(
            issuer_residue("ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "ỦY BAN NHÂN DÂN"
        );
        assert_eq!(issuer_residue("Độc lập - Tự do - Hạnh phúc"), "");
        assert_eq!(
            issuer_residue("Số: /KH-UBND Đắk Lắk, ngày tháng năm 2020"),
            ""
        );
        assert_eq!(issuer_residue("*"), "");
    }
}
