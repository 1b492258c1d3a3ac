"""Fact-checkers' rating words (German and English) → a normalised rating, the original kept beside it.

Reads: kb/lexicons/ratings.tsv (and a ratings.tsv in each KB_LEXICONS directory). Returns: Rating.
Raises: UsageError for a rating the lexicon does not know (naming close and common ones),
InputError for a malformed lexicon row.

The scale: 1 false, 2 mostly false, 3 mixed, 4 mostly true, 5 true (WORST..BEST). Categories that
say something other than how true a claim is (satire, unproven, misleading, missing-context,
false-context, altered, misattributed, outdated, legend) have no value. Matching ignores case,
ß/ss and umlaut spellings, hyphens, dashes and underscores, spacing, surrounding quotes, a
trailing "!", "." or "?" and a leading "Bewertung:" / "Rating:" / "Verdict:".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kb import lexicon
from kb.errors import InputError, UsageError

WORST, BEST = 1, 5
LEXICON = "ratings.tsv"
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_LABEL = re.compile(r"^(?:bewertung|urteil|rating|verdict|our rating|unsere bewertung)\s*:\s*")
_EDGES = "\"'„“”‚‘’«»‹›!?.,;: "


@dataclass(frozen=True)
class Rating:
    original: str  # exactly as the reviewer wrote it
    category: str  # the normalised rating: "false", "mostly-false", ..., "satire", "unproven"
    value: int | None  # WORST..BEST, or None for a category that is not on the scale
    best: int = BEST
    worst: int = WORST


def key(text: str) -> str:
    """The matching key: 'Größtenteils-Falsch!' -> 'groesstenteils falsch'."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    folded = re.sub(r"[\s\-‐‑‒–—_/]+", " ", folded).strip(_EDGES)
    return _LABEL.sub("", folded).strip(_EDGES)


@cache
def table() -> dict[str, tuple[str, str, int | None]]:
    """Matching key -> (text as listed, category, value), from every ratings lexicon."""
    out: dict[str, tuple[str, str, int | None]] = {}
    values: dict[str, int | None] = {}
    for text, category, value, *_ in lexicon.rows(LEXICON, 5):
        number = _value(text, value)
        if category in values and values[category] != number:
            raise InputError(f"{LEXICON}: rating '{text}': category '{category}' has the value "
                             f"{values[category]} elsewhere, not {value or 'none'}")
        if not text or not re.fullmatch(r"[a-z][a-z-]*", category):
            raise InputError(f"{LEXICON}: rating '{text}': needs the text and a category such as mostly-false")
        values[category] = number
        out.setdefault(key(text), (text, category, number))
    return out


def _value(text: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not WORST <= int(value) <= BEST:
        raise InputError(f"{LEXICON}: rating '{text}': value '{value}' is not {WORST}..{BEST} or empty")
    return int(value)


def normalise(text: str) -> Rating:
    """The rating for ``text`` as a reviewer wrote it; UsageError when the lexicon does not know it."""
    original = " ".join(text.split())
    found = table().get(key(text))
    if found is None:
        raise UsageError(f"unknown rating {original!r}", hint=_hint(text))
    return Rating(original, found[1], found[2])


def known() -> list[str]:
    """The categories, scale first (false .. true), then the others by name."""
    categories = {category: value for _, category, value in table().values()}
    return sorted(categories, key=lambda c: (categories[c] is None, categories[c] or 0, c))


def _hint(text: str) -> str:
    entries = table()
    close = [entries[k][0] for k in difflib.get_close_matches(key(text), entries, n=3, cutoff=0.75)]
    common = "falsch, größtenteils falsch, teilweise richtig, richtig, irreführend, fehlender Kontext, " \
             "unbelegt, Satire; False, Mostly False, Half True, Mostly True, True, Pants on Fire, " \
             "misleading, missing context, unproven"
    start = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
    return f"{start}known ratings include {common}; add yours to kb/lexicons/ratings.tsv " \
           f"(or a ratings.tsv in a KB_LEXICONS directory)"
