//! OCR of scanned pages and image files: which pages, the engine, the budget, the pages
//! read in parallel (one engine thread each), their words into page data.

use crate::collect::PageData;
use crate::scan;
use crate::{OcrMode, PdfError, PdfOptions};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};
use vanban_model::{Format, OcrInfo, RawDocument};
use vanban_ocr::{OcrError, PageOcr, Tesseract};

/// A page whose mean word confidence is below this gets a warning.
const LOW_CONFIDENCE: f32 = 60.0;

/// A scan covering this share of the page or more is the page itself (a scanned sheet),
/// whatever little text is drawn over it.
const SHEET_COVER: f64 = 0.5;

/// A page's own text shorter than this many characters (spaces aside) over a scanned sheet
/// was added to the scan, not typed with it: a signing service's stamp flattened into the
/// page ("Ký bởi: …", "Thời gian ký: …", about 100 characters), a document system's
/// footer or page number, a partial OCR layer. A typed page, even a signature page, holds
/// several hundred.
const ADDED_TEXT: usize = 200;

/// Whether a page with `chars` characters of its own text over a scan covering `cover` of
/// the page carries text added over the scan: such a page is read by OCR in `auto` mode
/// too, its text kept after the OCR lines like an e-signature stamp's.
fn added_text(chars: usize, cover: f64) -> bool {
    chars < ADDED_TEXT && cover >= SHEET_COVER
}

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

/// Engine slots: how many pages are read at once in this process, whatever the number of
/// files being read (one per core; each page runs one single-threaded engine).
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

fn slots() -> &'static Slots {
    static SLOTS: OnceLock<Slots> = OnceLock::new();
    SLOTS.get_or_init(|| Slots {
        free: Mutex::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
        ),
        freed: Condvar::new(),
    })
}

/// A slot held; given back when dropped (also when the page's work unwinds).
struct Slot(&'static Slots);

impl Drop for Slot {
    fn drop(&mut self) {
        let mut free = self.0.free.lock().unwrap_or_else(|p| p.into_inner());
        *free += 1;
        self.0.freed.notify_one();
    }
}

/// A slot, waiting for one until `until` (`None` past it).
fn take_slot(until: Instant) -> Option<Slot> {
    let slots = slots();
    let mut free = slots.free.lock().unwrap_or_else(|p| p.into_inner());
    while *free == 0 {
        let left = until.checked_duration_since(Instant::now())?;
        free = slots
            .freed
            .wait_timeout(free, left)
            .map(|(g, _)| g)
            .unwrap_or_else(|p| p.into_inner().0);
    }
    *free -= 1;
    Some(Slot(slots))
}

/// Run `work` over `items` in parallel, reporting progress; `None` for an item not started
/// by `until`. Each item runs while it holds one of the process's engine [`Slots`], so the
/// pages of every file being read share the cores: no more engines than cores, and a core
/// freed by one file's page goes to the next page waiting, of any file. (Rayon's pool did
/// this badly: a pool thread waiting for its own file's last page took another file's page
/// and held the first file until that page was read, while the other core had no work.)
fn run_pages<T: Sync, R: Send>(
    items: &[T],
    opts: &PdfOptions,
    until: Instant,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let total = items.len();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(total);
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(total).collect();
    let results = Mutex::new(Vec::with_capacity(total));
    let reader = || loop {
        let Some(slot) = take_slot(until) else {
            return;
        };
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else {
            return;
        };
        let r = work(item);
        drop(slot);
        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(p) = &opts.progress {
            (p.0)(d, total);
        }
        results
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((i, r));
    };
    std::thread::scope(|s| {
        let started = (0..threads)
            .filter(|_| std::thread::Builder::new().spawn_scoped(s, reader).is_ok())
            .count();
        // no thread to be had (the system's limit): the pages are read on this one
        if started == 0 {
            reader();
        }
    });
    for (i, r) in results.into_inner().unwrap_or_else(|p| p.into_inner()) {
        if let Some(o) = out.get_mut(i) {
            *o = Some(r);
        }
    }
    out
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
    let page_of = |n: u32| pages.iter().find(|p| p.number == n);
    // per page to read: its scan, and whether the page's own text is kept (text added over
    // a scan, which the image does not hold)
    let todo: Vec<(u32, lopdf::ObjectId, scan::Scan, bool)> = page_ids
        .iter()
        .filter_map(|&(n, id)| {
            let page = page_of(n);
            let text = page.is_some_and(PageData::has_content_text);
            let chars = page.map_or(0, PageData::content_chars);
            let auto = opts.ocr != OcrMode::Always;
            // a typed page: no scan looked for
            if auto && text && chars >= ADDED_TEXT {
                return None;
            }
            let found = scan::find_scan(doc, id)?;
            let added = text && added_text(chars, found.cover);
            if auto && text && !added {
                return None;
            }
            Some((n, id, found, added))
        })
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
    let results = run_pages(&todo, opts, until, |(_, id, found, _)| {
        let img = scan::decode_scan(doc, *id, found).map_err(OcrError::Decode)?;
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
    for ((n, _, _, added), r) in todo.iter().zip(results) {
        // a page not started by the deadline timed out as one started would
        match r.unwrap_or(Err(OcrError::Timeout)) {
            Ok(p) => {
                if let Some(w) = low_confidence_warning(*n, &p) {
                    out.warnings.push(w);
                }
                if let Some(slot) = pages.iter_mut().find(|pg| pg.number == *n) {
                    let content = slot.glyphs.len().saturating_sub(slot.stamped);
                    let mut stamp = slot.glyphs.split_off(content);
                    if *added && slot.invisible == 0 {
                        // drawn over the scan, not in it: kept like a stamp, before the
                        // annotations' (an invisible OCR layer is the image's text: dropped)
                        let mut own = std::mem::take(&mut slot.glyphs);
                        own.append(&mut stamp);
                        stamp = own;
                    }
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

/// Read an image file (JPEG, PNG, WebP, TIFF with any number of pages) by OCR: one page per
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
    let results = run_pages(&frames, opts, deadline, |f| {
        // without a plausible stated resolution, the long side is taken for A4's
        let dpi = vanban_ocr::page_dpi(f.dpi, f.gray.width, f.gray.height);
        // a camera's orientation tag turns the page first (otherwise a sideways first
        // reading and orientation detection would)
        vanban_ocr::ocr_page(
            &engine,
            &f.gray,
            dpi,
            f.quarters,
            &opts.ocr_settings,
            deadline,
        )
    });
    let mut warnings = Vec::new();
    let mut data = Vec::new();
    let mut done = Vec::new();
    for (i, r) in results.into_iter().enumerate() {
        let page = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match r.unwrap_or(Err(OcrError::Timeout)) {
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

    /// The slots are the process's: these tests take turns with them.
    static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn pages_of_files_read_at_once_share_the_engine_slots() {
        let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let opts = PdfOptions::default();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let until = Instant::now() + Duration::from_secs(60);
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let page = |i: &usize| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            running.fetch_sub(1, Ordering::SeqCst);
            i * 10
        };
        // three files read at once (a batch's workers), one page and several
        std::thread::scope(|s| {
            for n in [1usize, 3, 5] {
                let (opts, page) = (&opts, &page);
                s.spawn(move || {
                    let items: Vec<usize> = (0..n).collect();
                    let got = run_pages(&items, opts, until, page);
                    let want: Vec<Option<usize>> = (0..n).map(|i| Some(i * 10)).collect();
                    assert_eq!(got, want);
                });
            }
        });
        let most = most.load(Ordering::SeqCst);
        assert!(most <= cores, "{most} pages at once on {cores} cores");
        assert!(cores == 1 || most >= 2, "pages were not read in parallel");
    }

    #[test]
    fn a_page_waiting_past_the_deadline_is_not_started() {
        let _turn = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let opts = PdfOptions::default();
        let past = Instant::now() - Duration::from_millis(1);
        // all slots held by other files' pages: nothing is started after the deadline
        let held: Vec<Slot> = (0..64).map_while(|_| take_slot(past)).collect();
        let got = run_pages(&[1, 2], &opts, past, |i: &i32| i * 2);
        drop(held);
        assert_eq!(got, vec![None, None]);
        // with slots free again, the same pages run
        let later = Instant::now() + Duration::from_secs(60);
        assert_eq!(
            run_pages(&[1, 2], &opts, later, |i: &i32| i * 2),
            vec![Some(2), Some(4)]
        );
    }
}
