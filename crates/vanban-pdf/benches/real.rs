//! CPU time of the whole `vanban extract` against `pdftotext` on real PDFs with a text
//! layer, in paired rounds (issue #11 item 6): each round runs vanban over every file, one
//! process per file, then pdftotext over the same files; the ratio of their CPU times
//! (user + system of the child processes, from /proc/self/stat) is printed per round, and
//! the median.
//!
//! The real PDFs are not in the repository: the directory is `VANBAN_REAL_PDF`, else
//! `../shared/real-pdf` beside the repository; without either the bench says so and
//! stops. Files the reader finds no text layer in (scans) are left out.
//!
//! `cargo build --release -p vanban-cli && cargo bench -p vanban-pdf --bench real`
//! (`VANBAN_BIN` names the binary, default `$CARGO_TARGET_DIR/release/vanban`;
//! `PDF_BENCH_ROUNDS` rounds, default 5).
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// CPU seconds (user + system) of the waited-for children of this process so far, or the
/// wall clock where /proc is not there.
fn children_cpu(start: Instant) -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // fields after the command name (which is in parentheses and may hold spaces)
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the line, 14 and 15 after the name
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
    match (ticks(13), ticks(14)) {
        (Some(u), Some(s)) => (u + s) / 100.0,
        _ => start.elapsed().as_secs_f64(),
    }
}

fn run_all(program: &Path, pre: &[&str], post: &[&str], files: &[PathBuf]) {
    for f in files {
        let _ = Command::new(program)
            .args(pre)
            .arg(f)
            .args(post)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

fn main() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var("VANBAN_REAL_PDF")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../../../shared/real-pdf"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!(
            "{}: no real PDFs (set VANBAN_REAL_PDF): nothing to measure",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some("pdf"))
        .filter(|p| {
            std::fs::read(p)
                .ok()
                .is_some_and(|b| vanban_pdf::read_pdf(&b, &Default::default()).is_ok())
        })
        .collect();
    files.sort();
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest.join("../../target"));
    let bin = std::env::var("VANBAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| target.join("release/vanban"));
    if !bin.exists() {
        println!("{} not built: nothing to measure", bin.display());
        return;
    }
    if Command::new("pdftotext")
        .arg("-v")
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        println!("pdftotext not installed: no comparison");
        return;
    }
    let rounds: usize = std::env::var("PDF_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    println!(
        "{} text-layer PDFs in {}, {rounds} paired rounds",
        files.len(),
        dir.display()
    );
    let start = Instant::now();
    let pdftotext = PathBuf::from("pdftotext");
    let mut ratios = Vec::new();
    for r in 0..rounds {
        let t0 = children_cpu(start);
        run_all(&bin, &["extract"], &[], &files);
        let t1 = children_cpu(start);
        run_all(&pdftotext, &[], &["-"], &files);
        let t2 = children_cpu(start);
        let (v, p) = (t1 - t0, t2 - t1);
        let ratio = v / p.max(1e-9);
        println!(
            "round {}: vanban {v:.2} s CPU, pdftotext {p:.2} s CPU, ratio {ratio:.2}",
            r + 1
        );
        ratios.push(ratio);
    }
    ratios.sort_by(f64::total_cmp);
    if let Some(m) = ratios.get(ratios.len() / 2) {
        println!("median ratio vanban extract / pdftotext CPU: {m:.2}x");
    }
}
