//! 8-bit gray bitmaps: quarter turns, resampling, binarization, PGM encoding.

/// An 8-bit gray image, row-major, 0 = black, 255 = white.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` bytes.
    pub data: Vec<u8>,
}

/// The largest skew [`Gray::skew_angle`] looks for, in degrees.
pub const MAX_SKEW: f64 = 8.0;

impl Gray {
    /// A white image.
    pub fn new(width: usize, height: usize) -> Self {
        Gray {
            width,
            height,
            data: vec![255; width.saturating_mul(height)],
        }
    }

    /// An image from its bytes; `None` when the length does not match.
    pub fn from_data(width: usize, height: usize, data: Vec<u8>) -> Option<Self> {
        (width.checked_mul(height)? == data.len()).then_some(Gray {
            width,
            height,
            data,
        })
    }

    /// The pixel at (x, y), white outside.
    pub fn get(&self, x: usize, y: usize) -> u8 {
        if x >= self.width {
            return 255;
        }
        self.data.get(y * self.width + x).copied().unwrap_or(255)
    }

    /// Turned clockwise by `quarters` quarter turns (0..=3; other values modulo 4).
    pub fn rotate_cw(&self, quarters: u32) -> Gray {
        let (w, h) = (self.width, self.height);
        match quarters % 4 {
            0 => self.clone(),
            2 => {
                let mut data = self.data.clone();
                data.reverse();
                Gray {
                    width: w,
                    height: h,
                    data,
                }
            }
            q => {
                // new image is h wide, w high
                let mut data = vec![255u8; w * h];
                for y in 0..h {
                    for x in 0..w {
                        let v = self.data.get(y * w + x).copied().unwrap_or(255);
                        // clockwise: (x, y) -> (h-1-y, x); counter-clockwise: (y, w-1-x)
                        let (nx, ny) = if q == 1 {
                            (h - 1 - y, x)
                        } else {
                            (y, w - 1 - x)
                        };
                        if let Some(d) = data.get_mut(ny * h + nx) {
                            *d = v;
                        }
                    }
                }
                Gray {
                    width: h,
                    height: w,
                    data,
                }
            }
        }
    }

    /// Resampled by `factor` (bilinear), at least 1×1.
    pub fn scale(&self, factor: f64) -> Gray {
        if !(factor.is_finite() && factor > 0.0) || (factor - 1.0).abs() < 1e-3 {
            return self.clone();
        }
        let nw = ((self.width as f64 * factor).round() as usize).max(1);
        let nh = ((self.height as f64 * factor).round() as usize).max(1);
        if self.width == 0 || self.height == 0 || self.data.len() != self.width * self.height {
            // nothing to sample (or bytes that do not fill the image: its fields are public)
            return Gray::new(nw, nh);
        }
        let sx = self.width as f64 / nw as f64;
        let sy = self.height as f64 / nh as f64;
        let (maxx, maxy) = (self.width - 1, self.height - 1);
        // where each column samples: the same for every row, so found once (a page is
        // millions of pixels: this and the row slices below make it a few times faster)
        let cols: Vec<(usize, usize, f64)> = (0..nw)
            .map(|x| {
                let fx = ((x as f64 + 0.5) * sx - 0.5).max(0.0);
                let x0 = (fx as usize).min(maxx);
                (x0, (x0 + 1).min(maxx), fx - x0 as f64)
            })
            .collect();
        let mut data = Vec::with_capacity(nw * nh);
        for y in 0..nh {
            let fy = ((y as f64 + 0.5) * sy - 0.5).max(0.0);
            let y0 = (fy as usize).min(maxy);
            let y1 = (y0 + 1).min(maxy);
            let ty = fy - y0 as f64;
            let row = |r: usize| &self.data[r * self.width..(r + 1) * self.width];
            let (top, bottom) = (row(y0), row(y1));
            data.extend(cols.iter().map(|&(x0, x1, tx)| {
                let (a, b) = (f64::from(top[x0]), f64::from(top[x1]));
                let (c, d) = (f64::from(bottom[x0]), f64::from(bottom[x1]));
                let v = (a * (1.0 - tx) + b * tx) * (1.0 - ty) + (c * (1.0 - tx) + d * tx) * ty;
                // v is a weighted mean of bytes, within 0..=255: + 0.5 and truncation
                // round it (f64::round is a library call here)
                (v.clamp(0.0, 255.0) + 0.5) as u8
            }));
        }
        Gray {
            width: nw,
            height: nh,
            data,
        }
    }

    /// The skew of the page's text lines, in degrees (positive: the lines fall to the
    /// right, as y grows with x), found by projection: the dark pixels (Otsu) are projected
    /// along each candidate angle within ±[`MAX_SKEW`] and the angle whose row profile is
    /// sharpest (largest sum of squared row counts) wins, searched by 0.5°, then 0.1°,
    /// then 0.05°. `None` when the page has too little ink to tell, or no angle stands out over
    /// the unturned profile by 2% (a photo, a blank form).
    ///
    /// ```
    /// use vanban_ocr::gray::Gray;
    /// // three dark lines drawn falling 3 degrees to the right
    /// let mut g = Gray::new(600, 400);
    /// for line in 0..3 {
    ///     for x in 50..550 {
    ///         let y = 100.0 + 100.0 * line as f64 + (x as f64) * 3f64.to_radians().tan();
    ///         for dy in 0..4 {
    ///             g.data[(y as usize + dy) * 600 + x] = 0;
    ///         }
    ///     }
    /// }
    /// let a = g.skew_angle().unwrap();
    /// assert!((a - 3.0).abs() < 0.15, "{a}");
    /// let level = g.rotate_deg(a);
    /// assert!(level.skew_angle().map_or(true, |b| b.abs() < 0.15));
    /// ```
    pub fn skew_angle(&self) -> Option<f64> {
        if self.width < 50 || self.height < 50 {
            return None;
        }
        let thr = self.otsu().clamp(64, 160);
        // a sample of the dark pixels: every other row, every fourth column; more than a
        // quarter of the page dark is a photo or a filled form, not lines of text
        let most = self.width * self.height / 32;
        let mut ink: Vec<(u32, u32)> = Vec::with_capacity(most.min(1 << 16) + 1);
        for y in (0..self.height).step_by(2) {
            let row = self
                .data
                .get(y * self.width..(y + 1) * self.width)
                .unwrap_or_default();
            for x in (0..row.len()).step_by(4) {
                if row[x] < thr {
                    if ink.len() >= most {
                        return None;
                    }
                    // pixel positions below 2^32 (a page is at most some 10^4 pixels)
                    ink.push((x as u32, y as u32));
                }
            }
        }
        if ink.len() < 300 {
            return None;
        }
        let rows = self.height + self.width;
        let sharpness = |deg: f64| -> f64 {
            let t = deg.to_radians().tan();
            let mut hist = vec![0u32; rows + self.width];
            let off = self.width as f64;
            for &(x, y) in &ink {
                let (x, y) = (f64::from(x), f64::from(y));
                // the row a pixel belongs to once the page is turned level
                // rounded to the nearest row: + 0.5 and truncation (f64::round is a
                // library call, and this runs for every sampled pixel at every angle)
                let r = y - x * t + off * t.abs() + 0.5;
                if r > 0.0 {
                    if let Some(h) = hist.get_mut((r as usize) / 2) {
                        *h += 1;
                    }
                }
            }
            hist.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
        };
        let best_of = |lo: f64, hi: f64, step: f64| -> (f64, f64) {
            let mut best = (0.0, f64::MIN);
            let mut a = lo;
            while a <= hi + 1e-9 {
                let s = sharpness(a);
                if s > best.1 {
                    best = (a, s);
                }
                a += step;
            }
            best
        };
        let (coarse, _) = best_of(-MAX_SKEW, MAX_SKEW, 0.5);
        let (near, _) = best_of(coarse - 0.5, coarse + 0.5, 0.1);
        let (fine, score) = best_of(near - 0.1, near + 0.1, 0.05);
        (score > 1.02 * sharpness(0.0)).then_some(fine)
    }

    /// The page with its lighting made even, when it is not: a phone photo under a lamp
    /// has paper from white to mid-gray across the page, and the engine's one threshold
    /// for the whole page then loses the print in the dark part. The paper's brightness is
    /// taken per block of `block` pixels (the 75th percentile: a block holds more paper
    /// than ink), smoothed between block centres, and each pixel divided by it. `None` when
    /// the paper is even already (its blocks within 40 levels of each other, as on a
    /// copier or scanner page), or the page is too small.
    ///
    /// ```
    /// use vanban_ocr::gray::Gray;
    /// // paper falling from white to 140 left to right, a dark stroke on each side
    /// let mut g = Gray::new(400, 200);
    /// for y in 0..200 {
    ///     for x in 0..400 {
    ///         let paper = 255.0 - 115.0 * x as f64 / 399.0;
    ///         let ink = (x % 100 < 4) && (50..150).contains(&y);
    ///         g.data[y * 400 + x] = if ink { (paper * 0.3) as u8 } else { paper as u8 };
    ///     }
    /// }
    /// let f = g.even_light(50).unwrap();
    /// assert!(f.get(390, 20) > 230 && f.get(10, 20) > 230); // paper white on both sides
    /// assert!(f.get(301, 100) < 100); // ink stays dark
    /// assert!(f.even_light(50).is_none()); // even now
    /// ```
    pub fn even_light(&self, block: usize) -> Option<Gray> {
        let block = block.max(8);
        let (bw, bh, levels) = self.paper_levels(block, false);
        if bw < 2 || bh < 2 {
            return None;
        }
        let paper: Vec<f64> = levels.into_iter().map(f64::from).collect();
        let (lo, hi) = paper
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &p| (lo.min(p), hi.max(p)));
        if hi - lo <= 40.0 {
            return None;
        }
        // the paper's level at a pixel: bilinear between block centres, the column
        // weights worked out once
        let cell = |i: usize, n: usize| -> (usize, usize, f64) {
            let f = ((i as f64 + 0.5) / block as f64 - 0.5).clamp(0.0, (n - 1) as f64);
            let i0 = f as usize;
            (i0, (i0 + 1).min(n - 1), f - i0 as f64)
        };
        let cols: Vec<(usize, usize, f64)> = (0..self.width).map(|x| cell(x, bw)).collect();
        let p = |x: usize, y: usize| paper.get(y * bw + x).copied().unwrap_or(255.0);
        let mut data = Vec::with_capacity(self.data.len());
        let mut level_row = vec![0f64; bw];
        for y in 0..self.height {
            let (y0, y1, ty) = cell(y, bh);
            for (bx, l) in level_row.iter_mut().enumerate() {
                *l = p(bx, y0) * (1.0 - ty) + p(bx, y1) * ty;
            }
            let row = self
                .data
                .get(y * self.width..(y + 1) * self.width)
                .unwrap_or(&[]);
            for (&(x0, x1, tx), &v) in cols.iter().zip(row) {
                let l = |b: usize| level_row.get(b).copied().unwrap_or(255.0);
                let bg = (l(x0) * (1.0 - tx) + l(x1) * tx).max(32.0);
                data.push((f64::from(v) * 255.0 / bg).round().clamp(0.0, 255.0) as u8);
            }
        }
        Some(Gray {
            width: self.width,
            height: self.height,
            data,
        })
    }

    /// Turned by `deg` degrees about the centre (bilinear, same size, white where the turn
    /// brings in paper from outside): `rotate_deg(skew_angle)` levels the lines.
    pub fn rotate_deg(&self, deg: f64) -> Gray {
        if !deg.is_finite() || deg.abs() < 1e-6 || self.width == 0 || self.height == 0 {
            return self.clone();
        }
        let (sin, cos) = deg.to_radians().sin_cos();
        let (cx, cy) = (self.width as f64 / 2.0, self.height as f64 / 2.0);
        let mut data = Vec::with_capacity(self.width * self.height);
        for yd in 0..self.height {
            let dy = yd as f64 - cy;
            for xd in 0..self.width {
                let dx = xd as f64 - cx;
                let xs = cx + dx * cos - dy * sin;
                let ys = cy + dx * sin + dy * cos;
                if xs < 0.0
                    || ys < 0.0
                    || xs > (self.width - 1) as f64
                    || ys > (self.height - 1) as f64
                {
                    data.push(255);
                    continue;
                }
                data.push(self.bilinear(xs, ys));
            }
        }
        Gray {
            width: self.width,
            height: self.height,
            data,
        }
    }

    /// The image's level at (`xs`, `ys`) (not negative), interpolated between the four
    /// pixels around it; white beyond the right and bottom edges.
    pub fn bilinear(&self, xs: f64, ys: f64) -> u8 {
        let (x0, y0) = (xs as usize, ys as usize);
        let (tx, ty) = (xs - x0 as f64, ys - y0 as f64);
        let p = |x: usize, y: usize| f64::from(if y < self.height { self.get(x, y) } else { 255 });
        let v = (p(x0, y0) * (1.0 - tx) + p(x0 + 1, y0) * tx) * (1.0 - ty)
            + (p(x0, y0 + 1) * (1.0 - tx) + p(x0 + 1, y0 + 1) * tx) * ty;
        v.round().clamp(0.0, 255.0) as u8
    }

    /// Paint the pixels of a rectangle (pixel coordinates, clipped to the image).
    pub fn fill_rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, v: u8) {
        let clip = |a: f64, max: usize| (a.max(0.0) as usize).min(max);
        let (xa, xb) = (clip(x0.floor(), self.width), clip(x1.ceil(), self.width));
        let (ya, yb) = (clip(y0.floor(), self.height), clip(y1.ceil(), self.height));
        for y in ya..yb {
            if let Some(row) = self.data.get_mut(y * self.width + xa..y * self.width + xb) {
                row.fill(v);
            }
        }
    }

    /// Share of dark pixels (below 128), judged on a sample: 0 for a blank page.
    pub fn ink_share(&self) -> f64 {
        let step = (self.data.len() / 200_000).max(1);
        let (mut n, mut dark) = (0usize, 0usize);
        for &v in self.data.iter().step_by(step) {
            n += 1;
            if v < 128 {
                dark += 1;
            }
        }
        if n == 0 {
            0.0
        } else {
            dark as f64 / n as f64
        }
    }

    /// The paper's level in each `block` × `block` square: the brightest quarter of its
    /// pixels (every other row and column sampled), so ink on paper leaves it at the
    /// paper's. Squares across and down, then the levels row by row; the squares cut by the
    /// right and bottom edges are left out, or with `partial` kept as far as they reach.
    ///
    /// ```
    /// use vanban_ocr::gray::Gray;
    /// let mut g = Gray::from_data(20, 10, vec![200; 200]).unwrap();
    /// g.fill_rect(0.0, 0.0, 10.0, 2.0, 0); // a line of ink in the first square
    /// assert_eq!(g.paper_levels(8, false), (2, 1, vec![200, 200]));
    /// assert_eq!(g.paper_levels(8, true).0, 3);
    /// ```
    pub fn paper_levels(&self, block: usize, partial: bool) -> (usize, usize, Vec<u8>) {
        let block = block.max(1);
        let (bw, bh) = if partial {
            (self.width.div_ceil(block), self.height.div_ceil(block))
        } else {
            (self.width / block, self.height / block)
        };
        let mut levels = vec![255u8; bw * bh];
        for by in 0..bh {
            for bx in 0..bw {
                let mut hist = [0u32; 256];
                let mut n = 0u32;
                let (x0, x1) = (bx * block, ((bx + 1) * block).min(self.width));
                for y in (by * block..((by + 1) * block).min(self.height)).step_by(2) {
                    let row = y * self.width;
                    if let Some(px) = self.data.get(row + x0..row + x1) {
                        for &v in px.iter().step_by(2) {
                            hist[usize::from(v)] += 1;
                            n += 1;
                        }
                    }
                }
                let want = n / 4;
                let mut seen = 0u32;
                for v in (0..256usize).rev() {
                    seen += hist[v];
                    if seen >= want {
                        if let Some(l) = levels.get_mut(by * bw + bx) {
                            *l = v as u8;
                        }
                        break;
                    }
                }
            }
        }
        (bw, bh, levels)
    }

    /// Only black and white pixels (a fax/CCITT or 1-bit scan), judged on a sample.
    pub fn is_bilevel(&self) -> bool {
        let step = (self.data.len() / 50_000).max(1);
        !self.data.is_empty() && self.data.iter().step_by(step).all(|&v| v == 0 || v == 255)
    }

    /// Otsu's threshold over the histogram: pixels at or below it are ink.
    pub fn otsu(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &v in &self.data {
            if let Some(h) = hist.get_mut(v as usize) {
                *h += 1;
            }
        }
        let total: u64 = hist.iter().sum();
        if total == 0 {
            return 127;
        }
        let sum_all: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &c)| i as f64 * c as f64)
            .sum();
        let (mut wb, mut sumb, mut best, mut thr) = (0f64, 0f64, -1f64, 127u8);
        for (t, &c) in hist.iter().enumerate() {
            wb += c as f64;
            if wb == 0.0 {
                continue;
            }
            let wf = total as f64 - wb;
            if wf == 0.0 {
                break;
            }
            sumb += t as f64 * c as f64;
            let mb = sumb / wb;
            let mf = (sum_all - sumb) / wf;
            let between = wb * wf * (mb - mf) * (mb - mf);
            if between > best {
                best = between;
                thr = t as u8;
            }
        }
        thr
    }

    /// The nearest column to `x`, it included, stepping left (`leftwards`) or right at most
    /// `limit` columns, whose rows `y0..y1` hold no two pixels at or below `ink` one over
    /// the other (a lone one is a scan's speck; a stroke, however thin or slanted, crosses
    /// a column in a run): where a crop may end without cutting a stroke in two. `None`
    /// when every such column holds ink, or `x` lies outside the image.
    ///
    /// ```
    /// use vanban_ocr::gray::Gray;
    /// let mut g = Gray::new(20, 10);
    /// g.fill_rect(8.0, 2.0, 12.0, 8.0, 0); // a stroke over columns 8..12
    /// g.fill_rect(4.0, 3.0, 5.0, 4.0, 0); // and a speck
    /// assert_eq!(g.paper_column(10, 0, 10, true, 5, 128), Some(7));
    /// assert_eq!(g.paper_column(10, 0, 10, false, 5, 128), Some(12));
    /// assert_eq!(g.paper_column(4, 0, 10, true, 5, 128), Some(4));
    /// assert_eq!(g.paper_column(10, 0, 10, true, 1, 128), None);
    /// ```
    pub fn paper_column(
        &self,
        x: usize,
        y0: usize,
        y1: usize,
        leftwards: bool,
        limit: usize,
        ink: u8,
    ) -> Option<usize> {
        if x >= self.width {
            return None;
        }
        let rows = y0.min(self.height)..y1.min(self.height);
        let inked =
            |c: usize, y: usize| self.data.get(y * self.width + c).is_some_and(|&v| v <= ink);
        let paper = |c: usize| !rows.clone().skip(1).any(|y| inked(c, y) && inked(c, y - 1));
        (0..=limit)
            .map_while(|k| {
                if leftwards {
                    x.checked_sub(k)
                } else {
                    Some(x + k).filter(|&c| c < self.width)
                }
            })
            .find(|&c| paper(c))
    }

    /// The pixels of a rectangle (pixel coordinates, clipped to the image); `None` when
    /// nothing of it lies inside.
    pub fn crop(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> Option<Gray> {
        let clip = |a: f64, max: usize| (a.max(0.0) as usize).min(max);
        let (xa, xb) = (clip(x0.floor(), self.width), clip(x1.ceil(), self.width));
        let (ya, yb) = (clip(y0.floor(), self.height), clip(y1.ceil(), self.height));
        if xb <= xa || yb <= ya {
            return None;
        }
        let mut data = Vec::with_capacity((xb - xa) * (yb - ya));
        for y in ya..yb {
            let row = y * self.width;
            data.extend_from_slice(self.data.get(row + xa..row + xb)?);
        }
        Gray::from_data(xb - xa, yb - ya, data)
    }

    /// The image inside a white margin of `px` pixels on every side: the engine reads a
    /// glyph cut close at the crop's edge better with paper around it.
    ///
    /// ```
    /// use vanban_ocr::gray::Gray;
    /// let g = Gray::from_data(2, 1, vec![0, 0]).unwrap().with_margin(1);
    /// assert_eq!((g.width, g.height), (4, 3));
    /// assert_eq!(g.data, [255, 255, 255, 255, 255, 0, 0, 255, 255, 255, 255, 255]);
    /// ```
    pub fn with_margin(&self, px: usize) -> Gray {
        let width = self.width + 2 * px;
        let mut out = Gray::new(width, self.height + 2 * px);
        for y in 0..self.height {
            let (from, to) = (y * self.width, (y + px) * width + px);
            if let (Some(src), Some(dst)) = (
                self.data.get(from..from + self.width),
                out.data.get_mut(to..to + self.width),
            ) {
                dst.copy_from_slice(src);
            }
        }
        out
    }

    /// The image as binary PGM (P5), the form piped to the engine.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }
}

/// Images as the pages of one uncompressed, 8-bit gray, little-endian TIFF, each page with
/// its resolution (pixels per inch): the form that hands many small crops to the engine in
/// one process.
pub fn tiff_pages(pages: &[(Gray, u32)]) -> Vec<u8> {
    // per page: 12 entries (2 + 12·12 + 4 bytes), two resolutions (8 bytes each), pixels
    const ENTRIES: u16 = 12;
    let ifd_len = 2 + usize::from(ENTRIES) * 12 + 4;
    let mut out: Vec<u8> = b"II*\0".to_vec();
    out.extend_from_slice(&8u32.to_le_bytes());
    let n = pages.len();
    for (i, (img, dpi)) in pages.iter().enumerate() {
        let ifd_at = out.len();
        let res_at = ifd_at + ifd_len;
        let data_at = res_at + 16;
        // IFDs start on a word boundary: odd pixel data gets a pad byte
        let end = data_at + img.data.len();
        let next = if i + 1 < n { end + end % 2 } else { 0 };
        let u32_of = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        out.extend_from_slice(&ENTRIES.to_le_bytes());
        out_entries(
            &mut |tag: u16, typ: u16, value: u32| {
                out.extend_from_slice(&tag.to_le_bytes());
                out.extend_from_slice(&typ.to_le_bytes());
                out.extend_from_slice(&1u32.to_le_bytes());
                if typ == 3 {
                    out.extend_from_slice(&(value as u16).to_le_bytes());
                    out.extend_from_slice(&[0, 0]);
                } else {
                    out.extend_from_slice(&value.to_le_bytes());
                }
            },
            img,
            u32_of(res_at),
            u32_of(data_at),
        );
        out.extend_from_slice(&u32_of(next).to_le_bytes());
        let dpi = (*dpi).max(1);
        for _ in 0..2 {
            out.extend_from_slice(&dpi.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
        }
        out.extend_from_slice(&img.data);
        if i + 1 < n && out.len() % 2 == 1 {
            out.push(0);
        }
    }
    out
}

/// The twelve IFD entries of one page, in tag order (SHORT = 3, LONG = 4, RATIONAL = 5).
fn out_entries(entry: &mut impl FnMut(u16, u16, u32), img: &Gray, res_at: u32, data_at: u32) {
    let w = u32::try_from(img.width).unwrap_or(u32::MAX);
    let h = u32::try_from(img.height).unwrap_or(u32::MAX);
    entry(256, 4, w); // ImageWidth
    entry(257, 4, h); // ImageLength
    entry(258, 3, 8); // BitsPerSample
    entry(259, 3, 1); // Compression: none
    entry(262, 3, 1); // PhotometricInterpretation: BlackIsZero
    entry(273, 4, data_at); // StripOffsets
    entry(277, 3, 1); // SamplesPerPixel
    entry(278, 4, h); // RowsPerStrip
    entry(279, 4, w.saturating_mul(h)); // StripByteCounts
    entry(282, 5, res_at); // XResolution
    entry(283, 5, res_at + 8); // YResolution
    entry(296, 3, 2); // ResolutionUnit: inch
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Any image, any angle, any block size: the levelling and lighting steps never
        /// panic and keep the page's size.
        #[test]
        fn skew_and_light_never_panic(
            w in 0usize..220,
            h in 0usize..220,
            seed in proptest::collection::vec(0u8..=255, 1..64),
            deg in -30.0f64..30.0,
            block in 0usize..40,
        ) {
            let data: Vec<u8> = (0..w * h).map(|i| seed[i % seed.len()]).collect();
            let g = Gray::from_data(w, h, data).unwrap();
            let _ = g.skew_angle();
            let r = g.rotate_deg(deg);
            proptest::prop_assert_eq!((r.width, r.height), (w, h));
            if let Some(e) = g.even_light(block) {
                proptest::prop_assert_eq!((e.width, e.height), (w, h));
            }
        }
    }

    #[test]
    fn a_page_printed_and_turned_four_degrees_is_found_and_levelled() {
        // fixtures/ocr/make.py: the header page at 200 dpi turned 4° counter-clockwise
        let pdf: &[u8] = include_bytes!("../../../fixtures/ocr/skewed-4.pdf");
        let start = pdf.windows(2).position(|w| w == [0xFF, 0xD8]).unwrap();
        let end = pdf.windows(2).rposition(|w| w == [0xFF, 0xD9]).unwrap() + 2;
        let g = crate::decode::decode_jpeg(&pdf[start..end]).unwrap();
        let a = g.skew_angle().unwrap();
        assert!((a + 4.0).abs() < 0.3, "{a}");
        let level = g.rotate_deg(a);
        assert!(level.skew_angle().is_none_or(|b| b.abs() < 0.3));
    }

    use super::*;

    fn sample() -> Gray {
        // 3 wide, 2 high: 0 1 2 / 3 4 5
        Gray::from_data(3, 2, vec![0, 1, 2, 3, 4, 5]).unwrap()
    }

    #[test]
    fn quarter_turns() {
        let g = sample();
        let cw = g.rotate_cw(1);
        assert_eq!((cw.width, cw.height), (2, 3));
        // clockwise: first row becomes the last column
        assert_eq!(cw.data, vec![3, 0, 4, 1, 5, 2]);
        let ccw = g.rotate_cw(3);
        assert_eq!(ccw.data, vec![2, 5, 1, 4, 0, 3]);
        assert_eq!(g.rotate_cw(2).data, vec![5, 4, 3, 2, 1, 0]);
        assert_eq!(cw.rotate_cw(3), g);
        assert_eq!(g.rotate_cw(4), g);
    }

    #[test]
    fn scaling_keeps_flat_images_flat() {
        let g = Gray::from_data(4, 4, vec![200; 16]).unwrap();
        let s = g.scale(2.5);
        assert_eq!((s.width, s.height), (10, 10));
        assert!(s.data.iter().all(|&v| v == 200));
        assert_eq!(Gray::from_data(2, 2, vec![0; 3]), None);
    }

    /// Bilinear sampling at pixel centres, written out pixel by pixel.
    fn scaled_by_hand(g: &Gray, nw: usize, nh: usize) -> Vec<u8> {
        let (sx, sy) = (g.width as f64 / nw as f64, g.height as f64 / nh as f64);
        let mut out = Vec::new();
        for y in 0..nh {
            for x in 0..nw {
                let fy = ((y as f64 + 0.5) * sy - 0.5).max(0.0);
                let fx = ((x as f64 + 0.5) * sx - 0.5).max(0.0);
                let (x0, y0) = (
                    (fx as usize).min(g.width - 1),
                    (fy as usize).min(g.height - 1),
                );
                let (x1, y1) = ((x0 + 1).min(g.width - 1), (y0 + 1).min(g.height - 1));
                let (tx, ty) = (fx - x0 as f64, fy - y0 as f64);
                let p = |x: usize, y: usize| f64::from(g.data[y * g.width + x]);
                let v = (p(x0, y0) * (1.0 - tx) + p(x1, y0) * tx) * (1.0 - ty)
                    + (p(x0, y1) * (1.0 - tx) + p(x1, y1) * tx) * ty;
                out.push(v.round() as u8);
            }
        }
        out
    }

    #[test]
    fn scaling_samples_bilinearly_at_pixel_centres() {
        // a ramp with a dark stroke: every output pixel as sampled by hand
        let data: Vec<u8> = (0..7 * 5)
            .map(|i| if i % 7 == 3 { 0 } else { (i * 7 % 256) as u8 })
            .collect();
        let g = Gray::from_data(7, 5, data).unwrap();
        for f in [2.3, 1.5, 0.6, 4.0] {
            let s = g.scale(f);
            assert_eq!(s.data, scaled_by_hand(&g, s.width, s.height), "factor {f}");
        }
        // 2x: each new pixel is 3/4 of its nearer old pixel and 1/4 of the farther; the
        // stroke (column 3) darkens the two new pixels over it
        let s = g.scale(2.0);
        assert_eq!((s.width, s.height), (14, 10));
        assert_eq!(s.get(5, 0), 11); // 3/4 of 14, 1/4 of the stroke: 10.5, rounded up
        assert_eq!(s.get(6, 0), 4); // 1/4 of 14, 3/4 of the stroke: 3.5
        assert_eq!(s.get(7, 0), 7); // 3/4 of the stroke, 1/4 of 28
                                    // bytes that do not fill the image: white, no panic
        let bad = Gray {
            width: 4,
            height: 4,
            data: vec![0; 3],
        };
        assert!(bad.scale(2.0).data.iter().all(|&v| v == 255));
    }

    #[test]
    fn otsu_splits_two_levels() {
        let mut data = vec![20u8; 50];
        data.extend(vec![230u8; 50]);
        let g = Gray::from_data(10, 10, data).unwrap();
        let t = g.otsu();
        assert!((20..230).contains(&t), "{t}");
    }

    #[test]
    fn fill_rect_clips() {
        let mut g = Gray::new(4, 3);
        g.fill_rect(2.0, 1.0, 10.0, 2.0, 0);
        assert_eq!(
            g.data,
            vec![255, 255, 255, 255, 255, 255, 0, 0, 255, 255, 255, 255]
        );
        g.fill_rect(-5.0, -5.0, -1.0, -1.0, 0);
        assert_eq!(g.data.iter().filter(|&&v| v == 0).count(), 2);
    }

    #[test]
    fn ink_share_of_blank_and_inked() {
        assert_eq!(Gray::new(10, 10).ink_share(), 0.0);
        let mut g = Gray::new(10, 10);
        g.fill_rect(0.0, 0.0, 10.0, 1.0, 0);
        assert!((g.ink_share() - 0.1).abs() < 1e-9);
    }

    #[test]
    fn bilevel() {
        assert!(Gray::from_data(2, 1, vec![0, 255]).unwrap().is_bilevel());
        assert!(!Gray::from_data(2, 1, vec![0, 128]).unwrap().is_bilevel());
        assert!(!Gray::new(0, 0).is_bilevel());
    }

    #[test]
    fn crop_clips_to_the_image() {
        let g = sample();
        let c = g.crop(1.0, 0.0, 3.0, 2.0).unwrap();
        assert_eq!((c.width, c.height, c.data), (2, 2, vec![1, 2, 4, 5]));
        let c = g.crop(-4.0, 1.0, 1.0, 9.0).unwrap();
        assert_eq!((c.width, c.height, c.data), (1, 1, vec![3]));
        assert_eq!(g.crop(5.0, 0.0, 9.0, 2.0), None);
    }

    #[test]
    fn tiff_pages_read_back() {
        let a = sample();
        let b = Gray::from_data(2, 1, vec![7, 9]).unwrap();
        let tiff = tiff_pages(&[(a.clone(), 200), (b.clone(), 400)]);
        let frames = crate::decode::decode_image_file(&tiff).expect("our TIFF decodes");
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].gray, a);
        assert_eq!(frames[1].gray, b);
        assert_eq!(frames[0].dpi, Some(200.0));
        assert_eq!(frames[1].dpi, Some(400.0));
    }

    #[test]
    fn pgm_header() {
        let p = sample().to_pgm();
        assert!(p.starts_with(b"P5\n3 2\n255\n"));
        assert_eq!(p.len(), 11 + 6);
    }
}
