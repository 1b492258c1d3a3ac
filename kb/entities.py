"""Who and what an article talks about: gazetteer look-up, names, roles, pronouns, groups.

Reads: an Article's tokens and the lexicons de/entities.tsv, de/roles.tsv, de/words.tsv.
Returns: Entity and Mention values; an ``ArticleEntities`` tracker that resolves speaker noun
phrases, role nouns and pronouns to the named entity they refer to. Raises: nothing.
Only lexicon QIDs (verified) are ever attached; unknown people get a key from their name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kb.iris import slug
from kb.lexicon import rows
from kb.model import Entity, Mention, Span
from kb.text import Token, tokenize

AGENT_TYPES = frozenset({"person", "organization", "government", "country", "group", "document"})
NAME_PARTICLES = frozenset({"al", "al-", "von", "van", "de", "der", "bin", "ibn", "el"})


@dataclass(frozen=True, slots=True)
class Entry:
    entity: Entity
    agent_key: str | None
    valid_from: date | None
    valid_to: date | None

    def valid(self, when: date | None) -> bool:
        if when is None:
            return self.valid_from is None and self.valid_to is None
        return (self.valid_from is None or when >= self.valid_from) and (self.valid_to is None or when < self.valid_to)


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


SHARED_CLASSES = frozenset({"negation", "hedge"})  # read in both languages: a quote may be in either


@cache
def words(cls: str, lang: str = "de") -> frozenset[str]:
    """A closed word class of ``lang`` (negations and hedges of every language)."""
    langs = ("de", "en") if cls in SHARED_CLASSES else (lang,)
    return frozenset(w for code in langs for c, ws in rows(f"{code}/words.tsv", 2) if c == cls
                     for w in ws.split(",") if w)


@cache
def gazetteer() -> tuple[dict[tuple[str, ...], list[Entry]], dict[str, Entity], int]:
    """Surface form (lower-cased tokens) -> entries; key -> entity; longest form in tokens."""
    forms: dict[tuple[str, ...], list[Entry]] = {}
    by_key: dict[str, Entity] = {}
    longest = 1
    for key, etype, label_de, label_en, qid, surfaces, agent, start, end in (
            rows("de/entities.tsv", 9) + rows("en/entities.tsv", 9)):
        entity = by_key.setdefault(key, Entity(key, label_de, etype, qid or None, label_en or None))
        entry = Entry(entity, agent or None, _date(start), _date(end))
        variants = set()
        for surface in surfaces.split(","):
            surface = surface.strip()
            if not surface:
                continue
            variants.add(surface)
            if etype in ("person", "country", "city") and surface[-1] not in "sßxz" and surface[0].isupper():
                variants.add(surface + "s")
        for surface in variants:
            toks = tuple(t.lower for t in tokenize(surface))
            forms.setdefault(toks, []).append(entry)
            longest = max(longest, len(toks))
    return forms, by_key, longest


@cache
def roles() -> dict[tuple[str, ...], list[tuple[str, date | None, date | None]]]:
    out: dict[tuple[str, ...], list[tuple[str, date | None, date | None]]] = {}
    for surfaces, key, start, end in rows("de/roles.tsv", 4):
        for surface in surfaces.split(","):
            toks = tuple(t.lower for t in tokenize(surface.strip()))
            out.setdefault(toks, []).append((key, _date(start), _date(end)))
    return out


def lookup(tokens: list[Token], i: int, when: date | None) -> tuple[int, Entity, str | None] | None:
    """The longest gazetteer entry starting at tokens[i]: (length, entity, agent key)."""
    forms, _, longest = gazetteer()
    if tokens[i].lower not in _first_words():
        return None
    for n in range(min(longest, len(tokens) - i), 0, -1):
        key = tuple(t.lower for t in tokens[i:i + n])
        entries = forms.get(key)
        if not entries:
            continue
        if n == 1 and not tokens[i].is_cap and entries[0].entity.type not in ("country",):
            continue  # 'wahl' lower-case is not the event
        for entry in entries:
            if entry.valid(when) or (entry.valid_from is None and entry.valid_to is None):
                return n, entry.entity, entry.agent_key
    return None


@cache
def _first_words() -> frozenset[str]:
    return frozenset(form[0] for form in gazetteer()[0])


@cache
def _suffixes(cls: str) -> tuple[str, ...]:
    return tuple(sorted(words(cls)))


def _has_suffix(word: str, cls: str) -> bool:
    w = word.lower()
    suffixes = _suffixes(cls)
    if not w.endswith(suffixes):  # one C-level test rejects most words
        return False
    return any(w == s or (w.endswith(s) and len(w) > len(s) + 2) for s in suffixes)


@cache
def is_role_noun(word: str) -> bool:
    return _has_suffix(word, "role_suffix")


@cache
def is_org_noun(word: str) -> bool:
    return _has_suffix(word, "organization_suffix")


def entity_by_key(key: str) -> Entity | None:
    return gazetteer()[1].get(key)


@dataclass
class ArticleEntities:
    """Entities of one article in order of mention, for resolving roles, pronouns and groups."""

    when: date | None
    scope: str  # article key: non-named referents ("ein Sprecher") are scoped to their article
    mentions: list[Mention] = field(default_factory=list)
    role_map: dict[tuple[str, ...], Entity] = field(default_factory=dict)
    pairs: list[tuple[int, Entity]] = field(default_factory=list)
    speakers: list[tuple[int, Entity]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    # ------------------------------------------------------------------ building

    def scan(self, tokens: list[Token]) -> None:
        """Record every gazetteer entity, named person and role apposition in these tokens."""
        i = 0
        while i < len(tokens):
            found = lookup(tokens, i, self.when)
            if found:
                n, entity, _ = found
                self._add(Mention(Span(tokens[i].start, tokens[i + n - 1].end, ""), entity))
                self._role_apposition(tokens, i, entity)
                self._pair(tokens, i, n, entity)
                i += n
                continue
            document = self._document(tokens, i)
            if document:
                i += document
                continue
            name = self._name_after_role(tokens, i)
            if name:
                n, entity = name
                self._add(Mention(Span(tokens[i].start, tokens[i + n - 1].end, ""), entity))
                i += n
                continue
            i += 1

    def _add(self, mention: Mention) -> None:
        pos = bisect_left(self._starts, mention.span.start)
        self._starts.insert(pos, mention.span.start)
        self.mentions.insert(pos, mention)

    def _role_apposition(self, tokens: list[Token], i: int, entity: Entity) -> None:
        if entity.type != "person" or i == 0:
            return
        for n in (3, 2, 1):
            if i - n >= 0:
                role = tuple(t.lower for t in tokens[i - n:i])
                if role in roles() or (n == 1 and is_role_noun(tokens[i - 1].text)):
                    self.role_map[role] = entity
                    return

    def _pair(self, tokens: list[Token], i: int, n: int, entity: Entity) -> None:
        """'Trump und Putin', 'Kremlchef Wladimir Putin und US-Präsident Donald Trump'."""
        if entity.type != "person":
            return
        j = i + n
        if j < len(tokens) and tokens[j].lower == "und":
            for k in range(j + 1, min(j + 5, len(tokens))):
                other = lookup(tokens, k, self.when)
                if other and other[1].type == "person" and other[1].key != entity.key:
                    self.pairs.append((tokens[i].start, group(entity, other[1])))
                    return
                if not (tokens[k].is_cap or tokens[k].lower in words("determiner")):
                    return

    def _document(self, tokens: list[Token], i: int) -> int:
        """'die Erklärung zu Syrien': a document first named with a definite article and a topic."""
        token = tokens[i]
        if not token.is_cap or token.lower not in words("document_noun") or i == 0:
            return 0
        if tokens[i - 1].lower not in ("die", "das", "der", "den", "dem", "des", "einer", "eine", "ein", "einem"):
            return 0
        j = i + 1
        if j + 1 < len(tokens) and tokens[j].lower in ("zu", "zum", "zur", "über", "gegen", "für"):
            j += 1
            while j < len(tokens) and (tokens[j].is_cap or tokens[j].lower in ("der", "die", "das", "den", "dem")) \
                    and j - i < 5:
                j += 1
        if j == i + 1 and any(m.entity.type == "document" and (token.lower in ("papier", "dokument", "text") or
                                                              m.entity.label.lower().startswith(token.lower))
                              for m in self.mentions):
            return 0  # a later mention of a document already introduced
        label = " ".join(t.text for t in tokens[i:j])
        self.add_document(Span(token.start, tokens[j - 1].end, ""), label)
        return j - i

    def _name_after_role(self, tokens: list[Token], i: int) -> tuple[int, Entity] | None:
        """An unknown person named after a role noun: 'Innenminister Hans Müller'."""
        if not is_role_noun(tokens[i].text) or i + 1 >= len(tokens):
            return None
        j = i + 1
        while j < len(tokens) and j - i <= 3 and (_name_like(tokens[j]) or tokens[j].lower in NAME_PARTICLES):
            j += 1
        if j - i < 2 or not _name_like(tokens[j - 1]):
            return None
        if lookup(tokens, i + 1, self.when):
            return None
        name = " ".join(t.text for t in tokens[i + 1:j])
        entity = Entity(slug(name), name, "person")
        self.role_map[(tokens[i].lower,)] = entity
        return j - i, entity

    # ------------------------------------------------------------------ resolving

    def before(self, offset: int, types: frozenset[str] = AGENT_TYPES, exclude: frozenset[str] = frozenset()) -> Entity | None:
        pos = bisect_left(self._starts, offset)
        for mention in reversed(self.mentions[:pos]):
            if mention.entity.type in types and mention.entity.key not in exclude:
                return mention.entity
        return None

    def last_speaker(self, offset: int, types: frozenset[str], exclude: frozenset[str] = frozenset()) -> Entity | None:
        for start, entity in reversed(self.speakers):
            if start < offset and entity.type in types and entity.key not in exclude:
                return entity
        return None

    def last_pair(self, offset: int) -> Entity | None:
        for start, entity in reversed(self.pairs):
            if start < offset:
                return entity
        return None

    def resolve_role(self, role: tuple[str, ...], offset: int) -> Entity | None:
        if role in self.role_map:
            return self.role_map[role]
        named = {m.entity.key for m in self.mentions if m.entity.type == "person"}
        for key, start, end in roles().get(role, ()):
            if (start is None or (self.when and self.when >= start)) and (end is None or (self.when and self.when < end)):
                if key in named:
                    return entity_by_key(key)
        return None

    def document(self, offset: int, head: str) -> Entity | None:
        pos = bisect_left(self._starts, offset)
        for mention in reversed(self.mentions[:pos]):
            if mention.entity.type == "document" and (head in ("papier", "dokument", "text") or
                                                      mention.entity.label.lower().startswith(head)):
                return mention.entity
        return None

    def add_document(self, span: Span, label: str) -> Entity:
        entity = Entity(f"{self.scope}-{slug(label)}", label, "document")
        self._add(Mention(span, entity))
        return entity

    def local(self, label: str, etype: str) -> Entity:
        """A referent known only by description ('ein Sprecher des Ministeriums'), scoped to the article."""
        return Entity(f"{self.scope}-{slug(label)}", label, etype)


def _name_like(token: Token) -> bool:
    return token.is_cap and token.text.isalpha() is not False and not is_role_noun(token.text) and len(token.text) > 1 \
        and not is_org_noun(token.text)


def group(a: Entity, b: Entity) -> Entity:
    first, second = sorted((a, b), key=lambda e: e.key)
    return Entity(f"{first.key}+{second.key}", f"{first.label} und {second.label}", "group",
                  label_en=f"{first.label_en or first.label} and {second.label_en or second.label}")
