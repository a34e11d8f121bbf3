//! Paragraph recall and table cell F1 on the rendered fixtures, for vanban's PDF reader,
//! `pdftotext` (poppler) and pdfplumber, each followed by vanban's normalizer.
//!
//! `cargo run --release -p vanban-pdf --example measure` (needs `pdftotext`; pdfplumber
//! through `python3` is optional).
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_normalization::UnicodeNormalization;
use vanban_model::{Block, Format, RawDocument, RawTable};

/// NFC, one space between words, and one tone-mark placement style ("hoà" and "hòa" are
/// the same word written in two conventions; the normalizer writes "hòa" whatever the
/// source used, so the comparison must not count that as a miss).
fn clean(s: &str) -> String {
    let s: String = s.nfc().collect();
    vanban_normalize::chars::tone_style(&s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Scores {
    para_hit: usize,
    para_total: usize,
    cell_tp: usize,
    cell_got: usize,
    cell_want: usize,
}

impl Scores {
    fn new() -> Self {
        Scores {
            para_hit: 0,
            para_total: 0,
            cell_tp: 0,
            cell_got: 0,
            cell_want: 0,
        }
    }
    fn add(&mut self, o: &Scores) {
        self.para_hit += o.para_hit;
        self.para_total += o.para_total;
        self.cell_tp += o.cell_tp;
        self.cell_got += o.cell_got;
        self.cell_want += o.cell_want;
    }
    fn recall(&self) -> f64 {
        self.para_hit as f64 / self.para_total.max(1) as f64
    }
    fn f1(&self) -> f64 {
        if self.cell_want == 0 {
            return f64::NAN;
        }
        let p = self.cell_tp as f64 / self.cell_got.max(1) as f64;
        let r = self.cell_tp as f64 / self.cell_want as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Score normalized text lines and tables against the expectation.
fn score(tool: &str, text: &str, tables: &[Vec<Vec<String>>], want: &serde_json::Value) -> Scores {
    let lines: std::collections::HashSet<String> = text.lines().map(clean).collect();
    let mut s = Scores::new();
    for p in want["paragraphs"].as_array().into_iter().flatten() {
        s.para_total += 1;
        if lines.contains(&clean(p.as_str().unwrap_or(""))) {
            s.para_hit += 1;
        } else if std::env::var("MEASURE_MISSES").is_ok_and(|t| t == tool) {
            eprintln!("MISS: {}", p.as_str().unwrap_or(""));
        }
    }
    let mut want_cells: HashMap<String, usize> = HashMap::new();
    for t in want["tables"].as_array().into_iter().flatten() {
        for row in t.as_array().into_iter().flatten() {
            for c in row.as_array().into_iter().flatten() {
                let c = clean(c.as_str().unwrap_or(""));
                if !c.is_empty() {
                    *want_cells.entry(c).or_default() += 1;
                    s.cell_want += 1;
                }
            }
        }
    }
    for t in tables {
        for row in t {
            for c in row {
                let c = clean(c);
                if c.is_empty() {
                    continue;
                }
                s.cell_got += 1;
                if let Some(n) = want_cells.get_mut(&c) {
                    if *n > 0 {
                        *n -= 1;
                        s.cell_tp += 1;
                    }
                }
            }
        }
    }
    s
}

/// Lines (form feed = page break) through vanban's normalizer.
fn normalize_lines(
    lines: &[String],
    tables: Vec<Vec<Vec<String>>>,
) -> (String, Vec<Vec<Vec<String>>>) {
    let mut raw = RawDocument {
        format: Some(Format::Pdf),
        ..Default::default()
    };
    for l in lines {
        for (i, part) in l.split('\u{c}').enumerate() {
            if i > 0 {
                raw.blocks.push(Block::PageBreak);
            }
            raw.blocks.push(Block::Line(part.to_string()));
        }
    }
    // tables of tools that detect them are scored as they come; they do not enter the text
    let _ = RawTable::default();
    let norm = vanban_normalize::normalize(&raw);
    (norm.text, tables)
}

/// Rows of a `pdftotext -layout` page: lines with two or more runs separated by 2+ spaces.
fn layout_cells(layout: &str) -> Vec<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    for line in layout.lines() {
        let cells: Vec<String> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        if cells.len() >= 2 {
            rows.push(cells);
        }
    }
    vec![rows]
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some("pdf"))
        .collect();
    files.sort();
    let plumber: HashMap<String, serde_json::Value> = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pdfplumber_dump.py"))
        .args(&files)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|v| (v["file"].as_str().unwrap_or("").to_string(), v))
                .collect()
        })
        .unwrap_or_default();
    let (mut tv, mut tp, mut tpl) = (Scores::new(), Scores::new(), Scores::new());
    println!(
        "{:<48} {:>17} {:>17} {:>17}",
        "fixture", "vanban rec/F1", "pdftotext rec/F1", "pdfplumber rec/F1"
    );
    for f in &files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let want: serde_json::Value =
            match std::fs::read(root.join(format!("source/{name}.expected.json"))) {
                Ok(b) => serde_json::from_slice(&b).unwrap_or_default(),
                Err(_) => continue,
            };
        let bytes = std::fs::read(f).expect("read");
        // vanban
        let sv = match vanban_pdf::read_pdf(&bytes, &Default::default()) {
            Ok(raw) => {
                let norm = vanban_normalize::normalize(&raw);
                if std::env::var("MEASURE_DUMP").is_ok_and(|d| d == name) {
                    for b in &raw.blocks {
                        eprintln!("RAW {b:?}");
                    }
                    eprintln!("NORM\n{}", norm.text);
                }
                let tables: Vec<Vec<Vec<String>>> =
                    norm.tables.iter().map(|t| t.rows.clone()).collect();
                score("vanban", &norm.text, &tables, &want)
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                score("vanban", "", &[], &want)
            }
        };
        // pdftotext: reading-order text for paragraphs, -layout for cells
        let run = |args: &[&str]| {
            Command::new("pdftotext")
                .args(args)
                .arg(f)
                .arg("-")
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default()
        };
        let plain: Vec<String> = run(&[]).lines().map(str::to_string).collect();
        let layout = run(&["-layout"]);
        let (text, tables) = normalize_lines(&plain, layout_cells(&layout));
        let sp = score("pdftotext", &text, &tables, &want);
        // pdfplumber
        let spl = match plumber.get(f.to_str().unwrap_or("")) {
            Some(v) => {
                let lines: Vec<String> = v["lines"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|l| l.as_str().unwrap_or("").to_string())
                    .collect();
                let tables: Vec<Vec<Vec<String>>> =
                    serde_json::from_value(v["tables"].clone()).unwrap_or_default();
                let (text, tables) = normalize_lines(&lines, tables);
                Some(score("pdfplumber", &text, &tables, &want))
            }
            None => None,
        };
        let fmt = |s: &Scores| format!("{:.3}/{:.3}", s.recall(), s.f1());
        println!(
            "{:<48} {:>17} {:>17} {:>17}",
            name,
            fmt(&sv),
            fmt(&sp),
            spl.as_ref().map(fmt).unwrap_or_else(|| "n/a".into())
        );
        tv.add(&sv);
        tp.add(&sp);
        if let Some(s) = spl {
            tpl.add(&s);
        }
    }
    println!(
        "{:<48} {:>17} {:>17} {:>17}",
        "ALL (paragraph recall / table cell F1)",
        format!("{:.3}/{:.3}", tv.recall(), tv.f1()),
        format!("{:.3}/{:.3}", tp.recall(), tp.f1()),
        format!("{:.3}/{:.3}", tpl.recall(), tpl.f1())
    );
}
