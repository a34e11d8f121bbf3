//! Issue 13: tables of PDFs as a reader sees them — one table per table across pages and
//! between headings. Fixtures in `fixtures/tables-pdf/` (`scripts/make-table-fixtures.py`)
//! with their truth, the data each PDF was printed from: a long table over 6–7 pages with
//! and without a repeated header (rows cut by every page break, a column empty on the middle
//! pages), six tables with one header under successive headings with their own "CỘNG:"
//! rows, a two-row header; each in two producers' habits (stroked grid lines / Word-style
//! filled cell borders).
use std::collections::HashMap;
use vanban_tests::repo_path;

/// A cell as compared: NFC, spaces collapsed, one tone-mark style.
fn norm(s: &str) -> String {
    let s = vanban_normalize::chars::tone_style(&vanban_normalize::chars::nfc(s));
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bag<'a>(rows: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for c in rows {
        let c = norm(c);
        if !c.is_empty() {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

fn f1(truth: &HashMap<String, usize>, pred: &HashMap<String, usize>) -> f64 {
    let tp: usize = truth
        .iter()
        .map(|(k, n)| (*n).min(pred.get(k).copied().unwrap_or(0)))
        .sum();
    let (g, p) = (truth.values().sum::<usize>(), pred.values().sum::<usize>());
    if tp == 0 {
        return 0.0;
    }
    let (pr, re) = (tp as f64 / p as f64, tp as f64 / g as f64);
    2.0 * pr * re / (pr + re)
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|c| c.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn check(name: &str) {
    let pdf = format!("fixtures/tables-pdf/{name}.pdf");
    let bytes = std::fs::read(repo_path(&pdf)).expect("fixture");
    let doc = vanban_core::process(&bytes, &pdf, &Default::default()).expect("processed");
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_path(&format!("fixtures/tables-pdf/{name}.truth.json")))
            .expect("truth"),
    )
    .expect("json");
    let tables = truth["tables"].as_array().expect("tables");
    assert_eq!(
        doc.tables.len(),
        tables.len(),
        "{name}: number of tables; got headers {:?}",
        doc.tables.iter().map(|t| &t.header).collect::<Vec<_>>()
    );
    for (i, (want, got)) in tables.iter().zip(&doc.tables).enumerate() {
        let header = strings(&want["header"]);
        let rows: Vec<Vec<String>> = want["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(strings)
            .collect();
        // one header name per column, multi-row headers combined
        assert_eq!(
            got.header.iter().map(|h| norm(h)).collect::<Vec<_>>(),
            header.iter().map(|h| norm(h)).collect::<Vec<_>>(),
            "{name} table {i}: header"
        );
        assert_eq!(got.rows.len(), rows.len(), "{name} table {i}: rows");
        let t = bag(rows.iter().flatten());
        let p = bag(got.rows.iter().flatten());
        let f = f1(&t, &p);
        assert!(f >= 0.95, "{name} table {i}: cell F1 {f:.3}");
        let exact = rows
            .iter()
            .zip(&got.rows)
            .filter(|(a, b)| {
                a.iter().map(|c| norm(c)).collect::<Vec<_>>()
                    == b.iter().map(|c| norm(c)).collect::<Vec<_>>()
            })
            .count();
        assert!(
            exact * 100 >= rows.len() * 95,
            "{name} table {i}: {exact}/{} rows exact",
            rows.len()
        );
        assert_eq!(
            got.caption.as_deref().map(norm),
            want["caption"].as_str().map(norm),
            "{name} table {i}: caption"
        );
    }
}

#[test]
fn a_long_table_without_repeated_header_is_one_table_with_its_cut_rows_joined() {
    check("long-no-repeat-lo");
    check("long-no-repeat-word");
}

#[test]
fn a_long_table_with_repeated_header_is_one_table() {
    check("long-repeat-word");
}

#[test]
fn tables_under_successive_headings_stay_apart_with_their_captions() {
    check("headings-lo");
    check("headings-word");
}

#[test]
fn a_two_row_header_gives_one_name_per_column() {
    check("two-row-header-lo");
    check("two-row-header-word");
}

#[test]
fn docx_and_html_two_row_headers_give_one_name_per_column() {
    // DOCX: w:vMerge / w:gridSpan ("Cơ quan" over "Chủ trì | Phối hợp")
    let rel = "fixtures/docx/table-merged-cells.docx";
    let bytes = std::fs::read(repo_path(rel)).expect("fixture");
    let doc = vanban_core::process(&bytes, rel, &Default::default()).expect("processed");
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(
        doc.tables[0].header,
        [
            "STT",
            "Nhiệm vụ",
            "Cơ quan – Chủ trì",
            "Cơ quan – Phối hợp",
            "Thời gian hoàn thành"
        ]
    );
    assert_eq!(
        doc.tables[0].caption.as_deref(),
        Some("PHỤ LỤC I Danh mục nhiệm vụ thực hiện Kế hoạch số 57/KH-UBND năm 2024")
    );
    // HTML: rowspan / colspan, a group of columns that names no known column
    let html = "<html><body><p>Bảng 2. Mức hỗ trợ theo nhóm đối tượng</p><table border=1>\
        <tr><th rowspan=2>STT</th><th rowspan=2>Nội dung hỗ trợ</th><th colspan=3>Chỉ tiêu theo đối tượng</th><th rowspan=2>Ghi chú</th></tr>\
        <tr><th>Nhóm 1</th><th>Nhóm 2</th><th>Nhóm 3</th></tr>\
        <tr><td>1</td><td>Hỗ trợ đào tạo nghề</td><td>5 triệu đồng</td><td>3 triệu đồng</td><td>2 triệu đồng</td><td></td></tr>\
        <tr><td>2</td><td>Hỗ trợ vay vốn</td><td>50 triệu đồng</td><td>30 triệu đồng</td><td>20 triệu đồng</td><td>Từ năm 2026</td></tr>\
        </table></body></html>";
    let doc = vanban_core::process(html.as_bytes(), "t.html", &Default::default()).expect("html");
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(
        doc.tables[0].header,
        [
            "STT",
            "Nội dung hỗ trợ",
            "Chỉ tiêu theo đối tượng – Nhóm 1",
            "Chỉ tiêu theo đối tượng – Nhóm 2",
            "Chỉ tiêu theo đối tượng – Nhóm 3",
            "Ghi chú"
        ]
    );
    assert_eq!(doc.tables[0].rows.len(), 2);
    assert_eq!(
        doc.tables[0].caption.as_deref(),
        Some("Bảng 2. Mức hỗ trợ theo nhóm đối tượng")
    );
}
