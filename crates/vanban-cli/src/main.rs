//! The `vanban` command-line tool: the only crate that touches the file system.
fn main() {}
