//! `vanban audit`: citation matrix, targets and tasks across a corpus.
use std::path::PathBuf;

/// Arguments of `vanban audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Inputs (documents, folders, or a batch's output folder).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Report folder.
    #[arg(short, long)]
    pub out: PathBuf,
}

/// Run the audit; returns the process exit code.
pub fn run(args: &AuditArgs) -> anyhow::Result<i32> {
    let _ = args;
    anyhow::bail!("audit: not implemented yet")
}
