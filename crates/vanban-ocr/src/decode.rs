//! Image data to 8-bit gray: PDF image XObjects and image files.

use crate::gray::Gray;
use crate::OcrError;

/// Upper bound on decoded pixels (a hostile header cannot ask for terabytes).
pub const MAX_PIXELS: usize = 120_000_000;

/// A PDF image's colour space, resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Color {
    /// DeviceGray, CalGray, or ICCBased with one component.
    Gray,
    /// DeviceRGB, CalRGB, ICCBased with three components (Lab read as RGB too).
    Rgb,
    /// DeviceCMYK, ICCBased with four components.
    Cmyk,
    /// Separation or DeviceN: the tints of `n` colorants, 0 no ink, 1 full ink (a scan
    /// written as a black separation paints its text at 1).
    Tint {
        /// Colorants per sample.
        n: usize,
    },
    /// Indexed: base colour space, highest index, palette bytes (base components each).
    Indexed {
        /// Colour space of the palette entries.
        base: Box<Color>,
        /// Palette, `(hival + 1) * base components` bytes.
        palette: Vec<u8>,
    },
}

impl Color {
    /// Components per sample.
    pub fn components(&self) -> usize {
        match self {
            Color::Gray | Color::Indexed { .. } => 1,
            Color::Rgb => 3,
            Color::Cmyk => 4,
            Color::Tint { n } => (*n).max(1),
        }
    }
}

/// CCITTFaxDecode parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ccitt {
    /// /K: < 0 Group 4, 0 Group 3 one-dimensional, > 0 Group 3 two-dimensional.
    pub k: i64,
    /// /Columns (default 1728).
    pub columns: u32,
    /// /Rows (0: unknown).
    pub rows: u32,
    /// /BlackIs1.
    pub black_is_1: bool,
    /// /EncodedByteAlign.
    pub byte_align: bool,
    /// /EndOfLine.
    pub end_of_line: bool,
    /// /EndOfBlock (default true).
    pub end_of_block: bool,
}

impl Default for Ccitt {
    fn default() -> Self {
        Ccitt {
            k: 0,
            columns: 1728,
            rows: 0,
            black_is_1: false,
            byte_align: false,
            end_of_line: false,
            end_of_block: true,
        }
    }
}

/// How the image bytes are encoded (after any Flate/LZW/ASCII filters the PDF reader
/// already undid).
#[derive(Debug, Clone, PartialEq)]
pub enum Encoding {
    /// Samples, rows padded to a byte.
    Raw,
    /// DCTDecode (JPEG).
    Jpeg,
    /// CCITTFaxDecode.
    Ccitt(Ccitt),
    /// JBIG2Decode, with the bytes of its /JBIG2Globals stream if any.
    Jbig2 {
        /// The shared segments (symbol dictionaries) of the PDF's /JBIG2Globals.
        globals: Option<Vec<u8>>,
    },
    /// JPXDecode (JPEG 2000, its own colour space).
    Jpx,
}

/// A PDF image XObject as the decoder needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfImage<'a> {
    /// /Width.
    pub width: usize,
    /// /Height.
    pub height: usize,
    /// /BitsPerComponent (1 for masks and CCITT).
    pub bpc: u8,
    /// Colour space (Gray for /ImageMask).
    pub color: Color,
    /// /Decode array, if any.
    pub decode: Option<Vec<f64>>,
    /// /ImageMask true: 1-bit stencil, 0 paints (black) unless /Decode [1 0].
    pub mask: bool,
    /// The bytes, with non-image filters undone.
    pub data: &'a [u8],
    /// The image filter.
    pub encoding: Encoding,
}

fn check_size(w: usize, h: usize) -> Result<(), OcrError> {
    if w == 0 || h == 0 {
        return Err(OcrError::Decode("image of zero size".into()));
    }
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(OcrError::Decode(format!("image too large ({w}×{h})")));
    }
    Ok(())
}

/// Decode a PDF image to gray.
///
/// The decoders are other crates' code run on hostile bytes: a panic in one is this
/// image's error, and the other pages of the document come out.
pub fn decode_pdf_image(img: &PdfImage) -> Result<Gray, OcrError> {
    guarded(|| decode_pdf_image_unguarded(img))
}

/// `decode` with a panic turned into [`OcrError::Decode`].
fn guarded<T>(decode: impl FnOnce() -> Result<T, OcrError>) -> Result<T, OcrError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode))
        .unwrap_or_else(|_| Err(OcrError::Decode("the image decoder failed (panic)".into())))
}

fn decode_pdf_image_unguarded(img: &PdfImage) -> Result<Gray, OcrError> {
    match &img.encoding {
        Encoding::Jbig2 { globals } => {
            let mut g = decode_jbig2(img.data, globals.as_deref())?;
            if inverted(img.decode.as_deref(), 1) {
                invert(&mut g);
            }
            Ok(g)
        }
        Encoding::Jpx => decode_jpx(img.data),
        Encoding::Jpeg => {
            let (mut g, cmyk) = decode_jpeg_as_stored(img.data)?;
            if inverted(img.decode.as_deref(), 1) {
                invert(&mut g);
            }
            // an Adobe CMYK JPEG stored inverted and placed without the /Decode that puts it
            // right: paper comes out dark (with that /Decode, as Acrobat writes it, it is
            // paper already)
            if cmyk && mean(&g) < 96.0 {
                invert(&mut g);
            }
            Ok(g)
        }
        Encoding::Ccitt(p) => {
            let mut p = *p;
            if img.width > 0 {
                p.columns = u32::try_from(img.width).unwrap_or(p.columns);
            }
            if p.rows == 0 {
                p.rows = u32::try_from(img.height).unwrap_or(0);
            }
            let mut g = decode_ccitt(img.data, &p)?;
            if inverted(img.decode.as_deref(), 1) {
                invert(&mut g);
            }
            Ok(g)
        }
        Encoding::Raw => decode_raw(img),
    }
}

/// A /Decode array that maps the first component from 1 down to 0.
fn inverted(decode: Option<&[f64]>, _n: usize) -> bool {
    matches!(decode, Some([a, b, ..]) if a > b)
}

fn invert(g: &mut Gray) {
    for v in &mut g.data {
        *v = 255 - *v;
    }
}

/// Gray from device colour components in 0..=1.
fn to_gray(color: &Color, c: &[f64]) -> f64 {
    match color {
        Color::Gray | Color::Indexed { .. } => c.first().copied().unwrap_or(1.0),
        Color::Rgb => {
            let g = |i: usize| c.get(i).copied().unwrap_or(1.0);
            0.299 * g(0) + 0.587 * g(1) + 0.114 * g(2)
        }
        Color::Cmyk => {
            let g = |i: usize| c.get(i).copied().unwrap_or(0.0);
            1.0 - (0.299 * g(0) + 0.587 * g(1) + 0.114 * g(2) + g(3)).min(1.0)
        }
        // as dark as the most ink any colorant puts down
        Color::Tint { .. } => 1.0 - c.iter().copied().fold(0.0, f64::max),
    }
}

/// Uncompressed samples (after Flate etc.): 1, 2, 4, 8 or 16 bits per component.
fn decode_raw(img: &PdfImage) -> Result<Gray, OcrError> {
    let (w, h) = (img.width, img.height);
    check_size(w, h)?;
    let bpc = if img.mask { 1 } else { img.bpc };
    if ![1u8, 2, 4, 8, 16].contains(&bpc) {
        return Err(OcrError::Decode(format!("{bpc} bits per component")));
    }
    let n = if img.mask { 1 } else { img.color.components() };
    let bits = usize::from(bpc);
    let stride = (w * n * bits).div_ceil(8);
    let max = ((1u32 << bpc.min(16)) - 1) as f64;
    // default /Decode: [0 1] per component; Indexed [0 hival]
    let hival = match &img.color {
        Color::Indexed { base, palette } => {
            (palette.len() / base.components().max(1)).saturating_sub(1) as f64
        }
        _ => 1.0,
    };
    let ranges: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let d = img.decode.as_deref().unwrap_or_default();
            match (d.get(2 * i), d.get(2 * i + 1)) {
                (Some(&a), Some(&b)) => (a, b),
                _ if matches!(img.color, Color::Indexed { .. }) && !img.mask => (0.0, max),
                _ => (0.0, 1.0),
            }
        })
        .collect();
    let _ = hival;
    let mut out = Vec::with_capacity(w * h);
    let mut comps = vec![0f64; n];
    for y in 0..h {
        let row = img.data.get(y * stride..(y + 1) * stride);
        for x in 0..w {
            for (i, c) in comps.iter_mut().enumerate() {
                let raw = match row {
                    Some(r) => sample(r, (x * n + i) * bits, bits),
                    None => 0,
                };
                let (a, b) = ranges.get(i).copied().unwrap_or((0.0, 1.0));
                *c = a + f64::from(raw) * (b - a) / max;
            }
            let g = if img.mask {
                // a stencil: 0 (after /Decode) paints
                comps.first().copied().unwrap_or(1.0)
            } else if let Color::Indexed { base, palette } = &img.color {
                let idx = comps.first().copied().unwrap_or(0.0).round().max(0.0) as usize;
                let bn = base.components();
                let entry: Vec<f64> = (0..bn)
                    .map(|k| {
                        palette
                            .get(idx * bn + k)
                            .map_or(1.0, |&v| f64::from(v) / 255.0)
                    })
                    .collect();
                to_gray(base, &entry)
            } else {
                to_gray(&img.color, &comps)
            };
            out.push((g.clamp(0.0, 1.0) * 255.0).round() as u8);
        }
    }
    Gray::from_data(w, h, out).ok_or_else(|| OcrError::Decode("size mismatch".into()))
}

/// `bits` bits at bit offset `at` of `row`, big-endian (0 past the end).
fn sample(row: &[u8], at: usize, bits: usize) -> u32 {
    match bits {
        8 => u32::from(row.get(at / 8).copied().unwrap_or(0)),
        16 => {
            let i = at / 8;
            u32::from(row.get(i).copied().unwrap_or(0)) << 8
                | u32::from(row.get(i + 1).copied().unwrap_or(0))
        }
        _ => {
            let byte = row.get(at / 8).copied().unwrap_or(0);
            let shift = 8 - bits - (at % 8);
            (u32::from(byte) >> shift) & ((1u32 << bits) - 1)
        }
    }
}

/// JBIG2 (embedded in a PDF: segments without the file header, `globals` the
/// /JBIG2Globals stream's) to gray: black 0, white 255.
pub fn decode_jbig2(data: &[u8], globals: Option<&[u8]>) -> Result<Gray, OcrError> {
    use hayro_jbig2::{DecodeSettings, Globals, Page};
    let err = |e: hayro_jbig2::DecodeError| OcrError::Decode(format!("JBIG2: {e:?}"));
    let settings = DecodeSettings::default();
    let globals = globals
        .map(|g| Globals::new(g, &settings))
        .transpose()
        .map_err(err)?;
    let page = Page::new_embedded(data, globals.as_ref(), &settings).map_err(err)?;
    let (w, h) = (page.width() as usize, page.height() as usize);
    check_size(w, h)?;
    // rows as the decoder gives them, each cut or padded to the width
    struct Rows {
        width: usize,
        row: Vec<u8>,
        out: Vec<u8>,
    }
    impl hayro_jbig2::Decoder for Rows {
        fn push_pixel(&mut self, black: bool) {
            self.row.push(if black { 0 } else { 255 });
        }
        fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
            let n = (chunk_count as usize).saturating_mul(8);
            self.row
                .extend(std::iter::repeat_n(if black { 0 } else { 255 }, n));
        }
        fn next_line(&mut self) {
            self.row.resize(self.width, 255);
            self.out.append(&mut self.row);
        }
    }
    let mut rows = Rows {
        width: w,
        row: Vec::with_capacity(w + 8),
        out: Vec::with_capacity(w * h),
    };
    page.decode(&mut rows).map_err(err)?;
    rows.out.resize(w * h, 255);
    Gray::from_data(w, h, rows.out).ok_or_else(|| OcrError::Decode("JBIG2: size mismatch".into()))
}

/// JPEG 2000 (a JP2 file or a bare codestream, as /JPXDecode holds) to gray, from its own
/// colour space (gray, RGB, CMYK; an ICC or unknown one by its number of channels).
pub fn decode_jpx(data: &[u8]) -> Result<Gray, OcrError> {
    use hayro_jpeg2000::{ColorSpace, DecodeSettings, DecoderContext, Image};
    let err = |e: hayro_jpeg2000::DecodeError| OcrError::Decode(format!("JPEG 2000: {e:?}"));
    let image = Image::new(data, &DecodeSettings::default()).map_err(err)?;
    let (w, h) = (image.width() as usize, image.height() as usize);
    check_size(w, h)?;
    let color = match image.color_space() {
        ColorSpace::Gray => Color::Gray,
        ColorSpace::RGB => Color::Rgb,
        ColorSpace::CMYK => Color::Cmyk,
        other => match other.num_channels() {
            1 => Color::Gray,
            3 => Color::Rgb,
            4 => Color::Cmyk,
            n => {
                return Err(OcrError::Unsupported(format!(
                    "JPEG 2000 with {n} channels"
                )))
            }
        },
    };
    let n = color.components() + usize::from(image.has_alpha());
    let mut ctx = DecoderContext::default();
    let samples = image.decode(&mut ctx).map_err(err)?.data_u8();
    if samples.len() < w * h * n {
        return Err(OcrError::Decode(
            "JPEG 2000: fewer samples than pixels".into(),
        ));
    }
    let mut comps = vec![0f64; n];
    let out: Vec<u8> = samples
        .chunks_exact(n)
        .take(w * h)
        .map(|px| {
            for (c, &v) in comps.iter_mut().zip(px) {
                *c = f64::from(v) / 255.0;
            }
            (to_gray(&color, &comps).clamp(0.0, 1.0) * 255.0).round() as u8
        })
        .collect();
    Gray::from_data(w, h, out).ok_or_else(|| OcrError::Decode("JPEG 2000: size mismatch".into()))
}

/// JPEG to gray: luma straight from the decoder; CMYK/YCCK through RGB, and turned back
/// when paper comes out dark (Adobe CMYK JPEGs are often stored inverted).
pub fn decode_jpeg(data: &[u8]) -> Result<Gray, OcrError> {
    let (mut g, cmyk) = decode_jpeg_as_stored(data)?;
    if cmyk && mean(&g) < 96.0 {
        invert(&mut g);
    }
    Ok(g)
}

/// JPEG to gray as its samples say, and whether it is CMYK/YCCK.
fn decode_jpeg_as_stored(data: &[u8]) -> Result<(Gray, bool), OcrError> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let opts = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(60_000)
        .set_max_height(60_000);
    let mut probe = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), opts);
    probe
        .decode_headers()
        .map_err(|e| OcrError::Decode(format!("JPEG: {e:?}")))?;
    let input = probe.input_colorspace();
    let (w, h) = probe
        .info()
        .map(|i| (usize::from(i.width), usize::from(i.height)))
        .unwrap_or((0, 0));
    check_size(w, h)?;
    let cmyk = matches!(input, Some(ColorSpace::CMYK | ColorSpace::YCCK));
    let out = if cmyk {
        ColorSpace::RGB
    } else {
        ColorSpace::Luma
    };
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(
        ZCursor::new(data),
        opts.jpeg_set_out_colorspace(out),
    );
    let px = dec
        .decode()
        .map_err(|e| OcrError::Decode(format!("JPEG: {e:?}")))?;
    let gray: Vec<u8> = if cmyk {
        px.chunks_exact(3).map(|c| luma(c[0], c[1], c[2])).collect()
    } else {
        px
    };
    let g = Gray::from_data(w, h, gray)
        .ok_or_else(|| OcrError::Decode("JPEG: unexpected output size".into()))?;
    Ok((g, cmyk))
}

fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000).min(255) as u8
}

fn mean(g: &Gray) -> f64 {
    if g.data.is_empty() {
        return 255.0;
    }
    g.data.iter().map(|&v| f64::from(v)).sum::<f64>() / g.data.len() as f64
}

/// CCITT G3/G4 to gray: decoded black pixels are 0 when /BlackIs1 is false (the
/// default), as the PDF sample values say.
pub fn decode_ccitt(data: &[u8], p: &Ccitt) -> Result<Gray, OcrError> {
    use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
    struct Rows {
        width: usize,
        max_rows: usize,
        black: u8,
        white: u8,
        data: Vec<u8>,
        rows: usize,
    }
    impl hayro_ccitt::Decoder for Rows {
        fn push_row(&mut self, changes: &[u32]) {
            if self.rows >= self.max_rows {
                return;
            }
            let mut row = vec![self.white; self.width];
            let mut pos = 0usize;
            let mut black = false;
            for &c in changes {
                let c = (c as usize).min(self.width);
                if black {
                    if let Some(run) = row.get_mut(pos..c) {
                        run.fill(self.black);
                    }
                }
                pos = c;
                black = !black;
            }
            if black {
                if let Some(run) = row.get_mut(pos..) {
                    run.fill(self.black);
                }
            }
            self.data.extend_from_slice(&row);
            self.rows += 1;
        }
    }
    let width = p.columns as usize;
    let cap_rows = if p.rows > 0 {
        p.rows as usize
    } else {
        MAX_PIXELS / width.max(1)
    };
    check_size(width, cap_rows.max(1))?;
    let (black, white) = if p.black_is_1 { (255, 0) } else { (0, 255) };
    let mut sink = Rows {
        width,
        max_rows: cap_rows,
        black,
        white,
        data: Vec::new(),
        rows: 0,
    };
    let settings = DecodeSettings {
        columns: p.columns,
        rows: p.rows,
        end_of_block: p.end_of_block,
        end_of_line: p.end_of_line,
        rows_are_byte_aligned: p.byte_align,
        encoding: match p.k {
            k if k < 0 => EncodingMode::Group4,
            0 => EncodingMode::Group3_1D,
            _ => EncodingMode::Group3_2D,
        },
        strict: false,
    };
    let mut ctx = DecoderContext::new(settings);
    let r = hayro_ccitt::decode(data, &mut sink, &mut ctx);
    if sink.rows == 0 {
        return Err(OcrError::Decode(format!("CCITT: {:?}", r.err())));
    }
    // a damaged tail still leaves the rows decoded so far; missing rows stay white
    let height = if p.rows > 0 {
        p.rows as usize
    } else {
        sink.rows
    };
    sink.data.resize(width * height, white);
    Gray::from_data(width, height, sink.data)
        .ok_or_else(|| OcrError::Decode("CCITT: size mismatch".into()))
}

/// One page of an image file with its resolution, where the file states one.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The page in gray.
    pub gray: Gray,
    /// Pixels per inch, from the file (JFIF density, PNG pHYs, TIFF XResolution).
    pub dpi: Option<f64>,
    /// Clockwise quarter turns that show the pixels upright, from the file's orientation
    /// (a camera's Exif `Orientation`, a TIFF's): a phone held upright stores its sensor's
    /// landscape pixels and says "turn a quarter" (6).
    pub quarters: u32,
}

/// The clockwise quarter turns of an Exif/TIFF `Orientation` value: 1 upright, 6 a quarter,
/// 3 a half, 8 three quarters. The mirrored values (2, 4, 5, 7), which cameras do not
/// write, and unknown ones are taken as upright.
///
/// ```
/// use vanban_ocr::decode::orientation_quarters;
/// assert_eq!(orientation_quarters(6), 1);
/// assert_eq!(orientation_quarters(3), 2);
/// assert_eq!(orientation_quarters(8), 3);
/// assert_eq!(orientation_quarters(1), 0);
/// assert_eq!(orientation_quarters(42), 0);
/// ```
pub fn orientation_quarters(orientation: u16) -> u32 {
    match orientation {
        6 => 1,
        3 => 2,
        8 => 3,
        _ => 0,
    }
}

/// The `Orientation` (tag 0x0112) of a JPEG's Exif segment (APP1 "Exif\0\0", a TIFF
/// header and its first directory), looked for before the image data starts; `None` when
/// the file has none.
fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    let mut at = 2; // after SOI
    loop {
        let marker = bytes.get(at..at + 2)?;
        if marker.first() != Some(&0xFF) {
            return None;
        }
        let kind = *marker.get(1)?;
        // start of scan, end of image: no more headers
        if kind == 0xDA || kind == 0xD9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let body = bytes.get(at + 4..at + 2 + len)?;
        if kind == 0xE1 {
            if let Some(tiff) = body.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        at += 2 + len;
    }
}

/// The `Orientation` entry of the first directory of the TIFF structure `t`.
fn tiff_orientation(t: &[u8]) -> Option<u16> {
    let big = match t.get(0..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*t.get(i)?, *t.get(i + 1)?];
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<usize> {
        let b = [*t.get(i)?, *t.get(i + 1)?, *t.get(i + 2)?, *t.get(i + 3)?];
        let v = if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        };
        usize::try_from(v).ok()
    };
    let ifd = u32_at(4)?;
    let n = usize::from(u16_at(ifd)?);
    (0..n.min(512)).find_map(|k| {
        let e = ifd + 2 + 12 * k;
        // a SHORT, stored in the entry's first two value bytes
        (u16_at(e)? == 0x0112 && u16_at(e + 2)? == 3)
            .then(|| u16_at(e + 8))
            .flatten()
    })
}

/// An image file (JPEG, PNG, TIFF, WebP, JPEG 2000) to its pages: one per image of a
/// TIFF, one for the others. Other image kinds (BMP, GIF, HEIC) are an error naming them.
pub fn decode_image_file(bytes: &[u8]) -> Result<Vec<Frame>, OcrError> {
    guarded(|| decode_image_file_unguarded(bytes))
}

fn decode_image_file_unguarded(bytes: &[u8]) -> Result<Vec<Frame>, OcrError> {
    match readable_kind(bytes) {
        Some(Readable::Jpeg) => Ok(vec![Frame {
            gray: decode_jpeg(bytes)?,
            dpi: jpeg_dpi(bytes),
            quarters: jpeg_orientation(bytes).map_or(0, orientation_quarters),
        }]),
        Some(Readable::Png) => decode_png(bytes).map(|f| vec![f]),
        Some(Readable::Tiff) => decode_tiff(bytes),
        Some(Readable::Webp) => decode_webp(bytes).map(|f| vec![f]),
        Some(Readable::Jpx) => Ok(vec![Frame {
            gray: decode_jpx(bytes)?,
            dpi: None,
            quarters: 0,
        }]),
        None => Err(OcrError::Unsupported(match other_image_kind(bytes) {
            Some(kind) => format!("{kind} images are not read: save it as PNG or JPEG"),
            None => "not a JPEG, PNG, TIFF, WebP or JPEG 2000 image".into(),
        })),
    }
}

/// The signature box of a JPEG 2000 file (JP2).
const JP2_MAGIC: &[u8] = b"\0\0\0\x0CjP  \r\n\x87\n";

/// An image file this reader does not decode, by its magic bytes: BMP, GIF, and the HEIF
/// family a phone may save photos in (HEIC, AVIF). A user who sends one gets its name,
/// not "binary data" or its bytes read as text.
///
/// ```
/// use vanban_ocr::decode::other_image_kind;
/// assert_eq!(other_image_kind(b"GIF89a\x01\0"), Some("GIF"));
/// assert_eq!(other_image_kind(b"\0\0\0\x18ftypheic\0\0\0\0"), Some("HEIC"));
/// assert_eq!(other_image_kind(b"plain text"), None);
/// ```
pub fn other_image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("GIF");
    }
    // BMP: "BM", then the file's size, and a DIB header of a known size at byte 14
    if bytes.starts_with(b"BM") {
        let dib = bytes
            .get(14..18)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if matches!(dib, Some(12 | 40 | 52 | 56 | 64 | 108 | 124)) {
            return Some("BMP");
        }
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return match bytes.get(8..12) {
            Some(b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1") => {
                Some("HEIC")
            }
            Some(b"avif" | b"avis") => Some("AVIF"),
            _ => None,
        };
    }
    None
}

/// An image file by its magic bytes: a kind [`decode_image_file`] reads (JPEG, PNG, TIFF,
/// WebP, JPEG 2000) or one it names in its error ([`other_image_kind`]).
///
/// ```
/// use vanban_ocr::decode::is_image_file;
/// assert!(is_image_file(b"\x89PNG\r\n\x1a\n...."));
/// assert!(is_image_file(b"GIF89a\x01\0"));
/// assert!(!is_image_file(b"%PDF-1.7"));
/// ```
pub fn is_image_file(bytes: &[u8]) -> bool {
    readable_kind(bytes).is_some() || other_image_kind(bytes).is_some()
}

/// The image kinds [`decode_image_file`] reads, by magic bytes.
#[derive(Clone, Copy)]
enum Readable {
    Jpeg,
    Png,
    Tiff,
    Webp,
    Jpx,
}

fn readable_kind(bytes: &[u8]) -> Option<Readable> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Readable::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Readable::Png)
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some(Readable::Tiff)
    } else if is_webp(bytes) {
        Some(Readable::Webp)
    } else if bytes.starts_with(JP2_MAGIC) || bytes.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]) {
        Some(Readable::Jpx)
    } else {
        None
    }
}

/// A WebP file: a RIFF container of kind "WEBP".
pub fn is_webp(bytes: &[u8]) -> bool {
    bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP")
}

/// A WebP image (what browsers save, and some phone apps send): lossy or lossless, the
/// first frame of an animation, transparency over white; its Exif orientation read as a
/// JPEG's.
fn decode_webp(bytes: &[u8]) -> Result<Frame, OcrError> {
    let err = |e: image_webp::DecodingError| OcrError::Decode(format!("WebP: {e}"));
    let mut dec = image_webp::WebPDecoder::new(std::io::Cursor::new(bytes)).map_err(err)?;
    let (w, h) = dec.dimensions();
    let (w, h) = (w as usize, h as usize);
    check_size(w, h)?;
    let n = if dec.has_alpha() { 4 } else { 3 };
    let size = dec
        .output_buffer_size()
        .ok_or_else(|| OcrError::Decode("WebP: image too large".into()))?;
    let mut buf = vec![0u8; size];
    dec.read_image(&mut buf).map_err(err)?;
    let quarters = dec
        .exif_metadata()
        .ok()
        .flatten()
        .and_then(|exif| tiff_orientation(exif.strip_prefix(b"Exif\0\0").unwrap_or(&exif)))
        .map_or(0, orientation_quarters);
    let gray: Vec<u8> = buf.chunks_exact(n).map(over_paper).collect();
    Ok(Frame {
        gray: Gray::from_data(w, h, gray)
            .ok_or_else(|| OcrError::Decode("WebP: size mismatch".into()))?,
        dpi: None,
        quarters,
    })
}

/// A TIFF tag's number: XResolution is a RATIONAL (the tiff crate's `into_f64` reads only
/// DOUBLE, which left every TIFF without its resolution).
fn tiff_number(v: tiff::decoder::ifd::Value) -> Option<f64> {
    use tiff::decoder::ifd::Value;
    match v {
        Value::Rational(n, d) if d != 0 => Some(f64::from(n) / f64::from(d)),
        Value::Double(x) => Some(x),
        Value::Float(x) => Some(f64::from(x)),
        Value::Short(x) => Some(f64::from(x)),
        Value::Unsigned(x) => Some(f64::from(x)),
        _ => None,
    }
}

/// JFIF density (APP0) as dots per inch.
fn jpeg_dpi(bytes: &[u8]) -> Option<f64> {
    let app0 = bytes.get(2..20)?;
    if app0.get(0..2)? != [0xFF, 0xE0] || app0.get(4..9)? != b"JFIF\0" {
        return None;
    }
    let unit = *app0.get(11)?;
    let x = f64::from(u16::from_be_bytes([*app0.get(12)?, *app0.get(13)?]));
    match unit {
        1 if x >= 50.0 => Some(x),
        2 if x >= 20.0 => Some(x * 2.54),
        _ => None,
    }
}

/// One pixel of an image file (gray, gray and alpha, RGB or RGBA samples) as gray on white
/// paper: transparent parts are paper.
fn over_paper(px: &[u8]) -> u8 {
    let (v, alpha) = match px {
        [g] => (*g, 255),
        [g, a] => (*g, *a),
        [r, g, b] => (luma(*r, *g, *b), 255),
        [r, g, b, a, ..] => (luma(*r, *g, *b), *a),
        _ => (255, 255),
    };
    let v = (u32::from(v) * u32::from(alpha) + 255 * (255 - u32::from(alpha))) / 255;
    v.min(255) as u8
}

fn decode_png(bytes: &[u8]) -> Result<Frame, OcrError> {
    let err = |e: png::DecodingError| OcrError::Decode(format!("PNG: {e}"));
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().map_err(err)?;
    let dpi = reader.info().pixel_dims.and_then(|d| {
        (d.unit == png::Unit::Meter && d.xppu > 0).then(|| f64::from(d.xppu) * 0.0254)
    });
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    check_size(w, h)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| OcrError::Decode("PNG: image too large".into()))?;
    let mut buf = vec![0u8; size];
    let info = reader.next_frame(&mut buf).map_err(err)?;
    let n = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => 3,
    };
    let mut gray = Vec::with_capacity(w * h);
    for y in 0..h {
        let row = buf
            .get(y * info.line_size..(y + 1) * info.line_size)
            .unwrap_or_default();
        for x in 0..w {
            let px = row.get(x * n..(x + 1) * n).unwrap_or(&[255, 255, 255, 255]);
            gray.push(over_paper(px));
        }
    }
    Ok(Frame {
        gray: Gray::from_data(w, h, gray)
            .ok_or_else(|| OcrError::Decode("PNG: size mismatch".into()))?,
        dpi: dpi.filter(|d| *d >= 50.0),
        quarters: 0,
    })
}

/// A TIFF page coded as a fax, which the tiff crate does not decode: Compression 2
/// (Modified Huffman, each row byte-aligned) or 3 (T.4; two-dimensional when bit 0 of
/// T4Options, tag 292, is set). Its strips go through [`decode_ccitt`] one by one (each
/// strip starts afresh), bits reversed first when FillOrder is 2 (least significant bit
/// first, as fax modems write). A "black" run is a sample 1, which is ink under
/// WhiteIsZero (PhotometricInterpretation 0, the fax default) and paper under BlackIsZero.
fn tiff_fax_page<R: std::io::Read + std::io::Seek>(
    dec: &mut tiff::decoder::Decoder<R>,
    bytes: &[u8],
    w: usize,
    h: usize,
    compression: u16,
) -> Result<Gray, OcrError> {
    use tiff::tags::Tag;
    let err = |e: tiff::TiffError| OcrError::Decode(format!("TIFF: {e}"));
    let offsets = dec.get_tag_u64_vec(Tag::StripOffsets).map_err(err)?;
    let counts = dec.get_tag_u64_vec(Tag::StripByteCounts).map_err(err)?;
    let per_strip = dec
        .find_tag_unsigned::<u64>(Tag::RowsPerStrip)
        .ok()
        .flatten()
        .map_or(h, |r| usize::try_from(r).unwrap_or(h).clamp(1, h.max(1)));
    let two_d = compression == 3
        && dec
            .find_tag_unsigned::<u32>(Tag::Unknown(292))
            .ok()
            .flatten()
            .is_some_and(|o| o & 1 == 1);
    let lsb_first = dec.find_tag_unsigned::<u16>(Tag::FillOrder).ok().flatten() == Some(2);
    let columns = u32::try_from(w).map_err(|_| OcrError::Decode("TIFF: too wide".into()))?;
    let black_is_zero = dec
        .find_tag_unsigned::<u16>(Tag::PhotometricInterpretation)
        .ok()
        .flatten()
        == Some(1);
    let (mut decoded, mut last_error) = (false, None);
    let mut data = Vec::with_capacity(w * h);
    for (i, (&off, &count)) in offsets.iter().zip(&counts).enumerate() {
        let rows = per_strip.min(h.saturating_sub(i * per_strip));
        if rows == 0 {
            break;
        }
        let start = usize::try_from(off).unwrap_or(usize::MAX);
        let end = start.saturating_add(usize::try_from(count).unwrap_or(0));
        // a strip past the file's end (a file cut short) decodes as nothing: paper
        let coded = bytes.get(start..end.min(bytes.len())).unwrap_or_default();
        let coded: Vec<u8> = if lsb_first {
            coded.iter().map(|b| b.reverse_bits()).collect()
        } else {
            coded.to_vec()
        };
        let p = Ccitt {
            k: i64::from(two_d),
            columns,
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            black_is_1: false,
            byte_align: compression == 2,
            end_of_line: false,
            end_of_block: false,
        };
        // a damaged strip is paper; the page fails only when no strip decodes
        match decode_ccitt(&coded, &p) {
            Ok(g) => {
                decoded = true;
                data.extend(g.data);
            }
            Err(e) => {
                last_error = Some(e);
                data.resize(data.len() + rows * w, if black_is_zero { 0 } else { 255 });
            }
        }
    }
    if let (false, Some(e)) = (decoded, last_error) {
        return Err(e);
    }
    if black_is_zero {
        data.iter_mut().for_each(|v| *v = 255 - *v);
    }
    // rows no strip gave are paper
    data.resize(w * h, 255);
    Gray::from_data(w, h, data).ok_or_else(|| OcrError::Decode("TIFF: size mismatch".into()))
}

fn decode_tiff(bytes: &[u8]) -> Result<Vec<Frame>, OcrError> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    use tiff::ColorType;
    let err = |e: tiff::TiffError| OcrError::Decode(format!("TIFF: {e}"));
    let mut dec = Decoder::new(std::io::Cursor::new(bytes)).map_err(err)?;
    let mut frames = Vec::new();
    loop {
        let (w, h) = dec.dimensions().map_err(err)?;
        let (w, h) = (w as usize, h as usize);
        check_size(w, h)?;
        let color = dec.colortype().map_err(err)?;
        let white_is_zero = dec
            .find_tag(Tag::PhotometricInterpretation)
            .ok()
            .flatten()
            .and_then(|v| v.into_u16().ok())
            == Some(0);
        let unit = dec
            .find_tag(Tag::ResolutionUnit)
            .ok()
            .flatten()
            .and_then(|v| v.into_u16().ok())
            .unwrap_or(2);
        let dpi = dec
            .find_tag(Tag::XResolution)
            .ok()
            .flatten()
            .and_then(tiff_number)
            .map(|r| if unit == 3 { r * 2.54 } else { r })
            .filter(|d| d.is_finite() && *d >= 50.0 && unit != 1);
        let quarters = dec
            .find_tag(Tag::Orientation)
            .ok()
            .flatten()
            .and_then(|v| v.into_u16().ok())
            .map_or(0, orientation_quarters);
        let compression = dec
            .find_tag_unsigned::<u16>(Tag::Compression)
            .ok()
            .flatten()
            .unwrap_or(1);
        if matches!(compression, 2 | 3) {
            frames.push(Frame {
                gray: tiff_fax_page(&mut dec, bytes, w, h, compression)?,
                dpi,
                quarters,
            });
            if !dec.more_images() || frames.len() >= 2000 {
                break;
            }
            dec.next_image().map_err(err)?;
            continue;
        }
        let img = dec.read_image().map_err(err)?;
        let DecodingResult::U8(data) = img else {
            return Err(OcrError::Unsupported(
                "TIFF with samples wider than 8 bits".into(),
            ));
        };
        let spec = |bpc: u8, color: Color| PdfImage {
            width: w,
            height: h,
            bpc,
            color,
            decode: white_is_zero.then(|| vec![1.0, 0.0]),
            mask: false,
            data: &data,
            encoding: Encoding::Raw,
        };
        let gray = match color {
            ColorType::Gray(b) => decode_raw(&spec(b, Color::Gray))?,
            ColorType::RGB(8) => decode_raw(&spec(8, Color::Rgb))?,
            ColorType::CMYK(8) => decode_raw(&spec(8, Color::Cmyk))?,
            ColorType::RGBA(8) => {
                let rgb: Vec<u8> = data
                    .chunks_exact(4)
                    .flat_map(|c| [c[0], c[1], c[2]])
                    .collect();
                decode_raw(&PdfImage {
                    data: &rgb,
                    ..spec(8, Color::Rgb)
                })?
            }
            other => {
                return Err(OcrError::Unsupported(format!("TIFF colour type {other:?}")));
            }
        };
        frames.push(Frame {
            gray,
            dpi,
            quarters,
        });
        if !dec.more_images() || frames.len() >= 2000 {
            break;
        }
        dec.next_image().map_err(err)?;
    }
    Ok(frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's headers: SOI, an APP0 JFIF, an APP1 Exif whose first directory holds
    /// `entries` (tag, type, value), then SOS.
    fn exif_jpeg(big: bool, entries: &[(u16, u16, u16)]) -> Vec<u8> {
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(exif_tiff(big, entries));
        let mut out = vec![0xFF, 0xD8];
        out.extend([0xFF, 0xE0, 0, 16]);
        out.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        out.extend([0xFF, 0xE1]);
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(app1);
        out.extend([0xFF, 0xDA, 0, 2]);
        out
    }

    /// An Exif TIFF structure whose first directory holds `entries` (tag, type, value).
    fn exif_tiff(big: bool, entries: &[(u16, u16, u16)]) -> Vec<u8> {
        let w16 = |v: u16| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let w32 = |v: u32| {
            if big {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let mut tiff: Vec<u8> = if big { b"MM".to_vec() } else { b"II".to_vec() };
        tiff.extend(w16(42));
        tiff.extend(w32(8));
        tiff.extend(w16(entries.len() as u16));
        for &(tag, kind, value) in entries {
            tiff.extend(w16(tag));
            tiff.extend(w16(kind));
            tiff.extend(w32(1));
            tiff.extend(w16(value));
            tiff.extend([0, 0]);
        }
        tiff.extend(w32(0));
        tiff
    }

    #[test]
    fn a_webp_with_transparency_and_an_orientation_tag() {
        // 20 × 10: the left half opaque black, the right half transparent
        let (w, h) = (20u32, 10u32);
        let mut rgba = Vec::new();
        for _y in 0..h {
            for x in 0..w {
                rgba.extend(if x < 10 { [0, 0, 0, 255] } else { [0, 0, 0, 0] });
            }
        }
        let mut bytes = Vec::new();
        let mut enc = image_webp::WebPEncoder::new(&mut bytes);
        enc.set_exif_metadata(exif_tiff(false, &[(0x0112, 3, 8)]));
        enc.encode(&rgba, w, h, image_webp::ColorType::Rgba8)
            .expect("encodes");
        assert!(is_webp(&bytes));
        let frames = decode_image_file(&bytes).expect("decodes");
        let f = frames.first().expect("one frame");
        assert_eq!((f.gray.width, f.gray.height, f.quarters), (20, 10, 3));
        assert_eq!((f.gray.get(2, 5), f.gray.get(17, 5)), (0, 255));
        // cut short: an error, not a panic
        for n in [12, 30, bytes.len() / 2] {
            assert!(
                decode_image_file(bytes.get(..n).unwrap_or_default()).is_err(),
                "{n}"
            );
        }
    }

    #[test]
    fn a_cameras_orientation_tag_is_read_in_either_byte_order() {
        // XResolution-like entry first, then Orientation 6 (a phone held upright)
        let entries = [(0x011A, 5, 72), (0x0112, 3, 6)];
        assert_eq!(jpeg_orientation(&exif_jpeg(true, &entries)), Some(6));
        assert_eq!(jpeg_orientation(&exif_jpeg(false, &entries)), Some(6));
        assert_eq!(
            jpeg_orientation(&exif_jpeg(false, &[(0x0112, 3, 8)])),
            Some(8)
        );
        // none, or not a SHORT
        assert_eq!(
            jpeg_orientation(&exif_jpeg(false, &[(0x011A, 5, 72)])),
            None
        );
        assert_eq!(jpeg_orientation(&exif_jpeg(false, &[(0x0112, 4, 6)])), None);
        // cut short anywhere: no orientation, no panic
        let full = exif_jpeg(true, &entries);
        for n in 0..full.len() {
            let _ = jpeg_orientation(full.get(..n).unwrap_or_default());
        }
        assert_eq!(jpeg_orientation(&[0xFF, 0xD8, 0xFF, 0xDA]), None);
    }

    fn raw(width: usize, height: usize, bpc: u8, color: Color, data: &[u8]) -> PdfImage<'_> {
        PdfImage {
            width,
            height,
            bpc,
            color,
            decode: None,
            mask: false,
            data,
            encoding: Encoding::Raw,
        }
    }

    #[test]
    fn one_bit_gray_rows_are_byte_padded() {
        // 10 wide: row 0 = 1010101010, row 1 = 0000000000
        let data = [0b1010_1010, 0b1000_0000, 0, 0];
        let g = decode_pdf_image(&raw(10, 2, 1, Color::Gray, &data)).unwrap();
        assert_eq!(&g.data[..10], &[255, 0, 255, 0, 255, 0, 255, 0, 255, 0]);
        assert!(g.data[10..].iter().all(|&v| v == 0));
    }

    #[test]
    fn decode_array_inverts_and_mask_paints_zero() {
        let data = [0b1000_0000];
        let mut img = raw(2, 1, 1, Color::Gray, &data);
        img.decode = Some(vec![1.0, 0.0]);
        assert_eq!(decode_pdf_image(&img).unwrap().data, vec![0, 255]);
        let mut m = raw(2, 1, 1, Color::Gray, &[0b0100_0000]);
        m.mask = true;
        assert_eq!(decode_pdf_image(&m).unwrap().data, vec![0, 255]);
    }

    #[test]
    fn a_fax_tiff_cut_short_is_an_error_or_a_partial_page_never_a_panic() {
        let whole = include_bytes!("../../../fixtures/ocr/producers/fax-g3-2d.tif");
        let page = &decode_image_file(whole).unwrap()[0].gray;
        assert_eq!((page.width, page.height), (1240, 560));
        // paper is white and some ink is black
        assert!(page.data.iter().filter(|&&v| v == 255).count() > page.data.len() / 2);
        assert!(page.data.contains(&0));
        for cut in (8..whole.len()).step_by(997) {
            match decode_image_file(&whole[..cut]) {
                Ok(frames) => assert!(frames
                    .iter()
                    .all(|f| f.gray.data.len() == f.gray.width * f.gray.height)),
                Err(e) => assert!(!e.to_string().contains("panic"), "{cut}: {e}"),
            }
        }
    }

    #[test]
    fn separation_tints_are_ink_not_gray() {
        // a black separation: 0 no ink (paper), 255 full ink; 8 bits
        let img = PdfImage {
            width: 3,
            height: 1,
            bpc: 8,
            color: Color::Tint { n: 1 },
            decode: None,
            mask: false,
            data: &[0, 255, 128],
            encoding: Encoding::Raw,
        };
        assert_eq!(decode_pdf_image(&img).unwrap().data, vec![255, 0, 127]);
        // two colorants: as dark as the most ink either puts down
        let two = PdfImage {
            width: 2,
            height: 1,
            color: Color::Tint { n: 2 },
            data: &[0, 255, 51, 0],
            ..img
        };
        assert_eq!(decode_pdf_image(&two).unwrap().data, vec![0, 204]);
    }

    #[test]
    fn rgb_cmyk_indexed_to_gray() {
        let g = decode_pdf_image(&raw(2, 1, 8, Color::Rgb, &[255, 255, 255, 0, 0, 0])).unwrap();
        assert_eq!(g.data, vec![255, 0]);
        let c = decode_pdf_image(&raw(2, 1, 8, Color::Cmyk, &[0, 0, 0, 0, 0, 0, 0, 255])).unwrap();
        assert_eq!(c.data, vec![255, 0]);
        let pal = Color::Indexed {
            base: Box::new(Color::Rgb),
            palette: vec![0, 0, 0, 255, 255, 255],
        };
        let i = decode_pdf_image(&raw(3, 1, 8, pal, &[1, 0, 1])).unwrap();
        assert_eq!(i.data, vec![255, 0, 255]);
    }

    #[test]
    fn a_decoder_panic_is_the_image_error() {
        let r: Result<Gray, OcrError> = guarded(|| panic!("a decoder bug"));
        assert!(matches!(r, Err(OcrError::Decode(m)) if m.contains("panic")));
        assert!(guarded(|| Ok(1)).is_ok());
    }

    #[test]
    fn short_data_and_bad_sizes_do_not_panic() {
        assert!(decode_pdf_image(&raw(4, 4, 8, Color::Rgb, &[1, 2])).is_ok());
        assert!(decode_pdf_image(&raw(0, 4, 8, Color::Gray, &[])).is_err());
        assert!(decode_pdf_image(&raw(100_000, 100_000, 8, Color::Gray, &[])).is_err());
        assert!(decode_pdf_image(&raw(4, 4, 3, Color::Gray, &[0; 16])).is_err());
        let mut j = raw(4, 4, 8, Color::Gray, &[0xFF, 0xD8, 0x00]);
        j.encoding = Encoding::Jpeg;
        assert!(decode_pdf_image(&j).is_err());
        // truncated or foreign bytes under JBIG2 and JPEG 2000: an error, not a panic
        j.encoding = Encoding::Jbig2 { globals: None };
        assert!(matches!(decode_pdf_image(&j), Err(OcrError::Decode(_))));
        j.encoding = Encoding::Jbig2 {
            globals: Some(vec![0, 0, 0, 1, 0, 0, 1]),
        };
        assert!(matches!(decode_pdf_image(&j), Err(OcrError::Decode(_))));
        j.encoding = Encoding::Jpx;
        assert!(matches!(decode_pdf_image(&j), Err(OcrError::Decode(_))));
        j.data = b"\xFF\x4F\xFF\x51\x00\x29";
        assert!(decode_pdf_image(&j).is_err());
    }
}
