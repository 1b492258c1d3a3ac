"""RDF building (golden graphs compared by isomorphism) and the store: one transaction per
article, idempotent re-ingest, bad input leaves the store as it was."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kb.errors import InputError
from kb.extract import EXTRACTOR_ID, extract
from kb.parse import parse_path
from kb.pipeline import ingest
from kb.rdf import Run, build, new_graph
from kb.store import ExportFormat, Store
from kb.vocab import NIF, SCHEMA

from conftest import FIXTURES, GOLDEN

FIXED = datetime(2026, 1, 1, tzinfo=timezone.utc)
RDF_CASES = sorted((FIXTURES / "extract").glob("*.txt"))[:3]


def graphs_for(path: Path):
    article = parse_path(path, source=path.name)[0]
    return build(article, extract(article), Run(EXTRACTOR_ID, "test", FIXED, FIXED))


def readable_diff(expected: Graph, got: Graph) -> str:
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lines = [f"- {t}" for t in sorted(only_expected)][:20] + [f"+ {t}" for t in sorted(only_got)][:20]
    return "\n".join(lines)


@pytest.mark.parametrize("path", RDF_CASES, ids=[p.stem for p in RDF_CASES])
def test_rdf_golden(path: Path, update_golden: bool):
    built = graphs_for(path)
    got = new_graph()
    for graph in (built.article, built.provenance, built.links):
        for triple in graph:
            got.add(triple)
    golden = GOLDEN / "rdf" / f"{path.stem}.ttl"
    if update_golden or not golden.exists():
        golden.write_text(got.serialize(format="longturtle"), encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written: review and commit it")
    expected = Graph().parse(golden, format="turtle")
    assert isomorphic(expected, got), readable_diff(expected, got)


def test_no_blank_nodes_and_iris_are_stable():
    first, second = graphs_for(RDF_CASES[0]), graphs_for(RDF_CASES[0])
    assert set(first.article) == set(second.article)
    for s, p, o in first.article:
        assert isinstance(s, URIRef) and not str(s).startswith("_:")


def test_spans_in_rdf_match_article_text():
    built = graphs_for(RDF_CASES[0])
    g = built.article.graph()
    text = str(next(g.objects(URIRef(built.article_iri), SCHEMA.text)))
    spans = list(g.subjects(NIF.referenceContext, URIRef(built.article_iri)))
    assert spans
    for span in spans:
        begin = int(next(g.objects(span, NIF.beginIndex)))
        end = int(next(g.objects(span, NIF.endIndex)))
        assert text[begin:end] == str(next(g.objects(span, NIF.anchorOf)))


def dump(store: Store) -> bytes:
    return b"\n".join(sorted(store.dump(ExportFormat.nquads).splitlines()))


def test_reingest_changes_nothing(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    first = ingest(store, seed_paths)
    before, count = dump(store), len(store)
    second = ingest(store, seed_paths)
    assert (first.written, second.written, second.unchanged) == (2, 0, 2)
    assert len(store) == count and dump(store) == before


def test_new_extraction_replaces_the_article_graph_whole(tmp_path: Path, seed_paths, monkeypatch):
    import kb.pipeline as pipeline

    store = Store(tmp_path / "kb")
    ingest(store, seed_paths[:1])
    claims_query = "PREFIX kbo: <https://kb.example.org/ontology#> SELECT DISTINCT ?c WHERE { ?c a kbo:Claim }"
    assert len(store.query(claims_query).rows) > 5
    monkeypatch.setattr(pipeline, "__version__", "test-next")
    monkeypatch.setattr(pipeline, "extract", lambda article: extract(article)[:1])
    result = ingest(store, seed_paths[:1])
    assert result.written == 1
    assert len(store.query(claims_query).rows) == 1
    runs = store.query("PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?r WHERE { GRAPH "
                       "<https://kb.example.org/graph/provenance> { ?g prov:wasGeneratedBy ?r } }").rows
    assert len(runs) == 1  # the old run's provenance went with its graph


def test_edited_text_is_a_new_article(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Titel\n\n2. Mai 2017\n\nDie Lage sei ernst, sagte Anna Berg.\n", encoding="utf-8")
    store = Store(tmp_path / "kb")
    ingest(store, [path])
    path.write_text("Titel\n\n2. Mai 2017\n\nDie Lage sei entspannt, sagte Anna Berg.\n", encoding="utf-8")
    ingest(store, [path])
    articles = [g for g in store.named_graphs() if "/graph/article/" in g]
    assert len(articles) == 2  # content-derived identity: both versions stay, each whole


def test_bad_input_leaves_store_as_it_was(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths[:1])
    before = dump(store)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError):
        ingest(store, [seed_paths[1], empty])
    assert dump(store) == before


def test_keep_going_skips_bad_files(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = ingest(store, [seed_paths[0], empty], keep_going=True)
    assert result.written == 1 and len(result.skipped) == 1 and "empty" in result.skipped[0]


def test_named_graphs_and_provenance(seed_store):
    graphs = seed_store.named_graphs()
    assert sum(1 for g in graphs if "/graph/article/" in g) == 2
    for name in ("provenance", "links", "ontology"):
        assert f"https://kb.example.org/graph/{name}" in graphs
    rows = seed_store.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX kbo: <https://kb.example.org/ontology#>
        SELECT ?g ?run ?tool WHERE { GRAPH <https://kb.example.org/graph/provenance> {
          ?g prov:wasGeneratedBy ?run . ?run kbo:extractorId ?tool ; prov:startedAtTime ?t } }""").rows
    assert len(rows) == 2 and all(str(r[2]) == EXTRACTOR_ID for r in rows)


def test_store_dataset_round_trip(seed_store):
    data = seed_store.dump(ExportFormat.trig)
    ds = Dataset()
    ds.parse(data=data, format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == len(seed_store)


def test_literals_survive_the_store_exactly(tmp_path: Path):
    from hypothesis import given, settings, strategies as st

    store = Store(None)

    @settings(max_examples=150, deadline=None)
    @given(st.text(), st.sampled_from([None, "de", "en-GB"]))
    def round_trip(text: str, lang):
        from rdflib import Literal as L

        g = Graph()
        literal = L(text, lang=lang)
        g.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), literal))
        store.replace_graphs({"http://example.org/g": g})
        rows = store.query("SELECT ?o WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }").rows
        assert rows == [(literal,)]

    round_trip()


def test_ask_answers_a_boolean(seed_store):
    assert seed_store.query("ASK { ?s a <https://kb.example.org/ontology#Claim> }") is True
    assert seed_store.query("ASK { <urn:kb:nothing> ?p ?o }") is False
