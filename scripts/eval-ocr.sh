#!/usr/bin/env bash
# OCR on the scanned documents of ../shared/real-pdf (r01 r03 r09 r17 r22 r45): extract with
# the release binary, score against their gold, and time vanban against bare tesseract on
# the same page images (pdfimages), both with two pages at a time.
# Usage: scripts/eval-ocr.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
tgt="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p vanban-cli
out="$tgt/eval-ocr"
rm -rf "$out"; mkdir -p "$out/pred" "$out/img"
docs="r01 r03 r09 r17 r22 r45"
mkdir -p "$out/in"
for d in $docs; do ln -s "$(pwd)/../shared/real-pdf/$d.pdf" "$out/in/$d.pdf"; done
start=$(date +%s.%N)
"$tgt/release/vanban" batch "$out/in" -o "$out/pred" --jobs 2 --quiet ${VANBAN_FLAGS:-} || true
end=$(date +%s.%N)
pages=0
for d in $docs; do
  pages=$((pages + $(pdfinfo "../shared/real-pdf/$d.pdf" | awk '/^Pages:/{print $2}')))
  pdfimages -j "../shared/real-pdf/$d.pdf" "$out/img/$d"
done
# bare tesseract on the page images (the small stamp/signature images left out), 2 at a time
t0=$(date +%s.%N)
find "$out/img" -size +40k -type f | xargs -P 2 -I{} sh -c 'OMP_THREAD_LIMIT=1 tesseract "{}" - -l vie --psm 3 tsv >/dev/null 2>&1'
t1=$(date +%s.%N)
python3 - "$start" "$end" "$t0" "$t1" "$pages" <<'PY'
import sys
s, e, t0, t1, pages = map(float, sys.argv[1:])
print(f"vanban batch --jobs 2: {e-s:.1f} s for {int(pages)} pages ({(e-s)/pages:.2f} s/page)")
print(f"bare tesseract on the page images, 2 at a time: {t1-t0:.1f} s ({(t1-t0)/pages:.2f} s/page); ratio {(e-s)/(t1-t0):.2f}")
PY
mkdir -p "$out/gold"
for d in $docs; do cp "../shared/real-pdf/gold/$d.json" "$out/gold/"; done
python3 ../shared/eval/score.py --pred-dir "$out/pred" --gold-dir "$out/gold" "$@"
