//! Salvage of damaged PDFs: files cut short in transit, bytes changed, a cross-reference
//! table whose offsets point nowhere.
//!
//! When lopdf refuses a file, or loads it without pages, or its cross-reference table lost
//! objects that are in the file, the objects are found by scanning the bytes for
//! `N G obj` … `endobj` (the last definition of an object number wins, as in an incremental
//! update). Each object is copied into a clean PDF written in memory with a fresh
//! cross-reference table and trailer, and that PDF is loaded: an object that does not parse
//! (or an object stream that does not inflate) loses only itself. A stream's `/Length` is
//! checked against the `endstream` keyword and replaced by the true length when it lies.
//! The trailer's `/Root` is taken from the last `/Root N G R` in the file (trailer or
//! cross-reference stream), else from the object of `/Type /Catalog`; when the page tree
//! is lost, the pages are the objects of `/Type /Page` in file order.
//!
//! A file cut short (no `%%EOF` at its end) or whose page tree names pages that are not in
//! the file is reported with a warning starting `partial:` that says which pages are
//! missing.

use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashSet};

/// Prefix of the warning that marks a partial result.
pub const PARTIAL: &str = "partial:";

/// Highest object number accepted from a scan (the PDF limit is 8 388 607).
const MAX_OBJECT_NUMBER: u32 = 8_388_607;

/// Page tree depth and size limits for the walk that counts missing pages.
const MAX_DEPTH: usize = 64;
const MAX_LEAVES: usize = 1_000_000;

/// One object found by scanning: its id, where its header starts, and its bytes re-written
/// (`N G obj … endobj`, a stream's `/Length` set to the true length).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawObject {
    pub id: ObjectId,
    pub offset: usize,
    pub bytes: Vec<u8>,
}

/// What a scan of the bytes found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Objects in file order of their last definition.
    pub objects: Vec<RawObject>,
    /// The last `/Root N G R` in the file.
    pub root: Option<ObjectId>,
    /// An `/Encrypt` entry was seen in a trailer.
    pub encrypted: bool,
}

/// A loaded document, the warnings of its salvage, and whether the result is partial.
pub(crate) struct Loaded {
    pub doc: Document,
    pub warnings: Vec<String>,
    /// References to objects the file lacks, dropped (a font, font program or content
    /// stream lost to the damage or the cut).
    pub lost_refs: usize,
}

/// Load a PDF, salvaging what can be read from a damaged one. `Err` carries lopdf's
/// error (or a description of why nothing could be salvaged).
pub(crate) fn load(bytes: &[u8]) -> Result<Loaded, lopdf::Error> {
    let truncated = is_truncated(bytes);
    match lopdf::Document::load_mem(bytes) {
        Ok(mut doc) => {
            if doc.is_encrypted() || doc.was_encrypted() {
                return Ok(Loaded {
                    doc,
                    warnings: Vec::new(),
                    lost_refs: 0,
                });
            }
            let mut warnings = Vec::new();
            let lost = lost_objects(&doc);
            if lost > 0 || doc.get_pages().is_empty() {
                // The cross-reference table points to objects that are not where it says:
                // add the objects found by scanning that the loaded document lacks.
                let scan = scan(bytes);
                if !scan.encrypted {
                    if let Some(rebuilt) = rebuilt_document(&scan) {
                        let mut added = 0usize;
                        for (id, obj) in rebuilt.objects {
                            if let std::collections::btree_map::Entry::Vacant(e) =
                                doc.objects.entry(id)
                            {
                                e.insert(obj);
                                added += 1;
                            }
                        }
                        if added > 0 {
                            doc.max_id = doc.objects.keys().map(|k| k.0).max().unwrap_or(0);
                            warnings.push(format!(
                                "cross-reference table rebuilt: {added} objects found by \
                                 scanning the file were missing from it"
                            ));
                        }
                    }
                }
            }
            fill_unsized_streams(&mut doc, bytes, &mut warnings);
            repair_structure(&mut doc, &mut warnings);
            report_missing(&doc, truncated, &mut warnings);
            // an object that did not load (a byte changed in it) loses only itself
            let lost_refs = prune_dangling(&mut doc);
            Ok(Loaded {
                doc,
                warnings,
                lost_refs,
            })
        }
        Err(e) => {
            let scan = scan(bytes);
            if scan.encrypted || scan.objects.is_empty() {
                return Err(e);
            }
            let Some(mut doc) = rebuilt_document(&scan) else {
                return Err(e);
            };
            let mut warnings = vec![format!(
                "cross-reference table rebuilt: {} objects found by scanning the file ({})",
                scan.objects.len(),
                crate::one_line(&e.to_string())
            )];
            repair_structure(&mut doc, &mut warnings);
            if doc.get_pages().is_empty() {
                return Err(e);
            }
            report_missing(&doc, truncated, &mut warnings);
            let lost_refs = prune_dangling(&mut doc);
            Ok(Loaded {
                doc,
                warnings,
                lost_refs,
            })
        }
    }
}

/// Drop every reference to an object the file lacks (a dictionary entry, an array
/// element): the reader then treats a lost font program, width table or `/ToUnicode` as
/// absent and reads what the page still has, instead of failing on the whole page.
fn prune_dangling(doc: &mut Document) -> usize {
    fn prune(o: &mut Object, present: &HashSet<ObjectId>, depth: usize) -> usize {
        if depth > MAX_DEPTH {
            return 0;
        }
        let dangling = |o: &Object| matches!(o, Object::Reference(id) if !present.contains(id));
        match o {
            Object::Array(a) => {
                let before = a.len();
                a.retain(|x| !dangling(x));
                let dropped = before - a.len();
                dropped
                    + a.iter_mut()
                        .map(|x| prune(x, present, depth + 1))
                        .sum::<usize>()
            }
            Object::Dictionary(d) => prune_dict(d, present, depth),
            Object::Stream(st) => prune_dict(&mut st.dict, present, depth),
            _ => 0,
        }
    }
    fn prune_dict(d: &mut Dictionary, present: &HashSet<ObjectId>, depth: usize) -> usize {
        let lost: Vec<Vec<u8>> = d
            .iter()
            .filter(|(_, v)| matches!(v, Object::Reference(id) if !present.contains(id)))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &lost {
            d.remove(k);
        }
        lost.len()
            + d.iter_mut()
                .map(|(_, v)| prune(v, present, depth + 1))
                .sum::<usize>()
    }
    let present: HashSet<ObjectId> = doc.objects.keys().copied().collect();
    doc.objects
        .values_mut()
        .map(|o| prune(o, &present, 0))
        .sum()
}

/// No `%%EOF` in the last 1024 bytes: the file was cut short.
fn is_truncated(bytes: &[u8]) -> bool {
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or_default();
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// In-use entries of the cross-reference table whose object did not load.
fn lost_objects(doc: &Document) -> usize {
    doc.reference_table
        .entries
        .iter()
        .filter(|(n, e)| match e {
            XrefEntry::Normal { generation, .. } => {
                **n != 0 && !doc.objects.contains_key(&(**n, *generation))
            }
            _ => false,
        })
        .count()
}

/// The document read from the scanned objects: a clean PDF written in memory and loaded.
fn rebuilt_document(scan: &Scan) -> Option<Document> {
    let pdf = rebuild_pdf(scan);
    let mut doc = lopdf::Document::load_mem(&pdf).ok()?;
    // an object lopdf refused (a changed byte inside its dictionary) is read leniently:
    // the damaged entry is dropped, not the object
    for raw in &scan.objects {
        if doc.objects.contains_key(&raw.id) {
            continue;
        }
        if let Some(obj) = object_body(&raw.bytes).and_then(pdf_extract::content::lenient_object) {
            doc.objects.insert(raw.id, obj);
        }
    }
    if doc.objects.is_empty() {
        return None;
    }
    // Compressed objects are absent from the fresh table: lopdf added them from their
    // object streams. Keep the table's offsets (file order) for the page-order fallback.
    doc.trailer.remove(b"Encrypt");
    Some(doc)
}

/// What lies between `obj` and the last `endobj` of an object's bytes.
fn object_body(bytes: &[u8]) -> Option<&[u8]> {
    let start = find(bytes, b"obj", 0)? + 3;
    let end = bytes
        .windows(6)
        .rposition(|w| w == b"endobj")
        .filter(|&e| e >= start)
        .unwrap_or(bytes.len());
    bytes.get(start..end)
}

/// A clean PDF of the scanned objects with a fresh cross-reference table and trailer.
pub(crate) fn rebuild_pdf(scan: &Scan) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets: BTreeMap<u32, (u16, usize)> = BTreeMap::new();
    for o in &scan.objects {
        offsets.insert(o.id.0, (o.id.1, out.len()));
        out.extend_from_slice(&o.bytes);
        out.push(b'\n');
    }
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    // one subsection per run of consecutive object numbers
    let entries: Vec<(u32, u16, usize)> = offsets.iter().map(|(n, (g, o))| (*n, *g, *o)).collect();
    let mut i = 0;
    while i < entries.len() {
        let mut j = i + 1;
        while let (Some(a), Some(b)) = (entries.get(j - 1), entries.get(j)) {
            if b.0 != a.0 + 1 {
                break;
            }
            j += 1;
        }
        if let (Some(first), Some(run)) = (entries.get(i), entries.get(i..j)) {
            out.extend_from_slice(format!("{} {}\n", first.0, run.len()).as_bytes());
            for (_, g, o) in run {
                out.extend_from_slice(format!("{o:010} {g:05} n \n").as_bytes());
            }
        }
        i = j;
    }
    let size = entries.last().map_or(1, |e| e.0 + 1);
    out.extend_from_slice(format!("trailer\n<< /Size {size}").as_bytes());
    if let Some((n, g)) = scan.root {
        out.extend_from_slice(format!(" /Root {n} {g} R").as_bytes());
    }
    out.extend_from_slice(format!(" >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// Find every object of the file by its `N G obj` header, and the last `/Root`.
pub(crate) fn scan(bytes: &[u8]) -> Scan {
    let mut found: Vec<RawObject> = Vec::new();
    let mut pos = 0usize;
    while let Some((start, body, id)) = next_header(bytes, pos) {
        match object_bytes(bytes, id, body) {
            Some((end, obj)) => {
                found.push(RawObject {
                    id,
                    offset: start,
                    bytes: obj,
                });
                pos = end.max(body);
            }
            None => pos = body,
        }
    }
    // the last definition of an object number wins
    let mut last: BTreeMap<u32, usize> = BTreeMap::new();
    for (i, o) in found.iter().enumerate() {
        last.insert(o.id.0, i);
    }
    let keep: HashSet<usize> = last.into_values().collect();
    let objects: Vec<RawObject> = found
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, o)| o)
        .collect();
    Scan {
        objects,
        root: last_root(bytes),
        encrypted: trailer_has_encrypt(bytes),
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    is_white(b) || b"()<>[]{}/%".contains(&b)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The next object header at or after `from`: (start of the header, first byte after
/// `obj`, object id).
fn next_header(bytes: &[u8], from: usize) -> Option<(usize, usize, ObjectId)> {
    let mut at = from;
    loop {
        let k = find(bytes, b"obj", at)?;
        at = k + 3;
        if let Some(h) = header_ending_at(bytes, k) {
            if h.0 >= from {
                return Some(h);
            }
        }
    }
}

/// `N G obj` where `obj` starts at `k`.
fn header_ending_at(bytes: &[u8], k: usize) -> Option<(usize, usize, ObjectId)> {
    // "obj" must not be part of "endobj" nor run into a name
    if let Some(&b) = bytes.get(k + 3) {
        if !is_delim(b) {
            return None;
        }
    }
    // backwards from "obj": white space, generation, white space, number
    let gen_end = run_before(bytes, k, is_white, 1, usize::MAX)?;
    let gen_start = run_before(bytes, gen_end, |b| b.is_ascii_digit(), 1, 5)?;
    let num_end = run_before(bytes, gen_start, is_white, 1, usize::MAX)?;
    let num_start = run_before(bytes, num_end, |b| b.is_ascii_digit(), 1, 7)?;
    let i = num_start;
    if i > 0 && !bytes.get(i - 1).is_some_and(|&b| is_delim(b)) {
        return None;
    }
    let num: u32 = std::str::from_utf8(bytes.get(num_start..num_end)?)
        .ok()?
        .parse()
        .ok()?;
    let gen: u16 = std::str::from_utf8(bytes.get(gen_start..gen_end)?)
        .ok()?
        .parse()
        .ok()?;
    if num == 0 || num > MAX_OBJECT_NUMBER {
        return None;
    }
    Some((num_start, k + 3, (num, gen)))
}

/// The start of the run of bytes matching `class` that ends at `end`, when its length
/// is within `min..=max`.
fn run_before(
    bytes: &[u8],
    end: usize,
    class: impl Fn(u8) -> bool,
    min: usize,
    max: usize,
) -> Option<usize> {
    let mut i = end;
    while i > 0 && bytes.get(i - 1).is_some_and(|&b| class(b)) {
        i -= 1;
    }
    (min..=max).contains(&(end - i)).then_some(i)
}

/// The re-written bytes of the object whose body starts at `body`, and where it ends in
/// the file. `None` when the object has no end (the file is cut inside it).
fn object_bytes(bytes: &[u8], id: ObjectId, body: usize) -> Option<(usize, Vec<u8>)> {
    let endobj = find(bytes, b"endobj", body);
    let next = next_header(bytes, body).map(|h| h.0);
    // the stream keyword, looked for only up to the end of this object (bounded: a search
    // to the end of the file for each object would be quadratic)
    let limit = match (endobj, next) {
        (Some(e), Some(n)) => e.min(n),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => bytes.len(),
    };
    let stream_kw = bytes
        .get(..limit)
        .and_then(|head| find(head, b"stream", body))
        .filter(|&s| bytes.get(s.saturating_sub(3)..s) != Some(b"end"));
    let head = format!("{} {} obj\n", id.0, id.1).into_bytes();
    let Some(s) = stream_kw else {
        // a plain object: up to endobj, or up to the next header when endobj is lost
        let end = match (endobj, next) {
            (Some(e), Some(n)) if n < e => n,
            (Some(e), _) => e,
            (None, Some(n)) => n,
            (None, None) => return None,
        };
        let mut out = head;
        out.extend_from_slice(bytes.get(body..end)?);
        out.extend_from_slice(b"\nendobj\n");
        let resume = if Some(end) == endobj { end + 6 } else { end };
        return Some((resume, out));
    };
    let dict = bytes.get(body..s)?;
    let mut data_start = s + 6;
    if bytes.get(data_start) == Some(&b'\r') {
        data_start += 1;
    }
    if bytes.get(data_start) == Some(&b'\n') {
        data_start += 1;
    }
    let declared = direct_length(dict);
    let honest = declared.and_then(|l| {
        let end = data_start.checked_add(l)?;
        let mut j = end;
        while bytes.get(j).is_some_and(|&b| is_white(b)) {
            j += 1;
        }
        (bytes.get(j..j + 9) == Some(b"endstream")).then_some((end, j))
    });
    let (data_end, endstream) = match honest {
        Some(x) => x,
        None => {
            let e = find(bytes, b"endstream", data_start)?;
            (e, e)
        }
    };
    let data = bytes.get(data_start..data_end)?;
    let mut out = head;
    out.extend_from_slice(&with_length(dict, data.len()));
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let after = endstream + 9;
    let mut j = after;
    while bytes.get(j).is_some_and(|&b| is_white(b)) {
        j += 1;
    }
    let resume = if bytes.get(j..j + 6) == Some(b"endobj") {
        j + 6
    } else {
        after
    };
    Some((resume, out))
}

/// Position of the `/Length` key (not `/Length1`…) in a stream dictionary.
fn length_key(dict: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let k = find(dict, b"/Length", from)?;
        from = k + 7;
        if dict.get(k + 7).is_none_or(|&b| is_delim(b)) {
            return Some(k);
        }
    }
}

/// The tokens after `/Length`: (end of the value, the value when it is a direct integer).
fn length_value(dict: &[u8], key: usize) -> (usize, Option<usize>) {
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut i = key + 7;
    while tokens.len() < 3 {
        while dict.get(i).is_some_and(|&b| is_white(b)) {
            i += 1;
        }
        let st = i;
        while dict
            .get(i)
            .is_some_and(|&b| b.is_ascii_digit() || (b == b'R' && i == st))
        {
            i += 1;
            if dict.get(i - 1) == Some(&b'R') {
                break;
            }
        }
        if i == st {
            break;
        }
        tokens.push((st, i));
    }
    let text = |t: &(usize, usize)| dict.get(t.0..t.1).unwrap_or_default();
    match tokens.as_slice() {
        [a, b, r] if text(r) == b"R" && text(a) != b"R" && text(b) != b"R" => (r.1, None),
        [a, ..] if text(a) != b"R" => {
            let v = std::str::from_utf8(text(a))
                .ok()
                .and_then(|s| s.parse().ok());
            (a.1, v)
        }
        _ => (key + 7, None),
    }
}

/// The `/Length` of a stream dictionary when it is a direct integer.
fn direct_length(dict: &[u8]) -> Option<usize> {
    let k = length_key(dict)?;
    length_value(dict, k).1
}

/// The stream dictionary with its `/Length` entry set to `len`.
fn with_length(dict: &[u8], len: usize) -> Vec<u8> {
    let mut d = dict.to_vec();
    if let Some(k) = length_key(&d) {
        let (end, _) = length_value(&d, k);
        d.splice(k..end, std::iter::empty());
    }
    let entry = format!(" /Length {len} ");
    match find(&d, b"<<", 0) {
        Some(p) => {
            d.splice(p + 2..p + 2, entry.bytes());
        }
        None => d.extend_from_slice(entry.as_bytes()),
    }
    d
}

/// The last `/Root N G R` of the file.
fn last_root(bytes: &[u8]) -> Option<ObjectId> {
    let mut root = None;
    let mut from = 0;
    while let Some(k) = find(bytes, b"/Root", from) {
        from = k + 5;
        let rest = bytes.get(k + 5..(k + 40).min(bytes.len()))?;
        let text = String::from_utf8_lossy(rest);
        let mut t = text.split_whitespace();
        if let (Some(n), Some(g), Some(r)) = (t.next(), t.next(), t.next()) {
            if let (Ok(n), Ok(g)) = (n.parse::<u32>(), g.parse::<u16>()) {
                if r.starts_with('R') {
                    root = Some((n, g));
                }
            }
        }
    }
    root
}

/// An `/Encrypt` key after a `trailer` keyword or in a cross-reference stream dictionary.
fn trailer_has_encrypt(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(k) = find(bytes, b"/Encrypt", from) {
        from = k + 8;
        let back = bytes.get(k.saturating_sub(2048)..k).unwrap_or_default();
        if find(back, b"trailer", 0).is_some() || find(back, b"/XRef", 0).is_some() {
            return true;
        }
    }
    false
}

fn type_of(d: &Dictionary) -> Option<&[u8]> {
    d.get(b"Type").and_then(Object::as_name).ok()
}

/// Set the trailer's `/Root` to a catalog and rebuild the page tree when it is lost.
fn repair_structure(doc: &mut Document, warnings: &mut Vec<String>) {
    // new objects must not take the number of one that is referenced but lost
    doc.max_id = doc.max_id.max(max_referenced(doc));
    let root_ok = doc
        .catalog()
        .is_ok_and(|c| c.get(b"Pages").and_then(Object::as_reference).is_ok());
    if !root_ok {
        // the catalog whose page tree yields pages, the last one in numbering order
        let catalogs: Vec<ObjectId> = doc
            .objects
            .iter()
            .filter(|(_, o)| {
                o.as_dict()
                    .is_ok_and(|d| type_of(d) == Some(b"Catalog".as_slice()))
            })
            .map(|(id, _)| *id)
            .collect();
        if let Some(&id) = catalogs.last() {
            doc.trailer.set("Root", Object::Reference(id));
        } else if let Some(tree) = page_tree_root(doc) {
            // the catalog is lost but the page tree is not: a new catalog for it
            new_catalog(doc, tree);
            warnings.push("document catalog lost: a new one made for the page tree".into());
        }
    }
    retype_tree_nodes(doc, warnings);
    let in_tree: HashSet<ObjectId> = doc.get_pages().into_values().collect();
    let all_pages = page_objects_in_file_order(doc);
    // pages outside the tree whose parent node is lost from the file
    let orphans_of_lost_nodes = all_pages.iter().any(|id| {
        !in_tree.contains(id)
            && doc
                .get_dictionary(*id)
                .ok()
                .and_then(|d| d.get(b"Parent").and_then(Object::as_reference).ok())
                .is_some_and(|p| doc.get_dictionary(p).is_err())
    });
    if (in_tree.is_empty() || orphans_of_lost_nodes) && !all_pages.is_empty() {
        rebuild_page_tree(doc, &all_pages);
        warnings.push(format!(
            "page tree lost: {} pages taken from the page objects in file order",
            all_pages.len()
        ));
    }
}

/// Nodes of the page tree whose `/Type` was damaged get it back: a node with `/Kids` is
/// a `/Pages` node, one without is a page (as poppler reads a leaf of the tree).
fn retype_tree_nodes(doc: &mut Document, warnings: &mut Vec<String>) {
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok())
    else {
        return;
    };
    let mut fix: Vec<(ObjectId, &'static str)> = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        if depth > MAX_DEPTH || seen.len() >= MAX_LEAVES || !seen.insert(id) {
            continue;
        }
        let Ok(d) = doc.get_dictionary(id) else {
            continue;
        };
        let kids = d.get(b"Kids").and_then(Object::as_array).ok();
        match (type_of(d), kids) {
            (Some(b"Page"), _) => continue,
            (Some(b"Pages"), _) => {}
            (_, Some(_)) => fix.push((id, "Pages")),
            (_, None) => fix.push((id, "Page")),
        }
        for k in kids.into_iter().flatten().rev() {
            if let Ok(kid) = k.as_reference() {
                stack.push((kid, depth + 1));
            }
        }
    }
    if fix.is_empty() {
        return;
    }
    for &(id, ty) in &fix {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("Type", Object::Name(ty.as_bytes().to_vec()));
        }
    }
    warnings.push(format!(
        "page tree: {} node(s) with a damaged /Type read by their place in the tree",
        fix.len()
    ));
}

/// The highest object number present or referenced.
fn max_referenced(doc: &Document) -> u32 {
    fn visit(o: &Object, max: &mut u32, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match o {
            Object::Reference(id) => *max = (*max).max(id.0),
            Object::Array(a) => a.iter().for_each(|x| visit(x, max, depth + 1)),
            Object::Dictionary(d) => d.iter().for_each(|(_, x)| visit(x, max, depth + 1)),
            Object::Stream(st) => st.dict.iter().for_each(|(_, x)| visit(x, max, depth + 1)),
            _ => {}
        }
    }
    let mut max = doc.objects.keys().map(|k| k.0).max().unwrap_or(0);
    for o in doc.objects.values() {
        visit(o, &mut max, 0);
    }
    max.min(MAX_OBJECT_NUMBER)
}

/// The root of a page tree found among the objects: a `/Type /Pages` node without a
/// parent in the file, the one that counts the most pages.
fn page_tree_root(doc: &Document) -> Option<ObjectId> {
    doc.objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            if type_of(d) != Some(b"Pages".as_slice()) {
                return None;
            }
            let parent = d.get(b"Parent").and_then(Object::as_reference).ok();
            if parent.is_some_and(|p| doc.objects.contains_key(&p)) {
                return None;
            }
            let count = d.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
            Some((count, *id))
        })
        .max()
        .map(|(_, id)| id)
}

/// The objects of `/Type /Page`, in the order of their offsets in the file (objects read
/// from an object stream follow, in numbering order).
fn page_objects_in_file_order(doc: &Document) -> Vec<ObjectId> {
    let mut pages: Vec<(usize, ObjectId)> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| type_of(d) == Some(b"Page".as_slice()))
        })
        .map(|(id, _)| {
            let at = match doc.reference_table.entries.get(&id.0) {
                Some(XrefEntry::Normal { offset, .. }) => *offset as usize,
                _ => usize::MAX,
            };
            (at, *id)
        })
        .collect();
    pages.sort();
    pages.into_iter().map(|(_, id)| id).collect()
}

/// A new page tree of `pages`, each page keeping the attributes it inherited.
fn rebuild_page_tree(doc: &mut Document, pages: &[ObjectId]) {
    const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
    let tree_id = (doc.max_id + 1, 0);
    doc.max_id += 1;
    for &p in pages {
        let mut inherited: Vec<(&[u8], Object)> = Vec::new();
        for key in INHERITED {
            if let Some(v) = inherited_attr(doc, p, key) {
                inherited.push((key, v));
            }
        }
        if let Ok(d) = doc.get_dictionary_mut(p) {
            for (k, v) in inherited {
                if !d.has(k) {
                    d.set(k.to_vec(), v);
                }
            }
            if !d.has(b"MediaBox") {
                // the box is lost with the tree: ISO A4, the paper of these documents
                d.set(
                    "MediaBox",
                    Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
                );
            }
            d.set("Parent", Object::Reference(tree_id));
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set(
        "Kids",
        Object::Array(pages.iter().map(|&p| Object::Reference(p)).collect()),
    );
    tree.set("Count", Object::Integer(pages.len() as i64));
    doc.objects.insert(tree_id, Object::Dictionary(tree));
    let catalog_ok = doc.catalog_mut().map(|c| {
        c.set("Pages", Object::Reference(tree_id));
    });
    if catalog_ok.is_err() {
        new_catalog(doc, tree_id);
    }
}

/// A new catalog of the page tree `tree`, made the trailer's root.
fn new_catalog(doc: &mut Document, tree: ObjectId) {
    let cat_id = (doc.max_id + 1, 0);
    doc.max_id += 1;
    let mut cat = Dictionary::new();
    cat.set("Type", Object::Name(b"Catalog".to_vec()));
    cat.set("Pages", Object::Reference(tree));
    doc.objects.insert(cat_id, Object::Dictionary(cat));
    doc.trailer.set("Root", Object::Reference(cat_id));
}

/// An attribute of a page or of the nearest ancestor that has it.
fn inherited_attr(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut id = page;
    let mut seen = HashSet::new();
    while seen.insert(id) && seen.len() < MAX_DEPTH {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(v) = d.get(key) {
            return Some(v.clone());
        }
        id = d.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// The leaves of the page tree in order: `Some(page)` for a page in the file, `None` for
/// a kid the tree names but the file lacks (cut off or unreadable).
fn tree_leaves(doc: &Document) -> Vec<Option<ObjectId>> {
    let mut out = Vec::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok())
    else {
        return out;
    };
    let mut seen = HashSet::new();
    walk(doc, root, 0, &mut seen, &mut out);
    out
}

fn walk(
    doc: &Document,
    id: ObjectId,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<Option<ObjectId>>,
) {
    if depth > MAX_DEPTH || out.len() >= MAX_LEAVES || !seen.insert(id) {
        return;
    }
    let Ok(d) = doc.get_dictionary(id) else {
        out.push(None);
        return;
    };
    match type_of(d) {
        Some(b"Page") => out.push(Some(id)),
        _ => {
            let Ok(kids) = d.get(b"Kids").and_then(Object::as_array) else {
                return;
            };
            for k in kids {
                match k.as_reference() {
                    Ok(kid) => walk(doc, kid, depth + 1, seen, out),
                    Err(_) => out.push(None),
                }
            }
        }
    }
}

/// Streams whose `/Length` is a reference to an object that did not load (a byte changed
/// in it: "3 0 o?j"): lopdf leaves them empty. Their data runs from where the stream
/// starts to the `endstream` keyword, as for a stream whose direct length lies; without
/// it a page's whole content stream is lost to a damaged number elsewhere.
fn fill_unsized_streams(doc: &mut Document, bytes: &[u8], warnings: &mut Vec<String>) {
    let todo: Vec<(ObjectId, usize)> = doc
        .objects
        .iter()
        .filter_map(|(&id, o)| {
            let s = o.as_stream().ok()?;
            let start = s.start_position?;
            let sized = s
                .dict
                .get(b"Length")
                .and_then(|l| doc.dereference(l))
                .and_then(|(_, l)| l.as_i64())
                .is_ok();
            (s.content.is_empty() && !sized).then_some((id, start))
        })
        .collect();
    let mut filled = 0usize;
    for (id, start) in todo {
        let Some(mut end) = find(bytes, b"endstream", start) else {
            continue;
        };
        // the end-of-line before the keyword is not data
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let Some(data) = bytes.get(start..end) else {
            continue;
        };
        if let Ok(s) = doc.get_object_mut(id).and_then(Object::as_stream_mut) {
            s.set_content(data.to_vec());
            filled += 1;
        }
    }
    if filled > 0 {
        warnings.push(format!(
            "{filled} stream(s) whose /Length object is damaged: read up to their endstream"
        ));
    }
}

/// Warn when the file is cut short or pages of the tree are missing from it.
fn report_missing(doc: &Document, truncated: bool, warnings: &mut Vec<String>) {
    let leaves = tree_leaves(doc);
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").and_then(Object::as_reference).ok())
        .and_then(|p| doc.get_dictionary(p).ok())
        .and_then(|d| d.get(b"Count").and_then(Object::as_i64).ok())
        .and_then(|c| usize::try_from(c).ok())
        .unwrap_or(0);
    let present = leaves.iter().filter(|l| l.is_some()).count();
    let missing: Vec<usize> = leaves
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_none())
        .map(|(i, _)| i + 1)
        .collect();
    let total = declared.max(leaves.len());
    let what = if truncated {
        "file is truncated (no %%EOF at its end)"
    } else {
        "pages are missing from the file"
    };
    if !missing.is_empty() && leaves.len() == total {
        warnings.push(format!(
            "{PARTIAL} {what}; pages {} of {total} missing",
            ranges(&missing)
        ));
    } else if total > present {
        warnings.push(format!(
            "{PARTIAL} {what}; {} of {total} pages missing",
            total - present
        ));
    } else if truncated {
        warnings.push(format!(
            "{PARTIAL} file is truncated (no %%EOF at its end); {present} pages found, \
             later ones may be missing"
        ));
    }
}

/// "3, 5–9" from sorted page numbers.
pub(crate) fn ranges(pages: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&first) = pages.get(i) {
        let mut j = i;
        while pages
            .get(j + 1)
            .is_some_and(|&n| Some(n) == pages.get(j).map(|p| p + 1))
        {
            j += 1;
        }
        let last = pages.get(j).copied().unwrap_or(first);
        parts.push(if last == first {
            first.to_string()
        } else {
            format!("{first}–{last}")
        });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(scan: &Scan) -> Vec<ObjectId> {
        scan.objects.iter().map(|o| o.id).collect()
    }

    #[test]
    fn a_truncated_object_is_dropped_and_the_ones_before_kept() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
                    2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
                    3 0 obj\n<< /Length 40 >>\nstream\nBT /F1 12 Tf (cut he";
        let s = scan(pdf);
        assert_eq!(ids(&s), vec![(1, 0), (2, 0)]);
        assert_eq!(s.objects[0].offset, 9);
    }

    #[test]
    fn a_lying_length_is_replaced_by_the_distance_to_endstream() {
        let pdf = b"%PDF-1.4\n4 0 obj\n<< /Length 999 /Length1 5 >>\nstream\nBT (abc) Tj ET\nendstream\nendobj\n\
                    5 0 obj\n<< /Length 6 0 R >>\nstream\nxyz\nendstream\nendobj\n";
        let s = scan(pdf);
        assert_eq!(ids(&s), vec![(4, 0), (5, 0)]);
        let doc = rebuilt_document(&s).unwrap();
        let st = doc.get_object((4, 0)).and_then(Object::as_stream).unwrap();
        assert_eq!(st.content, b"BT (abc) Tj ET\n");
        assert_eq!(st.dict.get(b"Length").and_then(Object::as_i64).unwrap(), 15);
        assert_eq!(
            st.dict.get(b"Length1").and_then(Object::as_i64).unwrap(),
            5,
            "/Length1 is not /Length"
        );
        let st = doc.get_object((5, 0)).and_then(Object::as_stream).unwrap();
        assert_eq!(st.content, b"xyz\n", "an indirect /Length that is lost");
    }

    #[test]
    fn an_honest_length_is_kept_even_when_the_data_holds_endstream() {
        let data = b"q endstream Q";
        let mut pdf = b"%PDF-1.4\n7 0 obj\n<< /Length 13 >>\nstream\n".to_vec();
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let doc = rebuilt_document(&scan(&pdf)).unwrap();
        let st = doc.get_object((7, 0)).and_then(Object::as_stream).unwrap();
        assert_eq!(st.content, data);
    }

    #[test]
    fn the_last_definition_of_an_object_wins() {
        let pdf = b"%PDF-1.4\n1 0 obj\n(old)\nendobj\n2 0 obj\n(two)\nendobj\n\
                    1 0 obj\n(new)\nendobj\ntrailer\n<< /Root 1 0 R >>\n";
        let s = scan(pdf);
        assert_eq!(ids(&s), vec![(2, 0), (1, 0)]);
        assert_eq!(s.root, Some((1, 0)));
        let doc = rebuilt_document(&s).unwrap();
        assert_eq!(
            doc.get_object((1, 0)).and_then(Object::as_str).unwrap(),
            b"new"
        );
    }

    #[test]
    fn headers_inside_words_or_endobj_are_not_objects() {
        let pdf = b"%PDF-1.4\n1 0 obj\n(a 2 0 objx b)\nendobj\nx3 0 obj\n";
        assert_eq!(ids(&scan(pdf)), vec![(1, 0)]);
    }

    #[test]
    fn a_missing_endobj_ends_at_the_next_header() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /A 1 >>\n2 0 obj\n<< /B 2 >>\nendobj\n";
        let doc = rebuilt_document(&scan(pdf)).unwrap();
        assert!(doc.get_dictionary((1, 0)).unwrap().has(b"A"));
        assert!(doc.get_dictionary((2, 0)).unwrap().has(b"B"));
    }

    #[test]
    fn references_to_lost_objects_are_dropped() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /FontDescriptor /FontFile2 9 0 R /X 2 0 R \
                    /W [1 9 0 R 2 0 R] >>\nendobj\n2 0 obj\n(kept)\nendobj\n";
        let mut doc = rebuilt_document(&scan(pdf)).unwrap();
        prune_dangling(&mut doc);
        let d = doc.get_dictionary((1, 0)).unwrap();
        assert!(!d.has(b"FontFile2"));
        assert_eq!(d.get(b"X").unwrap(), &Object::Reference((2, 0)));
        assert_eq!(
            d.get(b"W").unwrap(),
            &Object::Array(vec![Object::Integer(1), Object::Reference((2, 0))])
        );
    }

    #[test]
    fn page_ranges() {
        assert_eq!(ranges(&[3, 5, 6, 7, 9]), "3, 5–7, 9");
        assert_eq!(ranges(&[]), "");
    }

    #[test]
    fn a_lost_page_tree_is_rebuilt_from_page_objects_in_file_order() {
        // catalog points to a page tree that is not in the file
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\n\
                    5 0 obj\n<< /Type /Page /Parent 9 0 R >>\nendobj\n\
                    3 0 obj\n<< /Type /Page /Parent 9 0 R /MediaBox [0 0 100 100] >>\nendobj\n";
        let s = scan(pdf);
        let mut doc = rebuilt_document(&s).unwrap();
        let mut w = Vec::new();
        repair_structure(&mut doc, &mut w);
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        assert_eq!(pages, vec![(5, 0), (3, 0)]);
        assert!(w.iter().any(|w| w.contains("page tree lost")), "{w:?}");
        let media = doc
            .get_dictionary((5, 0))
            .and_then(|d| d.get(b"MediaBox"))
            .cloned();
        assert!(media.is_ok(), "a default box for a page that lost it");
    }
}
