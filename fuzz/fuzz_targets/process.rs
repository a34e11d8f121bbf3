//! Fuzz the whole pipeline (format detection, every reader, normalizer, metadata,
//! references, targets, tables) on arbitrary bytes: a document or an error, never a
//! panic. Seed corpus: corpus/*, fixtures/read/*, fixtures/docx/*.
//! `cargo +nightly fuzz run -O process corpus/process -- -max_total_time=600`
//!
//! The path is chosen from the first byte so every extension-based hint is exercised.
//! As in the pdf target, caught panics (inside the PDF reader) are silenced; any other
//! panic escapes the library and aborts the run.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;
use std::time::Duration;

static QUIET: Once = Once::new();
const PATHS: [&str; 6] = ["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a"];

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let (path, bytes) = match data.split_first() {
        Some((b, rest)) => (PATHS[usize::from(*b) % PATHS.len()], rest),
        None => ("a.txt", data),
    };
    // OCR off: an engine process per fuzzed page would starve the fuzzer
    let opts = vanban_core::Options {
        timeout: Duration::from_secs(5),
        ocr: vanban_core::OcrMode::Never,
        ..Default::default()
    };
    if let Ok(doc) = vanban_core::process(bytes, path, &opts) {
        // every span the document reports lies inside its text
        let n = doc.text.chars().count();
        for r in &doc.references {
            for m in &r.mentions {
                assert!(m.end <= n && m.start <= m.end, "mention span");
            }
        }
    }
});
