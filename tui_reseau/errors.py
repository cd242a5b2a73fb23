"""Errors that reach the user: each carries a French message saying what is wrong and what to do."""

from __future__ import annotations


class ReseauError(Exception):
    """An error the user can act on; ``str()`` is the French message, ``hint`` the fix."""

    exit_code: int = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class DatabaseOpenError(ReseauError):
    """The database cannot be opened: missing folder rights, not a database, corrupt file…"""

    exit_code = 3


class SchemaTooNewError(DatabaseOpenError):
    """The database was written by a newer version of tui_reseau."""
