//! Glyphs into lines, lines into chunks (runs separated by wide gaps), and the reading
//! order of a page: two-column regions (document header, signature block) read column by
//! column, tables from ruling lines placed where they stand.

use crate::collect::{Glyph, PageData, Seg};
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
    /// The same text as words (runs without a word space), left to right, for column
    /// detection in tables without ruling lines; their text is in `word_text`.
    pub words: Vec<Word>,
    /// The words' text, back to back (NFC).
    pub word_text: String,
    /// A superscript marker opening the line (the marker of a footnote), also the line's
    /// first word.
    pub lead: Option<String>,
}

/// One word of a line: its extent and where its text lies in [`Line::word_text`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Word {
    pub x0: f64,
    pub x1: f64,
    pub start: usize,
    pub end: usize,
}

impl Line {
    /// The text of one of this line's words.
    pub fn word(&self, w: &Word) -> &str {
        self.word_text.get(w.start..w.end).unwrap_or("")
    }
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
    build_lines_with(glyphs, &[])
}

/// [`build_lines`] knowing the page's footnote markers: a superscript equal to one of them
/// is a note reference and is written `[marker]`.
pub(crate) fn build_lines_with(glyphs: &[&Glyph], markers: &[String]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y).then(a.cmp(&b)));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut base = f64::NEG_INFINITY;
    let mut size = 0.0f64;
    // the OCR engine's lines in the current cluster: (line, leftmost x, rightmost x)
    let mut engine_lines: Vec<(u32, f64, f64)> = Vec::new();
    for i in order {
        let Some(g) = glyphs.get(i) else { continue };
        // A word of another engine line that overlaps one of the cluster's across the page
        // is another row: a line read across a page a degree or two askew has a box, and
        // so a baseline and size, off by the drift, and would take the next line's words
        // in between its own ("CỤCCHUYỂNĐỔI MỚIĐỔI").
        let other_row = g.line != 0
            && engine_lines
                .iter()
                .any(|&(l, x0, x1)| l != g.line && g.x < x1 && g.x + g.w > x0);
        match clusters.last_mut() {
            Some(cur) if !other_row && (g.y - base).abs() <= 0.45 * size.max(g.size) => {
                cur.push(i);
                if !g.space {
                    size = size.max(g.size);
                }
            }
            _ => {
                clusters.push(vec![i]);
                base = g.y;
                size = if g.space { 0.0 } else { g.size };
                engine_lines.clear();
            }
        }
        if g.line != 0 && !g.space {
            match engine_lines.iter_mut().find(|e| e.0 == g.line) {
                Some(e) => {
                    e.1 = e.1.min(g.x);
                    e.2 = e.2.max(g.x + g.w);
                }
                None => engine_lines.push((g.line, g.x, g.x + g.w)),
            }
        }
    }
    let mut lines = Vec::with_capacity(clusters.len());
    for mut cl in clusters {
        cl.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
        if let Some(line) = line_from(glyphs, &cl, markers) {
            lines.push(line);
        }
    }
    lines
}

/// A superscript is at most this share of the line's type size ...
const SUP_SIZE: f64 = 0.8;
/// ... with its baseline raised by at least this share of it.
const SUP_RAISE: f64 = 0.12;

/// One unit of a line as it is written out: a glyph, or a run of superscript glyphs
/// rewritten as a note reference.
struct Tok<'a> {
    x: f64,
    w: f64,
    size: f64,
    text: std::borrow::Cow<'a, str>,
    /// A space glyph came before it.
    spaced: bool,
    /// Written right after the previous token, whatever the gap (a note reference).
    glue: bool,
    /// Followed by a word space whatever the gap (the marker opening a note).
    space_after: bool,
}

/// True for what a footnote marker can be: one to three digits, or one to three asterisks.
pub(crate) fn is_marker(s: &str) -> bool {
    (1..=3).contains(&s.len())
        && (s.bytes().all(|b| b.is_ascii_digit()) || s.bytes().all(|b| b == b'*'))
}

/// The glyphs of one line, doubled glyphs dropped, superscript runs that are markers made
/// into tokens of their own; also the line's baseline, type size and leading marker.
fn tokens<'a>(
    glyphs: &[&'a Glyph],
    idx: &[usize],
    markers: &[String],
) -> (Vec<Tok<'a>>, f64, f64, Option<String>) {
    let mut kept: Vec<(&Glyph, bool)> = Vec::with_capacity(idx.len());
    // middle of the first space glyph since the last kept glyph that it does not cover
    let mut pending_space: Option<f64> = None;
    for &i in idx {
        let Some(&g) = glyphs.get(i) else { continue };
        if g.space {
            // A space glyph under drawn text is no word break: a number stamped over the
            // blanks of a template ("Số:      /UBND" with "466" drawn over the spaces).
            let mid = g.x + 0.5 * g.w;
            if kept.last().is_some_and(|(p, _)| p.x + p.w < mid) && pending_space.is_none() {
                pending_space = Some(mid);
            }
            continue;
        }
        // Simulated bold draws the same glyph twice, a fraction of a point apart: far less
        // than the glyph's own advance (three dots of "..." are one advance apart).
        let tol = 0.25 * g.size;
        if kept.iter().rev().take(4).any(|(k, _)| {
            k.text == g.text
                && (k.x - g.x).abs() < tol.min(0.4 * g.w.min(k.w))
                && (k.y - g.y).abs() < tol
        }) {
            continue;
        }
        let spaced = pending_space.take().is_some_and(|mid| g.x > mid);
        kept.push((g, spaced));
    }
    let big = kept.iter().map(|(g, _)| g.size).fold(0.0f64, f64::max);
    let (mut ysum, mut n) = (0.0, 0usize);
    for (g, _) in &kept {
        if g.size >= 0.85 * big {
            ysum += g.y;
            n += 1;
        }
    }
    let base = if n > 0 { ysum / n as f64 } else { 0.0 };
    let sup = |g: &Glyph| g.size <= SUP_SIZE * big && base - g.y >= SUP_RAISE * big;
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(kept.len());
    let mut lead = None;
    let mut k = 0;
    while k < kept.len() {
        let Some(&(g, spaced)) = kept.get(k) else {
            break;
        };
        if sup(g) {
            // the run of superscript glyphs with no word gap inside
            let mut run_end = k + 1;
            while let Some(&(h, sp)) = kept.get(run_end) {
                let prev = kept.get(run_end - 1).map_or(g, |p| p.0);
                if !sup(h) || sp || h.x - (prev.x + prev.w) > WORD_GAP * big {
                    break;
                }
                run_end += 1;
            }
            let run = kept.get(k..run_end).unwrap_or_default();
            let text: String = run.iter().map(|(h, _)| h.text.as_str()).collect();
            if is_marker(&text) {
                let x1 = run.iter().map(|(h, _)| h.x + h.w).fold(g.x, f64::max);
                let word = previous_word(&toks);
                let power = matches!(text.as_str(), "2" | "3")
                    && matches!(word.as_str(), "m" | "km" | "dm" | "cm" | "mm");
                let after_number = is_symbol_like(&word);
                if toks.is_empty() {
                    toks.push(Tok {
                        x: g.x,
                        w: x1 - g.x,
                        size: big,
                        text: text.clone().into(),
                        spaced,
                        glue: false,
                        space_after: true,
                    });
                    lead = Some(text);
                    k = run_end;
                    continue;
                }
                if !power && (after_number || markers.contains(&text)) {
                    toks.push(Tok {
                        x: g.x,
                        w: x1 - g.x,
                        size: big,
                        text: format!("[{text}]").into(),
                        spaced: false,
                        glue: true,
                        space_after: false,
                    });
                    k = run_end;
                    continue;
                }
            }
        }
        toks.push(Tok {
            x: g.x,
            w: g.w,
            size: g.size,
            text: g.text.as_str().into(),
            spaced,
            glue: false,
            space_after: false,
        });
        k += 1;
    }
    (toks, base, big, lead)
}

/// The word the tokens end with.
fn previous_word(toks: &[Tok]) -> String {
    let mut word = String::new();
    for (i, t) in toks.iter().enumerate().rev() {
        word.insert_str(0, &t.text);
        let starts_word = t.spaced
            || i == 0
            || toks.get(i - 1).is_some_and(|p| {
                p.space_after || t.x - (p.x + p.w) > WORD_GAP * p.size.max(t.size)
            });
        if starts_word {
            break;
        }
    }
    word
}

/// True for a word holding a digit and a slash, hyphen or letter ("42/2024/QH15", "NĐ-CP"
/// of "105/2025/NĐ-CP", "122:2024/BGTVT"), or all digits: a document symbol or a number a
/// superscript digit must not run into.
fn is_symbol_like(word: &str) -> bool {
    let digit = word.chars().any(|c| c.is_ascii_digit());
    !word.is_empty()
        && (digit
            && (word.contains('/') || word.contains('-') || word.chars().any(char::is_alphabetic))
            || word.chars().all(|c| c.is_ascii_digit()))
}

fn line_from(glyphs: &[&Glyph], idx: &[usize], markers: &[String]) -> Option<Line> {
    let (toks, base, big, lead) = tokens(glyphs, idx, markers);
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut word_text = String::new();
    let mut cur: Option<Chunk> = None;
    let mut prev: Option<&Tok> = None;
    for g in &toks {
        match (prev, cur.as_mut()) {
            (Some(p), Some(c)) => {
                let gap = g.x - (p.x + p.w);
                let em = p.size.max(g.size);
                let chunk_break = !g.glue && gap > CHUNK_GAP * em;
                let space =
                    !g.glue && (chunk_break || g.spaced || p.space_after || gap > WORD_GAP * em);
                word_text.push_str(&g.text);
                match words.last_mut() {
                    Some(w) if !space => {
                        w.end = word_text.len();
                        w.x1 = w.x1.max(g.x + g.w);
                    }
                    _ => words.push(Word {
                        x0: g.x,
                        x1: g.x + g.w,
                        start: word_text.len() - g.text.len(),
                        end: word_text.len(),
                    }),
                }
                if chunk_break {
                    if let Some(done) = cur.take() {
                        chunks.push(done);
                    }
                    cur = Some(Chunk {
                        x0: g.x,
                        x1: g.x + g.w,
                        text: g.text.to_string(),
                    });
                } else {
                    if space && !c.text.ends_with(' ') {
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
                    text: g.text.to_string(),
                });
                word_text.push_str(&g.text);
                words.push(Word {
                    x0: g.x,
                    x1: g.x + g.w,
                    start: word_text.len() - g.text.len(),
                    end: word_text.len(),
                });
            }
        }
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
    // words: trimmed and NFC, rebuilt only when some word needs it
    let clean = |t: &str| t.trim().len() == t.len() && !t.is_empty();
    let needs_work = !word_text.is_ascii()
        && unicode_normalization::is_nfc_quick(word_text.chars())
            != unicode_normalization::IsNormalized::Yes
        || words
            .iter()
            .any(|w| !clean(word_text.get(w.start..w.end).unwrap_or("")));
    if needs_work {
        let mut text = String::with_capacity(word_text.len());
        let mut kept_words = Vec::with_capacity(words.len());
        for w in &words {
            let start = text.len();
            text.extend(word_text.get(w.start..w.end).unwrap_or("").trim().nfc());
            if text.len() > start {
                kept_words.push(Word {
                    start,
                    end: text.len(),
                    ..*w
                });
            }
        }
        words = kept_words;
        word_text = text;
    }
    Some(Line {
        y: base,
        size: big,
        chunks,
        words,
        word_text,
        lead,
    })
}

/// One item of a page in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Line(String),
    /// A table and its column edges (left edge of each column, then the right edge; empty
    /// when not known: tables without rules).
    Table(RawTable, Vec<f64>),
    /// A footnote from the page's footnote area: its marker, or `None` for the rest of a
    /// note begun on the page before.
    Note(Option<String>, String),
}

/// Lay out one page: tables from ruling lines, then lines in reading order with
/// two-column regions read column by column.
pub(crate) fn page_items(page: &PageData) -> Vec<Item> {
    if page.glyphs.iter().all(|g| g.rot == 0) {
        return upright_items(page);
    }
    // Text in other directions (a landscape table drawn turned on a portrait page, a note
    // up the margin): each direction is turned upright and laid out on its own, the
    // direction with the most glyphs first.
    let mut turns: Vec<(usize, u16)> = [0u16, 90, 180, 270]
        .iter()
        .map(|&r| {
            (
                page.glyphs
                    .iter()
                    .filter(|g| g.rot == r && !g.space)
                    .count(),
                r,
            )
        })
        .filter(|(n, _)| *n > 0)
        .collect();
    turns.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut items = Vec::new();
    for (_, rot) in turns {
        items.extend(upright_items(&turned(page, rot)));
    }
    items
}

/// The glyphs of `page` written in direction `rot`, and its ruling segments, in the frame
/// where that text reads left to right, top to bottom.
fn turned(page: &PageData, rot: u16) -> PageData {
    // baseline direction on the (top-down) page, and the direction of the next line
    let (dx, dy) = match rot {
        90 => (0.0, -1.0),
        180 => (-1.0, 0.0),
        270 => (0.0, 1.0),
        _ => (1.0, 0.0),
    };
    let map = |x: f64, y: f64| (x * dx + y * dy, y * dx - x * dy);
    let glyphs = page
        .glyphs
        .iter()
        .filter(|g| g.rot == rot)
        .map(|g| {
            let (x, y) = map(g.x, g.y);
            Glyph {
                x,
                y,
                rot: 0,
                ..g.clone()
            }
        })
        .collect();
    let segs = page
        .segs
        .iter()
        .map(|s| {
            let (ax, ay) = map(s.x0, s.y0);
            let (bx, by) = map(s.x1, s.y1);
            Seg {
                x0: ax.min(bx),
                y0: ay.min(by),
                x1: ax.max(bx),
                y1: ay.max(by),
            }
        })
        .collect();
    PageData {
        number: page.number,
        glyphs,
        segs,
        stamped: 0,
        damage_at: None,
        invisible: 0,
    }
}

/// Lay out a page whose text is upright.
fn upright_items(page: &PageData) -> Vec<Item> {
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
        let (rows, edges) = grid.fill_columns(glyphs);
        if !rows.is_empty() {
            placed.push((
                grid.top(),
                Item::Table(
                    RawTable {
                        rows,
                        page: Some(page.number),
                    },
                    edges,
                ),
            ));
        }
    }
    let mut lines = build_lines(&free);
    let mut notes = Vec::new();
    if let Some((s, e)) = footnote_area(&lines, &page.segs) {
        let area = lines.get(s..e).unwrap_or_default();
        notes = notes_of(area);
        let markers: Vec<String> = notes.iter().filter_map(|(m, _)| m.clone()).collect();
        let top = area.first().map_or(f64::INFINITY, |l| l.y - l.size);
        let bottom = area.last().map_or(f64::INFINITY, |l| l.y + 0.3 * l.size);
        let body: Vec<&Glyph> = free
            .iter()
            .copied()
            .filter(|g| g.y < top || g.y > bottom)
            .collect();
        lines = build_lines_with(&body, &markers);
    }
    let stream = crate::stream::find_tables(&lines);
    if !stream.is_empty() {
        // last first, so the indices of the earlier tables stay valid
        for t in stream.into_iter().rev() {
            if t.first > t.last || t.last >= lines.len() || !has_words(&t.rows) {
                continue;
            }
            let top = lines.get(t.first).map_or(0.0, |l| l.y - l.size);
            placed.push((
                top,
                Item::Table(
                    RawTable {
                        rows: t.rows,
                        page: Some(page.number),
                    },
                    Vec::new(),
                ),
            ));
            lines.drain(t.first..=t.last);
        }
    }
    pair_two_sided(&mut lines);
    split_at_gutters(&mut lines);
    for (y, text) in order_lines(&lines) {
        placed.push((y, Item::Line(text)));
    }
    // the notes after everything else on the page
    for (m, t) in notes {
        placed.push((f64::INFINITY, Item::Note(m, t)));
    }
    // Stable: lines keep their column order among themselves.
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    placed.into_iter().map(|(_, i)| i).collect()
}

/// A table without rules reads words in most rows (a label, a task, an agency): rows of
/// bare numbers laid out in lines (a list of codes wrapped and centred, a page of figures)
/// are text whose numbers happen to line up, and stay lines.
fn has_words(rows: &[Vec<String>]) -> bool {
    let worded = rows
        .iter()
        .filter(|r| r.iter().any(|c| c.chars().any(char::is_alphabetic)))
        .count();
    worded * 2 > rows.len()
}

/// The type size most of a page's text is set in (sizes to half a point, weighted by the
/// length of the lines).
fn body_size(lines: &[Line]) -> Option<f64> {
    let mut by: Vec<(i64, usize)> = Vec::new();
    for l in lines {
        let key = (l.size * 2.0).round() as i64;
        let n = l.word_text.len();
        match by.iter_mut().find(|(k, _)| *k == key) {
            Some(e) => e.1 += n,
            None => by.push((key, n)),
        }
    }
    by.iter()
        .max_by_key(|(k, n)| (*n, *k))
        .map(|(k, _)| *k as f64 / 2.0)
        .filter(|s| *s > 0.0)
}

/// The marker a line opens with, and whether it is set as a superscript: a superscript
/// run first on the line, or a first word that is a marker ("1", "2.", "3)", "*").
fn lead_marker(line: &Line) -> Option<(String, bool)> {
    if let Some(m) = &line.lead {
        return Some((m.clone(), true));
    }
    let first = line.words.first().map(|w| line.word(w))?;
    let bare = first.trim_end_matches(['.', ')']);
    is_marker(bare).then(|| (bare.to_string(), false))
}

/// A short horizontal rule starting at the left of line `i`, between it and the line above:
/// the separator Word and LibreOffice draw over the footnotes.
fn rule_above(lines: &[Line], i: usize, segs: &[Seg]) -> bool {
    let Some(l) = lines.get(i) else { return false };
    let above = i
        .checked_sub(1)
        .and_then(|j| lines.get(j))
        .map_or(0.0, |p| p.y);
    let left = lines
        .iter()
        .filter_map(|l| l.chunks.first())
        .map(|c| c.x0)
        .fold(f64::INFINITY, f64::min);
    let right = lines
        .iter()
        .filter_map(|l| l.chunks.last())
        .map(|c| c.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let x0 = l.chunks.first().map_or(left, |c| c.x0);
    segs.iter().any(|s| {
        s.horizontal()
            && s.y0 > above
            && s.y0 < l.y - 0.6 * l.size
            && s.x1 - s.x0 >= 3.0 * l.size
            && s.x1 - s.x0 <= 0.6 * width
            && s.x0 <= x0 + 2.0 * l.size
    })
}

/// The footnote area at the foot of a page, as a range of `lines`: lines in smaller type
/// than the body, the first opening with a marker set as a superscript or standing under
/// the short rule Word and LibreOffice draw over the notes. Page numbers below it stay out.
fn footnote_area(lines: &[Line], segs: &[Seg]) -> Option<(usize, usize)> {
    let body = body_size(lines)?;
    let mut e = lines.len();
    while e > 0
        && lines
            .get(e - 1)
            .is_some_and(|l| l.chunks.len() == 1 && crate::is_page_furniture(&l.text()))
    {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && lines.get(s - 1).is_some_and(|l| l.size <= 0.9 * body) {
        s -= 1;
    }
    if s == e {
        return None;
    }
    for i in s..e {
        let Some(l) = lines.get(i) else { break };
        let Some((_, sup)) = lead_marker(l) else {
            continue;
        };
        if sup || rule_above(lines, i, segs) {
            // lines under the rule before the first marker: the rest of a note begun on
            // the page before
            if s < i && rule_above(lines, s, segs) {
                return Some((s, e));
            }
            return Some((i, e));
        }
    }
    None
}

/// The notes of a footnote area: a line opening with a marker (set as the first note's
/// was: superscript or not) starts a note, other lines continue it.
fn notes_of(area: &[Line]) -> Vec<(Option<String>, String)> {
    let sup = area.iter().find_map(lead_marker).is_some_and(|(_, s)| s);
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for l in area {
        let text = l.text();
        match lead_marker(l).filter(|(_, s)| *s == sup) {
            Some((m, _)) => {
                let rest = text
                    .strip_prefix(m.as_str())
                    .unwrap_or(&text)
                    .trim_start_matches(['.', ')'])
                    .trim()
                    .to_string();
                out.push((Some(m), rest));
            }
            None => match out.last_mut() {
                Some(last) => join_wrapped(&mut last.1, &text),
                None => out.push((None, text)),
            },
        }
    }
    out
}

/// Two one-chunk lines a little off one baseline, one left of the other across a wide gap
/// (the issuer block and the motto block of a header set in separate frames or tables whose
/// rows do not line up) become one two-sided line.
fn pair_two_sided(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let pair = match (lines.get(i), lines.get(i + 1)) {
            (Some(a), Some(b)) => {
                let size = a.size.max(b.size);
                match (a.chunks.as_slice(), b.chunks.as_slice()) {
                    ([ca], [cb])
                        if b.y - a.y <= 0.75 * size
                            && (cb.x0 - ca.x1 >= CHUNK_GAP * size
                                || ca.x0 - cb.x1 >= CHUNK_GAP * size) =>
                    {
                        Some(cb.x0 > ca.x1)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(a_left) = pair else {
            i += 1;
            continue;
        };
        let b = lines.remove(i + 1);
        if let Some(a) = lines.get_mut(i) {
            let (left, right) = if a_left {
                (a.clone(), b)
            } else {
                (b, a.clone())
            };
            let shift = left.word_text.len();
            let mut words = left.words.clone();
            words.extend(right.words.iter().map(|w| Word {
                start: w.start + shift,
                end: w.end + shift,
                ..*w
            }));
            *a = Line {
                y: a.y,
                size: a.size.max(right.size).max(left.size),
                chunks: left.chunks.iter().chain(&right.chunks).cloned().collect(),
                words,
                word_text: left.word_text + &right.word_text,
                lead: a.lead.take(),
            };
        }
        i += 1;
    }
}

/// A line whose one chunk runs across the gutter of a two-sided line next to it (the first
/// line of a header whose issuer nearly touches the motto: "BỘ QUỐC PHÒNG -  CỘNG HÒA")
/// is cut at its widest word gap inside that gutter, when that gap is wide for a word space
/// (an em, two and a half times the line's usual gap, and no other gap near as wide). Repeated, so a cut line lends its gutter
/// to the next.
fn split_at_gutters(lines: &mut [Line]) {
    for _ in 0..3 {
        let mut changed = false;
        for i in 0..lines.len() {
            let mut gutters: Vec<(f64, f64)> = Vec::new();
            for j in [i.wrapping_sub(1), i + 1] {
                if let (Some(n), Some(l)) = (lines.get(j), lines.get(i)) {
                    if (n.y - l.y).abs() <= 2.6 * n.size.max(l.size) {
                        gutters.extend(gutter(n).filter(|(a, b)| b - a >= CHUNK_GAP * n.size));
                    }
                }
            }
            let Some(line) = lines.get_mut(i) else {
                continue;
            };
            for (g0, g1) in gutters {
                if split_line_at(line, g0, g1) {
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Cut `line`'s single chunk at a wide word gap overlapping (`g0`, `g1`); true when cut.
fn split_line_at(line: &mut Line, g0: f64, g1: f64) -> bool {
    let [c] = line.chunks.as_slice() else {
        return false;
    };
    if !(c.x0 < g0 && c.x1 > g1) {
        return false;
    }
    let mut gaps: Vec<f64> = line
        .words
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.x0 - a.x1),
            _ => None,
        })
        .collect();
    if gaps.is_empty() {
        return false;
    }
    gaps.sort_by(f64::total_cmp);
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    let mut best: Option<(usize, f64)> = None;
    for (k, w) in line.words.windows(2).enumerate() {
        let [a, b] = w else { continue };
        let gap = b.x0 - a.x1;
        if a.x1 <= g1
            && b.x0 >= g0
            && gap >= line.size.max(2.5 * usual)
            && best.is_none_or(|(_, g)| gap > g)
        {
            best = Some((k, gap));
        }
    }
    let Some((k, widest)) = best else {
        return false;
    };
    // one such gap in the line: text with letters missing (an undecodable font) has many
    if gaps.iter().filter(|&&g| g >= 0.6 * widest).count() > 1 {
        return false;
    }
    let text = |ws: &[Word]| {
        ws.iter()
            .map(|w| line.word(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (left, right) = line.words.split_at(k + 1);
    let (Some(l0), Some(l1), Some(r0), Some(r1)) =
        (left.first(), left.last(), right.first(), right.last())
    else {
        return false;
    };
    let chunks = vec![
        Chunk {
            x0: l0.x0,
            x1: l1.x1,
            text: text(left),
        },
        Chunk {
            x0: r0.x0,
            x1: r1.x1,
            text: text(right),
        },
    ];
    line.chunks = chunks;
    true
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
    let mut out: Vec<(f64, String)> = Vec::with_capacity(lines.len());
    let margins = body_margins(lines);
    let mut prev_single: Option<&Line> = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        let Some((mut g0, mut g1)) = gutter(line) else {
            let joined = match (prev_single, margins, out.last_mut()) {
                (Some(p), Some(m), Some(last))
                    if line.chunks.len() == 1 && continues(p, line, m) =>
                {
                    join_wrapped(&mut last.1, &line.text());
                    true
                }
                _ => false,
            };
            if !joined {
                out.push((line.y - line.size, line.text()));
            }
            prev_single = if line.chunks.len() == 1 {
                Some(line)
            } else {
                None
            };
            i += 1;
            continue;
        };
        prev_single = None;
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

/// Left and right edges of the text column: extremes of the single-chunk lines of the
/// body font size.
fn body_margins(lines: &[Line]) -> Option<Column> {
    let singles: Vec<&Chunk> = lines
        .iter()
        .filter(|l| l.chunks.len() == 1)
        .filter_map(|l| l.chunks.first())
        .collect();
    if singles.len() < 3 {
        return None;
    }
    let left = singles.iter().map(|c| c.x0).fold(f64::INFINITY, f64::min);
    let right = singles
        .iter()
        .map(|c| c.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    // line pitch inside paragraphs: a low quantile of the pitches between neighbours of
    // the same size (paragraph spacing makes the others larger)
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if (a.size - b.size).abs() <= 0.6 => Some(b.y - a.y),
            _ => None,
        })
        .filter(|&p| p > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches
        .get(pitches.len() / 4)
        .copied()
        .unwrap_or(f64::INFINITY);
    (left.is_finite() && right.is_finite() && right > left).then_some(Column { left, right, pitch })
}

/// The text column of a page.
#[derive(Debug, Clone, Copy)]
struct Column {
    left: f64,
    right: f64,
    /// Baseline distance between the lines of one paragraph.
    pitch: f64,
}

/// A list marker opening a line: "-", "+", "a)", "1.", "1.2.", "II.".
fn starts_list_item(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    if matches!(first, "-" | "+" | "–" | "•" | "*") {
        return true;
    }
    let body = first.trim_end_matches(['.', ')']);
    first.len() > body.len()
        && !body.is_empty()
        && (body
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
            || body.chars().count() == 1 && body.chars().all(char::is_lowercase)
            || body.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
}

/// True when line `n` is the wrapped continuation of line `p` in one text column: same
/// size, close below, not indented, and the first word of `n` would not have fit at the
/// end of `p` (a writer who had room would have put it there).
fn continues(p: &Line, n: &Line, col: Column) -> bool {
    let Column {
        left,
        right,
        pitch: para_pitch,
    } = col;
    let (Some(pc), Some(nc)) = (p.chunks.last(), n.chunks.first()) else {
        return false;
    };
    let size = p.size.max(n.size);
    if (p.size - n.size).abs() > 0.6 || right - left < 20.0 * size {
        return false;
    }
    let pitch = n.y - p.y;
    if pitch <= 0.0 || pitch > 2.0 * size || pitch > para_pitch + 0.25 * size {
        return false;
    }
    if nc.x0 > left + 0.6 * size {
        return false;
    }
    // a centred line (title, subtitle) is complete
    let (gap_l, gap_r) = (pc.x0 - left, right - pc.x1);
    if gap_l > 0.6 * size && (gap_l - gap_r).abs() < 1.5 * size {
        return false;
    }
    if starts_list_item(&nc.text) && pc.text.ends_with(['.', ';', ':', '!', '?']) {
        return false;
    }
    let chars = nc.text.chars().count().max(1) as f64;
    let per_char = (nc.x1 - nc.x0).max(0.0) / chars;
    let first = nc
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .count() as f64;
    let room = right - pc.x1;
    room < first * per_char + 0.3 * size
}

/// Append a wrapped line (or the wrapped rest of a table cell): a hyphen glued to a word
/// ("09/NQ-" + "CP") runs on without a space, everything else gets one space; nothing is
/// put before the first piece.
pub(crate) fn join_wrapped(out: &mut String, next: &str) {
    if out.is_empty() {
        out.push_str(next);
        return;
    }
    let glued = out.ends_with('-')
        && out
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_alphanumeric());
    if !glued {
        out.push(' ');
    }
    out.push_str(next);
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
                rot: 0,
                line: 0,
            })
            .collect()
    }

    fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        build_lines(&refs)
    }

    #[test]
    fn number_stamped_over_template_blanks_stays_one_word() {
        // "Số:" then eleven space glyphs of a template, "466" drawn over them, "/PC-VP"
        let mut g = word(100.0, 100.0, "Số:", 12.0);
        g.extend(word(118.0, 100.0, &" ".repeat(11), 6.0));
        g.extend(word(122.0, 100.0, "466", 13.0));
        g.extend(word(151.0, 100.0, "/PC-VP", 12.0));
        let l = lines_of(&g);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text(), "Số: 466 /PC-VP");
        // spaces between words that no glyph covers still break words
        let mut g = word(10.0, 100.0, "ngày", 10.0);
        g.extend(word(30.0, 100.0, " ", 10.0));
        g.extend(word(35.0, 100.0, "12", 10.0));
        assert_eq!(lines_of(&g)[0].text(), "ngày 12");
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
                rot: 0,
                line: 0,
            },
            Glyph {
                x: 5.0,
                y: 50.0,
                w: 5.0,
                size: 10.0,
                text: "e\u{302}\u{301}".into(),
                space: false,
                rot: 0,
                line: 0,
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
    fn an_ellipsis_keeps_its_three_dots() {
        // each dot one advance (0.25 em) after the other: not a doubled glyph
        let g: Vec<Glyph> = word(10.0, 100.0, "xã", 10.0)
            .into_iter()
            .chain((0..3).map(|i| Glyph {
                x: 20.0 + 2.5 * i as f64,
                y: 100.0,
                w: 2.5,
                size: 10.0,
                text: ".".into(),
                space: false,
                rot: 0,
                line: 0,
            }))
            .collect();
        assert_eq!(lines_of(&g)[0].text(), "xã...");
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
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        assert_eq!(
            texts(page_items(&page)),
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
    fn header_blocks_off_one_baseline_and_nearly_touching_come_apart() {
        let mut g = Vec::new();
        // issuer and motto 1.4 em apart on the first line (words 0.5 em apart)
        g.extend(word(40.0, 60.0, "BO CONG AN - BO QUOC PHONG -", 12.0));
        g.extend(word(
            40.0 + 28.0 * 6.0 + 17.0,
            60.0,
            "CONG HOA XA HOI",
            12.0,
        ));
        // then the two blocks' lines 5 pt off each other
        g.extend(word(40.0, 76.0, "BO Y TE", 12.0));
        g.extend(word(300.0, 81.0, "Doc lap - Tu do", 12.0));
        g.extend(word(40.0, 100.0, "So: 24/HDLN", 12.0));
        g.extend(word(300.0, 100.0, "Ha Noi, ngay 25", 12.0));
        g.extend(word(120.0, 150.0, "HUONG DAN LIEN NGANH", 12.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        assert_eq!(
            texts(page_items(&page)),
            [
                "BO CONG AN - BO QUOC PHONG -",
                "BO Y TE",
                "So: 24/HDLN",
                "CONG HOA XA HOI",
                "Doc lap - Tu do",
                "Ha Noi, ngay 25",
                "HUONG DAN LIEN NGANH"
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
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        assert_eq!(
            page_items(&page),
            vec![
                Item::Line("mot dong van ban dai".into()),
                Item::Line("dong thu hai".into())
            ]
        );
    }

    /// Glyphs of `s` written upwards from (x, y): a quarter turn counter-clockwise.
    fn word_up(x: f64, y: f64, s: &str, size: f64) -> Vec<Glyph> {
        word(0.0, 0.0, s, size)
            .into_iter()
            .map(|g| Glyph {
                x,
                y: y - g.x,
                rot: 90,
                ..g
            })
            .collect()
    }

    #[test]
    fn text_turned_a_quarter_is_read_upright_after_the_main_text() {
        let mut glyphs = word(72.0, 100.0, "Kế hoạch số 12", 10.0);
        // two lines of a turned page: the second line is to the right of the first
        glyphs.extend(word_up(300.0, 700.0, "PHỤ LỤC", 10.0));
        glyphs.extend(word_up(314.0, 700.0, "Danh mục nhiệm vụ", 10.0));
        let page = PageData {
            number: 1,
            glyphs,
            segs: Vec::new(),
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        // upright has 11 glyphs, turned 22: the turned text comes first
        assert_eq!(
            texts(page_items(&page)),
            ["PHỤ LỤC", "Danh mục nhiệm vụ", "Kế hoạch số 12"]
        );
    }

    fn texts(items: Vec<Item>) -> Vec<String> {
        items
            .into_iter()
            .map(|i| match i {
                Item::Line(s) => s,
                Item::Table(..) => "TABLE".into(),
                Item::Note(m, t) => format!("NOTE {} {t}", m.unwrap_or_default()),
            })
            .collect()
    }

    #[test]
    fn wrapped_lines_of_a_justified_paragraph_are_joined() {
        // column 40..340 (size 10, 5 per char: 60 chars per line)
        let full = "a".repeat(29) + " " + &"b".repeat(30);
        let sym = "c".repeat(51) + " 09/NQ-";
        let mut g = word(40.0, 60.0, &full, 10.0);
        g.extend(word(40.0, 73.0, &sym, 10.0));
        g.extend(word(40.0, 86.0, "CP het.", 10.0));
        g.extend(word(52.0, 105.0, "Doan moi thut dau dong.", 10.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        let t = texts(page_items(&page));
        assert_eq!(
            t,
            vec![
                format!("{full} {sym}CP het."),
                "Doan moi thut dau dong.".to_string()
            ]
        );
    }

    #[test]
    fn short_and_centred_lines_end_their_paragraph() {
        let full = "a".repeat(60);
        let mut g = word(40.0, 60.0, &full, 10.0);
        g.extend(word(40.0, 73.0, "ngan.", 10.0));
        g.extend(word(40.0, 86.0, "Dong moi", 10.0));
        // centred: 50 chars in 40..340 -> starts at 65
        g.extend(word(65.0, 110.0, &"c".repeat(50), 10.0));
        g.extend(word(40.0, 123.0, "Can cu", 10.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        let t = texts(page_items(&page));
        assert_eq!(
            t,
            vec![
                format!("{full} ngan."),
                "Dong moi".to_string(),
                "c".repeat(50),
                "Can cu".to_string()
            ]
        );
    }

    /// `s` as a superscript of `size` raised by `0.35 * body`, right after `x`.
    fn sup(x: f64, y: f64, s: &str, size: f64, body: f64) -> Vec<Glyph> {
        word(x, y - 0.35 * body, s, size)
    }

    #[test]
    fn a_superscript_marker_after_a_symbol_is_kept_apart() {
        let mut g = word(40.0, 100.0, "Luật số 42/2024/QH15", 12.0);
        let end = 40.0 + 20.0 * 6.0;
        g.extend(sup(end, 100.0, "1", 8.0, 12.0));
        g.extend(word(end + 4.0 + 3.0, 100.0, "ngày 29/6/2024", 12.0));
        // a unit's power is no marker
        g.extend(word(40.0, 130.0, "500 m", 12.0));
        g.extend(sup(70.0, 130.0, "2", 8.0, 12.0));
        g.extend(word(78.0, 130.0, "đất", 12.0));
        let l = lines_of(&g);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text(), "Luật số 42/2024/QH15[1] ngày 29/6/2024");
        assert_eq!(l[1].text(), "500 m2 đất");
    }

    #[test]
    fn the_footnote_area_becomes_notes() {
        let mut g = Vec::new();
        let body = "a".repeat(50);
        for i in 0..6 {
            g.extend(word(40.0, 100.0 + 16.0 * i as f64, &body, 12.0));
        }
        g.extend(word(40.0, 196.0, "theo Luat Dau tu", 12.0));
        g.extend(sup(136.0, 196.0, "3", 8.0, 12.0));
        g.extend(word(144.0, 196.0, "va", 12.0));
        // under a short rule: notes in 10 pt opening with a superscript marker
        g.extend(sup(40.0, 700.0, "3", 6.5, 10.0));
        g.extend(word(45.0, 700.0, "Luat Dau tu so 61/2020/QH14", 10.0));
        g.extend(word(40.0, 712.0, "ngay 17/6/2020.", 10.0));
        g.extend(sup(40.0, 724.0, "4", 6.5, 10.0));
        g.extend(word(45.0, 724.0, "Ghi chu khac.", 10.0));
        g.extend(word(200.0, 800.0, "2", 12.0));
        let page = PageData {
            number: 2,
            glyphs: g,
            stamped: 0,
            damage_at: None,
            invisible: 0,
            segs: vec![Seg {
                x0: 40.0,
                y0: 685.0,
                x1: 184.0,
                y1: 685.0,
            }],
        };
        let t = texts(page_items(&page));
        assert!(
            t.iter().any(|l| l.ends_with(" theo Luat Dau tu[3] va")),
            "{t:?}"
        );
        assert!(
            t.contains(&"NOTE 3 Luat Dau tu so 61/2020/QH14 ngay 17/6/2020.".to_string()),
            "{t:?}"
        );
        assert!(t.contains(&"NOTE 4 Ghi chu khac.".to_string()), "{t:?}");
        assert!(
            t.contains(&"2".to_string()),
            "page number stays a line: {t:?}"
        );
        assert!(!t.iter().any(|l| l.starts_with("TABLE")), "{t:?}");
    }

    #[test]
    fn small_type_without_marker_or_rule_is_no_footnote() {
        let mut g = Vec::new();
        for i in 0..6 {
            g.extend(word(40.0, 100.0 + 16.0 * i as f64, &"b".repeat(50), 12.0));
        }
        // the recipients list of a letter: small type, no marker
        g.extend(word(40.0, 700.0, "Noi nhan:", 10.0));
        g.extend(word(40.0, 712.0, "- Nhu tren;", 10.0));
        // a numbered line in small type, no rule, marker not raised
        g.extend(word(40.0, 724.0, "1 ban luu", 10.0));
        let page = PageData {
            number: 1,
            glyphs: g,
            segs: vec![],
            stamped: 0,
            damage_at: None,
            invisible: 0,
        };
        let t = texts(page_items(&page));
        assert!(!t.iter().any(|l| l.starts_with("NOTE")), "{t:?}");
        assert!(t.contains(&"1 ban luu".to_string()), "{t:?}");
    }

    #[test]
    fn rows_of_bare_numbers_are_no_table() {
        let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(!has_words(&[
            row(&["0004", "0005", "0006"]),
            row(&["0018", "0019", "0020"]),
            row(&["", "UN 0100 - 0199", ""]),
        ]));
        assert!(has_words(&[
            row(&["STT", "Chỉ tiêu", "2025"]),
            row(&["1", "Hợp tác xã", "120"]),
            row(&["2", "Thành viên", "3.000"]),
        ]));
    }

    #[test]
    fn list_markers() {
        assert!(starts_list_item("- Triển khai"));
        assert!(starts_list_item("a) Mục tiêu"));
        assert!(starts_list_item("1.2. Nhiệm vụ"));
        assert!(starts_list_item("II. NHIỆM VỤ"));
        assert!(!starts_list_item("Nghị quyết"));
        assert!(!starts_list_item("2025. Năm"));
    }
}
