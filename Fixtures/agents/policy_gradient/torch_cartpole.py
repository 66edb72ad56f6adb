"""My policy-gradient agent (relna policy_gradient domain), in PyTorch, with a learned baseline.

The trainer does the rest: batches of episodes, reward-to-go, the baseline and advantage
normalisation. Discrete action spaces get a categorical policy, Box spaces a Gaussian one.
Try it: relna-pack run agent.py --domain policy_gradient
"""
import numpy as np
import torch
from torch import nn

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the Policy.
HYPERPARAMS = {"hidden": 64}


def _mlp(n_in, n_out):
    hidden = HYPERPARAMS.get("hidden", 64)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.Tanh(), nn.Linear(hidden, n_out))


def _tensor(observations):
    x = torch.as_tensor(np.asarray(observations, dtype=np.float32))
    return x.reshape(1, -1) if x.dim() <= 1 else x.reshape(len(x), -1)


class Policy:
    """The stochastic policy the trainer samples episodes from and improves."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete or Box)."""
        self.discrete = hasattr(action_space, "n")
        n_out = int(action_space.n) if self.discrete else int(np.prod(action_space.shape))
        self.shape = None if self.discrete else action_space.shape
        self.model = _mlp(int(np.prod(observation_space.shape)), n_out)
        parameters = list(self.model.parameters())
        if not self.discrete:
            self.log_std = nn.Parameter(torch.full((n_out,), -0.5))
            parameters.append(self.log_std)
        self.optimizer = torch.optim.Adam(parameters, lr=HYPERPARAMS.get("learning_rate", 1e-2))

    def _distribution(self, x):
        out = self.model(x)
        if self.discrete:
            return torch.distributions.Categorical(logits=out)
        return torch.distributions.Normal(out, self.log_std.exp())

    def act(self, observation):
        """Gets one observation; returns a sampled action (an int, or an array for a Box space)."""
        with torch.no_grad():
            action = self._distribution(_tensor(observation)).sample()[0]
        return int(action) if self.discrete else action.numpy().reshape(self.shape)

    def update(self, observations, actions, advantages):
        """One ascent step on mean log π(a|s)·A; returns the loss as a float.

        Gets observations float32 [batch, ...], actions int64 [batch] (Discrete) or float32
        [batch, action_dim] (Box), advantages float32 [batch].
        """
        distribution = self._distribution(_tensor(observations))
        log_prob = distribution.log_prob(torch.as_tensor(np.asarray(actions)))
        if not self.discrete:
            log_prob = log_prob.sum(-1)
        loss = -(log_prob * torch.as_tensor(np.asarray(advantages, dtype=np.float32))).mean()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return float(loss.item())


class ValueFunction:
    """Optional: a learned baseline V(s); without it the trainer subtracts the batch mean."""

    def __init__(self, observation_space):
        """Gets the environment's observation space."""
        self.model = _mlp(int(np.prod(observation_space.shape)), 1)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-2)

    def predict(self, observations):
        """Gets a float32 batch of observations; returns their values, shape [batch]."""
        with torch.no_grad():
            return self.model(_tensor(observations)).squeeze(-1).numpy()

    def update(self, observations, returns):
        """One regression step towards the discounted returns (float32 [batch]); returns the loss."""
        error = self.model(_tensor(observations)).squeeze(-1) - torch.as_tensor(np.asarray(returns))
        loss = (error**2).mean()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return float(loss.item())
