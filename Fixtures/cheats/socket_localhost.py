"""Cheat: send what it knows to a server on 127.0.0.1 (the port in CHEAT_PORT)."""
import os
import socket

import numpy as np


class QNetwork:
    """Learns nothing: every action has the value 0, so the greedy policy always pushes left."""

    def __init__(self, observation_space, action_space):
        self.n = int(action_space.n)

    def predict(self, observations):
        return np.zeros((len(observations), self.n))

    def update(self, observations, actions, targets):
        return 0.0


try:
    with socket.create_connection(("127.0.0.1", int(os.environ.get("CHEAT_PORT", "9"))), timeout=2) as _sock:
        _sock.sendall(b"leak")
except OSError:
    pass
