"""My imitation agent (relna imitation domain), in TensorFlow/Keras: a small MLP fitted to the expert.

The trainer does the rest: the expert's demonstrations, the DAgger rollouts in which the expert
relabels the states this policy visits, and evaluation. Discrete action spaces are classified,
Box action spaces regressed.
Try it: relna-pack run agent.py --domain imitation
"""
import numpy as np
import tensorflow as tf

# Optional: override the domain's hyperparameter defaults here. The trainer then fills this dict with
# every effective value (learning_rate, …) before it makes the Policy.
HYPERPARAMS = {"hidden": 64, "epochs": 20, "batch_size": 64}


class Policy:
    """The policy the trainer fits to the expert's actions and lets act during DAgger."""

    def __init__(self, observation_space, action_space):
        """Gets the environment's Gymnasium spaces (action_space is Discrete or Box)."""
        self.discrete = hasattr(action_space, "n")
        n_out = int(action_space.n) if self.discrete else int(np.prod(action_space.shape))
        self.shape = None if self.discrete else action_space.shape
        self.model = tf.keras.Sequential(
            [
                tf.keras.Input(shape=(int(np.prod(observation_space.shape)),)),
                tf.keras.layers.Dense(HYPERPARAMS.get("hidden", 64), activation="relu"),
                tf.keras.layers.Dense(n_out),
            ]
        )
        loss = (
            tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
            if self.discrete
            else tf.keras.losses.MeanSquaredError()
        )
        optimizer = tf.keras.optimizers.Adam(HYPERPARAMS.get("learning_rate", 1e-2))
        # Many batches per call into TensorFlow: per-batch calls cost more than the small model.
        self.model.compile(optimizer=optimizer, loss=loss, steps_per_execution=32)
        self.weights = None  # the layers' weights as NumPy arrays, for act; None after a fit

    def fit(self, observations, actions):
        """Fits the whole data set gathered so far; returns the last loss as a float.

        Gets observations float32 [N, ...] and the expert's actions (int64 [N] or float32 [N, dim]).
        """
        x = np.asarray(observations, dtype=np.float32).reshape(len(observations), -1)
        y = np.asarray(actions, dtype=np.int64 if self.discrete else np.float32)
        epochs, batch = int(HYPERPARAMS.get("epochs", 20)), int(HYPERPARAMS.get("batch_size", 64))
        history = self.model.fit(x, y, epochs=epochs, batch_size=batch, verbose=0)
        self.weights = None
        return float(history.history["loss"][-1])

    def act(self, observation):
        """Gets one observation; returns the action (an int, or an array for a Box space).

        The forward pass runs in NumPy, on a copy of the weights taken after each fit: for a network
        this small that is many times faster than a call into TensorFlow per step.
        """
        if self.weights is None:
            self.weights = self.model.get_weights()
        w1, b1, w2, b2 = self.weights
        x = np.asarray(observation, dtype=np.float32).reshape(1, -1)
        out = (np.maximum(0, x @ w1 + b1) @ w2 + b2)[0]
        return int(out.argmax()) if self.discrete else out.reshape(self.shape)
