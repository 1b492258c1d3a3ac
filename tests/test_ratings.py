"""kb.ratings: the rating words fact-checkers publish (German and English, any case, hyphens and
spacing variants) -> kb's normalised rating, the original kept beside it; kb/lexicons/ratings.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb import lexicon, ratings
from kb.errors import InputError, UsageError
from kb.ratings import BEST, WORST, Rating, key, normalise

LEXICON = Path(ratings.__file__).resolve().parent / "lexicons" / "ratings.tsv"

# (as published, category, value): the ratings of Correctiv, dpa, AFP, BR24, PolitiFact, Snopes,
# Reuters, The Washington Post and Meta's programme, written the ways they appear in the wild.
REAL = [
    # German
    ("falsch", "false", 1), ("Falsch", "false", 1), ("FALSCH", "false", 1), ("Falsch.", "false", 1),
    ("Bewertung: Falsch", "false", 1), ("Frei erfunden", "false", 1), ("Stimmt nicht", "false", 1),
    ("größtenteils falsch", "mostly-false", 2), ("Größtenteils falsch", "mostly-false", 2),
    ("GRÖSSTENTEILS FALSCH", "mostly-false", 2), ("Groesstenteils falsch", "mostly-false", 2),
    ("Größtenteils-Falsch", "mostly-false", 2), ("überwiegend falsch", "mostly-false", 2),
    ("Teilweise falsch", "mixture", 3), ("Teilweise richtig", "mixture", 3), ("teilweise  richtig", "mixture", 3),
    ("Halbwahr", "mixture", 3), ("Stimmt teilweise", "mixture", 3),
    ("Größtenteils richtig", "mostly-true", 4), ("überwiegend wahr", "mostly-true", 4),
    ("richtig", "true", 5), ("Richtig", "true", 5), ("Stimmt", "true", 5), ("wahr", "true", 5),
    ("irreführend", "misleading", None), ("Irreführend", "misleading", None), ("IRREFUEHREND", "misleading", None),
    ("fehlender Kontext", "missing-context", None), ("Fehlender Kontext", "missing-context", None),
    ("Falscher Kontext", "false-context", None), ("unbelegt", "unproven", None), ("Unbelegt", "unproven", None),
    ("Manipuliert", "altered", None), ("Satire", "satire", None), ("„Satire“", "satire", None),
    # English
    ("False", "false", 1), ("false", "false", 1), ("FALSE", "false", 1), ("Pants on Fire!", "false", 1),
    ("Pants On Fire", "false", 1), ("pants-on-fire", "false", 1), ("four Pinocchios", "false", 1),
    ("Four Pinocchios", "false", 1), ("4 Pinocchios", "false", 1), ("Fake", "false", 1),
    ("Mostly False", "mostly-false", 2), ("mostly-false", "mostly-false", 2), ("Three Pinocchios", "mostly-false", 2),
    ("half-true", "mixture", 3), ("Half True", "mixture", 3), ("HALF TRUE", "mixture", 3), ("Half–True", "mixture", 3),
    ("Mixture", "mixture", 3), ("Partly false", "mixture", 3), ("Two Pinocchios", "mixture", 3),
    ("Mostly True", "mostly-true", 4), ("mostly-true", "mostly-true", 4), ("mostly_true", "mostly-true", 4),
    ("One Pinocchio", "mostly-true", 4),
    ("True", "true", 5), ("true", "true", 5), ("Correct", "true", 5), ("Geppetto Checkmark", "true", 5),
    ("misleading", "misleading", None), ("Misleading", "misleading", None),
    ("missing context", "missing-context", None), ("Missing Context", "missing-context", None),
    ("Missing-Context", "missing-context", None), ("Needs Context", "missing-context", None),
    ("unproven", "unproven", None), ("Unproven", "unproven", None), ("Unsubstantiated", "unproven", None),
    ("Altered", "altered", None), ("Labeled Satire", "satire", None), ("satire", "satire", None),
    ("Miscaptioned", "false-context", None), ("Outdated", "outdated", None), ("Misattributed", "misattributed", None),
    ("Legend", "legend", None),
]


def test_enough_real_ratings():
    assert len(REAL) >= 40
    assert {c for _, c, _ in REAL} == set(ratings.known())  # every category is exercised


@pytest.mark.parametrize("text, category, value", REAL, ids=[r[0] for r in REAL])
def test_real_rating(text, category, value):
    rating = normalise(text)
    assert (rating.category, rating.value) == (category, value)
    assert rating.original == " ".join(text.split())  # as written; only runs of whitespace become one space
    assert (rating.worst, rating.best) == (WORST, BEST) == (1, 5)


def test_original_keeps_case_and_punctuation_and_folds_only_whitespace():
    assert normalise("  Pants on\n Fire! ") == Rating("Pants on Fire!", "false", 1)


def test_scale_order():
    values = {category: value for _, category, value in ratings.table().values()}
    assert [(c, values[c]) for c in ratings.known() if values[c] is not None] == [
        ("false", 1), ("mostly-false", 2), ("mixture", 3), ("mostly-true", 4), ("true", 5)]
    assert ratings.known()[5:] == sorted(c for c, v in values.items() if v is None)


@pytest.mark.parametrize("text", ["Größtenteils-Falsch!", "groesstenteils   falsch", "GRÖẞTENTEILS FALSCH",
                                  "Größtenteils — falsch", "'größtenteils falsch'", "Rating: größtenteils falsch"])
def test_key_variants(text):
    assert key(text) == "groesstenteils falsch"


@pytest.mark.parametrize("text", ["flase", "", "   ", "sehr falsch", "5", "wahrscheinlich", "True-ish"])
def test_unknown_rating_is_a_usage_error_naming_known_ones(text):
    with pytest.raises(UsageError, match="unknown rating") as caught:
        normalise(text)
    assert caught.value.exit_code == 2
    assert "falsch" in caught.value.hint and "Mostly False" in caught.value.hint
    assert "ratings.tsv" in caught.value.hint


def test_unknown_rating_suggests_a_close_one():
    with pytest.raises(UsageError) as caught:
        normalise("Mostly Flase")
    assert caught.value.hint.startswith("did you mean 'mostly false'?")


def test_lexicon_file_is_consistent():
    table = ratings.table()
    assert len(table) >= 80
    by_category: dict[str, set] = {}
    for text, category, value in table.values():
        by_category.setdefault(category, set()).add(value)
    assert all(len(values) == 1 for values in by_category.values()), by_category
    rows = [line for line in LEXICON.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len({key(line.split("\t")[0]) for line in rows}) == len(rows), "a rating is listed twice"


@pytest.fixture
def extra_lexicon(tmp_path, monkeypatch):
    def use(text: str) -> None:
        (tmp_path / "ratings.tsv").write_text(text, encoding="utf-8")
        monkeypatch.setenv("KB_LEXICONS", str(tmp_path))
        lexicon.rows.cache_clear()
        ratings.table.cache_clear()
    yield use
    monkeypatch.delenv("KB_LEXICONS", raising=False)
    lexicon.rows.cache_clear()
    ratings.table.cache_clear()


def test_users_extend_the_lexicon(extra_lexicon):
    extra_lexicon("# mine\nfast richtig\tmostly-true\t4\tde\nzu früh geteilt\tpremature\t\tde\n")
    assert normalise("Fast richtig") == Rating("Fast richtig", "mostly-true", 4)
    assert normalise("Zu früh geteilt") == Rating("Zu früh geteilt", "premature", None)
    assert normalise("falsch").value == 1  # the shipped lexicon still applies


@pytest.mark.parametrize("row, message", [
    ("fast richtig\tmostly-true\t3\n", "has the value 4 elsewhere"),
    ("fast richtig\tmostly-true\tvier\n", "is not 1..5"),
    ("fast richtig\tmostly-true\t9\n", "is not 1..5"),
    ("fast richtig\tMostly True\t4\n", "needs the text and a category"),
    ("a\tb\tc\td\te\tf\n", "6 columns"),
])
def test_malformed_lexicon_rows(extra_lexicon, row, message):
    extra_lexicon(row)
    with pytest.raises(InputError, match=message):
        normalise("falsch")


@given(st.text(max_size=40))
def test_any_text_is_a_rating_or_a_usage_error(text):
    try:
        rating = normalise(text)
    except UsageError:
        return
    assert rating.category in ratings.known()
    assert rating.value is None or WORST <= rating.value <= BEST


@given(st.text(max_size=40))
def test_key_is_idempotent(text):
    assert key(key(text)) == key(text)
