//! Reads document metadata (issuer, number, date, kind, title, signer, province) and owns
//! the province gazetteer (63 units before 1 July 2025, 34 after, Nghị quyết số
//! 202/2025/QH15).
//!
//! Everything is read from the normalized text (one paragraph per line; header lines kept
//! apart): the header block (issuer lines, "Số: …", "Place, ngày … tháng … năm …", the
//! kind line and the title), the signature block and the "Nơi nhận:" list. What the
//! document does not state stays `None`; what was inferred from weaker evidence (the
//! province from body mentions, the issuer from "Ủy ban nhân dân tỉnh ban hành Kế hoạch")
//! is reported in `warnings`.
#![forbid(unsafe_code)]

/// `re!(name, pattern)` defines `fn name() -> &'static Regex`, compiled once (digits as
/// ASCII, see [`vanban_model::ascii_digits`]). Shared by the parser modules below.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        fn $name() -> &'static regex::Regex {
            static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
            R.get_or_init(|| {
                regex::Regex::new(&vanban_model::ascii_digits($pat)).expect(stringify!($name))
            })
        }
    };
}

pub mod agencies;
pub mod header;
pub mod provinces;
pub mod signer;
pub mod text;

pub use provinces::{
    find_province, find_provinces_in, place_names, province_2025, provinces, provinces_2025,
    Province, ProvinceHit,
};

use header::{Number, PlaceDate};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use text::{clean_line, fold, is_upper};
use vanban_model::{Metadata, NormalizedDocument};

/// Result of metadata extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaOutput {
    /// Contract metadata.
    pub metadata: Metadata,
    /// Notes on guesses (e.g. weak province evidence).
    pub warnings: Vec<String>,
}

/// How far into the document the kind line is looked for (non-empty lines).
const HEADER_SCAN: usize = 25;
/// Most lines a title spans.
const TITLE_MAX_LINES: usize = 8;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&vanban_model::ascii_digits(pat)).expect("static regex"))
}

/// A section heading or other line that certainly belongs to the body.
fn is_hard_body(line: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"^(?:Căn cứ\b|CĂN CỨ\b|(?:[IVX]+|\d+)\.\s|Điều 1\b|Phần (?:I|1|thứ)\b|PHẦN (?:I|1|THỨ)\b|Chương I\b|CHƯƠNG I\b|K[íi]nh gửi\b|KÍNH GỬI\b|\|)",
    );
    r.is_match(line) || line.ends_with("như sau:")
}

/// Opening words of a preamble paragraph: they end a title that already has a line.
fn is_preamble_start(line: &str) -> bool {
    const CUES: [&str; 16] = [
        "Căn cứ",
        "Thực hiện",
        "Triển khai",
        "Theo đề nghị",
        "Theo ",
        "Xét ",
        "Để ",
        "Nhằm",
        "Trên cơ sở",
        "Qua ",
        "Thi hành",
        "Sau khi",
        "Hôm nay",
        "Ngày ",
        "Năm ",
        "Thời gian qua",
    ];
    CUES.iter().any(|c| line.starts_with(c))
}

fn is_rule_line(line: &str) -> bool {
    !line.is_empty()
        && line
            .chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | '~' | '–' | '—' | ' ' | '.'))
}

/// A line of the header block (before the kind line).
fn is_header_like(line: &str) -> bool {
    let residue = header::issuer_residue(line);
    residue.is_empty()
        || is_upper(&residue)
        || header::has_motto(line)
        || header::parse_number(line) != Number::None
        || header::parse_place_date(line).is_some()
        || is_vv_line(line)
        || is_number_label_line(line)
        // specks OCR read as punctuation or as a letter or two (")", "'.", "An")
        || line.chars().filter(|c| c.is_alphanumeric()).count() <= 2
}

/// The issuer's name with the tone and vowel marks the body prints it with, when the header
/// spelling is found nowhere else in the text but a spelling that differs from it only in marks
/// is ("CỤC HÓA CHÁT" read by OCR from a header, "Cục Hóa chất có ý kiến như sau" in the
/// body): the most frequent such spelling, in the issuer's own letter case.
fn marks_from_body(issuer: &str, body: &str) -> String {
    use text::strip_marks;
    let want: Vec<String> = issuer
        .split_whitespace()
        .map(|w| strip_marks(w).to_lowercase())
        .collect();
    let n = want.len();
    if n < 2 || want.iter().any(|w| !w.chars().all(char::is_alphanumeric)) {
        return issuer.to_string();
    }
    let words: Vec<&str> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // printings per spelling: (in running text, i.e. not all capitals; all)
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for win in words.windows(n) {
        if win
            .iter()
            .zip(&want)
            .all(|(w, k)| strip_marks(w).to_lowercase() == *k)
        {
            let running = win.iter().any(|w| w.chars().any(char::is_lowercase));
            let e = counts.entry(win.join(" ").to_lowercase()).or_default();
            e.0 += usize::from(running);
            e.1 += 1;
        }
    }
    // OCR misreads marks on capitals far more than in running text ("CHÁT" for "CHẤT"): a
    // spelling printed in running text outweighs one printed only in capitals. The header
    // itself is one printing of the header spelling.
    let own = issuer.to_lowercase();
    let (own_running, own_all) = counts.remove(&own).unwrap_or((0, 0));
    let Some((best, (best_running, _))) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
    else {
        return issuer.to_string();
    };
    if own_running > best_running || (own_running == best_running && own_all >= 2) {
        return issuer.to_string();
    }
    issuer
        .split_whitespace()
        .zip(best.split(' '))
        .map(|(orig, body_w)| {
            if orig.chars().next().is_some_and(char::is_uppercase) {
                text::upper_first(body_w)
            } else {
                body_w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A title's words with the marks running text prints them with: OCR misreads marks on
/// capitals far more than in running text ("VẬN CHUYỂN HÀNG HÓA NGUY HIẾM" over a body
/// that says "hàng hóa nguy hiểm"). Each pair of neighbouring title words is looked up,
/// marks aside, among the pairs of the text's running (not all-capital) words; a pair never
/// printed there as the title spells it takes the most frequent spelling that is. A word
/// two pairs disagree on, or that one pair confirms, stays. Letters and case are kept.
fn title_marks_from_body(title: &str, body: &str) -> String {
    use text::strip_marks;
    let key = |w: &str| strip_marks(w).to_lowercase();
    let tw: Vec<&str> = title.split_whitespace().collect();
    // only body words that may be a title word are keyed: marks stripped, a word keeps its
    // number of letters (a long document costs a count of chars per word, not a string)
    let title_keys: HashSet<String> = tw.iter().map(|w| key(w)).collect();
    let lengths: HashSet<usize> = title_keys.iter().map(|k| k.chars().count()).collect();
    let running = |w: &str| w.chars().any(char::is_lowercase);
    let mut pairs: HashMap<(String, String), HashMap<(String, String), usize>> = HashMap::new();
    let mut prev: Option<(&str, String)> = None;
    for w in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let k = (running(w) && lengths.contains(&w.chars().count()))
            .then(|| key(w))
            .filter(|k| title_keys.contains(k));
        if let (Some((a, ka)), Some(kb)) = (&prev, &k) {
            *pairs
                .entry((ka.clone(), kb.clone()))
                .or_default()
                .entry((a.to_lowercase(), w.to_lowercase()))
                .or_default() += 1;
        }
        prev = k.map(|k| (w, k));
    }
    let letters = |w: &str| w.chars().all(char::is_alphabetic);
    // per title word: confirmed by a pair, or the spellings pairs propose
    let mut confirmed = vec![false; tw.len()];
    let mut proposed: Vec<Vec<String>> = vec![Vec::new(); tw.len()];
    for i in 0..tw.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (tw.get(i), tw.get(i + 1)) else {
            continue;
        };
        if !letters(a) || !letters(b) {
            continue;
        }
        let Some(found) = pairs.get(&(key(a), key(b))) else {
            continue;
        };
        let own = (a.to_lowercase(), b.to_lowercase());
        if found.contains_key(&own) {
            confirmed[i] = true;
            confirmed[i + 1] = true;
            continue;
        }
        if let Some(((x, y), _)) = found
            .iter()
            .max_by(|p, q| p.1.cmp(q.1).then_with(|| q.0.cmp(p.0)))
        {
            proposed[i].push(x.clone());
            proposed[i + 1].push(y.clone());
        }
    }
    tw.iter()
        .enumerate()
        .map(|(i, w)| {
            let p = &proposed[i];
            match p.first() {
                Some(first) if !confirmed[i] && p.iter().all(|q| q == first) => {
                    if w.chars().next().is_some_and(char::is_uppercase) {
                        text::upper_first(first)
                    } else {
                        first.clone()
                    }
                }
                _ => (*w).to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header line opening with the number label "Số:" / "SỐ:" (or "Số" followed by a symbol
/// code such as "…GP-BCT"), whatever OCR made of the number itself.
fn is_number_label_line(l: &str) -> bool {
    let t = l.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut chars = t.chars();
    let (Some(s), Some(o)) = (chars.next(), chars.next()) else {
        return false;
    };
    if !matches!(s, 'S' | 's') || text::strip_marks(&o.to_string()).to_lowercase() != "o" {
        return false;
    }
    let rest = chars.as_str();
    if rest.starts_with(char::is_alphanumeric) {
        return false; // "Sở …", "Sông …"
    }
    // the label's colon, or an upper-case symbol code ("GP-BCT", "CT-ATMT") on the line
    rest.trim_start().starts_with([':', '.'])
        || rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| {
                let parts: Vec<&str> = w.split('-').collect();
                // OCR may leave a misread digit in the code's first part ("ÊÖ5CT-ATMT")
                parts.len() >= 2
                    && parts.iter().all(|p| {
                        p.chars().filter(|c| c.is_uppercase()).count() >= 2
                            && !p.chars().any(char::is_lowercase)
                    })
            })
}

/// "V/v …" (về việc): the subject line of an official letter. OCR drops or misreads the
/// second "v" of the label ("V/ hướng dẫn …", "V/y …"); no other line of a header begins
/// with "V/" and a word in lower case.
fn is_vv_line(l: &str) -> bool {
    vv_subject(l).is_some()
}

/// The subject of a "V/v …" line, the label taken off.
fn vv_subject(l: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    if let Some(rest) = ["V/v", "V/V", "v/v"].iter().find_map(|p| l.strip_prefix(p)) {
        return Some(rest.trim_start());
    }
    let rest = l.get(re(&R, r"^V\s?/\s?[vVy]?\s+").find(l)?.end()..)?;
    rest.starts_with(char::is_lowercase).then_some(rest)
}

/// The date of a paper that has no "Place, ngày … tháng … năm …" line: a treaty or
/// agreement is dated by its signing line ("Làm tại Hà Nội ngày 22 tháng 11 năm 1994"); a
/// record (biên bản) by the day of its proceedings ("Hôm nay, ngày …", "Bắt đầu: 8h15 ngày
/// …", "Vào hồi … ngày …"). Returns the ISO date and how it was found.
fn date_without_header(lines: &[String], kind: Option<&str>) -> Option<(String, &'static str)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+(?P<m>\d{1,2})\s*,?\s*năm\s+|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*)(?P<y>\d{4})\b",
    );
    let date_in = |l: &str| -> Option<String> {
        let c = r.captures(l)?;
        let d: u32 = c.name("d")?.as_str().parse().ok()?;
        let m: u32 = c.name("m").or(c.name("m2"))?.as_str().parse().ok()?;
        let y: i32 = c.name("y")?.as_str().parse().ok()?;
        header::valid_date(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    // a law, code or ordinance is dated by its passing: "Luật này được Quốc hội … thông
    // qua ngày 10 tháng 12 năm 2025."
    if matches!(
        kind,
        Some("Luật" | "Bộ luật" | "Pháp lệnh" | "Hiến pháp" | "Nghị quyết")
    ) {
        let passed = lines
            .iter()
            .rev()
            .filter(|l| {
                [
                    "Luật này",
                    "Bộ luật này",
                    "Pháp lệnh này",
                    "Hiến pháp này",
                    "Nghị quyết này",
                ]
                .iter()
                .any(|p| l.starts_with(p))
            })
            .find_map(|l| date_in(l.split_once("thông qua")?.1));
        if let Some(d) = passed {
            return Some((d, "the day it was passed (\"… thông qua ngày …\")"));
        }
    }
    let signing = lines
        .iter()
        .rev()
        .filter(|l| l.starts_with("Làm tại") || l.starts_with("Ký tại"))
        .find_map(|l| date_in(l));
    if let Some(d) = signing {
        return Some((d, "read from the signing line (\"Làm tại … ngày …\")"));
    }
    // a licence, a certificate or a form dates itself over the signature, after the body: a
    // line of a place and the date alone ("Hà Nội, ngày 30 tháng 5 năm 2025"; OCR may drop
    // the comma)
    static P: OnceLock<Regex> = OnceLock::new();
    let place_line = re(
        &P,
        r"^(?:(?:TP|Tp)\.?\s*)?\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,4}\s*,?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*\.?$",
    );
    let over_signature = lines
        .iter()
        .rev()
        .filter(|l| place_line.is_match(l.trim()))
        .find_map(|l| date_in(l));
    if let Some(d) = over_signature {
        return Some((d, "read from a place-and-date line after the body"));
    }
    if kind == Some("Biên bản") {
        const CUES: [&str; 6] = [
            "Hôm nay",
            "Vào hồi",
            "Vào lúc",
            "Bắt đầu",
            "Thời gian",
            "Hồi ",
        ];
        let proceedings = lines
            .iter()
            .filter(|l| CUES.iter().any(|c| l.starts_with(c)))
            .find_map(|l| date_in(l));
        if let Some(d) = proceedings {
            return Some((d, "the day of the proceedings read from the record"));
        }
    }
    None
}

/// Upper-case header lines that are stamps, not issuers.
fn is_stamp(residue: &str) -> bool {
    let f = fold(residue);
    [
        "dự thảo",
        "mật",
        "tối mật",
        "khẩn",
        "hỏa tốc",
        "thượng khẩn",
        "bản chính",
        "bản sao",
    ]
    .contains(&f.as_str())
}

/// Title lines from the kind line on.
fn read_title(lines: &[String], kind_idx: usize, rest_of_kind: &str) -> (Option<String>, usize) {
    let mut parts: Vec<String> = Vec::new();
    if !rest_of_kind.is_empty() {
        parts.push(rest_of_kind.to_string());
    }
    let mut end = kind_idx + 1;
    for line in lines.iter().skip(kind_idx + 1).take(TITLE_MAX_LINES) {
        let l = line.trim();
        // a title joined with the preamble by line-wrap repair: keep the title part
        if let Some(t) = split_joined_title(l, parts.first().map(String::as_str)) {
            parts.push(t);
            break;
        }
        if l.is_empty() || is_hard_body(l) || is_rule_line(l) {
            break;
        }
        if text::is_stamp_junk(l) {
            // a registry stamp or seal beside the title, read by OCR: no part of it
            end += 1;
            continue;
        }
        if parts.is_empty() && text::is_case_junk(l) {
            // a scan's QR code or seal read as letters between the kind and its title
            end += 1;
            continue;
        }
        if !parts.is_empty() && is_preamble_start(l) {
            break;
        }
        if l.starts_with('(')
            || l.starts_with(['-', '+', '•'])
            || l.ends_with(':') && !parts.is_empty()
        {
            break;
        }
        let upper_so_far = parts.iter().all(|p| is_upper(p));
        if !parts.is_empty() && !upper_so_far && is_upper(l) {
            // an authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") after a mixed-case title
            break;
        }
        if !parts.is_empty() && upper_so_far && is_authority_line(l) {
            break;
        }
        if parts.is_empty() && (is_authority_line(l) || !signer::sig_parts(l).is_empty()) {
            break;
        }
        if parts.is_empty() && is_upper(l) && l.starts_with("CỦA ") {
            // "KẾT LUẬN / CỦA BAN THƯỜNG VỤ TỈNH ỦY / về …": the kind's complement
            end += 1;
            continue;
        }
        if parts.is_empty() && l.starts_with("CỦA ") {
            // the complement joined with the title: keep the title only
            let words: Vec<&str> = l.split_whitespace().collect();
            let n = words
                .iter()
                .take_while(|w| is_upper(w) || !w.chars().any(char::is_alphabetic))
                .count();
            if n < words.len() {
                parts.push(words.get(n..).unwrap_or(&[]).join(" "));
                end += 1;
                continue;
            }
        }
        parts.push(l.to_string());
        end += 1;
        if parts.iter().map(|p| p.len()).sum::<usize>() > 1200 {
            break;
        }
    }
    if parts.is_empty() {
        return (None, end);
    }
    let mut title = String::new();
    for p in &parts {
        if title.ends_with('-')
            && title
                .chars()
                .rev()
                .nth(1)
                .is_some_and(char::is_alphanumeric)
        {
            title.push_str(p);
        } else {
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(p);
        }
    }
    let title = text::squash(&title);
    let title = if is_upper(&title) {
        header::title_sentence_case(&title)
    } else {
        title
    };
    (Some(title), end)
}

/// A title line that runs on into the preamble: the preamble repeats the title's opening
/// words ("Thực hiện Nghị quyết số 134/NQ-CP … Thực hiện Nghị quyết số 134/NQ-CP …, Ủy
/// ban nhân dân tỉnh ban hành …") or opens with "Căn cứ". Returns the title part.
fn split_joined_title(line: &str, first_part: Option<&str>) -> Option<String> {
    let opening: Vec<&str> = first_part
        .unwrap_or(line)
        .split_whitespace()
        .take(4)
        .collect();
    if opening.len() == 4 {
        let needle = opening.join(" ");
        let from = if first_part.is_some() {
            0
        } else {
            needle.len()
        };
        if let Some(i) = line
            .get(from..)
            .and_then(|rest| rest.find(&format!(" {needle}")))
            .map(|i| i + from)
        {
            let head = line.get(..i).unwrap_or("").trim();
            if head.chars().count() >= 20 {
                return Some(head.to_string());
            }
        }
    }
    for cue in [" Căn cứ ", " CĂN CỨ "] {
        if let Some(i) = line.find(cue) {
            let head = line.get(..i).unwrap_or("").trim();
            if head.chars().count() >= 10 && !head.ends_with([';', '.', ',']) {
                return Some(head.to_string());
            }
        }
    }
    None
}

/// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "HỘI ĐỒNG NHÂN DÂN TỈNH …" after a title: the
/// authority that issues a decision or resolution.
fn is_authority_line(l: &str) -> bool {
    let u = l.to_uppercase();
    is_upper(l)
        && [
            "CHỦ TỊCH",
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            "UỶ BAN THƯỜNG VỤ QUỐC HỘI",
            "ỦY BAN NHÂN DÂN",
            "UỶ BAN NHÂN DÂN",
            "HỘI ĐỒNG NHÂN DÂN",
            "BỘ TRƯỞNG",
            "THỦ TƯỚNG",
            "BAN THƯỜNG VỤ",
            "BAN CHẤP HÀNH",
            "GIÁM ĐỐC",
            "CHÍNH PHỦ",
            "QUỐC HỘI",
            "QUYẾT ĐỊNH",
            "QUYẾT NGHỊ",
        ]
        .iter()
        .any(|p| u.starts_with(p))
}

/// A central body: its place of issue (Hà Nội) says nothing about the province.
fn is_central_issuer(issuer: &str) -> bool {
    const CENTRAL: [&str; 16] = [
        "chính phủ",
        "thủ tướng",
        "bộ ",
        "quốc hội",
        "ủy ban thường vụ quốc hội",
        "ban chấp hành trung ương",
        "bộ chính trị",
        "ban bí thư",
        "văn phòng chính phủ",
        "văn phòng trung ương",
        "tòa án nhân dân tối cao",
        "viện kiểm sát nhân dân tối cao",
        "ngân hàng nhà nước việt nam",
        "kiểm toán nhà nước",
        "chủ tịch nước",
        "mặt trận tổ quốc việt nam",
    ];
    let f = fold(issuer);
    let local = ["tỉnh", "thành phố", "huyện", "quận", "xã", "phường"]
        .iter()
        .any(|u| f.contains(u));
    !local
        && (CENTRAL.iter().any(|c| f.starts_with(c))
            || f.starts_with("ban ") && f.ends_with("trung ương"))
}

/// Evidence for one province.
#[derive(Debug, Default, Clone)]
struct Evidence {
    score: u32,
    strong: bool,
    name: &'static str,
    body: u32,
}

fn add_hits(
    ev: &mut HashMap<&'static str, Evidence>,
    text: &str,
    weight_prefixed: u32,
    weight_bare: u32,
    strong: bool,
) {
    for h in find_provinces_in(text) {
        let before: String = text
            .get(..h.start)
            .unwrap_or("")
            .chars()
            .rev()
            .take(10)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let bl = fold(&before);
        // "huyện Hòa Bình", "xã Long An": a lower-level unit of the same name
        if ["huyện", "quận", "xã", "phường", "thị trấn", "thị xã"]
            .iter()
            .any(|u| bl.ends_with(u))
        {
            continue;
        }
        let w = if h.prefixed {
            weight_prefixed
        } else if h.province.bare_ok {
            weight_bare
        } else {
            0
        };
        if w == 0 {
            continue;
        }
        let e = ev.entry(h.province.name).or_insert_with(|| Evidence {
            name: h.name,
            ..Default::default()
        });
        e.score += w;
        e.strong |= strong && (h.prefixed || weight_bare >= 4);
        if !strong {
            e.body += 1;
        }
    }
}

/// Choose the province by evidence: header and place of issue are strong, the title
/// strong when it says "tỉnh X", body mentions weak. Returns the name used and a warning.
fn choose_province(ev: &HashMap<&'static str, Evidence>) -> (Option<&'static str>, Option<String>) {
    let mut v: Vec<(&&str, &Evidence)> = ev.iter().collect();
    v.sort_by(|a, b| {
        b.1.strong
            .cmp(&a.1.strong)
            .then(b.1.score.cmp(&a.1.score))
            .then(a.0.cmp(b.0))
    });
    let Some((_, best)) = v.first() else {
        return (None, None);
    };
    let second = v.get(1).map(|(_, e)| e.score).unwrap_or(0);
    if best.strong {
        let other_strong: Vec<&str> = v
            .iter()
            .skip(1)
            .filter(|(_, e)| e.strong)
            .map(|(_, e)| e.name)
            .collect();
        let warn = (!other_strong.is_empty()).then(|| {
            format!(
                "metadata.province: header names {} but also {}",
                best.name,
                other_strong.join(", ")
            )
        });
        return (Some(best.name), warn);
    }
    if best.score >= 3 && best.score >= 2 * second {
        return (
            Some(best.name),
            Some(format!(
                "metadata.province: '{}' inferred from {} body mention(s) only (no header or place of issue)",
                best.name, best.body
            )),
        );
    }
    let names: Vec<String> = v
        .iter()
        .take(3)
        .map(|(_, e)| format!("{} ({})", e.name, e.score))
        .collect();
    (
        None,
        Some(format!(
            "metadata.province: evidence too weak or split, left null: {}",
            names.join(", ")
        )),
    )
}

/// Issuer stated in the preamble: "Ủy ban nhân dân tỉnh ban hành Kế hoạch", "Tỉnh ủy ban
/// hành Chương trình hành động". Needs the province to name the body.
fn issuer_from_preamble(
    preamble: &str,
    province: &Province,
    used_name: &str,
) -> Option<(String, Option<String>)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?P<ag>Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Ban Thường vụ Tỉnh [uủ]ỷ?y?|Ban Thường vụ Thành [uủ]ỷ?y?|Ban Chấp hành Đảng bộ|Tỉnh [uủ]ỷ?y?|Thành [uủ]ỷ?y?)(?:\s+(?P<lvl>tỉnh|thành phố))?(?:\s+[\p{Lu}][\p{Ll}]*){0,3}\s+(?:ban hành|xây dựng)\s+(?P<kind>Kế hoạch|Chương trình hành động|Chương trình|Báo cáo|Đề án|Hướng dẫn|Quy chế|Quy định|Nghị quyết|Quyết định|Chỉ thị|Kết luận)",
    );
    let c = r.captures(preamble)?;
    let ag = text::new_tones(c.name("ag")?.as_str());
    let kind = c.name("kind").map(|m| text::upper_first(m.as_str()));
    let lvl = c.name("lvl").map(|m| m.as_str()).unwrap_or(province.kind);
    let issuer = match ag.as_str() {
        "Ủy ban nhân dân" | "UBND" => format!("Ủy ban nhân dân {lvl} {used_name}"),
        "Hội đồng nhân dân" | "HĐND" => format!("Hội đồng nhân dân {lvl} {used_name}"),
        "Ban Chấp hành Đảng bộ" => format!("Ban Chấp hành Đảng bộ {lvl} {used_name}"),
        a if fold(a).starts_with("ban thường vụ") => {
            format!(
                "Ban Thường vụ {} {used_name}",
                if fold(a).contains("tỉnh") {
                    "Tỉnh ủy"
                } else {
                    "Thành ủy"
                }
            )
        }
        a if fold(a).starts_with("tỉnh") => format!("Tỉnh ủy {used_name}"),
        a if fold(a).starts_with("thành") => format!("Thành ủy {used_name}"),
        _ => return None,
    };
    Some((issuer, kind))
}

/// Issuer named by the signature's authority ("T/M TỈNH ỦY", "TM. ỦY BAN NHÂN DÂN TỈNH"),
/// when that authority says its level.
fn issuer_from_authority(auth: &str, used_name: &str) -> Option<String> {
    let up = header::expand_issuer_abbrev(auth);
    if up == "TỈNH ỦY"
        || up == "THÀNH ỦY"
        || up == "BAN THƯỜNG VỤ TỈNH ỦY"
        || up == "BAN THƯỜNG VỤ THÀNH ỦY"
    {
        return Some(format!("{} {used_name}", header::issuer_case(&up)));
    }
    for lvl in ["TỈNH", "THÀNH PHỐ"] {
        for body in ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"] {
            if up == format!("{body} {lvl}") {
                return Some(format!("{} {used_name}", header::issuer_case(&up)));
            }
        }
    }
    None
}

/// Extract metadata from a normalized document.
///
/// ```
/// use vanban_model::NormalizedDocument;
/// let text = "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
///             Độc lập - Tự do - Hạnh phúc\nSố: 251 /KH-UBND\nKiên Giang, ngày 20 tháng 10 năm 2023\n\
///             KẾ HOẠCH\nVề việc tiếp tục đổi mới kinh tế tập thể\nCăn cứ Nghị quyết số 20-NQ/TW;\n\
///             I. MỤC ĐÍCH\nNơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Quốc Anh\n";
/// let doc = NormalizedDocument { text: text.into(), ..Default::default() };
/// let m = vanban_meta::extract(&doc).metadata;
/// assert_eq!(m.doc_type.as_deref(), Some("Kế hoạch"));
/// assert_eq!(m.doc_number.as_deref(), Some("251/KH-UBND"));
/// assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Kiên Giang"));
/// assert_eq!(m.province.as_deref(), Some("Kiên Giang"));
/// assert_eq!(m.province_2025.as_deref(), Some("An Giang"));
/// assert_eq!(m.date.as_deref(), Some("2023-10-20"));
/// assert_eq!(m.title.as_deref(), Some("Về việc tiếp tục đổi mới kinh tế tập thể"));
/// let s = m.signer.unwrap();
/// assert_eq!((s.name.as_deref(), s.position.as_deref()), (Some("Lê Quốc Anh"), Some("Phó Chủ tịch")));
/// assert_eq!(m.recipients, vec!["Thường trực Tỉnh ủy"]);
/// ```
pub fn extract(doc: &NormalizedDocument) -> MetaOutput {
    let lines: Vec<String> = doc
        .text
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect();
    let mut warnings = Vec::new();
    let mut md = Metadata::default();

    // --- the kind line and the header block above it
    let mut kind_idx = None;
    for (i, l) in lines.iter().enumerate().take(HEADER_SCAN) {
        if is_hard_body(l) {
            break;
        }
        if let Some((kind, rest)) = header::parse_kind_line(l) {
            kind_idx = Some((i, kind, rest));
            break;
        }
        if let Some(kind) = header::kind_line_misread(l) {
            warnings.push(format!(
                "metadata.doc_type: kind line \"{}\" read as {kind} (its marks differ)",
                l.trim()
            ));
            kind_idx = Some((i, kind, String::new()));
            break;
        }
    }
    let header_end = match &kind_idx {
        Some((i, _, _)) => *i,
        None => {
            let end = lines
                .iter()
                .take(15)
                .take_while(|l| is_header_like(l) && !is_hard_body(l))
                .count();
            // a letter's subject wrapped over lines ("V/v triển khai thực hiện thủ tục cấp" /
            // "Giấy phép vận chuyển …") can stand between the number and the place-date line:
            // the header runs to that line when it comes before the body
            let after_vv = end > 0 && lines.get(end - 1).is_some_and(|l| is_vv_line(l));
            let date_at = after_vv
                .then(|| {
                    lines
                        .iter()
                        .enumerate()
                        .take(15)
                        .skip(end)
                        .take_while(|(_, l)| !is_hard_body(l))
                        .take(3)
                        .find(|(_, l)| header::parse_place_date(l).is_some())
                        .map(|(i, _)| i + 1)
                })
                .flatten();
            date_at.unwrap_or(end)
        }
    };
    let header_lines = lines.get(..header_end).unwrap_or(&[]);

    // --- number, place and date
    let mut blank_symbol = None;
    let mut unread_in: Option<String> = None;
    // a header line that only continues the number's symbol (not an issuer line)
    let mut symbol_rest: Option<usize> = None;
    let mut number_line: Option<usize> = None;
    for (i, l) in header_lines.iter().enumerate() {
        let next = header_lines.get(i + 1).map(String::as_str);
        let cut = l.trim_end().ends_with('-');
        // "Nghị quyết số:" with the number wrapped to the next line
        let wrapped = (l.trim_end().ends_with("số:") || l.trim_end().ends_with("Số:"))
            .then_some(next)
            .flatten()
            .filter(|n| n.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        let parsed = match wrapped {
            Some(n) => header::parse_number(&format!("{l} {n}")),
            None => header::parse_number(l),
        };
        let took_next = wrapped.is_some() && parsed != Number::None;
        let mut go_on = |sym: String| {
            let sym = if cut && !sym.ends_with('-') {
                format!("{sym}-")
            } else {
                sym
            };
            let joined = header::continue_symbol(sym.clone(), next);
            if joined != sym {
                symbol_rest = Some(i + 1);
                joined
            } else {
                sym.trim_end_matches('-').to_string()
            }
        };
        match parsed {
            Number::Found(n) => {
                md.doc_number = Some(go_on(n));
                number_line = Some(i);
            }
            Number::Blank(sym) => {
                blank_symbol = Some(go_on(sym));
                number_line = Some(i);
                // a number written in that OCR could not read is no blank
                unread_in = header::blank_holds_ink(l).then(|| l.trim().to_string());
            }
            Number::None => continue,
        }
        if took_next {
            symbol_rest = Some(i + 1);
        }
        break;
    }
    // A number line whose number OCR could not read ("Số: 42 .đ8GP-BCT", a number stamped or
    // written in by hand) still marks where the issuer block ends.
    if number_line.is_none() {
        if let Some((i, l)) = header_lines
            .iter()
            .enumerate()
            .find(|(_, l)| is_number_label_line(l))
        {
            number_line = Some(i);
            warnings.push(format!(
                "metadata.doc_number: number unreadable in \"{}\", null",
                l.trim()
            ));
        }
    }
    if let Some(line) = &unread_in {
        warnings.push(format!(
            "metadata.doc_number: number unreadable in \"{line}\", null"
        ));
    } else if let Some(sym) = &blank_symbol {
        warnings.push(format!(
            "metadata.doc_number: number left blank in the header (\"Số: {sym}\"), null"
        ));
    }
    let place_date: Option<PlaceDate> = header_lines
        .iter()
        .find_map(|l| header::parse_place_date(l))
        .or_else(|| header::parse_place_date(&header_lines.join(" ")));
    if let Some(pd) = &place_date {
        md.place = Some(pd.place.clone());
        md.date = pd.date.clone();
        // A day or month written in by hand that OCR could not read: an e-signature stamp's
        // signing date stands in when it agrees with what the header shows (year, month).
        // (the text is searched only when the header's date is incomplete)
        let signed = pd
            .date
            .is_none()
            .then(|| header::signing_date(&doc.text))
            .flatten()
            .filter(|&(y, m, _)| y == pd.year && pd.month.is_none_or(|hm| hm == m));
        if let Some((y, m, d)) = signed {
            md.date = Some(format!("{y:04}-{m:02}-{d:02}"));
            warnings.push(format!(
                "metadata.date: day or month unreadable in the header; the e-signature's signing date {d:02}.{m:02}.{y} taken"
            ));
        } else if pd.date.is_none() {
            warnings.push(format!(
                "metadata.date: day or month left blank or invalid (year {}), null",
                pd.year
            ));
        }
    }

    // --- issuer lines
    let issuer_of = |(i, l): (usize, &String)| {
        (Some(i) != symbol_rest)
            .then(|| header::issuer_residue(l))
            .filter(|r| {
                !r.is_empty() && is_upper(r) && !is_stamp(r) && header::parse_kind_line(r).is_none()
            })
    };
    // The issuer block stands above the number (Nghị định 30/2020/NĐ-CP, Phụ lục I): upper-case
    // lines below it are stamps (a registry stamp, a seal read by OCR), unless nothing stood
    // above it.
    let above: Vec<String> = header_lines
        .iter()
        .enumerate()
        .take(number_line.unwrap_or(usize::MAX))
        .filter_map(issuer_of)
        .collect();
    let issuer_lines: Vec<String> = if above.is_empty() {
        header_lines
            .iter()
            .enumerate()
            .filter_map(issuer_of)
            .collect()
    } else {
        above
    };
    md.issuer = header::combine_issuer_lines(&issuer_lines)
        .map(|i| agencies::known_marks(&marks_from_body(&i, &doc.text)));

    // --- kind and title
    let mut title_end = header_end;
    if let Some((i, kind, rest)) = &kind_idx {
        md.doc_type = Some(kind.clone());
        let (title, end) = read_title(&lines, *i, rest);
        md.title = title.map(|t| title_marks_from_body(&t, &doc.text));
        title_end = end;
    } else if let Some(at) = header_lines.iter().position(|l| is_vv_line(l)) {
        // with the lines the subject wrapped onto (not header lines themselves)
        let line = &header_lines[at];
        let mut title = format!("V/v {}", vv_subject(line).unwrap_or(line));
        for l in header_lines.iter().skip(at + 1) {
            if is_header_like(l) {
                break;
            }
            title.push(' ');
            title.push_str(l);
        }
        md.title = Some(title);
    }
    // "Luật số: 100/2025/QH15", "Pháp lệnh số: …", "Nghị quyết số: …": the number line
    // names the kind
    if md.doc_type.is_none() {
        let on_number = number_line.and_then(|i| header_lines.get(i)).and_then(|l| {
            ["Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết"]
                .into_iter()
                .find(|k| {
                    l.trim_start()
                        .strip_prefix(k)
                        .is_some_and(|r| r.trim_start().starts_with("số"))
                })
        });
        md.doc_type = on_number.map(str::to_string);
    }
    if md.doc_type.is_none() {
        if let Some(k) = md
            .doc_number
            .as_deref()
            .or(blank_symbol.as_deref())
            .and_then(header::kind_from_number)
        {
            md.doc_type = Some(k.to_string());
        }
    }
    // An official letter (công văn) has no kind word: its header carries "V/v <subject>"
    // under the number (Nghị định 30/2020/NĐ-CP, Phụ lục I), and its number has no kind code.
    if md.doc_type.is_none() && kind_idx.is_none() {
        let vv = lines
            .iter()
            .take(HEADER_SCAN)
            .take_while(|l| !l.starts_with("Kính gửi") && !l.starts_with("Căn cứ"))
            .any(|l| is_vv_line(l));
        if vv {
            md.doc_type = Some("Công văn".to_string());
        }
    }

    // --- the preamble: the body's first paragraphs up to the first section heading
    let preamble: String = lines
        .iter()
        .skip(title_end)
        .take(12)
        .take_while(|l| {
            static R: OnceLock<Regex> = OnceLock::new();
            !re(&R, r"^(?:[IVX]+|\d+)\.\s|^Điều 1\b|^Phần I\b|^PHẦN I\b").is_match(l)
        })
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");

    // --- signature and recipients
    let nearby = lines.iter().position(|l| signer::is_recipients_head(l));
    let sig = signer::find_signer(&lines, nearby);
    if let Some(n) = nearby {
        md.recipients = signer::recipients(&lines, n);
    }
    let authority = sig.as_ref().and_then(|(_, a)| a.clone());
    md.signer = sig.map(|(s, _)| s);

    // --- province by evidence
    let mut ev: HashMap<&'static str, Evidence> = HashMap::new();
    add_hits(&mut ev, &issuer_lines.join("\n"), 10, 10, true);
    // a body under a ministry ("BỘ CÔNG THƯƠNG / CỤC HÓA CHẤT") is central too
    let central = md.issuer.as_deref().is_some_and(is_central_issuer)
        || (md.issuer.is_some()
            && issuer_lines
                .first()
                .is_some_and(|l| is_central_issuer(&header::issuer_case(l))));
    if let Some(pd) = place_date.as_ref().filter(|_| !central) {
        if let Some(p) = find_province(&pd.place) {
            let name = p
                .own_names
                .iter()
                .find(|o| fold(o) == fold(&pd.place))
                .copied()
                .unwrap_or(p.name);
            let e = ev.entry(p.name).or_insert_with(|| Evidence {
                name,
                ..Default::default()
            });
            e.score += 6;
            e.strong = true;
        }
    }
    if let Some(t) = &md.title {
        add_hits(&mut ev, t, 4, 2, true);
    }
    // a national body writes to provinces: the body's place names are its addressees and
    // subjects, not where the document is from
    if !central {
        add_hits(&mut ev, &doc.text, 2, 1, false);
    }
    let (province, pwarn) = choose_province(&ev);
    if let Some(w) = pwarn {
        warnings.push(w);
    }
    md.province = province.map(str::to_string);
    md.province_2025 = province.and_then(province_2025).map(str::to_string);

    // --- issuer and kind stated in the preamble or by the signature's authority
    if let (Some(pname), Some(p)) = (province, province.and_then(find_province)) {
        if md.issuer.is_none() {
            if let Some((iss, _)) = issuer_from_preamble(&preamble, p, pname) {
                warnings.push(format!(
                    "metadata.issuer: no header; '{iss}' read from the preamble"
                ));
                md.issuer = Some(iss);
            } else if let Some(iss) = authority
                .as_deref()
                .and_then(|a| issuer_from_authority(a, pname))
            {
                warnings.push(format!(
                    "metadata.issuer: no header; '{iss}' read from the signature block"
                ));
                md.issuer = Some(iss);
            }
        }
    }
    if md.doc_type.is_none() {
        static R: OnceLock<Regex> = OnceLock::new();
        let r = re(
            &R,
            r"\b(?:ban hành|xây dựng)\s+(?P<kind>Kế hoạch|Chương trình hành động|Chương trình|Báo cáo|Đề án|Hướng dẫn|Quy chế|Quy định|Chỉ thị|Kết luận)\b",
        );
        if let Some(k) = r.captures(&preamble).and_then(|c| c.name("kind")) {
            let k = text::upper_first(k.as_str());
            warnings.push(format!(
                "metadata.doc_type: no kind line; '{k}' read from the preamble"
            ));
            md.doc_type = Some(k);
        }
    }
    if md.title.is_none() {
        warnings.push("metadata.title: no title found under a kind line".to_string());
    }
    if md.date.is_none() && place_date.is_none() {
        if let Some((d, how)) = date_without_header(&lines, md.doc_type.as_deref()) {
            warnings.push(format!("metadata.date: no place-and-date line; {how}"));
            md.date = Some(d);
        }
    }

    MetaOutput {
        metadata: md,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text, including broken headers, yields metadata without panicking.
        #[test]
        fn never_panics(s in "(?s)(Số: |KẾ HOẠCH\n|Nơi nhận:\n|KT\\. CHỦ TỊCH\n|- |ngày |tháng |năm 20|, |[\\PC]{0,12}|\n){0,40}") {
            let _ = extract(&doc(&s));
        }
    }

    fn doc(t: &str) -> NormalizedDocument {
        NormalizedDocument {
            text: t.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn national_law_header_and_passing_date() {
        let m = extract(&doc("QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 100/2025/QH15\nĐộc lập - Tự do - Hạnh phúc\nLUẬT\nKINH TẾ TẬP THỂ\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nĐiều 1. Phạm vi điều chỉnh\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025.\nCHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn\n")).metadata;
        assert_eq!(m.doc_number.as_deref(), Some("100/2025/QH15"));
        assert_eq!(m.doc_type.as_deref(), Some("Luật"));
        assert_eq!(m.issuer.as_deref(), Some("Quốc hội"));
        assert_eq!(m.date.as_deref(), Some("2025-12-10"));
        assert_eq!(m.title.as_deref(), Some("Kinh tế tập thể"));
        let s = m.signer.unwrap_or_default();
        assert_eq!(s.name.as_deref(), Some("Trần Thanh Mẫn"));
        assert_eq!(s.position.as_deref(), Some("Chủ tịch Quốc hội"));
    }

    #[test]
    fn standing_committee_headers() {
        // an ordinance, and a resolution whose number wrapped under "Nghị quyết số:"
        let m = extract(&doc("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPháp lệnh số: 09/2025/UBTVQH15\nHà Nội, ngày 12 tháng 11 năm 2025\nPHÁP LỆNH\nCHI PHÍ TỐ TỤNG\nCăn cứ Hiến pháp;\n")).metadata;
        assert_eq!(m.doc_number.as_deref(), Some("09/2025/UBTVQH15"));
        assert_eq!(m.doc_type.as_deref(), Some("Pháp lệnh"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban Thường vụ Quốc hội"));
        assert_eq!(m.date.as_deref(), Some("2025-11-12"));
        let m = extract(&doc("ỦY BAN THƯỜNG VỤ QUỐC\nHỘI\nNghị quyết số:\n105/2025/UBTVQH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 26 tháng 9 năm 2025\nNGHỊ QUYẾT\nHƯỚNG DẪN HOẠT ĐỘNG GIÁM SÁT CHUYÊN ĐỀ CỦA HỘI ĐỒNG\nNHÂN DÂN\nỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp;\n")).metadata;
        assert_eq!(m.doc_number.as_deref(), Some("105/2025/UBTVQH15"));
        assert_eq!(m.doc_type.as_deref(), Some("Nghị quyết"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban Thường vụ Quốc hội"));
        assert_eq!(
            m.title.map(|t| t.to_lowercase()).as_deref(),
            Some("hướng dẫn hoạt động giám sát chuyên đề của hội đồng nhân dân")
        );
    }

    #[test]
    fn ministry_on_two_lines_and_joint_resolution() {
        let m = extract(&doc("BỘ NÔNG NGHIỆP VÀ\nMÔI TRƯỜNG\nSố: 25/2025/TT-BNNMT\nHà Nội, ngày 20 tháng 6 năm 2025\nTHÔNG TƯ\nHướng dẫn tiêu chí\nCăn cứ Luật;\n")).metadata;
        assert_eq!(m.issuer.as_deref(), Some("Bộ Nông nghiệp và Môi trường"));
        let m = extract(&doc("ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ -\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐOÀN CHỦ TỊCH ỦY BAN TRUNG ƯƠNG\nĐộc lập - Tự do - Hạnh phúc\nMẶT TRẬN TỔ QUỐC VIỆT NAM\nHà Nội, ngày 14 tháng 11 năm 2025\nSố: 12/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN\nNGHỊ QUYẾT LIÊN TỊCH\nQUY ĐỊNH CHI TIẾT HÌNH THỨC GIÁM SÁT\nCăn cứ Hiến pháp;\n")).metadata;
        assert_eq!(
            m.issuer.as_deref(),
            Some("Ủy ban Thường vụ Quốc hội - Chính phủ - Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")
        );
        assert_eq!(
            m.doc_number.as_deref(),
            Some("12/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN")
        );
        assert_eq!(
            m.title.map(|t| t.to_lowercase()).as_deref(),
            Some("quy định chi tiết hình thức giám sát"),
            "a title opening with QU is not a \"Q.\" signature"
        );
    }

    #[test]
    fn a_subject_label_ocr_read_short_is_still_a_letters_subject() {
        // "V/v" read "V/ ": the subject line, the date line after it still in the header
        for label in ["V/", "V/y", "V /v"] {
            let m = extract(&doc(&format!("BỘ CÔNG THƯƠNG\nCỤC ĐỔI MỚI SÁNG TẠO\nSố: 1178 /ĐCK-CTT\n{label} hướng dẫn về công tác quản lý\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 09 tháng 7 năm 2025\nKính gửi: Sở Công Thương tỉnh Lào Cai\nNgày 03 tháng 7 năm 2025, Cục nhận được Công văn.\n"))).metadata;
            assert_eq!(m.doc_type.as_deref(), Some("Công văn"), "{label}");
            assert_eq!(m.date.as_deref(), Some("2025-07-09"), "{label}");
            assert_eq!(
                m.title.as_deref(),
                Some("V/v hướng dẫn về công tác quản lý"),
                "{label}"
            );
        }
        // "V/" before a capital or a digit is no subject label
        assert!(!is_vv_line("V/ KẾ HOẠCH"));
        assert!(!is_vv_line("V/2025"));
    }

    #[test]
    fn scan_readings_speck_line_and_kind_with_misread_marks() {
        // a speck OCR read as "An" between the motto and the place-date line of a letter
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nCỤC ĐỔI MỚI SÁNG TẠO\nSố: 1178 /ĐCK-CTT\nV/v hướng dẫn về công tác quản lý\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn\nHà Nội, ngày 09 tháng 7 năm 2025\nKính gửi: Sở Công Thương tỉnh Lào Cai\nNgày 03 tháng 7 năm 2025, Cục nhận được Công văn.\n")).metadata;
        assert_eq!(m.date.as_deref(), Some("2025-07-09"));
        assert_eq!(m.doc_number.as_deref(), Some("1178/ĐCK-CTT"));
        // "PHIẾU CHUYỂN" read with a circumflex for the hook above
        let out = extract(&doc("UBND TỈNH LÀO CAI\nVĂN PHÒNG\nSố: 466 /PC-VPUBND\nLào Cai, ngày 12 tháng 5 năm 2026\nPHIẾU CHUYÊN\nCông văn số 01/TTr-CT05 ngày 07/5/2026 của Công ty\nKính gửi: Sở Công Thương\n"));
        assert_eq!(out.metadata.doc_type.as_deref(), Some("Phiếu chuyển"));
        assert!(
            out.warnings.iter().any(|w| w.contains("PHIẾU CHUYÊN")),
            "{:?}",
            out.warnings
        );
        // a stamped day OCR garbled is no day, not the 1st
        let m = extract(&doc("UBND TỈNH LÀO CAI\nSỞ XÂY DỰNG\nSố: 1103/SXD-QLGT\nLào Cai, ngày 1x tháng 3 năm 2026\nV/v tham gia ý kiến\nKính gửi: Sở Công Thương\n")).metadata;
        assert_eq!(m.date, None);
    }

    #[test]
    fn blank_number_and_date_are_null() {
        let m = extract(&doc("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:            /KH-UBND  Đắk Lắk, ngày         tháng        năm 2020\nKẾ HOẠCH\nTriển khai thực hiện Kết luận số 70-KL/TW\nTriển khai thực hiện Kết luận số 70-KL/TW, UBND tỉnh ban hành Kế hoạch như sau:\n"));
        let w = m.warnings.clone();
        let m = m.metadata;
        assert_eq!(m.doc_number, None);
        assert_eq!(m.date, None);
        assert_eq!(m.place.as_deref(), Some("Đắk Lắk"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Đắk Lắk"));
        assert_eq!(
            m.title.as_deref(),
            Some("Triển khai thực hiện Kết luận số 70-KL/TW")
        );
        assert_eq!(m.province_2025.as_deref(), Some("Đắk Lắk"));
        assert!(w.iter().any(|w| w.contains("doc_number")), "{w:?}");
    }

    #[test]
    fn no_header_reads_preamble() {
        let m = extract(&doc("KẾ HOẠCH\nThực hiện Nghị quyết số 134/NQ-CP của Chính phủ\ntrên địa bàn tỉnh Bình Định\nThực hiện Nghị quyết số 134/NQ-CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\nBáo Bình Định đưa tin.\n"));
        let w = m.warnings.clone();
        let m = m.metadata;
        assert_eq!(
            m.title.as_deref(),
            Some("Thực hiện Nghị quyết số 134/NQ-CP của Chính phủ trên địa bàn tỉnh Bình Định")
        );
        assert_eq!(m.province.as_deref(), Some("Bình Định"));
        assert_eq!(m.province_2025.as_deref(), Some("Gia Lai"));
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Bình Định"));
        assert_eq!((m.doc_number, m.date, m.signer), (None, None, None));
        assert!(w.iter().any(|w| w.contains("issuer")), "{w:?}");
    }

    #[test]
    fn body_only_province_warns_and_weak_is_null() {
        let m = extract(&doc("PHỤ LỤC IV\nBáo cáo kết quả thực hiện\nI. MỤC TIÊU\nTrường Cao đẳng Cộng đồng Kon Tum; tỉnh Kon Tum; du lịch tỉnh Kon Tum.\n"));
        assert_eq!(m.metadata.doc_type.as_deref(), Some("Phụ lục"));
        assert_eq!(m.metadata.province.as_deref(), Some("Kon Tum"));
        assert_eq!(m.metadata.province_2025.as_deref(), Some("Quảng Ngãi"));
        assert!(
            m.warnings.iter().any(|w| w.contains("body mention")),
            "{:?}",
            m.warnings
        );
        assert_eq!(m.metadata.issuer, None);
        // one bare mention is not enough; a split between two provinces neither
        let m = extract(&doc(
            "BÁO CÁO\nTình hình\nI. KẾT QUẢ\nĐoàn công tác đi Hà Nội.\n",
        ));
        assert_eq!(m.metadata.province, None);
        let m = extract(&doc(
            "BÁO CÁO\nTình hình\nI. KẾT QUẢ\ntỉnh Nghệ An, tỉnh Hà Tĩnh.\n",
        ));
        assert_eq!(m.metadata.province, None);
        // tư tưởng Hồ Chí Minh is not the city
        let m = extract(&doc("BÁO CÁO\nTình hình\nI. KẾT QUẢ\nHọc tập tư tưởng Hồ Chí Minh; Hồ Chí Minh; Hồ Chí Minh.\n"));
        assert_eq!(m.metadata.province, None);
    }

    #[test]
    fn ocr_junk_before_the_title_is_not_the_title() {
        // a QR code beside the kind line, read as "vẤY"
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nSố: 428/GP-BCT\nGIẤY PHÉP\nvẤY\nVẬN CHUYỂN HÀNG HÓA NGUY HIỂM\nTheo đề nghị của: Công ty A cho phép:\n"));
        assert_eq!(
            m.metadata.title.as_deref(),
            Some("Vận chuyển hàng hóa nguy hiểm")
        );
    }

    #[test]
    fn a_registry_stamp_beside_the_title_is_not_the_title() {
        let m = extract(&doc("CỤC HÓA CHẤT\nSố: 26/QĐ-XPVPHC\nQUYẾT ĐỊNH\nĐỀNNgav¿0.2‡., /2d\nXử phạt vi phạm hành chính\nChuyên:......................... „ , .\n| §đvà ký hiệuH§,....-e| CỤC TRƯỞNG CỤC HÓA CHẤT\nCăn cứ Luật Xử lý vi phạm hành chính;\n"));
        assert_eq!(
            m.metadata.title.as_deref(),
            Some("Xử phạt vi phạm hành chính")
        );
    }

    #[test]
    fn a_capital_titles_marks_from_running_text() {
        let body = "GIẤY PHÉP\nVẬN CHUYỂN HÀNG HÓA NGUY HIẾM\nĐược vận chuyển hàng hóa nguy hiểm loại 1. Hàng hóa nguy hiểm phải được dán nhãn.";
        assert_eq!(
            title_marks_from_body("Vận chuyển hàng hóa nguy hiếm", body),
            "Vận chuyển hàng hóa nguy hiểm"
        );
        // a spelling running text prints too stays
        assert_eq!(
            title_marks_from_body("Về cơ chế", "VỀ CƠ CHẾ\nvề cơ chế mới; cơ chê"),
            "Về cơ chế"
        );
        // no running text with these words: as read
        assert_eq!(
            title_marks_from_body("Nguy hiếm", "NGUY HIẾM\nNGUY HIỂM"),
            "Nguy hiếm"
        );
        // the two pairs around "bà" propose different marks for it: it stays as read
        let got = title_marks_from_body("ba bà ba", "bá bạ lời; ba bá lời");
        assert_eq!(got.split(' ').nth(1), Some("bà"));
    }

    #[test]
    fn title_joined_with_preamble() {
        let m = extract(&doc("KẾ HOẠCH\nThực hiện Nghị quyết số 134/NQ-CP của Chính phủ trên địa bàn tỉnh Bình Định Thực hiện Nghị quyết số 134/NQ-CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n"));
        assert_eq!(
            m.metadata.title.as_deref(),
            Some("Thực hiện Nghị quyết số 134/NQ-CP của Chính phủ trên địa bàn tỉnh Bình Định")
        );
        let m = extract(&doc(
            "KẾ HOẠCH\nVề việc phát triển kinh tế tập thể Căn cứ Luật Hợp tác xã;\nI. MỤC ĐÍCH\n",
        ));
        assert_eq!(
            m.metadata.title.as_deref(),
            Some("Về việc phát triển kinh tế tập thể")
        );
        // a title that merely contains a phrase twice is not cut short
        let m = extract(&doc("KẾ HOẠCH\nPhát triển kinh tế tập thể và phát triển kinh tế tập thể bền vững\nCăn cứ Luật;\n"));
        assert_eq!(
            m.metadata.title.as_deref(),
            Some("Phát triển kinh tế tập thể và phát triển kinh tế tập thể bền vững")
        );
    }

    #[test]
    fn party_header_stamp_and_2025_province() {
        let m = extract(&doc("DỰ THẢO\nBAN CHẤP HÀNH ĐẢNG BỘ TỈNH GIA LAI\n*\nSố 05-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nGia Lai, ngày 12 tháng 8 năm 2025\nNGHỊ QUYẾT\nvề phát triển kinh tế tập thể\n-----\nI. TÌNH HÌNH\n")).metadata;
        assert_eq!(
            m.issuer.as_deref(),
            Some("Ban Chấp hành Đảng bộ tỉnh Gia Lai")
        );
        assert_eq!(m.doc_number.as_deref(), Some("05-NQ/TU"));
        assert_eq!(
            (m.province.as_deref(), m.province_2025.as_deref()),
            (Some("Gia Lai"), Some("Gia Lai"))
        );
        assert_eq!(m.date.as_deref(), Some("2025-08-12"));
        assert_eq!(m.title.as_deref(), Some("về phát triển kinh tế tập thể"));
    }

    #[test]
    fn joint_issuer_wrapped_symbol_and_misprinted_marks() {
        let m = extract(&doc("BỘ CÔNG AN - BỘ QUỐC PHÒNG -\nBỘ Y TẾ - VIỆN KIỂM SÁT\nNHÂN DÂN TÓI CAO\nSố: 24 /HDLN-BCA-BQP-\nBYT-VKSNDTC\nCỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 25 tháng 6 năm 2026\nHƯỚNG DẪN LIÊN NGÀNH\nVề việc xử lý vi phạm\n")).metadata;
        assert_eq!(m.doc_number.as_deref(), Some("24/HDLN-BCA-BQP-BYT-VKSNDTC"));
        assert_eq!(m.doc_type.as_deref(), Some("Hướng dẫn"));
        assert_eq!(
            m.issuer.as_deref(),
            Some("Bộ Công an - Bộ Quốc phòng - Bộ Y tế - Viện kiểm sát nhân dân tối cao")
        );
        assert_eq!(m.province, None, "central bodies in Hà Nội");
        assert_eq!(m.date.as_deref(), Some("2026-06-25"));
        // the dashes run into the words beside them, as OCR reads them
        let m = extract(&doc("BỘ CÔNG AN- BỘ QUỐC PHÒNG -\nBỘ Y TẾ -BỘ TÀI CHÍNH- VIỆN KIỂM SÁT\nNHÂN DÂN TỐI CAO\nSố: 24 /HDLN-BCA-BQP-BYT-BTC-VKSNDTC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 25 tháng 6 năm 2026\nHƯỚNG DẪN LIÊN NGÀNH\nVề việc xử lý vi phạm\n")).metadata;
        assert_eq!(
            m.issuer.as_deref(),
            Some("Bộ Công an - Bộ Quốc phòng - Bộ Y tế - Bộ Tài chính - Viện kiểm sát nhân dân tối cao")
        );
    }

    #[test]
    fn body_under_a_ministry_is_central() {
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\nSố: 813/HC-CNHC\nV/v thông quan hóa chất\nHà Nội, ngày 22 tháng 4 năm 2026\nKính gửi: Sở Công Thương tỉnh Lào Cai\nCục nhận được văn bản của Sở Công Thương tỉnh Lào Cai về cụm công nghiệp tỉnh Lào Cai.\n")).metadata;
        assert_eq!(m.issuer.as_deref(), Some("Cục Hóa chất"));
        assert_eq!(m.doc_type.as_deref(), Some("Công văn"));
        assert_eq!(m.province, None);
    }

    #[test]
    fn treaty_and_record_dates_without_header() {
        let m = extract(&doc("HIỆP ĐỊNH VẬN TẢI ĐƯỜNG BỘ\nGIỮA\nCHÍNH PHỦ NƯỚC A\nĐiều 1\nHai Bên đồng ý.\nLàm tại Hà Nội ngày 22 tháng 11 năm 1994\n")).metadata;
        assert_eq!(m.doc_type.as_deref(), Some("Hiệp định"));
        assert_eq!(m.date.as_deref(), Some("1994-11-22"));
        let m = extract(&doc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBIÊN BẢN NGHIỆM THU HOÀN THÀNH\nI. Tên công trình: Kho chứa.\nCăn cứ Quyết định số 01/QĐ-HTCS ngày 26 tháng 12 năm 2025.\nBắt đầu: 8h15 ngày 15 tháng 3 năm 2026\n")).metadata;
        assert_eq!(m.doc_type.as_deref(), Some("Biên bản"));
        assert_eq!(m.date.as_deref(), Some("2026-03-15"));
        let m = extract(&doc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBÁO CÁO\nTình hình năm 2025\nNgày 15 tháng 3 năm 2026, đoàn kiểm tra làm việc.\n")).metadata;
        assert_eq!(m.date, None, "only a record is dated by its proceedings");
        // a licence dated over its signature, the comma lost by OCR
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nSố: 428 /GP-BCT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY PHÉP\nVẬN CHUYỂN HÀNG HÓA NGUY HIỂM\nCông ty được cấp ngày 27 tháng 4 năm 2021.\nThời hạn của giấy phép: 24 tháng kể từ ngày ký.\nHà Nội ngày 30 tháng 5 năm 2025\nKT. BỘ TRƯỞNG\n")).metadata;
        assert_eq!(m.date.as_deref(), Some("2025-05-30"));
        // a date in a sentence is not the document's
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nGIẤY PHÉP\nVẬN CHUYỂN HÀNG HÓA\nCông ty được cấp ngày 27 tháng 4 năm 2021.\nKT. BỘ TRƯỞNG\n")).metadata;
        assert_eq!(m.date, None);
    }

    #[test]
    fn ocr_header_stamps_below_the_number_and_marks_from_the_body() {
        let m = extract(&doc("BỘ CÔNG THƯƠNG\nCỤC HÓA CHÁT\nSố: Êđổ /HC-CNHC\n'§Ở CÔNG THƯƠNG LÀO CAI|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày °È} tháng 4 năm 2026\nV/v trao đổi về hóa chất\nKính gửi: Cục Hải quan\nCục Hóa chất có ý kiến như sau. Cục Hóa chất đề nghị.\n")).metadata;
        assert_eq!(m.issuer.as_deref(), Some("Cục Hóa chất"));
        assert_eq!(m.doc_type.as_deref(), Some("Công văn"));
        assert_eq!((m.doc_number, m.date), (None, None));
        assert_eq!(
            marks_from_body(
                "Cục Hóa chát",
                "CỤC HÓA CHÁT\nCục Hóa chát đề nghị. Cục Hóa chất"
            ),
            "Cục Hóa chát",
            "a spelling the body prints again is kept"
        );
        assert_eq!(
            marks_from_body("Sở Tài chính", "SỞ TÀI CHÍNH\nSở Tài chính và sở tài chinh"),
            "Sở Tài chính"
        );
    }

    #[test]
    fn unreadable_number_still_ends_the_issuer_block() {
        let out = extract(&doc("BỘ CÔNG THƯƠNG\nSố: 42 .đ8GP-BCT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNINH\nGIẤY PHÉP\nVẬN CHUYỂN HÀNG HÓA NGUY HIỂM\nBộ Công Thương cho phép:\n"));
        assert_eq!(out.metadata.issuer.as_deref(), Some("Bộ Công Thương"));
        assert_eq!(out.metadata.doc_number, None);
        assert!(
            out.warnings.iter().any(|w| w.contains("number unreadable")),
            "{:?}",
            out.warnings
        );
        assert!(is_number_label_line("Số: 42 .đ8GP-BCT"));
        assert!(is_number_label_line("SỐ: 12/KH-UBND"));
        assert!(is_number_label_line("so 4 GP-BCT"));
        assert!(is_number_label_line("số ÊÖ5CT-ATMT —~ °"));
        assert!(!is_number_label_line("Sở Công Thương"));
        assert!(!is_number_label_line("Số liệu báo cáo năm 2024"));
        assert!(!is_number_label_line("Sông Hồng"));
    }

    #[test]
    fn running_text_marks_outweigh_capitals_and_company_abbreviation() {
        assert_eq!(
            marks_from_body(
                "Cục Hóa chát",
                "CỤC HÓA CHÁT\nCỤC TRƯỞNG CỤC HÓA CHÁT\nchức năng của Cục Hóa chất;\nVăn phòng Cục Hóa chất"
            ),
            "Cục Hóa chất"
        );
        let m = extract(&doc("CÔNG TY CP ĐẦU TƯ XÂY DỰNG\nHẠ TÀNG VÀ GIAO THÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 89/2026/QĐ-CT\nHà Nội, ngày 08 tháng 5 năm 2026\nQUYẾT ĐỊNH\nPhê duyệt thiết kế\nTên đơn vị: Công ty Cổ phần đầu tư Xây dựng hạ tầng và Giao thông\n")).metadata;
        assert_eq!(
            m.issuer.map(|i| i.to_lowercase()).as_deref(),
            Some("công ty cổ phần đầu tư xây dựng hạ tầng và giao thông")
        );
    }

    #[test]
    fn unreadable_day_takes_the_signing_date_when_it_agrees() {
        let head = "BỘ CÔNG THƯƠNG\nSố: 2265/BCT-ATMT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
        let body = "Kính gửi: Ủy ban nhân dân các tỉnh\nNội dung.\nKý bởi: Bộ Công Thương\nThời gian ký: 02.04.2026 14:24:26 +07:00\n";
        let date = |line: &str| {
            let out = extract(&doc(&format!("{head}{line}\n{body}")));
            (
                out.metadata.date,
                out.warnings.iter().any(|w| w.contains("signing date")),
            )
        };
        assert_eq!(
            date("Hà Nội, ngàyô). thángh năm 2026"),
            (Some("2026-04-02".into()), true)
        );
        assert_eq!(
            date("Hà Nội, ngày °È} tháng 4 năm 2026"),
            (Some("2026-04-02".into()), true)
        );
        // the header disagrees (another month, another year): no date rather than a wrong one
        assert_eq!(date("Hà Nội, ngày °È} tháng 5 năm 2026").0, None);
        assert_eq!(date("Hà Nội, ngày °È} tháng 4 năm 2025").0, None);
        // a readable header date wins over the stamp
        assert_eq!(
            date("Hà Nội, ngày 01 tháng 4 năm 2026"),
            (Some("2026-04-01".into()), false)
        );
        // a letter's subject wrapped over two lines before the place-date line
        let head = head.replace("Số: 2265/BCT-ATMT", ")\nsố ÊÖ5CT-ATMT —~ °");
        let m = extract(&doc(&format!("{head}V/v triển khai thực hiện thủ tục cấp\nGiấy phép vận chuyển hàng hóa nguy hiểm loại 1,2,3,4,9\nHà Nội, ngàyô). thángh năm 2026\n{body}"))).metadata;
        assert_eq!(
            (m.date.as_deref(), m.place.as_deref()),
            (Some("2026-04-02"), Some("Hà Nội"))
        );
        assert_eq!(
            m.title.as_deref(),
            Some("V/v triển khai thực hiện thủ tục cấp Giấy phép vận chuyển hàng hóa nguy hiểm loại 1,2,3,4,9")
        );
    }

    #[test]
    fn official_letter_without_kind_line() {
        let m = extract(&doc("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 1520/UBND-KT\nV/v báo cáo tình hình kinh tế tập thể\nTây Ninh, ngày 10 tháng 11 năm 2023\nKính gửi: Các sở, ngành tỉnh.\n")).metadata;
        assert_eq!(m.doc_number.as_deref(), Some("1520/UBND-KT"));
        assert_eq!(
            m.doc_type.as_deref(),
            Some("Công văn"),
            "a letter with V/v and no kind word is a công văn"
        );
        assert_eq!(
            m.title.as_deref(),
            Some("V/v báo cáo tình hình kinh tế tập thể")
        );
        assert_eq!(m.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Tây Ninh"));
    }

    #[test]
    fn empty_document() {
        let m = extract(&doc(""));
        assert_eq!(m.metadata, Metadata::default());
    }
}
