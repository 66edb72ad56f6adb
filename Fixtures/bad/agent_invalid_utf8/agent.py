def act(o):
    return "ÿş"
