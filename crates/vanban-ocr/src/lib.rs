//! OCR for scanned pages and image files.
//!
//! * [`decode`]: image data to 8-bit gray — PDF image XObjects (DCTDecode, CCITTFaxDecode,
//!   Flate/raw at 1 or 8 bits, Gray/RGB/CMYK/Indexed, `/Decode`) and image files (JPEG,
//!   PNG, TIFF including multi-page TIFF).
//! * [`Tesseract`]: the engine through its command line, one process per page (crash
//!   isolation, one engine thread each, killed at the deadline); the image goes in on
//!   stdin and TSV comes out on stdout, so no temporary file is written. Spawning the
//!   engine is the one thing this library does outside its own memory.
//! * [`ocr_page`]: resolution (upscaling low-resolution scans), orientation (Tesseract's OSD
//!   when the first reading is poor), words with boxes in points of the upright page, and
//!   ruling lines from long dark runs ([`rules`]); numbers the reading garbled where the
//!   page's grammar expects one are read again with only digits allowed ([`digits`]).
#![forbid(unsafe_code)]

pub mod decode;
pub mod digits;
pub mod gray;
pub mod hand;
pub mod rules;
pub mod sheet;
pub mod tesseract;

pub use gray::Gray;
pub use rules::Rule;
pub use tesseract::{OcrLine, OcrWord, Tesseract, INSTALL_HINT};

use std::borrow::Cow;
use std::time::Instant;

/// Why OCR could not run or a page could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum OcrError {
    /// The engine is not installed (the message names the packages).
    #[error("OCR engine not available: {0}")]
    NotInstalled(String),
    /// A language model is missing (the message names the package).
    #[error("{0}")]
    MissingLanguage(String),
    /// The engine failed on this page.
    #[error("OCR engine failed: {0}")]
    Engine(String),
    /// The deadline passed while the engine ran.
    #[error("OCR stopped at the time budget")]
    Timeout,
    /// Image data that cannot be decoded.
    #[error("cannot decode image: {0}")]
    Decode(String),
    /// An image encoding not supported (JBIG2, JPEG 2000).
    #[error("unsupported image encoding: {0}")]
    Unsupported(String),
}

/// How pages are read.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrSettings {
    /// Tesseract language list ("vie", "vie+eng").
    pub languages: String,
    /// Resolution the engine gets: images below it are upscaled, far above it downscaled.
    pub dpi: u32,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            languages: "vie".into(),
            dpi: 200,
        }
    }
}

/// A word in points of the upright page (origin top left, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct PageWord {
    /// The word (after [`post_correct_page`]).
    pub text: String,
    /// Confidence 0–100.
    pub conf: f32,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
}

/// A line in points of the upright page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLine {
    /// Top of the line box.
    pub top: f64,
    /// Bottom of the line box.
    pub bottom: f64,
    /// Words left to right.
    pub words: Vec<PageWord>,
}

/// What OCR read on one page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageOcr {
    /// Lines in the engine's order.
    pub lines: Vec<PageLine>,
    /// Ruling lines, in points.
    pub rules: Vec<Rule>,
    /// Mean word confidence weighted by length (0 when no word).
    pub mean_conf: f32,
    /// Quarter turns clockwise applied to the image to make it upright.
    pub turned: u32,
    /// Width and height of the upright page, in points.
    pub size: (f64, f64),
}

/// **Post-correction.** The words of one page, lines in reading order, go through the
/// Vietnamese correction of `vanban-correct` (syllables by lexicon and context, symbols by
/// their grammar, dates by validity; evidence only) in one call, so a word's neighbours
/// across a line break and the page's other years are its context. One output per word.
pub fn post_correct_page(lines: &[Vec<OcrWord>]) -> Vec<Vec<String>> {
    let tokens: Vec<vanban_correct::OcrToken> = lines
        .iter()
        .flatten()
        .map(|w| vanban_correct::OcrToken {
            text: &w.text,
            conf: w.conf,
        })
        .collect();
    let mut fixed = vanban_correct::correct_words(&tokens).into_iter();
    lines
        .iter()
        .map(|l| {
            l.iter()
                .map(|w| fixed.next().unwrap_or_else(|| w.text.clone()))
                .collect()
        })
        .collect()
}

/// Letters the engine takes from other alphabets for Vietnamese ones: the Icelandic eth
/// "Ð" (U+00D0) for "Đ" (U+0110) — Vietnamese has no eth, and "QÐ" must read as the
/// symbol "QĐ".
pub fn vietnamese_letters(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{00D0}' => '\u{0110}',
            '\u{00F0}' => '\u{0111}',
            c => c,
        })
        .collect()
}

/// Length-weighted mean confidence of the words of `lines`.
pub fn mean_confidence(lines: &[OcrLine]) -> f32 {
    let (mut sum, mut n) = (0f64, 0f64);
    for w in lines.iter().flat_map(|l| &l.words) {
        let len = w.text.chars().count().max(1) as f64;
        sum += f64::from(w.conf) * len;
        n += len;
    }
    if n == 0.0 {
        0.0
    } else {
        (sum / n) as f32
    }
}

/// Lines whose boxes stand upright (taller than wide) hold more than a quarter of the
/// words: the page was scanned sideways (the engine still finds "lines" across it).
fn sideways(lines: &[OcrLine]) -> bool {
    let words: usize = lines.iter().map(|l| l.words.len()).sum();
    let upright: usize = lines
        .iter()
        .filter(|l| l.height > l.width)
        .map(|l| l.words.len())
        .sum();
    words > 0 && upright * 4 >= words
}

/// A reading worth keeping without trying another orientation: enough confident words
/// on lines that run across the image.
fn good_enough(lines: &[OcrLine]) -> bool {
    let words: usize = lines.iter().map(|l| l.words.len()).sum();
    words >= 20 && mean_confidence(lines) >= 60.0 && !sideways(lines)
}

/// How well a reading went: confident characters.
fn score(lines: &[OcrLine]) -> f64 {
    lines
        .iter()
        .flat_map(|l| &l.words)
        .map(|w| w.text.chars().count() as f64 * f64::from(w.conf.max(0.0)) / 100.0)
        .sum()
}

/// The resolution of a scanned page image `width` × `height` pixels: the one its file or
/// placement states (`stated`, pixels per inch), unless that makes the page larger than
/// A3 by a tenth, which no administrative document is (they are printed on A4, appendices
/// at most on A3, Nghị định 30/2020/NĐ-CP): tools that do not know an image's resolution
/// write 70 or 72 dpi, and a phone photo of 3024 × 4032 pixels then spans 42 × 56 inches.
/// Such a page, or one with no resolution stated, is taken for A4 (its long side 11.69
/// inches).
///
/// ```
/// use vanban_ocr::page_dpi;
/// assert_eq!(page_dpi(Some(200.0), 1654, 2339), 200.0);
/// assert_eq!(page_dpi(Some(86.0), 711, 1006), 86.0); // a real low-resolution phone scan
/// let a4 = |long: f64| long / 11.69;
/// assert_eq!(page_dpi(Some(72.0), 3024, 4032), a4(4032.0)); // a photo said to be 72 dpi
/// assert_eq!(page_dpi(Some(70.0), 1654, 2339), a4(2339.0));
/// assert_eq!(page_dpi(None, 1654, 2339), a4(2339.0));
/// // A3 landscape at 150 dpi is as stated
/// assert_eq!(page_dpi(Some(150.0), 2480, 1754), 150.0);
/// ```
pub fn page_dpi(stated: Option<f64>, width: usize, height: usize) -> f64 {
    const A3_LONG: f64 = 16.54;
    let long = width.max(height) as f64;
    let a4 = (long / A4_LONG).clamp(50.0, 1200.0);
    match stated {
        Some(d) if d.is_finite() && d > 0.0 && long / d <= 1.1 * A3_LONG => d,
        _ => a4,
    }
}

/// The long side of an A4 page in inches.
const A4_LONG: f64 = 11.69;

/// The scale factor that brings an image at `dpi` to about `target` dpi: low-resolution
/// scans are enlarged (at most 4×), very fine ones reduced; near the target, none.
pub fn scale_for(dpi: f64, target: u32) -> f64 {
    let t = f64::from(target.clamp(70, 1200));
    if !(dpi.is_finite() && dpi > 0.0) {
        return 1.0;
    }
    if dpi < 0.85 * t {
        (t / dpi).min(4.0)
    } else if dpi > 1.6 * t {
        t / dpi
    } else {
        1.0
    }
}

/// Words that are a stroke read as letters: a short rule (the line under the motto, a
/// signature's underline) that the rule finder left, read by the engine at low confidence
/// as a long flat word ("2RE\"2TfVnnitpTooe", 204 × 7 px among words 46 px high). A word
/// is dropped when it is under a third of the page's usual word height, at least four times
/// as wide as high, holds a letter or digit, and was read at confidence under 50. Dots and
/// underscores of a form ("ngày …… tháng") hold neither and stay.
fn drop_flat_words(lines: &mut Vec<tesseract::OcrLine>) {
    let mut heights: Vec<u32> = lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.conf >= 60.0 && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(|w| w.height)
        .collect();
    if heights.len() < 5 {
        return;
    }
    heights.sort_unstable();
    let usual = heights[heights.len() / 2];
    for l in lines.iter_mut() {
        l.words.retain(|w| {
            let flat = w.height.saturating_mul(3) < usual && w.width >= w.height.saturating_mul(4);
            !(flat && w.conf < 50.0 && w.text.chars().any(char::is_alphanumeric))
        });
    }
    lines.retain(|l| !l.words.is_empty());
}

/// The vertical extent (top, bottom) of a line's print, in the line's pixels. The engine
/// boxes a line as the union of its words' boxes, and a word boxed with a mark that is no
/// part of the print — the underline under the motto read into "Tự" (47 px among words of
/// 26), a day written in by hand above the line (55 px among 24), a seal's arc — stretches
/// the line to twice its height: its baseline then falls within reach of the line above,
/// and the layout runs the two together ("Số: MÔI TRƯỜNG"). So on a line of three words or
/// more, the words more than 1.4 times the line's median word height stay out of the
/// union; a line of fewer words, or none such, keeps the engine's box.
fn print_extent(line: &tesseract::OcrLine) -> (u32, u32) {
    let own = (line.top, line.top.saturating_add(line.height));
    if line.words.len() < 3 {
        return own;
    }
    let median = f64::from(median_word_height(line));
    let kept = line
        .words
        .iter()
        .filter(|w| f64::from(w.height) <= 1.4 * median);
    let top = kept.clone().map(|w| w.top).min();
    let bottom = kept.map(|w| w.top.saturating_add(w.height)).max();
    match (top, bottom) {
        (Some(t), Some(b)) if b > t => (t.max(own.0), b.min(own.1).max(t + 1)),
        _ => own,
    }
}

/// The median height of a line's word boxes (0 for a line of no words).
fn median_word_height(line: &tesseract::OcrLine) -> u32 {
    let mut heights: Vec<u32> = line.words.iter().map(|w| w.height).collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).copied().unwrap_or(0)
}

/// The rules of an upright image and the image with them painted white.
/// The image the engine reads: rules painted white, scaled by `factor` (one copy of the
/// page when there are no rules; the page is large, its copies count).
fn rules_and_read_image(img: &Gray, dpi: f64, factor: f64) -> (Vec<Rule>, Gray) {
    let rules = rules::find_rules(img, dpi);
    if rules.is_empty() {
        return (rules, img.scale(factor));
    }
    let (rules, clean) = paint_out(img, rules, dpi);
    if (factor - 1.0).abs() < 1e-3 {
        (rules, clean)
    } else {
        (rules, clean.scale(factor))
    }
}

/// The image with `rules` painted white.
fn paint_out(img: &Gray, rules: Vec<Rule>, dpi: f64) -> (Vec<Rule>, Gray) {
    let mut clean = img.clone();
    let half = (dpi / 100.0).ceil() + 1.0; // rules are about 0.5 mm thick
    for r in &rules {
        let (x0, x1, y0, y1) = if r.y0 == r.y1 {
            (r.x0, r.x1, r.y0 - half, r.y0 + half)
        } else {
            (r.x0 - half, r.x0 + half, r.y0, r.y1)
        };
        clean.fill_rect(x0, y0, x1, y1, 255);
    }
    (rules, clean)
}

/// At most this many second looks at numbers per page (a page of garbled symbols is a
/// poor scan, not a reason to read it a hundred more times).
const MAX_REREADS: usize = 8;

/// The least skew (degrees) a page is levelled for ([`gray::Gray::skew_angle`]). Below
/// it the engine and the layout cope, and turning costs more than it gives: the second
/// interpolation blurs small print (the 1–2° degraded copies of
/// `scripts/eval-rendered-scans.py` lost three stamped dates when levelled from 0.5°).
const MIN_DESKEW: f64 = 2.0;

/// Glued days read again on one page at most (each costs one more engine process).
const MAX_GLUED: usize = 2;

/// Date gaps ([`digits::date_gaps`]) read again on one page at most.
const MAX_DATE_GAPS: usize = 4;

/// How each crop is read again: as cut and enlarged 2×, each as a line (`--psm 7`) and as a
/// word (`--psm 8`). The engine's digits on a few glyphs swing with the framing, so the
/// readings are compared ([`digits::agreed`], [`digits::confirmed`]).
const SCALES: [f64; 2] = [1.0, 2.0];

/// The second look of [`digits`]: each word where the line's grammar wants a number and
/// the reading gave a garbled one is cut from `img` (the image the words' boxes refer to)
/// and read again with only digits allowed; the word takes the digits when
/// [`digits::accept`] finds the evidence enough. A number-label line whose number ran into
/// its code ([`digits::label_regions`]) takes the digits first seen when the region's
/// second reading confirms them, and its code gets its "/". The day and month of a date
/// line whose reading is one digit, a short garbled word or nothing ([`digits::date_gaps`]:
/// a day the e-signature stamped smaller, "ngày ₁₃ tháng" read "ngày 3 tháng") are read
/// again over the whole gap between their words and take the reading when it keeps the
/// digit first seen and says more ([`digits::gap_read`]). All crops of a page go to the
/// engine together, as the pages of one TIFF, once per segmentation mode: two processes a
/// page whatever the number of crops. Engine errors leave the words as they were.
pub fn reread_numbers(
    engine: &Tesseract,
    img: &Gray,
    dpi: u32,
    settings: &OcrSettings,
    lines: &mut [OcrLine],
    deadline: Instant,
) {
    let pad_x = f64::from(dpi) / 30.0;
    let pad_y = f64::from(dpi) / 40.0;
    recover_dropped_labels(engine, img, dpi, settings, lines, deadline);
    digits::split_glued_labels(lines);
    read_stamped_numbers(engine, img, dpi, settings, lines, deadline);
    let suspects: Vec<digits::Suspect> = digits::suspects(lines)
        .into_iter()
        .take(MAX_REREADS)
        .collect();
    let regions = digits::label_regions(lines);
    let glued: Vec<digits::GluedDay> = digits::glued_days(lines)
        .into_iter()
        .take(MAX_GLUED)
        .collect();
    // only in the top two fifths of the page, where the header's date line stands, or on a
    // line shaped as a date line (a licence's stands over the signature): the e-signature
    // stamps the document's own date, a clerk writes it in; a citation's date is typed
    let header_end = img.height as f64 * 0.4;
    let date_gaps: Vec<digits::DateGap> = digits::date_gaps(lines)
        .into_iter()
        // not a gap a glued word stands in (its split decides there)
        .filter(|g| {
            !glued
                .iter()
                .any(|d| d.line == g.line && (g.before..=g.after).contains(&d.word))
        })
        .filter(|g| {
            lines
                .get(g.line)
                .is_some_and(|l| f64::from(l.top) < header_end || digits::date_line(l))
        })
        .take(MAX_DATE_GAPS)
        .collect();
    let numbers_unread = !digits::number_gaps(lines).is_empty();
    if suspects.is_empty()
        && regions.is_empty()
        && glued.is_empty()
        && date_gaps.is_empty()
        && !numbers_unread
    {
        return;
    }
    // crops: one per suspect, then one per region and tried code start
    let mut crops: Vec<Option<Gray>> = Vec::new();
    for s in &suspects {
        let crop = lines
            .get(s.line)
            .and_then(|l| l.words.get(s.word))
            .and_then(|word| {
                let (a, b) = digits::char_span(&word.text, s.start, s.len);
                let (left, width) = (f64::from(word.left), f64::from(word.width));
                // paper around the word's outer edges; where the number meets the rest of
                // the word, a quarter of a character in from it (the "/" of "L5/11/2024",
                // read digits-only, spoils the reading, and boxes run wide)
                let inner = 0.25 * width / s.total.max(1) as f64;
                let pad_left = if s.start == 0 { pad_x } else { -inner };
                let pad_right = if s.start + s.len >= s.total {
                    pad_x
                } else {
                    -inner
                };
                img.crop(
                    left + width * a - pad_left,
                    f64::from(word.top) - pad_y,
                    left + width * b + pad_right,
                    f64::from(word.top.saturating_add(word.height)) + pad_y,
                )
            });
        crops.push(crop);
    }
    // where the code starts is known in characters, not pixels: capitals are wider than the
    // junk before them, so the estimate runs long; up to three characters less are tried
    const CODE_STARTS: usize = 4;
    for r in &regions {
        let line = lines.get(r.line);
        let words = line.and_then(|l| Some((l.words.get(r.first)?, l.words.get(r.code_word)?)));
        for k in 0..CODE_STARTS {
            crops.push(words.and_then(|(first, code)| {
                let per_char = f64::from(code.width) / r.code_len.max(1) as f64;
                let est = f64::from(code.left) + per_char * r.code_at as f64;
                let bottom = (first.top.saturating_add(first.height))
                    .max(code.top.saturating_add(code.height));
                img.crop(
                    f64::from(first.left) - pad_x,
                    f64::from(first.top.min(code.top)) - pad_y,
                    est - per_char * k as f64,
                    f64::from(bottom) + pad_y,
                )
            }));
        }
    }
    // a glued day: the engine's character boxes of the word part it from its neighbours
    let mut gaps: Vec<Option<(u32, u32)>> = Vec::new();
    for g in &glued {
        let word = lines.get(g.line).and_then(|l| l.words.get(g.word));
        let gap = word.and_then(|w| {
            let ox = (f64::from(w.left) - pad_x).max(0.0).floor();
            let crop = img.crop(
                ox,
                f64::from(w.top) - pad_y,
                f64::from(w.left.saturating_add(w.width)) + pad_x,
                f64::from(w.top.saturating_add(w.height)) + pad_y,
            )?;
            let chars = engine
                .char_boxes(&crop, dpi, &settings.languages, deadline)
                .ok()?;
            let right = w.left.saturating_add(w.width);
            let (a, b) = digits::day_gap(&chars, crop.width as u32, g.ngay)?;
            // back to the page's pixels, within the word
            let to_page = |x: u32| (ox as u32).saturating_add(x).clamp(w.left, right);
            let (a, b) = (to_page(a), to_page(b));
            (b > a).then_some((a, b))
        });
        let crop = word.zip(gap).and_then(|(w, (a, b))| {
            // the word's box holds the hand's digits; a little paper above and below,
            // not the line above's underline
            let h = f64::from(w.height);
            img.crop(
                f64::from(a),
                f64::from(w.top) - 0.25 * h,
                f64::from(b),
                f64::from(w.top) + 1.25 * h,
            )
            .map(|c| c.with_margin((dpi / 20) as usize))
        });
        gaps.push(gap);
        crops.push(crop);
    }
    // a date gap: from the word before to the word after, a little paper above and more
    // below (the e-signature stamps the day lower than the line)
    let gaps_from = crops.len();
    let mut gap_boxes: Vec<Option<(u32, u32, u32, u32)>> = Vec::new();
    for g in &date_gaps {
        let found = date_gap_box(img, lines, g);
        gap_boxes.push(found);
        crops.push(found.and_then(|(x0, top, x1, h)| {
            let h = f64::from(h);
            img.crop(
                f64::from(x0),
                f64::from(top) - 0.25 * h,
                f64::from(x1),
                f64::from(top) + 1.5 * h,
            )
            .map(|c| c.with_margin((dpi / 20) as usize))
        }));
    }
    let readings = read_digit_crops(engine, &crops, dpi, settings, deadline);
    for (s, got) in suspects.iter().zip(&readings) {
        let Some((read, conf)) = digits::agreed_but_rejected(got) else {
            continue;
        };
        if let Some(w) = lines.get_mut(s.line).and_then(|l| l.words.get_mut(s.word)) {
            let orig: String = w.text.chars().skip(s.start).take(s.len).collect();
            if digits::accept(&orig, &read, conf, s.slot)
                || digits::junk_beside_digit(&orig, &read, conf, s.slot)
            {
                w.text = digits::splice(&w.text, s.start, s.len, &read);
            }
        }
    }
    // a document's number the engine read as no number, between its label and its code:
    // the hand's digits, read by the network (the line's words change at the end)
    let number_edits: Vec<(digits::NumberGap, OcrWord)> = digits::number_gaps(lines)
        .into_iter()
        .filter(|g| !regions.iter().any(|r| r.line == g.line))
        .filter_map(|g| {
            let line = lines.get(g.line)?;
            if f64::from(line.top) >= header_end {
                return None;
            }
            let (label, code) = (line.words.get(g.label)?, line.words.get(g.code)?);
            let x0 = label.left.saturating_add(label.width).saturating_add(1);
            let x1 = code.left.saturating_sub(1);
            let h = f64::from(label.height.max(code.height));
            let top = label.top.min(code.top);
            let read = hand_reading(
                img,
                (f64::from(x0), f64::from(x1)),
                f64::from(top),
                h,
                5,
                true,
            )?;
            // the digits the page reading saw kept, unless it read them weakly (a hand's
            // 517 read "2/Z" at 43: the engine's guess, no evidence against the network)
            let between = line.words.get(g.label + 1..g.code);
            let weak = between.is_some_and(|ws| ws.iter().all(|w| w.conf < digits::DOUBT_CONF));
            // a word the engine gave no confidence: its own "no reading"
            let rejected = between.is_some_and(|ws| ws.iter().any(|w| w.conf < 1.0));
            let accept = digits::hand_number_accept(&read, &g.middle, weak, rejected);
            let word = OcrWord {
                text: read.digits,
                conf: digits::MIN_GLUED_CONF,
                left: x0,
                top,
                width: x1.saturating_sub(x0),
                height: label.height.max(code.height),
            };
            accept.then_some((g, word))
        })
        .collect();
    let glued_from = suspects.len() + regions.len() * CODE_STARTS;
    let glued_readings = readings.get(glued_from..gaps_from).unwrap_or(&[]);
    let gap_readings = readings.get(gaps_from..).unwrap_or(&[]);
    let region_readings = readings.get(suspects.len()..glued_from).unwrap_or(&[]);
    for (r, got) in regions.iter().zip(region_readings.chunks(CODE_STARTS)) {
        if !got.iter().any(|g| digits::confirmed(g, &r.seen)) {
            continue;
        }
        if let Some(line) = lines.get_mut(r.line) {
            for (k, w) in line.words.iter_mut().enumerate() {
                if k == r.first {
                    w.text.clone_from(&r.seen);
                } else if k == r.code_word {
                    // the symbol's "/" the stamp printed over
                    let rest: String = w.text.chars().skip(r.code_at).collect();
                    w.text = format!("/{rest}");
                } else if k > r.first && k < r.code_word {
                    w.text.clear();
                }
            }
            line.words.retain(|w| !w.text.is_empty());
        }
    }
    // the words split or put in last, later words first (a split or a word put in moves the
    // indices after it); not on a line a region's words were removed from (its indices
    // moved)
    enum Edit<'a> {
        /// A glued day split at pixels (a, b) with the day read.
        Split(&'a digits::GluedDay, (u32, u32), String),
        /// A date gap (box: left, top, right, height) with the day or month read.
        Gap(&'a digits::DateGap, (u32, u32, u32, u32), String),
        /// A number gap with the word the network read there.
        Number(digits::NumberGap, OcrWord),
    }
    let mut edits: Vec<((usize, usize), Edit)> = Vec::new();
    for ((g, gap), got) in glued.iter().zip(&gaps).zip(glued_readings) {
        if regions.iter().any(|r| r.line == g.line) {
            continue;
        }
        let read = digits::glued_day_read(got).or_else(|| digits::seen_day_read(got, &g.seen));
        if let (Some(gap), Some(read)) = (gap, read) {
            edits.push(((g.line, g.word), Edit::Split(g, *gap, read)));
        }
    }
    for ((g, b), got) in date_gaps.iter().zip(&gap_boxes).zip(gap_readings) {
        if regions.iter().any(|r| r.line == g.line) {
            continue;
        }
        let Some(b) = b else {
            continue;
        };
        let (x0, top, x1, h) = *b;
        // what the engine cannot read there may be written in by hand
        // read once, and only when a rule below asks (most gaps the engine's framings settle)
        let net_cell = std::cell::OnceCell::new();
        let net_read = || {
            net_cell
                .get_or_init(|| {
                    hand_reading(
                        img,
                        (f64::from(x0), f64::from(x1)),
                        f64::from(top),
                        f64::from(h),
                        2,
                        false,
                    )
                })
                .as_ref()
        };
        let hand = || {
            let read = net_read()?;
            (digits::hand_accept(read, g.slot, got)
                && read.digits != g.middle
                && digits::keeps_seen(&read.digits, &g.middle))
            .then(|| read.digits.clone())
        };
        let more = |read: &String| digits::says_more(read, g);
        let first_conf = || {
            lines
                .get(g.line)
                .and_then(|l| l.words.get(g.before + 1))
                .map(|w| w.conf)
        };
        // a weak lone number both second readers read otherwise
        let outvoted = || digits::outvoted(got, g, first_conf()?, net_read()?);
        // the network certain of a hand's digits, over readings of print
        let certain = || digits::net_certain(g, first_conf().unwrap_or(0.0), got, net_read()?);
        if let Some(read) = certain()
            .or_else(|| digits::gap_read(got, g).filter(more))
            .or_else(|| hand().filter(more))
            .or_else(outvoted)
        {
            edits.push(((g.line, g.before + 1), Edit::Gap(g, *b, read)));
        } else if digits::read_in_part(g, got, net_read()) || digits::contested(got, g) {
            // a lone digit where the network sees more, or the second look confidently
            // other digits: unreadable, not that digit
            edits.push(((g.line, g.before + 1), Edit::Gap(g, *b, "[?]".to_string())));
        }
    }
    // the numbers with them: a header's number and date often stand on one line (two
    // columns read as one), and the edits are made from the line's end, so that each
    // leaves the words before it where they were
    for (g, word) in number_edits {
        edits.push(((g.line, g.label + 1), Edit::Number(g, word)));
    }
    edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (_, edit) in edits {
        match edit {
            Edit::Number(g, word) => {
                if let Some(line) = lines.get_mut(g.line) {
                    if g.code <= line.words.len() {
                        line.words.splice(g.label + 1..g.code, [word]);
                    }
                }
            }
            Edit::Split(g, (a, b), day) => {
                if let Some(line) = lines.get_mut(g.line) {
                    split_glued_day(line, g, a, b, &day);
                }
            }
            Edit::Gap(g, b, read) => {
                if let Some(line) = lines.get_mut(g.line) {
                    put_gap_reading(line, g, b, read);
                }
            }
        }
    }
}

/// The day or month `read` in date gap `g` (box: left, top, right, height) put in `line`:
/// in the gap's word or words, or as a word of its own where none was read.
fn put_gap_reading(
    line: &mut OcrLine,
    g: &digits::DateGap,
    (x0, top, x1, h): (u32, u32, u32, u32),
    read: String,
) {
    // the keywords lose the junk read into them on the gap's side, and their boxes its
    // share of the characters: it was the gap's ink, now read
    let (key_before, key_after) = g.keywords();
    for (k, key, leading) in [(g.before, key_before, false), (g.after, key_after, true)] {
        if let Some(w) = line.words.get_mut(k) {
            let (clean, junk) = digits::keyword_junk(&w.text, key, leading);
            if junk.is_empty() {
                continue;
            }
            let n = w.text.chars().count() as u32;
            let cut = w.width.saturating_mul(junk.chars().count() as u32) / n.max(1);
            w.width = w.width.saturating_sub(cut);
            if leading {
                w.left = w.left.saturating_add(cut);
            }
            w.text = clean;
        }
    }
    // the reading's box: the gap's, moved a space off the keyword before it (the gap may
    // reach into that keyword's box) where the gap is that wide
    let x0 = line
        .words
        .get(g.before)
        .map(|b| b.left.saturating_add(b.width).saturating_add(h / 4))
        .filter(|&spaced| spaced > x0 && spaced.saturating_add(h / 4) < x1)
        .unwrap_or(x0);
    let word = tesseract::OcrWord {
        text: read,
        conf: digits::MIN_GLUED_CONF,
        left: x0,
        top,
        width: x1.saturating_sub(x0).max(1),
        height: h,
    };
    if g.after == g.before + 1 {
        if g.after <= line.words.len() {
            line.words.insert(g.after, word);
        }
    } else if let Some(w) = line.words.get_mut(g.before + 1) {
        // the word read there (a digit, or a garbled one the second look may have put
        // right in part); two words read there (a digit and junk, two pieces): both
        *w = word;
        if g.after == g.before + 3 && g.before + 2 < line.words.len() {
            line.words.remove(g.before + 2);
        }
    }
}

/// The document's number as the page reading read it, weakly, where the digit network reads
/// other digits: a number written in by hand that the engine took for print ("2" for a
/// hand's 5, its favourite guess). Neither reading is evidence enough against the other, so
/// the digits become "[?]" and the number is reported unreadable rather than wrong.
///
/// Only the header's number ([`digits::header_number`]: a "Số:" label in the top two fifths
/// of the page), only a reading below [`digits::DOUBT_CONF`], and only a network reading
/// that passes [`digits::hand_sure`] on every digit and differs from the engine's where both
/// have digits (one that stops early, at a piece it cannot read, says nothing of the rest).
fn doubt_header_numbers(img: &Gray, lines: &mut [OcrLine]) {
    let header_end = img.height as f64 * 0.4;
    let Some(net) = hand::net() else {
        return;
    };
    for hn in digits::header_number(lines) {
        let Some(line) = lines.get(hn.line) else {
            continue;
        };
        if f64::from(line.top) >= header_end {
            continue;
        }
        let (Some(label), Some(word)) = (line.words.get(hn.label), line.words.get(hn.label + 1))
        else {
            continue;
        };
        if word.conf >= digits::DOUBT_CONF {
            continue;
        }
        let h = f64::from(label.height.max(word.height));
        let x0 = f64::from(label.left.saturating_add(label.width)) + 1.0;
        let right = f64::from(word.left.saturating_add(word.width));
        // the number alone: to the word's end, or up to the code word after it
        let x1 = if hn.glued {
            right
        } else {
            line.words
                .get(hn.label + 2)
                .map_or(right + 0.3 * h, |c| f64::from(c.left) - 1.0)
                .min(right + 0.3 * h)
        };
        let top = f64::from(label.top.min(word.top));
        let read = img
            .crop(x0, top - 0.6 * h, x1, top + 1.3 * h)
            .and_then(|c| hand::read_leading_digits(net, &c, h, 6));
        let Some(read) = read else {
            continue;
        };
        let n = hn.digits.len().min(read.digits.len());
        if digits::hand_sure(&read) && hn.digits.get(..n) != read.digits.get(..n) {
            if let Some(w) = lines
                .get_mut(hn.line)
                .and_then(|l| l.words.get_mut(hn.label + 1))
            {
                let rest: String = w.text.chars().skip(hn.digits.len()).collect();
                w.text = format!("[?]{rest}");
            }
        }
    }
}

/// At most this many lines a page are looked at for a dropped number label.
const MAX_LABEL_REREADS: usize = 2;

/// A number label the engine's layout analysis dropped ([`digits::label_dropped`]: the line
/// starts at the hand's digit or at the symbol's code) is looked for where it stands, left
/// of the line's first word: the strip there, five of the line's median word heights wide
/// and a third of one taller than the line's print above and below, is read as one line,
/// and a word there that is a number label ("Số:") goes in front of the line, in its place,
/// so that the number and its gap are read as on any header ([`digits::number_gaps`]). Only in the top two fifths of the page, where the header
/// stands, and where the strip holds ink; the rest of what it reads (the hand's digit as
/// the engine guesses it) is left out. A citation wrapped onto a line ("12/QĐ-BXD ngày")
/// has the margin to its left.
fn recover_dropped_labels(
    engine: &Tesseract,
    img: &Gray,
    dpi: u32,
    settings: &OcrSettings,
    lines: &mut [OcrLine],
    deadline: Instant,
) {
    let header_end = img.height as f64 * 0.4;
    let margin = (dpi / 20) as usize;
    let found: Vec<(usize, OcrWord)> = digits::label_dropped(lines)
        .into_iter()
        .filter(|&li| lines.get(li).is_some_and(|l| f64::from(l.top) < header_end))
        .take(MAX_LABEL_REREADS)
        .filter_map(|li| {
            let line = lines.get(li)?;
            let first = line.words.first()?;
            let (top, bottom) = print_extent(line);
            let h = f64::from(median_word_height(line)).max(1.0);
            let x1 = f64::from(first.left) - 1.0;
            let x0 = (x1 - 5.0 * h).max(0.0).floor();
            let y0 = (f64::from(top) - 0.3 * h).max(0.0).floor();
            let strip = img.crop(x0, y0, x1, f64::from(bottom) + 0.3 * h)?;
            if strip.ink_share() < 0.002 {
                return None;
            }
            let read = engine
                .recognize(
                    &strip.with_margin(margin),
                    dpi,
                    &settings.languages,
                    7,
                    deadline,
                )
                .ok()?;
            let label = read
                .iter()
                .flat_map(|l| &l.words)
                .rev()
                .find(|w| digits::is_number_label(&w.text))?;
            let back = |v: u32, origin: f64| {
                (origin as u32).saturating_add(v.saturating_sub(margin as u32))
            };
            let word = OcrWord {
                text: label.text.clone(),
                conf: label.conf,
                left: back(label.left, x0),
                top: back(label.top, y0),
                width: label.width,
                height: label.height,
            };
            (word.left.saturating_add(word.width) <= first.left).then_some((li, word))
        })
        .collect();
    for (li, word) in found {
        if let Some(line) = lines.get_mut(li) {
            line.words.insert(0, word);
        }
    }
}

/// The handwritten-digit network's reading ([`hand::read_gap_digits`]) of the pixels
/// `x0..x1` of a line whose printed words stand at `top` and are `h` high, in a band taller
/// than the engine's crop: a hand writes larger than print, and above the line. `whole_gap`
/// when `x0..x1` is the whole gap between two words (a number's: from its label to its
/// code), not a part cut into a keyword's box (a date's may be).
fn hand_reading(
    img: &Gray,
    (x0, x1): (f64, f64),
    top: f64,
    h: f64,
    max_digits: usize,
    whole_gap: bool,
) -> Option<hand::HandRead> {
    let net = hand::net()?;
    let crop = img.crop(x0, top - 0.6 * h, x1, top + 1.3 * h)?;
    hand::read_gap_digits(net, &crop, h, max_digits, whole_gap)
}

/// At most this many lines a page are looked at for a number stamped above them.
const MAX_STAMPED: usize = 2;

/// A document's number stamped above its line by a numbering machine (or written there),
/// which the page reading runs into the label and the code ("số ÊÖ5CT-ATMT" for 2265 over
/// "Số: /BCT-ATMT"), or reads in part ("1" of 4718, confidently, twice): on a header's
/// number line whose number was not read as typed ([`digits::label_lines`], the top two
/// fifths of the page), the network reads the pieces raised above the line
/// ([`raised_reading`]). Taken when it is certain of every digit ([`digits::hand_certain`]),
/// the digits fit a number and keep those the page reading saw there; the line is then
/// read again by the engine with the stamp painted out, for the code's letters it covered
/// ([`digits::uncovered_code`]), and, when the code is shaped as one
/// ([`digits::code_shaped`]), its words from the label to the code become "Số:", the
/// number and the code. The number goes in at [`digits::DOUBT_CONF`]: no second reader
/// doubts it later ([`doubt_header_numbers`]). Runs before the second looks at gaps and
/// regions, which then find a typed number there and leave it.
fn read_stamped_numbers(
    engine: &Tesseract,
    img: &Gray,
    dpi: u32,
    settings: &OcrSettings,
    lines: &mut [OcrLine],
    deadline: Instant,
) {
    let header_end = img.height as f64 * 0.4;
    let margin = (dpi / 20) as usize;
    let found: Vec<(digits::LabelLine, String, String)> = digits::label_lines(lines)
        .into_iter()
        .filter(|l| {
            lines
                .get(l.line)
                .is_some_and(|x| f64::from(x.top) < header_end)
        })
        .take(MAX_STAMPED)
        .filter_map(|l| {
            let line = lines.get(l.line)?;
            let (label, code) = (line.words.get(l.label)?, line.words.get(l.code_word)?);
            let per_char = f64::from(code.width) / code.text.chars().count().max(1) as f64;
            // to the end of the code's first letter: the stamp's last digit stands on the "/"
            let right = f64::from(code.left) + per_char * (l.code_at + 1) as f64;
            let (read, clean) = raised_reading(img, label, code, right)?;
            let taken = digits::hand_certain(&read)
                && digits::keeps_seen(&read.digits, &l.seen)
                && digits::hand_fits(&read.digits, digits::Slot::Number, &[]);
            if !taken {
                return None;
            }
            let first: String = code.text.chars().skip(l.code_at).collect();
            let again = engine
                .recognize(
                    &clean.with_margin(margin),
                    dpi,
                    &settings.languages,
                    7,
                    deadline,
                )
                .unwrap_or_default();
            let words: Vec<&str> = again
                .iter()
                .flat_map(|l| &l.words)
                .map(|w| w.text.as_str())
                .collect();
            let code_text = digits::uncovered_code(&words, &first).unwrap_or(first);
            // a code misread as well ("/qp-BXD"): no symbol to put the number in
            digits::code_shaped(&code_text).then_some((l, read.digits, code_text))
        })
        .collect();
    for (l, number, code_text) in found {
        let Some(line) = lines.get_mut(l.line) else {
            continue;
        };
        let (Some(label), Some(code)) = (
            line.words.get(l.label).cloned(),
            line.words.get(l.code_word).cloned(),
        ) else {
            continue;
        };
        let after_label = label.left.saturating_add(label.width).saturating_add(1);
        let words = [
            OcrWord {
                text: "Số:".to_string(),
                ..label.clone()
            },
            OcrWord {
                text: number,
                conf: digits::DOUBT_CONF,
                left: after_label,
                top: label.top.min(code.top),
                width: code.left.saturating_sub(after_label).saturating_sub(1),
                height: label.height.max(code.height),
            },
            OcrWord {
                text: format!("/{code_text}"),
                ..code
            },
        ];
        line.words.splice(l.label..=l.code_word, words);
    }
}

/// A document number stamped or written above its line, read by the network
/// ([`hand::raised_pieces`]), between the left of the `label` word and `right`: the
/// line's capitals found from the symbol's `code` word ([`code_caps`]), the crop reaching
/// up a capital's height and a half above them (not the header's line above). With the
/// reading, the printed line from the label to the code's end with the raised pieces
/// painted out (a third of a capital's height of paper above and below), for the engine to
/// read what they covered.
fn raised_reading(
    img: &Gray,
    label: &OcrWord,
    code: &OcrWord,
    right: f64,
) -> Option<(hand::HandRead, Gray)> {
    let net = hand::net()?;
    let (cap_top, baseline) = code_caps(img, code)?;
    let cap = baseline - cap_top;
    let top = cap_top.saturating_sub(cap * 3 / 2);
    let left = f64::from(label.left);
    let crop = img.crop(left, f64::from(top), right, f64::from(baseline))?;
    let pieces = hand::raised_pieces(&crop, (cap_top - top) as usize, (baseline - top) as usize);
    let masks: Vec<hand::Mask> = pieces.iter().map(|p| p.mask.clone()).collect();
    let read = hand::read_pieces(net, &masks, 6)?;
    let line_top = cap_top.saturating_sub(cap / 3);
    let mut line = img.crop(
        left,
        f64::from(line_top),
        f64::from(code.left.saturating_add(code.width)) + f64::from(cap / 2),
        f64::from(baseline + cap / 3),
    )?;
    // the crop's pixels in the line's: the same left, rows moved by the tops' difference
    let dy = (line_top - top) as usize;
    for p in &pieces {
        for y in 0..p.mask.height {
            for x in 0..p.mask.width {
                let inked = p
                    .mask
                    .data
                    .get(y * p.mask.width + x)
                    .copied()
                    .unwrap_or(false);
                let (lx, ly) = (p.left + x, (p.top + y).checked_sub(dy));
                if let (true, Some(ly)) = (inked, ly) {
                    line.fill_rect(
                        lx as f64 - 1.0,
                        ly as f64 - 1.0,
                        lx as f64 + 2.0,
                        ly as f64 + 2.0,
                        255,
                    );
                }
            }
        }
    }
    Some((read, line))
}

/// The rows of a symbol code's capitals on the page: the top row of their ink and the row
/// after their foot. Measured in the right third of the code word's box (a number stamped
/// or written over the code's start stands left of it), as the unbroken run of inked rows
/// through the row with the most ink: a code is capitals with no marks ("BCT-ATMT",
/// "QĐ-UBND"), so the run is the capitals' height. `None` when the run is shorter than a
/// quarter of the box's height.
fn code_caps(img: &Gray, code: &OcrWord) -> Option<(u32, u32)> {
    let x0 = code.left.saturating_add(code.width.saturating_mul(2) / 3);
    let x1 = code.left.saturating_add(code.width);
    let y0 = code.top.saturating_sub(code.height / 2);
    let band = img.crop(
        f64::from(x0),
        f64::from(y0),
        f64::from(x1),
        f64::from(code.top.saturating_add(code.height.saturating_mul(3) / 2)),
    )?;
    let thr = band.otsu();
    let counts: Vec<usize> = band
        .data
        .chunks(band.width.max(1))
        .map(|row| row.iter().filter(|&&v| v <= thr).count())
        .collect();
    let (peak, &most) = counts.iter().enumerate().max_by_key(|(_, &c)| c)?;
    if most == 0 {
        return None;
    }
    let inked = |y: &usize| counts.get(*y).is_some_and(|&c| c > 0);
    let first = (0..=peak).rev().take_while(inked).last()?;
    let end = (peak..counts.len()).take_while(inked).last()? + 1;
    let (top, bottom) = (y0 + first as u32, y0 + end as u32);
    (4 * (bottom - top) >= code.height).then_some((top, bottom))
}

/// The box (left, top, right, height) of a date gap's ink on the page: from the word before
/// it ("ngày") to the word after ("tháng"), widened where the engine's boxes ran over the
/// hand's digits:
/// - to the left edge of a word the engine read in the gap, when that starts inside the
///   keyword's box;
/// - into a keyword whose box is a fifth wider than the same word's elsewhere on the page
///   ([`digits::usual_width`]), scaled by the line's size (another keyword of the line,
///   "năm" or "ngày", against its own usual width), by the excess, on the gap's side
///   ("ngày" boxed with a "1" written close after it);
/// - into a keyword read with junk on the gap's side ("*tháng"), by the junk's share of its
///   characters;
/// - off a stroke an edge stands on, to the side the stroke does not belong to
///   ([`paper_edges`]).
///
/// `None` when the gap is narrower than a quarter of the line's height.
fn date_gap_box(
    img: &Gray,
    lines: &[OcrLine],
    g: &digits::DateGap,
) -> Option<(u32, u32, u32, u32)> {
    let line = lines.get(g.line)?;
    let (b, a) = (line.words.get(g.before)?, line.words.get(g.after)?);
    let inner_left = line
        .words
        .get(g.before + 1..g.after)
        .and_then(|ws| ws.iter().map(|w| w.left).min());
    let after_before = b.left.saturating_add(b.width).saturating_add(1);
    let x0 = inner_left
        .filter(|&l| l > b.left)
        .map_or(after_before, |l| after_before.min(l.saturating_sub(1)));
    let x1 = a.left.saturating_sub(1);
    // the line's own size against the page's: another keyword of the date ("năm", else
    // "ngày") beside no gap, against its usual width (a header typed larger than the body)
    let scale = line
        .words
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != g.before && k != g.after)
        .find_map(|(_, w)| {
            let t = w.text.to_lowercase();
            let u = ["năm", "ngày"]
                .contains(&t.as_str())
                .then(|| digits::usual_width(lines, &t, g.line))??;
            Some(f64::from(w.width) / f64::from(u.max(1)))
        });
    let usual = |w: &OcrWord| {
        let u = f64::from(digits::usual_width(lines, &w.text.to_lowercase(), g.line)?) * scale?;
        (f64::from(w.width) > 1.2 * u).then_some(u.round() as u32)
    };
    let x0 = usual(b).map_or(x0, |u| x0.min(b.left.saturating_add(u)));
    let x1 = usual(a).map_or(x1, |u| x1.max(a.left.saturating_add(a.width - u)));
    // junk read into a keyword on the gap's side ("*tháng": the hand's "4"; "ngàyÖ"), by its
    // share of the word's characters
    let (key_before, key_after) = g.keywords();
    let junk = |w: &OcrWord, key: &str, leading: bool| {
        let n = w.text.chars().count() as u32;
        let k = digits::keyword_junk(&w.text, key, leading)
            .1
            .chars()
            .count() as u32;
        (k > 0)
            .then(|| w.width.saturating_mul(k).checked_div(n))
            .flatten()
    };
    let x0 = junk(b, key_before, false).map_or(x0, |j| {
        x0.min(b.left.saturating_add(b.width.saturating_sub(j)))
    });
    let x1 = junk(a, key_after, true).map_or(x1, |j| x1.max(a.left.saturating_add(j)));
    let h = b.height.max(a.height);
    let top = b.top.min(a.top);
    let (x0, x1) = paper_edges(img, (x0, x1), top, h);
    (x1 > x0 + h / 4).then_some((x0, top, x1, h))
}

/// The edges `x0`, `x1` of a gap on a line (`top`, height `h`) moved off any stroke they
/// stand on, to the nearest column of paper at most half the line's height away (see
/// [`Gray::paper_column`]; ink is what Otsu's threshold over the band calls ink). A stroke
/// belongs to the side that holds most of its piece's ink ([`ink_mostly_left`]): the edge
/// moves to the piece's other side (the keyword's last letter the engine's box cut off is
/// left to the keyword; the hand's "1" a box ran over, given to the gap). An edge that
/// finds no paper stays.
fn paper_edges(img: &Gray, (x0, x1): (u32, u32), top: u32, h: u32) -> (u32, u32) {
    let (y0, y1) = (top as usize, top.saturating_add(h) as usize);
    let reach = (h / 2) as usize;
    let band = img.crop(
        f64::from(x0.saturating_sub(h)),
        y0 as f64,
        f64::from(x1.saturating_add(h)),
        y1 as f64,
    );
    let Some(ink) = band.map(|b| b.otsu()) else {
        return (x0, x1);
    };
    let off = |x: u32| {
        let Some(left) = ink_mostly_left(img, x as usize, (y0, y1), reach, ink) else {
            return x;
        };
        img.paper_column(x as usize, y0, y1, !left, reach, ink)
            .and_then(|c| u32::try_from(c).ok())
            .unwrap_or(x)
    };
    (off(x0), off(x1))
}

/// Whether the pieces of ink that cross column `x` within rows `y0..y1` hold more of their
/// ink left of it than right, looking `reach` columns either way; `None` when no piece
/// crosses it (the column is paper).
fn ink_mostly_left(
    img: &Gray,
    x: usize,
    (y0, y1): (usize, usize),
    reach: usize,
    ink: u8,
) -> Option<bool> {
    let (a, b) = (x.saturating_sub(reach), (x + reach + 1).min(img.width));
    let (y0, y1) = (y0.min(img.height), y1.min(img.height));
    if x >= b || y1 <= y0 {
        return None;
    }
    let (w, h) = (b - a, y1 - y0);
    let mask: Vec<bool> = (y0..y1)
        .flat_map(|y| (a..b).map(move |c| (c, y)))
        .map(|(c, y)| img.data.get(y * img.width + c).is_some_and(|&v| v <= ink))
        .collect();
    let at = x - a;
    let (mut left, mut right, mut crossed) = (0usize, 0usize, false);
    for comp in hand::components(&mask, w, h) {
        if comp.x0 > at || comp.x1 < at || !comp.pixels.iter().any(|p| p.0 == at) {
            continue;
        }
        crossed = true;
        left += comp.pixels.iter().filter(|p| p.0 < at).count();
        right += comp.pixels.iter().filter(|p| p.0 > at).count();
    }
    crossed.then_some(left > right)
}

/// The glued word of `g` parted into "ngày", the `day` read between pixels `a` and `b`,
/// and "tháng" when the word went on with it.
fn split_glued_day(line: &mut tesseract::OcrLine, g: &digits::GluedDay, a: u32, b: u32, day: &str) {
    let Some(w) = line.words.get(g.word).cloned() else {
        return;
    };
    let right = w.left.saturating_add(w.width);
    let mut parts = Vec::new();
    if g.ngay {
        parts.push(tesseract::OcrWord {
            text: w.text.chars().take(4).collect(),
            // a pixel of paper between the parts: the layout's word space
            width: a.saturating_sub(w.left).saturating_sub(1),
            ..w.clone()
        });
    }
    parts.push(tesseract::OcrWord {
        text: day.to_string(),
        left: a,
        width: b.saturating_sub(a).saturating_sub(1),
        ..w.clone()
    });
    if g.thang {
        parts.push(tesseract::OcrWord {
            text: "tháng".to_string(),
            left: b,
            width: right.saturating_sub(b),
            ..w
        });
    }
    line.words.splice(g.word..=g.word, parts);
}

/// Digits-only readings of each crop (`None`: none), in every framing of [`SCALES`] × psm
/// 7 and 8; one engine process per psm for all crops.
fn read_digit_crops(
    engine: &Tesseract,
    crops: &[Option<Gray>],
    dpi: u32,
    settings: &OcrSettings,
    deadline: Instant,
) -> Vec<Vec<(String, f32)>> {
    let mut pages: Vec<(Gray, u32)> = Vec::new();
    let mut index: Vec<Vec<usize>> = Vec::new(); // crop -> its pages
    for crop in crops {
        let mut mine = Vec::new();
        if let Some(c) = crop {
            for f in SCALES {
                mine.push(pages.len());
                pages.push((c.scale(f), (f64::from(dpi) * f).round() as u32));
            }
        }
        index.push(mine);
    }
    let mut out: Vec<Vec<(String, f32)>> = vec![Vec::new(); crops.len()];
    if pages.is_empty() {
        return out;
    }
    let tiff = gray::tiff_pages(&pages);
    // the two modes at once: each is a short process, most of it the engine's start, and
    // the page's other work waits on them
    let read = |psm: u8| engine.recognize_digit_pages(&tiff, &settings.languages, psm, deadline);
    let (line, word) = std::thread::scope(|s| {
        let word = s.spawn(|| read(8));
        let line = read(7);
        (line, word.join())
    });
    // a word reading counts only beside a line reading, as when they ran one after the other
    let Ok(line) = line else {
        return out;
    };
    let word = match word {
        Ok(Ok(w)) => Some(w),
        _ => None,
    };
    for read in std::iter::once(line).chain(word) {
        for (crop, mine) in index.iter().enumerate() {
            for &p in mine {
                if let (Some(Some(r)), Some(o)) = (read.get(p), out.get_mut(crop)) {
                    o.push(r.clone());
                }
            }
        }
    }
    out
}

/// Read one page image whose pixels are `dpi` per inch and whose text is upright after
/// `quarters` clockwise quarter turns (from the page's /Rotate and the image placement).
/// When the reading is poor, Tesseract's orientation detection may turn it further.
pub fn ocr_page(
    engine: &Tesseract,
    img: &Gray,
    dpi: f64,
    quarters: u32,
    settings: &OcrSettings,
    deadline: Instant,
) -> Result<PageOcr, OcrError> {
    let dpi = if dpi.is_finite() && dpi >= 20.0 {
        dpi
    } else {
        200.0
    };
    // turned only when it must be (the page is large: a copy of it costs)
    let upright: Cow<Gray> = if quarters.is_multiple_of(4) {
        Cow::Borrowed(img)
    } else {
        Cow::Owned(img.rotate_cw(quarters))
    };
    if upright.ink_share() < 0.0005 {
        // a blank page (or the back of a sheet): nothing to read, no engine run
        return Ok(PageOcr {
            turned: quarters % 4,
            size: (
                upright.width as f64 * 72.0 / dpi,
                upright.height as f64 * 72.0 / dpi,
            ),
            ..Default::default()
        });
    }
    // (a bilevel scan stays one when its sheet is mapped back to a rectangle: the samples
    // between black and white are the mapping's, not the scanner's)
    let bilevel = upright.is_bilevel();
    // The desk around a photographed sheet, a copier's lid around a small one: white, and
    // a sheet photographed at a slant mapped back to a rectangle. A resolution taken from
    // the picture as if it were an A4 page ([`page_dpi`]) is the sheet's.
    let (upright, dpi) = match sheet::straighten(&upright) {
        Some((plain, sheet_long)) => {
            let long = upright.width.max(upright.height) as f64;
            let assumed_a4 = (dpi - long / A4_LONG).abs() < 0.5;
            let dpi = if assumed_a4 && sheet_long > 0 {
                (sheet_long as f64 / A4_LONG).clamp(50.0, 1200.0)
            } else {
                dpi
            };
            (Cow::Owned(plain), dpi)
        }
        None => (upright, dpi),
    };
    // A page fed or photographed askew is levelled before anything reads it: the engine
    // copes with a degree or two, but the layout groups words into lines by their height
    // on the page, and ruling lines are found as horizontal and vertical runs.
    let upright = match upright.skew_angle() {
        Some(a) if a.abs() >= MIN_DESKEW => Cow::Owned(upright.rotate_deg(a)),
        _ => upright,
    };
    // Uneven light (a phone photo under a lamp) made even, so that one threshold fits the
    // whole page: blocks of a quarter inch hold more paper than ink.
    let upright = match upright.even_light((dpi / 4.0).round() as usize) {
        Some(even) => Cow::Owned(even),
        None => upright,
    };
    // A bilevel scan (CCITT fax, 1-bit) has no gray edges to guide the engine: thin strokes
    // such as the "/" of a symbol are lost below 300 dpi, so it is enlarged to that at least.
    let target = if bilevel {
        settings.dpi.max(300)
    } else {
        settings.dpi
    };
    let factor = scale_for(dpi, target);
    let sdpi = (dpi * factor).round() as u32;
    // Ruling lines are found first and erased from what the engine sees: a cell border
    // next to a word is otherwise read as "/" or "|".
    let (mut rules, mut read_img) = rules_and_read_image(&upright, dpi, factor);
    let mut lines = engine.recognize(&read_img, sdpi, &settings.languages, 3, deadline)?;
    let mut extra = 0u32;
    if !good_enough(&lines) {
        if let Some((rot, conf)) = engine.orientation(&read_img, sdpi, deadline)? {
            if rot != 0 && conf >= 3.0 {
                let turned_img = upright.rotate_cw(rot / 90);
                let (r2, turned_scaled) = rules_and_read_image(&turned_img, dpi, factor);
                let again =
                    engine.recognize(&turned_scaled, sdpi, &settings.languages, 3, deadline)?;
                // a sideways page takes the turn outright; a poor reading only when the
                // turned one reads better
                if sideways(&lines) || score(&again) > score(&lines) {
                    lines = again;
                    extra = rot / 90;
                    rules = r2;
                    read_img = turned_scaled;
                }
            }
        }
    }
    drop_flat_words(&mut lines);
    reread_numbers(engine, &read_img, sdpi, settings, &mut lines, deadline);
    doubt_header_numbers(&read_img, &mut lines);
    digits::join_split_dates(&mut lines);
    // the page's size as read (a quarter turn more swaps its sides)
    let (final_w, final_h) = if extra % 2 == 1 {
        (upright.height, upright.width)
    } else {
        (upright.width, upright.height)
    };
    let to_pt_scaled = 72.0 / (dpi * factor);
    let to_pt = 72.0 / dpi;
    let mean_conf = mean_confidence(&lines);
    let corrected = post_correct_page(&lines.iter().map(|l| l.words.clone()).collect::<Vec<_>>());
    let page_lines = lines
        .iter()
        .zip(corrected)
        .map(|(l, texts)| (l, print_extent(l), texts))
        .map(|(l, (top, bottom), texts)| PageLine {
            top: f64::from(top) * to_pt_scaled,
            bottom: f64::from(bottom) * to_pt_scaled,
            words: l
                .words
                .iter()
                .zip(texts)
                .map(|(w, text)| PageWord {
                    text: vietnamese_letters(&text),
                    conf: w.conf,
                    x0: f64::from(w.left) * to_pt_scaled,
                    x1: f64::from(w.left.saturating_add(w.width)) * to_pt_scaled,
                })
                .collect(),
        })
        .collect();
    Ok(PageOcr {
        lines: page_lines,
        rules: rules::table_rules(&rules, dpi)
            .into_iter()
            .map(|r| Rule {
                x0: r.x0 * to_pt,
                y0: r.y0 * to_pt,
                x1: r.x1 * to_pt,
                y1: r.y1 * to_pt,
            })
            .collect(),
        mean_conf,
        turned: (quarters + extra) % 4,
        size: (final_w as f64 * to_pt, final_h as f64 * to_pt),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code word's box that runs up over a stamp at its start: the capitals' rows are
    /// measured in its right third, where the stamp does not reach.
    #[test]
    fn code_caps_are_the_capitals_rows_not_the_stamps() {
        let mut img = Gray::new(400, 200);
        // the stamp's digit over the code's start, rows 40..90
        img.fill_rect(100.0, 40.0, 120.0, 90.0, 0);
        // capitals from row 70 to row 100, across the word
        for x in (110..380).step_by(30) {
            img.fill_rect(f64::from(x), 70.0, f64::from(x) + 18.0, 100.0, 0);
        }
        let code = OcrWord {
            text: "5CT-ATMT".into(),
            conf: 40.0,
            left: 100,
            top: 40,
            width: 290,
            height: 60,
        };
        assert_eq!(code_caps(&img, &code), Some((70, 100)));
        // no ink in its right third: nothing to measure
        let blank = Gray::new(400, 200);
        assert_eq!(code_caps(&blank, &code), None);
    }

    fn word(text: &str, conf: f32) -> OcrWord {
        OcrWord {
            text: text.into(),
            conf,
            left: 0,
            top: 0,
            width: 10,
            height: 10,
        }
    }

    /// A header line "Số: <number> /NQ-CP" at y = 100, 24 px high, whose number word (read
    /// `read` at `conf`) stands over a hand's digit `drawn` (a reference piece).
    fn header_with_hand(read: &str, conf: f32, drawn: usize) -> (Gray, Vec<OcrLine>) {
        let refs = hand::tests::reference_pieces();
        let piece = &refs.iter().find(|r| r.1 == drawn).expect("piece").0;
        let mut img = Gray::new(400, 600);
        hand::tests::draw(&mut img, piece, 70, 98);
        let at = |text: &str, conf: f32, left: u32, width: u32| OcrWord {
            text: text.into(),
            conf,
            left,
            top: 100,
            width,
            height: 24,
        };
        let line = OcrLine {
            left: 10,
            top: 100,
            width: 250,
            height: 24,
            words: vec![
                at("Số:", 96.0, 10, 40),
                at(read, conf, 66, 26),
                at("/NQ-CP", 95.0, 110, 80),
            ],
        };
        (img, vec![line])
    }

    /// A date line at y = 100, 30 px high: "ngày" inked over 100..170, a hand's "1" over
    /// 178..184 and "6" over 195..215, "tháng" over 260..330; the engine's words
    /// `(text, left, width)`; and, when `body`, a line of citations whose "ngày" are 70 and
    /// 72 px wide, its "năm" 50.
    fn date_line(words: &[(&str, u32, u32)], body: bool) -> (Gray, Vec<OcrLine>, digits::DateGap) {
        let mut img = Gray::new(500, 300);
        for x in [100.0, 118.0, 136.0, 154.0] {
            img.fill_rect(x, 108.0, x + 14.0, 128.0, 0);
        }
        img.fill_rect(178.0, 100.0, 184.0, 130.0, 0);
        img.fill_rect(195.0, 100.0, 215.0, 130.0, 0);
        for x in [260.0, 280.0, 300.0, 316.0] {
            img.fill_rect(x, 104.0, x + 14.0, 128.0, 0);
        }
        let at = |(text, left, width): (&str, u32, u32), top: u32| OcrWord {
            text: text.into(),
            conf: 95.0,
            left,
            top,
            width,
            height: 30,
        };
        let mut lines = vec![OcrLine {
            left: 100,
            top: 100,
            width: 230,
            height: 30,
            words: words.iter().map(|&w| at(w, 100)).collect(),
        }];
        if body {
            lines.push(OcrLine {
                top: 200,
                height: 30,
                words: vec![
                    at(("ngày", 20, 70), 200),
                    at(("ngày,", 200, 72), 200),
                    at(("năm", 300, 50), 200),
                ],
                ..Default::default()
            });
        }
        let g = digits::date_gaps(&lines).into_iter().next().expect("a gap");
        (img, lines, g)
    }

    #[test]
    fn a_word_boxed_with_a_mark_does_not_stretch_its_line() {
        let w = |top: u32, height: u32| OcrWord {
            text: "x".into(),
            conf: 90.0,
            top,
            height,
            ..Default::default()
        };
        let line = |words: Vec<OcrWord>| {
            let top = words.iter().map(|w| w.top).min().unwrap_or(0);
            let bottom = words.iter().map(|w| w.top + w.height).max().unwrap_or(0);
            OcrLine {
                top,
                height: bottom - top,
                words,
                ..Default::default()
            }
        };
        // the motto's underline read into "Tự": the line is its words' print
        let motto = line(vec![
            w(220, 26),
            w(224, 28),
            w(226, 47),
            w(225, 21),
            w(224, 28),
        ]);
        assert_eq!((motto.top, motto.top + motto.height), (220, 273));
        assert_eq!(print_extent(&motto), (220, 252));
        // a hand's day written above the line
        let dated = line(vec![
            w(258, 24),
            w(261, 24),
            w(238, 55),
            w(260, 28),
            w(261, 21),
        ]);
        assert_eq!(print_extent(&dated), (258, 288));
        // marks and descenders of ordinary words, and a line of two words: the engine's box
        let plain = line(vec![w(100, 30), w(108, 22), w(100, 38), w(108, 30)]);
        assert_eq!(print_extent(&plain), (100, 138));
        let two = line(vec![w(238, 55), w(258, 24)]);
        assert_eq!(print_extent(&two), (238, 293));
    }

    #[test]
    fn a_date_gap_takes_the_digit_a_keyword_was_boxed_over() {
        let gap = |words: &[(&str, u32, u32)], body: bool| {
            let (img, lines, g) = date_line(words, body);
            date_gap_box(&img, &lines, &g).map(|b| (b.0, b.2))
        };
        // "ngày" boxed over the "1" (100..190), "6" read apart: the page's other "ngày" are
        // 70-72 px wide, so the gap starts after 72 px of it, on paper before the "1" (the
        // line's "năm" as wide as the body's: a line typed at the body's size)
        let mut words = vec![
            ("ngày", 100, 90),
            ("6", 195, 20),
            ("tháng", 260, 70),
            ("3", 340, 10),
            ("năm", 360, 50),
        ];
        let (x0, x1) = gap(&words, true).expect("box");
        assert!((171..178).contains(&x0), "{x0}");
        assert!((215..260).contains(&x1), "{x1}");
        // no other "ngày" on the page: no evidence, the gap starts where the box ends
        assert_eq!(gap(&words, false), Some((191, 259)));
        // a line typed a fifth larger than the body (its "năm" 60 px): a "ngày" 90 px wide
        // is its usual size there
        words[4].2 = 60;
        assert_eq!(gap(&words, true), Some((191, 259)));
        // the word read in the gap starts inside the keyword's box: from there; and where
        // that cuts the "1" it holds most of, left off the stroke, to paper
        let tail = [("tháng", 260, 70), ("3", 340, 10)];
        let with = |first: [(&'static str, u32, u32); 2]| [first[0], first[1], tail[0], tail[1]];
        assert_eq!(
            gap(&with([("ngày", 100, 90), ("l6", 177, 40)]), false).map(|b| b.0),
            Some(176)
        );
        assert_eq!(
            gap(&with([("ngày", 100, 90), ("l6", 180, 37)]), false).map(|b| b.0),
            Some(177)
        );
        // junk read into the keyword after the gap ("*tháng" over the "6"): its share of
        // the word's box, then off the "6" to the paper after it
        assert_eq!(
            gap(
                &[("ngày", 100, 70), ("*tháng", 190, 140), ("3", 340, 10)],
                false
            ),
            Some((171, 215))
        );
        // a keyword's box that leaves out its last stroke: in to the paper after it
        assert_eq!(
            gap(&[("ngày", 100, 62), tail[0], tail[1]], false).map(|b| b.0),
            Some(168)
        );
    }

    #[test]
    fn a_gap_reading_takes_the_place_of_the_pieces_and_the_junk() {
        let at = |text: &str, left: u32, width: u32| OcrWord {
            text: text.into(),
            conf: 90.0,
            left,
            top: 100,
            width,
            height: 30,
        };
        let line_of = |words: Vec<OcrWord>| OcrLine {
            words,
            ..Default::default()
        };
        let texts = |l: &OcrLine| l.words.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
        // "ngày?" (its last fifth the day's first digit) "6" "tháng": the keyword loses the
        // junk and its share of the box, the reading stands a space after it
        let mut line = line_of(vec![
            at("ngày?", 100, 100),
            at("6", 210, 20),
            at("tháng", 250, 70),
            at("11", 330, 20),
            at("năm", 360, 50),
        ]);
        let g = digits::date_gaps(std::slice::from_ref(&line))[0].clone();
        assert_eq!(g.middle, "? 6");
        put_gap_reading(&mut line, &g, (180, 100, 249, 30), "06".into());
        assert_eq!(texts(&line), ["ngày", "06", "tháng", "11", "năm"]);
        assert_eq!(line.words[0].width, 80);
        assert_eq!((line.words[1].left, line.words[1].width), (187, 62));
        // a day read in two pieces ("2" "2"): one word in their place
        let mut line = line_of(vec![
            at("ngày", 100, 70),
            at("2", 180, 20),
            at("2", 220, 20),
            at("“tháng", 250, 84),
            at("6", 340, 20),
            at("năm", 370, 50),
        ]);
        let g = digits::date_gaps(std::slice::from_ref(&line))[0].clone();
        assert_eq!((g.seen.as_str(), g.middle.as_str()), ("22", "2 2 “"));
        put_gap_reading(&mut line, &g, (171, 100, 263, 30), "22".into());
        assert_eq!(texts(&line), ["ngày", "22", "tháng", "6", "năm"]);
        assert_eq!((line.words[2].left, line.words[2].width), (264, 70));
    }

    #[test]
    fn a_weak_number_the_network_reads_otherwise_is_unreadable_not_wrong() {
        // the engine's "2" at 60 over a hand's 5
        let (img, mut lines) = header_with_hand("2", 60.0, 5);
        doubt_header_numbers(&img, &mut lines);
        assert_eq!(lines[0].words[1].text, "[?]");
        // read confidently (as print is), or read as the network reads it: kept
        let (img, mut lines) = header_with_hand("2", 95.0, 5);
        doubt_header_numbers(&img, &mut lines);
        assert_eq!(lines[0].words[1].text, "2");
        let (img, mut lines) = header_with_hand("5", 60.0, 5);
        doubt_header_numbers(&img, &mut lines);
        assert_eq!(lines[0].words[1].text, "5");
        // the code run on in the word stays
        let (img, mut lines) = header_with_hand("2/NQ-CP", 60.0, 5);
        lines[0].words.truncate(2);
        doubt_header_numbers(&img, &mut lines);
        assert_eq!(lines[0].words[1].text, "[?]/NQ-CP");
        // no digit the network can read there: kept
        let (img, mut lines) = header_with_hand("2", 60.0, 10);
        doubt_header_numbers(&img, &mut lines);
        assert_eq!(lines[0].words[1].text, "2");
    }

    #[test]
    fn a_rule_read_as_a_flat_word_is_dropped() {
        let w = |text: &str, conf: f32, width: u32, height: u32| OcrWord {
            text: text.to_string(),
            conf,
            left: 0,
            top: 0,
            width,
            height,
        };
        let body = || tesseract::OcrLine {
            words: (0..6).map(|_| w("Hạnh", 96.0, 120, 46)).collect(),
            ..Default::default()
        };
        let mut lines = vec![
            body(),
            tesseract::OcrLine {
                words: vec![w("SE", 41.0, 31, 46), w("2RE\"2TfVnnitpTooe", 0.0, 204, 7)],
                ..Default::default()
            },
            tesseract::OcrLine {
                // a form's dotted blank and a confident small word stay
                words: vec![w("……", 10.0, 200, 6), w("ngày", 95.0, 90, 14)],
                ..Default::default()
            },
            tesseract::OcrLine {
                words: vec![w("Tf", 0.0, 60, 8)],
                ..Default::default()
            },
            body(),
        ];
        drop_flat_words(&mut lines);
        let texts: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(texts[1], ["SE"]);
        assert_eq!(texts[2], ["……", "ngày"]);
    }

    #[test]
    fn a_glued_day_is_parted_with_paper_between() {
        let w = |text: &str, left: u32, width: u32| OcrWord {
            text: text.to_string(),
            conf: 50.0,
            left,
            top: 300,
            width,
            height: 46,
        };
        let mut line = tesseract::OcrLine {
            words: vec![
                w("Nội,", 900, 80),
                w("ngàyOháng", 989, 210),
                w("7", 1220, 20),
            ],
            ..Default::default()
        };
        let g = digits::GluedDay {
            seen: String::new(),
            line: 0,
            word: 1,
            ngay: true,
            thang: true,
        };
        split_glued_day(&mut line, &g, 1060, 1117, "08");
        let got: Vec<(&str, u32, u32)> = line
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.left, w.left + w.width))
            .collect();
        assert_eq!(
            got,
            [
                ("Nội,", 900, 980),
                ("ngày", 989, 1059),
                ("08", 1060, 1116),
                ("tháng", 1117, 1199),
                ("7", 1220, 1240)
            ]
        );
        // the day run into "tháng" only, after a separate "ngày"
        let mut line = tesseract::OcrLine {
            words: vec![w("ngày", 989, 70), w("Otháng", 1060, 139)],
            ..Default::default()
        };
        let g = digits::GluedDay {
            seen: String::new(),
            line: 0,
            word: 1,
            ngay: false,
            thang: true,
        };
        split_glued_day(&mut line, &g, 1060, 1117, "08");
        let got: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(got, ["ngày", "08", "tháng"]);
    }

    #[test]
    fn scale_choice() {
        assert!((scale_for(87.0, 300) - 300.0 / 87.0).abs() < 1e-9);
        assert_eq!(scale_for(300.0, 300), 1.0);
        assert_eq!(scale_for(260.0, 300), 1.0);
        assert!((scale_for(50.0, 300) - 4.0).abs() < 1e-9);
        assert!((scale_for(600.0, 300) - 0.5).abs() < 1e-9);
        assert_eq!(scale_for(f64::NAN, 300), 1.0);
    }

    #[test]
    fn confidence_weighted_by_length() {
        let lines = vec![OcrLine {
            words: vec![word("abcd", 90.0), word("x", 40.0)],
            ..Default::default()
        }];
        assert!((mean_confidence(&lines) - 80.0).abs() < 1e-3);
        assert_eq!(mean_confidence(&[]), 0.0);
    }

    #[test]
    fn eth_becomes_d_with_stroke() {
        assert_eq!(vietnamese_letters("464/QÐ-BCT"), "464/QĐ-BCT");
        assert_eq!(vietnamese_letters("ðồng"), "đồng");
    }

    #[test]
    fn post_correction_reads_the_page_in_context_and_keeps_every_word() {
        let lines = vec![
            vec![word("Căn", 95.0), word("cứ", 95.0), word("Nohị", 50.0)],
            vec![
                word("định", 90.0),
                word("số", 96.0),
                word("181/2024/NÐ-CP", 80.0),
            ],
        ];
        let out = post_correct_page(&lines);
        assert_eq!(out[0], ["Căn", "cứ", "Nghị"]);
        assert_eq!(out[1], ["định", "số", "181/2024/NĐ-CP"]);
    }
}
