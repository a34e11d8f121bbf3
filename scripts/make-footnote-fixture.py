#!/usr/bin/env python3
"""Write fixtures/pdf/footnotes-word-style.pdf: a two-page letter set the way Word and
Aspose.Words print footnotes (issue 11, item 2). Needs reportlab (`pip install reportlab`)
and DejaVu Serif (fonts-dejavu-core).

What it holds, and what tests/footnotes.rs checks against:
- a two-column header (issuer | motto; number | place and date);
- body in 13 pt; note references as 8 pt superscripts raised 4 pt right after a symbol
  ("42/2024/QH15¹", "105/2025/NĐ-CP²") and after a word ("Luật Đầu tư³", page 2);
- an area unit with a superscript power ("500 m²") on the page of note 2;
- the footnote area: a 144 pt separator rule at the left margin, notes in 10 pt, each
  opening with its marker as a 6.5 pt superscript; note 1 wraps onto a second line;
- behind every footnote line, white boxes filled with `f*` (as Aspose.Words draws them);
- page 2 numbered "2" at the foot, under its note.
"""
import sys
from pathlib import Path
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
out = root / "fixtures" / "pdf" / "footnotes-word-style.pdf"
pdfmetrics.registerFont(TTFont("Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("SerifB", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"))
W, H = A4
LEFT, RIGHT = 85.0, W - 56.0

c = canvas.Canvas(str(out), pagesize=A4, pageCompression=0, invariant=1)
c.setTitle("footnotes fixture")


def text(x, y, s, size=13, font="Serif"):
    c.setFont(font, size)
    c.drawString(x, H - y, s)
    return x + pdfmetrics.stringWidth(s, font, size)


def run(x, y, parts):
    """Draw (text, kind) parts on one baseline: kind 'n' normal 13 pt, 's' superscript."""
    width = sum(pdfmetrics.stringWidth(s, "Serif", 8 if k == "s" else 13) for s, k in parts)
    assert x + width <= RIGHT, (parts, x + width)
    for s, kind in parts:
        if kind == "s":
            x = text(x, y - 4.0, s, 8)
        else:
            x = text(x, y, s)
    return x


def white_boxes(x0, y_top, x1, h):
    # word boxes filled white with the even-odd rule, drawn as four lines and a close
    c.setFillGray(1)
    p = c.beginPath()
    x = x0
    while x < x1:
        w = min(40.0, x1 - x)
        p.moveTo(x, H - y_top)
        p.lineTo(x + w, H - y_top)
        p.lineTo(x + w, H - y_top - h)
        p.lineTo(x, H - y_top - h)
        p.close()
        x += w
    c.drawPath(p, stroke=0, fill=1, fillMode=1)
    c.setFillGray(0)


def note(y, marker, lines):
    for i, line in enumerate(lines):
        assert LEFT + 6 + pdfmetrics.stringWidth(line, "Serif", 10) <= RIGHT, line
        white_boxes(LEFT, y - 9.0, LEFT + pdfmetrics.stringWidth(line, "Serif", 10) + 6, 12.0)
        x = LEFT
        if i == 0:
            x = text(LEFT, y - 3.0, marker, 6.5) + 1.0
        text(x, y, line, 10)
        y += 11.5
    return y


def separator(y):
    c.setLineWidth(0.5)
    c.line(LEFT, H - y, LEFT + 144.0, H - y)


# page 1: header
text(110, 60, "ỦY BAN NHÂN DÂN", 13, "SerifB")
text(125, 76, "TỈNH LÀO CAI", 13, "SerifB")
text(300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11.5, "SerifB")
text(340, 76, "Độc lập - Tự do - Hạnh phúc", 12.5, "SerifB")
text(105, 104, "Số: 3686/UBND-XD", 13)
text(330, 106, "Lào Cai, ngày 11 tháng 5 năm 2026", 12.5)
text(90, 122, "V/v tháo gỡ khó khăn về PCCC", 12)
text(250, 160, "Kính gửi: Bộ Xây dựng", 13)
y = 190
run(LEFT + 28, y, [("Theo Điều 41 Luật số 42/2024/QH15", "n"), ("1", "s"),
                   (" ngày 29/6/2024,", "n")])
y += 18
run(LEFT, y, [("phương tiện phải đủ điều kiện an toàn. Nghị định số", "n")])
y += 18
run(LEFT, y, [("105/2025/NĐ-CP", "n"), ("2", "s"), (" quy định việc kiểm tra điều kiện an toàn.", "n")])
y += 18
run(LEFT + 28, y, [("Kho chứa có diện tích 500 m", "n"), ("2", "s"), (" và chứa 20 tấn.", "n")])
y = 700
separator(y)
y = note(y + 14, "1", ["Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
                       "số 42/2024/QH15 ngày 29/6/2024."])
y = note(y, "2", ["Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính phủ,",
                  "sửa đổi bởi Nghị định số 48/2026/NĐ-CP."])
c.showPage()

# page 2
y = 70
run(LEFT + 28, y, [("Đề nghị Bộ hướng dẫn theo Luật Đầu tư", "n"), ("3", "s"),
                   (" và văn bản liên quan.", "n")])
y += 18
run(LEFT + 28, y, [("Trân trọng./.", "n")])
y = 720
separator(y)
note(y + 14, "3", ["Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020."])
text(W / 2 - 3, 800, "2", 12)
c.showPage()
c.save()
print(out)

# the truth, written by hand: body paragraphs as the reader should give them (markers as
# [n]), the notes apart
truth = {
    "paragraphs": [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 3686/UBND-XD",
        "Lào Cai, ngày 11 tháng 5 năm 2026",
        "V/v tháo gỡ khó khăn về PCCC",
        "Kính gửi: Bộ Xây dựng",
        "Theo Điều 41 Luật số 42/2024/QH15[1] ngày 29/6/2024, phương tiện phải đủ điều kiện an "
        "toàn. Nghị định số 105/2025/NĐ-CP[2] quy định việc kiểm tra điều kiện an toàn.",
        "Kho chứa có diện tích 500 m2 và chứa 20 tấn.",
        "Đề nghị Bộ hướng dẫn theo Luật Đầu tư[3] và văn bản liên quan.",
        "Trân trọng./.",
    ],
    "tables": [],
    "footnotes": [
        {"marker": "1", "page": 1, "text": "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ "
         "hỗ trợ số 42/2024/QH15 ngày 29/6/2024."},
        {"marker": "2", "page": 1, "text": "Nghị định số 105/2025/NĐ-CP ngày 15/5/2025 của Chính "
         "phủ, sửa đổi bởi Nghị định số 48/2026/NĐ-CP."},
        {"marker": "3", "page": 2, "text": "Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020."},
    ],
}
import json
exp = root / "fixtures" / "pdf" / "source" / "footnotes-word-style.expected.json"
exp.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(exp)
