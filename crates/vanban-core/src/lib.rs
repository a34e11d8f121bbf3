//! The pipeline: bytes in, a contract `Document` out (read, normalize, extract); no file or network I/O.
//!
//! ```
//! let doc = vanban_core::process(b"KE HOACH\nThuc hien Nghi quyet so 20-NQ/TW.\n", "x.txt", &Default::default()).unwrap();
//! assert_eq!(doc.schema_version, 1);
//! assert_eq!(doc.source.format, "text");
//! ```
#![forbid(unsafe_code)]

use sha2::{Digest, Sha256};
use std::time::Duration;
use vanban_model::{Document, NormalizedDocument, Source, SCHEMA_VERSION};
pub use vanban_read::{OcrMode, Progress, ReadError};

/// Options for one run of the pipeline.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time budget for reading one file (PDF extraction stops at this deadline); OCR adds
    /// `ocr_page_budget` per scanned page.
    pub timeout: Duration,
    /// When scanned pages are read by OCR (auto: pages without usable text that draw a scan,
    /// and scans with a few words added over them).
    pub ocr: OcrMode,
    /// OCR languages, Tesseract style ("vie", "vie+eng").
    pub ocr_languages: String,
    /// Resolution OCR works at.
    pub ocr_dpi: u32,
    /// Time added to the budget per page read by OCR.
    pub ocr_page_budget: Duration,
    /// Progress of OCR, page by page (a progress bar's hook).
    pub progress: Option<Progress>,
}

impl Default for Options {
    fn default() -> Self {
        let r = vanban_read::ReadOptions::default();
        Options {
            timeout: r.timeout,
            ocr: r.ocr,
            ocr_languages: r.ocr_languages,
            ocr_dpi: r.ocr_dpi,
            ocr_page_budget: r.ocr_page_budget,
            progress: None,
        }
    }
}

impl Options {
    fn read_options(&self) -> vanban_read::ReadOptions {
        vanban_read::ReadOptions {
            timeout: self.timeout,
            ocr: self.ocr,
            ocr_languages: self.ocr_languages.clone(),
            ocr_dpi: self.ocr_dpi,
            ocr_page_budget: self.ocr_page_budget,
            progress: self.progress.clone(),
        }
    }
}

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The reader refused the bytes.
    #[error(transparent)]
    Read(#[from] ReadError),
}

impl CoreError {
    /// A short machine-readable kind ("empty", "binary", "encrypted", …) for error reports.
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Read(e) => e.kind(),
        }
    }
}

/// The message of a caught panic (`&str` or `String` payloads), else "panic"; the shells
/// (`vanban batch`, the Python package) report it as a failure of kind `panic`.
///
/// ```
/// let p = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
/// assert_eq!(vanban_core::panic_text(p.as_ref()), "boom 1");
/// ```
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Hex SHA-256 of bytes.
///
/// ```
/// assert_eq!(&vanban_core::sha256_hex(b"")[..8], "e3b0c442");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Read and normalize: the text every extractor works on.
pub fn normalize_bytes(
    bytes: &[u8],
    path: &str,
    opts: &Options,
) -> Result<NormalizedDocument, CoreError> {
    Ok(normalize_with_ocr(bytes, path, opts)?.0)
}

/// Read and normalize, keeping what OCR reported.
fn normalize_with_ocr(
    bytes: &[u8],
    path: &str,
    opts: &Options,
) -> Result<(NormalizedDocument, Option<vanban_model::OcrInfo>), CoreError> {
    let raw = vanban_read::read(bytes, Some(path), &opts.read_options())?;
    Ok((vanban_normalize::normalize(&raw), raw.ocr))
}

/// Run the extractors on a normalized document.
pub fn extract(norm: NormalizedDocument, source: Source) -> Document {
    let mut warnings = norm.warnings.clone();
    let meta = vanban_meta::extract(&norm);
    warnings.extend(meta.warnings);
    let mut refs = vanban_refs::extract(&norm.text, meta.metadata.doc_number.as_deref());
    if let Some(title) = meta.metadata.title.as_deref() {
        vanban_refs::mark_implemented_by_title(&mut refs.references, title);
    }
    warnings.extend(refs.warnings);
    if source.ocr.is_some() {
        warnings.extend(vanban_refs::mend_ocr_law_numbers(&mut refs.references));
        warnings.extend(vanban_refs::mend_ocr_law_dates(
            &norm.text,
            &mut refs.references,
        ));
    }
    vanban_refs::identity::assign(&norm.text, &mut refs.references, &meta.metadata);
    let id = vanban_refs::identity::document_id(&meta.metadata);
    let targets = vanban_targets::extract(&norm);
    let tables = vanban_tables::extract(&norm);
    warnings.extend(tables.warnings);
    Document {
        schema_version: SCHEMA_VERSION,
        id,
        source,
        metadata: meta.metadata,
        text: norm.text,
        references: refs.references,
        targets,
        tables: tables.tables,
        tasks: tables.tasks,
        warnings,
        footnotes: norm.footnotes,
    }
}

/// The whole pipeline for one input: `path` is reported in `source.path` and used as a
/// format hint (its extension); the bytes decide the format first.
pub fn process(bytes: &[u8], path: &str, opts: &Options) -> Result<Document, CoreError> {
    let (norm, ocr) = normalize_with_ocr(bytes, path, opts)?;
    let source = Source {
        path: path.to_string(),
        format: norm
            .format
            .map(|f| f.as_str())
            .unwrap_or("text")
            .to_string(),
        sha256: sha256_hex(bytes),
        pages: norm.pages,
        encoding: None,
        partial: norm.warnings.iter().any(|w| w.starts_with("partial:")),
        ocr,
    };
    Ok(extract(norm, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITES: &[u8] = "KẾ HOẠCH\nCăn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 33/2024/QH15 ngày 29 tháng 11 năm 2024;\n".as_bytes();

    #[test]
    fn law_numbers_are_put_right_only_in_text_read_by_ocr() {
        // typed text says what it says
        let typed = process(CITES, "plan.txt", &Options::default()).unwrap();
        let n: Vec<_> = typed.references.iter().map(|r| r.number.clone()).collect();
        assert_eq!(n, [Some("33/2024/QH15".to_string())]);
        assert!(!typed.warnings.iter().any(|w| w.starts_with("OCR: law")));
        // the same words from a page reading: the laws table puts the number right
        let norm = normalize_bytes(CITES, "plan.txt", &Options::default()).unwrap();
        let source = Source {
            ocr: Some(vanban_model::OcrInfo::default()),
            ..typed.source.clone()
        };
        let read = extract(norm, source);
        let n: Vec<_> = read.references.iter().map(|r| r.number.clone()).collect();
        assert_eq!(n, [Some("55/2024/QH15".to_string())]);
        assert!(read
            .warnings
            .iter()
            .any(|w| w.starts_with("OCR: law number 33/2024/QH15")));
    }
}
