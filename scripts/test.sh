#!/usr/bin/env bash
# Every test of the project, on a fresh machine: installs what the tests need, then runs them.
#   - system packages: tesseract-ocr + tesseract-ocr-vie (scripts/install-ocr.sh; the OCR
#     tests run the engine and are never skipped);
#   - Rust: cargo test --workspace (unit, integration, doc tests);
#   - Python: the vanban package and the Spark job (scripts/test-python.sh: venv at
#     target/pyenv, python3-venv and a Java runtime installed when missing);
#   - browser: scripts/test-browser.sh (report.html in headless Chromium, same venv).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-ocr.sh
tesseract --version 2>&1 | head -1
cargo test --workspace
scripts/test-python.sh
# report.html of vanban audit in headless Chromium (installs chromium, the venv, selenium).
scripts/test-browser.sh
