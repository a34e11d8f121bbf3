//! Scanned pages: the image a page draws (found through its content stream, the `cm`
//! before each `Do`, forms included), decoded to gray, read by OCR, and the words turned
//! into the glyphs and ruling segments the layout machinery reads like a born-digital page.

use crate::collect::{Glyph, PageData, Seg};
use lopdf::{Dictionary, Document, Object, ObjectId};
use vanban_ocr::decode::{Ccitt, Color, Encoding, PdfImage};
use vanban_ocr::{Gray, PageOcr};

/// A decoded page image ready for OCR.
pub(crate) struct ScanImage {
    pub gray: Gray,
    /// Pixels per inch as placed on the page.
    pub dpi: f64,
    /// Clockwise quarter turns that make the image read as the page is shown.
    pub quarters: u32,
}

/// An image placed on the page: the object and the matrix mapping its unit square.
struct Placed {
    id: ObjectId,
    m: [f64; 6],
}

/// A page's scan, as [`find_scan`] found it (nothing decoded yet).
#[derive(Debug, Clone)]
pub(crate) struct Scan {
    /// The largest image drawn: its object and matrix.
    pub best: (ObjectId, [f64; 6]),
    /// When the scan is in pieces, every image drawn that is one, in drawing order, with
    /// whether it is a stencil mask (it paints where its samples say, the page shows
    /// through elsewhere); empty when the largest image is the scan.
    pub pieces: Vec<(ObjectId, [f64; 6], bool)>,
    /// Share of the page the scan covers (the largest image, or the pieces together), at
    /// most 1; 1 when the page has no usable MediaBox to measure against.
    pub cover: f64,
}

/// Share of the page an image must cover to count as a piece of a scan drawn in pieces.
const MIN_PIECE: f64 = 0.005;

/// Pieces beyond the largest image's box covering this share of the page make a scan in
/// strips or tiles (a scanner that writes a page as bands).
const MIN_OUTSIDE: f64 = 0.05;

/// Stencil masks over the largest image covering this share of the page make a layered
/// scan: a low-resolution background with the text cut out as bilevel masks (the mixed
/// raster content of copiers' "compact" PDFs).
const MIN_MASKS: f64 = 0.02;

/// Share of the page an image must cover to be read as the page's scan (logos, stamps and
/// signature images are smaller).
const MIN_COVER: f64 = 0.2;

fn mul(a: &[f64; 6], b: &[f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// An attribute of the page or the nearest ancestor that has it (/Rotate, /MediaBox).
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return Some(deref(doc, v));
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The page's area in square points (MediaBox), 0 when unknown.
fn page_area(doc: &Document, page: ObjectId) -> f64 {
    media_box(doc, page).map_or(0.0, |b| box_area(&b))
}

/// The page's MediaBox `[x0, y0, x1, y1]` (corners in order), if it has a usable one.
fn media_box(doc: &Document, page: ObjectId) -> Option<[f64; 4]> {
    let Some(Object::Array(b)) = inherited(doc, page, b"MediaBox") else {
        return None;
    };
    let v: Vec<f64> = b.iter().filter_map(|o| num(deref(doc, o))).collect();
    match v.as_slice() {
        [a, b, c, d] if (c - a).abs() > 1.0 && (d - b).abs() > 1.0 => {
            Some([a.min(*c), b.min(*d), a.max(*c), b.max(*d)])
        }
        _ => None,
    }
}

/// The box `[x0, y0, x1, y1]` the unit square covers under `m`.
fn placed_box(m: &[f64; 6]) -> [f64; 4] {
    let xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
    let ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
    let min = |v: &[f64; 4]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = |v: &[f64; 4]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    [min(&xs), min(&ys), max(&xs), max(&ys)]
}

fn box_area(b: &[f64; 4]) -> f64 {
    (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0)
}

/// The area (square points) the unit square covers under `m`.
fn placed_area(m: &[f64; 6]) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs()
}

/// Pixels per inch of a `width` × `height` image placed by `m` (the mean of its two
/// sides'), `None` when the placement is degenerate.
fn placed_dpi(width: f64, height: f64, m: &[f64; 6]) -> Option<f64> {
    let x = width * 72.0 / m[0].hypot(m[1]).max(1e-6);
    let y = height * 72.0 / m[2].hypot(m[3]).max(1e-6);
    let dpi = (x + y) / 2.0;
    dpi.is_finite().then_some(dpi)
}

/// /Rotate as clockwise quarter turns.
fn page_rotation(doc: &Document, page: ObjectId) -> u32 {
    inherited(doc, page, b"Rotate")
        .and_then(num)
        .map_or(0, |r| ((r as i64 / 90).rem_euclid(4)) as u32)
}

/// The XObject dictionaries of a resources dictionary.
fn xobjects<'a>(doc: &'a Document, resources: &'a Dictionary) -> Option<&'a Dictionary> {
    match deref(doc, resources.get(b"XObject").ok()?) {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Walk a content stream: every image drawn with its matrix; forms entered (depth-bounded).
fn walk(
    doc: &Document,
    content: &[u8],
    resources: &[&Dictionary],
    ctm: [f64; 6],
    depth: u32,
    out: &mut Vec<Placed>,
) {
    let Ok(ops) = lopdf::content::Content::decode(content) else {
        return;
    };
    let mut stack: Vec<[f64; 6]> = Vec::new();
    let mut cur = ctm;
    for op in &ops.operations {
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(cur),
            "q" => {}
            "Q" => cur = stack.pop().unwrap_or(ctm),
            "cm" => {
                let v: Vec<f64> = op.operands.iter().filter_map(num).collect();
                if let [a, b, c, d, e, f] = v.as_slice() {
                    cur = mul(&[*a, *b, *c, *d, *e, *f], &cur);
                }
            }
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Some((id, stream)) = resources.iter().find_map(|r| {
                    let x = xobjects(doc, r)?;
                    let id = x.get(name).ok()?.as_reference().ok()?;
                    let s = doc.get_object(id).ok()?.as_stream().ok()?;
                    Some((id, s))
                }) else {
                    continue;
                };
                match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Image") if out.len() < 256 => out.push(Placed { id, m: cur }),
                    Ok(b"Form") if depth < 4 => {
                        let fm = match stream.dict.get(b"Matrix").map(|o| deref(doc, o)) {
                            Ok(Object::Array(a)) => {
                                let v: Vec<f64> = a.iter().filter_map(num).collect();
                                match v.as_slice() {
                                    [a, b, c, d, e, f] => [*a, *b, *c, *d, *e, *f],
                                    _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                                }
                            }
                            _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                        };
                        let Ok(body) = stream.get_plain_content() else {
                            continue;
                        };
                        let own = match stream.dict.get(b"Resources").map(|o| deref(doc, o)) {
                            Ok(Object::Dictionary(d)) => Some(d),
                            _ => None,
                        };
                        let mut res: Vec<&Dictionary> = own.into_iter().collect();
                        res.extend_from_slice(resources);
                        walk(doc, &body, &res, mul(&fm, &cur), depth + 1, out);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// The page's scan: the largest image drawn, if it covers a fair share of the page; or
/// the images that together make it, when the page is drawn in pieces (strips or tiles
/// side by side, or text masks over a background) that cover a fair share together.
/// Found without decoding anything. Logos, stamps and signature images over a scan are
/// smaller and stay out of it (the signer's image is not text to read).
pub(crate) fn find_scan(doc: &Document, page: ObjectId) -> Option<Scan> {
    let content = page_content(doc, page);
    let (own, inherited_ids) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    let mut res: Vec<&Dictionary> = own.into_iter().collect();
    for id in inherited_ids {
        if let Ok(d) = doc.get_dictionary(id) {
            res.push(d);
        }
    }
    let mut placed = Vec::new();
    walk(
        doc,
        &content,
        &res,
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        0,
        &mut placed,
    );
    let (best_at, best) = placed
        .iter()
        .enumerate()
        .max_by(|a, b| placed_area(&a.1.m).total_cmp(&placed_area(&b.1.m)))?;
    let page_area = page_area(doc, page);
    let alone = Scan {
        best: (best.id, best.m),
        pieces: Vec::new(),
        cover: 1.0,
    };
    if page_area <= 0.0 {
        // no page box to measure pieces against: the largest image, as before
        return Some(alone);
    }
    let stream_of = |id: ObjectId| doc.get_object(id).and_then(Object::as_stream).ok();
    let is_mask = |id: ObjectId| {
        stream_of(id).is_some_and(|s| {
            matches!(
                s.dict.get(b"ImageMask").map(|o| deref(doc, o)),
                Ok(Object::Boolean(true))
            )
        })
    };
    // what a placed image draws as a piece: a stencil mask itself; an image painted
    // through an explicit /Mask (a layered scan's text colours, cut by its text mask) as
    // that mask, black where it paints; another image as it is
    let piece_of = |p: &Placed| {
        if is_mask(p.id) {
            return (p.id, true);
        }
        let explicit = stream_of(p.id)
            .and_then(|s| s.dict.get(b"Mask").ok()?.as_reference().ok())
            .filter(|&m| is_mask(m));
        match explicit {
            Some(m) => (m, true),
            None => (p.id, false),
        }
    };
    // pieces reaching beyond the largest image that is not a mask are bands or tiles
    let base = placed
        .iter()
        .enumerate()
        .filter(|(_, p)| !piece_of(p).1)
        .max_by(|a, b| placed_area(&a.1.m).total_cmp(&placed_area(&b.1.m)))
        .unwrap_or((best_at, best));
    let base_box = placed_box(&base.1.m);
    let (mut outside, mut masks, mut total) = (0.0, 0.0, 0.0);
    let mut pieces = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let a = placed_area(&p.m);
        if a < MIN_PIECE * page_area {
            continue;
        }
        let (id, mask) = piece_of(p);
        total += a;
        if mask {
            masks += a;
        }
        if i != base.0 {
            let b = placed_box(&p.m);
            let inter = [
                b[0].max(base_box[0]),
                b[1].max(base_box[1]),
                b[2].min(base_box[2]),
                b[3].min(base_box[3]),
            ];
            outside += box_area(&b) - box_area(&inter);
        }
        pieces.push((id, p.m, mask));
    }
    let in_pieces = pieces.len() >= 2
        && (outside >= MIN_OUTSIDE * page_area || masks >= MIN_MASKS * page_area)
        && total >= MIN_COVER * page_area;
    if in_pieces {
        return Some(Scan {
            best: alone.best,
            pieces,
            cover: (total / page_area).min(1.0),
        });
    }
    let cover = placed_area(&best.m) / page_area;
    (cover >= MIN_COVER).then_some(Scan {
        cover: cover.min(1.0),
        ..alone
    })
}

/// The page's content streams, joined by line breaks, with comment lines dropped (lopdf's
/// content parser refuses comments; copiers write them, e.g. "% CANON_PFINF_TYPE0_TEXTON").
fn page_content(doc: &Document, page: ObjectId) -> Vec<u8> {
    let mut out = Vec::new();
    for id in doc.get_page_contents(page) {
        let Ok(body) = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .and_then(lopdf::Stream::get_plain_content)
        else {
            continue;
        };
        for line in body.split(|&b| b == b'\n' || b == b'\r') {
            let t = line.iter().position(|b| !b.is_ascii_whitespace());
            if t.and_then(|i| line.get(i)) == Some(&b'%') {
                continue;
            }
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    out
}

/// Decode the scan [`find_scan`] found, oriented and with its resolution; a scan in
/// pieces is drawn into one page image ([`compose`]).
pub(crate) fn decode_scan(
    doc: &Document,
    page: ObjectId,
    found: &Scan,
) -> Result<ScanImage, String> {
    if !found.pieces.is_empty() {
        return decode_pieces(doc, page, found);
    }
    let best = Placed {
        id: found.best.0,
        m: found.best.1,
    };
    let stream = doc
        .get_object(best.id)
        .and_then(Object::as_stream)
        .map_err(|e| format!("image object unreadable: {e}"))?;
    let mut gray = decode_stream(doc, stream)?;
    let m = best.m;
    // Image space: x along (a, b), "up" (row 0 is the top) along (c, d). A negative
    // determinant is a mirrored placement; scanners only ever flip rows.
    if m[0] * m[3] - m[1] * m[2] < 0.0 {
        gray = flip_rows(&gray);
    }
    let ccw = if m[1].abs() <= m[0].abs() {
        if m[0] >= 0.0 {
            0
        } else {
            2
        }
    } else if m[1] > 0.0 {
        1
    } else {
        3
    };
    let quarters = ((4 - ccw) % 4 + page_rotation(doc, page)) % 4;
    let placed = placed_dpi(gray.width as f64, gray.height as f64, &m);
    // a page placed larger than any document page (an image written at 70 or 72 dpi by a
    // tool that did not know its resolution) is taken for A4
    let dpi = vanban_ocr::page_dpi(placed, gray.width, gray.height);
    Ok(ScanImage {
        gray,
        dpi,
        quarters,
    })
}

/// The largest page image drawn, in pixels per page side: the pieces of one scan are at
/// most the size of a large page at 600 dpi.
const MAX_CANVAS_PX: f64 = 60e6;

/// At most this many pieces make one scan (bands and tiles are a few dozen at most).
const MAX_PIECES: usize = 64;

/// A scan in pieces decoded and drawn into one page image at the resolution of its finest
/// large piece (the text masks of a layered scan, not its background), upright as the
/// page is shown once its /Rotate is applied. Pieces are decoded one at a time (each is
/// drawn, then dropped). Pieces that would be drawn over more than eight pages' worth of
/// pixels (hostile input: many full-page images) are not drawn: the largest image alone is
/// read, as for a one-image scan.
fn decode_pieces(doc: &Document, page: ObjectId, found: &Scan) -> Result<ScanImage, String> {
    let alone = || {
        let single = Scan {
            best: found.best,
            pieces: Vec::new(),
            cover: found.cover,
        };
        decode_scan(doc, page, &single)
    };
    let page_area = page_area(doc, page);
    let Some(media) = media_box(doc, page) else {
        return alone();
    };
    // pixels per inch of each piece as placed, from its dictionary (nothing decoded yet)
    let size_of = |id: ObjectId| {
        let d = &doc.get_object(id).and_then(Object::as_stream).ok()?.dict;
        let get = |k: &[u8]| d.get(k).ok().map(|o| deref(doc, o)).and_then(num);
        Some((get(b"Width")?, get(b"Height")?))
    };
    let dpi_of = |id: ObjectId, m: &[f64; 6]| {
        let (w, h) = size_of(id)?;
        placed_dpi(w, h, m)
    };
    // the finest of the pieces covering a tenth of the page (a signature image drawn at
    // 600 dpi does not set the page's), else the largest image's
    let largest = dpi_of(found.best.0, &found.best.1).unwrap_or(200.0);
    let finest = found
        .pieces
        .iter()
        .filter(|(_, m, _)| placed_area(m) >= 0.1 * page_area)
        .filter_map(|(id, m, _)| dpi_of(*id, m))
        .fold(largest, f64::max);
    let (w_pt, h_pt) = (media[2] - media[0], media[3] - media[1]);
    let most = (MAX_CANVAS_PX / (w_pt / 72.0 * h_pt / 72.0)).sqrt();
    let dpi = finest.clamp(50.0, 600.0).min(most);
    let drawn: f64 = found
        .pieces
        .iter()
        .map(|(_, m, _)| box_area(&placed_box(m)))
        .sum();
    if found.pieces.len() > MAX_PIECES || drawn > 8.0 * w_pt * h_pt {
        return alone();
    }
    let mut canvas = blank_page(media, dpi);
    let mut errors = Vec::new();
    let mut any = false;
    for &(id, m, mask) in &found.pieces {
        let stream = doc.get_object(id).and_then(Object::as_stream);
        match stream
            .map_err(|e| e.to_string())
            .and_then(|s| decode_stream(doc, s))
        {
            Ok(g) => {
                compose(&mut canvas, &[(g, m, mask)], media, dpi);
                any = true;
            }
            Err(e) => errors.push(e),
        }
    }
    if !any {
        return Err(errors.join("; "));
    }
    Ok(ScanImage {
        gray: canvas,
        dpi,
        quarters: page_rotation(doc, page),
    })
}

/// A white page image of the box `media` (points) at `dpi`.
fn blank_page(media: [f64; 4], dpi: f64) -> Gray {
    let s = dpi / 72.0;
    let width = ((media[2] - media[0]) * s).ceil().clamp(1.0, 1e5) as usize;
    let height = ((media[3] - media[1]) * s).ceil().clamp(1.0, 1e5) as usize;
    Gray::new(width, height)
}

/// Images drawn onto `canvas`, the page image of the box `media` (page space, points) at
/// `dpi` ([`blank_page`]): each through its matrix (any placement: flipped, turned,
/// scaled), nearest sample, in drawing order; a stencil mask (`true`) paints black where
/// its sample is dark and leaves the page elsewhere, another image covers what is under it.
fn compose(canvas: &mut Gray, pieces: &[(Gray, [f64; 6], bool)], media: [f64; 4], dpi: f64) {
    let s = dpi / 72.0;
    let (width, height) = (canvas.width, canvas.height);
    for (img, m, mask) in pieces {
        let det = m[0] * m[3] - m[1] * m[2];
        if det.abs() < 1e-9 || img.width == 0 || img.height == 0 {
            continue;
        }
        let b = placed_box(m);
        let col = |x: f64| ((x - media[0]) * s).clamp(0.0, width as f64);
        let row = |y: f64| ((media[3] - y) * s).clamp(0.0, height as f64);
        let (cx0, cx1) = (col(b[0]).floor() as usize, col(b[2]).ceil() as usize);
        let (cy0, cy1) = (row(b[3]).floor() as usize, row(b[1]).ceil() as usize);
        let (w, h) = (img.width as f64, img.height as f64);
        for cy in cy0..cy1 {
            let py = media[3] - (cy as f64 + 0.5) / s - m[5];
            let Some(out) = canvas.data.get_mut(cy * width..(cy + 1) * width) else {
                break;
            };
            for (cx, px_out) in out.iter_mut().enumerate().take(cx1).skip(cx0) {
                let px = media[0] + (cx as f64 + 0.5) / s - m[4];
                // the point in the image's unit square; row 0 is its top (v = 1)
                let u = (m[3] * px - m[2] * py) / det;
                let v = (m[0] * py - m[1] * px) / det;
                if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&v) {
                    continue;
                }
                let sx = ((u * w) as usize).min(img.width - 1);
                let sy = (((1.0 - v) * h) as usize).min(img.height - 1);
                let value = img.get(sx, sy);
                if !*mask {
                    *px_out = value;
                } else if value < 128 {
                    *px_out = 0;
                }
            }
        }
    }
}

fn flip_rows(g: &Gray) -> Gray {
    let mut data = Vec::with_capacity(g.data.len());
    for row in g.data.chunks(g.width.max(1)).rev() {
        data.extend_from_slice(row);
    }
    Gray {
        width: g.width,
        height: g.height,
        data,
    }
}

/// The colour space object resolved into the decoder's terms.
fn color_of(doc: &Document, o: Option<&Object>, depth: u32) -> Color {
    let Some(o) = o.map(|o| deref(doc, o)) else {
        return Color::Gray;
    };
    match o {
        Object::Name(n) => match n.as_slice() {
            b"DeviceRGB" | b"CalRGB" | b"RGB" | b"Lab" => Color::Rgb,
            b"DeviceCMYK" | b"CMYK" => Color::Cmyk,
            _ => Color::Gray,
        },
        Object::Array(a) if depth < 4 => {
            let kind = a
                .first()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_name().ok());
            match kind {
                Some(b"ICCBased") => {
                    let n = a
                        .get(1)
                        .map(|o| deref(doc, o))
                        .and_then(|o| o.as_stream().ok())
                        .and_then(|s| s.dict.get(b"N").ok().and_then(num));
                    match n.map(|n| n as i64) {
                        Some(3) => Color::Rgb,
                        Some(4) => Color::Cmyk,
                        _ => Color::Gray,
                    }
                }
                Some(b"Indexed") | Some(b"I") => {
                    let base = color_of(doc, a.get(1), depth + 1);
                    let palette = match a.get(3).map(|o| deref(doc, o)) {
                        Some(Object::String(s, _)) => s.clone(),
                        Some(Object::Stream(s)) => s.get_plain_content().unwrap_or_default(),
                        _ => Vec::new(),
                    };
                    Color::Indexed {
                        base: Box::new(base),
                        palette,
                    }
                }
                Some(b"CalRGB") | Some(b"Lab") => Color::Rgb,
                Some(b"Separation") => Color::Tint { n: 1 },
                Some(b"DeviceN") => {
                    let n = match a.get(1).map(|o| deref(doc, o)) {
                        Some(Object::Array(names)) => names.len(),
                        _ => 1,
                    };
                    Color::Tint { n }
                }
                _ => color_of(doc, a.first(), depth + 1),
            }
        }
        _ => Color::Gray,
    }
}

/// ASCIIHexDecode: hex digit pairs up to ">", white space skipped, an odd last digit
/// followed by 0 (PDF 32000-1 §7.4.2); other characters are skipped.
fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        let v = v as u8;
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

/// RunLengthDecode: a length byte 0–127 copies the next length + 1 bytes, 129–255 repeats
/// the next byte 257 − length times, 128 ends the data (PDF 32000-1 §7.4.5). Data cut
/// short gives what came before the cut; output stops at `cap` bytes (each two input
/// bytes may give 128: a hostile stream cannot ask for more than the image holds).
fn run_length(data: &[u8], cap: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().saturating_mul(2).min(cap));
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        if out.len() >= cap {
            out.truncate(cap);
            break;
        }
        match len {
            128 => break,
            0..=127 => {
                let end = (i + 2 + usize::from(len)).min(data.len());
                out.extend_from_slice(data.get(i + 1..end).unwrap_or_default());
                i = end;
            }
            _ => {
                let Some(&b) = data.get(i + 1) else { break };
                out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
                i += 2;
            }
        }
    }
    out
}

/// Decode an image XObject: general filters undone, the image filter handed to the decoder.
fn decode_stream(doc: &Document, stream: &lopdf::Stream) -> Result<Gray, String> {
    let d = &stream.dict;
    let get_num = |k: &[u8]| d.get(k).ok().map(|o| deref(doc, o)).and_then(num);
    let width = get_num(b"Width").unwrap_or(0.0).max(0.0) as usize;
    let height = get_num(b"Height").unwrap_or(0.0).max(0.0) as usize;
    let mask = matches!(
        d.get(b"ImageMask").map(|o| deref(doc, o)),
        Ok(Object::Boolean(true))
    );
    let bpc = get_num(b"BitsPerComponent").unwrap_or(if mask { 1.0 } else { 8.0 }) as u8;
    let filters: Vec<Vec<u8>> = match d.get(b"Filter").map(|o| deref(doc, o)) {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let parms: Vec<Option<&Dictionary>> = match d.get(b"DecodeParms").map(|o| deref(doc, o)) {
        Ok(Object::Dictionary(p)) => vec![Some(p)],
        Ok(Object::Array(a)) => a
            .iter()
            .map(|o| match deref(doc, o) {
                Object::Dictionary(p) => Some(p),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let last = filters.last().map(Vec::as_slice);
    let image_filter = matches!(
        last,
        Some(b"DCTDecode" | b"DCT" | b"CCITTFaxDecode" | b"CCF" | b"JBIG2Decode" | b"JPXDecode")
    );
    let general = if image_filter {
        filters.len() - 1
    } else {
        filters.len()
    };
    // the general filters undone one by one: ASCIIHex and RunLength here (lopdf lacks
    // them), the others by lopdf, each with its own parameters; no image holds more than
    // 8 bytes a pixel (four 16-bit components)
    let most_bytes = width
        .saturating_mul(height)
        .min(vanban_ocr::decode::MAX_PIXELS)
        .saturating_mul(8)
        .saturating_add(4096);
    let mut data: Vec<u8> = stream.content.clone();
    for (i, f) in filters.iter().take(general).enumerate() {
        data = match f.as_slice() {
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"RunLengthDecode" | b"RL" => run_length(&data, most_bytes),
            _ => {
                let mut dict = Dictionary::new();
                dict.set("Filter", Object::Name(f.clone()));
                if let Some(Some(p)) = parms.get(i) {
                    dict.set("DecodeParms", Object::Dictionary((*p).clone()));
                }
                lopdf::Stream::new(dict, data)
                    .decompressed_content()
                    .map_err(|e| format!("image data not decompressed: {e}"))?
            }
        };
    }
    let image_parms = parms
        .get(filters.len().saturating_sub(1))
        .copied()
        .flatten();
    let encoding = match last {
        Some(b"DCTDecode" | b"DCT") => Encoding::Jpeg,
        Some(b"JBIG2Decode") => {
            // the symbol dictionaries the pages of a scan share
            let globals = image_parms
                .and_then(|p| p.get(b"JBIG2Globals").ok())
                .and_then(|o| deref(doc, o).as_stream().ok())
                .map(|g| {
                    g.decompressed_content()
                        .unwrap_or_else(|_| g.content.clone())
                });
            Encoding::Jbig2 { globals }
        }
        Some(b"JPXDecode") => Encoding::Jpx,
        Some(b"CCITTFaxDecode" | b"CCF") => {
            let mut c = Ccitt::default();
            if let Some(p) = image_parms {
                let pn = |k: &[u8]| p.get(k).ok().map(|o| deref(doc, o)).and_then(num);
                let pb = |k: &[u8]| match p.get(k).map(|o| deref(doc, o)) {
                    Ok(Object::Boolean(b)) => Some(*b),
                    _ => None,
                };
                c.k = pn(b"K").map_or(0, |v| v as i64);
                c.columns = pn(b"Columns").map_or(1728, |v| v.max(1.0) as u32);
                c.rows = pn(b"Rows").map_or(0, |v| v.max(0.0) as u32);
                c.black_is_1 = pb(b"BlackIs1").unwrap_or(false);
                c.byte_align = pb(b"EncodedByteAlign").unwrap_or(false);
                c.end_of_line = pb(b"EndOfLine").unwrap_or(false);
                c.end_of_block = pb(b"EndOfBlock").unwrap_or(true);
            }
            Encoding::Ccitt(c)
        }
        _ => Encoding::Raw,
    };
    let decode = match d.get(b"Decode").map(|o| deref(doc, o)) {
        Ok(Object::Array(a)) => Some(a.iter().filter_map(num).collect()),
        _ => None,
    };
    let img = PdfImage {
        width,
        height,
        bpc,
        color: if mask {
            Color::Gray
        } else {
            color_of(doc, d.get(b"ColorSpace").ok(), 0)
        },
        decode,
        mask,
        data: &data,
        encoding,
    };
    vanban_ocr::decode::decode_pdf_image(&img).map_err(|e| e.to_string())
}

/// The OCR of a page as glyphs and segments: one glyph per word on its line's baseline,
/// a space glyph between words, font size from the line height.
pub(crate) fn page_data(number: u32, ocr: &PageOcr) -> PageData {
    let mut glyphs = Vec::new();
    for (n, line) in (1u32..).zip(&ocr.lines) {
        let h = (line.bottom - line.top).max(0.5);
        // The line box runs from the top of the highest mark to the bottom of descenders:
        // about 1.35 font sizes for Vietnamese; the baseline sits a fifth of it above the bottom.
        let size = (h / 1.35).clamp(0.5, 500.0);
        let y = line.bottom - 0.2 * h;
        for (i, w) in line.words.iter().enumerate() {
            if w.text.trim().is_empty() {
                continue;
            }
            if i > 0 {
                glyphs.push(Glyph {
                    x: w.x0 - 0.01,
                    y,
                    w: 0.0,
                    size,
                    text: " ".into(),
                    space: true,
                    rot: 0,
                    line: n,
                });
            }
            glyphs.push(Glyph {
                x: w.x0,
                y,
                w: (w.x1 - w.x0).max(0.1),
                size,
                text: w.text.clone(),
                space: false,
                rot: 0,
                line: n,
            });
        }
    }
    let segs = ocr
        .rules
        .iter()
        .map(|r| Seg {
            x0: r.x0,
            y0: r.y0,
            x1: r.x1,
            y1: r.y1,
        })
        .collect();
    PageData {
        number,
        glyphs,
        segs,
        stamped: 0,
        damage_at: None,
        invisible: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_ocr::{PageLine, PageWord, Rule};

    /// An image whose pixel (x, y) is `f(x, y)`.
    fn image(w: usize, h: usize, f: impl Fn(usize, usize) -> u8) -> Gray {
        let data = (0..w * h).map(|i| f(i % w, i / w)).collect();
        Gray::from_data(w, h, data).unwrap()
    }

    #[test]
    fn strips_drawn_one_under_another_make_the_page() {
        // a 72 × 72 pt page at 72 dpi (a point a pixel): two strips of 72 × 36, the top
        // one dark on its left half, the bottom one a ramp by row
        let top = image(72, 36, |x, _| if x < 36 { 10 } else { 250 });
        let bottom = image(72, 36, |_, y| (y * 5) as u8);
        let pieces = [
            (top, [72.0, 0.0, 0.0, 36.0, 0.0, 36.0], false),
            (bottom, [72.0, 0.0, 0.0, 36.0, 0.0, 0.0], false),
        ];
        let draw = |media: [f64; 4], dpi: f64| {
            let mut page = blank_page(media, dpi);
            compose(&mut page, &pieces, media, dpi);
            page
        };
        let page = draw([0.0, 0.0, 72.0, 72.0], 72.0);
        assert_eq!((page.width, page.height), (72, 72));
        assert_eq!(page.get(10, 5), 10);
        assert_eq!(page.get(60, 35), 250);
        // the bottom strip's rows in order below it (row 0 of an image is its top)
        assert_eq!(page.get(5, 36), 0);
        assert_eq!(page.get(5, 71), 175);
        // at 144 dpi each sample covers four pixels
        let fine = draw([0.0, 0.0, 72.0, 72.0], 144.0);
        assert_eq!((fine.width, fine.height), (144, 144));
        assert_eq!(fine.get(143, 143), 175);
        assert_eq!(fine.get(71, 0), 10);
        assert_eq!(fine.get(72, 0), 250);
    }

    #[test]
    fn ascii_hex_pairs_digits_skips_space_and_pads_an_odd_last_digit() {
        assert_eq!(ascii_hex(b"4e 6F\n7"), vec![0x4e, 0x6f, 0x70]);
        assert_eq!(ascii_hex(b"ff00>41"), vec![0xff, 0x00]);
        assert_eq!(ascii_hex(b""), Vec::<u8>::new());
    }

    #[test]
    fn run_length_copies_literals_repeats_runs_and_stops_at_128_or_a_cut() {
        // 2 literal bytes, "z" 3 times, end, then bytes never read
        assert_eq!(
            run_length(&[1, b'a', b'b', 254, b'z', 128, 0, b'x'], 100),
            b"abzzz".to_vec()
        );
        // cut inside a literal run and before a repeated byte
        assert_eq!(run_length(&[4, b'a', b'b'], 100), b"ab".to_vec());
        assert_eq!(run_length(&[0, b'q', 200], 100), b"q".to_vec());
        // no more than the cap, however long the runs
        assert_eq!(run_length(&[129, 7].repeat(1000), 300), vec![7u8; 300]);
    }

    #[test]
    fn a_stencil_mask_paints_only_where_it_is_dark_and_placements_may_flip() {
        // a grey background, a mask with a dark square, placed with its rows flipped
        // (d < 0: the image's top at the bottom of its box), on a page whose box does not
        // start at zero
        let background = image(10, 10, |_, _| 200);
        let mask = image(20, 20, |x, y| if x < 5 && y < 5 { 0 } else { 255 });
        let media = [100.0, 100.0, 140.0, 140.0];
        let pieces = [
            (background, [40.0, 0.0, 0.0, 40.0, 100.0, 100.0], false),
            (mask, [20.0, 0.0, 0.0, -20.0, 110.0, 130.0], true),
        ];
        let mut page = blank_page(media, 72.0);
        compose(&mut page, &pieces, media, 72.0);
        assert_eq!((page.width, page.height), (40, 40));
        // the mask's box is x 110..130, y 110..130 (page space): canvas columns 10..30,
        // rows 10..30; its first rows are at the box's bottom, flipped
        assert_eq!(page.get(12, 27), 0);
        assert_eq!(page.get(12, 12), 200);
        assert_eq!(page.get(25, 27), 200);
        assert_eq!(page.get(2, 2), 200);
        assert_eq!(page.data.iter().filter(|&&v| v == 0).count(), 25);
        // a degenerate matrix draws nothing and does not panic
        let flat = [(image(3, 3, |_, _| 0), [0.0, 0.0, 0.0, 0.0, 0.0, 0.0], false)];
        let mut blank = blank_page([0.0, 0.0, 10.0, 10.0], 72.0);
        compose(&mut blank, &flat, [0.0, 0.0, 10.0, 10.0], 72.0);
        assert!(blank.data.iter().all(|&v| v == 255));
    }

    #[test]
    fn matrices_compose_like_pdf() {
        // cm 2 0 0 2 10 20 then cm 100 0 0 50 0 0: unit square → 200×100 at (10, 20)
        let outer = [2.0, 0.0, 0.0, 2.0, 10.0, 20.0];
        let inner = [100.0, 0.0, 0.0, 50.0, 0.0, 0.0];
        assert_eq!(mul(&inner, &outer), [200.0, 0.0, 0.0, 100.0, 10.0, 20.0]);
    }

    #[test]
    fn a_line_read_askew_keeps_off_the_next_engine_line() {
        // r24 rendered degraded (1–2° skew): the engine's first line runs across both
        // columns and its box is 60 px tall for letters 30–45 px high, so its baseline
        // falls within reach of the next line's
        let w = |text: &str, x0: f64, x1: f64| PageWord {
            text: text.into(),
            conf: 95.0,
            x0,
            x1,
        };
        let ocr = PageOcr {
            lines: vec![
                PageLine {
                    top: 192.0,
                    bottom: 252.0,
                    words: vec![
                        w("CỤC", 310.0, 380.0),
                        w("ĐỔI", 390.0, 451.0),
                        w("MỚI", 462.0, 530.0),
                        w("SÁNG", 540.0, 631.0),
                        w("TẠO,", 641.0, 720.0),
                        w("Độc", 909.0, 971.0),
                        w("lập", 983.0, 1033.0),
                        w("-", 1045.0, 1058.0),
                        w("Tự", 1068.0, 1117.0),
                        w("do", 1126.0, 1166.0),
                        w("Hạnh", 1201.0, 1290.0),
                        w("phúc", 1302.0, 1382.0),
                    ],
                },
                PageLine {
                    top: 235.0,
                    bottom: 265.0,
                    words: vec![
                        w("CHUYỂN", 326.0, 467.0),
                        w("ĐỔI", 479.0, 539.0),
                        w("XANH", 550.0, 646.0),
                        w("VÀ", 657.0, 703.0),
                    ],
                },
            ],
            ..Default::default()
        };
        let items = crate::layout::page_items(&page_data(1, &ocr));
        let text: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                crate::layout::Item::Line(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        assert!(
            text.iter().any(|l| l.contains("CỤC ĐỔI MỚI SÁNG TẠO,")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|l| l.contains("CHUYỂN ĐỔI XANH VÀ")),
            "{text:?}"
        );
    }

    #[test]
    fn words_become_glyphs_on_one_baseline() {
        let ocr = PageOcr {
            lines: vec![PageLine {
                top: 100.0,
                bottom: 117.0,
                words: vec![
                    PageWord {
                        text: "Số:".into(),
                        conf: 95.0,
                        x0: 50.0,
                        x1: 70.0,
                    },
                    PageWord {
                        text: "12/KH-UBND".into(),
                        conf: 90.0,
                        x0: 74.0,
                        x1: 140.0,
                    },
                ],
            }],
            rules: vec![Rule {
                x0: 10.0,
                y0: 200.0,
                x1: 300.0,
                y1: 200.0,
            }],
            ..Default::default()
        };
        let p = page_data(3, &ocr);
        assert_eq!(p.number, 3);
        let words: Vec<&Glyph> = p.glyphs.iter().filter(|g| !g.space).collect();
        assert_eq!(words.len(), 2);
        assert_eq!(p.glyphs.iter().filter(|g| g.space).count(), 1);
        assert!(words.iter().all(|g| (g.y - words[0].y).abs() < 1e-9));
        assert!(words[0].y > 100.0 && words[0].y < 117.0);
        assert!((words[1].w - 66.0).abs() < 1e-9);
        assert_eq!(p.segs.len(), 1);
        assert!(p.segs[0].horizontal());
        let items = crate::layout::page_items(&p);
        assert!(
            matches!(items.first(), Some(crate::layout::Item::Line(s)) if s == "Số: 12/KH-UBND"),
            "{items:?}"
        );
    }
}
