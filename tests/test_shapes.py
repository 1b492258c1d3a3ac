"""SHACL shapes and kb.validate: every tests/shapes/valid/*.trig conforms, every
tests/shapes/invalid/*.trig fails with exactly the shapes named in its `# expect:` header."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, SH, SKOS

from kb.errors import ShapesError
from kb.validate import KBS, Report, load_shapes, validate_graph
from kb.vocab import KBO, NIF, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
SHAPES_DIR = ROOT / "shapes"
ONTOLOGY = ROOT / "ontology" / "kb.ttl"
CASES = Path(__file__).resolve().parent / "shapes"
VALID = sorted((CASES / "valid").glob("*.trig"))
INVALID = sorted((CASES / "invalid").glob("*.trig"))
SHAPE_FILES = sorted(SHAPES_DIR.glob("*.ttl"))
# rdflib's TriG parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated:DeprecationWarning:rdflib")


@functools.cache
def _shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _shapes()


@functools.cache
def case_report(case: Path) -> Report:
    return validate_graph(load_case(case), _shapes())


@functools.cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def load_case(path: Path) -> Graph:
    """All named graphs of a TriG case plus the ontology, merged into one graph, as kb does."""
    dataset = Dataset()
    dataset.parse(path, format="trig")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    graph += _ontology()
    return graph


def expected_shapes(path: Path) -> set[str]:
    names = re.findall(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M)
    return {str(KBS[n.strip().removeprefix("kbs:")]) for line in names for n in line.split(",")}


def rules(shapes: Graph) -> set[str]:
    """The named property shapes and SPARQL constraints of the targeted node shapes."""
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    node_shapes = {s for t in targets for s in shapes.subjects(t, None)}
    members = (SH.property, SH.sparql)
    return {str(o) for s in node_shapes for p in members for o in shapes.objects(s, p)}


# ---------------------------------------------------------------- the cases


def test_case_counts():
    assert len(VALID) >= 6
    assert len(INVALID) >= 60
    assert len(SHAPE_FILES) >= 6


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_conforms(case: Path):
    report = case_report(case)
    assert report.conforms, report.to_text()
    assert report.results == []


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_fails_with_expected_shapes(case: Path):
    expected = expected_shapes(case)
    assert expected, f"{case.name} has no '# expect: kbs:...' header"
    report = case_report(case)
    assert not report.conforms
    assert {r.shape for r in report.results} == expected, report.to_text()


def test_every_rule_has_an_invalid_case(shapes: Graph):
    covered = set().union(*(expected_shapes(case) for case in INVALID))
    assert rules(shapes) - covered == set()
    assert covered - rules(shapes) == set()  # no header names a shape that does not exist


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_anchors_equal_python_slices(case: Path):
    """The SPARQL check agrees with Python: anchorOf == text[begin:end] in code points."""
    graph = load_case(case)
    for span in graph.subjects(RDF.type, KBO.TextSpan):
        text = str(graph.value(graph.value(span, NIF.referenceContext), SCHEMA.text))
        begin, end = int(graph.value(span, NIF.beginIndex)), int(graph.value(span, NIF.endIndex))
        assert str(graph.value(span, NIF.anchorOf)) == text[begin:end]


def test_complete_article_exercises_code_points():
    graph = load_case(CASES / "valid" / "complete-article.trig")
    (text,) = (str(t) for t in graph.objects(None, SCHEMA.text))
    assert any(ord(c) > 0xFFFF for c in text)  # UTF-16 offsets would differ
    assert "„" in text and "ß" in text and "\n" in text
    assert len(list(graph.subjects(RDF.type, KBO.Claim))) == 3


# ---------------------------------------------------------------- SPARQL constraints in Oxigraph


def _oxigraph_store(case: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(case), format=pyoxigraph.RdfFormat.TRIG)
    store.load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE,
               to_graph=pyoxigraph.DefaultGraph())
    return store


@pytest.mark.parametrize("case", VALID + INVALID, ids=lambda p: p.stem)
def test_sparql_constraints_agree_with_oxigraph(case: Path, shapes: Graph):
    """Each sh:sparql constraint, run unbound in Oxigraph, finds the focus nodes pyshacl reports."""
    store = _oxigraph_store(case)
    report = case_report(case)
    for node_shape, constraint in shapes.subject_objects(SH.sparql):
        targets = {str(t) for t in shapes.objects(node_shape, SH.targetClass)}
        query = str(shapes.value(constraint, SH.select))
        rows = store.query(query, use_default_graph_as_union=True)
        found = {row["this"].value for row in rows}
        instances = (f"SELECT ?s WHERE {{ ?s a <{t}> }}" for t in targets)
        typed = {
            row["s"].value
            for q in instances
            for row in store.query(q, use_default_graph_as_union=True)
        }
        pyshacl_found = {r.focus for r in report.results if r.shape == str(constraint)}
        assert found & typed == pyshacl_found, constraint


# ---------------------------------------------------------------- the shape files


@pytest.mark.parametrize("file", SHAPE_FILES, ids=lambda p: p.name)
def test_shape_file_conventions(file: Path):
    text = file.read_text(encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    prefixes = re.findall(r"^@prefix (\w*):", text, re.M)
    assert prefixes == sorted(prefixes)
    first = SHAPE_FILES[0].read_text(encoding="utf-8")
    assert re.findall(r"^@prefix .*$", text, re.M) == re.findall(r"^@prefix .*$", first, re.M)
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    assert len({s for s, p, _ in graph if p in targets}) == 1, "one targeted node shape per file"
    members = [o for p in (SH.property, SH.sparql, SH.node) for o in graph.objects(None, p)]
    for member in members:
        assert isinstance(member, URIRef) and member.startswith(str(KBS)), f"{member}: not named"
        kind = graph.value(member, RDF.type)
        assert kind in (SH.PropertyShape, SH.SPARQLConstraint, SH.NodeShape), member
        if kind != SH.NodeShape:
            assert graph.value(member, SH.message), f"{member} needs an sh:message"


def test_one_file_per_target(shapes: Graph):
    classes = [str(t) for t in shapes.objects(None, SH.targetClass)]
    assert len(classes) == len(set(classes)), "two shape files target the same class"
    wanted = {KBO.Claim, KBO.TextSpan, KBO.Proposition, KBO.ExtractionRun, SCHEMA.NewsArticle}
    assert {str(c) for c in wanted} <= set(classes)
    linked = {str(p) for p in shapes.objects(None, SH.targetSubjectsOf)}
    assert {str(OWL.sameAs), str(SKOS.closeMatch)} <= linked


# ---------------------------------------------------------------- load_shapes


def test_default_shapes_dir_is_the_repo_shapes(shapes: Graph):
    assert len(shapes) == len(load_shapes(SHAPES_DIR)) > 0


def test_load_single_file():
    graph = load_shapes(SHAPES_DIR / "claim.ttl")
    assert (KBS["Claim-speaker"], RDF.type, SH.PropertyShape) in graph


def test_broken_turtle_names_file_and_line(tmp_path: Path):
    good = (SHAPES_DIR / "article.ttl").read_text(encoding="utf-8")
    (tmp_path / "a-good.ttl").write_text(good, encoding="utf-8")
    broken = '@prefix sh: <http://www.w3.org/ns/shacl#> .\n\n<x> sh:message "unterminated .\n'
    (tmp_path / "claim.ttl").write_text(broken, encoding="utf-8")
    with pytest.raises(ShapesError) as info:
        load_shapes(tmp_path)
    assert "claim.ttl:3:" in info.value.message
    assert info.value.exit_code == 5


def test_missing_shapes_path(tmp_path: Path):
    with pytest.raises(ShapesError, match="no such shapes"):
        load_shapes(tmp_path / "nowhere")


def test_empty_shapes_dir(tmp_path: Path):
    with pytest.raises(ShapesError, match=r"no \*\.ttl"):
        load_shapes(tmp_path)


def test_unparsable_sparql_names_file_and_constraint(tmp_path: Path):
    text = (SHAPES_DIR / "claim.ttl").read_text(encoding="utf-8")
    text = text.replace("FILTER (?value = kbo:positive)", "FILTER (")
    (tmp_path / "claim.ttl").write_text(text, encoding="utf-8")
    with pytest.raises(ShapesError, match=r"claim\.ttl: SPARQL of kbs:Claim-denyNotPositive"):
        load_shapes(tmp_path)


def test_shape_pyshacl_cannot_load(tmp_path: Path):
    text = (SHAPES_DIR / "claim.ttl").read_text(encoding="utf-8")
    text = text.replace("    sh:path kbo:cue ;\n", "")
    (tmp_path / "claim.ttl").write_text(text, encoding="utf-8")
    with pytest.raises(ShapesError, match="sh:path"):
        load_shapes(tmp_path)


# ---------------------------------------------------------------- the report


@pytest.fixture(scope="module")
def failing(shapes: Graph) -> Report:
    case = load_case(CASES / "invalid" / "claim-missing-speaker.trig")
    case += load_case(CASES / "invalid" / "wikidata-same-as-string.trig")
    return validate_graph(case, shapes)


def test_report_results(failing: Report):
    assert not failing.conforms
    # "Q159" is neither an IRI (sh:nodeKind) nor matches the pattern: two results, one shape.
    shapes = [r.shape.removeprefix(str(KBS)) for r in failing.results]
    assert shapes == ["Claim-speaker", "WikidataLink-sameAs", "WikidataLink-sameAs"]
    speaker, link, _ = failing.results
    assert speaker.path == str(SCHEMA.author) and speaker.value is None
    assert speaker.severity == "Violation"
    assert link.value == '"Q159"'
    key = lambda r: (r.focus, r.path or "", r.shape)  # noqa: E731
    assert failing.results == sorted(failing.results, key=key)


def test_report_text(failing: Report):
    lines = failing.to_text().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("kb:claim/") and lines[0].endswith("[kbs:Claim-speaker]")
    assert "  schema:author  " in lines[0]
    assert lines[-1] == "does not conform: 3 results on 2 focus nodes"


def test_report_json(failing: Report):
    body = json.loads(failing.to_json())
    assert body["conforms"] is False
    assert set(body["results"][0]) == {"focus", "path", "message", "shape", "severity", "value"}


def test_report_turtle(failing: Report):
    graph = Graph().parse(data=failing.to_turtle(), format="turtle")
    assert len(list(graph.subjects(RDF.type, SH.ValidationReport))) == 1
    assert len(list(graph.subjects(RDF.type, SH.ValidationResult))) >= 2


def test_conforming_report(shapes: Graph):
    report = validate_graph(load_case(CASES / "valid" / "minimal-claim.trig"), shapes)
    assert report.to_text() == "conforms: no results\n"
    assert json.loads(report.to_json()) == {"conforms": True, "results": []}


def test_validation_is_deterministic_and_leaves_data_alone(shapes: Graph):
    graph = load_case(CASES / "invalid" / "text-span-offsets-untyped.trig")
    graph += load_case(CASES / "invalid" / "proposition-two-objects.trig")
    size = len(graph)
    first, second = validate_graph(graph, shapes), validate_graph(graph, shapes)
    assert first.results == second.results and len(first.results) == 3
    assert len(graph) == size


PLAIN_CASES = [
    "valid/complete-article",
    "invalid/text-span-anchor-utf16-offsets",
    "invalid/claim-date-after-article",
    "invalid/claim-deny-positive",
]


@pytest.mark.parametrize("name", PLAIN_CASES)
def test_prepared_queries_match_plain_pyshacl(name: str, shapes: Graph):
    """validate_graph hands pyshacl a view that parses each SPARQL text once; same results."""
    graph = load_case(CASES / f"{name}.trig")
    conforms, plain, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    ours = validate_graph(graph, shapes)
    results = list(plain.objects(None, SH.result))
    sparql = {
        (str(plain.value(r, SH.focusNode)), str(plain.value(r, SH.sourceConstraint)))
        for r in results
        if plain.value(r, SH.sourceConstraint) is not None
    }
    assert ours.conforms == conforms and len(ours.results) == len(results)
    constraints = {str(c) for c in shapes.objects(None, SH.sparql)}
    assert {(r.focus, r.shape) for r in ours.results if r.shape in constraints} == sparql
