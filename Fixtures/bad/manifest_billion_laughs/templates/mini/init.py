"""The mini test trainer."""
