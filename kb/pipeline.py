"""Calls the stages in order: parse → extract → rdf → store, and validate/export/stats over a store.

Reads: input paths, a Store. Returns: plain summaries (IngestResult, Stats) and claim records.
Raises: InputError for bad input (before anything is written), StoreError, QueryError, ShapesError.
No logic of its own beyond ordering, skipping unchanged articles and collecting figures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from kb import __version__, rdf
from kb.errors import InputError
from kb.extract import EXTRACTOR_ID, extract
from kb.model import Article, Claim
from kb.parse import parse_path, require_date
from kb.resources import ontology_dir
from kb.store import ExportFormat, Store
from kb.vocab import KBO, LINKS_GRAPH, ONTOLOGY_GRAPH, PROV, PROVENANCE_GRAPH

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the article files inside given folders (sorted, recursive)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            if not found:
                raise InputError(f"{path}: no article files ({', '.join(INPUT_SUFFIXES)}) in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


def articles(paths: Iterable[Path], date_override: date | None = None) -> Iterator[Article]:
    for path in expand(paths):
        for article in parse_path(path, str(path)):
            if date_override is not None:
                article.date = date_override
            require_date(article)
            yield article


def extract_paths(paths: Iterable[Path], date_override: date | None = None) -> Iterator[tuple[Article, list[Claim]]]:
    for article in articles(paths, date_override):
        yield article, extract(article)


@dataclass
class IngestResult:
    files: int = 0
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    claims: int = 0
    skipped: list[str] = field(default_factory=list)  # "source: reason" for --keep-going
    quads: int = 0  # quads in the store afterwards


def ensure_ontology(store: Store) -> None:
    """Load ontology/*.ttl into its graph when they changed since the last load."""
    files = sorted(ontology_dir().glob("*.ttl"))
    data = b"\n".join(f.read_bytes() for f in files)
    digest = hashlib.sha256(data).hexdigest()
    if store.graph_value(str(PROVENANCE_GRAPH), str(ONTOLOGY_GRAPH), str(KBO.sourceHash)) == digest:
        return
    store.load(data, str(ONTOLOGY_GRAPH))
    store.update(
        f"DELETE WHERE {{ GRAPH <{PROVENANCE_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{KBO.sourceHash}> ?h }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{PROVENANCE_GRAPH}> {{ <{ONTOLOGY_GRAPH}> <{KBO.sourceHash}> \"{digest}\" }} }}")


def ingest(store: Store | Callable[[], Store], paths: Iterable[Path], date_override: date | None = None,
           keep_going: bool = False, progress: Callable[[str], None] | None = None) -> IngestResult:
    """Parse and extract every file first (bad input stops everything before a write, unless
    keep_going), then write each changed article graph in its own transaction. ``store`` may be a
    function that opens it, so that bad input does not even create a store."""
    result = IngestResult()
    built: list[tuple[Article, list[Claim], rdf.ArticleGraphs]] = []
    files = expand(paths)
    result.files = len(files)
    for path in files:
        try:
            found = parse_path(path, str(path))
            for article in found:
                if date_override is not None:
                    article.date = date_override
                require_date(article)
        except InputError as exc:
            if not keep_going:
                raise
            result.skipped.append(exc.message)
            continue
        for article in found:
            started = datetime.now(timezone.utc)
            claims = extract(article)
            run = rdf.Run(EXTRACTOR_ID, __version__, started, datetime.now(timezone.utc))
            built.append((article, claims, rdf.build(article, claims, run)))
        if progress:
            progress(str(path))
    if not isinstance(store, Store) and callable(store):
        store = store()
    ensure_ontology(store)
    for article, claims, graphs in built:
        result.articles += 1
        result.claims += len(claims)
        run_iri = rdf.iris.run(article.sha256, EXTRACTOR_ID, __version__)
        if store.graph_value(str(PROVENANCE_GRAPH), graphs.graph_iri, str(PROV.wasGeneratedBy)) == run_iri:
            result.unchanged += 1
            continue
        store.replace_graphs({graphs.graph_iri: graphs.article}, provenance_for=graphs.graph_iri,
                             provenance=graphs.provenance, additions={str(LINKS_GRAPH): graphs.links})
        result.written += 1
    store.flush()
    result.quads = len(store)
    return result


@dataclass
class Stats:
    quads: int
    graphs: int
    articles: int
    claims: int
    propositions: int
    speakers: int
    shared_propositions: int
    by_act: dict[str, int]


STATS_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?p) AS ?props)
       (COUNT(DISTINCT ?s) AS ?speakers)
WHERE { ?c a kbo:Claim ; schema:appearance ?a ; schema:author ?s . OPTIONAL { ?c kbo:about ?p } }
"""
SHARED_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?c1 kbo:about ?p ; schema:appearance ?a1 . ?c2 kbo:about ?p ; schema:appearance ?a2 . FILTER(?a1 != ?a2) }
"""
ACT_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
SELECT ?act (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kbo:Claim ; kbo:speechAct ?act } GROUP BY ?act ORDER BY DESC(?n)
"""


def stats(store: Store) -> Stats:
    row = store.query(STATS_QUERY).rows[0]
    shared = store.query(SHARED_QUERY).rows[0][0]
    acts = {str(a).rsplit("#", 1)[-1]: int(n) for a, n in store.query(ACT_QUERY).rows}
    return Stats(len(store), len(store.named_graphs()), int(row[0]), int(row[1]), int(row[2]), int(row[3]),
                 int(shared), acts)


def export(store: Store, fmt: str) -> bytes:
    return store.dump(ExportFormat(fmt))
