#!/usr/bin/env bash
# Every test of the project, on a fresh machine: installs what the tests need, then runs them.
#   - system packages: tesseract-ocr + tesseract-ocr-vie (the OCR tests run the engine; they
#     are never skipped), installed with apt-get when missing (as root, or through sudo);
#   - Rust: cargo test --workspace (unit, integration, doc tests).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then need+=(tesseract-ocr-vie); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "scripts/test.sh: installing ${need[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
tesseract --version 2>&1 | head -1
tesseract --list-langs 2>/dev/null | grep -qx vie || { echo "tesseract has no Vietnamese model (vie)" >&2; exit 1; }

cargo test --workspace
