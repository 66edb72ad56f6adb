"""The trainer packages install and run on the Pythons their job requests name.

Every domain's manifest names, per framework, an AI Platform runtime and Python version and a Vertex
executor image. The AI Platform runtimes that run TensorFlow 2 (2.1 to 2.11, the newest) offer only
Python 3.7, so the rendered trainer code must be Python 3.7 code, each requirement's lower bound must
have a release that installs on 3.7, and PKG-INFO's Requires-Python must say so. These tests check the
rendered code with CPython's own parser (feature_version) and with vermin (standard-library APIs), and
the manifests against a small table of facts from PyPI and Google's documentation (no network here).
"""
import ast
import json
import pathlib
import re
import subprocess
import sys
import tarfile

import pytest

import trainer_harness as harness

CASES = [(domain, framework) for domain in harness.DOMAINS for framework in harness.FRAMEWORKS]

# The oldest Python a job request may name: AI Platform Training runtime 2.11's.
OLDEST_PYTHON = (3, 7)

# AI Platform Training runtime version -> its only Python. Source: "Runtime versions 2.1 and later
# support only training with Python 3.7" (cloud.google.com/ai-platform/training/docs/tensorflow-2) and
# the runtime version list (2.11 is the last runtime; Python 3.7).
RUNTIME_PYTHON = {"2.11": "3.7"}

# Vertex AI prebuilt training image -> its Python. Source: the prebuilt containers list
# (cloud.google.com/vertex-ai/docs/training/pre-built-containers): scikit-learn 1.0 is Python 3.7;
# the `.py310` images are Python 3.10.
IMAGE_PYTHON = {
    "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest": "3.7",
    "us-docker.pkg.dev/vertex-ai/training/pytorch-cpu.2-4.py310:latest": "3.10",
    "us-docker.pkg.dev/vertex-ai/training/tf-cpu.2-13.py310:latest": "3.10",
}

# Per project: the oldest Python its release X.Y (the manifests' lower bounds) installs on, from PyPI's
# Requires-Python and wheel tags (`pip install --dry-run --no-deps --only-binary=:all:
# --python-version 3.6 PROJECT==X.Y.0`): gymnasium 0.26 says >=3.6; numpy 1.21 says >=3.7; torch
# 1.13 and tensorflow 2.11 ship cp37 wheels and none older.
OLDEST_PYTHON_OF_RELEASE = {
    ("gymnasium", "0.26"): "3.6",
    ("numpy", "1.21"): "3.7",
    ("torch", "1.13"): "3.7",
    ("tensorflow", "2.11"): "3.7",
}

# Per Python: the newest release pip installs there (`pip install --dry-run --no-deps
# --only-binary=:all: --python-version V PROJECT`, 2026-11). A lower bound above it cannot install:
# gymnasium 0.29+/1.x, numpy 1.22+, torch 2.x and tensorflow 2.12+ all need Python 3.8 or newer.
NEWEST_RELEASE_FOR_PYTHON = {
    "3.7": {"gymnasium": "0.28.1", "numpy": "1.21.1", "torch": "1.13.1", "tensorflow": "2.11.0"},
    "3.10": {"gymnasium": "1.4.0", "numpy": "2.2.6", "torch": "2.14.1", "tensorflow": "2.20.0"},
}


def version(text: str) -> tuple:
    return tuple(int(part) for part in text.split("."))


def lower_bound(requirement: str) -> tuple[str, str]:
    """`numpy>=1.21` -> ("numpy", "1.21"); the manifests pin nothing else."""
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)", requirement)
    assert match, f"requirement {requirement!r} is not of the form name>=version"
    return match.group(1).lower(), match.group(2)


def installable(requirement: str, python: str) -> bool:
    name, bound = lower_bound(requirement)
    newest = NEWEST_RELEASE_FOR_PYTHON.get(python, {}).get(name)
    assert newest, f"no recorded fact for {name} on Python {python}: add it to NEWEST_RELEASE_FOR_PYTHON"
    return version(bound) <= version(newest)


def requirements(manifest: dict, framework: str) -> list[str]:
    return list(manifest.get("requirements", [])) + list(manifest["frameworks"][framework]["requirements"])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> pathlib.Path:
    """Every domain x framework rendered (Jinja2, byte-equal to relna-pack's output) with its starter."""
    root = tmp_path_factory.mktemp("rendered")
    for domain, framework in CASES:
        starter = harness.TEMPLATES / domain / "starters" / f"{framework}.py"
        harness.render_package(domain, starter, root / f"{domain}-{framework}", framework=framework)
    return root


def python_files(root: pathlib.Path) -> list[pathlib.Path]:
    files = sorted(root.rglob("*.py"))
    assert len(files) >= len(CASES) * 5, "the render produced too few Python files"
    return files


def test_rendered_trainers_parse_as_python_37(rendered):
    failures = []
    for path in python_files(rendered):
        try:
            ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=OLDEST_PYTHON)
        except SyntaxError as error:
            failures.append(f"{path.relative_to(rendered)}:{error.lineno}:{error.offset}: {error.msg}")
    assert not failures, "not Python 3.7 syntax:\n" + "\n".join(failures)


def vermin(paths: list[pathlib.Path], *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        # vermin has no __main__ module; its console script calls vermin.main().
        [sys.executable, "-c", "import sys, vermin; sys.exit(vermin.main())",
         "-t=3.7-", "--no-tips", "--violations", *flags, *map(str, paths)],
        capture_output=True, text=True,
    )


def test_rendered_trainers_use_only_python_37_apis(rendered):
    """vermin knows when each standard-library module, function and argument appeared."""
    files = python_files(rendered)
    result = vermin(files)
    assert result.returncode == 0, result.stdout + result.stderr
    # Annotations run at definition time unless the module defers them (PEP 563): list[int] there
    # would fail on 3.7 at import.
    eager = [p for p in files if "from __future__ import annotations" not in p.read_text(encoding="utf-8")]
    result = vermin(eager, "--eval-annotations")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checks_reject_newer_python(tmp_path):
    """The checks above can fail: 3.8 syntax, a 3.8 API and an eager 3.9 annotation are caught."""
    with pytest.raises(SyntaxError):
        ast.parse("if (n := 3):\n    pass\n", feature_version=OLDEST_PYTHON)
    newer = tmp_path / "newer.py"
    newer.write_text("import math\n\nsize = math.prod([2, 3])\n", encoding="utf-8")
    result = vermin([newer])
    assert result.returncode != 0 and "math.prod" in result.stdout, result.stdout + result.stderr
    annotated = tmp_path / "annotated.py"
    annotated.write_text("def first(items: list[int]):\n    return items[0]\n", encoding="utf-8")
    assert vermin([annotated], "--eval-annotations").returncode != 0


@pytest.mark.parametrize("domain", harness.DOMAINS)
def test_each_framework_installs_on_its_runtime_and_image(domain):
    manifest = harness.load_manifest(domain)
    for framework, spec in manifest["frameworks"].items():
        python = spec["python_version"]
        assert RUNTIME_PYTHON.get(spec["runtime_version"]) == python, (
            f"{domain}/{framework}: AI Platform runtime {spec['runtime_version']} does not offer Python {python}")
        image_python = IMAGE_PYTHON.get(spec["executor_image"])
        assert image_python, f"{domain}/{framework}: no recorded Python for {spec['executor_image']}"
        for target in (python, image_python):
            for requirement in requirements(manifest, framework):
                assert installable(requirement, target), (
                    f"{domain}/{framework}: {requirement} has no release for Python {target}")


@pytest.mark.parametrize("domain", harness.DOMAINS)
def test_requires_python_is_the_lowest_python_everything_supports(domain):
    """The oldest Python of every lower-bound release, and the trainer code's, is the framework's Python."""
    manifest = harness.load_manifest(domain)
    for framework, spec in manifest["frameworks"].items():
        oldest = max(
            [OLDEST_PYTHON]
            + [version(OLDEST_PYTHON_OF_RELEASE[lower_bound(r)]) for r in requirements(manifest, framework)]
        )
        assert version(spec["python_version"]) == oldest, f"{domain}/{framework}"


@pytest.mark.parametrize("domain, framework", CASES)
def test_built_package_states_requires_python(relna_pack, domain, framework, tmp_path):
    manifest = harness.load_manifest(domain)
    starter = harness.TEMPLATES / domain / "starters" / f"{framework}.py"
    result = subprocess.run(
        [relna_pack, "build", str(starter), "--domain", domain, "--framework", framework,
         "--output-dir", str(tmp_path), "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    sdist = pathlib.Path(json.loads(result.stdout)["package"]["path"])
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/PKG-INFO") and m.name.count("/") == 1)
        headers = tar.extractfile(member).read().decode().split("\n\n", 1)[0].splitlines()
    python = manifest["frameworks"][framework]["python_version"]
    assert f"Requires-Python: >={python}" in headers
    assert sorted(h for h in headers if h.startswith("Requires-Dist: ")) == sorted(
        f"Requires-Dist: {r}" for r in requirements(manifest, framework))


def build_notes(relna_pack, tmp_path, *flags: str) -> list[str]:
    starter = harness.TEMPLATES / "dqn" / "starters" / "numpy.py"
    result = subprocess.run(
        [relna_pack, "build", str(starter), "--domain", "dqn", "--output-dir", str(tmp_path), "--json", *flags],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    notes = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "note"]
    # Python notes have their own code, apart from the tuning notes.
    assert all(d["code"] == "job-python" for d in notes if "Python" in d["message"]), notes
    return [d["message"] for d in notes]


def test_build_says_when_a_job_names_a_python_the_package_cannot_use(relna_pack, tmp_path):
    assert not [n for n in build_notes(relna_pack, tmp_path / "a") if "Python" in n]
    notes = build_notes(relna_pack, tmp_path / "b", "--python-version", "3.10")
    assert any("runtime 2.11 runs Python 3.7 only" in n for n in notes), notes
    notes = build_notes(relna_pack, tmp_path / "c", "--runtime-version", "3.0", "--python-version", "3.6")
    assert any("requires Python >=3.7" in n and "AI Platform" in n for n in notes), notes
    notes = build_notes(
        relna_pack, tmp_path / "d", "--executor-image", "us-docker.pkg.dev/vertex-ai/training/x.py36:latest")
    assert any("runs Python 3.6" in n and "Vertex" in n for n in notes), notes
