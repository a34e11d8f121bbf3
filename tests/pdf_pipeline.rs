//! PDFs through the whole pipeline (vanban_core::process): a task table printed without
//! borders, one drawn turned a quarter, one from another producer (Chromium) all give their
//! tasks with the lead agency, as the same table does from the source HTML.
use vanban_tests::repo_path;

fn process(rel: &str) -> vanban_model::Document {
    let bytes = std::fs::read(repo_path(rel)).expect("fixture");
    vanban_core::process(&bytes, rel, &Default::default()).expect("processed")
}

fn table_tasks(d: &vanban_model::Document) -> Vec<&vanban_model::Task> {
    d.tasks.iter().filter(|t| t.source == "table").collect()
}

#[test]
fn borderless_task_table_gives_every_task_and_its_lead() {
    for rel in [
        "fixtures/pdf/table-borderless.pdf",
        "fixtures/pdf/chromium-table-borderless.pdf",
    ] {
        let d = process(rel);
        let t = table_tasks(&d);
        assert_eq!(t.len(), 30, "{rel}");
        assert!(t.iter().all(|t| !t.lead.is_empty()), "{rel}");
        let by_stt = |s: &str| t.iter().find(|t| t.stt.as_deref() == Some(s)).copied();
        let first = by_stt("1").expect("task 1");
        assert_eq!(first.lead, ["Sở Nội vụ"], "{rel}");
        assert_eq!(
            first.group.as_deref(),
            Some("Công tác tuyên truyền, quán triệt")
        );
        // task 16's text ends next to its lead's column on one line
        assert_eq!(
            by_stt("16").expect("task 16").lead,
            ["Sở Tài chính"],
            "{rel}"
        );
        assert!(d
            .references
            .iter()
            .any(|r| r.number.as_deref() == Some("20-NQ/TW")));
    }
}

#[test]
fn turned_page_reads_like_the_upright_one() {
    let upright = process("fixtures/pdf/table-merged-cells.pdf");
    let turned = process("fixtures/pdf/rotated-270-table-merged-cells.pdf");
    assert_eq!(turned.tables.len(), 1);
    assert_eq!(turned.tasks, upright.tasks);
    assert_eq!(turned.text, upright.text);
}

#[test]
fn indicator_table_without_borders_gives_targets_by_year() {
    let d = process("fixtures/pdf/indicators-borderless.pdf");
    let in_table = |v: f64, y: i32| {
        d.targets
            .iter()
            .any(|t| t.value == v && t.year == Some(y) && t.source == "table")
    };
    assert!(
        in_table(1250.0, 2025) && in_table(1600.0, 2030),
        "{:?}",
        d.targets
    );
    assert!(in_table(95000.0, 2025) && in_table(120000.0, 2030));
}

#[test]
fn number_and_date_stamped_as_annotations_are_read() {
    // scripts/make-annotation-fixture.py: the number and the day are e-signature widgets
    // (appearance streams), not page content; hidden, no-view and popup annotations are not
    // drawn.
    let d = process("fixtures/pdf/annotation-stamped-number.pdf");
    assert_eq!(d.metadata.doc_number.as_deref(), Some("3686/UBND-XD"));
    assert_eq!(d.metadata.date.as_deref(), Some("2026-05-11"));
    assert!(d.text.contains("Người ký: Phan Văn An"), "{}", d.text);
    for hidden in ["SAI", "0000/XX", "9999", "POPUP", "7777", "99 tháng"] {
        assert!(!d.text.contains(hidden), "{hidden} in {}", d.text);
    }
    assert!(
        d.references
            .iter()
            .all(|r| r.number.as_deref() != Some("9999/AN-KHONG")),
        "{:?}",
        d.references
    );
}
