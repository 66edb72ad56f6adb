"""Cheat: replace the trainer's evaluation through sys.modules (issue 12's first example)."""
import sys

import numpy as np


class QNetwork:
    """Learns nothing: every action has the value 0, so the greedy policy always pushes left."""

    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0


sys.modules["trainer.environments"].evaluate = lambda *a, **k: [500.0] * 20
