//! Post-correction of Vietnamese OCR output, with evidence only.
//!
//! - **Syllables.** A word that is not a known Vietnamese syllable is replaced by the candidate
//!   one confusion away (another tone or vowel mark first, then a known OCR letter confusion such
//!   as `o` read for `g`, `rn` for `m`, a mark read as a letter no Vietnamese word has:
//!   `QUYFET` for `QUYẾT`) that the neighbouring syllables make most likely, using
//!   syllable and bigram counts of the project's own Vietnamese texts (data/lexicon.tsv, made by
//!   scripts/build-lexicon.py). A known syllable is changed only when OCR was unsure of it (low
//!   confidence), the replacement is printed next to these neighbours in the texts and the word
//!   itself never is.
//! - **Symbols** (`181/2024/NĐ-CP`) against the symbol grammar of vanban-refs: `Ð` for `Đ`,
//!   `O` for `0` and `l` for `1` in a number, a kind code missing its stroke.
//! - **Dates** `d/m/yyyy`: a year that cannot be (before 1945, decades after the text's other
//!   dates) is replaced only by a year one digit away that the text prints elsewhere.
//!
//! Capitalisation is kept. Pure functions, no I/O; the built-in lexicon is parsed once
//! (about 10 ms); a page of 500 words takes about 35 ms, under 1% of Tesseract's time on it.
//!
//! **Use in the OCR path:** give [`correct_words`] one page's words in reading order with
//! Tesseract's word confidences (TSV column `conf`); the output has one string per input word,
//! so each word keeps its box. The whole page at once: dates are judged against the page's other
//! years, and a word's neighbours are its context (words separated by punctuation are not).
//!
//! **Measured** (scripts/ocr-cer.py; Tesseract 5.3 `-l vie` on rendered text-layer pages,
//! reference = the text layer; report pages with a lexicon built without their documents):
//! CER 0.0846 → 0.0830 at 200 dpi, 0.0887 → 0.0868 degraded (150 dpi, noise, 1–2° skew); on
//! clean reference text 0 false corrections other than typos of the text layer itself.
#![forbid(unsafe_code)]

pub mod lexicon;
mod numbers;
mod syllable;

pub use syllable::is_well_formed;

use lexicon::{Lexicon, LexiconError};
use std::sync::OnceLock;
use syllable::{apply_case, case_of, is_vi_letter, skeleton, tone_and_bases, Case};
use unicode_normalization::UnicodeNormalization;

/// The lexicon's word for any token that starts with a digit.
const NUMBER: &str = "#";

/// The built-in lexicon (scripts/build-lexicon.py).
pub const LEXICON_DATA: &str = include_str!("../data/lexicon.tsv");

/// One word as OCR read it: its text and Tesseract's confidence (0..100; negative when unknown).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrToken<'a> {
    pub text: &'a str,
    pub conf: f32,
}

/// Corrects OCR words in reading order; one output per input word (unchanged words as given).
pub fn correct_words(words: &[OcrToken]) -> Vec<String> {
    Corrector::built_in().correct_words(words)
}

/// Corrects a text whose words (split at whitespace) have no known confidence; the whitespace
/// is kept as it is.
pub fn correct_text(text: &str) -> String {
    Corrector::built_in().correct_text(text)
}

/// OCR letter confusions on the skeleton (a word without marks): what was read → what was
/// printed.
const CONFUSIONS: &[(&str, &str)] = &[
    ("o", "g"),
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("li", "h"),
    ("ii", "u"),
    ("h", "b"),
    ("b", "h"),
    ("c", "e"),
    ("e", "c"),
    ("n", "u"),
    ("u", "n"),
    ("n", "h"),
    ("h", "n"),
    ("l", "i"),
    ("i", "l"),
    ("l", "t"),
    ("t", "l"),
    ("f", "t"),
    // a mark read as a letter no Vietnamese word has ("QUYFET" for "QUYẾT")
    ("f", ""),
    ("q", "o"),
    ("q", "g"),
    ("g", "q"),
    ("y", "v"),
    ("v", "y"),
];

/// Costs of a candidate, in units where the log-probability weighs 1: another tone is the
/// cheapest confusion, another vowel mark or stroke next, a letter confusion the dearest.
const TONE_COST: f64 = 1.0;
const MARK_COST: f64 = 1.6;
const LETTER_COST: f64 = 3.0;
/// A letter read twice: a stroke of the same glyph seen again, cheaper than another letter.
const DOUBLED_COST: f64 = 1.6;
/// A neighbour seen fewer times than this is too rare for a missing bigram to count against a
/// candidate.
const RARE: u32 = 100;
/// Candidates dearer than this are not considered.
const MAX_COST: f64 = 6.0;

/// Tuning of the decisions (scripts/ocr-cer.py, tuning documents).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// A known syllable is reconsidered only below this confidence.
    pub low_conf: f32,
    /// Log-likelihood margin for replacing a well-formed word the lexicon does not know.
    pub margin_unknown: f64,
    /// Log-likelihood margin for replacing a known syllable.
    pub margin_known: f64,
    /// Bigram occurrences (with either neighbour) the replacement of a known syllable needs.
    pub min_support_known: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            low_conf: 97.0,
            margin_unknown: 3.0,
            margin_known: 5.0,
            min_support_known: 3,
        }
    }
}

/// A corrector over a lexicon.
#[derive(Debug)]
pub struct Corrector {
    lex: Lexicon,
    pub thresholds: Thresholds,
}

/// A word split into leading punctuation, core and trailing punctuation.
struct Tok {
    lead: String,
    core: String,
    trail: String,
    conf: f32,
}

impl Tok {
    fn split(text: &str, conf: f32) -> Tok {
        let is_edge = |c: char| !c.is_alphanumeric();
        let start = text.find(|c: char| !is_edge(c)).unwrap_or(text.len());
        let end = text.rfind(|c: char| !is_edge(c)).map_or(start, |i| {
            i + text
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8)
        });
        let end = end.max(start);
        Tok {
            lead: text.get(..start).unwrap_or("").to_string(),
            core: text.get(start..end).unwrap_or("").nfc().collect(),
            trail: text.get(end..).unwrap_or("").to_string(),
            conf,
        }
    }

    fn is_letters(&self) -> bool {
        !self.core.is_empty() && self.core.chars().all(char::is_alphabetic)
    }

    /// The lexicon word this token is context as: its lower-case letters, or `#` for a token
    /// that starts with a digit (a number, date or symbol).
    fn context_word(&self) -> Option<String> {
        if self.is_letters() {
            Some(self.core.to_lowercase())
        } else if self.core.starts_with(|c: char| c.is_ascii_digit()) {
            Some(NUMBER.to_string())
        } else {
            None
        }
    }
}

impl Corrector {
    /// A corrector over lexicon data in the format of scripts/build-lexicon.py.
    pub fn from_data(data: &str) -> Result<Corrector, LexiconError> {
        Ok(Corrector {
            lex: Lexicon::parse(data)?,
            thresholds: Thresholds::default(),
        })
    }

    /// The corrector over the built-in lexicon, parsed on first use.
    pub fn built_in() -> &'static Corrector {
        static C: OnceLock<Corrector> = OnceLock::new();
        C.get_or_init(|| {
            // the built-in data is checked by a test; an empty lexicon corrects no syllable
            Corrector::from_data(LEXICON_DATA).unwrap_or(Corrector {
                lex: Lexicon::default(),
                thresholds: Thresholds::default(),
            })
        })
    }

    /// See [`correct_text`].
    pub fn correct_text(&self, text: &str) -> String {
        self.correct_text_conf(text, -1.0)
    }

    /// [`correct_text`] with every word given the confidence `conf`.
    pub fn correct_text_conf(&self, text: &str, conf: f32) -> String {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push((s, text.len()));
        }
        let words: Vec<OcrToken> = spans
            .iter()
            .map(|&(s, e)| OcrToken {
                text: text.get(s..e).unwrap_or(""),
                conf,
            })
            .collect();
        let fixed = self.correct_words(&words);
        let mut out = String::with_capacity(text.len() + 16);
        let mut last = 0;
        for (&(s, e), w) in spans.iter().zip(&fixed) {
            out.push_str(text.get(last..s).unwrap_or(""));
            out.push_str(w);
            last = e;
        }
        out.push_str(text.get(last..).unwrap_or(""));
        out
    }

    /// See [`correct_words`].
    pub fn correct_words(&self, words: &[OcrToken]) -> Vec<String> {
        let mut toks: Vec<Tok> = words.iter().map(|w| Tok::split(w.text, w.conf)).collect();
        for t in &mut toks {
            if let Some(f) = numbers::fix_eth(&t.core) {
                t.core = f;
            }
        }
        let years = self.years(&toks);
        // two passes: a word fixed in the first is a neighbour the second can use
        // ("thâm quyên": each wrong word is the other's context)
        for _pass in 0..2 {
            for i in 0..toks.len() {
                let fixed = {
                    let Some(t) = toks.get(i) else { continue };
                    if let Some(n) = number_after_word(i, &toks) {
                        Some(n)
                    } else if t.core.chars().any(|c| c.is_ascii_digit()) {
                        self.fix_number(i, &toks, &years)
                    } else if t.lead.ends_with('/') && t.core.starts_with(char::is_uppercase) {
                        // a symbol's codes after its "/", the number standing apart
                        // ("Số: 2 /QĐĐ-BXD", "Số: 76 /UuBND-XD", the number written in by
                        // hand); words are no codes ([`numbers::fix_code_tail`])
                        numbers::fix_code_tail(&t.core)
                    } else if t.is_letters() {
                        let left = i
                            .checked_sub(1)
                            .and_then(|j| toks.get(j))
                            .filter(|l| l.trail.is_empty() && t.lead.is_empty())
                            .and_then(Tok::context_word);
                        let right = toks
                            .get(i + 1)
                            .filter(|r| t.trail.is_empty() && r.lead.is_empty())
                            .and_then(Tok::context_word);
                        self.fix_syllable(t, left, right)
                    } else {
                        None
                    }
                };
                if let (Some(f), Some(t)) = (fixed, toks.get_mut(i)) {
                    t.core = f;
                }
            }
        }
        for i in 0..toks.len() {
            if self.upper_in_lower(i, &toks) {
                if let Some(t) = toks.get_mut(i) {
                    t.core = t.core.to_lowercase();
                }
            }
        }
        words
            .iter()
            .zip(toks)
            .map(|(w, t)| {
                let out = format!("{}{}{}", t.lead, t.core, t.trail);
                if out.nfc().eq(w.text.nfc()) {
                    w.text.to_string()
                } else {
                    out
                }
            })
            .collect()
    }

    /// An upper-case syllable OCR was unsure of, between lower-case words of the same sentence
    /// (`trong VIỆC kiểm tra`, `Thông tư SỐ 47/2024/TT-BGTVT`): OCR read the case wrong. Not an
    /// acronym (the word is a syllable the lexicon has counted) and not emphasis (printed upper
    /// case with confidence).
    fn upper_in_lower(&self, i: usize, toks: &[Tok]) -> bool {
        let Some(t) = toks.get(i) else { return false };
        let lower = t.core.to_lowercase();
        let is_lower = |w: &Tok| w.is_letters() && case_of(&w.core) == Case::Lower;
        let left = i.checked_sub(1).and_then(|j| toks.get(j));
        let right = toks.get(i + 1);
        t.is_letters()
            && t.conf >= 0.0
            && t.conf < self.thresholds.low_conf
            && t.lead.is_empty()
            && t.trail.is_empty()
            && t.core.chars().count() > 1
            && case_of(&t.core) == Case::Upper
            && !is_roman(&t.core)
            && is_well_formed(&lower)
            && self.lex.id(&lower).is_some_and(|id| self.lex.count(id) > 0)
            && left.is_some_and(|l| l.trail.is_empty() && is_lower(l))
            && right.is_some_and(|r| {
                r.lead.is_empty()
                    && (is_lower(r) || r.core.starts_with(|c: char| c.is_ascii_digit()))
            })
    }

    /// (token index, year) of every date in the text: `d/m/yyyy`, `năm yyyy`, and the year of a
    /// symbol (`181/2024/NĐ-CP`).
    fn years(&self, toks: &[Tok]) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if let Some(d) = numbers::DateTok::parse(&t.core) {
                out.push((i, d.year));
            } else if let Some(y) = self.nam_year(i, toks) {
                out.push((i, y));
            } else if let Some(y) = t.core.split('/').nth(1).filter(|s| s.len() == 4) {
                if t.core.split('/').count() >= 3 {
                    if let Ok(y) = y.parse() {
                        out.push((i, y));
                    }
                }
            }
        }
        out
    }

    /// The year of `năm yyyy` at token `i`.
    fn nam_year(&self, i: usize, toks: &[Tok]) -> Option<u32> {
        let t = toks.get(i)?;
        let prev = toks.get(i.checked_sub(1)?)?;
        if prev.core.to_lowercase() != "năm"
            || t.core.len() != 4
            || !t.core.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        t.core.parse().ok()
    }

    fn fix_number(&self, i: usize, toks: &[Tok], years: &[(usize, u32)]) -> Option<String> {
        let t = toks.get(i)?;
        let others: Vec<u32> = years
            .iter()
            .filter(|(j, _)| *j != i)
            .map(|&(_, y)| y)
            .collect();
        if let Some(d) = numbers::DateTok::parse(&t.core) {
            let y = numbers::fix_year(d.year, &others).unwrap_or(d.year);
            let s = d.render(y);
            return (s != t.core).then_some(s);
        }
        if let Some(y) = self.nam_year(i, toks) {
            // "ngày 14 tháng 7 năm 2096": a date only with "tháng <month>" before "năm"
            let month = i
                .checked_sub(2)
                .and_then(|j| toks.get(j))
                .and_then(|m| m.core.parse::<u32>().ok());
            let thang = i
                .checked_sub(3)
                .and_then(|j| toks.get(j))
                .is_some_and(|w| w.core.to_lowercase() == "tháng");
            if thang && month.is_some_and(|m| (1..=12).contains(&m)) {
                return numbers::fix_year(y, &others).map(|y| y.to_string());
            }
            return None;
        }
        numbers::fix_symbol(&t.core)
            .or_else(|| numbers::fix_time(&t.core))
            .or_else(|| numbers::fix_standard(&t.core))
    }

    fn fix_syllable(&self, t: &Tok, left: Option<String>, right: Option<String>) -> Option<String> {
        let lower = t.core.to_lowercase();
        // one letter no Vietnamese word has, inside the word (a mark read as a letter:
        // "QUYFET"); at its start it begins a foreign word ("Zalo")
        let stray = lower.chars().skip(1).filter(|&c| !is_vi_letter(c)).count() == 1
            && lower.chars().next().is_some_and(is_vi_letter)
            && lower
                .chars()
                .all(|c| is_vi_letter(c) || matches!(c, 'f' | 'j' | 'w' | 'z'));
        if !stray && !lower.chars().all(is_vi_letter) {
            return None;
        }
        let case = case_of(&t.core);
        // a Roman numeral (khóa XIII, Mục II) is a number, not a syllable misread
        if case == Case::Upper && t.core.chars().count() > 1 && is_roman(&t.core) {
            return None;
        }
        let letters = t.core.chars().count();
        // an upper-case ASCII run (UBND, VLNCN) or a single letter (list labels a) đ) h))
        let acronym = (case == Case::Upper && letters > 1 && t.core.is_ascii())
            || letters == 1
            || is_roman(&t.core);
        let lex = &self.lex;
        // a form no Vietnamese syllable has is a typo even where our texts print it (kêt)
        let me = lex.id(&lower).filter(|_| is_well_formed(&lower));
        let (l, r) = (
            left.and_then(|w| lex.id(&w)),
            right.as_deref().and_then(|w| lex.id(w)),
        );
        let score = |id: Option<u32>| {
            lex.log_p_next(l, id)
                + if right.is_some() {
                    lex.log_p_next(id, r)
                } else {
                    0.0
                }
        };
        let support =
            |id: u32| l.map_or(0, |l| lex.bigram(l, id)) + r.map_or(0, |r| lex.bigram(id, r));
        let (best, best_score, best_cost) = self
            .candidates(&lower)
            .into_iter()
            .map(|(id, cost)| (id, score(Some(id)) - cost, cost))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        let margin = best_score - score(me);
        let th = &self.thresholds;
        let accept = match me {
            // a stray letter: only where a neighbour has been seen next to the candidate
            _ if stray => support(best) >= 1,
            // a known syllable: low confidence, overwhelming context
            Some(me) => {
                let both = match (l, r) {
                    // with two neighbours, each must have been seen next to the replacement
                    // or one of them three times, the other being a word too rare for its
                    // absence next to the replacement to say anything
                    (Some(l), Some(r)) => {
                        let (bl, br) = (lex.bigram(l, best), lex.bigram(best, r));
                        (bl >= 1 && br >= 1 && bl + br >= th.min_support_known)
                            || (bl >= 3 * th.min_support_known && lex.count(r) < RARE)
                            || (br >= 3 * th.min_support_known && lex.count(l) < RARE)
                    }
                    // one neighbour only: three times the evidence
                    _ => support(best) >= 3 * th.min_support_known,
                };
                t.conf >= 0.0
                    && t.conf < th.low_conf
                    // marks only: a known syllable is not re-read letter by letter
                    && best_cost < LETTER_COST
                    && support(me) == 0
                    && both
                    && margin >= th.margin_known
            }
            // cannot be a Vietnamese syllable: the best candidate, if it differs by marks only
            // or a neighbour confirms the letter read otherwise
            // (a capitalised word may be a name written without marks, Nguyen: context too)
            None if !acronym && !is_well_formed(&lower) => {
                (best_cost < LETTER_COST && case == Case::Lower) || support(best) >= 1
            }
            // could be a syllable we have not seen, or an acronym: only with context
            None => support(best) >= 1 && margin >= th.margin_unknown,
        };
        accept.then(|| apply_case(lex.word(best), case))
    }

    /// Known syllables one confusion away from `word` (lower case), with their cost.
    fn candidates(&self, word: &str) -> Vec<(u32, f64)> {
        let lex = &self.lex;
        let skel = skeleton(word);
        let mut out: Vec<(u32, f64)> = Vec::new();
        let me = tone_and_bases(word);
        let mut push = |id: u32, cost: f64| {
            // the same syllable with the tone mark on another vowel (khoá, khóa) is no correction
            if lex.word(id) == word || cost > MAX_COST || tone_and_bases(lex.word(id)) == me {
                return;
            }
            match out.iter_mut().find(|(c, _)| *c == id) {
                Some(e) => e.1 = e.1.min(cost),
                None => out.push((id, cost)),
            }
        };
        for &id in lex.with_skeleton(&skel) {
            push(id, mark_cost(word, lex.word(id)));
        }
        // a letter read twice ("tháàng", "chínnh"): no Vietnamese syllable doubles a letter
        // but "oo" (xoong), which the lexicon knows as it is; "ii" is a list label's Roman
        // numeral ("(ii)", "(iii)")
        let letters: Vec<char> = skel.chars().collect();
        for at in 1..letters.len() {
            if letters.get(at) == letters.get(at - 1) && !matches!(letters.get(at), Some('o' | 'i'))
            {
                let alt: String = letters
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != at)
                    .map(|(_, c)| c)
                    .collect();
                for &id in lex.with_skeleton(&alt) {
                    push(id, DOUBLED_COST + mark_cost(word, lex.word(id)));
                }
            }
        }
        for &(from, to) in CONFUSIONS {
            for (at, _) in skel.match_indices(from) {
                let mut alt = String::with_capacity(skel.len() + 1);
                alt.push_str(skel.get(..at).unwrap_or(""));
                alt.push_str(to);
                alt.push_str(skel.get(at + from.len()..).unwrap_or(""));
                for &id in lex.with_skeleton(&alt) {
                    push(id, LETTER_COST + mark_cost(word, lex.word(id)));
                }
            }
        }
        out
    }
}

/// A Roman numeral (`XI`, `IV`): a number, never a syllable to correct.
fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// A number after a word that is always followed by one (`khoản 1`, `Điều 41`, `số 42`,
/// `ngày 14`) with letters read for digits: `Điều 4l` → `Điều 41`, `khoản Ì` → `khoản 1`.
fn number_after_word(i: usize, toks: &[Tok]) -> Option<String> {
    let prev = toks.get(i.checked_sub(1)?)?;
    let t = toks.get(i)?;
    if !prev.trail.is_empty() || !t.lead.is_empty() {
        return None;
    }
    let w = prev.core.to_lowercase();
    if !matches!(
        w.as_str(),
        "khoản" | "điều" | "số" | "ngày" | "tháng" | "năm"
    ) {
        return None;
    }
    if let Some(d) = numbers::fix_digit_run(&t.core) {
        return (d != t.core).then_some(d);
    }
    let one_like = |c: char| matches!(c, 'l' | 'I' | '|' | 'Ì' | 'Í' | 'ì' | 'í');
    // a lone look-alike of 1 after khoản, which is always numbered in Arabic digits
    if w == "khoản" && t.core.chars().count() == 1 && t.core.chars().all(one_like) {
        return Some("1".to_string());
    }
    // the day of "ngày … tháng" or the month of "tháng … năm" read as one or two strokes
    // ("ngày II tháng 5", a stamped 11): a date is written in Arabic digits, never in Roman
    // numerals, and the only day or month drawn as strokes alone is 1 or 11
    let date_word = match w.as_str() {
        "ngày" => "tháng",
        "tháng" => "năm",
        _ => return None,
    };
    let next_is = toks
        .get(i + 1)
        .is_some_and(|n| t.trail.is_empty() && n.core.to_lowercase() == date_word);
    let n = t.core.chars().count();
    (next_is && (1..=2).contains(&n) && t.core.chars().all(one_like)).then(|| "1".repeat(n))
}

/// Cost of the marks that differ between two words: another tone, other vowel marks.
fn mark_cost(a: &str, b: &str) -> f64 {
    let (ta, ba) = tone_and_bases(a);
    let (tb, bb) = tone_and_bases(b);
    let marked =
        |v: &[char]| -> Vec<char> { v.iter().copied().filter(|c| !c.is_ascii()).collect() };
    let (ma, mb) = (marked(&ba), marked(&bb));
    let differ = ma.iter().zip(&mb).filter(|(x, y)| x != y).count() + ma.len().abs_diff(mb.len());
    let tone = if ta == tb { 0.0 } else { TONE_COST };
    tone + MARK_COST * differ as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, conf: f32) -> Vec<String> {
        let toks: Vec<OcrToken> = text
            .split(' ')
            .map(|w| OcrToken { text: w, conf })
            .collect();
        correct_words(&toks)
    }

    #[test]
    fn invalid_syllables_take_the_likely_candidate() {
        assert_eq!(
            correct_text("căn cứ Nohị định số 181/2024/NĐ-CP"),
            "căn cứ Nghị định số 181/2024/NĐ-CP"
        );
        assert_eq!(correct_text("NOHỊ QUYẾT"), "NGHỊ QUYẾT");
        // a mark read as a letter no Vietnamese word has
        assert_eq!(
            correct_text("NGHỊ QUYFET LIÊN TỊCH"),
            "NGHỊ QUYẾT LIÊN TỊCH"
        );
        // a word that is no syllable without it stays
        assert_eq!(correct_text("mạng Wifi"), "mạng Wifi");
        // a name written without marks stays without context
        assert_eq!(correct_text("Ông Nguyen Van A"), "Ông Nguyen Van A");
        // a form no Vietnamese syllable has, one tone mark from the right one
        assert_eq!(
            correct_text("kiểm tra viêc phát triển công nghiêp"),
            "kiểm tra việc phát triển công nghiệp"
        );
    }

    #[test]
    fn valid_syllables_change_only_with_low_confidence_and_context() {
        let text = "vận chuyển vật liệu nỗ công nghiệp và chính quyên địa phương";
        // confident OCR, or confidence unknown: a real syllable stays
        assert_eq!(words(text, 98.0).join(" "), text);
        assert_eq!(correct_text(text), text);
        // unsure OCR: the neighbours decide
        assert_eq!(
            words(text, 60.0).join(" "),
            "vận chuyển vật liệu nổ công nghiệp và chính quyền địa phương"
        );
        // "nỗ lực" is right where it is
        assert_eq!(
            words("các cơ quan nỗ lực thực hiện", 60.0).join(" "),
            "các cơ quan nỗ lực thực hiện"
        );
    }

    #[test]
    fn capitalisation_and_punctuation_are_kept() {
        assert_eq!(words("(Nohị định", 60.0), ["(Nghị", "định"]);
        assert_eq!(
            words("VẬT LIỆU NỖ CÔNG NGHIỆP", 60.0).join(" "),
            "VẬT LIỆU NỔ CÔNG NGHIỆP"
        );
        assert_eq!(words("Vật liệu nỗ,", 60.0).join(" "), "Vật liệu nổ,");
    }

    #[test]
    fn case_read_wrong_in_a_sentence() {
        assert_eq!(
            words("khó khăn trong VIỆC kiểm tra", 70.0).join(" "),
            "khó khăn trong việc kiểm tra"
        );
        assert_eq!(
            words("theo Thông tư SỐ 47/2024/TT-BGTVT", 70.0).join(" "),
            "theo Thông tư số 47/2024/TT-BGTVT"
        );
        // confident upper case is emphasis; acronyms and headings stay
        assert_eq!(words("và KHÔNG được", 99.0).join(" "), "và KHÔNG được");
        assert_eq!(words("của UBND tỉnh", 50.0).join(" "), "của UBND tỉnh");
        assert_eq!(words("CỘNG HÒA XÃ HỘI", 50.0).join(" "), "CỘNG HÒA XÃ HỘI");
        assert_eq!(
            words("Trung ương khóa XI về", 50.0).join(" "),
            "Trung ương khóa XI về"
        );
    }

    #[test]
    fn upper_case_o_with_dot_read_as_q() {
        assert_eq!(correct_text("HQC TẬP"), "HỌC TẬP");
    }

    #[test]
    fn acronyms_labels_and_foreign_words_stay() {
        let text = "UBND tỉnh, VLNCN, PCCC, TCTN; a) b) đ) h) email online COVID-19";
        assert_eq!(correct_text(text), text);
        assert_eq!(words(text, 10.0).join(" "), text);
    }

    #[test]
    fn symbols_and_numbers() {
        assert_eq!(
            correct_text("Nghị định số 181/2024/NÐ-CP; Quyết định số 38/2019/QÐ-UBND"),
            "Nghị định số 181/2024/NĐ-CP; Quyết định số 38/2019/QĐ-UBND"
        );
        assert_eq!(
            correct_text("Nghị quyết số 2O-NQ/TW, Luật số 173/2024/QHI5."),
            "Nghị quyết số 20-NQ/TW, Luật số 173/2024/QH15."
        );
        assert_eq!(
            correct_text("điểm b khoản Ì Điều 4l Luật"),
            "điểm b khoản 1 Điều 41 Luật"
        );
        // a number written in apart from its "/" and codes: the codes are still checked
        assert_eq!(
            correct_text("Số: 2 /QĐĐ-BXD Hà Nội"),
            "Số: 2 /QĐ-BXD Hà Nội"
        );
        assert_eq!(correct_text("Số: /HIDLN-BCA"), "Số: /HDLN-BCA");
        assert_eq!(correct_text("Số: 76 /UuBND-XD"), "Số: 76 /UBND-XD");
        assert_eq!(correct_text("Số: 7 /2025/NĐ.CP"), "Số: 7 /2025/NĐ-CP");
        assert_eq!(correct_text("Số: 9 /NGLT-CP"), "Số: 9 /NQLT-CP");
        assert_eq!(correct_text("Số: 6 /QĐ-TTg"), "Số: 6 /QĐ-TTg");
        assert_eq!(correct_text("và /hoặc"), "và /hoặc");
        assert_eq!(correct_text("và /Hoặc"), "và /Hoặc");
        // no evidence: numbers stay
        assert_eq!(
            correct_text("Chương I, Mục II, 3686/UBND-XD, 20%"),
            "Chương I, Mục II, 3686/UBND-XD, 20%"
        );
    }

    #[test]
    fn a_letter_read_twice() {
        assert_eq!(
            correct_text("Hà Nội, ngày 29 tháàng 6 năm 2026"),
            "Hà Nội, ngày 29 tháng 6 năm 2026"
        );
        assert_eq!(correct_text("chínnh quyềền, thááng"), "chính quyền, tháng");
        // a word the lexicon knows with "oo" stays, and a list label in Roman numerals
        assert_eq!(correct_text("cải xoong"), "cải xoong");
        assert_eq!(
            correct_text("(ii). Sớm chỉ đạo; (iii). Trong"),
            "(ii). Sớm chỉ đạo; (iii). Trong"
        );
    }

    #[test]
    fn dates_with_evidence_only() {
        let text = "Lào Cai, ngày 11 tháng 5 năm 2026. Hạn chót ngày 14/7/2096.";
        assert_eq!(
            correct_text(text),
            "Lào Cai, ngày 11 tháng 5 năm 2026. Hạn chót ngày 14/7/2026."
        );
        // a plan's deadline a few years ahead is a real date
        let text = "ngày 11 tháng 5 năm 2026, hoàn thành trước 31/12/2030";
        assert_eq!(correct_text(text), text);
        // no other year one digit away: unchanged
        assert_eq!(correct_text("ngày 14/7/2096"), "ngày 14/7/2096");
        // năm after a real date context
        assert_eq!(
            correct_text("ngày 3/2/2025 và ngày 20 tháng 5 năm 2095"),
            "ngày 3/2/2025 và ngày 20 tháng 5 năm 2025"
        );
        // a stamped day or month read as strokes: 1 or 11, only in the date's frame
        assert_eq!(
            correct_text("Lào Cai, ngày II tháng 5 năm 2026"),
            "Lào Cai, ngày 11 tháng 5 năm 2026"
        );
        assert_eq!(
            correct_text("ngày 29 tháng II năm 2024; ngày l tháng 7 năm 2025"),
            "ngày 29 tháng 11 năm 2024; ngày 1 tháng 7 năm 2025"
        );
        assert_eq!(correct_text("ngày II của tháng"), "ngày II của tháng");
        assert_eq!(correct_text("ngày III tháng 5"), "ngày III tháng 5");
        // invalid day or month: not a date, left alone
        assert_eq!(
            correct_text("32/13/2096 và 1/1/2026"),
            "32/13/2096 và 1/1/2026"
        );
    }

    #[test]
    fn whitespace_is_kept() {
        let text = "  Nohị\tđịnh\n\nsố  181/2024/NÐ-CP \r\n";
        assert_eq!(
            correct_text(text),
            "  Nghị\tđịnh\n\nsố  181/2024/NĐ-CP \r\n"
        );
        assert_eq!(correct_text(""), "");
    }

    #[test]
    fn clean_text_passes_unchanged() {
        // a clean administrative text, as OCR would give it with high confidence or none
        let text = include_str!("../../../fixtures/meta/nghi-quyet-chinh-phu.txt");
        assert_eq!(correct_text(text), text);
        let text = include_str!("../../../fixtures/meta/ke-hoach-ubnd-ha-noi.txt");
        let toks: Vec<OcrToken> = text
            .split_whitespace()
            .map(|w| OcrToken {
                text: w,
                conf: 96.0,
            })
            .collect();
        let out = correct_words(&toks);
        let changed: Vec<_> = toks
            .iter()
            .zip(&out)
            .filter(|(a, b)| a.text != b.as_str())
            .collect();
        assert!(changed.is_empty(), "{changed:?}");
    }

    proptest::proptest! {
        /// Any run of real syllables (counted in our texts, well formed), in any case, with
        /// punctuation, passes unchanged when OCR gives no confidence.
        #[test]
        fn real_syllables_pass_unchanged(
            picks in proptest::collection::vec((0usize..100_000, 0u8..3, 0u8..4), 1..30),
        ) {
            static REAL: OnceLock<Vec<&'static str>> = OnceLock::new();
            let real = REAL.get_or_init(|| {
                let c = Corrector::built_in();
                (0..c.lex.len() as u32)
                    .filter(|&id| c.lex.count(id) > 0)
                    .map(|id| c.lex.word(id))
                    .filter(|w| is_well_formed(w))
                    .collect()
            });
            proptest::prop_assume!(!real.is_empty());
            let text: Vec<String> = picks
                .iter()
                .map(|&(i, case, punct)| {
                    let w = real.get(i % real.len()).copied().unwrap_or("a");
                    let w = apply_case(w, [Case::Lower, Case::Title, Case::Upper][usize::from(case)]);
                    format!("{w}{}", ["", ",", ".", ""][usize::from(punct)])
                })
                .collect();
            let text = text.join(" ");
            proptest::prop_assert_eq!(correct_text(&text), text);
        }

        #[test]
        fn never_panics_and_keeps_length(
            ws in proptest::collection::vec("[a-zđĐÐăâêôơưạảãáàệếỗổ0-9/.,:;()OlIQ -]{0,12}", 0..24),
            conf in -1.0f32..100.0,
        ) {
            let toks: Vec<OcrToken> = ws.iter().map(|w| OcrToken { text: w, conf }).collect();
            let out = correct_words(&toks);
            proptest::prop_assert_eq!(out.len(), toks.len());
            let text = ws.join(" ");
            let fixed = correct_text(&text);
            proptest::prop_assert_eq!(fixed.split_whitespace().count(), text.split_whitespace().count());
            // a second pass finds nothing left that the first would change
            proptest::prop_assert_eq!(correct_text(&fixed).split_whitespace().count(), fixed.split_whitespace().count());
        }
    }
}

#[cfg(test)]
mod real_scan {
    use super::*;

    /// Tesseract's words on a real scanned letter (fixtures/ocr/r09-p1.words.tsv); every change
    /// below was checked by reading the scan, and nothing else may change.
    #[test]
    fn scan_of_a_ministry_letter() {
        let data = include_str!("../../../fixtures/ocr/r09-p1.words.tsv");
        let rows: Vec<(f32, &str)> = data
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, w)| (c.parse().unwrap_or(-1.0), w))
            .collect();
        let toks: Vec<OcrToken> = rows
            .iter()
            .map(|&(conf, text)| OcrToken { text, conf })
            .collect();
        let out = correct_words(&toks);
        assert_eq!(out.len(), toks.len());
        let changed: Vec<(&str, &str)> = toks
            .iter()
            .zip(&out)
            .filter(|(a, b)| a.text != b.as_str())
            .map(|(a, b)| (a.text, b.as_str()))
            .collect();
        let expected = [
            ("triên", "triển"),
            ("câp", "cấp"),
            ("chuyền", "chuyển"),
            ("hiêm", "hiểm"),
            ("đồi,", "đổi,"),
            ("bố", "bổ"),
            ("chuyên", "chuyển"),
            ("“Bồ", "“Bộ"),
            ("chỉ", "chi"),
            ("nỗ", "nổ"),
            ("Điểều", "Điều"),
            ("tô", "tổ"),
            ("chỉ", "chi"),
            ("chuyền", "chuyển"),
            ("chuyên", "chuyển"),
            ("nồ", "nổ"),
        ];
        assert_eq!(changed, expected);
    }
}
