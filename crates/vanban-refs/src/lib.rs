//! Finds legal references (numbered symbols and named laws/resolutions) in normalized text and resolves every mention to one entry per document.
//!
//! Two stages, eyecite-style:
//! - **finding** ([`find`]): every citation — a kind word with an optional "số" and a
//!   symbol read by a grammar ([`symbol`]), a short form ("Nghị quyết 20"), or a name
//!   ([`named`]: "Luật Hợp tác xã năm 2012", "Nghị quyết Trung ương 5 khóa IX") — with
//!   the date ([`date`]), issuer ([`issuer`]) and subject printed after it;
//! - **resolving** ([`resolve`]): citations grouped into one entry per document, short
//!   forms and defined aliases attached to the full citation, the document's own number
//!   left out, and the relation (basis / implements / cites) read from the clause.
#![forbid(unsafe_code)]

pub mod corpus;
pub mod date;
pub mod find;
pub mod identity;
pub mod issuer;
pub mod kind;
pub mod laws;
pub mod named;
pub mod resolve;
pub mod symbol;

use std::collections::HashSet;
use vanban_model::{Mention, Reference};

use crate::find::{find_cites, Cite, Form};
use crate::resolve::{entry_issuer, relations, resolve, Entry, Rel};
use crate::symbol::{find_symbols, symbol_key};

/// Result of reference extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefsOutput {
    /// One entry per distinct referenced document.
    pub references: Vec<Reference>,
    /// Notes on guesses.
    pub warnings: Vec<String>,
}

fn own_keys(cites: &[Cite], own_number: Option<&str>) -> HashSet<String> {
    let mut own = HashSet::new();
    if let Some(n) = own_number {
        let syms = find_symbols(n.trim());
        match syms.first() {
            Some(s) => own.insert(symbol_key(&s.canonical)),
            None => own.insert(symbol_key(n.trim())),
        };
    }
    for c in cites.iter().filter(|c| c.header) {
        if let Form::Numbered(s) = &c.form {
            own.insert(symbol_key(&s.canonical));
        }
    }
    own
}

/// The document's own name when it is a law, code or ordinance: the kind line ("LUẬT",
/// "BỘ LUẬT", "PHÁP LỆNH") and the upper-case title lines under it, folded ("luật kinh tế
/// tập thể"). Its body names itself so ("Quốc hội ban hành Luật Kinh tế tập thể."): that
/// is the document, not a reference.
fn own_law_name(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().take(40).map(str::trim).collect();
    for (i, l) in lines.iter().enumerate() {
        let Some(kind) = ["BỘ LUẬT", "LUẬT", "PHÁP LỆNH"].into_iter().find(|k| {
            l.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        }) else {
            continue;
        };
        let mut title = l.get(kind.len()..).unwrap_or_default().trim().to_string();
        for t in lines.iter().skip(i + 1) {
            if t.is_empty() && title.is_empty() {
                continue;
            }
            if t.is_empty() || !vanban_meta::text::is_upper(t) {
                break;
            }
            title.push(' ');
            title.push_str(t);
        }
        if !title.is_empty() && vanban_meta::text::is_upper(&title) && !title.contains("SỐ") {
            return Some(vanban_meta::text::fold(&format!("{kind} {title}")));
        }
    }
    None
}

/// Byte offsets to char offsets in one forward sweep (no per-char index of the text).
struct ByteToChar {
    map: Vec<(usize, usize)>,
}

impl ByteToChar {
    fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let mut map = Vec::with_capacity(bytes.len());
        let (mut at, mut chars) = (0usize, 0usize);
        for b in bytes {
            chars += text.get(at..b).map_or(0, |s| s.chars().count());
            at = b;
            map.push((b, chars));
        }
        ByteToChar { map }
    }
    fn char_at(&self, b: usize) -> usize {
        self.map
            .binary_search_by_key(&b, |x| x.0)
            .ok()
            .and_then(|i| self.map.get(i))
            .map_or(0, |x| x.1)
    }
}

fn build(e: &Entry, cites: &[Cite], rels: &[Rel], ix: &ByteToChar) -> Reference {
    let mine: Vec<&Cite> = e.cites.iter().filter_map(|&i| cites.get(i)).collect();
    // the full citation (with a date) speaks for the entry, else the first one
    let primary = mine
        .iter()
        .find(|c| c.date.is_some() && !matches!(c.form, Form::Short(_)))
        .or(mine.first());
    let number = mine
        .iter()
        .find(|c| c.date.is_some() && matches!(c.form, Form::Numbered(_)))
        // a regulation's full printing ("QCVN 122:2024/BGTVT") over a bare one
        .or_else(|| {
            mine.iter()
                .find(|c| matches!(&c.form, Form::Numbered(s) if s.canonical.contains('/')))
        })
        .or_else(|| mine.iter().find(|c| matches!(c.form, Form::Numbered(_))))
        .and_then(|c| match &c.form {
            Form::Numbered(s) => Some(s.canonical.clone()),
            _ => None,
        });
    let kind = primary
        .filter(|c| c.kind_printed)
        .and_then(|c| c.kind)
        .or_else(|| {
            mine.iter()
                .find(|c| c.kind_printed && !matches!(c.form, Form::Short(_)))
                .and_then(|c| c.kind)
        })
        .or_else(|| mine.iter().find_map(|c| c.kind));
    let name = if number.is_none() {
        // the fullest printing of the name: with its year/term when any mention has it
        let base = mine.iter().find_map(|c| match &c.form {
            Form::Named(n) => Some(n.base.clone()),
            _ => None,
        });
        base.map(|b| match &e.qualifier {
            Some(q) if q.chars().all(|c| c.is_ascii_digit()) => format!("{b} năm {q}"),
            Some(q) => format!("{b} khóa {q}"),
            None => b,
        })
    } else {
        None
    };
    let title = primary
        .and_then(|c| c.title.clone())
        .or_else(|| mine.iter().find_map(|c| c.title.clone()))
        .or_else(|| {
            if number.is_some() {
                mine.iter()
                    .find_map(|c| c.law_name.as_ref().map(|n| n.base.clone()))
            } else {
                None
            }
        });
    let relation = e
        .cites
        .iter()
        .filter_map(|&i| rels.get(i))
        .copied()
        .max()
        .unwrap_or(Rel::Cites);
    let mut mentions: Vec<Mention> = mine
        .iter()
        .map(|c| Mention {
            start: ix.char_at(c.start),
            end: ix.char_at(c.end),
        })
        .chain(e.alias_spans.iter().map(|&(s, t)| Mention {
            start: ix.char_at(s),
            end: ix.char_at(t),
        }))
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions.dedup();
    Reference {
        number,
        kind: kind.map(str::to_string),
        date: e.date.clone(),
        issuer: entry_issuer(e, cites),
        title,
        name,
        relation: relation.as_str().to_string(),
        mentions,
        // id, ambiguous, candidates: filled by `identity::assign` once metadata is known
        ..Default::default()
    }
}

/// Extract references from normalized `text`. `own_number` is the document's own symbol
/// (metadata), which is never reported as a reference; a "Số: …" header line is read as
/// the own number too.
///
/// ```
/// let text = "Số: 12/KH-UBND\n\
///             Căn cứ Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ;\n\
///             Thực hiện Chương trình hành động số 34-CTr/TU ngày 08/11/2022 của Ban Chấp hành Đảng bộ tỉnh;\n\
///             Các đơn vị bám sát Nghị quyết 09 và Luật HTX, Kế hoạch này.";
/// let out = vanban_refs::extract(text, None);
/// let nums: Vec<_> = out.references.iter().map(|r| r.number.clone()).collect();
/// assert_eq!(nums, [Some("09/NQ-CP".into()), Some("34-CTr/TU".into()), None]);
/// assert_eq!(out.references[0].relation, "basis");
/// assert_eq!(out.references[0].mentions.len(), 2);
/// assert_eq!(out.references[0].date.as_deref(), Some("2023-02-02"));
/// assert_eq!(out.references[1].relation, "implements");
/// assert_eq!(out.references[2].name.as_deref(), Some("Luật Hợp tác xã"));
/// ```
pub fn extract(text: &str, own_number: Option<&str>) -> RefsOutput {
    let mut cites = find_cites(text);
    if let Some(me) = own_law_name(text) {
        cites.retain(|c| !matches!(&c.form, Form::Named(n) if n.key() == me));
    }
    let own = own_keys(&cites, own_number);
    let mut warnings = Vec::new();
    let entries = resolve(text, &cites, &own, &mut warnings);
    let rels = relations(text, &cites);
    let mut offsets = Vec::new();
    for e in &entries {
        for c in e.cites.iter().filter_map(|&i| cites.get(i)) {
            offsets.extend([c.start, c.end]);
        }
        for &(a, b) in &e.alias_spans {
            offsets.extend([a, b]);
        }
    }
    let ix = ByteToChar::new(text, offsets);
    let mut references: Vec<Reference> = entries
        .iter()
        .map(|e| build(e, &cites, &rels, &ix))
        .collect();
    merge_cut_symbols(&mut references, text);
    references.sort_by_key(|r| r.mentions.first().map_or(usize::MAX, |m| m.start));
    RefsOutput {
        references,
        warnings,
    }
}

/// A symbol cut where a letter of its last code was misread ("873/SXD-QLỚT": no code
/// carries a toned capital, so the symbol ends at "873/SXD") is the one symbol of the
/// document that it begins before a dash ("873/SXD-QLGT", printed right elsewhere): every
/// mention of the cut one goes on with a dash in the text. Its mentions (and date, when
/// the full one has none) join that reference. With two such symbols it stays as it is.
fn merge_cut_symbols(refs: &mut Vec<Reference>, text: &str) {
    // most documents have no number that begins another: no index of the text for them
    let numbers: Vec<&str> = refs.iter().filter_map(|r| r.number.as_deref()).collect();
    let extends = |n: &str| {
        numbers
            .iter()
            .any(|m| m.len() > n.len() + 1 && m.starts_with(n) && m[n.len()..].starts_with('-'))
    };
    if !numbers.iter().any(|n| extends(n)) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let cut_before_dash = |r: &Reference| {
        !r.mentions.is_empty()
            && r.mentions.iter().all(|m| {
                chars.get(m.end) == Some(&'-')
                    && chars.get(m.end + 1).is_some_and(|c| c.is_uppercase())
            })
    };
    let mut i = 0;
    while i < refs.len() {
        let Some(short) = refs[i].number.clone().filter(|_| cut_before_dash(&refs[i])) else {
            i += 1;
            continue;
        };
        let prefix = format!("{short}-");
        let fuller: Vec<usize> = refs
            .iter()
            .enumerate()
            .filter(|(j, r)| *j != i && r.number.as_deref().is_some_and(|n| n.starts_with(&prefix)))
            .map(|(j, _)| j)
            .collect();
        let [j] = fuller[..] else {
            i += 1;
            continue;
        };
        let cut = refs.remove(i);
        let target = &mut refs[if j > i { j - 1 } else { j }];
        target.mentions.extend(cut.mentions);
        target.mentions.sort_by_key(|m| m.start);
        if target.date.is_none() {
            target.date = cut.date;
        }
    }
}

/// One line for a terminal: number (or name), date, kind, mention count, relation, issuer,
/// and "= NUMBER" for a law cited by name alone that the laws table resolves.
///
/// ```
/// let r = vanban_model::Reference {
///     number: Some("20-NQ/TW".into()),
///     kind: Some("Nghị quyết".into()),
///     date: Some("2022-06-16".into()),
///     relation: "basis".into(),
///     mentions: vec![vanban_model::Mention { start: 0, end: 5 }; 3],
///     ..Default::default()
/// };
/// assert_eq!(vanban_refs::format_line(&r), "20-NQ/TW              2022-06-16  Nghị quyết                 3×  basis");
/// let law = vanban_model::Reference {
///     name: Some("Luật Hợp tác xã".into()),
///     kind: Some("Luật".into()),
///     relation: "cites".into(),
///     mentions: vec![vanban_model::Mention { start: 0, end: 15 }],
///     resolved: Some(vanban_model::Resolved {
///         number: Some("17/2023/QH15".into()),
///         date: Some("2023-06-20".into()),
///         source: "laws-table".into(),
///         rule: "year in the name: 2023".into(),
///     }),
///     ..Default::default()
/// };
/// assert!(vanban_refs::format_line(&law).ends_with("1×  cites  = 17/2023/QH15"));
/// ```
pub fn format_line(r: &Reference) -> String {
    let label = r.number.as_deref().or(r.name.as_deref()).unwrap_or("?");
    let pad = |s: &str, w: usize| {
        let n = s.chars().count();
        format!("{s}{}", " ".repeat(w.saturating_sub(n)))
    };
    let mut line = format!(
        "{} {} {} {:>3}×  {}",
        pad(label, 21),
        pad(r.date.as_deref().unwrap_or("-"), 11),
        pad(r.kind.as_deref().unwrap_or("-"), 24),
        r.mentions.len(),
        r.relation
    );
    if let Some(i) = &r.issuer {
        line.push_str("  ");
        line.push_str(i);
    }
    // a law cited by name alone: the version the laws table gives
    if let Some(v) = &r.resolved {
        line.push_str("  = ");
        line.push_str(v.number.as_deref().or(v.date.as_deref()).unwrap_or("?"));
    }
    line
}

fn subject_key(s: &str) -> String {
    let low = s.to_lowercase();
    let t = low
        .trim()
        .trim_end_matches(['.', ';', ':', '"', '”'])
        .trim();
    let t = t
        .strip_prefix("về việc")
        .or_else(|| t.strip_prefix("v/v"))
        .or_else(|| t.strip_prefix("về"))
        .unwrap_or(t);
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A plan whose title restates the subject of a referenced document carries that document
/// out: mark such references `implements` (the subject must end with the title, which must
/// be at least five words long).
///
/// ```
/// use vanban_model::Reference;
/// let mut refs = vec![Reference { title: Some("về tiếp tục đổi mới, phát triển kinh tế tập thể trong giai đoạn mới".into()), relation: "basis".into(), ..Default::default() }];
/// vanban_refs::mark_implemented_by_title(&mut refs, "Về việc tiếp tục đổi mới, phát triển kinh tế tập thể trong giai đoạn mới");
/// assert_eq!(refs[0].relation, "implements");
/// ```
pub fn mark_implemented_by_title(refs: &mut [Reference], doc_title: &str) {
    let key = subject_key(doc_title);
    if key.split(' ').count() < 5 {
        return;
    }
    for r in refs.iter_mut() {
        if r.title
            .as_deref()
            .is_some_and(|t| subject_key(t).ends_with(&key))
        {
            r.relation = "implements".into();
        }
    }
}

/// Laws cited in OCR text whose date was read only in part ("ngày 29 tháng 1] năm 2024"):
/// the date is the laws table's when the day and year read agree with it and the month is
/// garbled ([`laws::partly_read_date`]), looked for after each mention of the law in `text`
/// (`Mention` offsets are in chars). A warning names each. Called by `vanban-core` for OCR
/// text only, after [`mend_ocr_law_numbers`].
///
/// ```
/// use vanban_model::{Mention, Reference};
/// let text = "Căn cứ Luật Phòng cháy số 55/2024/QH15 ngày 29 tháng 1] năm 2024;";
/// let start = text.chars().count() - " ngày 29 tháng 1] năm 2024;".chars().count() - 12;
/// let mut refs = vec![Reference {
///     number: Some("55/2024/QH15".into()),
///     mentions: vec![Mention { start, end: start + 12 }],
///     ..Default::default()
/// }];
/// let warnings = vanban_refs::mend_ocr_law_dates(text, &mut refs);
/// assert_eq!(refs[0].date.as_deref(), Some("2024-11-29"));
/// assert_eq!(warnings.len(), 1);
/// ```
pub fn mend_ocr_law_dates(text: &str, refs: &mut [Reference]) -> Vec<String> {
    let mut warnings = Vec::new();
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    for r in refs.iter_mut().filter(|r| r.date.is_none()) {
        let Some(number) = r.number.clone() else {
            continue;
        };
        let found = r.mentions.iter().find_map(|m| {
            let from = starts.get(m.end).copied().unwrap_or(text.len());
            let after: String = text.get(from..)?.chars().take(60).collect();
            laws::partly_read_date(&number, &after)
        });
        if let Some(d) = found {
            warnings.push(format!(
                "OCR: the date of law {number} read in part; the laws table's {d} agrees with its day and year"
            ));
            r.date = Some(d.to_string());
        }
    }
    warnings
}

/// Law numbers of a page reading (OCR) put right by the laws table
/// ([`laws::misread_number`]): a reference whose number, date and name disagree is given
/// the table's number, with a warning naming both; a number whose legislature's term was
/// lost ("42/2024/QH") the whole number the document cites elsewhere or the table's
/// ([`laws::complete_term`]); a law's date misread by one digit the table's
/// ([`laws::misread_date`]). A reference that then has the number of another takes its
/// mentions into that one. Only for text read by OCR: a typed document says what it says.
///
/// ```
/// use vanban_model::Reference;
/// let mut refs = vec![Reference {
///     number: Some("33/2024/QH15".into()),
///     kind: Some("Luật".into()),
///     date: Some("2024-11-29".into()),
///     title: Some("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ".into()),
///     ..Default::default()
/// }];
/// let warnings = vanban_refs::mend_ocr_law_numbers(&mut refs);
/// assert_eq!(refs[0].number.as_deref(), Some("55/2024/QH15"));
/// assert!(warnings[0].contains("33/2024/QH15"));
/// ```
pub fn mend_ocr_law_numbers(refs: &mut Vec<Reference>) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut i = 0;
    while i < refs.len() {
        let Some(r) = refs.get(i) else { break };
        let Some(number) = r.number.as_deref() else {
            i += 1;
            continue;
        };
        // a date misread beside a number read right
        if let Some(d) = r
            .date
            .as_deref()
            .and_then(|date| laws::misread_date(number, date))
        {
            warnings.push(format!(
                "OCR: the date of law {number} put right as {d}: the laws table's date of that number is one digit away"
            ));
            if let Some(r) = refs.get_mut(i) {
                r.date = Some(d.to_string());
            }
            i += 1;
            continue;
        }
        let name = r
            .title
            .as_deref()
            .or(r.name.as_deref())
            .map(|t| match r.kind.as_deref() {
                Some(k) if !t.starts_with(k) => format!("{k} {t}"),
                _ => t.to_string(),
            });
        // the term lost ("42/2024/QH"): the document's own citation of the whole number,
        // else the table's
        let fixed = if number.ends_with("/QH") {
            let mut same = refs.iter().filter_map(|o| {
                let n = o.number.as_deref()?;
                n.strip_prefix(number)
                    .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                    .then_some(n)
            });
            match (same.next(), same.next()) {
                (Some(n), None) => Some((n.to_string(), "the document cites it whole".to_string())),
                _ => laws::complete_term(number, r.date.as_deref())
                    .map(|(n, why)| (n.to_string(), why)),
            }
        } else {
            r.date.as_deref().and_then(|date| {
                laws::misread_number(number, date, name.as_deref())
                    .map(|(n, why)| (n.to_string(), why))
            })
        };
        let Some((fixed, why)) = fixed else {
            i += 1;
            continue;
        };
        let fixed = fixed.as_str();
        warnings.push(format!(
            "OCR: law number {number} put right as {fixed}: {why}"
        ));
        let same = refs.iter().position(|o| o.number.as_deref() == Some(fixed));
        match same {
            Some(j) if j != i => {
                let moved = refs.remove(i);
                let j = if j > i { j - 1 } else { j };
                if let Some(o) = refs.get_mut(j) {
                    if o.date.is_none() {
                        o.date = moved.date;
                    }
                    o.mentions.extend(moved.mentions);
                    o.mentions.sort_by_key(|m| m.start);
                    o.mentions.dedup();
                }
            }
            _ => {
                if let Some(r) = refs.get_mut(i) {
                    r.number = Some(fixed.to_string());
                    if r.issuer.is_none() {
                        // the body code says who passed it (QH15, UBTVQH15)
                        r.issuer = symbol::find_symbols(fixed)
                            .first()
                            .and_then(issuer::issuer_from_symbol);
                    }
                }
                i += 1;
            }
        }
    }
    warnings
}

#[cfg(test)]
mod national_tests {
    use super::*;

    #[test]
    fn a_symbol_cut_at_a_misread_code_letter_joins_the_one_printed_right() {
        let t = "Sở Xây dựng đã tham gia ý kiến tại Văn bản số 873/SXD-QLGT ngày 27 tháng 02 năm 2026. Theo ý kiến tại Văn bản số 873/SXD-QLỚT ngày 27 tháng 02 năm 2026, giữ nguyên.";
        let refs = extract(t, None).references;
        let got: Vec<_> = refs
            .iter()
            .map(|r| (r.number.as_deref(), r.mentions.len()))
            .collect();
        assert_eq!(got, [(Some("873/SXD-QLGT"), 2)]);
        // a symbol printed whole next to a longer one of the same number stays apart
        let t = "Công văn số 12/SXD ngày 01/3/2026 và Công văn số 12/SXD-QLGT ngày 05/3/2026.";
        let got: Vec<_> = extract(t, None)
            .references
            .iter()
            .map(|r| r.number.clone())
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_record_drawn_up_on_a_day_is_dated_by_it() {
        let t = "Căn cứ Biên bản vi phạm hành chính số 23/BB-VPHC lập ngày 26 tháng 6 năm 2026 của Đoàn kiểm tra; Quyết định số 12/QĐ-UBND ký ngày 03/02/2026; Kế hoạch số 7/KH-UBND lập xong.";
        let refs = extract(t, None).references;
        let got: Vec<_> = refs
            .iter()
            .map(|r| (r.number.as_deref(), r.kind.as_deref(), r.date.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("23/BB-VPHC"), Some("Biên bản"), Some("2026-06-26")),
                (Some("12/QĐ-UBND"), Some("Quyết định"), Some("2026-02-03")),
                (Some("7/KH-UBND"), Some("Kế hoạch"), None),
            ]
        );
    }

    #[test]
    fn a_law_whose_term_or_date_was_misread() {
        let t = "Điều 47 Luật số 42/2024/QH 1Š! và Luật số 42/2024/QH15 ngày 29/6/2024; được sửa đổi bởi Luật số 87/2025/QH15 ngày 25 tháng 6 năm 2023.";
        let mut refs = extract(t, None).references;
        let w = mend_ocr_law_numbers(&mut refs);
        let got: Vec<_> = refs
            .iter()
            .map(|r| (r.number.as_deref(), r.date.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("42/2024/QH15"), Some("2024-06-29")),
                (Some("87/2025/QH15"), Some("2025-06-25")),
            ],
            "{w:?}"
        );
        assert_eq!(refs[0].mentions.len(), 2, "{refs:?}");
        assert_eq!(w.len(), 2, "{w:?}");
        // no whole number in the document: the table's, when it has one of that serial
        let mut refs = extract("Luật số 42/2024/QH 1Š! về vũ khí.", None).references;
        mend_ocr_law_numbers(&mut refs);
        assert_eq!(refs[0].number.as_deref(), Some("42/2024/QH15"));
    }

    #[test]
    fn a_law_number_put_right_joins_the_reference_read_right() {
        // "Luật số 37/2025/QH15 ngày 25/6/2025" misread, and read right elsewhere
        let t = "Căn cứ Luật số 87/2025/QH15 ngày 25 tháng 6 năm 2025; được sửa đổi bởi Luật số 37/2025/QH15 ngày 25 tháng 6 năm 2025.";
        let mut refs = extract(t, None).references;
        assert_eq!(refs.len(), 2, "{refs:?}");
        let w = mend_ocr_law_numbers(&mut refs);
        assert_eq!(refs.len(), 1, "{refs:?}");
        assert_eq!(refs[0].number.as_deref(), Some("87/2025/QH15"));
        assert_eq!(refs[0].mentions.len(), 2);
        assert_eq!(w.len(), 1, "{w:?}");
        // a number the table knows with the printed date, or one it cannot judge, stands
        let t = "Luật số 87/2025/QH15 ngày 25 tháng 6 năm 2025; Luật số 12/2026/QH15 ngày 10 tháng 1 năm 2026.";
        let mut refs = extract(t, None).references;
        let before = refs.clone();
        assert!(mend_ocr_law_numbers(&mut refs).is_empty());
        assert_eq!(refs, before);
    }

    #[test]
    fn a_regulation_printed_once_without_its_code_is_the_same_regulation() {
        let t = "Theo QCVN 122:2024 quy chuẩn xe. Sửa đổi QCVN 122:2024/BGTVT và QCVN 01:2019/BCT.";
        let out = extract(t, None);
        let nums: Vec<_> = out.references.iter().map(|r| r.number.clone()).collect();
        assert_eq!(
            nums,
            [
                Some("QCVN 122:2024/BGTVT".to_string()),
                Some("QCVN 01:2019/BCT".to_string())
            ]
        );
        assert_eq!(mentions(&out, "QCVN 122:2024/BGTVT"), 2);
        // two codes for one serial and year: the bare form is left on its own
        let t = "QCVN 5:2020 và QCVN 5:2020/BXD và QCVN 5:2020/BCT.";
        assert_eq!(extract(t, None).references.len(), 3);
    }

    fn mentions(out: &RefsOutput, number: &str) -> usize {
        out.references
            .iter()
            .find(|r| r.number.as_deref() == Some(number))
            .map_or(0, |r| r.mentions.len())
    }

    #[test]
    fn body_alias_is_not_a_mention() {
        let t = "Điều 1. Thành lập Hội đồng thẩm định độc lập theo quy định của Nghị quyết số 206/2025/QH15 (sau đây gọi là Hội đồng).\nĐiều 2. Hội đồng làm việc theo chế độ tập thể; Hội đồng thẩm định theo Nghị quyết 206.";
        let out = extract(t, None);
        assert_eq!(out.references.len(), 1);
        assert_eq!(mentions(&out, "206/2025/QH15"), 2, "{:?}", out.references);
    }

    #[test]
    fn alias_naming_a_document_binds() {
        let t = "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13 (sau đây gọi tắt là Luật Giám sát);\nTheo Điều 58 của Luật Giám sát và Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân.";
        let out = extract(t, None);
        assert_eq!(out.references.len(), 1, "{:?}", out.references);
        assert_eq!(mentions(&out, "87/2015/QH13"), 4);
    }

    #[test]
    fn law_named_by_title_after_its_number() {
        let t = "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;\nTrình tự quy định tại Luật Ban hành văn bản quy phạm pháp luật; theo Luật Ban hành văn bản quy phạm pháp luật.";
        let out = extract(t, None);
        assert_eq!(out.references.len(), 1, "{:?}", out.references);
        assert_eq!(mentions(&out, "64/2025/QH15"), 3);
        assert_eq!(out.references[0].kind.as_deref(), Some("Luật"));
    }

    #[test]
    fn title_shared_by_two_cited_versions_is_no_mention() {
        let t = "Căn cứ Luật Đất đai số 45/2013/QH13 và Luật Đất đai số 31/2024/QH15; theo Luật Đất đai.";
        let out = extract(t, None);
        assert_eq!(out.references.len(), 2, "{:?}", out.references);
        assert_eq!(mentions(&out, "45/2013/QH13"), 1);
        assert_eq!(mentions(&out, "31/2024/QH15"), 1);
    }

    #[test]
    fn constitution() {
        let t = "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\ntheo Hiến pháp năm 2013 và Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam.";
        let out = extract(t, None);
        let hp: Vec<_> = out
            .references
            .iter()
            .filter(|r| r.kind.as_deref() == Some("Hiến pháp"))
            .collect();
        assert_eq!(hp.len(), 1, "{:?}", out.references);
        assert_eq!(
            hp[0].name.as_deref(),
            Some("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013")
        );
        assert_eq!(hp[0].mentions.len(), 3);
        assert_eq!(hp[0].relation, "basis");
    }

    #[test]
    fn amending_law() {
        let names = |t: &str| -> Vec<String> {
            extract(t, None)
                .references
                .iter()
                .filter_map(|r| r.name.clone())
                .collect()
        };
        assert_eq!(
            names("Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13; thực hiện Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật; Luật Đất đai."),
            [
                "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
                "Luật Đất đai"
            ]
        );
        // one law amending several
        assert_eq!(
            names("theo Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đấu thầu."),
            ["Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đấu thầu"]
        );
        let t =
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội số 65/2020/QH14;";
        let out = extract(t, None);
        assert_eq!(out.references.len(), 1);
        assert_eq!(out.references[0].number.as_deref(), Some("65/2020/QH14"));
        assert_eq!(out.references[0].kind.as_deref(), Some("Luật"));
    }

    #[test]
    fn a_law_names_itself() {
        let t = "QUỐC HỘI\nLuật số: 100/2025/QH15\nLUẬT\nKINH TẾ TẬP THỂ\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Kinh tế tập thể.\nĐiều 2. Áp dụng Luật Kinh tế tập thể và Luật Hợp tác xã số 17/2023/QH15.";
        let out = extract(t, Some("100/2025/QH15"));
        let got: Vec<_> = out
            .references
            .iter()
            .map(|r| r.number.clone().or(r.name.clone()).unwrap_or_default())
            .collect();
        assert_eq!(
            got,
            [
                "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                "17/2023/QH15"
            ]
        );
    }
}
