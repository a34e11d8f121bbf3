//! Tables without ruling lines, found from the column alignment of words ("stream" tables).
//!
//! A Word table printed without borders leaves only its alignment: between its columns
//! runs a vertical band of white space (a gutter) that no line of the table crosses, while
//! the word spaces of prose never line up over several lines. So:
//!
//! 1. A *seed* is a line with at least two wide gaps between words (three or more cells):
//!    gaps at least [`GUTTER`] font sizes wide, and wider by [`OVER_SPACE`] than the page's
//!    word space ([`gutter_width`]: an OCR engine boxes words by their ink, so a scan's word
//!    gaps run wider than a typeset page's, and lines that begin with the same words, "Căn
//!    cứ Luật …", would line up as columns).
//! 2. From a seed the region grows downwards line by line while the gutters (white bands at
//!    least that wide, free in every line so far) number at least two. A
//!    line with a row label left of the first gutter whose text starts at the second
//!    column and crosses later gutters (or the wrapped rest of such a line) is a *spanning*
//!    line: a group heading written across merged cells ("II | Hoàn thiện cơ chế, chính
//!    sách"); it does not narrow the gutters. Any other line that crosses a gutter, or a
//!    wide vertical gap, ends the region.
//! 3. The region is a table when it has at least [`MIN_LINES`] lines, two of them with text
//!    in three or more columns, and few spanning lines.
//! 4. Cells: each line is cut at the gutters; a piece goes to the column where it starts.
//!    Rows: when the first column holds short labels (STT: "1", "II", "1.2", "a") a row
//!    starts at every line with a label (or a spanning line) and the lines under it are the
//!    wrapped rest of its cells; without such a column a row starts after a vertical gap
//!    wider than the table's line pitch.

use crate::layout::{join_wrapped, Line, Word};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Minimum width of a gutter between columns, in font sizes (a word space is about 0.25).
const GUTTER: f64 = 0.35;
/// How much wider than the page's word space a gutter must be.
const OVER_SPACE: f64 = 1.4;
/// Lines with at least this many words are prose enough to measure the word space on.
const PROSE_WORDS: usize = 6;
/// Minimum number of lines of a table.
const MIN_LINES: usize = 3;
/// While a region has fewer lines than this, a line may close a gutter (merging two
/// columns) instead of ending the region.
const YOUNG: usize = 5;
/// Pages with more lines than this are not searched (no real page has them; a hostile
/// file could make the search quadratic).
const MAX_LINES: usize = 1000;
/// A vertical gap larger than this many font sizes between two lines ends a table.
const MAX_PITCH: f64 = 2.8;

/// A table found on a page: the lines it took (`first..=last` of the page's lines) and its
/// cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StreamTable {
    pub first: usize,
    pub last: usize,
    pub rows: Vec<Vec<String>>,
}

/// A white band between two columns.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gutter {
    x0: f64,
    x1: f64,
}

impl Gutter {
    fn mid(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Merged x-intervals covered by words, sorted.
#[derive(Debug, Clone, Default)]
struct Occupancy(Vec<(f64, f64)>);

impl Occupancy {
    fn with(&self, words: &[Word]) -> Occupancy {
        let mut v = self.0.clone();
        v.extend(words.iter().map(|w| (w.x0, w.x1.max(w.x0))));
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(v.len());
        for (a, b) in v {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Occupancy(out)
    }

    /// White bands at least `min` wide between covered intervals.
    fn gutters(&self, min: f64) -> Vec<Gutter> {
        self.0
            .windows(2)
            .filter_map(|w| match w {
                [a, b] if b.0 - a.1 >= min => Some(Gutter { x0: a.1, x1: b.0 }),
                _ => None,
            })
            .collect()
    }
}

/// Gaps between the words of one line at least `min` wide.
fn wide_gaps(line: &Line, min: f64) -> usize {
    line.words
        .windows(2)
        .filter(|w| matches!(w, [a, b] if b.x0 - a.x1 >= min))
        .count()
}

/// True when gutter `old` still has a gutter of the new set inside it.
fn survives(old: &Gutter, new: &[Gutter]) -> bool {
    new.iter()
        .any(|n| n.x0 >= old.x0 - 0.01 && n.x1 <= old.x1 + 0.01)
}

/// A row label of the first column: "1", "12", "I", "IV", "1.2", "a", "a)", "-", "+", "*".
fn is_label(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ')']);
    if t.is_empty() {
        return matches!(s.trim(), "-" | "+" | "*" | "•");
    }
    if t.chars().count() > 6 {
        return false;
    }
    matches!(t, "-" | "+" | "*" | "•")
        || t.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        || t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        || (t.chars().count() == 1 && t.chars().all(char::is_alphabetic))
}

/// How a line relates to the region's gutters.
enum Fit {
    /// Crosses no gutter.
    Regular,
    /// A group heading across merged cells.
    Spanning,
    /// Ends the region.
    Outside,
}

fn fit(
    line: &Line,
    occ: &Occupancy,
    gutters: &[Gutter],
    min: f64,
    after_spanning: bool,
    young: bool,
) -> (Fit, Occupancy, Vec<Gutter>) {
    let grown = occ.with(&line.words);
    let new = grown.gutters(min);
    let killed: Vec<usize> = gutters
        .iter()
        .enumerate()
        .filter(|(_, g)| !survives(g, &new))
        .map(|(i, _)| i)
        .collect();
    if killed.is_empty() {
        return (Fit::Regular, grown, new);
    }
    let Some(first) = gutters.first() else {
        return (Fit::Outside, grown, new);
    };
    // A group heading: a label in the first column ("II"), or the wrapped rest of the
    // heading above, and one run of text that starts at the second column and runs across
    // the others.
    let label = line
        .words
        .first()
        .is_some_and(|w| w.x1 <= first.x0 + 0.01 && is_label(line.word(w)));
    let rest: Vec<&Word> = line.words.iter().filter(|w| w.x0 >= first.x0).collect();
    let one_run = rest
        .windows(2)
        .all(|w| matches!(w, [a, b] if b.x0 - a.x1 < min));
    let starts_in_second = rest.first().is_some_and(|w| {
        gutters
            .get(1)
            .is_some_and(|g1| w.x0 < g1.x0 && w.x0 - first.x1 < 2.0 * line.size)
    });
    if killed.contains(&0) {
        (Fit::Outside, grown, new)
    } else if starts_in_second && one_run && (label || after_spanning) {
        (Fit::Spanning, grown, new)
    } else if young && new.len() >= 2 {
        // a band inside a column that the first lines happened to leave free (a centred
        // header over right-aligned numbers): the columns on its sides are one
        (Fit::Regular, grown, new)
    } else {
        (Fit::Outside, grown, new)
    }
}

/// One grown region: lines `first..end`, the gutters, which lines span.
struct Region {
    first: usize,
    /// Minimum gutter width.
    min: f64,
    end: usize,
    gutters: Vec<Gutter>,
    spanning: Vec<bool>,
}

/// The least width of a gutter, in font sizes: [`GUTTER`], or [`OVER_SPACE`] times the
/// page's word space — the median gap between words on lines of [`PROSE_WORDS`] words or
/// more (a table's short rows, whose gaps are mostly gutters, left out) — when that is
/// wider. [`GUTTER`] alone when fewer than 20 such gaps are on the page.
fn gutter_width(lines: &[Line]) -> f64 {
    let mut gaps: Vec<f64> = lines
        .iter()
        .filter(|l| l.words.len() >= PROSE_WORDS && l.size > 0.0)
        .flat_map(|l| {
            l.words.windows(2).filter_map(move |w| match w {
                [a, b] => Some((b.x0 - a.x1) / l.size),
                _ => None,
            })
        })
        .filter(|g| g.is_finite())
        .collect();
    if gaps.len() < 20 {
        return GUTTER;
    }
    gaps.sort_by(f64::total_cmp);
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    GUTTER.max(OVER_SPACE * median)
}

fn grow(lines: &[Line], first: usize, allow_spanning: bool, gutter: f64) -> Option<Region> {
    let seed = lines.get(first)?;
    let min = gutter * seed.size;
    let mut occ = Occupancy::default().with(&seed.words);
    let mut gutters = occ.gutters(min);
    if gutters.len() < 2 {
        return None;
    }
    let mut spanning = vec![false];
    let mut end = first + 1;
    while let Some(line) = lines.get(end) {
        let prev = lines.get(end - 1)?;
        let size = line.size.max(prev.size);
        if line.y - prev.y > MAX_PITCH * size || (line.size - seed.size).abs() > 0.35 * seed.size {
            break;
        }
        let after_spanning = spanning.last().copied().unwrap_or(false);
        let young = end - first < YOUNG;
        match fit(line, &occ, &gutters, min, after_spanning, young) {
            (Fit::Regular, grown, new) => {
                if new.len() < 2 {
                    break;
                }
                occ = grown;
                gutters = new;
                spanning.push(false);
            }
            (Fit::Spanning, _, _) if allow_spanning => spanning.push(true),
            _ => break,
        }
        end += 1;
    }
    Some(Region {
        first,
        min,
        end,
        gutters,
        spanning,
    })
}

/// A header cell over merged columns ("Cơ quan" over "Chủ trì | Phối hợp") hides the
/// gutter between those columns in the header line. When the lines below the first one,
/// two or three (at least three of them) leave more gutters free, each inside one of the
/// region's, those are the columns, and the header lines that cross them span.
fn refine_under_header(lines: &[Line], region: &mut Region) {
    for k in 1..=3usize {
        let body = region.first + k;
        let mut occ = Occupancy::default();
        let mut n = 0;
        for j in body..region.end {
            let (Some(l), Some(false)) = (lines.get(j), region.spanning.get(j - region.first))
            else {
                continue;
            };
            occ = occ.with(&l.words);
            n += 1;
        }
        if n < 3 {
            return;
        }
        let g = occ.gutters(region.min);
        if g.len() > region.gutters.len() && region.gutters.iter().all(|old| survives(old, &g)) {
            for j in 0..k {
                let crosses = lines.get(region.first + j).is_some_and(|l| {
                    l.words
                        .iter()
                        .any(|w| g.iter().any(|gt| w.x0 < gt.x1 && w.x1 > gt.x0))
                });
                if let Some(s) = region.spanning.get_mut(j) {
                    *s |= crosses;
                }
            }
            region.gutters = g;
            return;
        }
    }
}

/// Cut a line into pieces at the gutters: (column, text). A cut needs a gap at least `min`
/// wide around the gutter's middle (a regular line leaves the whole band free; a spanning
/// line's word spaces are not cuts).
fn pieces(line: &Line, gutters: &[Gutter], min: f64) -> Vec<(usize, String)> {
    let column = |x: f64| gutters.iter().filter(|g| g.mid() <= x).count();
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut prev: Option<&Word> = None;
    for w in &line.words {
        let cut = match prev {
            None => true,
            Some(p) => {
                w.x0 - p.x1 >= min && gutters.iter().any(|g| p.x1 <= g.mid() && g.mid() <= w.x0)
            }
        };
        match out.last_mut() {
            Some(last) if !cut => {
                last.1.push(' ');
                last.1.push_str(line.word(w));
            }
            _ => out.push((column(w.x0), line.word(w).to_string())),
        }
        prev = Some(w);
    }
    out
}

/// Rows of a region from its lines cut into pieces (`cut`, one entry per line).
fn build_rows(lines: &[Line], region: &Region, cut: &[Vec<(usize, String)>]) -> Vec<Vec<String>> {
    let ncols = region.gutters.len() + 1;
    let slice = lines.get(region.first..region.end).unwrap_or_default();
    // Is the first column a column of row labels?
    let firsts: Vec<&str> = cut
        .iter()
        .filter_map(|p| p.first().filter(|(c, _)| *c == 0).map(|(_, t)| t.as_str()))
        .collect();
    let labels = firsts.iter().filter(|t| is_label(t)).count();
    let keyed = labels >= 2 && labels * 3 >= firsts.len() * 2;
    let starts = row_starts(slice, cut, &region.spanning, keyed);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (line_pieces, start) in cut.iter().zip(starts) {
        if start || rows.is_empty() {
            rows.push(vec![String::new(); ncols]);
        }
        let Some(row) = rows.last_mut() else { continue };
        for (c, text) in line_pieces {
            if let Some(cell) = row.get_mut((*c).min(ncols - 1)) {
                join_wrapped(cell, text);
            }
        }
    }
    rows
}

/// The line pitch inside a cell: the smallest baseline distance between consecutive
/// pieces of one column that is a plausible line pitch (0.8 to 2 font sizes).
fn cell_pitch(lines: &[Line], cut: &[Vec<(usize, String)>], ncols: usize) -> Option<f64> {
    let mut last_y: Vec<Option<f64>> = vec![None; ncols];
    let mut dists = Vec::new();
    for (line, pieces) in lines.iter().zip(cut) {
        for (c, _) in pieces {
            if let Some(slot) = last_y.get_mut(*c) {
                if let Some(y) = *slot {
                    let d = line.y - y;
                    if d >= 0.8 * line.size && d <= 2.0 * line.size {
                        dists.push(d);
                    }
                }
                *slot = Some(line.y);
            }
        }
    }
    dists.into_iter().reduce(f64::min)
}

/// True when every piece of a line starts in lower case: Vietnamese cell text starts with
/// a capital, so such a line is the wrapped rest of the cells above.
fn goes_on(pieces: &[(usize, String)]) -> bool {
    !pieces.is_empty()
        && pieces
            .iter()
            .all(|(_, t)| t.chars().next().is_some_and(char::is_lowercase))
}

/// Which lines start a row.
///
/// When the distance between some consecutive lines exceeds the line pitch inside a cell,
/// rows are the runs of lines between such gaps (cell padding shows between rows, and it
/// also holds when cells are centred vertically, the row label beside a cell's middle
/// line). With a label column, a run without a label is the rest of the row above (a cell
/// with paragraph spacing) and a run with two labels is two rows. Without gaps, a label
/// (or a group heading) starts a row; without labels either, every line is a row.
fn row_starts(
    lines: &[Line],
    cut: &[Vec<(usize, String)>],
    spanning: &[bool],
    keyed: bool,
) -> Vec<bool> {
    let n = lines.len();
    let ncols = cut
        .iter()
        .flat_map(|p| p.iter().map(|(c, _)| c + 1))
        .max()
        .unwrap_or(1);
    let labelled: Vec<bool> = cut
        .iter()
        .zip(spanning.iter().chain(std::iter::repeat(&false)))
        .map(|(p, span)| *span || p.first().is_some_and(|(c, t)| *c == 0 && is_label(t)))
        .collect();
    let gaps: Vec<bool> = match cell_pitch(lines, cut, ncols) {
        Some(pitch) => (0..n)
            .map(|k| {
                k == 0
                    || match (lines.get(k - 1), lines.get(k)) {
                        (Some(a), Some(b)) => b.y - a.y > pitch + 0.15 * b.size,
                        _ => true,
                    }
            })
            .collect(),
        None => vec![true; n],
    };
    let gapped = gaps.iter().skip(1).any(|g| *g);
    if !gapped {
        // a label starts a row; without a label column a line with text in the first
        // column does, unless all its pieces go on in lower case (the wrapped rest of the
        // cells above); a line without first-column text is the rest of the row above
        // (its agency or unit cell wrapped: "Sở Kế hoạch và" / "Đầu tư")
        return (0..n)
            .map(|k| {
                k == 0
                    || labelled.get(k).copied().unwrap_or(false)
                    || !keyed
                        && cut
                            .get(k)
                            .is_some_and(|p| p.first().is_some_and(|(c, _)| *c == 0) && !goes_on(p))
            })
            .collect();
    }
    if !keyed {
        return gaps;
    }
    let mut starts = gaps.clone();
    let mut k = 0;
    let mut seen_label = false;
    while k < n {
        let end = (k + 1..n).find(|&j| gaps[j]).unwrap_or(n);
        let run = k..end;
        let run_labels: Vec<usize> = run.clone().filter(|&j| labelled[j]).collect();
        if run_labels.is_empty() && seen_label && k > 0 {
            starts[k] = false; // the rest of the row above
        }
        for &j in run_labels.iter().skip(1) {
            starts[j] = true; // two labelled rows with no gap between them
        }
        seen_label |= !run_labels.is_empty();
        k = end;
    }
    starts
}

/// Find the tables without ruling lines among a page's lines (top to bottom).
/// Whether a line holds the national heading of a Vietnamese document ("CỘNG HÒA XÃ HỘI
/// CHỦ NGHĨA VIỆT NAM", or its motto "Độc lập - Tự do - Hạnh phúc"), judged without marks
/// (OCR drops and swaps them). The heading stands in the document's header, beside the
/// issuer and its number, and is no table's cell: where its column and the issuer's line up
/// with a gap inside the issuer's name ("THỦ TƯỚNG | CHÍNH PHỦ", a word box read short), the
/// header is no table.
fn is_national_heading(line: &Line) -> bool {
    let folded: String = line
        .text()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'D',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    folded.contains("CONG HOA XA HOI CHU NGHIA")
        || (folded.contains("DOC LAP") && folded.contains("HANH PHUC"))
}

pub(crate) fn find_tables(lines: &[Line]) -> Vec<StreamTable> {
    let mut out = Vec::new();
    if lines.len() > MAX_LINES {
        return out;
    }
    // a seed has two wide gaps; a page needs two seeds
    let gutter = gutter_width(lines);
    let seeds: Vec<bool> = lines
        .iter()
        .map(|l| wide_gaps(l, gutter * l.size) >= 2)
        .collect();
    if seeds.iter().filter(|s| **s).count() < 2 {
        return out;
    }
    let mut i = 0;
    while i < lines.len() {
        if !seeds.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        let Some(mut region) = grow(lines, i, true, gutter) else {
            i += 1;
            continue;
        };
        let spans = region.spanning.iter().filter(|s| **s).count();
        if spans * 3 > region.spanning.len() {
            // gutters that most lines cross were not gutters: grow again without spanning lines
            match grow(lines, i, false, gutter) {
                Some(r) => region = r,
                None => {
                    i += 1;
                    continue;
                }
            }
        }
        refine_under_header(lines, &mut region);
        if lines
            .get(region.first..region.end)
            .is_some_and(|ls| ls.iter().any(is_national_heading))
        {
            i += 1;
            continue;
        }
        let n = region.end - region.first;
        let cut: Vec<Vec<(usize, String)>> = lines
            .get(region.first..region.end)
            .unwrap_or_default()
            .iter()
            .map(|l| pieces(l, &region.gutters, region.min))
            .collect();
        let rows = build_rows(lines, &region, &cut);
        let multi = cut
            .iter()
            .filter(|p| {
                let mut cols: Vec<usize> = p.iter().map(|(c, _)| *c).collect();
                cols.dedup();
                cols.len() >= 3
            })
            .count();
        if n >= MIN_LINES && multi >= 2 && rows.len() >= 2 {
            out.push(StreamTable {
                first: region.first,
                last: region.end - 1,
                rows,
            });
            i = region.end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Chunk;

    /// A line of words at given x positions; each word is `0.5 * size` per char wide, a
    /// quarter of the size (a typeset word space) apart.
    fn line(y: f64, words: &[(f64, &str)]) -> Line {
        spaced(y, words, 0.25)
    }

    /// [`line`] with words `space` font sizes apart (an OCR engine's ink boxes: half).
    fn spaced(y: f64, words: &[(f64, &str)], space: f64) -> Line {
        let size = 12.0;
        let mut ws = Vec::new();
        let mut word_text = String::new();
        let mut chunks = Vec::new();
        for (x, text) in words {
            let mut x = *x;
            for w in text.split(' ') {
                let width = 0.5 * size * w.chars().count() as f64;
                let start = word_text.len();
                word_text.push_str(w);
                ws.push(Word {
                    x0: x,
                    x1: x + width,
                    start,
                    end: word_text.len(),
                });
                chunks.push(Chunk {
                    x0: x,
                    x1: x + width,
                    text: w.to_string(),
                });
                x += width + space * size;
            }
        }
        Line {
            y,
            size,
            chunks,
            words: ws,
            word_text,
            lead: None,
        }
    }

    fn task_table() -> Vec<Line> {
        vec![
            line(
                100.0,
                &[(
                    72.0,
                    "Căn cứ Kế hoạch số 12/KH-UBND, giao nhiệm vụ như sau:",
                )],
            ),
            line(
                130.0,
                &[
                    (72.0, "STT"),
                    (110.0, "Nội dung"),
                    (300.0, "Chủ trì"),
                    (420.0, "Thời gian"),
                ],
            ),
            line(
                145.0,
                &[
                    (72.0, "I"),
                    (110.0, "Công tác tuyên truyền, quán triệt và phổ biến"),
                ],
            ),
            line(
                160.0,
                &[
                    (75.0, "1"),
                    (110.0, "Tổ chức quán triệt"),
                    (300.0, "Sở Nội vụ"),
                    (420.0, "Quý II/2024"),
                ],
            ),
            line(174.0, &[(110.0, "Nghị quyết số 20-"), (300.0, "và các sở")]),
            line(188.0, &[(110.0, "NQ/TW")]),
            line(
                203.0,
                &[
                    (75.0, "2"),
                    (110.0, "Rà soát chính sách"),
                    (300.0, "Sở Tài chính"),
                    (420.0, "2025"),
                ],
            ),
            line(
                240.0,
                &[(
                    72.0,
                    "Các cơ quan báo cáo kết quả thực hiện định kỳ hằng năm về Sở Kế hoạch.",
                )],
            ),
        ]
    }

    #[test]
    fn task_table_without_rules() {
        let lines = task_table();
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        let t = &t[0];
        assert_eq!((t.first, t.last), (1, 6));
        assert_eq!(
            t.rows,
            vec![
                vec!["STT", "Nội dung", "Chủ trì", "Thời gian"],
                vec!["I", "Công tác tuyên truyền, quán triệt và phổ biến", "", ""],
                vec![
                    "1",
                    "Tổ chức quán triệt Nghị quyết số 20-NQ/TW",
                    "Sở Nội vụ và các sở",
                    "Quý II/2024"
                ],
                vec!["2", "Rà soát chính sách", "Sở Tài chính", "2025"],
            ]
        );
    }

    /// A scan's page: "Căn cứ" lines that begin with the same words, and prose, their words
    /// half a font size apart as an OCR engine boxes them.
    fn scanned_page(extra: Vec<Line>) -> Vec<Line> {
        let mut lines: Vec<Line> = [
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "Căn cứ Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13;",
            "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;",
            "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
            "Ủy ban Thường vụ Quốc hội và Chính phủ ban hành Nghị quyết liên tịch.",
        ]
        .iter()
        .zip(0..)
        .map(|(t, k)| spaced(100.0 + 18.0 * f64::from(k), &[(90.0, t)], 0.5))
        .collect();
        for mut l in extra {
            l.y += 100.0;
            lines.push(l);
        }
        lines
    }

    #[test]
    fn lines_beginning_alike_on_a_scan_are_not_a_table() {
        // "Căn", "cứ", "Luật" stand one above the other, half a size apart: word spaces of
        // the page, no gutters
        assert!(find_tables(&scanned_page(Vec::new())).is_empty());
    }

    #[test]
    fn a_header_whose_columns_line_up_is_not_a_table() {
        // a scan's header: the issuer's name read with a wide gap inside it ("THỦ TƯỚNG"
        // boxed short), "Số:" and its code under the two halves, the national heading and
        // its motto to the right
        let row = |y: f64, cells: &[(f64, &str)]| spaced(y, cells, 0.5);
        let header = vec![
            row(
                100.0,
                &[
                    (72.0, "THỦ TƯỚNG"),
                    (150.0, "CHÍNH PHỦ"),
                    (250.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                ],
            ),
            row(
                115.0,
                &[
                    (80.0, "Số:"),
                    (150.0, "/CT-TTg"),
                    (270.0, "Độc lập - To do - Hạnh phúc"),
                ],
            ),
            row(
                130.0,
                &[(80.0, "TTg"), (150.0, "ĐP"), (280.0, "ngày 22 tháng 5")],
            ),
            row(160.0, &[(230.0, "CHỈ THỊ")]),
        ];
        assert!(find_tables(&header).is_empty());
        // the same lines without the heading and motto are a table's
        let mut plain = header.clone();
        plain[0] = row(
            100.0,
            &[
                (72.0, "THỦ TƯỚNG"),
                (150.0, "CHÍNH PHỦ"),
                (250.0, "BỘ CÔNG THƯƠNG"),
            ],
        );
        plain[1] = row(
            115.0,
            &[(80.0, "Số:"), (150.0, "/CT-TTg"), (270.0, "Bộ Tài chính")],
        );
        assert_eq!(find_tables(&plain).len(), 1);
    }

    #[test]
    fn a_table_on_a_scan_is_still_a_table() {
        let row = |y: f64, cells: &[(f64, &str)]| spaced(y, cells, 0.5);
        let table = vec![
            row(
                130.0,
                &[
                    (72.0, "STT"),
                    (110.0, "Nội dung"),
                    (300.0, "Chủ trì"),
                    (420.0, "Thời gian"),
                ],
            ),
            row(
                145.0,
                &[
                    (75.0, "1"),
                    (110.0, "Tổ chức quán triệt"),
                    (300.0, "Sở Nội vụ"),
                    (420.0, "Quý II"),
                ],
            ),
            row(
                160.0,
                &[
                    (75.0, "2"),
                    (110.0, "Rà soát chính sách"),
                    (300.0, "Sở Tài chính"),
                    (420.0, "2025"),
                ],
            ),
        ];
        let lines = scanned_page(table);
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].rows[0],
            vec!["STT", "Nội dung", "Chủ trì", "Thời gian"]
        );
        assert_eq!(
            t[0].rows[2],
            vec!["2", "Rà soát chính sách", "Sở Tài chính", "2025"]
        );
    }

    #[test]
    fn prose_is_not_a_table() {
        // justified lines whose wide spaces do not line up
        let lines = vec![
            line(
                100.0,
                &[
                    (72.0, "Phấn"),
                    (110.0, "đấu đến năm"),
                    (200.0, "2025 có 120 hợp tác xã"),
                ],
            ),
            line(
                115.0,
                &[
                    (72.0, "nông nghiệp"),
                    (160.0, "ứng"),
                    (230.0, "dụng công nghệ cao"),
                ],
            ),
            line(
                130.0,
                &[
                    (72.0, "thu nhập bình quân"),
                    (205.0, "của"),
                    (260.0, "thành viên tăng"),
                ],
            ),
            line(145.0, &[(72.0, "mười lăm phần trăm so với năm trước đó.")]),
        ];
        assert!(find_tables(&lines).is_empty());
    }

    #[test]
    fn two_column_header_is_not_a_table() {
        let lines = vec![
            line(
                50.0,
                &[
                    (90.0, "ỦY BAN NHÂN DÂN"),
                    (300.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                ],
            ),
            line(
                64.0,
                &[
                    (100.0, "TỈNH AN PHÚ"),
                    (330.0, "Độc lập - Tự do - Hạnh phúc"),
                ],
            ),
            line(
                90.0,
                &[
                    (95.0, "Số: 57/KH-UBND"),
                    (320.0, "An Phú, ngày 14 tháng 3 năm 2024"),
                ],
            ),
        ];
        assert!(find_tables(&lines).is_empty());
    }

    #[test]
    fn rows_by_vertical_gap_without_a_label_column() {
        let lines = vec![
            line(
                100.0,
                &[(72.0, "Chỉ tiêu"), (300.0, "Đơn vị"), (420.0, "2025")],
            ),
            line(
                120.0,
                &[
                    (72.0, "Số hợp tác xã"),
                    (300.0, "hợp tác xã"),
                    (420.0, "1.250"),
                ],
            ),
            line(134.0, &[(72.0, "đang hoạt động")]),
            line(
                154.0,
                &[(72.0, "Tỷ lệ thành viên"), (300.0, "%"), (420.0, "35")],
            ),
        ];
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].rows,
            vec![
                vec!["Chỉ tiêu", "Đơn vị", "2025"],
                vec!["Số hợp tác xã đang hoạt động", "hợp tác xã", "1.250"],
                vec!["Tỷ lệ thành viên", "%", "35"],
            ]
        );
    }

    #[test]
    fn a_paragraph_after_the_table_ends_it() {
        let mut lines = task_table();
        lines.truncate(7);
        // an indented first line of a paragraph, full width
        lines.push(line(
            218.0,
            &[(
                110.0,
                "Giao Sở Kế hoạch và Đầu tư theo dõi, đôn đốc các cơ quan",
            )],
        ));
        lines.push(line(
            232.0,
            &[(
                72.0,
                "thực hiện và báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.",
            )],
        ));
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].last, 6);
    }

    #[test]
    fn merged_header_cell_over_two_columns() {
        let lines = vec![
            line(
                100.0,
                &[
                    (72.0, "STT"),
                    (110.0, "Nhiệm vụ"),
                    (330.0, "Cơ quan"),
                    (470.0, "Thời gian"),
                ],
            ),
            line(114.0, &[(290.0, "Chủ trì"), (380.0, "Phối hợp")]),
            line(
                128.0,
                &[
                    (75.0, "1"),
                    (110.0, "Tổ chức quán triệt"),
                    (290.0, "Sở Nội vụ"),
                    (380.0, "Các sở"),
                    (470.0, "2024"),
                ],
            ),
            line(
                142.0,
                &[
                    (75.0, "2"),
                    (110.0, "Rà soát chính sách"),
                    (290.0, "Sở Tài chính"),
                    (380.0, "UBND huyện"),
                    (470.0, "2025"),
                ],
            ),
            line(
                156.0,
                &[
                    (75.0, "3"),
                    (110.0, "Tổng kết"),
                    (290.0, "Sở Công Thương"),
                    (380.0, "Các sở"),
                    (470.0, "2026"),
                ],
            ),
        ];
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].rows,
            vec![
                // the header lines are one row: the merged cell's text heads its first column
                vec![
                    "STT",
                    "Nhiệm vụ",
                    "Cơ quan Chủ trì",
                    "Phối hợp",
                    "Thời gian"
                ],
                vec!["1", "Tổ chức quán triệt", "Sở Nội vụ", "Các sở", "2024"],
                vec![
                    "2",
                    "Rà soát chính sách",
                    "Sở Tài chính",
                    "UBND huyện",
                    "2025"
                ],
                vec!["3", "Tổng kết", "Sở Công Thương", "Các sở", "2026"],
            ]
        );
    }

    #[test]
    fn wrapped_cells_without_labels_or_gaps_go_on_in_lower_case() {
        let lines = vec![
            line(
                100.0,
                &[(72.0, "Chỉ tiêu"), (300.0, "Đơn vị"), (420.0, "2025")],
            ),
            line(
                114.0,
                &[
                    (72.0, "Số hợp tác xã"),
                    (300.0, "hợp tác xã"),
                    (420.0, "1.250"),
                ],
            ),
            line(128.0, &[(72.0, "đang hoạt động")]),
            line(
                142.0,
                &[(72.0, "Tỷ lệ thành viên"), (300.0, "%"), (420.0, "35")],
            ),
        ];
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].rows.len(), 3, "{:?}", t[0].rows);
        assert_eq!(t[0].rows[1][0], "Số hợp tác xã đang hoạt động");
    }

    #[test]
    fn wrapped_cells_without_labels_or_gaps_in_other_columns() {
        let lines = vec![
            line(
                100.0,
                &[(72.0, "Nhiệm vụ"), (300.0, "Chủ trì"), (420.0, "Thời hạn")],
            ),
            line(
                114.0,
                &[
                    (72.0, "Rà soát chính sách"),
                    (300.0, "Sở Kế hoạch và"),
                    (420.0, "2025"),
                ],
            ),
            line(128.0, &[(300.0, "Đầu tư")]),
            line(
                142.0,
                &[
                    (72.0, "Tổng kết mô hình"),
                    (300.0, "Sở Tài chính"),
                    (420.0, "2026"),
                ],
            ),
        ];
        let t = find_tables(&lines);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].rows,
            vec![
                vec!["Nhiệm vụ", "Chủ trì", "Thời hạn"],
                vec!["Rà soát chính sách", "Sở Kế hoạch và Đầu tư", "2025"],
                vec!["Tổng kết mô hình", "Sở Tài chính", "2026"],
            ]
        );
    }

    #[test]
    fn labels() {
        for s in ["1", "12", "IV", "1.2", "a)", "b", "-", "3."] {
            assert!(is_label(s), "{s}");
        }
        for s in ["Nội dung", "2024-2025", "STT", "1234567"] {
            assert!(!is_label(s), "{s}");
        }
    }
}
