"""Virtuoso's traps, each shown on a real Virtuoso 7 (the raw answer) and then handled by kb.remote.

- ResultSetMaxRows silently truncates (only an ``X-SPARQL-MaxRows`` header says so): kb pages;
- at its time limit Virtuoso answers 200 with partial results (``X-SQL-State: S1TAT``): kb fails;
- its default graph is the union of every graph, its own system graphs included: kb scopes;
- it lower-cases language tags: kb lower-cases before writing (Oxigraph does too), so all agree;
- it accepts an invalid xsd:date: kb refuses the literal before sending anything;
- several operations in one update request are not one transaction: kb writes the provenance
  record last, so a failure leaves the article to be rewritten by the next ingest;
- /sparql-auth speaks Digest only.
The test server (tests/servers.py) runs with ResultSetMaxRows = 20.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

import kb.remote
from kb.errors import InputError, QueryError, StoreError
from kb.remote import RemoteStore
from kb.store import Store
from kb.vocab import GRAPH, PROV, PROVENANCE_GRAPH
from servers import VIRTUOSO_MAX_ROWS, remote, virtuoso  # noqa: F401 - a fixture

EX = "https://kb.example.org/id/test/"
G1 = f"{GRAPH}article/virtuoso1"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) != STR(?i)) }"


def _raw(server, query: str, **params) -> tuple[dict, dict]:
    """The public endpoint's own answer: (headers, SPARQL JSON)."""
    data = urllib.parse.urlencode({"query": query, **params}).encode()
    request = urllib.request.Request(server.extra["public"], data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, json.loads(response.read())


def _graph(n: int) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"{EX}s{i:03d}"), URIRef(EX + "p"), Literal(i)))
    return graph


def test_truncated_results_are_paged(virtuoso) -> None:
    store = remote(virtuoso)
    store.replace_graphs({G1: _graph(57)})
    text = f"SELECT ?s ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} ORDER BY DESC(?o)"
    headers, raw = _raw(virtuoso, text)
    assert headers["x-sparql-maxrows"] == str(VIRTUOSO_MAX_ROWS)
    assert len(raw["results"]["bindings"]) == VIRTUOSO_MAX_ROWS  # the trap: 20 of 57, and a 200
    rows = store.query(text).rows
    assert [int(o) for _, o in rows] == list(range(56, -1, -1))
    assert len(store.query(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}").rows) == 57  # no ORDER BY
    assert len(store.union([G1])) == 57


def test_truncated_graphs_are_built_from_pages(virtuoso) -> None:
    store = remote(virtuoso)
    store.replace_graphs({G1: _graph(57)})
    text = f"CONSTRUCT {{ ?s <{EX}q> ?o ; a <{EX}T> }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    _, body = store._send(text, graph=True)
    assert len(body.strip().splitlines()) <= VIRTUOSO_MAX_ROWS + 2  # the trap: about 20 of 114, no header
    graph = store.query(text)
    assert len(graph) == 114 and len(set(graph.subjects())) == 57
    with pytest.raises(QueryError, match="DESCRIBE"):
        store.query(f"DESCRIBE <{EX}s001>")


def test_truncation_that_cannot_be_paged_is_an_error(virtuoso) -> None:
    store = remote(virtuoso)
    store.replace_graphs({G1: _graph(57)})
    with pytest.raises(StoreError, match="LIMIT"):
        store.query(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} LIMIT 40")


def test_partial_results_at_the_time_limit_are_an_error(virtuoso) -> None:
    store = remote(virtuoso, timeout=0.2)
    store.replace_graphs({G1: _graph(600)})
    headers, _ = _raw(virtuoso, HEAVY, timeout="200", **{"default-graph-uri": G1})
    assert headers.get("x-sql-state") == "S1TAT"  # the trap: a 200 with whatever was counted so far
    with pytest.raises(StoreError, match="partial results"):
        store.query(HEAVY)


def test_queries_see_only_kb_graphs_not_virtuosos_own(virtuoso) -> None:
    store = remote(virtuoso)
    _, raw = _raw(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(raw["results"]["bindings"][0]["n"]["value"]) > 1000  # the trap: system graphs, OWL itself
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] == Literal(0)
    store.replace_graphs({G1: _graph(3)})
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] == Literal(3)
    assert store.query("ASK { ?class a <http://www.w3.org/2002/07/owl#Class> }") is False
    assert store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows == [(URIRef(G1),)]


def test_many_kb_graphs_are_scoped_by_excluding_the_others(virtuoso) -> None:
    store = remote(virtuoso)
    names = [f"{GRAPH}article/many{i}" for i in range(8)]
    for name in names:
        store.replace_graphs({name: _graph(3)})
    store.update("INSERT DATA { GRAPH <urn:kb-test:foreign> { <urn:a> <urn:b> <urn:c> } }")
    try:
        text, default, named, _ = store._dataset("ASK {}")
        assert text.startswith("DEFINE input:default-graph-exclude") and not default and not named
        assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] == Literal(24)
        graphs = store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g").rows
        assert [str(g) for (g,) in graphs] == sorted(names)
    finally:
        store.update("DROP SILENT GRAPH <urn:kb-test:foreign>")


def test_language_tags_agree_with_the_embedded_store(virtuoso) -> None:
    store = remote(virtuoso)
    store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}raw> "Putin"@DE-CH }} }}')
    [(raw,)] = store.query(f"SELECT ?l WHERE {{ <{EX}a> <{EX}raw> ?l }}").rows
    assert raw.language == "de-ch"  # the trap: Virtuoso lower-cases what it was sent
    graph = Graph()
    graph.add((URIRef(EX + "a"), URIRef(EX + "label"), Literal("Putin", lang="DE-CH")))
    store.replace_graphs({G1: graph})
    embedded = Store()
    embedded.replace_graphs({G1: graph})
    query = f'SELECT ?l WHERE {{ <{EX}a> <{EX}label> ?l FILTER(LANG(?l) = "de-ch") }}'
    assert store.query(query).rows == embedded.query(query).rows == [(Literal("Putin", lang="de-ch"),)]


def test_invalid_dates_are_refused_before_sending(virtuoso) -> None:
    store = remote(virtuoso)
    store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX}c> <{EX}raw> "2017-02-30"^^<{XSD.date}> }} }}')
    [(raw,)] = store.query(f"SELECT ?d WHERE {{ <{EX}c> <{EX}raw> ?d }}").rows
    assert str(raw) == "2017-02-30"  # the trap: Virtuoso stored a date that does not exist
    graph = Graph()
    graph.add((URIRef(EX + "c"), URIRef(EX + "dateSaid"), Literal("2017-02-30", datatype=XSD.date)))
    before = len(store)
    with pytest.raises(InputError, match="not a valid xsd:date"):
        store.replace_graphs({G1: graph})
    assert len(store) == before


def test_digest_authentication(virtuoso) -> None:
    with pytest.raises(StoreError, match="refused the request \\(401\\)"):
        RemoteStore(virtuoso.query_url, user="dba", password="wrong").update(
            f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    with pytest.raises(StoreError):  # the public endpoint does not let anyone write
        RemoteStore(virtuoso.extra["public"]).update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    store = remote(virtuoso)
    for _ in range(8):  # urllib's Digest handler gave up after six failed requests: kb resets it
        with pytest.raises(StoreError):
            store.update("DROP GRAPH <urn:kb-test:never-created>")
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}a> <{EX}b> <{EX}c> }} }}")
    assert len(store) == 1


def _record(run: str) -> Graph:
    graph = Graph()
    graph.add((URIRef(G1), PROV.wasGeneratedBy, URIRef(EX + run)))
    graph.add((URIRef(EX + run), URIRef(EX + "p"), Literal(run)))
    return graph


def test_the_provenance_record_is_written_last(virtuoso, monkeypatch: pytest.MonkeyPatch) -> None:
    store = remote(virtuoso)
    with pytest.raises(StoreError):  # the trap: the first operation stays applied
        store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX}x> <{EX}y> <{EX}z> }} }} ; "
                     "DROP GRAPH <urn:kb-test:never-created>")
    assert store.graph_value(G1, EX + "x", EX + "y") == EX + "z"

    store.replace_graphs({G1: _graph(2)}, provenance_for=G1, provenance=_record("run1"))
    real = kb.remote._provenance_ops
    monkeypatch.setattr(kb.remote, "_provenance_ops",
                        lambda graph, record: ["DROP GRAPH <urn:kb-test:never-created>", *real(graph, record)])
    with pytest.raises(StoreError):
        store.replace_graphs({G1: _graph(5)}, provenance_for=G1, provenance=_record("run2"))
    monkeypatch.undo()
    was = str(PROV.wasGeneratedBy)
    assert store.graph_value(str(PROVENANCE_GRAPH), G1, was) == EX + "run1"  # ingest will rewrite it
    store.replace_graphs({G1: _graph(5)}, provenance_for=G1, provenance=_record("run2"))
    assert store.graph_value(str(PROVENANCE_GRAPH), G1, was) == EX + "run2"
    assert store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}").rows[0][0] == Literal(5)
    assert store.query(f"ASK {{ GRAPH <{PROVENANCE_GRAPH}> {{ <{EX}run1> ?p ?o }} }}") is False
