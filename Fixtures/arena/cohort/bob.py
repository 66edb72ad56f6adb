"""Honest, middling: a controller that looks at the pole angle only."""
import numpy as np


class QNetwork:
    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        observations = np.asarray(observations, dtype=np.float64)
        angle = observations[:, 2]
        return np.stack([-angle, angle], axis=1)

    def update(self, observations, actions, targets):
        return 0.0
