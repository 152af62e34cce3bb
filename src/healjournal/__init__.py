"""healjournal: a private, keyboard-first journal for getting over a breakup."""

__version__ = "0.1.0"
