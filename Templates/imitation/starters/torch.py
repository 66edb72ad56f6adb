"""My imitation agent (relna imitation domain), in PyTorch: a small MLP fitted to the expert.

The trainer does the rest: the expert's demonstrations, the DAgger rollouts in which the expert
relabels the states this policy visits, and evaluation. Discrete action spaces are classified,
Box action spaces regressed.
Try it: relna-pack run agent.py --domain imitation
"""
import numpy as np
import torch
from torch import nn

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, …) before it makes the Policy.
HYPERPARAMS = {"hidden": 64, "epochs": 20, "batch_size": 64}


def _tensor(observations):
    x = torch.as_tensor(np.asarray(observations, dtype=np.float32))
    return x.reshape(1, -1) if x.dim() <= 1 else x.reshape(len(x), -1)


class Policy:
    """The policy the trainer fits to the expert's actions and lets act during DAgger."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete or Box)."""
        self.discrete = hasattr(action_space, "n")
        n_out = int(action_space.n) if self.discrete else int(np.prod(action_space.shape))
        self.shape = None if self.discrete else action_space.shape
        hidden = HYPERPARAMS.get("hidden", 64)
        self.model = nn.Sequential(
            nn.Linear(int(np.prod(observation_space.shape)), hidden), nn.ReLU(), nn.Linear(hidden, n_out)
        )
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=HYPERPARAMS.get("learning_rate", 1e-2))

    def fit(self, observations, actions):
        """Fits the whole data set gathered so far; returns the last loss as a float.

        Gets observations float32 [N, ...] and the expert's actions (int64 [N] or float32 [N, dim]).
        """
        x = _tensor(observations)
        y = torch.as_tensor(np.asarray(actions, dtype=np.int64 if self.discrete else np.float32))
        batch = int(HYPERPARAMS.get("batch_size", 64))
        loss = torch.zeros(())
        for _ in range(int(HYPERPARAMS.get("epochs", 20))):
            for index in torch.randperm(len(x)).split(batch):
                out = self.model(x[index])
                if self.discrete:
                    loss = nn.functional.cross_entropy(out, y[index])
                else:
                    loss = nn.functional.mse_loss(out, y[index].reshape(out.shape))
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
        return float(loss.item())

    def act(self, observation):
        """Gets one observation; returns the action (an int, or an array for a Box space)."""
        with torch.no_grad():
            out = self.model(_tensor(observation))[0]
        return int(out.argmax()) if self.discrete else out.numpy().reshape(self.shape)
