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
from kb.text import QUOTE_MARKS, Sentence, Token, sentences, tokenize

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
    broader: str = ""  # the relation key this one falls under ('visit', 'negotiate' -> 'diplomacy')


@cache
def relations() -> tuple[Relation, ...]:
    return tuple(Relation(key, de, en, pos, tuple(s.strip() for s in stems.split(",") if s.strip()), particle,
                          symmetric == "yes", broader)
                 for key, de, en, pos, stems, particle, symmetric, broader in
                 rows("de/relations.tsv", 8) + rows("en/relations.tsv", 8))


@cache
def _by_stem() -> tuple[dict[str, list[Relation]], int, int]:
    """Stem -> relations having it, with the shortest and longest stem length."""
    out: dict[str, list[Relation]] = {}
    for rel in relations():
        for stem in rel.stems:
            out.setdefault(stem, []).append(rel)
    lengths = [len(s) for s in out]
    return out, min(lengths), max(lengths)


def find_relation(tokens: list[Token], nominal: bool, language: str = "de") -> tuple[Relation, int] | None:
    """The first relation word of the tokens: a verb (its particle, if any, later in the clause);
    a noun in a nominal claim ('bestritt jegliche Einmischung'); or, in any claim, a noun whose
    row has a particle when that word follows it directly ('Kampf gegen den Terrorismus')."""
    stems, shortest, longest = _by_stem()
    lowered = [t.lower for t in tokens]
    for i, token in enumerate(tokens):
        word = token.lower
        candidates = [rel for n in range(min(longest, len(word)), shortest - 1, -1)
                      for rel in stems.get(word[:n], ())]
        for rel in sorted(candidates, key=relations().index):
            if rel.pos == "noun":
                noun = token.is_cap or language == "en"
                if rel.particle:
                    if not (noun and i + 1 < len(tokens) and lowered[i + 1] == rel.particle):
                        continue
                elif not (nominal and token.is_cap):
                    continue
            if rel.pos == "verb" and token.is_cap and i > 0:
                continue
            if rel.pos == "verb" and rel.particle and rel.particle not in lowered[i + 1:]:
                continue
            return rel, i
    return None


def relation_labels(key: str) -> tuple[str, str]:
    """(German, English) label of a relation key, as its first lexicon row names it."""
    rel = _canonical().get(key)
    return (rel.label_de, rel.label_en) if rel else (key, key)


@cache
def _broader_keys() -> dict[str, tuple[str, ...]]:
    """Entity key -> every key it falls under (broader.tsv, chains followed, cycles cut)."""
    direct: dict[str, list[str]] = {}
    for narrower, broader, _ in rows("broader.tsv", 3):
        direct.setdefault(narrower, []).append(broader)
    out: dict[str, tuple[str, ...]] = {}
    for start in direct:
        seen: list[str] = []
        todo = list(direct[start])
        while todo:
            key = todo.pop(0)
            if key != start and key not in seen:
                seen.append(key)
                todo.extend(direct.get(key, ()))
        out[start] = tuple(seen)
    return out


def broader(entity: Entity | None) -> tuple[Entity, ...]:
    if entity is None:
        return ()
    found = (entity_by_key(key) for key in _broader_keys().get(entity.key, ()))
    return tuple(e for e in found if e is not None)


@cache
def _event_heads() -> frozenset[str]:
    """Head nouns of the gazetteer's events ('Krieg in Syrien', 'Syrienkonflikt', 'US-Wahl' ->
    krieg, konflikt, wahl): a definite 'der Krieg' may refer back to such an event."""
    from kb.entities import gazetteer

    forms, _, _ = gazetteer()
    places = sorted({toks[0] for toks, entries in forms.items() if len(toks) == 1 and len(toks[0]) >= 4
                     and entries[0].entity.type in ("country", "city")}, key=len, reverse=True)
    heads: set[str] = set()
    for toks, entries in forms.items():
        if entries[0].entity.type != "event":
            continue
        words_ = [t for t in toks if not t.isdigit()]
        if not words_:
            continue
        if len(words_) >= 3 and words_[1] in ("in", "um", "im", "of", "in"):
            head = words_[0]
        else:
            head = words_[-1] if len(words_) > 1 and words_[0] not in ("war", "conflict") else words_[0]
        if "-" in head:
            head = head.rsplit("-", 1)[1]
        else:
            head = next((head[len(p):] for p in places if head.startswith(p) and len(head) - len(p) >= 4), head)
        if head.isalpha() and len(head) >= 3:
            heads.add(head)
    return frozenset(heads)


DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des", "dieser", "diese", "diesen", "diesem", "dieses",
                      "the", "this"})
DOCUMENT_HEADS = frozenset({"papier", "dokument", "erklärung", "abschlusserklärung", "text"})
ANAPHOR_WINDOW = 800  # characters back to the antecedent of 'der Krieg'


def _definite_reference(tokens: list[Token], i: int, ents: ArticleEntities) -> Entity | None:
    """'den Krieg' after 'den Krieg in Syrien', 'das Papier' after 'die Erklärung zu Syrien':
    a definite noun that names the head of an event or document mentioned just before."""
    token = tokens[i]
    if i == 0 or tokens[i - 1].lower not in DEFINITE:
        return None
    word = token.lower
    if word in DOCUMENT_HEADS and token.is_cap:
        return ents.document(token.start, word)
    if word not in _event_heads():
        return None
    for mention in reversed(ents.mentions):
        if mention.span.start >= token.start:
            continue
        if token.start - mention.span.end > ANAPHOR_WINDOW:
            break
        if mention.entity.type == "event" and word in _heads_of(mention.entity.key):
            return mention.entity
    return None


@cache
def _heads_of(key: str) -> frozenset[str]:
    from kb.entities import gazetteer

    forms, _, _ = gazetteer()
    heads = set()
    for toks, entries in forms.items():
        if any(e.entity.key == key for e in entries):
            for head in _event_heads():
                if any(t == head or t.endswith(head) or t.endswith("-" + head) for t in toks):
                    heads.add(head)
    return frozenset(heads)


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
        referred = _definite_reference(tokens, i, ents)
        if found and not (referred is not None and found[0] == 1 and found[1].type == "concept"):
            n, entity, agent = found  # (but 'die Wahl' after 'die US-Wahl' is that election, not elections)
            out.append(Mention(Span(tokens[i].start, tokens[i + n - 1].end, ""), entity))
            i += n
            continue
        known = None if referred else next((m for m in ents.mentions if m.span.start == tokens[i].start), None)
        if known:
            out.append(Mention(Span(known.span.start, known.span.end, ""), known.entity))
        elif referred is not None:
            out.append(Mention(Span(tokens[i].start, tokens[i].end, ""), referred))
        elif tokens[i].lower in ("beide", "beiden") and not (i + 1 < len(tokens) and tokens[i + 1].is_cap
                                                            and tokens[i + 1].lower not in PAIR_NOUNS):
            pair = ents.last_pair(tokens[i].start) or _last_two_people(ents, tokens[i].start)
            if pair is not None:  # 'führten beide ein Gespräch', 'Die beiden setzten sich'
                out.append(Mention(Span(tokens[i].start, tokens[i].end, tokens[i].text), pair))
        i += 1
    return out


PAIR_WINDOW = 600  # characters back to the two people 'die beiden' refers to


def _last_two_people(ents: ArticleEntities, offset: int) -> Entity | None:
    """'Donald Trump spricht mit Wladimir Putin. Die beiden setzten sich ... zusammen': with no
    'X und Y' pair named, 'die beiden' are the last two different people mentioned just before."""
    from kb.entities import group

    found: list[Entity] = []
    for mention in reversed(ents.mentions):
        if mention.span.start >= offset:
            continue
        if offset - mention.span.end > PAIR_WINDOW:
            break
        if mention.entity.type == "person" and all(e.key != mention.entity.key for e in found):
            found.append(mention.entity)
            if len(found) == 2:
                return group(found[1], found[0])
    return None


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


def resolve(tokens: list[Token], mentions: list[Mention], nominal: bool, language: str = "de",
            controller: Entity | None = None) -> list[Proposition]:
    """Propositions the content states: one per object when objects are coordinated.
    ``controller`` does what an infinitive or a bare noun of the content does when the content
    names no one ('Moskau bestreitet, die Wahl beeinflusst zu haben': Moskau)."""
    hit = find_relation(tokens, nominal, language)
    if hit is None:
        return []
    rel, index = hit
    first = _voiced(tokens, mentions, rel, index, language, controller)
    if first is None:
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
                if (first.subject is None or m.entity.key != first.subject.key) and m.entity.type == first.object.type:
                    out.append(_proposition(first.subject, rel, m.entity))
                tail = m.span.end
    return out


PASSIVE_AUX = frozenset({"werden", "worden", "wird", "wurde", "wurden", "werde", "würde", "würden"})
POSSESSIVES = frozenset({"ihr", "ihre", "ihren", "ihrem", "ihrer", "sein", "seine", "seinen", "seinem", "seiner",
                         "unser", "unsere", "unseren", "unserem", "unserer", "their", "his", "her", "our", "its"})


def _voiced(tokens: list[Token], mentions: list[Mention], rel: Relation, index: int, language: str,
            controller: Entity | None) -> Proposition | None:
    """Relation words whose clause has no subject of its own, German only:
    - passive ('Der Syrienkonflikt müsse ... gelöst werden'): the doer is a 'von'/'durch' phrase,
      else no one is named (an agentless proposition);
    - zu-infinitive ('die Terrormiliz IS aus Syrien zu vertreiben') and a noun with its
      preposition ('im Kampf gegen den Terrorismus'): the doer is an actor named earlier in the
      content ('Trump und Putin hätten vereinbart, ihren Kampf gegen ... zu koordinieren'), else
      the controller (the claim's speaker), else no one.
    - impersonal 'man' ('man müsse den IS vertreiben'): no one in particular.
    The object is the first entity of the clause after the clause start that is not the doer and
    not inside a prepositional phrase ('aus Syrien'). None when the relation is symmetric or the
    clause is an ordinary active one (``_resolve`` handles those)."""
    if rel.symmetric or language == "en":
        return None
    token = tokens[index]
    lowered = [t.lower for t in tokens]
    boundary = next((k + 1 for k in range(index - 1, -1, -1) if tokens[k].text in (",", ":", ";")), 0)
    after = lowered[index + 1:index + 3]
    if rel.pos == "noun" and rel.particle:
        voice = "nominal"
    elif "man" in lowered[boundary:index]:
        voice = "impersonal"  # 'man müsse den IS vertreiben': no one in particular
    elif index > 0 and lowered[index - 1] == "zu" or any("zu" in stem and token.lower.startswith(stem) for stem in rel.stems):
        voice = "infinitive"
    elif _participle(token.lower) and (
            (after[:1] and after[0] in PASSIVE_AUX)
            or (PASSIVE_AUX & set(lowered[boundary:index]) and not {"hat", "hatte", "haben", "habe"} & set(lowered[boundary:index])
                and (index + 1 == len(tokens) or tokens[index + 1].text in ",.;:"))):
        voice = "passive"
    else:
        return None
    actors = [m for m in mentions if as_agent(m.entity).type in AGENTS]
    doer: Entity | None = None
    if voice == "impersonal":
        start = boundary
    elif voice == "passive":
        agent = next((m for m in actors if m.span.start > tokens[boundary].start
                      and _preceded_by(tokens, m.span.start, ("von", "durch"))), None)
        doer = as_agent(agent.entity) if agent else None
        start = boundary
    else:
        earlier = [m for m in actors if m.span.start < tokens[boundary].start]
        if voice == "nominal":
            earlier = [m for m in actors if m.span.start < token.start]
        # an actor inside a prepositional phrase is not the doer ('ein Ende der Gewalt in Syrien')
        earlier = [m for m in earlier if not _preceded_by(tokens, m.span.start, PREPOSITIONS)]
        possessed = voice == "nominal" and any(t.lower in POSSESSIVES for t in tokens[max(0, index - 3):index])
        if possessed and controller is not None:
            earlier = []  # 'ihren Kampf gegen ...': the speaker's own fight
        doer = as_agent(earlier[0].entity) if earlier else controller
        if earlier and len(earlier) >= 2 and earlier[0].entity.type == earlier[1].entity.type == "person":
            gap = [t.lower for t in tokens if earlier[0].span.end <= t.start < earlier[1].span.start]
            if gap == ["und"]:
                from kb.entities import group

                doer = group(earlier[0].entity, earlier[1].entity)
        start = index + 1 if voice == "nominal" else boundary
    end = len(tokens) if voice == "nominal" else index
    skip = {doer.key, *(doer.key.split("+") if doer and doer.type == "group" else ())} if doer else set()
    objects = [m.entity for m in mentions
               if tokens[start].start <= m.span.start < (tokens[end].start if end < len(tokens) else tokens[-1].end)
               and m.entity.key not in skip and as_agent(m.entity).key not in skip
               and (not _preceded_by(tokens, m.span.start, PREPOSITIONS) or _matter_of(tokens, m.span.start))]
    if voice == "nominal":
        objects = objects[:1]
    if not objects:
        return None
    return _proposition(doer, rel, objects[0])


MATTER_NOUNS = frozenset({"problem", "probleme", "konflikt", "konflikts", "streit", "krise", "frage", "lage", "situation"})


def _matter_of(tokens: list[Token], start: int) -> bool:
    """'das Problem mit Nordkorea', 'den Konflikt um die Ukraine', 'die Lage in Syrien': the
    prepositional phrase names what the matter is, so its entity is the object."""
    k = next((x for x, t in enumerate(tokens) if t.start == start), None)
    if k is None:
        return False
    for j in range(k - 1, max(0, k - 4), -1):
        if tokens[j].lower in ("mit", "um", "in", "im") and j > 0 and tokens[j - 1].lower in MATTER_NOUNS:
            return True
    return False


def _participle(word: str) -> bool:
    """'gelöst', 'manipuliert', 'eingemischt', 'getroffen' (not 'lösen', 'beenden')."""
    return word.endswith("t") or (word.endswith("en") and "ge" in word[:6])


PREPOSITIONS = frozenset({"aus", "in", "im", "von", "vom", "durch", "mit", "bei", "beim", "nach", "zu", "zur", "zum",
                          "für", "über", "unter", "an", "am", "auf", "seit", "wegen", "trotz", "gegenüber"})


def _preceded_by(tokens: list[Token], start: int, words_: frozenset[str] | tuple[str, ...]) -> bool:
    """Is the phrase at ``start`` introduced by one of ``words_`` (a determiner or adjective may sit between)?"""
    k = next((x for x, t in enumerate(tokens) if t.start == start), None)
    if k is None:
        return False
    for j in range(k - 1, max(-1, k - 4), -1):
        word = tokens[j].lower
        if word in words_:
            return True
        if word in DEFINITE or word in ("ein", "eine", "einen", "einem", "einer") or (not tokens[j].is_cap and word.isalpha()
                                                                                      and word.endswith(("e", "en", "er", "es", "em"))):
            continue
        if tokens[j].text in QUOTE_MARKS:
            continue
        return False
    return False



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
    if rel.symmetric:  # a meeting is between like and like: a person meets a person ('Trump und der
        # russische Staatschef Putin planen ein Treffen' is not Trump meeting Russia)
        candidates = sorted(candidates, key=lambda e: e.type != subject.type)
    obj = next((e for e in candidates if e.key in {x.key for x in entities}), None)
    if obj is None and rel.symmetric and subject.type == "group" and "+" in subject.key:
        a, b = (entity_by_key(k) for k in subject.key.split("+", 1))
        if a and b:
            subject, obj = a, b
    if obj is not None and rel.symmetric:
        obj = as_agent(obj) if obj.type == "city" and as_agent(obj).type in AGENTS else obj
        if obj.type not in AGENTS:
            return None  # the two sides of a meeting are actors: 'beim G20-Gipfel in Hamburg' is where
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


def _proposition(subject: Entity | None, rel: Relation, obj: Entity) -> Proposition:
    rel = _canonical()[rel.key]
    who_de = subject.label if subject else "jemand"
    who_en = (subject.label_en or subject.label) if subject else "someone"
    label_de = f"{who_de} – {rel.label_de} – {obj.label}"
    label_en = f"{who_en} – {rel.label_en} – {obj.label_en or obj.label}"
    actors: tuple[Entity, ...] = ()
    if rel.broader:  # who acts: the subject (a pair: each member), and both sides of a symmetric relation
        sides = [subject, obj] if rel.symmetric else [subject]
        found = [entity_by_key(k) or e for e in sides if e is not None
                 for k in (e.key.split("+") if e.type == "group" else [e.key])]
        actors = tuple({a.key: a for a in found if a is not None and a.type in AGENTS}.values())
    return Proposition(subject, rel.key, obj, label_de, label_en, broader(obj), rel.broader, actors)


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
        tokens = _without_frame(claim, tokenize(claim.content.text, claim.content.start))
        claim.mentions = [Mention(Span.of(article.text, m.span.start, m.span.end), m.entity)
                          for m in entity_mentions(tokens, ents, claim.speaker)]
        nominal = claim.form == "reported" and not claim.rule.endswith("anaphor")
        controller = claim.speaker if claim.form != "narrator" and claim.act in CONTROLLING_ACTS else None
        claim.propositions = resolve(tokens, claim.mentions, nominal=nominal, language=article.language,
                                     controller=controller)
    for claim in claims:
        if not claim.propositions and _anaphoric(claim):
            claim.propositions = _antecedent(claim, article, ents)
    for claim in claims:
        if claim.about_claim is not None and not claim.propositions:
            # believing what someone said takes that statement's stance: believing a denial is a
            # negative stance on the proposition, not an assertion of it
            claim.propositions = list(claims[claim.about_claim].propositions)
            claim.polarity = claims[claim.about_claim].polarity


def _without_frame(claim: Claim, tokens: list[Token]) -> list[Token]:
    """The content's words less the claim's own frame where the content holds it: a source phrase
    inside a sentence ('Die Zahl sei laut Polizei gestiegen', whose content is the whole sentence) or a
    reported act's speaker and verb. What the speaker is said to say is read without the speaker."""
    frame = [s for s in (claim.speaker_span, claim.cue) if s is not None
             and claim.content.start <= s.start and s.end <= claim.content.end]
    if not frame:
        return tokens
    return [t for t in tokens if not any(s.start <= t.start and t.end <= s.end for s in frame)]


# Speech acts whose speaker is the one who does what an infinitive of the content says ('Moskau
# bestreitet, die Wahl beeinflusst zu haben'; 'vereinbarten, ... zu beenden'); not 'demand' or
# 'accuse', where the doer is someone else ('forderte die USA auf, ... zu beenden').
CONTROLLING_ACTS = frozenset({"assert", "deny", "agree", "plan", "promise", "announce", "confirm", "hope", "believe",
                              "reject"})


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
                    publisher: Entity, split: dict[tuple[int, int], list[Sentence]] | None = None) -> None:
    """Statements the outlet makes itself, kept only where they resolve to a proposition.
    ``split``: the sentences of each paragraph (start, end), as the extractor already cut them."""
    covered = [(c.content.start, c.content.end) for c in claims]
    for segment in article.body:
        if segment.kind not in ("lead", "body"):
            continue
        known = split.get((segment.span.start, segment.span.end)) if split else None
        for sentence in known if known is not None else sentences(segment.span.text, segment.span.start):
            if any(s < sentence.end and sentence.start < e for s, e in covered):
                continue
            tokens = list(sentence.tokens)
            mentions = entity_mentions(tokens, ents, None)
            lowered = {t.lower for t in tokens}
            # 'Trump und Putin planen ein Treffen': the noun is what they plan, so it is stated
            found = resolve(tokens, mentions, nominal=bool(lowered & PLAN_WORDS), language=article.language)
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
