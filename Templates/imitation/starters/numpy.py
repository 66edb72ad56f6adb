"""My imitation agent (relna imitation domain), in plain NumPy: softmax regression.

The trainer does the rest: the expert's demonstrations, the DAgger rollouts in which the expert
relabels the states this policy visits, and evaluation. This starter is for Discrete action spaces.
Try it: relna-pack run agent.py --domain imitation
"""
import numpy as np

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, …) before it makes the Policy.
HYPERPARAMS = {"epochs": 300}


class Policy:
    """The policy the trainer fits to the expert's actions and lets act during DAgger."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (here action_space is Discrete)."""
        self.n_in = int(np.prod(observation_space.shape))
        self.n_actions = int(action_space.n)
        self.w = np.zeros((self.n_in, self.n_actions))
        self.b = np.zeros(self.n_actions)
        self.mean, self.scale = np.zeros(self.n_in), np.ones(self.n_in)

    def _logits(self, x):
        return ((x - self.mean) / self.scale) @ self.w + self.b

    def fit(self, observations, actions):
        """Fits the whole data set gathered so far; returns the final loss as a float.

        Gets observations float32 [N, ...] and the expert's actions int64 [N].
        """
        x = np.asarray(observations, dtype=np.float64).reshape(len(observations), -1)
        y = np.eye(self.n_actions)[np.asarray(actions, dtype=np.int64)]
        self.mean, self.scale = x.mean(0), x.std(0) + 1e-6
        lr, m, v = HYPERPARAMS.get("learning_rate", 0.05), [0.0, 0.0], [0.0, 0.0]
        for t in range(1, int(HYPERPARAMS.get("epochs", 300)) + 1):
            z = self._logits(x)
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            dz = (p - y) / len(x)  # gradient of the cross-entropy with respect to the logits
            grads = [((x - self.mean) / self.scale).T @ dz, dz.sum(0)]
            for i, (param, g) in enumerate(zip((self.w, self.b), grads)):  # Adam
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                param -= lr * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
        return float(-np.mean(np.sum(y * np.log(p + 1e-12), axis=1)))

    def act(self, observation):
        """Gets one observation; returns the action (an int)."""
        x = np.asarray(observation, dtype=np.float64).reshape(1, -1)
        return int(np.argmax(self._logits(x)[0]))
