//! Reads document metadata (issuer, number, date, kind, title, signer, province) and owns the province gazetteer.
#![forbid(unsafe_code)]

use vanban_model::{Metadata, NormalizedDocument};

/// Result of metadata extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaOutput {
    /// Contract metadata.
    pub metadata: Metadata,
    /// Notes on guesses (e.g. weak province evidence).
    pub warnings: Vec<String>,
}

/// Extract metadata from a normalized document.
pub fn extract(doc: &NormalizedDocument) -> MetaOutput {
    let _ = doc;
    MetaOutput::default()
}
