//! One fixture per table shape, read through `vanban_tables::extract` on
//! `NormalizedDocument` values built here.

use vanban_model::{NormTable, NormalizedDocument, Span};
use vanban_tables::extract;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../fixtures/tables/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Text as the placeholder normalizer leaves it: lines trimmed, blank lines dropped.
fn placeholder_text(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The markdown pipe blocks of a text as reader tables (separator rows dropped), with spans.
fn reader_tables(text: &str) -> Vec<NormTable> {
    let mut out: Vec<NormTable> = Vec::new();
    let mut pos = 0usize;
    let mut open = false;
    for line in text.split('\n') {
        let len = line.chars().count();
        let t = line.trim();
        if t.starts_with('|') && t.ends_with('|') {
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            if !open {
                out.push(NormTable {
                    rows: Vec::new(),
                    span: Span::new(pos, pos + len),
                    page: None,
                });
                open = true;
            }
            let tb = out.last_mut().unwrap();
            tb.span.end = pos + len;
            if !cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':') && !c.is_empty())
            {
                tb.rows.push(cells);
            }
        } else {
            open = false;
        }
        pos += len + 1;
    }
    out
}

fn both_ways(name: &str) -> Vec<vanban_tables::TablesOutput> {
    let raw = fixture(name);
    let text = raw.clone();
    let from_text = extract(&NormalizedDocument {
        text: text.clone(),
        ..Default::default()
    });
    let from_reader = extract(&NormalizedDocument {
        tables: reader_tables(&text),
        text,
        ..Default::default()
    });
    let placeholder = extract(&NormalizedDocument {
        text: placeholder_text(&raw),
        ..Default::default()
    });
    vec![from_text, from_reader, placeholder]
}

#[test]
fn markdown_across_pages() {
    for out in both_ways("markdown_pages.md") {
        assert_eq!(out.tables.len(), 1, "{:#?}", out.tables);
        let t = &out.tables[0];
        assert_eq!(
            t.header,
            vec![
                "STT",
                "Nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Ghi chú"
            ]
        );
        assert_eq!(
            t.rows.len(),
            6,
            "repeated header dropped, continuation and group rows kept"
        );
        assert_eq!(t.rows[3][2], "UBND các xã, phường");
        let tasks: Vec<_> = out.tasks.iter().filter(|t| t.source == "table").collect();
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[0].group.as_deref(), Some("NHIỆM VỤ ĐẾN NĂM 2025"));
        assert_eq!(
            tasks[0].partners,
            vec!["Sở Tài chính", "UBND các xã, phường"]
        );
        // parenthetical remark dropped, continuation row's lead appended
        assert_eq!(
            tasks[1].lead,
            vec![
                "Liên minh Hợp tác xã tỉnh",
                "Sở Nội vụ",
                "UBND các xã, phường"
            ]
        );
        assert_eq!(
            tasks[1].partners,
            vec![
                "Các Sở, ban, ngành và các đơn vị liên quan",
                "Các hợp tác xã, tổ hợp tác"
            ]
        );
        assert_eq!(tasks[2].stt.as_deref(), Some("1"));
        assert_eq!(tasks[2].group.as_deref(), Some("NHIỆM VỤ ĐẾN NĂM 2030"));
        assert_eq!(
            tasks[2].lead,
            vec!["Sở Khoa học và Công nghệ", "Sở Tài chính"]
        );
    }
}

#[test]
fn tt_instead_of_stt() {
    for out in both_ways("tt_header.md") {
        assert_eq!(out.tables.len(), 1);
        assert_eq!(out.tasks.iter().filter(|t| t.source == "table").count(), 2);
        let t = &out.tasks[0];
        assert_eq!(t.stt.as_deref(), Some("1"));
        assert_eq!(t.task, "Ban hành kế hoạch tuyên truyền về chuyển đổi số");
        assert_eq!(t.lead, vec!["Sở Văn hóa, Thể thao và Du lịch"]);
        assert_eq!(
            t.partners,
            vec!["Báo Lâm Đồng", "Đài Phát thanh và Truyền hình tỉnh"]
        );
        assert_eq!(t.deadline.as_deref(), Some("Quý II/2025"));
        assert_eq!(t.result, None);
        assert_eq!(out.tasks[1].partners, vec!["Sở Tư pháp", "Công an tỉnh"]);
    }
}

#[test]
fn seven_columns_with_submit_level_and_deadline() {
    for out in both_ways("seven_columns.md") {
        assert_eq!(out.tables.len(), 1);
        let t = &out.tables[0];
        assert_eq!(t.header.len(), 7);
        assert_eq!(t.rows.len(), 4, "{:#?}", t.rows);
        let tasks: Vec<_> = out.tasks.iter().filter(|t| t.source == "table").collect();
        assert_eq!(tasks.len(), 3);
        assert_eq!(
            tasks[0].partners,
            vec![
                "Các Sở, ngành",
                "UBND các huyện, thành phố",
                "các đơn vị liên quan"
            ]
        );
        assert_eq!(tasks[0].result.as_deref(), Some("Quyết định"));
        assert_eq!(tasks[0].deadline.as_deref(), Some("2026 - 2030"));
        assert_eq!(
            tasks[1].lead,
            vec!["Liên minh Hợp tác xã tỉnh", "UBND các huyện, thành phố"]
        );
        assert_eq!(
            tasks[1].result.as_deref(),
            Some("Văn bản chỉ đạo | Báo cáo kết quả xử lý")
        );
        assert_eq!(tasks[1].deadline.as_deref(), Some("2026"));
        assert_eq!(
            tasks[2].lead,
            vec!["Sở Công Thương", "Sở Nông nghiệp và Môi trường"]
        );
        assert_eq!(tasks[2].deadline.as_deref(), Some("Nhiệm vụ thường xuyên"));
    }
}

#[test]
fn html_rowspan_two_row_header_and_layout_tables() {
    let tables: Vec<NormTable> = serde_json::from_str(&fixture("html_rowspan.json")).unwrap();
    let out = extract(&NormalizedDocument {
        tables,
        ..Default::default()
    });
    assert_eq!(
        out.tables.len(),
        1,
        "layout tables dropped: {:#?}",
        out.tables
    );
    let t = &out.tables[0];
    assert_eq!(t.header[2], "Đơn vị thực hiện – Chủ trì");
    assert_eq!(t.header[3], "Đơn vị thực hiện – Phối hợp");
    assert_eq!(
        t.rows.len(),
        5,
        "column-number row dropped, headerless piece appended"
    );
    assert_eq!(out.tasks.len(), 3);
    let a = &out.tasks[0];
    assert_eq!(a.group.as_deref(), Some("NHIỆM VỤ TRỌNG TÂM"));
    assert_eq!(
        a.lead,
        vec![
            "Sở Nông nghiệp và Môi trường",
            "Ủy ban nhân dân các xã, phường"
        ]
    );
    assert_eq!(a.partners, vec!["Sở Tài chính", "Các hợp tác xã"]);
    assert_eq!(a.deadline.as_deref(), Some("Tháng 6/2025 | Tháng 9/2025"));
    assert_eq!(out.tasks[2].lead, vec!["Sở Công Thương"]);
    assert!(out.warnings.iter().any(|w| w.contains("continuation")));
    assert!(out.warnings.iter().any(|w| w.contains("layout")));
}

#[test]
fn linearized_text_with_page_break_inside_a_cell() {
    let raw = fixture("linearized_page_break.txt");
    for text in [raw.clone(), placeholder_text(&raw)] {
        let out = extract(&NormalizedDocument {
            text,
            ..Default::default()
        });
        assert_eq!(out.tables.len(), 1);
        let t = &out.tables[0];
        assert_eq!(
            t.header,
            vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả"]
        );
        assert_eq!(t.rows.len(), 7, "{:#?}", t.rows);
        assert_eq!(
            t.rows[0],
            vec![
                "1",
                "Nâng cao nhận thức về vai trò của kinh tế hợp tác",
                "",
                ""
            ]
        );
        assert!(t.rows[1][1].ends_with("coi trọng lợi ích của thành viên, sự hợp tác, liên kết, trợ giúp lẫn nhau giữa các thành viên."));
        assert_eq!(t.rows[1][2], "Sở Thông tin và Truyền thông");
        assert_eq!(t.rows[1][3], "Số hội nghị; số người được quán triệt?");
        assert_eq!(t.rows[2][2], "Sở Nội vụ");
        assert_eq!(t.rows[4][2], "Sở Tài nguyên và Môi trường");
        assert_eq!(t.rows[4][3], "Báo cáo của Sở Tài nguyên và Môi trường?");
        assert_eq!(t.rows[5][2], "Ủy ban nhân dân các huyện, thành phố");
        assert_eq!(t.rows[5][3], "");
        assert_eq!(t.rows[6][2], "Ngân hàng Nhà nước chi nhánh tỉnh");
        let tasks: Vec<_> = out.tasks.iter().filter(|t| t.source == "table").collect();
        assert_eq!(tasks.len(), 5);
        assert_eq!(tasks[0].stt.as_deref(), Some("1.1"));
        assert_eq!(tasks[1].stt.as_deref(), Some("1.2"));
        assert_eq!(tasks[2].stt.as_deref(), Some("2.1"));
        assert_eq!(
            tasks[2].group.as_deref(),
            Some("Hoàn thiện cơ chế, chính sách")
        );
        assert_eq!(tasks[3].lead, vec!["Ủy ban nhân dân các huyện, thành phố"]);
        assert_eq!(tasks[3].result, None);
        assert!(out.warnings.iter().any(|w| w.contains("linearized")));
    }
}

#[test]
fn joined_lines_still_recovered() {
    // as a normalizer that joins wrapped lines may deliver the same table
    let text = "STT Nhiệm vụ Đơn vị chủ trì Kết quả\n1 Nâng cao nhận thức\n-\nTổ chức hội nghị quán triệt đến cán bộ, coi trọng sự hợp tác,\nSở Thông tin và Truyền thông\nSố hội nghị? STT Nhiệm vụ Đơn vị chủ trì Kết quả liên kết, trợ giúp lẫn nhau.\n-\nKhen thưởng các tổ chức hoạt động hiệu quả. Sở Nội vụ Bao nhiêu tổ chức được khen thưởng?\n";
    let out = extract(&NormalizedDocument {
        text: text.into(),
        ..Default::default()
    });
    let t = &out.tables[0];
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[1][1], "Tổ chức hội nghị quán triệt đến cán bộ, coi trọng sự hợp tác, liên kết, trợ giúp lẫn nhau.");
    assert_eq!(t.rows[1][2], "Sở Thông tin và Truyền thông");
    assert_eq!(t.rows[1][3], "Số hội nghị?");
    assert_eq!(t.rows[2][2], "Sở Nội vụ");
    assert_eq!(t.rows[2][3], "Bao nhiêu tổ chức được khen thưởng?");
}

#[test]
fn documents_without_tables_yield_none() {
    let text = "KẾ HOẠCH\nThực hiện Nghị quyết số 20-NQ/TW.\nI. MỤC TIÊU\n1. Phấn đấu đến năm 2030 có 700 hợp tác xã.\n";
    let out = extract(&NormalizedDocument {
        text: text.into(),
        ..Default::default()
    });
    assert!(out.tables.is_empty());
    assert!(out.tasks.is_empty());
}

#[test]
fn reader_table_text_is_not_read_twice() {
    // a reader delivered the table and the normalizer left its text as plain lines
    let text =
        "STT Nhiệm vụ Đơn vị chủ trì Kết quả\n1\nRà soát chính sách\nSở Tài chính\nBáo cáo?\n";
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let t = NormTable {
        rows: vec![
            s(&["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả"]),
            s(&["1", "Rà soát chính sách", "Sở Tài chính", "Báo cáo?"]),
        ],
        span: Span::new(0, text.chars().count()),
        page: Some(3),
    };
    let out = extract(&NormalizedDocument {
        text: text.into(),
        tables: vec![t],
        ..Default::default()
    });
    assert_eq!(out.tables.len(), 1);
    assert_eq!(out.tables[0].page, Some(3));
    assert_eq!(out.tasks.iter().filter(|t| t.source == "table").count(), 1);
}
