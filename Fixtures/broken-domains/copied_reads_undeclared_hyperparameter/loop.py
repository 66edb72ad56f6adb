"""The training loop, copied verbatim."""


def step_size(hp):
    return hp["learnin_rate"] * 2
