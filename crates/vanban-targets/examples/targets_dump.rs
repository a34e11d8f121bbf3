//! Development aid: run target extraction over files (crude normalization: lines trimmed,
//! blank lines dropped, like the placeholder normalizer) and print one JSON per file, or
//! `--lines` for the terminal format.
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lines = args.iter().any(|a| a == "--lines");
    let mut out = std::io::stdout().lock();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let Ok(raw) = std::fs::read_to_string(path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let text: String = raw
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        let doc = vanban_model::NormalizedDocument {
            text,
            ..Default::default()
        };
        let ts = vanban_targets::extract(&doc);
        if lines {
            let _ = writeln!(out, "== {path}");
            let ch: Vec<char> = doc.text.chars().collect();
            for t in &ts {
                let q: String = ch[t.start.min(ch.len())..t.end.min(ch.len())]
                    .iter()
                    .collect();
                let _ = writeln!(
                    out,
                    "{} [{}] «{}»",
                    vanban_targets::format_line(t),
                    t.source,
                    q.replace('\n', " ")
                );
            }
        } else {
            let v = serde_json::json!({"path": path, "targets": ts});
            let _ = writeln!(out, "{v}");
        }
    }
}
