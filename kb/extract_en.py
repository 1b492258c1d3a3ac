"""English claim extraction: the same contract as the German rules, on English news.

Reads: an Article in English and the lexicons under kb/lexicons/en/ (cues, words, entities,
relations). Returns: Claim values whose spans are exactly the article's text at their offsets.
Raises: nothing for any text.

Rules, per sentence: a quotation with its frame after ('"...," Putin said' / '..., said Putin')
or before ('Putin said: "..."'); indirect speech with the frame before ('Putin said (that) ...',
'Moscow denied that ...') or after ('..., the Kremlin said'); 'according to X'; a reported act
with an object ('Russia denied any interference').
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from kb import extract as de
from kb.entities import AGENT_TYPES, ArticleEntities, entity_by_key, lookup, words
from kb.lexicon import rows
from kb.model import Article, Claim, Entity
from kb.text import Quote, Sentence, Token, quotes, sentences, tokenize


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    act: str
    kind: str


@cache
def cues() -> dict[str, Cue]:
    out: dict[str, Cue] = {}
    for lemma, act, kind, forms in rows("en/cues.tsv", 4):
        for form in forms.split(","):
            out.setdefault(form.strip().lower(), Cue(lemma, act, kind))
    return out


def _cue(tokens: list[Token], k: int) -> Cue | None:
    cue = cues().get(tokens[k].lower)
    if cue is None or cue.kind != "verb":
        return None
    if cue.lemma == "call for" and not (k + 1 < len(tokens) and tokens[k + 1].lower == "for"):
        return None
    if cue.lemma == "point out" and not (k + 1 < len(tokens) and tokens[k + 1].lower == "out"):
        return None
    return cue


def extract(article: Article) -> list[Claim]:
    when = article.date or date.min
    ents = ArticleEntities(article.date, article.sha256[:8] or "doc")
    for segment in article.body:
        ents.scan(tokenize(segment.span.text, segment.span.start))
    ctx = de.Context(article, ents, when)
    for segment in article.body:
        if segment.kind not in ("lead", "body"):
            continue
        text = segment.span.text
        marks = quotes(text, segment.span.start)
        for sentence in sentences(text, segment.span.start, marks):
            inside = [q for q in marks if q.depth == 0 and sentence.start <= q.start and q.end <= sentence.end]
            _sentence(ctx, sentence, inside)
    from kb import propositions

    propositions.attach(ctx.claims, article, ents)
    propositions.narrator_claims(ctx.claims, article, ents, when, de._publisher(article))
    return ctx.claims


def _sentence(ctx: de.Context, sentence: Sentence, inside: list[Quote]) -> None:
    tokens = list(sentence.tokens)
    for quote in inside:
        _direct(ctx, sentence, tokens, quote)
    _according_to(ctx, sentence, tokens, inside)
    _indirect(ctx, sentence, tokens, inside)


def _direct(ctx: de.Context, sentence: Sentence, tokens: list[Token], quote: Quote) -> None:
    after = [t for t in tokens if t.start >= quote.end]
    before = [t for t in tokens if t.end <= quote.start]
    frame = None
    # '"...," Putin said.' / '"...," said Putin.'
    if after:
        frame = _frame_around(ctx, after, 0, len(after))
    # 'Putin said: "..."' / 'Putin told reporters, "..."'
    if frame is None and before and before[-1].text in (":", ","):
        for k in range(len(before) - 2, -1, -1):
            if _cue(before, k):
                frame = _frame_around(ctx, before, k, len(before) - 1)
                break
    if frame is None:
        return
    content = de._trim(ctx, quote.start, quote.end, keep_quotes=True)
    if content is not None:
        de._add(ctx, frame, content, "direct", "en-direct")


def _frame_around(ctx: de.Context, tokens: list[Token], lo: int, hi: int) -> de.Frame | None:
    """A speaker and a reporting verb within tokens[lo:hi]: 'Putin said', 'said Putin'."""
    for k in range(lo, min(hi, lo + 8)):
        cue = _cue(tokens, k)
        if cue is None:
            continue
        start = _np_start(tokens, k)
        stop = k
        while stop > 0 and (tokens[stop - 1].lower in AUXILIARY or tokens[stop - 1].text == ","):
            stop -= 1
        before = _np(ctx, tokens, start, stop) if start is not None and start < stop else None
        if before is not None:
            return de.Frame(before[0], before[1], ctx.span(tokens[k].start, tokens[k].end), cue.act, tokens)
        end = _np_end(tokens, k + 1, hi)
        after = _np(ctx, tokens, k + 1, end) if end else None
        if after is not None:
            return de.Frame(after[0], after[1], ctx.span(tokens[k].start, tokens[k].end), cue.act, tokens)
    return None


def _indirect(ctx: de.Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    for k, token in enumerate(tokens):
        if token.start in ctx.used_cues or any(q.start <= token.start < q.end for q in inside):
            continue
        cue = _cue(tokens, k)
        if cue is None:
            continue
        # '..., the Kremlin said.' -- frame at the end after a comma
        if k > 0 and (tokens[k - 1].text == "," or (k > 1 and _np_start(tokens, k, 0) is not None
                                                    and tokens[_np_start(tokens, k, 0) - 1].text == ",")):
            start = _np_start(tokens, k, 0)
            frame = _frame_around(ctx, tokens, start if start is not None else k, len(tokens))
            comma = next((j for j in range(k - 1, -1, -1) if tokens[j].text == ","), None)
            if frame and comma and comma > 0 and all(t.text in ".!?" for t in tokens[k + 1:] if not t.is_cap
                                                     and t.lower not in words("determiner", "en")):
                content = de._trim(ctx, sentence.start, tokens[comma].start)
                if content and not ctx.is_covered(content.start, content.end):
                    de._add(ctx, frame, content, "indirect", "en-indirect-after")
                    return
        # 'Putin said (that) ...', 'Moscow denied that ...', 'He told reporters that ...'
        start = _np_start(tokens, k, 0)
        stop = k
        while stop > 0 and (tokens[stop - 1].lower in AUXILIARY or tokens[stop - 1].text == ","):
            stop -= 1
        speaker = _np(ctx, tokens, start, stop) if start is not None and start < stop else None
        if speaker is None:
            continue
        j = k + 1
        if cue.lemma in ("tell", "call for", "point out"):
            j += 1  # the addressee ('told reporters') or the particle
            if cue.lemma == "tell" and j < len(tokens) and tokens[j - 1].lower in words("determiner", "en"):
                j += 1
        that = next((x for x in range(j, min(j + 5, len(tokens))) if tokens[x].lower == "that"), None)
        if that is not None and all(tokens[x].lower not in cues() for x in range(j, that)):
            j = that
        if j < len(tokens) and tokens[j].text in (",", ":"):
            j += 1
        if j >= len(tokens):
            continue
        form = "indirect" if tokens[j].lower == "that" or cue.act in ("assert", "believe", "confirm") else "reported"
        content = de._trim(ctx, tokens[j].start, sentence.end)
        if content is None or ctx.is_covered(content.start, content.end):
            continue
        frame = de.Frame(speaker[0], speaker[1], ctx.span(token.start, token.end), cue.act, tokens)
        de._add(ctx, frame, content, form, "en-indirect-before" if form == "indirect" else "en-reported")
        return


def _according_to(ctx: de.Context, sentence: Sentence, tokens: list[Token], inside: list[Quote]) -> None:
    for k in range(len(tokens) - 2):
        if tokens[k].lower != "according" or tokens[k + 1].lower != "to":
            continue
        end = _np_end(tokens, k + 2, len(tokens))
        speaker = _np(ctx, tokens, k + 2, end) if end else None
        if speaker is None:
            continue
        frame = de.Frame(speaker[0], speaker[1], ctx.span(tokens[k].start, tokens[k + 1].end), "assert", tokens)
        if k == 0:
            content = de._trim(ctx, tokens[end].start if end < len(tokens) else sentence.end, sentence.end)
        else:
            content = de._trim(ctx, sentence.start, tokens[k].start)
        if content is not None and not ctx.is_covered(content.start, content.end):
            de._add(ctx, frame, content, "reported", "en-according-to")


# ------------------------------------------------------------------------------------ noun phrases

FUNCTION = frozenset("in on at to of for with by from as than that which who whom whose and but or if when while "
                     "after before since because about into over under during against without is are was were be been "
                     "being has have had will would shall should can could may might must do does did not".split())
AUXILIARY = frozenset("has have had was were is are will would also reportedly previously repeatedly again "
                      "already once".split())


def _phrase_word(token: Token) -> bool:
    return (token.is_cap or token.text.isalpha() or token.text in ("'s", "-")) and token.lower not in FUNCTION \
        and token.lower not in cues()


def _np_start(tokens: list[Token], k: int, lo: int = 0) -> int | None:
    """Start of a speaker phrase ending right before tokens[k] (auxiliaries skipped): 'Putin',
    'the White House', 'US intelligence agencies have', 'The mayor, Anna Berg,', 'he'."""
    j = k - 1
    while j >= 0 and tokens[j].lower in AUXILIARY:
        j -= 1
    if j >= 0 and tokens[j].text == ",":
        j -= 1  # an apposition closes before the verb: 'The mayor, Anna Berg, said'
    if j < 0:
        return None
    if tokens[j].lower in words("pronoun_person", "en") | words("pronoun_first", "en"):
        return j
    end = j
    while j >= 0 and end - j < 6 and _phrase_word(tokens[j]):
        j -= 1
    if j >= 0 and tokens[j].lower in words("determiner", "en"):
        j -= 1
    start = j + 1
    phrase = tokens[start:end + 1]
    if not phrase or not (any(t.is_cap for t in phrase) or phrase[0].lower in words("determiner", "en")):
        return None
    if start > 0 and tokens[start - 1].text not in (",", ":", ";", '"', "“", "”") and \
            tokens[start - 1].lower not in ("and", "but", "while") and start - 1 >= 0:
        return None
    return start


def _np_end(tokens: list[Token], i: int, hi: int) -> int | None:
    if i >= hi:
        return None
    if tokens[i].lower in words("pronoun_person", "en") | words("pronoun_first", "en"):
        return i + 1
    j = i
    if tokens[j].lower in words("determiner", "en"):
        j += 1
    head = j
    while j < hi and j - head < 6 and _phrase_word(tokens[j]):
        j += 1
    phrase = tokens[head:j]
    if not phrase or not (any(t.is_cap for t in phrase) or tokens[i].lower in words("determiner", "en")
                          or j - head >= 2):
        return None
    return j


def _np(ctx: de.Context, tokens: list[Token], i: int, j: int) -> tuple[Entity, object] | None:
    if i is None or j is None or i >= j:
        return None
    part = tokens[i:j]
    span = ctx.span(part[0].start, part[-1].end)
    first = part[0].lower
    if len(part) == 1 and first in words("pronoun_first", "en"):
        return (ctx.quote_speaker, span) if ctx.quote_speaker else None
    if len(part) == 1 and first in words("pronoun_person", "en"):
        found = ctx.ents.last_speaker(part[0].start, frozenset({"person"})) or \
            ctx.ents.before(part[0].start, frozenset({"person"}))
        return (found, span) if found else None
    if len(part) == 1 and first in words("not_speaker", "en"):
        return None
    m = 0
    found = []
    while m < len(part):
        hit = lookup(part, m, ctx.ents.when)
        if hit:
            n, entity, agent = hit
            found.append(entity_by_key(agent) if agent else entity)
            m += n
        else:
            m += 1
    persons = [e for e in found if e.type == "person"]
    if persons:
        return persons[0], span
    if found and found[0].type in AGENT_TYPES | {"city"}:
        return found[0], span
    words_ = [t for t in part if t.lower not in words("determiner", "en")]
    if not words_:
        return None
    trailing = 0  # 'Finance minister Karl Berg', 'council member John Smith': the name ends the phrase
    while trailing < len(words_) and words_[-1 - trailing].is_cap:
        trailing += 1
    if 0 < trailing < len(words_) and (trailing >= 2 or not words_[-1 - trailing].is_cap):
        name = words_[len(words_) - trailing:]
        label = ctx.article.text[name[0].start:name[-1].end]
        known = next((m.entity for m in ctx.ents.mentions if m.entity.type == "person"
                      and m.entity.label.split()[-1] == name[-1].text), None)
        from kb.iris import slug

        return (known or Entity(slug(label), label, "person")), span
    label = ctx.article.text[words_[0].start:part[-1].end]
    if part[0].lower in words("determiner", "en") or any(t.lower in ("spokesman", "spokeswoman", "officials",
                                                                      "official") for t in part):
        return ctx.ents.local(label, "group"), span
    if all(t.is_cap for t in words_) and len(words_) <= 4:
        from kb.iris import slug

        return Entity(slug(label), label, "person"), span
    return None
