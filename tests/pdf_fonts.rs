//! PDFs whose fonts lost their Unicode map (scripts/make-font-fixtures.py) through the
//! whole pipeline: metadata and references are read as from a clean print.
use vanban_tests::repo_path;

#[test]
fn metadata_and_references_of_a_letter_in_fonts_without_unicode_maps() {
    for rel in [
        "fixtures/pdf/cid-glyph-ids.pdf",
        "fixtures/pdf/cid-garbled-tounicode.pdf",
        "fixtures/pdf/cid-cmap.pdf",
        "fixtures/pdf/cid-post-names.pdf",
        "fixtures/pdf/ocr-english-layer.pdf",
    ] {
        let bytes = std::fs::read(repo_path(rel)).expect("fixture");
        let d = vanban_core::process(&bytes, rel, &Default::default()).expect("processed");
        let m = &d.metadata;
        assert_eq!(m.doc_number.as_deref(), Some("512/SCT-QLCN"), "{rel}");
        assert_eq!(m.date.as_deref(), Some("2026-04-15"), "{rel}");
        assert_eq!(
            m.issuer.as_deref(),
            Some("Sở Công Thương tỉnh Lào Cai"),
            "{rel}"
        );
        assert_eq!(m.province.as_deref(), Some("Lào Cai"), "{rel}");
        let numbers: Vec<&str> = d
            .references
            .iter()
            .filter_map(|r| r.number.as_deref())
            .collect();
        assert_eq!(numbers, ["71/2019/NĐ-CP", "13/2018/TT-BCT"], "{rel}");
    }
}
