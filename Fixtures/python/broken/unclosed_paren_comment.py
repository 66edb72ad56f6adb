x = ( # c
