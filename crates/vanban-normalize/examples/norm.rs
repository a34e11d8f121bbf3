//! Normalize a text file given as the first argument (a development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    match std::fs::read_to_string(&path) {
        Ok(s) => print!("{}", vanban_normalize::normalize_text(&s)),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
