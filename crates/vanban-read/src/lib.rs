//! Readers: turn the bytes of a text, markdown, HTML, DOCX or PDF file into a raw document (blocks of lines, paragraphs and tables).
#![forbid(unsafe_code)]

use std::time::Duration;
use vanban_model::{Block, Format, InputPos, RawDocument};

pub mod docx;
pub mod html;
pub mod legacy;
pub mod markdown;
pub mod text;

pub use vanban_pdf::{OcrMode, Progress};

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Time budget (PDF), before the OCR budget.
    pub timeout: Duration,
    /// When scanned pages are read by OCR.
    pub ocr: OcrMode,
    /// OCR languages, Tesseract style ("vie", "vie+eng").
    pub ocr_languages: String,
    /// Resolution OCR works at (low-resolution scans are upscaled to it).
    pub ocr_dpi: u32,
    /// Time added to the budget per page read by OCR.
    pub ocr_page_budget: Duration,
    /// Progress of OCR, page by page.
    pub progress: Option<Progress>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        let ocr = vanban_pdf::PdfOptions::default();
        ReadOptions {
            timeout: Duration::from_secs(60),
            ocr: OcrMode::Auto,
            ocr_languages: ocr.ocr_settings.languages,
            ocr_dpi: ocr.ocr_settings.dpi,
            ocr_page_budget: ocr.ocr_page_budget,
            progress: None,
        }
    }
}

impl ReadOptions {
    fn pdf(&self) -> vanban_pdf::PdfOptions {
        let mut o = vanban_pdf::PdfOptions {
            timeout: self.timeout,
            ocr: self.ocr,
            ocr_page_budget: self.ocr_page_budget,
            progress: self.progress.clone(),
            ..Default::default()
        };
        o.ocr_settings.languages = self.ocr_languages.clone();
        o.ocr_settings.dpi = self.ocr_dpi;
        o
    }
}

/// Why bytes could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Zero bytes or only whitespace.
    #[error("empty file")]
    Empty,
    /// A document that was read (pages, a scan OCR read) but holds no words.
    #[error("{0}")]
    NoWords(String),
    /// Not a document format vanban reads.
    #[error("binary data: {0}")]
    Binary(String),
    /// Bytes that no supported encoding decodes plausibly.
    #[error("undecodable text: {0}")]
    Undecodable(String),
    /// A PDF problem.
    #[error("{0}")]
    Pdf(#[from] vanban_pdf::PdfError),
    /// A DOCX problem.
    #[error("bad DOCX: {0}")]
    Docx(String),
    /// A reader panicked; the message is kept.
    #[error("internal reader failure: {0}")]
    Panic(String),
}

impl ReadError {
    /// Short machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            ReadError::Empty => "empty",
            ReadError::NoWords(_) => "no-text",
            ReadError::Binary(_) => "binary",
            ReadError::Undecodable(_) => "undecodable",
            ReadError::Pdf(vanban_pdf::PdfError::Encrypted) => "encrypted",
            ReadError::Pdf(vanban_pdf::PdfError::NoText) => "no-text",
            ReadError::Pdf(vanban_pdf::PdfError::Timeout(_)) => "timeout",
            ReadError::Pdf(vanban_pdf::PdfError::Ocr(_)) => "no-text",
            ReadError::Pdf(vanban_pdf::PdfError::Image(_)) => "image",
            ReadError::Pdf(_) => "pdf",
            ReadError::Docx(_) => "docx",
            ReadError::Panic(_) => "panic",
        }
    }
}

/// Detect the format from content first (magic bytes, markup), the file name second.
///
/// ```
/// use vanban_model::Format;
/// assert_eq!(vanban_read::detect_format(b"%PDF-1.7\n...", Some("a.txt")), Format::Pdf);
/// assert_eq!(vanban_read::detect_format(b"<html><body><p>x</p></body></html>", None), Format::Html);
/// assert_eq!(vanban_read::detect_format(b"plain", Some("a.md")), Format::Markdown);
/// assert_eq!(vanban_read::detect_format(b"II*\0\x08\0\0\0", Some("a.txt")), Format::Image);
/// assert_eq!(vanban_read::detect_format(b"RIFF\x24\0\0\0WEBPVP8 ", None), Format::Image);
/// ```
pub fn detect_format(bytes: &[u8], name_hint: Option<&str>) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    if vanban_ocr::decode::is_image_file(bytes) {
        return Format::Image;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    let ext = name_hint
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let sniff = String::from_utf8_lossy(head);
    if html::looks_like_html(&sniff) {
        return Format::Html;
    }
    match ext.as_str() {
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        _ => Format::Text,
    }
}

fn ext_format(name_hint: Option<&str>) -> Option<Format> {
    let ext = name_hint?.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        "html" | "htm" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        "jpg" | "jpeg" | "png" | "tif" | "tiff" | "webp" | "jp2" => Some(Format::Image),
        _ => None,
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

fn line_blocks(text: &str) -> (Vec<Block>, Vec<InputPos>) {
    let mut blocks = Vec::new();
    let mut pos = Vec::new();
    let mut byte = 0;
    for (i, line) in text.split('\n').enumerate() {
        blocks.push(Block::Line(line.trim_end_matches('\r').to_string()));
        pos.push(InputPos { byte, line: i + 1 });
        byte += line.len() + 1;
    }
    (blocks, pos)
}

fn read_inner(
    bytes: &[u8],
    name_hint: Option<&str>,
    opts: &ReadOptions,
) -> Result<RawDocument, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let format = detect_format(bytes, name_hint);
    let mut warnings = Vec::new();
    if let Some(e) = ext_format(name_hint) {
        if e != format && !(e == Format::Text && format == Format::Markdown) {
            warnings.push(format!(
                "file name says {} but the content is {}: read as {}",
                e.as_str(),
                format.as_str(),
                format.as_str()
            ));
        }
    }
    let mut doc = match format {
        Format::Pdf => vanban_pdf::read_pdf(bytes, &opts.pdf())?,
        Format::Image => vanban_pdf::read_image(bytes, &opts.pdf())?,
        Format::Docx => docx::read_docx(bytes).map_err(ReadError::Docx)?,
        Format::Html | Format::Markdown | Format::Text => {
            let decoded = text::decode(bytes)?;
            // CR-only line ends become LF
            let t = if decoded.text.contains('\r') && !decoded.text.contains('\n') {
                decoded.text.replace('\r', "\n")
            } else {
                decoded.text
            };
            let (format, (blocks, positions)) = match format {
                Format::Html => (Format::Html, (html::read(&t), Vec::new())),
                _ if format == Format::Markdown || markdown::looks_like_markdown(&t) => {
                    (Format::Markdown, markdown::read(&t))
                }
                _ => (Format::Text, line_blocks(&t)),
            };
            RawDocument {
                format: Some(format),
                pages: None,
                blocks,
                positions,
                encoding: Some(decoded.encoding),
                warnings: Vec::new(),
                footnotes: Vec::new(),
                ocr: None,
            }
        }
    };
    if matches!(format, Format::Pdf | Format::Docx) {
        if let Some(enc) = legacy::convert_document(&mut doc) {
            warnings.push(format!(
                "text typed in a {} font: converted to Unicode",
                enc.name()
            ));
            doc.encoding = Some(enc.name().to_string());
        }
    }
    let has_text = doc.blocks.iter().any(|b| match b {
        Block::Line(l) | Block::Paragraph(l) => l.chars().any(|c| c.is_alphanumeric()),
        Block::Table(t) => t.rows.iter().flatten().any(|c| !c.trim().is_empty()),
        Block::PageBreak => false,
    });
    if !has_text {
        // a file with content but no words: say what was read, not "empty file"
        return Err(match (&doc.ocr, doc.format) {
            (Some(ocr), _) => ReadError::NoWords(format!(
                "no text: OCR read no words on the {} page(s) it read (blank pages, or \
                 pictures without text)",
                ocr.pages.len()
            )),
            (None, Some(Format::Pdf | Format::Docx | Format::Image)) => {
                ReadError::NoWords("no text: the document's pages hold no words".into())
            }
            _ => ReadError::Empty,
        });
    }
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    Ok(doc)
}

/// Read bytes into a raw document. The content decides the format; `name_hint` (a file
/// name) only breaks ties the content leaves open. Panics inside a reader are caught and
/// returned as [`ReadError::Panic`].
///
/// ```
/// let d = vanban_read::read("KẾ HOẠCH\r\nThực hiện".as_bytes(), Some("x.txt"), &Default::default()).unwrap();
/// assert_eq!(d.blocks.len(), 2);
/// assert!(vanban_read::read(b"", None, &Default::default()).is_err());
/// ```
pub fn read(
    bytes: &[u8],
    name_hint: Option<&str>,
    opts: &ReadOptions,
) -> Result<RawDocument, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_inner(bytes, name_hint, opts)
    })) {
        Ok(r) => r,
        Err(p) => Err(ReadError::Panic(panic_message(p))),
    }
}
