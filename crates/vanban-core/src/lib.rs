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
pub use vanban_read::ReadError;

/// Options for one run of the pipeline.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time budget for reading one file (PDF extraction stops at this deadline).
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(60),
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
    let ropts = vanban_read::ReadOptions {
        timeout: opts.timeout,
    };
    let raw = vanban_read::read(bytes, Some(path), &ropts)?;
    Ok(vanban_normalize::normalize(&raw))
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
    let targets = vanban_targets::extract(&norm);
    let tables = vanban_tables::extract(&norm);
    warnings.extend(tables.warnings);
    Document {
        schema_version: SCHEMA_VERSION,
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
    let norm = normalize_bytes(bytes, path, opts)?;
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
    };
    Ok(extract(norm, source))
}
