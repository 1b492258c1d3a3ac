"""Errors the library raises; the CLI turns each into one line on stderr and its exit code.

Reads: nothing. Returns: nothing. Raises: nothing (it defines what the others raise).
A negative result (a KB that does not conform, a query with no rows) is a return value.
"""

from __future__ import annotations


class KbError(Exception):
    """Base class: every error the CLI reports without a traceback."""

    exit_code = 2
    default_hint: str | None = None

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint


class UsageError(KbError):
    """A wrong option, an unknown query name or parameter."""

    exit_code = 2


class InputError(KbError):
    """An input file that cannot be read as an article: missing, empty, binary, wrong encoding, no date."""

    exit_code = 3


class QueryError(KbError):
    """A SPARQL query or update that does not parse or cannot run."""

    exit_code = 4


class ShapesError(KbError):
    """Shapes or data that pyshacl cannot load (not a failed validation: that is a result)."""

    exit_code = 5


class StoreError(KbError):
    """The store cannot be opened, read or written (locked, corrupt, unreachable)."""

    exit_code = 6


# The CLI documents these; keep README's table in step (tests/test_conventions.py checks).
EXIT_CODES = {
    0: "success (for validate: the KB conforms)",
    1: "validate: the KB does not conform",
    UsageError.exit_code: "usage: unknown option, query name or parameter",
    InputError.exit_code: "input: missing, empty, binary, non-UTF-8 or undated article",
    QueryError.exit_code: "query: SPARQL that does not parse or cannot run",
    ShapesError.exit_code: "shapes: SHACL shapes or data that cannot be loaded",
    StoreError.exit_code: "store: cannot open, read or write the store",
}
