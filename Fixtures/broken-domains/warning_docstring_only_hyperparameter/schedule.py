"""Learning-rate schedule. A `momentum` hyperparameter would be read here; it is not."""


def step_size(hyperparameters, step):
    """Returns the step size; see hp["momentum"] in the docs (prose, not code)."""
    # hp["momentum"] would go here.
    return hyperparameters["learning_rate"] / (1 + step)
