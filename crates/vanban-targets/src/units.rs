//! Units: "%", "%/năm", "lần", or the counted noun that follows a number.

use crate::text::{char_at, skip_spaces, word_at, word_from};

/// Counted nouns of several syllables, longest first where one is a prefix of another.
/// Data, not rules: extend freely.
const NOUNS: &[&str] = &[
    "liên hiệp hợp tác xã",
    "tổ chức kinh tế tập thể",
    "tổ chức kinh tế hợp tác",
    "hợp tác xã",
    "tổ hợp tác",
    "thành viên",
    "mô hình",
    "doanh nghiệp",
    "hộ gia đình",
    "hộ kinh doanh",
    "lao động",
    "cán bộ",
    "công chức",
    "viên chức",
    "học viên",
    "làng nghề",
    "sản phẩm",
    "chuỗi giá trị",
    "chuỗi liên kết",
    "dự án",
    "cơ sở",
    "trang trại",
    "hội viên",
    "đoàn viên",
    "việc làm",
    "tổ chức",
    "đơn vị",
    "cửa hàng",
    "siêu thị",
    "công trình",
    "héc ta",
    "giường bệnh",
    "bác sĩ",
    "lượt khách",
    "lượt người",
    "du khách",
    "nông dân",
    "người dân",
    "quỹ tín dụng nhân dân",
    "điểm bán",
    "nhãn hiệu",
    "thương hiệu",
    "vùng nguyên liệu",
    "cánh đồng lớn",
];

/// Words that follow a number without being what is counted.
const NOT_NOUNS: &[&str] = &[
    "và", "với", "của", "trên", "dưới", "đến", "tới", "trong", "theo", "là", "đã", "được", "có",
    "các", "những", "thì", "mà", "để", "từ", "so", "tại", "ở", "khi", "cho", "về", "năm", "tháng",
    "ngày", "tuần", "quý", "giờ", "phút", "giây", "sao", "thứ", "hoặc", "hay", "nhằm", "đạt",
    "chiếm", "tăng", "giảm", "trở", "nhưng", "vào", "bằng", "như", "này", "đó", "kỳ", "khóa",
    "khoá", "lần", "tuổi", "ban", "nghị", "quyết",
];

/// Scale words kept in the unit when money follows ("50 tỷ đồng").
const SCALES: &[&str] = &["nghìn tỷ", "ngàn tỷ", "nghìn", "ngàn", "triệu", "tỷ"];

/// The counted noun starting at byte `i` of the folded text: its end. `None` when what
/// follows is not a counted noun (a preposition, a time unit, punctuation).
///
/// ```
/// use vanban_targets::units::counted_noun;
/// let s = "liên hiệp hợp tác xã với";
/// assert_eq!(&s[..counted_noun(s, 0).unwrap()], "liên hiệp hợp tác xã");
/// assert_eq!(counted_noun("năm tới", 0), None);
/// ```
pub fn counted_noun(low: &str, i: usize) -> Option<usize> {
    let i = skip_spaces(low, i);
    let mut j = i;
    for s in SCALES {
        if word_at(low, j, s) {
            j = skip_spaces(low, j + s.len());
            break;
        }
    }
    if let Some(n) = NOUNS.iter().find(|n| word_at(low, j, n)) {
        return Some(j + n.len());
    }
    let (w, e) = word_from(low, j);
    if w.is_empty() || !w.chars().next().is_some_and(char::is_alphabetic) || NOT_NOUNS.contains(&w)
    {
        return None;
    }
    Some(e)
}

/// True when `w` (folded) is one of the known multi-syllable counted nouns.
pub fn is_known_noun(w: &str) -> bool {
    NOUNS.contains(&w) || matches!(w, "htx" | "tht" | "lhhtx")
}

/// "%/năm" after a percent ("8%/năm", "12%/ năm", "8% mỗi năm"): the end of the suffix.
pub fn per_year_suffix(low: &str, j: usize) -> Option<usize> {
    let k = skip_spaces(low, j);
    if char_at(low, k) == Some('/') {
        let k2 = skip_spaces(low, k + 1);
        if word_at(low, k2, "năm") {
            return Some(k2 + "năm".len());
        }
    }
    for w in ["mỗi năm", "một năm", "hàng năm", "hằng năm"] {
        if word_at(low, k, w) {
            return Some(k + w.len());
        }
    }
    None
}

/// "lần" after a number ("1,5 lần"), not "lần thứ".
pub fn times_suffix(low: &str, j: usize) -> Option<usize> {
    let k = skip_spaces(low, j);
    if word_at(low, k, "lần") {
        let k2 = skip_spaces(low, k + "lần".len());
        if !word_at(low, k2, "thứ") {
            return Some(k + "lần".len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noun(s: &str) -> Option<&str> {
        counted_noun(s, 0).map(|e| s[..e].trim())
    }

    #[test]
    fn nouns() {
        assert_eq!(noun("hợp tác xã ứng dụng"), Some("hợp tác xã"));
        assert_eq!(noun("htx điển hình"), Some("htx"));
        assert_eq!(noun("thành viên tổ hợp tác"), Some("thành viên"));
        assert_eq!(noun("tổ hợp tác với"), Some("tổ hợp tác"));
        assert_eq!(noun("tỷ đồng"), Some("tỷ đồng"));
        assert_eq!(noun("ha lúa"), Some("ha"));
        assert_eq!(noun("năm"), None);
        assert_eq!(noun("sao trở lên"), None);
        assert_eq!(noun("và"), None);
        assert_eq!(noun(", 30"), None);
    }

    #[test]
    fn suffixes() {
        assert_eq!(per_year_suffix("/năm;", 0), Some("/năm".len()));
        assert_eq!(per_year_suffix("/ năm", 0), Some("/ năm".len()));
        assert_eq!(per_year_suffix(" trở lên", 0), None);
        assert_eq!(times_suffix(" lần;", 0), Some(" lần".len()));
        assert_eq!(times_suffix(" lần thứ", 0), None);
    }
}
