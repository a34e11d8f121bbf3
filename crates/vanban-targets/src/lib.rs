//! Reads quantified goals (value, range, unit, comparator, deadline year) from normalized
//! text and tables.
//!
//! The stage is built from four readers:
//! - [`numeral`]: Vietnamese numerals ("3.000", "1,5", "03", "70%", "10 - 12%/năm",
//!   "từ 20 đến 25", "gấp đôi"), refusing dates, symbols, phone numbers and years;
//! - [`comparator`]: "ít nhất", "trên", "không quá", "khoảng", "từ … trở lên" …;
//! - [`context`]: paragraphs, headings, goal sections and deadline years;
//! - [`goals`]: the goal splitter (several goals per sentence) with metric and unit.
//!
//! Goals are read inside goal sections ("II. MỤC TIÊU", "2.1. Mục tiêu đến năm 2025",
//! "Định hướng đến năm 2045") and, elsewhere, from sentences that state a goal ("phấn đấu",
//! "chỉ tiêu", "đến năm 2030 …"). Goal tables (a "Mục tiêu"/"Chỉ tiêu" column, or year
//! columns such as "Năm 2025 | Năm 2030") are read too, with `source: "table"`.
#![forbid(unsafe_code)]

pub mod comparator;
pub mod context;
pub mod goals;
pub mod numeral;
pub mod text;
pub mod units;

use vanban_model::{CharIndex, NormalizedDocument, Target};

use crate::comparator::{cue_before, Cmp};
use crate::context::{blocks, marks, BlockKind, Tracker};
use crate::goals::{goals_in, Ctx, Goal};
use crate::numeral::read_amount;
use crate::text::fold;

/// Extract every quantified goal of a normalized document, in text order.
///
/// ```
/// use vanban_model::NormalizedDocument;
/// let text = "II. MỤC TIÊU\n2. Mục tiêu cụ thể\na) Đến năm 2030:\n\
///             - Toàn tỉnh có khoảng 3.000 tổ hợp tác với 63.000 thành viên; 700 hợp tác xã.\n\
///             - Tỷ lệ cán bộ quản lý tốt nghiệp đại học đạt ít nhất 29%.\n\
///             III. NHIỆM VỤ VÀ GIẢI PHÁP\n\
///             Ban hành Kế hoạch số 251/KH-UBND ngày 20/10/2023.\n";
/// let doc = NormalizedDocument { text: text.into(), ..Default::default() };
/// let t = vanban_targets::extract(&doc);
/// assert_eq!(t.len(), 4);
/// assert_eq!((t[1].value, t[1].unit.as_deref(), t[1].comparator.as_str()), (63000.0, Some("thành viên"), "approx"));
/// assert_eq!((t[3].value, t[3].comparator.as_str(), t[3].year), (29.0, "min", Some(2030)));
/// assert_eq!(vanban_targets::format_line(&t[3]), "2030  min     29 %  tỷ lệ cán bộ quản lý tốt nghiệp đại học");
/// ```
pub fn extract(doc: &NormalizedDocument) -> Vec<Target> {
    let text = doc.text.as_str();
    let spans: Vec<(usize, usize)> = if doc.tables.is_empty() {
        Vec::new()
    } else {
        let cix = CharIndex::new(text);
        doc.tables
            .iter()
            .map(|t| (cix.byte_at(t.span.start), cix.byte_at(t.span.end)))
            .collect()
    };
    let mut cix = Cursor::default();
    let bl = blocks(text, &spans);
    let mut tracker = Tracker::default();
    let mut out: Vec<Target> = Vec::new();
    let mut table: Option<TableState> = None;
    let mut last_header: Option<Vec<String>> = None;
    let mut i = 0;
    while i < bl.len() {
        let b = bl[i];
        match b.kind {
            BlockKind::Para => {
                if let Some(t) = table.take() {
                    last_header = Some(t.header);
                }
                let par = &text[b.start..b.end];
                tracker.observe(par);
                if worth_reading(par) {
                    let ctx = Ctx {
                        year: tracker.year(),
                        period: tracker.period(),
                        in_goal: tracker.in_goal(),
                    };
                    for g in goals_in(par, &ctx) {
                        out.push(target(&mut cix, text, b.start, g, "text"));
                    }
                }
            }
            BlockKind::TableRow => {
                let row = text[b.start..b.end].to_string();
                let cells = split_row(&row, b.start);
                if cells.iter().all(|c| is_separator(&c.2)) {
                    i += 1;
                    continue;
                }
                // a new table: another NormTable span, or a markdown header (a row followed by
                // a separator row) after rows of a previous table
                let next_is_sep = bl.get(i + 1).is_some_and(|n| {
                    n.kind == BlockKind::TableRow
                        && split_row(&text[n.start..n.end], n.start)
                            .iter()
                            .all(|c| is_separator(&c.2))
                });
                if table
                    .as_ref()
                    .is_some_and(|t| t.id != b.table || (b.table.is_none() && next_is_sep))
                {
                    if let Some(t) = table.take() {
                        last_header = Some(t.header);
                    }
                }
                match table.as_mut() {
                    None => {
                        let header: Vec<String> = cells.iter().map(|c| fold(&c.2)).collect();
                        let cont = last_header.as_ref() == Some(&header);
                        let mut st = TableState::new(header, tracker.in_goal());
                        st.id = b.table;
                        st.year = tracker.year();
                        st.period = tracker.period();
                        if cont {
                            if let Some(prev) = &prev_table_ctx(&out) {
                                st.carry(prev);
                            }
                        }
                        table = Some(st);
                    }
                    Some(st) => {
                        let folded: Vec<String> = cells.iter().map(|c| fold(&c.2)).collect();
                        if folded == st.header {
                            i += 1;
                            continue; // header repeated on a new page
                        }
                        for (s, g) in st.row(&cells) {
                            out.push(target(&mut cix, text, s, g, "table"));
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// Carry the year context of the previous goal table when a table continues on a new page.
fn prev_table_ctx(out: &[Target]) -> Option<(Option<i32>, Option<String>)> {
    out.iter()
        .rev()
        .find(|t| t.source == "table")
        .map(|t| (t.year, t.period.clone()))
}

fn worth_reading(par: &str) -> bool {
    static WORDS: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    if par.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    match WORDS.get_or_init(|| regex::Regex::new("(?i)không còn|hoàn toàn|gấp|một nửa").ok())
    {
        Some(r) => r.is_match(par),
        None => true,
    }
}

/// Byte-to-char offsets for positions visited in increasing order of `base`.
#[derive(Default)]
struct Cursor {
    byte: usize,
    ch: usize,
}

impl Cursor {
    fn chars_at(&mut self, text: &str, byte: usize) -> usize {
        let byte = crate::text::prefix(text, byte).len();
        if byte < self.byte {
            return crate::text::prefix(text, byte).chars().count();
        }
        self.ch += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.ch
    }
}

fn target(cix: &mut Cursor, text: &str, base: usize, g: Goal, source: &str) -> Target {
    let base_ch = cix.chars_at(text, base);
    let rel = |off: usize| {
        let s = text.get(base..).unwrap_or("");
        base_ch + crate::text::prefix(s, off).chars().count()
    };
    let (start, end) = (rel(g.start), rel(g.end));
    Target {
        metric: g.metric,
        value: g.value,
        value_max: g.value_max,
        unit: g.unit,
        comparator: g.cmp.as_str().to_string(),
        year: g.year,
        period: g.period,
        start,
        end,
        source: source.to_string(),
    }
}

/// Cells of a `| a | b |` line: (start byte, end byte, text), trimmed.
fn split_row(row: &str, base: usize) -> Vec<(usize, usize, String)> {
    let inner_start = row.find('|').map_or(0, |k| k + 1);
    let inner_end = row.rfind('|').unwrap_or(row.len()).max(inner_start);
    let inner = &row[inner_start..inner_end];
    let mut out = Vec::new();
    let mut pos = inner_start;
    for cell in inner.split('|') {
        let lead = cell.len() - cell.trim_start().len();
        let t = cell.trim();
        out.push((
            base + pos + lead,
            base + pos + lead + t.len(),
            t.to_string(),
        ));
        pos += cell.len() + 1;
    }
    out
}

fn is_separator(c: &str) -> bool {
    !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ' | '='))
}

/// Reading state of one table.
struct TableState {
    header: Vec<String>,
    /// Column holding goal sentences ("Mục tiêu cụ thể", "Chỉ tiêu", "Nội dung").
    goal_col: Option<usize>,
    /// Columns holding values for a year ("Năm 2025", "Mục tiêu đến năm 2030").
    year_cols: Vec<(usize, i32)>,
    unit_col: Option<usize>,
    goal: bool,
    year: Option<i32>,
    period: Option<String>,
    /// The `NormTable` this state reads, when known.
    id: Option<usize>,
}

const PAST_COLS: &[&str] = &[
    "thực hiện",
    "kết quả",
    "ước",
    "hiện trạng",
    "đạt được",
    "cơ sở",
    "so sánh",
    "thời gian",
    "thời hạn",
];

impl TableState {
    fn new(header: Vec<String>, in_goal: bool) -> Self {
        let find = |keys: &[&str]| {
            header
                .iter()
                .position(|h| keys.iter().any(|k| h.contains(k)))
        };
        let goal_col = find(&["mục tiêu", "chỉ tiêu", "tiêu chí"]);
        let content_col = goal_col.or_else(|| {
            if in_goal {
                find(&["nội dung", "tiêu chí"])
            } else {
                None
            }
        });
        let year_cols: Vec<(usize, i32)> = header
            .iter()
            .enumerate()
            .filter(|(k, h)| Some(*k) != content_col && !PAST_COLS.iter().any(|p| h.contains(p)))
            .filter_map(|(k, h)| {
                let m = marks(h)
                    .into_iter()
                    .find_map(|m| m.year)
                    .or_else(|| bare_year(h));
                m.map(|y| (k, y))
            })
            .collect();
        let unit_col = header
            .iter()
            .position(|h| h.contains("đơn vị tính") || h == "đvt" || h == "đơn vị");
        let goal = goal_col.is_some() || in_goal;
        TableState {
            header,
            goal_col: content_col,
            year_cols,
            unit_col,
            goal,
            year: None,
            period: None,
            id: None,
        }
    }

    fn carry(&mut self, prev: &(Option<i32>, Option<String>)) {
        if prev.0.is_some() {
            self.year = prev.0;
            self.period = prev.1.clone();
        }
    }

    fn row(&mut self, cells: &[(usize, usize, String)]) -> Vec<(usize, Goal)> {
        let mut out = Vec::new();
        if !self.goal {
            return out;
        }
        let Some(gc) = self.goal_col else { return out };
        let Some((cs, _, cell)) = cells.get(gc) else {
            return out;
        };
        let cs = *cs;
        if !self.year_cols.is_empty() {
            // matrix: metric in the goal column, one value per year column
            let unit = self
                .unit_col
                .and_then(|u| cells.get(u))
                .map(|c| c.2.clone())
                .filter(|u| !u.is_empty());
            for &(col, year) in &self.year_cols {
                let Some((vs, ve, v)) = cells.get(col) else {
                    continue;
                };
                if let Some(g) = value_cell(v, cell, unit.as_deref(), year) {
                    out.push((
                        *vs,
                        Goal {
                            start: 0,
                            end: ve - vs,
                            ..g
                        },
                    ));
                }
            }
            return out;
        }
        let ctx = Ctx {
            year: self.year,
            period: self.period.clone(),
            in_goal: true,
        };
        let goals = goals_in(cell, &ctx);
        if goals.is_empty() {
            // a group row ("I | MỤC TIÊU CỤ THỂ ĐẾN NĂM 2030") sets the year of the rows below
            let ms = marks(&fold(cell));
            if let Some(m) = ms.iter().find(|m| m.year.is_some()) {
                self.year = m.year;
                self.period = m.period.clone();
            }
        }
        for g in goals {
            out.push((cs, g));
        }
        out
    }
}

fn bare_year(h: &str) -> Option<i32> {
    let t = h.trim().trim_start_matches("năm").trim();
    let y: i32 = t.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

/// Read a value cell of a matrix table ("80", "≥ 90%", "70 - 85", "khoảng 50").
fn value_cell(v: &str, metric: &str, unit: Option<&str>, year: i32) -> Option<Goal> {
    let low = fold(v);
    let i = low.find(|c: char| c.is_ascii_digit())?;
    let a = read_amount(&low, i)?;
    let cmp = if a.value_max.is_some() {
        Cmp::Range
    } else {
        cue_before(&low, i).map_or(Cmp::Eq, |c| c.0)
    };
    let unit = if a.percent {
        Some("%".to_string())
    } else {
        unit.map(str::to_string)
    };
    Some(Goal {
        start: 0,
        end: v.len(),
        metric: metric.trim().to_string(),
        value: a.value,
        value_max: a.value_max,
        unit,
        cmp,
        year: Some(year),
        period: None,
    })
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v}");
        s.replace('.', ",")
    }
}

/// One terminal line for a target: year (or period), comparator, value[–max], unit, metric.
///
/// ```
/// use vanban_model::Target;
/// let t = Target { metric: "tổ hợp tác".into(), value: 3000.0, unit: Some("tổ hợp tác".into()),
///                  comparator: "approx".into(), year: Some(2030), source: "text".into(), ..Default::default() };
/// assert_eq!(vanban_targets::format_line(&t), "2030  approx  3000 tổ hợp tác  tổ hợp tác");
/// let r = Target { metric: "tỷ lệ HTX khá".into(), value: 60.0, value_max: Some(65.0), unit: Some("%".into()),
///                  comparator: "range".into(), period: Some("2021-2025".into()), ..Default::default() };
/// assert_eq!(vanban_targets::format_line(&r), "2021-2025  range   60–65 %  tỷ lệ HTX khá");
/// ```
pub fn format_line(t: &Target) -> String {
    let when = match (t.year, t.period.as_deref()) {
        (_, Some(p)) if p.contains('-') => p.to_string(),
        (Some(y), _) => y.to_string(),
        (None, Some(p)) => p.to_string(),
        (None, None) => "-".to_string(),
    };
    let value = match t.value_max {
        Some(m) => format!("{}–{}", num(t.value), num(m)),
        None => num(t.value),
    };
    let unit = t.unit.as_deref().unwrap_or("");
    format!(
        "{when:<4}  {:<6}  {value} {unit}  {}",
        t.comparator, t.metric
    )
    .trim_end()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(t: &str) -> NormalizedDocument {
        NormalizedDocument {
            text: t.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn goal_table_with_group_rows() {
        let t = "PHỤ LỤC\n| STT | Mục tiêu cụ thể | Đơn vị chủ trì |\n|---|---|---|\n| I | MỤC TIÊU CỤ THỂ ĐẾN NĂM 2030 | |\n| 1 | Toàn tỉnh có khoảng 3.000 tổ hợp tác | Liên minh (chỉ tiêu trên 90% HTX) |\n| II | MỤC TIÊU CỤ THỂ ĐẾN NĂM 2045 | |\n| 1 | Bảo đảm trên 90% tổ chức kinh tế tập thể hoạt động hiệu quả | Sở |\n";
        let ts = extract(&doc(t));
        let got: Vec<_> = ts
            .iter()
            .map(|t| (t.value, t.year, t.source.as_str(), t.comparator.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3000.0, Some(2030), "table", "approx"),
                (90.0, Some(2045), "table", "min")
            ]
        );
        let ch: Vec<char> = t.chars().collect();
        let quote: String = ch[ts[0].start..ts[0].end].iter().collect();
        assert!(quote.contains("3.000 tổ hợp tác"), "{quote}");
    }

    #[test]
    fn matrix_table() {
        let t = "II. MỤC TIÊU\n| STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2020 | Năm 2025 | Năm 2030 |\n|---|---|---|---|---|---|\n| 1 | Tỷ lệ hợp tác xã hoạt động hiệu quả | % | 45 | ≥ 60 | 80 |\n| 2 | Số hợp tác xã | HTX | 300 | 400 - 450 | 600 |\n";
        let ts = extract(&doc(t));
        let got: Vec<_> = ts
            .iter()
            .map(|t| {
                (
                    t.value,
                    t.value_max,
                    t.year,
                    t.unit.clone().unwrap_or_default(),
                    t.comparator.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (60.0, None, Some(2025), "%".to_string(), "min".to_string()),
                (80.0, None, Some(2030), "%".to_string(), "eq".to_string()),
                (
                    400.0,
                    Some(450.0),
                    Some(2025),
                    "HTX".to_string(),
                    "range".to_string()
                ),
                (600.0, None, Some(2030), "HTX".to_string(), "eq".to_string()),
            ]
        );
    }

    #[test]
    fn adjacent_tables_from_spans() {
        // a goal table directly followed by a task table, both delivered as NormTables
        let t = "II. MỤC TIÊU\n| STT | Mục tiêu |\n| 1 | Có 50 hợp tác xã |\n| TT | Nhiệm vụ |\n| 1 | Tập huấn 20 lớp |\n";
        let ch = |s: &str| t.find(s).map(|b| t[..b].chars().count()).unwrap_or(0);
        let d = NormalizedDocument {
            text: t.to_string(),
            tables: vec![
                vanban_model::NormTable {
                    span: vanban_model::Span::new(ch("| STT"), ch("| TT") - 1),
                    ..Default::default()
                },
                vanban_model::NormTable {
                    span: vanban_model::Span::new(ch("| TT"), t.chars().count() - 1),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let got: Vec<f64> = extract(&d).iter().map(|t| t.value).collect();
        assert_eq!(got, vec![50.0]);
    }

    #[test]
    fn linearized_table_rows_and_letter_headings() {
        let t = "B. MỤC TIÊU\nSTT Chỉ tiêu ĐVT Năm 2025\n1 Tỷ lệ hợp tác xã hoạt động hiệu quả % 60\n- 05 HTX điển hình.\nC. NHIỆM VỤ\n- Có 20 lớp tập huấn.\n";
        let got: Vec<(f64, Option<String>)> = extract(&doc(t))
            .into_iter()
            .map(|t| (t.value, t.unit))
            .collect();
        assert_eq!(got, vec![(5.0, Some("HTX".to_string()))]);
    }

    #[test]
    fn task_tables_are_not_goals() {
        let t = "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian thực hiện |\n|---|---|---|---|\n| 1 | Tổ chức 10 lớp tập huấn | Sở | 2023 - 2025 |\n";
        assert!(extract(&doc(t)).is_empty());
    }

    #[test]
    fn spans_are_char_offsets() {
        let t = "II. MỤC TIÊU\n- Đến năm 2025, có 80% số hợp tác xã hoạt động hiệu quả.\n";
        let ts = extract(&doc(t));
        assert_eq!(ts.len(), 1);
        let ch: Vec<char> = t.chars().collect();
        let quote: String = ch[ts[0].start..ts[0].end].iter().collect();
        assert!(quote.starts_with("80%"), "{quote}");
        assert!(quote.ends_with("hiệu quả"), "{quote}");
    }
}
