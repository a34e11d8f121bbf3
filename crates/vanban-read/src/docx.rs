//! DOCX reader: paragraphs, headings and tables of `word/document.xml` into a raw document.
//!
//! * Paragraphs (`w:p`) become [`Block::Paragraph`]; a manual line break (`w:br`) inside a
//!   paragraph starts a new paragraph (Word users break header lines that way).
//! * Automatic list numbers (`w:numPr` with `word/numbering.xml`) are rendered as text
//!   ("1.", "a)", "II.", "-"), since the outline of a plan depends on them.
//! * Tables (`w:tbl`) become [`Block::Table`]; `w:gridSpan` and `w:vMerge` cells hold their
//!   text once and `""` in the spanned positions; `w:gridBefore`/`w:gridAfter` pad rows.
//!   A table without borders of at most three columns (the document header with the
//!   national motto, the signature block) is layout, not data: it is read column by
//!   column as paragraphs. Nested tables are flattened into their cell's text.
//! * Deleted revisions (`w:delText`), field codes (`w:instrText`) and the fallback copy
//!   of alternate content (`mc:Fallback`) are skipped.
#![forbid(unsafe_code)]

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use vanban_model::{Block, Format, InputPos, RawDocument, RawTable};

/// Largest uncompressed XML part read (a zip bomb stops here).
const MAX_PART: u64 = 256 << 20;

/// Read a DOCX file (the bytes of the zip container).
///
/// ```
/// let err = vanban_read::docx::read_docx(b"not a zip").unwrap_err();
/// assert!(err.contains("zip"));
/// ```
pub fn read_docx(bytes: &[u8]) -> Result<RawDocument, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a zip container: {e}"))?;
    let main = main_part_name(&mut zip);
    let xml = read_part(&mut zip, &main)?
        .ok_or_else(|| format!("no {main} in the container: not a Word document"))?;
    let numbering = match read_part(&mut zip, "word/numbering.xml") {
        Ok(Some(n)) => Numbering::parse(&n),
        _ => Numbering::default(),
    };
    let mut doc = parse_document(&xml, numbering)?;
    doc.format = Some(Format::Docx);
    Ok(doc)
}

fn read_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot open {name}: {e}")),
    };
    let mut out = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot inflate {name}: {e}"))?;
    if out.len() as u64 > MAX_PART {
        return Err(format!(
            "{name} is larger than {} MB uncompressed",
            MAX_PART >> 20
        ));
    }
    Ok(Some(out))
}

/// The main document part named by `_rels/.rels`, else `word/document.xml`.
fn main_part_name<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> String {
    let fallback = "word/document.xml".to_string();
    let Ok(Some(rels)) = read_part(zip, "_rels/.rels") else {
        return fallback;
    };
    let mut reader = Reader::from_reader(rels.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let ty = attr(&e, b"Type").unwrap_or_default();
                if ty.ends_with("/officeDocument") {
                    if let Some(t) = attr(&e, b"Target") {
                        return t.trim_start_matches('/').to_string();
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return fallback,
            _ => {}
        }
        buf.clear();
    }
}

/// The value of an attribute by local name.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

// ---------------------------------------------------------------------------
// Numbering
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// Automatic numbering definitions and running counters.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId -> levels
    abstracts: HashMap<String, Vec<Level>>,
    /// numId -> abstractNumId
    nums: HashMap<String, String>,
    /// abstractNumId -> counters per level
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &[u8]) -> Self {
        let mut n = Numbering::default();
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut cur_abs: Option<String> = None;
        let mut cur_num: Option<String> = None;
        let mut cur_lvl: Option<usize> = None;
        while let Ok(ev) = reader.read_event_into(&mut buf) {
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                    b"abstractNum" => cur_abs = attr(e, b"abstractNumId"),
                    b"lvl" => {
                        cur_lvl = attr(e, b"ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l: &usize| l < 9);
                    }
                    b"num" => cur_num = attr(e, b"numId"),
                    b"abstractNumId" => {
                        if let (Some(num), Some(v)) = (&cur_num, attr(e, b"val")) {
                            n.nums.insert(num.clone(), v);
                        }
                    }
                    b"numFmt" | b"lvlText" | b"start" => {
                        if let (Some(a), Some(l)) = (&cur_abs, cur_lvl) {
                            let levels = n.abstracts.entry(a.clone()).or_default();
                            if levels.len() <= l {
                                levels.resize(
                                    l + 1,
                                    Level {
                                        start: 1,
                                        ..Default::default()
                                    },
                                );
                            }
                            if let (Some(level), Some(v)) = (levels.get_mut(l), attr(e, b"val")) {
                                match e.local_name().as_ref() {
                                    b"numFmt" => level.fmt = v,
                                    b"lvlText" => level.text = v,
                                    _ => level.start = v.parse().unwrap_or(1),
                                }
                            }
                        }
                    }
                    _ => {}
                },
                Event::End(ref e) => match e.local_name().as_ref() {
                    b"abstractNum" => cur_abs = None,
                    b"num" => cur_num = None,
                    b"lvl" => cur_lvl = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        n
    }

    /// The label of the next paragraph numbered `num_id` at level `ilvl` ("" when unknown).
    fn next_label(&mut self, num_id: &str, ilvl: usize) -> String {
        if num_id == "0" {
            return String::new();
        }
        let Some(abs) = self.nums.get(num_id).cloned() else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(&abs) else {
            return String::new();
        };
        let Some(level) = levels.get(ilvl) else {
            return String::new();
        };
        let counters = self
            .counters
            .entry(abs.clone())
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        if counters.len() < levels.len() {
            counters.resize(levels.len(), 0);
        }
        if let Some(c) = counters.get_mut(ilvl) {
            *c = c.saturating_add(1);
        }
        // deeper levels restart
        for (d, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            *c = levels
                .get(d)
                .map(|l| l.start.saturating_sub(1))
                .unwrap_or(0);
        }
        if level.fmt == "bullet" {
            let b = level.text.trim();
            // symbol-font bullets (private use area) read as a dash
            return if b.is_empty()
                || b.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
                || b == "•"
            {
                "-".into()
            } else {
                b.to_string()
            };
        }
        if level.fmt == "none" {
            return level.text.trim().to_string();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1);
                    let value = counters.get(l).copied().unwrap_or(1).max(1);
                    let fmt = levels.get(l).map(|x| x.fmt.as_str()).unwrap_or("decimal");
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        out.trim().to_string()
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Vietnamese lists use the Latin alphabet with đ after d: a, b, c, d, đ, e, …
fn letter(n: u32) -> String {
    const L: [&str; 24] = [
        "A", "B", "C", "D", "Đ", "E", "G", "H", "I", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
        "T", "U", "V", "X", "Y", "Z",
    ];
    let i = (n.max(1) - 1) as usize;
    let base = L.get(i % L.len()).copied().unwrap_or("A");
    base.repeat(i / L.len() + 1)
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct Cell {
    /// Paragraph lines of the cell.
    lines: Vec<String>,
    span: usize,
    vmerge: VMerge,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<(usize, Vec<Cell>, usize)>, // (gridBefore, cells, gridAfter)
    row: Option<(usize, Vec<Cell>, usize)>,
    cell: Option<Cell>,
    bordered: bool,
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: usize,
}

struct State {
    blocks: Vec<Block>,
    tables: Vec<Table>,
    paras: Vec<Para>,
    in_text: bool,
    skip_depth: usize,
    border_depth: usize,
    numbering: Numbering,
}

impl State {
    /// Deliver finished paragraph lines to the innermost open cell, or the body.
    fn deliver(&mut self, lines: Vec<String>) {
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.lines.extend(lines);
        } else {
            self.blocks.extend(lines.into_iter().map(Block::Paragraph));
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let mut text = p.text;
        if let Some(num) = p.num_id {
            let label = self.numbering.next_label(&num, p.ilvl);
            if !label.is_empty() && !text.trim().is_empty() {
                text = format!("{label} {}", text.trim_start());
            }
        }
        let lines: Vec<String> = text
            .split('\n')
            .map(collapse)
            .filter(|s| !s.is_empty())
            .collect();
        self.deliver(lines);
    }

    fn end_table(&mut self) {
        let Some(mut t) = self.tables.pop() else {
            return;
        };
        if let Some(row) = t.row.take() {
            t.rows.push(row);
        }
        let grid = build_grid(&mut t.rows);
        let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
        if grid.is_empty() {
            return;
        }
        if !self.tables.is_empty() {
            // nested: flatten into the enclosing cell
            let lines: Vec<String> = grid
                .into_iter()
                .flatten()
                .filter(|c| !c.is_empty())
                .collect();
            self.deliver(lines);
        } else if !t.bordered && cols <= 3 {
            // layout table: column by column, one paragraph per line
            for c in 0..cols {
                for row in &t.rows {
                    if let Some(cell) = cell_at(&row.1, row.0, c) {
                        if cell.vmerge != VMerge::Continue {
                            self.blocks
                                .extend(cell.lines.iter().cloned().map(Block::Paragraph));
                        }
                    }
                }
            }
        } else {
            self.blocks.push(Block::Table(RawTable {
                rows: grid,
                page: None,
            }));
        }
    }
}

/// The cell starting at grid column `c` of a row (with `before` skipped grid columns).
fn cell_at(cells: &[Cell], before: usize, c: usize) -> Option<&Cell> {
    let mut col = before;
    for cell in cells {
        if col == c {
            return Some(cell);
        }
        col += cell.span.max(1);
        if col > c {
            return None;
        }
    }
    None
}

/// Rows of strings from rows of cells: spans and vertical merges become `""`.
fn build_grid(rows: &mut [(usize, Vec<Cell>, usize)]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for (before, cells, after) in rows.iter() {
        let mut row: Vec<String> = vec![String::new(); *before];
        for cell in cells {
            let text = if cell.vmerge == VMerge::Continue {
                String::new()
            } else {
                cell.lines.join(" ")
            };
            row.push(text);
            for _ in 1..cell.span.clamp(1, 64) {
                row.push(String::new());
            }
        }
        row.resize(row.len() + (*after).min(64), String::new());
        grid.push(row);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut grid {
        r.resize(width, String::new());
    }
    grid.retain(|r| r.iter().any(|c| !c.is_empty()));
    grid
}

/// Collapse whitespace runs to one space and trim.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn int_attr(e: &BytesStart) -> usize {
    attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn parse_document(xml: &[u8], numbering: Numbering) -> Result<RawDocument, String> {
    let mut st = State {
        blocks: Vec::new(),
        tables: Vec::new(),
        paras: Vec::new(),
        in_text: false,
        skip_depth: 0,
        border_depth: 0,
        numbering,
    };
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_body = false;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "bad XML in the document part at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        let (start, empty) = match &ev {
            Event::Start(_) => (true, false),
            Event::Empty(_) => (true, true),
            _ => (false, false),
        };
        if st.skip_depth > 0 {
            match &ev {
                Event::Start(_) => st.skip_depth += 1,
                Event::End(_) => st.skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
            continue;
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) if start => {
                let name = e.name();
                let local = e.local_name();
                match local.as_ref() {
                    b"body" => in_body = true,
                    b"Fallback" | b"delText" | b"instrText" | b"del" | b"moveFrom" if !empty => {
                        st.skip_depth = 1;
                    }
                    b"p" if name.as_ref() != b"a:p" => {
                        if empty {
                            // an empty paragraph: nothing to deliver
                        } else {
                            st.paras.push(Para::default());
                        }
                    }
                    b"t" if name.as_ref() != b"a:t" => st.in_text = !empty,
                    b"tab" | b"ptab" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.text.push(' ');
                        }
                    }
                    b"br" | b"cr" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.text.push('\n');
                        }
                    }
                    b"noBreakHyphen" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.text.push('-');
                        }
                    }
                    // an optional hyphen: kept as U+00AD, which the normalizer drops; in a
                    // document typed in a TCVN3 font it is the letter ư (code 0xAD)
                    b"softHyphen" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.text.push('\u{AD}');
                        }
                    }
                    b"numId" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.num_id = attr(e, b"val");
                        }
                    }
                    b"ilvl" => {
                        if let Some(p) = st.paras.last_mut() {
                            p.ilvl = int_attr(e).min(8);
                        }
                    }
                    b"tbl" if !empty => st.tables.push(Table::default()),
                    b"tr" if !empty => {
                        if let Some(t) = st.tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.rows.push(row);
                            }
                            t.row = Some((0, Vec::new(), 0));
                        }
                    }
                    b"gridBefore" | b"gridAfter" => {
                        let n = int_attr(e).min(64);
                        if let Some((before, _, after)) =
                            st.tables.last_mut().and_then(|t| t.row.as_mut())
                        {
                            if local.as_ref() == b"gridBefore" {
                                *before = n;
                            } else {
                                *after = n;
                            }
                        }
                    }
                    b"tc" if !empty => {
                        if let Some(t) = st.tables.last_mut() {
                            t.cell = Some(Cell {
                                lines: Vec::new(),
                                span: 1,
                                vmerge: VMerge::None,
                            });
                        }
                    }
                    b"gridSpan" => {
                        if let Some(c) = st.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.span = int_attr(e).clamp(1, 64);
                        }
                    }
                    b"vMerge" => {
                        if let Some(c) = st.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.vmerge = match attr(e, b"val").as_deref() {
                                Some("restart") => VMerge::Restart,
                                _ => VMerge::Continue,
                            };
                        }
                    }
                    b"tblBorders" | b"tcBorders" if !empty => st.border_depth += 1,
                    b"top" | b"bottom" | b"left" | b"right" | b"start" | b"end" | b"insideH"
                    | b"insideV"
                        if st.border_depth > 0 =>
                    {
                        let v = attr(e, b"val").unwrap_or_default();
                        if !matches!(v.as_str(), "nil" | "none" | "") {
                            if let Some(t) = st.tables.last_mut() {
                                t.bordered = true;
                            }
                        }
                    }
                    b"tblStyle" => {
                        let v = attr(e, b"val").unwrap_or_default().to_lowercase();
                        if v.contains("grid")
                            || v.contains("bang")
                            || v.contains("table") && !v.contains("normal")
                        {
                            if let Some(t) = st.tables.last_mut() {
                                t.bordered = true;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if st.in_text => {
                let s = t
                    .unescape()
                    .map_err(|e| format!("bad text in the document part: {e}"))?;
                if let Some(p) = st.paras.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Event::CData(ref t) if st.in_text => {
                if let Some(p) = st.paras.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::End(ref e) => {
                let name = e.name();
                match e.local_name().as_ref() {
                    b"t" => st.in_text = false,
                    b"p" if name.as_ref() != b"a:p" => st.end_paragraph(),
                    b"tc" => {
                        if let Some(t) = st.tables.last_mut() {
                            if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                                row.1.push(cell);
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(t) = st.tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.rows.push(row);
                            }
                        }
                    }
                    b"tbl" => st.end_table(),
                    b"tblBorders" | b"tcBorders" => {
                        st.border_depth = st.border_depth.saturating_sub(1)
                    }
                    b"body" => in_body = false,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let _ = in_body;
    // unterminated elements (a truncated part): deliver what was read
    while !st.paras.is_empty() {
        st.end_paragraph();
    }
    while !st.tables.is_empty() {
        st.end_table();
    }
    let positions = (0..st.blocks.len()).map(|_| InputPos::default()).collect();
    Ok(RawDocument {
        format: Some(Format::Docx),
        blocks: st.blocks,
        positions,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            z.start_file("[Content_Types].xml", o).unwrap();
            z.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
            z.start_file("word/document.xml", o).unwrap();
            write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#).unwrap();
            if let Some(n) = numbering {
                z.start_file("word/numbering.xml", o).unwrap();
                write!(
                    z,
                    r#"<?xml version="1.0"?><w:numbering {NS}>{n}</w:numbering>"#
                )
                .unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn paragraphs(d: &RawDocument) -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }

    fn tables(d: &RawDocument) -> Vec<Vec<Vec<String>>> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.rows.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let body = format!(
            "{}<w:p><w:r><w:t>Kế </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>hoạch</w:t><w:tab/><w:t>số 5</w:t></w:r></w:p><w:p/>{}",
            p("KẾ HOẠCH"),
            "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t><w:br/><w:t>TỈNH X</w:t></w:r></w:p>"
        );
        let d = read_docx(&docx(&body, None)).unwrap();
        assert_eq!(d.format, Some(Format::Docx));
        assert_eq!(
            paragraphs(&d),
            ["KẾ HOẠCH", "Kế hoạch số 5", "ỦY BAN NHÂN DÂN", "TỈNH X"]
        );
        assert_eq!(d.positions.len(), d.blocks.len());
    }

    #[test]
    fn deleted_text_field_codes_and_fallback_skipped() {
        let body = concat!(
            "<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del>",
            "<w:r><w:instrText> PAGE </w:instrText></w:r>",
            "<mc:AlternateContent><mc:Choice><w:r><w:t> một</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> hai</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
        );
        let d = read_docx(&docx(body, None)).unwrap();
        assert_eq!(paragraphs(&d), ["giữ một"]);
    }

    #[test]
    fn bordered_table_with_grid_span_and_vmerge() {
        let tc =
            |props: &str, text: &str| format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text));
        let body = format!(
            "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr>\
             <w:tr>{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>",
            tc("<w:vMerge w:val=\"restart\"/>", "STT"),
            tc("<w:gridSpan w:val=\"2\"/>", "Cơ quan"),
            tc("", "Ghi chú"),
            tc("<w:vMerge/>", ""),
            tc("", "Chủ trì"),
            tc("", "Phối hợp"),
            tc("", ""),
            tc("", "1"),
            tc("", "Sở Tài chính"),
            tc("", "Sở Nội vụ"),
            tc("", "x"),
        );
        let d = read_docx(&docx(&body, None)).unwrap();
        assert_eq!(
            tables(&d),
            vec![vec![
                vec!["STT", "Cơ quan", "", "Ghi chú"],
                vec!["", "Chủ trì", "Phối hợp", ""],
                vec!["1", "Sở Tài chính", "Sở Nội vụ", "x"],
            ]]
        );
    }

    #[test]
    fn borderless_two_column_header_read_by_column() {
        let row =
            |a: &str, b: &str| format!("<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>", p(a), p(b));
        let body = format!(
            "<w:tbl><w:tblPr/>{}{}</w:tbl>{}",
            row("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            row("Số: 5/KH-UBND", "Hà Nội, ngày 1 tháng 2 năm 2024"),
            p("KẾ HOẠCH")
        );
        let d = read_docx(&docx(&body, None)).unwrap();
        assert!(tables(&d).is_empty());
        assert_eq!(
            paragraphs(&d),
            [
                "ỦY BAN NHÂN DÂN",
                "Số: 5/KH-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Hà Nội, ngày 1 tháng 2 năm 2024",
                "KẾ HOẠCH"
            ]
        );
    }

    #[test]
    fn automatic_numbering_rendered() {
        let numbering = concat!(
            "<w:abstractNum w:abstractNumId=\"1\">",
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>",
            "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>",
            "</w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/></w:num>"
        );
        let np = |lvl: u32, t: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let body = [
            np(0, "MỤC ĐÍCH"),
            np(1, "một"),
            np(1, "hai"),
            np(1, "ba"),
            np(1, "bốn"),
            np(1, "năm"),
            np(0, "NHIỆM VỤ"),
            np(1, "sáu"),
        ]
        .concat();
        let d = read_docx(&docx(&body, Some(numbering))).unwrap();
        assert_eq!(
            paragraphs(&d),
            [
                "I. MỤC ĐÍCH",
                "a) một",
                "b) hai",
                "c) ba",
                "d) bốn",
                "đ) năm",
                "II. NHIỆM VỤ",
                "a) sáu"
            ]
        );
    }

    #[test]
    fn not_a_docx() {
        assert!(read_docx(b"").is_err());
        assert!(read_docx(b"PK\x03\x04 truncated").is_err());
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(b"hi").unwrap();
            z.finish().unwrap();
        }
        let e = read_docx(&buf.into_inner()).unwrap_err();
        assert!(e.contains("not a Word document"), "{e}");
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        let bytes = docx("<w:p><w:r><w:t>a</w:x></w:r></w:p>", None);
        assert!(read_docx(&bytes).is_err());
    }

    #[test]
    fn fixture_table_with_merged_cells() {
        let bytes = include_bytes!("../../../fixtures/docx/table-merged-cells.docx");
        let d = read_docx(bytes).unwrap();
        let t = tables(&d);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0][0],
            ["STT", "Nhiệm vụ", "Cơ quan", "", "Thời gian hoàn thành"]
        );
        assert_eq!(t[0][1], ["", "", "Chủ trì", "Phối hợp", ""]);
        assert!(paragraphs(&d).iter().any(|p| p.starts_with("Ghi chú:")));
    }

    /// The string literals of the array under `key` in the fixture JSON (written by
    /// scripts/make-fixtures.sh with `json.dump`): enough JSON for a test.
    fn json_strings(json: &str, key: &str) -> Vec<String> {
        let Some(start) = json.find(&format!("\"{key}\": [")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut chars = json[start + key.len() + 5..].chars();
        let mut depth = 1;
        while let Some(c) = chars.next() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                '"' => {
                    let mut s = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '"' => break,
                            '\\' => match chars.next() {
                                Some('n') => s.push('\n'),
                                Some('t') => s.push('\t'),
                                Some('u') => {
                                    let hex: String = chars.by_ref().take(4).collect();
                                    s.extend(
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
                                    );
                                }
                                Some(o) => s.push(o),
                                None => {}
                            },
                            o => s.push(o),
                        }
                    }
                    out.push(s);
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_fixture_docx_gives_back_its_paragraphs_and_cells() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut n = 0;
        for e in std::fs::read_dir(root.join("docx")).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_stem().unwrap().to_str().unwrap().to_string();
            let d = read_docx(&std::fs::read(&p).unwrap()).unwrap();
            let json =
                std::fs::read_to_string(root.join(format!("pdf/source/{name}.expected.json")))
                    .unwrap();
            let got: std::collections::HashSet<String> = paragraphs(&d).into_iter().collect();
            let want = json_strings(&json, "paragraphs");
            let hit = want.iter().filter(|w| got.contains(&collapse(w))).count();
            let recall = hit as f64 / want.len().max(1) as f64;
            let missed: Vec<&String> = want
                .iter()
                .filter(|w| !got.contains(&collapse(w)))
                .take(3)
                .collect();
            assert!(
                recall >= 0.99,
                "{name}: paragraph recall {recall:.3}, missed {missed:?}"
            );
            let cells: Vec<String> = json_strings(&json, "tables")
                .iter()
                .map(|c| collapse(c))
                .filter(|c| !c.is_empty())
                .collect();
            let got_cells: Vec<String> = tables(&d)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(got_cells, cells, "{name}: table cells");
            n += 1;
        }
        assert!(n >= 5);
    }
}
