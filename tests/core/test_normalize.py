"""Folding: every way of typing a Danish word meets the codex's spelling."""

from __future__ import annotations

import pytest

from bot.core.normalize import MAX_QUESTION_CHARS, fold, words


@pytest.mark.parametrize("spelling", ["rådgivning", "raadgivning", "radgivning", "RÅDGIVNING", "Rådgivning."])
def test_danish_letters_fold_to_one_spelling(spelling: str) -> None:
    """å, aa and a all fold to the same skeleton, as do case and punctuation."""
    assert fold(spelling) == "radgivning"


def test_ae_and_oe_fold_like_the_letters_they_replace() -> None:
    """'saerinteresser' and 'særinteresser', 'goere' and 'gøre' become the same word."""
    assert fold("saerinteresser") == fold("særinteresser")
    assert fold("goere") == fold("gøre") == fold("gore")


def test_invisible_format_characters_do_not_split_words() -> None:
    """A soft hyphen or zero-width space pasted from a PDF or web page leaves the word whole."""
    assert words("partipoli\u00adtisk råd\u200bgivning\ufeff") == ["partipolitisk", "radgivning"]


def test_questions_are_capped_in_length() -> None:
    """A pasted document is cut, so one message cannot make the matcher work for long."""
    assert len(words("ord " * 10_000)) == MAX_QUESTION_CHARS // 4
