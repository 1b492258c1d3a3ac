"""Conventions that keep code, docs, ontology, shapes and queries in step.

- every command's --help shows an example and the command is documented in README.md;
- README's exit-code table lists exactly kb.errors.EXIT_CODES plus 70 (internal error);
- every KBO/ACT/FORM term the code uses is declared in ontology/kb.ttl, and the ontology's
  kbo: terms, speech acts and forms are exactly those kb.vocab lists;
- prefixes declared in queries/*.rq, shapes/*.ttl and ontology/*.ttl agree with kb.vocab.PREFIXES.
Every glob-driven check asserts how many files it looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kb import vocab
from kb.cli import app
from kb.errors import EXIT_CODES
from kb.vocab import ACT, FORM, KBO, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = sorted((ROOT / "kb").glob("*.py"))
ONTOLOGY_FILES = sorted((ROOT / "ontology").glob("*.ttl"))
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
SHAPE_FILES = sorted((ROOT / "shapes").glob("*.ttl"))
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
UNDOCUMENTED: set[str] = set()  # commands README does not list yet (each gets a strict xfail below)


def _ontology() -> Graph:
    graph = Graph()
    for file in ONTOLOGY_FILES:
        graph.parse(file, format="turtle")
    return graph


def _local_names(graph: Graph, namespace: str) -> set[str]:
    """Local names of every IRI in ``namespace`` that the ontology declares (uses as a subject)."""
    return {str(s)[len(namespace):] for s in set(graph.subjects())
            if isinstance(s, URIRef) and str(s).startswith(namespace) and len(str(s)) > len(namespace)}


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


# ---------------------------------------------------------------------------- commands

def test_commands_found() -> None:
    assert len(COMMANDS) >= 7, COMMANDS
    assert {"ingest", "extract", "validate", "queries", "query", "export", "stats"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout, f"kb {command} --help shows no 'Example:'\n{result.stdout}"
    assert f"kb {command}" in result.stdout.split("Example:", 1)[1], "the example does not run the command"


@pytest.mark.parametrize("command", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="README's command table has no `kb version`"))
    if c in UNDOCUMENTED else c for c in COMMANDS])
def test_command_is_in_readme(command: str) -> None:
    assert re.search(rf"`kb {re.escape(command)}[` ]", README), f"README.md does not mention `kb {command}`"


def test_app_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


# ---------------------------------------------------------------------------- exit codes

def test_readme_exit_codes_match_errors() -> None:
    rows = re.findall(r"^\|\s*(\d+)\s*\|", _section("Exit codes"), re.M)
    assert rows, "no rows in README's exit-code table"
    assert len(rows) == len(set(rows)), f"a code appears twice: {rows}"
    assert {int(r) for r in rows} == set(EXIT_CODES) | {70}


# ---------------------------------------------------------------------------- vocabulary

def _used_terms(name: str) -> tuple[set[str], set[str]]:
    """(attribute-style terms ``NS.x``, item-style terms ``NS["x"]``) used in kb/*.py."""
    attr, item = set(), set()
    for file in SOURCES:
        text = file.read_text(encoding="utf-8")
        attr |= set(re.findall(rf"\b{name}\.(\w+)\b(?!\s*\()", text))
        item |= set(re.findall(rf"\b{name}\[\s*[\"']([\w-]+)[\"']\s*\]", text))
    return attr, item


def test_used_terms_are_declared() -> None:
    assert len(SOURCES) > 5 and ONTOLOGY_FILES
    graph = _ontology()
    declared = {str(KBO): _local_names(graph, str(KBO)), str(ACT): _local_names(graph, str(ACT)),
                str(FORM): _local_names(graph, str(FORM))}
    checked = 0
    for name, namespace in (("KBO", KBO), ("ACT", ACT), ("FORM", FORM)):
        attr, item = _used_terms(name)
        # KBO.title would be str.title, not a term: attribute-style names must not shadow str methods.
        assert not {t for t in attr if hasattr(str, t)}, f"{name}.<str method> used as a term"
        missing = (attr | item) - declared[str(namespace)]
        assert not missing, f"{name} terms used in kb/*.py but not declared in ontology/kb.ttl: {sorted(missing)}"
        checked += len(attr | item)
    assert checked > 10
    # Terms built from values: ACT[claim.act], FORM[claim.form], KBO[claim.polarity], KBO[claim.certainty].
    assert set(vocab.POLARITIES) | set(vocab.CERTAINTIES) <= declared[str(KBO)]


def test_kbo_terms_match_ontology() -> None:
    declared = _local_names(_ontology(), str(KBO))
    assert len(declared) > 10
    terms = set(vocab.KBO_TERMS)
    assert len(terms) == len(vocab.KBO_TERMS), "KBO_TERMS lists a term twice"
    assert declared - terms == set(), f"declared in ontology/kb.ttl but not in KBO_TERMS: {sorted(declared - terms)}"
    assert terms - declared == set(), f"in KBO_TERMS but not declared in ontology/kb.ttl: {sorted(terms - declared)}"


def test_speech_acts_match_ontology() -> None:
    graph = _ontology()
    concepts = {str(s)[len(str(ACT)):] for s in graph.subjects(RDF.type, KBO.SpeechAct)}
    assert concepts, "no act: concepts in the ontology"
    assert concepts == _local_names(graph, str(ACT))
    assert len(vocab.SPEECH_ACTS) == len(set(vocab.SPEECH_ACTS))
    assert set(vocab.SPEECH_ACTS) == concepts


def test_forms_match_ontology() -> None:
    graph = _ontology()
    concepts = {str(s)[len(str(FORM)):] for s in graph.subjects(RDF.type, KBO.Form)}
    assert concepts, "no form: concepts in the ontology"
    assert concepts == _local_names(graph, str(FORM))
    assert len(vocab.FORMS) == len(set(vocab.FORMS))
    assert set(vocab.FORMS) == concepts


# ---------------------------------------------------------------------------- prefixes

SPARQL_PREFIX = re.compile(r"^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>", re.I | re.M)
TURTLE_PREFIX = re.compile(r"^\s*@prefix\s+([\w-]*):\s*<([^>]*)>\s*\.", re.M)


def test_prefixes_agree_with_vocab() -> None:
    assert QUERY_FILES and SHAPE_FILES and ONTOLOGY_FILES
    known = {name: str(ns) for name, ns in PREFIXES.items()}
    files = compared = 0
    problems = []
    for pattern, group in ((SPARQL_PREFIX, QUERY_FILES), (TURTLE_PREFIX, SHAPE_FILES + ONTOLOGY_FILES)):
        for file in group:
            found = pattern.findall(file.read_text(encoding="utf-8"))
            files += 1
            for name, iri in found:
                if name in known:
                    compared += 1
                    if iri != known[name]:
                        problems.append(f"{file.relative_to(ROOT)}: {name}: <{iri}>, kb.vocab says <{known[name]}>")
    assert files == len(QUERY_FILES) + len(SHAPE_FILES) + len(ONTOLOGY_FILES) and files > 0
    assert compared >= files, f"only {compared} prefix declarations compared in {files} files"
    assert not problems, "\n".join(problems)


def test_every_query_file_has_a_summary() -> None:
    assert QUERY_FILES
    for file in QUERY_FILES:
        assert re.search(r"^#\+\s*summary:\s*\S", file.read_text(encoding="utf-8"), re.M), f"{file.name}: no summary"
