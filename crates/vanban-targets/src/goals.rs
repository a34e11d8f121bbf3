//! Goal splitter: every quantified goal of one paragraph (or table cell), with its metric,
//! unit, comparator, deadline year and period.
//!
//! One sentence can hold several goals: "khoảng 3.000 tổ hợp tác với 63.000 thành viên;
//! 700 hợp tác xã với 100.000 thành viên" is four, all "khoảng" (the cue of the first item
//! of an enumeration carries to items that have none), and the metric of "63.000 thành
//! viên" is "thành viên tổ hợp tác".

use crate::comparator::{cue_after, cue_before, Cmp};
use crate::context::{marker_end, marks, Mark};
use crate::numeral::{read_amount, word_quantity};
use crate::text::{char_before, fold, is_word_char, skip_spaces, word_at};
use crate::units::{counted_noun, per_year_suffix, times_suffix};

/// Context a paragraph is read in.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// Deadline year of the heading the paragraph sits under.
    pub year: Option<i32>,
    /// Period of the heading.
    pub period: Option<String>,
    /// Inside a goal section (every quantity is a goal); otherwise a sentence needs an
    /// explicit goal cue ("phấn đấu", "mục tiêu", "chỉ tiêu", "đến năm …").
    pub in_goal: bool,
}

/// A goal found in a paragraph; offsets are bytes into the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// Start byte of the span read.
    pub start: usize,
    /// End byte of the span read.
    pub end: usize,
    /// What is measured.
    pub metric: String,
    /// Value.
    pub value: f64,
    /// Upper bound.
    pub value_max: Option<f64>,
    /// Unit.
    pub unit: Option<String>,
    /// Comparator.
    pub cmp: Cmp,
    /// Deadline year.
    pub year: Option<i32>,
    /// Period.
    pub period: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Percent,
    PercentYear,
    Times,
    Noun(usize, usize),
    Fixed(&'static str),
}

#[derive(Debug, Clone)]
struct Q {
    /// Start of the cue, or of the number.
    start: usize,
    /// Start of the number (or of the word form).
    num: usize,
    /// End of the unit / after-cue.
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Unit,
    cmp: Option<Cmp>,
    yearly: bool,
    zero: bool,
}

/// Past-result markers: a number after these in the same clause is a result, not a goal.
const PAST: &[&str] = &[
    "đã ",
    "đạt được",
    "hiện có",
    "hiện nay",
    "tính đến",
    "so với cùng kỳ",
    "ước đạt",
    "ước thực hiện",
];
/// Explicit goal cues for sentences outside a goal section.
const GOAL_CUES: &[&str] = &["phấn đấu", "mục tiêu", "chỉ tiêu", "định hướng đến"];
/// Zero goals.
const ZERO: &[&str] = &[
    "không còn",
    "xóa bỏ hoàn toàn",
    "xoá bỏ hoàn toàn",
    "xóa hoàn toàn",
    "xoá hoàn toàn",
    "chấm dứt hoàn toàn",
];
/// Words after a zero cue that make it something other than a goal ("không còn hiệu lực").
const ZERO_STOP: &[&str] = &[
    "hiệu lực",
    "phù hợp",
    "nữa",
    "là",
    "được",
    "khả năng",
    "thời gian",
    "cần thiết",
    "đủ",
    "tồn tại",
    "áp dụng",
    "giá trị",
];

/// Read every goal of a paragraph.
///
/// ```
/// use vanban_targets::goals::{goals_in, Ctx};
/// let ctx = Ctx { year: Some(2030), in_goal: true, ..Default::default() };
/// let g = goals_in("- Toàn tỉnh có khoảng 3.000 tổ hợp tác với 63.000 thành viên", &ctx);
/// assert_eq!(g.len(), 2);
/// assert_eq!(g[1].metric, "thành viên tổ hợp tác");
/// assert_eq!(g[1].cmp.as_str(), "approx");
/// ```
pub fn goals_in(par: &str, ctx: &Ctx) -> Vec<Goal> {
    let low = fold(par);
    let body = marker_end(&low).unwrap_or(0);
    let qs = scan(par, &low, body, ctx);
    if qs.is_empty() {
        return Vec::new();
    }
    let clauses = clause_bounds(&low);
    let sentences = sentence_bounds(&low);
    let ms = marks(&low);
    let mut qs: Vec<Q> = qs
        .into_iter()
        .filter(|q| ctx.in_goal || goal_cued(&low, &sentences, &ms, q))
        .filter(|q| !past_result(&low, &clauses, q) && !in_quoted_name(&low, q.num))
        .collect();
    let links = chain(&low, &mut qs);
    let mut out = Vec::with_capacity(qs.len());
    for (k, q) in qs.iter().enumerate() {
        let (cs, ce) = bounds_of(&clauses, q.num);
        let (year, period) = year_of(&low, &ms, cs, ce, q, ctx);
        let prev = links.get(k).copied().flatten().and_then(|p| qs.get(p));
        let (metric, ms_, me_) = metric_of(par, &low, q, cs.max(body), ce, prev);
        let unit = match q.unit {
            Unit::Percent => Some("%".to_string()),
            Unit::PercentYear => Some("%/năm".to_string()),
            Unit::Times => Some("lần".to_string()),
            Unit::Noun(a, b) => par
                .get(a..b)
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
            Unit::Fixed(u) => Some(u.to_string()),
        };
        let cmp = if q.value_max.is_some() {
            Cmp::Range
        } else {
            q.cmp.unwrap_or(Cmp::Eq)
        };
        let period = if q.yearly && period.is_none() {
            Some("hàng năm".to_string())
        } else {
            period
        };
        let (mut start, mut end) = (ms_.min(q.start), me_.max(q.end).min(par.len()));
        while start < end
            && par
                .as_bytes()
                .get(start)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
        {
            start += 1;
        }
        while end > start
            && par
                .as_bytes()
                .get(end - 1)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b',')
        {
            end -= 1;
        }
        out.push(Goal {
            start,
            end,
            metric,
            value: q.value,
            value_max: q.value_max,
            unit,
            cmp,
            year,
            period,
        });
    }
    out
}

fn scan(par: &str, low: &str, from: usize, ctx: &Ctx) -> Vec<Q> {
    let b = low.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            if i == from && row_number(par, i) {
                // "1 Tỷ lệ hợp tác xã … % 60 80": a row number of a linearized table
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
            if let Some(q) = quantity_at(par, low, i) {
                i = q.end.max(i + 1);
                out.push(q);
                continue;
            }
            while i < b.len()
                && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',' || b[i] == b'/')
            {
                i += 1;
            }
            continue;
        }
        // word forms and zero goals start a word: "gấp đôi", "một nửa", "không còn", "xóa bỏ …"
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80);
        if word_start && matches!(c, b'g' | b'm' | b'k' | b'x' | b'c') {
            if let Some((v, u, len)) = word_quantity(low, i) {
                let (cmp, start) = match cue_before(low, i) {
                    Some((c, s)) => (Some(c), s),
                    None => (None, i),
                };
                let unit = Unit::Fixed(u);
                out.push(Q {
                    start,
                    num: i,
                    end: i + len,
                    value: v,
                    value_max: None,
                    unit,
                    cmp,
                    yearly: false,
                    zero: false,
                });
                i += len;
                continue;
            }
            if let Some(q) = zero_at(low, i) {
                if ctx.in_goal || sentence_has_cue(low, i) {
                    i = q.end;
                    out.push(q);
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// A bare number opening a paragraph and followed by a capitalised word ("1 Tỷ lệ …"):
/// the row number of a table that lost its columns, not a quantity.
fn row_number(par: &str, i: usize) -> bool {
    let b = par.as_bytes();
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    if b.get(j) != Some(&b' ') {
        return false;
    }
    let mut cs = par.get(j + 1..).unwrap_or("").chars();
    matches!((cs.next(), cs.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

fn quantity_at(par: &str, low: &str, i: usize) -> Option<Q> {
    let a = read_amount(low, i)?;
    let mut end = a.end;
    let mut yearly = false;
    let unit = if a.percent {
        if let Some(e) = per_year_suffix(low, end) {
            end = e;
            Unit::PercentYear
        } else {
            Unit::Percent
        }
    } else if let Some(e) = times_suffix(low, end) {
        end = e;
        Unit::Times
    } else {
        let ns = skip_spaces(low, end);
        let ne = counted_noun(low, ns)?;
        // an unknown capitalised word after a number starts something else ("… 60 Tỷ lệ")
        let mut oc = par.get(ns..).unwrap_or("").chars();
        let titled = matches!((oc.next(), oc.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase());
        if titled && !crate::units::is_known_noun(low.get(ns..ne).unwrap_or("")) {
            return None;
        }
        end = ne;
        // "02 hợp tác xã nông nghiệp/năm"
        let tail = low.get(ne..).unwrap_or("");
        let stop = tail
            .find([',', ';', '.', ':'])
            .unwrap_or(tail.len())
            .min(60);
        if tail
            .get(..stop)
            .is_some_and(|t| t.contains("/năm") || t.contains("/ năm"))
        {
            yearly = true;
        }
        Unit::Noun(ns, ne)
    };
    // "trên 1 ha", "mỗi 1 km": a rate's denominator, not a goal
    if a.value == 1.0 && a.value_max.is_none() && !a.percent {
        let w = crate::text::words_before(low, i, 1);
        if matches!(w.as_str(), "trên" | "mỗi" | "cho" | "bình")
            || crate::text::char_before(low, crate::text::skip_spaces_back(low, i)) == Some('/')
        {
            return None;
        }
    }
    let (cmp, start) = if a.value_max.is_some() {
        // "từ 70% - 85%": the span starts at "từ"
        let s = crate::text::ends_with_word(low, i, "từ").unwrap_or(i);
        (Some(Cmp::Range), s)
    } else if let Some((c, e)) = cue_after(low, end) {
        end = e;
        let s = crate::text::ends_with_word(low, i, "từ").unwrap_or(i);
        (Some(c), s)
    } else {
        match cue_before(low, i) {
            Some((c, s)) => (Some(c), s),
            None => (None, i),
        }
    };
    Some(Q {
        start,
        num: i,
        end,
        value: a.value,
        value_max: a.value_max,
        unit,
        cmp,
        yearly,
        zero: false,
    })
}

fn zero_at(low: &str, i: usize) -> Option<Q> {
    let z = ZERO.iter().find(|z| word_at(low, i, z))?;
    let ns = skip_spaces(low, i + z.len());
    if ZERO_STOP.iter().any(|w| word_at(low, ns, w)) {
        return None;
    }
    // skip "các", "những", "tình trạng"
    let mut n = ns;
    for w in ["các", "những"] {
        if word_at(low, n, w) {
            n = skip_spaces(low, n + w.len());
        }
    }
    let ne = counted_noun(low, n)?;
    Some(Q {
        start: i,
        num: i,
        end: ne,
        value: 0.0,
        value_max: None,
        unit: Unit::Noun(n, ne),
        cmp: None,
        yearly: false,
        zero: true,
    })
}

fn bounds(low: &str, seps: &[char]) -> Vec<(usize, usize)> {
    let b = low.as_bytes();
    let mut out = Vec::new();
    let mut s = 0;
    for (i, c) in low.char_indices() {
        if seps.contains(&c) {
            // "1.5", "3.000" and "1,5" are not separators; neither is "..." inside a clause
            let next = b.get(i + 1).copied();
            if c == '.' && next.is_some_and(|n| n.is_ascii_digit()) {
                continue;
            }
            out.push((s, i));
            s = i + 1;
        }
    }
    out.push((s, low.len()));
    out
}

fn clause_bounds(low: &str) -> Vec<(usize, usize)> {
    bounds(low, &[';', '.', '!', '?', ':'])
}

fn sentence_bounds(low: &str) -> Vec<(usize, usize)> {
    bounds(low, &['.', '!', '?', ';'])
}

fn bounds_of(bs: &[(usize, usize)], pos: usize) -> (usize, usize) {
    bs.iter()
        .copied()
        .find(|&(s, e)| s <= pos && pos <= e)
        .unwrap_or((0, usize::MAX))
}

fn sentence_has_cue(low: &str, i: usize) -> bool {
    let s = low
        .get(..i)
        .and_then(|h| h.rfind(['.', ';']))
        .map_or(0, |k| k + 1);
    let head = low.get(s..i).unwrap_or("");
    GOAL_CUES.iter().any(|c| head.contains(c))
}

fn goal_cued(low: &str, sentences: &[(usize, usize)], ms: &[Mark], q: &Q) -> bool {
    let (s, e) = bounds_of(sentences, q.num);
    let head = low.get(s..q.start).unwrap_or("");
    if GOAL_CUES.iter().any(|c| head.contains(c)) {
        return true;
    }
    // a deadline in the same sentence ("Đến năm 2025, 100% HTX …")
    ms.iter().any(|m| {
        m.year.is_some()
            && m.start >= s
            && m.end <= e
            && low
                .get(m.start..m.end)
                .is_some_and(|t| t.starts_with("đến") || t.starts_with("tới"))
    })
}

fn past_result(low: &str, clauses: &[(usize, usize)], q: &Q) -> bool {
    let (s, _) = bounds_of(clauses, q.num);
    let head = low.get(s..q.start).unwrap_or("");
    if PAST.iter().any(|p| head.contains(p)) {
        return true;
    }
    // a baseline in brackets: "(năm 2020 đạt 45%)"
    if let Some(open) = head.rfind('(') {
        let inner = &head[open..];
        if !inner.contains(')')
            && (inner.contains("năm 20") || inner.contains("hiện") || inner.contains("so với"))
        {
            return true;
        }
    }
    false
}

/// True inside the quoted name of a document: Đề án “Phát triển 15.000 hợp tác xã …”.
fn in_quoted_name(low: &str, pos: usize) -> bool {
    let head = low.get(..pos).unwrap_or("");
    let Some(open) = head.rfind(['“', '"', '«']) else {
        return false;
    };
    if head[open..].contains(['”', '»']) || (head[open..].matches('"').count() > 1) {
        return false;
    }
    let from = head[..open]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(b, _)| b);
    let before = &head[from..open];
    crate::context::DOC_NAMES.iter().any(|d| before.contains(d))
}

/// "tổ hợp tác" in "110.000 thành viên tổ hợp tác; 1.000 hợp tác xã": a counted noun that
/// only qualifies the previous item.
fn is_noun_modifier(words: &str) -> bool {
    let w = words.trim_end_matches([';', ',', ' ']);
    counted_noun(w, 0).is_some_and(|e| e == w.len() && crate::units::is_known_noun(w))
}

/// Link each quantity to the previous one when they form an enumeration ("3.000 tổ hợp
/// tác với 63.000 thành viên; 700 hợp tác xã …"), and carry the first item's comparator to
/// items without one when no other item states its own.
fn chain(low: &str, qs: &mut [Q]) -> Vec<Option<usize>> {
    let mut links: Vec<Option<usize>> = vec![None; qs.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for k in 0..qs.len() {
        let linked = k > 0 && {
            let p = &qs[k - 1];
            let q = &qs[k];
            !p.zero && !q.zero && q.value_max.is_none() && p.value_max.is_none() && {
                let gap = low.get(p.end..q.start).unwrap_or("x");
                let words: String = gap.chars().filter(|c| !matches!(c, ',' | ';')).collect();
                let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
                let both_counts =
                    matches!(p.unit, Unit::Noun(..)) && matches!(q.unit, Unit::Noun(..));
                // a cue before a percent belongs to its own predicate ("đạt ít nhất 29%; 80% …")
                both_counts
                    && (matches!(
                        words.as_str(),
                        "" | "với" | "và" | "cùng" | "cùng với" | "gồm"
                    ) || (both_counts && gap.contains([';', ',']) && is_noun_modifier(&words)))
            }
        };
        if linked {
            links[k] = Some(k - 1);
            if let Some(g) = groups.last_mut() {
                g.push(k);
            }
        } else {
            groups.push(vec![k]);
        }
    }
    for g in groups {
        if g.len() < 2 {
            continue;
        }
        let Some(&first) = g.first() else { continue };
        let with_cue = g.iter().filter(|&&k| qs[k].cmp.is_some()).count();
        if let Some(c) = qs[first].cmp {
            if with_cue == 1 && c != Cmp::Range {
                for &k in &g[1..] {
                    qs[k].cmp = Some(c);
                }
            }
        }
    }
    // only "với" links name the owner of the counted thing ("63.000 thành viên" of "tổ hợp tác")
    for (k, l) in links.iter_mut().enumerate() {
        if let Some(p) = *l {
            let gap = low.get(qs[p].end..qs[k].start).unwrap_or("");
            if !gap.contains("với") {
                *l = None;
            }
        }
    }
    links
}

fn year_of(
    low: &str,
    ms: &[Mark],
    cs: usize,
    ce: usize,
    q: &Q,
    ctx: &Ctx,
) -> (Option<i32>, Option<String>) {
    let with_year = |m: &&Mark| m.year.is_some();
    let in_before = ms
        .iter()
        .rev()
        .filter(with_year)
        .find(|m| m.start >= cs && m.end <= q.start);
    // after the number only a deadline counts ("… 80% vào năm 2025"); a period after it
    // usually qualifies a noun ("hộ nghèo theo chuẩn nghèo giai đoạn 2022 - 2025")
    let in_after = ms.iter().filter(with_year).find(|m| {
        m.start >= q.end
            && m.end <= ce
            && (m.period.is_none() || {
                // "đạt 7,5%/năm giai đoạn 2021 - 2025": the period right after the amount
                let gap = low.get(q.end..m.start).unwrap_or("x");
                gap.split_whitespace()
                    .all(|w| matches!(w, "," | "trong" | "cả" | "-"))
            })
    });
    let par_before = ms.iter().rev().filter(with_year).find(|m| m.end <= q.start);
    let yearly = ms
        .iter()
        .any(|m| m.year.is_none() && m.start >= cs && m.end <= ce);
    let own = in_before.or(in_after).or(par_before);
    let (year, period) = match own {
        Some(m) => (m.year, m.period.clone()),
        None => (ctx.year, ctx.period.clone()),
    };
    let year = year.or_else(|| period.as_deref().and_then(period_end));
    let period = if yearly || q.yearly {
        Some("hàng năm".to_string())
    } else {
        period
    };
    (year, period)
}

fn period_end(p: &str) -> Option<i32> {
    p.rsplit('-').next().and_then(|y| y.trim().parse().ok())
}

/// Fillers trimmed from the start of a metric.
const LEAD_FILLERS: &[&str] = &[
    "phấn đấu",
    "toàn tỉnh có",
    "toàn tỉnh",
    "trên địa bàn tỉnh",
    "bảo đảm",
    "đảm bảo",
    "thu hút",
    "trong đó có",
    "trong đó",
    "nâng",
    "đạt",
    "có",
    "thực hiện",
    "và",
    "với",
    "hoàn thành mục tiêu",
    "góp phần",
    "đưa",
    "tăng",
    "giảm",
    "số lượng",
    "các",
    "những",
    "mục tiêu",
    "chỉ tiêu",
];
/// Verbs trimmed from the end of a metric read before the number.
const TAIL_VERBS: &[&str] = &[
    "đạt",
    "chiếm",
    "là",
    "lên thành",
    "lên",
    "tăng lên",
    "tăng",
    "giảm xuống",
    "giảm còn",
    "giảm",
    "bằng",
    "ở mức",
    "còn",
    "có",
    "thành",
    "phấn đấu",
    "đạt mức",
    "đạt tỷ lệ",
    "bình quân",
    "xuống còn",
    "xuống",
];
const RATIO_WORDS: &[&str] = &["tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "tốc độ"];

fn strip_year_phrases(s: &str) -> String {
    let low = fold(s);
    let ms = marks(&low);
    let mut out = String::new();
    let mut last = 0;
    for m in ms {
        if m.year.is_some() {
            out.push_str(s.get(last..m.start).unwrap_or(""));
            last = m.end;
        }
    }
    out.push_str(s.get(last..).unwrap_or(""));
    out
}

fn tidy(s: &str) -> String {
    let s = strip_year_phrases(s);
    let mut t: &str = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '-' | ':' | '.' | '(' | '+')
    });
    loop {
        let low = fold(t);
        let mut changed = false;
        for f in LEAD_FILLERS {
            if word_at(&low, 0, f) {
                t = t[f.len()..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                changed = true;
                break;
            }
        }
        let low = fold(t);
        for v in TAIL_VERBS {
            if low.ends_with(v) && !char_before(&low, low.len() - v.len()).is_some_and(is_word_char)
            {
                t = t[..t.len() - v.len()]
                    .trim_end_matches(|c: char| c.is_whitespace() || c == ',');
                changed = true;
                break;
            }
        }
        if !changed {
            break;
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let mut out = words.iter().take(30).copied().collect::<Vec<_>>().join(" ");
    if let Some(first) = out.chars().next() {
        // lower-case the first letter unless the word is an acronym ("HTX", "KTTT")
        let second_upper = out.chars().nth(1).is_some_and(char::is_uppercase);
        if first.is_uppercase() && !second_upper {
            let rest: String = out.chars().skip(1).collect();
            out = first.to_lowercase().chain(rest.chars()).collect();
        }
    }
    out
}

/// End of the phrase after a number: clause end, a comma, or the next enumerated item.
fn phrase_end(low: &str, from: usize, ce: usize) -> usize {
    let ce = ce.min(low.len());
    let tail = low.get(from..ce).unwrap_or("");
    let mut end = ce;
    for stop in [
        ",",
        " với ",
        " và ",
        " trong đó",
        " để ",
        " nhằm ",
        " nhất là",
        " (",
        " theo ",
    ] {
        if stop == " theo "
            && !tail
                .split(" theo ")
                .skip(1)
                .any(|r| crate::context::DOC_NAMES.iter().any(|d| r.starts_with(d)))
        {
            continue;
        }
        if let Some(k) = tail.find(stop) {
            let at = from + k;
            let after = skip_spaces(low, at + stop.len());
            let next_is_num = low.as_bytes().get(after).is_some_and(u8::is_ascii_digit)
                || [
                    "trên ",
                    "khoảng ",
                    "ít nhất ",
                    "tối thiểu ",
                    "gần ",
                    "hơn ",
                    "dưới ",
                    "tối đa ",
                    "không ",
                ]
                .iter()
                .any(|c| {
                    low.get(after..).is_some_and(|r| {
                        r.starts_with(c) && r[c.len()..].starts_with(|ch: char| ch.is_ascii_digit())
                    })
                });
            let hard = matches!(
                stop,
                "," | " trong đó" | " để " | " nhằm " | " nhất là" | " (" | " theo "
            );
            if (hard || next_is_num) && at < end {
                end = at;
            }
        }
    }
    end
}

fn metric_of(
    par: &str,
    low: &str,
    q: &Q,
    cs: usize,
    ce: usize,
    prev: Option<&Q>,
) -> (String, usize, usize) {
    let ce = ce.min(low.len());
    match q.unit {
        Unit::Noun(ns, _) => {
            let pe = phrase_end(low, ns, ce);
            let mut m = tidy(par.get(ns..pe).unwrap_or(""));
            if let Some(p) = prev {
                if let Unit::Noun(pa, pb) = p.unit {
                    let owner = tidy(par.get(pa..pb).unwrap_or(""));
                    if !owner.is_empty() && !fold(&m).contains(&fold(&owner)) {
                        let single = m.split_whitespace().count() <= 2;
                        m = if single {
                            format!("{m} {owner}")
                        } else {
                            format!("{m} của {owner}")
                        };
                    }
                }
            }
            (m, ns, pe)
        }
        _ => {
            // "…đạt 70%, trong đó có bằng cấp đạt 30%": the second goal's metric starts after "trong đó"
            let sub = low.get(cs..q.start).and_then(|h| h.rfind("trong đó"));
            let cs = sub.map_or(cs, |k| cs + k + "trong đó".len());
            let before_raw = par.get(cs..q.start).unwrap_or("");
            let before_low = fold(before_raw);
            // the nearest ratio word in the clause, else the text after the last comma
            let ratio = RATIO_WORDS.iter().filter_map(|w| before_low.rfind(w)).max();
            let after_s = skip_spaces(low, q.end);
            let after_e = phrase_end(low, after_s, ce);
            let mut after = par.get(after_s..after_e).unwrap_or("");
            if fold(after).starts_with("tổng số ") {
                after = &after["tổng số ".len()..];
            }
            let after_low = fold(after);
            let after_ok = !after.trim().is_empty()
                && ![
                    "trên tổng",
                    "tổng",
                    "so với",
                    "trở",
                    "/",
                    "mỗi",
                    "năm",
                    "trên",
                    "của",
                    "trong",
                ]
                .iter()
                .any(|w| after_low.trim_start().starts_with(w));
            let percent = matches!(q.unit, Unit::Percent | Unit::Fixed("%"));
            // "X chiếm 60% tổng số …": a share of a total, the metric is X
            let after_ok = after_ok && !before_low.contains("chiếm");
            if let Some(r) = ratio {
                let m = tidy(before_raw.get(r..).unwrap_or(""));
                if !m.is_empty() {
                    return (m, cs + r, q.start);
                }
            }
            if percent && after_ok {
                let mut a = tidy(after);
                for w in ["số ", "các ", "những "] {
                    if fold(&a).starts_with(w) {
                        a = a[w.len()..].to_string();
                    }
                }
                return (format!("tỷ lệ {a}"), after_s, after_e);
            }
            let from = if sub.is_some() {
                0
            } else {
                before_raw.rfind(", ").map_or(0, |k| k + 2)
            };
            let cand = tidy(before_raw.get(from..).unwrap_or(""));
            let (cand, from) = if cand.split_whitespace().count() < 2 {
                (tidy(before_raw), 0)
            } else {
                (cand, from)
            };
            let mut m = cand;
            if percent {
                let lm = fold(&m);
                if lm.starts_with("số ") {
                    m = format!("tỷ lệ {}", &m["số ".len()..]);
                } else if !RATIO_WORDS.iter().any(|w| lm.starts_with(w)) {
                    m = if m.is_empty() {
                        "tỷ lệ".to_string()
                    } else {
                        format!("tỷ lệ {m}")
                    };
                }
            }
            if m.is_empty() && after_ok {
                m = tidy(after);
            }
            (m, cs + from, q.start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal_ctx(year: Option<i32>) -> Ctx {
        Ctx {
            year,
            in_goal: true,
            period: None,
        }
    }

    type Brief = (f64, Option<f64>, String, &'static str, Option<i32>);

    fn brief(g: &[Goal]) -> Vec<Brief> {
        g.iter()
            .map(|g| {
                (
                    g.value,
                    g.value_max,
                    g.unit.clone().unwrap_or_default(),
                    g.cmp.as_str(),
                    g.year,
                )
            })
            .collect()
    }

    #[test]
    fn six_goals_in_one_sentence() {
        let s = "- Toàn tỉnh có khoảng 3.000 tổ hợp tác với 63.000 thành viên; 700 hợp tác xã với 100.000 thành viên; 03 liên hiệp hợp tác xã với 20 hợp tác xã thành viên.";
        let g = goals_in(s, &goal_ctx(Some(2030)));
        assert_eq!(g.len(), 6, "{g:#?}");
        assert!(g
            .iter()
            .all(|g| g.cmp == Cmp::Approx && g.year == Some(2030)));
        let v: Vec<f64> = g.iter().map(|g| g.value).collect();
        assert_eq!(v, vec![3000.0, 63000.0, 700.0, 100000.0, 3.0, 20.0]);
        assert_eq!(g[1].metric, "thành viên tổ hợp tác");
        assert_eq!(g[4].unit.as_deref(), Some("liên hiệp hợp tác xã"));
        assert_eq!(g[5].unit.as_deref(), Some("hợp tác xã"));
        assert_eq!(
            g[5].metric,
            "hợp tác xã thành viên của liên hiệp hợp tác xã"
        );
    }

    #[test]
    fn own_cue_stops_carrying() {
        let s = "- Nâng tổng số hợp tác xã lên trên 800 hợp tác xã, 06 liên hiệp hợp tác xã và trên 580 tổ hợp tác.";
        let g = goals_in(s, &goal_ctx(Some(2030)));
        assert_eq!(
            brief(&g).iter().map(|b| b.3).collect::<Vec<_>>(),
            vec!["min", "eq", "min"]
        );
    }

    #[test]
    fn years_within_a_sentence() {
        let s = "- Đến năm 2025, toàn tỉnh có 80% số Hợp tác xã hoạt động hiệu quả, có 50% số hộ nông dân tham gia các tổ chức Kinh tế hợp tác; đến năm 2030, có 90% số Hợp tác xã hoạt động có hiệu quả, 70% số hộ nông dân tham gia tổ chức Kinh tế hợp tác.";
        let g = goals_in(s, &goal_ctx(None));
        let ys: Vec<_> = g.iter().map(|g| (g.value, g.year)).collect();
        assert_eq!(
            ys,
            vec![
                (80.0, Some(2025)),
                (50.0, Some(2025)),
                (90.0, Some(2030)),
                (70.0, Some(2030))
            ]
        );
        assert_eq!(g[0].metric, "tỷ lệ Hợp tác xã hoạt động hiệu quả");
    }

    #[test]
    fn ranges_rates_multiples() {
        let c = Ctx {
            year: None,
            period: Some("2021-2025".into()),
            in_goal: true,
        };
        let g = goals_in(
            "- Tăng năng lực vốn sản xuất kinh doanh bình quân từ 10 - 12%/ năm;",
            &c,
        );
        assert_eq!(
            brief(&g),
            vec![(10.0, Some(12.0), "%/năm".into(), "range", Some(2025))]
        );
        assert_eq!(g[0].period.as_deref(), Some("2021-2025"));
        let g = goals_in("- Lợi nhuận bình quân tăng trên 8%/ năm;", &c);
        assert_eq!(
            brief(&g),
            vec![(8.0, None, "%/năm".into(), "min", Some(2025))]
        );
        let g = goals_in(
            "- Thu nhập bình quân hàng năm của cán bộ và lao động trong HTX tăng 1,5 lần;",
            &c,
        );
        assert_eq!(brief(&g), vec![(1.5, None, "lần".into(), "eq", Some(2025))]);
        let g = goals_in("- Phấn đấu thành lập mới hàng năm từ 20 đến 25 HTX.", &c);
        assert_eq!(
            brief(&g),
            vec![(20.0, Some(25.0), "HTX".into(), "range", Some(2025))]
        );
        assert_eq!(g[0].period.as_deref(), Some("hàng năm"));
        let g = goals_in("- Số hợp tác xã hoạt động có lãi đến năm 2025 đạt 100%. Trong đó số HTX đạt loại khá chiếm từ 60 - 65%;", &c);
        assert_eq!(
            brief(&g),
            vec![
                (100.0, None, "%".into(), "eq", Some(2025)),
                (60.0, Some(65.0), "%".into(), "range", Some(2025))
            ]
        );
    }

    #[test]
    fn zero_goals() {
        let g = goals_in(
            "- Phấn đấu không còn hợp tác xã ngừng hoạt động.",
            &goal_ctx(Some(2045)),
        );
        assert_eq!(
            brief(&g),
            vec![(0.0, None, "hợp tác xã".into(), "eq", Some(2045))]
        );
        assert_eq!(g[0].metric, "hợp tác xã ngừng hoạt động");
        let g = goals_in(
            "- Xóa bỏ hoàn toàn nhà tạm, nhà dột nát.",
            &goal_ctx(Some(2025)),
        );
        assert_eq!(g.len(), 1);
        assert!(goals_in("các văn bản không còn hiệu lực", &goal_ctx(None)).is_empty());
        assert!(goals_in(
            "- Xử lý dứt điểm các hợp tác xã đã ngừng hoạt động.",
            &goal_ctx(Some(2030))
        )
        .is_empty());
    }

    #[test]
    fn word_forms() {
        let g = goals_in(
            "- Thu nhập của thành viên tăng gấp đôi so với năm 2020.",
            &goal_ctx(Some(2030)),
        );
        assert_eq!(brief(&g), vec![(2.0, None, "lần".into(), "eq", Some(2030))]);
        let g = goals_in("- Giảm một nửa số hộ nghèo.", &goal_ctx(Some(2030)));
        assert_eq!(brief(&g), vec![(50.0, None, "%".into(), "eq", Some(2030))]);
    }

    #[test]
    fn outside_goal_sections_needs_a_cue() {
        let c = Ctx::default();
        assert!(goals_in(
            "Năm 2023, toàn tỉnh có 120 hợp tác xã, tăng 15 hợp tác xã.",
            &c
        )
        .is_empty());
        assert!(goals_in(
            "Kế hoạch số 251/KH-UBND ngày 20/10/2023 của Ủy ban nhân dân tỉnh",
            &c
        )
        .is_empty());
        let g = goals_in("Đẩy mạnh ứng dụng công nghệ cao, phấn đấu đến năm 2025 có 116 hợp tác xã ứng dụng công nghệ cao.", &c);
        assert_eq!(
            brief(&g),
            vec![(116.0, None, "hợp tác xã".into(), "eq", Some(2025))]
        );
        assert!(goals_in(
            "Đến nay, toàn tỉnh đã có 98 hợp tác xã, phấn đấu mở rộng.",
            &c
        )
        .is_empty());
    }

    #[test]
    fn not_targets_in_goal_sections() {
        let c = goal_ctx(Some(2030));
        assert!(goals_in(
            "- Thực hiện Chiến lược phát triển giai đoạn 2021-2030 và Luật Hợp tác xã năm 2012.",
            &c
        )
        .is_empty());
        assert!(goals_in("2.1. Mục tiêu đến năm 2025", &c).is_empty());
        assert!(goals_in(
            "- Theo Điều 5 Nghị định số 45/2021/NĐ-CP ngày 31/3/2021, liên hệ 0297.3862.123.",
            &c
        )
        .is_empty());
        assert!(goals_in("- Cách mạng công nghiệp lần thứ 4, trong 5 năm tới.", &c).is_empty());
        assert!(goals_in("- Sản phẩm OCOP đạt 3 sao.", &c).is_empty());
    }
}
