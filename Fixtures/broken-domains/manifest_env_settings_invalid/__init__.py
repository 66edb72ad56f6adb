"""The trainer package built by relna-pack."""
