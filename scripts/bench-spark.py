"""Throughput of the Spark job (vanban.spark) at local[1] and local[2].

    target/pyenv/bin/python scripts/bench-spark.py [INPUTS...] [--copies 4]

Default inputs: the corpus and its PDF and DOCX fixtures, copied --copies times into a
scratch folder (distinct paths, so every copy is converted). Each master runs the whole job
(convert, write the Parquet tables, audit); a first run warms the JVM and is not counted.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from pyspark.sql import SparkSession

from vanban.spark import run

ROOT = Path(__file__).resolve().parents[1]


def timed(master: str, inputs: list[str], out: str) -> tuple[float, int]:
    spark = (
        SparkSession.builder.master(master)
        .appName(f"vanban-bench-{master}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    try:
        run(spark, inputs, out)  # warm-up
        started = time.perf_counter()
        tables = run(spark, inputs, out)
        docs = tables["documents"].count()
        return time.perf_counter() - started, docs
    finally:
        spark.stop()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="*")
    p.add_argument("--copies", type=int, default=4)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.inputs
        if not inputs:
            files = [
                f
                for pattern in ("corpus/*", "fixtures/pdf/*.pdf", "fixtures/docx/*.docx")
                for f in ROOT.glob(pattern)
            ]
            for i in range(args.copies):
                d = Path(tmp, "in", f"copy{i}")
                d.mkdir(parents=True)
                for f in files:
                    shutil.copy(f, d / f.name)
            inputs = [str(Path(tmp, "in"))]
        mb = sum(f.stat().st_size for i in inputs for f in Path(i).rglob("*") if f.is_file()) / 1e6
        for master in ("local[1]", "local[2]"):
            secs, docs = timed(master, inputs, str(Path(tmp, "out")))
            print(
                f"{master}: {docs} documents, {mb:.1f} MB in {secs:.1f} s: "
                f"{docs / secs:.2f} documents/s, {mb / secs:.2f} MB/s"
            )


if __name__ == "__main__":
    main()
