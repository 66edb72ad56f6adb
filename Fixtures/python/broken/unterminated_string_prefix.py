y = 1
x = rb"abc
