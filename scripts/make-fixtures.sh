#!/usr/bin/env bash
# Render the PDF/DOCX fixtures of vanban-pdf and vanban-read (issue 6).
# Not run in CI: needs LibreOffice (`apt-get install -y libreoffice-writer-nogui`) and python3.
#
# For every fixture NAME this writes
#   fixtures/pdf/source/NAME.html           the HTML the documents were rendered from
#   fixtures/pdf/source/NAME.expected.json  the truth: paragraphs (one string each) and tables (cells)
#   fixtures/docx/NAME.docx                 soffice HTML -> DOCX
#   fixtures/pdf/NAME.pdf                   soffice DOCX -> PDF
# plus special PDFs (encrypted, owner-password only, image-only scan) in fixtures/torture/,
# and rotated copies (pypdf, `pip install pypdf`): fixtures/pdf/rotated-DEG-SOURCE.pdf is
# SOURCE.pdf with every page turned DEG degrees and the turn moved into the content stream
# (glyphs drawn rotated in user space, /Rotate 0); its expected.json is a byte copy of
# SOURCE's and it has no .html or .docx (the render loop below goes by the .html files).
# Copies by other PDF producers, so that vanban-pdf meets other internal structures; like the
# rotated copies each has a byte copy of SOURCE's expected.json and no .html or .docx:
#   fixtures/pdf/chromium-SOURCE.pdf  headless Chromium (Skia/PDF) prints source/SOURCE.html:
#                                     CID TrueType fonts (Identity-H), y-flipped matrices,
#                                     marked content. Needs `apt-get install chromium
#                                     fonts-liberation2`: Liberation Serif 1.07 (fonts-liberation)
#                                     has no Vietnamese letters, and Chromium would then draw them
#                                     in DejaVu Sans, the bold ones as Type 3 glyphs. (With
#                                     fonts-liberation2 LibreOffice, too, stops falling back to
#                                     DejaVu Serif for them: the committed LibreOffice PDFs were
#                                     made with Liberation 1.07.)
#   fixtures/pdf/gs-SOURCE.pdf        Ghostscript's pdfwrite re-distills SOURCE.pdf (the
#                                     LibreOffice one): other subsets, one text object per page,
#                                     literal strings. Needs `apt-get install ghostscript`.
# Either kind is skipped, with a message, when its program is not installed.
#
#   scripts/make-fixtures.sh                 every fixture, the torture PDFs, the rotated copies
#   scripts/make-fixtures.sh NAME...         only these fixtures (sources written and rendered),
#                                            plus the rotated and other-producer copies of the
#                                            ones rendered or named; no torture PDFs.
#                                            Re-rendering changes a committed PDF's bytes:
#                                            name only new fixtures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT_PDF="$ROOT/fixtures/pdf"
OUT_DOCX="$ROOT/fixtures/docx"
OUT_TORTURE="$ROOT/fixtures/torture"
SRC="$OUT_PDF/source"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_PDF" "$OUT_DOCX" "$OUT_TORTURE" "$SRC"
# rotated copies: NAME:SOURCE:DEGREES
ROTATED="rotated-90-header-two-column:header-two-column:90 rotated-270-table-merged-cells:table-merged-cells:270"
# copies by other producers: NAME:SOURCE:PRODUCER (chromium from SOURCE.html, gs from SOURCE.pdf)
PRODUCED="chromium-header-two-column:header-two-column:chromium chromium-table-merged-cells:table-merged-cells:chromium chromium-table-borderless:table-borderless:chromium gs-table-two-pages:table-two-pages:gs gs-header-two-column:header-two-column:gs"

ROTATED="$ROTATED" PRODUCED="$PRODUCED" python3 - "$ROOT" "$SRC" "$WORK" "$@" <<'PY'
import html, json, os, re, sys, zlib, struct
root, src, work = sys.argv[1:4]
selected = set(sys.argv[4:])   # empty: every fixture
known = {r.split(':')[0] for v in ("ROTATED", "PRODUCED") for r in os.environ.get(v, "").split()}

CSS = """<style>
@page { size: 21cm 29.7cm; margin: 2cm 1.5cm 2cm 3cm; }
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 13pt; }
p { margin: 0 0 6pt 0; text-align: justify; }
p.c { text-align: center; }
h1 { font-size: 14pt; text-align: center; font-weight: bold; margin: 12pt 0 6pt 0; }
td, th { font-size: 12pt; vertical-align: top; }
</style>"""

class Doc:
    def __init__(self, name, css=""):
        self.name = name
        self.css = css         # extra CSS for this document only, after CSS
        known.add(name)
        self.parts = []        # html fragments
        self.paragraphs = []   # expected paragraphs (also header cells, headings)
        self.tables = []       # expected tables: rows of cells, "" in spanned positions
    def p(self, text, cls=None):
        c = f' class="{cls}"' if cls else ''
        self.parts.append(f'<p{c}>{html.escape(text)}</p>')
        self.paragraphs.append(text)
    def h(self, text):
        self.parts.append(f'<h1>{html.escape(text)}</h1>')
        self.paragraphs.append(text)
    def header(self, left, right):
        """Two-column document header: list of (left, right) rows, each a list of lines."""
        rows = []
        for l, r in zip(left, right):
            lc = '<br/>'.join(f'<b>{html.escape(x)}</b>' if i == 0 else html.escape(x) for i, x in enumerate(l))
            rc = '<br/>'.join(f'<b>{html.escape(x)}</b>' if i < 2 else f'<i>{html.escape(x)}</i>' for i, x in enumerate(r))
            rows.append(f'<tr><td width="40%" align="center">{lc}</td><td width="60%" align="center">{rc}</td></tr>')
            self.paragraphs.extend(l)
            self.paragraphs.extend(r)
        self.parts.append('<table width="100%" border="0" cellspacing="0" cellpadding="2">' + ''.join(rows) + '</table>')
    def table(self, rows, header_rows=1, widths=None, border=True, align=None, cell_widths=None):
        """rows: list of rows; a cell is a str or (str, colspan, rowspan).
        widths: <col width="N%"/>, which LibreOffice 7.4's HTML import ignores (the columns come
        out near-equal); kept for the tables above so that their sources stay as committed.
        cell_widths: column widths in % put on the first row's cells, which LibreOffice keeps.
        border=False: no ruling lines at all (border="0", no CSS borders).
        align: per-column align of the body cells ("left", "center", "right"), or None."""
        # expected grid
        grid = {}
        nrows = len(rows)
        ncols = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in grid:
                    c += 1
                text, cs, rs = (cell, 1, 1) if isinstance(cell, str) else cell
                for dr in range(rs):
                    for dc in range(cs):
                        grid[(r + dr, c + dc)] = text if dr == 0 and dc == 0 else ""
                c += cs
                ncols = max(ncols, c)
        self.tables.append([[grid.get((r, c), "") for c in range(ncols)] for r in range(nrows)])
        if border:
            out = ['<table width="100%" border="1" cellspacing="0" cellpadding="4">']
        else:
            out = ['<table width="100%" border="0" cellspacing="0" cellpadding="3">']
        if widths:
            out.append(''.join(f'<col width="{w}%"/>' for w in widths))
        taken = set()   # grid positions already covered, to know each cell's column
        for r, row in enumerate(rows):
            if r == 0 and header_rows:
                out.append('<thead>')
            out.append('<tr>')
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                text, cs, rs = (cell, 1, 1) if isinstance(cell, str) else cell
                tag = 'th' if r < header_rows else 'td'
                span = (f' colspan="{cs}"' if cs > 1 else '') + (f' rowspan="{rs}"' if rs > 1 else '')
                if cell_widths and r == 0:
                    span += f' width="{sum(cell_widths[c:c + cs])}%"'
                if align and tag == 'td' and cs == 1 and align[c] != "left":
                    span += f' align="{align[c]}"'
                out.append(f'<{tag}{span}>{html.escape(text)}</{tag}>')
                for dr in range(rs):
                    for dc in range(cs):
                        taken.add((r + dr, c + dc))
                c += cs
            out.append('</tr>')
            if r == header_rows - 1 and header_rows:
                out.append('</thead><tbody>')
        out.append('</tbody></table>' if header_rows else '</table>')
        self.parts.append(''.join(out))
    def pagebreak(self):
        self.parts.append('<p style="page-break-before: always"></p>')
    def write(self):
        if selected and self.name not in selected:
            return
        body = '\n'.join(self.parts)
        css = CSS.replace('</style>', self.css + '\n</style>') if self.css else CSS
        doc = f'<!DOCTYPE html><html><head><meta charset="utf-8"/><title>{self.name}</title>{css}</head><body>\n{body}\n</body></html>\n'
        with open(os.path.join(src, self.name + '.html'), 'w', encoding='utf-8') as f:
            f.write(doc)
        with open(os.path.join(src, self.name + '.expected.json'), 'w', encoding='utf-8') as f:
            json.dump({"paragraphs": self.paragraphs, "tables": self.tables}, f, ensure_ascii=False, indent=1)

STD_HEADER = ([["ỦY BAN NHÂN DÂN", "TỈNH AN PHÚ"], ["Số: 57/KH-UBND"]],
              [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], ["An Phú, ngày 14 tháng 3 năm 2024"]])

# --- 1. two-column header + signature -------------------------------------------------
d = Doc("header-two-column")
d.header(*STD_HEADER)
d.h("KẾ HOẠCH")
d.p("Triển khai thực hiện Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ", "c")
d.p("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
d.p("Thực hiện Chương trình hành động số 41-CTr/TU ngày 07/10/2022 của Ban Chấp hành Đảng bộ tỉnh, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện với các nội dung như sau:")
d.h("I. MỤC ĐÍCH, YÊU CẦU")
d.p("1. Quán triệt sâu sắc, đầy đủ quan điểm, mục tiêu, nhiệm vụ và giải pháp đã đề ra tại Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII.")
d.p("2. Phấn đấu đến năm 2025, toàn tỉnh có khoảng 120 hợp tác xã nông nghiệp, trong đó ít nhất 30% hợp tác xã ứng dụng công nghệ cao; thu nhập bình quân của thành viên tăng 15% so với năm 2022.")
d.p("3. Các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố chủ động xây dựng kế hoạch cụ thể, báo cáo kết quả thực hiện về Sở Kế hoạch và Đầu tư trước ngày 15 tháng 12 hằng năm để tổng hợp.")
d.header([["Nơi nhận:", "- Bộ Kế hoạch và Đầu tư;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, KTTH."]],
         [["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]])
d.write()

# --- 2. table with merged cells -----------------------------------------------------
d = Doc("table-merged-cells")
d.h("PHỤ LỤC I")
d.p("Danh mục nhiệm vụ thực hiện Kế hoạch số 57/KH-UBND năm 2024", "c")
d.table([
    [("STT", 1, 2), ("Nhiệm vụ", 1, 2), ("Cơ quan", 2, 1), ("Thời gian hoàn thành", 1, 2)],
    ["Chủ trì", "Phối hợp"],
    [("I", 1, 1), ("Công tác tuyên truyền", 4, 1)],
    ["1", "Tổ chức quán triệt Nghị quyết số 20-NQ/TW đến cán bộ, đảng viên", "Sở Thông tin và Truyền thông", "Các sở, ngành", "Quý II/2024"],
    ["2", "Biên soạn tài liệu tuyên truyền về kinh tế tập thể", ("Liên minh Hợp tác xã tỉnh", 1, 2), "Sở Nông nghiệp và Phát triển nông thôn", "Năm 2024"],
    ["3", "Xây dựng chuyên mục trên báo, đài địa phương", "Đài Phát thanh và Truyền hình tỉnh", "Hằng năm"],
    [("II", 1, 1), ("Hoàn thiện cơ chế, chính sách", 4, 1)],
    ["4", "Rà soát các chính sách hỗ trợ hợp tác xã theo Nghị định số 45/2021/NĐ-CP", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Tháng 9/2024"],
    ["5", "Đề xuất cơ chế tín dụng ưu đãi cho tổ hợp tác", "Ngân hàng Nhà nước chi nhánh tỉnh", "Các tổ chức tín dụng", "2024-2025"],
], header_rows=2, widths=[7, 38, 20, 20, 15])
d.p("Ghi chú: Các cơ quan chủ trì báo cáo kết quả trước ngày 30/11/2024.")
d.write()

# --- 3. a table across two pages ----------------------------------------------------
import random
rng = random.Random(6)
AGENCIES = ["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương",
            "Liên minh Hợp tác xã tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Sở Khoa học và Công nghệ", "UBND các huyện, thành phố"]
VERBS = ["Triển khai", "Rà soát", "Tổ chức", "Hướng dẫn", "Kiểm tra", "Tổng kết", "Đánh giá", "Hỗ trợ", "Xây dựng"]
OBJS = ["mô hình hợp tác xã kiểu mới", "chính sách ưu đãi về đất đai", "chuỗi giá trị nông sản chủ lực",
        "chương trình đào tạo cán bộ quản lý", "ứng dụng chuyển đổi số trong hợp tác xã", "quỹ hỗ trợ phát triển hợp tác xã",
        "việc thực hiện Luật Hợp tác xã năm 2023", "hoạt động của tổ hợp tác", "liên kết sản xuất gắn với tiêu thụ"]
TIMES = ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Năm 2025", "Hằng năm", "2024-2025", "Tháng 6/2024", "Thường xuyên"]
def task(i):
    return [str(i), f"{rng.choice(VERBS)} {rng.choice(OBJS)}", rng.choice(AGENCIES), rng.choice(TIMES)]

d = Doc("table-two-pages")
d.h("PHỤ LỤC II")
d.p("Phân công nhiệm vụ cụ thể", "c")
d.p("Bảng dưới đây liệt kê các nhiệm vụ trọng tâm, cơ quan chủ trì và thời hạn hoàn thành.")
d.table([["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]] + [task(i) for i in range(1, 41)],
        widths=[8, 47, 27, 18])
d.p("Các cơ quan, đơn vị báo cáo kết quả thực hiện định kỳ 6 tháng và hằng năm.")
d.write()

# --- 4. a ~30-page plan ---------------------------------------------------------------
SENT = ["Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp đối với {o}",
        "Phấn đấu đến năm {y} có {n}% {o} đạt tiêu chuẩn theo quy định",
        "Nâng cao hiệu quả {o}, bảo đảm thực chất, tránh hình thức",
        "{v} {o} theo Nghị quyết số {k}/NQ-CP ngày {dd}/{mm}/2023 của Chính phủ",
        "Giao {a} chủ trì, phối hợp với các cơ quan liên quan {v2} {o}",
        "Huy động các nguồn lực xã hội, lồng ghép các chương trình mục tiêu quốc gia để {v2} {o}"]
def sentence():
    return rng.choice(SENT).format(o=rng.choice(OBJS), y=rng.choice([2025, 2030]), n=rng.randint(10, 95),
                                   v=rng.choice(VERBS), v2=rng.choice(VERBS).lower(), k=rng.randint(1, 150),
                                   dd=rng.randint(1, 28), mm=rng.randint(1, 12), a=rng.choice(AGENCIES))
def para(nsent):
    return '; '.join(sentence() for _ in range(nsent)) + '.'
d = Doc("plan-30-pages")
d.header(*STD_HEADER)
d.h("KẾ HOẠCH")
d.p("Thực hiện Chương trình phát triển kinh tế tập thể giai đoạn 2024-2030", "c")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]
for s in range(14):
    d.h(f"{ROMAN[s]}. {rng.choice(OBJS).upper()}")
    for k in range(1, 5):
        d.p(f"{k}. {para(1)}")
        for letter in "abcd":
            d.p(f"{letter}) {para(rng.randint(1, 3))}")
        d.p(f"- {para(2)}")
    if s in (3, 7, 11):
        d.table([["STT", "Chỉ tiêu", "Cơ quan chủ trì", "Thời gian"]] + [task(i) for i in range(1, 13)], widths=[8, 47, 27, 18])
d.p("Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo Ủy ban nhân dân tỉnh (qua Sở Kế hoạch và Đầu tư) để xem xét, giải quyết.")
d.write()

# --- 5. corpus documents -------------------------------------------------------------
MARK = re.compile(r'^([-+•]\s|[a-zđ]\)\s|\d+(\.\d+)*[.)]\s|[IVX]+\.\s|\*\*|Căn cứ|Thực hiện|Điều \d)')
def corpus_paragraphs(text):
    """Lines of a PDF-extracted text back into paragraphs: a paragraph ends at . ; : or before a list marker."""
    paras, cur = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if cur and (MARK.match(line) or line.isupper() or cur.isupper() or re.search(r'[.;:!?]$', cur)):
            paras.append(cur)
            cur = ""
        cur = (cur + " " + line).strip() if cur else line
    if cur:
        paras.append(cur)
    return paras

def continuation(p):
    """A paragraph of the source text that is really the rest of the previous one (the
    source was itself extracted from a PDF): starts in lower case, with "(", or "- " + lower case."""
    if re.match(r'^[a-zđ][).] ', p):  # a list item "a) ..."
        return False
    return bool(re.match(r'^([a-zà-ỹđ(]|- [a-zà-ỹđ])', p))

def mend(paras):
    out = []
    for p in paras:
        if out and continuation(p):
            out[-1] = out[-1] + " " + p
        else:
            out.append(p)
    return out

for fname in sorted(os.listdir(os.path.join(root, "corpus"))):
    path = os.path.join(root, "corpus", fname)
    name = "corpus-" + os.path.splitext(fname)[0]
    text = open(path, encoding="utf-8").read()
    d = Doc(name)
    if fname.endswith(".md"):
        blocks = re.split(r'\n\s*\n', text)
        pending = []
        def flush():
            for q in mend(pending):
                d.p(q)
            pending.clear()
        for b in blocks:
            lines = [l for l in b.strip().splitlines() if l.strip()]
            if not lines:
                continue
            if all(l.strip().startswith('|') for l in lines):
                rows = [[c.strip().replace('**', '') for c in l.strip().strip('|').split('|')] for l in lines
                        if not re.match(r'^\|[\s:|-]+\|$', l.strip())]
                if rows:
                    flush()
                    n = max(len(r) for r in rows)
                    rows = [r + [""] * (n - len(r)) for r in rows]
                    d.table(rows)
                continue
            for l in lines:
                t = l.strip().replace('**', '').replace('*', '').lstrip('#').strip()
                if t:
                    pending.append(t)
        flush()
    else:
        for p in mend(corpus_paragraphs(text)):
            d.p(p)
    d.write()
# --- 6. borderless tables: no ruling lines, columns only by position ---------------------
# (after every other fixture: rng draws here leave the ones above as they were)
PARTNERS = ["Các sở, ban, ngành liên quan", "UBND các huyện, thành phố", "Liên minh Hợp tác xã tỉnh",
            "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Ngân hàng Nhà nước chi nhánh tỉnh",
            "Hội Nông dân tỉnh", "Sở Thông tin và Truyền thông"]
GLUE = [" gắn với ", " và ", "; đồng thời "]
def fits(v, o):
    """Verb and object that read as Vietnamese administrative prose."""
    if o.startswith("việc thực hiện"):
        return v in ("Kiểm tra", "Tổng kết", "Đánh giá", "Hướng dẫn")
    if o.startswith(("quỹ hỗ trợ", "chính sách")):
        return v not in ("Hỗ trợ", "Tổ chức")
    return not (o.startswith("hoạt động") and v == "Xây dựng")
def long_task(i):
    """A task that wraps to 2-3 lines in a 44% column: two phrases joined."""
    while True:
        v1, v2 = rng.sample(VERBS, 2)
        o1, o2 = rng.sample(OBJS, 2)
        if fits(v1, o1) and fits(v2, o2):
            break
    glue = rng.choice(GLUE)
    if glue == " gắn với " and "gắn với" in o1 + o2:
        glue = " và "
    lead = rng.choice(AGENCIES)
    return [str(i), f"{v1} {o1}{glue}{v2.lower()} {o2}", lead,
            rng.choice([a for a in PARTNERS if a != lead]), rng.choice(TIMES)]

d = Doc("table-borderless")
d.header(*STD_HEADER)
d.h("KẾ HOẠCH")
d.p("Phân công nhiệm vụ phát triển kinh tế tập thể, hợp tác xã trên địa bàn tỉnh giai đoạn 2024-2025", "c")
d.p("Thực hiện Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới, phát triển và nâng cao hiệu quả kinh tế tập thể trong giai đoạn mới, Ủy ban nhân dân tỉnh ban hành Kế hoạch phân công nhiệm vụ cho các cơ quan, đơn vị như sau.")
d.p("Các cơ quan chủ trì chịu trách nhiệm trước Ủy ban nhân dân tỉnh về tiến độ và chất lượng thực hiện nhiệm vụ được giao; cơ quan phối hợp có trách nhiệm cung cấp thông tin, tham gia ý kiến đúng thời hạn.")
rows = [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]]
rows.append([("I", 1, 1), ("Công tác tuyên truyền, quán triệt", 4, 1)])
rows += [long_task(i) for i in range(1, 13)]
rows.append([("II", 1, 1), ("Phát triển hợp tác xã, tổ hợp tác và liên kết chuỗi giá trị", 4, 1)])
rows += [long_task(i) for i in range(13, 31)]
d.table(rows, cell_widths=[7, 44, 19, 16, 14], border=False, align=["center", "left", "left", "left", "center"])
d.p("Trên cơ sở nhiệm vụ được phân công, các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch cụ thể, định kỳ 6 tháng, hằng năm báo cáo kết quả thực hiện về Sở Kế hoạch và Đầu tư trước ngày 15/6 và 15/12 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.")
d.write()

d = Doc("indicators-borderless", css="@page { size: 29.7cm 21cm; }")
d.h("PHỤ LỤC")
d.p("Các chỉ tiêu chủ yếu phát triển kinh tế tập thể tỉnh An Phú đến năm 2025 và năm 2030 (kèm theo Kế hoạch số 57/KH-UBND ngày 14/3/2024 của Ủy ban nhân dân tỉnh)", "c")
d.table([["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"],
         ["1", "Tốc độ tăng trưởng bình quân giá trị sản xuất của khu vực kinh tế tập thể", "%/năm", "6,5", "7,0"],
         ["2", "Số hợp tác xã đang hoạt động", "hợp tác xã", "1.250", "1.600"],
         ["3", "Số liên hiệp hợp tác xã", "liên hiệp", "12", "20"],
         ["4", "Số tổ hợp tác được thành lập và hoạt động theo Nghị định số 77/2019/NĐ-CP", "tổ hợp tác", "3.400", "4.000"],
         ["5", "Tỷ lệ hợp tác xã hoạt động hiệu quả, được xếp loại tốt và khá theo quy định", "%", "60", "75"],
         ["6", "Tỷ lệ hợp tác xã nông nghiệp ứng dụng công nghệ cao vào sản xuất, chế biến và tiêu thụ sản phẩm", "%", "10", "20"],
         ["7", "Tỷ lệ hợp tác xã tham gia liên kết theo chuỗi giá trị", "%", "35", "50"],
         ["8", "Số thành viên hợp tác xã", "người", "95.000", "120.000"],
         ["9", "Doanh thu bình quân của một hợp tác xã", "triệu đồng/năm", "3.500", "5.000"],
         ["10", "Lãi bình quân của một hợp tác xã", "triệu đồng/năm", "350", "600"],
         ["11", "Thu nhập bình quân của lao động làm việc thường xuyên trong hợp tác xã", "triệu đồng/người/năm", "60", "90"],
         ["12", "Tỷ lệ cán bộ quản lý hợp tác xã có trình độ cao đẳng, đại học trở lên", "%", "35", "50"],
         ["13", "Tỷ lệ hợp tác xã ứng dụng chuyển đổi số trong quản lý, sản xuất và kinh doanh", "%", "30", "60"]],
        cell_widths=[6, 46, 18, 15, 15], border=False, align=["center", "left", "center", "right", "right"])
d.p("Ghi chú: Số liệu năm 2025 và năm 2030 là chỉ tiêu phấn đấu; Sở Kế hoạch và Đầu tư theo dõi, tổng hợp kết quả thực hiện hằng năm.")
d.write()

unknown = selected - known
if unknown:
    sys.exit("make-fixtures: no fixture named " + ", ".join(sorted(unknown)))
print("sources written")
PY

cd "$SRC"
if [ $# -gt 0 ]; then names=("$@"); else names=(); for html in *.html; do names+=("${html%.html}"); done; fi
rendered=" "
for name in "${names[@]}"; do
  [ -f "$name.html" ] || continue   # a rotated copy: made below
  # HTML -> DOCX through Writer (not Writer/Web), then DOCX -> PDF
  soffice --headless --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" --outdir "$WORK" "$name.html" >/dev/null 2>&1
  cp "$WORK/$name.docx" "$OUT_DOCX/$name.docx"
  soffice --headless --convert-to pdf --outdir "$WORK" "$WORK/$name.docx" >/dev/null 2>&1
  cp "$WORK/$name.pdf" "$OUT_PDF/$name.pdf"
  echo "rendered $name"
  rendered="$rendered$name "
done

# Rotated copies of a rendered PDF, when it was rendered now or the copy is named.
for r in $ROTATED; do
  IFS=: read -r name source deg <<<"$r"
  case "$rendered" in *" $source "*) ;; *)
    [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qxF "$name" || continue ;;
  esac
  python3 - "$OUT_PDF/$source.pdf" "$OUT_PDF/$name.pdf" "$deg" <<'PY'
import sys
from pypdf import PdfWriter
src, dst, deg = sys.argv[1], sys.argv[2], int(sys.argv[3])
w = PdfWriter(clone_from=src)
for page in w.pages:
    page.rotate(deg)
    page.transfer_rotation_to_content()   # glyphs drawn rotated, /Rotate back to 0
    page.compress_content_streams()
w.write(dst)
PY
  cp "$SRC/$source.expected.json" "$SRC/$name.expected.json"
  echo "rotated $source by $deg -> $name"
done

# Copies by other PDF producers, when the source was rendered now or the copy is named.
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
for r in $PRODUCED; do
  IFS=: read -r name source producer <<<"$r"
  case "$rendered" in *" $source "*) ;; *)
    [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qxF "$name" || continue ;;
  esac
  case "$producer" in
  chromium)
    if [ -z "$chromium_bin" ]; then
      echo "skipped $name: chromium is not installed (apt-get install chromium fonts-liberation2)"; continue
    fi
    if ! fc-list ':charset=1ee6' family | grep -q 'Liberation Serif'; then
      echo "skipped $name: Liberation Serif has no Vietnamese letters here (apt-get install fonts-liberation2)"; continue
    fi
    # CSS @page gives A4 and the margins; no date/title/URL lines; the background-networking
    # flags keep Chromium from stalling on a closed network.
    profile="$(mktemp -d -p "$WORK")"
    rm -f "$WORK/$name.pdf"
    timeout 180 "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile" --print-to-pdf="$WORK/$name.pdf" --no-pdf-header-footer \
      "file://$SRC/$source.html" >"$WORK/$name.log" 2>&1 || true
    if [ ! -s "$WORK/$name.pdf" ]; then
      echo "make-fixtures: chromium made no PDF for $name; its log:" >&2; tail -5 "$WORK/$name.log" >&2; exit 1
    fi
    cp "$WORK/$name.pdf" "$OUT_PDF/$name.pdf" ;;
  gs)
    if ! command -v gs >/dev/null; then
      echo "skipped $name: gs is not installed (apt-get install ghostscript)"; continue
    fi
    gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 \
      -sOutputFile="$WORK/$name.pdf" "$OUT_PDF/$source.pdf"
    cp "$WORK/$name.pdf" "$OUT_PDF/$name.pdf" ;;
  *) echo "make-fixtures: unknown producer $producer" >&2; exit 1 ;;
  esac
  cp "$SRC/$source.expected.json" "$SRC/$name.expected.json"
  echo "$producer made $name from $source"
done

[ $# -eq 0 ] || { du -sh "$ROOT/fixtures"; exit 0; }
# Special PDFs for the error paths.
cp "$OUT_DOCX/header-two-column.docx" "$WORK/enc.docx"
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' --outdir "$WORK" "$WORK/enc.docx" >/dev/null 2>&1
cp "$WORK/enc.pdf" "$OUT_TORTURE/encrypted-user-password.pdf"
cp "$OUT_DOCX/header-two-column.docx" "$WORK/owner.docx"
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner"},"Changes":{"type":"long","value":"0"}}' --outdir "$WORK" "$WORK/owner.docx" >/dev/null 2>&1
cp "$WORK/owner.pdf" "$OUT_TORTURE/encrypted-owner-only.pdf"
# an image-only page (a "scan"): a grey PNG in an HTML page
python3 - "$WORK/scan.png" <<'PY'
import struct, sys, zlib
w, h = 400, 300
raw = b''.join(b'\x00' + bytes((x * 7 + y * 3) % 256 for x in range(w)) for y in range(h))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
printf '<html><body><p><img src="scan.png" width="400" height="300"/></p></body></html>' > "$WORK/scan.html"
(cd "$WORK" && soffice --headless --infilter="HTML (StarWriter)" --convert-to odt scan.html >/dev/null 2>&1 && soffice --headless --convert-to pdf scan.odt >/dev/null 2>&1)
cp "$WORK/scan.pdf" "$OUT_TORTURE/scan-no-text.pdf"
printf 'KẾ HOẠCH\nĐây là văn bản thuần, không phải PDF.\n' > "$OUT_TORTURE/text-renamed.pdf"
: > "$OUT_TORTURE/zero-bytes.pdf"
cp "$OUT_PDF/table-merged-cells.pdf" "$OUT_TORTURE/pdf-renamed.txt"
du -sh "$ROOT/fixtures"
