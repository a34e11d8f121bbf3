//! Finding the inputs of `batch` and `audit`: explicit files, and folders walked recursively.
//!
//! Folders are walked in name order (so runs are reproducible), hidden entries (`.name`)
//! are skipped, symbolic links to folders are not followed (no cycles), and folders listed
//! in `skip` (the output folder) are left out.
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions of the formats the readers handle, and of phones' HEIC photos: those are not
/// read, but a folder of them gives one error each saying to save them as JPEG, not a batch
/// that silently found nothing.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "pdf", "docx", "jpg", "jpeg", "png", "tif", "tiff",
    "webp", "jp2", "heic", "heif",
];

/// One input file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The path to open.
    pub path: PathBuf,
    /// The path as the user sees it (what `source.path` reports).
    pub display: String,
    /// Path relative to the folder given on the command line (`/`-separated); the file
    /// name for a file given directly.
    pub relative: String,
    /// Size in bytes when the walk saw it (0 when unknown).
    pub size: u64,
}

/// A path the walk could not use (missing input, unreadable folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path as given or found.
    pub path: String,
    /// Human-readable cause.
    pub message: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files to process, deduplicated, in walk order.
    pub items: Vec<Item>,
    /// Inputs that could not be walked.
    pub errors: Vec<WalkError>,
}

/// Which files of a walked folder to take.
pub trait Accept: Sync {
    /// True when the file at `path` (with lowercase extension `ext`, "" when none) is wanted.
    fn accept(&self, path: &Path, ext: &str) -> bool;
}

/// Documents the pipeline reads: by extension, or by content for files without one.
pub struct Documents;

impl Accept for Documents {
    fn accept(&self, path: &Path, ext: &str) -> bool {
        if ext.is_empty() {
            sniff_document(path)
        } else {
            DOCUMENT_EXTENSIONS.contains(&ext)
        }
    }
}

/// Lower-case extension of a path ("" when none).
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether the first bytes of a file without extension look like a document format with a
/// signature (PDF, DOCX/zip, HTML). Plain text without an extension (README, LICENSE) is
/// not taken: nothing in its bytes says it is a document.
pub fn sniff_document(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let n = match std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => n,
        Err(_) => return false,
    };
    looks_like_document(head.get(..n).unwrap_or(&[]))
}

/// The content test behind [`sniff_document`].
pub fn looks_like_document(head: &[u8]) -> bool {
    if head.starts_with(b"%PDF-") || head.starts_with(b"PK\x03\x04") {
        return true;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let rest = text.get(start..).unwrap_or(&[]);
    let lower: Vec<u8> = rest
        .iter()
        .take(15)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Walk `inputs`: files are taken as given (whatever their extension: the user named them),
/// folders are walked recursively keeping what `accept` wants. Folders whose canonical path
/// is in `skip` are not entered. The same file reached twice is kept once.
pub fn collect(inputs: &[PathBuf], accept: &dyn Accept, skip: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        let display = input.display().to_string();
        match std::fs::metadata(input) {
            Err(e) => walk.errors.push(WalkError {
                path: display,
                message: io_message(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk_dir(input, "", accept, skip, &mut found, &mut walk.errors);
                for item in found {
                    let key =
                        std::fs::canonicalize(&item.path).unwrap_or_else(|_| item.path.clone());
                    if seen.insert(key) {
                        walk.items.push(item);
                    }
                }
            }
            Ok(meta) => {
                let key = std::fs::canonicalize(input).unwrap_or_else(|_| input.clone());
                if seen.insert(key) {
                    let relative = input
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| display.clone());
                    walk.items.push(Item {
                        path: input.clone(),
                        display,
                        relative,
                        size: meta.len(),
                    });
                }
            }
        }
    }
    walk
}

fn walk_dir(
    dir: &Path,
    prefix: &str,
    accept: &dyn Accept,
    skip: &[PathBuf],
    found: &mut Vec<Item>,
    errors: &mut Vec<WalkError>,
) {
    if let Ok(canon) = std::fs::canonicalize(dir) {
        if skip.contains(&canon) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(WalkError {
                path: dir.display().to_string(),
                message: io_message(&e),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if is_hidden(&name) {
            continue;
        }
        let path = entry.path();
        let rel = if prefix.is_empty() {
            name.to_string_lossy().into_owned()
        } else {
            format!("{prefix}/{}", name.to_string_lossy())
        };
        let Ok(ftype) = entry.file_type() else {
            continue;
        };
        if ftype.is_dir() {
            walk_dir(&path, &rel, accept, skip, found, errors);
            continue;
        }
        // Regular files, and symbolic links that resolve to a file (links to folders are
        // not followed, so a link cannot make the walk loop).
        let meta = match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => m,
            _ => continue,
        };
        if accept.accept(&path, &extension(&path)) {
            found.push(Item {
                display: path.display().to_string(),
                path,
                relative: rel,
                size: meta.len(),
            });
        }
    }
}

/// Short, stable message for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_spark_job_takes_the_same_kinds_from_folders() {
        // python/vanban/spark.py's EXTENSIONS, read at compile time
        let spark = include_str!("../../../../python/vanban/spark.py");
        let start = spark
            .find("EXTENSIONS = (")
            .expect("EXTENSIONS in spark.py");
        let end = start + spark[start..].find(')').expect("closed");
        let listed: Vec<&str> = spark[start..end].split('"').skip(1).step_by(2).collect();
        let mut ours = DOCUMENT_EXTENSIONS.to_vec();
        let mut theirs = listed.clone();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("vanban-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn content_sniffing() {
        assert!(looks_like_document(b"%PDF-1.7\n"));
        assert!(looks_like_document(b"PK\x03\x04rest"));
        assert!(looks_like_document(b"\xEF\xBB\xBF  <!DOCTYPE HTML><html>"));
        assert!(looks_like_document(b"\n<html lang=vi>"));
        assert!(!looks_like_document(b"MIT License\n"));
        assert!(!looks_like_document(b"\x89PNG\r\n"));
        assert!(!looks_like_document(b""));
    }

    #[test]
    fn walks_recursively_skipping_hidden_out_and_unknown() {
        let d = scratch("rec");
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::create_dir_all(d.join("out")).unwrap();
        std::fs::write(d.join("z.txt"), "x").unwrap();
        std::fs::write(d.join("a/b/y.PDF"), "%PDF-").unwrap();
        std::fs::write(d.join("a/pic.png"), "png").unwrap();
        std::fs::write(d.join("a/pic.gif"), "gif").unwrap();
        std::fs::write(d.join("a/photo.HEIC"), "heic").unwrap();
        std::fs::write(d.join("a/.hidden.txt"), "x").unwrap();
        std::fs::write(d.join(".git/c.txt"), "x").unwrap();
        std::fs::write(d.join("out/old.txt"), "x").unwrap();
        std::fs::write(d.join("noext"), "%PDF-1.4").unwrap();
        std::fs::write(d.join("README"), "just text").unwrap();
        let skip = vec![std::fs::canonicalize(d.join("out")).unwrap()];
        let w = collect(std::slice::from_ref(&d), &Documents, &skip);
        let rels: Vec<_> = w.items.iter().map(|i| i.relative.as_str()).collect();
        // images are inputs (OCR; a phone's HEIC photo, to be named in its error); a logo's
        // GIF and other unknown extensions are not
        assert_eq!(
            rels,
            ["a/b/y.PDF", "a/photo.HEIC", "a/pic.png", "noext", "z.txt"]
        );
        assert!(w.errors.is_empty());
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn explicit_files_missing_inputs_and_duplicates() {
        let d = scratch("explicit");
        std::fs::write(d.join("notes.xyz"), "x").unwrap();
        let inputs = vec![d.join("notes.xyz"), d.join("missing.txt"), d.clone()];
        let w = collect(&inputs, &Documents, &[]);
        // The explicit file is taken despite its extension, and not again via the folder
        // (the folder walk would not take .xyz anyway).
        assert_eq!(w.items.len(), 1);
        assert_eq!(w.items[0].relative, "notes.xyz");
        assert_eq!(w.errors.len(), 1);
        assert!(w.errors[0].path.ends_with("missing.txt"));
        assert_eq!(w.errors[0].message, "no such file or folder");
        let _ = std::fs::remove_dir_all(&d);
    }
}
