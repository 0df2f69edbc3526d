"""Errors a user can act on; the CLI turns them into one line and an exit code."""

from __future__ import annotations

__all__ = ["KGError", "UsageError", "DataError", "StoreError", "QueryError"]


class KGError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1


class UsageError(KGError):
    """Bad input from the user: unknown entity, empty text, refused query (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class DataError(KGError):
    """The data does not parse or does not conform (exit 1)."""


class StoreError(KGError):
    """A store or endpoint could not be reached or answered badly (exit 1)."""


class QueryError(UsageError):
    """A SPARQL query was refused, failed or timed out (exit 2)."""
