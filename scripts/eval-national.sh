#!/usr/bin/env bash
# The national-document fixtures (issue 14) against their hand-made gold: each document as
# typed text (.txt), as a PDF (.pdf) and as pdftotext's text of that PDF (.pdftotext.txt).
#   scripts/eval-national.sh [--verbose] [--require refs.f1=0.98 ...]
# Fixtures are made by scripts/make-national-fixtures.py. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
tgt="${CARGO_TARGET_DIR:-target}"
out="$tgt/eval-national"
cargo build --release -q -p vanban-cli
rm -rf "$out"; mkdir -p "$out"
for f in fixtures/national/*.txt fixtures/national/*.pdf; do
  b=$(basename "$f")
  "$tgt/release/vanban" extract "$f" > "$out/$b.json" 2> "$out/$b.err" \
    || { echo "extract failed: $b: $(head -c 300 "$out/$b.err")" >&2; rm -f "$out/$b.json"; }
done
python3 ../shared/eval/score.py --pred-dir "$out" --gold-dir fixtures/national/gold "$@"
