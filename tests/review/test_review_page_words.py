"""F38: a date that falls today reads "hari ini", as elsewhere in the app."""

from __future__ import annotations

from textual.widgets import Static

from rekanan.screens.review_page import _left


def test_today_is_said_as_today() -> None:
    node = Static()
    assert _left(node, 0).plain == " (hari ini)"
    assert _left(node, 3).plain == " (3 hari lagi)"
    assert _left(node, -2).plain == " (lewat 2 hari)"
