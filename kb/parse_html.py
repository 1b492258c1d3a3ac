"""Reads: the bytes of one saved news web page (HTML), with the path it came from and its URL.
Returns: a ``kb.model.Article`` whose text is the extracted title and body paragraphs.
Raises: ``kb.errors.InputError`` for empty, binary or undecodable bytes, or a page with no body.

Trafilatura finds the article body and the metadata (htmldate for the date). The document
text is built here: the title, then each body block, separated by blank lines, every block
with its whitespace collapsed. All offsets are code-point offsets into that text.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from datetime import date

import trafilatura
from lxml import etree

from kb.errors import InputError
from kb.model import Article, Segment, Span

_SNIFF_BYTES = 4096
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# As browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252, and a
# UTF-16 label in an ASCII-compatible page means UTF-8.
_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252", "utf-16": "utf-8"}
_WHITESPACE = re.compile(r"\s+")
# Trafilatura's output tree: blocks whose text is one segment each; containers are descended.
_BLOCK_KIND = {"head": "heading", "p": "body", "item": "body", "quote": "body", "code": "body"}
_CONTAINERS = {"list", "div", "table", "row", "cell"}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(data: bytes, source: str, url: str | None = None) -> Article:
    """Extract title, metadata and body paragraphs from one HTML page."""
    html = _decode(data, source)
    doc = _extract(html, source, url)
    title = _clean(doc.title or "") or None
    blocks = [b for b in _blocks(doc.body) if b[1] != title]
    if not blocks:
        raise InputError(f"{source}: no article text found in the HTML page")
    text, segments = _assemble(title, blocks)
    article = Article(
        source=source,
        text=text,
        segments=segments,
        title=title,
        date=_date(doc.date),
        language=_language(html),
        publisher=doc.sitename or None,
        section=doc.categories[0] if doc.categories else None,
        authors=_authors(doc.author),
        url=doc.url or url,
        source_sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/html",
    )
    article.sha256 = hashlib.sha256(article.canonical_text.encode("utf-8")).hexdigest()
    return article


def _decode(data: bytes, source: str) -> str:
    """Decode by BOM, then the declared charset (meta or XML declaration), else UTF-8."""
    if not data.strip():
        raise InputError(f"{source}: empty file, expected an HTML page")
    encoding = _declared_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{source}: not valid UTF-8 (or declared charset {encoding}) at byte {err.start}",
            hint="save the page with its original bytes, or convert it to UTF-8",
        ) from None
    if "\x00" in text:
        raise InputError(f"{source}: binary data (NUL characters), expected an HTML page")
    return _XML_DECL_TEXT.sub("", text, count=1)


def _declared_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:_SNIFF_BYTES]
    found = _XML_DECL.search(head) or _CHARSET.search(head)
    if not found:
        return "utf-8"
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return "utf-8"
    return _ALIASES.get(name, "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name)


def _extract(html: str, source: str, url: str | None) -> trafilatura.settings.Document:
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, etree.LxmlError) as err:  # malformed markup trafilatura gives up on
        raise InputError(f"{source}: cannot parse the HTML page ({err})") from None
    if doc is None or doc.body is None:
        raise InputError(f"{source}: no article text found in the HTML page")
    return doc


def _blocks(element: etree._Element) -> list[tuple[str, str]]:
    """(kind, text) for each block of trafilatura's body tree, in document order."""
    out: list[tuple[str, str]] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _CONTAINERS or (child.tag == "quote" and child.find("p") is not None):
            out.extend(_blocks(child))
        elif child.tag in _BLOCK_KIND:
            text = _clean("".join(child.itertext()))
            if text:
                out.append((_BLOCK_KIND[child.tag], text))
    return out


def _assemble(title: str | None, blocks: list[tuple[str, str]]) -> tuple[str, list[Segment]]:
    parts = ([("title", title)] if title else []) + blocks
    text = "\n\n".join(part for _, part in parts)
    segments, start = [], 0
    for kind, part in parts:
        segments.append(Segment(kind, Span.of(text, start, start + len(part))))
        start += len(part) + 2
    return text, segments


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _authors(value: str | None) -> list[str]:
    return [name for name in (_clean(n) for n in (value or "").split(";")) if name]


def _language(html: str) -> str:
    found = _HTML_LANG.search(html[: _SNIFF_BYTES * 4])
    return found.group(1).lower() if found else "de"
