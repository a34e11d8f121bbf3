#!/usr/bin/env bash
# Extract every corpus file with the release binary and score against the shared gold.
# Usage: scripts/eval.sh [--verbose]   (CARGO_TARGET_DIR is honoured)
set -euo pipefail
cd "$(dirname "$0")/.."
tgt="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p vanban-cli
out="$tgt/eval"
rm -rf "$out"; mkdir -p "$out"
for f in corpus/*; do
  [ -f "$f" ] || continue
  "$tgt/release/vanban" extract "$f" > "$out/$(basename "$f").json" || echo "extract failed: $f" >&2
done
python3 ../shared/eval/score.py --pred-dir "$out" --gold-dir ../shared/eval/gold "$@"
