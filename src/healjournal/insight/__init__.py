"""What the screens and `healjournal stats` both show (no Textual).

The overview of the journal, the review's figures, and how a mood looks.
"""
