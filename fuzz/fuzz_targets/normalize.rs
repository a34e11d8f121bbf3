//! Fuzz the normalizer on a raw document made of arbitrary lines (with page breaks,
//! paragraphs and a table), as any reader could hand it over.
//! `cargo +nightly fuzz run normalize -- -max_total_time=60`
#![no_main]
use libfuzzer_sys::fuzz_target;
use vanban_model::{Block, RawDocument, RawTable};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut raw = RawDocument::default();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in text.split('\n') {
        match line.as_bytes().first() {
            Some(b'\x0c') => raw.blocks.push(Block::PageBreak),
            Some(b'|') => table.push(line.split('|').map(str::to_string).collect()),
            Some(b'#') => raw.blocks.push(Block::Paragraph(line[1..].to_string())),
            _ => {
                if !table.is_empty() {
                    raw.blocks.push(Block::Table(RawTable { rows: std::mem::take(&mut table), page: None }));
                }
                raw.blocks.push(Block::Line(line.to_string()));
            }
        }
    }
    if !table.is_empty() {
        raw.blocks.push(Block::Table(RawTable { rows: table, page: Some(1) }));
    }
    let norm = vanban_normalize::normalize(&raw);
    // the normalized text is valid UTF-8 by construction; spans must lie inside it
    let chars = norm.text.chars().count();
    for t in &norm.tables {
        assert!(t.span.end <= chars, "table span outside the text");
    }
});
