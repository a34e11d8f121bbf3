//! Fixture PDFs rendered by scripts/make-fixtures.sh: paragraphs and table cells come out.
use std::path::PathBuf;
use vanban_model::{Block, Format};
use vanban_pdf::{read_pdf, PdfError, PdfOptions};

fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn lines(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<Vec<Vec<String>>> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.rows.clone()),
            _ => None,
        })
        .collect()
}

fn expected(name: &str) -> serde_json::Value {
    serde_json::from_slice(&fixture(&format!("pdf/source/{name}.expected.json"))).unwrap()
}

#[test]
fn header_read_column_by_column() {
    let d = read_pdf(
        &fixture("pdf/header-two-column.pdf"),
        &PdfOptions::default(),
    )
    .unwrap();
    assert_eq!(d.format, Some(Format::Pdf));
    assert_eq!(d.pages, Some(1));
    let l = lines(&d.blocks);
    assert_eq!(
        &l[..6],
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH AN PHÚ",
            "Số: 57/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "An Phú, ngày 14 tháng 3 năm 2024"
        ]
    );
    // word spaces come from glyph gaps: no split syllables like "Lu ật"
    assert!(l.iter().any(|s| s.contains("Luật sửa")), "{l:?}");
    // signature block: left column first
    let i = l.iter().position(|s| s == "Nơi nhận:").unwrap();
    assert_eq!(l[i + 4], "TM. ỦY BAN NHÂN DÂN");
}

#[test]
fn merged_cells_table_matches_source() {
    let d = read_pdf(
        &fixture("pdf/table-merged-cells.pdf"),
        &PdfOptions::default(),
    )
    .unwrap();
    let t = tables(&d.blocks);
    let want = expected("table-merged-cells");
    let want: Vec<Vec<String>> = serde_json::from_value(want["tables"][0].clone()).unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0], want);
}

#[test]
fn table_across_pages_is_one_table() {
    let d = read_pdf(&fixture("pdf/table-two-pages.pdf"), &PdfOptions::default()).unwrap();
    let t = tables(&d.blocks);
    let want: Vec<Vec<String>> =
        serde_json::from_value(expected("table-two-pages")["tables"][0].clone()).unwrap();
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].len(), want.len());
    assert_eq!(t[0], want);
    assert!(
        d.blocks
            .iter()
            .filter(|b| matches!(b, Block::PageBreak))
            .count()
            >= 1
    );
}

/// Tables printed without borders: found from column alignment, rows from the gaps between
/// them (the cells are centred vertically, so the STT label sits beside a cell's middle
/// line), the header repeated on later pages dropped, group headings across merged cells.
#[test]
fn borderless_tables_match_source() {
    for (name, pages) in [("table-borderless", 3), ("indicators-borderless", 1)] {
        let d = read_pdf(&fixture(&format!("pdf/{name}.pdf")), &PdfOptions::default()).unwrap();
        assert_eq!(d.pages, Some(pages), "{name}");
        let t = tables(&d.blocks);
        let want: Vec<Vec<String>> =
            serde_json::from_value(expected(name)["tables"][0].clone()).unwrap();
        assert_eq!(t.len(), 1, "{name}: {t:?}");
        assert_eq!(t[0], want, "{name}");
        // the prose around the table stays prose
        let l = lines(&d.blocks);
        let paras = expected(name)["paragraphs"].as_array().unwrap().len();
        assert!(l.len() >= paras.saturating_sub(1), "{name}: {l:?}");
    }
}

#[test]
fn annotation_appearances_are_drawn_in_their_lines() {
    // The number and the day are widget appearances placed in the gaps the page content
    // left with spaces; the number's form is drawn at twice its size and mapped onto its
    // /Rect, and its /F1 is another font than the page's /F1.
    let d = read_pdf(
        &fixture("pdf/annotation-stamped-number.pdf"),
        &PdfOptions::default(),
    )
    .unwrap();
    let l = lines(&d.blocks);
    let has = |s: &str| l.iter().any(|x| x.contains(s));
    assert!(has("Số: 3686 /UBND-XD"), "{l:#?}");
    assert!(has("ngày 11 tháng 5 năm 2026"), "{l:#?}");
    assert!(has("Người ký: Phan Văn An"), "{l:#?}");
    assert!(has("Thời gian ký: 11.05.2026 09:30:15"), "{l:#?}");
    // /AS /On, not /Off; Hidden, NoView and Popup annotations are not drawn
    for hidden in ["99", "SAI", "0000/XX", "9999", "POPUP", "7777"] {
        assert!(!has(hidden), "{hidden}: {l:#?}");
    }
}

#[test]
fn every_fixture_extracts_its_paragraph_words() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().and_then(|x| x.to_str()) != Some("pdf") {
            continue;
        }
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        let d = read_pdf(&std::fs::read(&p).unwrap(), &PdfOptions::default()).unwrap();
        let text: String = lines(&d.blocks).join(" ");
        let words: std::collections::HashSet<&str> = text.split_whitespace().collect();
        let want = expected(&name);
        let paras = want["paragraphs"].as_array().unwrap();
        let mut total = 0;
        let mut found = 0;
        for para in paras {
            for w in para.as_str().unwrap().split_whitespace() {
                total += 1;
                if words.contains(w) {
                    found += 1;
                }
            }
        }
        let recall = found as f64 / total.max(1) as f64;
        assert!(recall > 0.97, "{name}: word recall {recall:.3}");
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn error_paths() {
    let o = PdfOptions::default();
    assert_eq!(
        read_pdf(&fixture("torture/scan-no-text.pdf"), &o),
        Err(PdfError::NoText)
    );
    // a scan whose only text is an e-signature stamp (an annotation) still needs OCR
    assert_eq!(
        read_pdf(&fixture("torture/stamp-on-scan.pdf"), &o),
        Err(PdfError::NoText)
    );
    assert_eq!(
        read_pdf(&fixture("torture/encrypted-user-password.pdf"), &o),
        Err(PdfError::Encrypted)
    );
    let d = read_pdf(&fixture("torture/encrypted-owner-only.pdf"), &o).unwrap();
    assert!(lines(&d.blocks).iter().any(|l| l == "ỦY BAN NHÂN DÂN"));
    assert!(d.warnings.iter().any(|w| w.contains("encrypted")));
    assert!(matches!(
        read_pdf(&fixture("torture/zero-bytes.pdf"), &o),
        Err(PdfError::Malformed(_))
    ));
    assert!(matches!(
        read_pdf(&fixture("torture/text-renamed.pdf"), &o),
        Err(PdfError::Malformed(_))
    ));
    // a PDF renamed .txt is still a PDF: detection is by content
    assert!(read_pdf(&fixture("torture/pdf-renamed.txt"), &o).is_ok());
}
