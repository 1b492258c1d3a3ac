"""Plain dataclasses passed between the stages before RDF.

Reads: nothing. Returns: nothing. Raises: nothing.
Every offset is a code-point offset into ``Article.text``; ``Span.text`` is exactly
``Article.text[start:end]``. Everything here converts to JSON through ``to_json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


# Kinds of segment a web copy is cut into. Body kinds are what extraction reads.
BODY_KINDS = frozenset({"title", "lead", "heading", "body"})
NOISE_KINDS = frozenset({"nav", "section", "date", "caption", "credit", "video", "byline", "trailer"})


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # one of BODY_KINDS | NOISE_KINDS
    span: Span


@dataclass(slots=True)
class Article:
    source: str  # the path as given by the user
    text: str  # the decoded document text; all offsets point into it
    segments: list[Segment]
    title: str | None
    date: date | None
    language: str = "de"
    publisher: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    url: str | None = None
    source_sha256: str = ""  # hash of the input bytes
    sha256: str = ""  # hash of the canonical text (title and body); the article's identity
    media_type: str = "text/plain"

    @property
    def body(self) -> list[Segment]:
        return [s for s in self.segments if s.kind in BODY_KINDS]

    @property
    def canonical_text(self) -> str:
        return "\n\n".join(s.span.text for s in self.body)


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved referent: a person, organisation, place, event or document."""

    key: str  # stable lexicon key or a slug of the label
    label: str
    type: str  # person | organization | government | country | city | event | document | group
    wikidata: str | None = None  # a verified QID, e.g. "Q7747", never guessed
    label_en: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    entity: Entity


@dataclass(frozen=True, slots=True)
class Proposition:
    """What is claimed, normalised: shared by every claim that resolves to the same triple."""

    subject: Entity | None  # None when no one is named as doing it ('Der Konflikt müsse gelöst werden')
    relation: str  # relation key from the relation lexicon
    object: Entity | None  # None for one-place relations
    label_de: str
    label_en: str | None = None
    broader: tuple[Entity, ...] = ()  # what the object falls under ('Islamischer Staat' -> terrorism)
    relation_broader: str = ""  # the relation this one falls under ('visit' -> 'diplomacy')
    actors: tuple[Entity, ...] = ()  # who acts, for actor issues (pairs split into their members)

    @property
    def key(self) -> str:
        return f"{self.subject.key if self.subject else ''}|{self.relation}|{self.object.key if self.object else ''}"

    @property
    def issues(self) -> list[Issue]:
        """What is done to what, whoever does it: the relation with the object and with each
        broader concept of the object. Claims of different propositions meet on an issue
        ('Trump and Putin fight terrorism' / 'drive the IS out of Syria' -> fight: terrorism)."""
        out = [Issue(self.relation, target) for target in (self.object, *self.broader) if target is not None]
        if self.relation_broader:  # 'Tillerson visits Putin', 'Tillerson and Lavrov negotiate': Tillerson's diplomacy
            out += [Issue(self.relation_broader, actor, actor=True) for actor in self.actors]
        return out


@dataclass(frozen=True, slots=True)
class Issue:
    """A relation applied to an object, without the subject: the unit of topic-level linking;
    or, for an actor issue, what kind of thing an actor does, whatever to ('rex-tillerson:diplomacy')."""

    relation: str
    object: Entity  # the object, or the actor when ``actor``
    actor: bool = False

    @property
    def key(self) -> str:
        return f"{self.object.key}:{self.relation}" if self.actor else f"{self.relation}|{self.object.key}"


@dataclass(slots=True)
class Claim:
    speaker: Entity
    speaker_span: Span | None  # the mention that names the speaker (None for the narrator)
    cue: Span | None
    content: Span
    form: str  # direct | indirect | free-indirect | reported | narrator
    act: str  # a concept of the speech-act scheme: assert, deny, accuse, ...
    polarity: str  # positive | negative
    certainty: str  # certain | hedged
    date: date
    rule: str  # which extraction rule produced it
    mentions: list[Mention] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list)  # the first is the main one
    nested_in: int | None = None  # index of the claim whose content contains this one
    about_claim: int | None = None  # index of the claim this one responds to (believe X)

    @property
    def proposition(self) -> Proposition | None:
        return self.propositions[0] if self.propositions else None


def to_json(value: Any) -> Any:
    """Dataclasses, dates and lists as JSON-ready values (for golden files and dumps)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value
