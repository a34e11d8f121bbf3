//! PDF reader: collects glyphs with positions through pdf-extract's output device and builds lines, pages, furniture marks and tables.
#![forbid(unsafe_code)]

use std::time::Duration;
use vanban_model::RawDocument;

/// Options for reading a PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Per-file time budget.
    pub timeout: Duration,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions { timeout: Duration::from_secs(60) }
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
    /// Malformed or unsupported file.
    #[error("malformed PDF: {0}")]
    Malformed(String),
}

/// Read a PDF from bytes.
pub fn read_pdf(bytes: &[u8], opts: &PdfOptions) -> Result<RawDocument, PdfError> {
    let _ = (bytes, opts);
    Err(PdfError::Malformed("PDF reading not implemented yet".into()))
}
