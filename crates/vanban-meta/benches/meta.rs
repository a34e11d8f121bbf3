//! Throughput of metadata extraction on the corpus (text shaped like normalized text:
//! trimmed lines, blank lines dropped). `cargo bench -p vanban-meta`.

use std::time::Instant;
use vanban_model::NormalizedDocument;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for entry in std::fs::read_dir(&dir).expect("corpus dir") {
        let path = entry.expect("entry").path();
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text: Vec<&str> = raw
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let text = text.join("\n");
        bytes += text.len();
        docs.push(NormalizedDocument {
            text,
            ..Default::default()
        });
    }
    // warm-up: compiles the regexes and the province finder once
    for d in &docs {
        std::hint::black_box(vanban_meta::extract(d));
    }
    let rounds = 50;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(vanban_meta::extract(d));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "vanban-meta extract: {} docs x {rounds} rounds, {:.2} MB in {:.3} s = {:.1} MB/s ({:.2} ms/doc)",
        docs.len(),
        mb,
        secs,
        mb / secs,
        secs * 1e3 / (rounds * docs.len()) as f64
    );
}
