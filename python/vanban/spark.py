"""vanban.spark: convert a folder or bucket of plans with Spark and audit their citations.

Data flow: Spark's ``binaryFile`` source (one row per file: path, bytes) → ``mapInPandas``
calling the vanban package on each file (the Rust pipeline, GIL released) → one row per
file: the contract JSON, or the error's kind and message → five Parquet tables, one row
per item, each row carrying the document's ``path``, ``province``, ``province_2025`` and
``doc_number``:

- ``documents``: one row per converted file (metadata, counts);
- ``references``: one row per referenced document;
- ``targets``: one row per numeric target;
- ``tasks``: one row per task (assignment);
- ``errors``: one row per file that could not be converted (``kind`` as the CLI's
  ``errors.jsonl``): a bad file is a row, never a failed job.

Then the citation audit in Spark SQL, as ``vanban audit`` computes it:

- ``citations``: document × referenced number (numbers matched ignoring case, spaces,
  leading zeros and Đ/D; shown in their most common spelling), strongest relation
  (implements > basis > cites) — the non-empty cells of ``citations.csv``;
- ``citation_matrix``: province × referenced number, strongest relation and the number of
  the province's documents that cite it (``matrix.md``'s "By province" table).

Run it::

    python -m vanban.spark corpus/ fixtures/docx/ --out out/spark --master 'local[2]'

Ví dụ (từ Python)::

    from pyspark.sql import SparkSession
    from vanban.spark import run

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    tables = run(spark, ["s3a://ke-hoach/2025/"], "s3a://ke-hoach-out/")
    tables["citation_matrix"].where("province_2025 = 'Đắk Lắk'").show()
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pandas as pd
from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession

import vanban
from vanban import _vanban

#: File kinds taken from folders, as ``vanban batch``/``vanban audit`` walk them (any case).
EXTENSIONS = (
    "txt",
    "md",
    "markdown",
    "html",
    "htm",
    "pdf",
    "docx",
    "jpg",
    "jpeg",
    "png",
    "tif",
    "tiff",
    "webp",
    "jp2",
    "heic",
    "heif",
)

CONVERTED_SCHEMA = "path string, ok boolean, kind string, message string, document string"

_HEAD = "path string, province string, province_2025 string, doc_number string"

DOCUMENTS_SCHEMA = (
    f"{_HEAD}, sha256 string, format string, pages int, partial boolean, ocr_pages int, "
    "doc_type string, date string, title string, issuer string, text_chars int, "
    "references int, targets int, tasks int, tables int, warnings int"
)
REFERENCES_SCHEMA = (
    f"{_HEAD}, number string, kind string, date string, issuer string, title string, "
    "name string, relation string, mentions int, id string, ambiguous boolean, "
    "resolved_number string, resolved_date string"
)
TARGETS_SCHEMA = (
    f"{_HEAD}, metric string, value double, value_max double, unit string, comparator string, "
    "year int, period string, source string, start int, end int, excerpt string"
)
TASKS_SCHEMA = (
    f"{_HEAD}, stt string, `group` string, task string, lead array<string>, "
    "partners array<string>, result string, deadline string, source string"
)
ERRORS_SCHEMA = "path string, kind string, message string"

# Matching key of a document number, as vanban audit's number_key: spaces removed, Đ → D,
# en/em/non-breaking dashes → '-', upper case, leading zeros dropped when digits follow.
_NUMBER_KEY = (
    "regexp_replace(upper(translate(regexp_replace(number, '(?U)\\\\s', ''), "
    "'Đđ–—‑', 'DD---')), '^0++(?=[0-9])', '')"
)

CITATIONS_SQL = f"""
WITH refs AS (
  SELECT path, province, province_2025, doc_number, number, relation,
         {_NUMBER_KEY} AS number_key,
         CASE relation WHEN 'implements' THEN 3 WHEN 'basis' THEN 2 WHEN 'cites' THEN 1
                       ELSE 0 END AS strength
  FROM vanban_references
  WHERE number IS NOT NULL AND trim(number) <> ''
),
spellings AS (
  SELECT number_key, number,
         row_number() OVER (PARTITION BY number_key ORDER BY count(*) DESC, number ASC) AS rank
  FROM refs GROUP BY number_key, number
)
SELECT r.province, r.province_2025, r.doc_number, r.path, s.number AS number,
       max_by(r.relation, r.strength) AS relation, max(r.strength) AS strength
FROM refs r JOIN spellings s ON s.number_key = r.number_key AND s.rank = 1
GROUP BY r.province, r.province_2025, r.doc_number, r.path, s.number
"""

MATRIX_SQL = """
SELECT province_2025, province, number,
       max_by(relation, strength) AS relation,
       count(DISTINCT path) AS documents
FROM vanban_citations
GROUP BY province_2025, province, number
"""


def _convert(batches: Iterator[pd.DataFrame], timeout: float, ocr: str) -> Iterator[pd.DataFrame]:
    """Executor side: each file's bytes to compact contract JSON, or its error."""
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for path, content in zip(batch["path"], batch["content"]):
            row: dict[str, Any] = {"path": path, "ok": True, "kind": None, "message": None}
            try:
                row["document"] = _vanban.process_json(bytes(content), path, timeout, ocr, False)
            except vanban.ReadError as e:
                row.update(ok=False, kind=e.kind, message=e.message, document=None)
            except Exception as e:  # a file never fails the job
                row.update(ok=False, kind="internal", message=repr(e), document=None)
            rows.append(row)
        yield pd.DataFrame(rows, columns=["path", "ok", "kind", "message", "document"])


def _head(doc: dict[str, Any]) -> dict[str, Any]:
    m = doc["metadata"]
    return {
        "path": doc["source"]["path"],
        "province": m.get("province"),
        "province_2025": m.get("province_2025"),
        "doc_number": m.get("doc_number"),
    }


def _excerpt(text: str, start: int, end: int) -> str:
    """Chars start..end of text, at most 300, on one line (as targets.csv's excerpt)."""
    return text[start : start + max(0, min(end - start, 300))].replace("\n", " ")


def document_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``documents`` row of a contract document."""
    s, m = doc["source"], doc["metadata"]
    ocr = s.get("ocr")
    return [
        {
            **_head(doc),
            "sha256": s["sha256"],
            "format": s["format"],
            "pages": s.get("pages"),
            "partial": bool(s.get("partial")),
            "ocr_pages": len(ocr["pages"]) if ocr else 0,
            "doc_type": m.get("doc_type"),
            "date": m.get("date"),
            "title": m.get("title"),
            "issuer": m.get("issuer"),
            "text_chars": len(doc["text"]),
            "references": len(doc["references"]),
            "targets": len(doc["targets"]),
            "tasks": len(doc["tasks"]),
            "tables": len(doc["tables"]),
            "warnings": len(doc["warnings"]),
        }
    ]


def reference_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``references`` rows of a contract document."""
    head = _head(doc)
    return [
        {
            **head,
            **{k: r.get(k) for k in ("number", "kind", "date", "issuer", "title", "name")},
            "relation": r["relation"],
            "mentions": len(r["mentions"]),
            "id": r.get("id"),
            "ambiguous": bool(r.get("ambiguous", False)),
            # a law cited by name alone: the version the laws table gives (#14)
            "resolved_number": (r.get("resolved") or {}).get("number"),
            "resolved_date": (r.get("resolved") or {}).get("date"),
        }
        for r in doc["references"]
    ]


def target_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``targets`` rows of a contract document."""
    head = _head(doc)
    keys = ("metric", "value", "value_max", "unit", "comparator", "year", "period", "source")
    return [
        {
            **head,
            **{k: t.get(k) for k in keys},
            "start": t["start"],
            "end": t["end"],
            "excerpt": _excerpt(doc["text"], t["start"], t["end"]),
        }
        for t in doc["targets"]
    ]


def task_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``tasks`` rows of a contract document."""
    head = _head(doc)
    keys = ("stt", "group", "task", "lead", "partners", "result", "deadline", "source")
    return [{**head, **{k: t.get(k) for k in keys}} for t in doc["tasks"]]


_FLATTEN = {
    "documents": (document_rows, DOCUMENTS_SCHEMA),
    "references": (reference_rows, REFERENCES_SCHEMA),
    "targets": (target_rows, TARGETS_SCHEMA),
    "tasks": (task_rows, TASKS_SCHEMA),
}


def _column_names(schema: str) -> list[str]:
    names = []
    depth = 0
    field = ""
    for c in schema + ",":
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        if c == "," and depth == 0:
            names.append(field.strip().split(" ")[0].strip("`"))
            field = ""
        else:
            field += c
    return names


def _flattener(table: str) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    rows_of, schema = _FLATTEN[table]
    columns = _column_names(schema)

    def flatten(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            rows: list[dict[str, Any]] = []
            for text in batch["document"]:
                rows.extend(rows_of(json.loads(text)))
            yield pd.DataFrame(rows, columns=columns)

    return flatten


def convert(
    spark: SparkSession,
    inputs: Sequence[str],
    *,
    timeout: float = 60,
    ocr: str = "auto",
    partitions: int | None = None,
) -> DataFrame:
    """One row per input file: ``path, ok, kind, message, document`` (compact JSON).

    Folders are read recursively, keeping the document extensions vanban batch walks
    (:data:`EXTENSIONS`, any case); files named directly are always taken. Rows are spread
    over ``partitions`` (default: twice the cluster's parallelism) so every core converts.
    """
    kinds = [_path_kind(spark, p) for p in inputs]
    folders = [p for p, k in zip(inputs, kinds) if k == "dir"]
    files = [p for p, k in zip(inputs, kinds) if k == "file"]
    missing = [p for p, k in zip(inputs, kinds) if k == "missing"]
    pattern = re.compile("(?i).*\\.(" + "|".join(EXTENSIONS) + ")$")
    frames: list[DataFrame] = []
    listed: list[str] = []
    if folders:
        df = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(folders)
            .where(f"path rlike '{pattern.pattern}'")
        )
        frames.append(df)
        listed.extend(_uri(p) for p in df.inputFiles() if pattern.match(p))
    if files:
        df = spark.read.format("binaryFile").load(files)
        frames.append(df)
        listed.extend(_uri(p) for p in df.inputFiles())
    n = partitions or 2 * spark.sparkContext.defaultParallelism
    # An input that does not exist is an error row (kind "io", as the CLI), not a failed job.
    result = spark.createDataFrame(
        [(p, False, "io", "no such file", None) for p in missing], CONVERTED_SCHEMA
    )
    if frames:
        raw = frames[0].select("path", "content")
        for f in frames[1:]:
            raw = raw.unionByName(f.select("path", "content"))
        result = result.unionByName(
            raw.repartition(n).mapInPandas(
                lambda it: _convert(it, float(timeout), ocr), CONVERTED_SCHEMA
            )
        )
        # Spark plans no task for a zero-byte file: listed but never read, it is the CLI's
        # "empty" error. (Selecting only `path` lists the files without reading them.)
        empty = (
            spark.createDataFrame([(p,) for p in listed], "path string")
            .join(raw.select("path"), "path", "left_anti")
            .selectExpr(
                "path",
                "false AS ok",
                "'empty' AS kind",
                "'empty file' AS message",
                "CAST(NULL AS string) AS document",
            )
        )
        result = result.unionByName(empty)
    return result


def _uri(path: str) -> str:
    """A listed file's name as the ``path`` column spells it (``file:/x``, not ``file:///x``)."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*):///", r"\1:/", path)


def _path_kind(spark: SparkSession, path: str) -> str:
    """``"dir"``, ``"file"`` or ``"missing"``: ``path`` is a local path or any URI Hadoop
    reads (s3a://, hdfs://, …)."""
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    conf = spark.sparkContext._jsc.hadoopConfiguration()  # type: ignore[attr-defined]
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(conf)
    if not fs.exists(hpath):
        return "missing"
    return "dir" if fs.getFileStatus(hpath).isDirectory() else "file"


def tables(converted: DataFrame) -> dict[str, DataFrame]:
    """The five item tables and the two audit tables from :func:`convert`'s rows."""
    spark = converted.sparkSession
    ok = converted.where("ok").select("document")
    out: dict[str, DataFrame] = {
        name: ok.mapInPandas(_flattener(name), schema) for name, (_, schema) in _FLATTEN.items()
    }
    out["errors"] = converted.where("NOT ok").select("path", "kind", "message")
    out["references"].createOrReplaceTempView("vanban_references")
    out["citations"] = spark.sql(CITATIONS_SQL)
    out["citations"].createOrReplaceTempView("vanban_citations")
    out["citation_matrix"] = spark.sql(MATRIX_SQL)
    return out


def run(
    spark: SparkSession,
    inputs: Sequence[str],
    out: str,
    *,
    timeout: float = 60,
    ocr: str = "auto",
    partitions: int | None = None,
) -> dict[str, DataFrame]:
    """Convert ``inputs`` and write every table as Parquet under ``out/<table>/``.

    Files are converted once (the converted rows are persisted while the tables are
    written). Returns the tables, read back from Parquet.
    """
    converted = convert(spark, inputs, timeout=timeout, ocr=ocr, partitions=partitions)
    converted.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        written = {}
        for name, df in tables(converted).items():
            target = f"{out.rstrip('/')}/{name}"
            df.write.mode("overwrite").parquet(target)
            written[name] = spark.read.parquet(target)
        return written
    finally:
        converted.unpersist()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vanban.spark`` / ``spark-submit examples/spark/vanban_job.py``."""
    p = argparse.ArgumentParser(prog="vanban.spark", description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="+", help="files and folders (local paths or URIs)")
    p.add_argument("--out", required=True, help="output folder for the Parquet tables")
    p.add_argument("--master", help="Spark master (default: spark-submit's, or local[*])")
    p.add_argument("--timeout", type=float, default=60, help="per-file time budget, seconds")
    p.add_argument("--ocr", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--partitions", type=int, help="default: 2 × the cluster's parallelism")
    args = p.parse_args(argv)
    builder = SparkSession.builder.appName("vanban")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    started = time.monotonic()
    result = run(
        spark,
        args.inputs,
        args.out,
        timeout=args.timeout,
        ocr=args.ocr,
        partitions=args.partitions,
    )
    counts = {name: df.count() for name, df in result.items()}
    elapsed = time.monotonic() - started
    print(
        f"vanban.spark: {counts['documents']} documents, {counts['errors']} errors, "
        f"{counts['references']} references, {counts['targets']} targets, "
        f"{counts['tasks']} tasks, {counts['citation_matrix']} matrix cells "
        f"in {elapsed:.1f} s → {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
