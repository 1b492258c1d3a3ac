"""Plain-text parsing: web-copy furniture out of the body, its facts kept; offsets exact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb.errors import InputError
from kb.model import BODY_KINDS
from kb.parse import date_from_name, decode, parse_path, parse_text, require_date


def kinds(article, kind):
    return [s.span.text for s in article.segments if s.kind == kind]


def test_every_segment_is_exactly_its_text(seed_paths):
    for path in seed_paths:
        article = parse_path(path)[0]
        assert article.text == path.read_text(encoding="utf-8")
        for segment in article.segments:
            assert article.text[segment.span.start:segment.span.end] == segment.span.text


def test_november_seed_layout(seed_paths):
    article = parse_path(seed_paths[0])[0]
    assert article.title == "Amerikanisch-russische Männerfreundschaft?"
    assert article.date == date(2017, 11, 11)
    assert article.section == "Politik"
    assert article.publisher == "Deutsche Welle"
    assert article.authors == ["cgn", "fab"]
    assert article.agencies == ["afpe", "dpa"]
    assert article.language == "de"
    assert len(kinds(article, "nav")) == 3
    assert kinds(article, "credit") == ["Bild: picture-alliance/dpa/AP", "Bild: picture alliance/dpa/C. Kaster"]
    assert "This browser does not support the video element." in kinds(article, "video")
    assert "02:01" in kinds(article, "video")
    assert kinds(article, "trailer") == ["Den nächsten Abschnitt Mehr zum Thema überspringen"]
    assert kinds(article, "lead")[0].startswith("Da raufen sich zwei zusammen")
    assert "Getrennte Erklärungen" in kinds(article, "heading")
    body = article.canonical_text
    for noise in ("Zum Inhalt springen", "Bild:", "This browser", "cgn/fab", "überspringen", "APEC-Gipfel | Trump"):
        assert noise not in body


def test_may_seed_layout(seed_paths):
    article = parse_path(seed_paths[1])[0]
    assert article.title == "Trump und Putin verabreden sich"
    assert article.date == date(2017, 5, 2)
    assert article.authors == ["se", "rb"]
    assert article.agencies == ["rtr", "afp", "ap", "dpa"]
    assert kinds(article, "caption") == ["Kombobild Trump Putin",
                                          "Bislang telefonieren sie nur miteinander - Donald Trump und Wladimir Putin"]
    assert sum(1 for s in article.segments if s.kind in BODY_KINDS) == 10


def test_generic_text_first_line_is_title():
    article = parse_text("Ein Titel\n\nErster Absatz. Zweiter Satz.\n\nZweiter Absatz.\n", "x.txt")
    assert article.title == "Ein Titel"
    assert article.date is None
    assert [s.kind for s in article.segments] == ["title", "body", "body"]


@pytest.mark.parametrize("line, expected", [
    ("2. Mai 2017", date(2017, 5, 2)),
    ("11. November 2017", date(2017, 11, 11)),
    ("02.05.2017", date(2017, 5, 2)),
    ("2017-05-02", date(2017, 5, 2)),
    ("May 2, 2017", date(2017, 5, 2)),
    ("Dienstag, 2. Mai 2017", date(2017, 5, 2)),
])
def test_date_lines(line, expected):
    article = parse_text(f"Titel\n\n{line}\n\nText des Artikels.\n", "d.txt")
    assert article.date == expected


def test_sha256_ignores_furniture():
    plain = parse_text("Titel\n\n2. Mai 2017\n\nDer Text.\n", "a.txt")
    framed = parse_text("1. Zum Inhalt springen\nPolitik\n\nTitel\n\n2. Mai 2017\n\nDer Text.\n\n"
                        "Den nächsten Abschnitt Mehr zum Thema überspringen", "b.txt")
    assert plain.sha256 == framed.sha256
    assert plain.source_sha256 != framed.source_sha256


def test_bad_files(tmp_path: Path):
    cases = {
        "missing.txt": None,
        "empty.txt": b"   \n",
        "binary.txt": b"\x00\x01\x02PNG\x00" * 20,
        "latin1.txt": "Titel\n\n2. Mai 2017\n\nGrüße aus Köln".encode("latin-1"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(InputError) as info:
            parse_path(path)
        assert name in info.value.message
    with pytest.raises(InputError):
        decode(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f" * 3, "c")


def test_undated_article_is_refused_with_a_hint(tmp_path: Path):
    path = tmp_path / "undated.txt"
    path.write_text("Titel\n\nNur Text ohne Datum.\n", encoding="utf-8")
    article = parse_path(path)[0]
    with pytest.raises(InputError) as info:
        require_date(article)
    assert "no publication date" in info.value.message and info.value.hint


def test_date_from_file_name():
    assert date_from_name("de_welt_afp_2018-07-16_putin.txt") == date(2018, 7, 16)
    assert date_from_name("de_2018-02-30_x.txt") is None
    assert date_from_name("plain.txt") is None


def test_json_lines(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "Eins", "date": "2020-01-02", "text": "Er sagte, es sei gut."}\n'
                    '{"title": "Zwei", "date": "2020-01-03", "text": "Sie sagte nichts.", "publisher": "X"}\n',
                    encoding="utf-8")
    first, second = parse_path(path)
    assert (first.title, first.date, first.source) == ("Eins", date(2020, 1, 2), f"{path}:1")
    assert second.publisher == "X"
    for article in (first, second):
        for segment in article.segments:
            assert article.text[segment.span.start:segment.span.end] == segment.span.text
    path.write_text('{"title": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="non-empty"):
        parse_path(path)
    path.write_text('{broken\n', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        parse_path(path)
