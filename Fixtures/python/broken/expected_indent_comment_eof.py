def f():
    # only comment
