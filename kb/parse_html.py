"""Reads: the bytes of one saved news web page (HTML), with the path it came from and its URL.
Returns: a ``kb.model.Article`` whose text is the extracted title and body paragraphs.
Raises: ``kb.errors.InputError`` for empty, binary or undecodable bytes, or a page with no body.

Trafilatura finds the article body and the metadata (htmldate the date). The document text
is built here: the title, then each block trafilatura kept, separated by blank lines, each
block with its whitespace collapsed; all offsets are code-point offsets into that text.
Blocks that are plainly not article prose (a byline, a date line, a credit, a "read also"
teaser) stay in the text as noise segments, so ``Article.body`` leaves them out.
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
_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}  # as browsers do (WHATWG Encoding)
_NOT_CHARSETS = {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7"} | {
    "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
# Ad containers by German class names, which trafilatura's (English) rules do not know.
_ADS = "//*[contains(@class, 'werbung') or contains(@class, 'anzeige') or contains(@class, 'sponsored')]"
_OPTIONS = dict(with_metadata=True, include_comments=False, include_tables=False, fast=True, prune_xpath=_ADS)

_WHITESPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\ufeff]")  # soft hyphen, zero-width space/non-joiner, BOM
_SITE_SUFFIX = re.compile(r"\s[|–—-]\s(?!.*\s[|–—-]\s)(.{2,40})$")
# Trafilatura's output tree: blocks that become one segment each; containers are descended.
_BLOCK_KIND = {"head": "heading", "p": "body", "item": "body", "quote": "body", "code": "body"}
_CONTAINERS = {"list", "div", "table", "row", "cell"}
_DATE_PREFIX = r"(stand|veröffentlicht|aktualisiert|zuletzt aktualisiert|erschienen)"
_DATE_TIME = r"(\w+,?\s+)?\d{1,2}\.\s*(\d{1,2}\.|\w+)\s*\d{2,4},?(\s*(um\s*)?\d{1,2}[:.]\d\d(\s*uhr)?)?"
_SENTENCE_MARK = re.compile(r"[.!?:;\"“”»«)]")
# Short blocks that are not article prose, by what they say (German and English sites).
_NOISE = (
    ("byline", re.compile(r"^(?i:von|by|text)\b:?\s+(([A-ZÄÖÜ]\S*|und|and|,)\s*){1,8}$")),
    ("date", re.compile(rf"^-?({_DATE_PREFIX}( am)?:?\s*)?({_DATE_TIME})?$", re.I)),
    ("credit", re.compile(
        r"^(©|\(c\)|copyright\b|(quelle|foto|fotos|bild|bilder|grafik|video|audio|mitarbeit|übersetzung"
        r"|redaktion|schlussredaktion)\s*:|\([\w/ ,.-]{1,30}\)$"
        r"|mit (material (von|der) )?(dpa|afp|ap|reuters|epd|kna|sid)\b)",
        re.I,
    )),
    ("trailer", re.compile(
        r"^(lesen sie (auch|mehr)|auch interessant|mehr zum thema|mehr (aus|nachrichten|themen)\b|zum artikel\b"
        r"|das könnte sie auch interessieren|weitere artikel|ähnliche\b|empfohlener redaktioneller inhalt)",
        re.I,
    )),
)
_NOISE_MAX_CHARS = 160

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(data: bytes, source: str, url: str | None = None) -> Article:
    """Extract title, metadata and body paragraphs from one HTML page."""
    html = _decode(data, source)
    doc = _extract(html, source, url)
    title = _title(doc.title, doc.sitename, doc.hostname)
    blocks = _label(_blocks(doc.body), title)
    if not any(kind == "body" and _is_prose(text) for kind, text in blocks):
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
        section=next((c for c in doc.categories or [] if c.strip()), None),
        authors=_authors(doc.author, doc.sitename, doc.hostname),
        url=doc.url or url,
        source_sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/html",
    )
    article.sha256 = hashlib.sha256(article.canonical_text.encode("utf-8")).hexdigest()
    return article


def _decode(data: bytes, source: str) -> str:
    """Decode by BOM, else as UTF-8 when the bytes are valid UTF-8, else by the declared charset.

    Valid UTF-8 wins over a declared single-byte charset: crawlers often save pages re-encoded
    as UTF-8 with the original ``charset=iso-8859-1`` left in place, and text in a legacy
    charset is almost never valid UTF-8 by accident.
    """
    if not data.strip():
        raise InputError(f"{source}: empty file, expected an HTML page")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    label = None
    if encoding is None:
        try:
            return _checked(data.decode("utf-8"), source)
        except UnicodeDecodeError:
            label, encoding = _declared_encoding(data[:_SNIFF_BYTES])
    try:
        text = data.decode(encoding)
    except UnicodeError as err:
        declared = f" (or declared charset {label})" if label else ""
        raise InputError(
            f"{source}: not valid UTF-8{declared} at byte {getattr(err, 'start', 0)}",
            hint="save the page with its original bytes, or convert it to UTF-8",
        ) from None
    return _checked(text, source)


def _checked(text: str, source: str) -> str:
    if "\x00" in text:
        raise InputError(f"{source}: binary data (NUL characters), expected an HTML page")
    return _XML_DECL_TEXT.sub("", text, count=1)


def _declared_encoding(head: bytes) -> tuple[str | None, str]:
    """The charset a meta tag or XML declaration names, and the Python codec to use (else UTF-8)."""
    found = _XML_DECL.search(head) or _CHARSET.search(head)
    if not found:
        return None, "utf-8"
    label = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return label, "utf-8"
    # Not a charset a page can be in: bytes-to-bytes codecs (base64), escapes, UTF-16 in ASCII.
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_CHARSETS:
        return label, "utf-8"
    return label, _ALIASES.get(codec.name, codec.name)


def _extract(html: str, source: str, url: str | None) -> trafilatura.settings.Document:
    try:
        doc = trafilatura.bare_extraction(html, url=url, **_OPTIONS)
    except (ValueError, TypeError, etree.LxmlError) as err:  # markup trafilatura gives up on
        raise InputError(f"{source}: cannot parse the HTML page ({err})") from None
    if doc is None or doc.body is None:
        raise InputError(f"{source}: no article text found in the HTML page")
    return doc


def _title(title: str | None, sitename: str | None, hostname: str | None) -> str | None:
    """The page title without a trailing " | Site" that names the site."""
    title = _clean(title or "")
    found = _SITE_SUFFIX.search(title)
    if found and _names_site(found.group(1), sitename, hostname):
        title = title[: found.start()]
    return title or None


def _names_site(name: str, sitename: str | None, hostname: str | None) -> bool:
    """Whether ``name`` is the site's name or domain ("WELT" for DIE WELT, "Golem.de")."""
    key = re.sub(r"\W", "", name.casefold())
    sites = [re.sub(r"\W", "", s.casefold()) for s in (sitename, hostname) if s]
    return len(key) >= 3 and any(key in site or key.startswith(site) for site in sites)


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
            if child.tag == "head" and child.get("rend") == "h1":
                out.append(("h1", text))
            elif re.search(r"\w", text):
                out.append((_BLOCK_KIND[child.tag], text))
    return out


def _label(blocks: list[tuple[str, str]], title: str | None) -> list[tuple[str, str]]:
    """Drop repeats of the headline; mark bylines, date lines, credits and teasers as noise."""
    out = []
    for kind, text in blocks:
        if kind == "h1" or text == title:
            continue  # the page headline: the title segment already holds it
        noise = len(text) <= _NOISE_MAX_CHARS and next((k for k, p in _NOISE if p.search(text)), None)
        out.append((noise or kind, text))
    return out


def _is_prose(text: str) -> bool:
    """Five words or more and a sentence mark: a paragraph, not a row of menu links."""
    return len(text.split()) >= 5 and _SENTENCE_MARK.search(text) is not None


def _assemble(title: str | None, blocks: list[tuple[str, str]]) -> tuple[str, list[Segment]]:
    parts = ([("title", title)] if title else []) + blocks
    text = "\n\n".join(part for _, part in parts)
    segments, start = [], 0
    for kind, part in parts:
        segments.append(Segment(kind, Span.of(text, start, start + len(part))))
        start += len(part) + 2
    return text, segments


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _authors(value: str | None, sitename: str | None, hostname: str | None) -> list[str]:
    """Trafilatura's "A; B" as a list, without the site itself ("Heise Online", "WDR")."""
    names = (_clean(n) for n in (value or "").split(";"))
    return [n for n in names if n and not _names_site(n, sitename, hostname)]


def _language(html: str) -> str:
    found = _HTML_LANG.search(html[: _SNIFF_BYTES * 4])
    return found.group(1).lower() if found else "de"
