//! A second look at numbers a page reading garbled.
//!
//! The numbers that matter most in a header are the ones OCR reads worst: a document's
//! number and the day and month of its date are often stamped by the e-signature in another
//! font, or printed over by a seal, and come out as "2# /HDLN-…", "4ó6 /PC-…", "ngày 1x tháng",
//! "tháng Š năm". Where the page's grammar says a number stands (before the "/" of a
//! document symbol, between "ngày" and "tháng", "tháng" and "năm", after "năm") and the word
//! there is not one, the word's box is read again with only the digits allowed.
//!
//! The second reading replaces the word only with evidence: as many digits as the garbled
//! word has characters, agreeing with every digit the first reading did see, the engine
//! confident, and a day, month or year in its range. A handwritten number the engine cannot
//! read stays as it was (a wrong document number is worse than none).

use crate::tesseract::{OcrLine, OcrWord};

/// What the grammar of the line says stands in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The number of a document symbol ("466" of "466 /PC-VPUBND", "1O5" of "1O5/2025/NĐ-CP").
    Number,
    /// The day of "ngày … tháng".
    Day,
    /// The month of "tháng … năm".
    Month,
    /// The year after "năm".
    Year,
}

/// A word that should hold a number and does not: the place of the number in the page
/// reading and in the word's text (characters `start..start + len` of `total`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    /// Line index.
    pub line: usize,
    /// Word index in the line.
    pub word: usize,
    /// What stands there.
    pub slot: Slot,
    /// First character of the number in the word.
    pub start: usize,
    /// Characters of the number.
    pub len: usize,
    /// Characters of the word.
    pub total: usize,
}

/// Lowest confidence (0–100) of a digits-only second reading that is taken.
pub const MIN_CONF: f32 = 70.0;

/// Lowest best confidence of digits-only second readings that all agree ([`agreed`]) for
/// them to outweigh the digit network's reading of other digits ([`hand_accept`]).
pub const AGREED_CONF: f32 = 50.0;

/// The characters of a number left blank in a form ("ngày … tháng", "Số: ___/").
fn is_blank_mark(c: char) -> bool {
    matches!(
        c,
        '.' | '…' | '_' | '-' | '—' | '–' | ',' | ':' | ';' | '\'' | '"' | '`' | '·'
    )
}

/// A word that stands where a number does, is not one, and is short and digit-like enough
/// to be a misread number rather than a word or a blank: "2#", "4ó6", "1x", "Š"; not
/// "466", "…", "01-TĐ", "An".
///
/// ```
/// use vanban_ocr::digits::{garbled_number, Slot};
/// assert!(garbled_number("4ó6", Slot::Number));
/// assert!(garbled_number("Š", Slot::Month));
/// assert!(garbled_number("IŠ", Slot::Day)); // a blurred 15
/// assert!(garbled_number("l]", Slot::Day)); // 11
/// assert!(!garbled_number("An", Slot::Day));
/// assert!(!garbled_number("466", Slot::Number));
/// assert!(!garbled_number("...", Slot::Day));
/// assert!(!garbled_number("01-TĐ", Slot::Number));
/// ```
pub fn garbled_number(s: &str, slot: Slot) -> bool {
    let n = s.chars().count();
    let max_len = match slot {
        Slot::Number => 6,
        Slot::Day | Slot::Month => 2,
        Slot::Year => 4,
    };
    if n == 0 || n > max_len || s.chars().any(char::is_whitespace) {
        return false;
    }
    if s.chars().all(|c| c.is_ascii_digit()) || s.chars().all(is_blank_mark) {
        return false;
    }
    if slot == Slot::Year && n != 4 {
        return false;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let others = n - digits;
    match slot {
        // a symbol's number with no digit seen at all is too little to go on
        Slot::Number => digits >= 1 && others <= digits,
        // a day or month read all in letters drawn like digits ("LI" for a stamped 11, "IŠ"
        // for a blurred 15: a speck over a letter is read as its mark)
        Slot::Day | Slot::Month if digits == 0 && n > 1 => s.chars().all(digit_like_letter),
        _ => others <= digits.max(1),
    }
}

/// A letter or mark drawn like a digit (`I` `l` `L` `|` `]` `[` `!` for 1, `O` `o` for 0,
/// `S` `s` for 5, `B` for 8, `Z` `z` for 2), with or without a mark over or under it (`Š`,
/// `Ö`, `ọ`).
fn digit_like_letter(c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let base = std::iter::once(c).nfd().next().unwrap_or(c);
    "IlL|[]!OoSsBZz".contains(base)
}

/// The word with `.` `,` `:` around it removed, lower case: "Ngày" → "ngày".
fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The usual width of the word `word` on the page: the median box width of the words read
/// as exactly it (a trailing comma or stop aside), on lines other than `except`; `None` when
/// there is none. A keyword's box that is wider ran over ink beside it (the engine boxed a
/// digit written close to "ngày" with the word).
///
/// ```
/// use vanban_ocr::digits::usual_width;
/// use vanban_ocr::OcrLine;
/// let mut body = OcrLine::of_words(&["Căn", "cứ", "ngày", "30/11/2024", "và", "ngày,"]);
/// body.words[2].width = 70;
/// body.words[5].width = 74;
/// let head = OcrLine::of_words(&["Hà", "Nội,", "ngày", "tháng"]);
/// assert_eq!(usual_width(&[head.clone(), body], "ngày", 0), Some(74));
/// assert_eq!(usual_width(&[head], "ngày", 0), None);
/// ```
pub fn usual_width(lines: &[OcrLine], word: &str, except: usize) -> Option<u32> {
    let mut widths: Vec<u32> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != except)
        .flat_map(|(_, l)| &l.words)
        .filter(|w| w.text.trim_end_matches([',', '.', ';']).to_lowercase() == word)
        .map(|w| w.width)
        .collect();
    widths.sort_unstable();
    widths.get(widths.len() / 2).copied()
}

/// The words of `lines` where a number should stand and a garbled one does.
pub fn suspects(lines: &[OcrLine]) -> Vec<Suspect> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        for (wi, w) in words.iter().enumerate() {
            let total = w.chars().count();
            let prev = wi
                .checked_sub(1)
                .and_then(|i| words.get(i))
                .map(|p| bare(p));
            // the next two words, on the next line for the line's last words (a date wraps)
            let next_line = lines
                .get(li + 1)
                .map(|l| l.words.iter().map(|w| w.text.as_str()));
            let followed_by = |key: &str| {
                let after = words.iter().copied().skip(wi + 1);
                after
                    .chain(next_line.clone().into_iter().flatten())
                    .take(2)
                    .any(|n| bare(n) == key)
            };
            let date_slot = match prev.as_deref() {
                Some("ngày") if followed_by("tháng") => Some(Slot::Day),
                Some("tháng") if followed_by("năm") => Some(Slot::Month),
                Some("năm") => Some(Slot::Year),
                _ => None,
            };
            // "ngày L5/11/2024": a day or month of a date written with slashes
            let parts = match prev.as_deref() {
                Some("ngày") if date_slot.is_none() => slash_date_parts(w),
                _ => Vec::new(),
            };
            if !parts.is_empty() {
                out.extend(parts.into_iter().map(|(slot, start, len)| Suspect {
                    line: li,
                    word: wi,
                    slot,
                    start,
                    len,
                    total,
                }));
                continue;
            }
            if let Some(slot) = date_slot {
                let core = w.trim_end_matches([',', '.', ';']);
                if garbled_number(core, slot) {
                    out.push(Suspect {
                        line: li,
                        word: wi,
                        slot,
                        start: 0,
                        len: core.chars().count(),
                        total,
                    });
                }
                continue;
            }
            // a symbol: the number, "/", then a code ("PC-VPUBND") or a year and a code
            let symbol_after = |rest: &str| {
                rest.starts_with(char::is_uppercase)
                    || (rest.len() > 5
                        && rest.as_bytes().iter().take(4).all(u8::is_ascii_digit)
                        && rest.as_bytes().get(4) == Some(&b'/'))
            };
            let number = match w.split_once('/') {
                Some((pre, rest)) if !pre.is_empty() && symbol_after(rest) => Some(pre),
                None => words
                    .get(wi + 1)
                    .and_then(|n| n.strip_prefix('/'))
                    .filter(|rest| symbol_after(rest))
                    .map(|_| *w),
                _ => None,
            };
            if let Some(pre) = number.filter(|p| garbled_number(p, Slot::Number)) {
                out.push(Suspect {
                    line: li,
                    word: wi,
                    slot: Slot::Number,
                    start: 0,
                    len: pre.chars().count(),
                    total,
                });
            }
        }
    }
    out
}

/// The garbled day and month of a date written with slashes, as (slot, first character,
/// characters): `L5/11/2024` → the day at 0, 2 characters. The year must be four digits and
/// the other part a number or garbled like one; a word that is not such a date gives none.
///
/// ```
/// use vanban_ocr::digits::{slash_date_parts, Slot};
/// assert_eq!(slash_date_parts("L5/11/2024;"), vec![(Slot::Day, 0, 2)]);
/// assert_eq!(slash_date_parts("15/I1/2024"), vec![(Slot::Month, 3, 2)]);
/// assert!(slash_date_parts("15/11/2024").is_empty());
/// assert!(slash_date_parts("L5/11").is_empty()); // no year
/// assert!(slash_date_parts("Lê/Văn/Anh").is_empty());
/// ```
pub fn slash_date_parts(word: &str) -> Vec<(Slot, usize, usize)> {
    let core = word.trim_end_matches([',', '.', ';', ')']);
    let parts: Vec<&str> = core.split('/').collect();
    let [day, month, year] = parts[..] else {
        return Vec::new();
    };
    let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    let number = |p: &str, slot| {
        let n = p.chars().count();
        (1..=2).contains(&n) && (p.chars().all(|c| c.is_ascii_digit()) || garbled_number(p, slot))
    };
    if !year_ok || !number(day, Slot::Day) || !number(month, Slot::Month) {
        return Vec::new();
    }
    let day_len = day.chars().count();
    [
        (Slot::Day, 0, day_len, day),
        (Slot::Month, day_len + 1, month.chars().count(), month),
    ]
    .into_iter()
    .filter(|(slot, _, _, p)| garbled_number(p, *slot))
    .map(|(slot, start, len, _)| (slot, start, len))
    .collect()
}

/// Where characters `start..start + len` of `word` stand across its box, as fractions of its
/// width: glyphs weighed by their width in a text face (a slash, a point or a comma about
/// half a digit), so a number cut from "L5/11/2024" ends where the slash begins.
///
/// ```
/// use vanban_ocr::digits::char_span;
/// let (a, b) = char_span("15/11/2024", 0, 2);
/// assert_eq!(a, 0.0);
/// assert!(b > 0.2 && b < 0.23); // two digits of 8 digits and two slashes
/// assert_eq!(char_span("4ó6", 0, 3), (0.0, 1.0));
/// ```
pub fn char_span(word: &str, start: usize, len: usize) -> (f64, f64) {
    let weight = |c: char| match c {
        '/' | '.' | ',' | ':' | ';' | '\'' | '|' => 0.55,
        _ => 1.0,
    };
    let weights: Vec<f64> = word.chars().map(weight).collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return (0.0, 1.0);
    }
    let before: f64 = weights.iter().take(start).sum();
    let inside: f64 = weights.iter().skip(start).take(len).sum();
    (before / total, ((before + inside) / total).min(1.0))
}

/// Whether a digits-only second reading `digits` (confidence `conf`) replaces the garbled
/// `orig`: as many digits as `orig` has characters, the same digit wherever `orig` has one,
/// a confident engine, and a day, month or year in range.
///
/// ```
/// use vanban_ocr::digits::{accept, Slot};
/// assert!(accept("4ó6", "466", 96.0, Slot::Number));
/// assert!(!accept("4ó6", "566", 96.0, Slot::Number)); // the first reading saw a 4
/// assert!(!accept("2#", "2", 96.0, Slot::Number)); // a character lost
/// assert!(!accept("Š", "5", 40.0, Slot::Month)); // not confident
/// assert!(!accept("1x", "19", 95.0, Slot::Month)); // no 19th month
/// ```
pub fn accept(orig: &str, digits: &str, conf: f32, slot: Slot) -> bool {
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || conf < MIN_CONF {
        return false;
    }
    if digits.chars().count() != orig.chars().count() {
        return false;
    }
    if orig
        .chars()
        .zip(digits.chars())
        .any(|(o, d)| o.is_ascii_digit() && o != d)
    {
        return false;
    }
    let value: u32 = match digits.parse() {
        Ok(v) => v,
        Err(_) => return false,
    };
    match slot {
        Slot::Number => value > 0,
        Slot::Day => (1..=31).contains(&value),
        Slot::Month => (1..=12).contains(&value),
        Slot::Year => (1945..=2100).contains(&value),
    }
}

/// Whether a day or month read as one digit and junk ("tháng 5Š") is that digit, when the
/// second reading `digits` (confidence `conf`) gives the digit alone and the digit cannot
/// begin a two-digit day or month (no month is 5x; "1x" may be 10 to 12, so it is not so
/// read).
///
/// ```
/// use vanban_ocr::digits::{junk_beside_digit, Slot};
/// assert!(junk_beside_digit("5Š", "5", 94.0, Slot::Month));
/// assert!(!junk_beside_digit("1Š", "1", 94.0, Slot::Month)); // 10, 11 or 12?
/// assert!(!junk_beside_digit("5Š", "5", 40.0, Slot::Month)); // not confident
/// assert!(!junk_beside_digit("5Š", "6", 94.0, Slot::Month)); // another digit
/// assert!(junk_beside_digit("7x", "7", 94.0, Slot::Day));
/// assert!(!junk_beside_digit("3x", "3", 94.0, Slot::Day)); // 30 or 31?
/// ```
pub fn junk_beside_digit(orig: &str, digits: &str, conf: f32, slot: Slot) -> bool {
    let max = match slot {
        Slot::Day => 31,
        Slot::Month => 12,
        Slot::Number | Slot::Year => return false,
    };
    let seen: String = orig.chars().filter(char::is_ascii_digit).collect();
    let Ok(v) = seen.parse::<u32>() else {
        return false;
    };
    orig.chars().count() == 2
        && seen.len() == 1
        && digits == seen
        && conf >= MIN_CONF
        && (1..=max).contains(&v)
        && v * 10 > max
}

/// The digits several second readings of one crop agree on, with the best confidence:
/// at least two readings, all the same. `None` when they differ or too few read anything.
///
/// ```
/// use vanban_ocr::digits::agreed;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// assert_eq!(agreed(&[r("5", 0.0), r("5", 93.0)]), Some(("5".to_string(), 93.0)));
/// assert_eq!(agreed(&[r("5", 93.0), r("8", 11.0)]), None);
/// assert_eq!(agreed(&[r("5", 93.0)]), None);
/// ```
pub fn agreed(readings: &[(String, f32)]) -> Option<(String, f32)> {
    let (first, _) = readings.first()?;
    if readings.len() < 2 || readings.iter().any(|(t, _)| t != first) {
        return None;
    }
    let best = readings.iter().map(|r| r.1).fold(f32::MIN, f32::max);
    Some((first.clone(), best))
}

/// [`agreed`], or else [`agreed`] over the readings the engine gave any confidence (a
/// reading at confidence 0 is one it rejected itself: "3" beside two confident "15"), when
/// two are left.
///
/// ```
/// use vanban_ocr::digits::agreed_but_rejected;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let got = agreed_but_rejected(&[r("15", 94.4), r("3", 0.0), r("15", 92.8)]);
/// assert_eq!(got, Some(("15".to_string(), 94.4)));
/// assert_eq!(agreed_but_rejected(&[r("15", 94.4), r("18", 42.7), r("15", 92.8)]), None);
/// assert_eq!(agreed_but_rejected(&[r("15", 94.4), r("3", 0.0)]), None);
/// assert_eq!(agreed_but_rejected(&[r("5", 0.0), r("5", 93.0)]), Some(("5".to_string(), 93.0)));
/// ```
pub fn agreed_but_rejected(readings: &[(String, f32)]) -> Option<(String, f32)> {
    agreed(readings).or_else(|| {
        let kept: Vec<(String, f32)> = readings.iter().filter(|r| r.1 > 0.0).cloned().collect();
        agreed(&kept)
    })
}

/// A number-label line ("Số: …") whose number, stamped by a numbering machine, ran into
/// its code: "Số: 42 .đ8GP-BCT" for "Số: 428/GP-BCT". The region from the first word after
/// the label to where the code starts (a run of two capitals) holds the digits the reading
/// saw ("428") among junk; a digits-only reading of that region that gives exactly those
/// digits confirms the junk is not part of the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRegion {
    /// Line index.
    pub line: usize,
    /// The word where the number starts (the one after the label).
    pub first: usize,
    /// The word where the code starts.
    pub code_word: usize,
    /// Character index in the code word where the code starts.
    pub code_at: usize,
    /// Characters in the code word.
    pub code_len: usize,
    /// The digits the reading saw in the region, in order.
    pub seen: String,
}

/// "Số", "SỐ", "số:" as OCR reads the label: its "ố" read as any "o" or "ô", or as an "e"
/// or "ê" ("sé:", "sê:"; not "sẽ" or "sẻ", which are words).
///
/// ```
/// use vanban_ocr::digits::is_number_label;
/// for w in ["Số:", "SỐ", "só:", "sé.", "sê:"] {
///     assert!(is_number_label(w), "{w}");
/// }
/// for w in ["sẽ", "sẻ", "Sở", "số1", "so sánh"] {
///     assert!(!is_number_label(w), "{w}");
/// }
/// ```
pub fn is_number_label(w: &str) -> bool {
    let b = bare(w);
    let mut cs = b.chars();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (
            Some('s'),
            Some(
                'o' | 'ó'
                    | 'ò'
                    | 'ỏ'
                    | 'õ'
                    | 'ọ'
                    | 'ô'
                    | 'ố'
                    | 'ồ'
                    | 'ổ'
                    | 'ỗ'
                    | 'ộ'
                    | 'é'
                    | 'è'
                    | 'ẹ'
                    | 'ê'
                    | 'ế'
                    | 'ề'
                    | 'ệ'
            ),
            None
        )
    )
}

/// Where a code starts in `w`: the first run of two capitals ("GP" of ".đ8GP-BCT").
fn code_start(w: &str) -> Option<usize> {
    let cs: Vec<char> = w.chars().collect();
    let cap = |c: &char| c.is_ascii_uppercase() || *c == 'Đ';
    (0..cs.len().saturating_sub(1))
        .find(|&i| cs.get(i).is_some_and(cap) && cs.get(i + 1).is_some_and(cap))
}

/// Whether what follows a symbol's first "/" is its code: capitals ("QĐ-UBND"), or the
/// year of a normative document and then capitals ("2025/NĐ-CP").
///
/// ```
/// # use vanban_ocr::digits::starts_code;
/// assert!(starts_code("HC-CNHC"));
/// assert!(starts_code("2025/NĐ-CP"));
/// assert!(!starts_code("2025"));
/// assert!(!starts_code("7/2025"));
/// ```
pub fn starts_code(rest: &str) -> bool {
    let code = match rest.get(..5) {
        Some(y) if y.bytes().take(4).all(|b| b.is_ascii_digit()) && y.ends_with('/') => {
            rest.get(5..).unwrap_or_default()
        }
        _ => rest,
    };
    code.starts_with(char::is_uppercase)
}

/// A word that is a symbol's code standing apart from its number: "/" and a code
/// ([`starts_code`]), "/HC-CNHC", "/2025/NĐ-CP".
fn is_code_word(w: &str) -> bool {
    w.strip_prefix('/').is_some_and(starts_code)
}

/// A header's number line whose number the page reading did not read as typed: a number
/// label ("Số:", also with what follows it glued on: "số:2", "số:/"; one with no colon and
/// not capitalised, "số", only as the line's first word: a citation's "số" follows its
/// kind), then within three words one where a symbol's code starts ([`code_start`]:
/// "ÊÖ5CT-ATMT", "/BCT-ATMT"; from the "/" before those capitals when there is one), and
/// between them anything but a typed number (digits and "/", "63/2025/" of a law's symbol
/// too, read at [`DOUBT_CONF`] or more). A number stamped or written above the line is
/// looked for there (`vanban_ocr::reread_numbers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLine {
    /// Line index.
    pub line: usize,
    /// The label word.
    pub label: usize,
    /// The word where the code starts.
    pub code_word: usize,
    /// Character index in the code word where the code starts.
    pub code_at: usize,
    /// The digits read between the label and the code, in order.
    pub seen: String,
}

/// The [`LabelLine`]s of `lines`.
///
/// ```
/// use vanban_ocr::digits::label_lines;
/// use vanban_ocr::OcrLine;
/// // every word read at 95
/// let line = |w: &[&str]| {
///     let mut l = OcrLine::of_words(w);
///     l.words.iter_mut().for_each(|w| w.conf = 95.0);
///     l
/// };
/// let l = label_lines(&[line(&["số", "ÊÖ5CT-ATMT"])]);
/// assert_eq!((l[0].label, l[0].code_word, l[0].code_at, l[0].seen.as_str()), (0, 1, 3, "5"));
/// let l = label_lines(&[line(&["số:2", "Ê", "3BCT-ATMT"])]);
/// assert_eq!((l[0].code_word, l[0].code_at, l[0].seen.as_str()), (2, 1, "23"));
/// assert_eq!(label_lines(&[line(&["Số:", "Êđổ", "/HC-CNHC"])])[0].seen, "");
/// // the code from its "/": its letters as read, an eth for Đ too
/// let l = label_lines(&[line(&["số:", "?/QÐ-BXD"])]);
/// assert_eq!((l[0].code_word, l[0].code_at), (1, 2));
/// // a typed number, a citation, no code
/// assert!(label_lines(&[line(&["Số:", "2265", "/BCT-ATMT"])]).is_empty());
/// assert!(label_lines(&[line(&["Số:", "2265/BCT-ATMT"])]).is_empty());
/// assert!(label_lines(&[line(&["Luật", "số", "63/2025/QH15"])]).is_empty());
/// assert!(label_lines(&[line(&["Số:", "63/2025/QH15"])]).is_empty());
/// assert!(label_lines(&[line(&["Luật", "số", "Êđổ", "/QH15"])]).is_empty());
/// assert!(label_lines(&[line(&["Số:", "Êđổ", "tháng"])]).is_empty());
/// // digits read weakly: perhaps not typed
/// let mut weak = line(&["Số:", "1", "/BCT-ATMT"]);
/// weak.words[1].conf = 53.0;
/// assert_eq!(label_lines(&[weak])[0].seen, "1");
/// ```
pub fn label_lines(lines: &[OcrLine]) -> Vec<LabelLine> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words = &line.words;
        // the label, and what the reading glued on after its colon
        let Some((label, glued)) = words.iter().enumerate().find_map(|(k, w)| {
            let marked = w.text.ends_with([':', ';']) || w.text.starts_with('S');
            if is_number_label(&w.text) && (marked || k == 0) {
                return Some((k, String::new()));
            }
            let colon = w.text.find([':', ';'])?;
            let (head, rest) = (w.text.get(..=colon)?, w.text.get(colon + 1..)?);
            is_number_label(head).then(|| (k, rest.to_string()))
        }) else {
            continue;
        };
        // the code from its first two capitals, or from the "/" before them: what follows
        // a "/" is the code as read, its letters perhaps misread ("/QÐ-BXD", an eth)
        let Some((code_word, code_at)) =
            words
                .iter()
                .enumerate()
                .skip(label + 1)
                .take(3)
                .find_map(|(k, w)| {
                    let at = code_start(&w.text)?;
                    let slash = w.text.chars().take(at).collect::<Vec<_>>();
                    let after = slash.iter().rposition(|&c| c == '/').map(|p| p + 1);
                    Some((k, after.unwrap_or(at)))
                })
        else {
            continue;
        };
        let mut between = glued;
        let mut confs: Vec<f32> = Vec::new();
        for w in words.get(label + 1..code_word).unwrap_or(&[]) {
            between.push_str(&w.text);
            confs.push(w.conf);
        }
        if let Some(w) = words.get(code_word) {
            between.extend(w.text.chars().take(code_at));
            if code_at > 0 {
                confs.push(w.conf);
            }
        }
        let typed = between.bytes().any(|b| b.is_ascii_digit())
            && between.bytes().all(|b| b.is_ascii_digit() || b == b'/')
            && confs.iter().all(|&c| c >= DOUBT_CONF);
        if typed {
            continue;
        }
        out.push(LabelLine {
            line: li,
            label,
            code_word,
            code_at,
            seen: between.chars().filter(char::is_ascii_digit).collect(),
        });
    }
    out
}

/// Whether `code` is shaped as a symbol's code: parts parted by "-" or "/", each of
/// letters and digits and starting with a capital or a digit ("BCT-ATMT", "QĐ-TTg",
/// "2025/NĐ-CP"; not "qp-BXD", a code misread, nor "CT-").
///
/// ```
/// use vanban_ocr::digits::code_shaped;
/// for c in ["BCT-ATMT", "QĐ-TTg", "2025/NĐ-CP", "QÐ-BXD"] {
///     assert!(code_shaped(c), "{c}");
/// }
/// for c in ["qp-BXD", "CT-", "", "BCT—ATMT"] {
///     assert!(!code_shaped(c), "{c}");
/// }
/// ```
pub fn code_shaped(code: &str) -> bool {
    code.split(['-', '/']).all(|part| {
        part.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && part.chars().all(char::is_alphanumeric)
    })
}

/// The code of a symbol as a second reading of its line gives it (`words`), when it agrees
/// with the first reading's code (`first`, from its first capitals: "CT-ATMT") and adds at
/// most two capitals before it, which the first reading lost under a stamp ("/BCT-ATMT":
/// "BCT-ATMT"). The second reading's code is where capitals start ([`code_start`]) in a
/// word that holds a "/" before them (what is left of a "/" the stamp touched may read
/// "/;").
///
/// ```
/// use vanban_ocr::digits::uncovered_code;
/// assert_eq!(uncovered_code(&["Số:", "/BCT-ATMT"], "CT-ATMT").as_deref(), Some("BCT-ATMT"));
/// assert_eq!(uncovered_code(&["So:", "/;BCT-ATMT"], "CT-ATMT").as_deref(), Some("BCT-ATMT"));
/// assert_eq!(uncovered_code(&["Số:", "7BCT-ATMT"], "CT-ATMT"), None);
/// assert_eq!(uncovered_code(&["Số:", "/CT-ATMT"], "CT-ATMT").as_deref(), Some("CT-ATMT"));
/// // another code, or more than two letters more: not this one
/// assert_eq!(uncovered_code(&["Số:", "/BCT-ATM"], "CT-ATMT"), None);
/// assert_eq!(uncovered_code(&["Số:", "/UBNDCT-ATMT"], "CT-ATMT"), None);
/// // a small letter is no code letter: the code as first read
/// assert_eq!(uncovered_code(&["Số:", "/bCT-ATMT"], "CT-ATMT").as_deref(), Some("CT-ATMT"));
/// ```
pub fn uncovered_code(words: &[&str], first: &str) -> Option<String> {
    let code: String = words.iter().find_map(|w| {
        let at = code_start(w)?;
        let code: String = w.chars().skip(at).collect();
        w.chars().take(at).any(|c| c == '/').then_some(code)
    })?;
    let extra = code.strip_suffix(first)?;
    let capitals = extra.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
    (!first.is_empty() && capitals && extra.chars().count() <= 2).then(|| code.clone())
}

/// Number-label lines whose number ran into its code (see [`LabelRegion`]).
pub fn label_regions(lines: &[OcrLine]) -> Vec<LabelRegion> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        let Some(label) = words.iter().position(|w| is_number_label(w)) else {
            continue;
        };
        let first = label + 1;
        let Some((code_word, code_at)) = words
            .iter()
            .enumerate()
            .skip(first)
            .take(3)
            .find_map(|(k, w)| code_start(w).map(|p| (k, p)))
        else {
            continue;
        };
        let mut region: String = words.get(first..code_word).unwrap_or(&[]).join(" ");
        let code_text = words.get(code_word).copied().unwrap_or("");
        region.extend(code_text.chars().take(code_at));
        let seen: String = region.chars().filter(char::is_ascii_digit).collect();
        let junk = region
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .count();
        // a number already followed by its "/", or no digit seen: not this case
        if region.contains('/') || seen.is_empty() || junk == 0 || seen.len() > 6 {
            continue;
        }
        out.push(LabelRegion {
            line: li,
            first,
            code_word,
            code_at,
            code_len: code_text.chars().count(),
            seen,
        });
    }
    out
}

/// The document's own number as the page reading read it (see [`header_number`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderNumber {
    /// Line index.
    pub line: usize,
    /// The label word ("Số:"); the number is the word after it.
    pub label: usize,
    /// The number's digits.
    pub digits: String,
    /// Whether the symbol's code runs on in the same word ("2/NQ-CP").
    pub glued: bool,
}

/// The document's own numbers in `lines`: a "Số:" label (with its colon, or capitalised: a
/// citation's "số" is neither), then a word of digits, or of digits running on into "/" or
/// "-" and the symbol's code.
///
/// ```
/// use vanban_ocr::digits::header_number;
/// use vanban_ocr::OcrLine;
/// let line = OcrLine::of_words;
/// let n = header_number(&[line(&["Số:", "2", "/SXD-QLGT", "Lào", "Cai,"])]);
/// assert_eq!((n[0].label, n[0].digits.as_str(), n[0].glued), (0, "2", false));
/// let n = header_number(&[line(&["số:", "392/ĐCK-CTT"])]);
/// assert_eq!((n[0].digits.as_str(), n[0].glued), ("392", true));
/// // a citation, a number garbled or none: not this
/// assert!(header_number(&[line(&["Luật", "số", "63/2025/QH15"])]).is_empty());
/// assert!(header_number(&[line(&["Số:", "2Õ/QĐ-BXD"])]).is_empty());
/// assert!(header_number(&[line(&["Số:", "/QĐ-BXD"])]).is_empty());
/// ```
pub fn header_number(lines: &[OcrLine]) -> Vec<HeaderNumber> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let Some(label) = line.words.iter().position(|w| {
            is_number_label(&w.text) && (w.text.ends_with([':', ';']) || w.text.starts_with('S'))
        }) else {
            continue;
        };
        let Some(word) = line.words.get(label + 1) else {
            continue;
        };
        let digits: String = word.text.chars().take_while(char::is_ascii_digit).collect();
        let rest = &word.text[digits.len()..];
        if digits.is_empty() || !(rest.is_empty() || rest.starts_with(['/', '-'])) {
            continue;
        }
        out.push(HeaderNumber {
            line: li,
            label,
            digits,
            glued: !rest.is_empty(),
        });
    }
    out
}

/// A date keyword (`keyword`: "ngày", "tháng", "năm") as read, and what the reading glued
/// to it on its gap's side (`leading`: at its start, as for "tháng" after the day; else at
/// its end, as for "ngày" before it) that is not running punctuation: "ngày?", "ngàyÖ",
/// "ngày2", "“tháng", "2Štháng". A date keyword is a whole syllable, so what follows it in
/// the word is the gap's ink read as junk. The first value is the word without it; the
/// second is empty when the word is not the keyword so glued.
///
/// ```
/// use vanban_ocr::digits::keyword_junk;
/// let s = |a: &str, b: &str| (a.to_string(), b.to_string());
/// assert_eq!(keyword_junk("ngày?", "ngày", false), s("ngày", "?"));
/// assert_eq!(keyword_junk("ngàyÖ", "ngày", false), s("ngày", "Ö"));
/// assert_eq!(keyword_junk("“tháng", "tháng", true), s("tháng", "“"));
/// assert_eq!(keyword_junk("2Štháng", "tháng", true), s("tháng", "2Š"));
/// // running punctuation, another word, the keyword alone: nothing glued
/// assert_eq!(keyword_junk("ngày,", "ngày", false), s("ngày,", ""));
/// assert_eq!(keyword_junk("Nội,", "ngày", false), s("Nội,", ""));
/// assert_eq!(keyword_junk("tháng", "tháng", true), s("tháng", ""));
/// ```
pub fn keyword_junk(word: &str, keyword: &str, leading: bool) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let n = keyword.chars().count();
    let same = |cs: &[char]| cs.iter().flat_map(|c| c.to_lowercase()).eq(keyword.chars());
    let punct = |c: &char| ",.:;".contains(*c);
    let none = (word.to_string(), String::new());
    if leading {
        let end = chars.len() - chars.iter().rev().take_while(|c| punct(c)).count();
        if end <= n || !chars.get(end - n..end).is_some_and(same) {
            return none;
        }
        let junk: String = chars[..end - n].iter().collect();
        (chars[end - n..].iter().collect(), junk)
    } else {
        if chars.len() <= n || !chars.get(..n).is_some_and(same) {
            return none;
        }
        let rest = &chars[n..];
        if rest.iter().all(punct) {
            return none;
        }
        (chars[..n].iter().collect(), rest.iter().collect())
    }
}

/// Whether `word` is the date keyword `keyword`, alone or with at most three characters
/// glued to it on either side ([`keyword_junk`]).
fn is_keyword(word: &str, keyword: &str) -> bool {
    bare(word) == keyword
        || [false, true].into_iter().any(|leading| {
            let junk = keyword_junk(word, keyword, leading).1.chars().count();
            (1..=3).contains(&junk)
        })
}

/// Whether a second reading of a date gap says more than the first: where the first read
/// digits and junk ("Ê2", "2 Ï"), the junk is ink it could not read, so a reading of those
/// digits alone says no more — unless no second digit can follow them (no day 4x, no month
/// 2x: the junk is a speck, as [`gap_read`] takes it).
///
/// ```
/// use vanban_ocr::digits::{date_gaps, says_more};
/// use vanban_ocr::OcrLine;
/// let gap = |w: &[&str]| date_gaps(&[OcrLine::of_words(w)])[0].clone();
/// let g = gap(&["ngày", "Ê2", "tháng", "7", "năm", "2025"]);
/// assert!(!says_more("2", &g));
/// assert!(says_more("22", &g));
/// let g = gap(&["ngày", "2", "Ï", "tháng", "7", "năm", "2025"]);
/// assert!(!says_more("2", &g));
/// assert!(says_more("27", &g));
/// // no day is 5x: "5s" is a 5 and a speck; a lone digit or nothing seen: any reading
/// assert!(says_more("5", &gap(&["ngày", "5s", "tháng", "7", "năm", "2025"])));
/// assert!(says_more("2", &gap(&["ngày", "2", "tháng", "7", "năm", "2025"])));
/// assert!(says_more("8", &gap(&["ngày", "¡s", "tháng", "7", "năm", "2025"])));
/// ```
pub fn says_more(read: &str, gap: &DateGap) -> bool {
    let junk = gap
        .middle
        .chars()
        .any(|c| !c.is_ascii_digit() && !c.is_whitespace());
    let last_first = if gap.slot == Slot::Month { 1 } else { 3 };
    let may_go_on = gap.seen.len() == 1 && gap.seen.parse::<u32>().is_ok_and(|v| v <= last_first);
    !junk || gap.seen.is_empty() || read.len() > gap.seen.len() || !may_go_on
}

/// A day or month the digit network reads with certainty, taken over the page reading and
/// the engine's digits-only framings: every digit at [`HAND_CERTAIN_PROB`] as drawn and at
/// [`HAND_CERTAIN_STEADY`] over the drawings, none flipping ([`crate::hand::steady_class`]),
/// and a value the slot can hold. The engine reads a hand's digits as print it knows, often
/// confidently ("14" at 92 in every framing for a hand's 24, "04" for a 09, "2 1" for a 27);
/// on the generated handwritten headers a network certain under every drawing was right
/// against it 18 times and wrong once (a 13 read as 15; docs/STATUS.md). Not taken where
/// the reading may have lost
/// digits: fewer digits than the gap's words (each word the page read there is ink of at
/// least one: "2 °" for a 25 the network reads as 5), than the page's digits, or than an
/// engine framing read with confidence ([`MIN_CONF`]); nor over a lone number the page read
/// confidently ([`DOUBT_CONF`]: print, as a typed date is).
///
/// ```
/// use vanban_ocr::digits::{date_gaps, net_certain};
/// use vanban_ocr::hand::HandRead;
/// use vanban_ocr::OcrLine;
/// let gap = |w: &[&str]| {
///     let words = [&["ngày"][..], w, &["tháng", "7", "năm", "2025"][..]].concat();
///     date_gaps(&[OcrLine::of_words(&words)]).remove(0)
/// };
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let net = |d: &str| HandRead { digits: d.to_string(), prob: 0.9999, steady: 0.99, flips: 0 };
/// // the engine's confident framings read print where the hand wrote 24
/// let g = gap(&["LÃ"]);
/// let engine = [r("14", 92.5), r("14", 91.0)];
/// assert_eq!(net_certain(&g, 33.0, &engine, &net("24")).as_deref(), Some("24"));
/// // a weak lone digit
/// assert_eq!(net_certain(&gap(&["9"]), 73.0, &[r("5", 65.8)], &net("5")).as_deref(), Some("5"));
/// // not certain enough: one drawing flips, or the least probability over them is low
/// let flips = HandRead { steady: 0.0, flips: 1, ..net("24") };
/// assert_eq!(net_certain(&g, 33.0, &engine, &flips), None);
/// let unsteady = HandRead { steady: 0.9, ..net("24") };
/// assert_eq!(net_certain(&g, 33.0, &engine, &unsteady), None);
/// // fewer digits than the gap's words, the page's digits or a confident framing's
/// assert_eq!(net_certain(&gap(&["2", "°"]), 42.0, &[], &net("5")), None);
/// assert_eq!(net_certain(&gap(&["1Ì9"]), 60.0, &[], &net("9")), None);
/// assert_eq!(net_certain(&gap(&["Ì"]), 60.0, &[r("19", 96.6)], &net("9")), None);
/// // a lone number read confidently, a day no month has, or the page's own reading
/// assert_eq!(net_certain(&gap(&["5"]), 96.0, &[], &net("6")), None);
/// assert_eq!(net_certain(&g, 33.0, &[], &net("32")), None);
/// assert_eq!(net_certain(&gap(&["5"]), 60.0, &[], &net("5")), None);
/// ```
pub fn net_certain(
    gap: &DateGap,
    first_conf: f32,
    readings: &[(String, f32)],
    net: &crate::hand::HandRead,
) -> Option<String> {
    let d = net.digits.as_str();
    let lone = !gap.middle.is_empty() && gap.middle.bytes().all(|b| b.is_ascii_digit());
    let words = gap.middle.split(' ').filter(|w| !w.is_empty()).count();
    let longer = readings
        .iter()
        .any(|(t, c)| *c >= MIN_CONF && t.len() > d.len());
    // a day or month in range: `hand_fits` without engine readings to weigh
    (hand_certain(net)
        && matches!(gap.slot, Slot::Day | Slot::Month)
        && hand_fits(d, gap.slot, &[])
        && !(lone && first_conf >= DOUBT_CONF)
        && d.len() >= words
        && d.len() >= gap.seen.len()
        && !longer
        && d != gap.middle)
        .then(|| d.to_string())
}

/// A day or month the page reading read weakly (a lone number at `first_conf` below
/// [`DOUBT_CONF`]) that both second readers read otherwise, and alike: the engine's
/// digits-only framings ([`agreed_but_rejected`], confidently) and the digit network (sure,
/// [`hand_accept`]). Two readers that agree outvote a weak one: "ngày 2 tháng" for a hand's
/// 6, which the engine and the network both read as 6.
///
/// ```
/// use vanban_ocr::digits::{date_gaps, outvoted};
/// use vanban_ocr::hand::HandRead;
/// use vanban_ocr::OcrLine;
/// let g = &date_gaps(&[OcrLine::of_words(&["ngày", "2", "tháng", "3", "năm", "2025"])])[0];
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let net = |d: &str| HandRead { digits: d.to_string(), prob: 0.99, steady: 0.98, flips: 0 };
/// let engine = [r("6", 96.9), r("6", 97.0), r("5", 0.0)];
/// assert_eq!(outvoted(&engine, g, 72.0, &net("6")).as_deref(), Some("6"));
/// // a confident first reading, or second readers that disagree: not outvoted
/// assert_eq!(outvoted(&engine, g, 96.0, &net("6")), None);
/// assert_eq!(outvoted(&engine, g, 72.0, &net("8")), None);
/// assert_eq!(outvoted(&[r("6", 50.0), r("6", 40.0)], g, 72.0, &net("6")), None);
/// ```
pub fn outvoted(
    readings: &[(String, f32)],
    gap: &DateGap,
    first_conf: f32,
    net: &crate::hand::HandRead,
) -> Option<String> {
    let lone_number = !gap.middle.is_empty() && gap.middle.bytes().all(|b| b.is_ascii_digit());
    if !lone_number || first_conf >= DOUBT_CONF {
        return None;
    }
    let (read, best) = agreed_but_rejected(readings)?;
    (best >= MIN_CONF
        && read != gap.middle
        && net.digits == read
        && hand_accept(net, gap.slot, readings))
    .then_some(read)
}

/// Confidence below which the page reading of a header's number is doubted when the digit
/// network reads it otherwise (a typed number reads at 90 and more).
pub const DOUBT_CONF: f32 = 90.0;

/// Whether the digit network is sure of every digit it read: probability at least
/// [`HAND_MIN_PROB`], kept at least [`HAND_STEADY_PROB`] when drawn otherwise.
pub fn hand_sure(read: &crate::hand::HandRead) -> bool {
    read.prob >= HAND_MIN_PROB && read.steady >= HAND_STEADY_PROB
}

/// Least probability the handwritten-digit network ([`crate::hand`]) must give every digit
/// of a number it reads where the engine read none.
pub const HAND_MIN_PROB: f32 = 0.9;

/// Least probability every digit must keep when drawn a little otherwise
/// ([`crate::hand::steady_class`]).
pub const HAND_STEADY_PROB: f32 = 0.8;

/// Whether the handwritten-digit network's reading ([`crate::hand::HandRead`]) is taken
/// where the page reading and the engine's digits-only second look (`engine`, every
/// framing's reading) gave no number: the network sure of every digit, and still sure when
/// the digit is drawn a little otherwise, a plausible count and value for the slot (a document number of one to five digits not
/// starting with 0, a day from 1 to 31, a month from 1 to 12), and no confident engine
/// reading of as many digits saying otherwise. A year is typed, never written in: not
/// read this way.
///
/// ```
/// use vanban_ocr::digits::{hand_accept, Slot};
/// use vanban_ocr::hand::HandRead;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let sure = |d: &str| HandRead { digits: d.to_string(), prob: 0.97, steady: 0.9, flips: 0 };
/// assert!(hand_accept(&sure("813"), Slot::Number, &[r("8", 40.0)]));
/// assert!(hand_accept(&sure("22"), Slot::Day, &[]));
/// assert!(hand_accept(&sure("08"), Slot::Day, &[]));
/// let unsure = HandRead { prob: 0.6, ..sure("813") };
/// assert!(!hand_accept(&unsure, Slot::Number, &[]));
/// let flips = HandRead { steady: 0.0, flips: 1, ..sure("813") }; // another class when thickened
/// assert!(!hand_accept(&flips, Slot::Number, &[]));
/// assert!(!hand_accept(&sure("032"), Slot::Number, &[])); // no number starts with 0
/// assert!(!hand_accept(&sure("123456"), Slot::Number, &[])); // too long
/// assert!(!hand_accept(&sure("32"), Slot::Day, &[])); // no 32nd day
/// assert!(!hand_accept(&sure("0"), Slot::Month, &[]));
/// assert!(!hand_accept(&sure("2026"), Slot::Year, &[]));
/// // the engine confidently read other digits, as many
/// assert!(!hand_accept(&sure("30"), Slot::Day, &[r("20", 91.0)]));
/// assert!(hand_accept(&sure("30"), Slot::Day, &[r("20", 31.0), r("30", 80.0)]));
/// // or every framing read the same other digits
/// assert!(!hand_accept(&sure("4"), Slot::Day, &[r("14", 69.0), r("14", 55.0)]));
/// assert!(!hand_accept(&sure("15"), Slot::Day, &[r("8", 59.0), r("8", 63.0)]));
/// assert!(hand_accept(&sure("15"), Slot::Day, &[r("8", 29.0), r("8", 33.0)]));
/// ```
pub fn hand_accept(read: &crate::hand::HandRead, slot: Slot, engine: &[(String, f32)]) -> bool {
    hand_sure(read) && hand_fits(&read.digits, slot, engine)
}

/// Whether the network's `digits` fit `slot` (count and value) and no engine reading says
/// otherwise: the conditions of [`hand_accept`] beside the network's own sureness.
pub(crate) fn hand_fits(digits: &str, slot: Slot, engine: &[(String, f32)]) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let value: u32 = digits.parse().unwrap_or(0);
    let plausible = match slot {
        Slot::Number => digits.len() <= 5 && !digits.starts_with('0'),
        Slot::Day => digits.len() <= 2 && (1..=31).contains(&value),
        Slot::Month => digits.len() <= 2 && (1..=12).contains(&value),
        Slot::Year => false,
    };
    let contradicted = engine
        .iter()
        .any(|(t, c)| *c >= MIN_CONF && t.len() == digits.len() && t != digits);
    // or every framing read the same other digits, with some confidence: two readers that
    // disagree ("14" twice where the network sees only the 4)
    let outread =
        agreed(engine).is_some_and(|(t, c)| c >= AGREED_CONF && !t.is_empty() && t != digits);
    plausible && !contradicted && !outread
}

/// Least probability of every digit for a reading of a document number's gap that one
/// drawing of a digit reads otherwise ([`hand_number_accept`]).
pub const HAND_NEARLY_PROB: f32 = 0.98;

/// Least probability of every digit of a reading that outweighs the page reading's digits
/// ([`hand_number_accept`]).
pub const HAND_CERTAIN_PROB: f32 = 0.99;

/// Least probability every digit of such a reading keeps over its drawings.
pub const HAND_CERTAIN_STEADY: f32 = 0.95;

/// Whether the digit network is certain of every digit it read: [`HAND_CERTAIN_PROB`] as
/// drawn, [`HAND_CERTAIN_STEADY`] over its other drawings, none reading another class.
pub fn hand_certain(read: &crate::hand::HandRead) -> bool {
    read.prob >= HAND_CERTAIN_PROB && read.steady >= HAND_CERTAIN_STEADY && read.flips == 0
}

/// Whether the network's reading of a document number's gap ([`number_gaps`]; `middle`,
/// what the page reading saw there; `weak`, all of it below [`DOUBT_CONF`]) is taken:
/// - the network sure ([`hand_accept`]), or nearly: every digit at [`HAND_NEARLY_PROB`] at
///   least, one drawing at most reading another class (a hand unlike the training flips
///   under several);
/// - and the digits the page reading saw kept in order ([`keeps_seen`]), unless it read
///   them weakly, or the network certain of every digit ([`HAND_CERTAIN_PROB`] as drawn,
///   [`HAND_CERTAIN_STEADY`] over the drawings, none flipping) and reading as many digits
///   as the page did: the engine reads a hand's digits set apart as print ("2" "2" for a
///   hand's 52, at 97 and 86) — or more, when the page's reading there holds a word the
///   engine rejected itself (`rejected`: confidence 0, "2 Ở#Z" at 93 and 0 for a hand's
///   598): its digits are then pieces of a misread, not a count.
///
/// ```
/// use vanban_ocr::digits::hand_number_accept;
/// use vanban_ocr::hand::HandRead;
/// let r = |d: &str, prob: f32, steady: f32, flips: usize| HandRead {
///     digits: d.to_string(),
///     prob,
///     steady,
///     flips,
/// };
/// assert!(hand_number_accept(&r("813", 0.97, 0.9, 0), "Êđổ", true, false));
/// // one drawing flips: taken when every digit is at 0.98
/// assert!(hand_number_accept(&r("8", 1.0, 0.0, 1), "Ÿ", true, false));
/// assert!(!hand_number_accept(&r("7", 0.94, 0.0, 1), "”", true, false));
/// assert!(!hand_number_accept(&r("8", 1.0, 0.0, 2), "Ÿ", true, false));
/// // confident page digits: kept, or outweighed by a certain reading of as many
/// assert!(hand_number_accept(&r("52", 1.0, 1.0, 0), "2 2", false, false));
/// assert!(!hand_number_accept(&r("52", 1.0, 0.9, 0), "2 2", false, false));
/// assert!(!hand_number_accept(&r("523", 1.0, 1.0, 0), "2 2", false, false));
/// assert!(hand_number_accept(&r("226", 0.97, 0.9, 0), "2 26", false, false));
/// // or of more, beside a word the engine rejected; never of fewer
/// assert!(hand_number_accept(&r("598", 1.0, 0.98, 0), "2 Ở#Z", false, true));
/// assert!(!hand_number_accept(&r("598", 1.0, 0.98, 0), "2 Ở#Z", false, false));
/// assert!(!hand_number_accept(&r("598", 1.0, 0.9, 0), "2 Ở#Z", false, true));
/// assert!(!hand_number_accept(&r("5", 1.0, 1.0, 0), "2 2 Ở", false, true));
/// ```
pub fn hand_number_accept(
    read: &crate::hand::HandRead,
    middle: &str,
    weak: bool,
    rejected: bool,
) -> bool {
    let digits = read.digits.as_str();
    let nearly = read.prob >= HAND_NEARLY_PROB && read.flips <= 1;
    if !((hand_sure(read) || nearly) && hand_fits(digits, Slot::Number, &[])) {
        return false;
    }
    let seen = middle.chars().filter(char::is_ascii_digit).count();
    let certain = hand_certain(read) && (seen == digits.len() || rejected && seen < digits.len());
    weak || keeps_seen(digits, middle) || certain
}

/// Lines whose number label the engine dropped — its layout analysis leaves out a small
/// "Số:" beside a large hand's digit: the line starts with the symbol's code standing apart
/// ("/2025/NQLT-…", the digit dropped too), or with digits and then the code ("2"
/// "/QĐ-BXD", "2/QĐ-BXD"), and no number label comes before it.
///
/// ```
/// use vanban_ocr::digits::label_dropped;
/// use vanban_ocr::OcrLine;
/// let l = |w: &[&str]| OcrLine::of_words(w);
/// let lines = [
///     l(&["2", "/QĐ-BXD", "Hà", "Nội,"]),
///     l(&["/2025/NQLT-UBTVQH15", "Hà", "Nội,"]),
///     l(&["12/QĐ-BXD", "ngày"]),
///     l(&["Số:", "2", "/QĐ-BXD"]),
///     l(&["2", "tháng", "3"]),
///     l(&["/2025", "và"]),
/// ];
/// assert_eq!(label_dropped(&lines), [0, 1, 2]);
/// ```
pub fn label_dropped(lines: &[OcrLine]) -> Vec<usize> {
    let digits = |w: &str| !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b.is_ascii_digit());
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let mut ws = l.words.iter().map(|w| w.text.as_str());
            let (first, second) = (ws.next().unwrap_or(""), ws.next().unwrap_or(""));
            let glued = first
                .split_once('/')
                .is_some_and(|(n, rest)| digits(n) && starts_code(rest));
            is_code_word(first) || glued || (digits(first) && is_code_word(second))
        })
        .map(|(i, _)| i)
        .collect()
}

/// A number label read glued to what follows it when that is no number ("Số:Ö" for a
/// hand's 7 read as a letter) is cut in two words at its colon, their boxes cut by
/// [`char_span`], so that [`number_gaps`] reads the gap from the label to the code. Only
/// when a code ("/CT-TTg") follows within three words, and the glued part is one to three
/// characters without a digit or "/" (a number glued to the label is the page reading's).
///
/// ```
/// use vanban_ocr::digits::{number_gaps, split_glued_labels};
/// use vanban_ocr::OcrLine;
/// let mut lines = vec![OcrLine::of_words(&["Số:Ö", "/CT-TTg"])];
/// lines[0].words[0].width = 60;
/// split_glued_labels(&mut lines);
/// let words: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
/// assert_eq!(words, ["Số:", "Ö", "/CT-TTg"]);
/// assert!(lines[0].words[1].left > lines[0].words[0].left + lines[0].words[0].width);
/// assert_eq!(number_gaps(&lines)[0].middle, "Ö");
/// // a number glued to its label, or no code after it: left as read
/// for w in [["Số:12", "/CT-TTg"], ["Số:Ö", "tháng"]] {
///     let mut lines = vec![OcrLine::of_words(&w)];
///     split_glued_labels(&mut lines);
///     assert_eq!(lines[0].words.len(), 2);
/// }
/// ```
pub fn split_glued_labels(lines: &mut [OcrLine]) {
    for line in lines.iter_mut() {
        let at = line.words.iter().enumerate().find_map(|(k, w)| {
            let colon = w.text.find([':', ';'])?;
            let (label, rest) = (w.text.get(..=colon)?, w.text.get(colon + 1..)?);
            let n = rest.chars().count();
            let glued = is_number_label(label)
                && (1..=3).contains(&n)
                && !rest.chars().any(|c| c.is_ascii_digit() || c == '/');
            let code = line
                .words
                .get(k + 1..(k + 4).min(line.words.len()))
                .is_some_and(|ws| ws.iter().any(|c| is_code_word(&c.text)));
            (glued && code).then(|| {
                (
                    k,
                    label.chars().count(),
                    label.to_string(),
                    rest.to_string(),
                )
            })
        });
        let Some((k, label_len, label, rest)) = at else {
            continue;
        };
        let Some(w) = line.words.get(k).cloned() else {
            continue;
        };
        let (_, cut) = char_span(&w.text, 0, label_len);
        let left_w = (f64::from(w.width) * cut).round() as u32;
        let first = OcrWord {
            text: label,
            width: left_w,
            ..w.clone()
        };
        let second = OcrWord {
            text: rest,
            left: w.left + left_w + 1,
            width: w.width.saturating_sub(left_w + 1),
            ..w
        };
        line.words.splice(k..=k, [first, second]);
    }
}

/// The place of a document's number the page reading did not read as one: a number label
/// ("Số:"), then up to three words that are not a number ("Êđổ", "5/7", "2> Ú 5", or none), then the
/// symbol's code ("/HC-CNHC"). A clerk writes the number in by hand after signing; the gap
/// from the label to the code is for [`crate::hand`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberGap {
    /// Line index.
    pub line: usize,
    /// The label word.
    pub label: usize,
    /// The code word ("/HC-CNHC").
    pub code: usize,
    /// The words read between them, joined by spaces.
    pub middle: String,
}

/// The number gaps of `lines` (see [`NumberGap`]).
///
/// ```
/// use vanban_ocr::digits::number_gaps;
/// use vanban_ocr::OcrLine;
/// let line = OcrLine::of_words;
/// let g = number_gaps(&[line(&["Số:", "Êđổ", "/HC-CNHC"])]);
/// assert_eq!((g[0].label, g[0].code, g[0].middle.as_str()), (0, 2, "Êđổ"));
/// let g = number_gaps(&[line(&["Số:", "LÍ", "/2025/NĐ-CP"])]);
/// assert_eq!((g[0].code, g[0].middle.as_str()), (2, "LÍ"));
/// let g = number_gaps(&[line(&["Số:", "/QĐ-XPVPHC"])]);
/// assert_eq!((g[0].code, g[0].middle.as_str()), (1, ""));
/// assert_eq!(number_gaps(&[line(&["Số:", "5/7", "/UBND-VP"])])[0].middle, "5/7");
/// assert_eq!(number_gaps(&[line(&["Số:", "2>", "Ú", "5", "/ĐCK-CTT"])])[0].code, 4);
/// // a code four words on is another line's
/// assert!(number_gaps(&[line(&["Số:", "a", "b", "c", "d", "/ĐCK-CTT"])]).is_empty());
/// // a number read, a blank left for it, or no code: nothing to read
/// assert!(number_gaps(&[line(&["Số:", "466", "/PC-VPUBND"])]).is_empty());
/// assert!(number_gaps(&[line(&["Số:", "..........", "/UBND-VP"])]).is_empty());
/// assert!(number_gaps(&[line(&["Số:", "12", "tờ"])]).is_empty());
/// ```
pub fn number_gaps(lines: &[OcrLine]) -> Vec<NumberGap> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        let Some(label) = words.iter().position(|w| is_number_label(w)) else {
            continue;
        };
        let code = (label + 1..words.len().min(label + 5))
            .find(|&k| words.get(k).is_some_and(|w| is_code_word(w)));
        let Some(code) = code else {
            continue;
        };
        let middle = words.get(label + 1..code).unwrap_or(&[]).join(" ");
        let number = !middle.is_empty() && middle.chars().all(|c| c.is_ascii_digit());
        // a blank left for the number ("Số: ....... /UBND-VP") is a draft's, not a hand's
        let blank = middle.chars().filter(|c| !c.is_whitespace()).count() > 3
            && middle
                .chars()
                .all(|c| is_blank_mark(c) || c.is_whitespace());
        if number || blank {
            continue;
        }
        out.push(NumberGap {
            line: li,
            label,
            code,
            middle,
        });
    }
    out
}

/// Whether a reading keeps, in order, every digit the page reading saw where it stands
/// (`seen`, the word or words read there): "517" for "5/7", "30" for "0", not "38" for "0".
///
/// ```
/// use vanban_ocr::digits::keeps_seen;
/// assert!(keeps_seen("517", "5/7"));
/// assert!(keeps_seen("30", "0"));
/// assert!(keeps_seen("813", "Êđổ"));
/// assert!(!keeps_seen("38", "0"));
/// assert!(!keeps_seen("715", "5/7"));
/// ```
pub fn keeps_seen(read: &str, seen: &str) -> bool {
    let mut rest = read.chars();
    seen.chars()
        .filter(char::is_ascii_digit)
        .all(|d| rest.any(|c| c == d))
}

/// Whether digits-only readings of a region confirm the digits the first reading `seen`
/// there: at least two readings give exactly them, one of those confidently. (The first
/// reading is a vote of its own; other framings may cut a glyph and read otherwise.)
///
/// ```
/// use vanban_ocr::digits::confirmed;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// assert!(confirmed(&[r("428", 86.0), r("428", 81.0), r("429", 53.0)], "428"));
/// assert!(!confirmed(&[r("428", 86.0), r("429", 81.0)], "428"));
/// assert!(!confirmed(&[r("428", 40.0), r("428", 50.0)], "428"));
/// ```
pub fn confirmed(readings: &[(String, f32)], seen: &str) -> bool {
    let same: Vec<f32> = readings
        .iter()
        .filter(|(t, _)| t == seen)
        .map(|r| r.1)
        .collect();
    same.len() >= 2 && same.iter().any(|&c| c >= MIN_CONF)
}

/// `text` with characters `start..start + len` replaced by `digits`.
pub fn splice(text: &str, start: usize, len: usize, digits: &str) -> String {
    let mut out: String = text.chars().take(start).collect();
    out.push_str(digits);
    out.extend(text.chars().skip(start + len));
    out
}

/// A day written in by hand that the page reading ran into the words around it, with no
/// space to part them: "ngàyOháng" (ngày 08 tháng, the "t" lost too), "ngàyOẨ" before
/// "tháng". The word starts with "ngày", one to three characters that are not a day follow,
/// then "tháng" (or "háng") in the same word, or the next word is "tháng".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GluedDay {
    /// Line index.
    pub line: usize,
    /// Word index in the line.
    pub word: usize,
    /// Whether the word starts with "ngày" (else it is the word after a separate "ngày",
    /// the day run into "tháng": "ngày" "Otháng").
    pub ngay: bool,
    /// Whether the word goes on with "tháng" (or what the reading kept of it).
    pub thang: bool,
    /// The digits the reading saw of the day ("2" of "ngày2§"), if any.
    pub seen: String,
}

/// The words of `lines` where a day ran into its words (see [`GluedDay`]).
///
/// ```
/// use vanban_ocr::digits::glued_days;
/// use vanban_ocr::OcrLine;
/// let line = OcrLine::of_words;
/// let g = glued_days(&[line(&["Hà", "Nội,", "ngàyOháng", "7", "năm", "2026"])]);
/// assert_eq!((g[0].word, g[0].ngay, g[0].thang), (2, true, true));
/// let g = glued_days(&[line(&["Nội,", "ngàyOẨ", "tháng", "7"])]);
/// assert_eq!((g[0].word, g[0].ngay, g[0].thang), (1, true, false));
/// // a stamped day read as a digit and a sign
/// let g = glued_days(&[line(&["Nội,", "ngày2§", "tháng", "6"])]);
/// assert_eq!((g[0].word, g[0].ngay, g[0].thang), (1, true, false));
/// let g = glued_days(&[line(&["Nội,", "ngày", "Otháng", "7"])]);
/// assert_eq!((g[0].word, g[0].ngay, g[0].thang), (2, false, true));
/// // a day read, or running text
/// assert!(glued_days(&[line(&["ngày", "08", "tháng", "7"])]).is_empty());
/// assert!(glued_days(&[line(&["ngàyấy", "đã", "qua"])]).is_empty());
/// assert!(glued_days(&[line(&["trong", "tháng", "7"])]).is_empty());
/// ```
pub fn glued_days(lines: &[OcrLine]) -> Vec<GluedDay> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        for (wi, w) in line.words.iter().enumerate() {
            // junk the day was read as may end the word ("ngày2§"): only punctuation is
            // trimmed from its end
            let b = w
                .text
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches([',', '.', ';', ':'])
                .to_lowercase();
            let after_ngay = wi
                .checked_sub(1)
                .and_then(|i| line.words.get(i))
                .is_some_and(|p| bare(&p.text) == "ngày");
            let (rest, ngay) = match b.strip_prefix("ngày") {
                Some(r) => (r, true),
                // "ngày" "Otháng": the day run into the month's word only
                None if after_ngay && (b.ends_with("tháng") || b.ends_with("háng")) => {
                    (b.as_str(), false)
                }
                None => continue,
            };
            let (middle, thang) = if let Some(m) = rest.strip_suffix("tháng") {
                (m, true)
            } else if let Some(m) = rest.strip_suffix("háng") {
                (m, true)
            } else if line
                .words
                .get(wi + 1)
                .is_some_and(|n| bare(&n.text) == "tháng")
            {
                (rest, false)
            } else {
                continue;
            };
            let n = middle.chars().count();
            if (1..=3).contains(&n) && !middle.chars().all(|c| c.is_ascii_digit()) {
                out.push(GluedDay {
                    line: li,
                    word: wi,
                    ngay,
                    thang,
                    seen: middle.chars().filter(char::is_ascii_digit).collect(),
                });
            }
        }
    }
    out
}

/// Lowest confidence of the best reading of a glued day ([`glued_day_read`]).
pub const MIN_GLUED_CONF: f32 = 60.0;

/// The day the digits-only readings of a glued day's gap agree on: a reading the engine
/// gives no confidence at all is no vote; at least three framings vote, all for the same
/// one or two digits, one of them with confidence [`MIN_GLUED_CONF`], and the day is in
/// range. A hand's digits read less surely than print, so the bar is agreement across
/// framings more than one reading's confidence.
///
/// ```
/// use vanban_ocr::digits::glued_day_read;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// assert_eq!(glued_day_read(&[r("08", 61.0), r("8", 0.0), r("08", 54.0), r("08", 67.0)]).as_deref(), Some("08"));
/// assert_eq!(glued_day_read(&[r("08", 61.0), r("8", 12.0), r("08", 54.0), r("08", 67.0)]), None);
/// assert_eq!(glued_day_read(&[r("08", 61.0), r("08", 67.0)]), None); // two votes
/// assert_eq!(glued_day_read(&[r("08", 41.0), r("08", 54.0), r("08", 57.0)]), None);
/// assert_eq!(glued_day_read(&[r("38", 91.0), r("38", 94.0), r("38", 97.0)]), None);
/// ```
pub fn glued_day_read(readings: &[(String, f32)]) -> Option<String> {
    let votes: Vec<&(String, f32)> = readings.iter().filter(|r| r.1 > 0.0).collect();
    let (first, _) = votes.first()?;
    if votes.len() < 3 || votes.iter().any(|(t, _)| t != first) || first.len() > 2 {
        return None;
    }
    let best = votes.iter().map(|r| r.1).fold(f32::MIN, f32::max);
    let day: u32 = first.parse().ok()?;
    (best >= MIN_GLUED_CONF && (1..=31).contains(&day)).then(|| first.clone())
}

/// The day of a glued word whose first reading saw some of its digits (`seen`: "2" of
/// "ngày2§", a day stamped in a script face), when [`glued_day_read`]'s unanimity fails
/// only because some framings cut the day short: at least two framings read the same one
/// or two digits at confidence [`MIN_CONF`], keeping the digits first seen, and every other
/// framing reads a part of them ("2" beside "25"). A reading that
/// differs ("28") refuses it; with nothing seen first, the unanimous gate alone decides.
///
/// ```
/// use vanban_ocr::digits::seen_day_read;
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let got = [r("25", 92.7), r("25", 94.9), r("2", 55.8), r("2", 55.7)];
/// assert_eq!(seen_day_read(&got, "2").as_deref(), Some("25"));
/// assert_eq!(seen_day_read(&got, ""), None); // nothing seen first
/// assert_eq!(seen_day_read(&got, "3"), None); // the 3 first seen not kept
/// let differs = [r("25", 92.7), r("25", 94.9), r("28", 55.8)];
/// assert_eq!(seen_day_read(&differs, "2"), None);
/// assert_eq!(seen_day_read(&[r("25", 92.7), r("2", 55.8)], "2"), None); // one sure reading
/// ```
pub fn seen_day_read(readings: &[(String, f32)], seen: &str) -> Option<String> {
    if seen.is_empty() {
        return None;
    }
    let read = sure_with_parts(readings)?;
    let day: u32 = read.parse().ok()?;
    (read.len() <= 2 && read.contains(seen) && (1..=31).contains(&day)).then(|| read.clone())
}

/// The readings of a crop at confidence [`MIN_CONF`] or more.
fn confident(readings: &[(String, f32)]) -> Vec<&String> {
    readings
        .iter()
        .filter(|r| r.1 >= MIN_CONF)
        .map(|r| &r.0)
        .collect()
}

/// What at least two confident framings of a crop agree on, when every other framing read
/// a part of it (it cut the stamp short: "3" or "2" beside "13" or "25").
fn sure_with_parts(readings: &[(String, f32)]) -> Option<&String> {
    let sure = confident(readings);
    let first = *sure.first()?;
    (sure.len() >= 2
        && sure.iter().all(|t| *t == first)
        && readings
            .iter()
            .all(|r| !r.0.is_empty() && first.contains(r.0.as_str())))
    .then_some(first)
}

/// Where the day stands in a glued word, from the engine's character boxes (`chars`:
/// each character read with its left and right edge): after the "y" of "ngày" (or from the
/// word's first glyph when it does not start with "ngày", `ngay` false), up to the "t" or
/// "h" that starts "tháng" (or the word's end, `width`). `None` when the boxes do not spell
/// "ngày" first where they should.
///
/// ```
/// use vanban_ocr::digits::day_gap;
/// let c = |t: &str, a: u32, b: u32| (t.to_string(), a, b);
/// let chars = [c("n", 0, 7), c("g", 8, 28), c("à", 27, 44), c("y", 42, 61), c("O", 65, 90),
///     c("Ẩ", 93, 106), c("t", 119, 128), c("h", 128, 144), c("á", 146, 163), c("n", 164, 180),
///     c("g", 181, 198)];
/// assert_eq!(day_gap(&chars, 198, true), Some((61, 119)));
/// // "Otháng" after a separate "ngày"
/// assert_eq!(day_gap(&chars[4..], 198, false), Some((65, 119)));
/// assert_eq!(day_gap(&chars[4..], 198, true), None);
/// ```
pub fn day_gap(chars: &[(String, u32, u32)], width: u32, ngay: bool) -> Option<(u32, u32)> {
    let text: Vec<String> = chars.iter().map(|c| c.0.to_lowercase()).collect();
    let (start, from) = if ngay {
        let head: String = text.iter().take(4).map(String::as_str).collect();
        if head != "ngày" {
            return None;
        }
        (chars.get(3)?.2, 4)
    } else {
        // the word begins with the day: from its first glyph
        (chars.first()?.1, 0)
    };
    let end = (from..text.len())
        .find(|&k| {
            let t = text.get(k).map(String::as_str);
            let next = text.get(k + 1).map(String::as_str);
            (t == Some("t") && next == Some("h")) || (t == Some("h") && next == Some("á"))
        })
        .and_then(|k| chars.get(k))
        .map_or(width, |c| c.1);
    (end > start).then_some((start, end))
}

/// The day of "ngày … tháng" or the month of "tháng … năm" that the page reading may have
/// cut short or missed: one digit read between the two words, a short garbled word ("+",
/// "¡s"), or none while their gap holds ink. The e-signature stamps the day smaller and lower than the line ("ngày ₁₃ tháng"), and
/// the reading keeps its last digit ("ngày 3 tháng") or drops it. The whole gap between the
/// two words is read again digits-only ([`gap_read`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateGap {
    /// Line index.
    pub line: usize,
    /// The word before the gap ("ngày" or "tháng").
    pub before: usize,
    /// The word after it ("tháng" or "năm").
    pub after: usize,
    /// Day or month.
    pub slot: Slot,
    /// The digits read in the gap, if any.
    pub seen: String,
    /// The word read in the gap ("3", "5š", "¡s"; empty when none).
    pub middle: String,
}

impl DateGap {
    /// The keywords before and after the gap: "ngày" and "tháng" for a day, "tháng" and
    /// "năm" for a month.
    pub fn keywords(&self) -> (&'static str, &'static str) {
        match self.slot {
            Slot::Month => ("tháng", "năm"),
            _ => ("ngày", "tháng"),
        }
    }
}

/// The date gaps of `lines` (see [`DateGap`]): "ngày" then at most one word of one to three
/// characters but a two-digit number, or two such words with two digits at most in all,
/// then "tháng"; "tháng" then at most one such word
/// but a month from 3 to 9 (written in one digit) then "năm" with a year after it. `seen`
/// is the middle word's digits.
///
/// ```
/// use vanban_ocr::digits::{date_gaps, Slot};
/// use vanban_ocr::OcrLine;
/// let line = OcrLine::of_words;
/// let g = date_gaps(&[line(&["Cai,", "ngày", "3", "tháng", "1", "năm", "2026"])]);
/// assert_eq!(g.len(), 2);
/// assert_eq!((g[0].before, g[0].after, g[0].slot, g[0].seen.as_str()), (1, 3, Slot::Day, "3"));
/// assert_eq!((g[1].before, g[1].after, g[1].slot), (3, 5, Slot::Month));
/// // a month from 3 to 9 is written in one digit
/// assert_eq!(date_gaps(&[line(&["ngày", "13", "tháng", "3", "năm", "2026"])]), []);
/// let g = date_gaps(&[line(&["ngày", "tháng", "12", "năm", "2026"])]);
/// assert_eq!((g[0].slot, g[0].seen.as_str()), (Slot::Day, ""));
/// // the month garbled too
/// let g = date_gaps(&[line(&["Nội", "ngày", "0", "tháng", "€", "năm", "2025"])]);
/// assert_eq!((g.len(), g[0].slot, g[1].slot), (2, Slot::Day, Slot::Month));
/// let g = date_gaps(&[line(&["ngày", "¡s", "tháng", "12", "năm", "2026"])]);
/// assert_eq!((g[0].after, g[0].seen.as_str()), (2, ""));
/// // a day read as a digit and junk: the gap holds both words
/// let g = date_gaps(&[line(&["ngày", "2", "Ï", "tháng", "7", "năm", "2025"])]);
/// assert_eq!((g[0].after, g[0].seen.as_str(), g[0].middle.as_str()), (3, "2", "2 Ï"));
/// // a day in two pieces, read as digits or junk: the gap holds both
/// for (a, b, seen) in [("2", "2", "22"), ("Ủ", "3", "3"), ("Ì", "Ÿ", "")] {
///     let g = date_gaps(&[line(&["ngày", a, b, "tháng", "7", "năm", "2025"])]);
///     assert_eq!((g[0].after, g[0].seen.as_str()), (3, seen));
/// }
/// // the day's first digit read into a keyword ("ngàyÖ" for "ngày 0"), the last into
/// // "tháng": the gap's ink, as junk
/// let g = date_gaps(&[line(&["ngàyÖ", "9", "tháng", "7", "năm", "2025"])]);
/// assert_eq!((g[0].after, g[0].seen.as_str(), g[0].middle.as_str()), (2, "9", "Ö 9"));
/// let g = date_gaps(&[line(&["ngày", "2Štháng", "5", "năm", "2026"])]);
/// assert_eq!((g[0].after, g[0].seen.as_str(), g[0].middle.as_str()), (1, "2", "2Š"));
/// // more digits than a day has, or a long word: no gap
/// assert!(date_gaps(&[line(&["ngày", "12", "3", "tháng", "7", "năm", "2025"])]).is_empty());
/// assert!(date_gaps(&[line(&["ngày", "2", "trong", "tháng", "7", "năm", "2025"])]).is_empty());
/// // two digits read, or running text: nothing to look at again
/// assert!(date_gaps(&[line(&["ngày", "13", "tháng", "12", "năm", "2026"])]).is_empty());
/// assert!(date_gaps(&[line(&["trong", "tháng", "này", "năm", "nay"])]).is_empty());
/// ```
pub fn date_gaps(lines: &[OcrLine]) -> Vec<DateGap> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words: Vec<String> = line.words.iter().map(|w| bare(&w.text)).collect();
        let year_after = |k: usize| {
            words
                .get(k + 1)
                .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        };
        for (k, w) in line.words.iter().enumerate() {
            let (slot, next) = if is_keyword(&w.text, "ngày") {
                (Slot::Day, "tháng")
            } else if is_keyword(&w.text, "tháng") {
                (Slot::Month, "năm")
            } else {
                continue;
            };
            let key = if slot == Slot::Day { "ngày" } else { "tháng" };
            let is_next = |i: usize| line.words.get(i).is_some_and(|x| is_keyword(&x.text, next));
            // one digit, or any short word but a two-digit number ("+", "1x", "¡s"): only
            // the day stands there; its digits are what was seen
            let middle = line
                .words
                .get(k + 1)
                .map(|x| x.text.trim_end_matches([',', '.']));
            let short = middle.filter(|t| {
                let n = t.chars().count();
                (1..=3).contains(&n) && !(n == 2 && t.bytes().all(|b| b.is_ascii_digit()))
            });
            // or two short words, two digits at most between them: a day written in by hand
            // read in part or in pieces ("ngày 2 Ï tháng", "ngày Ủ 3", "ngày 2 2", "ngày Ì Ÿ"),
            // both the gap's
            let two_pieces = || {
                let (a, b) = (line.words.get(k + 1)?, line.words.get(k + 2)?);
                let (na, nb) = (a.text.chars().count(), b.text.chars().count());
                let digits = a
                    .text
                    .chars()
                    .chain(b.text.chars())
                    .filter(char::is_ascii_digit)
                    .count();
                ((1..=3).contains(&na) && (1..=3).contains(&nb) && digits <= 2 && is_next(k + 3))
                    .then(|| format!("{} {}", a.text, b.text))
            };
            let (after, middle) = if is_next(k + 1) {
                (k + 1, String::new())
            } else if let Some(t) = short.filter(|_| is_next(k + 2)) {
                (k + 2, t.to_string())
            } else if let Some(t) = two_pieces() {
                (k + 3, t)
            } else {
                continue;
            };
            // junk read into the keywords on the gap's side ("ngày? 6", "“tháng") is ink of
            // the gap's too
            let middle = [
                keyword_junk(&w.text, key, false).1,
                middle,
                line.words
                    .get(after)
                    .map(|w| keyword_junk(&w.text, next, true).1)
                    .unwrap_or_default(),
            ]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            let middle = middle.as_str();
            // a month of one digit from 3 to 9 is as written: dates put a 0 before days
            // under 10 and months 1 and 2 only (Nghị định 30/2020/NĐ-CP), so a one-digit day
            // or a month 1 or 2 may have lost a digit
            if slot == Slot::Month && matches!(middle, "3" | "4" | "5" | "6" | "7" | "8" | "9") {
                continue;
            }
            let seen = middle.chars().filter(char::is_ascii_digit).collect();
            let middle = middle.to_string();
            // the month's gap only in a full date ("tháng 3 năm 2026"), not "tháng này năm nay"
            if slot == Slot::Month && !year_after(after) {
                continue;
            }
            // the day's only where the month (or, missed, "năm") follows it
            // (or a month garbled as the day was: a short word, then "năm")
            let month_next = words.get(after + 1).is_some_and(|m| {
                m.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    || m == "năm"
                    || (line
                        .words
                        .get(after + 1)
                        .is_some_and(|w| w.text.chars().count() <= 3)
                        && words.get(after + 2).is_some_and(|n| n == "năm"))
            });
            if slot == Slot::Day && !month_next {
                continue;
            }
            out.push(DateGap {
                line: li,
                before: k,
                after,
                slot,
                seen,
                middle,
            });
        }
    }
    out
}

/// Whether a line is shaped as a document's own date line, wherever it stands on the page
/// (a licence or a record puts it over the signature): a place of at most four words, then
/// "ngày … tháng … năm" and the year, and nothing after it but a word. A citation's date
/// runs on in its sentence.
///
/// ```
/// use vanban_ocr::digits::date_line;
/// use vanban_ocr::OcrLine;
/// let line = |s: &str| OcrLine::of_words(&s.split(' ').collect::<Vec<_>>());
/// assert!(date_line(&line("Hà Nội ngày 0 tháng € năm 2025")));
/// assert!(date_line(&line("TP. Hồ Chí Minh, ngày 3 tháng 12 năm 2024")));
/// assert!(!date_line(&line("Căn cứ Nghị định số 71/2019/NĐ-CP ngày 30 tháng 8 năm 2019 của Chính phủ")));
/// assert!(!date_line(&line("ngày 30 tháng 8 năm 2019 của Chính phủ quy định")));
/// ```
pub fn date_line(line: &OcrLine) -> bool {
    let words: Vec<String> = line.words.iter().map(|w| bare(&w.text)).collect();
    let Some(day) = words.iter().position(|w| w == "ngày") else {
        return false;
    };
    let Some(year) = words
        .iter()
        .skip(day)
        .position(|w| w == "năm")
        .map(|k| k + day + 1)
    else {
        return false;
    };
    let year_ok = words
        .get(year)
        .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    day <= 4 && year_ok && words.len() <= year + 2
}

/// The day or month the digits-only readings of a date gap agree on, taken only when it
/// says more than the page reading did (`middle`, the word read there): every framing that
/// reads anything reads the same one or two digits, at least two of them with some
/// confidence and one with [`MIN_CONF`] (or two at [`MIN_CONF`] agree and the others read
/// a part of it, having cut the stamp short); the value in range, and the digits read before
/// (`seen`) kept in it — "13" for a "3" read, "5" for "5š", but not "8" for a "3", nor
/// "3" again. (Print stamped small reads steadily, unlike a hand: the bar of [`accept`],
/// not of [`glued_day_read`].) Junk beside one digit that cannot begin a two-digit day
/// or month ("tháng 5s") goes when every confident framing reads that digit. One framing
/// that reads the digits seen and more at [`DOUBT_CONF`] (as print reads) is taken when no
/// framing with confidence reads otherwise ("3" at 97 for a hand's 23, one framing "23" at
/// 96, the other rejecting its own "3").
///
/// ```
/// use vanban_ocr::digits::{gap_read, DateGap, Slot};
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// let all = |s: &str| [r(s, 88.0), r(s, 90.0), r(s, 71.0), r(s, 93.0)];
/// let gap = |middle: &str, slot| DateGap {
///     line: 0,
///     before: 0,
///     after: 2,
///     slot,
///     seen: middle.chars().filter(char::is_ascii_digit).collect(),
///     middle: middle.to_string(),
/// };
/// assert_eq!(gap_read(&all("13"), &gap("3", Slot::Day)).as_deref(), Some("13"));
/// assert_eq!(gap_read(&all("12"), &gap("", Slot::Month)).as_deref(), Some("12"));
/// assert_eq!(gap_read(&all("5"), &gap("5š", Slot::Month)).as_deref(), Some("5"));
/// assert_eq!(gap_read(&all("3"), &gap("3", Slot::Day)), None); // nothing new
/// assert_eq!(gap_read(&all("18"), &gap("3", Slot::Day)), None); // the 3 not kept
/// assert_eq!(gap_read(&all("13"), &gap("3", Slot::Month)), None); // no 13th month
/// let two = [r("13", 95.0), r("13", 92.0)];
/// assert_eq!(gap_read(&two, &gap("¡s", Slot::Day)).as_deref(), Some("13"));
/// assert_eq!(gap_read(&[r("13", 95.0), r("18", 92.0)], &gap("", Slot::Day)), None);
/// assert_eq!(gap_read(&[r("7", 18.0), r("7", 0.0)], &gap("", Slot::Day)), None);
/// // framings that cut the stamp short read a part of what the sure ones read
/// let cut = [r("13", 95.2), r("13", 92.3), r("3", 0.0), r("3", 0.0)];
/// assert_eq!(gap_read(&cut, &gap("+", Slot::Day)).as_deref(), Some("13"));
/// let other = [r("13", 95.2), r("13", 92.3), r("8", 0.0)];
/// assert_eq!(gap_read(&other, &gap("+", Slot::Day)), None);
/// // junk beside a digit no two-digit month starts with: the digit, confidently read
/// let weak = [r("5", 0.0), r("5", 88.0), r("2", 15.5), r("2", 13.0)];
/// assert_eq!(gap_read(&weak, &gap("5s", Slot::Month)).as_deref(), Some("5"));
/// assert_eq!(gap_read(&[r("1", 88.0), r("2", 15.0)], &gap("1s", Slot::Month)), None);
/// assert_eq!(gap_read(&[r("3", 88.0), r("2", 15.0)], &gap("3s", Slot::Day)), None);
/// assert_eq!(gap_read(&[r("5", 88.0), r("6", 75.0)], &gap("5s", Slot::Month)), None);
/// // a day seen in two pieces, confirmed by two framings though others read junk
/// let pieces = [r("22", 95.6), r("22", 67.8), r("7", 0.0), r("7", 2.9)];
/// assert_eq!(gap_read(&pieces, &gap("2 2", Slot::Day)).as_deref(), Some("22"));
/// assert_eq!(gap_read(&[r("22", 95.6), r("7", 2.9)], &gap("2 2", Slot::Day)), None);
/// assert_eq!(gap_read(&pieces, &gap("22", Slot::Day)), None); // seen whole: nothing new
/// // one framing as confident as print reading the seen digit and more
/// let more = [r("3", 0.0), r("23", 96.4)];
/// assert_eq!(gap_read(&more, &gap("3", Slot::Day)).as_deref(), Some("23"));
/// assert_eq!(gap_read(&[r("23", 89.0)], &gap("3", Slot::Day)), None); // not as print
/// assert_eq!(gap_read(&[r("23", 96.0), r("13", 75.0)], &gap("3", Slot::Day)), None);
/// assert_eq!(gap_read(&[r("43", 96.0)], &gap("3", Slot::Day)), None); // no 43rd
/// ```
pub fn gap_read(readings: &[(String, f32)], gap: &DateGap) -> Option<String> {
    let (seen, slot) = (gap.seen.as_str(), gap.slot);
    let max = if slot == Slot::Month { 12 } else { 31 };
    // every framing that reads anything reads the same, two with some confidence and one
    // confidently; or two confident framings agree and the others read a part of it (a
    // framing that cut the stamp short: "3" beside "13")
    let unanimous = agreed(readings)
        .filter(|(_, best)| *best >= MIN_CONF && readings.iter().filter(|r| r.1 > 0.0).count() >= 2)
        .map(|(read, _)| read)
        .or_else(|| sure_with_parts(readings).cloned())
        .and_then(|read| {
            let value: u32 = read.parse().ok()?;
            (read.len() <= 2
                && (1..=max).contains(&value)
                && read != gap.middle
                && read.contains(seen))
            .then_some(read)
        });
    // junk beside one digit that cannot begin a two-digit day or month ("tháng 5s": no
    // month is 5x): the digit, when every confident framing reads it, as nothing changes
    // but the junk ("1x" may be 10 to 12, so it is not so read)
    let junk_off = || {
        let v: u32 = seen.parse().ok()?;
        let confident = confident(readings);
        (seen.len() == 1
            && gap.middle != seen
            && (1..=max).contains(&v)
            && v * 10 > max
            && !confident.is_empty()
            && confident.iter().all(|t| *t == seen))
        .then(|| seen.to_string())
    };
    // a day or month the page reading saw in two pieces ("ngày 2 2 tháng": a hand's digits
    // set apart), confirmed as one number by two framings, one confidently ([`confirmed`])
    let pieces_confirmed = || {
        let v: u32 = seen.parse().ok()?;
        (seen.len() == 2
            && gap.middle.split_whitespace().count() > 1
            && (1..=max).contains(&v)
            && confirmed(readings, seen))
        .then(|| seen.to_string())
    };
    // one framing reads, as confidently as print reads, the digits the page saw and more
    // ("3" → "23" at 96, the other framing rejecting its own "3"), and no framing with
    // confidence reads otherwise: the page reading kept a part of the hand's day
    let extended = || {
        let (read, _) = readings
            .iter()
            .find(|(t, c)| *c >= DOUBT_CONF && t.len() > seen.len() && keeps_seen(t, seen))?;
        let v: u32 = read.parse().ok()?;
        (!seen.is_empty()
            && read.len() <= 2
            && (1..=max).contains(&v)
            && !readings.iter().any(|(t, c)| *c >= MIN_CONF && t != read))
        .then(|| read.clone())
    };
    unanimous
        .or_else(junk_off)
        .or_else(pieces_confirmed)
        .or_else(extended)
}

/// Whether the lone number the page reading read in a date gap (`gap.middle`, digits only)
/// is a part of what stands there: the network reads more digits in the gap, every one at
/// probability ≥ [`HAND_MIN_PROB`] (too unsteady to be taken, see [`hand_accept`]), keeping
/// the digits read, in order, and in the slot's range; and no two of the engine's framings
/// of the gap confirm the lone number ([`confirmed`]). A two-digit day written by hand is
/// often read as one of its digits at high confidence ("19" as "9"): reported unreadable,
/// not as that digit.
///
/// ```
/// use vanban_ocr::digits::{read_in_part, DateGap, Slot};
/// use vanban_ocr::hand::HandRead;
/// let gap = DateGap {
///     line: 0,
///     before: 0,
///     after: 2,
///     slot: Slot::Day,
///     seen: "9".into(),
///     middle: "9".into(),
/// };
/// let net = |d: &str, prob: f32| HandRead { digits: d.into(), prob, steady: 0.5, flips: 0 };
/// let weak = [("9".to_string(), 0.0), ("2".to_string(), 13.7)];
/// assert!(read_in_part(&gap, &weak, Some(&net("19", 0.99))));
/// // the engine's framings confirm the 9, the network is unsure, or reads no more
/// let sure = [("9".to_string(), 95.0), ("9".to_string(), 91.0)];
/// assert!(!read_in_part(&gap, &sure, Some(&net("19", 0.99))));
/// assert!(!read_in_part(&gap, &weak, Some(&net("19", 0.6))));
/// assert!(!read_in_part(&gap, &weak, Some(&net("9", 0.99))));
/// assert!(!read_in_part(&gap, &weak, Some(&net("93", 0.99)))); // no 93rd
/// assert!(!read_in_part(&gap, &weak, None));
/// ```
pub fn read_in_part(
    gap: &DateGap,
    got: &[(String, f32)],
    net: Option<&crate::hand::HandRead>,
) -> bool {
    let seen = gap.middle.as_str();
    let Some(net) = net else {
        return false;
    };
    let max = if gap.slot == Slot::Month { 12 } else { 31 };
    let value: u32 = net.digits.parse().unwrap_or(0);
    !seen.is_empty()
        && seen.bytes().all(|b| b.is_ascii_digit())
        && net.digits.len() > seen.len()
        && net.digits.len() <= 2
        && (1..=max).contains(&value)
        && net.prob >= HAND_MIN_PROB
        && keeps_seen(&net.digits, seen)
        && !confirmed(got, seen)
}

/// Whether a day or month the page reading read as a lone number (`gap.middle`) is
/// contested by a confident digits-only second reading of its whole gap (confidence at
/// least [`MIN_CONF`]) that gives other digits, none of which [`gap_read`] took: a hand's
/// 09 read "7" by the page and "9" at 93 by the second look. Neither reading outweighs the
/// other, so the day is reported unreadable rather than as the first reading's.
///
/// ```
/// use vanban_ocr::digits::{contested, date_gaps};
/// use vanban_ocr::OcrLine;
/// let g = &date_gaps(&[OcrLine::of_words(&["ngày", "7", "tháng", "5", "năm", "2025"])])[0];
/// let r = |s: &str, c: f32| (s.to_string(), c);
/// assert!(contested(&[r("9", 93.3)], g));
/// // weakly, or the same digit, or more of it
/// assert!(!contested(&[r("9", 54.0)], g));
/// assert!(!contested(&[r("7", 93.0), r("9", 30.0)], g));
/// assert!(!contested(&[r("17", 93.0)], g));
/// // a gap that read junk: nothing to contest
/// let g = &date_gaps(&[OcrLine::of_words(&["ngày", "Ì", "tháng", "5", "năm", "2025"])])[0];
/// assert!(!contested(&[r("9", 93.3)], g));
/// ```
pub fn contested(readings: &[(String, f32)], gap: &DateGap) -> bool {
    let seen = gap.middle.as_str();
    !seen.is_empty()
        && seen.bytes().all(|b| b.is_ascii_digit())
        && readings
            .iter()
            .any(|(t, c)| *c >= MIN_CONF && !t.is_empty() && !t.contains(seen))
}

/// Whether `a` and `b` may be two pieces of one printed number the engine split at a wide
/// space ("1 1" of a month 11): closer than half the taller's height and, for `digits`
/// alone (no slash in either, whose box runs taller than the digits'), the same height and
/// line within a fifth of it.
fn one_number(a: &OcrWord, b: &OcrWord, digits: bool) -> bool {
    let (ha, hb) = (f64::from(a.height), f64::from(b.height));
    let h = ha.max(hb);
    let gap = f64::from(b.left) - f64::from(a.left.saturating_add(a.width));
    let tops = (f64::from(a.top) - f64::from(b.top)).abs();
    let same_size = (ha - hb).abs() <= 0.2 * h && tops <= 0.2 * h;
    h > 0.0 && gap < 0.5 * h && (same_size || !digits)
}

/// All ASCII digits, `n` of them or fewer.
fn digits_upto(s: &str, n: usize) -> bool {
    !s.is_empty() && s.len() <= n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Dates and symbols whose number the engine split in two at a wide space between its
/// digits (narrow ones stand far apart): "ngày 28/1 1/2025" → "28/11/2025", "tháng 1 1 năm"
/// → "tháng 11 năm", "số 1 105/KH-ĐKT" → "số 1105/KH-ĐKT". Joined only where the grammar
/// has one number, the pieces are printed as one (close; digits alone of one height and
/// line) and the number joined is a day, a month or a symbol's number.
pub fn join_split_dates(lines: &mut [OcrLine]) {
    for line in lines.iter_mut() {
        join_keyword_digit(line);
        let mut i = 0;
        while i + 1 < line.words.len() {
            let (Some(a), Some(b)) = (line.words.get(i), line.words.get(i + 1)) else {
                break;
            };
            let digits = !a.text.contains('/') && !b.text.contains('/');
            let joined = if one_number(a, b, digits) {
                let prev = i
                    .checked_sub(1)
                    .and_then(|k| line.words.get(k))
                    .map(|w| bare(&w.text));
                let next = line.words.get(i + 2).map(|w| bare(&w.text));
                join_pair(&a.text, &b.text, prev.as_deref(), next.as_deref())
            } else {
                None
            };
            match joined {
                Some(text) => {
                    let b = line.words.remove(i + 1);
                    if let Some(a) = line.words.get_mut(i) {
                        let right = b
                            .left
                            .saturating_add(b.width)
                            .max(a.left.saturating_add(a.width));
                        let bottom = b
                            .top
                            .saturating_add(b.height)
                            .max(a.top.saturating_add(a.height));
                        a.top = a.top.min(b.top);
                        a.width = right.saturating_sub(a.left);
                        a.height = bottom.saturating_sub(a.top);
                        a.conf = a.conf.min(b.conf);
                        a.text = text;
                    }
                }
                None => i += 1,
            }
        }
    }
}

/// A day or month written by hand in two digits set apart, the first run into its keyword
/// (OCR lost the space): "ngày2 2 tháng" → "ngày 22 tháng", "tháng1 1 năm" → "tháng 11
/// năm". Only where the grammar has one number (the keyword after it follows), the second
/// digit no speck (half the line's height at least) and within a line height of the first,
/// and the number a day or a month.
fn join_keyword_digit(line: &mut OcrLine) {
    for i in 0..line.words.len().saturating_sub(2) {
        let (Some(a), Some(b), Some(next)) = (
            line.words.get(i),
            line.words.get(i + 1),
            line.words.get(i + 2),
        ) else {
            break;
        };
        let (key, max, after) = if let Some(d) = a.text.strip_prefix("ngày") {
            (("ngày", d), 31, "tháng")
        } else if let Some(d) = a.text.strip_prefix("tháng") {
            (("tháng", d), 12, "năm")
        } else {
            continue;
        };
        let (keyword, first) = key;
        let h = f64::from(a.height.max(b.height));
        let gap = f64::from(b.left) - f64::from(a.left.saturating_add(a.width));
        let joined = format!("{first}{}", b.text);
        let ok = digits_upto(first, 1)
            && digits_upto(&b.text, 1)
            && bare(&next.text) == after
            && joined.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v))
            && f64::from(b.height) >= 0.5 * f64::from(a.height)
            && gap < h;
        if ok {
            if let Some(a) = line.words.get_mut(i) {
                a.text = keyword.to_string();
            }
            if let Some(b) = line.words.get_mut(i + 1) {
                b.text = joined;
            }
        }
    }
}

/// The one number of two words split in a date (see [`join_split_dates`]), given the words
/// before and after them (bare, lower case).
fn join_pair(a: &str, b: &str, prev: Option<&str>, next: Option<&str>) -> Option<String> {
    let in_range = |v: &str, max: u32| v.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    // "28/1" "1/2025;": a slash date's month
    if let (Some((day, m1)), Some((m2, rest))) = (a.split_once('/'), b.split_once('/')) {
        let year = rest.trim_end_matches([',', '.', ';', ')']);
        let month = format!("{m1}{m2}");
        let ok = digits_upto(day, 2)
            && in_range(day, 31)
            && digits_upto(m1, 1)
            && digits_upto(m2, 1)
            && in_range(&month, 12)
            && year.len() == 4
            && year.bytes().all(|c| c.is_ascii_digit());
        return ok.then(|| format!("{day}/{month}/{rest}"));
    }
    // "số" "1" "105/KH-ĐKT": a symbol's number (a narrow 1 set apart)
    if prev.is_some_and(is_number_label) && digits_upto(a, 3) {
        let (number, code) = b.split_once('/')?;
        let code_ok = code.starts_with(|c: char| c.is_uppercase())
            || (code.len() > 5
                && code
                    .get(..4)
                    .is_some_and(|y| y.bytes().all(|c| c.is_ascii_digit()))
                && code.get(4..5) == Some("/"));
        return (digits_upto(number, 5) && code_ok).then(|| format!("{a}{b}"));
    }
    // "tháng" "1" "1" "năm", "ngày" "2" "8" "tháng"
    let max = match (prev, next) {
        (Some("ngày"), Some("tháng")) => 31,
        (Some("tháng"), Some("năm")) => 12,
        _ => return None,
    };
    let joined = format!("{a}{b}");
    (digits_upto(a, 1) && digits_upto(b, 1) && in_range(&joined, max)).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any words as a page reading gives them: number-label lines whose indices are
        /// words of their line, the code's start a character of its word; the code tests
        /// never panic.
        #[test]
        fn label_lines_point_into_their_line(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "Số:", "số", "số:2", "Số:/", "/BCT-ATMT", "ÊÖ5CT-ATMT", "2265", "/",
                        "3BCT", "?/QÐ-BXD",
                    ])
                    .prop_map(String::from),
                    "[Ssố:;/0-9A-ZĐÊÖa-z -]{0,8}",
                ],
                0..6,
            ),
            conf in 0.0f32..100.0,
        ) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut l = OcrLine::of_words(&refs);
            l.words.iter_mut().for_each(|w| w.conf = conf);
            let lines = [l];
            let found_all = label_lines(&lines);
            if refs.first() == Some(&"Số:") && refs.get(1) == Some(&"/BCT-ATMT") {
                proptest::prop_assert_eq!(found_all.len(), 1);
            }
            for found in found_all {
                let line = &lines[found.line];
                proptest::prop_assert!(found.label < found.code_word);
                let code = &line.words[found.code_word].text;
                proptest::prop_assert!(found.code_at < code.chars().count());
                proptest::prop_assert!(found.seen.bytes().all(|b| b.is_ascii_digit()));
            }
            for w in &refs {
                let _ = code_shaped(w);
                let _ = uncovered_code(&refs, w);
            }
        }
    }

    fn line(words: &[&str]) -> OcrLine {
        OcrLine {
            words: words
                .iter()
                .enumerate()
                .map(|(i, w)| OcrWord {
                    text: w.to_string(),
                    conf: 80.0,
                    left: 100 * i as u32,
                    top: 10,
                    width: 90,
                    height: 30,
                })
                .collect(),
            ..Default::default()
        }
    }

    fn found(words: &[&str]) -> Vec<(usize, Slot, usize)> {
        suspects(&[line(words)])
            .into_iter()
            .map(|s| (s.word, s.slot, s.len))
            .collect()
    }

    #[test]
    fn symbol_numbers() {
        assert_eq!(
            found(&["Số:", "2#", "/HDLN-BCA-BQP-BYT-"]),
            [(1, Slot::Number, 2)]
        );
        assert_eq!(found(&["Số:", "4ó6/PC-VPUBND"]), [(1, Slot::Number, 3)]);
        assert_eq!(
            found(&["Nghị", "định", "số", "1O5/2025/NĐ-CP"]),
            [(3, Slot::Number, 3)]
        );
        // numbers read well, blanks, codes and dates are left alone
        assert!(found(&["Số:", "466", "/PC-VPUBND"]).is_empty());
        assert!(found(&["Số:", "…", "/KH-UBND"]).is_empty());
        assert!(found(&["Số:", "01-TĐ/BBTN"]).is_empty());
        assert!(found(&["V/v", "kiểm", "tra"]).is_empty());
        assert!(found(&["và/hoặc", "A/B"]).is_empty());
    }

    #[test]
    fn date_parts() {
        assert_eq!(
            found(&["Lào", "Cai,", "ngày", "1x", "tháng", "3", "năm", "2026"]),
            [(3, Slot::Day, 2)]
        );
        assert_eq!(
            found(&["Hà", "Nội,", "ngày25", "tháng", "É", "năm", "2026"]),
            [(4, Slot::Month, 1)]
        );
        assert_eq!(
            found(&["ngày", "12", "tháng", "$", "năm", "202Š"]),
            [(3, Slot::Month, 1), (5, Slot::Year, 4)]
        );
        // left blank to be written in by hand
        assert!(found(&["ngày", "...", "tháng", "…", "năm", "2026"]).is_empty());
        // a stamped day read in letters drawn like digits; a word is not one
        assert_eq!(
            found(&["Cai,", "ngày", "LI", "tháng", "5", "năm", "2026"]),
            [(2, Slot::Day, 2)]
        );
        assert!(found(&["ngày", "An", "tháng", "5"]).is_empty());
        // "ngày" in running text
        assert!(found(&["trong", "ngày", "là", "tháng", "trước"]).is_empty());
    }

    #[test]
    fn slash_dates() {
        let at = |words: &[&str]| -> Vec<(usize, Slot, usize, usize)> {
            suspects(&[line(words)])
                .into_iter()
                .map(|s| (s.word, s.slot, s.start, s.len))
                .collect()
        };
        assert_eq!(at(&["ngày", "1x/5/2026"]), [(1, Slot::Day, 0, 2)]);
        assert_eq!(
            at(&[
                "Thông",
                "tư",
                "47/2024/TT-BGTVT",
                "ngày",
                "L5/11/2024",
                "của"
            ]),
            [(4, Slot::Day, 0, 2)]
        );
        assert_eq!(at(&["ngày", "28/I1/2025;"]), [(1, Slot::Month, 3, 2)]);
        // read well, or not a date: nothing
        assert!(at(&["ngày", "15/11/2024"]).is_empty());
        assert!(at(&["ngày", "1x/5"]).is_empty());
        assert!(at(&["trong", "1x/5/2026"]).is_empty());
    }

    #[test]
    fn a_date_wrapped_after_its_day() {
        let lines = [
            line(&["Văn", "bản", "số", "1150/SCT-CN", "ngày", "l]"]),
            line(&["tháng", "3", "năm", "2026"]),
        ];
        let got: Vec<(usize, usize, Slot)> = suspects(&lines)
            .iter()
            .map(|s| (s.line, s.word, s.slot))
            .collect();
        assert_eq!(got, [(0, 5, Slot::Day)]);
        // the next line not going on with "tháng": a word, not a day
        let prose = [line(&["trong", "ngày", "l]"]), line(&["sau", "đó"])];
        assert!(suspects(&prose).is_empty());
    }

    fn word(text: &str, left: u32, top: u32, width: u32, height: u32) -> OcrWord {
        OcrWord {
            text: text.to_string(),
            conf: 90.0,
            left,
            top,
            width,
            height,
        }
    }

    fn texts(l: &OcrLine) -> Vec<&str> {
        l.words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn a_date_split_at_a_wide_space_is_joined() {
        let joined = |words: Vec<OcrWord>| {
            let mut lines = [OcrLine {
                words,
                ..Default::default()
            }];
            join_split_dates(&mut lines);
            lines[0].words.clone()
        };
        let cases = [
            // "15/1 1/2024": the slash's box runs taller than the digits'
            (
                vec![
                    word("ngày", 600, 2058, 60, 22),
                    word("15/1", 669, 2058, 41, 22),
                    word("1/2024", 719, 2053, 69, 36),
                    word("của", 800, 2058, 40, 22),
                ],
                ["ngày", "15/11/2024", "của"],
            ),
            // "số 1 105/KH-ĐKT": the symbol's box runs taller than the lone digit's
            (
                vec![
                    word("số", 0, 10, 40, 30),
                    word("1", 50, 12, 10, 26),
                    word("105/KH-ĐKT", 68, 8, 160, 34),
                    word("ngày", 240, 10, 60, 30),
                ],
                ["số", "1105/KH-ĐKT", "ngày"],
            ),
            // a header's label as OCR reads it ("só:"), a hand's 869 split "86" "9/UBND-XD"
            (
                vec![
                    word("só:", 0, 10, 40, 30),
                    word("86", 50, 8, 30, 32),
                    word("9/UBND-XD", 90, 8, 160, 34),
                    word("Lào", 300, 10, 50, 30),
                ],
                ["só:", "869/UBND-XD", "Lào"],
            ),
            // "tháng 1 1 năm": two digits of one height on one line, close
            (
                vec![
                    word("tháng", 0, 10, 80, 30),
                    word("1", 90, 10, 12, 30),
                    word("1", 110, 10, 12, 30),
                    word("năm", 130, 10, 60, 30),
                ],
                ["tháng", "11", "năm"],
            ),
        ];
        for (words, want) in cases {
            let got = joined(words);
            let text: Vec<&str> = got.iter().map(|w| w.text.as_str()).collect();
            assert_eq!(text, want);
            if want[1] == "15/11/2024" {
                // the joined word's box spans both pieces
                let w = &got[1];
                assert_eq!((w.left, w.top, w.width, w.height), (669, 2053, 119, 36));
            }
        }
    }

    #[test]
    fn a_day_run_into_its_keyword_and_set_apart_is_joined() {
        let run = |words: Vec<OcrWord>| {
            let mut lines = [OcrLine {
                words,
                ..Default::default()
            }];
            join_split_dates(&mut lines);
            texts(&lines[0])
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
        };
        let line = |a: &str, b: &str, b_left: u32, b_height: u32, next: &str| {
            vec![
                word("Nội,", 0, 10, 60, 30),
                word(a, 70, 10, 90, 30),
                word(b, b_left, 8, 16, b_height),
                word(next, 210, 10, 80, 30),
            ]
        };
        // a hand's 22 and 11: the first digit run into "ngày" / "tháng", the second apart
        assert_eq!(
            run(line("ngày2", "2", 175, 32, "tháng")),
            ["Nội,", "ngày", "22", "tháng"]
        );
        assert_eq!(
            run(line("tháng1", "1", 175, 32, "năm")),
            ["Nội,", "tháng", "11", "năm"]
        );
        // no 41st day, no 13th month, a speck, a digit far away, or no keyword after: kept
        assert_eq!(run(line("ngày4", "1", 175, 32, "tháng"))[1], "ngày4");
        assert_eq!(run(line("tháng1", "3", 175, 32, "năm"))[1], "tháng1");
        assert_eq!(run(line("ngày2", "2", 175, 6, "tháng"))[1], "ngày2");
        assert_eq!(run(line("ngày2", "2", 200, 32, "tháng"))[1], "ngày2");
        assert_eq!(run(line("ngày2", "2", 175, 32, "của"))[1], "ngày2");
    }

    #[test]
    fn numbers_apart_are_not_joined() {
        let keep = |words: Vec<OcrWord>| {
            let before: Vec<String> = words.iter().map(|w| w.text.clone()).collect();
            let mut lines = [OcrLine {
                words,
                ..Default::default()
            }];
            join_split_dates(&mut lines);
            assert_eq!(texts(&lines[0]), before);
        };
        // "before a b after", `b` at (left, top, width, height)
        let four = |before: &str, a: &str, b: &str, at: (u32, u32, u32, u32), after: &str| {
            vec![
                word(before, 0, 10, 80, 30),
                word(a, 90, 10, 12, 30),
                word(b, at.0, at.1, at.2, at.3),
                word(after, 160, 10, 60, 30),
            ]
        };
        keep(four("tháng", "1", "1", (140, 10, 12, 30), "năm")); // far apart
        keep(four("tháng", "1", "1", (105, 30, 4, 10), "năm")); // a speck of another size
        keep(four("tháng", "3", "1", (105, 10, 12, 30), "năm")); // no 31st month
        keep(four("mục", "1", "1", (105, 10, 12, 30), "và")); // not within a date
                                                              // a list of numbers after "số", and a number far from the symbol
        keep(four("số", "12,", "105/KH", (105, 10, 50, 30), "và"));
        keep(four("số", "1", "105/KH", (140, 10, 50, 30), "và"));
        keep(four("số", "1", "105", (105, 10, 30, 30), "và"));
        keep(vec![
            word("ngày", 0, 10, 80, 30),
            word("28/1", 90, 10, 50, 30),
            word("3/2025", 145, 10, 80, 30),
        ]);
    }

    #[test]
    fn acceptance() {
        assert!(accept("2#", "24", 91.0, Slot::Number));
        assert!(accept("1x", "13", 90.0, Slot::Day));
        assert!(accept("É", "6", 88.0, Slot::Month));
        assert!(!accept("1x", "23", 90.0, Slot::Day)); // the first reading saw a 1
        assert!(!accept("$", "0", 90.0, Slot::Month));
        assert!(!accept("202Š", "2025", 50.0, Slot::Year));
        assert!(accept("202Š", "2025", 90.0, Slot::Year));
        assert!(!accept("4ó6", "4a6", 99.0, Slot::Number));
    }

    #[test]
    fn stamped_number_run_into_its_code() {
        let lines = [line(&["Số:", "42", ".đ8GP-BCT"])];
        let r = label_regions(&lines);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].first, r[0].code_word, r[0].code_at), (1, 2, 3));
        assert_eq!(r[0].seen, "428");
        // a clean number, a number with its slash, a blank: none
        assert!(label_regions(&[line(&["Số:", "428", "GP-BCT"])]).is_empty());
        assert!(label_regions(&[line(&["Số:", "4ó6", "/PC-VPUBND"])]).is_empty());
        assert!(label_regions(&[line(&["Số:", "…", "KH-UBND"])]).is_empty());
        assert!(label_regions(&[line(&["Sở", "Công", "Thương"])]).is_empty());
    }

    #[test]
    fn splicing() {
        assert_eq!(splice("4ó6/PC-VPUBND", 0, 3, "466"), "466/PC-VPUBND");
        assert_eq!(splice("1x,", 0, 2, "13"), "13,");
    }
}
