"""A DQN agent in plain NumPy for CartPole-v1 (the numpy starter's network): a two-layer MLP trained with Adam."""
import numpy as np

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the QNetwork.
HYPERPARAMS = {"hidden": 128}  # 64 units left CartPole's final network unstable (docs/trainers.md)


class QNetwork:
    """The Q-function; the trainer trains it and keeps a copy of it as the target network."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete)."""
        n_in, n_out = int(np.prod(observation_space.shape)), int(action_space.n)
        hidden = HYPERPARAMS.get("hidden", 128)
        # np.random is the global generator, which the trainer seeds with --seed. float32 halves the
        # cost of the matrix products.
        self.params = [
            np.random.normal(0, np.sqrt(2 / n_in), (n_in, hidden)),
            np.zeros(hidden),
            np.random.normal(0, np.sqrt(2 / hidden), (hidden, hidden)),
            np.zeros(hidden),
            np.random.normal(0, 0.01, (hidden, n_out)),
            np.zeros(n_out),
        ]
        self.params = [p.astype(np.float32) for p in self.params]
        self.moments = [(np.zeros_like(p), np.zeros_like(p)) for p in self.params]
        self.t = 0
        self.lr = HYPERPARAMS.get("learning_rate", 0.001)

    def _forward(self, x):
        w1, b1, w2, b2, w3, b3 = self.params
        h1 = np.maximum(0, x @ w1 + b1)
        h2 = np.maximum(0, h1 @ w2 + b2)
        return h1, h2, h2 @ w3 + b3

    def predict(self, observations):
        """Gets a float32 batch [batch, *observation_shape]; returns Q-values [batch, n_actions]."""
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        return self._forward(x)[2]

    def update(self, observations, actions, targets):
        """One gradient step on mean (Q(s, a) - target)^2; returns the loss as a float.

        Gets observations [batch, ...], actions int64 [batch] and TD targets float32 [batch].
        """
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        h1, h2, q = self._forward(x)
        rows = np.arange(len(actions))
        error = q[rows, actions] - targets
        dq = np.zeros_like(q)
        dq[rows, actions] = np.clip(error, -1, 1) / len(actions)  # Huber-clipped gradient
        _, _, w2, _, w3, _ = self.params
        dh2 = (dq @ w3.T) * (h2 > 0)
        dh1 = (dh2 @ w2.T) * (h1 > 0)
        grads = [x.T @ dh1, dh1.sum(0), h1.T @ dh2, dh2.sum(0), h2.T @ dq, dq.sum(0)]
        self.t += 1
        for p, g, (m, v) in zip(self.params, grads, self.moments):  # Adam
            m += 0.1 * (g - m)
            v += 0.001 * (g * g - v)
            p -= self.lr * (m / (1 - 0.9**self.t)) / (np.sqrt(v / (1 - 0.999**self.t)) + 1e-8)
        return float(np.mean(error**2))

    def get_weights(self):
        """Optional: the trainer syncs its target network with get_weights/set_weights."""
        return [p.copy() for p in self.params]

    def set_weights(self, weights):
        """Optional: loads what get_weights returned."""
        self.params = [np.array(w, dtype=np.float32) for w in weights]
