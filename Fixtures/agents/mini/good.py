"""A valid agent for the mini test domain."""


def act(observation):
    return 0


class Policy:
    def reset(self):
        pass
