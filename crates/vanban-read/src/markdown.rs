//! Markdown: pipe tables become table blocks, emphasis and heading markers are dropped.

use vanban_model::{Block, InputPos, RawTable};

fn is_table_line(l: &str) -> bool {
    let t = l.trim();
    t.starts_with('|') && t.len() > 1
}

fn is_separator(l: &str) -> bool {
    let t = l.trim().trim_matches('|');
    !t.is_empty()
        && t.split('|').all(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
}

/// Split a pipe row into cells (a `\|` escape stays a bar inside the cell).
pub fn split_row(l: &str) -> Vec<String> {
    let t = l.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    cells.into_iter().map(|c| strip_inline(c.trim())).collect()
}

/// Drop emphasis markers (`**`, `__`, `*x*`) and `<br>` tags from inline text.
pub fn strip_inline(s: &str) -> String {
    let s = s.replace("**", "").replace("__", "");
    let s = s
        .replace("<br/>", " ")
        .replace("<br>", " ")
        .replace("<br />", " ");
    // single-star emphasis: only when paired around a word, never a lone bullet star
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' {
            let next_word = chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
            let prev_word = i > 0 && chars.get(i - 1).is_some_and(|p| !p.is_whitespace());
            if next_word || prev_word {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Read markdown text into blocks; positions are byte offsets and 1-based lines of `text`.
///
/// ```
/// let (blocks, _) = vanban_read::markdown::read("**KẾ HOẠCH**\n\n| STT | Nội dung |\n|---|---|\n| 1 | Việc |\n");
/// assert!(matches!(&blocks[0], vanban_model::Block::Line(l) if l == "KẾ HOẠCH"));
/// assert!(matches!(&blocks[2], vanban_model::Block::Table(t) if t.rows.len() == 2));
/// ```
pub fn read(text: &str) -> (Vec<Block>, Vec<InputPos>) {
    let mut blocks = Vec::new();
    let mut pos = Vec::new();
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut b = 0;
        for l in text.split('\n') {
            v.push((b, l));
            b += l.len() + 1;
        }
        v
    };
    let mut i = 0;
    while i < lines.len() {
        let (byte, l) = lines[i];
        if is_table_line(l) {
            let start = i;
            let mut rows = Vec::new();
            while i < lines.len() && is_table_line(lines[i].1) {
                if !is_separator(lines[i].1) {
                    rows.push(split_row(lines[i].1.trim_end_matches('\r')));
                }
                i += 1;
            }
            blocks.push(Block::Table(RawTable { rows, page: None }));
            pos.push(InputPos {
                byte: lines[start].0,
                line: start + 1,
            });
            continue;
        }
        let mut t = l.trim_end_matches('\r');
        let trimmed = t.trim_start();
        if trimmed.starts_with('#') {
            t = trimmed.trim_start_matches('#').trim_start();
        }
        blocks.push(Block::Line(strip_inline(t)));
        pos.push(InputPos { byte, line: i + 1 });
        i += 1;
    }
    (blocks, pos)
}

/// True when text looks like markdown with pipe tables (content sniffing for `.txt` names).
pub fn looks_like_markdown(text: &str) -> bool {
    let mut prev_table = false;
    for l in text.lines().take(5000) {
        if prev_table && is_separator(l) && is_table_line(l) {
            return true;
        }
        prev_table = is_table_line(l);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_emphasis() {
        let (b, p) = read("# Tiêu đề\n**Về việc** *x*\n| a | b \\| c |\n|--|--|\n| 1 | 2 |\nsau");
        assert_eq!(b[0], Block::Line("Tiêu đề".into()));
        assert_eq!(b[1], Block::Line("Về việc x".into()));
        match &b[2] {
            Block::Table(t) => assert_eq!(
                t.rows,
                vec![
                    vec!["a".to_string(), "b | c".into()],
                    vec!["1".into(), "2".into()]
                ]
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(b[3], Block::Line("sau".into()));
        assert_eq!(p[3].line, 6);
    }

    #[test]
    fn bullet_star_kept() {
        assert_eq!(strip_inline("* mục"), "* mục");
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_markdown("x\n| a | b |\n|---|---|\n"));
        assert!(!looks_like_markdown("a | b\nc"));
    }
}
