//! Re-wrap round trip: true paragraphs of a corpus plan, wrapped as PDF extraction wraps
//! them (widths 60/75/90, a blank line after every line, symbols split after the hyphen),
//! come back as single lines after normalization.
use vanban_tests::{markdown_paragraphs, repo_path, rewrap};

fn round_trip(width: usize) -> (usize, usize, Vec<String>) {
    let md = std::fs::read_to_string(repo_path("corpus/kien-giang-251-kh-ubnd-2023.md"))
        .expect("corpus file");
    let paras: Vec<String> = markdown_paragraphs(&md)
        .into_iter()
        .map(|p| vanban_normalize::normalize_text(&p).trim_end().to_string())
        .filter(|p| !p.contains('\n'))
        .collect();
    let mut wrapped = String::new();
    for p in &paras {
        for l in rewrap(p, width) {
            wrapped.push_str(&l);
            wrapped.push_str("\n\n");
        }
    }
    let out = vanban_normalize::normalize_text(&wrapped);
    let lines: std::collections::HashSet<&str> = out.lines().collect();
    let missed: Vec<String> = paras
        .iter()
        .filter(|p| !lines.contains(p.as_str()))
        .cloned()
        .collect();
    (paras.len() - missed.len(), paras.len(), missed)
}

#[test]
fn rewrap_round_trip_at_60_75_90() {
    for width in [60, 75, 90] {
        let (ok, total, missed) = round_trip(width);
        let ratio = ok as f64 / total as f64;
        println!(
            "width {width}: {ok}/{total} paragraphs back exactly ({:.1}%)",
            ratio * 100.0
        );
        for m in missed.iter().take(10) {
            println!("  missed: {m}");
        }
        assert!(total > 50, "too few paragraphs: {total}");
        assert!(
            ratio >= 0.98,
            "width {width}: only {ok}/{total} paragraphs came back"
        );
    }
}
