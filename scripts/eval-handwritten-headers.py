#!/usr/bin/env python3
"""Numbers and days written in by hand on scans we have not seen: made, read, counted.

A clerk often writes the document's number ("Số: 813 /HC-CNHC") and the day of its date
("ngày 22 tháng 4") in by hand after signing, and the scan is what users get. The six real
scans of ../shared/real-pdf/ hold only seven such gaps, the development set of
`vanban_ocr::hand`; this script makes many more whose answers are known, in hands the digit
network was not trained on, and counts for each gap whether vanban read it right, left it
unread (null) or read it wrong — the last is the one that must stay near zero.

Documents: the real PDFs with a text layer and the national fixtures (fixtures/national),
page 1 only. On each, pdfplumber finds the header's "Số:" label and the next character that
is no digit ("/" or "-"), and the "ngày" and "tháng" of the place-and-date line in the top
two fifths. The page is rendered by pdftoppm at 200 dpi in gray without annotations (so an
e-signature's stamped number leaves its gap blank, as on paper before the clerk writes), the
typed digits in both gaps are painted out, and a random number (1–4 digits) and day (1–28,
written "5" or "05") are written into them:

  - in a handwriting font family `scripts/train-digits.py` holds out of training (it names
    them when it runs; the list is below), at 0.9–1.25 times the printed line's height
    (strokes 7–12% of it wide, solid), each digit turned and moved a little, spaced
    unevenly, in dark blue-black ink; or
  - in MNIST digits the trainer holds out (every tenth), scaled to the same height.

Each page is saved twice, as an image-only PDF: `clean` (200 dpi, JPEG) and `degraded`
(150 dpi, slight blur, noise, 0.5–1.5° skew, JPEG); with `--variants …,low` also `low`, a
phone or copier scan at 90 dpi (area-averaged down, up to 1° turned, blurred, noise, JPEG), as
the real r01 at 87 dpi — made with a generator of its own, so that the clean and degraded
pages of a seed are the same with or without it. The answers: the gold's number with its
digits replaced by the written ones, and the gold's date with the written day.

Each binary given (`--bin`, more than one to compare) converts every page with
`vanban extract --ocr always`; and as the peer a user would pick, the same images through the
bare `tesseract -l vie` command, its text given to the first binary as a .txt file.

    python3 scripts/eval-handwritten-headers.py --data /tmp/hwdata/node_modules \\
        [--bin target/release/vanban ...] [--hands 3] [--out /tmp/hwheaders] [--jobs 2] \\
        [--seed N] [--no-peer] [--variants clean,degraded,low]

Deterministic (seeded; `--seed` makes another set, to measure rules made while looking
at the first on pages they were not made on). Needs: pdfplumber, Pillow, numpy, fontTools
with brotli, poppler-utils, tesseract with vie; the npm packages of train-digits.py's
docstring under --data.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import types
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real-pdf"
NATIONAL = ROOT / "fixtures" / "national"
# the handwriting families train-digits.py holds out of training (it prints them)
HELD_OUT = [
    "playwrite-be-wal",
    "playwrite-cz",
    "playwrite-de-la",
    "playwrite-gb-j",
    "playwrite-gb-s",
    "edu-vic-wa-nt-beginner",
    "delicious-handrawn",
    "gloria-hallelujah",
    "marck-script",
    "shadows-into-light",
    "yellowtail",
    "zen-kurenaido",
    "zeyada",
]
DPI = 200
SCALE = DPI / 72.0
LOW_DPI = 90


def trainer() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("train_digits", ROOT / "scripts/train-digits.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["train_digits"] = mod
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Gap:
    x0: float  # page points
    x1: float
    top: float
    bottom: float  # of the printed line (label / neighbour characters)


@dataclass
class Doc:
    name: str
    pdf: Path
    gold: dict
    number: Gap | None
    number_rest: str  # the symbol after the digits ("/HC-CNHC")
    day: Gap | None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_gaps(pdf: Path) -> tuple[Gap | None, Gap | None]:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        page = doc.pages[0]
        chars = [c for c in page.chars if c["top"] < 0.4 * float(page.height)]
    # lines: characters whose tops are within a third of a size of each other
    chars.sort(key=lambda c: (round(c["top"] / 4), c["x0"]))
    lines: list[list[dict]] = []
    for c in chars:
        for line in lines:
            if abs(line[0]["top"] - c["top"]) < 0.35 * line[0]["size"]:
                line.append(c)
                break
        else:
            lines.append([c])
    number = day = None
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in line)
        m = re.search(r"Số\s*:?\s*(\d*)\s*[/-]", text)
        if number is None and m and len(text) == len(line):
            label_end = m.start(1) - 1
            while label_end > 0 and text[label_end] == " ":
                label_end -= 1
            nxt = m.end() - 1
            a, b = line[label_end], line[nxt]
            number = Gap(a["x1"], b["x0"], min(a["top"], b["top"]), max(a["bottom"], b["bottom"]))
        d = re.search(r"ngày\s*(\d*)\s*tháng", text)
        if day is None and d and len(text) == len(line):
            a, b = line[d.start() + 3], line[d.end() - 5]
            day = Gap(a["x1"], b["x0"], min(a["top"], b["top"]), max(a["bottom"], b["bottom"]))
    return number, day


def load_docs() -> list[Doc]:
    golds: dict[str, dict] = {}
    for gdir in (REAL / "gold", NATIONAL / "gold"):
        for g in gdir.glob("*.json"):
            d = json.loads(g.read_text())
            if d.get("sha256"):
                golds[d["sha256"]] = d
    manifest = json.loads((REAL / "manifest.json").read_text())
    files = manifest if isinstance(manifest, list) else manifest.get("files", manifest)
    pdfs = []
    for f in files if isinstance(files, list) else files.values():
        if isinstance(f, dict) and f.get("layer") == "text":
            pdfs.append(REAL / f["file"] if "file" in f else REAL / f"{f['id']}.pdf")
    pdfs += sorted(NATIONAL.glob("*.pdf"))
    docs = []
    for pdf in pdfs:
        gold = golds.get(sha256(pdf))
        if not gold or not gold.get("metadata"):
            continue
        meta = gold["metadata"]
        number, day = find_gaps(pdf)
        num = meta.get("doc_number") or ""
        m = re.match(r"\d+([/-].*)$", num)
        rest = m.group(1) if m else ""
        if not rest:
            number = None
        if not re.match(r"\d{4}-\d\d-\d\d$", meta.get("date") or ""):
            day = None
        if number or day:
            docs.append(Doc(pdf.stem, pdf, gold, number, rest, day))
    return docs


class Hands:
    """Digit strings drawn in a held-out handwriting font or in held-out MNIST digits."""

    def __init__(self, data: Path) -> None:
        td = trainer()
        self.td = td
        faces = [f for f in td.discover_faces(data) if f.family in HELD_OUT]
        self.faces = [f for f in faces if not td.check_face(f)]
        images, labels = td.load_mnist(data)
        held = np.arange(len(images)) % 10 == 0
        self.mnist = {d: images[held & (labels == d)] for d in range(10)}
        self.weight = 0

    def names(self) -> list[str]:
        """One per family (a weight of it picked per digit string), and MNIST."""
        return [*sorted({f.family for f in self.faces}), "mnist"]

    def glyph(self, hand: str, digit: int, rnd: random.Random) -> np.ndarray:
        """Ink in [0, 1], trimmed, of one digit."""
        if hand == "mnist":
            pool = self.mnist[digit]
            a = pool[rnd.randrange(len(pool))]
            big = Image.fromarray(a, "F").resize((84, 84), Image.BILINEAR)
            a = np.clip(np.asarray(big, np.float32), 0, 1)
        else:
            faces = [f for f in self.faces if f.family == hand]
            m = self.td.render(faces[self.weight % len(faces)], str(digit))
            a = m.ink
        rows = np.flatnonzero((a > 0.2).any(axis=1))
        cols = np.flatnonzero((a > 0.2).any(axis=0))
        return a[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]

    def write(self, hand: str, digits: str, height: float, rnd: random.Random) -> np.ndarray:
        """The digits side by side, `height` px high, each turned ±6° and moved a little."""
        parts = []
        self.weight = rnd.randrange(6)
        for ch in digits:
            a = pen(self.glyph(hand, int(ch), rnd), rnd)
            s = height / a.shape[0] * rnd.uniform(0.9, 1.08)
            im = Image.fromarray((a * 255).astype(np.uint8)).resize(
                (max(1, round(a.shape[1] * s)), max(1, round(a.shape[0] * s))), Image.LANCZOS
            )
            im = Image.fromarray(np.pad(np.asarray(im), 2))
            im = im.rotate(rnd.uniform(-6, 6), resample=Image.BILINEAR, expand=True)
            parts.append(np.asarray(im, np.float32) / 255.0)
        gaps = [round(height * rnd.uniform(0.04, 0.25)) for _ in parts[1:]]
        w = sum(p.shape[1] for p in parts) + sum(gaps)
        hh = max(p.shape[0] for p in parts) + round(0.16 * height)
        out = np.zeros((hh, w), np.float32)
        x = 0
        for i, p in enumerate(parts):
            y = rnd.randint(0, hh - p.shape[0])
            out[y : y + p.shape[0], x : x + p.shape[1]] = np.maximum(
                out[y : y + p.shape[0], x : x + p.shape[1]], p
            )
            x += p.shape[1] + (gaps[i] if i < len(gaps) else 0)
        return out


def pen(ink: np.ndarray, rnd: random.Random) -> np.ndarray:
    """The glyph (drawn large) as a ballpoint draws it: solid strokes 7–12% of its height
    wide, a font's hairline weight thickened to that."""
    mask = np.pad(ink > 0.3, 12)
    area = float(mask.sum())
    edge = float((mask ^ np.roll(mask, 1, axis=0)).sum() + (mask ^ np.roll(mask, 1, axis=1)).sum())
    stroke = 2 * area / max(edge, 1.0)
    want = ink.shape[0] * rnd.uniform(0.07, 0.12)
    im = Image.fromarray((mask * 255).astype(np.uint8))
    grow = round(want - stroke)
    if grow >= 1:
        im = im.filter(ImageFilter.MaxFilter(2 * ((grow + 1) // 2) + 1))
    a = np.asarray(im, np.float32) / 255.0
    rows = np.flatnonzero((a > 0.5).any(axis=1))
    cols = np.flatnonzero((a > 0.5).any(axis=0))
    return a[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def render_page(pdf: Path) -> Image.Image:
    with tempfile.TemporaryDirectory() as t:
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(DPI),
                "-gray",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                "-hide-annotations",
                "-png",
                str(pdf),
                f"{t}/p",
            ],
            check=True,
        )
        return Image.open(f"{t}/p.png").convert("L").copy()


def put(page: np.ndarray, gap: Gap, ink: np.ndarray, rnd: random.Random) -> None:
    """Paint the gap out and write `ink` into it, resting on the line, a little above."""
    x0, x1 = gap.x0 * SCALE, gap.x1 * SCALE
    top, bottom = gap.top * SCALE, gap.bottom * SCALE
    h = bottom - top
    page[int(top - 0.1 * h) : int(bottom + 0.15 * h) + 1, int(x0 + 1) : int(x1 - 1)] = 255
    room = (x1 - x0) - 0.3 * h
    if ink.shape[1] > room:  # smaller, down to the line's height, then narrower
        s = max(room / ink.shape[1], 0.9 * h / ink.shape[0])
        w = min(int(room), round(ink.shape[1] * s))
        im = Image.fromarray((ink * 255).astype(np.uint8))
        ink = np.asarray(im.resize((max(1, w), max(1, round(ink.shape[0] * s))), Image.BILINEAR))
        ink = ink / 255.0
    left = int(x0 + 0.15 * h + rnd.uniform(0, max(0.0, room - ink.shape[1])))
    base = bottom - 0.18 * h - rnd.uniform(0, 0.15) * h  # the printed baseline, then up
    y = int(base - ink.shape[0])
    level = rnd.uniform(20, 70)  # blue-black ballpoint, in gray
    y0, x0i = max(0, y), max(0, left)
    region = page[y0 : y0 + ink.shape[0], x0i : x0i + ink.shape[1]]
    sub = ink[y0 - y : y0 - y + region.shape[0], x0i - left : x0i - left + region.shape[1]]
    page[y0 : y0 + region.shape[0], x0i : x0i + region.shape[1]] = np.minimum(
        region, 255 - sub * (255 - level)
    )


def degrade(im: Image.Image, rnd: random.Random) -> tuple[Image.Image, int]:
    im = im.resize((im.width * 3 // 4, im.height * 3 // 4), Image.LANCZOS)
    im = im.rotate(
        rnd.choice([-1, 1]) * rnd.uniform(0.5, 1.5), resample=Image.BICUBIC, fillcolor=255
    )
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(im, np.float32)
    noise = np.random.default_rng(rnd.getrandbits(32)).normal(0, 8, a.shape)
    return Image.fromarray(np.clip(a + noise, 0, 255).astype(np.uint8)), 150


def low(im: Image.Image, rnd: random.Random) -> tuple[Image.Image, int]:
    """A phone or copier scan at 90 dpi, as the real r01 (87 dpi): area-averaged down,
    slightly turned and blurred, sensor noise; the JPEG the page is saved as does the rest."""
    im = im.resize((im.width * LOW_DPI // DPI, im.height * LOW_DPI // DPI), Image.BOX)
    im = im.rotate(rnd.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=255)
    im = im.filter(ImageFilter.GaussianBlur(rnd.uniform(0.2, 0.5)))
    a = np.asarray(im, np.float32)
    noise = np.random.default_rng(rnd.getrandbits(32)).normal(0, 6, a.shape)
    return Image.fromarray(np.clip(a + noise, 0, 255).astype(np.uint8)), LOW_DPI


def make_set(
    docs: list[Doc], hands: Hands, per_doc: int, out: Path, seed: int, variants: list[str]
) -> list[dict]:
    rnd = random.Random(seed)
    names = hands.names()
    cases = []
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        base = np.asarray(render_page(doc.pdf), np.uint8)
        for k in range(per_doc):
            hand = names[rnd.randrange(len(names))]
            page = base.copy()
            meta = doc.gold["metadata"]
            want_number = want_date = None
            if doc.number:
                h = (doc.number.bottom - doc.number.top) * SCALE
                # as many digits (1–4) as the blank holds at the line's height
                room = (doc.number.x1 - doc.number.x0) * SCALE - 0.3 * h
                most = max(1, min(4, int(room / (0.7 * h))))
                n = str(rnd.randint(1, 9)) + "".join(
                    str(rnd.randint(0, 9)) for _ in range(rnd.randint(0, most - 1))
                )
                put(page, doc.number, hands.write(hand, n, h * rnd.uniform(0.9, 1.25), rnd), rnd)
                want_number = n + doc.number_rest
            if doc.day:
                d = rnd.randint(1, 28)
                text = f"{d:02}" if d < 10 and rnd.random() < 0.5 else str(d)
                h = (doc.day.bottom - doc.day.top) * SCALE
                put(page, doc.day, hands.write(hand, text, h * rnd.uniform(0.9, 1.25), rnd), rnd)
                want_date = meta["date"][:8] + f"{d:02}"
            img = Image.fromarray(page)
            made = {"clean": (img, DPI), "degraded": degrade(img, rnd)}
            if "low" in variants:
                # a generator of its own: the clean and degraded pages stay those of the seed
                made["low"] = low(img, random.Random(f"{seed}-{doc.name}-{k}-low"))
            for variant in variants:
                im, dpi = made[variant]
                name = f"{doc.name}-{k}-{variant}"
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=85)
                pdf = out / f"{name}.pdf"
                Image.open(buf).save(pdf, "PDF", resolution=dpi)
                im.save(out / f"{name}.png", dpi=(dpi, dpi))
                cases.append(
                    {
                        "name": name,
                        "hand": hand,
                        "variant": variant,
                        "number": want_number,
                        "date": want_date,
                    }
                )
    (out / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1))
    return cases


def extract(binary: str, path: Path, extra: list[str]) -> dict:
    r = subprocess.run([binary, "extract", *extra, str(path)], capture_output=True, timeout=600)
    try:
        return json.loads(r.stdout.decode())["metadata"]
    except (ValueError, KeyError):
        return {}


def peer(binary: str, png: Path) -> dict:
    txt = png.with_suffix(".tesseract.txt")
    if not txt.exists():
        r = subprocess.run(["tesseract", str(png), "-", "-l", "vie"], capture_output=True)
        txt.write_bytes(r.stdout)
    return extract(binary, txt, [])


def tally(cases: list[dict], metas: list[dict]) -> dict:
    t = {f: {"right": 0, "null": 0, "wrong": 0} for f in ("number", "date")}
    wrong = []
    for c, m in zip(cases, metas):
        for f, key in (("number", "doc_number"), ("date", "date")):
            want = c[f]
            if want is None:
                continue
            got = m.get(key)
            kind = "null" if got is None else "right" if got == want else "wrong"
            t[f][kind] += 1
            if kind == "wrong":
                wrong.append(f"{c['name']} {f}: {got} (written {want}, {c['hand']})")
    return {"tally": t, "wrong": wrong}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="node_modules of train-digits.py")
    ap.add_argument("--bin", action="append", help="vanban binaries to compare")
    ap.add_argument("--hands", type=int, default=3, help="pages per document")
    ap.add_argument("--out", type=Path, default=Path("/tmp/hwheaders"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--seed", type=int, default=20261201, help="another seed: another set")
    ap.add_argument(
        "--variants",
        default="clean,degraded",
        help="pages made and read, of clean (200 dpi), degraded (150 dpi), low (90 dpi)",
    )
    args = ap.parse_args()
    variants = args.variants.split(",")
    if not variants or any(v not in ("clean", "degraded", "low") for v in variants):
        ap.error(f"--variants: clean, degraded or low, not {args.variants}")
    bins = args.bin or [str(ROOT / "target/release/vanban")]
    docs = load_docs()
    print(
        f"{len(docs)} documents: "
        + ", ".join(f"{d.name}({'n' if d.number else ''}{'d' if d.day else ''})" for d in docs)
    )
    hands = Hands(args.data)
    print(f"hands: {', '.join(hands.names())}")
    cases = make_set(docs, hands, args.hands, args.out, args.seed, variants)
    runs: dict[str, list[dict]] = {}
    with ThreadPoolExecutor(args.jobs) as pool:
        for b in bins:
            paths = [args.out / f"{c['name']}.pdf" for c in cases]
            runs[b] = list(
                pool.map(extract, [b] * len(paths), paths, [["--ocr", "always"]] * len(paths))
            )
        if not args.no_peer:
            runs["bare tesseract -> " + Path(bins[0]).name] = list(
                pool.map(lambda c: peer(bins[0], args.out / f"{c['name']}.png"), cases)
            )
    report = {}
    for name, metas in runs.items():
        for variant in [*variants, "all"]:
            sel = [(c, m) for c, m in zip(cases, metas) if variant in ("all", c["variant"])]
            r = tally([c for c, _ in sel], [m for _, m in sel])
            report.setdefault(name, {})[variant] = r["tally"]
            if variant == "all":
                report[name]["wrong"] = r["wrong"]
        report[name]["read"] = {
            c["name"]: [m.get("doc_number"), m.get("date")] for c, m in zip(cases, metas)
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
