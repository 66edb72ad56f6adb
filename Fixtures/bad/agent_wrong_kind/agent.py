class act:
    pass
