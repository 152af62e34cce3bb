"""This machine's setup: what belongs to the computer, not to the journal."""
