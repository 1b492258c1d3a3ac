"""Calls the stages in order: parse → extract → rdf → store → link, and validate/export/stats over a store.

Reads: input paths, a Store, a source of Wikidata facts. Returns: plain summaries (IngestResult,
LinkResult, Stats) and claim records.
Raises: InputError for bad input (before anything is written), StoreError, QueryError, ShapesError.
No logic of its own beyond ordering, skipping unchanged articles and collecting figures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from rdflib import URIRef

from kb import __version__, rdf
from kb import link as linker
from kb.errors import InputError
from kb.extract import EXTRACTOR_ID, extract
from kb.model import Article, Claim
from kb.parse import parse_path, require_date
from kb.resources import ontology_dir
from kb.store import ExportFormat, Store
from kb.wikidata import Cache, Client, Seed, WikidataError
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
    links: "LinkResult | None" = None  # the Wikidata linking of the entities of the written articles
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
           keep_going: bool = False, progress: Callable[[str], None] | None = None,
           wikidata: linker.Source | None = None) -> IngestResult:
    """Parse and extract every file first (bad input stops everything before a write, unless
    keep_going), then write each changed article graph in its own transaction. ``store`` may be a
    function that opens it, so that bad input does not even create a store. Then link the
    entities of the written articles that have no Wikidata link yet (``wikidata``: default the
    shipped seed, offline); a failed lookup leaves the articles written (``result.links.error``)."""
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
    written: list[str] = []
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
        written.append(graphs.graph_iri)
    if written:
        result.links = link_entities(store, wikidata or Seed(), graphs=written, only_new=True)
    store.flush()
    result.quads = len(store)
    return result


# ---------------------------------------------------------------------- Wikidata links


@dataclass
class LinkResult:
    source: str = ""
    entities: int = 0
    accepted: int = 0  # owl:sameAs
    review: int = 0  # skos:closeMatch candidates
    none: int = 0  # no candidate (an existing link, if any, is kept)
    pending: int = 0  # not looked up: the endpoint failed before their batch
    texts: int = 0  # distinct labels looked up
    fetched: int = 0  # of which not in the cache
    requests: int = 0  # HTTP requests sent (retries included)
    error: WikidataError | None = None


ENTITIES_QUERY = """
PREFIX kbo: <https://kb.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?g ?date ?key ?type ?label WHERE {
  GRAPH ?g { ?entity kbo:entityKey ?key ; kbo:entityType ?type ; rdfs:label ?label .
             OPTIONAL { ?article a schema:NewsArticle ; schema:datePublished ?date } }
  FILTER(STRSTARTS(STR(?g), "https://kb.example.org/graph/article/"))
}
"""
LINKED_QUERY = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?entity WHERE { GRAPH <https://kb.example.org/graph/links> {
  { ?entity owl:sameAs ?item } UNION { ?entity skos:closeMatch ?item } } }
"""


def wikidata_source(store_dir: Path | None, endpoint: str | None, user_agent: str | None = None,
                    timeout: float = 60.0) -> linker.Source:
    """The shipped seed when ``endpoint`` is None (offline), else a client of ``endpoint`` whose
    cache is ``wikidata-cache.sqlite`` in the store directory (in memory for a store without one)."""
    if endpoint is None:
        return Seed()
    cache = Cache(store_dir / "wikidata-cache.sqlite" if store_dir is not None else None)
    options = {"user_agent": user_agent} if user_agent else {}
    return Client(endpoint, cache, timeout=timeout, **options)


def link_requests(store: Store, graphs: Iterable[str] | None = None) -> list[linker.Request]:
    """One request per entity per article graph (all graphs, or ``graphs``), with the article's
    date and the labels of the article's other entities as context."""
    wanted = None if graphs is None else list(dict.fromkeys(graphs))
    if wanted is not None and len(wanted) <= 50:  # a few articles: query each (?g bound), scan nothing else
        rows = [row for g in wanted for row in store.query(ENTITIES_QUERY, {"g": URIRef(g)}).rows]
    else:  # many: one pass over the store is cheaper than a query per graph
        keep = None if wanted is None else set(wanted)
        rows = [row for row in store.query(ENTITIES_QUERY).rows if keep is None or str(row[0]) in keep]
    articles: dict[str, tuple[date | None, dict[str, tuple[str, list[str]]]]] = {}
    for g, day, key, etype, label in rows:
        when, entities = articles.setdefault(str(g), (date.fromisoformat(str(day)) if day else None, {}))
        labels = entities.setdefault(str(key), (str(etype), []))[1]
        if getattr(label, "language", None) == "de":
            labels.insert(0, str(label))  # the German label first: the canonical one
        else:
            labels.append(str(label))
    requests = []
    for g, (when, entities) in sorted(articles.items()):
        for key, (etype, labels) in sorted(entities.items()):
            context = tuple(tuple(other) for k, (_, other) in sorted(entities.items()) if k != key)
            requests.append(linker.Request(key, etype, tuple(dict.fromkeys(labels)), when, context))
    return requests


def link_entities(store: Store, source: linker.Source, graphs: Iterable[str] | None = None,
                  only_new: bool = False) -> LinkResult:
    """Link the entities of ``graphs`` (default: every article) and write the links in one
    transaction. ``only_new``: leave entities that already have a link alone (ingest). An
    entity with no candidate keeps the link it has; one whose labels could not be looked up
    (the endpoint failed) is left as it was and counted as pending, with ``error`` set."""
    requests = link_requests(store, graphs)
    if only_new:
        linked = {str(row[0]) for row in store.query(LINKED_QUERY).rows}
        requests = [r for r in requests if rdf.iris.entity(r.key) not in linked]
    result = LinkResult(source.name)
    wanted = linker.texts(requests)
    result.texts = len(wanted)
    before = getattr(source, "requests", 0)
    try:
        result.fetched = source.prefetch(wanted)
    except WikidataError as exc:
        result.error = exc
    result.requests = getattr(source, "requests", 0) - before
    links = [link for link in linker.link(requests, source) if link.status != "skipped"]
    for link in links:
        setattr(result, link.status, getattr(result, link.status) + 1)
    result.entities = len(links)
    chosen = [link for link in links if link.status in ("accepted", "review")]
    if chosen:
        graph = rdf.links_graph(chosen, __version__)
        store.update(rdf.links_update(str(LINKS_GRAPH), [link.key for link in chosen], graph))
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
