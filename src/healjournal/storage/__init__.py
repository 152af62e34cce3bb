"""Storage: the only code that knows the journal is a TinyDB JSON file."""
