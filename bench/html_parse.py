"""Reads: ../shared/data/news-html (raw pages and the fundus project's expected values).
Returns: prints a per-page table and totals; writes bench/results/html_parse.json.
Raises: SystemExit with a message when the data folder is missing.

Measures kb.parse_html.parse_html per page: title exact match, date match, authors match,
body paragraph recall and precision, milliseconds per page, and the time trafilatura alone
takes on the same (already decoded) page. Run: python bench/html_parse.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "news-html"
RESULTS = ROOT / "bench" / "results" / "html_parse.json"
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\ufeff]")
_BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class Case:
    """One page with what the fundus tests expect of it."""

    name: str
    path: Path
    url: str | None
    title: str
    date: str | None
    authors: list[str]
    paragraphs: list[str]  # summary and section paragraphs: what recall counts
    headlines: list[str]  # section headlines: also correct when extracted


@dataclass
class Score:
    name: str
    title: bool
    date: bool
    authors: bool
    recall: float
    precision: float
    expected: int
    extracted: int
    ms: float
    ms_trafilatura: float
    error: str | None = None


def norm(text: str) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def _version_key(key: str) -> tuple[int, ...]:
    return tuple(int(n) for n in key.lstrip("V").split("_"))


def load_cases(data: Path = DATA) -> list[Case]:
    """Pair each outlet's pages (by date) with its JSON entries (by version): both sort alike."""
    meta = json.loads((data / "meta.info").read_text(encoding="utf-8"))
    cases = []
    for expected_file in sorted(data.glob("*.json")):
        outlet = expected_file.stem
        page_name = re.compile(rf"{re.escape(outlet)}_\d{{4}}_\d\d_\d\d\.html\.gz")
        pages = sorted(p for p in data.glob(f"{outlet}_*.html.gz") if page_name.fullmatch(p.name))
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        keys = sorted(expected, key=_version_key)
        if len(keys) != len(pages):
            raise ValueError(f"{outlet}: {len(keys)} expected entries for {len(pages)} pages")
        for key, page in zip(keys, pages):
            cases.append(_case(page, expected[key], meta.get(page.name, {}).get("url")))
    return cases


def _case(page: Path, entry: dict, url: str | None) -> Case:
    body = entry.get("body") or {}
    sections = body.get("sections") or []
    paragraphs = list(body.get("summary") or []) + [p for s in sections for p in s.get("paragraphs") or []]
    headlines = [h for s in sections for h in s.get("headline") or []]
    return Case(
        name=page.name.removesuffix(".html.gz"),
        path=page,
        url=url,
        title=norm(entry.get("title") or ""),
        date=entry.get("publishing_date"),
        authors=[norm(a) for a in entry.get("authors") or []],
        paragraphs=[norm(p) for p in paragraphs if norm(p)],
        headlines=[norm(h) for h in headlines if norm(h)],
    )


def found_fraction(wanted: list[str], among: list[str]) -> float:
    """Share of ``wanted`` equal to, or contained in, the ``among`` paragraphs (joined)."""
    if not wanted:
        return 1.0
    joined = " ".join(among)
    return sum(1 for w in wanted if w in joined) / len(wanted)


def date_matches(expected: str | None, got) -> bool:
    """The date as written in the expected value, or that instant's date in Berlin."""
    if not expected:
        return got is None
    stamp = datetime.fromisoformat(expected)
    local = stamp.astimezone(_BERLIN).date() if stamp.tzinfo else stamp.date()
    return got in {stamp.date(), local}


def authors_match(expected: list[str], got: list[str]) -> bool:
    return {a.casefold() for a in expected} == {norm(a).casefold() for a in got}


def _best_ms(run, repeat: int) -> float:
    """Fastest of ``repeat`` runs, in milliseconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def score(case: Case, repeat: int = 1) -> Score:
    import trafilatura

    from kb.errors import InputError
    from kb.parse_html import _OPTIONS, _decode, parse_html

    data = gzip.decompress(case.path.read_bytes())
    try:
        article = parse_html(data, case.name, url=case.url)
    except InputError as err:
        return Score(case.name, False, False, False, 0.0, 0.0, len(case.paragraphs), 0, 0.0, 0.0, err.message)
    html = _decode(data, case.name)
    got = [s.span.text for s in article.body if s.kind != "title"]
    return Score(
        name=case.name,
        title=norm(article.title or "") == case.title,
        date=date_matches(case.date, article.date),
        authors=authors_match(case.authors, article.authors),
        recall=found_fraction(case.paragraphs, got),
        precision=found_fraction(got, case.paragraphs + case.headlines),
        expected=len(case.paragraphs),
        extracted=len(got),
        ms=_best_ms(lambda: parse_html(data, case.name, url=case.url), repeat),
        ms_trafilatura=_best_ms(lambda: trafilatura.bare_extraction(html, url=case.url, **_OPTIONS), repeat),
    )


def totals(scores: list[Score]) -> dict:
    n = len(scores)
    ms = sum(s.ms for s in scores)
    ms_tf = sum(s.ms_trafilatura for s in scores)
    return {
        "pages": n,
        "errors": sum(1 for s in scores if s.error),
        "title_match": sum(s.title for s in scores) / n,
        "date_match": sum(s.date for s in scores) / n,
        "authors_match": sum(s.authors for s in scores) / n,
        "body_recall": sum(s.recall for s in scores) / n,
        "body_precision": sum(s.precision for s in scores) / n,
        "ms_per_page": ms / n,
        "ms_per_page_trafilatura": ms_tf / n,
        "ratio_parse_html_to_trafilatura": ms / ms_tf if ms_tf else None,
    }


def print_table(scores: list[Score], total: dict) -> None:
    print(f"{'page':38} {'title':>5} {'date':>4} {'auth':>4} {'recall':>6} {'prec':>6} {'exp':>4} {'got':>4} {'ms':>7}")
    for s in scores:
        flags = ["yes" if v else "-" for v in (s.title, s.date, s.authors)]
        row = f"{s.name:38} {flags[0]:>5} {flags[1]:>4} {flags[2]:>4} {s.recall:6.2f} {s.precision:6.2f}"
        print(f"{row} {s.expected:4} {s.extracted:4} {s.ms:7.1f}" + (f"  {s.error}" if s.error else ""))
    print()
    for key, value in total.items():
        print(f"{key:34} {value:.3f}" if isinstance(value, float) else f"{key:34} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="parses per page for timing (default 3)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"news-html data not found at {DATA}; nothing to measure")
    sys.path.insert(0, str(ROOT))
    scores = [score(case, args.repeat) for case in load_cases()]
    total = totals(scores)
    print_table(scores, total)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    report = {"totals": total, "pages": [asdict(s) for s in scores]}
    RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
