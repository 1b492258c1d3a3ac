"""Scored similarity links between claims of different articles (kb.similarity, kb similar)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import OWL

from kb.similarity import ClaimFeatures, materialise, similar, words
from kb.store import Store
from kb.validate import load_shapes, validate_graph
from kb.vocab import KBO, SIMILARITY_GRAPH

from conftest import FIXTURES


def feature(claim, article, text, entities=(), propositions=(), relations=()):
    return ClaimFeatures(claim, article, words(text), set(entities), set(propositions), set(relations))


def test_words_are_cut_content_words():
    assert words("Die Staatschefs telefonierten über den Syrienkonflikt") == {"staats", "telefo", "syrien"}


def test_pairs_need_different_articles_and_no_shared_proposition():
    claims = [
        feature("c1", "a1", "Tillerson verhandelte in Moskau", {"tillerson", "moscow"}),
        feature("c2", "a2", "Tillerson besuchte Moskau im April", {"tillerson", "moscow"}),
        feature("c3", "a1", "Tillerson besuchte Moskau im April", {"tillerson", "moscow"}),
        feature("c4", "a3", "Tillerson besuchte Moskau", {"tillerson", "moscow"}, {"p1"}),
        feature("c5", "a4", "Tillerson besuchte Moskau", {"tillerson", "moscow"}, {"p1"}),
        feature("c6", "a5", "Das Wetter in Hamburg war schlecht", {"hamburg"}),
    ]
    pairs = {frozenset((l.a, l.b)) for l in similar(claims, 0.3)}
    assert frozenset(("c1", "c2")) in pairs
    assert frozenset(("c1", "c3")) not in pairs  # same article
    assert frozenset(("c4", "c5")) not in pairs  # already one proposition
    assert not any("c6" in p for p in pairs)


def test_threshold_orders_links():
    claims = [feature("a", "x", "Putin bestreitet die Einmischung in die Wahl", {"putin", "russia"}, (), {"interfere"}),
              feature("b", "y", "Putin bestreitet jede Einmischung", {"putin", "russia"}, (), {"interfere"}),
              feature("c", "z", "Putin besucht Hamburg", {"putin", "hamburg"})]
    low = similar(claims, 0.0)
    high = similar(claims, 0.6)
    assert {frozenset((l.a, l.b)) for l in high} <= {frozenset((l.a, l.b)) for l in low}
    best = max(low, key=lambda l: l.score)
    assert {best.a, best.b} == {"a", "b"}
    assert all(0 <= l.score <= 1 for l in low)


@pytest.fixture
def seeded(tmp_path: Path, seed_paths) -> Store:
    from kb.pipeline import ingest

    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    return store


def test_materialise_writes_scored_links_never_same_as(seeded: Store):
    links = materialise(seeded, 0.2)
    graph = seeded.union([str(SIMILARITY_GRAPH)])
    assert len(list(graph.subjects(predicate=None, object=KBO.SimilarityLink))) == len(links)
    assert not list(graph.triples((None, OWL.sameAs, None)))
    for node in graph.subjects(object=KBO.SimilarityLink):
        assert len(list(graph.objects(node, KBO.linkedClaim))) == 2
        assert 0.2 <= float(next(graph.objects(node, KBO.score))) <= 1
    again = materialise(seeded, 0.9)  # replaced whole, not added to
    after = seeded.union([str(SIMILARITY_GRAPH)])
    assert len(list(after.subjects(object=KBO.SimilarityLink))) == len(again) < len(links)
    report = validate_graph(seeded.union(), load_shapes())
    assert report.conforms, report.to_text()


def test_gold_file_is_well_formed():
    rows = [line.split("\t") for line in (FIXTURES / "similarity" / "gold.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) >= 10 and all(len(r) == 5 for r in rows)
