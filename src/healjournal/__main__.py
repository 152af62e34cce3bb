"""Run healjournal with ``python -m healjournal``."""

from healjournal.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
