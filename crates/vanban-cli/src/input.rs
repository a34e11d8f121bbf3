//! Reading inputs from the file system or stdin, with one-line errors naming the file.
use std::io::{Read, Write};
use std::path::Path;
use vanban_model::{Document, NormalizedDocument};

/// Why one input failed; printed as one line on stderr.
#[derive(Debug)]
pub struct InputError {
    /// The path as given.
    pub path: String,
    /// Short machine-readable kind ("io", "empty", "binary", …).
    pub kind: &'static str,
    /// Human-readable cause.
    pub message: String,
}

impl InputError {
    /// Print the error line and return the exit code for bad input.
    pub fn report(&self) -> i32 {
        eprintln!("vanban: {}: {}", self.path, self.message);
        crate::EXIT_BAD_INPUT
    }
}

/// Read the bytes of a path (`-` is stdin), refusing directories with a clear message.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    let err = |kind: &'static str, message: String| InputError {
        path: name.clone(),
        kind,
        message,
    };
    if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| err("io", format!("cannot read standard input: {e}")))?;
        return Ok(buf);
    }
    let meta = std::fs::metadata(path).map_err(|e| err("io", io_message(&e)))?;
    if meta.is_dir() {
        return Err(err(
            "io",
            "is a directory (use `vanban batch` for folders)".into(),
        ));
    }
    std::fs::read(path).map_err(|e| err("io", io_message(&e)))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn core_error(path: &Path, e: vanban_core::CoreError) -> InputError {
    InputError {
        path: path.display().to_string(),
        kind: e.kind(),
        message: e.to_string(),
    }
}

/// Read and normalize one input.
pub fn normalize(
    path: &Path,
    opts: &vanban_core::Options,
) -> Result<NormalizedDocument, InputError> {
    let bytes = read_bytes(path)?;
    vanban_core::normalize_bytes(&bytes, &path.display().to_string(), opts)
        .map_err(|e| core_error(path, e))
}

/// Run the whole pipeline on one input.
pub fn process(path: &Path, opts: &vanban_core::Options) -> Result<Document, InputError> {
    let bytes = read_bytes(path)?;
    vanban_core::process(&bytes, &path.display().to_string(), opts).map_err(|e| core_error(path, e))
}

/// Print rows as aligned columns, each cell cut to a readable width.
pub fn print_table(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    const MAX: usize = 48;
    let cut = |s: &str| -> String {
        let n = s.chars().count();
        if n <= MAX {
            s.to_string()
        } else {
            let mut t: String = s.chars().take(MAX - 1).collect();
            t.push('…');
            t
        }
    };
    let all: Vec<Vec<String>> = std::iter::once(header.to_vec())
        .chain(rows.iter().cloned())
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let cols = all.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut width = vec![0usize; cols];
    for r in &all {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    for r in &all {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.extend(std::iter::repeat_n(' ', width[i] - c.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
