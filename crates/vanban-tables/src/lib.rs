//! Builds contract tables (pieces merged across pages, linearized tables recovered) and reads task rows from them.
//!
//! Sources of tables, in text order:
//! - the reader's tables (`NormalizedDocument.tables`: markdown, HTML, DOCX, PDF layout),
//!   and `| a | b |` lines of the text no reader table covers;
//! - tables a PDF extractor linearized into the text cell by cell ([`linear`]).
//!
//! Pieces split across pages are merged (repeated headers dropped), layout tables (the
//! heading with the issuer and the national motto, signature blocks) are dropped, and
//! every table whose header names a task column and a lead-agency column is read into
//! tasks ([`tasks`]). Assignments written in sentences are read too ([`prose`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod agency;
pub mod columns;
pub mod grid;
pub mod linear;
pub mod prose;
pub mod tasks;
pub mod text;

use vanban_model::{NormalizedDocument, Table, Task};

/// Result of table and task extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TablesOutput {
    /// Contract tables.
    pub tables: Vec<Table>,
    /// Tasks read from task tables and from prose assignments.
    pub tasks: Vec<Task>,
    /// Notes on guesses.
    pub warnings: Vec<String>,
}

/// Extract tables and tasks of a normalized document.
///
/// ```
/// use vanban_model::{NormalizedDocument, NormTable, Span};
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let doc = NormalizedDocument {
///     tables: vec![
///         NormTable { rows: vec![s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]), s(&["1", "Rà soát chính sách", "Sở Tài chính"])], span: Span::new(0, 10), page: Some(1) },
///         NormTable { rows: vec![s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]), s(&["2", "Tập huấn", "Sở Nội vụ; UBND cấp huyện"])], span: Span::new(11, 20), page: Some(2) },
///     ],
///     ..Default::default()
/// };
/// let out = vanban_tables::extract(&doc);
/// assert_eq!(out.tables.len(), 1);
/// assert_eq!(out.tables[0].rows.len(), 2);
/// assert_eq!(out.tasks[1].lead, vec!["Sở Nội vụ", "UBND cấp huyện"]);
/// assert_eq!(out.tasks[1].source, "table");
/// ```
pub fn extract(doc: &NormalizedDocument) -> TablesOutput {
    let mut warnings = Vec::new();
    let lines = grid::lines(&doc.text);
    let pieces = grid::pieces(doc, &lines);
    let merged = grid::merge(pieces, &lines, &mut warnings);
    let mut found: Vec<(usize, Table, bool)> = Vec::new();
    let mut dropped = 0usize;
    for m in merged {
        if grid::is_layout(&m.table) {
            dropped += 1;
            continue;
        }
        found.push((m.span.start, m.table, true));
    }
    if dropped > 0 {
        warnings.push(format!("tables: {dropped} layout table(s) (document heading or signature block) not read as data"));
    }
    for (t, span) in linear::recover(&lines, &reader_spans(doc), &mut warnings) {
        found.push((span.start, t, false));
    }
    found.sort_by_key(|(s, _, _)| *s);
    let mut tasks: Vec<Task> = Vec::new();
    for (_, t, grid) in &found {
        tasks.extend(tasks::read(t, *grid, &mut warnings));
    }
    let tables: Vec<Table> = found.into_iter().map(|(_, t, _)| t).collect();
    tasks.extend(prose::extract(&lines));
    TablesOutput {
        tables,
        tasks,
        warnings,
    }
}

/// Char spans of the reader's tables: their text is not read again as a linearized table.
fn reader_spans(doc: &NormalizedDocument) -> Vec<vanban_model::Span> {
    doc.tables
        .iter()
        .map(|t| t.span)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Tasks as rows for terminal tables and CSV: stt, group, task, lead, partners, result,
/// deadline, source; agencies joined with "; ", unknown values empty.
///
/// ```
/// let t = vanban_model::Task {
///     stt: Some("1".into()),
///     task: "Rà soát".into(),
///     lead: vec!["Sở Tài chính".into(), "Sở Nội vụ".into()],
///     source: "table".into(),
///     ..Default::default()
/// };
/// let rows = vanban_tables::tasks_to_rows(&[t]);
/// assert_eq!(rows[0], vec!["1", "", "Rà soát", "Sở Tài chính; Sở Nội vụ", "", "", "", "table"]);
/// ```
pub fn tasks_to_rows(tasks: &[Task]) -> Vec<Vec<String>> {
    tasks
        .iter()
        .map(|t| {
            vec![
                t.stt.clone().unwrap_or_default(),
                t.group.clone().unwrap_or_default(),
                t.task.clone(),
                t.lead.join("; "),
                t.partners.join("; "),
                t.result.clone().unwrap_or_default(),
                t.deadline.clone().unwrap_or_default(),
                t.source.clone(),
            ]
        })
        .collect()
}
