"""The referee's training environments: the authoritative ones, whatever the worker's replicas say.

The worker's algorithm steps replicas of these environments and sends what it did in batches
(protocol.Batch). The referee replays every record here, on environments it made itself: it counts
the steps against the budget, checks each action against the space, and compares the observation,
reward and flags with the replica's. A difference means the agent changed its copy of the
environment (or the environment is not deterministic): the run fails. Returns and episode counts in
progress.csv and metrics.json come from here.
"""
from __future__ import annotations

import numpy as np

from trainer import environments, protocol, reporting


class Refusal(Exception):
    """The worker's environment use breaks the rules; `reason` is failure.json's."""

    def __init__(self, reason: str, message: str, expected: str):
        super().__init__(message)
        self.reason = reason
        self.expected = expected


class _Served:
    """One environment: its role ("train" or "check"), the running episode, whether it ended."""

    def __init__(self, env, role: str, first_seed: int):
        self.env = env
        self.role = role
        self.first_seed = first_seed
        self.episode_return = 0.0
        self.episode_length = 0
        self.ended = True


class EnvServer:
    def __init__(self, first_env, env_id: str, seed: int, budget: int, progress: reporting.ProgressLog):
        self.env_id, self.seed, self.budget, self.progress = env_id, seed, budget, progress
        self.steps = 0
        self.offline_steps = 0
        self._spare = [first_env]
        self._envs: dict = {}

    def make(self, role) -> dict:
        if role not in ("train", "check"):
            raise protocol.ProtocolError(f"unknown environment role {role!r}")
        env = self._spare.pop() if self._spare else environments.make_env(self.env_id)
        handle = max(self._envs, default=-1) + 1
        # An unseeded first reset would draw from the OS: both sides use this seed instead.
        first_seed = (self.seed * 7919 + handle) % 2**31
        self._envs[handle] = _Served(env, role, first_seed)
        return {
            "type": "made",
            "env": handle,
            "env_id": self.env_id,
            "first_seed": first_seed,
            "observation_space": protocol.describe_space(env.observation_space),
            "action_space": protocol.describe_space(env.action_space),
        }

    def count_offline(self, count) -> dict:
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise protocol.ProtocolError(f"offline steps {count!r}")
        if self.steps + self.offline_steps + count > self.budget:
            return {"type": "error", "kind": "budget", "message": self._spent()}
        self.offline_steps += count
        self.progress.add_steps(count)
        return {"type": "ok"}

    def replay(self, body: bytes) -> None:
        """Replays a batch of the worker's records; raises Refusal at the first one that breaks a rule."""
        for record in protocol.records(body):
            served = self._envs.get(record[1])
            if served is None:
                raise protocol.ProtocolError(f"no environment {record[1]!r}")
            if record[0] == "reset":
                self._reset(served, record[2], record[3])
            elif record[0] == "step":
                self._step(served, *record[2:])
            else:
                self._end_partial(served)
                served.env.close()
                del self._envs[record[1]]

    def _reset(self, served: _Served, seed, seen: bytes) -> None:
        self._end_partial(served)
        observation, _ = served.env.reset(seed=seed)
        served.ended = False
        self._compare(served, seen, observation, "reset")

    def _step(self, served: _Served, action, reward, terminated, truncated, seen: bytes) -> None:
        if self.steps + self.offline_steps >= self.budget:
            raise Refusal("budget", self._spent(), f"at most {self.budget} environment steps")
        if served.ended:
            raise Refusal("contract", "step() after the episode ended", "reset() before the next step()")
        try:
            action = environments.to_env_action(served.env.action_space, action, "the action sent to step()")
        except environments.AgentError as error:
            raise Refusal("contract", str(error), str(error)) from None
        observation, real_reward, real_terminated, real_truncated, _ = served.env.step(action)
        self.steps += 1
        if (float(real_reward), bool(real_terminated), bool(real_truncated)) != (reward, terminated, truncated):
            raise self._mismatch(f"step {self.steps} gave reward {real_reward}, terminated {real_terminated}")
        self._compare(served, seen, observation, f"step {self.steps}")
        served.episode_return += float(real_reward)
        served.episode_length += 1
        if served.role == "check":
            self.progress.add_steps(1)
            served.episode_length = 0
        if real_terminated or real_truncated:
            served.ended = True
            if served.role == "train":
                self.progress.episode(served.episode_return, served.episode_length)
            served.episode_return, served.episode_length = 0.0, 0

    def _compare(self, served: _Served, seen: bytes, observation, where: str) -> None:
        if protocol.pack_array(np.asarray(observation)) != seen:
            raise self._mismatch(f"the observation after {where} differs")

    def _mismatch(self, detail: str) -> Refusal:
        return Refusal(
            "environment_mismatch",
            f"the agent's process saw its copy of {self.env_id} behave differently from the referee's: {detail}",
            "an unchanged environment (the agent must not patch Gymnasium or the environment's state)",
        )

    def _spent(self) -> str:
        return f"the training budget of {self.budget} environment steps is spent; the referee serves no more"

    def _end_partial(self, served: _Served) -> None:
        # An episode cut short (the budget ended, a reset mid-episode): its steps count, it gets no row.
        if served.episode_length:
            self.progress.add_steps(served.episode_length)
        served.episode_return, served.episode_length = 0.0, 0

    def close_all(self) -> None:
        for served in self._envs.values():
            self._end_partial(served)
            served.env.close()
        self._envs.clear()
