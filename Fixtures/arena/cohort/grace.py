"""Rejected: a syntax error."""
class QNetwork(
