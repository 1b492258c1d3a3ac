"""The linker stage: entity mentions → Wikidata items, with a score and the reasons for it.

Reads: ``Request`` values (an entity's labels, its kb type, the article's date and the other
entities of the article) and a ``Source`` of Wikidata facts (the shipped seed cache or the
SPARQL client's cache). Returns: ``Link`` values (accepted, review, none or pending) with scored
``Candidate`` items. Raises: nothing. No RDF here: kb.rdf turns links into triples.

Candidates come from exact label and alias matches (German, English, multilingual). Each is
then filtered and scored: by type (the item's classes against the entity's kb type), by dates
(a person must be alive on the article's date; holding an office then, P39 with P580/P582,
counts for them), by context (the other entities of the article named in the item's
description or offices) and by prominence (sitelinks, as a share of the rival candidates).
A link is accepted only when the best score reaches ``threshold``, beats the runner-up by
``margin``, and its QID is not merely "likely"; otherwise the candidates stay for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

LINKER_ID = "kb-link/1"
# kb entity types the linker looks up; groups ("Trump und Putin") and concepts are never linked.
ACCEPTS: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "organization": frozenset({"organization", "government"}),
    "government": frozenset({"government", "organization", "country"}),
    "country": frozenset({"country"}),
    "city": frozenset({"city"}),
    "event": frozenset({"event"}),
    "document": frozenset({"document"}),
}
# English labels of an item's classes (P31) → kinds; the first matching rule wins per class.
CLASS_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), k) for p, k in (
    (r"disambiguation|family name|surname|given name|first name|wikimedia|list of", "nonentity"),
    (r"^human$", "person"),
    (r"fictional|character", "other"),
    (r"state of|province|region|county|federated|territory", "region"),
    (r"sovereign state|^country$|^state$|nation state|republic", "country"),
    (r"capital|city|town|village|municipality|metropolis|settlement|commune", "city"),
    (r"\bministry\b|\bdepartment\b|\bgovernment\b|\bexecutive\b|official residence|\bcabinet\b", "government"),
    (r"news agency|television|broadcaster|newspaper|organi[sz]ation|agency|council|forum|party|militia"
     r"|group|company|enterprise|organ of", "organization"),
    (r"election|summit|conference|war\b|event|referendum", "event"),
    (r"resolution|treaty|document|law\b|declaration", "document"),
    (r"song|film|album|single|book|novel|painting|work\b|ship|vessel|horse|animal|river|mountain|lake"
     r"|building|fortress|castle|taxon|species|game", "other"),
))
WEIGHTS = {"name": 0.4, "type": 0.15, "prior": 0.25, "time": 0.1, "context": 0.1}
MATCH = {"label": 1.0, "alias": 0.85, "metonym": 0.6}


@dataclass(frozen=True, slots=True)
class Position:
    """A P39 'position held' statement: the office's label and its P580/P582 dates (ISO)."""

    label: str
    start: str | None = None
    end: str | None = None

    def holds(self, when: date) -> bool:
        day = when.isoformat()
        return (self.start is None or self.start[:10] <= day) and (self.end is None or day <= self.end[:10])


@dataclass(frozen=True, slots=True)
class Item:
    """What kb knows of one Wikidata item: from the endpoint, or from the shipped seed file."""

    qid: str
    labels: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()  # kb's own: surface forms naming this item by metonymy (seed only)
    descriptions: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()  # English labels of the P31 classes
    kinds: tuple[str, ...] = ()  # kinds given directly (the seed file's type hints)
    born: str | None = None
    died: str | None = None
    point_in_time: str | None = None  # P585, for events
    positions: tuple[Position, ...] = ()
    sitelinks: int | None = None
    status: str = "endpoint"  # verified | likely (seed rows) | endpoint (looked up)
    retrieved: str | None = None  # when the facts were fetched (ISO date-time)

    def kind_set(self) -> frozenset[str]:
        found = set(self.kinds)
        for cls in self.classes:
            for pattern, kind in CLASS_KINDS:
                if pattern.search(cls.lower()):
                    found.add(kind)
                    break
        return frozenset(found)


class Source(Protocol):
    """Where Wikidata facts come from. ``candidates`` is None for a text it has no answer for yet."""

    name: str  # the endpoint URL, or the seed file's URN

    def candidates(self, text: str) -> tuple[str, ...] | None: ...

    def item(self, qid: str) -> Item | None: ...


@dataclass(frozen=True, slots=True)
class Request:
    """One entity as one article sees it."""

    key: str
    type: str
    labels: tuple[str, ...]  # canonical labels first (de, en), then surface forms
    when: date | None = None
    context: tuple[tuple[str, ...], ...] = ()  # the labels of each other entity in the article
    surfaces: int = 0  # how many of ``labels`` (at the end) are surface forms, not canonical


@dataclass(frozen=True, slots=True)
class Candidate:
    qid: str
    score: float
    reasons: tuple[str, ...]
    status: str = "endpoint"
    retrieved: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    key: str
    status: str  # accepted | review | none | pending | skipped
    candidates: tuple[Candidate, ...] = ()  # best first; the accepted one is candidates[0]
    source: str = ""

    @property
    def qid(self) -> str | None:
        return self.candidates[0].qid if self.status == "accepted" else None


@dataclass(frozen=True, slots=True)
class Settings:
    threshold: float = 0.72
    margin: float = 0.1
    review_floor: float = 0.3
    review_max: int = 3


@dataclass
class _Scored:
    item: Item
    name: float = 0.0
    matched: list[str] = field(default_factory=list)
    rejected: str | None = None


def linkable(request: Request) -> bool:
    """Groups, concepts and article-local referents ('ein Sprecher', 'die Erklärung') are not linked."""
    return request.type in ACCEPTS and not re.match(r"^[0-9a-f]{8}-", request.key)


def texts(requests: Iterable[Request]) -> list[str]:
    """The distinct strings to look up, in first-seen order."""
    seen: dict[str, None] = {}
    for request in requests:
        if linkable(request):
            for label in request.labels:
                if usable(label):
                    seen.setdefault(label.strip(), None)
    return list(seen)


def usable(label: str) -> bool:
    label = label.strip()
    return 2 <= len(label) <= 200 and not label.islower()


def decide(request: Request, source: Source, settings: Settings = Settings()) -> Link:
    """The link for one entity in one article."""
    if not linkable(request):
        return Link(request.key, "skipped", source=source.name)
    found: dict[str, _Scored] = {}
    for number, label in enumerate(request.labels):
        if not usable(label):
            continue
        qids = source.candidates(label.strip())
        if qids is None:
            return Link(request.key, "pending", source=source.name)
        weight = 0.9 if number >= len(request.labels) - request.surfaces else 1.0
        for qid in qids:
            item = source.item(qid)
            if item is None:
                continue
            scored = found.setdefault(qid, _Scored(item))
            how = "label" if label in item.labels else "alias" if label in item.aliases else \
                "metonym" if label in item.metonyms else None
            if how and weight * MATCH[how] > scored.name:
                scored.name = weight * MATCH[how]
                scored.matched = [f"{how} {label!r}"]
    live = [s for s in found.values() if not _reject(s, request)]
    if not live:
        return Link(request.key, "none", source=source.name)
    candidates = sorted((_score(s, live, request) for s in live), key=lambda c: (-c.score, c.qid))
    return _verdict(request.key, candidates, source.name, settings)


def link(requests: Iterable[Request], source: Source, settings: Settings = Settings()) -> list[Link]:
    """One link per entity key: each candidate keeps its best score over the entity's articles."""
    by_key: dict[str, list[Link]] = {}
    for request in requests:
        by_key.setdefault(request.key, []).append(decide(request, source, settings))
    out = []
    for key, links in by_key.items():
        statuses = {link.status for link in links}
        if statuses & {"pending", "skipped"}:
            out.append(Link(key, "pending" if "pending" in statuses else "skipped", source=source.name))
            continue
        best: dict[str, Candidate] = {}
        for candidate in (c for link in links for c in link.candidates):
            if candidate.qid not in best or candidate.score > best[candidate.qid].score:
                best[candidate.qid] = candidate
        if not best:
            out.append(Link(key, "none", source=source.name))
            continue
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.qid))
        out.append(_verdict(key, ranked, source.name, settings))
    return out


def _reject(scored: _Scored, request: Request) -> bool:
    item = scored.item
    if not scored.name:
        return True
    kinds = item.kind_set()
    if "nonentity" in kinds:
        scored.rejected = "not an entity (disambiguation page, name)"
    elif kinds and not kinds & ACCEPTS[request.type]:
        scored.rejected = f"type {'/'.join(sorted(kinds))} is not {request.type}"
    elif scored.matched[0].startswith("metonym") and request.type not in ("country", "government", "organization"):
        scored.rejected = "metonym, but the mention is not an actor"
    elif request.when and request.type == "person" and not _alive(item, request.when):
        scored.rejected = f"not alive on {request.when.isoformat()}"
    return scored.rejected is not None


def _alive(item: Item, when: date) -> bool:
    day = when.isoformat()
    return not ((item.born and item.born[:10] > day) or (item.died and item.died[:10] < day))


def _score(scored: _Scored, rivals: list[_Scored], request: Request) -> Candidate:
    item = scored.item
    reasons = list(scored.matched)
    kinds = item.kind_set()
    type_part = 1.0 if kinds & ACCEPTS[request.type] else 0.5
    reasons.append(f"type {'/'.join(sorted(kinds & ACCEPTS[request.type]))}" if type_part == 1.0 else "type unknown")
    links = [r.item.sitelinks for r in rivals]
    if any(s is not None for s in links):
        total = sum(s or 0 for s in links)
        prior = (item.sitelinks or 0) / total if total else 1 / len(rivals)
    else:
        prior = 1 / len(rivals)
    reasons.append(f"prior {prior:.2f} of {len(rivals)}")
    time_part = 0.5
    if request.when and request.type == "person":
        offices = [p.label for p in item.positions if p.holds(request.when)]
        if offices:
            time_part = 1.0
            reasons.append(f"in office on {request.when.isoformat()}: {offices[0]}")
    elif request.when and item.point_in_time and item.point_in_time[:10] > request.when.isoformat():
        time_part = 0.0
        reasons.append(f"takes place after {request.when.isoformat()}")
    context = _context_hits(item, request.context)
    if context:
        reasons.append(f"context: {', '.join(context)}")
    if item.status == "likely":
        reasons.append("QID only 'likely' in the seed list: review")
    parts = {"name": scored.name, "type": type_part, "prior": prior, "time": time_part, "context": min(len(context), 2) / 2}
    score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 4)
    return Candidate(item.qid, score, tuple(reasons), item.status, item.retrieved)


def _context_hits(item: Item, context: tuple[tuple[str, ...], ...]) -> list[str]:
    """The other entities of the article (by first label) that the item's description or offices name."""
    text = " ".join((*item.descriptions, *(p.label for p in item.positions))).lower()
    if not text:
        return []
    return sorted({labels[0] for labels in context if labels and any(
        len(c) >= 3 and re.search(rf"(?<!\w){re.escape(c.lower())}(?!\w)", text) for c in labels)})


def _verdict(key: str, ranked: list[Candidate], source: str, settings: Settings) -> Link:
    best = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score >= settings.threshold and best.score - runner_up >= settings.margin and best.status != "likely":
        return Link(key, "accepted", (best,), source)
    review = tuple(c for c in ranked[:settings.review_max] if c.score >= settings.review_floor)
    if not review:
        return Link(key, "none", source=source)
    why = "likely QID" if best.status == "likely" else \
        "below threshold" if best.score < settings.threshold else "ambiguous"
    return Link(key, "review", tuple(replace(c, reasons=(*c.reasons, f"not accepted: {why}")) for c in review), source)
