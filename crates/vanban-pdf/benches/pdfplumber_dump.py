"""Dump what pdfplumber makes of PDFs, for examples/measure.rs: one JSON object per file
{"file": ..., "lines": [...], "tables": [[[cell, ...], ...], ...]} on stdout (JSON lines)."""
import json, sys
import pdfplumber

for path in sys.argv[1:]:
    lines, tables = [], []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines.extend((page.extract_text() or "").splitlines())
            lines.append("\f")
            for t in page.extract_tables():
                tables.append([[c if c is not None else "" for c in row] for row in t])
    print(json.dumps({"file": path, "lines": lines, "tables": tables}, ensure_ascii=False))
