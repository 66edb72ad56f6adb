"""A Gaussian policy in plain NumPy for Pendulum-v1 (continuous actions), with a learned baseline.

Policy: mean = tanh(features · W) · max_torque, a learned log standard deviation per action.
ValueFunction: linear regression on the same features.
"""
import numpy as np

HYPERPARAMS = {"learning_rate": 0.01}


def features(observations):
    x = np.asarray(observations, dtype=np.float64).reshape(-1, 3)
    cos, sin, velocity = x[:, 0], x[:, 1], x[:, 2] / 8.0
    return np.stack([cos, sin, velocity, cos * velocity, sin * velocity, cos * sin, np.ones(len(x))], axis=1)


class Adam:
    def __init__(self, params, lr):
        self.params, self.lr, self.t = params, lr, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads):
        self.t += 1
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m += 0.1 * (g - m)
            v += 0.001 * (g * g - v)
            p -= self.lr * (m / (1 - 0.9**self.t)) / (np.sqrt(v / (1 - 0.999**self.t)) + 1e-8)


class Policy:
    def __init__(self, observation_space, action_space):
        self.high = np.asarray(action_space.high, dtype=np.float64)
        n_actions = int(np.prod(action_space.shape))
        self.w = np.zeros((7, n_actions))
        self.log_std = np.full(n_actions, -0.5)
        self.optimizer = Adam([self.w, self.log_std], HYPERPARAMS.get("learning_rate", 0.01))

    def _mean(self, f):
        return np.tanh(f @ self.w) * self.high

    def act(self, observation):
        mean = self._mean(features(observation))[0]
        return mean + np.exp(self.log_std) * np.random.standard_normal(mean.shape)

    def update(self, observations, actions, advantages):
        f = features(observations)
        mean = self._mean(f)
        std = np.exp(self.log_std)
        z = (np.asarray(actions, dtype=np.float64).reshape(mean.shape) - mean) / std
        a = np.asarray(advantages, dtype=np.float64)[:, None] / len(f)
        # Gradients of -mean(log π(a|s)·A) for a diagonal Gaussian.
        dmean = -a * z / std
        dpre = dmean * self.high * (1 - (mean / self.high) ** 2)
        dlog_std = (-a * (z**2 - 1)).sum(0)
        self.optimizer.step([f.T @ dpre, dlog_std])
        log_prob = -0.5 * z**2 - self.log_std - 0.5 * np.log(2 * np.pi)
        return float(-np.mean(log_prob.sum(1) * np.asarray(advantages)))


class ValueFunction:
    def __init__(self, observation_space):
        self.w = np.zeros(7)
        self.optimizer = Adam([self.w], 0.05)

    def predict(self, observations):
        return features(observations) @ self.w * 100.0

    def update(self, observations, returns):
        f = features(observations)
        error = f @ self.w * 100.0 - np.asarray(returns, dtype=np.float64)
        self.optimizer.step([f.T @ error * 100.0 / len(f) / 1e4])
        return float(np.mean(error**2))
