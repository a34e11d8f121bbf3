//! Column roles read from header cells ("STT", "Nhiệm vụ", "Đơn vị chủ trì" …).

use crate::text::{key, prefix_ci};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Row label: STT, TT, Số TT.
    Stt,
    /// Task text: Nhiệm vụ, Nội dung, Mục tiêu cụ thể …
    Task,
    /// Lead agency: Đơn vị/Cơ quan chủ trì.
    Lead,
    /// Partner agencies: Đơn vị/Cơ quan phối hợp.
    Partners,
    /// Expected result: Kết quả, Sản phẩm.
    Result,
    /// Deadline: Thời gian, Thời hạn, Tiến độ.
    Deadline,
    /// Anything else (Ghi chú, Cấp trình, Kinh phí …).
    Other,
}

/// Role of one header cell.
///
/// ```
/// use vanban_tables::columns::{role, Role};
/// assert_eq!(role("Cơ quan chủ trì"), Role::Lead);
/// assert_eq!(role("TT"), Role::Stt);
/// assert_eq!(role("Kết quả hoàn thành"), Role::Result);
/// assert_eq!(role("Thời gian thực hiện"), Role::Deadline);
/// ```
pub fn role(cell: &str) -> Role {
    let k = key(cell);
    let k = k.trim_matches(|c: char| !c.is_alphanumeric());
    if matches!(k, "stt" | "tt" | "số tt" | "số thứ tự" | "thứ tự" | "s tt") {
        return Role::Stt;
    }
    if k.contains("phối hợp") {
        return Role::Partners;
    }
    if k.contains("chủ trì")
        || k.contains("phụ trách")
        || ((k.starts_with("đơn vị") || k.starts_with("cơ quan"))
            && (k.contains("thực hiện") || k.len() <= "cơ quan".len()))
    {
        return Role::Lead;
    }
    if k.starts_with("thời gian")
        || k.starts_with("thời hạn")
        || k.starts_with("tiến độ")
        || k.starts_with("lộ trình")
    {
        return Role::Deadline;
    }
    if k.starts_with("kết quả") || k.contains("sản phẩm") || k.starts_with("hình thức văn bản")
    {
        return Role::Result;
    }
    if k.starts_with("nhiệm vụ")
        || k.starts_with("nội dung")
        || k.starts_with("mục tiêu")
        || k.starts_with("tên nhiệm vụ")
        || k.starts_with("công việc")
        || k.starts_with("tên đề án")
        || k.starts_with("giải pháp")
        || k.starts_with("hoạt động")
        || k.starts_with("tên công việc")
    {
        return Role::Task;
    }
    Role::Other
}

/// Roles of a header row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Index of each role's first column.
    pub stt: Option<usize>,
    /// Task column.
    pub task: Option<usize>,
    /// Lead column.
    pub lead: Option<usize>,
    /// Partners column.
    pub partners: Option<usize>,
    /// Result column.
    pub result: Option<usize>,
    /// Deadline column.
    pub deadline: Option<usize>,
}

impl Columns {
    /// Read the roles of a header row.
    pub fn of(header: &[String]) -> Columns {
        let mut c = Columns::default();
        for (i, h) in header.iter().enumerate() {
            let slot = match role(h) {
                Role::Stt => &mut c.stt,
                Role::Task => &mut c.task,
                Role::Lead => &mut c.lead,
                Role::Partners => &mut c.partners,
                Role::Result => &mut c.result,
                Role::Deadline => &mut c.deadline,
                Role::Other => continue,
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        c
    }

    /// A task table names a task column and a lead column.
    pub fn is_task_table(&self) -> bool {
        self.task.is_some() && self.lead.is_some()
    }
}

/// True when a row reads as a header: a row-label column name, or at least two cells
/// naming known columns.
pub fn header_like(row: &[String]) -> bool {
    let roles: Vec<Role> = row.iter().map(|c| role(c)).collect();
    let named = roles.iter().filter(|r| **r != Role::Other).count();
    let other_named = row.iter().filter(|c| is_other_column_name(c)).count();
    (roles.first() == Some(&Role::Stt) && named + other_named >= 2) || named >= 2
}

fn is_other_column_name(c: &str) -> bool {
    let k = key(c);
    [
        "ghi chú",
        "cấp trình",
        "kinh phí",
        "nguồn kinh phí",
        "đơn vị tính",
        "chỉ tiêu",
    ]
    .iter()
    .any(|n| k.starts_with(n))
}

/// Column names recognised in a linearized header line, longest first.
const NAMES: &[&str] = &[
    "nhiệm vụ, giải pháp chủ yếu",
    "nhiệm vụ, giải pháp",
    "nhiệm vụ chủ yếu",
    "nhiệm vụ cụ thể",
    "nhiệm vụ trọng tâm",
    "nhiệm vụ",
    "nội dung công việc",
    "nội dung nhiệm vụ",
    "nội dung thực hiện",
    "nội dung",
    "mục tiêu cụ thể",
    "mục tiêu",
    "tên nhiệm vụ",
    "công việc",
    "đơn vị chủ trì thực hiện",
    "đơn vị chủ trì",
    "cơ quan chủ trì thực hiện",
    "cơ quan chủ trì",
    "chủ trì",
    "đơn vị thực hiện",
    "cơ quan thực hiện",
    "đơn vị phối hợp thực hiện",
    "đơn vị phối hợp",
    "cơ quan phối hợp thực hiện",
    "cơ quan phối hợp",
    "phối hợp",
    "kết quả hoàn thành",
    "kết quả thực hiện",
    "kết quả dự kiến",
    "kết quả",
    "sản phẩm dự kiến",
    "sản phẩm đầu ra",
    "sản phẩm",
    "hình thức văn bản",
    "thời gian thực hiện",
    "thời gian hoàn thành",
    "thời gian",
    "thời hạn hoàn thành",
    "thời hạn",
    "tiến độ thực hiện",
    "tiến độ",
    "ghi chú",
    "cấp trình",
    "kinh phí",
];

/// Parse a linearized header line ("STT Nhiệm vụ Đơn vị chủ trì Kết quả") into its
/// column names as printed. `None` unless it starts with a row-label column and names
/// a task column and a lead column, with nothing unrecognised left over.
///
/// ```
/// let h = vanban_tables::columns::parse_header_line("STT Nhiệm vụ Đơn vị chủ trì Kết quả").unwrap();
/// assert_eq!(h, vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả"]);
/// assert!(vanban_tables::columns::parse_header_line("STT Họ và tên").is_none());
/// ```
pub fn parse_header_line(line: &str) -> Option<Vec<String>> {
    match parse_header_prefix(line) {
        Some((cols, "")) => Some(cols),
        _ => None,
    }
}

/// Like [`parse_header_line`], for a header line a normalizer joined with the first row:
/// returns the columns and the text left after them, which must open a row (a number,
/// a roman numeral or a dash).
///
/// ```
/// let (h, rest) = vanban_tables::columns::parse_header_prefix("STT Nhiệm vụ Đơn vị chủ trì Kết quả 1 Nhận thức").unwrap();
/// assert_eq!(h.len(), 4);
/// assert_eq!(rest, "1 Nhận thức");
/// ```
pub fn parse_header_prefix(line: &str) -> Option<(Vec<String>, &str)> {
    let line = line.trim();
    let mut cols = Vec::new();
    let stt = ["STT", "TT", "Số TT", "Stt"]
        .iter()
        .find(|s| line.strip_prefix(**s).is_some_and(|r| r.starts_with(' ')))?;
    cols.push(stt.to_string());
    let mut rest = line.get(stt.len()..)?.trim_start();
    while !rest.is_empty() {
        let Some(len) = NAMES.iter().find_map(|n| prefix_ci(rest, n)) else {
            let opens_row = rest.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '–')
                || rest.split_whitespace().next().is_some_and(|w| {
                    let w = w.trim_end_matches('.');
                    !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                });
            if opens_row {
                break;
            }
            return None;
        };
        cols.push(crate::text::clean(rest.get(..len)?));
        rest = rest.get(len..)?.trim_start_matches([' ', '|', '\t']);
    }
    let c = Columns::of(&cols);
    if c.is_task_table() && cols.len() >= 3 {
        Some((cols, rest))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn roles_of_headers() {
        let c = Columns::of(&s(&[
            "STT",
            "Mục tiêu cụ thể",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Ghi chú",
        ]));
        assert_eq!(
            (c.stt, c.task, c.lead, c.partners, c.result),
            (Some(0), Some(1), Some(2), Some(3), None)
        );
        assert!(c.is_task_table());
        let c = Columns::of(&s(&[
            "TT",
            "Nhiệm vụ chủ yếu",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Cấp trình",
            "Kết quả hoàn thành",
            "Thời gian thực hiện",
        ]));
        assert_eq!((c.result, c.deadline), (Some(5), Some(6)));
        let c = Columns::of(&s(&["Chỉ tiêu", "Đơn vị tính", "2025"]));
        assert!(!c.is_task_table());
    }

    #[test]
    fn header_rows() {
        assert!(header_like(&s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì"])));
        assert!(header_like(&s(&["TT", "Chỉ tiêu", "Đơn vị tính"])));
        assert!(!header_like(&s(&[
            "1",
            "Xử lý dứt điểm",
            "Liên minh Hợp tác xã tỉnh"
        ])));
        assert!(!header_like(&s(&[
            "ỦY BAN NHÂN DÂN TỈNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        ])));
    }

    #[test]
    fn header_lines() {
        let h = parse_header_line("TT Nhiệm vụ chủ yếu Cơ quan chủ trì Cơ quan phối hợp Cấp trình Kết quả hoàn thành Thời gian thực hiện").unwrap();
        assert_eq!(h.len(), 7);
        assert_eq!(h[6], "Thời gian thực hiện");
        assert!(parse_header_line("STT Nhiệm vụ Kết quả").is_none());
        assert!(parse_header_line("TTHC Nhiệm vụ Đơn vị chủ trì").is_none());
        assert!(parse_header_line("STT Nhiệm vụ Đơn vị chủ trì và các nội dung khác").is_none());
    }
}
