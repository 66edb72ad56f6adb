"""The training loop, copied verbatim."""


def first_positive(values):
    if (found := [v for v in values if v > 0]):
        return found[0]
    return None
