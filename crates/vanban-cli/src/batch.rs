//! `vanban batch`: convert files and folders in parallel, atomically, resumably.
//!
//! Work is spread over a local rayon pool; workers read, convert and (in folder mode)
//! write their own output, and send a small outcome to the main thread, which alone
//! draws progress, appends to `errors.jsonl`, writes JSON lines and keeps the manifest.
pub mod walk;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Name of the per-run error report inside the output folder.
pub const ERRORS_FILE: &str = "errors.jsonl";
/// Name of the resume manifest inside the output folder (hidden, so walks skip it).
pub const MANIFEST_FILE: &str = ".vanban-manifest.json";
/// Name of the single output file of `--format jsonl`.
pub const JSONL_FILE: &str = "documents.jsonl";

const BATCH_HELP: &str = "\
Output layout:
  --format json (default)  OUT/<path>.json, one pretty JSON document per input. <path> is the
                           input's path relative to the folder given on the command line (the
                           file name for a file given directly), '/' replaced by '__', original
                           extension kept: corpus/2023/a.pdf -> OUT/2023__a.pdf.json. Two inputs
                           with the same name get '~2', '~3' … before '.json'.
  --format jsonl           OUT/documents.jsonl, one document per line in completion order;
                           with '-o -' the lines go to standard output (no resume, errors on
                           standard error only).
  OUT/errors.jsonl         rewritten each run: one {\"path\",\"kind\",\"message\"} line per input that
                           failed, appended as failures happen. Kinds: io, empty, binary,
                           undecodable, encrypted, no-text, timeout, pdf, docx, panic, write;
                           and partial: a damaged input (a PDF cut short) read in part, its
                           JSON written with source.partial true, listed for a re-download.
  OUT/.vanban-manifest.json  output name -> input path and sha256, for resuming.
  Every output file is written to a temporary file in OUT and renamed into place.

Which files: files named on the command line are always taken; folders are walked
recursively for .txt .md .markdown .html .htm .pdf .docx (any case), plus files without an
extension whose bytes start like a PDF, DOCX or HTML document. Hidden files and folders
(.name), links to folders, and OUT itself are skipped.

Resuming: an input whose sha256 equals the one recorded for its output is not converted
again (counted as 'up to date'); --force converts everything.

Progress: a bar on standard error when it is a terminal, otherwise one log line per
converted or failed file (--quiet: summary only). Nothing is printed on standard output
except documents with '--format jsonl -o -'.

Exit codes: 0 every input converted or up to date; 3 some inputs failed (listed in
OUT/errors.jsonl), the others converted; 2 nothing to convert was found; 1 the output
could not be written.";

/// Output format of `vanban batch`.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum BatchFormat {
    /// One pretty JSON file per input in OUT.
    Json,
    /// One JSON object per line in OUT/documents.jsonl (or standard output with `-o -`).
    Jsonl,
}

/// Arguments of `vanban batch`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = BATCH_HELP)]
pub struct BatchArgs {
    /// Input files and folders (folders are walked recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing); `-` with `--format jsonl` for standard output.
    #[arg(short, long)]
    pub out: PathBuf,
    /// Parallel workers (default: the number of cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// One JSON file per input, or all documents as JSON lines.
    #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
    pub format: BatchFormat,
    /// Convert every input again, even those whose output is up to date.
    #[arg(long)]
    pub force: bool,
    /// No progress bar or per-file lines; only failures' count and the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Per-file time budget for reading, in seconds (OCR adds --ocr-page-timeout per page).
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    #[command(flatten)]
    pub ocr: crate::OcrArgs,
}

/// One line of `errors.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorLine {
    /// The input path.
    pub path: String,
    /// Short machine-readable kind.
    pub kind: String,
    /// Human-readable cause.
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
struct ManifestEntry {
    input: String,
    sha256: String,
    /// Set when this input failed: re-reported without converting again while the input
    /// and the tool version are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<ErrorLine>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    /// Tool that wrote it ("vanban 0.1.0"): cached failures only count for the same tool.
    #[serde(default)]
    tool: String,
    /// Output file name -> what it was made from.
    entries: BTreeMap<String, ManifestEntry>,
}

/// Counts of what the converted documents hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    pages: u64,
    references: u64,
    targets: u64,
    tasks: u64,
}

#[derive(Debug)]
enum Outcome {
    Converted {
        name: String,
        display: String,
        sha: String,
        bytes: u64,
        counts: Counts,
        line: Option<String>,
        /// The warning of a partial result (a damaged input read in part).
        partial: Option<String>,
    },
    UpToDate {
        name: String,
        display: String,
        sha: String,
    },
    Failed {
        name: String,
        sha: Option<String>,
        error: ErrorLine,
        cached: bool,
    },
}

struct Job {
    item: walk::Item,
    /// Output file name (json mode).
    name: String,
}

struct Ctx<'a> {
    out: Option<&'a Path>,
    format: BatchFormat,
    force: bool,
    opts: vanban_core::Options,
    /// json mode: output name -> manifest entry of the previous run.
    manifest: HashMap<String, ManifestEntry>,
    /// Whether the previous run's failures may be re-reported (same tool version).
    trust_failures: bool,
    /// jsonl mode: source.path -> sha256 of the previous documents.jsonl.
    previous: HashMap<String, String>,
}

/// Output file name for a relative input path: `a/b.pdf` -> `a__b.pdf.json`.
pub fn output_name(relative: &str) -> String {
    /// File systems limit a name to 255 bytes; keep room for ".json" and "~N".
    const MAX_BYTES: usize = 200;
    let mut s = relative.replace(['/', '\\'], "__");
    s.retain(|c| !c.is_control());
    if s.is_empty() || s.starts_with('.') {
        s.insert(0, '_');
    }
    if s.len() > MAX_BYTES {
        // Deep folders of long Vietnamese names: keep the end (the file's own name) and
        // make the name unique with a hash of the whole path.
        let hash = vanban_core::sha256_hex(relative.as_bytes());
        let keep = MAX_BYTES - 18;
        let mut cut = s.len() - keep;
        while !s.is_char_boundary(cut) {
            cut += 1;
        }
        s = format!(
            "{}~{}",
            hash.get(..16).unwrap_or(&hash),
            s.get(cut..).unwrap_or("")
        );
    }
    s.push_str(".json");
    s
}

/// Give every item a distinct output name, in walk order.
fn assign_names(items: Vec<walk::Item>) -> Vec<Job> {
    let mut used: HashSet<String> = HashSet::new();
    let mut jobs = Vec::with_capacity(items.len());
    for item in items {
        let base = output_name(&item.relative);
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            let stem = base.strip_suffix(".json").unwrap_or(&base);
            name = format!("{stem}~{n}.json");
            n += 1;
        }
        jobs.push(Job { item, name });
    }
    jobs
}

/// Write `bytes` to `dir/name` through a temporary file in `dir` and a rename, so a reader
/// never sees a half-written file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        drop(f);
        std::fs::rename(&tmp, dir.join(name))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Only the part of a contract document the resume check needs.
#[derive(Deserialize)]
struct SourceOnly {
    source: SourceSha,
}
#[derive(Deserialize)]
struct SourceSha {
    #[serde(default)]
    path: String,
    #[serde(default)]
    sha256: String,
}

impl Ctx<'_> {
    fn up_to_date(&self, job: &Job, sha: &str) -> bool {
        if self.force {
            return false;
        }
        match (self.format, self.out) {
            (BatchFormat::Jsonl, _) => self
                .previous
                .get(&job.item.display)
                .is_some_and(|s| s == sha),
            (BatchFormat::Json, Some(out)) => {
                let path = out.join(&job.name);
                if self
                    .manifest
                    .get(&job.name)
                    .is_some_and(|e| e.sha256 == sha && e.error.is_none())
                    && path.is_file()
                {
                    return true;
                }
                // No (or stale) manifest entry: the output itself says what it was made from.
                std::fs::read(&path)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<SourceOnly>(&b).ok())
                    .is_some_and(|d| d.source.sha256 == sha)
            }
            (BatchFormat::Json, None) => false,
        }
    }

    /// The error this same input gave last run, when nothing changed since.
    fn known_failure(&self, job: &Job, sha: &str) -> Option<ErrorLine> {
        if self.force || !self.trust_failures || self.format != BatchFormat::Json {
            return None;
        }
        let entry = self.manifest.get(&job.name)?;
        if entry.sha256 != sha || entry.input != job.item.display {
            return None;
        }
        entry.error.clone()
    }
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn fail(job: &Job, sha: Option<String>, kind: &str, message: String) -> Outcome {
    Outcome::Failed {
        name: job.name.clone(),
        sha,
        error: ErrorLine {
            path: job.item.display.clone(),
            kind: kind.to_string(),
            message,
        },
        cached: false,
    }
}

fn work(job: &Job, ctx: &Ctx) -> Outcome {
    let bytes = match crate::input::read_bytes(&job.item.path) {
        Ok(b) => b,
        Err(e) => return fail(job, None, e.kind, e.message),
    };
    let sha = vanban_core::sha256_hex(&bytes);
    if ctx.up_to_date(job, &sha) {
        return Outcome::UpToDate {
            name: job.name.clone(),
            display: job.item.display.clone(),
            sha,
        };
    }
    if let Some(error) = ctx.known_failure(job, &sha) {
        return Outcome::Failed {
            name: job.name.clone(),
            sha: Some(sha),
            error,
            cached: true,
        };
    }
    if bytes.is_empty() {
        return fail(job, Some(sha), "empty", "empty file".into());
    }
    LAST_PANIC.with(|p| p.borrow_mut().take());
    match std::panic::catch_unwind(AssertUnwindSafe(|| convert(job, ctx, &bytes, &sha))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| vanban_core::panic_text(payload.as_ref()));
            fail(
                job,
                Some(sha),
                "panic",
                format!("internal failure: {message}"),
            )
        }
    }
}

fn convert(job: &Job, ctx: &Ctx, bytes: &[u8], sha: &str) -> Outcome {
    // Test hook: lets the end-to-end tests check that a worker panic is contained.
    if let Ok(needle) = std::env::var("VANBAN_TEST_PANIC_ON") {
        if !needle.is_empty() && job.item.display.contains(&needle) {
            panic!("test panic requested for {}", job.item.display);
        }
    }
    let doc = match vanban_core::process(bytes, &job.item.display, &ctx.opts) {
        Ok(d) => d,
        Err(e) => return fail(job, Some(sha.to_string()), e.kind(), e.to_string()),
    };
    let counts = Counts {
        pages: u64::from(doc.source.pages.unwrap_or(0)),
        references: doc.references.len() as u64,
        targets: doc.targets.len() as u64,
        tasks: doc.tasks.len() as u64,
    };
    let line = match (ctx.format, ctx.out) {
        (BatchFormat::Jsonl, _) => match serde_json::to_string(&doc) {
            Ok(s) => Some(s),
            Err(e) => {
                return fail(
                    job,
                    Some(sha.to_string()),
                    "write",
                    format!("cannot serialize: {e}"),
                )
            }
        },
        (BatchFormat::Json, Some(out)) => {
            let mut json = match serde_json::to_vec_pretty(&doc) {
                Ok(j) => j,
                Err(e) => {
                    return fail(
                        job,
                        Some(sha.to_string()),
                        "write",
                        format!("cannot serialize: {e}"),
                    )
                }
            };
            json.push(b'\n');
            if let Err(e) = write_atomic(out, &job.name, &json) {
                return fail(
                    job,
                    Some(sha.to_string()),
                    "write",
                    format!("cannot write {}: {e}", out.join(&job.name).display()),
                );
            }
            None
        }
        (BatchFormat::Json, None) => None,
    };
    Outcome::Converted {
        name: job.name.clone(),
        display: job.item.display.clone(),
        sha: sha.to_string(),
        bytes: bytes.len() as u64,
        counts,
        line,
        partial: doc
            .warnings
            .iter()
            .find(|w| w.starts_with("partial:"))
            .cloned(),
    }
}

/// Index the previous documents.jsonl: source.path -> sha256.
fn index_jsonl(path: &Path) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let Ok(f) = std::fs::File::open(path) else {
        return map;
    };
    for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
        if let Ok(d) = serde_json::from_str::<SourceOnly>(&line) {
            map.insert(d.source.path, d.source.sha256);
        }
    }
    map
}

/// Copy the lines of the previous documents.jsonl whose path is in `keep`.
fn copy_kept_lines(
    previous: &Path,
    keep: &HashSet<String>,
    w: &mut impl Write,
) -> std::io::Result<()> {
    if keep.is_empty() {
        return Ok(());
    }
    let f = std::fs::File::open(previous)?;
    let mut done = HashSet::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        if let Ok(d) = serde_json::from_str::<SourceOnly>(&line) {
            if keep.contains(&d.source.path) && done.insert(d.source.path) {
                w.write_all(line.as_bytes())?;
                w.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

/// Where progress goes: a bar on a terminal, log lines otherwise, or nothing.
enum Progress {
    Bar(ProgressBar),
    Lines { total: usize, done: usize },
    Quiet,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Self {
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] [{bar:30}] {pos}/{len} files · {rate} · ETA {eta} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("rate", |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1} files/s", s.per_sec());
            })
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress::Bar(bar)
        } else {
            Progress::Lines { total, done: 0 }
        }
    }

    fn step(&mut self, what: &str, path: &str, error: Option<&ErrorLine>) {
        match self {
            Progress::Bar(bar) => {
                if let Some(e) = error {
                    bar.println(format!(
                        "vanban batch: {what} {}: {}: {}",
                        e.path, e.kind, e.message
                    ));
                }
                bar.set_message(path.to_string());
                bar.inc(1);
            }
            Progress::Lines { total, done } => {
                *done += 1;
                match error {
                    Some(e) => eprintln!(
                        "vanban batch: [{done}/{total}] {what} {}: {}: {}",
                        e.path, e.kind, e.message
                    ),
                    None if what != "up to date" => {
                        eprintln!("vanban batch: [{done}/{total}] {what} {path}")
                    }
                    None => {}
                }
            }
            Progress::Quiet => {}
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Totals of one run.
#[derive(Debug, Default)]
struct Summary {
    converted: u64,
    up_to_date: u64,
    failed: u64,
    write_failed: u64,
    bytes: u64,
    counts: Counts,
}

/// Run the batch; returns the process exit code.
pub fn run(args: &BatchArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && args.format != BatchFormat::Jsonl {
        anyhow::bail!("batch: `-o -` writes JSON lines to standard output: add `--format jsonl`");
    }
    let out_dir: Option<PathBuf> = if to_stdout {
        None
    } else {
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("cannot create output folder {}", args.out.display()))?;
        Some(args.out.clone())
    };
    let skip: Vec<PathBuf> = out_dir
        .iter()
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect();

    let walked = walk::collect(&args.inputs, &walk::Documents, &skip);
    let mut jobs = assign_names(walked.items);
    if jobs.is_empty() && walked.errors.is_empty() {
        eprintln!("vanban batch: no documents found (looked for .txt .md .markdown .html .htm .pdf .docx)");
        return Ok(crate::EXIT_BAD_INPUT);
    }
    // Largest first: the long files start early and the pool ends evenly.
    jobs.sort_by_key(|j| std::cmp::Reverse(j.item.size));

    let manifest_path = out_dir.as_ref().map(|d| d.join(MANIFEST_FILE));
    let mut manifest: Manifest = manifest_path
        .as_ref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let tool = format!("vanban {}", env!("CARGO_PKG_VERSION"));
    let trust_failures = manifest.tool == tool;
    manifest.version = 1;
    manifest.tool = tool;
    let jsonl_path = out_dir.as_ref().map(|d| d.join(JSONL_FILE));
    let previous = match (&jsonl_path, args.format, args.force) {
        (Some(p), BatchFormat::Jsonl, false) => index_jsonl(p),
        _ => HashMap::new(),
    };
    let ctx = Ctx {
        out: out_dir.as_deref(),
        format: args.format,
        force: args.force,
        opts: args.ocr.options(args.timeout),
        manifest: manifest
            .entries
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        trust_failures,
        previous,
    };

    let mut errors_file = match &out_dir {
        Some(d) => Some(std::io::BufWriter::new(
            std::fs::File::create(d.join(ERRORS_FILE))
                .with_context(|| format!("cannot write {}", d.join(ERRORS_FILE).display()))?,
        )),
        None => None,
    };
    let mut summary = Summary::default();
    let mut report_error = |e: &ErrorLine, summary: &mut Summary| -> anyhow::Result<()> {
        // a partial result is converted (its JSON written) and listed for a re-download
        if e.kind != "partial" {
            summary.failed += 1;
        }
        if e.kind == "write" {
            summary.write_failed += 1;
        }
        match errors_file.as_mut() {
            Some(w) => {
                serde_json::to_writer(&mut *w, e)?;
                w.write_all(b"\n")?;
                w.flush()?;
            }
            None if to_stdout => {
                eprintln!("vanban batch: failed {}: {}: {}", e.path, e.kind, e.message)
            }
            None => {}
        }
        Ok(())
    };

    let total = jobs.len() + walked.errors.len();
    let mut progress = Progress::new(total, args.quiet);
    for w in &walked.errors {
        let e = ErrorLine {
            path: w.path.clone(),
            kind: "io".into(),
            message: w.message.clone(),
        };
        report_error(&e, &mut summary)?;
        progress.step("failed", &w.path, Some(&e));
    }

    // JSON lines go to a temporary file in OUT (renamed at the end) or to stdout.
    let jsonl_tmp = jsonl_path
        .as_ref()
        .map(|p| p.with_file_name(format!(".{JSONL_FILE}.tmp-{}", std::process::id())));
    let mut jsonl_out: Option<Box<dyn Write>> = match (args.format, &jsonl_tmp) {
        (BatchFormat::Jsonl, Some(tmp)) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?,
        ))),
        (BatchFormat::Jsonl, None) => {
            Some(Box::new(std::io::BufWriter::new(std::io::stdout().lock())))
        }
        _ => None,
    };
    let mut kept_lines: HashSet<String> = HashSet::new();

    let pool = worker_pool(args.jobs)?;
    let threads = pool.current_num_threads();
    // Worker panics are caught and reported as error lines; keep their message, not the
    // default hook's print over the progress bar.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let msg = vanban_core::panic_text(info.payload());
        let text = match info.location() {
            Some(l) => format!("{msg} ({}:{})", l.file(), l.line()),
            None => msg,
        };
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
    }));

    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(threads * 4);
    let loop_result: anyhow::Result<()> = std::thread::scope(|s| {
        let ctx = &ctx;
        let jobs = &jobs;
        let pool = &pool;
        s.spawn(move || in_order(pool, jobs, tx, |job| work(job, ctx)));
        for outcome in rx {
            match outcome {
                Outcome::Converted {
                    name,
                    display,
                    sha,
                    bytes,
                    counts,
                    line,
                    partial,
                } => {
                    if let Some(message) = partial {
                        let e = ErrorLine {
                            path: display.clone(),
                            kind: "partial".into(),
                            message,
                        };
                        report_error(&e, &mut summary)?;
                    }
                    summary.converted += 1;
                    summary.bytes += bytes;
                    summary.counts.pages += counts.pages;
                    summary.counts.references += counts.references;
                    summary.counts.targets += counts.targets;
                    summary.counts.tasks += counts.tasks;
                    if let (Some(w), Some(line)) = (jsonl_out.as_mut(), line) {
                        w.write_all(line.as_bytes())?;
                        w.write_all(b"\n")?;
                    }
                    progress.step("converted", &display, None);
                    if args.format == BatchFormat::Json {
                        manifest.entries.insert(
                            name,
                            ManifestEntry {
                                input: display,
                                sha256: sha,
                                error: None,
                            },
                        );
                    }
                }
                Outcome::UpToDate { name, display, sha } => {
                    summary.up_to_date += 1;
                    progress.step("up to date", &display, None);
                    if args.format == BatchFormat::Json {
                        manifest.entries.insert(
                            name,
                            ManifestEntry {
                                input: display,
                                sha256: sha,
                                error: None,
                            },
                        );
                    } else {
                        kept_lines.insert(display);
                    }
                }
                Outcome::Failed {
                    name,
                    sha,
                    error,
                    cached,
                } => {
                    report_error(&error, &mut summary)?;
                    progress.step(
                        if cached {
                            "failed (unchanged input)"
                        } else {
                            "failed"
                        },
                        &error.path,
                        Some(&error),
                    );
                    if args.format == BatchFormat::Json && error.kind != "write" {
                        match sha {
                            Some(sha256) => {
                                // The input now reads as something that does not convert: an
                                // older output for it would be stale.
                                if let Some(d) = &out_dir {
                                    let _ = std::fs::remove_file(d.join(&name));
                                }
                                let entry = ManifestEntry {
                                    input: error.path.clone(),
                                    sha256,
                                    error: Some(error),
                                };
                                manifest.entries.insert(name, entry);
                            }
                            None => {
                                manifest.entries.remove(&name);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    });
    let _ = std::panic::take_hook();
    std::panic::set_hook(previous_hook);
    progress.finish();
    loop_result?;

    if let Some(mut w) = jsonl_out.take() {
        if let (Some(prev), Some(tmp)) = (&jsonl_path, &jsonl_tmp) {
            copy_kept_lines(prev, &kept_lines, &mut w)
                .with_context(|| format!("cannot copy unchanged lines of {}", prev.display()))?;
            w.flush()?;
            drop(w);
            std::fs::rename(tmp, prev)
                .with_context(|| format!("cannot write {}", prev.display()))?;
        } else {
            w.flush()?;
        }
    }
    if let (Some(d), BatchFormat::Json) = (&out_dir, args.format) {
        let json = serde_json::to_vec_pretty(&manifest)?;
        write_atomic(d, MANIFEST_FILE, &json)
            .with_context(|| format!("cannot write {}", d.join(MANIFEST_FILE).display()))?;
    }

    print_summary(&summary, started.elapsed(), threads, out_dir.as_deref());
    Ok(if summary.write_failed > 0 {
        crate::EXIT_FAILURE
    } else if summary.failed > 0 {
        crate::EXIT_PARTIAL
    } else {
        crate::EXIT_OK
    })
}

fn print_summary(s: &Summary, elapsed: Duration, threads: usize, out: Option<&Path>) {
    let secs = elapsed.as_secs_f64();
    let mb = s.bytes as f64 / 1_000_000.0;
    let rate = if secs > 0.0 { mb / secs } else { 0.0 };
    let total = s.converted + s.up_to_date + s.failed;
    eprintln!(
        "vanban batch: {total} files: {} converted, {} up to date (skipped), {} failed{}",
        s.converted,
        s.up_to_date,
        s.failed,
        match (s.failed, out) {
            (0, _) | (_, None) => String::new(),
            (_, Some(d)) => format!(" (see {})", d.join(ERRORS_FILE).display()),
        }
    );
    eprintln!(
        "vanban batch: documents {} · pages {} · references {} · targets {} · tasks {} · errors {} · skipped {}",
        s.converted, s.counts.pages, s.counts.references, s.counts.targets, s.counts.tasks, s.failed, s.up_to_date
    );
    eprintln!(
        "vanban batch: time {secs:.2} s · {mb:.2} MB converted · {rate:.2} MB/s · {threads} jobs"
    );
}

/// Run `work` on every item on the pool's workers, sending each result to `tx`: one queue
/// in the items' order, each worker taking the next item when it is free (the batch's jobs
/// are sorted largest first, so the long files start early). A parallel iterator would cut
/// the list in halves and the second worker would start in the middle of it. Stops taking
/// items when the receiver is gone.
fn in_order<T: Sync, R: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    tx: std::sync::mpsc::SyncSender<R>,
    work: impl Fn(&T) -> R + Sync,
) {
    let next = AtomicUsize::new(0);
    let workers = pool.current_num_threads();
    pool.install(|| {
        (0..workers)
            .into_par_iter()
            .with_max_len(1)
            .for_each_with(tx, |tx, _| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if tx.send(work(item)).is_err() {
                        break;
                    }
                }
            })
    });
}

/// A rayon pool of `jobs` workers (default: the number of cores), shared by batch and audit.
pub(crate) fn worker_pool(jobs: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    let threads = jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_take_the_items_in_their_order() {
        let pool = worker_pool(Some(2)).expect("pool");
        let items: Vec<usize> = (0..8).collect();
        let started = std::sync::Mutex::new(Vec::new());
        let (tx, rx) = std::sync::mpsc::sync_channel(items.len());
        in_order(&pool, &items, tx, |&i| {
            started.lock().expect("lock").push(i);
            // long enough for the other worker to take its first item meanwhile
            std::thread::sleep(Duration::from_millis(30));
            i * 10
        });
        let mut got: Vec<usize> = rx.iter().collect();
        got.sort_unstable();
        assert_eq!(got, (0..8).map(|i| i * 10).collect::<Vec<_>>());
        let started = started.into_inner().expect("lock");
        // the two workers begin with the first two items (halving would give 0 and 4)
        let mut first: Vec<usize> = started.iter().take(2).copied().collect();
        first.sort_unstable();
        assert_eq!(first, vec![0, 1]);
        let mut all = started;
        all.sort_unstable();
        assert_eq!(all, items);
    }

    #[test]
    fn output_names_flatten_paths_and_stay_distinct() {
        assert_eq!(output_name("a/b/c.pdf"), "a__b__c.pdf.json");
        assert_eq!(output_name("x.md"), "x.md.json");
        assert_eq!(output_name(".x"), "_.x.json");
        let deep = format!("{}/kế-hoạch.pdf", ["Ủy ban nhân dân tỉnh"; 20].join("/"));
        let name = output_name(&deep);
        assert!(name.len() <= 210, "{}", name.len());
        assert!(name.ends_with("__kế-hoạch.pdf.json"));
        assert_ne!(name, output_name(&deep.replacen("Ủy", "Uy", 1)));
        let item = |rel: &str| walk::Item {
            path: rel.into(),
            display: rel.into(),
            relative: rel.into(),
            size: 0,
        };
        let jobs = assign_names(vec![
            item("a.txt"),
            item("a.txt"),
            item("a.txt"),
            item("b.txt"),
        ]);
        let names: Vec<_> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(
            names,
            ["a.txt.json", "a.txt~2.json", "a.txt~3.json", "b.txt.json"]
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let d = std::env::temp_dir().join(format!("vanban-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        write_atomic(&d, "f.json", b"one").unwrap();
        write_atomic(&d, "f.json", b"two").unwrap();
        assert_eq!(std::fs::read(d.join("f.json")).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(write_atomic(&d.join("missing-dir"), "f.json", b"x").is_err());
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn panic_payloads_read() {
        let p = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(vanban_core::panic_text(p.as_ref()), "boom 1");
        let p = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(vanban_core::panic_text(p.as_ref()), "panic");
    }

    #[test]
    fn jsonl_index_and_copy_keep_only_wanted_lines() {
        let d = std::env::temp_dir().join(format!("vanban-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let p = d.join("documents.jsonl");
        std::fs::write(&p, "{\"source\":{\"path\":\"a\",\"sha256\":\"1\"}}\nnot json\n{\"source\":{\"path\":\"b\",\"sha256\":\"2\"}}\n").unwrap();
        let ix = index_jsonl(&p);
        assert_eq!(ix.len(), 2);
        assert_eq!(ix["b"], "2");
        let mut out = Vec::new();
        copy_kept_lines(&p, &HashSet::from(["b".to_string()]), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"source\":{\"path\":\"b\",\"sha256\":\"2\"}}\n"
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}
