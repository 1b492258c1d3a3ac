"""Named queries (kb/queries.py, queries/*.rq) over a small hand-written KB.

tests/fixtures/queries/kb.trig: two articles (2017-05-02, 2017-07-08), four speakers, P1 asserted
by US intelligence and denied by Putin in both articles, Putin repeating his denial, Trump
reversing himself on P2, one direct quote, one review. Each query's rows are asserted exactly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery

from kb import queries
from kb.errors import QueryError, UsageError
from kb.store import Rows, Store, from_ox
from kb.vocab import NIF, ONTOLOGY_GRAPH

ROOT = Path(__file__).resolve().parents[1]
QUERY_DIR = ROOT / "queries"
FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "kb.trig"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))

A1, A2 = "kb:article/a1a1a1a1a1a1a1a1", "kb:article/b2b2b2b2b2b2b2b2"
H1, H2 = "Trump und Putin verabreden sich", "Putin trifft Trump in Hamburg"
P1, P2, P3 = (f"kb:proposition/{d * 16}" for d in "123")
P1L, P2L, P3L = ("Russland – Einmischung – US-Präsidentschaftswahl 2016",
                 "Donald Trump – Treffen – Wladimir Putin", "Syrien – Waffenruhe möglich")
PUTIN, TRUMP = "kb:entity/wladimir-putin", "kb:entity/donald-trump"
USINT, DW = "kb:entity/us-intelligence", "kb:entity/deutsche-welle"
RUN1, RUN2 = "kb:run/e1e1e1e1e1e1e1e1", "kb:run/e2e2e2e2e2e2e2e2"
C = {n: f"kb:claim/c{n // 10}0000000000000{n % 10}" for n in (11, 12, 13, 14, 21, 22, 23, 24)}
NAMESPACES = {"kb": "https://kb.example.org/id/", "wd": "http://www.wikidata.org/entity/"}


@pytest.fixture(scope="module")
def store() -> Store:
    graphs: dict[str, rdflib.Graph] = {}
    for quad in ox.parse(path=FIXTURE, format=ox.RdfFormat.TRIG):
        graphs.setdefault(quad.graph_name.value, rdflib.Graph()).add(
            (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    graphs[str(ONTOLOGY_GRAPH)] = rdflib.Graph().parse(ROOT / "ontology" / "kb.ttl")
    kb = Store()
    kb.replace_graphs(graphs)
    return kb


def _value(term):
    """Terms as comparable Python values: IRIs prefixed, xsd:date as date, xsd:integer as int."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        for prefix, ns in NAMESPACES.items():
            if term.startswith(ns):
                return f"{prefix}:{term[len(ns):]}"
        return str(term)
    if term.datatype == XSD.date:
        return date.fromisoformat(str(term))
    if term.datatype == XSD.integer:
        return int(term)
    assert term.datatype is None, term
    return str(term)


def ask(store, name, sets=(), **values) -> tuple[list[str], list[tuple]]:
    """Run a named query; columns named in ``sets`` (GROUP_CONCATs, in no set order) become sets."""
    result = queries.run(store, queries.get_query(name, QUERY_DIR), values)
    assert isinstance(result, Rows)
    rows = []
    for row in result.rows:
        values_ = [_value(t) for t in row]
        for column, sep in dict(sets).items():
            i = result.variables.index(column)
            values_[i] = set(values_[i].split(sep))
        rows.append(tuple(values_))
    return result.variables, rows


def d(text: str) -> date:
    return date.fromisoformat(text)


# ---------------------------------------------------------------------- the fixture itself

def test_fixture_spans_are_the_article_text(store):
    """The fixture obeys the data model: every span's anchorOf is its slice of the article text."""
    graph = store.union()
    spans = list(graph.subjects(NIF.anchorOf, None))
    assert len(spans) == 8 + 7 + 7  # contents; speaker mentions and cues (the narrator has neither)
    for span in spans:
        article = graph.value(span, NIF.referenceContext)
        text = str(graph.value(article, URIRef("http://schema.org/text")))
        begin, end = int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex))
        assert text[begin:end] == str(graph.value(span, NIF.anchorOf))


# ---------------------------------------------------------------------- one test per query

def test_claims_by_speaker(store):
    variables, rows = ask(store, "claims_by_speaker", speaker=PUTIN)
    assert variables == ["date", "act", "form", "polarity", "text", "propositionLabel", "headline",
                         "claim", "proposition", "article", "speaker", "speakerLabel"]
    assert rows == [
        (d("2017-07-07"), "deny", "direct", "negative", "Ich habe mich nicht in die Wahl eingemischt",
         P1L, H2, C[21], P1, A2, PUTIN, "Wladimir Putin"),
        (d("2017-05-02"), "assert", "indirect", "positive", "eine Waffenruhe in Syrien sei möglich",
         P3L, H1, C[14], P3, A1, PUTIN, "Wladimir Putin"),
        (d("2017-05-01"), "deny", "indirect", "negative", "dass Russland sich in die Wahl eingemischt habe",
         P1L, H1, C[13], P1, A1, PUTIN, "Wladimir Putin"),
    ]


def test_claims_by_speaker_accepts_the_wikidata_item(store):
    _, by_kb = ask(store, "claims_by_speaker", speaker=PUTIN)
    _, by_wd = ask(store, "claims_by_speaker", speaker="wd:Q7747")
    assert [row[:-2] for row in by_wd] == [row[:-2] for row in by_kb]
    assert {(row[-2], row[-1]) for row in by_wd} == {("wd:Q7747", "Wladimir Putin")}
    _, by_entity = ask(store, "claims_about_entity", sets={"roles": ", "}, entity="wd:Q7747")
    assert [r[7] for r in by_kb] == [r[7] for r in by_entity if "author" in r[1]]


def test_claims_by_speaker_label_falls_back_to_en_then_any(store):
    _, rows = ask(store, "claims_by_speaker", speaker=USINT)
    assert [(r[7], r[-1]) for r in rows] == [(C[12], "US intelligence agencies")]
    _, rows = ask(store, "claims_by_speaker", speaker=DW)
    assert rows == [(d("2017-07-08"), "assert", "narrator", "positive",
                     "Trump und Putin sprachen über zwei Stunden miteinander.", None, H2, C[24], None, A2, DW,
                     "Deutsche Welle")]


def test_claim_timeline_of_a_proposition(store):
    variables, rows = ask(store, "claim_timeline", topic=P1)
    assert variables == ["date", "speakerLabel", "act", "polarity", "text", "propositionLabel", "headline",
                         "claim", "speaker", "proposition", "article", "topic", "since"]
    assert rows == [
        (d("2017-05-01"), "Wladimir Putin", "deny", "negative", "dass Russland sich in die Wahl eingemischt habe",
         P1L, H1, C[13], PUTIN, P1, A1, P1, None),
        (d("2017-05-02"), "US intelligence agencies", "accuse", "positive",
         "hat Russland in den US-Wahlkampf eingegriffen", P1L, H1, C[12], USINT, P1, A1, P1, None),
        (d("2017-07-07"), "Wladimir Putin", "deny", "negative", "Ich habe mich nicht in die Wahl eingemischt",
         P1L, H2, C[21], PUTIN, P1, A2, P1, None),
    ]


def test_claim_timeline_of_an_entity_since_a_date(store):
    _, rows = ask(store, "claim_timeline", topic="wd:Q7747")
    # Putin said it, is mentioned in it, or is the object of its proposition (P2): all but C12.
    assert [r[7] for r in rows] == [C[13], C[11], C[14], C[21], C[22], C[23], C[24]]
    _, rows = ask(store, "claim_timeline", topic="wd:Q7747", since="2017-07-01")
    assert rows == [
        (d("2017-07-07"), "Wladimir Putin", "deny", "negative", "Ich habe mich nicht in die Wahl eingemischt",
         P1L, H2, C[21], PUTIN, P1, A2, "wd:Q7747", d("2017-07-01")),
        (d("2017-07-07"), "Donald Trump", "believe", "positive", "er glaube ihm",
         None, H2, C[22], TRUMP, None, A2, "wd:Q7747", d("2017-07-01")),
        (d("2017-07-08"), "Donald Trump", "announce", "negative", "Ein weiteres Treffen werde es nicht geben",
         P2L, H2, C[23], TRUMP, P2, A2, "wd:Q7747", d("2017-07-01")),
        (d("2017-07-08"), "Deutsche Welle", "assert", "positive",
         "Trump und Putin sprachen über zwei Stunden miteinander.", None, H2, C[24], DW, None, A2,
         "wd:Q7747", d("2017-07-01")),
    ]


def test_claims(store):
    """Every claim once, whatever its speaker's labels (US intelligence has only @en, Deutsche
    Welle only an untagged label: a German-only filter used to drop their claims)."""
    variables, rows = ask(store, "claims")
    assert variables == ["date", "speaker", "act", "form", "polarity", "content", "proposition", "claim"]
    interference = "Russia – interfere in – 2016 United States presidential election"
    meet = "Donald Trump – meet – Vladimir Putin"
    assert rows == [
        (d("2017-05-01"), "Wladimir Putin", "deny", "indirect", "negative",
         "dass Russland sich in die Wahl eingemischt habe", interference, C[13]),
        (d("2017-05-02"), "Donald Trump", "announce", "reported", "positive", "ein Treffen mit Putin", meet,
         C[11]),
        (d("2017-05-02"), "US intelligence agencies", "accuse", "reported", "positive",
         "hat Russland in den US-Wahlkampf eingegriffen", interference, C[12]),
        (d("2017-05-02"), "Wladimir Putin", "assert", "indirect", "positive", "eine Waffenruhe in Syrien sei möglich",
         "Syrien – Waffenruhe möglich", C[14]),
        (d("2017-07-07"), "Donald Trump", "believe", "indirect", "positive", "er glaube ihm", None,
         C[22]),
        (d("2017-07-07"), "Wladimir Putin", "deny", "direct", "negative", "Ich habe mich nicht in die Wahl eingemischt",
         interference, C[21]),
        (d("2017-07-08"), "Deutsche Welle", "assert", "narrator", "positive",
         "Trump und Putin sprachen über zwei Stunden miteinander.", None, C[24]),
        (d("2017-07-08"), "Donald Trump", "announce", "indirect", "negative", "Ein weiteres Treffen werde es nicht geben",
         meet, C[23]),
    ]


def test_cross_article_claims(store):
    variables, rows = ask(store, "cross_article_claims", sets={"articles": " ", "headlines": " | "})
    assert variables == ["topic", "kind", "topicLabel", "claims", "articleCount", "speakers",
                         "firstDate", "lastDate", "articles", "headlines"]
    both = {"https://kb.example.org/id/article/a1a1a1a1a1a1a1a1",
            "https://kb.example.org/id/article/b2b2b2b2b2b2b2b2"}
    assert rows == [  # P3 is only in A1
        (P1, "proposition", P1L, 3, 2, 2, d("2017-05-01"), d("2017-07-07"), both, {H1, H2}),
        (P2, "proposition", P2L, 2, 2, 1, d("2017-05-02"), d("2017-07-08"), both, {H1, H2}),
    ]


def test_cross_article_claims_by_issue():
    """Claims of different propositions meet on an issue (P2 and P4: meet – Putin); an issue
    with a single proposition (P1's) gets no row of its own."""
    graphs: dict[str, rdflib.Graph] = {}
    for name in (FIXTURE, FIXTURE.with_name("issues.trig")):
        for quad in ox.parse(path=name, format=ox.RdfFormat.TRIG):
            graphs.setdefault(quad.graph_name.value, rdflib.Graph()).add(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    kb = Store()
    kb.replace_graphs(graphs)
    _, rows = ask(kb, "cross_article_claims", sets={"articles": " ", "headlines": " | "})
    three = {"https://kb.example.org/id/article/a1a1a1a1a1a1a1a1", "https://kb.example.org/id/article/b2b2b2b2b2b2b2b2",
             "https://kb.example.org/id/article/c3c3c3c3c3c3c3c3"}
    assert [r[:2] for r in rows] == [(P1, "proposition"), (P2, "proposition"),
                                     ("kb:issue/i1i1i1i1i1i1i1i1", "issue")]
    assert rows[2][2:] == ("trifft – Wladimir Putin", 3, 3, 2, d("2017-05-02"), d("2017-11-11"), three,
                           {H1, H2, "Erneutes Treffen in Vietnam"})


def test_contested_propositions(store):
    variables, rows = ask(store, "contested_propositions",
                          sets={"asserters": ", ", "assertDates": ", ", "deniers": ", ", "denyDates": ", "})
    assert variables == ["proposition", "propositionLabel", "asserters", "assertDates", "deniers",
                         "denyDates", "firstDate", "lastDate"]
    # P2 has a positive and a negative claim too, but both by Trump: a reversal, not a contest.
    assert rows == [(P1, P1L, {"US intelligence agencies"}, {"2017-05-02"}, {"Wladimir Putin"},
                     {"2017-05-01", "2017-07-07"}, d("2017-05-01"), d("2017-07-07"))]


def test_article_claims(store):
    variables, rows = ask(store, "article_claims", article=A2)
    assert variables == ["begin", "end", "speakerLabel", "act", "form", "polarity", "date", "text", "cue",
                         "rule", "claim", "speaker", "run", "article"]
    assert rows == [
        (32, 75, "Wladimir Putin", "deny", "direct", "negative", d("2017-07-07"),
         "Ich habe mich nicht in die Wahl eingemischt", "sagte", "quote-then-verb", C[21], PUTIN, RUN2, A2),
        (115, 128, "Donald Trump", "believe", "indirect", "positive", d("2017-07-07"),
         "er glaube ihm", "sagte", "verb-comma-clause", C[22], TRUMP, RUN2, A2),
        (130, 171, "Donald Trump", "announce", "indirect", "negative", d("2017-07-08"),
         "Ein weiteres Treffen werde es nicht geben", "sagte", "clause-then-verb", C[23], TRUMP, RUN2, A2),
        (186, 241, "Deutsche Welle", "assert", "narrator", "positive", d("2017-07-08"),
         "Trump und Putin sprachen über zwei Stunden miteinander.", None, "narrator-sentence", C[24], DW,
         RUN2, A2),
    ]


def test_quotes_by_person(store):
    variables, rows = ask(store, "quotes_by_person", speaker="wd:Q7747")
    assert variables == ["date", "quote", "act", "propositionLabel", "headline", "begin", "end", "claim",
                         "article", "speaker", "speakerLabel"]
    assert rows == [(d("2017-07-07"), "Ich habe mich nicht in die Wahl eingemischt", "deny", P1L, H2, 32, 75,
                     C[21], A2, "wd:Q7747", "Wladimir Putin")]
    assert [r[:-2] for r in ask(store, "quotes_by_person", speaker=PUTIN)[1]] == [r[:-2] for r in rows]
    assert ask(store, "quotes_by_person", speaker=TRUMP)[1] == []


def test_unreviewed_claims(store):
    variables, rows = ask(store, "unreviewed_claims")
    assert variables == ["date", "speakerLabel", "act", "polarity", "text", "headline", "claim", "speaker",
                         "article"]
    assert [r[6] for r in rows] == [C[23], C[24], C[21], C[22], C[11], C[14], C[13]]  # C12 is reviewed
    _, rows = ask(store, "unreviewed_claims", article=A1)
    assert rows == [
        (d("2017-05-02"), "Donald Trump", "announce", "positive", "ein Treffen mit Putin", H1, C[11], TRUMP, A1),
        (d("2017-05-02"), "Wladimir Putin", "assert", "positive", "eine Waffenruhe in Syrien sei möglich", H1,
         C[14], PUTIN, A1),
        (d("2017-05-01"), "Wladimir Putin", "deny", "negative", "dass Russland sich in die Wahl eingemischt habe",
         H1, C[13], PUTIN, A1),
    ]


def test_claims_about_entity(store):
    variables, rows = ask(store, "claims_about_entity", sets={"roles": ", "}, entity="wd:Q159")
    assert variables == ["date", "roles", "speakerLabel", "act", "polarity", "text", "propositionLabel",
                         "claim", "speaker", "proposition", "article", "entity"]
    assert rows == [
        (d("2017-07-07"), {"subject"}, "Wladimir Putin", "deny", "negative",
         "Ich habe mich nicht in die Wahl eingemischt", P1L, C[21], PUTIN, P1, A2, "wd:Q159"),
        (d("2017-05-02"), {"mentions", "subject"}, "US intelligence agencies", "accuse", "positive",
         "hat Russland in den US-Wahlkampf eingegriffen", P1L, C[12], USINT, P1, A1, "wd:Q159"),
        (d("2017-05-01"), {"mentions", "subject"}, "Wladimir Putin", "deny", "negative",
         "dass Russland sich in die Wahl eingemischt habe", P1L, C[13], PUTIN, P1, A1, "wd:Q159"),
    ]
    _, rows = ask(store, "claims_about_entity", sets={"roles": ", "}, entity=PUTIN)
    assert [(r[7], r[1]) for r in rows] == [
        (C[23], {"object"}), (C[24], {"mentions"}), (C[21], {"author"}), (C[22], {"mentions"}),
        (C[11], {"mentions", "object"}), (C[14], {"author"}), (C[13], {"author"})]


def test_speaker_consistency(store):
    variables, rows = ask(store, "speaker_consistency")
    assert variables == ["speakerLabel", "propositionLabel", "pattern", "earlierDate", "earlierAct",
                         "earlierPolarity", "laterDate", "laterAct", "laterPolarity", "earlierClaim",
                         "laterClaim", "proposition", "speaker"]
    trump = ("Donald Trump", P2L, "reversal", d("2017-05-02"), "announce", "positive",
             d("2017-07-08"), "announce", "negative", C[11], C[23], P2, TRUMP)
    putin = ("Wladimir Putin", P1L, "repeat", d("2017-05-01"), "deny", "negative",
             d("2017-07-07"), "deny", "negative", C[13], C[21], P1, PUTIN)
    assert rows == [trump, putin]
    assert ask(store, "speaker_consistency", speaker=TRUMP)[1] == [trump]


# ---------------------------------------------------------------------- the files

def test_query_file_count():
    assert len(QUERY_FILES) >= 9
    assert [q.name for q in queries.list_queries(QUERY_DIR)] == [p.stem for p in QUERY_FILES]


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_is_self_contained_and_projects_its_params(path):
    query = queries.load_query_file(path)
    assert query.summary and query.text.startswith("#+ summary:")
    # A second, independent parser: the file runs unchanged outside Oxigraph, with its own prefixes.
    prepared = prepareQuery(query.text)
    projected = {str(v) for v in prepared.algebra.get("PV", [])}
    assert {p.name for p in query.params} <= projected
    assert all(p.example for p in query.params), f"{path.name}: a parameter has no example"
    queries.bind(query, {p.name: p.example for p in query.params})  # every example binds


def test_default_directory_is_the_project_queries():
    assert [q.name for q in queries.list_queries()] == [p.stem for p in QUERY_FILES]


def test_header_is_read(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("#+ summary: S\n#+ params: a (IRI, e.g. kb:x, or so); b (date, optional)\n"
                    "SELECT ?a ?b WHERE { ?a ?p ?b }\n")
    query = queries.load_query_file(path)
    assert (query.name, query.summary, query.path) == ("q", "S", path)
    assert query.params == (queries.Param("a", "IRI", False, "kb:x, or so"),
                            queries.Param("b", "date", True, None))


@pytest.mark.parametrize("text, message", [
    ("#+ summary: S\nSELECT ?x WHERE { ?x ?p }\n", "invalid SPARQL"),
    ("#+ summary: S\nSELECT ?x WHERE { ?x kb:p ?y }\n", "invalid SPARQL"),  # no PREFIX line
    ("SELECT ?x WHERE { ?x ?p ?y }\n", "no '#\\+ summary:'"),
    ("#+ summary: S\n#+ params: y (IRI)\nSELECT ?x WHERE { ?x ?p ?y }\n", "projection"),
    ("#+ summary: S\n#+ params: x (uri)\nSELECT ?x WHERE { ?x ?p ?y }\n", "unknown type"),
    ("#+ summary: S\n#+ params: x IRI\nSELECT ?x WHERE { ?x ?p ?y }\n", "cannot read the parameter"),
])
def test_bad_query_file_is_a_query_error_naming_the_file(tmp_path, text, message):
    path = tmp_path / "broken.rq"
    path.write_text(text)
    with pytest.raises(QueryError, match=message) as caught:
        queries.load_query_file(path)
    assert str(path) in caught.value.message


def test_missing_file_and_unknown_name_are_usage_errors(tmp_path):
    with pytest.raises(UsageError):
        queries.load_query_file(tmp_path / "absent.rq")
    with pytest.raises(UsageError, match="unknown query 'nope'") as caught:
        queries.get_query("nope", QUERY_DIR)
    assert caught.value.hint == (f"kb queries lists the {len(QUERY_FILES)} named queries: "
                                 + ", ".join(p.stem for p in QUERY_FILES))


# ---------------------------------------------------------------------- bind

@pytest.fixture
def typed() -> queries.NamedQuery:
    params = (queries.Param("who", "IRI", False, "kb:entity/x"), queries.Param("day", "date", True, None),
              queries.Param("n", "integer", True, None), queries.Param("s", "string", True, None))
    return queries.NamedQuery("typed", Path("typed.rq"), "S", params, "SELECT * {}")


def test_bind_converts_each_type(typed):
    bound = queries.bind(typed, {"who": "kb:entity/wladimir-putin", "day": "2017-05-02", "n": "+12", "s": "Putin"})
    assert bound == {"who": URIRef("https://kb.example.org/id/entity/wladimir-putin"),
                     "day": Literal("2017-05-02", datatype=XSD.date), "n": Literal(12), "s": Literal("Putin")}
    assert bound["n"].datatype == XSD.integer
    for value, iri in [("wd:Q7747", "http://www.wikidata.org/entity/Q7747"), ("<urn:x:y>", "urn:x:y"),
                       ("https://example.org/a", "https://example.org/a"),
                       ("<https://kb.example.org/id/entity/x>", "https://kb.example.org/id/entity/x")]:
        assert queries.bind(typed, {"who": value}) == {"who": URIRef(iri)}


def test_bind_unknown_param_names_the_known_ones(typed):
    with pytest.raises(UsageError, match="unknown parameter 'speaker'") as caught:
        queries.bind(typed, {"who": "kb:x", "speaker": "kb:y"})
    assert caught.value.hint.startswith("typed takes who (IRI, e.g. kb:entity/x); day (date, optional)")


def test_bind_missing_required_param(typed):
    with pytest.raises(UsageError, match="needs --param who="):
        queries.bind(typed, {"day": "2017-05-02"})


@pytest.mark.parametrize("day", ["2017-13-01", "2017-02-30", "2.5.2017", "20170502", "", "2017-05-02T10:00"])
def test_bind_bad_date(typed, day):
    with pytest.raises(UsageError, match="is not a date"):
        queries.bind(typed, {"who": "kb:x", "day": day})


@pytest.mark.parametrize("iri", ["nope:x", "Putin", "urn:x:y", "", "<relative/path>", "kb:entity/a b",
                                 "<https://kb.example.org/a b>"])
def test_bind_bad_iri(typed, iri):
    with pytest.raises(UsageError, match="is not a"):
        queries.bind(typed, {"who": iri})


def test_bind_bad_integer(typed):
    with pytest.raises(UsageError, match="is not an integer"):
        queries.bind(typed, {"who": "kb:x", "n": "1.5"})


def test_run_binds_through_the_store_not_the_text(store):
    """A value that would break pasted SPARQL is just an IRI with no claims."""
    query = queries.get_query("claims_by_speaker", QUERY_DIR)
    result = queries.run(store, query, {"speaker": "<https://kb.example.org/id/x>"})
    assert result.rows == []
    with pytest.raises(UsageError):
        queries.run(store, query, {"speaker": "kb:x> } ; DROP ALL ; #"})


def test_run_reports_an_unprojected_param_as_a_query_error(store):
    query = queries.get_query("claims_by_speaker", QUERY_DIR)
    broken = replace(query, params=query.params + (queries.Param("nowhere", "IRI", True, None),))
    with pytest.raises(QueryError, match="projection"):
        queries.run(store, broken, {"speaker": PUTIN, "nowhere": PUTIN})


# ---------------------------------------------------------------------- format_rows

ROWS = Rows(["claim", "text", "begin", "speaker"], [
    (URIRef("https://kb.example.org/id/claim/c1"), Literal('er sagte, "ja",\nund ging'), Literal(5), None),
    (URIRef("http://example.com/x"), Literal("Russland", lang="de"), Literal(123),
     URIRef("http://www.wikidata.org/entity/Q7747")),
])


def test_format_table_aligns_and_shortens():
    lines = queries.format_rows(ROWS, "table").splitlines()
    assert lines[0].split() == ["claim", "text", "begin", "speaker"]
    assert lines[1].split() == ["-" * len("http://example.com/x"), "-" * len('er sagte, "ja",\\nund ging'),
                                "-----", "--------"]
    assert lines[2] == 'kb:claim/c1           er sagte, "ja",\\nund ging      5'
    assert lines[3] == "http://example.com/x  Russland                     123  wd:Q7747"


def test_format_table_of_live_rows_reads_back_with_bind(store):
    """Prefixed IRIs in the table are what --param accepts."""
    query = queries.get_query("claims_by_speaker", QUERY_DIR)
    table = queries.format_rows(queries.run(store, query, {"speaker": PUTIN}), "table")
    assert "kb:claim/c200000000000001" in table and "https://" not in table
    assert queries.bind(query, {"speaker": "kb:claim/c200000000000001"})["speaker"] == \
        URIRef("https://kb.example.org/id/claim/c200000000000001")


def test_format_csv_round_trips():
    text = queries.format_rows(ROWS, "csv")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["claim", "text", "begin", "speaker"],
        ["https://kb.example.org/id/claim/c1", 'er sagte, "ja",\nund ging', "5", ""],
        ["http://example.com/x", "Russland", "123", "http://www.wikidata.org/entity/Q7747"],
    ]


def test_format_json_is_sparql_results_json():
    text = queries.format_rows(ROWS, "json")
    data = json.loads(text)
    assert data["head"] == {"vars": ["claim", "text", "begin", "speaker"]}
    assert data["results"]["bindings"][0] == {
        "claim": {"type": "uri", "value": "https://kb.example.org/id/claim/c1"},
        "text": {"type": "literal", "value": 'er sagte, "ja",\nund ging'},
        "begin": {"type": "literal", "value": "5", "datatype": str(XSD.integer)}}
    assert data["results"]["bindings"][1]["text"] == {"type": "literal", "value": "Russland", "xml:lang": "de"}
    parsed = ox.parse_query_results(text, format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == ROWS.variables
    solutions = list(parsed)
    assert solutions[0]["speaker"] is None
    assert solutions[1]["text"] == ox.Literal("Russland", language="de")


def test_format_empty_and_boolean_and_unknown():
    empty = Rows(["a", "b"], [])
    assert queries.format_rows(empty, "table").splitlines()[0].split() == ["a", "b"]
    assert queries.format_rows(empty, "csv") == "a,b\r\n"
    assert json.loads(queries.format_rows(empty, "json"))["results"]["bindings"] == []
    assert json.loads(queries.format_rows(True, "json")) == {"head": {}, "boolean": True}
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        queries.format_rows(empty, "xml")
