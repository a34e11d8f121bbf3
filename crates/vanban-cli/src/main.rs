//! The `vanban` command-line tool: the only crate that touches the file system.
#![forbid(unsafe_code)]

mod audit;
mod batch;
mod input;
mod quote;
mod report;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Exit code: every input converted.
pub const EXIT_OK: i32 = 0;
/// Exit code: a failure that is not the input's fault (I/O on output, internal error).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: bad input (unreadable, empty, binary, encrypted, scanned …).
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code of `batch`: some inputs failed (listed in errors.jsonl), the rest converted.
pub const EXIT_PARTIAL: i32 = 3;

const AFTER_HELP: &str = "\
Examples:
  vanban normalize corpus/dak-lak-ke-hoach-70-kl-tw-2020.txt
  vanban extract corpus/kien-giang-251-kh-ubnd-2023.md > kien-giang.json
  cat plan.pdf | vanban extract -
  vanban refs corpus/*.txt
  vanban targets corpus/*            # several files: the province is printed too
  vanban tasks plan.md --agency 'Sở Nông nghiệp' --format csv
  vanban batch corpus/ -o out/ --jobs 2
  vanban audit out/ -o report/

Exit codes:
  0  success
  1  other failure (writing output, internal error)
  2  bad input (missing, unreadable, empty, binary, encrypted, scanned PDF, ...)
  3  batch: some inputs failed (see OUT/errors.jsonl), the others converted";

/// vanban: Vietnamese government plans and reports to structured JSON.
///
/// Chuyển kế hoạch, báo cáo của cơ quan nhà nước Việt Nam thành JSON có cấu trúc.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    /// Pretty JSON, one object per document.
    Json,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TaskFormat {
    /// Aligned columns for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum OcrWhen {
    /// Scanned pages and image files (pages without usable text that draw an image, or a
    /// few words added over a scan).
    Auto,
    /// Every page that draws a scan, even over a text layer.
    Always,
    /// Never: a scan is an error.
    Never,
}

/// OCR options shared by every command that reads documents.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct OcrArgs {
    /// When to read pages by OCR (Tesseract with its Vietnamese model).
    #[arg(long, value_enum, default_value_t = OcrWhen::Auto)]
    pub ocr: OcrWhen,
    /// OCR languages, Tesseract style: "vie", "vie+eng".
    #[arg(long = "ocr-lang", default_value = "vie")]
    pub ocr_lang: String,
    /// Resolution OCR works at; lower-resolution scans are enlarged to it.
    #[arg(long = "ocr-dpi", default_value_t = 200)]
    pub ocr_dpi: u32,
    /// Seconds added to the time budget for each page read by OCR.
    #[arg(long = "ocr-page-timeout", default_value_t = 30)]
    pub ocr_page_timeout: u64,
}

impl OcrArgs {
    /// Core options with this OCR setup and a per-file budget of `timeout` seconds.
    pub fn options(&self, timeout: u64) -> vanban_core::Options {
        vanban_core::Options {
            timeout: Duration::from_secs(timeout.max(1)),
            ocr: match self.ocr {
                OcrWhen::Auto => vanban_core::OcrMode::Auto,
                OcrWhen::Always => vanban_core::OcrMode::Always,
                OcrWhen::Never => vanban_core::OcrMode::Never,
            },
            ocr_languages: self.ocr_lang.clone(),
            ocr_dpi: self.ocr_dpi.clamp(70, 1200),
            ocr_page_budget: Duration::from_secs(self.ocr_page_timeout.max(1)),
            progress: None,
        }
    }
}

#[derive(Debug, clap::Args)]
struct ReadArgs {
    /// Per-file time budget for reading, in seconds (OCR adds --ocr-page-timeout per page).
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    #[command(flatten)]
    ocr: OcrArgs,
}

impl ReadArgs {
    fn options(&self) -> vanban_core::Options {
        self.ocr.options(self.timeout)
    }
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Print the normalized text of a file (or `-` for stdin).
    Normalize {
        /// Input file, or `-` for standard input.
        file: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the contract JSON of one or more files.
    Extract {
        /// Input files, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Json)]
        format: OutFormat,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print one line per referenced document.
    Refs {
        /// Input files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print one line per numeric target.
    Targets {
        /// Input files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only targets with this deadline year.
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the tasks (assignments) as a table or CSV.
    Tasks {
        /// Input files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only tasks whose lead or partner agencies contain this text (case-insensitive).
        #[arg(long)]
        agency: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TaskFormat::Table)]
        format: TaskFormat,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Convert files and folders to JSON in parallel (resumable).
    Batch(batch::BatchArgs),
    /// Citation matrix, targets and tasks across documents.
    Audit(audit::AuditArgs),
    /// Print the JSON Schema of the output contract.
    Schema,
}

/// mimalloc instead of glibc's malloc: a PDF's life is many short allocations and a few
/// large buffers (the file, inflated streams) that glibc maps and unmaps on every call;
/// mimalloc keeps them, which saves page faults and about a tenth of the CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The last panic of a thread other than the main one. Such panics are contained where
/// they happen (a damaged PDF's reader thread, an OCR page) and come out as the file's
/// error or a warning, so the default hook's "thread '…' panicked at …" print, which looks
/// like a crash, is not shown; it is kept here for the one case it matters, a panic that
/// reaches the main thread.
static LAST_WORKER_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn quiet_contained_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = vanban_core::panic_text(info.payload());
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        if std::thread::current().name() == Some("main") {
            let worker = LAST_WORKER_PANIC
                .lock()
                .ok()
                .and_then(|g| g.clone())
                .map(|w| format!("; first in a worker: {w}"))
                .unwrap_or_default();
            eprintln!("vanban: internal error: {msg}{at}{worker} (please report it)");
        } else if let Ok(mut g) = LAST_WORKER_PANIC.lock() {
            *g = Some(format!("{msg}{at}"));
        }
    }));
}

fn main() {
    quiet_contained_panics();
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vanban: {e:#}");
            EXIT_FAILURE
        }
    };
    std::process::exit(code);
}

fn run(cli: Cli) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.cmd {
        Cmd::Normalize { file, read } => match input::normalize(&file, &read.options()) {
            Ok(n) => {
                out.write_all(n.text.as_bytes())?;
                EXIT_OK
            }
            Err(e) => e.report(),
        },
        Cmd::Extract {
            files,
            format,
            read,
        } => {
            let mut code = EXIT_OK;
            for f in &files {
                match input::process(f, &read.options()) {
                    Ok(doc) => {
                        match format {
                            OutFormat::Json => serde_json::to_writer_pretty(&mut out, &doc)?,
                            OutFormat::Jsonl => serde_json::to_writer(&mut out, &doc)?,
                        }
                        out.write_all(b"\n")?;
                    }
                    Err(e) => code = e.report(),
                }
            }
            code
        }
        Cmd::Refs { files, read } => {
            let mut code = EXIT_OK;
            let many = files.len() > 1;
            for f in &files {
                match input::process(f, &read.options()) {
                    Ok(doc) => {
                        if many {
                            writeln!(out, "# {}", f.display())?;
                        }
                        for r in &doc.references {
                            writeln!(out, "{}", vanban_refs::format_line(r))?;
                        }
                    }
                    Err(e) => code = e.report(),
                }
            }
            code
        }
        Cmd::Targets { files, year, read } => {
            let mut code = EXIT_OK;
            let many = files.len() > 1;
            for f in &files {
                match input::process(f, &read.options()) {
                    Ok(doc) => {
                        let province = doc.metadata.province.clone().unwrap_or_else(|| "?".into());
                        for t in doc
                            .targets
                            .iter()
                            .filter(|t| year.is_none() || t.year == year)
                        {
                            if many {
                                writeln!(out, "{province}\t{}", vanban_targets::format_line(t))?;
                            } else {
                                writeln!(out, "{}", vanban_targets::format_line(t))?;
                            }
                        }
                    }
                    Err(e) => code = e.report(),
                }
            }
            code
        }
        Cmd::Tasks {
            files,
            agency,
            format,
            read,
        } => {
            let mut code = EXIT_OK;
            let mut rows: Vec<Vec<String>> = Vec::new();
            let many = files.len() > 1;
            let needle = agency.map(|a| a.to_lowercase());
            for f in &files {
                match input::process(f, &read.options()) {
                    Ok(doc) => {
                        let tasks: Vec<_> = doc
                            .tasks
                            .iter()
                            .filter(|t| match &needle {
                                None => true,
                                Some(n) => t
                                    .lead
                                    .iter()
                                    .chain(&t.partners)
                                    .any(|a| a.to_lowercase().contains(n)),
                            })
                            .cloned()
                            .collect();
                        for mut r in vanban_tables::tasks_to_rows(&tasks) {
                            if many {
                                r.insert(0, doc.metadata.province.clone().unwrap_or_default());
                            }
                            rows.push(r);
                        }
                    }
                    Err(e) => code = e.report(),
                }
            }
            let mut header: Vec<String> = [
                "stt", "group", "task", "lead", "partners", "result", "deadline", "source",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            if many {
                header.insert(0, "province".into());
            }
            match format {
                TaskFormat::Csv => {
                    let mut w = csv::Writer::from_writer(&mut out);
                    w.write_record(&header)?;
                    for r in &rows {
                        w.write_record(r)?;
                    }
                    w.flush()?;
                }
                TaskFormat::Table => input::print_table(&mut out, &header, &rows)?,
            }
            code
        }
        Cmd::Batch(args) => {
            drop(out);
            return batch::run(&args);
        }
        Cmd::Audit(args) => {
            drop(out);
            return audit::run(&args);
        }
        Cmd::Schema => {
            let schema = schemars::schema_for!(vanban_model::Document);
            serde_json::to_writer_pretty(&mut out, &schema)?;
            out.write_all(b"\n")?;
            EXIT_OK
        }
    };
    out.flush()?;
    Ok(code)
}
