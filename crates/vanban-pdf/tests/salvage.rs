//! Damaged copies of a PDF made here (cut short, cross-reference offsets broken, a
//! stream's /Length wrong): the pages whose objects precede the damage come out.
mod common;
use common::has;
use lopdf::{dictionary, Document, Object, Stream};
use vanban_model::Block;
use vanban_pdf::{read_pdf, PdfOptions};

/// A three-page PDF, each page's objects written together in page order (page, content)
/// after the catalog, the page tree and the font; the text of page N is "Trang so N …".
fn three_pages() -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids = Vec::new();
    for n in 1..=3 {
        let page_id = doc.new_object_id();
        let text = format!("BT /F1 14 Tf 72 720 Td (Trang so {n} Ke hoach trien khai) Tj ET");
        let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
        doc.objects.insert(
            page_id,
            Object::Dictionary(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            }),
        );
        kids.push(Object::Reference(page_id));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 3 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
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

/// Offset of the header of the content stream that holds `needle`.
fn end_of(pdf: &[u8], needle: &[u8]) -> usize {
    let at = pdf.windows(needle.len()).position(|w| w == needle).unwrap();
    let after = pdf[at..].windows(6).position(|w| w == b"endobj").unwrap();
    at + after + 6
}

#[test]
fn undamaged_file_reads_without_salvage_warnings() {
    let doc = read_pdf(&three_pages(), &PdfOptions::default()).unwrap();
    let t = text(&doc.blocks);
    assert!(t.contains("Trang so 3"), "{t}");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn a_file_cut_after_page_two_gives_pages_one_and_two_and_says_page_three_is_missing() {
    let pdf = three_pages();
    let cut = end_of(&pdf, b"(Trang so 2") + 5;
    assert!(cut < end_of(&pdf, b"(Trang so 3"));
    let doc = read_pdf(&pdf[..cut], &PdfOptions::default()).unwrap();
    let t = text(&doc.blocks);
    assert!(t.contains("Trang so 1") && t.contains("Trang so 2"), "{t}");
    assert!(!t.contains("Trang so 3"), "{t}");
    assert_eq!(doc.pages, Some(2));
    let partial: Vec<&String> = doc
        .warnings
        .iter()
        .filter(|w| w.starts_with("partial:"))
        .collect();
    assert_eq!(partial.len(), 1, "{:?}", doc.warnings);
    assert!(partial[0].contains("truncated"), "{}", partial[0]);
    assert!(
        partial[0].contains("pages 3 of 3 missing"),
        "{}",
        partial[0]
    );
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.contains("cross-reference table rebuilt")));
}

#[test]
fn a_page_whose_content_stream_was_lost_is_named_in_a_warning() {
    // page 2's content object loses its header ("5 0 obj" -> "5 0 o?j"): it does not
    // load, its reference is pruned, the page gives nothing; the warning says which
    let mut pdf = three_pages();
    let at = pdf.windows(11).position(|w| w == b"(Trang so 2").unwrap();
    let head = pdf[..at].windows(4).rposition(|w| w == b" obj").unwrap();
    pdf[head + 2] = b'?';
    let doc = read_pdf(&pdf, &PdfOptions::default()).unwrap();
    let t = text(&doc.blocks);
    assert!(t.contains("Trang so 1") && t.contains("Trang so 3"), "{t}");
    assert!(!t.contains("Trang so 2"), "{t}");
    assert!(
        doc.warnings.iter().any(|w| w
            == "page 2: no text came out: objects it needs (content stream, fonts) are missing from the file or damaged"),
        "{:?}",
        doc.warnings
    );
    assert!(
        !has(&doc.warnings, 1, "") && !has(&doc.warnings, 3, ""),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn a_file_cut_inside_page_one_content_gives_no_text_but_no_panic() {
    let pdf = three_pages();
    let at = pdf.windows(11).position(|w| w == b"(Trang so 1").unwrap();
    assert!(read_pdf(&pdf[..at], &PdfOptions::default()).is_err());
}

#[test]
fn broken_xref_offsets_are_rebuilt_and_every_page_comes_out() {
    let mut pdf = three_pages();
    // shift every in-use offset of the table by 7 bytes: each points into another object
    let xref = pdf.windows(6).rposition(|w| w == b"\nxref\n").unwrap() + 1;
    let table = String::from_utf8_lossy(&pdf[xref..]).into_owned();
    let mut fixed = String::new();
    for line in table.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        if f.len() >= 3 && f[0].len() == 10 && f[2] == "n" {
            let off: usize = f[0].parse().unwrap();
            fixed.push_str(&format!("{:010} {} n \n", off + 7, f[1]));
        } else {
            fixed.push_str(line);
            fixed.push('\n');
        }
    }
    pdf.truncate(xref);
    pdf.extend_from_slice(fixed.as_bytes());
    let doc = read_pdf(&pdf, &PdfOptions::default()).unwrap();
    let t = text(&doc.blocks);
    for n in 1..=3 {
        assert!(t.contains(&format!("Trang so {n}")), "{t}");
    }
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.contains("cross-reference table rebuilt")));
    assert!(!doc.warnings.iter().any(|w| w.starts_with("partial:")));
}

#[test]
fn a_lying_length_and_a_lost_startxref_still_give_every_page() {
    let pdf = three_pages();
    // the content streams are written with their true /Length; make one lie
    let at = end_of(&pdf, b"(Trang so 2");
    let len_at = pdf[..at]
        .windows(8)
        .rposition(|w| w == b"/Length ")
        .unwrap();
    let mut damaged = pdf[..len_at].to_vec();
    damaged.extend_from_slice(b"/Length 3");
    let digits_end = pdf[len_at + 8..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap();
    damaged.extend_from_slice(&pdf[len_at + 8 + digits_end..]);
    // and the startxref points nowhere
    let sx = damaged.windows(9).rposition(|w| w == b"startxref").unwrap();
    damaged.truncate(sx);
    damaged.extend_from_slice(b"startxref\n999999\n%%EOF\n");
    let doc = read_pdf(&damaged, &PdfOptions::default()).unwrap();
    let t = text(&doc.blocks);
    for n in 1..=3 {
        assert!(t.contains(&format!("Trang so {n}")), "{t}");
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Share of the words of the fixture's source paragraphs found in `out` (each used once).
fn source_recall(name: &str, out: &str) -> f64 {
    let v: serde_json::Value =
        serde_json::from_slice(&fixture(&format!("pdf/source/{name}.expected.json"))).unwrap();
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut bag: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in words(out) {
        *bag.entry(w).or_default() += 1;
    }
    let (mut found, mut total) = (0usize, 0usize);
    for p in v["paragraphs"].as_array().unwrap() {
        for w in words(p.as_str().unwrap()) {
            total += 1;
            if let Some(n) = bag.get_mut(&w).filter(|n| **n > 0) {
                *n -= 1;
                found += 1;
            }
        }
    }
    found as f64 / total.max(1) as f64
}

/// Copies of two fixtures with 20 bytes changed (`scripts/damage-set.py`, seed 16): a
/// changed byte in a font's ToUnicode map made pdf-extract panic on every page (no text
/// at all); the map's other entries, the other fonts and the other pages now come out.
/// A changed byte in the content stream of the two-column header page: from there on the
/// lexer resyncs on junk, which draws glyphs all over the page, and the page as a whole no
/// longer reads as Vietnamese (it was dropped as an image page: "scanned document, OCR
/// needed", though pdftotext reads its first lines). The glyphs drawn before the damage
/// are kept, with a warning; the junk is not.
#[test]
fn a_damaged_page_keeps_what_was_drawn_before_the_damage() {
    let file = "pdf/damaged/chromium-header-two-column.flip-2.pdf";
    let doc = read_pdf(&fixture(file), &PdfOptions::default()).unwrap();
    let out = text(&doc.blocks);
    assert!(out.contains("Số: 57/KH-UBND"), "{out}");
    assert!(out.contains("An Phú, ngày 14 tháng 3 năm 2024"), "{out}");
    assert!(
        out.contains("Căn cứ Luật Tổ chức chính quyền địa phương"),
        "{out}"
    );
    // no junk line ("0 ng g02 02/2m in hí ổ cphht92íhN…")
    assert!(!out.contains("cphht"), "{out}");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("damaged: the 299 glyph(s) drawn before kept")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn bit_flipped_fixtures_give_their_pages_text() {
    for (file, name, min) in [
        (
            "pdf/damaged/corpus-lam-dong-chuong-trinh-hanh-dong-20-nq-tw.flip-1.pdf",
            "corpus-lam-dong-chuong-trinh-hanh-dong-20-nq-tw",
            0.55,
        ),
        (
            "pdf/damaged/footnotes-word-style.flip-3.pdf",
            "footnotes-word-style",
            0.75,
        ),
    ] {
        let doc = read_pdf(&fixture(file), &PdfOptions::default()).unwrap();
        let mut out = text(&doc.blocks);
        for t in doc.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        }) {
            for row in &t.rows {
                out.push('\n');
                out.push_str(&row.join(" "));
            }
        }
        for f in &doc.footnotes {
            out.push('\n');
            out.push_str(&f.text);
        }
        let r = source_recall(name, &out);
        assert!(
            r >= min,
            "{file}: recall {r:.2} < {min}\n{:?}",
            doc.warnings
        );
        assert!(
            has(&doc.warnings, 1, "ToUnicode map damaged"),
            "{file}: {:?}",
            doc.warnings
        );
    }
}

/// A truncated file whose page survives but whose fonts' programs (the only way to its
/// text) were cut off is a `Truncated` error saying so, not a scan needing OCR.
#[test]
fn a_cut_that_loses_the_font_programs_is_a_truncation_error_not_a_scan() {
    let pdf = fixture("pdf/cid-glyph-ids.pdf");
    match read_pdf(&pdf[..pdf.len() / 3], &PdfOptions::default()) {
        Err(vanban_pdf::PdfError::Truncated(m)) => {
            assert!(m.starts_with("file is truncated"), "{m}");
            assert!(
                m.contains("font programs") && m.contains("re-download"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    // the whole file reads
    assert!(read_pdf(&pdf, &PdfOptions::default()).is_ok());
}
