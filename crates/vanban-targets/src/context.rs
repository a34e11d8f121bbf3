//! Context tracker: paragraphs and table rows of the normalized text, headings and their
//! levels, deadline years and periods ("Đến năm 2030", "giai đoạn 2021 - 2025"), and the
//! goal sections ("II. MỤC TIÊU" … up to "III. NHIỆM VỤ …").

use std::sync::OnceLock;

use regex::Regex;

use crate::text::{fold, skip_spaces_back};

/// What a block of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (possibly several physical lines when wraps were not repaired).
    Para,
    /// One `| a | b |` line of a rendered table.
    TableRow,
}

/// A block: byte range into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// First byte.
    pub start: usize,
    /// One past the last byte (line break excluded).
    pub end: usize,
    /// Kind.
    pub kind: BlockKind,
    /// For table rows: index of the `NormTable` span holding the row, when known.
    pub table: Option<usize>,
}

fn is_table_line(t: &str) -> bool {
    t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
}

/// True when a line begins with a bullet or a numbering marker ("- ", "a) ", "2.1. ", "II.").
pub fn starts_with_marker(t: &str) -> bool {
    marker_end(t).is_some()
}

fn re(pat: &str) -> Regex {
    // Patterns are literals of this crate; a failure is a programming error caught by tests.
    Regex::new(&vanban_model::ascii_digits(pat))
        .unwrap_or_else(|e| panic!("bad pattern {pat}: {e}"))
}

fn marker_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        re(r"^(?:[-+•*–—·]\s*|\(?\d{1,2}\)\s+|\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+|[a-zđA-ZĐ]\)\s+|[IVXLC]{1,7}[.)]\s*|(?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?[IVXLC\d]+[.:]?\s+)")
    })
}

/// End of the leading bullet or numbering marker of a line, if any.
///
/// ```
/// use vanban_targets::context::marker_end;
/// assert_eq!(marker_end("2.1. Mục tiêu đến năm 2025"), Some(5));
/// assert_eq!(marker_end("- Phấn đấu"), Some(2));
/// assert_eq!(marker_end("1,5 lần;"), None);
/// assert_eq!(marker_end("2025 có 116 hợp tác xã"), None);
/// ```
pub fn marker_end(t: &str) -> Option<usize> {
    let first = t.chars().next()?;
    if !(matches!(
        first,
        '-' | '+' | '•' | '*' | '–' | '—' | '·' | '(' | 'I' | 'V' | 'X' | 'L' | 'C' | 'P'
    ) || first.is_ascii_digit()
        || t[first.len_utf8()..].starts_with(')'))
    {
        return None;
    }
    let m = marker_re().find(t)?;
    let s = m.as_str();
    // "1.5 lần" is a number, not "1." + "5": a marker ends on a separator.
    if s.chars().next().is_some_and(|c| c.is_ascii_digit()) && !s.trim_end().ends_with(['.', ')']) {
        let body = s.trim_end();
        if body.contains('.') {
            // "2.1 Sở …": accepted as a numbered heading only when the next char is a letter
            let next = t.get(m.end()..).and_then(|r| r.chars().next());
            if !next.is_some_and(char::is_alphabetic) {
                return None;
            }
        } else {
            return None;
        }
    }
    Some(m.end())
}

/// Split the text into paragraphs and table rows. A physical line that continues the
/// previous one (no closing punctuation before, no marker at its start) is joined to it,
/// so that text whose PDF line wraps were not repaired still reads as paragraphs.
pub fn blocks(text: &str, table_spans: &[(usize, usize)]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut pos = 0usize;
    let mut prev_para_open = false; // last block is a paragraph that may continue
    for line in text.split('\n') {
        let ls = pos;
        pos += line.len() + 1;
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let s = ls + lead;
        let e = s + t.len();
        let span = table_spans.iter().position(|&(a, b)| a <= s && e <= b);
        if span.is_some() || is_table_line(t) {
            out.push(Block {
                start: s,
                end: e,
                kind: BlockKind::TableRow,
                table: span,
            });
            prev_para_open = false;
            continue;
        }
        if prev_para_open {
            if let Some(last) = out.last_mut() {
                let prev = &text[last.start..last.end];
                if continues(prev, t) {
                    last.end = e;
                    prev_para_open = true;
                    continue;
                }
            }
        }
        out.push(Block {
            start: s,
            end: e,
            kind: BlockKind::Para,
            table: None,
        });
        prev_para_open = true;
    }
    out
}

fn continues(prev: &str, next: &str) -> bool {
    let Some(last) = prev.trim_end().chars().next_back() else {
        return false;
    };
    if matches!(last, '.' | ';' | ':' | '!' | '?' | '”' | '"' | ')' | '*')
        && !prev.trim_end().ends_with("...")
    {
        return false;
    }
    let last_line = prev.rsplit('\n').next().unwrap_or(prev);
    if starts_with_marker(next) || is_caps_line(last_line) || is_caps_line(next) {
        return false;
    }
    let first = next.chars().next();
    if first.is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    if first.is_some_and(|c| c.is_ascii_digit()) {
        // "1,5 lần;" continues; "1 Tỷ lệ …" is the next row of a linearized table
        let rest = next.trim_start_matches(|c: char| c.is_ascii_digit());
        let mut cs = rest.chars();
        let row = matches!((cs.next(), cs.next(), cs.next()), (Some(' '), Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase());
        return !row;
    }
    // A line cut after a word that cannot end a sentence ("… có 90% số").
    let last_word = prev.trim_end().rsplit(' ').next().unwrap_or("");
    if last_word.len() <= 8 && CONTINUING.contains(&fold(last_word).as_str()) {
        return true;
    }
    // An upper-case start continues only a long line (a wrapped one, not a heading).
    last_line.chars().count() >= 60
}

/// Words that never end a paragraph.
const CONTINUING: &[&str] = &[
    "số", "các", "những", "của", "và", "với", "có", "là", "được", "cho", "trong", "tại", "theo",
    "về", "để", "từ", "đến", "tỷ", "tỉ", "lệ", "giai", "đoạn", "nhằm", "hoặc", "như", "khoảng",
    "trên", "dưới", "ít", "tối",
];

/// True for a line written in capitals (a heading such as "II. MỤC TIÊU").
pub fn is_caps_line(t: &str) -> bool {
    let mut letters = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

/// Heading level of a paragraph: 1 for "II." and capital headings, 2 for "1.", 3 for "1.1.",
/// 4 for "1.1.1.", 5 for "a)", 6 for a short label line ending with ":" ("Giai đoạn
/// 2026 - 2030:"). `None` for bullets and body text.
///
/// ```
/// use vanban_targets::context::heading_level;
/// assert_eq!(heading_level("III. NHIỆM VỤ VÀ GIẢI PHÁP"), Some(1));
/// assert_eq!(heading_level("2.1. Mục tiêu đến năm 2025"), Some(3));
/// assert_eq!(heading_level("a) Đến năm 2030:"), Some(5));
/// assert_eq!(heading_level("- Phấn đấu"), None);
/// ```
pub fn heading_level(t: &str) -> Option<u8> {
    let t = t.trim_start_matches(['*', '#', ' ']);
    let first = t.chars().next()?;
    if !(first.is_ascii_digit()
        || first.is_uppercase()
        || first.is_ascii_lowercase()
        || first == 'đ')
    {
        return None;
    }
    if first.is_lowercase() && t.as_bytes().get(first.len_utf8()) != Some(&b')') {
        return None;
    }
    static R: OnceLock<[Regex; 5]> = OnceLock::new();
    let rs = R.get_or_init(|| {
        [
            re(r"^(?:[IVXLC]{1,7}[.)]\s*\S|(?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?[IVXLC\d]+)"),
            re(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S"),
            re(r"^\d{1,2}\.\d{1,2}\.?\s+\p{L}"),
            re(r"^\d{1,2}[.)]\s+\S"),
            re(r"^[a-zđ]\)\s+\S"),
        ]
    });
    let [roman, l4, l3, l2, l5] = rs;
    // legal acts: "Chương II", "Điều 1. Mục tiêu"
    if let Some(rest) = t
        .strip_prefix("Chương ")
        .or_else(|| t.strip_prefix("CHƯƠNG "))
    {
        if rest.starts_with(|c: char| c.is_ascii_digit() || "IVXLC".contains(c)) {
            return Some(0);
        }
    }
    if let Some(rest) = t.strip_prefix("Điều ") {
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(1);
        }
    }
    if roman.is_match(t) {
        return Some(1);
    }
    // "A. MỤC TIÊU", "B. NHIỆM VỤ": letter parts above roman sections
    let mut cs = t.chars();
    if let (Some(c), Some('.'), Some(' ')) = (cs.next(), cs.next(), cs.next()) {
        if c.is_uppercase() && c.is_alphabetic() {
            return Some(1);
        }
    }
    if l4.is_match(t) {
        return Some(4);
    }
    if l3.is_match(t) {
        return Some(3);
    }
    if l2.is_match(t) {
        return Some(2);
    }
    if l5.is_match(t) {
        return Some(5);
    }
    if !starts_with_marker(t) && is_caps_line(t) && t.chars().count() <= 200 {
        return Some(1);
    }
    // a label line: "Giai đoạn 2021 - 2025:", "Mục tiêu cụ thể:"
    if !starts_with_marker(t) && t.trim_end().ends_with(':') && t.chars().count() <= 80 {
        return Some(6);
    }
    None
}

/// True when a heading opens a goal section: "II. MỤC TIÊU", "2. Mục tiêu cụ thể",
/// "2.3. Định hướng đến năm 2045", "Các chỉ tiêu chủ yếu".
pub fn is_goal_heading(t: &str) -> bool {
    static CUE: OnceLock<Regex> = OnceLock::new();
    if !CUE
        .get_or_init(|| re("(?i)mục tiêu|chỉ tiêu|định hướng|tầm nhìn"))
        .is_match(crate::text::prefix(t, 600))
    {
        return false;
    }
    let body = t.trim_start_matches(['*', '#', ' ']);
    let body = body.get(marker_end(body).unwrap_or(0)..).unwrap_or(body);
    if body.chars().count() > 160 {
        return false;
    }
    let low = fold(body);
    let caps = is_caps_line(body);
    let head: String = low
        .split_whitespace()
        .take(if caps { 20 } else { 4 })
        .collect::<Vec<_>>()
        .join(" ");
    head.contains("mục tiêu")
        || head.contains("chỉ tiêu")
        || low.starts_with("định hướng đến năm")
        || low.starts_with("tầm nhìn đến năm")
}

/// A deadline or period phrase found in a folded paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Deadline year.
    pub year: Option<i32>,
    /// Period: "2021-2025" or "hàng năm".
    pub period: Option<String>,
}

pub(crate) const DOC_NAMES: &[&str] = &[
    "chương trình",
    "đề án",
    "kế hoạch",
    "chiến lược",
    "quy hoạch",
    "dự án",
    "nghị quyết",
    "quyết định",
    "nghị định",
    "thông tư",
    "chỉ thị",
    "kết luận",
    "luật",
];

fn year_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        re(concat!(
            r"(?:giai đoạn|thời kỳ|thời kì)\s+(?:từ\s+)?(?:năm\s+)?((?:19|20)\d\d)\s*(?:-|–|—|đến|tới)\s*(?:năm\s+)?((?:19|20)\d\d)\b",
            r"|\b(?:đến|tới|vào|trong|cuối|hết|đầu|sau|mục tiêu|định hướng|tầm nhìn|kế hoạch)\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d\d)\b",
            r"|\b(?:đến|tới)\s+((?:19|20)\d\d)\b",
            r"|(?:^|[.;:]\s*|^[-+•]\s*)năm\s+((?:19|20)\d\d)\b",
            r"|\b(?:hàng|hằng|mỗi)\s+năm\b",
        ))
    })
}

/// Find deadline years and periods in a folded paragraph. Phrases inside the name of a
/// document ("Chiến lược … đến năm 2030", "Chương trình … giai đoạn 2021-2025") are skipped.
///
/// ```
/// use vanban_targets::context::marks;
/// let m = marks("phấn đấu trong giai đoạn 2021 – 2025 có 90 htx");
/// assert_eq!(m[0].year, Some(2025));
/// assert_eq!(m[0].period.as_deref(), Some("2021-2025"));
/// assert!(marks("theo chương trình hỗ trợ giai đoạn 2021-2025").is_empty());
/// ```
pub fn marks(low: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    if !(low.contains("năm")
        || low.contains("giai đoạn")
        || low.contains("thời k")
        || low.contains("đến")
        || low.contains("tới"))
    {
        return out;
    }
    for c in year_re().captures_iter(low) {
        let Some(m) = c.get(0) else { continue };
        let (start, end) = (m.start(), m.end());
        let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<i32>().ok());
        let mark = if let (Some(a), Some(b)) = (num(1), num(2)) {
            if b <= a || in_doc_name(low, start) {
                continue;
            }
            Mark {
                start,
                end,
                year: Some(b),
                period: Some(format!("{a}-{b}")),
            }
        } else if let Some(y) = num(3).or(num(4)).or(num(5)) {
            if in_doc_name(low, start) {
                continue;
            }
            Mark {
                start,
                end,
                year: Some(y),
                period: None,
            }
        } else {
            Mark {
                start,
                end,
                year: None,
                period: Some("hàng năm".to_string()),
            }
        };
        out.push(mark);
    }
    out
}

/// True when the phrase at `at` sits inside a document's name: a document kind stands
/// earlier in the same clause, after the last comma, and no goal verb intervenes.
fn in_doc_name(low: &str, at: usize) -> bool {
    let head = low.get(..at).unwrap_or("");
    let from = head.rfind([',', ';', '.', ':', '(']).map_or(0, |i| i + 1);
    let window = &head[from..];
    let e = skip_spaces_back(window, window.len());
    let window_t = &window[..e];
    if window_t.ends_with("phấn đấu") || window_t.ends_with("trong") || window_t.ends_with(" cả")
    {
        return false;
    }
    DOC_NAMES.iter().any(|d| {
        window.match_indices(d).any(|(i, _)| {
            !window[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !window[i + d.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
    }) && !window.contains("phấn đấu")
}

/// Where the tracker stands: heading stack and goal-section state.
#[derive(Debug, Default, Clone)]
pub struct Tracker {
    stack: Vec<(u8, Option<i32>, Option<String>)>,
    goal_level: Option<u8>,
    suspended: Option<u8>,
}

fn heading_year_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| re(r"(?:^|[^\p{L}])năm\s+((?:19|20)\d\d)\b"))
}

/// A heading that opens tasks, solutions or organisation inside a goal section.
fn is_task_heading(t: &str) -> bool {
    let body = t.trim_start_matches(['*', '#', ' ']);
    let body = body.get(marker_end(body).unwrap_or(0)..).unwrap_or(body);
    let low = fold(body);
    [
        "nhiệm vụ",
        "giải pháp",
        "tổ chức thực hiện",
        "kinh phí",
        "phân công",
        "kết quả",
    ]
    .iter()
    .any(|w| low.starts_with(w))
}

impl Tracker {
    /// Observe a paragraph (original text); update headings and the goal section.
    pub fn observe(&mut self, par: &str) {
        let first_line = par.lines().next().unwrap_or(par).trim();
        let Some(level) = heading_level(first_line) else {
            return;
        };
        // Long numbered items are body paragraphs at that level: they still close deeper
        // headings but only open a goal section when they look like a heading.
        self.stack.retain(|(l, _, _)| *l < level);
        let head = crate::text::prefix(par, 400);
        let low = fold(head);
        let head_len = low.char_indices().nth(160).map_or(low.len(), |(b, _)| b);
        let ms = marks(&low[..head_len]);
        let year = ms.iter().find_map(|m| m.year).or_else(|| {
            // a short heading may name its year bare: "II. MỤC TIÊU, NHIỆM VỤ NĂM 2025"
            if head.len() < par.len() || head_len < low.len() {
                return None;
            }
            heading_year_re()
                .captures(&low)
                .and_then(|c| c.get(1))
                .and_then(|g| g.as_str().parse().ok())
        });
        let period = ms
            .iter()
            .find_map(|m| m.period.clone().filter(|p| p != "hàng năm"));
        self.stack.push((level, year, period));
        let goal = is_goal_heading(head);
        // a label line ("Giai đoạn 2026 - 2030:") only closes a goal section when it opens tasks
        let closes = level < 6 || is_task_heading(head);
        match self.goal_level {
            Some(g) if level <= g && !goal && closes => self.goal_level = None,
            Some(g) if goal && level < g => self.goal_level = Some(level),
            None if goal => self.goal_level = Some(level),
            _ => {}
        }
        // "2. Nhiệm vụ" under "II. MỤC TIÊU, NHIỆM VỤ": tasks, not goals, until a sibling
        if let Some(s) = self.suspended {
            if level <= s {
                self.suspended = None;
            }
        }
        if self
            .goal_level
            .is_some_and(|g| level > g || (level == 6 && g == 6))
            && !goal
            && is_task_heading(head)
        {
            self.suspended = Some(level);
        }
    }

    /// Inside a goal section.
    pub fn in_goal(&self) -> bool {
        self.goal_level.is_some() && self.suspended.is_none()
    }

    /// Deadline year of the innermost heading that states one.
    pub fn year(&self) -> Option<i32> {
        self.stack.iter().rev().find_map(|(_, y, _)| *y)
    }

    /// Period of the innermost heading that states one.
    pub fn period(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|(_, _, p)| p.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_wrapped_lines() {
        let t = "2. Mục tiêu cụ thể\n- Đến năm 2025, toàn tỉnh có 80% số Hợp tác xã hoạt động hiệu quả, có 50%\nsố hộ nông dân tham gia; đến năm 2030, có 90% số\nHợp tác xã hoạt động có hiệu quả.\n- Thúc đẩy\nII. NHIỆM VỤ";
        let b = blocks(t, &[]);
        assert_eq!(b.len(), 4);
        assert!(t[b[1].start..b[1].end].ends_with("có hiệu quả."));
    }

    #[test]
    fn table_rows() {
        let t = "Phụ lục\n| STT | Mục tiêu |\n|---|---|\n| 1 | 80% |\nSau bảng";
        let b = blocks(t, &[]);
        assert_eq!(
            b.iter().filter(|b| b.kind == BlockKind::TableRow).count(),
            3
        );
        assert_eq!(b.last().map(|b| b.kind), Some(BlockKind::Para));
    }

    #[test]
    fn headings_and_goal_sections() {
        assert!(is_goal_heading("II. MỤC TIÊU"));
        assert!(is_goal_heading("2. Mục tiêu cụ thể"));
        assert!(is_goal_heading("2.3. Định hướng đến năm 2045"));
        assert!(is_goal_heading("II. MỤC TIÊU GIAI ĐOẠN 2021 - 2025"));
        assert!(!is_goal_heading("I. MỤC ĐÍCH, YÊU CẦU"));
        assert!(!is_goal_heading("III. NHIỆM VỤ VÀ GIẢI PHÁP"));
        assert!(!is_goal_heading(
            "3. Kiểm tra, giám sát việc thực hiện các mục tiêu"
        ));
        let mut tr = Tracker::default();
        tr.observe("II. MỤC TIÊU");
        assert!(tr.in_goal());
        tr.observe("2. Mục tiêu cụ thể");
        tr.observe("a) Đến năm 2030:");
        assert_eq!(tr.year(), Some(2030));
        tr.observe("b) Đến năm 2045:");
        assert_eq!(tr.year(), Some(2045));
        tr.observe("III. NHIỆM VỤ VÀ GIẢI PHÁP");
        assert!(!tr.in_goal());
        assert_eq!(tr.year(), None);
        tr.observe("II. MỤC TIÊU GIAI ĐOẠN 2021 - 2025");
        assert_eq!(tr.period().as_deref(), Some("2021-2025"));
        assert_eq!(tr.year(), Some(2025));
    }

    #[test]
    fn year_marks() {
        let m = marks("đến năm 2025, toàn tỉnh có 80%; đến năm 2030, có 90%");
        assert_eq!(
            m.iter().map(|m| m.year).collect::<Vec<_>>(),
            vec![Some(2025), Some(2030)]
        );
        assert!(marks("luật hợp tác xã năm 2012").is_empty());
        assert!(marks("chiến lược phát triển giáo dục tỉnh giai đoạn 2021 - 2030").is_empty());
        assert_eq!(
            marks("phấn đấu thành lập mới hàng năm từ 20")[0]
                .period
                .as_deref(),
            Some("hàng năm")
        );
        assert_eq!(marks("năm 2025: 80%")[0].year, Some(2025));
        assert!(marks("ngày 20 tháng 10 năm 2023").is_empty());
    }
}
