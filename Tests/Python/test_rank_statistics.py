"""`relna-pack rank --json` end to end against numpy: the per-seed statistics of every entry of the
fixture runs (IQM, seed std, mean − std, the bootstrap intervals from the same SplitMix64 stream) and
the order under each --score. The oracle is Tests/Oracles/rank_statistics_oracle.py."""

import importlib.util
import json
import subprocess

import numpy as np
import pytest


@pytest.fixture(scope="module")
def oracle(repo_root):
    spec = importlib.util.spec_from_file_location(
        "rank_statistics_oracle", repo_root / "Tests/Oracles/rank_statistics_oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rank(relna_pack, repo_root, *arguments):
    result = subprocess.run(
        [relna_pack, "rank", "Fixtures/runs/good", "Fixtures/runs/real", "--json", *arguments],
        cwd=repo_root, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("score", ["mean", "iqm", "mean-std"])
def test_statistics_and_order_match_numpy(relna_pack, repo_root, oracle, score):
    document = rank(relna_pack, repo_root, "--score", score)
    assert document["score"] == score
    bootstrap = document["bootstrap"]
    key = {"mean": "eval_mean_return", "iqm": "eval_iqm_return", "mean-std": "mean_minus_std"}[score]
    for group in document["groups"]:
        entries = group["entries"]
        assert [entry["rank"] for entry in entries] == list(range(1, len(entries) + 1))
        assert [entry["score"] for entry in entries] == sorted((e["score"] for e in entries), reverse=True)
        for entry in entries:
            scores = np.array([run["eval_mean_return"] for run in entry["runs"]], dtype=np.float64)
            assert entry["score"] == entry[key]
            assert entry["eval_iqm_return"] == oracle.iqm(scores)
            assert entry["seed_std_return"] == float(np.std(scores))
            assert entry["mean_minus_std"] == entry["eval_mean_return"] - entry["eval_std_return"]
            if len(scores) == 1:  # the Swift side skips a bootstrap whose every resample is this run
                expected = [scores[0]] * 4
            else:
                expected = oracle.bootstrap(scores, bootstrap["seed"], bootstrap["resamples"])
            assert entry["eval_mean_return_ci95"] + entry["eval_iqm_return_ci95"] == expected
        assert group["unranked"] == []
