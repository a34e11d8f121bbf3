#!/usr/bin/env bash
# Extract every input with the release binary and score against its gold.
#   scripts/eval.sh [--verbose]         corpus/ against ../shared/eval/gold
#   scripts/eval.sh --real [--verbose]  ../shared/real-pdf/*.pdf against its gold
# CARGO_TARGET_DIR is honoured; extra `vanban extract` flags in VANBAN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
tgt="${CARGO_TARGET_DIR:-target}"
if [ "${1:-}" = "--real" ]; then
  shift; inputs=(../shared/real-pdf/*.pdf); gold=../shared/real-pdf/gold; out="$tgt/eval-real"
else
  inputs=(corpus/*); gold=../shared/eval/gold; out="$tgt/eval"
fi
cargo build --release -q -p vanban-cli
rm -rf "$out"; mkdir -p "$out"
for f in "${inputs[@]}"; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  # shellcheck disable=SC2086
  "$tgt/release/vanban" extract ${VANBAN_FLAGS:-} "$f" > "$out/$b.json" 2> "$out/$b.err" \
    || { echo "extract failed: $b: $(head -c 300 "$out/$b.err")" >&2; rm -f "$out/$b.json"; }
done
python3 ../shared/eval/score.py --pred-dir "$out" --gold-dir "$gold" "$@"
