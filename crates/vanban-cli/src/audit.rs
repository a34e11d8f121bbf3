//! `vanban audit`: citation matrix, targets and tasks across a corpus.
//!
//! Inputs are documents (run through the pipeline), folders of them, or a batch's output
//! (contract JSON files and `documents.jsonl`, loaded as they are). The report is built in
//! memory by [`Audit::build`] (pure), then written as CSV, Markdown and JSON.
use crate::batch::walk;
use crate::quote::{quote, Quote};
use anyhow::Context;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use vanban_model::Document;
use vanban_refs::corpus::{settle, strength, Cited, How};
use vanban_refs::identity;

const AUDIT_HELP: &str = "\
Inputs: documents (.txt .md .markdown .html .htm .pdf .docx, run through the pipeline),
folders (walked recursively), and batch outputs: .json files holding a contract document
(with schema_version) and .jsonl files of them are loaded as they are. Other JSON files in a
folder are skipped; the same input (same sha256) met twice is kept once.

Report files (REPORT_DIR is created):
  citations.csv  one row per document: province, province_2025, doc_number, date, doc_type,
                 path, then one column per cited document — an identity, not a bare number:
                 20-NQ/TW of 2008, 2017 and 2022 are three columns — (those cited by at
                 least --min-docs inputs, or exactly --resolutions) labelled number, date,
                 short subject ('20-NQ/TW (16/6/2022) kinh tế tập thể'), holding the
                 relation (implements | basis | cites), empty when not cited, '—' when a
                 column fixed by --resolutions is not cited.
                 --long: one row per (document, reference) instead: province,
                 province_2025, doc_number, date, doc_type, path, ref_number, ref_kind,
                 ref_date, ref_issuer, ref_name, relation, mentions.
  documents.csv  every distinct cited document: id, number, kind, date, place, issuer,
                 title, documents, provinces, relation, ambiguous, candidates.
  matrix.md      province × cited document (✓ + strongest relation, 'k/n' documents when a
                 province has several), then one row per document grouped by province,
                 and with --resolutions a 'Not cited' section listing who does not cite each.
                 An 'Identities' section lists references settled by other documents and
                 those left ambiguous.
  targets.csv    province, province_2025, doc_number, path, metric, value, value_max, unit,
                 comparator, year, period, source, excerpt
  tasks.csv      province, province_2025, doc_number, path, stt, group, task, lead, partners,
                 result, deadline, source   (several agencies joined with '; ')
  audit.json     the same data: documents (with the sentence around each mention of a cited
                 document), columns, provinces, missing, cited, settlements, targets, tasks.
  report.html    the audit as one self-contained page (no network): the province × cited
                 document matrix as a sortable, filterable heatmap, a cell's citing
                 sentences on click, targets by province and year, tasks by lead agency.
Documents are ordered by province_2025, province, date, number. Numbers are matched
ignoring case, spaces, leading zeros and Đ/D ('9/NQ-CP' = '09/NQ-CP'); a reference whose
document gives no date is settled by the others (the one dated document of its number in
its year or term, the one whose subject it restates, the only one of its period) or left
ambiguous — never merged silently. --resolutions takes ids (20-NQ/TW@2022-06-16,
20-NQ/TW@2022) or numbers; a number naming several cited documents is an error (exit 2)
listing their ids.
--bom starts each CSV with a UTF-8 byte order mark so Excel opens it as UTF-8.

Exit codes: 0 every input loaded; 3 some inputs failed (reported on standard error), the
report covers the others; 2 no document could be loaded.";

/// Arguments of `vanban audit`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AUDIT_HELP)]
pub struct AuditArgs {
    /// Inputs (documents, folders, or a batch's output folder).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Report folder.
    #[arg(short, long)]
    pub out: PathBuf,
    /// citations.csv in long format: one row per (document, reference).
    #[arg(long)]
    pub long: bool,
    /// Start CSV files with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// Fix the citation columns to these ids or numbers (comma-separated) and list who does not cite them.
    #[arg(long, value_delimiter = ',')]
    pub resolutions: Vec<String>,
    /// Without --resolutions: a column only for numbers cited by at least this many documents.
    #[arg(long, default_value_t = 1)]
    pub min_docs: usize,
    /// Parallel workers for inputs that need the pipeline (default: the number of cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Per-file time budget for reading, in seconds (OCR adds --ocr-page-timeout per page).
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    #[command(flatten)]
    pub ocr: crate::OcrArgs,
}

/// Sort key following the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), tones
/// ignored: "Đắk Lắk" sorts after "Cà Mau" and before "Gia Lai", not after "Yên Bái".
pub fn collation_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut key = String::with_capacity(s.len() * 2);
    for c in s.nfd().flat_map(char::to_lowercase) {
        match c {
            // breve (ă), circumflex (â ê ô), horn (ơ ư): letters of their own, after the base.
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                if key.ends_with('0') {
                    key.pop();
                    // a: ă (breve) before â (circumflex); o: ô (circumflex) before ơ (horn).
                    let second = (c == '\u{302}' && key.ends_with('a'))
                        || (c == '\u{31b}' && key.ends_with('o'));
                    key.push(if second { '2' } else { '1' });
                }
            }
            // Tone marks and other combining marks: not letters.
            '\u{300}'..='\u{36f}' => {}
            'đ' => key.push_str("d1"),
            c if c.is_alphanumeric() => {
                key.push(c);
                key.push('0');
            }
            c => key.push(c),
        }
    }
    key
}

/// One citation column: one cited document (an identity, not a bare number).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Column {
    /// The number as shown (most common spelling, or as given in --resolutions).
    pub number: String,
    /// The cited document's id (`20-NQ/TW@2022-06-16`, see README "Output"); the key of
    /// every per-document and per-province citation map.
    pub id: String,
    /// Header text: number, date, short subject ("20-NQ/TW (16/6/2022) kinh tế tập thể").
    pub label: String,
    /// Kind of the referenced document, where the inputs say it.
    pub kind: Option<String>,
    /// How many documents cite it.
    pub documents: usize,
}

/// One distinct cited document of the corpus (a row of documents.csv).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CitedRow {
    /// Its id.
    pub id: String,
    /// Its number as most references print it.
    pub number: String,
    /// Best-known kind.
    pub kind: Option<String>,
    /// What is known of the date: ISO date, year, or "first..last" years of a term.
    pub date: Option<String>,
    /// Issuing province (local symbols).
    pub place: Option<String>,
    /// Issuer as a reference names it.
    pub issuer: Option<String>,
    /// Subject as most references restate it.
    pub title: Option<String>,
    /// Citing documents.
    pub documents: usize,
    /// Provinces of the citing documents.
    pub provinces: usize,
    /// Strongest relation of a citing document to it.
    pub relation: String,
    /// True when some reference in it could be one of several documents.
    pub ambiguous: bool,
    /// The ids those references could be.
    pub candidates: Vec<String>,
}

/// A reference the corpus pass settled beyond what its document says, or left ambiguous.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Settled {
    /// The citing document.
    pub path: String,
    /// The reference's number.
    pub number: String,
    /// Its id in the document (`references[].id`).
    pub own_id: String,
    /// The cited document it was settled to (a column / documents.csv id).
    pub id: String,
    /// year | term | title | period | open.
    pub how: String,
    /// When open: the documents it could be.
    pub candidates: Vec<String>,
}

/// One document of the audit.
#[derive(Debug, Clone, Serialize)]
pub struct DocRow {
    /// `source.path`.
    pub path: String,
    /// `source.sha256`.
    pub sha256: String,
    /// Province as the document names it.
    pub province: Option<String>,
    /// Province after the 2025 reorganisation.
    pub province_2025: Option<String>,
    /// The document's number.
    pub doc_number: Option<String>,
    /// ISO issue date.
    pub date: Option<String>,
    /// Kind of document.
    pub doc_type: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Column id -> relation, for the columns this document cites.
    pub citations: BTreeMap<String, String>,
    /// How many references, targets and tasks the document has.
    pub references: usize,
    /// Number of targets.
    pub targets: usize,
    /// Number of tasks.
    pub tasks: usize,
    /// Column id -> the sentences naming it, one per mention in text order (the report's
    /// "who cites it and how").
    pub quotes: BTreeMap<String, Vec<Quote>>,
}

/// One province of the matrix (documents grouped).
#[derive(Debug, Clone, Serialize)]
pub struct ProvinceRow {
    /// Province after 2025 (or as named when unknown).
    pub province_2025: Option<String>,
    /// Province as the documents name it.
    pub province: Option<String>,
    /// Paths of its documents.
    pub documents: Vec<String>,
    /// Column id -> strongest relation and how many of its documents cite it.
    pub citations: BTreeMap<String, ProvinceCell>,
}

/// A cell of the province matrix.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ProvinceCell {
    /// Strongest relation among the province's documents.
    pub relation: String,
    /// Documents of the province citing the number.
    pub documents: usize,
}

/// The whole audit, built from documents without any I/O.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    /// Documents, ordered by province and date.
    pub documents: Vec<DocRow>,
    /// Citation columns.
    pub columns: Vec<Column>,
    /// True when the columns were fixed by --resolutions.
    pub fixed_columns: bool,
    /// Provinces with their documents grouped.
    pub provinces: Vec<ProvinceRow>,
    /// With fixed columns: column id -> paths of the documents that do not cite it.
    pub missing: BTreeMap<String, Vec<String>>,
    /// Every distinct cited document (documents.csv), ordered by number then date.
    pub cited: Vec<CitedRow>,
    /// References settled by other documents (the corpus pass), or left ambiguous.
    pub settlements: Vec<Settled>,
    /// Every target with its document.
    pub targets: Vec<BTreeMap<&'static str, serde_json::Value>>,
    /// Every task with its document.
    pub tasks: Vec<BTreeMap<&'static str, serde_json::Value>>,
    #[serde(skip)]
    long_rows: Vec<Vec<String>>,
}

/// The cited document a --resolutions entry names: an id (exact, or a shorter id whose
/// date contains the cited one's: `20-NQ/TW@2022` for `20-NQ/TW@2022-06-16`) or a number.
/// `None` when nothing cited matches; an error when it names several.
fn pick_column(cited: &[Cited], given: &str) -> anyhow::Result<Option<usize>> {
    let Some(want) = identity::Ident::parse(given) else {
        return Ok(None);
    };
    // a bare number names every cited document of that number; an id names itself
    let by_id = given.contains(['@', '~']);
    if by_id {
        if let Some(k) = cited.iter().position(|c| c.id == want.to_string()) {
            return Ok(Some(k));
        }
    }
    let hits: Vec<usize> = (0..cited.len())
        .filter(|&k| {
            let c = &cited[k];
            let Some(id) = identity::Ident::parse(&c.id) else {
                return false;
            };
            if id.key() != want.key() {
                return false;
            }
            if !by_id {
                return true;
            }
            let place_ok = want.place.is_none() || want.place == id.place;
            let when_ok = match (&want.when, &id.when) {
                (None, _) => true,
                (Some(w), Some(cw)) => {
                    let ((a, b), (x, y)) = (w.years(), cw.years());
                    match w {
                        identity::When::Date(_) => w == cw,
                        _ => a <= x && y <= b,
                    }
                }
                (Some(_), None) => false,
            };
            place_ok && when_ok
        })
        .collect();
    match hits.as_slice() {
        [] => Ok(None),
        [k] => Ok(Some(*k)),
        many => {
            let ids: Vec<String> = many
                .iter()
                .filter_map(|&k| cited.get(k))
                .map(|c| format!("{} (cited by {})", c.id, c.citing.len()))
                .collect();
            anyhow::bail!(
                "--resolutions {given}: names {} cited documents, give one of their ids: {}",
                many.len(),
                ids.join(", ")
            )
        }
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A float as people write it: 3000 not 3000.0.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Chars `start..end` of `text` (empty when out of range), at most 300 chars.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let n = end.saturating_sub(start).min(300);
    text.chars()
        .skip(start)
        .take(n)
        .collect::<String>()
        .replace('\n', " ")
}

impl Audit {
    /// Build the audit. `fixed` are the ids or numbers of --resolutions (empty: columns
    /// are the cited documents cited by at least `min_docs` documents). Error: a number of
    /// --resolutions that names several cited documents (the message lists their ids).
    pub fn build(
        mut docs: Vec<Document>,
        fixed: &[String],
        min_docs: usize,
    ) -> anyhow::Result<Audit> {
        docs.sort_by_cached_key(|d| {
            let m = &d.metadata;
            (
                m.province_2025.is_none() && m.province.is_none(),
                m.province_2025
                    .as_deref()
                    .or(m.province.as_deref())
                    .map(collation_key),
                m.province.as_deref().map(collation_key),
                m.date.clone(),
                m.doc_number.clone(),
                d.source.path.clone(),
            )
        });

        // The corpus pass: every numbered reference settled to one cited document.
        let settlement = settle(&docs);
        let provinces_of = |citing: &[usize]| {
            citing
                .iter()
                .filter_map(|&i| {
                    let m = &docs.get(i)?.metadata;
                    m.province_2025.clone().or_else(|| m.province.clone())
                })
                .collect::<HashSet<_>>()
                .len()
        };
        let cited: Vec<CitedRow> = settlement
            .cited
            .iter()
            .map(|c| CitedRow {
                id: c.id.clone(),
                number: c.number.clone(),
                kind: c.kind.clone(),
                date: c.when.as_ref().map(|w| w.to_string()),
                place: c.place.as_deref().map(identity::place_name),
                issuer: c.issuer.clone(),
                title: c.title.clone(),
                documents: c.citing.len(),
                provinces: provinces_of(&c.citing),
                relation: c.relation.clone(),
                ambiguous: c.ambiguous,
                candidates: c.candidates.clone(),
            })
            .collect();
        let column_of = |k: usize, number: Option<&str>| -> Option<Column> {
            let c = settlement.cited.get(k)?;
            let number = number.map_or_else(|| c.number.clone(), str::to_string);
            let mut label = identity::label(
                &number,
                c.when.as_ref(),
                c.place.as_deref(),
                c.title.as_deref(),
            );
            if c.ambiguous {
                let whens: BTreeSet<identity::When> = c
                    .candidates
                    .iter()
                    .filter_map(|id| identity::Ident::parse(id)?.when)
                    .collect();
                let mut whens: Vec<identity::When> = whens.into_iter().collect();
                whens.sort_by_key(|w| (w.years(), w.to_string()));
                let years: Vec<String> = whens.iter().map(identity::When::display).collect();
                label.push_str(&format!(" (ambiguous: {})", years.join(", ")));
            }
            Some(Column {
                number,
                id: c.id.clone(),
                label,
                kind: c.kind.clone(),
                documents: c.citing.len(),
            })
        };
        let fixed_columns = !fixed.is_empty();
        let mut columns: Vec<Column> = Vec::new();
        if fixed_columns {
            let mut seen = HashSet::new();
            for n in fixed.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let col = match pick_column(&settlement.cited, n)? {
                    Some(k) => column_of(k, (!n.contains(['@', '~'])).then_some(n)),
                    None => {
                        let id = identity::Ident::parse(n)
                            .map_or_else(|| n.to_string(), |i| i.to_string());
                        Some(Column {
                            number: n.split(['@', '~']).next().unwrap_or(n).to_string(),
                            id,
                            label: n.to_string(),
                            kind: None,
                            documents: 0,
                        })
                    }
                };
                if let Some(c) = col.filter(|c| seen.insert(c.id.clone())) {
                    columns.push(c);
                }
            }
        } else {
            columns = (0..settlement.cited.len())
                .filter(|&k| settlement.cited[k].citing.len() >= min_docs.max(1))
                .filter_map(|k| column_of(k, None))
                .collect();
            columns.sort_by(|a, b| {
                b.documents
                    .cmp(&a.documents)
                    .then_with(|| a.number.cmp(&b.number))
            });
        }
        // labels are CSV headers: make them unique
        let mut count: HashMap<String, usize> = HashMap::new();
        for c in &columns {
            *count.entry(c.label.clone()).or_default() += 1;
        }
        for c in &mut columns {
            if count.get(&c.label).copied().unwrap_or(0) > 1 {
                c.label = format!("{} [{}]", c.label, c.id);
            }
        }
        let col_of_cited: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        // Per document: column id -> strongest relation; per reference: its column.
        let mut cites: Vec<HashMap<String, String>> = Vec::with_capacity(docs.len());
        let mut ref_col: Vec<Vec<Option<usize>>> = Vec::with_capacity(docs.len());
        // Per document: column id -> the sentences of its mentions.
        let mut quoted: Vec<HashMap<String, Vec<Quote>>> = Vec::with_capacity(docs.len());
        let mut settlements = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let mut mine: HashMap<String, String> = HashMap::new();
            let mut my_quotes: HashMap<String, Vec<Quote>> = HashMap::new();
            let chars: Vec<char> = if doc.references.iter().any(|r| !r.mentions.is_empty()) {
                doc.text.chars().collect()
            } else {
                Vec::new()
            };
            let mut cols = vec![None; doc.references.len()];
            let assigned = settlement.assignments.get(d);
            for (r, re) in doc.references.iter().enumerate() {
                let Some(a) = assigned.and_then(|v| v.get(r)).and_then(Option::as_ref) else {
                    continue;
                };
                let Some(c) = settlement.cited.get(a.cited) else {
                    continue;
                };
                if a.how != How::Stated || !a.candidates.is_empty() {
                    settlements.push(Settled {
                        path: doc.source.path.clone(),
                        number: opt(&re.number),
                        own_id: a.own_id.clone(),
                        id: c.id.clone(),
                        how: a.how.as_str().to_string(),
                        candidates: a.candidates.clone(),
                    });
                }
                let Some(&col) = col_of_cited.get(c.id.as_str()) else {
                    continue;
                };
                if let Some(slot) = cols.get_mut(r) {
                    *slot = Some(col);
                }
                my_quotes.entry(c.id.clone()).or_default().extend(
                    re.mentions
                        .iter()
                        .filter_map(|m| quote(&chars, m.start, m.end)),
                );
                let e = mine
                    .entry(c.id.clone())
                    .or_insert_with(|| re.relation.clone());
                if strength(&re.relation) > strength(e) {
                    *e = re.relation.clone();
                }
            }
            cites.push(mine);
            ref_col.push(cols);
            quoted.push(my_quotes);
        }

        let mut documents = Vec::with_capacity(docs.len());
        let mut long_rows = Vec::new();
        let mut targets = Vec::new();
        let mut tasks = Vec::new();
        let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (((d, mine), cols), my_quotes) in docs.iter().zip(&cites).zip(&ref_col).zip(&mut quoted)
        {
            let m = &d.metadata;
            let mut citations = BTreeMap::new();
            let mut quotes = BTreeMap::new();
            for c in &columns {
                match mine.get(&c.id) {
                    Some(rel) => {
                        citations.insert(c.id.clone(), rel.clone());
                        let mut q = my_quotes.remove(&c.id).unwrap_or_default();
                        q.sort_by_key(|q| q.at);
                        q.dedup_by_key(|q| q.at);
                        quotes.insert(c.id.clone(), q);
                    }
                    None if fixed_columns => missing
                        .entry(c.id.clone())
                        .or_default()
                        .push(d.source.path.clone()),
                    None => {}
                }
            }
            let head = [
                opt(&m.province),
                opt(&m.province_2025),
                opt(&m.doc_number),
                opt(&m.date),
                opt(&m.doc_type),
                d.source.path.clone(),
            ];
            if fixed_columns {
                for (ci, c) in columns.iter().enumerate() {
                    let r = d
                        .references
                        .iter()
                        .zip(cols)
                        .find(|(_, col)| **col == Some(ci))
                        .map(|(r, _)| r);
                    let mut row = head.to_vec();
                    match r {
                        Some(r) => row.extend([
                            c.number.clone(),
                            opt(&r.kind),
                            opt(&r.date),
                            opt(&r.issuer),
                            opt(&r.name),
                            mine.get(&c.id)
                                .cloned()
                                .unwrap_or_else(|| r.relation.clone()),
                            r.mentions.len().to_string(),
                        ]),
                        None => row.extend([
                            c.number.clone(),
                            opt(&c.kind),
                            String::new(),
                            String::new(),
                            String::new(),
                            "—".into(),
                            "0".into(),
                        ]),
                    }
                    long_rows.push(row);
                }
            } else {
                for r in &d.references {
                    let mut row = head.to_vec();
                    row.extend([
                        opt(&r.number),
                        opt(&r.kind),
                        opt(&r.date),
                        opt(&r.issuer),
                        opt(&r.name),
                        r.relation.clone(),
                        r.mentions.len().to_string(),
                    ]);
                    long_rows.push(row);
                }
            }
            for t in &d.targets {
                let mut row: BTreeMap<&'static str, serde_json::Value> = BTreeMap::new();
                row.insert("province", m.province.clone().into());
                row.insert("province_2025", m.province_2025.clone().into());
                row.insert("doc_number", m.doc_number.clone().into());
                row.insert("path", d.source.path.clone().into());
                row.insert("metric", t.metric.clone().into());
                row.insert("value", t.value.into());
                row.insert("value_max", t.value_max.into());
                row.insert("unit", t.unit.clone().into());
                row.insert("comparator", t.comparator.clone().into());
                row.insert("year", t.year.into());
                row.insert("period", t.period.clone().into());
                row.insert("source", t.source.clone().into());
                row.insert("excerpt", excerpt(&d.text, t.start, t.end).into());
                targets.push(row);
            }
            for t in &d.tasks {
                let mut row: BTreeMap<&'static str, serde_json::Value> = BTreeMap::new();
                row.insert("province", m.province.clone().into());
                row.insert("province_2025", m.province_2025.clone().into());
                row.insert("doc_number", m.doc_number.clone().into());
                row.insert("path", d.source.path.clone().into());
                row.insert("stt", t.stt.clone().into());
                row.insert("group", t.group.clone().into());
                row.insert("task", t.task.clone().into());
                row.insert("lead", t.lead.clone().into());
                row.insert("partners", t.partners.clone().into());
                row.insert("result", t.result.clone().into());
                row.insert("deadline", t.deadline.clone().into());
                row.insert("source", t.source.clone().into());
                tasks.push(row);
            }
            documents.push(DocRow {
                path: d.source.path.clone(),
                sha256: d.source.sha256.clone(),
                province: m.province.clone(),
                province_2025: m.province_2025.clone(),
                doc_number: m.doc_number.clone(),
                date: m.date.clone(),
                doc_type: m.doc_type.clone(),
                title: m.title.clone(),
                issuer: m.issuer.clone(),
                citations,
                references: d.references.len(),
                targets: d.targets.len(),
                tasks: d.tasks.len(),
                quotes,
            });
        }

        // Provinces: consecutive documents with the same (province_2025, province).
        let mut provinces: Vec<ProvinceRow> = Vec::new();
        for d in &documents {
            let same = provinces
                .last()
                .is_some_and(|p| p.province_2025 == d.province_2025 && p.province == d.province);
            if !same {
                provinces.push(ProvinceRow {
                    province_2025: d.province_2025.clone(),
                    province: d.province.clone(),
                    documents: Vec::new(),
                    citations: BTreeMap::new(),
                });
            }
            if let Some(p) = provinces.last_mut() {
                p.documents.push(d.path.clone());
                for (n, rel) in &d.citations {
                    let cell = p
                        .citations
                        .entry(n.clone())
                        .or_insert_with(|| ProvinceCell {
                            relation: rel.clone(),
                            documents: 0,
                        });
                    cell.documents += 1;
                    if strength(rel) > strength(&cell.relation) {
                        cell.relation = rel.clone();
                    }
                }
            }
        }

        Ok(Audit {
            documents,
            columns,
            fixed_columns,
            provinces,
            missing,
            cited,
            settlements,
            targets,
            tasks,
            long_rows,
        })
    }

    /// Rows of citations.csv (header first), wide or long.
    pub fn citation_rows(&self, long: bool) -> Vec<Vec<String>> {
        let mut header: Vec<String> = [
            "province",
            "province_2025",
            "doc_number",
            "date",
            "doc_type",
            "path",
        ]
        .map(String::from)
        .to_vec();
        if long {
            header.extend(
                [
                    "ref_number",
                    "ref_kind",
                    "ref_date",
                    "ref_issuer",
                    "ref_name",
                    "relation",
                    "mentions",
                ]
                .map(String::from),
            );
            return std::iter::once(header)
                .chain(self.long_rows.iter().cloned())
                .collect();
        }
        header.extend(self.columns.iter().map(|c| c.label.clone()));
        let mut rows = vec![header];
        for d in &self.documents {
            let mut row = vec![
                opt(&d.province),
                opt(&d.province_2025),
                opt(&d.doc_number),
                opt(&d.date),
                opt(&d.doc_type),
                d.path.clone(),
            ];
            for c in &self.columns {
                row.push(match d.citations.get(&c.id) {
                    Some(rel) => rel.clone(),
                    None if self.fixed_columns => "—".into(),
                    None => String::new(),
                });
            }
            rows.push(row);
        }
        rows
    }

    /// Rows of documents.csv (header first): every distinct cited document.
    pub fn cited_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![[
            "id",
            "number",
            "kind",
            "date",
            "place",
            "issuer",
            "title",
            "documents",
            "provinces",
            "relation",
            "ambiguous",
            "candidates",
        ]
        .map(String::from)
        .to_vec()];
        for c in &self.cited {
            rows.push(vec![
                c.id.clone(),
                c.number.clone(),
                opt(&c.kind),
                opt(&c.date),
                opt(&c.place),
                opt(&c.issuer),
                opt(&c.title),
                c.documents.to_string(),
                c.provinces.to_string(),
                c.relation.clone(),
                c.ambiguous.to_string(),
                c.candidates.join("; "),
            ]);
        }
        rows
    }

    /// Rows of targets.csv (header first).
    pub fn target_rows(&self) -> Vec<Vec<String>> {
        const COLS: [&str; 13] = [
            "province",
            "province_2025",
            "doc_number",
            "path",
            "metric",
            "value",
            "value_max",
            "unit",
            "comparator",
            "year",
            "period",
            "source",
            "excerpt",
        ];
        table_rows(&COLS, &self.targets)
    }

    /// Rows of tasks.csv (header first).
    pub fn task_rows(&self) -> Vec<Vec<String>> {
        const COLS: [&str; 12] = [
            "province",
            "province_2025",
            "doc_number",
            "path",
            "stt",
            "group",
            "task",
            "lead",
            "partners",
            "result",
            "deadline",
            "source",
        ];
        table_rows(&COLS, &self.tasks)
    }

    /// matrix.md.
    pub fn matrix_markdown(&self) -> String {
        let mut s = String::new();
        s.push_str("# Citation matrix\n\n");
        s.push_str(&format!(
            "{} documents · {} provinces · {} referenced numbers{}.\n\n",
            self.documents.len(),
            self.provinces.len(),
            self.columns.len(),
            if self.fixed_columns {
                " (fixed with --resolutions)"
            } else {
                ""
            }
        ));
        s.push_str("Cells: ✓ and the strongest relation — `implements` (Thực hiện / Triển khai), `basis` (Căn cứ), `cites` (mentioned); ");
        s.push_str("`k/n`: k of the province's n documents cite it; — not cited.\n\n");
        if self.columns.is_empty() {
            s.push_str("No document cites a numbered document.\n\n");
        }

        s.push_str("## By province\n\n");
        let mut header = vec![
            "Province (2025)".to_string(),
            "Province".into(),
            "Documents".into(),
        ];
        header.extend(self.columns.iter().map(|c| c.label.clone()));
        let mut rows = Vec::new();
        for p in &self.provinces {
            let n = p.documents.len();
            let mut row = vec![dash(&p.province_2025), dash(&p.province), n.to_string()];
            for c in &self.columns {
                row.push(match p.citations.get(&c.id) {
                    Some(cell) if n > 1 => format!("✓ {} ({}/{n})", cell.relation, cell.documents),
                    Some(cell) => format!("✓ {}", cell.relation),
                    None => "—".into(),
                });
            }
            rows.push(row);
        }
        push_md_table(&mut s, &header, &rows);

        s.push_str("\n## By document\n\n");
        let mut header = vec![
            "Province (2025)".to_string(),
            "Province".into(),
            "Number".into(),
            "Date".into(),
            "Kind".into(),
            "File".into(),
        ];
        header.extend(self.columns.iter().map(|c| c.label.clone()));
        let mut rows = Vec::new();
        for d in &self.documents {
            let mut row = vec![
                dash(&d.province_2025),
                dash(&d.province),
                dash(&d.doc_number),
                dash(&d.date),
                dash(&d.doc_type),
                d.path.clone(),
            ];
            for c in &self.columns {
                row.push(
                    d.citations
                        .get(&c.id)
                        .map_or_else(|| "—".to_string(), |rel| format!("✓ {rel}")),
                );
            }
            rows.push(row);
        }
        push_md_table(&mut s, &header, &rows);

        let settled: Vec<&Settled> = self
            .settlements
            .iter()
            .filter(|x| x.how != "open")
            .collect();
        let open: Vec<&Settled> = self
            .settlements
            .iter()
            .filter(|x| x.how == "open")
            .collect();
        if !settled.is_empty() || !open.is_empty() {
            s.push_str("\n## Identities\n\n");
            s.push_str("References whose document left the date open, settled by the other documents (`year`, `term`: the one dated document of that number in it; `title`: its restated subject; `period`: the one candidate cited in the same five-year period), and those left ambiguous.\n\n");
            let mut rows = Vec::new();
            for x in settled.iter().chain(&open) {
                rows.push(vec![
                    x.path.clone(),
                    x.own_id.clone(),
                    x.how.clone(),
                    x.id.clone(),
                    x.candidates.join(", "),
                ]);
            }
            push_md_table(
                &mut s,
                &[
                    "File".to_string(),
                    "As cited".into(),
                    "How".into(),
                    "Settled to".into(),
                    "Candidates".into(),
                ],
                &rows,
            );
        }

        if self.fixed_columns {
            s.push_str("\n## Not cited\n\n");
            for c in &self.columns {
                s.push_str(&format!("### {}\n\n", md_escape(&c.label)));
                match self.missing.get(&c.id) {
                    Some(paths) if !paths.is_empty() => {
                        for p in paths {
                            if let Some(d) = self.documents.iter().find(|d| &d.path == p) {
                                let what = [d.doc_type.as_deref(), d.doc_number.as_deref()]
                                    .into_iter()
                                    .flatten()
                                    .collect::<Vec<_>>()
                                    .join(" ");
                                s.push_str(&format!(
                                    "- {} — {} ({})\n",
                                    md_escape(&dash(&d.province)),
                                    md_escape(if what.is_empty() { "—" } else { &what }),
                                    md_escape(p)
                                ));
                            }
                        }
                    }
                    _ => s.push_str("Cited by every document.\n"),
                }
                s.push('\n');
            }
        }
        s
    }
}

fn table_rows(
    cols: &[&str],
    rows: &[BTreeMap<&'static str, serde_json::Value>],
) -> Vec<Vec<String>> {
    let mut out = vec![cols.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    for r in rows {
        out.push(cols.iter().map(|c| cell(r.get(c))).collect());
    }
    out
}

/// A JSON value as a CSV cell: null empty, numbers as written, lists joined with "; ".
fn cell(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.as_f64().map(num).unwrap_or_else(|| n.to_string()),
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .map(|x| cell(Some(x)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

fn dash(s: &Option<String>) -> String {
    s.clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".into())
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn push_md_table(s: &mut String, header: &[String], rows: &[Vec<String>]) {
    let line = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    s.push_str(&line(header));
    s.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for r in rows {
        s.push_str(&line(r));
    }
}

/// CSV bytes of rows, with an optional UTF-8 BOM.
pub fn csv_bytes(rows: &[Vec<String>], bom: bool) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    if bom {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new().flexible(false).from_writer(buf);
    for r in rows {
        w.write_record(r)?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("csv: {}", e.error()))
}

/// Files the audit takes from folders: documents, and JSON / JSON lines.
struct AuditInputs;

impl walk::Accept for AuditInputs {
    fn accept(&self, path: &Path, ext: &str) -> bool {
        ext == "json" || ext == "jsonl" || walk::Documents.accept(path, ext)
    }
}

/// What loading one input gave.
enum Loaded {
    Docs(Vec<Document>),
    /// Not a vanban document (a JSON file of something else), skipped silently in folders.
    NotContract(String),
    Failed(String),
}

#[derive(serde::Deserialize)]
struct Probe {
    schema_version: Option<serde_json::Value>,
}

fn parse_contract(bytes: &[u8]) -> Result<Option<Document>, String> {
    match serde_json::from_slice::<Probe>(bytes) {
        Ok(Probe {
            schema_version: Some(_),
        }) => serde_json::from_slice::<Document>(bytes)
            .map(Some)
            .map_err(|e| format!("not a schema-1 document: {e}")),
        _ => Ok(None),
    }
}

fn load(item: &walk::Item, opts: &vanban_core::Options) -> Loaded {
    let bytes = match crate::input::read_bytes(&item.path) {
        Ok(b) => b,
        Err(e) => return Loaded::Failed(format!("{}: {}", e.kind, e.message)),
    };
    let ext = walk::extension(&item.path);
    if ext == "jsonl" {
        let mut docs = Vec::new();
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            match parse_contract(line) {
                Ok(Some(d)) => docs.push(d),
                Ok(None) if docs.is_empty() => {
                    return Loaded::NotContract("JSON lines that are not vanban documents".into())
                }
                Ok(None) => {
                    return Loaded::Failed(format!("line {}: not a vanban document", i + 1))
                }
                Err(e) => return Loaded::Failed(format!("line {}: {e}", i + 1)),
            }
        }
        return if docs.is_empty() {
            Loaded::NotContract("no documents".into())
        } else {
            Loaded::Docs(docs)
        };
    }
    if ext == "json" {
        return match parse_contract(&bytes) {
            Ok(Some(d)) => Loaded::Docs(vec![d]),
            Ok(None) => {
                Loaded::NotContract("JSON that is not a vanban document (no schema_version)".into())
            }
            Err(e) => Loaded::Failed(e),
        };
    }
    let run = std::panic::AssertUnwindSafe(|| vanban_core::process(&bytes, &item.display, opts));
    match std::panic::catch_unwind(run) {
        Ok(Ok(d)) => Loaded::Docs(vec![d]),
        Ok(Err(e)) => Loaded::Failed(format!("{}: {e}", e.kind())),
        Err(_) => Loaded::Failed("panic: internal failure".into()),
    }
}

/// Run the audit; returns the process exit code.
pub fn run(args: &AuditArgs) -> anyhow::Result<i32> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create report folder {}", args.out.display()))?;
    let skip: Vec<PathBuf> = std::fs::canonicalize(&args.out).into_iter().collect();
    let walked = walk::collect(&args.inputs, &AuditInputs, &skip);
    let mut failed = 0usize;
    for e in &walked.errors {
        eprintln!("vanban audit: {}: {}", e.path, e.message);
        failed += 1;
    }
    let pool = crate::batch::worker_pool(args.jobs)?;
    let opts = args.ocr.options(args.timeout);
    let loaded: Vec<Loaded> = pool.install(|| {
        walked
            .items
            .par_iter()
            .with_max_len(1)
            .map(|item| load(item, &opts))
            .collect()
    });

    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for (item, l) in walked.items.iter().zip(loaded) {
        match l {
            Loaded::Docs(ds) => {
                for mut d in ds {
                    if d.source.sha256.is_empty() || seen.insert(d.source.sha256.clone()) {
                        // Contract JSON from before identities: give them now (needs the text).
                        if d.references
                            .iter()
                            .any(|r| r.number.is_some() && r.id.is_none())
                        {
                            vanban_refs::identity::assign(&d.text, &mut d.references, &d.metadata);
                        }
                        if d.id.is_none() {
                            d.id = vanban_refs::identity::document_id(&d.metadata);
                        }
                        // Keep memory to what the report uses.
                        d.tables = Vec::new();
                        d.warnings = Vec::new();
                        // The text stays for target excerpts and the report's quotes.
                        if d.targets.is_empty() && d.references.is_empty() {
                            d.text = String::new();
                        }
                        docs.push(d);
                    } else {
                        eprintln!(
                            "vanban audit: {}: same input as a document already loaded, kept once",
                            item.display
                        );
                    }
                }
            }
            Loaded::NotContract(why) => {
                if args.inputs.contains(&item.path) {
                    eprintln!("vanban audit: {}: {why}", item.display);
                    failed += 1;
                }
            }
            Loaded::Failed(why) => {
                eprintln!("vanban audit: {}: {why}", item.display);
                failed += 1;
            }
        }
    }
    if docs.is_empty() {
        eprintln!("vanban audit: no document could be loaded");
        return Ok(crate::EXIT_BAD_INPUT);
    }

    let audit = match Audit::build(docs, &args.resolutions, args.min_docs) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("vanban audit: {e}");
            return Ok(crate::EXIT_BAD_INPUT);
        }
    };
    let out = &args.out;
    let write = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        crate::batch::write_atomic(out, name, bytes)
            .with_context(|| format!("cannot write {}", out.join(name).display()))
    };
    write(
        "citations.csv",
        &csv_bytes(&audit.citation_rows(args.long), args.bom)?,
    )?;
    write("documents.csv", &csv_bytes(&audit.cited_rows(), args.bom)?)?;
    write("targets.csv", &csv_bytes(&audit.target_rows(), args.bom)?)?;
    write("tasks.csv", &csv_bytes(&audit.task_rows(), args.bom)?)?;
    write("matrix.md", audit.matrix_markdown().as_bytes())?;
    let mut json = serde_json::to_vec_pretty(&audit)?;
    json.push(b'\n');
    write("audit.json", &json)?;
    write("report.html", crate::report::render(&audit).as_bytes())?;
    eprintln!(
        "vanban audit: {} documents, {} provinces, {} cited documents ({} ambiguous), {} citation columns, {} targets, {} tasks -> {}",
        audit.documents.len(),
        audit.provinces.len(),
        audit.cited.len(),
        audit.cited.iter().filter(|c| c.ambiguous).count(),
        audit.columns.len(),
        audit.targets.len(),
        audit.tasks.len(),
        out.display()
    );
    Ok(if failed > 0 {
        crate::EXIT_PARTIAL
    } else {
        crate::EXIT_OK
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use vanban_model::{Metadata, Reference, Source, Target, Task};

    /// A document for tests: its references as (number, relation), no mentions.
    pub(crate) fn doc(
        path: &str,
        province: Option<&str>,
        p2025: Option<&str>,
        date: &str,
        refs: &[(&str, &str)],
    ) -> Document {
        Document {
            schema_version: 1,
            source: Source {
                path: path.into(),
                format: "text".into(),
                sha256: format!("sha-{path}"),
                pages: None,
                encoding: None,
                partial: false,
                ocr: None,
            },
            metadata: Metadata {
                province: province.map(String::from),
                province_2025: p2025.map(String::from),
                date: Some(date.into()),
                doc_number: Some(format!("{}/KH-UBND", path.len())),
                doc_type: Some("Kế hoạch".into()),
                ..Default::default()
            },
            text: "Đến năm 2025 có 100 hợp tác xã.".into(),
            references: refs
                .iter()
                .map(|(n, rel)| Reference {
                    number: Some(n.to_string()),
                    kind: Some("Nghị quyết".into()),
                    relation: rel.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn corpus() -> Vec<Document> {
        vec![
            doc(
                "b.txt",
                Some("Bình Định"),
                Some("Gia Lai"),
                "2021-01-01",
                &[("134/NQ-CP", "implements"), ("70-KL/TW", "cites")],
            ),
            doc(
                "k.md",
                Some("Kiên Giang"),
                Some("An Giang"),
                "2023-10-20",
                &[
                    ("20-NQ/TW", "basis"),
                    ("09/NQ-CP", "basis"),
                    ("20-NQ/TW", "implements"),
                ],
            ),
            doc(
                "g.txt",
                Some("Gia Lai"),
                Some("Gia Lai"),
                "2020-05-05",
                &[("9/NQ-CP", "cites")],
            ),
            doc("x.txt", None, None, "2020-01-01", &[]),
        ]
    }

    #[test]
    fn vietnamese_alphabet_order() {
        let mut p = vec![
            "Yên Bái",
            "Đắk Lắk",
            "Gia Lai",
            "Cà Mau",
            "Điện Biên",
            "Đà Nẵng",
            "Dak",
            "An Giang",
            "Ăn",
            "Âm",
            "Ơ",
            "Ô",
            "O",
        ];
        p.sort_by_cached_key(|s| collation_key(s));
        assert_eq!(
            p,
            [
                "An Giang",
                "Ăn",
                "Âm",
                "Cà Mau",
                "Dak",
                "Đà Nẵng",
                "Đắk Lắk",
                "Điện Biên",
                "Gia Lai",
                "O",
                "Ô",
                "Ơ",
                "Yên Bái"
            ]
        );
        // Tones do not separate letters.
        assert_eq!(collation_key("Hòa"), collation_key("Hoa"));
        assert_ne!(collation_key("Hơa"), collation_key("Hoa"));
    }

    #[test]
    fn number_keys_ignore_spelling_noise_but_not_numbers() {
        let key = |n: &str| identity::Ident::parse(n).unwrap().key();
        assert_eq!(key("09/NQ-CP"), key("9/nq–cp"));
        assert_eq!(key("340/QĐ-TTg"), key("340/QD-TTG"));
        assert_eq!(key("20 - NQ/TW"), key("20-NQ/TW"));
        assert_ne!(key("20-NQ/TW"), key("02-NQ/TU"));
        assert_ne!(key("134/NQ-CP"), key("13/NQ-CP"));
    }

    #[test]
    fn documents_grouped_by_province_and_columns_by_citations() {
        let a = Audit::build(corpus(), &[], 1).unwrap();
        let paths: Vec<_> = a.documents.iter().map(|d| d.path.as_str()).collect();
        // An Giang first, then Gia Lai (Bình Định, then Gia Lai as named), unknown last.
        assert_eq!(paths, ["k.md", "b.txt", "g.txt", "x.txt"]);
        // 09/NQ-CP and 9/NQ-CP are one column cited by two documents, listed first.
        assert_eq!(a.columns[0].number, "09/NQ-CP");
        assert_eq!(a.columns[0].documents, 2);
        assert_eq!(a.columns.len(), 4);
        // Strongest relation kept.
        assert_eq!(a.documents[0].citations["20-NQ/TW"], "implements");
        // Citations are keyed by the column's id (serial without leading zeros).
        assert_eq!(a.columns[0].id, "9/NQ-CP");
        assert_eq!(a.documents[2].citations["9/NQ-CP"], "cites");
        assert!(!a.documents[3].citations.contains_key("9/NQ-CP"));
        // Bình Định and Gia Lai are both Gia Lai now: adjacent, but two rows as they are named apart.
        assert_eq!(a.provinces.len(), 4);
        assert_eq!(a.provinces[1].province_2025, a.provinces[2].province_2025);
        let rows = a.citation_rows(false);
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[0][..6],
            [
                "province",
                "province_2025",
                "doc_number",
                "date",
                "doc_type",
                "path"
            ]
        );
        let col = rows[0].iter().position(|h| h == "134/NQ-CP").unwrap();
        assert_eq!(rows[2][col], "implements");
        assert_eq!(rows[1][col], "");
        assert!(a.missing.is_empty());
    }

    #[test]
    fn min_docs_drops_rare_numbers() {
        let a = Audit::build(corpus(), &[], 2).unwrap();
        assert_eq!(
            a.columns
                .iter()
                .map(|c| c.number.as_str())
                .collect::<Vec<_>>(),
            ["09/NQ-CP"]
        );
    }

    #[test]
    fn fixed_columns_list_who_does_not_cite() {
        let fixed = vec![
            "20-NQ/TW".to_string(),
            "09/NQ-CP".into(),
            "999/QĐ-TTg".into(),
            "9/NQ-CP".into(),
        ];
        let a = Audit::build(corpus(), &fixed, 1).unwrap();
        // Duplicate spelling of the same number collapsed; the user's spelling shown.
        assert_eq!(
            a.columns
                .iter()
                .map(|c| c.number.as_str())
                .collect::<Vec<_>>(),
            ["20-NQ/TW", "09/NQ-CP", "999/QĐ-TTg"]
        );
        assert_eq!(a.missing["20-NQ/TW"], ["b.txt", "g.txt", "x.txt"]);
        assert_eq!(a.missing["999/QĐ-TTg"].len(), 4);
        let rows = a.citation_rows(false);
        assert_eq!(rows[3][5], "g.txt");
        assert_eq!(rows[3][6], "—");
        assert_eq!(rows[3][7], "cites");
        let md = a.matrix_markdown();
        assert!(md.contains("## Not cited"));
        assert!(md.contains("### 999/QĐ-TTg"));
        assert!(md.contains("- Bình Định — Kế hoạch"));
        // Long format: one row per (document, fixed number), '—' when not cited.
        let long = a.citation_rows(true);
        assert_eq!(long.len(), 1 + 4 * 3);
        assert_eq!(long[0][11], "relation");
        assert!(long.iter().any(|r| r[5] == "x.txt" && r[11] == "—"));
    }

    #[test]
    fn long_format_lists_every_reference() {
        let a = Audit::build(corpus(), &[], 1).unwrap();
        let long = a.citation_rows(true);
        assert_eq!(long.len(), 1 + 2 + 3 + 1);
        assert!(long
            .iter()
            .any(|r| r[5] == "b.txt" && r[6] == "134/NQ-CP" && r[11] == "implements"));
    }

    #[test]
    fn matrix_marks_cells_and_province_counts() {
        let mut docs = corpus();
        docs.push(doc(
            "b2.txt",
            Some("Bình Định"),
            Some("Gia Lai"),
            "2022-01-01",
            &[("134/NQ-CP", "cites")],
        ));
        let a = Audit::build(docs, &[], 1).unwrap();
        let md = a.matrix_markdown();
        assert!(md.contains("| Gia Lai | Bình Định | 2 |"), "{md}");
        assert!(md.contains("✓ implements (2/2)"), "{md}");
        assert!(md.contains("| An Giang | Kiên Giang | 1 |"));
        assert!(!md.contains("## Not cited"));
    }

    #[test]
    fn targets_and_tasks_rows_carry_their_document() {
        let mut d = doc(
            "k.md",
            Some("Kiên Giang"),
            Some("An Giang"),
            "2023-10-20",
            &[],
        );
        d.targets.push(Target {
            metric: "hợp tác xã".into(),
            value: 100.0,
            comparator: "eq".into(),
            year: Some(2025),
            start: 16,
            end: 31,
            source: "text".into(),
            ..Default::default()
        });
        d.tasks.push(Task {
            task: "Tuyên truyền".into(),
            lead: vec!["Sở A".into(), "Sở B".into()],
            source: "table".into(),
            ..Default::default()
        });
        let a = Audit::build(vec![d], &[], 1).unwrap();
        let t = a.target_rows();
        assert_eq!(t[1][0], "Kiên Giang");
        assert_eq!(t[1][5], "100");
        assert_eq!(t[1][9], "2025");
        assert_eq!(t[1][12], "100 hợp tác xã.");
        let k = a.task_rows();
        assert_eq!(k[1][7], "Sở A; Sở B");
        assert_eq!(k[1][3], "k.md");
    }

    #[test]
    fn csv_quotes_and_bom() {
        let rows = vec![vec!["a,b".to_string(), "Kiên \"Giang\"".into()]];
        let plain = String::from_utf8(csv_bytes(&rows, false).unwrap()).unwrap();
        assert_eq!(plain, "\"a,b\",\"Kiên \"\"Giang\"\"\"\n");
        let bom = csv_bytes(&rows, true).unwrap();
        assert!(bom.starts_with(b"\xEF\xBB\xBF\"a,b\""));
    }

    #[test]
    fn contract_probe() {
        assert!(parse_contract(br#"{"name":"pkg"}"#).unwrap().is_none());
        assert!(parse_contract(b"not json").unwrap().is_none());
        assert!(parse_contract(br#"{"schema_version":1}"#).is_err());
        let d = doc("k.md", None, None, "2023-01-01", &[]);
        let bytes = serde_json::to_vec(&d).unwrap();
        assert_eq!(parse_contract(&bytes).unwrap().unwrap().source.path, "k.md");
    }

    #[test]
    fn excerpts_and_numbers_are_safe() {
        assert_eq!(excerpt("abc", 1, 10), "bc");
        assert_eq!(excerpt("abc", 10, 2), "");
        assert_eq!(num(3000.0), "3000");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(md_escape("a|b\nc"), "a\\|b c");
    }
}
