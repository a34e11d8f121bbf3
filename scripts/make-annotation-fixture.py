#!/usr/bin/env python3
"""Write fixtures/pdf/annotation-stamped-number.pdf and its expected.json (issue 11, item 1).

A one-page letter as a provincial e-signature service leaves it: the page content has
"Số:        /UBND-XD" and "ngày      tháng 5 năm 2026" with spaces where the number and
the day go, and the service stamps them as signature widgets whose normal appearance
(/AP /N) nests two form XObjects, like the real ones (FRM -> n0 blank + n2 text). What the
reader must do:

- draw the widget appearances, placed by /BBox, /Matrix and /Rect (PDF 32000-1 §12.5.5):
  the number's form has a /BBox twice the size of its /Rect and draws at 26 pt, so on the
  page it is 13 pt, in the gap after "Số:";
- resolve the appearance's own font resources: its /F1 is another font than the page's
  /F1 (codes are glyph ids "\x00\x16" = "3", mapped by its own ToUnicode);
- pick the /AS state of an /N dictionary (the day "11" is state /On; state /Off draws
  "99", which must not appear);
- skip annotations flagged Hidden (2) or NoView (32) and Popups (they draw "SAI 0000/XX",
  "9999/AN-KHONG" and "POPUP 7777/PU": none may appear);
- a signer stamp (a /Stamp annotation with "Người ký: …", "Thời gian ký: …") comes out as
  text lines.

Written by hand (no PDF library): fonts are Type0/Identity-H, not embedded, each with a
ToUnicode CMap, so the text layer does not depend on any font file on the machine.
Also fixtures/torture/stamp-on-scan.pdf (see its section at the end).
Also fixtures/ocr/header-jpeg-signed.pdf: the JPEG scan of fixtures/ocr/header-jpeg.pdf with an e-signature stamp.
Also fixtures/ocr/header-jpeg-flattened.pdf (that scan with the stamp drawn by the page content)
and fixtures/pdf/letter-on-picture.pdf (a typed letter over a full-page picture).
Usage: python3 scripts/make-annotation-fixture.py  (rewrites the six files)
"""
import json
import os
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
NAME = "annotation-stamped-number"

objects = []  # index i holds object number i + 1


def add(body):
    objects.append(body)
    return len(objects)


def ref(n):
    return f"{n} 0 R".encode()


def stream(dict_items, data, compress=True):
    if compress:
        data = zlib.compress(data)
        dict_items = dict_items + b" /Filter /FlateDecode"
    return b"<< " + dict_items + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def tounicode(pairs):
    """A ToUnicode CMap for {code: text}; bfchar blocks of at most 100 entries."""
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = sorted(pairs.items())
    for i in range(0, len(items), 100):
        block = items[i:i + 100]
        lines.append(b"%d beginbfchar" % len(block))
        for code, text in block:
            u = text.encode("utf-16-be").hex().upper().encode()
            lines.append(b"<%04X> <%s>" % (code, u))
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


def type0_font(base, pairs, width=500):
    """A non-embedded Type0 font (Identity-H) whose codes are `pairs`' keys."""
    desc = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 34 /FontBBox [0 -220 1000 900]"
               b" /ItalicAngle 0 /Ascent 890 /Descent -220 /CapHeight 660 /StemV 80 >>" % base)
    cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry"
              b" (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %s /DW %d"
              b" /CIDToGIDMap /Identity >>" % (base, ref(desc), width))
    tu = add(stream(b"", tounicode(pairs)))
    return add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H"
               b" /DescendantFonts [%s] /ToUnicode %s >>" % (base, ref(cid), ref(tu)))


# Page font: code = Unicode code point (BMP), every character the page uses.
PAGE_LINES = [
    # (x, y, size, text)
    (70, 780, 13, "ỦY BAN NHÂN DÂN"),
    (88, 764, 13, "TỈNH LÀO CAI"),
    (300, 780, 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (340, 764, 13, "Độc lập - Tự do - Hạnh phúc"),
    (70, 735, 13, "Số:        /UBND-XD"),
    (300, 735, 13, "Lào Cai, ngày      tháng 5 năm 2026"),
    (60, 712, 12, "V/v kiểm tra an toàn vật liệu nổ công nghiệp"),
    (200, 680, 13, "Kính gửi: Sở Công Thương tỉnh Lào Cai"),
    (60, 650, 13, "Ủy ban nhân dân tỉnh đề nghị Sở Công Thương kiểm tra việc bảo quản"),
    (60, 634, 13, "vật liệu nổ công nghiệp tại các mỏ trên địa bàn tỉnh."),
    (360, 560, 13, "KT. CHỦ TỊCH"),
    (360, 544, 13, "PHÓ CHỦ TỊCH"),
    (360, 480, 13, "Phan Văn An"),
]
chars = {ord(c): c for _, _, _, t in PAGE_LINES for c in t}
page_font = type0_font(b"TimesNewRomanPSMT", chars)

# The stamp's font: codes are TrueType glyph ids of Times New Roman ("3" is glyph 0x16),
# its own ToUnicode maps them; the same codes in the page's font are control characters.
DIGITS = {0x13 + d: str(d) for d in range(10)}
stamp_font = type0_font(b"ANKCOW+TimesNewRomanPSMT", DIGITS)
# A third font for the signer stamp and the hidden annotations: code = code point.
SIGNER = ["Người ký: Phan Văn An", "Thời gian ký: 11.05.2026 09:30:15",
          "SAI 0000/XX", "9999/AN-KHONG", "POPUP 7777/PU"]
signer_font = type0_font(b"Arial", {ord(c): c for t in SIGNER for c in t}, width=550)


def hexcodes(text, gid=False):
    if gid:
        return b"<" + b"".join(b"%04X" % (0x13 + int(c)) for c in text) + b">"
    return b"<" + b"".join(b"%04X" % ord(c) for c in text) + b">"


def form(bbox, content, resources, matrix=None):
    items = b"/Type /XObject /Subtype /Form /BBox [%s] /Resources %s" % (
        b" ".join(b"%g" % v for v in bbox), resources)
    if matrix is not None:
        items += b" /Matrix [%s]" % b" ".join(b"%g" % v for v in matrix)
    return add(stream(items, content, compress=False))


def stamped_appearance(bbox, text_ops, font_ref, matrix=(1, 0, 0, 1, 0, 0)):
    """The e-signature nesting: AP -> FRM -> (n0 blank, n2 text)."""
    n0 = form((0, 0, 100, 100), b"% DSBlank\n", b"<< >>", matrix=(1, 0, 0, 1, 0, 0))
    n2 = form(bbox, text_ops, b"<< /Font << /F1 %s >> >>" % ref(font_ref), matrix=matrix)
    frm = form(bbox, b"q 1 0 0 1 0 0 cm /n0 Do Q\nq 1 0 0 1 0 0 cm /n2 Do Q\n",
               b"<< /XObject << /n0 %s /n2 %s >> >>" % (ref(n0), ref(n2)), matrix=matrix)
    return form(bbox, b"q 1 0 0 1 0 0 cm /FRM Do Q\n",
                b"<< /XObject << /FRM %s >> >>" % ref(frm), matrix=matrix)


def text_form(bbox, lines, font_ref, size):
    ops = b"BT\n/F1 %g Tf\n" % size
    for x, y, t in lines:
        ops += b"1 0 0 1 %g %g Tm %s Tj\n" % (x, y, hexcodes(t))
    ops += b"ET\n"
    return form(bbox, ops, b"<< /Font << /F1 %s >> >>" % ref(font_ref))


annots = []
# 1. The number: BBox twice the Rect, drawn at 26 pt -> 13 pt on the page, after "Số:".
#    "Số:" + one space ends near x = 70 + 3.5 * 6.5; the Rect sits in the gap.
num = stamped_appearance((0, 0, 76, 40),
                         b"BT\n1 0 0 1 1 9 Tm\n/F1 26 Tf\n%s Tj\nET\n" % hexcodes("3686", gid=True),
                         stamp_font)
annots.append(add(b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature1)"
                  b" /Rect [96 730.5 134 750.5] /AP << /N %s >> >>" % ref(num)))
# 2. The day: /N is a dictionary of states; /AS picks /On ("11"), /Off would draw "99".
day_on = stamped_appearance((0, 0, 24, 20),
                            b"BT\n1 0 0 1 0.5 4.5 Tm\n/F1 13 Tf\n%s Tj\nET\n" % hexcodes("11", gid=True),
                            stamp_font)
day_off = stamped_appearance((0, 0, 24, 20),
                             b"BT\n1 0 0 1 0.5 4.5 Tm\n/F1 13 Tf\n%s Tj\nET\n" % hexcodes("99", gid=True),
                             stamp_font)
# "Lào Cai, ngày" + one space: 14 glyphs of 6.5 pt from x = 300
annots.append(add(b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature2)"
                  b" /Rect [392 730.5 416 750.5] /AS /On /AP << /N << /On %s /Off %s >> >>"
                  b" >>" % (ref(day_on), ref(day_off))))
# 3. Hidden (2), NoView (32) and a Popup: never drawn.
hidden = text_form((0, 0, 120, 20), [(1, 5, "SAI 0000/XX")], signer_font, 12)
annots.append(add(b"<< /Type /Annot /Subtype /FreeText /F 2 /Rect [60 600 180 620]"
                  b" /Contents (hidden) /DA (/F1 12 Tf) /AP << /N %s >> >>" % ref(hidden)))
noview = text_form((0, 0, 120, 20), [(1, 5, "9999/AN-KHONG")], signer_font, 12)
annots.append(add(b"<< /Type /Annot /Subtype /Stamp /F 36 /Rect [60 580 180 600]"
                  b" /AP << /N %s >> >>" % ref(noview)))
popup = text_form((0, 0, 120, 20), [(1, 5, "POPUP 7777/PU")], signer_font, 12)
annots.append(add(b"<< /Type /Annot /Subtype /Popup /F 0 /Rect [60 560 180 580]"
                  b" /AP << /N %s >> >>" % ref(popup)))
# 4. The signer stamp: a /Stamp whose form has a /Matrix (scale 2) and a BBox in its own
#    units; it lands under the signature block at 10 pt.
signer = text_form((0, 0, 110, 16),
                   [(1, 9, "Người ký: Phan Văn An"), (1, 2, "Thời gian ký: 11.05.2026 09:30:15")],
                   signer_font, 5)
# make the signer form's matrix scale 2: rewrite its dictionary
body = objects[signer - 1]
objects[signer - 1] = body.replace(b"/Subtype /Form", b"/Subtype /Form /Matrix [2 0 0 2 0 0]", 1)
annots.append(add(b"<< /Type /Annot /Subtype /Stamp /F 4 /Rect [360 420 580 452]"
                  b" /AP << /N %s >> >>" % ref(signer)))

content = b"BT\n"
for x, y, size, text in PAGE_LINES:
    content += b"/F1 %g Tf\n1 0 0 1 %g %g Tm\n%s Tj\n" % (size, x, y, hexcodes(text))
content += b"ET\n"
# the short rule under the motto and the issuer
content += b"0.6 w 110 760 m 180 760 l S 360 760 m 520 760 l S\n"
contents = add(stream(b"", content))
pages_num = len(objects) + 2
page = add(b"<< /Type /Page /Parent %s /MediaBox [0 0 595 842] /Resources << /Font << /F1 %s"
           b" >> >> /Contents %s /Annots [%s] >>" % (
               ref(pages_num), ref(page_font), ref(contents), b" ".join(ref(a) for a in annots)))
# the signature fields, as a signing service leaves them in the AcroForm
pages = add(b"<< /Type /Pages /Kids [%s] /Count 1 >>" % ref(page))
assert pages == pages_num
catalog = add(b"<< /Type /Catalog /Pages %s /AcroForm << /Fields [%s %s] /SigFlags 3 >> >>" % (
    ref(pages), ref(annots[0]), ref(annots[1])))



def serialize(catalog):
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, ref(catalog), xref)
    return out


out = serialize(catalog)

pdf_path = os.path.join(ROOT, "fixtures", "pdf", NAME + ".pdf")
with open(pdf_path, "wb") as f:
    f.write(out)
expected = {
    "paragraphs": [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "Số: 3686 /UBND-XD",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 11 tháng 5 năm 2026",
        "V/v kiểm tra an toàn vật liệu nổ công nghiệp",
        "Kính gửi: Sở Công Thương tỉnh Lào Cai",
        "Ủy ban nhân dân tỉnh đề nghị Sở Công Thương kiểm tra việc bảo quản vật liệu nổ "
        "công nghiệp tại các mỏ trên địa bàn tỉnh.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Phan Văn An",
        "Người ký: Phan Văn An",
        "Thời gian ký: 11.05.2026 09:30:15",
    ],
    "tables": [],
}
with open(os.path.join(ROOT, "fixtures", "pdf", "source", NAME + ".expected.json"), "w") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(pdf_path, len(out), "bytes")

# fixtures/torture/stamp-on-scan.pdf: a scanned page (one gray image, no text in the page
# content) that a signing service stamped "Ký bởi: …" / "Thời gian ký: …" on. The stamp's
# text is no text layer: the reader must still say the document needs OCR.
objects.clear()
SCAN = ["Ký bởi: Sở Công Thương", "Thời gian ký: 02.04.2026 14:24:26 +07:00"]
font = type0_font(b"Arial", {ord(c): c for t in SCAN for c in t}, width=550)
w, h = 60, 80
image = add(stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                   b" /BitsPerComponent 8" % (w, h), bytes((x * 7 + y * 3) % 256 for y in range(h)
                                                        for x in range(w))))
stamp = text_form((0, 0, 220, 30), [(2, 17, SCAN[0]), (2, 5, SCAN[1])], font, 9)
def write_signed_scan(path, image, w_pt, h_pt, stamp, rect):
    """One page drawing `image` over the whole page, with a signature widget showing `stamp`."""
    widget = add(b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature1)"
                 b" /Rect [%.3f %.3f %.3f %.3f] /AP << /N %s >> >>" % (*rect, ref(stamp)))
    contents = add(stream(b"", b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\n" % (w_pt, h_pt)))
    page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject"
               b" << /Im0 %s >> >> /Contents %s /Annots [%s] >>" % (
                   len(objects) + 2, w_pt, h_pt, ref(image), ref(contents), ref(widget)))
    pages = add(b"<< /Type /Pages /Kids [%s] /Count 1 >>" % ref(page))
    catalog = add(b"<< /Type /Catalog /Pages %s /AcroForm << /Fields [%s] /SigFlags 3 >> >>" % (
        ref(pages), ref(widget)))
    out = serialize(catalog)
    with open(path, "wb") as f:
        f.write(out)
    print(path, len(out), "bytes")


write_signed_scan(os.path.join(ROOT, "fixtures", "torture", "stamp-on-scan.pdf"), image, 595, 842,
                  stamp, (340, 60, 560, 90))

# fixtures/ocr/header-jpeg-signed.pdf: the JPEG scan of fixtures/ocr/header-jpeg.pdf (made by
# fixtures/ocr/make.py; its image is object 5) signed after scanning: the signing service drew
# "Ký bởi: …" / "Cơ quan: …" / "Thời gian ký: …" as a widget annotation over the image. OCR
# reads the image; the stamp's text must still come out (it is not in the image).
objects.clear()
src = open(os.path.join(ROOT, "fixtures", "ocr", "header-jpeg.pdf"), "rb").read()
obj5 = src.index(b"5 0 obj\n")
img_dict = src[src.index(b"<<", obj5):src.index(b"stream\n", obj5)]
img_data = src[src.index(b"stream\n", obj5) + 7:src.index(b"\nendstream", obj5)]
width_px = int(img_dict.split(b"/Width ")[1].split()[0])
height_px = int(img_dict.split(b"/Height ")[1].split()[0])
w_pt, h_pt = width_px * 72.0 / 150, height_px * 72.0 / 150
SIGNED = ["Ký bởi: Ủy ban nhân dân tỉnh An Phú", "Cơ quan: Tỉnh An Phú",
          "Thời gian ký: 14.03.2024 16:05:31 +07:00"]
font = type0_font(b"Arial", {ord(c): c for t in SIGNED for c in t}, width=550)
image = add(img_dict + b"stream\n" + img_data + b"\nendstream")
stamp = text_form((0, 0, 230, 40), [(2, 29, SIGNED[0]), (2, 17, SIGNED[1]), (2, 5, SIGNED[2])],
                  font, 8)
write_signed_scan(os.path.join(ROOT, "fixtures", "ocr", "header-jpeg-signed.pdf"), image, w_pt,
                  h_pt, stamp, (w_pt - 240, h_pt - 50, w_pt - 10, h_pt - 10))


def write_one_page(path, w_pt, h_pt, xobjects, content):
    """One page with these form/image XObjects, drawn by `content`; no annotations."""
    contents = add(stream(b"", content))
    names = b" ".join(b"/%s %s" % (k, ref(v)) for k, v in xobjects)
    page = add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources << /XObject"
               b" << %s >> >> /Contents %s >>" % (len(objects) + 2, w_pt, h_pt, names,
                                                   ref(contents)))
    pages = add(b"<< /Type /Pages /Kids [%s] /Count 1 >>" % ref(page))
    out = serialize(add(b"<< /Type /Catalog /Pages %s >>" % ref(pages)))
    with open(path, "wb") as f:
        f.write(out)
    print(path, len(out), "bytes")


# fixtures/ocr/header-jpeg-flattened.pdf: the same scan signed by a service that flattens its
# stamp into the page: "Ký bởi: …" is drawn by the page's content (a form XObject), not by an
# annotation. A hundred characters of text over a scanned sheet are no text layer: the page is
# read by OCR in auto mode, and the stamp's lines kept after the OCR text.
objects.clear()
font = type0_font(b"Arial", {ord(c): c for t in SIGNED for c in t}, width=550)
image = add(img_dict + b"stream\n" + img_data + b"\nendstream")
stamp = text_form((0, 0, 230, 40), [(2, 29, SIGNED[0]), (2, 17, SIGNED[1]), (2, 5, SIGNED[2])],
                  font, 8)
write_one_page(os.path.join(ROOT, "fixtures", "ocr", "header-jpeg-flattened.pdf"), w_pt, h_pt,
               [(b"Im0", image), (b"Fm0", stamp)],
               b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q\nq 1 0 0 1 %.3f %.3f cm /Fm0 Do Q\n" % (
                   w_pt, h_pt, w_pt - 240, h_pt - 50))

# fixtures/pdf/letter-on-picture.pdf: a typed letter (the first fixture's page lines, numbers
# filled in) over a picture that fills the page (a letterhead or a paper texture under Word's
# text, drawn first). Four hundred characters of its own text: a typed page, never sent to OCR.
objects.clear()
LETTER = [(x, y, s, t.replace("Số:        /", "Số: 3686/").replace("ngày      tháng", "ngày 11 tháng"))
          for x, y, s, t in PAGE_LINES]
font = type0_font(b"TimesNewRomanPSMT", {ord(c): c for _, _, _, t in LETTER for c in t})
w, h = 60, 80
paper = add(stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                   b" /BitsPerComponent 8" % (w, h),
                   bytes(235 + (x * 7 + y * 3) % 20 for y in range(h) for x in range(w))))
ops = b"BT\n"
for x, y, size, text in LETTER:
    ops += b"/F1 %g Tf\n1 0 0 1 %g %g Tm\n%s Tj\n" % (size, x, y, hexcodes(text))
ops += b"ET\n"
letter = form((0, 0, 595, 842), ops, b"<< /Font << /F1 %s >> >>" % ref(font))
write_one_page(os.path.join(ROOT, "fixtures", "pdf", "letter-on-picture.pdf"), 595, 842,
               [(b"Im0", paper), (b"Fm0", letter)],
               b"q 595 0 0 842 0 0 cm /Im0 Do Q\n/Fm0 Do\n")
with open(os.path.join(ROOT, "fixtures", "pdf", "source", "letter-on-picture.expected.json"),
          "w") as f:
    paragraphs = [t for _, _, _, t in LETTER]
    body = paragraphs.index("Ủy ban nhân dân tỉnh đề nghị Sở Công Thương kiểm tra việc bảo quản")
    paragraphs[body:body + 2] = [paragraphs[body] + " " + paragraphs[body + 1]]
    json.dump({"paragraphs": paragraphs, "tables": []}, f, ensure_ascii=False, indent=1)
    f.write("\n")
