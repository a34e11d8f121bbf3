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
        // page 2 of the English-layer file is its invisible layer, kept (no image under
        // it): the record of violation it cites is read from it
        let want: &[&str] = if rel.contains("english") {
            &["71/2019/NĐ-CP", "13/2018/TT-BCT", "26/BB-VPHC"]
        } else {
            &["71/2019/NĐ-CP", "13/2018/TT-BCT"]
        };
        assert_eq!(numbers, want, "{rel}");
    }
}
