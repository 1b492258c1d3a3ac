"""Benchmark claim extraction on GermEval 2023 SpkAtt (task 2) gold annotations.

Reads: the 700 tokenised Wikinews documents of the SpkAtt 2023 training set (default
``<repo>/../shared/data/spkatt2023/train``; never copied into the repo).
Returns: scores on stdout, optionally as JSON (``--json``) and an error sample (``--dump-errors``).

Steps
1. Convert every document to the plain text ``kb.parse.parse_text`` reads: title line, blank
   line, ISO date line, blank line, the detokenised sentences with a blank line every 5
   sentences (``--paragraph-sentences N``, 0 = one paragraph; a break is skipped while a „…“
   quotation is open). Every token keeps its exact code-point offsets; ``text[start:end] == token``.
2. Run ``kb.parse.parse_text`` then ``kb.extract.extract`` (imported lazily).
3. Map each claim's char spans to token ids (a token belongs to a span if the span covers it at
   least partly), align predicted claims to gold annotations one-to-one by Message overlap
   (Hungarian via scipy when importable, else greedy; same scoring as the official script) and
   compute proportional-overlap precision/recall/F1 for Message, Source and Cue.

Scoring follows uhh-lt/news-speaker-attribution-2023 ``eval/classes.py`` (macro proportional
overlap per aligned group); deviations are listed in bench/README.md and in ``DEVIATIONS``.

Run from the repo root: ``python bench/spkatt.py --split tune`` (see ``--help``).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as _dt
import hashlib
import json
import re
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterable, Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "spkatt2023" / "train"

TUNE_PERCENT = 70  # documents whose name hashes below this bucket (of 100) are "tune"

GOLD_FORMS = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
FORM_MAP = {  # kb Claim.form -> SpkAtt Form
    "direct": "Direct",
    "indirect": "Indirect",
    "free-indirect": "FreeIndirect",
    "reported": "Reported",
}
EXCLUDED_FORMS = frozenset({"narrator"})  # SpkAtt does not annotate narrator statements
ROLES = ("message", "source", "cue")
ROLE_LABEL = {"message": "message", "source": "speaker", "cue": "cue"}

DEVIATIONS = [
    "Mapping, not scoring: a kb claim's content is the reported words; for reported acts (the cue's "
    "sentence) and free indirect speech (plus its final period) the Message follows the SpkAtt "
    "guidelines' wider span (spkatt_message); --kb-spans scores the content as it is.",
    "Mapping, not scoring: outside reported acts, the claim's own Source and Cue tokens are cut out of "
    "its Message (a 'laut X' phrase inside the content), as SpkAtt never lets a Message hold its Source.",
    "Pairs whose Message tokens do not overlap are treated as unmatched (the official Hungarian "
    "assignment keeps zero-score pairs; span scores are identical either way, but the official "
    "script can then credit a Source or Form to an unrelated pair).",
    "Form P/R count a form as correct only for pairs with Message overlap (follows from the above).",
    "Predictions whose content covers no token (title/date lines) are excluded and counted; "
    "the official script would likewise skip an empty Message in precision.",
    "No STWR (kb does not predict it): the STWR tie-break bonus is dropped from the alignment.",
    "Combined F1 = mean(Message F1, Source F1) (the project's headline figure); 'joint' is the official "
    "simplified-track figure (pooled Message+Source precision and recall).",
    "Mapping, not scoring: claims kb reads inside a direct quotation ('„Ich hoffe, dass ...“, sagte X': "
    "'Ich hoffe, dass ...' nested in X's quotation) are not scored, as SpkAtt annotates a quotation as one "
    "Direct span and gives the speech inside it no annotation of its own (3 of 25 such claims on the tune "
    "split have one); --inside-quotes scores them.",
    "Default scores all gold annotations (full track incl. nested); --top-level mirrors the "
    "simplified track (gold IsNested and predictions with nested_in are dropped).",
    "Empty denominators give 0.0 instead of a ZeroDivisionError.",
]

# ----------------------------------------------------------------------------------------------
# Conversion
# ----------------------------------------------------------------------------------------------

_NAME_RE = re.compile(r"^\s*(\d+)\s+-\s+(.*?)\s+\((\d{4}-\d{2}-\d{2})\)\s*$", re.S)

_ATTACH_LEFT = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "“", "”", "’", "‘"})
_ATTACH_RIGHT = frozenset({"(", "[", "{", "„", "‚"})
_ATTACH_BOTH = frozenset({"/"})
_STRAIGHT_DOUBLE = frozenset({'"', "''", "``"})
_STRAIGHT_SINGLE = frozenset({"'"})
_GUILLEMETS = frozenset({"«", "»"})


def parse_document_name(name: str) -> tuple[str, str]:
    """``"10022 - Title (2005-08-05)"`` -> ``("Title", "2005-08-05")``; date checked as ISO."""
    m = _NAME_RE.match(name)
    if not m:
        raise ValueError(f"unexpected DocumentName: {name!r}")
    title, iso = m.group(2).strip(), m.group(3)
    _dt.date.fromisoformat(iso)
    return title, iso


def _is_punct(tok: str) -> bool:
    return not any(c.isalnum() for c in tok)


def token_attachment(tokens: Sequence[str]) -> list[tuple[bool, bool]]:
    """For each token of one sentence: (no space before, no space after).

    Closing punctuation and closing quotes attach left, opening brackets and „ ‚ attach right.
    Straight double quotes (and ``''``) open or close by alternation within the sentence (a „
    also opens); one right before closing punctuation or at the sentence end closes. Guillemets
    alternate too, so both »x« and «x» come out right.
    """
    out: list[tuple[bool, bool]] = []
    dq_open = False  # a double quote is open in this sentence
    sq_open = False
    gu_open = False
    n = len(tokens)
    for i, tok in enumerate(tokens):
        left = right = False
        nxt = tokens[i + 1] if i + 1 < n else None
        if tok in _ATTACH_LEFT or (_is_punct(tok) and tok[0] in ")]}" and len(tok) > 1):
            left = True
            if tok in ("“", "”"):
                dq_open = False
            if tok == "‘":
                sq_open = False
        elif tok in _ATTACH_RIGHT or (_is_punct(tok) and tok[0] in "([{" and len(tok) > 1):
            right = True
            if tok == "„":
                dq_open = True
            if tok == "‚":
                sq_open = True
        elif tok in _ATTACH_BOTH:
            left = right = True
        elif tok in _STRAIGHT_DOUBLE:
            closing = dq_open or (i > 0 and (nxt is None or nxt in _ATTACH_LEFT))
            if closing:
                left, dq_open = True, False
            else:
                right, dq_open = True, True
        elif tok in _STRAIGHT_SINGLE:
            closing = sq_open or (i > 0 and (nxt is None or nxt in _ATTACH_LEFT))
            if closing:
                left, sq_open = True, False
            else:
                right, sq_open = True, True
        elif tok in _GUILLEMETS:
            if gu_open:
                left, gu_open = True, False
            else:
                right, gu_open = True, True
        out.append((left, right))
    return out


@dataclass
class Group:
    """One quotation, gold or predicted, as sorted absolute token ids (official 'Group')."""

    message: tuple[int, ...]
    source: tuple[int, ...] = ()
    cue: tuple[int, ...] = ()
    form: str | None = None  # SpkAtt form name
    nested: bool = False
    ref: Any = None  # gold: the annotation dict; prediction: the Claim


@dataclass
class Doc:
    name: str
    title: str
    date: str
    text: str
    body_start: int
    sentences: list[list[str]]
    sent_offs: list[int]  # absolute id of each sentence's first token (+ total at the end)
    starts: list[int]  # per absolute token id
    ends: list[int]
    token_sent: list[int]
    sentence_spans: list[tuple[int, int]]
    gold: list[Group] = field(default_factory=list)

    @property
    def n_tokens(self) -> int:
        return len(self.starts)

    def token_id(self, ref: str) -> int:
        s, t = ref.split(":")
        s_i, t_i = int(s), int(t)
        if not 0 <= t_i < len(self.sentences[s_i]):
            raise ValueError(f"{self.name}: token {ref} out of range")
        return self.sent_offs[s_i] + t_i

    def tokens_in(self, start: int, end: int) -> tuple[int, ...]:
        """Absolute ids of the tokens the char span [start, end) covers at least partly."""
        if end <= start:
            return ()
        i = bisect.bisect_right(self.ends, start)
        out = []
        while i < len(self.starts) and self.starts[i] < end:
            out.append(i)
            i += 1
        return tuple(out)

    def token_text(self, ids: Iterable[int]) -> str:
        """The tokens as they appear in the text, '…' between discontinuous runs."""
        ids = sorted(ids)
        parts: list[str] = []
        run: list[int] = []
        for i in ids:
            if run and i != run[-1] + 1:
                parts.append(self.text[self.starts[run[0]] : self.ends[run[-1]]])
                run = []
            run.append(i)
        if run:
            parts.append(self.text[self.starts[run[0]] : self.ends[run[-1]]])
        return " … ".join(parts)

    def context(self, ids: Iterable[int], limit: int = 900) -> str:
        """The sentences that contain the given tokens."""
        ids = list(ids)
        if not ids:
            return ""
        s0 = min(self.token_sent[i] for i in ids)
        s1 = max(self.token_sent[i] for i in ids)
        txt = self.text[self.sentence_spans[s0][0] : self.sentence_spans[s1][1]]
        return txt if len(txt) <= limit else txt[:limit] + " [...]"


def _sorted_ids(doc: Doc, refs: Iterable[str]) -> tuple[int, ...]:
    return tuple(sorted({doc.token_id(r) for r in refs}))


PARAGRAPH_SENTENCES = 5  # a blank line every 5 sentences (see bench/README.md)


def convert(obj: dict, paragraph_sentences: int = PARAGRAPH_SENTENCES) -> Doc:
    """One SpkAtt JSON document -> Doc with plain text and token offsets (asserted)."""
    name = obj["DocumentName"]
    title, iso = parse_document_name(name)
    sentences = [list(s["Tokens"]) for s in sorted(obj["Sentences"], key=lambda s: s["SentenceId"])]
    ids = [s["SentenceId"] for s in obj["Sentences"]]
    if sorted(ids) != list(range(len(ids))):
        raise ValueError(f"{name}: sentence ids are not 0..n-1")
    head = f"{title}\n\n{iso}\n\n"
    parts: list[str] = [head]
    pos = len(head)
    starts: list[int] = []
    ends: list[int] = []
    token_sent: list[int] = []
    sent_offs = [0]
    sentence_spans: list[tuple[int, int]] = []
    prev_right = True  # nothing before the first token
    doc_dq_open = False  # a „…“ quotation runs across sentences
    for si, toks in enumerate(sentences):
        att = token_attachment(toks)
        sent_start = None
        for ti, (tok, (left, right)) in enumerate(zip(toks, att)):
            if not tok or any(c.isspace() for c in tok):
                raise ValueError(f"{name}: token {si}:{ti} is empty or has whitespace: {tok!r}")
            if starts:  # separator
                if ti == 0 and paragraph_sentences > 0 and si % paragraph_sentences == 0 and not doc_dq_open:
                    sep = "\n\n"
                else:
                    sep = "" if (prev_right or left) else " "
                parts.append(sep)
                pos += len(sep)
            if sent_start is None:
                sent_start = pos
            starts.append(pos)
            parts.append(tok)
            pos += len(tok)
            ends.append(pos)
            token_sent.append(si)
            prev_right = right
            if tok == "„" or (tok in _STRAIGHT_DOUBLE and right):
                doc_dq_open = True
            elif tok in ("“", "”") or (tok in _STRAIGHT_DOUBLE and left):
                doc_dq_open = False
        sent_offs.append(len(starts))
        sentence_spans.append((sent_start if sent_start is not None else pos, pos))
    parts.append("\n")
    text = "".join(parts)
    flat = [t for toks in sentences for t in toks]
    for i, tok in enumerate(flat):
        assert text[starts[i] : ends[i]] == tok, (name, i, tok, text[starts[i] : ends[i]])
    doc = Doc(
        name=name,
        title=title,
        date=iso,
        text=text,
        body_start=len(head),
        sentences=sentences,
        sent_offs=sent_offs,
        starts=starts,
        ends=ends,
        token_sent=token_sent,
        sentence_spans=sentence_spans,
    )
    for ann in obj.get("Annotations", []):
        doc.gold.append(
            Group(
                message=_sorted_ids(doc, ann.get("Message", [])),
                source=_sorted_ids(doc, ann.get("Source", [])),
                cue=_sorted_ids(doc, ann.get("Cue", [])),
                form=ann.get("Form"),
                nested=bool(ann.get("IsNested", False)),
                ref=ann,
            )
        )
    return doc


# ----------------------------------------------------------------------------------------------
# Split
# ----------------------------------------------------------------------------------------------


def split_of(name: str) -> str:
    """'tune' or 'heldout', from SHA-256 of the DocumentName (UTF-8): bucket = first 8 hex % 100."""
    bucket = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "tune" if bucket < TUNE_PERCENT else "heldout"


def list_documents(data_dir: Path) -> list[Path]:
    return sorted(Path(data_dir).glob("*.json"))


def load_docs(
    data_dir: Path, split: str = "all", limit: int | None = None, paragraph_sentences: int = PARAGRAPH_SENTENCES
) -> list[Doc]:
    """Convert the documents of one split (sorted by file name), first ``limit`` of them."""
    docs: list[Doc] = []
    for path in list_documents(data_dir):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and split_of(obj["DocumentName"]) != split:
            continue
        docs.append(convert(obj, paragraph_sentences))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# ----------------------------------------------------------------------------------------------
# Predictions -> token groups
# ----------------------------------------------------------------------------------------------


def char_map(src: str, dst: str) -> list[int]:
    """For each code point of ``src`` its index in ``dst`` (-1 where the texts differ)."""
    out = [-1] * (len(src) + 1)
    if src == dst:
        return list(range(len(src) + 1))
    import difflib

    sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    out[len(src)] = len(dst)
    return out


def map_span(cmap: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the article text as a span of the converted text (identity when cmap is None)."""
    if cmap is None:
        return start, end
    pos = [cmap[i] for i in range(max(0, start), min(end, len(cmap) - 1)) if cmap[i] >= 0]
    if not pos:
        return 0, 0
    return min(pos), max(pos) + 1


def span_ok(text: str, span: Any) -> bool:
    try:
        return 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.text
    except Exception:
        return False


def claim_spans(claim: Any) -> list[Any]:
    spans = [claim.content]
    for name in ("speaker_span", "cue"):
        s = getattr(claim, name, None)
        if s is not None:
            spans.append(s)
    for m in getattr(claim, "mentions", None) or []:
        spans.append(m.span)
    return spans


@dataclass
class PredStats:
    claims: int = 0
    narrator: int = 0
    outside: int = 0  # content covers no gold token (title/date lines)
    unknown_form: int = 0
    nested_dropped: int = 0
    inside_quotes: int = 0  # claims nested in a direct claim's quotation (not scored by default)
    bad_spans: int = 0
    scored: int = 0


_SENTENCE_END = frozenset({".", "!", "?"})


@cache
def _reporting_verbs() -> frozenset[str]:
    """Word forms of the German reporting verbs kb's extractor knows (its cue lexicon)."""
    from kb.extract import cue_lexicon

    return frozenset(cue_lexicon()["verb"])


def reported_act(claim: Any) -> bool:
    """A speech act the text names by a reporting verb without its words ('X forderte einen
    Korridor'): kb form 'reported' with a verbal cue; not 'laut X', 'X zufolge' (kb 'reported' too,
    but SpkAtt annotates the clause after such a source phrase as Indirect)."""
    cue = getattr(claim, "cue", None)
    return getattr(claim, "form", None) == "reported" and cue is not None \
        and any(w.lower() in _reporting_verbs() for w in cue.text.split())


def spkatt_message(doc: Doc, claim: Any, message: tuple[int, ...], cue: tuple[int, ...],
                   others: set[int], source: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The SpkAtt Message for a kb claim whose content is ``message`` (token ids): kb's content is
    the reported words; SpkAtt's annotation guidelines (section 2 and 3.5) span more for two forms.

    - A reported speech act: kb's content is the act's object ('einen Luft- und Seekorridor'); SpkAtt
      annotates "ganze Sätze mit Punkt", the speaker inside, or (case d) the rest of the sentence
      when other parts of it are annotated already: the cue's sentence less the tokens of other
      claims' messages (``others``).
    - Any other claim: SpkAtt's roles do not share tokens, so a source phrase inside the content
      ('Unter den Toten sollen laut Atmar neun Zivilisten ... gewesen sein') is cut out of the
      Message ('Unter den Toten sollen … neun Zivilisten ...'), as the annotators do.
    - Free indirect speech: a whole sentence without a frame, so SpkAtt takes its final period
      ("Der Punkt am Ende wird nur bei Free Indirect, reported und indirekte/free Indirect Rede
      annotiert"); kb's content ends before it.
    """
    if reported_act(claim) and cue:
        sent = doc.token_sent[cue[0]]
        keep = set(message) | set(cue)
        return tuple(i for i in range(doc.sent_offs[sent], doc.sent_offs[sent + 1]) if i not in others or i in keep)
    frame = set(cue) | set(source)
    message = tuple(i for i in message if i not in frame) or message
    if getattr(claim, "form", None) == "free-indirect" and message:
        last = message[-1]
        sent = doc.token_sent[last]
        if last + 2 == doc.sent_offs[sent + 1] and doc.sentences[sent][-1] in _SENTENCE_END:
            return message + (last + 1,)
    return message


def quoted_speech(claim: Any, claims: Sequence[Any]) -> bool:
    """Is ``claim`` speech kb read inside another claim's direct quotation ('„Ich hoffe, dass der Preis
    ein Ansporn ist“, sagte ein Sprecher': the spokesman's hope)? kb keeps it (its proposition and act
    are the spokesman's); SpkAtt annotates the quotation as one Direct span."""
    outer = getattr(claim, "nested_in", None)
    if outer is None or not 0 <= outer < len(claims):
        return False
    return getattr(claims[outer], "form", None) == "direct"


def claims_to_groups(
    doc: Doc, article_text: str, claims: Sequence[Any], stats: PredStats, top_level: bool = False,
    scheme: bool = True, inside_quotes: bool = False,
) -> list[Group]:
    """Claims (offsets into ``article_text``) -> token groups of ``doc``; narrator etc. excluded.
    With ``scheme``, Messages follow the SpkAtt guidelines where they span more than kb's content
    (``spkatt_message``). Without ``inside_quotes``, claims read inside a direct claim's quotation are
    left out (``quoted_speech``)."""
    cmap = None if article_text == doc.text else char_map(article_text, doc.text)
    groups: list[Group] = []
    for claim in claims:
        stats.claims += 1
        if any(not span_ok(article_text, s) for s in claim_spans(claim)):
            stats.bad_spans += 1
        form = getattr(claim, "form", None)
        if form in EXCLUDED_FORMS:
            stats.narrator += 1
            continue
        if top_level and getattr(claim, "nested_in", None) is not None:
            stats.nested_dropped += 1
            continue
        if not inside_quotes and quoted_speech(claim, claims):
            stats.inside_quotes += 1
            continue

        def toks(span: Any) -> tuple[int, ...]:
            if span is None:
                return ()
            return doc.tokens_in(*map_span(cmap, span.start, span.end))

        msg = toks(claim.content)
        if not msg:
            stats.outside += 1
            continue
        mapped = FORM_MAP.get(form)
        if mapped is None:
            stats.unknown_form += 1
        stats.scored += 1
        groups.append(
            Group(
                message=msg,
                source=toks(getattr(claim, "speaker_span", None)),
                cue=toks(getattr(claim, "cue", None)),
                form=mapped,
                nested=getattr(claim, "nested_in", None) is not None,
                ref=claim,
            )
        )
    if scheme:
        others = {i for g in groups if not reported_act(g.ref) for i in g.message}
        for g in groups:
            g.message = spkatt_message(doc, g.ref, g.message, g.cue, others, g.source)
    return groups


# ----------------------------------------------------------------------------------------------
# Scoring
# ----------------------------------------------------------------------------------------------


def overlap_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    both = len(set(gold) & set(pred))
    if not both:
        return 0.0
    p, r = both / len(pred), both / len(gold)
    return 2 * p * r / (p + r)


def align(pred: Sequence[Group], gold: Sequence[Group]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs maximising Message overlap F1 (+0.01 same form).

    As ``assign_messages`` of the official script, but pairs without Message overlap are dropped.
    """
    if not pred or not gold:
        return []
    scores = [[0.0] * len(pred) for _ in gold]
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap_f1(g.message, p.message)
            if ov > 0.0:
                scores[gi][pi] = ov + (0.01 if g.form == p.form else 0.0)
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # greedy fallback: best remaining pair first
        cand = sorted(
            ((scores[gi][pi], gi, pi) for gi in range(len(gold)) for pi in range(len(pred)) if scores[gi][pi] > 0),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        pairs = []
        for _, gi, pi in cand:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((pi, gi))
        return sorted(pairs)
    rows, cols = linear_sum_assignment(np.array(scores), maximize=True)
    return sorted((int(pi), int(gi)) for gi, pi in zip(rows, cols) if scores[gi][pi] > 0.0)


@dataclass
class RoleTally:
    p_sum: float = 0.0
    p_n: int = 0
    r_sum: float = 0.0
    r_n: int = 0

    def add(self, pred: Sequence[int] | None, gold: Sequence[int] | None) -> None:
        """One aligned group (either side may be None = unmatched); empty sides do not count."""
        pred = pred or ()
        gold = gold or ()
        both = len(set(pred) & set(gold))
        if pred:
            self.p_sum += both / len(pred)
            self.p_n += 1
        if gold:
            self.r_sum += both / len(gold)
            self.r_n += 1

    @property
    def precision(self) -> float:
        return self.p_sum / self.p_n if self.p_n else 0.0

    @property
    def recall(self) -> float:
        return self.r_sum / self.r_n if self.r_n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def merged(self, other: "RoleTally") -> "RoleTally":
        return RoleTally(self.p_sum + other.p_sum, self.p_n + other.p_n, self.r_sum + other.r_sum, self.r_n + other.r_n)

    def as_dict(self) -> dict:
        return {"p": self.precision, "r": self.recall, "f1": self.f1, "n_pred": self.p_n, "n_gold": self.r_n}


@dataclass
class DocResult:
    name: str
    gold: list[Group]
    pred: list[Group]
    pairs: list[tuple[int, int]]


@dataclass
class Scores:
    roles: dict[str, RoleTally] = field(default_factory=lambda: {r: RoleTally() for r in ROLES})
    gold_form: dict[str, dict[str, Any]] = field(default_factory=dict)
    pred_form: dict[str, dict[str, Any]] = field(default_factory=dict)
    form_tp: int = 0
    n_gold: int = 0
    n_pred: int = 0
    n_pred_with_form: int = 0
    n_matched: int = 0

    @property
    def combined_f1(self) -> float:
        return (self.roles["message"].f1 + self.roles["source"].f1) / 2

    @property
    def joint(self) -> RoleTally:
        return self.roles["message"].merged(self.roles["source"])

    @property
    def form_prf(self) -> tuple[float, float, float]:
        p = self.form_tp / self.n_pred_with_form if self.n_pred_with_form else 0.0
        r = self.form_tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        fp, fr, ff = self.form_prf
        j = self.joint
        return {
            **{ROLE_LABEL[r]: t.as_dict() for r, t in self.roles.items()},
            "combined": {"f1": self.combined_f1},
            "joint": {"p": j.precision, "r": j.recall, "f1": j.f1},
            "form": {"p": fp, "r": fr, "f1": ff},
            "per_gold_form": {k: _form_row_dict(v) for k, v in self.gold_form.items()},
            "per_pred_form": {k: _form_row_dict(v) for k, v in self.pred_form.items()},
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_matched": self.n_matched,
        }


def _form_row_dict(row: dict[str, Any]) -> dict:
    out = {k: v for k, v in row.items() if not isinstance(v, RoleTally)}
    for r in ROLES:
        t = row[r]
        n = t.r_n if row["side"] == "gold" else t.p_n
        out[ROLE_LABEL[r]] = (t.recall if row["side"] == "gold" else t.precision) if n else None
        out[ROLE_LABEL[r] + "_n"] = n
    return out


def _form_row(side: str) -> dict[str, Any]:
    return {"side": side, "n": 0, "matched": 0, "form_correct": 0, **{r: RoleTally() for r in ROLES}}


def score_doc(pred: Sequence[Group], gold: Sequence[Group], scores: Scores) -> list[tuple[int, int]]:
    """Align one document and add it to ``scores``; returns the (pred, gold) pairs."""
    pairs = align(pred, gold)
    matched_p = {pi for pi, _ in pairs}
    matched_g = {gi for _, gi in pairs}
    scores.n_gold += len(gold)
    scores.n_pred += len(pred)
    scores.n_matched += len(pairs)
    scores.n_pred_with_form += sum(1 for p in pred if p.form is not None)
    for g in gold:
        scores.gold_form.setdefault(g.form or "None", _form_row("gold"))["n"] += 1
    for p in pred:
        scores.pred_form.setdefault(p.form or "None", _form_row("pred"))["n"] += 1

    def add(p: Group | None, g: Group | None) -> None:
        for r in ROLES:
            pr = getattr(p, r) if p else None
            gr = getattr(g, r) if g else None
            scores.roles[r].add(pr, gr)
            if g is not None:
                scores.gold_form[g.form or "None"][r].add(pr, gr)
            if p is not None:
                scores.pred_form[p.form or "None"][r].add(pr, gr)

    for pi, gi in pairs:
        p, g = pred[pi], gold[gi]
        add(p, g)
        same = p.form is not None and p.form == g.form
        scores.form_tp += int(same)
        for row in (scores.gold_form[g.form or "None"], scores.pred_form[p.form or "None"]):
            row["matched"] += 1
            row["form_correct"] += int(same)
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            add(p, None)
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            add(None, g)
    return pairs


def score_corpus(items: Iterable[tuple[Sequence[Group], Sequence[Group]]]) -> Scores:
    """Score (predictions, gold) per document over a corpus."""
    scores = Scores()
    for pred, gold in items:
        score_doc(pred, gold, scores)
    return scores


def gold_for(doc: Doc, top_level: bool = False) -> list[Group]:
    return [g for g in doc.gold if not (top_level and g.nested)]


def without_punct(doc: Doc, groups: Sequence[Group]) -> list[Group]:
    """The groups without punctuation-only tokens (quotation marks, commas, full stops); a group
    whose Message is then empty is dropped. A diagnostic (--ignore-punct), not the official measure."""
    punct = {i for i, (a, b) in enumerate(zip(doc.starts, doc.ends)) if _is_punct(doc.text[a:b])}
    out = []
    for g in groups:
        msg = tuple(i for i in g.message if i not in punct)
        if msg:
            out.append(Group(msg, tuple(i for i in g.source if i not in punct),
                             tuple(i for i in g.cue if i not in punct), g.form, g.nested, g.ref))
    return out


# ----------------------------------------------------------------------------------------------
# Running the extractor
# ----------------------------------------------------------------------------------------------


def load_extractor():
    """``(parse_text, extract)`` from kb, imported lazily (the repo root goes on sys.path)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from kb.extract import extract
    from kb.parse import parse_text

    return parse_text, extract


ORACLE_FORM = {"Direct": "direct", "Indirect": "indirect", "FreeIndirect": "free-indirect",
               "IndirectFreeIndirect": "indirect", "Reported": "reported"}


def oracle_extractor(docs: Sequence[Doc]):
    """``(parse_text, extract)`` that return the gold annotations as kb-shaped claims with ONE
    contiguous span per role (first to last token), as a kb ``Claim`` has: the ceiling any kb
    extractor can reach. IndirectFreeIndirect becomes "indirect"."""
    from types import SimpleNamespace as NS

    by_text = {d.text: d for d in docs}

    def parse_text(text: str, source: str) -> Any:
        return NS(text=text, source=source, segments=None)

    def extract(article: Any) -> list[Any]:
        doc = by_text[article.text]

        def span(ids: Sequence[int]) -> Any:
            if not ids:
                return None
            a, b = doc.starts[min(ids)], doc.ends[max(ids)]
            return NS(start=a, end=b, text=doc.text[a:b])

        return [
            NS(content=span(g.message), speaker_span=span(g.source), cue=span(g.cue), form=ORACLE_FORM[g.form],
               nested_in=0 if g.nested else None, mentions=[], rule="oracle", act=None, speaker=None)
            for g in doc.gold
        ]

    return parse_text, extract


@dataclass
class RunResult:
    docs: list[DocResult] = field(default_factory=list)
    scores: Scores = field(default_factory=Scores)
    stats: PredStats = field(default_factory=PredStats)
    crashes: list[tuple[str, str]] = field(default_factory=list)
    text_differs: int = 0  # documents where article.text != converted text
    gold_outside_body: int = 0  # gold annotations with a Message token outside the body segments
    seconds: float = 0.0
    n_docs: int = 0


def gold_outside_body(doc: Doc, article: Any, gold: Sequence[Group]) -> int:
    """How many gold annotations have a Message token that no body segment of the article covers
    (the parser took it for title, caption, credit, ...; the extractor cannot find it there)."""
    segments = getattr(article, "segments", None)
    if segments is None:
        return 0
    cmap = None if article.text == doc.text else char_map(article.text, doc.text)
    covered: set[int] = set()
    for seg in segments:
        if seg.kind in BODY_KINDS:
            covered.update(doc.tokens_in(*map_span(cmap, seg.span.start, seg.span.end)))
    return sum(1 for g in gold if not set(g.message) <= covered)


BODY_KINDS = frozenset({"title", "lead", "heading", "body"})  # as kb.model.BODY_KINDS


def run(
    docs: Sequence[Doc], parse_text, extract, top_level: bool = False, progress: bool = False,
    ignore_punct: bool = False, scheme: bool = True, inside_quotes: bool = False,
) -> RunResult:
    res = RunResult()
    for k, doc in enumerate(docs):
        res.n_docs += 1
        gold = gold_for(doc, top_level)
        if ignore_punct:
            gold = without_punct(doc, gold)
        pred: list[Group] = []
        try:
            t0 = time.perf_counter()
            article = parse_text(doc.text, f"spkatt/{doc.name}.txt")
            claims = extract(article)
            res.seconds += time.perf_counter() - t0
            if article.text != doc.text:
                res.text_differs += 1
            res.gold_outside_body += gold_outside_body(doc, article, gold)
            pred = claims_to_groups(doc, article.text, claims, res.stats, top_level, scheme, inside_quotes)
            if ignore_punct:
                pred = without_punct(doc, pred)
        except Exception as exc:  # noqa: BLE001 - a crash is a figure, not an abort
            tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
            res.crashes.append((doc.name, "".join(tb[-3:]).strip()))
        pairs = score_doc(pred, gold, res.scores)
        res.docs.append(DocResult(doc.name, gold, pred, pairs))
        if progress and (k + 1) % 50 == 0:
            print(f"  ... {k + 1}/{len(docs)} documents", file=sys.stderr)
    return res


# ----------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------


def _fmt(value: float, n: int) -> str:
    return f"{value:6.3f}" if n else f"{'-':>6}"


def format_table(res: RunResult, docs: Sequence[Doc], top_level: bool = False) -> str:
    s = res.scores
    lines = []
    lines.append(f"{'':<10} {'P':>6} {'R':>6} {'F1':>6}")
    for r in ROLES:
        t = s.roles[r]
        lines.append(f"{ROLE_LABEL[r]:<10} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}")
    lines.append(f"{'combined':<10} {'':>6} {'':>6} {s.combined_f1:6.3f}   (mean of message F1 and speaker F1; unrounded {s.combined_f1:.5f})")
    j = s.joint
    lines.append(f"{'joint':<10} {j.precision:6.3f} {j.recall:6.3f} {j.f1:6.3f}   (official simplified-track pooling)")
    fp, fr, ff = s.form_prf
    lines.append(f"{'form':<10} {fp:6.3f} {fr:6.3f} {ff:6.3f}   (form label of aligned pairs)")
    lines.append("")
    lines.append("recall by gold form")
    lines.append(f"{'form':<22} {'n':>5} {'found':>6} {'msgR':>6} {'spkR':>6} {'cueR':>6} {'form ok':>8}")
    for f in list(GOLD_FORMS) + sorted(set(s.gold_form) - set(GOLD_FORMS)):
        row = s.gold_form.get(f)
        if not row:
            continue
        lines.append(
            f"{f:<22} {row['n']:5d} {row['matched']:6d} {_fmt(row['message'].recall, row['message'].r_n)} "
            f"{_fmt(row['source'].recall, row['source'].r_n)} {_fmt(row['cue'].recall, row['cue'].r_n)} "
            f"{row['form_correct']:8d}"
        )
    lines.append("precision by predicted form")
    lines.append(f"{'form':<22} {'n':>5} {'found':>6} {'msgP':>6} {'spkP':>6} {'cueP':>6} {'form ok':>8}")
    for f in list(GOLD_FORMS) + sorted(set(s.pred_form) - set(GOLD_FORMS)):
        row = s.pred_form.get(f)
        if not row:
            continue
        lines.append(
            f"{f:<22} {row['n']:5d} {row['matched']:6d} {_fmt(row['message'].precision, row['message'].p_n)} "
            f"{_fmt(row['source'].precision, row['source'].p_n)} {_fmt(row['cue'].precision, row['cue'].p_n)} "
            f"{row['form_correct']:8d}"
        )
    st = res.stats
    rate = res.n_docs / res.seconds if res.seconds else 0.0
    lines.append("")
    n_gold = sum(len(gold_for(d, top_level)) for d in docs)
    lines.append(f"documents                          {res.n_docs}")
    lines.append(f"gold annotations                   {n_gold}" + ("  (top level only)" if top_level else ""))
    lines.append(f"predicted claims                   {st.claims}")
    lines.append(f"  excluded: narrator               {st.narrator}")
    lines.append(f"  excluded: content outside body   {st.outside}")
    if top_level:
        lines.append(f"  excluded: nested                 {st.nested_dropped}")
    lines.append(f"  excluded: inside a quotation     {st.inside_quotes}")
    lines.append(f"  scored                           {st.scored}  (unknown form: {st.unknown_form})")
    lines.append(f"aligned pairs                      {s.n_matched}")
    lines.append(f"claims with span != text           {st.bad_spans}")
    lines.append(f"crashes                            {len(res.crashes)}")
    lines.append(f"article.text != converted text     {res.text_differs}")
    lines.append(f"gold messages outside body segments {res.gold_outside_body}")
    lines.append(f"articles/s (parse+extract)         {rate:.1f}")
    return "\n".join(lines)


def _git_head() -> str | None:
    """The short commit, with "+dirty" when kb/ has uncommitted changes (read-only git calls)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--", "kb"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        return (head + ("+dirty" if dirty else "")) or None
    except Exception:
        return None


def result_json(res: RunResult, args: argparse.Namespace, docs: Sequence[Doc]) -> dict:
    st = res.stats
    return {
        "bench": "spkatt2023-task2",
        "date": _dt.date.today().isoformat(),
        "commit": _git_head(),
        "split": args.split,
        "limit": args.limit,
        "top_level": args.top_level,
        "oracle": args.oracle,
        "ignore_punct": args.ignore_punct,
        "kb_spans": args.kb_spans,
        "inside_quotes": args.inside_quotes,
        "paragraph_sentences": args.paragraph_sentences,
        "scores": res.scores.as_dict(),
        "counts": {
            "documents": res.n_docs,
            "gold_annotations": sum(len(gold_for(d, args.top_level)) for d in docs),
            "predicted_claims": st.claims,
            "excluded_narrator": st.narrator,
            "excluded_outside_body": st.outside,
            "excluded_nested": st.nested_dropped,
            "excluded_inside_quotes": st.inside_quotes,
            "scored_claims": st.scored,
            "unknown_form": st.unknown_form,
            "bad_spans": st.bad_spans,
            "crashes": len(res.crashes),
            "text_differs": res.text_differs,
            "gold_outside_body": res.gold_outside_body,
            "seconds_parse_extract": res.seconds,
            "articles_per_second": res.n_docs / res.seconds if res.seconds else 0.0,
        },
        "crashes": [{"document": n, "error": e} for n, e in res.crashes],
        "deviations_from_official": DEVIATIONS,
    }


def _spread(items: list, key, n: int) -> list:
    """A deterministic sample spread over the documents (order by a hash of the key)."""
    return sorted(items, key=lambda it: hashlib.sha1(key(it).encode("utf-8")).hexdigest())[:n]


def _describe_gold(doc: Doc, g: Group) -> str:
    return (
        f"  gold  form={g.form} nested={g.nested}\n"
        f"        source : {doc.token_text(g.source) or '-'}\n"
        f"        cue    : {doc.token_text(g.cue) or '-'}\n"
        f"        message: {doc.token_text(g.message)}"
    )


def _describe_pred(doc: Doc, p: Group) -> str:
    c = p.ref
    sp = getattr(c, "speaker_span", None)
    cue = getattr(c, "cue", None)
    speaker = getattr(getattr(c, "speaker", None), "label", None)
    return (
        f"  pred  form={getattr(c, 'form', None)} rule={getattr(c, 'rule', None)} act={getattr(c, 'act', None)} "
        f"speaker={speaker!r}\n"
        f"        source : {sp.text if sp is not None else '-'}\n"
        f"        cue    : {cue.text if cue is not None else '-'}\n"
        f"        message: {c.content.text}"
    )


def dump_errors(res: RunResult, docs: Sequence[Doc], n: int, path: Path) -> dict[str, int]:
    """Write up to ``n`` examples per kind of error; returns the count of each kind."""
    by_name = {d.name: d for d in docs}
    misses, fps, wrong_speaker, no_speaker, partial = [], [], [], [], []
    for dr in res.docs:
        doc = by_name[dr.name]
        mp = {pi for pi, _ in dr.pairs}
        mg = {gi for _, gi in dr.pairs}
        for gi, g in enumerate(dr.gold):
            if gi not in mg:
                misses.append((doc, g, None, f"{dr.name}#g{gi}"))
        for pi, p in enumerate(dr.pred):
            if pi not in mp:
                fps.append((doc, None, p, f"{dr.name}#p{pi}"))
        for pi, gi in dr.pairs:
            p, g = dr.pred[pi], dr.gold[gi]
            if g.source and not p.source:
                no_speaker.append((doc, g, p, f"{dr.name}#{pi}-{gi}"))
            elif p.source and overlap_f1(g.source, p.source) < 0.5:
                wrong_speaker.append((doc, g, p, f"{dr.name}#{pi}-{gi}"))
            if overlap_f1(g.message, p.message) < 0.5:
                partial.append((doc, g, p, f"{dr.name}#{pi}-{gi}"))
    kinds = [
        ("MISSED (gold annotation without an aligned claim)", misses),
        ("FALSE POSITIVE (claim without an aligned gold annotation)", fps),
        ("WRONG SPEAKER (aligned, a speaker span whose token overlap F1 with gold < 0.5)", wrong_speaker),
        ("NO SPEAKER (aligned, gold has a Source, the claim no speaker span)", no_speaker),
        ("PARTIAL MESSAGE (aligned, message token overlap F1 < 0.5)", partial),
    ]
    out = [f"# SpkAtt errors, {_dt.date.today().isoformat()}, {res.n_docs} documents, up to {n} per kind\n"]
    for title, items in kinds:
        out.append(f"\n## {title}: {len(items)}\n")
        for doc, g, p, key in _spread(items, lambda it: it[3], n):
            ids = set()
            for grp in (g, p):
                if grp is not None:
                    ids |= set(grp.message) | set(grp.source) | set(grp.cue)
            out.append(f"\n### {key}\n  context: {doc.context(ids)}\n")
            if g is not None:
                out.append(_describe_gold(doc, g) + "\n")
            if p is not None:
                out.append(_describe_pred(doc, p) + "\n")
            if g is not None and p is not None:
                out.append(
                    f"  overlap F1: message {overlap_f1(g.message, p.message):.2f}, "
                    f"source {overlap_f1(g.source, p.source) if g.source and p.source else 0.0:.2f}, "
                    f"cue {overlap_f1(g.cue, p.cue) if g.cue and p.cue else 0.0:.2f}\n"
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")
    return {title.split(" (")[0]: len(items) for title, items in kinds}


# ----------------------------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python bench/spkatt.py",
        description="Score kb claim extraction against GermEval 2023 SpkAtt task 2 gold annotations.",
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"folder of SpkAtt JSON files (default {DEFAULT_DATA})")
    ap.add_argument("--split", choices=("tune", "heldout", "all"), default="tune", help="document split (default tune)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of the split")
    ap.add_argument("--json", type=Path, default=None, help="write the figures as JSON to this file")
    ap.add_argument("--check", action="store_true", help="run all documents; exit 1 on any crash or span mismatch")
    ap.add_argument("--dump-errors", type=int, default=0, metavar="N", help="write N examples of each error kind")
    ap.add_argument("--dump-file", type=Path, default=None, help="where --dump-errors writes (default bench/results/spkatt-<split>-errors.md)")
    ap.add_argument("--top-level", action="store_true", help="simplified track: drop nested gold annotations and nested claims")
    ap.add_argument("--paragraph-sentences", type=int, default=PARAGRAPH_SENTENCES, metavar="N",
                    help=f"blank line every N sentences (0 = one paragraph; default {PARAGRAPH_SENTENCES})")
    ap.add_argument("--ignore-punct", action="store_true",
                    help="diagnostic: drop punctuation-only tokens (e.g. the quotation marks gold Direct messages "
                         "include) from gold and predicted spans before scoring")
    ap.add_argument("--kb-spans", action="store_true",
                    help="score kb's content spans as they are, without the SpkAtt span conventions for reported "
                         "acts and free indirect speech (see spkatt_message; the figures of rounds 1-7)")
    ap.add_argument("--inside-quotes", action="store_true",
                    help="also score claims kb reads inside a direct quotation ('„Ich hoffe, dass ...“, sagte X'); "
                         "SpkAtt gives them no annotation of their own (see quoted_speech)")
    ap.add_argument("--oracle", action="store_true",
                    help="score the gold annotations as one-span-per-role claims (the ceiling for kb's Claim shape)")
    ap.add_argument("--progress", action="store_true", help="progress on stderr")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.check:
        args.split, args.limit = "all", None
    if not Path(args.data).is_dir():
        print(f"no SpkAtt data at {args.data} (use --data)", file=sys.stderr)
        return 2
    docs = load_docs(args.data, args.split, args.limit, args.paragraph_sentences)
    try:
        parse_text, extract = oracle_extractor(docs) if args.oracle else load_extractor()
    except ImportError as exc:
        print(f"cannot import the extractor (kb.parse.parse_text / kb.extract.extract): {exc}", file=sys.stderr)
        return 2
    res = run(docs, parse_text, extract, top_level=args.top_level, progress=args.progress,
              ignore_punct=args.ignore_punct, scheme=not args.kb_spans, inside_quotes=args.inside_quotes)
    flags = "".join(f" --{f}" for f in ("oracle", "top-level", "ignore-punct", "kb-spans", "inside-quotes")
                    if getattr(args, f.replace("-", "_")))
    print(f"SpkAtt 2023 task 2, split={args.split}{flags}, "
          f"{_dt.date.today().isoformat()}, commit {_git_head()}")
    print(format_table(res, docs, args.top_level))
    for name, err in res.crashes[:5]:
        print(f"\nCRASH {name}:\n{err}", file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result_json(res, args, docs), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    if args.dump_errors:
        path = args.dump_file or REPO_ROOT / "bench" / "results" / f"spkatt-{args.split}-errors.md"
        counts = dump_errors(res, docs, args.dump_errors, path)
        print(f"wrote {path}: " + ", ".join(f"{k.lower()} {v}" for k, v in counts.items()))
    if args.check:
        ok = not res.crashes and res.stats.bad_spans == 0 and res.n_docs == len(list_documents(args.data))
        print(f"\ncheck: {res.n_docs} documents, {res.stats.claims} claims, {len(res.crashes)} crashes, "
              f"{res.stats.bad_spans} claims with span != text -> {'OK' if ok else 'FAIL'}")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
