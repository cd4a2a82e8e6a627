"""Where exports are written unless the person says otherwise (no Textual here)."""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

from platformdirs import user_documents_path


def documents_folder() -> Path:
    """The person's Documents folder, else the home folder; never the folder the program
    was started from, which may be the program's own source folder (F23)."""
    try:
        found = user_documents_path()
    except Exception:  # no documents folder known on this system
        found = Path.home()
    return found if found.is_dir() else Path.home()


_LAST_FOLDER: WeakKeyDictionary[object, Path] = WeakKeyDictionary()
"""The folder each running app last exported to (F44); forgotten when the app ends."""


def last_folder(app: object) -> Path:
    """The folder the person last exported to in this run of ``app``, else documents."""
    remembered = _LAST_FOLDER.get(app)
    return remembered if remembered is not None and remembered.is_dir() else documents_folder()


def remember_folder(app: object, folder: Path) -> None:
    """The next export dialog of ``app`` starts in ``folder``."""
    _LAST_FOLDER[app] = folder
