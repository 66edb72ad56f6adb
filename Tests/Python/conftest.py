"""Shared fixtures for the Python suites: where the repository and the built relna-pack are."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo_root() -> pathlib.Path:
    return ROOT


@pytest.fixture(scope="session")
def relna_pack() -> str:
    """Path of the relna-pack binary (scripts/test exports RELNA_PACK after building)."""
    path = os.environ.get("RELNA_PACK")
    if not path:
        bin_dir = subprocess.run(
            ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
        path = os.path.join(bin_dir, "relna-pack")
    if not os.path.exists(path):
        pytest.fail(f"relna-pack is not built at {path}; run `swift build` first")
    return path


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "env_learning: trains the numpy starter on every listed environment (minutes; test_env_learning.py)",
    )
