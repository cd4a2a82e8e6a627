"""Where exports are written unless the person says otherwise (no Textual here)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_documents_path


def documents_folder() -> Path:
    """The person's Documents folder, else the home folder; never the folder the program
    was started from, which may be the program's own source folder (F23)."""
    try:
        found = user_documents_path()
    except Exception:  # no documents folder known on this system
        found = Path.home()
    return found if found.is_dir() else Path.home()
