#!/usr/bin/env python3
"""OCR speed: vanban against bare tesseract on the same scans, rounds interleaved.

The six scans of ../shared/real-pdf (r01 r03 r09 r17 r22 r45) are read by
`vanban batch --jobs 2` (a fresh output folder each round) and, as the peer, their page
images (`pdfimages -j`, the small stamp/signature images left out) by bare
`tesseract IMG - -l vie --psm 3 tsv`, two at a time. Rounds alternate vanban and the peer so
that the machine's noise falls on both. Per round: wall seconds and CPU seconds (user +
system of the children); the ratios vanban / tesseract of each round, and their median.

    python3 scripts/ocr-speed.py [--rounds 3] [--bin target/release/vanban [--bin OTHER ...]]

With several --bin, each round runs every binary and the peer once, in turn, so that two
builds are compared in the same run (each against the peer of its round).

Needs poppler-utils and tesseract with vie.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.environ.get("REAL_PDF", os.path.join(ROOT, "..", "shared", "real-pdf"))
DOCS = ["r01", "r03", "r09", "r17", "r22", "r45"]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(run) -> tuple[float, float]:
    c0, t0 = cpu(), time.perf_counter()
    run()
    return time.perf_counter() - t0, cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bin", action="append", help="vanban binary (repeatable)")
    a = ap.parse_args()
    bins = a.bin or [os.path.join(ROOT, "target", "release", "vanban")]
    work = tempfile.mkdtemp(prefix="ocr-speed-")
    inp, img = os.path.join(work, "in"), os.path.join(work, "img")
    os.makedirs(inp)
    os.makedirs(img)
    pages = 0
    for d in DOCS:
        src = os.path.join(REAL, f"{d}.pdf")
        os.symlink(os.path.abspath(src), os.path.join(inp, f"{d}.pdf"))
        info = subprocess.run(["pdfinfo", src], capture_output=True, text=True).stdout
        pages += int(next(ln.split()[1] for ln in info.splitlines() if ln.startswith("Pages:")))
        subprocess.run(["pdfimages", "-j", src, os.path.join(img, d)], check=True)
    images = sorted(
        os.path.join(img, f) for f in os.listdir(img) if os.path.getsize(os.path.join(img, f)) > 40_000
    )
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def vanban(binary: str) -> None:
        out = os.path.join(work, "out")
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([binary, "batch", inp, "-o", out, "--jobs", "2", "--quiet"], check=False)

    def tesseract() -> None:
        def one(path: str) -> None:
            subprocess.run(
                ["tesseract", path, "-", "-l", "vie", "--psm", "3", "tsv"],
                capture_output=True,
                env=env,
                check=False,
            )

        with ThreadPoolExecutor(2) as ex:
            list(ex.map(one, images))

    walls: dict[str, list[float]] = {b: [] for b in bins}
    cpus: dict[str, list[float]] = {b: [] for b in bins}
    for k in range(a.rounds):
        tw, tc = timed(tesseract)
        for b in bins:
            vw, vc = timed(lambda b=b: vanban(b))
            walls[b].append(vw / tw)
            cpus[b].append(vc / tc)
            name = "vanban" if len(bins) == 1 else b
            print(
                f"round {k + 1}: {name} {vw:.1f} s wall, {vc:.1f} s CPU; "
                f"tesseract {tw:.1f} s wall, {tc:.1f} s CPU; "
                f"ratio wall {vw / tw:.2f}, CPU {vc / tc:.2f}"
            )
    for b in bins:
        name = "vanban" if len(bins) == 1 else b
        print(
            f"{pages} pages, {len(images)} page images; median ratio {name}/tesseract: "
            f"wall {statistics.median(walls[b]):.2f}, CPU {statistics.median(cpus[b]):.2f}"
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
