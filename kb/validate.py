"""SHACL validation of kb data against the shapes in shapes/ (one Turtle file per target class).

Reads: one rdflib Graph holding everything to check (article graphs, provenance, links, ontology).
Returns: a Report (conforms, sorted results, the SHACL report graph); non-conformance is a result.
Raises: ShapesError when the shapes, or the data given to pyshacl, cannot be loaded.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyshacl
from pyparsing import ParseException
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kb.errors import ShapesError
from kb.vocab import PREFIXES, SH

KBS = Namespace("https://kb.example.org/shapes#")
_NAMESPACES = {prefix: str(ns) for prefix, ns in {**PREFIXES, "kbs": KBS}.items()}
_SHAPES_HINT = "fix or restore the shapes file named above (shapes/*.ttl)"


@dataclass(frozen=True)
class Result:
    """One SHACL result: IRIs in full, a literal value in Turtle form ("…"^^<datatype>)."""

    focus: str
    path: str | None
    message: str
    shape: str  # the named property shape, or the named sh:sparql constraint
    severity: str  # Violation, Warning or Info
    value: str | None


@dataclass(frozen=True)
class Report:
    conforms: bool
    results: list[Result]
    graph: Graph = field(default_factory=Graph, compare=False, repr=False)  # pyshacl's report

    def to_text(self) -> str:
        lines = [f"{_short(r.focus)}  {_short(r.path or '-')}  {r.message}  [{_short(r.shape)}]"
                 for r in self.results]
        return "\n".join([*lines, self._summary()]) + "\n"

    def to_json(self) -> str:
        body = {"conforms": self.conforms, "results": [asdict(r) for r in self.results]}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    def to_turtle(self) -> str:
        return self.graph.serialize(format="longturtle")

    def _summary(self) -> str:
        if self.conforms and not self.results:
            return "conforms: no results"
        state = "conforms" if self.conforms else "does not conform"
        focus_nodes = _plural(len({r.focus for r in self.results}), "focus node")
        return f"{state}: {_plural(len(self.results), 'result')} on {focus_nodes}"


def _default_shapes_dir() -> Path:
    try:
        from kb.resources import shapes_dir
    except ImportError:
        return Path(__file__).resolve().parent.parent / "shapes"
    return Path(shapes_dir())


def load_shapes(path: Path | None = None) -> Graph:
    """Parse a shapes file, or every *.ttl in a shapes directory, into one graph."""
    root = Path(path) if path is not None else _default_shapes_dir()
    graph = Graph()
    for file in _shape_files(root):
        part = _parse_turtle(file)
        _check_sparql(part, file)
        graph += part
    _bind(graph)
    _check_loadable(graph, root)
    return graph


def validate_graph(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate ``data`` (the union of everything to check) against ``shapes`` (default shapes/)."""
    shapes = load_shapes() if shapes is None else shapes
    try:
        conforms, graph, _ = pyshacl.validate(
            _PreparedQueries.over(data), shacl_graph=shapes,
            inference="none", advanced=False, meta_shacl=False,
        )
    except (ReportableRuntimeError, ParseException) as exc:
        raise ShapesError(f"pyshacl could not validate: {exc}", hint=_SHAPES_HINT) from exc
    _bind(graph)
    # Only the report's own sh:result nodes: pyshacl also types nested sh:detail results.
    reports = graph.subjects(RDF.type, SH.ValidationReport)
    nodes = [node for report in reports for node in graph.objects(report, SH.result)]
    results = sorted((_result(graph, node) for node in nodes), key=_key)
    return Report(conforms=bool(conforms), results=results, graph=graph)


class _PreparedQueries(Graph):
    """The data graph as pyshacl sees it: the same store, but each SPARQL text parsed only once.

    pyshacl runs a SPARQL constraint once per focus node and rdflib parses the text every time
    (about 50 ms each): without this an article with 30 spans spends seconds in the parser.
    """

    @classmethod
    def over(cls, data: Graph) -> Graph:
        if type(data) is not Graph:  # a Dataset or another subclass: leave it alone
            return data
        return cls(store=data.store, identifier=data.identifier,
                   namespace_manager=data.namespace_manager)

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=256)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


def _shape_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ShapesError(f"{root}: no such shapes file or directory",
                          hint="pass a shapes directory or a .ttl file")
    files = sorted(root.glob("*.ttl"))
    if not files:
        raise ShapesError(f"{root}: no *.ttl shapes files",
                          hint="pass a directory that holds the SHACL shapes")
    return files


def _parse_turtle(file: Path) -> Graph:
    try:
        text = file.read_text(encoding="utf-8")
        return Graph().parse(data=text, format="turtle", publicID=file.resolve().as_uri())
    except BadSyntax as exc:
        why = getattr(exc, "_why", None) or str(exc)
        message = f"{file}:{exc.lines + 1}: invalid Turtle: {why}"
        raise ShapesError(message, hint=_SHAPES_HINT) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ShapesError(f"{file}: cannot read shapes: {exc}", hint=_SHAPES_HINT) from exc


def _check_sparql(graph: Graph, file: Path) -> None:
    for constraint, query in graph.subject_objects(SH.select):
        try:
            _prepare(str(query))
        except Exception as exc:  # pyparsing's ParseException, or rdflib's algebra errors
            where = _short(str(constraint)) if isinstance(constraint, URIRef) else "a sh:select"
            message = f"{file}: SPARQL of {where} does not parse: {exc}"
            raise ShapesError(message, hint=_SHAPES_HINT) from exc


def _check_loadable(graph: Graph, root: Path) -> None:
    """Let pyshacl read every shape once, so structural errors (a property shape without
    sh:path, say) surface when loading rather than in the middle of validating."""
    try:
        pyshacl.validate(Graph(), shacl_graph=graph, inference="none")
    except (ReportableRuntimeError, ParseException) as exc:
        message = f"{root}: pyshacl cannot load the shapes: {exc}"
        raise ShapesError(message, hint=_SHAPES_HINT) from exc


def _result(graph: Graph, node: Node) -> Result:
    shape = graph.value(node, SH.sourceShape)
    constraint = graph.value(node, SH.sourceConstraint)
    if isinstance(constraint, URIRef):  # a named sh:sparql constraint says more than its node shape
        shape = constraint
    path = graph.value(node, SH.resultPath)
    value = graph.value(node, SH.value)
    severity = graph.value(node, SH.resultSeverity)
    return Result(
        focus=_term(graph.value(node, SH.focusNode)),
        path=_path(graph, path) if path is not None else None,
        message=" ".join(str(m) for m in sorted(graph.objects(node, SH.resultMessage))),
        shape=_term(shape),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        value=_term(value) if value is not None else None,
    )


def _term(node: Node | None) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path(graph: Graph, path: Node) -> str:
    """A property path in SPARQL syntax: an IRI as is, an inverse path as ^<iri>."""
    inverse = graph.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if inverse is not None:
        return f"^{_path(graph, inverse)}"
    return _term(path)


def _key(result: Result) -> tuple[str, str, str, str, str]:
    return (result.focus, result.path or "", result.shape, result.value or "", result.message)


def _short(iri: str) -> str:
    """kb:claim/… for an IRI in a known namespace (the longest match), else the IRI itself."""
    matches = [(len(ns), p) for p, ns in _NAMESPACES.items() if iri.startswith(ns) and iri != ns]
    if not matches:
        return iri
    length, prefix = max(matches)
    return f"{prefix}:{iri[length:]}"


def _bind(graph: Graph) -> None:
    for prefix, namespace in _NAMESPACES.items():
        graph.bind(prefix, URIRef(namespace), override=True, replace=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
