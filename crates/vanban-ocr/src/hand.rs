//! Handwritten digits: a small convolutional network for the numbers a clerk writes in.
//!
//! A scanned letter's number and the day of its date are often written by hand after
//! signing ("Số: 813 /HC-CNHC", "ngày 22 tháng 4"). Tesseract's models are of print, and
//! read these as junk ("Êđỗ", "°Ê}"). Where the line's grammar wants a number and the page
//! reading (and its digits-only second look, [`crate::digits`]) gave none, the gap's ink
//! is cut into digit-like pieces ([`segment`]) and each piece is classified by this
//! network ([`Net::classify`]): ten digits and an eleventh class, "not one digit" (letters,
//! marks, two digits touching, pieces of a seal).
//!
//! The network is trained by `scripts/train-digits.py` on MNIST and on digits rendered from
//! handwriting fonts modelled on school hands (Playwrite's Vietnamese, French, Italian …),
//! distorted; its weights are `data/digits.bin`, compiled in. The piece is drawn as MNIST
//! draws a digit ([`prep`]); the script's numpy reference and this code agree on
//! `fixtures/ocr/digits-vectors.json`.

use crate::gray::Gray;
use std::sync::OnceLock;

/// Side of the network's input image.
pub const SIDE: usize = 28;

/// Classes: the ten digits and "not one digit".
pub const CLASSES: usize = 11;

/// The class of anything but one digit.
pub const NOT_A_DIGIT: usize = 10;

/// Why a weights file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with `VBDIGIT1`.
    #[error("not a vanban digit model (bad magic)")]
    Magic,
    /// The file ends inside a tensor.
    #[error("digit model truncated")]
    Truncated,
    /// A tensor's shape does not fit the layer sequence.
    #[error("digit model: tensor {0} has the wrong shape")]
    Shape(usize),
}

/// A boolean image: ink is `true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Row-major pixels.
    pub data: Vec<bool>,
}

impl Mask {
    /// A mask from rows of `#` (ink) and anything else (paper).
    ///
    /// ```
    /// use vanban_ocr::hand::Mask;
    /// let m = Mask::from_rows(&["#.", ".#"]);
    /// assert_eq!((m.width, m.height, m.data), (2, 2, vec![true, false, false, true]));
    /// ```
    pub fn from_rows(rows: &[&str]) -> Mask {
        let width = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0);
        let mut data = vec![false; width * rows.len()];
        for (y, r) in rows.iter().enumerate() {
            for (x, c) in r.chars().enumerate() {
                if let Some(p) = data.get_mut(y * width + x) {
                    *p = c == '#';
                }
            }
        }
        Mask {
            width,
            height: rows.len(),
            data,
        }
    }

    fn at(&self, x: usize, y: usize) -> bool {
        x < self.width && self.data.get(y * self.width + x).copied().unwrap_or(false)
    }
}

/// A piece drawn as MNIST draws a digit: trimmed to its ink, scaled by area averaging so
/// that its longer side is 20 pixels, and placed in 28 × 28 with its centre of mass at the
/// centre. No ink gives an empty image.
///
/// ```
/// use vanban_ocr::hand::{prep, Mask, SIDE};
/// // a bar 2 wide and 10 high becomes 4 × 20, centred
/// let bar = Mask::from_rows(&["##"; 10]);
/// let img = prep(&bar);
/// let ink: f32 = img.iter().sum();
/// assert!((ink - 80.0).abs() < 1e-3);
/// assert_eq!(img[4 * SIDE + 12], 1.0);
/// assert_eq!(img[4 * SIDE + 11], 0.0);
/// assert_eq!(img[3 * SIDE + 12], 0.0);
/// ```
pub fn prep(mask: &Mask) -> Vec<f32> {
    let mut out = vec![0f32; SIDE * SIDE];
    // the ink's box
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..mask.height {
        for x in 0..mask.width {
            if mask.at(x, y) {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    if x0 == usize::MAX {
        return out;
    }
    let (h, w) = (y1 - y0 + 1, x1 - x0 + 1);
    let s = 20.0 / h.max(w) as f64;
    let fit = |n: usize| ((n as f64 * s + 0.5).floor() as usize).clamp(1, 20);
    let (th, tw) = (fit(h), fit(w));
    let rows = overlaps(h, th);
    let cols = overlaps(w, tw);
    let cell = (h as f64 / th as f64) * (w as f64 / tw as f64);
    let mut v = vec![0f64; th * tw];
    for (i, row) in rows.iter().enumerate() {
        for &(y, ry) in row {
            for (j, col) in cols.iter().enumerate() {
                for &(x, cx) in col {
                    if mask.at(x0 + x, y0 + y) {
                        if let Some(p) = v.get_mut(i * tw + j) {
                            *p += ry * cx;
                        }
                    }
                }
            }
        }
    }
    let total: f64 = v.iter().sum();
    if total <= 0.0 {
        return out;
    }
    let (mut cy, mut cx) = (0f64, 0f64);
    for i in 0..th {
        for j in 0..tw {
            let a = v.get(i * tw + j).copied().unwrap_or(0.0);
            cy += a * (i as f64 + 0.5);
            cx += a * (j as f64 + 0.5);
        }
    }
    let half = SIDE as f64 / 2.0;
    let place =
        |c: f64, n: usize| ((half - c / total + 0.5).floor().max(0.0) as usize).min(SIDE - n);
    let (oy, ox) = (place(cy, th), place(cx, tw));
    for i in 0..th {
        for j in 0..tw {
            if let (Some(o), Some(a)) = (out.get_mut((oy + i) * SIDE + ox + j), v.get(i * tw + j)) {
                *o = (a / cell) as f32;
            }
        }
    }
    out
}

/// For each of `cells` equal parts of `n` pixels, the pixels it overlaps and by how much.
fn overlaps(n: usize, cells: usize) -> Vec<Vec<(usize, f64)>> {
    let step = n as f64 / cells as f64;
    (0..cells)
        .map(|i| {
            let (a, b) = (i as f64 * step, (i + 1) as f64 * step);
            let first = a.floor() as usize;
            let last = (b.ceil() as usize).min(n);
            (first..last)
                .filter_map(|p| {
                    let o = (b.min(p as f64 + 1.0) - a.max(p as f64)).max(0.0);
                    (o > 0.0).then_some((p, o))
                })
                .collect()
        })
        .collect()
}

/// A convolution of 3 × 3 kernels, padding 1.
#[derive(Debug, Clone)]
struct Conv {
    out: usize,
    inp: usize,
    w: Vec<f32>,
    b: Vec<f32>,
}

/// A fully connected layer.
#[derive(Debug, Clone)]
struct Dense {
    out: usize,
    inp: usize,
    w: Vec<f32>,
    b: Vec<f32>,
}

/// The digit network: two convolutions (ReLU, 2 × 2 max pooling) and two dense layers.
#[derive(Debug, Clone)]
pub struct Net {
    conv1: Conv,
    conv2: Conv,
    fc1: Dense,
    fc2: Dense,
}

/// What the network makes of one piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Class {
    /// The digit, or `None` for "not one digit".
    pub digit: Option<u8>,
    /// Its softmax probability.
    pub prob: f32,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or(ModelError::Truncated)?;
        self.at += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn tensor(&mut self) -> Result<(Vec<usize>, Vec<f32>), ModelError> {
        let ndim = self.u32()? as usize;
        if ndim > 4 {
            return Err(ModelError::Truncated);
        }
        let dims: Vec<usize> = (0..ndim)
            .map(|_| self.u32().map(|d| d as usize))
            .collect::<Result<_, _>>()?;
        let n = dims
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .ok_or(ModelError::Truncated)?;
        let end = n
            .checked_mul(4)
            .and_then(|b| b.checked_add(self.at))
            .ok_or(ModelError::Truncated)?;
        let raw = self.bytes.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        let values = raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok((dims, values))
    }
}

impl Net {
    /// The network of a weights file (`VBDIGIT1`, then eight tensors: each its rank, its
    /// dimensions and its values, little-endian).
    pub fn parse(bytes: &[u8]) -> Result<Net, ModelError> {
        if bytes.get(..8) != Some(b"VBDIGIT1".as_slice()) {
            return Err(ModelError::Magic);
        }
        let mut r = Reader { bytes, at: 8 };
        let mut t = Vec::new();
        for _ in 0..8 {
            t.push(r.tensor()?);
        }
        let dims = |k: usize| t.get(k).map(|x| x.0.as_slice()).unwrap_or(&[]);
        let vals = |k: usize| t.get(k).map(|x| x.1.clone()).unwrap_or_default();
        let conv = |k: usize, inp: usize| -> Result<Conv, ModelError> {
            match (dims(k), dims(k + 1)) {
                (&[o, i, 3, 3], &[ob]) if i == inp && ob == o && o > 0 => Ok(Conv {
                    out: o,
                    inp: i,
                    w: vals(k),
                    b: vals(k + 1),
                }),
                _ => Err(ModelError::Shape(k)),
            }
        };
        let dense = |k: usize, inp: usize, out: Option<usize>| -> Result<Dense, ModelError> {
            match (dims(k), dims(k + 1)) {
                (&[o, i], &[ob]) if i == inp && ob == o && o > 0 && out.is_none_or(|n| n == o) => {
                    Ok(Dense {
                        out: o,
                        inp: i,
                        w: vals(k),
                        b: vals(k + 1),
                    })
                }
                _ => Err(ModelError::Shape(k)),
            }
        };
        let conv1 = conv(0, 1)?;
        let conv2 = conv(2, conv1.out)?;
        let fc1 = dense(4, conv2.out * 49, None)?;
        let fc2 = dense(6, fc1.out, Some(CLASSES))?;
        Ok(Net {
            conv1,
            conv2,
            fc1,
            fc2,
        })
    }

    /// The eleven scores (before softmax) of a 28 × 28 image.
    pub fn logits(&self, img: &[f32]) -> Vec<f32> {
        let a = pool(&conv3(&self.conv1, img, SIDE), self.conv1.out, SIDE);
        let b = pool(&conv3(&self.conv2, &a, SIDE / 2), self.conv2.out, SIDE / 2);
        let mut h = dense(&self.fc1, &b);
        for v in &mut h {
            *v = v.max(0.0);
        }
        dense(&self.fc2, &h)
    }

    /// The class of a piece and its probability.
    pub fn classify(&self, piece: &Mask) -> Class {
        let z = self.logits(&prep(piece));
        let top = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let exp: Vec<f32> = z.iter().map(|v| (v - top).exp()).collect();
        let sum: f32 = exp.iter().sum();
        let (best, e) =
            exp.iter().enumerate().fold(
                (NOT_A_DIGIT, 0f32),
                |acc, (k, &e)| if e > acc.1 { (k, e) } else { acc },
            );
        Class {
            digit: (best < NOT_A_DIGIT).then_some(best as u8),
            prob: if sum > 0.0 { e / sum } else { 0.0 },
        }
    }
}

impl Mask {
    /// The mask grown (`grow`) or thinned by one pixel in every direction (3 × 3).
    fn morph(&self, grow: bool) -> Mask {
        let mut data = vec![false; self.data.len()];
        for y in 0..self.height {
            for x in 0..self.width {
                let mut any = false;
                let mut all = x > 0 && y > 0;
                for ny in y.saturating_sub(1)..=(y + 1) {
                    for nx in x.saturating_sub(1)..=(x + 1) {
                        let v = self.at(nx, ny);
                        any |= v;
                        all &= v;
                    }
                }
                if let Some(p) = data.get_mut(y * self.width + x) {
                    *p = if grow { any } else { all };
                }
            }
        }
        Mask {
            width: self.width,
            height: self.height,
            data,
        }
    }

    /// The mask slanted: each row moved right by `slope` × its height above the middle.
    fn shear(&self, slope: f64) -> Mask {
        let half = self.height as f64 / 2.0;
        let reach = (slope.abs() * half).ceil() as usize;
        let width = self.width + 2 * reach;
        let mut data = vec![false; width * self.height];
        for y in 0..self.height {
            let shift = (slope * (half - y as f64)).round() as i64 + reach as i64;
            for x in 0..self.width {
                if self.at(x, y) {
                    let nx = (x as i64 + shift).clamp(0, width as i64 - 1) as usize;
                    if let Some(p) = data.get_mut(y * width + nx) {
                        *p = true;
                    }
                }
            }
        }
        Mask {
            width,
            height: self.height,
            data,
        }
    }

    fn ink(&self) -> usize {
        self.data.iter().filter(|&&b| b).count()
    }
}

/// A convolution of `side` × `side` maps with padding 1, then ReLU.
fn conv3(c: &Conv, input: &[f32], side: usize) -> Vec<f32> {
    let n = side * side;
    let mut out = vec![0f32; c.out * n];
    for o in 0..c.out {
        let bias = c.b.get(o).copied().unwrap_or(0.0);
        let map = &mut out[o * n..(o + 1) * n];
        map.fill(bias);
        for i in 0..c.inp {
            let src = input.get(i * n..(i + 1) * n).unwrap_or(&[]);
            if src.len() < n {
                continue;
            }
            let k =
                c.w.get((o * c.inp + i) * 9..(o * c.inp + i + 1) * 9)
                    .unwrap_or(&[]);
            for (t, &wk) in k.iter().enumerate() {
                let (dy, dx) = (t / 3, t % 3);
                for y in 0..side {
                    let Some(sy) = (y + dy).checked_sub(1).filter(|&s| s < side) else {
                        continue;
                    };
                    let (xa, xb) = (1usize.saturating_sub(dx), (side + 1 - dx).min(side));
                    let row = &mut map[y * side + xa..y * side + xb];
                    let from = sy * side + xa + dx - 1;
                    let srow = &src[from..from + row.len()];
                    for (d, s) in row.iter_mut().zip(srow) {
                        *d += wk * s;
                    }
                }
            }
        }
        for v in map.iter_mut() {
            *v = v.max(0.0);
        }
    }
    out
}

/// 2 × 2 max pooling of `maps` maps of `side` × `side`.
fn pool(input: &[f32], maps: usize, side: usize) -> Vec<f32> {
    let half = side / 2;
    let mut out = vec![0f32; maps * half * half];
    for m in 0..maps {
        for y in 0..half {
            for x in 0..half {
                let at = |yy: usize, xx: usize| {
                    input
                        .get(m * side * side + yy * side + xx)
                        .copied()
                        .unwrap_or(0.0)
                };
                let v = at(2 * y, 2 * x)
                    .max(at(2 * y, 2 * x + 1))
                    .max(at(2 * y + 1, 2 * x))
                    .max(at(2 * y + 1, 2 * x + 1));
                if let Some(o) = out.get_mut(m * half * half + y * half + x) {
                    *o = v;
                }
            }
        }
    }
    out
}

fn dense(d: &Dense, input: &[f32]) -> Vec<f32> {
    (0..d.out)
        .map(|o| {
            let row = d.w.get(o * d.inp..(o + 1) * d.inp).unwrap_or(&[]);
            d.b.get(o).copied().unwrap_or(0.0)
                + row.iter().zip(input).map(|(w, x)| w * x).sum::<f32>()
        })
        .collect()
}

static WEIGHTS: &[u8] = include_bytes!("../data/digits.bin");

/// The compiled-in network (`None` only if its weights file were damaged, which a test
/// rules out).
pub fn net() -> Option<&'static Net> {
    static NET: OnceLock<Option<Net>> = OnceLock::new();
    NET.get_or_init(|| Net::parse(WEIGHTS).ok()).as_ref()
}

/// The digit-like pieces of ink in a crop, left to right, each trimmed to its ink.
/// `ref_height` is the height of the line's printed words (pixels).
///
/// The crop is cut at Otsu's threshold. Long level runs of ink (an underline, a dotted
/// leader, a rule the clerk wrote across) are taken out first. Of the 8-connected pieces
/// left, specks and marks (lower than a third of the line's height, or less ink than a
/// dot), flat pieces (wider than three times their height), pieces cut by the crop's
/// left or right edge (a neighbouring word's glyph) and pieces cut by its top edge that end
/// in its upper half, or by its bottom edge that begin in its lower half (the feet of the
/// line above, the marks of the line below: a digit written in the gap, however tall,
/// reaches its middle) are dropped; pieces that stand over one another (a broken stroke,
/// the flag of a 1) are one.
///
/// ```
/// use vanban_ocr::gray::Gray;
/// use vanban_ocr::hand::pieces;
/// // two bars on paper, an underline under both
/// let mut g = Gray::new(60, 30);
/// g.fill_rect(10.0, 5.0, 14.0, 25.0, 0);
/// g.fill_rect(30.0, 5.0, 34.0, 25.0, 0);
/// g.fill_rect(2.0, 25.0, 58.0, 27.0, 0);
/// let p = pieces(&g, 20.0);
/// assert_eq!(p.len(), 2);
/// assert_eq!((p[0].width, p[0].height), (4, 20));
/// // the foot of a letter of the line above, cut by the top edge: not a piece
/// let mut g = Gray::new(60, 40);
/// g.fill_rect(10.0, 0.0, 16.0, 12.0, 0);
/// g.fill_rect(30.0, 8.0, 34.0, 32.0, 0);
/// let p = pieces(&g, 20.0);
/// assert_eq!(p.len(), 1);
/// assert_eq!((p[0].width, p[0].height), (4, 24));
/// // a tall digit reaching up to the edge is one
/// g.fill_rect(30.0, 0.0, 34.0, 8.0, 0);
/// assert_eq!(pieces(&g, 20.0)[0].height, 32);
/// // a sliver cut by the left side is left out; a glyph's width cut there too, except in
/// // a whole gap, where nothing is read
/// use vanban_ocr::hand::gap_pieces;
/// g.fill_rect(0.0, 10.0, 3.0, 30.0, 0);
/// assert_eq!(gap_pieces(&g, 20.0, true).len(), 1);
/// g.fill_rect(0.0, 10.0, 12.0, 30.0, 0);
/// assert_eq!(pieces(&g, 20.0).len(), 1);
/// assert!(gap_pieces(&g, 20.0, true).is_empty());
/// ```
pub fn pieces(crop: &Gray, ref_height: f64) -> Vec<Mask> {
    gap_pieces(crop, ref_height, false)
}

/// [`pieces`] of a crop whose sides are a gap's own (between a label and the word after it,
/// nothing of either cut on purpose), `whole_gap`: then a piece half the line's height wide
/// and high cut by a side may be a digit that runs on past it, and no piece is returned.
pub fn gap_pieces(crop: &Gray, ref_height: f64, whole_gap: bool) -> Vec<Mask> {
    let (w, h) = (crop.width, crop.height);
    if w == 0 || h == 0 || !ref_height.is_finite() || ref_height < 4.0 {
        return Vec::new();
    }
    // long level runs: rules and underlines
    let Some(ink) = print_ink(crop, (1.5 * ref_height).ceil() as usize) else {
        return Vec::new();
    };
    let mut comps = components(&ink, w, h);
    // a piece of a digit's size cut by a side: a digit may run on past it (the first "3"
    // of 339 joined to the foot of a letter above); where the crop's sides are the gap's
    // own, what is left is no reading
    if whole_gap
        && comps.iter().any(|c| {
            let (cw, ch) = (c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
            (c.x0 == 0 || c.x1 + 1 == w)
                && (ch as f64) >= 0.5 * ref_height
                && (cw as f64) >= 0.5 * ref_height
        })
    {
        return Vec::new();
    }
    comps.retain(|c| {
        let (cw, ch) = (c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
        (ch as f64) >= 0.35 * ref_height
            && (c.pixels.len() as f64) >= 0.02 * ref_height * ref_height
            && cw <= 3 * ch
            && c.x0 > 0
            && c.x1 + 1 < w
            && !(c.y0 == 0 && 2 * (c.y1 + 1) <= h)
            && !(c.y1 + 1 == h && 2 * c.y0 >= h)
    });
    comps.sort_by_key(|c| c.x0);
    let mut groups: Vec<Vec<Comp>> = Vec::new();
    for c in comps {
        if let Some(g) = groups.last_mut() {
            let right = g.iter().map(|p| p.x1).max().unwrap_or(0);
            let width = c.x1 - c.x0 + 1;
            if right + 1 > c.x0 && 2 * (right + 1 - c.x0) > width {
                g.push(c);
                continue;
            }
        }
        groups.push(vec![c]);
    }
    groups
        .iter()
        .map(|g| {
            let x0 = g.iter().map(|c| c.x0).min().unwrap_or(0);
            let y0 = g.iter().map(|c| c.y0).min().unwrap_or(0);
            let x1 = g.iter().map(|c| c.x1).max().unwrap_or(0);
            let y1 = g.iter().map(|c| c.y1).max().unwrap_or(0);
            let (mw, mh) = (x1 - x0 + 1, y1 - y0 + 1);
            let mut data = vec![false; mw * mh];
            for c in g {
                for &(x, y) in &c.pixels {
                    if let Some(p) = data.get_mut((y - y0) * mw + (x - x0)) {
                        *p = true;
                    }
                }
            }
            Mask {
                width: mw,
                height: mh,
                data,
            }
        })
        .collect()
}

/// The ink of a crop as Otsu's threshold cuts it, level runs of `long` pixels or more
/// (rules, underlines) taken out; `None` for paper with no ink, or no paper (more than half
/// the crop dark, or the two levels less than 60 apart).
fn print_ink(crop: &Gray, long: usize) -> Option<Vec<bool>> {
    let w = crop.width;
    let thr = crop.otsu();
    let mut ink: Vec<bool> = crop.data.iter().map(|&v| v <= thr).collect();
    let share = ink.iter().filter(|&&b| b).count() as f64 / ink.len().max(1) as f64;
    let (dark, light) = class_means(&crop.data, thr);
    if w == 0 || share > 0.5 || light - dark < 60.0 {
        return None;
    }
    for row in ink.chunks_mut(w) {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            if x - start >= long {
                row[start..x].fill(false);
            }
        }
    }
    Some(ink)
}

/// Mean levels of the pixels at or below `thr` and above it.
fn class_means(data: &[u8], thr: u8) -> (f64, f64) {
    let (mut sd, mut nd, mut sl, mut nl) = (0f64, 0f64, 0f64, 0f64);
    for &v in data {
        if v <= thr {
            sd += f64::from(v);
            nd += 1.0;
        } else {
            sl += f64::from(v);
            nl += 1.0;
        }
    }
    (sd / nd.max(1.0), if nl > 0.0 { sl / nl } else { 0.0 })
}

/// A connected piece of ink: its pixels (x, y) and box.
pub(crate) struct Comp {
    pub(crate) pixels: Vec<(usize, usize)>,
    pub(crate) x0: usize,
    pub(crate) y0: usize,
    pub(crate) x1: usize,
    pub(crate) y1: usize,
}

/// The 8-connected pieces of `ink` (`w` × `h`).
pub(crate) fn components(ink: &[bool], w: usize, h: usize) -> Vec<Comp> {
    let mut seen = vec![false; ink.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..ink.len() {
        if !ink[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut c = Comp {
            pixels: Vec::new(),
            x0: usize::MAX,
            y0: usize::MAX,
            x1: 0,
            y1: 0,
        };
        while let Some(p) = stack.pop() {
            let (x, y) = (p % w, p / w);
            c.pixels.push((x, y));
            c.x0 = c.x0.min(x);
            c.x1 = c.x1.max(x);
            c.y0 = c.y0.min(y);
            c.y1 = c.y1.max(y);
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let q = ny * w + nx;
                    if ink[q] && !seen[q] {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
        }
        out.push(c);
    }
    out
}

/// The class of a piece, and how well it holds when the piece is drawn a little otherwise:
/// its strokes a pixel thicker and (when they are thick enough) thinner, slanted an eighth
/// either way. A pen's digit stays itself under these; a shape the network never learnt (a
/// hand unlike its training) loses its probability or flips. The second value is the least
/// probability of the class over the drawings, zero when one reads another class.
pub fn steady_class(net: &Net, piece: &Mask) -> (Class, f32) {
    let (first, steady, flips) = drawn_class(net, piece);
    (first, if flips > 0 { 0.0 } else { steady })
}

/// [`steady_class`]'s class, the least probability of it over the drawings that read it,
/// and how many drawings read another class.
pub fn drawn_class(net: &Net, piece: &Mask) -> (Class, f32, usize) {
    let first = net.classify(piece);
    let mut drawings = vec![piece.morph(true), piece.shear(0.12), piece.shear(-0.12)];
    let thin = piece.morph(false);
    if 2 * thin.ink() >= piece.ink() {
        drawings.push(thin);
    }
    let mut steady = first.prob;
    let mut flips = 0;
    for d in &drawings {
        let c = net.classify(d);
        if c.digit != first.digit {
            flips += 1;
        } else {
            steady = steady.min(c.prob);
        }
    }
    (first, steady, flips)
}

/// What the network reads in a gap: its digits, the least probability a digit has as the
/// piece is drawn, and the least it keeps over the drawings of [`steady_class`].
#[derive(Debug, Clone, PartialEq)]
pub struct HandRead {
    /// The digits, left to right.
    pub digits: String,
    /// The least probability of a digit as drawn.
    pub prob: f32,
    /// The least probability of a digit over its other drawings (zero when one flips).
    pub steady: f32,
    /// The most drawings of one digit that read another class.
    pub flips: usize,
}

/// The digits the network reads in a crop's pieces ([`pieces`]); `None` when there is no
/// piece, more than `max_digits`, or a piece that is not one digit.
pub fn read_digits(net: &Net, crop: &Gray, ref_height: f64, max_digits: usize) -> Option<HandRead> {
    read_gap_digits(net, crop, ref_height, max_digits, false)
}

/// [`read_digits`] over [`gap_pieces`]: with `whole_gap`, `None` as well when a piece of a
/// digit's size is cut by the crop's side.
pub fn read_gap_digits(
    net: &Net,
    crop: &Gray,
    ref_height: f64,
    max_digits: usize,
    whole_gap: bool,
) -> Option<HandRead> {
    read_pieces(net, &gap_pieces(crop, ref_height, whole_gap), max_digits)
}

/// Every piece of `ps` read as one digit, left to right; `None` when there is none, more
/// than `max_digits`, or a piece the network reads as no digit.
pub fn read_pieces(net: &Net, ps: &[Mask], max_digits: usize) -> Option<HandRead> {
    if ps.is_empty() || ps.len() > max_digits {
        return None;
    }
    let mut out = HandRead {
        digits: String::new(),
        prob: 1.0,
        steady: 1.0,
        flips: 0,
    };
    for p in ps {
        let (first, steady, flips) = drawn_class(net, p);
        out.digits.push(char::from(b'0' + first.digit?));
        out.prob = out.prob.min(first.prob);
        out.steady = out.steady.min(if flips > 0 { 0.0 } else { steady });
        out.flips = out.flips.max(flips);
    }
    Some(out)
}

/// The pieces of a number stamped or written *above* its printed line, a crop's rows
/// `cap_top..baseline` being the line's capitals (the top of "S" and of the code's
/// capitals, their foot). A numbering machine prints the number half a line above the
/// "Số:" label, its digits standing over the label's marks and the symbol's "/", and
/// touching them; the page reading runs the two into junk ("số ÊÖ5CT-ATMT" for a stamped
/// 2265 over "Số: /BCT-ATMT").
///
/// A piece is raised when its ink rises half the capitals' height or more above the cap
/// line (no printed letter does: a lower-case letter's marks reach about the capitals'
/// top, a code has no marks) and the crop's top edge does not cut it (the line above).
/// At least one raised piece must stand free of the print, its foot above the line's
/// lower quarter: the lowest such foot is the stamp's band's foot. A raised piece that
/// runs down into the print is kept only within the band and within the columns its ink
/// above the cap line spans, and then its largest connected part (the stub of a "/" or a
/// mark it touched left out). Pieces come left to right; none when no piece stands free,
/// when the ink is no print on paper, when a piece is wider than it is high (a flourish,
/// not a digit), or when a piece half a capital high rises a quarter of one above the cap
/// line without being raised (a hand's large digit on the line: the number would be read
/// in part), or a piece the crop's top edge cuts reaches within a quarter of a capital of
/// the cap line (a digit run into the line above).
///
/// ```
/// use vanban_ocr::gray::Gray;
/// use vanban_ocr::hand::raised_pieces;
/// // the printed line: capitals from row 40 to row 60
/// let mut g = Gray::new(120, 64);
/// g.fill_rect(10.0, 40.0, 20.0, 60.0, 0);
/// g.fill_rect(90.0, 40.0, 110.0, 60.0, 0);
/// // nothing raised: no pieces
/// assert!(raised_pieces(&g, 40, 60).is_empty());
/// // a stamped digit standing free above the line, another running into a capital
/// g.fill_rect(40.0, 16.0, 52.0, 44.0, 0);
/// g.fill_rect(70.0, 16.0, 82.0, 44.0, 0);
/// g.fill_rect(80.0, 40.0, 92.0, 44.0, 0);
/// let p = raised_pieces(&g, 40, 60);
/// assert_eq!(p.len(), 2);
/// assert_eq!((p[0].left, p[0].top, p[0].mask.width, p[0].mask.height), (40, 16, 12, 28));
/// // the second kept within its own columns and the band: the capital left out
/// assert_eq!((p[1].left, p[1].mask.width, p[1].mask.height), (70, 12, 28));
/// // only marks a little above the cap line: nothing
/// let mut m = Gray::new(120, 64);
/// m.fill_rect(10.0, 40.0, 20.0, 60.0, 0);
/// m.fill_rect(40.0, 34.0, 46.0, 38.0, 0);
/// assert!(raised_pieces(&m, 40, 60).is_empty());
/// // a large digit standing on the line beside the raised one: the number would be read in
/// // part, so nothing
/// let mut on_line = g.clone();
/// on_line.fill_rect(56.0, 34.0, 66.0, 60.0, 0);
/// assert!(raised_pieces(&on_line, 40, 60).is_empty());
/// // one run into the line above, cut by the crop's top edge: nothing either
/// let mut run_up = g.clone();
/// run_up.fill_rect(56.0, 0.0, 66.0, 36.0, 0);
/// assert!(raised_pieces(&run_up, 40, 60).is_empty());
/// // the line above's feet, far from the cap line, are no matter
/// g.fill_rect(56.0, 0.0, 66.0, 6.0, 0);
/// assert_eq!(raised_pieces(&g, 40, 60).len(), 2);
/// ```
pub fn raised_pieces(crop: &Gray, cap_top: usize, baseline: usize) -> Vec<Placed> {
    let (w, h) = (crop.width, crop.height);
    let cap = baseline.saturating_sub(cap_top);
    if w == 0 || baseline > h || cap < 4 {
        return Vec::new();
    }
    // long level runs: the underline of the header's line above
    let Some(ink) = print_ink(crop, 3 * cap) else {
        return Vec::new();
    };
    let comps = components(&ink, w, h);
    let raised = |c: &&Comp| c.y0 > 0 && 2 * (cap_top.saturating_sub(c.y0)) >= cap;
    // a piece half a capital high or more that rises a quarter of one above the cap line
    // but is not raised: a number standing on the line and above it (a hand's large
    // digits), which this reading would read in part
    let straddles = |c: &Comp| {
        c.y0 > 0 && !raised(&c) && 2 * (c.y1 + 1 - c.y0) >= cap && 4 * c.y0 + cap < 4 * cap_top
    };
    // a piece cut by the crop's top edge that reaches down near the cap line: not the line
    // above's feet but a digit run into that line, which would be read in part too
    let cut_off = |c: &Comp| c.y0 == 0 && 4 * (c.y1 + 1) + cap > 4 * cap_top;
    if comps.iter().any(|c| straddles(c) || cut_off(c)) {
        return Vec::new();
    }
    let free = |c: &&Comp| 4 * (c.y1 + 1) <= 4 * baseline - cap;
    let Some(foot) = comps.iter().filter(raised).filter(free).map(|c| c.y1).max() else {
        return Vec::new();
    };
    let mut out: Vec<Placed> = Vec::new();
    for c in comps.iter().filter(raised) {
        let above = c.pixels.iter().filter(|p| p.1 < cap_top);
        let (a, b) = above.fold((usize::MAX, 0), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let kept: Vec<(usize, usize)> = c
            .pixels
            .iter()
            .copied()
            .filter(|&(x, y)| y <= foot && (a..=b).contains(&x))
            .collect();
        let Some(part) = largest_part(&kept) else {
            continue;
        };
        if part.mask.width > part.mask.height {
            return Vec::new();
        }
        out.push(part);
    }
    out.sort_by_key(|p| p.left);
    out
}

/// A mask and where its top left corner stands in the image it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Column of the mask's left edge.
    pub left: usize,
    /// Row of the mask's top edge.
    pub top: usize,
    /// The ink.
    pub mask: Mask,
}

/// The largest 8-connected part of a set of pixels, as a mask trimmed to its ink.
fn largest_part(pixels: &[(usize, usize)]) -> Option<Placed> {
    let (x0, y0) = pixels.iter().fold((usize::MAX, usize::MAX), |(a, b), p| {
        (a.min(p.0), b.min(p.1))
    });
    let x1 = pixels.iter().map(|p| p.0).max()?;
    let y1 = pixels.iter().map(|p| p.1).max()?;
    let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
    let mut ink = vec![false; w * h];
    for &(x, y) in pixels {
        if let Some(p) = ink.get_mut((y - y0) * w + (x - x0)) {
            *p = true;
        }
    }
    let best = components(&ink, w, h)
        .into_iter()
        .max_by_key(|c| c.pixels.len())?;
    let (mw, mh) = (best.x1 - best.x0 + 1, best.y1 - best.y0 + 1);
    let mut data = vec![false; mw * mh];
    for &(x, y) in &best.pixels {
        if let Some(p) = data.get_mut((y - best.y0) * mw + (x - best.x0)) {
            *p = true;
        }
    }
    Some(Placed {
        left: x0 + best.x0,
        top: y0 + best.y0,
        mask: Mask {
            width: mw,
            height: mh,
            data,
        },
    })
}

/// The network's reading of the digits that begin a crop — a number and the symbol's code
/// after it ("5/NQ-CP"): its pieces from the left, up to the first that is no digit (the
/// "/"); `None` when the first is none or more than `max_digits` come before it.
pub fn read_leading_digits(
    net: &Net,
    crop: &Gray,
    ref_height: f64,
    max_digits: usize,
) -> Option<HandRead> {
    let mut out = HandRead {
        digits: String::new(),
        prob: 1.0,
        steady: 1.0,
        flips: 0,
    };
    for p in &pieces(crop, ref_height) {
        let (first, steady, flips) = drawn_class(net, p);
        let Some(d) = first.digit else {
            break;
        };
        if out.digits.len() == max_digits {
            return None;
        }
        out.digits.push(char::from(b'0' + d));
        out.prob = out.prob.min(first.prob);
        out.steady = out.steady.min(if flips > 0 { 0.0 } else { steady });
        out.flips = out.flips.max(flips);
    }
    (!out.digits.is_empty()).then_some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A `w` × `h` crop of paper with one pixel in `every` inked, from `seed` (xorshift).
    fn speckled(w: usize, h: usize, seed: u64, every: u64) -> Gray {
        let mut x = seed | 1;
        let data: Vec<u8> = (0..w * h)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if x.is_multiple_of(every) {
                    0
                } else {
                    255
                }
            })
            .collect();
        Gray::from_data(w, h, data).expect("size")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any crop, any line height: pieces and a reading within the digits asked for,
        /// never a panic.
        #[test]
        fn any_crop_reads_without_panic(
            w in 1usize..90,
            h in 1usize..60,
            seed in any::<u64>(),
            line in 0.0f64..80.0,
        ) {
            let g = speckled(w, h, seed, 5);
            for p in pieces(&g, line) {
                prop_assert!(p.width <= w && p.height <= h);
            }
            if let Some(r) = read_digits(net().expect("network"), &g, line, 3) {
                prop_assert!(r.digits.len() <= 3);
                prop_assert!((0.0..=1.0).contains(&r.prob));
            }
        }

        /// Any crop, any rows said to be the capitals (also past the crop's foot, or
        /// upside down): raised pieces inside the crop, never a panic.
        #[test]
        fn any_crop_gives_raised_pieces_inside_it(
            w in 1usize..90,
            h in 1usize..60,
            seed in any::<u64>(),
            cap_top in 0usize..70,
            baseline in 0usize..70,
        ) {
            let g = speckled(w, h, seed, 4);
            for p in raised_pieces(&g, cap_top, baseline) {
                prop_assert!(p.left + p.mask.width <= w && p.top + p.mask.height <= h);
                prop_assert_eq!(p.mask.data.len(), p.mask.width * p.mask.height);
            }
        }
    }

    /// A weights file of the given tensors.
    fn file(tensors: &[(&[u32], f32)]) -> Vec<u8> {
        let mut out = b"VBDIGIT1".to_vec();
        for (dims, v) in tensors {
            out.extend((dims.len() as u32).to_le_bytes());
            for d in *dims {
                out.extend(d.to_le_bytes());
            }
            let n: u32 = dims.iter().product();
            for _ in 0..n {
                out.extend(v.to_le_bytes());
            }
        }
        out
    }

    fn small(fc2_out: u32) -> Vec<u8> {
        file(&[
            (&[2, 1, 3, 3], 0.1),
            (&[2], 0.0),
            (&[3, 2, 3, 3], 0.1),
            (&[3], 0.0),
            (&[4, 147], 0.01),
            (&[4], 0.0),
            (&[fc2_out, 4], 0.5),
            (&[fc2_out], 0.0),
        ])
    }

    #[test]
    fn a_damaged_weights_file_is_an_error_not_a_panic() {
        assert_eq!(Net::parse(b"NOTMODEL").err(), Some(ModelError::Magic));
        assert_eq!(Net::parse(b"").err(), Some(ModelError::Magic));
        let good = small(11);
        assert!(Net::parse(&good).is_ok());
        for cut in [9, 20, good.len() / 2, good.len() - 1] {
            assert_eq!(
                Net::parse(&good[..cut]).err(),
                Some(ModelError::Truncated),
                "{cut}"
            );
        }
        // ten classes where eleven are wanted
        assert_eq!(Net::parse(&small(10)).err(), Some(ModelError::Shape(6)));
        // a rank of a billion
        let mut huge = b"VBDIGIT1".to_vec();
        huge.extend(2u32.to_le_bytes());
        huge.extend(u32::MAX.to_le_bytes());
        huge.extend(u32::MAX.to_le_bytes());
        assert_eq!(Net::parse(&huge).err(), Some(ModelError::Truncated));
    }

    #[test]
    fn the_compiled_in_network_loads() {
        let net = net().expect("data/digits.bin parses");
        assert_eq!(net.fc2.out, CLASSES);
        let c = net.classify(&Mask::from_rows(&[]));
        assert!((0.0..=1.0).contains(&c.prob));
    }

    #[test]
    fn a_uniform_network_spreads_its_votes_evenly() {
        // every weight equal: every class scores the same
        let net = Net::parse(&small(11)).expect("parses");
        let z = net.logits(&prep(&Mask::from_rows(&["##", "##"])));
        assert_eq!(z.len(), CLASSES);
        assert!(z.iter().all(|v| (v - z[0]).abs() < 1e-6));
        let c = net.classify(&Mask::from_rows(&["#"]));
        assert!((c.prob - 1.0 / 11.0).abs() < 1e-5);
    }

    #[test]
    fn convolution_pads_with_zeros_and_pools_the_maximum() {
        // one 3×3 kernel that is 1 only at its centre-right: out[y][x] = in[y][x+1]
        let mut w = vec![0f32; 9];
        w[5] = 1.0;
        let c = Conv {
            out: 1,
            inp: 1,
            w,
            b: vec![0.0],
        };
        let img: Vec<f32> = (0..16).map(|v| v as f32).collect();
        let out = conv3(&c, &img, 4);
        assert_eq!(&out[0..4], &[1.0, 2.0, 3.0, 0.0]);
        assert_eq!(&out[12..16], &[13.0, 14.0, 15.0, 0.0]);
        assert_eq!(&out[4..8], &[5.0, 6.0, 7.0, 0.0]);
        assert_eq!(pool(&out, 1, 4), vec![6.0, 7.0, 14.0, 15.0]);
    }

    /// The numpy reference of `scripts/train-digits.py` (its own code, not this one's) on
    /// twelve validation pieces: the drawing as MNIST draws a digit, the eleven scores and
    /// the class agree with what this code computes.
    #[test]
    fn prep_and_network_agree_with_the_training_scripts_reference() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../fixtures/ocr/digits-vectors.json"))
                .expect("json");
        let cases = cases.as_array().expect("a list");
        assert!(cases.len() >= 12);
        let net = net().expect("network");
        let num = |v: &serde_json::Value| v.as_f64().expect("number");
        for (k, c) in cases.iter().enumerate() {
            let rows: Vec<&str> = c["mask"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|r| r.as_str().expect("row"))
                .collect();
            let img = prep(&Mask::from_rows(&rows));
            let sum: f64 = img.iter().map(|&v| f64::from(v)).sum();
            let check: f64 = img
                .iter()
                .enumerate()
                .map(|(i, &v)| f64::from(v) * (i + 1) as f64)
                .sum();
            assert!(
                (sum - num(&c["prep_sum"])).abs() < 1e-3,
                "case {k}: sum {sum}"
            );
            let want = num(&c["prep_checksum"]);
            assert!(
                (check - want).abs() < 1e-3 * want.max(1.0),
                "case {k}: {check} {want}"
            );
            let z = net.logits(&img);
            for (a, b) in z.iter().zip(c["logits"].as_array().expect("logits")) {
                assert!((f64::from(*a) - num(b)).abs() < 1e-3, "case {k}: {z:?}");
            }
            let label = c["label"].as_u64().expect("label") as usize;
            let got = net.classify(&Mask::from_rows(&rows));
            assert_eq!(
                got.digit.map_or(NOT_A_DIGIT, usize::from),
                label,
                "case {k}"
            );
        }
    }

    /// The training script's reference pieces (`fixtures/ocr/digits-vectors.json`): each
    /// mask's rows and the class the network gives it (10: not one digit).
    pub(crate) fn reference_pieces() -> Vec<(Vec<String>, usize)> {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../../fixtures/ocr/digits-vectors.json"))
                .expect("json");
        cases
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| {
                let rows = c["mask"].as_array().expect("rows");
                let rows = rows.iter().map(|r| r.as_str().expect("row").to_string());
                (rows.collect(), c["label"].as_u64().expect("label") as usize)
            })
            .collect()
    }

    /// `rows` drawn in black on `g` with their top left at (x, y).
    pub(crate) fn draw(g: &mut Gray, rows: &[String], x: usize, y: usize) {
        for (dy, row) in rows.iter().enumerate() {
            for (dx, c) in row.chars().enumerate() {
                if c == '#' {
                    g.fill_rect(
                        (x + dx) as f64,
                        (y + dy) as f64,
                        (x + dx + 1) as f64,
                        (y + dy + 1) as f64,
                        0,
                    );
                }
            }
        }
    }

    #[test]
    fn leading_digits_stop_at_the_first_piece_that_is_no_digit() {
        let refs = reference_pieces();
        let of = |label: usize| refs.iter().find(|r| r.1 == label).expect("piece").0.clone();
        let mut g = Gray::new(200, 60);
        draw(&mut g, &of(5), 10, 15); // 5
        draw(&mut g, &of(9), 40, 15); // 9
        draw(&mut g, &of(10), 70, 15); // no digit (as "/" or a code letter)
        draw(&mut g, &of(7), 110, 15); // a 7 after it is no part of the number
        let net = net().expect("network");
        let r = read_leading_digits(net, &g, 24.0, 6).expect("a reading");
        assert_eq!(r.digits, "59");
        // more digits than asked before the stop: no reading; none at all: none
        assert_eq!(read_leading_digits(net, &g, 24.0, 1), None);
        let mut h = Gray::new(200, 60);
        draw(&mut h, &of(10), 10, 15);
        draw(&mut h, &of(5), 50, 15);
        assert_eq!(read_leading_digits(net, &h, 24.0, 6), None);
    }

    #[test]
    fn pieces_drop_specks_and_what_the_crop_cut() {
        let mut g = Gray::new(80, 40);
        g.fill_rect(0.0, 8.0, 4.0, 30.0, 0); // cut by the left edge
        g.fill_rect(20.0, 8.0, 25.0, 30.0, 0); // a digit-like bar
        g.fill_rect(40.0, 10.0, 42.0, 12.0, 0); // a speck
        g.fill_rect(50.0, 8.0, 55.0, 30.0, 0); // a second bar, its flag over it:
        g.fill_rect(46.0, 8.0, 50.0, 10.0, 0);
        let p = pieces(&g, 20.0);
        assert_eq!(p.len(), 2);
        assert_eq!((p[1].width, p[1].height), (9, 22));
        // blank paper
        assert!(pieces(&Gray::new(80, 40), 20.0).is_empty());
    }
}
