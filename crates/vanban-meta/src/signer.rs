//! The signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Lê Quốc Anh") and the
//! "Nơi nhận:" list.

use crate::text::{fold, is_upper, strip_marks, title_case};
use std::collections::HashSet;
use std::sync::OnceLock;
use vanban_model::Signer;

/// Positions of signers, upper case and written form. Longest first.
const POSITIONS: [(&str, &str); 38] = [
    ("PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
    ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    ("PHÓ CHÁNH THANH TRA", "Phó Chánh Thanh tra"),
    ("CHÁNH THANH TRA", "Chánh Thanh tra"),
    ("PHÓ TỔNG GIÁM ĐỐC", "Phó Tổng Giám đốc"),
    ("TỔNG GIÁM ĐỐC", "Tổng Giám đốc"),
    ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
    ("GIÁM ĐỐC", "Giám đốc"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("CHỦ TỊCH", "Chủ tịch"),
    ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư Thường trực"),
    ("PHÓ BÍ THƯ", "Phó Bí thư"),
    ("BÍ THƯ", "Bí thư"),
    ("PHÓ THỦ TƯỚNG", "Phó Thủ tướng"),
    ("THỦ TƯỚNG", "Thủ tướng"),
    ("BỘ TRƯỞNG", "Bộ trưởng"),
    ("THỨ TRƯỞNG", "Thứ trưởng"),
    ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Phó Trưởng ban Thường trực"),
    ("PHÓ TRƯỞNG BAN", "Phó Trưởng ban"),
    ("TRƯỞNG BAN", "Trưởng ban"),
    ("PHÓ TRƯỞNG PHÒNG", "Phó Trưởng phòng"),
    ("TRƯỞNG PHÒNG", "Trưởng phòng"),
    ("PHÓ CHỦ NHIỆM", "Phó Chủ nhiệm"),
    ("CHỦ NHIỆM", "Chủ nhiệm"),
    ("PHÓ CỤC TRƯỞNG", "Phó Cục trưởng"),
    ("CHI CỤC TRƯỞNG", "Chi cục trưởng"),
    ("CỤC TRƯỞNG", "Cục trưởng"),
    ("PHÓ CHÁNH ÁN", "Phó Chánh án"),
    ("CHÁNH ÁN", "Chánh án"),
    ("PHÓ VIỆN TRƯỞNG", "Phó Viện trưởng"),
    ("VIỆN TRƯỞNG", "Viện trưởng"),
    ("PHÓ HIỆU TRƯỞNG", "Phó Hiệu trưởng"),
    ("HIỆU TRƯỞNG", "Hiệu trưởng"),
    ("TỔNG THƯ KÝ", "Tổng Thư ký"),
    ("TRƯỞNG ĐOÀN", "Trưởng đoàn"),
    ("CHỦ TỌA", "Chủ tọa"),
    ("THƯ KÝ", "Thư ký"),
    ("CHỦ TỊCH HỘI ĐỒNG", "Chủ tịch Hội đồng"),
];

// KT. (ký thay), TM. / T/M (thay mặt), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. (quyền)
re!(
    authority_re,
    r"^(?:KT|K/T|TM|T/M|T\.M|TL|T/L|TUQ|Q)(?:\s*[./]\s*|\s+)(?P<rest>\S.*)$"
);
re!(nearby_re, r"(?i)^n[ơo]i\s+nh[ậa]n\s*:?\s*");
re!(
    name_re,
    r"^(?:\p{Lu}[\p{Ll}\p{M}]*)(?:\s+\p{Lu}[\p{Ll}\p{M}]*)+$|^\p{Lu}+(?:\s+\p{Lu}+)+$"
);
re!(
    sig_filler_re,
    r"(?i)^[(\[]?\s*(?:đã\s+ký|ký\s+tên|ký\s*,|ký\s+và|ký\s+bởi|signed|chữ\s+ký)[^)\]]*[)\]]?\.?$|^[(\[][^)\]]*[)\]]$"
);

/// What a line of a signature block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigLine {
    /// "KT. CHỦ TỊCH", "T/M TỈNH ỦY": signing on behalf of someone or some body.
    Authority(String),
    /// "PHÓ CHỦ TỊCH": the signer's own position, written form.
    Position(String),
}

/// The written form of an upper-case position at the start of `s`, and the rest.
fn position_prefix(s: &str) -> Option<(&'static str, &str)> {
    let up = s.trim();
    for (p, proper) in POSITIONS {
        if let Some(rest) = up.strip_prefix(p) {
            if rest.is_empty() || rest.starts_with(' ') {
                return Some((proper, rest.trim_start()));
            }
        }
    }
    None
}

/// Classify one cleaned line of a signature block; several parts when PDF extraction put
/// them on one line ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Nơi nhận: KT. CHỦ TỊCH").
///
/// ```
/// use vanban_meta::signer::{sig_parts, SigLine};
/// assert_eq!(sig_parts("KT.CHỦ TỊCH"), vec![SigLine::Authority("CHỦ TỊCH".into())]);
/// assert_eq!(sig_parts("PHÓ CHỦ TỊCH"), vec![SigLine::Position("Phó Chủ tịch".into())]);
/// assert!(sig_parts("Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo").is_empty());
/// ```
pub fn sig_parts(line: &str) -> Vec<SigLine> {
    let mut t = nearby_re().replace(line.trim(), "").into_owned();
    // a recipient and a signature part on one line: keep the upper-case tail
    if t.starts_with('-') || t.starts_with('+') {
        match t.rfind(';') {
            Some(i) => t = t.get(i + 1..).unwrap_or("").trim().to_string(),
            None => return Vec::new(),
        }
    }
    let t = crate::text::new_tones(t.trim());
    if t.is_empty() || !is_upper(&t) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(c) = authority_re().captures(&t) {
        let rest = c.name("rest").map(|m| m.as_str()).unwrap_or("");
        // "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the authority is one position, the rest the signer's
        if let Some((_, after)) = position_prefix(rest) {
            let auth_len = rest.len() - after.len();
            out.push(SigLine::Authority(
                rest.get(..auth_len).unwrap_or(rest).trim().to_string(),
            ));
            if let Some((pos, tail)) = position_prefix(after) {
                if tail.is_empty() {
                    out.push(SigLine::Position(pos.to_string()));
                }
            }
        } else {
            // "TM. ỦY BAN NHÂN DÂN [CHỦ TỊCH]"
            let words: Vec<&str> = rest.split_whitespace().collect();
            let mut split = words.len();
            for i in 1..words.len() {
                let tail = words.get(i..).unwrap_or(&[]).join(" ");
                if position_prefix(&tail).is_some_and(|(_, r)| r.is_empty()) {
                    split = i;
                    break;
                }
            }
            out.push(SigLine::Authority(
                words.get(..split).unwrap_or(&[]).join(" "),
            ));
            if split < words.len() {
                let tail = words.get(split..).unwrap_or(&[]).join(" ");
                if let Some((pos, _)) = position_prefix(&tail) {
                    out.push(SigLine::Position(pos.to_string()));
                }
            }
        }
        return out;
    }
    if let Some((pos, rest)) = position_prefix(&t) {
        if rest.is_empty() {
            out.push(SigLine::Position(pos.to_string()));
        } else if let Some((_, body)) = NATIONAL_OFFICES.iter().find(|(b, _)| *b == rest.trim()) {
            // a law is signed "CHỦ TỊCH QUỐC HỘI"; a state act "CHỦ TỊCH NƯỚC"
            out.push(SigLine::Position(format!("{pos} {body}")));
        }
    }
    out
}

/// Bodies named after a position in the signature of national acts.
const NATIONAL_OFFICES: [(&str, &str); 2] = [("QUỐC HỘI", "Quốc hội"), ("NƯỚC", "nước")];

/// A personal name line: 2–6 capitalized syllables (or all upper case), not a position or
/// an agency. Upper-case names come back in title case.
///
/// ```
/// use vanban_meta::signer::person_name;
/// assert_eq!(person_name("Y Giang Gry Niê Knơng").as_deref(), Some("Y Giang Gry Niê Knơng"));
/// assert_eq!(person_name("LÊ QUỐC ANH").as_deref(), Some("Lê Quốc Anh"));
/// assert_eq!(person_name("PHÓ CHỦ TỊCH"), None);
/// assert_eq!(person_name("PHÓ CHÁNH ÁN"), None);
/// assert_eq!(person_name("TÒA ÁN NHÂN DÂN TỐI CAO"), None);
/// assert_eq!(person_name("Phụ lục 1"), None);
/// assert_eq!(person_name("Ủy Ban Nhân Dân"), None);
/// ```
pub fn person_name(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches('.').trim();
    // "(đã ký)" after the name
    let t = match t.find('(') {
        Some(i) if i > 0 => t.get(..i).unwrap_or(t).trim(),
        _ => t,
    };
    // two to six words (checked here: a bounded repetition would make the regex slow to build)
    if !name_re().is_match(t) || t.split_whitespace().count() > 6 {
        return None;
    }
    if position_prefix(&t.to_uppercase()).is_some() {
        return None;
    }
    if is_block_heading(t) {
        return None;
    }
    let f = fold(t);
    const NOT_NAMES: [&str; 18] = [
        "ủy ban",
        "tòa án",
        "viện kiểm sát",
        "hội đồng",
        "tỉnh",
        "thành phố",
        "sở ",
        "ban ",
        "văn phòng",
        "nơi nhận",
        "cộng hòa",
        "việt nam",
        "đảng",
        "phụ lục",
        "kế hoạch",
        "chính phủ",
        "trung ương",
        "lưu",
    ];
    if NOT_NAMES
        .iter()
        .any(|n| f.starts_with(n) || f.contains(&format!(" {n}")))
    {
        return None;
    }
    if crate::provinces::find_province(t).is_some() {
        return None;
    }
    Some(if is_upper(t) {
        title_case(t)
    } else {
        t.to_string()
    })
}

/// Vietnamese family names (`data/surnames.txt`), folded.
fn surnames() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("../data/surnames.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect()
    })
}

/// True when the name's first word is a Vietnamese family name ("Trần Xuân Hiện"; not
/// "Ếhoxnám Đóc", a seal over "PHÓ GIÁM ĐỐC" read by OCR).
///
/// ```
/// use vanban_meta::signer::has_family_name;
/// assert!(has_family_name("Trần Xuân Hiện"));
/// assert!(has_family_name("NGUYỄN VĂN A"));
/// assert!(!has_family_name("Ếhoxnám Đóc"));
/// ```
pub fn has_family_name(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(|w| surnames().contains(&fold(w)))
}

/// The heading of a signature block of a record or contract signed by several parties:
/// "ĐẠI DIỆN" (on behalf of), "ĐẠI DIỆN BÊN A", "THAY MẶT …", "XÁC NHẬN CỦA …", "NGƯỜI
/// LẬP", or a company's name ("CÔNG TY TNHH …") under it. Never a person's name.
///
/// ```
/// use vanban_meta::signer::is_block_heading;
/// assert!(is_block_heading("ĐẠI DIỆN"));
/// assert!(is_block_heading("Đại Điện")); // OCR's marks
/// assert!(is_block_heading("CÔNG TY CP ĐẦU TƯ XÂY DỰNG"));
/// assert!(!is_block_heading("Lương Văn Thắng"));
/// ```
pub fn is_block_heading(line: &str) -> bool {
    const HEADINGS: [&str; 9] = [
        "đại diện",
        "thay mặt",
        "xác nhận",
        "người lập",
        "người viết",
        "công ty",
        "tổng công ty",
        "hợp tác xã",
        "chi nhánh",
    ];
    // marks aside: OCR reads "ĐẠI DIỆN" as "Đại Điện"
    let f = strip_marks(&fold(line.trim()));
    HEADINGS.iter().any(|h| {
        let h = strip_marks(h);
        f == h || f.starts_with(&format!("{h} "))
    })
}

/// True for "(Đã ký)", "(Ký tên, đóng dấu)" and similar lines inside a signature block.
pub fn is_sig_filler(line: &str) -> bool {
    sig_filler_re().is_match(line.trim())
}

/// True for the "Nơi nhận:" line.
pub fn is_recipients_head(line: &str) -> bool {
    nearby_re().is_match(line.trim())
}

/// Find the signer in cleaned lines: position lines near `anchor` (the "Nơi nhận:" line
/// when there is one, else the end), then the name below the position.
pub fn find_signer(lines: &[String], anchor: Option<usize>) -> Option<(Signer, Option<String>)> {
    let n = lines.len();
    let (from, to) = match anchor {
        Some(a) => (a.saturating_sub(6), (a + 45).min(n)),
        None => (n.saturating_sub(15), n),
    };
    let mut position: Option<String> = None;
    let mut authority: Option<String> = None;
    let mut last_sig = None;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let parts = sig_parts(line);
        if parts.is_empty() {
            // once a block was read, a name or filler may follow; anything else ends it
            // only after the name (handled below)
            continue;
        }
        for p in parts {
            match p {
                SigLine::Authority(a) => {
                    if position.is_some() {
                        // a second block: keep the first complete one
                        break;
                    }
                    authority.get_or_insert(a);
                }
                SigLine::Position(pos) => position = Some(pos),
            }
        }
        last_sig = Some(i);
        if position.is_some() {
            break;
        }
    }
    let last = last_sig?;
    // The signer's name: the first name line below the block, skipping fillers and
    // interleaved recipient lines. A record signed by several parties prints its blocks
    // side by side ("ĐẠI DIỆN / CÔNG TY … / GIÁM ĐỐC" twice), read as one block after the
    // other and the names after all of them: past a block heading, the upper-case lines
    // are the other blocks and the first name written in mixed case belongs to the first.
    // A first candidate without a family name gives way to the line after it when that
    // one has one: a seal over the position line ("PHÓ GIÁM ĐỐC" read "ẾHOXNÁM ĐÓC") comes
    // before the name.
    let mut name = None;
    let mut first: Option<String> = None;
    let mut other_blocks = false;
    for line in lines.iter().skip(last + 1).take(16) {
        let t = line.trim();
        if t.is_empty()
            || is_sig_filler(t)
            || t.starts_with('-')
            || t.starts_with('+')
            || fold(t).starts_with("lưu")
        {
            continue;
        }
        if !sig_parts(t).is_empty() {
            continue;
        }
        if is_block_heading(t) {
            other_blocks = true;
            continue;
        }
        if other_blocks && is_upper(t) {
            continue;
        }
        let here = person_name(t);
        match first.take() {
            // the second candidate: taken only with a family name
            Some(f) => {
                name = Some(here.filter(|n| has_family_name(n)).unwrap_or(f));
                break;
            }
            None => match here {
                Some(n) if !has_family_name(&n) => first = Some(n),
                here => {
                    name = here;
                    break;
                }
            },
        }
    }
    if name.is_none() {
        name = first;
    }
    if position.is_none() && name.is_none() && authority.is_none() {
        return None;
    }
    Some((Signer { name, position }, authority))
}

/// The recipients listed under "Nơi nhận:" (list items, continuation lines joined; the
/// archive line "Lưu: …" and signature parts left out).
///
/// ```
/// use vanban_meta::signer::recipients;
/// let lines: Vec<String> = ["Nơi nhận:", "- Thường trực Tỉnh ủy;", "- Các Sở: KHĐT, TC,", "NV, KHCN;",
///     "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Quốc Anh"].iter().map(|s| s.to_string()).collect();
/// assert_eq!(recipients(&lines, 0), vec!["Thường trực Tỉnh ủy", "Các Sở: KHĐT, TC, NV, KHCN"]);
/// ```
pub fn recipients(lines: &[String], head: usize) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut open = false; // the last item may continue on the next line
    let mut strays = 0;
    let first_rest = lines
        .get(head)
        .map(|l| nearby_re().replace(l.trim(), "").into_owned())
        .unwrap_or_default();
    let mut pending: Vec<String> = Vec::new();
    if !first_rest.is_empty() && sig_parts(&first_rest).is_empty() {
        pending.push(first_rest);
    }
    pending.extend(lines.iter().skip(head + 1).take(60).cloned());
    for raw in pending {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let bullet = t.starts_with(['-', '+', '•', '–', '*']);
        if bullet {
            let mut item = t
                .trim_start_matches(['-', '+', '•', '–', '*'])
                .trim()
                .to_string();
            // a signature part glued after the item by PDF extraction
            if let Some(i) = item.rfind(';') {
                let tail = item.get(i + 1..).unwrap_or("").trim().to_string();
                if !tail.is_empty() && !sig_parts(&tail).is_empty() {
                    item.truncate(i + 1);
                }
            }
            open = !item.trim_end().ends_with([';', '.']);
            if fold(&item).starts_with("lưu") {
                open = false;
                continue;
            }
            items.push(item);
            continue;
        }
        if !sig_parts(t).is_empty() || is_sig_filler(t) {
            open = false;
            continue;
        }
        if open && !items.is_empty() && person_name(t).is_none() {
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(t);
                open = !t.ends_with([';', '.']);
            }
            continue;
        }
        if items.is_empty() && strays < 2 {
            strays += 1;
            continue;
        }
        break;
    }
    items
        .into_iter()
        .map(|i| crate::text::squash(i.trim().trim_end_matches([';', ',', '.']).trim()))
        .filter(|i| !i.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sig_lines() {
        assert_eq!(
            sig_parts("T/M TỈNH ỦY"),
            vec![SigLine::Authority("TỈNH ỦY".into())]
        );
        assert_eq!(
            sig_parts("BÍ THƯ"),
            vec![SigLine::Position("Bí thư".into())]
        );
        assert_eq!(
            sig_parts("Nơi nhận: KT. CHỦ TỊCH"),
            vec![SigLine::Authority("CHỦ TỊCH".into())]
        );
        assert_eq!(
            sig_parts("KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
            vec![
                SigLine::Authority("CHỦ TỊCH".into()),
                SigLine::Position("Phó Chủ tịch".into())
            ]
        );
        assert_eq!(
            sig_parts("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"),
            vec![
                SigLine::Authority("ỦY BAN NHÂN DÂN".into()),
                SigLine::Position("Chủ tịch".into())
            ]
        );
        assert!(sig_parts("I. MỤC ĐÍCH, YÊU CẦU").is_empty());
        assert!(sig_parts("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").is_empty());
        assert!(sig_parts("- Lưu: VT").is_empty());
    }

    #[test]
    fn blocks_of_several_parties_side_by_side() {
        // a record of acceptance: two blocks read one after the other, the names after
        let l = v(&[
            "ĐẠI DIỆN",
            "CÔNG TY TNHH TƯ VẤN ĐẦU TƯ",
            "CÔNG NGHỆ MỎ THỊNH HƯNG",
            "GIÁM ĐỐC",
            "ĐẠI DIỆN",
            "CÔNG TY CP ĐẦU TƯ XÂY DỰNG",
            "HẠ TẦNG CƠ SỞ",
            "PHÓ TỔNG GIÁM ĐỐC",
            "Lương Văn Thắng",
            "Phạm Xuân Phường",
        ]);
        let s = find_signer(&l, None).unwrap().0;
        assert_eq!(s.position.as_deref(), Some("Giám đốc"));
        assert_eq!(s.name.as_deref(), Some("Lương Văn Thắng"));
        assert_eq!(person_name("ĐẠI DIỆN"), None);
        assert_eq!(person_name("Đại diện bên B"), None);
    }

    #[test]
    fn signer_blocks() {
        let l = v(&[
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "(Đã ký)",
            "Lê Quốc Anh",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!(
            (s.name.as_deref(), s.position.as_deref()),
            (Some("Lê Quốc Anh"), Some("Phó Chủ tịch"))
        );
        // two-column merge: authority on the Nơi nhận line, position after the list
        let l = v(&[
            "Nơi nhận: KT. CHỦ TỊCH",
            "- Thường trực Tỉnh ủy;",
            "- Lưu: VT, K13 (35)",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Tuấn Thanh",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!(
            (s.name.as_deref(), s.position.as_deref()),
            (Some("Nguyễn Tuấn Thanh"), Some("Phó Chủ tịch"))
        );
        // no name printed
        let l = v(&[
            "Nơi nhận:",
            "- Các ban của Tỉnh ủy,",
            "T/M TỈNH ỦY",
            "BÍ THƯ",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!((s.name, s.position.as_deref()), (None, Some("Bí thư")));
        // "KT." alone does not tell the signer's own position
        let l = v(&["Nơi nhận:", "- Như trên;", "KT. CHỦ TỊCH", "Trần Văn B"]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!((s.name.as_deref(), s.position), (Some("Trần Văn B"), None));
        // a seal over the position line, read as letters: the name with a family name after
        // it is the signer
        let l = v(&[
            "Nơi nhận:",
            "- Như trên;",
            "KT. GIÁM ĐỐC",
            "ẾHOXNÁM ĐÓC",
            "Trần Xuân Hiện",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!(s.name.as_deref(), Some("Trần Xuân Hiện"));
        // a name without a family name of the list is still a name when nothing follows
        let l = v(&[
            "Nơi nhận:",
            "- Như trên;",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Y Giang Gry Niê Knơng",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!(s.name.as_deref(), Some("Y Giang Gry Niê Knơng"));
        // and is not replaced by a next line that has none either
        let l = v(&[
            "Nơi nhận:",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Y Giang Gry Niê Knơng",
            "Ksor Phước",
        ]);
        let s = find_signer(&l, Some(0)).unwrap().0;
        assert_eq!(s.name.as_deref(), Some("Y Giang Gry Niê Knơng"));
        // nothing that looks like a signature
        let l = v(&["Nơi nhận:", "- Như trên;", "Phụ lục 1"]);
        assert_eq!(find_signer(&l, Some(0)), None);
        assert_eq!(find_signer(&[], None), None);
    }

    #[test]
    fn recipient_lists() {
        let l = v(&[
            "Nơi nhận: KT. CHỦ TỊCH",
            "- Thường trực Tỉnh uỷ;",
            "- Các sở, ban, ngành;",
            "- Lưu: VT, K13 (35)",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Tuấn Thanh",
        ]);
        assert_eq!(
            recipients(&l, 0),
            vec!["Thường trực Tỉnh uỷ", "Các sở, ban, ngành"]
        );
        let l = v(&["Nơi nhận:", "Như trên.", "Tổng kết"]);
        assert!(recipients(&l, 0).is_empty());
        let l = v(&["Nơi nhận: - Như trên;", "- Lưu VT."]);
        assert_eq!(recipients(&l, 0), vec!["Như trên"]);
    }
}
