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

/// True when the text between two pieces is only page furniture (page numbers, blank
/// lines, a short running header) so the second piece may continue the first.
fn gap_is_furniture(lines: &[Line<'_>], from: usize, to: usize) -> bool {
    let mut chars = 0usize;
    for l in lines.iter().filter(|l| l.start >= from && l.start < to) {
        let t = l.text.trim();
        if t.is_empty() || is_pipe_line(t) {
            continue;
        }
        let k = key(t);
        if k.starts_with("phụ lục") || k.starts_with("biểu") || k.starts_with("bảng") {
            return false;
        }
        let page_no = t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ' || c == '/')
            || k.starts_with("trang ");
        if !page_no {
            chars += t.chars().count();
        }
    }
    chars <= 60
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
        if title && rows.get(1).is_some_and(|r| header_like(r)) {
            rows.remove(0);
        }
        if rows.is_empty() {
            continue;
        }
        let mut header = rows.remove(0);
        if let Some(second) = rows.first() {
            if header_like(&header) && sub_header(second) {
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
            (false, false) => format!("{t} {s}"),
            (true, false) if !parent.is_empty() => format!("{parent} {s}"),
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
                "Đơn vị thực hiện Chủ trì",
                "Đơn vị thực hiện Phối hợp"
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
        };
        assert!(!is_layout(&data));
        let sign = Table {
            header: r(&["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"]),
            rows: vec![],
            page: None,
        };
        assert!(is_layout(&sign));
        let stats = Table {
            header: r(&["Năm", "Số HTX"]),
            rows: vec![r(&["2023", "700"])],
            page: None,
        };
        assert!(!is_layout(&stats));
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
