//! The `vanban` command-line tool: the only crate that touches the file system.
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: vanban extract|normalize FILE");
        std::process::exit(2);
    }
    let path = &args[2];
    let mut bytes = Vec::new();
    if path == "-" {
        let _ = std::io::stdin().read_to_end(&mut bytes);
    } else {
        bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("vanban: {path}: {e}");
                std::process::exit(2);
            }
        };
    }
    let opts = vanban_core::Options::default();
    match args[1].as_str() {
        "normalize" => match vanban_core::normalize_bytes(&bytes, path, &opts) {
            Ok(n) => print!("{}", n.text),
            Err(e) => {
                eprintln!("vanban: {path}: {e}");
                std::process::exit(2);
            }
        },
        _ => match vanban_core::process(&bytes, path, &opts) {
            Ok(d) => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
            Err(e) => {
                eprintln!("vanban: {path}: {e}");
                std::process::exit(2);
            }
        },
    }
}
