"""screens of the healjournal app."""
