"""The advice on a passphrase that would be easy to guess."""

from __future__ import annotations

import pytest

from healjournal.domain.passphrase import SHORT_PASSPHRASE, passphrase_advice


@pytest.mark.parametrize(
    "passphrase",
    [
        "sunshine",
        "correcthorsebatterystaple",
        "P@ssw0rd!2026",
        "  lighthouse  ",
        "love love love love",  # the same word again is still one word
        "Love LOVE love",
        "",
    ],
)
def test_one_word_is_pointed_out(passphrase):
    advice = passphrase_advice(passphrase)
    assert advice is not None
    assert advice.startswith("one word is easy to guess")
    assert "a few unrelated words" in advice


@pytest.mark.parametrize("passphrase", ["blue sky", "tea at dawn", "a-b-c-d"])
def test_short_is_pointed_out(passphrase):
    assert len(passphrase) < SHORT_PASSPHRASE
    advice = passphrase_advice(passphrase)
    assert advice is not None
    assert advice.startswith("a short passphrase is easy to guess")


@pytest.mark.parametrize(
    "passphrase",
    [
        "correct horse battery staple",
        "tea-at-dawn-by-the-river",
        "orange_kettle_winter",
        "lighthouse fog",  # two words, long enough
        "café crème à l'aube",
    ],
)
def test_a_few_words_are_fine(passphrase):
    assert passphrase_advice(passphrase) is None


def test_advice_is_one_short_line():
    for passphrase in ("x", "blue sky"):
        advice = passphrase_advice(passphrase)
        assert advice is not None
        assert "\n" not in advice
        assert len(advice) <= 100
