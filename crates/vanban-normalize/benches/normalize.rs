//! Normalize throughput on the corpus concatenated ×20, one thread (a bench binary, not a timed test).
//! Run: `cargo bench -p vanban-normalize --bench normalize`
use std::time::Instant;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut text = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        if let Ok(s) = std::fs::read_to_string(&p) {
            text.push_str(&s);
            text.push('\n');
        }
    }
    let big = text.repeat(20);
    let mb = big.len() as f64 / 1e6;
    // warm-up, then the best of 3 runs
    let _ = vanban_normalize::normalize_text(&text);
    let mut best = f64::MAX;
    let mut out_len = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = vanban_normalize::normalize_text(&big);
        best = best.min(t.elapsed().as_secs_f64());
        out_len = out.len();
    }
    println!(
        "normalize: {mb:.2} MB in {best:.3} s = {:.1} MB/s (output {out_len} bytes, 1 thread)",
        mb / best
    );
}
