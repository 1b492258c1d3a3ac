"""Fact-check reviews: `kb review` writes a schema:ClaimReview into kbg:reviews (checked before
anything is written), `kb export --format claimreview` writes schema.org ClaimReview JSON-LD, a
review round-trips through the export and validates; the claim_reviews query's rows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from tracking_kb import C, KB, QUERY_DIR, fixture_store, kb, snapshot

from kb import queries
from kb.errors import UsageError
from kb.ratings import normalise
from kb.rdf import review_graph
from kb.review import claim_iri, export_claimreview, review
from kb.store import Rows, Store
from kb.vocab import REVIEWS_GRAPH, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "https://www.dni.gov/files/documents/ICA_2017_01.pdf"
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated:DeprecationWarning:rdflib")


@pytest.fixture
def disk_kb(tmp_path) -> Path:
    """The fixture KB on disk, closed, for the CLI."""
    path = tmp_path / "kb"
    store = fixture_store(path)
    del store
    return path


def _review_args(path: Path, claim: str = "kb:claim/c200000000000001", **over: str) -> list[str]:
    options = {"--rating": "Größtenteils falsch", "--note": "Belegt durch den ICA-Bericht.",
               "--evidence": SOURCE, "--author": "Anna Muster", "--date": "2017-07-12", **over}
    args = ["review", claim]
    for name, value in options.items():
        if value is not None:
            args += [name, value]
    return args + ["--store", path]


def _reviews(path: Path) -> rdflib.Graph:
    store = Store(path)
    graph = store.union([str(REVIEWS_GRAPH)])
    del store
    return graph


# ---------------------------------------------------------------------- the triples

def test_review_graph_triples():
    node, rating, g = review_graph(C[21], normalise("Größtenteils falsch"), "Anna Muster", date(2017, 7, 12),
                                   "Belegt.", (SOURCE, C[12]))
    assert node.startswith(f"{KB}review/") and rating == f"{node}/rating"
    n, r, reviewer = URIRef(node), URIRef(rating), URIRef(f"{KB}reviewer/anna-muster")
    assert set(g) == {
        (n, RDF.type, SCHEMA.ClaimReview), (n, SCHEMA.itemReviewed, URIRef(C[21])),
        (n, SCHEMA.reviewRating, r), (n, SCHEMA.author, reviewer),
        (n, SCHEMA.datePublished, Literal("2017-07-12", datatype=XSD.date)),
        (n, SCHEMA.reviewBody, Literal("Belegt.")),
        (n, SCHEMA.citation, URIRef(SOURCE)), (n, SCHEMA.citation, URIRef(C[12])),
        (r, RDF.type, SCHEMA.Rating), (r, SCHEMA.alternateName, Literal("Größtenteils falsch")),
        (r, SCHEMA.name, Literal("mostly-false")), (r, SCHEMA.ratingValue, Literal(2)),
        (r, SCHEMA.bestRating, Literal(5)), (r, SCHEMA.worstRating, Literal(1)),
        (reviewer, RDF.type, SCHEMA.Person), (reviewer, SCHEMA.name, Literal("Anna Muster")),
        (reviewer, RDFS.label, Literal("Anna Muster")),
    }


def test_review_iri_is_content_derived():
    def iri(claim=C[21], rating="falsch", author="Anna Muster", day=date(2017, 7, 12), note="x"):
        return review_graph(claim, normalise(rating), author, day, note, (SOURCE,))[0]

    assert iri() == iri(rating="FALSCH", note="another note") == iri(rating="False", author="anna  muster")
    assert len({iri(), iri(claim=C[13]), iri(rating="mostly false"), iri(author="Ben"),
                iri(day=date(2017, 7, 13))}) == 5


def test_a_rating_off_the_scale_has_no_value():
    _, rating, g = review_graph(C[21], normalise("Satire"), "A", date(2017, 7, 12), "x", (SOURCE,))
    assert g.value(URIRef(rating), SCHEMA.alternateName) == Literal("Satire")
    assert g.value(URIRef(rating), SCHEMA.name) == Literal("satire")
    assert {p for p in g.predicates(URIRef(rating))} == {RDF.type, SCHEMA.alternateName, SCHEMA.name}


@pytest.mark.parametrize("text, iri", [
    ("kb:claim/c200000000000001", C[21]), (C[21], C[21]), (f"<{C[21]}>", C[21]), (f"  {C[21]} ", C[21])])
def test_claim_iri(text, iri):
    assert claim_iri(text) == iri


@pytest.mark.parametrize("text", ["c200000000000001", "", "kb:claim/a b", "<>"])
def test_claim_iri_rejects(text):
    with pytest.raises(UsageError, match="is not a claim IRI"):
        claim_iri(text)


# ---------------------------------------------------------------------- kb review

def test_review_writes_one_claimreview(disk_kb):
    before = _reviews(disk_kb)
    result = kb(*_review_args(disk_kb, "kb:claim/c200000000000001",
                              **{"--evidence": SOURCE}), "--evidence", "kb:claim/c100000000000002")
    assert result.exit_code == 0, result.stderr
    node = result.stdout.strip()
    assert node.startswith(f"{KB}review/")
    assert "'Größtenteils falsch' = mostly-false (2 of 1..5)" in result.stderr
    added = _reviews(disk_kb) - before
    n, r = URIRef(node), URIRef(f"{node}/rating")
    assert added.value(n, SCHEMA.itemReviewed) == URIRef(C[21])
    assert set(added.objects(n, SCHEMA.citation)) == {URIRef(SOURCE), URIRef(C[12])}
    assert added.value(r, SCHEMA.ratingValue) == Literal(2)
    assert added.value(r, SCHEMA.alternateName) == Literal("Größtenteils falsch")
    assert len(added) == 8 + 6  # the review and its rating; the reviewer is in the fixture already


def test_reviewing_again_replaces_the_review(disk_kb):
    assert kb(*_review_args(disk_kb)).exit_code == 0
    first = _reviews(disk_kb)
    result = kb(*_review_args(disk_kb, **{"--rating": "GRÖSSTENTEILS-FALSCH", "--note": "Neu begründet."}))
    assert result.exit_code == 0, result.stderr
    second = _reviews(disk_kb)
    assert len(second) == len(first)
    node = URIRef(result.stdout.strip())
    assert second.value(node, SCHEMA.reviewBody) == Literal("Neu begründet.")
    assert second.value(URIRef(f"{node}/rating"), SCHEMA.alternateName) == Literal("GRÖSSTENTEILS-FALSCH")


def test_author_from_the_environment(disk_kb):
    result = kb(*_review_args(disk_kb, **{"--author": None}), env={"KB_REVIEWER": "Ben Beispiel"})
    assert result.exit_code == 0, result.stderr
    assert (None, SCHEMA.name, Literal("Ben Beispiel")) in _reviews(disk_kb)


@pytest.mark.parametrize("claim, over, words", [
    ("kb:claim/0000000000000000", {}, "no claim"),
    ("c200000000000001", {}, "is not a claim IRI"),
    ("kb:claim/c200000000000001", {"--rating": "flase"}, "unknown rating 'flase'"),
    ("kb:claim/c200000000000001", {"--date": "2017-07-06"}, "before the claim was made (2017-07-07)"),
    ("kb:claim/c200000000000001", {"--date": "12.07.2017"}, "is not a date"),
    ("kb:claim/c200000000000001", {"--evidence": "Zeitung von gestern"}, "neither a URL nor a claim"),
    ("kb:claim/c200000000000001", {"--evidence": "kb:claim/0000000000000000"}, "no claim"),
    ("kb:claim/c200000000000001", {"--note": "  "}, "needs a note"),
    ("kb:claim/c200000000000001", {"--author": None}, "needs an author"),
])
def test_review_errors_leave_the_store_as_it_was(disk_kb, claim, over, words):
    before = snapshot(disk_kb)
    result = kb(*_review_args(disk_kb, claim, **over))
    assert result.exit_code == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and words in lines[0], result.stderr
    assert len(lines) <= 2 and "Traceback" not in result.stderr
    assert snapshot(disk_kb) == before


def test_review_library_checks_before_writing():
    store = fixture_store()
    size = len(store)
    with pytest.raises(UsageError, match="needs evidence"):
        review(store, C[21], "falsch", "x", [], "A", date(2017, 7, 12))
    assert len(store) == size
    done = review(store, C[21], "falsch", "x", [SOURCE, SOURCE], "A", date(2017, 7, 12))
    assert done.evidence == (SOURCE,) and done.rating.value == 1


# ---------------------------------------------------------------------- export

def _jsonld_graph(data: bytes) -> rdflib.Graph:
    """Parse the export as JSON-LD offline: schema.org's context is "@vocab": "http://schema.org/"."""
    text = data.decode("utf-8").replace('"@context": "https://schema.org"',
                                        '"@context": {"@vocab": "http://schema.org/"}')
    return rdflib.Graph().parse(data=text, format="json-ld")


def test_export_claimreview_of_the_fixture():
    reviews = json.loads(export_claimreview(fixture_store()))
    assert [(r["@id"], r["datePublished"]) for r in reviews] == [
        (f"{KB}review/f300000000000001", "2017-05-03"), (f"{KB}review/f100000000000001", "2017-05-10"),
        (f"{KB}review/f200000000000001", "2017-07-12")]
    unproven, _, falsch = reviews
    assert falsch == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{KB}review/f200000000000001",
        "url": f"{KB}review/f200000000000001",
        "claimReviewed": "Ich habe mich nicht in die Wahl eingemischt",
        "itemReviewed": {
            "@type": "Claim", "@id": C[21],
            "author": {"@type": "Person", "@id": f"{KB}entity/wladimir-putin", "name": "Wladimir Putin",
                       "sameAs": "http://www.wikidata.org/entity/Q7747"},
            "datePublished": "2017-07-07",
            "appearance": {"@type": "NewsArticle", "@id": f"{KB}article/b2b2b2b2b2b2b2b2",
                           "headline": "Putin trifft Trump in Hamburg", "datePublished": "2017-07-08"},
        },
        "reviewRating": {"@type": "Rating", "@id": f"{KB}review/f200000000000001/rating", "alternateName": "Falsch",
                         "ratingValue": 1, "bestRating": 5, "worstRating": 1, "name": "false"},
        "datePublished": "2017-07-12",
        "author": {"@type": "Person", "@id": f"{KB}reviewer/anna-muster", "name": "Anna Muster"},
        "reviewBody": "Die US-Geheimdienste haben die Einmischung belegt.",
        "citation": [{"@id": C[12]}, {"@id": SOURCE}],
    }
    assert unproven["reviewRating"] == {"@type": "Rating", "@id": f"{KB}review/f300000000000001/rating",
                                        "alternateName": "unbelegt", "name": "unproven"}


def test_export_of_an_article_with_a_url():
    store = fixture_store()
    review(store, C[31], "Richtig", "Bestätigt.", [SOURCE], "Ben Beispiel", date(2017, 7, 9))
    (exported,) = [r for r in json.loads(export_claimreview(store)) if r["itemReviewed"]["@id"] == C[31]]
    assert exported["itemReviewed"]["appearance"]["url"] == "https://www.dw.com/de/gipfel-in-hamburg/a-0000001"
    assert exported["itemReviewed"]["author"] == {"@type": "Organization", "@id": f"{KB}entity/deutsche-welle",
                                                  "name": "Deutsche Welle"}


def test_export_without_reviews_is_an_empty_list():
    assert json.loads(export_claimreview(Store())) == []


def test_review_round_trips_through_the_export_and_validates(tmp_path):
    """Acceptance: ingest the seeds, review a claim, export ClaimReview JSON-LD, read it back as
    RDF: the same claim, rating, reviewer and date; and the KB with the review conforms."""
    path = tmp_path / "kb"
    assert kb("ingest", ROOT / "seeds", "--store", path).exit_code == 0
    store = Store(path)
    rows = store.query("SELECT DISTINCT ?claim ?said WHERE { ?claim a kbo:Claim ; kbo:speechAct act:deny ; "
                       "kbo:dateSaid ?said } ORDER BY ?claim LIMIT 1")
    (claim, said), = rows.rows
    del store
    result = kb("review", claim, "--rating", "Pants on Fire!", "--note", "Widerlegt.", "--evidence", SOURCE,
                "--author", "Anna Muster", "--date", "2018-07-20", "--store", path)
    assert result.exit_code == 0, result.stderr
    node = result.stdout.strip()
    validated = kb("validate", "--store", path)
    assert validated.exit_code == 0, validated.stdout
    exported = kb("export", "--format", "claimreview", "--store", path)
    assert exported.exit_code == 0, exported.stderr
    (item,) = json.loads(exported.stdout)
    assert (item["@type"], item["itemReviewed"]["@id"], item["itemReviewed"]["datePublished"]) == \
        ("ClaimReview", str(claim), str(said))
    graph = _jsonld_graph(exported.stdout_bytes)
    n = URIRef(node)
    assert graph.value(n, RDF.type) == SCHEMA.ClaimReview
    assert graph.value(n, SCHEMA.itemReviewed) == URIRef(claim)
    rating = graph.value(n, SCHEMA.reviewRating)
    assert rating == URIRef(f"{node}/rating")
    assert str(graph.value(rating, SCHEMA.alternateName)) == "Pants on Fire!"
    assert graph.value(rating, SCHEMA.ratingValue).toPython() == 1
    assert (graph.value(rating, SCHEMA.worstRating).toPython(), graph.value(rating, SCHEMA.bestRating).toPython()) == (1, 5)
    assert str(graph.value(graph.value(n, SCHEMA.author), SCHEMA.name)) == "Anna Muster"
    assert str(graph.value(n, SCHEMA.datePublished)) == "2018-07-20"
    assert str(graph.value(n, SCHEMA.claimReviewed)) == item["claimReviewed"] != ""
    assert graph.value(URIRef(claim), SCHEMA.appearance) is not None


# ---------------------------------------------------------------------- the claim_reviews query

def _rows(store: Store, **values: str) -> list[tuple]:
    result = queries.run(store, queries.get_query("claim_reviews", QUERY_DIR), values)
    assert isinstance(result, Rows)
    rows = [[None if t is None else t.toPython() if isinstance(t, Literal) else str(t) for t in row]
            for row in result.rows]
    for row in rows:  # GROUP_CONCAT: no order
        row[8] = set(row[8].split())
    return [tuple(row) for row in rows]


def test_claim_reviews_query():
    store = fixture_store()
    result = queries.run(store, queries.get_query("claim_reviews", QUERY_DIR), {})
    assert result.variables == ["date", "rating", "category", "value", "reviewerName", "note", "speakerLabel",
                                "text", "evidence", "review", "claim", "reviewer", "article"]
    assert _rows(store) == [
        (date(2017, 7, 12), "Falsch", "false", 1, "Anna Muster", "Die US-Geheimdienste haben die Einmischung belegt.",
         "Wladimir Putin", "Ich habe mich nicht in die Wahl eingemischt", {C[12], SOURCE},
         f"{KB}review/f200000000000001", C[21], f"{KB}reviewer/anna-muster", f"{KB}article/{'b2' * 8}"),
        (date(2017, 5, 10), "supported", None, 5, None, None, "US intelligence agencies",
         "hat Russland in den US-Wahlkampf eingegriffen", set(), f"{KB}review/f100000000000001", C[12], None,
         f"{KB}article/{'a1' * 8}"),
        (date(2017, 5, 3), "unbelegt", "unproven", None, "Ben Beispiel",
         "Keine Quelle nennt Bedingungen für eine Waffenruhe.", "Wladimir Putin",
         "eine Waffenruhe in Syrien sei möglich", {"https://example.org/syrien-waffenruhe"},
         f"{KB}review/f300000000000001", C[14], f"{KB}reviewer/ben-beispiel", f"{KB}article/{'a1' * 8}"),
    ]
    assert [r[9] for r in _rows(store, article="kb:article/a1a1a1a1a1a1a1a1")] == [
        f"{KB}review/f100000000000001", f"{KB}review/f300000000000001"]
