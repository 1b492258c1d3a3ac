"""Named queries: the queries/*.rq files, their headers, and the parameters bound to them.

Reads: .rq files (a ``#+ summary:`` / ``#+ params:`` header, then SPARQL) and ``--param k=v`` strings.
Returns: NamedQuery records, rdflib terms to bind, the store's results, rows as table, CSV or JSON.
Raises: UsageError (unknown query, parameter or value; missing file), QueryError (a file that
does not parse, has no summary, or declares a parameter its SELECT does not project).

A file is checked by pyoxigraph's parser, the engine that will run it, not rdflib's: the two
dialects differ at the edges, and only Oxigraph can tell whether each declared parameter is a
projected variable, which it requires to bind one. The check parses without kb's prefix map,
so a file that leans on undeclared prefixes fails here rather than in another SPARQL tool, and
it never evaluates anything (solutions are lazy), so a SERVICE clause makes no network call.

Parameters are bound as Oxigraph substitutions, never pasted into the text. A parameter must be
bound by a triple pattern in the query: Oxigraph folds ``BOUND(?p)`` and ``BIND(?p AS ...)`` for a
variable no pattern binds as if it were unbound, though ``FILTER(?date >= ?p)`` sees the value.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kb import resources
from kb.errors import QueryError, UsageError
from kb.store import Rows, Store, to_ox
from kb.vocab import PREFIXES

TYPES = ("IRI", "string", "date", "integer")
FORMATS = ("table", "csv", "json")
_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*\((.*)\)$")
_SAMPLE = {"IRI": URIRef("urn:kb:check"), "string": Literal("x"),
           "date": Literal("2000-01-01", datatype=XSD.date), "integer": Literal(0)}
_SHORT = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    example: str | None

    def describe(self) -> str:
        """``speaker (IRI, optional, e.g. kb:entity/x)``: the header's own spelling."""
        parts = [self.type] + (["optional"] if self.optional else []) + \
            ([f"e.g. {self.example}"] if self.example else [])
        return f"{self.name} ({', '.join(parts)})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    summary: str
    params: tuple[Param, ...]
    text: str


# ---------------------------------------------------------------------- files

def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every ``*.rq`` in ``directory`` (default: the project's queries/), sorted by name."""
    return [load_query_file(path) for path in _query_files(directory)]


def get_query(name: str, directory: Path | None = None) -> NamedQuery:
    files = {path.stem: path for path in _query_files(directory)}
    if name not in files:
        raise UsageError(f"unknown query '{name}'",
                         hint=f"kb queries lists the {len(files)} named queries: {', '.join(files)}")
    return load_query_file(files[name])


def load_query_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the query file {path}: {exc}") from exc
    header = _header(text, path)
    if not header.get("summary"):
        raise QueryError(f"{path}: no '#+ summary:' line",
                         hint="start the file with '#+ summary: what the query answers'")
    params = _params(header.get("params", ""), path)
    _check(text, params, path)
    return NamedQuery(path.stem, path, header["summary"], params, text)


def _query_files(directory: Path | None) -> list[Path]:
    directory = directory if directory is not None else resources.queries_dir()
    if not directory.is_dir():
        raise UsageError(f"no queries directory at {directory}",
                         hint="run kb from its repository or set KB_HOME to the directory holding queries/")
    return sorted(directory.glob("*.rq"))


def _header(text: str, path: Path) -> dict[str, str]:
    """The ``#+ key: value`` lines of the leading comment block."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            key = match.group(1).lower()
            if key in header:
                raise QueryError(f"{path}: '#+ {key}:' appears twice")
            header[key] = match.group(2)
    return header


def _params(spec: str, path: Path) -> tuple[Param, ...]:
    """``a (IRI, e.g. kb:x); b (date, optional)`` -> Params."""
    params: list[Param] = []
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        match = _PARAM.match(item)
        if not match:
            raise QueryError(f"{path}: cannot read the parameter '{item}'",
                             hint="write '#+ params: name (IRI, optional, e.g. kb:entity/x); other (date)'")
        name, attributes = match.group(1), [a.strip() for a in match.group(2).split(",")]
        kind = next((t for t in TYPES if t.lower() == attributes[0].lower()), None)
        if kind is None:
            raise QueryError(f"{path}: parameter '{name}' has the unknown type '{attributes[0]}'",
                             hint=f"types are {', '.join(TYPES)}")
        optional, example = False, None
        for i, attribute in enumerate(attributes[1:], start=1):
            if attribute == "optional":
                optional = True
            elif attribute.startswith("e.g."):
                example = ", ".join(attributes[i:])[4:].strip() or None
                break
            else:
                raise QueryError(f"{path}: parameter '{name}' has the unknown attribute '{attribute}'")
        if any(p.name == name for p in params):
            raise QueryError(f"{path}: parameter '{name}' is declared twice")
        params.append(Param(name, kind, optional, example))
    return tuple(params)


def _check(text: str, params: tuple[Param, ...], path: Path) -> None:
    substitutions = {ox.Variable(p.name): to_ox(_SAMPLE[p.type]) for p in params}
    try:
        ox.Store().query(text, substitutions=substitutions)
    except SyntaxError as exc:
        raise QueryError(f"{path}: invalid SPARQL: {exc}",
                         hint="each .rq declares its own PREFIX lines") from exc
    except RuntimeError as exc:
        raise QueryError(f"{path}: {exc}",
                         hint="every '#+ params:' name must be a SELECT variable (grouped by if the query aggregates)") from exc


# ---------------------------------------------------------------------- parameters

def bind(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Identifier]:
    """``--param`` strings -> the rdflib terms to substitute, checked against the header."""
    known = {p.name: p for p in query.params}
    takes = f"{query.name} takes {'; '.join(p.describe() for p in query.params)}" if known \
        else f"{query.name} takes no parameters"
    for name in values:
        if name not in known:
            raise UsageError(f"unknown parameter '{name}' for query '{query.name}'", hint=takes)
    for param in query.params:
        if not param.optional and param.name not in values:
            raise UsageError(f"query '{query.name}' needs --param {param.name}=...", hint=takes)
    return {name: _term(known[name], value) for name, value in values.items()}


def _term(param: Param, value: str) -> Identifier:
    value = value.strip()
    if param.type == "IRI":
        return _iri(param, value)
    if param.type == "date":
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                date.fromisoformat(value)
                return Literal(value, datatype=XSD.date)
            except ValueError:
                pass
        raise UsageError(f"--param {param.name}={value!r} is not a date",
                         hint="write dates as YYYY-MM-DD, e.g. 2017-05-02")
    if param.type == "integer":
        if re.fullmatch(r"[+-]?\d+", value):
            return Literal(int(value))
        raise UsageError(f"--param {param.name}={value!r} is not an integer")
    return Literal(value)


def _iri(param: Param, value: str) -> URIRef:
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif re.match(r"https?://", value):
        iri = value
    else:
        prefix, colon, local = value.partition(":")
        if not colon or prefix not in PREFIXES:
            raise UsageError(f"--param {param.name}={value!r} is not an IRI",
                             hint=f"write <full-iri>, http(s)://..., or a prefixed name with one of "
                                  f"{', '.join(sorted(PREFIXES))} (e.g. kb:entity/wladimir-putin, wd:Q7747)")
        iri = str(PREFIXES[prefix]) + local
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(f"--param {param.name}={value!r} is not a valid IRI: {exc}") from exc
    return URIRef(iri)


# ---------------------------------------------------------------------- running and output

def run(store: Store, query: NamedQuery, values: Mapping[str, str]) -> Rows | bool | Graph:
    bindings = bind(query, values)
    try:
        return store.query(query.text, bindings, source=str(query.path))
    except RuntimeError as exc:  # Oxigraph's refusal to bind an unprojected variable
        raise QueryError(f"{query.path}: {exc}") from exc


def format_rows(rows: Rows | bool, fmt: str) -> str:
    """``table``: aligned, IRIs shortened; ``csv``: SPARQL 1.1 CSV; ``json``: SPARQL 1.1 JSON results.

    table and json carry no final newline (the caller's echo adds one); csv ends every record
    with CRLF, as RFC 4180 and the SPARQL CSV format say.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    if isinstance(rows, bool):
        return json.dumps({"head": {}, "boolean": rows}) if fmt == "json" else str(rows).lower()
    if fmt == "json":
        return _json(rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(rows.variables)
        writer.writerows([_plain(term) for term in row] for row in rows.rows)
        return out.getvalue()
    return _table(rows)


def shorten(iri: str) -> str:
    """The IRI as ``prefix:local`` where a kb.vocab prefix fits (``bind`` reads it back)."""
    for namespace, prefix in _SHORT:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _plain(term: Identifier | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _table(rows: Rows) -> str:
    cells = [[_cell(term) for term in row] for row in rows.rows]
    right = [any(isinstance(row[i], Literal) and row[i].datatype in _NUMERIC for row in rows.rows)
             for i in range(len(rows.variables))]
    widths = [max([_width(v)] + [_width(row[i]) for row in cells]) for i, v in enumerate(rows.variables)]

    def line(values: list[str]) -> str:
        padded = [(" " * (w - _width(v)) + v) if r else (v + " " * (w - _width(v)))
                  for v, w, r in zip(values, widths, right)]
        return "  ".join(padded).rstrip()

    out = [line(list(rows.variables)), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger}


def _cell(term: Identifier | None) -> str:
    if isinstance(term, URIRef):
        return shorten(str(term))
    return _plain(term).replace("\r", "").replace("\n", "\\n").replace("\t", " ")


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _json(rows: Rows) -> str:
    bindings = [{name: _json_term(term) for name, term in zip(rows.variables, row) if term is not None}
                for row in rows.rows]
    return json.dumps({"head": {"vars": list(rows.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2)


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        value["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value
