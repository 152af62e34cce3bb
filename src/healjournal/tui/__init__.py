"""The full-screen app: screens, dialogs and widgets over the core (Textual)."""
