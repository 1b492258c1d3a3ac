"""Ingest throughput: articles per second through each stage, and where the time goes.

Runs the same stages as `kb ingest` (parse -> extract -> rdf -> store, one transaction per
article) over real text: the 700 SpkAtt documents converted to plain text (or the 10kGNAD
articles with --corpus 10kgnad), and prints per-stage time, articles/s for the whole ingest,
and the top entries of a cProfile run. Compares the embedded store write against rdflib's
in-memory Dataset (the naive way) on the same graphs.

    python bench/throughput.py [--corpus spkatt|10kgnad] [--limit N] [--profile 15]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import pstats
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kb import __version__, rdf  # noqa: E402
from kb.extract import EXTRACTOR_ID, extract  # noqa: E402
from kb.parse import parse_text  # noqa: E402
from kb.store import Store  # noqa: E402
from kb.vocab import LINKS_GRAPH  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def corpus(name: str, limit: int | None) -> list[str]:
    if name == "spkatt":
        import spkatt

        docs = spkatt.load_docs(DATA / "spkatt2023" / "train", "all", limit)
        return [d.text for d in docs]
    rows = list(csv.reader(io.StringIO((DATA / "10kgnad" / "test.csv").read_text(encoding="utf-8")),
                           delimiter=";", quotechar="'"))
    texts = [f"Artikel {i}\n\n2017-05-02\n\n{text}" for i, (_, text) in enumerate(rows)]
    return texts[:limit] if limit else texts


def run(texts: list[str]) -> dict:
    times = {"parse": 0.0, "extract": 0.0, "rdf": 0.0, "store": 0.0, "rdflib": 0.0}
    claims = 0
    from rdflib import Dataset, URIRef

    naive = Dataset()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        store = Store(Path(tmp) / "kb")
        started = time.perf_counter()
        for i, text in enumerate(texts):
            t0 = time.perf_counter()
            article = parse_text(text, f"doc{i}.txt")
            if article.date is None:
                article.date = date(2017, 5, 2)
            t1 = time.perf_counter()
            found = extract(article)
            t2 = time.perf_counter()
            now = datetime.now(timezone.utc)
            graphs = rdf.build(article, found, rdf.Run(EXTRACTOR_ID, __version__, now, now))
            t3 = time.perf_counter()
            store.replace_graphs({graphs.graph_iri: graphs.article}, provenance_for=graphs.graph_iri,
                                 provenance=graphs.provenance, additions={str(LINKS_GRAPH): graphs.links})
            t4 = time.perf_counter()
            target = naive.graph(URIRef(graphs.graph_iri))
            for triple in graphs.article:
                target.add(triple)
            t5 = time.perf_counter()
            times["parse"] += t1 - t0
            times["extract"] += t2 - t1
            times["rdf"] += t3 - t2
            times["store"] += t4 - t3
            times["rdflib"] += t5 - t4
            claims += len(found)
        store.flush()
        total = time.perf_counter() - started - times["rdflib"]
        quads = len(store)
        del store  # close it before its directory goes
    n = len(texts)
    return {
        "date": date.today().isoformat(),
        "articles": n,
        "claims": claims,
        "quads": quads,
        "seconds": round(total, 3),
        "articles_per_second": round(n / total, 1),
        "stage_seconds": {k: round(v, 3) for k, v in times.items()},
        "stage_share": {k: round(v / total, 3) for k, v in times.items() if k != "rdflib"},
        "store_write_vs_rdflib_dataset_add": round(times["store"] / times["rdflib"], 2) if times["rdflib"] else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["spkatt", "10kgnad"], default="spkatt")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--profile", type=int, default=15, help="top N profile entries (0: none)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"shared data not found at {DATA}: nothing to measure", file=sys.stderr)
        return 2
    texts = corpus(args.corpus, args.limit)
    run(texts[:20])  # warm the lexicon caches
    result = run(texts)
    result["corpus"] = args.corpus
    print(json.dumps(result, indent=2))
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        run(texts[:300])
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.profile)
        top = [line for line in out.getvalue().splitlines() if line.strip()][-args.profile - 1:]
        print("\nprofile (tottime, 300 articles):\n" + "\n".join(top))
        result["profile_top"] = top
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
