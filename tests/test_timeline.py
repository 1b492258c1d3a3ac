"""`kb timeline`: the claims about a proposition or an entity in date order, as a table and as an
SVG picture (one mark per claim on a date axis, colour and shape by polarity, text escaped)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from tracking_kb import C, KB, P1, P2, fixture_store, kb

from kb.errors import UsageError
from kb.queries import format_rows
from kb.timeline import Entry, Timeline, rows, svg, timeline, topic_value
from kb.vocab import KBO

SVG = "{http://www.w3.org/2000/svg}"
A1, A2, A3 = (f"{KB}article/{h * 8}" for h in ("a1", "b2", "c3"))


@pytest.fixture(scope="module")
def store():
    return fixture_store()


def _marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if (e.get("class") or "").split()[:1] == ["mark"]]


# ---------------------------------------------------------------------- the entries

def test_timeline_of_a_proposition(store):
    line = timeline(store, "kb:proposition/2222222222222222")
    assert (line.topic, line.label) == (P2, "Donald Trump – Treffen – Wladimir Putin")
    assert line.entries == [
        Entry(date(2017, 5, 2), "Donald Trump", "announce", "positive", "ein Treffen mit Putin", A1,
              "Trump und Putin verabreden sich", C[11]),
        Entry(date(2017, 7, 7), "Deutsche Welle", "assert", "positive",
              "Trump und Putin trafen sich am Freitag in Hamburg", A3, "Gipfel in Hamburg", C[31]),
        Entry(date(2017, 7, 8), "Donald Trump", "announce", "negative", "Ein weiteres Treffen werde es nicht geben",
              A2, "Putin trifft Trump in Hamburg", C[23]),
    ]


def test_timeline_of_an_entity_by_key_by_wikidata_and_since(store):
    by_key = timeline(store, "wladimir-putin")
    assert by_key.label == "Wladimir Putin"
    assert [e.claim for e in by_key.entries] == [C[13], C[11], C[14], C[21], C[22], C[31], C[23], C[24]]
    by_item = timeline(store, "Q7747")
    assert by_item.topic == "http://www.wikidata.org/entity/Q7747" and by_item.entries == by_key.entries
    assert [e.claim for e in timeline(store, "wd:Q7747", since="2017-07-08").entries] == [C[23], C[24]]


def test_a_claim_about_two_propositions_is_one_entry():
    store = fixture_store()
    extra = Graph()
    extra.add((URIRef(C[13]), KBO.about, URIRef(f"{KB}proposition/{'3' * 16}")))
    store.replace_graphs({"https://kb.example.org/graph/corrections": extra})
    assert [e.claim for e in timeline(store, "kb:entity/wladimir-putin").entries].count(C[13]) == 1


def test_unknown_topic_has_no_entries(store):
    line = timeline(store, "kb:entity/nobody")
    assert (line.entries, line.label) == ([], f"{KB}entity/nobody")


@pytest.mark.parametrize("topic", ["<>", "nope:x", "Wladimir Putin", ""])
def test_bad_topic_is_a_usage_error(store, topic):
    with pytest.raises(UsageError, match="is not a proposition or entity IRI"):
        timeline(store, topic)


@pytest.mark.parametrize("text, value", [("russia", "kb:entity/russia"), ("Q159", "wd:Q159"),
                                         ("kb:proposition/1", "kb:proposition/1"), ("<urn:x>", "<urn:x>")])
def test_topic_value(text, value):
    assert topic_value(text) == value


def test_table_rows(store):
    table = format_rows(rows(timeline(store, P1.replace(KB, "kb:"))), "table").splitlines()
    assert table[0].split() == ["date", "speaker", "act", "polarity", "content", "article"]
    assert [line.split()[0] for line in table[2:]] == ["2017-05-01", "2017-05-02", "2017-07-07"]
    assert re.search(r"  accuse  positive  hat Russland in den US-Wahlkampf eingegriffen +kb:article/a1a1a1a1a1a1a1a1$",
                     table[3])
    long = Entry(date(2017, 5, 2), "S", "assert", "positive", "Wort " * 40, "urn:x:a", None, "urn:x:c")
    (cut,), (whole,) = rows(Timeline("t", "t", [long])).rows, rows(Timeline("t", "t", [long]), None).rows
    assert len(str(cut[4])) == 80 and str(cut[4]).endswith("…") and str(whole[4]) == ("Wort " * 40).strip()


# ---------------------------------------------------------------------- the picture

def test_svg_has_one_mark_per_claim_coloured_by_polarity(store):
    line = timeline(store, "wd:Q7747")
    root = ET.fromstring(svg(line))
    assert root.tag == f"{SVG}svg"
    marks = _marks(root)
    assert [m.get("data-claim") for m in marks] == [e.claim for e in line.entries]
    for mark, entry in zip(marks, line.entries):
        assert mark.get("class") == f"mark {entry.polarity}"
        assert mark.tag == (f"{SVG}polygon" if entry.polarity == "negative" else f"{SVG}circle")
        assert mark.get("fill") == {"positive": "#0072B2", "negative": "#D55E00"}[entry.polarity]
        assert entry.text in mark.find(f"{SVG}title").text
    ys = [float(m.get("cy") or m.get("points").split()[1].split(",")[1]) for m in marks]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)  # one row per claim, in date order
    xs = {e.date: float(m.get("cx") or m.get("points").split()[0].split(",")[0]) for m, e in zip(marks, line.entries)}
    assert [xs[d] for d in sorted(xs)] == sorted(xs.values())  # later dates to the right


def test_svg_escapes_text():
    nasty = 'er sagte: "<b>Nein</b> & <script>alert(1)</script>"\x01\x0b — ✓ 🇷🇺'
    entry = Entry(date(2017, 5, 2), "A & B <Ltd>", "deny", "negative", nasty, "urn:x:a", 'Ü & "Ö"', 'urn:x:"c"&<d>')
    line = Timeline("urn:x:t", "<T> & 'U'", [entry])
    root = ET.fromstring(svg(line))  # well-formed XML
    (mark,) = _marks(root)
    assert mark.get("data-claim") == 'urn:x:"c"&<d>'
    tip = mark.find(f"{SVG}title").text
    assert '"<b>Nein</b> & <script>alert(1)</script>"' in tip and "\x01" not in tip and "🇷🇺" in tip
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Timeline: <T> & 'U'" in texts and "A & B <Ltd>" in texts
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))


def test_svg_without_claims_and_on_one_day():
    empty = ET.fromstring(svg(Timeline("urn:x:t", "t", [])))
    assert _marks(empty) == [] and any("no claims" in (t.text or "") for t in empty.iter(f"{SVG}text"))
    one = Entry(date(2017, 5, 2), "S", "assert", "positive", "x", "urn:x:a", None, "urn:x:c")
    root = ET.fromstring(svg(Timeline("urn:x:t", "t", [one, Entry(*[*one.__dict__.values()][:-1], "urn:x:d")])))
    assert len(_marks(root)) == 2


def test_svg_axis_over_years_keeps_labels_apart():
    entries = [Entry(date(2000 + i, 1, 1), "S", "assert", "positive", "x", "urn:x:a", None, f"urn:x:{i}")
               for i in range(0, 24, 3)]
    root = ET.fromstring(svg(Timeline("urn:x:t", "t", entries)))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert 2 <= len(labels) <= 5 and all(t.text.isdigit() for t in labels)
    xs = [float(t.get("x")) for t in labels]
    assert all(b - a >= 60 for a, b in zip(xs, xs[1:]))


# ---------------------------------------------------------------------- kb timeline

@pytest.fixture
def disk_kb(tmp_path) -> Path:
    path = tmp_path / "kb"
    store = fixture_store(path)
    del store
    return path


def test_kb_timeline_csv(disk_kb):
    result = kb("timeline", "kb:proposition/2222222222222222", "--format", "csv", "--store", disk_kb)
    assert result.exit_code == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout, newline=""))) == [
        ["date", "speaker", "act", "polarity", "content", "article"],
        ["2017-05-02", "Donald Trump", "announce", "positive", "ein Treffen mit Putin", A1],
        ["2017-07-07", "Deutsche Welle", "assert", "positive", "Trump und Putin trafen sich am Freitag in Hamburg", A3],
        ["2017-07-08", "Donald Trump", "announce", "negative", "Ein weiteres Treffen werde es nicht geben", A2],
    ]


def test_kb_timeline_svg(disk_kb, tmp_path):
    picture = tmp_path / "putin.svg"
    result = kb("timeline", "wladimir-putin", "--svg", picture, "--since", "2017-07-01", "--store", disk_kb)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"wrote 5 claims to {picture}"
    assert len(result.stdout.splitlines()) == 2 + 5
    assert len(_marks(ET.parse(picture).getroot())) == 5


def test_kb_timeline_without_claims(disk_kb):
    result = kb("timeline", "kb:entity/nobody", "--store", disk_kb)
    assert result.exit_code == 0
    assert result.stderr.strip() == "no claims on the timeline of kb:entity/nobody"


@pytest.mark.parametrize("args, words", [
    (["kb:entity/russia", "--since", "1.5.2017"], "is not a date"),
    (["<>"], "is not a proposition or entity IRI"),
    (["kb:entity/russia", "--svg", "/nonexistent-dir/x.svg"], "cannot write /nonexistent-dir/x.svg"),
])
def test_kb_timeline_errors(disk_kb, args, words):
    result = kb("timeline", *args, "--store", disk_kb)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("error: ") and words in result.stderr.splitlines()[0]
