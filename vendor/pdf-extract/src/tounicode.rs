//! vanban: a ToUnicode CMap reader that gives what `adobe_cmap_parser::get_unicode_map`
//! gives, without its parser-combinator lexer. That lexer (pom) formats an error message
//! for every alternative it tries at every byte: on Aspose and Word PDFs, which carry a
//! ToUnicode CMap per font with thousands of entries, it was two thirds of the
//! instructions of a whole `vanban extract`. Same tokens, same interpretation (the count
//! before `beginbfchar`/`beginbfrange`, 2- and 4-byte range starts, arrays of
//! destinations); a byte no token starts with is skipped instead of ending the CMap.

use std::collections::HashMap;

#[derive(Debug)]
enum Tok {
    Str(Vec<u8>),
    Int(i64),
    Array(Vec<Tok>),
    Op(Vec<u8>),
    Other,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0C)
}

fn is_delim(b: u8) -> bool {
    is_space(b) || b"()<>[]{}/%".contains(&b)
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.i += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// `<` already seen and not followed by `<`: hex digits (spaces allowed) up to `>`.
    fn hex_string(&mut self) -> Option<Tok> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.i += 1;
            if b == b'>' {
                // an odd digit count does not make a string (upstream's lexer fails there)
                return if hi.is_none() { Some(Tok::Str(out)) } else { None };
            }
            if is_space(b) {
                continue;
            }
            let v = hex_val(b)?;
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        None
    }

    /// `(` already seen: a literal string with escapes and balanced parentheses.
    fn literal_string(&mut self) -> Tok {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0C),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        Tok::Str(out)
    }

    /// `<<` already seen: skip to the matching `>>` (dictionaries carry no mappings).
    fn skip_dict(&mut self) {
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'<' if self.peek() == Some(b'<') => {
                    self.i += 1;
                    depth += 1;
                }
                b'>' if self.peek() == Some(b'>') => {
                    self.i += 1;
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.literal_string();
                }
                _ => {}
            }
        }
    }

    /// The next token; `None` at the end (or at an array's `]` when `in_array`).
    fn next(&mut self, in_array: bool) -> Option<Tok> {
        loop {
            self.skip_space();
            let b = self.peek()?;
            let start = self.i;
            self.i += 1;
            match b {
                b'<' => {
                    if self.peek() == Some(b'<') {
                        self.i += 1;
                        self.skip_dict();
                        return Some(Tok::Other);
                    }
                    match self.hex_string() {
                        Some(t) => return Some(t),
                        None => {
                            // not a hex string: resume after the '<'
                            self.i = start + 1;
                            return Some(Tok::Other);
                        }
                    }
                }
                b'(' => return Some(self.literal_string()),
                b'[' => {
                    let mut items = Vec::new();
                    while let Some(t) = self.next(true) {
                        items.push(t);
                    }
                    return Some(Tok::Array(items));
                }
                b']' => {
                    if in_array {
                        return None;
                    }
                    continue;
                }
                b'/' => {
                    while self.peek().is_some_and(|b| !is_delim(b)) {
                        self.i += 1;
                    }
                    return Some(Tok::Other);
                }
                b'+' | b'-' | b'0'..=b'9' | b'.' => {
                    while self
                        .peek()
                        .is_some_and(|b| b.is_ascii_digit() || b == b'.' || b == b'+' || b == b'-')
                    {
                        self.i += 1;
                    }
                    let text = &self.s[start..self.i];
                    let int = std::str::from_utf8(text).ok().and_then(|t| t.parse::<i64>().ok());
                    return Some(match int {
                        Some(v) => Tok::Int(v),
                        None => Tok::Other,
                    });
                }
                b if b.is_ascii_alphabetic() || b == b'*' || b == b'\'' || b == b'"' => {
                    while self
                        .peek()
                        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'*' || b == b'\'' || b == b'"')
                    {
                        self.i += 1;
                    }
                    return Some(Tok::Op(self.s[start..self.i].to_vec()));
                }
                // '{', '}', '>' or a byte no token starts with: skipped
                _ => continue,
            }
        }
    }
}

fn as_code(s: &[u8]) -> u32 {
    s.iter().fold(0u32, |code, &c| (code << 8) | u32::from(c))
}

/// Most codes one `bfrange` may expand to (a hostile range cannot exhaust memory).
const MAX_RANGE: u32 = 0x1_0000;

/// Code -> UTF-16BE bytes, as `adobe_cmap_parser::get_unicode_map` returns them.
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let mut map = HashMap::new();
    for_each_mapping(input, |code, utf16| {
        map.insert(code, utf16.to_vec());
        Ok(())
    })?;
    Ok(map)
}

/// What one mapping's UTF-16BE bytes say.
enum Decoded {
    Text(String),
    /// a lone surrogate: the code maps to nothing
    Lone,
    /// an odd byte count or invalid UTF-16
    Bad,
}

fn decode(utf16: &[u8], units: &mut Vec<u16>) -> Decoded {
    units.clear();
    units.extend(utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
    if utf16.len() % 2 != 0 {
        Decoded::Bad
    } else if let [0xd800..=0xdfff] = units[..] {
        Decoded::Lone
    } else {
        String::from_utf16(units).map_or(Decoded::Bad, Decoded::Text)
    }
}

/// Code -> text, as pdf-extract made it from `get_unicode_map`'s bytes (a lone surrogate
/// maps to nothing; an odd byte count or invalid UTF-16 that stays the code's last
/// mapping is an error), without the intermediate map of byte vectors.
pub fn unicode_strings(input: &[u8]) -> Result<HashMap<u32, String>, &'static str> {
    let mut map: HashMap<u32, String> = HashMap::new();
    // codes whose last mapping so far is not UTF-16
    let mut bad: Vec<u32> = Vec::new();
    let mut units: Vec<u16> = Vec::new();
    for_each_mapping(input, |code, utf16| {
        if !bad.is_empty() {
            bad.retain(|&b| b != code);
        }
        match decode(utf16, &mut units) {
            Decoded::Text(t) => {
                map.insert(code, t);
            }
            Decoded::Lone => {
                map.remove(&code);
            }
            Decoded::Bad => {
                map.remove(&code);
                bad.push(code);
            }
        }
        Ok(())
    })?;
    if bad.is_empty() {
        Ok(map)
    } else {
        Err("ToUnicode maps a code to invalid UTF-16")
    }
}

/// Code -> text of a ToUnicode CMap as [`unicode_strings`] reads it, with every range of
/// at least [`LAZY_RUN`] codes onto single UTF-16 units kept as a range and looked up on
/// demand (a two-byte font's `<0000> <FFFF> <0000>` is one entry, not 65,536 strings).
#[derive(Debug, Default)]
pub struct CodeMap {
    /// Codes mapped one by one after the last range that covers them (`None`: to nothing).
    singles: HashMap<u32, Option<String>>,
    /// Ranges in CMap order: code `lo + i` → UTF-16 unit `start + i` (wrapping).
    runs: Vec<(u32, u32, u16)>,
}

impl From<HashMap<u32, String>> for CodeMap {
    /// A map of single codes (what is left of a damaged CMap) as a `CodeMap`.
    fn from(map: HashMap<u32, String>) -> Self {
        CodeMap {
            singles: map.into_iter().map(|(k, v)| (k, Some(v))).collect(),
            runs: Vec::new(),
        }
    }
}

impl CodeMap {
    /// The text of `code`, if the CMap maps it to any.
    pub fn get(&self, code: u32) -> Option<String> {
        if let Some(text) = self.singles.get(&code) {
            return text.clone();
        }
        let &(lo, _, start) = self.runs.iter().rev().find(|&&(lo, hi, _)| lo <= code && code <= hi)?;
        // a unit in the surrogate block is a lone surrogate: no character
        char::from_u32(u32::from(start.wrapping_add((code - lo) as u16))).map(String::from)
    }
}

/// The [`CodeMap`] of a ToUnicode CMap; errors as [`unicode_strings`].
pub fn code_map(input: &[u8]) -> Result<CodeMap, &'static str> {
    let mut map = CodeMap::default();
    let mut bad: Vec<u32> = Vec::new();
    let mut units: Vec<u16> = Vec::new();
    for_each_op(input, true, |m| {
        match m {
            Mapping::One(code, utf16) => {
                if !bad.is_empty() {
                    bad.retain(|&b| b != code);
                }
                let text = match decode(utf16, &mut units) {
                    Decoded::Text(t) => Some(t),
                    Decoded::Lone => None,
                    Decoded::Bad => {
                        bad.push(code);
                        None
                    }
                };
                map.singles.insert(code, text);
            }
            Mapping::Run { lo, hi, start } => {
                let inside = |c: u32| lo <= c && c <= hi;
                bad.retain(|&b| !inside(b));
                map.singles.retain(|&c, _| !inside(c));
                map.runs.push((lo, hi, start));
            }
        }
        Ok(())
    })?;
    if bad.is_empty() {
        Ok(map)
    } else {
        Err("ToUnicode maps a code to invalid UTF-16")
    }
}

/// Calls `f` with every (code, UTF-16BE bytes) mapping in CMap order.
fn for_each_mapping(
    input: &[u8],
    mut f: impl FnMut(u32, &[u8]) -> Result<(), &'static str>,
) -> Result<(), &'static str> {
    for_each_op(input, false, |m| match m {
        Mapping::One(code, utf16) => f(code, utf16),
        // not produced without `lazy_runs`
        Mapping::Run { .. } => Ok(()),
    })
}

/// One step of a CMap: a code mapped to UTF-16BE bytes, or (with `lazy_runs`) a long
/// `bfrange` onto single UTF-16 units, code `lo + i` → unit `start + i` (wrapping).
enum Mapping<'a> {
    One(u32, &'a [u8]),
    Run { lo: u32, hi: u32, start: u16 },
}

/// A `bfrange` at least this long onto single UTF-16 units is kept as a range by
/// [`CodeMap`] (PDFium writes `<0000> <FFFF> <0000>`: 65,536 entries otherwise).
const LAZY_RUN: u32 = 256;

/// Calls `f` with every mapping in CMap order; with `lazy_runs`, a range of at least
/// [`LAZY_RUN`] codes onto two-byte destinations comes as one [`Mapping::Run`].
fn for_each_op(
    input: &[u8],
    lazy_runs: bool,
    mut f: impl FnMut(Mapping<'_>) -> Result<(), &'static str>,
) -> Result<(), &'static str> {
    let mut lexer = Lexer { s: input, i: 0 };
    let mut toks = Vec::new();
    while let Some(t) = lexer.next(false) {
        toks.push(t);
    }
    let mut i = 0;
    while i < toks.len() {
        let op = match &toks[i] {
            Tok::Op(o) => o.as_slice(),
            _ => {
                i += 1;
                continue;
            }
        };
        match op {
            b"beginbfchar" => {
                let count = match i.checked_sub(1).and_then(|p| toks.get(p)) {
                    Some(&Tok::Int(c)) => c,
                    _ => return Err("beginbfchar exected int"),
                };
                i += 1;
                for _ in 0..count.max(0) {
                    match (toks.get(i), toks.get(i + 1)) {
                        (Some(Tok::Str(code)), Some(Tok::Str(uni))) => {
                            f(Mapping::One(as_code(code), uni))?
                        }
                        _ => return Err("beginbfchar exected hexstring"),
                    }
                    i += 2;
                }
                i += 1;
            }
            b"beginbfrange" => {
                let count = match i.checked_sub(1).and_then(|p| toks.get(p)) {
                    Some(&Tok::Int(c)) => c,
                    _ => return Err("beginbfrange exected int"),
                };
                i += 1;
                for _ in 0..count.max(0) {
                    let (lo, hi) = match (toks.get(i), toks.get(i + 1)) {
                        (Some(Tok::Str(lo)), Some(Tok::Str(hi))) => (as_code(lo), as_code(hi)),
                        _ => return Err("beginbfrange exected hexstring"),
                    };
                    if hi >= lo && hi - lo >= MAX_RANGE {
                        return Err("bfrange too long");
                    }
                    match toks.get(i + 2) {
                        Some(Tok::Str(start)) => match start.len() {
                            4 => {
                                let val = as_code(start);
                                for c in lo..=hi {
                                    f(Mapping::One(c, &val.wrapping_add(c - lo).to_be_bytes()))?;
                                }
                            }
                            2 => {
                                let val = as_code(start) as u16;
                                if lazy_runs && hi >= lo && hi - lo + 1 >= LAZY_RUN {
                                    f(Mapping::Run { lo, hi, start: val })?;
                                } else {
                                    for c in lo..=hi {
                                        let unit = val.wrapping_add((c - lo) as u16);
                                        f(Mapping::One(c, &unit.to_be_bytes()))?;
                                    }
                                }
                            }
                            _ => return Err("bad length of hexstring"),
                        },
                        Some(Tok::Array(codes)) => {
                            if hi < lo || (hi - lo + 1) as usize != codes.len() {
                                return Err("bad length of array");
                            }
                            for (c, t) in (lo..=hi).zip(codes) {
                                match t {
                                    Tok::Str(s) => f(Mapping::One(c, s))?,
                                    _ => return Err("beginbfrange exected hexstring"),
                                }
                            }
                        }
                        _ => return Err("beginbfrange exected array or literal"),
                    }
                    i += 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// vanban: the mappings of a damaged CMap (one `unicode_strings` refuses): the counts are
/// not trusted and entries are read line by line (producers write one entry a line), so
/// an entry that is not well formed (a changed byte in a code or a destination) loses
/// only itself, as poppler reads it ("Illegal entry in bfchar block").
pub fn unicode_strings_salvaged(input: &[u8]) -> HashMap<u32, String> {
    let text = |b: &[u8]| -> Option<String> {
        if b.len() % 2 != 0 {
            return None;
        }
        let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    };
    let mut map = HashMap::new();
    let mut range = None; // Some(false): bfchar, Some(true): bfrange
    for line in input.split(|&b| b == b'\n' || b == b'\r') {
        let mut lexer = Lexer { s: line, i: 0 };
        let mut pending: Vec<Tok> = Vec::new();
        while let Some(t) = lexer.next(false) {
            match t {
                Tok::Op(o) => {
                    match o.as_slice() {
                        b"beginbfchar" => range = Some(false),
                        b"beginbfrange" => range = Some(true),
                        b"endbfchar" | b"endbfrange" => range = None,
                        _ => {}
                    }
                    pending.clear();
                }
                t @ (Tok::Str(_) | Tok::Array(_)) if range.is_some() => pending.push(t),
                _ => pending.clear(),
            }
            match (range, pending.as_slice()) {
                (Some(false), [Tok::Str(code), Tok::Str(uni)]) => {
                    if let Some(t) = text(uni) {
                        map.insert(as_code(code), t);
                    }
                    pending.clear();
                }
                (Some(true), [Tok::Str(lo), Tok::Str(hi), dst]) => {
                    let (lo, hi) = (as_code(lo), as_code(hi));
                    if hi >= lo && hi - lo < MAX_RANGE {
                        match dst {
                            Tok::Str(start) if start.len() == 2 || start.len() == 4 => {
                                let val = as_code(start);
                                for c in lo..=hi {
                                    let v = val.wrapping_add(c - lo);
                                    let bytes = if start.len() == 2 { (v as u16).to_be_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
                                    if let Some(t) = text(&bytes) {
                                        map.insert(c, t);
                                    }
                                }
                            }
                            Tok::Array(codes) => {
                                for (c, t) in (lo..=hi).zip(codes) {
                                    if let Some(t) = match t { Tok::Str(s) => text(s), _ => None } {
                                        map.insert(c, t);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    pending.clear();
                }
                (Some(false), [Tok::Array(_), ..]) | (Some(true), [Tok::Array(_), ..]) => pending.clear(),
                _ => {}
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo\n<< /Registry (Adobe)\n/Ordering (UCS) /Supplement 0\n>> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n\
endcodespacerange\n% a comment 3 beginbfchar\n3 beginbfchar\n<0003> <0020>\n<0044> <00610301>\n\
<01 2C> <D835DC00>\nendbfchar\n2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<0062> <00630064>]\n\
endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    #[test]
    fn same_map_as_adobe_cmap_parser() {
        let ours = get_unicode_map(CMAP).unwrap();
        let theirs = adobe_cmap_parser::get_unicode_map(CMAP).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(ours.len(), 8);
        assert_eq!(ours[&0x11], vec![0, 0x42]);
        assert_eq!(ours[&0x12C], vec![0xD8, 0x35, 0xDC, 0x00]);
        assert_eq!(ours[&0x21], vec![0, 0x63, 0, 0x64]);
    }

    #[test]
    fn strings_as_pdf_extract_made_them() {
        let m = unicode_strings(CMAP).unwrap();
        assert_eq!(m.len(), 8);
        assert_eq!(m[&0x44], "a\u{301}");
        assert_eq!(m[&0x12C], "\u{1D400}");
        assert_eq!(m[&0x21], "cd");
        // a lone surrogate maps to nothing, even over an earlier mapping
        let lone = b"2 beginbfchar <01> <0041> <01> <D800> endbfchar";
        assert!(unicode_strings(lone).unwrap().is_empty());
        // invalid UTF-16 is an error only when it is the code's last mapping
        assert!(unicode_strings(b"1 beginbfchar <01> <DC00DC00> endbfchar").is_err());
        assert!(unicode_strings(b"1 beginbfchar <01> <004100> endbfchar").is_err());
        let fixed = b"2 beginbfchar <01> <DC00DC00> <01> <0042> endbfchar";
        assert_eq!(unicode_strings(fixed).unwrap()[&1], "B");
    }

    /// Every code of `input` up to `max` reads the same from [`code_map`] as from
    /// [`unicode_strings`].
    fn same_as_strings(input: &[u8], max: u32) {
        let strings = unicode_strings(input).unwrap();
        let map = code_map(input).unwrap();
        for code in 0..=max {
            assert_eq!(map.get(code), strings.get(&code).cloned(), "code {code:#x}");
        }
    }

    #[test]
    fn long_ranges_are_kept_as_ranges_and_read_the_same() {
        // PDFium's identity map: surrogate units map to nothing
        let pdfium = b"1 beginbfrange <0000> <FFFF> <0000> endbfrange";
        let map = code_map(pdfium).unwrap();
        assert!(map.singles.is_empty() && map.runs.len() == 1);
        assert_eq!(map.get(0x1EA1).as_deref(), Some("\u{1EA1}"));
        assert_eq!(map.get(0xD800), None);
        assert_eq!(map.get(0x10000), None);
        same_as_strings(pdfium, 0x1_0000);
        // later mappings win over earlier ones, in both directions; a wrapping range
        let layered = b"2 beginbfchar <0005> <0041> <0300> <D800> endbfchar\n\
            1 beginbfrange <0000> <01FF> <FF80> endbfrange\n\
            2 beginbfchar <0010> <0042> <0011> <D800> endbfchar\n\
            1 beginbfrange <0100> <04FF> <0061> endbfrange\n\
            1 beginbfrange <0020> <0030> <0061> endbfrange";
        let map = code_map(layered).unwrap();
        assert_eq!(map.runs.len(), 2);
        same_as_strings(layered, 0x600);
        // a short range is expanded as before
        same_as_strings(b"1 beginbfrange <0000> <0010> <0041> endbfrange", 0x20);
        // invalid UTF-16 left as a code's last mapping is an error; covered by a range it is not
        let bad = b"1 beginbfchar <0005> <004100> endbfchar";
        assert!(code_map(bad).is_err() && unicode_strings(bad).is_err());
        let fixed = b"1 beginbfchar <0005> <004100> endbfchar 1 beginbfrange <0000> <0100> <0041> endbfrange";
        assert!(code_map(fixed).is_ok() && unicode_strings(fixed).is_ok());
        same_as_strings(fixed, 0x200);
    }

    #[test]
    fn malformed_input_is_an_error_or_skipped_never_a_panic() {
        assert!(get_unicode_map(b"beginbfchar <01> <0041>").is_err());
        assert!(get_unicode_map(b"2 beginbfchar <01> <0041>").is_err());
        assert!(get_unicode_map(b"1 beginbfrange <0000> <FFFFFF> <0041> endbfrange").is_err());
        assert!(get_unicode_map(b"1 beginbfrange <05> <01> [<0041>] endbfrange").is_err());
        assert_eq!(get_unicode_map(b"{ } > ] <0 1 beginbfchar <01> <0041> endbfchar").unwrap().len(), 1);
        assert!(get_unicode_map(b"(unterminated \\").unwrap().is_empty());
        assert!(get_unicode_map(b"<< /A << /B (x>>) >>").unwrap().is_empty());
    }
}
