"""Gymnasium 0.26-1.x environments, seeding and the evaluation on fixed seeds shared by every domain."""
from __future__ import annotations

import random
import sys

import numpy as np

# Evaluation seeds are the same for every run and every student, so that runs compare fairly;
# they are far from the small training seeds people pick.
EVAL_SEED_BASE = 1_000_000


class AgentError(Exception):
    """The agent returned something the trainer cannot use; the message says what was expected."""


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
    from gymnasium import spaces

    if isinstance(space, spaces.Discrete):
        return "discrete"
    if isinstance(space, spaces.Box):
        return "continuous"
    return type(space).__name__


def to_env_action(space, action):
    """Turns what an agent returned into an action the environment accepts."""
    from gymnasium import spaces

    if isinstance(space, spaces.Discrete):
        value = np.asarray(action)
        if value.size != 1:
            raise AgentError(f"act must return one discrete action (an int), got shape {value.shape}")
        index = int(value.reshape(()))
        if not 0 <= index - int(space.start) < int(space.n):
            raise AgentError(f"act returned action {index}; the environment has actions 0..{space.n - 1}")
        return index
    if isinstance(space, spaces.Box):
        value = np.asarray(action, dtype=space.dtype)
        if value.size != int(np.prod(space.shape)):
            raise AgentError(f"act must return an action of shape {space.shape}, got shape {value.shape}")
        return np.clip(value.reshape(space.shape), space.low, space.high)
    return action


def evaluate(env_id: str, act, episodes: int, max_steps: int | None = None) -> list[float]:
    """Returns of `episodes` episodes on seeds EVAL_SEED_BASE + i, acting with `act(observation)`."""
    env = make_env(env_id)
    returns = []
    try:
        for index in range(episodes):
            observation, _ = env.reset(seed=EVAL_SEED_BASE + index)
            total, steps, done = 0.0, 0, False
            while not done:
                action = to_env_action(env.action_space, act(observation))
                observation, reward, terminated, truncated, _ = env.step(action)
                total += float(reward)
                steps += 1
                done = terminated or truncated or (max_steps is not None and steps >= max_steps)
            returns.append(total)
    finally:
        env.close()
    return returns
