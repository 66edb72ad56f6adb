"""Gymnasium 0.26-1.x environments, seeding and the evaluation on fixed seeds shared by every domain."""
from __future__ import annotations

import random
import sys

import numpy as np
from gymnasium import spaces

# Evaluation seeds are the same for every run and every student, so that runs compare fairly;
# they are far from the small training seeds people pick.
EVAL_SEED_BASE = 1_000_000


class AgentError(Exception):
    """The agent returned something the trainer cannot use; the message says what was expected.

    `entry_point` names the agent's function or method that returned it (e.g. "QNetwork.predict").
    """

    def __init__(self, message: str, entry_point: str | None = None):
        super().__init__(message)
        self.entry_point = entry_point


def seed_everything(seed: int) -> None:
    """Seeds Python's and NumPy's global generators, and PyTorch's / TensorFlow's when imported."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch = sys.modules.get("torch")
    if torch is not None and hasattr(torch, "manual_seed"):
        torch.manual_seed(seed)
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None and hasattr(tensorflow, "random"):
        tensorflow.random.set_seed(seed)


def make_env(env_id: str):
    import gymnasium

    return gymnasium.make(env_id)


def action_kind(space) -> str:
    if isinstance(space, spaces.Discrete):
        return "discrete"
    if isinstance(space, spaces.Box):
        return "continuous"
    return type(space).__name__


def to_env_action(space, action, entry_point: str = "act"):
    """Turns what an agent returned into an action the environment accepts."""
    try:
        value = np.asarray(action)
    except Exception:  # whatever the agent's object raises when it is not array-like
        value = np.asarray(None)
    if value.dtype.kind not in "biuf":
        raise AgentError(
            f"{entry_point} must return a number or an array of numbers, got {type(action).__name__}",
            entry_point,
        )
    if isinstance(space, spaces.Discrete):
        if value.size != 1:
            raise AgentError(
                f"{entry_point} must return one discrete action (an int), got shape {value.shape}", entry_point
            )
        index = int(value.reshape(()))
        if not 0 <= index - int(space.start) < int(space.n):
            raise AgentError(
                f"{entry_point} returned action {index}; the environment has actions 0..{space.n - 1}",
                entry_point,
            )
        return index
    if isinstance(space, spaces.Box):
        value = value.astype(space.dtype)
        if value.size != int(np.prod(space.shape)) or not np.all(np.isfinite(value)):
            raise AgentError(
                f"{entry_point} must return a finite action of shape {space.shape}, got shape {value.shape}",
                entry_point,
            )
        return np.clip(value.reshape(space.shape), space.low, space.high)
    if not space.contains(value.astype(space.dtype)):
        raise AgentError(f"{entry_point} returned an action outside {space}", entry_point)
    return value.astype(space.dtype)


def evaluate(env, act, episodes: int, entry_point: str = "act", max_steps: int | None = None) -> list[float]:
    """Returns of `episodes` episodes of `env` on seeds EVAL_SEED_BASE + i, acting with `act(observation)`."""
    returns = []
    for index in range(episodes):
        observation, _ = env.reset(seed=EVAL_SEED_BASE + index)
        total, steps, done = 0.0, 0, False
        while not done:
            action = to_env_action(env.action_space, act(observation), entry_point)
            observation, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            steps += 1
            done = terminated or truncated or (max_steps is not None and steps >= max_steps)
        returns.append(total)
    return returns
