"""The referee's cost: training wall time of the numpy dqn and policy_gradient starters on CartPole-v1
at their default budgets, refereed versus the in-process reference run of the same package, in the
same session, alternating. Goal: at most 1.3 times the in-process time.

    RELNA_PACK=.build/debug/relna-pack .venv/bin/python Tests/Python/bench_referee.py [ROUNDS]

Prints one line per run, then one JSON object (the last line) with the median times and the ratio.
"""
from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import tarfile
import tempfile

import trainer_harness as harness

DOMAINS = ("dqn", "policy_gradient")


def build(relna_pack: str, domain: str, root: pathlib.Path) -> pathlib.Path:
    starter = harness.TEMPLATES / domain / "starters" / "numpy.py"
    sdist = harness.build_sdist(relna_pack, starter, domain, root / domain)
    with tarfile.open(sdist) as archive:
        archive.extractall(root / domain / "src")
    (folder,) = (root / domain / "src").iterdir()
    return folder


def train(package: pathlib.Path, job_dir: pathlib.Path, in_process: bool) -> float:
    env = harness.trainer_environment()
    env["PYTHONPATH"] = str(package)
    env.pop("RELNA_REFEREE", None)
    if in_process:
        env["RELNA_REFEREE"] = "in-process"
    subprocess.run(
        [harness.python(), "-m", "trainer.task", "--job-dir", str(job_dir), "--progress-interval", "1000"],
        cwd=package, env=env, check=True, capture_output=True,
    )
    return json.loads((job_dir / "metrics.json").read_text())["wall_time_s"]


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    relna_pack = os.environ.get("RELNA_PACK", "relna-pack")
    times = {(domain, mode): [] for domain in DOMAINS for mode in ("in-process", "refereed")}
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder)
        packages = {domain: build(relna_pack, domain, root) for domain in DOMAINS}
        for round_index in range(rounds):
            for domain in DOMAINS:
                for mode in ("in-process", "refereed"):
                    job_dir = root / f"job-{domain}-{mode}-{round_index}"
                    seconds = train(packages[domain], job_dir, mode == "in-process")
                    times[(domain, mode)].append(seconds)
                    load = os.getloadavg()[0]
                    print(f"{domain} {mode} round {round_index + 1}: {seconds:.2f} s (load {load:.1f})", flush=True)
    result = {"subject": "referee", "rounds": rounds, "domains": {}}
    ratios = []
    for domain in DOMAINS:
        alone = statistics.median(times[(domain, "in-process")])
        refereed = statistics.median(times[(domain, "refereed")])
        ratios.append(refereed / alone)
        result["domains"][domain] = {
            "in_process_s": round(alone, 3),
            "refereed_s": round(refereed, 3),
            "ratio": round(refereed / alone, 3),
        }
    result["ratio"] = round(max(ratios), 3)
    result["goal"] = 1.3
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
