//! Tables from ruling lines: connected horizontal and vertical rules form a grid; a
//! missing rule between two grid cells merges them (colspan / rowspan). Text of a merged
//! cell goes to its top-left position, spanned positions hold `""`.

use crate::collect::{Glyph, Seg};
use crate::layout::build_lines;

/// Tolerance (page units) for rules that meet or line up.
const TOL: f64 = 2.0;
/// Above this many horizontal × vertical pairs the page is not searched for tables.
const MAX_PAIRS: usize = 4_000_000;

/// A ruled grid on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, ascending.
    pub xs: Vec<f64>,
    /// Row boundaries, ascending (top-down).
    pub ys: Vec<f64>,
    hs: Vec<Seg>,
    vs: Vec<Seg>,
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.0.get(i) {
            if p == i {
                break;
            }
            let gp = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = gp;
            }
            i = p;
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // keep the smaller index as root: the top-left cell of a merged region
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.0.get_mut(hi) {
            *slot = lo;
        }
    }
}

/// Merge collinear, touching pieces of rules (cell borders are often drawn per cell).
fn merge(mut segs: Vec<Seg>, horizontal: bool) -> Vec<Seg> {
    // key: the fixed coordinate; span: the varying one
    let fixed = |s: &Seg| if horizontal { s.y0 } else { s.x0 };
    let lo = |s: &Seg| if horizontal { s.x0 } else { s.y0 };
    segs.sort_by(|a, b| fixed(a).total_cmp(&fixed(b)).then(lo(a).total_cmp(&lo(b))));
    let mut out: Vec<Seg> = Vec::new();
    // group by fixed coordinate
    let mut i = 0;
    while i < segs.len() {
        let Some(first) = segs.get(i) else { break };
        let f0 = fixed(first);
        let mut j = i;
        while segs.get(j).is_some_and(|s| fixed(s) - f0 <= TOL / 2.0) {
            j += 1;
        }
        let mut group: Vec<Seg> = segs.get(i..j).map(<[Seg]>::to_vec).unwrap_or_default();
        group.sort_by(|a, b| lo(a).total_cmp(&lo(b)));
        let mut cur: Option<Seg> = None;
        for s in group {
            cur = match cur {
                None => Some(s),
                Some(mut c) => {
                    if horizontal && s.x0 <= c.x1 + TOL {
                        c.x1 = c.x1.max(s.x1);
                        Some(c)
                    } else if !horizontal && s.y0 <= c.y1 + TOL {
                        c.y1 = c.y1.max(s.y1);
                        Some(c)
                    } else {
                        out.push(c);
                        Some(s)
                    }
                }
            };
        }
        out.extend(cur);
        i = j.max(i + 1);
    }
    out
}

fn meets(h: &Seg, v: &Seg) -> bool {
    v.x0 >= h.x0 - TOL && v.x0 <= h.x1 + TOL && h.y0 >= v.y0 - TOL && h.y0 <= v.y1 + TOL
}

/// Cluster coordinates within `TOL`, returning cluster means, ascending.
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= TOL => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// Find ruled grids among a page's segments.
pub(crate) fn find_grids(segs: &[Seg]) -> Vec<Grid> {
    let hs = merge(
        segs.iter().filter(|s| s.horizontal()).copied().collect(),
        true,
    );
    let vs = merge(
        segs.iter().filter(|s| !s.horizontal()).copied().collect(),
        false,
    );
    if hs.len() < 2 || vs.len() < 2 || hs.len().saturating_mul(vs.len()) > MAX_PAIRS {
        return Vec::new();
    }
    let n = hs.len() + vs.len();
    let mut dsu = Dsu::new(n);
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if meets(h, v) {
                dsu.union(i, hs.len() + j);
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        comps.entry(dsu.find(i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        comps.entry(dsu.find(hs.len() + j)).or_default().1.push(*v);
    }
    let mut grids = Vec::new();
    for (_, (h, v)) in comps {
        if h.len() < 2 || v.len() < 2 {
            continue;
        }
        let xs = cluster(v.iter().map(|s| s.x0).collect());
        let mut ys = cluster(h.iter().map(|s| s.y0).collect());
        open_ends(&mut ys, &v);
        if xs.len() < 2 || ys.len() < 2 {
            continue;
        }
        let (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) =
            (xs.first(), xs.last(), ys.first(), ys.last())
        else {
            continue;
        };
        // a box drawn around a paragraph or a tiny decoration is not a table
        if x1 - x0 < 20.0 || y1 - y0 < 8.0 {
            continue;
        }
        grids.push(Grid {
            xs,
            ys,
            hs: h,
            vs: v,
        });
    }
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()));
    grids
}

/// A row cut by a page break is often left open: no rule under its part at the page foot,
/// none over its rest at the next page's head, only the column rules running on. The
/// column rules' ends are then the grid's first or last row boundary, so the cut row's
/// text is read into the table.
fn open_ends(ys: &mut Vec<f64>, vs: &[Seg]) {
    let (Some(&first), Some(&last)) = (ys.first(), ys.last()) else {
        return;
    };
    let top = vs.iter().map(|s| s.y0).fold(f64::INFINITY, f64::min);
    let bottom = vs.iter().map(|s| s.y1).fold(f64::NEG_INFINITY, f64::max);
    if bottom.is_finite() && bottom > last + 2.0 * TOL {
        ys.push(bottom);
    }
    if top.is_finite() && top < first - 2.0 * TOL {
        ys.insert(0, top);
    }
}

impl Grid {
    /// Top edge.
    pub fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// True when a point lies inside the grid.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) => {
                x >= x0 && x <= x1 && y >= y0 && y <= y1
            }
            _ => false,
        }
    }

    fn vrule_at(&self, x: f64, y: f64) -> bool {
        self.vs
            .iter()
            .any(|v| (v.x0 - x).abs() <= TOL && y >= v.y0 - TOL && y <= v.y1 + TOL)
    }

    fn hrule_at(&self, x: f64, y: f64) -> bool {
        self.hs
            .iter()
            .any(|h| (h.y0 - y).abs() <= TOL && x >= h.x0 - TOL && x <= h.x1 + TOL)
    }

    /// Rows of cell strings from the glyphs inside the grid.
    #[cfg(test)]
    pub fn fill(&self, glyphs: &[&Glyph]) -> Vec<Vec<String>> {
        self.fill_columns(glyphs).0
    }

    /// Rows of cell strings from the glyphs inside the grid, and the table's column edges:
    /// the left edge of every column kept (columns empty on this page are dropped) and the
    /// grid's right edge, so that a piece continued on the next page can be lined up.
    pub fn fill_columns(&self, glyphs: &[&Glyph]) -> (Vec<Vec<String>>, Vec<f64>) {
        let ncols = self.xs.len().saturating_sub(1);
        let nrows = self.ys.len().saturating_sub(1);
        if ncols == 0 || nrows == 0 {
            return (Vec::new(), Vec::new());
        }
        let at = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
        let mut dsu = Dsu::new(nrows * ncols);
        for r in 0..nrows {
            let ymid = (at(&self.ys, r) + at(&self.ys, r + 1)) / 2.0;
            for c in 0..ncols {
                let xmid = (at(&self.xs, c) + at(&self.xs, c + 1)) / 2.0;
                if c > 0 && !self.vrule_at(at(&self.xs, c), ymid) {
                    dsu.union(r * ncols + c - 1, r * ncols + c);
                }
                if r > 0 && !self.hrule_at(xmid, at(&self.ys, r)) {
                    dsu.union((r - 1) * ncols + c, r * ncols + c);
                }
            }
        }
        let mut cell_glyphs: Vec<Vec<&Glyph>> = vec![Vec::new(); nrows * ncols];
        for &g in glyphs {
            let cx = g.x + g.w / 2.0;
            let cy = g.y - 0.3 * g.size;
            let c = self
                .xs
                .partition_point(|&x| x <= cx)
                .saturating_sub(1)
                .min(ncols - 1);
            let r = self
                .ys
                .partition_point(|&y| y <= cy)
                .saturating_sub(1)
                .min(nrows - 1);
            let root = dsu.find(r * ncols + c);
            if let Some(v) = cell_glyphs.get_mut(root) {
                v.push(g);
            }
        }
        // Each merged region is a cell owned by its top row. Rows may not share column
        // boundaries (a rule drawn a little off in one row): rows with the most cells
        // define the logical columns, cell by cell in order; a cell of a shorter row (a
        // span) goes to the column whose left edge is nearest to its own.
        let mut own: Vec<Vec<(f64, String)>> = vec![Vec::new(); nrows];
        for i in 0..nrows * ncols {
            if dsu.find(i) != i {
                continue;
            }
            let (r, c) = (i / ncols, i % ncols);
            let text = cell_glyphs.get(i).map(|g| cell_text(g)).unwrap_or_default();
            if let Some(row) = own.get_mut(r) {
                row.push((at(&self.xs, c), text));
            }
        }
        own.retain(|r| r.iter().any(|(_, t)| !t.is_empty()));
        let k = own.iter().map(Vec::len).max().unwrap_or(0);
        if k == 0 {
            return (Vec::new(), Vec::new());
        }
        let mut lefts: Vec<f64> = Vec::with_capacity(k);
        for j in 0..k {
            let mut v: Vec<f64> = own
                .iter()
                .filter(|r| r.len() == k)
                .filter_map(|r| r.get(j).map(|c| c.0))
                .collect();
            v.sort_by(f64::total_cmp);
            lefts.push(v.get(v.len() / 2).copied().unwrap_or(0.0));
        }
        let mut rows: Vec<Vec<String>> = Vec::with_capacity(own.len());
        for cells in own {
            if cells.len() == k {
                // a full row: its cells are the columns, in order
                rows.push(cells.into_iter().map(|(_, t)| t).collect());
                continue;
            }
            let mut row = vec![String::new(); k];
            let mut taken = vec![false; k];
            let mut next_free = 0usize;
            for (x, text) in cells {
                let nearest = (0..k)
                    .min_by(|&a, &b| {
                        let da = (lefts.get(a).copied().unwrap_or(0.0) - x).abs();
                        let db = (lefts.get(b).copied().unwrap_or(0.0) - x).abs();
                        da.total_cmp(&db)
                    })
                    .unwrap_or(0);
                // keep row order: never go left of a cell already placed
                let mut j = nearest.max(next_free);
                while taken.get(j).copied().unwrap_or(false) {
                    j += 1;
                }
                if let Some(slot) = row.get_mut(j) {
                    *slot = text;
                } else if let Some(last) = row.last_mut() {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(&text);
                }
                if let Some(t) = taken.get_mut(j) {
                    *t = true;
                }
                next_free = j + 1;
            }
            rows.push(row);
        }
        let keep: Vec<bool> = (0..k)
            .map(|c| rows.iter().any(|r| r.get(c).is_some_and(|s| !s.is_empty())))
            .collect();
        for r in &mut rows {
            let mut c = 0;
            r.retain(|_| {
                let keep_it = keep.get(c).copied().unwrap_or(true);
                c += 1;
                keep_it
            });
        }
        let mut edges: Vec<f64> = lefts
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| *x)
            .collect();
        edges.push(self.xs.last().copied().unwrap_or(0.0));
        (rows, edges)
    }
}

/// How the columns of a table piece continued on the next page sit among the columns of
/// the table above, from their edges (`Grid::fill_columns`): for every column of the
/// piece, the table's column with the same left edge. Both must share their outer edges;
/// the piece may lack columns (empty on its page) and so may the table (empty on the pages
/// before), but every column of the narrower one must line up with one of the wider one.
/// `Some((for_above, for_piece, width))`: where each column of either goes in the joined
/// table of `width` columns; `None` when they do not line up.
pub(crate) fn line_up(above: &[f64], piece: &[f64]) -> Option<(Vec<usize>, Vec<usize>, usize)> {
    let near = |a: f64, b: f64| (a - b).abs() <= 2.0 * TOL;
    let (al, ar) = above.split_at(above.len().checked_sub(1)?);
    let (pl, pr) = piece.split_at(piece.len().checked_sub(1)?);
    let (a0, p0) = (al.first()?, pl.first()?);
    if !near(*a0, *p0) || !near(*ar.first()?, *pr.first()?) {
        return None;
    }
    let (wide, narrow, piece_wider) = if pl.len() > al.len() {
        (pl, al, true)
    } else {
        (al, pl, false)
    };
    let mut map = Vec::with_capacity(narrow.len());
    let mut from = 0usize;
    for x in narrow {
        let j = (from..wide.len()).find(|&j| wide.get(j).is_some_and(|w| near(*w, *x)))?;
        map.push(j);
        from = j + 1;
    }
    let ident: Vec<usize> = (0..wide.len()).collect();
    Some(if piece_wider {
        (map, ident, wide.len())
    } else {
        (ident, map, wide.len())
    })
}

/// Join the lines of a cell: a line ending in a hyphen glued to a word ("09/NQ-") runs on
/// without a space; otherwise one space.
pub(crate) fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for line in build_lines(glyphs) {
        crate::layout::join_wrapped(&mut out, &line.text());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Seg {
        Seg {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Seg {
        Seg {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }
    fn text(x: f64, y: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 5.0,
                y,
                w: 5.0,
                size: 10.0,
                text: c.to_string(),
                space: c == ' ',
                rot: 0,
                line: 0,
            })
            .collect()
    }

    #[test]
    fn grid_with_a_merged_header_cell() {
        // 3 columns (0,100,200,300), 2 rows (0,20,40); the header's middle rule is missing
        let segs = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 20.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let grids = find_grids(&segs);
        assert_eq!(grids.len(), 1);
        let mut g = text(5.0, 15.0, "STT");
        g.extend(text(150.0, 15.0, "Co quan"));
        g.extend(text(5.0, 35.0, "1"));
        g.extend(text(105.0, 35.0, "Chu tri"));
        g.extend(text(205.0, 35.0, "Phoi hop"));
        let refs: Vec<&Glyph> = g.iter().collect();
        let rows = grids[0].fill(&refs);
        assert_eq!(
            rows,
            vec![vec!["STT", "Co quan", ""], vec!["1", "Chu tri", "Phoi hop"]]
        );
    }

    #[test]
    fn a_row_left_open_at_the_page_foot_is_read_into_the_table() {
        // rules at 0 and 20; the column rules run on to 50 (the cut row has no rule under it)
        let segs = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            v(0.0, 0.0, 50.0),
            v(100.0, 0.0, 50.0),
            v(200.0, 0.0, 50.0),
        ];
        let grids = find_grids(&segs);
        assert_eq!(grids.len(), 1);
        let mut g = text(5.0, 15.0, "1");
        g.extend(text(105.0, 15.0, "Ra soat"));
        g.extend(text(5.0, 35.0, "2"));
        g.extend(text(105.0, 35.0, "Kiem tra"));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(
            grids[0].fill(&refs),
            vec![vec!["1", "Ra soat"], vec!["2", "Kiem tra"]]
        );
    }

    #[test]
    fn a_piece_with_a_column_empty_on_its_page_lines_up() {
        let above = [10.0, 50.0, 200.0, 260.0, 300.0];
        // the third column (200..260) is empty on the next page
        let piece = [10.5, 49.0, 261.0, 299.0];
        assert_eq!(
            line_up(&above, &piece),
            Some((vec![0, 1, 2, 3], vec![0, 1, 3], 4))
        );
        // and the other way round: empty on the page above
        assert_eq!(
            line_up(&piece, &above),
            Some((vec![0, 1, 3], vec![0, 1, 2, 3], 4))
        );
        // other column boundaries or another width: another table
        assert_eq!(line_up(&above, &[10.0, 120.0, 260.0, 300.0]), None);
        assert_eq!(line_up(&above, &[10.0, 50.0, 200.0, 260.0, 400.0]), None);
        assert_eq!(line_up(&above, &[]), None);
    }

    #[test]
    fn lone_rules_are_not_tables() {
        assert!(find_grids(&[h(10.0, 0.0, 100.0), h(30.0, 0.0, 100.0)]).is_empty());
        assert!(find_grids(&[h(10.0, 0.0, 100.0), v(50.0, 0.0, 5.0)]).is_empty());
        assert!(find_grids(&[]).is_empty());
    }

    #[test]
    fn hyphen_inside_a_symbol_runs_on() {
        let mut g = text(0.0, 10.0, "so 09/NQ-");
        g.extend(text(0.0, 22.0, "CP ngay"));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(&refs), "so 09/NQ- CP ngay".replace("- ", "-"));
        let mut g = text(0.0, 10.0, "kinh te -");
        g.extend(text(0.0, 22.0, "xa hoi"));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(&refs), "kinh te - xa hoi");
    }
}
