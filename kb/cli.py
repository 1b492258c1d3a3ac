"""The kb command line: each command opens the store, calls one library function, prints.

Reads: arguments, KB_STORE, KB_DEBUG. Returns: exit codes (README lists them). Raises: nothing:
every KbError becomes one ``error: ...`` line (and ``hint: ...``) on stderr, in ``_fail``.
Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import json
import os
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
        except Exception as exc:  # a bug: still one line, with the way to see more
            if os.environ.get("KB_DEBUG"):
                raise
            typer.echo(f"error: internal error: {type(exc).__name__}: {exc}", err=True)
            typer.echo("hint: run again with KB_DEBUG=1 for the traceback, and report it", err=True)
            raise typer.Exit(70)
    return wrapper


def _open(store: Path, must_exist: bool = True):
    from kb.store import Store

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
    date_: Annotated[Optional[str], typer.Option("--date", help="Publication date for articles that lack one (YYYY-MM-DD).")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Skip bad files (reported) instead of stopping.")] = False,
) -> None:
    """Parse, extract and store articles; re-ingesting unchanged articles changes nothing.

    Example: kb ingest seeds/ --store .kb
    """
    from kb.pipeline import expand, ingest as run_ingest

    override = _date(date_)
    files = expand(paths)
    started = time.perf_counter()
    opener = lambda: _open(store, must_exist=False)  # noqa: E731 - opened only once the input parsed
    if sys.stderr.isatty():
        with typer.progressbar(length=len(files), label="ingest", file=sys.stderr) as bar:
            result = run_ingest(opener, files, override, keep_going, progress=lambda _: bar.update(1))
    else:
        result = run_ingest(opener, files, override, keep_going)
    elapsed = time.perf_counter() - started
    for reason in result.skipped:
        typer.echo(f"skipped: {reason}", err=True)
    typer.echo(f"{result.files} files, {result.articles} articles ({result.written} written, {result.unchanged} unchanged), "
               f"{result.claims} claims, {result.quads} quads in {store} ({elapsed:.2f} s)", err=True)


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
                typer.echo(f"{record['date']}  {claim.speaker.label:<28.28}  {claim.act:<9} {claim.form:<13} "
                           f"{claim.content.text[:90]}")


@app.command()
@command
def validate(
    store: StoreOption = DEFAULT_STORE,
    format: Annotated[ReportFmt, typer.Option("--format", "-f")] = ReportFmt.text,
    shapes: Annotated[Optional[Path], typer.Option("--shapes", help="Shapes directory (default: shapes/).")] = None,
) -> None:
    """Check the knowledge base against the SHACL shapes; exit 0 when it conforms, 1 when not.

    Example: kb validate --format text
    """
    from kb.validate import load_shapes, validate_graph

    db = _open(store)
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
    db = _open(store)
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
) -> None:
    """Write the whole knowledge base as TriG, N-Quads, Turtle (all graphs merged) or JSON-LD.

    Example: kb export --format trig -o kb.trig
    """
    from kb.pipeline import export as run_export

    data = run_export(_open(store), format.value)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        typer.echo(f"wrote {len(data)} bytes to {output}", err=True)


@app.command()
@command
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Counts: quads, graphs, articles, claims, propositions, speakers, speech acts.

    Example: kb stats
    """
    from kb.pipeline import stats as run_stats

    s = run_stats(_open(store))
    typer.echo(f"quads\t{s.quads}\ngraphs\t{s.graphs}\narticles\t{s.articles}\nclaims\t{s.claims}\n"
               f"propositions\t{s.propositions}\nshared propositions\t{s.shared_propositions}\nspeakers\t{s.speakers}")
    for act, n in s.by_act.items():
        typer.echo(f"act:{act}\t{n}")


@app.command()
def version() -> None:
    """Print kb's version.

    Example: kb version
    """
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console script entry
    app()
