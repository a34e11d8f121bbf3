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
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use vanban_model::Document;

const AUDIT_HELP: &str = "\
Inputs: documents (.txt .md .markdown .html .htm .pdf .docx, run through the pipeline),
folders (walked recursively), and batch outputs: .json files holding a contract document
(with schema_version) and .jsonl files of them are loaded as they are. Other JSON files in a
folder are skipped; the same input (same sha256) met twice is kept once.

Report files (REPORT_DIR is created):
  citations.csv  one row per document: province, province_2025, doc_number, date, doc_type,
                 path, then one column per referenced document number (those cited by at
                 least --min-docs inputs, or exactly --resolutions) holding the relation
                 (implements | basis | cites), empty when not cited, '—' when a column fixed
                 by --resolutions is not cited.
                 --long: one row per (document, reference) instead: province,
                 province_2025, doc_number, date, doc_type, path, ref_number, ref_kind,
                 ref_date, ref_issuer, ref_name, relation, mentions.
  matrix.md      province × number table (✓ + strongest relation, 'k/n' documents when a
                 province has several), then one row per document grouped by province,
                 and with --resolutions a 'Not cited' section listing who does not cite each.
  targets.csv    province, province_2025, doc_number, path, metric, value, value_max, unit,
                 comparator, year, period, source, excerpt
  tasks.csv      province, province_2025, doc_number, path, stt, group, task, lead, partners,
                 result, deadline, source   (several agencies joined with '; ')
  audit.json     the same data: documents (with the sentence around each mention of a cited
                 number), columns, provinces, missing, targets, tasks.
  report.html    the audit as one self-contained page (no network): the province × number
                 matrix as a sortable, filterable heatmap, a cell's citing sentences on
                 click, targets by province and year, tasks by lead agency.
Documents are ordered by province_2025, province, date, number. Numbers are matched
ignoring case, spaces, leading zeros and Đ/D ('9/NQ-CP' = '09/NQ-CP').
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
    /// Fix the citation columns to these numbers (comma-separated) and list who does not cite them.
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

/// Matching key of a document number: case, spaces, dashes, Đ/D and leading zeros ignored,
/// so that `09/NQ-CP`, `9/NQ-CP` and `09/nq–cp` are one column.
pub fn number_key(number: &str) -> String {
    let mut s: String = number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Đ' | 'đ' => 'D',
            '–' | '—' | '‑' => '-',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect();
    let zeros = s.chars().take_while(|c| *c == '0').count();
    let digits_after = s
        .chars()
        .skip(zeros)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if zeros > 0 && digits_after > 0 {
        s.drain(..zeros);
    }
    s
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

/// Strength of a relation, to keep the strongest when a number is cited several ways.
fn strength(relation: &str) -> u8 {
    match relation {
        "implements" => 3,
        "basis" => 2,
        "cites" => 1,
        _ => 0,
    }
}

/// One citation column.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Column {
    /// The number as shown (most common spelling, or as given in --resolutions).
    pub number: String,
    /// Kind of the referenced document, where the inputs say it.
    pub kind: Option<String>,
    /// How many documents cite it.
    pub documents: usize,
    #[serde(skip)]
    key: String,
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
    /// Column number -> relation, for the columns this document cites.
    pub citations: BTreeMap<String, String>,
    /// How many references, targets and tasks the document has.
    pub references: usize,
    /// Number of targets.
    pub targets: usize,
    /// Number of tasks.
    pub tasks: usize,
    /// Column number -> the sentences naming it, one per mention in text order (the
    /// report's "who cites it and how").
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
    /// Column number -> strongest relation and how many of its documents cite it.
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
    /// With fixed columns: number -> paths of the documents that do not cite it.
    pub missing: BTreeMap<String, Vec<String>>,
    /// Every target with its document.
    pub targets: Vec<BTreeMap<&'static str, serde_json::Value>>,
    /// Every task with its document.
    pub tasks: Vec<BTreeMap<&'static str, serde_json::Value>>,
    #[serde(skip)]
    long_rows: Vec<Vec<String>>,
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
    /// Build the audit. `fixed` are the numbers of --resolutions (empty: columns are the
    /// numbers cited by at least `min_docs` documents).
    pub fn build(mut docs: Vec<Document>, fixed: &[String], min_docs: usize) -> Audit {
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

        // Columns: key -> (spelling counts, kind, citing docs).
        let mut spellings: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        let mut kinds: HashMap<String, String> = HashMap::new();
        let mut citing: HashMap<String, HashSet<usize>> = HashMap::new();
        // Per document: key -> strongest relation, and the sentences of its mentions.
        let mut cites: Vec<HashMap<String, String>> = Vec::with_capacity(docs.len());
        let mut quoted: Vec<HashMap<String, Vec<Quote>>> = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let mut mine: HashMap<String, String> = HashMap::new();
            let mut my_quotes: HashMap<String, Vec<Quote>> = HashMap::new();
            let chars: Vec<char> = if d.references.iter().any(|r| !r.mentions.is_empty()) {
                d.text.chars().collect()
            } else {
                Vec::new()
            };
            for r in &d.references {
                let Some(n) = r.number.as_deref().filter(|n| !n.trim().is_empty()) else {
                    continue;
                };
                let key = number_key(n);
                my_quotes.entry(key.clone()).or_default().extend(
                    r.mentions
                        .iter()
                        .filter_map(|m| quote(&chars, m.start, m.end)),
                );
                *spellings
                    .entry(key.clone())
                    .or_default()
                    .entry(n.to_string())
                    .or_default() += 1;
                if let Some(k) = &r.kind {
                    kinds.entry(key.clone()).or_insert_with(|| k.clone());
                }
                citing.entry(key.clone()).or_default().insert(i);
                let e = mine.entry(key).or_insert_with(|| r.relation.clone());
                if strength(&r.relation) > strength(e) {
                    *e = r.relation.clone();
                }
            }
            cites.push(mine);
            quoted.push(my_quotes);
        }
        let fixed_columns = !fixed.is_empty();
        let mut columns: Vec<Column> = if fixed_columns {
            let mut seen = HashSet::new();
            fixed
                .iter()
                .map(|n| n.trim())
                .filter(|n| !n.is_empty())
                .filter(|n| seen.insert(number_key(n)))
                .map(|n| {
                    let key = number_key(n);
                    Column {
                        number: n.to_string(),
                        kind: kinds.get(&key).cloned(),
                        documents: citing.get(&key).map_or(0, |s| s.len()),
                        key,
                    }
                })
                .collect()
        } else {
            let mut cols: Vec<Column> = citing
                .iter()
                .filter(|(_, s)| s.len() >= min_docs.max(1))
                .map(|(key, s)| {
                    let number = spellings
                        .get(key)
                        .and_then(|m| {
                            m.iter()
                                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                                .map(|(k, _)| k.clone())
                        })
                        .unwrap_or_else(|| key.clone());
                    Column {
                        number,
                        kind: kinds.get(key).cloned(),
                        documents: s.len(),
                        key: key.clone(),
                    }
                })
                .collect();
            cols.sort_by(|a, b| {
                b.documents
                    .cmp(&a.documents)
                    .then_with(|| a.number.cmp(&b.number))
            });
            cols
        };
        columns.shrink_to_fit();

        let mut documents = Vec::with_capacity(docs.len());
        let mut long_rows = Vec::new();
        let mut targets = Vec::new();
        let mut tasks = Vec::new();
        let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for ((d, mine), my_quotes) in docs.iter().zip(&cites).zip(&mut quoted) {
            let m = &d.metadata;
            let mut citations = BTreeMap::new();
            let mut quotes = BTreeMap::new();
            for c in &columns {
                match mine.get(&c.key) {
                    Some(rel) => {
                        citations.insert(c.number.clone(), rel.clone());
                        let mut q = my_quotes.remove(&c.key).unwrap_or_default();
                        q.sort_by_key(|q| q.at);
                        q.dedup_by_key(|q| q.at);
                        quotes.insert(c.number.clone(), q);
                    }
                    None if fixed_columns => missing
                        .entry(c.number.clone())
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
                for c in &columns {
                    let r = d
                        .references
                        .iter()
                        .find(|r| r.number.as_deref().is_some_and(|n| number_key(n) == c.key));
                    let mut row = head.to_vec();
                    match r {
                        Some(r) => row.extend([
                            c.number.clone(),
                            opt(&r.kind),
                            opt(&r.date),
                            opt(&r.issuer),
                            opt(&r.name),
                            mine.get(&c.key)
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

        Audit {
            documents,
            columns,
            fixed_columns,
            provinces,
            missing,
            targets,
            tasks,
            long_rows,
        }
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
        header.extend(self.columns.iter().map(|c| c.number.clone()));
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
                row.push(match d.citations.get(&c.number) {
                    Some(rel) => rel.clone(),
                    None if self.fixed_columns => "—".into(),
                    None => String::new(),
                });
            }
            rows.push(row);
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
        header.extend(self.columns.iter().map(|c| c.number.clone()));
        let mut rows = Vec::new();
        for p in &self.provinces {
            let n = p.documents.len();
            let mut row = vec![dash(&p.province_2025), dash(&p.province), n.to_string()];
            for c in &self.columns {
                row.push(match p.citations.get(&c.number) {
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
        header.extend(self.columns.iter().map(|c| c.number.clone()));
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
                        .get(&c.number)
                        .map_or_else(|| "—".to_string(), |rel| format!("✓ {rel}")),
                );
            }
            rows.push(row);
        }
        push_md_table(&mut s, &header, &rows);

        if self.fixed_columns {
            s.push_str("\n## Not cited\n\n");
            for c in &self.columns {
                s.push_str(&format!("### {}\n\n", md_escape(&c.number)));
                match self.missing.get(&c.number) {
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

    let audit = Audit::build(docs, &args.resolutions, args.min_docs);
    let out = &args.out;
    let write = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        crate::batch::write_atomic(out, name, bytes)
            .with_context(|| format!("cannot write {}", out.join(name).display()))
    };
    write(
        "citations.csv",
        &csv_bytes(&audit.citation_rows(args.long), args.bom)?,
    )?;
    write("targets.csv", &csv_bytes(&audit.target_rows(), args.bom)?)?;
    write("tasks.csv", &csv_bytes(&audit.task_rows(), args.bom)?)?;
    write("matrix.md", audit.matrix_markdown().as_bytes())?;
    let mut json = serde_json::to_vec_pretty(&audit)?;
    json.push(b'\n');
    write("audit.json", &json)?;
    write("report.html", crate::report::render(&audit).as_bytes())?;
    eprintln!(
        "vanban audit: {} documents, {} provinces, {} citation columns, {} targets, {} tasks -> {}",
        audit.documents.len(),
        audit.provinces.len(),
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
        assert_eq!(number_key("09/NQ-CP"), number_key("9/nq–cp"));
        assert_eq!(number_key("340/QĐ-TTg"), number_key("340/QD-TTG"));
        assert_eq!(number_key("20 - NQ/TW"), "20-NQ/TW");
        assert_ne!(number_key("20-NQ/TW"), number_key("02-NQ/TU"));
        assert_ne!(number_key("134/NQ-CP"), number_key("13/NQ-CP"));
        assert_eq!(number_key("0"), "0");
    }

    #[test]
    fn documents_grouped_by_province_and_columns_by_citations() {
        let a = Audit::build(corpus(), &[], 1);
        let paths: Vec<_> = a.documents.iter().map(|d| d.path.as_str()).collect();
        // An Giang first, then Gia Lai (Bình Định, then Gia Lai as named), unknown last.
        assert_eq!(paths, ["k.md", "b.txt", "g.txt", "x.txt"]);
        // 09/NQ-CP and 9/NQ-CP are one column cited by two documents, listed first.
        assert_eq!(a.columns[0].number, "09/NQ-CP");
        assert_eq!(a.columns[0].documents, 2);
        assert_eq!(a.columns.len(), 4);
        // Strongest relation kept.
        assert_eq!(a.documents[0].citations["20-NQ/TW"], "implements");
        assert_eq!(a.documents[2].citations["09/NQ-CP"], "cites");
        assert!(!a.documents[3].citations.contains_key("09/NQ-CP"));
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
        let a = Audit::build(corpus(), &[], 2);
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
        let a = Audit::build(corpus(), &fixed, 1);
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
        let a = Audit::build(corpus(), &[], 1);
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
        let a = Audit::build(docs, &[], 1);
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
        let a = Audit::build(vec![d], &[], 1);
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
