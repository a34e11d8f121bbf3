#!/usr/bin/env python3
"""Build crates/vanban-correct/data/lexicon.tsv: Vietnamese syllable and syllable-bigram counts
from the project's own Vietnamese texts (corpus/, fixtures/ text and HTML files, and the text
layers of the real PDFs with a text layer in ../shared/real-pdf via `pdftotext`).

    python3 scripts/build-lexicon.py [--out FILE] [--exclude SUBSTR,SUBSTR...]

--exclude leaves out every source whose path contains one of the substrings (used by
scripts/ocr-cer.py to measure on documents the lexicon has not seen).

Format (UTF-8, NFC, lower case): a header line, then `S<TAB>syllable<TAB>count` for syllables
(`#` stands for any token that starts with a digit: a number, a date, a symbol)
and `B<TAB>left right<TAB>count` for two syllables printed next to each other with only a space
between them (no punctuation), sorted; then `V<TAB>syllable` for the syllables of Tesseract's own
Vietnamese word list (vie.traineddata, Apache-2.0; extracted with combine_tessdata and
dawg2wordlist when they are installed) that the texts do not contain: valid syllables with no
count, so that a rare but real syllable is not taken for an OCR error.
"""
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, "..", "shared", "real-pdf")
if not os.path.isdir(REAL):
    REAL = "/work/shared/real-pdf"

# Vietnamese letters (lower case, NFC); a syllable is a run of them.
VI = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
WORD = re.compile(rf"[{VI}]+")
TOKEN = re.compile(r"\S+")
# a number, date or symbol (a token starting with a digit) counts as this one word
NUMBER = "#"


def sources(exclude):
    files = sorted(glob.glob(f"{ROOT}/corpus/*.txt") + glob.glob(f"{ROOT}/corpus/*.md"))
    for ext in ("txt", "md", "html"):
        files += sorted(glob.glob(f"{ROOT}/fixtures/**/*.{ext}", recursive=True))
    out = []
    for f in files:
        if any(x in f for x in exclude):
            continue
        try:
            text = open(f, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue  # legacy encodings, UTF-16, binary garbage: not Vietnamese Unicode text
        if f.endswith(".html"):
            text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
            text = re.sub(r"<(br|p|div|tr|td|th|li|h\d)\b[^>]*>", "\n", text, flags=re.I)
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        out.append((os.path.relpath(f, ROOT), text))
    manifest = json.load(open(os.path.join(REAL, "manifest.json")))
    for e in manifest:
        if e["layer"] != "text":
            continue
        pdf = os.path.join(REAL, e["id"] + ".pdf")
        if any(x in pdf for x in exclude) or any(x == e["id"] for x in exclude):
            continue
        txt = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout.decode("utf-8", "replace")
        out.append(("real-pdf/" + e["id"], txt))
    return out


def count(texts):
    uni, bi = Counter(), Counter()
    for _name, text in texts:
        text = unicodedata.normalize("NFC", text)
        for line in text.splitlines():
            prev = None
            for tok in TOKEN.findall(line):
                low = tok.lower()
                core = re.sub(r"^\W+|\W+$", "", low)
                lead = not low[:1].isalnum()
                trail = not low[-1:].isalnum()
                if WORD.fullmatch(core):
                    w = core
                elif core[:1].isdigit():
                    w = NUMBER
                else:
                    prev = None
                    continue
                uni[w] += 1
                if prev is not None and not lead:
                    bi[(prev, w)] += 1
                # punctuation after the word ends the context
                prev = None if trail else w
    return uni, bi


def tesseract_words():
    """Lower-case syllables of Tesseract's Vietnamese word list, or [] without the tools."""
    tessdata = None
    for d in ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"):
        if os.path.exists(os.path.join(d, "vie.traineddata")):
            tessdata = d
    if tessdata is None:
        print("no vie.traineddata: lexicon without Tesseract's word list", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(["combine_tessdata", "-u", os.path.join(tessdata, "vie.traineddata"), f"{tmp}/vie."],
                           capture_output=True, check=True)
            subprocess.run(["dawg2wordlist", f"{tmp}/vie.lstm-unicharset", f"{tmp}/vie.lstm-word-dawg", f"{tmp}/words"],
                           capture_output=True, check=True)
        except (OSError, subprocess.CalledProcessError):
            print("combine_tessdata/dawg2wordlist failed: lexicon without Tesseract's word list", file=sys.stderr)
            return []
        words = open(f"{tmp}/words", encoding="utf-8").read().split()
    out = set()
    for w in words:
        w = unicodedata.normalize("NFC", w).lower()
        if WORD.fullmatch(w):
            out.add(w)
    return sorted(out)


def main():
    args = sys.argv[1:]
    out = os.path.join(ROOT, "crates", "vanban-correct", "data", "lexicon.tsv")
    exclude = []
    if "--out" in args:
        out = args[args.index("--out") + 1]
    if "--exclude" in args:
        exclude = [x for x in args[args.index("--exclude") + 1].split(",") if x]
    texts = sources(exclude)
    uni, bi = count(texts)
    extra = []
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# vanban-correct lexicon v1: {len(texts)} texts, {sum(uni.values())} syllables; scripts/build-lexicon.py\n")
        for w, n in sorted(uni.items()):
            f.write(f"S\t{w}\t{n}\n")
        for (a, b), n in sorted(bi.items()):
            f.write(f"B\t{a} {b}\t{n}\n")
        extra = [w for w in tesseract_words() if w not in uni]
        for w in extra:
            f.write(f"V\t{w}\n")
    print(f"{out}: {len(texts)} texts, {len(uni)} syllables, {len(bi)} bigrams, {len(extra)} word-list syllables, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
