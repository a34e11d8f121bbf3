//! Property tests: normalize never panics and is idempotent.
use proptest::prelude::*;
use vanban_model::{Block, RawDocument};

fn doc_like() -> impl Strategy<Value = String> {
    // words, Vietnamese letters, punctuation, symbols, bullets and blank lines
    let token = prop_oneof![
        Just("Nghị".to_string()),
        Just("quyết".to_string()),
        Just("số".to_string()),
        Just("20-".to_string()),
        Just("NQ/TW".to_string()),
        Just("hoà".to_string()),
        Just("KẾ HOẠCH".to_string()),
        Just("-".to_string()),
        Just("a)".to_string()),
        Just("1.".to_string()),
        Just("II.".to_string()),
        Just(";".to_string()),
        Just(".".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("| STT | Nội dung |".to_string()),
        Just("STT Nhiệm vụ Đơn vị chủ trì Kết quả".to_string()),
        "[a-zđơư]{1,7}",
        "[A-ZĐ][a-zà-ỹ]{0,6}",
        "[0-9]{1,4}",
    ];
    prop::collection::vec(token, 0..120).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>()) {
        let _ = vanban_normalize::normalize_text(&s);
    }

    #[test]
    fn never_panics_on_arbitrary_blocks(lines in prop::collection::vec(any::<String>(), 0..40)) {
        let raw = RawDocument { blocks: lines.into_iter().map(Block::Line).collect(), ..Default::default() };
        let n = vanban_normalize::normalize(&raw);
        prop_assert!(n.offsets.windows(2).all(|w| w[0].norm <= w[1].norm));
    }

    #[test]
    fn idempotent_on_arbitrary_strings(s in any::<String>()) {
        let once = vanban_normalize::normalize_text(&s);
        prop_assert_eq!(vanban_normalize::normalize_text(&once), once);
    }

    #[test]
    fn idempotent_on_document_like_text(s in doc_like()) {
        let once = vanban_normalize::normalize_text(&s);
        prop_assert_eq!(vanban_normalize::normalize_text(&once), once);
    }
}
