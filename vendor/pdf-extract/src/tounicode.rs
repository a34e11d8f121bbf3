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
        units.clear();
        units.extend(utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
        let text = if utf16.len() % 2 != 0 {
            None
        } else if let [0xd800..=0xdfff] = units[..] {
            map.remove(&code);
            return Ok(());
        } else {
            String::from_utf16(&units).ok()
        };
        match text {
            Some(t) => {
                map.insert(code, t);
            }
            None => {
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

/// Calls `f` with every (code, UTF-16BE bytes) mapping in CMap order.
fn for_each_mapping(
    input: &[u8],
    mut f: impl FnMut(u32, &[u8]) -> Result<(), &'static str>,
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
                        (Some(Tok::Str(code)), Some(Tok::Str(uni))) => f(as_code(code), uni)?,
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
                                    f(c, &val.wrapping_add(c - lo).to_be_bytes())?;
                                }
                            }
                            2 => {
                                let val = as_code(start) as u16;
                                for c in lo..=hi {
                                    f(c, &val.wrapping_add((c - lo) as u16).to_be_bytes())?;
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
                                    Tok::Str(s) => f(c, s)?,
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
