"""My DQN agent (relna dqn domain), in TensorFlow/Keras: a two-layer MLP Q-network trained with Adam.

The trainer does the rest: ε-greedy exploration, replay, the target network and the TD targets.
Try it: relna-pack run agent.py --domain dqn
"""
import numpy as np
import tensorflow as tf

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, gamma, …) before it makes the QNetwork.
HYPERPARAMS = {"hidden": 128}  # 64 units left CartPole's final network unstable (docs/trainers.md)


class QNetwork:
    """The Q-function; the trainer trains it and keeps a twin of it as the target network."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete)."""
        n_in, n_out = int(np.prod(observation_space.shape)), int(action_space.n)
        hidden = HYPERPARAMS.get("hidden", 128)
        # He initialisation and a near-zero output layer (Q-values start flat), as the numpy starter.
        dense = dict(activation="relu", kernel_initializer="he_normal")
        self.model = tf.keras.Sequential(
            [
                tf.keras.Input(shape=(n_in,)),
                tf.keras.layers.Dense(hidden, **dense),
                tf.keras.layers.Dense(hidden, **dense),
                tf.keras.layers.Dense(n_out, kernel_initializer=tf.keras.initializers.RandomNormal(stddev=0.01)),
            ]
        )
        self.optimizer = tf.keras.optimizers.Adam(learning_rate=HYPERPARAMS.get("learning_rate", 1e-3))
        self.weights = None  # the layers' weights as NumPy arrays, for predict; None after a change

    def predict(self, observations):
        """Gets a float32 batch [batch, *observation_shape]; returns Q-values [batch, n_actions].

        For a network this small NumPy is many times faster than a call into TensorFlow per step.
        """
        if self.weights is None:
            self.weights = self.model.get_weights()
        w1, b1, w2, b2, w3, b3 = self.weights
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        h = np.maximum(0, np.maximum(0, x @ w1 + b1) @ w2 + b2)
        return h @ w3 + b3

    @tf.function(reduce_retracing=True)
    def _step(self, observations, actions, targets):
        with tf.GradientTape() as tape:
            q = self.model(observations, training=True)
            chosen = tf.gather(q, actions, axis=1, batch_dims=1)
            loss = tf.reduce_mean(tf.keras.losses.huber(targets[:, None], chosen[:, None]))
        gradients = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.model.trainable_variables))
        # The new weights come back with the loss: cheaper than reading the variables afterwards.
        return loss, [tf.identity(v) for v in self.model.trainable_variables]

    def update(self, observations, actions, targets):
        """One gradient step on the TD error (Huber loss); returns the loss as a float.

        Gets observations [batch, ...], actions int64 [batch] and TD targets float32 [batch].
        """
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        loss, weights = self._step(x, np.asarray(actions, dtype=np.int64), np.asarray(targets, dtype=np.float32))
        self.weights = [w.numpy() for w in weights]
        return float(loss)

    def get_weights(self):
        """Optional: the trainer syncs its target network with get_weights/set_weights."""
        return self.model.get_weights()

    def set_weights(self, weights):
        """Optional: loads what get_weights returned."""
        self.model.set_weights(weights)
        self.weights = None

