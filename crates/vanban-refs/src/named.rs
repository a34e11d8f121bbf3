//! References that name a document instead of numbering it: laws ("Luật Hợp tác xã năm
//! 2012", "Luật HTX", "Bộ luật Lao động", "Luật Bảo vệ môi trường (sửa đổi)"), the
//! Constitution with its year, and Party resolutions named by their conference
//! ("Nghị quyết Trung ương 5 khóa IX", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI").

use crate::issuer::prefix_ci;
use regex::Regex;
use std::sync::OnceLock;

/// A named reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Byte span of the mention.
    pub start: usize,
    /// End of the mention (bytes).
    pub end: usize,
    /// Kind ("Luật", "Nghị quyết", …).
    pub kind: &'static str,
    /// Display name without the year ("Luật Hợp tác xã", "Nghị quyết Trung ương 5").
    pub base: String,
    /// Year of a law or term (khóa) of a Party resolution, when printed.
    pub qualifier: Option<String>,
    /// Issuer implied by the name (Party conferences), if any.
    pub issuer: Option<&'static str>,
}

impl Named {
    /// Full display name: "Luật Hợp tác xã năm 2012", "Nghị quyết Trung ương 5 khóa IX".
    pub fn name(&self) -> String {
        match &self.qualifier {
            None => self.base.clone(),
            Some(q) if q.chars().all(|c| c.is_ascii_digit()) => format!("{} năm {q}", self.base),
            Some(q) => format!("{} khóa {q}", self.base),
        }
    }
    /// Grouping key of the base name.
    pub fn key(&self) -> String {
        // the Constitution is one document however its name is printed
        if self.kind == "Hiến pháp" {
            return "hiến pháp".into();
        }
        vanban_meta::text::fold(&self.base)
    }
}

fn named_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"Bộ luật[ \t]|Luật[ \t]|Pháp lệnh[ \t]|Hiến pháp[ \t]|[Nn]ghị quyết[ \t]+(?:Hội nghị[ \t]+)?(?:Trung ương|TW|lần thứ|Đại hội)").expect("named regex"))
}

/// Abbreviations used in law names.
const ABBREV: &[(&str, &str)] = &[
    ("HTX", "hợp tác xã"),
    ("NSNN", "ngân sách nhà nước"),
    ("BVMT", "bảo vệ môi trường"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("ĐTC", "đầu tư công"),
    ("DN", "doanh nghiệp"),
];

/// Function words and verbs that end a law's name.
const STOP: &[&str] = &[
    "và", "của", "về", "theo", "số", "ngày", "các", "để", "đã", "được", "có", "trong", "tại",
    "với", "cho", "đến", "là", "thì", "nhằm", "đối", "khi", "sau", "trước", "này", "đó", "hoặc",
    "cũng", "hiện", "nay", "như", "mà", "do", "bởi", "vào", "từ", "trên", "không", "chưa", "sẽ",
    "đang", "những", "một", "nhưng", "cùng", "qua", "gồm", "quy", "sửa", "hướng", "thi", "ban",
    "năm", "đúng", "hiệu", "phải", "thông",
];

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (b"19".contains(&w.as_bytes()[0]) || w.starts_with('2'))
}

fn next_word(s: &str) -> Option<(&str, usize, usize)> {
    // (word, offset of word, offset after word); only one space/tab between words
    let w = s.bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
    if w == 0 || w > 2 {
        return None;
    }
    let r = s.get(w..)?;
    let n = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
    if n == 0 {
        return None;
    }
    Some((r.get(..n)?, w, w + n))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A law-like name after "Luật", "Bộ luật", "Pháp lệnh" at byte `at` (just after the
/// kind word). Returns (name words, year, bytes consumed after the kind word).
fn law_name(s: &str) -> Option<(String, Option<String>, usize)> {
    let mut words: Vec<String> = Vec::new();
    let mut pos = 0;
    let mut lower_first = false;
    while words.len() < 8 {
        let Some((w, _, adv)) = next_word(s.get(pos..)?) else {
            // "Phòng, chống …"
            if words.last().is_some_and(|l| l == "Phòng" || l == "phòng") {
                if let Some(r) = s.get(pos..).and_then(|r| r.strip_prefix(',')) {
                    if let Some((w2, _, adv2)) = next_word(r).filter(|(w2, _, _)| *w2 == "chống")
                    {
                        words.push(format!(", {w2}"));
                        pos += 1 + adv2;
                        continue;
                    }
                }
            }
            break;
        };
        let first = w.chars().next()?;
        if is_year(w) {
            break;
        }
        if first.is_ascii_digit() {
            break;
        }
        let is_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && w.chars().count() >= 2;
        if words.is_empty() {
            lower_first = first.is_lowercase();
        } else if STOP.contains(&w) {
            // "Khoa học và Công nghệ": "và" followed by a capitalised word continues
            // (not before another document: "Luật Giám sát và Luật …")
            let cont = w == "và"
                && next_word(s.get(pos + adv..)?).is_some_and(|(n, _, _)| {
                    n.chars().next().is_some_and(char::is_uppercase)
                        && crate::kind::kind_at(n).is_none()
                });
            if !cont {
                break;
            }
        } else if first.is_uppercase() && !is_caps && crate::kind::kind_at(w).is_some() {
            break;
        }
        if is_caps {
            match ABBREV.iter().find(|(a, _)| *a == w) {
                Some((_, exp)) => words.push(exp.to_string()),
                None => words.push(w.to_string()),
            }
        } else {
            words.push(w.to_string());
        }
        pos += adv;
    }
    if words.is_empty() {
        return None;
    }
    let mut name = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 && !w.starts_with(',') {
            name.push(' ');
        }
        name.push_str(if i == 0 { &words[0] } else { w });
    }
    let name = capitalize(&name);
    let (name, year, pos) = law_tail(s, pos, name)?;
    if lower_first && year.is_none() {
        return None;
    }
    Some((name, year, pos))
}

/// What follows a law's name at `s[pos..]`: "(sửa đổi)", "(sửa đổi, bổ sung năm 2020)",
/// then the year (" năm 2012" or " 2012"). Returns the name with the parenthesis, the
/// year and the position after them.
fn law_tail(s: &str, mut pos: usize, mut name: String) -> Option<(String, Option<String>, usize)> {
    let r = s.get(pos..)?;
    let w = r.bytes().take_while(|b| *b == b' ').count();
    if let Some(p) = r.get(w..).and_then(|p| p.strip_prefix('(')) {
        if let Some(close) = p.find(')').filter(|&c| c <= 60) {
            let inner = p.get(..close)?.trim();
            if inner.starts_with("sửa đổi") {
                name.push_str(&format!(" ({inner})"));
                pos += w + 1 + close + 1;
            }
        }
    }
    let mut year = None;
    let r = s.get(pos..)?;
    if let Some((w, _, adv)) = next_word(r) {
        if w == "năm" {
            if let Some((y, _, adv2)) = next_word(r.get(adv..)?).filter(|(y, _, _)| is_year(y)) {
                year = Some(y.to_string());
                pos += adv + adv2;
            }
        } else if is_year(w) {
            year = Some(w.to_string());
            pos += adv;
        }
    }
    Some((name, year, pos))
}

/// A title as printed, spaces collapsed, first letter capitalised ("hợp tác xã" ->
/// "Hợp tác xã").
fn printed(s: &str) -> String {
    capitalize(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The opening of an amending law's title, after "Luật".
const AMENDING: &str = "sửa đổi, bổ sung một số điều của";

/// A law's name after its kind word (`s` starts at the space after it): an amending law
/// ("sửa đổi, bổ sung một số điều của Luật …"), a title of the table ([`crate::laws`]),
/// else a name read by its words. Returns (name, year, bytes used).
fn law_at(kind: &'static str, s: &str) -> Option<(String, Option<String>, usize)> {
    if kind == "Luật" {
        if let Some(a) = amending(s) {
            return Some(a);
        }
    }
    if let Some((_, used)) = crate::laws::match_title(kind, s) {
        return law_tail(s, used, printed(s.get(..used)?));
    }
    law_name(s)
}

/// "sửa đổi, bổ sung một số điều của Luật A (và Luật B)" after "Luật".
fn amending(s: &str) -> Option<(String, Option<String>, usize)> {
    let w = s.bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
    if w == 0 {
        return None;
    }
    let mut pos = w + prefix_ci(s.get(w..)?, AMENDING)?;
    let mut parts: Vec<String> = Vec::new();
    loop {
        let r = s.get(pos..)?;
        let ws = r.bytes().take_while(|b| *b == b' ').count();
        let r2 = r.get(ws..)?;
        let Some(k) = ["Bộ luật", "Luật", "Pháp lệnh"]
            .into_iter()
            .find(|k| r2.starts_with(k))
        else {
            break;
        };
        let r3 = r2.get(k.len()..)?;
        let (nm, year, used) = match crate::laws::match_title(k, r3) {
            Some((_, used)) => law_tail(r3, used, printed(r3.get(..used)?))?,
            None => law_name(r2.get(k.len()..)?)?,
        };
        parts.push(match year {
            Some(y) => format!("{k} {nm} năm {y}"),
            None => format!("{k} {nm}"),
        });
        pos += ws + k.len() + used;
        let r = s.get(pos..)?;
        let sep = [" và ", ", "].into_iter().find(|sep| {
            r.strip_prefix(sep).is_some_and(|x| {
                ["Bộ luật ", "Luật ", "Pháp lệnh "]
                    .iter()
                    .any(|k| x.starts_with(k))
            })
        });
        match sep {
            Some(sep) => {
                pos += sep.len();
                parts.push(sep.to_string());
            }
            None => break,
        }
    }
    if parts.is_empty() {
        return None;
    }
    // the laws as printed: "Luật A, Luật B và Luật C"
    let list = parts.concat();
    let name = format!("{AMENDING} {list}");
    law_tail(s, pos, name)
}

fn roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

fn ordinal(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n > 0 && n <= 2 {
        return Some((s.get(..n)?.parse().ok()?, n));
    }
    const WORDS: &[(&str, u32)] = &[
        ("mười một", 11),
        ("mười hai", 12),
        ("mười ba", 13),
        ("mười bốn", 14),
        ("mười lăm", 15),
        ("mười sáu", 16),
        ("mười", 10),
        ("nhất", 1),
        ("một", 1),
        ("hai", 2),
        ("ba", 3),
        ("tư", 4),
        ("bốn", 4),
        ("năm", 5),
        ("sáu", 6),
        ("bảy", 7),
        ("tám", 8),
        ("chín", 9),
    ];
    WORDS
        .iter()
        .find_map(|(w, v)| prefix_ci(s, w).map(|n| (*v, n)))
}

/// "khóa IX", "(khóa IX)", "Khoá IX" at the start of `s` (after optional spaces).
pub(crate) fn term(s: &str) -> Option<(String, usize)> {
    let w = s.bytes().take_while(|b| *b == b' ').count();
    let mut r = s.get(w..)?;
    let mut used = w;
    let paren = r.starts_with('(');
    if paren {
        r = r.get(1..)?;
        used += 1;
    }
    let n = ["khóa", "khoá", "Khóa", "Khoá", "KHÓA"]
        .iter()
        .find_map(|k| r.strip_prefix(k).map(|_| k.len()))?;
    let r2 = r.get(n..)?;
    let w2 = r2.bytes().take_while(|b| *b == b' ').count();
    let r3 = r2.get(w2..)?;
    let rl = r3.find(|c: char| !c.is_alphanumeric()).unwrap_or(r3.len());
    let num = r3.get(..rl)?;
    if !roman(num) {
        return None;
    }
    used += n + w2 + rl;
    if paren {
        let r4 = r3.get(rl..)?;
        let w4 = r4.bytes().take_while(|b| *b == b' ').count();
        if r4.get(w4..)?.starts_with(')') {
            used += w4 + 1;
        } else {
            return None;
        }
    }
    Some((num.to_string(), used))
}

/// Party resolution named by its conference, `s` starting right after "Nghị quyết ".
fn party(s: &str) -> Option<(String, Option<String>, usize)> {
    let mut pos = s.bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
    if let Some(n) = prefix_ci(s.get(pos..)?, "hội nghị") {
        pos += n + 1;
    }
    let r = s.get(pos..)?;
    if let Some(n) = prefix_ci(r, "đại hội") {
        // "Đại hội Đảng bộ tỉnh lần thứ XVI", "Đại hội XIII của Đảng"
        let mut at = n;
        for _ in 0..8 {
            let (w, _, adv) = next_word(r.get(at..)?)?;
            at += adv;
            if roman(w) {
                let name = format!(
                    "Nghị quyết {}",
                    r.get(..at)?
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                return Some((name, None, pos + at));
            }
        }
        return None;
    }
    let (num, used) = if let Some(n) = prefix_ci(r, "trung ương").or_else(|| prefix_ci(r, "tw")) {
        let r2 = r.get(n..)?;
        let w = r2.bytes().take_while(|b| *b == b' ').count();
        let r3 = r2.get(w..)?;
        let (v, m) = if let Some(k) = prefix_ci(r3, "lần thứ") {
            let w2 = r3.get(k..)?.bytes().take_while(|b| *b == b' ').count();
            let (v, m) = ordinal(r3.get(k + w2..)?)?;
            (v, k + w2 + m)
        } else {
            ordinal(r3)?
        };
        (v, n + w + m)
    } else if let Some(k) = prefix_ci(r, "lần thứ") {
        // "lần thứ năm Ban Chấp hành Trung ương (Đảng)"
        let w2 = r.get(k..)?.bytes().take_while(|b| *b == b' ').count();
        let (v, m) = ordinal(r.get(k + w2..)?)?;
        let mut at = k + w2 + m;
        let r2 = r.get(at..)?;
        let w3 = r2.bytes().take_while(|b| *b == b' ').count();
        let b = prefix_ci(r2.get(w3..)?, "ban chấp hành trung ương đảng")
            .or_else(|| prefix_ci(r2.get(w3..)?, "ban chấp hành trung ương"))?;
        at += w3 + b;
        (v, at)
    } else {
        return None;
    };
    // the number must end there ("Trung ương 5", not "Trung ương 50%")
    let mut end = pos + used;
    if s.get(end..)
        .and_then(|x| x.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '%')
    {
        return None;
    }
    let mut khoa = None;
    if let Some((k, m)) = s.get(end..).and_then(term) {
        khoa = Some(k);
        end += m;
    }
    Some((format!("Nghị quyết Trung ương {num}"), khoa, end))
}

/// Every named reference in `text`, in order.
///
/// ```
/// let n = vanban_refs::named::find_named("10 năm thi hành Luật Hợp tác xã 2012; xây dựng");
/// assert_eq!(n[0].name(), "Luật Hợp tác xã năm 2012");
/// ```
pub fn find_named(text: &str) -> Vec<Named> {
    let mut out = Vec::new();
    for m in named_re().find_iter(text) {
        let start = m.start();
        if text
            .get(..start)
            .and_then(|p| p.chars().next_back())
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let s = m.as_str();
        if s.starts_with(['N', 'n']) {
            let after = start + "Nghị quyết".len();
            if let Some((base, khoa, used)) = text.get(after..).and_then(party) {
                // a congress resolution is the congress's; a plenum's is the Central Committee's
                let issuer = (!base.contains("Đại hội")).then_some("Ban Chấp hành Trung ương Đảng");
                out.push(Named {
                    start,
                    end: after + used,
                    kind: "Nghị quyết",
                    base,
                    qualifier: khoa,
                    issuer,
                });
            }
            continue;
        }
        let (kind, klen) = if s.starts_with("Bộ luật") {
            ("Bộ luật", "Bộ luật".len())
        } else if s.starts_with("Luật") {
            ("Luật", "Luật".len())
        } else if s.starts_with("Pháp lệnh") {
            ("Pháp lệnh", "Pháp lệnh".len())
        } else {
            ("Hiến pháp", "Hiến pháp".len())
        };
        let after = start + klen;
        let Some(rest) = text.get(after..) else {
            continue;
        };
        if kind == "Hiến pháp" {
            // "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam (năm 2013)"
            if let Some((law, used)) = crate::laws::match_title(kind, rest) {
                if let Some((name, year, used)) =
                    law_tail(rest, used, format!("Hiến pháp {}", law.title))
                {
                    out.push(Named {
                        start,
                        end: after + used,
                        kind,
                        base: name,
                        qualifier: year,
                        issuer: Some("Quốc hội"),
                    });
                }
                continue;
            }
            // else only "Hiến pháp (năm) 2013"
            let mut r = rest;
            let mut used = 0;
            if let Some((w, _, adv)) = next_word(r).filter(|(w, _, _)| *w == "năm") {
                let _ = w;
                used += adv;
                r = rest.get(adv..).unwrap_or_default();
            }
            if let Some((y, _, adv)) = next_word(r).filter(|(y, _, _)| is_year(y)) {
                out.push(Named {
                    start,
                    end: after + used + adv,
                    kind,
                    base: "Hiến pháp".into(),
                    qualifier: Some(y.to_string()),
                    issuer: Some("Quốc hội"),
                });
            }
            continue;
        }
        if let Some((name, year, used)) = law_at(kind, rest) {
            out.push(Named {
                start,
                end: after + used,
                kind,
                base: format!("{kind} {name}"),
                qualifier: year,
                issuer: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        find_named(t).iter().map(Named::name).collect()
    }

    #[test]
    fn laws() {
        assert_eq!(
            names("tuyên truyền Luật Hợp tác xã năm 2012 và các"),
            ["Luật Hợp tác xã năm 2012"]
        );
        assert_eq!(names("hoạt động không đúng Luật HTX,"), ["Luật Hợp tác xã"]);
        assert_eq!(names("Luật HTX năm 2012"), ["Luật Hợp tác xã năm 2012"]);
        assert_eq!(
            names("Luật hợp tác xã năm 2012"),
            ["Luật Hợp tác xã năm 2012"]
        );
        assert_eq!(
            names("của Luật Bảo vệ môi trường (sửa đổi) và"),
            ["Luật Bảo vệ môi trường (sửa đổi)"]
        );
        assert_eq!(
            names("Luật Khoa học và Công nghệ; "),
            ["Luật Khoa học và Công nghệ"]
        );
        assert_eq!(
            names("Luật Ngân sách nhà nước và quy định hiện hành"),
            ["Luật Ngân sách nhà nước"]
        );
        assert_eq!(
            names("Luật Bảo hiểm xã hội, Luật Việc làm, Bộ luật Lao động"),
            ["Luật Bảo hiểm xã hội", "Luật Việc làm", "Bộ luật Lao động"]
        );
        assert_eq!(
            names("Luật Phòng, chống tham nhũng"),
            ["Luật Phòng, chống tham nhũng"]
        );
        assert_eq!(names("Hiến pháp năm 2013"), ["Hiến pháp năm 2013"]);
    }

    #[test]
    fn not_laws() {
        assert!(names("tham gia ý kiến vào các dự án Luật").is_empty());
        assert!(names("theo quy định của pháp luật").is_empty());
        assert!(names("Luật sư tư vấn").is_empty());
        assert!(names("Hiến pháp và pháp luật").is_empty());
    }

    #[test]
    fn party_resolutions() {
        assert_eq!(
            names("thực hiện Nghị quyết Trung ương 5 Khóa IX về"),
            ["Nghị quyết Trung ương 5 khóa IX"]
        );
        assert_eq!(
            names("Nghị quyết Trung ương 5 (khóa IX),"),
            ["Nghị quyết Trung ương 5 khóa IX"]
        );
        assert_eq!(
            names("Nghị quyết Trung ương 5 khoá IX"),
            ["Nghị quyết Trung ương 5 khóa IX"]
        );
        assert_eq!(
            names("thực hiện Nghị quyết Trung ương 5 và 10 năm"),
            ["Nghị quyết Trung ương 5"]
        );
        assert_eq!(
            names("Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII"),
            ["Nghị quyết Trung ương 5 khóa XIII"]
        );
        assert_eq!(
            names("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ"),
            ["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI"]
        );
        let n = &find_named("theo Nghị quyết Trung ương 5 (khóa IX).")[0];
        assert_eq!(
            &"theo Nghị quyết Trung ương 5 (khóa IX)."[n.start..n.end],
            "Nghị quyết Trung ương 5 (khóa IX)"
        );
    }

    #[test]
    fn not_party() {
        assert!(names("các Nghị quyết của Trung ương").is_empty());
        assert!(names("Nghị quyết Trung ương 50% số").is_empty());
    }
}
