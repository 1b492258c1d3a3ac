"""Properties that must hold for any input (hypothesis): no text crashes parse or extract.

- ``parse.parse_text`` then ``extract.extract`` never raises, and every span of every claim
  (content, cue, speaker mention, entity mentions) is exactly ``article.text[start:end]``;
- ``parse.decode`` on arbitrary bytes returns text or raises ``InputError``, nothing else;
- IRIs are content-derived: the same text gives the same article hash and claim IRIs.

The text strategy mixes German reporting fragments (cues, quotes, speakers, sentence breaks)
with arbitrary unicode so that the rules actually fire, not only on noise.
"""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import InputError
from kb.extract import extract
from kb.model import Article, Span
from kb.parse import decode, parse_text
from kb.rdf import claim_iri

DATE = datetime.date(2020, 1, 1)
FRAGMENTS = (
    "sagte Trump", "sagte Putin", "Putin", "Trump", "Merkel", "der Kreml", "Moskau", "Russland",
    "laut", "zufolge", "wies zurück, dass", "bestreitet", "forderte", "warnte", "kritisierte",
    "nach Angaben von", "Vorwürfe der", ", was", "er", "sie", "ich", "wir", "habe", "sei", "seien",
    "werde", "nicht", "die USA", "Wahl", "manipuliert", "eine Untersuchung",
    '"', "„", "“", "”", "»", "«", "‚", "‘", ":", ", ", ". ", "! ", "? ", " ", "\n", "\n\n",
    "2. Mai 2017", "11. November 2017", "Bild: dpa", "(dpa)", "AFP", "Trump: ",
)
SPEAKERS = ("Putin", "Trump", "Merkel", "der Kreml", "Moskau", "Russland", "US-Präsident Donald Trump",
            "Kremlchef Wladimir Putin", "Sprecher Dmitri Peskow", "die Bundesregierung", "er", "sie", "ich", "wir",
            "die Opposition", "ein Sprecher")
CUES = ("sagte", "erklärte", "betonte", "bestreitet", "bestritt", "warnte", "forderte", "kritisierte", "meinte",
        "glaubt", "kündigte an", "wies zurück", "dementierte", "hofft", "lobte", "verlangte")
CLAUSES = ("er habe nichts getan", "Russland habe die Wahl manipuliert", "die USA seien schuld",
           "wir sind unschuldig", "das sei falsch", "eine Untersuchung", "der Kreml habe mit Hackerangriffen "
           "den US-Wahlkampf manipuliert", "Ich denke, dass es gut ist", "sie werde nicht kommen",
           "man müsse reden", "\u201eWir haben nichts getan\u201c, sagte er", "das Treffen sei gut verlaufen")
TEMPLATES = (
    "{s} {c}, {x}.", "„{x}“, {c} {s}.", '"{x}", {c} {s}.', "»{x}«, {c} {s}.", "Laut {s} {x}.",
    "{s} zufolge {x}.", "{s} wies zurück, dass {x}.", "{x}, was {s} bestreitet.", "{s}: {x}",
    "Nach Angaben von {s} {x}.", "Vorwürfe der {s}, {x}, wies {s} zurück.", "{s} {c} eine Untersuchung.",
    "„{x}. {x}“", "{x}.", "{s} {c}: „{x}“",
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

noise = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
sentences = st.one_of(
    st.builds(lambda t, s, c, x: t.format(s=s, c=c, x=x), st.sampled_from(TEMPLATES), st.sampled_from(SPEAKERS),
              st.sampled_from(CUES), st.one_of(st.sampled_from(CLAUSES), st.sampled_from(CLAUSES), noise)),
    noise,
)
paragraphs = st.lists(sentences, min_size=1, max_size=6).map(" ".join)
texts = st.builds(
    lambda title, date_line, body, sep: title + date_line + sep.join(body),
    st.one_of(st.just(""), st.sampled_from(("Putin: Wir haben nichts getan\n\n", "Gipfel in Hamburg\n\n")), noise),
    st.sampled_from(("", "2. Mai 2017\n\n")),
    st.lists(paragraphs, max_size=5),
    st.sampled_from(("\n\n", "\n", " ", "\r\n\r\n")),
)


def _extract(text: str) -> tuple[Article, list]:
    article = parse_text(text, "h")
    article.date = DATE
    return article, extract(article)


def _check_span(article: Article, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(article.text), f"{what} offsets {span.start}:{span.end} out of range"
    assert span.text == article.text[span.start:span.end], \
        f"{what} {span.text!r} != text[{span.start}:{span.end}] {article.text[span.start:span.end]!r}"


@SETTINGS
@given(texts)
def test_extract_never_raises_and_spans_are_exact(text: str) -> None:
    article, claims = _extract(text)
    for segment in article.segments:
        _check_span(article, segment.span, f"segment {segment.kind}")
    for claim in claims:
        _check_span(article, claim.content, "content")
        _check_span(article, claim.cue, "cue")
        _check_span(article, claim.speaker_span, "speaker")
        for mention in claim.mentions:
            _check_span(article, mention.span, "mention")
        assert claim.date == DATE or claim.date <= DATE


@SETTINGS
@given(st.text(max_size=400))
def test_extract_never_raises_on_arbitrary_text(text: str) -> None:
    article, claims = _extract(text)
    for claim in claims:
        _check_span(article, claim.content, "content")
        _check_span(article, claim.cue, "cue")
        _check_span(article, claim.speaker_span, "speaker")


@SETTINGS
@given(st.one_of(st.binary(max_size=300), texts.map(lambda t: t.encode("utf-8")),
                 texts.map(lambda t: t.encode("latin-1", "replace"))))
def test_decode_raises_only_input_error(data: bytes) -> None:
    try:
        text = decode(data, "h")
    except InputError as exc:
        assert exc.message.startswith("h: ")
    else:
        assert isinstance(text, str)


@SETTINGS
@given(texts)
def test_iris_are_deterministic(text: str) -> None:
    first, claims1 = _extract(text)
    second, claims2 = _extract(text)
    assert first.sha256 == second.sha256
    assert len(first.sha256) == 64
    assert [claim_iri(first, c) for c in claims1] == [claim_iri(second, c) for c in claims2]
