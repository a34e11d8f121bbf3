//! Issuing bodies: read from "của …" (or a body named right after the date), with
//! abbreviations expanded (`UBND` → `Ủy ban nhân dân`), or implied by the symbol's code
//! where that code has a single issuer (`CP`, `TTg`, `QH13`, ministry codes).

use crate::date::skip_ws;
use crate::symbol::Symbol;

/// One char lower-cased (Vietnamese letters map one to one).
pub(crate) fn lc(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Match `head` (any case, single spaces) case-insensitively at the start of `s`,
/// where any run of whitespace in `s` matches one space. Returns bytes consumed.
pub(crate) fn prefix_ci(s: &str, head: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    for h in head.chars() {
        if h == ' ' {
            let mut any = false;
            while let Some(&(_, c)) = it.peek() {
                if c.is_whitespace() {
                    any = true;
                    it.next();
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
            continue;
        }
        let (_, c) = it.next()?;
        if c != h && lc(c) != lc(h) {
            return None;
        }
    }
    let end = it.peek().map(|&(i, _)| i).unwrap_or(s.len());
    // whole words only
    if s.get(end..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some(end)
}

/// Ministries and ministry-level bodies (names after "Bộ"); provincial departments
/// ("Sở …") mostly carry the same names.
pub const MINISTRIES: &[&str] = &[
    "Kế hoạch và Đầu tư",
    "Tài chính",
    "Công Thương",
    "Công thương",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Giao thông vận tải",
    "Xây dựng",
    "Nội vụ",
    "Tư pháp",
    "Ngoại giao",
    "Quốc phòng",
    "Công an",
    "Y tế",
    "Giáo dục và Đào tạo",
    "Khoa học và Công nghệ",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Lao động-Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Dân tộc và Tôn giáo",
];

/// Ministry codes used in symbols.
const MINISTRY_CODES: &[(&str, &str)] = &[
    ("BKHĐT", "Bộ Kế hoạch và Đầu tư"),
    ("BTC", "Bộ Tài chính"),
    ("BCT", "Bộ Công Thương"),
    ("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường"),
    ("BTNMT", "Bộ Tài nguyên và Môi trường"),
    ("BGTVT", "Bộ Giao thông vận tải"),
    ("BXD", "Bộ Xây dựng"),
    ("BNV", "Bộ Nội vụ"),
    ("BTP", "Bộ Tư pháp"),
    ("BNG", "Bộ Ngoại giao"),
    ("BQP", "Bộ Quốc phòng"),
    ("BCA", "Bộ Công an"),
    ("BYT", "Bộ Y tế"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BKHCN", "Bộ Khoa học và Công nghệ"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("UBDT", "Ủy ban Dân tộc"),
    ("TTCP", "Thanh tra Chính phủ"),
    ("VPCP", "Văn phòng Chính phủ"),
];

/// Whether `code` is the code of a body that never carries a number in a symbol (`CP`,
/// `TTg`, `TW`, `UBND`, a ministry's `BCT`): digits glued to it are a footnote marker
/// ("105/2025/NĐ-CP2"), unlike a unit's code (`C06`, `CT05`) or a legislature's (`QH15`).
pub(crate) fn is_plain_body_code(code: &str) -> bool {
    matches!(code, "CP" | "TTg" | "TW" | "TU" | "UBND" | "HĐND")
        || MINISTRY_CODES.iter().any(|(c, _)| *c == code)
}

/// Bodies named without a place: (lower-case pattern, expansion or `None` for as printed).
const BODIES: &[(&str, Option<&str>)] = &[
    ("ban chấp hành trung ương đảng cộng sản việt nam", None),
    ("ban chấp hành trung ương đảng", None),
    ("ban chấp hành trung ương", None),
    ("bch trung ương đảng", Some("Ban Chấp hành Trung ương Đảng")),
    ("bch trung ương", Some("Ban Chấp hành Trung ương")),
    ("bch tw đảng", Some("Ban Chấp hành Trung ương Đảng")),
    ("bchtw đảng", Some("Ban Chấp hành Trung ương Đảng")),
    ("bchtw", Some("Ban Chấp hành Trung ương")),
    ("bộ chính trị", None),
    ("ban bí thư trung ương đảng", None),
    ("ban bí thư", None),
    ("ban tuyên giáo trung ương", None),
    ("ban kinh tế trung ương", None),
    ("ban tổ chức trung ương", None),
    ("ban dân vận trung ương", None),
    ("ủy ban kiểm tra trung ương", None),
    ("ủy ban thường vụ quốc hội", None),
    ("ubtvqh", Some("Ủy ban Thường vụ Quốc hội")),
    ("quốc hội", None),
    ("chủ tịch nước", None),
    ("phó thủ tướng chính phủ", None),
    ("thủ tướng chính phủ", None),
    ("thủ tướng", Some("Thủ tướng Chính phủ")),
    ("văn phòng chính phủ", None),
    ("thanh tra chính phủ", None),
    ("chính phủ", None),
    ("ngân hàng nhà nước việt nam", None),
    ("ngân hàng nhà nước", None),
    ("kiểm toán nhà nước", None),
    ("tòa án nhân dân tối cao", None),
    ("viện kiểm sát nhân dân tối cao", None),
    ("ủy ban trung ương mặt trận tổ quốc việt nam", None),
    ("ủy ban dân tộc", None),
    ("liên minh hợp tác xã việt nam", None),
];

/// Bodies followed by a level and a place: (pattern, expansion or `None`).
const LOCAL_BODIES: &[(&str, Option<&str>)] = &[
    ("ban chấp hành đảng bộ", None),
    ("bch đảng bộ", Some("Ban Chấp hành Đảng bộ")),
    ("ban thường vụ", None),
    ("btv", Some("Ban Thường vụ")),
    ("chủ tịch ủy ban nhân dân", None),
    ("chủ tịch ubnd", Some("Chủ tịch Ủy ban nhân dân")),
    ("hội đồng nhân dân", None),
    ("hđnd", Some("Hội đồng nhân dân")),
    ("ủy ban nhân dân", None),
    ("uỷ ban nhân dân", Some("Ủy ban nhân dân")),
    ("ubnd", Some("Ủy ban nhân dân")),
    ("liên minh hợp tác xã", None),
    ("đảng ủy", None),
];

const LEVELS: &[&str] = &[
    "thành phố",
    "thị xã",
    "thị trấn",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
];
const COMMITTEES: &[&str] = &[
    "tỉnh ủy",
    "tỉnh uỷ",
    "thành ủy",
    "thành uỷ",
    "huyện ủy",
    "huyện uỷ",
    "đảng ủy",
    "đảng uỷ",
];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A place name after a level word: a province from the gazetteer, or for lower levels
/// up to three capitalised words.
fn place(s: &str, level: &str) -> Option<(String, usize)> {
    let w = s.bytes().take_while(|b| *b == b' ').count();
    if w == 0 {
        return None;
    }
    let r = s.get(w..)?;
    let mut best: Option<(&str, usize)> = None;
    for p in vanban_meta::place_names() {
        if r.chars().next() != p.chars().next() {
            continue;
        }
        if let Some(n) = prefix_ci(r, p) {
            // case must match on the first letter (proper noun)
            if r.chars().next() == p.chars().next() && best.is_none_or(|b| n > b.1) {
                best = Some((p, n));
            }
        }
    }
    if let Some((_, n)) = best {
        return Some((collapse(r.get(..n)?), w + n));
    }
    if level == "tỉnh" || level == "thành phố" {
        return None;
    }
    const STOP: &[&str] = &[
        "Về", "V/v", "Ban", "Hội", "Sở", "Kế", "Nghị", "Quyết", "Chương", "Thông", "Tại", "Theo",
    ];
    let mut end = 0;
    for (words, word) in r.split(' ').enumerate() {
        let first = word.chars().next();
        if words >= 3 || !first.is_some_and(char::is_uppercase) || STOP.contains(&word) {
            break;
        }
        let clean = word.trim_end_matches([',', ';', '.', ')', ':']);
        end += clean.len();
        if clean.len() != word.len() {
            break;
        }
        end += 1;
    }
    let name = r.get(..end)?.trim_end();
    if name.is_empty() {
        return None;
    }
    Some((name.to_string(), w + name.len()))
}

fn level_and_place(s: &str) -> (String, usize) {
    let w = skip_ws(s);
    let Some(r) = s.get(w..) else {
        return (String::new(), 0);
    };
    for lv in LEVELS {
        if let Some(n) = prefix_ci(r, lv) {
            let mut out = format!(" {lv}");
            let mut used = w + n;
            if let Some((p, m)) = r.get(n..).and_then(|rest| place(rest, lv)) {
                out.push(' ');
                out.push_str(&p);
                used += m;
            }
            return (out, used);
        }
    }
    (String::new(), 0)
}

fn ministry(s: &str, prefix: &str) -> Option<(String, usize)> {
    let mut best: Option<(&str, usize)> = None;
    for m in MINISTRIES {
        if let Some(n) = prefix_ci(s, m) {
            if best.is_none_or(|b| n > b.1) {
                best = Some((m, n));
            }
        }
    }
    let (_, n) = best?;
    Some((format!("{prefix} {}", collapse(s.get(..n)?)), n))
}

/// Parse an issuer at the start of `s` (after "của "). Returns the issuer with
/// abbreviations expanded and the bytes consumed.
///
/// ```
/// use vanban_refs::issuer::parse_issuer;
/// assert_eq!(parse_issuer("HĐND tỉnh ngày").map(|x| x.0).as_deref(), Some("Hội đồng nhân dân tỉnh"));
/// assert_eq!(parse_issuer("UBND tỉnh Bình Định ban hành").map(|x| x.0).as_deref(), Some("Ủy ban nhân dân tỉnh Bình Định"));
/// assert_eq!(parse_issuer("các cơ quan"), None);
/// ```
pub fn parse_issuer(s: &str) -> Option<(String, usize)> {
    // "Hội nghị lần thứ năm Ban Chấp hành …", "Hội nghị Trung ương 5 Ban Chấp hành …"
    if let Some(n) = prefix_ci(s, "hội nghị") {
        let mut at = n;
        for _ in 0..5 {
            at += skip_ws(s.get(at..)?);
            let rest = s.get(at..)?;
            if let Some((iss, m)) = parse_body(rest) {
                return Some((iss, at + m));
            }
            let wl = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if wl == 0 {
                break;
            }
            at += wl;
        }
        return None;
    }
    parse_body(s)
}

fn parse_body(s: &str) -> Option<(String, usize)> {
    for c in COMMITTEES {
        if let Some(n) = prefix_ci(s, c) {
            let printed = collapse(s.get(..n)?);
            let mut name = capitalize(&printed);
            let mut used = n;
            if let Some((p, m)) = s.get(n..).and_then(|r| place(r, "tỉnh")) {
                name = format!("{name} {p}");
                used += m;
            }
            return Some((name, used));
        }
    }
    for (pat, exp) in LOCAL_BODIES {
        if let Some(n) = prefix_ci(s, pat) {
            let head = exp
                .map(str::to_string)
                .unwrap_or_else(|| collapse(s.get(..n).unwrap_or_default()));
            let rest = s.get(n..)?;
            // "Ban Thường vụ Tỉnh ủy Kiên Giang"
            if pat.ends_with("thường vụ") || *pat == "btv" {
                let w = skip_ws(rest);
                let (c, m) = parse_body(rest.get(w..)?)?;
                return Some((format!("{head} {c}"), n + w + m));
            }
            let (lp, m) = level_and_place(rest);
            return Some((format!("{head}{lp}"), n + m));
        }
    }
    for (pat, exp) in BODIES {
        if let Some(n) = prefix_ci(s, pat) {
            let out = exp
                .map(str::to_string)
                .unwrap_or_else(|| collapse(s.get(..n).unwrap_or_default()));
            return Some((out, n));
        }
    }
    for (pat, prefix) in [("bộ trưởng bộ", "Bộ trưởng Bộ"), ("bộ", "Bộ"), ("sở", "Sở")]
    {
        if let Some(n) = prefix_ci(s, pat) {
            let w = skip_ws(s.get(n..)?);
            if let Some((name, m)) = s.get(n + w..).and_then(|r| ministry(r, prefix)) {
                return Some((name, n + w + m));
            }
        }
    }
    None
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The issuer a symbol's code implies, where only one body uses that code:
/// `CP` → Chính phủ, `TTg` → Thủ tướng Chính phủ, `QH13` → Quốc hội, ministry codes.
/// `TW`, `TU`, `UBND`, `HĐND` are left alone: several bodies issue under them.
///
/// ```
/// let s = &vanban_refs::symbol::find_symbols("số 28/2018/TT-BTC")[0];
/// assert_eq!(vanban_refs::issuer::issuer_from_symbol(s).as_deref(), Some("Bộ Tài chính"));
/// ```
pub fn issuer_from_symbol(sym: &Symbol) -> Option<String> {
    let orgs: Vec<&str> = sym.codes.iter().skip(1).map(String::as_str).collect();
    let first = sym.codes.first()?.as_str();
    if first.starts_with("UBTVQH") {
        return Some("Ủy ban Thường vụ Quốc hội".into());
    }
    if first.starts_with("QH") {
        return Some("Quốc hội".into());
    }
    let names: Vec<String> = orgs
        .iter()
        .filter_map(|o| match *o {
            "CP" => Some("Chính phủ".to_string()),
            "TTg" => Some("Thủ tướng Chính phủ".to_string()),
            _ => MINISTRY_CODES
                .iter()
                .find(|(c, _)| c == o)
                .map(|(_, n)| n.to_string()),
        })
        .collect();
    // every org code must be known (a joint circular names all its issuers)
    (!names.is_empty() && names.len() == orgs.len()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iss(s: &str) -> Option<String> {
        parse_issuer(s).map(|x| x.0)
    }

    #[test]
    fn bodies() {
        assert_eq!(iss("Chính phủ ban hành").as_deref(), Some("Chính phủ"));
        assert_eq!(
            iss("Thủ tướng Chính phủ về").as_deref(),
            Some("Thủ tướng Chính phủ")
        );
        assert_eq!(iss("Bộ Chính trị về").as_deref(), Some("Bộ Chính trị"));
        assert_eq!(iss("Ban Bí thư").as_deref(), Some("Ban Bí thư"));
        assert_eq!(
            iss("Ban chấp hành Đảng bộ tỉnh về").as_deref(),
            Some("Ban chấp hành Đảng bộ tỉnh")
        );
        assert_eq!(iss("Tỉnh ủy về").as_deref(), Some("Tỉnh ủy"));
        assert_eq!(
            iss("Tỉnh ủy Lâm Đồng về").as_deref(),
            Some("Tỉnh ủy Lâm Đồng")
        );
        assert_eq!(
            iss("Hội đồng nhân dân tỉnh").as_deref(),
            Some("Hội đồng nhân dân tỉnh")
        );
        assert_eq!(
            iss("UBND tỉnh Bà Rịa - Vũng Tàu").as_deref(),
            Some("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu")
        );
        assert_eq!(
            iss("UBND huyện Krông Pắc về").as_deref(),
            Some("Ủy ban nhân dân huyện Krông Pắc")
        );
        assert_eq!(
            iss("Bộ Kế hoạch và Đầu tư hướng dẫn").as_deref(),
            Some("Bộ Kế hoạch và Đầu tư")
        );
        assert_eq!(
            iss("Bộ trưởng Bộ Tài chính về").as_deref(),
            Some("Bộ trưởng Bộ Tài chính")
        );
        assert_eq!(
            iss("Ban Thường vụ Tỉnh ủy về").as_deref(),
            Some("Ban Thường vụ Tỉnh ủy")
        );
    }

    #[test]
    fn conference_prefix() {
        assert_eq!(
            iss("Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về").as_deref(),
            Some("Ban Chấp hành Trung ương Đảng")
        );
    }

    #[test]
    fn not_issuers() {
        assert_eq!(iss("các sở, ngành"), None);
        assert_eq!(iss("Bộ phận một cửa"), None);
        assert_eq!(iss("Hội nghị tổng kết"), None);
        assert_eq!(iss("tỉnh"), None);
    }

    #[test]
    fn from_symbol() {
        let f = |t: &str| issuer_from_symbol(&crate::symbol::find_symbols(t)[0]);
        assert_eq!(f("số 09/NQ-CP").as_deref(), Some("Chính phủ"));
        assert_eq!(f("số 340/QĐ-TTg").as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(f("số 23/2012/QH13").as_deref(), Some("Quốc hội"));
        assert_eq!(
            f("số 01/2015/TTLT-BKHĐT-BTC").as_deref(),
            Some("Bộ Kế hoạch và Đầu tư, Bộ Tài chính")
        );
        assert_eq!(f("số 20-NQ/TW"), None);
        assert_eq!(f("số 251/KH-UBND"), None);
        assert_eq!(f("số 337/2020/NQ-HĐND"), None);
    }
}
