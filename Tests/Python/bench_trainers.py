"""The trainers' speed and quality: for every domain × framework, the starter trained on CartPole-v1 at
the domain's default budget (steps per second, and the final network's mean return on the evaluation
seeds 1,000,000 + i), one run at a time; with Stable-Baselines3 in the same run where its Python
(RELNA_SB3_PYTHON, else the framework Python) has it (DQN with RL Zoo's CartPole-v1 settings, PPO with
RL Zoo's for policy_gradient).

    RELNA_PACK=.build/debug/relna-pack RELNA_FRAMEWORKS_PYTHON=… [RELNA_SB3_PYTHON=…] .venv/bin/python \\
        Tests/Python/bench_trainers.py [SEED…]

Prints one line per run, then one JSON object (the last line). Issue 16's goal: every framework's
starter at least a third of the torch starter's steps per second, in every domain.
"""
from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

import trainer_harness as harness

EVAL_EPISODES = 20

# RL Zoo's hyperparameters for CartPole-v1 (rl-baselines3-zoo, hyperparams/dqn.yml and ppo.yml).
SB3 = r"""
import json, sys, time
import gymnasium as gym, numpy as np, torch
torch.set_num_threads(1)
from stable_baselines3 import DQN, PPO
from stable_baselines3.common.env_util import make_vec_env
algo, seed = sys.argv[1], int(sys.argv[2])
if algo == "dqn":
    steps = 50_000
    model = DQN("MlpPolicy", "CartPole-v1", learning_rate=2.3e-3, batch_size=64, buffer_size=100_000,
                learning_starts=1000, gamma=0.99, target_update_interval=10, train_freq=256,
                gradient_steps=128, exploration_fraction=0.16, exploration_final_eps=0.04,
                policy_kwargs=dict(net_arch=[256, 256]), seed=seed, device="cpu")
    deterministic = True  # greedy, as the dqn domain evaluates
else:
    steps = 100_000
    linear = lambda start: (lambda progress: progress * start)
    model = PPO("MlpPolicy", make_vec_env("CartPole-v1", n_envs=8, seed=seed), n_steps=32, batch_size=256,
                gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0, learning_rate=linear(1e-3),
                clip_range=linear(0.2), seed=seed, device="cpu")
    deterministic = False  # sampled, as the policy_gradient domain evaluates
start = time.monotonic()
model.learn(total_timesteps=steps)
wall = time.monotonic() - start
env, returns = gym.make("CartPole-v1"), []
for i in range(EPISODES):
    observation, _ = env.reset(seed=1_000_000 + i)
    total, done = 0.0, False
    while not done:
        action, _ = model.predict(observation, deterministic=deterministic)
        observation, reward, terminated, truncated, _ = env.step(int(action))
        total += float(reward)
        done = terminated or truncated
    returns.append(total)
print(json.dumps({"steps": steps, "wall_time_s": wall, "returns": returns}))
""".replace("EPISODES", str(EVAL_EPISODES))

SB3_ALGORITHMS = {"dqn": "dqn", "policy_gradient": "ppo"}


def _has(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def starter_run(relna_pack: str, frameworks_python: str, root: pathlib.Path, domain: str, framework: str,
                seed: int) -> dict:
    name = f"{domain}-{framework}-{seed}"
    starter = harness.TEMPLATES / domain / "starters" / f"{framework}.py"
    sdist = harness.build_sdist(relna_pack, starter, domain, root / name / "dist", "--framework", framework)
    python = harness.install_sdist(sdist, root / name / "venv", base=frameworks_python, check_requirements=False)
    job_dir = root / name / "job"
    env = harness.trainer_environment()
    subprocess.run(
        [str(python), "-m", "trainer.task", "--env", "CartPole-v1", "--job-dir", str(job_dir), "--seed", str(seed),
         "--eval-episodes", str(EVAL_EPISODES), "--progress-interval", "1000"],
        cwd=root / name, env=env, check=True, capture_output=True,
    )
    metrics = json.loads((job_dir / "metrics.json").read_text())
    return {
        "steps_per_second": metrics["steps_per_second"],
        "eval_mean_return": metrics["eval_mean_return"],
        "wall_time_s": metrics["wall_time_s"],
    }


def sb3_run(python: str, algorithm: str, seed: int) -> dict:
    out = subprocess.run(
        [python, "-c", SB3, algorithm, str(seed)],
        check=True, capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS="1"),
    ).stdout.strip().splitlines()[-1]
    result = json.loads(out)
    return {
        "steps_per_second": round(result["steps"] / result["wall_time_s"], 1),
        "eval_mean_return": round(statistics.fmean(result["returns"]), 2),
        "wall_time_s": round(result["wall_time_s"], 3),
    }


def summarize(runs: list[dict]) -> dict:
    return {
        "steps_per_second": round(statistics.median(r["steps_per_second"] for r in runs), 1),
        "eval_mean_return": round(statistics.fmean(r["eval_mean_return"] for r in runs), 2),
        "eval_mean_return_per_seed": [r["eval_mean_return"] for r in runs],
        "wall_time_s": round(statistics.median(r["wall_time_s"] for r in runs), 3),
    }


def main() -> int:
    seeds = [int(arg) for arg in sys.argv[1:]] or [0]
    relna_pack = os.environ.get("RELNA_PACK", "relna-pack")
    frameworks_python = os.environ.get("RELNA_FRAMEWORKS_PYTHON") or harness.python()
    frameworks = [f for f in harness.FRAMEWORKS if f == "numpy" or _has(frameworks_python, f)]
    sb3_python = os.environ.get("RELNA_SB3_PYTHON") or frameworks_python
    with_sb3 = _has(sb3_python, "stable_baselines3")
    results: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder)
        for domain in harness.DOMAINS:
            results[domain] = {}
            subjects = list(frameworks) + (["sb3"] if with_sb3 and domain in SB3_ALGORITHMS else [])
            for subject in subjects:
                runs = []
                for seed in seeds:
                    if subject == "sb3":
                        run = sb3_run(sb3_python, SB3_ALGORITHMS[domain], seed)
                    else:
                        run = starter_run(relna_pack, frameworks_python, root, domain, subject, seed)
                    runs.append(run)
                    print(f"{domain} {subject} seed {seed}: {run['steps_per_second']} steps/s, "
                          f"return {run['eval_mean_return']}, {run['wall_time_s']} s (load {os.getloadavg()[0]:.1f})",
                          flush=True)
                results[domain][subject] = summarize(runs)
    ratios = {}
    for domain, subjects in results.items():
        torch_speed = subjects.get("torch", {}).get("steps_per_second")
        if torch_speed:
            ratios[domain] = {
                name: round(row["steps_per_second"] / torch_speed, 3)
                for name, row in subjects.items() if name not in ("torch", "sb3")
            }
    print(json.dumps({
        "subject": "trainers",
        "env": "CartPole-v1",
        "seeds": seeds,
        "eval_episodes": EVAL_EPISODES,
        "sb3": with_sb3,
        "domains": results,
        "speed_vs_torch": ratios,
        "goal": "every framework at least 1/3 of the torch starter's steps per second",
    }, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
