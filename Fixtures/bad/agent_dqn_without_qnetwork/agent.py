import numpy as np


def preprocess(observation):
    return np.asarray(observation)
