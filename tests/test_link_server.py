"""The Wikidata linker against real HTTP servers on 127.0.0.1, never anything else.

- `oxigraph serve` (started here on a free port, stopped after) loaded with
  tests/fixtures/wikidata/fixture.ttl: the seed QIDs plus distractors (other Putins and Trumps,
  other Hamburgs, Moskau the song, George Washington, two equal "Dmitri Peskow"s ...);
- small http.server servers: 429 and 503 with Retry-After, slow, down, 200 without results, and a
  flaky one that fails after its first answer (what was fetched must stay cached).
Waits asked for by Retry-After are recorded through an injected sleep, not slept; no test asserts
a wall-clock time. The federated query of queries/wikidata/ runs against the fixture server.
"""

from __future__ import annotations

import email.utils
import gc
import http.server
import importlib.util
import json
import math
import os
import shutil
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kb.link import Request, decide
from kb.pipeline import ingest, link_entities
from kb.queries import load_query_file
from kb.store import ExportFormat, Store
from kb.validate import load_shapes, validate_graph
from kb.wikidata import Cache, Client, WikidataError, federated

from conftest import run_kb

ROOT = Path(__file__).resolve().parents[1]
LINKS = "https://kb.example.org/graph/links"
WHEN = date(2017, 5, 2)


def _bench():
    spec = importlib.util.spec_from_file_location("link_bench", ROOT / "bench" / "link.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


@pytest.fixture(scope="module")
def wdqs() -> str:
    """The fixture's SPARQL endpoint URL (oxigraph serve on 127.0.0.1)."""
    if shutil.which("oxigraph") is None:
        message = "oxigraph is not installed (pip install oxigraph): the fixture server cannot start"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with BENCH.FixtureServer() as server:
        yield server.url


class LocalServer:
    """An http.server on 127.0.0.1:0 in a thread. ``respond(n, body)`` -> (status, headers, bytes),
    or None to hold the request until the test ends (at most 5 s): a slow server."""

    def __init__(self, respond):
        self.respond, self.requests, self.active, self.most_active = respond, [], 0, 0
        self.release = threading.Event()
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                self.answer(urllib.parse.urlsplit(self.path).query.encode())

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                    body = urllib.parse.urlencode({"query": body.decode()}).encode()
                self.answer(body)

            def answer(self, body: bytes) -> None:
                with outer.lock:
                    outer.requests.append((dict(self.headers), body))
                    n = len(outer.requests) - 1
                    outer.active += 1
                    outer.most_active = max(outer.most_active, outer.active)
                try:
                    answer = outer.respond(n, body, self.headers)
                    if answer is None:
                        outer.release.wait(5)
                        return
                    status, headers, data = answer
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with outer.lock:
                        outer.active -= 1

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def forward(url: str):
    """A respond function that passes the request on to ``url`` (the fixture server)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def respond(n, body, headers):
        accept = headers.get("Accept") or "application/sparql-results+json"
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        with opener.open(request, timeout=10) as response:
            return response.status, {"Content-Type": response.headers["Content-Type"]}, response.read()
    return respond


def refuse(code: int, retry_after: str | None = None):
    headers = {"Content-Type": "text/plain"} | ({"Retry-After": retry_after} if retry_after else {})
    return code, headers, b"Too Many Requests" if code == 429 else b"Service Unavailable"


def client(url: str, **options) -> Client:
    waits = []
    return Client(url, options.pop("cache", None) or Cache(), sleep=waits.append, **options)


def _kb(*args: object):
    return run_kb(*args)


def _closed_port_url() -> str:
    return f"http://127.0.0.1:{BENCH.free_port()}/sparql"


# ---------------------------------------------------------------------------- the labelled mentions


def test_precision_recall_and_requests_per_label(wdqs: str, tmp_path: Path):
    mentions = BENCH.load_mentions()
    first = BENCH.evaluate(mentions, Client(wdqs, Cache(tmp_path / "cache.sqlite")))
    print(f"\nfixture: precision {first['precision']}, recall {first['recall']}, {first['links']} links, "
          f"{first['distinct_labels']} distinct labels in {first['requests']} requests")
    assert first["mentions"] >= 150 and first["nil"] >= 20
    assert first["precision"] >= 0.95, first["wrong_links"]
    assert first["recall"] >= 0.9, first["missed"]
    assert not any("Q9000" in line for line in first["wrong_links"]), "a fixture distractor was linked"
    assert first["requests"] <= math.ceil(first["distinct_labels"] / 50)
    again = BENCH.evaluate(mentions, Client(wdqs, Cache(tmp_path / "cache.sqlite")))
    assert again["requests"] == 0
    assert (again["precision"], again["recall"]) == (first["precision"], first["recall"])


def test_offline_seed_on_the_labelled_mentions():
    from kb.wikidata import Seed

    result = BENCH.evaluate(BENCH.load_mentions(), Seed())
    assert result["requests"] == 0 and result["precision"] == 1.0 and result["recall"] >= 0.9


# ---------------------------------------------------------------------------- distractors


@pytest.fixture(scope="module")
def facts(wdqs: str) -> Client:
    found = Client(wdqs, Cache())
    found.prefetch(["Putin", "Wladimir Putin", "Trump", "Fred Trump", "Donald Trump", "Hamburg", "Moskau",
                    "Washington", "Dmitri Peskow", "Sergej Lawrow", "Kreml"])
    return found


def test_people_named_putin_or_trump(facts: Client):
    putin = decide(Request("p", "person", ("Wladimir Putin", "Putin"), WHEN, (("Russland", "Russia"),)), facts)
    assert putin.qid == "Q7747"
    assert "in office on 2017-05-02: President of Russia" in putin.candidates[0].reasons
    assert decide(Request("t", "person", ("Donald Trump", "Trump"), WHEN), facts).qid == "Q22686"
    assert decide(Request("f", "person", ("Fred Trump",), date(1990, 1, 1)), facts).qid == "Q900000213"
    assert decide(Request("f", "person", ("Fred Trump",), WHEN), facts).status == "none"  # died 1999
    assert decide(Request("t", "organization", ("Trump",), WHEN), facts).status == "none"  # a name, people


def test_hamburg_moscow_washington(facts: Client):
    usa = (("Vereinigte Staaten", "United States"),)
    assert decide(Request("h", "city", ("Hamburg",), WHEN, usa), facts).qid == "Q1055"
    assert decide(Request("h", "person", ("Hamburg",), WHEN), facts).status == "none"
    assert decide(Request("m", "city", ("Moskau",), WHEN), facts).qid == "Q649"
    assert decide(Request("r", "country", ("Moskau",), WHEN), facts).status == "none"  # a city, a song, a village
    assert decide(Request("r", "country", ("Kreml",), WHEN), facts).status == "none"  # a fortress
    assert decide(Request("w", "city", ("Washington",), WHEN), facts).qid == "Q61"
    assert decide(Request("w", "person", ("Washington",), WHEN), facts).status == "none"  # died 1799


def test_ambiguous_people_are_left_unlinked(facts: Client):
    for label in ("Dmitri Peskow", "Sergej Lawrow"):
        link = decide(Request("x", "person", (label,), WHEN), facts)
        assert link.status == "review" and link.qid is None
        assert len(link.candidates) == 2 and all(c.qid.startswith("Q9000002") for c in link.candidates)


# ---------------------------------------------------------------------------- the endpoint's rules


def test_request_is_a_polite_post(wdqs: str):
    with LocalServer(forward(wdqs)) as server:
        found = client(server.url)
        found.prefetch(["Putin"])
    headers, body = server.requests[0]
    assert headers["User-Agent"].startswith("kb/") and "SPARQLWrapper" in headers["User-Agent"]
    assert "application/sparql-results+json" in headers["Accept"]
    assert body.startswith(b"query=") and b"format=" not in body
    assert "Q7747" in found.candidates("Putin")


def test_429_is_retried_after_retry_after(wdqs: str):
    ok = forward(wdqs)
    with LocalServer(lambda n, body, headers: refuse(429, "1") if n < 2 else ok(n, body, headers)) as server:
        found = client(server.url)
        found.prefetch(["Putin"])
    assert found.requests == 3 and found.waits == [1.0, 1.0]
    assert "Q7747" in found.candidates("Putin")


def test_503_with_an_http_date(wdqs: str):
    ok = forward(wdqs)
    later = email.utils.format_datetime(datetime.now(timezone.utc) + timedelta(seconds=2), usegmt=True)
    with LocalServer(lambda n, body, headers: refuse(503, later) if n == 0 else ok(n, body, headers)) as server:
        found = client(server.url)
        found.prefetch(["Trump"])
    assert found.requests == 2 and len(found.waits) == 1 and 0 <= found.waits[0] <= 2
    assert "Q22686" in found.candidates("Trump")


def test_429_forever_gives_up_with_a_clear_message():
    with LocalServer(lambda n, body, headers: refuse(429, "1")) as server:
        found = client(server.url, max_retries=2)
        with pytest.raises(WikidataError, match=r"still answered HTTP 429 after 2 retries") as info:
            found.prefetch(["Putin"])
    assert found.requests == 3 and found.waits == [1.0, 1.0]
    assert info.value.exit_code == 6 and "cached" in info.value.hint
    assert found.candidates("Putin") is None  # nothing made up


def test_retry_after_beyond_the_cap_is_not_waited_for():
    with LocalServer(lambda n, body, headers: refuse(429, "3600")) as server:
        found = client(server.url)
        with pytest.raises(WikidataError, match=r"asked to wait 3600 s, more than the 120 s cap"):
            found.prefetch(["Putin"])
    assert found.requests == 1 and found.waits == []


def test_slow_server_times_out():
    with LocalServer(lambda n, body, headers: None) as server:
        found = client(server.url, timeout=0.5)
        with pytest.raises(WikidataError, match=r"did not answer within 0.5 s"):
            found.prefetch(["Putin"])
    assert found.requests == 1


def test_down_server():
    found = client(_closed_port_url())
    with pytest.raises(WikidataError, match=r"cannot reach http://127\.0\.0\.1:\d+/sparql"):
        found.prefetch(["Putin"])


def test_200_that_is_not_sparql_results_is_not_cached():
    page = (200, {"Content-Type": "text/html"}, b"<html>maintenance</html>")
    with LocalServer(lambda n, body, headers: page) as server:
        found = client(server.url)
        with pytest.raises(WikidataError, match="answered 200 but not with SPARQL JSON results"):
            found.prefetch(["Putin"])
    assert found.candidates("Putin") is None


def test_200_with_no_results_is_cached_as_an_empty_answer(tmp_path: Path):
    empty = (200, {"Content-Type": "application/sparql-results+json"},
             json.dumps({"head": {"vars": ["text", "item"]}, "results": {"bindings": []}}).encode())
    with LocalServer(lambda n, body, headers: empty) as server:
        first = client(server.url, cache=Cache(tmp_path / "c.sqlite"))
        assert first.prefetch(["Niemand", "Keiner"]) == 2
        second = client(server.url, cache=Cache(tmp_path / "c.sqlite"))
        assert second.prefetch(["Niemand", "Keiner"]) == 0
    assert len(server.requests) == 1 and second.requests == 0
    assert second.candidates("Niemand") == ()  # known: no such item (not "unknown")


def test_a_failure_keeps_the_batches_already_answered(wdqs: str, tmp_path: Path):
    ok = forward(wdqs)
    state = {"down": True}
    texts = ["Putin", "Trump", "Hamburg", "Moskau"]

    def respond(n, body, headers):
        return ok(n, body, headers) if n == 0 or not state["down"] else refuse(503)

    with LocalServer(respond) as server:
        flaky = client(server.url, cache=Cache(tmp_path / "c.sqlite"), batch=2, max_retries=1)
        with pytest.raises(WikidataError, match="HTTP 503"):
            flaky.prefetch(texts)
        assert set(Cache(tmp_path / "c.sqlite").texts(server.url, texts)) == {"Putin", "Trump"}
        state["down"] = False  # the endpoint is back: only the missing batch is asked for
        resumed = client(server.url, cache=Cache(tmp_path / "c.sqlite"), batch=2)
        assert resumed.prefetch(texts) == 2 and resumed.requests == 1
    assert "Q1055" in resumed.candidates("Hamburg") and "Q7747" in resumed.candidates("Putin")


def test_one_request_at_a_time(wdqs: str):
    ok = forward(wdqs)

    def slow_ok(n, body, headers):
        time.sleep(0.2)
        return ok(n, body, headers)

    with LocalServer(slow_ok) as server:
        clients = [client(server.url), client(server.url)]
        threads = [threading.Thread(target=c.prefetch, args=([label],)) for c, label in zip(clients, ["Putin", "Trump"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
    assert len(server.requests) == 2 and server.most_active == 1


# ---------------------------------------------------------------------------- pipeline and command line


def test_ingest_and_link_online(wdqs: str, tmp_path: Path, seed_paths):
    store = tmp_path / "kb"
    result = _kb("ingest", *seed_paths, "--store", store, "--wikidata-endpoint", wdqs)
    assert result.exit_code == 0, result.output
    assert "1 requests to " + wdqs in result.stderr
    result = _kb("link", "--store", store, "--wikidata-endpoint", wdqs)
    assert result.exit_code == 0, result.output
    assert "0 fetched in 0 requests" in result.stderr  # everything came from the cache
    db = Store(store)
    rows = db.query(f"""PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?e ?q WHERE {{ GRAPH <{LINKS}> {{ ?e owl:sameAs ?q }} }}""").rows
    linked = {str(e).rsplit("/", 1)[-1]: str(q).rsplit("/", 1)[-1] for e, q in rows}
    assert linked["vladimir-putin"] == "Q7747" and linked["donald-trump"] == "Q22686"
    assert linked["hamburg"] == "Q1055" and linked["g20"] == "Q19771"  # online, the endpoint's facts decide
    assert not any(q.startswith("Q9000") for q in linked.values())
    assert validate_graph(db.union(), load_shapes()).conforms
    used = db.query(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?used WHERE {{ GRAPH <{LINKS}> {{ ?run prov:used ?used }} }}""").rows
    assert [str(u[0]) for u in used] == [wdqs]


def test_kb_link_against_a_down_server_changes_nothing(tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    before = sorted(store.dump(ExportFormat.nquads).splitlines())
    del store
    gc.collect()
    result = _kb("link", "--store", tmp_path / "kb", "--wikidata-endpoint", _closed_port_url())
    assert result.exit_code == 6, result.output
    lines = result.stderr.splitlines()
    assert lines[-2].startswith("error: cannot reach http://127.0.0.1:") and lines[-1].startswith("hint: ")
    assert "pending" in lines[0]
    assert sorted(Store(tmp_path / "kb").dump(ExportFormat.nquads).splitlines()) == before


def test_ingest_with_a_down_endpoint_still_stores_the_articles(tmp_path: Path, seed_paths):
    result = _kb("ingest", *seed_paths, "--store", tmp_path / "kb", "--wikidata-endpoint", _closed_port_url())
    assert result.exit_code == 0, result.output
    assert "2 written" in result.stderr and "warning: Wikidata linking incomplete: cannot reach" in result.stderr
    store = Store(tmp_path / "kb")
    assert len(store.query("SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> }").rows) >= 2
    # the links come later, from the cache or the endpoint once it is back
    assert link_entities(store, __import__("kb.wikidata").wikidata.Seed()).accepted == 18


# ---------------------------------------------------------------------------- federated enrichment


def test_federated_office_on_the_claim_date(wdqs: str, tmp_path: Path, seed_paths):
    store = Store(tmp_path / "kb")
    ingest(store, seed_paths)
    query = load_query_file(ROOT / "queries" / "wikidata" / "speaker_office_on_claim_date.rq")
    assert "SERVICE <https://query.wikidata.org/sparql>" in query.text
    items = [str(r[0]).rsplit("/", 1)[-1] for r in store.query(f"""PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT DISTINCT ?q WHERE {{ GRAPH <{LINKS}> {{ ?e owl:sameAs ?q }} }}""").rows]
    with LocalServer(forward(wdqs)) as server:
        rows = store.query(federated(query.text, server.url, items)).rows
    sent = urllib.parse.parse_qs(server.requests[0][1].decode())["query"][0]
    assert "VALUES" in sent and "<http://www.wikidata.org/entity/Q7747>" in sent  # only the KB's items
    offices = {(str(r[0]).rsplit("/", 1)[-1], str(r[5])) for r in rows}
    assert ("vladimir-putin", "President of Russia") in offices
    assert ("donald-trump", "President of the United States") in offices
    assert not any(o == "Prime Minister of Russia" for _, o in offices)  # not held in 2017
    assert all(str(r[3]) >= "2017" for r in rows)
