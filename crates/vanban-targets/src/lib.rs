//! Reads quantified goals (value, range, unit, comparator, deadline year) from normalized text and tables.
#![forbid(unsafe_code)]

use vanban_model::{NormalizedDocument, Target};

/// Extract every quantified goal of a normalized document.
pub fn extract(doc: &NormalizedDocument) -> Vec<Target> {
    let _ = doc;
    Vec::new()
}
