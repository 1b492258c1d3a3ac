"""Loads the lexicons kept as TSV data files under kb/lexicons/ (users can extend them).

Reads: kb/lexicons/*.tsv and kb/lexicons/<lang>/*.tsv, plus any extra directory in KB_LEXICONS.
Returns: lists of rows (tuples of strings), cached per file. Raises: InputError for a malformed row.
Lines starting with '#' are comments; columns are tab-separated; empty trailing columns may be left off.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from kb.errors import InputError
from kb.resources import PACKAGE_DIR

LEXICON_DIR = PACKAGE_DIR / "lexicons"


def _paths(name: str) -> list[Path]:
    paths = [LEXICON_DIR / name]
    extra = os.environ.get("KB_LEXICONS")
    if extra:
        paths.extend(Path(p) / name for p in extra.split(os.pathsep) if p)
    return [p for p in paths if p.exists()]


@cache
def rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of lexicon ``name`` (e.g. "de/cues.tsv"), each padded to ``columns`` fields."""
    out: list[tuple[str, ...]] = []
    for path in _paths(name):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) > columns:
                raise InputError(f"{path}:{number}: {len(fields)} columns, expected at most {columns}")
            out.append(tuple(f.strip() for f in fields) + ("",) * (columns - len(fields)))
    return tuple(out)
