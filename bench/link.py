"""Precision and recall of kb's Wikidata linker on the labelled mentions, and requests per label.

    python bench/link.py [--json bench/results/link.json]

Mentions: tests/fixtures/link/mentions.tsv (the seeds and ../shared/data/same-story, hand-labelled;
gold QIDs only from shared/data/wikidata/seed-entities.tsv, or NIL). Each mention is linked on
its own (kb.link.decide) with its kb entity's labels, its surface form, the article's date and
the article's other entities as context. Two sources:
- offline: the seed shipped with kb (kb/data/wikidata-seed.json);
- fixture: `oxigraph serve` on 127.0.0.1 loaded with tests/fixtures/wikidata/fixture.ttl (the
  seed QIDs plus distractors), looked up through kb.wikidata.Client; then a second client on the
  same cache, which must send nothing.
Precision = correct links / links made; recall = correct links / mentions with a gold QID. A link
to anything when the gold is NIL is a wrong link. Requests are HTTP requests, retries included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MENTIONS = ROOT / "tests" / "fixtures" / "link" / "mentions.tsv"
FIXTURE = ROOT / "tests" / "fixtures" / "wikidata" / "fixture.ttl"


@dataclass(frozen=True)
class Mention:
    article: str
    date: date
    start: int
    end: int
    surface: str
    entity: str
    type: str
    label_de: str
    label_en: str
    gold: str | None  # None: NIL
    note: str


def load_mentions(path: Path = MENTIONS) -> list[Mention]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("article\t"):
            continue
        f = line.split("\t")
        f += [""] * (11 - len(f))
        out.append(Mention(f[0], date.fromisoformat(f[1]), int(f[2]), int(f[3]), f[4], f[5], f[6], f[7], f[8],
                           None if f[9] == "NIL" else f[9], f[10]))
    return out


def requests(mentions: list[Mention]):
    """One kb.link.Request per mention: the entity's labels, then the surface form if it differs."""
    from kb.link import Request

    by_article: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for m in mentions:
        by_article[m.article][m.entity] = tuple(x for x in (m.label_de, m.label_en) if x)
    out = []
    for m in mentions:
        labels = tuple(dict.fromkeys(x for x in (m.label_de, m.label_en) if x))
        surfaces = 0 if m.surface in labels else 1
        context = tuple(v for k, v in sorted(by_article[m.article].items()) if k != m.entity)
        out.append(Request(m.entity, m.type, labels + ((m.surface,) if surfaces else ()), m.date, context, surfaces))
    return out


def evaluate(mentions: list[Mention], source) -> dict:
    from kb.link import decide, texts

    reqs = requests(mentions)
    wanted = texts(reqs)
    before = getattr(source, "requests", 0)
    started = time.perf_counter()
    source.prefetch(wanted)
    fetch_seconds = time.perf_counter() - started
    sent = getattr(source, "requests", 0) - before
    tp = fp = fn = 0
    wrong, missed = [], []
    for m, r in zip(mentions, reqs):
        link = decide(r, source)
        qid = link.qid
        if qid is not None and qid == m.gold:
            tp += 1
            continue
        if qid is not None:
            fp += 1
            wrong.append(f"{m.article}:{m.start} {m.surface!r} -> {qid} (gold {m.gold or 'NIL'})")
        if m.gold is not None:
            fn += 1
            missed.append(f"{m.article}:{m.start} {m.surface!r} gold {m.gold}: {link.status}"
                          + (f" {[c.qid for c in link.candidates]}" if link.candidates else ""))
    gold = sum(1 for m in mentions if m.gold)
    return {
        "mentions": len(mentions), "with_gold": gold, "nil": len(mentions) - gold,
        "links": tp + fp, "correct": tp, "wrong": fp,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / gold, 4) if gold else None,
        "distinct_labels": len(wanted), "requests": sent,
        "labels_per_request": round(len(wanted) / sent, 1) if sent else None,
        "fetch_seconds": round(fetch_seconds, 3),
        "wrong_links": wrong, "missed": missed,
    }


# ---------------------------------------------------------------------- a fixture server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FixtureServer:
    """``oxigraph serve`` in memory on 127.0.0.1 and a free port, loaded with a Turtle file."""

    def __init__(self, data: Path = FIXTURE, exe: str | None = None):
        self.data, self.exe = data, exe or shutil.which("oxigraph")
        self.process: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> "FixtureServer":
        if self.exe is None:
            raise RuntimeError("oxigraph is not installed (pip install oxigraph)")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([self.exe, "serve", "--bind", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for _ in range(200):  # at most ~20 s
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
            try:
                with opener.open(base + "/query?query=ASK%7B%7D", timeout=1) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        else:
            self.__exit__()
            raise RuntimeError(f"oxigraph serve on {base} was not ready")
        load = urllib.request.Request(base + "/store?default", data=self.data.read_bytes(), method="POST",
                                      headers={"Content-Type": "text/turtle"})
        with opener.open(load, timeout=30) as response:
            assert response.status in (200, 201, 204), response.status
        self.url = base + "/query"
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# ---------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "link.json")
    parser.add_argument("--show", action="store_true", help="list wrong and missed links")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from kb.wikidata import Cache, Client, Seed

    mentions = load_mentions()
    results = {"offline": evaluate(mentions, Seed())}
    with FixtureServer() as server, tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp) / "cache.sqlite")
        results["fixture"] = evaluate(mentions, Client(server.url, cache))
        rerun = evaluate(mentions, Client(server.url, Cache(Path(tmp) / "cache.sqlite")))
        results["fixture_cached_rerun"] = {"requests": rerun["requests"], "precision": rerun["precision"],
                                           "recall": rerun["recall"]}
    for name in ("offline", "fixture"):
        r = results[name]
        print(f"{name:8} mentions {r['mentions']} (gold {r['with_gold']}, NIL {r['nil']}): links {r['links']}, "
              f"correct {r['correct']}, wrong {r['wrong']}; precision {r['precision']}, recall {r['recall']}; "
              f"{r['distinct_labels']} distinct labels in {r['requests']} requests")
        if args.show:
            for line in r["wrong_links"]:
                print("  wrong ", line)
            for line in r["missed"]:
                print("  missed", line)
    print(f"cached re-run: {results['fixture_cached_rerun']['requests']} requests")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
