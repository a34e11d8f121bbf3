//! Whole `extract` on the corpus ×20, one thread; prints MB/s of input text.
//!
//! The corpus is read as text the way the placeholder normalizer leaves it (lines
//! trimmed, blank lines dropped), so the bench needs no other stage.
use std::time::Instant;
use vanban_model::NormalizedDocument;

fn main() {
    let dir = format!("{}/../../corpus", env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        if let Ok(s) = std::fs::read_to_string(&p) {
            let text: String = s
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| format!("{l}\n"))
                .collect();
            docs.push(NormalizedDocument {
                text,
                ..Default::default()
            });
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 20;
    let mut n_tables = 0usize;
    let mut n_tasks = 0usize;
    let t0 = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let out = vanban_tables::extract(d);
            n_tables += out.tables.len();
            n_tasks += out.tasks.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "vanban-tables extract: {} docs x {rounds} = {mb:.2} MB in {secs:.3} s = {:.1} MB/s ({} tables, {} tasks per round)",
        docs.len(),
        mb / secs,
        n_tables / rounds,
        n_tasks / rounds
    );
}
