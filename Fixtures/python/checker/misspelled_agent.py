import numpy as np


class QNetwrk:
    def __init__(self, observation_space, action_space):
        self.w = np.zeros(4)

    def predict(self, observations):
        return observations

    def udpate(self, observations, actions, targets):
        return 0.0


def preproces(observation):
    return observation
