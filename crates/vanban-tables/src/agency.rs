//! Agency gazetteer (data) and the two operations built on it: finding where an agency
//! name starts and ends in running text, and splitting an agency cell into one entry per
//! agency.

use crate::text::{clean, drop_parens, from, prefix_ci, sub, trim_punct};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Full names of provincial bodies (lowercase; tone-mark variants are generated).
/// A name may be followed by a place tail ("tỉnh", "tỉnh Kon Tum", "chi nhánh tỉnh").
const KNOWN: &[&str] = &[
    "sở kế hoạch và đầu tư",
    "sở kế hoạch - đầu tư",
    "sở tài chính",
    "sở nội vụ",
    "sở tư pháp",
    "sở công thương",
    "sở nông nghiệp và phát triển nông thôn",
    "sở nông nghiệp và ptnt",
    "sở nông nghiệp & ptnt",
    "sở nông nghiệp và môi trường",
    "sở tài nguyên và môi trường",
    "sở tài nguyên - môi trường",
    "sở xây dựng",
    "sở giao thông vận tải",
    "sở giao thông - vận tải",
    "sở thông tin và truyền thông",
    "sở khoa học và công nghệ",
    "sở giáo dục và đào tạo",
    "sở y tế",
    "sở lao động - thương binh và xã hội",
    "sở lao động, thương binh và xã hội",
    "sở lao động thương binh và xã hội",
    "sở văn hóa, thể thao và du lịch",
    "sở văn hóa, thông tin, thể thao và du lịch",
    "sở văn hóa và thể thao",
    "sở văn hóa - thể thao và du lịch",
    "sở du lịch",
    "sở ngoại vụ",
    "sở dân tộc và tôn giáo",
    "sở kh&đt",
    "sở khđt",
    "sở nn&ptnt",
    "sở nn và ptnt",
    "sở tn&mt",
    "sở lđtb&xh",
    "sở lđ-tb&xh",
    "sở vhtt&dl",
    "sở kh&cn",
    "sở gd&đt",
    "sở tt&tt",
    "sở gtvt",
    "liên minh hợp tác xã việt nam",
    "liên minh hợp tác xã",
    "liên minh htx",
    "ngân hàng nhà nước việt nam",
    "ngân hàng nhà nước",
    "ngân hàng chính sách xã hội",
    "ngân hàng phát triển",
    "ngân hàng nông nghiệp và phát triển nông thôn",
    "kho bạc nhà nước",
    "cục thuế",
    "cục thống kê",
    "cục hải quan",
    "cục quản lý thị trường",
    "chi cục thống kê",
    "công an",
    "thanh tra",
    "bảo hiểm xã hội",
    "đài phát thanh và truyền hình",
    "đài phát thanh - truyền hình",
    "ủy ban mặt trận tổ quốc việt nam",
    "mặt trận tổ quốc việt nam",
    "ủy ban mặt trận tổ quốc",
    "mặt trận tổ quốc",
    "mttq việt nam",
    "bộ chỉ huy quân sự",
    "bộ chỉ huy bộ đội biên phòng",
    "hội nông dân",
    "hội liên hiệp phụ nữ",
    "hội cựu chiến binh",
    "tỉnh đoàn",
    "đoàn thanh niên cộng sản hồ chí minh",
    "đoàn thanh niên",
    "liên đoàn lao động",
    "ban dân tộc",
    "ban quản lý khu kinh tế",
    "ban quản lý các khu công nghiệp",
    "ban tuyên giáo tỉnh ủy",
    "ban tổ chức tỉnh ủy",
    "ban dân vận tỉnh ủy",
    "ban kinh tế - ngân sách",
    "ban chỉ đạo",
    "văn phòng ủy ban nhân dân",
    "văn phòng ubnd",
    "văn phòng hđnd",
    "văn phòng đoàn đại biểu quốc hội và hội đồng nhân dân",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "hội đồng nhân dân",
    "hđnd",
    "ủy ban nhân dân",
    "ubnd",
    "thủ tướng chính phủ",
    "chính phủ",
    "ban thường vụ tỉnh ủy",
    "thường trực tỉnh ủy",
    "trường chính trị",
];

/// Group names ("các sở, ban, ngành …") that continue with the tail vocabulary.
const COLLECTIVE: &[&str] = &[
    "các sở",
    "các cơ quan",
    "các đơn vị",
    "các địa phương",
    "các ngành",
    "các hợp tác xã",
    "các doanh nghiệp",
    "các tổ chức chính trị - xã hội",
    "các tổ chức chính trị – xã hội",
    "các tổ chức",
    "chính quyền địa phương",
    "chính quyền các cấp",
    "các huyện",
    "các hội",
    "các ban",
    "các thành viên",
    "các bộ",
    "các tỉnh",
];

/// Heads of agency names followed by a capitalized proper part ("Sở Ngoại vụ", "Ban Dân tộc").
const HEADS: &[&str] = &[
    "Sở",
    "Ban",
    "Cục",
    "Chi cục",
    "Hội",
    "Trường",
    "Trung tâm",
    "Bộ",
    "Viện",
    "Phòng",
    "Đài",
    "Báo",
    "Văn phòng",
    "Công ty",
    "Tổng công ty",
    "Kho bạc",
    "Hiệp hội",
    "Liên hiệp",
    "Tòa án",
    "Toà án",
    "Ủy ban",
    "Uỷ ban",
    "Liên minh",
    "Ngân hàng",
    "Quỹ",
];

/// Lowercase words that may continue an agency name ("… các huyện, thành phố").
const TAIL: &[&str] = &[
    "tỉnh",
    "thành",
    "phố",
    "huyện",
    "thị",
    "xã",
    "trấn",
    "phường",
    "quận",
    "cấp",
    "các",
    "và",
    "có",
    "liên",
    "quan",
    "đơn",
    "vị",
    "cơ",
    "ban",
    "ngành",
    "đoàn",
    "thể",
    "hội",
    "trực",
    "thuộc",
    "chi",
    "nhánh",
    "khu",
    "vực",
    "nhân",
    "dân",
    "sở",
    "địa",
    "phương",
    "hợp",
    "tác",
    "doanh",
    "nghiệp",
    "hiệp",
    "trung",
    "ương",
    "nhà",
    "nước",
    "viên",
    "mặt",
    "trận",
    "tương",
    "đương",
    "khác",
    "cùng",
];

/// Words an agency tail may not end on.
const CONNECTORS: &[&str] = &["và", "các", "có", "cùng", "hoặc"];

/// Capitalized words that start a result cell rather than continue an agency name.
const RESULT_STARTERS: &[&str] = &[
    "Kế",
    "Báo",
    "Quyết",
    "Văn",
    "Đề",
    "Dự",
    "Số",
    "Bao",
    "Công",
    "Tờ",
    "Thông",
    "Hướng",
    "Chương",
    "Nghị",
    "Phát",
    "Tổ",
    "Hội",
    "Quy",
    "Tài",
    "Các",
    "Hàng",
    "Hằng",
    "Thường",
    "Năm",
    "Quý",
    "Tháng",
    "Trước",
    "Từ",
    "Giai",
];

struct Gazetteer {
    /// Known names with tone-mark variants, lowercase, longest first, by first word.
    known: HashMap<String, Vec<String>>,
    /// Group names by first word.
    collective: HashMap<String, Vec<String>>,
    /// Place names, lowercase, by first word.
    places: HashMap<String, Vec<String>>,
}

impl Gazetteer {
    fn find(map: &HashMap<String, Vec<String>>, rest: &str) -> Option<usize> {
        // lowercase first word into a stack buffer: no allocation per lookup
        let mut buf = [0u8; 48];
        let mut n = 0;
        for c in rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '&')
        {
            for l in c.to_lowercase() {
                let len = l.len_utf8();
                let slot = buf.get_mut(n..n + len)?;
                l.encode_utf8(slot);
                n += len;
            }
        }
        let first = std::str::from_utf8(buf.get(..n)?).ok()?;
        if first.is_empty() {
            return None;
        }
        map.get(first)?.iter().find_map(|n| prefix_ci(rest, n))
    }
    fn known(&self, rest: &str) -> Option<usize> {
        Self::find(&self.known, rest)
    }
    fn collective(&self, rest: &str) -> Option<usize> {
        Self::find(&self.collective, rest)
    }
    fn place(&self, rest: &str) -> Option<usize> {
        Self::find(&self.places, rest)
    }
}

/// The first word of `s`, lowercase (letters, digits and '&').
fn first_word_lower(s: &str) -> Option<String> {
    let w: String = s
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '&')
        .flat_map(char::to_lowercase)
        .collect();
    (!w.is_empty()).then_some(w)
}

fn index(names: impl IntoIterator<Item = String>) -> HashMap<String, Vec<String>> {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    for n in names {
        if let Some(f) = first_word_lower(&n) {
            m.entry(f).or_default().push(n);
        }
    }
    for v in m.values_mut() {
        v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    }
    m
}

fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    for (a, b) in [("ủy", "uỷ"), ("hóa", "hoá"), ("hòa", "hoà")] {
        let extra: Vec<String> = out
            .iter()
            .filter(|n| n.contains(a))
            .map(|n| n.replace(a, b))
            .collect();
        out.extend(extra);
    }
    out
}

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer {
        known: index(KNOWN.iter().flat_map(|n| variants(n))),
        collective: index(COLLECTIVE.iter().map(|s| s.to_string())),
        places: index(vanban_meta::place_names().iter().map(|p| p.to_lowercase())),
    })
}

/// Next word of `s` from byte `i` on the same logical stretch: skips spaces and line
/// breaks (not page markers) and returns (start, end, word). Stops at punctuation.
fn next_word(s: &str, i: usize) -> Option<(usize, usize, &str)> {
    let rest = from(s, i);
    let mut start = None;
    for (k, c) in rest.char_indices() {
        if c == '\u{c}' {
            return None;
        }
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            start = Some(i + k);
        }
        break;
    }
    let st = start?;
    let w_end = from(s, st)
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '&'))
        .map(|(k, _)| st + k)
        .unwrap_or(s.len());
    Some((st, w_end, sub(s, st, w_end)))
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// Extend a name ending at `end` over the tail vocabulary and place names; returns the
/// new end (never ending on a connector word).
fn extend_tail(s: &str, mut end: usize) -> usize {
    let g = gaz();
    let mut good = end;
    for _ in 0..14 {
        // place name right here?
        let ws = from(s, end);
        let lead_ws = ws.len() - ws.trim_start_matches([' ', '\n']).len();
        if lead_ws > 0 {
            let after = from(s, end + lead_ws);
            if let Some(len) = g.place(after) {
                end += lead_ws + len;
                good = end;
                continue;
            }
        }
        // ", word" continuation of an enumeration inside one name ("huyện, thành phố")
        let rest = from(s, end);
        if let Some(after_comma) = rest.strip_prefix(',') {
            let skip = after_comma.len() - after_comma.trim_start_matches([' ', '\n']).len();
            let at = end + 1 + skip;
            match next_word(s, at) {
                Some((st, we, w))
                    if st == at && w != "các" && TAIL.contains(&w) && !is_head_at(s, st) =>
                {
                    end = we;
                    if !CONNECTORS.contains(&w) {
                        good = end;
                    }
                    continue;
                }
                _ => break,
            }
        }
        match next_word(s, end) {
            Some((st, we, w))
                if st > end && TAIL.contains(&w) && from(s, end).starts_with([' ', '\n']) =>
            {
                end = we;
                if !CONNECTORS.contains(&w) {
                    good = end;
                }
            }
            _ => break,
        }
    }
    good
}

/// True when an agency head (known name, collective or head word) starts at byte `i`.
fn is_head_at(s: &str, i: usize) -> bool {
    scan_one(s, i).is_some()
}

/// The end (byte offset) of the agency name starting at byte `i` of `s`, if one starts there.
///
/// ```
/// let s = "Sở Nội vụ Kế hoạch của Ủy ban nhân dân tỉnh?";
/// let end = vanban_tables::agency::scan_one(s, 0).unwrap();
/// assert_eq!(&s[..end], "Sở Nội vụ");
/// ```
pub fn scan_one(s: &str, i: usize) -> Option<usize> {
    let rest = from(s, i);
    let c0 = first_char(rest)?;
    if !c0.is_alphabetic() {
        return None;
    }
    let g = gaz();
    if c0.is_uppercase() {
        if let Some(len) = g.known(rest) {
            return Some(extend_tail(s, i + len));
        }
    }
    if let Some(len) = g.collective(rest) {
        return Some(extend_tail(s, i + len));
    }
    if !c0.is_uppercase() {
        return None;
    }
    // generic head + capitalized proper part
    for h in HEADS {
        let Some(after) = rest.strip_prefix(h) else {
            continue;
        };
        if !after.starts_with([' ', '\n']) {
            continue;
        }
        let (_, we, w) = next_word(s, i + h.len())?;
        if !first_char(w).is_some_and(char::is_uppercase) {
            return None;
        }
        // take words up to punctuation, a result word or a function word; at most 8 more
        let mut end = we;
        for _ in 0..8 {
            match next_word(s, end) {
                Some((st, we2, w2)) if from(s, end).starts_with([' ', '\n']) && st <= end + 2 => {
                    let cap = first_char(w2).is_some_and(char::is_uppercase);
                    if cap && (RESULT_STARTERS.contains(&w2) || HEADS.contains(&w2)) {
                        break;
                    }
                    if w2 == "và" {
                        // "X và Y" inside a name: only before a capitalized, non-head word
                        match next_word(s, we2) {
                            Some((_, we3, w3))
                                if first_char(w3).is_some_and(char::is_uppercase)
                                    && !HEADS.contains(&w3) =>
                            {
                                end = we3;
                                continue;
                            }
                            _ => break,
                        }
                    }
                    let next2 = next_word(s, we2).map(|(_, _, w)| w).unwrap_or("");
                    if !cap && (STOP.contains(&w2) || STOP_BIGRAMS.contains(&(w2, next2))) {
                        break;
                    }
                    end = we2;
                }
                _ => break,
            }
        }
        return Some(extend_tail(s, end));
    }
    None
}

/// Lowercase words that end a generic agency name (verbs and prepositions of prose).
const STOP: &[&str] = &[
    "của", "với", "để", "trong", "theo", "về", "là", "tại", "cho", "đến", "từ", "trên", "nhằm",
    "được", "đã", "sẽ", "các", "có", "hoặc", "thuộc", "khi", "sau", "trước", "này", "đó", "những",
    "mà", "như", "cần", "phải",
];

/// Verbs (two syllables) that end a generic agency name ("Ban Quản lý dự án chủ trì").
const STOP_BIGRAMS: &[(&str, &str)] = &[
    ("chủ", "trì"),
    ("phối", "hợp"),
    ("thực", "hiện"),
    ("tham", "mưu"),
    ("triển", "khai"),
    ("tổ", "chức"),
    ("xây", "dựng"),
    ("hướng", "dẫn"),
    ("nghiên", "cứu"),
    ("rà", "soát"),
    ("kiểm", "tra"),
    ("báo", "cáo"),
    ("chỉ", "đạo"),
    ("phụ", "trách"),
    ("thường", "xuyên"),
    ("tiếp", "tục"),
    ("bảo", "đảm"),
    ("đảm", "bảo"),
    ("tăng", "cường"),
    ("đẩy", "mạnh"),
    ("nâng", "cao"),
    ("quản", "lý"),
    ("hỗ", "trợ"),
    ("phổ", "biến"),
    ("tuyên", "truyền"),
    ("đề", "xuất"),
    ("ban", "hành"),
    ("theo", "dõi"),
    ("tổng", "hợp"),
    ("cân", "đối"),
    ("bố", "trí"),
    ("giải", "quyết"),
    ("đôn", "đốc"),
];

/// The end of a list of agencies starting at `i` (joined by ",", ";", "và", with
/// parenthetical remarks), or `None` when no agency starts at `i`.
///
/// ```
/// let s = "Các sở, ban ngành, Ủy ban nhân dân các huyện, thành phố, Liên minh Hợp tác xã tỉnh Số lớp?";
/// let end = vanban_tables::agency::scan_list(s, 0).unwrap();
/// assert!(s[..end].ends_with("Liên minh Hợp tác xã tỉnh"));
/// ```
pub fn scan_list(s: &str, i: usize) -> Option<usize> {
    let mut end = scan_one(s, i)?;
    loop {
        // optional parenthetical remark
        let rest = from(s, end);
        let trimmed = rest.trim_start_matches([' ', '\n']);
        if trimmed.starts_with('(') {
            if let Some(close) = trimmed.find(')') {
                end += rest.len() - trimmed.len() + close + 1;
                continue;
            }
        }
        let rest = from(s, end);
        let mut j = 0;
        let mut sep = false;
        for (k, c) in rest.char_indices() {
            if c == ',' || c == ';' {
                sep = true;
                j = k + c.len_utf8();
            } else if c == ' ' || c == '\n' {
                j = k + 1;
            } else {
                j = k;
                break;
            }
        }
        let mut at = end + j;
        if !sep {
            let after = from(s, at);
            if let Some(a) = after
                .strip_prefix("và ")
                .or_else(|| after.strip_prefix("và\n"))
            {
                at += after.len() - a.len();
            } else {
                break;
            }
        }
        match scan_one(s, at) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// Head words that, right after a comma, start a new agency in a cell.
fn starts_new_agency(piece: &str) -> bool {
    let p = piece.trim_start();
    let g = gaz();
    let c0 = match first_char(p) {
        Some(c) => c,
        None => return false,
    };
    if g.collective(p).is_some() {
        return true;
    }
    if !c0.is_uppercase() {
        return false;
    }
    if g.known(p).is_some() {
        return true;
    }
    // a head word followed by a capitalized word
    HEADS.iter().any(|h| {
        p.strip_prefix(h).is_some_and(|a| {
            a.starts_with(' ')
                && a.trim_start()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
        })
    })
}

/// Split an agency cell into one entry per agency: on ";" and line breaks, and on commas
/// or "và" that begin another agency, never inside one agency's name ("Sở Văn hóa, Thể
/// thao và Du lịch", "UBND các huyện, thành phố"). Parenthetical remarks are dropped.
///
/// ```
/// use vanban_tables::agency::split_agencies;
/// assert_eq!(
///     split_agencies("Các Sở, ngành, UBND các huyện, thành phố, các đơn vị liên quan"),
///     vec!["Các Sở, ngành", "UBND các huyện, thành phố", "các đơn vị liên quan"]
/// );
/// ```
pub fn split_agencies(cell: &str) -> Vec<String> {
    let cell = drop_parens(cell);
    let mut out = Vec::new();
    for part in cell.split([';', '\n']) {
        let mut cur = String::new();
        let mut pieces = part.split(',').peekable();
        while let Some(p) = pieces.next() {
            if cur.is_empty() {
                cur.push_str(p);
            } else if starts_new_agency(p) {
                push_agency(&mut out, &cur);
                cur = p.to_string();
            } else {
                cur.push(',');
                cur.push_str(p);
            }
            if pieces.peek().is_none() {
                break;
            }
        }
        push_agency(&mut out, &cur);
    }
    out
}

fn push_agency(out: &mut Vec<String>, s: &str) {
    // split on " và " followed by a strong head ("Sở Nội vụ và Sở Tài chính")
    let mut rest = s;
    loop {
        let mut cut = None;
        let mut from_i = 0;
        while let Some(k) = from(rest, from_i).find(" và ") {
            let at = from_i + k;
            let after = from(rest, at + " và ".len());
            let before = sub(rest, 0, at);
            let b = before.trim();
            let named = !b.to_lowercase().starts_with("các ")
                && scan_one(b, 0).is_some_and(|e| e == b.len());
            let after_l = after.trim_start().to_lowercase();
            if starts_new_agency(after) && named && (strong(after) || after_l.starts_with("các "))
            {
                cut = Some(at);
                break;
            }
            from_i = at + 1;
        }
        match cut {
            Some(at) => {
                push_clean(out, sub(rest, 0, at));
                rest = from(rest, at + " và ".len());
            }
            None => {
                push_clean(out, rest);
                break;
            }
        }
    }
}

fn strong(s: &str) -> bool {
    let s = s.trim_start();
    [
        "Sở ",
        "UBND",
        "Ủy ban",
        "Uỷ ban",
        "Liên minh",
        "Công an",
        "Cục ",
        "Ngân hàng",
        "Ban ",
        "Hội ",
    ]
    .iter()
    .any(|h| s.starts_with(h))
}

fn push_clean(out: &mut Vec<String>, s: &str) {
    let t = clean(trim_punct(s));
    let t = t.trim_end_matches(['.', ',', ';', ':']).trim().to_string();
    if !t.is_empty() && t.chars().any(|c| c.is_alphabetic()) && !out.contains(&t) {
        out.push(t);
    }
}

/// True when the first word at `s` is a capitalized word that usually starts a result
/// cell ("Kế hoạch", "Báo cáo", "Văn bản" …).
pub fn result_starter(s: &str) -> bool {
    let w: String = s
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    RESULT_STARTERS.contains(&w.as_str())
}

/// Lowercase function words that cannot end a table cell (prepositions, articles).
pub const FUNCTION_WORDS: &[&str] = &[
    "của", "với", "và", "cho", "các", "đến", "tại", "về", "trong", "theo", "giữa", "là", "như",
    "bởi", "từ", "hoặc", "để", "những", "được", "có", "vào", "trên", "nhằm", "gồm", "qua", "đối",
    "do", "mọi", "sự",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> &str {
        let e = scan_one(s, 0).unwrap_or(0);
        &s[..e]
    }

    #[test]
    fn known_names_and_tails() {
        assert_eq!(
            one("Liên minh Hợp\ntác xã tỉnh\nKế hoạch triển khai?"),
            "Liên minh Hợp\ntác xã tỉnh"
        );
        assert_eq!(
            one("Ngân hàng\nNhà nước chi\nnhánh tỉnh\nBáo cáo"),
            "Ngân hàng\nNhà nước chi\nnhánh tỉnh"
        );
        assert_eq!(
            one("Sở Công\nThương\nKế hoạch triển khai?"),
            "Sở Công\nThương"
        );
        assert_eq!(
            one("Sở Văn hóa, Thể thao và Du lịch Văn bản"),
            "Sở Văn hóa, Thể thao và Du lịch"
        );
        assert_eq!(
            one("Ủy ban nhân dân các huyện, thành phố\ntiên hỗ trợ"),
            "Ủy ban nhân dân các huyện, thành phố"
        );
        assert_eq!(
            one("Mặt trận Tổ\nquốc Việt Nam\ntỉnh\nSố lượng"),
            "Mặt trận Tổ\nquốc Việt Nam\ntỉnh"
        );
        assert_eq!(
            one("Sở Tài chính tỉnh Kon Tum và"),
            "Sở Tài chính tỉnh Kon Tum"
        );
        assert_eq!(one("Thanh tra tỉnh Kế hoạch"), "Thanh tra tỉnh");
    }

    #[test]
    fn generic_heads() {
        assert_eq!(one("Sở Ngoại vụ Kế hoạch triển khai?"), "Sở Ngoại vụ");
        assert_eq!(one("Ban Quản lý dự án chủ trì"), "Ban Quản lý dự án");
        // not an agency: lowercase proper part, or no head
        assert!(scan_one("Sở hữu trí tuệ", 0).is_none());
        assert!(scan_one("Triển khai công tác", 0).is_none());
        assert!(scan_one("ban hành", 0).is_none());
    }

    #[test]
    fn list_stops_at_prose() {
        let s = "Sở Tài nguyên và Môi trường, trang thông tin";
        assert_eq!(
            &s[..scan_list(s, 0).unwrap()],
            "Sở Tài nguyên và Môi trường"
        );
        let s = "Sở Kế hoạch và Đầu tư; UBND cấp huyện; Sở Nông nghiệp và Phát triển nông thôn (phụ trách) x";
        assert!(s[..scan_list(s, 0).unwrap()].ends_with("(phụ trách)"));
    }

    #[test]
    fn split_cells_like_gold() {
        assert_eq!(
            split_agencies("Các Sở, ban, ngành, đoàn thể cấp tỉnh và các đơn vị liên quan; UBND cấp huyện; các hợp tác xã, liên hiệp hợp tác xã."),
            vec!["Các Sở, ban, ngành, đoàn thể cấp tỉnh và các đơn vị liên quan", "UBND cấp huyện", "các hợp tác xã, liên hiệp hợp tác xã"]
        );
        assert_eq!(
            split_agencies("Liên minh Hợp tác xã tỉnh (chỉ tiêu bảo đảm trên 90%); Sở Nông nghiệp và Phát triển nông thôn (chỉ tiêu HTX);"),
            vec!["Liên minh Hợp tác xã tỉnh", "Sở Nông nghiệp và Phát triển nông thôn"]
        );
        assert_eq!(
            split_agencies("Sở Nông nghiệp và Phát triển nông thôn, Sở Công thương"),
            vec!["Sở Nông nghiệp và Phát triển nông thôn", "Sở Công thương"]
        );
        assert_eq!(
            split_agencies("Sở Văn hóa, Thể thao và Du lịch"),
            vec!["Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            split_agencies("Các cơ quan, đơn vị liên quan; các hợp tác xã"),
            vec!["Các cơ quan, đơn vị liên quan", "các hợp tác xã"]
        );
        assert_eq!(
            split_agencies("Các sở, ban ngành, Ủy ban nhân dân các huyện, thành phố, Liên minh Hợp tác xã tỉnh"),
            vec!["Các sở, ban ngành", "Ủy ban nhân dân các huyện, thành phố", "Liên minh Hợp tác xã tỉnh"]
        );
        assert_eq!(
            split_agencies("Sở Nội vụ và Sở Tài chính"),
            vec!["Sở Nội vụ", "Sở Tài chính"]
        );
        assert_eq!(
            split_agencies("Sở Khoa học và Công nghệ"),
            vec!["Sở Khoa học và Công nghệ"]
        );
        assert!(split_agencies(" ; . ").is_empty());
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn named_agency_and_collective() {
        assert_eq!(
            split_agencies("Sở Nông nghiệp và Phát triển nông thôn và các đơn vị có liên quan"),
            vec![
                "Sở Nông nghiệp và Phát triển nông thôn",
                "các đơn vị có liên quan"
            ]
        );
        assert_eq!(
            split_agencies("Các Sở, ban, ngành đoàn thể cấp tỉnh và các đơn vị liên quan"),
            vec!["Các Sở, ban, ngành đoàn thể cấp tỉnh và các đơn vị liên quan"]
        );
    }

    #[test]
    fn tails_stop_at_verbs() {
        let s = "UBND các huyện, thành phố tổ chức tổng kết";
        assert_eq!(&s[..scan_one(s, 0).unwrap()], "UBND các huyện, thành phố");
        let s = "UBND các huyện, thị xã, thành phố tập trung chỉ đạo";
        assert_eq!(
            &s[..scan_one(s, 0).unwrap()],
            "UBND các huyện, thị xã, thành phố"
        );
        let s = "Sở Nông nghiệp và Phát triên nông thôn, Liên minh";
        assert_eq!(
            &s[..scan_one(s, 0).unwrap()],
            "Sở Nông nghiệp và Phát triên nông thôn"
        );
        // a capitalized word that usually opens a result cell ends a name not in the gazetteer
        let s = "Văn phòng Điều phối Chương trình nông thôn mới, Sở Y tế";
        assert_eq!(&s[..scan_one(s, 0).unwrap()], "Văn phòng Điều phối");
        let s = "Ban Quản lý dự án chủ trì";
        assert_eq!(&s[..scan_one(s, 0).unwrap()], "Ban Quản lý dự án");
        assert!(scan_one("Các cấp ủy, tổ chức đảng", 0).is_none());
    }
}
