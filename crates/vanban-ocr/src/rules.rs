//! Ruling lines of a scanned page: long dark horizontal and vertical runs in the
//! binarized bitmap, merged across the rows (or columns) a thick rule covers.

use crate::gray::Gray;

/// An axis-aligned rule in pixels: horizontal when `y0 == y1`, vertical when `x0 == x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left (or the x of a vertical rule).
    pub x0: f64,
    /// Top (or the y of a horizontal rule).
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

/// The rules that make table grids: a vertical rule must meet at least three horizontal
/// ones (a table has a header and at least one row), and a horizontal rule met by vertical
/// rules must meet at least two kept ones. A framed box (a registry stamp, a boxed note)
/// is no table; lone horizontal rules (the line under the motto) stay.
pub fn table_rules(rules: &[Rule], dpi: f64) -> Vec<Rule> {
    let tol = (dpi / 25.0).max(2.0);
    let meets = |h: &Rule, v: &Rule| {
        v.x0 >= h.x0 - tol && v.x0 <= h.x1 + tol && h.y0 >= v.y0 - tol && h.y0 <= v.y1 + tol
    };
    let hs: Vec<&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
    let vs: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.x0 == r.x1 && r.y0 != r.y1)
        .filter(|v| hs.iter().filter(|h| meets(h, v)).count() >= 3)
        .collect();
    let mut out: Vec<Rule> = Vec::new();
    for h in &hs {
        let all = rules
            .iter()
            .filter(|v| v.x0 == v.x1 && v.y0 != v.y1 && meets(h, v))
            .count();
        let kept = vs.iter().filter(|v| meets(h, v)).count();
        if all == 0 || kept >= 2 {
            out.push(**h);
        }
    }
    out.extend(vs.into_iter().copied());
    out
}

/// One run in a row (or column): `pos` is the row, `a..b` the extent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    pos: usize,
    a: usize,
    b: usize,
}

/// Long dark runs: rules at least `min_len` pixels long, bridging gaps of up to `gap`
/// light pixels (a scanned rule is rarely solid), no thicker than `max_thick` pixels (a
/// filled box or a photo is not a rule).
pub fn find_rules(img: &Gray, dpi: f64) -> Vec<Rule> {
    if img.width == 0 || img.height == 0 || !(dpi.is_finite() && dpi > 0.0) {
        return Vec::new();
    }
    let thr = img.otsu().min(170);
    let ink = |v: u8| v <= thr;
    let gap = (dpi / 100.0).ceil() as usize + 1;
    let max_thick = (dpi / 25.0).ceil() as usize + 2; // about 1 mm
    let h_min = (dpi * 0.6) as usize; // horizontal rules: at least 0.6 inch
    let v_min = (dpi * 0.3) as usize; // vertical rules: at least 0.3 inch (one table row)
    let (w, h) = (img.width, img.height);
    let mut hruns = Vec::new();
    for y in 0..h {
        let row = img.data.get(y * w..(y + 1) * w).unwrap_or_default();
        runs_in(row.iter().map(|&v| ink(v)), gap, h_min, y, &mut hruns);
    }
    let vruns = column_runs(img, &ink, gap, v_min);
    let mut out: Vec<Rule> = merge(&hruns, max_thick)
        .into_iter()
        .map(|(p, a, b)| Rule {
            x0: a as f64,
            y0: p,
            x1: b as f64,
            y1: p,
        })
        .collect();
    out.extend(merge(&vruns, max_thick).into_iter().map(|(p, a, b)| Rule {
        x0: p,
        y0: a as f64,
        x1: p,
        y1: b as f64,
    }));
    out
}

/// The dark runs of every column ([`runs_in`] down each column), column by column, read
/// row by row: a column of a page is millions of bytes apart, a row is one cache line
/// after another.
fn column_runs(img: &Gray, ink: &impl Fn(u8) -> bool, gap: usize, min_len: usize) -> Vec<Run> {
    let (w, h) = (img.width, img.height);
    // per column: where its current run starts and its last dark pixel
    let mut start: Vec<Option<usize>> = vec![None; w];
    let mut last_ink = vec![0usize; w];
    let mut out = Vec::new();
    let close = |x: usize, s: usize, last: usize, out: &mut Vec<Run>| {
        if last + 1 - s >= min_len {
            out.push(Run {
                pos: x,
                a: s,
                b: last + 1,
            });
        }
    };
    for y in 0..h {
        let row = img.data.get(y * w..(y + 1) * w).unwrap_or_default();
        for (x, (st, last)) in start.iter_mut().zip(last_ink.iter_mut()).enumerate() {
            // white beyond the image's bytes, as `Gray::get` reads it
            if ink(row.get(x).copied().unwrap_or(255)) {
                if st.is_none() {
                    *st = Some(y);
                }
                *last = y;
            } else if let Some(s) = *st {
                if y - *last > gap {
                    close(x, s, *last, &mut out);
                    *st = None;
                }
            }
        }
    }
    for (x, (st, last)) in start.iter().zip(&last_ink).enumerate() {
        if let Some(s) = *st {
            close(x, s, *last, &mut out);
        }
    }
    // column by column, down each column: the order `merge` takes them in
    out.sort_by_key(|r| (r.pos, r.a));
    out
}

/// Dark runs of one row at least `min_len` long, gaps up to `gap` bridged.
fn runs_in(
    px: impl Iterator<Item = bool>,
    gap: usize,
    min_len: usize,
    pos: usize,
    out: &mut Vec<Run>,
) {
    let mut start: Option<usize> = None;
    let mut last_ink = 0usize;
    let mut n = 0usize;
    for (i, dark) in px.enumerate() {
        n = i + 1;
        if dark {
            if start.is_none() {
                start = Some(i);
            }
            last_ink = i;
        } else if let Some(s) = start {
            if i - last_ink > gap {
                if last_ink + 1 - s >= min_len {
                    out.push(Run {
                        pos,
                        a: s,
                        b: last_ink + 1,
                    });
                }
                start = None;
            }
        }
    }
    let _ = n;
    if let Some(s) = start {
        if last_ink + 1 - s >= min_len {
            out.push(Run {
                pos,
                a: s,
                b: last_ink + 1,
            });
        }
    }
}

/// Runs of neighbouring rows that overlap become one rule at their middle row; groups
/// thicker than `max_thick` are dropped (filled areas).
fn merge(runs: &[Run], max_thick: usize) -> Vec<(f64, usize, usize)> {
    // (first pos, last pos, a, b)
    let mut open: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut done: Vec<(usize, usize, usize, usize)> = Vec::new();
    for r in runs {
        // close groups no longer adjacent
        let mut i = 0;
        while i < open.len() {
            if open.get(i).is_some_and(|g| g.1 + 1 < r.pos) {
                done.push(open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        let hit = open.iter_mut().find(|g| {
            g.1 < r.pos && {
                let ov = g.3.min(r.b).saturating_sub(g.2.max(r.a));
                ov * 2 >= (r.b - r.a).min(g.3 - g.2)
            }
        });
        match hit {
            Some(g) => {
                g.1 = r.pos;
                g.2 = g.2.min(r.a);
                g.3 = g.3.max(r.b);
            }
            None => open.push((r.pos, r.pos, r.a, r.b)),
        }
    }
    done.extend(open);
    done.into_iter()
        .filter(|g| g.1 - g.0 < max_thick)
        .map(|g| ((g.0 + g.1) as f64 / 2.0 + 0.5, g.2, g.3))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 400×300 page at 100 dpi with a 2-row table grid and some "text" specks.
    fn grid() -> Gray {
        let mut g = Gray::new(400, 300);
        let mut dark = |x: usize, y: usize| {
            if let Some(p) = g.data.get_mut(y * 400 + x) {
                *p = 10;
            }
        };
        for &y in &[50usize, 100, 150] {
            for x in 40..360 {
                for t in 0..2 {
                    dark(x, y + t);
                }
            }
        }
        for &x in &[40usize, 120, 359] {
            for y in 50..152 {
                dark(x, y);
            }
        }
        // a letter-sized blob that is no rule
        for y in 200..215 {
            for x in 60..70 {
                dark(x, y);
            }
        }
        g
    }

    #[test]
    fn grid_rules_found_and_text_ignored() {
        let rules = find_rules(&grid(), 100.0);
        let hs: Vec<&Rule> = rules.iter().filter(|r| r.y0 == r.y1).collect();
        let vs: Vec<&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
        assert_eq!(hs.len(), 3, "{rules:?}");
        assert_eq!(vs.len(), 3, "{rules:?}");
        assert!(hs.iter().all(|r| r.x0 <= 41.0 && r.x1 >= 359.0));
        assert!(hs.iter().any(|r| (r.y0 - 101.0).abs() < 1.5));
        assert!(vs.iter().all(|r| r.y0 <= 51.0 && r.y1 >= 150.0));
    }

    #[test]
    fn a_framed_box_is_no_table_but_a_grid_is() {
        let grid = find_rules(&grid(), 100.0);
        assert_eq!(table_rules(&grid, 100.0).len(), 6);
        let b = |x0: f64, y0: f64, x1: f64, y1: f64| Rule { x0, y0, x1, y1 };
        let stamp = vec![
            b(10.0, 10.0, 200.0, 10.0),
            b(10.0, 90.0, 200.0, 90.0),
            b(10.0, 10.0, 10.0, 90.0),
            b(200.0, 10.0, 200.0, 90.0),
            b(300.0, 400.0, 500.0, 400.0),
        ];
        assert_eq!(table_rules(&stamp, 100.0), vec![stamp[4]]);
    }

    #[test]
    fn column_runs_are_the_runs_down_each_column() {
        // broken strokes, specks and runs that reach the bottom edge
        let (w, h) = (23, 61);
        let data: Vec<u8> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let dark = (x % 5 == 1 && (y * 7 + x) % 11 != 0)
                    || (x % 7 == 3 && y > 40)
                    || (x * y) % 13 == 4;
                if dark {
                    30
                } else {
                    240
                }
            })
            .collect();
        let img = Gray::from_data(w, h, data).unwrap();
        let ink = |v: u8| v <= 128;
        for (gap, min_len) in [(0, 3), (1, 5), (2, 10), (3, 30)] {
            let mut by_hand = Vec::new();
            for x in 0..w {
                let col = (0..h).map(|y| ink(img.get(x, y)));
                runs_in(col, gap, min_len, x, &mut by_hand);
            }
            let got = column_runs(&img, &ink, gap, min_len);
            assert!(!got.is_empty());
            assert_eq!(got, by_hand, "gap {gap}, min {min_len}");
        }
    }

    #[test]
    fn a_filled_box_is_not_a_rule() {
        let mut g = Gray::new(300, 300);
        for y in 50..150 {
            for x in 50..250 {
                g.data[y * 300 + x] = 0;
            }
        }
        assert!(find_rules(&g, 100.0).is_empty());
        assert!(find_rules(&Gray::new(0, 0), 100.0).is_empty());
    }
}
