"""Content-derived keys and IRIs: the same content gives the same IRI in every run.

Reads: plain values. Returns: IRI strings. Raises: nothing.
An article is keyed by the hash of its canonical text; a claim by article, content span and
speaker; a proposition by its (subject, relation, object) key; an entity by its key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BASE = "https://kb.example.org/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"


def digest(*parts: object, length: int = 16) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def slug(text: str) -> str:
    """ASCII slug of a label: 'Wladimir Putin' -> 'wladimir-putin'."""
    folded = text.replace("ß", "ss")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def article(sha256: str) -> str:
    return f"{ID}article/{sha256[:16]}"


def article_graph(sha256: str) -> str:
    return f"{GRAPH}article/{sha256[:16]}"


def claim(article_sha256: str, start: int, end: int, speaker_key: str) -> str:
    return f"{ID}claim/{digest(article_sha256, start, end, speaker_key)}"


def span(claim_iri: str, role: str) -> str:
    return f"{claim_iri}/{role}"


def proposition(key: str) -> str:
    return f"{ID}proposition/{digest(key)}"


def issue(key: str) -> str:
    return f"{ID}issue/{digest(key)}"


def entity(key: str) -> str:
    return f"{ID}entity/{slug(key)}"


def run(article_sha256: str, extractor_id: str, version: str) -> str:
    return f"{ID}run/{digest(article_sha256, extractor_id, version)}"


def tool(version: str) -> str:
    return f"{ID}tool/kb-{slug(version)}"
