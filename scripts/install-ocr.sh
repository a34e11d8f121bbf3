#!/usr/bin/env bash
# Install Tesseract and its Vietnamese model when missing (Debian/Ubuntu; run as root or
# with sudo available). The OCR tests run the engine: they fail, not skip, without it.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q tesseract-ocr tesseract-ocr-vie
