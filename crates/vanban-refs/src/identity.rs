//! The identity of a cited document: number + issue date (at least the year) + the issuing
//! province where the symbol does not fix the issuer, written as one readable id
//! (in the spirit of the European Legislation Identifier's work URIs).
//!
//! Numbers are not identities: the Party's central documents (`…-NQ/TW`) are numbered
//! afresh in every Central Committee term, the Government's and a province's every year
//! (`09/NQ-CP`, `15/KH-UBND`); only legal normative documents carry their year
//! (`64/2025/QH15`). The id grammar:
//!
//! ```text
//! id     = number [ "@" when ] [ "~" place ]
//! when   = YYYY "-" MM "-" DD        the issue date
//!        | YYYY                      only the year is known (or the symbol's year)
//!        | YYYY ".." YYYY            only the term ("khóa XIII" -> 2021..2026, inclusive)
//! number = the symbol, spaces removed, dashes unified to "-", the serial's leading
//!          zeros dropped ("09/NQ-CP" -> "9/NQ-CP"), letters as printed
//! place  = the issuing province as a lowercase ASCII slug ("quang-nam"), only for
//!          symbols of local bodies (UBND, HĐND, TU, …): national symbols (TW, CP, TTg,
//!          QH, ministries) fix their issuer
//! ```
//!
//! Without `when` the reference is `ambiguous`: the document alone does not say which
//! document of that number it means. [`assign`] fills `id`, `ambiguous` and `candidates`
//! of one document's references; the corpus pass is [`crate::corpus`].

use crate::issuer::issuer_from_symbol;
use crate::symbol::{find_symbols, symbol_key, Symbol};
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;
use vanban_model::{Metadata, Reference};

const TERMS: &str = include_str!("../data/party-terms.tsv");

/// The Party Central Committee's terms: (roman numeral, first year, last year), inclusive.
///
/// ```
/// let t = vanban_refs::identity::party_terms();
/// assert!(t.contains(&("XIII", 2021, 2026)));
/// ```
pub fn party_terms() -> &'static [(&'static str, u16, u16)] {
    static T: OnceLock<Vec<(&'static str, u16, u16)>> = OnceLock::new();
    T.get_or_init(|| {
        TERMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut it = l.split('\t').map(str::trim);
                let (t, a, b) = (it.next()?, it.next()?, it.next()?);
                Some((t, a.parse().ok()?, b.parse().ok()?))
            })
            .collect()
    })
}

/// Years of a term given by its roman numeral ("XIII" -> 2021..=2026).
///
/// ```
/// assert_eq!(vanban_refs::identity::term_years("xii"), Some((2016, 2021)));
/// assert_eq!(vanban_refs::identity::term_years("L"), None);
/// ```
pub fn term_years(roman: &str) -> Option<(u16, u16)> {
    party_terms()
        .iter()
        .find(|(t, _, _)| t.eq_ignore_ascii_case(roman.trim()))
        .map(|&(_, a, b)| (a, b))
}

/// The period (term) a year belongs to: the term that starts in it or runs through it
/// (a boundary year belongs to the term it starts).
///
/// ```
/// assert_eq!(vanban_refs::identity::period_of(2021), Some((2021, 2026)));
/// assert_eq!(vanban_refs::identity::period_of(2019), Some((2016, 2021)));
/// ```
pub fn period_of(year: u16) -> Option<(u16, u16)> {
    party_terms()
        .iter()
        .find(|&&(_, a, b)| a <= year && year < b)
        .map(|&(_, a, b)| (a, b))
}

/// What is known of a cited document's issue date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    /// An ISO date.
    Date(String),
    /// A year.
    Year(u16),
    /// A span of years (a term), inclusive.
    Range(u16, u16),
}

impl When {
    /// First and last year the date may fall in.
    pub fn years(&self) -> (u16, u16) {
        match self {
            When::Date(d) => {
                let y = year_of(d).unwrap_or(0);
                (y, y)
            }
            When::Year(y) => (*y, *y),
            When::Range(a, b) => (*a, *b),
        }
    }
    /// True for a full date.
    pub fn is_date(&self) -> bool {
        matches!(self, When::Date(_))
    }
    /// As people write it: "16/6/2022", "2022", "2021–2026".
    pub fn display(&self) -> String {
        match self {
            When::Date(d) => {
                let p: Vec<&str> = d.split('-').collect();
                match p.as_slice() {
                    [y, m, d] => format!(
                        "{}/{}/{y}",
                        d.trim_start_matches('0'),
                        m.trim_start_matches('0')
                    ),
                    _ => d.clone(),
                }
            }
            When::Year(y) => y.to_string(),
            When::Range(a, b) => format!("{a}–{b}"),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => f.write_str(d),
            When::Year(y) => write!(f, "{y}"),
            When::Range(a, b) => write!(f, "{a}..{b}"),
        }
    }
}

fn year_of(date: &str) -> Option<u16> {
    date.get(..4).and_then(|y| y.parse().ok())
}

fn valid_iso(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && d.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A parsed id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    /// The number part.
    pub number: String,
    /// The date part.
    pub when: Option<When>,
    /// The place slug.
    pub place: Option<String>,
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)?;
        if let Some(w) = &self.when {
            write!(f, "@{w}")?;
        }
        if let Some(p) = &self.place {
            write!(f, "~{p}")?;
        }
        Ok(())
    }
}

impl Ident {
    /// Parse an id of the grammar above; `None` when it does not follow it.
    ///
    /// ```
    /// use vanban_refs::identity::{Ident, When};
    /// let i = Ident::parse("15/KH-UBND@2023~quang-nam").unwrap();
    /// assert_eq!(i.when, Some(When::Year(2023)));
    /// assert_eq!(i.place.as_deref(), Some("quang-nam"));
    /// assert_eq!(Ident::parse("20-NQ/TW@2021..2026").unwrap().when, Some(When::Range(2021, 2026)));
    /// assert_eq!(Ident::parse("09/NQ-CP").unwrap().to_string(), "9/NQ-CP");
    /// assert!(Ident::parse("20-NQ/TW@22").is_none());
    /// ```
    pub fn parse(id: &str) -> Option<Ident> {
        let id = id.trim();
        let (rest, place) = match id.split_once('~') {
            Some((a, p)) if is_slug(p) => (a, Some(p.to_string())),
            Some(_) => return None,
            None => (id, None),
        };
        let (num, when) = match rest.split_once('@') {
            Some((n, w)) => (n, Some(parse_when(w)?)),
            None => (rest, None),
        };
        if num.is_empty() || !num.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(Ident {
            number: id_number(num),
            when,
            place,
        })
    }
    /// Matching key of the number (case, separators, leading zeros and Đ/D ignored).
    pub fn key(&self) -> String {
        symbol_key(&self.number).replace('Đ', "D")
    }
}

fn is_slug(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn parse_when(w: &str) -> Option<When> {
    if let Some((a, b)) = w.split_once("..") {
        let (a, b): (u16, u16) = (year4(a)?, year4(b)?);
        return (a <= b).then_some(When::Range(a, b));
    }
    if w.len() == 4 {
        return year4(w).map(When::Year);
    }
    valid_iso(w).then(|| When::Date(w.to_string()))
}

fn year4(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The number as an id writes it: spaces removed, dashes unified, the serial's leading
/// zeros dropped.
///
/// ```
/// assert_eq!(vanban_refs::identity::id_number("09 / NQ–CP"), "9/NQ-CP");
/// assert_eq!(vanban_refs::identity::id_number("20 - NQ/TW"), "20-NQ/TW");
/// ```
pub fn id_number(number: &str) -> String {
    let s: String = number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '‐' | '‑' | '‒' | '–' | '—' => '-',
            c => c,
        })
        .collect();
    let zeros = s.chars().take_while(|c| *c == '0').count();
    let digits = s
        .chars()
        .skip(zeros)
        .take_while(char::is_ascii_digit)
        .count();
    if zeros > 0 && digits > 0 {
        s.get(zeros..).unwrap_or(&s).to_string()
    } else {
        s
    }
}

fn parse_symbol(number: &str) -> Option<Symbol> {
    find_symbols(number.trim()).into_iter().next()
}

/// True when the symbol's own codes name its issuer (Party centre, Government, Prime
/// Minister, National Assembly, a ministry): no place is needed in the id.
fn national(sym: &Symbol) -> bool {
    if sym.codes.iter().any(|c| c == "TW") || issuer_from_symbol(sym).is_some() {
        return true;
    }
    // a symbol read without its document code ("…/2019/BCT"): its codes are all issuers
    sym.doc_code().is_none() && {
        let mut s = sym.clone();
        s.codes.insert(0, String::new());
        issuer_from_symbol(&s).is_some()
    }
}

/// True for a Party central symbol (numbered per Central Committee term).
fn party_central(sym: &Symbol) -> bool {
    sym.codes.iter().skip(1).any(|c| c == "TW")
}

/// Lowercase ASCII slug of a name: "Quảng Nam" -> "quang-nam", "Bà Rịa - Vũng Tàu" ->
/// "ba-ria-vung-tau".
///
/// ```
/// assert_eq!(vanban_refs::identity::place_slug("Đắk Lắk"), "dak-lak");
/// assert_eq!(vanban_refs::identity::place_slug("Bà Rịa - Vũng Tàu"), "ba-ria-vung-tau");
/// ```
pub fn place_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let a = ascii_letter(c);
        if a.is_ascii_alphanumeric() {
            out.push(a);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn ascii_letter(c: char) -> char {
    const GROUPS: [(&str, char); 7] = [
        ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
        ("èéẹẻẽêềếệểễ", 'e'),
        ("ìíịỉĩ", 'i'),
        ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
        ("ùúụủũưừứựửữ", 'u'),
        ("ỳýỵỷỹ", 'y'),
        ("đ", 'd'),
    ];
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(g, _)| g.contains(c))
        .map_or(' ', |&(_, a)| a)
}

/// The province named in an issuer ("Ủy ban nhân dân tỉnh Quảng Nam" -> "Quảng Nam"),
/// in its canonical spelling.
fn province_in(issuer: &str) -> Option<&'static str> {
    let name = vanban_meta::place_names()
        .iter()
        .copied()
        .find(|p| issuer.contains(p))?;
    Some(vanban_meta::find_province(name).map_or(name, |p| p.name))
}

/// The province a place slug stands for ("kon-tum" -> "Kon Tum"), the slug itself when
/// it names none.
///
/// ```
/// assert_eq!(vanban_refs::identity::place_name("quang-nam"), "Quảng Nam");
/// ```
pub fn place_name(slug: &str) -> String {
    vanban_meta::provinces()
        .iter()
        .map(|p| p.name)
        .chain(vanban_meta::provinces_2025().iter().map(|p| p.0))
        .find(|n| place_slug(n) == slug)
        .map_or_else(|| slug.to_string(), str::to_string)
}

/// A column label for a cited document: number, issuing province, date as people write
/// it, short subject: "20-NQ/TW (16/6/2022) kinh tế tập thể".
///
/// ```
/// use vanban_refs::identity::{label, When};
/// let w = When::Date("2022-06-16".into());
/// let t = "về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới";
/// assert_eq!(label("20-NQ/TW", Some(&w), None, Some(t)), "20-NQ/TW (16/6/2022) kinh tế tập thể");
/// assert_eq!(label("15/KH-UBND", None, Some("kon-tum"), None), "15/KH-UBND Kon Tum");
/// ```
pub fn label(
    number: &str,
    when: Option<&When>,
    place: Option<&str>,
    title: Option<&str>,
) -> String {
    let mut s = number.to_string();
    if let Some(p) = place {
        s.push(' ');
        s.push_str(&place_name(p));
    }
    if let Some(w) = when {
        s.push_str(&format!(" ({})", w.display()));
    }
    if let Some(t) = title.and_then(short_subject) {
        s.push(' ');
        s.push_str(&t);
    }
    s
}

fn province_slug(province: &str) -> String {
    place_slug(vanban_meta::find_province(province).map_or(province, |p| p.name))
}

/// The id of a document from its own number, date and province (`None` without a number).
///
/// ```
/// let m = vanban_model::Metadata {
///     doc_number: Some("15-CTr/TU".into()),
///     date: Some("2022-11-08".into()),
///     province: Some("Quảng Nam".into()),
///     ..Default::default()
/// };
/// assert_eq!(vanban_refs::identity::document_id(&m).as_deref(), Some("15-CTr/TU@2022-11-08~quang-nam"));
/// ```
pub fn document_id(meta: &Metadata) -> Option<String> {
    let number = meta.doc_number.as_deref()?.trim();
    let sym = parse_symbol(number);
    let canonical = sym.as_ref().map_or(number, |s| s.canonical.as_str());
    let when = meta
        .date
        .as_deref()
        .filter(|d| valid_iso(d))
        .map(|d| When::Date(d.to_string()))
        .or_else(|| sym.as_ref().and_then(|s| s.year).map(When::Year));
    let place = match &sym {
        Some(s) if national(s) => None,
        _ => meta
            .issuer
            .as_deref()
            .and_then(province_in)
            .or(meta
                .province
                .as_deref()
                .map(|p| vanban_meta::find_province(p).map_or(p, |x| x.name)))
            .map(province_slug),
    };
    Some(
        Ident {
            number: id_number(canonical),
            when,
            place,
        }
        .to_string(),
    )
}

fn term_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:[Kk]hóa|[Kk]hoá|KHÓA|KHOÁ)[ \t]*([IVXL]{1,6})\b").expect("term regex")
    })
}

/// Byte offsets of char offsets `chars` in `text` (the text length when past its end).
fn byte_offsets(text: &str, chars: &[usize]) -> HashMap<usize, usize> {
    let mut want: Vec<usize> = chars.to_vec();
    want.sort_unstable();
    want.dedup();
    let mut out = HashMap::with_capacity(want.len());
    let mut it = text.char_indices().enumerate();
    for w in want {
        let b = loop {
            match it.next() {
                Some((i, (b, _))) if i == w => break b,
                Some(_) => continue,
                None => break text.len(),
            }
        };
        out.insert(w, b);
    }
    out
}

/// The term ("khóa XIII") printed with a citation: in the words after the mention up to
/// its subject ("về …"), the next citation, a quote or the end of the clause.
fn term_after(text: &str, from: usize, next: usize) -> Option<(u16, u16)> {
    let end = next.min(text.len());
    let rest = text.get(from..end)?;
    let mut cut = rest.len();
    for stop in ['\n', ';', '“', '"'] {
        if let Some(i) = rest.find(stop) {
            cut = cut.min(i);
        }
    }
    if let Some(i) = rest.find(" về ") {
        cut = cut.min(i);
    }
    // a citation names its issuer within a few words
    let mut n = 0;
    for (i, _) in rest.char_indices() {
        n += 1;
        if n > 140 {
            cut = cut.min(i);
            break;
        }
    }
    let window = rest.get(..cut)?;
    let c = term_re().captures(window)?;
    term_years(c.get(1)?.as_str())
}

/// The term printed with one citation of a Party central symbol (bytes `end..tail` of
/// `text`: what follows the symbol up to the end of the citation), for resolving.
pub(crate) fn cite_term(text: &str, sym: &Symbol, end: usize, tail: usize) -> Option<(u16, u16)> {
    if !party_central(sym) {
        return None;
    }
    term_after(text, end, tail.max(end))
}

/// Can a citation with term `b_term` / year `b_year` name the same document as an entry
/// with `a_term` / `a_year`? Not when a printed year falls outside the other's term, nor
/// when the terms differ.
pub(crate) fn term_agrees(
    a_term: Option<(u16, u16)>,
    a_year: Option<&str>,
    b_term: Option<(u16, u16)>,
    b_year: Option<&str>,
) -> bool {
    let inside =
        |t: Option<(u16, u16)>, y: Option<&str>| match (t, y.and_then(|y| y.parse::<u16>().ok())) {
            (Some((a, b)), Some(y)) => a <= y && y <= b,
            _ => true,
        };
    let same = match (a_term, b_term) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    same && inside(a_term, b_year) && inside(b_term, a_year)
}

/// Fill `id`, `ambiguous` and `candidates` of one document's references, and `resolved`
/// of a law cited by name alone ([`crate::laws::resolve_name`]). `text` is the
/// document's normalized text (the mentions' char offsets point into it), `meta` its
/// metadata: its date bounds every reference (nothing cites the future), its province is
/// the issuer's place of a local symbol cited without one ("Kế hoạch số 15/KH-UBND của
/// UBND tỉnh").
///
/// ```
/// use vanban_model::{Mention, Metadata, Reference};
/// let text = "Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII về kinh tế tập thể;";
/// let mut refs = vec![Reference {
///     number: Some("20-NQ/TW".into()),
///     relation: "implements".into(),
///     mentions: vec![Mention { start: 10, end: 32 }],
///     ..Default::default()
/// }];
/// let meta = Metadata { date: Some("2023-03-01".into()), ..Default::default() };
/// vanban_refs::identity::assign(text, &mut refs, &meta);
/// assert_eq!(refs[0].id.as_deref(), Some("20-NQ/TW@2021..2026"));
/// assert!(!refs[0].ambiguous);
/// ```
pub fn assign(text: &str, refs: &mut [Reference], meta: &Metadata) {
    let citing_year = meta.date.as_deref().and_then(year_of);
    let own_place = meta
        .province
        .as_deref()
        .map(|p| vanban_meta::find_province(p).map_or(p, |x| x.name));
    let mut starts: Vec<usize> = refs
        .iter()
        .flat_map(|r| r.mentions.iter().map(|m| m.start))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let wanted: Vec<usize> = refs
        .iter()
        .flat_map(|r| r.mentions.iter().flat_map(|m| [m.start, m.end]))
        .collect();
    let bytes = byte_offsets(text, &wanted);
    let at = |c: usize| bytes.get(&c).copied().unwrap_or(text.len());

    let mut idents: Vec<Option<Ident>> = Vec::with_capacity(refs.len());
    for r in refs.iter() {
        let Some(number) = r.number.as_deref().filter(|n| !n.trim().is_empty()) else {
            idents.push(None);
            continue;
        };
        let sym = parse_symbol(number);
        let not_future = |y: u16| citing_year.is_none_or(|c| y <= c);
        let date = r
            .date
            .as_deref()
            .filter(|d| valid_iso(d) && year_of(d).is_some_and(not_future))
            .map(|d| When::Date(d.to_string()));
        let year = sym
            .as_ref()
            .and_then(|s| s.year)
            .filter(|&y| not_future(y))
            .map(When::Year);
        let term = || {
            if !sym.as_ref().is_some_and(party_central) {
                return None;
            }
            let from_text = r.mentions.iter().find_map(|m| {
                let next = starts
                    .iter()
                    .find(|&&s| s >= m.end)
                    .map_or(text.len(), |&s| at(s));
                term_after(text, at(m.end), next)
            });
            from_text
                .or_else(|| {
                    let i = r.issuer.as_deref()?;
                    let c = term_re().captures(i)?;
                    term_years(c.get(1)?.as_str())
                })
                .filter(|&(a, _)| not_future(a))
                .map(|(a, b)| When::Range(a, b))
        };
        let when = date.or(year).or_else(term);
        let place = match &sym {
            Some(s) if national(s) => None,
            _ => r
                .issuer
                .as_deref()
                .and_then(province_in)
                .or(own_place)
                .map(province_slug),
        };
        let canonical = sym.as_ref().map_or(number, |s| s.canonical.as_str());
        idents.push(Some(Ident {
            number: id_number(canonical),
            when,
            place,
        }));
    }
    for (i, r) in refs.iter_mut().enumerate() {
        let Some(Some(me)) = idents.get(i) else {
            r.id = None;
            r.ambiguous = false;
            r.candidates = Vec::new();
            // a law cited by name alone: the version the laws table gives (not a bill:
            // "dự án Luật …", "dự thảo Luật …" name a law still to be passed)
            let bill = !r.mentions.is_empty()
                && r.mentions.iter().all(|m| {
                    let pre = text.get(..at(m.start)).unwrap_or_default();
                    let from = pre.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
                    let before = pre.get(from..).unwrap_or_default().to_lowercase();
                    let before = before.trim_end();
                    before.ends_with("dự án") || before.ends_with("dự thảo")
                });
            r.resolved = r
                .name
                .as_deref()
                .filter(|_| r.number.is_none() && !bill)
                .and_then(|n| {
                    crate::laws::resolve_name(n, r.date.as_deref(), meta.date.as_deref())
                });
            continue;
        };
        r.resolved = None;
        r.id = Some(me.to_string());
        r.ambiguous = me.when.is_none();
        r.candidates = if r.ambiguous {
            let mut c: Vec<String> = idents
                .iter()
                .flatten()
                .filter(|o| o.when.is_some() && o.key() == me.key() && o.place == me.place)
                .map(Ident::to_string)
                .collect();
            c.sort();
            c.dedup();
            c
        } else {
            Vec::new()
        };
    }
}

/// The words of a subject ("về …") for matching restated titles: lowercase, the leading
/// "về (việc)" and quotes dropped, punctuation removed.
pub fn subject_words(title: &str) -> Vec<String> {
    let low = title.to_lowercase();
    let words: Vec<String> = low
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let skip = match words.as_slice() {
        [a, b, ..] if a == "về" && b == "việc" => 2,
        [a, ..] if a == "về" || a == "v/v" => 1,
        _ => 0,
    };
    words.into_iter().skip(skip).collect()
}

/// Do two subjects name the same document? `None` when either is too short to tell
/// (under four words); `Some(true)` when one restates the other (the shorter's words open
/// the longer, or ≥ 70% of the words are shared).
///
/// ```
/// use vanban_refs::identity::titles_match;
/// let a = "về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới";
/// assert_eq!(titles_match(a, "tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể"), Some(true));
/// assert_eq!(titles_match(a, "về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân"), Some(false));
/// assert_eq!(titles_match(a, "về kinh tế"), None);
/// ```
pub fn titles_match(a: &str, b: &str) -> Option<bool> {
    let (a, b) = (subject_words(a), subject_words(b));
    if a.len() < 4 || b.len() < 4 {
        return None;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.starts_with(short) {
        return Some(true);
    }
    let set: std::collections::HashSet<&String> = long.iter().collect();
    let shared = short.iter().filter(|w| set.contains(w)).count();
    Some(shared * 10 >= short.len() * 7)
}

/// A short subject for a label, from a title: the context ("trong giai đoạn mới", "đến
/// năm 2030", "thời kỳ …") and the leading verbs ("tiếp tục", "đẩy mạnh", "nâng cao hiệu
/// quả") taken off the last clause, at most six words.
///
/// ```
/// use vanban_refs::identity::short_subject;
/// assert_eq!(short_subject("về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới").as_deref(), Some("kinh tế tập thể"));
/// assert_eq!(short_subject("về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân trong tình hình mới").as_deref(), Some("sức khỏe nhân dân"));
/// assert_eq!(short_subject("về tiếp tục xây dựng giai cấp công nhân Việt Nam thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước").as_deref(), Some("giai cấp công nhân Việt Nam"));
/// assert_eq!(short_subject("về thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương").as_deref(), Some("thực hiện 20-NQ/TW"));
/// assert_eq!(short_subject("ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 20-NQ/TW").as_deref(), Some("Chương trình hành động"));
/// assert_eq!(short_subject("Thực hiện Kế hoạch số 15/KH-UBND"), None);
/// ```
pub fn short_subject(title: &str) -> Option<String> {
    let title = subject(title)?;
    const CONTEXT: [&str; 9] = [
        " trong giai đoạn",
        " trong tình hình",
        " trong thời kỳ",
        " thời kỳ",
        " đến năm",
        " giai đoạn",
        " tầm nhìn",
        " trên địa bàn",
        " năm 20",
    ];
    const VERBS: [&str; 23] = [
        "về việc",
        "về",
        "ban hành",
        "tiếp tục",
        "đổi mới",
        "phát triển",
        "nâng cao hiệu quả",
        "nâng cao",
        "tăng cường",
        "đẩy mạnh",
        "xây dựng",
        "hoàn thiện",
        "chăm sóc",
        "thực hiện",
        "triển khai",
        "công tác",
        "bảo vệ",
        "hiệu quả",
        "sự lãnh đạo của đảng đối với",
        "và",
        "hướng dẫn",
        "một số",
        "phê duyệt",
    ];
    let t = title.trim().trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '“' | '”' | '.' | ';' | ',')
    });
    let low = t.to_lowercase();
    let mut cut = t.len();
    for c in CONTEXT {
        if let Some(i) = low.find(c) {
            if i > 0 && i < cut && t.is_char_boundary(i) {
                cut = i;
            }
        }
    }
    let head = t.get(..cut).unwrap_or(t);
    let clause = head.rsplit(',').next().unwrap_or(head).trim();
    let mut rest = clause;
    loop {
        let lower = rest.to_lowercase();
        let hit = VERBS.iter().find(|v| {
            lower.starts_with(*v)
                && lower
                    .get(v.len()..)
                    .is_some_and(|s| s.is_empty() || s.starts_with(' '))
        });
        match hit {
            Some(v) if rest.len() > v.len() => {
                rest = rest.get(v.len()..).unwrap_or("").trim_start();
            }
            _ => break,
        }
    }
    // a subject that carries out another document: "thực hiện 20-NQ/TW"
    if let Some(sym) = find_symbols(rest).into_iter().next() {
        if rest
            .get(..sym.start)
            .is_some_and(|b| b.split_whitespace().count() <= 3)
        {
            return Some(format!("thực hiện {}", sym.canonical));
        }
    }
    // the issuer of a document named in the subject is not part of the short subject
    let rest = match rest.find(" của ") {
        Some(i) if i > 0 => rest.get(..i).unwrap_or(rest),
        _ => rest,
    };
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '“' | '”' | '"')))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The subject a reference restates, cleaned for display: only a subject printed as one
/// ("về …", "ban hành …", "phê duyệt …": it starts lower-case; a title that starts
/// upper-case is the sentence around the citation), cut where the sentence goes on
/// (";", or a comma before a capitalized word: ", Ủy ban nhân dân tỉnh báo cáo …").
///
/// ```
/// use vanban_refs::identity::subject;
/// assert_eq!(subject("về phiên họp Chính phủ thường kỳ tháng 01 năm 2019, Ủy ban nhân dân tỉnh báo cáo như sau").as_deref(), Some("về phiên họp Chính phủ thường kỳ tháng 01 năm 2019"));
/// assert_eq!(subject("Thực hiện Kế hoạch số 15/KH-UBND ngày 15/3/2023"), None);
/// ```
pub fn subject(title: &str) -> Option<String> {
    let t = title.trim().trim_start_matches(['"', '“', '”', '(', ' ']);
    if !t.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let mut end = t.find(';').unwrap_or(t.len());
    let mut from = 0;
    while let Some(i) = t.get(from..).and_then(|s| s.find(", ")) {
        let at = from + i;
        if at >= end {
            break;
        }
        if t.get(at + 2..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
        {
            end = at;
            break;
        }
        from = at + 2;
    }
    let s = t
        .get(..end)
        .unwrap_or(t)
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '”' | '"' | ':'));
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_model::Mention;

    fn mention(text: &str, needle: &str) -> Mention {
        let b = text.find(needle).unwrap_or(0);
        let start = text[..b].chars().count();
        Mention {
            start,
            end: start + needle.chars().count(),
        }
    }

    fn reference(text: &str, number: &str, needle: &str) -> Reference {
        Reference {
            number: Some(number.into()),
            relation: "cites".into(),
            mentions: vec![mention(text, needle)],
            ..Default::default()
        }
    }

    #[test]
    fn dates_years_terms_and_places() {
        let text = "Căn cứ Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ; Luật số 64/2025/QH15; \
                    Kế hoạch số 15/KH-UBND của UBND tỉnh; Kế hoạch số 16/KH-UBND của Ủy ban nhân dân tỉnh Kon Tum; \
                    Nghị quyết số 20-NQ/TW của Bộ Chính trị (khóa XII) về y tế; Nghị quyết số 21-NQ/TW về khóa XIII; \
                    Nghị quyết số 19-NQ/TW.";
        let mut refs = vec![
            Reference {
                date: Some("2023-02-02".into()),
                ..reference(text, "09/NQ-CP", "Nghị quyết số 09/NQ-CP")
            },
            reference(text, "64/2025/QH15", "Luật số 64/2025/QH15"),
            reference(text, "15/KH-UBND", "Kế hoạch số 15/KH-UBND"),
            Reference {
                issuer: Some("Ủy ban nhân dân tỉnh Kon Tum".into()),
                ..reference(text, "16/KH-UBND", "Kế hoạch số 16/KH-UBND")
            },
            reference(text, "20-NQ/TW", "Nghị quyết số 20-NQ/TW"),
            reference(text, "21-NQ/TW", "Nghị quyết số 21-NQ/TW"),
            reference(text, "19-NQ/TW", "Nghị quyết số 19-NQ/TW"),
        ];
        let meta = Metadata {
            date: Some("2025-08-01".into()),
            province: Some("Quảng Nam".into()),
            ..Default::default()
        };
        assign(text, &mut refs, &meta);
        let ids: Vec<_> = refs.iter().map(|r| r.id.clone().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "9/NQ-CP@2023-02-02",
                "64/2025/QH15@2025",
                "15/KH-UBND~quang-nam",
                "16/KH-UBND~kon-tum",
                "20-NQ/TW@2016..2021",
                // "khóa XIII" after "về" belongs to the subject, not to the citation
                "21-NQ/TW",
                "19-NQ/TW",
            ]
        );
        let amb: Vec<_> = refs.iter().map(|r| r.ambiguous).collect();
        assert_eq!(amb, [false, false, true, true, false, true, true]);
    }

    #[test]
    fn nothing_cites_the_future() {
        let text = "Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII.";
        let mut refs = vec![Reference {
            date: Some("2022-06-16".into()),
            ..reference(text, "20-NQ/TW", "Nghị quyết số 20-NQ/TW")
        }];
        let meta = Metadata {
            date: Some("2019-05-01".into()),
            ..Default::default()
        };
        assign(text, &mut refs, &meta);
        // neither the date nor the term can be right for a 2019 document
        assert_eq!(refs[0].id.as_deref(), Some("20-NQ/TW"));
        assert!(refs[0].ambiguous);
    }

    #[test]
    fn undated_reference_lists_the_documents_dated_ids_of_its_number() {
        let text = "Nghị quyết số 20-NQ/TW ngày 25/10/2017; Nghị quyết số 20-NQ/TW ngày 16/6/2022; Nghị quyết 20-NQ/TW.";
        let mut refs = vec![
            Reference {
                date: Some("2017-10-25".into()),
                ..reference(text, "20-NQ/TW", "Nghị quyết số 20-NQ/TW ngày 25")
            },
            Reference {
                date: Some("2022-06-16".into()),
                ..reference(text, "20-NQ/TW", "Nghị quyết số 20-NQ/TW ngày 16")
            },
            reference(text, "20-NQ/TW", "Nghị quyết 20-NQ/TW"),
        ];
        assign(text, &mut refs, &Metadata::default());
        assert!(refs[2].ambiguous);
        assert_eq!(
            refs[2].candidates,
            ["20-NQ/TW@2017-10-25", "20-NQ/TW@2022-06-16"]
        );
        assert!(refs[0].candidates.is_empty());
    }

    #[test]
    fn a_term_keeps_two_documents_of_one_number_apart_in_one_text() {
        let text = "1. Tiếp tục thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa X), toàn tỉnh có 42 công đoàn cơ sở.\n\
                    2. Triển khai Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân.";
        let out = crate::extract(text, None);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let mut refs = out.references;
        let meta = Metadata {
            date: Some("2019-03-12".into()),
            ..Default::default()
        };
        assign(text, &mut refs, &meta);
        let ids: Vec<_> = refs.iter().filter_map(|r| r.id.clone()).collect();
        assert_eq!(ids, ["20-NQ/TW@2006..2011", "20-NQ/TW@2017-10-25"]);
    }

    #[test]
    fn an_undated_mention_between_two_documents_of_its_number_is_flagged() {
        let text = "Nghị quyết số 20-NQ/TW ngày 25/10/2017 về y tế; Nghị quyết số 20-NQ/TW ngày 16/6/2022 về kinh tế tập thể; thực hiện Nghị quyết số 20-NQ/TW.";
        let out = crate::extract(text, None);
        assert_eq!(out.references.len(), 2);
        assert!(
            out.warnings
                .iter()
                .any(|w| w.contains("20-NQ/TW") && w.contains("2 documents")),
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn national_symbols_take_no_place() {
        let text = "Thông tư 2019/BCT; Kế hoạch số 15/KH-UBND.";
        let mut refs = vec![
            reference(text, "2019/BCT", "Thông tư 2019/BCT"),
            reference(text, "15/KH-UBND", "Kế hoạch số 15/KH-UBND"),
        ];
        let meta = Metadata {
            province: Some("Lào Cai".into()),
            ..Default::default()
        };
        assign(text, &mut refs, &meta);
        assert_eq!(refs[0].id.as_deref(), Some("2019/BCT"));
        assert_eq!(refs[1].id.as_deref(), Some("15/KH-UBND~lao-cai"));
    }

    #[test]
    fn ids_round_trip() {
        for id in [
            "20-NQ/TW@2022-06-16",
            "20-NQ/TW@2022",
            "20-NQ/TW@2021..2026",
            "15/KH-UBND@2023-03-10~quang-nam",
            "15/KH-UBND~kon-tum",
            "64/2025/QH15@2025",
        ] {
            assert_eq!(Ident::parse(id).map(|i| i.to_string()).as_deref(), Some(id));
        }
        for bad in [
            "",
            "@2022",
            "20-NQ/TW@2022-6-16",
            "20-NQ/TW~Quảng Nam",
            "x@2022",
        ] {
            assert!(Ident::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_document_id_needs_a_number() {
        assert_eq!(document_id(&Metadata::default()), None);
        let m = Metadata {
            doc_number: Some("09/NQ-CP".into()),
            date: Some("2023-02-02".into()),
            province: Some("Kon Tum".into()),
            ..Default::default()
        };
        assert_eq!(document_id(&m).as_deref(), Some("9/NQ-CP@2023-02-02"));
    }
}
