"""Renders a domain into a trainer package folder with Jinja2, the way `relna-pack build` does.

Jinja2 with the engine's settings is the reference implementation of relna-pack's template language,
and the context follows docs/render-context.md, built from the domain's manifest. This lets the
trainers be developed and unit-tested on their own; the end-to-end tests use the real tool.
"""
from __future__ import annotations

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys

import jinja2
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "Templates"
FIXTURES = ROOT / "Fixtures"
DOMAINS = ("dqn", "policy_gradient", "imitation")
FRAMEWORKS = ("numpy", "torch", "tensorflow")
RELNA_VERSION = "0.1.0"
# The mean evaluation return each domain's trainer must reach on CartPole-v1 at its default budget
# (test_trainer_learning.py, test_framework_starters.py).
LEARNING_BARS = {"imitation": 475.0, "policy_gradient": 400.0, "dqn": 195.0}


def python() -> str:
    """The Python the tests use: RELNA_PYTHON, else the repository's .venv, else this one."""
    configured = os.environ.get("RELNA_PYTHON")
    if configured:
        return configured
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _purelib(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()


def install_sdist(
    sdist: pathlib.Path, target: pathlib.Path, base: str | None = None, check_requirements: bool = True
) -> pathlib.Path:
    """A fresh venv with the sdist pip-installed; its dependencies come from `base`'s venv (offline).

    `base` is the test venv's Python unless given (the framework venv's, for torch and TensorFlow).
    Without `check_requirements` pip does not match the package's requirements with what `base` has
    (tensorflow-cpu does not satisfy the requirement `tensorflow`, though it is the same module).
    """
    base = base or python()
    subprocess.run([base, "-m", "venv", "--without-pip", str(target)], check=True)
    installed = target / "bin" / "python"
    # gymnasium, numpy, the frameworks and setuptools are in the base venv: reuse them, download nothing.
    (pathlib.Path(_purelib(str(installed))) / "relna_test_base.pth").write_text(_purelib(base) + "\n")
    subprocess.run(
        [base, "-m", "pip", "--python", str(installed), "install", "-q", "--disable-pip-version-check",
         "--no-index", "--no-build-isolation", *([] if check_requirements else ["--no-deps"]), str(sdist)],
        check=True, capture_output=True, text=True,
    )
    return installed


def load_manifest(domain: str) -> dict:
    return yaml.safe_load((TEMPLATES / domain / "manifest.yaml").read_text(encoding="utf-8"))


def _pyident(value: object) -> str:
    text = str(value)
    if not text.isidentifier():
        raise ValueError(f"not a Python identifier: {text!r}")
    return text


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["pyident"] = _pyident
    return env


def render_context(
    manifest: dict, agent_source: bytes, framework: str, env_id: str | None = None,
    overrides: dict | None = None,
) -> dict:
    """The context of docs/render-context.md for one build."""
    overrides = overrides or {}
    domain = manifest["domain"]
    environments = manifest["environments"]
    env_id = env_id or environments["default"]
    settings = environments.get("settings", {})
    requirements = list(manifest.get("requirements", []))
    for requirement in manifest["frameworks"][framework].get("requirements", []) + settings.get(
        env_id, {}
    ).get("requirements", []):
        if requirement not in requirements:
            requirements.append(requirement)
    base = {hp["name"]: hp["default"] for hp in manifest.get("hyperparameters", [])}
    per_env = [
        name for name in base
        if name not in overrides and any(name in s.get("hyperparameters", {}) for s in settings.values())
    ]
    env_defaults = {
        env: {name: settings.get(env, {}).get("hyperparameters", {}).get(name, base[name]) for name in per_env}
        for env in environments["supported"]
    }
    hyperparameters = {}
    for hp in manifest.get("hyperparameters", []):
        own = settings.get(env_id, {}).get("hyperparameters", {})
        hyperparameters[hp["name"]] = {
            "type": hp["type"],
            "default": overrides.get(hp["name"], own.get(hp["name"], hp["default"])),
            "help": hp.get("help", ""),
            "min": hp.get("min"),
            "max": hp.get("max"),
            "choices": hp.get("choices", []),
            "flag": "--" + hp["name"].replace("_", "-"),
            "budget": bool(hp.get("budget", False)),
            "set_by_build": hp["name"] in overrides,
        }
    entry_points = {}
    for entry in manifest["agent"].get("entry_points", []):
        entry_points[entry["name"]] = {
            "kind": entry["kind"],
            "required": entry.get("required", True),
            "defined": True,
            "methods": {
                method["name"]: {"defined": True, "returns": method.get("returns")}
                for method in entry.get("methods", [])
            },
        }
    normalized = f"relna_trainer_{domain}"
    agent_path = manifest["agent"].get("path", "trainer/agent.py")
    return {
        "domain": domain,
        "title": manifest["title"],
        "description": manifest["description"],
        "template_version": str(manifest["version"]),
        "relna_version": RELNA_VERSION,
        "package": {"name": normalized.replace("_", "-"), "normalized_name": normalized, "version": "0.1.0"},
        "env_id": env_id,
        "environments": {
            "default": environments["default"],
            "supported": environments["supported"],
            "action_space": environments.get("action_space", "any"),
            "hyperparameters": env_defaults,
            "requirements": {env: settings.get(env, {}).get("requirements", []) for env in environments["supported"]},
        },
        "framework": framework,
        "requirements": requirements,
        "hyperparameters": hyperparameters,
        "entry_points": entry_points,
        "agent": {
            "module": agent_path[: -len(".py")].replace("/", "."),
            "path": agent_path,
            "label": "",
            "sha256": hashlib.sha256(agent_source).hexdigest(),
        },
        "job": manifest.get("job", {}),
    }


def render_package(
    domain: str, agent: pathlib.Path, destination: pathlib.Path, framework: str = "numpy",
    env_id: str | None = None, overrides: dict | None = None,
) -> pathlib.Path:
    """Writes the package's files (the `trainer/` tree and provenance.json) under `destination`."""
    manifest = load_manifest(domain)
    source = agent.read_bytes()
    context = render_context(manifest, source, framework, env_id, overrides)
    jinja = environment()
    for entry in manifest["skeleton"]:
        if "shared" in entry:
            name, path = "_shared/" + entry["shared"], TEMPLATES / "_shared" / entry["shared"]
        else:
            name, path = f"{domain}/{entry['source']}", TEMPLATES / domain / entry["source"]
        target = destination / entry["output"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.get("render", name.endswith(".j2")):
            target.write_text(jinja.get_template(name).render(context), encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    agent_target = destination / context["agent"]["path"]
    agent_target.parent.mkdir(parents=True, exist_ok=True)
    agent_target.write_bytes(source)
    provenance = {
        "domain": domain,
        "template_version": context["template_version"],
        "agent_sha256": context["agent"]["sha256"],
        "relna_version": RELNA_VERSION,
        "env": context["env_id"],
        "framework": framework,
        "hyperparameters": {name: hp["default"] for name, hp in context["hyperparameters"].items()},
        "built_by": "Tests/Python/trainer_harness.py",
    }
    (destination / "trainer" / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n")
    return destination


def run_trainer(package: pathlib.Path, args: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    """Runs `python -m trainer.task ARGS` with the package folder first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(package)
    env.pop("AIP_MODEL_DIR", None)
    return subprocess.run(
        [python(), "-m", "trainer.task", *args],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build_sdist(relna_pack: str, agent: pathlib.Path, domain: str, output_dir: pathlib.Path, *flags: str) -> pathlib.Path:
    """`relna-pack build AGENT --domain DOMAIN FLAGS --output-dir DIR --json`, which must succeed: the sdist."""
    report = subprocess.run(
        [relna_pack, "build", str(agent), "--domain", domain, *flags, "--output-dir", str(output_dir), "--json"],
        capture_output=True, text=True,
    )
    assert report.returncode == 0, report.stderr + report.stdout
    return pathlib.Path(json.loads(report.stdout)["package"]["path"])


def trainer_environment() -> dict[str, str]:
    """This process's environment without Vertex's AIP_ variables, which would redirect a trainer's output."""
    return {key: value for key, value in os.environ.items() if not key.startswith("AIP_")}


def read_metrics(job_dir: pathlib.Path) -> dict:
    return json.loads((job_dir / "metrics.json").read_text())


if __name__ == "__main__":
    # python Tests/Python/trainer_harness.py DOMAIN AGENT DEST [trainer args…]: render, then run.
    domain_arg, agent_arg, dest_arg, *trainer_args = sys.argv[1:]
    package_dir = render_package(domain_arg, pathlib.Path(agent_arg), pathlib.Path(dest_arg))
    if trainer_args:
        env = dict(os.environ, PYTHONPATH=str(package_dir))
        raise SystemExit(subprocess.call([python(), "-m", "trainer.task", *trainer_args], env=env))
