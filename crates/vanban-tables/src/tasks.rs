//! Tasks read from task tables: group rows, "-" rows, continuation rows.

use crate::agency::split_agencies;
use crate::columns::Columns;
use crate::text::{clean, trim_punct};
use vanban_model::{Table, Task};

fn cell(row: &[String], i: Option<usize>) -> &str {
    i.and_then(|i| row.get(i)).map(|s| s.trim()).unwrap_or("")
}

fn opt(s: &str) -> Option<String> {
    let t = clean(s);
    let t = t.trim_end_matches([';', ',']).trim();
    if t.is_empty() || t == "-" {
        None
    } else {
        Some(t.to_string())
    }
}

/// A row label that names a group: roman numeral, number, letter ("I", "2", "A", "1.").
fn label_of(s: &str) -> Option<&str> {
    let t = s.trim().trim_end_matches(['.', ')']);
    let ok = !t.is_empty()
        && t.chars().count() <= 6
        && (t.chars().all(|c| c.is_ascii_digit() || c == '.')
            || t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (t.chars().count() == 1 && t.chars().all(|c| c.is_alphabetic())));
    ok.then_some(t)
}

/// Split "I. MỤC TIÊU" into ("I", "MỤC TIÊU") when a group heading sits in one cell.
fn split_label(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let (head, rest) = s.split_once([' ', '.'])?;
    let rest = rest.trim_start_matches(['.', ' ']);
    let l = label_of(head)?;
    if rest.is_empty() {
        None
    } else {
        Some((l, rest))
    }
}

fn is_dash(s: &str) -> bool {
    matches!(s.trim(), "-" | "–" | "—" | "+" | "•" | "*")
}

/// Read the tasks of one table; empty when the header does not name a task column and a
/// lead column.
///
/// ```
/// use vanban_model::Table;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let t = Table {
///     header: s(&["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Kết quả"]),
///     rows: vec![s(&["1", "Xây dựng kế hoạch", "Sở Nội vụ", "Kế hoạch"]), s(&["", "", "UBND các huyện", "Văn bản"])],
///     page: None,
///     caption: None,
/// };
/// let tasks = vanban_tables::tasks::from_table(&t);
/// assert_eq!(tasks.len(), 1);
/// assert_eq!(tasks[0].lead, vec!["Sở Nội vụ", "UBND các huyện"]);
/// assert_eq!(tasks[0].result.as_deref(), Some("Kế hoạch | Văn bản"));
/// ```
pub fn from_table(t: &Table) -> Vec<Task> {
    read(t, true, &mut Vec::new())
}

/// [`from_table`], noting guesses in `warnings`. With `merged_cells` (grid tables from a
/// reader), an empty lead cell under a task is read as a merged cell and takes the
/// agencies of the row above; recovered linearized tables pass `false`.
pub fn read(t: &Table, merged_cells: bool, warnings: &mut Vec<String>) -> Vec<Task> {
    let c = Columns::of(&t.header);
    if !c.is_task_table() {
        return Vec::new();
    }
    let labelled = c.stt.is_some() && t.rows.iter().any(|r| !cell(r, c.stt).is_empty());
    let mut tasks: Vec<Task> = Vec::new();
    let mut group: Option<String> = None;
    let mut group_label: Option<String> = None;
    let mut dash_pos = 0usize;
    let mut inherited = 0usize;
    for (k, row) in t.rows.iter().enumerate() {
        if row.iter().all(|x| x.trim().is_empty()) {
            continue;
        }
        let next_stt = t
            .rows
            .get(k + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|r| r.iter().any(|x| !x.trim().is_empty()))
            .map(|r| cell(r, c.stt))
            .unwrap_or("");
        let stt = cell(row, c.stt);
        let task = cell(row, c.task);
        let lead = cell(row, c.lead);
        let partners = cell(row, c.partners);
        let result = cell(row, c.result);
        let deadline = cell(row, c.deadline);
        let non_empty = row.iter().filter(|x| !x.trim().is_empty()).count();
        let role_empty =
            lead.is_empty() && partners.is_empty() && result.is_empty() && deadline.is_empty();
        // group row: a label with a heading and nothing else
        if role_empty && non_empty <= 2 {
            let heading = if !task.is_empty() {
                Some((label_of(stt).map(str::to_string), task.to_string()))
            } else {
                // heading spread over the label cell ("I. MỤC TIÊU …")
                let first = row
                    .iter()
                    .map(|x| x.trim())
                    .find(|x| !x.is_empty())
                    .unwrap_or("");
                split_label(first).map(|(l, h)| (Some(l.to_string()), h.to_string()))
            };
            if let Some((label, heading)) = heading {
                let caps = heading
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
                // a numbered row with a mixed-case text followed by its sibling is a
                // task whose agency cell spans from the row above (rowspan), not a group
                let numeric = label
                    .as_deref()
                    .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit() || c == '.'));
                let has_children = label.as_deref().is_some_and(|l| {
                    is_dash(next_stt)
                        || next_stt.is_empty()
                        || next_stt.starts_with(&format!("{l}."))
                });
                let is_group = match &label {
                    Some(_) => !numeric || caps || has_children || tasks.is_empty(),
                    None => {
                        // an unlabelled heading row: capitals, a table without labels, or
                        // a short title-like line after a finished task text
                        let after_sentence = !tasks.last().is_some_and(|p| {
                            !p.task.trim_end().ends_with(['.', ';', ':', '!', '?'])
                        });
                        let title_like = heading.chars().count() <= 100
                            && !heading.trim_end().ends_with(['.', ';', ',']);
                        stt.is_empty()
                            && crate::text::starts_upper(&heading)
                            && (caps || !labelled || (title_like && after_sentence))
                    }
                };
                if is_group {
                    group = Some(clean(&heading));
                    group_label = label.or_else(|| opt(stt));
                    dash_pos = 0;
                    continue;
                }
            }
        }
        let continuation = stt.is_empty() && labelled && !tasks.is_empty();
        if continuation || (task.is_empty() && !tasks.is_empty()) {
            if let Some(prev) = tasks.last_mut() {
                if !task.is_empty() {
                    prev.task = clean(&format!("{} {}", prev.task, task));
                }
                for a in split_agencies(lead) {
                    if !prev.lead.contains(&a) {
                        prev.lead.push(a);
                    }
                }
                for a in split_agencies(partners) {
                    if !prev.partners.contains(&a) {
                        prev.partners.push(a);
                    }
                }
                if let Some(r) = opt(result) {
                    prev.result = Some(match prev.result.take() {
                        Some(p) if p != r => format!("{p} | {r}"),
                        Some(p) => p,
                        None => r,
                    });
                }
                if let Some(d) = opt(deadline) {
                    prev.deadline = Some(match prev.deadline.take() {
                        Some(p) if p != d => format!("{p} | {d}"),
                        Some(p) => p,
                        None => d,
                    });
                }
            }
            continue;
        }
        if task.is_empty() {
            continue;
        }
        // empty agency cells under a rowspan: the values of the task above
        let spanned = merged_cells && lead.is_empty() && !tasks.is_empty();
        let prev = tasks.last().cloned().filter(|_| spanned);
        if prev.is_some() {
            inherited += 1;
        }
        let stt_out = if is_dash(stt) || (stt.is_empty() && !labelled) {
            dash_pos += 1;
            match &group_label {
                Some(g) => Some(format!("{g}.{dash_pos}")),
                None => Some(dash_pos.to_string()),
            }
        } else {
            opt(trim_punct(stt))
        };
        tasks.push(Task {
            stt: stt_out,
            group: group.clone(),
            task: clean(task),
            lead: match &prev {
                Some(p) => p.lead.clone(),
                None => split_agencies(lead),
            },
            partners: match &prev {
                Some(p) if partners.is_empty() => p.partners.clone(),
                _ => split_agencies(partners),
            },
            result: opt(result),
            deadline: match &prev {
                Some(p) if deadline.is_empty() => p.deadline.clone(),
                _ => opt(deadline),
            },
            source: "table".into(),
        });
    }
    if inherited > 0 {
        warnings.push(format!(
            "tables: {inherited} task row(s) with an empty lead cell took the agencies of the row above (merged cell)"
        ));
    }
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn groups_and_dash_rows() {
        let t = Table {
            header: s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả"]),
            rows: vec![
                s(&["1", "Nhận thức đúng", "", ""]),
                s(&[
                    "-",
                    "Triển khai A",
                    "Sở Thông tin và Truyền thông",
                    "Kế hoạch?",
                ]),
                s(&["-", "Tuyên truyền B", "Sở Nội vụ", ""]),
                s(&["2", "Đổi mới", "", ""]),
                s(&["-", "Rà soát C", "Sở Kế hoạch và Đầu tư", "Báo cáo?"]),
            ],
            page: None,
            caption: None,
        };
        let ts = from_table(&t);
        assert_eq!(ts.len(), 3);
        assert_eq!(ts[0].stt.as_deref(), Some("1.1"));
        assert_eq!(ts[1].stt.as_deref(), Some("1.2"));
        assert_eq!(ts[1].result, None);
        assert_eq!(ts[2].stt.as_deref(), Some("2.1"));
        assert_eq!(ts[2].group.as_deref(), Some("Đổi mới"));
    }

    #[test]
    fn heading_in_first_cell_and_non_task_tables() {
        let t = Table {
            header: s(&["TT", "Nội dung", "Cơ quan chủ trì"]),
            rows: vec![
                s(&["I. NHIỆM VỤ CHUNG", "", ""]),
                s(&["1", "Việc A", "Sở Y tế"]),
            ],
            page: None,
            caption: None,
        };
        let ts = from_table(&t);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].group.as_deref(), Some("NHIỆM VỤ CHUNG"));
        assert_eq!(ts[0].stt.as_deref(), Some("1"));
        let stats = Table {
            header: s(&["Chỉ tiêu", "2025"]),
            rows: vec![s(&["HTX", "700"])],
            page: None,
            caption: None,
        };
        assert!(from_table(&stats).is_empty());
    }

    #[test]
    fn page_split_row_joins_text() {
        let t = Table {
            header: s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"]),
            rows: vec![
                s(&["1", "Tổ chức các lớp", "Sở Nội vụ"]),
                s(&["", "bồi dưỡng cán bộ.", ""]),
            ],
            page: None,
            caption: None,
        };
        let ts = from_table(&t);
        assert_eq!(ts[0].task, "Tổ chức các lớp bồi dưỡng cán bộ.");
        assert_eq!(ts[0].lead, vec!["Sở Nội vụ"]);
    }
}

#[cfg(test)]
mod rowspan_tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn spanned_lead_is_inherited_not_a_group() {
        let t = Table {
            header: s(&["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]),
            rows: vec![
                s(&["1", "Xây dựng kế hoạch tuyên truyền", "Sở Nội vụ", "2025"]),
                s(&["2", "Tổ chức hội nghị tập huấn", "", ""]),
                s(&["3", "Kiểm tra việc thực hiện", "Thanh tra tỉnh", "2026"]),
                s(&["4", "Nhóm nhiệm vụ về chuyển đổi số", "", ""]),
                s(&["4.1", "Số hóa hồ sơ", "Sở Khoa học và Công nghệ", "2026"]),
            ],
            page: None,
            caption: None,
        };
        let mut w = Vec::new();
        let ts = read(&t, true, &mut w);
        assert_eq!(ts.len(), 4, "{ts:#?}");
        assert_eq!(ts[1].lead, vec!["Sở Nội vụ"]);
        assert_eq!(ts[1].deadline.as_deref(), Some("2025"));
        assert_eq!(ts[3].stt.as_deref(), Some("4.1"));
        assert_eq!(
            ts[3].group.as_deref(),
            Some("Nhóm nhiệm vụ về chuyển đổi số")
        );
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn unlabelled_heading_vs_page_cut_text() {
        let t = Table {
            header: s(&["STT", "Nhiệm vụ", "Cơ quan chủ trì"]),
            rows: vec![
                s(&["1", "Xây dựng kế hoạch tuyên truyền.", "Sở Nội vụ"]),
                s(&["", "Lĩnh vực nông nghiệp", ""]),
                s(&[
                    "2",
                    "Hỗ trợ hợp tác xã nông nghiệp liên kết theo chuỗi giá trị,",
                    "Sở Nông nghiệp và Môi trường",
                ]),
                s(&["", "tiêu thụ nông sản.", ""]),
            ],
            page: None,
            caption: None,
        };
        let ts = read(&t, true, &mut Vec::new());
        assert_eq!(ts.len(), 2);
        assert_eq!(ts[0].task, "Xây dựng kế hoạch tuyên truyền.");
        assert_eq!(ts[1].group.as_deref(), Some("Lĩnh vực nông nghiệp"));
        assert_eq!(
            ts[1].task,
            "Hỗ trợ hợp tác xã nông nghiệp liên kết theo chuỗi giá trị, tiêu thụ nông sản."
        );
    }
}
