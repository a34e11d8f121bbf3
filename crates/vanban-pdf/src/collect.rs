//! The output device: glyphs with positions and font sizes, and ruling segments, per page.
//!
//! Coordinates are page coordinates with the origin at the top left and `y` growing
//! downwards (glyph `y` is the baseline).

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use std::time::Instant;
use unicode_normalization::char::is_combining_mark;

/// One glyph as drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, top-down.
    pub y: f64,
    /// Advance width.
    pub w: f64,
    /// Font size in page units.
    pub size: f64,
    /// Decoded text (one or more chars; combining marks attached).
    pub text: String,
    /// True for a space glyph (a word-break hint, not drawn text).
    pub space: bool,
    /// Direction of the baseline, counter-clockwise on the page: 0 (upright), 90 (text
    /// running upwards, as on a landscape page turned into a portrait one), 180 or 270.
    pub rot: u16,
    /// The OCR engine's line the word was read on, counted from 1; 0 for a PDF glyph.
    /// Two engine lines that overlap across the page are two rows, whatever their
    /// baselines say ([`crate::layout::build_lines`]).
    pub line: u32,
}

/// An axis-aligned ruling segment (horizontal when `y0 == y1`, vertical when `x0 == x1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Seg {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.5
    }
}

/// What one page held.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageData {
    pub number: u32,
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    /// How many of the last `glyphs` annotation appearances drew (e-signature stamps):
    /// the rest is the page's own content.
    pub stamped: usize,
    /// How many glyphs were drawn before the content stream's damage began (`None`: no
    /// damage met): the glyphs after it may be junk.
    pub damage_at: Option<usize>,
    /// How many of the glyphs (spaces aside) were drawn invisible (text rendering mode 3
    /// or 7: an OCR layer over a scan).
    pub invisible: usize,
}

impl PageData {
    /// True when the page's own content (stamps aside) draws any text.
    pub fn has_content_text(&self) -> bool {
        let content = self.glyphs.len().saturating_sub(self.stamped);
        self.glyphs.iter().take(content).any(|g| !g.space)
    }

    /// How many characters the page's own content (stamps aside) draws, spaces aside.
    pub fn content_chars(&self) -> usize {
        let content = self.glyphs.len().saturating_sub(self.stamped);
        self.glyphs
            .iter()
            .take(content)
            .filter(|g| !g.space)
            .map(|g| g.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }
}

/// The device pdf-extract drives.
pub(crate) struct Collector {
    pub pages: Vec<PageData>,
    deadline: Instant,
    pub timed_out: bool,
    top: f64,
    calls: u32,
    /// Upper bound on glyphs and segments per page (a hostile file cannot exhaust memory).
    limit: usize,
    /// Where the current page's annotation glyphs start (after its content's).
    annots_from: Option<usize>,
    /// What the reader worked around on the page being read (damaged font, skipped
    /// operators), each once; taken by the caller after each page.
    pub notes: Vec<String>,
    /// The text shown now is drawn invisible (rendering mode 3 or 7).
    invisible: bool,
}

impl Collector {
    pub fn new(deadline: Instant) -> Self {
        Collector {
            pages: Vec::new(),
            deadline,
            timed_out: false,
            top: 0.0,
            calls: 0,
            limit: 2_000_000,
            annots_from: None,
            notes: Vec::new(),
            invisible: false,
        }
    }

    fn check(&mut self) -> Result<(), OutputError> {
        self.calls = self.calls.wrapping_add(1);
        if self.calls & 63 == 0 && Instant::now() >= self.deadline {
            self.timed_out = true;
        }
        if self.timed_out {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        Ok(())
    }

    fn page(&mut self) -> Option<&mut PageData> {
        self.pages.last_mut()
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path, fill: bool) {
        let top = self.top;
        let map = |x: f64, y: f64| -> (f64, f64) {
            let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
            let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
            (px, top - py)
        };
        let limit = self.limit;
        let Some(page) = self.page() else { return };
        let push = |a: (f64, f64), b: (f64, f64), page: &mut PageData| {
            if page.segs.len() >= limit {
                return;
            }
            if let Some(s) = axis_seg(a, b) {
                page.segs.push(s);
            }
        };
        let thin_rect = |x0: f64, y0: f64, x1: f64, y1: f64, page: &mut PageData| {
            // A thin filled rectangle is a rule; a big one is shading, not a border.
            if y1 - y0 <= 2.5 && x1 - x0 > y1 - y0 {
                push(((x0), (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0), page);
            } else if x1 - x0 <= 2.5 && y1 - y0 > x1 - x0 {
                push(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1), page);
            }
        };
        let mut start: Option<(f64, f64)> = None;
        let mut cur: Option<(f64, f64)> = None;
        // a filled subpath drawn as lines that closes into an upright rectangle is a
        // rectangle (shading behind a word, a highlight), not four rules
        let mut skip = 0usize;
        for (k, op) in path.ops.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = map(x, y);
                    start = Some(p);
                    cur = Some(p);
                    if fill {
                        if let Some((n, (x0, y0, x1, y1))) =
                            line_rect(path.ops.get(k..).unwrap_or_default(), &map)
                        {
                            thin_rect(x0, y0, x1, y1, page);
                            skip = n - 1;
                        }
                    }
                }
                PathOp::LineTo(x, y) => {
                    let p = map(x, y);
                    if let Some(c) = cur {
                        push(c, p, page);
                    }
                    cur = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = Some(map(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = map(x, y);
                    let b = map(x + w, y + h);
                    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
                    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
                    if fill {
                        thin_rect(x0, y0, x1, y1, page);
                    } else {
                        push((x0, y0), (x1, y0), page);
                        push((x0, y1), (x1, y1), page);
                        push((x0, y0), (x0, y1), page);
                        push((x1, y0), (x1, y1), page);
                    }
                    start = Some((x0, y0));
                    cur = start;
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (cur, start) {
                        push(c, s, page);
                    }
                    cur = start;
                }
            }
        }
    }
}

/// A subpath `ops` opens with (a move, three or four lines, maybe a close) when it outlines
/// an upright rectangle: the number of ops it takes and the rectangle (x0, y0, x1, y1) in
/// page space.
fn line_rect(
    ops: &[PathOp],
    map: &dyn Fn(f64, f64) -> (f64, f64),
) -> Option<(usize, (f64, f64, f64, f64))> {
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(5);
    let mut n = 0;
    for op in ops.iter().take(6) {
        match *op {
            PathOp::MoveTo(x, y) if n == 0 => pts.push(map(x, y)),
            PathOp::LineTo(x, y) if n > 0 => pts.push(map(x, y)),
            PathOp::Close if n > 0 => {
                n += 1;
                break;
            }
            _ => break,
        }
        n += 1;
    }
    let first = *pts.first()?;
    if pts.len() == 5 && pts.last().is_some_and(|&p| same(p, first)) {
        pts.pop();
    }
    if pts.len() != 4 {
        return None;
    }
    // each side axis-aligned, alternating horizontal and vertical
    let mut horiz = Vec::with_capacity(4);
    for i in 0..4 {
        let (a, b) = (*pts.get(i)?, *pts.get((i + 1) % 4)?);
        let h = (a.1 - b.1).abs() < 0.5;
        let v = (a.0 - b.0).abs() < 0.5;
        if h == v {
            return None;
        }
        horiz.push(h);
    }
    if horiz.windows(2).any(|w| w.first() == w.get(1)) {
        return None;
    }
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    let (x0, x1) = (
        xs.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f64::INFINITY, f64::min),
        ys.fold(f64::NEG_INFINITY, f64::max),
    );
    [x0, x1, y0, y1]
        .iter()
        .all(|v| v.is_finite())
        .then_some((n, (x0, y0, x1, y1)))
}

fn same(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() < 0.5
}

/// The baseline direction of a text matrix whose x axis is (`m11`, `m12`) in PDF space
/// (y up), as a quarter turn counter-clockwise; `None` when it is more than 10° off one.
fn quarter_turn(m11: f64, m12: f64) -> Option<u16> {
    if !(m11.is_finite() && m12.is_finite()) || (m11 == 0.0 && m12 == 0.0) {
        return Some(0);
    }
    // tan 10°: no trigonometry per glyph
    const SLANT: f64 = 0.176_326_98;
    if m12.abs() <= SLANT * m11.abs() {
        Some(if m11 > 0.0 { 0 } else { 180 })
    } else if m11.abs() <= SLANT * m12.abs() {
        Some(if m12 > 0.0 { 90 } else { 270 })
    } else {
        None
    }
}

/// A horizontal or vertical segment from two points, or `None` for slanted, degenerate
/// or non-finite ones.
fn axis_seg(a: (f64, f64), b: (f64, f64)) -> Option<Seg> {
    if ![a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite()) {
        return None;
    }
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy < 0.5 && dx >= 1.0 {
        let y = (a.1 + b.1) / 2.0;
        Some(Seg {
            x0: a.0.min(b.0),
            y0: y,
            x1: a.0.max(b.0),
            y1: y,
        })
    } else if dx < 0.5 && dy >= 1.0 {
        let x = (a.0 + b.0) / 2.0;
        Some(Seg {
            x0: x,
            y0: a.1.min(b.1),
            x1: x,
            y1: a.1.max(b.1),
        })
    } else {
        None
    }
}

/// Drops the space glyphs of the page content (`glyphs[..from]`) that a run of glyphs
/// drawn by an annotation (`glyphs[from..]`) covers. An e-signature stamp fills a gap the
/// document left for it with spaces ("Số:      /UBND-XD", "ngày     tháng"): the spaces
/// under the stamped digits are not word breaks, or the number would come out as
/// "3 6 8 6". A space that starts before the stamped run (in the gap before it) stays.
fn drop_covered_spaces(glyphs: &mut Vec<Glyph>, from: usize) {
    let from = from.min(glyphs.len());
    let (content, stamped) = glyphs.split_at(from);
    let mut marks: Vec<&Glyph> = stamped.iter().filter(|g| !g.space && g.rot == 0).collect();
    if marks.is_empty() {
        return;
    }
    marks.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // runs: (x0, x1, baseline, size)
    let mut runs: Vec<(f64, f64, f64, f64)> = Vec::new();
    for g in marks {
        match runs.last_mut() {
            Some(r) if (g.y - r.2).abs() < 0.2 * r.3 && g.x <= r.1 + 0.15 * r.3 && g.x >= r.0 => {
                r.1 = r.1.max(g.x + g.w);
            }
            _ => runs.push((g.x, g.x + g.w, g.y, g.size)),
        }
    }
    let covered = |g: &Glyph| {
        let mid = g.x + g.w / 2.0;
        g.space
            && g.rot == 0
            && runs.iter().any(|&(x0, x1, y, size)| {
                mid > x0 && mid < x1 && g.x >= x0 - 0.05 * size && (g.y - y).abs() < 0.5 * size
            })
    };
    let drop: Vec<bool> = content.iter().map(covered).collect();
    if !drop.contains(&true) {
        return;
    }
    let mut i = 0;
    glyphs.retain(|_| {
        let keep = !drop.get(i).copied().unwrap_or(false);
        i += 1;
        keep
    });
}

/// Latin presentation-form ligatures that NFC keeps but readers expect spelled out.
fn expand_ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(l) = expand_ligature(c) {
            out.push_str(l);
        } else if c == '\u{A0}' || c == '\t' {
            out.push(' ');
        } else if !c.is_control() && c != '\u{FFFD}' && c != '\u{FEFF}' {
            out.push(c);
        }
    }
    out
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.check()?;
        self.top = if media_box.ury.is_finite() {
            media_box.ury
        } else {
            0.0
        };
        self.pages.push(PageData {
            number: page_num,
            glyphs: Vec::new(),
            segs: Vec::new(),
            stamped: 0,
            damage_at: None,
            invisible: 0,
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(from) = self.annots_from.take() {
            if let Some(page) = self.page() {
                let n = page.glyphs.len().saturating_sub(from);
                drop_covered_spaces(&mut page.glyphs, from);
                page.stamped = n;
            }
        }
        self.check()
    }

    fn warning(&mut self, msg: &str) {
        if self.notes.len() < 32 && !self.notes.iter().any(|n| n == msg) {
            self.notes.push(msg.to_string());
        }
    }

    fn text_render_mode(&mut self, mode: i64) {
        self.invisible = matches!(mode, 3 | 7);
    }

    fn damage_point(&mut self) {
        if let Some(p) = self.page() {
            if p.damage_at.is_none() {
                p.damage_at = Some(p.glyphs.len());
            }
        }
    }

    fn begin_annotations(&mut self) -> Result<(), OutputError> {
        self.annots_from = self.page().map(|p| p.glyphs.len());
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.check()?;
        let text = clean_text(char);
        if text.is_empty() {
            return Ok(());
        }
        let fs = if font_size.is_finite() && font_size != 0.0 {
            font_size.abs()
        } else {
            10.0
        };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let hscale = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = (fs * scale).clamp(0.5, 500.0);
        let Some(rot) = quarter_turn(trm.m11, trm.m12) else {
            // slanted text (a diagonal watermark "DỰ THẢO") is not part of the reading text
            return Ok(());
        };
        let x = trm.m31;
        let y = self.top - trm.m32;
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        let mut w = width * fs * hscale;
        if !w.is_finite() || w <= 0.0 {
            w = 0.5 * size;
        }
        let space = text.chars().all(char::is_whitespace);
        let limit = self.limit;
        let invisible = self.invisible;
        let Some(page) = self.page() else {
            return Ok(());
        };
        if !space {
            // A combining mark drawn as its own glyph belongs to the preceding letter.
            if text.chars().next().is_some_and(is_combining_mark) {
                if let Some(prev) = page.glyphs.last_mut() {
                    if !prev.space && (x - prev.x).abs() < 2.0 * size && (y - prev.y).abs() < size {
                        prev.text.push_str(&text);
                        return Ok(());
                    }
                }
            }
        }
        if page.glyphs.len() < limit {
            if invisible && !space {
                page.invisible += 1;
            }
            page.glyphs.push(Glyph {
                x,
                y,
                w,
                size,
                text,
                space,
                rot,
                line: 0,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.check()?;
        self.add_path(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.check()?;
        self.add_path(ctm, path, true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_segments_only() {
        assert!(axis_seg((0.0, 10.0), (50.0, 10.2)).is_some_and(|s| s.horizontal()));
        assert!(axis_seg((5.0, 0.0), (5.0, 30.0)).is_some_and(|s| !s.horizontal()));
        assert!(axis_seg((0.0, 0.0), (30.0, 30.0)).is_none());
        assert!(axis_seg((0.0, 0.0), (0.2, 0.0)).is_none());
        assert!(axis_seg((f64::NAN, 0.0), (10.0, 0.0)).is_none());
    }

    #[test]
    fn quarter_turns() {
        assert_eq!(quarter_turn(12.0, 0.0), Some(0));
        assert_eq!(quarter_turn(0.0, 12.0), Some(90));
        assert_eq!(quarter_turn(-12.0, 0.0), Some(180));
        assert_eq!(quarter_turn(0.0, -12.0), Some(270));
        assert_eq!(quarter_turn(12.0, 0.5), Some(0));
        assert_eq!(quarter_turn(8.0, 8.0), None);
        assert_eq!(quarter_turn(f64::NAN, 1.0), Some(0));
    }

    #[test]
    fn text_cleaning() {
        assert_eq!(clean_text("\u{FB01}n"), "fin");
        assert_eq!(clean_text("a\u{0}\u{FFFD}b"), "ab");
        assert_eq!(clean_text("\u{A0}"), " ");
    }

    #[test]
    fn deadline_in_the_past_stops_the_device() {
        let mut c = Collector::new(Instant::now());
        let mb = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 100.0,
            ury: 100.0,
        };
        let mut failed = false;
        for _ in 0..200 {
            if c.begin_page(1, &mb, None).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed && c.timed_out);
    }
}
