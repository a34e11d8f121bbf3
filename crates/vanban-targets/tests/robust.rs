//! Property tests: extraction never panics and its spans stay inside the text, whatever
//! the input (random Vietnamese-ish text with numbers, punctuation, tables and headings).

use proptest::prelude::*;
use vanban_model::{NormTable, NormalizedDocument, Span};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("II. MỤC TIÊU\n".to_string()),
        Just("a) Đến năm 2030:\n".to_string()),
        Just("- Phấn đấu ".to_string()),
        Just("khoảng ".to_string()),
        Just("không còn ".to_string()),
        Just("gấp đôi ".to_string()),
        Just("từ ".to_string()),
        Just(" - ".to_string()),
        Just("% ".to_string()),
        Just("/năm; ".to_string()),
        Just("| 1 | Mục tiêu ".to_string()),
        Just(" |\n".to_string()),
        Just("hợp tác xã ".to_string()),
        Just("Đ".to_string()),
        "[0-9]{1,6}".prop_map(|s| s),
        "[0-9]{1,3}(\\.[0-9]{3}){0,2}(,[0-9]{1,2})?".prop_map(|s| s),
        "[ -~]{0,6}".prop_map(|s| s),
        "\\PC{0,4}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_and_spans_fit(parts in prop::collection::vec(piece(), 0..40), t0 in 0usize..50, t1 in 0usize..80) {
        let text: String = parts.concat();
        let n = text.chars().count();
        let span = Span::new(t0.min(n), t1.min(n).max(t0.min(n)));
        let doc = NormalizedDocument {
            text: text.clone(),
            tables: vec![NormTable { rows: vec![vec!["STT".into(), "Mục tiêu".into()]], span, page: None }],
            ..Default::default()
        };
        for t in vanban_targets::extract(&doc) {
            prop_assert!(t.start <= t.end && t.end <= n, "{:?} in {:?}", t, text);
            prop_assert!(t.value.is_finite());
            let _ = vanban_targets::format_line(&t);
        }
    }
}
