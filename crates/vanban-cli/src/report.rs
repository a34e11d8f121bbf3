//! `report.html` of `vanban audit`: the audit as one self-contained page.
//!
//! Rendered from the [`Audit`] built for the other report files (same columns, same
//! province rows, same quotes), never from a second pass over the documents. The matrix, the
//! targets chart and the tasks table are HTML/SVG written here (readable without script and
//! when printed); the page's script (`report/report.js`) sorts, filters and shows the
//! sentences behind a cell from the data inlined as JSON. No network: CSS, script and data
//! are inline, fonts are the system's.
use crate::audit::{collation_key, Audit, Column};
use crate::quote::Quote;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

const CSS: &str = include_str!("report/report.css");
const JS: &str = include_str!("report/report.js");

/// Relations from strongest to weakest: value, Vietnamese label, symbol (the printed matrix
/// tells them apart without colour), meaning.
pub const RELATIONS: [(&str, &str, &str, &str); 3] = [
    (
        "implements",
        "Thực hiện",
        "●",
        "văn bản ban hành để thực hiện, triển khai, cụ thể hóa",
    ),
    ("basis", "Căn cứ", "■", "nêu trong phần căn cứ ban hành"),
    ("cites", "Dẫn chiếu", "○", "được nhắc đến trong nội dung"),
];

/// The key of a column in the documents' and provinces' citation maps.
fn column_key(c: &Column) -> &str {
    &c.id
}

/// How a column is titled in the page.
fn column_label(c: &Column) -> String {
    c.label.clone()
}

fn relation(rel: &str) -> (&'static str, &'static str) {
    RELATIONS
        .iter()
        .find(|r| r.0 == rel)
        .map_or(("Khác", "·"), |r| (r.1, r.2))
}

/// Text escaped for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside `<script type="application/json">`: `<`, `>` and `&` only occur inside
/// JSON strings, where `\u003c` … mean the same, so no `</script>` or `<!--` can end or
/// change the block. U+2028/2029 are escaped too.
pub fn script_json<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let json = serde_json::to_string(value)?;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn or_dash(s: &Option<String>) -> &str {
    s.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("—")
}

/// Data the page's script reads (the detail of a cell).
#[derive(Serialize)]
struct Data<'a> {
    columns: Vec<ColumnData<'a>>,
    rows: Vec<RowData<'a>>,
    documents: Vec<DocData<'a>>,
    relations: Vec<RelationData>,
}

#[derive(Serialize)]
struct RelationData {
    value: &'static str,
    label: &'static str,
    symbol: &'static str,
}

#[derive(Serialize)]
struct ColumnData<'a> {
    key: &'a str,
    label: String,
    kind: Option<&'a str>,
    documents: usize,
}

#[derive(Serialize)]
struct RowData<'a> {
    province: Option<&'a str>,
    province_2025: Option<&'a str>,
    documents: Vec<usize>,
    /// Column index -> cell.
    cells: BTreeMap<usize, CellData<'a>>,
}

#[derive(Serialize)]
struct CellData<'a> {
    relation: &'a str,
    documents: Vec<usize>,
}

#[derive(Serialize)]
struct DocData<'a> {
    path: &'a str,
    province: Option<&'a str>,
    province_2025: Option<&'a str>,
    doc_number: Option<&'a str>,
    date: Option<&'a str>,
    doc_type: Option<&'a str>,
    title: Option<&'a str>,
    /// Column index -> relation and quotes.
    cites: BTreeMap<usize, DocCite<'a>>,
}

#[derive(Serialize)]
struct DocCite<'a> {
    relation: &'a str,
    quotes: &'a [Quote],
}

/// The indices (into `audit.documents`) of each province row's documents.
fn row_documents(audit: &Audit) -> Vec<Vec<usize>> {
    let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in audit.documents.iter().enumerate().rev() {
        by_path.entry(d.path.as_str()).or_default().push(i);
    }
    audit
        .provinces
        .iter()
        .map(|p| {
            p.documents
                .iter()
                .filter_map(|path| by_path.get_mut(path.as_str()).and_then(Vec::pop))
                .collect()
        })
        .collect()
}

fn data<'a>(audit: &'a Audit, rows_docs: &[Vec<usize>]) -> Data<'a> {
    let col_index: HashMap<&str, usize> = audit
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (column_key(c), i))
        .collect();
    let columns = audit
        .columns
        .iter()
        .map(|c| ColumnData {
            key: column_key(c),
            label: column_label(c),
            kind: c.kind.as_deref(),
            documents: c.documents,
        })
        .collect();
    let documents = audit
        .documents
        .iter()
        .map(|d| DocData {
            path: &d.path,
            province: d.province.as_deref(),
            province_2025: d.province_2025.as_deref(),
            doc_number: d.doc_number.as_deref(),
            date: d.date.as_deref(),
            doc_type: d.doc_type.as_deref(),
            title: d.title.as_deref(),
            cites: d
                .citations
                .iter()
                .filter_map(|(k, rel)| {
                    let i = *col_index.get(k.as_str())?;
                    let quotes = d.quotes.get(k).map_or(&[][..], Vec::as_slice);
                    Some((
                        i,
                        DocCite {
                            relation: rel,
                            quotes,
                        },
                    ))
                })
                .collect(),
        })
        .collect();
    let rows = audit
        .provinces
        .iter()
        .zip(rows_docs)
        .map(|(p, docs)| RowData {
            province: p.province.as_deref(),
            province_2025: p.province_2025.as_deref(),
            documents: docs.clone(),
            cells: p
                .citations
                .iter()
                .filter_map(|(k, cell)| {
                    let i = *col_index.get(k.as_str())?;
                    let citing = docs
                        .iter()
                        .copied()
                        .filter(|d| {
                            audit
                                .documents
                                .get(*d)
                                .is_some_and(|d| d.citations.contains_key(k))
                        })
                        .collect();
                    Some((
                        i,
                        CellData {
                            relation: &cell.relation,
                            documents: citing,
                        },
                    ))
                })
                .collect(),
        })
        .collect();
    Data {
        columns,
        rows,
        documents,
        relations: RELATIONS
            .iter()
            .map(|r| RelationData {
                value: r.0,
                label: r.1,
                symbol: r.2,
            })
            .collect(),
    }
}

/// The whole page.
pub fn render(audit: &Audit) -> String {
    let rows_docs = row_documents(audit);
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"vanban ");
    h.push_str(env!("CARGO_PKG_VERSION"));
    h.push_str("\">\n<title>Rà soát trích dẫn văn bản — vanban</title>\n<style>\n");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n");
    h.push_str("<header>\n<h1>Rà soát việc cụ thể hóa văn bản cấp trên</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"summary\">{} văn bản · {} tỉnh, thành phố · {} văn bản được dẫn{} · {} chỉ tiêu · {} nhiệm vụ</p>",
        audit.documents.len(),
        audit.provinces.len(),
        audit.columns.len(),
        if audit.fixed_columns {
            " (chọn bằng --resolutions)"
        } else {
            ""
        },
        audit.targets.len(),
        audit.tasks.len()
    );
    h.push_str("<nav class=\"controls\" aria-label=\"Mục lục\"><a href=\"#h-matrix\">Ma trận</a> · <a href=\"#h-targets\">Chỉ tiêu</a> · <a href=\"#h-tasks\">Nhiệm vụ</a></nav>\n</header>\n<main>\n");
    matrix(&mut h, audit, &rows_docs);
    targets_chart(&mut h, audit);
    tasks_table(&mut h, audit);
    h.push_str("</main>\n<footer><p>Tạo bởi vanban ");
    h.push_str(env!("CARGO_PKG_VERSION"));
    h.push_str(" (<code>vanban audit</code>); cùng dữ liệu với citations.csv, targets.csv, tasks.csv và audit.json.</p></footer>\n");
    h.push_str("<script type=\"application/json\" id=\"audit-data\">");
    // Serialising plain structs of strings and numbers cannot fail; an empty object keeps
    // the page usable if it ever did.
    h.push_str(&script_json(&data(audit, &rows_docs)).unwrap_or_else(|_| "{}".into()));
    h.push_str("</script>\n<script>\n");
    h.push_str(JS);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

fn legend(h: &mut String) {
    h.push_str("<ul class=\"legend\" id=\"legend\">\n");
    for (value, label, symbol, meaning) in RELATIONS {
        let _ = writeln!(
            h,
            "<li><span class=\"swatch rel-{value}\" aria-hidden=\"true\">{symbol}</span> <b>{}</b> — {}</li>",
            esc(label),
            esc(meaning)
        );
    }
    h.push_str("<li>Số trong ô: số văn bản của tỉnh dẫn văn bản đó (quan hệ mạnh nhất quyết định màu và ký hiệu). Ô trống: không dẫn.</li>\n</ul>\n");
}

fn options(h: &mut String, id: &str, label: &str, all: &str, items: &[(String, String)]) {
    let _ = write!(
        h,
        "<label for=\"{id}\">{}</label><select id=\"{id}\"><option value=\"\">{}</option>",
        esc(label),
        esc(all)
    );
    for (value, text) in items {
        let _ = write!(h, "<option value=\"{}\">{}</option>", esc(value), esc(text));
    }
    h.push_str("</select>\n");
}

fn matrix(h: &mut String, audit: &Audit, rows_docs: &[Vec<usize>]) {
    h.push_str("<section id=\"matrix-section\" aria-labelledby=\"h-matrix\">\n<h2 id=\"h-matrix\">Ma trận tỉnh × văn bản được dẫn</h2>\n");
    legend(h);
    if audit.columns.is_empty() {
        h.push_str("<p>Không văn bản nào dẫn một văn bản có số hiệu.</p>\n</section>\n");
        return;
    }
    // Filters.
    h.push_str("<form class=\"controls filters\" id=\"filters\" aria-label=\"Lọc ma trận\">\n");
    let names = |f: fn(&crate::audit::ProvinceRow) -> Option<&str>| -> Vec<(String, String)> {
        let mut v: Vec<&str> = audit
            .provinces
            .iter()
            .filter_map(f)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        v.sort_by_cached_key(|p| collation_key(p));
        v.iter().map(|p| (p.to_string(), p.to_string())).collect()
    };
    options(
        h,
        "f-province",
        "Tỉnh (theo văn bản)",
        "Tất cả",
        &names(|p| p.province.as_deref()),
    );
    let items = names(|p| p.province_2025.as_deref());
    options(
        h,
        "f-province2025",
        "Tỉnh sau sáp nhập 2025",
        "Tất cả",
        &items,
    );
    let items: Vec<(String, String)> = audit
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (i.to_string(), column_label(c)))
        .collect();
    options(h, "f-column", "Văn bản được dẫn", "Tất cả", &items);
    let items: Vec<(String, String)> = RELATIONS
        .iter()
        .map(|r| (r.0.to_string(), format!("{} {}", r.2, r.1)))
        .collect();
    options(h, "f-relation", "Quan hệ", "Tất cả", &items);
    h.push_str("<button type=\"reset\" id=\"f-reset\">Bỏ lọc</button>\n</form>\n");
    h.push_str("<p id=\"status\" class=\"controls\" role=\"status\" aria-live=\"polite\"></p>\n");
    h.push_str("<p class=\"hint controls\">Bấm (hoặc Enter) vào ô để xem văn bản và câu trích dẫn; bấm tiêu đề cột để sắp xếp các tỉnh, tên tỉnh để sắp xếp các cột. Phím mũi tên di chuyển giữa các ô.</p>\n");

    // The table.
    h.push_str("<div class=\"scroll\">\n<table id=\"matrix\">\n<caption>Mỗi hàng là một tỉnh (theo tên trong văn bản), mỗi cột một văn bản được dẫn</caption>\n<thead>\n<tr>");
    h.push_str("<th scope=\"col\" class=\"rowhead\" data-sort=\"province\"><button type=\"button\" data-sort=\"province\">Tỉnh</button></th>");
    h.push_str("<th scope=\"col\" class=\"p2025\" data-sort=\"province2025\"><button type=\"button\" data-sort=\"province2025\">Tỉnh 2025</button></th>");
    h.push_str("<th scope=\"col\" class=\"ndocs\" data-sort=\"documents\"><button type=\"button\" data-sort=\"documents\">Số VB</button></th>");
    for (i, c) in audit.columns.iter().enumerate() {
        let title = [c.kind.as_deref(), Some(column_key(c))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            h,
            "<th scope=\"col\" class=\"colhead\" data-col=\"{i}\" data-key=\"{}\" title=\"{} — {} văn bản dẫn\"><button type=\"button\" data-sort-col=\"{i}\">{}</button></th>",
            esc(column_key(c)),
            esc(&title),
            c.documents,
            esc(&column_label(c))
        );
    }
    h.push_str("</tr>\n</thead>\n<tbody>\n");
    for (r, (p, docs)) in audit.provinces.iter().zip(rows_docs).enumerate() {
        let name = or_dash(&p.province);
        let now = or_dash(&p.province_2025);
        let _ = write!(
            h,
            "<tr data-row=\"{r}\" data-province=\"{}\" data-province2025=\"{}\" data-key-province=\"{}\" data-key-province2025=\"{}\" data-documents=\"{}\">",
            esc(p.province.as_deref().unwrap_or_default()),
            esc(p.province_2025.as_deref().unwrap_or_default()),
            esc(&collation_key(name)),
            esc(&collation_key(now)),
            docs.len()
        );
        let _ = write!(
            h,
            "<th scope=\"row\" class=\"rowhead\"><button type=\"button\" data-sort-row=\"{r}\" title=\"Sắp xếp các cột theo tỉnh này\">{}</button></th><td>{}</td><td class=\"num\">{}</td>",
            esc(name),
            esc(now),
            docs.len()
        );
        for (i, c) in audit.columns.iter().enumerate() {
            match p.citations.get(column_key(c)) {
                Some(cell) => {
                    let (label, symbol) = relation(&cell.relation);
                    let _ = write!(
                        h,
                        "<td class=\"cell filled rel-{}\" data-col=\"{i}\" data-rel=\"{}\" data-n=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{} — {}: {}, {} trên {} văn bản\"><span class=\"sym\" aria-hidden=\"true\">{symbol}</span><span class=\"n\">{}</span></td>",
                        esc(&cell.relation),
                        esc(&cell.relation),
                        cell.documents,
                        esc(name),
                        esc(&column_label(c)),
                        esc(label),
                        cell.documents,
                        docs.len(),
                        cell.documents
                    );
                }
                // Empty cells stay small (a national corpus has tens of thousands).
                None => {
                    let _ = write!(h, "<td class=\"cell\" data-col=\"{i}\"></td>");
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h.push_str("<section id=\"detail\" aria-live=\"polite\" tabindex=\"-1\"><h3>Văn bản và câu trích dẫn</h3><p class=\"hint\">Chọn một ô của ma trận.</p></section>\n</section>\n");
}

/// A targets row's province label: as the document names it, else its 2025 province.
fn target_province(row: &BTreeMap<&'static str, serde_json::Value>) -> String {
    ["province", "province_2025"]
        .iter()
        .find_map(|k| row.get(k).and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_else(|| "Không rõ tỉnh".into())
}

fn targets_chart(h: &mut String, audit: &Audit) {
    h.push_str("<section id=\"targets-section\" aria-labelledby=\"h-targets\">\n<h2 id=\"h-targets\">Chỉ tiêu theo tỉnh và năm</h2>\n");
    if audit.targets.is_empty() {
        h.push_str("<p>Không có chỉ tiêu định lượng.</p>\n</section>\n");
        return;
    }
    // (province, year) -> count; provinces in the audit's order, years ascending, no year last.
    let mut provinces: Vec<String> = Vec::new();
    let mut years: BTreeSet<Option<i64>> = BTreeSet::new();
    let mut counts: HashMap<(String, Option<i64>), usize> = HashMap::new();
    for t in &audit.targets {
        let p = target_province(t);
        if !provinces.contains(&p) {
            provinces.push(p.clone());
        }
        let y = t.get("year").and_then(|v| v.as_i64());
        years.insert(y);
        *counts.entry((p, y)).or_default() += 1;
    }
    let mut years: Vec<Option<i64>> = years.into_iter().collect();
    // None sorts first in a BTreeSet: move it last.
    if years.first() == Some(&None) {
        years.rotate_left(1);
    }
    let max = counts.values().copied().max().unwrap_or(1).max(1);
    let (label_w, col_w, row_h, head_h) = (190usize, 64usize, 28usize, 30usize);
    let width = label_w + col_w * years.len() + 10;
    let height = head_h + row_h * provinces.len() + 6;
    let _ = writeln!(
        h,
        "<figure><svg id=\"targets-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"targets-caption\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
    );
    for (j, y) in years.iter().enumerate() {
        let x = label_w + col_w * j + 2;
        let _ = writeln!(
            h,
            "<text x=\"{x}\" y=\"20\" font-weight=\"bold\">{}</text>",
            y.map_or_else(|| "Không rõ".to_string(), |y| y.to_string())
        );
    }
    for (i, p) in provinces.iter().enumerate() {
        let y0 = head_h + row_h * i;
        let _ = writeln!(
            h,
            "<text x=\"4\" y=\"{}\">{}</text><line x1=\"0\" x2=\"{width}\" y1=\"{}\" y2=\"{}\" class=\"grid\" stroke=\"#ccc\"/>",
            y0 + 18,
            esc(p),
            y0 + row_h,
            y0 + row_h
        );
        for (j, y) in years.iter().enumerate() {
            let Some(n) = counts.get(&(p.clone(), *y)) else {
                continue;
            };
            let w = ((col_w - 26) * n).div_ceil(max).max(2);
            let x = label_w + col_w * j + 2;
            let _ = writeln!(
                h,
                "<g class=\"bar\"><title>{}, {}: {n} chỉ tiêu</title><rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"14\" fill=\"#2f5fb3\"/><text x=\"{}\" y=\"{}\">{n}</text></g>",
                esc(p),
                y.map_or_else(|| "không rõ năm".to_string(), |y| format!("năm {y}")),
                y0 + 7,
                x + w + 3,
                y0 + 18
            );
        }
    }
    h.push_str("</svg>\n<figcaption id=\"targets-caption\">Số chỉ tiêu định lượng theo tỉnh và năm phải đạt (thanh dài nhất = ");
    let _ = write!(h, "{max}");
    h.push_str(" chỉ tiêu).</figcaption></figure>\n</section>\n");
}

fn tasks_table(h: &mut String, audit: &Audit) {
    h.push_str("<section id=\"tasks-section\" aria-labelledby=\"h-tasks\">\n<h2 id=\"h-tasks\">Nhiệm vụ theo cơ quan chủ trì</h2>\n");
    if audit.tasks.is_empty() {
        h.push_str("<p>Không có bảng phân công nhiệm vụ.</p>\n</section>\n");
        return;
    }
    // Agency -> (tasks, provinces).
    let mut by_agency: HashMap<String, (usize, BTreeSet<String>)> = HashMap::new();
    for t in &audit.tasks {
        let mut leads: Vec<String> = t
            .get("lead")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if leads.is_empty() {
            leads.push("(không ghi cơ quan chủ trì)".into());
        }
        leads.sort();
        leads.dedup();
        for lead in leads {
            let e = by_agency.entry(lead).or_default();
            e.0 += 1;
            e.1.insert(target_province(t));
        }
    }
    let mut rows: Vec<(String, usize, BTreeSet<String>)> =
        by_agency.into_iter().map(|(a, (n, p))| (a, n, p)).collect();
    rows.sort_by_cached_key(|r| (std::cmp::Reverse(r.1), collation_key(&r.0)));
    let max = rows.first().map_or(1, |r| r.1.max(1));
    h.push_str("<table id=\"tasks\">\n<thead><tr><th scope=\"col\">Cơ quan chủ trì</th><th scope=\"col\">Số nhiệm vụ</th><th scope=\"col\">Tỉnh</th></tr></thead>\n<tbody>\n");
    for (agency, n, provinces) in &rows {
        let mut provinces: Vec<&String> = provinces.iter().collect();
        provinces.sort_by_cached_key(|p| collation_key(p));
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"bar-cell\"><span class=\"bar\" style=\"width:{}%\"></span><span class=\"num\">{n}</span></td><td>{}</td></tr>",
            esc(agency),
            (n * 100).div_ceil(max),
            esc(&provinces
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", "))
        );
    }
    h.push_str("</tbody>\n</table>\n<p class=\"hint\">Một nhiệm vụ có nhiều cơ quan chủ trì được tính cho mỗi cơ quan.</p>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_model::{Document, Mention, Target, Task};

    const TEXT: &str = "Căn cứ Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương;\nỦy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị quyết số 20-NQ/TW như sau:\n- Đến năm 2025 có 100 hợp tác xã.";

    fn doc(
        path: &str,
        province: &str,
        p2025: &str,
        title: &str,
        refs: &[(&str, &str)],
    ) -> Document {
        let mut d = crate::audit::tests::doc(path, Some(province), Some(p2025), "2023-01-02", refs);
        d.metadata.title = Some(title.into());
        d.text = TEXT.into();
        for r in &mut d.references {
            let n = r.number.clone().unwrap_or_default();
            r.mentions = TEXT
                .match_indices(&n)
                .map(|(b, _)| {
                    let start = TEXT[..b].chars().count();
                    Mention {
                        start,
                        end: start + n.chars().count(),
                    }
                })
                .collect();
        }
        d.targets = vec![Target {
            metric: "hợp tác xã".into(),
            value: 100.0,
            comparator: "eq".into(),
            year: Some(2025),
            source: "text".into(),
            ..Default::default()
        }];
        d.tasks = vec![Task {
            task: "Tuyên truyền".into(),
            lead: vec!["Sở <Nông nghiệp> & \"PTNT\"".into()],
            source: "table".into(),
            ..Default::default()
        }];
        d
    }

    fn audit() -> Audit {
        Audit::build(
            vec![
                doc(
                    "a.txt",
                    "Kiên Giang",
                    "An Giang",
                    "Kế hoạch \"phát triển\" </script><b>HTX</b> & <!-- x",
                    &[("20-NQ/TW", "implements"), ("09/NQ-CP", "basis")],
                ),
                doc(
                    "bb.txt",
                    "Kiên Giang",
                    "An Giang",
                    "B",
                    &[("20-NQ/TW", "cites")],
                ),
                doc(
                    "c.txt",
                    "Bình Định",
                    "Gia Lai",
                    "C",
                    &[("134/NQ-CP", "cites")],
                ),
                doc("dd.txt", "Gia Lai", "Gia Lai", "D", &[]),
            ],
            &[],
            1,
        )
        .expect("an audit of test documents")
    }

    /// The JSON block of a page.
    fn json_block(page: &str) -> serde_json::Value {
        let open = "<script type=\"application/json\" id=\"audit-data\">";
        let from = page.find(open).map(|i| i + open.len()).unwrap();
        let to = from + page[from..].find("</script>").unwrap();
        serde_json::from_str(&page[from..to]).unwrap()
    }

    #[test]
    fn escapes_markup_in_text_and_attributes() {
        assert_eq!(
            esc("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;"
        );
        let page = render(&audit());
        // The title never appears raw; the task's agency is escaped in the tasks table.
        assert!(!page.contains("<b>HTX</b>"));
        assert!(page.contains("Sở &lt;Nông nghiệp&gt; &amp; &quot;PTNT&quot;"));
        // Exactly the page's own two scripts; nothing closes them early.
        assert_eq!(page.matches("<script").count(), 2);
        assert_eq!(page.matches("</script>").count(), 2);
        assert!(!page.contains("<!-- x"));
    }

    #[test]
    fn inline_json_is_script_safe_and_round_trips() {
        let v = serde_json::json!({"t": "</script><!-- a & b > c \u{2028}"});
        let s = script_json(&v).unwrap();
        assert!(!s.contains("</"));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);

        let a = audit();
        let data = json_block(&render(&a));
        assert_eq!(
            data["documents"][0]["title"],
            "Kế hoạch \"phát triển\" </script><b>HTX</b> & <!-- x"
        );
        assert_eq!(data["columns"].as_array().unwrap().len(), a.columns.len());
        assert_eq!(data["rows"].as_array().unwrap().len(), a.provinces.len());
    }

    #[test]
    fn one_filled_cell_per_province_citation() {
        let a = audit();
        let page = render(&a);
        // Count from citations.csv's rows: distinct (province, province_2025, column) cited.
        let rows = a.citation_rows(false);
        let header = &rows[0];
        let mut cited = BTreeSet::new();
        for r in &rows[1..] {
            for (i, v) in r.iter().enumerate().skip(6) {
                if !v.is_empty() && v != "—" {
                    cited.insert((r[0].clone(), r[1].clone(), header[i].clone()));
                }
            }
        }
        // Kiên Giang: 20-NQ/TW and 09/NQ-CP; Bình Định: 134/NQ-CP; Gia Lai: none.
        assert_eq!(cited.len(), 3);
        assert_eq!(page.matches("class=\"cell filled").count(), cited.len());
        assert_eq!(
            page.matches("class=\"cell").count(),
            a.provinces.len() * a.columns.len()
        );
        // Kiên Giang × 20-NQ/TW: strongest relation of its two documents, count 2.
        let col = a
            .columns
            .iter()
            .position(|c| c.number == "20-NQ/TW")
            .unwrap();
        assert!(page.contains(&format!(
            "class=\"cell filled rel-implements\" data-col=\"{col}\" data-rel=\"implements\" data-n=\"2\""
        )));
    }

    #[test]
    fn cell_detail_data_lists_citing_documents_and_their_sentences() {
        let a = audit();
        let data = json_block(&render(&a));
        let col = a
            .columns
            .iter()
            .position(|c| c.number == "20-NQ/TW")
            .unwrap();
        let row = &data["rows"][0];
        assert_eq!(row["province"], "Kiên Giang");
        let cell = &row["cells"][col.to_string()];
        assert_eq!(cell["relation"], "implements");
        let docs: Vec<usize> = cell["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(docs.len(), 2);
        let d = &data["documents"][docs[0]];
        let quotes = d["cites"][col.to_string()]["quotes"].as_array().unwrap();
        // Two mentions, two sentences, each highlighting the number.
        assert_eq!(quotes.len(), 2);
        for q in quotes {
            let text: Vec<char> = q["text"].as_str().unwrap().chars().collect();
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[s..e].iter().collect::<String>(), "20-NQ/TW");
        }
        assert_eq!(
            quotes[0]["text"],
            "Căn cứ Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương;"
        );
        assert_eq!(
            quotes[1]["text"],
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị quyết số 20-NQ/TW như sau:"
        );
    }

    #[test]
    fn charts_count_targets_and_tasks() {
        let page = render(&audit());
        // Four documents with one 2025 target each: three provinces as named.
        assert!(page.contains("<title>Kiên Giang, năm 2025: 2 chỉ tiêu</title>"));
        assert!(page.contains("<title>Bình Định, năm 2025: 1 chỉ tiêu</title>"));
        assert_eq!(page.matches("<g class=\"bar\">").count(), 3);
        // One agency leads the four tasks, in three provinces.
        assert!(page.contains("<span class=\"num\">4</span>"));
        assert!(page.contains("<td>Bình Định, Gia Lai, Kiên Giang</td>"));
    }

    #[test]
    fn empty_audit_renders_a_page() {
        let a = Audit::build(vec![doc("dd.txt", "Gia Lai", "Gia Lai", "D", &[])], &[], 1)
            .expect("an audit of one document");
        let page = render(&a);
        assert!(page.contains("Không văn bản nào dẫn"));
        assert!(!page.contains("cell filled"));
        assert!(page.ends_with("</html>\n"));
    }
}
