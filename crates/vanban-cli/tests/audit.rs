//! End-to-end tests of `vanban audit`, over a batch's output and over documents directly.
use std::path::{Path, PathBuf};

mod common;
use common::{count_outputs, stderr, vanban};

fn scratch(name: &str) -> PathBuf {
    common::scratch("audit", name)
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The cell of citations.csv for the document whose path ends with `file`, column `number`
/// (headers are labels: the number, then date and subject).
fn cite(rows: &[Vec<String>], file: &str, number: &str) -> String {
    let col = rows[0]
        .iter()
        .position(|h| h == number || h.starts_with(&format!("{number} ")))
        .unwrap_or_else(|| panic!("no column {number} in {:?}", rows[0]));
    let row = rows
        .iter()
        .find(|r| r[5].ends_with(file))
        .unwrap_or_else(|| panic!("no row for {file}"));
    row[col].clone()
}

/// Runs batch into a fresh folder and returns it.
fn batch(name: &str) -> PathBuf {
    let out = scratch(name);
    let r = vanban(&[
        "batch",
        "corpus",
        "fixtures/batch",
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    out
}

#[test]
fn audit_over_batch_output_has_a_row_per_document() {
    let out = batch("out");
    let report = scratch("report");
    let r = vanban(&[
        "audit",
        out.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    // errors.jsonl and the hidden manifest are not documents and not errors either.
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert!(r.stdout.is_empty());
    for f in [
        "citations.csv",
        "matrix.md",
        "targets.csv",
        "tasks.csv",
        "audit.json",
        "report.html",
    ] {
        assert!(report.join(f).is_file(), "missing {f}");
    }
    // report.html is self-contained: nothing loaded from elsewhere.
    let html = std::fs::read_to_string(report.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"vi\">"));
    for outside in [" src=", "<link", "@import", "url(", "href=\"http"] {
        assert!(!html.contains(outside), "report.html loads {outside}");
    }
    let converted = count_outputs(&out);
    let rows = read_csv(&report.join("citations.csv"));
    assert_eq!(
        rows[0][..6],
        [
            "province",
            "province_2025",
            "doc_number",
            "date",
            "doc_type",
            "path"
        ]
    );
    assert_eq!(rows.len(), 1 + converted);
    let matrix = std::fs::read_to_string(report.join("matrix.md")).unwrap();
    assert!(matrix.starts_with("# Citation matrix"));
    for f in [
        "kien-giang-251-kh-ubnd-2023.md",
        "binh-dinh-ke-hoach-134-nq-cp.txt",
        "kon-tum-phu-luc-iv-bao-cao-784-kh-ubnd.txt",
    ] {
        assert!(
            matrix.lines().any(|l| l.starts_with('|') && l.contains(f)),
            "matrix lacks a row for {f}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("audit.json")).unwrap()).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), converted);
    let targets = read_csv(&report.join("targets.csv"));
    assert_eq!(targets[0][4], "metric");
    assert_eq!(targets.len() - 1, json["targets"].as_array().unwrap().len());
    let tasks = read_csv(&report.join("tasks.csv"));
    assert_eq!(tasks[0][6], "task");
    assert_eq!(tasks.len() - 1, json["tasks"].as_array().unwrap().len());
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&report);
}

/// Needs reference and metadata extraction (vanban-refs, vanban-meta).
#[test]
fn audit_matrix_shows_the_resolutions_each_plan_implements() {
    let out = batch("refs");
    let report = scratch("refs-report");
    let r = vanban(&[
        "audit",
        out.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let rows = read_csv(&report.join("citations.csv"));
    // Kiên Giang's plan is issued on the basis of (Căn cứ) 20-NQ/TW and 09/NQ-CP and carries them out.
    for n in ["20-NQ/TW", "09/NQ-CP"] {
        let rel = cite(&rows, "kien-giang-251-kh-ubnd-2023.md", n);
        assert!(
            rel == "implements" || rel == "basis",
            "Kiên Giang {n}: {rel:?}"
        );
    }
    assert_eq!(
        cite(&rows, "binh-dinh-ke-hoach-134-nq-cp.txt", "134/NQ-CP"),
        "implements"
    );
    let kg = rows
        .iter()
        .find(|r| r[5].ends_with("kien-giang-251-kh-ubnd-2023.md"))
        .unwrap();
    assert_eq!((kg[0].as_str(), kg[1].as_str()), ("Kiên Giang", "An Giang"));
    let bd = rows
        .iter()
        .find(|r| r[5].ends_with("binh-dinh-ke-hoach-134-nq-cp.txt"))
        .unwrap();
    assert_eq!((bd[0].as_str(), bd[1].as_str()), ("Bình Định", "Gia Lai"));

    let matrix = std::fs::read_to_string(report.join("matrix.md")).unwrap();
    let header: Vec<&str> = matrix
        .lines()
        .find(|l| l.starts_with("| Province (2025) | Province | Documents"))
        .unwrap()
        .split(" | ")
        .collect();
    let row = |province: &str| -> Vec<&str> {
        matrix
            .lines()
            .find(|l| l.contains(&format!("| {province} | 1 |")))
            .unwrap_or_else(|| panic!("no row for {province}:\n{matrix}"))
            .split(" | ")
            .collect()
    };
    let col = |n: &str| {
        header
            .iter()
            .position(|h| {
                let h = h.trim_matches(|c| c == '|' || c == ' ');
                h == n || h.starts_with(&format!("{n} "))
            })
            .unwrap()
    };
    let kg = row("Kiên Giang");
    assert!(kg[col("20-NQ/TW")].starts_with("✓"));
    assert!(kg[col("09/NQ-CP")].starts_with("✓"));
    assert_eq!(
        row("Bình Định")[col("134/NQ-CP")].trim_end_matches(" |"),
        "✓ implements"
    );
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&report);
}

#[test]
fn audit_of_documents_with_fixed_resolutions_long_format_and_bom() {
    let report = scratch("fixed");
    let r = vanban(&[
        "audit",
        "corpus",
        "-o",
        report.to_str().unwrap(),
        "--resolutions",
        "20-NQ/TW,09/NQ-CP,999/QĐ-TTg",
        "--long",
        "--bom",
        "--jobs",
        "2",
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let bytes = std::fs::read(report.join("citations.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFprovince,"));
    assert!(std::fs::read(report.join("targets.csv"))
        .unwrap()
        .starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    // One row per (document, fixed number): 5 documents × 3 numbers.
    assert_eq!(rows.len(), 1 + 5 * 3);
    assert!(rows[0].ends_with("ref_number,ref_kind,ref_date,ref_issuer,ref_name,relation,mentions"));
    // Nobody cites the made-up number: every document is listed as not citing it.
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains("999/QĐ-TTg") && r.contains(",—,"))
            .count(),
        5
    );
    let matrix = std::fs::read_to_string(report.join("matrix.md")).unwrap();
    let missing = matrix
        .split("### 999/QĐ-TTg")
        .nth(1)
        .expect("a Not cited section for 999/QĐ-TTg");
    assert_eq!(missing.lines().filter(|l| l.starts_with("- ")).count(), 5);
    let _ = std::fs::remove_dir_all(&report);
}

#[test]
fn audit_reports_bad_inputs_and_keeps_going() {
    let dir = scratch("bad-in");
    let report = scratch("bad-report");
    std::fs::write(dir.join("package.json"), "{\"name\":\"x\"}").unwrap();
    std::fs::write(dir.join("broken.json"), "{\"schema_version\":1}").unwrap();
    // A folder with only a non-contract JSON: nothing to audit.
    let only = scratch("only-json");
    std::fs::write(only.join("package.json"), "{\"name\":\"x\"}").unwrap();
    let r = vanban(&[
        "audit",
        only.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    // A contract JSON that does not match the schema is an error; other JSON is ignored.
    let r = vanban(&[
        "audit",
        dir.to_str().unwrap(),
        "corpus/kien-giang-251-kh-ubnd-2023.md",
        "fixtures/batch/zero-byte.txt",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    let err = stderr(&r);
    assert!(
        err.contains("broken.json")
            && err.contains("zero-byte.txt")
            && !err.contains("package.json"),
        "{err}"
    );
    assert_eq!(read_csv(&report.join("citations.csv")).len(), 2);
    for d in [dir, report, only] {
        let _ = std::fs::remove_dir_all(d);
    }
}
