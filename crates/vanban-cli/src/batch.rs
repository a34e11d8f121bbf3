//! `vanban batch`: convert files and folders in parallel, atomically, resumably.
use std::path::PathBuf;

/// Arguments of `vanban batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Input files and folders (folders are walked recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long)]
    pub out: PathBuf,
}

/// Run the batch; returns the process exit code.
pub fn run(args: &BatchArgs) -> anyhow::Result<i32> {
    let _ = args;
    anyhow::bail!("batch: not implemented yet")
}
