//! Torture set: every fixture PDF truncated at 10 points and with 20 seeded random byte
//! flips. No panic may escape and every file must extract or error within the budget.
use std::path::PathBuf;
use std::time::{Duration, Instant};
use vanban_pdf::{read_pdf, PdfOptions};

/// xorshift64*: small, seeded, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn fixture_pdfs() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut out = Vec::new();
    for dir in ["pdf", "torture"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            if p.is_file() {
                out.push((
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out
}

#[test]
fn truncated_and_bit_flipped_files_never_panic_nor_overrun() {
    let budget = Duration::from_secs(5);
    // OCR off: this is the parser's torture; 30 variants of the scan fixture through the
    // engine would add minutes and test Tesseract, not us
    let opts = PdfOptions {
        timeout: budget,
        ocr: vanban_pdf::OcrMode::Never,
        ..Default::default()
    };
    let mut rng = Rng(0x5EED_0006_u64);
    let (mut tried, mut ok, mut errors, mut slow) = (0usize, 0usize, 0usize, Vec::new());
    for (name, bytes) in fixture_pdfs() {
        let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
        for k in 1..=10 {
            let cut = bytes.len() * k / 11;
            variants.push((format!("{name} cut at {cut}"), bytes[..cut].to_vec()));
        }
        for f in 0..20 {
            let mut b = bytes.clone();
            if b.is_empty() {
                continue;
            }
            let flips = 1 + rng.below(8);
            for _ in 0..flips {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            variants.push((format!("{name} flip set {f}"), b));
        }
        for (label, v) in variants {
            tried += 1;
            let t = Instant::now();
            // read_pdf contains panics itself; catch_unwind here proves none escapes
            let r = std::panic::catch_unwind(|| read_pdf(&v, &opts));
            let took = t.elapsed();
            match r {
                Ok(Ok(_)) => ok += 1,
                Ok(Err(e)) => {
                    errors += 1;
                    assert!(
                        !e.to_string().contains('\n'),
                        "{label}: multi-line error {e}"
                    );
                }
                Err(_) => panic!("{label}: a panic escaped read_pdf"),
            }
            if took > budget + Duration::from_secs(1) {
                slow.push(format!("{label}: {took:?}"));
            }
        }
    }
    eprintln!(
        "torture: {tried} files, {ok} extracted, {errors} errors, {} over budget",
        slow.len()
    );
    assert!(tried >= 400, "{tried}");
    assert!(slow.is_empty(), "{slow:?}");
}
