"""kb serve: a SPARQL 1.1 Protocol endpoint over the embedded store (standard library HTTP server).

Reads: HTTP requests: queries by GET or POST (form or ``application/sparql-query``), updates by
POST (form or ``application/sparql-update``). Returns: SPARQL JSON, XML, CSV or TSV results and
Turtle, TriG, N-Triples, N-Quads, RDF/XML or JSON-LD graphs, chosen by the Accept header.
Raises: StoreError when the address cannot be bound; while serving, errors are HTTP answers.

- Read-only unless an update token is given; then an update needs ``Authorization: Bearer
  <token>`` (or Basic with the token as password, for clients that only speak Basic).
- The default graph is the union of the named graphs (as ``kb query``), unless the request
  names its dataset with ``default-graph-uri`` / ``named-graph-uri``.
- Each query runs in a worker thread with a deadline; when it passes, the client gets 503 and
  the worker stops at its next result row (Oxigraph cannot interrupt an aggregation that has
  not produced its first row: that work runs to its end, on one of ``WORKERS`` threads).
- CORS: every answer allows any origin; preflight requests are answered.
- The results are serialised by pyoxigraph from the store's own handle, not through rdflib.
"""

from __future__ import annotations

import base64
import hmac
import io
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

from kb.errors import QueryError, StoreError
from kb.store import Store
from kb.vocab import PREFIXES

WORKERS = 4
MAX_BODY = 64 * 1024 * 1024
PATHS = ("/sparql", "/query", "/update")
RESULTS = [("application/sparql-results+json", ox.QueryResultsFormat.JSON),
           ("application/json", ox.QueryResultsFormat.JSON),
           ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
           ("application/xml", ox.QueryResultsFormat.XML),
           ("text/csv", ox.QueryResultsFormat.CSV),
           ("text/tab-separated-values", ox.QueryResultsFormat.TSV)]
GRAPHS = [("text/turtle", ox.RdfFormat.TURTLE), ("application/trig", ox.RdfFormat.TRIG),
          ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("application/n-quads", ox.RdfFormat.N_QUADS),
          ("application/rdf+xml", ox.RdfFormat.RDF_XML), ("application/ld+json", ox.RdfFormat.JSON_LD)]
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Authorization, Content-Type", "Access-Control-Max-Age": "86400"}


def negotiate(accept: str | None, offers: list[tuple[str, object]]) -> tuple[str, object] | None:
    """The offer the Accept header prefers (highest q, then the header's order); the first if none is given."""
    if not accept or not accept.strip():
        return offers[0]
    best, best_q = None, 0.0
    for position, item in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        for offer in offers:
            if _matches(media.lower(), offer[0]) and q > best_q:
                best, best_q = offer, q
                break
    return best


def _matches(media: str, offer: str) -> bool:
    if media in ("*/*", offer):
        return True
    return media.endswith("/*") and offer.startswith(media[:-1])


class _Deadline(io.BytesIO):
    """A result buffer that stops the serialiser once the request has been given up."""

    def __init__(self, cancelled: threading.Event):
        super().__init__()
        self.cancelled = cancelled

    def write(self, data) -> int:  # type: ignore[override]
        if self.cancelled.is_set():
            raise TimeoutError("query cancelled")
        return super().write(data)


@dataclass
class Endpoint:
    store: Store
    token: str | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.slots = threading.BoundedSemaphore(WORKERS)

    def run(self, text: str, accept: str | None, default: list[str], named: list[str]) -> tuple[int, str, bytes]:
        """(status, content type, body) for a query, evaluated on a daemon thread (one of
        ``WORKERS``) so that the answer can be given up at the deadline."""
        if not self.slots.acquire(timeout=self.timeout):
            return 503, "text/plain", b"busy: every worker is still on an earlier query\n"
        cancelled, done, answer = threading.Event(), threading.Event(), []

        def work() -> None:
            try:
                answer.append(self._evaluate(text, accept, default, named, cancelled))
            except Exception as exc:  # a bug: still an answer, not a thread dying in silence
                answer.append((500, "text/plain", f"internal error: {type(exc).__name__}: {exc}\n".encode()))
            finally:
                self.slots.release()
                done.set()

        threading.Thread(target=work, name="kb-query", daemon=True).start()
        if done.wait(self.timeout) and answer:
            return answer[0]
        cancelled.set()
        return 503, "text/plain", f"query timed out after {self.timeout:g} s\n".encode()

    def _evaluate(self, text, accept, default, named, cancelled) -> tuple[int, str, bytes]:
        dataset = {"use_default_graph_as_union": True} if not (default or named) else \
            {"default_graph": [ox.NamedNode(g) for g in default], "named_graphs": [ox.NamedNode(g) for g in named]}
        try:
            result = self.store._ox.query(text, prefixes={k: str(v) for k, v in PREFIXES.items()}, **dataset)
            offers = GRAPHS if isinstance(result, ox.QueryTriples) else RESULTS
            chosen = negotiate(accept, offers)
            if chosen is None:
                return 406, "text/plain", ("acceptable: " + ", ".join(m for m, _ in offers) + "\n").encode()
            out = _Deadline(cancelled)
            result.serialize(out, format=chosen[1])
        except SyntaxError as exc:
            return 400, "text/plain", f"invalid SPARQL: {exc}\n".encode()
        except ValueError as exc:
            return 400, "text/plain", f"{exc}\n".encode()
        except (OSError, TimeoutError, RuntimeError) as exc:
            if cancelled.is_set():
                return 503, "text/plain", b"query cancelled\n"
            return 500, "text/plain", f"query failed: {exc}\n".encode()
        return 200, chosen[0], out.getvalue()

    def authorised(self, header: str | None) -> bool:
        if not self.token or not header:
            return False
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer":
            given = value.strip()
        elif scheme.lower() == "basic":
            try:
                given = base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
            except (ValueError, UnicodeDecodeError):
                return False
        else:
            return False
        return hmac.compare_digest(given.encode(), self.token.encode())

    def update(self, text: str) -> tuple[int, str, bytes]:
        try:
            self.store.update(text)
        except QueryError as exc:
            return 400, "text/plain", f"{exc.message}\n".encode()
        except StoreError as exc:
            return 500, "text/plain", f"{exc.message}\n".encode()
        return 204, "text/plain", b""


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint  # set on the subclass make_server builds
    server_version = "kb-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """Quiet: kb serve prints one line when it starts, nothing per request."""

    def do_OPTIONS(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(204, "text/plain", b"")

    def do_GET(self) -> None:  # noqa: N802
        path, params = self._target()
        if path == "/" and not params:
            self._answer(200, "text/plain", b"kb SPARQL endpoint: GET or POST /sparql?query=...\n")
        elif path not in PATHS:
            self._answer(404, "text/plain", b"not found: the endpoint is /sparql\n")
        elif "update" in params:
            self._answer(405, "text/plain", b"updates must be sent by POST\n", {"Allow": "POST"})
        elif "query" not in params:
            self._answer(400, "text/plain", b"missing the 'query' parameter\n")
        else:
            self._query(params["query"][0], params)

    def do_POST(self) -> None:  # noqa: N802
        path, params = self._target()
        if path not in PATHS:
            return self._answer(404, "text/plain", b"not found: the endpoint is /sparql\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._answer(413, "text/plain", b"request body too large\n", close=True)
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/sparql-update":
            params["update"] = [body]
        else:
            return self._answer(415, "text/plain",
                                b"send a form, application/sparql-query or application/sparql-update\n")
        if "update" in params:
            return self._update(params["update"][0])
        if "query" in params:
            return self._query(params["query"][0], params)
        self._answer(400, "text/plain", b"missing the 'query' or 'update' parameter\n")

    def _target(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path.rstrip("/") or "/", urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        status, media, body = self.endpoint.run(text, self.headers.get("Accept"), params.get("default-graph-uri", []),
                                                params.get("named-graph-uri", []))
        self._answer(status, media, body, {"Vary": "Accept"})

    def _update(self, text: str) -> None:
        if not self.endpoint.token:
            return self._answer(403, "text/plain", b"this endpoint is read-only (start kb serve with --update-token)\n")
        if not self.endpoint.authorised(self.headers.get("Authorization")):
            challenge = [("WWW-Authenticate", 'Basic realm="kb"'), ("WWW-Authenticate", 'Bearer realm="kb"')]
            return self._answer(401, "text/plain", b"updates need Authorization: Bearer <token>\n", challenge)
        self._answer(*self.endpoint.update(text))

    def _answer(self, status: int, media: str, body: bytes, headers=None, close: bool = False) -> None:
        self.send_response(status)
        items = headers.items() if isinstance(headers, dict) else (headers or [])
        for name, value in [*CORS.items(), *items]:
            self.send_header(name, value)
        if media and body:
            self.send_header("Content-Type", media if "charset" in media or not media.startswith("text/")
                             else media + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
                timeout: float = 30.0) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0: any free one), not yet serving."""
    handler: Callable = type("KbHandler", (Handler,), {"endpoint": Endpoint(store, token, timeout)})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise StoreError(f"cannot listen on {host}:{port}: {exc}", hint="pick another --port") from exc
    server.daemon_threads = True
    return server
