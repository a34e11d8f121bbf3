#!/usr/bin/env bash
# Browser test of `vanban audit`'s report.html (tests/browser/test_report.py): Debian's
# headless Chromium driven by Selenium through Debian's chromedriver (same build as the
# browser, so no driver download), from the test venv target/pyenv (requirements-test.txt).
# Installs what is missing: chromium + chromium-driver (apt-get, as root), python3-venv.
# Keeps a screenshot in target/report-screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "test-browser.sh: missing $*; install them as root (apt-get install $*)" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
fi
chromium --version 2>/dev/null

if [ ! -x target/pyenv/bin/python ]; then
    mkdir -p target
    python3 -m venv target/pyenv 2>/dev/null || { rm -rf target/pyenv; apt_install python3-venv; python3 -m venv target/pyenv; }
fi
target/pyenv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt

cargo build -q -p vanban-cli
VANBAN="$PWD/target/debug/vanban" target/pyenv/bin/python -m pytest -q tests/browser "$@"
