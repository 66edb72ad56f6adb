"""The trainer package built by relna-pack."""
def broken(:
    pass
