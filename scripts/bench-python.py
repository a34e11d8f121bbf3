"""Threads scaling of the Python package: one thread vs N threads over the same batch.

    target/pyenv/bin/python scripts/bench-python.py [FILES...] [--threads 2] [--repeat 3]

Default batch: the corpus and its PDF and DOCX fixtures. Each run converts every file once
(vanban.extract, which releases the GIL while Rust works); the best of --repeat runs is kept.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import vanban

ROOT = Path(__file__).resolve().parents[1]


def run(files: list[str], threads: int) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for doc in pool.map(lambda f: vanban.extract(f, ocr="never"), files):
            assert doc["schema_version"] == 1
    return time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("files", nargs="*")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    files = args.files or sorted(
        str(f)
        for pattern in ("corpus/*", "fixtures/pdf/*.pdf", "fixtures/docx/*.docx")
        for f in ROOT.glob(pattern)
    )
    # largest first, so the threads end evenly
    files.sort(key=lambda f: -os.path.getsize(f))
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    run(files[:2], 1)  # warm-up: page cache, lazy statics
    one = min(run(files, 1) for _ in range(args.repeat))
    many = min(run(files, args.threads) for _ in range(args.repeat))
    print(f"{len(files)} files, {mb:.1f} MB, {os.cpu_count()} cores")
    print(f"1 thread : {one:.2f} s ({len(files) / one:.1f} files/s)")
    print(f"{args.threads} threads: {many:.2f} s ({len(files) / many:.1f} files/s)")
    print(f"speed-up : {one / many:.2f}x")


if __name__ == "__main__":
    main()
