//! Readers: turn the bytes of a text, markdown, HTML, DOCX or PDF file into a raw document (blocks of lines, paragraphs and tables).
#![forbid(unsafe_code)]
