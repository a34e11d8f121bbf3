//! Syllable and bigram counts (data/lexicon.tsv, made by scripts/build-lexicon.py) and the
//! candidate lookup by skeleton.

use crate::syllable::skeleton;
use std::collections::HashMap;

/// Counts of syllables and of syllable pairs printed next to each other.
#[derive(Debug, Default)]
pub struct Lexicon {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u32>,
    bigrams: HashMap<(u32, u32), u32>,
    by_skeleton: HashMap<String, Vec<u32>>,
    total: u64,
}

/// A line of the lexicon data that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("lexicon line {line}: {reason}")]
pub struct LexiconError {
    pub line: usize,
    pub reason: &'static str,
}

impl Lexicon {
    /// Reads the data format of scripts/build-lexicon.py: `S\tsyllable\tcount`,
    /// `B\tleft right\tcount`, `V\tsyllable` (valid, no count); `#` lines are comments.
    pub fn parse(data: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        let mut pending: Vec<(usize, &str, u32)> = Vec::new();
        for (i, line) in data.lines().enumerate() {
            let line_no = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let kind = f.next().unwrap_or("");
            let key = f.next().ok_or(LexiconError {
                line: line_no,
                reason: "missing word",
            })?;
            let count = || -> Result<u32, LexiconError> {
                f.clone()
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or(LexiconError {
                        line: line_no,
                        reason: "missing or bad count",
                    })
            };
            match kind {
                "S" => {
                    let n = count()?;
                    lex.add(key, n);
                }
                "V" => {
                    lex.add(key, 0);
                }
                "B" => pending.push((line_no, key, count()?)),
                _ => {
                    return Err(LexiconError {
                        line: line_no,
                        reason: "unknown record kind",
                    })
                }
            }
        }
        for (line, key, n) in pending {
            let (a, b) = key.split_once(' ').ok_or(LexiconError {
                line,
                reason: "bigram without a space",
            })?;
            let (Some(&a), Some(&b)) = (lex.ids.get(a), lex.ids.get(b)) else {
                return Err(LexiconError {
                    line,
                    reason: "bigram of a syllable not listed",
                });
            };
            lex.bigrams.insert((a, b), n);
        }
        Ok(lex)
    }

    fn add(&mut self, word: &str, n: u32) {
        if let Some(&id) = self.ids.get(word) {
            if let Some(c) = self.counts.get_mut(id as usize) {
                *c += n;
            }
        } else {
            let id = self.words.len() as u32;
            self.ids.insert(word.to_string(), id);
            self.words.push(word.to_string());
            self.counts.push(n);
            self.by_skeleton.entry(skeleton(word)).or_default().push(id);
        }
        self.total += u64::from(n);
    }

    /// The id of a lower-case syllable the lexicon knows (with or without a count).
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn count(&self, id: u32) -> u32 {
        self.counts.get(id as usize).copied().unwrap_or(0)
    }

    pub fn bigram(&self, a: u32, b: u32) -> u32 {
        self.bigrams.get(&(a, b)).copied().unwrap_or(0)
    }

    /// Known syllables with this skeleton.
    pub fn with_skeleton(&self, skel: &str) -> &[u32] {
        self.by_skeleton.get(skel).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Smoothed unigram probability.
    pub fn p(&self, id: Option<u32>) -> f64 {
        let n = id.map_or(0, |i| self.count(i));
        (f64::from(n) + 0.5) / (self.total as f64 + 1.0)
    }

    /// log P(b | a), interpolated with the unigram probability of `b`.
    pub fn log_p_next(&self, a: Option<u32>, b: Option<u32>) -> f64 {
        const BETA: f64 = 2.0;
        let pb = self.p(b);
        match (a, b) {
            (Some(a), Some(b)) => {
                let num = f64::from(self.bigram(a, b)) + BETA * pb;
                (num / (f64::from(self.count(a)) + BETA)).ln()
            }
            _ => pb.ln(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_looks_up() {
        let lex = Lexicon::parse("# c\nS\tnổ\t3\nS\tvật\t2\nV\tnỗ\nB\tvật nổ\t2\n").unwrap();
        assert_eq!(lex.len(), 3);
        let no = lex.id("nổ").unwrap();
        let vat = lex.id("vật").unwrap();
        assert_eq!(lex.count(no), 3);
        assert_eq!(lex.count(lex.id("nỗ").unwrap()), 0);
        assert_eq!(lex.bigram(vat, no), 2);
        assert_eq!(lex.with_skeleton("no").len(), 2);
        assert!(lex.log_p_next(Some(vat), Some(no)) > lex.log_p_next(Some(vat), lex.id("nỗ")));
    }

    #[test]
    fn bad_data_is_an_error() {
        assert_eq!(Lexicon::parse("S\tnổ\n").unwrap_err().line, 1);
        assert!(Lexicon::parse("X\ta\t1\n").is_err());
        assert!(Lexicon::parse("S\ta\t1\nB\ta b\t1\n").is_err());
    }

    #[test]
    fn built_in_data_parses() {
        let lex = Lexicon::parse(crate::LEXICON_DATA).unwrap();
        assert!(lex.len() > 1000);
        let (Some(a), Some(b)) = (lex.id("đề"), lex.id("nghị")) else {
            panic!("đề nghị not in the lexicon")
        };
        assert!(lex.bigram(a, b) > 10);
    }
}
