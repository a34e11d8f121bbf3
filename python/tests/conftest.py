"""Shared fixtures: the repository root and the CLI binary the package is compared with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def vanban_bin() -> Path:
    """The `vanban` binary, built from the root package (release, as users install it).

    VANBAN_BIN overrides it (an already built binary)."""
    given = os.environ.get("VANBAN_BIN")
    if given:
        return Path(given)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "vanban"], cwd=ROOT, check=True
    )
    return ROOT / "target" / "release" / "vanban"
