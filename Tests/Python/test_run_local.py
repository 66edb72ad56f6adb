"""`relna-pack run` end to end: build, cached venv, live trainer output, Ctrl-C, final metrics.

The venv is made from the repository's .venv with --system-site-packages (RELNA_PYTHON), so nothing
is downloaded; the cache lives in this module's own temporary folder.
"""
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
AGENT = ROOT / "Fixtures" / "agents" / "dqn" / "numpy_cartpole.py"
BUDGET = ["--set", "total_steps=1500", "--", "--eval-episodes", "2", "--progress-interval", "0.2"]


@pytest.fixture(scope="module")
def run_env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("relna-run-cache")
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(cache), "RELNA_PYTHON": sys.executable}
    env.pop("RELNA_TEMPLATES", None)
    return env


def test_trains_cartpole_streams_progress_and_reuses_the_venv(relna_pack, run_env, tmp_path):
    first = subprocess.run(
        [relna_pack, "run", str(AGENT), "--domain", "dqn", "--job-dir", str(tmp_path / "a"), "--seed", "2", *BUDGET],
        capture_output=True, text=True, env=run_env, timeout=600,
    )
    assert first.returncode == 0, first.stderr
    assert "creating a Python environment in " + run_env["XDG_CACHE_HOME"] + "/relna-pack/venvs/" in first.stderr
    assert "episode" in first.stdout  # the trainer's progress lines reach our stdout
    assert "final metrics" in first.stdout and "evaluation return:" in first.stdout
    metrics = json.loads((tmp_path / "a" / "metrics.json").read_text())
    assert (metrics["domain"], metrics["env"], metrics["seed"]) == ("dqn", "CartPole-v1", 2)
    assert metrics["train_steps"] <= 1500 and metrics["eval_episodes"] == 2
    assert (tmp_path / "a" / "progress.csv").exists()

    second = subprocess.run(
        [relna_pack, "run", str(AGENT), "--domain", "dqn", "--job-dir", str(tmp_path / "b"), *BUDGET],
        capture_output=True, text=True, env=run_env, timeout=600,
    )
    assert second.returncode == 0, second.stderr
    assert "using the Python environment" in second.stderr
    assert "creating" not in second.stderr
    venvs = list((pathlib.Path(run_env["XDG_CACHE_HOME"]) / "relna-pack" / "venvs").iterdir())
    assert [path.name for path in venvs if not path.name.startswith(".")] and not [
        path for path in venvs if path.name.startswith(".staging")
    ]


def test_default_job_dir_is_under_runs_and_the_install_is_cleaned_up(relna_pack, run_env, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # A trainer/ folder in the current folder must not shadow the installed package.
    (tmp_path / "trainer").mkdir()
    (tmp_path / "trainer" / "__init__.py").write_text("raise SystemExit('the wrong trainer was imported')\n")
    result = subprocess.run(
        [relna_pack, "run", str(AGENT), "--domain", "dqn", *BUDGET],
        capture_output=True, text=True, env={**run_env, "TMPDIR": str(temporary)}, cwd=tmp_path, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert list(temporary.iterdir()) == []  # the per-run install folder is gone
    (job_dir,) = (tmp_path / "runs").iterdir()
    assert job_dir.name.startswith("dqn-CartPole-v1-")
    assert (job_dir / "metrics.json").exists()


def test_ctrl_c_reaches_the_trainer_and_its_status_is_ours(relna_pack, run_env, tmp_path):
    process = subprocess.Popen(
        [relna_pack, "run", str(AGENT), "--domain", "dqn", "--job-dir", str(tmp_path / "c"),
         "--set", "total_steps=100000000", "--", "--progress-interval", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run_env,
    )
    try:
        deadline = time.monotonic() + 300
        seen = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("episode"):
                break
        assert seen and seen[-1].startswith("episode"), "".join(seen) + process.stderr.read()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = process.stderr.read()
    # Python dies of the KeyboardInterrupt by SIGINT; relna-pack exits 128 + 2 like a shell would.
    assert process.returncode == 130, stderr
    assert "KeyboardInterrupt" in stderr
    assert "the trainer exited with status 130" in stderr
    assert not (tmp_path / "c" / "metrics.json").exists()


def test_a_failing_agent_is_named_as_the_student_named_it(relna_pack, run_env, tmp_path):
    """`run` tells the trainer the file's name (the package does not hold it) and passes --traceback."""
    source = AGENT.read_text()
    assert "def predict(self, observations):" in source
    broken = source.replace("def predict(self, observations):", "def predict(self, observations):\n        1 / 0", 1)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "ada.py").write_text(broken)
    line = broken.splitlines().index("        1 / 0") + 1
    command = [relna_pack, "run", "mine/ada.py", "--domain", "dqn", "--set", "total_steps=1500"]
    quiet = subprocess.run(
        [*command, "--job-dir", "q"], capture_output=True, text=True, env=run_env, cwd=tmp_path, timeout=600
    )
    assert quiet.returncode == 1, quiet.stderr
    assert (
        f"error: mine/ada.py:{line}: QNetwork.predict raised ZeroDivisionError: division by zero during training; "
        "expected QNetwork.predict to return Q-values"
    ) in quiet.stderr, quiet.stderr
    assert "Traceback" not in quiet.stderr and "environments.py" not in quiet.stderr
    loud = subprocess.run(
        [*command, "--traceback", "--job-dir", "l"], capture_output=True, text=True, env=run_env, cwd=tmp_path,
        timeout=600,
    )
    assert loud.returncode == 1 and "Traceback (most recent call last):" in loud.stderr, loud.stderr
    assert f"error: mine/ada.py:{line}: QNetwork.predict raised ZeroDivisionError" in loud.stderr
