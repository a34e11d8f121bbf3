//! Print the references of files (crudely normalized: wrapped lines joined).
//! `cargo run -p vanban-refs --example refs_dump -- corpus/*.txt`
fn crude_normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let ends = l.ends_with(['.', ';', ':']) || l.chars().count() < 40;
        out.push_str(l);
        out.push(if ends { '\n' } else { ' ' });
    }
    out
}

fn main() {
    let verbose = std::env::var("VERBOSE").is_ok();
    for p in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&p).expect("read");
        let text = if std::env::var("RAW").is_ok() {
            raw.clone()
        } else {
            crude_normalize(&raw)
        };
        let out = vanban_refs::extract(&text, None);
        println!("# {p}");
        for r in &out.references {
            println!("  {}", vanban_refs::format_line(r));
            if verbose {
                if let Some(t) = &r.title {
                    println!("      title: {t}");
                }
                let chars: Vec<char> = text.chars().collect();
                for m in &r.mentions {
                    let s: String = chars[m.start..m.end].iter().collect();
                    println!("      - {s}");
                }
            }
        }
        for w in &out.warnings {
            println!("  ! {w}");
        }
    }
}
