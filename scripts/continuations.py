#!/usr/bin/env python3
"""Count lines that continue the previous line's sentence, before and after normalization.

A line continues when it starts with a lower-case letter, or when the previous line ends
without closing punctuation and the line is not a structural start (I., 1., a), -, +, all
caps, table rows, header/signature lines). Usage: scripts/continuations.py BIN FILE...
"""
import re, subprocess, sys

STRUCT = re.compile(r"^([IVXLC]+\.|\d+(\.\d+)*\.?\s|[a-zđ]\)|[-+•*|]|Căn cứ|Thực hiện|Nơi nhận|Số\s*:|Độc lập|STT|TT\s|KT\.|TM\.|T/M|PHỤ LỤC|Phụ lục)")
END = re.compile(r"[.;:!?…)\"”]\s*$")

def caps(l):
    letters = [c for c in l if c.isalpha()]
    return letters and sum(c.isupper() for c in letters) >= 0.9 * len(letters)

def count(lines):
    n = 0
    for prev, line in zip(lines, lines[1:]):
        if line[0].islower() and not re.match(r"^[a-zđ]\)", line):
            n += 1
        elif not END.search(prev) and not STRUCT.match(line) and not caps(line) and not caps(prev) and not re.search(r"ngày .* năm \d{4}$", line):
            n += 1
    return n

bin_ = sys.argv[1]
for f in sys.argv[2:]:
    before = [l.strip() for l in open(f, encoding="utf-8") if l.strip()]
    after = [l.strip() for l in subprocess.run([bin_, "normalize", f], capture_output=True, text=True).stdout.splitlines() if l.strip()]
    print(f"{f}: lines {len(before)} -> {len(after)}; continuation lines {count(before)} -> {count(after)}")
