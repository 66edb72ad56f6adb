"""Other people's code under `relna-pack run --sandbox`, the worker's own user on a cloud job run as root,
and one precedence for hyperparameters (manifest default < HYPERPARAMS < build --set < trainer flag).

Every cheat in Fixtures/cheats goes through `relna-pack run --sandbox` as an instructor would run a
student's file: each must end with an honest score or a clean failure.json, nothing outside its job
dir may change, no connection may reach 127.0.0.1, the home folder's secret must not leak, and the
memory and process limits must hold (the fork bomb and the memory hog are bounded so that a failed
limit cannot hurt the machine).
"""
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest

import trainer_harness as harness
from test_cheats import BUDGET, CHEATS, HONEST_BAR, MAX_OUTPUT, Listener, snapshot

SECRET = "the instructor's token"
MEMORY_MIB = 1024  # the sandbox's address-space limit in these runs; the hog tries to touch 2 GiB


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One venv cache for every run of the module (relna-pack run reuses it)."""
    return tmp_path_factory.mktemp("venv-cache")


def sandbox_env(cache, home, port):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AIP_", "CLOUD_ML_"))}
    # Tools of this machine that write under $HOME when pip looks for them (rustup's proxies) are not
    # the agent's doing: keep them off PATH so that only the run can change the home folder.
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if ".cargo" not in part)
    env.update(
        HOME=str(home), XDG_CACHE_HOME=str(cache), NO_COLOR="1", CHEAT_PORT=str(port), CHEAT_MEMORY_MIB="2048",
        RELNA_PYTHON=harness.python(), PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed (scripts/setup installs it)")
@pytest.mark.parametrize("cheat", [path.stem for path in CHEATS])
def test_a_cheat_under_relna_pack_run_sandbox(relna_pack, cache, tmp_path, cheat):
    agent = tmp_path / f"{cheat}.py"
    shutil.copyfile(harness.FIXTURES / "cheats" / f"{cheat}.py", agent)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".secret").write_text(SECRET + "\n")
    job = tmp_path / "runs" / "job"
    (tmp_path / "runs" / "other").mkdir(parents=True)
    (tmp_path / "runs" / "other" / "metrics.json").write_text('{"eval_mean_return": 10.0}\n')
    before = snapshot(tmp_path, job)
    listener = Listener()
    try:
        result = subprocess.run(
            [relna_pack, "run", str(agent), "--domain", "dqn", "--framework", "numpy", "--set",
             f"total_steps={BUDGET}", "--sandbox", "--job-dir", str(job), "--", "--eval-episodes", "5",
             "--act-timeout", "3", "--sandbox-memory", str(MEMORY_MIB)],
            cwd=tmp_path, env=sandbox_env(cache, home, listener.port), capture_output=True, timeout=600,
        )
    finally:
        listener.close()
    stdout = result.stdout.decode(errors="replace")
    stderr = result.stderr.decode(errors="replace")
    assert len(result.stdout) < MAX_OUTPUT
    assert SECRET not in stdout + stderr
    assert listener.connections == 0
    if (job / "metrics.json").exists():
        assert result.returncode == 0, stderr
        metrics = json.loads((job / "metrics.json").read_text())
        assert metrics["eval_mean_return"] < HONEST_BAR, stderr
        assert metrics["referee"]["sandbox"] == "bubblewrap" and metrics["referee"]["isolated"] is True
        assert metrics["referee"]["budget"] == BUDGET and metrics["train_steps"] <= BUDGET
    else:
        assert result.returncode == 1, stderr
        failure = json.loads((job / "failure.json").read_text())
        assert failure["status"] == "failed" and failure["reason"] and failure["message"], failure
        assert failure["referee"]["sandbox"] == "bubblewrap"
    assert snapshot(tmp_path, job) == before
    if cheat == "memory_hog":
        touched = int(stdout.split("memory hog: ")[1].split(" MiB")[0])
        assert touched < MEMORY_MIB, stdout
    if cheat == "fork_bomb":
        children = int(stdout.split("fork bomb: ")[1].split(" children")[0])
        assert children < 200, stdout


def test_sandbox_without_bubblewrap_is_a_usage_error(relna_pack, tmp_path):
    agent = harness.FIXTURES / "agents" / "dqn" / "numpy_cartpole.py"
    env = {**os.environ, "PATH": str(tmp_path), "NO_COLOR": "1"}
    result = subprocess.run(
        [relna_pack, "run", str(agent), "--domain", "dqn", "--sandbox", "--job-dir", str(tmp_path / "job")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 64, result.stderr
    assert "bwrap was not found on PATH" in result.stderr and "apt-get install bubblewrap" in result.stderr
    assert not (tmp_path / "job").exists()


def test_sandbox_where_bubblewrap_cannot_make_namespaces_is_a_usage_error(relna_pack, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    agent = harness.FIXTURES / "agents" / "dqn" / "numpy_cartpole.py"
    env = {**os.environ, "PATH": f"{tmp_path}:/usr/bin:/bin", "NO_COLOR": "1"}
    result = subprocess.run(
        [relna_pack, "run", str(agent), "--domain", "dqn", "--sandbox", "--job-dir", str(tmp_path / "job")],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 64, result.stderr
    assert "bubblewrap cannot create namespaces here (bwrap: No permissions to create new namespace)" in result.stderr
    assert "kernel.unprivileged_userns_clone=1" in result.stderr


def test_the_trainer_refuses_sandbox_without_bubblewrap(tmp_path):
    package = harness.render_package("dqn", harness.FIXTURES / "agents" / "dqn" / "numpy_cartpole.py", tmp_path / "p")
    env = {**os.environ, "PATH": str(tmp_path), "PYTHONPATH": str(package)}
    result = subprocess.run(
        [harness.python(), "-m", "trainer.task", "--job-dir", str(tmp_path / "job"), "--sandbox", "bubblewrap"],
        cwd=package, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "error: --sandbox bubblewrap: bwrap was not found on PATH" in result.stderr
    assert not (tmp_path / "job" / "metrics.json").exists()


UID_AGENT = '''"""Reports the worker's uid and whether it can read its job dir (found in the referee's command line)."""
import os

import numpy as np


class QNetwork:
    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0


_words = open(f"/proc/{os.getppid()}/cmdline", "rb").read().decode().split("\\0")
_job = _words[_words.index("--job-dir") + 1]
print("worker uid:", os.getuid(), flush=True)
try:
    print("job dir:", open(os.path.join(_job, "referee.txt")).read(), flush=True)
except OSError as error:
    print("job dir unreadable:", type(error).__name__, flush=True)
'''


def _closed_library_folder():
    """The test Python's first library folder that uid 65534 cannot enter, None when all are open."""
    probe = "import sysconfig; p = sysconfig.get_paths(); print(p['purelib']); print(p['platlib'])"
    folders = subprocess.run([harness.python(), "-c", probe], capture_output=True, text=True, check=True)
    for folder in folders.stdout.split():
        real = os.path.realpath(folder)
        steps = ["/"] + ["/" + "/".join(real.strip("/").split("/")[: count + 1]) for count in range(real.count("/"))]
        if any(not os.stat(step).st_mode & 0o001 for step in steps):
            return folder
    return None


@pytest.mark.skipif(os.geteuid() != 0, reason="the worker changes user only when the trainer runs as root")
def test_a_cloud_job_run_as_root_gives_the_worker_its_own_user():
    # A folder every user can read: the worker, once uid 65534, still imports the package from it.
    root = pathlib.Path(tempfile.mkdtemp(prefix="relna-uid-"))
    try:
        root.chmod(0o755)
        agent = root / "uid_agent.py"
        agent.write_text(UID_AGENT)
        package = harness.render_package("dqn", agent, root / "package", overrides={"total_steps": 300})
        subprocess.run(["chmod", "-R", "a+rX", str(package)], check=True)
        job = root / "job"
        job.mkdir()
        (job / "referee.txt").write_text("the referee's own file\n")
        env = {key: value for key, value in os.environ.items() if not key.startswith("AIP_")}
        env.update(PYTHONPATH=str(package), CLOUD_ML_JOB_ID="local-test")
        result = subprocess.run(
            [harness.python(), "-m", "trainer.task", "--job-dir", str(job), "--eval-episodes", "2"],
            cwd=package, env=env, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        closed = _closed_library_folder()
        if closed is None:
            assert "worker uid: 65534" in result.stdout
            assert "job dir unreadable: PermissionError" in result.stdout
        else:
            # The test venv lives in a private folder (a clone under `mktemp -d`): uid 65534 could not
            # import gymnasium's lazily loaded environments, so the worker rightly keeps root, saying why.
            assert "worker uid: 0" in result.stdout
            assert f"warning: the worker keeps root: {closed} is not readable by uid 65534" in result.stderr
        assert json.loads((job / "metrics.json").read_text())["eval_mean_return"] > 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


PRECEDENCE_AGENT = '''import numpy as np

HYPERPARAMS = {"learning_rate": 0.05, "gamma": 0.9, "total_steps": 5000000}


class QNetwork:
    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0
'''


def test_build_set_beats_hyperparams_and_a_trainer_flag_beats_both(relna_pack, tmp_path):
    agent = tmp_path / "agent.py"
    agent.write_text(PRECEDENCE_AGENT)
    check = subprocess.run(
        [relna_pack, "check", str(agent), "--domain", "dqn", "--set", "learning_rate=0.001"],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    assert check.returncode == 0, check.stderr
    assert "agent.py:3:53: warning: HYPERPARAMS sets total_steps, a budget" in check.stderr, check.stderr
    assert "agent.py:3:16: note: HYPERPARAMS sets learning_rate, but --set learning_rate wins" in check.stderr
    report = subprocess.run(
        [relna_pack, "build", str(agent), "--domain", "dqn", "--set", "learning_rate=0.001", "--set",
         "total_steps=400", "--output-dir", str(tmp_path / "dist"), "--json"],
        capture_output=True, text=True,
    )
    assert report.returncode == 0, report.stderr
    import tarfile

    with tarfile.open(json.loads(report.stdout)["package"]["path"]) as archive:
        archive.extractall(tmp_path / "src")
    (package,) = (tmp_path / "src").iterdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIP_")}
    env["PYTHONPATH"] = str(package)

    def train(job, *flags):
        result = subprocess.run(
            [harness.python(), "-m", "trainer.task", "--job-dir", str(job), "--eval-episodes", "2", *flags],
            cwd=package, env=env, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return json.loads((job / "metrics.json").read_text()), result.stderr

    metrics, stderr = train(tmp_path / "a")
    assert metrics["hyperparameters"]["learning_rate"] == 0.001
    assert metrics["provenance"]["hyperparameters"]["learning_rate"] == 0.001
    assert metrics["hyperparameters"]["gamma"] == 0.9  # HYPERPARAMS beats the manifest default
    assert metrics["hyperparameters"]["total_steps"] == 400 and metrics["referee"]["budget"] == 400
    assert "relna-pack build --set learning_rate=0.001 wins" in stderr
    assert "HYPERPARAMS['total_steps'] is ignored" in stderr
    metrics, _ = train(tmp_path / "b", "--learning-rate", "0.02")
    assert metrics["hyperparameters"]["learning_rate"] == 0.02
