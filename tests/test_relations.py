"""Relations between claims over time: queries/claim_relations.rq (a CONSTRUCT), materialised by
`kb relations` into kbg:relations (replaced whole), and in step with speaker_consistency.

Fixture (kb.trig + tracking.trig): Putin denies P1 (C13, 05-01) and again (C21, 07-07): a repeat;
US intelligence asserts P1 (C12): it contradicts both denials; Trump announces the meeting P2 (C11,
05-02) and later says there will be none (C23, 07-08): a reversal; the outlet reports the meeting
held (C31, 07-07): it follows up C11 and contradicts C23.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from tracking_kb import C, QUERY_DIR, fixture_graphs, fixture_store, kb

from kb import queries
from kb.relations import materialise
from kb.store import Rows, Store
from kb.vocab import KBO, RELATIONS_GRAPH

EXPECTED = {
    (C[21], "repeats", C[13]),
    (C[23], "reverses", C[11]),
    (C[12], "contradicts", C[13]), (C[13], "contradicts", C[12]),
    (C[12], "contradicts", C[21]), (C[21], "contradicts", C[12]),
    (C[31], "contradicts", C[23]), (C[23], "contradicts", C[31]),
    (C[31], "followsUp", C[11]),
}


def _triples(graph: Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p).rsplit("#", 1)[-1], str(o)) for s, p, o in graph}


def test_claim_relations_query():
    result = queries.run(fixture_store(), queries.get_query("claim_relations", QUERY_DIR), {})
    assert isinstance(result, Graph)
    assert _triples(result) == EXPECTED


def test_claim_relations_on_kb_trig_alone():
    """No report of the meeting: no follow-up; the outlet's C24 has no proposition: no relation."""
    result = queries.run(fixture_store(None, "kb.trig"), queries.get_query("claim_relations", QUERY_DIR), {})
    assert _triples(result) == {t for t in EXPECTED if C[31] not in t}


def test_repeats_chain_to_the_next_date_only():
    store = fixture_store()
    third = Graph()
    for s, p, o in fixture_graphs("kb.trig")["https://kb.example.org/graph/article/b2b2b2b2b2b2b2b2"]:
        if str(s) == C[21]:  # a copy of Putin's denial, said a month later
            o = o if str(p) != str(KBO.dateSaid) else o.__class__("2017-08-07", datatype=o.datatype)
            third.add((URIRef(C[21] + "x"), p, o))
    store.replace_graphs({"https://kb.example.org/graph/article/d4": third})
    found = _triples(queries.run(store, queries.get_query("claim_relations", QUERY_DIR), {}))
    assert {t for t in found if t[1] == "repeats"} == {(C[21], "repeats", C[13]), (C[21] + "x", "repeats", C[21])}


def test_materialise_replaces_the_relations_graph_whole():
    store = fixture_store()
    counts = materialise(store)
    assert counts == {"repeats": 1, "reverses": 1, "contradicts": 6, "followsUp": 1}
    relations = store.union([str(RELATIONS_GRAPH)])
    assert _triples(relations) == EXPECTED
    size = len(store)
    assert materialise(store) == counts and len(store) == size  # a re-run changes nothing
    store.drop("https://kb.example.org/graph/article/c3c3c3c3c3c3c3c3")
    assert materialise(store) == {"repeats": 1, "reverses": 1, "contradicts": 4, "followsUp": 0}
    assert _triples(store.union([str(RELATIONS_GRAPH)])) == {t for t in EXPECTED if C[31] not in t}


def test_relations_agree_with_speaker_consistency():
    store = fixture_store()
    materialise(store)
    rows = queries.run(store, queries.get_query("speaker_consistency", QUERY_DIR), {})
    assert isinstance(rows, Rows)
    i = {name: rows.variables.index(name) for name in ("pattern", "earlierClaim", "laterClaim")}
    pairs = {(str(r[i["laterClaim"]]), {"repeat": "repeats", "reversal": "reverses"}[str(r[i["pattern"]])],
              str(r[i["earlierClaim"]])) for r in rows.rows}
    assert pairs == {t for t in EXPECTED if t[1] in ("repeats", "reverses")}


def test_kb_relations_command(tmp_path):
    path = tmp_path / "kb"
    store = fixture_store(path)
    del store
    result = kb("relations", "--store", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["repeats\t1", "reverses\t1", "contradicts\t6", "followsUp\t1"]
    listed = kb("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH kbg:relations { ?a ?r ?b } }",
                "--format", "csv", "--store", path)
    assert listed.stdout.split() == ["n", "9"]


def test_kb_relations_needs_a_store(tmp_path):
    result = kb("relations", "--store", tmp_path / "absent")
    assert result.exit_code == 6 and result.stderr.startswith("error: no knowledge base")


@pytest.fixture(scope="module")
def seed_relations(seed_store) -> Graph:
    store = Store()
    store.replace_graphs({g: seed_store.union([g]) for g in seed_store.named_graphs()})
    materialise(store)
    return store


def test_seed_relations_hold_their_definitions(seed_relations):
    """Whatever the extractor finds in the seeds, every materialised relation obeys its definition."""
    store = seed_relations
    check = """
    PREFIX kbo: <https://kb.example.org/ontology#>
    PREFIX schema: <http://schema.org/>
    SELECT DISTINCT ?a ?relation ?b ?sa ?sb ?pa ?pb ?da ?db WHERE {
      GRAPH kbg:relations { ?a ?relation ?b }
      ?a schema:author ?sa ; kbo:polarity ?pa ; kbo:dateSaid ?da .
      ?b schema:author ?sb ; kbo:polarity ?pb ; kbo:dateSaid ?db .
      FILTER EXISTS { ?a kbo:about ?p . ?b kbo:about ?p }
    }"""
    rows = store.query(check).rows
    assert len(rows) == len(store.union([str(RELATIONS_GRAPH)])), "a relation between claims with no shared proposition"
    for a, relation, b, sa, sb, pa, pb, da, db in rows:
        name = str(relation).rsplit("#", 1)[-1]
        if name in ("repeats", "reverses"):
            assert sa == sb and da > db and (pa == pb) == (name == "repeats")
        elif name == "contradicts":
            assert sa != sb and pa != pb
        else:
            assert name == "followsUp" and da > db
    assert any(str(r[1]).endswith("contradicts") for r in rows), "the seeds' interference claims contradict"
