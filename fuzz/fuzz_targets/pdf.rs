//! Fuzz the PDF reader: any bytes give a document or an error, never a panic or a hang
//! past the budget. Seed corpus: fixtures/pdf/*.pdf and fixtures/torture/*.
//! `cargo +nightly fuzz run pdf ../fixtures/pdf -- -max_total_time=60`
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let opts = vanban_pdf::PdfOptions { timeout: Duration::from_secs(5) };
    let _ = vanban_pdf::read_pdf(data, &opts);
});
