"""dialogs of the healjournal app."""
