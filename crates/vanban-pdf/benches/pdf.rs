//! PDF pages per second, one thread: vanban's read and read+normalize in process, the
//! whole pipeline (read+normalize+extract) through the `vanban extract` binary, one process
//! per file, against `pdftotext` (poppler, bare text extraction, one process per file) on
//! the same fixture files in the same run.
//!
//! `cargo build --release -p vanban-cli && cargo bench -p vanban-pdf --bench pdf`
//! (`VANBAN_BIN` names the binary, default `$CARGO_TARGET_DIR/release/vanban`;
//! `PDF_BENCH_ROUNDS` repeats, default 3). vanban-core is not a dev-dependency on purpose:
//! this crate's tests must not depend on every stage compiling.
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut files: Vec<(String, Vec<u8>, u32)> = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some("pdf"))
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).expect("read fixture");
        let pages = vanban_pdf::read_pdf(&bytes, &Default::default())
            .ok()
            .and_then(|d| d.pages)
            .unwrap_or(0);
        files.push((p.to_string_lossy().into_owned(), bytes, pages));
    }
    let rounds: u32 = std::env::var("PDF_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let pages: u64 = files.iter().map(|f| u64::from(f.2)).sum::<u64>() * u64::from(rounds);
    let mb: f64 = files.iter().map(|f| f.1.len() as f64).sum::<f64>() * f64::from(rounds) / 1e6;
    println!(
        "{} files, {} pages per round, {rounds} rounds",
        files.len(),
        pages / u64::from(rounds.max(1))
    );

    let time = |label: &str, f: &dyn Fn(&str, &[u8])| -> Duration {
        let t = Instant::now();
        for _ in 0..rounds {
            for (path, bytes, _) in &files {
                f(path, bytes);
            }
        }
        let d = t.elapsed();
        let s = d.as_secs_f64().max(1e-9);
        println!(
            "{label:<40} {:>8.1} pages/s {:>7.2} MB/s  ({:.2} s)",
            pages as f64 / s,
            mb / s,
            s
        );
        d
    };
    let opts = vanban_pdf::PdfOptions::default();
    time("vanban read_pdf", &|_, b| {
        let _ = std::hint::black_box(vanban_pdf::read_pdf(b, &opts));
    });
    time("vanban read + normalize", &|_, b| {
        if let Ok(raw) = vanban_pdf::read_pdf(b, &opts) {
            std::hint::black_box(vanban_normalize::normalize(&raw));
        }
    });
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let bin = std::env::var("VANBAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| target.join("release/vanban"));
    let whole = if bin.exists() {
        Some(time("vanban extract (process per file)", &|p, _| {
            let _ = Command::new(&bin)
                .arg("extract")
                .arg(p)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }))
    } else {
        println!("{} not built: no whole-pipeline figure", bin.display());
        None
    };
    let have_poppler = Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if have_poppler {
        let poppler = time("pdftotext (process per file)", &|p, _| {
            let _ = Command::new("pdftotext")
                .arg(p)
                .arg("-")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        });
        if let Some(whole) = whole {
            println!(
                "ratio whole pipeline / pdftotext time: {:.2}x",
                whole.as_secs_f64() / poppler.as_secs_f64().max(1e-9)
            );
        }
    } else {
        println!("pdftotext not installed: no comparison");
    }
}
