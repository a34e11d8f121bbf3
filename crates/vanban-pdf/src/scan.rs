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
    let Some(Object::Array(b)) = inherited(doc, page, b"MediaBox") else {
        return 0.0;
    };
    let v: Vec<f64> = b.iter().filter_map(|o| num(deref(doc, o))).collect();
    match v.as_slice() {
        [x0, y0, x1, y1] => ((x1 - x0) * (y1 - y0)).abs(),
        _ => 0.0,
    }
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

/// The image that is the page's scan: the largest one drawn, if it covers a fair share of
/// the page (found without decoding anything).
pub(crate) fn find_scan(doc: &Document, page: ObjectId) -> Option<(ObjectId, [f64; 6])> {
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
    let area = |m: &[f64; 6]| (m[0] * m[3] - m[1] * m[2]).abs();
    let best = placed
        .iter()
        .max_by(|a, b| area(&a.m).total_cmp(&area(&b.m)))?;
    let page_area = page_area(doc, page);
    if page_area > 0.0 && area(&best.m) < MIN_COVER * page_area {
        return None;
    }
    Some((best.id, best.m))
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

/// Decode the scan [`find_scan`] found, oriented and with its resolution.
pub(crate) fn decode_scan(
    doc: &Document,
    page: ObjectId,
    found: (ObjectId, [f64; 6]),
) -> Result<ScanImage, String> {
    let best = Placed {
        id: found.0,
        m: found.1,
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
    let wpt = m[0].hypot(m[1]);
    let hpt = m[2].hypot(m[3]);
    let dpi_x = gray.width as f64 * 72.0 / wpt.max(1e-6);
    let dpi_y = gray.height as f64 * 72.0 / hpt.max(1e-6);
    let placed = (dpi_x.is_finite() && dpi_y.is_finite()).then_some((dpi_x + dpi_y) / 2.0);
    // a page placed larger than any document page (an image written at 70 or 72 dpi by a
    // tool that did not know its resolution) is taken for A4
    let dpi = vanban_ocr::page_dpi(placed, gray.width, gray.height);
    Ok(ScanImage {
        gray,
        dpi,
        quarters,
    })
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
                Some(b"DeviceN") | Some(b"Separation") => Color::Gray,
                _ => color_of(doc, a.first(), depth + 1),
            }
        }
        _ => Color::Gray,
    }
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
    let data: Vec<u8> = if general == 0 {
        stream.content.clone()
    } else {
        let mut s = stream.clone();
        let keep: Vec<Object> = filters
            .iter()
            .take(general)
            .map(|f| Object::Name(f.clone()))
            .collect();
        s.dict.set("Filter", Object::Array(keep));
        if image_filter {
            // the image filter's parameters are not the general filters' ones
            match parms.first() {
                Some(Some(p)) if general == 1 => {
                    s.dict.set("DecodeParms", Object::Dictionary((*p).clone()))
                }
                _ => {
                    s.dict.remove(b"DecodeParms");
                }
            }
        }
        s.decompressed_content()
            .map_err(|e| format!("image data not decompressed: {e}"))?
    };
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
