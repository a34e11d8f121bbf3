//! Helpers shared by the integration tests.

/// Whether one of `warnings` names `page` (as "page N: …" or in a grouped
/// "pages 1, 3–9: …") and contains `what`.
pub fn has(warnings: &[String], page: u32, what: &str) -> bool {
    let names = |w: &str| {
        if w.starts_with(&format!("page {page}: ")) {
            return true;
        }
        let Some((list, _)) = w.strip_prefix("pages ").and_then(|r| r.split_once(": ")) else {
            return false;
        };
        list.split(", ").any(|part| {
            let (a, b) = part.split_once('–').unwrap_or((part, part));
            matches!((a.parse::<u32>(), b.parse::<u32>()), (Ok(a), Ok(b)) if a <= page && page <= b)
        })
    };
    warnings.iter().any(|w| names(w) && w.contains(what))
}

#[test]
fn has_reads_single_and_grouped_page_prefixes() {
    let w = vec![
        "page 2: font X: missing".to_string(),
        "pages 1, 3–9: font Y: ToUnicode map damaged".to_string(),
    ];
    assert!(has(&w, 2, "missing"));
    assert!(has(&w, 1, "ToUnicode"));
    assert!(has(&w, 5, "ToUnicode"));
    assert!(!has(&w, 2, "ToUnicode"));
    assert!(!has(&w, 10, "ToUnicode"));
    assert!(!has(&w, 3, "missing"));
}
