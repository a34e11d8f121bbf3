//! Property: extraction never panics and every mention lies inside the text, whatever
//! the mix of citation fragments, Vietnamese letters, digits and punctuation.
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Nghị quyết",
    " số ",
    "20",
    "-",
    "/",
    "NQ",
    "TW",
    "09/NQ-CP",
    " ngày ",
    "16/6/2022",
    "12 tháng 3 năm 2019",
    " của ",
    "Chính phủ",
    "UBND tỉnh",
    "Bà Rịa - Vũng Tàu",
    "Luật",
    " Hợp tác xã",
    " năm 2012",
    "(gọi tắt là ",
    "Nghị quyết 20",
    ")",
    "Căn cứ ",
    "Thực hiện ",
    "\n",
    "I. MỤC ĐÍCH",
    "1. Mục đích",
    "Trung ương 5",
    " khóa IX",
    "“",
    "”",
    "về ",
    "Ủy",
    "ban",
    ";",
    ",",
    ".",
    " và ",
    "Đ",
    "ố",
    "Số: ",
    "70% - 85%",
    "2021-2025",
    "Điều 5",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn never_panics(parts in proptest::collection::vec(0..PIECES.len(), 0..60), noise in "\\PC{0,40}") {
        let mut text: String = parts.iter().map(|&i| PIECES[i]).collect();
        text.push_str(&noise);
        let out = vanban_refs::extract(&text, Some("20-NQ/TW"));
        let n = text.chars().count();
        for r in &out.references {
            prop_assert!(!r.mentions.is_empty());
            prop_assert!(r.number.is_some() || r.name.is_some());
            for m in &r.mentions {
                prop_assert!(m.start < m.end && m.end <= n);
            }
            prop_assert!(!vanban_refs::format_line(r).is_empty());
        }
    }
}
