//! Repairs made to the parsed document before pdf-extract reads it.
//!
//! CID font widths: a CID font's `/W` array mixes two forms, `c [w1 w2 …]` (widths of
//! `c`, `c+1`, …) and `c_first c_last w` (one width for a range). pdf-extract 0.12 reads
//! the second form wrongly (it takes `c_first` for all three numbers, so the range is
//! empty), and every glyph of such a range falls back to the default width of 1000: each
//! one then advances a full em, the text of a run drifts to the right into the next table
//! column and word spaces appear inside words ("D anh mục"). Chromium/Skia writes ranges
//! for runs of equal widths. The repair rewrites every `/W` into the first form only; it
//! also drops a malformed tail (pdf-extract indexes the array without checking its length).

//!
//! Leading comments of content streams: lopdf's content parser reads no operation at all
//! from a page whose content starts with a comment line (Canon scanners write
//! "% CANON_PFINF_TYPE0_TEXTON" as the first content stream of each page, before the OCR
//! text layer). The comment lines at the start of a page's content streams are removed.

//!
//! Filter names: a stream whose `/Filter` is not a standard filter's name but one byte off
//! exactly one of them ("/FlateDecXde", a byte changed in transit) is decoded with that
//! filter; read as unknown, its data (a font's ToUnicode map, a page's content) was lost.

use lopdf::{Document, Object, ObjectId};

/// The standard filter names (PDF 32000 §7.4) and their abbreviations in inline images.
const FILTERS: [&[u8]; 10] = [
    b"ASCIIHexDecode",
    b"ASCII85Decode",
    b"LZWDecode",
    b"FlateDecode",
    b"RunLengthDecode",
    b"CCITTFaxDecode",
    b"JBIG2Decode",
    b"DCTDecode",
    b"JPXDecode",
    b"Crypt",
];

/// The standard filter `name` is one byte off, when it is no filter name itself and only
/// one is that close.
fn damaged_filter(name: &[u8]) -> Option<&'static [u8]> {
    if FILTERS.contains(&name) {
        return None;
    }
    let mut near = FILTERS.iter().filter(|f| {
        f.len() == name.len() && f.iter().zip(name).filter(|(a, b)| a != b).count() == 1
    });
    match (near.next(), near.next()) {
        (Some(f), None) => Some(f),
        _ => None,
    }
}

/// Give every stream whose filter name is one byte off a standard filter that filter.
/// One warning per stream repaired.
pub(crate) fn filter_names(doc: &mut Document) -> Vec<String> {
    let mut warnings = Vec::new();
    for (id, obj) in doc.objects.iter_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        let fixed = match stream.dict.get_mut(b"Filter") {
            Ok(Object::Name(n)) => damaged_filter(n).map(|f| {
                let was = String::from_utf8_lossy(n).into_owned();
                *n = f.to_vec();
                (was, f)
            }),
            Ok(Object::Array(a)) => a.iter_mut().find_map(|o| match o {
                Object::Name(n) => damaged_filter(n).map(|f| {
                    let was = String::from_utf8_lossy(n).into_owned();
                    *n = f.to_vec();
                    (was, f)
                }),
                _ => None,
            }),
            _ => None,
        };
        if let Some((was, f)) = fixed {
            warnings.push(format!(
                "stream {} {}: filter /{was} read as /{} (its name one byte off)",
                id.0,
                id.1,
                String::from_utf8_lossy(f)
            ));
        }
    }
    warnings
}

/// Content streams longer than this (compressed) are not inflated to look for comments.
const MAX_COMMENT_STREAM: usize = 4096;

/// Drop comment lines at the start of pages' content streams. Returns how many streams
/// were changed.
pub(crate) fn leading_comments(doc: &mut Document) -> usize {
    let mut ids: Vec<ObjectId> = Vec::new();
    for page in doc.get_pages().into_values() {
        let Ok(dict) = doc.get_dictionary(page) else {
            continue;
        };
        match dict.get(b"Contents") {
            Ok(Object::Reference(id)) => ids.push(*id),
            Ok(Object::Array(parts)) => {
                ids.extend(parts.iter().filter_map(|o| o.as_reference().ok()));
            }
            _ => {}
        }
    }
    let mut changed = 0;
    for id in ids {
        let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
            continue;
        };
        let filtered = stream.dict.get(b"Filter").is_ok();
        if filtered && stream.content.len() > MAX_COMMENT_STREAM {
            continue;
        }
        let Ok(content) = stream.get_plain_content() else {
            continue;
        };
        if let Some(rest) = strip_leading_comments(&content) {
            stream.set_plain_content(rest);
            changed += 1;
        }
    }
    changed
}

/// The content without its leading comment lines, or `None` when it starts with none.
fn strip_leading_comments(content: &[u8]) -> Option<Vec<u8>> {
    let mut i = 0;
    let mut any = false;
    loop {
        while content.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if content.get(i) != Some(&b'%') {
            break;
        }
        any = true;
        while content.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
            i += 1;
        }
    }
    any.then(|| content.get(i..).unwrap_or_default().to_vec())
}

/// Most widths one font may expand to (a hostile range cannot exhaust memory).
const MAX_WIDTHS: usize = 65_536;

/// Rewrite the `/W` arrays of CID fonts into the `c [w …]` form. Returns how many fonts
/// were changed.
pub(crate) fn cid_widths(doc: &mut Document) -> usize {
    // (font dictionary, its W array resolved)
    let mut todo: Vec<(ObjectId, Vec<Object>)> = Vec::new();
    for (&id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        let cid_font = matches!(
            dict.get(b"Subtype").and_then(Object::as_name),
            Ok(b"CIDFontType0") | Ok(b"CIDFontType2")
        );
        if !cid_font {
            continue;
        }
        let Ok(w) = dict.get(b"W") else { continue };
        let Ok((_, w)) = doc.dereference(w) else {
            continue;
        };
        let Ok(arr) = w.as_array() else { continue };
        let resolved: Vec<Object> = arr
            .iter()
            .map(|o| {
                doc.dereference(o)
                    .map(|(_, o)| o.clone())
                    .unwrap_or(Object::Null)
            })
            .collect();
        todo.push((id, resolved));
    }
    let mut changed = 0;
    for (id, w) in todo {
        if let Some(width) = whole_space_width(&w) {
            // PDFium's `[0 65535 w]`: 65,536 listed widths say what a default width says
            if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) {
                dict.set("DW", Object::Integer(width));
                dict.set("W", Object::Array(Vec::new()));
                changed += 1;
            }
            continue;
        }
        let (fixed, differs) = expand(&w);
        if !differs {
            continue;
        }
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) {
            dict.set("W", Object::Array(fixed));
            changed += 1;
        }
    }
    changed
}

fn num(o: &Object) -> Option<f64> {
    match *o {
        Object::Integer(i) => Some(i as f64),
        Object::Real(r) => Some(f64::from(r)),
        _ => None,
    }
}

/// The width of a `/W` array that is one range over the whole two-byte CID space
/// (`[0 65535 w]`, whole-number `w`): every glyph has that width, as with `/DW w`.
fn whole_space_width(w: &[Object]) -> Option<i64> {
    let [first, last, width] = w else { return None };
    let width = num(width)?;
    let whole = num(first) == Some(0.0) && num(last) == Some(65_535.0);
    (whole && width.fract() == 0.0 && width.abs() < 1e9).then_some(width as i64)
}

/// The `c [w …]`-only form of a `/W` array, and whether it differs from the input.
fn expand(w: &[Object]) -> (Vec<Object>, bool) {
    let mut out = Vec::new();
    let mut differs = false;
    let mut total = 0usize;
    let mut i = 0;
    while i < w.len() {
        let Some(first) = w.get(i).and_then(num) else {
            differs = true;
            break;
        };
        match w.get(i + 1) {
            Some(Object::Array(ws)) => {
                let ws: Vec<Object> = ws.to_vec();
                if ws.iter().any(|x| num(x).is_none()) {
                    differs = true;
                    break;
                }
                total += ws.len();
                out.push(Object::Integer(first as i64));
                out.push(Object::Array(ws));
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(width)) = (num(o), w.get(i + 2).and_then(num)) else {
                    differs = true;
                    break;
                };
                differs = true;
                let (a, b) = (first as i64, last as i64);
                let n = usize::try_from(b - a + 1).unwrap_or(0);
                if n == 0 || total + n > MAX_WIDTHS {
                    i += 3;
                    continue;
                }
                total += n;
                out.push(Object::Integer(a));
                out.push(Object::Array(vec![Object::Real(width as f32); n]));
                i += 3;
            }
            None => {
                differs = true;
                break;
            }
        }
    }
    (out, differs)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_filter_name_one_byte_off_is_that_filter() {
        use super::damaged_filter;
        assert_eq!(damaged_filter(b"FlateDecXde"), Some(&b"FlateDecode"[..]));
        assert_eq!(damaged_filter(b"DCTDecodf"), Some(&b"DCTDecode"[..]));
        assert_eq!(damaged_filter(b"FlateDecode"), None);
        assert_eq!(damaged_filter(b"Fl"), None);
        assert_eq!(damaged_filter(b"SomethingElse"), None);
    }

    use super::*;
    use lopdf::Dictionary;

    fn int(i: i64) -> Object {
        Object::Integer(i)
    }

    #[test]
    fn leading_comment_lines_are_stripped() {
        assert_eq!(
            strip_leading_comments(b"% CANON_PFINF_TYPE0_TEXTON\n\n%x\r\nBT (a) Tj ET"),
            Some(b"BT (a) Tj ET".to_vec())
        );
        assert_eq!(strip_leading_comments(b"BT (50%) Tj ET"), None);
        assert_eq!(strip_leading_comments(b"% only"), Some(Vec::new()));
    }

    #[test]
    fn ranges_become_lists_and_lists_stay() {
        let w = vec![
            int(3),
            Object::Array(vec![int(250), int(333)]),
            int(10),
            int(12),
            int(500),
        ];
        let (out, differs) = expand(&w);
        assert!(differs);
        assert_eq!(out.len(), 4);
        assert_eq!(out[2], int(10));
        assert_eq!(
            out[3],
            Object::Array(vec![Object::Real(500.0); 3]),
            "10..=12 inclusive"
        );
        let (same, differs) = expand(&out[..2]);
        assert!(!differs);
        assert_eq!(same, out[..2].to_vec());
    }

    #[test]
    fn malformed_tails_and_huge_ranges_are_dropped() {
        let (out, differs) = expand(&[int(1), int(2)]);
        assert!(differs && out.is_empty());
        let (out, _) = expand(&[int(0), int(10_000_000), int(500)]);
        assert!(out.is_empty());
        let (out, _) = expand(&[int(1), Object::Array(vec![Object::Null])]);
        assert!(out.is_empty());
    }

    #[test]
    fn fonts_in_a_document_are_rewritten() {
        let mut doc = Document::with_version("1.7");
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        let warr = doc.add_object(Object::Array(vec![int(5), int(6), int(700)]));
        font.set("W", Object::Reference(warr));
        let id = doc.add_object(Object::Dictionary(font));
        assert_eq!(cid_widths(&mut doc), 1);
        let w = doc
            .get_object(id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"W"))
            .cloned()
            .unwrap();
        assert_eq!(
            w,
            Object::Array(vec![int(5), Object::Array(vec![Object::Real(700.0); 2])])
        );
        assert_eq!(cid_widths(&mut doc), 0, "a second pass changes nothing");
    }

    #[test]
    fn one_range_over_every_code_becomes_the_default_width() {
        let mut doc = Document::with_version("1.7");
        let mut font = Dictionary::new();
        font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
        font.set("W", Object::Array(vec![int(0), int(65_535), int(500)]));
        let id = doc.add_object(Object::Dictionary(font));
        assert_eq!(cid_widths(&mut doc), 1);
        let dict = doc.get_object(id).and_then(Object::as_dict).unwrap();
        assert_eq!(dict.get(b"DW").unwrap(), &int(500));
        assert_eq!(dict.get(b"W").unwrap(), &Object::Array(Vec::new()));
        assert_eq!(cid_widths(&mut doc), 0, "a second pass changes nothing");
        // a range over part of the space, or a fractional width, is listed as before
        assert_eq!(whole_space_width(&[int(0), int(65_534), int(500)]), None);
        assert_eq!(
            whole_space_width(&[int(0), int(65_535), Object::Real(500.5)]),
            None
        );
        assert_eq!(
            whole_space_width(&[int(0), int(65_535), int(500), int(7)]),
            None
        );
    }
}
