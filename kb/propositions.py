"""Normalises what a claim says into a proposition: (subject, relation, object).

Reads: claims with their content spans, the article's entities, de/relations.tsv. Returns:
nothing; sets ``Claim.proposition`` and ``Claim.mentions`` in place, and adds narrator claims.
Raises: nothing.
Claims whose content resolves to the same triple share one proposition (and so one IRI):
that shared node is what links claims across articles and dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from kb.entities import ArticleEntities, entity_by_key, lookup, words
from kb.lexicon import rows
from kb.model import Article, Claim, Entity, Mention, Proposition, Span
from kb.text import Sentence, Token, sentences, tokenize

AGENTS = frozenset({"person", "organization", "government", "country", "group", "document"})


@dataclass(frozen=True, slots=True)
class Relation:
    key: str
    label_de: str
    label_en: str
    pos: str
    stems: tuple[str, ...]
    particle: str
    symmetric: bool


@cache
def relations() -> tuple[Relation, ...]:
    return tuple(Relation(key, de, en, pos, tuple(s.strip() for s in stems.split(",") if s.strip()), particle,
                          symmetric == "yes")
                 for key, de, en, pos, stems, particle, symmetric in
                 rows("de/relations.tsv", 7) + rows("en/relations.tsv", 7))


@cache
def _by_stem() -> tuple[dict[str, list[Relation]], int, int]:
    """Stem -> relations having it, with the shortest and longest stem length."""
    out: dict[str, list[Relation]] = {}
    for rel in relations():
        for stem in rel.stems:
            out.setdefault(stem, []).append(rel)
    lengths = [len(s) for s in out]
    return out, min(lengths), max(lengths)


def find_relation(tokens: list[Token], nominal: bool) -> tuple[Relation, int] | None:
    stems, shortest, longest = _by_stem()
    lowered = [t.lower for t in tokens]
    for i, token in enumerate(tokens):
        word = token.lower
        candidates = [rel for n in range(min(longest, len(word)), shortest - 1, -1)
                      for rel in stems.get(word[:n], ())]
        for rel in sorted(candidates, key=relations().index):
            if rel.pos == "noun" and not (nominal and token.is_cap):
                continue
            if rel.pos == "verb" and token.is_cap and i > 0:
                continue
            if rel.particle and rel.particle not in lowered[i + 1:]:
                continue
            return rel, i
    return None


def negated(tokens: list[Token]) -> bool:
    """A negation word, except in 'so X wie seit Jahren nicht (mehr)'."""
    subordinate = False
    for i, token in enumerate(tokens):
        if token.text in (",", ":", ";", "."):
            subordinate = False
        elif token.lower in SUBORDINATORS and i > 0:
            subordinate = True
        elif token.lower in words("negation") and not subordinate:
            window = [t.lower for t in tokens[max(0, i - 5):i]]
            if "seit" in window and "wie" in window:
                continue
            return True
    return False


SUBORDINATORS = frozenset({"dass", "wenn", "weil", "ob", "obwohl", "falls", "da", "damit", "sodass", "als"})


def entity_mentions(tokens: list[Token], ents: ArticleEntities, speaker: Entity | None) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        if tokens[i].lower in ("ich", "wir") and speaker is not None:
            out.append(Mention(Span(tokens[i].start, tokens[i].end, tokens[i].text), speaker))
            i += 1
            continue
        found = lookup(tokens, i, ents.when)
        if found:
            n, entity, agent = found
            out.append(Mention(Span(tokens[i].start, tokens[i + n - 1].end, ""), entity))
            i += n
            continue
        known = next((m for m in ents.mentions if m.span.start == tokens[i].start), None)
        if known:
            out.append(Mention(Span(known.span.start, known.span.end, ""), known.entity))
        elif tokens[i].lower in ("beide", "beiden") and not (i + 1 < len(tokens) and tokens[i + 1].is_cap
                                                            and tokens[i + 1].lower not in PAIR_NOUNS):
            pair = ents.last_pair(tokens[i].start)  # 'führten beide ein Gespräch', 'Die beiden setzten sich'
            if pair is not None:
                out.append(Mention(Span(tokens[i].start, tokens[i].end, tokens[i].text), pair))
        i += 1
    return out


PLAN_WORDS = frozenset({"wollen", "will", "wollte", "wollten", "planen", "plant", "planten", "plans", "plan",
                        "planned", "intend", "intends"})
PAIR_NOUNS = frozenset({"präsidenten", "staatschefs", "staatsmänner", "politiker", "seiten", "länder"})


def as_agent(entity: Entity) -> Entity:
    if entity.type == "city":
        from kb.entities import gazetteer

        for entries in gazetteer()[0].values():
            for entry in entries:
                if entry.entity.key == entity.key and entry.agent_key:
                    return entity_by_key(entry.agent_key) or entity
    return entity


def resolve(tokens: list[Token], mentions: list[Mention], nominal: bool, language: str = "de") -> list[Proposition]:
    """Propositions the content states: one per object when objects are coordinated."""
    hit = find_relation(tokens, nominal)
    if hit is None:
        return []
    rel, index = hit
    first = _resolve(tokens, mentions, rel, index, language)
    if first is None:
        return []
    out = [first]
    if not rel.symmetric:
        objects = [m for m in mentions if m.entity.key == first.object.key]
        if objects:
            tail = objects[0].span.end
            for m in mentions:
                if m.span.start <= tail:
                    continue
                gap = [t.lower for t in tokens if tail <= t.start < m.span.start]
                if "und" not in gap or any(t in (",", ".", ";") for t in gap) or len(gap) > 4:
                    break
                if m.entity.key != first.subject.key and m.entity.type == first.object.type:
                    out.append(_proposition(first.subject, rel, m.entity))
                tail = m.span.end
    return out


def _resolve(tokens: list[Token], mentions: list[Mention], rel: Relation, index: int,
             language: str) -> Proposition | None:
    entities = [m.entity for m in mentions]
    between = _between(tokens, mentions) if rel.symmetric else None
    if between:
        subject, obj = between
        subject, obj = sorted((subject, obj), key=lambda e: e.key)
        return _proposition(subject, rel, obj)
    pair = next((m.entity for m in mentions if m.entity.type == "group" and "+" in m.entity.key), None)
    if rel.symmetric and pair is not None:  # 'führten beide ein Gespräch': the two are the sides
        sides = [entity_by_key(k) for k in pair.key.split("+", 1)]
        if all(sides):
            return _proposition(sides[0], rel, sides[1])
    boundary = next((t.end for t in reversed(tokens[:index]) if t.text in (",", ":", ";")), tokens[0].start)
    subject = _subject(mentions, tokens[index].start, language, boundary)
    if subject is None:
        return None
    persons = [m for m in mentions if m.entity.type == "person"]
    if len(persons) >= 2 and persons[0].entity.key == subject.key:
        gap = [t.lower for t in tokens if persons[0].span.end <= t.start < persons[1].span.start]
        if gap == ["und"]:
            from kb.entities import group

            subject = group(persons[0].entity, persons[1].entity)
            entities = [e for e in entities if e.key not in (persons[0].entity.key, persons[1].entity.key)]
    candidates = _objects(tokens, mentions, subject)
    in_clause = {m.entity.key for m in mentions if m.span.start >= boundary}
    candidates = [e for e in candidates if e.key in in_clause] or candidates
    if language == "en":  # SVO: the object follows the relation word
        after = {m.entity.key for m in mentions if m.span.start > tokens[index].start}
        candidates = [e for e in candidates if e.key in after] or candidates
    obj = next((e for e in candidates if e.key in {x.key for x in entities}), None)
    if obj is None and rel.symmetric and subject.type == "group" and "+" in subject.key:
        a, b = (entity_by_key(k) for k in subject.key.split("+", 1))
        if a and b:
            subject, obj = a, b
    if obj is not None and rel.symmetric:
        obj = as_agent(obj) if obj.type == "city" and as_agent(obj).type in AGENTS else obj
        subject, obj = sorted((subject, obj), key=lambda e: e.key)
    if obj is None:
        return None
    return _proposition(subject, rel, obj)


def _subject(mentions: list[Mention], relation_start: int, language: str, clause_start: int = 0) -> Entity | None:
    """German: the first actor of the clause ('der Kreml habe ... manipuliert'); English (SVO, with
    'accused Moscow of interfering'): the actor nearest before the relation word."""
    agents = [as_agent(m.entity) for m in mentions if as_agent(m.entity).type in AGENTS]
    if language != "en":
        clause = [as_agent(m.entity) for m in mentions if clause_start <= m.span.start < relation_start
                  and as_agent(m.entity).type in AGENTS]
        return clause[0] if clause else (agents[0] if agents else None)
    before = [as_agent(m.entity) for m in mentions if m.span.start < relation_start and as_agent(m.entity).type in AGENTS]
    return before[-1] if before else (agents[0] if agents else None)


def _objects(tokens: list[Token], mentions: list[Mention], subject: Entity) -> list[Entity]:
    """Entities other than the subject, leaving out a genitive attached to it ('Resolution des Rates')."""
    out = []
    previous_end = None
    for m in mentions:
        agent = as_agent(m.entity)
        if agent.key == subject.key or m.entity.key == subject.key or \
                (subject.type == "group" and m.entity.key in subject.key.split("+")):
            previous_end = m.span.end
            continue
        if previous_end is not None:
            gap = [t.lower for t in tokens if previous_end <= t.start < m.span.start]
            if gap and all(g in ("des", "der") for g in gap):
                previous_end = m.span.end
                continue
        out.append(m.entity)
        previous_end = m.span.end
    return out


@cache
def _canonical() -> dict[str, Relation]:
    """The first lexicon row of each relation key names it (verb and noun rows share one key)."""
    out: dict[str, Relation] = {}
    for rel in relations():
        out.setdefault(rel.key, rel)
    return out


def _proposition(subject: Entity, rel: Relation, obj: Entity) -> Proposition:
    rel = _canonical()[rel.key]
    label_de = f"{subject.label} – {rel.label_de} – {obj.label}"
    label_en = f"{subject.label_en or subject.label} – {rel.label_en} – {obj.label_en or obj.label}"
    return Proposition(subject, rel.key, obj, label_de, label_en)


def _between(tokens: list[Token], mentions: list[Mention]) -> tuple[Entity, Entity] | None:
    """'zwischen Moskau und Washington': the two sides of a symmetric relation."""
    for token in tokens:
        if token.lower == "zwischen":
            after = [as_agent(m.entity) for m in mentions if m.span.start > token.start]
            if len(after) >= 2 and after[0].key != after[1].key:
                return after[0], after[1]
    return None


def attach(claims: list[Claim], article: Article, ents: ArticleEntities) -> None:
    for claim in claims:
        tokens = tokenize(claim.content.text, claim.content.start)
        claim.mentions = [Mention(Span.of(article.text, m.span.start, m.span.end), m.entity)
                          for m in entity_mentions(tokens, ents, claim.speaker)]
        nominal = claim.form == "reported" and not claim.rule.endswith("anaphor")
        claim.propositions = resolve(tokens, claim.mentions, nominal=nominal, language=article.language)
    for claim in claims:
        if not claim.propositions and _anaphoric(claim):
            claim.propositions = _antecedent(claim, article, ents)
    for claim in claims:
        if claim.about_claim is not None and not claim.propositions:
            # believing what someone said takes that statement's stance: believing a denial is a
            # negative stance on the proposition, not an assertion of it
            claim.propositions = list(claims[claim.about_claim].propositions)
            claim.polarity = claims[claim.about_claim].polarity


PRO_OBJECTS = frozenset({"das", "dies", "es", "it", "that", "this"})
PRO_VERBS = frozenset({"gemacht", "getan", "machen", "tun", "macht", "tat", "war", "did", "done", "do"})


def _anaphoric(claim: Claim) -> bool:
    """'Ich habe das nicht gemacht': a pronoun object and a verb that only refers back."""
    tokens = tokenize(claim.content.text)
    lowered = {t.lower for t in tokens}
    return len(tokens) <= 12 and bool(lowered & PRO_OBJECTS) and bool(lowered & PRO_VERBS)


def _antecedent(claim: Claim, article: Article, ents: ArticleEntities) -> list[Proposition]:
    """The proposition the pronoun stands for: the nearest of the two sentences before the claim's
    sentence that names one, nouns included ('einer russischen Beeinflussung der Präsidentenwahl')."""
    segment = next((s for s in article.body if s.span.start <= claim.content.start < s.span.end), None)
    if segment is None:
        return []
    earlier = [seg for seg in article.body if seg.span.end <= segment.span.start][-1:] + [segment]
    found: list[Sentence] = []
    for seg in earlier:
        found += [x for x in sentences(seg.span.text, seg.span.start) if x.end <= claim.content.start
                  and not (x.start <= claim.content.start < x.end)]
    for sentence in reversed(found[-3:]):
        tokens = list(sentence.tokens)
        props = resolve(tokens, entity_mentions(tokens, ents, None), nominal=True, language=article.language)
        if props:
            return props
    return []


def narrator_claims(claims: list[Claim], article: Article, ents: ArticleEntities, when: date,
                    publisher: Entity) -> None:
    """Statements the outlet makes itself, kept only where they resolve to a proposition."""
    covered = [(c.content.start, c.content.end) for c in claims]
    for segment in article.body:
        if segment.kind not in ("lead", "body"):
            continue
        for sentence in sentences(segment.span.text, segment.span.start):
            if any(s < sentence.end and sentence.start < e for s, e in covered):
                continue
            tokens = list(sentence.tokens)
            mentions = entity_mentions(tokens, ents, None)
            found = resolve(tokens, mentions, nominal=False, language=article.language)
            if not found:
                continue
            end = sentence.end - 1 if article.text[sentence.end - 1] in ".!?" else sentence.end
            content = Span.of(article.text, sentence.start, end)
            lowered = {t.lower for t in tokens}
            hedged = bool(lowered & words("hedge"))
            act = "plan" if lowered & PLAN_WORDS else "assert"  # 'wollen sich ... treffen'
            claims.append(Claim(
                speaker=publisher, speaker_span=None, cue=None, content=content, form="narrator", act=act,
                polarity="negative" if negated(tokens) else "positive", certainty="hedged" if hedged else "certain",
                date=when, rule="narrator", propositions=found,
                mentions=[Mention(Span.of(article.text, m.span.start, m.span.end), m.entity) for m in mentions]))
