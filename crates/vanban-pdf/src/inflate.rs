//! Flate streams that fail to inflate keep what inflated before the damage (issue #16).
//!
//! lopdf inflates a stream with one read and, when the data is corrupt (a changed byte),
//! keeps none of that read's output: the stream came out empty, and with it the page's
//! text, a font's ToUnicode map or its font program. poppler keeps the bytes inflated
//! before the corrupt point; so does [`inflate`]. [`inflate_text_streams`] applies it to
//! the streams the text is read from (page contents, form XObjects, ToUnicode maps)
//! before pdf-extract reads them; `fonts` uses it for the embedded font programs.

use flate2::{Decompress, FlushDecompress, Status};
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeSet;

/// Most bytes one stream may inflate to (a stream that inflates without end stops here).
const MAX_OUT: usize = 256 << 20;

/// What a Flate stream inflated to.
#[derive(Debug, PartialEq)]
pub(crate) struct Inflated {
    pub data: Vec<u8>,
    /// The data is corrupt or cut short: `data` is what inflated before that point.
    pub damaged: bool,
}

/// Inflate zlib data (`/FlateDecode`), keeping what inflated before a corrupt point. When
/// the zlib reading fails, the raw deflate data after the 2-byte header is read too and
/// the longer output kept: a damaged header or checksum (the zlib decoder reports the
/// checksum error without the output of its last call) loses nothing.
///
/// The decoder (flate2's, as lopdf's) keeps a wrapping 32 KB window and does not stop at
/// a back-reference reaching before the start of the data (zlib's "invalid distance too
/// far back"): a changed distance gives a few wrong bytes and decoding goes on in step.
/// A strict decoder (tried: miniz_oxide with a non-wrapping output) stopped there and lost
/// more pages on the damage set (407 pages out against 411) than the garbage it avoided.
pub(crate) fn inflate(input: &[u8]) -> Inflated {
    let zlib = inflate_with(input, true);
    if !zlib.damaged {
        return zlib;
    }
    match input.get(2..) {
        Some(raw) => {
            let raw = inflate_with(raw, false);
            if raw.data.len() > zlib.data.len() {
                raw
            } else {
                zlib
            }
        }
        None => zlib,
    }
}

fn inflate_with(input: &[u8], zlib: bool) -> Inflated {
    let mut d = Decompress::new(zlib);
    let mut out: Vec<u8> = Vec::with_capacity(input.len().saturating_mul(4).clamp(64, MAX_OUT));
    let damaged = |data| Inflated {
        data,
        damaged: true,
    };
    loop {
        if out.len() == out.capacity() {
            if out.len() >= MAX_OUT {
                return damaged(out);
            }
            out.reserve(out.len().clamp(64, MAX_OUT - out.len()));
        }
        let (done_in, done_out) = (d.total_in(), d.total_out());
        let rest = usize::try_from(done_in)
            .ok()
            .and_then(|k| input.get(k..))
            .unwrap_or_default();
        match d.decompress_vec(rest, &mut out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => {
                return Inflated {
                    data: out,
                    damaged: false,
                }
            }
            // no progress with room to write: the input ran out before the stream's end
            Ok(_) if d.total_in() == done_in && d.total_out() == done_out => {
                return damaged(out);
            }
            Ok(_) => {}
            Err(_) => return damaged(out),
        }
    }
}

/// The plain bytes of a stream whose only filter is `/FlateDecode` (without a predictor),
/// inflated by [`inflate`]; `None` for other streams.
pub(crate) fn flate_only(stream: &lopdf::Stream) -> Option<Inflated> {
    let filter = match stream.dict.get(b"Filter").ok()? {
        Object::Name(n) => n.as_slice(),
        Object::Array(a) if a.len() == 1 => a.first()?.as_name().ok()?,
        _ => return None,
    };
    if filter != b"FlateDecode" && filter != b"Fl" {
        return None;
    }
    let predictor = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .and_then(|p| p.get(b"Predictor"))
        .and_then(Object::as_i64)
        .unwrap_or(1);
    if predictor > 1 {
        return None;
    }
    Some(inflate(&stream.content))
}

/// Inflate the streams the text is read from (page contents, form XObjects, ToUnicode
/// maps) and store them plain, keeping what inflated before a corrupt point. One warning
/// per damaged stream.
pub(crate) fn inflate_text_streams(doc: &mut Document) -> Vec<String> {
    let mut ids: BTreeSet<ObjectId> = BTreeSet::new();
    // the pages each content stream draws, for the warning
    let mut pages_of: std::collections::BTreeMap<ObjectId, Vec<u32>> = Default::default();
    for (n, page) in doc.get_pages() {
        for c in doc.get_page_contents(page) {
            ids.insert(c);
            pages_of.entry(c).or_default().push(n);
        }
    }
    for (&id, obj) in &doc.objects {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
                    ids.insert(id);
                }
                &s.dict
            }
            _ => continue,
        };
        if let Ok(Object::Reference(r)) = dict.get(b"ToUnicode") {
            ids.insert(*r);
        }
    }
    let to_unicode: BTreeSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => d.get(b"ToUnicode").ok()?.as_reference().ok(),
            _ => None,
        })
        .collect();
    let mut warnings = Vec::new();
    for id in ids {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else {
            continue;
        };
        let Some(inflated) = flate_only(stream) else {
            continue;
        };
        if inflated.damaged {
            let what = format!(
                "stream {} {}: compressed data damaged; the {} bytes inflated before the damage kept",
                id.0,
                id.1,
                inflated.data.len()
            );
            if to_unicode.contains(&id) {
                // the reader names the font on every page that draws with it
                stream.dict.set("VanbanCut", true);
            }
            match pages_of.get(&id).map(Vec::as_slice) {
                // a page's content stream: the warning names the page(s)
                Some(pages) if !pages.is_empty() => {
                    for n in pages {
                        warnings.push(format!("page {n}: content {what}"));
                    }
                }
                _ => warnings.push(what),
            }
        }
        stream.set_plain_content(inflated.data);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use flate2::Compression;
    use std::io::Write;

    /// A content stream that compresses about as poorly as real ones (varied numbers).
    fn text() -> Vec<u8> {
        let mut x: u32 = 16;
        (0..400)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                format!(
                    "BT /F1 10 Tf {} {} Td (dong {i} {x}) Tj ET\n",
                    x % 97,
                    x % 811
                )
            })
            .collect::<String>()
            .into_bytes()
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn good_data_inflates_whole() {
        let t = text();
        assert_eq!(
            inflate(&zlib(&t)),
            Inflated {
                data: t,
                damaged: false
            }
        );
    }

    #[test]
    fn corrupt_data_keeps_the_prefix_inflated_before_the_damage() {
        let t = text();
        let mut z = zlib(&t);
        // a run of changed bytes in the middle: the decoder fails there
        let mid = z.len() / 2;
        for b in z.iter_mut().skip(mid).take(8) {
            *b = 0xff;
        }
        // lopdf's one-read inflate keeps nothing of it
        let mut s = lopdf::Stream::new(lopdf::dictionary! {"Filter" => "FlateDecode"}, z.clone());
        s.allows_compression = false;
        assert!(s.decompressed_content().unwrap_or_default().len() <= t.len());
        let got = inflate(&z);
        assert!(got.damaged);
        assert!(
            got.data.len() > t.len() / 4,
            "{} of {}",
            got.data.len(),
            t.len()
        );
        let n = got.data.len().min(t.len() / 4);
        assert_eq!(got.data[..n], t[..n]);
    }

    #[test]
    fn a_small_stream_damaged_after_its_start_keeps_its_start() {
        let t = text();
        let t = &t[..1500];
        let z = zlib(t);
        let lopdf = |z: &[u8]| {
            let mut s =
                lopdf::Stream::new(lopdf::dictionary! {"Filter" => "FlateDecode"}, z.to_vec());
            s.allows_compression = false;
            s.decompressed_content().unwrap_or_default().len()
        };
        // the first byte change past the middle at which the decoder fails: one read (lopdf)
        // keeps less than half of the stream
        let bad = (z.len() / 2..z.len() - 6)
            .flat_map(|at| [0x00u8, 0xff, 0x5a].map(|v| (at, v)))
            .map(|(at, v)| {
                let mut b = z.clone();
                b[at] = v;
                b
            })
            .find(|b| lopdf(b) < t.len() / 2)
            .expect("a change the decoder rejects");
        let got = inflate(&bad);
        assert!(got.damaged);
        assert!(
            got.data.len() >= t.len() / 3,
            "{} (lopdf {})",
            got.data.len(),
            lopdf(&bad)
        );
        assert_eq!(got.data[..t.len() / 3], t[..t.len() / 3]);
    }

    #[test]
    fn a_bad_checksum_keeps_everything() {
        let t = text();
        let mut z = zlib(&t);
        let last = z.len() - 1;
        z[last] ^= 0x55;
        assert_eq!(inflate(&z).data, t);
    }

    #[test]
    fn a_damaged_zlib_header_is_read_as_raw_deflate() {
        let t = text();
        let mut z = zlib(&t);
        z[0] = 0x00;
        assert_eq!(inflate(&z).data, t);
    }

    #[test]
    fn data_cut_short_keeps_what_it_holds() {
        let t = text();
        let z = zlib(&t);
        let got = inflate(&z[..z.len() / 2]);
        assert!(got.damaged);
        assert!(!got.data.is_empty() && t.starts_with(&got.data));
    }

    #[test]
    fn only_plain_flate_streams_are_taken() {
        let z = zlib(b"BT ET");
        let s = |d| lopdf::Stream::new(d, z.clone());
        assert!(flate_only(&s(lopdf::dictionary! {"Filter" => "FlateDecode"})).is_some());
        assert!(flate_only(&s(lopdf::dictionary! {})).is_none());
        assert!(flate_only(&s(lopdf::dictionary! {"Filter" => "DCTDecode"})).is_none());
        assert!(flate_only(&s(lopdf::dictionary! {
            "Filter" => "FlateDecode", "DecodeParms" => lopdf::dictionary! {"Predictor" => 12}
        }))
        .is_none());
    }
}
