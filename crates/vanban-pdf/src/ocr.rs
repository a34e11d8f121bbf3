//! OCR of scanned pages and image files: which pages, the engine, the budget, the pages
//! read in parallel (one engine thread each), their words into page data.

use crate::collect::PageData;
use crate::scan;
use crate::{OcrMode, PdfError, PdfOptions};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use vanban_model::{Format, OcrInfo, RawDocument};
use vanban_ocr::{OcrError, PageOcr, Tesseract};

/// A page whose mean word confidence is below this gets a warning.
const LOW_CONFIDENCE: f32 = 60.0;

/// What OCR did to a PDF's pages.
pub(crate) struct OcrOutcome {
    pub warnings: Vec<String>,
    pub info: Option<OcrInfo>,
    /// Why scanned pages stayed unread, when they did (the error if no page has text).
    pub error: Option<PdfError>,
    /// The deadline, moved by the OCR budget.
    pub deadline: Instant,
    /// Per OCRed page, the text its annotations drew (an e-signature stamp over a scan:
    /// "Ký bởi: …", "Thời gian ký: …"): not in the page image OCR reads, so kept from the
    /// text layer.
    pub stamps: Vec<(u32, Vec<crate::collect::Glyph>)>,
}

/// The engine, probed once per program name and process.
fn engine(program: &str) -> Result<Tesseract, OcrError> {
    static CACHE: Mutex<Vec<(String, Result<Tesseract, OcrError>)>> = Mutex::new(Vec::new());
    let mut cache = match CACHE.lock() {
        Ok(c) => c,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some((_, r)) = cache.iter().find(|(p, _)| p == program) {
        return r.clone();
    }
    let r = Tesseract::probe(program);
    cache.push((program.to_string(), r.clone()));
    r
}

/// The engine with every requested language, or the error naming what to install.
fn ready_engine(opts: &PdfOptions) -> Result<Tesseract, PdfError> {
    let t = engine(&opts.ocr_program).map_err(|e| PdfError::Ocr(e.to_string()))?;
    t.check_languages(&opts.ocr_settings.languages)
        .map_err(|e| PdfError::Ocr(e.to_string()))?;
    Ok(t)
}

fn info(engine: &Tesseract, opts: &PdfOptions, done: &[(u32, PageOcr)]) -> Option<OcrInfo> {
    if done.is_empty() {
        return None;
    }
    let (mut sum, mut n) = (0f64, 0f64);
    for (_, p) in done {
        let words = p.lines.iter().map(|l| l.words.len()).sum::<usize>() as f64;
        sum += f64::from(p.mean_conf) * words;
        n += words;
    }
    Some(OcrInfo {
        engine: "tesseract".into(),
        version: engine.version.clone(),
        languages: opts
            .ocr_settings
            .languages
            .split('+')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        pages: done.iter().map(|(n, _)| *n).collect(),
        mean_confidence: if n > 0.0 {
            (sum / n * 10.0).round() / 10.0
        } else {
            0.0
        },
    })
}

fn low_confidence_warning(page: u32, p: &PageOcr) -> Option<String> {
    (p.mean_conf < LOW_CONFIDENCE).then(|| {
        format!(
            "page {page}: low OCR confidence (mean {:.0}): the text may contain misreadings",
            p.mean_conf
        )
    })
}

/// Run `work` over `items` in parallel on rayon's pool (each call runs one
/// single-threaded engine), reporting progress.
///
/// Always on the pool's threads, never on the caller's: a parallel iterator runs a single
/// item on the calling thread, so two files of one page each, read at once (a batch's two
/// workers), ran their engines beside the pool's two and four engines shared two cores.
/// [`rayon::scope`] enters the pool first (the caller waits), so no more engines run than
/// the pool has threads.
fn run_pages<T: Sync, R: Send>(
    items: &[T],
    opts: &PdfOptions,
    work: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    let done = AtomicUsize::new(0);
    let total = items.len();
    rayon::scope(|_| {
        items
            .par_iter()
            .map(|it| {
                let r = work(it);
                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(p) = &opts.progress {
                    (p.0)(d, total);
                }
                r
            })
            .collect()
    })
}

/// OCR the PDF pages that need it (per [`OcrMode`]) and put their words into `pages`.
pub(crate) fn ocr_pdf_pages(
    doc: &lopdf::Document,
    page_ids: &[(u32, lopdf::ObjectId)],
    pages: &mut [PageData],
    deadline: Instant,
    opts: &PdfOptions,
    extend: &dyn Fn(Instant),
) -> Result<OcrOutcome, PdfError> {
    let mut out = OcrOutcome {
        warnings: Vec::new(),
        info: None,
        error: None,
        deadline,
        stamps: Vec::new(),
    };
    if opts.ocr == OcrMode::Never {
        return Ok(out);
    }
    let has_text = |n: u32| {
        pages
            .iter()
            .find(|p| p.number == n)
            .is_some_and(|p| p.has_content_text())
    };
    let todo: Vec<(u32, lopdf::ObjectId, (lopdf::ObjectId, [f64; 6]))> = page_ids
        .iter()
        .filter(|(n, _)| opts.ocr == OcrMode::Always || !has_text(*n))
        .filter_map(|&(n, id)| scan::find_scan(doc, id).map(|f| (n, id, f)))
        .collect();
    if todo.is_empty() {
        return Ok(out);
    }
    let engine = match ready_engine(opts) {
        Ok(e) => e,
        Err(e) => {
            out.warnings.push(format!(
                "{} page(s) are scans and were not read: {e}",
                todo.len()
            ));
            out.error = Some(e);
            return Ok(out);
        }
    };
    let budget = opts
        .ocr_page_budget
        .checked_mul(u32::try_from(todo.len()).unwrap_or(u32::MAX))
        .unwrap_or(Duration::from_secs(86_400));
    out.deadline = deadline.checked_add(budget).unwrap_or(deadline);
    extend(out.deadline);
    let until = out.deadline;
    let results = run_pages(&todo, opts, |(_, id, found)| {
        let img = scan::decode_scan(doc, *id, *found).map_err(OcrError::Decode)?;
        vanban_ocr::ocr_page(
            &engine,
            &img.gray,
            img.dpi,
            img.quarters,
            &opts.ocr_settings,
            until,
        )
    });
    let mut done = Vec::new();
    let mut timed_out = false;
    for ((n, _, _), r) in todo.iter().zip(results) {
        match r {
            Ok(p) => {
                if let Some(w) = low_confidence_warning(*n, &p) {
                    out.warnings.push(w);
                }
                if let Some(slot) = pages.iter_mut().find(|pg| pg.number == *n) {
                    let content = slot.glyphs.len().saturating_sub(slot.stamped);
                    let stamp = slot.glyphs.split_off(content);
                    if stamp.iter().any(|g| !g.space) {
                        out.stamps.push((*n, stamp));
                    }
                    *slot = scan::page_data(*n, &p);
                }
                done.push((*n, p));
            }
            Err(OcrError::Timeout) => timed_out = true,
            Err(e) => out.warnings.push(format!("page {n}: not read by OCR: {e}")),
        }
    }
    if timed_out {
        return Err(PdfError::Timeout(Duration::ZERO));
    }
    if done.is_empty() {
        out.error = Some(PdfError::Ocr(
            out.warnings
                .last()
                .cloned()
                .unwrap_or_else(|| "no scanned page could be read".into()),
        ));
    }
    out.info = info(&engine, opts, &done);
    Ok(out)
}

/// Read an image file (JPEG, PNG, TIFF with any number of pages) by OCR: one page per
/// image, laid out like a PDF page.
pub fn read_image(bytes: &[u8], opts: &PdfOptions) -> Result<RawDocument, PdfError> {
    let start = Instant::now();
    let frames =
        vanban_ocr::decode::decode_image_file(bytes).map_err(|e| PdfError::Image(e.to_string()))?;
    if opts.ocr == OcrMode::Never {
        return Err(PdfError::NoText);
    }
    let engine = ready_engine(opts)?;
    let n = u32::try_from(frames.len()).unwrap_or(u32::MAX);
    let budget = opts.timeout
        + opts
            .ocr_page_budget
            .checked_mul(n)
            .unwrap_or(Duration::MAX / 4);
    let deadline = start
        .checked_add(budget)
        .unwrap_or(start + Duration::from_secs(86_400));
    let results = run_pages(&frames, opts, |f| {
        // without a plausible stated resolution, the long side is taken for A4's
        let dpi = vanban_ocr::page_dpi(f.dpi, f.gray.width, f.gray.height);
        vanban_ocr::ocr_page(&engine, &f.gray, dpi, 0, &opts.ocr_settings, deadline)
    });
    let mut warnings = Vec::new();
    let mut data = Vec::new();
    let mut done = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        let page = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match r {
            Ok(p) => {
                if let Some(w) = low_confidence_warning(page, &p) {
                    warnings.push(w);
                }
                data.push(scan::page_data(page, &p));
                done.push((page, p));
            }
            Err(OcrError::Timeout) => return Err(PdfError::Timeout(budget)),
            Err(e) => {
                warnings.push(format!("page {page}: not read by OCR: {e}"));
                data.push(PageData {
                    number: page,
                    ..Default::default()
                });
            }
        }
    }
    if done.is_empty() {
        return Err(PdfError::Ocr(
            warnings
                .last()
                .cloned()
                .unwrap_or_else(|| "no page could be read".into()),
        ));
    }
    let mut out = RawDocument {
        format: Some(Format::Image),
        pages: Some(n),
        warnings,
        ocr: info(&engine, opts, &done),
        ..Default::default()
    };
    crate::layout_pages(&data, deadline, &mut out).map_err(|e| match e {
        PdfError::Timeout(_) => PdfError::Timeout(budget),
        e => e,
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_run_on_the_pools_threads_never_on_the_callers() {
        let opts = PdfOptions::default();
        // from a thread outside the pool (a batch worker's reading thread), one page and
        // several: each runs on a pool thread, so the pool's size bounds the engines
        std::thread::scope(|s| {
            s.spawn(|| {
                for n in [1usize, 3] {
                    let items: Vec<usize> = (0..n).collect();
                    let on_pool = run_pages(&items, &opts, |_| rayon::current_thread_index());
                    assert_eq!(on_pool.len(), n);
                    assert!(
                        on_pool.iter().all(Option::is_some),
                        "{n} page(s): {on_pool:?}"
                    );
                }
            });
        });
    }
}
