"""The journal's pure-Python core: no Textual, no TinyDB."""
