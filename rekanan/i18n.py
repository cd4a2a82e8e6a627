"""Translations of the terminal app: Indonesian source strings, gettext ``.po`` catalogues.

The Indonesian text in the code *is* the message id (marked with ``N_`` where it is only
declared). English lives in ``rekanan/locale/en/**/*.po``: every ``.po`` file under the
language folder is read with Babel and merged, so each part of the app (app shell,
registers, review, ...) keeps its own file and nobody edits anybody else's. A missing
translation shows the Indonesian text, never an error. Catalogues are parsed once per
process (Babel's reader is pure Python, a few milliseconds per file).

The rules' own sentences (alerts, reasons) are worded by ``rekanan.domain.text``, which
takes the language as an argument; this module is for the screens.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).parent / "locale"
_LOCK = threading.Lock()
log = logging.getLogger(__name__)


def N_(text: str) -> str:
    """Mark a string for the catalogue; it is translated where it is shown."""
    return text


def catalogue_files(language: str, root: Path = LOCALE_DIR) -> list[Path]:
    """Every ``.po`` file of a language, in a stable order (later files win on conflicts)."""
    folder = root / language
    if not folder.is_dir():
        return []
    return sorted(folder.rglob("*.po"))


def read_catalogue(path: Path) -> dict[str, str]:
    """One ``.po`` file as msgid -> msgstr, skipping the header, fuzzy and empty entries.

    A broken file is logged and skipped: the app then shows the Indonesian text.
    """
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, ignore_obsolete=True)
    except Exception as error:  # a bad catalogue must never stop the app
        log.warning("Skipping translation file %s: %s", path, error)
        return {}
    found: dict[str, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or isinstance(message.id, tuple | list):
            continue
        text = message.string
        if isinstance(text, str) and text:
            found[str(message.id)] = text
    return found


@lru_cache(maxsize=8)
def _merged(language: str, root: Path) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(language, root):
        merged.update(read_catalogue(path))
    return merged


def catalogue(language: str, root: Path = LOCALE_DIR) -> dict[str, str]:
    """All translations of a language, merged from every file (empty for Indonesian)."""
    if language == SOURCE_LANGUAGE:
        return {}
    with _LOCK:
        return _merged(language, root)


def reload_catalogues() -> None:
    """Forget the parsed files (after editing a ``.po`` file while the app runs)."""
    with _LOCK:
        _merged.cache_clear()


def translate(language: str, text: str, **values: object) -> str:
    """``text`` in ``language`` with ``{placeholders}`` filled in.

    A placeholder missing from ``values`` leaves the text as it is rather than raising.
    """
    translated = catalogue(language).get(text, text)
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return translated


def translator(language: str) -> Callable[..., str]:
    """A ``t(text, **values)`` bound to one language."""

    def t(text: str, **values: object) -> str:
        return translate(language, text, **values)

    return t
