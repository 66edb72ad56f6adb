"""Cheat: hang in predict during the evaluation, hoping the trainer waits or gives up with a default."""
import time

import numpy as np


class QNetwork:
    """Learns nothing: every action has the value 0, so the greedy policy always pushes left."""

    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0


    since_update = None

    def predict(self, observations):
        # Training updates after every step; the evaluation only predicts.
        if len(observations) == 1 and QNetwork.since_update is not None:
            QNetwork.since_update += 1
            if QNetwork.since_update > 10:
                time.sleep(3600)
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        QNetwork.since_update = 0
        return 0.0


HYPERPARAMS = {"learning_starts": 1, "train_freq": 1, "batch_size": 8}
