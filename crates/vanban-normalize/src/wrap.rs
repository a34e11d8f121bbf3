//! Line-wrap repair: decide, for each pair of neighbouring lines, whether the second
//! continues the first's sentence (join with a space), continues a document symbol split by
//! the wrap (join without a space), or starts a new block (keep the break).

use regex::Regex;
use std::sync::OnceLock;

/// How two lines are put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Keep the line break.
    Break,
    /// Join with one space.
    Space,
    /// Join without a space (a symbol such as `20-NQ/TW` split by the wrap).
    Glue,
}

/// Issuer codes that end document symbols; used to tell a symbol cut inside its last part
/// ("20-NQ/T" + "W") from a complete one followed by a capitalised word.
pub const SYMBOL_CODES: &[&str] = &[
    "TW", "TU", "HU", "ĐU", "QU", "ĐĐ", "BCSĐ", "BCS", "CP", "TTg", "QH", "UBND", "HĐND", "UBTVQH",
    "VPCP", "BCT", "BTC", "BNV", "BCA", "BQP", "BYT", "BXD", "BTP", "BKHĐT", "BNNPTNT", "BNN",
    "BGDĐT", "BTTTT", "BTNMT", "BGTVT", "BLĐTBXH", "BVHTTDL", "BKHCN", "BNG", "UBDT", "NHNN",
    "TANDTC", "VKSNDTC", "KTNN", "MTTQ", "LMHTX", "LMHTXVN", "TTCP", "BTGTW", "BTCTW", "BDVTW",
    "BKTTW", "VPTW", "ĐUK", "TWĐTN", "SKHĐT", "STC", "SNN", "SNV",
];

/// Words a Vietnamese sentence, heading or title never ends with: a line ending in one of
/// them goes on in the next line.
pub const OPEN_ENDINGS: &[&str] = &[
    "của", "và", "với", "về", "các", "những", "cho", "tại", "theo", "trong", "để", "từ", "đến",
    "do", "bằng", "hoặc", "nhằm", "thuộc", "giữa", "vào", "mà", "thì", "hay",
];

/// Capitalised nouns that run on inside sentences of administrative writing (document
/// kinds, bodies, "Nhân dân"): a line starting with one of them after a numbered item is
/// the item's continuation, not a new paragraph.
pub const RUN_ON_NOUNS: &[&str] = &[
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Kết luận",
    "Thông tư",
    "Chương trình",
    "Kế hoạch",
    "Luật",
    "Hiến pháp",
    "Đề án",
    "Ban",
    "Bộ",
    "Sở",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Đảng",
    "Nhà nước",
    "Chính phủ",
    "Thủ tướng",
    "Quốc hội",
    "Mặt trận",
    "Tổ quốc",
    "Nhân dân",
    "Trung ương",
    "Liên minh",
    "Hợp tác xã",
    "HTX",
    "KTTT",
    "Việt Nam",
    "Ngân hàng",
    "Cục",
    "Chi cục",
    "Văn phòng",
    "Hội",
];

/// Document kinds that a name follows ("… theo quy định của Luật" + "Tổ chức chính quyền
/// địa phương"): a line ending in one, unpunctuated, goes on with the name.
const KIND_ENDINGS: &[&str] = &[
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Hiến pháp",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
];

fn ends_with_kind_word(s: &str) -> bool {
    let t = s.trim_end();
    KIND_ENDINGS.iter().any(|k| {
        t.strip_suffix(k)
            .is_some_and(|r| r.is_empty() || r.ends_with(' '))
    })
}

fn last_word(s: &str) -> &str {
    s.trim_end().rsplit(' ').next().unwrap_or("")
}

fn starts_with_run_on_noun(s: &str) -> bool {
    RUN_ON_NOUNS.iter().any(|n| {
        s.starts_with(n)
            && s[n.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// What the wrap-repair needs to know about the document as a whole.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Typical full-line width in chars (a line at least ~70% of it was wrapped).
    pub width: usize,
    /// True when blank lines carry paragraph information (not an extraction artefact).
    pub blank_lines_meaningful: bool,
}

/// Patterns joined into one alternation: one lazy-DFA pass per line (a `RegexSet` with
/// Unicode classes falls back to the slower PikeVM).
fn compile(patterns: &[&str]) -> Regex {
    let alt = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&vanban_model::ascii_digits(&alt)).expect("built-in patterns are valid")
}

fn structural_set() -> &'static Regex {
    static S: OnceLock<Regex> = OnceLock::new();
    S.get_or_init(|| {
        compile(&[
            r"^[IVXLC]{1,6}\s*[\.\-–:]\s",           // I. II- roman headings
            r"^\d{1,2}(\.\d{1,2})*\.\s+\S",          // 1. 1.1. numbered
            r"^\d{1,2}(\.\d{1,2})+\.?\s+\p{Lu}",     // 1.1 Heading
            r"^[a-zđ]\)\s",                          // a) đ)
            r"^[a-zđ]\d{1,2}\)\s", // a1) c2) đ3): points of a point in legal texts
            r"^\((?:[ivx]{1,5}|\d{1,2}|[a-zđ])\)\s", // (i) (ii) (1) (a)
            r"^[“\x22](?:Điều|Chương|Mục)\s+(?:[0-9]+|[IVXLC]+)[a-zđ]?[.:\s]", // a quoted article of an amending law
            r"^\d{1,2}\)\s",                                                   // 1)
            r"^[-+•–—*▪●◦■□]\s*(\p{Lu}|\d|$)", // bullets before a capital
            r"^(Chương|Điều|Mục|Phần|CHƯƠNG|ĐIỀU|MỤC|PHẦN)\s+([0-9]+|[IVXLC]+)([\s.,:;)/–-]|$)",
            r"^(Căn cứ|Thực hiện|Xét|Theo đề nghị|Nơi nhận)([\s.,:;)/–-]|$)",
            r"^(Phụ lục|PHỤ LỤC|Biểu|BIỂU)\s+([0-9]+|[IVXLC]+)([\s.,:;)/–-]|$)",
            r"^\|", // table rows
            r"^Số\s*:",
            r"^Độc lập\s*[-–]\s*Tự do",
            r"^(KT|TM|T/M|TL|TUQ|Q)\.?\s+\p{Lu}",
            r"^[^,\d]+,\s*ngày[\s\d][^\n]*?năm\s+\d{4}\s*$", // place, date line
        ])
    })
}

/// Lines that stand alone: the document header and signature blocks, headings.
fn standalone_set() -> &'static Regex {
    static S: OnceLock<Regex> = OnceLock::new();
    S.get_or_init(|| {
        compile(&[
            r"^Số\s*:",
            r"^Độc lập\s*[-–]\s*Tự do",
            r"^[^,\d]+,\s*ngày[\s\d][^\n]*?năm\s+\d{4}\s*$",
            // the signing formula of treaties and contracts ("Làm tại Hà Nội ngày 22 tháng
            // 11 năm 1994"), its own line even when the line before ends with a comma
            r"^Làm tại\s[^\n]{1,60}?ngày\s*\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
            r"^Nơi nhận\s*:?\s*$",
            r"^\|",
        ])
    })
}

fn is_item_start(line: &str) -> bool {
    let mut cs = line.chars();
    match (cs.next(), cs.next(), cs.next(), cs.next()) {
        (Some('-' | '+' | '•' | '–'), Some(' '), _, _)
        | (Some('a'..='z' | 'đ'), Some(')'), Some(' '), _) => true,
        // "a1) ", "(i) "
        (Some('a'..='z' | 'đ'), Some(d), Some(')'), Some(' ')) => d.is_ascii_digit(),
        (Some('('), Some('i' | 'v' | 'x' | 'a'..='h' | 'đ' | '0'..='9'), _, _) => {
            is_structural_start(line)
        }
        _ => false,
    }
}

/// An article heading of a legal text on its own line ("Điều 3. Nguyên tắc hỗ trợ"):
/// unpunctuated and short of a full line (a full line is a wrap); the sentence under it is
/// a new paragraph.
fn is_article_heading(line: &str, width: usize) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"^Điều \d{1,3}[a-zđ]?\.\s+\p{Lu}",
        ))
        .expect("valid")
    });
    let n = line.chars().count();
    re.is_match(line)
        && n * 100 < width * 90
        && !ends_terminal(line)
        && !line.ends_with(',')
        && !OPEN_ENDINGS.contains(&last_word(line))
}

/// A "Place, ngày … năm …" line: its comma comes within the first 42 chars (the place).
fn date_line_gate(line: &str) -> bool {
    line.char_indices()
        .take(42)
        .any(|(i, c)| c == ',' && line[i + 1..].trim_start().starts_with("ngày"))
}

/// True when a line starts a new block whatever the line before it says.
pub fn is_structural_start(line: &str) -> bool {
    let mut it = line.chars();
    let (Some(first), second) = (it.next(), it.next()) else {
        return false;
    };
    // cheap gate: only these first chars can open a structural line (the patterns below),
    // apart from a "Place, ngày … năm …" date line
    let gate = match first {
        'a'..='z' | 'đ' => second == Some(')') || second.is_some_and(|c| c.is_ascii_digit()),
        '0'..='9'
        | '|'
        | '-'
        | '+'
        | '•'
        | '–'
        | '—'
        | '*'
        | '▪'
        | '●'
        | '◦'
        | '■'
        | '□'
        | '('
        | '“'
        | '"' => true,
        'I' | 'V' | 'X' | 'L' | 'C' | 'Đ' | 'M' | 'P' | 'T' | 'N' | 'B' | 'S' | 'K' | 'Q' => true,
        _ => false,
    };
    if !gate && !date_line_gate(line) {
        return false;
    }
    let head: &str = match line.char_indices().nth(60) {
        Some((b, _)) => &line[..b],
        None => line,
    };
    structural_set().is_match(head)
}

/// True when the line is (nearly) all capitals: a heading or header-block line.
pub fn is_all_caps(line: &str) -> bool {
    let (mut up, mut low) = (0usize, 0usize);
    for c in line.chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
            if low * 10 > up + 10 {
                return false;
            }
        }
    }
    up >= 4 && low * 10 <= up && line.split_whitespace().count() >= 2 || (up >= 6 && low == 0)
}

/// The lines of an e-signature stamp ("Ký bởi: Bộ Công Thương", "Cơ quan: …", "Thời gian
/// ký: 02.04.2026 14:24:26 +07:00"): they stand alone wherever the stamp lands.
fn is_signature_stamp(line: &str) -> bool {
    ["Ký bởi:", "Người ký:", "Cơ quan:", "Thời gian ký:"]
        .iter()
        .any(|p| line.starts_with(p))
}

/// The enacting line of a decision, resolution or directive ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:",
/// "CHỈ THỊ:"): a few capitalised words and a colon, printed on its own line under the
/// preamble, whose last line ends with a comma ("Theo đề nghị của Cục trưởng …,").
fn is_enacting_line(line: &str) -> bool {
    let Some(words) = line.trim().strip_suffix(':') else {
        return false;
    };
    let n = words.split_whitespace().count();
    (1..=3).contains(&n) && words.chars().all(|c| c.is_uppercase() || c == ' ')
}

/// The enacting formula of a legal document: its issuer, "ban hành" and its kind ("Quốc
/// hội ban hành Luật Kinh tế tập thể.", "Chính phủ ban hành Nghị định quy định …").
fn is_enacting_formula(line: &str) -> bool {
    const KINDS: &[&str] = &[
        "Luật ",
        "Bộ luật ",
        "Pháp lệnh ",
        "Nghị quyết ",
        "Nghị định ",
        "Thông tư ",
        "Quyết định ",
        "Chỉ thị ",
    ];
    if !line.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let head = match line.char_indices().nth(80) {
        Some((b, _)) => line.get(..b).unwrap_or(line),
        None => line,
    };
    head.match_indices(" ban hành ").any(|(i, m)| {
        let after = line.get(i + m.len()..).unwrap_or_default();
        // the issuer before it is a body: a few capitalised words
        let issuer = line.get(..i).unwrap_or_default();
        KINDS.iter().any(|k| after.starts_with(k))
            && issuer.split_whitespace().count() <= 12
            && !issuer.contains([',', ';', ':'])
    })
}

/// "Kính gửi", marks aside (OCR reads "Kinh gửi").
fn is_salutation(line: &str) -> bool {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let head: String = line
        .chars()
        .take(8)
        .collect::<String>()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    head == "kinh gui"
}

fn is_standalone(line: &str) -> bool {
    if is_signature_stamp(line) {
        return true;
    }
    let gate = matches!(line.chars().next(), Some('S' | 'Đ' | 'N' | 'L' | '|'))
        || line.contains(", ngày")
        || line.contains(",ngày");
    if gate {
        let head: &str = match line.char_indices().nth(120) {
            Some((b, _)) => &line[..b],
            None => line,
        };
        if standalone_set().is_match(head) {
            return true;
        }
    }
    is_table_header_line(line)
}

/// Column names of task and target tables.
pub const HEADER_WORDS: &[&str] = &[
    "STT",
    "TT",
    "Nhiệm vụ",
    "Nội dung",
    "Đơn vị",
    "Cơ quan",
    "chủ trì",
    "phối hợp",
    "Kết quả",
    "Thời gian",
    "Thời hạn",
    "Ghi chú",
    "Sản phẩm",
    "Chỉ tiêu",
    "Mục tiêu",
    "Cấp trình",
];

/// A table header written out as one line ("STT Nhiệm vụ Đơn vị chủ trì Kết quả").
///
/// ```
/// assert!(vanban_normalize::wrap::is_table_header_line("STT Nhiệm vụ Đơn vị chủ trì Kết quả"));
/// assert!(!vanban_normalize::wrap::is_table_header_line("Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở thực hiện nhiệm vụ"));
/// ```
pub fn is_table_header_line(line: &str) -> bool {
    let n = line.chars().count();
    if !(8..=160).contains(&n) {
        return false;
    }
    let first = line.split_whitespace().next().unwrap_or("");
    if !matches!(first, "STT" | "TT" | "Số TT") {
        return false;
    }
    HEADER_WORDS.iter().filter(|w| line.contains(*w)).count() >= 3
}

/// Last char, ignoring closing quotes and brackets.
fn last_meaningful(line: &str) -> Option<char> {
    line.trim_end()
        .chars()
        .rev()
        .find(|c| !matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | ']' | '*'))
}

/// True when the line ends a sentence or a clause that may end a paragraph.
pub fn ends_terminal(line: &str) -> bool {
    matches!(
        last_meaningful(line),
        Some('.' | ';' | ':' | '!' | '?' | '…')
    )
}

fn symbol_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"^\d{1,5}(/\d{4})?[-/][\p{L}Đđ]+([-/][\p{L}Đđ]+\d*)*$",
        ))
        .expect("valid")
    })
}

fn numbered_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&vanban_model::ascii_digits(
            r"^(\d{1,2}(\.\d{1,2})*\.|[IVXLC]{1,6}\.)\s",
        ))
        .expect("valid")
    })
}

fn last_segment(tok: &str) -> &str {
    tok.rsplit(['/', '-']).next().unwrap_or(tok)
}

fn is_code(seg: &str) -> bool {
    SYMBOL_CODES.contains(&seg)
        || (seg.starts_with("QH") && seg.len() > 2 && seg[2..].chars().all(|c| c.is_ascii_digit()))
}

/// Does the wrap cut a document symbol? `prev_tail` is the last token of the previous line,
/// `next_head` the first token of the next line.
///
/// ```
/// use vanban_normalize::wrap::splits_symbol;
/// assert!(splits_symbol("20-", "NQ/TW"));
/// assert!(splits_symbol("09/NQ-", "CP;"));
/// assert!(splits_symbol("20-NQ/T", "W"));
/// assert!(splits_symbol("251/KH-UB", "ND"));
/// assert!(!splits_symbol("09/NQ-CP", "UBND"));
/// assert!(!splits_symbol("tế", "Xã"));
/// ```
pub fn splits_symbol(prev_tail: &str, next_head: &str) -> bool {
    let head = next_head.trim_end_matches([',', ';', '.', ':', ')', '”', '"']);
    if head.is_empty() || !prev_tail.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let first = head.chars().next().unwrap_or(' ');
    if prev_tail.ends_with('-') || prev_tail.ends_with('/') {
        // "20-" + "NQ/TW", "09/NQ-" + "CP"
        let joined = format!("{prev_tail}{head}");
        return first.is_uppercase() && symbol_re().is_match(&joined);
    }
    // cut without a hyphen inside the last part: the join must complete a known code
    if !symbol_re().is_match(prev_tail) || is_code(last_segment(prev_tail)) {
        return false;
    }
    let joined = format!("{prev_tail}{head}");
    symbol_re().is_match(&joined)
        && is_code(last_segment(&joined))
        && head.chars().all(|c| c.is_alphanumeric())
}

fn first_char(line: &str) -> Option<char> {
    line.chars().next()
}

/// What the wrap repair needs to know about one line, computed once per line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineInfo {
    /// Length in chars.
    pub chars: usize,
    /// Starts a new block whatever precedes it.
    pub structural: bool,
    /// Stands alone (header block lines, table rows, table header lines).
    pub standalone: bool,
    /// All capitals.
    pub all_caps: bool,
    /// Starts with a section number ("4.", "II.").
    pub numbered: bool,
    /// Starts with a bullet or a lettered item ("- ", "+ ", "a) "): a list item, whose
    /// further sentences stay in it until the next marker.
    pub item: bool,
    /// Starts with "Điều N." (an article of a legal text).
    pub article: bool,
}

impl LineInfo {
    /// Classify a line.
    ///
    /// ```
    /// let i = vanban_normalize::wrap::LineInfo::of("II. MỤC TIÊU");
    /// assert!(i.structural && i.all_caps && i.numbered);
    /// ```
    pub fn of(line: &str) -> Self {
        Self::with_chars(line, line.chars().count())
    }

    /// Classify a line whose length in chars is already known.
    pub fn with_chars(line: &str, chars: usize) -> Self {
        LineInfo {
            chars,
            structural: is_structural_start(line),
            standalone: is_standalone(line),
            all_caps: is_all_caps(line),
            numbered: numbered_re().is_match(line),
            item: is_item_start(line),
            article: line.starts_with("Điều "),
        }
    }
}

/// Decide how `next` follows `prev`, separated by `gap` blank lines. `prev_tail` is the last
/// physical line of `prev` (what the wrap width applies to; `prev` may hold several lines
/// joined already).
pub fn decide(prev: &str, prev_tail: &str, next: &str, gap: usize, ctx: &Context) -> Join {
    let first_line = prev
        .get(..prev.len() - prev_tail.len())
        .filter(|s| !s.is_empty())
        .unwrap_or(prev);
    decide_with(
        &LineInfo::of(first_line),
        &LineInfo::of(prev_tail),
        prev_tail,
        &LineInfo::of(next),
        next,
        gap,
        ctx,
    )
}

/// [`decide`] on lines already classified: `head` is the info of `prev`'s first line,
/// `tail` of its last physical line `prev`.
pub fn decide_with(
    head: &LineInfo,
    tail: &LineInfo,
    prev: &str,
    ni: &LineInfo,
    next: &str,
    gap: usize,
    ctx: &Context,
) -> Join {
    let prev_tail_len = tail.chars;
    let next_structural = ni.structural;
    let (Some(next_first), Some(prev_last)) = (first_char(next), prev.chars().last()) else {
        return Join::Break;
    };
    // a symbol cut by the wrap
    if prev_last.is_ascii_alphanumeric() || matches!(prev_last, '-' | '/' | 'Đ') {
        let prev_tok = prev.rsplit(' ').next().unwrap_or(prev);
        let next_head = next.split(' ').next().unwrap_or(next);
        if splits_symbol(prev_tok, next_head) {
            return Join::Glue;
        }
    }
    if tail.standalone || ni.standalone {
        return Join::Break;
    }
    // a letter's salutation opens its own line (its recipients may wrap on after it)
    if is_salutation(next) {
        return Join::Break;
    }
    if tail.all_caps {
        // a capitalised heading wrapped over two lines
        let heading_goes_on = ni.all_caps
            && !ends_terminal(prev)
            && prev_tail_len * 10 >= ctx.width * 7
            && !next_structural;
        return if heading_goes_on {
            Join::Space
        } else {
            Join::Break
        };
    }
    if ni.all_caps && (!prev.ends_with(',') || is_enacting_line(next)) {
        return Join::Break;
    }
    // a lone bullet or dash line carries the next line
    if matches!(prev.trim(), "-" | "+" | "•" | "–") && !next_structural {
        return Join::Space;
    }
    if ends_terminal(prev) {
        // inside a list item, a sentence that ended at a full line goes on with the next
        // sentence: a new item would have its own marker
        let full = prev_tail_len * 100 >= ctx.width * 90;
        let capitalised =
            next_first.is_uppercase() && next.chars().nth(1).is_some_and(|c| c.is_lowercase());
        if head.item
            && full
            && capitalised
            && last_meaningful(prev) == Some('.')
            && !next_structural
            && !(gap > 0 && ctx.blank_lines_meaningful)
        {
            return Join::Space;
        }
        // the enacting formula closes the preamble on its own line ("Căn cứ …;" then
        // "Quốc hội ban hành Luật …", "Chính phủ ban hành Nghị định …")
        if last_meaningful(prev) == Some(';') && is_enacting_formula(next) {
            return Join::Break;
        }
        // a clause after ";" or ":" may go on in lower case; a sentence after "." may not
        let clause = matches!(last_meaningful(prev), Some(';' | ':'));
        let continues = clause && !next_structural && !(gap > 0 && ctx.blank_lines_meaningful);
        // "… như sau: Nghiên cứu …" wrapped after the colon of a full line
        if continues && (next_first.is_lowercase() || next_first == '(' || full) {
            return Join::Space;
        }
        return Join::Break;
    }
    if next_structural {
        return Join::Break;
    }
    // "Điều 1. Phạm vi điều chỉnh" over its first sentence
    if head.article && is_article_heading(prev, ctx.width) && next_first.is_uppercase() {
        return Join::Break;
    }
    let mut next_chars = next.chars().skip(1);
    let (n1, n2) = (next_chars.next(), next_chars.next());
    let strong = next_first.is_lowercase()
        || prev_last == ','
        || OPEN_ENDINGS.contains(&last_word(prev))
        || ends_with_kind_word(prev)
        || prev.ends_with(" -")
        || prev.ends_with(" –")
        || next_first == '('
        || (next_first == '-' && n1 == Some(' ') && n2.is_some_and(|c| c.is_lowercase()));
    if strong {
        return Join::Space;
    }
    if gap > 0 && ctx.blank_lines_meaningful {
        return Join::Break;
    }
    if next_first.is_ascii_digit() || matches!(next_first, '%' | '"' | '“' | '‘' | '\'') {
        return Join::Space;
    }
    // a numbered heading on one line ("4. Nâng cao hiệu lực … đối với KTTT") before a capital
    let capitalised_word = next_first.is_uppercase() && n1.is_some_and(|c| c.is_lowercase());
    if head.numbered && capitalised_word && !starts_with_run_on_noun(next) {
        return Join::Break;
    }
    // a capital after an unterminated line: a wrap when the line was full
    if prev_tail_len * 10 >= ctx.width * 7 {
        Join::Space
    } else {
        Join::Break
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: Context = Context {
        width: 80,
        blank_lines_meaningful: false,
    };

    fn d(prev: &str, next: &str, gap: usize, ctx: &Context) -> Join {
        decide(prev, prev, next, gap, ctx)
    }

    #[test]
    fn lowercase_continues() {
        assert_eq!(
            d(
                "Thực hiện Nghị quyết số 134/NQ-CP ngày 25/9/2020 của Chính phủ",
                "ban hành Chương trình",
                1,
                &CTX
            ),
            Join::Space
        );
    }

    #[test]
    fn structural_starts_break() {
        for n in [
            "I. MỤC ĐÍCH",
            "1. Mục đích",
            "1.1. Mục tiêu",
            "a) Đến năm 2030:",
            "- Tăng cường",
            "+ Hỗ trợ",
            "Điều 5. Hiệu lực",
            "Căn cứ Luật",
            "| 1 | x |",
        ] {
            assert_eq!(d("đoạn văn chưa kết thúc dài dài dài dài dài dài dài dài dài dài dài dài dài dài", n, 0, &CTX), Join::Break, "{n}");
        }
    }

    #[test]
    fn a_salutation_opens_its_own_line() {
        // a letter's subject ran on to the page's edge; "Kính gửi:" is not its continuation
        let subject = "Công văn số 01/TTr-CT05 ngày 07/5/2026 của Công ty Cổ phần đầu tư phát triển Đô thị và Khu công nghiệp";
        assert_eq!(d(subject, "Kính gửi: Sở Công Thương", 0, &CTX), Join::Break);
        assert_eq!(d(subject, "Kinh gửi: Sở Công Thương", 0, &CTX), Join::Break);
        assert_eq!(d(subject, "KÍNH GỬI: SỞ CÔNG THƯƠNG", 0, &CTX), Join::Break);
        // the recipients wrapped after it go on
        assert_ne!(
            d(
                "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố",
                "trực thuộc Trung ương",
                0,
                &CTX
            ),
            Join::Break
        );
    }

    #[test]
    fn treaty_signing_line_stands_alone() {
        // OCR read the sentence's last "." as ","; the signing formula is still its own line
        let body = "sẽ có hiệu lực từ khi trao đổi văn bản,";
        let sign = "Làm tại Hà nội ngày 22 tháng 11 năm 1994";
        assert_eq!(d(body, sign, 0, &CTX), Join::Break);
        // "Làm tại" opening running text is not the formula
        assert_ne!(
            d(body, "Làm tại chỗ các công việc sau đây", 0, &CTX),
            Join::Break
        );
    }

    #[test]
    fn signature_stamp_lines_stand_alone() {
        let body = "cấp Giấy phép vận chuyển hàng nguy hiểm loại 1, loại";
        for stamp in [
            "Ký bởi: Bộ Công Thương",
            "Cơ quan: Bộ Công thương",
            "Thời gian ký: 02.04.2026 14:24:26 +07:00",
        ] {
            assert_eq!(d(body, stamp, 0, &CTX), Join::Break, "{stamp}");
            assert_eq!(
                d(stamp, "2, loại 3, loại 4", 0, &CTX),
                Join::Break,
                "{stamp}"
            );
        }
    }

    #[test]
    fn legal_list_items_and_quoted_articles_start_paragraphs() {
        let prev = "b) Có trọng tâm, trọng điểm, trong đó các hợp tác xã được ưu tiên gồm có";
        for n in [
            "b1) Ưu tiên hợp tác xã nông nghiệp",
            "c2) Hệ thống truy xuất nguồn gốc",
            "đ3) Có kho bảo quản đạt tiêu chuẩn.",
            "(i) Đào tạo tập trung;",
            "(ii) Đào tạo trực tuyến;",
            "“Điều 30. Điều kiện trở thành thành viên chính thức",
        ] {
            assert_eq!(d(prev, n, 0, &CTX), Join::Break, "{n}");
        }
        assert!(LineInfo::of("đ3) Có kho").item);
        assert!(LineInfo::of("(ii) Đào tạo").item);
        // not a list item: a parenthesis inside a sentence, a word with a digit
        assert_eq!(
            d(
                "theo quy định tại khoản 2 Điều 5 của Luật này và các văn bản hướng dẫn",
                "(trừ trường hợp quy định tại khoản 3)",
                0,
                &CTX
            ),
            Join::Space
        );
    }

    #[test]
    fn article_heading_keeps_off_its_sentence() {
        let ctx = Context {
            width: 60,
            blank_lines_meaningful: false,
        };
        // a heading well short of the line width
        assert_eq!(
            d(
                "Điều 1. Phạm vi điều chỉnh",
                "Luật này quy định về tổ hợp tác",
                0,
                &ctx
            ),
            Join::Break
        );
        // a heading near the wrap width is still a heading when unpunctuated
        let ctx = Context {
            width: 36,
            blank_lines_meaningful: false,
        };
        assert_eq!(
            d(
                "Điều 2. Áp dụng Luật Kinh tế tập thể",
                "Việc thành lập hợp tác xã",
                0,
                &ctx
            ),
            Join::Space,
            "a full line is a wrap"
        );
        assert_eq!(
            d(
                "Điều 2. Nguyên tắc thực hiện",
                "Việc hỗ trợ bảo đảm công khai",
                0,
                &ctx
            ),
            Join::Break
        );
    }

    #[test]
    fn a_law_name_goes_on_after_its_kind_word() {
        assert_eq!(
            d(
                "2. Việc miễn, giảm chi phí tố tụng thực hiện theo quy định của Bộ luật",
                "Tố tụng dân sự và Luật Tố tụng hành chính.",
                0,
                &CTX
            ),
            Join::Space
        );
    }

    #[test]
    fn dash_before_lowercase_is_kinh_te_xa_hoi() {
        assert_eq!(
            d(
                "Gắn kết nhiệm vụ phát triển kinh tế tập thể với nhiệm vụ phát triển kinh tế",
                "- xã hội, đảm bảo",
                1,
                &CTX
            ),
            Join::Space
        );
    }

    #[test]
    fn enacting_line_keeps_off_the_preamble() {
        let ctx = CTX;
        // the preamble's last line ends with a comma; the enacting line stands alone
        for enact in ["QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "CHỈ THỊ:"] {
            assert_eq!(
                d(
                    "Theo đề nghị của Cục trưởng Cục Kinh tế hợp tác và Phát triển nông thôn,",
                    enact,
                    0,
                    &ctx
                ),
                Join::Break,
                "{enact}"
            );
        }
        // a capitalised name after a comma still goes on
        assert_ne!(
            d("phối hợp với Sở Tài chính,", "UBND TỈNH QUẢNG NAM", 0, &ctx),
            Join::Break
        );
    }

    #[test]
    fn enacting_formula_closes_the_preamble() {
        let basis = "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 203/2025/QH15;";
        for f in [
            "Quốc hội ban hành Luật Kinh tế tập thể.",
            "Chính phủ ban hành Nghị định quy định chính sách hỗ trợ hợp tác xã.",
            "Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn quản lý kinh phí.",
        ] {
            assert_eq!(d(basis, f, 0, &CTX), Join::Break, "{f}");
        }
        // another law of the same basis clause, and a lower-case clause, are no formula
        assert!(!is_enacting_formula(
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"
        ));
        assert!(!is_enacting_formula(
            "các văn bản do Chính phủ ban hành Nghị định"
        ));
    }

    #[test]
    fn terminal_punctuation_breaks() {
        assert_eq!(d("như sau:", "- Tiếp tục", 0, &CTX), Join::Break);
        assert_eq!(
            d(
                "10 năm thi hành Luật Hợp tác xã 2012;",
                "xây dựng chiến lược",
                1,
                &CTX
            ),
            Join::Space
        );
        assert_eq!(d("kinh tế tập thể.", "Nâng cao", 0, &CTX), Join::Break);
    }

    #[test]
    fn short_line_before_capital_breaks_long_line_joins() {
        assert_eq!(
            d("1. Mục tiêu tổng quát", "Phát triển kinh tế", 0, &CTX),
            Join::Break
        );
        let long = "về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể của";
        assert_eq!(d(long, "Ban Chấp hành Trung ương", 0, &CTX), Join::Space);
    }

    #[test]
    fn open_endings_and_run_on_nouns_continue() {
        assert_eq!(
            d(
                "quy định trách nhiệm của các thành viên là các cơ quan chuyên môn trong",
                "Ban Chỉ đạo đổi mới",
                0,
                &CTX
            ),
            Join::Space
        );
        assert_eq!(
            d(
                "2. Xây dựng nội dung và phương pháp tuyên truyền, phổ biến, quán triệt",
                "Nghị quyết số 20-NQ/TW phải phù hợp",
                0,
                &CTX
            ),
            Join::Space
        );
        assert_eq!(
            d(
                "4. Nâng cao hiệu lực, hiệu quả quản lý nhà nước đối với KTTT",
                "Tăng cường công tác quản lý",
                0,
                &CTX
            ),
            Join::Break
        );
    }

    #[test]
    fn list_item_goes_on_after_a_full_line_sentence() {
        let item =
            "- Các tổ chức kinh tế tập thể hoạt động có mục đích kinh tế - xã hội và nhân văn.";
        let ctx = Context {
            width: item.chars().count(),
            blank_lines_meaningful: false,
        };
        assert_eq!(
            decide(
                item,
                item,
                "Bên cạnh mục tiêu kinh tế, các tổ chức còn",
                1,
                &ctx
            ),
            Join::Space
        );
        assert_eq!(
            decide(item, item, "- Bên cạnh mục tiêu kinh tế", 1, &ctx),
            Join::Break
        );
        let plain =
            "Các tổ chức kinh tế tập thể hoạt động có mục đích kinh tế - xã hội và nhân văn.";
        assert_eq!(
            decide(
                plain,
                plain,
                "Bên cạnh mục tiêu kinh tế, các tổ chức còn",
                1,
                &ctx
            ),
            Join::Break
        );
    }

    #[test]
    fn caps_and_header_lines_stand_alone() {
        assert_eq!(
            d("ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", 0, &CTX),
            Join::Break
        );
        assert_eq!(
            d(
                "Số: 251 /KH-UBND",
                "Kiên Giang, ngày 20 tháng 10 năm 2023",
                0,
                &CTX
            ),
            Join::Break
        );
        assert_eq!(
            d("Độc lập - Tự do - Hạnh phúc", "Số: 1", 0, &CTX),
            Join::Break
        );
    }

    #[test]
    fn symbols_glue() {
        assert_eq!(
            d("Nghị quyết số 20-", "NQ/TW ngày 16/6/2022", 1, &CTX),
            Join::Glue
        );
        assert_eq!(
            d("Chương trình số 41-", "CTr/TU của Ban", 2, &CTX),
            Join::Glue
        );
        assert_ne!(
            d("theo Nghị quyết số 09/NQ-CP", "UBND tỉnh chỉ đạo", 0, &CTX),
            Join::Glue
        );
    }

    #[test]
    fn blank_lines_meaningful_keep_capital_breaks() {
        let ctx = Context {
            width: 80,
            blank_lines_meaningful: true,
        };
        let long = "Về việc tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn";
        assert_eq!(d(long, "Ủy ban nhân dân tỉnh", 1, &ctx), Join::Break);
        assert_eq!(
            d("trong đó hợp tác xã", "(HTX) là nòng cốt", 3, &ctx),
            Join::Space
        );
    }
}
