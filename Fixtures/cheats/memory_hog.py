"""Cheat: a memory hog, bounded: reserves 64 GiB untouched, then touches 256 MiB blocks up to
CHEAT_MEMORY_MIB (default 512) so a test run cannot exhaust the machine."""
import mmap
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



_held = []
try:
    _held.append(mmap.mmap(-1, 64 * 2**30))  # address space only: the sandbox's limit refuses it
except (OSError, MemoryError, OverflowError):
    pass
_touched = 0
try:
    while _touched < int(os.environ.get("CHEAT_MEMORY_MIB", "512")):
        _held.append(b"\1" * (256 * 2**20))
        _touched += 256
except MemoryError:
    pass
print(f"memory hog: {_touched} MiB touched, {len(_held)} blocks", flush=True)
_held.clear()
