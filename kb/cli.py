"""The kb command line: each command opens the store, calls one library function, prints.

Reads: arguments, KB_STORE, KB_DEBUG. Returns: exit codes (README lists them). Raises: nothing:
every KbError becomes one ``error: ...`` line (and ``hint: ...``) on stderr, in ``_fail``.
Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Annotated, Optional

import typer

from kb import __version__
from kb.errors import KbError, StoreError, UsageError

app = typer.Typer(
    name="kb",
    help="Fact-check and claim-tracking knowledge base: who said what, when, how and about what, "
         "as RDF with provenance down to the character.\n\nExample: kb ingest seeds/ && kb query cross_article_claims",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[Path, typer.Option("--store", envvar="KB_STORE", help="Store directory (embedded Oxigraph).",
                                           show_default=True)]
DEFAULT_STORE = Path(".kb")
WikidataEndpointOption = Annotated[Optional[str], typer.Option(
    "--wikidata-endpoint", envvar="KB_WIKIDATA_ENDPOINT", metavar="URL",
    help="Look entities up at this SPARQL endpoint (Wikidata Query Service or a mirror); answers are cached "
         "in the store directory.")]
OfflineOption = Annotated[bool, typer.Option(
    "--offline", help="Link with the Wikidata facts shipped with kb only (verified seed QIDs); send nothing.")]
EndpointOption = Annotated[Optional[str], typer.Option(
    "--endpoint", envvar="KB_ENDPOINT", help="A SPARQL 1.1 endpoint URL to use instead of --store (a remote store).")]
UserOption = Annotated[Optional[str], typer.Option("--user", envvar="KB_ENDPOINT_USER",
                                                   help="User for --endpoint (Basic or Digest, as the server asks).")]
PasswordOption = Annotated[Optional[str], typer.Option("--password", envvar="KB_ENDPOINT_PASSWORD",
                                                       help="Password for --endpoint (better: KB_ENDPOINT_PASSWORD).")]


class Fmt(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExtractFmt(str, Enum):
    jsonl = "jsonl"
    table = "table"


class ReportFmt(str, Enum):
    text = "text"
    json = "json"
    turtle = "turtle"


class ExportFmt(str, Enum):
    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"
    jsonld = "jsonld"
    claimreview = "claimreview"


def _fail(exc: KbError) -> None:
    typer.echo(f"error: {' '.join(exc.message.split())}", err=True)  # always one line
    if exc.hint:
        typer.echo(f"hint: {' '.join(exc.hint.split())}", err=True)
    raise typer.Exit(exc.exit_code)


def command(fn: Callable) -> Callable:
    """Turn library errors into one line on stderr and their exit code (KB_DEBUG=1: traceback)."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KbError as exc:
            if os.environ.get("KB_DEBUG"):
                raise
            _fail(exc)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("error: interrupted", err=True)
            raise typer.Exit(130)
        except BrokenPipeError:  # 'kb query ... | head': the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0)
        except Exception as exc:  # a bug: still one line, with the way to see more
            if os.environ.get("KB_DEBUG"):
                raise
            typer.echo(f"error: internal error: {type(exc).__name__}: {exc}", err=True)
            typer.echo("hint: run again with KB_DEBUG=1 for the traceback, and report it", err=True)
            raise typer.Exit(70)
    return wrapper


def _open(store: Path, must_exist: bool = True, endpoint: Optional[str] = None, user: Optional[str] = None,
          password: Optional[str] = None):
    from kb.store import Store

    if endpoint:
        from kb.remote import RemoteStore

        return RemoteStore(endpoint, user=user, password=password)
    if must_exist and not store.exists():
        raise StoreError(f"no knowledge base at {store}", hint="run 'kb ingest PATH...' first, or pass --store DIR")
    return Store(store)


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date", hint="use YYYY-MM-DD") from None


@app.command()
@command
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")],
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date for articles that lack one (YYYY-MM-DD).")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Skip bad files (reported) instead of stopping.")] = False,
    wikidata_endpoint: WikidataEndpointOption = None,
    offline: OfflineOption = False,
) -> None:
    """Parse, extract and store articles; re-ingesting unchanged articles changes nothing.

    New entities are linked to Wikidata: offline from the shipped facts unless --wikidata-endpoint is given.

    Example: kb ingest seeds/ --store .kb
    """
    from kb.pipeline import expand, ingest as run_ingest

    override = _date(date_)
    files = expand(paths)
    started = time.perf_counter()
    opener = lambda: _open(store, False, endpoint, user, password)  # noqa: E731 - opened only once the input parsed
    source = _wikidata(None if endpoint else store, wikidata_endpoint, offline, online_default=False)
    if sys.stderr.isatty():
        with typer.progressbar(length=len(files), label="ingest", file=sys.stderr) as bar:
            result = run_ingest(opener, files, override, keep_going, progress=lambda _: bar.update(1), wikidata=source)
    else:
        result = run_ingest(opener, files, override, keep_going, wikidata=source)
    elapsed = time.perf_counter() - started
    for reason in result.skipped:
        typer.echo(f"skipped: {reason}", err=True)
    typer.echo(f"{result.files} files, {result.articles} articles ({result.written} written, {result.unchanged} unchanged), "
               f"{result.claims} claims, {result.quads} quads in {endpoint or store} ({elapsed:.2f} s)", err=True)
    if result.links is not None:
        _report_links(result.links)
        if result.links.error is not None:
            typer.echo(f"warning: Wikidata linking incomplete: {result.links.error.message}", err=True)
            typer.echo("hint: the articles are stored; run 'kb link' later to link the rest", err=True)


@app.command()
@command
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    format: Annotated[ExtractFmt, typer.Option("--format", "-f")] = ExtractFmt.jsonl,
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date for articles that lack one.")] = None,
) -> None:
    """Print the claims of articles without storing them (the extraction contract as JSON lines).

    Example: kb extract seeds/*.txt --format jsonl
    """
    from kb.pipeline import extract_paths
    from kb.rdf import claim_record

    for article, claims in extract_paths(paths, _date(date_)):
        for claim in claims:
            record = claim_record(article, claim)
            if format is ExtractFmt.jsonl:
                typer.echo(json.dumps(record, ensure_ascii=False))
            else:
                typer.echo(f"{record['date']}  {record['speaker']['label']:<28.28}  {claim.act:<9} {claim.form:<13} "
                           f"{claim.content.text[:90]}")


@app.command()
@command
def validate(
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    format: Annotated[ReportFmt, typer.Option("--format", "-f")] = ReportFmt.text,
    shapes: Annotated[Optional[Path], typer.Option("--shapes", help="Shapes directory (default: shapes/).")] = None,
) -> None:
    """Check the knowledge base against the SHACL shapes; exit 0 when it conforms, 1 when not.

    Example: kb validate --format text
    """
    from kb.validate import load_shapes, validate_graph

    db = _open(store, True, endpoint, user, password)
    shape_graph = load_shapes(shapes)
    report = validate_graph(db.union(), shape_graph)
    typer.echo({"text": report.to_text, "json": report.to_json, "turtle": report.to_turtle}[format.value]())
    raise typer.Exit(0 if report.conforms else 1)


@app.command("queries")
@command
def list_queries() -> None:
    """List the named queries with their parameters.

    Example: kb queries
    """
    from kb.queries import list_queries as all_queries

    for query in all_queries():
        params = ", ".join(p.name + ("?" if p.optional else "") for p in query.params)
        typer.echo(f"{query.name:<24} {query.summary}" + (f"  [{params}]" if params else ""))


@app.command()
@command
def query(
    name: Annotated[Optional[str], typer.Argument(help="A named query (see kb queries).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="k=v, repeatable.")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="A .rq file to run.")] = None,
    expression: Annotated[Optional[str], typer.Option("-e", "--expression", help="SPARQL text to run.")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
) -> None:
    """Run a named query, a query file or a SPARQL expression against the store.

    Example: kb query claims_by_speaker --param speaker=kb:entity/vladimir-putin
    """
    from kb.queries import NamedQuery, format_rows, get_query, load_query_file, run
    from kb.store import Rows

    chosen = [x for x in (name, file, expression) if x is not None]
    if len(chosen) != 1:
        raise UsageError("give exactly one of NAME, --file F or -e SPARQL", hint="kb queries lists the named queries")
    values = {}
    for item in param or []:
        if "=" not in item:
            raise UsageError(f"--param {item!r} is not k=v")
        key, value = item.split("=", 1)
        values[key.strip()] = value
    if name is not None:
        named = get_query(name)
    elif file is not None:
        named = load_query_file(file)
    else:
        named = NamedQuery("expression", Path("-e"), "", (), expression)
    db = _open(store, True, endpoint, user, password)
    result = run(db, named, values)
    if isinstance(result, (Rows, bool)):
        typer.echo(format_rows(result, format.value))
    else:
        typer.echo(result.serialize(format="turtle"))


@app.command()
@command
def export(
    format: Annotated[ExportFmt, typer.Option("--format", "-f")] = ExportFmt.trig,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = DEFAULT_STORE,
    endpoint: EndpointOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
) -> None:
    """Write the whole knowledge base as TriG, N-Quads, Turtle (all graphs merged) or JSON-LD.

    --format claimreview writes the fact-check reviews as schema.org ClaimReview JSON-LD.

    Example: kb export --format trig -o kb.trig
    """
    from kb.pipeline import export as run_export
    from kb.review import export_claimreview

    if format is ExportFmt.claimreview:
        data = export_claimreview(_open(store, True, endpoint, user, password))
    else:
        data = run_export(_open(store, True, endpoint, user, password), format.value)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        typer.echo(f"wrote {len(data)} bytes to {output}", err=True)


@app.command()
@command
def stats(store: StoreOption = DEFAULT_STORE, endpoint: EndpointOption = None, user: UserOption = None,
          password: PasswordOption = None) -> None:
    """Counts: quads, graphs, articles, claims, propositions, speakers, speech acts.

    Example: kb stats
    """
    from kb.pipeline import stats as run_stats

    s = run_stats(_open(store, True, endpoint, user, password))
    typer.echo(f"quads\t{s.quads}\ngraphs\t{s.graphs}\narticles\t{s.articles}\nclaims\t{s.claims}\n"
               f"propositions\t{s.propositions}\nshared propositions\t{s.shared_propositions}\nspeakers\t{s.speakers}")
    for act, n in s.by_act.items():
        typer.echo(f"act:{act}\t{n}")


@app.command()
@command
def review(
    claim: Annotated[str, typer.Argument(help="The claim: kb:claim/<id> or its full IRI.")],
    rating: Annotated[str, typer.Option("--rating", help="The rating as published, German or English "
                                        "(falsch, größtenteils falsch, Mostly False, Pants on Fire, irreführend, Satire ...).")],
    note: Annotated[str, typer.Option("--note", help="Why it is rated so (the review's text).")],
    evidence: Annotated[list[str], typer.Option("--evidence", help="A source URL or a claim (kb:claim/<id>); repeatable.")],
    author: Annotated[Optional[str], typer.Option("--author", envvar="KB_REVIEWER", help="The reviewer's name.")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="The review's date, YYYY-MM-DD (default: today).")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Record a fact-check review of a claim: a schema:ClaimReview in kbg:reviews, rating normalised.

    Example: kb review kb:claim/d9c2824c5edb1f0f --rating "Größtenteils falsch" --note "..." --evidence https://example.org/source --author "A. Muster"
    """
    from kb.review import review as write_review

    done = write_review(_open(store), claim, rating, note, evidence, author or "", _date(date_) or date.today())
    scale = f"{done.rating.value} of {done.rating.worst}..{done.rating.best}" if done.rating.value else "not on the scale"
    typer.echo(done.iri)
    typer.echo(f"reviewed {done.claim}: {done.rating.original!r} = {done.rating.category} ({scale})", err=True)


@app.command()
@command
def relations(store: StoreOption = DEFAULT_STORE) -> None:
    """Link claims over time (repeats, reverses, contradicts, follows up) into kbg:relations, replaced whole.

    Runs queries/claim_relations.rq; run it again after ingesting.

    Example: kb relations && kb query -e 'SELECT * WHERE { GRAPH kbg:relations { ?a ?relation ?b } }'
    """
    from kb.relations import materialise

    for name, count in materialise(_open(store)).items():
        typer.echo(f"{name}\t{count}")


@app.command()
@command
def similar(
    threshold: Annotated[float, typer.Option("--threshold", min=0.0, max=1.0,
                                             help="Lowest score written (0..1).")] = 0.4,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Link claims of different articles that are about the same thing but share no proposition,
    with a score (entities, words, relation) into kbg:similarity, replaced whole.

    Example: kb similar --threshold 0.4
    """
    from kb.similarity import materialise

    links = materialise(_open(store), threshold)
    for link in sorted(links, key=lambda x: -x.score):
        typer.echo(f"{link.score:.3f}\t{link.a}\t{link.b}")
    typer.echo(f"{len(links)} similarity links at threshold {threshold}", err=True)


@app.command()
@command
def timeline(
    topic: Annotated[str, typer.Argument(help="A proposition or entity: kb:proposition/<id>, kb:entity/<key> "
                                         "(or just <key>), wd:Q<n>, or a full IRI.")],
    svg: Annotated[Optional[Path], typer.Option("--svg", help="Also draw the timeline as an SVG picture in this file.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Only claims made on or after this date (YYYY-MM-DD).")] = None,
    format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Print the claims about a proposition or an entity in date order; --svg also draws them.

    Example: kb timeline kb:entity/russia --svg russia.svg
    """
    from kb.queries import format_rows, shorten
    from kb.timeline import rows, svg as draw, timeline as build

    day = _date(since)
    line = build(_open(store), topic, day.isoformat() if day else None)
    text = format_rows(rows(line, 80 if format is Fmt.table else None), format.value)
    typer.echo(text, nl=not text.endswith("\n"))
    if not line.entries:
        typer.echo(f"no claims on the timeline of {shorten(line.topic)}", err=True)
    if svg is not None:
        try:
            svg.write_text(draw(line), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {svg}: {exc.strerror or exc}") from exc
        typer.echo(f"wrote {len(line.entries)} claims to {svg}", err=True)


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


@app.command()
@command
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback unless you mean otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = 8000,
    update_token: Annotated[Optional[str], typer.Option(
        "--update-token", envvar="KB_UPDATE_TOKEN",
        help="Accept SPARQL updates from clients sending 'Authorization: Bearer TOKEN' (default: read-only).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before the client gets 503.")] = 30.0,
) -> None:
    """Serve the knowledge base as a SPARQL 1.1 endpoint at /sparql (GET and POST, CORS, read-only by default).

    Example: kb serve --port 8000   (then: curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql?query=ASK{}')
    """
    from kb.serve import make_server

    db = _open(store)
    server = make_server(db, host, port, update_token, timeout)
    mode = "updates with the token" if update_token else "read-only"
    typer.echo(f"serving {store} at http://{host}:{server.server_address[1]}/sparql ({mode}); Ctrl-C stops", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines can reach this endpoint", err=True)
    signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl-C: close the server and the store
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _wikidata(store: Optional[Path], endpoint: Optional[str], offline: bool, online_default: bool):
    from kb.pipeline import wikidata_source
    from kb.wikidata import DEFAULT_ENDPOINT

    if offline and endpoint:
        raise UsageError("give --offline or --wikidata-endpoint, not both")
    if offline or (endpoint is None and not online_default):
        return wikidata_source(None, None)
    return wikidata_source(store, endpoint or DEFAULT_ENDPOINT, os.environ.get("KB_WIKIDATA_USER_AGENT"))


def _report_links(r) -> None:
    typer.echo(f"links: {r.accepted} accepted (owl:sameAs), {r.review} for review (skos:closeMatch), "
               f"{r.none} without candidates, {r.pending} pending; {r.texts} labels, {r.fetched} fetched in "
               f"{r.requests} requests to {r.source}", err=True)


@app.command()
@command
def link(
    store: StoreOption = DEFAULT_STORE,
    wikidata_endpoint: WikidataEndpointOption = None,
    offline: OfflineOption = False,
) -> None:
    """Re-link every speaker and entity of the store to Wikidata (default: the Wikidata Query Service).

    Accepted links become owl:sameAs, doubtful ones skos:closeMatch candidates, in kbg:links with their
    score and provenance. Answers are cached in the store directory: a re-run sends nothing. Set
    KB_WIKIDATA_USER_AGENT to name yourself to the endpoint.

    Example: kb link --offline   (or: kb link --wikidata-endpoint https://query.wikidata.org/sparql)
    """
    from kb.pipeline import link_entities

    db = _open(store)
    result = link_entities(db, _wikidata(store, wikidata_endpoint, offline, online_default=True))
    db.flush()
    _report_links(result)
    if result.error is not None:
        raise result.error


@app.command()
def version() -> None:
    """Print kb's version.

    Example: kb version
    """
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console script entry
    app()
