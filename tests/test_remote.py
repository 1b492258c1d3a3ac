"""kb.remote: the SPARQL text it sends (no server), then RemoteStore against a real Oxigraph server.

- ``with_values`` binds parameters as a VALUES block: every named query with every parameter
  gives, on the embedded engine, exactly the rows Oxigraph's own substitutions give;
- ``paged``, ``with_prefixes``, ``nt`` and ``check_literal`` on hand-written cases, and
  hypothesis for values that must survive escaping;
- against ``oxigraph serve``: writes in one request and staged in batches (both atomic there),
  graph scoping (other graphs and temporary ones stay invisible), no blank node sent, export and
  the CLI through --endpoint.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

from kb import queries
from kb.cli import app
from kb.errors import InputError, QueryError, StoreError
from kb.pipeline import ingest
from kb.remote import RemoteStore, check_literal, nt, paged, shape, with_prefixes, with_values
from kb.store import ExportFormat, Rows, Store, to_ox
from kb.vocab import GRAPH, PROVENANCE_GRAPH
from rows import normal_rows
from servers import oxigraph, remote  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]
EX = "https://kb.example.org/id/test/"
G1, G2 = f"{GRAPH}article/test1", f"{GRAPH}article/test2"


# ---------------------------------------------------------------------- SPARQL text

def test_shape_ignores_braces_and_hashes_in_iris_strings_and_comments() -> None:
    text = ('PREFIX ex: <http://x.org/a#b>\n# a comment with { and SELECT\n'
            'SELECT ?s (EXISTS { ?s ?p ?o } AS ?e) WHERE { ?s ?p "}{#" . FILTER(?s != <http://y#z>) } ORDER BY ?s')
    parts = shape(text)
    assert parts.form == "SELECT"
    assert text[parts.open:parts.close + 1].startswith('{ ?s ?p "}{#"') and text[parts.close] == "}"
    assert re.search(r"ORDER\s+BY", parts.tail)


def test_shape_skips_a_construct_template() -> None:
    text = "CONSTRUCT { ?s <urn:p> ?o } WHERE { ?s <urn:q> ?o }"
    parts = shape(text)
    assert parts.form == "CONSTRUCT" and text[parts.open:].startswith("{ ?s <urn:q>")


def test_values_go_first_in_the_where_group() -> None:
    text = "SELECT ?s ?since WHERE { ?s <urn:d> ?d FILTER(?d >= ?since) }"
    bound = with_values(text, {"since": Literal("2017-05-01", datatype=XSD.date), "s": URIRef("urn:a")})
    assert 'VALUES (?since ?s) { ("2017-05-01"^^<http://www.w3.org/2001/XMLSchema#date> <urn:a>) }' in bound
    assert bound.index("VALUES") < bound.index("?s <urn:d>")


def test_values_around_a_group_that_is_only_a_subquery() -> None:
    bound = with_values("SELECT ?x WHERE { SELECT ?x WHERE { ?x ?p ?o } }", {"x": URIRef("urn:a")})
    ox.Store().query(bound)  # parses


def _param_cases(store: Store) -> list[tuple[queries.NamedQuery, dict[str, str]]]:
    """Every named query with each of its parameters set to a value from the seeds KB."""
    claim = store.query("PREFIX kbo: <https://kb.example.org/ontology#> PREFIX schema: <http://schema.org/> "
                        "SELECT ?a ?s ?p ?d WHERE { ?c a kbo:Claim ; schema:appearance ?a ; schema:author ?s ; "
                        "kbo:dateSaid ?d ; kbo:about ?p } ORDER BY ?c LIMIT 1").rows[0]
    value = {"article": claim[0], "speaker": claim[1], "entity": claim[1], "topic": claim[2], "since": claim[3]}
    cases = []
    for query in queries.list_queries():
        if query.params and "SERVICE" not in query.text.upper():
            assert {p.name for p in query.params} <= set(value), f"{query.name}: a parameter this test does not know"
            cases.append((query, {p.name: str(value[p.name]) for p in query.params}))
    return cases


def test_values_bind_like_substitutions_for_every_named_query(seed_store: Store) -> None:
    cases = _param_cases(seed_store)
    assert len(cases) >= 6
    compared = 0
    for query, values in cases:
        bindings = queries.bind(query, values)
        expected = seed_store.query(query.text, bindings)
        got = seed_store.query(with_values(query.text, bindings))
        # the order of GROUP_CONCAT's items is the engine's choice, and may differ between plans
        assert got.variables == expected.variables, query.name
        assert normal_rows(got, query.text) == normal_rows(expected, query.text), query.name
        compared += len(expected.rows)
    assert compared > 0


def test_paged_keeps_the_query_order_then_every_variable() -> None:
    text = "PREFIX ex: <urn:x#>\nSELECT ?a ?b WHERE { ?a ex:p ?b } ORDER BY DESC(?b) # newest\n"
    page = paged(text, ["a", "b"], 40, 20)
    assert page.startswith("PREFIX ex: <urn:x#>\nSELECT * WHERE { {\nSELECT ?a ?b")
    assert page.endswith("# newest\n\n?a ?b\n} } OFFSET 40 LIMIT 20")
    ox.Store().query(page)
    assert "\nORDER BY ?a\n" in paged("SELECT ?a WHERE { ?a ?p ?o }", ["a"], 0, 5)
    with pytest.raises(StoreError, match="LIMIT"):
        paged("SELECT ?a WHERE { ?a ?p ?o } LIMIT 50", ["a"], 0, 5)


def test_with_prefixes_declares_only_what_is_missing() -> None:
    text = with_prefixes("PREFIX kbo: <urn:mine#>\nSELECT * WHERE { ?c a kbo:Claim ; schema:author ?a }")
    assert "PREFIX kbo: <https://kb.example.org/ontology#>" not in text
    assert "PREFIX schema: <http://schema.org/>" in text
    ox.Store().query(text)


def test_nt_escapes_lowercases_tags_and_refuses_blank_nodes() -> None:
    assert nt(Literal('a "b"\n{c}', lang="de-CH")) == '"a \\"b\\"\\n{c}"@de-ch'
    assert nt(URIRef("urn:a")) == "<urn:a>"
    with pytest.raises(StoreError, match="blank node"):
        nt(BNode())
    with pytest.raises(InputError):
        nt(URIRef("urn:a b"))


@pytest.mark.parametrize("value, datatype, valid", [
    ("2017-05-02", XSD.date, True), ("2017-02-30", XSD.date, False), ("2017-13-01", XSD.date, False),
    ("2017-5-2", XSD.date, False), ("2017-05-02Z", XSD.date, True), ("gestern", XSD.date, False),
    ("2017-05-02T10:00:00+02:00", XSD.dateTime, True), ("2017-05-02T25:00:00", XSD.dateTime, False),
    ("12", XSD.integer, True), ("12a", XSD.integer, False), ("x", XSD.string, True),
])
def test_check_literal(value: str, datatype: URIRef, valid: bool) -> None:
    if valid:
        check_literal(Literal(value, datatype=datatype))
    else:
        with pytest.raises(InputError, match="not a valid"):
            check_literal(Literal(value, datatype=datatype))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), st.sampled_from([None, "de", "EN-gb"]))
def test_any_string_survives_the_values_block(value: str, lang: str | None) -> None:
    term = Literal(value, lang=lang)
    rows = ox.Store().query(with_values("SELECT ?x WHERE { }", {"x": term}))
    [solution] = list(rows)
    assert solution["x"] == to_ox(Literal(value, lang=lang.lower() if lang else None))


# ---------------------------------------------------------------------- against oxigraph serve

def _graph(*triples) -> Graph:
    graph = Graph()
    for s, p, o in triples:
        graph.add((URIRef(EX + s), URIRef(EX + p), o if isinstance(o, (Literal, URIRef)) else URIRef(EX + o)))
    return graph


def _run(graph: str, run: str) -> Graph:
    """The provenance record of ``graph``: generated by ``run``, which has one property."""
    record = _graph((run, "p", "x"))
    record.add((URIRef(graph), URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"), URIRef(EX + run)))
    return record


def _count(store: RemoteStore, graph: str) -> int:
    return int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows[0][0])


def _unknown_server(store: RemoteStore) -> RemoteStore:
    """The store as if its server were neither Oxigraph nor Virtuoso: batches and a temporary graph."""
    store._server = "SomeServer/1.0"
    return store


def test_replace_in_one_request_and_staged_give_the_same_graph(oxigraph) -> None:
    big = _graph(*[(f"s{i}", "p", Literal(i)) for i in range(250)])
    for store in (remote(oxigraph), _unknown_server(remote(oxigraph, max_triples=100))):
        store.replace_graphs({G1: _graph(("old", "p", "o"))})
        store.replace_graphs({G1: big}, provenance_for=G1, provenance=_graph(("run", "p", "x")),
                             additions={G2: _graph(("link", "p", "q"))})
        assert _count(store, G1) == 250 and _count(store, G2) == 1
        assert store.graph_value(G1, EX + "s7", EX + "p") == "7"
        assert store.named_graphs() == sorted([G1, G2, str(PROVENANCE_GRAPH)])
        assert not store._select(f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH}tmp/")) }}',
                                 scoped=False), "a temporary graph was left behind"


def test_a_failed_staged_write_leaves_the_old_article(oxigraph, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _unknown_server(remote(oxigraph, max_triples=10))
    store.replace_graphs({G1: _graph(("old", "p", "o"))}, provenance_for=G1, provenance=_run(G1, "run1"))
    sent = []
    real = RemoteStore._send

    def failing(self, text, **kwargs):
        sent.append(text)
        if "MOVE" in text:  # the last request: the swap
            raise StoreError("connection lost (simulated)")
        return real(self, text, **kwargs)

    monkeypatch.setattr(RemoteStore, "_send", failing)
    with pytest.raises(StoreError, match="simulated"):
        store.replace_graphs({G1: _graph(*[(f"n{i}", "p", "o") for i in range(25)])}, provenance_for=G1,
                             provenance=_run(G1, "run2"))
    monkeypatch.undo()
    assert any("INSERT DATA" in text for text in sent), "the batches were sent before the swap"
    assert _count(store, G1) == 1 and store.graph_value(G1, EX + "old", EX + "p") == EX + "o"
    assert store.graph_value(str(PROVENANCE_GRAPH), EX + "run1", EX + "p") == EX + "x"
    store.replace_graphs({G1: _graph(*[(f"n{i}", "p", "o") for i in range(25)])}, provenance_for=G1,
                         provenance=_run(G1, "run2"))  # the next run repairs it
    assert _count(store, G1) == 25 and store.graph_value(str(PROVENANCE_GRAPH), EX + "run1", EX + "p") is None


def test_queries_see_only_kb_graphs(oxigraph) -> None:
    store = remote(oxigraph)
    store.update("INSERT DATA { GRAPH <urn:someone-else> { <urn:a> <urn:b> <urn:c> } }")
    store.update(f"INSERT DATA {{ GRAPH <{GRAPH}tmp/x> {{ <urn:a> <urn:b> <urn:c> }} }}")
    store.replace_graphs({G1: _graph(("a", "p", "o"))})
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] == Literal(1)
    assert store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows == [(URIRef(G1),)]
    assert len(store) == 1 and store.named_graphs() == [G1] and not store._dataset("ASK {}")[3]
    store.update("DROP GRAPH <urn:someone-else>")
    store.drop(f"{GRAPH}tmp/x")
    store.refresh()
    assert store._dataset("ASK {}")[3], "only kb's graphs: Oxigraph's own union is the same dataset"
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0] == Literal(1)


def test_an_empty_kb_is_an_empty_dataset(oxigraph) -> None:
    store = remote(oxigraph)
    assert store.query("ASK { ?s ?p ?o }") is False and len(store) == 0


def test_invalid_literals_and_blank_nodes_are_refused_before_sending(oxigraph) -> None:
    store = remote(oxigraph)
    with pytest.raises(InputError, match="2017-02-30"):
        store.replace_graphs({G1: _graph(("c", "dateSaid", Literal("2017-02-30", datatype=XSD.date)))})
    blank = Graph()
    blank.add((BNode(), URIRef(EX + "p"), Literal("x")))
    with pytest.raises(StoreError, match="blank node"):
        store.replace_graphs({G1: blank})
    assert store.named_graphs() == []


def test_ingest_query_and_export_match_the_embedded_store(oxigraph, seed_store: Store, seed_paths) -> None:
    store = remote(oxigraph)
    result = ingest(store, seed_paths)
    assert result.written == 2
    again = ingest(store, seed_paths)
    assert again.written == 0 and again.unchanged == 2
    assert len(store) == len(seed_store) and store.named_graphs() == seed_store.named_graphs()
    graphs = [g for g in seed_store.named_graphs() if g != str(PROVENANCE_GRAPH)]  # provenance holds run times
    for name in graphs:
        assert set(store.union([name])) == set(seed_store.union([name])), name
    exported = ox.Dataset(ox.parse(store.dump(ExportFormat.nquads), format=ox.RdfFormat.N_QUADS))
    assert len(exported) == len(seed_store)


def test_cli_with_endpoint(oxigraph, seed_paths, tmp_path: Path) -> None:
    remote(oxigraph)
    env = {"KB_ENDPOINT": oxigraph.query_url, "KB_STORE": str(tmp_path / "unused"), "KB_DEBUG": None}
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", *map(str, seed_paths)], env=env)
    assert result.exit_code == 0, result.output
    assert oxigraph.query_url in result.stderr
    result = runner.invoke(app, ["query", "cross_article_claims", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]["bindings"]) >= 1
    result = runner.invoke(app, ["validate"], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["stats", "--endpoint", oxigraph.query_url], env={"KB_ENDPOINT": None})
    assert result.exit_code == 0 and "claims" in result.stdout
    assert not (tmp_path / "unused").exists(), "--endpoint must not create a local store"


def test_cli_errors_name_the_endpoint(oxigraph) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--endpoint", "http://127.0.0.1:9/sparql"], env={"KB_DEBUG": None})
    assert result.exit_code == StoreError.exit_code
    assert result.stderr.startswith("error: cannot reach the SPARQL endpoint http://127.0.0.1:9/sparql")
    result = runner.invoke(app, ["query", "-e", "SELECT WHERE {", "--endpoint", oxigraph.query_url],
                           env={"KB_DEBUG": None})
    assert result.exit_code == QueryError.exit_code, result.output
    assert result.stderr.startswith("error: ")


def test_rows_are_rdflib_terms_like_the_embedded_store(oxigraph) -> None:
    store = remote(oxigraph)
    store.replace_graphs({G1: _graph(("a", "label", Literal("Putin", lang="DE")), ("a", "n", Literal(3)),
                                     ("a", "s", Literal("plain")))})
    rows = store.query("SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p")
    assert isinstance(rows, Rows)
    assert [o for _, o in rows.rows] == [Literal("Putin", lang="de"), Literal(3), Literal("plain")]


# ---------------------------------------------------------------------- the fixtures themselves

@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_a_missing_server_fails_under_ci_and_skips_locally(ci: str, outcome, request, monkeypatch) -> None:
    import servers

    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(servers.shutil, "which", lambda name: None)
    with pytest.raises(outcome, match="virtuoso-t is not installed"):
        servers._start("virtuoso-missing", request, servers.start_virtuoso)
