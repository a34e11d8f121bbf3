//! The closed list of codes, laws and ordinances (`data/laws.tsv`): their titles end a
//! law's name where the title ends ("Luật Ban hành văn bản quy phạm pháp luật", not
//! "Luật Ban hành văn bản"), and their versions give the number of a law cited by name
//! alone ([`resolve_name`]: `references[].resolved`).

use std::sync::OnceLock;
use vanban_meta::text::fold;

/// One code, law or ordinance of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Law {
    /// "Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp".
    pub kind: &'static str,
    /// Title as printed after the kind word ("Ban hành văn bản quy phạm pháp luật").
    pub title: &'static str,
    /// Folded words of the title, for matching.
    words: Vec<String>,
    /// Versions: (number, date of passing), oldest first; the number may be empty.
    pub versions: Vec<(&'static str, &'static str)>,
}

/// Every law of the table.
pub fn laws() -> &'static [Law] {
    static LAWS: OnceLock<Vec<Law>> = OnceLock::new();
    LAWS.get_or_init(|| {
        let mut out: Vec<Law> = Vec::new();
        for line in include_str!("../data/laws.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(kind), Some(title)) = (f.next(), f.next()) else {
                continue;
            };
            let number = f.next().unwrap_or("").trim();
            let date = f.next().unwrap_or("").trim();
            let kind: &'static str = match kind {
                "Luật" => "Luật",
                "Bộ luật" => "Bộ luật",
                "Pháp lệnh" => "Pháp lệnh",
                "Hiến pháp" => "Hiến pháp",
                _ => continue,
            };
            match out.iter_mut().find(|l| l.kind == kind && l.title == title) {
                Some(l) => l.versions.push((number, date)),
                None => out.push(Law {
                    kind,
                    title,
                    words: title.split_whitespace().map(fold).collect(),
                    versions: vec![(number, date)],
                }),
            }
        }
        for l in &mut out {
            l.versions.sort_by_key(|v| v.1);
        }
        out
    })
}

/// The words of `s` with their byte ends: letters and digits, a comma kept on the word
/// it ends ("Phòng," "chống").
fn words_with_ends(s: &str, max: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || (c == ',' && start.is_some()) {
            if start.is_none() {
                start = Some(i);
            }
            if c == ',' {
                if let Some(st) = start.take() {
                    out.push((fold(s.get(st..=i).unwrap_or_default()), i + 1));
                }
            }
        } else {
            if let Some(st) = start.take() {
                out.push((fold(s.get(st..i).unwrap_or_default()), i));
            }
            if !matches!(c, ' ' | '\t') || out.len() >= max {
                return out;
            }
        }
    }
    if let Some(st) = start {
        out.push((fold(s.get(st..).unwrap_or_default()), s.len()));
    }
    out
}

/// The longest title of a `kind` law that `s` (the text right after the kind word, from
/// its space) starts with, ending at a word boundary; returns the law and the bytes of
/// `s` it covers.
///
/// ```
/// use vanban_refs::laws::match_title;
/// let (law, n) = match_title("Luật", " Ban hành văn bản quy phạm pháp luật số 64").unwrap();
/// assert_eq!(law.title, "Ban hành văn bản quy phạm pháp luật");
/// assert_eq!(n, " Ban hành văn bản quy phạm pháp luật".len());
/// assert!(match_title("Luật", " Ban hành mới").is_none());
/// ```
pub fn match_title(kind: &str, s: &str) -> Option<(&'static Law, usize)> {
    if !s.starts_with([' ', '\t']) {
        return None;
    }
    let words = words_with_ends(s, 32);
    let mut best: Option<(&'static Law, usize, usize)> = None;
    for law in laws().iter().filter(|l| l.kind == kind) {
        let n = law.words.len();
        if n == 0 || n > words.len() || best.is_some_and(|b| b.2 >= n) {
            continue;
        }
        let same = law
            .words
            .iter()
            .zip(&words)
            .all(|(a, (b, _))| a == b || a.trim_end_matches(',') == b.trim_end_matches(','));
        if !same {
            continue;
        }
        let Some(&(ref last, end)) = words.get(n - 1) else {
            continue;
        };
        // a title ending on a comma-less word: do not count the text's comma in
        let end = if last.ends_with(',') && law.words.last().is_some_and(|w| !w.ends_with(',')) {
            end - 1
        } else {
            end
        };
        best = Some((law, end, n));
    }
    best.map(|(l, e, _)| (l, e))
}

/// The version of `law` in force at `date` (ISO): the latest passed on or before it.
///
/// ```
/// use vanban_refs::laws::{match_title, version_at};
/// let (law, _) = match_title("Luật", " Hợp tác xã").unwrap();
/// assert_eq!(version_at(law, "2020-01-01"), Some(("23/2012/QH13", "2012-11-20")));
/// assert_eq!(version_at(law, "2024-05-01"), Some(("17/2023/QH15", "2023-06-20")));
/// assert_eq!(version_at(law, "2010-01-01"), None);
/// ```
pub fn version_at(law: &Law, date: &str) -> Option<(&'static str, &'static str)> {
    law.versions
        .iter()
        .rev()
        .find(|(_, d)| !d.is_empty() && *d <= date)
        .filter(|(n, _)| !n.is_empty())
        .copied()
}

/// The date up to which the table lists every version of its titles (the line
/// `# complete to: YYYY-MM-DD` of `data/laws.tsv`). A later citing document may cite a
/// version the table does not know, so a name cited after it is not resolved by date.
pub fn complete_to() -> Option<&'static str> {
    include_str!("../data/laws.tsv")
        .lines()
        .find_map(|l| l.strip_prefix("# complete to:"))
        .map(str::trim)
        .filter(|d| is_iso(d))
}

fn is_iso(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The law a reference's `name` designates ("Luật Hợp tác xã năm 2012", "Hiến pháp năm
/// 2013", "Bộ luật Lao động", "Luật sửa đổi, bổ sung một số điều của Luật …"): the table's
/// entry whose title is the whole name, and the year printed with it. A name with a
/// parenthesis ("Luật Đất đai (sửa đổi)": a draft or a revision) designates no version.
pub fn law_of_name(name: &str) -> Option<(&'static Law, Option<&str>)> {
    if name.contains('(') {
        return None;
    }
    let name = name.trim();
    let (base, year) = match name.rsplit_once(" năm ") {
        Some((b, y)) if y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()) => (b, Some(y)),
        _ => (name, None),
    };
    let kind = ["Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp"]
        .into_iter()
        .find(|k| {
            base.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })?;
    let rest = base.get(kind.len()..)?;
    if kind == "Hiến pháp" && rest.trim().is_empty() {
        // "Hiến pháp năm 2013": the Constitution is one title
        return laws().iter().find(|l| l.kind == kind).map(|l| (l, year));
    }
    let (law, used) = match_title(kind, rest)?;
    rest.get(used..)
        .is_some_and(|r| r.trim().is_empty())
        .then_some((law, year))
}

/// The version of a law cited by name alone, by the rules of `references[].resolved`:
/// the passing date printed with the name ("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm
/// 2015", `printed_date`) picks the version passed that day; a year printed with the
/// name picks that year's version; else the latest version
/// passed on or before the citing document's date (`citing_date`, ISO), when that date
/// is within the table's coverage ([`complete_to`]); an undated citing document gets the
/// only version of a title that has one, and nothing when there are several. A version
/// without a number (a newer one the table knows only by date) resolves nothing, except
/// for the Constitution, which has no number.
///
/// ```
/// use vanban_refs::laws::resolve_name;
/// let r = resolve_name("Luật Hợp tác xã", None, Some("2024-05-10")).unwrap();
/// assert_eq!(r.number.as_deref(), Some("17/2023/QH15"));
/// assert_eq!(r.date.as_deref(), Some("2023-06-20"));
/// assert_eq!(r.source, "laws-table");
/// assert!(resolve_name("Luật Hợp tác xã", None, None).is_none()); // two versions, no date
/// ```
pub fn resolve_name(
    name: &str,
    printed_date: Option<&str>,
    citing_date: Option<&str>,
) -> Option<vanban_model::Resolved> {
    let (law, year) = law_of_name(name)?;
    let citing = citing_date.filter(|d| is_iso(d));
    let usable = |n: &str| !n.is_empty() || law.kind == "Hiến pháp";
    let (version, rule) = if let Some(p) = printed_date.filter(|d| is_iso(d)) {
        // the date printed with the name is the passing date of one version, or the
        // table does not know the version meant
        let v = law.versions.iter().find(|v| v.1 == p)?;
        if year.is_some_and(|y| !p.starts_with(y)) {
            return None;
        }
        (*v, format!("passing date in the citation: {p}"))
    } else if let Some(y) = year {
        if citing.is_some_and(|c| c.get(..4).is_some_and(|cy| cy < y)) {
            return None; // nothing cites the future
        }
        let mut of_year = law.versions.iter().filter(|v| v.1.starts_with(y));
        let v = of_year.next()?;
        if of_year.next().is_some() {
            return None; // two versions passed that year
        }
        (*v, format!("year in the name: {y}"))
    } else if let Some(c) = citing {
        if complete_to().is_none_or(|t| c > t) {
            return None;
        }
        let v = law
            .versions
            .iter()
            .rev()
            .find(|(_, d)| !d.is_empty() && *d <= c)?;
        (
            *v,
            format!("latest version passed on or before {c} (the citing document's date)"),
        )
    } else {
        let [v] = law.versions.as_slice() else {
            return None;
        };
        (*v, "the only version (citing document undated)".to_string())
    };
    let (number, date) = version;
    if !usable(number) {
        return None;
    }
    Some(vanban_model::Resolved {
        number: (!number.is_empty()).then(|| number.to_string()),
        date: (!date.is_empty()).then(|| date.to_string()),
        source: "laws-table".into(),
        rule,
    })
}

/// A law number `serial/YYYY/QHk` (also `UBTVQHk`, ordinances): its serial, year and body
/// code.
fn law_symbol(number: &str) -> Option<(&str, &str, &str)> {
    let mut p = number.split('/');
    let (serial, year, body) = (p.next()?, p.next()?, p.next()?);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let term = body
        .strip_prefix("UBTVQH")
        .or_else(|| body.strip_prefix("QH"))?;
    (p.next().is_none() && digits(serial) && year.len() == 4 && digits(year) && digits(term))
        .then_some((serial, year, body))
}

/// The number of a law whose legislature's term OCR lost ("42/2024/QH 1Š!", the term's
/// digits read apart as junk): the table's one law of that serial and year passed by the
/// Quốc hội (on `date`, ISO, when one is printed beside it), with why; `None` when the table
/// has none or several (a term changes in an election year).
///
/// ```
/// use vanban_refs::laws::complete_term;
/// assert_eq!(complete_term("42/2024/QH", Some("2024-06-29")).unwrap().0, "42/2024/QH15");
/// assert_eq!(complete_term("42/2024/QH", None).unwrap().0, "42/2024/QH15");
/// assert!(complete_term("42/2024/QH", Some("2024-06-30")).is_none()); // not that day's
/// assert!(complete_term("43/2024/QH", None).is_none()); // not in the table
/// ```
pub fn complete_term(number: &str, date: Option<&str>) -> Option<(&'static str, String)> {
    if !number.ends_with("/QH") {
        return None;
    }
    let mut same = laws()
        .iter()
        .flat_map(|l| l.versions.iter().map(move |v| (l, v.0, v.1)))
        .filter(|&(_, n, d)| {
            date.is_none_or(|date| d == date)
                && n.strip_prefix(number)
                    .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        });
    let (law, n, _) = same.next()?;
    same.next().is_none().then(|| {
        (
            n,
            format!(
                "the legislature's term was lost; the laws table's one law of that number is {} {}",
                law.kind, law.title
            ),
        )
    })
}

/// The passing date (ISO) the laws table gives for law `number`.
fn table_date(number: &str) -> Option<&'static str> {
    laws()
        .iter()
        .flat_map(|l| l.versions.iter())
        .find(|v| v.0 == number)
        .map(|v| v.1)
        .filter(|d| is_iso(d))
}

/// The passing date a law's citation meant when OCR misread one digit of it: `number` is a
/// number of the table read right, `date` (ISO) the date printed beside it. The table's
/// date of that number when the two differ in exactly one digit ("87/2025/QH15 ngày 25
/// tháng 6 năm 2023" → 2025-06-25); `None` otherwise (a date further off may be another
/// document's, printed beside it).
///
/// ```
/// use vanban_refs::laws::misread_date;
/// assert_eq!(misread_date("87/2025/QH15", "2023-06-25"), Some("2025-06-25"));
/// assert_eq!(misread_date("87/2025/QH15", "2025-06-25"), None);
/// assert_eq!(misread_date("87/2025/QH15", "2024-07-25"), None); // two digits off
/// ```
pub fn misread_date(number: &str, date: &str) -> Option<&'static str> {
    if !is_iso(date) {
        return None;
    }
    let d = table_date(number)?;
    let off =
        d.len() == date.len() && d.bytes().zip(date.bytes()).filter(|(a, b)| a != b).count() == 1;
    off.then_some(d)
}

/// The passing date of law `number` (laws table) when the date printed after its citation,
/// `after` ("ngày 29 tháng 1] năm 2024;", "ngày 29/1l/2024"), was read only in part: its day
/// and year read as digits and equal to the table's, its month equal or garbled (not a
/// number at all). A month read as another number, or a day or year not read, is no
/// evidence.
///
/// ```
/// use vanban_refs::laws::partly_read_date;
/// assert_eq!(partly_read_date("55/2024/QH15", " ngày 29 tháng 1] năm 2024;"), Some("2024-11-29"));
/// assert_eq!(partly_read_date("55/2024/QH15", " ngày 29/TlÌ/2024 của"), Some("2024-11-29"));
/// assert_eq!(partly_read_date("55/2024/QH15", " ngày 29 tháng 10 năm 2024"), None); // another month
/// assert_eq!(partly_read_date("55/2024/QH15", " ngày 2§ tháng 1] năm 2024"), None); // day not read
/// assert_eq!(partly_read_date("55/2024/QH15", " và Luật số 64/2025/QH15"), None);
/// ```
pub fn partly_read_date(number: &str, after: &str) -> Option<&'static str> {
    let d = table_date(number)?;
    let (y, m, dd) = (d.get(0..4)?, d.get(5..7)?, d.get(8..10)?);
    let words: Vec<&str> = after.split_whitespace().take(6).collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ':' | '(' | ')'))
            .to_string()
    };
    let parts: Vec<String> = match words.as_slice() {
        [ngay, day, thang, month, nam, year, ..]
            if ngay.to_lowercase() == "ngày"
                && thang.to_lowercase() == "tháng"
                && nam.to_lowercase() == "năm" =>
        {
            vec![bare(day), bare(month), bare(year)]
        }
        [ngay, slashed, ..] if ngay.to_lowercase() == "ngày" => {
            bare(slashed).split('/').map(str::to_string).collect()
        }
        _ => return None,
    };
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let number_eq = |read: &str, want: &str| {
        !read.is_empty()
            && read.bytes().all(|b| b.is_ascii_digit())
            && read.trim_start_matches('0') == want.trim_start_matches('0')
    };
    let garbled = !month.is_empty() && !month.bytes().all(|b| b.is_ascii_digit());
    (number_eq(day, dd) && number_eq(year, y) && (garbled || number_eq(month, m))).then_some(d)
}

/// The number a law's citation meant when OCR misread its digits, from the laws table:
/// `number` is what the page reading gave, `date` (ISO) the passing date printed beside it,
/// `name` the law's name printed with it ("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
/// if any. Returns the table's number and why, or `None` when the reading stands.
///
/// The reading stands when the table knows that number with that date, or knows too little.
/// It is put right only with two pieces of evidence beside the number:
/// - the reading's year is not its date's (a law's number has the year it was passed), and
///   the table's law of that date has the reading's serial and body code
///   ("64/2023/QH15 ngày 19 tháng 02 năm 2025" → 64/2025/QH15);
/// - the name and the date both designate one version of the table, whose number has the
///   same year (or the date's, as above) and body code ("33/2024/QH15 ngày 29 tháng 11 năm 2024" cited as the fire
///   law, which is 55/2024/QH15 of that day); or
/// - without a name: the date is the passing date of exactly one law of the table whose
///   number differs from the reading in one digit, and the reading cannot be right, since
///   the laws of one term are numbered in the order they are passed and the table has a
///   law passed earlier with a higher number, or later with a lower one.
///
/// ```
/// use vanban_refs::laws::misread_number;
/// let (n, _) = misread_number(
///     "33/2024/QH15",
///     "2024-11-29",
///     Some("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
/// )
/// .unwrap();
/// assert_eq!(n, "55/2024/QH15");
/// // no name: one law of 2025-06-25 one digit away, and 37 cannot follow 64 of February
/// assert_eq!(misread_number("37/2025/QH15", "2025-06-25", None).unwrap().0, "87/2025/QH15");
/// // read right, or too little to go on
/// assert!(misread_number("55/2024/QH15", "2024-11-29", None).is_none());
/// assert!(misread_number("57/2024/QH15", "2024-11-29", None).is_none()); // 54, 55, 58
/// // the year misread: a law's number has the year it was passed
/// assert_eq!(misread_number("64/2023/QH15", "2025-02-19", None).unwrap().0, "64/2025/QH15");
/// assert_eq!(
///     misread_number(
///         "64/2023/QH15",
///         "2025-02-19",
///         Some("Luật Ban hành văn bản quy phạm pháp luật")
///     )
///     .unwrap()
///     .0,
///     "64/2025/QH15"
/// );
/// // no law of that day has serial 99
/// assert!(misread_number("99/2023/QH15", "2025-02-19", None).is_none());
/// ```
pub fn misread_number(
    number: &str,
    date: &str,
    name: Option<&str>,
) -> Option<(&'static str, String)> {
    if !is_iso(date) {
        return None;
    }
    let versions = || {
        laws()
            .iter()
            .flat_map(|l| l.versions.iter().map(move |v| (l, v.0, v.1)))
            .filter(|(_, n, _)| !n.is_empty())
    };
    let (serial, year, body) = law_symbol(number)?;
    if versions().any(|(_, n, d)| n == number && d == date) {
        return None;
    }
    // a law's number carries the year it was passed: a reading whose year is not its
    // date's has its year misread ("64/2023/QH15 ngày 19 tháng 02 năm 2025")
    let year_misread = date.get(..4).is_some_and(|y| y != year);
    // the serial of a number of the same year (or of the date's, when the reading's year
    // was misread) and body code
    let same_series = |n: &str| -> Option<String> {
        law_symbol(n)
            .filter(|&(_, y, b)| (y == year || (year_misread && date.starts_with(y))) && b == body)
            .map(|(s, _, _)| s.to_string())
    };
    if let Some((law, _)) = name.and_then(law_of_name) {
        if let Some(&(n, d)) = law
            .versions
            .iter()
            .find(|(n, d)| *d == date && same_series(n).is_some())
        {
            return Some((
                n,
                format!(
                    "the laws table gives {} {} of {d} that number",
                    law.kind, law.title
                ),
            ));
        }
        return None;
    }
    let one_digit_off = |s: &str| {
        s.len() == serial.len()
            && s.bytes()
                .zip(serial.bytes())
                .filter(|(a, b)| a != b)
                .count()
                == 1
    };
    // without a name: the serial one digit away, or the same serial when the year was
    // misread (the year is the second piece of evidence then; several laws are passed on
    // one day, numbered one after the other)
    let mut same_day = versions().filter(|&(_, n, d)| {
        d == date
            && same_series(n).is_some_and(|s| {
                if year_misread {
                    s == serial
                } else {
                    one_digit_off(&s)
                }
            })
    });
    let (law, n, _) = same_day.next()?;
    if same_day.next().is_some() {
        return None;
    }
    if year_misread {
        return Some((
            n,
            format!(
                "a law's number carries the year it was passed, and the laws table's law {n} of {date} is {} {}",
                law.kind, law.title
            ),
        ));
    }
    // the serials of one body code (one term) run in the order of passing
    let value = serial.parse::<u32>().ok()?;
    let out_of_order = versions().any(|(_, m, d)| {
        let Some((s, _, b)) = law_symbol(m) else {
            return false;
        };
        let Ok(v) = s.parse::<u32>() else {
            return false;
        };
        b == body && ((d < date && v > value) || (d > date && v < value))
    });
    out_of_order.then(|| {
        (
            n,
            format!(
                "the laws table's only law of {date} one digit away is {} {}, and {number} cannot be a law of that day (laws are numbered in the order they are passed)",
                law.kind, law.title
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_reads() {
        assert!(laws().len() > 100);
        let hp = laws()
            .iter()
            .find(|l| l.kind == "Hiến pháp")
            .map(|l| l.title);
        assert_eq!(hp, Some("nước Cộng hòa xã hội chủ nghĩa Việt Nam"));
        // numbers look like law numbers
        for l in laws() {
            for (n, d) in &l.versions {
                assert!(
                    n.is_empty() || n.contains("/QH") || n.contains("UBTVQH"),
                    "{n}"
                );
                assert!(d.is_empty() || d.len() == 10, "{d}");
            }
        }
    }

    fn resolved(name: &str, date: Option<&str>) -> Option<(Option<String>, Option<String>)> {
        resolve_name(name, None, date).map(|r| (r.number, r.date))
    }

    fn some(n: &str, d: &str) -> Option<(Option<String>, Option<String>)> {
        Some((Some(n.into()), Some(d.into())))
    }

    #[test]
    fn version_in_force_by_date() {
        // the latest version passed on or before the citing date
        assert_eq!(
            resolved("Luật Hợp tác xã", Some("2020-03-02")),
            some("23/2012/QH13", "2012-11-20")
        );
        assert_eq!(
            resolved("Luật Hợp tác xã", Some("2023-06-20")),
            some("17/2023/QH15", "2023-06-20")
        );
        assert_eq!(
            resolved("Luật Đất đai", Some("2019-01-01")),
            some("45/2013/QH13", "2013-11-29")
        );
        assert_eq!(
            resolved("Bộ luật Lao động", Some("2021-01-01")),
            some("45/2019/QH14", "2019-11-20")
        );
        let r = resolve_name("Luật Hợp tác xã", None, Some("2024-05-10")).unwrap();
        assert_eq!(
            r.rule,
            "latest version passed on or before 2024-05-10 (the citing document's date)"
        );
        // before any version the table knows: nothing
        assert_eq!(resolved("Luật Hợp tác xã", Some("2010-01-01")), None);
        // after the table's coverage a newer version may be missing: nothing
        assert_eq!(resolved("Luật Hợp tác xã", Some("2026-02-01")), None);
        // a newer version replaces the older one from its passing date
        assert_eq!(
            resolved("Luật Cán bộ, công chức", Some("2025-06-30")),
            some("80/2025/QH15", "2025-06-24")
        );
        // the Constitution has no number; its version is its date
        assert_eq!(
            resolved(
                "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                Some("2020-01-01")
            ),
            Some((None, Some("2013-11-28".into())))
        );
    }

    #[test]
    fn year_in_the_name() {
        // the year picks the version, whatever the citing date
        assert_eq!(
            resolved("Luật Hợp tác xã năm 2012", Some("2024-01-01")),
            some("23/2012/QH13", "2012-11-20")
        );
        assert_eq!(
            resolved("Luật Hợp tác xã năm 2012", Some("2026-01-01")),
            some("23/2012/QH13", "2012-11-20")
        );
        assert_eq!(
            resolve_name("Luật Hợp tác xã năm 2012", None, None).map(|r| r.rule),
            Some("year in the name: 2012".into())
        );
        assert_eq!(
            resolved("Hiến pháp năm 2013", None),
            Some((None, Some("2013-11-28".into())))
        );
        assert_eq!(
            resolved("Hiến pháp năm 1992", Some("2000-01-01")),
            Some((None, Some("1992-04-15".into())))
        );
        // a year with no version of the table, or two versions passed that year
        assert_eq!(resolved("Luật Hợp tác xã năm 2003", None), None);
        assert_eq!(
            resolved("Luật Tổ chức chính quyền địa phương năm 2025", None),
            None
        );
        // nothing cites the future
        assert_eq!(
            resolved("Luật Hợp tác xã năm 2023", Some("2022-12-31")),
            None
        );
    }

    #[test]
    fn passing_date_in_the_citation() {
        // "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;" in a 2025 document
        let r = resolve_name(
            "Luật Tổ chức Chính phủ",
            Some("2015-06-19"),
            Some("2025-08-01"),
        )
        .unwrap();
        assert_eq!(r.number.as_deref(), Some("76/2015/QH13"));
        assert_eq!(r.rule, "passing date in the citation: 2015-06-19");
        // an amending law of two laws, with its passing date (provincial preambles)
        let r = resolve_name(
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
            Some("2019-11-22"),
            Some("2024-03-05"),
        )
        .unwrap();
        assert_eq!(r.number.as_deref(), Some("47/2019/QH14"));
        // a date that is no version's passing date: the table does not know that version
        assert!(resolve_name("Luật Tổ chức Chính phủ", Some("2015-07-01"), None).is_none());
    }

    #[test]
    fn undated_citing_document() {
        // one version: that one; several: ambiguous, unresolved
        assert_eq!(
            resolved("Luật Hợp tác xã", None),
            None,
            "two versions and no date"
        );
        assert_eq!(
            resolved("Luật Phí và lệ phí", None),
            some("97/2015/QH13", "2015-11-25")
        );
        assert_eq!(
            resolve_name("Luật Phí và lệ phí", None, None).map(|r| r.rule),
            Some("the only version (citing document undated)".into())
        );
        // a malformed date is no date
        assert_eq!(resolved("Luật Hợp tác xã", Some("2024")), None);
        assert_eq!(
            resolved("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", None),
            None
        );
    }

    #[test]
    fn not_in_table() {
        assert_eq!(resolved("Luật Kinh tế tập thể", Some("2025-01-01")), None);
        // a name longer than a title is another law
        assert_eq!(resolved("Luật Đầu tư công nghệ", Some("2025-01-01")), None);
        // a draft or a revision in brackets names no version
        assert_eq!(resolved("Luật Đất đai (sửa đổi)", Some("2023-01-01")), None);
        // an amending law resolves only when the table lists it
        assert_eq!(
            resolved(
                "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
                Some("2021-01-01")
            ),
            some("63/2020/QH14", "2020-06-18")
        );
        assert_eq!(
            resolved(
                "Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
                Some("2025-01-01")
            ),
            None
        );
        // not a law's name
        assert_eq!(
            resolved("Nghị quyết Trung ương 5 khóa IX", Some("2025-01-01")),
            None
        );
    }

    #[test]
    fn titles_end_names() {
        let t = |k, s| match_title(k, s).map(|(l, n)| (l.title, n));
        assert_eq!(
            t(
                "Luật",
                " Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015"
            ),
            Some((
                "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
                " Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân".len()
            ))
        );
        // the longest title wins: "Đầu tư công", not "Đầu tư"
        assert_eq!(t("Luật", " Đầu tư công;").map(|x| x.0), Some("Đầu tư công"));
        assert_eq!(t("Luật", " Đầu tư, Luật").map(|x| x.0), Some("Đầu tư"));
        assert_eq!(
            t("Luật", " phòng, chống tham nhũng").map(|x| x.0),
            Some("Phòng, chống tham nhũng")
        );
        // a word boundary: "Đất đai" is not "Đất đaix"
        assert_eq!(t("Luật", " Đất đaix"), None);
        // tone-mark style does not matter
        assert_eq!(t("Luật", " Thuỷ sản").map(|x| x.0), Some("Thủy sản"));
    }
}
