//! Throughput of target extraction on the corpus, one thread.
//!
//! The corpus text is crude-normalized (lines trimmed, blank lines dropped, the way the
//! placeholder normalizer does) and extracted 20 times per document; a second run
//! extracts the whole corpus concatenated ×20 as one document, to catch superlinear cost.
//!
//!     cargo bench -p vanban-targets --bench targets
use std::time::Instant;

use vanban_model::NormalizedDocument;

fn crude(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut texts = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no corpus at {}", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if let Ok(s) = std::fs::read_to_string(&p) {
            texts.push(crude(&s));
        }
    }
    let docs: Vec<NormalizedDocument> = texts
        .iter()
        .map(|t| NormalizedDocument {
            text: t.clone(),
            ..Default::default()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    const REPS: usize = 20;

    // warm-up (regex compilation)
    let mut n = 0;
    for d in &docs {
        n += vanban_targets::extract(d).len();
    }

    let t0 = Instant::now();
    let mut found = 0;
    for _ in 0..REPS {
        for d in &docs {
            found += vanban_targets::extract(d).len();
        }
    }
    let dt = t0.elapsed().as_secs_f64();
    let mb = (bytes * REPS) as f64 / 1e6;
    println!(
        "per document: {} docs x{REPS}, {:.2} MB in {:.3} s = {:.1} MB/s ({} targets per pass)",
        docs.len(),
        mb,
        dt,
        mb / dt,
        found / REPS
    );
    assert_eq!(found, n * REPS);

    let big = NormalizedDocument {
        text: texts.concat().repeat(REPS),
        ..Default::default()
    };
    let t0 = Instant::now();
    let found = vanban_targets::extract(&big).len();
    let dt = t0.elapsed().as_secs_f64();
    let mb = big.text.len() as f64 / 1e6;
    println!("one document: corpus x{REPS} concatenated, {mb:.2} MB in {dt:.3} s = {:.1} MB/s ({found} targets)", mb / dt);
}
