//! vanban: a content stream lexer that survives damage.
//!
//! lopdf's `Content::decode` stops at the first operation that does not parse (and fails
//! outright on some), so one changed byte lost the rest of a page. Here a token that does
//! not lex (a stray `)` or `>`, bytes outside any token, an unterminated string or array)
//! is skipped with the operands gathered so far, and reading goes on at the next token, as
//! poppler's lexer does. Inline images (`BI … ID … EI`) are skipped: the text reader does
//! not draw them.

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

/// Nesting limit for arrays and dictionaries inside a content stream.
const MAX_DEPTH: usize = 32;

/// The operations of a content stream, and how many bytes (and operators short of
/// operands) had to be skipped to get them.
pub fn operations(data: &[u8]) -> (Vec<Operation>, usize) {
    let (ops, skipped, _) = operations_marked(data);
    (ops, skipped)
}

/// [`operations`], and the index in the operations where the first damage was met (bytes
/// skipped, an operator short of operands): what is drawn from there on may be junk.
pub fn operations_marked(data: &[u8]) -> (Vec<Operation>, usize, Option<usize>) {
    let mut lx = Lexer { data, pos: 0, skipped: 0, short: 0, lenient: false };
    let mut ops = Vec::new();
    let mut operands: Vec<Object> = Vec::new();
    let mut first_damage: Option<usize> = None;
    loop {
        if first_damage.is_none() && lx.skipped + lx.short > 0 {
            first_damage = Some(ops.len());
        }
        lx.skip_space();
        if lx.pos >= data.len() {
            break;
        }
        let start = lx.pos;
        match lx.object(0) {
            Some(Tok::Obj(o)) => operands.push(o),
            Some(Tok::Keyword(k)) => {
                if k == b"BI" {
                    lx.skip_inline_image();
                    operands.clear();
                    continue;
                }
                let operator = String::from_utf8_lossy(&k).into_owned();
                // more operands than the operator takes (a damaged operator before it lost
                // its name): the last ones are its own, as poppler reads them
                // fewer (its operands were damaged): the operator is skipped, and the state
                // it would have set (the current font, the position) stays
                if let Some(n) = arity(&operator) {
                    if operands.len() > n {
                        operands.drain(..operands.len() - n);
                    } else if operands.len() < n {
                        operands.clear();
                        lx.short += 1;
                        continue;
                    }
                }
                ops.push(Operation::new(&operator, std::mem::take(&mut operands)));
            }
            None => {
                // not a token: drop what was gathered and go on after the offending byte
                operands.clear();
                lx.pos = lx.pos.max(start + 1);
                lx.skipped += lx.pos - start;
            }
        }
    }
    if first_damage.is_none() && lx.skipped + lx.short > 0 {
        first_damage = Some(ops.len());
    }
    (ops, lx.skipped + lx.short, first_damage)
}

/// How many operands an operator takes, for the operators whose count is fixed.
fn arity(op: &str) -> Option<usize> {
    Some(match op {
        "BT" | "ET" | "q" | "Q" | "T*" | "h" | "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*"
        | "n" | "W" | "W*" | "EMC" | "BX" | "EX" => 0,
        "Tj" | "TJ" | "'" | "Tc" | "Tw" | "Tz" | "TL" | "Ts" | "Tr" | "w" | "J" | "j" | "M"
        | "Do" | "cs" | "CS" | "g" | "G" | "gs" | "ri" | "i" | "BMC" | "sh" | "MP" => 1,
        "Td" | "TD" | "Tf" | "m" | "l" | "d" | "d0" | "BDC" | "DP" => 2,
        "\"" | "rg" | "RG" => 3,
        "re" | "v" | "y" | "k" | "K" => 4,
        "Tm" | "cm" | "c" | "d1" => 6,
        _ => return None,
    })
}

enum Tok {
    Obj(Object),
    Keyword(Vec<u8>),
}

struct Lexer<'d> {
    data: &'d [u8],
    pos: usize,
    skipped: usize,
    short: usize,
    /// Reading an object of the file, not a content stream: `N G R` is a reference, and a
    /// dictionary entry that does not parse is dropped instead of the whole dictionary.
    lenient: bool,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_space(c) && !is_delim(c)
}

impl<'d> Lexer<'d> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// One object or keyword at `pos`; `None` (with `pos` where the damage was found or
    /// after the damaged token) when there is none.
    fn object(&mut self, depth: usize) -> Option<Tok> {
        let start = self.pos;
        let c = self.peek()?;
        let tok = match c {
            b'/' => Some(Tok::Obj(Object::Name(self.name()))),
            b'(' => self.literal().map(|s| Tok::Obj(Object::String(s, StringFormat::Literal))),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.dict(depth).map(|d| Tok::Obj(Object::Dictionary(d)))
            }
            b'<' => self.hex().map(|s| Tok::Obj(Object::String(s, StringFormat::Hexadecimal))),
            b'[' => self.array(depth).map(|a| Tok::Obj(Object::Array(a))),
            c if is_regular(c) => {
                let word = self.word();
                Some(match word {
                    b"true" => Tok::Obj(Object::Boolean(true)),
                    b"false" => Tok::Obj(Object::Boolean(false)),
                    b"null" => Tok::Obj(Object::Null),
                    w if w.first().is_some_and(|c| c.is_ascii_digit() || b"+-.".contains(c)) => {
                        match number(w) {
                            Some(o) => Tok::Obj(o),
                            None => return self.fail(start),
                        }
                    }
                    w => Tok::Keyword(w.to_vec()),
                })
            }
            _ => {
                self.pos += 1;
                None
            }
        };
        if tok.is_none() {
            return self.fail(start);
        }
        tok
    }

    fn fail(&mut self, start: usize) -> Option<Tok> {
        if self.pos <= start {
            self.pos = start + 1;
        }
        None
    }

    fn word(&mut self) -> &'d [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let raw = self.word();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while let Some(&c) = raw.get(i) {
            if c == b'#' {
                if let Some(v) = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(c);
            i += 1;
        }
        out
    }

    fn literal(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut level = 1usize;
        loop {
            let c = self.peek()?;
            self.pos += 1;
            match c {
                b'(' => {
                    level += 1;
                    out.push(c);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        return Some(out);
                    }
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut digits = Vec::new();
        loop {
            let c = self.peek()?;
            self.pos += 1;
            match c {
                b'>' => break,
                c if c.is_ascii_hexdigit() => digits.push(c),
                // a damaged digit is left out, as poppler does ("illegal character in hex
                // string"), so the rest of the string still shows
                _ => self.skipped += usize::from(!is_space(c)),
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        Some(
            digits
                .chunks(2)
                .map(|p| {
                    let v = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
                    v(p[0]) << 4 | v(p[1])
                })
                .collect(),
        )
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Object>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.skip_space();
            let Some(c) = self.peek() else { return self.lenient.then_some(out) };
            match c {
                b']' => {
                    self.pos += 1;
                    return Some(out);
                }
                _ => {
                    let word_like = self.peek().is_some_and(is_regular);
                    match self.value(depth) {
                        Some(Tok::Obj(o)) => out.push(o),
                        // vanban: a damaged element ("&00" for "500") keeps its place as
                        // null, so the elements after it keep their index (a /Widths
                        // array shifted by one misplaces every glyph after the damage)
                        _ if self.lenient && word_like => out.push(Object::Null),
                        _ if self.lenient => {}
                        _ => return None,
                    }
                }
            }
        }
    }

    /// An object inside an array or a dictionary (in an object of the file, `N G R` too).
    fn value(&mut self, depth: usize) -> Option<Tok> {
        let t = self.object(depth + 1)?;
        if let (true, Tok::Obj(Object::Integer(n))) = (self.lenient, &t) {
            let back = self.pos;
            self.skip_space();
            let g = self.peek().filter(u8::is_ascii_digit).map(|_| self.word());
            self.skip_space();
            let r = self.peek().filter(|&c| c == b'R').map(|_| self.word());
            match (g.and_then(|g| std::str::from_utf8(g).ok()?.parse::<u16>().ok()), r) {
                (Some(g), Some(b"R")) if *n >= 0 && *n <= i64::from(u32::MAX) => {
                    return Some(Tok::Obj(Object::Reference((*n as u32, g))));
                }
                _ => self.pos = back,
            }
        }
        Some(t)
    }

    fn dict(&mut self, depth: usize) -> Option<Dictionary> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.pos += 2;
        let mut out = Dictionary::new();
        loop {
            self.skip_space();
            // an object of the file cut short (or whose string ran on to its end) keeps the
            // entries read so far, as poppler does ("end of file inside dictionary")
            let Some(c) = self.peek() else { return self.lenient.then_some(out) };
            match c {
                b'>' => {
                    if self.data.get(self.pos + 1) != Some(&b'>') {
                        if self.lenient {
                            self.pos += 1;
                            continue;
                        }
                        return None;
                    }
                    self.pos += 2;
                    return Some(out);
                }
                b'/' => {
                    let key = self.name();
                    self.skip_space();
                    match self.value(depth) {
                        Some(Tok::Obj(v)) => out.set(key, v),
                        _ if self.lenient => {}
                        _ => return None,
                    }
                }
                // a key that is not a name: the token is dropped
                _ if self.lenient => {
                    let at = self.pos;
                    let _ = self.object(depth + 1);
                    self.pos = self.pos.max(at + 1);
                }
                _ => return None,
            }
        }
    }

    /// After `BI`: the image dictionary up to `ID`, then the data up to `EI` standing
    /// alone (white space before and after it, or the end of the stream).
    fn skip_inline_image(&mut self) {
        let Some(id) = find_keyword(self.data, self.pos, b"ID") else {
            self.pos = self.data.len();
            return;
        };
        self.pos = match find_keyword(self.data, id + 2, b"EI") {
            Some(ei) => ei + 2,
            None => self.data.len(),
        };
    }
}

/// vanban: an object of the file read leniently (what follows `N G obj`, up to
/// `endobj`): a dictionary entry whose key or value is damaged is dropped, not the
/// object, as poppler reads it. A stream keeps its bytes up to `endstream`.
pub fn lenient_object(body: &[u8]) -> Option<Object> {
    let mut lx = Lexer { data: body, pos: 0, skipped: 0, short: 0, lenient: true };
    lx.skip_space();
    let Tok::Obj(first) = lx.value(0)? else { return None };
    let Object::Dictionary(dict) = first else { return Some(first) };
    lx.skip_space();
    if lx.peek() != Some(b's') || lx.word() != b"stream" {
        return Some(Object::Dictionary(dict));
    }
    let mut start = lx.pos;
    if body.get(start) == Some(&b'\r') {
        start += 1;
    }
    if body.get(start) == Some(&b'\n') {
        start += 1;
    }
    let rest = body.get(start..)?;
    let mut end = rest.windows(9).rposition(|w| w == b"endstream").unwrap_or(rest.len());
    if end > 0 && rest.get(end - 1) == Some(&b'\n') {
        end -= 1;
    }
    if end > 0 && rest.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    let mut stream = lopdf::Stream::new(dict, rest.get(..end)?.to_vec());
    stream.allows_compression = false;
    Some(Object::Stream(stream))
}

/// Where `kw` next stands alone as a word (white space or a delimiter around it).
fn find_keyword(data: &[u8], from: usize, kw: &[u8]) -> Option<usize> {
    let mut i = from;
    while i + kw.len() <= data.len() {
        if data.get(i..i + kw.len()) == Some(kw)
            && (i == 0 || data.get(i - 1).is_some_and(|&c| is_space(c)))
            && data.get(i + kw.len()).is_none_or(|&c| is_space(c) || is_delim(c))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A PDF number (`12`, `-3`, `.5`, `4.`, `+1.25`); `None` for a malformed one.
fn number(w: &[u8]) -> Option<Object> {
    let s = std::str::from_utf8(w).ok()?;
    if !s.contains('.') {
        if let Ok(i) = s.parse::<i64>() {
            return Some(Object::Integer(i));
        }
    }
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit() || c == b'.') || body.bytes().filter(|&c| c == b'.').count() > 1 || body == "." {
        return None;
    }
    s.parse::<f32>().ok().filter(|f| f.is_finite()).map(Object::Real)
}
