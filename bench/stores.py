"""Reads: nothing (a synthetic KB is generated); starts Oxigraph server and Virtuoso on 127.0.0.1.
Returns: prints load and query figures per store, as ratios to the embedded store; --json writes them.
Raises: SystemExit with a message when a server cannot be started (``--stores`` picks which run).

The same synthetic KB goes into every store through the same code path as ``kb ingest``
(``Store.replace_graphs`` / ``RemoteStore.replace_graphs``, one article graph per call): N claims,
20 per article, shaped like docs/data-model.md because ``kb.rdf.build`` builds them from
generated ``Article``/``Claim`` records (speakers and propositions drawn from shared pools, so
cross-article queries have something to find). Then every named query runs on every store
(parameters: the first speaker, proposition and article); the best of --repeat runs counts.
Virtuoso runs with 1.3 GB of buffers, ResultSetMaxRows 10,000 and no refusal by cost estimate.
Run: python bench/stores.py [--claims 1000] [--stores embedded,oxigraph,virtuoso] [--skip q,...]
The full figure (claims.rq reads labels across the union of graphs and takes minutes there):
     python bench/stores.py --claims 100000 --repeat 1 --skip claims --json stores-100k.json
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb import rdf  # noqa: E402
from kb.model import Article, Claim, Entity, Proposition, Segment, Span  # noqa: E402

CLAIMS_PER_ARTICLE = 20
ACTS = (("assert", "positive"), ("deny", "negative"), ("accuse", "positive"), ("believe", "positive"),
        ("criticize", "positive"), ("demand", "positive"), ("warn", "positive"), ("reject", "negative"))
FORMS = ("direct", "indirect", "reported")
RELATIONS = ("interfere", "meet", "sanction", "support", "criticize", "negotiate", "threaten", "attack")
CUES = {"direct": "sagte", "indirect": "erklärte", "reported": "bestreitet"}


def _entities(rng: random.Random, n: int, kind: str, prefix: str) -> list[Entity]:
    return [Entity(f"{prefix}-{i}", f"{prefix.title()} {i}", kind, f"Q{1000 + i}" if kind == "person" and i % 3 == 0
                   else None, f"{prefix.title()} {i} (en)") for i in range(n)]


def synthetic(claims: int, seed: int = 7) -> Iterator[rdf.ArticleGraphs]:
    """Article graphs holding ``claims`` claims in all, 20 per article (the last may hold fewer)."""
    rng = random.Random(seed)
    people = _entities(rng, max(20, claims // 50), "person", "person")
    things = _entities(rng, max(10, claims // 200), "country", "country")
    props = [Proposition(rng.choice(things), rng.choice(RELATIONS), rng.choice(things), f"P{i} de", f"P{i} en")
             for i in range(max(10, claims // 10))]
    start = date(2015, 1, 1)
    run_at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    run = rdf.Run("bench/1", "0.0.0", run_at, run_at)
    made, number = 0, 0
    while made < claims:
        count = min(CLAIMS_PER_ARTICLE, claims - made)
        yield rdf.build(*_article(rng, number, count, start + timedelta(days=number % 2000), people, things, props),
                        run)
        made += count
        number += 1


def _article(rng: random.Random, number: int, count: int, day: date, people: list[Entity],
             things: list[Entity], props: list[Proposition]) -> tuple[Article, list[Claim]]:
    title = f"Synthetic article {number}"
    parts, spans = [title, "\n\n"], []
    offset = len(title) + 2
    for i in range(count):
        speaker, prop, form = rng.choice(people), rng.choice(props), FORMS[i % len(FORMS)]
        words = [speaker.label, CUES[form], f"„{prop.label_de} in Satz {i} von Artikel {number}“"]
        sentence = " ".join(words) + ". "
        s0 = offset
        s1 = s0 + len(words[0])
        c0 = s1 + 1
        c1 = c0 + len(words[1])
        t0 = c1 + 1
        t1 = t0 + len(words[2])
        spans.append((speaker, prop, form, (s0, s1), (c0, c1), (t0, t1)))
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts)
    article = Article(source=f"synthetic/{number}.txt", text=text,
                      segments=[Segment("title", Span.of(text, 0, len(title))),
                                Segment("body", Span.of(text, len(title) + 2, len(text)))],
                      title=title, date=day, publisher="Synthetic News", section="Politik",
                      authors=[f"author-{number % 7}"], agencies=["dpa"], source_sha256=f"{number:064x}",
                      sha256=rdf.iris.digest("synthetic", number, length=64))
    claims = []
    for speaker, prop, form, (s0, s1), (c0, c1), (t0, t1) in spans:
        act, polarity = rng.choice(ACTS)
        claims.append(Claim(speaker, Span.of(text, s0, s1), Span.of(text, c0, c1), Span.of(text, t0, t1), form, act,
                            polarity, "certain", day - timedelta(days=rng.randrange(3)), "bench",
                            propositions=[prop]))
    return article, claims


# ---------------------------------------------------------------------- stores

def _open(name: str, folder: Path):
    """(store, server or None) for 'embedded', 'oxigraph' or 'virtuoso' in a fresh ``folder``."""
    sys.path.insert(0, str(ROOT / "tests"))
    from servers import start_oxigraph, start_virtuoso  # the tests' fixtures, without pytest

    from kb.remote import RemoteStore
    from kb.store import Store

    if name == "embedded":
        return Store(folder / "kb"), None
    if name == "oxigraph":
        server = start_oxigraph(folder)
    else:  # realistic settings: 1.3 GB of buffers, Debian's 10,000 rows, no refusal by estimate
        server = start_virtuoso(folder, max_rows=10000, buffers=170000, cost_limit=0, time_limit=3600)
    return RemoteStore(server.query_url, server.update_url, server.user, server.password, timeout=600), server


def _load(store, graphs: list[rdf.ArticleGraphs]) -> float:
    """Seconds to write every article graph as ``kb ingest`` does (ontology first)."""
    from kb.pipeline import ensure_ontology
    from kb.vocab import LINKS_GRAPH

    started = time.perf_counter()
    ensure_ontology(store)
    for g in graphs:
        store.replace_graphs({g.graph_iri: g.article}, provenance_for=g.graph_iri, provenance=g.provenance,
                             additions={str(LINKS_GRAPH): g.links})
    store.flush()
    return time.perf_counter() - started


def _cases(store, skip: set[str]) -> list[tuple[str, str, dict]]:
    """(label, query text, bindings): every named query without required parameters, and the
    parameterised ones with the first speaker, topic and article of the data."""
    from rdflib import URIRef

    from kb import queries

    speaker = "https://kb.example.org/id/entity/person-0"
    topic = str(store.query("SELECT ?p WHERE { ?p a <https://kb.example.org/ontology#Proposition> } "
                            "ORDER BY ?p LIMIT 1").rows[0][0])
    article = str(store.query("SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> } "
                              "ORDER BY ?a LIMIT 1").rows[0][0])
    values = {"speaker": speaker, "entity": speaker, "topic": topic, "article": article}
    out = []
    for query in queries.list_queries():
        if "SERVICE" in query.text.upper() or query.name in skip:
            continue
        required = [p.name for p in query.params if not p.optional]
        if all(name in values for name in required):
            out.append((query.name, query.text, {name: URIRef(values[name]) for name in required}))
    return out


def _time(store, text: str, bindings: dict, repeat: int) -> tuple[float | None, int | str]:
    """(best seconds of ``repeat`` runs, result size), or (None, the error) when the store refuses it."""
    from kb.errors import KbError

    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            result = store.query(text, bindings)
        except KbError as exc:
            return None, exc.message[:160]
        times.append(time.perf_counter() - started)
        size = len(result.rows) if hasattr(result, "rows") else (len(result) if not isinstance(result, bool) else 1)
    return min(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000, help="claims in the synthetic KB (20 per article)")
    parser.add_argument("--stores", default="embedded,oxigraph,virtuoso")
    parser.add_argument("--repeat", type=int, default=2, help="runs per query (the best counts)")
    parser.add_argument("--skip", default="", help="named queries to leave out, comma-separated")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the servers are stopped
    names = [n.strip() for n in args.stores.split(",") if n.strip()]
    if names[0] != "embedded":
        parser.error("--stores must start with embedded: the ratios are to it")
    graphs = list(synthetic(args.claims))
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for name in names:
            folder = Path(tmp) / name
            folder.mkdir()
            try:
                store, server = _open(name, folder)
            except RuntimeError as exc:
                raise SystemExit(f"{name}: {exc}") from exc
            try:
                seconds = _load(store, graphs)
                quads = len(store)
                print(f"{name}: {quads} quads loaded in {seconds:.1f} s", file=sys.stderr)
                queries = {}
                for label, text, bindings in _cases(store, set(args.skip.split(","))):
                    queries[label] = _time(store, text, bindings, args.repeat)
                    print(f"  {label}: {queries[label]}", file=sys.stderr)
                figures[name] = {"load_s": seconds, "quads": quads, "queries": queries}
            finally:
                if server is not None:
                    server.stop()
    _report(figures, args.claims, len(graphs))
    if args.json:
        args.json.write_text(json.dumps({"claims": args.claims, "articles": len(graphs), "stores": figures},
                                        indent=2) + "\n")
    return 0


def _report(figures: dict[str, dict], claims: int, articles: int) -> None:
    base = figures["embedded"]
    names = list(figures)
    print(f"{claims} claims, {articles} articles, {base['quads']} quads; times, and in () the ratio to embedded")
    print(f"{'':26}" + "".join(f"{n:>22}" for n in names))
    print(f"{'load (s)':26}" + "".join(f"{f['load_s']:>13.2f} ({f['load_s'] / base['load_s']:5.1f}×)"
                                          for f in figures.values()))
    print(f"{'load (quads/s)':26}" + "".join(f"{f['quads'] / f['load_s']:>22,.0f}" for f in figures.values()))
    for label, (seconds, size) in base["queries"].items():
        cells = []
        for f in figures.values():
            t, n = f["queries"][label]
            if t is None:
                cells.append(f"{'refused':>22}")
                continue
            mark = "" if n == size else f" rows {n}≠{size}"
            cells.append(f"{t * 1000:>11.1f} ms ({t / seconds if seconds else 0:5.1f}×){mark}")
        print(f"{label + f' [{size}]':26}" + "".join(cells))
    for name, f in figures.items():
        for label, (t, n) in f["queries"].items():
            if t is None:
                print(f"{name} refused {label}: {n}")


if __name__ == "__main__":
    raise SystemExit(main())
