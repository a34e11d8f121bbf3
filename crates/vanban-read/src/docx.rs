//! DOCX reader (placeholder until the DOCX reader lands).
use vanban_model::RawDocument;

/// Read a DOCX file.
pub fn read_docx(bytes: &[u8]) -> Result<RawDocument, String> {
    let _ = bytes;
    Err("DOCX reading not implemented yet".into())
}
