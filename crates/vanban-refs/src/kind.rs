//! Kinds of documents ("Nghị quyết", "Quyết định", …) and how a citation names them.

use crate::issuer::prefix_ci;

/// Kinds of cited documents, longest first so that "Chương trình hành động" wins over
/// "Chương trình".
pub const KINDS: &[&str] = &[
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Chương trình hành động",
    "Thông báo kết luận",
    "Chương trình",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
    "Kết luận",
    "Thông báo",
    "Kế hoạch",
    "Đề án",
    "Công văn",
    "Văn bản",
    "Hướng dẫn",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Hiến pháp",
    "Quy định",
    "Quy chế",
    "Báo cáo",
    "Tờ trình",
    "Công điện",
    "Thông tri",
    "Điều lệ",
    "Lệnh",
    "Biên bản",
    "Giấy chứng nhận",
    "Giấy phép",
    "Phiếu chuyển",
    "Hiệp định",
];

/// Match `pat` (any case, single spaces) case-insensitively as a whole word ending at
/// the end of `s`; whitespace runs in `s` match one space. Returns the byte start.
pub(crate) fn suffix_ci(s: &str, pat: &str) -> Option<usize> {
    let mut it = s.char_indices().rev().peekable();
    let mut start = s.len();
    for h in pat.chars().rev() {
        if h == ' ' {
            let mut any = false;
            while let Some(&(i, c)) = it.peek() {
                if c.is_whitespace() {
                    any = true;
                    start = i;
                    it.next();
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, c) = it.next()?;
        if c != h && crate::issuer::lc(c) != crate::issuer::lc(h) {
            return None;
        }
        start = i;
    }
    if it.peek().is_some_and(|&(_, c)| c.is_alphanumeric()) {
        return None;
    }
    Some(start)
}

/// What precedes a symbol: the kind word (and "số") that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// Byte offset where the mention starts (the kind word, else the symbol).
    pub start: usize,
    /// The kind, in canonical spelling.
    pub kind: Option<&'static str>,
    /// True when only "Số:"/"Số" opens the line: the header of the document itself.
    pub header: bool,
    /// True when the number is a form's or an appendix's ("Mẫu số", "Biểu số").
    pub form: bool,
}

/// Look back from a symbol at byte `at` for "<kind> [số]".
///
/// ```
/// let t = "theo Nghị quyết số 20-NQ/TW";
/// let l = vanban_refs::kind::lead(t, t.find('2').unwrap());
/// assert_eq!((l.start, l.kind), (5, Some("Nghị quyết")));
/// ```
pub fn lead(text: &str, at: usize) -> Lead {
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let win = text.get(from..at).unwrap_or_default();
    let trimmed = win.trim_end();
    let mut so_at = None;
    let mut rest = trimmed;
    for so in ["số:", "số"] {
        if let Some(s) = suffix_ci(rest, so) {
            so_at = Some(s);
            rest = rest.get(..s).unwrap_or_default().trim_end();
            break;
        }
    }
    for k in KINDS {
        if let Some(s) = suffix_ci(rest, k) {
            // "pháp luật" is law in general; the kind "Luật" is written with a capital
            if *k == "Luật" && !rest.get(s..).is_some_and(|r| r.starts_with('L')) {
                continue;
            }
            return Lead {
                start: from + s,
                kind: Some(k),
                header: false,
                form: false,
            };
        }
    }
    // "Số: 251/KH-UBND" heading the document
    // "Mẫu số 02/BC-SKHĐT", "Biểu số …", "Phụ lục số …" number forms, not documents
    let form = so_at.is_some_and(|s| {
        let before = trimmed.get(..s).unwrap_or_default().trim_end();
        ["mẫu", "biểu", "biểu mẫu", "phụ lục", "mã", "tài khoản"]
            .iter()
            .any(|w| suffix_ci(before, w).is_some())
    });
    let header = so_at.is_some_and(|s| {
        let before = trimmed.get(..s).unwrap_or_default();
        let line_head = before.rsplit('\n').next().unwrap_or_default();
        line_head
            .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#')
            .is_empty()
            && (before.contains('\n') || from == 0)
    });
    Lead {
        start: at,
        kind: None,
        header,
        form,
    }
}

/// Canonical spelling of a kind printed at the start of `s` (any case).
pub fn kind_at(s: &str) -> Option<(&'static str, usize)> {
    KINDS.iter().find_map(|k| prefix_ci(s, k).map(|n| (*k, n)))
}

/// The family of a kind for matching short forms: "Chương trình hành động" and
/// "Chương trình" are one family.
pub fn family(kind: &str) -> &str {
    kind.strip_suffix(" hành động")
        .or_else(|| kind.strip_suffix(" liên tịch"))
        .unwrap_or(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(t: &str) -> Option<&'static str> {
        let at = t.find(|c: char| c.is_ascii_digit()).unwrap();
        lead(t, at).kind
    }

    #[test]
    fn kinds() {
        assert_eq!(k("Căn cứ Nghị quyết số 20-NQ/TW"), Some("Nghị quyết"));
        assert_eq!(
            k("Chương trình hành động số 34-CTr/TU"),
            Some("Chương trình hành động")
        );
        assert_eq!(k("Thông tư 28/2018/TT-BTC"), Some("Thông tư"));
        assert_eq!(
            k("Thông tư liên tịch số 01/2015/TTLT-BKHĐT-BTC"),
            Some("Thông tư liên tịch")
        );
        assert_eq!(k("tại nghị quyết số 09/NQ-CP"), Some("Nghị quyết"));
        assert_eq!(
            k("Nghị quyết số Nghị quyết số 20-NQ/TW"),
            Some("Nghị quyết")
        );
        assert_eq!(k("Quyết định\nsố 340/QĐ-TTg"), Some("Quyết định"));
    }

    #[test]
    fn no_kind() {
        assert_eq!(k("theo 09/NQ-CP"), None);
        assert_eq!(k("Tổng cục số 5/QĐ"), None);
        assert_eq!(k("theo pháp luật số 5/QĐ-X"), None);
        let t = "**UBND**\nSố: 251 /KH-UBND";
        assert!(lead(t, t.find('2').unwrap()).header);
        let t = "Trích yếu số 251/KH-UBND";
        assert!(!lead(t, t.find('2').unwrap()).header);
        let t = "theo Biểu số 02/BC-SKHĐT";
        assert!(lead(t, t.find('0').unwrap()).form);
    }

    #[test]
    fn families() {
        assert_eq!(family("Chương trình hành động"), "Chương trình");
        assert_eq!(family("Nghị quyết"), "Nghị quyết");
    }
}
