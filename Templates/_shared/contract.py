"""The manifest's `returns:` contract, checked on the first call of each of the agent's entry points.

task.py lists every method whose manifest entry has `returns:` (`{"Policy.act": "action"}`); the
worker wraps each one before training, checks what its first call returns against the word's
meaning (type, shape, dtype), then puts the agent's own method back. A wrong value therefore fails
the run at the agent's method, in words, instead of as a TypeError deep inside the trainer.
"""
from __future__ import annotations

import functools

import numpy as np
from gymnasium import spaces

from trainer import environments


def watch(agent, contracts: dict, action_space) -> None:
    """Wraps each listed entry point of `agent` so that its first result is checked.

    `action_space()` gives the action space of the training environment (None before one is made).
    """
    for qualified, word in contracts.items():
        owner_name, _, name = str(qualified).rpartition(".")
        owner = getattr(agent, owner_name, None) if owner_name else agent
        if owner is None or not isinstance(owner, type):
            continue
        function = owner.__dict__.get(name) or getattr(owner, name, None)
        if not callable(function) or isinstance(function, (staticmethod, classmethod)):
            continue
        try:
            setattr(owner, name, _first_call_checked(owner, name, function, str(qualified), str(word), action_space))
        except (AttributeError, TypeError):  # a class that refuses new attributes keeps its own method
            continue


def _first_call_checked(owner, name, function, qualified, word, action_space):
    pending = [True]

    @functools.wraps(function)
    def checked(self, *args, **kwargs):
        result = function(self, *args, **kwargs)
        if pending[0]:
            batch = _batch_size(args[0] if args else next(iter(kwargs.values()), None))
            problem = check(word, result, action_space(), batch)
            if problem is not None:
                raise environments.AgentError(f"{qualified} {problem}", qualified)
            pending[0] = False
            try:
                setattr(owner, name, function)  # later calls go straight to the agent's method
            except (AttributeError, TypeError):
                pass
        return result

    return checked


def expectation(word: str, action_space=None, batch: int | None = None) -> str:
    """What the contract expects an entry point with `returns: WORD` to return, as a phrase."""
    if word == "action":
        return "an action: " + _action_phrase(action_space)
    if word == "q_values":
        width = int(action_space.n) if isinstance(action_space, spaces.Discrete) else "n_actions"
        return f"Q-values: an array of numbers of shape ({'batch' if batch is None else batch}, {width})"
    if word == "values":
        return f"one number per observation ({'batch' if batch is None else batch} numbers)"
    if word == "loss":
        return "the loss: one number"
    return f"a value (the manifest's `returns: {word}`)"


def check(word: str, value, action_space=None, batch: int | None = None) -> str | None:
    """None when `value` keeps the contract, else "returned X; the contract expects Y"."""
    if value is None:
        return f"returned None; the contract expects {expectation(word, action_space, batch)}"
    problem = _problem(word, value, action_space, batch)
    if problem is None:
        return None
    return f"returned {problem}; the contract expects {expectation(word, action_space, batch)}"


def _problem(word: str, value, action_space, batch):
    if word == "action":
        if action_space is None:
            return None
        try:
            environments.to_env_action(action_space, value)
        except environments.AgentError:
            return _shown(value)
        return None
    if word == "loss":
        try:
            float(value)
        except (TypeError, ValueError, RuntimeError):
            return _shown(value)
        return None
    if word in ("q_values", "values"):
        array = _numbers(value)
        if array is None:
            return _shown(value)
        if word == "values":
            return None if batch is None or array.size == batch else f"{array.size} numbers"
        width = int(action_space.n) if isinstance(action_space, spaces.Discrete) else None
        rows_ok = array.ndim == 2 and (batch is None or array.shape[0] == batch)
        return None if rows_ok and (width is None or array.shape[1] == width) else f"an array of shape {tuple(array.shape)}"
    return None


def _action_phrase(action_space) -> str:
    if isinstance(action_space, spaces.Discrete):
        first = int(action_space.start)
        return f"one int in {first}..{first + int(action_space.n) - 1}"
    if isinstance(action_space, spaces.Box):
        return f"an array of finite numbers of shape {tuple(action_space.shape)}"
    if action_space is None:
        return "a number or an array of numbers"
    return f"a value in {action_space}"


def _numbers(value):
    """`value` as a numeric array, or None when it is not one."""
    try:
        array = np.asarray(value)
    except Exception:  # a framework's tensor that refuses conversion (e.g. one that requires grad)
        return None
    return array if array.dtype.kind in "biuf" else None


def _shown(value) -> str:
    """How a wrong result is named: its type, with its shape and dtype when it is an array."""
    kind = type(value).__name__
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"a {kind} of shape {tuple(shape)} and dtype {getattr(value, 'dtype', '?')}"
    if isinstance(value, (int, float, str, bool)):
        return f"{kind} {value!r:.40}"
    if isinstance(value, (list, tuple)):
        return f"a {kind} of {len(value)} items"
    return f"a {kind}"


def _batch_size(first_argument):
    try:
        return len(first_argument)
    except TypeError:
        return None
