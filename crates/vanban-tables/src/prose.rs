//! Assignments written in sentences, read as tasks with `source: "prose"`:
//! - "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính … <task>" (also after
//!   "Giao", a bullet or a numbered label);
//! - a heading naming agencies ("2.1. Sở Tài chính", "a) Sở Nội vụ:") followed by bullets
//!   or paragraphs, each one a task of those agencies;
//! - a bullet opening with an agency and a verb ("- Sở Công Thương nâng cao …").

use crate::agency::{scan_list, split_agencies, FUNCTION_WORDS};
use crate::grid::Line;
use crate::text::{clean, from, starts_lower, sub};
use regex::Regex;
use std::sync::OnceLock;
use vanban_model::Task;

#[derive(Debug, Clone)]
struct Para {
    labelled: bool,
    bullet: bool,
    body: String,
}

fn label_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[a-zđ]\)|[IVX]{1,5}\.)\s+",
        ))
        .unwrap_or_else(|_| unreachable!())
    })
}

fn paragraphs(lines: &[Line<'_>]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    for l in lines {
        let t = l.text.trim();
        if t.is_empty() || t.starts_with('|') {
            continue;
        }
        if let Some(rest) = t
            .strip_prefix(['-', '+', '•', '–'])
            .filter(|r| r.starts_with(' '))
        {
            out.push(Para {
                labelled: false,
                bullet: true,
                body: rest.trim().to_string(),
            });
            continue;
        }
        if let Some(m) = label_re().find(t) {
            out.push(Para {
                labelled: true,
                bullet: false,
                body: from(t, m.end()).trim().to_string(),
            });
            continue;
        }
        match out.last_mut() {
            Some(p)
                if starts_lower(t)
                    || (!p.body.trim_end().ends_with(['.', ':', ';', '!', '?'])
                        && heading_agencies(p).is_none()) =>
            {
                p.body.push(' ');
                p.body.push_str(t);
            }
            _ => out.push(Para {
                labelled: false,
                bullet: false,
                body: t.to_string(),
            }),
        }
    }
    out
}

fn strip_giao(s: &str) -> &str {
    s.strip_prefix("Giao ")
        .or_else(|| s.strip_prefix("giao "))
        .unwrap_or(s)
}

/// An agency heading: the whole body is a list of agencies, optionally ending in ":".
fn heading_agencies(p: &Para) -> Option<Vec<String>> {
    if p.bullet {
        return None;
    }
    let body = strip_giao(p.body.trim());
    let e = scan_list(body, 0)?;
    let rest = from(body, e).trim();
    let ok = rest.is_empty() || rest == ":" || rest == ".";
    if ok && (p.labelled || rest == ":") {
        let a = split_agencies(sub(body, 0, e));
        (!a.is_empty()).then_some(a)
    } else {
        None
    }
}

/// "chủ trì, phối hợp với <partners> <task>" after a lead: (partners, task).
fn after_lead(rest: &str) -> (Vec<String>, String) {
    let r = rest.trim_start_matches([',', ' ', ':']);
    let r = r
        .strip_prefix("chủ trì")
        .or_else(|| r.strip_prefix("Chủ trì"))
        .unwrap_or(r);
    let r = r.trim_start_matches([',', ' ', ':']);
    let Some(mut after) = r.strip_prefix("phối hợp") else {
        return (Vec::new(), clean(r));
    };
    after = after.trim_start();
    after = after.strip_prefix("với ").unwrap_or(after);
    match scan_list(after, 0) {
        Some(e) => {
            let partners = split_agencies(sub(after, 0, e));
            let task = clean(from(after, e).trim_start_matches([',', ' ', ':']));
            (partners, task)
        }
        None => (Vec::new(), clean(r)),
    }
}

fn task(lead: Vec<String>, partners: Vec<String>, text: String) -> Task {
    Task {
        stt: None,
        group: None,
        task: text.trim_end_matches([';', ',']).trim().to_string(),
        lead,
        partners,
        result: None,
        deadline: None,
        source: "prose".into(),
    }
}

fn ends_section(p: &Para) -> bool {
    let b = p.body.as_str();
    p.labelled
        || ["Nơi nhận", "NƠI NHẬN", "TM.", "KT.", "T/M"]
            .iter()
            .any(|m| b.starts_with(m))
        || all_caps(b)
}

/// An all-capitals line of more than four letters (a heading); stops at the first
/// lowercase letter.
fn all_caps(b: &str) -> bool {
    let mut letters = 0;
    for c in b.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters > 4
}

/// Prose assignments of a text (its lines).
///
/// ```
/// let text = "2. Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính, Liên minh Hợp tác xã tỉnh tổng hợp báo cáo.\n";
/// let lines = vanban_tables::grid::lines(text);
/// let t = vanban_tables::prose::extract(&lines);
/// assert_eq!(t[0].lead, vec!["Sở Kế hoạch và Đầu tư"]);
/// assert_eq!(t[0].partners, vec!["Sở Tài chính", "Liên minh Hợp tác xã tỉnh"]);
/// assert_eq!(t[0].task, "tổng hợp báo cáo.");
/// assert_eq!(t[0].source, "prose");
/// ```
pub fn extract(lines: &[Line<'_>]) -> Vec<Task> {
    let paras = paragraphs(lines);
    let mut out = Vec::new();
    let mut section: Option<Vec<String>> = None;
    let mut in_section = 0usize;
    for p in &paras {
        if let Some(a) = heading_agencies(p) {
            section = Some(a);
            in_section = 0;
            continue;
        }
        if ends_section(p) {
            section = None;
        }
        if let Some(lead) = &section {
            in_section += 1;
            if in_section <= 15 && p.body.chars().count() >= 15 {
                let (partners, text) = if p.body.starts_with("Chủ trì") {
                    after_lead(&p.body)
                } else {
                    (Vec::new(), clean(&p.body))
                };
                if !text.is_empty() {
                    out.push(task(lead.clone(), partners, text));
                }
                continue;
            }
        }
        let body = strip_giao(p.body.trim());
        let Some(e) = scan_list(body, 0) else {
            continue;
        };
        let rest = from(body, e);
        let rt = rest.trim_start();
        let lead = split_agencies(sub(body, 0, e));
        if lead.is_empty() {
            continue;
        }
        if rt.starts_with("chủ trì") {
            let (partners, text) = after_lead(rt);
            if text.chars().count() >= 10 {
                out.push(task(lead, partners, text));
            }
        } else if p.bullet && rest.starts_with(' ') {
            let w: String = rt.chars().take_while(|c| c.is_alphabetic()).collect();
            let verb = starts_lower(rt)
                && !FUNCTION_WORDS.contains(&w.as_str())
                && !["là", "đã", "được"].contains(&w.as_str());
            if verb && rt.chars().count() >= 15 {
                out.push(task(lead, Vec::new(), clean(rt)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::lines;

    #[test]
    fn heading_with_bullets() {
        let text = "2.2. Sở Tài chính\n- Chủ trì, phối hợp với các sở, ngành tham mưu UBND tỉnh cân đối, bố trí\nkinh phí thực hiện các đề án;\n- Hướng dẫn quản lý, sử dụng kinh phí theo quy định.\n2.3. Sở Nông nghiệp và Phát triển nông thôn\nTiếp tục triển khai Quyết định số 38/2019/QĐ-UBND.\n3. Tăng cường công tác quản lý nhà nước\n- Kiện toàn bộ máy quản lý.\n";
        let t = extract(&lines(text));
        assert_eq!(t.len(), 3, "{t:#?}");
        assert_eq!(t[0].lead, vec!["Sở Tài chính"]);
        assert_eq!(t[0].partners, vec!["các sở, ngành"]);
        assert_eq!(
            t[0].task,
            "tham mưu UBND tỉnh cân đối, bố trí kinh phí thực hiện các đề án"
        );
        assert_eq!(
            t[1].task,
            "Hướng dẫn quản lý, sử dụng kinh phí theo quy định."
        );
        assert_eq!(t[2].lead, vec!["Sở Nông nghiệp và Phát triển nông thôn"]);
    }

    #[test]
    fn bullet_with_agency_and_verb() {
        let text = "- Sở Công Thương nâng cao hiệu quả xúc tiến thương mại, tạo điều kiện hỗ\ntrợ cho các Hợp tác xã.\n- Sở Tài chính;\n- Các sở, ban ngành là thành viên.\n";
        let t = extract(&lines(text));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lead, vec!["Sở Công Thương"]);
        assert!(t[0].task.starts_with("nâng cao hiệu quả"));
    }

    #[test]
    fn plain_sentences_are_not_tasks() {
        let text = "Kế hoạch này là căn cứ để các Sở, ban, ngành triển khai.\nNơi nhận:\n- Như trên;\n- Sở Nội vụ;\n";
        assert!(extract(&lines(text)).is_empty());
    }
}
