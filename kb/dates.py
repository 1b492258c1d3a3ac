"""Dates in article text: the date line under a headline, and dates given as values.

Reads: strings. Returns: datetime.date or None. Raises: nothing.
A cheap regular expression decides whether a line can be a date; dateparser (German and
English month names, numeric forms) reads the ones that pass.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

MONTHS = ("januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|"
          "january|february|march|may|june|july|october|december|"
          "jan|feb|mär|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dez|dec")
DATE_LINE = re.compile(
    rf"^(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|"
    rf"friday|saturday|sunday),?\s+)?"
    rf"(?:\d{{1,2}}\.?\s*(?:{MONTHS})\.?\s+\d{{4}}|(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:,?\s+(?:um\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*uhr)?)?$",
    re.I,
)
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")


@cache
def _parser():
    import dateparser  # imported on first use: it takes a while to load

    return dateparser


def parse_date_line(line: str) -> date | None:
    """The date of a line that is nothing but a date ('2. Mai 2017', 'May 2, 2017', '2017-05-02')."""
    text = line.strip()
    if len(text) > 40 or not DATE_LINE.match(text):
        return None
    return parse_date(text)


def parse_date(value: str) -> date | None:
    text = value.strip()
    if match := ISO.match(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    parsed: datetime | None = _parser().parse(
        text, languages=["de", "en"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None
