//! Fonts without a usable Unicode map (scripts/make-font-fixtures.py): the same Vietnamese
//! letter drawn in CID TrueType fonts that lost their ToUnicode comes back word for word,
//! whichever table of the embedded font the map is recovered from; an English-OCR text
//! layer is dropped as unreadable.
mod common;
use common::has;
use std::path::PathBuf;
use vanban_model::Block;
use vanban_pdf::{read_pdf, PdfError, PdfOptions};

fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(s) => Some(s.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Share of the source's words (with repeats) found in the output.
fn word_recall(source: &[String], out: &str) -> f64 {
    let mut have: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in out.split_whitespace() {
        *have.entry(w).or_default() += 1;
    }
    let (mut total, mut found) = (0usize, 0usize);
    for w in source.iter().flat_map(|l| l.split_whitespace()) {
        total += 1;
        if let Some(n) = have.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            found += 1;
        }
    }
    found as f64 / total.max(1) as f64
}

fn source_lines(name: &str) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&fixture(&format!("pdf/source/{name}.expected.json"))).unwrap();
    v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_font_kind_gives_the_vietnamese_text_back() {
    for (name, source) in [
        ("cid-glyph-ids", "the glyph order of the font it names"),
        (
            "cid-garbled-tounicode",
            "the glyph order of the font it names",
        ),
        ("cid-cmap", "its cmap"),
        ("cid-post-names", "its glyph names"),
    ] {
        let d = read_pdf(&fixture(&format!("pdf/{name}.pdf")), &PdfOptions::default()).unwrap();
        let out = text(&d.blocks);
        let recall = word_recall(&source_lines(name), &out);
        assert!(recall >= 0.99, "{name}: word recall {recall:.3}\n{out}");
        for needle in [
            "SỞ CÔNG THƯƠNG",
            "Số: 512/SCT-QLCN",
            "Lào Cai, ngày 15 tháng 4 năm 2026",
            "Nghị định số 71/2019/NĐ-CP",
            "vướng mắc đề nghị phản ánh kịp",
        ] {
            assert!(out.contains(needle), "{name}: {needle:?} missing\n{out}");
        }
        // no glyph id shown as a letter of another script
        assert!(
            !out.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
            "{name}: {out}"
        );
        let w = d.warnings.join("\n");
        assert!(
            w.contains("Unicode map recovered for 2 font(s)") && w.contains(source),
            "{name}: {w}"
        );
        assert!(!w.contains("not readable"), "{name}: {w}");
    }
}

const LAYER_KEPT: &str = "the only text is an invisible OCR layer that does not read as Vietnamese (English OCR?) and no image is left to read again: kept as it is";

#[test]
fn an_english_ocr_layer_with_no_image_under_it_is_kept_with_a_warning() {
    let d = read_pdf(
        &fixture("pdf/ocr-english-layer.pdf"),
        &PdfOptions::default(),
    )
    .unwrap();
    assert_eq!(d.pages, Some(2));
    let out = text(&d.blocks);
    assert!(out.contains("Số: 512/SCT-QLCN"), "{out}");
    // page 2's layer is all there is of the page (no image to OCR): kept as it is
    assert!(out.contains("CQNG HOA XA HQI"), "{out}");
    assert!(out.contains("Can cu Nghi djnh s6 71/2019/ND-CP"), "{out}");
    // the page's text layer was read (its leading comment stream did not hide it) and judged
    assert_eq!(
        d.warnings
            .iter()
            .filter(|w| w.starts_with("page 2:"))
            .collect::<Vec<_>>(),
        [&format!("page 2: {LAYER_KEPT}")],
        "{:?}",
        d.warnings
    );
    assert!(!has(&d.warnings, 1, ""), "{:?}", d.warnings);
}

#[test]
fn a_document_whose_only_layer_is_english_ocr_keeps_it() {
    let d = read_pdf(
        &fixture("torture/ocr-english-only.pdf"),
        &PdfOptions::default(),
    )
    .unwrap();
    assert!(text(&d.blocks).contains("QUYET DINH"));
    assert!(
        d.warnings.contains(&format!("page 1: {LAYER_KEPT}")),
        "{:?}",
        d.warnings
    );
}

/// A one-page PDF drawing `lines` in Helvetica, in text rendering mode `render`, after a
/// page-sized image (a scan) when `scan`.
fn helvetica_page(lines: &[&str], render: u8, scan: bool) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![255, 255, 255, 255],
    ));
    let mut ops = if scan {
        String::from("q 595 0 0 842 0 0 cm /Im1 Do Q ")
    } else {
        String::new()
    };
    ops.push_str(&format!("BT {render} Tr /F1 11 Tf 14 TL 60 780 Td "));
    for l in lines {
        ops.push_str(&format!("({l}) Tj T* "));
    }
    ops.push_str("ET");
    let content = doc.add_object(Stream::new(dictionary! {}, ops.into_bytes()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "Im1" => image },
        },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

const ENGLISH_ANNEX: [&str; 8] = [
    "Annex: Memorandum of Understanding on cooperation in the development of",
    "agricultural cooperatives between the Provincial People's Committee and the",
    "partner organisation. Both parties agree to exchange experience on value chains,",
    "to train the managers of cooperatives in accounting and digital marketing, and",
    "to support the cooperative alliance in building a network of collection points.",
    "The parties shall meet once a year to review the results of the programme and",
    "to agree on the plan for the following year. This memorandum takes effect on the",
    "date of signature and remains valid for five years unless terminated earlier.",
];

#[test]
fn a_printed_page_in_another_language_is_kept_as_printed() {
    let d = read_pdf(
        &helvetica_page(&ENGLISH_ANNEX, 0, false),
        &PdfOptions::default(),
    )
    .unwrap();
    let out = text(&d.blocks);
    assert!(out.contains("Memorandum of Understanding"), "{out}");
    assert!(out.contains("remains valid for five years"), "{out}");
    assert!(
        d.warnings.iter().any(|w| w
            == "page 1: text does not read as Vietnamese (another language?): kept as printed"),
        "{:?}",
        d.warnings
    );
}

#[test]
fn the_same_page_drawn_invisible_over_a_scan_is_an_ocr_layer_and_is_dropped() {
    // rendering mode 3 over a page-sized image: an OCR layer, read again from the image;
    // without OCR the page has no text
    let opts = PdfOptions {
        ocr: vanban_pdf::OcrMode::Never,
        ..PdfOptions::default()
    };
    let e = read_pdf(&helvetica_page(&ENGLISH_ANNEX, 3, true), &opts).unwrap_err();
    assert_eq!(e, PdfError::NoText);
}

#[test]
fn the_same_page_drawn_invisible_with_no_image_is_kept_as_the_only_text() {
    let d = read_pdf(
        &helvetica_page(&ENGLISH_ANNEX, 3, false),
        &PdfOptions::default(),
    )
    .unwrap();
    assert!(text(&d.blocks).contains("Memorandum of Understanding"));
    assert_eq!(d.warnings, [format!("page 1: {LAYER_KEPT}")]);
}

#[test]
fn visible_english_under_a_scan_is_an_ocr_layer_too() {
    // "text under the page image": the OCR layer drawn visible, the scan painted over it;
    // without OCR the page has no text (with OCR it is read from the image)
    let opts = PdfOptions {
        ocr: vanban_pdf::OcrMode::Never,
        ..PdfOptions::default()
    };
    let e = read_pdf(&helvetica_page(&ENGLISH_ANNEX, 0, true), &opts).unwrap_err();
    assert_eq!(e, PdfError::NoText, "{e:?}");
}
