"""The seeds' KB conforms; each acceptance mutation of it fails, naming the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.pipeline import ingest
from kb.store import ExportFormat, Store
from kb.validate import load_shapes, validate_graph

PREFIXES = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <http://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

MUTATIONS = {
    # a claim loses its speaker
    "kbs:Claim-speaker": """
        DELETE { GRAPH ?g { ?c schema:author ?a } } WHERE {
          { SELECT ?c WHERE { GRAPH ?x { ?c a kbo:Claim ; kbo:speechAct <https://kb.example.org/ontology/act#deny> } } ORDER BY ?c LIMIT 1 }
          GRAPH ?g { ?c schema:author ?a } }""",
    # an offset shifted by one
    "kbs:TextSpan-anchor": """
        DELETE { GRAPH ?g { ?s nif:beginIndex ?b } } INSERT { GRAPH ?g { ?s nif:beginIndex ?b1 } } WHERE {
          { SELECT ?s WHERE { GRAPH ?x { ?c kbo:content ?s } } ORDER BY ?s LIMIT 1 }
          GRAPH ?g { ?s nif:beginIndex ?b } BIND(?b + 1 AS ?b1) }""",
    # an invalid date
    "kbs:Claim-dateSaid": """
        DELETE { GRAPH ?g { ?c kbo:dateSaid ?d } } INSERT { GRAPH ?g { ?c kbo:dateSaid "2017-02-30"^^xsd:date } } WHERE {
          { SELECT ?c WHERE { GRAPH ?x { ?c a kbo:Claim } } ORDER BY ?c LIMIT 1 }
          GRAPH ?g { ?c kbo:dateSaid ?d } }""",
    # a Wikidata link that is not a wd: IRI
    "kbs:WikidataLink-sameAs": """
        INSERT { GRAPH <https://kb.example.org/graph/links> { ?e owl:sameAs <https://www.wikidata.org/wiki/Q7747> } }
        WHERE { GRAPH <https://kb.example.org/graph/links> { ?e owl:sameAs <http://www.wikidata.org/entity/Q7747> } }""",
}


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.fixture
def fresh(tmp_path: Path, seed_paths) -> Store:
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    return store


def test_seed_kb_conforms(seed_store, shapes):
    report = validate_graph(seed_store.union(), shapes)
    assert report.conforms, report.to_text()


def test_mutation_count():
    assert len(MUTATIONS) == 4


@pytest.mark.parametrize("shape", sorted(MUTATIONS))
def test_mutation_fails_naming_the_rule(fresh: Store, shapes, shape: str):
    before = fresh.dump(ExportFormat.nquads)
    fresh.update(PREFIXES + MUTATIONS[shape])
    assert fresh.dump(ExportFormat.nquads) != before, "the mutation changed nothing"
    report = validate_graph(fresh.union(), shapes)
    assert not report.conforms
    named = {r.shape for r in report.results}
    assert shape in named or shape.replace("kbs:", "https://kb.example.org/shapes#") in named, named
    assert shape.split(":")[1] in report.to_text()
