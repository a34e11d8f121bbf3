//! PDF reader: collects glyphs with positions through pdf-extract's output device and
//! builds lines, pages and tables.
//!
//! * Lines: glyphs grouped by baseline, ordered by x, word spaces inferred from glyph gaps
//!   (not only from space glyphs), NFC.
//! * Reading order: top to bottom; a run of lines split by a vertical gutter (the
//!   two-column document header: issuer | national motto, number | place and date; the
//!   signature block) is read left column first, then right column.
//! * Tables: ruling lines (stroked or thin filled paths) forming a grid become
//!   [`Block::Table`], merged cells as `""`; a table that ends a page and one that starts
//!   the next with the same column count are merged (a repeated header row is dropped).
//! * Pages: [`Block::PageBreak`] between pages; page-number lines stay as their own lines
//!   for the normalizer to remove.
//! * Bad input is contained: panics in pdf-extract/lopdf are caught (per page, and around
//!   the whole read), a deadline stops extraction ([`PdfError::Timeout`]), and the read runs
//!   on a helper thread so that even a parser stuck in a loop cannot hold the caller past
//!   the budget.
#![forbid(unsafe_code)]

mod collect;
mod fonts;
mod inflate;
mod layout;
mod ocr;
mod quality;
mod repair;
mod salvage;
mod scan;
mod stream;
mod table;

pub use ocr::read_image;
pub use vanban_ocr::OcrSettings;

use collect::Collector;
use layout::Item;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use vanban_model::{Block, Format, InputPos, RawDocument, RawFootnote, RawTable};

/// When pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without usable text that draw a scan, and scanned sheets with a few words
    /// added over them (a flattened signing stamp, a footer: kept after the OCR text).
    #[default]
    Auto,
    /// Every page that draws a scan, even over a text layer.
    Always,
    /// Never: a scan is [`PdfError::NoText`].
    Never,
}

/// Called after each OCRed page with (pages done, pages to do): a progress bar's hook.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(usize, usize) + Send + Sync>);

// A progress report only observes; a panic inside it leaves nothing of ours half-updated.
impl std::panic::UnwindSafe for Progress {}
impl std::panic::RefUnwindSafe for Progress {}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

/// Options for reading a PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Per-file time budget.
    pub timeout: Duration,
    /// When to OCR.
    pub ocr: OcrMode,
    /// Languages and resolution for OCR.
    pub ocr_settings: vanban_ocr::OcrSettings,
    /// Time added to the budget for each page read by OCR.
    pub ocr_page_budget: Duration,
    /// The OCR engine program ("tesseract").
    pub ocr_program: String,
    /// Progress of OCR, page by page.
    pub progress: Option<Progress>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            timeout: Duration::from_secs(60),
            ocr: OcrMode::Auto,
            ocr_settings: vanban_ocr::OcrSettings::default(),
            ocr_page_budget: Duration::from_secs(30),
            ocr_program: "tesseract".into(),
            progress: None,
        }
    }
}

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted with a non-empty user password.
    #[error("encrypted PDF")]
    Encrypted,
    /// No text layer.
    #[error("no text layer: scanned document, OCR needed")]
    NoText,
    /// Over the time budget.
    #[error("time budget of {0:?} exceeded")]
    Timeout(Duration),
    /// A file cut short whose surviving pages show no text: the objects their text needs
    /// (fonts, font programs, content streams) lay after the cut.
    #[error("truncated PDF: {0}")]
    Truncated(String),
    /// Malformed or unsupported file.
    #[error("malformed PDF: {0}")]
    Malformed(String),
    /// A scan that OCR could not read (engine or language model missing, every page failed).
    #[error("scanned document, OCR failed: {0}")]
    Ocr(String),
    /// An image file that cannot be decoded.
    #[error("bad image: {0}")]
    Image(String),
}

/// True when the bytes look like a PDF: `%PDF-` within the first 1024 bytes (the
/// specification allows leading garbage).
///
/// ```
/// assert!(vanban_pdf::looks_like_pdf(b"%PDF-1.7\n..."));
/// assert!(!vanban_pdf::looks_like_pdf(b"KE HOACH"));
/// ```
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Read a PDF from bytes into a raw document of lines, tables and page breaks.
///
/// Never panics on any input; every failure is one [`PdfError`].
///
/// ```
/// use vanban_pdf::{read_pdf, PdfError, PdfOptions};
/// let opts = PdfOptions::default();
/// assert!(matches!(read_pdf(b"", &opts), Err(PdfError::Malformed(_))));
/// assert!(matches!(read_pdf(b"plain text, not a PDF", &opts), Err(PdfError::Malformed(_))));
/// assert!(matches!(read_pdf(b"%PDF-1.4\n1 0 obj\n<<", &opts), Err(PdfError::Malformed(_))));
/// ```
pub fn read_pdf(bytes: &[u8], opts: &PdfOptions) -> Result<RawDocument, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Malformed("empty file (0 bytes)".into()));
    }
    if !looks_like_pdf(bytes) {
        return Err(PdfError::Malformed(
            "no %PDF- header: not a PDF file".into(),
        ));
    }
    let start = Instant::now();
    let deadline = start
        .checked_add(opts.timeout)
        .unwrap_or(start + Duration::from_secs(86_400 * 365));
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel::<Msg>();
    let worker_opts = opts.clone();
    let spawned = std::thread::Builder::new()
        .name("vanban-pdf".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let ext = tx.clone();
            let extend = move |d: Instant| {
                let _ = ext.send(Msg::Extend(d));
            };
            let result = catch_unwind(AssertUnwindSafe(|| {
                extract(&owned, deadline, &worker_opts, &extend)
            }))
            .unwrap_or_else(|p| {
                Err(PdfError::Malformed(format!(
                    "reader failure: {}",
                    panic_message(&*p)
                )))
            });
            let _ = tx.send(Msg::Done(Box::new(result)));
        });
    let mut budget = opts.timeout;
    let result = match spawned {
        Ok(_handle) => {
            // The handle is dropped, not joined: a parser stuck in a loop is abandoned at the
            // deadline instead of holding the caller. OCR moves the deadline (a budget per
            // OCRed page) by a message before it starts.
            let mut until = deadline;
            loop {
                let wait =
                    until.saturating_duration_since(Instant::now()) + Duration::from_millis(250);
                match rx.recv_timeout(wait) {
                    Ok(Msg::Extend(d)) => {
                        budget += d.saturating_duration_since(until);
                        until = until.max(d);
                    }
                    Ok(Msg::Done(r)) => break *r,
                    Err(mpsc::RecvTimeoutError::Timeout) => break Err(PdfError::Timeout(budget)),
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        break Err(PdfError::Malformed(
                            "reader thread ended without a result".into(),
                        ))
                    }
                }
            }
        }
        // No thread available: read on this one (the output device still honours the deadline).
        Err(_) => catch_unwind(AssertUnwindSafe(|| extract(bytes, deadline, opts, &|_| {})))
            .unwrap_or_else(|p| {
                Err(PdfError::Malformed(format!(
                    "reader failure: {}",
                    panic_message(&*p)
                )))
            }),
    };
    match result {
        Err(PdfError::Timeout(_)) => Err(PdfError::Timeout(budget)),
        other => other,
    }
}

/// From the reading thread to the caller.
enum Msg {
    /// OCR starts: the deadline moves here.
    Extend(Instant),
    Done(Box<Result<RawDocument, PdfError>>),
}

/// The message of a panic payload.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    let msg = if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    };
    one_line(&msg)
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(200).collect();
        format!("{cut}…")
    } else {
        s
    }
}

fn extract(
    bytes: &[u8],
    deadline: Instant,
    opts: &PdfOptions,
    extend: &dyn Fn(Instant),
) -> Result<RawDocument, PdfError> {
    // a damaged file is salvaged (objects found by scanning, page tree rebuilt)
    let salvage::Loaded {
        mut doc,
        warnings,
        lost_refs,
    } = salvage::load(bytes).map_err(|e| PdfError::Malformed(describe_load_error(&e, bytes)))?;
    let mut warnings = warnings;
    warnings.extend(repair::filter_names(&mut doc));
    warnings.extend(inflate::inflate_text_streams(&mut doc));
    repair::cid_widths(&mut doc);
    repair::leading_comments(&mut doc);
    warnings.extend(fonts::repair_to_unicode(&mut doc).warning());
    // lopdf tries the empty user password while loading: a file it opened is no longer
    // `is_encrypted` but `was_encrypted`; one that needs another password still has its
    // /Encrypt entry and no objects.
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    if doc.was_encrypted() {
        warnings.push("PDF was encrypted; opened with the empty user password".to_string());
    }
    let page_ids: Vec<(u32, lopdf::ObjectId)> = doc.get_pages().into_iter().collect();
    let page_numbers: Vec<u32> = page_ids.iter().map(|(n, _)| *n).collect();
    if page_numbers.is_empty() {
        return Err(PdfError::Malformed(
            "no pages (page tree missing or unreadable)".into(),
        ));
    }
    let mut dev = Collector::new(deadline);
    let empty_resources = lopdf::Dictionary::new();
    let mut reader = pdf_extract::PageReader::new(&doc, &empty_resources);
    let mut failed = 0usize;
    for &n in &page_numbers {
        if Instant::now() >= deadline {
            return Err(PdfError::Timeout(Duration::ZERO));
        }
        let before = dev.pages.len();
        let r = catch_unwind(AssertUnwindSafe(|| reader.output_page(&mut dev, n)));
        if dev.timed_out {
            return Err(PdfError::Timeout(Duration::ZERO));
        }
        for note in dev.notes.drain(..) {
            warnings.push(format!("page {n}: {note}"));
        }
        let problem = match r {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(one_line(&e.to_string())),
            Err(p) => Some(panic_message(&*p)),
        };
        if let Some(msg) = problem {
            failed += 1;
            warnings.push(format!("page {n}: could not be read completely: {msg}"));
        }
        if dev.pages.len() == before {
            // begin_page never ran: keep the page count honest with an empty page
            dev.pages.push(collect::PageData {
                number: n,
                ..Default::default()
            });
        }
    }
    // A text layer that is not readable Vietnamese (English OCR of a scan, a font whose codes
    // could not be mapped) is dropped before OCR, so that its page is read from its image;
    // the lines of the pages that pass are kept for the layout below.
    let mut laid: Vec<Option<Vec<Item>>> = Vec::with_capacity(dev.pages.len());
    for p in &dev.pages {
        if Instant::now() >= deadline {
            return Err(PdfError::Timeout(Duration::ZERO));
        }
        laid.push((!p.glyphs.is_empty()).then(|| layout::page_items(p)));
    }
    let drew_glyphs = dev.pages.iter().any(|p| !p.glyphs.is_empty());
    let draws_scan = |n: u32| {
        page_ids
            .iter()
            .find(|(m, _)| *m == n)
            .is_some_and(|(_, id)| scan::find_scan(&doc, *id).is_some())
    };
    let fallbacks = drop_unreadable_pages(&mut laid, &mut dev.pages, &draws_scan, &mut warnings);
    let ocr_out = ocr::ocr_pdf_pages(&doc, &page_ids, &mut dev.pages, deadline, opts, extend)?;
    warnings.extend(ocr_out.warnings);
    // an unreadable page OCR did not read (no image, no engine) keeps its readable part
    for f in fallbacks {
        let (Some(page), Some(slot)) = (dev.pages.get_mut(f.index), laid.get_mut(f.index)) else {
            continue;
        };
        if page.glyphs.is_empty() {
            warnings.push(f.warning);
            *slot = Some(f.items);
            *page = f.page;
        }
    }
    let deadline = ocr_out.deadline;
    // Text drawn only by annotations (an e-signature stamp on a scanned page) is no text
    // layer: the document still needs OCR.
    let has_text = dev.pages.iter().any(collect::PageData::has_content_text);
    let damaged = lost_refs > 0 || warnings.iter().any(|w| w.starts_with(salvage::PARTIAL));
    if has_text && damaged {
        // a page of a damaged file that gave nothing, and no warning says why yet
        let silent: Vec<u32> = dev
            .pages
            .iter()
            .filter(|p| !p.has_content_text())
            .map(|p| p.number)
            .filter(|n| {
                !warnings
                    .iter()
                    .any(|w| w.starts_with(&format!("page {n}:")))
            })
            .collect();
        for n in silent {
            warnings.push(format!(
                "page {n}: no text came out: objects it needs (content stream, fonts) are missing from the file or damaged"
            ));
        }
    }
    if !has_text {
        let cut = warnings.iter().find(|w| w.starts_with(salvage::PARTIAL));
        if let (Some(cut), true) = (cut, drew_glyphs || lost_refs > 0) {
            // not a scan: the pages drew text that cannot be decoded, or lost objects
            return Err(PdfError::Truncated(truncated_message(
                cut,
                page_numbers.len(),
            )));
        }
        if failed == page_numbers.len() {
            let first = warnings
                .iter()
                .find(|w| w.starts_with("page "))
                .cloned()
                .unwrap_or_default();
            return Err(PdfError::Malformed(format!(
                "no page could be read ({first})"
            )));
        }
        if let Some(e) = ocr_out.error {
            return Err(e);
        }
        return Err(PdfError::NoText);
    }
    let mut out = RawDocument {
        format: Some(Format::Pdf),
        pages: Some(u32::try_from(page_numbers.len()).unwrap_or(u32::MAX)),
        warnings,
        ocr: ocr_out.info,
        ..Default::default()
    };
    // a stamp's lines go after its page's OCR lines (the stamp is not in the scan image)
    let stamps: Vec<Option<Vec<Item>>> = dev
        .pages
        .iter()
        .map(|p| {
            let glyphs = ocr_out
                .stamps
                .iter()
                .find(|(n, _)| *n == p.number)
                .map(|(_, g)| g.clone())?;
            Some(layout::page_items(&collect::PageData {
                number: p.number,
                glyphs,
                ..Default::default()
            }))
        })
        .collect();
    layout_pages_with(&dev.pages, laid, stamps, deadline, &mut out)?;
    out.warnings = group_page_warnings(std::mem::take(&mut out.warnings));
    Ok(out)
}

/// The same warning on several pages (a damaged font used throughout) once, naming them
/// all: "pages 1–10: font X: …", where the first of them stood.
fn group_page_warnings(warnings: Vec<String>) -> Vec<String> {
    let split = |w: &str| -> Option<(usize, String)> {
        let rest = w.strip_prefix("page ")?;
        let (n, text) = rest.split_once(": ")?;
        Some((n.parse().ok()?, text.to_string()))
    };
    let mut pages_of: Vec<(String, Vec<usize>)> = Vec::new();
    for w in &warnings {
        if let Some((n, text)) = split(w) {
            match pages_of.iter_mut().find(|(t, _)| *t == text) {
                Some((_, ns)) => {
                    if !ns.contains(&n) {
                        ns.push(n);
                    }
                }
                None => pages_of.push((text, vec![n])),
            }
        }
    }
    let mut out = Vec::with_capacity(warnings.len());
    let mut done: std::collections::HashSet<String> = std::collections::HashSet::new();
    for w in &warnings {
        let Some((_, text)) = split(w) else {
            out.push(w.clone());
            continue;
        };
        if !done.insert(text.clone()) {
            continue;
        }
        if let Some((_, ns)) = pages_of.iter_mut().find(|(t, _)| *t == text) {
            if ns.len() == 1 {
                out.push(w.clone());
            } else {
                ns.sort_unstable();
                out.push(format!("pages {}: {text}", salvage::ranges(ns)));
            }
        }
    }
    out
}

/// Lay out every page (lines, reading order, tables), merge tables continued across pages,
/// and append the blocks, with page breaks between pages, to `out`.
pub(crate) fn layout_pages(
    data: &[collect::PageData],
    deadline: Instant,
    out: &mut RawDocument,
) -> Result<(), PdfError> {
    layout_pages_with(data, Vec::new(), Vec::new(), deadline, out)
}

/// [`layout_pages`] reusing the items of pages already laid out (`laid[i]`, when `Some`
/// and the page was not read again since: OCRed pages are laid out anew), with `after[i]`
/// (an OCRed page's stamp lines) appended to page `i`.
fn layout_pages_with(
    data: &[collect::PageData],
    mut laid: Vec<Option<Vec<Item>>>,
    mut after: Vec<Option<Vec<Item>>>,
    deadline: Instant,
    out: &mut RawDocument,
) -> Result<(), PdfError> {
    let mut pages: Vec<Vec<Item>> = Vec::with_capacity(data.len());
    for (i, p) in data.iter().enumerate() {
        if Instant::now() >= deadline {
            return Err(PdfError::Timeout(Duration::ZERO));
        }
        let ocred = out
            .ocr
            .as_ref()
            .is_some_and(|o| o.pages.contains(&p.number));
        match laid.get_mut(i).and_then(Option::take) {
            Some(items) if !ocred => pages.push(items),
            _ => pages.push(layout::page_items(p)),
        }
    }
    merge_continued_tables(&mut pages);
    // stamp lines after the last page, each with its page (a stamp put in the middle of the
    // text would cut a paragraph running across the page break)
    let tail: Vec<(Item, InputPos)> = data
        .iter()
        .enumerate()
        .flat_map(|(i, page)| {
            let pos = InputPos {
                byte: 0,
                line: page.number as usize,
            };
            after
                .get_mut(i)
                .and_then(Option::take)
                .unwrap_or_default()
                .into_iter()
                .map(move |item| (item, pos))
        })
        .collect();
    for (i, (items, page)) in pages.into_iter().zip(data.iter()).enumerate() {
        let pos = InputPos {
            byte: 0,
            line: page.number as usize,
        };
        if i > 0 {
            out.blocks.push(Block::PageBreak);
            out.positions.push(pos);
        }
        for item in items {
            out.blocks.push(match item {
                Item::Line(s) => Block::Line(s),
                Item::Table(t, _) => Block::Table(t),
                Item::Note(marker, text) => match (marker, out.footnotes.last_mut()) {
                    (Some(marker), _) => {
                        out.footnotes.push(RawFootnote {
                            marker,
                            text,
                            page: Some(page.number),
                        });
                        continue;
                    }
                    (None, Some(last)) => {
                        layout::join_wrapped(&mut last.text, &text);
                        continue;
                    }
                    // the rest of a note no note came before: text as it stands
                    (None, None) => Block::Line(text),
                },
            });
            out.positions.push(pos);
        }
    }
    for (item, pos) in tail {
        out.blocks.push(match item {
            Item::Line(s) | Item::Note(_, s) => Block::Line(s),
            Item::Table(t, _) => Block::Table(t),
        });
        out.positions.push(pos);
    }
    Ok(())
}

/// The text of a page's items, one per line.
fn items_text(items: &[Item]) -> String {
    let mut text = String::new();
    for item in items {
        match item {
            Item::Line(s) | Item::Note(_, s) => text.push_str(s),
            Item::Table(t, _) => {
                for cell in t.rows.iter().flatten() {
                    text.push_str(cell);
                    text.push(' ');
                }
            }
        }
        text.push('\n');
    }
    text
}

/// What an unreadable page keeps should OCR not read it: the page (its glyphs) and its
/// items, with the warning that says what was dropped.
struct Fallback {
    index: usize,
    page: collect::PageData,
    items: Vec<Item>,
    warning: String,
}

/// Pages whose text layer is not readable Vietnamese (English OCR of a scan, a font whose
/// codes could not be mapped; over a scan, also a layer without the letters only
/// Vietnamese writes, [`quality::lacks_vietnamese_letters`]) lose their glyphs and lines,
/// with a warning: they are image pages, for OCR, rather than text. Each such page's readable part, if any, is returned,
/// to be its text when OCR does not read the page (no image under it, no engine):
/// - a page whose content stream is damaged: the glyphs drawn before the damage, when they
///   read as Vietnamese;
/// - otherwise, a page drawn partly in a font whose map was lost or damaged: its words
///   without a foreign character ([`quality::is_foreign`]), when they read as Vietnamese.
fn drop_unreadable_pages(
    pages: &mut [Option<Vec<Item>>],
    data: &mut [collect::PageData],
    draws_scan: &dyn Fn(u32) -> bool,
    warnings: &mut Vec<String>,
) -> Vec<Fallback> {
    let mut fallbacks = Vec::new();
    for (i, (slot, page)) in pages.iter_mut().zip(data.iter_mut()).enumerate() {
        let Some(items) = slot.as_mut() else { continue };
        let text = items_text(items);
        let verdict = quality::assess(&text);
        let scan = draws_scan(page.number);
        // over a scan, a layer without Vietnamese letters is English OCR: the image reads
        // better
        let readable = verdict.readable && !(scan && quality::lacks_vietnamese_letters(&verdict));
        if !readable && printed_in_another_language(page, &text, &verdict) && !scan {
            warnings.push(format!(
                "page {}: text does not read as Vietnamese (another language?): kept as printed",
                page.number
            ));
            continue;
        }
        if !readable {
            let fallback = before_damage(i, page).or_else(|| foreign_words_dropped(i, page, items));
            // a layer kept because no image is there is not treated as an image page
            let layer = fallback
                .is_none()
                .then(|| ocr_layer_kept(i, page, items, &text, &verdict, scan))
                .flatten();
            if layer.is_none() {
                warnings.push(format!(
                    "page {}: text layer is not readable Vietnamese (English OCR or broken font?): treated as an image page",
                    page.number
                ));
            }
            fallbacks.extend(fallback.or(layer));
            items.clear();
            page.glyphs.clear();
        }
    }
    fallbacks
}

/// A page that fails the Vietnamese check but is printed text of another language (an
/// English annex): its glyphs are visible (an OCR layer over a scan is drawn invisible,
/// rendering mode 3, or under the image: the caller also asks for no scan on the page),
/// it has no character no Latin-script document is typed in, few odd
/// signs, and hardly a letter only Vietnamese writes (under one word in fifty). A font
/// whose map was lost draws foreign characters or odd signs instead; a damaged content
/// stream scatters Vietnamese letters.
fn printed_in_another_language(
    page: &collect::PageData,
    text: &str,
    verdict: &quality::Verdict,
) -> bool {
    let drawn = page.glyphs.iter().filter(|g| !g.space).count();
    let words: Vec<&str> = text.split_whitespace().collect();
    let vietnamese = words
        .iter()
        .filter(|w| w.chars().any(quality::is_vietnamese_only))
        .count();
    page.damage_at.is_none()
        && page.invisible * 10 <= drawn
        && verdict.odd <= quality::MAX_ODD
        && vietnamese * 50 < words.len()
        && !text.chars().any(quality::is_foreign)
}

/// Enough text that reads as Vietnamese to stand for a page.
fn reads_as_page(text: &str) -> bool {
    reads_as_letters(text) && quality::assess(text).readable
}

/// The glyphs of a page drawn before its content stream's damage, when they read.
fn before_damage(index: usize, page: &collect::PageData) -> Option<Fallback> {
    let cut = page.damage_at.filter(|&c| c > 0 && c < page.glyphs.len())?;
    let mut before = page.clone();
    before.glyphs.truncate(cut);
    let items = layout::page_items(&before);
    reads_as_page(&items_text(&items)).then(|| Fallback {
        index,
        warning: format!(
            "page {}: text unreadable from where its content stream is damaged: the {cut} glyph(s) drawn before kept, the rest dropped",
            page.number
        ),
        page: before,
        items,
    })
}

/// A page's items without the words that carry a foreign character, when some were
/// dropped and the rest reads.
fn foreign_words_dropped(
    index: usize,
    page: &collect::PageData,
    items: &[Item],
) -> Option<Fallback> {
    let mut dropped = 0usize;
    let mut clean = |s: &str| {
        let kept = quality::without_foreign_words(s);
        dropped += s.split_whitespace().count() - kept.split_whitespace().count();
        kept
    };
    let mut kept_items = Vec::new();
    for item in items {
        match item {
            Item::Line(s) => {
                let k = clean(s);
                if k.chars().any(char::is_alphanumeric) {
                    kept_items.push(Item::Line(k));
                }
            }
            Item::Note(m, s) => {
                let k = clean(s);
                if k.chars().any(char::is_alphanumeric) {
                    kept_items.push(Item::Note(m.clone(), k));
                }
            }
            Item::Table(t, edges) => {
                let mut t = t.clone();
                for cell in t.rows.iter_mut().flatten() {
                    *cell = clean(cell);
                }
                kept_items.push(Item::Table(t, edges.clone()));
            }
        }
    }
    (dropped > 0 && reads_as_page(&items_text(&kept_items))).then(|| Fallback {
        index,
        warning: format!(
            "page {}: text layer partly unreadable (a font whose Unicode map is lost or damaged?): {dropped} word(s) drawn in foreign characters dropped, the rest kept",
            page.number
        ),
        page: page.clone(),
        items: kept_items,
    })
}

/// An invisible text layer (rendering mode 3, as OCR tools lay their text over a scan) on a
/// page that draws no scan to read again: the image was lost (a file cut before it, an
/// object damaged) or never there, and the layer is the only record of the page. It is
/// kept as it is, marks missing, with a warning, when it is letters in a Latin script: a
/// layer drawn in a font whose map was lost (foreign characters, odd signs) is not. A page
/// that draws a scan is read from its image, or, without an OCR engine, gets the error
/// that names the packages to install.
fn ocr_layer_kept(
    index: usize,
    page: &collect::PageData,
    items: &[Item],
    text: &str,
    verdict: &quality::Verdict,
    scan: bool,
) -> Option<Fallback> {
    let drawn = page.glyphs.iter().filter(|g| !g.space).count();
    let layer = !scan
        && page.damage_at.is_none()
        && page.invisible * 2 > drawn
        && verdict.odd <= quality::MAX_ODD
        && !text.chars().any(quality::is_foreign);
    (layer && reads_as_letters(text)).then(|| Fallback {
        index,
        warning: format!(
            "page {}: the only text is an invisible OCR layer that does not read as Vietnamese (English OCR?) and no image is left to read again: kept as it is",
            page.number
        ),
        page: page.clone(),
        items: items.to_vec(),
    })
}

/// Enough letters to stand for a page, whatever their language.
fn reads_as_letters(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 40
}

/// Why a truncated file gave no text, from its `partial:` warning.
fn truncated_message(partial: &str, surviving: usize) -> String {
    let what = partial
        .strip_prefix(salvage::PARTIAL)
        .unwrap_or(partial)
        .trim();
    format!(
        "{what}; the {surviving} page(s) found show no text: the objects their text needs \
         (fonts, font programs, content streams) are not in the file, lost past the cut or \
         to the damage (re-download the file)"
    )
}

/// A clear one-line reason for a file lopdf refused.
fn describe_load_error(e: &lopdf::Error, bytes: &[u8]) -> String {
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or_default();
    let has_eof = tail.windows(5).any(|w| w == b"%%EOF");
    let reason = one_line(&e.to_string());
    if has_eof {
        format!("cannot parse: {reason}")
    } else {
        format!("cannot parse (truncated? no %%EOF at the end): {reason}")
    }
}

/// A page-number line ("3", "- 3 -", "Trang 3", "3/12"): digit groups of at most three digits.
pub(crate) fn is_page_furniture(s: &str) -> bool {
    let t = s.trim();
    let t = t
        .strip_prefix("Trang")
        .or_else(|| t.strip_prefix("trang"))
        .unwrap_or(t)
        .trim();
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    !groups.is_empty()
        && groups.len() <= 2
        && groups.iter().all(|g| g.len() <= 3)
        && t.chars()
            .all(|c| c.is_ascii_digit() || " -–/()".contains(c))
}

/// A table that ends a page (only page furniture after it) continued by a table that
/// starts the next page: one table, when their columns line up. Ruled pieces are lined up
/// by their column edges (`table::line_up`: same outer edges, every column of the narrower
/// piece on a column of the wider, so a column empty on one page does not split the
/// table), or, when the edges differ, by the same number of columns under a repeated
/// header; pieces without known edges need the same number of columns. The rows of a
/// repeated header (the continuation starting with the table's first rows) are dropped,
/// and a row cut by the page break is joined ([`append_rows`]). The header stays the
/// table's own: the continuation's first row is never taken for one.
fn merge_continued_tables(pages: &mut [Vec<Item>]) {
    let furniture = |i: &Item| {
        matches!(i, Item::Note(..)) || matches!(i, Item::Line(s) if is_page_furniture(s))
    };
    // (page, item) of the table that ends the text read so far
    let mut open: Option<(usize, usize)> = None;
    for p in 0..pages.len() {
        let Some(page) = pages.get(p) else {
            continue;
        };
        if let Some((tp, ti)) = open {
            if let Some(ni) = page.iter().position(|i| !furniture(i)) {
                let plan = match (page.get(ni), pages.get(tp).and_then(|pg| pg.get(ti))) {
                    (Some(Item::Table(b, be)), Some(Item::Table(a, ae))) => {
                        continuation(a, ae, b, be)
                    }
                    _ => None,
                };
                if let Some((for_a, for_b, width)) = plan {
                    if let Some(Item::Table(b, be)) = pages.get_mut(p).map(|pg| pg.remove(ni)) {
                        if let Some(Item::Table(a, ae)) =
                            pages.get_mut(tp).and_then(|pg| pg.get_mut(ti))
                        {
                            place_columns(&mut a.rows, &for_a, width);
                            if be.len() > ae.len() {
                                *ae = be;
                            }
                            let mut b = b;
                            place_columns(&mut b.rows, &for_b, width);
                            append_rows(a, b);
                        }
                    }
                }
            }
        }
        let Some(page) = pages.get(p) else { continue };
        match page.iter().rposition(|i| !furniture(i)) {
            Some(last) if matches!(page.get(last), Some(Item::Table(..))) => open = Some((p, last)),
            Some(_) => open = None,
            None => {} // an empty page (or one emptied by the merge) keeps the table open
        }
    }
}

/// Where the columns of table `a` and of its continuation `b` go in the joined table:
/// `(for_a, for_b, width)`, or `None` when `b` is not `a`'s continuation.
fn continuation(
    a: &RawTable,
    a_edges: &[f64],
    b: &RawTable,
    b_edges: &[f64],
) -> Option<(Vec<usize>, Vec<usize>, usize)> {
    let (wa, wb) = (width(a), width(b));
    if wa == 0 || wb == 0 {
        return None;
    }
    let same = || ((0..wa).collect(), (0..wb).collect(), wa);
    if a_edges.len() == wa + 1 && b_edges.len() == wb + 1 {
        if let Some(plan) = table::line_up(a_edges, b_edges) {
            return Some(plan);
        }
        // columns sized anew on each page (one table per page in the source): a repeated
        // header still says it is the same table
        let repeated = b.rows.first().is_some_and(|r| a.rows.first() == Some(r));
        return (wa == wb && repeated).then(same);
    }
    (wa == wb).then(same)
}

/// Spread each row's cells over `width` columns: cell `i` to column `to[i]`.
fn place_columns(rows: &mut [Vec<String>], to: &[usize], width: usize) {
    if to.len() == width && to.iter().enumerate().all(|(i, &j)| i == j) {
        return;
    }
    for row in rows.iter_mut() {
        let mut out = vec![String::new(); width];
        for (cell, &j) in std::mem::take(row).into_iter().zip(to) {
            if let Some(slot) = out.get_mut(j) {
                *slot = cell;
            }
        }
        *row = out;
    }
}

fn width(t: &RawTable) -> usize {
    t.rows.iter().map(Vec::len).max().unwrap_or(0)
}

/// A total row ("Cộng:", "Tổng cộng") has no label in the first column of its own.
fn is_total_row(row: &[String]) -> bool {
    row.iter().any(|c| {
        let k = c.trim().to_lowercase();
        k.starts_with("cộng") || k.starts_with("tổng cộng") || k.starts_with("tổng số")
    })
}

/// Append the continuation `b` (already in `a`'s columns) to `a`. Its first rows, when
/// they repeat `a`'s first rows (a header of one or more rows, the column-number row), are
/// dropped. Its first row is then the rest of `a`'s last row, cut by the page break, when
/// it has no label in the first column, is no total row, has text only in columns where
/// the last row has some, and either a cell of it goes on in lower case or the last row
/// has a label of its own: the two are joined cell by cell.
fn append_rows(a: &mut RawTable, b: RawTable) {
    let repeated = a
        .rows
        .iter()
        .zip(&b.rows)
        .take(3)
        .take_while(|(x, y)| x == y && x.iter().any(|c| !c.is_empty()))
        .count();
    let mut rows = b.rows.into_iter().skip(repeated).peekable();
    let cut_rest = |first: &Vec<String>, last: &Vec<String>| {
        let lower = first
            .iter()
            .any(|c| c.chars().next().is_some_and(char::is_lowercase));
        first.first().is_some_and(String::is_empty)
            && first.iter().any(|c| !c.is_empty())
            && !is_total_row(first)
            && first
                .iter()
                .zip(last)
                .all(|(f, l)| f.is_empty() || !l.is_empty())
            && (lower || last.first().is_some_and(|c| !c.is_empty()))
    };
    if let (Some(first), Some(last)) = (rows.peek(), a.rows.last_mut()) {
        if cut_rest(first, last) {
            if let Some(first) = rows.next() {
                for (cell, more) in last.iter_mut().zip(first) {
                    if !more.is_empty() {
                        layout::join_wrapped(cell, &more);
                    }
                }
            }
        }
    }
    a.rows.extend(rows);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_warning_on_several_pages_is_told_once() {
        let w = |s: &str| s.to_string();
        let got = super::group_page_warnings(vec![
            w("cross-reference table rebuilt"),
            w("page 1: font X: damaged"),
            w("page 2: content stream damaged"),
            w("page 2: font X: damaged"),
            w("page 3: font X: damaged"),
            w("page 5: font X: damaged"),
        ]);
        assert_eq!(
            got,
            vec![
                w("cross-reference table rebuilt"),
                w("pages 1–3, 5: font X: damaged"),
                w("page 2: content stream damaged"),
            ]
        );
    }

    use super::*;

    #[test]
    fn not_pdf_and_empty_are_malformed_with_clear_messages() {
        let o = PdfOptions::default();
        let e = read_pdf(b"", &o).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
        let e = read_pdf("KẾ HOẠCH\n".as_bytes(), &o).unwrap_err();
        assert!(e.to_string().contains("not a PDF"), "{e}");
    }

    #[test]
    fn truncated_header_only_is_malformed() {
        let e = read_pdf(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            &PdfOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(e, PdfError::Malformed(_)), "{e:?}");
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn page_furniture() {
        assert!(is_page_furniture("3"));
        assert!(is_page_furniture("- 12 -"));
        assert!(is_page_furniture("Trang 4"));
        assert!(!is_page_furniture("2025"));
        assert!(!is_page_furniture("Nhiệm vụ 3"));
        assert!(!is_page_furniture("-"));
    }

    #[test]
    fn continued_table_merged_and_repeated_header_dropped() {
        let head = vec!["STT".to_string(), "Nội dung".to_string()];
        let t1 = RawTable {
            rows: vec![head.clone(), vec!["1".into(), "a".into()]],
            page: Some(1),
        };
        let t2 = RawTable {
            rows: vec![head.clone(), vec!["2".into(), "b".into()]],
            page: Some(2),
        };
        let mut pages = vec![
            vec![
                Item::Line("x".into()),
                Item::Table(t1, vec![]),
                Item::Line("1".into()),
            ],
            vec![Item::Table(t2, vec![]), Item::Line("sau".into())],
        ];
        merge_continued_tables(&mut pages);
        let Item::Table(t, _) = &pages[0][1] else {
            panic!("table expected")
        };
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2], vec!["2".to_string(), "b".to_string()]);
        assert_eq!(pages[1], vec![Item::Line("sau".into())]);
    }

    #[test]
    fn tables_of_different_width_not_merged() {
        let t1 = RawTable {
            rows: vec![vec!["a".into(), "b".into()]],
            page: Some(1),
        };
        let t2 = RawTable {
            rows: vec![vec!["a".into(), "b".into(), "c".into()]],
            page: Some(2),
        };
        let mut pages = vec![vec![Item::Table(t1, vec![])], vec![Item::Table(t2, vec![])]];
        merge_continued_tables(&mut pages);
        assert_eq!(pages[1].len(), 1);
    }

    #[test]
    fn table_continued_across_an_emptied_page_and_split_row_joined() {
        let row = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        let t = |rows: Vec<Vec<String>>| Item::Table(RawTable { rows, page: None }, vec![]);
        let mut pages = vec![
            vec![t(vec![row("STT", "Việc"), row("1", "Tổ chức mô hình")])],
            vec![
                t(vec![row("", "hợp tác xã"), row("2", "b")]),
                Item::Line("2".into()),
            ],
            vec![t(vec![row("STT", "Việc"), row("3", "c")])],
        ];
        merge_continued_tables(&mut pages);
        let Item::Table(tb, _) = &pages[0][0] else {
            panic!("table expected")
        };
        assert_eq!(
            tb.rows,
            vec![
                row("STT", "Việc"),
                row("1", "Tổ chức mô hình hợp tác xã"),
                row("2", "b"),
                row("3", "c")
            ]
        );
        assert!(pages[2].is_empty());
    }

    #[test]
    fn zero_timeout_is_a_timeout_or_error_never_a_hang() {
        let o = PdfOptions {
            timeout: Duration::ZERO,
            ..Default::default()
        };
        let r = read_pdf(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF", &o);
        assert!(r.is_err());
    }
}
