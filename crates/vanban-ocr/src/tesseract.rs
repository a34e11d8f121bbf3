//! Tesseract through its command line: one process per page image, the image piped in as
//! PGM on stdin, TSV read from stdout; the child is killed at the deadline.

use crate::gray::Gray;
use crate::OcrError;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

/// The packages that provide the engine and its Vietnamese model (Debian/Ubuntu).
pub const INSTALL_HINT: &str = "apt-get install tesseract-ocr tesseract-ocr-vie";

/// One recognized word, in pixels of the image given to the engine.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OcrWord {
    /// The word as read.
    pub text: String,
    /// The engine's confidence, 0–100.
    pub conf: f32,
    /// Left edge.
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// One text line as the engine segmented it: its box and its words left to right.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OcrLine {
    /// Left edge.
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Words, left to right.
    pub words: Vec<OcrWord>,
}

impl OcrLine {
    /// A line of the given words with no boxes (for the text rules of [`crate::digits`]).
    ///
    /// ```
    /// use vanban_ocr::OcrLine;
    /// let l = OcrLine::of_words(&["ngày", "12"]);
    /// assert_eq!((l.words.len(), l.words[1].text.as_str()), (2, "12"));
    /// ```
    pub fn of_words(words: &[&str]) -> OcrLine {
        OcrLine {
            words: words
                .iter()
                .map(|w| OcrWord {
                    text: (*w).to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }
}

/// An installed Tesseract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tesseract {
    /// The program run ("tesseract", or a path).
    pub program: String,
    /// "5.3.0".
    pub version: String,
    /// Installed language models ("vie", "eng", "osd").
    pub languages: Vec<String>,
}

impl Tesseract {
    /// Find the engine: `tesseract --version` and `--list-langs`. A missing program is
    /// [`OcrError::NotInstalled`] naming the packages to install.
    pub fn probe(program: &str) -> Result<Tesseract, OcrError> {
        let out = Command::new(program)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| {
                OcrError::NotInstalled(format!(
                    "cannot run `{program}` ({e}); install it: {INSTALL_HINT}"
                ))
            })?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let version = parse_version(&text).ok_or_else(|| {
            OcrError::NotInstalled(format!(
                "`{program} --version` printed no version; install: {INSTALL_HINT}"
            ))
        })?;
        let langs = Command::new(program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| OcrError::NotInstalled(format!("cannot run `{program}`: {e}")))?;
        let listing = format!(
            "{}{}",
            String::from_utf8_lossy(&langs.stdout),
            String::from_utf8_lossy(&langs.stderr)
        );
        Ok(Tesseract {
            program: program.to_string(),
            version,
            languages: parse_languages(&listing),
        })
    }

    /// Every language of `langs` ("vie+eng") installed, or [`OcrError::MissingLanguage`].
    pub fn check_languages(&self, langs: &str) -> Result<(), OcrError> {
        for l in langs.split('+').filter(|l| !l.is_empty()) {
            if !self.languages.iter().any(|have| have == l) {
                let pkg = format!("tesseract-ocr-{}", l.to_ascii_lowercase().replace('_', "-"));
                return Err(OcrError::MissingLanguage(format!(
                    "Tesseract has no `{l}` model (installed: {}); install: apt-get install {pkg}",
                    self.languages.join(", ")
                )));
            }
        }
        Ok(())
    }

    /// Recognize one page image: its lines and words (TSV output), `dpi` told to the engine,
    /// page segmentation mode `psm` (3: automatic; 6: one block).
    pub fn recognize(
        &self,
        img: &Gray,
        dpi: u32,
        langs: &str,
        psm: u8,
        deadline: Instant,
    ) -> Result<Vec<OcrLine>, OcrError> {
        let out = self.run(
            &tsv_args(langs, Some(dpi), psm, &[]),
            img.to_pgm(),
            deadline,
        )?;
        Ok(parse_tsv(&out))
    }

    /// Read digits only (the characters 0–9 allowed; `psm` 7 a line, 8 a word) on each page
    /// of a multi-page TIFF ([`crate::gray::tiff_pages`]; each page carries its resolution):
    /// the second look at numbers a page reading garbled ("2#", "4ó6"), all crops of a page
    /// in one process. English's model when installed (its digits are the best trained),
    /// else the first of `langs`. Per page: the digits read and the lowest word confidence,
    /// `None` when nothing was read.
    pub fn recognize_digit_pages(
        &self,
        tiff: &[u8],
        langs: &str,
        psm: u8,
        deadline: Instant,
    ) -> Result<Vec<Option<(String, f32)>>, OcrError> {
        let lang = if self.languages.iter().any(|l| l == "eng") {
            "eng"
        } else {
            langs.split('+').next().unwrap_or("vie")
        };
        let digits_only = ["-c", "tessedit_char_whitelist=0123456789"];
        let args = tsv_args(lang, None, psm, &digits_only);
        let out = self.run(&args, tiff.to_vec(), deadline)?;
        Ok(parse_tsv_pages(&out))
    }

    /// The characters of one line image (`--psm 7`) with their left and right edges, from
    /// the engine's hOCR character boxes: where each glyph of a word stands when the word
    /// ran into its neighbours ([`crate::digits::day_gap`]).
    pub fn char_boxes(
        &self,
        img: &Gray,
        dpi: u32,
        langs: &str,
        deadline: Instant,
    ) -> Result<Vec<(String, u32, u32)>, OcrError> {
        let mut args: Vec<String> = ["stdin", "stdout", "-l", langs, "--dpi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.push(dpi.clamp(70, 2400).to_string());
        for a in ["--psm", "7", "-c", "hocr_char_boxes=1", "hocr"] {
            args.push(a.to_string());
        }
        let out = self.run(&args, img.to_pgm(), deadline)?;
        Ok(parse_hocr_chars(&out))
    }

    /// Orientation and script detection (`--psm 0`): the clockwise turn in degrees that
    /// makes the page upright, with the engine's confidence; `None` when it cannot tell.
    pub fn orientation(
        &self,
        img: &Gray,
        dpi: u32,
        deadline: Instant,
    ) -> Result<Option<(u32, f32)>, OcrError> {
        let args = [
            "stdin".to_string(),
            "stdout".to_string(),
            "--dpi".to_string(),
            dpi.clamp(70, 2400).to_string(),
            "--psm".to_string(),
            "0".to_string(),
        ];
        match self.run(&args, img.to_pgm(), deadline) {
            Ok(out) => Ok(parse_osd(&out)),
            // too few characters to tell is an engine error, not a failure of the page
            Err(OcrError::Engine(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn run(&self, args: &[String], input: Vec<u8>, deadline: Instant) -> Result<String, OcrError> {
        let mut child = Command::new(&self.program)
            .args(args)
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                OcrError::NotInstalled(format!(
                    "cannot run `{}` ({e}); install: {INSTALL_HINT}",
                    self.program
                ))
            })?;
        let stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(mut s) = stdin {
                // a child that exits early closes the pipe: not our error to report
                let _ = s.write_all(&input);
            }
        });
        // The end of its output is the child's exit: waited for on a channel, so the reading
        // is taken the moment it is complete (polling the child would add up to a pause to
        // every run, and a page's second look runs several short ones).
        let stdout = child.stdout.take();
        let (out_tx, out_rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut s) = stdout {
                let _ = s.read_to_end(&mut buf);
            }
            let _ = out_tx.send(buf);
        });
        let stderr = child.stderr.take();
        let (err_tx, err_rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut s) = stderr {
                // the start kept for the message, the rest drained so the child never blocks
                let _ = (&mut s).take(64 * 1024).read_to_end(&mut buf);
                let _ = std::io::copy(&mut s, &mut std::io::sink());
            }
            let _ = err_tx.send(buf);
        });
        // The helper threads are not joined: a child's own child (an engine started by a
        // wrapper script) can hold the pipes open after it is killed.
        drop(writer);
        let status = match out_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(out) => wait_until(&mut child, deadline).map(|st| st.map(|st| (st, out))),
            Err(RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                let _ = child.wait();
                None
            }
            // the reading thread is gone: its output with it
            Err(RecvTimeoutError::Disconnected) => {
                wait_until(&mut child, deadline).map(|st| st.map(|st| (st, Vec::new())))
            }
        };
        match status {
            None => Err(OcrError::Timeout),
            Some(Ok((st, out))) if st.success() => Ok(String::from_utf8_lossy(&out).into_owned()),
            Some(Ok((st, _))) => {
                // its message, if it comes soon (a grandchild may hold the pipe)
                let wait = deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_secs(2));
                let err = err_rx.recv_timeout(wait).unwrap_or_default();
                let msg = String::from_utf8_lossy(&err);
                let last = msg
                    .lines()
                    .rfind(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim()
                    .to_string();
                Err(OcrError::Engine(format!("tesseract {st}: {last}")))
            }
            Some(Err(e)) => Err(OcrError::Engine(format!("waiting for tesseract: {e}"))),
        }
    }
}

/// The characters of an hOCR page with character boxes (`hocr_char_boxes=1`): each
/// `ocrx_cinfo` span's text with the left and right of its `x_bboxes`.
pub fn parse_hocr_chars(hocr: &str) -> Vec<(String, u32, u32)> {
    let mut out = Vec::new();
    let mut rest = hocr;
    while let Some(at) = rest.find("x_bboxes ") {
        rest = rest.get(at + "x_bboxes ".len()..).unwrap_or("");
        let nums: Vec<u32> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .take(4)
            .filter_map(|t| t.parse().ok())
            .collect();
        let Some(open) = rest.find('>') else { break };
        let text = rest.get(open + 1..).unwrap_or("");
        let text = text.split('<').next().unwrap_or("");
        let text = text
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        if let (Some(&x0), Some(&x1)) = (nums.first(), nums.get(2)) {
            if !text.is_empty() {
                out.push((text, x0, x1));
            }
        }
        rest = rest.get(open..).unwrap_or("");
    }
    out
}

/// The command line of a reading from stdin to TSV on stdout.
fn tsv_args(langs: &str, dpi: Option<u32>, psm: u8, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["stdin", "stdout", "-l", langs]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // without `--dpi` the engine takes each page's own resolution (a TIFF of crops)
    if let Some(dpi) = dpi {
        args.push("--dpi".to_string());
        args.push(dpi.clamp(70, 2400).to_string());
    }
    args.push("--psm".to_string());
    args.push(psm.to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push("tsv".to_string());
    args
}

/// Wait for the child until the deadline; kill it there (`None`).
fn wait_until(
    child: &mut Child,
    deadline: Instant,
) -> Option<std::io::Result<std::process::ExitStatus>> {
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(st)) => return Some(Ok(st)),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// "tesseract 5.3.0" → "5.3.0".
fn parse_version(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("tesseract")?.trim();
        let v = rest.split_whitespace().next()?.trim_start_matches('v');
        v.chars().next()?.is_ascii_digit().then(|| v.to_string())
    })
}

/// The model names of `--list-langs` (the first line is a heading).
fn parse_languages(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with("List of available languages"))
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains(' '))
        .map(str::to_string)
        .collect()
}

/// Words of a multi-page TSV joined per page (1-based `page_num` → index), with the
/// lowest word confidence of the page.
fn parse_tsv_pages(tsv: &str) -> Vec<Option<(String, f32)>> {
    let mut out: Vec<Option<(String, f32)>> = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        let (Some(level), Some(page), Some(conf), Some(text)) = (
            cols.first().and_then(|v| v.trim().parse::<u32>().ok()),
            cols.get(1).and_then(|v| v.trim().parse::<usize>().ok()),
            cols.get(10).and_then(|v| v.trim().parse::<f32>().ok()),
            cols.get(11).map(|t| t.trim()),
        ) else {
            continue;
        };
        if level != 5 || text.is_empty() || conf < 0.0 || page == 0 || page > 10_000 {
            continue;
        }
        if out.len() < page {
            out.resize(page, None);
        }
        if let Some(slot) = out.get_mut(page - 1) {
            match slot {
                Some((t, c)) => {
                    t.push_str(text);
                    *c = c.min(conf);
                }
                None => *slot = Some((text.to_string(), conf)),
            }
        }
    }
    out
}

/// Tesseract's TSV: level 4 rows are lines, level 5 rows words (with confidence); words
/// are grouped under the line (block, paragraph, line numbers) they belong to.
pub fn parse_tsv(tsv: &str) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut key: Option<(u32, u32, u32, u32)> = None;
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 11 {
            continue;
        }
        let num = |i: usize| cols.get(i).and_then(|v| v.trim().parse::<i64>().ok());
        let Some(level) = num(0) else { continue }; // the header row
        let (Some(page), Some(block), Some(par), Some(line)) = (num(1), num(2), num(3), num(4))
        else {
            continue;
        };
        let u = |i: usize| num(i).map_or(0, |v| v.clamp(0, i64::from(u32::MAX)) as u32);
        let k = (page as u32, block as u32, par as u32, line as u32);
        // a line row, or a word's box standing for a line the TSV did not give
        let line_here = || OcrLine {
            left: u(6),
            top: u(7),
            width: u(8),
            height: u(9),
            words: Vec::new(),
        };
        match level {
            4 => {
                lines.push(line_here());
                key = Some(k);
            }
            5 => {
                let text = cols.get(11..).map(|c| c.join("\t")).unwrap_or_default();
                let text = text.trim();
                let conf = cols
                    .get(10)
                    .and_then(|v| v.trim().parse::<f32>().ok())
                    .unwrap_or(0.0);
                if text.is_empty() || conf < 0.0 {
                    continue;
                }
                if key != Some(k) {
                    // a word without its line row: a line of its own
                    lines.push(line_here());
                    key = Some(k);
                }
                if let Some(l) = lines.last_mut() {
                    l.words.push(OcrWord {
                        text: text.to_string(),
                        conf,
                        left: u(6),
                        top: u(7),
                        width: u(8),
                        height: u(9),
                    });
                }
            }
            _ => {}
        }
    }
    lines.retain(|l| !l.words.is_empty());
    lines
}

/// `--psm 0` output: "Rotate: 270" and "Orientation confidence: 19.69".
fn parse_osd(text: &str) -> Option<(u32, f32)> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_string()))
    };
    let rotate: u32 = field("Rotate:")?.parse().ok()?;
    let conf: f32 = field("Orientation confidence:")?.parse().ok()?;
    rotate.is_multiple_of(90).then_some((rotate % 360, conf))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t
2\t1\t1\t0\t0\t0\t100\t80\t600\t40\t-1\t
3\t1\t1\t1\t0\t0\t100\t80\t600\t40\t-1\t
4\t1\t1\t1\t1\t0\t100\t80\t600\t40\t-1\t
5\t1\t1\t1\t1\t1\t100\t82\t60\t36\t96.5\tSố:
5\t1\t1\t1\t1\t2\t170\t82\t200\t36\t91.0\t181/2024/NĐ-CP
5\t1\t1\t1\t1\t3\t380\t82\t10\t36\t95.0\t 
4\t1\t1\t1\t2\t0\t100\t130\t300\t40\t-1\t
5\t1\t1\t1\t2\t1\t100\t130\t300\t40\t40.25\tngày
";

    #[test]
    fn tsv_lines_and_words() {
        let lines = parse_tsv(TSV);
        assert_eq!(lines.len(), 2);
        let first = &lines[0];
        assert_eq!(
            (first.left, first.top, first.width, first.height),
            (100, 80, 600, 40)
        );
        let words: Vec<&str> = first.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, vec!["Số:", "181/2024/NĐ-CP"]);
        assert_eq!(first.words[1].left, 170);
        assert!((first.words[1].conf - 91.0).abs() < 1e-3);
        assert_eq!(lines[1].words[0].text, "ngày");
    }

    #[test]
    fn hocr_character_boxes() {
        let hocr = "<span class='ocrx_word' title='bbox 1 2 3 4'><span class='ocrx_cinfo' title='x_bboxes 149 28 156 44; x_conf 99.0'>n</span><span class='ocrx_cinfo' title='x_bboxes 157 27 177 52; x_conf 98.6'>&amp;</span></span>";
        assert_eq!(
            parse_hocr_chars(hocr),
            [("n".to_string(), 149, 156), ("&".to_string(), 157, 177)]
        );
        assert!(parse_hocr_chars("garbage x_bboxes 1 2").is_empty());
    }

    /// A stand-in engine: `sh -c SCRIPT`, so that the child's handling is tested without
    /// Tesseract.
    fn shell() -> Tesseract {
        Tesseract {
            program: "sh".into(),
            version: "0".into(),
            languages: Vec::new(),
        }
    }

    fn script(s: &str) -> Vec<String> {
        vec!["-c".into(), s.into()]
    }

    #[test]
    fn a_run_returns_the_childs_output_whole() {
        let input: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let far = Instant::now() + Duration::from_secs(60);
        let out = shell()
            .run(&script("cat"), input.clone(), far)
            .expect("cat runs");
        assert_eq!(out.as_bytes(), &input[..]);
    }

    #[test]
    fn a_failing_run_is_an_engine_error_with_its_last_line() {
        let far = Instant::now() + Duration::from_secs(60);
        match shell().run(
            &script("echo one >&2; echo 'bad image' >&2; exit 3"),
            Vec::new(),
            far,
        ) {
            Err(OcrError::Engine(m)) => assert!(m.contains("bad image"), "{m}"),
            other => panic!("expected an engine error, got {other:?}"),
        }
    }

    #[test]
    fn a_run_past_the_deadline_is_killed() {
        let start = Instant::now();
        let soon = start + Duration::from_millis(300);
        let r = shell().run(&script("sleep 20"), Vec::new(), soon);
        assert!(matches!(r, Err(OcrError::Timeout)), "{r:?}");
        // killed at the deadline, not waited for
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_child_that_closes_its_output_early_is_still_waited_for() {
        // the output ends before the process does: its status still decides
        let far = Instant::now() + Duration::from_secs(60);
        let r = shell().run(&script("exec >&-; sleep 0.2; exit 4"), Vec::new(), far);
        assert!(matches!(r, Err(OcrError::Engine(_))), "{r:?}");
    }

    #[test]
    fn tsv_garbage_is_empty() {
        assert!(parse_tsv("").is_empty());
        assert!(parse_tsv("not\ttsv\n5\tx\n").is_empty());
    }

    #[test]
    fn version_languages_osd() {
        assert_eq!(
            parse_version("tesseract 5.3.0\n leptonica-1.82.0\n").as_deref(),
            Some("5.3.0")
        );
        assert_eq!(parse_version("bash: not found"), None);
        let l = parse_languages(
            "List of available languages in \"/usr/share/tesseract-ocr/5/tessdata/\" (3):\neng\nosd\nvie\n",
        );
        assert_eq!(l, vec!["eng", "osd", "vie"]);
        assert_eq!(
            parse_osd("Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 19.69\n"),
            Some((270, 19.69))
        );
        assert_eq!(parse_osd("Too few characters"), None);
    }

    #[test]
    fn missing_language_names_the_package() {
        let t = Tesseract {
            program: "tesseract".into(),
            version: "5.3.0".into(),
            languages: vec!["eng".into(), "osd".into()],
        };
        let e = t.check_languages("vie").unwrap_err();
        assert!(e.to_string().contains("tesseract-ocr-vie"), "{e}");
        assert!(t.check_languages("eng").is_ok());
    }

    #[test]
    fn missing_program_names_the_packages() {
        let e = Tesseract::probe("/nonexistent/tesseract-xyz").unwrap_err();
        assert!(e.to_string().contains("tesseract-ocr-vie"), "{e}");
    }
}
