"""This machine's setup: the config file, its keys, and moving settings into it.

What belongs to the machine (the colour theme, the editor, the keys, how long
an encrypted journal may stay idle before it locks) lives in the config file;
what travels with the journal (who it is about, the counted name, the urge
minutes) stays in the journal. No Textual here: the theme names and binding
ids the config accepts are listed in this package, and a pilot test checks
them against the app's.
"""
