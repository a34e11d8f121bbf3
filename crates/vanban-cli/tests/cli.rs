//! End-to-end tests of the `vanban` binary on fixtures: output shape, encodings, errors.

mod common;
use common::{root, vanban};

fn json(args: &[&str]) -> serde_json::Value {
    let out = vanban(args);
    assert!(
        out.status.success(),
        "vanban {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn extract_gives_the_contract_shape() {
    let d = json(&["extract", "corpus/kien-giang-251-kh-ubnd-2023.md"]);
    assert_eq!(d["schema_version"], 1);
    assert_eq!(d["source"]["format"], "markdown");
    assert_eq!(d["source"]["sha256"].as_str().map(str::len), Some(64));
    assert!(d["source"].get("pages").is_some());
    for k in [
        "metadata",
        "text",
        "references",
        "targets",
        "tables",
        "tasks",
        "warnings",
    ] {
        assert!(d.get(k).is_some(), "missing {k}");
    }
    let text = d["text"].as_str().unwrap_or_default();
    // every reference mention is a char span inside the text
    let n = text.chars().count();
    for r in d["references"].as_array().into_iter().flatten() {
        for m in r["mentions"].as_array().into_iter().flatten() {
            let (s, e) = (
                m["start"].as_u64().unwrap_or(0) as usize,
                m["end"].as_u64().unwrap_or(0) as usize,
            );
            assert!(s < e && e <= n);
        }
    }
}

#[test]
fn normalize_repairs_wraps_on_a_pdf_extraction() {
    let out = vanban(&["normalize", "corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(
        "Nghị quyết số 13-NQ/TU của Ban chấp hành Đảng bộ tỉnh về phát triển Kinh tế tập thể"
    ));
    assert!(!text.contains("\n\n"), "blank-line artefacts left");
}

#[test]
fn encodings_are_decoded() {
    let want = std::fs::read_to_string(root().join("fixtures/read/plan-tcvn3.expected.txt"))
        .expect("fixture");
    let out = vanban(&["normalize", "fixtures/read/plan-tcvn3.txt"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    for f in [
        "fixtures/read/plan-utf16le.txt",
        "fixtures/read/plan-utf8-bom-crlf.txt",
    ] {
        let out = vanban(&["normalize", f]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 12/KH-UBND\n"),
            "{f}: {text}"
        );
    }
}

#[test]
fn word_html_header_and_table() {
    let d = json(&["extract", "fixtures/read/plan-word.html"]);
    assert_eq!(d["source"]["format"], "html");
    assert_eq!(d["metadata"]["doc_number"], "45/KH-UBND");
    assert_eq!(d["metadata"]["date"], "2023-04-05");
    assert_eq!(d["tables"][0]["header"][2], "Đơn vị chủ trì");
    assert_eq!(d["tables"][0]["rows"][0][2], "Sở Thông tin và Truyền thông");
    assert_eq!(
        d["tables"][0]["rows"][1][2], "",
        "rowspan leaves the spanned cell empty"
    );
}

/// A damaged file whose reader panics inside (pdf-extract on a `Td` whose operand a
/// changed byte turned into a name; caught per operator): the panic is contained and
/// reported as a warning in the JSON; nothing on stderr looks like a crash.
#[test]
fn contained_panics_print_no_crash_message() {
    let path = "fixtures/pdf/damaged/chromium-header-two-column.flip-2.pdf";
    let out = vanban(&["extract", path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("could not be applied"), "{warnings}");
}

#[test]
fn bad_inputs_give_one_line_errors_and_exit_2() {
    let dir = std::env::temp_dir().join(format!("vanban-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let dir_s = dir.to_string_lossy().to_string();
    for (path, cause) in [
        ("fixtures/read/empty.txt", "empty"),
        ("fixtures/read/garbage.bin", "binary"),
        ("fixtures/does-not-exist.txt", "no such file"),
        (dir_s.as_str(), "directory"),
    ] {
        let out = vanban(&["extract", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(out.stdout.is_empty(), "{path}: no JSON on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{path}: {err}");
        assert!(err.contains(path) && err.contains(cause), "{path}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_lists_the_contract_fields() {
    let s = json(&["schema"]);
    let text = s.to_string();
    for k in [
        "schema_version",
        "province_2025",
        "value_max",
        "mentions",
        "partners",
    ] {
        assert!(text.contains(k), "schema lacks {k}");
    }
}

#[test]
fn terminal_commands_print_lines() {
    let out = vanban(&["refs", "corpus/kien-giang-251-kh-ubnd-2023.md"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("20-NQ/TW") && l.contains("implements")),
        "{text}"
    );
    let out = vanban(&[
        "targets",
        "--year",
        "2030",
        "corpus/kien-giang-251-kh-ubnd-2023.md",
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 10);
    let out = vanban(&[
        "tasks",
        "--format",
        "csv",
        "--agency",
        "Sở Kế hoạch",
        "corpus/kien-giang-251-kh-ubnd-2023.md",
    ]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("stt,group,task,lead,partners,result,deadline,source"));
    assert!(
        csv.lines().skip(1).all(|l| l.contains("Sở Kế hoạch")),
        "{csv}"
    );
}
