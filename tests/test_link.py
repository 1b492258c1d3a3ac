"""The Wikidata linker without a network: kb.link's decisions on small in-memory sources, the
shipped seed (built only from seed-entities.tsv), offline linking on ingest, the links graph and
its records, the SPARQL text the client would send, and `kb link --offline`.

Tests against a real SPARQL server (the fixture with distractors, 429, slow and down servers)
are in tests/test_link_server.py.
"""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import OWL, SKOS

from kb import link as linker
from kb.errors import StoreError
from kb.link import Item, Position, Request, decide
from kb.pipeline import ingest, link_entities
from kb.rdf import links_graph
from kb.store import ExportFormat, Store
from kb.validate import load_shapes, validate_graph
from kb.wikidata import SEED_PATH, WikidataError, build_query, literal, parse_results, parse_retry_after, Seed

from conftest import run_kb

ROOT = Path(__file__).resolve().parents[1]
SEED_TSV = ROOT.parent / "shared" / "data" / "wikidata" / "seed-entities.tsv"
MENTIONS = ROOT / "tests" / "fixtures" / "link" / "mentions.tsv"
SAME_STORY = ROOT.parent / "shared" / "data" / "same-story"
LINKS = "https://kb.example.org/graph/links"
WD = "http://www.wikidata.org/entity/"
# What offline ingest of seeds/ must link (entity key -> verified QID from seed-entities.tsv).
SEED_LINKS = {
    "vladimir-putin": "Q7747", "donald-trump": "Q22686", "russia": "Q159", "united-states": "Q30",
    "hamburg": "Q1055", "moscow": "Q649", "washington-dc": "Q61", "white-house": "Q35525",
    "us-election-2016": "Q699872", "north-korea": "Q423", "china": "Q148", "ukraine": "Q212", "syria": "Q858",
    "rt": "Q22868", "un-security-council": "Q37470", "us-department-of-justice": "Q1553390",
    "deutsche-welle": "Q153770", "islamic-state": "Q2429253",
}


class Facts:
    """An in-memory Source: text -> QIDs, QID -> Item."""

    name = "urn:test:facts"

    def __init__(self, items: list[Item], unanswered: tuple[str, ...] = ()):
        self.items = {i.qid: i for i in items}
        self.unanswered = unanswered
        self.requests = 0

    def prefetch(self, texts) -> int:
        return 0

    def candidates(self, text: str):
        if text in self.unanswered:
            return None
        return tuple(q for q, i in self.items.items() if text in (*i.labels, *i.aliases, *i.metonyms))

    def item(self, qid: str):
        return self.items.get(qid)


def _seed_qids() -> set[str]:
    return {line.split("\t")[0] for line in SEED_TSV.read_text(encoding="utf-8").splitlines()[1:] if line.strip()}


def _links(store: Store) -> dict[str, tuple[str, str]]:
    rows = store.query(f"""PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?e ?p ?q WHERE {{ GRAPH <{LINKS}> {{ ?e ?p ?q FILTER(?p IN (owl:sameAs, skos:closeMatch)) }} }}""").rows
    return {str(e).rsplit("/", 1)[-1]: (str(p).rsplit("#", 1)[-1], str(q)[len(WD):]) for e, p, q in rows}


def _kb(*args: object):
    return run_kb(*args)


# ---------------------------------------------------------------------------- the shipped seed

def test_seed_holds_only_seed_list_qids():
    data = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    assert len(data["items"]) == 30
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in data["items"])
    assert {q for q, i in data["items"].items() if i["status"] == "likely"} == {"Q19771"}
    if SEED_TSV.exists():
        assert set(data["items"]) == _seed_qids()


@pytest.mark.skipif(not SEED_TSV.exists(), reason="../shared/data/wikidata/seed-entities.tsv is absent")
def test_seed_is_built_from_the_tsv():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_wikidata_seed.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_seed_type_hints_and_metonyms():
    seed = Seed()
    assert seed.candidates("Moskau") == ("Q159", "Q649")  # the city, and Russia by metonymy
    assert seed.item("Q159").metonyms == ("Moskau",) and seed.item("Q159").kinds == ("country",)
    assert seed.item("Q649").kinds == ("city",) and seed.item("Q7747").kinds == ("person",)
    assert seed.item("Q1858").kinds == ()  # nothing in the row says what Hanoi is
    assert seed.candidates("nowhere") == ()


def test_mentions_gold_is_from_the_seed_list_and_spans_match():
    from kb.parse import parse_path

    data = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    rows = [line.split("\t") for line in MENTIONS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("article\t")]
    assert len(rows) >= 150
    assert {r[9] for r in rows} - {"NIL"} <= set(data["items"])
    checked = 0
    for name in sorted({r[0] for r in rows}):
        path = ROOT / "seeds" / name if (ROOT / "seeds" / name).exists() else SAME_STORY / name
        if not path.exists():
            continue
        text = parse_path(path, str(path))[0].text
        for r in (r for r in rows if r[0] == name):
            assert text[int(r[2]):int(r[3])] == r[4], r
            checked += 1
    assert checked >= 100


# ---------------------------------------------------------------------------- decisions

PUTIN = Item("Q7747", labels=("Wladimir Putin",), aliases=("Putin",), classes=("human",), born="1952-10-07",
             positions=(Position("President of Russia", "2012-05-07T00:00:00Z"),), sitelinks=250)
NAMESAKE = Item("Q900000203", labels=("Wladimir Putin",), classes=("human",), born="1801-01-01", died="1870-01-01",
                sitelinks=2)
SURNAME = Item("Q900000201", labels=("Putin",), classes=("family name",), sitelinks=20)
WHEN = date(2017, 5, 2)


def test_distractors_rejected_by_type_and_date():
    link = decide(Request("putin", "person", ("Wladimir Putin", "Putin"), WHEN), Facts([PUTIN, NAMESAKE, SURNAME]))
    assert link.status == "accepted" and link.qid == "Q7747"
    assert any("in office on 2017-05-02: President of Russia" in r for r in link.candidates[0].reasons)
    only_bad = decide(Request("putin", "person", ("Wladimir Putin", "Putin"), WHEN), Facts([NAMESAKE, SURNAME]))
    assert only_bad.status == "none"
    # the namesake was alive in 1850: then he is the only candidate
    assert decide(Request("p", "person", ("Wladimir Putin",), date(1850, 1, 1)), Facts([PUTIN, NAMESAKE])).qid == "Q900000203"


def test_equal_candidates_stay_for_review():
    a = Item("Q900000261", labels=("Dmitri Peskow",), classes=("human",), sitelinks=30)
    b = Item("Q900000262", labels=("Dmitri Peskow",), classes=("human",), sitelinks=24)
    link = decide(Request("peskov", "person", ("Dmitri Peskow",), WHEN), Facts([a, b]))
    assert link.status == "review" and link.qid is None
    assert [c.qid for c in link.candidates] == ["Q900000261", "Q900000262"]
    assert all("not accepted: ambiguous" in c.reasons[-1] for c in link.candidates)


def test_likely_qid_is_never_accepted():
    g20 = Item("Q19771", labels=("G20",), kinds=("organization",), status="likely")
    link = decide(Request("g20", "organization", ("G20",), WHEN), Facts([g20]))
    assert link.status == "review" and link.candidates[0].score >= 0.72
    assert "not accepted: likely QID" in link.candidates[0].reasons[-1]


def test_metonym_names_an_actor_not_a_place():
    russia = Item("Q159", labels=("Russia",), metonyms=("Moskau",), kinds=("country",))
    moscow = Item("Q649", labels=("Moscow",), aliases=("Moskau",), kinds=("city",))
    facts = Facts([russia, moscow])
    assert decide(Request("moscow", "city", ("Moskau",), WHEN), facts).qid == "Q649"
    alone = decide(Request("russia", "country", ("Moskau",), WHEN), facts)  # a metonym alone is a hint
    assert alone.status == "review" and [c.qid for c in alone.candidates] == ["Q159"]
    assert decide(Request("russia", "country", ("Russland", "Moskau"), WHEN, surfaces=1),
                  Facts([Item("Q159", labels=("Russland",), metonyms=("Moskau",), kinds=("country",)), moscow])).qid == "Q159"


def test_context_and_prominence():
    city = Item("Q1055", labels=("Hamburg",), classes=("city",), descriptions=("city in northern Germany",), sitelinks=240)
    town = Item("Q900000221", labels=("Hamburg",), classes=("town in the United States",),
                descriptions=("town in Erie County, New York, United States",), sitelinks=25)
    usa = (("Vereinigte Staaten", "United States"),)
    link = decide(Request("hamburg", "city", ("Hamburg",), WHEN, usa), Facts([city, town]))
    assert link.qid == "Q1055"
    small = Item("Q1055", labels=("Hamburg",), classes=("city",), sitelinks=26)
    assert decide(Request("hamburg", "city", ("Hamburg",), WHEN, usa), Facts([small, town])).status == "review"


def test_unanswered_text_is_pending_and_unlinkable_types_are_skipped():
    facts = Facts([PUTIN], unanswered=("Putin",))
    assert decide(Request("putin", "person", ("Wladimir Putin", "Putin"), WHEN), facts).status == "pending"
    assert decide(Request("a+b", "group", ("A und B",), WHEN), facts).status == "skipped"
    assert decide(Request("terror", "concept", ("Terrorismus",), WHEN), facts).status == "skipped"
    assert decide(Request("b634d609-erklarung", "document", ("Erklärung",), WHEN), facts).status == "skipped"
    assert linker.texts([Request("x", "person", ("Putin", "russische", "P", "Putin"))]) == ["Putin"]


def test_link_combines_the_articles_of_an_entity():
    agree = [Request("putin", "person", ("Wladimir Putin",), WHEN), Request("putin", "person", ("Wladimir Putin",), date(2018, 7, 16))]
    (link,) = linker.link(agree, Facts([PUTIN, NAMESAKE]))
    assert link.status == "accepted" and link.qid == "Q7747"
    # one kb entity, two people: 1850 can only be the namesake, 2017 only the president
    disagree = [Request("putin", "person", ("Wladimir Putin",), date(1850, 1, 1)), agree[0]]
    (link,) = linker.link(disagree, Facts([PUTIN, NAMESAKE]))
    assert link.status == "review" and {c.qid for c in link.candidates} == {"Q7747", "Q900000203"}


# ---------------------------------------------------------------------------- the client's text

@pytest.mark.parametrize("text", ['x" } ; DROP ALL ; #', "back\\slash", "new\nline", "tab\tand \x01 control", "„Zitat“ ✓"])
def test_values_are_escaped_literals(text: str):
    query = build_query([text, "Putin"])
    assert literal(text, "de") in query
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(WD + "Q1"), pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                              pyoxigraph.Literal(text, language="de")))
    rows = list(store.query(query))  # parses, and the literal is the same string again
    assert {r["text"].value for r in rows} == {text}


def test_retry_after_values():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait


def test_results_without_bindings_are_an_error_and_empty_answers_are_explicit():
    with pytest.raises(WikidataError, match="without SPARQL results"):
        parse_results({"head": {}}, ["Putin"])
    answers, items = parse_results({"head": {"vars": []}, "results": {"bindings": []}}, ["Putin", "Trump"])
    assert answers == {"Putin": (), "Trump": ()} and items == {}


# ---------------------------------------------------------------------------- offline ingest


def test_offline_ingest_links_the_seeds(seed_store: Store):
    links = _links(seed_store)
    assert {k: q for k, (p, q) in links.items() if p == "sameAs"} == SEED_LINKS
    assert links["g20"] == ("closeMatch", "Q19771")  # the seed list's only "likely" QID
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for _, q in links.values())


def test_offline_links_cover_every_lexicon_qid(seed_paths):
    from kb.pipeline import extract_paths

    wanted = {}
    for _, claims in extract_paths(seed_paths):
        for claim in claims:
            for entity in (claim.speaker, *(m.entity for m in claim.mentions)):
                if entity.wikidata:
                    wanted[entity.key] = entity.wikidata
    assert wanted and {k: v for k, v in wanted.items() if k != "g20"}.items() <= SEED_LINKS.items()


def test_link_records_carry_score_and_provenance(seed_store: Store):
    rows = seed_store.query(f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?record ?score ?time ?used ?comment WHERE {{ GRAPH <{LINKS}> {{
          ?record owl:annotatedSource <https://kb.example.org/id/entity/vladimir-putin> ;
                  owl:annotatedTarget <{WD}Q7747> ; <https://w3id.org/sssom/confidence> ?score ;
                  prov:generatedAtTime ?time ; prov:wasGeneratedBy ?run ;
                  <http://www.w3.org/2000/01/rdf-schema#comment> ?comment .
          ?run prov:used ?used }} }}""").rows
    assert len(rows) == 1
    record, score, _, used, comment = rows[0]
    assert str(record).startswith("https://kb.example.org/id/link/") and 0.72 <= float(score) <= 1
    assert str(used).startswith("urn:kb:wikidata-seed:") and "type person" in str(comment)


def test_seed_kb_with_links_conforms(seed_store: Store):
    report = validate_graph(seed_store.union(), load_shapes())
    assert report.conforms, report.to_text()


def test_relinking_changes_nothing(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    before = sorted(store.dump(ExportFormat.nquads).splitlines())
    result = link_entities(store, Seed())
    assert result.accepted == len(SEED_LINKS) and result.review == 1 and result.requests == 0
    assert sorted(store.dump(ExportFormat.nquads).splitlines()) == before
    again = ingest(store, seed_paths)
    assert again.written == 0 and again.links is None
    assert sorted(store.dump(ExportFormat.nquads).splitlines()) == before


def test_a_link_without_new_evidence_is_kept(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    empty = Facts([])
    result = link_entities(store, empty)
    assert result.accepted == 0 and result.none == result.entities
    assert _links(store)["vladimir-putin"] == ("sameAs", "Q7747")


def test_links_graph_has_no_blank_nodes_and_stable_records():
    link = decide(Request("vladimir-putin", "person", ("Wladimir Putin",), WHEN), Facts([PUTIN]))
    first, second = links_graph([link], "0.1.0"), links_graph([link], "0.1.0")
    assert set(first) == set(second)
    assert not any(isinstance(t, BNode) for triple in first for t in triple)
    assert (URIRef("https://kb.example.org/id/entity/vladimir-putin"), OWL.sameAs, URIRef(WD + "Q7747")) in first
    review = linker.Link("g20", "review", (linker.Candidate("Q19771", 0.8, ("x",), "likely", "2026-01-01T00:00:00Z"),), "urn:x")
    assert (URIRef("https://kb.example.org/id/entity/g20"), SKOS.closeMatch, URIRef(WD + "Q19771")) in links_graph([review], "0.1.0")


def test_article_graphs_carry_no_links():
    from kb.extract import extract
    from kb.parse import parse_path
    from kb.rdf import Run, build

    article = parse_path(ROOT / "seeds" / "003_9c67c43394bfd5ff.txt", "003.txt")[0]
    built = build(article, extract(article), Run("x", "test", __import__("datetime").datetime(2026, 1, 1),
                                                  __import__("datetime").datetime(2026, 1, 1)))
    assert len(built.links) == 0
    assert not any(p == OWL.sameAs for _, p, _ in built.article)


# ---------------------------------------------------------------------------- the command


def test_cli_link_offline(tmp_path: Path, seed_paths):
    store = tmp_path / "kb"
    result = _kb("ingest", *seed_paths, "--store", store)
    assert result.exit_code == 0, result.output
    assert "links: 18 accepted (owl:sameAs), 1 for review" in result.stderr
    result = _kb("link", "--offline", "--store", store)
    assert result.exit_code == 0, result.output
    assert "0 requests to urn:kb:wikidata-seed:" in result.stderr
    assert not (store / "wikidata-cache.sqlite").exists()  # offline: no cache, nothing sent


def test_cli_link_rejects_both_sources(tmp_path: Path, seed_paths):
    ingest(Store(tmp_path / "kb"), seed_paths[:1])
    gc.collect()
    result = _kb("link", "--offline", "--wikidata-endpoint", "http://127.0.0.1:9/sparql", "--store", tmp_path / "kb")
    assert result.exit_code == 2 and result.stderr.startswith("error: give --offline or --wikidata-endpoint")


def test_cli_link_needs_a_store(tmp_path: Path):
    result = _kb("link", "--offline", "--store", tmp_path / "none")
    assert result.exit_code == StoreError.exit_code and "no knowledge base" in result.stderr
