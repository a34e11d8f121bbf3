//! The closed list of codes, laws and ordinances (`data/laws.tsv`): their titles end a
//! law's name where the title ends ("Luật Ban hành văn bản quy phạm pháp luật", not
//! "Luật Ban hành văn bản"), and their versions give the number of a law cited by name
//! alone (the latest version passed by the citing document's date).

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
    let words = words_with_ends(s, 16);
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
        .find(|(n, d)| !n.is_empty() && !d.is_empty() && *d <= date)
        .copied()
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
