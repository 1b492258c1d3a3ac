"""The same KB on three stores, compared row for row: embedded, Oxigraph server, Virtuoso.

Two KBs: the seeds (``kb ingest`` into each store, then validation, stats, the graphs and every
named query), and the hand-written fixture of tests/test_queries.py (loaded with replace_graphs).
Every query in queries/*.rq runs without parameters when it needs none, and with parameters
taken from the data (articles, speakers and entities, also as their Wikidata items,
propositions, a date): see ``_cases``. Queries with a SERVICE clause are left out (network).

Before comparing, rows are normalised for what SPARQL leaves to the engine: language tags
lower-cased; a GROUP_CONCAT column becomes the sorted list of its items, without language
(the order of the items is unspecified, and Oxigraph keeps a language tag common to all of them
where Virtuoso returns a plain string); rows that tie on every ORDER BY key may come in any
order; a query without ORDER BY is compared as a multiset. Nothing else is forgiven.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef

from kb import queries
from kb.pipeline import ingest, stats
from kb.store import Rows, Store, from_ox
from kb.validate import load_shapes, validate_graph
from kb.vocab import ONTOLOGY_GRAPH, PROVENANCE_GRAPH
from rows import normal_rows  # also used by test_remote.py
from servers import oxigraph, remote, virtuoso  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "kb.trig"
PREFIXES = """PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <http://schema.org/>
"""
CANDIDATES = {  # parameter name -> a query for values of it (the first column), best first
    "article": "SELECT DISTINCT ?v WHERE { ?v a schema:NewsArticle } ORDER BY ?v",
    "speaker": "SELECT ?v WHERE { ?c a kbo:Claim ; schema:author ?s . ?s owl:sameAs? ?v } "
               "GROUP BY ?v ORDER BY DESC(COUNT(DISTINCT ?c)) ?v LIMIT 3",
    "entity": "SELECT ?v WHERE { ?c schema:mentions|kbo:about/kbo:subject|kbo:about/kbo:object ?e . "
              "?e owl:sameAs? ?v } GROUP BY ?v ORDER BY DESC(COUNT(DISTINCT ?c)) ?v LIMIT 3",
    "topic": "SELECT ?v WHERE { ?c kbo:about|kbo:about/kbo:subject ?v } "
             "GROUP BY ?v ORDER BY DESC(COUNT(DISTINCT ?c)) ?v LIMIT 3",
    "since": "SELECT ?v WHERE { ?c kbo:dateSaid ?v } ORDER BY ?v",
    "claim": "SELECT ?v WHERE { ?v a kbo:Claim OPTIONAL { ?r schema:itemReviewed ?v } } "
             "GROUP BY ?v ORDER BY DESC(COUNT(?r)) ?v LIMIT 2",
}


# ---------------------------------------------------------------------- the KBs

def _fixture_graphs() -> dict[str, rdflib.Graph]:
    graphs: dict[str, rdflib.Graph] = {}
    for quad in ox.parse(path=FIXTURE, format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, rdflib.Graph()).add(
            (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    graphs[str(ONTOLOGY_GRAPH)] = rdflib.Graph().parse(ROOT / "ontology" / "kb.ttl")
    return graphs


@pytest.fixture(scope="module")
def fixture_store() -> Store:
    store = Store()
    store.replace_graphs(_fixture_graphs())
    return store


def _load(kind: str, store, seed_paths) -> None:
    if kind == "seeds":
        assert ingest(store, seed_paths).written == 2
    else:
        store.replace_graphs(_fixture_graphs())


# ---------------------------------------------------------------------- cases

def _cases(reference: Store, per_param: int) -> list[tuple[queries.NamedQuery, dict[str, str]]]:
    """(query, --param values) for every named query: without parameters where none is
    required, and with up to ``per_param`` values the data offers for each parameter (a kb
    IRI first, then a Wikidata item, alternately)."""
    values = {}
    for name, text in CANDIDATES.items():
        found = [str(row[0]) for row in reference.query(PREFIXES + text).rows]
        kb, other = [v for v in found if "kb.example.org" in v], [v for v in found if "kb.example.org" not in v]
        mixed = [v for pair in zip(kb, other) for v in pair] + kb[len(other):] + other[len(kb):]
        values[name] = ([found[len(found) // 2]] if name == "since" and found else mixed)[:per_param]
    cases = []
    for query in queries.list_queries():
        if "SERVICE" in query.text.upper():
            continue
        required = [p for p in query.params if not p.optional]
        optional = [p for p in query.params if p.optional]
        assert {p.name for p in query.params} <= set(values), f"{query.name}: no candidates for a parameter"
        bases = [{}] if not required else [{required[0].name: v} for v in values[required[0].name]]
        for extra in required[1:]:
            bases = [{**b, extra.name: values[extra.name][0]} for b in bases]
        cases.extend((query, base) for base in bases)
        for param in optional:
            cases.extend((query, {**bases[0], param.name: v}) for v in values[param.name][:2])
    return cases


# ---------------------------------------------------------------------- normalising

def _order_keys(text: str) -> list[str] | None:
    match = re.search(r"\bORDER\s+BY\b(.*?)(?:\bLIMIT\b|\bOFFSET\b|$)", text, re.I | re.S)
    return re.findall(r"\?(\w+)", match.group(1)) if match else None


def _compare(expected, got, text: str) -> tuple[int, str | None]:
    """(rows compared, None) when equal, else (0, what differs)."""
    if isinstance(expected, bool) or isinstance(expected, rdflib.Graph):
        same = expected == got if isinstance(expected, bool) else set(expected) == set(got)
        size = 1 if isinstance(expected, bool) else len(expected)
        return (size, None) if same else (0, f"expected {expected!r}, got {got!r}")
    if expected.variables != got.variables:
        return 0, f"variables {expected.variables} != {got.variables}"
    want, have = normal_rows(expected, text), normal_rows(got, text)
    if Counter(want) != Counter(have):
        missing, extra = list(Counter(want) - Counter(have)), list(Counter(have) - Counter(want))
        summary = f"{len(want)} rows expected, {len(have)} got, {len(missing)} expected ones not found"
        if missing and extra:
            differ = [f"?{n} {a!r} != {b!r}" for n, a, b in zip(expected.variables, missing[0], extra[0]) if a != b]
            return 0, f"{summary}; the first differs in {'; '.join(differ)}"
        return 0, f"{summary}; missing {missing[:2]}, unexpected {extra[:2]}"
    keys = _order_keys(text)
    if keys is not None and want != have:
        index = [expected.variables.index(k) for k in keys if k in expected.variables]
        if [tuple(r[i] for i in index) for r in want] != [tuple(r[i] for i in index) for r in have]:
            return 0, "the same rows in another order than ORDER BY asks"
    return len(want), None


# ---------------------------------------------------------------------- the comparison

@pytest.mark.parametrize("server, kind, per_param", [
    ("oxigraph", "seeds", 3), ("oxigraph", "fixture", 3),
    ("virtuoso", "seeds", 1),  # these queries take Virtuoso 1-4 s each (on 1,900 quads): one value each
])
def test_named_queries_match_the_embedded_store(server: str, kind: str, per_param: int, request, seed_store,
                                                fixture_store, seed_paths) -> None:
    store = remote(request.getfixturevalue(server))
    _load(kind, store, seed_paths)
    reference = seed_store if kind == "seeds" else fixture_store
    cases = _cases(reference, per_param)
    named = {q.name for q in queries.list_queries() if "SERVICE" not in q.text.upper()}
    assert len(named) >= 10 and {q.name for q, _ in cases} == named, "every named query runs at least once"
    compared, failures = 0, []
    for query, values in cases:
        bindings = queries.bind(query, values)
        n, problem = _compare(reference.query(query.text, bindings), store.query(query.text, bindings), query.text)
        compared += n
        if problem:
            failures.append(f"{query.name} {values}: {problem}")
    print(f"\n{server}/{kind}: {len(cases)} query cases, {compared} rows compared")
    assert not failures, "\n".join(failures)
    assert compared > 50


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_graphs_validation_and_stats_match(server: str, request, seed_store, seed_paths) -> None:
    store = remote(request.getfixturevalue(server))
    _load("seeds", store, seed_paths)
    assert store.named_graphs() == seed_store.named_graphs()
    assert len(store) == len(seed_store)
    for name in seed_store.named_graphs():
        if name != str(PROVENANCE_GRAPH):  # the run times differ: each store was ingested at its own time
            assert set(store.union([name])) == set(seed_store.union([name])), name
    mine, theirs = stats(store), stats(seed_store)
    assert mine == theirs
    shapes = load_shapes()
    local, far = validate_graph(seed_store.union(), shapes), validate_graph(store.union(), shapes)
    assert far.conforms == local.conforms and far.results == local.results
    assert isinstance(store.query("ASK { ?s a <https://kb.example.org/ontology#Claim> }"), bool)
    assert URIRef in {type(t) for row in store.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").rows for t in row}
