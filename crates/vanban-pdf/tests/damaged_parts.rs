//! A PDF whose font, content stream or page box is damaged: the page still gives what it
//! holds, with a warning naming the page, and the other pages come out (issue #16).
mod common;
use common::has;
use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use pdf_extract::content::operations;
use vanban_model::Block;
use vanban_pdf::{read_pdf, PdfOptions};

const PAGE_ONE: &str = "Trang mot ke hoach trien khai nhiem vu";
const PAGE_TWO: &str = "Trang hai bao cao ket qua thuc hien";

/// Two pages. Page 1 draws `content1` with font `/F1` = `font1` (added as an object when
/// it is a dictionary, left out of the resources when `None`), page 2 draws PAGE_TWO in a
/// clean Helvetica. `page1` adds or removes entries of page 1.
fn two_pages(
    font1: Option<Object>,
    content1: Stream,
    page1: impl FnOnce(&mut Dictionary),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages_id = doc.new_object_id();
    let good = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut fonts1 = Dictionary::new();
    if let Some(mut f) = font1 {
        // a stream inside the font (its ToUnicode map) becomes an object of its own
        if let Object::Dictionary(d) = &mut f {
            if let Ok(Object::Stream(st)) = d.get(b"ToUnicode").cloned() {
                let id = doc.add_object(st);
                d.set("ToUnicode", id);
            }
        }
        let id = doc.add_object(f);
        fonts1.set("F1", id);
    }
    let c1 = doc.add_object(content1);
    let text2 = format!("BT /F1 14 Tf 72 720 Td ({PAGE_TWO}) Tj ET");
    let c2 = doc.add_object(Stream::new(dictionary! {}, text2.into_bytes()));
    let mut p1 = dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => c1,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => fonts1 },
    };
    page1(&mut p1);
    let p1 = doc.add_object(p1);
    let p2 = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => c2,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => good } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![p1.into(), p2.into()], "Count" => 2,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn helvetica() -> Dictionary {
    dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    }
}

/// Helvetica with a /Widths for 32..=255 that is too short and holds a name among its
/// numbers.
fn helvetica_with_damaged_widths() -> Dictionary {
    let mut font = helvetica();
    font.set("FirstChar", 32);
    font.set("LastChar", 255);
    font.set(
        "Widths",
        vec![Object::Integer(250), Object::Name(b"x".to_vec())],
    );
    font
}

fn content(s: &str) -> Stream {
    Stream::new(dictionary! {}, s.as_bytes().to_vec())
}

fn page_one_text() -> Stream {
    content(&format!("BT /F1 14 Tf 72 720 Td ({PAGE_ONE}) Tj ET"))
}

/// The text of each page.
fn pages(pdf: &[u8]) -> (Vec<String>, Vec<String>) {
    let doc = read_pdf(pdf, &PdfOptions::default()).unwrap();
    let mut out = vec![String::new()];
    for b in &doc.blocks {
        match b {
            Block::Line(s) => {
                let last = out.last_mut().unwrap();
                last.push_str(s);
                last.push('\n');
            }
            Block::PageBreak => out.push(String::new()),
            _ => {}
        }
    }
    (out, doc.warnings)
}

/// A warning naming `page` ("page 2: …", or "pages 1–3, 5: …" for one told on several)
/// that says `what`.
#[test]
fn a_broken_tounicode_map_falls_back_to_the_encoding() {
    let mut font = helvetica();
    let cmap = b"/CIDInit /ProcSet findresource begin 1 beginbfchar <54> endbfchar end".to_vec();
    font.set("ToUnicode", Stream::new(dictionary! {}, cmap));
    let (p, w) = pages(&two_pages(Some(font.into()), page_one_text(), |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(has(&w, 1, "ToUnicode map unreadable"), "{w:?}");
}

#[test]
fn a_font_missing_from_the_resources_is_read_with_a_standard_stand_in() {
    let (p, w) = pages(&two_pages(None, page_one_text(), |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(has(&w, 1, "font /F1 missing: a standard font"), "{w:?}");
}

#[test]
fn a_font_name_one_byte_off_takes_the_font_of_that_name() {
    // the content asks for /F2, the resources have /F1 only: a byte of the name changed
    let c = content(&format!("BT /F2 14 Tf 72 720 Td ({PAGE_ONE}) Tj ET"));
    let (p, w) = pages(&two_pages(Some(helvetica().into()), c, |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(
        has(&w, 1, "font /F2 missing: /F1 (its name one byte off) used"),
        "{w:?}"
    );
}

#[test]
fn damaged_widths_and_encoding_entries_fall_back() {
    let mut font = helvetica_with_damaged_widths();
    font.set(
        "Encoding",
        dictionary! { "Differences" => vec![Object::Integer(9999), "A".into(), Object::Real(1.5)] },
    );
    let (p, w) = pages(&two_pages(Some(font.into()), page_one_text(), |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(has(&w, 1, "/Differences holds a Real: skipped"), "{w:?}");
}

#[test]
fn a_type0_font_without_its_descendant_still_reads_through_its_tounicode_map() {
    // two-byte codes 0001.. mapped to "Trang"; no /DescendantFonts, no /Encoding
    let cmap = b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        5 beginbfchar <0001> <0054> <0002> <0072> <0003> <0061> <0004> <006E> <0005> <0067> endbfchar end"
        .to_vec();
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TimesNewRomanPSMT",
        "ToUnicode" => Stream::new(dictionary! {}, cmap),
    };
    let c = content("BT /F1 14 Tf 72 720 Td <00010002000300040005> Tj ET");
    let (p, w) = pages(&two_pages(Some(font.into()), c, |_| {}));
    assert!(p[0].contains("Trang"), "{p:?} {w:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(has(&w, 1, "descendant font missing"), "{w:?}");
    assert!(has(&w, 1, "encoding missing: read as Identity-H"), "{w:?}");
}

#[test]
fn a_damaged_tounicode_entry_loses_only_itself() {
    // the entry of code 0002 ("r") has a changed digit: the others still map
    let cmap = b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        5 beginbfchar\n<0001> <0054>\n<00z2> <0072>\n<0003> <0061>\n<0004> <006E>\n<0005> <0067>\nendbfchar end"
        .to_vec();
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TimesNewRomanPSMT",
        "Encoding" => "Identity-H",
        "ToUnicode" => Stream::new(dictionary! {}, cmap),
    };
    let c = content("BT /F1 14 Tf 72 720 Td <00010002000300040005> Tj ET");
    let (p, w) = pages(&two_pages(Some(font.into()), c, |_| {}));
    // (the unmapped glyph's advance may read as a space)
    assert!(p[0].replace(' ', "").contains("Tang"), "{p:?} {w:?}");
    assert!(has(&w, 1, "ToUnicode map damaged"), "{w:?}");
    assert!(has(&w, 1, "4 well-formed entries kept"), "{w:?}");
}

#[test]
fn a_font_object_with_a_damaged_entry_is_read_without_that_entry() {
    let mut font = helvetica();
    font.set("Flags", 32);
    let mut pdf = two_pages(Some(font.into()), page_one_text(), |_| {});
    let at = pdf.windows(9).position(|w| w == b"/Flags 32").unwrap();
    pdf[at + 7] = b')'; // "/Flags )2": lopdf refuses the whole object
    let (p, w) = pages(&pdf);
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(
        !w.iter().any(|w| w.contains("font /F1 missing")),
        "the font is still there: {w:?}"
    );
}

#[test]
fn operators_after_a_broken_one_are_kept() {
    // a stray ")" and "]", a hex string with a changed digit, an operator whose operands
    // are of the wrong type: each loses only itself
    let c = content(
        "BT /F1 14 Tf 72 720 Td (Trang mot) Tj ET ) ] \
         /x /y /z /u /v /w cm \
         BT /F1 14 Tf 72 700 Td <6BK65> Tj ET \
         BT /F1 14 Tf 72 680 Td (nhiem vu) Tj ET",
    );
    let (p, w) = pages(&two_pages(Some(helvetica().into()), c, |_| {}));
    assert!(
        p[0].contains("Trang mot") && p[0].contains("nhiem vu"),
        "{p:?}"
    );
    assert!(
        p[0].contains("ke"),
        "the hex string minus its bad digit: {p:?}"
    );
    assert!(has(&w, 1, "content stream damaged"), "{w:?}");
    assert!(has(&w, 1, "could not be applied"), "{w:?}");
}

#[test]
fn a_content_stream_cut_inside_its_zlib_data_keeps_what_inflated() {
    // words WinAnsiEncoding can spell (the page must read as Vietnamese)
    let words = [
        "và",
        "các",
        "tình hình",
        "chính sách",
        "phát",
        "trên",
        "bàn",
        "xã",
        "ngày",
        "tháng",
        "công",
        "tác",
    ];
    let mut s = String::new();
    for i in 0..55 {
        let line = format!(
            "{} {} {}",
            words[i % 12],
            words[(i / 12) % 12],
            words[(i + 5) % 12]
        );
        s.push_str(&format!(
            "BT /F1 10 Tf 72 {} Td (Dòng {line}) Tj ET\n",
            800 - i * 14
        ));
    }
    let latin1: Vec<u8> = s
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let mut stream = Stream::new(dictionary! {}, latin1);
    stream.compress().unwrap();
    assert!(stream.is_compressed());
    // the second half of the compressed bytes lost (a download cut inside the stream)
    let half = stream.content.len() / 2;
    stream.set_content(stream.content[..half].to_vec());
    stream.dict.set("Filter", "FlateDecode");
    let (p, w) = pages(&two_pages(Some(helvetica().into()), stream, |_| {}));
    assert!(p[0].contains("Dòng và và trên"), "{p:?} {w:?}");
    assert!(p[0].contains("Dòng tác và phát"), "{p:?}");
    // the last line was in the lost half
    assert!(!p[0].contains("Dòng bàn trên tác"), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    // the warning names the page whose content it is
    assert!(
        has(&w, 1, "content stream") && has(&w, 1, "compressed data damaged"),
        "{w:?}"
    );
    assert!(!has(&w, 2, ""), "{w:?}");
}

#[test]
fn a_page_without_a_media_box_is_read_as_us_letter() {
    let (p, w) = pages(&two_pages(Some(helvetica().into()), page_one_text(), |d| {
        d.remove(b"MediaBox");
    }));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(has(&w, 1, "/MediaBox) missing or damaged"), "{w:?}");
}

#[test]
fn a_page_tree_leaf_with_a_damaged_type_is_a_page() {
    let (p, w) = pages(&two_pages(Some(helvetica().into()), page_one_text(), |d| {
        d.set("Type", Object::Name(b"Pa\x06e".to_vec()));
    }));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(w.iter().any(|w| w.contains("damaged /Type")), "{w:?}");
}

#[test]
fn the_lexer_resyncs_and_takes_the_last_operands() {
    let names = |s: &[u8]| -> Vec<String> {
        operations(s)
            .0
            .into_iter()
            .map(|o| format!("{} {}", o.operator, o.operands.len()))
            .collect()
    };
    assert_eq!(
        names(b"BT (one) Tj ) 1 2 Td (two) Tj ET"),
        ["BT 0", "Tj 1", "Td 2", "Tj 1", "ET 0"]
    );
    // "Tm" damaged into garbage: Tj takes its own (last) operand
    let (o, _) = operations(b"BT 1 0 0 1 60 8 (x) Tj ET");
    assert_eq!(o[1].operands, vec![Object::string_literal("x")]);
    // Tf that lost its operands is skipped (the current font stays)
    assert_eq!(names(b"BT Tf (y) Tj ET"), ["BT 0", "Tj 1", "ET 0"]);
    // inline image data is skipped
    assert_eq!(
        names(b"q BI /W 2 /H 1 ID \x00EI\xff EI Q (x) Tj"),
        ["q 0", "Q 0", "Tj 1"]
    );
    // unterminated tokens end the stream without a panic
    for s in [
        &b"BT (open"[..],
        b"BT <<",
        b"[1 2",
        b"<4142",
        b"/",
        b"-",
        b"1.2.3 Td",
        b"BI /W 1 ID",
    ] {
        let _ = operations(s);
    }
}

#[test]
fn a_page_object_whose_string_runs_to_its_end_keeps_the_entries_before() {
    // a changed byte opens a string that never closes: the page dictionary runs to the end
    // of its object; the entries read before it (contents, resources) still make the page
    let mut pdf = two_pages(Some(helvetica().into()), page_one_text(), |d| {
        d.set("Zz", vec![Object::Integer(1), Object::Integer(2)]);
    });
    let at = pdf.windows(3).position(|w| w == b"/Zz").unwrap();
    let one = at + pdf[at..].iter().position(|&c| c == b'1').unwrap();
    pdf[one] = b'(';
    let (p, _w) = pages(&pdf);
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
}

#[test]
fn a_damaged_first_char_is_found_from_last_char_and_the_widths() {
    // a font that is not one of the standard 14: without its widths every glyph lands
    // on the one before ("TTTrraanngg" piled up); /FirstChar is lost, /LastChar and the
    // /Widths of codes 32..=126 are there
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+SomeSerif",
        "Encoding" => "WinAnsiEncoding", "LastChar" => 126,
        "Widths" => (32..=126).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
    };
    let (p, w) = pages(&two_pages(Some(font.into()), page_one_text(), |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(
        has(
            &w,
            1,
            "/FirstChar damaged: taken as 32, from /LastChar and /Widths"
        ),
        "{w:?}"
    );
}

#[test]
fn a_content_stream_whose_length_object_is_damaged_is_read_up_to_endstream() {
    // /Length 99 0 R where object 99 did not load (a byte of it changed: "99 0 o?j")
    let mut c = page_one_text();
    c.dict.set("Length", Object::Reference((99, 0)));
    let out = two_pages(Some(helvetica().into()), c, |_| {});
    assert!(
        out.windows(12).any(|w| w == b"/Length 99 0") && !out.windows(8).any(|w| w == b"99 0 obj"),
        "the fixture keeps its indirect length, to an object it lacks"
    );
    let (p, w) = pages(&out);
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(
        w.iter()
            .any(|w| w == "1 stream(s) whose /Length object is damaged: read up to their endstream"),
        "{w:?}"
    );
}

#[test]
fn of_several_names_one_byte_off_the_one_with_a_changed_byte_is_taken() {
    // the content asks for /F4; the resources have /F1 /F2 /F3 (each one byte off too)
    // and /F\xc5, the /F4 whose "4" was changed into a byte no name is written with
    let c = content(&format!("BT /F4 14 Tf 72 720 Td ({PAGE_ONE}) Tj ET"));
    let times = dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
        "Encoding" => "WinAnsiEncoding",
    };
    let mut fonts = Dictionary::new();
    for k in ["F1", "F2", "F3"] {
        fonts.set(k, helvetica());
    }
    fonts.set(b"F\xc5".to_vec(), times);
    let (p, w) = pages(&two_pages(Some(helvetica().into()), c, |p| {
        p.set("Resources", dictionary! { "Font" => fonts });
    }));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(
        has(
            &w,
            1,
            "font /F4 missing: /F\u{fffd} (its name one byte off) used"
        ),
        "{w:?}"
    );
}

/// A Type0 font (no program) whose ToUnicode map sends code N (two bytes, from 1) to the
/// N-th distinct character of `chars`, and the hex string that draws `text` in it.
fn mapped_font(chars: &str) -> (Dictionary, impl Fn(&str) -> String) {
    let mut distinct: Vec<char> = Vec::new();
    for c in chars.chars() {
        if !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", distinct.len()));
    for (i, c) in distinct.iter().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, u32::from(*c)));
    }
    cmap.push_str("endbfchar end");
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TimesNewRomanPSMT",
        "Encoding" => "Identity-H",
        "ToUnicode" => Stream::new(dictionary! {}, cmap.into_bytes()),
    };
    let encode = move |text: &str| {
        let mut hex = String::from("<");
        for c in text.chars() {
            let n = distinct.iter().position(|d| *d == c).map_or(0, |p| p + 1);
            hex.push_str(&format!("{n:04X}"));
        }
        hex.push('>');
        hex
    };
    (font, encode)
}

#[test]
fn a_page_partly_in_a_font_whose_map_was_lost_keeps_its_other_words() {
    // lines in a good font, and as many drawn by a font whose map gives glyph-id junk:
    // the page fails the readability check; no image under it, so its words without a
    // foreign character are its text
    let good = [
        "Kho chứa vật liệu nổ công nghiệp phục vụ thi công",
        "Địa điểm xây dựng tại xã Mường Bo tỉnh Lào Cai",
        "Thành phần tham gia nghiệm thu công trình",
    ];
    let junk = [
        "ȏȖỵțǭȏ⋔țǭțȔȕȖ⋸ȚǭȡȕȢǭȕȜʖ",
        "ἶ⊚ȎǭȣʖȜǭȠ⌞ǭȑ⌖țȔ ⌊țȔǭȕȜʖǭȥʗ",
        "ȖȖǻǭἶ⋽ȮǭἭȶ⋵ȺǭɅɕɆǭȱ ɁȵȶǭȰɥȻȴ",
    ];
    let (f1, enc1) = mapped_font(&good.concat());
    let (f2, enc2) = mapped_font(&junk.concat());
    let mut ops = String::from("BT 72 780 Td 14 TL ");
    for (g, j) in good.iter().zip(junk) {
        ops.push_str(&format!(
            "/F1 12 Tf {} Tj T* /F2 12 Tf {} Tj T* ",
            enc1(g),
            enc2(j)
        ));
        ops.push_str(&format!("/F2 12 Tf {} Tj T* ", enc2(j)));
    }
    ops.push_str("ET");
    let mut doc = Document::load_mem(&two_pages(None, content(&ops), |_| {})).unwrap();
    let mut fonts = Dictionary::new();
    for (name, mut font) in [("F1", f1), ("F2", f2)] {
        if let Ok(Object::Stream(map)) = font.get(b"ToUnicode").cloned() {
            let id = doc.add_object(map);
            font.set("ToUnicode", id);
        }
        fonts.set(name, doc.add_object(font));
    }
    let page1 = *doc.get_pages().get(&1).unwrap();
    doc.get_dictionary_mut(page1)
        .unwrap()
        .set("Resources", dictionary! { "Font" => fonts });
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).unwrap();
    let (p, w) = pages(&pdf);
    for g in good {
        assert!(p[0].contains(g), "{g} / {p:?} {w:?}");
    }
    assert!(!p[0].contains('ǭ') && !p[0].contains('⌊'), "{p:?}");
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(has(&w, 1, "text layer is not readable Vietnamese"), "{w:?}");
    assert!(
        has(
            &w,
            1,
            "word(s) drawn in foreign characters dropped, the rest kept"
        ),
        "{w:?}"
    );
}

#[test]
fn a_damaged_widths_entry_keeps_its_place_and_the_rest_their_codes() {
    // "500" changed into "&00": the lenient reader keeps the element as null, so the
    // widths after it keep their codes
    match pdf_extract::content::lenient_object(b"[0 722 &00 443]") {
        Some(Object::Array(a)) => assert_eq!(
            a,
            vec![
                Object::Integer(0),
                Object::Integer(722),
                Object::Null,
                Object::Integer(443)
            ]
        ),
        other => panic!("{other:?}"),
    }
    // a font that is not one of the standard 14 with such an entry (the code of "a"):
    // before, the whole array was refused and every glyph of the line landed on one x
    let mut widths: Vec<Object> = (32..=126).map(|_| Object::Integer(500)).collect();
    widths[usize::from(b'a' - 32)] = Object::Null;
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+SomeSerif",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126,
        "Widths" => widths,
    };
    let (p, w) = pages(&two_pages(Some(font.into()), page_one_text(), |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?}");
    assert!(has(&w, 1, "/Widths has 1 damaged entr"), "{w:?}");
}

#[test]
fn a_damaged_font_used_on_two_pages_is_named_on_both() {
    // the font is read once (cached across pages); what was worked around is told on
    // every page whose text went through it
    let font = helvetica_with_damaged_widths();
    let pdf = two_pages(Some(font.into()), page_one_text(), |_| {});
    let mut doc = Document::load_mem(&pdf).unwrap();
    let ids = doc.get_pages();
    let (one, two) = (ids[&1], ids[&2]);
    let res = doc
        .get_dictionary(one)
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .clone();
    doc.get_dictionary_mut(two).unwrap().set("Resources", res);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let (p, w) = pages(&out);
    assert!(p[1].contains(PAGE_TWO), "{p:?}");
    assert!(has(&w, 1, "/Widths has 1 damaged entr"), "{w:?}");
    assert!(has(&w, 2, "/Widths has 1 damaged entr"), "{w:?}");
}

#[test]
fn a_filter_name_with_a_changed_byte_is_read_as_that_filter() {
    // "/FlateDecode" of page 1's content became "/FlateDecXde": read as unknown, the page
    // had no text
    let ops: String = (0..20)
        .map(|i| format!("BT /F1 14 Tf 72 {} Td ({PAGE_ONE}) Tj ET\n", 800 - 20 * i))
        .collect();
    let mut stream = content(&ops);
    stream.compress().unwrap();
    assert!(stream.is_compressed());
    stream
        .dict
        .set("Filter", Object::Name(b"FlateDecXde".to_vec()));
    let (p, w) = pages(&two_pages(Some(helvetica().into()), stream, |_| {}));
    assert!(p[0].contains(PAGE_ONE), "{p:?} {w:?}");
    assert!(
        w.iter().any(
            |x| x.ends_with("filter /FlateDecXde read as /FlateDecode (its name one byte off)")
        ),
        "{w:?}"
    );
}

#[test]
fn a_tounicode_map_cut_by_damage_is_named_on_the_page_using_it() {
    // the map's compressed data lost its second half: the codes it still maps read, and
    // the page says its font's map was cut
    let mut map = String::from(
        "/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let text = "Trang mot ke hoach";
    let chars: Vec<char> = text.chars().collect();
    map.push_str(&format!("{} beginbfchar\n", chars.len()));
    for (i, c) in chars.iter().enumerate() {
        map.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, u32::from(*c)));
    }
    // filler after the entries, so that the cut falls after them
    for i in 0..400 {
        map.push_str(&format!("% filler line {i} of a long map\n"));
    }
    map.push_str("endbfchar end");
    let mut cmap = Stream::new(dictionary! {}, map.into_bytes());
    cmap.compress().unwrap();
    let half = cmap.content.len() * 3 / 4;
    cmap.set_content(cmap.content[..half].to_vec());
    cmap.dict.set("Filter", "FlateDecode");
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+TimesNewRomanPSMT",
        "Encoding" => "Identity-H", "ToUnicode" => cmap,
    };
    let codes: String = (1..=chars.len()).map(|i| format!("{i:04X}")).collect();
    let c = content(&format!("BT /F1 14 Tf 72 720 Td <{codes}> Tj ET"));
    let (p, w) = pages(&two_pages(Some(font.into()), c, |_| {}));
    assert!(p[0].replace(' ', "").contains("Trangmot"), "{p:?} {w:?}");
    assert!(has(&w, 1, "ToUnicode map cut short by damage"), "{w:?}");
}
