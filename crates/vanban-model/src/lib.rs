//! Plain data shared by every stage: the raw document readers produce, the normalized
//! document the normalizer produces, and the output contract (schema version 1).
//!
//! No logic lives here beyond small helpers; every stage depends on this crate and on
//! nothing else of the workspace except where a stage consumes another's output.
#![forbid(unsafe_code)]

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Schema version of the output contract (`../shared/CONTRACT.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// Input format, detected from content (magic bytes) first and the extension second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (any supported encoding).
    Text,
    /// Markdown (pipe tables, emphasis).
    Markdown,
    /// PDF with a text layer.
    Pdf,
    /// HTML, including Word-exported HTML.
    Html,
    /// Office Open XML word processing document.
    Docx,
    /// An image file (JPEG, PNG, TIFF, WebP), read by OCR.
    Image,
}

impl Format {
    /// The contract's name of the format.
    ///
    /// ```
    /// assert_eq!(vanban_model::Format::Markdown.as_str(), "markdown");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Image => "image",
        }
    }
}

/// A table as a reader or a table recognizer found it: rows of cell strings.
/// Spanned positions (rowspan/colspan) hold `""`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RawTable {
    /// Rows in reading order, header row(s) included.
    pub rows: Vec<Vec<String>>,
    /// 1-based page the table starts on, where known.
    pub page: Option<u32>,
}

/// One block of a raw document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// One physical line of text as the source laid it out (may be a wrapped fragment).
    Line(String),
    /// A whole paragraph known to be complete (HTML `<p>`, DOCX `<w:p>`): never joined
    /// to its neighbours by line-wrap repair.
    Paragraph(String),
    /// A table.
    Table(RawTable),
    /// A page boundary (PDF form feed, page break).
    PageBreak,
}

/// Where a block came from in the input, for the offset map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputPos {
    /// Byte offset into the decoded input (for text inputs: the input bytes when UTF-8).
    pub byte: usize,
    /// 1-based line number in the input (0 when the format has no lines).
    pub line: usize,
}

/// What a reader returns: the document as blocks, before any normalization.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RawDocument {
    /// Detected format; `None` only for an empty default.
    pub format: Option<Format>,
    /// Number of pages, where the format has pages.
    pub pages: Option<u32>,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Input position of each block (same length as `blocks`, or empty when unknown).
    pub positions: Vec<InputPos>,
    /// Name of the encoding the text was decoded from (e.g. "UTF-8", "windows-1258", "TCVN3").
    pub encoding: Option<String>,
    /// Notes on anything guessed while reading.
    pub warnings: Vec<String>,
    /// Pages read by OCR, where any were.
    pub ocr: Option<OcrInfo>,
    /// Footnotes taken out of the page bodies (PDF footnote areas), in order. Their markers
    /// stay in the body text as `[marker]` right after the word they annotate.
    #[serde(default)]
    pub footnotes: Vec<RawFootnote>,
}

/// A footnote as a reader found it: the marker printed before it and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RawFootnote {
    /// The marker ("1", "2", "*") without brackets.
    pub marker: String,
    /// The note's text, lines joined.
    pub text: String,
    /// 1-based page the note is printed on, where known.
    pub page: Option<u32>,
}

/// A half-open span of Unicode scalar (char) offsets into a text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First char offset.
    pub start: usize,
    /// One past the last char offset.
    pub end: usize,
}

impl Span {
    /// Build a span.
    ///
    /// ```
    /// let s = vanban_model::Span::new(2, 5);
    /// assert_eq!(s.len(), 3);
    /// ```
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Length in chars.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A table after normalization, with the span its rendering occupies in the text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NormTable {
    /// Cells, NFC, whitespace collapsed. First row is the header as read (may be a group
    /// row when the reader could not tell).
    pub rows: Vec<Vec<String>>,
    /// Where the table's lines sit in the normalized text (char offsets).
    pub span: Span,
    /// 1-based page the table starts on, where known.
    pub page: Option<u32>,
}

/// One anchor of the offset map: normalized char offset `norm` starts at input `input`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetAnchor {
    /// Char offset in the normalized text.
    pub norm: usize,
    /// Position in the input.
    pub input: InputPos,
}

/// The normalizer's output: what every extractor reads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NormalizedDocument {
    /// The normalized text: NFC, one tone-mark style, wraps repaired, furniture removed.
    /// One paragraph per line; table rows rendered as `| a | b |` lines.
    pub text: String,
    /// Tables the reader delivered (markdown, HTML, DOCX, PDF layout), in order.
    pub tables: Vec<NormTable>,
    /// Anchors mapping normalized offsets back to the input, sorted by `norm`.
    pub offsets: Vec<OffsetAnchor>,
    /// Format of the input.
    pub format: Option<Format>,
    /// Pages, where known.
    pub pages: Option<u32>,
    /// Notes from reading and normalizing.
    pub warnings: Vec<String>,
    /// Footnotes, rendered at the end of `text` as `[marker] text` lines.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
}

impl NormalizedDocument {
    /// Map a normalized char offset back to the input position of the block it came from.
    ///
    /// ```
    /// use vanban_model::*;
    /// let d = NormalizedDocument {
    ///     offsets: vec![OffsetAnchor { norm: 0, input: InputPos { byte: 0, line: 1 } },
    ///                   OffsetAnchor { norm: 10, input: InputPos { byte: 12, line: 3 } }],
    ///     ..Default::default()
    /// };
    /// assert_eq!(d.input_pos(11).unwrap().line, 3);
    /// ```
    pub fn input_pos(&self, norm: usize) -> Option<InputPos> {
        let i = self.offsets.partition_point(|a| a.norm <= norm);
        if i == 0 {
            None
        } else {
            Some(self.offsets[i - 1].input)
        }
    }
}

// ---------------------------------------------------------------------------
// Output contract, schema version 1
// ---------------------------------------------------------------------------

/// `source` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Path as given on the command line ("-" for stdin).
    pub path: String,
    /// "text" | "markdown" | "pdf" | "html" | "docx" | "image".
    pub format: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    /// Page count, null where the format has no pages.
    pub pages: Option<u32>,
    /// Encoding the text was decoded from (extra field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Only part of a damaged input could be read (a PDF cut short): a warning starting
    /// "partial:" says which pages are missing (extra field, written only when true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Pages read by OCR (scans, image files), absent when none was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<OcrInfo>,
}

/// `source.ocr`: how the pages without a usable text layer were read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct OcrInfo {
    /// The OCR engine ("tesseract").
    pub engine: String,
    /// Its version ("5.3.0").
    pub version: String,
    /// Language models used ("vie").
    pub languages: Vec<String>,
    /// 1-based pages read by OCR.
    pub pages: Vec<u32>,
    /// Mean word confidence over those pages, 0–100.
    pub mean_confidence: f64,
}

/// Who signed the document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    /// Full name.
    pub name: Option<String>,
    /// Position ("Phó Chủ tịch", "Bí thư").
    pub position: Option<String>,
}

/// `metadata` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    /// Kind of document: "Kế hoạch", "Báo cáo", …
    pub doc_type: Option<String>,
    /// The document's own number, whitespace removed ("251/KH-UBND").
    pub doc_number: Option<String>,
    /// Issuing body with abbreviations expanded.
    pub issuer: Option<String>,
    /// Province the document is about/from, as the document names it.
    pub province: Option<String>,
    /// Province after the 1 July 2025 reorganisation.
    pub province_2025: Option<String>,
    /// ISO 8601 issue date.
    pub date: Option<String>,
    /// Title ("Về việc …").
    pub title: Option<String>,
    /// Signer.
    pub signer: Option<Signer>,
    /// Place of issue ("Kiên Giang") — extra field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Recipients from "Nơi nhận:" — extra field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
}

/// A char span in `text` (contract `mentions[]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// First char offset.
    pub start: usize,
    /// One past the last char offset.
    pub end: usize,
}

/// One referenced document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Symbol as officially written ("20-NQ/TW"), null for unnumbered references.
    pub number: Option<String>,
    /// Kind ("Nghị quyết", "Quyết định", …).
    pub kind: Option<String>,
    /// ISO date, null when no mention gives it.
    pub date: Option<String>,
    /// Issuer, null when not stated and not implied by the symbol.
    pub issuer: Option<String>,
    /// Subject ("về …"), when present.
    pub title: Option<String>,
    /// Name of an unnumbered reference ("Luật Hợp tác xã năm 2012").
    pub name: Option<String>,
    /// "basis" | "implements" | "cites".
    pub relation: String,
    /// Every place the document names it.
    pub mentions: Vec<Mention>,
    /// Identity of the cited document (extra field), grammar
    /// `NUMBER ["@" WHEN] ["~" PLACE]`: `20-NQ/TW@2022-06-16`, `20-NQ/TW@2022` (only the
    /// year known), `20-NQ/TW@2021..2026` (only the term known), `15/KH-UBND@2023-03-10~quang-nam`
    /// (a local body's symbol: the issuing province), or the bare number when the date is
    /// open (then `ambiguous` is true). NUMBER is the symbol without spaces, dashes unified
    /// and the serial's leading zeros dropped. Null for unnumbered references.
    #[serde(default)]
    pub id: Option<String>,
    /// True when the document alone cannot tell which document of that number is meant
    /// (no date, year or term) — extra field.
    #[serde(default)]
    pub ambiguous: bool,
    /// When ambiguous: the ids this document itself gives for the same number (other
    /// references of that number), else empty — extra field.
    #[serde(default)]
    pub candidates: Vec<String>,
    /// For an unnumbered reference whose name is a code, law, ordinance or the Constitution
    /// of the laws table: the version meant, with the rule that chose it (extra field,
    /// absent when not resolved). `number` above stays null: the document did not print it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved>,
}

/// The version of a law cited by name alone (`references[].resolved`, an extra field).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Resolved {
    /// The version's number ("17/2023/QH15"); null when it has none (the Constitution).
    pub number: Option<String>,
    /// ISO date the version was passed.
    pub date: Option<String>,
    /// Where the answer comes from: "laws-table" (vanban-refs `data/laws.tsv`).
    pub source: String,
    /// Why this version: "year in the name: 2012", "latest version passed on or before
    /// 2024-05-10 (the citing document's date)", "the only version (citing document
    /// undated)".
    pub rule: String,
}

/// One footnote (contract `footnotes[]`, an extra field). Footnotes are taken out of the
/// page bodies and rendered at the end of `text`, one line each, as `[marker] text`
/// (`start`..`end`); in the body the marker stays as `[marker]` glued to the word it
/// annotates (`ref_start`..`ref_end`), so it never runs into a number ("42/2024/QH15[1]").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Footnote {
    /// The marker as printed ("1", "2", "*"), without brackets.
    pub marker: String,
    /// The note's text (without the marker).
    pub text: String,
    /// 1-based page the note is printed on.
    pub page: Option<u32>,
    /// Char offset of the note's line (`[marker] text`) in `text`.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Char offset of the `[marker]` in the body, null when the body's marker was not found.
    pub ref_start: Option<usize>,
    /// One past the body marker's last char.
    pub ref_end: Option<usize>,
}

/// One quantified goal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// What is counted or measured.
    pub metric: String,
    /// The value.
    pub value: f64,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// Unit ("%", "hợp tác xã", …).
    pub unit: Option<String>,
    /// "eq" | "min" | "max" | "approx" | "range".
    pub comparator: String,
    /// Deadline year.
    pub year: Option<i32>,
    /// Period ("2021-2025", "hàng năm").
    pub period: Option<String>,
    /// Start char offset of the span the goal was read from.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
    /// "text" | "table".
    pub source: String,
}

/// A table in the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Body rows (group and continuation rows included).
    pub rows: Vec<Vec<String>>,
    /// 1-based page where the table starts (extra field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The heading or caption line right above the table ("III. UBND tỉnh Nghệ An",
    /// "Biểu 01 …", "Phụ lục II", "Bảng 2. …"), or a title row the table printed above its
    /// header; absent when a paragraph or nothing sits there (extra field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// One assignment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    /// Row label as printed.
    pub stt: Option<String>,
    /// Section row the task sits under.
    pub group: Option<String>,
    /// The task text.
    pub task: String,
    /// Lead agencies.
    pub lead: Vec<String>,
    /// Partner agencies.
    pub partners: Vec<String>,
    /// Expected result.
    pub result: Option<String>,
    /// Deadline as printed.
    pub deadline: Option<String>,
    /// "table" | "prose".
    pub source: String,
}

/// The whole output for one document (contract schema version 1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Always 1.
    pub schema_version: u32,
    /// Identity of the document itself (extra field), the grammar of [`Reference::id`]
    /// built from its own number, date and province; null without a number.
    #[serde(default)]
    pub id: Option<String>,
    /// Input facts.
    pub source: Source,
    /// Document metadata.
    pub metadata: Metadata,
    /// Normalized text.
    pub text: String,
    /// Referenced documents.
    pub references: Vec<Reference>,
    /// Quantified goals.
    pub targets: Vec<Target>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Assignments.
    pub tasks: Vec<Task>,
    /// Notes on guesses and skips.
    pub warnings: Vec<String>,
    /// Footnotes (extra field): marker, text, page, and where note and marker sit in `text`.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
}

/// Count chars of `s` (helper for char offsets).
///
/// ```
/// assert_eq!(vanban_model::char_len("Hòa"), 3);
/// ```
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Convert byte offsets of `text` into char offsets, for many sorted-or-not offsets at once.
/// Offsets must lie on char boundaries.
///
/// ```
/// let t = "Số: 251";
/// assert_eq!(vanban_model::CharIndex::new(t).char_at(t.find('2').unwrap()), 4);
/// ```
pub struct CharIndex {
    /// byte offset of every char start, plus the text length.
    starts: Vec<usize>,
}

impl CharIndex {
    /// Index a text.
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }
    /// Char offset of a byte offset (the char containing it when not on a boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// Byte offset of a char offset (text length when past the end).
    pub fn byte_at(&self, ch: usize) -> usize {
        self.starts
            .get(ch)
            .copied()
            .unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }
}

/// Rewrite a regex pattern for the text vanban reads: `\d` as ASCII `[0-9]` (`0-9` inside a
/// class), and the letter classes `\p{L}`, `\p{Lu}`, `\p{Ll}`, `\p{M}` as the same classes
/// restricted to the Latin-script blocks Vietnamese is written in (Basic Latin, Latin-1,
/// Latin Extended-A and -B, the combining diacritics, Latin Extended Additional; `\p{Lu}`
/// and `\p{Ll}` further to Latin-1 and the Vietnamese letters, see `in_cased_set`).
/// Documents use ASCII digits only and Latin letters only in the places these patterns
/// look; the Unicode-wide classes (60+ ranges for `\d`, 650 for `\p{Lu}`) make every regex
/// that uses them slower to build, and regex compilation is most of a small document's
/// start-up. The extractors pass their patterns through this before compiling.
///
/// ```
/// assert_eq!(vanban_model::ascii_digits(r"\d{1,5}/[\p{L}\d]+\\d"), format!(r"[0-9]{{1,5}}/[{}0-9]+\\d", vanban_model::latin_class("L")));
/// let re = regex::Regex::new(&vanban_model::ascii_digits(r"^\p{Lu}[\p{Ll}\p{M}]*$")).unwrap();
/// assert!(re.is_match("Đường") && re.is_match("Ưu") && re.is_match("Ê") && !re.is_match("đường"));
/// ```
pub fn ascii_digits(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = 0usize;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(if in_class > 0 { "0-9" } else { "[0-9]" }),
                Some('p') if rest_starts_with_class(chars.as_str()) => {
                    let (name, rest) = chars.as_str()[1..].split_once('}').unwrap_or(("", ""));
                    let class = latin_class(name);
                    if in_class > 0 {
                        out.push_str(class);
                    } else {
                        out.push('[');
                        out.push_str(class);
                        out.push(']');
                    }
                    chars = rest.chars();
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a pattern continues with one of the classes [`latin_class`] knows (`{L}` …).
fn rest_starts_with_class(rest: &str) -> bool {
    ["{L}", "{Lu}", "{Ll}", "{M}"]
        .iter()
        .any(|c| rest.starts_with(c))
}

/// The ranges (for inside a `[…]`) of `\p{L}`, `\p{Lu}`, `\p{Ll}` or `\p{M}` restricted to
/// the Latin-script blocks Vietnamese is written in, built once from the standard
/// library's character properties; any other name gives an empty string.
pub fn latin_class(name: &str) -> &'static str {
    use std::sync::OnceLock;
    static CLASSES: OnceLock<[String; 4]> = OnceLock::new();
    let [l, lu, ll, m] = CLASSES.get_or_init(|| {
        let mark = |c: char| ('\u{0300}'..='\u{036F}').contains(&c);
        [
            ranges(|c| c.is_alphabetic() && !mark(c)),
            ranges(|c| c.is_uppercase() && in_cased_set(c)),
            ranges(|c| c.is_lowercase() && in_cased_set(c)),
            ranges(mark),
        ]
    });
    match name {
        "L" => l,
        "Lu" => lu,
        "Ll" => ll,
        "M" => m,
        _ => "",
    }
}

/// The letters `\p{Lu}` and `\p{Ll}` keep: Basic Latin and Latin-1 (French, German
/// names), the Vietnamese letters outside them (Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư) and the Vietnamese
/// block of Latin Extended Additional (Ạ … ỹ). Case alternates letter by letter in Latin
/// Extended-A, -B and Additional: each one a range of its own, the whole blocks made the
/// two classes 270 ranges each and every pattern with a capitalised word 3× slower to
/// build.
fn in_cased_set(c: char) -> bool {
    c <= '\u{FF}'
        || matches!(
            c,
            'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
        )
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// The characters of the Latin-script blocks that satisfy `pred`, as class ranges.
fn ranges(pred: impl Fn(char) -> bool) -> String {
    const BLOCKS: [(char, char); 3] = [
        ('\u{0041}', '\u{024F}'),
        ('\u{0300}', '\u{036F}'),
        ('\u{1E00}', '\u{1EFF}'),
    ];
    let mut out = String::new();
    let push = |out: &mut String, (a, b): (char, char)| {
        out.push(a);
        if a != b {
            out.push('-');
            out.push(b);
        }
    };
    for (lo, hi) in BLOCKS {
        let mut run: Option<(char, char)> = None;
        for c in (lo..=hi).filter(|&c| pred(c)) {
            run = match run {
                Some((a, b)) if u32::from(b) + 1 == u32::from(c) => Some((a, c)),
                Some(r) => {
                    push(&mut out, r);
                    Some((c, c))
                }
                None => Some((c, c)),
            };
        }
        if let Some(r) = run {
            push(&mut out, r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowed_letter_classes_agree_with_unicode_on_vietnamese() {
        let lower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz";
        let upper: String = lower.chars().flat_map(char::to_uppercase).collect();
        let text = format!(
            "{lower}{upper}çéèüößÇÉÈÜÖ0123456789 -/.,;:()\u{300}\u{301}\u{303}\u{309}\u{323}"
        );
        for class in ["L", "Lu", "Ll", "M"] {
            let unicode = regex::Regex::new(&format!(r"^\p{{{class}}}$")).unwrap();
            let narrowed = regex::Regex::new(&ascii_digits(&format!(r"^\p{{{class}}}$"))).unwrap();
            let negated =
                regex::Regex::new(&ascii_digits(&format!(r"^[^\p{{{class}}}]$"))).unwrap();
            for c in text.chars() {
                let s = c.to_string();
                assert_eq!(unicode.is_match(&s), narrowed.is_match(&s), "{class} {c:?}");
                assert_eq!(
                    unicode.is_match(&s),
                    !negated.is_match(&s),
                    "[^{class}] {c:?}"
                );
            }
        }
        // other names and escapes pass through
        assert_eq!(ascii_digits(r"\p{Greek}\pL\\p{L}"), r"\p{Greek}\pL\\p{L}");
    }

    #[test]
    fn ascii_digits_keeps_other_escapes() {
        assert_eq!(ascii_digits(r"^\d{1,2}\.\s+\S"), r"^[0-9]{1,2}\.\s+\S");
        assert_eq!(ascii_digits(r"[^,\d]+"), r"[^,0-9]+");
        assert_eq!(ascii_digits(r"\[\d\]"), r"\[[0-9]\]");
        assert_eq!(ascii_digits(r"(?:19|20)\d\d\b"), r"(?:19|20)[0-9][0-9]\b");
    }

    #[test]
    fn char_index_round_trip() {
        let t = "Ủy ban nhân dân tỉnh Kiên Giang";
        let ix = CharIndex::new(t);
        for (ci, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.char_at(b), ci);
            assert_eq!(ix.byte_at(ci), b);
        }
        assert_eq!(ix.byte_at(10_000), t.len());
    }

    #[test]
    fn contract_names_serialize() {
        let d = Document {
            schema_version: SCHEMA_VERSION,
            ..Default::default()
        };
        let v = serde_json::to_value(&d).unwrap();
        for k in [
            "schema_version",
            "id",
            "source",
            "metadata",
            "text",
            "references",
            "targets",
            "tables",
            "tasks",
            "warnings",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert!(v["metadata"].get("province_2025").is_some());
        let r = serde_json::to_value(Reference::default()).unwrap();
        for k in ["id", "ambiguous", "candidates"] {
            assert!(r.get(k).is_some(), "missing references[].{k}");
        }
        // contract JSON written before identities still reads
        let old: Reference = serde_json::from_str(r#"{"number":"20-NQ/TW","kind":null,"date":null,"issuer":null,"title":null,"name":null,"relation":"cites","mentions":[]}"#).unwrap();
        assert_eq!(old.id, None);
        assert!(!old.ambiguous);
        assert!(v["source"].get("pages").is_some());
    }
}
