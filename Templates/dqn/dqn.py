"""Deep Q-learning around the student's QNetwork: ε-greedy exploration, replay, a target network.

The agent supplies `QNetwork(observation_space, action_space)` with `predict(observations)` and
`update(observations, actions, targets)`; everything else is here.
"""
from __future__ import annotations

import copy

import numpy as np

from trainer import environments
from trainer.runtime import TrainContext, TrainResult


class ReplayBuffer:
    """A ring buffer of transitions; arrays are allocated from the first observation's shape and dtype."""

    def __init__(self, capacity: int, seed: int):
        if capacity < 1:
            raise ValueError("the replay buffer needs a capacity of at least 1")
        self.capacity = int(capacity)
        self.size = 0
        self._next = 0
        self._rng = np.random.default_rng(seed)
        self._observations = None
        self._next_observations = None
        self._actions = np.zeros(self.capacity, dtype=np.int64)
        self._rewards = np.zeros(self.capacity, dtype=np.float32)
        self._terminated = np.zeros(self.capacity, dtype=np.float32)

    def __len__(self) -> int:
        return self.size

    def add(self, observation, action: int, reward: float, next_observation, terminated: bool) -> None:
        observation = np.asarray(observation)
        if self._observations is None:
            dtype = np.float32 if observation.dtype.kind == "f" else observation.dtype
            self._observations = np.zeros((self.capacity,) + observation.shape, dtype=dtype)
            self._next_observations = np.zeros_like(self._observations)
        i = self._next
        self._observations[i] = observation
        self._next_observations[i] = next_observation
        self._actions[i] = action
        self._rewards[i] = reward
        self._terminated[i] = float(terminated)
        self._next = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size: int):
        """A uniform batch (with replacement): observations, actions, rewards, next observations, terminated."""
        if self.size == 0:
            raise ValueError("cannot sample from an empty replay buffer")
        index = self._rng.integers(0, self.size, size=int(batch_size))
        return (
            self._observations[index],
            self._actions[index],
            self._rewards[index],
            self._next_observations[index],
            self._terminated[index],
        )


def linear_schedule(start: float, end: float, duration: int, step: int) -> float:
    """`start` at step 0, `end` from step `duration` on, linear in between."""
    if duration <= 0 or step >= duration:
        return float(end)
    return float(start + (end - start) * (step / duration))


def td_targets(rewards, next_q, terminated, gamma: float, next_q_online=None):
    """r + γ·max_a Q_target(s', a), not bootstrapped past a termination (a truncation still bootstraps).

    With `next_q_online` (double DQN) the action is chosen by the online network, valued by the target.
    """
    next_q = np.asarray(next_q, dtype=np.float64)
    if next_q_online is None:
        best = next_q.max(axis=1)
    else:
        choice = np.asarray(next_q_online).argmax(axis=1)
        best = next_q[np.arange(len(choice)), choice]
    return (np.asarray(rewards, np.float64) + gamma * (1.0 - np.asarray(terminated, np.float64)) * best).astype(
        np.float32
    )


class BestSnapshot:
    """Keeps the network from when the mean return of recent training episodes was highest.

    DQN's greedy policy can collapse late in training; restoring the best phase (judged on training
    episodes only, after exploration has ended) costs no environment steps.
    """

    def __init__(self, window: int = 10):
        self.window = window
        self.best = float("-inf")
        self.weights = None
        self._returns: list[float] = []

    def observe(self, episode_return: float, network, exploring: bool) -> None:
        self._returns.append(float(episode_return))
        recent = self._returns[-self.window:]
        if exploring or len(recent) < self.window:
            return
        mean = sum(recent) / len(recent)
        if mean >= self.best:
            self.best = mean
            self.weights = _snapshot(network)

    def restore(self, network):
        return network if self.weights is None else _restore(network, self.weights)


def _snapshot(network):
    if callable(getattr(network, "get_weights", None)) and callable(getattr(network, "set_weights", None)):
        return ("weights", copy.deepcopy(network.get_weights()))
    return ("object", copy.deepcopy(network))


def _restore(network, snapshot):
    kind, value = snapshot
    if kind == "weights":
        network.set_weights(value)
        return network
    return value


class TargetNetwork:
    """The trainer's copy of the student's network: get_weights/set_weights when both exist, else deepcopy."""

    def __init__(self, online):
        self._online = online
        self._by_weights = callable(getattr(online, "get_weights", None)) and callable(
            getattr(online, "set_weights", None)
        )
        self.network = copy.deepcopy(online)

    def sync(self) -> None:
        if self._by_weights:
            self.network.set_weights(copy.deepcopy(self._online.get_weights()))
        else:
            self.network = copy.deepcopy(self._online)

    def predict(self, observations):
        return self.network.predict(observations)


def _q_values(network, observations, n_actions: int, what: str) -> np.ndarray:
    values = np.asarray(network.predict(observations), dtype=np.float64)
    expected = (len(observations), n_actions)
    if values.shape != expected:
        raise environments.AgentError(
            f"QNetwork.predict returned shape {values.shape} for {what}; expected {expected} "
            "(one row per observation, one Q-value per action)"
        )
    return values


def _loss(value) -> float:
    try:
        return float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        raise environments.AgentError(
            f"QNetwork.update must return the loss as one number, got {type(value).__name__}"
        ) from None


def train(context: TrainContext) -> TrainResult:
    hp = context.hyperparameters
    agent = context.agent
    env = environments.make_env(context.env_id)
    n_actions = int(env.action_space.n)
    preprocess = getattr(agent, "preprocess", None)

    def prepare(observation):
        return np.asarray(preprocess(observation) if callable(preprocess) else observation, dtype=np.float32)

    network = agent.QNetwork(env.observation_space, env.action_space)
    target = TargetNetwork(network)
    buffer = ReplayBuffer(hp["buffer_size"], seed=context.seed + 1)
    rng = np.random.default_rng(context.seed + 2)
    env.action_space.seed(context.seed)
    exploration_steps = int(hp["exploration_fraction"] * context.total_steps)
    losses: list[float] = []
    updates = 0
    best = BestSnapshot() if hp["keep_best"] else None

    observation, _ = env.reset(seed=context.seed)
    state = prepare(observation)
    episode_return, episode_length = 0.0, 0
    for step in range(context.total_steps):
        epsilon = linear_schedule(hp["exploration_initial_eps"], hp["exploration_final_eps"], exploration_steps, step)
        if rng.random() < epsilon:
            action = int(rng.integers(n_actions))
        else:
            action = int(_q_values(network, state[None], n_actions, "one observation")[0].argmax())
        observation, reward, terminated, truncated, _ = env.step(action)
        next_state = prepare(observation)
        buffer.add(state, action, float(reward), next_state, terminated)
        state = next_state
        episode_return += float(reward)
        episode_length += 1
        if terminated or truncated:
            context.progress.episode(episode_return, episode_length)
            if best is not None:
                best.observe(episode_return, network, exploring=step < exploration_steps)
            observation, _ = env.reset()
            state = prepare(observation)
            episode_return, episode_length = 0.0, 0

        if step + 1 >= hp["learning_starts"] and (step + 1) % hp["train_freq"] == 0:
            for _ in range(hp["gradient_steps"]):
                observations, actions, rewards, next_observations, done = buffer.sample(hp["batch_size"])
                next_q = _q_values(target, next_observations, n_actions, "a batch")
                online = _q_values(network, next_observations, n_actions, "a batch") if hp["double_q"] else None
                targets = td_targets(rewards, next_q, done, hp["gamma"], online)
                losses.append(_loss(network.update(observations, actions, targets)))
                updates += 1
        if (step + 1) % hp["target_update_interval"] == 0:
            target.sync()
    if episode_length:
        # The budget ended mid-episode: its steps were used, so they count.
        context.progress.add_steps(episode_length)
    env.close()
    if best is not None:
        network = best.restore(network)

    def act(observation):
        return int(_q_values(network, prepare(observation)[None], n_actions, "one observation")[0].argmax())

    recent = losses[-100:]
    return TrainResult(
        act=act,
        model=network,
        extra={
            "gradient_updates": updates,
            "final_loss": float(np.mean(recent)) if recent else None,
            "kept_best_training_mean_return": best.best if best is not None and best.weights else None,
        },
    )
