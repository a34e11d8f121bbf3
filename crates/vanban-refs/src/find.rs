//! Finding: every citation in the text (numbered, short, named) with the date, issuer
//! and title printed after it.

use crate::date::{parse_date, skip_ws};
use crate::issuer::{parse_issuer, prefix_ci};
use crate::kind::{lead, KINDS};
use crate::named::{find_named, term, Named};
use crate::symbol::{find_regulations, find_symbols, kind_of_code, Symbol};
use regex::Regex;
use std::sync::OnceLock;

/// How a citation names its document.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A symbol ("Nghị quyết số 20-NQ/TW").
    Numbered(Symbol),
    /// A kind and a bare serial ("Nghị quyết 20", "Kết luận số 70").
    Short(u32),
    /// A name ("Luật Hợp tác xã năm 2012").
    Named(Named),
}

/// One place the text cites a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    /// Byte start of the mention.
    pub start: usize,
    /// Byte end of the mention (kind word to symbol/name).
    pub end: usize,
    /// Byte end of the whole citation (date, issuer, title included).
    pub tail: usize,
    /// Kind as printed in canonical spelling, or implied by the symbol's code.
    pub kind: Option<&'static str>,
    /// True when the kind was printed (not implied).
    pub kind_printed: bool,
    /// The naming.
    pub form: Form,
    /// ISO date printed with this citation.
    pub date: Option<String>,
    /// Issuer printed with this citation.
    pub issuer: Option<String>,
    /// Subject printed with this citation ("về …").
    pub title: Option<String>,
    /// Law name printed before the symbol ("Luật Hợp tác xã số 23/2012/QH13").
    pub law_name: Option<Named>,
    /// True when this is the document's own header ("Số: 251/KH-UBND").
    pub header: bool,
}

fn short_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(r"(?:[Nn]ghị quyết|[Kk]ết luận|[Cc]hỉ thị|[Qq]uyết định|[Nn]ghị định|[Tt]hông tư|[Cc]hương trình hành động|[Cc]hương trình|[Kk]ế hoạch|[Đđ]ề án|[Cc]ông văn|[Hh]ướng dẫn|[Tt]hông báo)[ \t]+(?:số[ \t]+)?(\d{1,5})"))
            .expect("short regex")
    })
}

/// Only symbol codes (not a printed kind) are allowed to stand alone when the code
/// says what kind of document it is and the symbol has an issuer part or a year.
fn standalone_ok(sym: &Symbol) -> bool {
    sym.doc_code().is_some() && (sym.codes.len() >= 2 || sym.year.is_some())
}

/// What may follow the serial of a short form: the end, a space not followed by a
/// symbol separator, or clause punctuation not followed by a digit.
fn short_ends(after: &str) -> bool {
    let mut it = after.chars();
    match it.next() {
        None => true,
        Some(' ' | '\t' | '\n') => {
            let a = after.trim_start_matches([' ', '\t']);
            !a.starts_with(['-', '–', '/', '%'])
        }
        Some(',' | ';' | ')' | ':' | '.') => !it.next().is_some_and(|c| c.is_alphanumeric()),
        Some(_) => false,
    }
}

fn find_short(text: &str, out: &mut Vec<Cite>) {
    for c in short_re().captures_iter(text) {
        let (Some(m), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if text
            .get(..m.start())
            .and_then(|p| p.chars().next_back())
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // must not continue as a symbol, a date, a decimal or a percentage
        if !short_ends(text.get(num.end()..).unwrap_or_default()) {
            continue;
        }
        let Ok(serial) = num.as_str().parse::<u32>() else {
            continue;
        };
        let printed = m.as_str();
        let kind = KINDS
            .iter()
            .copied()
            .find(|k| prefix_ci(printed, k).is_some());
        out.push(Cite {
            start: m.start(),
            end: num.end(),
            tail: num.end(),
            kind,
            kind_printed: true,
            form: Form::Short(serial),
            date: None,
            issuer: None,
            title: None,
            law_name: None,
            header: false,
        });
    }
}

/// Joint issuers of a joint circular: "của Bộ Kế hoạch và Đầu tư, Bộ Tài chính và Bộ Nội vụ".
fn joint_issuers(text: &str, pos: &mut usize, first: String) -> String {
    let mut out = first;
    if !out.starts_with("Bộ ") {
        return out;
    }
    while let Some(r) = text.get(*pos..) {
        let sep = if r.starts_with(", ") {
            2
        } else if r.starts_with(" và ") {
            " và ".len()
        } else {
            break;
        };
        match r
            .get(sep..)
            .and_then(parse_issuer)
            .filter(|(i, _)| i.starts_with("Bộ "))
        {
            Some((i, m)) => {
                out.push_str(", ");
                out.push_str(&i);
                *pos += sep + m;
            }
            None => break,
        }
    }
    out
}

/// Read the date, issuer and term printed after a citation ending at `end`.
fn read_tail(text: &str, end: usize, c: &mut Cite) -> usize {
    let mut pos = end;
    for _ in 0..5 {
        let Some(r) = text.get(pos..) else { break };
        let w = skip_ws(r);
        let Some(r2) = r.get(w..) else { break };
        // optional "," or "(" before a date
        let (punct, r3) = match r2.chars().next() {
            Some(',' | '(') => {
                let rr = r2.get(1..).unwrap_or_default();
                let w2 = skip_ws(rr);
                (1 + w2, rr.get(w2..).unwrap_or_default())
            }
            _ => (0, r2),
        };
        if c.date.is_none() {
            // "lập ngày" (a record drawn up on), "ký ngày", "ban hành ngày": the date it bears
            let verb = ["lập", "ký", "ban hành"]
                .iter()
                .find_map(|v| {
                    let n = prefix_ci(r3, v)?;
                    let rest = r3.get(n..)?;
                    let w = skip_ws(rest);
                    prefix_ci(rest.get(w..)?, "ngày").map(|_| n + w)
                })
                .unwrap_or(0);
            if let Some((iso, n)) = r3.get(verb..).and_then(parse_date) {
                let n = verb + n;
                c.date = Some(iso);
                pos += w + punct + n;
                // closing ")" of "(ngày …)"
                if punct > 0 && r2.starts_with('(') {
                    if let Some(rest) = text.get(pos..) {
                        let w3 = skip_ws(rest);
                        if rest.get(w3..).is_some_and(|x| x.starts_with(')')) {
                            pos += w3 + 1;
                        }
                    }
                }
                continue;
            }
        }
        if c.issuer.is_none() {
            if let Some(n) = prefix_ci(r2, "của") {
                let rr = r2.get(n..).unwrap_or_default();
                let w2 = skip_ws(rr);
                if let Some((iss, m)) = rr.get(w2..).and_then(parse_issuer) {
                    pos += w + n + w2 + m;
                    c.issuer = Some(joint_issuers(text, &mut pos, iss));
                    continue;
                }
            }
            // a body named right after the date ("ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành …")
            if c.date.is_some() || prefix_ci(r2, "hội nghị").is_some() {
                if let Some((iss, m)) = parse_issuer(r2) {
                    c.issuer = Some(iss);
                    pos += w + m;
                    continue;
                }
            }
        }
        if let Some((_, m)) = term(r2) {
            pos += w + m;
            continue;
        }
        break;
    }
    pos
}

/// Capitalised clause openers that end a subject run on without punctuation.
const CLAUSES: &[&str] = &[
    "Căn cứ ",
    "Thực hiện ",
    "Triển khai ",
    "Theo đề nghị ",
    "Xét đề nghị ",
];

/// True when `before` ends with a coordination: ", ", "; ", " và ".
fn coordinated(before: &str) -> bool {
    let b = before.trim_end();
    b.ends_with(',') || b.ends_with(';') || b.ends_with(" và") || b.ends_with(" hoặc")
}

/// Read a subject ("về …", a quoted name, "ban hành …") starting near `pos`; stops at
/// clause punctuation or where another citation is coordinated ("…, Nghị quyết số …");
/// a citation inside the subject ("… thực hiện Nghị quyết số …") is part of it.
fn read_title(text: &str, pos: usize, later_starts: &[usize]) -> Option<(String, usize)> {
    let r = text.get(pos..)?;
    let mut w = skip_ws(r);
    if r.get(w..)?.starts_with(',') {
        w += 1;
        w += skip_ws(r.get(w..)?);
    }
    let r2 = r.get(w..)?;
    let begin = pos + w;
    if later_starts.first() == Some(&begin) {
        return None;
    }
    let mut limit = (begin + 600).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let quoted = r2.starts_with(['“', '"']);
    let starts = quoted
        || [
            "về",
            "ban hành",
            "phê duyệt",
            "quy định",
            "hướng dẫn",
            "sửa đổi",
            "thực hiện",
            "triển khai",
        ]
        .iter()
        .any(|h| prefix_ci(r2, h).is_some());
    if !starts {
        return None;
    }
    let mut end = begin;
    let body = text.get(begin..limit)?;
    let mut it = body.char_indices().peekable();
    let mut in_quote = false;
    let mut next = later_starts
        .iter()
        .copied()
        .skip_while(|&s| s < begin)
        .peekable();
    while let Some((i, ch)) = it.next() {
        let abs = begin + i;
        while next.peek().is_some_and(|&s| s < abs) {
            next.next();
        }
        if next.peek() == Some(&abs)
            && !in_quote
            && coordinated(text.get(begin..abs).unwrap_or_default())
        {
            break;
        }
        match ch {
            '“' | '"' if i == 0 => in_quote = true,
            '”' | '"' if in_quote => {
                end = abs + ch.len_utf8();
                break;
            }
            ';' | '\n' => break,
            '(' | ')' if !in_quote => break,
            // a new clause run on without punctuation ("… tập thể Triển khai thực hiện …")
            ' ' if !in_quote
                && i > 0
                && CLAUSES
                    .iter()
                    .any(|c| body.get(i + 1..).is_some_and(|r| r.starts_with(c))) =>
            {
                break
            }
            '.' if !in_quote && it.peek().is_none_or(|&(_, n)| n.is_whitespace()) => break,
            _ => {}
        }
        end = abs + ch.len_utf8();
    }
    let raw = text.get(begin..end)?;
    let mut t = raw.trim().trim_end_matches([',', ';', ':']).trim();
    if quoted {
        t = t.trim_matches(['“', '”', '"']).trim();
    }
    let t = t
        .strip_suffix(" và")
        .or_else(|| t.strip_suffix(" hoặc"))
        .unwrap_or(t)
        .trim_end_matches(',')
        .trim();
    if t.chars().count() < 4 {
        return None;
    }
    Some((t.split_whitespace().collect::<Vec<_>>().join(" "), end))
}

/// Find every citation in `text`, ordered by position.
pub fn find_cites(text: &str) -> Vec<Cite> {
    let mut cites = Vec::new();
    let named = find_named(text);
    for sym in find_symbols(text) {
        let l = lead(text, sym.start);
        let mut kind = l.kind;
        let mut start = l.start;
        let mut law_name = None;
        if kind.is_none() {
            // "Luật Hợp tác xã số 23/2012/QH13"
            if let Some(n) = named.iter().find(|n| {
                n.kind != "Nghị quyết"
                    && text.get(n.end..sym.start).is_some_and(|gap| {
                        let g = gap.trim();
                        g == "số" || g == "số:" || g.is_empty()
                    })
            }) {
                kind = Some(n.kind);
                start = n.start;
                law_name = Some(n.clone());
            }
        }
        let kind_printed = kind.is_some();
        if kind.is_none() && (l.form || (!l.header && !standalone_ok(&sym))) {
            continue;
        }
        if kind.is_none() {
            kind = sym.doc_code().and_then(kind_of_code);
        }
        cites.push(Cite {
            start,
            end: sym.end,
            tail: sym.end,
            kind,
            kind_printed,
            form: Form::Numbered(sym),
            date: None,
            issuer: None,
            title: None,
            law_name,
            header: l.header,
        });
    }
    for sym in find_regulations(text) {
        cites.push(Cite {
            start: sym.start,
            end: sym.end,
            tail: sym.end,
            kind: Some("Quy chuẩn"),
            kind_printed: false,
            form: Form::Numbered(sym),
            date: None,
            issuer: None,
            title: None,
            law_name: None,
            header: false,
        });
    }
    let law_spans: Vec<(usize, usize)> = cites
        .iter()
        .filter(|c| c.law_name.is_some())
        .map(|c| (c.start, c.end))
        .collect();
    for n in named {
        if law_spans.iter().any(|&(s, e)| n.start >= s && n.end <= e) {
            continue;
        }
        cites.push(Cite {
            start: n.start,
            end: n.end,
            tail: n.end,
            kind: Some(n.kind),
            kind_printed: true,
            issuer: n.issuer.map(str::to_string),
            form: Form::Named(n),
            date: None,
            title: None,
            law_name: None,
            header: false,
        });
    }
    find_short(text, &mut cites);
    cites.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    // drop citations nested in an earlier one's span (a short form inside a named one)
    let mut kept: Vec<Cite> = Vec::with_capacity(cites.len());
    for c in cites {
        if kept.last().is_some_and(|p| c.start < p.end) {
            continue;
        }
        kept.push(c);
    }
    let starts: Vec<usize> = kept.iter().map(|c| c.start).collect();
    for (i, c) in kept.iter_mut().enumerate() {
        if matches!(c.form, Form::Short(_)) {
            continue;
        }
        let next_start = starts.get(i + 1).copied().unwrap_or(text.len());
        let mut tail = read_tail(text, c.end, c);
        if tail > next_start {
            tail = next_start.max(c.end);
        }
        if let Some((t, e)) = read_title(text, tail, starts.get(i + 1..).unwrap_or_default()) {
            c.title = Some(t);
            tail = e;
        }
        c.tail = tail;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_citation() {
        let t = "Căn cứ Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ ban hành Chương trình hành động; tiếp";
        let c = find_cites(t);
        assert_eq!(c.len(), 1);
        assert_eq!(&t[c[0].start..c[0].end], "Nghị quyết số 09/NQ-CP");
        assert_eq!(c[0].date.as_deref(), Some("2023-02-02"));
        assert_eq!(c[0].issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(
            c[0].title.as_deref(),
            Some("ban hành Chương trình hành động")
        );
    }

    #[test]
    fn title_stops() {
        let t = "Nghị quyết số 13-NQ/TU ngày 17/3/2020 của Ban chấp hành Đảng bộ tỉnh về phát triển Kinh tế tập thể Triển khai thực hiện Kết luận";
        assert_eq!(
            find_cites(t)[0].title.as_deref(),
            Some("về phát triển Kinh tế tập thể")
        );
        let t = "(theo Thông tư 28/2018/TT-BTC ngày 28/3/2018 của Bộ Tài chính về hướng dẫn lập dự toán) và";
        assert_eq!(
            find_cites(t)[0].title.as_deref(),
            Some("về hướng dẫn lập dự toán")
        );
        let t = "Chương trình hành động số 34-CTr/TU ngày 08/11/2022 của Tỉnh ủy thực hiện Nghị quyết số 20-NQ/TW.";
        assert_eq!(
            find_cites(t)[0].title.as_deref(),
            Some("thực hiện Nghị quyết số 20-NQ/TW")
        );
    }

    #[test]
    fn conference_issuer_and_term() {
        let t = "Nghị quyết số 20-NQ/TW ngày 16/6/2022 Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới;";
        let c = &find_cites(t)[0];
        assert_eq!(c.issuer.as_deref(), Some("Ban Chấp hành Trung ương Đảng"));
        assert_eq!(c.title.as_deref(), Some("về tiếp tục đổi mới"));
        let t = "Nghị quyết số 20-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng (khóa XIII) “về tiếp tục đổi mới” (gọi tắt";
        let c = &find_cites(t)[0];
        assert_eq!(c.date.as_deref(), Some("2022-06-16"));
        assert_eq!(c.title.as_deref(), Some("về tiếp tục đổi mới"));
    }

    #[test]
    fn short_forms() {
        let t = "thực hiện Nghị quyết 20 và Kết luận số 70, giai đoạn 2021-2025";
        let c = find_cites(t);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].form, Form::Short(20));
        assert_eq!(c[1].form, Form::Short(70));
        assert!(find_cites("Nghị quyết 20% số hộ").is_empty());
        assert!(find_cites("Kế hoạch 2021-2025").is_empty());
    }

    #[test]
    fn records_certificates_and_technical_regulations() {
        let t = "- Biên bản số 01-TĐ/BBTN ngày 15/03/2026 của Công ty A.\n- Giấy chứng nhận số 169/GCN ngày 13/03/2026.\n- theo Quy chuẩn QCVN 01:2019/BCT.";
        let c = find_cites(t);
        let got: Vec<(String, Option<&str>, Option<String>)> = c
            .iter()
            .filter_map(|c| match &c.form {
                Form::Numbered(s) => Some((s.canonical.clone(), c.kind, c.date.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "01-TĐ/BBTN".to_string(),
                    Some("Biên bản"),
                    Some("2026-03-15".to_string())
                ),
                (
                    "169/GCN".to_string(),
                    Some("Giấy chứng nhận"),
                    Some("2026-03-13".to_string())
                ),
                ("QCVN 01:2019/BCT".to_string(), Some("Quy chuẩn"), None),
            ]
        );
    }

    #[test]
    fn header_and_standalone() {
        let c = find_cites("Số: 251 /KH-UBND\nKẾ HOẠCH");
        assert!(c[0].header);
        assert!(find_cites("theo Mẫu số 02/BC-SKHĐT và Phụ lục số 01/KH-UBND").is_empty());
        let c = find_cites("bám sát 09/NQ-CP và 1234/UBND-KT, 5/HTX");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, Some("Nghị quyết"));
        assert!(!c[0].kind_printed);
    }

    #[test]
    fn law_with_number() {
        let t = "Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012";
        let c = find_cites(t);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, Some("Luật"));
        assert_eq!(c[0].start, 0);
        assert_eq!(c[0].date.as_deref(), Some("2012-11-20"));
    }
}
