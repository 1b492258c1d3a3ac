"""Tokens, quotations and sentences of a stretch of text, with code-point offsets.

Reads: a string and a base offset. Returns: Token, Quote and Sentence tuples whose offsets are
absolute (base + position). Raises: nothing.
Hand-written regular expressions: SoMaJo gave the same tokens at 87 ms per article against
0.26 ms here (docs/decisions.md), and the extractor needs only words, punctuation and quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from kb.lexicon import rows

TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*(?:-(?=\s|$))?|[^\w\s]", re.U)
QUOTE_MARKS = "\"„“”»«‚‘’"  # every quotation mark the rules treat as one
OPENERS = {"„": "“", "»": "«", "«": "»", "“": "”", "‚": "‘", '"': '"'}
CLOSERS = {"“", "”", "«", "»", "‘", '"'}
SENT_END = re.compile(r'[.!?…]+["“”»«‘’)]*(?=\s+["„“»«(]?[A-ZÄÖÜ0-9])')


class Token(NamedTuple):
    """A word or punctuation mark with its code-point offsets. A NamedTuple, not a dataclass: an
    article makes tens of thousands and a tuple is built in half the time (bench/throughput.py)."""

    text: str
    start: int
    end: int
    lower: str  # text.lower(), computed once: the rules compare it millions of times
    is_cap: bool  # starts with an upper-case letter


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


def tokenize(text: str, base: int = 0) -> list[Token]:
    out = []
    for m in TOKEN.finditer(text):
        word = m.group(0)
        out.append(Token(word, base + m.start(), base + m.end(), word.lower(), word[:1].isupper()))
    return out


def _straight_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{–—-/:„") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}–—-"):
        return "close"
    return "either"


def quotes(text: str, base: int = 0) -> list[Quote]:
    """Paired quotation marks, nested ones included; unpaired marks are ignored."""
    stack: list[tuple[str, int]] = []
    found: list[Quote] = []
    for i, ch in enumerate(text):
        if ch not in OPENERS and ch not in CLOSERS:
            continue
        if ch == '"':
            role = _straight_role(text, i)
            top_straight = bool(stack) and stack[-1][0] == '"'
            if role == "close" or (role == "either" and top_straight):
                if top_straight:
                    _, start = stack.pop()
                    found.append(Quote(base + start, base + i + 1, len(stack)))
                continue
            stack.append(('"', i))
            continue
        if stack and OPENERS.get(stack[-1][0]) == ch:
            _, start = stack.pop()
            found.append(Quote(base + start, base + i + 1, len(stack)))
        elif ch in OPENERS and ch not in ("‘",):
            if ch == "“" and not any(o == "„" for o, _ in stack) and i + 1 < len(text) and text[i + 1].isspace():
                continue  # a German closing mark with no opener
            if ch in ("»", "«") and stack and stack[-1][0] in ("»", "«"):
                continue
            stack.append((ch, i))
    found.sort(key=lambda q: (q.start, -q.end))
    return found


@cache
def _abbreviations() -> frozenset[str]:
    words = next((w for cls, w in rows("de/words.tsv", 2) if cls == "abbreviation"), "")
    return frozenset(words.split(","))


def sentences(text: str, base: int = 0, quoted: list[Quote] | None = None) -> list[Sentence]:
    """Sentences, never split inside a quotation (a quoted speech of three sentences is one unit)."""
    spans = [(q.start - base, q.end - base) for q in (quoted if quoted is not None else quotes(text, base)) if q.depth == 0]
    cuts = [0]
    for match in SENT_END.finditer(text):
        cut = match.end()
        if any(s < match.start() and match.end() < e for s, e in spans):
            continue
        word = re.search(r"(\S+)$", text[cuts[-1]:match.start()])
        last = word.group(1).lower().strip("(\"„“") if word else ""
        if match.group(0).startswith(".") and (last in _abbreviations() or re.fullmatch(r"\d{1,2}|[a-zäöü]", last)):
            continue
        cuts.append(cut)
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append(Sentence(base + a + lead, base + a + trail, tuple(tokenize(chunk[lead:trail], base + a + lead))))
    return out
