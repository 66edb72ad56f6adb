"""The proof that the trainers learn: `relna-pack build` each numpy fixture, pip-install the sdist into
a fresh virtual environment, train on CartPole-v1 with seed 0, and hold metrics.json to the bars.

The three trainings run at the same time (each is one process) to keep CI short; each domain's
defaults are tuned so its run ends well within a minute here. They run once as they are and, where
bubblewrap is installed, once more under the trainer's `--sandbox bubblewrap`: honest agents keep their
bars with the referee and under the sandbox's limits.
"""
import csv
import json
import shutil
import subprocess
import time

import pytest

import trainer_harness as harness

BARS = harness.LEARNING_BARS
EVAL_EPISODES = 20


SANDBOXES = ["none"] + (["bubblewrap"] if shutil.which("bwrap") else [])


@pytest.fixture(scope="module", params=SANDBOXES)
def runs(relna_pack, tmp_path_factory, request):
    """Builds, installs and starts the three trainings concurrently; yields their results."""
    root = tmp_path_factory.mktemp("learning")
    started = {}
    for domain in BARS:
        agent = harness.FIXTURES / "agents" / domain / "numpy_cartpole.py"
        sdist = harness.build_sdist(relna_pack, agent, domain, root / "dist")
        python = harness.install_sdist(sdist, root / f"venv-{domain}")
        job_dir = root / f"job-{domain}"
        log = open(root / f"{domain}.log", "w")
        env = harness.trainer_environment()
        process = subprocess.Popen(
            [str(python), "-m", "trainer.task", "--env", "CartPole-v1", "--job-dir", str(job_dir),
             "--seed", "0", "--eval-episodes", str(EVAL_EPISODES), "--sandbox", request.param],
            cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        started[domain] = (process, job_dir, log, time.monotonic())
    results = {}
    for domain, (process, job_dir, log, start) in started.items():
        code = process.wait(timeout=600)
        log.close()
        results[domain] = {
            "code": code,
            "job_dir": job_dir,
            "log": (root / f"{domain}.log").read_text(),
            "seconds": time.monotonic() - start,
        }
    return results


@pytest.mark.parametrize("domain", list(BARS))
def test_trainer_reaches_its_bar(runs, domain):
    run = runs[domain]
    assert run["code"] == 0, run["log"]
    metrics = json.loads((run["job_dir"] / "metrics.json").read_text())
    print(f"{domain}: eval {metrics['eval_mean_return']:.1f} ± {metrics['eval_std_return']:.1f}, "
          f"{metrics['train_steps']} steps, {metrics['wall_time_s']} s training, {run['seconds']:.0f} s in all")
    assert metrics["domain"] == domain and metrics["env"] == "CartPole-v1" and metrics["seed"] == 0
    assert metrics["referee"]["isolated"] is True and metrics["referee"]["sandbox"] in SANDBOXES
    assert metrics["eval_episodes"] >= 20
    assert metrics["eval_mean_return"] >= BARS[domain], run["log"]
    if domain == "dqn":  # the bar holds for the final network: no checkpoint was selected
        assert metrics["hyperparameters"]["keep_best"] is False and "eval_best_mean_return" not in metrics
    assert metrics["train_steps"] <= metrics["hyperparameters"]["total_steps"]
    # The installed package's provenance.json, written by relna-pack build.
    assert metrics["provenance"]["domain"] == domain
    assert len(metrics["provenance"]["agent_sha256"]) == 64
    with open(run["job_dir"] / "progress.csv", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["episode", "steps", "return", "wall_time_s"]
    assert len(rows) - 1 == metrics["train_episodes"] > 0
    assert [int(r[0]) for r in rows[1:]] == list(range(len(rows) - 1))
    steps = [int(r[1]) for r in rows[1:]]
    assert steps == sorted(steps) and steps[-1] <= metrics["train_steps"]
    assert (run["job_dir"] / "model" / "agent.pkl").exists()
    # A progress line every few seconds, and the final summary.
    assert "evaluation: mean return" in run["log"]
