#!/usr/bin/env python3
"""Shares of references by identity (issue #17) over contract JSON files.

    scripts/identity-stats.py OUT_DIR_OR_FILES...   (vanban batch output, or .json files)

Counts numbered references: full date-bearing id (NUMBER@YYYY-MM-DD), year only, term only,
ambiguous (no date at all); and documents with an own id.
"""
import json, pathlib, re, sys

paths = []
for a in sys.argv[1:]:
    p = pathlib.Path(a)
    paths += sorted(p.glob("*.json")) if p.is_dir() else [p]
n = full = year = term = amb = docs = doc_ids = 0
for p in paths:
    try:
        d = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        continue
    if "schema_version" not in d:
        continue
    docs += 1
    doc_ids += bool(d.get("id"))
    for r in d.get("references", []):
        if not r.get("number"):
            continue
        n += 1
        i = r.get("id") or ""
        when = i.split("@", 1)[1].split("~")[0] if "@" in i else ""
        if re.fullmatch(r"\d{4}-\d\d-\d\d", when):
            full += 1
        elif re.fullmatch(r"\d{4}", when):
            year += 1
        elif ".." in when:
            term += 1
        amb += bool(r.get("ambiguous"))
pct = lambda k: f"{k}/{n} = {k / n:.3f}" if n else "0/0"
print(f"documents {docs} (own id {doc_ids}); numbered references {n}")
print(f"full date-bearing id {pct(full)}; year only {pct(year)}; term only {pct(term)}; ambiguous {pct(amb)}")
