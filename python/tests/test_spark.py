"""The Spark job on local[2]: its tables, and its audit equal to `vanban audit`'s citations.csv."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from vanban.spark import run

# Converted and failing files next to the corpus (the Spark job takes folders and files).
FILES = [
    "fixtures/pdf/corpus-kien-giang-251-kh-ubnd-2023.pdf",
    "fixtures/pdf/corpus-lam-dong-chuong-trinh-hanh-dong-20-nq-tw.pdf",
    "fixtures/pdf/table-merged-cells.pdf",
    "fixtures/batch/truncated.pdf",
    "fixtures/batch/zero-byte.txt",
    "fixtures/batch/binary-garbage.txt",
    "fixtures/batch/corrupt.docx",
    "fixtures/torture/encrypted-user-password.pdf",
]
FAILING = {
    "zero-byte.txt": "empty",
    "binary-garbage.txt": "binary",
    "corrupt.docx": "docx",
    "encrypted-user-password.pdf": "encrypted",
    "truncated.pdf": "pdf",
}


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    s = (
        SparkSession.builder.master("local[2]")
        .appName("vanban-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(root: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """corpus/ and fixtures/docx/ as folders, the other fixtures as files, in a scratch copy
    (so both tools see the same absolute paths)."""
    d = tmp_path_factory.mktemp("spark-in")
    shutil.copytree(root / "corpus", d / "corpus")
    shutil.copytree(root / "fixtures/docx", d / "docx")
    for f in FILES:
        (d / "files").mkdir(exist_ok=True)
        shutil.copy(root / f, d / "files" / Path(f).name)
    return [str(d / "corpus"), str(d / "docx"), *sorted(str(p) for p in (d / "files").iterdir())]


@pytest.fixture(scope="module")
def job(spark: SparkSession, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("spark-out")
    return {name: df.toPandas() for name, df in run(spark, inputs, str(out)).items()}


@pytest.fixture(scope="module")
def audit(vanban_bin: Path, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    r = subprocess.run(
        [str(vanban_bin), "audit", *inputs, "-o", str(out)], capture_output=True, check=False
    )
    assert r.returncode == 3, r.stderr  # the failing files are reported, the rest audited
    return out


def local(path: str) -> str:
    """Spark names local files file:/abs/path; the CLI /abs/path."""
    return path.removeprefix("file:")


def test_audit_equals_citations_csv(job: dict, audit: Path) -> None:
    with open(audit / "citations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    numbers = header[6:]
    cli = {(r[5], number, rel) for r in body for number, rel in zip(numbers, r[6:]) if rel}
    c = job["citations"]
    spark = {(local(p), n, rel) for p, n, rel in zip(c["path"], c["number"], c["relation"])}
    assert len(cli) > 20
    assert spark == cli
    # each document's province, 2025 province and number, as the CSV has them
    heads = {r[5]: (r[0], r[1], r[2]) for r in body}
    for p, prov, p25, num in zip(c["path"], c["province"], c["province_2025"], c["doc_number"]):
        assert heads[local(p)] == (prov or "", p25 or "", num or "")


def test_province_matrix_equals_citations_csv_grouped(job: dict, audit: Path) -> None:
    strength = {"implements": 3, "basis": 2, "cites": 1}
    with open(audit / "citations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    numbers = rows[0][6:]
    cli: dict[tuple[str, str, str], tuple[str, int]] = {}
    for r in rows[1:]:
        for number, rel in zip(numbers, r[6:]):
            if not rel:
                continue
            key = (r[1], r[0], number)
            best, n = cli.get(key, (rel, 0))
            cli[key] = (rel if strength[rel] > strength[best] else best, n + 1)
    m = job["citation_matrix"]
    spark = {
        (p25 or "", prov or "", num): (rel, int(docs))
        for p25, prov, num, rel, docs in zip(
            m["province_2025"], m["province"], m["number"], m["relation"], m["documents"]
        )
    }
    assert spark == cli
    # audit.json's provinces say the same
    provinces = json.loads((audit / "audit.json").read_text(encoding="utf-8"))["provinces"]
    cells = {
        (p["province_2025"] or "", p["province"] or "", num): (c["relation"], c["documents"])
        for p in provinces
        for num, c in p["citations"].items()
    }
    assert spark == cells


def test_tables_have_one_row_per_item(job: dict, audit: Path) -> None:
    report = json.loads((audit / "audit.json").read_text(encoding="utf-8"))
    docs = job["documents"]
    assert sorted(map(local, docs["path"])) == sorted(d["path"] for d in report["documents"])
    assert len(job["references"]) == sum(d["references"] for d in report["documents"])
    assert len(job["targets"]) == len(report["targets"]) > 0
    assert len(job["tasks"]) == len(report["tasks"]) > 0
    for name in ("references", "targets", "tasks"):
        t = job[name]
        assert {"path", "province", "province_2025", "doc_number"} <= set(t.columns), name
    assert not any(docs["partial"])


def test_failed_files_are_error_rows(job: dict, inputs: list[str]) -> None:
    errors = job["errors"]
    got = {local(p).rsplit("/", 1)[-1]: k for p, k in zip(errors["path"], errors["kind"])}
    assert got == FAILING
    assert all(errors["message"].str.len() > 0)


def test_a_missing_input_is_an_error_row(spark: SparkSession, tmp_path: Path, root: Path) -> None:
    out = run(
        spark,
        [str(root / "corpus/kien-giang-251-kh-ubnd-2023.md"), str(tmp_path / "nothing.pdf")],
        str(tmp_path / "out"),
    )
    errors = out["errors"].collect()
    assert [(e.path, e.kind) for e in errors] == [(str(tmp_path / "nothing.pdf"), "io")]
    assert out["documents"].count() == 1
