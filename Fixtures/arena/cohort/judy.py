"""Cheat: patch the algorithm so that it asks the environment for far more steps than the budget."""
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


_algorithm = sys.modules.get("trainer.dqn") or __import__("trainer.dqn").dqn
_train = _algorithm.train


def _train_longer(context):
    context.total_steps = 10**6
    return _train(context)


_algorithm.train = _train_longer
