//! Resolving: citations grouped into one entry per distinct document (full citations,
//! short forms, defined aliases), the document's own number left out, and the relation
//! of the document to each reference read from where and how it is cited.

use crate::find::{Cite, Form};
use crate::issuer::issuer_from_symbol;
use crate::kind::{family, kind_at};
use crate::symbol::symbol_key;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Relation of the document to a reference, ordered weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rel {
    /// Mentioned.
    Cites,
    /// Legal basis ("Căn cứ …").
    Basis,
    /// Carried out by the document ("Thực hiện …" in the preamble or purpose): the
    /// strongest, so a resolution cited as basis and carried out reads as implemented.
    Implements,
}

impl Rel {
    /// Contract name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rel::Cites => "cites",
            Rel::Implements => "implements",
            Rel::Basis => "basis",
        }
    }
}

/// One distinct referenced document while resolving.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Indices of the citations naming it.
    pub cites: Vec<usize>,
    /// Extra mention spans (aliases), bytes.
    pub alias_spans: Vec<(usize, usize)>,
    /// Symbol key (numbered entries).
    pub key: Option<String>,
    /// Serial of the symbol.
    pub serial: Option<u32>,
    /// Name key (named entries and laws printed with their name).
    pub name_key: Option<String>,
    /// Year of a law / term of a Party resolution.
    pub qualifier: Option<String>,
    /// First date printed.
    pub date: Option<String>,
    /// First issuer printed.
    pub issuer: Option<String>,
    /// Byte offset of the latest mention so far.
    pub last: usize,
    /// Years of the Party term printed with a citation ("khóa X"), Party central symbols.
    pub term: Option<(u16, u16)>,
}

fn province_of(issuer: &str) -> Option<&'static str> {
    // longest first, so the first hit is the longest name
    vanban_meta::place_names()
        .iter()
        .copied()
        .find(|p| issuer.contains(p))
}

fn year_of(date: &Option<String>) -> Option<&str> {
    date.as_deref().and_then(|d| d.get(..4))
}

/// Numbering restarts every year and per issuer: same symbol, different year or
/// different province of the issuer = different document.
fn compatible(e: &Entry, c: &Cite, term: Option<(u16, u16)>) -> bool {
    if let (Some(a), Some(b)) = (year_of(&e.date), year_of(&c.date)) {
        if a != b {
            return false;
        }
    }
    if !crate::identity::term_agrees(e.term, year_of(&e.date), term, year_of(&c.date)) {
        return false;
    }
    if let (Some(a), Some(b)) = (e.issuer.as_deref(), c.issuer.as_deref()) {
        if let (Some(pa), Some(pb)) = (province_of(a), province_of(b)) {
            if pa != pb {
                return false;
            }
        }
    }
    true
}

fn absorb(e: &mut Entry, i: usize, c: &Cite) {
    e.cites.push(i);
    e.last = e.last.max(c.start);
    if e.date.is_none() {
        e.date.clone_from(&c.date);
    }
    if e.issuer.is_none() {
        e.issuer.clone_from(&c.issuer);
    }
}

/// The alias regex, or `None` when `text` has none of its keywords (no match is then
/// possible, and the regex, its bounded capture the costliest of the crate to build, is
/// not compiled).
fn alias_re_for(text: &str) -> Option<&'static Regex> {
    ["gọi tắt là", "gọi là", "viết tắt là"]
        .iter()
        .any(|k| text.contains(k))
        .then(alias_re)
}

fn alias_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\((?:sau đây |dưới đây )?(?:được )?(?:gọi tắt là|gọi là|viết tắt là)[ \t]*[“\x22]?([^)”\x22\n]{1,80})[”\x22]?\)")
            .expect("alias regex")
    })
}

/// The entry an alias "(sau đây gọi tắt là X)" opening at `paren` restates. X must name a
/// document: it opens with a kind word ("Luật Giám sát", "Nghị quyết 68", "Chương trình");
/// an alias naming a body ("Hội đồng", "Ban Chỉ đạo", "Quỹ") restates no document. The
/// head noun it restates is the nearest earlier printing of that kind word on the line,
/// which must lie in a citation (its name, or the title printed after it: "Quyết định số …
/// phê duyệt Chương trình …"); a head noun outside any citation ("Đề án … ban hành kèm theo
/// Quyết định này") is the document's own.
fn alias_target(
    text: &str,
    cites: &[Cite],
    owner: &[Option<usize>],
    paren: usize,
    alias: &str,
) -> Option<usize> {
    let (kind, _) = kind_at(alias)?;
    let line_start = text
        .get(..paren)
        .and_then(|p| p.rfind('\n'))
        .map_or(0, |p| p + 1);
    let seg = text.get(line_start..paren)?;
    let low = seg.to_lowercase();
    if low.len() != seg.len() {
        return None;
    }
    // the kind printed, or its family ("Chương trình hành động …" restates "Chương trình số …")
    let at = line_start
        + [kind, family(kind)]
            .iter()
            .filter_map(|k| low.rfind(&k.to_lowercase()))
            .max()?;
    cites
        .iter()
        .enumerate()
        .filter(|(_, c)| c.start <= at && at < c.tail.max(c.end))
        .find_map(|(i, _)| owner.get(i).copied().flatten())
}

/// A technical regulation printed once without its issuer code ("QCVN 122:2024", the "/"
/// lost or left out) and elsewhere with it ("QCVN 122:2024/BGTVT") is one regulation: the
/// bare form maps to the full one when the document prints exactly one full form.
fn regulation_codes(cites: &[Cite]) -> HashMap<&str, &str> {
    let mut full: HashMap<&str, Option<&str>> = HashMap::new();
    for c in cites {
        let Form::Numbered(sym) = &c.form else {
            continue;
        };
        let canon = sym.canonical.as_str();
        if !(canon.starts_with("QCVN ") || canon.starts_with("QCĐP ")) {
            continue;
        }
        if let Some((bare, _code)) = canon.split_once('/') {
            let slot = full.entry(bare).or_insert(Some(canon));
            if *slot != Some(canon) {
                *slot = None; // two codes for one serial: leave the bare form alone
            }
        }
    }
    cites
        .iter()
        .filter_map(|c| match &c.form {
            Form::Numbered(sym) if !sym.canonical.contains('/') => {
                let f = full.get(sym.canonical.as_str()).copied().flatten()?;
                Some((sym.canonical.as_str(), f))
            }
            _ => None,
        })
        .collect()
}

/// Group citations into entries. `own` holds symbol keys of the document itself.
pub fn resolve(
    text: &str,
    cites: &[Cite],
    own: &HashSet<String>,
    warnings: &mut Vec<String>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; cites.len()];
    let coded = regulation_codes(cites);
    // 1. numbered citations
    for (i, c) in cites.iter().enumerate() {
        let Form::Numbered(sym) = &c.form else {
            continue;
        };
        let key = coded
            .get(sym.canonical.as_str())
            .map_or_else(|| symbol_key(&sym.canonical), |full| symbol_key(full));
        if c.header || own.contains(&key) {
            continue;
        }
        let term = crate::identity::cite_term(text, sym, c.end, c.tail);
        let fits: Vec<(usize, usize)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.key.as_deref() == Some(key.as_str()) && compatible(e, c, term))
            .map(|(k, e)| (k, e.last))
            .collect();
        if fits.len() > 1 && c.date.is_none() && term.is_none() {
            // never silently: the nearest preceding document of that number is a guess
            warnings.push(format!(
                "refs: {}: a mention without date could be any of {} documents of that number; attached to the nearest one before it",
                sym.canonical,
                fits.len()
            ));
        }
        let found = fits.iter().max_by_key(|(_, last)| *last).map(|&(k, _)| k);
        let k = match found {
            Some(k) => k,
            None => {
                entries.push(Entry {
                    key: Some(key),
                    serial: Some(sym.serial),
                    name_key: c.law_name.as_ref().map(|n| n.key()),
                    qualifier: sym.year.map(|y| y.to_string()),
                    ..Default::default()
                });
                entries.len() - 1
            }
        };
        if let Some(e) = entries.get_mut(k) {
            absorb(e, i, c);
            e.term = e.term.or(term);
            if e.name_key.is_none() {
                e.name_key = c.law_name.as_ref().map(|n| n.key());
            }
        }
        if let Some(o) = owner.get_mut(i) {
            *o = Some(k);
        }
    }
    // 2. named citations. A name defined as an alias ("(sau đây gọi tắt là Luật Giám sát)")
    // is the document it restates, here and wherever it is printed later.
    let parens: Vec<(usize, usize)> = alias_re_for(text)
        .map(|re| re.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default();
    let mut aliases: Vec<(String, usize)> = Vec::new();
    for (i, c) in cites.iter().enumerate() {
        let Form::Named(n) = &c.form else { continue };
        let key = n.key();
        let in_alias = parens
            .iter()
            .find(|(s, e)| c.start >= *s && c.end <= *e)
            .and_then(|&(s, _)| alias_target(text, cites, &owner, s, text.get(c.start..c.end)?));
        if let Some(k) = in_alias.or_else(|| {
            aliases
                .iter()
                .rev()
                .find(|(a, _)| *a == key)
                .map(|(_, k)| *k)
        }) {
            if in_alias.is_some() {
                aliases.push((key, k));
            }
            if let Some(e) = entries.get_mut(k) {
                absorb(e, i, c);
            }
            if let Some(o) = owner.get_mut(i) {
                *o = Some(k);
            }
            continue;
        }
        let same: Vec<usize> = (0..entries.len())
            .filter(|&k| {
                entries
                    .get(k)
                    .is_some_and(|e| e.name_key.as_deref() == Some(&key))
            })
            .collect();
        let pick = match &n.qualifier {
            Some(q) => same
                .iter()
                .copied()
                .find(|&k| {
                    entries
                        .get(k)
                        .is_some_and(|e| e.qualifier.as_deref() == Some(q))
                })
                .or_else(|| {
                    same.iter()
                        .copied()
                        .find(|&k| entries.get(k).is_some_and(|e| e.qualifier.is_none()))
                }),
            // a title alone is a mention only when exactly one cited document has it
            None if same.len() > 1 => continue,
            None => same.first().copied(),
        };
        let k = match pick {
            Some(k) => k,
            None => {
                entries.push(Entry {
                    name_key: Some(key),
                    ..Default::default()
                });
                entries.len() - 1
            }
        };
        if let Some(e) = entries.get_mut(k) {
            if e.qualifier.is_none() {
                e.qualifier.clone_from(&n.qualifier);
            }
            absorb(e, i, c);
        }
        if let Some(o) = owner.get_mut(i) {
            *o = Some(k);
        }
    }
    // 3. short forms. A short form defined as an alias ("(sau đây gọi tắt là Nghị quyết
    // 20)") binds to the citation it follows; others go to the entry of the same kind and
    // serial cited most recently.
    // per entry: the kind families it is cited under and its mention starts, sorted
    let fams: Vec<Vec<&str>> = entries
        .iter()
        .map(|e| {
            let mut f: Vec<&str> = e
                .cites
                .iter()
                .filter_map(|&j| cites.get(j)?.kind)
                .map(family)
                .collect();
            f.sort_unstable();
            f.dedup();
            f
        })
        .collect();
    let starts: Vec<Vec<usize>> = entries
        .iter()
        .map(|e| {
            let mut v: Vec<usize> = e
                .cites
                .iter()
                .filter_map(|&j| cites.get(j))
                .map(|x| x.start)
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let mut bound: Vec<(&str, u32, usize, usize)> = Vec::new(); // (family, serial, from, entry)
    for (i, c) in cites.iter().enumerate() {
        let Form::Short(serial) = c.form else {
            continue;
        };
        let Some(kind) = c.kind else { continue };
        let fam = family(kind);
        let in_alias = parens
            .iter()
            .find(|(s, e)| c.start >= *s && c.end <= *e)
            .copied();
        let mut k = None;
        if let Some((ps, _)) = in_alias {
            let line_start = text
                .get(..ps)
                .and_then(|p| p.rfind('\n'))
                .map_or(0, |p| p + 1);
            k = (0..i)
                .rev()
                .filter(|&j| {
                    cites
                        .get(j)
                        .is_some_and(|x| x.start >= line_start && x.end <= ps)
                })
                .find_map(|j| owner.get(j).copied().flatten());
            if let Some(k) = k {
                bound.push((fam, serial, c.start, k));
            }
        }
        if k.is_none() {
            k = bound
                .iter()
                .rev()
                .find(|b| b.0 == fam && b.1 == serial && b.2 < c.start)
                .map(|b| b.3);
        }
        if k.is_none() {
            let cands: Vec<usize> = (0..entries.len())
                .filter(|&k| {
                    entries.get(k).is_some_and(|e| e.serial == Some(serial))
                        && fams.get(k).is_some_and(|f| f.contains(&fam))
                })
                .collect();
            let before = cands
                .iter()
                .copied()
                .filter_map(|k| {
                    let v = starts.get(k)?;
                    let n = v.partition_point(|&s| s < c.start);
                    Some((*v.get(n.checked_sub(1)?)?, k))
                })
                .max()
                .map(|x| x.1);
            k = before.or_else(|| cands.first().copied());
        }
        match k {
            Some(k) => {
                if let Some(e) = entries.get_mut(k) {
                    e.cites.push(i);
                }
                if let Some(o) = owner.get_mut(i) {
                    *o = Some(k);
                }
            }
            None => {
                let shown = text.get(c.start..c.end).unwrap_or_default();
                if !own
                    .iter()
                    .any(|o| o.split(['-', '/']).next() == Some(&serial.to_string()))
                {
                    warnings.push(format!(
                        "refs: short reference \"{shown}\" matches no cited document; skipped"
                    ));
                }
            }
        }
    }
    // 4. defined aliases: "(gọi tắt là …)", "(sau đây gọi là …)"
    for m in alias_re_for(text)
        .into_iter()
        .flat_map(|re| re.captures_iter(text))
    {
        let (Some(whole), Some(al)) = (m.get(0), m.get(1)) else {
            continue;
        };
        if cites
            .iter()
            .any(|c| c.start >= whole.start() && c.start < whole.end())
        {
            continue; // the alias is itself a citation: already counted
        }
        let alias = al.as_str().trim();
        if alias.chars().count() < 3 {
            continue;
        }
        let Some(k) = alias_target(text, cites, &owner, whole.start(), alias) else {
            continue; // a body ("Hội đồng") or the document's own part ("Đề án")
        };
        // a bare kind ("Chương trình") is the document only where printed alone: not
        // "Chương trình này", "Chương trình số 5", "Chương trình Mục tiêu"
        let bare = kind_at(alias)
            .is_some_and(|(_, n)| alias.get(n..).is_some_and(|r| r.trim().is_empty()));
        let mut spans = vec![(al.start(), al.start() + alias.len())];
        let rest_from = whole.end();
        for (off, _) in text
            .get(rest_from..)
            .unwrap_or_default()
            .match_indices(alias)
        {
            let s = rest_from + off;
            let e = s + alias.len();
            let bounded = !text
                .get(..s)
                .and_then(|p| p.chars().next_back())
                .is_some_and(char::is_alphanumeric)
                && !text
                    .get(e..)
                    .and_then(|p| p.chars().next())
                    .is_some_and(char::is_alphanumeric);
            let after = text.get(e..).unwrap_or_default();
            let qualified = bare
                && (after.starts_with(" này")
                    || after.starts_with(" số")
                    || after
                        .strip_prefix(' ')
                        .and_then(|a| a.chars().next())
                        .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit()));
            if bounded && !qualified && !cites.iter().any(|c| s < c.end && c.start < e) {
                spans.push((s, e));
            }
        }
        if let Some(e) = entries.get_mut(k) {
            e.alias_spans.extend(spans);
        }
    }
    entries.retain(|e| !e.cites.is_empty());
    entries
}

/// Where a line sits in the document: the relation of a "Thực hiện …" depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Title and "Căn cứ"/"Thực hiện" clauses before the first section.
    Preamble,
    /// The purpose section ("I. MỤC ĐÍCH, YÊU CẦU" / "1. Mục đích").
    Purpose,
    /// Everything else.
    Body,
}

fn is_roman_heading(l: &str) -> bool {
    let head: String = l
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .collect();
    !head.is_empty()
        && l.get(head.len()..)
            .is_some_and(|r| r.starts_with(['.', ')', ' ']) || r.starts_with(" -"))
}

fn is_numbered_heading(l: &str) -> bool {
    let n = l.bytes().take_while(u8::is_ascii_digit).count();
    n > 0
        && n <= 2
        && l.get(n..)
            .is_some_and(|r| r.starts_with(". ") || r.starts_with(") "))
}

/// "Phần I", "Chương 2", "Điều 1." (not "Chương trình …").
fn is_part_heading(low: &str) -> bool {
    ["phần ", "chương ", "điều "].iter().any(|p| {
        low.strip_prefix(p)
            .and_then(|r| r.split([' ', '.', ':', ')']).next())
            .is_some_and(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x'))
            })
    })
}

/// Zone of every line (by line start byte).
pub fn zones(text: &str) -> Vec<(usize, Zone)> {
    let mut out = Vec::new();
    let mut z = Zone::Preamble;
    let mut pos = 0;
    for line in text.split('\n') {
        let l = line.trim().trim_start_matches(['*', '#', ' ']);
        // headings are short: look at the head of the line only
        let mut cut = l.len().min(160);
        while !l.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = l.get(..cut).unwrap_or_default();
        let part = head.starts_with(['P', 'p', 'C', 'c', 'Đ', 'đ'])
            && is_part_heading(&head.to_lowercase());
        let section = is_roman_heading(l) || (part && l.chars().count() < 120);
        if section || (z != Zone::Body && is_numbered_heading(l) && l.chars().count() < 80) {
            if head.to_lowercase().contains("mục đích") {
                z = Zone::Purpose;
            } else if section || z == Zone::Purpose {
                z = Zone::Body;
            }
        }
        if out.last().is_none_or(|&(_, last)| last != z) {
            out.push((pos, z));
        }
        pos += line.len() + 1;
    }
    out
}

fn zone_at(zones: &[(usize, Zone)], at: usize) -> Zone {
    let i = zones.partition_point(|(s, _)| *s <= at);
    zones.get(i.wrapping_sub(1)).map_or(Zone::Preamble, |z| z.1)
}

const TRIGGERS: &[(&str, bool)] = &[
    ("căn cứ", true),
    ("thực hiện", false),
    ("triển khai", false),
];

/// The relation each citation expresses: `Basis` for the head of a "Căn cứ" clause,
/// `Implements` for the head of a "Thực hiện"/"Triển khai" clause in the preamble or the
/// purpose section, the same for citations coordinated with a head ("…, và Nghị quyết
/// số …"), `Cites` for anything else (including citations inside another's subject).
pub fn relations(text: &str, cites: &[Cite]) -> Vec<Rel> {
    let zs = zones(text);
    let mut out = vec![Rel::Cites; cites.len()];
    let mut line_start = usize::MAX;
    let mut max_tail = 0usize;
    let mut prev: Option<(usize, Option<Rel>)> = None; // (tail, head relation) of last non-nested
    let mut scan = 0usize;
    let mut ls = 0usize;
    for (i, c) in cites.iter().enumerate() {
        // line start, scanning forward once (citations are in text order)
        if c.start >= scan {
            if let Some(p) = text.get(scan..c.start).and_then(|s| s.rfind('\n')) {
                ls = scan + p + 1;
            }
            scan = c.start;
        }
        if ls != line_start {
            line_start = ls;
            max_tail = 0;
            prev = None;
        }
        if c.start < max_tail {
            max_tail = max_tail.max(c.tail);
            continue; // inside an earlier citation's subject
        }
        // a head stands at most a few words after its trigger or a coordinated citation:
        // a window before the citation is enough
        let mut from = c.start.saturating_sub(200).max(ls);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let seg = text.get(from..c.start).unwrap_or_default();
        let low = seg.to_lowercase();
        // the trigger nearest before the citation (byte offset within the lowered segment
        // maps to the same offset in `seg`: Vietnamese case pairs have equal lengths)
        let trig = TRIGGERS
            .iter()
            .filter_map(|(t, basis)| low.rfind(t).map(|p| (p + t.len(), *basis)))
            .max_by_key(|x| x.0)
            .filter(|_| low.len() == seg.len());
        let head = match (prev, trig) {
            (Some((ptail, prel)), t) if t.is_none_or(|(te, _)| from + te <= ptail) => {
                let gap: String = text
                    .get(ptail..c.start)
                    .unwrap_or_default()
                    .chars()
                    .filter(|ch| !matches!(ch, '(' | ')'))
                    .collect();
                let g = gap.trim();
                let coord = matches!(
                    g,
                    "" | "," | ";" | "và" | ", và" | "; và" | "hoặc" | ", hoặc"
                );
                if coord {
                    prel
                } else {
                    None
                }
            }
            (_, Some((te, basis))) => {
                let gap = seg.get(te..).unwrap_or_default();
                let words = gap.split_whitespace().count();
                if words <= 4 && !gap.contains([',', ';', '.', ':']) {
                    if basis {
                        Some(Rel::Basis)
                    } else if zone_at(&zs, c.start) != Zone::Body {
                        Some(Rel::Implements)
                    } else {
                        None
                    }
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(r) = head {
            if let Some(o) = out.get_mut(i) {
                *o = r;
            }
        }
        prev = Some((c.tail, head));
        max_tail = max_tail.max(c.tail);
    }
    out
}

/// The issuer to report: printed, else implied by the symbol code.
pub fn entry_issuer(e: &Entry, cites: &[Cite]) -> Option<String> {
    e.issuer.clone().or_else(|| {
        e.cites
            .iter()
            .filter_map(|&i| cites.get(i))
            .find_map(|c| match &c.form {
                Form::Numbered(s) => issuer_from_symbol(s),
                _ => None,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find::find_cites;

    fn rels(text: &str) -> Vec<(String, Rel)> {
        let c = find_cites(text);
        let r = relations(text, &c);
        c.iter()
            .zip(r)
            .map(|(c, r)| (text[c.start..c.end].to_string(), r))
            .collect()
    }

    fn entries(text: &str) -> (Vec<Entry>, Vec<String>) {
        let c = find_cites(text);
        let mut w = Vec::new();
        (resolve(text, &c, &HashSet::new(), &mut w), w)
    }

    #[test]
    fn zones_of_a_plan() {
        let t = "KẾ HOẠCH\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nx\n2. Yêu cầu\ny\nII. NHIỆM VỤ\nz";
        let z = zones(t);
        let at = |s: &str| zone_at(&z, t.find(s).unwrap());
        assert_eq!(at("CHƯƠNG"), Zone::Preamble);
        assert_eq!(at("x"), Zone::Purpose);
        assert_eq!(at("y"), Zone::Body);
        assert_eq!(at("z"), Zone::Body);
    }

    #[test]
    fn basis_implements_cites() {
        let r = rels("Căn cứ Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ ban hành Chương trình thực hiện Nghị quyết số 20-NQ/TW;");
        assert_eq!(r[0].1, Rel::Basis);
        assert_eq!(r[1].1, Rel::Cites, "inside the subject of another citation");
        let r = rels("Triển khai thực hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết Trung ương 5 khóa IX về kinh tế tập thể và Nghị quyết số 13-NQ/TU ngày 17/3/2020 của Tỉnh ủy");
        assert_eq!(
            r.iter().map(|x| x.1).collect::<Vec<_>>(),
            [Rel::Implements, Rel::Cites, Rel::Implements]
        );
        let r = rels("I. NHIỆM VỤ\nThực hiện Nghị quyết số 09/NQ-CP, các sở chủ trì.");
        assert_eq!(
            r[0].1,
            Rel::Cites,
            "'Thực hiện' in the body is not the document's purpose"
        );
        let r = rels("Theo đề nghị tại Tờ trình số 12/TTr-SKHĐT ngày 1/3/2024.");
        assert_eq!(r[0].1, Rel::Cites);
    }

    #[test]
    fn one_entry_per_document() {
        let t = "Nghị quyết số 20-NQ/TW ngày 16/6/2022 của BCH Trung ương Đảng; Nghị quyết số 20-NQ/TW ngày 25/10/2017; Nghị quyết số 20-NQ/TU ngày 25/7/2022 của Tỉnh ủy; Nghị quyết số 09/NQ-CP; Nghị quyết 09/NQ/CP.";
        let (e, _) = entries(t);
        assert_eq!(e.len(), 4);
        assert_eq!(
            e[3].cites.len(),
            2,
            "09/NQ-CP and 09/NQ/CP are one document"
        );
    }

    #[test]
    fn aliases() {
        let t = "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (sau đây gọi tắt là Đề án 06). Các sở thực hiện Đề án 06 và Kế hoạch này (gọi tắt là Kế hoạch).";
        let (e, w) = entries(t);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].cites.len(), 3);
        assert!(w.is_empty());
        // an alias without a serial: its later occurrences are mentions
        let t = "Căn cứ Chương trình số 41-CTr/TU ngày 7/10/2022 của Tỉnh ủy (sau đây gọi là Chương trình hành động của Tỉnh ủy). Bám sát Chương trình hành động của Tỉnh ủy.";
        let (e, _) = entries(t);
        assert_eq!(e[0].alias_spans.len(), 2);
        // each keyword lets the regex be built; a text with none of them gets no regex
        for k in ["(gọi tắt là X)", "(sau đây gọi là X)", "(viết tắt là X)"] {
            assert!(alias_re_for(k).is_some_and(|re| re.is_match(k)), "{k}");
        }
        assert!(alias_re_for("(sau đây là Đề án 06)").is_none());
    }

    #[test]
    fn short_forms_unresolved_warn() {
        let (e, w) = entries("thực hiện Nghị quyết 57 về khoa học");
        assert!(e.is_empty());
        assert_eq!(w.len(), 1);
    }
}
