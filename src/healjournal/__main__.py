"""Run healjournal with ``python -m healjournal``."""

from healjournal.cli import run

if __name__ == "__main__":
    run()
