//! Glyphs into lines, lines into chunks (runs separated by wide gaps), and the reading
//! order of a page: two-column regions (document header, signature block) read column by
//! column, tables from ruling lines placed where they stand.

use crate::collect::{Glyph, PageData};
use crate::table;
use unicode_normalization::UnicodeNormalization;
use vanban_model::RawTable;

/// A gap wider than this many font sizes separates two chunks of a line (tab stops,
/// table-like columns, the two halves of a document header).
const CHUNK_GAP: f64 = 2.0;
/// A gap wider than this many font sizes is a word space.
const WORD_GAP: f64 = 0.15;

/// A run of glyphs on one line with no wide gap inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chunk {
    pub x0: f64,
    pub x1: f64,
    pub text: String,
}

/// One visual line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// Baseline (top-down).
    pub y: f64,
    /// Largest font size on the line.
    pub size: f64,
    pub chunks: Vec<Chunk>,
}

impl Line {
    /// The line's text with chunks joined by one space.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.chunks {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&c.text);
        }
        s
    }
}

/// Group glyphs into lines by baseline, order each line by x, infer word spaces from gaps
/// and split it into chunks at wide gaps. Lines come out top to bottom.
pub(crate) fn build_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y).then(a.cmp(&b)));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut base = f64::NEG_INFINITY;
    let mut size = 0.0f64;
    for i in order {
        let Some(g) = glyphs.get(i) else { continue };
        match clusters.last_mut() {
            Some(cur) if (g.y - base).abs() <= 0.45 * size.max(g.size) => {
                cur.push(i);
                if !g.space {
                    size = size.max(g.size);
                }
            }
            _ => {
                clusters.push(vec![i]);
                base = g.y;
                size = if g.space { 0.0 } else { g.size };
            }
        }
    }
    let mut lines = Vec::with_capacity(clusters.len());
    for mut cl in clusters {
        cl.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
        if let Some(line) = line_from(glyphs, &cl) {
            lines.push(line);
        }
    }
    lines
}

fn line_from(glyphs: &[&Glyph], idx: &[usize]) -> Option<Line> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    let mut kept: Vec<&Glyph> = Vec::new();
    let mut ysum = 0.0;
    let mut size = 0.0f64;
    for &i in idx {
        let Some(&g) = glyphs.get(i) else { continue };
        if g.space {
            pending_space = prev.is_some();
            continue;
        }
        // Simulated bold draws the same glyph twice, a fraction of a point apart.
        let tol = 0.25 * g.size;
        if kept
            .iter()
            .rev()
            .take(4)
            .any(|k| k.text == g.text && (k.x - g.x).abs() < tol && (k.y - g.y).abs() < tol)
        {
            continue;
        }
        kept.push(g);
        ysum += g.y;
        size = size.max(g.size);
        match (prev, cur.as_mut()) {
            (Some(p), Some(c)) => {
                let gap = g.x - (p.x + p.w);
                let em = p.size.max(g.size);
                if gap > CHUNK_GAP * em {
                    if let Some(done) = cur.take() {
                        chunks.push(done);
                    }
                    cur = Some(Chunk {
                        x0: g.x,
                        x1: g.x + g.w,
                        text: g.text.clone(),
                    });
                } else {
                    if (pending_space || gap > WORD_GAP * em) && !c.text.ends_with(' ') {
                        c.text.push(' ');
                    }
                    c.text.push_str(&g.text);
                    c.x1 = c.x1.max(g.x + g.w);
                }
            }
            _ => {
                cur = Some(Chunk {
                    x0: g.x,
                    x1: g.x + g.w,
                    text: g.text.clone(),
                })
            }
        }
        pending_space = false;
        prev = Some(g);
    }
    if let Some(done) = cur.take() {
        chunks.push(done);
    }
    for c in &mut chunks {
        c.text = c.text.trim().nfc().collect();
    }
    chunks.retain(|c| !c.text.is_empty());
    if chunks.is_empty() {
        return None;
    }
    Some(Line {
        y: ysum / kept.len().max(1) as f64,
        size,
        chunks,
    })
}

/// One item of a page in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Line(String),
    Table(RawTable),
}

/// Lay out one page: tables from ruling lines, then lines in reading order with
/// two-column regions read column by column.
pub(crate) fn page_items(page: &PageData) -> Vec<Item> {
    let grids = table::find_grids(&page.segs);
    let mut in_table: Vec<Vec<&Glyph>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        let cx = g.x + g.w / 2.0;
        let cy = g.y - 0.3 * g.size;
        match grids.iter().position(|t| t.contains(cx, cy)) {
            Some(t) => {
                if let Some(v) = in_table.get_mut(t) {
                    v.push(g);
                }
            }
            None => free.push(g),
        }
    }
    // (top y, item)
    let mut placed: Vec<(f64, Item)> = Vec::new();
    for (grid, glyphs) in grids.iter().zip(in_table.iter()) {
        let rows = grid.fill(glyphs);
        if !rows.is_empty() {
            placed.push((
                grid.top(),
                Item::Table(RawTable {
                    rows,
                    page: Some(page.number),
                }),
            ));
        }
    }
    let lines = build_lines(&free);
    for (y, text) in order_lines(&lines) {
        placed.push((y, Item::Line(text)));
    }
    // Stable: lines keep their column order among themselves.
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed.into_iter().map(|(_, i)| i).collect()
}

/// A two-sided line: exactly two chunks, returns the gutter between them.
fn gutter(line: &Line) -> Option<(f64, f64)> {
    match line.chunks.as_slice() {
        [a, b] => Some((a.x1, b.x0)),
        _ => None,
    }
}

/// Emit lines in reading order as (sort key, text). Runs of lines that share a vertical
/// gutter (the document header: issuer | motto, number | place and date; the signature
/// block) are emitted left column first, then right column, all at the run's top.
fn order_lines(lines: &[Line]) -> Vec<(f64, String)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        let Some((mut g0, mut g1)) = gutter(line) else {
            out.push((line.y - line.size, line.text()));
            i += 1;
            continue;
        };
        // Extend the run downwards while lines stay on one side of the gutter.
        let mut end = i + 1;
        let mut last_two_sided = i;
        let mut prev_y = line.y;
        while let Some(next) = lines.get(end) {
            let pitch = next.y - prev_y;
            if pitch > 2.6 * next.size.max(line.size) {
                break;
            }
            if let Some((a, b)) = gutter(next) {
                let (n0, n1) = (g0.max(a), g1.min(b));
                if n1 - n0 < 0.5 * next.size {
                    break;
                }
                g0 = n0;
                g1 = n1;
                last_two_sided = end;
            } else if next.chunks.len() == 1 {
                let mid = (g0 + g1) / 2.0;
                let Some(c) = next.chunks.first() else { break };
                if !(c.x1 <= mid || c.x0 >= mid) {
                    break;
                }
            } else {
                break;
            }
            prev_y = next.y;
            end += 1;
        }
        // One-sided lines after the last two-sided line stay only when close to it.
        let mut stop = last_two_sided + 1;
        while stop < end {
            let (Some(a), Some(b)) = (lines.get(stop - 1), lines.get(stop)) else {
                break;
            };
            if b.y - a.y > 1.8 * b.size.max(a.size) {
                break;
            }
            stop += 1;
        }
        let mid = (g0 + g1) / 2.0;
        let key = line.y - line.size;
        let run = lines.get(i..stop).unwrap_or_default();
        let mut right = Vec::new();
        for l in run {
            for c in &l.chunks {
                if c.x0 >= mid {
                    right.push(c.text.clone());
                } else {
                    out.push((key, c.text.clone()));
                }
            }
        }
        out.extend(right.into_iter().map(|t| (key, t)));
        i = stop;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, s: &str, size: f64) -> Vec<Glyph> {
        let w = 0.5 * size;
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * w,
                y,
                w,
                size,
                text: c.to_string(),
                space: c == ' ',
            })
            .collect()
    }

    fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        build_lines(&refs)
    }

    #[test]
    fn words_from_gaps_without_space_glyphs() {
        let mut g = word(10.0, 100.0, "Kế", 10.0);
        g.extend(word(22.0, 100.0, "hoạch", 10.0));
        let l = lines_of(&g);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text(), "Kế hoạch");
    }

    #[test]
    fn no_space_inside_a_word_and_nfc() {
        // "e" + combining circumflex + combining acute, as separate chars of one glyph
        let g = vec![
            Glyph {
                x: 0.0,
                y: 50.0,
                w: 5.0,
                size: 10.0,
                text: "K".into(),
                space: false,
            },
            Glyph {
                x: 5.0,
                y: 50.0,
                w: 5.0,
                size: 10.0,
                text: "e\u{302}\u{301}".into(),
                space: false,
            },
        ];
        let l = lines_of(&g);
        assert_eq!(l[0].text(), "Kế");
    }

    #[test]
    fn lines_ordered_top_down_and_by_x() {
        let mut g = word(50.0, 200.0, "sau", 10.0);
        g.extend(word(10.0, 100.0, "truoc", 10.0));
        let l = lines_of(&g);
        assert_eq!(
            l.iter().map(Line::text).collect::<Vec<_>>(),
            ["truoc", "sau"]
        );
    }

    #[test]
    fn fake_bold_duplicates_dropped() {
        let mut g = word(10.0, 100.0, "AB", 10.0);
        g.extend(word(10.3, 100.0, "AB", 10.0));
        assert_eq!(lines_of(&g)[0].text(), "AB");
    }

    #[test]
    fn two_column_header_read_column_by_column() {
        let mut g = Vec::new();
        g.extend(word(40.0, 60.0, "UY BAN", 12.0));
        g.extend(word(300.0, 60.0, "CONG HOA", 12.0));
        g.extend(word(40.0, 75.0, "TINH X", 12.0));
        g.extend(word(300.0, 76.0, "Doc lap", 12.0));
        g.extend(word(40.0, 100.0, "So: 5/KH", 12.0));
        g.extend(word(300.0, 100.0, "X, ngay 1", 12.0));
        g.extend(word(40.0, 160.0, "Than bai", 12.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
        };
        let items = page_items(&page);
        let texts: Vec<String> = items
            .into_iter()
            .map(|i| match i {
                Item::Line(s) => s,
                Item::Table(_) => "TABLE".into(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "UY BAN",
                "TINH X",
                "So: 5/KH",
                "CONG HOA",
                "Doc lap",
                "X, ngay 1",
                "Than bai"
            ]
        );
    }

    #[test]
    fn a_single_column_paragraph_is_not_split() {
        let mut g = word(40.0, 60.0, "mot dong van ban dai", 12.0);
        g.extend(word(40.0, 75.0, "dong thu hai", 12.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
        };
        assert_eq!(
            page_items(&page),
            vec![
                Item::Line("mot dong van ban dai".into()),
                Item::Line("dong thu hai".into())
            ]
        );
    }
}
