"""A remote SPARQL 1.1 endpoint behind the same interface as kb.store.Store.

Reads: rdflib graphs to write, SPARQL text with bound variables. Returns: what Store returns
(Rows, booleans, rdflib graphs, serialised bytes). Raises: StoreError (unreachable, refused,
truncated or partial results), QueryError (the server rejects the SPARQL), InputError (a literal
that is not valid for its datatype, refused before anything is sent).

- Reads go through SPARQLWrapper (POST, SPARQL JSON results; CONSTRUCT as N-Triples or Turtle).
- Every query is scoped to kb's named graphs (those under ``kbg:``), whatever the server's own
  default graph is: by the protocol's dataset parameters, one ``default-graph-uri`` and
  ``named-graph-uri`` per graph; on an Oxigraph server that holds kb's graphs only, by its
  ``union-default-graph``; on Virtuoso holding more kb graphs than others, by excluding the
  others (the same dataset each time, in the form that server handles well).
- Parameters become a ``VALUES`` block of N-Triples terms first in the query's WHERE group: the
  rows of the embedded store's substitutions for a parameter that a triple pattern or a FILTER
  of that group uses, as in every named query.
- Writes: one SPARQL Update request per article on Oxigraph (one transaction); on Virtuoso a
  Graph Store Protocol PUT into a temporary graph that is then moved in; elsewhere one request
  of at most ``max_triples`` triples, or batches into a temporary graph. The provenance record
  that marks an article as written comes last. Literals are checked before sending, language
  tags lower-cased, blank nodes never sent.
- Virtuoso: a SELECT cut at ResultSetMaxRows (``X-SPARQL-MaxRows``) is re-run in ordered pages, a
  CONSTRUCT runs as a paged SELECT of its template's variables, partial results at its time
  limit (``X-SQL-State: S1TAT``) are an error. docs/decisions.md has the measurements.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from kb.errors import InputError, QueryError, StoreError
from kb.iris import digest
from kb.store import ExportFormat, Rows, Store, GraphLike, from_ox, parse_turtle, to_ox
from kb.vocab import BASE, GRAPH, PREFIXES, PROV, PROVENANCE_GRAPH

XSD = "http://www.w3.org/2001/XMLSchema#"
TEMP_GRAPHS = str(GRAPH) + "tmp/"
EMPTY_GRAPH = str(GRAPH) + "none"  # the scope of a KB that has no graph yet
SKOLEM = BASE + ".well-known/genid/"
_RETRIES = 3
# Virtuoso echoes every dataset graph of a request as a response header (X-SPARQL-default-graph);
# http.client refuses more than 100 headers.
http.client._MAXHEADERS = max(http.client._MAXHEADERS, 1_000_000)


# ---------------------------------------------------------------------- SPARQL text

_LEXEMES = re.compile(
    r'(<[^<>"{}|^`\\\x00-\x20]*>)'  # an IRI
    r'|("""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"  # long strings
    r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*')"  # strings
    r"|(#[^\n\r]*)",  # a comment
    re.S)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![\w:-])", re.I)


def _uncommented(text: str) -> str:
    return _LEXEMES.sub(lambda m: "" if m.group(3) else m.group(0), text)


def _mask(text: str) -> str:
    """``text`` with IRIs, strings and comments blanked, so braces and keywords can be found."""
    return _LEXEMES.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class _Shape:
    """Where the parts of a query are: its form keyword, its WHERE group, what follows it."""

    form: str
    start: int  # offset of the form keyword (the prologue is before it)
    open: int | None  # offset of the WHERE group's "{"
    close: int | None  # offset of its "}"
    tail: str  # the masked solution modifiers after the group


def shape(text: str) -> _Shape:
    masked = _mask(text)
    form = _FORM.search(masked)
    if form is None:
        raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")
    i = form.end()
    if form.group(1).upper() == "CONSTRUCT" and masked[i:].lstrip().startswith("{"):
        i = _matching(masked, masked.index("{", i)) + 1  # skip the template
    depth, open_ = 0, None
    for j in range(i, len(masked)):
        c = masked[j]
        depth += (c == "(") - (c == ")")
        if c == "{" and depth == 0:
            open_ = j
            break
    if open_ is None:
        return _Shape(form.group(1).upper(), form.start(), None, None, "")
    close = _matching(masked, open_)
    return _Shape(form.group(1).upper(), form.start(), open_, close, masked[close + 1:])


def _matching(masked: str, open_: int) -> int:
    depth = 0
    for j in range(open_, len(masked)):
        depth += (masked[j] == "{") - (masked[j] == "}")
        if depth == 0:
            return j
    raise QueryError("unbalanced braces in the query")


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` first in its WHERE group."""
    if not bindings:
        return text
    parts = shape(text)
    if parts.open is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(nt(term) for term in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    inner = _mask(text[parts.open + 1:parts.close]).lstrip()
    if re.match(r"SELECT\b", inner, re.I):  # a group that is only a subquery: wrap it
        return f"{text[:parts.open + 1]}{block}{{{text[parts.open + 1:parts.close]}}}{text[parts.close:]}"
    return f"{text[:parts.open + 1]}{block}{text[parts.open + 1:]}"


def paged(text: str, variables: list[str], offset: int, limit: int) -> str:
    """One page of a SELECT in a total order: the query's own ORDER BY, then every variable."""
    parts = shape(text)
    tail = parts.tail
    if re.search(r"\b(LIMIT|OFFSET|VALUES)\b", tail, re.I):
        raise StoreError("the server truncated the result (ResultSetMaxRows) and the query has its own "
                         "LIMIT, OFFSET or trailing VALUES, so kb cannot page it",
                         hint="lower the LIMIT below the server's maximum, or raise ResultSetMaxRows")
    order = " ".join(f"?{v}" for v in variables)
    body = text[parts.start:] + (f"\n{order}" if re.search(r"\bORDER\s+BY\b", tail, re.I) else f"\nORDER BY {order}")
    return f"{text[:parts.start]}SELECT * WHERE {{ {{\n{body}\n}} }} OFFSET {offset} LIMIT {limit}"


def with_prefixes(text: str) -> str:
    """kb's prefixes that the text does not declare, declared first (as the embedded store does)."""
    declared = {m.group(1) for m in re.finditer(r"\bPREFIX\s+([\w.-]*):", _mask(text), re.I)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()) if p not in declared]
    return "\n".join([*missing, text]) if missing else text


def construct(text: str, select) -> Graph:
    """A CONSTRUCT run as a SELECT of its template's variables (which ``select`` pages), the
    template filled in here: Virtuoso cuts CONSTRUCT results at ResultSetMaxRows silently."""
    parts = shape(text)
    masked = _mask(text)
    start = masked.index("{", parts.start)
    short = start == parts.open  # CONSTRUCT WHERE { triples }: the pattern is the template
    end = parts.close if short else _matching(masked, start)
    template = text[start + 1:end]
    found = list(re.finditer(r"[?$](\w+)", _mask(template)))  # not inside IRIs or strings
    names = sorted({m.group(1) for m in found})
    prologue = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in
                       re.findall(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", text[:parts.start], re.I))
    for m in reversed(found):
        template = f"{template[:m.start()]}<urn:kb:variable:{m.group(1)}>{template[m.end():]}"
    triples_text = template.rstrip()
    turtle = prologue + triples_text + ("" if triples_text.endswith(".") or not triples_text else " .")
    try:
        triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise QueryError(f"cannot read the CONSTRUCT template: {exc}") from exc
    head = " ".join(f"?{n}" for n in names) or "*"
    rows = select(f"{text[:parts.start]}SELECT {head} WHERE {text[parts.open:]}")
    graph = Graph()
    for row in ([()] if rows is True else [] if rows is False else rows.rows):
        values = dict(zip(names, row))
        fresh: dict[str, BNode] = {}
        for t in triples:
            terms = [_fill(term, values, fresh) for term in (t.subject, t.predicate, t.object)]
            if None not in terms and not isinstance(terms[0], Literal) and isinstance(terms[1], URIRef):
                graph.add(tuple(terms))
    return graph


def _fill(term, values: dict, fresh: dict) -> Identifier | None:
    if isinstance(term, ox.NamedNode) and term.value.startswith("urn:kb:variable:"):
        return values.get(term.value[16:])
    if isinstance(term, ox.BlankNode):
        return fresh.setdefault(term.value, BNode())
    return from_ox(term)


# ---------------------------------------------------------------------- terms

def nt(term: Identifier) -> str:
    """An N-Triples term, escaped by pyoxigraph; language tags lower-cased; no blank nodes."""
    if isinstance(term, BNode):
        raise StoreError("a blank node cannot be sent to a remote store", hint="kb writes IRIs for every node")
    if isinstance(term, Literal) and term.language:
        term = Literal(str(term), lang=term.language.lower())
    try:
        return str(to_ox(term))
    except ValueError as exc:
        raise InputError(f"{term!r} is not a valid RDF term: {exc}") from exc


_LEXICAL = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    XSD + "boolean": re.compile(r"true|false|1|0"),
    XSD + "double": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|-INF|NaN"),
    XSD + "date": re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?"),
    XSD + "dateTime": re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?"),
}


def check_literal(term: Literal) -> None:
    """Refuse a literal whose text is not valid for its XSD datatype (Virtuoso would store it)."""
    datatype = str(term.datatype) if term.datatype else ""
    pattern = _LEXICAL.get(datatype)
    if pattern is None:
        return
    value = str(term)
    match = pattern.fullmatch(value)
    valid = match is not None
    if valid and datatype in (XSD + "date", XSD + "dateTime"):
        year, month, day = (int(g) for g in match.groups()[:3])
        try:
            date(2000 + year % 400, month, day)  # the calendar repeats every 400 years
        except ValueError:
            valid = False
        if valid and datatype == XSD + "dateTime":
            hour, minute, second = (int(g) for g in match.groups()[3:6])
            valid = minute < 60 and second < 60 and (hour < 24 or (hour, minute, second) == (24, 0, 0))
    if not valid:
        short = datatype.rsplit("#", 1)[-1]
        raise InputError(f"refusing to write {value!r} as xsd:{short}: it is not a valid xsd:{short}",
                         hint="fix the value at its source; kb checks literals before writing to a remote store")


def _rdflib(cell: dict) -> Identifier:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if cell.get("xml:lang"):
        return Literal(value, lang=cell["xml:lang"].lower())
    datatype = cell.get("datatype")
    if datatype and datatype != XSD + "string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def _skolem(term: Identifier, graph: str) -> Identifier:
    return URIRef(f"{SKOLEM}{digest(graph, str(term))}") if isinstance(term, BNode) else term


# ---------------------------------------------------------------------- HTTP

class _Client(SPARQLWrapper):
    """SPARQLWrapper sending through this store's own opener (credentials stay per store)."""

    def __init__(self, endpoint: str, opener: urllib.request.OpenerDirector):
        super().__init__(endpoint, updateEndpoint=endpoint, agent="kb (SPARQLWrapper)")
        self.opener = opener
        self.setMethod(POST)
        self.setOnlyConneg(True)

    def _query(self):  # type: ignore[override]
        return self.opener.open(self._createRequest(), timeout=self.timeout), self.returnFormat


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """urllib's Digest handler counts retries across requests when the retried request fails
    (a 500 after authenticating): after six such failures it refuses every later challenge."""

    def http_error_401(self, req, fp, code, msg, headers):
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        finally:
            self.reset_retry_count()


def _opener(urls: list[str], user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """Answers the server's challenge: Digest (Virtuoso's /sparql-auth) or Basic, on the hosts of
    ``urls`` only."""
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    origins = {f"{part.scheme}://{part.netloc}/" for part in map(urllib.parse.urlsplit, urls)}
    passwords.add_password(None, sorted(origins), user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       _Digest(passwords))


def _message(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    body = body.split("\n\nSPARQL query:", 1)[0]  # Virtuoso echoes the whole query
    return " ".join(body.split())[:500] or exc.reason


# ---------------------------------------------------------------------- the store

class RemoteStore:
    """A SPARQL 1.1 endpoint: ``query_url`` for queries, ``update_url`` for updates (default: the
    same URL, or ``…/update`` beside a ``…/query`` URL); Basic or Digest authentication as the
    server asks; ``timeout`` seconds per request (also sent as Virtuoso's ``timeout`` parameter)."""

    def __init__(self, query_url: str, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 60.0, max_triples: int = 1000,
                 graph_store_url: str | None = None):
        if not re.match(r"https?://", query_url):
            raise StoreError(f"{query_url!r} is not an http(s) URL", hint="pass --endpoint http://host:port/path")
        self.query_url = query_url
        self.update_url = update_url or re.sub(r"/query$", "/update", query_url)
        self.timeout = timeout
        self.max_triples = max_triples
        self.graph_store_url = graph_store_url  # for bulk writes (Virtuoso's is found by itself)
        self._opener = _opener([self.query_url, self.update_url], user, password)
        self._graphs: set[str] | None = None
        self._server: str | None = None  # the Server header, once known
        self._foreign: set[str] = set()  # the server's graphs that are not kb's (listed with _graphs)
        self.path = query_url  # what the CLI prints as the store's place

    # ------------------------------------------------------------------ HTTP

    def _send(self, text: str, *, update: bool = False, scoped: bool = True, graph: bool = False):
        """One request; returns (headers with lower-case names, body). A 429/503 with Retry-After is retried."""
        client = _Client(self.update_url if update else self.query_url, self._opener)
        text, default, named, union = self._dataset(text) if scoped else (text, [], [], False)
        client.setQuery(_uncommented(text))
        client.queryType = "INSERT" if update else shape(text).form  # SPARQLWrapper's own guess reads comments
        client.setTimeout(int(self.timeout) + 5)
        if graph:
            client.setReturnFormat(TURTLE)
            client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        else:
            client.setReturnFormat(JSON)
        if not update:
            client.addParameter("timeout", str(int(self.timeout * 1000)))  # Virtuoso's query time limit
        if union:
            client.addParameter("union-default-graph", "true")
        for name in default:
            client.addDefaultGraph(name)
        for name in named:
            client.addNamedGraph(name)
        for attempt in range(_RETRIES):
            try:
                response = client.query().response
                headers = {k.lower(): v for k, v in response.info().items()}
                if self._server is None:
                    self._server = headers.get("server", "")
                return headers, response.read()
            except urllib.error.HTTPError as exc:
                wait = (exc.headers.get("Retry-After") or "").strip() if exc.headers else ""
                if exc.code in (429, 503) and wait.isdigit() and attempt + 1 < _RETRIES:
                    time.sleep(min(float(wait), 30.0))  # the server asked to come back: it did nothing
                    continue
                raise self._error(exc, update) from exc
            except ValueError as exc:  # urllib's answer to a challenge it cannot meet
                raise StoreError(f"{client.endpoint} asks for an authentication kb cannot give: {exc}",
                                 hint="kb speaks Basic and Digest (--user/--password)") from exc
            except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                raise StoreError(f"cannot reach the SPARQL endpoint {client.endpoint}: {reason}",
                                 hint="is the server running? check --endpoint / KB_ENDPOINT") from exc
        raise AssertionError("unreachable")

    def _error(self, exc: urllib.error.HTTPError, update: bool) -> Exception:
        url, message = exc.geturl() or self.query_url, _message(exc)
        if exc.code in (401, 403):
            return StoreError(f"{url} refused the request ({exc.code}): {message}",
                              hint="pass --user/--password (or KB_ENDPOINT_USER/KB_ENDPOINT_PASSWORD) "
                                   "for an account allowed to " + ("write" if update else "read"))
        if exc.code == 404:
            return StoreError(f"no SPARQL endpoint at {url} (404)", hint="check --endpoint / KB_ENDPOINT")
        if exc.code == 400 or re.search(r"\b(37000|SP030|SP031|syntax)\b", message, re.I):
            return QueryError(f"the endpoint rejected the SPARQL: {message}")
        if "estimated execution time" in message:
            return QueryError(f"the endpoint refused the query as too costly: {message}",
                              hint="Virtuoso's estimate can be far off: "
                                   "raise MaxQueryCostEstimationTime in virtuoso.ini")
        return StoreError(f"{url} failed ({exc.code}): {message}")

    def _select(self, text: str, scoped: bool = True) -> Rows | bool:
        headers, body = self._send(text, scoped=scoped)
        _check_complete(headers)
        data = json.loads(body)
        if "boolean" in data:
            return bool(data["boolean"])
        variables = data["head"].get("vars", [])
        rows = data["results"]["bindings"]
        limit = headers.get("x-sparql-maxrows")
        if limit and limit.isdigit() and len(rows) >= int(limit):
            rows = list(self._pages(text, variables, int(limit), scoped))
        return Rows(variables, [tuple(_rdflib(r[v]) if v in r else None for v in variables) for r in rows])

    def _pages(self, text: str, variables: list[str], size: int, scoped: bool) -> Iterator[dict]:
        offset = 0
        while True:
            headers, body = self._send(paged(text, variables, offset, size), scoped=scoped)
            _check_complete(headers)
            rows = json.loads(body)["results"]["bindings"]
            yield from rows
            if len(rows) < size:
                return
            offset += size

    # ------------------------------------------------------------------ reads

    def query(self, sparql: str, bindings: Mapping[str, Identifier] | None = None,
              source: str = "query") -> Rows | bool | Graph:
        text = with_prefixes(with_values(sparql, dict(bindings or {})))
        try:
            form = shape(text).form
            if form in ("SELECT", "ASK"):
                return self._select(text)
            if self._kind() == "virtuoso":  # it cuts graphs at ResultSetMaxRows without saying so
                if form == "DESCRIBE":
                    raise QueryError("Virtuoso may cut a DESCRIBE result short without saying so",
                                     hint="write it as a CONSTRUCT, which kb runs in pages")
                return construct(text, self._select)
            headers, body = self._send(text, graph=True)
        except QueryError as exc:
            raise QueryError(f"{source}: {exc.message}", exc.hint) from exc
        _check_complete(headers)
        media = (headers.get("content-type") or "application/n-triples").split(";")[0].strip()
        graph = Graph()
        for t in ox.parse(body, format=ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE):
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def _kind(self) -> str:
        """'virtuoso', 'oxigraph' (Oxigraph server or kb serve, both Oxigraph) or 'other', from
        the Server header (one ASK the first time)."""
        if self._server is None:
            self._send("ASK {}", scoped=False)
        server = self._server or ""
        if server.startswith("Virtuoso"):
            return "virtuoso"
        return "oxigraph" if server.startswith(("Oxigraph", "kb-serve")) else "other"

    def graph_names(self) -> set[str]:
        """kb's named graphs on the server (those under kbg:, temporary ones left out), cached;
        the server's other graphs are noted on the way (``_foreign``)."""
        if self._graphs is None:
            # GROUP BY, not DISTINCT: Virtuoso answers this in 0.06 s, DISTINCT in over 60 s (1M quads).
            rows = self._select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", scoped=False)
            names = {str(row[0]) for row in rows.rows}
            self._graphs = {g for g in names if g.startswith(str(GRAPH)) and not g.startswith(TEMP_GRAPHS)}
            self._foreign = names - self._graphs
        return self._graphs

    def _dataset(self, text: str) -> tuple[str, list[str], list[str], bool]:
        """(query text, default graphs, named graphs, union) that make kb's graphs the dataset:
        - Oxigraph holding kb's graphs only: its union-default-graph, the same dataset (with a
          list of thousands of graphs it looks each pattern up in every one of them);
        - Virtuoso holding fewer other graphs than kb's: its own union of every graph less the
          others, by DEFINE input:default-graph-exclude (it turns a list into an SQL IN whose
          arguments are limited: 5,000 graphs failed);
        - elsewhere: every kb graph as default-graph-uri and named-graph-uri."""
        kb, kind = self.graph_names(), self._kind()
        if kind == "oxigraph" and not self._foreign:
            return text, [], [], True
        if kind == "virtuoso" and len(self._foreign) < len(kb):
            defines = "".join(f"DEFINE input:default-graph-exclude <{g}>\nDEFINE input:named-graph-exclude <{g}>\n"
                              for g in sorted(self._foreign))
            return defines + text, [], [], False
        names = sorted(kb) or [EMPTY_GRAPH]
        return text, names, names, False

    def refresh(self) -> None:
        """Forget the cached graph list (graphs another writer added become visible)."""
        self._graphs = None

    def graph_value(self, graph: str, subject: str, predicate: str) -> str | None:
        rows = self._select(f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <{subject}> <{predicate}> ?o }} }} LIMIT 1",
                            scoped=False)
        return str(rows.rows[0][0]) if rows.rows else None

    def named_graphs(self) -> list[str]:
        return sorted(self.graph_names())

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows.rows[0][0])

    def mirror(self, graphs: Iterable[str] | None = None) -> Store:
        """The named graphs (all by default) copied into an in-memory embedded store."""
        copy = Store(None)
        wanted = self.named_graphs() if graphs is None else sorted(set(graphs))
        for name in wanted:
            rows = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}", scoped=False)
            copy._ox.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name)) for s, p, o in rows.rows])
        return copy

    def dataset(self, graphs: Iterable[str] | None = None) -> Dataset:
        return self.mirror(graphs).dataset()

    def union(self, graphs: Iterable[str] | None = None) -> Graph:
        return self.mirror(graphs).union()

    def dump(self, fmt: ExportFormat, graph: str | None = None) -> bytes:
        return self.mirror(None if graph is None else [graph]).dump(fmt, graph)

    def flush(self) -> None:
        """Nothing to do: every request is committed by the server."""

    # ------------------------------------------------------------------ writes

    def update(self, sparql: str) -> None:
        self._send(with_prefixes(sparql), update=True, scoped=False)
        self._graphs = None  # it may have added or dropped graphs

    def drop(self, graph: str) -> None:
        self._send(f"DROP SILENT GRAPH <{graph}>", update=True, scoped=False)
        if self._graphs is not None:
            self._graphs.discard(graph)

    def load(self, data: bytes, graph: str) -> None:
        """Replace ``graph`` with the parsed Turtle ``data`` (blank nodes become skolem IRIs)."""
        parsed = parse_turtle(data, graph)
        skolemised = Graph()
        for s, p, o in parsed:
            skolemised.add((_skolem(s, graph), p, _skolem(o, graph)))
        self.replace_graphs({graph: skolemised})

    def replace_graphs(self, graphs: Mapping[str, GraphLike], provenance_for: str | None = None,
                       provenance: GraphLike | None = None, additions: Mapping[str, GraphLike] | None = None) -> None:
        """Replace each graph in ``graphs``, add ``additions``, then replace the provenance about
        ``provenance_for``. On Oxigraph (server or kb serve) one update request, one transaction;
        elsewhere one request when it fits in ``max_triples``, otherwise (and always on Virtuoso)
        each new graph is staged under a temporary name and moved in, with the provenance record
        written last (docs/decisions.md)."""
        replaced = {name: _lines(graph) for name, graph in graphs.items()}
        added = {name: _lines(graph) for name, graph in (additions or {}).items()}
        record = _lines(provenance) if provenance is not None else []
        if len(record) > self.max_triples:
            raise StoreError(f"the provenance record of <{provenance_for}> has {len(record)} triples, "
                             f"more than one request may carry ({self.max_triples})")
        marker = _provenance_ops(provenance_for, record)
        size = sum(map(len, replaced.values())) + sum(map(len, added.values())) + len(record)
        kind = self._kind()
        if (size <= self.max_triples and kind == "other") or kind == "oxigraph":
            ops = [f"DROP SILENT GRAPH <{name}>" for name in replaced]
            body = _quads([*replaced.items(), *added.items()])
            self._send(" ;\n".join(ops + ([f"INSERT DATA {{\n{body}\n}}"] if body else []) + marker),
                       update=True, scoped=False)
        else:
            for name, lines in replaced.items():
                self._stage(_temporary(name), lines)
            for name, lines in added.items():
                self._insert(name, lines)
            final = [f"MOVE SILENT GRAPH <{_temporary(name)}> TO GRAPH <{name}>" for name in replaced] + marker
            # Virtuoso applies the operations of one request one by one anyway, and a request of
            # several compiles far slower than the same operations sent apart.
            for request in (final if kind == "virtuoso" else [" ;\n".join(final)]):
                self._send(request, update=True, scoped=False)
        if self._graphs is not None:
            self._graphs |= {n for n, lines in [*replaced.items(), *added.items()] if lines}
            if record:
                self._graphs.add(str(PROVENANCE_GRAPH))

    def _stage(self, graph: str, lines: list[str]) -> None:
        """``graph`` holding exactly ``lines``: one Graph Store Protocol PUT where there is a graph
        store, else a DROP and INSERT DATA requests of at most ``max_triples`` triples."""
        store = self.graph_store_url or (_virtuoso_graph_store(self.update_url) if self._kind() == "virtuoso" else None)
        if store is None:
            self._send(f"DROP SILENT GRAPH <{graph}>", update=True, scoped=False)
            self._insert(graph, lines)
            return
        url = store + ("&" if "?" in store else "?") + urllib.parse.urlencode({"graph": graph, "graph-uri": graph})
        request = urllib.request.Request(url, data="\n".join(lines).encode("utf-8"), method="PUT",
                                         headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with self._opener.open(request, timeout=self.timeout + 5) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise self._error(exc, True) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"cannot reach the graph store {store}: {getattr(exc, 'reason', exc)}") from exc

    def _insert(self, graph: str, lines: list[str]) -> None:
        for i in range(0, len(lines), self.max_triples):
            self._send(f"INSERT DATA {{\n{_quads([(graph, lines[i:i + self.max_triples])])}\n}}",
                       update=True, scoped=False)


def _virtuoso_graph_store(update_url: str) -> str:
    """Virtuoso's Graph Store Protocol endpoint beside its SPARQL endpoint."""
    return re.sub(r"/sparql(-auth)?/?$", lambda m: "/sparql-graph-crud" + (m.group(1) or ""), update_url)


def _lines(graph: GraphLike) -> list[str]:
    """N-Triples lines of ``graph``, each literal checked first."""
    out = []
    for s, p, o in graph:
        if isinstance(o, Literal):
            check_literal(o)
        out.append(f"{nt(s)} {nt(p)} {nt(o)} .")
    return out


def _quads(graphs: list[tuple[str, list[str]]]) -> str:
    return "\n".join(f"GRAPH <{name}> {{\n" + "\n".join(lines) + "\n}" for name, lines in graphs if lines)


def _provenance_ops(graph: str | None, record: list[str]) -> list[str]:
    """Replace what the provenance graph says about ``graph`` by ``record`` (written last)."""
    ops = []
    if graph is not None:
        g, pg, was = f"<{graph}>", f"<{PROVENANCE_GRAPH}>", f"<{PROV.wasGeneratedBy}>"
        ops.append(f"DELETE {{ GRAPH {pg} {{ ?run ?rp ?ro }} }} "
                   f"WHERE {{ GRAPH {pg} {{ {g} {was} ?run . ?run ?rp ?ro }} }}")
        ops.append(f"DELETE WHERE {{ GRAPH {pg} {{ {g} ?p ?o }} }}")
    if record:
        ops.append(f"INSERT DATA {{\n{_quads([(str(PROVENANCE_GRAPH), record)])}\n}}")
    return ops


def _temporary(graph: str) -> str:
    return f"{TEMP_GRAPHS}{digest(graph)}"


def _check_complete(headers) -> None:
    """Virtuoso answers 200 with whatever it had when its time limit struck: refuse that."""
    if (headers.get("x-sql-state") or "").strip() == "S1TAT":
        raise StoreError("the server stopped the query at its time limit and sent partial results "
                         "(Virtuoso X-SQL-State: S1TAT); kb does not use partial results",
                         hint="narrow the query, or raise the time limit (KB_ENDPOINT timeout, "
                              "MaxQueryExecutionTime in virtuoso.ini)")
