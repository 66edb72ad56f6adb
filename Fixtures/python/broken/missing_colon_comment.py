class A(B)  # comment
    x = 1
