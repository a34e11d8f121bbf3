#!/usr/bin/env bash
# vanban against the tools a user would pick instead, on ../shared/real-pdf, same run:
#   vanban      `vanban extract FILE.pdf`
#   pdftotext   `pdftotext -layout` text fed to `vanban extract` (vanban's own text pipeline)
#   tesseract   image-only/bad-OCR files only: `pdftoppm -r 300` + bare `tesseract -l vie`,
#               the text fed to `vanban extract`
# Scores each with ../shared/eval/score.py on the text-layer gold and on the scan gold.
# Needs poppler-utils and tesseract-ocr-vie. Usage: scripts/compare-real.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tgt="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p vanban-cli
vb="$tgt/release/vanban"
real=../shared/real-pdf
work="$tgt/compare-real"
rm -rf "$work"; mkdir -p "$work"/{gold-text,gold-scan,vanban,pdftotext,tesseract,txt}
python3 - "$real" "$work" <<'PY'
import json, shutil, sys
real, work = sys.argv[1], sys.argv[2]
for d in json.load(open(f"{real}/manifest.json")):
    kind = "text" if d["layer"] in ("text", "broken-font") else "scan"
    shutil.copy(f"{real}/gold/{d['id']}.json", f"{work}/gold-{kind}/")
PY
# the contract JSON of a text file, with the sha256 of the PDF it came from (score.py joins on it)
as_pdf() { python3 -c "import json,sys,hashlib; d=json.load(sys.stdin); d['source']['sha256']=hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest(); json.dump(d,open(sys.argv[2],'w'),ensure_ascii=False)" "$1" "$2"; }
for f in "$real"/*.pdf; do
  b=$(basename "$f" .pdf)
  "$vb" extract "$f" > "$work/vanban/$b.json" 2>/dev/null || rm -f "$work/vanban/$b.json"
  pdftotext -layout "$f" "$work/txt/$b.pdftotext.txt" 2>/dev/null || true
  "$vb" extract "$work/txt/$b.pdftotext.txt" 2>/dev/null | as_pdf "$f" "$work/pdftotext/$b.json" 2>/dev/null || rm -f "$work/pdftotext/$b.json"
  if [ -f "$work/gold-scan/$b.json" ]; then
    pdftoppm -r 300 -gray -png "$f" "$work/txt/$b"
    : > "$work/txt/$b.tesseract.txt"
    for p in "$work/txt/$b"-*.png; do
      OMP_THREAD_LIMIT=1 tesseract "$p" stdout -l vie 2>/dev/null >> "$work/txt/$b.tesseract.txt" || true
    done
    "$vb" extract "$work/txt/$b.tesseract.txt" 2>/dev/null | as_pdf "$f" "$work/tesseract/$b.json" 2>/dev/null || rm -f "$work/tesseract/$b.json"
  fi
done
for set in text scan; do
  for tool in vanban pdftotext tesseract; do
    [ "$set" = text ] && [ "$tool" = tesseract ] && continue
    echo "== $set layer: $tool"
    python3 ../shared/eval/score.py --pred-dir "$work/$tool" --gold-dir "$work/gold-$set" \
      | grep -E "docs_without|refs.(precision|recall|f1)|metadata" || true
  done
done
