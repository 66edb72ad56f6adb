"""Cheat: forge another run's result by writing metrics.json into a sibling of its own job dir."""
import json
import os

import numpy as np


class QNetwork:
    """Learns nothing: every action has the value 0, so the greedy policy always pushes left."""

    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0



def _job_dir():
    """The job dir, from the trainer's command line (this process's or its parent's)."""
    for pid in (os.getpid(), os.getppid()):
        try:
            words = open(f"/proc/{pid}/cmdline", "rb").read().decode().split("\0")
        except OSError:
            continue
        for index, word in enumerate(words):
            if word in ("--job-dir", "--job_dir") and index + 1 < len(words):
                return words[index + 1]
    return None


FORGED = {"domain": "dqn", "env": "CartPole-v1", "seed": 0, "eval_mean_return": 500.0, "eval_std_return": 0.0,
          "eval_episodes": 20, "train_episodes": 1, "train_steps": 1, "wall_time_s": 0.1,
          "provenance": {"agent_filename": "x.py", "agent_sha256": "0" * 64}}


_job = _job_dir()
if _job:
    target = os.path.join(os.path.dirname(os.path.abspath(_job)), "sibling")
    try:
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, "metrics.json"), "w") as stream:
            json.dump(FORGED, stream)
    except OSError:
        pass
