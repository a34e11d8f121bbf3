//! HTML (including Word-exported HTML as the national legal database serves it): paragraphs and tables.

use scraper::{ElementRef, Html, Node};
use vanban_model::{Block, RawTable};

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an element with `<br>` as a space and whitespace collapsed.
fn text_of(el: ElementRef) -> String {
    collapse(&segments_of(el).join(" "))
}

/// Text of an element cut at each `<br>` (a soft line break: the header block's issuer
/// lines, or a wrapped line the normalizer may join again).
fn segments_of(el: ElementRef) -> Vec<String> {
    let mut out = vec![String::new()];
    for d in el.descendants() {
        match d.value() {
            Node::Text(t) => {
                if let Some(last) = out.last_mut() {
                    last.push_str(t);
                }
            }
            Node::Element(e) if e.name() == "br" => out.push(String::new()),
            _ => {}
        }
    }
    out.into_iter()
        .map(|s| collapse(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "pre",
    "blockquote",
    "title",
];

fn is_header_cell_word(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "stt",
        "tt",
        "nhiệm vụ",
        "nội dung",
        "đơn vị",
        "cơ quan",
        "chỉ tiêu",
        "kết quả",
        "thời gian",
        "mục tiêu",
    ]
    .iter()
    .any(|w| l == *w || l.starts_with(w))
}

/// Read a `<table>` into rows, honouring rowspan/colspan: the text once, "" in spanned positions.
fn read_table(table: ElementRef) -> (Vec<Vec<String>>, Vec<Vec<ElementRef>>) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut els: Vec<Vec<ElementRef>> = Vec::new();
    // pending rowspans: column -> rows still covered
    let mut pending: Vec<usize> = Vec::new();
    for tr in table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
    {
        // only rows of this table, not of nested tables
        if tr
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table")
            != Some(table)
        {
            continue;
        }
        let mut row: Vec<String> = Vec::new();
        let mut row_els: Vec<ElementRef> = Vec::new();
        let mut col = 0;
        let take_pending = |row: &mut Vec<String>, col: &mut usize, pending: &mut Vec<usize>| {
            while *col < pending.len() && pending[*col] > 0 {
                pending[*col] -= 1;
                row.push(String::new());
                *col += 1;
            }
        };
        for cell in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            take_pending(&mut row, &mut col, &mut pending);
            row_els.push(cell);
            let colspan = cell
                .value()
                .attr("colspan")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let rowspan = cell
                .value()
                .attr("rowspan")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 1000);
            for k in 0..colspan {
                row.push(if k == 0 { text_of(cell) } else { String::new() });
                if pending.len() <= col {
                    pending.resize(col + 1, 0);
                }
                pending[col] = rowspan - 1;
                col += 1;
            }
        }
        take_pending(&mut row, &mut col, &mut pending);
        if !row.is_empty() {
            rows.push(row);
            els.push(row_els);
        }
    }
    (rows, els)
}

/// A layout table (document header with the national motto, signature block) rather than data.
fn is_layout(rows: &[Vec<String>]) -> bool {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let header_named = rows
        .first()
        .is_some_and(|r| r.iter().filter(|c| is_header_cell_word(c)).count() >= 2);
    if header_named {
        return false;
    }
    let all = rows
        .iter()
        .flatten()
        .map(|c| c.to_uppercase())
        .collect::<Vec<_>>()
        .join(" ");
    cols <= 3
        && (all.contains("CỘNG HÒA XÃ HỘI")
            || all.contains("CỘNG HOÀ XÃ HỘI")
            || all.contains("NƠI NHẬN")
            || all.contains("CHỦ TỊCH")
            || all.contains("TM.")
            || all.contains("KT.")
            || rows.len() <= 3)
}

/// Nesting deeper than this is read as the text of the whole subtree (no document nests so
/// deep; a hostile one must not overflow the stack).
const MAX_DEPTH: usize = 200;

fn walk(el: ElementRef, out: &mut Vec<Block>, depth: usize) {
    if depth > MAX_DEPTH {
        let s = text_of(el);
        if !s.is_empty() {
            out.push(Block::Paragraph(s));
        }
        return;
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let s = collapse(t);
                if !s.is_empty() {
                    out.push(Block::Paragraph(s));
                }
            }
            Node::Element(e) => {
                let Some(ch) = ElementRef::wrap(child) else {
                    continue;
                };
                match e.name() {
                    "script" | "style" | "head" | "noscript" => {}
                    "table" => {
                        let (rows, els) = read_table(ch);
                        if is_layout(&rows) {
                            // layout: read column by column so issuer and motto do not interleave
                            let cols = els.iter().map(|r| r.len()).max().unwrap_or(0);
                            for c in 0..cols {
                                for r in &els {
                                    if let Some(cell) = r.get(c) {
                                        walk(*cell, out, depth + 1);
                                    }
                                }
                            }
                        } else if !rows.is_empty() {
                            out.push(Block::Table(RawTable { rows, page: None }));
                        }
                    }
                    "br" => {}
                    name if BLOCKS.contains(&name) => {
                        let has_block_child = ch
                            .descendants()
                            .skip(1)
                            .filter_map(ElementRef::wrap)
                            .any(|d| {
                                BLOCKS.contains(&d.value().name()) || d.value().name() == "table"
                            });
                        if has_block_child {
                            walk(ch, out, depth + 1);
                        } else {
                            let segs = segments_of(ch);
                            if segs.len() > 1 {
                                out.extend(segs.into_iter().map(Block::Line));
                                // the next block starts a new paragraph
                                out.push(Block::Line(String::new()));
                            } else if let Some(s) = segs.into_iter().next() {
                                out.push(Block::Paragraph(s));
                            }
                        }
                    }
                    _ => walk(ch, out, depth + 1),
                }
            }
            _ => {}
        }
    }
}

/// Read an HTML document into paragraphs and tables.
///
/// ```
/// let b = vanban_read::html::read("<html><body><p class=MsoNormal>Căn cứ Luật</p><table><tr><td>STT</td><td>Nội dung</td></tr><tr><td>1</td><td>Việc</td></tr></table></body></html>");
/// assert_eq!(b.len(), 2);
/// assert!(matches!(&b[1], vanban_model::Block::Table(t) if t.rows[1] == ["1", "Việc"]));
/// ```
pub fn read(html: &str) -> Vec<Block> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    walk(doc.root_element(), &mut out, 0);
    out
}

/// True when text starts like an HTML document.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<')
            && (head.contains("<body") || head.contains("<p") || head.contains("<table")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rowspan_and_colspan() {
        let b = read("<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Đơn vị chủ trì</th></tr><tr><td rowspan=2>1</td><td colspan=2>Nhóm</td></tr><tr><td>Việc</td><td>Sở Tài chính</td></tr></table>");
        match &b[0] {
            Block::Table(t) => {
                assert_eq!(t.rows[1], vec!["1", "Nhóm", ""]);
                assert_eq!(t.rows[2], vec!["", "Việc", "Sở Tài chính"]);
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn layout_header_read_by_columns() {
        let b = read("<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH X</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></td></tr><tr><td>Số: 1/KH-UBND</td><td>X, ngày 1 tháng 2 năm 2023</td></tr></table><p>KẾ HOẠCH</p>");
        let texts: Vec<String> = b
            .iter()
            .filter_map(|x| {
                if let Block::Paragraph(p) = x {
                    Some(p.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "ỦY BAN NHÂN DÂN",
                "TỈNH X",
                "Số: 1/KH-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "X, ngày 1 tháng 2 năm 2023",
                "KẾ HOẠCH"
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "<html><body>{}Kế hoạch{}</body></html>",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let b = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read(&html))
            .expect("thread")
            .join()
            .expect("no overflow");
        assert_eq!(b, vec![Block::Paragraph("Kế hoạch".into())]);
    }

    #[test]
    fn br_inside_paragraph_and_scripts_dropped() {
        let b = read("<html><head><style>p{}</style></head><body><p>a<br>b</p><p>c</p><script>x</script></body></html>");
        assert_eq!(
            b,
            vec![
                Block::Line("a".into()),
                Block::Line("b".into()),
                Block::Line(String::new()),
                Block::Paragraph("c".into())
            ]
        );
    }
}
