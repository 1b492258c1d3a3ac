"""The SpkAtt benchmark harness (bench/spkatt.py): conversion, split and scorer.

The scorer tests use small hand-written documents; the conversion and split tests also run on
the real data when ../shared/data/spkatt2023/train is present (skipped otherwise).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from kb.model import Claim, Entity, Span

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "spkatt2023" / "train"


def _load_harness():
    spec = importlib.util.spec_from_file_location("spkatt_harness", ROOT / "bench" / "spkatt.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


sp = _load_harness()

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"SpkAtt data not present at {DATA}")


# ---------------------------------------------------------------------------------------------
# Hand-written documents
# ---------------------------------------------------------------------------------------------

DOC = {
    "DocumentName": "123 - Merkel: Wir schaffen das (2015-08-31)",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Merkel", "sagte", ",", "sie", "komme", "morgen", "nach", "Berlin", "."]},
        {"SentenceId": 1, "Tokens": ["„", "Wir", "schaffen", "das", "“", ",", "sagte", "die", "Kanzlerin", "."]},
        {"SentenceId": 2, "Tokens": ["Das", "Wetter", "war", "schön", "(", "sonnig", ")", "."]},
    ],
    "Annotations": [
        {
            "Addr": [], "Frame": [], "HasNested": False, "IsNested": False, "STWR": "Speech",
            "Form": "Indirect",
            "Source": ["0:0"],
            "Cue": ["0:1"],
            "Message": ["0:3", "0:4", "0:5", "0:6", "0:7"],
        },
        {
            "Addr": [], "Frame": [], "HasNested": False, "IsNested": False, "STWR": "Speech",
            "Form": "Direct",
            "Source": ["1:7", "1:8"],
            "Cue": ["1:6"],
            "Message": ["1:1", "1:2", "1:3"],
        },
    ],
}

EXPECTED_TEXT = (
    "Merkel: Wir schaffen das\n\n2015-08-31\n\n"
    "Merkel sagte, sie komme morgen nach Berlin. „Wir schaffen das“, sagte die Kanzlerin. "
    "Das Wetter war schön (sonnig).\n"
)

GOLD_FORM_TO_KB = {v: k for k, v in sp.FORM_MAP.items()}


def _span(doc, ids):
    ids = sorted(ids)
    return Span.of(doc.text, doc.starts[ids[0]], doc.ends[ids[-1]])


def _claim(doc, message, source=(), cue=(), form="indirect", text=None):
    text = doc.text if text is None else text
    return Claim(
        speaker=Entity("x", "X", "person"),
        speaker_span=_span(doc, source) if source else None,
        cue=_span(doc, cue) if cue else None,
        content=_span(doc, message),
        form=form,
        act="assert",
        polarity="positive",
        certainty="certain",
        date=date(2015, 8, 31),
        rule="test",
    )


def _gold_claims(doc):
    return [_claim(doc, g.message, g.source, g.cue, GOLD_FORM_TO_KB[g.form]) for g in doc.gold]


def _approx(x):
    return pytest.approx(x, abs=1e-9)


def _assert_perfect(scores):
    for role in sp.ROLES:
        t = scores.roles[role]
        assert (t.precision, t.recall, t.f1) == (_approx(1.0), _approx(1.0), _approx(1.0)), role
    assert scores.combined_f1 == _approx(1.0)
    assert scores.joint.f1 == _approx(1.0)
    assert scores.form_prf == (_approx(1.0), _approx(1.0), _approx(1.0))


# ---------------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------------


def test_document_name():
    assert sp.parse_document_name("10022 - Der Astronaut Neil Armstrong wird heute 75 Jahre alt (2005-08-05)") == (
        "Der Astronaut Neil Armstrong wird heute 75 Jahre alt",
        "2005-08-05",
    )
    assert sp.parse_document_name("5 - Krise (1) - Teil 2 (2006-01-31)") == ("Krise (1) - Teil 2", "2006-01-31")
    with pytest.raises(ValueError):
        sp.parse_document_name("no date here")


def test_convert_hand_written():
    doc = sp.convert(DOC)
    assert doc.text == EXPECTED_TEXT
    assert doc.title == "Merkel: Wir schaffen das" and doc.date == "2015-08-31"
    flat = [t for s in DOC["Sentences"] for t in s["Tokens"]]
    assert [doc.text[a:b] for a, b in zip(doc.starts, doc.ends)] == flat
    assert doc.token_text(doc.gold[1].message) == "Wir schaffen das"
    assert doc.gold[1].source == (doc.sent_offs[1] + 7, doc.sent_offs[1] + 8)


def test_detokenise_quotes_and_brackets():
    obj = {
        "DocumentName": "1 - T (2020-01-01)",
        "Sentences": [
            {"SentenceId": 0, "Tokens": ["Er", "sagte", ":", '"', "Ja", ",", "gut", '"', "."]},
            {"SentenceId": 1, "Tokens": ["Die", "„", "Partei", '"', "und", "«", "Haus", "»", "und", "CDU", "/", "CSU", "[", "...", "]"]},
            {"SentenceId": 2, "Tokens": ["Er", "rief", '"', "Halt", '"', "und", "ging", "."]},
        ],
        "Annotations": [],
    }
    doc = sp.convert(obj)
    body = doc.text[doc.body_start:]
    assert body == 'Er sagte: "Ja, gut". Die „Partei" und «Haus» und CDU/CSU [...] Er rief "Halt" und ging.\n'


def test_paragraph_breaks_only_outside_quotes():
    obj = {
        "DocumentName": "1 - T (2020-01-01)",
        "Sentences": [
            {"SentenceId": 0, "Tokens": ["„", "Eins", "."]},
            {"SentenceId": 1, "Tokens": ["Zwei", ".", "“"]},
            {"SentenceId": 2, "Tokens": ["Drei", "."]},
        ],
        "Annotations": [],
    }
    doc = sp.convert(obj, paragraph_sentences=1)
    assert doc.text[doc.body_start:] == "„Eins. Zwei.“\n\nDrei.\n"
    flat = [t for s in obj["Sentences"] for t in s["Tokens"]]
    assert [doc.text[a:b] for a, b in zip(doc.starts, doc.ends)] == flat


def test_tokens_in_partial_cover():
    doc = sp.convert(DOC)
    merkel = doc.starts[0]
    assert doc.tokens_in(merkel + 2, merkel + 3) == (0,)  # part of a token counts
    assert doc.tokens_in(merkel, doc.ends[1]) == (0, 1)
    assert doc.tokens_in(0, doc.body_start) == ()  # title and date lines hold no tokens
    assert doc.tokens_in(doc.ends[0], doc.starts[1]) == ()  # the space between two tokens


@pytest.mark.slow
@needs_data
def test_convert_real_data_offsets():
    paths = sp.list_documents(DATA)
    n = 0
    for path in paths:
        obj = json.loads(path.read_text(encoding="utf-8"))
        for para in (0, 5):
            doc = sp.convert(obj, paragraph_sentences=para)
            flat = [t for s in sorted(obj["Sentences"], key=lambda s: s["SentenceId"]) for t in s["Tokens"]]
            assert len(flat) == doc.n_tokens
            for i, tok in enumerate(flat):
                assert doc.text[doc.starts[i] : doc.ends[i]] == tok, (doc.name, i)
            assert doc.text.startswith(f"{doc.title}\n\n{doc.date}\n\n")
            assert len(doc.gold) == len(obj["Annotations"])
        n += 1
    assert n == 700


# ---------------------------------------------------------------------------------------------
# Split
# ---------------------------------------------------------------------------------------------


def test_split_deterministic_on_names():
    names = [f"{i} - Artikel {i} (2005-01-01)" for i in range(2000)]
    first = [sp.split_of(n) for n in names]
    assert first == [sp.split_of(n) for n in names]
    assert set(first) == {"tune", "heldout"}
    share = first.count("tune") / len(first)
    assert 0.65 < share < 0.75
    # pinned: a changed hash or threshold would silently move documents between splits
    assert sp.split_of("10022 - Der Astronaut Neil Armstrong wird heute 75 Jahre alt (2005-08-05)") == "tune"


@pytest.mark.slow
@needs_data
def test_split_real_data_disjoint_and_complete():
    all_docs = {d.name for d in sp.load_docs(DATA, "all")}
    tune = {d.name for d in sp.load_docs(DATA, "tune")}
    held = {d.name for d in sp.load_docs(DATA, "heldout")}
    assert len(all_docs) == 700
    assert tune.isdisjoint(held)
    assert tune | held == all_docs
    assert (len(tune), len(held)) == (482, 218)


# ---------------------------------------------------------------------------------------------
# Scorer
# ---------------------------------------------------------------------------------------------


def test_gold_as_prediction_groups_scores_one():
    doc = sp.convert(DOC)
    scores = sp.score_corpus([(doc.gold, doc.gold)])
    _assert_perfect(scores)
    for f in ("Direct", "Indirect"):
        row = scores.gold_form[f]
        assert row["matched"] == row["n"] == row["form_correct"] == 1
        assert row["message"].recall == _approx(1.0)


def test_gold_as_prediction_discontinuous_groups_scores_one():
    g = [
        sp.Group(message=(1, 2, 7, 8), source=(5,), cue=(4, 9), form="Direct"),
        sp.Group(message=(20, 21), source=(), cue=(), form="Reported"),
    ]
    _assert_perfect(sp.score_corpus([(g, g)]))


def test_gold_as_prediction_via_claims_scores_one():
    doc = sp.convert(DOC)
    stats = sp.PredStats()
    pred = sp.claims_to_groups(doc, doc.text, _gold_claims(doc), stats)
    assert stats.scored == 2 and stats.bad_spans == 0
    _assert_perfect(sp.score_corpus([(pred, doc.gold)]))


def test_empty_prediction_recall_zero():
    doc = sp.convert(DOC)
    scores = sp.score_corpus([([], doc.gold)])
    for role in sp.ROLES:
        assert scores.roles[role].recall == 0.0
        assert scores.roles[role].f1 == 0.0
    assert scores.combined_f1 == 0.0
    assert scores.gold_form["Direct"]["matched"] == 0


def test_half_overlap_fractions():
    gold = [sp.Group(message=(10, 11, 12, 13), source=(1, 2), cue=(3,), form="Indirect")]
    # the prediction covers half the message, plus two tokens outside it; one of the two source tokens
    pred = [sp.Group(message=(12, 13, 14, 15), source=(2,), cue=(), form="Indirect")]
    s = sp.score_corpus([(pred, gold)])
    assert (s.roles["message"].precision, s.roles["message"].recall) == (_approx(0.5), _approx(0.5))
    assert s.roles["message"].f1 == _approx(0.5)
    assert (s.roles["source"].precision, s.roles["source"].recall) == (_approx(1.0), _approx(0.5))
    assert s.roles["source"].f1 == _approx(2 / 3)
    # no predicted cue: precision has nothing to count, recall is 0
    assert s.roles["cue"].p_n == 0 and s.roles["cue"].recall == 0.0
    assert s.combined_f1 == _approx((0.5 + 2 / 3) / 2)


def test_half_overlap_via_char_spans():
    doc = sp.convert(DOC)
    g = doc.gold[0]  # "sie komme morgen nach Berlin"
    # a claim whose content ends in the middle of "morgen": sie, komme, morgen -> 3 of 5 tokens
    content = Span.of(doc.text, doc.starts[g.message[0]], doc.starts[g.message[2]] + 2)
    claim = _claim(doc, g.message, g.source, g.cue, "indirect")
    claim.content = content
    pred = sp.claims_to_groups(doc, doc.text, [claim], sp.PredStats())
    s = sp.score_corpus([(pred, [g])])
    assert s.roles["message"].precision == _approx(1.0)
    assert s.roles["message"].recall == _approx(3 / 5)


def test_false_positive_and_miss_count_zero():
    gold = [
        sp.Group(message=(1, 2), source=(0,), form="Direct"),
        sp.Group(message=(10, 11), source=(9,), form="Indirect"),
    ]
    pred = [
        sp.Group(message=(1, 2), source=(0,), form="Direct"),
        sp.Group(message=(30, 31), source=(29,), form="Reported"),
    ]
    s = sp.score_corpus([(pred, gold)])
    assert s.roles["message"].precision == _approx(0.5)
    assert s.roles["message"].recall == _approx(0.5)
    assert s.n_matched == 1
    assert s.gold_form["Indirect"]["matched"] == 0
    assert s.pred_form["Reported"]["matched"] == 0 and s.pred_form["Reported"]["message"].precision == 0.0


def test_alignment_is_one_to_one_and_maximal():
    gold = [sp.Group(message=(1, 2, 3, 4)), sp.Group(message=(5, 6))]
    # p0 = (3,4,5,6) overlaps both gold (F1 0.5 with g0, 0.667 with g1); p1 matches g0 exactly.
    # The one-to-one assignment with the largest total pairs p0-g1 and p1-g0.
    pred = [sp.Group(message=(3, 4, 5, 6)), sp.Group(message=(1, 2, 3, 4))]
    assert sp.align(pred, gold) == [(0, 1), (1, 0)]


def test_narrator_and_outside_claims_are_excluded():
    doc = sp.convert(DOC)
    claims = _gold_claims(doc)
    narrator = _claim(doc, (doc.sent_offs[2], doc.sent_offs[2] + 1), form="narrator")
    title = _claim(doc, (0,), form="reported")
    title.content = Span.of(doc.text, 0, 6)  # "Merkel" in the title line
    stats = sp.PredStats()
    pred = sp.claims_to_groups(doc, doc.text, claims + [narrator, title], stats)
    assert (stats.claims, stats.narrator, stats.outside, stats.scored) == (4, 1, 1, 2)
    _assert_perfect(sp.score_corpus([(pred, doc.gold)]))


def test_article_text_that_differs_is_realigned():
    doc = sp.convert(DOC)
    article_text = "  " + doc.text.replace("„", '"').rstrip("\n")  # a parser that shifts and normalises
    claims = []
    for g in doc.gold:
        c = _claim(doc, g.message, g.source, g.cue, GOLD_FORM_TO_KB[g.form])
        for name in ("content", "speaker_span", "cue"):
            s = getattr(c, name)
            setattr(c, name, Span.of(article_text, s.start + 2, s.end + 2))
        claims.append(c)
    stats = sp.PredStats()
    pred = sp.claims_to_groups(doc, article_text, claims, stats)
    assert stats.bad_spans == 0
    _assert_perfect(sp.score_corpus([(pred, doc.gold)]))


def test_bad_span_is_counted():
    doc = sp.convert(DOC)
    c = _gold_claims(doc)[0]
    c.content = Span(c.content.start, c.content.end, "something else")
    stats = sp.PredStats()
    sp.claims_to_groups(doc, doc.text, [c], stats)
    assert stats.bad_spans == 1


# ---------------------------------------------------------------------------------------------
# CLI, with a stub extractor that returns the gold annotations
# ---------------------------------------------------------------------------------------------


def _stub_extractor(bad: bool = False, crash: bool = False):
    from kb.model import Article

    def parse_text(text: str, source: str) -> Article:
        return Article(source=source, text=text, segments=[], title=None, date=None)

    def extract(article):
        if crash:
            raise RuntimeError("boom")
        doc = sp.convert(DOC)
        assert article.text == doc.text
        claims = _gold_claims(doc)
        if bad:
            claims[0].content = Span(0, 3, "xyz")
        return claims

    return parse_text, extract


@pytest.mark.parametrize(
    "bad,crash,check,code", [(False, False, False, 0), (False, False, True, 0), (True, False, True, 1), (False, True, True, 1)]
)
def test_cli(tmp_path, monkeypatch, capsys, bad, crash, check, code):
    data = tmp_path / "data"
    data.mkdir()
    (data / f"{DOC['DocumentName']}.json").write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(sp, "load_extractor", lambda: _stub_extractor(bad, crash))
    out_json = tmp_path / "r.json"
    dump = tmp_path / "errors.md"
    argv = ["--data", str(data), "--split", "all", "--json", str(out_json), "--dump-errors", "3", "--dump-file", str(dump)]
    if check:
        argv.append("--check")
    assert sp.main(argv) == code
    printed = capsys.readouterr().out
    assert "combined" in printed and "articles/s" in printed
    result = json.loads(out_json.read_text(encoding="utf-8"))
    assert result["counts"]["documents"] == 1
    assert result["counts"]["crashes"] == int(crash)
    assert result["counts"]["bad_spans"] == int(bad)
    if not bad and not crash:
        assert result["scores"]["message"]["f1"] == _approx(1.0)
        assert result["scores"]["combined"]["f1"] == _approx(1.0)
    if crash:
        assert result["scores"]["message"]["r"] == 0.0
        assert "MISSED" in dump.read_text(encoding="utf-8")
    if check:
        assert ("OK" if code == 0 else "FAIL") in printed


def test_alignment_without_scipy_falls_back_to_greedy(monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)  # import fails
    gold = [sp.Group(message=(1, 2, 3, 4)), sp.Group(message=(5, 6))]
    pred = [sp.Group(message=(3, 4, 5, 6)), sp.Group(message=(1, 2, 3, 4)), sp.Group(message=(40,))]
    assert sp.align(pred, gold) == [(0, 1), (1, 0)]


def test_gold_outside_body_segments_is_counted():
    from kb.model import Article, Segment

    doc = sp.convert(DOC)
    first_sentence = doc.sentence_spans[0]
    article = Article(source="x", text=doc.text, segments=[Segment("lead", Span.of(doc.text, *first_sentence))],
                      title=None, date=None)
    assert sp.gold_outside_body(doc, article, doc.gold) == 1  # the direct quote in sentence 2 is not body
    whole = Span.of(doc.text, doc.body_start, len(doc.text))
    article.segments = [Segment("body", whole)]
    assert sp.gold_outside_body(doc, article, doc.gold) == 0


def test_ignore_punct_drops_quotation_marks():
    doc = sp.convert(DOC)
    direct = doc.gold[1]
    assert doc.token_text(direct.message) == "Wir schaffen das"
    quoted = sp.Group(message=tuple(range(direct.message[0] - 1, direct.message[-1] + 2)), source=direct.source,
                      cue=direct.cue, form="Direct")
    assert doc.token_text(quoted.message) == "„Wir schaffen das“"
    s = sp.score_corpus([([direct], [quoted])])
    assert s.roles["message"].recall == _approx(3 / 5)
    s = sp.score_corpus([(sp.without_punct(doc, [direct]), sp.without_punct(doc, [quoted]))])
    assert s.roles["message"].recall == _approx(1.0)


def test_oracle_extractor_matches_gold():
    doc = sp.convert(DOC)
    parse_text, extract = sp.oracle_extractor([doc])
    res = sp.run([doc], parse_text, extract)
    _assert_perfect(res.scores)
    assert res.stats.bad_spans == 0 and not res.crashes


# ---------------------------------------------------------------------------------------------
# SpkAtt span conventions for kb claims (spkatt_message)
# ---------------------------------------------------------------------------------------------

SCHEME_DOC = {
    "DocumentName": "124 - Korridor gefordert (2015-09-01)",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Merkel", "forderte", "einen", "Korridor", "."]},
        {"SentenceId": 1, "Tokens": ["Die", "Lage", "sei", "ernst", "."]},
        {"SentenceId": 2, "Tokens": ["Er", "lehnte", "den", "Plan", "ab", ",", "er", "sei", "zu", "teuer", "."]},
        {"SentenceId": 3, "Tokens": ["Laut", "Polizei", "gab", "es", "Tote", "."]},
        {"SentenceId": 4, "Tokens": ["Es", "gab", "laut", "Polizei", "Tote", "."]},
    ],
    "Annotations": [],
}


def _ids(doc, sent, *positions):
    return tuple(doc.sent_offs[sent] + p for p in positions)


def test_reported_act_message_is_its_sentence_less_other_claims():
    doc = sp.convert(SCHEME_DOC)
    act = _claim(doc, _ids(doc, 0, 2, 3), _ids(doc, 0, 0), _ids(doc, 0, 1), form="reported")
    # 'Er lehnte den Plan ab': the act shares its sentence with an indirect claim ('er sei zu teuer')
    act2 = _claim(doc, _ids(doc, 2, 2, 3), _ids(doc, 2, 0), _ids(doc, 2, 1), form="reported")
    indirect = _claim(doc, _ids(doc, 2, 6, 7, 8, 9), _ids(doc, 2, 0), _ids(doc, 2, 1), form="indirect")
    groups = sp.claims_to_groups(doc, doc.text, [act, act2, indirect], sp.PredStats())
    assert doc.token_text(groups[0].message) == "Merkel forderte einen Korridor."
    assert groups[1].message == _ids(doc, 2, 0, 1, 2, 3, 4, 5, 10)
    assert doc.token_text(groups[2].message) == "er sei zu teuer"  # Indirect: no period
    # --kb-spans: the content as it is
    raw = sp.claims_to_groups(doc, doc.text, [act], sp.PredStats(), scheme=False)
    assert doc.token_text(raw[0].message) == "einen Korridor"


def test_source_phrase_claim_keeps_its_content():
    """'Laut Polizei ...' is kb form 'reported' too, but its cue is no reporting verb: SpkAtt's
    Indirect clause after the source phrase, no sentence span."""
    doc = sp.convert(SCHEME_DOC)
    laut = _claim(doc, _ids(doc, 3, 2, 3, 4), _ids(doc, 3, 1), _ids(doc, 3, 0), form="reported")
    assert not sp.reported_act(laut)
    groups = sp.claims_to_groups(doc, doc.text, [laut], sp.PredStats())
    assert doc.token_text(groups[0].message) == "gab es Tote"


def test_source_phrase_inside_the_content_is_cut_out_of_the_message():
    """'Es gab laut Polizei Tote': kb's content is the clause around the source phrase; SpkAtt's
    Message never holds its own Source or Cue ('Es gab … Tote')."""
    doc = sp.convert(SCHEME_DOC)
    laut = _claim(doc, _ids(doc, 4, 0, 1, 2, 3, 4), _ids(doc, 4, 3), _ids(doc, 4, 2), form="reported")
    groups = sp.claims_to_groups(doc, doc.text, [laut], sp.PredStats())
    assert groups[0].message == _ids(doc, 4, 0, 1, 4)
    assert groups[0].source == _ids(doc, 4, 3) and groups[0].cue == _ids(doc, 4, 2)
    raw = sp.claims_to_groups(doc, doc.text, [laut], sp.PredStats(), scheme=False)
    assert raw[0].message == _ids(doc, 4, 0, 1, 2, 3, 4)


def test_free_indirect_message_takes_the_final_period():
    doc = sp.convert(SCHEME_DOC)
    free = _claim(doc, _ids(doc, 1, 0, 1, 2, 3), form="free-indirect")
    partial = _claim(doc, _ids(doc, 1, 0, 1), form="free-indirect")  # ends before 'sei': no period
    groups = sp.claims_to_groups(doc, doc.text, [free, partial], sp.PredStats())
    assert doc.token_text(groups[0].message) == "Die Lage sei ernst."
    assert doc.token_text(groups[1].message) == "Die Lage"


QUOTE_DOC = {
    "DocumentName": "125 - Ansporn (2015-09-02)",
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["„", "Ich", "hoffe", ",", "dass", "es", "hilft", "“", ",", "sagte", "Anna", "."]},
    ],
    "Annotations": [],
}


def test_speech_inside_a_direct_quotation_is_not_scored_unless_asked():
    """'„Ich hoffe, dass es hilft“, sagte Anna': kb reads Anna's quotation and, nested in it, her hope;
    SpkAtt annotates the quotation once, so the nested claim is counted, not scored."""
    from dataclasses import replace

    doc = sp.convert(QUOTE_DOC)
    quote = _claim(doc, _ids(doc, 0, 0, 1, 2, 3, 4, 5, 6, 7), _ids(doc, 0, 10), _ids(doc, 0, 9), form="direct")
    hope = replace(_claim(doc, _ids(doc, 0, 4, 5, 6), _ids(doc, 0, 1), _ids(doc, 0, 2)), nested_in=0)
    words = replace(_claim(doc, _ids(doc, 0, 5, 6), form="direct"), nested_in=1)  # nested in the indirect claim
    assert sp.quoted_speech(hope, [quote, hope, words]) and not sp.quoted_speech(words, [quote, hope, words])
    assert not sp.quoted_speech(quote, [quote, hope, words])
    stats = sp.PredStats()
    groups = sp.claims_to_groups(doc, doc.text, [quote, hope, words], stats)
    assert [g.ref for g in groups] == [quote, words] and stats.inside_quotes == 1
    stats = sp.PredStats()
    groups = sp.claims_to_groups(doc, doc.text, [quote, hope, words], stats, inside_quotes=True)
    assert len(groups) == 3 and stats.inside_quotes == 0
