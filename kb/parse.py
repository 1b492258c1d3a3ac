"""Turns an input file into Articles: plain-text web copies, generic text, HTML, JSON lines.

Reads: a file (bytes) or decoded text. Returns: ``Article`` objects whose segments point into
``Article.text``. Raises: InputError for a missing, empty, binary or undecodable file, or a
JSON line that is not an article. A missing date is not raised here (see ``require_date``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kb import dates
from kb.errors import InputError
from kb.lexicon import rows
from kb.model import Article, Segment, Span

SENTENCE_END = re.compile(r"""[.!?…:"“”»«)]\s*$""")
BYLINE = re.compile(
    r"^(?P<authors>[A-Za-zÄÖÜäöü]{1,5}(?:\s*/\s*[A-Za-zÄÖÜäöü]{1,5})*)\s*\((?P<agencies>[A-Za-z]{2,12}(?:\s*,\s*[A-Za-z]{2,12})*)\)\s*$")
TRAILING_AGENCY = re.compile(r"\((?P<agencies>[A-Za-z]{2,12}(?:\s*,\s*[A-Za-z]{2,12})*)\)\s*$")
INLINE_CREDIT = re.compile(r"(?:Bild|Foto|Fotos|Quelle|Image|Photo):\s")
ISO_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # end of the stripped content
    text: str  # stripped content


# ---------------------------------------------------------------------------- lexicons

@cache
def _noise() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(rx, re.I)) for kind, rx, _ in rows("noise.tsv", 3))


@cache
def _publishers() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(rx, re.I), label, key) for rx, label, key in rows("publishers.tsv", 3))


@cache
def _agencies() -> dict[str, str]:
    return {abbr.lower(): label for abbr, label, _ in rows("agencies.tsv", 3)}


def noise_kind(line: str) -> str | None:
    for kind, rx in _noise():
        if rx.match(line):
            return kind
    return None


# ---------------------------------------------------------------------------- files

def read_file(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


def decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{source}: looks binary (NUL bytes), not a text article",
                         hint="kb reads UTF-8 text, HTML pages and JSON lines")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
                         hint="convert it first, e.g. iconv -f latin1 -t utf-8") from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise InputError(f"{source}: looks binary ({controls} control characters), not a text article")
    return text


def parse_path(path: Path, source: str | None = None) -> list[Article]:
    """All articles in one file: one for text or HTML, one per line for JSON lines."""
    source = source or str(path)
    data = read_file(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or HTML_SNIFF.match(data[:512]):
        from kb.parse_html import parse_html  # trafilatura loads only when HTML comes in

        return [parse_html(data, source)]
    text = decode(data, source)
    if suffix in (".jsonl", ".ndjson"):
        return parse_jsonl(text, source, hashlib.sha256(data).hexdigest())
    article = parse_text(text, source)
    article.source_sha256 = hashlib.sha256(data).hexdigest()
    if article.date is None:
        article.date = date_from_name(path.name)
    return [article]


def date_from_name(name: str) -> date | None:
    """An ISO date in the file name (de_welt_2018-07-16_x.txt), the documented last resort."""
    match = ISO_IN_NAME.search(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def require_date(article: Article) -> date:
    if article.date is None:
        raise InputError(f"{article.source}: no publication date found",
                         hint="put the date on its own line under the title (e.g. '2. Mai 2017'), "
                              "or an ISO date in the file name, or pass --date")
    return article.date


# ---------------------------------------------------------------------------- JSON lines

def parse_jsonl(text: str, source: str, source_sha256: str) -> list[Article]:
    articles = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            raise InputError(f"{where}: a JSON line needs a non-empty \"text\"",
                             hint='one object per line: {"title": ..., "date": "YYYY-MM-DD", "text": ...}')
        title = record.get("title") or None
        body = record["text"]
        doc = f"{title}\n\n{body}" if title else body
        article = parse_text(doc, where)
        if title:
            article.segments = [Segment("title", Span(0, len(title), title))] + [
                s for s in article.segments if s.kind != "title" and s.span.start >= len(title)]
            article.title = title
        if record.get("date"):
            article.date = dates.parse_date(str(record["date"]))
            if article.date is None:
                raise InputError(f"{where}: date {record['date']!r} is not a date")
        for key in ("publisher", "section", "url", "language"):
            if isinstance(record.get(key), str):
                setattr(article, key, record[key])
        if isinstance(record.get("authors"), list):
            article.authors = [str(a) for a in record["authors"]]
        article.source_sha256 = source_sha256
        article.sha256 = hashlib.sha256(article.canonical_text.encode("utf-8")).hexdigest()
        articles.append(article)
    if not articles:
        raise InputError(f"{source}: no JSON lines")
    return articles


# ---------------------------------------------------------------------------- plain text

def split_lines(text: str) -> list[Line | None]:
    """Stripped lines with offsets; None for a blank line."""
    out: list[Line | None] = []
    for match in re.finditer(r"[^\n]*(?:\n|$)", text):
        raw = match.group(0)
        if not raw:
            break
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            out.append(None)
            continue
        start = match.start() + (len(content) - len(content.lstrip()))
        out.append(Line(start, start + len(stripped), stripped))
    return out


def blocks(lines: list[Line | None]) -> list[list[Line]]:
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line is None:
            if current:
                out.append(current)
                current = []
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def _is_heading(line: Line) -> bool:
    words = line.text.split()
    return len(words) <= 10 and not SENTENCE_END.search(line.text.rstrip('"“”'))


def parse_text(text: str, source: str) -> Article:
    """A plain-text article: a web copy (navigation, section, title, date line, lead, body with
    captions and credits, byline) or generic text whose first line is the title."""
    segments: list[Segment] = []
    furniture: list[str] = []
    authors: list[str] = []
    agencies: list[str] = []

    def add(kind: str, start: int, end: int) -> None:
        segments.append(Segment(kind, Span.of(text, start, end)))

    # Lines that are furniture on their own are taken out before the layout is read.
    content_blocks: list[list[Line]] = []
    video_titles: set[int] = set()  # content blocks followed by a video player
    captions: set[int] = set()  # content blocks that carried a picture credit
    for block in blocks(split_lines(text)):
        kept: list[Line] = []
        for line in block:
            kind = noise_kind(line.text)
            if kind:
                add(kind, line.start, line.end)
                furniture.append(line.text)
                if kind == "video" and content_blocks and not kept:
                    video_titles.add(len(content_blocks) - 1)
                if kind == "credit" and kept:
                    captions.add(len(content_blocks))
            else:
                kept.append(line)
        if kept:
            content_blocks.append(kept)

    # The date line fixes the layout: title before it, section before the title.
    when: date | None = None
    date_index = None
    for i, block in enumerate(content_blocks[:6]):
        if len(block) == 1 and (parsed := dates.parse_date_line(block[0].text)):
            when, date_index = parsed, i
            break
    first_body = 0
    title: str | None = None
    section: str | None = None
    if date_index is not None:
        add("date", content_blocks[date_index][0].start, content_blocks[date_index][0].end)
        before = [b for b in content_blocks[:date_index]]
        if before:
            title_line = before[-1][-1]
            add("title", title_line.start, title_line.end)
            title = title_line.text
            for extra in before[-1][:-1] + [ln for b in before[:-1] for ln in b]:
                if section is None and len(extra.text.split()) <= 3:
                    section = extra.text
                    add("section", extra.start, extra.end)
                else:
                    add("nav", extra.start, extra.end)
        first_body = date_index + 1
    elif content_blocks:
        title_line = content_blocks[0][0]
        if len(content_blocks[0]) == 1 and len(title_line.text) <= 200 and len(content_blocks) > 1:
            add("title", title_line.start, title_line.end)
            title = title_line.text
            first_body = 1

    lead_done = date_index is None
    body_blocks = content_blocks[first_body:]
    for index, block in enumerate(body_blocks, first_body):
        if index in captions:
            kind = "caption"
        elif index in video_titles and len(block) == 1 and _is_heading(block[0]):
            kind = "video"
        else:
            kind = _block_kind(block)
        if kind == "byline":
            match = BYLINE.match(block[0].text)
            authors += [a.strip() for a in match["authors"].split("/")]
            agencies += [a.strip() for a in match["agencies"].split(",")]
            add("byline", block[0].start, block[0].end)
            continue
        for line in block:
            if kind == "body":
                credit = INLINE_CREDIT.search(line.text)
                if credit and credit.start() > 0 and not SENTENCE_END.search(line.text[:credit.start()]):
                    add("caption", line.start, line.start + credit.start())
                    add("credit", line.start + credit.start(), line.end)
                    continue
                line_kind = "lead" if not lead_done else "body"
                lead_done = True
                add(line_kind, line.start, line.end)
                tail = TRAILING_AGENCY.search(line.text)
                if tail and all(a.strip().lower() in _agencies() for a in tail["agencies"].split(",")):
                    agencies += [a.strip() for a in tail["agencies"].split(",")]
            else:
                add(kind, line.start, line.end)

    segments.sort(key=lambda s: s.span.start)
    publisher = next((label for rx, label, _ in _publishers() for f in furniture if rx.search(f)), None)
    article = Article(source=source, text=text, segments=segments, title=title, date=when,
                      language=detect_language(text), publisher=publisher, section=section,
                      authors=authors, agencies=_unique(agencies))
    article.sha256 = hashlib.sha256(article.canonical_text.encode("utf-8")).hexdigest()
    article.source_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return article


def _block_kind(block: list[Line]) -> str:
    first = block[0]
    if len(block) == 1 and BYLINE.match(first.text):
        return "byline"
    if 2 <= len(block) <= 3 and len(first.text.split()) <= 6 and not SENTENCE_END.search(first.text):
        return "caption"  # a picture: alt text, caption (and credit)
    if len(block) == 1 and _is_heading(first):
        return "heading"
    return "body"


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


GERMAN = frozenset("der die das und ist nicht sich mit den dem des ein eine auch auf für von zu im sie er es wird hat".split())
ENGLISH = frozenset("the and is not of to in that it was for on with as he she they by from has have".split())


def detect_language(text: str) -> str:
    """'de' or 'en' by function-word counts (fast and deterministic; only these two are supported)."""
    words = re.findall(r"[a-zäöüß]+", text[:20000].lower())
    de = sum(1 for w in words if w in GERMAN)
    en = sum(1 for w in words if w in ENGLISH)
    return "en" if en > de else "de"
