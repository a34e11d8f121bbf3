//! Linearized tables: a PDF extractor wrote the table cell by cell into the text. The
//! header line ("STT Nhiệm vụ Đơn vị chủ trì Kết quả") names the columns; group rows
//! ("1 <heading>"), task rows ("-" then the task text, the lead agency, the result) follow;
//! the header line repeats at page breaks and cuts cells. Rows and cells are recovered
//! from the order of cells, the agency gazetteer and line-wrap signals; every split made
//! from weak evidence is reported in warnings.

use crate::agency::{result_starter, scan_list, FUNCTION_WORDS};
use crate::columns::{parse_header_prefix, role, Role};
use crate::grid::Line;
use crate::text::{clean, from, glued_hyphen, key, prefix_ci, starts_lower, starts_upper, sub};
use regex::Regex;
use std::sync::OnceLock;
use vanban_model::{Span, Table};

/// Page-break marker inside a row's text.
const PAGE: char = '\u{c}';

#[derive(Debug, Clone)]
enum Item {
    Line(String),
    Page,
}

#[derive(Debug, Clone)]
struct Row {
    label: String,
    numbered: bool,
    items: Vec<Item>,
}

fn number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"^(\d{1,2}|[IVX]{1,5})\.?(?:\s+(.*))?$",
        ))
        .unwrap_or_else(|_| unreachable!())
    })
}

fn deadline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"(?i)(?:(?:trước|từ|trong|đến|cuối)\s+)?(?:năm\s+\d{4}(?:\s*[-–]\s*\d{4})?|\d{4}\s*[-–]\s*\d{4}|quý\s+[IV]+(?:/|\s+năm\s+)\d{4}|tháng\s+\d{1,2}(?:/|\s+năm\s+)\d{4}|(?:ngày\s+)?\d{1,2}/\d{1,2}/\d{4}|\d{4}|hằng năm|hàng năm|nhiệm vụ thường xuyên|thường xuyên|định kỳ)\.?$",
        ))
        .unwrap_or_else(|_| unreachable!())
    })
}

fn roman(n: usize) -> String {
    const R: [&str; 13] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n).map(|s| s.to_string()).unwrap_or_default()
}

fn is_end_marker(t: &str) -> bool {
    [
        "phụ lục",
        "nơi nhận",
        "tm.",
        "kt.",
        "t/m",
        "biểu số",
        "biểu mẫu",
    ]
    .iter()
    .any(|m| prefix_ci(t, m).is_some())
}

fn all_caps_heading(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// Tables recovered from linearized text, with the char span of each. Lines starting
/// inside a `skip` span (a reader's table) are not searched for headers.
pub fn recover(
    lines: &[Line<'_>],
    skip: &[Span],
    warnings: &mut Vec<String>,
) -> Vec<(Table, Span)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines
            .get(i)
            .is_some_and(|l| skip.iter().any(|s| s.start <= l.start && l.start < s.end))
        {
            i += 1;
            continue;
        }
        let Some((header, used, first_rest)) = header_at(lines, i) else {
            i += 1;
            continue;
        };
        let header_key = key(&header.join(" "));
        let start = lines.get(i).map(|l| l.start).unwrap_or(0);
        let mut j = i + used;
        let mut items = Vec::new();
        let mut roman_seen = number_re()
            .captures(first_rest.as_str())
            .and_then(|c| c.get(1))
            .is_some_and(|m| m.as_str().parse::<usize>().is_err());
        if !first_rest.is_empty() {
            push_line(&mut items, &first_rest, &header_key);
        }
        let mut end = start;
        while let Some(l) = lines.get(j) {
            let t = l.text.trim();
            if t.is_empty() {
                j += 1;
                continue;
            }
            if is_end_marker(t) || t.starts_with('|') {
                break;
            }
            // a roman-numbered all-caps heading of the document ("III. TỔ CHỨC THỰC HIỆN")
            // after a table that had no roman groups ends the table
            if let Some(c) = number_re().captures(t) {
                let label = c.get(1).map(|m| m.as_str()).unwrap_or("");
                let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
                if label.parse::<usize>().is_err()
                    && t.contains('.')
                    && all_caps_heading(rest)
                    && !roman_seen
                {
                    break;
                }
                if label.parse::<usize>().is_err() {
                    roman_seen = true;
                }
            }
            if let Some((h2, used2, rest2)) = header_at(lines, j) {
                if key(&h2.join(" ")) != header_key {
                    break;
                }
                items.push(Item::Page);
                if !rest2.is_empty() {
                    push_line(&mut items, &rest2, &header_key);
                }
                j += used2;
                continue;
            }
            push_line(&mut items, t, &header_key);
            end = l.start + l.text.chars().count();
            j += 1;
        }
        let (table, guessed, missing) = build(&header, items);
        if !table.rows.is_empty() {
            warnings.push(format!(
                "tables: table recovered from linearized text (header \"{}\" at char {}): {} rows; cell boundaries read from agency names and line order{}",
                header.join(" "),
                start,
                table.rows.len(),
                if guessed > 0 { format!(", {guessed} page-cut cell(s) rejoined by guess") } else { String::new() }
            ));
            for m in missing.iter().take(5) {
                warnings.push(format!("tables: no lead agency found in linearized row \"{m}\"; whole text kept as the task"));
            }
            out.push((table, Span::new(start, end.max(start))));
        }
        i = j.max(i + 1);
    }
    out
}

/// A header line at `i` (possibly wrapped over up to three lines): columns and lines used.
fn header_at(lines: &[Line<'_>], i: usize) -> Option<(Vec<String>, usize, String)> {
    let first = lines.get(i)?.text.trim();
    if !(first.starts_with("STT")
        || first.starts_with("TT")
        || first.starts_with("Số TT")
        || first.starts_with("Stt"))
    {
        return None;
    }
    let mut joined = first.to_string();
    for used in 1..=3 {
        if let Some((h, rest)) = parse_header_prefix(&joined) {
            return Some((h, used, rest.to_string()));
        }
        let next = lines.get(i + used)?.text.trim();
        if next.is_empty() || next.chars().count() > 60 {
            return None;
        }
        joined = format!("{joined} {next}");
    }
    None
}

/// Add a line, cutting out a repeated header embedded in it (joined by the normalizer).
fn push_line(items: &mut Vec<Item>, t: &str, header_key: &str) {
    // cheap test first: a header names its row-label column in capitals
    if !(t.contains("STT") || t.contains("TT ") || t.contains("Stt")) {
        items.push(Item::Line(t.to_string()));
        return;
    }
    let k = key(t);
    if k == header_key {
        items.push(Item::Page);
        return;
    }
    // header text inside a longer line: the normalizer joined across the page break
    let lower = t.to_lowercase();
    if let Some(pos) = lower.find(header_key).filter(|_| header_key.len() >= 12) {
        if t.is_char_boundary(pos)
            && t.is_char_boundary(pos + header_key.len())
            && lower.len() == t.len()
        {
            let before = sub(t, 0, pos).trim();
            let after = from(t, pos + header_key.len()).trim();
            if !before.is_empty() {
                items.push(Item::Line(before.to_string()));
            }
            items.push(Item::Page);
            if !after.is_empty() {
                items.push(Item::Line(after.to_string()));
            }
            return;
        }
    }
    items.push(Item::Line(t.to_string()));
}

/// Segment items into rows and rows into cells.
fn build(header: &[String], items: Vec<Item>) -> (Table, usize, Vec<String>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut last_int = 0usize;
    let mut last_roman = 0usize;
    let mut last_was_roman = false;
    let mut any_arabic_group = false;
    for it in items {
        let t = match &it {
            Item::Page => {
                if let Some(r) = rows.last_mut() {
                    r.items.push(Item::Page);
                }
                continue;
            }
            Item::Line(t) => t.clone(),
        };
        if matches!(t.as_str(), "-" | "–" | "+" | "•") {
            rows.push(Row {
                label: "-".into(),
                numbered: false,
                items: Vec::new(),
            });
            continue;
        }
        if let Some(rest) = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("– "))
            .or_else(|| t.strip_prefix("+ "))
        {
            rows.push(Row {
                label: "-".into(),
                numbered: false,
                items: vec![Item::Line(rest.trim().to_string())],
            });
            continue;
        }
        if let Some(c) = number_re().captures(&t) {
            let label = c.get(1).map(|m| m.as_str()).unwrap_or("");
            let rest = c.get(2).map(|m| m.as_str().trim()).unwrap_or("");
            let rest_ok = rest.is_empty() || starts_upper(rest);
            if rest_ok {
                if let Ok(n) = label.parse::<usize>() {
                    if n == last_int + 1 || (n == 1 && last_was_roman) {
                        last_int = n;
                        last_was_roman = false;
                        any_arabic_group = true;
                        let items = if rest.is_empty() {
                            Vec::new()
                        } else {
                            vec![Item::Line(rest.to_string())]
                        };
                        rows.push(Row {
                            label: label.into(),
                            numbered: true,
                            items,
                        });
                        continue;
                    }
                } else if label == roman(last_roman + 1)
                    && !(any_arabic_group && all_caps_heading(rest) && last_roman == 0)
                {
                    last_roman += 1;
                    last_int = 0;
                    last_was_roman = true;
                    let items = if rest.is_empty() {
                        Vec::new()
                    } else {
                        vec![Item::Line(rest.to_string())]
                    };
                    rows.push(Row {
                        label: label.into(),
                        numbered: true,
                        items,
                    });
                    continue;
                }
            }
        }
        if let Some(r) = rows.last_mut() {
            r.items.push(it);
        }
    }
    let width = header.len();
    let roles: Vec<Role> = header.iter().map(|h| role(h)).collect();
    let task_col = roles.iter().position(|r| *r == Role::Task).unwrap_or(1);
    let mut table = Table {
        header: header.to_vec(),
        rows: Vec::new(),
        page: None,
        caption: None,
    };
    let mut guessed = 0usize;
    let mut missing = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        let text = row_text(&r.items);
        let next = rows.get(k + 1);
        let is_roman = |x: &Row| x.numbered && x.label.parse::<usize>().is_err();
        let has_children =
            r.numbered && next.is_some_and(|x| !x.numbered || (is_roman(r) && !is_roman(x)));
        let mut cells = vec![String::new(); width];
        if let Some(c) = cells.first_mut() {
            *c = r.label.clone();
        }
        if has_children || (r.numbered && text.trim().is_empty()) {
            if let Some(c) = cells.get_mut(task_col) {
                *c = clean(&text);
            }
        } else {
            let split = split_row(&text, &roles);
            if split.guessed {
                guessed += 1;
            }
            if split.no_lead {
                missing.push(clean(&text).chars().take(60).collect());
            }
            for (i, v) in split.cells.into_iter().enumerate() {
                if i > 0 {
                    if let Some(c) = cells.get_mut(i) {
                        *c = v;
                    }
                }
            }
        }
        table.rows.push(cells);
    }
    (table, guessed, missing)
}

/// Join a row's lines: "\n" between lines (hyphen-split words glued), a page marker
/// between pages.
fn row_text(items: &[Item]) -> String {
    let mut s = String::new();
    for it in items {
        match it {
            Item::Line(t) => {
                if !s.is_empty() && !glued_hyphen(&s) {
                    s.push('\n');
                }
                s.push_str(t);
            }
            Item::Page => {
                s.push('\n');
                s.push(PAGE);
            }
        }
    }
    s
}

struct Split {
    cells: Vec<String>,
    guessed: bool,
    no_lead: bool,
}

/// Score a candidate lead cell spanning `p..q` of the row text.
fn score(s: &str, p: usize, q: usize) -> i32 {
    let before = sub(s, 0, p);
    if before
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(2)
        .count()
        < 2
    {
        return -10;
    }
    let b = before.trim_end_matches(' ');
    let line_start = b.ends_with('\n') || b.ends_with(PAGE);
    let b2 = b.trim_end();
    let mut sc = if line_start { 3 } else { 0 };
    match b2.chars().last() {
        Some('.' | ';' | ':' | '?' | '!') => sc += 2,
        Some(c) if c.is_alphanumeric() => {
            let w: String = b2
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let w = w.to_lowercase();
            if FUNCTION_WORDS.contains(&w.as_str()) {
                // "các" before a capitalized name is not grammatical prose: a cut cell
                sc -= if line_start || w == "các" { 2 } else { 5 };
            } else if !line_start {
                sc -= 2;
            }
        }
        _ => {}
    }
    let after = from(s, q);
    let a = after.trim_start_matches(' ');
    if a.trim().is_empty() {
        sc += 2;
    } else if a.starts_with('\n') || a.starts_with(PAGE) {
        sc += 1;
        if starts_upper(a.trim_start()) {
            sc += 1;
        }
    } else if a.starts_with('?') {
        sc -= 4;
    } else if let Some(r) = a.strip_prefix([',', ';']) {
        if starts_lower(r.trim_start()) {
            sc -= 3;
        }
    } else if a.starts_with('.') {
        sc -= 1;
    } else if starts_upper(a) {
        if result_starter(a) {
            sc += 2;
        }
    } else if starts_lower(a) {
        sc -= 3;
    }
    // followed by a short capitalized phrase ending in "?": the result cell of report
    // templates ("Kế hoạch của Ủy ban nhân dân tỉnh?")
    let at = a.trim_start();
    if starts_upper(at) {
        if let Some(qpos) = at.find('?') {
            let seg = sub(at, 0, qpos);
            if seg.chars().count() <= 150 && !seg.contains(". ") && !seg.contains(PAGE) {
                sc += 3;
            }
        }
    }
    sc
}

fn split_row(s: &str, roles: &[Role]) -> Split {
    let width = roles.len();
    let mut cells = vec![String::new(); width];
    let task_col = roles.iter().position(|r| *r == Role::Task).unwrap_or(1);
    let lead_col = roles.iter().position(|r| *r == Role::Lead);
    let Some(lead_col) = lead_col.filter(|&l| l == task_col + 1) else {
        if let Some(c) = cells.get_mut(task_col) {
            *c = clean(s);
        }
        return Split {
            cells,
            guessed: false,
            no_lead: false,
        };
    };
    // best lead candidate
    let mut best: Option<(i32, usize, usize)> = None;
    let mut prev_alnum = false;
    for (k, c) in s.char_indices() {
        let word_start = c.is_alphabetic() && !prev_alnum;
        prev_alnum = c.is_alphanumeric();
        if !word_start || !(c.is_uppercase() || from(s, k).starts_with("các ")) {
            continue;
        }
        if let Some(q) = scan_list(s, k) {
            let sc = score(s, k, q);
            if sc >= 2 && !matches!(best, Some((b, _, _)) if sc <= b) {
                best = Some((sc, k, q));
            }
        }
    }
    let Some((_, p, q)) = best else {
        if let Some(c) = cells.get_mut(task_col) {
            *c = clean(s);
        }
        return Split {
            cells,
            guessed: false,
            no_lead: true,
        };
    };
    let mut task = sub(s, 0, p).to_string();
    if let Some(c) = cells.get_mut(lead_col) {
        *c = clean(sub(s, p, q));
    }
    let mut rest = from(s, q).to_string();
    let mut guessed = false;
    for (i, r) in roles.iter().enumerate().skip(lead_col + 1) {
        let r_trim = rest.trim_start().to_string();
        match r {
            Role::Partners | Role::Other => {
                if let Some(e) = scan_list(&r_trim, 0) {
                    if let Some(c) = cells.get_mut(i) {
                        *c = clean(sub(&r_trim, 0, e));
                    }
                    rest = from(&r_trim, e).to_string();
                }
            }
            Role::Result => {
                if starts_lower(&r_trim) || r_trim.starts_with(PAGE) {
                    continue;
                }
                let page = r_trim.find(PAGE);
                let qm = r_trim
                    .find('?')
                    .filter(|&x| !matches!(page, Some(pg) if x >= pg));
                let deadline_later = roles.iter().skip(i + 1).any(|x| *x == Role::Deadline);
                let cut = match (qm, page) {
                    (Some(x), _) => x + 1,
                    (None, Some(pg)) => pg,
                    (None, None) if deadline_later => {
                        let seg = r_trim.trim_end();
                        deadline_re()
                            .find_iter(seg)
                            .filter(|m| m.end() == seg.len())
                            .map(|m| m.start())
                            .next()
                            .unwrap_or(seg.len())
                    }
                    (None, None) => r_trim.len(),
                };
                if let Some(c) = cells.get_mut(i) {
                    *c = clean(sub(&r_trim, 0, cut));
                }
                rest = from(&r_trim, cut).to_string();
            }
            Role::Deadline => {
                let seg = r_trim.split(PAGE).next().unwrap_or("").trim_end();
                let m = deadline_re()
                    .find_iter(seg)
                    .find(|m| m.start() == 0 && m.end() == seg.len());
                if let Some(m) = m {
                    if let Some(c) = cells.get_mut(i) {
                        *c = clean(m.as_str());
                    }
                    rest = from(&r_trim, m.end()).to_string();
                }
            }
            Role::Stt | Role::Task | Role::Lead => {}
        }
    }
    let cont = clean(&rest);
    if !cont.is_empty() {
        // text after the last cell: the part of a cell cut by a page break
        if !rest.contains(PAGE) {
            guessed = true;
        }
        task.push('\n');
        task.push_str(&cont);
    }
    if let Some(c) = cells.get_mut(task_col) {
        *c = clean(&task);
    }
    Split {
        cells,
        guessed,
        no_lead: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::lines;

    fn roles4() -> Vec<Role> {
        vec![Role::Stt, Role::Task, Role::Lead, Role::Result]
    }

    #[test]
    fn lead_after_sentence_and_result_question() {
        let s = "Khen thưởng, tôn vinh và nhân rộng các tổ chức kinh tế tập thể hoạt\nđộng hiệu quả trên địa bàn tỉnh. Sở Nội vụ\nBao nhiêu tổ chức được khen thưởng, tôn\nvinh?";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Sở Nội vụ");
        assert_eq!(sp.cells[3], "Bao nhiêu tổ chức được khen thưởng, tôn vinh?");
        assert!(sp.cells[1].ends_with("trên địa bàn tỉnh."));
    }

    #[test]
    fn agency_inside_task_is_not_the_lead() {
        let s = "Công khai quy hoạch trên Cổng thông\ntin điện tử tỉnh, Sở Tài nguyên và Môi trường, trang thông tin của\ncác sở, ban ngành, Ủy ban nhân dân các huyện, thành phố; rà soát quy hoạch.\nSở Tài nguyên\nvà Môi trường\nBáo cáo của Sở Tài nguyên và Môi\ntrường?";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Sở Tài nguyên và Môi trường");
        assert_eq!(sp.cells[3], "Báo cáo của Sở Tài nguyên và Môi trường?");
        assert!(sp.cells[1].contains("trang thông tin của các sở"));
    }

    #[test]
    fn page_cut_task_is_rejoined() {
        let s = "Xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ quản lý, kế\nSở Nội vụ Kế hoạch của Ủy ban nhân dân tỉnh?\nhoạch để kinh tế tập thể phát triển.";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Sở Nội vụ");
        assert_eq!(sp.cells[3], "Kế hoạch của Ủy ban nhân dân tỉnh?");
        assert_eq!(sp.cells[1], "Xây dựng kế hoạch đào tạo, bồi dưỡng cán bộ quản lý, kế hoạch để kinh tế tập thể phát triển.");
        assert!(sp.guessed);
        // no result, continuation after a page break starts lowercase
        let s = "Phối hợp với doanh nghiệp nhà nước ưu\nỦy ban nhân\ndân các huyện,\nthành phố\n\u{c}\ntiên hỗ trợ liên kết.";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Ủy ban nhân dân các huyện, thành phố");
        assert_eq!(sp.cells[3], "");
        assert_eq!(
            sp.cells[1],
            "Phối hợp với doanh nghiệp nhà nước ưu tiên hỗ trợ liên kết."
        );
        assert!(!sp.guessed);
    }

    #[test]
    fn no_agency_keeps_text() {
        let sp = split_row("Tổ chức hội nghị tổng kết.", &roles4());
        assert!(sp.no_lead);
        assert_eq!(sp.cells[1], "Tổ chức hội nghị tổng kết.");
    }

    #[test]
    fn whole_table_with_groups_and_page_break() {
        let text = "II. KẾT QUẢ\nSTT Nhiệm vụ Đơn vị chủ trì Kết quả\n1\nNhận thức đúng về kinh tế tập thể\n-\nTriển khai quán triệt Nghị quyết số\n09/NQ-CP đến cán bộ.\nSở Thông tin\nvà Truyền\nthông\nKế hoạch của Ủy ban nhân dân tỉnh?\n STT Nhiệm vụ Đơn vị chủ trì Kết quả\nliên kết, trợ giúp lẫn nhau.\n- \nXây dựng Đề án tuyên truyền.\nLiên minh Hợp\ntác xã tỉnh\nĐề án của Ủy ban nhân dân tỉnh?\n2 Tiếp tục đổi mới cơ chế\n-\nRà soát chính sách.\nSở Kế hoạch\nvà Đầu tư\nBáo cáo?\n";
        let ls = lines(text);
        let mut w = Vec::new();
        let t = recover(&ls, &[], &mut w);
        assert_eq!(t.len(), 1);
        let rows = &t[0].0.rows;
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[0],
            vec!["1", "Nhận thức đúng về kinh tế tập thể", "", ""]
        );
        assert_eq!(
            rows[1][1],
            "Triển khai quán triệt Nghị quyết số 09/NQ-CP đến cán bộ. liên kết, trợ giúp lẫn nhau."
        );
        assert_eq!(rows[1][2], "Sở Thông tin và Truyền thông");
        assert_eq!(rows[2][2], "Liên minh Hợp tác xã tỉnh");
        assert_eq!(rows[3][0], "2");
        assert_eq!(rows[4][3], "Báo cáo?");
        assert!(!w.is_empty());
    }
}

#[cfg(test)]
mod joined_tests {
    use super::*;

    fn roles4() -> Vec<Role> {
        vec![Role::Stt, Role::Task, Role::Lead, Role::Result]
    }

    #[test]
    fn joined_lines_with_question_results() {
        // page cut inside a word, lead and result joined on the same line
        let s = "Hỗ trợ kết cấu hạ tầng vì mục tiêu phát triển cộng đồng. Tổ Sở Kế hoạch và Đầu tư Quyết định phân bổ?\nchức kinh tế tập thể có trách nhiệm tự trang trải chi phí.";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Sở Kế hoạch và Đầu tư");
        assert_eq!(sp.cells[3], "Quyết định phân bổ?");
        assert!(sp.cells[1]
            .ends_with("cộng đồng. Tổ chức kinh tế tập thể có trách nhiệm tự trang trải chi phí."));
        let s = "Tổ chức tuyên truyền, phổ biến sâu rộng đến các Liên minh Hợp tác xã Dự án/Đề án, Quyết định của Ủy ban nhân dân tỉnh?\nđịa phương, các hợp tác xã.";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Liên minh Hợp tác xã");
        assert_eq!(
            sp.cells[1],
            "Tổ chức tuyên truyền, phổ biến sâu rộng đến các địa phương, các hợp tác xã."
        );
        // an agency named inside the task text followed by prose is not a cell
        let s = "Tham mưu cho Ủy ban nhân dân tỉnh về giải pháp điều hành Quỹ hỗ trợ.\nSở Tài chính\nBáo cáo?";
        let sp = split_row(s, &roles4());
        assert_eq!(sp.cells[2], "Sở Tài chính");
    }
}

#[cfg(test)]
mod shape_tests {
    use super::*;
    use crate::grid::lines;

    #[test]
    fn header_joined_with_first_row_and_roman_groups() {
        let text = "STT Nội dung công việc Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành I NHIỆM VỤ CHUNG\n1 Tuyên truyền\n-\nTổ chức hội nghị quán triệt Nghị quyết.\nSở Nội vụ\nCác sở, ngành;\nUBND các huyện\nQuý II/2025\n2 Chính sách\n-\nRà soát chính sách hỗ trợ hợp tác xã\nSở Tài chính\nSở Kế hoạch và Đầu tư\nNăm 2025\n";
        let mut w = Vec::new();
        let t = recover(&lines(text), &[], &mut w);
        assert_eq!(t.len(), 1);
        let tb = &t[0].0;
        assert_eq!(tb.header.len(), 5);
        assert_eq!(tb.rows[0], vec!["I", "NHIỆM VỤ CHUNG", "", "", ""]);
        assert_eq!(tb.rows[1], vec!["1", "Tuyên truyền", "", "", ""]);
        assert_eq!(
            tb.rows[2],
            vec![
                "-",
                "Tổ chức hội nghị quán triệt Nghị quyết.",
                "Sở Nội vụ",
                "Các sở, ngành; UBND các huyện",
                "Quý II/2025"
            ]
        );
        assert_eq!(tb.rows[4][2], "Sở Tài chính");
        assert_eq!(tb.rows[4][3], "Sở Kế hoạch và Đầu tư");
        assert_eq!(tb.rows[4][4], "Năm 2025");
        let tasks = crate::tasks::from_table(tb);
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].stt.as_deref(), Some("1.1"));
        assert_eq!(tasks[0].partners, vec!["Các sở, ngành", "UBND các huyện"]);
        assert_eq!(tasks[0].deadline.as_deref(), Some("Quý II/2025"));
        assert_eq!(tasks[1].group.as_deref(), Some("Chính sách"));
    }
}

#[cfg(test)]
mod end_tests {
    use super::*;
    use crate::grid::lines;

    #[test]
    fn document_heading_ends_the_table() {
        let text = "STT Nhiệm vụ Đơn vị chủ trì Kết quả\n1 Tuyên truyền\n-\nTổ chức hội nghị quán triệt.\nSở Nội vụ\nKế hoạch?\nIII. TỔ CHỨC THỰC HIỆN\nCác sở, ngành triển khai thực hiện Kế hoạch này.\n";
        let t = recover(&lines(text), &[], &mut Vec::new());
        assert_eq!(t[0].0.rows.len(), 2);
        assert_eq!(t[0].0.rows[1][3], "Kế hoạch?");
    }
}
