"""Experts for imitation: demonstrations from a .npz file, and scripted controllers.

The .npz format (docs/expert-data.md): `observations` [N, *obs_shape] and `actions` [N] (int, for
Discrete spaces) or [N, *action_shape] (float, for Box spaces); optional `episode_starts` [N] bool
(True on the first step of each episode), `episode_returns` [E] and `env_id` (a 0-d string array).
"""
from __future__ import annotations

import io
import math

import numpy as np

from trainer import storage


class ExpertError(Exception):
    """No usable expert: a malformed data file, or no scripted expert for the environment."""


def cartpole(observation) -> int:
    """Push towards where the pole is falling: scores 500 on CartPole-v1 from every start."""
    _, _, theta, theta_dot = (float(v) for v in observation[:4])
    return int(theta + 0.5 * theta_dot > 0)


def mountain_car(observation) -> int:
    """Push in the direction of motion to pump energy into the swing."""
    return 2 if float(observation[1]) >= 0 else 0


# Weights of (cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2), found by random search on seeds 0-9 around
# "torque along θ̇2" (which timed out at -500 on some starts: -110.6 ± 93.7 on the evaluation seeds).
_ACROBOT_WEIGHTS = (-0.1, 0.87, -0.44, 0.0, -0.54, 1.39)


def acrobot(observation) -> int:
    """A linear energy-pumping controller: about -91 ± 35 an episode, never timing out on 60 seeds."""
    drive = sum(w * float(v) for w, v in zip(_ACROBOT_WEIGHTS, observation[:6]))
    return 2 if drive > 0 else 0


def pendulum(observation) -> np.ndarray:
    """Energy-shaping swing-up, then a PD controller near the top."""
    cos_theta, sin_theta, theta_dot = (float(v) for v in observation[:3])
    theta = math.atan2(sin_theta, cos_theta)
    if cos_theta > 0.9:
        torque = -10.0 * theta - 1.5 * theta_dot
    else:
        energy = 0.5 * theta_dot**2 + 10.0 * (cos_theta - 1.0)
        torque = -2.0 * energy * theta_dot
    return np.array([max(-2.0, min(2.0, torque))], dtype=np.float32)


class _LanderMode:
    """What Gymnasium's heuristic reads from its env argument: `env.unwrapped.continuous`."""

    def __init__(self, continuous: bool):
        self.continuous = continuous
        self.unwrapped = self


def lunar_lander(continuous: bool):
    """Gymnasium's own `heuristic` lander (gymnasium/envs/box2d/lunar_lander.py): about +250."""
    mode = _LanderMode(continuous)

    def act(observation):
        # Imported on first use: only LunarLander packages install Box2D.
        from gymnasium.envs.box2d.lunar_lander import heuristic

        action = heuristic(mode, np.asarray(observation, dtype=np.float64))
        return np.asarray(action, dtype=np.float32) if continuous else int(action)

    return act


SCRIPTED = {
    "CartPole-v1": cartpole,
    "CartPole-v0": cartpole,
    "MountainCar-v0": mountain_car,
    "Acrobot-v1": acrobot,
    "Pendulum-v1": pendulum,
    "LunarLander-v3": lunar_lander(continuous=False),
    "LunarLanderContinuous-v3": lunar_lander(continuous=True),
}


def scripted_expert(env_id: str):
    """The built-in controller for `env_id`, or None."""
    return SCRIPTED.get(env_id)


class Demonstrations:
    """Expert observations and actions, validated for one environment's spaces."""

    def __init__(self, observations, actions, episode_starts=None):
        self.observations = np.asarray(observations, dtype=np.float32)
        self.actions = np.asarray(actions)
        self.episode_starts = None if episode_starts is None else np.asarray(episode_starts, dtype=bool)

    def __len__(self) -> int:
        return len(self.observations)

    def head(self, count: int) -> "Demonstrations":
        starts = None if self.episode_starts is None else self.episode_starts[:count]
        return Demonstrations(self.observations[:count], self.actions[:count], starts)

    def episodes(self) -> int:
        if self.episode_starts is None:
            return 0
        return int(self.episode_starts.sum())


def load_demonstrations(path: str, observation_space, action_space, discrete: bool) -> Demonstrations:
    """Reads and checks an expert .npz file (local or gs://)."""
    try:
        archive = np.load(io.BytesIO(storage.read_bytes(path)), allow_pickle=False)
    except (ValueError, OSError) as error:
        raise ExpertError(f"{path}: not a NumPy .npz archive ({error})") from None
    with archive:
        for key in ("observations", "actions"):
            if key not in archive.files:
                present = ", ".join(archive.files) or "none"
                raise ExpertError(f"{path}: has no {key!r} array (it has: {present})")
        observations, actions = archive["observations"], archive["actions"]
        starts = archive["episode_starts"] if "episode_starts" in archive.files else None
    shape = tuple(observation_space.shape)
    if observations.ndim < 1 or tuple(observations.shape[1:]) != shape:
        expected = ", ".join(map(str, shape))
        raise ExpertError(f"{path}: observations have shape {observations.shape}; expected [N, {expected}]")
    if len(actions) != len(observations):
        raise ExpertError(f"{path}: {len(actions)} actions for {len(observations)} observations")
    if starts is not None and len(starts) != len(observations):
        raise ExpertError(
            f"{path}: episode_starts has {len(starts)} entries for {len(observations)} observations"
        )
    if discrete:
        if actions.ndim != 1 or actions.dtype.kind not in "iu":
            raise ExpertError(f"{path}: actions must be integers of shape [N] for a Discrete action space")
        if len(actions) and (actions.min() < 0 or actions.max() >= action_space.n):
            raise ExpertError(f"{path}: actions must lie in 0..{action_space.n - 1}")
    elif tuple(actions.shape[1:]) != tuple(action_space.shape):
        expected = ", ".join(map(str, action_space.shape))
        raise ExpertError(f"{path}: actions have shape {actions.shape}; expected [N, {expected}]")
    return Demonstrations(observations, actions, starts)
