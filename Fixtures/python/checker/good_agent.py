"""A DQN agent in numpy: the Q-network the trainer trains and copies as its target network."""

import math
from collections import deque

import numpy as np

HYPERPARAMS = {"learning_rate": 1e-3}


def preprocess(observation):
    # Scale the raw observation into a small range.
    return np.asarray(observation, dtype=np.float32) / 10.0


class QNetwork:
    def __init__(self, observation_space, action_space, hidden=64):
        n_in = observation_space.shape[0]
        self.w = np.zeros((n_in, action_space.n))
        self.history = deque(maxlen=100)

    def predict(self, observations):
        return observations @ self.w

    def update(self, observations, actions, targets):
        error = self.predict(observations)[np.arange(len(actions)), actions] - targets
        return float(math.sqrt((error**2).mean()))

    def get_weights(self):
        return self.w.copy()
