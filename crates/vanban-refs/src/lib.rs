//! Finds legal references (numbered symbols and named laws/resolutions) in normalized text and resolves every mention to one entry per document.
#![forbid(unsafe_code)]

use vanban_model::Reference;

/// Result of reference extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefsOutput {
    /// One entry per distinct referenced document.
    pub references: Vec<Reference>,
    /// Notes on guesses.
    pub warnings: Vec<String>,
}

/// Extract references from normalized `text`. `own_number` is the document's own symbol
/// (metadata), which is never reported as a reference.
pub fn extract(text: &str, own_number: Option<&str>) -> RefsOutput {
    let _ = (text, own_number);
    RefsOutput::default()
}
