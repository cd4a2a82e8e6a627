"""The one exception type a person may see: its message is a sentence saying what to do."""

from __future__ import annotations


class RekananError(Exception):
    """An error meant for a person. ``str(error)`` says what happened and how to fix it."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
