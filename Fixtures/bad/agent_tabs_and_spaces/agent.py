def act(o):
	return 0
        pass
