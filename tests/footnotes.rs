//! Footnotes (issue 11, item 2): superscript note markers kept apart from the word they
//! follow, the footnote area out of the body and out of tables, the notes in the output with
//! their markers, references found inside them. `fixtures/pdf/footnotes-word-style.pdf` is
//! made by `scripts/make-footnote-fixture.py` (its docstring lists what the page holds).
use vanban_tests::{glued_note_digit, repo_path};

fn process(path: &std::path::Path) -> vanban_model::Document {
    let bytes = std::fs::read(path).expect("fixture");
    vanban_core::process(&bytes, &path.to_string_lossy(), &Default::default()).expect("processed")
}

fn numbers(d: &vanban_model::Document) -> Vec<String> {
    d.references
        .iter()
        .filter_map(|r| r.number.clone())
        .collect()
}

#[test]
fn superscript_markers_and_the_footnote_area_of_a_word_page() {
    let d = process(&repo_path("fixtures/pdf/footnotes-word-style.pdf"));
    let nums = numbers(&d);
    for want in [
        "42/2024/QH15",
        "105/2025/NĐ-CP",
        // cited only in the notes
        "48/2026/NĐ-CP",
        "61/2020/QH14",
    ] {
        assert!(
            nums.iter().any(|n| n == want),
            "{want} missing from {nums:?}"
        );
    }
    assert!(!nums.iter().any(|n| glued_note_digit(n)), "{nums:?}");
    // the marker stays in the text, bracketed, right after the symbol
    assert!(
        d.text.contains("Luật số 42/2024/QH15[1] ngày 29/6/2024"),
        "{}",
        d.text
    );
    assert!(d.text.contains("105/2025/NĐ-CP[2] quy định"), "{}", d.text);
    assert!(d.text.contains("Luật Đầu tư[3] và"), "{}", d.text);
    // a power of a unit is not a note reference, though the page has a note 2
    assert!(d.text.contains("500 m2 và"), "{}", d.text);
    // the notes: markers, pages, whole text (note 1 wraps), place of note and marker
    let notes: Vec<(&str, &str, Option<u32>)> = d
        .footnotes
        .iter()
        .map(|f| (f.marker.as_str(), f.text.as_str(), f.page))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "1",
                "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 42/2024/QH15 ngày 29/6/2024.",
                Some(1)
            ),
            (
                "2",
                "Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính phủ, sửa đổi bởi Nghị định số 48/2026/NĐ-CP.",
                Some(1)
            ),
            ("3", "Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020.", Some(2)),
        ]
    );
    let chars: Vec<char> = d.text.chars().collect();
    let at = |a: usize, b: usize| chars.get(a..b).map(|s| s.iter().collect::<String>());
    for f in &d.footnotes {
        let tag = format!("[{}]", f.marker);
        assert_eq!(at(f.start, f.end), Some(format!("{tag} {}", f.text)));
        let (Some(rs), Some(re)) = (f.ref_start, f.ref_end) else {
            panic!("marker {} not placed", f.marker)
        };
        assert_eq!(at(rs, re), Some(tag.clone()));
        assert!(re <= d.footnotes[0].start, "marker in the body");
    }
    // the notes are not in the body: each note's text occurs once, in its own line
    assert_eq!(d.text.matches("công cụ hỗ trợ số").count(), 1);
    // nor in a table (the white f* word boxes behind the notes are no grid)
    assert!(d.tables.is_empty(), "{:?}", d.tables);
    // the body paragraph split by the page break and the page-2 text stay body text
    assert!(d.text.contains("Trân trọng./."));
    assert!(!d.text.contains("\n2\n"), "page number left: {}", d.text);
}

/// Every fixture PDF (and, when `VANBAN_DEV_PDF` names a folder, every PDF in it: the
/// real-PDF development set): no reference number with a footnote digit run into it.
#[test]
fn no_reference_number_ends_in_a_glued_note_digit() {
    let mut dirs = vec![repo_path("fixtures/pdf")];
    if let Some(d) = std::env::var_os("VANBAN_DEV_PDF") {
        dirs.push(d.into());
    }
    let mut seen = 0;
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("pdf folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).expect("pdf");
            // scans without a text layer are not this test's business
            let Ok(d) = vanban_core::process(&bytes, &f.to_string_lossy(), &Default::default())
            else {
                continue;
            };
            seen += 1;
            let bad: Vec<String> = numbers(&d)
                .into_iter()
                .filter(|n| glued_note_digit(n))
                .collect();
            assert!(bad.is_empty(), "{}: {bad:?}", f.display());
        }
    }
    assert!(seen >= 10, "only {seen} PDFs read");
}

#[test]
fn glued_digits_told_from_symbols() {
    for glued in [
        "42/2024/QH151",
        "105/2025/NĐ-CP2",
        "47/2024/TT-BGTVT4",
        "QCVN 122:2024/BGTVT3",
    ] {
        assert!(glued_note_digit(glued), "{glued}");
    }
    for fine in [
        "42/2024/QH15",
        "1234/NQ-UBTVQH14",
        "787/C06-P3",
        "01/TTr-CT05",
        "20-NQ/TW",
        "QCVN 01:2019/BCT",
        "2024",
    ] {
        assert!(!glued_note_digit(fine), "{fine}");
    }
}
