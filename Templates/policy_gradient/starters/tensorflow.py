"""My policy-gradient agent (relna policy_gradient domain), in TensorFlow/Keras.

The trainer does the rest: batches of episodes, reward-to-go, the baseline and advantage
normalisation. Discrete action spaces get a categorical policy, Box spaces a Gaussian one.
Try it: relna-pack run agent.py --domain policy_gradient
"""
import numpy as np
import tensorflow as tf

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the Policy.
HYPERPARAMS = {"hidden": 64}


def _inputs(observations):
    x = np.asarray(observations, dtype=np.float32)
    return x.reshape(1, -1) if x.ndim <= 1 else x.reshape(len(x), -1)


class Policy:
    """The stochastic policy the trainer samples episodes from and improves."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete or Box)."""
        self.discrete = hasattr(action_space, "n")
        n_out = int(action_space.n) if self.discrete else int(np.prod(action_space.shape))
        self.shape = None if self.discrete else action_space.shape
        self.model = tf.keras.Sequential(
            [
                tf.keras.Input(shape=(int(np.prod(observation_space.shape)),)),
                tf.keras.layers.Dense(HYPERPARAMS.get("hidden", 64), activation="tanh"),
                tf.keras.layers.Dense(n_out),
            ]
        )
        self.log_std = tf.Variable(tf.fill((n_out,), -0.5))
        self.variables = self.model.trainable_variables + ([] if self.discrete else [self.log_std])
        self.optimizer = tf.keras.optimizers.Adam(learning_rate=HYPERPARAMS.get("learning_rate", 1e-2))
        self.weights = None  # the variables as NumPy arrays, for act; None after an update

    def _log_prob(self, out, actions):
        if self.discrete:
            log_p = tf.nn.log_softmax(out)
            return tf.gather(log_p, actions, axis=1, batch_dims=1)
        z = (actions - out) / tf.exp(self.log_std)
        return tf.reduce_sum(-0.5 * z**2 - self.log_std - 0.5 * np.log(2 * np.pi), axis=-1)

    def act(self, observation):
        """Gets one observation; returns a sampled action (an int, or an array for a Box space).

        The forward pass runs in NumPy, on a copy of the weights taken after each update: for a
        network this small that is many times faster than a call into TensorFlow per step.
        np.random is the global generator, which the trainer seeds with --seed.
        """
        if self.weights is None:
            self.weights = [np.asarray(v) for v in self.variables]
        w1, b1, w2, b2 = self.weights[:4]
        out = np.tanh(_inputs(observation) @ w1 + b1) @ w2 + b2
        if self.discrete:
            p = np.exp(out[0] - out[0].max())
            return int(np.random.choice(len(p), p=p / p.sum()))
        sample = out[0] + np.exp(self.weights[4]) * np.random.normal(size=out[0].shape)
        return sample.astype(np.float32).reshape(self.shape)

    @tf.function(reduce_retracing=True)
    def _step(self, observations, actions, advantages):
        with tf.GradientTape() as tape:
            log_prob = self._log_prob(self.model(observations, training=True), actions)
            loss = -tf.reduce_mean(log_prob * advantages)
        gradients = tape.gradient(loss, self.variables)
        self.optimizer.apply_gradients(zip(gradients, self.variables))
        return loss

    def update(self, observations, actions, advantages):
        """One ascent step on mean log π(a|s)·A; returns the loss as a float.

        Gets observations float32 [batch, ...], actions int64 [batch] (Discrete) or float32
        [batch, action_dim] (Box), advantages float32 [batch].
        """
        actions = np.asarray(actions, dtype=np.int64 if self.discrete else np.float32)
        loss = self._step(_inputs(observations), actions, np.asarray(advantages, dtype=np.float32))
        self.weights = None
        return float(loss)
