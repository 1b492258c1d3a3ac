"""German claim extraction: who said what, how, about what, on which date.

Reads: an Article (segments pointing into its text) and the lexicons under kb/lexicons/de/.
Returns: a list of Claim values whose spans are exactly the article's text at their offsets.
Raises: nothing for any text (rules that do not match simply add no claim).

The rules, in the order they run on each sentence (docs/extraction.md has examples):
direct quotes with a frame after or before them; indirect speech with the frame after
(", sagte X") or before ("X sagte, ..."); nominal reports ("Vorwürfe der X, ..."); relative
reactions (", was X bestreitet"); source prepositions ("laut X", "X zufolge", "nach Angaben
von X"); reported acts with an object ("X forderte eine Untersuchung"); free indirect speech
continuing in Konjunktiv I; quotes continuing the last speaker. Quotes inside quotes run the
same rules with "ich"/"wir" bound to the outer speaker. Frames may also be impersonal ("In der
Erklärung heißt es, ...", "Am Montag wurde bekannt, dass ..."), a light verb with a reporting noun
("hegt den Verdacht, ..."), a relative clause ("ein Zeuge, der angab, ...") or a subordinate clause
("..., indem er sagte, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kb import propositions
from kb.entities import (
    AGENT_TYPES,
    NAME_PARTICLES,
    ArticleEntities,
    entity_by_key,
    group,
    is_org_noun,
    is_role_noun,
    lookup,
    words,
)
from kb.lexicon import rows
from kb.model import Article, Claim, Entity, Span
from kb.text import QUOTE_MARKS, Quote, Sentence, Token, quotes, sentences, tokenize

EXTRACTOR_ID = "de-rules/1"
# 'es hieß', 'man geht davon aus': said, but by nobody named; no speaker mention is recorded
UNATTRIBUTED = Entity("unattributed", "nicht genannte Quelle", "group", label_en="unnamed source")
PERSONS = frozenset({"person"})
PUNCT_STRIP = " \t\n,;:-–—"


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    act: str
    kind: str
    particle: str
    apart: bool = False  # a participle whose particle is written apart right before it ('bekannt gegeben')


INSEPARABLE = ("be", "ver", "er", "ent", "zer", "ge", "emp", "miss", "wider", "hinter", "über", "unter")


def regular_forms(lemma: str, particle: str) -> list[str]:
    """Finite forms and participle of a regular (weak) verb: 'kritisieren' -> kritisiert, kritisierte, ..."""
    base = lemma.split()[-1]
    if particle and base.startswith(particle):
        base = base[len(particle):]
    if base.endswith(("ern", "eln")):
        stem = base[:-1]
    else:
        stem = base[:-2] if base.endswith("en") else base[:-1]
    cluster = stem.endswith(("m", "n")) and (stem[-2:-1] not in "aeiouäöülrh" or stem[-3:-1] == "ch")
    joint = "e" if stem.endswith(("t", "d")) or cluster else ""
    third = stem + joint + "t"
    forms = [third, stem + joint + "te", stem + joint + "ten", stem + "e", base]
    prefixless = base.endswith("ieren") or base.startswith(INSEPARABLE)
    forms.append(third if prefixless else "ge" + third)
    return forms


@cache
def cue_lexicon() -> dict[str, dict[str, list[Cue]]]:
    """Cue words by kind ("verb", "noun", "prep"), lower-cased (nouns as written); "apart": participles
    whose particle is written apart before them ('bekannt gegeben'), for verb_cue only."""
    out: dict[str, dict[str, list[Cue]]] = {"verb": {}, "noun": {}, "prep": {}, "apart": {}}

    def put(kind: str, form: str, cue: Cue) -> None:
        key = form if kind == "noun" else form.lower()
        bucket = out[kind].setdefault(key, [])
        if cue not in bucket:
            bucket.append(cue)

    for lemma, act, kind, forms, particle in rows("de/cues.tsv", 5):
        listed = [f.strip() for f in forms.split(",") if f.strip()]
        if listed == ["*"]:
            listed = regular_forms(lemma, particle)
        elif kind == "verb" and " " not in lemma.removeprefix("sich ") and lemma.endswith("n"):
            # the infinitive is also the 1st/3rd person plural: 'Beobachter befürchten, ...',
            # 'Die Kläger bemängeln, ...'; separable verbs without their particle ('weisen ... zurück')
            base = lemma.removeprefix("sich ")
            base = base[len(particle):] if particle and base.startswith(particle) else base
            if base not in words("quantifier"):  # 'sich einigen', not 'vor einigen Monaten'
                listed = listed + [base]
        for form in listed:
            # a participle that holds its particle ('eingeräumt', 'zurückgewiesen') needs no closing particle
            inner = particle and form.lower().startswith(particle)
            put(kind, form, Cue(lemma, act, kind, "" if inner else particle))
            if kind == "verb" and inner and form.lower()[len(particle):].startswith("ge"):
                # the participle after its particle written apart: 'hat ... bekannt gegeben, dass'
                put("apart", form[len(particle):], Cue(lemma, act, kind, particle, apart=True))
            if kind == "verb" and particle and not form.startswith(particle):
                # verb-final clauses join the particle: 'wie er mitteilte', 'dass er davon ausgeht'
                put(kind, particle + form, Cue(lemma, act, kind, ""))
    return out


def verb_cue(tokens: tuple[Token, ...] | list[Token], k: int, clause_end: int) -> Cue | None:
    """The reporting verb at tokens[k], if its particle (if any) closes the clause."""
    token = tokens[k]
    if token.is_cap and k > 0 and tokens[k - 1].text not in ('"', "„", ":", "(") :
        return None  # a capitalised word inside a sentence is a noun
    cues = cue_lexicon()["verb"].get(token.lower)
    if not cues and k > 0:
        cues = [c for c in cue_lexicon()["apart"].get(token.lower, ()) if c.particle == tokens[k - 1].lower]
    if not cues:
        return None
    if token.lower == "genannt" and _naming_participle(tokens, k):
        return None
    if token.lower in words("determiner") and k + 1 < len(tokens) and (tokens[k + 1].is_cap or _attributive(tokens[k + 1])):
        return None  # 'meine kleine Wohnung': a possessive before its noun, not the verb 'meinen'
    # a separable particle, not the preposition of the same spelling ('nahmen an der Demonstration teil')
    determiners = words("determiner")
    clause_end = _coordinated_verb(tokens, k, clause_end)
    closing = {t.lower for x, t in enumerate(tokens[k + 1:clause_end], k + 1)
               if x + 1 >= len(tokens) or not (tokens[x + 1].lower in determiners or tokens[x + 1].is_cap)}
    # a verb-final clause may write the particle apart, right before the verb: 'wie X am Morgen bekannt gab'
    before = tokens[k - 1].lower if k > 0 and (k + 1 >= clause_end or not _alpha(tokens[k + 1])) else None
    plain = None
    for cue in cues:
        if cue.lemma.endswith(" sein") and k + 1 < clause_end and _alpha(tokens[k + 1]) \
                and tokens[k + 1].lower not in PREPOSITIONS:
            continue  # 'ist sich bewusst, dass ...' closes its clause; 'hat sich bewusst entschieden' is an adverb
        if cue.apart:
            return cue
        if cue.particle:
            if cue.particle in closing or cue.particle == before:
                return cue
        elif plain is None:
            plain = cue
    last = clause_end - 1
    while last > k and tokens[last].text in (".", "!", "?", ")") or last > k and tokens[last].text in QUOTE_MARKS:
        last -= 1
    if plain is not None and last > k + 1 and tokens[last].lower in FOREIGN_PARTICLES \
            and not tokens[last - 1].lower in PREPOSITIONS | words("determiner"):
        return None  # 'Das Spiel findet am Freitag statt', 'Sie nahm daran teil': another verb's particle
    return plain


def _coordinated_verb(tokens: tuple[Token, ...] | list[Token], k: int, clause_end: int) -> int:
    """Where the clause of the verb at tokens[k] ends when 'und'/'oder' joins a second verb to it:
    '„...“ schrieben die Hacker und kündigten weitere Aktionen an' — 'an' is the particle of the second
    verb, not of 'schrieben'."""
    closed = _closed_words()
    for x in range(k + 1, clause_end - 1):
        t = tokens[x]
        if t.text in (",", ";", ":"):
            return clause_end
        if t.lower in ("und", "oder") and x > k + 1:
            nxt = tokens[x + 1]
            if _alpha(nxt) and not nxt.is_cap and nxt.lower not in closed and not _attributive(nxt) \
                    and cue_lexicon()["verb"].get(nxt.lower) is not None or nxt.lower in FINITE_AUXILIARIES:
                return x
    return clause_end


# separable particles that close a clause: the finite verb before them is another verb than the bare cue
FOREIGN_PARTICLES = frozenset(["statt", "teil", "ab", "an", "auf", "aus", "ein", "zurück", "vor", "los", "weg", "fort",
                               "mit", "zu", "bei", "hin", "fest", "nach"])


def _naming_participle(tokens: tuple[Token, ...] | list[Token], k: int) -> bool:
    """'der Standard, genannt „Profil 1.1“', 'Das Profil 1.1, auch „Bonus View“ genannt, umfasst': the
    participle gives a name, it reports nothing (not 'Als Grund wurde genannt, dass ...')."""
    if k > 0 and tokens[k - 1].text == ",":
        return True
    after = tokens[k + 1].text if k + 1 < len(tokens) else "."
    return after in (",", ".", ")", "–", "-", ";") and k > 0 and tokens[k - 1].lower not in AUXILIARIES | {"worden"}


@dataclass
class Frame:
    speaker: Entity
    speaker_span: Span | None
    cue: Span | None
    act: str
    frame_tokens: list[Token]  # tokens of the frame (for hedges)


@dataclass
class Context:
    article: Article
    ents: ArticleEntities
    when: date
    claims: list[Claim] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    covered: list[tuple[int, int, int | None]] = field(default_factory=list)
    quote_speaker: Entity | None = None
    outer: int | None = None  # index of the claim whose quote we are inside
    previous: Sentence | None = None  # the last sentence of the previous paragraph
    previous_had_claim: bool = False
    split: dict[tuple[int, int], list[Sentence]] = field(default_factory=dict)  # paragraph -> its sentences

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.article.text, start, end)

    def is_covered(self, start: int, end: int) -> bool:
        """Is this stretch already the content of a claim at the same quotation level?"""
        return any(s <= start and end <= e and level == self.outer for s, e, level in self.covered)


# ------------------------------------------------------------------------------------ entry

def extract(article: Article) -> list[Claim]:
    """The claims of an article, by the rules of its language (German, or English)."""
    if article.language == "en":
        from kb import extract_en

        return extract_en.extract(article)
    when = article.date or date.min
    ents = ArticleEntities(article.date, article.sha256[:8] or "doc")
    units: list[tuple[str, int, int]] = [(s.kind, s.span.start, s.span.end) for s in article.body]
    for _, start, end in units:
        ents.scan(tokenize(article.text[start:end], start))
    ctx = Context(article, ents, when)
    for kind, start, end in units:
        if kind == "title":
            _headline(ctx, start, end)
        elif kind in ("lead", "body"):
            _paragraph(ctx, start, end)
    propositions.attach(ctx.claims, article, ents)
    propositions.narrator_claims(ctx.claims, article, ents, when, _publisher(article), ctx.split)
    return ctx.claims


def _publisher(article: Article) -> Entity:
    if article.publisher:
        for key, entity in ((e.key, e) for e in _known_publishers() if e.label == article.publisher):
            return entity
        from kb.iris import slug

        return Entity(slug(article.publisher), article.publisher, "organization")
    return Entity("unknown-publisher", "unbekannter Herausgeber", "organization", label_en="unknown publisher")


@cache
def _known_publishers() -> tuple[Entity, ...]:
    out = []
    for _, label, key in rows("publishers.tsv", 3):
        entity = entity_by_key(key)
        out.append(entity if entity else Entity(key, label, "organization"))
    return tuple(out)


# ------------------------------------------------------------------------------------ units

def _headline(ctx: Context, start: int, end: int) -> None:
    """'Putin: Russland hat sich nie eingemischt' -- a speaker, a colon, the words."""
    text = ctx.article.text[start:end]
    colon = text.find(":")
    if colon <= 0 or colon > 60:
        return
    tokens = tokenize(text[:colon], start)
    speaker = _resolve_np(ctx, tokens, 0, len(tokens))
    if speaker is None or speaker.type not in AGENT_TYPES:
        return
    content = _trim(ctx, start + colon + 1, end)
    if content:
        _add(ctx, Frame(speaker, ctx.span(tokens[0].start, tokens[-1].end), None, "assert", tokens),
             content, "direct", "headline-colon")


def _paragraph(ctx: Context, start: int, end: int) -> None:
    text = ctx.article.text[start:end]
    marks = quotes(text, start)
    # reported speech runs on across paragraph breaks: the state carries over
    previous, previous_had_claim = ctx.previous, ctx.previous_had_claim
    ctx.split[(start, end)] = split = [_domain_names(s) for s in sentences(text, start, marks)]
    for sentence in split:
        inside = [q for q in marks if q.depth == 0 and sentence.start <= q.start and q.end <= sentence.end]
        before = len(ctx.claims)
        ctx.previous, ctx.previous_had_claim = previous, previous_had_claim  # for the continuation rules
        _sentence(ctx, sentence, inside, marks)
        if len(ctx.claims) == before:
            _free_indirect(ctx, sentence, previous, previous_had_claim)
        previous_had_claim = len(ctx.claims) > before
        previous = sentence
    ctx.previous, ctx.previous_had_claim = previous, previous_had_claim


DOMAIN_NAME = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:de|com|org|net|at|ch|eu|info|fr|uk|it|es|ru|nl|tv|io)$")


def _domain_names(sentence: Sentence) -> Sentence:
    """A web address written in lower case names its site as a capitalised name does: 'Wie
    t-online.de berichtet', 'zitiert ndr.de den Sprecher', 'laut bildblog.de'."""
    if not any(not t.is_cap and "." in t.text and DOMAIN_NAME.match(t.text) for t in sentence.tokens):
        return sentence
    tokens = tuple(Token(t.text, t.start, t.end, t.lower, True) if not t.is_cap and "." in t.text
                   and DOMAIN_NAME.match(t.text) else t for t in sentence.tokens)
    return Sentence(sentence.start, sentence.end, tokens)


def _sentence(ctx: Context, sentence: Sentence, inside: list[Quote], marks: list[Quote]) -> None:
    tokens = list(sentence.tokens)
    for quote in inside:
        _direct(ctx, sentence, tokens, quote, marks)
    _postposed(ctx, sentence, tokens, inside)
    _relative_frame(ctx, sentence, tokens, inside)
    _preposed(ctx, sentence, tokens, inside)
    _anaphoric(ctx, sentence, tokens)
    _as_clause(ctx, sentence, tokens, inside)
    _nominal(ctx, sentence, tokens)
    _relative_reaction(ctx, sentence, tokens)
    _prepositional(ctx, sentence, tokens, inside)
    _reported(ctx, sentence, tokens, inside)


# ------------------------------------------------------------------------------------ claims

def _add(ctx: Context, frame: Frame, content: Span, form: str, rule: str) -> Claim | None:
    if not content.text.strip() or content.start >= content.end:
        return None
    if rule.startswith("reported-act") and content.text.lower() in AUXILIARIES | MODALS:
        return None  # '... zustimmen muss': the auxiliary is no object
    ctoks = tokenize(content.text, content.start)
    lowered = {t.lower for t in ctoks}
    negated = propositions.negated(ctoks)
    act, polarity = frame.act, "positive"
    if act in ("deny", "reject"):
        # 'bestritt: "Wir haben uns nie eingemischt"' states the denial in the speaker's own words:
        # still a denial (true double negations are rare and not told apart here)
        polarity = "negative"
    elif negated:
        polarity = "negative"
        if act == "assert" and _denies_own_act(ctoks, lowered):
            act = "deny"
    hedged = bool((lowered | {t.lower for t in frame.frame_tokens}) & words("hedge"))
    if rule == "free-indirect":
        merged = _continue_claim(ctx, frame, content)
        if merged is not None:
            if hedged:  # a hedge in any sentence of the message hedges the whole claim
                merged.certainty = "hedged"
            return merged
    claim = Claim(
        speaker=frame.speaker, speaker_span=frame.speaker_span, cue=frame.cue, content=content,
        form=form, act=act, polarity=polarity, certainty="hedged" if hedged else "certain",
        date=ctx.when, rule=rule, nested_in=ctx.outer)
    for existing in ctx.claims:
        if existing.content == content and existing.speaker.key == claim.speaker.key:
            return None
    ctx.claims.append(claim)
    ctx.covered.append((content.start, content.end, ctx.outer))
    ctx.ents.speakers.append((content.start, frame.speaker))
    if frame.cue is not None:
        ctx.used_cues.add(frame.cue.start)
    if form != "direct":
        _quoted_words(ctx, claim, frame)
    return claim


def _continue_claim(ctx: Context, frame: Frame, content: Span) -> Claim | None:
    """'Die Brücke sei marode. Eine Sanierung lohne sich nicht.': a second sentence that goes on in
    the subjunctive right after a continuation sentence of the same speaker, in the same paragraph,
    extends that message instead of starting another (the first report, with its frame, stays apart)."""
    index = next((i for i in range(len(ctx.claims) - 1, -1, -1) if ctx.claims[i].nested_in is None), None)
    if index is None:
        return None
    last = ctx.claims[index]
    if not last.rule.startswith("free-indirect") or last.rule == "free-indirect-own" \
            or last.speaker.key != frame.speaker.key or last.content.end > content.start:
        return None
    gap = ctx.article.text[last.content.end:content.start]
    if "\n" in gap or gap.strip(" .!?" + QUOTE_MARKS):
        return None
    old = (last.content.start, last.content.end, ctx.outer)
    last.content = ctx.span(last.content.start, content.end)
    ctx.covered = [(last.content.start, last.content.end, lvl) if (s, e, lvl) == old else (s, e, lvl)
                   for s, e, lvl in ctx.covered]
    ctx.ents.speakers.append((content.start, frame.speaker))
    _quoted_words(ctx, last, frame, index)
    return last


def _quoted_words(ctx: Context, claim: Claim, frame: Frame, outer: int | None = None) -> None:
    """Words quoted inside reported speech ('das Blatt stecke in einer „schwierigen Marktsituation“')
    are the speaker's own words: a direct claim nested in the reported one."""
    outer = len(ctx.claims) - 1 if outer is None else outer
    for quote in quotes(claim.content.text, claim.content.start):
        inner = tokenize(ctx.article.text[quote.start:quote.end])
        if quote.depth != 0 or len(inner) < 3 or len(inner) == 3 and (inner[1].is_cap or not _alpha(inner[1])):
            continue  # a single quoted word only if it is no noun, which may be a name ('„Eagle“'): '„kaputt“'
        words_in = [t for t in inner if _alpha(t)]
        if all(t.is_cap for t in words_in) and len(inner) <= 8:
            continue  # '„Ruhr Nachrichten“', '„Rabaul Queen“': a title or name, every word capitalised
        content = ctx.span(quote.start, quote.end)
        if any(c.content == content for c in ctx.claims):
            continue
        ctx.claims.append(Claim(
            speaker=frame.speaker, speaker_span=frame.speaker_span, cue=frame.cue, content=content,
            form="direct", act=claim.act, polarity=claim.polarity, certainty=claim.certainty,
            date=claim.date, rule="quoted-words", nested_in=outer))


def _denies_own_act(tokens: list[Token], lowered: set[str]) -> bool:
    """'Ich habe das nicht gemacht', 'Das war ich nicht': a short negated statement about the
    speaker's own past deed is a denial; 'Wir haben keine Wahl' is not."""
    if not lowered & {"ich", "wir"} or len(tokens) > 10 or "," in lowered:
        return False
    past = lowered & {"war", "waren"} or any(
        t.lower.startswith("ge") and t.lower.endswith(("t", "en")) and len(t.text) > 5 for t in tokens)
    return bool(past)


def _trim(ctx: Context, start: int, end: int, keep_quotes: bool = False) -> Span | None:
    """The stretch without surrounding spaces and punctuation (and, unless kept, quotation marks)."""
    text = ctx.article.text
    while start < end and (text[start] in PUNCT_STRIP):
        start += 1
    while end > start and text[end - 1] in PUNCT_STRIP + ".":
        end -= 1
    if keep_quotes:
        return ctx.span(start, end) if end > start else None
    if end > start and text[start] in QUOTE_MARKS and text[end - 1] in QUOTE_MARKS:
        start, end = start + 1, end - 1
    while end > start and text[end - 1] in PUNCT_STRIP + ".":
        end -= 1
    return ctx.span(start, end) if end > start else None


# ------------------------------------------------------------------------------------ rules

def _direct(ctx: Context, sentence: Sentence, tokens: list[Token], quote: Quote, marks: list[Quote]) -> None:
    inner_start, inner_end = quote.inner
    quoted = tokenize(ctx.article.text[inner_start:inner_end], inner_start)
    inner = [t for t in quoted if _alpha(t)]  # the quotation's words
    follow = ctx.article.text[quote.end:quote.end + 1]  # '-' when the quotation is part of a compound
    after = [t for t in tokens if t.start >= quote.end]
    before = [t for t in tokens if t.end <= quote.start]
    frame = None
    rule = ""
    if after and after[0].text != "," and ctx.article.text[quote.end - 2:quote.end - 1] in "?!,." and verb_cue(after, 0, len(after)):
        frame = _frame_at(ctx, after, 0, len(after), speaker_after=True)
        rule = "direct-frame-after"
    if frame is None and after and after[0].text == ",":
        frame = _frame_at(ctx, after, 1, len(after))
        rule = "direct-frame-after"
        if frame is None and len(after) > 3 and (after[1].lower in AUXILIARIES or after[1].lower in LASSEN):
            # '„...“, wird Panetta zitiert', '„...“, hatte der Minister gesagt', '„...“, ließ X verlauten':
            # the reporting verb closes the clause, its subject follows the finite verb
            stop = next((x for x in range(2, len(after)) if after[x].text in (",", ";", ":", ".", "!", "?")), len(after))
            k = next((x for x in range(stop - 1, 2, -1) if not after[x].is_cap and verb_cue(after, x, stop)), None)
            if k is not None:
                frame = _frame_at(ctx, after, k, stop, speaker_after=True)
        if frame is None and len(after) > 2 and after[1].lower == "so":
            frame = _so_frame(ctx, after, 2)
            rule = "direct-so"
    if frame is None and before and before[-1].text in (":", ","):
        frame, rule = _frame_before(ctx, before)
    if frame is None and len(before) > 1 and not before[-1].is_cap \
            and len(quoted) >= 3 \
            and verb_cue(before, len(before) - 1, len(before)):
        # 'Die Demonstranten skandierten „Vorratsdatenspeicherung – sinnlos, teuer, einfach dumm“': the
        # quotation is the object of the reporting verb right before it
        frame = _frame_at(ctx, before, len(before) - 1, len(before))
        rule = "direct-object"
    if frame is None and len(before) > 2:
        # 'Gillard bezeichnete das Unglück als „große Tragödie“', 'Der Präsident konstatierte eine wachsende
        # „Kluft zwischen Arm und Reich“': a quoted phrase in the clause of a reporting verb
        v = None
        for x in range(len(before) - 2, max(-1, len(before) - 10), -1):
            t = before[x]
            if t.text in (",", ";", ":", "(", ")") or t.text in QUOTE_MARKS:
                break
            if not t.is_cap and t.start not in ctx.used_cues and verb_cue(before, x, len(before)):
                v = x
                break
        if v is not None and inner and not _title(inner, before, follow):
            frame = _frame_at(ctx, before, v, len(before))
            rule = "direct-in-clause"
    if frame is None and after and before and after[0].text not in (",", ";", ":", ".", "!", "?") \
            and ctx.article.text[quote.end - 2:quote.end - 1] not in "?!,.":
        # 'Von einer „gezielten Täuschung“ sprach der Abgeordnete', 'Der Verband hatte den Plan als „falsch“
        # zurückgewiesen': a quoted phrase in the clause of a reporting verb that follows it
        stop = next((x for x, t in enumerate(after) if t.text in (",", ";", ":", ".", "!", "?", "(") or t.text in QUOTE_MARKS),
                    len(after))
        v = next((x for x in range(min(stop, 6)) if not after[x].is_cap and _alpha(after[x])
                  and after[x].start not in ctx.used_cues and verb_cue(after, x, stop)), None)
        named = before[-1].is_cap and _alpha(before[-1]) and before[-1].lower not in cue_lexicon()["prep"]
        passive = v is not None and (any(t.lower in PASSIVE for t in after[v + 1:stop]) or not after[v].lower.endswith("en")
                                     and any(t.lower in PASSIVE and not t.is_cap for t in before))
        if v is not None and not passive and inner and not named and not _title(inner, before, follow):
            # not 'die Enzyklika „Deus caritas est“ ...': a quotation right after a noun is its name; not a
            # passive ('die als „neblig“ beschrieben wurden'): its subject is no speaker
            k = tokens.index(after[v])
            end = tokens.index(after[stop - 1]) + 1
            frame = _frame_at(ctx, tokens, k, end)
            if frame is not None and frame.speaker_span is not None and frame.speaker_span.start < quote.end \
                    and frame.speaker_span.end > quote.start:
                frame = None  # 'Ein Sprecher der „Aktion Hilfe jetzt“ sagte': the quotation names the speaker
            rule = "direct-in-clause"
        elif v is not None and passive and inner and not named and before[-1].lower == "als" \
                and not _title(inner, before, follow):
            # 'Seine Werke werden von Kritikern als „Meilensteine“ bezeichnet', 'die als „neblig“ beschrieben
            # wurden': the words are the agent's, or someone's not named
            lo = next((x + 1 for x in range(len(before) - 1, -1, -1) if before[x].text in (",", ";", ":", "(")), 0)
            # the agent is the 'von' phrase nearest to 'als' ('die Gefahr von Bränden vom Wetterdienst als ...')
            lo = next((x for x in range(len(before) - 2, lo - 1, -1) if before[x].lower in ("von", "vom")), lo)
            clause = before[lo:] + after[:stop]
            k = len(before) - lo + v
            cue = verb_cue(clause, k, len(clause))
            if cue.act in CALLING_ACTS:  # not 'als „kleineres Übel“ unterstützt': support is no calling
                frame = _passive_agent(ctx, clause, k, len(clause), cue) or Frame(
                    UNATTRIBUTED, None, ctx.span(after[v].start, after[v].end), cue.act, clause)
            rule = "direct-in-clause"
    if frame is None and len(before) > 2 and before[-1].lower in ("und", "oder") and before[-2].text in QUOTE_MARKS:
        # '... erklärte: „Wir schaffen das“ und „Es wird Zeit“': a second quotation joined to a framed one
        first = next((c for c in reversed(ctx.claims) if c.content.end == before[-2].end and c.form == "direct"), None)
        if first is not None:
            frame = Frame(first.speaker, first.speaker_span, first.cue, first.act, [])
            rule = first.rule
    if frame is None and before and after:
        # '„Ich freue mich“, schrieb Lopez, die den Auftritt kaum erwarten könne, um „zu zeigen, was wir können“':
        # a later quotation in the sentence of a framed one, past its frame, has the same speaker
        first = next((c for c in reversed(ctx.claims) if c.form == "direct" and c.nested_in == ctx.outer
                      and sentence.start <= c.content.start and c.content.end <= quote.start and c.cue is not None
                      and c.content.end <= c.cue.start < quote.start
                      and (c.speaker_span is None or c.speaker_span.end <= quote.start)), None)
        if first is not None and inner and not _title(inner, before, follow) \
                and (len(inner) > 1 or not inner[0].is_cap):
            frame = Frame(first.speaker, first.speaker_span, first.cue, first.act, [])
            rule = "direct-same-frame"
    if frame is None:
        full = sentence.start == quote.start or (before and all(t.text in QUOTE_MARKS for t in before))
        if full and not after or (full and all(t.text in ".!?" for t in after)):
            # 'Positiv kommentierte Putin die Erklärung. "Dass es uns ... gelingt, ist gut."': the one
            # who spoke in the sentence before, if it made no claim; else the speaker reported last
            speaking = None
            lead = list(ctx.previous.tokens) if ctx.outer is None and ctx.previous is not None else []
            if lead and lead[-1].text == ":" and not ctx.article.text[ctx.previous.end:quote.start].strip():
                # 'Die Firma empfindet die Kritik als ungerechtfertigt:' + a paragraph of quotation: the
                # colon that closes the paragraph before introduces it, as within a sentence
                frame, rule = _frame_before(ctx, lead)
            if frame is None and lead and not ctx.previous_had_claim and quote.start - ctx.previous.end < 5:
                speaking = _speaking_frame(ctx, lead)
            if speaking is not None:
                frame, rule = speaking, "direct-continuation-speaking"
            speaker = ctx.ents.last_speaker(quote.start, AGENT_TYPES) if frame is None else None
            if speaker is not None and ctx.claims and quote.start - ctx.claims[-1].content.end < 400:
                last = next((c for c in reversed(ctx.claims) if c.speaker.key == speaker.key), None)
                mention = _borrowed_mention(ctx, last) if last is not None else None
                frame = Frame(speaker, mention, None, "assert", [])
                rule = "direct-continuation"
    if frame is None:
        return
    form = "direct"
    content = _trim(ctx, quote.start, quote.end, keep_quotes=True) if inner_end > inner_start else None
    if rule == "direct-frame-before" and before and before[-1].text == "," and frame.cue is not None:
        # 'Anda hatte erklärt, für den Kanzler sei entscheidend, „ob er ... kann“': reported speech that
        # ends in a quotation; the content runs from the frame's comma to the closing mark
        comma = next((x for x, t in enumerate(before) if t.start >= frame.cue.end and t.text == ","), None)
        if comma is not None and comma < len(before) - 2 and not (set(QUOTE_MARKS) & {t.text for t in before[comma:]}) \
                and (before[comma + 1].lower in ("dass", "ob") or any(
                    not t.is_cap and t.lower in words("konjunktiv1") | words("konjunktiv2") for t in before[comma + 1:])):
            content = _trim(ctx, before[comma + 1].start, quote.end, keep_quotes=True)
            form, rule = "indirect", "indirect-quote-tail"
    if rule in ("direct-frame-after", "direct-so") and content is not None and before \
            and before[0].text not in QUOTE_MARKS and after and after[0].text == "," \
            and not any(t.text in QUOTE_MARKS or t.text in (":", ";") for t in before) \
            and not any(not t.is_cap and verb_cue(before, x, len(before)) for x, t in enumerate(before)) \
            and not ctx.is_covered(sentence.start, quote.end):
        # 'Das Gros der Nutzer handhabe ihn „maßvoll“, so die Leiterin': the sentence up to the frame is
        # the message, the quotation only its end
        head = _trim(ctx, before[0].start, quote.end, keep_quotes=True)
        if head is not None and before[0].lower not in NOT_CONTENT_START | words("subjunction"):
            _add(ctx, frame, head, "indirect", "indirect-quote-head")  # the quotation: a nested direct claim
            return
    if content is None:
        return
    claim = _add(ctx, frame, content, form, rule)
    if claim is not None:
        if rule == "direct-in-clause" and frame.cue is not None:
            # the verb still reports its object: 'bezeichnete das Gespräch als „sehr gut“' (reported-act)
            ctx.used_cues.discard(frame.cue.start)
        _nested(ctx, claim, quote, marks)


@cache
def _title_words() -> frozenset[str]:
    return PREPOSITIONS | words("determiner") | words("name_stop") | frozenset(["of", "the", "and", "und", "for"])


CALLING_ACTS = frozenset({"assert", "believe", "criticize", "praise"})  # acts that call something so ('als „X“')

INDEFINITE_ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines",
                                 "kein", "keine", "keinen", "keinem", "keiner", "keines"})


def _title(words_: list[Token], before: list[Token] = (), follow: str = "") -> bool:
    """'„Bild am Sonntag“', '„Der Spiegel“'? every word capitalised or a small word of a title:
    a name in quotes, not someone's words. Not several words after 'als' or an indefinite article ('als
    „Knaller aus Karlsruhe“', 'eine wachsende „Kluft zwischen Arm und Reich“'): a name takes neither,
    unless the quotation is part of a compound ('ein „Bild“-Reporter')."""
    small = _title_words()
    if not all(t.is_cap or t.lower in small for t in words_):
        return False
    if follow == "-" or not before or len(words_) < 2:
        return True
    last = before[-1]
    if last.lower == "als" or last.lower in INDEFINITE_ARTICLES:
        return False
    return not (len(before) > 1 and not last.is_cap and _alpha(last) and before[-2].lower in INDEFINITE_ARTICLES)


def _frame_before(ctx: Context, before: list[Token]) -> tuple[Frame | None, str]:
    """The frame of a quotation after a comma or colon that closes the tokens before it: a reporting
    verb's ('sagte er:'), else after a colon a short speaker ('Der Minister:') or the clause's subject."""
    for k in range(len(before) - 2, -1, -1):
        frame = _frame_at(ctx, before, k, len(before) - 1)
        if frame:
            return frame, "direct-frame-before"
    if before[-1].text != ":":
        return None, ""
    speaker = _resolve_np(ctx, before, 0, len(before) - 1)
    if speaker and speaker.type in AGENT_TYPES and len(before) <= 6:
        return Frame(speaker, ctx.span(before[0].start, before[-2].end), None, "assert", before), "direct-colon"
    return _colon_subject(ctx, before), "direct-colon"


COLON_SPEAKER_TYPES = frozenset({"person", "organization", "government", "country"})


def _colon_subject(ctx: Context, before: list[Token]) -> Frame | None:
    """A quotation after a colon whose clause has no reporting verb is said by the clause's subject:
    'Der Randalierer biss den Fluggast und rief: „...“', 'Die Anwendung stellte der SPD-Vorsitzende
    in Frage: „...“' (the subject first, or right after the finite verb)."""
    n = len(before) - 1
    if n < 2 or n > 30 or any(t.text in QUOTE_MARKS or t.text in (";", ":") for t in before[:n]):
        return None
    determiners = words("determiner")
    end = _np_forward(before, 0, n) if before[0].lower not in words("not_speaker") | PREPOSITIONS | words("name_stop") else None
    verb = end
    if end is not None and end + 2 < n and before[end].text == ",":
        # 'Der Ermittler, der als Zeuge gilt, will ... einstellen:': the verb follows the relative clause,
        # which is no part of the speaker
        if before[end + 1].lower in RELATIVE_PRONOUNS:
            close = next((x for x in range(end + 2, n - 1) if before[x].text == ","), None)
            verb = close + 1 if close is not None else end
        else:
            rc = next((x for x in range(1, end - 1) if before[x].text == "," and before[x + 1].lower in RELATIVE_PRONOUNS), None)
            if rc is not None:
                end, verb = rc, end + 1
    spans = []
    if end is not None and verb < n and not before[verb].is_cap and _alpha(before[verb]) \
            and before[verb].lower not in determiners | PREPOSITIONS | AUXILIARIES - MODALS:
        spans.append((0, end))  # 'Der Randalierer ... rief:', 'Der Minister im Interview:'
    verbless = bool(spans) and before[verb].lower in words("clause_adverb") | words("name_stop")
    v = next((j for j in range(1 if verb == end else verb, n - 1) if not before[j].is_cap and _alpha(before[j])
              and before[j].lower not in determiners | PREPOSITIONS | words("not_speaker") | AUXILIARIES
              and (before[j + 1].lower in determiners | SPEAKER_PRONOUNS or _bare_name_after_verb(before, j, n))
              and before[j - 1].text != ","), None)
    if v is not None:
        end = _np_forward(before, v + 1, n)
        if end is not None:
            spans.append((v + 1, end))
    found = [(a, b, _resolve_np(ctx, before, a, b) or _fallback_entity(ctx, before, a, b)) for a, b in spans]
    found = [(a, b, e) for a, b, e in found if e is not None and e is not UNATTRIBUTED]
    # a named or role subject first; a group ('Der Randalierer', 'Die Demonstranten') only in the first position
    for a, b, entity in sorted(found, key=lambda x: x[2].type == "group"):
        if entity.type in COLON_SPEAKER_TYPES or entity.type == "group" and a == 0 and not verbless:
            return Frame(entity, ctx.span(before[a].start, before[b - 1].end), None, "assert", before)
    return None


def _bare_name_after_verb(before: list[Token], j: int, n: int) -> bool:
    """'Jegliche Verantwortung weist Hartmann von sich:': a single capitalised word right after the
    finite verb in the second position, the first position closed by a noun."""
    return (before[j - 1].is_cap and before[j - 1].lower not in words("determiner") or before[j - 1].text == ")") \
        and before[j].lower not in words("name_stop") | propositions.PREPOSITIONS and before[j + 1].is_cap and _alpha(before[j + 1]) and (j + 2 >= n or not before[j + 2].is_cap)


def _nested(ctx: Context, claim: Claim, quote: Quote, marks: list[Quote]) -> None:
    """Speech reported inside a quotation: the same rules, 'ich'/'wir' bound to the quoted speaker."""
    saved = (ctx.quote_speaker, ctx.outer)
    ctx.quote_speaker, ctx.outer = claim.speaker, ctx.claims.index(claim)
    inner_start, inner_end = quote.inner
    inner_marks = [q for q in marks if q.depth == quote.depth + 1 and inner_start <= q.start and q.end <= inner_end]
    inner_marks = [Quote(q.start, q.end, 0) for q in inner_marks]
    text = ctx.article.text[inner_start:inner_end]
    for sentence in sentences(text, inner_start, inner_marks):
        inside = [q for q in inner_marks if sentence.start <= q.start and q.end <= sentence.end]
        _sentence(ctx, sentence, inside, inner_marks)
        _believe_person(ctx, sentence)
    ctx.quote_speaker, ctx.outer = saved


def _believe_person(ctx: Context, sentence: Sentence) -> None:
    """'ich glaube ihm' inside a quote: the speaker believes what the other person said."""
    tokens = sentence.tokens
    for k, token in enumerate(tokens[:-1]):
        cue = cue_lexicon()["verb"].get(token.lower)
        if not cue or cue[0].act != "believe" or token.start in ctx.used_cues:
            continue
        obj = tokens[k + 1]
        if obj.lower not in ("ihm", "ihr", "ihnen"):
            continue
        subject = tokens[k - 1] if k > 0 else None
        if subject is None or subject.lower not in words("pronoun_first") or ctx.quote_speaker is None:
            continue
        believed = ctx.ents.last_speaker(token.start, AGENT_TYPES, exclude=frozenset({ctx.quote_speaker.key}))
        end = _clause_end(ctx, tokens, k + 1)
        content = _trim(ctx, obj.start, end)
        if believed is None or content is None:
            continue
        frame = Frame(ctx.quote_speaker, ctx.span(subject.start, subject.end), ctx.span(token.start, token.end),
                      "believe", list(tokens))
        claim = _add(ctx, frame, content, "direct", "believe-person")
        if claim is not None:
            target = next((i for i in range(len(ctx.claims) - 2, -1, -1)
                           if ctx.claims[i].speaker.key == believed.key), None)
            claim.about_claim = target


def _clause_end(ctx: Context, tokens: tuple[Token, ...] | list[Token], k: int) -> int:
    """End offset of the quote region or sentence from token k on."""
    last = tokens[-1]
    return last.end if last.text not in ".!?" else last.start


def _postposed(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'Russland sei extrem wichtig ..., sagte Trump an Bord ...'."""
    for k in range(1, len(tokens) - 1):
        v = _anaphoric_verb(tokens, k)
        if v is None and tokens[k - 1].text != "," or tokens[k].start in ctx.used_cues or _decimal_comma(tokens, k - 1):
            continue
        if any(q.start <= tokens[k].start < q.end for q in inside):
            continue
        frame = _frame_at(ctx, tokens, k, len(tokens), speaker_after=True) if v is None \
            else _frame_at(ctx, tokens[k:], v - k, len(tokens) - k, speaker_after=True)
        if frame is None:
            continue
        start = _content_start(tokens, k - 1)
        if tokens[start].lower in words("subjunction") | {"obwohl", "als", "da", "nachdem", "während", "falls"}:
            continue
        content = _trim(ctx, tokens[start].start, tokens[k - 1].start)
        if content is None or ctx.is_covered(content.start, content.end) or len(content.text) < 8:
            continue
        if tokens[start].lower in FIRST_PREPOSITIONS and any(
                tokens[x].text in cue_lexicon()["noun"] and _noun_speaker(ctx, tokens, x) is not None
                for x in range(start + 1, min(start + 4, k - 1))):
            continue  # 'Auf den Einwand des Vereins, der Platz sei zu klein, antwortete ...': a phrase, no clause
        if _np_forward(tokens, start, k - 1) == k - 1 and tokens[start].is_cap and "," in content.text:
            continue  # 'Bazoum Mohammed, Sprecher der CFDR, forderte die Junta auf, ...': the subject with its apposition
        if "," in content.text and (_verbless(tokens, start, k - 1) or _appositive(tokens, start, k - 1)):
            continue  # 'Die Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte die Pläne': no clause, a subject
        c = next((x for x in range(start + 1, k - 1) if tokens[x].text == ","), None)
        if c is not None and c + 2 < k and (tokens[c + 1].lower in RELATIVE_PRONOUNS or tokens[c + 1].lower in PREPOSITIONS
                                            and tokens[c + 2].lower in RELATIVE_PRONOUNS) and _verbless(tokens, start, c) \
                and not any(tokens[x].text == "," for x in range(c + 1, k - 1)):
            continue  # 'Miroslav Klose, der Gelb-Rot sah, nannte ...': a noun phrase and its relative clause
        form = "indirect"
        if any(q.start <= content.start and content.end <= q.end for q in inside):
            continue  # a quotation: the direct rule took it
        _add(ctx, frame, content, form, "indirect-frame-after")
        return


def _anaphoric_verb(tokens: list[Token], k: int) -> int | None:
    """'..., das entschied die Stadt', '... – das zumindest meint der Bürgermeister': 'das'/'dies' after a comma
    or a dash takes up the clause before it as the object of a reporting verb, which follows it (after a focus
    adverb, or an auxiliary whose participle closes the clause: ', das hatte die Polizei mitgeteilt'); the
    index of that verb. A relative 'das' puts its verb last ('..., das die Stadt entschied')."""
    if tokens[k - 1].text not in (",", "–", "—") or tokens[k].lower not in ("das", "dies"):
        return None
    v = k + 1
    while v < len(tokens) - 1 and tokens[v].lower in words("focus_adverb"):
        v += 1
    if v >= len(tokens) - 1 or tokens[v].is_cap or not _alpha(tokens[v]):
        return None
    if tokens[v].lower in AUXILIARIES:
        end = next((j for j in range(v + 1, len(tokens)) if tokens[j].text in (",", ";", ":", ".", "!", "?")), len(tokens))
        v = end - 1
    elif tokens[v + 1].lower == "sich" or tokens[v + 1].is_cap and tokens[v + 1].lower not in words("determiner") \
            and (_np_forward(tokens, v + 1, len(tokens)) or v + 1) < len(tokens) \
            and tokens[_np_forward(tokens, v + 1, len(tokens)) or v + 1].lower in AUXILIARIES:
        return None  # 'das nennt sich ...': a name; 'das erklärte Ziel ist ...': a participle before its noun
    cue = verb_cue(tokens, v, len(tokens))
    return v if cue is not None and not cue.lemma.startswith("sich ") else None


@cache
def _noun_phrase_words() -> frozenset[str]:
    """Lower-case words that join the parts of a noun phrase: articles, prepositions, 'und'/'oder' and
    contracted prepositions (no verb among them)."""
    return words("determiner") | PREPOSITIONS | frozenset(["und", "oder", "vom", "im", "am", "zum", "zur", "beim"])


def _verbless(tokens: list[Token], i: int, j: int) -> bool:
    """tokens[i:j] are names, articles, prepositions and adjectives before nouns: a noun phrase, no clause."""
    closed = _noun_phrase_words()
    return all(t.is_cap or not _alpha(t) or t.lower in closed
               or (_attributive(t) and x + 1 < j and tokens[x + 1].is_cap)
               for x, t in enumerate(tokens[i:j], i))


def _appositive(tokens: list[Token], i: int, j: int) -> bool:
    """tokens[i:j] can be an apposition: names, nouns, articles, prepositions, adverbs and adjectives or
    participles before a noun ('das auch die Zeitung verlegende Medienhaus Lensing'), no finite verb."""
    closed = words("determiner") | PREPOSITIONS | words("clause_adverb") | {"und", "vom", "im", "am", "zum", "zur", "beim"}
    return all(t.is_cap or not _alpha(t) or t.lower in closed
               or (_attributive(t) or t.lower.endswith(("ende", "enden"))) and x + 1 < j
               and (tokens[x + 1].is_cap or _attributive(tokens[x + 1]))
               for x, t in enumerate(tokens[i:j], i))


def _agentless_report(tokens: list[Token], k: int, clause_end: int) -> bool:
    """'Als Grund wurde ein Defekt genannt', 'Bemängelt werden außerdem ...': a main clause in the
    passive, its participle first or last, the passive auxiliary finite in it; not a subordinate
    or relative clause ('..., das kritisiert wird') nor a participle inside a longer sentence."""
    if any(t.text in (",", ";", ":", "(") and not _decimal_comma(tokens, i) for i, t in enumerate(tokens[:k])):
        return False
    last = clause_end - 1
    while last > k and tokens[last].text in (".", "!", "?"):
        last -= 1
    if last != k and k != 0:
        return False
    return any(t.lower in ("wurde", "wurden", "wird", "werden") for t in tokens[:clause_end])


def _content_start(tokens: list[Token], comma: int) -> int:
    """Where content before a postposed frame begins: the sentence start, or after an earlier frame."""
    for j in range(comma - 1, 0, -1):
        if tokens[j].text in (":",) :
            return j + 1
    return 0


def _preposed(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'Trump sagte, er würde ...'; 'Der Kremlchef wies zurück, dass ...'; 'Nach X hieß es in Moskau, ...';
    'Hans-Jürgen Papier, Präsident des Gerichts, sagte, ...' (the subject with an apposition)."""
    commas = [i for i, t in enumerate(tokens) if t.text in (",", ":")
              and not any(q.start < t.start < q.end for q in inside) and not _decimal_comma(tokens, i)][:3]
    lo = 0
    if commas and tokens[0].lower in SUBORDINATORS - {"als"} and _leading_subordinate_frame(ctx, sentence, tokens, inside):
        return
    if len(commas) == 3 and _closing_particle_after_apposition(tokens, commas) \
            and _preposed_at(ctx, sentence, tokens, inside, 0, commas[2], vorfeld_only=False):
        return
    for n, first_comma in enumerate(commas):
        if n > 0 and tokens[commas[n - 1]].text == ":":
            return
        if n > 0 and tokens[lo].lower in SUBORDINATORS and _subordinate_frame(ctx, sentence, tokens, lo, first_comma):
            return
        if n > 0 and tokens[lo].lower == "wie":
            lo = first_comma + 1  # ', wie er sich selbst nannte, ist ...': an inserted clause (see _as_clause)
            continue
        if _preposed_at(ctx, sentence, tokens, inside, lo, first_comma, vorfeld_only=n > 0):
            return
        lo = first_comma + 1


def _closing_particle_after_apposition(tokens: list[Token], commas: list[int]) -> bool:
    """'Jetzt gab der Sprecher der Polizei, Hans Meier, bekannt, dass ...': an apposition between its
    commas, then the particle (or participle) that closes the clause of the frame, then the content."""
    c1, c2, c3 = commas
    if tokens[c1].text != "," or tokens[c2].text != "," or c2 - c1 < 2 \
            or not (tokens[c1 + 1].is_cap or tokens[c1 + 1].lower in words("determiner")) \
            or not _appositive(tokens, c1 + 1, c2) or not 0 < c3 - c2 - 1 <= 2:
        return False
    closing = tokens[c2 + 1:c3]
    return all(not t.is_cap and _alpha(t) for t in closing) and closing[0].lower in SEPARABLE_PARTICLES


SUBORDINATORS = frozenset(["indem", "weil", "da", "nachdem", "als", "wobei", "während", "obwohl", "nachdem", "seit",
                           "seitdem", "zumal"])


def _leading_subordinate_frame(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> bool:
    """'Während A erklärte, müde zu sein, räumte B ein, ...', 'Nachdem A mitgeteilt hatte, er komme, sagte B
    ...': a subordinate clause first whose verb (at its end) reports what follows its comma, up to the
    comma after which the main clause resumes with its finite verb; then the frame of the main clause.
    (Not after a temporal 'als': 'Als sie bemerkte, dass ..., flüchtete sie' is mostly noticing, the
    event that sets off the main clause.)"""
    every = [i for i, t in enumerate(tokens) if t.text == "," and not any(q.start < t.start < q.end for q in inside)
             and not _decimal_comma(tokens, i)]
    if len(every) < 2:
        return False
    stop = next((c for c in every[1:] if c + 2 < len(tokens) and (_clause_resumes(tokens, c + 1)
                                                                  or verb_cue(tokens, c + 1, len(tokens)))), None)
    if stop is None or not _subordinate_frame(ctx, sentence, tokens, 0, every[0], tokens[stop].start):
        return False
    nxt = next((c for c in every if c > stop + 1), None)
    if nxt is not None:
        _preposed_at(ctx, sentence, tokens, inside, stop + 1, nxt, vorfeld_only=True)
    return True


def _subordinate_frame(ctx: Context, sentence: Sentence, tokens: list[Token], lo: int, comma: int,
                       stop: int | None = None) -> bool:
    """'..., indem er sagte, eine stärkere Zusammenarbeit würde ...', '..., da die PDM angekündigt hatte, mit
    allen Parteien verhandeln zu wollen': a subordinate clause whose verb (at its end) reports what follows
    its comma (up to stop, where the main clause resumes)."""
    if comma + 1 >= len(tokens) or not _content_opener(tokens, comma + 1) or verb_cue(tokens, comma + 1, len(tokens)):
        return False
    v = comma - 1
    while v > lo + 1 and tokens[v].lower in AUXILIARIES:
        v -= 1
    if tokens[v].is_cap or tokens[v].start in ctx.used_cues or _passive(tokens, v):
        return False
    cue = verb_cue(tokens, v, comma)
    if cue is None or cue.particle:
        return False
    end = _np_forward(tokens, lo + 1, v)
    if end is None or v - end > 5 or any(t.text in (",", ";", ":") or t.text in QUOTE_MARKS for t in tokens[lo:v]):
        return False
    entity = _resolve_np(ctx, tokens, lo + 1, end) or _fallback_entity(ctx, tokens, lo + 1, end)
    if entity is None or entity.type not in AGENT_TYPES:
        return False
    content = _trim(ctx, tokens[comma + 1].start, sentence.end if stop is None else stop)
    if content is None or len(content.text) < 8 or ctx.is_covered(content.start, content.end):
        return False
    span = None if entity is UNATTRIBUTED else ctx.span(tokens[lo + 1].start, tokens[end - 1].end)
    frame = Frame(entity, span, ctx.span(tokens[v].start, tokens[v].end), cue.act, list(tokens))
    return _add(ctx, frame, content, "indirect", "indirect-subordinate") is not None


def _preposed_at(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote], lo: int,
                 first_comma: int, vorfeld_only: bool) -> bool:
    """A frame between tokens[lo] and the comma tokens[first_comma], content after the comma;
    True when the sentence is done with (a claim made, or content that cannot follow)."""
    if first_comma + 1 >= len(tokens):
        return True
    if not _content_opener(tokens, first_comma + 1) or verb_cue(tokens, first_comma + 1, len(tokens)):
        return False  # an adverbial or relative clause, or a second verb: perhaps a later comma
    if tokens[first_comma + 1].lower in CLAUSE_JOINERS:
        return False  # ', und Englands Stürmer entschuldigte sich': a second main clause, no content
    for k in range(lo, first_comma):
        if tokens[k].start in ctx.used_cues or any(q.start <= tokens[k].start < q.end for q in inside):
            continue
        if _in_parenthesis(tokens, k, first_comma):
            continue  # '(Wikinews berichtete) hat es keine Entscheidung gegeben, ob ...': an aside
        if _passive(tokens, k) and not (k + 1 < len(tokens) and tokens[k - 1].lower == "es"):
            cue = verb_cue(tokens, k, first_comma)
            impersonal = tokens[lo].lower == "es" and k - lo <= 3  # 'Es wird vermutet, dass ...'
            if vorfeld_only or cue is None:
                continue
            # 'Ihm wird vorgeworfen, ...', 'Von Seiten der Delegation war den USA vorgeworfen worden, ...':
            # said by the agent of the passive, or by someone not named (the dative is the addressee);
            # a belief only with its agent ('Von den Ermittlern wird angenommen, dass ...') or as 'es'
            frame = _passive_agent(ctx, tokens, k, first_comma, cue)
            if frame is None and cue.act == "believe" and not impersonal:
                continue
            frame = frame or Frame(UNATTRIBUTED, None, ctx.span(tokens[k].start, tokens[k].end), cue.act, list(tokens))
        elif vorfeld_only:
            if verb_cue(tokens, k, first_comma) is None:
                continue
            pivot = _auxiliary(tokens, k)
            found = _vorfeld(ctx, tokens, pivot if pivot is not None else k)
            if found is None:
                frame = _later_clause_frame(ctx, tokens, lo, k, pivot, first_comma)
                if frame is None:
                    continue
            else:
                frame = _frame(ctx, found[0], found[1], tokens, k, k, None, verb_cue(tokens, k, first_comma))
        else:
            frame = _frame_at(ctx, tokens, k, first_comma)
        if frame is None:
            continue
        start = first_comma + 1
        end = sentence.end
        span = frame.speaker_span
        if span is not None and span.end == tokens[first_comma - 1].end and span.start > tokens[k].start:
            # 'sagte Honoré Durand, der Geschäftsführer des Unternehmens, dass ...': the apposition
            # belongs to the speaker, the content follows its comma
            s0 = next(x for x in range(first_comma) if tokens[x].start == span.start)
            ext = _np_forward(tokens, s0, len(tokens))
            if ext is not None and first_comma + 1 < ext < len(tokens) - 1 and tokens[ext].text in (",", ":"):
                frame.speaker_span = ctx.span(span.start, tokens[ext - 1].end)
                start = ext + 1
                if tokens[ext].text == ":" and tokens[start].text in QUOTE_MARKS:
                    return True  # 'sagte X, der Geschäftsführer: „...“': the direct rule
            else:
                # 'meldete der Radiosender, Radio Vatikan, dass ...', 'erklärte der Eigentümer, das ...
                # verlegende Medienhaus Lensing, dass ...': a noun phrase between the commas is an
                # apposition of the subject when 'dass'/'ob' opens the content after it
                c2 = next((x for x in range(first_comma + 2, min(len(tokens) - 1, first_comma + 14))
                           if tokens[x].text in (",", ";", ":", ".")), None)
                if c2 is not None and tokens[c2].text == "," and tokens[c2 + 1].lower in ("dass", "ob") \
                        and (tokens[first_comma + 1].is_cap or tokens[first_comma + 1].lower in words("determiner")) \
                        and tokens[c2 - 1].is_cap and _appositive(tokens, first_comma + 1, c2) \
                        or c2 is not None and _apposition_before_content(tokens, first_comma + 1) == c2:
                    frame.speaker_span = ctx.span(span.start, tokens[c2 - 1].end)
                    start = c2 + 1
        if any(q.start <= tokens[start].start < q.end and q.end >= tokens[-1].start for q in inside):
            if tokens[start].text in QUOTE_MARKS:
                return True  # the direct rule handles 'X sagte: "..."'
        if tokens[start].lower in AUXILIARIES - words("konjunktiv1") - words("konjunktiv2"):
            return True  # 'Magnitski hatte X beschuldigt, wurde dann festgenommen': the main clause goes on
        colon = next((x for x in range(start - 1, len(tokens) - 1) if tokens[x].text == ":" and tokens[x + 1].text
                      in OPENING_QUOTES and any(q.start == tokens[x + 1].start for q in inside)), None)
        if colon is not None:
            # 'sagte, Europa brauche die Engländer und fügte hinzu: „...“': the content ends before the next
            # frame; 'äußerte sich X zu den Vorgängen: „Wir ...“, sagte er': a quotation, the direct rule's
            joint = next((u for u in range(colon - 1, start, -1) if tokens[u].lower == "und"
                          and verb_cue(tokens, u + 1, colon)), None)
            if joint is None:
                return True
            end = tokens[joint - 1].end
        semicolon = next((x for x in range(start + 1, len(tokens)) if tokens[x].text == ";"), None)
        if semicolon is not None and tokens[semicolon].start < end:
            end = tokens[semicolon].start  # '...; diese bekannte sich jedoch nie dazu': another main clause
        if tokens[start].lower in ("dass", "ob"):
            # 'teilte mit, dass die Regenfälle anhalten, und warnte vor ...': the clause with its verb last is
            # over where a finite verb follows 'und' (the frame's subject goes on)
            joint = next((x for x in range(start + 2, len(tokens) - 2) if tokens[x].lower == "und"
                          and _finite_before_constituent(tokens, x + 1)), None)
            if joint is not None and tokens[joint].start < end:
                end = tokens[joint - 1].end
        elif tokens[start].lower not in INTERROGATIVES and tokens[start].lower not in words("subjunction"):
            # 'sagte, die Lage sei ernst, und forderte Hilfe': a verb in the past indicative after 'und' is
            # the frame's subject going on, not the reported clause (whose verb is in Konjunktiv)
            joint = next((x for x in range(start + 2, len(tokens) - 2) if tokens[x].lower == "und"
                          and _finite_before_constituent(tokens, x + 1) and tokens[x + 1].lower.endswith(("te", "ten"))
                          and tokens[x + 1].lower not in words("konjunktiv2")), None)
            if joint is not None and tokens[joint].start < end and any(
                    t.lower in words("konjunktiv1") or t.lower in words("konjunktiv2") for t in tokens[start:joint]):
                end = tokens[joint - 1].end
        start = _content_begins(tokens, start)
        end = min(end, _complement_end(tokens, start, end))
        content = _trim(ctx, tokens[start].start, end)
        if content is None or ctx.is_covered(content.start, content.end):
            return True
        if _finite_first(tokens, start):
            return True  # 'Die Rauchschwaden, die als „nebelartig“ beschrieben wurden, weisen zudem ... auf': the main clause goes on
        if not _clause_like(tokens, start, len(tokens)):
            return True  # 'Sie forderten Presse-, Meinungs- und Versammlungsfreiheit': an enumeration goes on
        _add(ctx, frame, content, "indirect", "indirect-frame-before")
        return True
    frame, rule = (None if vorfeld_only else _noun_frame(ctx, tokens, lo, first_comma)), "indirect-noun-frame"
    if frame is None and (not vorfeld_only or tokens[lo].lower in BECOME):
        # 'Am Montag wurde bekannt, dass ...'; after a clause in the first position: 'Erst nachdem ...,
        # wurde bekannt, dass ...'
        frame, rule = _became_known(ctx, tokens, lo, first_comma), "indirect-known"
    if frame is not None:
        content = _trim(ctx, tokens[first_comma + 1].start, sentence.end)
        if content is not None and not ctx.is_covered(content.start, content.end):
            _add(ctx, frame, content, "indirect", rule)
            return True
    return False


CLAUSE_JOINERS = frozenset(["und", "aber", "doch", "denn", "sondern", "oder"])

# lower-case words that are no verb: conjunctions and adverbs of enumerations ('besonders Japan, China
# und Südkorea', 'insbesondere der Frauen und Kinder')
NON_VERBS = frozenset(["und", "oder", "sowie", "bzw", "beziehungsweise", "sondern", "wie", "als", "besonders",
                       "insbesondere", "vor", "allem", "etwa", "rund", "fast", "knapp", "mehr", "weniger", "sehr",
                       "nur", "sogar", "vorwiegend", "vornehmlich", "hauptsächlich", "namentlich", "unter", "anderem",
                       "anderen", "zum", "beispiel", "teils", "teilweise", "jeweils", "ca", "bis", "zu", "mindestens",
                       "höchstens", "insgesamt", "zirka", "circa", "nicht", "statt", "teil"])


def _in_parenthesis(tokens: list[Token], k: int, end: int) -> bool:
    """Is tokens[k] inside a parenthesis that closes before tokens[end]?"""
    close = next((j for j in range(k + 1, end) if tokens[j].text == ")"), None)
    return close is not None and not any(tokens[j].text == "(" for j in range(k + 1, close)) \
        and any(tokens[j].text == "(" for j in range(max(0, k - 6), k))


@cache
def _closed_words() -> frozenset[str]:
    """Lower-case words that are no verb of a clause: articles, prepositions, adverbs, quantifiers and
    the words of enumerations (built once: the clause tests run for every comma after a frame)."""
    return words("determiner") | PREPOSITIONS | words("clause_adverb") | words("not_speaker") | words("name_stop") \
        | words("quantifier") | NON_VERBS


@cache
def _no_finite_verb() -> frozenset[str]:
    """Lower-case words that cannot be the finite verb opening what follows a comma."""
    return _closed_words() | words("konjunktiv1") | words("konjunktiv2") | words("subjunction") | words("relative") \
        | RELATIVE_PRONOUNS | SPEAKER_PRONOUNS


def _finite_first(tokens: list[Token], i: int) -> bool:
    """Does tokens[i] look like a finite verb opening what follows a comma ('weisen zudem', 'hielt sich',
    'gilt als', 'führte für')? Reported speech puts its finite verb second, after a constituent; a verb
    first continues the clause of the frame (or another main clause with the same subject)."""
    if i + 1 >= len(tokens):
        return False
    t, nxt = tokens[i], tokens[i + 1]
    if t.is_cap or not _alpha(t) or t.lower in _no_finite_verb() \
            or not t.lower.endswith(("t", "en", "te", "ten")) or _attributive(t):
        return False
    return nxt.lower in words("determiner") or nxt.lower in PREPOSITIONS or nxt.lower in words("clause_adverb") \
        or nxt.lower in ("sich", "er", "es", "ihn", "ihm", "uns", "man", "als", "nicht", "mit", "zudem")


def _clause_like(tokens: list[Token], i: int, j: int) -> bool:
    """Can tokens[i:j] be reported speech: a clause ('dass', 'ob', a w-word, a zu-infinitive, or a
    lower-case word that may be a verb), not the rest of an enumeration or an apposition after the
    comma ('Tunesien, in der Türkei und den Emiraten', 'krumme Stämme und dünne Zweige')?"""
    if i >= j:
        return False
    if tokens[i].lower in words("subjunction") and tokens[i].lower != "wie" or tokens[i].lower == "was" \
            or tokens[i].lower in ("wer", "wann", "wo", "warum", "weshalb", "wieso", "welche", "welcher", "welches"):
        return True  # ('wie' may compare: ', wie „Full Metal Jacket“ von Warner Bros.')
    closed = _closed_words()
    for x in range(i, j):
        t = tokens[x]
        if t.text == ":" and not _decimal_comma(tokens, x):
            return True  # a colon: what follows is judged on its own
        if t.is_cap or not _alpha(t) or t.lower in closed or t.lower.endswith("end"):
            continue  # ('weitgehend', 'entsprechend': no finite verb)
        if _attributive(t) and x + 1 < j and (tokens[x + 1].is_cap or _attributive(tokens[x + 1])):
            continue  # 'krumme Stämme', 'der vereitelten Terroranschläge'
        return True
    return False


def _later_clause_frame(ctx: Context, tokens: list[Token], lo: int, k: int, pivot: int | None,
                        comma: int) -> Frame | None:
    """A main clause after a comma whose reporting verb (or its auxiliary) stands second after its
    subject, or first after a subordinate clause: 'Die Gründung wird begrüßt, die Organisation
    bezweifelt aber, dass ...', 'Da es keine Verordnung gibt, hat das Gericht entschieden, dass ...'."""
    s = lo
    if s < len(tokens) and tokens[s].lower in CLAUSE_JOINERS:
        s += 1
    v = pivot if pivot is not None else k
    if s >= v + 1 or tokens[s].lower in words("subjunction") | SUBORDINATORS | PREPOSITIONS or tokens[s].text in QUOTE_MARKS:
        return None
    if v == s:
        if _before_relative(tokens, s, v) < s:
            # 'In der Erklärung, die ... veröffentlicht wurde, heißt es': a phrase with its relative clause first
            return _frame_at(ctx, tokens, k, comma)
        # verb first: the clause before it fills the first position, so it must be a subordinate clause
        if tokens[0].lower not in SUBORDINATORS | words("subjunction") | {"obwohl", "falls", "bevor", "sobald"}:
            return None
    else:
        if tokens[s].lower in RELATIVE_PRONOUNS and (s == lo and tokens[lo - 1].text == "," and tokens[lo - 2].is_cap
                                                     or not (s + 1 < v and (tokens[s + 1].is_cap or _attributive(tokens[s + 1])))):
            return None  # ', der das bestätigte, ...', 'Fotos, die Verletzte zeigten, ...': a relative clause
        if _np_forward(tokens, s, v) != v or any(t.text in (",", ";", ":") for t in tokens[s:v]):
            return None
    sub = tokens[s:]
    return _frame_at(ctx, sub, k - s, comma - s)


BECOME = frozenset(["wurde", "wurden", "geworden", "war", "waren", "ist", "sind"])


def _became_known(ctx: Context, tokens: list[Token], lo: int, comma: int) -> Frame | None:
    """'Am Montag wurde bekannt, dass ...', 'Wie heute bekannt wurde, ...', 'Es war bekannt geworden,
    dass ...': made public by someone not named."""
    clause = tokens[lo:comma]
    if len(clause) < 2 or clause[-1].lower not in BECOME | {"bekannt"} or len(clause) > 8:
        return None
    known = next((j for j in range(comma - 1, max(lo - 1, comma - 4), -1) if tokens[j].lower == "bekannt"), None)
    become = next((j for j in range(comma - 1, lo - 1, -1) if tokens[j].lower in BECOME), None)
    if known is None or become is None or any(t.lower in ("nichts", "nicht", "als", "für", "durch") or t.text in QUOTE_MARKS
                                               for t in clause):
        return None
    a, b = min(known, become), max(known, become)
    return Frame(UNATTRIBUTED, None, ctx.span(tokens[a].start, tokens[b].end), "announce", list(tokens))


def _noun_frame(ctx: Context, tokens: list[Token], lo: int, comma: int) -> Frame | None:
    """A light verb and a reporting noun before the comma: 'Die Staatsanwaltschaft hegt den Verdacht,
    Ertel könnte ...', 'Cutler vertritt die Auffassung, dass ...', 'Er ist der Meinung, dass ...',
    'Das Team kam zu dem Schluss, dass ...'. The subject opens the clause, the finite verb follows it."""
    noun = tokens[comma - 1] if comma > lo + 2 else None
    if noun is not None and not noun.is_cap and noun.lower in words("attitude_adjective"):
        return _adjective_frame(ctx, tokens, lo, comma)
    n = comma - 1
    for back in (1, 2):
        if noun is not None and not noun.is_cap and _alpha(noun) and comma > lo + 2 + back and tokens[n - back].is_cap \
                and tokens[n - back].text in cue_lexicon()["noun"] \
                and all(not t.is_cap and _alpha(t) for t in tokens[n - back + 1:comma]):
            # the particle or the participle closes the clause: 'stellten die Theorie auf, ...', 'hatte die
            # These vertreten, ...', 'drückte seine Verwunderung darüber aus, ...'
            n -= back
            noun = tokens[n]
            break
    if noun is None or not noun.is_cap or noun.text not in cue_lexicon()["noun"]:
        return None
    det = tokens[n - 1].lower
    if det not in words("determiner") and det not in ("zum", "im", "beim", "zur"):
        return _existential_frame(ctx, tokens, lo, n, comma)
    if any(t.text in (",", ";", ":") or t.text in QUOTE_MARKS for t in tokens[lo:comma]):
        return None
    rest = tokens[comma + 1:]
    if not rest or not (rest[0].lower in NOUN_CONTENT_OPENERS or any(
            t.lower in words("konjunktiv1") | words("konjunktiv2") or t.lower == "zu" for t in rest)):
        return None
    start = lo
    end = _np_forward(tokens, lo, n - 1)
    if end is not None and end < n - 1:
        # 'Die Vereinigung der Sparer (VdS) ist der Ansicht': the subject goes on over its genitive
        while end < n - 2 and tokens[end].lower in GENITIVE_ARTICLES and tokens[end - 1].is_cap:
            tail = _np_forward(tokens, end, n - 1)
            if tail is None or tail <= end + 1 or tail >= n - 1:
                break
            end = tail
    if end is None or end >= n - 1 or tokens[end].is_cap or not _alpha(tokens[end]) or tokens[lo].lower in FIRST_PREPOSITIONS \
            or tokens[lo].lower in words("clause_adverb") \
            or tokens[end].lower in words("determiner") or tokens[end].lower in PREPOSITIONS or n - 1 - end > 8:
        # 'Seit dem Sommer vertritt der Abgeordnete die These, ...': an adverbial first, the subject
        # right after the finite verb and right before the noun's article
        inverted = _inverted_noun_subject(tokens, lo, n - 1)
        if inverted is None:
            return None
        v, start, stop = inverted
        act = cue_lexicon()["noun"][noun.text][0].act
        if start == stop and tokens[lo].lower in ("von", "vom", "seitens") and _np_forward(tokens, lo + 1, v) == v:
            # 'Von der Polizei kam die Information, ...': the noun is the subject, the source follows 'von'
            start, stop = lo + 1, v
        elif start == stop:
            # 'In der Kommission herrschte die Meinung vor, ...', 'Unter den Anwohnern wächst die Sorge, ...':
            # the noun is the subject, no speaker is named
            return Frame(UNATTRIBUTED, None, ctx.span(tokens[v].start, tokens[comma - 1].end), act, list(tokens))
        speaker = _resolve_np(ctx, tokens, start, stop) or _fallback_entity(ctx, tokens, start, stop)
        if speaker is None or speaker.type not in AGENT_TYPES:
            return None
        span = None if speaker is UNATTRIBUTED else ctx.span(tokens[start].start, tokens[stop - 1].end)
        return Frame(speaker, span, ctx.span(tokens[stop].start, tokens[comma - 1].end), act, list(tokens))
    verb = tokens[end]
    if tokens[end + 1].lower == "es":
        return None  # 'Hauptsächlich geht es bei diesen Drohungen darum, ...': 'es' is the subject
    speaker = _resolve_np(ctx, tokens, lo, end) or _fallback_entity(ctx, tokens, lo, end)
    if speaker is None or speaker.type not in AGENT_TYPES:
        return None
    span = None if speaker is UNATTRIBUTED else ctx.span(tokens[lo].start, tokens[end - 1].end)
    act = cue_lexicon()["noun"][noun.text][0].act
    return Frame(speaker, span, ctx.span(verb.start, tokens[comma - 1].end), act, list(tokens))


def _inverted_noun_subject(tokens: list[Token], lo: int, det: int) -> tuple[int, int, int] | None:
    """(finite verb, subject start, subject end) of 'Seit dem Sommer vertritt er die These': the first
    position is a prepositional phrase, the subject stands between the finite verb and tokens[det]."""
    if tokens[lo].lower in FIRST_PREPOSITIONS:
        first_verb = lo + 2
    elif tokens[lo].lower in words("clause_adverb") and lo + 1 < det and not tokens[lo + 1].is_cap:
        first_verb = lo + 1  # 'So fassten die Grünen den Beschluss, ...': an adverb in the first position
    else:
        return None
    closed = words("determiner") | PREPOSITIONS | NON_VERBS
    for v in range(first_verb, det):
        t = tokens[v]
        if t.is_cap or not _alpha(t) or t.lower in closed or _attributive(t) and tokens[v + 1].is_cap:
            continue  # not an adjective before its noun ('Seit dem letzten Jahr')
        if v + 1 == det:
            return v, det, det  # no subject between the verb and the noun
        first = tokens[v + 1]
        if not (first.lower in SPEAKER_PRONOUNS | NOMINATIVE_ARTICLES
                or first.is_cap and first.lower not in words("determiner")):
            return None
        stop = _np_forward(tokens, v + 1, det)
        if stop is not None and stop < det:
            stop = _genitive_tail(tokens, stop)
        if stop is not None and stop < det and (tokens[stop].lower in words("clause_adverb") or tokens[stop].lower in PREPOSITIONS) \
                and _verbless(tokens, stop, det):
            return v, v + 1, stop  # 'fassten die Grünen am Donnerstag den Beschluss': an adverbial before the noun
        return (v, v + 1, stop) if stop == det else None
    return None


ATTITUDE_VERBS = frozenset(["ist", "war", "sind", "waren", "sei", "seien", "zeigte", "zeigten", "zeigt", "zeigen", "gab",
                            "gaben", "gibt", "geben", "bleibt", "blieb", "blieben", "hält", "halten", "hielt", "hielten"])
ATTITUDE_FILLERS = frozenset(["sich", "davon", "fest", "ganz", "sehr", "es", "für", "jedoch", "aber", "auch", "weiterhin",
                              "nach", "wie", "vor", "zudem", "außerdem", "allerdings", "trotzdem", "dennoch"])


def _adjective_frame(ctx: Context, tokens: list[Token], lo: int, comma: int) -> Frame | None:
    """A copula and an adjective of belief before the comma: 'Die Staatsanwaltschaft war sich sicher,
    dass ...', 'Er zeigte sich zuversichtlich, dass ...', 'Beobachter halten es für unwahrscheinlich, dass ...'."""
    end = _np_forward(tokens, lo, comma - 1)
    if end is None or end >= comma - 1 or tokens[end].lower not in ATTITUDE_VERBS or tokens[end].is_cap:
        return None
    fillers = tokens[end + 1:comma - 1]
    if len(fillers) > 4 or any(t.lower not in ATTITUDE_FILLERS for t in fillers) \
            or tokens[end].lower.startswith("h") and not {"es", "für"} <= {t.lower for t in fillers}:
        return None
    rest = tokens[comma + 1:]
    if not rest or not (rest[0].lower in ("dass", "ob") or any(
            not t.is_cap and t.lower in words("konjunktiv1") | words("konjunktiv2") or t.lower == "zu" for t in rest)):
        return None
    speaker = _resolve_np(ctx, tokens, lo, end) or _fallback_entity(ctx, tokens, lo, end)
    if speaker is None or speaker.type not in AGENT_TYPES:
        return None
    span = None if speaker is UNATTRIBUTED else ctx.span(tokens[lo].start, tokens[end - 1].end)
    return Frame(speaker, span, ctx.span(tokens[end].start, tokens[comma - 1].end), "believe", list(tokens))


def _relative_frame(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'die Aussage eines Jungen, der angab, von dem Mann missbraucht worden zu sein', 'Ramsey Clark, der der
    US-Regierung vorwarf, ...': a relative clause whose verb reports the content after its comma. The
    speaker is the noun before the relative pronoun; the pronoun is the mention (SpkAtt marks it)."""
    for r in range(1, len(tokens) - 3):
        if tokens[r - 1].text != "," or tokens[r].lower not in RELATIVE_PRONOUNS - {"dessen", "deren", "denen", "dem", "den"}:
            continue
        if any(q.start <= tokens[r].start < q.end for q in inside):
            continue
        close = next((j for j in range(r + 1, min(len(tokens), r + 8)) if tokens[j].text in (",", ".", ";", ":", "!", "?")
                      or tokens[j].text in QUOTE_MARKS), None)
        if close is None or tokens[close].text != "," or close + 1 >= len(tokens) or close - r < 2:
            continue
        v = close - 1
        if tokens[v].lower in AUXILIARIES and v - 1 > r and not tokens[v - 1].is_cap:
            v -= 1  # ', der erklärt hat, ...': the participle before its auxiliary
        if tokens[v].lower not in cue_lexicon()["verb"] or tokens[v].start in ctx.used_cues or tokens[v].is_cap \
                or _passive(tokens, v):
            continue
        cue = verb_cue(tokens, v, close)
        if cue is None or cue.particle or not _content_opener(tokens, close + 1):
            continue
        start, end = _np_backward(tokens, r - 1, anywhere=True), r - 1
        extraposed = False
        if start is None:
            # 'Ramsey Clark war anwesend, der der Regierung vorwarf, ...': the relative clause follows the
            # words that close the main clause; its noun stands before them
            b = r - 2
            while b > 1 and r - 2 - b < 2 and not tokens[b].is_cap and _alpha(tokens[b]) \
                    and tokens[b].lower not in _closed_words() and tokens[b].lower not in SPEAKER_PRONOUNS:
                b -= 1
            if b < r - 2 and tokens[b].is_cap:
                start, end, extraposed = _np_backward(tokens, b + 1, anywhere=True), b + 1, True
        entity = (_resolve_np(ctx, tokens, start, end) or _fallback_entity(ctx, tokens, start, end)) \
            if start is not None else None
        if entity is None or entity.type not in AGENT_TYPES or entity is UNATTRIBUTED or start == 0 and not extraposed:
            continue  # a relative clause inside the first position: the main clause goes on after it
        nxt = tokens[close + 1].lower
        if nxt in AUXILIARIES or nxt in words("konjunktiv1") or nxt in cue_lexicon()["verb"] or nxt == "zu":
            continue
        resume = _outer_resumes(tokens, close + 1)
        content = _trim(ctx, tokens[close + 1].start, tokens[resume].start if resume is not None else sentence.end)
        if content is None or len(content.text) < 8 or ctx.is_covered(content.start, content.end):
            continue
        frame = Frame(entity, ctx.span(tokens[r].start, tokens[r].end), ctx.span(tokens[v].start, tokens[v].end),
                      cue.act, list(tokens))
        _add(ctx, frame, content, "indirect", "indirect-relative")
        return


RELATIVE_PRONOUNS = frozenset(["der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welche", "welcher", "welches", "welchem", "welchen"])
def _content_opener(tokens: list[Token], i: int) -> bool:
    """Can reported content begin at tokens[i]? Not an adverbial clause ('weil ...', 'um ... zu');
    'damit solle ...' (an adverb before the finite verb) can."""
    word = tokens[i].lower
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    finite_next = nxt is not None and (nxt.lower in AUXILIARIES or nxt.lower in words("konjunktiv1")
                                       or nxt.lower in words("konjunktiv2"))
    if word in NOT_CONTENT_START or word in ("um", "ohne", "anstatt", "statt", "so"):
        if finite_next:
            return True
        # 'Bush befürchtet, sobald er sich ... anschließe, werde der Druck ... zunehmen': a clause
        # in the first position of reported speech, the finite verb right after its comma
        close = next((j for j in range(i + 1, len(tokens)) if tokens[j].text in (",", ";", ":", ".")), None)
        return close is not None and close + 1 < len(tokens) and tokens[close].text == "," and (
            tokens[close + 1].lower in words("konjunktiv1") or tokens[close + 1].lower in words("konjunktiv2"))
    return not _relative_clause(tokens, i)


PREPOSITIONS = frozenset(["in", "mit", "von", "auf", "an", "bei", "für", "über", "unter", "zu", "aus", "nach", "durch",
                          "gegen", "um", "vor", "hinter", "neben", "zwischen", "wegen", "trotz", "seit", "ohne"])
# openers of a noun's content clause: 'Zweifel daran, ob ...', 'seine Verwunderung darüber aus, warum ...'
NOUN_CONTENT_OPENERS = frozenset(["dass", "ob", "warum", "weshalb", "wieso"])
EXISTENTIAL = frozenset(["gibt", "gab", "gebe", "gäbe"])


def _existential_frame(ctx: Context, tokens: list[Token], lo: int, n: int, comma: int) -> Frame | None:
    """'Es gibt Zweifel daran, ob ...', 'So gibt es einen Konsens darüber, dass ...': a reporting noun
    that 'es gibt' states, held by no one named."""
    g = next((j for j in range(lo, n) if tokens[j].lower in EXISTENTIAL and not tokens[j].is_cap
              and (j > lo and tokens[j - 1].lower == "es" or tokens[j + 1].lower == "es")), None)
    if g is None or tokens[comma + 1].lower not in NOUN_CONTENT_OPENERS:
        return None
    first = g - 1 if g > lo and tokens[g - 1].lower == "es" else g
    if any(t.is_cap or not _alpha(t) for t in tokens[g + 1:n]):
        return None  # only adverbs, articles and adjectives between 'es gibt' and the noun
    act = cue_lexicon()["noun"][tokens[n].text][0].act
    return Frame(UNATTRIBUTED, None, ctx.span(tokens[first].start, tokens[comma - 1].end), act, list(tokens))


# prepositions (and their contractions with the article) that open a first position that is no subject
FIRST_PREPOSITIONS = PREPOSITIONS | frozenset(["zur", "zum", "im", "am", "beim", "vom", "ins", "ans", "angesichts",
                                               "aufgrund", "infolge", "innerhalb", "außerhalb", "während"])


def _relative_clause(tokens: list[Token], i: int) -> bool:
    """Does a relative clause begin at tokens[i] ('die aus dem Jahr 2005 stammt', 'auf der er ...
    eingespielt hat', 'dessen Behörde ... zuständig ist')? Not an article before its noun ('die
    betroffenen Tiere würden ...') nor a demonstrative subject ('das sei falsch')."""
    opener = i
    if i < len(tokens) and tokens[i].lower in PREPOSITIONS:
        i += 1
    if i + 1 >= len(tokens) or tokens[i].lower not in RELATIVE_PRONOUNS:
        return False
    word, nxt = tokens[i].lower, tokens[i + 1]
    # a decimal comma or the dot of an ordinal ('der 11,1 Meter hoch ist', 'seit dem 4. März') ends nothing
    end = next((j for j in range(i + 1, len(tokens)) if tokens[j].text in (",", ";", ":", ".", "!", "?")
                and not _decimal_comma(tokens, j)
                and not (tokens[j].text == "." and j + 1 < len(tokens) and tokens[j - 1].text.isdigit())), len(tokens))
    clause = tokens[i + 1:end]
    # a reporting verb inside ('in der es heißt, ...') makes it the frame of what follows its comma; at
    # the end of the sentence it reports nothing more ('einen Bericht, in dem es Missbrauch anprangerte.')
    framing = end < len(tokens) - 1
    if any((t.lower in words("konjunktiv1") or t.lower in words("konjunktiv2")) and not (
            t.lower in PAST_LIKE_SUBJUNCTIVES and i + 1 + x == end - 1) or framing and verb_cue(tokens, i + 1 + x, end)
           for x, t in enumerate(clause)):
        return False  # 'die darin bestehen solle', 'in der es heißt': reported speech after all
    # after a noun (not right after the reporting verb) the pronoun opens a relative clause whatever
    # follows it: 'Flugzeuge, die mittels ...', 'einen Anschlag, bei dem mindestens ...'
    after_noun = opener >= 2 and tokens[opener - 1].text == "," and (
        tokens[opener - 2].is_cap or tokens[opener - 2].text in QUOTE_MARKS or tokens[opener - 2].text in (")", "]")
        or tokens[opener - 2].text.isdigit()) \
        and (nxt.text.isdigit() or (_alpha(nxt) and not nxt.is_cap and nxt.lower not in AUXILIARIES))
    if word not in ("dessen", "deren", "denen") and not after_noun and not (
            nxt.lower in PREPOSITIONS or nxt.lower in words("determiner") or nxt.lower in RELATIVE_PRONOUNS
            or nxt.lower in SPEAKER_PRONOUNS | {"es", "man", "sich", "ihn", "ihm", "uns", "ihnen", "zu", "mit", "bis"}
            or nxt.lower in words("clause_adverb") or nxt.text.isdigit()):  # 'das bis heute ... stattfindet'
        return False
    last = tokens[end - 1]
    if end - 2 > i and (tokens[end - 2].lower == "zu" or last.lower.startswith(ZU_PARTICLES)):
        return False  # 'empfahl dem Gericht, der ... Klage stattzugeben': an infinitive clause
    # the clause ends in a verb: its last word before a comma or the end is lower case
    return end - 1 > i and not last.is_cap and _alpha(last)


# subjunctive forms spelt as the past indicative: at the end of a relative clause they are the
# indicative ('die dem Projekt Geld zur Verfügung stellen wollte')
PAST_LIKE_SUBJUNCTIVES = frozenset(["wollte", "wollten", "sollte", "sollten"])


# separable verbs with 'zu' inside: 'stattzugeben', 'anzuerkennen', 'hinzuzufügen'
ZU_PARTICLES = ("anzu", "abzu", "aufzu", "auszu", "beizu", "einzu", "festzu", "hinzuzu", "mitzu", "nachzu",
                "vorzu", "zuzu", "zurückzu", "stattzu", "weiterzu", "fortzu", "herzu", "hervorzu", "darzu")


def _frame_at(ctx: Context, tokens: list[Token], k: int, clause_end: int, speaker_after: bool = False) -> Frame | None:
    """A frame whose reporting verb is tokens[k]: find the speaker before or after it."""
    cue = verb_cue(tokens, k, clause_end)
    if cue is None:
        return None
    cue_end = k
    particle_end = None
    if cue.particle:
        for j in range(k + 1, clause_end):
            if tokens[j].lower == cue.particle:
                particle_end = j
                break
    if cue.lemma in EMERGING:
        return _emerges_from(ctx, tokens, k, clause_end, cue)
    if cue.lemma == "heißen":
        return _impersonal_frame(ctx, tokens, k, clause_end, cue)
    if cue.lemma == "verlauten":
        impersonal = _impersonal_frame(ctx, tokens, k, clause_end, cue)
        if impersonal is not None and impersonal.speaker is not UNATTRIBUTED:
            return impersonal  # 'Aus EU-Kreisen verlautete'; else 'X ließ verlauten' has a subject
    # speaker after the verb (inverted order: ', sagte Trump')
    after = k + 1
    if after < clause_end and tokens[after].lower == "sich":
        after += 1  # 'äußerte sich der Minister': the reflexive pronoun is no subject
    if k > 0 and tokens[k - 1].lower == "und" and not speaker_after:
        s0: int | None = 0
        first = tokens[0].lower
        if first in words("oblique_determiner") or first in PREPOSITIONS or first in words("name_stop") \
                or first in words("clause_adverb") or first in words("not_speaker") and first not in SPEAKER_PRONOUNS:
            # 'Im Januar legte er sein Amt nieder und verkündete', 'Den Vorschlag lehnte sie ab und sagte':
            # the first position is no subject; the subject follows the first verb
            closed = words("determiner") | PREPOSITIONS | words("clause_adverb") | words("name_stop") | NON_VERBS
            v = next((m for m in range(1, k - 1) if not tokens[m].is_cap and _alpha(tokens[m])
                      and tokens[m].lower not in closed and not _attributive(tokens[m])
                      and (tokens[m + 1].lower in SPEAKER_PRONOUNS | NOMINATIVE_ARTICLES
                           or tokens[m + 1].is_cap and tokens[m + 1].lower not in words("determiner"))), None)
            s0 = v + 1 if v is not None and v + 1 < k - 1 else None
        end0 = _np_forward(tokens, s0, k) if s0 is not None else None
        subject = _resolve_np(ctx, tokens, s0, end0) if end0 else None
        if subject is not None and subject.type in AGENT_TYPES:  # 'Er sagte, ... und fügte hinzu: ...'
            return _frame(ctx, subject, (s0, end0), tokens, k, cue_end, particle_end, cue)
    pivot = _auxiliary(tokens, k, past_quotes=True)
    if pivot is None and tokens[k].lower.endswith("en"):
        # 'ließ ein Sprecher verlauten', 'X ließ mitteilen': 'lassen' and the infinitive of the cue
        pivot = next((j for j in range(k - 1, max(-1, k - 10), -1) if tokens[j].lower in LASSEN), None)
    if pivot is not None:  # 'X hatte am Mittwoch erklärt', 'Am Mittwoch hatte X erklärt'
        k_speaker, after = pivot, pivot + 1
    else:
        k_speaker = k
    speaker_before = _np_backward(tokens, k_speaker)
    if k_speaker > 2 and tokens[k_speaker - 1].text == "," and not speaker_after and tokens[0].is_cap \
            and any(t.text == "," for t in tokens[:k_speaker - 1]) and _verbless(tokens, 0, k_speaker - 1):
        vorfeld = _vorfeld(ctx, tokens, k_speaker)  # 'Die Politikerin der Grünen, Anja Hajduk, kritisierte'
        if vorfeld is not None:
            return _frame(ctx, vorfeld[0], vorfeld[1], tokens, k, cue_end, particle_end, cue)
    quoted_subject = speaker_before is not None and k_speaker > 0 and tokens[k_speaker - 1].text in CLOSING_QUOTES \
        and _quoted_name_start(tokens, k_speaker - 1) is not None \
        and _quoted_name_start(tokens, k_speaker - 1) >= speaker_before  # '„Muslix64“ erwähnte'
    inverted = speaker_after or speaker_before is None or k_speaker == 0 \
        or tokens[k_speaker - 1].text in (",", ":", '"', "“", "”", "„") and not quoted_subject \
        or (after < clause_end and tokens[after].lower in ("er", "sie", "ich", "wir")) \
        or (speaker_before == 0 and k_speaker == 1 and tokens[0].lower.endswith(ADVERB_SUFFIXES)) \
        or tokens[speaker_before].lower in words("oblique_determiner")  # 'Den Vorschlag lehnte die Ministerin ab'
    if not inverted and not speaker_after and _number_disagrees(tokens, speaker_before, k_speaker, after, clause_end):
        inverted = True  # 'Weitere Forderungen lehnt die Regierung ab', 'Den Plan ... Das Urteil begrüßten die Anwälte'
    if not inverted:
        start = speaker_before
        entity = _resolve_np(ctx, tokens, start, k_speaker) or _fallback_entity(ctx, tokens, start, k_speaker)
        if entity is not None and entity.type == "group" and after < clause_end and tokens[after].is_cap \
                and tokens[after].lower not in words("determiner") and pivot is None \
                and not tokens[k].lower.endswith("en") and tokens[start].lower == "die" \
                and tokens[start + 1].is_cap and tokens[start + 1].lower.endswith("en"):
            # 'Die Äußerungen Hassemers bezeichnete Wiefelspütz als ...': a plural object first (the verb
            # is singular), the person named right after the verb is the subject
            end2 = _np_forward(tokens, after, clause_end)
            named = _resolve_np(ctx, tokens, after, end2) if end2 else None
            if named is not None and named.type == "person" and named is not UNATTRIBUTED:
                return _frame(ctx, named, (after, end2), tokens, k, cue_end, particle_end, cue)
        if entity is not None:
            return _frame(ctx, entity, (start, k_speaker), tokens, k, cue_end, particle_end, cue)
    limit = k if pivot is not None else clause_end
    if after + 1 < limit and tokens[after].lower == "es" and k_speaker > 0:
        after += 1  # 'Als Aufgabe sieht es der Präsident an': the object 'es' before the subject
    end = _np_forward(tokens, after, limit)
    skipped = after
    while end is None and skipped < min(after + 2, limit - 1) and not tokens[skipped].is_cap \
            and tokens[skipped].lower in ADVERBS_AFTER_VERB:
        skipped += 1  # 'Das erklärte gestern ein Sprecher des Ministeriums'
        end = _np_forward(tokens, skipped, limit)
    if end is not None:
        after = skipped
    if end is not None and tokens[after].lower in words("oblique_determiner"):
        # 'bestätigte dem Sender ein Sprecher', 'haben den Verdacht nicht bestätigt': a dative or
        # accusative object is no subject; the subject may follow it
        after = end
        end = _np_forward(tokens, after, limit) if after < limit and (tokens[after].lower in NOMINATIVE_ARTICLES or (
            tokens[after].is_cap and tokens[after].lower not in words("determiner"))) else None
    entity = _resolve_np(ctx, tokens, after, end) if end is not None else None
    if entity is None and not speaker_after:
        vorfeld = _vorfeld(ctx, tokens, k_speaker)
        if vorfeld is not None:
            return _frame(ctx, vorfeld[0], vorfeld[1], tokens, k, cue_end, particle_end, cue)
    if entity is None:
        # 'Demnach waren sie sich darin einig': the subject sits right after the finite verb
        for m in range(1, min(k, 4)):
            if tokens[m].lower in SPEAKER_PRONOUNS and tokens[m - 1].text not in (",",):
                entity = _resolve_np(ctx, tokens, m, m + 1)
                if entity is not None:
                    return _frame(ctx, entity, (m, m + 1), tokens, k, cue_end, particle_end, cue)
        return None
    return _frame(ctx, entity, (after, end), tokens, k, cue_end, particle_end, cue)


NOMINATIVE_ARTICLES = frozenset(["der", "die", "das", "ein", "eine"])
SINGULAR_ARTICLES = frozenset(["der", "das", "ein", "eine", "dieser", "dieses"])


@cache
def _suffixes(word_class: str) -> tuple[str, ...]:
    """The endings of a word class of words.tsv as a tuple for str.endswith ('plural_suffix')."""
    return tuple(sorted(words(word_class)))


def _number_disagrees(tokens: list[Token], start: int, v: int, after: int, limit: int) -> bool:
    """The noun phrase tokens[start:v] in the first position cannot be the subject of the finite verb
    tokens[v], by number, and a subject can follow the verb: a singular phrase ('Das Urteil', 'Der
    Plan') before a plural verb ('begrüßten'), or a phrase headed by a plural noun ('Die Forderungen',
    'Weitere Forderungen') before a singular verb ('lehnt', 'kritisierte')."""
    if after >= limit or v - start > 8:
        return False
    nxt = tokens[after]
    if not (nxt.lower in NOMINATIVE_ARTICLES or nxt.is_cap and _alpha(nxt) and nxt.lower not in words("determiner")
            and nxt.lower not in words("clause_adverb") and nxt.lower not in words("not_speaker")):
        return False
    fin = tokens[v].lower
    plural_verb = fin.endswith("en") and not fin.startswith("ge") and not fin.startswith(PARTICIPLE_PREFIXES)
    if any(t.lower in ("und", "sowie", "sowohl", "oder") or t.text in (",", "(") for t in tokens[start:v]):
        return False  # a coordination or an apposition: leave the number open
    j = start
    if j + 1 < v and tokens[j].is_cap and tokens[j].lower.endswith(("e", "en")) and tokens[j].lower not in words("determiner") \
            and (tokens[j + 1].is_cap or _attributive(tokens[j + 1])):
        j += 1  # 'Weitere Forderungen', 'Weitere neue Forderungen': a capitalised adjective opens the phrase
    while j < v and (tokens[j].lower in words("determiner") or not tokens[j].is_cap and _attributive(tokens[j])):
        j += 1
    if j >= v or not tokens[j].is_cap:
        return False
    head = tokens[j].lower
    if plural_verb:
        singular = tokens[start].lower in SINGULAR_ARTICLES and not head.endswith(_suffixes("plural_suffix")) \
            or tokens[start].lower == "die" and head.endswith(_suffixes("singular_suffix"))
        return singular and nxt.lower == "die"
    return head.endswith(_suffixes("plural_suffix")) and (tokens[start].lower == "die" or j > start and tokens[start].is_cap
                                                  and tokens[start].lower not in words("determiner"))

LASSEN = frozenset(["ließ", "ließen", "lässt", "lassen", "ließe"])

ADVERBS_AFTER_VERB = frozenset(["gestern", "heute", "jetzt", "nun", "bereits", "schon", "zudem", "außerdem", "auch",
                                "damals", "später", "zuvor", "inzwischen", "mittlerweile", "kürzlich", "erneut",
                                "ebenfalls", "weiter", "allerdings", "jedoch", "dagegen", "hingegen", "zunächst",
                                "zumindest", "jedenfalls", "wenigstens"])


SOURCE_PREPOSITIONS = ("in", "im", "aus", "von", "vom", "seitens", "bei", "beim", "auf")


def _impersonal_frame(ctx: Context, tokens: list[Token], k: int, clause_end: int, cue: Cue) -> Frame | None:
    """'In einer Erklärung der Regierung heißt es, ...', 'Aus Paris hieß es, ...', 'Es hieß, ...',
    '..., hieß es bei Russland Aktuell', 'Aus EU-Kreisen verlautete, ...': said by the source in the
    prepositional phrase, or by someone not named. The source span leaves out 'in'/'im' (the document
    is the source) and keeps the other prepositions ('Aus Paris', 'vom Abgeordneten X')."""
    es_after = k + 1 < clause_end and tokens[k + 1].lower == "es"
    es_before = k > 0 and tokens[k - 1].lower == "es"
    if not (es_after or es_before) and (cue.lemma == "heißen" or k > 0 and tokens[k - 1].lower.startswith("lie")):
        return None  # 'Das heißt', 'Er heißt Peter'; 'X ließ verlauten'
    lo = None
    if es_after and k + 2 < clause_end and tokens[k + 2].lower in SOURCE_PREPOSITIONS:
        lo = k + 2  # 'hieß es in einer Erklärung'
    else:
        start = next((j for j in range(k - 1, -1, -1) if tokens[j].text in (",", ":", ";") or tokens[j].text in QUOTE_MARKS), -1) + 1
        start = _before_relative(tokens, start, k)
        if start < k and tokens[start].lower in SOURCE_PREPOSITIONS:
            lo = start  # 'Aus Paris hieß es', 'In der Erklärung heißt es'
    cue_span = ctx.span(tokens[k].start, tokens[k].end)
    if lo is not None:
        first = lo + 1
        end = _np_forward(tokens, first, clause_end if lo > k else k)
        if end is not None and end > first:
            entity = _resolve_np(ctx, tokens, first, end) or _fallback_entity(ctx, tokens, first, end)
            if entity is not None and entity.type not in AGENT_TYPES:
                entity = _fallback_entity(ctx, tokens, first, end)
            if entity is not None and entity is not UNATTRIBUTED:
                span_start = first if tokens[lo].lower in ("in", "im", "auf") else lo
                return Frame(entity, ctx.span(tokens[span_start].start, tokens[end - 1].end), cue_span, cue.act,
                             list(tokens))
    return Frame(UNATTRIBUTED, None, cue_span, cue.act, list(tokens))


def _before_relative(tokens: list[Token], start: int, k: int) -> int:
    """The first position of a verb-second clause holds a noun phrase with its relative clause: 'In
    dieser Resolution, die vom Sicherheitsrat angenommen wurde, heißt es'. When the verb tokens[k]
    follows the comma closing a relative clause, the start of the phrase before it; else start."""
    if start != k or k < 4 or tokens[k - 1].text != ",":
        return start
    for c in range(k - 3, 0, -1):
        if tokens[c].text in (":", ";") or tokens[c].text in QUOTE_MARKS:
            return start
        if tokens[c].text == ",":
            r = c + 2 if tokens[c + 1].lower in PREPOSITIONS else c + 1  # 'auf der', 'in dem'
            last = tokens[k - 2]
            if tokens[r].lower not in RELATIVE_PRONOUNS or last.is_cap or not _alpha(last):
                return start  # a relative clause ends in its verb
            return next((j for j in range(c - 1, -1, -1) if tokens[j].text in (",", ":", ";")
                         or tokens[j].text in QUOTE_MARKS), -1) + 1
    return start


# verbs whose source is the noun phrase after 'aus', not a subject: 'Aus dem Bericht geht hervor, dass ...'
EMERGING = frozenset(["hervorgehen"])


def _emerges_from(ctx: Context, tokens: list[Token], k: int, clause_end: int, cue: Cue) -> Frame | None:
    """'Aus dem Bericht der Polizei geht hervor, dass ...', 'Wie aus einer Mitteilung der Armee hervorgeht,
    ...', 'Es geht aus den Akten hervor, dass ...': the content comes out of the document (or the one
    who wrote it) after 'aus'; the preposition belongs to the verb, not to the source. The clause has
    no subject of its own ('..., dass das Team gestärkt aus der Saison hervorgegangen sei' is no report)."""
    if tokens[k].lower.endswith("gegangen"):
        return None  # 'eine Firma, hervorgegangen aus einem Werk': the participle tells an origin
    start = next((j for j in range(k - 1, -1, -1) if tokens[j].text in (",", ":", ";") or tokens[j].text in QUOTE_MARKS), -1) + 1
    lo = next((j for j in range(start, clause_end - 1) if tokens[j].lower == "aus"), None)
    if lo is None:
        return None
    end = k if lo < k else next((j for j in range(lo + 1, clause_end) if tokens[j].lower == cue.particle), clause_end)
    while end > lo + 1 and not tokens[end - 1].is_cap and _alpha(tokens[end - 1]):
        end -= 1  # 'aus dem Bericht eindeutig hervorgeht'
    idle = {"wie", "es", "so", cue.particle} | words("clause_adverb") | words("not_speaker")
    rest = [t for j, t in enumerate(tokens[start:clause_end], start) if j != k and not lo <= j < end and _alpha(t)]
    if end <= lo + 1 or not _appositive(tokens, lo + 1, end) or any(t.lower not in idle for t in rest):
        return None
    core = _np_forward(tokens, lo + 1, end) or end
    entity = _resolve_np(ctx, tokens, lo + 1, core) or _fallback_entity(ctx, tokens, lo + 1, core)
    if entity is not None and entity.type not in AGENT_TYPES:
        entity = _fallback_entity(ctx, tokens, lo + 1, core)
    if entity is None or entity.type not in AGENT_TYPES:
        return None
    return Frame(entity, ctx.span(tokens[lo + 1].start, tokens[end - 1].end), ctx.span(tokens[k].start, tokens[k].end),
                 cue.act, list(tokens))


def _vorfeld(ctx: Context, tokens: list[Token], v: int) -> tuple[Entity, tuple[int, int]] | None:
    """The subject as the whole first constituent before the finite verb tokens[v] (German main
    clauses put exactly one constituent there): 'Ken Rice vom Institut für Astronomie erklärte',
    'Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes, sagte', 'Stephen Singer, ein
    Klimaexperte vom WWF erklärte'. Not when the first word is an adverb, a preposition or a
    subjunction, nor when a subject follows the verb ('Am Montag sagte er', 'Das bestätigte die Polizei')."""
    if v < 1 or v > 22:
        return None
    lo = 1 if tokens[0].lower == "auch" and v > 2 and tokens[1].is_cap else 0  # 'Auch Winfried Hassemer, ..., glaubt'
    first = tokens[lo]
    article = first.lower in ("das", "die", "der") and lo + 1 < v and (tokens[lo + 1].is_cap or _attributive(tokens[lo + 1]))
    if not first.is_cap or (first.lower in words("clause_adverb") | words("not_speaker") | words("subjunction")
                            | NOT_CONTENT_START | {"den", "dem", "des", "einen", "einem"} and not article) \
            or first.text in QUOTE_MARKS or first.lower in FIRST_PREPOSITIONS:  # 'Durch die Herstellung ...', 'Beim Treffen'
        return None
    # 'Der NDR, der in der ARD ... verantwortlich ist, begründete die Einblendungen damit': a noun
    # phrase with its relative clause fills the first position, whatever follows the verb
    relative = any(tokens[j].text == "," and tokens[j + 1].lower in RELATIVE_PRONOUNS for j in range(lo + 1, v - 1)) \
        and tokens[v - 1].text == ","
    # 'Bazoum Mohammed, Sprecher der Gruppierung CFDR, forderte die Militärjunta auf': a name with its
    # apposition fills the first position as well
    relative = relative or tokens[v - 1].text == "," and _np_forward(tokens, lo, v) == v - 1 and tokens[lo].is_cap \
        and tokens[lo].lower not in words("determiner")
    # 'Die Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte die Pläne': a noun phrase and its
    # apposition, nothing but names, articles and adjectives, before the verb
    relative = relative or tokens[v - 1].text == "," and any(t.text == "," for t in tokens[lo:v - 1]) \
        and tokens[lo].is_cap and _verbless(tokens, lo, v - 1)
    if v + 1 < len(tokens) and not relative:
        nxt = tokens[v + 1]
        if nxt.lower in SPEAKER_PRONOUNS | {"es", "man"} or nxt.lower in words("determiner") \
                or (nxt.is_cap and nxt.lower not in words("clause_adverb")):
            return None
    end = v
    if tokens[v - 1].lower == "und":
        # 'Einer der Putschisten, Harouna Djibrilla Adamou, dankte ... und ergänzte': the second verb of
        # the clause; the first position ends at the comma before the first verb
        end = next((c for c in range(lo + 1, v - 1) if tokens[c].text == "," and not tokens[c + 1].is_cap
                    and _alpha(tokens[c + 1]) and tokens[c + 1].lower not in RELATIVE_PRONOUNS | words("determiner")
                    | words("subjunction") | PREPOSITIONS), None)
        if end is None:
            return None
    c = next((j for j in range(lo + 1, end) if tokens[j].text == ","), None)
    if c is not None and not _appositive(tokens, lo, c):
        return None  # 'Die Fähre fiel aus, die Reisenden erzählten': a clause before the comma, no subject
    for j in range(lo + 1, end):
        t = tokens[j]
        if t.text in (":", ";", "?", "!") or t.text in QUOTE_MARKS and j == v - 1 and _quoted_name_start(tokens, j) is None:
            return None
        if t.text == "," and j + 1 < v and (tokens[j + 1].lower in RELATIVE_PRONOUNS | words("subjunction")
                                            and (not tokens[j + 2].is_cap or tokens[j + 1].lower in ("dessen", "deren"))
                                            and not _article_apposition(tokens, j + 1, v)
                                            if j + 2 < v else True):
            end = j  # 'Deiss, der sich ... entschlossen hatte, sagte'; 'X, dessen Behörde ... ist, sagte'
            break
        if not t.is_cap and t.lower in AUXILIARIES | words("konjunktiv1") or verb_cue(tokens, j, v) and not t.is_cap:
            return None  # a verb: this is a clause, not a noun phrase
        if not t.is_cap and _alpha(t) and t.lower.endswith(("t", "te", "ten")) and tokens[j + 1].lower in words("determiner") \
                and t.lower not in _no_finite_verb():
            return None  # 'Der Student verbrachte die Nacht ...': a finite verb before its object
    # trailing commas and adverbs are not part of the subject ('Die Kanadier hingegen sagten')
    while end > lo + 1 and (tokens[end - 1].text in (",", "–", "-") or not tokens[end - 1].is_cap and _alpha(tokens[end - 1])):
        end -= 1
    core = _np_forward(tokens, lo, end)
    if core is None:
        return None
    entity = _resolve_np(ctx, tokens, lo, core) or _fallback_entity(ctx, tokens, lo, core)
    if entity is None or entity.type not in AGENT_TYPES:
        return None
    if entity.type != "person" or tokens[lo].lower in words("determiner"):
        # 'Die Haushaltspolitikerin der Grünen, Anja Hajduk,': the person named in the apposition
        commas = [j for j in range(lo, end) if tokens[j].text == ","] + [end]
        for a, b in zip(commas, commas[1:]):
            if b - a > 1 and tokens[a + 1].is_cap and tokens[a + 1].lower not in words("determiner"):
                named = _resolve_np(ctx, tokens, a + 1, b)
                if named is not None and named.type == "person":
                    return named, (lo, end)
    return entity, (lo, end)


def _article_apposition(tokens: list[Token], i: int, v: int) -> bool:
    """'Das Staatsoberhaupt, die britische Königin Elisabeth II., sagte': an article, its adjectives and a
    capitalised noun up to the comma before the verb tokens[v] are an apposition, no relative clause."""
    if tokens[i].lower not in NOMINATIVE_ARTICLES or tokens[v - 1].text != ",":
        return False
    j = i + 1
    while j < v - 1 and not tokens[j].is_cap and _attributive(tokens[j]):
        j += 1
    return j > i + 1 and j < v - 1 and tokens[j].is_cap and _verbless(tokens, j, v - 1)


AUXILIARIES = frozenset(["hat", "hatte", "hatten", "haben", "habe", "hätte", "hätten", "ist", "war", "waren", "sind", "sei", "wird", "wurde", "wurden", "werden", "werde", "würde", "würden", "will", "wollte", "wollten", "kann", "konnte", "konnten", "soll", "sollte", "sollten", "muss", "musste", "mussten", "möchte", "möchten", "darf", "durfte"])

MODALS = frozenset(["können", "müssen", "dürfen", "wollen", "sollen", "mögen", "möchte", "möchten", "kann", "muss", "will"])

# a capitalised adverb opening the sentence is no subject: 'Unmissverständlich sagt das Gericht',
# 'Monatelang haben die Wiener Linien abgestritten', 'Ebenfalls betonte X'
ADVERB_SUFFIXES = ("lich", "lang", "weise", "mals", "falls", "wärts", "seits", "dings", "erhin", "ebenso", "end")


SEPARABLE_PARTICLES = ("vor", "an", "ab", "auf", "aus", "bei", "ein", "fest", "hin", "hinzu", "mit", "nach", "zu",
                       "zurück", "bekannt", "heraus", "dar", "klar", "weiter", "hervor")


PARTICIPLE_PREFIXES = tuple(p + "ge" for p in SEPARABLE_PARTICLES)


def _passive(tokens: list[Token], k: int) -> bool:
    """'war zu Haft verurteilt worden', 'wird ein Orkan erwartet': a participle in the passive is
    not someone speaking."""
    token = tokens[k]
    low = token.lower
    if low.endswith("en") and (k > 0 and tokens[k - 1].lower in ("wurde", "wurden", "worden")
                               or k + 1 < len(tokens) and tokens[k + 1].lower == "worden"):
        return True  # 'wurde beschlossen, ...', 'wurde empfohlen': a participle without 'ge' (an infinitive
        # after 'wurde' is not German)
    if not (low.startswith("ge") or low.endswith(("iert", "t"))
            or low.startswith(PARTICIPLE_PREFIXES)):  # 'vorgeworfen', 'zurückgewiesen'
        return False
    lo = max(0, k - 8)
    for j in range(k - 1, lo - 1, -1):
        if tokens[j].text in (",", ";", ":"):
            lo = j + 1  # the clause of the participle only: 'Die Gründung wird begrüßt, X bezweifelt aber'
            break
    window = {t.lower for t in tokens[lo:k + 3]}
    return bool(window & PASSIVE) and not window & {"hat", "hatte", "haben", "hatten", "habe"}


def _auxiliary(tokens: list[Token], k: int, past_quotes: bool = False) -> int | None:
    """The finite auxiliary or modal of the clause whose participle or infinitive is tokens[k]; with
    past_quotes, across a short quoted phrase of the clause ('X hatte den Bericht als „falsch“ zurückgewiesen')."""
    j, crossed = k, False
    while j > 0:
        j -= 1
        if past_quotes and tokens[j].text in CLOSING_QUOTES:
            o = next((m for m in range(j - 1, max(-1, j - 12), -1) if tokens[m].text in QUOTE_MARKS
                      or tokens[m].text in (";", ":", ".", "!", "?")), None)
            if o is not None and o > 0 and tokens[o].text in OPENING_QUOTES \
                    and (tokens[o].text != tokens[j].text or tokens[o].text == '"'):
                j, crossed = o, True
                continue
            return None
        if tokens[j].text in (",", ";", ":") and not _decimal_comma(tokens, j) or tokens[j].text in QUOTE_MARKS:
            return None  # not '3,6 Millionen'
        if tokens[j].lower in AUXILIARIES and not tokens[j].is_cap or (j == 0 and tokens[j].lower in AUXILIARIES):
            return None if crossed and tokens[j].lower in PASSIVE else j  # not a passive: its subject is no speaker
    return None


def _frame(ctx: Context, entity: Entity | None, np: tuple[int, int] | None, tokens: list[Token], k: int,
           cue_end: int, particle_end: int | None, cue: Cue, generic: bool = False) -> Frame | None:
    if entity is None or entity.type not in AGENT_TYPES:
        return None
    span = ctx.span(tokens[np[0]].start, tokens[np[1] - 1].end) if np and entity is not UNATTRIBUTED else None
    cue_span = ctx.span(tokens[k].start, tokens[k].end)
    return Frame(entity, span, cue_span, cue.act, list(tokens))


def _so_frame(ctx: Context, tokens: list[Token], i: int) -> Frame | None:
    if i < len(tokens) and not tokens[i].is_cap and _alpha(tokens[i]) \
            and tokens[i].lower not in words("determiner") | SPEAKER_PRONOUNS:
        # 'so urteilte Romney': a verb after 'so' opens a clause of its own
        return _frame_at(ctx, tokens, i, len(tokens), speaker_after=True) if verb_cue(tokens, i, len(tokens)) else None
    end = _np_forward(tokens, i, len(tokens))
    if end is None:
        return None
    entity = _resolve_np(ctx, tokens, i, end) or _fallback_entity(ctx, tokens, i, end)
    if entity is None or entity.type not in AGENT_TYPES:
        return None
    return Frame(entity, ctx.span(tokens[i].start, tokens[end - 1].end), ctx.span(tokens[i - 1].start, tokens[i - 1].end),
                 "assert", list(tokens))


def _as_clause(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'Wie der Minister am Dienstag erklärte, sieht die Regierung ...' and '..., wie X mitteilte.'"""
    for w, token in enumerate(tokens):
        # 'Denn wie die Zeitung berichtete, ...': a conjunction before the clause keeps it in the first position
        lead = w == 0 or w == 1 and tokens[0].lower in CLAUSE_JOINERS
        if token.lower != "wie" or (not lead and tokens[w - 1].text != ","):
            continue
        close = next((i for i in range(w + 1, len(tokens)) if tokens[i].text in (",", ".", ";", ":")
                      and not (tokens[i].text == "." and tokens[i - 1].lower in TITLES | words("abbreviation"))), len(tokens))
        verb = next((i for i in range(close - 1, w, -1) if verb_cue(tokens, i, close)), None)
        apposition_end = None
        if verb is None and close < len(tokens) and tokens[close].text == "," and close + 2 < len(tokens):
            # 'Wie Philip Aguer Panynag, ein Sprecher der SPLA (SPLA) der Presse mitteilte, ...': an
            # apposition with no comma of its own; the verb closes the clause at the next comma
            close2 = next((i for i in range(close + 1, len(tokens)) if tokens[i].text in (",", ".", ";", ":")), len(tokens))
            v2 = next((i for i in range(close2 - 1, close, -1) if verb_cue(tokens, i, close2)), None)
            if v2 is not None and v2 - close <= 14 and close2 < len(tokens) and tokens[close2].text == "," \
                    and (tokens[close + 1].lower in words("determiner") or tokens[close + 1].is_cap):
                app_end = _np_forward(tokens, close + 1, v2)
                if app_end is not None and app_end > close + 1:
                    verb, close, apposition_end = v2, close2, app_end
        if verb is None and close < len(tokens) and tokens[close].text == ",":
            # 'Wie Philip Aguer Panynag, ein Sprecher der SPLA, sagte, ...': an apposition inside the clause
            np_end = _np_forward(tokens, w + 1, len(tokens))
            if np_end is not None and np_end > close and np_end < len(tokens) and tokens[np_end].text == ",":
                close = next((i for i in range(np_end + 1, len(tokens)) if tokens[i].text in (",", ".", ";", ":")), len(tokens))
                verb = next((i for i in range(close - 1, np_end, -1) if verb_cue(tokens, i, close)), None)
        if verb is None and close < len(tokens) and tokens[close].text == "," and lead:
            known = _became_known(ctx, tokens, w + 1, close)  # 'Wie heute bekannt wurde, ...'
            content = _trim(ctx, tokens[close + 1].start, sentence.end) if close + 1 < len(tokens) else None
            if known is not None and content is not None and not ctx.is_covered(content.start, content.end):
                _add(ctx, known, content, "indirect", "as-clause")
                return
        if verb is None or tokens[verb].start in ctx.used_cues:
            continue
        cue = verb_cue(tokens, verb, close)
        if cue.lemma in EMERGING:
            # 'Wie aus einer Mitteilung der Polizei hervorgeht, ...'
            frame = _emerges_from(ctx, tokens, verb, close, cue)
            if lead and close + 1 < len(tokens) and tokens[close].text == ",":
                content = _trim(ctx, tokens[close + 1].start, sentence.end)
            else:
                content = _trim(ctx, sentence.start, tokens[w - 1].start) if not lead else None
            if frame is not None and content is not None and not ctx.is_covered(content.start, content.end):
                _add(ctx, frame, content, "indirect", "as-clause")
                return
            continue
        if cue.lemma == "nennen" and any(t.lower in ("sich", "wird", "wurde", "werden") for t in tokens[w + 1:close]):
            continue  # 'wie er sich selbst gerne nannte', 'wie er genannt wird': a name, not a report
        first = w + 1
        while first < verb and tokens[first].lower in ("schon", "bereits", "auch", "zuvor", "gestern", "heute", "nun", "jetzt"):
            first += 1  # 'Wie schon die WHO sagte'
        end = _np_forward(tokens, first, verb)
        if end is not None and end < verb and tokens[end].text == ",":
            end = max(e for e in (end, _np_forward(tokens, first, verb + 1)) if e is not None)
            while end > first and tokens[end - 1].text == ",":
                end -= 1
        if apposition_end is not None and end is not None and end <= apposition_end:
            head_end = end if tokens[end].text == "," else next(i for i in range(first, apposition_end) if tokens[i].text == ",")
            speaker = _resolve_np(ctx, tokens, first, head_end) or _fallback_entity(ctx, tokens, first, head_end)
            end = apposition_end
        else:
            speaker = _resolve_np(ctx, tokens, first, end) or _fallback_entity(ctx, tokens, first, end) if end else None
        if end is None and tokens[first].lower == "es" and first + 1 == verb and cue.lemma == "heißen":
            speaker, end = UNATTRIBUTED, None  # 'Wie es hieß, ...'
        if speaker is None or speaker.type not in AGENT_TYPES:
            continue
        if lead and close < len(tokens) and tokens[close].text == ",":
            content = _trim(ctx, tokens[close + 1].start, sentence.end) if close + 1 < len(tokens) else None
        elif not lead:
            content = _trim(ctx, sentence.start, tokens[w - 1].start)
        else:
            continue
        if content is None or ctx.is_covered(content.start, content.end):
            continue
        frame = Frame(speaker, ctx.span(tokens[first].start, tokens[end - 1].end) if end else None,
                      ctx.span(tokens[verb].start, tokens[verb].end), cue.act, tokens)
        _add(ctx, frame, content, "indirect", "as-clause")
        return


def _anaphoric(ctx: Context, sentence: Sentence, tokens: list[Token]) -> None:
    """'Dies berichtet das SITE-Institut.': the previous sentence is what was said."""
    if len(tokens) < 3 or tokens[0].lower not in ("dies", "das", "dieses", "diese") or not tokens[1].is_cap is False:
        return
    k = 1 if verb_cue(tokens, 1, len(tokens)) else (2 if len(tokens) > 3 and tokens[1].lower in AUXILIARIES else None)
    if k is None:
        return
    if k == 2:
        k = next((j for j in range(2, len(tokens)) if verb_cue(tokens, j, len(tokens))), None)
        if k is None:
            return
    frame = _frame_at(ctx, tokens, k, len(tokens), speaker_after=True)
    content = _previous_sentence(ctx, sentence)
    if frame is None or content is None:
        return
    last = ctx.claims[-1] if ctx.claims else None
    if last is not None and last.rule == "free-indirect-none" and last.nested_in == ctx.outer \
            and content.start <= last.content.start < content.end:
        # 'Die Brücke sei gesperrt worden. Das berichteten Helfer ...': the subjunctive sentence read
        # with no speaker is the one this frame names
        ctx.claims.pop()
        ctx.covered = [c for c in ctx.covered if c != (last.content.start, last.content.end, ctx.outer)]
    if ctx.is_covered(content.start, content.end):
        return
    _add(ctx, frame, content, "indirect", "anaphoric-frame")


def _nominal(ctx: Context, sentence: Sentence, tokens: list[Token]) -> None:
    """'Vorwürfe der US-Geheimdienste, der Kreml habe ... manipuliert'; 'trotz einer Warnung der Wärter,
    auf Fliehende zu schießen, ...', 'Die Ankündigung ihres Trainers, Greg Poss, ... zu beenden, kam ...': a
    reporting noun, its speaker in the genitive (or after 'von'), what was said in the clause after the
    comma (a 'dass'/'ob' clause, Konjunktiv or a zu-infinitive), up to the comma where the clause around
    the noun goes on with its finite verb."""
    nouns = cue_lexicon()["noun"]
    for k, token in enumerate(tokens[:-3]):
        cues = nouns.get(token.text)
        if not cues or token.start in ctx.used_cues:
            continue
        found = _noun_speaker(ctx, tokens, k)
        if found is None:
            continue
        entity, j, speaker_end, end = found
        start = end + 1
        if tokens[start].lower in RELATIVE_PRONOUNS and start + 1 < len(tokens) and not tokens[start + 1].is_cap \
                and not _attributive(tokens[start + 1]):
            continue  # 'die Forderung der Gewerkschaft, die seit Jahren ...': a relative clause
        if start + 1 < len(tokens) and tokens[start + 1].lower in RELATIVE_PRONOUNS \
                and (tokens[start].lower in PREPOSITIONS or tokens[start].lower in ("laut", "gemäß")):
            continue  # 'die Pläne der Partei, laut denen ...': a relative clause of its own
        stop = next((i for i in range(start + 1, len(tokens)) if tokens[i].text in (";", ":") or tokens[i].text == ","
                     and i + 1 < len(tokens) and (tokens[i + 1].lower in words("relative") or _clause_resumes(tokens, i + 1)
                                                  or _infinitive_ends(tokens, i))),
                    len(tokens))
        stop_offset = tokens[stop].start if stop < len(tokens) else sentence.end
        inner = tokens[start:stop]
        verbs = {t.lower for t in inner} & (words("konjunktiv1") | words("konjunktiv2"))
        infinitive = any(t.lower == "zu" and x + 1 < len(inner) and not inner[x + 1].is_cap and _alpha(inner[x + 1])
                         or _infix_infinitive(t) for x, t in enumerate(inner))
        if not verbs and not infinitive and tokens[start].lower not in ("dass", "ob"):
            continue
        content = _trim(ctx, tokens[start].start, stop_offset)
        if content is None or ctx.is_covered(content.start, content.end):
            continue
        span = ctx.span(tokens[j].start, tokens[speaker_end - 1].end)
        _add(ctx, Frame(entity, span, ctx.span(token.start, token.end), cues[0].act, list(tokens)),
             content, "reported", "nominal-report")


def _noun_speaker(ctx: Context, tokens: list[Token], k: int) -> tuple[Entity, int, int, int] | None:
    """The speaker after the reporting noun tokens[k] and the comma that closes it: (entity, its first
    token, its end, the comma) for 'Warnung der Wärter,', 'Ankündigung ihres Trainers, Greg Poss,',
    'Vorwurf der Regierung an Wikipedia,'."""
    if k > 0 and tokens[k - 1].lower in ("nach",):
        return None  # 'nach Angaben' is a source preposition
    j = k + 1
    if j >= len(tokens) or tokens[j].lower not in NOMINAL_SPEAKER_OPENERS:
        return None
    end = _np_forward(tokens, j, len(tokens))
    if end is None or end >= len(tokens) - 1:
        return None
    speaker_end = end
    if tokens[end].text == "," and _name_apposition(tokens, end):
        # 'die Ankündigung ihres Trainers, Greg Poss, ...': a name between commas belongs to the speaker
        speaker_end = next(i for i in range(end + 1, len(tokens)) if tokens[i].text == ",")
        end = speaker_end
    elif tokens[end].lower in NOUN_OBJECT_PREPOSITIONS and end + 1 < len(tokens):
        # 'der Vorwurf der Regierung an Wikipedia, ...': the addressee of the act
        after = _np_forward(tokens, end + 1, len(tokens))
        if after is None or after > end + 5:
            return None
        end = after
    if end >= len(tokens) - 1 or tokens[end].text != ",":
        return None
    entity = _resolve_np(ctx, tokens, j, speaker_end)
    if entity is None or entity.type not in AGENT_TYPES:
        return None
    return entity, j, speaker_end, end


# what opens the speaker after a reporting noun: a genitive article or possessive, or 'von'
NOMINAL_SPEAKER_OPENERS = frozenset(["der", "des", "eines", "einer", "von", "vom", "ihres", "seines", "ihrer", "seiner"])
# the addressee of a reporting noun's act: 'der Vorwurf der Regierung an Wikipedia'
NOUN_OBJECT_PREPOSITIONS = frozenset(["an", "gegen", "gegenüber"])


def _name_apposition(tokens: list[Token], comma: int) -> bool:
    """'ihres Trainers, Greg Poss, die ...': one to four capitalised words (a name) between two commas."""
    close = next((i for i in range(comma + 1, min(len(tokens), comma + 6)) if not tokens[i].is_cap or not _alpha(tokens[i])), None)
    return close is not None and close > comma + 1 and tokens[close].text == "," \
        and all(t.lower not in words("determiner") for t in tokens[comma + 1:close])


def _infix_infinitive(token: Token) -> bool:
    """'zurückzuziehen', 'anzufangen': a separable verb's zu-infinitive in one word."""
    low = token.lower
    return not token.is_cap and low.endswith("n") and len(low) > 7 and any(
        low.startswith(p + "zu") and len(low) - len(p) > 5 for p in SEPARABLE_PARTICLES if p != "zu")


def _outer_resumes(tokens: list[Token], start: int) -> int | None:
    """The comma after tokens[start] at which the clause around an inserted content clause goes on
    ('..., gegen das Paket zu stimmen, könnte es eng werden'), or None."""
    return next((i for i in range(start + 1, len(tokens) - 1) if tokens[i].text == ","
                 and (_clause_resumes(tokens, i + 1) or _infinitive_ends(tokens, i))), None)


# relative adverbs that take up a whole clause after its comma ('..., womit sich X befasste', '..., was Y bestreitet')
RELATIVE_ADVERBS = frozenset(["womit", "worauf", "woraufhin", "wobei", "wodurch", "weshalb", "weswegen", "wofür",
                              "worüber", "wogegen", "woran", "worin", "wovon", "wozu", "was"])
# w-words that open an indirect question, a clause with its verb last ('fragte, wo die Grenzen liegen')
INTERROGATIVES = frozenset(["wer", "was", "wann", "wo", "warum", "weshalb", "wieso", "wie", "welche", "welcher",
                            "welches", "wieviel", "wohin", "woher", "womit", "wofür", "worüber"])
# object and reflexive pronouns: no verb closes a clause with them
OBJECT_PRONOUNS = frozenset(["es", "sich", "man", "ihn", "ihm", "uns", "ihnen", "euch", "mich", "dich", "mir", "dir"])


def _konjunktiv(tokens: list[Token], i: int, j: int) -> bool:
    """Is there a verb in Konjunktiv I or II among tokens[i:j] (not 'wollte'/'sollte', mostly the indicative)?"""
    return any(t.lower in words("konjunktiv1") or t.lower in words("konjunktiv2") and t.lower not in PAST_LIKE_SUBJUNCTIVES
               for t in tokens[i:j])


def _complement_end(tokens: list[Token], start: int, end: int) -> int:
    """Where reported content that begins at tokens[start] (after its frame) ends: an offset, at most end.
    - A sentence end the splitter missed before a quotation ('... gewesen war. „Die Zuschauer ...“').
    - A relative adverb after the last verb of the content ('..., womit sich X befasste', '..., worauf
      dieser nicht antwortete', '..., was Y bestreitet') takes up the whole report: the narrator's, unless
      it is in Konjunktiv itself ('..., worauf sie nur mit Passivität reagiere').
    - A clause with its verb last ('dass', 'ob', a w-word) is over where, once its verb has come, a finite
      verb follows a comma: the main clause resumes ('Hieß es, dass ... seien, wird nun ... investiert')
      or the frame's subject goes on ('sagte, dass er nicht schuldig sei, lege aber ... vor'); not after an
      inserted clause of its own ('dass er, wenn es regne, komme').
    Relative clauses with 'der/die/das' after a noun of the content belong to it."""
    last = next((x for x in range(len(tokens) - 1, start, -1) if tokens[x].end <= end), None)
    if last is None:
        return end
    while last > start and tokens[last].text in (".", "!", "?"):
        last -= 1
    stop = next((x for x in range(start + 2, last) if tokens[x].text in (".", "!", "?")
                 and tokens[x + 1].text in OPENING_QUOTES and _alpha(tokens[x - 1]) and not tokens[x - 1].is_cap), None)
    if stop is not None:
        end, last = min(end, tokens[stop].start), stop - 1
    rel = next((x for x in range(start + 2, last) if tokens[x].text == "," and tokens[x + 1].lower in RELATIVE_ADVERBS
                and _alpha(tokens[x - 1]) and not tokens[x - 1].is_cap), None)
    if rel is not None and not _konjunktiv(tokens, rel + 1, last + 1):
        end, last = min(end, tokens[rel].start), rel - 1
    if tokens[start].lower not in ("dass", "ob") and tokens[start].lower not in INTERROGATIVES:
        return end
    depth = 1  # open clauses with their verb last
    for x in range(start + 2, last):
        if tokens[x].text != "," or _decimal_comma(tokens, x):
            continue
        if _verb_end(tokens[x - 1]):
            depth -= 1
        nxt = tokens[x + 1].lower
        if depth <= 0 and nxt not in RELATIVE_ADVERBS and nxt not in INTERROGATIVES \
                and (_clause_resumes(tokens, x + 1) or nxt in words("konjunktiv1") or nxt in words("konjunktiv2")):
            return min(end, tokens[x].start)
        if nxt in RELATIVE_PRONOUNS or nxt in words("subjunction") or nxt in SUBORDINATORS or nxt in INTERROGATIVES \
                or nxt in PREPOSITIONS and x + 2 < len(tokens) and tokens[x + 2].lower in RELATIVE_PRONOUNS \
                or nxt in ("um", "ohne", "anstatt"):
            depth = max(depth, 0) + 1
    return end


def _content_begins(tokens: list[Token], start: int) -> int:
    """Where reported content after a comma begins: after 'wonach' / 'nach denen', which name the source
    ('Berichte, wonach ...', 'Studien, nach denen ...'), and after a relative clause of the noun before the
    comma when content follows its own comma ('eine Erklärung, in der es heißt, dass ...', 'eine
    Stellungnahme, die im Netz steht, sie wolle ...')."""
    if start + 2 < len(tokens) and tokens[start].lower == "wonach":
        return start + 1
    if start + 3 < len(tokens) and tokens[start].lower in ("nach", "laut", "gemäß") and tokens[start + 1].lower == "denen":
        return start + 2
    r = start + 1 if tokens[start].lower in PREPOSITIONS else start
    if r + 2 < len(tokens) and (tokens[r].lower in RELATIVE_PRONOUNS or r == start and tokens[r].lower == "wie") \
            and start >= 2 and tokens[start - 1].text == "," \
            and (tokens[start - 2].is_cap or tokens[start - 2].text in QUOTE_MARKS or tokens[start - 2].text == ")") \
            and (r > start or not tokens[r + 1].is_cap):
        c = next((x for x in range(r + 2, len(tokens) - 2) if tokens[x].text in (",", ";", ":", ".", "!", "?")
                  and not _decimal_comma(tokens, x)), None)
        if c is not None and tokens[c].text == "," and _verb_end(tokens[c - 1]) and not _konjunktiv(tokens, r + 1, c) \
                and (tokens[c + 1].lower in ("dass", "ob") or _konjunktiv(tokens, c + 2, c + 4)):
            return c + 1
    c = _apposition_before_content(tokens, start)
    return start if c is None else c + 1


def _apposition_before_content(tokens: list[Token], start: int) -> int | None:
    """The comma that closes an apposition at tokens[start] after which reported content follows ('schrieb X in
    der „Y“, einem Boulevardblatt, die Gesellschaft sei ...', 'erklärte der Direktor der Behörde, Hans el-Amin,
    das Land besitze ...'), or None."""
    if start + 2 >= len(tokens) or not (tokens[start].is_cap or tokens[start].lower in words("determiner")):
        return None
    c = next((x for x in range(start + 1, min(len(tokens) - 3, start + 10)) if tokens[x].text in (",", ";", ":", ".", "!", "?")
              and not _decimal_comma(tokens, x)), None)
    if c is None or tokens[c].text != "," or not (_appositive(tokens, start, c) or all(
            any(ch.isupper() for ch in t.text) or t.lower in NP_LINKS for t in tokens[start:c])):
        return None
    if tokens[c + 1].lower in ("dass", "ob"):
        return c
    nxt = next((x for x in range(c + 1, len(tokens)) if tokens[x].text in (",", ";", ":", ".", "!", "?")), len(tokens))
    verb = next((x for x in range(c + 2, min(nxt, c + 8)) if _konjunktiv(tokens, x, x + 1)), None)
    if verb is None or any(t.lower in ("und", "oder", "sowie") for t in tokens[c + 1:verb]):
        return None  # 'sagte, die Regierung, die Partei und die Verbände seien ...': an enumeration
    return c


def _verb_end(t: Token) -> bool:
    """Can t close a subordinate clause as its verb (a lower-case word that is no pronoun, article or adverb)?"""
    return _alpha(t) and not t.is_cap and t.lower not in _closed_words() and t.lower not in SPEAKER_PRONOUNS \
        and t.lower not in OBJECT_PRONOUNS


def _infinitive_ends(tokens: list[Token], comma: int) -> bool:
    """'..., die Klage zurückzuziehen, ging der Streit weiter': a zu-infinitive closes before the comma,
    a word after it that can be a verb goes on with the outer clause."""
    t = tokens[comma + 1]
    # (a zu-infinitive has no finite verb of its own: 'könnte', 'sei' after it are the outer clause's)
    return (tokens[comma - 2].lower == "zu" or _infix_infinitive(tokens[comma - 1])) and not t.is_cap and _alpha(t) \
        and t.lower not in _closed_words() and t.lower not in words("subjunction") and t.lower not in words("relative") \
        and t.lower not in RELATIVE_PRONOUNS and t.lower not in SPEAKER_PRONOUNS \
        and t.lower not in ("um", "ohne", "anstatt", "statt")


# words that follow a finite verb, not a participle or adjective ('weigerte sich', 'reagierte er')
AFTER_FINITE = frozenset(["sich", "er", "es", "sie", "man", "wir", "nicht"])


def _finite_before_constituent(tokens: list[Token], i: int) -> bool:
    """'warnte für die Hauptinseln', 'weigerte sich': a finite verb in the past or present (no participle,
    no adjective) with a constituent after it."""
    t = tokens[i]
    return not t.is_cap and _alpha(t) and t.lower.endswith(("te", "ten", "t")) and not t.lower.startswith("ge") \
        and t.lower not in _no_finite_verb() and i + 1 < len(tokens) \
        and (tokens[i + 1].lower in words("determiner") or tokens[i + 1].lower in words("clause_adverb")
             or tokens[i + 1].lower in AFTER_FINITE)


def _clause_resumes(tokens: list[Token], i: int) -> bool:
    """After a comma that closes an inserted clause: does tokens[i] go on with the outer clause -- its
    finite verb ('..., reagierte der Minister', '..., wurde zurückgewiesen') or the particle or participle
    that closes it ('..., zurück.')?"""
    t = tokens[i]
    if t.is_cap or not _alpha(t) or t.lower in _no_finite_verb():
        return False
    if t.lower in AUXILIARIES or _finite_first(tokens, i):
        return True
    if i + 1 < len(tokens) and t.lower.endswith(("t", "te", "ten", "en")) and (
            tokens[i + 1].lower in words("determiner") or tokens[i + 1].lower in words("clause_adverb")
            or tokens[i + 1].lower in AFTER_FINITE):
        return True  # 'reagierte der Minister', 'fahren dort' (the adjective test takes them for attributives)
    return i + 2 >= len(tokens) or i + 3 >= len(tokens) and not _alpha(tokens[i + 2])


def _relative_reaction(ctx: Context, sentence: Sentence, tokens: list[Token]) -> None:
    """', was Moskau vehement bestreitet' -- a reaction to the clause before it."""
    for k in range(1, len(tokens) - 2):
        if tokens[k - 1].text != "," or tokens[k].lower not in words("relative"):
            continue
        clause_end = next((i for i in range(k + 1, len(tokens)) if tokens[i].text in (",", ";", ".", ":")), len(tokens))
        # the verb closes the relative clause: take the last cue in it ('was X entschieden bestreitet')
        for v in range(clause_end - 1, k + 1, -1):
            if tokens[v].start in ctx.used_cues:
                continue
            cue = verb_cue(tokens, v, clause_end)
            if cue is None:
                continue
            if cue.lemma == "nennen" and any(t.lower in ("sich", "wird", "wurde", "werden") for t in tokens[k + 1:clause_end]):
                break  # 'wie er weitläufig genannt wird': a name, not a reaction
            end = _np_forward(tokens, k + 1, v)
            if end is None:
                break
            entity = _resolve_np(ctx, tokens, k + 1, end)
            if entity is None or entity.type not in AGENT_TYPES:
                break
            target = next((c for c in reversed(ctx.claims) if c.content.end <= tokens[k - 1].start
                           and c.content.start >= sentence.start), None)
            if target is not None:
                content = target.content
            else:
                content = _trim(ctx, sentence.start, tokens[k - 1].start)
            if content is None:
                break
            frame = Frame(entity, ctx.span(tokens[k + 1].start, tokens[end - 1].end),
                          ctx.span(tokens[v].start, tokens[v].end), cue.act, list(tokens))
            _add(ctx, frame, content, "reported", "relative-reaction")
            break


SOURCE_NOUNS = ("angaben", "aussagen", "aussage", "berichten", "informationen", "meinung", "ansicht",
                "einschätzung", "auffassung", "ankündigung", "worten", "darstellung", "schätzungen",
                "erkenntnissen", "medienberichten")


def _prepositional(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'laut X ...', '... X zufolge', 'gemäß X', 'nach Angaben von X', 'nach US-Angaben',
    'nach Behördenangaben', '..., so X'."""
    prep_cues = cue_lexicon()["prep"]
    for k, token in enumerate(tokens):
        if token.start in ctx.used_cues or any(q.start <= token.start < q.end for q in inside):
            continue
        low = token.lower
        act = "assert"
        np_range = cue_range = entity_range = None
        tail = 0
        if low == "nach" and k >= 2 and tokens[k - 1].lower in prep_cues and tokens[k - 1].is_cap \
                and tokens[k - 2].lower in POSSESSIVES:
            # 'seiner Ansicht nach', 'ihrer Meinung nach'
            entity = _possessor(ctx, tokens, k - 2)
            if entity is not None:
                act = prep_cues[tokens[k - 1].lower][0].act
                frame = Frame(entity, ctx.span(tokens[k - 2].start, tokens[k - 1].end), ctx.span(token.start, token.end),
                              act, list(tokens))
                _prep_claim(ctx, sentence, tokens, frame, k - 2, k + 1)
            continue
        elif low in ("laut", "gemäß") and k + 1 < len(tokens) and not (k > 0 and tokens[k - 1].text == ","
                                                                      and tokens[k + 1].lower == "denen"):
            first = k + 1
            if tokens[first].lower in words("determiner") and first + 1 < len(tokens) and \
                    tokens[first + 1].is_cap and tokens[first + 1].lower.endswith(("bericht", "meldung", "angaben")):
                pass  # 'laut einem Bericht der X': the report is the source phrase
            end = _np_forward(tokens, first, len(tokens))
            if end:
                np_range, cue_range = (first, _genitive_tail(tokens, end)), (k, k + 1)
            elif _lower_name(tokens, first):
                # 'laut dpa', 'laut taz': a name written in lower case (no article or adjective goes without its noun)
                np_range, cue_range = (first, first + 1), (k, k + 1)
        elif 0 < k < len(tokens) - 3 and tokens[k - 1].text == "," \
                and (low in ("nach", "laut", "gemäß") and (tokens[k + 1].lower == "denen" or low != "nach" and tokens[k + 1].lower
                                                           in ("dem", "der")) or low == "wonach"):
            # 'Studien der Charité, nach denen Homöopathie ... ebenbürtig sei', 'Berichte, wonach ...': the
            # relative pronoun is the source, its referent the noun before the comma
            start = _np_backward(tokens, k - 1, anywhere=True)
            entity = (_resolve_np(ctx, tokens, start, k - 1) or _fallback_entity(ctx, tokens, start, k - 1)) \
                if start is not None else None
            if entity is None or entity.type not in AGENT_TYPES:
                entity = UNATTRIBUTED
            pronoun = k if low == "wonach" else k + 1
            content = _trim(ctx, tokens[pronoun + 1].start, sentence.end)
            if content is not None and len(content.text) >= 8 and not ctx.is_covered(content.start, content.end):
                frame = Frame(entity, ctx.span(tokens[pronoun].start, tokens[pronoun].end), ctx.span(token.start, token.end),
                              act, list(tokens))
                _add(ctx, frame, content, "reported", "source-relative")
            continue
        elif low == "demnach" and (k == 0 or not tokens[k].is_cap) or low == "danach" and k == 0 and len(tokens) > 2 \
                and (tokens[1].lower in words("konjunktiv1") or tokens[1].lower in REPORTIVE_FINITE):
            # 'Danach sei der Täter geflohen': 'danach' before a verb of reported speech is 'demnach', not 'later'
            # 'Demnach sollen ältere Atomkraftwerke ... laufen': according to the source just named;
            # the adverb is the source phrase and the cue, its referent the last speaker
            entity = ctx.ents.last_speaker(token.start, AGENT_TYPES) or UNATTRIBUTED
            span = ctx.span(token.start, token.end)
            if k > 0:
                # '..., wäre demnach ...' inside the clause: the source is the mention that named its referent
                last = next((c for c in reversed(ctx.claims) if c.speaker_span is not None
                             and c.speaker_span.end <= sentence.start), None)
                if last is not None and last.speaker is entity:
                    span = last.speaker_span
            frame = Frame(entity, span, ctx.span(token.start, token.end), act, list(tokens))
            _prep_claim(ctx, sentence, tokens, frame, k, k + 1)
            continue
        elif low == "zufolge" and k > 0:
            start = _np_backward(tokens, k, anywhere=True)
            while start is not None and start >= 2 and tokens[start - 1].lower == "für" and tokens[start - 2].is_cap:
                # 'Den Angaben des Bundesamtes für Statistik zufolge'
                before = _np_backward(tokens, start - 1, anywhere=True)
                if before is None:
                    break
                start = before
            start = _dative_start(tokens, start, k) if start is not None else None
            inner, named = start, False
            while start is not None and start >= 2 and tokens[start - 1].lower in ("von", "vom") \
                    and tokens[start - 2].is_cap:
                # 'Einer Meldung von Xinhua zufolge': the report is the source phrase, Xinhua the speaker;
                # 'Angaben des Instituts von Athen zufolge': the seat belongs to the noun before it
                before = _np_backward(tokens, start - 1, anywhere=True)
                if before is None or not any(_source_noun(t) for t in tokens[before:start - 1]):
                    break
                named, start = named or _source_noun(tokens[start - 2]), before
            if start is not None:
                np_range, cue_range = (start, k), (k, k + 1)
                if named and tokens[inner].is_cap:
                    entity_range = (inner, k)
        elif low == "so" and k > 0 and tokens[k - 1].text == "," and k + 1 < len(tokens):
            end = _np_forward(tokens, k + 1, len(tokens))
            end = _genitive_tail(tokens, end) if end else end
            after = end
            while after is not None and after < len(tokens) and tokens[after].lower in ("weiter", "auch", "zudem", "außerdem",
                                                                                     "abschließend", "damals", "jedoch"):
                after += 1  # ', so Obama weiter, ...'
            if end and after < len(tokens) and tokens[after].lower == "gegenüber":
                # ', so der Mitarbeiter gegenüber der Zeitung „Beijing Shibao“.': the addressee ends it
                after = next((x for x in range(after + 1, len(tokens)) if tokens[x].text in (".", ",", ";", ":", "!", "?")),
                             len(tokens))
            if end and after + 2 < len(tokens) and tokens[after].lower in ("in", "aus") and tokens[after + 1].is_cap \
                    and tokens[after + 2].text in (".", ",", ";", "!", "?"):
                after += 2  # ', so eine Mitteilung des Bundesamtes in Wiesbaden.': the seat of the source
            if end and after < len(tokens) and tokens[after].text not in (".", ",", ";", ":", "!", "?"):
                # ', so eine Mitteilung des Amtes nach der Bekanntgabe der Zahlen.': a tail without a verb
                stop = next((x for x in range(after, len(tokens)) if tokens[x].text in (".", ",", ";", ":", "!", "?")),
                            len(tokens))
                if stop - after <= 8 and _appositive(tokens, after, stop) \
                        and not any(t.lower in FINITE_AUXILIARIES for t in tokens[after:stop]):
                    after = stop
            if end and (after >= len(tokens) or tokens[after].text in (".", ",", ";", ":", "!", "?")):
                np_range, cue_range, tail = (k + 1, end), (k, k + 1), after  # ', so Obama weiter.'
                if after + 1 < len(tokens) and tokens[after].text == "," and (
                        tokens[after + 1].lower in RELATIVE_PRONOUNS or after + 2 < len(tokens)
                        and tokens[after + 1].lower in PREPOSITIONS and tokens[after + 2].lower in RELATIVE_PRONOUNS):
                    # ', so das Ergebnis einer Studie, in der ... untersucht wurden.': the relative clause
                    # describes the source; the content is what precedes 'so'
                    tail = len(tokens)
        elif low == "nach" and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            noun = nxt.lower.split("-")[-1]
            source = _source_after_nach(ctx, tokens, k)
            if source is not None:
                entity, span_range, act = source
                frame = Frame(entity, ctx.span(tokens[span_range[0]].start, tokens[span_range[1] - 1].end),
                              ctx.span(token.start, token.end), act, list(tokens))
                _prep_claim(ctx, sentence, tokens, frame, k, span_range[1])
                continue
            if nxt.is_cap and noun.endswith(SOURCE_NOUNS) and len(noun) > 7:
                # 'nach US-Angaben', 'nach Behördenangaben', 'nach Polizeiangaben'
                suffix = next(x for x in SOURCE_NOUNS if noun.endswith(x))
                prefix_text = nxt.text[:len(nxt.text) - len(suffix)].rstrip("-") or nxt.text
                prefix = tokenize(prefix_text, nxt.start)
                found = lookup(prefix, 0, ctx.ents.when) if prefix else None
                if found:
                    entity = entity_by_key(found[2]) if found[2] else found[1]
                else:
                    entity = ctx.ents.local(prefix_text.capitalize(), "organization")
                act = prep_cues.get(suffix, [Cue("", "assert", "prep", "")])[0].act
                frame = Frame(entity, ctx.span(nxt.start, nxt.end), ctx.span(token.start, token.end), act, list(tokens))
                _prep_claim(ctx, sentence, tokens, frame, k, k + 2)
                continue
        if np_range is None:
            continue
        entity = (_resolve_np(ctx, tokens, *entity_range) if entity_range else None) \
            or _resolve_np(ctx, tokens, *np_range) or _fallback_entity(ctx, tokens, *np_range) \
            or (ctx.ents.local(tokens[np_range[0]].text, "organization") if _lower_name(tokens, np_range[0]) else None)
        if entity is None or entity.type not in AGENT_TYPES:
            continue
        span = ctx.span(tokens[np_range[0]].start, tokens[np_range[1] - 1].end)
        frame = Frame(entity, span, ctx.span(tokens[cue_range[0]].start, tokens[cue_range[1] - 1].end), act, list(tokens))
        _prep_claim(ctx, sentence, tokens, frame, min(np_range[0], cue_range[0]), max(np_range[1], cue_range[1], tail))


def _lower_name(tokens: list[Token], i: int) -> bool:
    """'dpa', 'taz', 'ndr.de' after a source preposition: a lower-case word that is no article, pronoun,
    adjective or other closed word, followed by no noun it could qualify."""
    t = tokens[i]
    if t.is_cap or not t.text[:1].isalpha() or t.lower in _closed_words() or t.lower in POSSESSIVES \
            or t.lower in SPEAKER_PRONOUNS or t.lower in words("pronoun_demonstrative") or t.lower in words("pronoun_person") \
            or t.lower in ("ihnen", "uns", "mir", "dir", "euch", "denen", "dem", "der") or _attributive(t):
        return False
    return i + 1 >= len(tokens) or not (tokens[i + 1].is_cap and _alpha(tokens[i + 1]))


REPORTIVE_FINITE = frozenset(["soll", "sollen", "hätte", "hätten", "wäre", "wären"])
POSSESSIVES = frozenset(["sein", "seine", "seiner", "seinen", "seines", "ihr", "ihre", "ihrer", "ihren", "ihres", "dessen", "deren", "eigener", "eigenen", "eigene",
                         "eigenem"])


def _possessor(ctx: Context, tokens: list[Token], i: int) -> Entity | None:
    """'seiner Ansicht nach' -> the person 'er' refers to; 'eigener Aussage' -> the last speaker."""
    word = tokens[i].lower
    if word.startswith("eigen"):
        # 'eigen' is reflexive: it names the subject of its clause ('Der Trainer war nach eigenem Bekunden
        # zufrieden', 'Nach eigener Aussage will er ...')
        return _clause_subject(ctx, tokens, i) or ctx.ents.last_speaker(tokens[i].start, AGENT_TYPES) \
            or ctx.ents.local(tokens[i].text, "person")
    pronoun = "er" if word.startswith("sein") or word == "dessen" else "sie"
    fake = Token(pronoun, tokens[i].start, tokens[i].end, pronoun, False)
    return _resolve_np(ctx, [fake], 0, 1)


def _clause_subject(ctx: Context, tokens: list[Token], i: int) -> Entity | None:
    """The subject of the main clause around the source phrase whose possessive is tokens[i]: the
    first constituent when the phrase follows the finite verb ('X war nach eigenem Bekunden'), the
    noun phrase after the finite verb when the phrase opens the sentence ('Nach eigener Aussage will er')."""
    lo = i - 1 if i > 0 and tokens[i - 1].lower in PREPOSITIONS | {"gemäß", "laut"} else i
    hi = next((j for j in range(i + 1, min(len(tokens), i + 4)) if tokens[j].is_cap), None)
    if hi is None:
        return None
    hi += 1
    if hi < len(tokens) and tokens[hi].lower == "nach":
        hi += 1  # 'seiner Meinung nach'
    if lo == 0:
        v = hi
        if v + 1 >= len(tokens) or tokens[v].is_cap or not _alpha(tokens[v]):
            return None
        first = v + 1
        if not (tokens[first].lower in SPEAKER_PRONOUNS | NOMINATIVE_ARTICLES
                or tokens[first].is_cap and tokens[first].lower not in words("determiner")):
            return None
        end = _np_forward(tokens, first, len(tokens))
        entity = _resolve_np(ctx, tokens, first, end) if end else None
    elif lo >= 1 and not tokens[lo - 1].is_cap and _alpha(tokens[lo - 1]):
        found = _vorfeld(ctx, tokens, lo - 1)
        entity = found[0] if found else None
    else:
        return None
    return entity if entity is not None and entity is not UNATTRIBUTED and entity.type in AGENT_TYPES else None


def _source_after_nach(ctx: Context, tokens: list[Token], k: int) -> tuple[Entity, tuple[int, int], str] | None:
    """'nach Angaben der Polizei', 'Nach einer Stellungnahme der US-Armee', 'nach offiziellen Angaben',
    'Nach Ansicht von X', 'nach dessen Angaben': the source is the noun and its attribute, the cue 'nach'."""
    m = k + 1
    possessive = None
    while m < len(tokens) and m - k <= 3 and not tokens[m].is_cap and _alpha(tokens[m]) and (
            tokens[m].lower in words("determiner") or tokens[m].lower in POSSESSIVES
            or tokens[m].lower[-1:] in "enrsm" and tokens[m].lower not in words("name_stop")):
        if tokens[m].lower in POSSESSIVES and possessive is None:
            possessive = m
        m += 1
    genitive = None
    if m == k + 1 and m + 1 < len(tokens) and tokens[m].is_cap and tokens[m].text.endswith("s") \
            and len(tokens[m].text) > 3 and tokens[m + 1].is_cap and _prep_noun(tokens[m + 1]):
        genitive, m = m, m + 1  # 'Nach Grupps Meinung', 'Nach Schäubles Idee'
    if m >= len(tokens) or not tokens[m].is_cap or not _prep_noun(tokens[m]):
        return None
    act = _prep_noun(tokens[m])
    if genitive is not None:
        name = tokens[genitive]
        bare = Token(name.text[:-1], name.start, name.end - 1, name.lower[:-1], True)
        entity = _resolve_np(ctx, [bare], 0, 1) or _fallback_entity(ctx, [bare], 0, 1)
        if entity is not None and entity.type in AGENT_TYPES:
            return entity, (genitive, m + 1), act
        return None
    first = m + 1
    if first < len(tokens) and tokens[first].lower in ("von", "vom"):
        first += 1
    opener = tokens[first] if first < len(tokens) else None
    if opener is not None and (opener.lower in ("des", "der", "eines", "einer", "dieses", "dieser") or opener.is_cap
                               or first > m + 1 or (not opener.is_cap and opener.lower[-1:] in "enrs"
                                                    and opener.lower not in words("determiner")
                                                    and _alpha(opener) and first + 1 < len(tokens)
                                                    and tokens[first + 1].is_cap)):
        end = _np_forward(tokens, first, len(tokens))
        if end:
            entity = _resolve_np(ctx, tokens, first, end) or _fallback_entity(ctx, tokens, first, end)
            if entity is not None and entity.type in AGENT_TYPES:
                return entity, (k + 1, _genitive_tail(tokens, end)), act
    if possessive is not None:
        entity = _possessor(ctx, tokens, possessive)
        if entity is not None:
            return entity, (k + 1, m + 1), act
    if m > k + 1 or tokens[m].text in ("Angaben", "Informationen", "Berichten", "Schätzungen", "Erkenntnissen"):
        # 'nach offiziellen Angaben', 'nach Informationen': said by someone not named; 'nach Angaben aus
        # Khartum': the place is part of the source phrase
        end = m + 1
        if end + 1 < len(tokens) and tokens[end].lower == "aus" and tokens[end + 1].is_cap:
            end = _np_forward(tokens, end + 1, len(tokens)) or end
        return UNATTRIBUTED, (k + 1, end), act
    return None


GENITIVE_ARTICLES = frozenset(["des", "der", "eines", "einer", "dieses", "dieser"])


def _nominative_der(tokens: list[Token], j: int) -> bool:
    """'der überwiegende Teil': an adjective in '-e' after 'der' marks a nominative, never the genitive
    ('der überwiegenden Teile')."""
    return j + 1 < len(tokens) and tokens[j].lower == "der" and not tokens[j + 1].is_cap \
        and tokens[j + 1].lower.endswith("e") and _attributive(tokens[j + 1])


DATIVE_APPOSITION = frozenset(["dem", "der", "einem", "einer", "des", "eines"])


def _genitive_tail(tokens: list[Token], end: int) -> int:
    """The source phrase goes on over further genitives and a parenthesis: 'Angaben des Presseamtes
    des russischen Zivilschutzministeriums', 'eines Mitarbeiters einer ... Organisation (NGO)'."""
    for _ in range(3):
        if _nominative_der(tokens, end):
            break  # 'Auskunft der NASA der überwiegende Teil': '-e' after 'der' is a nominative, the next subject
        if end + 1 < len(tokens) and tokens[end].lower == "für" and tokens[end - 1].is_cap:
            # 'Angaben der Gesellschaft für bedrohte Völker', 'des Ombudsmans für Menschenrechte'
            k = end + 1
            while k < len(tokens) and k - end <= 2 and not tokens[k].is_cap and _attributive(tokens[k]):
                k += 1
            if k >= len(tokens) or not tokens[k].is_cap or not _alpha(tokens[k]):
                break
            while k < len(tokens) and (tokens[k].is_cap and _alpha(tokens[k])
                                       or tokens[k].lower == "und" and k + 1 < len(tokens) and tokens[k + 1].is_cap):
                k += 1
            end = k
        elif end < len(tokens) and tokens[end].lower in GENITIVE_ARTICLES and tokens[end - 1].is_cap:
            nxt = _np_forward(tokens, end, len(tokens))
            if nxt is None or nxt <= end + 1 or not (tokens[nxt - 1].is_cap or tokens[nxt - 1].text == ")"):
                break  # ('einer Organisation (NGO)': its abbreviation closes it)
            end = nxt
        elif end + 2 < len(tokens) and tokens[end].text == "," and tokens[end + 1].lower in DATIVE_APPOSITION:
            # 'Laut einem Sprecher von Pepsi, dem Getränkehersteller, werde ...': an apposition (it ends
            # in a noun; a relative clause 'der ... bekannt sind,' ends in its verb)
            close = next((j for j in range(end + 2, min(len(tokens), end + 10)) if tokens[j].text in ",;:.()"), None)
            if close is None or tokens[close].text != "," or not tokens[close - 1].is_cap or close + 1 >= len(tokens):
                break
            end = close
        elif end < len(tokens) and tokens[end].text == "(":
            close = next((j for j in range(end + 1, min(len(tokens), end + 6)) if tokens[j].text == ")"), None)
            if close is None:
                break
            end = close + 1
        else:
            break
    return end


def _prep_noun(token: Token) -> str | None:
    """The act of a noun that names what a source said, as after 'nach' ('Angaben', 'Berechnungen'),
    compounds included ('Fernsehbericht', 'EU-Dokument', 'Polizeiangaben'); None for other words."""
    prep_cues = cue_lexicon()["prep"]
    low = token.lower
    if low in prep_cues:
        return prep_cues[low][0].act
    tail = low.rsplit("-", 1)[-1]
    if tail in prep_cues and tail[:1].isalpha() and len(tail) > 4:
        return prep_cues[tail][0].act
    for n in range(len(low) - 5, 2, -1):
        if low[n:] in prep_cues and len(low) - n >= 6:
            return prep_cues[low[n:]][0].act
    return None


def _fallback_entity(ctx: Context, tokens: list[Token], i: int, j: int) -> Entity | None:
    """A speaker phrase the rules found but cannot resolve ('neuesten Studien', 'libanesischer
    Sicherheitskreise'): a referent known only by its description, scoped to the article."""
    part = [t for t in tokens[i:j] if t.lower not in words("determiner")]
    if not part or not any(t.is_cap or _lower_compound(t) for t in part):
        return None
    if len(part) == 1 and part[0].lower in words("not_speaker") | words("clause_adverb"):
        return None
    label = ctx.article.text[part[0].start:tokens[j - 1].end]
    if any(is_org_noun(t.text) for t in part):
        return ctx.ents.local(label, "organization")
    if any(is_role_noun(t.text) for t in part):
        return ctx.ents.local(label, "person")
    return ctx.ents.local(label, "group")


def _prep_claim(ctx: Context, sentence: Sentence, tokens: list[Token], frame: Frame, lo: int, hi: int) -> None:
    """The content is the sentence around the source phrase tokens[lo:hi]: what follows it when
    it opens the sentence, what precedes it when it closes it, else the whole sentence."""
    if tokens[lo].lower in POSSESSIVES or tokens[lo].lower == "nach" and lo + 1 < hi and tokens[lo + 1].lower in POSSESSIVES:
        # 'erklärte X, Nordkorea besitze seiner Meinung nach ...': a possessive source inside reported
        # speech is that report's speaker, already its claim
        if any(c.nested_in == ctx.outer and c.content.start <= tokens[lo].start < c.content.end for c in ctx.claims):
            return
    if lo == 0:
        verb, cut = _vorfeld_verb(tokens, hi)
        if cut > hi and frame.speaker_span is not None and frame.speaker_span.end == tokens[hi - 1].end:
            # 'Nach Angaben der Stadt vom Montag', 'Laut X, dem Leiter der Y,': the attribute is the speaker's
            frame = Frame(frame.speaker, ctx.span(frame.speaker_span.start, tokens[cut - 1].end), frame.cue, frame.act,
                          frame.frame_tokens)
        content = _trim(ctx, tokens[verb].start if verb < len(tokens) else sentence.end, sentence.end)
    elif hi >= len(tokens) or all(t.text in ".!?" for t in tokens[hi:]):
        content = _trim(ctx, sentence.start, tokens[lo].start)
    else:
        start, end = _clause_around(tokens, lo, hi)
        content = _trim(ctx, tokens[start].start if start else sentence.start,
                        tokens[end].start if end < len(tokens) else sentence.end)
    if content is None or len(content.text) < 8 or ctx.is_covered(content.start, content.end):
        return
    _add(ctx, frame, content, "reported", "source-preposition")


VORFELD_LINKS = frozenset(["und", "oder", "sowie", "vom", "im", "am", "zum", "zur", "beim", "ins", "gegenüber"])


def _vorfeld_verb(tokens: list[Token], hi: int) -> tuple[int, int]:
    """After a source phrase that opens a sentence (tokens[:hi]): the finite verb that closes the first
    field, which holds one constituent only -- so what stands between belongs to the source phrase ('Nach
    Angaben der Stadt vom Montag muss ...', 'Laut X, dem Leiter der Y, hatten ...', 'Nach Angaben der
    Agenturen dpa und AFP umstellten ...'). Returns the verb and the end of the source phrase in the
    first field (before a relative clause or an addressee); (hi, hi) when no verb is found."""
    closed = _closed_words() | VORFELD_LINKS
    opens = words("determiner") | PREPOSITIONS | VORFELD_LINKS | words("quantifier")
    j, cut = hi, None
    if j < len(tokens) and tokens[j].text in ("„", "\"", "»", "«"):
        return hi, hi  # the quote is the content: 'Seiner Ansicht nach „sind wir ...“'
    while j < len(tokens) and j - hi <= 14:
        t = tokens[j]
        if t.text in (":", ";", ".", "!", "?"):
            return hi, hi
        if t.text == ",":
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and (nxt.is_cap or nxt.lower in words("determiner") or nxt.lower in RELATIVE_PRONOUNS
                                    or nxt.lower in PREPOSITIONS):
                # an apposition or a relative clause: over it to its closing comma
                close = next((x for x in range(j + 1, min(len(tokens), j + 14)) if tokens[x].text in ",;:.!?"), None)
                if close is None or tokens[close].text != ",":
                    j += 1  # the closing comma left out: 'Laut X, dem Direktor der Y hatten ...'
                    continue
                if not tokens[close - 1].is_cap and cut is None:
                    cut = j  # a relative clause ends in its verb, an apposition in its noun
                j = close + 1
            else:
                cut = j if cut is None else cut
                j += 1
            continue
        if t.text == "(":
            close = next((x for x in range(j + 1, min(len(tokens), j + 8)) if tokens[x].text == ")"), None)
            if close is None:
                return hi, hi
            j = close + 1  # 'amnesty international (ai)'
            continue
        if _nominative_der(tokens, j):
            return hi, hi  # 'Nach Auskunft der Behörde der gesamte Bestand sei ...': a subject, no attribute
        if not _alpha(t) or t.is_cap:
            j += 1
            continue
        low = t.lower
        if low in ("gegenüber", "unter") and cut is None:
            cut = j  # 'gegenüber dem Kurier', 'unter Berufung auf X': the addressee or the channel
        if low in FINITE_AUXILIARIES or low in words("konjunktiv1") or low in words("konjunktiv2"):
            return j, _cut(tokens, hi, j if cut is None else cut)
        if low in closed:
            j += 1
            continue
        prev = tokens[j - 1] if j > 0 else None
        if prev is not None and not prev.is_cap and (prev.lower in opens or _attributive(t) and _attributive(prev)):
            j += 1  # 'vom gestrigen Abend', 'von amnesty' (not after a noun: 'AFP umstellten Polizisten', '(SWR) laufen')
            continue
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        if nxt is not None and (nxt.text == "(" or nxt.lower in ("und", "sowie") or j + 2 < len(tokens)
                                and tokens[j + 2].text == "(" and _alpha(nxt) and not nxt.is_cap):
            j += 1  # a name in lower case: 'dpa und AFP', 'amnesty (ai)'
            continue
        return j, _cut(tokens, hi, j if cut is None else cut)
    return hi, hi


def _cut(tokens: list[Token], hi: int, cut: int) -> int:
    while cut > hi and not _alpha(tokens[cut - 1]) and tokens[cut - 1].text not in (")", "“", "\"", "»", "«") \
            and not tokens[cut - 1].text[:1].isdigit():
        cut -= 1
    return cut


# finite auxiliaries and modals: a verb that closes the first field
FINITE_AUXILIARIES = AUXILIARIES | MODALS | frozenset(["mag", "durften"])


def _clause_opener(token: Token) -> bool:
    return token.lower in RELATIVE_PRONOUNS or token.lower in SUBORDINATORS or token.lower in words("subjunction")


# adverbs that open a main clause after a comma, before its finite verb, and set it against the clause before it
# ('..., jedoch ist ...', '..., so sollen ...', '..., lediglich der Hafen wurde ...'); a temporal 'dann' or
# 'danach' goes on with the same account
MAIN_CLAUSE_LINKS = frozenset(["jedoch", "doch", "aber", "so", "zwar", "allerdings", "dagegen", "hingegen", "trotzdem",
                               "dennoch", "deshalb", "daher", "deswegen", "lediglich", "nur", "auch", "ebenfalls"])


def _main_clause_at(tokens: list[Token], i: int, lo: int) -> bool:
    """Does a main clause begin at tokens[i] (before tokens[lo]): a finite verb first ('..., kann laut X aber
    ...'), or after one adverb ('..., jedoch ist ...') or one noun phrase ('..., lediglich der Hafen wurde ...')?"""
    def finite(t: Token) -> bool:
        return t.lower in FINITE_AUXILIARIES or t.lower in words("konjunktiv1") or t.lower in words("konjunktiv2")
    if i >= lo:
        return False
    if finite(tokens[i]):
        return True
    j = i
    while j < lo and tokens[j].lower in MAIN_CLAUSE_LINKS:
        j += 1
    if j < lo and finite(tokens[j]) and j > i:
        return True
    if j < lo and (tokens[j].is_cap or tokens[j].lower in words("determiner")):
        e = _np_forward(tokens, j, lo)
        e = _genitive_tail(tokens, e) if e is not None else None
        return e is not None and e < lo and finite(tokens[e])
    return False


def _clause_around(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """The clause that holds tokens[lo:hi] (a source phrase inside a sentence): from a colon or
    semicolon before it, or from the relative pronoun or conjunction that opens its subordinate
    clause ('..., die laut Amnesty zu Unrecht ... verbüßen, ...') or from the comma before its own main
    clause ('..., jedoch ist laut X ...'), to where the main clause resumes
    after a comma ('..., hatten möglicherweise ...'). Token indices [start, end); (0, len) when the
    phrase sits in the main clause."""
    start, opened = 0, False
    for j in range(lo - 1, 0, -1):
        if tokens[j].text in (":", ";"):
            start = j + 1
            break
        if tokens[j].text == "," and (_clause_opener(tokens[j + 1]) or j + 2 < lo and tokens[j + 1].lower in PREPOSITIONS
                                      and tokens[j + 2].lower in ("denen", "dessen", "deren")):
            start, opened = j + 1, True  # '..., unter denen sich nach X ... befinden soll, ...'
            break
        if tokens[j].text == "," and not _decimal_comma(tokens, j) and _main_clause_at(tokens, j + 1, lo):
            prev = next((x for x in range(j - 1, -1, -1) if tokens[x].text in (",", ";", ":")), -1)
            first = next((x for x in range(j - 1, -1, -1) if tokens[x].text in (";", ":")), -1) + 1
            if not _appositive(tokens, prev + 1, j) and _verb_end(tokens[j - 1]) \
                    and tokens[first].lower not in SUBORDINATORS and tokens[first].lower not in words("subjunction") \
                    and not (prev >= first and (_clause_opener(tokens[prev + 1]) or tokens[prev + 1].lower in PREPOSITIONS
                                                and tokens[prev + 2].lower in RELATIVE_PRONOUNS)):
                # 'Der Hafen bleibt gesperrt, lediglich der Flughafen wurde laut X geöffnet', 'Der Start wird
                # erwartet, kann laut X aber später erfolgen': a main clause of its own after a complete one (not
                # after a subordinate or relative clause that fills its first position, nor an apposition)
                start = j + 1
                break
    end = len(tokens)
    if opened:
        for j in range(hi, len(tokens) - 1):
            if tokens[j].text in (":", ";"):
                end = j
                break
            nxt = tokens[j + 1]
            if tokens[j].text == "," and _alpha(nxt) and not nxt.is_cap and not _clause_opener(nxt) \
                    and nxt.lower not in ("und", "oder", "sondern", "aber", "bzw") and nxt.lower not in words("determiner"):
                end = j
                break
    return start, end


# Acts whose verb names a speech act on its own ('forderte eine Untersuchung'); 'sagen', 'schreiben',
# 'finden' with a bare object are not reports ('schrieben Parolen an die Wand'), except 'bezeichnen als'.
REPORTED_ACTS = frozenset({"deny", "accuse", "criticize", "demand", "praise", "warn", "announce", "reject",
                           "confirm", "plan", "agree"})
# verbs whose bare object is a deed or a thing, not something said ('unterstützt die EU-Behörde',
# 'bestätigte den Vorfall', 'bittet um Hinweise', 'entscheidet die Meisterschaft')
NOT_REPORTED_ACTS = frozenset({"unterstützen", "befürworten", "bestätigen", "verantwortlich machen", "bitten",
                               "entscheiden", "beschließen", "drohen", "sich verständigen", "bedauern",
                               "planen", "anpeilen"})
# verbs that name another act with this preposition in their clause ('verurteilte ihn zu drei Jahren Haft')
NOT_REPORTED_WITH = {"verurteilen": ("zu", "zur", "zum")}
# verbs of other acts whose bare object is what was said ('bezeichnete ihn als ...', 'gab als Grund
# einen Defekt an')
REPORTED_VERBS = frozenset({"bezeichnen", "nennen", "angeben", "versichern"})
SPEAKER_PRONOUNS = frozenset({"er", "sie", "ich", "wir"})
TITLES = frozenset({"dr", "prof", "st", "hl"})
NOT_CONTENT_START = frozenset({"weil", "als", "wenn", "obwohl", "was", "da", "nachdem", "damit", "sodass", "bevor",
                               "während", "indem", "falls", "seit", "seitdem", "sobald", "wobei", "woraufhin",
                               "wodurch", "weshalb", "weswegen", "zumal"})
PASSIVE = frozenset({"worden", "wurde", "wurden", "werden", "wird"})
# words that cannot open the object of a reported act: a subject pronoun after the verb (the first
# field held something else), or a coordinator or verb after a clause-final participle or infinitive
NOT_OBJECT_START = frozenset({"man", "er", "ich", "wir", "du", "und", "oder", "sowie", "wie", "sein", "haben",
                              "werden", "worden", "können", "müssen", "sollen", "wollen", "dürfen"})


def _reported(ctx: Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    """'Er kritisierte zugleich das Vorgehen ...'; 'Russland weist dies zurück und fordert ...'."""
    last_entity: tuple[Entity, Span | None] | None = None
    verbs = cue_lexicon()["verb"]
    for k, token in enumerate(tokens):
        if token.lower not in verbs or token.start in ctx.used_cues or any(q.start <= token.start < q.end for q in inside):
            continue
        if token.is_cap and k + 1 < len(tokens) and tokens[k + 1].lower in words("determiner") and _prep_noun(token):
            continue  # 'Angaben der Polizei zufolge ...': the noun, not the verb 'angaben'
        clause_end = next((i for i in range(k + 1, len(tokens)) if tokens[i].text in (",", ";", ":")
                           and not _decimal_comma(tokens, i) and not tokens[i - 1].text.endswith("-") or
                           tokens[i].lower == "und" and i + 1 < len(tokens) and (verb_cue(tokens, i + 1, len(tokens))
                                                                                 or _finite_after_und(tokens, i + 1))),
                          len(tokens))
        cue = verb_cue(tokens, k, clause_end)
        aux = _auxiliary(tokens, k)
        passive = _passive(tokens, k) or _long_passive(tokens, k, aux)
        if cue is None and token.lower == "genannt" and passive \
                and any(t.lower == "als" for t in tokens[:k]):
            cue = verbs["genannt"][0]  # 'Als Grund wurde ein Defekt genannt': cited, not named
        if cue is None or cue.lemma in NOT_REPORTED_ACTS or (cue.act not in REPORTED_ACTS and cue.lemma not in REPORTED_VERBS
                           and not _prepositional_report(tokens, k, clause_end, cue)
                           and not (aux is not None and _prepositional_report(tokens, aux, k, cue))
                           and not (passive and _prepositional_report(tokens, -1, k, cue, reach=k + 1))):
            continue
        if k + 1 < len(tokens) and tokens[k + 1].text in (",", ":"):
            continue
        if cue.lemma.startswith("sich ") and not any(t.lower in REFLEXIVES for t in tokens[:clause_end]):
            continue  # 'sprach ihnen sein Beileid aus': the verb without its reflexive pronoun is another verb
        if cue.lemma == "bezeichnen" and not any(t.lower == "als" for t in tokens[:clause_end]):
            continue  # 'Der Name bezeichnet eine Philosophie': to denote, not to call something so
        if cue.lemma in NOT_REPORTED_WITH and any(t.lower in NOT_REPORTED_WITH[cue.lemma] for t in tokens[:clause_end]):
            continue  # 'wurde zu zwei Jahren Haft verurteilt': a sentence passed, no condemnation said
        if k > 0 and tokens[k - 1].lower == "zu" and token.lower.endswith("n"):
            continue  # 'sei als Beleg zu bewerten': an infinitive, no act
        if _attributive_participle(tokens, k) or _bare_participle(tokens, k):
            continue
        frame = None
        if passive and k + 1 < len(tokens) and tokens[k + 1].lower in ("wurde", "wurden", "wird", "werden") \
                and tokens[next((i + 1 for i in range(k - 1, -1, -1) if tokens[i].text in (",", ";", ":")), 0)].lower in ("was", "wer"):
            continue  # 'Was vom Gericht verkündet wurde, ...': a free relative clause is a noun phrase, no report
        if passive:
            frame = _passive_agent(ctx, tokens, k, clause_end, cue)
            if frame is None:
                if cue.act == "believe" or not _agentless_report(tokens, k, clause_end):
                    continue  # 'Für heute wird mit Regen gerechnet': an expectation of no one in particular
                # 'Als Grund wurde ein Defekt genannt': a passive without agent reports an act of
                # someone unnamed; no speaker mention
                frame = Frame(UNATTRIBUTED, None, ctx.span(token.start, token.end), cue.act, list(tokens))
            # the whole clause of the passive ('..., während X von Kritikern als Y eingestuft wird')
            first = min(k, next((i for i, t in enumerate(tokens) if frame.speaker_span is not None
                                 and t.start >= frame.speaker_span.start), k))
            obj_start = next((i + 1 for i in range(first - 1, -1, -1) if tokens[i].text in (",", ";", ":")
                              and not _decimal_comma(tokens, i)), 0)
            if 0 < obj_start < k and tokens[obj_start].lower in RELATIVE_PRONOUNS:
                continue  # '..., der als „Sonnenwind“ bezeichnet wird': a relative clause describes
        elif k > 0 and tokens[k - 1].lower == "und" and last_entity is not None:
            frame = Frame(last_entity[0], last_entity[1], ctx.span(token.start, token.end), cue.act, list(tokens))
            obj_start = k + 1
        else:
            frame = _frame_at(ctx, tokens, k, clause_end)
            if frame is None or frame.speaker_span is not None and frame.speaker_span.start > token.start:
                frame = _prepositional_subject(ctx, tokens, k, cue, frame) or frame
            if frame is None:
                continue
            obj_start = k + 1
            if frame.speaker_span is not None and frame.speaker_span.start > token.start:
                obj_start = next(i for i, t in enumerate(tokens) if t.end >= frame.speaker_span.end) + 1
        stop = clause_end
        pivot = _auxiliary(tokens, k) if obj_start >= clause_end or tokens[obj_start].text in (".", "!", "?") else None
        if pivot is not None and k - pivot >= 3 and not tokens[k].is_cap and _prepositional_report(tokens, pivot, k, cue):
            # 'X hatte im Juli von ethnischen Säuberungen berichtet', 'Der Minister hat die Pläne kritisiert':
            # the object stands between the auxiliary (and the subject after it) and the participle
            obj_start, stop = pivot + 1, k
            if frame.speaker_span is not None and tokens[pivot].start < frame.speaker_span.start < token.start:
                obj_start = next(i for i, t in enumerate(tokens) if t.end >= frame.speaker_span.end) + 1
        if obj_start < stop and tokens[obj_start].lower in NOT_OBJECT_START:
            continue  # 'beschuldigt man sich', 'hätte gewarnt sein können', '... versichern und auch ...'
        while obj_start < stop and tokens[obj_start].lower in ("sich", "es"):
            obj_start += 1
        if cue.particle:
            stop = next((i for i in range(obj_start, stop) if tokens[i].lower == cue.particle), stop)
        if obj_start >= stop:
            continue
        rule = "reported-act"
        if stop - obj_start < 2 and tokens[obj_start].lower not in ("dies", "das", "diese", "dieses") \
                and not (tokens[obj_start].is_cap and _alpha(tokens[obj_start]) and obj_start > k
                         and (stop >= len(tokens) or tokens[stop].text in (".", "!") or tokens[stop].lower == cue.particle)):
            # 'ist', 'haben': a lone word is no statement; a lone noun that closes the clause is
            # ('kündigten Untersuchungen an', 'forderte Neuwahlen.')
            continue
        if tokens[obj_start].lower in ("dies", "das", "diese", "dieses") and obj_start + 1 == stop:
            content = _previous_sentence(ctx, sentence)
            rule = "reported-act-anaphor"
        else:
            end_offset = tokens[stop - 1].end if stop - 1 < len(tokens) else sentence.end
            content = _trim(ctx, tokens[obj_start].start, end_offset)
        if content is None:
            continue
        claim = _add(ctx, frame, content, "reported", rule)
        last_entity = (frame.speaker, frame.speaker_span)
        if claim is None:
            continue


REFLEXIVES = frozenset({"sich", "mich", "dich", "uns", "euch"})


def _finite_after_und(tokens: list[Token], i: int) -> bool:
    """'begrüßte den Beschluss und griff den Iran an': a finite verb after 'und' opens a second main
    clause with the same subject; its particle does not close the clause of the act."""
    if i + 1 >= len(tokens):
        return False
    t, nxt = tokens[i], tokens[i + 1]
    return _finite_first(tokens, i) or not t.is_cap and _alpha(t) and t.lower not in _no_finite_verb() \
        and not _attributive(t) and nxt.lower in words("determiner") and not nxt.is_cap


def _long_passive(tokens: list[Token], k: int, aux: int | None) -> bool:
    """'Als Grund wurden unter anderem die an den Örtlichkeiten herrschenden Bedingungen genannt': a
    participle at the end of a clause whose finite verb is the passive auxiliary, however far before."""
    if aux is None or tokens[aux].lower not in ("wurde", "wurden", "wird", "werden") or k - aux < 2:
        return False
    low = tokens[k].lower
    if not (low.startswith("ge") or low.endswith("iert") or low.startswith(PARTICIPLE_PREFIXES)
            or low.startswith(INSEPARABLE) and low.endswith("t")) or low.endswith(("en", "e")) and not low.startswith("ge"):
        return False
    return k + 1 >= len(tokens) or not _alpha(tokens[k + 1])


def _decimal_comma(tokens: list[Token], i: int) -> bool:
    """'77,7 Prozent', '08:15 Uhr': a comma or colon between digits, with no space, is part of a number."""
    return 0 < i < len(tokens) - 1 and tokens[i].text in (",", ":") and tokens[i - 1].text[-1:].isdigit() \
        and tokens[i + 1].text[:1].isdigit() and tokens[i - 1].end == tokens[i].start and tokens[i].end == tokens[i + 1].start


def _prepositional_subject(ctx: Context, tokens: list[Token], k: int, cue: Cue, after: Frame | None) -> Frame | None:
    """'Der EU-Kommissar für Energie X nannte den Beschluss ...', 'Die Mission der Vereinten Nationen im
    Sudan verlangte den Rückzug ...': a subject with a prepositional attribute fills the first position
    before the finite verb; an accusative or dative article right after the verb shows that the first
    position holds no object. With an article of either case after the verb ('Der Rat für Menschenrechte
    stufte das Gesetz als ... ein'), the first position is the subject when it names a person or a body
    (the subject comes first in the plain order), not the noun phrase found after the verb."""
    ambiguous = after is not None
    if not 2 <= k <= 18 or k + 1 >= len(tokens) \
            or tokens[k + 1].lower not in (words("determiner") if ambiguous else words("oblique_determiner")) \
            or tokens[0].lower not in NOMINATIVE_ARTICLES or not tokens[1].is_cap and not _attributive(tokens[1]) \
            or any(t.text in (",", ";", ":") or t.text in QUOTE_MARKS for t in tokens[:k]) or not _verbless(tokens, 0, k):
        return None
    head = next(t for t in tokens[1:k] if t.is_cap)
    if ambiguous and not (is_role_noun(head.text) or is_org_noun(head.text)):
        return None  # 'Die Pläne der Regierung kritisierte die Opposition': an object may come first
    entity = _resolve_np(ctx, tokens, 0, k) or _fallback_entity(ctx, tokens, 0, k)
    if entity is None or entity.type not in AGENT_TYPES or entity is UNATTRIBUTED:
        return None
    return Frame(entity, ctx.span(tokens[0].start, tokens[k - 1].end), ctx.span(tokens[k].start, tokens[k].end),
                 cue.act, list(tokens))


def _bare_participle(tokens: list[Token], k: int) -> bool:
    """'Die Niederländer spielten ausgesprochen defensiv': a participle with no auxiliary in its sentence
    is an adverb or an attribute, not the verb of a reported act."""
    low = tokens[k].lower
    # 'ge' + a stem of three letters at least: 'geht', 'gehst' are finite forms of 'gehen'
    if not (low.startswith("ge") and len(low) >= 6 or low.startswith(PARTICIPLE_PREFIXES)) \
            or low.endswith(("e", "en", "er", "es", "em")) \
            and not low.endswith(("ochen", "ommen", "eben", "iesen", "ieben", "ufen", "orfen", "allen", "annt", "ragen")):
        return False
    return not any(t.lower in AUXILIARIES or t.lower in ("worden", "haben", "sein", "hatte", "hätten") for t in tokens)


PARTICIPLE_ENDINGS = ("te", "ten", "ter", "tes", "tem", "ene", "enen", "ener", "enes", "enem")


def _attributive_participle(tokens: list[Token], k: int) -> bool:
    """'eine oft beklagte Lücke', 'nicht näher bezeichnete „technische Probleme“', 'die erwarteten
    Ergebnisse': a participle before its noun, after an article (adverbs between), names no act."""
    if k + 1 >= len(tokens) or not (tokens[k + 1].is_cap or tokens[k + 1].text in OPENING_QUOTES) \
            or not tokens[k].lower.endswith(PARTICIPLE_ENDINGS):
        return False
    j = k - 1
    while j >= 0 and k - j <= 4 and not tokens[j].is_cap and _alpha(tokens[j]) \
            and tokens[j].lower in ATTRIBUTIVE_ADVERBS:
        j -= 1
    if j >= 0 and (tokens[j].lower in words("determiner") or j < k - 1 and not tokens[j].is_cap
                   and tokens[j].lower not in SPEAKER_PRONOUNS):
        return True
    # 'Der König hat den am 29. März wegen Beleidigung verurteilten Schweizer begnadigt': the clause has
    # its finite verb already; an inflected participle before a noun after it is an attribute
    for j in range(k - 1, -1, -1):
        if tokens[j].text in (",", ";", ":") or tokens[j].lower in ("und", "oder", "sondern", "aber"):
            return False
        if tokens[j].lower in AUXILIARIES and not tokens[j].is_cap and j > 0:
            return True
    return False


ATTRIBUTIVE_ADVERBS = frozenset(["oft", "häufig", "viel", "vielfach", "nicht", "näher", "bereits", "schon", "zuvor",
                                 "bislang", "bisher", "immer", "wieder", "so", "gern", "lange", "lang", "heftig",
                                 "scharf", "stark", "weithin", "allgemein", "öffentlich", "ausdrücklich", "vorher"])


def _passive_agent(ctx: Context, tokens: list[Token], k: int, clause_end: int, cue: Cue) -> Frame | None:
    """'Von der Opposition wurde die Art des Besuchs kritisiert': the agent of a passive report."""
    # 'Von einer hohen Brandgefahr wird berichtet': the verb's own 'von' names the topic, not the agent
    topic = "von" if "von" in PREPOSITIONAL_REPORTS.get(cue.lemma, ()) else None
    for j in range(0, clause_end):
        if tokens[j].lower not in ("von", "vom", "seitens") or j == k - 1 or tokens[j].lower == topic:
            continue
        first = j + 2 if j + 2 < clause_end and tokens[j + 1].lower == "seiten" else j + 1  # 'Von Seiten der X'
        end = _np_forward(tokens, first, clause_end)
        if end is None or end > clause_end or (j < k < end):
            continue
        entity = _resolve_np(ctx, tokens, first, end) or _fallback_entity(ctx, tokens, first, end)
        if entity is None or entity.type not in AGENT_TYPES or entity is UNATTRIBUTED:
            continue
        return Frame(entity, ctx.span(tokens[first].start, tokens[end - 1].end),
                     ctx.span(tokens[k].start, tokens[k].end), cue.act, list(tokens))
    for j in range(0, min(k, clause_end)):
        # 'So wird in einer Pressemitteilung der Organisation gefordert, dass ...': the document says it
        if tokens[j].lower not in ("in", "im") or j + 2 >= clause_end:
            continue
        end = _np_forward(tokens, j + 1, clause_end)
        if end is None or end > k or not any(t.is_cap and _source_noun(t) for t in tokens[j + 1:min(end, j + 4)]):
            continue
        entity = _resolve_np(ctx, tokens, j + 1, end) or _fallback_entity(ctx, tokens, j + 1, end)
        if entity is None or entity.type not in AGENT_TYPES or entity is UNATTRIBUTED:
            continue
        return Frame(entity, ctx.span(tokens[j + 1].start, tokens[end - 1].end),
                     ctx.span(tokens[k].start, tokens[k].end), cue.act, list(tokens))
    return None


# verbs that report what someone says or thinks when their prepositional object names it
# ('spricht von Einvernehmlichkeit', 'geht von einem Totalschaden aus', 'verweist auf ...')
PREPOSITIONAL_REPORTS = {"sprechen": ("von", "über"), "berichten": ("von", "über"), "ausgehen": ("von",),
                         "rechnen": ("mit",), "verweisen": ("auf",), "hinweisen": ("auf",), "warnen": ("vor",),
                         "beziffern": ("auf", "mit"), "vergleichen": ("mit",), "klagen": ("über",),
                         # an assessment with its predicate ('stufte das Gesetz als verfassungswidrig ein',
                         # 'wurde für rechtswidrig erklärt')
                         "einstufen": ("als",), "betrachten": ("als",), "werten": ("als",), "bewerten": ("als",),
                         "erklären": ("für",)}


def _prepositional_report(tokens: list[Token], k: int, clause_end: int, cue: Cue, reach: int = 10) -> bool:
    preps = PREPOSITIONAL_REPORTS.get(cue.lemma)
    if not preps:
        return False
    return any(tokens[j].lower in preps and (tokens[j].lower != "für" or _predicative_adjective(tokens, j + 1))
               for j in range(k + 1, min(clause_end, k + reach)))


def _predicative_adjective(tokens: list[Token], j: int) -> bool:
    """'für unbedenklich', 'für sehr wahrscheinlich': 'für' before a word in lower case, no article or
    pronoun ('hält für die Familie', 'erklärte für ihn')."""
    return j < len(tokens) and _alpha(tokens[j]) and not tokens[j].is_cap \
        and tokens[j].lower not in words("determiner") | words("pronoun_person") | words("quantifier")


def _previous_sentence(ctx: Context, sentence: Sentence) -> Span | None:
    for seg in ctx.article.body:
        if seg.span.start <= sentence.start <= seg.span.end:
            text = ctx.article.text[seg.span.start:sentence.start]
            prior = sentences(text, seg.span.start)
            if prior:
                return _trim(ctx, prior[-1].start, prior[-1].end)
    return None


# Konjunktiv II (and 'soll') that carries reported speech on: the plural stands in for a Konjunktiv I
# that looks like the indicative ('sie hätten', 'sie könnten'); the singular of a modal ('es könnte',
# 'er müsste', 'das wäre') has a Konjunktiv I of its own ('könne', 'müsse', 'sei') and, used alone,
# is the narrator's hypothesis
SUBJUNCTIVE_II = frozenset({"hätten", "würden", "wären", "käme", "kämen", "könnten", "müssten", "sollen", "soll",
                            "gäbe", "dürften"})


FREE_REACH = 600
# across a paragraph break, about two sentences of narration put the speaker reported last out of reach
FREE_REACH_PARAGRAPH = 200


def _described_group(ctx: Context, entity: Entity) -> bool:
    """'Die Chemikalie', 'Hunderttausende Menschen': a phrase known only by description, no named or
    role-bearing speaker."""
    return entity.type == "group" and entity.key.startswith(ctx.ents.scope + "-")


FOCUS_PARTICLES = frozenset({"auch", "selbst", "sogar", "nur", "ebenfalls", "gerade", "besonders", "allein"})


@cache
def _free_subject_stop() -> frozenset[str]:
    return words("clause_adverb") | words("not_speaker") | words("name_stop") | NOT_CONTENT_START | frozenset(
        ["zwischen", "unter", "neben", "hinter", "ohne", "durch", "seit", "wegen", "trotz", "angesichts", "aufgrund", "infolge"])


def _main_konjunktiv1(toks: tuple[Token, ...] | list[Token]) -> bool:
    """A Konjunktiv I inside the sentence, written small, that is not the verb closing a subordinate
    clause ('..., in denen er ... bezeichnet habe')."""
    closing = _subordinate_verbs(toks, konjunktiv1=True)
    return any(x > 0 and not t.is_cap and t.lower in words("konjunktiv1") and x not in closing
               and toks[x - 1].lower != "ich" for x, t in enumerate(toks))


def _subordinate_verbs(toks: tuple[Token, ...] | list[Token], konjunktiv1: bool = False) -> set[int]:
    """The finite verbs that close a relative or subordinate clause (', das ... werden soll,', ', dass
    ... verringert würden.'): the clause opens after a comma with a relative pronoun (after its
    preposition) or a subjunction, and its verb is its last word, before the next comma or the end of
    the sentence. Not a Konjunktiv I: that one reports even there."""
    found: set[int] = set()
    n = len(toks)
    for x in range(n - 2):
        if toks[x].text != ",":
            continue
        o = x + 2 if toks[x + 1].lower in PREPOSITIONS else x + 1
        if o >= n or toks[o].lower not in SUBORDINATE_OPENERS:
            continue
        end = next((y for y in range(o + 1, n) if toks[y].text == ","), n)
        while end > o + 1 and not _alpha(toks[end - 1]):
            end -= 1
        if end > o + 1 and not toks[end - 1].is_cap and (konjunktiv1 or toks[end - 1].lower not in words("konjunktiv1")):
            found.add(end - 1)
    return found


def _free_indirect(ctx: Context, sentence: Sentence, previous: Sentence | None, previous_had_claim: bool) -> None:
    """A sentence in the subjunctive right after reported speech continues it (same speaker);
    after a sentence without a claim, a Konjunktiv-I sentence reports its subject ('Dekan Berg
    sieht den Rechtsstreit gelassen. Man habe nichts gewusst.')."""
    if previous is None or ctx.is_covered(sentence.start, sentence.end):
        return
    if sentence.tokens and sentence.tokens[0].text in QUOTE_MARKS:
        return
    # a verb is written in lower case inside the sentence ('Ruhe', 'Glaube' there are nouns)
    # and not next to 'ich' ('manchmal sitze ich', 'Ich denke'): the first person's indicative
    toks = sentence.tokens
    # nor the modal or Konjunktiv II that closes a subordinate clause ('ein Projekt, das 2010 beginnen
    # soll'): it does not make its main clause reported speech
    closing = _subordinate_verbs(toks)
    lowered = {t.lower for x, t in enumerate(toks) if (x == 0 or not t.is_cap) and x not in closing
               and not (x > 0 and toks[x - 1].lower == "ich" or x + 1 < len(toks) and toks[x + 1].lower == "ich")}
    konj1 = lowered & words("konjunktiv1")
    if any(t.lower == "ich" for t in toks):
        # a first-person sentence: 'ich habe', 'ich werde', 'ich glaube' are the indicative
        konj1 &= words("konjunktiv1_not_first_person")
    remote = False  # the speaker reported last is paragraphs away
    if previous_had_claim and ctx.claims:
        last = next((c for c in reversed(ctx.claims) if c.nested_in is None), None)  # not words quoted inside it
        # of the reports of the sentence before, the one whose speaker is named nearest to the message
        # ('forderte laut Behördenangaben ...': the source phrase, not the subject of the act before it)
        near = [c for c in ctx.claims if c.nested_in is None and c.content.end > previous.start
                and c.speaker_span is not None and c.speaker_span.start >= previous.start]
        if near:
            last = max(near, key=lambda c: c.speaker_span.start)
        if last is None or ctx.outer is not None or last.form == "narrator" or sentence.start - last.content.end > 400:
            return
        if not (konj1 or lowered & SUBJUNCTIVE_II):
            return
        frame = Frame(last.speaker, _borrowed_mention(ctx, last), None, "assert", [])
        rule = "free-indirect"
        # 'Jugendliche haben dagegen ausgesagt, ...': the sentence names its own speaker (the same
        # one too: its content without the frame)
        own, added = _own_claim(ctx, sentence)
        if added or own is not None and own.speaker.key != last.speaker.key:
            return
        subject = _subject_frame(ctx, sentence) if own is None else None
        if subject is not None:
            _add(ctx, subject[0], subject[1], "indirect", "free-indirect-own")
            return
    else:
        # the Konjunktiv II that stands in for a Konjunktiv I like the indicative ('sie haben' ->
        # 'sie hätten', 'sie werden' -> 'sie würden') reports as the Konjunktiv I does
        if not (konj1 or _reportative(toks) or lowered & words("konjunktiv1_substitute")):
            return
        tokens = list(previous.tokens)
        if _own_claim(ctx, sentence)[0] is not None:
            return
        subject = _subject_frame(ctx, sentence)
        if subject is not None:
            _add(ctx, subject[0], subject[1], "indirect", "free-indirect-own")
            return
        speaking = _speaking_frame(ctx, tokens)
        if speaking is not None:
            # 'Wulff nahm zu der Frage Stellung. Jeder Pädagoge könne ...': the one who spoke there
            content = _trim(ctx, sentence.start, sentence.end)
            if content is not None:
                _add(ctx, speaking, content, "free-indirect", "free-indirect-speaking")
            return
        unread = _unread_frame(ctx, sentence)
        first = 1 if len(tokens) > 1 and tokens[0].lower in FOCUS_PARTICLES else 0  # 'Auch Putin sieht ...'
        # not a pronoun or adverb ('Das sei ...', 'Zudem ...'), but 'Das' before a noun is its article ('Das Institut sieht ...')
        article = first + 1 < len(tokens) and tokens[first].lower in words("determiner") and tokens[first + 1].is_cap
        end = _np_forward(tokens, first, len(tokens)) if tokens and (article or tokens[first].lower not in _free_subject_stop()) else None
        middle = False
        if end is None and tokens and not article:
            # 'Dabei verteidigte er die Beschlüsse.', 'Am Montag hat sich der Minister geäußert.': after a
            # fronted adverbial the subject follows the finite verb
            found = _middle_subject(tokens, first)
            if found is not None:
                (first, end), middle = found, True
        entity = _resolve_np(ctx, tokens, first, end) if end else None
        verb = end
        if end and end + 2 < len(tokens) and tokens[end].text == "," and tokens[end + 1].lower in RELATIVE_PRONOUNS:
            # 'Der Kommissar, der sich seit Mittwoch im Land aufhält, durfte nicht ...': the subject's verb
            # follows its relative clause
            verb = next((x + 1 for x in range(end + 2, len(tokens) - 1) if tokens[x].text == ","), end)
        # a role or organisation names a speaker though the article has not reported them yet
        # ('Der Entwicklungskommissar der EU, Louis Michel, durfte nicht einreisen. Die Behörden hätten ...')
        known = entity is not None and (_known_speaker(ctx, entity) or any(
            t.is_cap and (is_role_noun(t.text) or is_org_noun(t.text)) for t in tokens[first:end]))
        if entity is None or entity.type not in AGENT_TYPES or entity is UNATTRIBUTED or _described_group(ctx, entity) \
                or not known or not middle and (verb >= len(tokens) or tokens[verb].is_cap or tokens[verb].text in (",", ".", ":")):
            # no subject to report it ('Zwischen ...', 'Am Dienstag ...'): the speaker reported last, if near
            last = next((c for c in reversed(ctx.claims) if c.nested_in is None and c.form != "narrator"), None)
            if last is None or ctx.outer is not None or sentence.start - last.content.end > FREE_REACH:
                if ctx.outer is None and _main_konjunktiv1(toks):
                    # a Konjunktiv I in the main clause reports all the same: by the source or agent the
                    # sentence before names ('In einer Analyse der BBC wird ...', 'Inzwischen hat sich X
                    # ... ausgesprochen', '... in einem Gespräch mit Minister X erörtert'), else by a
                    # source the article leaves unnamed
                    content = _trim(ctx, sentence.start, sentence.end)
                    if content is not None:
                        named = _source_in(ctx, tokens) or _named_agent(ctx, tokens)
                        _add(ctx, named or Frame(UNATTRIBUTED, None, None, "assert", []), content, "free-indirect",
                             "free-indirect-none")
                return
            # the speaker span is the mention in the report this continues: provenance for the
            # KB, though SpkAtt scores it against a mention it often does not mark (costs 0.004)
            frame = Frame(last.speaker, _borrowed_mention(ctx, last), None, "assert", [])
            rule = "free-indirect-last"
            # a report from an earlier paragraph, with narration in between, is no longer near
            remote = sentence.start - last.content.end > FREE_REACH_PARAGRAPH \
                and "\n" in ctx.article.text[last.content.end:sentence.start]
            source = _source_in(ctx, tokens) if last.content.end <= previous.start else None
            if source is not None:
                # 'Im ai-Bericht werden zahlreiche Fälle aufgeführt. In vielen Fällen habe ...': the
                # document the sentence before cites, nearer than the speaker reported last
                frame, rule = source, "free-indirect-source"
        else:
            frame = Frame(entity, ctx.span(tokens[first].start, tokens[end - 1].end), None, "assert", [])
            rule = "free-indirect-subject"
        if unread is not None:
            # a frame of its own ('In dem Verfahren sieht Osterloh einen Angriff, es stehe ...'): its
            # clause, by the speaker if the sentence names them, else by a source left unnamed
            if unread[1] is not None:
                named = _mention_in(ctx, frame, sentence)
                if named.speaker_span is None or named.speaker_span.start < sentence.start:
                    named, rule = Frame(UNATTRIBUTED, None, unread[0], "assert", []), "indirect-unread"
                _add(ctx, named, unread[1], "indirect" if rule == "indirect-unread" else "free-indirect", rule)
            return
    content = _trim(ctx, sentence.start, sentence.end)
    if content is not None:
        frame = _mention_in(ctx, frame, sentence, previous)
        if remote and (frame.speaker_span is None or frame.speaker_span.end <= previous.start):
            # nobody near to speak it: a source left unnamed, not a speaker of paragraphs ago
            frame = Frame(UNATTRIBUTED, None, None, "assert", [])
        _add(ctx, frame, content, "free-indirect", rule)


def _middle_subject(tokens: list[Token], first: int) -> tuple[int, int] | None:
    """The subject right after the finite verb of a sentence that fronts an adverbial ('Dabei
    verteidigte er ...', 'Am Mittwoch kündigte der Minister ... an', 'Inzwischen hat sich X ...'):
    its start and end, or None."""
    n = len(tokens)
    closed = _noun_phrase_words()
    verb = next((x for x in range(first + 1, n - 1) if _alpha(tokens[x]) and not tokens[x].is_cap
                 and tokens[x].lower not in closed and not (_attributive(tokens[x]) and tokens[x + 1].is_cap)), None)
    # not a sentence that reports itself ('Viel Geld soll er verdient haben'), nor a pronoun: a
    # speaker named in the text
    if verb is None or tokens[verb - 1].text == "," or tokens[verb].lower in SUBJUNCTIVE_II \
            or tokens[verb].lower in words("konjunktiv1") or tokens[verb].lower in words("konjunktiv2"):
        return None
    start = verb + 1
    if start < n and tokens[start].lower == "sich":
        start += 1
    if start >= n or tokens[start].lower in SPEAKER_PRONOUNS or tokens[start].lower in _free_subject_stop() \
            and tokens[start].lower not in words("determiner"):
        return None
    end = _np_forward(tokens, start, n)
    return (start, end) if end else None


def _subject_frame(ctx: Context, sentence: Sentence) -> tuple[Frame, Span] | None:
    """'Ein Sprecher des Weißen Hauses schränkte die Bereitschaft ein, dass nicht an ... gedacht sei': the
    subjunctive stands only in a 'dass'/'ob' clause under a main clause in the indicative whose subject
    names an agent; that subject is the speaker nearest to the clause, the clause its message."""
    toks = list(sentence.tokens)
    n = len(toks)
    first = 1 if n > 1 and toks[0].lower in FOCUS_PARTICLES else 0
    middle = False
    if first >= n or toks[first].lower in _free_subject_stop() and not (
            toks[first].lower in words("determiner") and first + 1 < n and toks[first + 1].is_cap):
        # 'Im ersten Satz beruft sich die Bank darauf, dass ...': after a fronted adverbial the
        # subject follows the finite verb
        found = _middle_subject(toks, first) if first < n else None
        if found is None:
            return None
        (first, end), middle = found, True
    else:
        end = _np_forward(toks, first, n)
    if not end or end >= n - 2:
        return None
    subjunctive = words("konjunktiv1") | words("konjunktiv2") | SUBJUNCTIVE_II
    opener = next((x for x in range(end + 1, n - 1) if toks[x].text == "," and toks[x + 1].lower in ("dass", "ob")), None)
    if opener is None or any(t.lower in subjunctive and not t.is_cap for t in toks[0 if middle else end:opener]):
        return None  # the main clause itself is in the subjunctive: someone else reports it
    if middle:
        # the subject ends where the rest of the main clause goes on: no relative clause, no comma
        stop = next((x for x in range(first, end) if toks[x].text == ","), end)
    else:
        # the finite verb closes the first constituent: the noun phrase with its attributes and appositions
        # ('Die Schutzvereinigung für Wertpapierbesitz (DSW) ist der Ansicht'), not a relative clause
        closed = _noun_phrase_words()
        verb = next((x for x in range(end, opener) if _alpha(toks[x]) and not toks[x].is_cap and toks[x].lower not in closed
                     and not (_attributive(toks[x]) and toks[x + 1].is_cap)), None)
        if verb is None:
            return None
        stop = next((x for x in range(end, verb) if toks[x].text == "," and toks[x + 1].lower in RELATIVE_PRONOUNS), verb)
    while stop > end and toks[stop - 1].text in (",", "–", "-"):
        stop -= 1
    if not any(t.lower in subjunctive and not t.is_cap for t in toks[opener + 2:]):
        return None
    entity = _resolve_np(ctx, toks, first, end)
    if entity is None or entity is UNATTRIBUTED or entity.type not in AGENT_TYPES or _described_group(ctx, entity) or not (
            _known_speaker(ctx, entity) or any(t.is_cap and (is_role_noun(t.text) or is_org_noun(t.text))
                                               for t in toks[first:end])):
        return None
    content = _trim(ctx, toks[opener + 1].start, sentence.end)
    if content is None:
        return None
    return Frame(entity, ctx.span(toks[first].start, toks[stop - 1].end), None, "assert", []), content


def _source_in(ctx: Context, tokens: list[Token]) -> Frame | None:
    """A document a sentence cites in a locative phrase ('Im ai-Bericht werden ... aufgeführt', 'In einem
    Bericht von X werden ...', 'in einer Anweisung der Botschaft aufgefordert'): the noun phrase after
    'in'/'im' whose head names what a source said."""
    n = len(tokens)
    for x in range(n - 1):
        if tokens[x].lower not in ("in", "im") or tokens[x].is_cap and x > 0:
            continue
        end = _np_forward(tokens, x + 1, n)
        if end is None:
            continue
        head = next((y for y in range(x + 1, end) if tokens[y].is_cap), None)
        if head is None or not _source_noun(tokens[head]):
            continue
        entity = _resolve_np(ctx, tokens, x + 1, end)
        if entity is None or entity is UNATTRIBUTED or entity.type not in AGENT_TYPES:
            continue
        return Frame(entity, ctx.span(tokens[x + 1].start, tokens[end - 1].end), None, "assert", [])
    return None


NAMED_AGENT_TYPES = frozenset({"person", "organization", "government"})


def _named_agent(ctx: Context, tokens: list[Token]) -> Frame | None:
    """The first person or organisation a sentence names ('Inzwischen hat sich Jeb Bush ... für X
    ausgesprochen', 'Der Verkauf wurde in einem Gespräch mit Regierungspräsident X erörtert'): one the
    article knows or a role or organisation noun, not a place, a pronoun or a phrase of description."""
    n = len(tokens)
    x = 0
    while x < n:
        t = tokens[x]
        start = t.is_cap or t.lower in ARTICLES and x + 1 < n and tokens[x + 1].is_cap
        if not start or t.lower in _free_subject_stop() and t.lower not in ARTICLES or t.lower in SPEAKER_PRONOUNS:
            x += 1
            continue
        end = _np_forward(tokens, x, n)
        if not end or end <= x:
            x += 1
            continue
        entity = _resolve_np(ctx, tokens, x, end)
        if entity is not None and entity is not UNATTRIBUTED and entity.type in NAMED_AGENT_TYPES \
                and not _described_group(ctx, entity) and (_known_speaker(ctx, entity) or any(
                    u.is_cap and (is_role_noun(u.text) or is_org_noun(u.text)) for u in tokens[x:end])):
            return Frame(entity, ctx.span(tokens[x].start, tokens[end - 1].end), None, "assert", [])
        x = end
    return None


def _own_claim(ctx: Context, sentence: Sentence) -> tuple[Frame | None, bool]:
    """The frame a subjunctive sentence names itself, and whether its content without that frame
    became a claim ('free-indirect-own')."""
    own = _speaking_frame(ctx, list(sentence.tokens), keep_cue=True)
    content = _own_content(ctx, sentence, own) if own is not None else None
    if content is not None:
        _add(ctx, own, content, "free-indirect", "free-indirect-own")
    return own, content is not None


OWN_CONTENT_OPENERS = frozenset({"dass", "ob", "was"})


def _own_content(ctx: Context, sentence: Sentence, frame: Frame) -> Span | None:
    """The reported words of a sentence that names its own speaker and verb, without them (a claim's
    content never holds its frame): the clause in the subjunctive after the frame ('X sprach davon,
    dass die Wahl fair verlaufen sei') or before it ('Der Flug käme einer Folter gleich, so X')."""
    if frame.cue is None or frame.speaker_span is None:
        return None
    lo = min(frame.cue.start, frame.speaker_span.start)
    hi = max(frame.cue.end, frame.speaker_span.end)
    toks = sentence.tokens
    subjunctive = words("konjunktiv1") | SUBJUNCTIVE_II
    verbs = [x for x, t in enumerate(toks) if t.lower in subjunctive and not t.is_cap]
    after = [x for x in verbs if toks[x].start >= hi]
    if after:
        # the clause opens after a comma or colon, or at 'dass'/'ob'/'was' ('zeigte sich bestürzt und dass ...')
        opener = next((x for x in range(after[0] - 1, -1, -1) if toks[x].text in (",", ":")
                       or toks[x].lower in OWN_CONTENT_OPENERS), None)
        if opener is None or toks[opener].start < hi:
            return None
        return _trim(ctx, toks[opener].start if _alpha(toks[opener]) else toks[opener].end, sentence.end)
    if verbs and toks[verbs[-1]].end <= lo:
        comma = next((x for x in range(len(toks) - 1, -1, -1) if toks[x].end <= lo and toks[x].text in (",", ":")), None)
        if comma is None or comma <= verbs[-1]:
            return None
        return _trim(ctx, sentence.start, toks[comma].start)
    return None


def _unread_frame(ctx: Context, sentence: Sentence) -> tuple[Span, Span | None] | None:
    """A reporting verb of the sentence's own whose speaker the frame rules could not read ('Am Montag
    sagte der 81-jährige im Interview, dass ...', 'In dem Verfahren sieht Osterloh einen Angriff, es
    stehe ...'): the verb and the reported clause without it (a content never holds its frame)."""
    toks = sentence.tokens
    subjunctive = words("konjunktiv1") | words("konjunktiv2")
    # not the subjunctive's own verb ('Er erwarte weitere Unruhen') nor an infinitive ('vorwärts zu gehen')
    # nor the infinitive or participle of the subjunctive's verb complex ('Außerdem wolle er die Frage
    # stellen', 'Er habe das deutlich erklärt'): a subjunctive earlier in its clause is its finite verb
    def governed(k: int) -> bool:
        start = next((x + 1 for x in range(k - 1, -1, -1) if toks[x].text in (",", ";", ":")), 0)
        return any(t.lower in subjunctive | SUBJUNCTIVE_II and not t.is_cap for t in toks[start:k])

    verbs = [k for k in _reporting_verbs(list(toks)) if toks[k].lower not in subjunctive
             and not (k > 0 and toks[k - 1].lower == "zu") and not governed(k)]
    if not verbs:
        return None
    cue = ctx.span(toks[verbs[0]].start, toks[verbs[0]].end)
    return cue, _own_content(ctx, sentence, Frame(UNATTRIBUTED, cue, cue, "assert", []))


def _known_speaker(ctx: Context, entity: Entity) -> bool:
    """Is this subject someone the article knows: a gazetteer entity, a person named after a role, a
    role or organisation noun, someone reported before? Not a capitalised word taken for a name
    ('Oberhalb von 800 Metern ...', 'Besondere Probleme traten auf') nor a pronoun without antecedent."""
    if entity.key.startswith(ctx.ents.scope + "-"):
        return entity.label.lower() not in words("pronoun_person")
    name = entity.label.split()[-1]
    return any(m.entity.key == entity.key for m in ctx.ents.mentions) \
        or any(e.key == entity.key or e.type == "person" and e.label.split()[-1:] == [name] for _, e in ctx.ents.speakers)


def _borrowed_mention(ctx: Context, last: Claim) -> Span | None:
    """The speaker mention a continuation borrows from the claim it continues; not a word inside a
    quotation ('„Wir befürchten das Schlimmste“, sagte er. ... Er erwarte ...': 'Wir' speaks only
    inside the quote), but then the speaker's last mention outside quotations."""
    def quoted(span: Span) -> bool:
        return any(c.form == "direct" and c.content.start <= span.start and span.end <= c.content.end for c in ctx.claims)

    span = last.speaker_span
    if span is None or not quoted(span):
        return span
    return next((c.speaker_span for c in reversed(ctx.claims) if c.speaker.key == last.speaker.key
                 and c.speaker_span is not None and not quoted(c.speaker_span)), span)


def _reportative(tokens: tuple[Token, ...] | list[Token]) -> bool:
    """'sollen' with a perfect infinitive reports what others say ('Er soll ... beigetragen haben',
    'Dabei sollen acht Menschen ums Leben gekommen sein')."""
    for x, t in enumerate(tokens):
        if t.lower in ("soll", "sollen") and not t.is_cap:
            # the participle before the infinitive: 'getötet haben', 'gewesen sein', 'verlassen haben'
            return any(u.lower in ("haben", "sein") and not u.is_cap and not tokens[y - 1].is_cap
                       and tokens[y - 1].lower.endswith(("t", "en")) for y, u in enumerate(tokens[x + 2:], x + 2))
    return False


def _mention_in(ctx: Context, frame: Frame, sentence: Sentence, previous: Sentence | None = None) -> Frame:
    """'Der VW-Betriebsratsvorsitzende Bernd Osterloh hat ... angegriffen. In dem Verfahren sieht Osterloh
    einen „Angriff“, es stehe ...': the speaker named in the sentence itself is the mention; else the
    speaker's last mention in the sentence before ('Laut ROG ... Trotzdem gibt ROG keine Entwarnung. Die
    Situation sei ...')."""
    label = frame.speaker.label.split()
    if not label or frame.speaker is UNATTRIBUTED or frame.speaker.type not in ("person", "organization"):
        return frame
    found = _mention_at(ctx, frame, sentence.tokens, label, first=True)
    if found is None and previous is not None and frame.speaker_span is not None \
            and frame.speaker_span.end <= previous.start:
        found = _mention_at(ctx, frame, previous.tokens, label, first=False)
    return found or frame


def _mention_at(ctx: Context, frame: Frame, tokens: tuple[Token, ...], label: list[str], first: bool) -> Frame | None:
    name = label[-1]
    hits = [x for x, t in enumerate(tokens) if t.text == name and t.is_cap
            and (frame.speaker_span is None or t.start >= frame.speaker_span.end)]
    for x in (hits if first else reversed(hits)):
        t = tokens[x]
        a = x
        while a > 0 and tokens[a - 1].is_cap and tokens[a - 1].text in label:
            a -= 1
        found = _resolve_np(ctx, list(tokens), a, x + 1)
        if found is not None and found.key == frame.speaker.key:
            return Frame(frame.speaker, ctx.span(tokens[a].start, t.end), frame.cue, frame.act, frame.frame_tokens)
    return None


# subjunctions and relative pronouns that open a subordinate clause ('wie' opens frames: ', wie X sagte')
SUBORDINATE_OPENERS = RELATIVE_PRONOUNS | NOT_CONTENT_START | frozenset({"dass", "ob", "wo", "wonach", "weshalb"})


def _reporting_verbs(tokens: list[Token]) -> list[int]:
    """The reporting verbs of a sentence's main clauses, in the indicative: not a subordinate clause's
    ('Grund sei, dass die USA einen Anschlag befürchteten'), not the subjunctive sentence's own
    ('Die Spuren würden auf ... hinweisen'), not a passive or an attributive participle."""
    found = []
    for k in range(len(tokens)):
        if tokens[k].is_cap or tokens[k].lower not in cue_lexicon()["verb"] or _passive(tokens, k) \
                or _attributive_participle(tokens, k):
            continue
        start = next((x + 1 for x in range(k - 1, -1, -1) if tokens[x].text == ","), 0)
        if start > 0 and tokens[start].lower in SUBORDINATE_OPENERS:
            continue
        aux = _auxiliary(tokens, k)
        if aux is not None and tokens[aux].lower in words("konjunktiv1") | words("konjunktiv2") | {"soll", "sollen"}:
            continue
        found.append(k)
    return found


def _speaking_frame(ctx: Context, tokens: list[Token], keep_cue: bool = False) -> Frame | None:
    """The speaker of a reporting verb in a sentence that made no claim ('X nahm Stellung',
    'X äußerte sich besorgt'), for the reported speech that follows it (with the cue if keep_cue)."""
    for k in _reporting_verbs(tokens):
        frame = _frame_at(ctx, tokens, k, len(tokens))
        if frame is not None and frame.speaker_span is not None and frame.speaker is not UNATTRIBUTED:
            return Frame(frame.speaker, frame.speaker_span, frame.cue if keep_cue else None, "assert", [])
    return None


# ------------------------------------------------------------------------------------ noun phrases

def _alpha(token: Token) -> bool:
    """A word of letters, hyphenated ones included ('saudi-arabischen')."""
    return token.text.replace("-", "").isalpha()


OPENING_QUOTES = frozenset('„"»«‚')
CLOSING_QUOTES = frozenset('“”"«»‘')


NAME_ELISIONS = re.compile(r"(?:[a-z]{1,2}['’])?[A-ZÄÖÜ][^\W\d_]*(?:[-'’][^\W\d_]+)*$|(?:al|el)-[A-Z][^\W\d_]*$")


def _name_word(token: Token) -> bool:
    """A word of a name: capitalised letters, hyphens and apostrophes inside ('O’Connor', 'Al-Rashid'),
    an elided particle before it ('d'Alema', 'l'Aquila') or the article of an Arabic name ('al-Assad')."""
    return NAME_ELISIONS.match(token.text) is not None


def _quoted_name_end(tokens: list[Token], j: int, n: int) -> int | None:
    """'„Die Zeit“', '"BBC News"': a short quoted title starting with a capital at tokens[j] is a name;
    the index after its closing mark."""
    if j + 2 >= n + 1 or tokens[j].text not in OPENING_QUOTES or j + 1 >= n or not tokens[j + 1].is_cap:
        return None
    for k in range(j + 2, min(n, j + 10)):
        if tokens[k].text in CLOSING_QUOTES:
            return k + 1 if k > j + 1 else None
        if tokens[k].text in (",", ".", ":", ";", "!", "?") or tokens[k].text in OPENING_QUOTES:
            return None
    return None


def _quoted_name_start(tokens: list[Token], j: int) -> int | None:
    """The opening mark's index of a short quoted name whose closing mark is tokens[j]."""
    if tokens[j].text not in CLOSING_QUOTES:
        return None
    for k in range(j - 1, max(-1, j - 10), -1):
        if tokens[k].text in OPENING_QUOTES:
            return k if _quoted_name_end(tokens, k, j + 1) == j + 1 else None
        if tokens[k].text in (",", ".", ":", ";", "!", "?") or tokens[k].text in CLOSING_QUOTES:
            return None
    return None


def _np_forward(tokens: list[Token], i: int, limit: int) -> int | None:
    """End index (exclusive) of a speaker noun phrase starting at tokens[i]."""
    n = min(limit, len(tokens))
    if i >= n:
        return None
    if tokens[i].lower in SPEAKER_PRONOUNS:
        return i + 1
    if tokens[i].lower in words("pronoun_demonstrative") and (i + 1 >= n or not (
            tokens[i + 1].is_cap or _attributive(tokens[i + 1]) or tokens[i + 1].text.isdigit())):
        return i + 1  # 'Diese baten ihn um Zigaretten und drohten ...', 'so schrieb diese in ...'
    j = i
    while j < n and tokens[j].lower in words("determiner"):
        j += 1
    base = i
    if i < j < n - 3 and tokens[j].lower in PREPOSITIONS | {"zur", "zum", "im", "am", "vom", "beim"} \
            and tokens[j - 1].lower in ARTICLES:
        j = base = _extended_attribute(tokens, j, n)
    if i < j < n and _number_adjective(tokens[j]) and (j + 1 >= n or not (
            tokens[j + 1].is_cap or _attributive(tokens[j + 1]) or _lower_compound(tokens[j + 1]))):
        return j + 1  # 'sagte der 81-jährige in einem Interview': the adjective written small is the noun
    while j < n and not tokens[j].is_cap and (_alpha(tokens[j]) and tokens[j].lower[-1:] in "enrs"
                                             or _attributive(tokens[j])  # 'der 53-jährige Uribe', not 'die 24-Jährige'
                                             and not tokens[j].text.rpartition("-")[2][:1].isupper()
                                             or tokens[j].text.isdigit() and j + 1 < n and tokens[j + 1].is_cap
                                             or tokens[j].text.isdigit() and j > i) \
            and tokens[j].lower not in words("name_stop") and tokens[j].lower not in words("clause_adverb") \
            and j - base < 4 and j + 1 < n and \
            (tokens[j + 1].is_cap or tokens[j + 1].lower[-1:] in "enrs" or _quoted_name_end(tokens, j + 1, n)):
        j += 1
    head = j
    while j < n and (_name_word(tokens[j]) or (tokens[j].is_cap or _lower_compound(tokens[j]))
                     and tokens[j].text not in QUOTE_MARKS and tokens[j].text.replace("-", "").replace(".", "").isalnum()
                     or (tokens[j].lower in ("al", "al-", "von", "bin") and j > head)
                     or (tokens[j].text == "." and j > head and (tokens[j - 1].lower in TITLES or len(tokens[j - 1].text) == 1
                                                                  and tokens[j - 1].is_cap and j + 1 < n and tokens[j + 1].is_cap))
                     or _quoted_name_end(tokens, j, n) is not None and (j == head or not _source_noun(tokens[j - 1]))):
        quoted = _quoted_name_end(tokens, j, n)  # 'Die Wochenzeitung „Die Zeit“', not 'laut Zeugenaussagen „Britain First“'
        j = quoted if quoted is not None else j + 1
        if j < n and tokens[j].lower == "und" and j + 1 < n and tokens[j + 1].is_cap and j - head < 6:
            j += 1
    while j > head + 1 and tokens[j - 1].lower in ("von", "al-", "al", "bin") and (j >= n or not tokens[j].is_cap):
        j -= 1  # 'Merkel von der CDU': not a name particle
    if j == head:
        return None
    # affiliation after a person or role: 'Hauptmann Abraham Sipe von der US-Marineinfanterie',
    # 'General Winai Phattiyakul vom CDRM'
    if j + 1 < n and (tokens[j].lower == "vom" or tokens[j].lower == "von" and j + 2 < n and tokens[j + 1].lower in ("der", "dem", "den"))\
            and (j - head >= 2 or is_role_noun(tokens[j - 1].text)):
        k = j + (1 if tokens[j].lower == "vom" else 2)
        while k < n and not tokens[k].is_cap and _alpha(tokens[k]) and tokens[k].lower[-1:] in "enrs" and k - j < 4:
            k += 1
        quoted = _quoted_name_end(tokens, k, n)  # 'Anna Berg vom „Netzwerk Queer“'
        if quoted is not None:
            j = quoted
        elif k < n and tokens[k].is_cap and tokens[k].text not in QUOTE_MARKS and _alpha(tokens[k]):
            while k < n and (tokens[k].is_cap and tokens[k].text not in QUOTE_MARKS and tokens[k].text.replace("-", "").replace(".", "").isalnum()
                             or tokens[k].lower in ("of", "de", "for") and k + 1 < n and tokens[k + 1].is_cap  # 'University of Kent'
                             or tokens[k].text == "." and tokens[k - 1].lower in TITLES and k + 1 < n and tokens[k + 1].is_cap):
                k += 1
            j = k
    # a parenthesis after a name: 'Franz Müntefering (SPD)', 'Das Bundeskriminalamt (BKA)'
    if j + 2 < n and tokens[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 6, n)) if tokens[k].text == ")"), None)
        if close is not None:
            j = close + 1
    # apposition: ', der Geschäftsführer des Unternehmens' / ', eine NASA-Sprecherin'
    if j + 2 < n and tokens[j].text == "," and tokens[j + 1].lower in words("determiner") and \
            any(is_role_noun(t.text) for t in tokens[j + 2:j + 5] if t.is_cap):
        k = _apposition_end(tokens, j + 2, n)
        if k is not None and k - j < 12:
            j = k
    # apposition without article: 'Bill Graham, Parteichef der Liberalen,', 'Charles Bouchard, kanadischer
    # General und Kommandeur des Einsatzes'
    if j + 2 < n and tokens[j].text == "," and tokens[i].is_cap and tokens[i].lower not in words("determiner"):
        m = j + 1
        while m < n and m - j <= 2 and not tokens[m].is_cap and _attributive(tokens[m]):
            m += 1
        if m < n and tokens[m].is_cap and is_role_noun(tokens[m].text):
            k = _apposition_end(tokens, m + 1, n)
            if k is not None and k - j < 12:
                j = k
    # genitive or 'in X' attachment for role and organisation heads: 'Sprecher des Ministeriums'
    genitive = False
    if j + 1 < n and not tokens[j].is_cap and tokens[j].lower.endswith("er") and _attributive(tokens[j]) \
            and tokens[j + 1].is_cap and _alpha(tokens[j + 1]) and tokens[j + 1].lower not in words("time_noun") \
            and (is_role_noun(tokens[j - 1].text) or is_org_noun(tokens[j - 1].text)):
        # a plural genitive without article: 'der Verband kommunaler Unternehmen', 'ein Sprecher mehrerer
        # Gruppen' (not the time: 'teilte die Behörde vergangener Woche mit')
        j += 2
        genitive = True
    for _ in range(3):  # 'der Geschäftsführer der Fraktion der Grünen': a genitive of a genitive
        if not (j + 1 < n and (tokens[j].lower in ("des", "der", "eines", "einer") and (
                is_role_noun(tokens[j - 1].text) or is_org_noun(tokens[j - 1].text) or _source_noun(tokens[j - 1]))
                or tokens[j].lower in ("des", "eines") and tokens[j - 1].is_cap and _alpha(tokens[j - 1])) \
                and not _nominative_der(tokens, j)):
            break
        # 'des'/'eines' after a noun is always a genitive attribute: 'die Website des Fernsehsenders'
        k = j + 1
        while k < n and not tokens[k].is_cap and tokens[k].lower[-1:] in "enrs" and k - j < 3:
            k += 1
        if k < n and (tokens[k].is_cap or _quoted_name_end(tokens, k, n)) and not (k + 1 < n and tokens[k + 1].lower == "zufolge"):
            while k < n and (tokens[k].is_cap or _quoted_name_end(tokens, k, n)):
                k = _quoted_name_end(tokens, k, n) or k + 1
            j = k
            genitive = True
        else:
            break
    if j < n and tokens[j].text == "(":  # 'der Direktor der Internationalen Atomenergie-Organisation (IAEO)'
        close = next((k for k in range(j + 1, min(j + 6, n)) if tokens[k].text == ")"), None)
        if close is not None:
            j = close + 1
    # 'der Chef der Bundesagentur für Arbeit', 'die Behörde für zivile Luftfahrt (BZL)', 'der Kommissar für
    # Handel und Entwicklung': the remit of an office or organisation, and its abbreviation
    if j + 1 < n and tokens[j].lower == "für" and (genitive or is_role_noun(tokens[j - 1].text) or is_org_noun(tokens[j - 1].text)):
        k = _remit_end(tokens, j + 1, n)
        if k > j + 1:
            j = k
            genitive = True  # (a seat may follow: 'das Amt für Entwicklung in New Mexico')
            if j + 2 < n and tokens[j].text == "(":
                close = next((x for x in range(j + 1, min(j + 6, n)) if tokens[x].text == ")"), None)
                if close is not None:
                    j = close + 1
    # the seat of an organisation or office: 'Die Weltgesundheitsorganisation (WHO) in Genf hält es ...',
    # 'ein Sprecher in Washington'; the origin of anyone: 'Senator Jim Webb aus Virginia', 'einige
    # Abgeordnete aus der Koalition' (a person's 'in Berlin' is where it was said: 'sagte Merkel in Berlin')
    j = _seat_end(tokens, j, n, tokens[j - 1].text == ")" or is_org_noun(tokens[j - 1].text) or genitive
                  or is_role_noun(tokens[j - 1].text))
    # the name after a role: 'der Vorsitzende des Linux-Verbandes, Elmar Gesse'
    if j + 1 < n and tokens[j].text == "," and any(is_role_noun(t.text) for t in tokens[i:j] if t.is_cap):
        k = j + 1
        while k < n and k - j <= 4 and (_name_word(tokens[k]) or tokens[k].lower in NAME_PARTICLES):
            k += 1
        if k > j + 1 and _name_word(tokens[k - 1]) and (k >= n or tokens[k].text in (",", ".", ";", ":", "!", "?")) \
                and not is_role_noun(tokens[j + 1].text):
            j = k
    return j


ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"])


APPOSITION_LINKS = frozenset(["und", "sowie", "für", "von", "vom", "in", "im", "aus", "am", "an", "beim", "zur", "zum", "de", "of"])


def _apposition_end(tokens: list[Token], k: int, n: int) -> int | None:
    """The end of an apposition going on from tokens[k]: at the comma, colon or full stop that closes it,
    or before a word that cannot be part of a noun phrase, so the clause goes on with it ('sagte X, der
    Trainer Ghanas, nach dem Spiel', '..., Kommandeur des Einsatzes am Montag.', '..., zufrieden'); None
    when it is no noun phrase (it closes neither way within twelve words)."""
    start = k
    while k < n and k - start < 12:
        t = tokens[k]
        if t.text in (",", ":", ".", ";"):
            return k
        if t.lower in ("am", "im") and k + 1 < n and (tokens[k + 1].lower in words("time_noun") or tokens[k + 1].text[:1].isdigit()) \
                or not (t.is_cap or t.text in ("(", ")", "-") or t.text[:1].isdigit() or t.lower in APPOSITION_LINKS
                        or t.lower in words("determiner") or _attributive(t) or _name_word(t) or _lower_compound(t)
                        or _quoted_name_end(tokens, k, n) or t.text in CLOSING_QUOTES):
            return k if k > start and (tokens[k - 1].is_cap or tokens[k - 1].text in (")",) or tokens[k - 1].text in CLOSING_QUOTES) else None
        k += 1
    return n if k >= n else None


def _remit_end(tokens: list[Token], k: int, n: int) -> int:
    """After 'für' at tokens[k - 1]: the end of the remit -- nouns with their adjectives, joined by 'und'
    ('Erweiterung und europäische Nachbarschaftspolitik'); k when no noun follows."""
    end = k
    while True:
        m = k
        while m < n and m - k < 2 and not tokens[m].is_cap and _attributive(tokens[m]):
            m += 1
        if not (m < n and tokens[m].is_cap and _alpha(tokens[m])):
            return end
        end = k = m + 1
        if not (k + 1 < n and tokens[k].lower == "und"):
            return end
        k += 1


def _seat_end(tokens: list[Token], j: int, n: int, office: bool) -> int:
    """After a noun phrase ending before tokens[j]: the end of an 'in X' seat (after an office or
    organisation) or 'aus X' origin attachment -- a name of one to three words ('in New Mexico'), or
    after 'aus' an article and a noun ('aus der Koalition') -- that the clause then goes on after with a
    word in lower case or a punctuation mark; else j."""
    if j + 1 >= n or not (office and tokens[j].lower in ("in", "aus")
                          or tokens[j].lower == "aus" and tokens[j + 1].lower in ("der", "dem", "den")):
        return j
    k = j + 1
    if tokens[j].lower == "aus" and tokens[k].lower in ("der", "dem", "den"):
        k += 1
    start = k
    while k < n and k - start < 3 and tokens[k].is_cap and _alpha(tokens[k]):
        k += 1
    if k == start:
        return j
    if k < n and (tokens[k].is_cap or not _alpha(tokens[k]) and tokens[k].text not in (",", ".", ":", ";", "!", "?")):
        return j
    return k
ATTRIBUTE_ENDINGS = ("ende", "enden", "ender", "endes", "ene", "enen", "ener", "te", "ten", "ter", "ige", "igen", "iger")


def _extended_attribute(tokens: list[Token], j: int, n: int) -> int:
    """'die in New York geborene Lopez', 'ein für die Sicherheit zuständiger Sprecher': a prepositional
    phrase inside the noun phrase, before the participle or adjective that governs it; the index of that
    adjective (or j when there is none)."""
    for m in range(j + 2, min(n - 1, j + 9)):
        t = tokens[m]
        if t.is_cap or t.text.isdigit() or t.lower in words("determiner") or t.lower in PREPOSITIONS:
            continue
        if _alpha(t) and t.lower.endswith(ATTRIBUTE_ENDINGS) and tokens[m + 1].is_cap and _alpha(tokens[m + 1]) \
                and t.lower not in _no_finite_verb() and t.lower not in AUXILIARIES:
            return m
        if not (_attributive(t) and m + 1 < n and tokens[m + 1].is_cap):
            return j  # ('in letzter Minute': an adjective of the phrase; anything else ends it)
    return j


NUMBER_ADJECTIVE = re.compile(r"\d+-[a-zäöüß]+(?:e|en|er)$")


def _number_adjective(token: Token) -> bool:
    """'81-jährige', '3-fache': a number compound inflected as an adjective."""
    return token.text[:1].isdigit() and NUMBER_ADJECTIVE.match(token.text) is not None


def _lower_compound(token: Token) -> bool:
    """'ai-Bericht', 'dpa-Meldung': a noun compound whose first part is written in lower case."""
    first, _, last = token.text.rpartition("-")
    # also a number before the noun: 'die 46-Jährige', 'der 3-Punkte-Plan'
    return bool(first) and last[:1].isupper() and last.isalpha() and (first[:1].islower() or first[:1].isdigit())


def _source_noun(token: Token) -> bool:
    """'Bericht', 'Angaben', 'Pressemitteilung': a noun naming what a source said."""
    low = token.lower
    return low in cue_lexicon()["prep"] or low in words("document_noun") or low.endswith(("bericht", "meldung", "angaben"))


def _attributive(token: Token) -> bool:
    """An inflected adjective before a noun: 'deutsche', '64-jährige', 'spätere'."""
    low = token.lower
    if token.is_cap or not low.endswith(("e", "en", "er", "es", "em")) or len(low) < 4:
        return False
    if not low.replace("-", "").isalnum() or not low[-2:].isalpha():
        return False
    return low not in words("name_stop") and low not in words("clause_adverb") and low not in AUXILIARIES \
        and low not in words("konjunktiv1") and low not in words("konjunktiv2") and low not in words("determiner") \
        and low not in cue_lexicon()["verb"] and low not in PREPOSITIONS


NP_LINKS = frozenset(["und", "von", "vom", "für", "al", "el", "bin", "de", "la", "van", "der", "des", "eines", "einer"])
DATIVE_DETERMINERS = frozenset(["dem", "den", "einem", "einen", "diesem", "diesen", "jenem", "ihrem", "ihren", "seinem", "seinen"])


def _dative_start(tokens: list[Token], start: int, k: int) -> int | None:
    """The start of the dative noun phrase before 'zufolge' inside tokens[start:k]: it opens at its last
    dative article ('hob Sarkozy dem „Figaro“ zufolge') and after a word in lower case that follows a
    capitalised word (no noun phrase goes on that way except over an article or 'von': 'Am Samstag
    starben behördlichen Angaben zufolge', 'Sie entstammen Zeitungsberichten zufolge')."""
    for d in range(k - 1, start, -1):
        if tokens[d].lower in DATIVE_DETERMINERS:
            start = d
            break
    for c in range(k - 3, start - 1, -1):
        nxt = tokens[c + 1]
        if not (tokens[c].is_cap and _alpha(tokens[c]) and _alpha(nxt) and not nxt.is_cap) or nxt.lower in NP_LINKS \
                or nxt.lower in words("determiner") or c == 0 and tokens[0].lower not in words("pronoun_person") \
                or nxt.lower in ("in", "aus") and tokens[c + 2].is_cap:  # 'Den Polizeibehörden in Mombasa zufolge'
            continue
        # 'sagte die Kanzlerin einigen Teilnehmern zufolge': a quantifier opens the phrase
        start = c + 1 if nxt.lower in words("quantifier") and tokens[c + 2].is_cap else c + 2
        break
    return start if start < k else None


def _np_backward(tokens: list[Token], k: int, anywhere: bool = False) -> int | None:
    """Start index of a noun phrase that ends right before tokens[k] and begins its clause
    (or stands anywhere, for 'X zufolge')."""
    j = k - 1
    if j < 0:
        return None
    if tokens[j].text == ")":  # 'Ministerin Gitta Trauernicht (SPD) sagte'
        opening = next((x for x in range(j - 1, max(-1, j - 6), -1) if tokens[x].text == "("), None)
        if opening is not None and opening > 0:
            start = _np_backward(tokens, opening, anywhere)
            return start
    if tokens[j].lower in SPEAKER_PRONOUNS or tokens[j].lower in words("pronoun_demonstrative"):
        start = j  # 'Dieser behauptete, ...'
    elif j > 0 and _number_adjective(tokens[j]) and tokens[j - 1].lower in NOMINATIVE_ARTICLES:
        start = j - 1  # 'der 81-jährige sagte': the adjective written small is the noun
    else:
        if not tokens[j].is_cap and _quoted_name_start(tokens, j) is None and not _lower_compound(tokens[j]) \
                and not (tokens[j].text[:3] in ("al-", "el-") and tokens[j].text[3:4].isupper()):
            return None  # ('der Sender al-Dschasira' ends in a name)
        while j >= 0:
            quoted = _quoted_name_start(tokens, j)  # 'Moritz Wohlrab von der „Aktion Deutschland hilft“ sagte'
            if quoted is not None:
                j = quoted - 1
                continue
            if not (tokens[j].is_cap or tokens[j].lower in ("und", "sowie", "al", "von") or tokens[j].text == "-"
                    or tokens[j].text[:3] in ("al-", "el-") and tokens[j].text[3:4].isupper() or _lower_compound(tokens[j])
                    or (not tokens[j].is_cap and tokens[j].lower[-1:] in "enrs" and _alpha(tokens[j])
                        and tokens[j].lower not in words("name_stop") and tokens[j].lower not in AUXILIARIES
                        and j + 1 < k and tokens[j + 1].is_cap)
                    or (j + 1 < k and _attributive(tokens[j]) and (tokens[j + 1].is_cap or _attributive(tokens[j + 1])))
                    or tokens[j].lower in words("determiner")):
                break
            if tokens[j].text in (",", ":") or tokens[j].lower in words("clause_adverb") - {"so"}:
                break
            j -= 1
        start = j + 1
        # 'Damaskus' Verbündeter Russland', 'Das Weiße Haus in Washington'
        while start >= 2 and (tokens[start - 1].text in ("'", "’") or tokens[start - 1].lower in ("in", "aus")) \
                and tokens[start - 2].is_cap:
            j = start - 2
            while j >= 0 and (tokens[j].is_cap or tokens[j].lower in words("determiner")
                              or (not tokens[j].is_cap and tokens[j].lower[-1:] in "enrs" and _alpha(tokens[j])
                                  and tokens[j].lower not in words("clause_adverb"))):
                j -= 1
            start = j + 1
    if not anywhere and start >= 3 and tokens[start - 1].lower == "auch" and tokens[start - 2].lower == "als":
        # 'Sowohl die Behörde als auch das Militär kündigten an': both conjuncts are the subject
        both = next((x for x in range(start - 3, max(-1, start - 14), -1) if tokens[x].lower == "sowohl"
                     or tokens[x].text in (",", ":", ";", ".")), None)
        if both is not None and tokens[both].lower == "sowohl" and both + 1 < start - 2:
            start = both
    if not anywhere:
        if start + 1 < k and tokens[start].lower == "des" and tokens[start + 1].lower in words("not_speaker"):
            start += 1  # 'Des Weiteren verwies Steinbrück darauf'
        # 'Wie der Bundeswahlleiter mitteilte', 'Gegenüber Spiegel Online sagte': not part of the subject
        while start < k and tokens[start].lower in words("not_speaker") and tokens[start].lower not in words("determiner") \
                and not (_quantifier(tokens[start]) and start + 1 < k and (tokens[start + 1].is_cap or _attributive(tokens[start + 1]))):
            # ('Viele Beobachter glauben', 'Andere Quellen berichten': a quantifier opens the subject)
            start += 1
            if start < k and tokens[start].lower not in words("determiner") and not tokens[start].is_cap:
                return None
    if start >= k or not anywhere and tokens[start].lower in FIRST_PREPOSITIONS:
        return None  # 'Durch die Herstellung ... versprechen sich', 'Zum Entwurf schreibt X': a prepositional phrase is no subject
    if anywhere:
        while start < k and tokens[start].lower in words("clause_adverb") | words("name_stop"):
            start += 1
        return start if start < k else None
    if start > 0 and tokens[start - 1].text not in (",", ":", ";", "(", '"', "„", "“", "”"):
        prev = tokens[start - 1].lower
        if prev not in ("und", "auch", "aber", "doch", "jedoch") and prev not in words("subjunction") \
                and prev != "indem":  # 'indem er sagte, ...'
            return None
    return start


def _quantifier(token: Token) -> bool:
    """'viele', 'einige', 'andere', 'beide': a word that counts the noun after it."""
    return token.lower in words("quantifier") or token.lower in words("quantifier_other")


def _resolve_np(ctx: Context, tokens: list[Token], i: int, j: int) -> Entity | None:
    """The entity a noun phrase tokens[i:j] refers to."""
    whole = _resolve_whole_np(ctx, tokens, i, j)
    seat = next((x for x in range(i + 1, j - 1) if tokens[x].lower in ("in", "aus")), None)
    if seat is not None and whole is not UNATTRIBUTED:
        # 'Mitarbeiter des Hilfsdienstes aus Labutta', 'Das Weiße Haus in Washington': the phrase before a
        # seat or origin names the speaker when the whole phrase names no agent or only a description
        head = _resolve_whole_np(ctx, tokens, i, seat)
        local = ctx.ents.scope + "-"
        if head is not None and head.type in AGENT_TYPES and (
                (whole is None or whole.type not in AGENT_TYPES) and head.type != "group" and seat > i + 1
                or whole is not None and head.key.startswith(local) and not whole.key.startswith(local)):
            # (not the place: 'ein Sprecher aus Washington' is no government; one capitalised word before
            # 'in' is as likely a common noun as a name: 'Anschläge in Norwegen')
            return head
    return whole


def _resolve_whole_np(ctx: Context, tokens: list[Token], i: int, j: int) -> Entity | None:
    if i >= j:
        return None
    part = tokens[i:j]
    cut = next((x for x, t in enumerate(part) if t.text == "("), None)
    if cut:  # 'Franz Müntefering (SPD)': the parenthesis is part of the mention, not of the name
        part = part[:cut]
    comma = next((x for x, t in enumerate(part) if t.text == ","), None)
    if comma:  # an apposition: 'Ursula Castrup, die Leiterin der Fachstelle'; 'der Sprecher, Randy Henderson'
        rest = part[comma + 1:]
        if rest and len(rest) <= 4 and all(_name_word(t) or t.lower in NAME_PARTICLES for t in rest) \
                and not any(is_role_noun(t.text) or is_org_noun(t.text) for t in rest):
            return _resolve_np(ctx, rest, 0, len(rest))
        part = part[:comma]
    first = part[0].lower
    offset = part[0].start
    if len(part) == 1 and first in words("impersonal"):
        return UNATTRIBUTED
    if len(part) == 1 and first in words("not_speaker") | words("clause_adverb"):
        return None
    if len(part) == 1 and first in words("pronoun_first"):
        return ctx.quote_speaker
    if len(part) == 1 and first in words("pronoun_demonstrative"):
        # 'Dieser behauptete': the referent named last (a demonstrative points to the nearest one); one
        # the rules cannot see is still someone ('so schrieb diese in einer Stellungnahme')
        return ctx.ents.before(offset, AGENT_TYPES) or ctx.ents.local(part[0].text, "person")
    if len(part) == 1 and first in words("pronoun_person"):
        exclude = frozenset({ctx.quote_speaker.key}) if ctx.quote_speaker else frozenset()
        if first == "sie" and _plural_verb_near(tokens, i, j):
            pair = ctx.ents.last_pair(offset)
            if pair:
                return pair
        if ctx.quote_speaker is not None:
            near = _person_in_frame(ctx, offset, exclude)
            if near:
                return near
        return ctx.ents.last_speaker(offset, PERSONS, exclude) or ctx.ents.before(offset, PERSONS, exclude) \
            or ctx.ents.local(part[0].text, "person")  # a pronoun whose antecedent the rules cannot see
    # strip determiners
    core = [t for t in part if t.lower not in words("determiner")]
    if not core:
        return None
    # a gazetteer entity inside the phrase (longest, leftmost person first)
    persons = []
    others = []
    m = 0
    while m < len(part):
        found = lookup(part, m, ctx.ents.when)
        if found:
            n, entity, agent = found
            modifier = n == 1 and not part[m].is_cap and m + 1 < len(part) and part[m + 1].is_cap
            if not modifier:  # 'des britischen Umweltministeriums', 'Der deutsche Hersteller X': an
                # adjective says where the head is from; the head speaks, not the country
                (persons if entity.type == "person" else others).append((entity, agent))
            m += n
        else:
            m += 1
    if len(persons) >= 2 and any(t.lower == "und" for t in part):
        return group(persons[0][0], persons[1][0])
    if persons:
        return persons[0][0]
    cut = next((x for x, t in enumerate(part) if x >= 2 and t.lower in ("von", "vom")), None)
    if cut is not None and cut + 1 < len(part):
        # 'Jane Greaves von der University of Cambridge': the person before the affiliation speaks
        head = _resolve_np(ctx, part, 0, cut)
        if head is not None and head.type == "person":
            return head
    key = tuple(t.lower for t in core)
    role = ctx.ents.resolve_role(key, offset)
    if role is None and len(key) > 1:
        role = ctx.ents.resolve_role(key[-1:], offset) if is_role_noun(core[-1].text) else None
    if role is not None:
        return role
    heads = [t.lower for t in core]
    if heads[0] in words("group_noun") or (len(heads) > 1 and heads[-1] in words("group_noun")):
        pair = ctx.ents.last_pair(offset)
        if pair:
            return pair
    if others:
        # the head: before an 'in X'/'aus X' attachment, else the last entity ('Damaskus' Verbündeter Russland')
        cut = next((t.start for t in part[1:] if t.lower in ("in", "aus", "des", "der", "von")), None)
        heads = [(e, a) for e, a in others if cut is None or _first_start(part, e) < cut] or others
        entity, agent = heads[-1] if cut is None else heads[0]
        if agent:
            return entity_by_key(agent) or entity
        return entity
    if core[0].lower in words("document_noun"):
        if core[0].lower in ("papier", "dokument", "text"):
            spoken = ctx.ents.last_speaker(offset, frozenset({"document"}))
            if spoken:
                return spoken
        document = ctx.ents.document(offset, core[0].lower)
        if document:
            return document
    known = _known_person(ctx, core, offset)
    if known:
        return known
    label = ctx.article.text[core[0].start:part[-1].end]
    if any(is_org_noun(t.text) for t in core):
        return ctx.ents.local(label, "organization")
    if any(is_role_noun(t.text) for t in core):
        return ctx.ents.local(label, "person")
    if part[0].lower in words("determiner"):
        if core[-1].lower.endswith(ABSTRACT_SUFFIXES):
            return None  # 'die Anzahl', 'die Entscheidung', 'die Beziehungen': not a speaker
        return ctx.ents.local(label, "group")
    if len(core) >= 3 and core[0].text in OPENING_QUOTES and core[-1].text in CLOSING_QUOTES:
        from kb.iris import slug

        # '„Die Zeit“', '"BBC News"': a quoted title names a publication or an organisation
        inner = ctx.article.text[core[1].start:core[-2].end]
        return Entity(slug(inner), inner, "organization")
    if all(t.is_cap or t.text == "." and x > 0 and len(core[x - 1].text) == 1 for x, t in enumerate(core)) \
            and core[-1].is_cap and len(core) <= 5:
        # capitalised words, initials with their period among them ('Georg W. Bush'): a name
        from kb.iris import slug

        return Entity(slug(label), label, "person")
    return None


ABSTRACT_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "nis", "nisse", "zahl", "frist", "gespräch",
                     "telefonat", "recht", "lage", "krise", "konflikt", "konflikte", "proteste", "protest", "vorwürfe",
                     "vorwurf", "aussage", "haltung", "beziehungen", "verhältnis", "schaden", "entwicklung")


def _plural_verb_near(tokens: list[Token], i: int, j: int) -> bool:
    """'sie hätten', 'hieß es, sie hätten', 'waren sie': a finite verb in the plural next to 'sie'."""
    near = [tokens[x].lower for x in (i - 1, j) if 0 <= x < len(tokens)]
    return any(w.endswith("en") or w in ("sind", "waren") for w in near)


def _first_start(part: list[Token], entity: Entity) -> int:
    for m in range(len(part)):
        found = lookup(part, m, None)
        if found and found[1].key == entity.key:
            return part[m].start
    return part[0].start


def _person_in_frame(ctx: Context, offset: int, exclude: frozenset[str]) -> Entity | None:
    """Inside a quote, 'er' is a person named in the enclosing sentence other than the speaker."""
    outer = ctx.claims[ctx.outer] if ctx.outer is not None else None
    if outer is None:
        return None
    for seg in ctx.article.body:
        if seg.span.start <= outer.content.start < seg.span.end:
            sentence_end = ctx.article.text.find(".", outer.content.end)
            end = sentence_end if sentence_end != -1 else seg.span.end
            window = [m for m in ctx.ents.mentions if outer.content.end <= m.span.start < end
                      and m.entity.type == "person" and m.entity.key not in exclude]
            if window:
                return window[0].entity
    return None


def _known_person(ctx: Context, core: list[Token], offset: int) -> Entity | None:
    """'Müller' after 'Innenminister Hans Müller' earlier in the article."""
    last = core[-1].text
    for mention in reversed(ctx.ents.mentions):
        if mention.span.start >= offset + 1000:
            continue
        if mention.entity.type == "person" and mention.entity.label.split()[-1] == last:
            return mention.entity
    return None
