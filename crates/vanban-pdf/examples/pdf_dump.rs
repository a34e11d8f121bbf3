//! Print what `read_pdf` makes of a PDF: `cargo run -p vanban-pdf --example pdf_dump -- FILE.pdf`.
use vanban_model::Block;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match vanban_pdf::read_pdf(&bytes, &Default::default()) {
            Err(e) => println!("{path}: error: {e}"),
            Ok(doc) => {
                for w in &doc.warnings {
                    eprintln!("warning: {w}");
                }
                for b in &doc.blocks {
                    match b {
                        Block::Line(s) | Block::Paragraph(s) => println!("{s}"),
                        Block::PageBreak => println!("\u{c}"),
                        Block::Table(t) => {
                            println!("[table p{:?}]", t.page);
                            for r in &t.rows {
                                println!("| {} |", r.join(" | "));
                            }
                        }
                    }
                }
            }
        }
    }
}
