//! The second pass over a corpus: every numbered reference of every document settled to
//! one distinct cited document, by the ids the documents give ([`crate::identity`]) and,
//! where a document leaves the date open, by the other documents.
//!
//! Rules, in order, per number (and issuing province for local symbols):
//! 1. a full date is an identity: references with the same number and date are one
//!    document, different dates are different documents;
//! 2. a year or a term (range of years) joins the one dated document of that number whose
//!    date falls in it (and whose subject does not contradict the restated one); with
//!    none it stands for itself (`20-NQ/TW@2022`), with several it stays ambiguous;
//! 3. an undated reference joins the one candidate (same number, not after the citing
//!    document's date) whose subject its restated title matches; else, when there is only
//!    one candidate, it joins it if that one is of the citing document's period — for
//!    Party central symbols, cited (dated) by documents of the same five-year term (see
//!    [`crate::identity::period_of`]), for the others, numbered afresh every year, issued
//!    in the citing document's year or the year before; otherwise it stays open —
//!    undated (no candidate) or ambiguous (candidates listed) — never merged silently.
//!
//! Nothing here rewrites a document: the result maps each (document, reference) to a
//! [`Cited`] entry and says how it was settled.

use crate::identity::{period_of, subject, titles_match, Ident, When};
use std::collections::{BTreeMap, BTreeSet};
use vanban_model::Document;

/// How a reference was settled to its cited document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    /// Its own id is a full date (or the year of a symbol that carries it).
    Stated,
    /// Its year matched one dated document.
    Year,
    /// Its term matched one dated document.
    Term,
    /// Its restated subject matched one candidate.
    Title,
    /// The one candidate cited by documents of the same period.
    Period,
    /// Left open: no candidate, or several (ambiguous).
    Open,
}

impl How {
    /// Name in the audit's output.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Stated => "stated",
            How::Year => "year",
            How::Term => "term",
            How::Title => "title",
            How::Period => "period",
            How::Open => "open",
        }
    }
}

/// One distinct cited document of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    /// Its id (the fullest the corpus gives).
    pub id: String,
    /// Its number, as most references print it.
    pub number: String,
    /// What is known of its date.
    pub when: Option<When>,
    /// Issuing province slug (local symbols).
    pub place: Option<String>,
    /// Kind, as most references give it.
    pub kind: Option<String>,
    /// Issuer, as the first reference naming it gives it.
    pub issuer: Option<String>,
    /// Subject, as most references restate it.
    pub title: Option<String>,
    /// Indices of the documents citing it (sorted, distinct).
    pub citing: Vec<usize>,
    /// Strongest relation of a citing document to it.
    pub relation: String,
    /// True when some reference in it could be one of several documents.
    pub ambiguous: bool,
    /// The documents those references could be (ids).
    pub candidates: Vec<String>,
}

/// Where one reference went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Index into [`Settlement::cited`].
    pub cited: usize,
    /// How.
    pub how: How,
    /// The reference's own id (from its document).
    pub own_id: String,
    /// The candidates when left ambiguous.
    pub candidates: Vec<String>,
}

/// The result of [`settle`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settlement {
    /// Every distinct cited document, ordered by number key then date.
    pub cited: Vec<Cited>,
    /// Per document, per reference: where it went (`None` for unnumbered references).
    pub assignments: Vec<Vec<Option<Assignment>>>,
}

struct Occ {
    doc: usize,
    r: usize,
    ident: Ident,
    title: Option<String>,
    citing_year: Option<u16>,
}

#[derive(Default)]
struct Cluster {
    ident: Option<Ident>,
    occs: Vec<usize>,
    /// Distinct subjects its references restate (compared instead of every reference).
    titles: BTreeSet<String>,
    ambiguous: bool,
    candidates: BTreeSet<String>,
}

/// A Party central symbol (`…/TW`): numbered afresh per term, not per year.
fn party_central(id: &Ident) -> bool {
    id.number.split(['/', '-']).any(|c| c == "TW")
}

/// Strength of a relation ("implements" > "basis" > "cites"), to keep the strongest.
pub fn strength(relation: &str) -> u8 {
    match relation {
        "implements" => 3,
        "basis" => 2,
        "cites" => 1,
        _ => 0,
    }
}

fn place_ok(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// False when the occurrence restates a subject that contradicts every subject the
/// cluster is known by.
fn title_ok(c: &Cluster, o: &Occ) -> bool {
    let Some(t) = o.title.as_deref() else {
        return true;
    };
    let verdicts: Vec<Option<bool>> = c.titles.iter().map(|u| titles_match(t, u)).collect();
    // no verdict at all, or one match
    verdicts.iter().all(Option::is_none) || verdicts.contains(&Some(true))
}

fn title_hit(c: &Cluster, o: &Occ) -> bool {
    let Some(t) = o.title.as_deref() else {
        return false;
    };
    c.titles.iter().any(|u| titles_match(t, u) == Some(true))
}

fn most_common<'a>(it: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, s) in it.enumerate() {
        let e = counts.entry(s).or_insert((0, usize::MAX - i));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(s, (n, first))| (*n, s.chars().count(), *first))
        .map(|(s, _)| s.to_string())
}

/// The subject most references restate (cleaned by [`crate::identity::subject`]); on a
/// tie the shortest, the one least likely to run on into the sentence.
fn best_subject(refs: &[&vanban_model::Reference]) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in refs
        .iter()
        .filter_map(|r| r.title.as_deref())
        .filter_map(subject)
    {
        *counts.entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(s, n)| (*n, std::cmp::Reverse(s.chars().count())))
        .map(|(s, _)| s)
}

/// Settle every numbered reference of `docs` (whose `id`s [`crate::identity::assign`]
/// filled; a reference without one counts as undated).
///
/// ```
/// use vanban_model::{Document, Metadata, Reference};
/// let doc = |date: &str, id: &str, title: Option<&str>| Document {
///     metadata: Metadata { date: Some(date.into()), ..Default::default() },
///     references: vec![Reference {
///         number: Some("20-NQ/TW".into()),
///         id: Some(id.into()),
///         title: title.map(String::from),
///         relation: "implements".into(),
///         ..Default::default()
///     }],
///     ..Default::default()
/// };
/// let docs = vec![
///     doc("2018-01-01", "20-NQ/TW@2017-10-25", Some("về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân")),
///     doc("2023-01-01", "20-NQ/TW@2022-06-16", Some("về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể")),
///     doc("2023-05-01", "20-NQ/TW", Some("về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân trong tình hình mới")),
///     doc("2023-06-01", "20-NQ/TW", None),
///     doc("2022-03-01", "20-NQ/TW@2017-10-25", None),
/// ];
/// let s = vanban_refs::corpus::settle(&docs);
/// let id = |d: usize| s.cited[s.assignments[d][0].as_ref().unwrap().cited].id.clone();
/// assert_eq!(id(2), "20-NQ/TW@2017-10-25"); // by its restated subject
/// assert_eq!(id(3), "20-NQ/TW"); // open: 2017 and 2022 are both cited in its period
/// assert!(s.cited.iter().any(|c| c.id == "20-NQ/TW" && c.ambiguous && c.candidates.len() == 2));
/// ```
pub fn settle(docs: &[Document]) -> Settlement {
    let mut occs: Vec<Occ> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let citing_year = doc
            .metadata
            .date
            .as_deref()
            .and_then(|s| s.get(..4))
            .and_then(|y| y.parse().ok());
        for (r, re) in doc.references.iter().enumerate() {
            let Some(number) = re.number.as_deref().filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            let ident = re
                .id
                .as_deref()
                .and_then(Ident::parse)
                .or_else(|| Ident::parse(number))
                .unwrap_or_else(|| Ident {
                    number: crate::identity::id_number(number),
                    when: None,
                    place: None,
                });
            occs.push(Occ {
                doc: d,
                r,
                ident,
                title: re.title.clone(),
                citing_year,
            });
        }
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, o) in occs.iter().enumerate() {
        groups.entry(o.ident.key()).or_default().push(i);
    }
    let mut how: Vec<How> = vec![How::Open; occs.len()];
    let mut own_candidates: Vec<Vec<String>> = vec![Vec::new(); occs.len()];
    let mut clusters: Vec<Cluster> = Vec::new();
    for (_, mut members) in groups {
        let base = clusters.len();
        // dated first (placed before unplaced), then years, terms, undated
        members.sort_by_key(|&i| {
            let o = &occs[i];
            let rank = match &o.ident.when {
                Some(When::Date(_)) => 0,
                Some(When::Year(_)) => 2,
                Some(When::Range(..)) => 4,
                None => 6,
            };
            (rank + usize::from(o.ident.place.is_none()), o.doc, o.r)
        });
        for &i in &members {
            let o = &occs[i];
            let local = base..clusters.len();
            // the settled clusters of this number the occurrence may belong to
            let compatible = |c: &Cluster, pred: &dyn Fn(&When) -> bool| {
                !c.ambiguous
                    && c.ident.as_ref().is_some_and(|id| {
                        place_ok(&id.place, &o.ident.place)
                            && id.when.as_ref().is_some_and(pred)
                            && title_ok(c, o)
                    })
            };
            let (target, h, cands): (Option<usize>, How, Vec<usize>) = match &o.ident.when {
                Some(When::Date(d)) => {
                    let same: Vec<usize> = local
                        .clone()
                        .filter(|&k| {
                            clusters[k].ident.as_ref().is_some_and(|id| {
                                id.when.as_ref() == Some(&When::Date(d.clone()))
                                    && place_ok(&id.place, &o.ident.place)
                            })
                        })
                        .collect();
                    match same.as_slice() {
                        [k] => (Some(*k), How::Stated, Vec::new()),
                        _ => (None, How::Stated, Vec::new()),
                    }
                }
                Some(w) => {
                    let (a, b) = w.years();
                    let dated: Vec<usize> = local
                        .clone()
                        .filter(|&k| {
                            compatible(&clusters[k], &|cw: &When| {
                                cw.is_date() && (a..=b).contains(&cw.years().0)
                            })
                        })
                        .collect();
                    let settled_by = if matches!(w, When::Year(_)) {
                        How::Year
                    } else {
                        How::Term
                    };
                    match dated.as_slice() {
                        [k] => (Some(*k), settled_by, Vec::new()),
                        [] => {
                            // a year inside the term joins the one year cluster there
                            let wider: Vec<usize> = local
                                .clone()
                                .filter(|&k| {
                                    compatible(&clusters[k], &|cw: &When| {
                                        let (x, y) = cw.years();
                                        a <= x && y <= b && cw != w
                                    })
                                })
                                .collect();
                            match wider.as_slice() {
                                [k] => (Some(*k), settled_by, Vec::new()),
                                [] => (None, How::Stated, Vec::new()),
                                _ => (None, How::Open, wider),
                            }
                        }
                        _ => (None, How::Open, dated),
                    }
                }
                None => {
                    let mut cands: Vec<usize> = local
                        .clone()
                        .filter(|&k| {
                            compatible(&clusters[k], &|cw: &When| {
                                o.citing_year.is_none_or(|y| cw.years().0 <= y)
                            })
                        })
                        .collect();
                    let titled: Vec<usize> = cands
                        .iter()
                        .copied()
                        .filter(|&k| title_hit(&clusters[k], o))
                        .collect();
                    if titled.len() == 1 {
                        (titled.first().copied(), How::Title, Vec::new())
                    } else {
                        if titled.len() > 1 {
                            cands = titled;
                        }
                        // one candidate only, and of the citing document's period
                        let in_period = |k: usize| -> bool {
                            let Some(y) = o.citing_year else { return false };
                            let c = &clusters[k];
                            if party_central(&o.ident) {
                                let period = period_of(y);
                                period.is_some()
                                    && c.occs.iter().any(|&j| {
                                        occs[j].ident.when.is_some()
                                            && occs[j].citing_year.and_then(period_of) == period
                                    })
                            } else {
                                // numbered afresh every year: this year's or last year's
                                c.ident
                                    .as_ref()
                                    .and_then(|id| id.when.as_ref())
                                    .is_some_and(|w| w.years().0 + 1 >= y)
                            }
                        };
                        match cands.as_slice() {
                            [k] if in_period(*k) => (Some(*k), How::Period, Vec::new()),
                            _ => (None, How::Open, cands),
                        }
                    }
                }
            };
            let k = match target {
                Some(k) => k,
                None => {
                    // its own id: join the cluster of that exact id, else a new one
                    let found = local
                        .clone()
                        .find(|&k| clusters[k].ident.as_ref() == Some(&o.ident));
                    match found {
                        Some(k) => k,
                        None => {
                            clusters.push(Cluster {
                                ident: Some(o.ident.clone()),
                                ..Default::default()
                            });
                            clusters.len() - 1
                        }
                    }
                }
            };
            let names: Vec<String> = cands
                .iter()
                .filter_map(|&c| clusters.get(c)?.ident.as_ref().map(Ident::to_string))
                .collect();
            if let Some(c) = clusters.get_mut(k) {
                c.occs.push(i);
                if let Some(t) = &o.title {
                    c.titles.insert(t.clone());
                }
                if !names.is_empty() {
                    c.ambiguous = true;
                    c.candidates.extend(names.iter().cloned());
                }
            }
            how[i] = h;
            own_candidates[i] = names;
        }
    }

    // output, ordered by number key then date
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by_key(|&k| {
        let id = clusters[k].ident.as_ref();
        (
            id.map(Ident::key),
            id.and_then(|i| i.when.as_ref().map(When::years)),
            id.map(Ident::to_string),
        )
    });
    let mut rank = vec![0usize; clusters.len()];
    for (pos, &k) in order.iter().enumerate() {
        rank[k] = pos;
    }
    let mut cited = Vec::with_capacity(clusters.len());
    for &k in &order {
        let c = &clusters[k];
        let Some(id) = c.ident.as_ref() else { continue };
        let refs: Vec<&vanban_model::Reference> = c
            .occs
            .iter()
            .filter_map(|&i| {
                let o = occs.get(i)?;
                docs.get(o.doc)?.references.get(o.r)
            })
            .collect();
        let mut citing: Vec<usize> = c
            .occs
            .iter()
            .filter_map(|&i| Some(occs.get(i)?.doc))
            .collect();
        citing.sort_unstable();
        citing.dedup();
        cited.push(Cited {
            id: id.to_string(),
            number: most_common(refs.iter().filter_map(|r| r.number.as_deref()))
                .unwrap_or_else(|| id.number.clone()),
            when: id.when.clone(),
            place: id.place.clone(),
            kind: most_common(refs.iter().filter_map(|r| r.kind.as_deref())),
            issuer: refs.iter().find_map(|r| r.issuer.clone()),
            title: best_subject(&refs),
            citing,
            relation: refs
                .iter()
                .map(|r| r.relation.as_str())
                .max_by_key(|r| strength(r))
                .unwrap_or("cites")
                .to_string(),
            ambiguous: c.ambiguous,
            candidates: c.candidates.iter().cloned().collect(),
        });
    }
    let mut assignments: Vec<Vec<Option<Assignment>>> = docs
        .iter()
        .map(|d| vec![None; d.references.len()])
        .collect();
    for (k, c) in clusters.iter().enumerate() {
        for &i in &c.occs {
            let Some(o) = occs.get(i) else { continue };
            if let Some(slot) = assignments.get_mut(o.doc).and_then(|v| v.get_mut(o.r)) {
                *slot = Some(Assignment {
                    cited: rank[k],
                    how: how[i],
                    own_id: o.ident.to_string(),
                    candidates: own_candidates[i].clone(),
                });
            }
        }
    }
    Settlement { cited, assignments }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_model::{Metadata, Reference};

    fn doc(date: Option<&str>, refs: &[(&str, &str, Option<&str>)]) -> Document {
        Document {
            metadata: Metadata {
                date: date.map(String::from),
                ..Default::default()
            },
            references: refs
                .iter()
                .map(|(n, id, t)| Reference {
                    number: Some(n.to_string()),
                    id: Some(id.to_string()),
                    title: t.map(String::from),
                    relation: "cites".into(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn ids(s: &Settlement, d: usize) -> Vec<String> {
        s.assignments[d]
            .iter()
            .flatten()
            .map(|a| s.cited[a.cited].id.clone())
            .collect()
    }

    #[test]
    fn dates_keep_documents_apart_and_years_and_terms_join_them() {
        let docs = vec![
            doc(
                Some("2009-01-01"),
                &[("20-NQ/TW", "20-NQ/TW@2008-01-28", None)],
            ),
            doc(
                Some("2018-01-01"),
                &[("20-NQ/TW", "20-NQ/TW@2017-10-25", None)],
            ),
            doc(
                Some("2023-01-01"),
                &[("20-NQ/TW", "20-NQ/TW@2022-06-16", None)],
            ),
            doc(
                Some("2023-02-01"),
                &[("20-NQ/TW", "20-NQ/TW@2021..2026", None)],
            ),
            doc(Some("2019-02-01"), &[("20-NQ/TW", "20-NQ/TW@2017", None)]),
            doc(
                Some("2013-02-01"),
                &[("20-NQ/TW", "20-NQ/TW@2006..2011", None)],
            ),
        ];
        let s = settle(&docs);
        assert_eq!(s.cited.len(), 3);
        assert_eq!(ids(&s, 3), ["20-NQ/TW@2022-06-16"]);
        assert_eq!(ids(&s, 4), ["20-NQ/TW@2017-10-25"]);
        assert_eq!(ids(&s, 5), ["20-NQ/TW@2008-01-28"]);
        assert_eq!(s.assignments[3][0].as_ref().unwrap().how, How::Term);
        assert_eq!(s.assignments[4][0].as_ref().unwrap().how, How::Year);
    }

    #[test]
    fn undated_settles_only_on_one_candidate_of_the_period() {
        let docs = vec![
            doc(
                Some("2019-05-01"),
                &[("09/NQ-CP", "9/NQ-CP@2019-01-10", None)],
            ),
            doc(
                Some("2023-05-01"),
                &[("09/NQ-CP", "9/NQ-CP@2023-02-02", None)],
            ),
            // 2024: both are candidates: open
            doc(Some("2024-01-01"), &[("09/NQ-CP", "9/NQ-CP", None)]),
            // 2020: the 2023 one is in its future; the 2019 one is of last year
            doc(Some("2020-01-01"), &[("09/NQ-CP", "9/NQ-CP", None)]),
            // 2022: one candidate (2019), too old for a yearly number: open
            doc(Some("2022-01-01"), &[("09/NQ-CP", "9/NQ-CP", None)]),
            // 2018: no candidate at all
            doc(Some("2018-01-01"), &[("9/NQ-CP", "9/NQ-CP", None)]),
        ];
        let s = settle(&docs);
        assert_eq!(ids(&s, 2), ["9/NQ-CP"]);
        assert_eq!(s.assignments[2][0].as_ref().unwrap().candidates.len(), 2);
        assert_eq!(ids(&s, 3), ["9/NQ-CP@2019-01-10"]);
        assert_eq!(s.assignments[3][0].as_ref().unwrap().how, How::Period);
        assert_eq!(ids(&s, 4), ["9/NQ-CP"]);
        assert_eq!(
            s.assignments[4][0].as_ref().unwrap().candidates,
            ["9/NQ-CP@2019-01-10"]
        );
        assert_eq!(ids(&s, 5), ["9/NQ-CP"]);
        assert!(s.assignments[5][0].as_ref().unwrap().candidates.is_empty());
        let open = s.cited.iter().find(|c| c.id == "9/NQ-CP").unwrap();
        assert!(open.ambiguous);
    }

    #[test]
    fn places_keep_local_numbers_apart() {
        let docs = vec![
            doc(
                Some("2023-05-01"),
                &[("15/KH-UBND", "15/KH-UBND@2023-01-20~quang-nam", None)],
            ),
            doc(
                Some("2023-05-01"),
                &[("15/KH-UBND", "15/KH-UBND@2023-01-20~kon-tum", None)],
            ),
            doc(
                Some("2023-06-01"),
                &[("15/KH-UBND", "15/KH-UBND~kon-tum", None)],
            ),
        ];
        let s = settle(&docs);
        assert_eq!(s.cited.len(), 2);
        assert_eq!(ids(&s, 2), ["15/KH-UBND@2023-01-20~kon-tum"]);
    }

    #[test]
    fn several_candidates_stay_open_and_listed() {
        let docs = vec![
            doc(
                Some("2023-01-01"),
                &[("20-NQ/TW", "20-NQ/TW@2022-06-16", None)],
            ),
            doc(
                Some("2022-01-01"),
                &[("20-NQ/TW", "20-NQ/TW@2017-10-25", None)],
            ),
            doc(Some("2023-01-01"), &[("20-NQ/TW", "20-NQ/TW", None)]),
        ];
        let s = settle(&docs);
        let a = s.assignments[2][0].as_ref().unwrap();
        assert_eq!(a.how, How::Open);
        assert_eq!(a.candidates.len(), 2);
        assert_eq!(ids(&s, 2), ["20-NQ/TW"]);
    }
}
