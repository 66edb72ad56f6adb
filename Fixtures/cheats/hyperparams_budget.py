"""Cheat: give itself 100 times the budget through HYPERPARAMS."""
import numpy as np


class QNetwork:
    """Learns nothing: every action has the value 0, so the greedy policy always pushes left."""

    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0


HYPERPARAMS = {"total_steps": 5_000_000, "learning_starts": 1}
