"""A softmax policy in plain NumPy for CartPole-v1: one tanh hidden layer, trained with Adam."""
import numpy as np

HYPERPARAMS = {"learning_rate": 0.01}


class Adam:
    def __init__(self, params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps, self.t = params, lr, beta1, beta2, eps, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads):
        self.t += 1
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m += (1 - self.b1) * (g - m)
            v += (1 - self.b2) * (g * g - v)
            m_hat, v_hat = m / (1 - self.b1**self.t), v / (1 - self.b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class Policy:
    def __init__(self, observation_space, action_space, hidden=32):
        n_in, self.n_actions = int(np.prod(observation_space.shape)), int(action_space.n)
        # np.random is the global generator, which the trainer seeds.
        self.w1 = np.random.normal(0, 1 / np.sqrt(n_in), (n_in, hidden))
        self.b1 = np.zeros(hidden)
        self.w2 = np.random.normal(0, 0.01, (hidden, self.n_actions))
        self.b2 = np.zeros(self.n_actions)
        self.optimizer = Adam([self.w1, self.b1, self.w2, self.b2], HYPERPARAMS.get("learning_rate", 0.01))

    def _probabilities(self, x):
        h = np.tanh(x @ self.w1 + self.b1)
        logits = h @ self.w2 + self.b2
        e = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return h, e / e.sum(axis=-1, keepdims=True)

    def act(self, observation):
        _, p = self._probabilities(np.asarray(observation, dtype=np.float64).reshape(1, -1))
        return int(np.random.choice(self.n_actions, p=p[0]))

    def update(self, observations, actions, advantages):
        x = np.asarray(observations, dtype=np.float64).reshape(len(observations), -1)
        h, p = self._probabilities(x)
        rows = np.arange(len(actions))
        # Minimise -mean(log π(a|s)·A): the gradient with respect to the logits is (p - onehot)·A/N.
        dlogits = p.copy()
        dlogits[rows, actions] -= 1
        dlogits *= advantages[:, None] / len(actions)
        dh = (dlogits @ self.w2.T) * (1 - h**2)
        self.optimizer.step([x.T @ dh, dh.sum(0), h.T @ dlogits, dlogits.sum(0)])
        return float(-np.mean(np.log(p[rows, actions] + 1e-12) * advantages))
