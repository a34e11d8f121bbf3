//! The sentence around a mention of a referenced number, for the audit's `quotes` (what
//! `report.html` shows under a cell).
use serde::Serialize;

/// The sentence around one mention of a referenced number.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Quote {
    /// The sentence (line breaks as spaces, "…" where it was cut).
    pub text: String,
    /// Char offset of the mention in `text`.
    pub start: usize,
    /// One past the mention's last char in `text`.
    pub end: usize,
    /// Char offset of the mention in the document's text.
    pub at: usize,
}

/// Sentence punctuation: a sentence ends at one of these followed by a space or a line break.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | ';' | '!' | '?' | ':')
}

/// The sentence around the mention `start..end` (char offsets into `chars`): back to the end
/// of the previous sentence or line (the contract's text has one paragraph per line), on to
/// the end of this one, at most `QUOTE_SIDE` chars each side of the mention (cut at a space,
/// marked "…"). None when out of range.
pub fn quote(chars: &[char], start: usize, end: usize) -> Option<Quote> {
    const QUOTE_SIDE: usize = 160;
    if start >= end || end > chars.len() {
        return None;
    }
    let is_end = |i: usize| -> bool {
        let c = chars.get(i).copied().unwrap_or(' ');
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        (ends_sentence(c) && next.is_whitespace()) || c == '\n'
    };
    let mut from = start;
    while from > 0 && start - from < QUOTE_SIDE && !is_end(from - 1) {
        from -= 1;
    }
    let cut_front = from > 0 && !is_end(from - 1);
    let mut to = end;
    while to < chars.len() && to - end < QUOTE_SIDE && !is_end(to) {
        to += 1;
    }
    let cut_back = to < chars.len() && !is_end(to);
    if to < chars.len() && chars.get(to).is_some_and(|c| ends_sentence(*c)) {
        to += 1;
    }
    // Cut an unfinished word off the cut ends.
    if cut_front {
        while from < start && !chars.get(from).is_some_and(|c| c.is_whitespace()) {
            from += 1;
        }
    }
    if cut_back {
        while to > end && !chars.get(to - 1).is_some_and(|c| c.is_whitespace()) {
            to -= 1;
        }
    }
    // Whitespace runs (line breaks of the layout) become one space.
    let mut text = String::new();
    let mut len = 0usize;
    if cut_front {
        text.push('…');
        len += 1;
    }
    let (mut q_start, mut q_end) = (None, 0);
    let mut pending_space = false;
    for (i, c) in (from..to).zip(chars.get(from..to).unwrap_or_default()) {
        if c.is_whitespace() {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            text.push(' ');
            len += 1;
            pending_space = false;
        }
        if i >= start && q_start.is_none() {
            q_start = Some(len);
        }
        text.push(*c);
        len += 1;
        if i < end {
            q_end = len;
        }
    }
    if cut_back {
        text.push('…');
    }
    let q_start = q_start?;
    Some(Quote {
        text,
        start: q_start,
        end: q_end.max(q_start),
        at: start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote_of(text: &str, number: &str) -> Quote {
        let chars: Vec<char> = text.chars().collect();
        let b = text.rfind(number).unwrap();
        let start = text[..b].chars().count();
        quote(&chars, start, start + number.chars().count()).unwrap()
    }

    #[test]
    fn quotes_are_the_sentence_around_a_mention() {
        // A line is a paragraph: headings and list items are sentences of their own;
        // "1.000" and "16/6/2022" do not end one, ". " does.
        let text = "KẾ HOẠCH\nThực hiện Nghị quyết số 20-NQ/TW\nI. MỤC ĐÍCH\n- Tuyên truyền, quán triệt Nghị quyết số 20-NQ/TW, ngày 16/6/2022 và phát triển 1.000 hợp tác xã. Câu sau.";
        let q = quote_of(text, "20-NQ/TW");
        assert_eq!(
            q.text,
            "- Tuyên truyền, quán triệt Nghị quyết số 20-NQ/TW, ngày 16/6/2022 và phát triển 1.000 hợp tác xã."
        );
        let hl: String = q.text.chars().skip(q.start).take(q.end - q.start).collect();
        assert_eq!(hl, "20-NQ/TW");
        assert_eq!(q.at, text[..text.rfind("20-NQ").unwrap()].chars().count());
        let chars: Vec<char> = text.chars().collect();
        let first = text[..text.find("20-NQ").unwrap()].chars().count();
        let q = quote(&chars, first, first + 8).unwrap();
        assert_eq!(q.text, "Thực hiện Nghị quyết số 20-NQ/TW");
        // Runs of spaces are one space.
        let q = quote_of("Căn cứ  Nghị quyết\tsố 09/NQ-CP;", "09/NQ-CP");
        assert_eq!(q.text, "Căn cứ Nghị quyết số 09/NQ-CP;");
        // A sentence too long is cut at a space on both sides, marked "…".
        let long = format!(
            "{} Nghị quyết 09/NQ-CP {}",
            "từ ".repeat(120),
            "đến ".repeat(120)
        );
        let q = quote_of(&long, "09/NQ-CP");
        assert!(
            q.text.starts_with("… từ") && q.text.ends_with("đến…"),
            "{}",
            q.text
        );
        assert!(q.text.chars().count() < 340);
        let hl: String = q.text.chars().skip(q.start).take(q.end - q.start).collect();
        assert_eq!(hl, "09/NQ-CP");
        // Offsets outside the text give nothing.
        let chars: Vec<char> = "abc".chars().collect();
        assert!(quote(&chars, 2, 9).is_none());
        assert!(quote(&chars, 2, 2).is_none());
    }
}
