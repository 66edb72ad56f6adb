"""Honest, strong: a hand-written controller in predict (pole angle and angular velocity)."""
import numpy as np


class QNetwork:
    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        observations = np.asarray(observations, dtype=np.float64)
        push_right = observations[:, 2] + 0.5 * observations[:, 3]
        return np.stack([-push_right, push_right], axis=1)

    def update(self, observations, actions, targets):
        return 0.0
