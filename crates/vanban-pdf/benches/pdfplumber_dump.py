"""Dump what pdfplumber makes of PDFs, for examples/measure.rs: one JSON object per file
{"file": ..., "lines": [...], "tables": [[[cell, ...], ...], ...]} on stdout (JSON lines).

pdfplumber gets its best setting per fixture: the default (ruling lines) strategy, and for
the fixtures printed without borders (file name containing "borderless") its "text"
strategy, which is what a user would pick for such tables."""
import json, sys
import pdfplumber

for path in sys.argv[1:]:
    lines, tables = [], []
    settings = {"vertical_strategy": "text", "horizontal_strategy": "text"} if "borderless" in path else {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines.extend((page.extract_text() or "").splitlines())
            lines.append("\f")
            for t in page.extract_tables(settings):
                tables.append([[c if c is not None else "" for c in row] for row in t])
    print(json.dumps({"file": path, "lines": lines, "tables": tables}, ensure_ascii=False))
