//! Re-run reference extraction on contract JSON files (their normalized `text` and
//! `metadata.doc_number`) and write them back with fresh `references`: lets the refs
//! stage be re-scored with `score.py` without rebuilding the whole pipeline.
//! `cargo run -p vanban-refs --example rescore -- target/eval/*.json`
fn main() {
    for p in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&p).expect("read");
        let mut doc: serde_json::Value = serde_json::from_str(&raw).expect("json");
        let text = doc["text"].as_str().unwrap_or_default().to_string();
        let own = doc["metadata"]["doc_number"].as_str().map(str::to_string);
        let out = vanban_refs::extract(&text, own.as_deref());
        doc["references"] = serde_json::to_value(&out.references).expect("serialize");
        std::fs::write(&p, serde_json::to_string(&doc).expect("serialize")).expect("write");
        eprintln!("{p}: {} references", out.references.len());
    }
}
