//! Document symbols and dates in OCR output, checked against their grammar.
//!
//! A symbol (`181/2024/NĐ-CP`, `20-NQ/TW`, `3686/UBND-XD`) is a number, an optional year and
//! code segments. The fixes are those of glyphs that look alike: `Ð` (Icelandic eth) for `Đ`,
//! `O`/`o` for `0` and `l`/`I`/`|` for `1` inside a number that has other digits, a missing
//! stroke in a document-kind code that is then one of the closed list (`QD-UBND` → `QĐ-UBND`).
//! A date `d/m/yyyy` is checked for a real day and month, and its year against the other
//! years of the same text: a year before 1945 or more than ten years after the latest other
//! year is replaced only by a year one digit away that the text prints elsewhere.

use vanban_refs::symbol::{is_body_code, is_code_segment, is_doc_code};

/// `Ð`/`ð` (Icelandic eth, which Vietnamese never uses) read for `Đ`/`đ`.
pub fn fix_eth(s: &str) -> Option<String> {
    s.contains(['Ð', 'ð'])
        .then(|| s.replace('Ð', "Đ").replace('ð', "đ"))
}

/// A run that should be a number with letters that look like digits, when it has at least one
/// real digit: `2O24` → `2024`, `l81` → `181`. `None` when it is not such a run.
pub fn fix_digit_run(run: &str) -> Option<String> {
    if run.is_empty() || !run.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    run.chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            'O' | 'o' => Some('0'),
            'l' | 'I' | '|' => Some('1'),
            _ => None,
        })
        .collect()
}

/// Digits and letters confused inside a code segment: a leading `5` read for `S` (`5CT` →
/// `SCT`, a code starts with a letter) and `I`/`l`/`O` read for digits in the number of a
/// legislature code (`QHI5` → `QH15`, and its `Q` read as `O` or zero: `OHI5`, `0H15` →
/// `QH15`; no code is `OH` and a number, and no code starts with a digit).
fn fix_code_digits(seg: &str) -> String {
    for (printed, code) in [
        ("UBTVQH", "UBTVQH"),
        ("UBTVOH", "UBTVQH"),
        ("UBTV0H", "UBTVQH"),
        ("QH", "QH"),
        ("OH", "QH"),
        ("0H", "QH"),
    ] {
        if let Some(rest) = seg.strip_prefix(printed) {
            if let Some(d) = fix_digit_run(rest).filter(|d| d.len() <= 2) {
                return format!("{code}{d}");
            }
        }
    }
    match seg.strip_prefix('5') {
        Some(rest) if rest.chars().count() >= 1 && rest.chars().all(|c| c.is_uppercase()) => {
            format!("S{rest}")
        }
        _ => seg.to_string(),
    }
}

/// The code segments of a symbol (`QĐ`, `BXD` of `2/QĐ-BXD`) with look-alike glyphs fixed:
/// Icelandic eth, digits in a legislature's code, a letter read twice (`QĐĐ`, `BGTVTT`), a
/// pen's stem read as an `I` before the letter it belongs to (`HIDLN`: the stem of the `D`),
/// a small letter shaped as its capital (`BxD`), a `Q` read as `O` or `G` (`NGLT`), a kind
/// code that lost the stroke of its `Đ`. `kind_first`: the first segment is the kind
/// code (`QĐ`), else every segment is a body's. `None` when a segment is no code.
fn fix_codes(parts: &[&str], kind_first: bool) -> Option<Vec<String>> {
    let mut out = Vec::with_capacity(parts.len());
    for (k, p) in parts.iter().enumerate() {
        let p = fix_code_digits(&p.replace('Ð', "Đ").replace('ð', "đ"));
        if !is_code_segment(&p) || p.chars().any(|c| !c.is_alphanumeric()) {
            return None;
        }
        let kind = k == 0 && kind_first;
        // a letter's symbol has no kind code: its first code is its issuer's ("UBND-XD")
        let known = |c: &str| is_body_code(c) || kind && is_doc_code(c);
        if !known(&p) {
            let chars: Vec<char> = p.chars().collect();
            let without = |at: usize| -> String {
                chars
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != at)
                    .map(|(_, c)| c)
                    .collect()
            };
            // a letter read twice ("QĐĐ", "BGTVTT"), the second time small ("UuBND"): the
            // kind or body code it doubles
            let twice = |a: char, b: char| a == b || b.is_lowercase() && b.to_uppercase().eq([a]);
            let once = chars
                .windows(2)
                .position(|w| twice(w[0], w[1]))
                .map(|i| without(i + 1));
            // the left stem of a capital read apart as an "I" ("HIDLN" for "HDLN", "NQILT"
            // for "NQLT"): the capitals drawn with one
            let stem = chars
                .windows(2)
                .position(|w| {
                    w[0] == 'I'
                        && matches!(
                            w[1],
                            'B' | 'D' | 'Đ' | 'E' | 'F' | 'H' | 'K' | 'L' | 'M' | 'N' | 'P' | 'R'
                        )
                })
                .map(without);
            // a Q whose tail the scan lost or blurred, read as O or G ("NOLT", "NGLT" for
            // "NQLT"), when that one letter makes a known code
            let tail = chars
                .iter()
                .enumerate()
                .filter(|&(_, &c)| matches!(c, 'O' | 'G'))
                .map(|(at, _)| {
                    let mut q = chars.clone();
                    q[at] = 'Q';
                    q.into_iter().collect::<String>()
                })
                .find(|o| known(o));
            // a small letter that looks like its capital ("BxD" for "BXD"): c o s v w x z
            let look_alike = |c: char| matches!(c, 'c' | 'o' | 's' | 'v' | 'w' | 'x' | 'z');
            let raised: String = p
                .chars()
                .map(|c| {
                    if look_alike(c) {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            let capital = (raised != p).then_some(raised);
            if let Some(fixed) = once
                .into_iter()
                .chain(stem)
                .chain(capital)
                .chain(tail)
                .find(|o| known(o))
            {
                out.push(fixed);
                continue;
            }
        }
        if kind && !is_doc_code(&p) && p.contains('D') {
            // a kind code that lost the stroke of its Đ (QD, ND, CD, DA)
            let stroked = p.replace('D', "Đ");
            if is_doc_code(&stroked) && !matches!(p.as_str(), "HD") {
                out.push(stroked);
                continue;
            }
        }
        out.push(p);
    }
    Some(out)
}

/// `s` with each "." that stands between two known codes (kind or body: `NĐ.CP`) made the
/// "-" it was printed as: a low-resolution scan's hyphen is a short blot, read as a stop;
/// one beside the hyphen (`NĐ.-CP`), a speck, dropped.
fn dotted_codes(s: &str) -> String {
    if !s.contains('.') {
        return s.to_string();
    }
    let known = |c: &str| {
        let c = c.replace('Ð', "Đ");
        is_doc_code(&c) || is_body_code(&c)
    };
    let pieces: Vec<&str> = s.split('.').collect();
    let mut out = String::with_capacity(s.len());
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            let before = pieces[k - 1];
            // a speck beside the separator: the codes on its far side
            let beside = before.ends_with(['/', '-']) || piece.starts_with(['/', '-']);
            let left = before
                .trim_end_matches(['/', '-'])
                .rsplit(['/', '-'])
                .next();
            let right = piece
                .trim_start_matches(['/', '-'])
                .split(['/', '-'])
                .next();
            let codes = known(left.unwrap_or("")) && known(right.unwrap_or(""));
            match (codes, beside) {
                (true, true) => {}
                (true, false) => out.push('-'),
                _ => out.push('.'),
            }
        }
        out.push_str(piece);
    }
    out
}

/// The codes of a symbol whose number stands apart, read after its "/" (`Số: 2 /QĐĐ-BXD`,
/// the number written in by hand): `core` is what follows the "/", corrected as
/// [`fix_symbol`] corrects the codes; `None` when it is no run of codes or needs nothing.
pub fn fix_code_tail(core: &str) -> Option<String> {
    let dotted = dotted_codes(core);
    let parts: Vec<&str> = dotted.split('-').collect();
    if parts.len() > 5 {
        return None;
    }
    let fixed = fix_codes(&parts, true)?.join("-");
    (fixed != core).then_some(fixed)
}

/// The corrected symbol when `core` (a token without surrounding punctuation) is a symbol with
/// look-alike glyphs; `None` when it is not a symbol or needs nothing.
pub fn fix_symbol(core: &str) -> Option<String> {
    // a fraction or division slash read for the symbol's "/" ("233⁄QĐ-TTg")
    // ("233⁄QĐ-TTg"), or beside it ("23⁄/BB-VPHC")
    let slashed = dotted_codes(
        &core
            .replace(['\u{2044}', '\u{2215}'], "/")
            .replace("//", "/"),
    );
    let parts: Vec<&str> = slashed.split(['/', '-']).collect();
    let seps: Vec<char> = slashed.chars().filter(|c| matches!(c, '/' | '-')).collect();
    if parts.len() < 2 || parts.len() > 6 {
        return None;
    }
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let serial = fix_digit_run(parts.first()?)?;
    if serial.len() > 5 {
        return None;
    }
    out.push(serial);
    let mut i = 1;
    // optional year
    if let Some(y) = parts.get(1).and_then(|p| fix_digit_run(p)) {
        if y.len() != 4 || !(y.starts_with("19") || y.starts_with("20")) {
            return None;
        }
        out.push(y);
        i = 2;
    }
    let first_code = i;
    out.extend(fix_codes(parts.get(i..)?, true)?);
    if out.len() <= first_code {
        return None;
    }
    let mut s = String::with_capacity(core.len() + 2);
    for (k, p) in out.iter().enumerate() {
        if k > 0 {
            s.push(*seps.get(k - 1)?);
        }
        s.push_str(p);
    }
    (s != core).then_some(s)
}

/// A time `11h30` (hours `h` minutes) with look-alike letters in its digits: `I1h30` → `11h30`.
pub fn fix_time(core: &str) -> Option<String> {
    let (h, m) = core.split_once('h')?;
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let h = fix_digit_run(h)?;
    let m = if m.is_empty() {
        String::new()
    } else {
        fix_digit_run(m)?
    };
    let hours: u32 = h.parse().ok()?;
    let minutes: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
    let s = format!("{h}h{m}");
    (hours < 24 && minutes < 60 && s != core).then_some(s)
}

/// A technical standard or regulation code `QCVN 122:2024/BGTVT`, `TCVN 5574:2018` with
/// look-alike letters in its number: `QCVNI22:2024/BGTVT` → `QCVN122:2024/BGTVT`.
pub fn fix_standard(core: &str) -> Option<String> {
    let (code, rest) = ["QCVN", "TCVN"]
        .iter()
        .find_map(|c| core.strip_prefix(c).map(|r| (*c, r)))?;
    let (num, tail) = rest.split_once(':')?;
    let fixed = fix_digit_run(num)?;
    let s = format!("{code}{fixed}:{tail}");
    (s != core).then_some(s)
}

/// A date token `d/m/yyyy` (also with `.` or `-`), letters read for digits fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTok {
    pub day: u32,
    pub month: u32,
    pub year: u32,
    /// the printed day and month with digits fixed
    dm: String,
}

impl DateTok {
    pub fn parse(core: &str) -> Option<DateTok> {
        let sep = core.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
        let mut it = core.split(sep);
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some()
            || d.chars().count() > 2
            || m.chars().count() > 2
            || y.chars().count() != 4
        {
            return None;
        }
        let (d, m, y) = (fix_digit_run(d)?, fix_digit_run(m)?, fix_digit_run(y)?);
        let day: u32 = d.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        let year: u32 = y.parse().ok()?;
        ((1..=31).contains(&day) && (1..=12).contains(&month)).then(|| DateTok {
            day,
            month,
            year,
            dm: format!("{d}{sep}{m}{sep}"),
        })
    }

    pub fn render(&self, year: u32) -> String {
        format!("{}{year}", self.dm)
    }
}

/// The earliest year of a Vietnamese state document.
pub const MIN_YEAR: u32 = 1945;

/// A replacement for `year` when it cannot be the year of a date in a text whose other dates
/// have the years `others`: before 1945, or more than ten years after the latest other year.
/// The replacement is one digit away and is itself one of `others` (the most frequent when
/// several are); `None` when the year is plausible or nothing qualifies.
pub fn fix_year(year: u32, others: &[u32]) -> Option<u32> {
    let latest = others
        .iter()
        .copied()
        .filter(|y| (MIN_YEAR..=2100).contains(y))
        .max();
    let ceiling = latest.map_or(2100, |l| l + 10);
    if (MIN_YEAR..=ceiling).contains(&year) {
        return None;
    }
    let digits = format!("{year:04}");
    let mut cands: Vec<(u32, usize)> = Vec::new();
    for &y in others {
        let yd = format!("{y:04}");
        let diff = digits
            .chars()
            .zip(yd.chars())
            .filter(|(a, b)| a != b)
            .count();
        if diff != 1 || !(MIN_YEAR..=ceiling).contains(&y) {
            continue;
        }
        match cands.iter_mut().find(|(c, _)| *c == y) {
            Some((_, n)) => *n += 1,
            None => cands.push((y, 1)),
        }
    }
    let top = cands.iter().map(|&(_, n)| n).max()?;
    let mut best = cands.iter().filter(|&&(_, n)| n == top);
    let (y, _) = *best.next()?;
    best.next().is_none().then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eth_is_d_with_stroke() {
        assert_eq!(fix_eth("NÐ-CP").as_deref(), Some("NĐ-CP"));
        assert_eq!(fix_eth("ÐIỀU").as_deref(), Some("ĐIỀU"));
        assert_eq!(fix_eth("điều"), None);
    }

    #[test]
    fn codes_read_after_a_number_that_stands_apart() {
        assert_eq!(fix_code_tail("QĐĐ-BXD").as_deref(), Some("QĐ-BXD"));
        // read twice, the second time small; a letter's issuer where the kind would stand
        assert_eq!(fix_code_tail("UuBND-XD").as_deref(), Some("UBND-XD"));
        assert_eq!(fix_code_tail("QĐ-BGTVTt").as_deref(), Some("QĐ-BGTVT"));
        assert_eq!(fix_code_tail("UBND-XD"), None);
        assert_eq!(
            fix_code_tail("HIDLN-BCA-BQP").as_deref(),
            Some("HDLN-BCA-BQP")
        );
        assert_eq!(fix_code_tail("QD-UBND").as_deref(), Some("QĐ-UBND"));
        assert_eq!(fix_code_tail("QĐ-BxD").as_deref(), Some("QĐ-BXD"));
        // a low-resolution scan: a Q without its tail, the stem of an L read apart
        assert_eq!(fix_code_tail("NGLT-CP").as_deref(), Some("NQLT-CP"));
        assert_eq!(fix_code_tail("NOLT-CP").as_deref(), Some("NQLT-CP"));
        assert_eq!(fix_code_tail("NQILT-CP").as_deref(), Some("NQLT-CP"));
        // an O or G whose Q makes no known code stays
        assert_eq!(fix_code_tail("QĐ-GOX"), None);
        // a hyphen read as a stop between two codes
        assert_eq!(fix_code_tail("QĐ.UBND").as_deref(), Some("QĐ-UBND"));
        assert_eq!(fix_code_tail("QĐ.XYZ"), None);
        // a code written with a small letter stays ("TTg"), as does one no capital makes known
        assert_eq!(fix_code_tail("QĐ-TTg"), None);
        assert_eq!(fix_code_tail("QĐ-Sxy"), None);
        assert_eq!(fix_code_tail("QĐ-BXD"), None);
        // words, and codes no rule reaches, are left as read
        assert_eq!(fix_code_tail("Quyết-định"), None);
        assert_eq!(fix_code_tail("XYZ-ABC"), None);
        assert_eq!(fix_code_tail("IB-UBND"), None);
    }

    #[test]
    fn symbols_with_look_alike_glyphs() {
        // the stem of a capital read apart, in a whole symbol too
        assert_eq!(
            fix_symbol("4/HIDLN-BCA-BQP").as_deref(),
            Some("4/HDLN-BCA-BQP")
        );
        assert_eq!(
            fix_symbol("181/2024/NÐ-CP").as_deref(),
            Some("181/2024/NĐ-CP")
        );
        assert_eq!(
            fix_symbol("38/2019/QÐ-UBND").as_deref(),
            Some("38/2019/QĐ-UBND")
        );
        assert_eq!(
            fix_symbol("38/2019/QD-UBND").as_deref(),
            Some("38/2019/QĐ-UBND")
        );
        assert_eq!(fix_symbol("2O-NQ/TW").as_deref(), Some("20-NQ/TW"));
        // a hyphen read as a stop between two known codes; a stop elsewhere stays
        assert_eq!(fix_symbol("7/2025/NĐ.CP").as_deref(), Some("7/2025/NĐ-CP"));
        assert_eq!(fix_symbol("2025/NĐ.CP").as_deref(), Some("2025/NĐ-CP"));
        assert_eq!(fix_symbol("2025/NĐ.-CP").as_deref(), Some("2025/NĐ-CP"));
        assert_eq!(fix_symbol("71/NĐ-.CP").as_deref(), Some("71/NĐ-CP"));
        assert_eq!(fix_symbol("12/NĐ.ab"), None);
        assert_eq!(
            fix_symbol("173/2024/QHI5").as_deref(),
            Some("173/2024/QH15")
        );
        assert_eq!(fix_symbol("212/5CT-QLCN").as_deref(), Some("212/SCT-QLCN"));
        assert_eq!(
            fix_symbol("235\u{2044}QĐ-TTg").as_deref(),
            Some("235/QĐ-TTg")
        );
        assert_eq!(fix_symbol("1\u{2215}2"), None);
        assert_eq!(fix_symbol("55/2024/OHI5").as_deref(), Some("55/2024/QH15"));
        assert_eq!(fix_symbol("35⁄2024/0H15").as_deref(), Some("35/2024/QH15"));
        assert_eq!(
            fix_symbol("47/2024/TT-BGTVTT").as_deref(),
            Some("47/2024/TT-BGTVT")
        );
        // a unit's code is not a body's: left as read
        assert_eq!(fix_symbol("787/C06-PP3"), None);
        assert_eq!(
            fix_symbol("105/2025/UBTVOH15").as_deref(),
            Some("105/2025/UBTVQH15")
        );
        // "OH" without a number is left alone
        assert_eq!(fix_symbol("12/OH-ABC"), None);
        assert_eq!(fix_symbol("35/2024/QH15"), None);
        assert_eq!(
            fix_symbol("l81/2O24/NĐ-CP").as_deref(),
            Some("181/2024/NĐ-CP")
        );
        assert_eq!(fix_symbol("3686/UBND-XD"), None);
        assert_eq!(fix_symbol("20-NQ/TW"), None);
        assert_eq!(fix_symbol("42/2024/QH15"), None);
        // HD is itself a kind code (Hướng dẫn): not turned into HĐ
        assert_eq!(fix_symbol("05/HD-BCĐ"), None);
        // no real digit: not a number, left alone
        assert_eq!(fix_symbol("lO/NQ-CP"), None);
        // ordinary words and dates are not symbols
        assert_eq!(fix_symbol("Hợp-tác"), None);
        assert_eq!(fix_symbol("14/7/2026"), None);
        assert_eq!(fix_symbol("2021-2025"), None);
    }

    #[test]
    fn times_and_standards() {
        assert_eq!(fix_time("I1h30").as_deref(), Some("11h30"));
        assert_eq!(fix_time("9h3O").as_deref(), Some("9h30"));
        assert_eq!(fix_time("11h30"), None);
        assert_eq!(fix_time("29h30"), None);
        assert_eq!(fix_time("Ih"), None);
        assert_eq!(
            fix_standard("QCVNI22:2024/BGTVT").as_deref(),
            Some("QCVN122:2024/BGTVT")
        );
        assert_eq!(fix_standard("QCVN122:2024/BGTVT"), None);
        assert_eq!(fix_standard("QCVN"), None);
    }

    #[test]
    fn dates_parse_and_validate() {
        let d = DateTok::parse("14/7/2096").unwrap();
        assert_eq!((d.day, d.month, d.year), (14, 7, 2096));
        assert_eq!(d.render(2026), "14/7/2026");
        assert_eq!(
            DateTok::parse("3l/12/2025").unwrap().render(2025),
            "31/12/2025"
        );
        assert!(DateTok::parse("32/7/2026").is_none());
        assert!(DateTok::parse("14/13/2026").is_none());
        assert!(DateTok::parse("14/7/26").is_none());
    }

    #[test]
    fn years_fixed_only_with_evidence() {
        // 2096 in a text of 2026: one digit from 2026, printed elsewhere
        assert_eq!(fix_year(2096, &[2026, 2026, 2024]), Some(2026));
        // plausible years stay, including a deadline a few years ahead
        assert_eq!(fix_year(2030, &[2026]), None);
        assert_eq!(fix_year(1998, &[2026]), None);
        // implausible but no year one digit away in the text: unchanged
        assert_eq!(fix_year(2096, &[2019]), None);
        assert_eq!(fix_year(2096, &[]), None);
        // before 1945
        assert_eq!(fix_year(1020, &[2020]), Some(2020));
        // two candidates equally attested: no evidence to choose
        assert_eq!(fix_year(2096, &[2016, 2026]), None);
    }
}
