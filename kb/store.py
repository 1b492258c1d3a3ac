"""The one module that talks to the triple store (embedded pyoxigraph on disk).

Reads: rdflib graphs to write, SPARQL text with bound variables. Returns: rows of rdflib
terms, booleans, rdflib graphs, serialised bytes. Raises: StoreError, QueryError.
Every write is one SPARQL update, which pyoxigraph applies in one transaction: an article
graph is replaced whole or not at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from kb.errors import QueryError, StoreError
from kb.vocab import PREFIXES, PROVENANCE_GRAPH, PROV

# what the stores write: an rdflib Graph or kb.rdf.Triples (a set of triples), anything sized to iterate
GraphLike = Collection[tuple[Identifier, Identifier, Identifier]]


class ExportFormat(str, Enum):
    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"


_OX_FORMAT = {
    ExportFormat.trig: ox.RdfFormat.TRIG,
    ExportFormat.nquads: ox.RdfFormat.N_QUADS,
    ExportFormat.turtle: ox.RdfFormat.TURTLE,
    ExportFormat.jsonld: ox.RdfFormat.JSON_LD,
    ExportFormat.ntriples: ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class Rows:
    """A SELECT result: variable names and rows of rdflib terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Identifier | None, ...]]


_IRIS: dict[str | URIRef, ox.NamedNode] = {}  # IRI -> node: predicates, types, entities and datatypes repeat
_IRIS_MAX = 200_000


def _iri(value: str) -> ox.NamedNode:
    """The node for an IRI (a str or a URIRef, used as the key as it is: no copy)."""
    node = _IRIS.get(value)
    if node is None:
        if len(_IRIS) >= _IRIS_MAX:
            _IRIS.clear()
        node = _IRIS[value] = ox.NamedNode(value)
    return node


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term. IRIs are converted once and kept (bounded): this
    halved the conversion time of a whole ingest (bench/throughput.py)."""
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=_iri(term.datatype))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_ox(term) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r}")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: Identifier) -> str:
    """An N-Triples term (what rdflib's n3() gives, at a fraction of its cost)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{term.datatype}>"
        return text
    raise StoreError(f"blank node {term} cannot be written: kb gives every node an IRI")


def _triples_block(graph: GraphLike) -> str:
    return "\n".join(f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in graph)


class Store:
    """An embedded store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: Path | None = None, read_only: bool = False):
        self.path = path
        if path is not None and path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store directory", hint="pass --store DIR with a directory")
        try:
            if path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}",
                             hint="is another kb process using it? use --store to pick another directory") from exc

    # ------------------------------------------------------------------ writes

    def replace_graphs(self, graphs: Mapping[str, GraphLike], provenance_for: str | None = None,
                       provenance: GraphLike | None = None, additions: Mapping[str, GraphLike] | None = None) -> None:
        """In one transaction: drop and rewrite each graph in ``graphs``, replace the provenance
        recorded about ``provenance_for`` by ``provenance``, and add ``additions`` to shared graphs."""
        inserts = [(name, graph) for name, graph in graphs.items()]
        if provenance is not None:
            inserts.append((str(PROVENANCE_GRAPH), provenance))
        inserts.extend((additions or {}).items())
        if self._all_new(graphs, provenance_for):
            # nothing to drop: one transactional extend, without writing and parsing SPARQL text
            try:
                self._ox.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), node)
                                for name, graph in inserts for node in (_iri(name),) for s, p, o in graph)
            except OSError as exc:
                raise StoreError(f"cannot write the store: {exc}") from exc
            return
        parts: list[str] = [f"DROP SILENT GRAPH <{name}>" for name in graphs]
        if provenance_for is not None:
            g, pg, was = f"<{provenance_for}>", f"<{PROVENANCE_GRAPH}>", f"<{PROV.wasGeneratedBy}>"
            parts.append(
                f"DELETE {{ GRAPH {pg} {{ ?run ?rp ?ro }} }} WHERE {{ GRAPH {pg} {{ {g} {was} ?run . ?run ?rp ?ro }} }}")
            parts.append(f"DELETE WHERE {{ GRAPH {pg} {{ {g} ?p ?o }} }}")
        body = "\n".join(f"GRAPH <{name}> {{\n{_triples_block(graph)}\n}}" for name, graph in inserts if len(graph))
        if body:
            parts.append(f"INSERT DATA {{\n{body}\n}}")
        self._update(" ;\n".join(parts))

    def _all_new(self, graphs: Mapping[str, GraphLike], provenance_for: str | None) -> bool:
        if any(self._ox.contains_named_graph(ox.NamedNode(name)) for name in graphs):
            return False
        if provenance_for is None:
            return True
        return next(iter(self._ox.quads_for_pattern(ox.NamedNode(provenance_for), None, None,
                                                    ox.NamedNode(str(PROVENANCE_GRAPH)))), None) is None

    def load(self, data: bytes, graph: str) -> None:
        """Replace ``graph`` with the parsed Turtle ``data`` in one transaction (the ontology)."""
        self.replace_graphs({graph: parse_turtle(data, graph)})

    def drop(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str) -> None:
        self._update(sparql)

    def _update(self, sparql: str) -> None:
        try:
            self._ox.update(sparql, prefixes=_prefixes())
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write the store: {exc}") from exc

    # ------------------------------------------------------------------ reads

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              source: str = "query") -> Rows | bool | Graph:
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._ox.query(sparql, prefixes=_prefixes(), substitutions=substitutions,
                                    use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"{source}: invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}") from exc
        if isinstance(result, bool):
            return result
        if isinstance(result, getattr(ox, "QueryBoolean", ())):  # pyoxigraph 0.5 wraps ASK answers
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            try:
                rows = [tuple(from_ox(sol[name]) for name in names) for sol in result]
            except (OSError, ValueError) as exc:
                raise QueryError(f"{source}: query failed: {exc}") from exc
            return Rows(names, rows)
        graph = Graph()
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def graph_value(self, graph: str, subject: str, predicate: str) -> str | None:
        """One value of ``subject predicate ?`` in ``graph`` (None when absent)."""
        for quad in self._ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None,
                                               ox.NamedNode(graph)):
            return quad.object.value
        return None

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs())

    def __len__(self) -> int:
        return len(self._ox)

    def dataset(self, graphs: Iterable[str] | None = None) -> Dataset:
        """The named graphs (all by default) as an rdflib Dataset, for pyshacl and serialising."""
        ds = Dataset()
        wanted = None if graphs is None else set(graphs)
        for quad in self._ox:
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph):
                continue
            if wanted is not None and name.value not in wanted:
                continue
            ds.graph(URIRef(name.value)).add(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return ds

    def union(self, graphs: Iterable[str] | None = None) -> Graph:
        """The named graphs (all by default) merged into one rdflib Graph."""
        merged = Graph()
        wanted = None if graphs is None else set(graphs)
        for quad in self._ox:
            name = quad.graph_name
            if isinstance(name, ox.DefaultGraph) or (wanted is not None and name.value not in wanted):
                continue
            merged.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return merged

    def dump(self, fmt: ExportFormat, graph: str | None = None) -> bytes:
        ox_format = _OX_FORMAT[fmt]
        try:
            if graph is not None:
                return self._ox.dump(format=ox_format, from_graph=ox.NamedNode(graph), prefixes=_prefixes())
            if not ox_format.supports_datasets:  # Turtle, N-Triples: every graph merged
                triples = self._ox.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
                return ox.serialize(triples, format=ox_format, prefixes=_prefixes())
            return self._ox.dump(format=ox_format, prefixes=_prefixes())
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}") from exc

    def flush(self) -> None:
        self._ox.flush()


def parse_turtle(data: bytes, graph: str) -> Graph:
    """Turtle for ``graph`` as an rdflib Graph; a parse error is a StoreError naming the graph."""
    parsed = Graph()
    try:
        parsed.parse(data=data, format="turtle")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise StoreError(f"cannot parse Turtle for <{graph}>: {exc}") from exc
    return parsed


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}
