//! Throughput of reference extraction on the corpus text ×20, one thread.
//! Run: `cargo bench -p vanban-refs --bench refs`
use std::time::Instant;

fn crude_normalize(raw: &str) -> String {
    // join wrapped lines: a blank-line separated PDF text becomes one paragraph per line
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let ends = l.ends_with(['.', ';', ':']) || l.len() < 40;
        out.push_str(l);
        out.push(if ends { '\n' } else { ' ' });
    }
    out
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut text = String::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files {
        if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            text.push_str(&crude_normalize(
                &std::fs::read_to_string(&p).expect("read corpus file"),
            ));
        }
    }
    let big = text.repeat(20);
    let mb = big.len() as f64 / 1e6;
    // warm-up (regex compilation)
    let _ = vanban_refs::extract(&text, None);
    let mut best = f64::MAX;
    let mut refs = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = vanban_refs::extract(&big, None);
        best = best.min(t.elapsed().as_secs_f64());
        refs = out.references.len();
    }
    // where the time goes
    let stage = |name: &str, f: &dyn Fn() -> usize| {
        let t = Instant::now();
        let n = f();
        println!(
            "  {name:<14} {:>7.1} MB/s ({n} items)",
            mb / t.elapsed().as_secs_f64()
        );
    };
    stage("symbols", &|| vanban_refs::symbol::find_symbols(&big).len());
    stage("named", &|| vanban_refs::named::find_named(&big).len());
    stage("cites (all)", &|| vanban_refs::find::find_cites(&big).len());
    println!(
        "refs: {mb:.2} MB in {best:.3} s = {:.1} MB/s ({refs} references)",
        mb / best
    );
}
