//! Property test: reading arbitrary bytes never panics, and what it reads normalizes.
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_read_or_error(bytes in prop::collection::vec(any::<u8>(), 0..2048), name in prop::sample::select(vec!["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "noext"])) {
        match vanban_read::read(&bytes, Some(name), &Default::default()) {
            Ok(raw) => {
                let n = vanban_normalize::normalize(&raw);
                let has_nul = n.text.contains(char::from(0));
                prop_assert!(!has_nul);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn markup_like_bytes(s in "(<p>|</p>|<table>|<tr>|<td rowspan=[0-9]{1,3}>|<td colspan=[0-9]{1,3}>|\\| a \\||\\|---\\||\\*\\*|[a-zđơư ]{0,8}|\n){0,60}") {
        for name in ["x.html", "x.md", "x.txt"] {
            let _ = vanban_read::read(s.as_bytes(), Some(name), &Default::default());
        }
    }
}
