"""Cheating agents (Fixtures/cheats) against the referee, run as a cloud job runs a package.

Each cheat is built with relna-pack (dqn domain, `--set total_steps=600`) and run with
`python -m trainer.task`. Its QNetwork learns nothing, so an honest evaluation scores about 9; every
cheat aims at 500. Each run must end with an honest score (below HONEST_BAR, with the referee's
budget) or a clean failure record, and nothing outside its job dir may change: not the package, not
a sibling job dir, not the home folder.
"""
import hashlib
import json
import re
import pathlib
import socket
import subprocess
import tarfile
import threading
import time

import pytest

import trainer_harness as harness

CHEATS = sorted((harness.FIXTURES / "cheats").glob("*.py"))
BUDGET = 600
# A QNetwork that learns nothing scores about 9 on CartPole; a learner needs thousands of steps for 195.
HONEST_BAR = 100.0
MAX_OUTPUT = 6 * 2**20  # the referee relays at most 4 MiB of the agent's stdout


@pytest.fixture(scope="module")
def packages(relna_pack, tmp_path_factory):
    """Each cheat built by relna-pack; the sdists are unpacked, then run from their folders."""
    root = tmp_path_factory.mktemp("cheats")
    built = {}
    for cheat in CHEATS:
        sdist = harness.build_sdist(
            relna_pack, cheat, "dqn", root / "dist" / cheat.stem, "--framework", "numpy", "--set", f"total_steps={BUDGET}"
        )
        with tarfile.open(sdist) as archive:
            archive.extractall(root / "src" / cheat.stem)
        (folder,) = (root / "src" / cheat.stem).iterdir()
        built[cheat.stem] = folder
    return built


def snapshot(root: pathlib.Path, skip: pathlib.Path) -> dict:
    """Every file and folder under `root` but `skip`: its kind, size and SHA-256."""
    seen = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        if path.is_symlink() or not path.is_file():
            seen[str(path.relative_to(root))] = ("link" if path.is_symlink() else "dir",)
        else:
            seen[str(path.relative_to(root))] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return seen


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it gets."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self._stop = True
        self._thread.join()
        self.server.close()


@pytest.mark.parametrize("cheat", [path.stem for path in CHEATS])
def test_a_cheat_gets_an_honest_score_or_a_clean_failure(packages, tmp_path, cheat):
    package = tmp_path / "package"
    subprocess.run(["cp", "-R", str(packages[cheat]), str(package)], check=True)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".secret").write_text("the instructor's token\n")
    job = tmp_path / "runs" / "job"
    (tmp_path / "runs" / "other").mkdir(parents=True)
    (tmp_path / "runs" / "other" / "metrics.json").write_text('{"eval_mean_return": 10.0}\n')
    before = snapshot(tmp_path, job)
    listener = Listener()
    env = harness.trainer_environment()
    env.update(PYTHONPATH=str(package), HOME=str(home), PYTHONDONTWRITEBYTECODE="1", CHEAT_PORT=str(listener.port))
    try:
        result = subprocess.run(
            [harness.python(), "-m", "trainer.task", "--job-dir", str(job), "--eval-episodes", "5",
             "--act-timeout", "3"],
            cwd=package, env=env, capture_output=True, timeout=300,
        )
        metrics_path = job / "metrics.json"
        first = metrics_path.read_bytes() if metrics_path.exists() else None
        time.sleep(1.5)  # a daemon the cheat left behind would write now
    finally:
        listener.close()
    stderr = result.stderr.decode(errors="replace")
    assert len(result.stdout) < MAX_OUTPUT
    if first is not None:
        assert result.returncode == 0, stderr
        assert metrics_path.read_bytes() == first, "metrics.json changed after the run"
        metrics = json.loads(first)
        assert metrics["eval_mean_return"] < HONEST_BAR, stderr
        referee = metrics["referee"]
        assert referee["isolated"] is True and referee["budget"] == BUDGET
        assert referee["steps_served"] <= BUDGET and metrics["train_steps"] <= BUDGET
        assert not (job / "failure.json").exists()
    else:
        assert result.returncode == 1, stderr
        failure = json.loads((job / "failure.json").read_text())
        assert failure["status"] == "failed" and failure["message"] and failure["reason"], failure
        assert failure["agent_file"] == "trainer/agent.py"
        # One located sentence, and no traceback unless --traceback asks for it (issue 14 §3).
        assert re.search(r"^error: agent\.py(:\d+)?: ", stderr, re.M), stderr
        assert "Traceback" not in stderr.split("error: agent.py")[-1]
    assert snapshot(tmp_path, job) == before
    assert listener.connections == 0
    if cheat == "hyperparams_budget":
        assert "HYPERPARAMS['total_steps'] is ignored" in stderr
    if cheat == "hang_in_act":
        assert failure["reason"] == "timeout" and failure["phase"] == "evaluation"
        assert failure["entry_point"] == "QNetwork.predict" and failure["line"], failure
    if cheat == "inflate_budget":
        assert failure["reason"] == "budget" and failure["referee"]["steps_served"] == BUDGET, failure
