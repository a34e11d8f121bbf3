//! Readers: turn the bytes of a text, markdown, HTML, DOCX or PDF file into a raw document (blocks of lines, paragraphs and tables).
#![forbid(unsafe_code)]

use std::time::Duration;
use vanban_model::{Block, Format, InputPos, RawDocument};

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Time budget (PDF).
    pub timeout: Duration,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { timeout: Duration::from_secs(60) }
    }
}

/// Why bytes could not be read as a document.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Zero bytes or only whitespace.
    #[error("empty file")]
    Empty,
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
            ReadError::Binary(_) => "binary",
            ReadError::Undecodable(_) => "undecodable",
            ReadError::Pdf(vanban_pdf::PdfError::Encrypted) => "encrypted",
            ReadError::Pdf(vanban_pdf::PdfError::NoText) => "no-text",
            ReadError::Pdf(vanban_pdf::PdfError::Timeout(_)) => "timeout",
            ReadError::Pdf(_) => "pdf",
            ReadError::Docx(_) => "docx",
            ReadError::Panic(_) => "panic",
        }
    }
}

/// Read bytes into a raw document. `name_hint` (a file name) only breaks ties the content leaves open.
pub fn read(bytes: &[u8], name_hint: Option<&str>, opts: &ReadOptions) -> Result<RawDocument, ReadError> {
    let _ = (name_hint, opts);
    let s = std::str::from_utf8(bytes).map_err(|e| ReadError::Undecodable(e.to_string()))?;
    let mut doc = RawDocument { format: Some(Format::Text), ..Default::default() };
    let mut byte = 0;
    for (i, line) in s.split('\n').enumerate() {
        doc.blocks.push(Block::Line(line.trim_end_matches('\r').to_string()));
        doc.positions.push(InputPos { byte, line: i + 1 });
        byte += line.len() + 1;
    }
    Ok(doc)
}
