class A:
    x = }
