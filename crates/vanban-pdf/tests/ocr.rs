//! OCR wiring at the PDF reader: without the engine a scan is an error naming the packages
//! to install; text pages of a PDF are not sent to OCR.
use std::path::PathBuf;
use vanban_pdf::{read_pdf, OcrMode, PdfError, PdfOptions};

fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read(p).expect("fixture")
}

#[test]
fn missing_engine_names_the_packages() {
    let opts = PdfOptions {
        ocr_program: "/nonexistent/tesseract".into(),
        ..Default::default()
    };
    let e = read_pdf(&fixture("fixtures/ocr/header-jpeg.pdf"), &opts).unwrap_err();
    assert!(matches!(e, PdfError::Ocr(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("apt-get install tesseract-ocr tesseract-ocr-vie"),
        "{msg}"
    );
}

#[test]
fn missing_language_names_its_package() {
    let opts = PdfOptions {
        ocr_settings: vanban_pdf::OcrSettings {
            languages: "xyz".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let e = read_pdf(&fixture("fixtures/ocr/header-jpeg.pdf"), &opts).unwrap_err();
    assert!(e.to_string().contains("tesseract-ocr-xyz"), "{e}");
}

#[test]
fn text_pdf_is_not_ocred_in_auto_mode_and_never_is_no_text() {
    let d = read_pdf(
        &fixture("fixtures/pdf/header-two-column.pdf"),
        &PdfOptions {
            ocr_program: "/nonexistent/tesseract".into(),
            ..Default::default()
        },
    )
    .expect("text layer read without the engine");
    assert!(d.ocr.is_none());
    let opts = PdfOptions {
        ocr: OcrMode::Never,
        ..Default::default()
    };
    assert_eq!(
        read_pdf(&fixture("fixtures/ocr/table-g4.pdf"), &opts).unwrap_err(),
        PdfError::NoText
    );
}

/// A typed letter over a picture that fills the page (a letterhead under Word's text) is a
/// text page: read without the engine, its text as typed.
#[test]
fn typed_page_over_a_full_page_picture_is_not_ocred() {
    let d = read_pdf(
        &fixture("fixtures/pdf/letter-on-picture.pdf"),
        &PdfOptions {
            ocr_program: "/nonexistent/tesseract".into(),
            ..Default::default()
        },
    )
    .expect("text layer read without the engine");
    assert!(d.ocr.is_none());
    let lines: Vec<&str> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            vanban_model::Block::Line(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    for typed in ["Số: 3686/UBND-XD", "Kính gửi: Sở Công Thương tỉnh Lào Cai"] {
        assert!(lines.contains(&typed), "{typed:?} not in {lines:?}");
    }
}
