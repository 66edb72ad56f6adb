"""A relna trainer package, built by relna-pack: `python -m trainer.task --help` lists its flags."""
