"""Normalising query rows for comparison: what SPARQL leaves to the engine (the order of a
GROUP_CONCAT's items, the case of language tags) is made equal before rows are compared."""

from __future__ import annotations

import re

from rdflib import Literal

from kb.store import Rows


def concat_columns(text: str) -> dict[str, str]:
    """Projected GROUP_CONCAT variables and their separators."""
    found = {}
    for match in re.finditer(r"GROUP_CONCAT\s*\((.*?)\)\s+AS\s+\?(\w+)", text, re.I | re.S):
        separator = re.search(r"SEPARATOR\s*=\s*\"([^\"]*)\"", match.group(1), re.I)
        found[match.group(2)] = separator.group(1) if separator else " "
    return found


def normal_cell(term, separator: str | None):
    if separator is not None:  # no items: unbound in Oxigraph, "" in Virtuoso (as the spec has it)
        return ("concat", tuple(sorted(str(term).split(separator))) if term is not None and str(term) else ())
    if term is None:
        return None
    if isinstance(term, Literal) and term.language:
        return Literal(str(term), lang=term.language.lower())
    return term


def normal_rows(result: Rows, text: str) -> list[tuple]:
    concat = concat_columns(text)
    return [tuple(normal_cell(term, concat.get(name)) for name, term in zip(result.variables, row)) for row in result.rows]
