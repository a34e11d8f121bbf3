//! Dates as Vietnamese documents print them: `16/6/2022`, `16-6-2022`, `16.6.2022`,
//! `02 tháng 02 năm 2023`, `20 / 10/2023`, with or without a leading `ngày`
//! (also glued: `ngày12/3/2019`). A month without a day (`tháng 11/2022`) is no date.

/// Skip spaces, tabs and at most one line break.
pub(crate) fn skip_ws(s: &str) -> usize {
    let mut n = 0;
    let mut newlines = 0;
    for c in s.chars() {
        match c {
            ' ' | '\t' | '\u{a0}' => n += c.len_utf8(),
            '\n' if newlines == 0 => {
                newlines += 1;
                n += 1
            }
            _ => break,
        }
    }
    n
}

fn digits(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s.get(..n)?.parse().ok()?, n))
}

/// Strip a case-insensitive ASCII-or-Vietnamese word prefix, returning the rest.
pub(crate) fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    if head == word || head.to_lowercase() == word.to_lowercase() {
        s.get(word.len()..)
    } else {
        None
    }
}

fn valid(d: u32, m: u32, y: u32) -> Option<String> {
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) || !(1900..=2100).contains(&y) {
        return None;
    }
    let max = match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (d <= max).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Parse a bare date at the start of `s` (no `ngày`): returns ISO date and bytes consumed.
///
/// ```
/// let s = "02 tháng 02 năm 2023 của";
/// let (iso, n) = vanban_refs::date::parse_bare_date(s).unwrap();
/// assert_eq!((iso.as_str(), &s[n..]), ("2023-02-02", " của"));
/// ```
pub fn parse_bare_date(s: &str) -> Option<(String, usize)> {
    let (d, n1) = digits(s, 2)?;
    let mut i = n1;
    let after = s.get(i..)?;
    // "dd tháng mm năm yyyy"
    let ws = skip_ws(after);
    if let Some(r) = after.get(ws..).and_then(|r| strip_word(r, "tháng")) {
        let j = i + ws + "tháng".len();
        let r2 = s.get(j..)?;
        let w = skip_ws(r2);
        let _ = r;
        let (m, n2) = digits(r2.get(w..)?, 2)?;
        let k = j + w + n2;
        let r3 = s.get(k..)?;
        let w3 = skip_ws(r3);
        let r4 = strip_word(r3.get(w3..)?, "năm")?;
        let k2 = k + w3 + "năm".len();
        let w4 = skip_ws(r4);
        let (y, n3) = digits(r4.get(w4..)?, 4)?;
        if n3 != 4 {
            return None;
        }
        return valid(d, m, y).map(|iso| (iso, k2 + w4 + n3));
    }
    // "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", spaces around separators tolerated
    let sep = |s: &str| -> Option<usize> {
        let w = s.bytes().take_while(|b| *b == b' ').count();
        let c = s.get(w..)?.chars().next()?;
        if matches!(c, '/' | '-' | '.' | '–') {
            let after = w + c.len_utf8();
            let w2 = s.get(after..)?.bytes().take_while(|b| *b == b' ').count();
            (w <= 1 && w2 <= 1).then_some(after + w2)
        } else {
            None
        }
    };
    i += sep(s.get(i..)?)?;
    let (m, n2) = digits(s.get(i..)?, 2)?;
    i += n2;
    i += sep(s.get(i..)?)?;
    let (y, n3) = digits(s.get(i..)?, 4)?;
    if n3 != 4 {
        return None;
    }
    i += n3;
    // not followed by more digits or another separator+digit (e.g. a phone or code)
    if s.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    valid(d, m, y).map(|iso| (iso, i))
}

/// Parse `ngày <date>` or a bare date at the start of `s`.
///
/// ```
/// use vanban_refs::date::parse_date;
/// assert_eq!(parse_date("ngày12/3/2019 của").map(|d| d.0), Some("2019-03-12".to_string()));
/// assert_eq!(parse_date("tháng 11/2022"), None);
/// ```
pub fn parse_date(s: &str) -> Option<(String, usize)> {
    if let Some(r) = strip_word(s, "ngày") {
        let base = s.len() - r.len();
        let w = skip_ws(r);
        let (iso, n) = parse_bare_date(r.get(w..)?)?;
        return Some((iso, base + w + n));
    }
    parse_bare_date(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|x| x.0)
    }

    #[test]
    fn forms() {
        assert_eq!(d("ngày 16/6/2022").as_deref(), Some("2022-06-16"));
        assert_eq!(d("16-6-2022").as_deref(), Some("2022-06-16"));
        assert_eq!(d("16.6.2022").as_deref(), Some("2022-06-16"));
        assert_eq!(
            d("ngày 02 tháng 02 năm 2023").as_deref(),
            Some("2023-02-02")
        );
        assert_eq!(d("Ngày 2 tháng 2 năm 2023").as_deref(), Some("2023-02-02"));
        assert_eq!(d("ngày 20 / 10/2023").as_deref(), Some("2023-10-20"));
        assert_eq!(d("ngày12/3/2019").as_deref(), Some("2019-03-12"));
        assert_eq!(d("03 tháng 02 năm 2021 của").as_deref(), Some("2021-02-03"));
    }

    #[test]
    fn consumed_length() {
        let s = "ngày 16/6/2022 của Bộ";
        let (_, n) = parse_date(s).unwrap();
        assert_eq!(&s[n..], " của Bộ");
    }

    #[test]
    fn not_dates() {
        assert_eq!(d("tháng 11/2022"), None);
        assert_eq!(d("2021-2025"), None);
        assert_eq!(d("ngày 32/1/2020"), None);
        assert_eq!(d("ngày 29/2/2021"), None);
        assert_eq!(d("ngày 10/2020"), None);
        assert_eq!(d("0297-3862-1234"), None);
        assert_eq!(d("70% - 85%"), None);
        assert_eq!(d("Điều 5"), None);
    }
}
