"""Deep Q-learning around the student's QNetwork: ε-greedy exploration, replay, a target network.

The agent supplies `QNetwork(observation_space, action_space)` with `predict(observations)` and
`update(observations, actions, targets)`; everything else is here.
"""
from __future__ import annotations

import copy

import numpy as np

from trainer import environments
from trainer.runtime import TrainContext, TrainResult

# Greedy checks during training use their own seeds, never the final evaluation's.
CHECK_SEED_BASE = 2_000_000


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
        """A uniform batch, with replacement: observations, actions, rewards, next ones, terminated."""
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
    alive = 1.0 - np.asarray(terminated, np.float64)
    return (np.asarray(rewards, np.float64) + gamma * alive * best).astype(np.float32)


class BestSnapshot:
    """Keeps a copy of the network whose greedy check scored highest (`keep_best`).

    A few greedy episodes every `check_interval` steps (on their own seeds, counted in the step
    budget) find the network's best phase; it is evaluated beside the final network, never instead.
    """

    def __init__(self, make):
        self.best = float("-inf")
        self.checks: list[tuple[int, float]] = []
        self._make = make
        self._copy: NetworkCopy | None = None

    def observe(self, step: int, score: float, network) -> None:
        self.checks.append((step, float(score)))
        if score >= self.best:
            self.best = float(score)
            if self._copy is None:
                self._copy = NetworkCopy(network, self._make)
            else:
                self._copy.sync()

    def best_network(self, network):
        """The kept copy, or `network` itself when no check ran."""
        return network if self._copy is None else self._copy.network


def greedy_check(act, env, episodes: int, seed: int, budget: int) -> tuple[float, int]:
    """Mean return of greedy episodes on seeds CHECK_SEED_BASE + seed…, using at most `budget` steps."""
    returns, steps = [], 0
    for index in range(episodes):
        observation, _ = env.reset(seed=CHECK_SEED_BASE + seed + index)
        total, done = 0.0, False
        while not done and steps < budget:
            observation, reward, terminated, truncated, _ = env.step(act(observation))
            total += float(reward)
            steps += 1
            done = terminated or truncated
        returns.append(total)
        if steps >= budget:
            break
    return (sum(returns) / len(returns) if returns else float("-inf")), steps


class NetworkCopy:
    """A frozen copy of the student's network (the target network, the best one so far).

    Copied through get_weights/set_weights when the network has both, else with a deepcopy.
    """

    def __init__(self, online, make):
        self._online = online
        self._by_weights = callable(getattr(online, "get_weights", None)) and callable(
            getattr(online, "set_weights", None)
        )
        # Framework objects that define get/set_weights (Keras models…) may not deep-copy: make a twin.
        self.network = make() if self._by_weights else copy.deepcopy(online)
        self.sync()

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
            "(one row per observation, one Q-value per action)",
            "QNetwork.predict",
        )
    return values


def _loss(value) -> float:
    try:
        return float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        raise environments.AgentError(
            f"QNetwork.update must return the loss as one number, got {type(value).__name__}", "QNetwork.update"
        ) from None


def greedy_policy(network, prepare, n_actions: int):
    """observation -> the action `network` values most; bound to this one network object."""

    def act(observation):
        return int(_q_values(network, prepare(observation)[None], n_actions, "one observation")[0].argmax())

    return act


def train(context: TrainContext) -> TrainResult:
    hp = context.hyperparameters
    agent = context.agent
    env = context.make_env()
    n_actions = int(env.action_space.n)
    preprocess = getattr(agent, "preprocess", None)

    def prepare(observation):
        return np.asarray(preprocess(observation) if callable(preprocess) else observation, dtype=np.float32)

    def make_network():
        return agent.QNetwork(env.observation_space, env.action_space)

    network = make_network()
    target = NetworkCopy(network, make_network)
    buffer = ReplayBuffer(hp["buffer_size"], seed=context.seed + 1)
    rng = np.random.default_rng(context.seed + 2)
    env.action_space.seed(context.seed)
    exploration_steps = int(hp["exploration_fraction"] * context.total_steps)
    losses: list[float] = []
    updates = 0
    best = BestSnapshot(make_network) if hp["keep_best"] else None
    check_env = context.make_env(role="check") if best is not None else None

    observation, _ = env.reset(seed=context.seed)
    state = prepare(observation)
    episode_return, episode_length = 0.0, 0
    check_steps = 0  # greedy checks spend part of the same budget
    for step in range(context.total_steps):
        if step + check_steps >= context.total_steps:
            break
        epsilon = linear_schedule(
            hp["exploration_initial_eps"], hp["exploration_final_eps"], exploration_steps, step
        )
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
            observation, _ = env.reset()
            state = prepare(observation)
            episode_return, episode_length = 0.0, 0

        steps_taken = step + 1
        if steps_taken >= hp["learning_starts"] and steps_taken % hp["train_freq"] == 0:
            for _ in range(hp["gradient_steps"]):
                observations, actions, rewards, next_observations, done = buffer.sample(hp["batch_size"])
                next_q = _q_values(target, next_observations, n_actions, "a batch")
                online = None
                if hp["double_q"]:
                    online = _q_values(network, next_observations, n_actions, "a batch")
                targets = td_targets(rewards, next_q, done, hp["gamma"], online)
                losses.append(_loss(network.update(observations, actions, targets)))
                updates += 1
        if steps_taken % hp["target_update_interval"] == 0:
            target.sync()
        if best is not None and steps_taken >= exploration_steps and steps_taken % hp["check_interval"] == 0:
            remaining = context.total_steps - steps_taken - check_steps
            seed = len(best.checks) * 100
            act = greedy_policy(network, prepare, n_actions)
            score, used = greedy_check(act, check_env, hp["check_episodes"], seed, remaining)
            check_steps += used
            context.progress.add_steps(used)
            if used:
                best.observe(steps_taken, score, network)
    if episode_length:
        # The budget ended mid-episode: its steps were used, so they count.
        context.progress.add_steps(episode_length)
    env.close()
    if check_env is not None:
        check_env.close()
    # The final network is what is evaluated (eval_*); a selected checkpoint is evaluated beside it.
    selected = greedy_policy(best.best_network(network), prepare, n_actions) if best is not None else None

    recent = losses[-100:]
    return TrainResult(
        act=greedy_policy(network, prepare, n_actions),
        selected_act=selected,
        entry_point="QNetwork.predict",
        model=network,
        extra={
            "gradient_updates": updates,
            "final_loss": float(np.mean(recent)) if recent else None,
            "check_steps": check_steps,
            "greedy_checks": best.checks if best is not None else [],
        },
    )
