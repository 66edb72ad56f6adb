"""A DQN agent in plain NumPy for CartPole-v1: a two-layer MLP trained with Adam."""
import numpy as np

HYPERPARAMS = {"hidden": 128}  # the trainer adds learning_rate and the rest


class QNetwork:
    def __init__(self, observation_space, action_space):
        hidden = HYPERPARAMS.get("hidden", 128)
        rng = np.random  # the global generator, which the trainer seeds
        n_in, n_out = int(np.prod(observation_space.shape)), int(action_space.n)
        self.params = [
            rng.normal(0, np.sqrt(2 / n_in), (n_in, hidden)),
            np.zeros(hidden),
            rng.normal(0, np.sqrt(2 / hidden), (hidden, hidden)),
            np.zeros(hidden),
            rng.normal(0, 0.01, (hidden, n_out)),
            np.zeros(n_out),
        ]
        self.params = [p.astype(np.float32) for p in self.params]  # float32: half the cost of float64
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.t = 0
        self.lr = HYPERPARAMS.get("learning_rate", 0.0023)

    def _forward(self, x):
        w1, b1, w2, b2, w3, b3 = self.params
        h1 = np.maximum(0, x @ w1 + b1)
        h2 = np.maximum(0, h1 @ w2 + b2)
        return h1, h2, h2 @ w3 + b3

    def predict(self, observations):
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        return self._forward(x)[2]

    def update(self, observations, actions, targets):
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        h1, h2, q = self._forward(x)
        rows = np.arange(len(actions))
        error = q[rows, actions] - targets
        # Huber-clipped gradient of the squared TD error keeps early updates stable.
        dq = np.zeros_like(q)
        dq[rows, actions] = np.clip(error, -1, 1) / len(actions)
        w1, b1, w2, b2, w3, b3 = self.params
        dh2 = (dq @ w3.T) * (h2 > 0)
        dh1 = (dh2 @ w2.T) * (h1 > 0)
        grads = [x.T @ dh1, dh1.sum(0), h1.T @ dh2, dh2.sum(0), h2.T @ dq, dq.sum(0)]
        self._adam(grads)
        return float(np.mean(error**2))

    def _adam(self, grads, beta1=0.9, beta2=0.999, eps=1e-8):
        self.t += 1
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            m_hat = m / (1 - beta1**self.t)
            v_hat = v / (1 - beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + eps)

    def get_weights(self):
        return [p.copy() for p in self.params]

    def set_weights(self, weights):
        self.params = [np.array(w, dtype=np.float32) for w in weights]
