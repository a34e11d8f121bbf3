//! Page furniture: page numbers and running headers/footers, detected by position and
//! repetition (never by a list of strings).

use std::collections::{HashMap, HashSet};

/// A page-number line: "12", "- 12 -", "Trang 12", "12/30".
///
/// ```
/// use vanban_normalize::furniture::page_number;
/// assert_eq!(page_number("- 3 -"), Some(3));
/// assert_eq!(page_number("Trang 4/12"), Some(4));
/// assert_eq!(page_number("2025"), None);
/// assert_eq!(page_number("1. Mục đích"), None);
/// ```
pub fn page_number(line: &str) -> Option<u32> {
    let t = line.trim();
    let t = t
        .strip_prefix("Trang")
        .or_else(|| t.strip_prefix("trang"))
        .unwrap_or(t)
        .trim();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' '));
    let num = match t.split_once('/') {
        Some((a, b)) if b.trim().chars().all(|c| c.is_ascii_digit()) && !b.trim().is_empty() => {
            a.trim()
        }
        Some(_) => return None,
        None => t,
    };
    if num.is_empty() || num.len() > 3 || !num.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    num.parse().ok()
}

fn mask_digits(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Indices of furniture lines. `lines[i]` is `None` for pieces that are not plain lines
/// (paragraphs, tables); `pages[i]` is the 1-based page of each piece.
pub fn find(lines: &[Option<&str>], pages: &[u32]) -> HashSet<usize> {
    let mut out = HashSet::new();
    let n_pages = pages.iter().copied().max().unwrap_or(1);
    if n_pages >= 2 && pages.len() == lines.len() {
        // Lines at the top or bottom two places of a page.
        let mut edge: Vec<usize> = Vec::new();
        let mut by_page: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            if lines[i].is_some() {
                by_page.entry(*p).or_default().push(i);
            }
        }
        for idx in by_page.values() {
            let k = idx.len();
            for (j, &i) in idx.iter().enumerate() {
                if j < 2 || j + 2 >= k {
                    edge.push(i);
                }
            }
        }
        // page numbers at edges
        for &i in &edge {
            if lines[i].and_then(page_number).is_some() {
                out.insert(i);
            }
        }
        // repeated edge lines (digits masked) on at least a third of the pages, min 3
        let mut seen: HashMap<String, HashSet<u32>> = HashMap::new();
        for &i in &edge {
            if let Some(l) = lines[i] {
                if l.chars().count() <= 120 {
                    seen.entry(mask_digits(l)).or_default().insert(pages[i]);
                }
            }
        }
        let need = (n_pages as usize).div_ceil(3).max(3);
        for &i in &edge {
            if let Some(l) = lines[i] {
                if seen.get(&mask_digits(l)).is_some_and(|s| s.len() >= need) {
                    out.insert(i);
                }
            }
        }
        return out;
    }
    // No page information: a table header line repeated mid-text is the top of a new page
    // of the same table; keep the first.
    let mut headers_seen: HashSet<&str> = HashSet::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(l) = l {
            if crate::wrap::is_table_header_line(l) && !headers_seen.insert(l) {
                out.insert(i);
            }
        }
    }
    // Page numbers show as a chain n, n+1, … of lone numbers spread
    // through the text. Lone numbers that are list labels do not form such a chain.
    let cands: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.and_then(page_number).map(|n| (i, n)))
        .collect();
    let mut chain: Vec<(usize, u32)> = Vec::new();
    let mut best: Vec<(usize, u32)> = Vec::new();
    for &(i, n) in &cands {
        match chain.last() {
            Some(&(pi, pn)) if n == pn + 1 && i >= pi + 8 => chain.push((i, n)),
            _ => {
                if chain.len() > best.len() {
                    best = std::mem::take(&mut chain);
                }
                chain = vec![(i, n)];
            }
        }
    }
    if chain.len() > best.len() {
        best = chain;
    }
    if best.len() >= 2 {
        out.extend(best.into_iter().map(|(i, _)| i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_of_page_numbers_removed_labels_kept() {
        let mut lines: Vec<Option<&str>> = Vec::new();
        for p in 1..=4 {
            for _ in 0..10 {
                lines.push(Some("nội dung"));
            }
            lines.push(Some(["1", "2", "3", "4"][p - 1]));
        }
        let pages = vec![1; lines.len()];
        let f = find(&lines, &pages);
        assert_eq!(f.len(), 4);
        // a lone "1" and "5" (table labels) are not a chain
        let lines = vec![Some("1"), Some("a"), Some("5")];
        assert!(find(&lines, &[1, 1, 1]).is_empty());
    }

    #[test]
    fn running_header_on_pages() {
        let mut lines = Vec::new();
        let mut pages = Vec::new();
        for p in 1..=4u32 {
            lines.push(Some("Kế hoạch số 251/KH-UBND"));
            pages.push(p);
            for _ in 0..6 {
                lines.push(Some("văn bản"));
                pages.push(p);
            }
        }
        let f = find(&lines, &pages);
        assert!(f.contains(&0) && f.contains(&7) && f.contains(&14));
        assert!(!f.contains(&3));
    }
}
