"""widgets of the healjournal app."""
