#!/usr/bin/env python3
"""Generate a set of damaged PDFs (issue #16) and a manifest describing them.

Sources: fixtures/pdf/*.pdf and the text-layer files of /work/shared/real-pdf
(r02 r10 r11 r21 r24 r41 r47 r54). For each source:
  * cut-K   truncated at K/6 of its length, K = 1..5
  * flip-I  20 random bytes changed (I = 1..5)
  * xref-I  the cross-reference offsets broken (classic table: every in-use offset
            replaced by random digits; cross-reference stream: startxref made wrong)
  * cs-I    one page content stream with 20 of its bytes changed
Files go to OUT (default /tmp/damage), never to the repository. Deterministic (seeded).
The manifest lists, for each damaged file, its source, kind, and for a cut file the pages
whose objects (page, contents, fonts, resources; object streams by their container) all
lie before the cut. A font program counts among them only when its font has no
/ToUnicode and is a Type0 font or a simple font without /Encoding (its text cannot be
decoded without the program); a simple font with an /Encoding reads without it. Needs pypdf (pip install pypdf) to find pages and content streams.

Usage: scripts/damage-set.py [OUT]
"""
import glob
import json
import os
import random
import re
import sys

import pypdf
from pypdf.generic import IndirectObject, DictionaryObject, ArrayObject

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = "/work/shared/real-pdf"
REAL_TEXT = ["r02", "r10", "r11", "r21", "r24", "r41", "r47", "r54"]


def sources():
    out = sorted(glob.glob(os.path.join(REPO, "fixtures/pdf/*.pdf")))
    out += [os.path.join(REAL, f"{r}.pdf") for r in REAL_TEXT]
    return [p for p in out if os.path.exists(p)]


def object_offsets(data):
    """Where the last definition of each object number ends in the file (its endobj)."""
    offs = {}
    for m in re.finditer(rb"(?<![0-9])(\d{1,7})\s+(\d{1,5})\s+obj\b", data):
        end = data.find(b"endstream", m.end())
        plain = data.find(b"endobj", m.end())
        stream = data.find(b"stream", m.end())
        if stream != -1 and (plain == -1 or stream < plain) and end != -1:
            plain = data.find(b"endobj", end)
        offs[int(m.group(1))] = plain if plain != -1 else len(data)
    return offs


FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


def program_needed(font):
    """Whether a font's text can only be decoded through its embedded program: no
    /ToUnicode, and a Type0 font (its codes are glyph ids or CIDs) or a simple font with no
    /Encoding (its built-in encoding is in the program). A simple font with an /Encoding
    (standard, or /Differences naming its glyphs) decodes without the program."""
    if "/ToUnicode" in font:
        return False
    return font.get("/Subtype") == "/Type0" or "/Encoding" not in font


def page_objects(reader, page):
    """Object numbers a page needs for its text (not images, not its parent; a font
    program only when the font's text cannot be decoded without it)."""
    seen = set()
    stack = [(page.indirect_reference, False)] if page.indirect_reference else []
    while stack and len(seen) < 2000:
        ref, keep_program = stack.pop()
        if not isinstance(ref, IndirectObject) or ref.idnum in seen:
            continue
        seen.add(ref.idnum)
        try:
            obj = ref.get_object()
        except Exception:
            continue
        todo = [(obj, keep_program)]
        while todo:
            o, keep = todo.pop()
            if isinstance(o, DictionaryObject):
                if o.get("/Subtype") == "/Image":
                    continue
                # a font as a page uses it (a CID font below a Type0 font is judged with
                # its parent: the parent's /ToUnicode decodes it)
                if ("/BaseFont" in o and o.get("/Type", "/Font") == "/Font"
                        and o.get("/Subtype") in ("/Type0", "/Type1", "/TrueType", "/MMType1")):
                    keep = program_needed(o)
                for k, v in o.items():
                    if k in ("/Parent", "/Annots", "/Thumb", "/B", "/P", "/StructParents",
                             "/Metadata", "/Group"):
                        continue
                    if k in FONT_PROGRAMS and not keep:
                        continue
                    if isinstance(v, IndirectObject):
                        stack.append((v, keep))
                    else:
                        todo.append((v, keep))
            elif isinstance(o, ArrayObject):
                for v in o:
                    if isinstance(v, IndirectObject):
                        stack.append((v, keep))
                    else:
                        todo.append((v, keep))
    return seen


def container_of(reader):
    """Object number -> number of its object stream, for compressed objects."""
    out = {}
    for num, (container, _idx) in getattr(reader, "xref_objStm", {}).items():
        out[num] = container
    return out


def content_streams(page):
    c = page.get("/Contents")
    refs = []
    if isinstance(c, IndirectObject):
        o = c.get_object()
        if isinstance(o, ArrayObject):
            refs = [x for x in o if isinstance(x, IndirectObject)]
        else:
            refs = [c]
    elif isinstance(c, ArrayObject):
        refs = [x for x in c if isinstance(x, IndirectObject)]
    return [r.idnum for r in refs]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/damage"
    os.makedirs(out, exist_ok=True)
    rng = random.Random(16)
    manifest = []
    for src in sources():
        data = open(src, "rb").read()
        name = os.path.splitext(os.path.basename(src))[0]
        reader = pypdf.PdfReader(src)
        offs = object_offsets(data)
        conts = container_of(reader)
        needs = []  # per page: where the last of the objects it needs ends
        cstreams = []
        for page in reader.pages:
            nums = page_objects(reader, page)
            last = 0
            for n in nums:
                n2 = conts.get(n, n)
                last = max(last, offs.get(n2, len(data)))
            needs.append(last)
            cstreams.extend(content_streams(page))

        def write(kind, blob, **extra):
            path = os.path.join(out, f"{name}.{kind}.pdf")
            open(path, "wb").write(blob)
            manifest.append(dict(file=path, source=src, kind=kind.split("-")[0],
                                 pages=len(reader.pages), **extra))

        for k in range(1, 6):
            cut = len(data) * k // 6
            before = [i + 1 for i, last in enumerate(needs) if last < cut]
            write(f"cut-{k}", data[:cut], cut=cut, pages_before_cut=before)
        for i in range(1, 6):
            b = bytearray(data)
            for _ in range(20):
                p = rng.randrange(len(b))
                b[p] = rng.randrange(256)
            write(f"flip-{i}", bytes(b))
        for i in range(1, 6):
            b = bytearray(data)
            tables = [m for m in re.finditer(rb"(\d{10}) (\d{5}) n", data)]
            if tables:
                for m in tables:
                    b[m.start(1):m.end(1)] = b"%010d" % rng.randrange(len(data) * 2)
            else:
                m = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
                b[m.start(1):m.end(1)] = str(rng.randrange(len(data))).encode()
            write(f"xref-{i}", bytes(b))
        for i in range(1, 6):
            b = bytearray(data)
            if cstreams:
                n = rng.choice(cstreams)
                m = re.search(rb"(?<![0-9])%d\s+0\s+obj.*?stream\r?\n" % n, data, re.S)
                if m:
                    end = data.find(b"endstream", m.end())
                    lo, hi = m.end(), max(m.end() + 1, end - 1)
                    for _ in range(20):
                        p = rng.randrange(lo, hi)
                        b[p] = rng.randrange(256)
            write(f"cs-{i}", bytes(b))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(manifest)} damaged files from {len(sources())} sources in {out}")


if __name__ == "__main__":
    main()
