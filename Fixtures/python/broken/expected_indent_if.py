import sys
if sys:
x = 1
