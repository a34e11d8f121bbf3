//! Fuzz the PDF reader: any bytes give a document or an error, never an escaped panic or
//! a hang past the budget. Seed corpus: fixtures/pdf/*.pdf and fixtures/torture/*.pdf.
//! `cargo +nightly fuzz run -O pdf corpus/pdf -- -max_total_time=600 -timeout=30`
//!
//! libfuzzer-sys installs a panic hook that aborts on every panic, including the ones the
//! reader catches at its boundary (pdf-extract panics on many malformed files, by design
//! of that crate). The hook is replaced by a silent one, so a caught panic is what it is in
//! the product: a per-file error. A panic that escapes `read_pdf` still unwinds into
//! libFuzzer's C frame and aborts the run: exactly the failure this target looks for.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;
use std::time::Duration;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    // OCR off: an engine process per fuzzed page would starve the fuzzer
    let opts = vanban_pdf::PdfOptions {
        timeout: Duration::from_secs(5),
        ocr: vanban_pdf::OcrMode::Never,
        ..Default::default()
    };
    let _ = vanban_pdf::read_pdf(data, &opts);
});
