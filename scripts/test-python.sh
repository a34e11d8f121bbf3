#!/usr/bin/env bash
# The Python package (python/, crates/vanban-py) and the Spark job (vanban.spark): builds
# the package with maturin into the virtual environment target/pyenv, checks the Python
# code with ruff, then runs pytest (python/tests: the API against the CLI byte for byte,
# and the Spark job on local[2] against `vanban audit`). Installs what is missing:
# python3-venv and a Java runtime (Spark) from Debian, test packages from PyPI
# (requirements-test.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "test-python.sh: missing $*; install it (as root: apt-get install $*)" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
command -v java >/dev/null || apt_install default-jre-headless
java -version 2>&1 | head -1

VENV=target/pyenv
# maturin (the build backend) runs from the environment: put its bin/ first.
export PATH="$PWD/$VENV/bin:$PATH"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r requirements-test.txt
# The package as users install it (`pip install ./python`): maturin, release build.
"$VENV/bin/python" -m pip install -q --no-build-isolation --force-reinstall --no-deps ./python

"$VENV/bin/ruff" check python examples scripts/bench-python.py scripts/bench-spark.py
"$VENV/bin/ruff" format --check python examples scripts/bench-python.py scripts/bench-spark.py
"$VENV/bin/python" -m pytest python/tests -q
