#!/usr/bin/env python3
"""Character error rate of Tesseract on rendered text-layer PDFs, raw vs after vanban-correct.

No hand transcription: each page of a PDF with a real text layer is rendered to an image
(clean: 200 dpi grey; degraded: 150 dpi, Gaussian noise, 1-2 degree skew), OCRed with the bare
`tesseract IMG stdout -l vie tsv`, and compared with the page's own text layer (`pdftotext`).

    python3 scripts/ocr-cer.py ocr            # render + OCR (cached under $OCR_CACHE, /tmp/ocr-cer)
    python3 scripts/ocr-cer.py score [--set tune|report|all] [--data FILE | --heldout]

`score` runs `target/release/examples/correct --tsv` (build it with
`cargo build --release -p vanban-correct --example correct`) on each page's TSV and reports
CER (edit distance / reference length, whitespace-normalised NFC text, pooled over pages and
mean per page) and the share of document symbols of the reference read exactly, raw -> corrected,
plus the false-correction rate of `correct_text` on the clean reference text itself.

Pages are split by document into a tuning set and a report set (PAGES below). `--heldout`
builds a lexicon without the report documents (and, for --set tune, without the tuning ones
too) with scripts/build-lexicon.py --exclude and passes it as `--data`, so the figures are on
text the lexicon has not seen; without it the built-in lexicon is used, which contains every
text layer measured here (in-sample figures).

Figures of the last run (Tesseract 5.3, 22 pages; --heldout):
  report set, 14 pages: CER 0.0846 -> 0.0830 (200 dpi), 0.0887 -> 0.0868 (degraded);
  symbols exact 30/32 -> 31/32 (200 dpi), 29/32 -> 29/32 (degraded).

Needs: poppler-utils, tesseract with vie, Pillow (degraded copies), rapidfuzz (optional, fast
edit distance; a pure-Python fallback is used without it).
"""
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.environ.get("REAL_PDF", os.path.join(ROOT, "..", "shared", "real-pdf"))
if not os.path.isdir(REAL):
    REAL = "/work/shared/real-pdf"
CACHE = os.environ.get("OCR_CACHE", "/tmp/ocr-cer")

# (set, id, pdf path, pages). Tuning documents are used to set the correction's thresholds;
# the report documents are only scored.
PAGES = [
    ("tune", "r10", f"{REAL}/r10.pdf", [1, 2, 3]),
    ("tune", "r47", f"{REAL}/r47.pdf", [1, 2]),
    ("tune", "r24", f"{REAL}/r24.pdf", [1]),
    ("tune", "fx-binh-dinh", f"{ROOT}/fixtures/pdf/corpus-binh-dinh-ke-hoach-134-nq-cp.pdf", [1]),
    ("tune", "fx-header", f"{ROOT}/fixtures/pdf/header-two-column.pdf", [1]),
    ("report", "r02", f"{REAL}/r02.pdf", [1, 2]),
    ("report", "r11", f"{REAL}/r11.pdf", [1, 2, 3]),
    ("report", "r21", f"{REAL}/r21.pdf", [1, 2]),
    ("report", "r41", f"{REAL}/r41.pdf", [1, 2, 3]),
    ("report", "r54", f"{REAL}/r54.pdf", [1, 2]),
    ("report", "fx-kien-giang", f"{ROOT}/fixtures/pdf/corpus-kien-giang-251-kh-ubnd-2023.pdf", [1]),
    ("report", "fx-lam-dong", f"{ROOT}/fixtures/pdf/corpus-lam-dong-chuong-trinh-hanh-dong-20-nq-tw.pdf", [1]),
]
VARIANTS = ["clean", "degraded"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


def page_key(doc, page):
    return f"{doc}-p{page}"


def render(pdf, page, variant, out_png):
    if os.path.exists(out_png):
        return
    base = out_png[:-4]
    dpi = 200 if variant == "clean" else 150
    run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page), pdf, base + ".raw"])
    if variant == "clean":
        os.rename(base + ".raw.png", out_png)
        return
    from PIL import Image, ImageChops, ImageFilter  # only needed for degraded copies

    img = Image.open(base + ".raw.png").convert("L")
    rnd = random.Random(f"{os.path.basename(pdf)}:{page}")
    angle = rnd.choice([-1, 1]) * rnd.uniform(1.0, 2.0)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    noise = Image.effect_noise(img.size, 28)  # Gaussian, centred on 128
    img = ImageChops.add(img, noise, 1.0, -128)
    img.save(out_png)
    os.remove(base + ".raw.png")


def ocr_one(job):
    doc, pdf, page, variant = job
    d = os.path.join(CACHE, variant)
    os.makedirs(d, exist_ok=True)
    key = page_key(doc, page)
    png = os.path.join(d, key + ".png")
    tsv = os.path.join(d, key + ".tsv")
    ref = os.path.join(CACHE, "ref", key + ".txt")
    os.makedirs(os.path.dirname(ref), exist_ok=True)
    if not os.path.exists(ref):
        txt = run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"]).stdout.decode("utf-8", "replace")
        with open(ref, "w") as f:
            f.write(txt)
    if not os.path.exists(tsv):
        render(pdf, page, variant, png)
        out = run(["tesseract", png, "stdout", "-l", "vie", "tsv"]).stdout.decode("utf-8", "replace")
        with open(tsv + ".part", "w") as f:
            f.write(out)
        os.rename(tsv + ".part", tsv)
    return key, variant


def cmd_ocr():
    jobs = [(doc, pdf, p, v) for v in VARIANTS for (_, doc, pdf, pages) in PAGES for p in pages]
    # one Tesseract at a time with 2 threads would be the same; 2 processes with 1 thread each
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ThreadPoolExecutor(max_workers=2) as ex:
        for key, v in ex.map(ocr_one, jobs):
            print("ocr", v, key, flush=True)


# ---------------------------------------------------------------- scoring


def tsv_text(tsv_path):
    """Words of a Tesseract TSV joined by spaces, lines by newlines."""
    lines = []
    cur = None
    words = []
    with open(tsv_path) as f:
        next(f, None)
        for row in f:
            cols = row.rstrip("\n").split("\t")
            if len(cols) < 12 or cols[0] != "5":
                continue
            lk = tuple(cols[1:5])
            if lk != cur:
                if words:
                    lines.append(" ".join(words))
                words = []
                cur = lk
            if cols[11].strip():
                words.append(cols[11])
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines)


def norm(s):
    # some text layers (r24) print ư/Ư with the look-alike ƣ/Ƣ (U+01B0 vs U+01A3): the same letter
    s = unicodedata.normalize("NFC", s).replace("ƣ", "ư").replace("Ƣ", "Ư")
    return " ".join(s.split())


def edit_distance(a, b):
    try:
        from rapidfuzz.distance import Levenshtein

        return Levenshtein.distance(a, b)
    except ImportError:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]


SYM_RE = re.compile(
    r"(?<![\w/.:-])\d{1,5}(?:/(?:19|20)\d\d)?\s?[-/]\s?[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*"
)


def symbols(text):
    out = []
    for m in SYM_RE.finditer(text):
        s = re.sub(r"\s", "", m.group(0))
        # a code segment has more upper-case than lower-case letters (vanban-refs' rule)
        segs = re.split(r"[-/]", s)[1:]
        letters = [g for g in segs if not g.isdigit()]
        if letters and all(sum(c.isupper() for c in g) > sum(c.islower() for c in g) for g in letters):
            # a footnote number printed right after a symbol runs into it in the text layer
            # (42/2024/QH15¹ -> "QH151", TT-BGTVT⁴ -> "BGTVT4"): drop digits after the last
            # code's letters, except the two of a legislature code (QH15)
            last = segs[-1]
            qh = re.fullmatch(r"(?:UBTVQH|QH)(\d+)", last)
            tail = re.fullmatch(r".*\D(\d+)", last)
            extra = (len(qh.group(1)) - 2 if qh else len(tail.group(1)) if tail else 0)
            if extra > 0:
                s = s[: len(s) - extra]
            out.append(s)
    return out


def symbols_read(ref_syms, text):
    got = {re.sub(r"\s", "", s) for s in symbols(text)}
    flat = re.sub(r"\s", "", text)
    return sum(1 for s in ref_syms if s in got or s in flat)


def corrector():
    exe = os.environ.get("CORRECT_BIN") or os.path.join(ROOT, "target", "release", "examples", "correct")
    if not os.path.exists(exe):
        sys.exit(f"missing {exe}: cargo build --release -p vanban-correct --example correct")
    return exe


def correct(exe, data, args, stdin):
    cmd = [exe] + args + (["--data", data] if data else [])
    return subprocess.run(cmd, input=stdin.encode(), check=True, capture_output=True).stdout.decode()


def word_changes(ref_txt, raw, cor):
    """Words the correction changed, judged against the reference: (fixed, broken, other)."""
    import difflib

    ref = norm(ref_txt).split()
    rw, cw = norm(raw).split(), norm(cor).split()
    if len(rw) != len(cw):
        return 0, 0, abs(len(rw) - len(cw))
    truth = {}
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, rw, ref, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
            for k in range(a2 - a1):
                truth[a1 + k] = ref[b1 + k]
    fixed = broken = other = 0
    for k, (a, b) in enumerate(zip(rw, cw)):
        if a == b:
            continue
        g = truth.get(k)
        if g == b:
            fixed += 1
        elif g == a:
            broken += 1
        else:
            other += 1
    return fixed, broken, other


# what scripts/build-lexicon.py --exclude needs to leave a measured document out (its text
# layer, and for a fixture the corpus text and the other renderings it was made from)
SOURCE_OF = {
    "fx-binh-dinh": "binh-dinh",
    "fx-header": "header-two-column",
    "fx-kien-giang": "kien-giang",
    "fx-lam-dong": "lam-dong",
}


def heldout_lexicon(which):
    sets = {"tune": ["tune", "report"], "report": ["report"], "all": ["tune", "report"]}[which]
    exclude = sorted({SOURCE_OF.get(doc, doc) for (s, doc, _pdf, _pages) in PAGES if s in sets})
    out = os.path.join(CACHE, f"lexicon-without-{which}.tsv")
    run([sys.executable, os.path.join(ROOT, "scripts", "build-lexicon.py"), "--out", out, "--exclude", ",".join(exclude)])
    return out


def cmd_score(which, data):
    exe = corrector()
    sets = {"tune": ["tune"], "report": ["report"], "all": ["tune", "report"]}[which]
    print(f"set={which} lexicon={data or 'built-in'}")
    for v in VARIANTS:
        tot = {"ref": 0, "raw": 0, "cor": 0, "sym": 0, "sym_raw": 0, "sym_cor": 0, "fixed": 0, "broken": 0, "other": 0}
        per_page = []
        for (s, doc, _pdf, pages) in PAGES:
            if s not in sets:
                continue
            for p in pages:
                key = page_key(doc, p)
                tsv = os.path.join(CACHE, v, key + ".tsv")
                if not os.path.exists(tsv):
                    print("  missing", v, key)
                    continue
                ref_txt = open(os.path.join(CACHE, "ref", key + ".txt")).read()
                raw = tsv_text(tsv)
                cor = correct(exe, data, ["--tsv"], open(tsv).read())
                r, a, c = norm(ref_txt), norm(raw), norm(cor)
                if not r:
                    continue
                da, dc = edit_distance(r, a), edit_distance(r, c)
                rs = symbols(ref_txt)
                sr, sc = symbols_read(rs, raw), symbols_read(rs, cor)
                fx, br, ot = word_changes(ref_txt, raw, cor)
                tot["fixed"] += fx
                tot["broken"] += br
                tot["other"] += ot
                per_page.append((key, len(r), da / len(r), dc / len(r), len(rs), sr, sc))
                tot["ref"] += len(r)
                tot["raw"] += da
                tot["cor"] += dc
                tot["sym"] += len(rs)
                tot["sym_raw"] += sr
                tot["sym_cor"] += sc
        print(f"== {v}")
        for key, n, ca, cc, ns, sr, sc in per_page:
            mark = " WORSE" if cc > ca else ""
            print(f"  {key:22} chars={n:5} CER {ca:.4f} -> {cc:.4f}  symbols {sr}/{ns} -> {sc}/{ns}{mark}")
        if tot["ref"]:
            mean_a = sum(x[2] for x in per_page) / len(per_page)
            mean_c = sum(x[3] for x in per_page) / len(per_page)
            print(
                f"  POOLED pages={len(per_page)} CER {tot['raw'] / tot['ref']:.4f} -> {tot['cor'] / tot['ref']:.4f}"
                f" (mean per page {mean_a:.4f} -> {mean_c:.4f});"
                f" symbols exact {tot['sym_raw']}/{tot['sym']} -> {tot['sym_cor']}/{tot['sym']}"
            )
            print(
                f"  words changed: {tot['fixed']} now match the reference, {tot['broken']} matched it before,"
                f" {tot['other']} neither"
            )
    # false corrections on clean text: the reference text itself through correct_text
    # (confidence unknown), and with every word at confidence 90 (known syllables reconsidered)
    for conf in (None, "90"):
        false_corrections(sets, exe, data, conf)


def false_corrections(sets, exe, data, conf):
    changed = total = 0
    for (s, doc, _pdf, pages) in PAGES:
        if s not in sets:
            continue
        for p in pages:
            refp = os.path.join(CACHE, "ref", page_key(doc, p) + ".txt")
            if not os.path.exists(refp):
                continue
            ref_txt = open(refp).read()
            out = correct(exe, data, ["--conf", conf] if conf else [], ref_txt)
            a, b = ref_txt.split(), out.split()
            total += len(a)
            diffs = [(x, y) for x, y in zip(a, b) if x != y]
            changed += len(diffs) + abs(len(a) - len(b))
            for x, y in diffs:
                print(f"  changed in the reference {page_key(doc, p)}: {x!r} -> {y!r}")
    how = f"every word at confidence {conf}" if conf else "confidence unknown"
    print(f"== clean reference text ({how}): {changed}/{total} tokens changed ({changed / max(total, 1):.5f})")


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("ocr", "score"):
        sys.exit(__doc__)
    if args[0] == "ocr":
        cmd_ocr()
    else:
        which = "all"
        data = None
        if "--set" in args:
            which = args[args.index("--set") + 1]
        if "--data" in args:
            data = args[args.index("--data") + 1]
        if "--heldout" in args:
            data = heldout_lexicon(which)
        cmd_score(which, data)


if __name__ == "__main__":
    main()
