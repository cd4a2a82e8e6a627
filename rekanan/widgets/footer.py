"""The footer of lists and details: Textual's compact footer, with a space after a group.

Lists and details have more keys than 120 columns hold in Textual's roomy footer (F3); the
compact one fits them, but glues a group's label to the next key (``[] Tabn New``).
"""

from __future__ import annotations

from textual.widgets import Footer


class CompactFooter(Footer):
    """``Footer(compact=True)`` with a space after a key group's label."""

    DEFAULT_CSS = """
    CompactFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
