//! Small string helpers shared by the table and task readers.

/// Collapse every run of whitespace (line breaks and page markers included) into one
/// space and trim.
///
/// ```
/// assert_eq!(vanban_tables::text::clean("  a \n\u{c} b  "), "a b");
/// ```
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True when the first letter of `s` (after leading whitespace and opening quotes) is uppercase.
pub fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase())
}

/// True when the first letter of `s` is lowercase.
pub fn starts_lower(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// Lowercase and collapse whitespace: the key used to compare header cells.
pub fn key(s: &str) -> String {
    clean(s).to_lowercase()
}

/// `s[a..b]`, or `""` when the range is not on char boundaries.
pub fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

/// `s[a..]`, or `""` when `a` is not on a char boundary.
pub fn from(s: &str, a: usize) -> &str {
    s.get(a..).unwrap_or("")
}

/// Case-insensitive prefix test where any whitespace run in `hay` matches one space in
/// `needle_lower` (already lowercase). Returns the byte length consumed in `hay` when the
/// match ends on a word boundary.
pub fn prefix_ci(hay: &str, needle_lower: &str) -> Option<usize> {
    let mut h = hay.char_indices().peekable();
    for nc in needle_lower.chars() {
        if nc == ' ' {
            let mut any = false;
            while let Some(&(_, c)) = h.peek() {
                if c.is_whitespace() {
                    any = true;
                    h.next();
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
            continue;
        }
        let (_, hc) = h.next()?;
        let mut lower = hc.to_lowercase();
        if lower.next() != Some(nc) || lower.next().is_some() {
            return None;
        }
    }
    let end = h.peek().map(|&(i, _)| i).unwrap_or(hay.len());
    if from(hay, end)
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    Some(end)
}

/// Join the physical lines of one cell: a line ending in a hyphen glued to a word
/// ("41-" + "CTr/TU") is joined without a space, other lines with one space.
pub fn join_lines<'a, I: IntoIterator<Item = &'a str>>(lines: I) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() && !glued_hyphen(&out) {
            out.push(' ');
        }
        out.push_str(l);
    }
    clean(&out)
}

/// True when `s` ends with a hyphen directly after a letter or digit ("41-").
pub fn glued_hyphen(s: &str) -> bool {
    let mut it = s.chars().rev();
    matches!(it.next(), Some('-')) && it.next().is_some_and(|c| c.is_alphanumeric())
}

/// Remove parenthetical remarks "( … )" (balanced, nested allowed) and tidy the spaces.
///
/// ```
/// assert_eq!(vanban_tables::text::drop_parens("Sở Y tế (phụ trách chỉ tiêu 2)"), "Sở Y tế");
/// ```
pub fn drop_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    clean(&out)
}

/// Trim spaces and trailing separators (". , ; :") from an agency or cell value.
pub fn trim_punct(s: &str) -> &str {
    s.trim()
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .trim_start_matches(['-', '+', '•', ' ', ',', ';'])
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_ci_matches_across_line_breaks() {
        assert_eq!(
            prefix_ci("Liên minh Hợp\ntác xã tỉnh", "liên minh hợp tác xã"),
            Some("Liên minh Hợp\ntác xã".len())
        );
        assert_eq!(
            prefix_ci("Sở Nội vụ Kế", "sở nội vụ"),
            Some("Sở Nội vụ".len())
        );
        // not on a word boundary
        assert_eq!(prefix_ci("Sở Nội vụa", "sở nội vụ"), None);
        assert_eq!(prefix_ci("Sở Y", "sở y tế"), None);
    }

    #[test]
    fn join_lines_glues_split_symbols() {
        assert_eq!(
            join_lines(["Chương trình số 41-", "CTr/TU của"]),
            "Chương trình số 41-CTr/TU của"
        );
        assert_eq!(
            join_lines(["Sở Lao động -", "Thương binh"]),
            "Sở Lao động - Thương binh"
        );
    }

    #[test]
    fn parens_and_punct() {
        assert_eq!(drop_parens("A (b (c)) d"), "A d");
        assert_eq!(trim_punct(" các hợp tác xã. "), "các hợp tác xã");
        assert_eq!(trim_punct("Sở Y tế;"), "Sở Y tế");
        assert!(starts_upper("“Sở"));
        assert!(!starts_upper("sở"));
        assert!(starts_lower("tiên hỗ trợ"));
    }
}
