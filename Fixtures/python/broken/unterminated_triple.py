x = 1
s = """abc

def f():
    pass
