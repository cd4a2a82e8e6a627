"""The search box of the lists, and typing a name while the table has the focus.

On a list the letters in the footer (``n`` new, ``d`` delete, ``u`` edit, ``e`` export) act
when the table has the focus. A person who starts typing a name there should not fire
them by accident (F25): a printable key that no binding claims goes to the search box
instead (which takes the focus), and the delete question never answers itself to a typed
letter (``ConfirmScreen`` with ``danger``). ``/`` focuses the search box; typed into an
empty search box it is ignored rather than searched for (F7), while a contract number
still takes its slashes.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable, Input


class SearchBox(Input):
    """The search ``Input`` of a list: a leading ``/`` is the focus key, not a search.

    ``↓`` goes down to the results, as Enter does: both submit, and each list screen moves
    the focus to its table on submit.
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "down":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        if event.character == "/" and not self.value:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


def type_into_search(screen: Screen[Any], event: events.Key, selector: str = "#search") -> bool:
    """Send a printable key nobody binds from the list's table to its search box.

    Called from a list screen's ``on_key`` (the key bubbled up unhandled, before the
    bindings are looked at). True when the key went to the search box. Letters typed fast
    may reach the table after the first one moved the focus: a printable key that bubbles
    up while the search box has the focus did not pass through the box (an ``Input``
    keeps the letters it takes), so it belongs in the box too, whatever it is bound to.
    """
    character = event.character
    if not event.is_printable or character is None:
        return False
    box = next(iter(screen.query(selector).results(Input)), None)
    if box is None or box.disabled:
        return False
    focused = screen.focused
    if focused is box:
        pass  # a letter queued at the table before the focus moved: keep the word whole
    elif (
        not isinstance(focused, DataTable)
        or not character.strip()
        or event.key in screen.active_bindings
    ):
        return False
    event.stop()
    event.prevent_default()
    if focused is not box:
        selects = box.select_on_focus
        box.select_on_focus = False  # the next letter appends instead of replacing all
        screen.set_focus(box)  # now, not after a refresh: the next letters follow this one
        box.call_after_refresh(setattr, box, "select_on_focus", selects)
    box.cursor_position = len(box.value)
    box.insert_text_at_cursor(character)
    return True
