"""My policy-gradient agent (relna policy_gradient domain), in plain NumPy: a softmax policy.

The trainer does the rest: batches of episodes, reward-to-go, the baseline and advantage
normalisation. This starter is for Discrete action spaces (CartPole-v1, Acrobot-v1, …).
Try it: relna-pack run agent.py --domain policy_gradient
"""
import numpy as np

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the Policy.
HYPERPARAMS = {"hidden": 32}


class Policy:
    """The stochastic policy the trainer samples episodes from and improves."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (here action_space is Discrete)."""
        n_in, self.n_actions = int(np.prod(observation_space.shape)), int(action_space.n)
        hidden = HYPERPARAMS.get("hidden", 32)
        # np.random is the global generator, which the trainer seeds with --seed.
        self.params = [
            np.random.normal(0, 1 / np.sqrt(n_in), (n_in, hidden)),
            np.zeros(hidden),
            np.random.normal(0, 0.01, (hidden, self.n_actions)),
            np.zeros(self.n_actions),
        ]
        self.moments = [(np.zeros_like(p), np.zeros_like(p)) for p in self.params]
        self.t = 0
        self.lr = HYPERPARAMS.get("learning_rate", 0.01)

    def _probabilities(self, x):
        w1, b1, w2, b2 = self.params
        h = np.tanh(x @ w1 + b1)
        logits = h @ w2 + b2
        e = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return h, e / e.sum(axis=-1, keepdims=True)

    def act(self, observation):
        """Gets one observation; returns a sampled action (an int)."""
        _, p = self._probabilities(np.asarray(observation, dtype=np.float64).reshape(1, -1))
        return int(np.random.choice(self.n_actions, p=p[0]))

    def update(self, observations, actions, advantages):
        """One ascent step on mean log π(a|s)·A; returns the loss as a float.

        Gets observations float32 [batch, ...], actions int64 [batch], advantages float32 [batch].
        """
        x = np.asarray(observations, dtype=np.float64).reshape(len(observations), -1)
        h, p = self._probabilities(x)
        rows = np.arange(len(actions))
        dlogits = p.copy()  # gradient of -log π(a|s)·A with respect to the logits
        dlogits[rows, actions] -= 1
        dlogits *= advantages[:, None] / len(actions)
        dh = (dlogits @ self.params[2].T) * (1 - h**2)
        grads = [x.T @ dh, dh.sum(0), h.T @ dlogits, dlogits.sum(0)]
        self.t += 1
        for p_, g, (m, v) in zip(self.params, grads, self.moments):  # Adam
            m += 0.1 * (g - m)
            v += 0.001 * (g * g - v)
            p_ -= self.lr * (m / (1 - 0.9**self.t)) / (np.sqrt(v / (1 - 0.999**self.t)) + 1e-8)
        return float(-np.mean(np.log(p[rows, actions] + 1e-12) * advantages))
