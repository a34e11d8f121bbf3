//! Metadata of the real corpus documents, with the text shaped the way the normalizer
//! delivers it (trimmed lines, blank lines dropped; PDF line wraps possibly still there).

use vanban_meta::extract;
use vanban_model::NormalizedDocument;

fn load(name: &str) -> NormalizedDocument {
    let path = format!("{}/../../corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    NormalizedDocument {
        text: text.join("\n"),
        ..Default::default()
    }
}

#[test]
fn print_all() {
    for f in [
        "kien-giang-251-kh-ubnd-2023.md",
        "dak-lak-ke-hoach-70-kl-tw-2020.txt",
        "binh-dinh-ke-hoach-134-nq-cp.txt",
        "kon-tum-phu-luc-iv-bao-cao-784-kh-ubnd.txt",
        "lam-dong-chuong-trinh-hanh-dong-20-nq-tw.txt",
    ] {
        let m = extract(&load(f));
        println!("== {f}\n{:#?}\n{:#?}", m.metadata, m.warnings);
    }
}
