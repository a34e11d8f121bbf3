//! Grid tables (markdown, HTML, DOCX, PDF layout): pieces gathered from the reader's
//! tables and from `| a | b |` lines of the text, merged across pages, layout tables
//! dropped, multi-row headers combined.

use crate::columns::{header_like, role, Role};
use crate::text::{clean, key};
use vanban_model::{NormalizedDocument, Span, Table};

/// One piece of a table as found on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Rows, header (if any) first.
    pub rows: Vec<Vec<String>>,
    /// Char span in the normalized text (empty when unknown).
    pub span: Span,
    /// Page where known.
    pub page: Option<u32>,
}

/// A line of the normalized text with its char offset.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Char offset of the line start.
    pub start: usize,
    /// The line without its newline.
    pub text: &'a str,
}

/// Split a text into lines with char offsets.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for l in text.split('\n') {
        out.push(Line { start, text: l });
        start += l.chars().count() + 1;
    }
    out
}

fn is_pipe_line(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3 && t.starts_with('|') && t.ends_with('|')
}

fn pipe_cells(l: &str) -> Vec<String> {
    let t = l.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|c| clean(&c.replace("<br>", " ").replace("**", "")))
        .collect()
}

fn is_separator_row(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty()
                && c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' ')
                && c.contains('-')
        })
}

/// Pieces from the reader's tables and from pipe lines of the text that no reader table
/// covers (so markdown tables are read even when the reader delivered none).
pub fn pieces(doc: &NormalizedDocument, lines: &[Line<'_>]) -> Vec<Piece> {
    let mut out: Vec<Piece> = doc
        .tables
        .iter()
        .map(|t| Piece {
            rows: t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| clean(c)).collect::<Vec<String>>())
                .filter(|r| !is_separator_row(r))
                .collect(),
            span: t.span,
            page: t.page,
        })
        .filter(|p: &Piece| !p.rows.is_empty())
        .collect();
    let covered = |pos: usize| {
        doc.tables
            .iter()
            .any(|t| t.span.start <= pos && pos < t.span.end.max(t.span.start + 1))
    };
    let mut cur: Option<Piece> = None;
    for l in lines {
        if is_pipe_line(l.text) && !covered(l.start) {
            let cells = pipe_cells(l.text);
            let end = l.start + l.text.chars().count();
            let p = cur.get_or_insert_with(|| Piece {
                rows: Vec::new(),
                span: Span::new(l.start, end),
                page: None,
            });
            p.span.end = end;
            if !is_separator_row(&cells) {
                p.rows.push(cells);
            }
        } else if let Some(p) = cur.take() {
            if !p.rows.is_empty() {
                out.push(p);
            }
        }
    }
    if let Some(p) = cur.take() {
        if !p.rows.is_empty() {
            out.push(p);
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

fn same_header(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| key(x) == key(y)).count();
    eq * 10 >= a.len() * 6
}

/// True when the text between two pieces is only page furniture (blank lines, page
/// numbers) so the second piece may continue the first. A heading, a paragraph or a
/// caption between two tables means two tables, whatever their headers.
fn gap_is_furniture(lines: &[Line<'_>], from: usize, to: usize) -> bool {
    lines
        .iter()
        .filter(|l| l.start >= from && l.start < to)
        .all(|l| {
            let t = l.text.trim();
            t.is_empty() || is_pipe_line(t) || is_page_number(t)
        })
}

/// A page-number line: "3", "- 3 -", "3/12", "Trang 3".
fn is_page_number(t: &str) -> bool {
    let k = key(t);
    let rest = k.strip_prefix("trang ").unwrap_or(&k);
    rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | '/' | '(' | ')'))
}

/// A line that names the table below it: a label line ("Biểu 01", "Phụ lục II", "Bảng
/// 2. …"), a numbered heading ("III. UBND tỉnh Nghệ An", "A. …", "2.1. …"; short, not a
/// sentence), or a heading in capitals.
fn is_caption_line(t: &str) -> bool {
    let t = t.trim();
    let n = t.chars().count();
    if n == 0 || n > 200 || is_pipe_line(t) {
        return false;
    }
    if is_label_line(t) {
        return true;
    }
    if in_capitals(t) {
        return true;
    }
    // a numbered heading: roman numeral, capital letter or arabic numbering, then ". " or ") "
    let (mark, rest) = match t.split_once(". ").or_else(|| t.split_once(") ")) {
        Some(x) => x,
        None => return false,
    };
    let roman = !mark.is_empty() && mark.chars().all(|c| "IVXLC".contains(c));
    let letter = mark.chars().count() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    let arabic = !mark.is_empty()
        && mark.len() <= 8
        && mark.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mark.starts_with(|c: char| c.is_ascii_digit());
    let short = rest.chars().count() <= 120 && !rest.trim_end().ends_with(['.', ';', ','])
        || roman && rest.chars().count() <= 160;
    (roman || letter || arabic) && crate::text::starts_upper(rest) && short
}

/// A line in capitals (a parenthesis in ordinary case, "(kèm theo …)", aside).
fn in_capitals(t: &str) -> bool {
    let mut depth = 0usize;
    let mut letters = 0usize;
    for c in t.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphabetic() => {
                if c.is_lowercase() {
                    return false;
                }
                letters += 1;
            }
            _ => {}
        }
    }
    letters >= 4
}

/// "Biểu 01", "Phụ lục II", "Bảng 2. …", "Mẫu số 03" at the start of a line.
fn is_label_line(t: &str) -> bool {
    let k = key(t);
    ["biểu", "phụ lục", "bảng", "mẫu số"].iter().any(|w| {
        k.strip_prefix(w)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', ':', '.']))
    })
}

/// The caption of a table starting at char `start`: the caption line right above it (a
/// line "(Kèm theo …)" or "Đơn vị tính: …" between them skipped), with a label line
/// ("Phụ lục I") just above a title line put in front of it.
fn caption_above(lines: &[Line<'_>], start: usize) -> Option<String> {
    let above: Vec<&str> = lines
        .iter()
        .filter(|l| l.start + l.text.chars().count() < start)
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty() && !is_page_number(t))
        .collect();
    let mut it = above.iter().rev().copied();
    let mut line = it.next()?;
    for _ in 0..2 {
        let k = key(line);
        if k.starts_with('(') || k.starts_with("đơn vị tính") {
            line = it.next()?;
        }
    }
    if !is_caption_line(line) {
        // a title in ordinary case under a label line: "Phụ lục I" / "Danh mục nhiệm vụ …"
        let title = line.chars().count() <= 200 && !line.ends_with(['.', ':', ';', ',']);
        return match it.next() {
            Some(up) if title && is_label_line(up) && up.chars().count() <= 40 => {
                Some(format!("{up} {line}"))
            }
            _ => None,
        };
    }
    // a title in capitals over several lines, and the label line above it
    let mut parts = vec![line];
    let mut up = it.next();
    while let Some(u) = up {
        let title_goes_on = parts.len() < 3
            && !is_label_line(u)
            && parts
                .first()
                .is_some_and(|p| in_capitals(p) && !is_label_line(p))
            && in_capitals(u);
        if !title_goes_on {
            break;
        }
        parts.insert(0, u);
        up = it.next();
    }
    if let Some(u) = up {
        let first_is_label = parts.first().is_some_and(|p| is_label_line(p));
        if !first_is_label && is_label_line(u) && u.chars().count() <= 40 {
            parts.insert(0, u);
        }
    }
    Some(parts.join(" "))
}

/// A merged table under construction.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The table.
    pub table: Table,
    /// Char span covered (first piece start .. last piece end).
    pub span: Span,
}

/// Merge consecutive pieces: same header (repeated at a page start) or a headerless
/// piece with the same column count right after a table. Warnings name every guess.
pub fn merge(pieces: Vec<Piece>, lines: &[Line<'_>], warnings: &mut Vec<String>) -> Vec<Merged> {
    let mut out: Vec<Merged> = Vec::new();
    for p in pieces {
        let mut rows = p.rows;
        if let Some(m) = out.last_mut() {
            let width = m.table.header.len();
            let adjacent =
                p.span.start >= m.span.end && gap_is_furniture(lines, m.span.end, p.span.start);
            let first_is_header = rows.first().is_some_and(|r| header_like(r));
            if adjacent
                && first_is_header
                && rows
                    .first()
                    .is_some_and(|r| same_header(r, &m.table.header))
            {
                rows.remove(0);
                drop_number_row(&mut rows);
                let header = &m.table.header;
                rows.retain(|r| !(header_like(r) && same_header(r, header)));
                m.table.rows.extend(rows);
                m.span.end = p.span.end.max(m.span.end);
                continue;
            }
            if adjacent
                && !first_is_header
                && rows.first().is_some_and(|r| r.len() == width)
                && !is_layout_rows(&rows)
            {
                warnings.push(format!(
                    "tables: a table piece without header (char {}) was read as the continuation of the table above (same {} columns)",
                    p.span.start, width
                ));
                m.table.rows.extend(rows);
                m.span.end = p.span.end.max(m.span.end);
                continue;
            }
        }
        // a title row spanning the table above the real header
        let title = rows.first().is_some_and(|r| {
            !header_like(r) && r.iter().filter(|c| !c.trim().is_empty()).count() <= 1
        });
        let mut caption = caption_above(lines, p.span.start);
        if title && rows.get(1).is_some_and(|r| header_like(r)) {
            let row = rows.remove(0);
            if caption.is_none() {
                caption = row.into_iter().find(|c| !c.trim().is_empty());
            }
        }
        if rows.is_empty() {
            continue;
        }
        let mut header = rows.remove(0);
        if let Some(second) = rows.first() {
            if (header_like(&header) && sub_header(second)) || spanned_sub_header(&header, second) {
                header = combine_headers(&header, second);
                rows.remove(0);
            }
        }
        drop_number_row(&mut rows);
        // a header repeated inside one piece (pages glued without a gap)
        rows.retain(|r| !(header_like(r) && same_header(r, &header)));
        out.push(Merged {
            table: Table {
                header,
                rows,
                page: p.page,
                caption,
            },
            span: p.span,
        });
    }
    out
}

/// A second header row: empty or label-like first cell and some known column name.
fn sub_header(row: &[String]) -> bool {
    let first_ok = row
        .first()
        .map(|c| c.trim().is_empty() || role(c) == Role::Stt)
        .unwrap_or(false);
    let named = row.iter().filter(|c| role(c) != Role::Other).count();
    first_ok && named >= 1 && row.iter().all(|c| c.chars().count() <= 40) && !number_row(row)
}

/// A lower header row under cells merged across columns: the row above has a cell spanning
/// several columns (text, then empty cells), and this row names the columns under it and
/// nothing else — its cells under a one-column header cell are empty (merged down from the
/// row above). "Chỉ tiêu theo đối tượng" over "Nhóm 1 | Nhóm 2 | Nhóm 3".
fn spanned_sub_header(top: &[String], sub: &[String]) -> bool {
    if top.len() != sub.len() || top.len() < 2 || number_row(sub) {
        return false;
    }
    let empty = |c: &String| c.trim().is_empty();
    // under a spanning cell: a top cell followed by empty ones, or an empty top cell
    let mut under_span = vec![false; top.len()];
    let mut any_span = false;
    for (i, t) in top.iter().enumerate() {
        let next_empty = top.get(i + 1).is_some_and(empty);
        if !empty(t) && next_empty {
            any_span = true;
            if let Some(u) = under_span.get_mut(i) {
                *u = true;
            }
        }
        if empty(t) && i > 0 && under_span.get(i - 1).copied().unwrap_or(false) {
            if let Some(u) = under_span.get_mut(i) {
                *u = true;
            }
        }
    }
    let named_under = sub
        .iter()
        .zip(&under_span)
        .filter(|(s, u)| **u && !empty(s))
        .count();
    any_span
        && named_under >= 2
        && sub.iter().zip(&under_span).all(|(s, u)| *u || empty(s))
        && sub.iter().all(|c| c.chars().count() <= 60)
}

/// One name per column from two header rows: a lower cell under a cell spanning several
/// columns is named "upper – lower" ("Chỉ tiêu theo đối tượng – Nhóm 1").
fn combine_headers(top: &[String], sub: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(top.len().max(sub.len()));
    let mut parent = String::new();
    for i in 0..top.len().max(sub.len()) {
        let t = top.get(i).map(|s| s.trim()).unwrap_or("");
        let s = sub.get(i).map(|s| s.trim()).unwrap_or("");
        if !t.is_empty() {
            parent = t.to_string();
        }
        let name = match (t.is_empty(), s.is_empty()) {
            (false, true) => t.to_string(),
            (false, false) => format!("{t} – {s}"),
            (true, false) if !parent.is_empty() => format!("{parent} – {s}"),
            (true, false) => s.to_string(),
            (true, true) => String::new(),
        };
        out.push(name);
    }
    out
}

/// A row of column numbers ("1 | 2 | 3" or "(1) | (2) | (3)") printed under a header.
fn number_row(row: &[String]) -> bool {
    if row.len() < 3 {
        return false;
    }
    row.iter().enumerate().all(|(i, c)| {
        let t = c.trim().trim_start_matches('(').trim_end_matches(')');
        t == (i + 1).to_string() || t.is_empty()
    }) && row.iter().filter(|c| !c.trim().is_empty()).count() >= 3
}

fn drop_number_row(rows: &mut Vec<Vec<String>>) {
    if rows.first().is_some_and(|r| number_row(r)) {
        rows.remove(0);
    }
}

const LAYOUT_MARKERS: &[&str] = &[
    "cộng hòa xã hội chủ nghĩa việt nam",
    "cộng hoà xã hội chủ nghĩa việt nam",
    "độc lập - tự do - hạnh phúc",
    "độc lập – tự do – hạnh phúc",
    "nơi nhận",
    "tm. ",
    "kt. ",
    "chủ tịch",
    "số:",
];

fn is_layout_rows(rows: &[Vec<String>]) -> bool {
    rows.iter().flatten().any(|c| {
        let k = key(c);
        LAYOUT_MARKERS.iter().any(|m| k.contains(m))
    })
}

/// A layout table (document heading with issuer and national motto, signature block):
/// no header cell names a data column and the content looks like heading or signature.
///
/// ```
/// use vanban_model::Table;
/// let t = Table {
///     header: vec!["ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG".into(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into()],
///     rows: vec![vec!["Số: 251/KH-UBND".into(), "Độc lập - Tự do - Hạnh phúc".into()]],
///     page: None,
///     caption: None,
/// };
/// assert!(vanban_tables::grid::is_layout(&t));
/// ```
pub fn is_layout(t: &Table) -> bool {
    if t.header.iter().any(|h| role(h) != Role::Other) {
        return false;
    }
    let mut all = vec![t.header.clone()];
    all.extend(t.rows.iter().cloned());
    is_layout_rows(&all) || t.rows.is_empty() && t.header.iter().all(|c| c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn pipe_lines_become_pieces_and_merge() {
        let text = "Phụ lục\n| STT | Nhiệm vụ | Đơn vị chủ trì |\n|---|---|---|\n| 1 | A | Sở Y tế |\n\n- 2 -\n| STT | Nhiệm vụ | Đơn vị chủ trì |\n|--|--|--|\n| 2 | B | Sở Nội vụ |\nKết thúc\n";
        let doc = NormalizedDocument {
            text: text.into(),
            ..Default::default()
        };
        let ls = lines(text);
        let ps = pieces(&doc, &ls);
        assert_eq!(ps.len(), 2);
        let mut w = Vec::new();
        let m = merge(ps, &ls, &mut w);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].table.header, r(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]));
        assert_eq!(
            m[0].table.rows,
            vec![r(&["1", "A", "Sở Y tế"]), r(&["2", "B", "Sở Nội vụ"])]
        );
        assert!(w.is_empty());
    }

    #[test]
    fn separate_appendices_stay_separate() {
        let text = "| STT | Nhiệm vụ | Đơn vị chủ trì |\n| 1 | A | Sở Y tế |\nPhụ lục 2\nMỘT SỐ NHIỆM VỤ CHỦ YẾU KHÁC CỦA KẾ HOẠCH NÀY ĐƯỢC GIAO CHO CÁC SỞ NGÀNH\n| STT | Nhiệm vụ | Đơn vị chủ trì |\n| 1 | B | Sở Nội vụ |\n";
        let doc = NormalizedDocument {
            text: text.into(),
            ..Default::default()
        };
        let ls = lines(text);
        let m = merge(pieces(&doc, &ls), &ls, &mut Vec::new());
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn two_row_header_is_combined() {
        let top = r(&["STT", "Nhiệm vụ", "Đơn vị thực hiện", ""]);
        let sub = r(&["", "", "Chủ trì", "Phối hợp"]);
        assert!(sub_header(&sub));
        assert_eq!(
            combine_headers(&top, &sub),
            r(&[
                "STT",
                "Nhiệm vụ",
                "Đơn vị thực hiện – Chủ trì",
                "Đơn vị thực hiện – Phối hợp"
            ])
        );
        assert!(number_row(&r(&["(1)", "(2)", "(3)", "(4)"])));
        assert!(!number_row(&r(&["1", "Sở", "x"])));
    }

    #[test]
    fn layout_vs_data() {
        let data = Table {
            header: r(&["STT", "Nội dung"]),
            rows: vec![r(&["1", "Nơi nhận hồ sơ"])],
            page: None,
            caption: None,
        };
        assert!(!is_layout(&data));
        let sign = Table {
            header: r(&["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]),
            rows: vec![],
            page: None,
            caption: None,
        };
        assert!(is_layout(&sign));
        let stats = Table {
            header: r(&["Năm", "Số HTX"]),
            rows: vec![r(&["2023", "700"])],
            page: None,
            caption: None,
        };
        assert!(!is_layout(&stats));
    }
}

#[cfg(test)]
mod caption_tests {
    use super::*;

    fn caption_of(text: &str) -> Option<String> {
        let ls = lines(text);
        let start = text.find("| STT").map(|b| text[..b].chars().count())?;
        caption_above(&ls, start)
    }

    #[test]
    fn headings_and_label_lines_are_captions() {
        assert_eq!(
            caption_of(
                "Ghi chú: các sông liên tỉnh.\nIII. UBND tỉnh Nghệ An\n| STT | Tên sông |\n"
            )
            .as_deref(),
            Some("III. UBND tỉnh Nghệ An")
        );
        assert_eq!(
            caption_of("Phụ lục 2\nMỘT SỐ NHIỆM VỤ CHỦ YẾU\nCỦA KẾ HOẠCH (kèm theo Kế hoạch số 251/KH-UBND)\n| STT | Nhiệm vụ |\n")
                .as_deref(),
            Some("Phụ lục 2 MỘT SỐ NHIỆM VỤ CHỦ YẾU CỦA KẾ HOẠCH (kèm theo Kế hoạch số 251/KH-UBND)")
        );
        assert_eq!(
            caption_of("Biểu 01\n(Kèm theo Quyết định số 12/QĐ-UBND)\nĐơn vị tính: triệu đồng\n| STT | Nội dung |\n")
                .as_deref(),
            Some("Biểu 01")
        );
        assert_eq!(
            caption_of("Bảng 2. Mức hỗ trợ theo nhóm đối tượng\n- 3 -\n| STT | Nội dung |\n")
                .as_deref(),
            Some("Bảng 2. Mức hỗ trợ theo nhóm đối tượng")
        );
    }

    #[test]
    fn a_paragraph_above_is_no_caption() {
        assert_eq!(
            caption_of("Ủy ban nhân dân tỉnh ban hành danh mục sau đây để các cơ quan thực hiện.\n| STT | Nội dung |\n"),
            None
        );
        assert_eq!(
            caption_of("1. Quán triệt sâu sắc, đầy đủ quan điểm, mục tiêu, nhiệm vụ và giải pháp đã đề ra tại Nghị quyết.\n| STT | Nội dung |\n"),
            None
        );
        assert_eq!(caption_of("| STT | Nội dung |\n"), None);
    }

    #[test]
    fn a_heading_between_tables_with_one_header_keeps_them_apart() {
        let text = "I. UBND tỉnh Nghệ An\n| STT | Tên sông | Chiều dài (km) |\n| 1 | Sông Lam | 12 |\n| | CỘNG: | 12 |\nII. UBND tỉnh Hà Tĩnh\n| STT | Tên sông | Chiều dài (km) |\n| 1 | Sông Ngàn Phố | 40 |\n";
        let doc = NormalizedDocument {
            text: text.into(),
            ..Default::default()
        };
        let ls = lines(text);
        let m = merge(pieces(&doc, &ls), &ls, &mut Vec::new());
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].table.caption.as_deref(), Some("I. UBND tỉnh Nghệ An"));
        assert_eq!(m[1].table.caption.as_deref(), Some("II. UBND tỉnh Hà Tĩnh"));
        assert_eq!(m[0].table.rows.len(), 2);
    }

    #[test]
    fn a_lower_header_row_under_a_spanning_cell_names_its_columns() {
        let r = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let top = r(&[
            "STT",
            "Nội dung hỗ trợ",
            "Chỉ tiêu theo đối tượng",
            "",
            "",
            "Ghi chú",
        ]);
        let sub = r(&["", "", "Nhóm 1", "Nhóm 2", "Nhóm 3", ""]);
        assert!(spanned_sub_header(&top, &sub));
        assert_eq!(
            combine_headers(&top, &sub),
            r(&[
                "STT",
                "Nội dung hỗ trợ",
                "Chỉ tiêu theo đối tượng – Nhóm 1",
                "Chỉ tiêu theo đối tượng – Nhóm 2",
                "Chỉ tiêu theo đối tượng – Nhóm 3",
                "Ghi chú"
            ])
        );
        // a data row under a header without spanning cells is data
        let flat = r(&["STT", "Nội dung", "Mức 1", "Mức 2"]);
        assert!(!spanned_sub_header(&flat, &r(&["", "", "10", "20"])));
        // a row with text under a one-column header cell is data
        assert!(!spanned_sub_header(
            &top,
            &r(&["", "Hỗ trợ", "Nhóm 1", "Nhóm 2", "", ""])
        ));
        // the column numbers under a header are not names
        assert!(!spanned_sub_header(
            &top,
            &r(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
        ));
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn title_row_above_header_is_dropped() {
        let r = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let p = Piece {
            rows: vec![
                r(&["DANH MỤC NHIỆM VỤ", "", ""]),
                r(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]),
                r(&["1", "A", "Sở Y tế"]),
            ],
            span: Span::new(0, 10),
            page: None,
        };
        let m = merge(vec![p], &[], &mut Vec::new());
        assert_eq!(m[0].table.header, r(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]));
        assert_eq!(m[0].table.rows.len(), 1);
    }
}
