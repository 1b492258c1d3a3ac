"""The timeline of a proposition or an entity: rows for a table, and a hand-written SVG picture.

Reads: a Store and a topic (kb:proposition/…, kb:entity/…, wd:Q…, a full IRI, or a bare entity
key such as ``russia``). Returns: Timeline (entries oldest first, one per claim), Rows for
kb.queries.format_rows, SVG text. Raises: UsageError (a topic that is not an IRI), QueryError.

The claims come from queries/claim_timeline.rq. The picture has one row per claim: the date and
speaker on the left, a mark on a shared date axis (a blue circle for positive polarity, an
orange diamond for negative: colour-blind-safe colours, and shape as well as colour), and the
speech act and the words on the right; hovering a mark shows the whole text and the article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from rdflib import Literal, URIRef

from kb.errors import UsageError
from kb.queries import bind, get_query, run
from kb.store import Rows, Store

COLUMNS = ("date", "speaker", "act", "polarity", "content", "article")
COLOURS = {"positive": "#0072B2", "negative": "#D55E00"}
LABEL_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?topic (SAMPLE(COALESCE(?de, ?en, ?any)) AS ?label) WHERE {
  ?node owl:sameAs? ?topic .
  OPTIONAL { ?node rdfs:label ?de FILTER(LANGMATCHES(LANG(?de), "de")) }
  OPTIONAL { ?node rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
  OPTIONAL { ?node rdfs:label ?any }
} GROUP BY ?topic
"""


@dataclass(frozen=True)
class Entry:
    date: date
    speaker: str
    act: str
    polarity: str
    text: str
    article: str
    headline: str | None
    claim: str


@dataclass(frozen=True)
class Timeline:
    topic: str  # the IRI
    label: str  # its label, or the IRI
    entries: list[Entry]


def topic_value(text: str) -> str:
    """``russia`` -> ``kb:entity/russia``; ``Q159`` -> ``wd:Q159``; anything else unchanged."""
    value = text.strip()
    if re.fullmatch(r"Q[1-9][0-9]*", value):
        return f"wd:{value}"
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return f"kb:entity/{value}"
    return value


def timeline(store: Store, topic: str, since: str | None = None) -> Timeline:
    query = get_query("claim_timeline")
    values = {"topic": topic_value(topic), **({"since": since} if since else {})}
    try:
        iri = bind(query, {"topic": values["topic"]})["topic"]
    except UsageError as exc:
        raise UsageError(f"{topic!r} is not a proposition or entity IRI",
                         hint="write kb:proposition/<id>, kb:entity/<key> (or just <key>), wd:Q<n> or <full-iri>; "
                              "kb query cross_article_claims lists propositions") from exc
    rows = run(store, query, values)
    assert isinstance(rows, Rows)
    entries: dict[str, Entry] = {}
    for row in rows.rows:
        r = dict(zip(rows.variables, row))
        claim = str(r["claim"])
        if claim not in entries:  # a claim about two propositions is one mark
            entries[claim] = Entry(date.fromisoformat(str(r["date"])), str(r["speakerLabel"] or r["speaker"]),
                                   str(r["act"]), str(r["polarity"]), str(r["text"]), str(r["article"]),
                                   None if r["headline"] is None else str(r["headline"]), claim)
    label_rows = store.query(LABEL_QUERY, {"topic": iri})
    assert isinstance(label_rows, Rows)
    label = next((str(row[1]) for row in label_rows.rows if row[1] is not None), str(iri))
    return Timeline(str(iri), label, sorted(entries.values(), key=lambda e: (e.date, e.claim)))


def rows(line: Timeline, width: int | None = 80) -> Rows:
    """The table: date, speaker, act, polarity, content (cut to ``width`` characters), article."""
    return Rows(list(COLUMNS), [
        (Literal(e.date), Literal(e.speaker), Literal(e.act), Literal(e.polarity),
         Literal(_cut(e.text, width)), URIRef(e.article)) for e in line.entries])


# ---------------------------------------------------------------------- SVG

WIDTH, ROW, TOP = 1200, 24, 104
PLOT = (320, 660)  # x of the first and last date
TEXT_X = 680
TEXT_CHARS = 72  # act and words together: about what fits between TEXT_X and WIDTH at 12 px
TICK_SPACE = 72  # pixels per axis label


def svg(line: Timeline) -> str:
    """The timeline as a standalone SVG document (one mark per claim, class "mark")."""
    entries = line.entries
    start, end = _range([e.date for e in entries])
    height = TOP + ROW * max(len(entries), 1) + 24

    def x(day: date) -> float:
        return PLOT[0] + (day - start).days / (end - start).days * (PLOT[1] - PLOT[0])

    first, last = (entries[0].date, entries[-1].date) if entries else (None, None)
    span = f"{len(entries)} claim{'s' if len(entries) != 1 else ''}" + (
        f", {first} – {last}" if first and first != last else f", {first}" if first else "")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f"<title>{_text('Timeline: ' + line.label)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="12" y="26" font-size="17" font-weight="bold">{_text(_cut("Timeline: " + line.label, 110))}</text>',
        f'<text x="12" y="46" fill="#555555">{_text(span)}</text>',
        *_legend(),
        *_axis(start, end, x, height),
    ]
    for i, e in enumerate(entries):
        y = TOP + ROW * i + ROW / 2
        out.append(f'<line x1="{PLOT[0]}" y1="{y:.1f}" x2="{PLOT[1]}" y2="{y:.1f}" stroke="#eeeeee"/>')
        out.append(f'<text x="12" y="{y + 4:.1f}" fill="#555555">{e.date.isoformat()}</text>')
        out.append(f'<text x="96" y="{y + 4:.1f}">{_text(_cut(e.speaker, 30))}</text>')
        out.append(_mark(x(e.date), y, e))
        out.append(f'<text x="{TEXT_X}" y="{y + 4:.1f}"><tspan font-weight="bold">{_text(e.act)}</tspan> '
                   f'{_text(_cut(e.text, TEXT_CHARS - len(e.act)))}</text>')
    if not entries:
        out.append(f'<text x="{PLOT[0]}" y="{TOP + 16}" fill="#555555">no claims</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _mark(cx: float, cy: float, e: Entry) -> str:
    colour = COLOURS.get(e.polarity, "#777777")
    tip = f"<title>{_text(f'{e.date} {e.speaker} ({e.act}, {e.polarity}): {e.text} — {e.headline or e.article}')}</title>"
    attrs = f'class="mark {e.polarity}" data-claim={quoteattr(e.claim)} fill="{colour}" stroke="#ffffff"'
    if e.polarity == "negative":
        r = 7
        points = f"{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} {cx - r:.1f},{cy:.1f}"
        return f'<polygon {attrs} points="{points}">{tip}</polygon>'
    return f'<circle {attrs} cx="{cx:.1f}" cy="{cy:.1f}" r="6">{tip}</circle>'


def _legend() -> list[str]:
    x, y = TEXT_X, 46
    return [
        f'<text x="{x}" y="{y}" fill="#555555">polarity:</text>',
        f'<circle cx="{x + 66}" cy="{y - 4}" r="6" fill="{COLOURS["positive"]}"/>',
        f'<text x="{x + 78}" y="{y}">positive</text>',
        f'<polygon points="{x + 146},{y - 11} {x + 153},{y - 4} {x + 146},{y + 3} {x + 139},{y - 4}" '
        f'fill="{COLOURS["negative"]}"/>',
        f'<text x="{x + 160}" y="{y}">negative</text>',
    ]


def _axis(start: date, end: date, x, height: int) -> list[str]:
    y = TOP - 8
    out = [f'<line x1="{PLOT[0]}" y1="{y}" x2="{PLOT[1]}" y2="{y}" stroke="#333333"/>']
    for tick, label in _ticks(start, end):
        tx = x(tick)
        out.append(f'<line x1="{tx:.1f}" y1="{y - 4}" x2="{tx:.1f}" y2="{height - 20}" stroke="#dddddd"/>')
        out.append(f'<text x="{tx:.1f}" y="{y - 8}" text-anchor="middle" fill="#333333">{label}</text>')
    return out


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Month starts (years when the range is long), spaced so that the labels do not overlap."""
    most = max(2, (PLOT[1] - PLOT[0]) // TICK_SPACE)
    if (end - start).days <= 3 * 366:
        months = []
        y, m = start.year, start.month
        while date(y, m, 1) <= end:
            if date(y, m, 1) >= start:
                months.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        step = max(1, math.ceil(len(months) / most))
        if months:
            return [(d, d.strftime("%Y-%m")) for d in months[::step]]
    years = [date(y, 1, 1) for y in range(start.year + 1, end.year + 1)]
    step = max(1, math.ceil(len(years) / most))
    return [(d, str(d.year)) for d in years[::step]] or [(start, start.isoformat())]


def _range(days: list[date]) -> tuple[date, date]:
    if not days:
        today = date.today()
        return today - timedelta(days=30), today + timedelta(days=30)
    first, last = min(days), max(days)
    pad = max(3, (last - first).days // 20) if last != first else 30
    return first - timedelta(days=pad), last + timedelta(days=pad)


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    """Text for an SVG element: characters XML 1.0 forbids dropped, markup escaped."""
    return escape(_INVALID_XML.sub("", value))


def _cut(text: str, width: int | None) -> str:
    flat = " ".join(text.split())
    return flat if width is None or len(flat) <= width else flat[: width - 1].rstrip() + "…"
