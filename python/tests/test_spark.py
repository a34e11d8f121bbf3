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


STRENGTH = {"implements": 3, "basis": 2, "cites": 1}


def number_key(number: str) -> str:
    """A cited number as the audit matches it: case, spaces, dashes, leading zeros, Đ/D."""
    s = "".join(number.split()).upper().replace("Đ", "D")
    for dash in "‐‑‒–—":
        s = s.replace(dash, "-")
    serial = len(s) - len(s.lstrip("0123456789"))
    return (s[:serial].lstrip("0") or "0") + s[serial:] if serial else s


def cli_citations(audit: Path) -> tuple[list[str], list[list[str]], dict[str, str]]:
    """citations.csv (header, rows) and its column labels' numbers (from audit.json): since
    #17 the CLI's columns are cited documents (number + date), the Spark audit's numbers."""
    with open(audit / "citations.csv", encoding="utf-8", newline="") as f:
        header, *body = list(csv.reader(f))
    columns = json.loads((audit / "audit.json").read_text(encoding="utf-8"))["columns"]
    by_label = {c["label"]: c["number"] for c in columns}
    by_id = {c["id"]: c["number"] for c in columns}
    numbers = [number_key(by_label[h]) for h in header[6:]]
    return numbers, body, by_id


def strongest(rels: list[str]) -> str:
    return max(rels, key=lambda r: STRENGTH[r])


def test_audit_equals_citations_csv(job: dict, audit: Path) -> None:
    numbers, body, _ = cli_citations(audit)
    per_doc: dict[tuple[str, str], list[str]] = {}
    for r in body:
        for number, rel in zip(numbers, r[6:]):
            if rel:
                per_doc.setdefault((r[5], number), []).append(rel)
    cli = {(p, n, strongest(rels)) for (p, n), rels in per_doc.items()}
    c = job["citations"]
    spark = {
        (local(p), number_key(n), rel) for p, n, rel in zip(c["path"], c["number"], c["relation"])
    }
    assert len(cli) > 20
    assert spark == cli
    # each document's province, 2025 province and number, as the CSV has them
    heads = {r[5]: (r[0], r[1], r[2]) for r in body}
    for p, prov, p25, num in zip(c["path"], c["province"], c["province_2025"], c["doc_number"]):
        assert heads[local(p)] == (prov or "", p25 or "", num or "")


def test_province_matrix_equals_citations_csv_grouped(job: dict, audit: Path) -> None:
    numbers, body, by_id = cli_citations(audit)
    # per document and number the strongest relation, then per province and number
    docs: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for r in body:
        for number, rel in zip(numbers, r[6:]):
            if rel:
                docs.setdefault((r[1], r[0], number), {}).setdefault(r[5], []).append(rel)
    cli = {
        key: (strongest([strongest(rels) for rels in per.values()]), len(per))
        for key, per in docs.items()
    }
    m = job["citation_matrix"]
    spark = {
        (p25 or "", prov or "", number_key(num)): (rel, int(n))
        for p25, prov, num, rel, n in zip(
            m["province_2025"], m["province"], m["number"], m["relation"], m["documents"]
        )
    }
    assert spark == cli
    # audit.json's documents say the same (one number can name several cited documents
    # there: their cells join under the number, each document counted once)
    per: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for d in json.loads((audit / "audit.json").read_text(encoding="utf-8"))["documents"]:
        for k, rel in d["citations"].items():
            key = (d["province_2025"] or "", d["province"] or "", number_key(by_id[k]))
            per.setdefault(key, {}).setdefault(d["path"], []).append(rel)
    cells = {
        key: (strongest([strongest(rels) for rels in docs.values()]), len(docs))
        for key, docs in per.items()
    }
    assert spark == cells


def test_references_table_carries_identity_and_the_resolved_law(job: dict) -> None:
    r = job["references"]
    kg = r[r["path"].str.endswith("kien-giang-251-kh-ubnd-2023.md")]
    named = kg[kg["name"] == "Luật Hợp tác xã"]
    # a law cited by name alone: the version passed before the plan's date (2023-10-20)
    assert list(named["resolved_number"]) == ["17/2023/QH15"]
    assert list(named["resolved_date"]) == ["2023-06-20"]
    assert named["number"].isna().all()
    numbered = r[r["number"].notna()]
    assert len(numbered) > 20
    assert numbered["id"].notna().all()
    assert not numbered["resolved_number"].notna().any()
