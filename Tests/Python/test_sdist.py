"""End-to-end checks of the sdists `relna-pack build` writes: layout read back by tarfile and tar,
metadata accepted by twine, installable with pip into a fresh virtual environment, runnable there, and
no injection through flags."""
import ast
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOMAINS = ROOT / "Fixtures" / "domains"
MINI_AGENT = ROOT / "Fixtures" / "agents" / "mini" / "good.py"
DQN_AGENT = ROOT / "Fixtures" / "agents" / "dqn" / "numpy_cartpole.py"


def build(relna_pack, out, *args, agent=MINI_AGENT, domain="mini", env=None):
    cmd = [relna_pack, "build", str(agent), "--domain", domain, "--output-dir", str(out), "--json", *args]
    if domain == "mini":
        cmd += ["--templates", str(DOMAINS)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def mini_sdist(relna_pack, tmp_path_factory):
    out = tmp_path_factory.mktemp("mini")
    report = build(relna_pack, out)
    return pathlib.Path(report["package"]["path"]), report


@pytest.fixture(scope="module")
def dqn_sdist(relna_pack, tmp_path_factory):
    if not (ROOT / "Templates" / "dqn" / "manifest.yaml").exists() or not DQN_AGENT.exists():
        pytest.skip("the dqn domain or its fixture agent is not there yet")
    out = tmp_path_factory.mktemp("dqn")
    report = build(relna_pack, out, agent=DQN_AGENT, domain="dqn")
    return pathlib.Path(report["package"]["path"]), report


def test_layout_read_back_by_tarfile(dqn_sdist):
    path, report = dqn_sdist
    stem = "relna_trainer_dqn-0.1.0"
    assert path.name == stem + ".tar.gz"
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getmembers()
        names = [m.name for m in members]
        assert names == sorted(names, key=lambda n: n.encode())
        assert all(n == stem or n.startswith(stem + "/") for n in names)
        for m in members:
            assert (m.uid, m.gid, m.uname, m.gname) == (0, 0, "", "")
            assert m.mtime == 315532800
            assert m.mode == (0o755 if m.isdir() else 0o644)
            assert m.pax_headers == {}
        files = {m.name[len(stem) + 1:] for m in members if m.isfile()}
        for required in ["PKG-INFO", "setup.py", "pyproject.toml", "trainer/__init__.py", "trainer/task.py",
                         "trainer/agent.py", "trainer/provenance.json"]:
            assert required in files
        assert files == {f["path"] for f in report["files"]}
        agent = tar.extractfile(f"{stem}/trainer/agent.py").read()
        assert agent == DQN_AGENT.read_bytes()
        provenance = json.loads(tar.extractfile(f"{stem}/trainer/provenance.json").read())
        assert provenance["domain"] == "dqn"
        assert provenance["framework"] == "numpy"
        assert provenance["env"] == "CartPole-v1"
        yaml = pytest.importorskip("yaml")
        manifest = yaml.safe_load((ROOT / "Templates" / "dqn" / "manifest.yaml").read_text())
        assert provenance["hyperparameters"] == {h["name"]: h["default"] for h in manifest["hyperparameters"]}
        import hashlib
        assert provenance["agent_sha256"] == hashlib.sha256(DQN_AGENT.read_bytes()).hexdigest()
        pkg_info = tar.extractfile(f"{stem}/PKG-INFO").read().decode()
        headers = pkg_info.split("\n\n", 1)[0].splitlines()
        assert headers[:3] == ["Metadata-Version: 2.2", "Name: relna-trainer-dqn", "Version: 0.1.0"]
        for requirement in manifest["requirements"]:
            assert f"Requires-Dist: {requirement}" in headers
        assert any(h.startswith("Requires-Python: ") for h in headers)
        # setup.py declares the same requirements as PKG-INFO.
        setup = ast.parse(tar.extractfile(f"{stem}/setup.py").read())
        call = next(n for n in ast.walk(setup) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "setup")
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        assert kwargs["name"] == "relna-trainer-dqn" and kwargs["version"] == "0.1.0"
        assert kwargs["install_requires"] == [h.split(": ", 1)[1] for h in headers if h.startswith("Requires-Dist")]
        assert kwargs["packages"] == ["trainer"]


def test_environment_brings_its_budget_and_requirements(relna_pack, tmp_path):
    """Only a package built for LunarLander requires Box2D; its provenance and trainer carry the
    environment's own defaults (manifest environments.settings), and --env switches them at run time."""
    yaml = pytest.importorskip("yaml")
    manifest = yaml.safe_load((ROOT / "Templates" / "dqn" / "manifest.yaml").read_text())
    settings = manifest["environments"]["settings"]
    headers, provenances, tasks = {}, {}, {}
    for env_id in ["CartPole-v1", "LunarLander-v3"]:
        report = build(relna_pack, tmp_path / env_id, "--env", env_id, agent=DQN_AGENT, domain="dqn")
        with tarfile.open(report["package"]["path"], "r:gz") as tar:
            stem = "relna_trainer_dqn-0.1.0"
            headers[env_id] = tar.extractfile(f"{stem}/PKG-INFO").read().decode().split("\n\n", 1)[0]
            provenances[env_id] = json.loads(tar.extractfile(f"{stem}/trainer/provenance.json").read())
            tasks[env_id] = tar.extractfile(f"{stem}/trainer/task.py").read().decode()
    assert "box2d" not in headers["CartPole-v1"] and "pygame" not in headers["CartPole-v1"]
    for requirement in settings["LunarLander-v3"]["requirements"]:
        assert f"Requires-Dist: {requirement}" in headers["LunarLander-v3"].splitlines()
    lander_steps = settings["LunarLander-v3"]["hyperparameters"]["total_steps"]
    base_steps = next(h["default"] for h in manifest["hyperparameters"] if h["name"] == "total_steps")
    assert provenances["LunarLander-v3"]["hyperparameters"]["total_steps"] == lander_steps
    assert provenances["CartPole-v1"]["hyperparameters"]["total_steps"] == base_steps
    # Both trainers know every environment's budget, so `--env` picks the right one.
    for task in tasks.values():
        call = next(n for n in ast.walk(ast.parse(task))
                    if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "TrainerSpec")
        env_defaults = ast.literal_eval(next(k.value for k in call.keywords if k.arg == "env_defaults"))
        assert env_defaults["LunarLander-v3"]["total_steps"] == lander_steps
        assert env_defaults["CartPole-v1"]["total_steps"] == base_steps
        assert set(env_defaults) == set(manifest["environments"]["supported"])


def test_layout_read_back_by_tar(mini_sdist):
    path, _ = mini_sdist
    listing = subprocess.run(["tar", "-tvzf", str(path)], capture_output=True, text=True, check=True).stdout
    lines = listing.splitlines()
    assert lines[0].startswith("drwxr-xr-x 0/0")
    assert lines[0].endswith("relna_trainer_mini-0.1.0/")
    assert all(" 0/0 " in line for line in lines)
    assert any(line.startswith("-rw-r--r-- 0/0") and line.endswith("relna_trainer_mini-0.1.0/trainer/task.py")
               for line in lines)
    with open(path, "rb") as f:
        header = f.read(10)
    assert header[3] == 0 and header[4:8] == b"\0\0\0\0"  # no file name, mtime 0


def test_twine_check(mini_sdist, dqn_sdist):
    for path, _ in (mini_sdist, dqn_sdist):
        result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def fresh_venv(tmp_path):
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    return target / "bin" / "python"


def test_pip_install_and_run_mini(mini_sdist, tmp_path):
    path, _ = mini_sdist
    python = fresh_venv(tmp_path)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(path)],
                   check=True, cwd=tmp_path)
    help_text = subprocess.run([str(python), "-m", "trainer.task", "--help"], capture_output=True, text=True,
                               check=True, cwd=tmp_path).stdout
    assert "--episodes" in help_text
    out = subprocess.run([str(python), "-m", "trainer.task"], capture_output=True, text=True, check=True,
                         cwd=tmp_path).stdout
    assert json.loads(out)["hyperparameters"]["episodes"] == 3
    # Package data (non-Python skeleton files) and provenance are installed too.
    check = "import importlib.resources as r; print(r.files('trainer').joinpath('provenance.json').is_file())"
    assert subprocess.run([str(python), "-c", check], capture_output=True, text=True, check=True,
                          cwd=tmp_path).stdout.strip() == "True"


def test_pip_install_and_help_dqn(dqn_sdist, tmp_path):
    path, _ = dqn_sdist
    python = fresh_venv(tmp_path)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(path)],
                   check=True, cwd=tmp_path)
    result = subprocess.run([str(python), "-m", "trainer.task", "--help"], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--learning-rate" in result.stdout


HOSTILE = [
    '"; import os; os.system("touch /tmp/pwned") #',
    "'''\nimport os\n'''",
    "\\x27); __import__('os').system('id') #",
    "{{ domain }}{% raw %}",
    "\u2028line separator\u00e9",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_set_values_stay_literals(relna_pack, tmp_path, value):
    report = build(relna_pack, tmp_path, "--set", f"label={value}")
    with tarfile.open(report["package"]["path"], "r:gz") as tar:
        task = tar.extractfile("relna_trainer_mini-0.1.0/trainer/task.py").read().decode()
    tree = ast.parse(task)
    hyper = next(n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "HYPERPARAMETERS")
    values = ast.literal_eval(hyper.value)
    assert values["label"][2] == value
    # Nothing but the expected top-level statements: no injected import or call.
    assert [type(n).__name__ for n in tree.body if not isinstance(n, (ast.Assign, ast.FunctionDef))] == \
        ["Expr", "Import", "Import", "Import", "If"]


def test_hostile_names_are_refused(relna_pack, tmp_path):
    for name in ['x",\nimport os\n#', "a'b", "a b"]:
        result = subprocess.run([relna_pack, "build", str(MINI_AGENT), "--domain", "mini", "--templates",
                                 str(DOMAINS), "--output-dir", str(tmp_path), "--name", name],
                                capture_output=True, text=True)
        assert result.returncode == 64
    assert list(tmp_path.iterdir()) == []
