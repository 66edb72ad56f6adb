"""The trainer packages install and run on the Python their Vertex AI jobs run.

Every domain's manifest names, per framework, a Python version (the package's Requires-Python), and
`Templates/_shared/executor-images.yaml` names the Vertex executor images per framework with their
Python. Every image there runs Python 3.10, so the rendered trainer code must be Python 3.10 code,
each requirement's lower bound must have a release that installs on 3.10, and PKG-INFO's
Requires-Python must say >=3.10. These tests check the rendered code with CPython's own parser
(feature_version) and with vermin (standard-library APIs), and the manifests against the image table
and a small table of facts from PyPI (no network here).
"""
import ast
import json
import pathlib
import re
import subprocess
import sys
import tarfile

import pytest
import yaml

import trainer_harness as harness

CASES = [(domain, framework) for domain in harness.DOMAINS for framework in harness.FRAMEWORKS]

IMAGE_TABLE = yaml.safe_load((harness.TEMPLATES / "_shared" / "executor-images.yaml").read_text(encoding="utf-8"))

# The Python every job runs: the images' (all of them 3.10 when the table was read, 2026-11-30).
TARGET_PYTHON = (3, 10)

# Per project: the oldest Python its release X.Y (the manifests' lower bounds) installs on, from PyPI's
# Requires-Python and wheel tags (`pip install --dry-run --no-deps --only-binary=:all:
# --python-version 3.6 PROJECT==X.Y.0`): gymnasium 0.26 says >=3.6; numpy 1.22, torch 2.0 and
# tensorflow 2.12 say >=3.8 (and ship cp310 wheels).
OLDEST_PYTHON_OF_RELEASE = {
    ("gymnasium", "0.26"): "3.6",
    ("numpy", "1.22"): "3.8",
    ("torch", "2.0"): "3.8",
    ("tensorflow", "2.12"): "3.8",
}

# Per Python: the newest release pip installs there (`pip install --dry-run --no-deps
# --only-binary=:all: --python-version V PROJECT`, 2026-11). A lower bound above it cannot install.
NEWEST_RELEASE_FOR_PYTHON = {
    "3.10": {"gymnasium": "1.4.0", "numpy": "2.2.6", "torch": "2.14.1", "tensorflow": "2.20.0"},
}


def chosen_image(framework: str, requires_python: str) -> dict:
    """What `relna-pack build` picks: the latest end of availability among images whose Python is at
    least Requires-Python (ExecutorImageTable.choose)."""
    rows = IMAGE_TABLE["frameworks"].get(framework) or IMAGE_TABLE["frameworks"][IMAGE_TABLE["fallback"]]
    usable = [r for r in rows if version(r["python"]) >= version(requires_python)]
    assert usable, f"no image for {framework} runs Python >={requires_python}"
    return max(usable, key=lambda r: r["end_of_availability"])


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


def test_rendered_trainers_parse_as_python_310(rendered):
    failures = []
    for path in python_files(rendered):
        try:
            ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=TARGET_PYTHON)
        except SyntaxError as error:
            failures.append(f"{path.relative_to(rendered)}:{error.lineno}:{error.offset}: {error.msg}")
    assert not failures, "not Python 3.10 syntax:\n" + "\n".join(failures)


def vermin(paths: list[pathlib.Path], *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        # vermin has no __main__ module; its console script calls vermin.main().
        [sys.executable, "-c", "import sys, vermin; sys.exit(vermin.main())",
         "-t=3.10-", "--no-tips", "--violations", "--eval-annotations", *flags, *map(str, paths)],
        capture_output=True, text=True,
    )


def test_rendered_trainers_use_only_python_310_apis(rendered):
    """vermin knows when each standard-library module, function and argument appeared."""
    result = vermin(python_files(rendered))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checks_reject_newer_python(tmp_path):
    """The checks above can fail: 3.11 syntax, a 3.11 module and a 3.11 API are caught."""
    with pytest.raises(SyntaxError):
        ast.parse("try:\n    pass\nexcept* ValueError:\n    pass\n", feature_version=TARGET_PYTHON)
    newer = tmp_path / "newer.py"
    newer.write_text("import math\n\nroot = math.cbrt(27.0)\n", encoding="utf-8")
    result = vermin([newer])
    assert result.returncode != 0 and "math.cbrt" in result.stdout, result.stdout + result.stderr
    module = tmp_path / "module.py"
    module.write_text("import tomllib\n", encoding="utf-8")
    assert vermin([module]).returncode != 0


@pytest.mark.parametrize("domain", harness.DOMAINS)
def test_each_framework_installs_on_its_image(domain):
    manifest = harness.load_manifest(domain)
    for framework, spec in manifest["frameworks"].items():
        python = spec["python_version"]
        assert "executor_image" not in spec, f"{domain}/{framework}: the image comes from the table"
        image = chosen_image(framework, python)
        assert image["python"] == python, f"{domain}/{framework}: {image['uri']} runs Python {image['python']}"
        for requirement in requirements(manifest, framework):
            assert installable(requirement, image["python"]), (
                f"{domain}/{framework}: {requirement} has no release for Python {image['python']}")


@pytest.mark.parametrize("domain", harness.DOMAINS)
def test_requires_python_is_the_images_python_and_every_lower_bound_supports_it(domain):
    manifest = harness.load_manifest(domain)
    for framework, spec in manifest["frameworks"].items():
        assert version(spec["python_version"]) == TARGET_PYTHON, f"{domain}/{framework}"
        for requirement in requirements(manifest, framework):
            oldest = OLDEST_PYTHON_OF_RELEASE[lower_bound(requirement)]
            assert version(oldest) <= TARGET_PYTHON, f"{domain}/{framework}: {requirement}"


def test_every_image_in_the_table_says_where_and_when_it_was_read():
    assert IMAGE_TABLE["source"].startswith("https://")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", IMAGE_TABLE["read"])
    for framework, rows in IMAGE_TABLE["frameworks"].items():
        for row in rows:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["end_of_availability"]), (framework, row)
            assert re.fullmatch(r"3\.\d+", row["python"]), (framework, row)


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
    notes = build_notes(relna_pack, tmp_path / "b", "--job-target", "both")
    assert any("runtime 2.11 runs Python 3.7 only" in n for n in notes), notes
    notes = build_notes(relna_pack, tmp_path / "c", "--job-target", "aiplatform", "--runtime-version", "3.0",
                        "--python-version", "3.6")
    assert any("requires Python >=3.10" in n and "AI Platform" in n for n in notes), notes
    notes = build_notes(relna_pack, tmp_path / "d", "--image", "us-docker.pkg.dev/vertex-ai/training/x.py36:latest")
    assert any("runs Python 3.6" in n and "Vertex" in n for n in notes), notes
