import torch


def act(observation):
    return 0
