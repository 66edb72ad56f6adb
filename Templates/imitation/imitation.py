"""Behavioural cloning, then DAgger, around the student's Policy.

The agent supplies `Policy(observation_space, action_space)` with `fit(observations, actions)` (called
with the whole aggregated data set each time) and `act(observation)`. The trainer brings the expert
(a demonstration file, or a scripted controller), the rollouts and the relabelling.
"""
from __future__ import annotations

import numpy as np

from trainer import environments
from trainer.experts import ExpertError, load_demonstrations, scripted_expert
from trainer.runtime import TrainContext, TrainResult, UsageError


class Dataset:
    """The aggregated (observation, expert action) pairs that every `fit` call sees in full."""

    def __init__(self, discrete: bool):
        self.discrete = discrete
        self._observations: list[np.ndarray] = []
        self._actions: list[np.ndarray] = []

    def __len__(self) -> int:
        return sum(len(chunk) for chunk in self._observations)

    def add(self, observations, actions) -> None:
        if len(observations):
            self._observations.append(np.asarray(observations, dtype=np.float32))
            self._actions.append(np.asarray(actions, dtype=np.int64 if self.discrete else np.float32))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return np.concatenate(self._observations), np.concatenate(self._actions)


def dagger_beta(base: float, iteration: int) -> float:
    """β_i = base^i: the probability that DAgger iteration i (from 1) executes the expert's action."""
    return float(base) ** iteration if iteration > 0 else 1.0


def rollout(env, choose, expert, budget: int, seed=None):
    """One episode: acts with `choose(observation, expert_action)`, labels each state with the expert.

    Stops early when `budget` steps are used. Returns observations, expert actions, return, length.
    """
    observation, _ = env.reset(seed=seed)
    observations, labels, total, done = [], [], 0.0, False
    while not done and len(observations) < budget:
        label = expert(observation)
        action = choose(observation, label)
        observations.append(np.asarray(observation, dtype=np.float32))
        labels.append(label)
        env_action = environments.to_env_action(env.action_space, action, "Policy.act")
        observation, reward, terminated, truncated, _ = env.step(env_action)
        total += float(reward)
        done = terminated or truncated
    return observations, labels, total, len(observations)


def train(context: TrainContext) -> TrainResult:
    hp = context.hyperparameters
    agent = context.agent
    env = context.make_env()
    discrete = environments.action_kind(env.action_space) == "discrete"
    expert = scripted_expert(context.env_id)
    data_path = hp["expert_data"]
    if not data_path and expert is None:
        raise UsageError(
            f"no built-in expert for {context.env_id}: pass --expert-data FILE.npz (docs/expert-data.md)"
        )
    rng = np.random.default_rng(context.seed + 3)
    dataset = Dataset(discrete)
    budget = context.total_steps
    seed = context.seed
    notes = []

    if data_path:
        try:
            demonstrations = load_demonstrations(data_path, env.observation_space, env.action_space, discrete)
        except ExpertError as error:
            raise UsageError(str(error)) from None
        if len(demonstrations) > budget:
            notes.append(
                f"used the first {budget} of {len(demonstrations)} demonstration steps (--total-steps)"
            )
            demonstrations = demonstrations.head(budget)
        dataset.add(demonstrations.observations, demonstrations.actions)
        context.count_offline_steps(len(demonstrations))
    else:
        for _ in range(hp["demo_episodes"]):
            if context.progress.steps >= budget:
                break
            observations, labels, total, length = rollout(
                env, lambda _obs, label: label, expert, budget - context.progress.steps, seed
            )
            seed = None  # only the first reset is seeded; the environment's generator carries on
            dataset.add(observations, labels)
            context.progress.episode(total, length)
    if len(dataset) == 0:
        raise UsageError("no demonstrations: raise --total-steps or --demo-episodes")
    policy = agent.Policy(env.observation_space, env.action_space)
    policy.fit(*dataset.arrays())
    fits = 1

    iterations_done = 0
    if expert is None and hp["dagger_iterations"] > 0:
        notes.append(f"no scripted expert for {context.env_id} to relabel states: behavioural cloning only")
    # Rounds go on until the budget is spent: total_steps is what the run may use, as in the other
    # domains; dagger_iterations only caps the rounds (0 is plain behavioural cloning).
    for iteration in range(1, hp["dagger_iterations"] + 1):
        if expert is None or context.progress.steps >= budget:
            break
        beta = dagger_beta(hp["dagger_beta"], iteration)

        def choose(observation, label, beta=beta):
            return label if rng.random() < beta else policy.act(observation)

        for _ in range(hp["dagger_episodes"]):
            if context.progress.steps >= budget:
                break
            observations, labels, total, length = rollout(
                env, choose, expert, budget - context.progress.steps, seed
            )
            seed = None
            dataset.add(observations, labels)
            context.progress.episode(total, length)
        policy.fit(*dataset.arrays())
        fits += 1
        iterations_done += 1
    env.close()
    for note in notes:
        print(f"note: {note}", flush=True)

    return TrainResult(
        act=policy.act,
        entry_point="Policy.act",
        model=policy,
        extra={
            "expert": f"data:{data_path}" if data_path else "scripted",
            "dataset_size": len(dataset),
            "dagger_iterations": iterations_done,
            "fits": fits,
            "notes": notes,
        },
    )
