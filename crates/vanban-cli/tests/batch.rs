//! End-to-end tests of `vanban batch` on the corpus plus broken inputs (fixtures/batch).
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::{count_outputs, root, stderr, vanban};

fn scratch(name: &str) -> PathBuf {
    common::scratch("batch", name)
}

/// The counts of the summary line "N files: a converted, b up to date (skipped), c failed".
fn summary(o: &Output) -> (usize, usize, usize) {
    let err = stderr(o);
    let line = err
        .lines()
        .find(|l| l.contains(" converted, "))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    let num = |word: &str| -> usize {
        let i = line.find(word).unwrap();
        line[..i]
            .trim_end()
            .rsplit([' ', ':'])
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (num(" converted"), num(" up to date"), num(" failed"))
}

const GOOD: &[&str] = &[
    "corpus/binh-dinh-ke-hoach-134-nq-cp.txt",
    "corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt",
    "corpus/kien-giang-251-kh-ubnd-2023.md",
    "corpus/kon-tum-phu-luc-iv-bao-cao-784-kh-ubnd.txt",
    "corpus/lam-dong-chuong-trinh-hanh-dong-20-nq-tw.txt",
    "fixtures/batch/nested/report.md",
];
const BROKEN: &[(&str, &str)] = &[
    ("fixtures/batch/zero-byte.txt", "empty"),
    ("fixtures/batch/binary-garbage.txt", ""),
    ("fixtures/batch/truncated.pdf", ""),
    ("fixtures/batch/corrupt.docx", ""),
    // image files are inputs now (OCR); this one is a truncated PNG
    ("fixtures/batch/ignored-image.png", "image"),
];
/// Text bytes under a .pdf name: the bytes decide the format, so it may convert as text.
const RENAMED: &str = "fixtures/batch/text-renamed.pdf";

fn error_lines(out: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `vanban batch DIR -o OUT -q`.
fn batch_quiet(dir: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    vanban(&[
        "batch",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ])
}

#[test]
fn batch_converts_good_files_reports_broken_ones_and_resumes() {
    let out = scratch("e2e");
    let out_s = out.to_str().unwrap();
    let first = vanban(&[
        "batch",
        "corpus",
        "fixtures/batch",
        "-o",
        out_s,
        "--jobs",
        "2",
    ]);
    assert_eq!(first.status.code(), Some(3), "{}", stderr(&first));
    assert!(first.stdout.is_empty(), "nothing on stdout");

    // Every good file converted, with the sha256 of its bytes.
    for good in GOOD {
        // Named by the path relative to the folder given on the command line.
        let rel = good
            .strip_prefix("corpus/")
            .or_else(|| good.strip_prefix("fixtures/batch/"))
            .unwrap();
        let name = format!("{}.json", rel.replace('/', "__"));
        let json = std::fs::read(out.join(&name)).unwrap_or_else(|_| panic!("missing {name}"));
        let doc: vanban_model::Document = serde_json::from_slice(&json).unwrap();
        assert_eq!(doc.schema_version, 1);
        assert_eq!(doc.source.path, *good);
        assert_eq!(
            doc.source.sha256,
            vanban_core::sha256_hex(&std::fs::read(root().join(good)).unwrap())
        );
    }
    // Every broken file listed in errors.jsonl with a kind and a message, and no output.
    let errors = error_lines(&out);
    let listed: BTreeSet<String> = errors
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    for (broken, kind) in BROKEN {
        assert!(
            listed.contains(*broken),
            "{broken} not in errors.jsonl: {errors:?}"
        );
        let e = errors.iter().find(|e| e["path"] == *broken).unwrap();
        assert!(
            !e["kind"].as_str().unwrap().is_empty() && !e["message"].as_str().unwrap().is_empty()
        );
        if !kind.is_empty() {
            assert_eq!(e["kind"], *kind);
        }
        let name = format!(
            "{}.json",
            Path::new(broken).file_name().unwrap().to_str().unwrap()
        );
        assert!(!out.join(name).exists());
    }
    let renamed_out = out.join("text-renamed.pdf.json").exists();
    assert!(
        renamed_out != listed.contains(RENAMED),
        "{RENAMED} must be converted or reported, not both/neither"
    );
    let good_count = GOOD.len() + usize::from(renamed_out);
    assert_eq!(
        errors.len(),
        BROKEN.len() + usize::from(!renamed_out),
        "{errors:?}"
    );
    // Skipped: the hidden .gitkeep inside the folder named like a PDF.
    let outputs = count_outputs(&out);
    assert_eq!(outputs, good_count);
    assert!(
        !std::fs::read_dir(&out).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_str()
            .unwrap()
            .contains(".tmp-")),
        "temp files left"
    );
    assert_eq!(
        summary(&first),
        (good_count, 0, BROKEN.len() + usize::from(!renamed_out))
    );
    let err = stderr(&first);
    for word in [
        "documents",
        "pages",
        "references",
        "targets",
        "tasks",
        "errors",
        "skipped",
        "MB/s",
    ] {
        assert!(err.contains(word), "summary lacks {word}: {err}");
    }

    // Second run: nothing new converted, every good file skipped, broken ones reported again.
    let mtime = std::fs::metadata(out.join("kien-giang-251-kh-ubnd-2023.md.json"))
        .unwrap()
        .modified()
        .unwrap();
    let second = vanban(&["batch", "corpus", "fixtures/batch", "-o", out_s]);
    assert_eq!(second.status.code(), Some(3), "{}", stderr(&second));
    assert_eq!(
        summary(&second),
        (0, good_count, BROKEN.len() + usize::from(!renamed_out))
    );
    assert_eq!(error_lines(&out).len(), errors.len());
    assert_eq!(
        std::fs::metadata(out.join("kien-giang-251-kh-ubnd-2023.md.json"))
            .unwrap()
            .modified()
            .unwrap(),
        mtime
    );

    // --force converts everything again.
    let forced = vanban(&["batch", "corpus", "-o", out_s, "--force", "--quiet"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(summary(&forced), (5, 0, 0));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn changed_inputs_are_converted_again_and_output_is_dropped_when_they_break() {
    let dir = scratch("changed-in");
    let out = scratch("changed-out");
    let (a, b) = (dir.join("a.txt"), dir.join("b.md"));
    std::fs::write(&a, "KẾ HOẠCH\nThực hiện Nghị quyết số 09/NQ-CP.\n").unwrap();
    std::fs::write(&b, "BÁO CÁO\nKết quả năm 2024.\n").unwrap();
    let run = || batch_quiet(&dir, &out);
    let r = run();
    assert_eq!(
        (r.status.code(), summary(&r)),
        (Some(0), (2, 0, 0)),
        "{}",
        stderr(&r)
    );
    std::fs::write(&a, "KẾ HOẠCH\nThực hiện Nghị quyết số 134/NQ-CP.\n").unwrap();
    let r = run();
    assert_eq!(summary(&r), (1, 1, 0));
    // Without the manifest the outputs' own sha256 still tell what is up to date.
    std::fs::remove_file(out.join(".vanban-manifest.json")).unwrap();
    let r = run();
    assert_eq!(summary(&r), (0, 2, 0));
    // An input that now fails loses its stale output.
    std::fs::write(&b, "").unwrap();
    let r = run();
    assert_eq!((r.status.code(), summary(&r)), (Some(3), (0, 1, 1)));
    assert!(!out.join("b.md.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn jsonl_to_folder_resumes_and_to_stdout_prints_only_documents() {
    let out = scratch("jsonl");
    let out_s = out.to_str().unwrap();
    let r = vanban(&["batch", "corpus", "-o", out_s, "--format", "jsonl"]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let lines = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let first = lines(&out.join("documents.jsonl"));
    assert_eq!(first.len(), 5);
    let r = vanban(&["batch", "corpus", "-o", out_s, "--format", "jsonl"]);
    assert_eq!(summary(&r), (0, 5, 0));
    let mut again = lines(&out.join("documents.jsonl"));
    let mut first_sorted = first.clone();
    again.sort();
    first_sorted.sort();
    assert_eq!(again, first_sorted, "kept lines copied unchanged");

    let r = vanban(&[
        "batch",
        "corpus",
        "fixtures/batch/zero-byte.txt",
        "-o",
        "-",
        "--format",
        "jsonl",
    ]);
    assert_eq!(r.status.code(), Some(3));
    let stdout = String::from_utf8(r.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 5);
    for l in stdout.lines() {
        let d: vanban_model::Document = serde_json::from_str(l).unwrap();
        assert!(d.source.path.starts_with("corpus/"));
    }
    assert!(stderr(&r).contains("zero-byte.txt"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn usage_errors_and_nothing_to_do() {
    let r = vanban(&["batch", "corpus", "-o", "-"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(stderr(&r).contains("--format jsonl"));
    let empty = scratch("empty-in");
    let out = scratch("empty-out");
    let r = vanban(&[
        "batch",
        empty.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    // A missing input is an error line, the rest goes on.
    let r = vanban(&[
        "batch",
        "corpus/kien-giang-251-kh-ubnd-2023.md",
        "no/such/file.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(3));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "no/such/file.txt");
    assert_eq!(errors[0]["kind"], "io");
    assert!(out.join("kien-giang-251-kh-ubnd-2023.md.json").exists());
    let _ = std::fs::remove_dir_all(&empty);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_panicking_worker_is_an_error_line_and_the_batch_goes_on() {
    let out = scratch("panic");
    let r = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(root())
        .env("VANBAN_TEST_PANIC_ON", "kien-giang")
        .args([
            "batch",
            "corpus",
            "-o",
            out.to_str().unwrap(),
            "--jobs",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    assert_eq!(summary(&r), (4, 0, 1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["kind"], "panic");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("test panic requested"),
        "{errors:?}"
    );
    // The default panic message is not printed over the progress output.
    assert!(!stderr(&r).contains("panicked at"), "{}", stderr(&r));
    assert!(!out.join("kien-giang-251-kh-ubnd-2023.md.json").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn help_documents_layout_and_exit_codes() {
    let r = vanban(&["batch", "--help"]);
    let help = String::from_utf8(r.stdout).unwrap();
    for needle in [
        "--jobs",
        "--format",
        "--force",
        "errors.jsonl",
        "documents.jsonl",
        "Exit codes",
        "__",
    ] {
        assert!(help.contains(needle), "help lacks {needle}");
    }
}

#[test]
fn a_truncated_pdf_is_converted_and_listed_as_partial() {
    let dir = scratch("partial-in");
    let out = scratch("partial-out");
    // the first five sixths of a three-page PDF: every page precedes the cut, the
    // cross-reference table and the end of the file are lost
    let pdf = std::fs::read(root().join("fixtures/pdf/gs-table-two-pages.pdf")).unwrap();
    std::fs::write(dir.join("cut.pdf"), &pdf[..pdf.len() * 5 / 6]).unwrap();
    let r = batch_quiet(&dir, &out);
    assert_eq!(
        (r.status.code(), summary(&r)),
        (Some(0), (1, 0, 0)),
        "{}",
        stderr(&r)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("cut.pdf.json")).unwrap()).unwrap();
    assert_eq!(doc["source"]["partial"], true);
    assert!(!doc["text"].as_str().unwrap().trim().is_empty());
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "partial");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("partial: file is truncated"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_truncated_pdf_whose_font_programs_were_cut_off_is_an_error_saying_so() {
    let dir = scratch("cut-fonts-in");
    let out = scratch("cut-fonts-out");
    // a third of a one-page PDF whose CID fonts (Identity-H, no ToUnicode) can only be
    // read through their embedded font programs, which lie after the cut: the page is
    // there but its text cannot be decoded; that is no scan needing OCR
    let pdf = std::fs::read(root().join("fixtures/pdf/cid-glyph-ids.pdf")).unwrap();
    let path = dir.join("cut.pdf");
    std::fs::write(&path, &pdf[..pdf.len() / 3]).unwrap();
    let one = vanban(&["extract", path.to_str().unwrap()]);
    let err = stderr(&one);
    assert_eq!(one.status.code(), Some(2), "{err}");
    assert!(err.contains("truncated PDF: file is truncated"), "{err}");
    assert!(err.contains("font programs"), "{err}");
    assert!(!err.contains("OCR"), "{err}");
    let r = batch_quiet(&dir, &out);
    assert_eq!(
        (r.status.code(), summary(&r)),
        (Some(3), (0, 0, 1)),
        "{}",
        stderr(&r)
    );
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "pdf");
    let msg = errors[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("truncated PDF") && msg.contains("re-download"),
        "{msg}"
    );
    assert!(!out.join("cut.pdf.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}
