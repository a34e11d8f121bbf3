//! The province gazetteer: the 63 provincial-level units before 1 July 2025, the 34 after
//! (Nghị quyết số 202/2025/QH15), and a finder for province names in running text.

use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The data file, see its header for the source of the mapping.
const DATA: &str = include_str!("../data/provinces.tsv");

/// One provincial-level unit as it stood before 1 July 2025.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    /// Canonical name ("Kiên Giang", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh").
    pub name: &'static str,
    /// "tỉnh" or "thành phố" (centrally-run city) before 1 July 2025.
    pub kind: &'static str,
    /// The unit it belongs to from 1 July 2025 ("An Giang").
    pub name_2025: &'static str,
    /// "tỉnh" or "thành phố" from 1 July 2025.
    pub kind_2025: &'static str,
    /// Other spellings; an alias that is a name in its own right ("Huế") is reported as is.
    pub aliases: Vec<&'static str>,
    /// Aliases that are names in their own right (reported as the document writes them).
    pub own_names: Vec<&'static str>,
    /// False when the bare name (without "tỉnh" / "thành phố") is not evidence of the unit.
    pub bare_ok: bool,
}

impl Province {
    /// Every spelling this unit is known by: canonical name first.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.name)
            .chain(self.own_names.iter().copied())
            .chain(self.aliases.iter().copied())
    }
}

fn parse() -> Vec<Province> {
    let mut out = Vec::new();
    for line in DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("name\t") {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        let mut aliases = Vec::new();
        let mut own_names = Vec::new();
        for a in col(4).split('|').map(str::trim).filter(|a| !a.is_empty()) {
            match a.strip_prefix('=') {
                Some(own) => own_names.push(own),
                None => aliases.push(a),
            }
        }
        if col(0).is_empty() || col(2).is_empty() {
            continue;
        }
        out.push(Province {
            name: col(0),
            kind: col(1),
            name_2025: col(2),
            kind_2025: col(3),
            aliases,
            own_names,
            bare_ok: col(5) != "no",
        });
    }
    out
}

/// The 63 provincial-level units in force before 1 July 2025, in the data file's order.
///
/// ```
/// let all = vanban_meta::provinces();
/// assert_eq!(all.len(), 63);
/// assert!(all.iter().any(|p| p.name == "Kon Tum" && p.name_2025 == "Quảng Ngãi"));
/// ```
pub fn provinces() -> &'static [Province] {
    static P: OnceLock<Vec<Province>> = OnceLock::new();
    P.get_or_init(parse)
}

/// Every spelling of every provincial-level unit, before and after 1 July 2025, longest
/// first: the gazetteer other stages match place names against.
///
/// ```
/// let names = vanban_meta::place_names();
/// assert!(names.contains(&"Kon Tum") && names.contains(&"Huế"));
/// assert!(names.windows(2).all(|w| w[0].len() >= w[1].len()));
/// ```
pub fn place_names() -> &'static [&'static str] {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<&'static str> = provinces()
            .iter()
            .flat_map(|p| p.spellings().chain(std::iter::once(p.name_2025)))
            .collect();
        v.sort_by_key(|n| std::cmp::Reverse(n.len()));
        v.dedup();
        let mut seen = std::collections::HashSet::new();
        v.retain(|n| seen.insert(*n));
        v
    })
}

/// The 34 provincial-level units from 1 July 2025 with their kind ("tỉnh" / "thành phố").
///
/// ```
/// let now = vanban_meta::provinces_2025();
/// assert_eq!(now.len(), 34);
/// assert!(now.contains(&("Huế", "thành phố")));
/// ```
pub fn provinces_2025() -> &'static [(&'static str, &'static str)] {
    static P: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<(&'static str, &'static str)> = Vec::new();
        for p in provinces() {
            if !v.iter().any(|(n, _)| *n == p.name_2025) {
                v.push((p.name_2025, p.kind_2025));
            }
        }
        v
    })
}

fn index() -> &'static HashMap<String, usize> {
    static I: OnceLock<HashMap<String, usize>> = OnceLock::new();
    I.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, p) in provinces().iter().enumerate() {
            for s in p.spellings() {
                m.entry(fold(s)).or_insert(i);
            }
        }
        m
    })
}

/// Strip an administrative prefix ("tỉnh", "thành phố", "TP.") from a name.
fn strip_unit_prefix(name: &str) -> &str {
    let t = name.trim();
    for p in [
        "thành phố",
        "Thành phố",
        "THÀNH PHỐ",
        "tỉnh",
        "Tỉnh",
        "TỈNH",
        "TP.",
        "Tp.",
        "TP",
        "Tp",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest = rest.trim_start();
            if !rest.is_empty() && (p.ends_with('.') || rest.len() < t.len()) {
                return rest;
            }
        }
    }
    t
}

/// Look a province up by any of its spellings (case, tone-mark style, dash spacing and a
/// leading "tỉnh" / "thành phố" / "TP." are ignored).
///
/// ```
/// let p = vanban_meta::find_province("TỈNH KHÁNH HOÀ").unwrap();
/// assert_eq!(p.name, "Khánh Hòa");
/// assert!(vanban_meta::find_province("Hà Lan").is_none());
/// ```
pub fn find_province(name: &str) -> Option<&'static Province> {
    let key = fold(strip_unit_prefix(name));
    index().get(&key).and_then(|&i| provinces().get(i))
}

/// The province `name` belongs to after the 1 July 2025 reorganisation
/// (Nghị quyết số 202/2025/QH15); `None` for a name that is not a province.
///
/// ```
/// assert_eq!(vanban_meta::province_2025("Kon Tum"), Some("Quảng Ngãi"));
/// assert_eq!(vanban_meta::province_2025("Kiên Giang"), Some("An Giang"));
/// assert_eq!(vanban_meta::province_2025("Atlantis"), None);
/// ```
pub fn province_2025(name: &str) -> Option<&'static str> {
    if let Some(p) = find_province(name) {
        return Some(p.name_2025);
    }
    // a 2025 name that is not an old spelling ("Huế" is covered by aliases; kept for safety)
    let key = fold(strip_unit_prefix(name));
    provinces_2025()
        .iter()
        .find(|(n, _)| fold(n) == key)
        .map(|(n, _)| *n)
}

/// One place a province is named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceHit {
    /// The province.
    pub province: &'static Province,
    /// The name as the text writes it, in canonical spelling unless it is a name in its
    /// own right ("Huế").
    pub name: &'static str,
    /// Byte offset of the name in the searched text.
    pub start: usize,
    /// Byte offset one past the name.
    pub end: usize,
    /// True when preceded by "tỉnh" / "thành phố" / "TP." (an explicit mention of the unit).
    pub prefixed: bool,
}

struct Finder {
    /// Every spelling (both tone styles, title and upper case, dash variants), longest match
    /// first: an Aho-Corasick automaton builds in microseconds where the equivalent regex
    /// alternation took milliseconds at every start.
    ac: aho_corasick::AhoCorasick,
    /// lookup from folded matched text to (province index, reported name)
    by_fold: HashMap<String, (usize, &'static str)>,
}

/// Old-style tone placement variant ("Hòa" -> "Hoà") of a new-style spelling.
fn old_style(s: &str) -> String {
    const PAIRS: [(&str, &str); 15] = [
        ("òa", "oà"),
        ("óa", "oá"),
        ("ỏa", "oả"),
        ("õa", "oã"),
        ("ọa", "oạ"),
        ("òe", "oè"),
        ("óe", "oé"),
        ("ỏe", "oẻ"),
        ("õe", "oẽ"),
        ("ọe", "oẹ"),
        ("ùy", "uỳ"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ũy", "uỹ"),
        ("ụy", "uỵ"),
    ];
    let mut out = s.to_string();
    for (new, old) in PAIRS {
        out = out.replace(new, old);
    }
    out
}

/// The spellings a name is written with in normalized text (single spaces; the dash of
/// "Bà Rịa - Vũng Tàu" in its usual forms).
fn variants_of(spelling: &str) -> Vec<String> {
    if spelling.contains(" - ") {
        [" - ", "-", " – ", "–", " — ", " ‐ "]
            .iter()
            .map(|d| spelling.replace(" - ", d))
            .collect()
    } else {
        vec![spelling.to_string()]
    }
}

fn finder() -> &'static Finder {
    static F: OnceLock<Finder> = OnceLock::new();
    F.get_or_init(|| {
        let mut alts: Vec<String> = Vec::new();
        // what `alts` holds, for a constant-time duplicate check (first spelling kept)
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut by_fold = HashMap::new();
        for (i, p) in provinces().iter().enumerate() {
            let mut add = |s: &'static str, report: &'static str| {
                by_fold.entry(fold(s)).or_insert((i, report));
                for v in [s.to_string(), old_style(s)] {
                    for c in [v.clone(), v.to_uppercase()] {
                        for pat in variants_of(&c) {
                            if seen.insert(pat.clone()) {
                                alts.push(pat);
                            }
                        }
                    }
                }
            };
            add(p.name, p.name);
            for &o in &p.own_names {
                add(o, o);
            }
            for &a in &p.aliases {
                add(a, p.name);
            }
        }
        // leftmost-longest, so that "Thừa Thiên Huế" wins over "Huế"; word boundaries are
        // checked on each match
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&alts)
            .expect("province names build an automaton");
        Finder { ac, by_fold }
    })
}

fn unit_prefix_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let tail: String = before
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let t = tail.trim_end().to_lowercase();
    t.ends_with("tỉnh")
        || t.ends_with("thành phố")
        || t.ends_with("tp.")
        || t.ends_with("tp")
        || t.ends_with("thủ đô")
}

/// Every place `text` names a province (title case or upper case, either tone-mark style).
/// Lower-case phrases are not names ("cao bằng" is "as high as").
///
/// ```
/// let hits = vanban_meta::find_provinces_in("Ủy ban nhân dân tỉnh Kon Tum và Trường Cao đẳng Cộng đồng Kon Tum");
/// assert_eq!(hits.len(), 2);
/// assert!(hits[0].prefixed && !hits[1].prefixed);
/// assert_eq!(hits[0].province.name_2025, "Quảng Ngãi");
/// ```
pub fn find_provinces_in(text: &str) -> Vec<ProvinceHit> {
    let f = finder();
    let mut out = Vec::new();
    for m in f.ac.find_iter(text) {
        let Some(matched) = text.get(m.start()..m.end()) else {
            continue;
        };
        let before = text.get(..m.start()).and_then(|b| b.chars().next_back());
        let after = text.get(m.end()..).and_then(|a| a.chars().next());
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let key = fold(matched);
        let Some(&(i, name)) = f.by_fold.get(&key) else {
            continue;
        };
        let Some(province) = provinces().get(i) else {
            continue;
        };
        out.push(ProvinceHit {
            province,
            name,
            start: m.start(),
            end: m.end(),
            prefixed: unit_prefix_before(text, m.start()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_three_and_thirty_four() {
        assert_eq!(provinces().len(), 63);
        assert_eq!(provinces_2025().len(), 34);
        let cities: Vec<_> = provinces_2025()
            .iter()
            .filter(|(_, k)| *k == "thành phố")
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(cities.len(), 6, "{cities:?}");
        // every 2025 unit is one of the old units (or Huế, the new name of Thừa Thiên Huế)
        for (n, _) in provinces_2025() {
            assert!(find_province(n).is_some(), "{n}");
        }
    }

    #[test]
    fn mapping_of_resolution_202() {
        for (old, new) in [
            ("Kon Tum", "Quảng Ngãi"),
            ("Kiên Giang", "An Giang"),
            ("Bình Định", "Gia Lai"),
            ("Đắk Lắk", "Đắk Lắk"),
            ("Phú Yên", "Đắk Lắk"),
            ("Lâm Đồng", "Lâm Đồng"),
            ("Đắk Nông", "Lâm Đồng"),
            ("Bình Thuận", "Lâm Đồng"),
            ("Hà Giang", "Tuyên Quang"),
            ("Yên Bái", "Lào Cai"),
            ("Bắc Kạn", "Thái Nguyên"),
            ("Hòa Bình", "Phú Thọ"),
            ("Vĩnh Phúc", "Phú Thọ"),
            ("Bắc Giang", "Bắc Ninh"),
            ("Thái Bình", "Hưng Yên"),
            ("Hải Dương", "Hải Phòng"),
            ("Hà Nam", "Ninh Bình"),
            ("Nam Định", "Ninh Bình"),
            ("Quảng Bình", "Quảng Trị"),
            ("Quảng Nam", "Đà Nẵng"),
            ("Ninh Thuận", "Khánh Hòa"),
            ("Bình Phước", "Đồng Nai"),
            ("Bình Dương", "Hồ Chí Minh"),
            ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
            ("Long An", "Tây Ninh"),
            ("Tiền Giang", "Đồng Tháp"),
            ("Bến Tre", "Vĩnh Long"),
            ("Trà Vinh", "Vĩnh Long"),
            ("Hậu Giang", "Cần Thơ"),
            ("Sóc Trăng", "Cần Thơ"),
            ("Bạc Liêu", "Cà Mau"),
            ("Thừa Thiên Huế", "Huế"),
            ("Hà Nội", "Hà Nội"),
            ("Cao Bằng", "Cao Bằng"),
        ] {
            assert_eq!(province_2025(old), Some(new), "{old}");
        }
        // unchanged units: exactly 11 map only to themselves and absorb nobody
        let unchanged: Vec<_> = provinces_2025()
            .iter()
            .filter(|(n, _)| provinces().iter().filter(|p| p.name_2025 == *n).count() == 1)
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(unchanged.len(), 11, "{unchanged:?}");
    }

    #[test]
    fn spellings_and_negatives() {
        assert_eq!(
            find_province("Khánh Hoà").map(|p| p.name),
            Some("Khánh Hòa")
        );
        assert_eq!(
            find_province("BÀ RỊA-VŨNG TÀU").map(|p| p.name),
            Some("Bà Rịa - Vũng Tàu")
        );
        assert_eq!(
            find_province("thành phố Hà Nội").map(|p| p.name),
            Some("Hà Nội")
        );
        assert_eq!(find_province("Huế").map(|p| p.name), Some("Thừa Thiên Huế"));
        assert_eq!(province_2025("Hồ Chí Minh"), Some("Hồ Chí Minh"));
        assert!(find_province("").is_none());
        assert!(find_province("Kiên").is_none());
        assert!(find_province("Sở Tài chính").is_none());
        assert_eq!(province_2025(""), None);
    }

    #[test]
    fn finder_respects_case_and_words() {
        let hits = find_provinces_in("mức sống cao bằng mức bình quân; hòa bình, ổn định");
        assert!(hits.is_empty(), "{hits:?}");
        let hits = find_provinces_in(
            "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HOÀ; Thừa Thiên Huế; thành phố Huế; Hà Nội",
        );
        let names: Vec<_> = hits.iter().map(|h| h.name).collect();
        assert_eq!(names, ["Khánh Hòa", "Thừa Thiên Huế", "Huế", "Hà Nội"]);
        assert!(hits[0].prefixed && !hits[1].prefixed && hits[2].prefixed && !hits[3].prefixed);
        // not inside a longer word
        assert!(find_provinces_in("Hà Nộii").is_empty());
    }
}
