"""How a mood looks, the same in the app and in `healjournal stats` (no Textual)."""

from __future__ import annotations

#: The word for each mood, 1 (awful) to 5 (great).
MOOD_WORDS = {1: "awful", 2: "low", 3: "okay", 4: "good", 5: "great"}
#: The colour of each mood (Rich colour names).
MOOD_COLOURS = {1: "red", 2: "dark_orange", 3: "yellow", 4: "green", 5: "bright_green"}
#: A mark per mood, one cell wide, its height telling moods apart without colour.
MOOD_MARKS = {None: " ", 1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}
