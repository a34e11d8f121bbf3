//! Vietnamese text normalizer: NFC, tone-mark placement, odd spaces, line-wrap repair, split symbols, page furniture.
//!
//! ```
//! let raw = "Thực hiện Nghị quyết số 20-\n\nNQ/TW của Ban Chấp hành\n\nTrung ương Đảng về kinh tế tập thể.\n\n1. Mục đích\n";
//! assert_eq!(vanban_normalize::normalize_text(raw),
//!     "Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng về kinh tế tập thể.\n1. Mục đích\n");
//! ```
#![forbid(unsafe_code)]

pub mod chars;
pub mod furniture;
pub mod wrap;

use vanban_model::{
    Block, Footnote, InputPos, NormTable, NormalizedDocument, OffsetAnchor, RawDocument,
    RawFootnote, Span,
};
use wrap::{Context, Join};

/// A line on its way through the normalizer, with where its pieces came from.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    /// (char offset inside `text`, input position) for every source line joined in.
    anchors: Vec<(usize, InputPos)>,
    /// Blank lines before it in the input.
    gap: usize,
    /// Byte offset in `text` where the last physical line joined in starts.
    tail: usize,
    /// Length of `text` in chars.
    chars: usize,
    /// Classification of the first line.
    head: wrap::LineInfo,
    /// Classification of the last physical line.
    last: wrap::LineInfo,
    /// Never joined to neighbours (HTML/DOCX paragraphs, tables).
    locked: bool,
    /// Index into the tables list when this piece stands for a table.
    table: Option<usize>,
}

fn percentile_width(pieces: &[Piece]) -> usize {
    let mut lens: Vec<usize> = pieces
        .iter()
        .filter(|p| !p.locked && p.table.is_none())
        .map(|p| p.text.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.is_empty() {
        return 80;
    }
    lens.sort_unstable();
    lens[(lens.len() * 9 / 10).min(lens.len() - 1)].max(20)
}

/// Blank lines are an artefact when nearly every line is followed by one.
fn blank_lines_meaningful(pieces: &[Piece]) -> bool {
    let free: Vec<&Piece> = pieces.iter().filter(|p| !p.locked).collect();
    if free.len() < 8 {
        return true;
    }
    let with_gap = free.iter().skip(1).filter(|p| p.gap >= 1).count();
    with_gap * 10 < (free.len() - 1) * 6
}

/// One pass of line-wrap repair.
fn join_pass(pieces: Vec<Piece>, ctx: &Context) -> (Vec<Piece>, bool) {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut changed = false;
    for p in pieces {
        if let Some(prev) = out.last_mut() {
            if !prev.locked && !p.locked {
                let tail = prev.text.get(prev.tail..).unwrap_or("");
                let j =
                    wrap::decide_with(&prev.head, &prev.last, tail, &p.head, &p.text, p.gap, ctx);
                if j != Join::Break {
                    let base = prev.chars + usize::from(j == Join::Space);
                    if j == Join::Space {
                        prev.text.push(' ');
                    }
                    prev.tail = prev.text.len() + p.tail;
                    prev.text.push_str(&p.text);
                    prev.chars = base + p.chars;
                    prev.last = p.last;
                    prev.anchors
                        .extend(p.anchors.into_iter().map(|(o, pos)| (o + base, pos)));
                    changed = true;
                    continue;
                }
            }
        }
        out.push(p);
    }
    (out, changed)
}

/// Repair wraps: a first pass that may use blank-line information, then passes without it
/// until nothing changes, so normalizing normalized text changes nothing.
fn repair(pieces: Vec<Piece>) -> Vec<Piece> {
    let ctx = Context {
        width: percentile_width(&pieces),
        blank_lines_meaningful: blank_lines_meaningful(&pieces),
    };
    let (mut pieces, _) = join_pass(pieces, &ctx);
    for _ in 0..8 {
        for p in pieces.iter_mut() {
            p.gap = 0;
            if p.tail != 0 {
                // joined pieces are classified again as whole lines, as a second run would
                p.tail = 0;
                p.head = wrap::LineInfo::with_chars(&p.text, p.chars);
                p.last = p.head;
            }
        }
        let ctx = Context {
            width: percentile_width(&pieces),
            blank_lines_meaningful: false,
        };
        let (next, changed) = join_pass(pieces, &ctx);
        pieces = next;
        if !changed {
            break;
        }
    }
    pieces
}

fn clean_cell(s: &str) -> String {
    chars::clean_line(&s.replace(['\n', '\r'], " "))
}

/// Normalize a raw document: the text every extractor reads.
pub fn normalize(raw: &RawDocument) -> NormalizedDocument {
    let mut warnings = raw.warnings.clone();
    let mut tables: Vec<NormTable> = Vec::new();
    // 1. blocks -> pieces, with character-level cleaning
    let mut pieces: Vec<Piece> = Vec::new();
    let mut gap = 0usize;
    let mut page: u32 = 1;
    let mut page_of_piece: Vec<u32> = Vec::new();
    for (i, b) in raw.blocks.iter().enumerate() {
        let pos = raw.positions.get(i).copied().unwrap_or_default();
        match b {
            Block::Line(l) => {
                let t = chars::clean_line(l);
                if t.is_empty() {
                    gap += 1;
                    continue;
                }
                let info = wrap::LineInfo::of(&t);
                pieces.push(Piece {
                    tail: 0,
                    chars: info.chars,
                    head: info,
                    last: info,
                    text: t,
                    anchors: vec![(0, pos)],
                    gap,
                    locked: false,
                    table: None,
                });
                page_of_piece.push(page);
                gap = 0;
            }
            Block::Paragraph(l) => {
                let t = clean_cell(l);
                if t.is_empty() {
                    continue;
                }
                pieces.push(Piece {
                    tail: 0,
                    chars: t.chars().count(),
                    head: wrap::LineInfo::default(),
                    last: wrap::LineInfo::default(),
                    text: t,
                    anchors: vec![(0, pos)],
                    gap: 1,
                    locked: true,
                    table: None,
                });
                page_of_piece.push(page);
                gap = 0;
            }
            Block::Table(t) => {
                let rows: Vec<Vec<String>> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| clean_cell(c)).collect())
                    .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                tables.push(NormTable {
                    rows,
                    span: Span::default(),
                    page: t.page.or(raw.pages.map(|_| page)),
                });
                pieces.push(Piece {
                    tail: 0,
                    chars: 0,
                    head: wrap::LineInfo::default(),
                    last: wrap::LineInfo::default(),
                    text: String::new(),
                    anchors: vec![(0, pos)],
                    gap: 1,
                    locked: true,
                    table: Some(tables.len() - 1),
                });
                page_of_piece.push(page);
                gap = 0;
            }
            Block::PageBreak => {
                page += 1;
                gap += 1;
            }
        }
    }
    // 2. page furniture
    let texts: Vec<Option<&str>> = pieces
        .iter()
        .map(|p| {
            if p.locked {
                None
            } else {
                Some(p.text.as_str())
            }
        })
        .collect();
    let furniture = furniture::find(&texts, &page_of_piece);
    if !furniture.is_empty() {
        warnings.push(format!(
            "removed {} lines of page furniture (page numbers, running headers)",
            furniture.len()
        ));
        let mut k = 0;
        let mut carry_gap = 0;
        pieces.retain_mut(|p| {
            let drop = furniture.contains(&k);
            k += 1;
            if drop {
                carry_gap += p.gap + 1;
                false
            } else {
                p.gap += carry_gap;
                carry_gap = 0;
                true
            }
        });
    }
    // 3. wraps
    let pieces = repair(pieces);
    // 4. render
    let mut text = String::new();
    let mut offsets = Vec::new();
    let mut at = 0usize;
    for p in pieces {
        if let Some(ti) = p.table {
            let start = at;
            if let Some(t) = tables.get(ti) {
                for row in &t.rows {
                    let line = format!(
                        "| {} |",
                        row.iter()
                            .map(|c| c.replace('|', "/"))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    offsets.push(OffsetAnchor {
                        norm: at,
                        input: p.anchors.first().map(|a| a.1).unwrap_or_default(),
                    });
                    at += line.chars().count() + 1;
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            if let Some(t) = tables.get_mut(ti) {
                t.span = Span::new(start, at.saturating_sub(1).max(start));
            }
            continue;
        }
        for (o, pos) in &p.anchors {
            offsets.push(OffsetAnchor {
                norm: at + o,
                input: *pos,
            });
        }
        at += p.chars + 1;
        text.push_str(&p.text);
        text.push('\n');
    }
    let footnotes = append_footnotes(&raw.footnotes, &mut text, &mut offsets, at);
    NormalizedDocument {
        text,
        tables,
        offsets,
        format: raw.format,
        pages: raw.pages,
        warnings,
        footnotes,
    }
}

/// Render footnotes at the end of `text` (whose length is `at` chars), one line each as
/// `[marker] text`, and find each marker's `[marker]` in the body: the first one after the
/// previous note's, so that notes numbered afresh on each page find their own places.
fn append_footnotes(
    notes: &[RawFootnote],
    text: &mut String,
    offsets: &mut Vec<OffsetAnchor>,
    mut at: usize,
) -> Vec<Footnote> {
    let body_len = text.len();
    let mut out = Vec::with_capacity(notes.len());
    // byte offset in the body after the last marker found
    let mut from = 0usize;
    for n in notes {
        let marker = clean_cell(&n.marker);
        let note = clean_cell(&n.text);
        if marker.is_empty() && note.is_empty() {
            continue;
        }
        let tag = format!("[{marker}]");
        let (ref_start, ref_end) = match text
            .get(from..body_len)
            .and_then(|b| b.find(&tag))
            .map(|i| from + i)
        {
            Some(b) => {
                from = b + tag.len();
                let start = text.get(..b).map_or(0, |s| s.chars().count());
                (Some(start), Some(start + tag.chars().count()))
            }
            None => (None, None),
        };
        let line = format!("{tag} {note}");
        let len = line.chars().count();
        offsets.push(OffsetAnchor {
            norm: at,
            input: InputPos {
                byte: 0,
                line: n.page.map_or(0, |p| p as usize),
            },
        });
        out.push(Footnote {
            marker,
            text: note,
            page: n.page,
            start: at,
            end: at + len,
            ref_start,
            ref_end,
        });
        text.push_str(&line);
        text.push('\n');
        at += len + 1;
    }
    out
}

/// Normalize plain text (read as lines): the convenience used by tests and `normalize -`.
pub fn normalize_text(s: &str) -> String {
    let blocks = s
        .split('\n')
        .map(|l| Block::Line(l.trim_end_matches('\r').to_string()))
        .collect();
    normalize(&RawDocument {
        blocks,
        ..Default::default()
    })
    .text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_after_every_line_is_an_artefact() {
        let raw = "Thống nhất trong việc chỉ đạo các cấp, các ngành tập trung tổ chức quán triệt,\n\ntriển khai, cụ thể hóa những nội dung tại Kết luận số 70-KL/TW ngày 09/3/2020\n\ncủa Bộ Chính trị.\n\n2. Yêu cầu\n\nViệc triển khai Kế hoạch phải đảm bảo vai trò lãnh đạo của Đảng, sự quản lý\n\nđiều hành tập trung của UBND tỉnh.\n";
        let out = normalize_text(raw);
        assert_eq!(
            out,
            "Thống nhất trong việc chỉ đạo các cấp, các ngành tập trung tổ chức quán triệt, triển khai, cụ thể hóa những nội dung tại Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị.\n2. Yêu cầu\nViệc triển khai Kế hoạch phải đảm bảo vai trò lãnh đạo của Đảng, sự quản lý điều hành tập trung của UBND tỉnh.\n"
        );
    }

    #[test]
    fn tables_render_with_spans() {
        let raw = RawDocument {
            blocks: vec![
                Block::Line("Phụ lục".into()),
                Block::Table(vanban_model::RawTable {
                    rows: vec![
                        vec!["STT".into(), "Nội dung".into()],
                        vec!["1".into(), "Việc a".into()],
                    ],
                    page: None,
                }),
                Block::Line("Hết".into()),
            ],
            ..Default::default()
        };
        let n = normalize(&raw);
        assert_eq!(n.text, "Phụ lục\n| STT | Nội dung |\n| 1 | Việc a |\nHết\n");
        let span = n.tables[0].span;
        let inside: String = n.text.chars().skip(span.start).take(span.len()).collect();
        assert_eq!(inside, "| STT | Nội dung |\n| 1 | Việc a |");
    }

    #[test]
    fn offsets_point_back_to_input_lines() {
        let n = normalize(&RawDocument {
            blocks: vec![
                Block::Line("Căn cứ Luật".into()),
                Block::Line("".into()),
                Block::Line("tổ chức chính quyền;".into()),
            ],
            positions: vec![
                InputPos { byte: 0, line: 1 },
                InputPos { byte: 14, line: 2 },
                InputPos { byte: 15, line: 3 },
            ],
            ..Default::default()
        });
        assert_eq!(n.text, "Căn cứ Luật tổ chức chính quyền;\n");
        assert_eq!(n.input_pos(0).map(|p| p.line), Some(1));
        assert_eq!(n.input_pos(13).map(|p| p.line), Some(3));
    }

    #[test]
    fn paragraphs_are_never_joined() {
        let n = normalize(&RawDocument {
            blocks: vec![
                Block::Paragraph("Về việc".into()),
                Block::Paragraph("tiếp tục".into()),
            ],
            ..Default::default()
        });
        assert_eq!(n.text, "Về việc\ntiếp tục\n");
    }

    #[test]
    fn idempotent_on_corpus_like_text() {
        let raw = "KẾ HOẠCH\n\nThực hiện Nghị quyết số 134/NQ-CP ngày 25/9/2020 của Chính phủ\n\nban hành Chương trình hành động\n\nI. MỤC ĐÍCH\n\n- Triển khai có hiệu quả Nghị quyết số 09/NQ-\n\nCP;\n";
        let once = normalize_text(raw);
        assert_eq!(normalize_text(&once), once);
        assert!(once.contains("09/NQ-CP;"));
    }

    #[test]
    fn footnotes_written_after_the_body_and_their_markers_found() {
        let n = normalize(&RawDocument {
            blocks: vec![
                Block::Line("Theo Luật số 42/2024/QH15[1] và Luật Đầu tư[2];".into()),
                Block::PageBreak,
                Block::Line("Nghị định số 105/2025/NĐ-CP[1].".into()),
            ],
            footnotes: vec![
                RawFootnote {
                    marker: "1".into(),
                    text: "Luật  số 42/2024/QH15.".into(),
                    page: Some(1),
                },
                RawFootnote {
                    marker: "2".into(),
                    text: "Luật số 61/2020/QH14.".into(),
                    page: Some(1),
                },
                // numbered afresh on page 2
                RawFootnote {
                    marker: "1".into(),
                    text: "Ngày 15/5/2025.".into(),
                    page: Some(2),
                },
            ],
            ..Default::default()
        });
        let chars: Vec<char> = n.text.chars().collect();
        let at = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        assert!(n.text.ends_with(
            "[1] Luật số 42/2024/QH15.\n[2] Luật số 61/2020/QH14.\n[1] Ngày 15/5/2025.\n"
        ));
        let f = &n.footnotes;
        assert_eq!(f.len(), 3);
        assert_eq!(at(f[0].start, f[0].end), "[1] Luật số 42/2024/QH15.");
        assert_eq!(f[0].text, "Luật số 42/2024/QH15.");
        // each marker in the body, followed by what follows it there
        let refs: Vec<String> = f
            .iter()
            .map(|x| at(x.ref_start.unwrap(), x.ref_end.unwrap() + 2))
            .collect();
        assert_eq!(refs, ["[1] v", "[2]; ", "[1].\n"]);
        assert!(f[2].ref_end.unwrap() < f[0].start);
        assert_eq!(f[2].page, Some(2));
    }
}
