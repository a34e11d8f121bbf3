#!/usr/bin/env python3
"""Render the national-document fixtures of issue 14 (fixtures/national/).

Not run in CI: needs reportlab (`pip install reportlab`), DejaVu Serif
(fonts-dejavu-core) and pdftotext (poppler-utils). For every source
fixtures/national/source/NAME.src it writes

  fixtures/national/NAME.txt            the text, one paragraph a line (header rows interleaved)
  fixtures/national/NAME.pdf            a PDF of it (reportlab: two-column header, justified body)
  fixtures/national/NAME.pdftotext.txt  `pdftotext` of that PDF (wrapped lines to repair)
  fixtures/national/gold/NAME.{txt,pdf,pdftotext}.json
      the hand-made gold source/NAME.gold.json (metadata, references with mention_count)
      with the sha256 of each input and the true paragraphs (every line of the source
      outside the header and signature blocks).

Source lines: "@L " left header column, "@R " right header column, "@C " centred bold
line (kind, title, chapter, chapter title), "@S " signature block, "@HEADER W PT" the header's left column width and font size, anything else a body
paragraph (bold when it is an article heading "Điều N. …").
    python3 scripts/make-national-fixtures.py
"""
import hashlib, json, os, re, subprocess, sys

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "fixtures", "national")
FONTS = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("Serif", FONTS + "DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Bold", FONTS + "DejaVuSerif-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Italic", FONTS + "DejaVuSerif-Italic.ttf"))

BODY = ParagraphStyle("body", fontName="Serif", fontSize=12, leading=15, alignment=TA_JUSTIFY,
                      firstLineIndent=1 * cm, spaceAfter=4)
ARTICLE = ParagraphStyle("article", parent=BODY, fontName="Serif-Bold")
CENTER = ParagraphStyle("center", fontName="Serif-Bold", fontSize=12, leading=15, alignment=TA_CENTER,
                        spaceAfter=4)
HEAD = ParagraphStyle("head", fontName="Serif-Bold", fontSize=10.5, leading=13, alignment=TA_CENTER)


def parse(path):
    left, right, items, opts = [], [], [], {}
    for line in open(path, encoding="utf-8").read().splitlines():
        if not line.strip():
            continue
        tag, _, rest = line.partition(" ")
        if tag == "@HEADER":  # "@HEADER 9 8.5": left column width (cm), header font size (pt)
            w, size = rest.split()
            opts = {"left_cm": float(w), "size": float(size)}
        elif tag == "@L":
            left.append(rest)
        elif tag == "@R":
            right.append(rest)
        elif tag in ("@C", "@S"):
            items.append((tag[1], rest))
        else:
            items.append(("P", line))
    return left, right, items, opts


def plain_text(left, right, items):
    out = []
    for i in range(max(len(left), len(right))):
        out += [x[i] for x in (left, right) if i < len(x)]
    out += [t for _, t in items]
    return "\n".join(out) + "\n"


def render_pdf(path, left, right, items, opts):
    size = opts.get("size", 10)
    lw = opts.get("left_cm", 6.5)
    head_s = ParagraphStyle("h", parent=HEAD, fontSize=size, leading=size * 1.3)
    plain_s = ParagraphStyle("hp", parent=head_s, fontName="Serif")
    date_s = ParagraphStyle("hd", parent=head_s, fontName="Serif-Italic")

    def cell(lines):
        ps = []
        for t in lines:
            if t.startswith("Hà Nội,"):
                ps.append(Paragraph(escape(t), date_s))
            elif re.match(r"^(Số|\w+ số):", t):
                ps.append(Paragraph(escape(t), plain_s))
            else:
                ps.append(Paragraph(escape(t), head_s))
        return ps
    head = Table([[cell(left), cell(right)]], colWidths=[lw * cm, (16.5 - lw) * cm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow = [head, Spacer(1, 12)]
    sign = []
    for kind, t in items:
        if kind == "C":
            flow.append(Paragraph(escape(t), CENTER))
        elif kind == "S":
            sign.append(Paragraph(escape(t), HEAD))
        elif re.match(r"^Điều \d+\.", t):
            flow.append(Paragraph(escape(t), ARTICLE))
        else:
            flow.append(Paragraph(escape(t), BODY))
    if sign:
        tb = Table([["", sign]], colWidths=[6.5 * cm, 10 * cm])
        tb.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        flow += [Spacer(1, 12), tb]
    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=3 * cm, rightMargin=1.5 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="",
                            creator="vanban fixtures", producer="reportlab")
    doc.build(flow)


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def main():
    src = os.path.join(DIR, "source")
    os.makedirs(os.path.join(DIR, "gold"), exist_ok=True)
    for fn in sorted(os.listdir(src)):
        if not fn.endswith(".src"):
            continue
        name = fn[:-4]
        left, right, items, opts = parse(os.path.join(src, fn))
        txt = os.path.join(DIR, name + ".txt")
        open(txt, "w", encoding="utf-8").write(plain_text(left, right, items))
        pdf = os.path.join(DIR, name + ".pdf")
        render_pdf(pdf, left, right, items, opts)
        ptt = os.path.join(DIR, name + ".pdftotext.txt")
        subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, ptt], check=True)
        gold = json.load(open(os.path.join(src, name + ".gold.json"), encoding="utf-8"))
        paragraphs = [t for k, t in items if k != "S"]
        for kind, path in (("txt", txt), ("pdf", pdf), ("pdftotext", ptt)):
            g = {"sha256": sha(path), **gold, "paragraphs": paragraphs}
            out = os.path.join(DIR, "gold", f"{name}.{kind}.json")
            with open(out, "w", encoding="utf-8") as f:
                json.dump(g, f, ensure_ascii=False, indent=1)
                f.write("\n")
        print(name)


if __name__ == "__main__":
    sys.exit(main())
