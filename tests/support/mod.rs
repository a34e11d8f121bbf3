//! Helpers shared by the workspace-level integration tests in `tests/`.
#![forbid(unsafe_code)]

use std::path::PathBuf;

/// Absolute path of a file under the repository root.
pub fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Re-wrap a paragraph the way PDF extraction does: break at spaces so no line exceeds
/// `width` chars; a document symbol that straddles the break is split after its hyphen.
pub fn rewrap(paragraph: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in paragraph.split(' ') {
        let cur_len = cur.chars().count();
        let w_len = word.chars().count();
        if cur_len > 0 && cur_len + 1 + w_len > width {
            // a symbol such as 20-NQ/TW split after its hyphen when the break falls inside it
            let is_symbol = word.chars().next().is_some_and(|c| c.is_ascii_digit())
                && word.contains('/')
                && word.contains('-');
            if let (true, Some(h)) = (is_symbol, word.find('-')) {
                if cur_len + 1 + h < width {
                    cur.push(' ');
                    cur.push_str(&word[..=h]);
                    lines.push(std::mem::take(&mut cur));
                    cur.push_str(&word[h + 1..]);
                    continue;
                }
            }
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The true paragraphs of a markdown file: each non-table line is a paragraph, emphasis
/// dropped; a line that starts in lower case (or with "(") after a line without closing
/// punctuation continues the paragraph the author's editor broke (the file has a few such
/// breaks, across blank lines, where its pages ended).
pub fn markdown_paragraphs(md: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in md.lines().map(|l| l.trim().replace("**", "")) {
        if line.is_empty() || line.starts_with('|') {
            continue;
        }
        let first = line.chars().next().unwrap_or(' ');
        let continues = out.last().is_some_and(|p: &String| {
            !p.ends_with(['.', ';', ':', '?', '!']) && p.chars().any(|c| c.is_lowercase())
        }) && (first.is_lowercase() || first == '(')
            && line.chars().nth(1) != Some(')');
        let caps =
            |s: &str| s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase());
        // a capitalised heading the converter kept on two lines is one heading
        let continues = continues
            || out
                .last()
                .is_some_and(|p: &String| caps(p) && caps(&line) && p.chars().count() > 40);
        match out.last_mut() {
            Some(p) if continues => {
                p.push(' ');
                p.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

/// True when a reference number ends in a footnote digit run into it: its last letter code
/// is followed by digits no symbol has there ("42/2024/QH151", "105/2025/NĐ-CP2",
/// "47/2024/TT-BGTVT4"). Codes carry two digits (the legislature after QH: "QH15",
/// "UBTVQH14"; numbered units: "CT05", "PC07") and one-letter codes one or two ("C06-P3").
/// A two-digit marker (note 10 on) run into a code cannot be told this way.
pub fn glued_note_digit(number: &str) -> bool {
    let tail: String = number
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if tail.is_empty() {
        return false;
    }
    let head: String = number
        .chars()
        .rev()
        .skip(tail.len())
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if head.is_empty() {
        return false;
    }
    let two = tail.len() == 2;
    let unit = head.chars().count() == 1 && tail.len() <= 2;
    !(two || unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrap_respects_width_and_splits_symbols() {
        let lines = rewrap("Căn cứ Nghị quyết số 20-NQ/TW ngày 16/6/2022", 27);
        assert_eq!(
            lines,
            vec!["Căn cứ Nghị quyết số 20-", "NQ/TW ngày 16/6/2022"]
        );
        for l in rewrap(&"từ ".repeat(50), 60) {
            assert!(l.chars().count() <= 60);
        }
    }
}
