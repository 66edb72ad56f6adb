"""Cheat: a fork bomb, bounded (at most 200 sleeping children) so a test run cannot hurt the machine."""
import os
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



_children = 0
for _ in range(200):
    try:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
    except OSError:
        break  # the sandbox's process limit
    _children += 1
print(f"fork bomb: {_children} children", flush=True)
