"""Wikidata facts for the linker: a SPARQL client with a persistent cache, and the shipped seed.

Reads: a SPARQL endpoint (default: the Wikidata Query Service) through SPARQLWrapper, a SQLite
cache file, or kb/data/wikidata-seed.json. Returns: ``kb.link.Item`` facts and, per looked-up
text, the QIDs whose label or alias it is (an empty tuple is a remembered "no such item").
Raises: WikidataError (exit 6) when the endpoint cannot be reached, times out, or keeps
answering 429/503 beyond the retry cap; every batch answered before that stays cached.

The endpoint's rules: a descriptive User-Agent, one request at a time (a process-wide lock),
many labels per request (VALUES), 429 and 503 retried after ``Retry-After`` (capped), a 60 s
timeout. A 200 answer that is not SPARQL JSON results is an error and is not cached; a valid
answer with no rows for a text is cached as an explicit empty answer, so a re-run sends nothing.
Values go into the query text as escaped literals: the SPARQL protocol has no parameter binding.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import socket
import sqlite3
import threading
import time
import urllib.error
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

from kb import __version__
from kb.errors import StoreError
from kb.link import Item, Position
from kb.resources import PACKAGE_DIR

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
SEED_PATH = PACKAGE_DIR / "data" / "wikidata-seed.json"
USER_AGENT = (f"kb/{__version__} (fact-check knowledge base; https://kb.example.org/; "
              f"set KB_WIKIDATA_USER_AGENT to name your contact) SPARQLWrapper/2")
LANGUAGES = ("de", "en", "mul")
ENTITY = "http://www.wikidata.org/entity/"
_LOCK = threading.Lock()  # one request at a time, whatever the number of clients

QUERY = """PREFIX p: <http://www.wikidata.org/prop/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?text ?item ?fact ?value ?start ?end WHERE {
  VALUES ?text { %s }
  { ?item rdfs:label ?text } UNION { ?item skos:altLabel ?text }
  FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
  { ?item rdfs:label ?value BIND("label" AS ?fact) }
  UNION { ?item skos:altLabel ?value BIND("alias" AS ?fact) }
  UNION { ?item schema:description ?value BIND("description" AS ?fact) }
  UNION { ?item wdt:P31/rdfs:label ?value BIND("class" AS ?fact) }
  UNION { ?item wdt:P569 ?value BIND("born" AS ?fact) }
  UNION { ?item wdt:P570 ?value BIND("died" AS ?fact) }
  UNION { ?item wdt:P585 ?value BIND("time" AS ?fact) }
  UNION { ?item wikibase:sitelinks ?value BIND("sitelinks" AS ?fact) }
  UNION { ?item p:P39 ?statement . ?statement ps:P39/rdfs:label ?value BIND("position" AS ?fact)
          OPTIONAL { ?statement pq:P580 ?start } OPTIONAL { ?statement pq:P582 ?end } }
  FILTER(!isLiteral(?value) || LANG(?value) = "" || LANG(?value) IN (%s))
}"""


class WikidataError(StoreError):
    """The Wikidata endpoint cannot be reached, is too slow, or keeps refusing (429/503)."""

    default_hint = ("what was fetched before is cached: run the same command again later, "
                    "or use --offline for the facts shipped with kb")


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def literal(text: str, lang: str) -> str:
    """A SPARQL string literal with a language tag; every character that could end it is escaped."""
    escaped = "".join(_ESCAPES.get(ch, ch) if ch in _ESCAPES or ord(ch) >= 0x20 else f"\\u{ord(ch):04X}"
                      for ch in text)
    return f'"{escaped}"@{lang}'


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def build_query(texts: Iterable[str], languages: tuple[str, ...] = LANGUAGES) -> str:
    values = " ".join(literal(t, lang) for t in texts for lang in languages)
    return QUERY % (values, ", ".join(f'"{lang}"' for lang in languages))


def federated(query: str, endpoint: str = DEFAULT_ENDPOINT, items: Iterable[str] = ()) -> str:
    """A federated query (queries/wikidata/*.rq) ready to run: its ``SERVICE <…WDQS…>`` pointed at
    ``endpoint``, and its ``VALUES ?item { UNDEF }`` placeholder filled with ``items`` (QIDs), so the
    remote side evaluates only the KB's items. Raises ValueError for a bad URL or QID."""
    if not endpoint.startswith(("http://", "https://")) or any(c in endpoint for c in '<>" {}|\\^`'):
        raise ValueError(f"not an endpoint URL: {endpoint!r}")
    text = query.replace(f"<{DEFAULT_ENDPOINT}>", f"<{endpoint}>")
    qids = sorted(set(items))
    if qids:
        if not all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids):
            raise ValueError(f"not Wikidata item ids: {qids}")
        text = text.replace("VALUES ?item { UNDEF }", "VALUES ?item { " + " ".join(f"<{ENTITY}{q}>" for q in qids) + " }")
    return text


# ---------------------------------------------------------------------- cache


class Cache:
    """Answers per endpoint in SQLite: texts → QIDs (empty = none), QIDs → facts. ``path=None``: memory."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._connection: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        """Opened on first use, so that naming a cache creates no file and no directory."""
        if self._connection is None:
            try:
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self._connection = sqlite3.connect(":memory:" if self.path is None else str(self.path))
                self._connection.executescript(
                    "CREATE TABLE IF NOT EXISTS texts (endpoint TEXT, text TEXT, qids TEXT, retrieved TEXT,"
                    " PRIMARY KEY (endpoint, text));"
                    "CREATE TABLE IF NOT EXISTS items (endpoint TEXT, qid TEXT, facts TEXT, retrieved TEXT,"
                    " PRIMARY KEY (endpoint, qid));")
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(f"cannot open the Wikidata cache {self.path}: {exc}") from exc
        return self._connection

    def texts(self, endpoint: str, texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
        out = {}
        for text in texts:
            row = self._db.execute("SELECT qids FROM texts WHERE endpoint = ? AND text = ?", (endpoint, text)).fetchone()
            if row is not None:
                out[text] = tuple(json.loads(row[0]))
        return out

    def item(self, endpoint: str, qid: str) -> Item | None:
        row = self._db.execute("SELECT facts, retrieved FROM items WHERE endpoint = ? AND qid = ?",
                               (endpoint, qid)).fetchone()
        return None if row is None else item_from_json({**json.loads(row[0]), "retrieved": row[1]})

    def store(self, endpoint: str, answers: dict[str, tuple[str, ...]], items: dict[str, Item], retrieved: str) -> None:
        """One batch in one transaction: a crash leaves whole batches, never half of one."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?)",
                                 [(endpoint, t, json.dumps(list(q)), retrieved) for t, q in answers.items()])
            self._db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?)",
                                 [(endpoint, q, json.dumps(asdict(i), ensure_ascii=False), retrieved)
                                  for q, i in items.items()])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def item_from_json(data: dict) -> Item:
    data = dict(data)
    data["positions"] = tuple(Position(**p) for p in data.get("positions", ()))
    for name in ("labels", "aliases", "metonyms", "descriptions", "classes", "kinds"):
        data[name] = tuple(data.get(name, ()))
    return Item(**data)


# ---------------------------------------------------------------------- client


class Client:
    """Looks texts up at a SPARQL endpoint in batches; answers come from the cache once fetched."""

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, cache: Cache | None = None, timeout: float = 60.0,
                 user_agent: str = USER_AGENT, batch: int = 100, max_retries: int = 3, max_wait: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.name = endpoint
        self.cache = cache if cache is not None else Cache()
        self.timeout, self.user_agent, self.batch = timeout, user_agent, batch
        self.max_retries, self.max_wait, self.sleep = max_retries, max_wait, sleep
        self.requests = 0  # HTTP requests sent, retries included
        self.waits: list[float] = []  # seconds waited before retries

    def prefetch(self, texts: Iterable[str]) -> int:
        """Fetch every text the cache has no answer for; returns how many were fetched."""
        wanted = list(dict.fromkeys(texts))
        missing = [t for t in wanted if t not in self.cache.texts(self.name, wanted)]
        for start in range(0, len(missing), self.batch):
            chunk = missing[start:start + self.batch]
            answers, items = parse_results(self._send(build_query(chunk)), chunk)
            self.cache.store(self.name, answers, items, now())
        return len(missing)

    def candidates(self, text: str) -> tuple[str, ...] | None:
        return self.cache.texts(self.name, [text]).get(text)

    def item(self, qid: str) -> Item | None:
        return self.cache.item(self.name, qid)

    def _send(self, query: str) -> dict:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        wrapper = SPARQLWrapper(self.name, agent=self.user_agent)
        wrapper.setOnlyConneg(True)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.timeout = self.timeout  # setTimeout() truncates to whole seconds (0.5 would mean none)
        wrapper.setQuery(query)
        for attempt in range(self.max_retries + 1):
            with _LOCK:
                self.requests += 1
                try:
                    response = wrapper.query().response
                    body = response.read()
                    break
                except urllib.error.HTTPError as exc:
                    if exc.code not in (429, 503):
                        raise WikidataError(f"{self.name} answered HTTP {exc.code}: {_short(exc)}") from exc
                    wait = self._retry_after(exc, attempt)
                except SPARQLWrapperException as exc:
                    raise WikidataError(f"{self.name} rejected the lookup: {_short(exc)}") from exc
                except (TimeoutError, socket.timeout) as exc:
                    raise WikidataError(f"{self.name} did not answer within {self.timeout:g} s") from exc
                except urllib.error.URLError as exc:
                    if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                        raise WikidataError(f"{self.name} did not answer within {self.timeout:g} s") from exc
                    raise WikidataError(f"cannot reach {self.name}: {exc.reason}") from exc
                except (OSError, ValueError) as exc:  # reset connections, malformed responses
                    raise WikidataError(f"{self.name} failed mid-answer: {exc}") from exc
            self.waits.append(wait)
            self.sleep(wait)
        else:
            raise WikidataError(f"{self.name} still refused after {self.max_retries} retries (HTTP 429/503)")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise WikidataError(f"{self.name} answered 200 but not with SPARQL JSON results") from exc

    def _retry_after(self, exc: urllib.error.HTTPError, attempt: int) -> float:
        if attempt >= self.max_retries:
            raise WikidataError(f"{self.name} still answered HTTP {exc.code} after {self.max_retries} retries") from exc
        wait = parse_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
        wait = 2.0 ** attempt if wait is None else wait
        if wait > self.max_wait:
            raise WikidataError(f"{self.name} answered HTTP {exc.code} and asked to wait {wait:g} s, "
                                f"more than the {self.max_wait:g} s cap") from exc
        return wait


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delay-seconds or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def parse_results(data: dict, texts: list[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, Item]]:
    """SPARQL JSON rows → (text → QIDs, QID → Item). A text without rows gets an explicit empty answer."""
    try:
        bindings = data["results"]["bindings"]
        if not isinstance(bindings, list):
            raise TypeError
    except (KeyError, TypeError) as exc:
        raise WikidataError("the endpoint answered 200 without SPARQL results (no results.bindings)") from exc
    matches: dict[str, set[str]] = {t: set() for t in texts}
    facts: dict[str, dict[str, set]] = {}
    for row in bindings:
        text, item = row.get("text", {}).get("value"), row.get("item", {}).get("value", "")
        if text not in matches or not item.startswith(ENTITY + "Q"):
            continue
        qid = item[len(ENTITY):]
        matches[text].add(qid)
        fact, value = row.get("fact", {}).get("value"), row.get("value", {}).get("value")
        if fact and value is not None:
            entry = (value, _value(row, "start"), _value(row, "end")) if fact == "position" else value
            facts.setdefault(qid, {}).setdefault(fact, set()).add(entry)
    items = {qid: _item(qid, f) for qid, f in facts.items()}
    return {t: tuple(sorted(q)) for t, q in matches.items()}, items


def _value(row: dict, name: str) -> str | None:
    return row[name]["value"] if name in row else None


def _item(qid: str, facts: dict[str, set]) -> Item:
    def one(name: str) -> str | None:
        return min(facts[name])[:10] if facts.get(name) else None

    sitelinks = [int(v) for v in facts.get("sitelinks", ()) if str(v).isdigit()]
    return Item(
        qid,
        labels=tuple(sorted(facts.get("label", ()))),
        aliases=tuple(sorted(facts.get("alias", ()))),
        descriptions=tuple(sorted(facts.get("description", ()))),
        classes=tuple(sorted(facts.get("class", ()))),
        born=one("born"),
        died=one("died"),
        point_in_time=one("time"),
        positions=tuple(Position(label, start, end) for label, start, end in
                        sorted(facts.get("position", ()), key=lambda p: (p[0], p[1] or "", p[2] or ""))),
        sitelinks=max(sitelinks) if sitelinks else None,
    )


# ---------------------------------------------------------------------- the shipped seed


class Seed:
    """The offline source: facts built only from shared/data/wikidata/seed-entities.tsv (verified QIDs)."""

    def __init__(self, path: Path = SEED_PATH):
        data = _seed(path)
        self.name = data["urn"]
        self.requests = 0
        self._items = {qid: item_from_json({**facts, "qid": qid, "retrieved": data["as_of"]})
                       for qid, facts in data["items"].items()}
        self._index: dict[str, list[str]] = {}
        for qid, item in sorted(self._items.items()):
            for text in {*item.labels, *item.aliases, *item.metonyms}:
                self._index.setdefault(text, []).append(qid)

    def prefetch(self, texts: Iterable[str]) -> int:
        return 0

    def candidates(self, text: str) -> tuple[str, ...] | None:
        return tuple(self._index.get(text, ()))

    def item(self, qid: str) -> Item | None:
        return self._items.get(qid)


@cache
def _seed(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the shipped Wikidata seed {path}: {exc}",
                         hint="reinstall kb, or rebuild it with python tools/build_wikidata_seed.py") from exc
    return data


def seed_urn(tsv_bytes: bytes) -> str:
    return f"urn:kb:wikidata-seed:{hashlib.sha256(tsv_bytes).hexdigest()[:16]}"
