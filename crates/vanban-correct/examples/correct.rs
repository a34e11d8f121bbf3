//! Corrects OCR text from standard input (used by scripts/ocr-cer.py).
//!
//! `correct [--tsv] [--conf N] [--data LEXICON]`
//! - plain text: every word through `correct_text` (confidence unknown), or with `--conf N`
//!   every word given confidence N;
//! - `--tsv`: Tesseract TSV; the page's words with their confidences through `correct_words`,
//!   printed one OCR line per line, words joined by a space;
//! - `--data FILE`: a lexicon made by scripts/build-lexicon.py instead of the built-in one;
//! - `--thresholds LOW_CONF,MARGIN_UNKNOWN,MARGIN_KNOWN,MIN_SUPPORT`: tuning.
use std::io::Read;
use vanban_correct::{Corrector, OcrToken};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let mut corrector = match opt("--data") {
        Some(path) => Corrector::from_data(&std::fs::read_to_string(path)?)?,
        None => Corrector::from_data(vanban_correct::LEXICON_DATA)?,
    };
    if let Some(th) = opt("--thresholds") {
        // low_conf,margin_unknown,margin_known,min_support_known (for tuning)
        let v: Vec<f64> = th.split(',').map(str::parse).collect::<Result<_, _>>()?;
        if let [a, b, c, d] = v[..] {
            corrector.thresholds = vanban_correct::Thresholds {
                low_conf: a as f32,
                margin_unknown: b,
                margin_known: c,
                min_support_known: d as u32,
            };
        }
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    if args.iter().any(|a| a == "--tsv") {
        // level 5 rows: level page block par line word left top width height conf text
        let mut words: Vec<(String, OcrToken)> = Vec::new();
        for row in input.lines().skip(1) {
            let cols: Vec<&str> = row.split('\t').collect();
            if cols.len() < 12 || cols[0] != "5" || cols[11].trim().is_empty() {
                continue;
            }
            let line = cols[1..5].join(".");
            let conf = cols[10].parse().unwrap_or(-1.0);
            words.push((
                line,
                OcrToken {
                    text: cols[11],
                    conf,
                },
            ));
        }
        let toks: Vec<OcrToken> = words.iter().map(|(_, t)| *t).collect();
        let fixed = corrector.correct_words(&toks);
        let mut out = String::new();
        let mut cur: Option<&str> = None;
        for ((line, _), w) in words.iter().zip(&fixed) {
            match cur {
                Some(c) if c == line => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            cur = Some(line);
            out.push_str(w);
        }
        println!("{out}");
    } else if let Some(conf) = opt("--conf") {
        print!("{}", corrector.correct_text_conf(&input, conf.parse()?));
    } else {
        print!("{}", corrector.correct_text(&input));
    }
    Ok(())
}
