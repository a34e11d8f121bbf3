//! The sheet in a photo or a copy.
//!
//! A phone photo shows the desk around the page, and a copier the dark lid around a sheet
//! smaller than the glass. Both are dark regions reaching the image's edge. Their edges (the
//! sheet's border, its shadow) would be found as ruling lines and read as "|" and "/", and a
//! photo taken at a slant prints the page as a quadrilateral whose lines tilt each their own
//! way, which one deskew angle cannot level.
//!
//! [`straighten`] makes the surround white and, when the whole sheet is in the picture and
//! is not already upright, maps its four corners back to a rectangle.

use crate::gray::Gray;

/// The dark region around a sheet, as cells of the image.
struct Surround {
    /// Cell side in pixels.
    cell: usize,
    /// Cells across and down.
    cw: usize,
    ch: usize,
    /// Per cell: part of the surround.
    dark: Vec<bool>,
}

/// Smallest share of the image the surround must cover to be one.
const MIN_SURROUND: f64 = 0.02;
/// Largest: beyond it the image is a dark picture, not a sheet on a desk.
const MAX_SURROUND: f64 = 0.7;

/// The surround of `img` (see the module): cells about 1/256 of the long side, each at the
/// level of its paper (the brightest quarter of its pixels, so ink on paper does not make a
/// cell dark); the cells darker than Otsu's threshold over those levels that are joined to
/// the image's edge. `None` when there is no such region (under 2% of the image), when it is
/// most of the image (over 70%), when no paper stands out (classes within 60 levels), or
/// when the region's border is no step (a median rise under 30 levels to the next cell
/// beyond it: light falling off across a page, not a desk).
fn surround(img: &Gray) -> Option<Surround> {
    let cell = (img.width.max(img.height) / 256).max(4);
    let (cw, ch) = (img.width.div_ceil(cell), img.height.div_ceil(cell));
    if cw < 8 || ch < 8 {
        return None;
    }
    let (_, _, levels) = img.paper_levels(cell, true);
    let grid = Gray::from_data(cw, ch, levels)?;
    let thr = grid.otsu();
    let (mut dark, mut bright) = ((0f64, 0f64), (0f64, 0f64));
    for &l in &grid.data {
        let class = if l <= thr { &mut dark } else { &mut bright };
        class.0 += f64::from(l);
        class.1 += 1.0;
    }
    if dark.1 == 0.0 || bright.1 == 0.0 || bright.0 / bright.1 - dark.0 / dark.1 < 60.0 {
        return None;
    }
    let edge = (0..cw)
        .flat_map(|x| [(x, 0), (x, ch - 1)])
        .chain((0..ch).flat_map(|y| [(0, y), (cw - 1, y)]));
    let dark = flood(cw, ch, edge, |x, y| grid.get(x, y) <= thr);
    let share = dark.iter().filter(|&&d| d).count() as f64 / dark.len() as f64;
    if !(MIN_SURROUND..=MAX_SURROUND).contains(&share) {
        return None;
    }
    // a surround is another material, its border a step; light falling off across the
    // page (a lamp to one side) darkens it by a level or two a cell
    let mut steps: Vec<u8> = Vec::new();
    for y in 0..ch {
        for x in 0..cw {
            if !dark.get(y * cw + x).copied().unwrap_or(false) {
                continue;
            }
            let here = grid.get(x, y);
            for (nx, ny) in [
                (x + 1, y),
                (x, y + 1),
                (x.wrapping_sub(1), y),
                (x, y.wrapping_sub(1)),
            ] {
                if nx < cw && ny < ch && !dark.get(ny * cw + nx).copied().unwrap_or(true) {
                    steps.push(grid.get(nx, ny).saturating_sub(here));
                }
            }
        }
    }
    steps.sort_unstable();
    let median = steps.get(steps.len() / 2).copied().unwrap_or(0);
    (median >= MIN_STEP).then_some(Surround { cell, cw, ch, dark })
}

/// The least median step in level from the surround to the sheet across its border.
const MIN_STEP: u8 = 30;

/// The cells of a `cw` × `ch` grid reached from `seeds` through cells where `pass` holds
/// (4-neighbours).
fn flood(
    cw: usize,
    ch: usize,
    seeds: impl Iterator<Item = (usize, usize)>,
    pass: impl Fn(usize, usize) -> bool,
) -> Vec<bool> {
    let mut reached = vec![false; cw * ch];
    let mut stack: Vec<(usize, usize)> = seeds.collect();
    while let Some((x, y)) = stack.pop() {
        let i = y * cw + x;
        if x >= cw || y >= ch || reached.get(i).copied().unwrap_or(true) || !pass(x, y) {
            continue;
        }
        if let Some(r) = reached.get_mut(i) {
            *r = true;
        }
        stack.push((x + 1, y));
        stack.push((x, y + 1));
        if x > 0 {
            stack.push((x - 1, y));
        }
        if y > 0 {
            stack.push((x, y - 1));
        }
    }
    reached
}

impl Surround {
    fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.cw && self.dark.get(y * self.cw + x).copied().unwrap_or(false)
    }

    /// `img` with the surround, and the cells beside it (the sheet's shadowed edge), white.
    fn cleared(&self, img: &Gray) -> Gray {
        let mut out = img.clone();
        let c = self.cell as f64;
        for cy in 0..self.ch {
            for cx in 0..self.cw {
                let near = (cy.saturating_sub(1)..=cy + 1)
                    .any(|y| (cx.saturating_sub(1)..=cx + 1).any(|x| self.is_dark(x, y)));
                if near {
                    let (x, y) = (cx as f64 * c, cy as f64 * c);
                    out.fill_rect(x, y, x + c, y + c, 255);
                }
            }
        }
        out
    }

    /// The sheet's corners in pixels (top left, top right, bottom right, bottom left): the
    /// extreme cells along the diagonals of the largest region that is not surround. `None`
    /// when that region is under 30% of the image or touches the image's edge (the sheet
    /// is not all in the picture).
    fn corners(&self) -> Option<[(f64, f64); 4]> {
        let (cw, ch) = (self.cw, self.ch);
        let mut label = vec![usize::MAX; cw * ch];
        let mut best: Option<(usize, Vec<(usize, usize)>)> = None;
        for start in 0..cw * ch {
            if self.dark.get(start).copied().unwrap_or(true)
                || label.get(start) != Some(&usize::MAX)
            {
                continue;
            }
            let mut cells = Vec::new();
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                if self.dark.get(i).copied().unwrap_or(true) || label.get(i) != Some(&usize::MAX) {
                    continue;
                }
                if let Some(l) = label.get_mut(i) {
                    *l = start;
                }
                let (x, y) = (i % cw, i / cw);
                cells.push((x, y));
                if x + 1 < cw {
                    stack.push(i + 1);
                }
                if x > 0 {
                    stack.push(i - 1);
                }
                if y + 1 < ch {
                    stack.push(i + cw);
                }
                if y > 0 {
                    stack.push(i - cw);
                }
            }
            if best.as_ref().is_none_or(|(n, _)| cells.len() > *n) {
                best = Some((cells.len(), cells));
            }
        }
        let (n, cells) = best?;
        if (n as f64) < 0.3 * (cw * ch) as f64 {
            return None;
        }
        if cells
            .iter()
            .any(|&(x, y)| x == 0 || y == 0 || x + 1 == cw || y + 1 == ch)
        {
            return None;
        }
        let pick = |key: &dyn Fn(i64, i64) -> i64| {
            cells
                .iter()
                .copied()
                .max_by_key(|&(x, y)| key(x as i64, y as i64))
        };
        let c = self.cell as f64;
        let tl = pick(&|x, y| -(x + y))?;
        let tr = pick(&|x, y| x - y)?;
        let br = pick(&|x, y| x + y)?;
        let bl = pick(&|x, y| y - x)?;
        // the cell's outer corner
        Some([
            (tl.0 as f64 * c, tl.1 as f64 * c),
            ((tr.0 + 1) as f64 * c, tr.1 as f64 * c),
            ((br.0 + 1) as f64 * c, (br.1 + 1) as f64 * c),
            (bl.0 as f64 * c, (bl.1 + 1) as f64 * c),
        ])
    }
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// The projective map taking the rectangle `w` × `h` (corners from the top left, clockwise)
/// to the quadrilateral `q`: the eight coefficients of `(x, y) ↦ ((a x + b y + c) / (g x +
/// h y + 1), (d x + e y + f) / (g x + h y + 1))`. `None` when the corners are degenerate.
fn homography(w: f64, h: f64, q: &[(f64, f64); 4]) -> Option<[f64; 8]> {
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let mut m = [[0f64; 9]; 8];
    for (k, (&(x, y), &(u, v))) in from.iter().zip(q.iter()).enumerate() {
        m[2 * k] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        m[2 * k + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    // Gaussian elimination with partial pivoting
    for col in 0..8 {
        let pivot = (col..8).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let p = m[col];
        for row in m.iter_mut().skip(col + 1) {
            let f = row[col] / p[col];
            for (r, pv) in row.iter_mut().zip(p.iter()).skip(col) {
                *r -= f * pv;
            }
        }
    }
    let mut sol = [0f64; 8];
    for col in (0..8).rev() {
        let row = m[col];
        let rest: f64 = (col + 1..8).map(|j| row[j] * sol[j]).sum();
        sol[col] = (row[8] - rest) / row[col];
    }
    sol.iter().all(|v| v.is_finite()).then_some(sol)
}

/// The sheet with corners `q` in `img`, mapped to a `w` × `h` rectangle (bilinear samples,
/// white outside the image).
fn flatten(img: &Gray, q: &[(f64, f64); 4], w: usize, h: usize) -> Option<Gray> {
    let [a, b, c, d, e, f, g, hh] = homography(w as f64, h as f64, q)?;
    let mut data = Vec::with_capacity(w * h);
    for yd in 0..h {
        let y = yd as f64 + 0.5;
        for xd in 0..w {
            let x = xd as f64 + 0.5;
            let den = g * x + hh * y + 1.0;
            let xs = (a * x + b * y + c) / den - 0.5;
            let ys = (d * x + e * y + f) / den - 0.5;
            if !(xs >= 0.0 && ys >= 0.0 && xs < img.width as f64 && ys < img.height as f64) {
                data.push(255);
                continue;
            }
            data.push(img.bilinear(xs, ys));
        }
    }
    Gray::from_data(w, h, data)
}

/// A sheet on a dark surround made plain (see the module): the surround white, and a sheet
/// wholly in the picture whose corners stand off a level rectangle (by more than 1% of the
/// image's long side: photographed at a slant, or laid askew on the glass) mapped back to
/// one. With it, the sheet's long side in pixels. `None` when there is no surround.
///
/// ```
/// use vanban_ocr::gray::Gray;
/// use vanban_ocr::sheet::straighten;
/// // a dark desk, and on it a level sheet with a line of text
/// let mut g = Gray::from_data(400, 400, vec![60; 400 * 400]).unwrap();
/// g.fill_rect(60.0, 50.0, 340.0, 370.0, 235);
/// g.fill_rect(100.0, 100.0, 300.0, 104.0, 20);
/// let (c, _) = straighten(&g).unwrap();
/// assert_eq!((c.width, c.height), (400, 400)); // level: not mapped
/// assert_eq!(c.get(10, 10), 255); // the desk is white
/// assert_eq!(c.get(200, 102), 20); // the text stays
/// assert_eq!(c.get(200, 200), 235); // the sheet stays
/// assert!(straighten(&c).is_none()); // nothing left to clear
/// ```
pub fn straighten(img: &Gray) -> Option<(Gray, usize)> {
    let s = surround(img)?;
    let cleared = s.cleared(img);
    let long = img.width.max(img.height);
    let Some(q) = s.corners() else {
        return Some((cleared, long));
    };
    let [tl, tr, br, bl] = q;
    let (x0, x1) = (tl.0.min(bl.0), tr.0.max(br.0));
    let (y0, y1) = (tl.1.min(tr.1), bl.1.max(br.1));
    let off = [
        dist(tl, (x0, y0)),
        dist(tr, (x1, y0)),
        dist(br, (x1, y1)),
        dist(bl, (x0, y1)),
    ];
    let w = dist(tl, tr).max(dist(bl, br));
    let h = dist(tl, bl).max(dist(tr, br));
    let sheet_long = w.max(h).round() as usize;
    // level already (deskew takes a slight turn), or not a plausible sheet
    let tol = 0.01 * long as f64;
    let sane = w >= 0.25 * img.width as f64
        && h >= 0.25 * img.height as f64
        && dist(tl, tr) <= 1.5 * dist(bl, br)
        && dist(bl, br) <= 1.5 * dist(tl, tr)
        && dist(tl, bl) <= 1.5 * dist(tr, br)
        && dist(tr, br) <= 1.5 * dist(tl, bl)
        && w * h <= 1.2 * (img.width * img.height) as f64;
    if !sane || off.iter().all(|&o| o <= tol) {
        return Some((cleared, sheet_long.min(long)));
    }
    match flatten(&cleared, &q, w.round() as usize, h.round() as usize) {
        Some(flat) => Some((flat, sheet_long)),
        None => Some((cleared, sheet_long.min(long))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dark desk and on it a sheet with corners `q`, with a black bar across the sheet at
    /// a third of its height (drawn in the sheet's own coordinates through the map).
    fn photo(w: usize, h: usize, q: [(f64, f64); 4], sw: f64, sh: f64) -> Gray {
        let [a, b, c, d, e, f, g, hh] = homography(sw, sh, &q).unwrap();
        let mut img = Gray::from_data(w, h, vec![50; w * h]).unwrap();
        // every sheet point, forward mapped (dense enough to cover every pixel)
        let mut y = 0.0;
        while y < sh {
            let mut x = 0.0;
            while x < sw {
                let den = g * x + hh * y + 1.0;
                let (u, v) = ((a * x + b * y + c) / den, (d * x + e * y + f) / den);
                let bar = (sh / 3.0..sh / 3.0 + 6.0).contains(&y) && (20.0..sw - 20.0).contains(&x);
                img.fill_rect(u, v, u + 1.0, v + 1.0, if bar { 10 } else { 230 });
                x += 0.5;
            }
            y += 0.5;
        }
        img
    }

    #[test]
    fn a_sheet_photographed_at_a_slant_comes_out_level() {
        // the top edge narrower than the bottom, and turned: a phone held over the desk
        let q = [(90.0, 60.0), (330.0, 80.0), (350.0, 440.0), (60.0, 420.0)];
        let img = photo(420, 500, q, 300.0, 400.0);
        let (flat, long) = straighten(&img).unwrap();
        // its long side as photographed: the left edge (90, 60)–(60, 420), 361 pixels
        assert!((355..=370).contains(&long), "{long}");
        // the bar lies level: one row across it is dark from end to end, a third down
        let dark_row =
            (0..flat.height).find(|&y| (30..flat.width - 30).all(|x| flat.get(x, y) < 128));
        let y = dark_row.expect("a level bar");
        let third = flat.height as f64 / 3.0;
        assert!(
            (y as f64 - third).abs() < 0.05 * flat.height as f64,
            "{y} vs {third}"
        );
        // and the desk is gone
        assert!(flat.data.iter().filter(|&&v| v == 50).count() < flat.data.len() / 100);
    }

    #[test]
    fn a_sheet_cut_by_the_frame_is_only_cleared() {
        // the sheet runs off the bottom of the picture: its corners are not known
        let mut g = Gray::from_data(300, 300, vec![60; 300 * 300]).unwrap();
        g.fill_rect(40.0, 30.0, 260.0, 300.0, 235);
        let (c, _) = straighten(&g).unwrap();
        assert_eq!((c.width, c.height), (300, 300));
        assert_eq!(c.get(5, 5), 255);
        assert_eq!(c.get(150, 150), 235);
    }

    #[test]
    fn light_falling_off_across_a_page_is_no_surround() {
        // a lamp to the left: the paper from 250 down to 90 across the page, text on it
        let (w, h) = (400usize, 500usize);
        let mut data = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                let paper = 250.0 - 160.0 * x as f64 / w as f64;
                // lines of text: strokes thinner than a cell, letters apart
                let ink = y % 25 < 2 && x % 6 < 3 && (30..370).contains(&x);
                data.push(if ink {
                    (paper * 0.2) as u8
                } else {
                    paper as u8
                });
            }
        }
        let lit = Gray::from_data(w, h, data).unwrap();
        assert!(straighten(&lit).is_none());
    }

    #[test]
    fn a_page_without_a_surround_is_left() {
        // a scan: paper to the edges, text on it; a dark picture
        let mut scan = Gray::from_data(300, 300, vec![240; 300 * 300]).unwrap();
        for k in 0..20 {
            let y = 20.0 + 13.0 * k as f64;
            scan.fill_rect(30.0, y, 270.0, y + 5.0, 20);
        }
        assert!(straighten(&scan).is_none());
        let dark = Gray::from_data(300, 300, vec![30; 300 * 300]).unwrap();
        assert!(straighten(&dark).is_none());
    }

    #[test]
    fn the_map_takes_the_rectangle_to_the_corners() {
        let q = [(10.0, 20.0), (110.0, 25.0), (120.0, 230.0), (5.0, 220.0)];
        let [a, b, c, d, e, f, g, h] = homography(100.0, 200.0, &q).unwrap();
        let map = |x: f64, y: f64| {
            let den = g * x + h * y + 1.0;
            ((a * x + b * y + c) / den, (d * x + e * y + f) / den)
        };
        for (p, want) in [(0.0, 0.0), (100.0, 0.0), (100.0, 200.0), (0.0, 200.0)]
            .iter()
            .zip(q)
        {
            let got = map(p.0, p.1);
            assert!(dist(got, want) < 1e-6, "{got:?} vs {want:?}");
        }
    }
}
