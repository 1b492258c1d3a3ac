"""English extraction: golden files, annotated speech acts (both languages), end-to-end ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.extract import extract
from kb.parse import parse_path, parse_text
from kb.pipeline import ingest
from kb.rdf import claim_record
from kb.store import Store
from kb.validate import load_shapes, validate_graph

from conftest import FIXTURES, GOLDEN, check_golden

CASES = sorted((FIXTURES / "extract_en").glob("*.txt"))
ACTS = [line.rstrip("\n").split("\t") for line in (FIXTURES / "acts.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def test_case_counts():
    assert len(CASES) >= 2
    assert len(ACTS) >= 20 and {row[0] for row in ACTS} == {"de", "en"}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_english_golden(path: Path, update_golden: bool):
    article = parse_path(path, source=path.name)[0]
    assert article.language == "en"
    got = [claim_record(article, c) for c in extract(article)]
    for record in got:
        for key in ("content", "cue"):
            if record[key]:
                assert article.text[record[key]["start"]:record[key]["end"]] == record[key]["text"]
    check_golden(GOLDEN / "extract_en" / f"{path.stem}.json", got, update_golden)


@pytest.mark.parametrize("row", ACTS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ACTS)])
def test_speech_act_polarity_certainty(row):
    language, sentence, speaker, act, polarity, certainty = row
    article = parse_text(f"{'Titel' if language == 'de' else 'Title'}\n\n2021-03-03\n\n{sentence}\n", "acts.txt")
    assert article.language == language
    got = [(c.speaker.label_en if language == "en" and c.speaker.label_en else c.speaker.label,
            c.act, c.polarity, c.certainty) for c in extract(article) if c.form != "narrator"]
    assert any(speaker in g[0] and g[1:] == (act, polarity, certainty) for g in got), got


def test_helsinki_denial_links_to_the_interference_proposition():
    article = parse_path(FIXTURES / "extract_en" / "helsinki.txt")[0]
    keys = {p.key for c in extract(article) for p in c.propositions}
    assert "russia|interfere|us-election-2016" in keys


def test_english_article_ingests_and_validates(tmp_path: Path):
    store = Store(tmp_path / "kb")
    result = ingest(store, CASES)
    assert result.written == len(CASES) and result.claims >= 8
    report = validate_graph(store.union(), load_shapes())
    assert report.conforms, report.to_text()
    langs = store.query("PREFIX schema: <http://schema.org/> SELECT DISTINCT ?l WHERE { ?a schema:inLanguage ?l }").rows
    assert [str(r[0]) for r in langs] == ["en"]
