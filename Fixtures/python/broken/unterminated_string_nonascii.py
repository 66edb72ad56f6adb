s = 'éé' + 'abc
