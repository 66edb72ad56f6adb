"""REINFORCE around the student's Policy: batches of episodes, reward-to-go, a baseline, normalisation.

The agent supplies `Policy(observation_space, action_space)` with `act(observation)` (a sampled
action: an int for Discrete spaces, an array for Box spaces) and `update(observations, actions,
advantages)`; optionally `ValueFunction(observation_space)` with `predict(observations)` and
`update(observations, returns)`, used as a learned baseline.
"""
from __future__ import annotations

import numpy as np

from trainer import environments
from trainer.runtime import TrainContext, TrainResult, UsageError


def reward_to_go(rewards, gamma: float, bootstrap: float = 0.0) -> np.ndarray:
    """G_t = r_t + γ r_{t+1} + … (+ γ^k · bootstrap, the value of the state after a truncation)."""
    rewards = np.asarray(rewards, dtype=np.float64)
    returns = np.zeros_like(rewards)
    running = float(bootstrap)
    for t in range(len(rewards) - 1, -1, -1):
        running = rewards[t] + gamma * running
        returns[t] = running
    return returns


def normalize(advantages, epsilon: float = 1e-8) -> np.ndarray:
    """Zero mean, unit standard deviation (just centred when all advantages are equal)."""
    values = np.asarray(advantages, dtype=np.float64)
    if values.size == 0:
        return values
    centred = values - values.mean()
    std = centred.std()
    return centred / std if std > epsilon else centred


def advantages(returns, baseline: str, values=None) -> np.ndarray:
    """Advantages from reward-to-go: minus the batch mean, minus a learned value, or as they are."""
    returns = np.asarray(returns, dtype=np.float64)
    if baseline == "mean":
        return returns - returns.mean() if returns.size else returns
    if baseline == "value":
        return returns - np.asarray(values, dtype=np.float64).reshape(returns.shape)
    return returns.copy()


def _values(value_function, observations, count: int) -> np.ndarray:
    values = np.asarray(value_function.predict(observations), dtype=np.float64)
    if values.size != count:
        raise environments.AgentError(
            f"ValueFunction.predict returned {values.size} values for {count} observations; expected one each",
            "ValueFunction.predict",
        )
    return values.reshape(count)


def _batch_array(items: list, discrete: bool) -> np.ndarray:
    return np.asarray(items, dtype=np.int64 if discrete else np.float32)


def train(context: TrainContext) -> TrainResult:
    hp = context.hyperparameters
    agent = context.agent
    env = context.make_env()
    discrete = environments.action_kind(env.action_space) == "discrete"
    policy = agent.Policy(env.observation_space, env.action_space)
    value_class = getattr(agent, "ValueFunction", None)
    baseline = hp["baseline"]
    if baseline == "value" and value_class is None:
        raise UsageError("--baseline value needs a ValueFunction class in the agent")
    if baseline == "auto":
        baseline = "value" if value_class is not None else "mean"
    value_function = value_class(env.observation_space) if baseline == "value" else None
    env.action_space.seed(context.seed)

    observation, _ = env.reset(seed=context.seed)
    steps, updates, losses = 0, 0, []
    while steps < context.total_steps:
        batch_obs, batch_actions, batch_returns = [], [], []
        for _ in range(hp["batch_episodes"]):
            if steps >= context.total_steps:
                break
            episode_obs, episode_actions, rewards = [], [], []
            done = truncated = False
            while not done:
                action = policy.act(observation)
                env_action = environments.to_env_action(env.action_space, action, "Policy.act")
                episode_obs.append(np.asarray(observation, dtype=np.float32))
                episode_actions.append(env_action if discrete else np.asarray(action, np.float32).reshape(-1))
                observation, reward, terminated, truncated, _ = env.step(env_action)
                rewards.append(float(reward))
                steps += 1
                # The budget ends an episode like a time limit: its last state is bootstrapped.
                truncated = truncated or (steps >= context.total_steps and not terminated)
                done = terminated or truncated
            context.progress.episode(sum(rewards), len(rewards))
            batch_obs.extend(episode_obs)
            batch_actions.extend(episode_actions)
            bootstrap = 0.0
            if truncated and value_function is not None:
                bootstrap = float(_values(value_function, observation[None].astype(np.float32), 1)[0])
            batch_returns.append(reward_to_go(rewards, hp["gamma"], bootstrap))
            observation, _ = env.reset()
        if not batch_obs:
            break
        observations = np.stack(batch_obs)
        returns = np.concatenate(batch_returns)
        values = _values(value_function, observations, len(returns)) if value_function is not None else None
        advantage = advantages(returns, baseline, values)
        if hp["normalize_advantages"]:
            advantage = normalize(advantage)
        actions = _batch_array(batch_actions, discrete)
        loss = policy.update(observations, actions, advantage.astype(np.float32))
        losses.append(float(np.asarray(loss, dtype=np.float64).reshape(())) if loss is not None else None)
        if value_function is not None:
            value_function.update(observations, returns.astype(np.float32))
        updates += 1
    env.close()

    return TrainResult(
        act=policy.act,
        entry_point="Policy.act",
        model=policy,
        extra={"policy_updates": updates, "baseline": baseline, "final_loss": losses[-1] if losses else None},
    )
