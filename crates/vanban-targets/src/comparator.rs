//! Comparator reader: the words around a number that say whether it is a floor, a ceiling,
//! an estimate or an exact goal.

use crate::text::{ends_with_word, skip_spaces, skip_spaces_back, word_at};

/// How a goal's value is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// Exactly (the default).
    Eq,
    /// At least: "ít nhất", "tối thiểu", "trên", "hơn", "không dưới", "từ … trở lên".
    Min,
    /// At most: "không quá", "dưới", "tối đa".
    Max,
    /// About: "khoảng", "gần", "xấp xỉ".
    Approx,
    /// Between two bounds.
    Range,
}

impl Cmp {
    /// The contract's name.
    ///
    /// ```
    /// assert_eq!(vanban_targets::comparator::Cmp::Min.as_str(), "min");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Cmp::Eq => "eq",
            Cmp::Min => "min",
            Cmp::Max => "max",
            Cmp::Approx => "approx",
            Cmp::Range => "range",
        }
    }
}

/// Cue phrases before a number, longest first within a family ("không dưới" before "dưới").
const BEFORE: &[(&str, Cmp)] = &[
    ("trên dưới", Cmp::Approx),
    ("xấp xỉ", Cmp::Approx),
    ("khoảng chừng", Cmp::Approx),
    ("khoảng", Cmp::Approx),
    ("chừng", Cmp::Approx),
    ("gần", Cmp::Approx),
    ("xung quanh", Cmp::Approx),
    ("không dưới", Cmp::Min),
    ("không ít hơn", Cmp::Min),
    ("không thấp hơn", Cmp::Min),
    ("không vượt quá", Cmp::Max),
    ("không quá", Cmp::Max),
    ("không cao hơn", Cmp::Max),
    ("không lớn hơn", Cmp::Max),
    ("không hơn", Cmp::Max),
    ("không vượt", Cmp::Max),
    ("ít nhất", Cmp::Min),
    ("tối thiểu", Cmp::Min),
    ("thấp nhất", Cmp::Min),
    ("tối đa", Cmp::Max),
    ("nhiều nhất", Cmp::Max),
    ("cao nhất", Cmp::Max),
    ("ít hơn", Cmp::Max),
    ("thấp hơn", Cmp::Max),
    ("dưới", Cmp::Max),
    ("vượt trên", Cmp::Min),
    ("cao hơn", Cmp::Min),
    ("lớn hơn", Cmp::Min),
    ("nhiều hơn", Cmp::Min),
    ("hơn", Cmp::Min),
    ("trên", Cmp::Min),
    ("vượt", Cmp::Min),
];

/// Symbols before a number ("≥ 80%").
const SYMBOLS: &[(&str, Cmp)] = &[
    ("≥", Cmp::Min),
    (">=", Cmp::Min),
    (">", Cmp::Min),
    ("≤", Cmp::Max),
    ("<=", Cmp::Max),
    ("<", Cmp::Max),
    ("≈", Cmp::Approx),
    ("~", Cmp::Approx),
];

/// Words allowed between a cue and the number: "ít nhất là 50%", "trên mức 90%".
const GLUE: &[&str] = &["là", "mức", "ở mức", "con số", "đạt"];

/// Read the comparator written just before byte `i` (the first digit) of the folded text.
/// Returns the cue and where it starts.
///
/// ```
/// use vanban_targets::comparator::{cue_before, Cmp};
/// let s = "có ít nhất 50%";
/// assert_eq!(cue_before(s, s.find('5').unwrap()).map(|c| c.0), Some(Cmp::Min));
/// assert_eq!(cue_before("có 50%", 3), None);
/// ```
pub fn cue_before(low: &str, i: usize) -> Option<(Cmp, usize)> {
    let mut at = skip_spaces_back(low, i);
    for (sym, c) in SYMBOLS {
        if low.get(..at).is_some_and(|h| h.ends_with(sym)) {
            return Some((*c, at - sym.len()));
        }
    }
    // "từ 50% trở lên" is read after the number; a bare "từ" before a single number is a floor.
    if let Some(st) = ends_with_word(low, at, "từ") {
        at = st;
        if let Some(r) = plain_cue(low, at) {
            return Some(r);
        }
        return Some((Cmp::Min, st));
    }
    if let Some(r) = plain_cue(low, at) {
        return Some(r);
    }
    for g in GLUE {
        if let Some(st) = ends_with_word(low, at, g) {
            if let Some(r) = plain_cue(low, st) {
                return Some(r);
            }
        }
    }
    None
}

fn plain_cue(low: &str, at: usize) -> Option<(Cmp, usize)> {
    for (w, c) in BEFORE {
        // The table lists "không dưới" before "dưới", so the longer cue wins.
        if let Some(st) = ends_with_word(low, at, w) {
            return Some((*c, st));
        }
    }
    None
}

/// Read a comparator written after the amount ending at byte `j`: "trở lên" (min),
/// "trở xuống" (max). Returns it with the end of the cue.
///
/// ```
/// use vanban_targets::comparator::{cue_after, Cmp};
/// assert_eq!(cue_after("50% trở lên", 3).map(|c| c.0), Some(Cmp::Min));
/// ```
pub fn cue_after(low: &str, j: usize) -> Option<(Cmp, usize)> {
    let k = skip_spaces(low, j);
    for (w, c) in [("trở lên", Cmp::Min), ("trở xuống", Cmp::Max)] {
        if word_at(low, k, w) {
            return Some((c, k + w.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(s: &str) -> Cmp {
        let low = crate::text::fold(s);
        let i = low.find(|c: char| c.is_ascii_digit()).unwrap();
        cue_before(&low, i).map_or(Cmp::Eq, |c| c.0)
    }

    #[test]
    fn families() {
        assert_eq!(cmp("đạt ít nhất 29%"), Cmp::Min);
        assert_eq!(cmp("tối thiểu 30%"), Cmp::Min);
        assert_eq!(cmp("có trên 100 hợp tác xã"), Cmp::Min);
        assert_eq!(cmp("hơn 50 mô hình"), Cmp::Min);
        assert_eq!(cmp("không dưới 70%"), Cmp::Min);
        assert_eq!(cmp("không quá 5%"), Cmp::Max);
        assert_eq!(cmp("dưới 3%"), Cmp::Max);
        assert_eq!(cmp("tối đa 10 ngày"), Cmp::Max);
        assert_eq!(cmp("không vượt quá 2%"), Cmp::Max);
        assert_eq!(cmp("khoảng 3.000"), Cmp::Approx);
        assert_eq!(cmp("gần 200"), Cmp::Approx);
        assert_eq!(cmp("xấp xỉ 40%"), Cmp::Approx);
        assert_eq!(cmp("trên dưới 40%"), Cmp::Approx);
        assert_eq!(cmp("≥ 80%"), Cmp::Min);
        assert_eq!(cmp("ít nhất là 50%"), Cmp::Min);
        assert_eq!(cmp("là 80%"), Cmp::Eq);
        assert_eq!(cmp("đạt 100%"), Cmp::Eq);
        assert_eq!(cmp("tăng 1,5 lần"), Cmp::Eq);
        assert_eq!(cmp("từ 50%"), Cmp::Min);
    }

    #[test]
    fn after() {
        assert_eq!(cue_after("20 trở lên", 2).map(|c| c.0), Some(Cmp::Min));
        assert_eq!(cue_after("20 trở xuống", 2).map(|c| c.0), Some(Cmp::Max));
        assert_eq!(cue_after("20 hợp tác xã", 2), None);
    }
}
