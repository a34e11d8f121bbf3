//! `extract` never panics and keeps its invariants on arbitrary text and tables.
use proptest::prelude::*;
use vanban_model::{NormTable, NormalizedDocument, Span};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("STT Nhiệm vụ Đơn vị chủ trì Kết quả\n".to_string()),
        Just("| STT | Nhiệm vụ | Đơn vị chủ trì |\n".to_string()),
        Just("|---|---|---|\n".to_string()),
        Just("-\n".to_string()),
        Just("1 Nhận thức\n".to_string()),
        Just("Sở Nội vụ\n".to_string()),
        Just("Ủy ban nhân\ndân các huyện,\n".to_string()),
        Just("Kế hoạch của Ủy ban nhân dân tỉnh?\n".to_string()),
        Just("2.1. Sở Tài chính\n".to_string()),
        Just("- Chủ trì, phối hợp với các sở, ngành\n".to_string()),
        Just("\u{c}".to_string()),
        "[ -~À-ỹ,;.?()|\\n-]{0,40}",
    ]
}

proptest! {
    #[test]
    fn no_panic_on_text(parts in proptest::collection::vec(piece(), 0..30)) {
        let text: String = parts.concat();
        let out = vanban_tables::extract(&NormalizedDocument { text, ..Default::default() });
        for t in &out.tasks {
            prop_assert!(t.source == "table" || t.source == "prose");
            prop_assert!(t.lead.iter().all(|a| !a.trim().is_empty()));
        }
        for t in &out.tables {
            for r in &t.rows {
                prop_assert!(r.len() <= t.header.len().max(r.len()));
            }
        }
    }

    #[test]
    fn no_panic_on_tables(rows in proptest::collection::vec(proptest::collection::vec("[ -~À-ỹ]{0,12}", 0..6), 0..8), start in 0usize..50) {
        let t = NormTable { rows, span: Span::new(start, start + 5), page: None };
        let doc = NormalizedDocument { tables: vec![t.clone(), t], ..Default::default() };
        let _ = vanban_tables::extract(&doc);
    }
}
