#!/usr/bin/env python3
"""PDF fixtures of issue 13 (tables across pages and between headings), with their truth.

    python3 scripts/make-table-fixtures.py        # needs reportlab (pip install reportlab)

For every fixture NAME this writes fixtures/tables-pdf/NAME.pdf and NAME.truth.json. The truth
is the data the PDF is printed from (never vanban's output):
    {"tables": [{"caption": str|null, "header": [one name per column],
                 "header_rows": [[cell, ...], ...]  (as printed, "" in spanned positions),
                 "rows": [[cell, ...], ...]}]}
Two producers' habits: "lo" draws the grid as stroked lines, one path per rule, with cell
padding like LibreOffice Writer; "word" draws each cell border as a thin filled rectangle
(as Word does), in a larger type with narrower padding. Body rows are not kept together, so
a long cell runs over the page break (`splitInRow`). Page numbers ("- 2 -") at the page top.
The data is generated from a fixed seed: re-running gives the same PDFs' contents.
"""
import json
import os
import random
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "tables-pdf")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("Serif", os.path.join(FONT_DIR, "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("Serif-Bold", os.path.join(FONT_DIR, "DejaVuSerif-Bold.ttf")))

STYLES = {
    "lo": dict(size=10.5, pad=4, lead=13, margins=(3 * cm, 1.5 * cm, 2 * cm, 2 * cm)),
    "word": dict(size=12, pad=2, lead=14.5, margins=(2.5 * cm, 2 * cm, 2 * cm, 2.2 * cm)),
}


class Fixture:
    def __init__(self, name, producer):
        self.name, self.producer = name, producer
        st = STYLES[producer]
        self.st = st
        self.cell = ParagraphStyle("cell", fontName="Serif", fontSize=st["size"], leading=st["lead"])
        self.head = ParagraphStyle("head", parent=self.cell, fontName="Serif-Bold", alignment=1)
        self.para = ParagraphStyle("para", parent=self.cell, fontSize=st["size"] + 1.5,
                                   leading=st["lead"] + 3, spaceAfter=6, alignment=4)
        self.heading = ParagraphStyle("heading", parent=self.para, fontName="Serif-Bold", alignment=0)
        self.title = ParagraphStyle("title", parent=self.heading, alignment=1)
        self.story = []
        self.tables = []

    def p(self, text, style=None):
        self.story.append(Paragraph(text, style or self.para))

    def table(self, header_rows, rows, widths, caption=None, header=None, repeat=False, spans=()):
        """header_rows: printed header rows ("" under a span); spans: reportlab SPAN commands
        for the header; header: one name per column (default: the one header row)."""
        if header is None:
            header = list(header_rows[-1])
        self.tables.append({"caption": caption, "header": header,
                            "header_rows": [list(r) for r in header_rows],
                            "rows": [list(r) for r in rows]})
        data = [[Paragraph(c, self.head) for c in r] for r in header_rows]
        data += [[Paragraph(c, self.cell) for c in r] for r in rows]
        total = sum(widths)
        avail = A4[0] - self.st["margins"][0] - self.st["margins"][1]
        cls = WordGrid if self.producer == "word" else Table
        t = cls(data, colWidths=[w / total * avail for w in widths],
                repeatRows=len(header_rows) if repeat else 0, splitByRow=0, splitInRow=20)
        pad = self.st["pad"]
        cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1)]
        cmds += [("SPAN",) + s for s in spans]
        if self.producer == "lo":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        t.setStyle(TableStyle(cmds))
        self.story.append(t)

    def write(self):
        m = self.st["margins"]

        def on_page(canvas, doc):
            n = canvas.getPageNumber()
            if n > 1:
                canvas.setFont("Serif", self.st["size"])
                canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, f"- {n} -")

        doc = SimpleDocTemplate(os.path.join(OUT, self.name + ".pdf"), pagesize=A4,
                                leftMargin=m[0], rightMargin=m[1], topMargin=m[2], bottomMargin=m[3],
                                title=self.name, author="vanban fixtures", invariant=1)
        doc.build(self.story, onFirstPage=on_page, onLaterPages=on_page)
        with open(os.path.join(OUT, self.name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump({"producer": self.producer, "tables": self.tables}, f, ensure_ascii=False, indent=1)
            f.write("\n")


class WordGrid(Table):
    """Word's habit: every cell border a thin filled rectangle, drawn per cell."""

    def draw(self):
        Table.draw(self)
        c = self.canv
        c.saveState()
        c.setFillColor(colors.black)
        w = 0.5
        pos = self._colpositions
        rp = self._rowpositions
        spanned = getattr(self, "_spanRanges", {}) or {}
        for r in range(len(rp) - 1):
            for col in range(len(pos) - 1):
                rng = spanned.get((col, r), (col, r, col, r))
                if rng is None:
                    continue  # covered by a span, drawn by its owner
                c0, r0, c1, r1 = rng
                x0, x1 = pos[c0], pos[c1 + 1]
                ytop, ybot = rp[r0], rp[r1 + 1]
                c.rect(x0 - w / 2, ytop - w / 2, x1 - x0 + w, w, stroke=0, fill=1)
                c.rect(x0 - w / 2, ybot - w / 2, x1 - x0 + w, w, stroke=0, fill=1)
                c.rect(x0 - w / 2, ybot, w, ytop - ybot, stroke=0, fill=1)
                c.rect(x1 - w / 2, ybot, w, ytop - ybot, stroke=0, fill=1)
        c.restoreState()


rng = random.Random(13)
VERBS = ["Rà soát", "Xây dựng", "Ban hành", "Hướng dẫn", "Kiểm tra", "Đánh giá", "Công bố", "Tổng hợp"]
OBJECTS = ["quy hoạch sử dụng đất", "danh mục dự án đầu tư công", "quy trình nội bộ giải quyết thủ tục hành chính",
           "hệ thống cơ sở dữ liệu đất đai", "kế hoạch chuyển đổi số", "tiêu chí xã nông thôn mới nâng cao",
           "chỉ tiêu chất lượng nước mặt", "phương án phòng chống thiên tai"]
UNITS = ["Sở Tài nguyên và Môi trường", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Văn phòng UBND tỉnh",
         "UBND cấp huyện", "Sở Nông nghiệp và Phát triển nông thôn"]
LONG = ("Thông tin về kết quả thực hiện được công bố công khai trên cổng thông tin điện tử của cơ quan, "
        "đồng thời gửi báo cáo định kỳ hằng quý về cơ quan thường trực để theo dõi, tổng hợp và đề xuất "
        "điều chỉnh khi cần thiết; trường hợp vướng mắc phải báo cáo ngay bằng văn bản kèm theo "
        "hồ sơ, tài liệu có liên quan để xem xét, quyết định theo thẩm quyền hoặc trình cấp có thẩm quyền "
        "xem xét, quyết định theo quy định của pháp luật hiện hành.")


def criteria_rows(n, note_every):
    rows = []
    for i in range(1, n + 1):
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        content = LONG if i % 9 == 0 else f"Đạt yêu cầu theo hướng dẫn của {rng.choice(UNITS)} năm 202{rng.randint(4, 6)}"
        note = "Bổ sung năm 2025" if note_every and i % note_every == 0 else ""
        rows.append([str(i), text, content, f"{rng.randint(1, 100)}%", note])
    return rows


def intro(f, title):
    f.p("ỦY BAN NHÂN DÂN TỈNH AN PHÚ", f.title)
    f.p(title, f.title)
    f.p("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của các sở, "
        "ngành, Ủy ban nhân dân tỉnh ban hành danh mục sau đây để các cơ quan, đơn vị tổ chức thực hiện.")


CRIT_HEADER = [["STT", "Tiêu chí", "Nội dung, yêu cầu", "Chỉ tiêu", "Ghi chú"]]
CRIT_W = [8, 24, 42, 10, 16]


def long_table(name, producer, repeat):
    f = Fixture(name, producer)
    intro(f, "BỘ TIÊU CHÍ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN")
    # notes only in rows 1-12 and 50-: the column is empty on the pages between
    rows = criteria_rows(64, 0)
    for r in rows:
        i = int(r[0])
        if i <= 12 and i % 4 == 0 or i >= 50 and i % 5 == 0:
            r[4] = "Bổ sung năm 2025"
    f.table(CRIT_HEADER, rows, CRIT_W, repeat=repeat)
    f.p("Các cơ quan, đơn vị căn cứ bộ tiêu chí trên để tự đánh giá, báo cáo kết quả về Sở Nội vụ "
        "trước ngày 15 tháng 12 hằng năm.")
    f.write()


RIVER_HEADER = [["STT", "Tên sông, suối", "Chảy qua", "Chiều dài (km)", "Cấp quản lý"]]
RIVER_W = [7, 28, 35, 14, 16]
PROVINCES = ["UBND tỉnh Nghệ An", "UBND tỉnh Hà Tĩnh", "UBND tỉnh Quảng Bình", "UBND tỉnh Quảng Trị",
             "UBND thành phố Huế", "UBND tỉnh Thanh Hóa"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
RIVERS = ["Sông Lam", "Sông Cả", "Sông Hiếu", "Sông Giăng", "Sông Ngàn Phố", "Sông Ngàn Sâu", "Sông Gianh",
          "Sông Nhật Lệ", "Suối Khe Nước", "Sông Thạch Hãn", "Sông Bến Hải", "Sông Hương", "Sông Bồ",
          "Sông Mã", "Sông Chu", "Sông Bưởi", "Suối Cát", "Sông Son", "Sông Kiến Giang", "Sông Rào Nậy"]
PLACES = ["huyện Anh Sơn, huyện Đô Lương", "thị xã Kỳ Anh", "huyện Tuyên Hóa, huyện Minh Hóa", "huyện Hướng Hóa",
          "thị xã Hương Trà", "huyện Thạch Thành", "huyện Con Cuông", "huyện Hương Khê"]


def river_rows(n):
    rows, total = [], 0.0
    for i in range(1, n + 1):
        km = round(rng.uniform(5, 120), 1)
        total += km
        rows.append([str(i), rng.choice(RIVERS), rng.choice(PLACES), f"{km:.1f}".replace(".", ","),
                     rng.choice(["Liên tỉnh", "Nội tỉnh"])])
    rows.append(["", "CỘNG:", f"{n} sông, suối", f"{total:.1f}".replace(".", ","), ""])
    return rows


def headings(name, producer):
    f = Fixture(name, producer)
    intro(f, "DANH MỤC SÔNG, SUỐI NỘI TỈNH")
    f.p("Biểu 01", f.heading)
    f.p("Ghi chú: chiều dài tính theo dòng chính, làm tròn đến 0,1 km.")
    for k, (roman, prov) in enumerate(zip(ROMAN, PROVINCES)):
        caption = f"{roman}. {prov}"
        f.p(caption, f.heading)
        f.table(RIVER_HEADER, river_rows(rng.randint(6, 16)), RIVER_W, caption=caption, repeat=True)
        if k == 2:
            f.p("Các sông, suối liên tỉnh do Bộ Nông nghiệp và Môi trường quản lý được ghi rõ tại cột Cấp quản lý.")
    f.write()


def two_row_header(name, producer):
    f = Fixture(name, producer)
    intro(f, "CHỈ TIÊU HỖ TRỢ THEO ĐỐI TƯỢNG")
    f.p("Bảng 2. Mức hỗ trợ theo nhóm đối tượng", f.heading)
    top = ["STT", "Nội dung hỗ trợ", "Chỉ tiêu theo đối tượng", "", "", "Ghi chú"]
    sub = ["", "", "Nhóm 1", "Nhóm 2", "Nhóm 3", ""]
    header = ["STT", "Nội dung hỗ trợ", "Chỉ tiêu theo đối tượng – Nhóm 1",
              "Chỉ tiêu theo đối tượng – Nhóm 2", "Chỉ tiêu theo đối tượng – Nhóm 3", "Ghi chú"]
    rows = []
    for i in range(1, 41):
        rows.append([str(i), f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                     f"{rng.randint(1, 50)} triệu đồng", f"{rng.randint(1, 50)} triệu đồng",
                     f"{rng.randint(1, 50)} triệu đồng", "Từ năm 2026" if i % 7 == 0 else ""])
    spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (4, 0)), ((5, 0), (5, 1))]
    f.table([top, sub], rows, [8, 32, 15, 15, 15, 15], caption="Bảng 2. Mức hỗ trợ theo nhóm đối tượng",
            header=header, repeat=(producer == "word"), spans=spans)
    f.write()


def main():
    os.makedirs(OUT, exist_ok=True)
    long_table("long-no-repeat-lo", "lo", repeat=False)
    long_table("long-repeat-word", "word", repeat=True)
    long_table("long-no-repeat-word", "word", repeat=False)
    headings("headings-lo", "lo")
    headings("headings-word", "word")
    two_row_header("two-row-header-lo", "lo")
    two_row_header("two-row-header-word", "word")


if __name__ == "__main__":
    sys.exit(main())
