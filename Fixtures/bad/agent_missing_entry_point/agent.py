"""no act"""
x = 1
