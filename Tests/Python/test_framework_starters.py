"""Every starter of every domain × framework (numpy, torch, TensorFlow) trains on CartPole-v1 to the
domain's bar at its default budget, through the package `relna-pack build` makes (the path of
test_trainer_learning.py), and its saved model loads again and acts.

The frameworks live in their own venv (scripts/setup --frameworks, cached outside the clone), named by
RELNA_FRAMEWORKS_PYTHON; scripts/test sets it. Without it these tests are skipped. The nine trainings
run a few at a time (one per core): each is one referee and one single-threaded worker.
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import pathlib
import subprocess
import time
import traceback

import pytest

import trainer_harness as harness

FRAMEWORKS_PYTHON = os.environ.get("RELNA_FRAMEWORKS_PYTHON", "")
PAIRS = [(domain, framework) for domain in harness.DOMAINS for framework in harness.FRAMEWORKS]

pytestmark = pytest.mark.skipif(
    not FRAMEWORKS_PYTHON, reason="RELNA_FRAMEWORKS_PYTHON is not set (scripts/setup --frameworks makes the venv)"
)

# Loads the pickled agent.pkl in the package's venv and asks it for one action, as a student would.
RELOAD = """
import pickle, sys
import gymnasium, numpy as np
model = pickle.load(open(sys.argv[1], "rb"))
observation, _ = gymnasium.make("CartPole-v1").reset(seed=0)
if hasattr(model, "predict"):
    out = np.asarray(model.predict(np.asarray(observation, np.float32)[None]))
    assert out.shape == (1, 2), out.shape
else:
    assert int(model.act(observation)) in (0, 1)
print("reloaded", type(model).__name__)
"""


def _train(relna_pack: str, root: pathlib.Path, domain: str, framework: str) -> dict:
    name = f"{domain}-{framework}"
    starter = harness.TEMPLATES / domain / "starters" / f"{framework}.py"
    sdist = harness.build_sdist(relna_pack, starter, domain, root / name / "dist", "--framework", framework)
    python = harness.install_sdist(sdist, root / name / "venv", base=FRAMEWORKS_PYTHON, check_requirements=False)
    job_dir = root / name / "job"
    env = harness.trainer_environment()
    start = time.monotonic()
    run = subprocess.run(
        [str(python), "-m", "trainer.task", "--env", "CartPole-v1", "--job-dir", str(job_dir), "--seed", "0",
         "--sandbox", "none"],
        cwd=root / name, capture_output=True, text=True, env=env, timeout=900,
    )
    result = {"code": run.returncode, "log": run.stdout + run.stderr, "seconds": time.monotonic() - start}
    if run.returncode == 0:
        result["metrics"] = json.loads((job_dir / "metrics.json").read_text())
        model = job_dir / "model" / "agent.pkl"
        reload = subprocess.run(
            [str(python), "-c", RELOAD, str(model)], capture_output=True, text=True, env=env, timeout=300
        ) if model.exists() else None
        result["reload"] = None if reload is None else (reload.returncode, reload.stdout + reload.stderr)
    return result


def _train_or_report(*args) -> dict:
    try:
        return _train(*args)
    except Exception:  # a failed build or install belongs to its own pair's test, not to all nine
        return {"code": None, "log": traceback.format_exc()}


@pytest.fixture(scope="module")
def runs(relna_pack, tmp_path_factory, request):
    """Trains the pairs this session selected (all nine, or those -k picked), a few at a time."""
    selected = [
        (item.callspec.params["domain"], item.callspec.params["framework"])
        for item in request.session.items
        if item.module is request.module and hasattr(item, "callspec")
    ]
    root = tmp_path_factory.mktemp("frameworks")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        futures = {pair: pool.submit(_train_or_report, relna_pack, root, *pair) for pair in selected}
        return {pair: future.result() for pair, future in futures.items()}


@pytest.mark.parametrize("domain,framework", PAIRS)
def test_starter_trains_to_the_bar(runs, domain, framework):
    run = runs[(domain, framework)]
    assert run["code"] == 0, run["log"]
    metrics = run["metrics"]
    print(f"{domain} {framework}: eval {metrics['eval_mean_return']:.1f}, {metrics['steps_per_second']} steps/s, "
          f"{metrics['wall_time_s']} s training, {run['seconds']:.0f} s in all")
    assert metrics["framework"] == framework and metrics["env"] == "CartPole-v1"
    assert metrics["train_steps"] <= metrics["hyperparameters"]["total_steps"]
    assert metrics["eval_mean_return"] >= harness.LEARNING_BARS[domain], run["log"]
    assert "cannot be pickled" not in run["log"], run["log"]
    assert run["reload"] is not None, "no model/agent.pkl was saved:\n" + run["log"]
    code, output = run["reload"]
    assert code == 0, output
