"""My DQN agent (relna dqn domain), in PyTorch: a two-layer MLP Q-network trained with Adam.

The trainer does the rest: ε-greedy exploration, replay, the target network and the TD targets.
Try it: relna-pack run agent.py --domain dqn
"""
import numpy as np
import torch
from torch import nn

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the QNetwork.
# 64 units left CartPole's final network unstable; with gamma 0.99 a slow seed never learned to
# balance all 500 steps (docs/trainers.md, T2 and T22).
HYPERPARAMS = {"hidden": 128, "gamma": 0.995}


class QNetwork:
    """The Q-function; the trainer trains it and keeps a copy of it as the target network."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete)."""
        n_in, n_out = int(np.prod(observation_space.shape)), int(action_space.n)
        hidden = HYPERPARAMS.get("hidden", 128)
        self.model = nn.Sequential(
            nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, n_out)
        )
        # He initialisation and a near-zero output layer (Q-values start flat): PyTorch's default
        # initialisation left CartPole's final network unstable (docs/trainers.md). torch's generator
        # is seeded by the trainer with --seed.
        for layer in self.model[:-1:2]:
            nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
            nn.init.zeros_(layer.bias)
        nn.init.normal_(self.model[-1].weight, std=0.01)
        nn.init.zeros_(self.model[-1].bias)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=HYPERPARAMS.get("learning_rate", 1e-3))
        # The final network is what is evaluated: the full learning rate for 60% of the updates, then
        # linearly down to 10%, so that a late collapse cannot undo it (docs/trainers.md, T22).
        rounds = (HYPERPARAMS.get("total_steps", 50000) - HYPERPARAMS.get("learning_starts", 1000)) // max(
            1, HYPERPARAMS.get("train_freq", 64)
        )
        self.planned_updates = max(1, rounds * HYPERPARAMS.get("gradient_steps", 32))
        self.updates = 0
        self.base_lr = self.optimizer.param_groups[0]["lr"]

    def _lr_factor(self, n):
        total = self.planned_updates
        return 1.0 if n < 0.6 * total else max(0.1, 1.0 - 0.9 * (n - 0.6 * total) / (0.4 * total))

    def _tensor(self, observations):
        return torch.as_tensor(np.asarray(observations, dtype=np.float32)).reshape(len(observations), -1)

    def predict(self, observations):
        """Gets a float32 batch [batch, *observation_shape]; returns Q-values [batch, n_actions]."""
        with torch.no_grad():
            return self.model(self._tensor(observations)).numpy()

    def update(self, observations, actions, targets):
        """One gradient step on the TD error (Huber loss); returns the loss as a float.

        Gets observations [batch, ...], actions int64 [batch] and TD targets float32 [batch].
        """
        q = self.model(self._tensor(observations))
        chosen = q.gather(1, torch.as_tensor(np.asarray(actions, dtype=np.int64))[:, None]).squeeze(1)
        loss = nn.functional.smooth_l1_loss(chosen, torch.as_tensor(np.asarray(targets, dtype=np.float32)))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.param_groups[0]["lr"] = self.base_lr * self._lr_factor(self.updates)
        self.optimizer.step()
        self.updates += 1
        return float(loss.item())

    def get_weights(self):
        """Optional: the trainer syncs its target network with get_weights/set_weights."""
        return {name: value.clone() for name, value in self.model.state_dict().items()}

    def set_weights(self, weights):
        """Optional: loads what get_weights returned."""
        self.model.load_state_dict(weights)
