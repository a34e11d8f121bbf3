#!/usr/bin/env python3
"""Make the fixture PDFs of fonts without a usable Unicode map (fixtures/pdf/cid-*.pdf) and
of an English-OCR text layer (fixtures/pdf/ocr-english-layer.pdf).

Each cid-*.pdf draws the same one-page Vietnamese letter (its lines in
fixtures/pdf/source/cid-*.expected.json, written by this script) in Times New Roman as a Type0 / Identity-H / CIDFontType2 font
without /ToUnicode, the codes being glyph ids, as Ghostscript writes Word documents:

  cid-glyph-ids.pdf         subset keeps the original glyph ids and glyph count but neither
                            cmap nor glyph names (Ghostscript's kind: only the glyph order
                            of the whole font can map it back)
  cid-garbled-tounicode.pdf the same with a /ToUnicode that sends every glyph id to the code
                            point of the same number (Vietnamese letters land in Cyrillic)
  cid-cmap.pdf              subset renumbered, keeps its (3,1) cmap
  cid-post-names.pdf        subset renumbered, no cmap, glyph names in its post table

ocr-english-layer.pdf: page 1 is the letter in the cmap-kind font, page 2 carries only an
invisible (render mode 3) Helvetica text layer of English OCR of a Vietnamese page, its
content led by a comment stream as Canon scanners write it; fixtures/torture/
ocr-english-only.pdf is that page alone.

Usage: scripts/make-font-fixtures.py SOURCE.pdf
SOURCE.pdf must embed whole (not subset) TimesNewRomanPSMT and TimesNewRomanPS-BoldMT
TrueType fonts, as Word's "embed fonts" does (../shared/real-pdf/r10.pdf does).
Needs pikepdf and fonttools (pip install pikepdf fonttools).
"""
import io
import json
import os
import sys

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "pdf")

# (column x, bold, text) per line; None x = body paragraph wrapped at the text width
HEADER = [
    (60, False, "UBND TỈNH LÀO CAI", 300, True, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (70, True, "SỞ CÔNG THƯƠNG", 330, True, "Độc lập - Tự do - Hạnh phúc"),
    (60, False, "Số: 512/SCT-QLCN", 320, False, "Lào Cai, ngày 15 tháng 4 năm 2026"),
]
BODY = [
    (60, False, "V/v kiểm tra an toàn vật liệu nổ công nghiệp"),
    (180, False, "Kính gửi: Ủy ban nhân dân các xã, phường"),
    (None, False, "Thực hiện Nghị định số 71/2019/NĐ-CP ngày 30 tháng 8 năm 2019 của Chính phủ "
     "quy định xử phạt vi phạm hành chính trong lĩnh vực hóa chất và vật liệu nổ công nghiệp; "
     "Thông tư số 13/2018/TT-BCT ngày 15 tháng 6 năm 2018 của Bộ Công Thương quy định về quản "
     "lý, sử dụng vật liệu nổ công nghiệp, Sở Công Thương đề nghị Ủy ban nhân dân các xã, "
     "phường chỉ đạo rà soát các điểm nổ mìn trên địa bàn, báo cáo kết quả về Sở Công Thương "
     "trước ngày 30 tháng 5 năm 2026 để tổng hợp."),
    (None, False, "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc đề nghị phản ánh kịp "
     "thời về Sở Công Thương (qua Phòng Quản lý công nghiệp) để được hướng dẫn, giải quyết./."),
]
SIGNATURE = [
    (60, True, "Nơi nhận:", 350, True, "KT. GIÁM ĐỐC"),
    (60, False, "- Như trên;", 350, True, "PHÓ GIÁM ĐỐC"),
    (60, False, "- Lưu: VT, QLCN.", None, None, None),
    (None, None, None, 345, True, "Nguyễn Văn Minh"),
]

OCR_TEXT = (
    "CQNG HOA XA HQI CHU NGHIA VIET NAM DQc l$p - Tg do - H4nh phuc "
    "QUYET DINH Xu ph4t vi ph4m hanh chinh CUC TRUONG CUC HOA CHAT Can cu Luat Xu ly vi "
    "ph4m hanh chinh ngay 20 thang 6 nam 2012; Luat sua d6i, b6 sung mQt s6 di6u cua Luat "
    "Xu ly vi ph4m hanh chinh ngay 13 thang 11 nam 2020; Can cu Nghi djnh s6 71/2019/ND-CP "
    "ngay 30 thang 8 nam 2019 cua Chinh phu quy djnh xu ph4t vi ph4m hanh chinh trong linh "
    "vuc hoa chat va vat lieu no cong nghiep; Can cu Bien ban vi ph4m hanh chinh s6 "
    "26/BB-VPHC ngay 10 thang 3 nam 2026; QUYET DINH: Dieu 1. Xu ph4t vi ph4m hanh chinh "
    "d6i v6i Cong ty TNHH Thuong m4i Hai Dang, dia chi tru s6 chinh tai thanh ph6 Ha N6i."
)

SIZE = 13
LEAD = 18


def whole_fonts(path):
    fonts = {}
    pdf = pikepdf.open(path)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            name = str(obj.get("/FontName", "")).lstrip("/")
            ff = obj.get("/FontFile2")
            if ff is not None and "+" not in name:
                fonts.setdefault(name, ff.read_bytes())
    return fonts["TimesNewRomanPSMT"], fonts["TimesNewRomanPS-BoldMT"]


class Face:
    """One font: the whole font's glyph ids and advances, and the subset to embed."""

    def __init__(self, data, text, kind):
        self.full = TTFont(io.BytesIO(data))
        cmap = self.full.getBestCmap()
        self.glyph_names = sorted({cmap[ord(c)] for c in text if ord(c) in cmap} | {"space"})
        missing = [c for c in set(text) if ord(c) not in cmap]
        if missing:
            sys.exit(f"not in the font: {missing}")
        opts = subset.Options()
        opts.retain_gids = kind in ("glyph-ids", "garbled-tounicode")
        opts.glyph_names = kind == "post-names"
        opts.notdef_outline = True
        opts.hinting = False
        opts.layout_features = []
        opts.name_IDs = []
        sub = subset.Subsetter(opts)
        sub.populate(glyphs=self.glyph_names)
        font = TTFont(io.BytesIO(data))
        sub.subset(font)
        if kind != "cmap":
            del font["cmap"]
        if kind in ("glyph-ids", "garbled-tounicode"):
            font["post"].formatType = 3.0
        if kind == "post-names":
            font["post"].formatType = 2.0
            font["post"].extraNames = []
            font["post"].mapping = {}
        for tag in ("name", "OS/2", "kern", "GPOS", "GSUB", "GDEF", "DSIG", "hdmx", "VDMX", "LTSH", "JSTF", "PCLT", "meta", "gasp"):
            if tag in font and tag not in ("OS/2",):
                del font[tag]
        out = io.BytesIO()
        font.save(out)
        self.program = out.getvalue()
        self.sub = TTFont(io.BytesIO(self.program))
        self.cmap = cmap
        self.upem = self.full["head"].unitsPerEm
        self.retain = opts.retain_gids

    def gid(self, c):
        if "cmap" in self.sub:
            return self.sub.getGlyphID(self.sub.getBestCmap()[ord(c)])
        if self.retain:
            return self.full.getGlyphID(self.cmap[ord(c)])
        return self.sub.getGlyphID(self.cmap[ord(c)])

    def width(self, c):
        return self.full["hmtx"][self.cmap[ord(c)]][0] * 1000 / self.upem

    def text_width(self, s):
        return sum(self.width(c) for c in s) * SIZE / 1000

    def codes(self, s):
        return "".join(f"{self.gid(c):04X}" for c in s)


def font_dict(pdf, face, base, garbled):
    used = sorted({face.gid(c) for c in face.text})
    widths = []
    for g in used:
        name = face.sub.getGlyphOrder()[g]
        widths += [g, [round(face.sub["hmtx"][name][0] * 1000 / face.upem)]]
    program = pikepdf.Stream(pdf, face.program)
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + base), Flags=6,
        FontBBox=[-568, -307, 2000, 1007], ItalicAngle=0, Ascent=891, Descent=-216,
        CapHeight=662, StemV=80, FontFile2=program)
    cid = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/" + base),
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=descriptor, CIDToGIDMap=pikepdf.Name.Identity, DW=1000, W=widths)
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/" + base),
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[cid])
    if garbled:
        # glyph id -> the code point of the same number, except the Basic Latin letters
        # (the map Ghostscript leaves for fonts whose glyphs it cannot name)
        by_gid = {face.gid(c): ord(c) for c in set(face.text)}
        lines = [f"<{g:04X}> <{(cp if cp < 0x80 else g):04X}>" for g, cp in sorted(by_gid.items())]
        body = "\n".join(lines)
        cmap = (
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{len(lines)} beginbfchar\n{body}\nendbfchar\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n")
        font.ToUnicode = pikepdf.Stream(pdf, cmap.encode())
    return pdf.make_indirect(font)


def wrap(face, text, width):
    lines, cur = [], ""
    for word in text.split(" "):
        trial = f"{cur} {word}" if cur else word
        if face.text_width(trial) > width and cur:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def letter_page(pdf, regular, bold, garbled, source_lines):
    faces = {False: regular, True: bold}
    fonts = {False: "/F1", True: "/F2"}
    ops = []
    y = 800

    def show(x, is_bold, s):
        face = faces[is_bold]
        ops.append(f"BT {fonts[is_bold]} {SIZE} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{face.codes(s)}> Tj ET")
        source_lines.append(s)

    for lx, lb, lt, rx, rb, rt in HEADER:
        show(lx, lb, lt)
        show(rx, rb, rt)
        y -= LEAD
    y -= LEAD
    for x, b, t in BODY:
        if x is None:
            for i, line in enumerate(wrap(regular, t, 480)):
                show(60 + (36 if i == 0 else 0), b, line)
                y -= LEAD
        else:
            show(x, b, t)
            y -= LEAD
    y -= LEAD
    for lx, lb, lt, rx, rb, rt in SIGNATURE:
        if lt:
            show(lx, lb, lt)
        if rt:
            if lt is None:
                y -= 3 * LEAD
            show(rx, rb, rt)
        y -= LEAD
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(
        F1=font_dict(pdf, regular, "BQUXMR+TimesNewRomanPSMT", garbled),
        F2=font_dict(pdf, bold, "TDSKRX+TimesNewRomanPS-BoldMT", garbled)))
    content = pikepdf.Stream(pdf, "\n".join(ops).encode())
    return pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                              Resources=resources, Contents=content)


def ocr_page(pdf):
    helvetica = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    ops, y, line = ["BT", "3 Tr", "/F3 12 Tf"], 800, ""
    words = OCR_TEXT.split(" ")
    rows = [" ".join(words[i:i + 9]) for i in range(0, len(words), 9)]
    for row in rows:
        esc = row.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 60 {y} Tm ({esc}) Tj")
        y -= 16
    ops.append("ET")
    # as a Canon scanner writes it: a comment line as the first content stream
    comment = pikepdf.Stream(pdf, b"% CANON_PFINF_TYPE0_TEXTON\n")
    return pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F3=helvetica)),
        Contents=[comment, pikepdf.Stream(pdf, "\n".join(ops).encode())])


def all_text():
    parts = []
    for row in HEADER + SIGNATURE:
        parts += [row[2] or "", row[5] or ""]
    parts += [t for _, _, t in BODY]
    return " ".join(parts)


def write_expected(name, lines):
    """The lines drawn, as the fixture tests read them (fixtures/pdf/source/NAME.expected.json)."""
    path = os.path.join(OUT, "source", f"{name}.expected.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"paragraphs": lines, "tables": []}, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    regular_data, bold_data = whole_fonts(sys.argv[1])
    text = all_text()
    for kind in ("glyph-ids", "garbled-tounicode", "cmap", "post-names"):
        regular = Face(regular_data, text, kind)
        bold = Face(bold_data, text, kind)
        regular.text = bold.text = text
        pdf = pikepdf.new()
        source = []
        pdf.pages.append(pikepdf.Page(letter_page(pdf, regular, bold, kind == "garbled-tounicode", source)))
        pdf.docinfo["/Producer"] = "vanban scripts/make-font-fixtures.py"
        pdf.save(os.path.join(OUT, f"cid-{kind}.pdf"), deterministic_id=True)
        write_expected(f"cid-{kind}", source)
        if kind == "cmap":
            pdf = pikepdf.new()
            pdf.pages.append(pikepdf.Page(letter_page(pdf, regular, bold, False, [])))
            pdf.pages.append(pikepdf.Page(ocr_page(pdf)))
            pdf.docinfo["/Producer"] = "vanban scripts/make-font-fixtures.py"
            pdf.save(os.path.join(OUT, "ocr-english-layer.pdf"), deterministic_id=True)
            write_expected("ocr-english-layer", source)
            pdf = pikepdf.new()
            pdf.pages.append(pikepdf.Page(ocr_page(pdf)))
            pdf.docinfo["/Producer"] = "vanban scripts/make-font-fixtures.py"
            pdf.save(os.path.join(ROOT, "fixtures", "torture", "ocr-english-only.pdf"),
                     deterministic_id=True)
        print("wrote", f"cid-{kind}.pdf")


if __name__ == "__main__":
    main()
