#!/usr/bin/env python
# coding: foo
x = 1
